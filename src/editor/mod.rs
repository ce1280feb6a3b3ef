//! Interaction state: camera, selection, hover, the tool state machine, commands and undo.
//!
//! Pure Rust fed with `InputEvent`s in world coordinates; it knows nothing of the DOM. Camera
//! and selection are session state: they never enter the undo history, the file or the URL.

pub mod camera;
pub mod clipboard;
pub mod command;
pub mod geometry;
pub mod history;
pub mod input;
pub mod layout;
pub mod selection;
