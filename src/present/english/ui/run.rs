//! The run controls', the run panel's, the event log's and the canvas overlay's English.

use crate::decimal::{Fixed, Shortest};
use crate::present::text::run::RunText;

pub fn words(t: RunText) -> &'static str {
    match t {
        RunText::RunControls => "Run controls",
        RunText::Run => "Run",
        RunText::Pause => "Pause",
        RunText::Step => "Step",
        RunText::StepTitle => "Advance one simulated second",
        RunText::Reset => "Reset",
        RunText::Speed => "Speed",
        RunText::Seed => "Seed",
        RunText::Random => "Random",
        RunText::RandomSeed => "Random seed",
        RunText::RandomSeedTitle => "Run with a new random seed",
        RunText::SpeedMax => "as fast as possible",
        RunText::Running => "running",
        RunText::Finished => "finished",
        RunText::Paused => "paused",
        RunText::Ready => "ready",
        RunText::NothingToRun => "nothing to run yet",
        RunText::CannotRun => "cannot run",
        RunText::RateTitle => "Simulated user requests per wall-clock second",
        RunText::PanelLabel => "Run and metrics",
        RunText::RestartedAfterEdit => {
            "The diagram changed, so the run started again from 0 s on the new design; faults injected during the run are gone"
        }
        RunText::HideDetails => "Hide details",
        RunText::ShowDetails => "Traffic, charts and faults",
        RunText::CannotRunYet => "This diagram cannot run yet: ",
        RunText::EventLog => "Event log",
        RunText::LogEmpty => "Failures, failovers and autoscaling appear here.",
        RunText::SelectComponent => "Select this component",
        RunText::Up => "up",
        RunText::Down => "down",
        RunText::TakesTheWrites => "takes the writes",
        RunText::DcUpOutOfDns => "up · out of DNS answers",
        RunText::DcDownStillInDns => "down · DNS still sends users here",
        RunText::DcDownMovedAway => "down · users moved away",
    }
}

pub fn random_seed_failed(error: &str) -> String {
    format!("This browser could not draw a random seed ({error}). Type one instead.")
}

pub fn seed_refused(typed: &str, kept: u64) -> String {
    // A number field hands over nothing for letters: then there is nothing to quote.
    let typed = if typed.is_empty() {
        String::new()
    } else {
        format!(", not \u{201c}{typed}\u{201d}")
    };
    format!(
        "A seed is a whole number from 0 to {}{typed}: the run keeps seed {kept}.",
        u64::MAX
    )
}

pub fn clock(t_s: f64, duration_s: f64) -> String {
    format!(
        "t = {t_s} s of {duration_s} s",
        t_s = Fixed(t_s, 1),
        duration_s = Fixed(duration_s, 0)
    )
}

pub fn running_at(speed: f64, behind: bool) -> String {
    if behind {
        format!(
            "running at {speed}x: the browser cannot keep up",
            speed = Fixed(speed, 1)
        )
    } else {
        format!("running at {speed}x", speed = Fixed(speed, 1))
    }
}

pub fn simulated_rate(rate: &str) -> String {
    format!("{rate} req/s simulated")
}

pub fn speed_times(x: f64) -> String {
    format!("{}x", Shortest(x))
}

pub fn add_users_to_run(users: &str) -> String {
    format!("To run the design, add a {users} component: it sends the traffic.")
}

pub fn badge_served(rate: &str) -> String {
    format!("served {rate} req/s")
}

pub fn badge_sends(sent: &str, answered: &str) -> String {
    format!("sends {sent} · answered {answered} req/s")
}

pub fn badge_window(window_s: u32) -> String {
    format!("Figures over the last {window_s} s")
}

pub fn badge_utilization(percent: f64, queue: u64) -> String {
    let util =
        crate::present::format::format_percent(crate::present::lang::Lang::En, percent / 100.0);
    format!("util {util}  queue {queue}")
}

pub fn badge_hit(percent: f64) -> String {
    format!("hit {percent} %", percent = Fixed(percent, 1))
}

pub fn badge_lag(lag: &str) -> String {
    format!("lag {lag}")
}

pub fn badge_copy_lag(lag: &str) -> String {
    format!("copy lag {lag}")
}

pub fn badge_nodes(up: u32, total: u32) -> String {
    format!("nodes {up} of {total} up")
}

pub fn badge_sessions(count: &str) -> String {
    format!("sessions {count}")
}

pub fn badge_logged_out(count: &str) -> String {
    format!("logged out {count}")
}

pub fn badge_draining(up: u32, draining: u32) -> String {
    format!("{up} up, {draining} draining")
}

pub fn badge_errors(rate: &str, total: &str) -> String {
    format!("errors {rate}/s · {total} in all")
}

pub fn badge_failing(share: &str, total: &str) -> String {
    format!("failing {share} · {total} in all")
}

pub fn far_hit(share: &str) -> String {
    format!("hit {share}")
}

pub fn far_utilization(share: &str) -> String {
    format!("util {share}")
}

pub fn far_waiting(count: &str) -> String {
    format!("queue {count}")
}

pub fn wire_rate(rate: &str, window_s: u32) -> String {
    format!("{rate} req/s · last {window_s} s")
}

pub fn wire_rate_shared(rate: &str, target: &str, wires: usize, window_s: u32) -> String {
    format!("{rate} req/s into {target} over its {wires} wires · last {window_s} s")
}
