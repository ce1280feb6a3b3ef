//! Browser tests: components that need a real DOM, run in headless Chromium by
//! wasm-bindgen-test (see `make test-browser`).
#![cfg(target_arch = "wasm32")]

mod canvas;
mod erase;
mod persist;
mod run;
mod shell;
mod sim;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
