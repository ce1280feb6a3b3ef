//! The Leptos view: turns DOM events into editor input and draws the document and metrics.
//! Thin by design: no business logic lives here.

/// Mounts the app on the page body.
pub fn mount() {}
