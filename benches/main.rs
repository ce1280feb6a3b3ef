//! `make bench`: the native performance figures, one section per area. Browser figures (drag
//! and run frame times, wasm throughput) come from the Playwright scripts `make bench` runs next.

mod editor;
mod share;
mod sim;

fn main() {
    // `cargo bench --bench scalelab -- mm4-only` runs just the event-core figure (for profiling).
    if std::env::args().any(|a| a == "mm4-only") {
        sim::run_mm4_only();
        return;
    }
    // `-- build-only`: just the cost of building the chapter-final simulation.
    if std::env::args().any(|a| a == "build-only") {
        sim::run_build_only();
        return;
    }
    println!("== share format");
    share::run();
    println!("\n== simulation");
    sim::run();
    println!("\n== editor");
    editor::run();
}
