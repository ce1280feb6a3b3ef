//! Presentation: the figures of the core made ready for the screen, natively testable and
//! compiled with the app (the command line uses it too).
//!
//! ```text
//!   sim::MetricsSnapshot ──► readout::component_rows ──► Vec<Readout> ──► english::row ──► text
//!                       └──► run_history::RunHistory ──► series::Series ──► SVG points, hsl()
//!   model::validate ──► Diagnostic { finding, .. } ──────────────────────► english::message
//! ```
//!
//! Owns: [`readout`] (the inspector's live rows as typed values: a kind of row plus its
//! numbers), [`english`] (every English sentence those values and the design review's findings
//! become, and the one name of each failure reason), [`run_history`] (the charts' time series,
//! fed one snapshot at a time), [`series`] (ring buffers, scales, ticks, SVG point lists and
//! heat colours), [`export`] (the run's figures as CSV and the exported files' names), and
//! [`format`](mod@format) (digits and units).
//!
//! Invariants: nothing here changes a figure the core computed, only how it is shown; nothing
//! outside [`english`] words a readout, a failure reason or a finding, so a second language is
//! one more sibling of it.
//!
//! Deliberately absent: the browser (no Leptos, no DOM: `ui` draws what this returns), and the
//! simulation's own arithmetic and theory (`sim::theory`, `sim::predict` stay in the core).

pub mod english;
pub mod export;
pub mod format;
#[cfg(not(scalelab_english_only))]
pub mod korean;
/// What the second language costs is measured, not guessed: built with
/// `--cfg scalelab_english_only` (`tools/language-cost.sh`), every Korean word and function is
/// replaced by its English sibling (the catalogues mirror each other), so the difference in
/// size between the two builds is the Korean catalogue and nothing else.
#[cfg(scalelab_english_only)]
pub mod korean {
    pub use super::english::*;
    pub mod grammar;
    /// The run summary, as English says it.
    pub fn summary(s: &crate::sim::metrics::MetricsSnapshot) -> String {
        s.summary()
    }
}
pub mod lang;
pub mod lesson_pack;
pub mod readout;
pub mod run_history;
pub mod say;
pub mod series;
pub mod text;
