//! The run view's words: the run controls, the panel around them, the event log and the live
//! figures drawn over the canvas. Fixed words are keys of [`RunText`]; sentences that take a
//! value (a clock, a speed, a figure on a badge) are the functions below, each worded once per
//! language in `english/ui/run.rs` and `korean/ui/run.rs` with the same signature.
//!
//! Sibling modules hold the rest of the run view: [`super::run_traffic`] (the traffic form),
//! [`super::run_faults`] (faults and their timeline) and [`super::run_charts`] (the charts and
//! the theory beside them).

use crate::present::lang::Lang;
use crate::present::{english, korean};

/// Declares `pub fn name(lang, args..) -> T` forwarding to the function of the same name and
/// arguments in the English or the Korean catalogue module given.
macro_rules! in_both {
    (($en:path, $ko:path) $($(#[$meta:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;)*) => {
        $(
            $(#[$meta])*
            pub fn $name(lang: $crate::present::lang::Lang, $($arg: $ty),*) -> $ret {
                use $en as en;
                use $ko as ko;
                match lang {
                    $crate::present::lang::Lang::En => en::$name($($arg),*),
                    $crate::present::lang::Lang::Ko => ko::$name($($arg),*),
                }
            }
        )*
    };
}
pub(crate) use in_both;

crate::phrases! {
    /// The run controls, the panel, the event log and the canvas overlay's fixed words.
    pub enum RunText => (english::ui::run::words, korean::ui::run::words) {
        /// The run toolbar's accessible name.
        RunControls,
        /// Starts or continues the run.
        Run,
        Pause,
        /// Advances one step.
        Step,
        /// The step button's tooltip.
        StepTitle,
        /// Rebuilds the run at time zero.
        Reset,
        /// The speed menu's label.
        Speed,
        /// The seed field's label.
        Seed,
        /// The random seed button's text.
        Random,
        /// The random seed button's accessible name.
        RandomSeed,
        /// The random seed button's tooltip.
        RandomSeedTitle,
        /// The fastest speed in the menu.
        SpeedMax,
        /// Statuses beside the clock. `Running` stands until the first wall second of running
        /// has measured the speed ([`running_at`] then).
        Running,
        Finished,
        Paused,
        Ready,
        NothingToRun,
        CannotRun,
        /// The tooltip of the simulated request rate.
        RateTitle,
        /// The run panel's accessible name.
        PanelLabel,
        /// An edit during a run rebuilt it: it starts again from zero on the new design.
        RestartedAfterEdit,
        /// The fold button, open and closed.
        HideDetails,
        ShowDetails,
        /// Before the reason a diagram cannot run.
        CannotRunYet,
        /// The event log's title.
        EventLog,
        /// The event log before anything happened.
        LogEmpty,
        /// The tooltip of a log entry that names a component.
        SelectComponent,
        /// A component or datacenter working, or not.
        Up,
        Down,
        /// A badge line: a database copy that leads its region group.
        TakesTheWrites,
        /// What a datacenter's state says.
        DcUpOutOfDns,
        DcDownStillInDns,
        DcDownMovedAway,
    }
}

in_both! {
    (english::ui::run, korean::ui::run)
    /// The banner when the browser could not draw a seed; `error` is the browser's reason.
    fn random_seed_failed(error: &str) -> String;
    /// The banner when the seed field holds no seed: what was typed, and the seed kept.
    fn seed_refused(typed: &str, kept: u64) -> String;
    /// The run clock: "t = 12.3 s of 60 s".
    fn clock(t_s: f64, duration_s: f64) -> String;
    /// The achieved speed while running, and whether the browser falls behind.
    fn running_at(speed: f64, behind: bool) -> String;
    /// Simulated user requests per wall second (`rate` formatted).
    fn simulated_rate(rate: &str) -> String;
    /// A speed menu entry: "10x".
    fn speed_times(x: f64) -> String;
    /// The hint before a diagram has users; `users` is the Users kind's name.
    fn add_users_to_run(users: &str) -> String;
    /// A badge line: requests served per second (over the last window, which
    /// [`badge_window`] says).
    fn badge_served(rate: &str) -> String;
    /// A population's badge line: requests it sends per second and how many of them are
    /// answered (over the last window), where other cards say what they serve.
    fn badge_sends(sent: &str, answered: &str) -> String;
    /// A badge's title: its figures are of the last `window_s` seconds.
    fn badge_window(window_s: u32) -> String;
    /// A badge line: utilisation in percent and the waiting line.
    fn badge_utilization(percent: f64, queue: u64) -> String;
    /// A badge line: the hit ratio in percent.
    fn badge_hit(percent: f64) -> String;
    /// A badge line: the replicas' lag right now (`lag` formatted).
    fn badge_lag(lag: &str) -> String;
    /// A badge line: a cross-region copy's lag (`lag` formatted).
    fn badge_copy_lag(lag: &str) -> String;
    /// A badge line: nodes up of all nodes.
    fn badge_nodes(up: u32, total: u32) -> String;
    /// A badge line: sessions held (`count` formatted).
    fn badge_sessions(count: &str) -> String;
    /// A badge line: users logged out by lost sessions (`count` formatted).
    fn badge_logged_out(count: &str) -> String;
    /// A badge line: instances serving and draining after a scale-in.
    fn badge_draining(up: u32, draining: u32) -> String;
    /// A badge line: failures per second over the last window (`rate` formatted) and failed
    /// requests since the start (`total` formatted).
    fn badge_errors(rate: &str, total: &str) -> String;
    /// A population's badge line: the share of what it sent over the last window that failed,
    /// wherever it failed (`share` formatted), and its failed requests since the start
    /// (`total` formatted).
    fn badge_failing(share: &str, total: &str) -> String;
    /// A card's figure from afar, under its traffic: a cache's hit ratio over the last window
    /// (`share` formatted), as short as its badge's line says it.
    fn far_hit(share: &str) -> String;
    /// A card's figure from afar: its servers' utilisation over the last window (`share`
    /// formatted).
    fn far_utilization(share: &str) -> String;
    /// A card's figure from afar: the jobs waiting for the workers now (`count` formatted).
    fn far_waiting(count: &str) -> String;
    /// A hovered wire's label, when it is its target's only way in: the requests per second
    /// reaching the target (`rate` formatted) over the last `window_s` seconds.
    fn wire_rate(rate: &str, window_s: u32) -> String;
    /// A hovered wire's label, when its target has `wires` wires in: the requests per second
    /// reaching `target` over all of them (the simulation does not count per wire).
    fn wire_rate_shared(rate: &str, target: &str, wires: usize, window_s: u32) -> String;
}

/// The words of a datacenter's state, from whether it is up and whether DNS answers with it.
pub fn dc_state(lang: Lang, up: bool, in_dns: Option<bool>) -> &'static str {
    use crate::present::text::Phrase;
    let key = match (up, in_dns) {
        (true, Some(false)) => RunText::DcUpOutOfDns,
        (true, _) => RunText::Up,
        (false, Some(true)) => RunText::DcDownStillInDns,
        (false, Some(false)) => RunText::DcDownMovedAway,
        (false, None) => RunText::Down,
    };
    key.say(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::text::korean_check::foreign_words;

    fn every_sentence(lang: Lang) -> Vec<String> {
        vec![
            random_seed_failed(lang, "NotSupported"),
            seed_refused(lang, "1.5", 1),
            seed_refused(lang, "", 1),
            clock(lang, 12.34, 60.0),
            running_at(lang, 4.0, false),
            running_at(lang, 0.4, true),
            simulated_rate(lang, "1.2k"),
            speed_times(lang, 0.5),
            add_users_to_run(lang, "사용자"),
            badge_served(lang, "120"),
            badge_sends(lang, "1.2k", "900"),
            badge_window(lang, 10),
            badge_utilization(lang, 45.4, 3),
            badge_hit(lang, 87.25),
            badge_lag(lang, "12.0 ms"),
            badge_copy_lag(lang, "80.0 ms"),
            badge_nodes(lang, 2, 3),
            badge_sessions(lang, "1.2k"),
            badge_logged_out(lang, "40"),
            badge_draining(lang, 3, 1),
            badge_errors(lang, "1.2", "4.3M"),
            badge_failing(lang, "85 %", "12k"),
            far_hit(lang, "35 %"),
            far_utilization(lang, "72 %"),
            far_waiting(lang, "7.2k"),
            wire_rate(lang, "40.0", 10),
            wire_rate_shared(lang, "120", "캐시", 3, 10),
        ]
    }

    #[test]
    fn english_reads_as_before() {
        assert_eq!(clock(Lang::En, 12.34, 60.0), "t = 12.3 s of 60 s");
        assert_eq!(
            running_at(Lang::En, 0.4, true),
            "running at 0.4x: the browser cannot keep up"
        );
        assert_eq!(running_at(Lang::En, 4.0, false), "running at 4.0x");
        assert_eq!(speed_times(Lang::En, 0.5), "0.5x");
        assert_eq!(badge_utilization(Lang::En, 45.4, 3), "util 45 %  queue 3");
        assert_eq!(
            badge_sends(Lang::En, "100", "0"),
            "sends 100 · answered 0 req/s"
        );
        // A fast store busy a fraction of a percent is not said idle.
        assert_eq!(badge_utilization(Lang::En, 0.24, 0), "util 0.24 %  queue 0");
        assert_eq!(
            badge_utilization(Lang::Ko, 0.24, 0),
            "사용률 0.24%  대기열 0"
        );
        assert_eq!(badge_nodes(Lang::En, 2, 3), "nodes 2 of 3 up");
        assert_eq!(wire_rate(Lang::En, "40.0", 10), "40.0 req/s · last 10 s");
        assert_eq!(
            wire_rate_shared(Lang::En, "120", "Cache", 3, 10),
            "120 req/s into Cache over its 3 wires · last 10 s"
        );
        assert_eq!(
            dc_state(Lang::En, false, Some(true)),
            "down · DNS still sends users here"
        );
        assert_eq!(
            seed_refused(Lang::En, "1.5", 7),
            "A seed is a whole number from 0 to 18446744073709551615, not “1.5”: the run keeps \
             seed 7."
        );
        // Letters in a number field arrive as nothing: nothing is quoted.
        assert_eq!(
            seed_refused(Lang::En, "", 7),
            "A seed is a whole number from 0 to 18446744073709551615: the run keeps seed 7."
        );
        assert_eq!(
            seed_refused(Lang::Ko, "", 7),
            "시드는 0부터 18446744073709551615까지의 정수여야 합니다. 실행은 시드 7을 그대로 \
             씁니다."
        );
    }

    #[test]
    fn korean_sentences_are_korean() {
        assert_eq!(clock(Lang::Ko, 12.34, 60.0), "t = 12.3초 / 60초");
        assert_eq!(running_at(Lang::Ko, 4.0, false), "4.0배속으로 실행 중");
        assert_eq!(badge_nodes(Lang::Ko, 2, 3), "노드 3개 중 2개 정상");
        assert_eq!(wire_rate(Lang::Ko, "40.0", 10), "최근 10초 40.0 req/s");
        assert_eq!(
            wire_rate_shared(Lang::Ko, "120", "캐시", 3, 10),
            "최근 10초 캐시로 들어오는 연결선 3개 합계 120 req/s"
        );
        assert_eq!(
            add_users_to_run(Lang::Ko, "사용자"),
            "다이어그램을 실행하려면 사용자 컴포넌트를 추가하세요. 트래픽을 보내는 컴포넌트입니다."
        );
        for s in every_sentence(Lang::Ko) {
            let foreign: Vec<_> = foreign_words(&s)
                .into_iter()
                .filter(|w| w != "NotSupported")
                .collect();
            assert!(foreign.is_empty(), "{s:?} has {foreign:?}");
        }
    }
}
