//! The single integration test binary; each module tests one part of the crate natively.
#![cfg(not(target_arch = "wasm32"))]

mod editor;
