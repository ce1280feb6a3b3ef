//! `make bench`: the native performance figures, one section per area. Browser figures (drag
//! and run frame times, wasm throughput) come from the Playwright scripts `make bench` runs next.

#[cfg(not(target_arch = "wasm32"))]
mod editor;
#[cfg(not(target_arch = "wasm32"))]
mod share;
#[cfg(not(target_arch = "wasm32"))]
mod sim;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this binary without it:
    // the figures (minutes of work) are not a test, but each bench's self-test (a brief run of
    // its body with its checks, panicking on failure) is.
    if !std::env::args().any(|a| a == "--bench") {
        println!("benchmarks: run `make bench` (or `cargo bench --bench scalelab`); self-tests:");
        editor::self_test();
        return;
    }
    // `cargo bench --bench scalelab -- mm4-only` runs just the event-core figure (for profiling).
    if std::env::args().any(|a| a == "mm4-only") {
        sim::run_mm4_only();
        return;
    }
    // `-- chapter-only`: just the chapter-final requests/s (for profiling).
    if std::env::args().any(|a| a == "chapter-only") {
        sim::run_chapter_only();
        return;
    }
    // `-- build-only`: just the cost of building the chapter-final simulation.
    if std::env::args().any(|a| a == "build-only") {
        sim::run_build_only();
        return;
    }
    // `-- routes-only`: just the wire routing figures of the editor.
    if std::env::args().any(|a| a == "routes-only") {
        editor::run_routes();
        return;
    }
    println!("== share format");
    share::run();
    println!("\n== simulation");
    sim::run();
    println!("\n== editor");
    editor::run();
}

/// The figures need a native clock: in wasm, `tests/wasm_bench.rs` measures the simulation.
#[cfg(target_arch = "wasm32")]
fn main() {}
