//! The native integration tests, one binary for short link times. Each submodule covers one
//! area of the crate. Native only: the property tests use proptest, a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

mod editor;
mod lessons;
mod model;
mod review;
mod share;
mod sim;
mod tidy;
