//! The `scalelab` binary: the web app when built for wasm32, a command-line runner natively.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    scalelab::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(scalelab::cli::run(
        &args,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    ));
}
