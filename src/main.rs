//! The `scalelab` binary: the web app when built for wasm32, a command-line runner natively.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The same module also runs the background simulation worker, which has no window and is
    // started by `sim_worker_main` below instead.
    if web_sys::window().is_some() {
        scalelab::ui::mount();
    }
}

/// The simulation worker's entry point, called by `web/sim-worker.js` once the module is
/// instantiated in the worker.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn sim_worker_main() {
    scalelab::ui::sim_worker::start();
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
