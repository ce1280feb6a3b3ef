//! The diagram document: what a user draws and shares.
//!
//! Owns the component catalogue (every building block of the "zero to millions of users"
//! journey), the diagram itself and its scenario. Everything here is plain serde data: no
//! signals, no DOM, no clock. The editor changes it only through commands; the simulation
//! reads it and never writes it.

mod catalogue;

pub use catalogue::ComponentKind;
