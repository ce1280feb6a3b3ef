//! The deterministic discrete-event simulation of a diagram.
//!
//! Integer simulated time, FIFO tie-breaking, one seeded PRNG stream per component. Reads the
//! diagram, never writes it; never touches the DOM, the wall clock or OS entropy, so the same
//! diagram and seed give bit-identical results natively and in the browser.
