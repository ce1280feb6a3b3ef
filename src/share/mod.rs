//! The versioned wire formats: JSON files and `#v1=` share-link fragments.
//!
//! Its own DTO types, converted to the model and back, so the model can change without breaking
//! links people already sent. Decoding never panics and never allocates without bound.
