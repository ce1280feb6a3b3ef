//! The native integration tests, one binary for short link times. Each submodule covers one
//! area of the crate.
#![cfg(not(target_arch = "wasm32"))]

mod tidy;
