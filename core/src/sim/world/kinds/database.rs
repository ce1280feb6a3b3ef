//! Database: a primary station taking the writes, read replicas (round robin) fed by
//! replication (apply queues, lag, sync acks), a stale-read check, failover by promotion,
//! and membership of a region group when wired with `replicate`.

use crate::model::config::DatabaseConfig;
use crate::sim::metrics::DatabaseParts;
use crate::sim::world::build::{BuildCtx, dist_of, ms, station};
use crate::sim::world::*;

impl DbNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(d: &DatabaseConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        let service = dist_of(&d.service_time, d.instance_size.cpu_multiplier());
        ctx.base_service = Some(service);
        let servers = d.concurrency_per_node;
        State::Db(Box::new(DbNode {
            primary: station(seed, id, "db.primary", servers, service, QUEUE_CAPACITY),
            replicas: (0..d.read_replicas)
                .map(|r| {
                    station(
                        seed,
                        id,
                        &format!("db.replica.{r}"),
                        servers,
                        service,
                        QUEUE_CAPACITY,
                    )
                })
                .collect(),
            set: ReplicaSet::new(
                ReplicationConfig {
                    replicas: d.read_replicas,
                    network: Dist::Deterministic(ms(d.network_delay_ms)),
                    apply: Dist::Exponential {
                        mean: SimTime::from_secs_f64(1.0 / d.apply_rate_per_s),
                    },
                    mode: match d.replication {
                        Replication::Async => ReplicationMode::Async,
                        Replication::Sync => ReplicationMode::Sync,
                    },
                },
                seed,
                id as u64,
            ),
            primary_up: true,
            timing: FailoverTiming {
                check_interval: SimTime::from_secs(d.failover.detection_interval_s as u64),
                failures_to_detect: d.failover.failure_threshold,
                promotion: SimTime::from_secs(d.failover.promotion_time_s as u64),
                dns_ttl: SimTime::ZERO,
            },
            pending_sync: KeyMap::default(),
            next_replica: RoundRobin::default(),
            deliveries: Vec::new(),
            region_group: None,
        }))
    }
}

pub(crate) struct DbNode {
    pub(crate) primary: Station<ReqId>,
    pub(crate) replicas: Vec<Station<ReqId>>,
    pub(crate) set: ReplicaSet,
    pub(crate) primary_up: bool,
    pub(crate) timing: FailoverTiming,
    pub(crate) pending_sync: KeyMap<ReqId>,
    pub(crate) next_replica: RoundRobin,
    pub(crate) deliveries: Vec<(u32, SimTime)>,
    /// The region group it belongs to (a database wired with `replicate`).
    pub(crate) region_group: Option<RegionGroupIx>,
}

impl DbNode {
    /// The primary of node `n` takes a write of `key`: each replica's copy is scheduled.
    pub(crate) fn ship(
        &mut self,
        now: SimTime,
        n: NodeIx,
        key: u64,
        q: &mut EventQueue<Ev>,
    ) -> WriteOp {
        let op = self.set.write(now, key, &mut self.deliveries);
        for (rep, at) in self.deliveries.drain(..) {
            q.schedule(
                at,
                Ev::RepDeliver {
                    db: n,
                    replica: rep,
                    op,
                },
            );
        }
        op
    }
}

/// The database's replication events.
impl World {
    /// A write shipped by the primary of `n` reaches its read replica `replica`.
    pub(crate) fn replica_deliver(
        &mut self,
        now: SimTime,
        n: NodeIx,
        replica: u32,
        op: WriteOp,
        q: &mut EventQueue<Ev>,
    ) {
        if let State::Db(db) = &mut self.nodes[n].state
            && let Some(s) = db.set.deliver(now, replica, op)
        {
            q.schedule(
                s.done_at,
                Ev::RepApplied {
                    db: n,
                    replica,
                    op: s.job,
                    arrived: s.arrived,
                },
            );
        }
    }

    /// Read replica `replica` of `n` applied `op`: its next apply starts, and the sync writes
    /// it was the last to acknowledge complete.
    pub(crate) fn replica_applied(
        &mut self,
        now: SimTime,
        n: NodeIx,
        replica: u32,
        op: WriteOp,
        arrived: SimTime,
        q: &mut EventQueue<Ev>,
    ) {
        let mut acked = Vec::new();
        if let State::Db(db) = &mut self.nodes[n].state {
            let a = db.set.applied(now, replica, op, arrived);
            if let Some(s) = a.next {
                q.schedule(
                    s.done_at,
                    Ev::RepApplied {
                        db: n,
                        replica,
                        op: s.job,
                        arrived: s.arrived,
                    },
                );
            }
            for seq in a.newly_acked {
                if let Some(req) = db.pending_sync.remove(&seq) {
                    acked.push(req);
                }
            }
        }
        for req in acked {
            self.complete(now, n, req, q);
        }
    }

    /// The promotion planned when `n` was in incarnation `epoch` is due: if the node has not
    /// failed or been restored since, the promoted replica takes writes.
    pub(crate) fn promoted(&mut self, now: SimTime, n: NodeIx, epoch: u32) {
        let current = self.nodes[n].incarnation;
        if let State::Db(db) = &mut self.nodes[n].state
            && !db.primary_up
            && epoch == current
        {
            db.primary_up = true;
            let label = self.nodes[n].label.clone();
            self.note(now, Some(n), LogEvent::ReplicaPromoted { label });
        }
    }
}

impl DbNode {
    /// A request reaches the database `here`: a write at a copy in another datacenter crosses
    /// to its region group's leader (`regions`); a write (or any request without read
    /// replicas) goes to the primary, unless it is down; a read to the next read replica.
    #[inline]
    pub(crate) fn arrive(
        &mut self,
        now: SimTime,
        req: &Req,
        r: ReqId,
        here: NodeIx,
        regions: &[RegionGroup],
    ) -> Arrival {
        if req.kind == ReqKind::Write
            && let Some(g) = self.region_group
        {
            let leader = NodeIx(regions[g].leader_node());
            if leader != here {
                return Arrival::Forward {
                    to: leader,
                    extra: SimTime::ZERO,
                };
            }
        }
        if req.kind == ReqKind::Write || self.replicas.is_empty() {
            if !self.primary_up {
                return Arrival::Fail(FailureReason::Unavailable);
            }
            Arrival::Station {
                sub: 0,
                admission: self.primary.arrive(now, r),
            }
        } else {
            let k = self.next_replica.next(self.replicas.len() as u64) as usize;
            Arrival::Station {
                sub: k as u32 + 1,
                admission: self.replicas[k].arrive(now, r),
            }
        }
    }
}

impl DbNode {
    /// Station `sub` (0: the primary, `k`: read replica `k - 1`) of database `here` finished
    /// serving `req`: a write at the primary is shipped to the read replicas (and a sync one
    /// waits for them); a read is checked for staleness, locally and against the leader of its
    /// region group (`regions`), counted in `stale_reads`.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub(crate) fn done(
        &mut self,
        now: SimTime,
        req: &Req,
        sub: u32,
        r: ReqId,
        here: NodeIx,
        regions: &mut [RegionGroup],
        stale_reads: &mut u64,
        q: &mut EventQueue<Ev>,
    ) -> Finish {
        if sub == 0 && req.kind == ReqKind::Write {
            let op = self.ship(now, here, req.key, q);
            let pending = self.set.acked_upto() < op.seq;
            if pending {
                self.pending_sync.insert(op.seq, r);
            }
            return Finish::Written {
                pending,
                region: self.region_group,
            };
        }
        if req.kind != ReqKind::Write {
            let local = sub > 0 && self.set.read(now, sub - 1, req.key);
            // A copy in another datacenter may not have the leader's latest write.
            let far = self.region_group.is_some_and(|g| {
                let rg = &mut regions[g];
                rg.member(here.0).is_some_and(|m| rg.read(now, m, req.key))
            });
            if local || far {
                *stale_reads += 1;
            }
        }
        Finish::Complete
    }
}

impl DbNode {
    /// Its figures in the snapshot beyond its stations': the read replicas' lag, applies,
    /// reads and stale reads, and whether writes are accepted (down while a replica is being
    /// promoted). Its figures as a copy in other datacenters are the world's (they read the
    /// other members).
    pub(crate) fn figures(&self, now: SimTime, m: &mut ComponentMetrics) {
        if !self.replicas.is_empty() {
            let lag_ms = (0..self.set.replicas())
                .map(|r| self.set.lag_time(now, r).as_millis_f64())
                .fold(0.0, f64::max);
            let lag_ops = (0..self.set.replicas())
                .map(|r| self.set.lag_ops(r))
                .max()
                .unwrap_or(0);
            m.replica_lag_ms = Some(lag_ms);
            m.replica_lag_ops = Some(lag_ops);
            m.mean_replication_lag_ms = Some(self.set.stats().lag.mean_secs() * 1e3);
            m.replica_applies = Some(self.set.stats().applies);
            m.replica_reads = Some(self.set.stats().reads);
            m.stale_reads = Some(self.set.stats().stale_reads);
            let share = |st: &Station<ReqId>| {
                let (busy, offered, _, _) = st.areas_at(now);
                if offered == 0 {
                    0.0
                } else {
                    (busy as f64 / offered as f64).min(1.0)
                }
            };
            m.database = Some(DatabaseParts {
                primary_utilization_since_start: share(&self.primary),
                replica_utilization_since_start: self.replicas.iter().map(share).collect(),
                apply_utilization_since_start: (0..self.set.replicas())
                    .map(|r| self.set.apply_utilization(r, now))
                    .collect(),
            });
        }
        if !self.primary_up {
            m.up = false;
        }
    }
}

impl DbNode {
    /// A `Restore`: the primary takes writes again. How it comes back, for the log.
    pub(crate) fn restore(&mut self) -> Restored {
        self.primary_up = true;
        Restored::Whole
    }
}

impl DbNode {
    /// The primary and the read replicas crash (its datacenter failed): the requests they held
    /// and the sync writes waiting for acknowledgements are `dropped`.
    pub(crate) fn crash(&mut self, now: SimTime, dropped: &mut Vec<(SimTime, ReqId)>) {
        dropped.extend(self.primary.crash(now));
        for st in &mut self.replicas {
            dropped.extend(st.crash(now));
        }
        for seq in crate::order::sorted_u64(self.pending_sync.keys().copied()) {
            if let Some(r) = self.pending_sync.remove(&seq) {
                dropped.push((now, r));
            }
        }
    }
}

impl DbNode {
    /// A `Fail` fault on database `n` (now in incarnation `epoch`) takes its primary: what it
    /// held, the sync writes waiting and the replicas' reads in service are lost; a replica is
    /// promoted after the failover time (a `Promoted` event), or with none the database is
    /// down.
    pub(crate) fn fail_primary(
        &mut self,
        now: SimTime,
        n: NodeIx,
        epoch: u32,
        label: &str,
        q: &mut EventQueue<Ev>,
    ) -> NodeFailure {
        let mut dropped: Vec<ReqId> = self.primary.crash(now).into_iter().map(|x| x.1).collect();
        for seq in crate::order::sorted_u64(self.pending_sync.keys().copied()) {
            if let Some(r) = self.pending_sync.remove(&seq) {
                dropped.push(r);
            }
        }
        // Replica reads in service survive the primary's failure: re-issue their completions
        // under the new incarnation is not possible, so they fail like the primary's.
        for st in &mut self.replicas {
            dropped.extend(st.crash(now).into_iter().map(|x| x.1));
        }
        match self.set.fail_primary(now) {
            Some(f) => {
                self.primary_up = false;
                let at = self.timing.promoted_at(now, SimTime::ZERO);
                q.schedule(at, Ev::Promoted { db: n, epoch });
                NodeFailure::Lost {
                    dropped,
                    event: LogEvent::PrimaryFailed {
                        label: label.to_string(),
                        replica: f.promoted + 1,
                        promote_at_s: at.as_secs_f64(),
                        lost_writes: f.lost_writes,
                    },
                    down: false,
                    lost_writes: f.lost_writes,
                }
            }
            None => NodeFailure::Lost {
                dropped,
                event: LogEvent::DatabaseFailedNoReplica {
                    label: label.to_string(),
                },
                down: true,
                lost_writes: 0,
            },
        }
    }
}
