//! The run panel's traffic form in words: the users' load, the request mix, and the scenario's
//! traffic profile (its kinds, fields, units, the preview's summary and why a typed value was
//! refused).
//!
//! The form itself (fields, ranges, parsing) is [`crate::editor::traffic`]'s and names things
//! by stable keys; this module words those keys ([`profile_kind`], [`field_label`], [`unit`])
//! so the editor stays free of words per language. A refused value keeps the editor's English
//! sentence for English and is worded here from the same facts ([`FieldError`]) for Korean.

use crate::editor::traffic::{ProfileField, ProfileKind};
use crate::present::lang::Lang;
use crate::present::text::Phrase;
use crate::present::{english, korean};

use super::run::in_both;

crate::phrases! {
    /// The traffic form's fixed words.
    pub enum TrafficText => (english::ui::run_traffic::words, korean::ui::run_traffic::words) {
        /// The section's title and accessible name.
        Traffic,
        RequestRate,
        ActiveUsers,
        RequestsPerUser,
        WriteShare,
        StaticShare,
        Celebrity,
        /// The profile menu's label.
        TrafficProfile,
        RunLength,
        /// The profile kinds' names.
        KindConstant,
        KindRamp,
        KindDiurnal,
        KindSpike,
        KindGrowth,
        /// What each profile kind does.
        ExplainConstant,
        ExplainRamp,
        ExplainDiurnal,
        ExplainSpike,
        ExplainGrowth,
        /// The profile fields' labels.
        Start,
        End,
        Period,
        Trough,
        StartsAt,
        Lasts,
        Factor,
        From,
        To,
        /// Units beside a field (seconds need no word).
        UnitLoad,
        UnitUsers,
    }
}

in_both! {
    (english::ui::run_traffic, korean::ui::run_traffic)
    /// The hint before a diagram has users; `users` is the Users kind's name.
    fn add_users_for_traffic(users: &str) -> String;
    /// How many user populations send how much (`total` formatted).
    fn populations(n: usize, total: &str) -> String;
    /// The request mix in percent.
    fn mix(reads: f64, writes: f64, statics: f64) -> String;
    /// The skew slider's label.
    fn zipf(alpha: f64) -> String;
    /// The logged-in share slider's label, in percent.
    fn logged_in(percent: f64) -> String;
    /// The preview's caption for a constant profile (`rate` formatted).
    fn profile_constant(rate: &str, duration_s: u32) -> String;
    /// The preview's caption for a varying profile (rates formatted).
    fn profile_varying(first: &str, last: &str, duration_s: u32, peak: &str) -> String;
    /// The preview's accessible name around its caption.
    fn offered_load(summary: &str) -> String;
}

/// A profile kind's name in the menu.
pub fn profile_kind(lang: Lang, kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::Constant => TrafficText::KindConstant,
        ProfileKind::Ramp => TrafficText::KindRamp,
        ProfileKind::Diurnal => TrafficText::KindDiurnal,
        ProfileKind::Spike => TrafficText::KindSpike,
        ProfileKind::Growth => TrafficText::KindGrowth,
    }
    .say(lang)
}

/// What a profile kind does, in a few words.
pub fn profile_explain(lang: Lang, kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::Constant => TrafficText::ExplainConstant,
        ProfileKind::Ramp => TrafficText::ExplainRamp,
        ProfileKind::Diurnal => TrafficText::ExplainDiurnal,
        ProfileKind::Spike => TrafficText::ExplainSpike,
        ProfileKind::Growth => TrafficText::ExplainGrowth,
    }
    .say(lang)
}

/// The key of a profile field's label, from the field's key (as in the file format).
fn field_key(key: &str) -> Option<TrafficText> {
    Some(match key {
        "start_factor" => TrafficText::Start,
        "end_factor" => TrafficText::End,
        "period_s" => TrafficText::Period,
        "trough_factor" => TrafficText::Trough,
        "at_s" => TrafficText::StartsAt,
        "duration_s" => TrafficText::Lasts,
        "factor" => TrafficText::Factor,
        "start_users" => TrafficText::From,
        "end_users" => TrafficText::To,
        _ => return None,
    })
}

/// A profile field's label. Every field the editor lists has one (a test walks them); a field
/// added there without words here shows the editor's label until it gets some.
pub fn field_label(lang: Lang, field: &ProfileField) -> &'static str {
    field_key(field.key).map_or(field.label, |k| k.say(lang))
}

/// The unit beside a profile field: the editor's unit symbol worded.
pub fn unit(lang: Lang, unit: &'static str) -> &'static str {
    match unit {
        "× load" => TrafficText::UnitLoad.say(lang),
        "users" => TrafficText::UnitUsers.say(lang),
        _ => unit,
    }
}

/// Why a typed value was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Nothing (a number input hands over an empty string for anything that is not a number).
    Empty,
    /// Not a number.
    NotANumber,
    /// A number outside the field's range, or not whole where it must be.
    OutOfRange,
    /// A value in range that leaves the profile inconsistent, or a field the profile lacks.
    Inconsistent,
}

/// A refused profile value, as facts every language words.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field's label, worded (see [`field_label`]).
    pub label: TrafficText,
    pub integer: bool,
    pub min: f64,
    pub max: f64,
    /// The editor's unit symbol ("× load", "s", "users").
    pub unit: &'static str,
    /// What was typed.
    pub typed: String,
    pub problem: Problem,
}

impl FieldError {
    /// Why `text` typed into `field` (None: the profile has no such field) was refused, once
    /// the editor refused it; the run length is `field` with the label [`TrafficText::RunLength`].
    pub fn of(field: Option<&ProfileField>, label: Option<TrafficText>, text: &str) -> FieldError {
        let typed = text.trim().to_string();
        let Some(f) = field else {
            return FieldError {
                label: label.unwrap_or(TrafficText::TrafficProfile),
                integer: false,
                min: 0.0,
                max: 0.0,
                unit: "s",
                typed,
                problem: Problem::Inconsistent,
            };
        };
        let problem = match typed.parse::<f64>().ok().filter(|v| v.is_finite()) {
            _ if typed.is_empty() => Problem::Empty,
            None => Problem::NotANumber,
            Some(v) if v < f.min || v > f.max || (f.integer && v.fract() != 0.0) => {
                Problem::OutOfRange
            }
            Some(_) => Problem::Inconsistent,
        };
        FieldError {
            label: label
                .or_else(|| field_key(f.key))
                .unwrap_or(TrafficText::TrafficProfile),
            integer: f.integer,
            min: f.min,
            max: f.max,
            unit: f.unit,
            typed,
            problem,
        }
    }
}

/// A refused value in words: for English the editor's own sentence (`editor_message`), for
/// Korean worded from `e`.
pub fn field_error(lang: Lang, editor_message: &str, e: &FieldError) -> String {
    match lang {
        Lang::En => editor_message.to_string(),
        Lang::Ko => korean::ui::run_traffic::field_error(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::traffic;
    use crate::model::TrafficProfile;
    use crate::present::text::korean_check::foreign_words;

    #[test]
    fn every_field_and_unit_the_editor_lists_is_worded() {
        for kind in ProfileKind::ALL {
            let p = kind.profile(&TrafficProfile::Constant, 600);
            for f in traffic::fields(&p, 600) {
                assert!(field_key(f.key).is_some(), "{}", f.key);
                assert_eq!(field_label(Lang::En, &f), f.label);
                assert!(
                    foreign_words(unit(Lang::Ko, f.unit)).is_empty(),
                    "{}",
                    f.unit
                );
                assert!(foreign_words(field_label(Lang::Ko, &f)).is_empty());
            }
            assert_eq!(profile_kind(Lang::En, kind), kind.label());
            assert_eq!(profile_explain(Lang::En, kind), kind.explain());
        }
    }

    #[test]
    fn a_refused_value_is_worded_from_why_it_was_refused() {
        let p = ProfileKind::Ramp.profile(&TrafficProfile::Constant, 600);
        let fields = traffic::fields(&p, 600);
        let start = fields.iter().find(|f| f.key == "start_factor");
        let cases = [
            ("", Problem::Empty),
            ("lots", Problem::NotANumber),
            ("-1", Problem::OutOfRange),
            ("2", Problem::Inconsistent),
        ];
        for (typed, problem) in cases {
            let e = FieldError::of(start, None, typed);
            assert_eq!(e.problem, problem, "{typed:?}");
            assert_eq!(e.label, TrafficText::Start);
            let ko = field_error(Lang::Ko, "unused", &e);
            let foreign: Vec<_> = foreign_words(&ko)
                .into_iter()
                .filter(|w| w != "lots")
                .collect();
            assert!(foreign.is_empty(), "{ko:?}");
        }
        let e = FieldError::of(start, None, "lots");
        assert_eq!(
            field_error(Lang::Ko, "", &e),
            "시작 값은 0부터 1,000 × 부하까지의 수여야 합니다. “lots”는 수가 아닙니다."
        );
        assert_eq!(
            field_error(Lang::En, "as the editor says", &e),
            "as the editor says"
        );
        let users = traffic::fields(
            &ProfileKind::Growth.profile(&TrafficProfile::Constant, 60),
            60,
        );
        let to = users.iter().find(|f| f.key == "end_users");
        assert_eq!(
            field_error(Lang::Ko, "", &FieldError::of(to, None, "2.5")),
            "목표 사용자 수 값은 0부터 100억 명까지의 정수여야 합니다. 2.5는 쓸 수 없습니다."
        );
    }

    #[test]
    fn sentences_read_in_each_language() {
        assert_eq!(
            populations(Lang::En, 2, "1.2k"),
            "2 population(s), 1.2k req/s in total"
        );
        assert_eq!(
            populations(Lang::Ko, 2, "1.2k"),
            "사용자 집단 2개, 모두 합쳐 1.2k req/s"
        );
        assert_eq!(
            profile_varying(Lang::En, "10", "50", 600, "50"),
            "10 → 50 req/s over 600 s, peak 50"
        );
        for s in [
            add_users_for_traffic(Lang::Ko, "사용자"),
            mix(Lang::Ko, 80.0, 10.0, 10.0),
            zipf(Lang::Ko, 0.9),
            logged_in(Lang::Ko, 50.0),
            profile_constant(Lang::Ko, "100", 60),
            profile_varying(Lang::Ko, "10", "50", 600, "50"),
            offered_load(Lang::Ko, "요약"),
        ] {
            assert!(foreign_words(&s).is_empty(), "{s:?}");
        }
    }
}
