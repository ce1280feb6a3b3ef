//! The deterministic discrete-event simulation of a diagram.
//!
//! Integer simulated time, FIFO tie-breaking, one seeded PRNG stream per component. Reads the
//! diagram, never writes it; never touches the DOM, the wall clock or OS entropy, so the same
//! diagram and seed give bit-identical results natively and in the browser.
//!
//! Building blocks, each a passive state machine driven by the owner's event loop:
//!
//! ```text
//!            schedule(at, ev)                 pop (time, seq) smallest
//!   Model ───────────────────▶ EventQueue ───────────────────────────▶ Engine::step_until(t, budget)
//!     ▲                                                                   │
//!     └────────────── Model::handle(now, ev, &mut queue) ◀────────────────┘
//!
//!   rng        named PCG streams per (seed, component, stream) + samplers (exp, lognormal, Zipf)
//!   histogram  log-linear latency histogram, quantiles within ~0.4 %, sliding windows
//!   station    c-server FIFO queue: admission, timeouts, utilisation, time-average lengths
//!   cache      per-key LRU / LFU / FIFO store with TTL
//!   sharding   modulo and consistent-hash (virtual nodes) key placement
//!   replication primary + replicas: apply queues, lag, stale reads, failover and lost writes
//!   world      build(&Diagram) -> Simulation: requests hop between components (see its doc)
//!   metrics    MetricsSnapshot: plain data for the view, with the accounting invariant
//! ```
//!
//! Driving a run (what the view does once per animation frame):
//!
//! ```text
//!   let mut sim = sim::build(&diagram, &RunConfig::default())?;   // or a precise BuildError
//!   sim.step_until(t_ns, event_budget);                           // frame-sized chunks
//!   let snapshot = sim.snapshot();                                // joined to the diagram by id
//!   sim.inject(fault);                                            // a fault clicked in the UI
//! ```
//!
//! Invariants: time never goes backwards; two events at the same time are handled in the order
//! they were scheduled; nothing here iterates a randomly seeded hash map.

pub mod cache;
pub mod histogram;
pub mod metrics;
pub mod replication;
pub mod rng;
pub mod run_history;
pub mod series;
pub mod sharding;
pub mod station;
pub mod theory;
mod world;

pub use metrics::MetricsSnapshot;
pub use world::{BuildError, RunConfig, Simulation, build};

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A point in simulated time, in integer nanoseconds since the start of the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

impl SimTime {
    /// The start of every run.
    pub const ZERO: SimTime = SimTime(0);
    /// The far future: never reached by a run.
    pub const MAX: SimTime = SimTime(u64::MAX);

    /// `ns` nanoseconds.
    pub const fn from_nanos(ns: u64) -> SimTime {
        SimTime(ns)
    }
    /// `us` microseconds.
    pub const fn from_micros(us: u64) -> SimTime {
        SimTime(us * 1_000)
    }
    /// `ms` milliseconds.
    pub const fn from_millis(ms: u64) -> SimTime {
        SimTime(ms * 1_000_000)
    }
    /// `s` whole seconds.
    pub const fn from_secs(s: u64) -> SimTime {
        SimTime(s * 1_000_000_000)
    }
    /// `s` seconds, rounded to the nearest nanosecond (negative and NaN give zero).
    pub fn from_secs_f64(s: f64) -> SimTime {
        let ns = s * 1e9;
        if ns.is_nan() || ns <= 0.0 {
            SimTime::ZERO
        } else if ns >= u64::MAX as f64 {
            SimTime::MAX
        } else {
            SimTime((ns + 0.5) as u64)
        }
    }
    /// The time in nanoseconds.
    pub const fn as_nanos(self) -> u64 {
        self.0
    }
    /// The time in seconds.
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 * 1e-9
    }
    /// The time in milliseconds.
    pub fn as_millis_f64(self) -> f64 {
        self.0 as f64 * 1e-6
    }
    /// `self + d`, saturating at [`SimTime::MAX`].
    pub const fn after(self, d: SimTime) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
    /// `self - earlier`, or zero if `earlier` is later.
    pub const fn since(self, earlier: SimTime) -> SimTime {
        SimTime(self.0.saturating_sub(earlier.0))
    }
}

struct Entry<E> {
    time: u64,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.time == other.time && self.seq == other.seq
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    /// Reversed so that the max-heap pops the smallest (time, seq) first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time, other.seq).cmp(&(self.time, self.seq))
    }
}

/// Pending events ordered by (time, sequence number): equal times pop in scheduling order.
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    next_seq: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> EventQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        EventQueue {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
    /// Schedules `event` at `at`.
    pub fn schedule(&mut self, at: SimTime, event: E) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry {
            time: at.0,
            seq,
            event,
        });
    }
    /// The time of the next event, if any.
    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|e| SimTime(e.time))
    }
    /// Removes and returns the next event.
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        self.heap.pop().map(|e| (SimTime(e.time), e.event))
    }
    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }
    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
    /// Total events ever scheduled.
    pub fn scheduled_total(&self) -> u64 {
        self.next_seq
    }
}

/// Something driven by events: handles one event and may schedule more.
pub trait Model {
    /// The closed set of events this model handles.
    type Event;
    /// Handles `event` happening at `now`.
    fn handle(&mut self, now: SimTime, event: Self::Event, queue: &mut EventQueue<Self::Event>);
}

/// What one call of [`Engine::step_until`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepOutcome {
    /// Events handled by this call.
    pub processed: u64,
    /// The clock after the call.
    pub now: SimTime,
    /// True if every event up to the target time was handled (the clock is then at the target);
    /// false if the event budget ran out first (the clock is at the last handled event).
    pub reached: bool,
}

/// The clock, the pending events and the model they drive.
pub struct Engine<M: Model> {
    /// The model being simulated.
    pub model: M,
    /// Pending events.
    pub queue: EventQueue<M::Event>,
    now: SimTime,
    processed: u64,
}

impl<M: Model> Engine<M> {
    /// An engine at time zero with no pending events.
    pub fn new(model: M) -> Self {
        Engine {
            model,
            queue: EventQueue::new(),
            now: SimTime::ZERO,
            processed: 0,
        }
    }
    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.now
    }
    /// Events handled since the start.
    pub fn processed(&self) -> u64 {
        self.processed
    }
    /// Handles events in (time, seq) order while their time is `<= until`, at most
    /// `event_budget` of them. Events scheduled in the past are handled "now": the clock never
    /// goes backwards.
    pub fn step_until(&mut self, until: SimTime, event_budget: u64) -> StepOutcome {
        let mut processed = 0;
        loop {
            match self.queue.peek_time() {
                Some(t) if t <= until => {
                    if processed == event_budget {
                        self.processed += processed;
                        return StepOutcome {
                            processed,
                            now: self.now,
                            reached: false,
                        };
                    }
                    let (t, ev) = self.queue.pop().expect("peeked");
                    if t > self.now {
                        self.now = t;
                    }
                    self.model.handle(self.now, ev, &mut self.queue);
                    processed += 1;
                }
                _ => {
                    if until > self.now {
                        self.now = until;
                    }
                    self.processed += processed;
                    return StepOutcome {
                        processed,
                        now: self.now,
                        reached: true,
                    };
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Recorder(Vec<(u64, u32)>);
    impl Model for Recorder {
        type Event = u32;
        fn handle(&mut self, now: SimTime, ev: u32, q: &mut EventQueue<u32>) {
            self.0.push((now.0, ev));
            if ev == 1 {
                q.schedule(now, 10);
                q.schedule(SimTime(now.0 + 5), 11);
            }
        }
    }

    #[test]
    fn equal_times_pop_in_scheduling_order() {
        let mut q = EventQueue::new();
        for i in 0..100u32 {
            q.schedule(SimTime(7), i);
        }
        q.schedule(SimTime(3), 1000);
        assert_eq!(q.pop(), Some((SimTime(3), 1000)));
        for i in 0..100u32 {
            assert_eq!(q.pop(), Some((SimTime(7), i)));
        }
        assert!(q.is_empty());
    }

    #[test]
    fn step_until_respects_target_and_budget() {
        let mut e = Engine::new(Recorder(Vec::new()));
        e.queue.schedule(SimTime(10), 1);
        e.queue.schedule(SimTime(10), 2);
        e.queue.schedule(SimTime(100), 3);
        let out = e.step_until(SimTime(50), 2);
        assert_eq!(out.processed, 2);
        assert!(!out.reached);
        assert_eq!(out.now, SimTime(10));
        assert_eq!(e.model.0, vec![(10, 1), (10, 2)]);
        let out = e.step_until(SimTime(50), 100);
        assert!(out.reached);
        assert_eq!(out.now, SimTime(50));
        // The event scheduled by ev 1 at the same time comes after ev 2 (FIFO by seq).
        assert_eq!(e.model.0, vec![(10, 1), (10, 2), (10, 10), (15, 11)]);
        let out = e.step_until(SimTime(20), 100);
        assert_eq!((out.processed, out.now), (0, SimTime(50)));
        e.step_until(SimTime::MAX, u64::MAX);
        assert_eq!(e.model.0.last(), Some(&(100, 3)));
    }

    #[test]
    fn sim_time_conversions_round_and_saturate() {
        assert_eq!(SimTime::from_secs_f64(1.5e-9), SimTime(2));
        assert_eq!(SimTime::from_secs_f64(-1.0), SimTime::ZERO);
        assert_eq!(SimTime::from_secs_f64(f64::NAN), SimTime::ZERO);
        assert_eq!(SimTime::from_secs_f64(1e30), SimTime::MAX);
        assert_eq!(SimTime::MAX.after(SimTime(5)), SimTime::MAX);
        assert_eq!(SimTime(3).since(SimTime(5)), SimTime::ZERO);
        assert_eq!(SimTime::from_millis(2).as_millis_f64(), 2.0);
    }
}
