//! The run panel's faults in words: the live fault buttons, the schedule form, the scenario's
//! fault timeline, and the names of faults and of what they hit. Faults are the model's typed
//! [`FaultAction`]s; they are worded here, not in the model.

use crate::model::FaultAction;

use crate::present::{english, korean};

use super::run::in_both;

crate::phrases! {
    /// The fault section's and the timeline's fixed words.
    pub enum FaultText => (english::ui::run_faults::words, korean::ui::run_faults::words) {
        /// The live fault section's title and accessible name.
        BreakThings,
        /// The accessible name of the list of what a live fault hits.
        Target,
        /// Under the fault buttons.
        InjectedHint,
        /// The schedule form.
        Schedule,
        AtSeconds,
        AddToScenario,
        /// The banner when a scheduled fault's time is not a time.
        NeedsTime,
        /// The timeline's title and accessible name.
        ScheduledFaults,
        /// The timeline before any fault is scheduled.
        NoFaults,
        /// A scheduled fault's time field's accessible name.
        WhenSeconds,
        /// Removes a scheduled fault.
        Remove,
        /// The banner when an edited fault time is not a time.
        BadTime,
        /// A fault target no longer in the diagram.
        Removed,
    }
}

in_both! {
    (english::ui::run_faults, korean::ui::run_faults)
    /// A fault as the timeline lists it ("fail", "slow ×5").
    fn fault_name(action: FaultAction) -> String;
    /// A datacenter as a fault target.
    fn datacenter_target(name: &str) -> String;
    /// A wire as a fault target, by the labels of its ends.
    fn wire_target(from: &str, to: &str) -> String;
    /// A wire as a fault target when another joins the same two components: named by its
    /// start's port too ("Wire Users (static) → CDN").
    fn wire_target_from_port(from: &str, port: &str, to: &str) -> String;
    /// A scheduled fault: what happens to what (`action` from [`fault_name`]).
    fn scheduled(action: &str, target: &str) -> String;
    /// A timeline mark's tooltip.
    fn scheduled_at(at_s: f64, action: &str, target: &str) -> String;
    /// The remove button's accessible name.
    fn remove_at(at_s: f64) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::lang::Lang;
    use crate::present::say;
    use crate::present::text::korean_check::foreign_words;

    #[test]
    fn english_is_the_models_words() {
        assert_eq!(
            fault_name(Lang::En, FaultAction::Slow { factor: 5.0 }),
            "slow ×5"
        );
        assert_eq!(
            scheduled_at(Lang::En, 60.0, "fail", "Web"),
            "60 s: fail Web"
        );
        assert_eq!(wire_target(Lang::En, "a", "b"), "Wire a → b");
        assert_eq!(
            wire_target_from_port(Lang::Ko, "사용자", "정적", "DNS"),
            "연결선 사용자(정적) → DNS"
        );
    }

    #[test]
    fn korean_names_every_fault() {
        for a in FaultAction::OFFERED {
            for s in [fault_name(Lang::Ko, a), say::fault_action(Lang::Ko, a)] {
                assert!(foreign_words(&s).is_empty(), "{s:?}");
                assert!(s.chars().any(|c| ('가'..='힣').contains(&c)), "{s:?}");
            }
        }
        assert_eq!(
            scheduled_at(Lang::Ko, 60.0, "장애 발생", "웹 서버"),
            "60초: 웹 서버 장애 발생"
        );
        assert_eq!(datacenter_target(Lang::Ko, "서울"), "서울 데이터 센터");
        assert_eq!(remove_at(Lang::Ko, 60.0), "60초의 장애 삭제");
    }
}
