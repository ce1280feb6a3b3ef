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
//! An `AddShard` fault adds shard N to the N it had ([`ShardedNode::add_shard`]): the placement
//! becomes N + 1 shards under the same strategy (a ring keeps its points and gains the new
//! shard's), and every key of the users' key space is checked: the ones whose shard changes
//! are counted (exact) beside the theory share (modulo `1 - min / lcm`, consistent hashing
//! `1 / (N + 1)`, computed apart from the run). Each moved key is then copied, in key order, at
//! [`COPY_KEYS_PER_S`] (a throttle, as online resharding tools pace their copy): the copy is a
//! read at the key's old shard's primary, then a write at its new shard's primary, each a turn
//! at those stations like any request, so the shards' utilization and latency rise while it
//! runs and fall back after. Until its copy lands a moved key is still served by its old shard
//! (reads and writes: nothing misses); from then on by its new one. A copy lost in a crash, a
//! full queue or a timeout is made again; a shard whose primary is down waits. A shard added
//! while a copy runs is added when it ends. The copy's last write is taken to carry the key's
//! latest value (real tools catch up from the write log; lost updates are not modelled).
//!
//! Invariants: stations are laid out shard by shard, `1 + replicas_per_shard` each, the
//! primary first, so a station's index names its shard; a shard's primary keeps the random
//! stream it had before replicas were modelled (`shard.{k}`). Deliberately absent: replication
//! between a shard's primary and its replicas (no lag, no stale reads, no lost writes at a
//! failover: the replicas are taken as in sync), and a replacement replica after a promotion
//! (the promoted replica's place is refilled at once, as for a database).

use crate::model::config::{Failover, ShardedDatabaseConfig};
use crate::sim::metrics::Resharding;
use crate::sim::sharding::modulo_moved_fraction;
use crate::sim::world::build::{BuildCtx, dist_of, station};
use crate::sim::world::*;

/// Moved keys copied to their new shard per second, at most: the migration's throttle.
pub(crate) const COPY_KEYS_PER_S: u64 = 1_000;
/// How long the copy waits before trying again when no key can be copied now (a shard's
/// primary is down, or only copies in flight are left).
const COPY_IDLE_RETRY: SimTime = SimTime::from_millis(100);

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
        // Keys are drawn in 0..key space (capped as the users cap it): the keys a resharding
        // checks.
        let keys = ctx
            .diagram
            .components
            .iter()
            .filter_map(|c| {
                if let ComponentConfig::Users(u) = &c.config {
                    Some(u.key_space.clamp(1, MAX_ZIPF_KEYS))
                } else {
                    None
                }
            })
            .max()
            .unwrap_or(1);
        State::Sharded(ShardedNode {
            seed,
            id,
            keys,
            servers: s.concurrency_per_shard,
            resharding: None,
            migration: None,
            pending_shards: 0,
            copy_scheduled: false,
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
    /// The run's seed and the component's id: a shard added during the run draws from its
    /// own streams of them, as the first ones do.
    pub(crate) seed: u64,
    pub(crate) id: u32,
    /// Keys of the users' key space (0..keys).
    pub(crate) keys: u64,
    /// Requests a shard station serves at once.
    pub(crate) servers: u32,
    /// The latest shard added during the run, for the snapshot.
    pub(crate) resharding: Option<Resharding>,
    /// The copy of the keys it moved, while it runs.
    pub(crate) migration: Option<Box<Migration>>,
    /// Shards asked for while a copy ran: added when it ends.
    pub(crate) pending_shards: u32,
    /// Whether its next `CopyKey` event is in the queue (one chain of copies at a time, so the
    /// throttle holds across consecutive copies).
    pub(crate) copy_scheduled: bool,
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

    /// The shard serving `key` now: its shard under the placement, unless a copy under way
    /// has not moved it there yet (then its old shard).
    #[inline]
    fn shard_of(&self, key: u64) -> u32 {
        let to = self.map.shard_for(key);
        match &self.migration {
            Some(m) if !m.switched(key) => m.from.shard_for(key),
            Some(_) | None => to,
        }
    }

    /// A request goes to its key's shard: a write (or any request without replicas) to the
    /// shard's primary, unless it is down; a read to the shard's next replica.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, req: &Req, r: ReqId) -> Arrival {
        let k = self.shard_of(req.key);
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
        m.resharding = self.resharding;
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

/// The copy of the keys a new shard moved: which keys move, which have landed, and which are
/// to copy next.
pub(crate) struct Migration {
    /// The placement before the shard was added.
    from: ShardMap,
    /// One bit per key of 0..keys: set once the key is served where the placement puts it
    /// (it did not move, or its copy landed).
    switched: Vec<u64>,
    /// Keys below this were looked at for a copy to start.
    next_key: u64,
    /// Copies lost, to make again.
    again: Vec<u64>,
    /// Moved keys still to land.
    left: u64,
}

impl Migration {
    /// Whether `key` is served where the placement puts it.
    #[inline]
    fn switched(&self, key: u64) -> bool {
        self.switched
            .get((key / 64) as usize)
            .is_none_or(|w| w & (1 << (key % 64)) != 0)
    }

    fn switch(&mut self, key: u64) {
        if let Some(w) = self.switched.get_mut((key / 64) as usize) {
            *w |= 1 << (key % 64);
        }
    }
}

impl ShardedNode {
    /// An `AddShard` fault: shard N joins the N there were (its primary and replicas start
    /// empty, serving at `service`), the keys that move are counted against theory, and their
    /// copy starts. With a copy under way the shard waits for it to end. Returns the log line.
    pub(crate) fn add_shard(
        &mut self,
        now: SimTime,
        service: Dist,
        label: &str,
    ) -> Option<LogEvent> {
        let (seed, id) = (self.seed, self.id);
        if self.migration.is_some() {
            self.pending_shards += 1;
            return None;
        }
        let from_shards = self.map.shards();
        let to_shards = from_shards + 1;
        let from = std::mem::replace(&mut self.map, ShardMap::modulo(1));
        self.map = from.resized(to_shards);
        for j in 0..=self.replicas {
            let name = match j {
                0 => format!("shard.{from_shards}"),
                j => format!("shard.{from_shards}.replica.{}", j - 1),
            };
            let mut st = station(seed, id, &name, self.servers, service, QUEUE_CAPACITY);
            st.open_at(now);
            self.stations.push(st);
            self.incarnations.push(0);
        }
        self.shards.push(Shard::default());
        let consistent_hashing = matches!(from, ShardMap::Consistent(_));
        let theory_share = if consistent_hashing {
            1.0 / f64::from(to_shards)
        } else {
            modulo_moved_fraction(from_shards, to_shards)
        };
        // One pass over the key space: the keys that stay are served where they are (their
        // bit set); the others are counted, as `sharding::keys_moved` counts them.
        let mut switched = vec![0u64; self.keys.div_ceil(64) as usize];
        let mut moved = 0;
        for key in 0..self.keys {
            if from.shard_for(key) == self.map.shard_for(key) {
                switched[(key / 64) as usize] |= 1 << (key % 64);
            } else {
                moved += 1;
            }
        }
        let figures = Resharding {
            from_shards,
            to_shards,
            consistent_hashing,
            keys: self.keys,
            keys_moved: moved,
            share_moved: moved as f64 / self.keys as f64,
            theory_share,
            keys_migrated: 0,
            started_s: now.as_secs_f64(),
            finished_s: (moved == 0).then(|| now.as_secs_f64()),
        };
        self.resharding = Some(figures);
        if moved > 0 {
            self.migration = Some(Box::new(Migration {
                from,
                switched,
                next_key: 0,
                again: Vec::new(),
                left: moved,
            }));
        }
        Some(LogEvent::ShardAdded {
            label: label.to_string(),
            resharding: figures,
        })
    }

    /// The next key to copy, with the stations of its old and new shards' primaries; `None`
    /// when every moved key is copied or in flight, or the key's shards cannot take it now
    /// (it waits).
    fn next_copy(&mut self) -> Option<(u64, usize, usize)> {
        let m = self.migration.as_mut()?;
        let key = match m.again.pop() {
            Some(key) => key,
            None => {
                while m.next_key < self.keys && m.switched(m.next_key) {
                    m.next_key += 1;
                }
                if m.next_key >= self.keys {
                    return None;
                }
                m.next_key += 1;
                m.next_key - 1
            }
        };
        let (old, new) = (m.from.shard_for(key), self.map.shard_for(key));
        if self.shards[old as usize].primary_down || self.shards[new as usize].primary_down {
            m.again.push(key);
            return None;
        }
        Some((key, self.primary_of(old), self.primary_of(new)))
    }
}

/// The sharded database's migration after a shard was added.
impl World {
    /// Copies the next moved key of sharded database `n`: a read at its old shard's primary
    /// (a turn at that station), then the write at its new one (`copy_step_done`).
    pub(crate) fn copy_next_key(&mut self, now: SimTime, n: NodeIx, q: &mut EventQueue<Ev>) {
        let down = self.node_down(n);
        let State::Sharded(s) = &mut self.nodes[n].state else {
            return;
        };
        s.copy_scheduled = false;
        let Some(m) = &s.migration else {
            return;
        };
        let waiting = m.left;
        let next = if down { None } else { s.next_copy() };
        let Some((key, source, _)) = next else {
            if waiting > 0 {
                s.copy_scheduled = true;
                q.schedule(now.after(COPY_IDLE_RETRY), Ev::CopyKey { db: n });
            }
            return;
        };
        s.copy_scheduled = true;
        q.schedule(
            now.after(SimTime::from_nanos(1_000_000_000 / COPY_KEYS_PER_S)),
            Ev::CopyKey { db: n },
        );
        let copy = self.copy_request(now, n, key);
        let State::Sharded(s) = &mut self.nodes[n].state else {
            return;
        };
        let arrival = Arrival::Station {
            sub: source as u32,
            admission: s.stations[source].arrive(now, copy),
        };
        self.apply(now, n, copy, arrival, q);
    }

    /// A key copy as a request of its own: never a user's, not counted in the totals.
    fn copy_request(&mut self, now: SimTime, n: NodeIx, key: u64) -> ReqId {
        self.alloc(Req {
            kind: ReqKind::Migration,
            login: false,
            key,
            client: 0,
            users: n,
            region: self.nodes[n].region.unwrap_or(Region::ALL[0]),
            born: now,
            net: SimTime::ZERO,
            hops: 0,
            web: MaybeIx::NONE,
            instance: MaybeIx::NONE,
            edge: MaybeIx::NONE,
            cache: MaybeIx::NONE,
            entered_dc: true,
        })
    }

    /// Station `sub` of sharded database `n` finished its turn of key copy `r`: the read at the
    /// old shard goes on to the write at the new one; the write lands the key there.
    pub(crate) fn copy_step_done(
        &mut self,
        now: SimTime,
        n: NodeIx,
        sub: u32,
        r: ReqId,
        q: &mut EventQueue<Ev>,
    ) {
        let key = self.reqs[r as usize].key;
        let label = self.nodes[n].label.clone();
        let State::Sharded(s) = &mut self.nodes[n].state else {
            self.release(r);
            return;
        };
        let new_shard = s.map.shard_for(key);
        let target = s.primary_of(new_shard);
        if sub as usize != target {
            if s.shards[new_shard as usize].primary_down {
                // The new shard's primary failed meanwhile: the copy is made again later.
                self.copy_lost(n, r);
                return;
            }
            let admission = s.stations[target].arrive(now, r);
            let arrival = Arrival::Station {
                sub: target as u32,
                admission,
            };
            self.apply(now, n, r, arrival, q);
            return;
        }
        let mut finished = None;
        if let Some(m) = &mut s.migration {
            if !m.switched(key) {
                m.switch(key);
                m.left -= 1;
                if let Some(f) = &mut s.resharding {
                    f.keys_migrated += 1;
                }
            }
            if m.left == 0 {
                s.migration = None;
                if let Some(f) = &mut s.resharding {
                    f.finished_s = Some(now.as_secs_f64());
                    finished = Some(*f);
                }
            }
        }
        self.release(r);
        if let Some(resharding) = finished {
            let event = LogEvent::MigrationDone {
                label: label.clone(),
                resharding,
            };
            self.note(now, Some(n), event);
            self.next_pending_shard(now, n, q);
        }
    }

    /// A key copy of sharded database `n` was lost: it is made again.
    pub(crate) fn copy_lost(&mut self, n: NodeIx, r: ReqId) {
        let key = self.reqs[r as usize].key;
        if let State::Sharded(s) = &mut self.nodes[n].state
            && let Some(m) = &mut s.migration
            && !m.switched(key)
        {
            m.again.push(key);
        }
        self.release(r);
    }

    /// An `AddShard` fault on sharded database `n`.
    pub(crate) fn add_shard(&mut self, now: SimTime, n: NodeIx, q: &mut EventQueue<Ev>) {
        let node = &mut self.nodes[n];
        let label = node.label.clone();
        let service = node.base_service.map(|d| d.scaled(node.slow));
        let State::Sharded(s) = &mut node.state else {
            return;
        };
        let Some(service) = service else {
            return;
        };
        let Some(event) = s.add_shard(now, service, &label) else {
            return;
        };
        let copying = s.migration.is_some();
        let start = copying && !s.copy_scheduled;
        if start {
            s.copy_scheduled = true;
        }
        self.note(now, Some(n), event);
        if start {
            q.schedule(now, Ev::CopyKey { db: n });
        }
        if !copying {
            self.next_pending_shard(now, n, q);
        }
    }

    /// A shard asked for while a copy ran is added now that it ended.
    fn next_pending_shard(&mut self, now: SimTime, n: NodeIx, q: &mut EventQueue<Ev>) {
        if let State::Sharded(s) = &mut self.nodes[n].state
            && s.pending_shards > 0
        {
            s.pending_shards -= 1;
            self.add_shard(now, n, q);
        }
    }
}
