//! `make bench`: the native performance figures, one section per area. Browser figures (drag
//! and run frame times, wasm throughput) come from the Playwright scripts `make bench` runs next.

mod editor;
mod share;
mod sim;

fn main() {
    // `cargo bench` passes `--bench`; nothing here takes arguments.
    println!("== share format");
    share::run();
    println!("\n== simulation");
    sim::run();
    println!("\n== editor");
    editor::run();
}
