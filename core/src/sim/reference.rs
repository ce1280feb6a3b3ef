//! The reference model the benchmarks measure the event core with: an M/M/4 queue at
//! utilization 0.8 (3,200 arrivals/s into four 1 ms servers) on the bare [`Engine`], nothing
//! else. It lives in this crate, not in the bench, so that it is compiled like the simulation it
//! is compared with (in the app's release profile, this crate's opt-level 3): the ratio of the
//! chapter final's events/s to this model's is then of like with like, natively and in wasm.

use super::rng::{Dist, SimRng};
use super::station::{Admission, Station, StationConfig};
use super::{Engine, EventQueue, Model, SimTime};

struct MmC {
    station: Station<()>,
    gaps: Dist,
    rng: SimRng,
    timed_out: Vec<(SimTime, ())>,
}

enum Ev {
    Arrival,
    Done(SimTime),
}

impl Model for MmC {
    type Event = Ev;
    fn handle(&mut self, now: SimTime, ev: Ev, q: &mut EventQueue<Ev>) {
        match ev {
            Ev::Arrival => {
                if let Admission::Started(s) = self.station.arrive(now, ()) {
                    q.schedule(s.done_at, Ev::Done(s.arrived));
                }
                q.schedule(now.after(self.gaps.sample(&mut self.rng)), Ev::Arrival);
            }
            Ev::Done(arrived) => {
                if let Some(s) = self.station.complete(now, arrived, &mut self.timed_out) {
                    q.schedule(s.done_at, Ev::Done(s.arrived));
                }
            }
        }
    }
}

/// A run of the reference M/M/4 model, built and ready: [`Mm4::run`] handles its events.
pub struct Mm4(Engine<MmC>);

impl Mm4 {
    /// The model with its streams seeded by `seed`, its first arrival scheduled.
    pub fn new(seed: u64) -> Mm4 {
        let mut e = Engine::new(MmC {
            station: Station::new(
                StationConfig {
                    servers: 4,
                    service: Dist::Exponential {
                        mean: SimTime::from_millis(1),
                    },
                    queue_capacity: None,
                    timeout: None,
                },
                SimRng::stream(seed, 1, "service"),
            ),
            gaps: Dist::poisson_gaps(3200.0),
            rng: SimRng::stream(seed, 0, "arrivals"),
            timed_out: Vec::new(),
        });
        e.queue.schedule(SimTime::ZERO, Ev::Arrival);
        Mm4(e)
    }

    /// Handles `events` events (it never runs out of them) and returns how many it handled.
    pub fn run(&mut self, events: u64) -> u64 {
        self.0.step_until(SimTime::MAX, events).processed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_model_never_runs_out_of_events() {
        let mut m = Mm4::new(1);
        assert_eq!(m.run(100_000), 100_000);
    }
}
