//! ScaleLab: a system-design sandbox.
//!
//! The crate is split into a pure core that builds and tests natively and a thin browser view:
//!
//! - [`model`]: the diagram document (components, wires, datacenters, scenario).
//! - [`editor`]: interaction state (camera, selection, tools, commands and undo).
//! - [`sim`]: the deterministic discrete-event simulation of a diagram.
//! - [`share`]: the versioned file and share-link formats.
//! - [`present`]: the figures and findings made ready for the screen (typed readouts, their
//!   English, chart series and colours), native and wasm32 alike.
//! - [`runner`]: a run as the app drives it (slices, samples, Step), shared by the page's loop
//!   and the background worker, and the messages between them.
//! - `ui` (wasm32 only): the Leptos view over all of the above.
//!
//! See `ARCHITECTURE.md` at the repository root for the invariants between them.

pub mod editor;
pub mod lessons;
pub mod present;
pub mod runner;
pub mod share;
pub use scalelab_core::{decimal, model, order, sim, sorted};

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod ui;
