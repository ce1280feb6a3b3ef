//! A c-server FIFO queueing station: a web-server pool, a database, a worker pool.
//!
//! Owns: the servers, the FIFO waiting line, service-time sampling (its own named random
//! stream), admission (a bounded waiting room rejects with *overload*), queue-wait timeouts, and
//! the exact time integrals behind utilisation, mean queue length and Little's law.
//!
//! ```text
//!  arrive(now, job) ──▶ free server? ──yes──▶ Admission::Started { done_at } ─┐ (owner schedules
//!                        │ no                                                  │  a completion)
//!                        ├─ room in line? ──yes──▶ Admission::Queued           │
//!                        └─ no ──▶ Admission::Rejected (overload)               │
//!  complete(now, arrived) ◀────────────────────────────────────────────────────┘
//!        └─▶ next live job from the line: Some(Started) ; jobs that waited longer
//!            than the timeout are handed back as timed out on the way
//! ```
//!
//! Invariants: `in_system = busy + queued`; `arrivals = completions + rejected + timed_out +
//! abandoned + in_system`; the area under the number-in-system curve equals the sum of all sojourn times once
//! the station has drained (an exact integer identity). Timeouts are detected lazily, when a timed
//! out job reaches the head of the line, and reported with a wait equal to the timeout. Does not:
//! schedule events itself (the owner's event loop does), preempt, or time out jobs in service.

use std::collections::VecDeque;

use super::histogram::Histogram;
use super::rng::{Dist, SimRng};
use super::{SimTime, wide_mul};

/// How a station serves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StationConfig {
    /// Parallel servers (threads, instances, connections); 0 serves nothing.
    pub servers: u32,
    /// Service-time distribution.
    pub service: Dist,
    /// Longest waiting line; arrivals beyond it are rejected. `None`: unbounded.
    pub queue_capacity: Option<usize>,
    /// Longest wait in line before a job gives up. `None`: wait forever.
    pub timeout: Option<SimTime>,
}

/// A job that has been given a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Started<J> {
    /// The job.
    pub job: J,
    /// When it arrived at the station.
    pub arrived: SimTime,
    /// When its service will end: the owner schedules the completion then.
    pub done_at: SimTime,
}

/// What happened to an arriving job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admission<J> {
    /// A server was free: service started.
    Started(Started<J>),
    /// It waits in line.
    Queued,
    /// The line was full: refused (overload).
    Rejected(J),
}

/// Counters and exact time integrals of a station.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StationStats {
    /// Jobs that arrived.
    pub arrivals: u64,
    /// Jobs that finished service.
    pub completions: u64,
    /// Jobs refused because the line was full.
    pub rejected: u64,
    /// Jobs that gave up after waiting `timeout`.
    pub timed_out: u64,
    /// Jobs dropped, waiting or in service, when the station crashed.
    pub abandoned: u64,
    /// Sojourn (wait + service) of completed jobs.
    pub response: Histogram,
    /// Wait in line of jobs that started service.
    pub wait_sum_ns: u128,
    /// Jobs that started service.
    pub started: u64,
    /// Integral of busy servers over time (server-nanoseconds).
    pub busy_area: u128,
    /// Integral of jobs waiting in line over time.
    pub queue_area: u128,
    /// Integral of the number of servers over time (the capacity offered).
    pub server_area: u128,
    /// Time covered by the integrals.
    pub elapsed_ns: u64,
}

impl StationStats {
    /// Integral of jobs in the station (waiting + in service) over time.
    pub fn system_area(&self) -> u128 {
        self.busy_area + self.queue_area
    }
    /// Busy server time over offered server time.
    pub fn utilization(&self) -> f64 {
        ratio(self.busy_area, self.server_area)
    }
    /// Time-average number waiting in line (Lq).
    pub fn mean_queue_len(&self) -> f64 {
        ratio(self.queue_area, self.elapsed_ns as u128)
    }
    /// Time-average number in the station (L).
    pub fn mean_in_system(&self) -> f64 {
        ratio(self.system_area(), self.elapsed_ns as u128)
    }
    /// Mean wait in line of jobs that started service, in seconds.
    pub fn mean_wait_secs(&self) -> f64 {
        ratio(self.wait_sum_ns, self.started as u128) * 1e-9
    }
    /// Mean sojourn of completed jobs, in seconds.
    pub fn mean_response_secs(&self) -> f64 {
        self.response.mean_secs()
    }
}

fn ratio(a: u128, b: u128) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A c-server FIFO station holding jobs of type `J`.
#[derive(Clone, Debug)]
pub struct Station<J> {
    config: StationConfig,
    rng: SimRng,
    line: VecDeque<(SimTime, J)>,
    busy: u32,
    last: SimTime,
    stats: StationStats,
    /// Whether completions are recorded in `stats.response` (see
    /// [`Station::without_response_times`]).
    record_response: bool,
}

impl<J> Station<J> {
    /// An idle station drawing service times from `rng`.
    pub fn new(config: StationConfig, rng: SimRng) -> Self {
        Station {
            config,
            rng,
            line: VecDeque::new(),
            busy: 0,
            last: SimTime::ZERO,
            stats: StationStats::default(),
            record_response: true,
        }
    }
    /// The same station, keeping no histogram of response times (`stats().response` stays
    /// empty; its mean reads 0): for an owner that measures the time spent at it itself, as
    /// the world's nodes do. One histogram record less per completion, on a histogram of a few
    /// kilobytes per station that nothing would read.
    pub fn without_response_times(mut self) -> Self {
        self.record_response = false;
        self
    }
    /// The configuration.
    pub fn config(&self) -> &StationConfig {
        &self.config
    }
    /// Counters and integrals up to the last state change (call [`Station::advance`] first for
    /// "up to now").
    pub fn stats(&self) -> &StationStats {
        &self.stats
    }
    /// Jobs in service.
    pub fn busy(&self) -> u32 {
        self.busy
    }
    /// Jobs waiting in line.
    pub fn queued(&self) -> usize {
        self.line.len()
    }
    /// Jobs in the station.
    pub fn in_system(&self) -> u64 {
        self.busy as u64 + self.line.len() as u64
    }

    /// A station added during a run opens at `now`: its integrals start there, not at zero.
    /// Only for a station that has taken nothing yet.
    pub fn open_at(&mut self, now: SimTime) {
        if self.stats.elapsed_ns == 0 && self.in_system() == 0 {
            self.last = now;
        }
    }

    /// Accumulates the time integrals up to `now`.
    pub fn advance(&mut self, now: SimTime) {
        if now <= self.last {
            return;
        }
        let dt = now.0 - self.last.0;
        let busy = self.busy as u64;
        let q = self.line.len() as u64;
        let servers = self.config.servers.max(self.busy) as u64;
        // Busy and server counts are 32-bit; in the usual step (under 4.3 s, a line shorter
        // than 2^32) each product of two 32-bit numbers fits 64 bits, one multiplication where
        // a full 64 x 64 product (`wide_mul`; a plain `u128` product is a slow routine) is four
        // in wasm32.
        let narrow = dt <= u32::MAX as u64 && q <= u32::MAX as u64;
        let area = |n: u64| {
            if narrow {
                (n * dt) as u128
            } else {
                wide_mul(n, dt)
            }
        };
        self.stats.busy_area += area(busy);
        self.stats.queue_area += area(q);
        self.stats.server_area += area(servers);
        self.stats.elapsed_ns += dt;
        self.last = now;
    }

    /// The integrals (busy, offered servers, waiting line) and the time they cover, extended to
    /// `now` without changing the station (for snapshots).
    pub fn areas_at(&self, now: SimTime) -> (u128, u128, u128, u64) {
        let s = &self.stats;
        let dt = now.0.saturating_sub(self.last.0);
        let d = dt as u128;
        (
            s.busy_area + self.busy as u128 * d,
            s.server_area + self.config.servers.max(self.busy) as u128 * d,
            s.queue_area + self.line.len() as u128 * d,
            s.elapsed_ns + dt,
        )
    }

    fn start(&mut self, now: SimTime, arrived: SimTime, job: J) -> Started<J> {
        self.busy += 1;
        self.stats.started += 1;
        self.stats.wait_sum_ns += now.since(arrived).0 as u128;
        let service = self.config.service.sample(&mut self.rng);
        Started {
            job,
            arrived,
            done_at: now.after(service),
        }
    }

    /// A job arrives at `now`.
    pub fn arrive(&mut self, now: SimTime, job: J) -> Admission<J> {
        self.advance(now);
        self.stats.arrivals += 1;
        if self.busy < self.config.servers {
            return Admission::Started(self.start(now, now, job));
        }
        if let Some(cap) = self.config.queue_capacity
            && self.line.len() >= cap
        {
            self.stats.rejected += 1;
            return Admission::Rejected(job);
        }
        self.line.push_back((now, job));
        Admission::Queued
    }

    /// A job that arrived at `arrived` finishes service at `now`. Returns the next job to serve,
    /// if a server is free for it; jobs found to have waited longer than the timeout are pushed
    /// onto `timed_out` with their arrival time.
    pub fn complete(
        &mut self,
        now: SimTime,
        arrived: SimTime,
        timed_out: &mut Vec<(SimTime, J)>,
    ) -> Option<Started<J>> {
        self.advance(now);
        debug_assert!(self.busy > 0, "completion without a job in service");
        self.busy = self.busy.saturating_sub(1);
        self.stats.completions += 1;
        if self.record_response {
            self.stats.response.record(now.since(arrived));
        }
        self.next(now, timed_out)
    }

    fn next(&mut self, now: SimTime, timed_out: &mut Vec<(SimTime, J)>) -> Option<Started<J>> {
        if self.busy >= self.config.servers {
            return None;
        }
        while let Some((arrived, job)) = self.line.pop_front() {
            match self.config.timeout {
                Some(limit) if now.since(arrived) > limit => {
                    self.stats.timed_out += 1;
                    timed_out.push((arrived, job));
                }
                _ => return Some(self.start(now, arrived, job)),
            }
        }
        None
    }

    /// Changes the number of servers (autoscaling, failures). Growing starts waiting jobs at once
    /// (returned for the owner to schedule); shrinking lets jobs in service finish.
    pub fn set_servers(
        &mut self,
        now: SimTime,
        servers: u32,
        timed_out: &mut Vec<(SimTime, J)>,
    ) -> Vec<Started<J>> {
        self.advance(now);
        self.config.servers = servers;
        let mut started = Vec::new();
        while let Some(s) = self.next(now, timed_out) {
            started.push(s);
        }
        started
    }

    /// The station crashes: every waiting job is handed back and jobs in service are abandoned
    /// (the owner, who holds them in its completion events, must ignore those completions).
    pub fn crash(&mut self, now: SimTime) -> Vec<(SimTime, J)> {
        self.advance(now);
        self.stats.abandoned += self.busy as u64 + self.line.len() as u64;
        self.busy = 0;
        self.line.drain(..).collect()
    }

    /// Replaces the service-time distribution from now on (a slow disk, a noisy neighbour).
    pub fn set_service(&mut self, service: Dist) {
        self.config.service = service;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(servers: u32, ms: u64, cap: Option<usize>, timeout: Option<SimTime>) -> Station<u32> {
        Station::new(
            StationConfig {
                servers,
                service: Dist::Deterministic(SimTime::from_millis(ms)),
                queue_capacity: cap,
                timeout,
            },
            SimRng::stream(0, 0, "service"),
        )
    }

    #[test]
    fn bounded_line_rejects_and_accounting_balances() {
        let mut s = det(1, 10, Some(1), None);
        let t = SimTime::ZERO;
        assert!(matches!(s.arrive(t, 1), Admission::Started(_)));
        assert_eq!(s.arrive(t, 2), Admission::Queued);
        assert_eq!(s.arrive(t, 3), Admission::Rejected(3));
        let mut to = Vec::new();
        let next = s.complete(SimTime::from_millis(10), t, &mut to).unwrap();
        assert_eq!((next.job, next.done_at), (2, SimTime::from_millis(20)));
        let st = s.stats();
        assert_eq!(
            st.arrivals,
            st.completions + st.rejected + st.timed_out + s.in_system()
        );
        let dropped = s.crash(SimTime::from_millis(11));
        assert_eq!(dropped.len(), 0);
        let st = s.stats();
        assert_eq!(st.abandoned, 1);
        assert_eq!(
            st.arrivals,
            st.completions + st.rejected + st.timed_out + st.abandoned + s.in_system()
        );
    }

    #[test]
    fn jobs_waiting_past_the_timeout_give_up() {
        let mut s = det(1, 10, None, Some(SimTime::from_millis(5)));
        let mut to = Vec::new();
        s.arrive(SimTime::ZERO, 1);
        s.arrive(SimTime::from_millis(1), 2);
        s.arrive(SimTime::from_millis(8), 3);
        let next = s.complete(SimTime::from_millis(10), SimTime::ZERO, &mut to);
        assert_eq!(to, vec![(SimTime::from_millis(1), 2)]);
        assert_eq!(next.unwrap().job, 3);
        assert_eq!(s.stats().timed_out, 1);
    }

    #[test]
    fn integrals_follow_the_sample_path() {
        let mut s = det(2, 10, None, None);
        let mut to = Vec::new();
        for i in 0..3 {
            s.arrive(SimTime::ZERO, i);
        }
        // two in service, one waiting for 10 ms
        s.complete(SimTime::from_millis(10), SimTime::ZERO, &mut to);
        s.complete(SimTime::from_millis(10), SimTime::ZERO, &mut to);
        s.complete(SimTime::from_millis(20), SimTime::ZERO, &mut to);
        assert_eq!(
            s.areas_at(SimTime::from_millis(30)),
            (30_000_000, 60_000_000, 10_000_000, 30_000_000)
        );
        let st = s.stats();
        assert_eq!(st.queue_area, 10_000_000);
        assert_eq!(st.busy_area, 30_000_000);
        assert_eq!(st.system_area(), 40_000_000);
        assert_eq!(st.system_area(), st.response.sum_nanos());
        assert!((st.utilization() - 0.75).abs() < 1e-12);
    }

    #[test]
    fn integrals_are_exact_over_steps_too_long_for_32_bits() {
        // Steps of 5 s and 10^6 s (over 2^32 ns) take the full-width products.
        let mut s = det(3, 5_000, None, None);
        let mut to = Vec::new();
        for i in 0..5 {
            s.arrive(SimTime::ZERO, i);
        }
        // Three in service and two waiting for 5 s; then the two waiting are served and stay
        // in service (their completions are never delivered) for 10^6 s.
        s.complete(SimTime::from_secs(5), SimTime::ZERO, &mut to);
        s.complete(SimTime::from_secs(5), SimTime::ZERO, &mut to);
        s.complete(SimTime::from_secs(5), SimTime::ZERO, &mut to);
        s.advance(SimTime::from_secs(1_000_005));
        let st = s.stats();
        assert_eq!(st.busy_area, 3 * 5_000_000_000 + 2 * 1_000_000_000_000_000);
        assert_eq!(st.queue_area, 2 * 5_000_000_000);
        assert_eq!(st.server_area, 3 * 1_000_005_000_000_000);
        assert_eq!(st.elapsed_ns, 1_000_005_000_000_000);
    }

    #[test]
    fn scaling_out_starts_waiting_jobs() {
        let mut s = det(1, 10, None, None);
        let mut to = Vec::new();
        for i in 0..4 {
            s.arrive(SimTime::ZERO, i);
        }
        let started = s.set_servers(SimTime::from_millis(1), 3, &mut to);
        assert_eq!(
            started.iter().map(|s| s.job).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!((s.busy(), s.queued()), (3, 1));
        let none = s.set_servers(SimTime::from_millis(2), 0, &mut to);
        assert!(none.is_empty());
    }
}
