//! Sharded database: each key on one shard (modulo or consistent hashing, `sharding`), each
//! shard a primary station taking the writes and `replicas_per_shard` replica stations serving
//! its reads round robin (the primary serves them when it has no replica).
//!
//! A `Fail` fault takes one shard's primary: the hottest shard still up (the most requests so
//! far, the lowest index on a tie), since a hot shard is the one that falls over. With
//! replicas that shard fails over by the database's rules (`FailoverTiming` with a database's
//! default detection and promotion: health checks every 5 s, 3 failed checks, 30 s promotion):
//! its writes fail as unavailable until a replica is promoted, its reads keep being served by
//! the replicas. Without replicas the shard is down (its keys fail as unavailable) until a
//! `Restore`; the component is down whole only when every shard is. A `Restore` brings every
//! shard's primary back.
//!
//! Invariants: stations are laid out shard by shard, `1 + replicas_per_shard` each, the
//! primary first, so a station's index names its shard; a shard's primary keeps the random
//! stream it had before replicas were modelled (`shard.{k}`). Deliberately absent: replication
//! between a shard's primary and its replicas (no lag, no stale reads, no lost writes at a
//! failover: the replicas are taken as in sync), and a replacement replica after a promotion
//! (the promoted replica's place is refilled at once, as for a database).

use crate::model::config::{Failover, ShardedDatabaseConfig};
use crate::sim::world::build::{BuildCtx, dist_of, station};
use crate::sim::world::*;

impl ShardedNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(s: &ShardedDatabaseConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        let service = dist_of(&s.service_time, 1.0);
        ctx.base_service = Some(service);
        let map = match s.strategy {
            ShardingStrategy::Modulo => ShardMap::modulo(s.shards),
            ShardingStrategy::ConsistentHashing { virtual_nodes } => {
                ShardMap::consistent(s.shards, virtual_nodes, seed ^ id as u64)
            }
        };
        let shards = map.shards();
        let replicas = s.replicas_per_shard;
        let mut stations = Vec::with_capacity((shards * (1 + replicas)) as usize);
        for k in 0..shards {
            let servers = s.concurrency_per_shard;
            let primary = format!("shard.{k}");
            stations.push(station(
                seed,
                id,
                &primary,
                servers,
                service,
                QUEUE_CAPACITY,
            ));
            for j in 0..replicas {
                let name = format!("shard.{k}.replica.{j}");
                stations.push(station(seed, id, &name, servers, service, QUEUE_CAPACITY));
            }
        }
        let failover = Failover::default();
        State::Sharded(ShardedNode {
            map,
            incarnations: vec![0; stations.len()],
            stations,
            replicas,
            shards: (0..shards).map(|_| Shard::default()).collect(),
            timing: FailoverTiming {
                check_interval: SimTime::from_secs(failover.detection_interval_s as u64),
                failures_to_detect: failover.failure_threshold,
                promotion: SimTime::from_secs(failover.promotion_time_s as u64),
                dns_ttl: SimTime::ZERO,
            },
        })
    }
}

/// One shard's state beyond its stations.
#[derive(Default)]
pub(crate) struct Shard {
    /// Its primary is failed: writes (and reads, without replicas) fail as unavailable.
    pub(crate) primary_down: bool,
    /// How many times its primary failed: a promotion planned before the last failure is void.
    pub(crate) epoch: u32,
    /// The replica serving its next read.
    pub(crate) next_replica: RoundRobin,
}

pub(crate) struct ShardedNode {
    pub(crate) map: ShardMap,
    /// Shard by shard: its primary, then its replicas.
    pub(crate) stations: Vec<Station<ReqId>>,
    /// Per station, how many times it crashed alone (its completions from before are void).
    pub(crate) incarnations: Vec<u32>,
    /// Replicas of each shard besides its primary.
    pub(crate) replicas: u32,
    pub(crate) shards: Vec<Shard>,
    pub(crate) timing: FailoverTiming,
}

impl ShardedNode {
    /// The index of shard `k`'s primary station.
    fn primary_of(&self, k: u32) -> usize {
        (k * (1 + self.replicas)) as usize
    }

    /// Requests shard `k`'s stations took.
    fn load(&self, k: u32) -> u64 {
        let first = self.primary_of(k);
        self.stations[first..first + 1 + self.replicas as usize]
            .iter()
            .map(|st| st.stats().arrivals)
            .sum()
    }

    /// A request goes to its key's shard: a write (or any request without replicas) to the
    /// shard's primary, unless it is down; a read to the shard's next replica.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, req: &Req, r: ReqId) -> Arrival {
        let k = self.map.shard_for(req.key);
        let first = self.primary_of(k);
        let Some(shard) = self.shards.get_mut(k as usize) else {
            return Arrival::Fail(FailureReason::Unavailable);
        };
        let sub = if req.kind == ReqKind::Write || self.replicas == 0 {
            if shard.primary_down {
                return Arrival::Fail(FailureReason::Unavailable);
            }
            first
        } else {
            first + 1 + shard.next_replica.next(self.replicas as u64) as usize
        };
        Arrival::Station {
            sub: sub as u32,
            admission: self.stations[sub].arrive(now, r),
        }
    }
}

impl ShardedNode {
    /// Its figures in the snapshot beyond its stations': the requests each shard took (its
    /// primary's and its replicas').
    pub(crate) fn figures(&self, m: &mut ComponentMetrics) {
        m.shard_load = (0..self.shards.len() as u32)
            .map(|k| self.load(k))
            .collect();
    }
}

impl ShardedNode {
    /// Every station crashes (its datacenter failed): the requests they held are `dropped`.
    pub(crate) fn crash(&mut self, now: SimTime, dropped: &mut Vec<(SimTime, ReqId)>) {
        for st in &mut self.stations {
            dropped.extend(st.crash(now));
        }
    }

    /// A `Restore`: every shard's primary takes requests again.
    pub(crate) fn restore(&mut self) -> Restored {
        for shard in &mut self.shards {
            shard.primary_down = false;
        }
        Restored::Whole
    }

    /// A `Fail` fault on sharded database `n`: the primary of the hottest shard still up fails
    /// (what it held is lost); with replicas a promotion is planned (a `ShardPromoted` event),
    /// without the shard is down, and the component with it once no shard is left up.
    pub(crate) fn fail_shard(
        &mut self,
        now: SimTime,
        n: NodeIx,
        label: &str,
        q: &mut EventQueue<Ev>,
    ) -> NodeFailure {
        let hottest = (0..self.shards.len() as u32)
            .filter(|&k| !self.shards[k as usize].primary_down)
            .max_by_key(|&k| (self.load(k), std::cmp::Reverse(k)));
        let Some(k) = hottest else {
            return NodeFailure::Nothing;
        };
        let p = self.primary_of(k);
        self.incarnations[p] = self.incarnations[p].wrapping_add(1);
        let dropped = self.stations[p]
            .crash(now)
            .into_iter()
            .map(|x| x.1)
            .collect();
        let shards = self.shards.len() as u32;
        let shard = &mut self.shards[k as usize];
        shard.primary_down = true;
        shard.epoch = shard.epoch.wrapping_add(1);
        let epoch = shard.epoch;
        if self.replicas > 0 {
            let at = self.timing.promoted_at(now, SimTime::ZERO);
            q.schedule(
                at,
                Ev::ShardPromoted {
                    db: n,
                    shard: k,
                    epoch,
                },
            );
            NodeFailure::Lost {
                dropped,
                event: LogEvent::ShardPrimaryFailed {
                    label: label.to_string(),
                    shard: k,
                    shards,
                    promote_at_s: at.as_secs_f64(),
                },
                down: false,
                lost_writes: 0,
            }
        } else {
            let down = self.shards.iter().filter(|s| s.primary_down).count() as u32;
            NodeFailure::Lost {
                dropped,
                event: LogEvent::ShardDown {
                    label: label.to_string(),
                    shard: k,
                    shards,
                    down,
                },
                down: down == shards,
                lost_writes: 0,
            }
        }
    }
}

/// The sharded database's failover.
impl World {
    /// Shard `shard` of `n`'s promotion, planned at its primary's failure number `epoch`, is
    /// due: if the shard has not failed again or been restored since, it takes writes again.
    pub(crate) fn shard_promoted(&mut self, now: SimTime, n: NodeIx, shard: u32, epoch: u32) {
        let label = self.nodes[n].label.clone();
        if let State::Sharded(s) = &mut self.nodes[n].state
            && let Some(sh) = s.shards.get_mut(shard as usize)
            && sh.primary_down
            && sh.epoch == epoch
        {
            sh.primary_down = false;
            self.note(now, Some(n), LogEvent::ShardPromoted { label, shard });
        }
    }
}
