//! Alerts: the sustained conditions a person on call would be paged for, checked at every
//! tick on every component and logged as [`LogEvent::AlertRaised`] when one begins and
//! [`LogEvent::AlertCleared`] when it ends (never again while it lasts).
//!
//! Owns: [`Watch`] (per node: how long each condition has held, or been gone) and
//! [`World::watch_alerts`].
//!
//! Three conditions, each read from the node's counters of the second just ended (the marks
//! the tick takes for the last-window figures):
//! - errors: more than [`ERROR_ALERT_SHARE`] of its arrivals failed, every second for
//!   [`SUSTAIN_S`] seconds;
//! - saturated: its servers were busy at least [`SATURATED`] of the time, every second for
//!   [`SUSTAIN_S`] seconds;
//! - queue growing: the requests waiting in its queues rose over the last [`SUSTAIN_S`]
//!   seconds, over every two-second step of them, by at least [`MIN_GROWTH`] in all; or one of
//!   its queues is nearly full ([`NEARLY_FULL`] of its capacity), so that a backlog that stops
//!   growing only because it turns requests away is not reported as over.
//!
//! An alert clears once its condition has been absent every second for [`SUSTAIN_S`]
//! seconds: a condition flickering around its threshold neither clears nor raises again. A
//! second in which nothing reached a component does not count for its errors either way: a
//! tier that is down and taken out of rotation is not reported as no longer failing.
//!
//! Invariants: reads the nodes only; deterministic (nodes in order, no random draw); the
//! users node is not watched (its arrivals are the requests it makes, not ones it serves).

use super::*;
use crate::sim::log::ERROR_ALERT_SHARE;

/// Utilization at or above which a second counts as saturated: at 95 % busy a queue's wait
/// is already about twenty times the service time (1 / (1 - ρ)), and any more load piles up.
pub(crate) const SATURATED: f64 = 0.95;
/// Seconds a condition must hold to raise an alert, and be gone to clear it: long enough
/// that a burst or one slow second pages nobody, short enough to catch an outage at once.
pub(crate) const SUSTAIN_S: u32 = 10;
/// Smallest rise of the waiting requests over [`SUSTAIN_S`] seconds that counts as a
/// growing queue: a queue 90 % busy holds about nine on average and wanders well past that
/// by chance, a backlog that is really building adds more than five a second.
pub(crate) const MIN_GROWTH: u64 = 50;
/// Share of a queue's places taken from which it counts as growing however it moves: a full
/// queue turns arrivals away and drops the requests waiting past the timeout, so it wanders a
/// few hundred places under its capacity without getting any better.
const NEARLY_FULL: f64 = 0.9;
/// The queue must have grown over every step of this many seconds within the window, not
/// only from its start to its end (a burst that came and went is no backlog).
const GROWTH_STEP_S: usize = 2;

/// The conditions, in the order of [`Watch::conds`].
const KINDS: [AlertKind; 3] = [
    AlertKind::Errors,
    AlertKind::Saturated,
    AlertKind::QueueGrowing,
];
const DEPTHS: usize = SUSTAIN_S as usize + 1;

/// What the alerts remember about one node.
#[derive(Clone, Debug, Default)]
pub(crate) struct Watch {
    conds: [Cond; KINDS.len()],
    /// Requests waiting in its queues at each of the last ticks (a ring by tick number).
    depths: [u64; DEPTHS],
}

/// One condition on one node.
#[derive(Clone, Copy, Debug, Default)]
struct Cond {
    /// Seconds in a row the condition held (not raised) or was absent (raised).
    streak: u32,
    /// Raised, since this tick (whole simulated seconds).
    since: Option<u64>,
    /// The figure summed over the streak, and what it is a share of.
    part: u128,
    whole: u128,
}

impl Cond {
    /// One more second, `on` or not, with its figure `part` of `whole`. Returns whether the
    /// alert is raised now (`Some(true)`), cleared now (`Some(false)`), or neither.
    fn second(&mut self, on: bool, part: u128, whole: u128, needed: u32) -> Option<bool> {
        match self.since {
            None if on => {
                self.streak += 1;
                self.part += part;
                self.whole += whole;
                (self.streak >= needed).then_some(true)
            }
            None => {
                *self = Cond::default();
                None
            }
            Some(_) if on => {
                self.streak = 0;
                None
            }
            Some(_) => {
                self.streak += 1;
                (self.streak >= SUSTAIN_S).then_some(false)
            }
        }
    }

    fn share(&self) -> f64 {
        if self.whole == 0 {
            0.0
        } else {
            (self.part as f64 / self.whole as f64).min(1.0)
        }
    }
}

impl World {
    /// Checks every condition on every node for the second just ended and logs the alerts
    /// that begin or end.
    pub(crate) fn watch_alerts(&mut self, now: SimTime) {
        if self.watch.len() != self.nodes.len() {
            self.watch.resize_with(self.nodes.len(), Watch::default);
        }
        let slot = (self.ticks % WINDOW_TICKS as u64) as usize;
        let before = ((self.ticks + WINDOW_TICKS as u64 - 1) % WINDOW_TICKS as u64) as usize;
        let ring = (self.ticks % DEPTHS as u64) as usize;
        let mut notes = Vec::new();
        for (i, (node, watch)) in self.nodes.iter().zip(&mut self.watch).enumerate() {
            if node.kind == ComponentKind::Users {
                continue;
            }
            let (a, b) = (node.window[before], node.window[slot]);
            let arrivals = b.arrivals.saturating_sub(a.arrivals) as u128;
            let errors = (total(&b.errors).saturating_sub(total(&a.errors))) as u128;
            let busy = b.busy_area.saturating_sub(a.busy_area);
            let capacity = b.capacity_area.saturating_sub(a.capacity_area);
            let stations = node.stations();
            let depth: u64 = stations.iter().map(|(st, _)| st.queued() as u64).sum();
            // A queue nearly full no longer grows only because it turns requests away (and
            // loses those waiting past the timeout in batches): the backlog is at its worst,
            // not over.
            let full = stations.iter().any(|(st, _)| {
                st.config()
                    .queue_capacity
                    .is_some_and(|cap| cap > 0 && st.queued() as f64 >= NEARLY_FULL * cap as f64)
            });
            watch.depths[ring] = depth;

            let erroring = errors > 0 && errors as f64 > ERROR_ALERT_SHARE * arrivals as f64;
            let seen = arrivals.max(errors);
            let saturated = capacity > 0 && busy as f64 >= SATURATED * capacity as f64;
            let at = |back: usize| watch.depths[(ring + DEPTHS - back) % DEPTHS];
            let old = at(DEPTHS - 1);
            let growing = self.ticks > SUSTAIN_S as u64
                && (full
                    || depth >= old + MIN_GROWTH
                        && (0..DEPTHS - 1)
                            .step_by(GROWTH_STEP_S)
                            .all(|back| at(back) > at((back + GROWTH_STEP_S).min(DEPTHS - 1))));

            // A second in which nothing reached it says nothing about its errors (a tier down
            // and taken out of rotation, or no traffic): an error alert neither clears nor
            // grows nearer on it, so an outage is not reported over while it lasts.
            let silent = arrivals == 0 && errors == 0;
            let checks = [
                (erroring, errors, seen, SUSTAIN_S),
                (saturated, busy, capacity, SUSTAIN_S),
                // The window of the depths already spans the sustained time.
                (growing, 0, 0, 1),
            ];
            for (k, (on, part, whole, needed)) in checks.into_iter().enumerate() {
                let cond = &mut watch.conds[k];
                if KINDS[k] == AlertKind::Errors && silent {
                    continue;
                }
                match cond.second(on, part, whole, needed) {
                    Some(true) => {
                        let for_s = SUSTAIN_S as f64;
                        let alert = match KINDS[k] {
                            AlertKind::Errors => Alert::Errors {
                                share: cond.share(),
                            },
                            AlertKind::Saturated => Alert::Saturated {
                                utilization: cond.share(),
                            },
                            AlertKind::QueueGrowing => Alert::QueueGrowing {
                                from: old,
                                to: depth,
                            },
                        };
                        *cond = Cond {
                            since: Some(self.ticks.saturating_sub(SUSTAIN_S as u64)),
                            ..Cond::default()
                        };
                        notes.push((
                            i,
                            LogEvent::AlertRaised {
                                label: node.label.clone(),
                                alert,
                                for_s,
                            },
                        ));
                    }
                    Some(false) => {
                        let ended = self.ticks.saturating_sub(SUSTAIN_S as u64);
                        let lasted_s = ended.saturating_sub(cond.since.unwrap_or(ended)) as f64;
                        *cond = Cond::default();
                        let kind = KINDS[k];
                        notes.push((
                            i,
                            LogEvent::AlertCleared {
                                label: node.label.clone(),
                                kind,
                                lasted_s,
                            },
                        ));
                    }
                    None => {}
                }
            }
        }
        for (i, event) in notes {
            self.note(now, Some(NodeIx(i as u32)), event);
        }
    }
}

/// Failures of every reason.
fn total(e: &ErrorCounts) -> u64 {
    e.by_reason().iter().map(|(_, n)| n).sum()
}
