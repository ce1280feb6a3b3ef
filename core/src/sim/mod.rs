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
//!   log        the run log's typed events (a kind plus its arguments; the view words them)
//!   failure    the one table of failure reasons the engine, metrics and view all read
//!   theory     closed forms (Erlang C, M/D/1, Che, replica lag) the view shows beside figures
//!   predict    the theory's inputs read from a whole diagram (offered rates, write rates)
//!   reference  the M/M/4 model the benchmarks measure the bare event core with
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
pub mod failure;
pub mod histogram;
pub mod log;
pub mod metrics;
pub mod predict;
pub mod reference;
pub mod regions;
pub mod replication;
pub mod rng;
pub mod session_table;
pub mod sharding;
pub mod station;
pub mod theory;
pub mod touch_queue;
mod world;

pub use metrics::MetricsSnapshot;
pub use world::{BuildError, RunConfig, Simulation, build};

/// `a * b` in full. Natively one multiply instruction; wasm32 has no 64 x 64 -> 128-bit
/// multiply, and a `u128` product there calls a generic 128-bit multiplication routine through
/// memory, so it is four 32-bit products instead (the same value).
#[inline(always)]
pub(crate) fn wide_mul(a: u64, b: u64) -> u128 {
    #[cfg(target_arch = "wasm32")]
    {
        wide_mul_by_halves(a, b)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        a as u128 * b as u128
    }
}

/// [`wide_mul`] from 32-bit halves.
#[cfg(any(test, target_arch = "wasm32"))]
#[inline(always)]
fn wide_mul_by_halves(a: u64, b: u64) -> u128 {
    const LOW: u64 = 0xffff_ffff;
    let (a0, a1) = (a & LOW, a >> 32);
    let (b0, b1) = (b & LOW, b >> 32);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    // Below 2^34: no overflow.
    let mid = (p00 >> 32) + (p01 & LOW) + (p10 & LOW);
    let lo = (p00 & LOW) | (mid << 32);
    let hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    ((hi as u128) << 64) | lo as u128
}

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

/// Late events' ties are broken by a 32-bit sequence number packed above the event's 32-bit
/// slab slot; when the sequence numbers run out, the pending late events are renumbered in
/// order (once per 2^32 late events, cheap: only pending ones are touched).
const SEQ_SHIFT: u32 = 32;
const SLOT_MASK: u64 = (1 << SEQ_SHIFT) - 1;

/// A late-heap key: the time in the high 64 bits, `seq << 32 | slot` in the low 64, so one
/// `u128` comparison orders by (time, sequence number).
#[inline]
const fn heap_key(at: u64, seq_slot: u64) -> u128 {
    ((at as u128) << 64) | seq_slot as u128
}

/// Bits per digit of the radix heap's times: 4 (16 levels of 16 buckets) moves each event
/// fewer times than 1 (a bucket per bit): the chapter-final run is about 8 % faster, natively
/// and in wasm. 6 was no faster than 4.
const DIGIT_BITS: u32 = 4;
const RADIX: usize = 1 << DIGIT_BITS;
const LEVELS: usize = 64usize.div_ceil(DIGIT_BITS as usize);
const BUCKETS: usize = LEVELS * RADIX;
const MASK_WORDS: usize = BUCKETS.div_ceil(64);

/// The radix heap's bucket of time `at > last`: by the highest digit where `at` differs from
/// `last` (its level), then by `at`'s value of that digit. Buckets in increasing order hold
/// increasing times: a time in a lower level equals `last` on the digit where a time in a
/// higher level is above it (and above that they agree), and within a level the digit orders.
#[inline(always)]
fn bucket_of(at: u64, last: u64) -> usize {
    let level = (63 - (at ^ last).leading_zeros()) / DIGIT_BITS;
    let digit = (at >> (level * DIGIT_BITS)) as usize & (RADIX - 1);
    level as usize * RADIX + digit
}

/// A slab slot for one event, aligned to a cache line: an event of up to 64 bytes is read in
/// one line, never split across two (in the chapter final, most events are read back after
/// the lines they were written to have left the first-level cache).
#[repr(align(64))]
struct Slot<E>(Option<E>);

/// Pending events ordered by (time, sequence number): equal times pop in scheduling order.
///
/// A radix heap on the times, with 4-bit digits. `last` is the time the queue last moved up to
/// (never more than the earliest pending time of the radix part); an event at time `t > last`
/// sits in bucket [`bucket_of`]`(t, last)`, so every time in a lower bucket is smaller than
/// every time in a higher one; events at exactly `last` sit in a FIFO. Popping takes the
/// FIFO's front; when the FIFO is empty, the lowest non-empty bucket (the first set bit of a
/// 256-bit mask) is redistributed around its minimum, the new `last`: its events agree with
/// the minimum on every digit down to the bucket's own, so each lands in a strictly lower level,
/// or in the FIFO; no other bucket changes (the minimum agrees with `last` above that digit).
/// Scheduling and popping are a few integer operations and a push; an event moves down a
/// level or two in its lifetime, where a heap compares 16-byte keys across every level on every
/// pop (in wasm, each `u128` comparison is several 64-bit operations and selects).
///
/// Ties need no sequence numbers here: events at equal times are always in the same bucket (a
/// function of time and `last`), each bucket keeps scheduling order among them (schedules
/// append; redistribution appends in order), and an event scheduled at `last` joins the FIFO
/// after the earlier ones. An event scheduled before `last` (in the past of the queue, which
/// the engine allows, or before a time the queue moved up to while looking for the next event)
/// goes to a small 4-ary heap of `u128` keys `time << 64 | seq << 32 | slot`, which pops first:
/// all its times are before `last`, and so before everything in the radix part.
///
/// The events themselves sit in a slab whose free slots are reused, and the buckets and the
/// FIFO keep their capacity, so scheduling allocates nothing once warm and only (time, slot)
/// pairs move. An event is moved once, from its slot into [`Model::handle`]:
/// [`Engine::step_until`] pops only the slot and takes the event out of the slab itself
/// (compiled for wasm, a move of an event is a `memory.copy`; returning it through `pop` takes
/// two).
///
/// The trade, measured: the chapter-final run (about 200 pending events) was 13 to 15 % faster
/// in wasm with a radix heap of 1-bit digits than with the former 4-ary heap of `u128` keys,
/// and as fast natively (4-bit digits then gained about 8 % more); the bare M/M/4 engine bench
/// (about 5 pending events, where a heap is nearly free) is about 20 % slower natively than
/// with the heap (28 to about 23 M events/s).
///
/// Measured in wasm and not kept: a binary heap (slower than 4-ary), and heap keys split into a
/// `u64` time compared first and a `u64` tie-break read only on equal times (slower: choosing
/// among children, that branch is unpredictable, where a `u128` comparison compiles to
/// selects).
pub struct EventQueue<E> {
    /// Late events (time before `last`), as a heap.
    heap: Vec<u128>,
    /// Slots of the events at time `last`, in scheduling order (a ring: a model that keeps
    /// scheduling at the current time does not grow it).
    now_q: std::collections::VecDeque<u32>,
    /// Bucket [`bucket_of`]`(t, last)` holds (time, slot) of the events at `t > last`, in
    /// scheduling order among equal times.
    buckets: [Vec<(u64, u32)>; BUCKETS],
    /// Bit `b` (word `b / 64`, bit `b % 64`) set if bucket `b` is not empty.
    mask: [u64; MASK_WORDS],
    /// At most the earliest time in the FIFO and the buckets; only moves up.
    last: u64,
    /// Number of pending events.
    pending: usize,
    slab: Vec<Slot<E>>,
    free: Vec<u32>,
    seq: u64,
    total: u64,
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
            heap: Vec::new(),
            now_q: std::collections::VecDeque::new(),
            buckets: std::array::from_fn(|_| Vec::new()),
            mask: [0; MASK_WORDS],
            last: 0,
            pending: 0,
            slab: Vec::new(),
            free: Vec::new(),
            seq: 0,
            total: 0,
        }
    }
    /// Schedules `event` at `at`.
    #[inline(always)]
    pub fn schedule(&mut self, at: SimTime, event: E) {
        if self.free.is_empty() {
            self.add_slot();
        }
        let slot = self.free.pop().expect("a free slot");
        // The event's one use: it is written field by field into its slot, never copied
        // through the stack.
        self.slab[slot as usize].0 = Some(event);
        if self.seq > SLOT_MASK {
            self.renumber();
        }
        self.total += 1;
        self.pending += 1;
        let at = at.0;
        if at > self.last {
            let b = bucket_of(at, self.last);
            self.buckets[b].push((at, slot));
            self.mark(b);
        } else if at == self.last {
            self.now_q.push_back(slot);
        } else {
            self.schedule_late(at, slot);
        }
    }
    #[cold]
    #[inline(never)]
    fn schedule_late(&mut self, at: u64, slot: u32) {
        let key = heap_key(at, (self.seq << SEQ_SHIFT) | slot as u64);
        self.seq += 1;
        self.heap.push(key);
        self.sift_up(self.heap.len() - 1, key);
    }
    /// A new empty slab slot on the free list (the slab only grows while the queue warms up).
    #[cold]
    #[inline(never)]
    fn add_slot(&mut self) {
        assert!(
            self.slab.len() < u32::MAX as usize,
            "too many pending events"
        );
        self.free.push(self.slab.len() as u32);
        self.slab.push(Slot(None));
    }
    /// Gives the pending events fresh sequence numbers 0.. in their current order.
    #[cold]
    fn renumber(&mut self) {
        crate::order::sort_keys(&mut self.heap);
        for (i, k) in self.heap.iter_mut().enumerate() {
            let at = (*k >> 64) as u64;
            let slot = *k as u64 & SLOT_MASK;
            *k = heap_key(at, ((i as u64) << SEQ_SHIFT) | slot);
        }
        // A sorted array is a valid heap.
        self.seq = self.heap.len() as u64;
    }
    #[inline]
    fn sift_up(&mut self, mut i: usize, key: u128) {
        while i > 0 {
            let parent = (i - 1) / 4;
            let p = self.heap[parent];
            if p <= key {
                break;
            }
            self.heap[i] = p;
            i = parent;
        }
        self.heap[i] = key;
    }
    /// Fills the hole at the root with `key` (the former last key, already removed).
    #[inline]
    fn refill_root(&mut self, key: u128) {
        let n = self.heap.len();
        let heap = &mut self.heap[..];
        let mut i = 0;
        // Sink the hole along the smallest child while a node has all four children.
        loop {
            let first = 4 * i + 1;
            if first + 4 > n {
                break;
            }
            let c = &heap[first..first + 4];
            let (a, ka) = if c[1] < c[0] { (1, c[1]) } else { (0, c[0]) };
            let (b, kb) = if c[3] < c[2] { (3, c[3]) } else { (2, c[2]) };
            let (best, best_key) = if kb < ka { (b, kb) } else { (a, ka) };
            heap[i] = best_key;
            i = first + best;
        }
        // A last node with fewer than four children.
        let first = 4 * i + 1;
        if first < n {
            let mut best = first;
            let mut best_key = heap[first];
            for (c, &k) in heap[first + 1..].iter().enumerate() {
                if k < best_key {
                    best = first + 1 + c;
                    best_key = k;
                }
            }
            heap[i] = best_key;
            i = best;
        }
        self.sift_up(i, key);
    }
    /// The time of the next event, if any.
    #[inline]
    pub fn peek_time(&self) -> Option<SimTime> {
        if let Some(&k) = self.heap.first() {
            return Some(SimTime((k >> 64) as u64));
        }
        if !self.now_q.is_empty() {
            return Some(SimTime(self.last));
        }
        let b = self.lowest_bucket()?;
        self.buckets[b].iter().map(|&(at, _)| SimTime(at)).min()
    }
    /// Removes and returns the next event.
    #[inline]
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        let (at, slot) = self.pop_key_until(u64::MAX)?;
        Some((SimTime(at), self.take_event(slot)))
    }
    /// Removes and returns the next event if its time is `<= until`.
    #[inline]
    pub fn pop_until(&mut self, until: SimTime) -> Option<(SimTime, E)> {
        let (at, slot) = self.pop_key_until(until.0)?;
        Some((SimTime(at), self.take_event(slot)))
    }
    /// Removes the next key if its time is `<= until`, and returns its time and slab slot (whose
    /// event [`EventQueue::take_event`] then moves out).
    #[inline(always)]
    fn pop_key_until(&mut self, until: u64) -> Option<(u64, usize)> {
        if !self.heap.is_empty() {
            return self.pop_late_until(until);
        }
        if self.now_q.is_empty() {
            let b = self.lowest_bucket()?;
            let bucket = &mut self.buckets[b];
            if let &[(at, slot)] = &bucket[..] {
                // The lowest bucket holds only the earliest event (with no tie: equal times
                // share a bucket): pop it without redistributing (small queues, and often).
                if at > until {
                    return None;
                }
                bucket.clear();
                self.unmark(b);
                self.last = at;
                self.pending -= 1;
                return Some((at, slot as usize));
            }
            self.settle(b);
        }
        if self.last > until {
            return None;
        }
        let slot = self.now_q.pop_front().expect("an event at `last`");
        self.pending -= 1;
        Some((self.last, slot as usize))
    }
    #[cold]
    #[inline(never)]
    fn pop_late_until(&mut self, until: u64) -> Option<(u64, usize)> {
        let top = self.heap[0];
        if (top >> 64) as u64 > until {
            return None;
        }
        let last = self.heap.pop().expect("non-empty");
        if !self.heap.is_empty() {
            self.refill_root(last);
        }
        self.pending -= 1;
        Some(((top >> 64) as u64, (top as u64 & SLOT_MASK) as usize))
    }
    /// Moves `last` up to the earliest pending time, in bucket `b` (the lowest non-empty one),
    /// and redistributes that bucket.
    #[inline(never)]
    fn settle(&mut self, b: usize) {
        let mut items = std::mem::take(&mut self.buckets[b]);
        let last = items.iter().map(|&(at, _)| at).min().expect("non-empty");
        self.last = last;
        self.unmark(b);
        for &(at, slot) in &items {
            if at == last {
                self.now_q.push_back(slot);
            } else {
                let nb = bucket_of(at, last);
                self.buckets[nb].push((at, slot));
                self.mark(nb);
            }
        }
        items.clear();
        self.buckets[b] = items;
    }
    /// The lowest non-empty bucket: it holds the earliest pending times of the radix part.
    #[inline(always)]
    fn lowest_bucket(&self) -> Option<usize> {
        let (w, &m) = self.mask.iter().enumerate().find(|&(_, &m)| m != 0)?;
        Some(w * 64 + m.trailing_zeros() as usize)
    }
    #[inline(always)]
    fn mark(&mut self, b: usize) {
        self.mask[b / 64] |= 1 << (b % 64);
    }
    #[inline(always)]
    fn unmark(&mut self, b: usize) {
        self.mask[b / 64] &= !(1 << (b % 64));
    }
    /// Moves the event out of `slot` and frees the slot.
    #[inline(always)]
    fn take_event(&mut self, slot: usize) -> E {
        let event = self.slab[slot].0.take().expect("a pending event");
        self.free.push(slot as u32);
        event
    }
    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.pending
    }
    /// Whether no event is pending.
    pub fn is_empty(&self) -> bool {
        self.pending == 0
    }
    /// Total events ever scheduled.
    pub fn scheduled_total(&self) -> u64 {
        self.total
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
            if processed == event_budget && self.queue.peek_time().is_some_and(|t| t <= until) {
                self.processed += processed;
                return StepOutcome {
                    processed,
                    now: self.now,
                    reached: false,
                };
            }
            // Not `pop_until`: the event moves straight from its slab slot into `handle`
            // (returning it through `pop_until` copies it twice more, and in wasm each copy of
            // an event is a `memory.copy`, a call out of the compiled code).
            match self.queue.pop_key_until(until.0) {
                Some((t, slot)) => {
                    let t = SimTime(t);
                    if t > self.now {
                        self.now = t;
                    }
                    let ev = self.queue.take_event(slot);
                    self.model.handle(self.now, ev, &mut self.queue);
                    processed += 1;
                }
                None => {
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
    fn running_out_of_sequence_numbers_keeps_fifo_order() {
        // Sequence numbers order only late events (before the last popped time): make some.
        let mut q = EventQueue::new();
        q.schedule(SimTime(50), 1000);
        assert_eq!(q.pop(), Some((SimTime(50), 1000)));
        for i in 0..10u32 {
            q.schedule(SimTime(7 + (i % 3) as u64), i);
        }
        q.pop();
        q.seq = SLOT_MASK - 3;
        for i in 10..20u32 {
            q.schedule(SimTime(7 + (i % 3) as u64), i);
        }
        assert!(q.seq < 100, "renumbered");
        let mut got = Vec::new();
        while let Some(e) = q.pop() {
            got.push(e);
        }
        let mut want: Vec<(SimTime, u32)> = (1..20u32)
            .map(|i| (SimTime(7 + (i % 3) as u64), i))
            .collect();
        want.sort_by_key(|&(t, i)| (t, i));
        assert_eq!(got, want);
        assert_eq!(q.scheduled_total(), 21);
    }

    #[test]
    fn random_schedules_pop_sorted_by_time_then_order() {
        let mut q = EventQueue::new();
        let mut x = 12345u64;
        let mut want = Vec::new();
        let mut got = Vec::new();
        for i in 0..5000u32 {
            x = crate::sim::rng::mix64(x);
            q.schedule(SimTime(x % 97), i);
            want.push((SimTime(x % 97), i));
            if x.is_multiple_of(3) {
                got.push(q.pop().unwrap());
            }
        }
        while let Some(e) = q.pop() {
            got.push(e);
        }
        // Popping interleaved with scheduling: replay against a sorted reference.
        let mut reference = std::collections::BTreeSet::new();
        let mut expect = Vec::new();
        let mut x = 12345u64;
        for i in 0..5000u32 {
            x = crate::sim::rng::mix64(x);
            reference.insert((x % 97, i));
            if x.is_multiple_of(3) {
                expect.push(reference.pop_first().unwrap());
            }
        }
        expect.extend(std::mem::take(&mut reference));
        let expect: Vec<(SimTime, u32)> =
            expect.into_iter().map(|(t, i)| (SimTime(t), i)).collect();
        assert_eq!(got, expect);
        assert_eq!(want.len(), got.len());
    }

    /// Schedules and pops a seeded random mix against a `BTreeSet` of (time, order), through
    /// `pop` and through an [`Engine`], and checks every event. Times cluster on a few values
    /// (many ties), some are scheduled before the last popped time, and when `renumber_every` is
    /// set the sequence numbers are made to run out every that many schedules.
    fn check_against_reference(seed: u64, ops: u32, renumber_every: Option<u32>) {
        let mut q = EventQueue::new();
        let mut reference = std::collections::BTreeSet::new();
        let mut x = seed;
        let mut now = 0u64;
        for i in 0..ops {
            x = crate::sim::rng::mix64(x);
            if renumber_every.is_some_and(|k| i % k == 0) {
                q.seq = SLOT_MASK + 1;
            }
            if x % 5 < 3 {
                let at = match (x >> 8) % 8 {
                    0 => now,
                    1 => now.saturating_sub((x >> 16) % 4),
                    2..=4 => now + (x >> 16) % 3,
                    5 => now + (x >> 16) % 1000,
                    // Far ahead, up to 2^45: every level of the radix part.
                    _ => now + (x >> 20) % (2 << ((x >> 12) % 45)),
                };
                q.schedule(SimTime(at), i);
                reference.insert((at, i));
            } else {
                let want = reference.pop_first().map(|(t, i)| (SimTime(t), i));
                assert_eq!(q.pop(), want, "pop {i}");
                if let Some((t, _)) = want {
                    now = t.0;
                }
            }
            assert_eq!(q.len(), reference.len());
            assert_eq!(q.peek_time(), reference.first().map(|&(t, _)| SimTime(t)));
        }
        // The rest through the engine's own path.
        struct Log(Vec<(u64, u32)>);
        impl Model for Log {
            type Event = u32;
            fn handle(&mut self, now: SimTime, ev: u32, _: &mut EventQueue<u32>) {
                self.0.push((now.0, ev));
            }
        }
        let mut e = Engine::new(Log(Vec::new()));
        e.queue = q;
        e.step_until(SimTime::MAX, u64::MAX);
        let want: Vec<(u64, u32)> = reference.into_iter().collect();
        // The engine's clock never goes back: late events are handled "now".
        let mut clock = 0;
        let want: Vec<(u64, u32)> = want
            .into_iter()
            .map(|(t, i)| {
                clock = clock.max(t);
                (clock, i)
            })
            .collect();
        assert_eq!(e.model.0, want);
        assert!(e.queue.is_empty());
        assert_eq!(e.queue.pop(), None);
    }

    #[test]
    fn random_mix_with_ties_and_late_events_matches_a_sorted_reference() {
        for seed in 1..20 {
            check_against_reference(seed, 3000, None);
        }
    }

    #[test]
    fn repeated_renumbering_keeps_the_order() {
        for seed in 1..10 {
            check_against_reference(seed, 3000, Some(37));
        }
    }

    #[test]
    fn reused_slots_do_not_break_ties() {
        // Slots are reused last-freed first, so after these pops the slot order runs against
        // the scheduling order: a tie broken by slot instead of sequence number shows here.
        let mut q = EventQueue::new();
        for i in 0..64u32 {
            q.schedule(SimTime(u64::from(i)), i);
        }
        for i in 0..64u32 {
            assert_eq!(q.pop(), Some((SimTime(u64::from(i)), i)));
        }
        for i in 0..64u32 {
            q.schedule(SimTime(100), 100 + i);
        }
        assert_eq!(q.pop_until(SimTime(99)), None);
        for i in 0..64u32 {
            assert_eq!(q.pop_until(SimTime(100)), Some((SimTime(100), 100 + i)));
        }
        assert_eq!(q.scheduled_total(), 128);
    }

    #[test]
    fn a_chain_at_the_current_time_keeps_its_order_and_its_memory() {
        // Each event schedules the next at the same time (and now and then one later): FIFO
        // order, and the queue's storage stays the size of what is pending.
        struct Chain(Vec<u32>);
        impl Model for Chain {
            type Event = u32;
            fn handle(&mut self, now: SimTime, ev: u32, q: &mut EventQueue<u32>) {
                self.0.push(ev);
                if ev < 10_000 {
                    q.schedule(now, ev + 1);
                    if ev.is_multiple_of(1000) {
                        q.schedule(SimTime(now.0 + 1), 1_000_000 + ev);
                    }
                }
            }
        }
        let mut e = Engine::new(Chain(Vec::new()));
        e.queue.schedule(SimTime(5), 0);
        e.queue.schedule(SimTime(5), 500_000);
        e.step_until(SimTime(5), u64::MAX);
        assert_eq!(e.model.0[..4], [0, 500_000, 1, 2]);
        assert_eq!(e.model.0.len(), 10_002);
        assert!(e.queue.now_q.capacity() < 64);
        e.step_until(SimTime(6), u64::MAX);
        assert_eq!(e.model.0[10_002..10_005], [1_000_000, 1_001_000, 1_002_000]);
        assert_eq!(e.model.0.len(), 10_012);
        assert!(e.queue.is_empty());
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
    fn wide_mul_by_halves_is_the_full_product() {
        let mut x = 99u64;
        let edges = [0, 1, 2, 0xffff_ffff, 1 << 32, u64::MAX - 1, u64::MAX];
        for &a in &edges {
            for &b in &edges {
                assert_eq!(wide_mul_by_halves(a, b), a as u128 * b as u128);
            }
        }
        for _ in 0..100_000 {
            x = crate::sim::rng::mix64(x);
            let y = crate::sim::rng::mix64(x);
            assert_eq!(wide_mul_by_halves(x, y), x as u128 * y as u128);
            assert_eq!(wide_mul(x, y >> 40), x as u128 * (y >> 40) as u128);
        }
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
