//! The one integration-test binary (one link step for every integration test).
//!
//! Native only: the property tests use proptest, which is a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

mod model;
mod share;
mod sim_oracles;
mod sim_run;
