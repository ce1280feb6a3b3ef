//! [`Driver`]: a built simulation stepped in slices of wall time, with the history's samples
//! taken on the way (see the module doc of [`crate::runner`]).

use crate::decimal::Within;
use crate::model::{Diagram, Fault};
use crate::present::run_history::Sampler;
use crate::sim::{self, BuildError, MetricsSnapshot, RunConfig, Simulation};

use super::{STEP_S, Speed};

/// The fewest events a slice may handle, however slow the measured rate.
const MIN_BUDGET_EVENTS: u64 = 500;

/// A simulation being run: the engine, the sampler that stops it at each sample time, a
/// pending Step, and the measured speed that sizes the next slice.
pub struct Driver {
    sim: Simulation,
    sampler: Sampler,
    /// Stop when simulated time reaches this (Step).
    stop_at_ns: Option<u64>,
    /// Measured simulation speed, events per wall millisecond of work.
    events_per_ms: f64,
}

/// What one slice did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Slice {
    /// Events handled.
    pub processed: u64,
    /// Wall milliseconds the slice's work took (by the clock it was handed).
    pub spent_ms: f64,
    /// A Step reached its end in this slice.
    pub step_done: bool,
    /// The run reached the scenario's end.
    pub finished: bool,
}

impl Driver {
    /// Builds the run of `diagram` with its scenario's own seed and length.
    pub fn build(diagram: &Diagram) -> Result<Driver, BuildError> {
        sim::build(
            diagram,
            &RunConfig {
                seed: None,
                duration_s: None,
            },
        )
        .map(Driver::new)
    }

    /// A driver for a simulation built elsewhere, at its current time.
    pub fn new(sim: Simulation) -> Driver {
        let sampler = Sampler::new(sim.duration_s());
        Driver {
            sim,
            sampler,
            stop_at_ns: None,
            events_per_ms: 2_000.0,
        }
    }

    /// The simulation (read-only: every change goes through the driver).
    pub fn simulation(&self) -> &Simulation {
        &self.sim
    }

    /// A snapshot of now.
    pub fn snapshot(&self) -> MetricsSnapshot {
        self.sim.snapshot()
    }

    /// The run's length in simulated seconds.
    pub fn duration_s(&self) -> f64 {
        self.sim.duration_s()
    }

    fn end_ns(&self) -> u64 {
        (self.sim.duration_s() * 1e9) as u64
    }

    /// Whether the run reached its end.
    pub fn finished(&self) -> bool {
        self.sim.now().as_nanos() >= self.end_ns()
    }

    /// Asks the next slices to stop [`STEP_S`] simulated seconds from now.
    pub fn request_step(&mut self) {
        self.stop_at_ns = Some(self.sim.now().as_nanos() + (STEP_S * 1e9) as u64);
    }

    /// Whether a Step is under way.
    pub fn stepping(&self) -> bool {
        self.stop_at_ns.is_some()
    }

    /// Forgets a pending Step (a pause).
    pub fn cancel_step(&mut self) {
        self.stop_at_ns = None;
    }

    /// Injects `fault` now and handles it at once, so the log shows it even while paused.
    pub fn inject(&mut self, fault: Fault) {
        let at_s = self.sim.now().as_secs_f64();
        self.sim.inject(Fault { at_s, ..fault });
        let now = self.sim.now().as_nanos();
        self.sim.step_until(now, 10_000);
    }

    /// Simulates one slice: `gap_ms` of wall time passed since the last one, at `speed` (or up to
    /// a pending Step's end), handling about as many events as fit in `budget_ms` at the measured
    /// rate. Snapshots are pushed onto `samples` at every sample time reached. `clock` (wall
    /// milliseconds) times the work, to keep the measured rate current.
    pub fn slice(
        &mut self,
        speed: Speed,
        gap_ms: f64,
        budget_ms: f64,
        clock: &dyn Fn() -> f64,
        samples: &mut Vec<MetricsSnapshot>,
    ) -> Slice {
        let now_ns = self.sim.now().as_nanos();
        let end_ns = self.end_ns();
        let target = match (speed, self.stop_at_ns) {
            (_, Some(stop)) => stop,
            (Speed::Times(x), None) => now_ns + (gap_ms * 1e6 * x) as u64,
            (Speed::Max, None) => end_ns,
        }
        .min(end_ns);
        let budget = ((self.events_per_ms * budget_ms) as u64).max(MIN_BUDGET_EVENTS);
        let t0 = clock();
        let out = self.sampler.advance(&mut self.sim, target, budget, samples);
        let spent_ms = clock() - t0;
        if out.processed >= 200 && spent_ms > 0.2 {
            let rate = out.processed as f64 / spent_ms;
            self.events_per_ms = (0.7 * self.events_per_ms + 0.3 * rate).within(50.0, 1e6);
        } else if !out.reached && spent_ms <= 0.2 {
            self.events_per_ms = (self.events_per_ms * 1.5).min(1e6);
        }
        let now_ns = self.sim.now().as_nanos();
        let step_done = out.reached && self.stop_at_ns.is_some_and(|s| now_ns >= s);
        if step_done {
            self.stop_at_ns = None;
        }
        Slice {
            processed: out.processed,
            spent_ms,
            step_done,
            finished: now_ns >= end_ns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples;

    /// A clock that advances a millisecond each time it is read.
    fn ticking() -> impl Fn() -> f64 {
        let t = std::cell::Cell::new(0.0);
        move || {
            t.set(t.get() + 1.0);
            t.get()
        }
    }

    #[test]
    fn a_step_stops_one_simulated_second_on() {
        let mut d = Driver::build(&examples::chapter_final()).unwrap();
        d.request_step();
        let clock = ticking();
        let mut samples = Vec::new();
        let mut slices = 0;
        loop {
            slices += 1;
            let s = d.slice(Speed::Max, 16.0, 6.0, &clock, &mut samples);
            if s.step_done {
                break;
            }
            assert!(slices < 10_000, "the step never ended");
        }
        assert_eq!(d.simulation().now().as_nanos(), (STEP_S * 1e9) as u64);
        assert!(!samples.is_empty(), "a second of run takes its samples");
    }

    #[test]
    fn slices_of_any_size_give_the_same_run() {
        let run = |budget_ms: f64| {
            let mut d = Driver::build(&examples::single_server()).unwrap();
            let clock = ticking();
            let mut samples = Vec::new();
            while !d
                .slice(Speed::Max, 16.0, budget_ms, &clock, &mut samples)
                .finished
            {}
            (d.snapshot().summary(), samples.len())
        };
        let (a, n) = run(0.5);
        assert_eq!((a.clone(), n), run(40.0));
        assert!(n > 10);
    }

    #[test]
    fn times_speed_advances_by_the_wall_gap() {
        let mut d = Driver::build(&examples::single_server()).unwrap();
        let s = d.slice(Speed::Times(2.0), 100.0, 6.0, &ticking(), &mut Vec::new());
        assert!(s.processed > 0);
        assert_eq!(d.simulation().now().as_nanos(), 200_000_000);
    }
}
