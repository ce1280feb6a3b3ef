//! The one door to the catalogues: every typed value the screen words, in the language asked
//! for. The view and the command line call these; each forwards to [`super::english`] or
//! [`super::korean`], which word the same values with the same signatures.
//!
//! Owns: the shapes worded text comes in ([`RowText`], [`Worded`], [`ReasonWords`]), the same in
//! every language.

use crate::model::{Diagnostic, Diagram, Severity};
use crate::sim::BuildError;
use crate::sim::failure::FailureReason;
use crate::sim::log::LogEvent;

mod editor;
mod lessons;
mod model;
#[cfg(test)]
mod once;
mod share;
pub use editor::*;

use super::{english, korean};

use super::lang::Lang;
use super::readout::{CacheModel, Readout, Span, StaleReadChance, WebTheory};
pub use lessons::*;
pub use model::*;
pub use share::*;

/// A readout worded for the screen.
#[derive(Clone, Debug, PartialEq)]
pub struct RowText {
    /// What the figure is.
    pub label: String,
    /// The figure, with its unit.
    pub value: String,
    /// What theory says beside it, in words.
    pub theory: Option<String>,
}

/// A row with no theory line.
pub(crate) fn text(label: &str, value: String) -> RowText {
    RowText {
        label: label.to_string(),
        value,
        theory: None,
    }
}

/// A row with its theory line, if any.
pub(crate) fn with_theory(label: &str, value: String, theory: Option<String>) -> RowText {
    RowText {
        theory,
        ..text(label, value)
    }
}

/// One diagnostic of the review with its sentence, as the view lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worded {
    /// The finding, its severity and the components it is about.
    pub diagnostic: Diagnostic,
    /// The finding in words.
    pub message: String,
}

/// How a failure reason is named: `name` in chart legends, `name (detail)` in the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReasonWords {
    /// A few words ("overload").
    pub name: &'static str,
    /// What it means, where the name alone may puzzle ("queue full").
    pub detail: Option<&'static str>,
}

impl ReasonWords {
    /// The name with its detail: "overload (queue full)".
    pub fn in_full(self) -> String {
        match self.detail {
            Some(detail) => format!("{} ({detail})", self.name),
            None => self.name.to_string(),
        }
    }
}

/// One run-log event as a sentence.
pub fn log_message(lang: Lang, event: &LogEvent) -> String {
    match lang {
        Lang::En => english::log_message(event),
        Lang::Ko => korean::log_message(event),
    }
}

/// Why a diagram cannot run.
pub fn build_error(lang: Lang, e: &BuildError) -> String {
    match lang {
        Lang::En => english::build_error(e),
        Lang::Ko => korean::build_error(e),
    }
}

/// One live readout, whose recent figures cover `span`: label, value and theory line.
pub fn row(lang: Lang, r: &Readout, span: Span) -> RowText {
    match lang {
        Lang::En => english::row(r, span),
        Lang::Ko => korean::row(r, span),
    }
}

/// A price in US dollars an hour: "$0.096/h", "시간당 0.096달러".
pub fn cost_per_hour(lang: Lang, usd: f64) -> String {
    match lang {
        Lang::En => english::cost_per_hour(usd),
        Lang::Ko => korean::cost_per_hour(usd),
    }
}

/// What the cost badge's figure is (its title).
pub fn design_cost_title(lang: Lang, basis: CostBasis) -> &'static str {
    match lang {
        Lang::En => english::design_cost_title(basis),
        Lang::Ko => korean::design_cost_title(basis),
    }
}

/// What the cost badge prices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostBasis {
    /// The design as drawn, at the requests its users send (no run on screen).
    Drawn,
    /// The servers running now and the requests of the last window (a run under way or paused).
    Now,
    /// The same at the run's end (a finished run's figures are on screen).
    RunEnd,
}

/// The web tier's theory line.
pub fn web_theory(lang: Lang, t: &WebTheory) -> String {
    match lang {
        Lang::En => english::web_theory(t),
        Lang::Ko => korean::web_theory(t),
    }
}

/// One design-review finding as a sentence.
pub fn message(lang: Lang, f: &crate::model::validate::Finding, d: &Diagram) -> String {
    match lang {
        Lang::En => english::message(f, d),
        Lang::Ko => korean::message(f, d),
    }
}

/// The design review of `d`, each finding worded.
pub fn review(lang: Lang, d: &Diagram) -> Vec<Worded> {
    match lang {
        Lang::En => english::review(d),
        Lang::Ko => korean::review(d),
    }
}

/// The words of one failure reason.
pub fn failure_reason(lang: Lang, reason: FailureReason) -> ReasonWords {
    match lang {
        Lang::En => english::failure_reason(reason),
        Lang::Ko => korean::failure_reason(reason),
    }
}

/// A chart legend's name for the failures of one reason.
pub fn failure_legend(lang: Lang, reason: FailureReason) -> String {
    match lang {
        Lang::En => english::failure_legend(reason),
        Lang::Ko => korean::failure_legend(reason),
    }
}

/// The chart name of a database's copy in another datacenter.
pub fn cross_region(lang: Lang, label: &str) -> String {
    match lang {
        Lang::En => english::cross_region(label),
        Lang::Ko => korean::cross_region(label),
    }
}

/// The name of the theory behind a hit-ratio prediction.
pub fn cache_model(lang: Lang, m: CacheModel) -> String {
    match lang {
        Lang::En => english::cache_model(m),
        Lang::Ko => korean::cache_model(m),
    }
}

/// A hit-ratio prediction worded; `percent` is 0-100.
pub fn cache_prediction(lang: Lang, m: CacheModel, percent: f64) -> String {
    match lang {
        Lang::En => english::cache_prediction(m, percent),
        Lang::Ko => korean::cache_prediction(m, percent),
    }
}

/// The word before a design-review finding.
pub fn severity(lang: Lang, s: Severity) -> &'static str {
    match lang {
        Lang::En => english::severity(s),
        Lang::Ko => korean::severity(s),
    }
}

/// The read-back chance in words.
pub fn read_back(lang: Lang, c: &StaleReadChance) -> String {
    match lang {
        Lang::En => english::read_back(c),
        Lang::Ko => korean::read_back(c),
    }
}

/// The command line's text summary of a run: the engine's key=value lines in English (the
/// golden files), the same figures named in words in Korean.
pub fn run_summary(lang: Lang, s: &crate::sim::metrics::MetricsSnapshot) -> String {
    match lang {
        Lang::En => s.summary(),
        Lang::Ko => korean::summary(s),
    }
}

/// A component kind's name, as the palette and a new card say it.
pub fn kind_name(lang: Lang, kind: crate::model::ComponentKind) -> &'static str {
    match lang {
        Lang::En => english::kind_name(kind),
        Lang::Ko => korean::kind_name(kind),
    }
}

/// What a component kind does, in one line.
pub fn kind_description(lang: Lang, kind: crate::model::ComponentKind) -> &'static str {
    match lang {
        Lang::En => english::kind_description(kind),
        Lang::Ko => korean::kind_description(kind),
    }
}

/// A region's name.
pub fn region_name(lang: Lang, region: crate::model::Region) -> &'static str {
    match lang {
        Lang::En => english::region_name(region),
        Lang::Ko => korean::region_name(region),
    }
}

/// An output port's name.
pub fn out_port_name(lang: Lang, port: crate::model::OutPort) -> &'static str {
    match lang {
        Lang::En => english::out_port_name(port),
        Lang::Ko => korean::out_port_name(port),
    }
}

/// An input port's name.
pub fn in_port_name(lang: Lang, port: crate::model::InPort) -> &'static str {
    match lang {
        Lang::En => english::in_port_name(port),
        Lang::Ko => korean::in_port_name(port),
    }
}

/// Why a wire was refused.
pub fn refusal(lang: Lang, r: &crate::model::rules::Refusal) -> String {
    match lang {
        Lang::En => english::refusal(r),
        Lang::Ko => korean::refusal(r),
    }
}

/// Why a setting was refused: the field's path in the config, then what is wrong. A view that
/// knows the field's label words it with [`config_problem`] instead.
pub fn config_error(lang: Lang, e: &crate::model::config::ConfigError) -> String {
    match lang {
        Lang::En => english::config_error(e),
        Lang::Ko => korean::config_error(e),
    }
}

/// Why a link or a file could not be opened.
pub fn share_error(lang: Lang, e: &crate::share::ShareError) -> String {
    match lang {
        Lang::En => english::share_error(e),
        Lang::Ko => korean::share_error(e),
    }
}
