//! The run panel's faults in English.

use crate::decimal::{Fixed, Shortest};
use crate::model::FaultAction;
use crate::present::text::run_faults::FaultText;

pub fn words(t: FaultText) -> &'static str {
    match t {
        FaultText::BreakThings => "Break things",
        FaultText::Target => "What to break",
        FaultText::InjectedHint => {
            "Injected into this run only; the scenario's faults are below the charts."
        }
        FaultText::Schedule => "Schedule",
        FaultText::AtSeconds => "at (s)",
        FaultText::AddToScenario => "Add to scenario",
        FaultText::NeedsTime => {
            "A fault needs a time in seconds from the start of the run, from 0 to 1,000,000,000."
        }
        FaultText::ScheduledFaults => "Scheduled faults",
        FaultText::NoFaults => {
            "No faults scheduled. Choose a target and a time under Break things, then Add to scenario."
        }
        FaultText::WhenSeconds => "When, in seconds",
        FaultText::Remove => "Remove",
        FaultText::BadTime => "A fault's time is a number of seconds from 0 to 1,000,000,000.",
        FaultText::Removed => "(removed)",
    }
}

pub fn fault_name(action: FaultAction) -> String {
    match action {
        FaultAction::Fail => "fail".into(),
        FaultAction::Restore => "restore".into(),
        FaultAction::Slow { factor } => format!("slow ×{}", Shortest(factor)),
        FaultAction::CutLink => "cut".into(),
        FaultAction::FlushCache => "flush".into(),
        FaultAction::DeployAssets => "deploy assets".into(),
        FaultAction::AddShard => "add a shard".into(),
    }
}

pub fn datacenter_target(name: &str) -> String {
    format!("Datacenter {name}")
}

pub fn wire_target(from: &str, to: &str) -> String {
    format!("Wire {from} → {to}")
}

pub fn wire_target_from_port(from: &str, port: &str, to: &str) -> String {
    format!("Wire {from} ({port}) → {to}")
}

pub fn scheduled(action: &str, target: &str) -> String {
    format!("{action} {target}")
}

pub fn scheduled_at(at_s: f64, action: &str, target: &str) -> String {
    format!("{at_s} s: {action} {target}", at_s = Fixed(at_s, 0))
}

pub fn remove_at(at_s: f64) -> String {
    format!("Remove the fault at {at_s} s", at_s = Fixed(at_s, 0))
}
