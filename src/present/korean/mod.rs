//! The app's Korean: the same typed values [`super::english`] words, worded as the chapter's
//! Korean study notes word them (their terms are listed in `docs/glossary.md`).
//!
//! Owns: the Korean catalogue, file for file a sibling of [`super::english`], and [`grammar`]
//! (particles after names and numbers, counts in 만 and 억). Deliberately absent: choosing what
//! to show and number formatting ([`super::format`]), as in English.

pub mod grammar;
mod model;
mod share;
pub mod ui;

pub use model::*;
pub use share::*;
