//! The run panel's traffic form in words: the users' load, the request mix, and the scenario's
//! traffic profile (the menu's label and the preview's summary).
//!
//! The form itself (fields, ranges, parsing, refusals) is [`crate::editor::traffic`]'s, typed,
//! and worded by `say::profile_*`; this module holds the rest of the section's words.

use crate::present::{english, korean};

use super::run::in_both;

crate::phrases! {
    /// The traffic form's fixed words.
    pub enum TrafficText => (english::ui::run_traffic::words, korean::ui::run_traffic::words) {
        /// The section's title and accessible name.
        Traffic,
        /// The load fields: of one population, and of several taken together.
        RequestRate,
        RequestRateAll,
        ActiveUsers,
        ActiveUsersAll,
        RequestsPerUser,
        /// The rate per user's placeholder when the populations' differ.
        PerUserVaries,
        WriteShare,
        StaticShare,
        Celebrity,
        /// The profile menu's label.
        TrafficProfile,
        RunLength,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::lang::Lang;
    use crate::present::text::korean_check::foreign_words;

    #[test]
    fn sentences_read_in_each_language() {
        assert_eq!(
            populations(Lang::En, 2, "1.2k"),
            "2 populations configured at 1.2k req/s in all, before the traffic profile"
        );
        assert_eq!(
            populations(Lang::Ko, 2, "1.2k"),
            "사용자 집단 2개, 트래픽 패턴 적용 전 설정값 모두 합쳐 1.2k req/s"
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
