//! The root of the `scalelab-core` crate (`core/Cargo.toml`): the document model and the
//! simulation that reads it.
//!
//! They are a crate of their own for one reason: the release profile compiles this crate for
//! speed (opt-level 3) and the rest of the app, mostly view code, for size. The `scalelab`
//! crate re-exports both modules, so every path stays `scalelab::model` and `scalelab::sim`.

pub mod decimal;
pub mod model;
pub mod order;
pub mod sim;
pub mod sorted;
