//! The app's English: every sentence the typed values of [`super`] and the design review turn
//! into on screen, in one place.
//!
//! Owns: [`log_message`] (one run-log event as a sentence), [`build_error`] (why a diagram
//! cannot run), [`row`] (one live [`Readout`](super::readout::Readout) as label, value with units and
//! theory line), [`message`] (one design-review finding as a sentence; [`review`] runs the
//! review and words every finding), [`failure_reason`] (the one `match` naming each
//! [`FailureReason`]), and the few words the charts and the review list share
//! ([`failure_legend`], [`cross_region`], [`cache_model`], [`severity`], [`read_back`]); the
//! model's words (`model`: kind names and descriptions, regions, ports, instance sizes, fault
//! buttons, refusals, setting and edit errors) and the share layer's (`share`: why a file or
//! link cannot be opened, import warnings, the opening notice). A second
//! language is a sibling of this module rendering the same values; nothing outside it words a
//! readout, a failure reason or a finding.
//!
//! Deliberately absent: choosing what to show (that is [`super::readout`] and
//! [`crate::model::validate()`]) and number formatting ([`super::format`], the same in every
//! language).

/// "1 replica", "3 replicas": `n` and `noun`, plural when `n` is not one (every noun this
/// language says so takes an "s").
pub(crate) fn plural(n: u64, noun: &str) -> String {
    format!("{n} {}", noun_for(n, noun))
}

/// `noun` as it goes after `n` (written elsewhere, grouped or with words between): "write",
/// "writes".
pub(crate) fn noun_for(n: u64, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

mod build_error;
pub mod editor_actions;
pub mod editor_form;
pub mod editor_notice;
pub mod editor_traffic;
pub mod lessons;
mod log;
mod model;
mod readout;
mod review;
mod share;
pub mod ui;

pub use build_error::build_error;
pub use log::log_message;
pub use model::*;
pub use readout::{RowText, cost_per_hour, design_cost_title, row, web_theory};
pub use review::{Worded, message, review};
pub use share::*;

use crate::decimal::{Fixed, Shortest};
use crate::model::Severity;
use crate::sim::failure::FailureReason;

use super::format::format_percent;
use super::lang::Lang;
use super::readout::{CacheModel, StaleReadChance};

pub use crate::present::say::ReasonWords;

/// The words of one failure reason.
pub fn failure_reason(reason: FailureReason) -> ReasonWords {
    let (name, detail) = match reason {
        FailureReason::Overload => ("overload", Some("queue full")),
        FailureReason::Timeout => ("timeout", None),
        FailureReason::Unavailable => ("unavailable", Some("down")),
        FailureReason::NoHealthyBackend => ("no healthy backend", None),
        FailureReason::SessionLost => ("session lost", None),
        FailureReason::NoRoute => ("no route", None),
    };
    ReasonWords { name, detail }
}

/// A chart legend's name for the failures of one reason: "failed: overload".
pub fn failure_legend(reason: FailureReason) -> String {
    format!("failed: {}", failure_reason(reason).name)
}

/// The chart name of a database's copy in another datacenter: `<label> (cross-region)`.
pub fn cross_region(label: &str) -> String {
    format!("{label} (cross-region)")
}

/// The name of the theory behind a hit-ratio prediction: "Che (LRU)", "Che (LRU, writes
/// invalidate)", "FIFO characteristic time", "LFU bound (top keys)", "TTL set on fill".
pub fn cache_model(m: CacheModel) -> String {
    use crate::sim::theory::CacheFormula as F;
    let (name, mut notes) = match m.formula {
        F::CheLru => ("Che", vec!["LRU"]),
        F::FifoCharacteristicTime => ("FIFO characteristic time", vec![]),
        F::LfuTopKeys => ("LFU bound", vec!["top keys"]),
        F::LfuTopKeysWithTtl => ("LFU bound", vec!["top keys", "each expiring by its TTL"]),
        F::TtlSetOnFill => ("TTL set on fill", vec!["binds before the capacity"]),
        F::TtlRefreshOnHit => ("TTL refreshed on hit", vec!["binds before the capacity"]),
    };
    if m.writes_invalidate {
        notes.push("writes invalidate");
    }
    if notes.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({})", notes.join(", "))
    }
}

/// A hit-ratio prediction worded: "Che (LRU) predicts 43.7 %", or for a bound "LFU bound (top
/// keys): at most 57.1 %". `percent` is 0-100.
pub fn cache_prediction(m: CacheModel, percent: f64) -> String {
    if m.formula.is_upper_bound() {
        format!(
            "{}: at most {percent} %",
            cache_model(m),
            percent = Fixed(percent, 1)
        )
    } else {
        format!(
            "{} predicts {percent} %",
            cache_model(m),
            percent = Fixed(percent, 1)
        )
    }
}

/// The word before a design-review finding.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

/// The read-back chance in words: "a read 10 ms after a write is stale with p = 0.031 %
/// (M/M/1 apply queue)".
pub fn read_back(c: &StaleReadChance) -> String {
    format!(
        "a read {} ms after a write is stale with p = {} (M/M/1 apply queue)",
        Shortest(c.after_ms),
        format_percent(Lang::En, c.probability)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_words_and_the_inspector_adds_the_detail() {
        let full: Vec<String> = FailureReason::ALL
            .map(|r| failure_reason(r).in_full())
            .into();
        assert_eq!(
            full,
            [
                "overload (queue full)",
                "timeout",
                "unavailable (down)",
                "no healthy backend",
                "session lost",
                "no route"
            ]
        );
        assert_eq!(
            failure_legend(FailureReason::NoHealthyBackend),
            "failed: no healthy backend"
        );
        assert_eq!(
            failure_legend(FailureReason::Unavailable),
            "failed: unavailable"
        );
    }

    #[test]
    fn the_read_back_chance_names_its_delay() {
        let c = StaleReadChance {
            after_ms: 10.0,
            probability: 0.0087,
        };
        assert_eq!(
            read_back(&c),
            "a read 10 ms after a write is stale with p = 0.87 % (M/M/1 apply queue)"
        );
    }
}
