//! A replicated database: one primary taking writes, replicas applying them after a delay.
//!
//! Owns: the primary's write log (sequence numbers), the last write of every key, per replica a
//! single-threaded apply queue (a 1-server [`Station`]: M/M/1 or M/D/1 apply) behind a network
//! delay, replication lag in time and in operations, stale-read detection, synchronous
//! acknowledgement, and failover bookkeeping (which acknowledged writes are lost).
//!
//! ```text
//!  write(now,key) ─▶ seq s, acked now (async)
//!      │ owner schedules, per replica r, deliver(r, op) at delivery_time   (FIFO: TCP order)
//!      ▼
//!  deliver ─▶ apply queue of r (1 server) ─▶ applied(r, op) ─▶ applied_upto[r] = s
//!                                                   └─▶ sync mode: s acked once all replicas have it
//!  read(r, key) stale  ⇔  last_write[key] > applied_upto[r]
//!  fail_primary(): promote the most up-to-date replica; lost = acked writes beyond its applied_upto
//! ```
//!
//! Invariants: deliveries to a replica are in write order (a delivery never overtakes an earlier
//! one), so what a replica has applied is always a prefix `1..=applied_upto` of the log; lag of a
//! write = apply completion time - write time (network delay + wait + apply). On failover the
//! promoted replica's relay log is *not* replayed: lost writes are exactly its backlog (in flight
//! or queued) at the moment of failure, the figure docs/fidelity.md#lost-writes-at-failover uses; replicas are then resynced to
//! the new primary and in-flight events of the old epoch are ignored. Does not: schedule events
//! (the owner does), or model read load on replicas (a [`Station`] of the owner does).

use std::collections::VecDeque;
use std::ops::Range;

use super::SimTime;
use super::histogram::Histogram;
use super::rng::{Dist, KeyMap, SimRng};
use super::station::{Admission, Started, Station, StationConfig};

/// When a write is acknowledged to the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicationMode {
    /// As soon as the primary has it; replicas catch up later.
    Async,
    /// Only once every replica has applied it (no acknowledged write can be lost).
    Sync,
}

/// How a replica set behaves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplicationConfig {
    /// Number of read replicas.
    pub replicas: u32,
    /// One-way primary -> replica delay.
    pub network: Dist,
    /// Time for a replica's single apply thread to apply one write.
    pub apply: Dist,
    /// Acknowledgement mode.
    pub mode: ReplicationMode,
}

/// Where one replica sits: its network delay from the primary and its apply time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplicaSpec {
    /// One-way primary -> replica delay.
    pub network: Dist,
    /// Time for the replica's single apply thread to apply one write.
    pub apply: Dist,
}

/// One write in flight to a replica.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteOp {
    /// Position in the primary's log (from 1).
    pub seq: u64,
    /// The key written.
    pub key: u64,
    /// When the primary took it.
    pub written: SimTime,
    epoch: u32,
}

/// What applying a write changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The replica's next write to apply, whose completion the owner schedules.
    pub next: Option<Started<WriteOp>>,
    /// Sequence numbers acknowledged by this apply (sync mode; empty in async mode).
    pub newly_acked: Range<u64>,
}

/// The outcome of a primary failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failover {
    /// The replica promoted to primary.
    pub promoted: u32,
    /// Acknowledged writes the promoted replica had not applied: gone.
    pub lost_writes: u64,
}

/// Counters of a replica set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReplicationStats {
    /// Writes taken by the primary.
    pub writes: u64,
    /// Writes applied, summed over replicas.
    pub applies: u64,
    /// Lag of every applied write (write -> applied on a replica).
    pub lag: Histogram,
    /// Reads served by replicas.
    pub reads: u64,
    /// Of which stale.
    pub stale_reads: u64,
    /// Failovers so far.
    pub failovers: u64,
    /// Acknowledged writes lost in failovers.
    pub lost_writes: u64,
}

#[derive(Clone, Debug)]
struct Replica {
    apply: Station<WriteOp>,
    applied_upto: u64,
    last_delivery: SimTime,
}

/// A primary with its replicas.
#[derive(Clone, Debug)]
pub struct ReplicaSet {
    config: ReplicationConfig,
    /// Per replica: its one-way network delay from the primary and its apply time.
    specs: Vec<ReplicaSpec>,
    streams: &'static str,
    net_rng: SimRng,
    apply_seed: (u64, u64),
    replicas: Vec<Replica>,
    last_seq: u64,
    acked_upto: u64,
    epoch: u32,
    last_write: KeyMap<u64>,
    /// (seq, write time) of writes some replica has not applied yet.
    unapplied: VecDeque<(u64, SimTime)>,
    stats: ReplicationStats,
}

impl ReplicaSet {
    /// A replica set for component `component` of a run seeded with `seed`.
    pub fn new(config: ReplicationConfig, seed: u64, component: u64) -> ReplicaSet {
        let spec = ReplicaSpec {
            network: config.network,
            apply: config.apply,
        };
        ReplicaSet::with_specs(
            config,
            vec![spec; config.replicas as usize],
            seed,
            component,
            "replication",
        )
    }

    /// A replica set whose replicas sit at different distances (`config.network` and
    /// `config.apply` are then unused), drawing from streams named after `streams`.
    pub fn with_specs(
        config: ReplicationConfig,
        specs: Vec<ReplicaSpec>,
        seed: u64,
        component: u64,
        streams: &'static str,
    ) -> ReplicaSet {
        let mut set = ReplicaSet {
            config: ReplicationConfig {
                replicas: specs.len() as u32,
                ..config
            },
            specs,
            streams,
            net_rng: SimRng::stream(seed, component, &format!("{streams}.network")),
            apply_seed: (seed, component),
            replicas: Vec::new(),
            last_seq: 0,
            acked_upto: 0,
            epoch: 0,
            last_write: KeyMap::default(),
            unapplied: VecDeque::new(),
            stats: ReplicationStats::default(),
        };
        set.replicas = (0..set.specs.len() as u32)
            .map(|r| set.fresh_replica(r, 0))
            .collect();
        set
    }

    fn fresh_replica(&self, r: u32, applied_upto: u64) -> Replica {
        let (seed, component) = self.apply_seed;
        let name = format!("{}.apply.{r}.{}", self.streams, self.epoch);
        Replica {
            apply: Station::new(
                StationConfig {
                    servers: 1,
                    service: self.specs[r as usize].apply,
                    queue_capacity: None,
                    timeout: None,
                },
                SimRng::stream(seed, component, &name),
            )
            // The set measures the lag itself.
            .without_response_times(),
            applied_upto,
            last_delivery: SimTime::ZERO,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ReplicationConfig {
        &self.config
    }
    /// Counters.
    pub fn stats(&self) -> &ReplicationStats {
        &self.stats
    }
    /// Replica `r`'s apply thread: busy time over time since the start, 0-1.
    pub fn apply_utilization(&self, r: u32, now: SimTime) -> f64 {
        self.replicas.get(r as usize).map_or(0.0, |x| {
            let (busy, offered, _, _) = x.apply.areas_at(now);
            if offered == 0 {
                0.0
            } else {
                (busy as f64 / offered as f64).min(1.0)
            }
        })
    }
    /// Number of replicas.
    pub fn replicas(&self) -> u32 {
        self.replicas.len() as u32
    }
    /// Highest sequence number written.
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }
    /// Highest sequence number acknowledged to clients (all below it too).
    pub fn acked_upto(&self) -> u64 {
        self.acked_upto
    }
    /// Highest sequence number replica `r` has applied.
    pub fn applied_upto(&self, r: u32) -> u64 {
        self.replicas.get(r as usize).map_or(0, |x| x.applied_upto)
    }
    /// Lag of replica `r` in operations: writes taken but not applied there.
    pub fn lag_ops(&self, r: u32) -> u64 {
        self.last_seq - self.applied_upto(r).min(self.last_seq)
    }
    /// Lag of replica `r` in time: age of its oldest unapplied write (zero if caught up).
    pub fn lag_time(&self, now: SimTime, r: u32) -> SimTime {
        let next = self.applied_upto(r) + 1;
        match self.unapplied.front() {
            Some(&(first, _)) if next <= self.last_seq && next >= first => {
                let (_, t) = self.unapplied[(next - first) as usize];
                now.since(t)
            }
            _ => SimTime::ZERO,
        }
    }

    /// The primary takes a write of `key` at `now`. For each replica, the time its copy arrives
    /// is pushed onto `deliveries`; the owner calls [`ReplicaSet::deliver`] then.
    pub fn write(
        &mut self,
        now: SimTime,
        key: u64,
        deliveries: &mut Vec<(u32, SimTime)>,
    ) -> WriteOp {
        self.last_seq += 1;
        let seq = self.last_seq;
        self.stats.writes += 1;
        self.last_write.insert(key, seq);
        if self.config.mode == ReplicationMode::Async || self.replicas.is_empty() {
            self.acked_upto = seq;
        }
        if !self.replicas.is_empty() {
            self.unapplied.push_back((seq, now));
        }
        for (r, rep) in self.replicas.iter_mut().enumerate() {
            let at = now.after(self.specs[r].network.sample(&mut self.net_rng));
            let at = at.max(rep.last_delivery);
            rep.last_delivery = at;
            deliveries.push((r as u32, at));
        }
        WriteOp {
            seq,
            key,
            written: now,
            epoch: self.epoch,
        }
    }

    /// Whether `op` belongs to the current epoch (not shipped before a freeze or a failover).
    pub fn is_current(&self, op: &WriteOp) -> bool {
        op.epoch == self.epoch
    }

    /// `op` reaches replica `r` at `now`. Returns the apply to schedule if the thread was idle.
    pub fn deliver(&mut self, now: SimTime, r: u32, op: WriteOp) -> Option<Started<WriteOp>> {
        if op.epoch != self.epoch {
            return None;
        }
        let rep = self.replicas.get_mut(r as usize)?;
        match rep.apply.arrive(now, op) {
            Admission::Started(s) => Some(s),
            Admission::Queued | Admission::Rejected(_) => None,
        }
    }

    /// Replica `r` finished applying `op` (which arrived at its queue at `arrived`) at `now`.
    pub fn applied(&mut self, now: SimTime, r: u32, op: WriteOp, arrived: SimTime) -> Applied {
        let none = Applied {
            next: None,
            newly_acked: 0..0,
        };
        if op.epoch != self.epoch {
            return none;
        }
        let Some(rep) = self.replicas.get_mut(r as usize) else {
            return none;
        };
        let mut timed_out = Vec::new();
        let next = rep.apply.complete(now, arrived, &mut timed_out);
        rep.applied_upto = rep.applied_upto.max(op.seq);
        self.stats.applies += 1;
        self.stats.lag.record(now.since(op.written));
        let min_applied = self
            .replicas
            .iter()
            .map(|x| x.applied_upto)
            .min()
            .unwrap_or(self.last_seq);
        while let Some(&(s, _)) = self.unapplied.front() {
            if s <= min_applied {
                self.unapplied.pop_front();
            } else {
                break;
            }
        }
        let mut newly_acked = 0..0;
        if self.config.mode == ReplicationMode::Sync && min_applied > self.acked_upto {
            newly_acked = self.acked_upto + 1..min_applied + 1;
            self.acked_upto = min_applied;
        }
        Applied { next, newly_acked }
    }

    /// A read of `key` served by replica `r` at `now`: true if stale (the key's latest write is
    /// not applied there yet). Counted.
    pub fn read(&mut self, _now: SimTime, r: u32, key: u64) -> bool {
        self.stats.reads += 1;
        let latest = self.last_write.get(&key).copied().unwrap_or(0);
        let stale = latest > self.applied_upto(r);
        if stale {
            self.stats.stale_reads += 1;
        }
        stale
    }

    /// The primary fails at `now`: the most up-to-date replica (lowest index on ties) is promoted
    /// as it stands. Acknowledged writes it has not applied are lost. The set keeps its size (the
    /// failed primary is replaced by a fresh replica) and every replica restarts in sync with the
    /// new primary. With no replicas, nothing is promoted and nothing is lost (the data waits
    /// for the primary to come back).
    pub fn fail_primary(&mut self, now: SimTime) -> Option<Failover> {
        self.promote_among(now, |_| true)
    }

    /// [`ReplicaSet::fail_primary`] with the choice limited to the replicas `eligible` accepts
    /// (those still reachable); `None` if there is none.
    pub fn promote_among(
        &mut self,
        _now: SimTime,
        eligible: impl Fn(u32) -> bool,
    ) -> Option<Failover> {
        let (promoted, best) = self
            .replicas
            .iter()
            .enumerate()
            .map(|(i, r)| (i as u32, r.applied_upto))
            .filter(|&(i, _)| eligible(i))
            .fold(None, |acc: Option<(u32, u64)>, (i, a)| match acc {
                Some((_, b)) if b >= a => acc,
                _ => Some((i, a)),
            })?;
        let lost = self.acked_upto.saturating_sub(best);
        self.stats.failovers += 1;
        self.stats.lost_writes += lost;
        // Sequence numbers past `best` are gone; the new primary continues after them, and every
        // replica is in sync with it, so a key whose last write was lost reads as fresh (its old
        // value is the truth now): O(1), no sweep over the key map.
        self.resync();
        Some(Failover {
            promoted,
            lost_writes: lost,
        })
    }

    /// The primary stops shipping at `now` (it is unreachable): writes in flight or queued on
    /// a replica are never applied, and each replica keeps what it had applied. Followed by
    /// [`ReplicaSet::promote_among`] or, if the primary comes back first, [`ReplicaSet::resync`].
    pub fn freeze(&mut self) {
        self.epoch += 1;
        self.replicas = (0..self.replicas.len() as u32)
            .map(|r| self.fresh_replica(r, self.applied_upto(r)))
            .collect();
    }

    /// Every replica restarts in sync with the primary (a new epoch: older deliveries are
    /// ignored).
    pub fn resync(&mut self) {
        self.epoch += 1;
        let synced = self.last_seq;
        self.acked_upto = synced;
        self.unapplied.clear();
        self.replicas = (0..self.replicas.len() as u32)
            .map(|r| self.fresh_replica(r, synced))
            .collect();
    }

    /// The replicas now sit at `specs` (the primary moved): they restart in sync with it.
    pub fn respec(&mut self, specs: Vec<ReplicaSpec>) {
        self.config.replicas = specs.len() as u32;
        self.specs = specs;
        self.replicas.truncate(self.specs.len());
        while self.replicas.len() < self.specs.len() {
            self.replicas
                .push(self.fresh_replica(self.replicas.len() as u32, 0));
        }
        self.resync();
    }
}

/// How long a primary failure keeps clients from writing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FailoverTiming {
    /// Time between health checks.
    pub check_interval: SimTime,
    /// Consecutive failed checks before the primary is declared down (>= 1).
    pub failures_to_detect: u32,
    /// Time to promote a replica once the failure is declared.
    pub promotion: SimTime,
    /// TTL of the DNS record clients resolve the primary through.
    pub dns_ttl: SimTime,
}

impl FailoverTiming {
    /// When a failure at `failed_at` is declared, with checks at `phase + j * interval`: the
    /// first check at or after the failure fails, and so do the next `k - 1`.
    pub fn detected_at(&self, failed_at: SimTime, phase: SimTime) -> SimTime {
        let iv = self.check_interval.0.max(1);
        let first = if failed_at <= phase {
            phase.0
        } else {
            phase.0 + (failed_at.0 - phase.0).div_ceil(iv) * iv
        };
        SimTime(first + (self.failures_to_detect.max(1) as u64 - 1) * iv)
    }
    /// When the new primary accepts writes.
    pub fn promoted_at(&self, failed_at: SimTime, phase: SimTime) -> SimTime {
        self.detected_at(failed_at, phase).after(self.promotion)
    }
    /// Worst case from failure to every client reaching the new primary: k checks x interval +
    /// promotion + DNS TTL.
    pub fn worst_case(&self) -> SimTime {
        SimTime(
            self.check_interval.0 * self.failures_to_detect.max(1) as u64
                + self.promotion.0
                + self.dns_ttl.0,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(mode: ReplicationMode, replicas: u32) -> ReplicaSet {
        ReplicaSet::new(
            ReplicationConfig {
                replicas,
                network: Dist::Deterministic(SimTime::from_millis(1)),
                apply: Dist::Deterministic(SimTime::from_millis(2)),
                mode,
            },
            1,
            1,
        )
    }

    #[test]
    fn stale_until_applied_then_fresh() {
        let mut s = set(ReplicationMode::Async, 1);
        let mut d = Vec::new();
        let op = s.write(SimTime::ZERO, 42, &mut d);
        assert_eq!(d, vec![(0, SimTime::from_millis(1))]);
        assert_eq!(s.acked_upto(), 1);
        assert!(s.read(SimTime::ZERO, 0, 42));
        assert!(!s.read(SimTime::ZERO, 0, 7));
        let st = s.deliver(SimTime::from_millis(1), 0, op).unwrap();
        assert_eq!(st.done_at, SimTime::from_millis(3));
        assert_eq!(s.lag_ops(0), 1);
        assert_eq!(
            s.lag_time(SimTime::from_millis(2), 0),
            SimTime::from_millis(2)
        );
        let a = s.applied(st.done_at, 0, op, st.arrived);
        assert!(a.next.is_none() && a.newly_acked.is_empty());
        assert!(!s.read(st.done_at, 0, 42));
        assert_eq!(s.stats().lag.max(), SimTime::from_millis(3));
        assert_eq!(s.lag_time(SimTime::from_millis(9), 0), SimTime::ZERO);
        assert_eq!(s.stats().stale_reads, 1);
    }

    #[test]
    fn sync_mode_acks_when_all_replicas_applied_and_loses_nothing() {
        let mut s = set(ReplicationMode::Sync, 2);
        let mut d = Vec::new();
        let op = s.write(SimTime::ZERO, 1, &mut d);
        assert_eq!(s.acked_upto(), 0);
        let a0 = s.deliver(SimTime::from_millis(1), 0, op).unwrap();
        let a1 = s.deliver(SimTime::from_millis(1), 1, op).unwrap();
        assert!(
            s.applied(a0.done_at, 0, op, a0.arrived)
                .newly_acked
                .is_empty()
        );
        assert_eq!(s.applied(a1.done_at, 1, op, a1.arrived).newly_acked, 1..2);
        s.write(SimTime::from_millis(5), 2, &mut d);
        let f = s.fail_primary(SimTime::from_millis(6)).unwrap();
        assert_eq!(f.lost_writes, 0);
    }

    #[test]
    fn async_failover_loses_the_backlog_and_ignores_old_events() {
        let mut s = set(ReplicationMode::Async, 1);
        let mut d = Vec::new();
        let ops: Vec<WriteOp> = (0..5).map(|k| s.write(SimTime::ZERO, k, &mut d)).collect();
        let st = s.deliver(SimTime::from_millis(1), 0, ops[0]).unwrap();
        s.applied(st.done_at, 0, ops[0], st.arrived);
        let f = s.fail_primary(SimTime::from_millis(4)).unwrap();
        assert_eq!(
            f,
            Failover {
                promoted: 0,
                lost_writes: 4
            }
        );
        assert!(s.deliver(SimTime::from_millis(5), 0, ops[1]).is_none());
        assert!(!s.read(SimTime::from_millis(5), 0, 3));
        assert_eq!((s.lag_ops(0), s.acked_upto()), (0, 5));
        let next = s.write(SimTime::from_millis(6), 3, &mut d);
        assert_eq!(next.seq, 6);
        assert!(s.read(SimTime::from_millis(6), 0, 3));
        assert!(
            set(ReplicationMode::Async, 0)
                .fail_primary(SimTime::ZERO)
                .is_none()
        );
    }

    #[test]
    fn detection_waits_for_k_failed_checks() {
        let t = FailoverTiming {
            check_interval: SimTime::from_secs(30),
            failures_to_detect: 3,
            promotion: SimTime::ZERO,
            dns_ttl: SimTime::from_secs(60),
        };
        assert_eq!(t.worst_case(), SimTime::from_secs(150));
        assert_eq!(
            t.detected_at(SimTime::from_secs(1), SimTime::ZERO),
            SimTime::from_secs(90)
        );
        assert_eq!(
            t.detected_at(SimTime::from_secs(30), SimTime::ZERO),
            SimTime::from_secs(90)
        );
    }
}
