//! Sharded database: each key on one shard (modulo or consistent hashing), each shard a
//! station.

use crate::model::config::ShardedDatabaseConfig;
use crate::sim::world::build::{BuildCtx, dist_of, station};
use crate::sim::world::*;

impl ShardedNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(s: &ShardedDatabaseConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        let service = dist_of(&s.service_time, 1.0);
        ctx.base_service = Some(service);
        State::Sharded(ShardedNode {
            map: match s.strategy {
                ShardingStrategy::Modulo => ShardMap::modulo(s.shards),
                ShardingStrategy::ConsistentHashing { virtual_nodes } => {
                    ShardMap::consistent(s.shards, virtual_nodes, seed ^ id as u64)
                }
            },
            shards: (0..s.shards)
                .map(|k| {
                    station(
                        seed,
                        id,
                        &format!("shard.{k}"),
                        s.concurrency_per_shard,
                        service,
                        QUEUE_CAPACITY,
                    )
                })
                .collect(),
        })
    }
}

pub(crate) struct ShardedNode {
    pub(crate) map: ShardMap,
    pub(crate) shards: Vec<Station<ReqId>>,
}

impl ShardedNode {
    /// A request goes to the station of its key's shard.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, req: &Req, r: ReqId) -> Arrival {
        let shard = self.map.shard_for(req.key);
        let admission = match self.shards.get_mut(shard as usize) {
            Some(st) => st.arrive(now, r),
            None => Admission::Rejected(r),
        };
        Arrival::Station {
            sub: shard,
            admission,
        }
    }
}

impl ShardedNode {
    /// Its figures in the snapshot beyond its stations': the requests each shard took.
    pub(crate) fn figures(&self, m: &mut ComponentMetrics) {
        m.shard_load = self.shards.iter().map(|st| st.stats().arrivals).collect();
    }
}

impl ShardedNode {
    /// Every shard crashes: the requests they held are `dropped`.
    pub(crate) fn crash(&mut self, now: SimTime, dropped: &mut Vec<(SimTime, ReqId)>) {
        for st in &mut self.shards {
            dropped.extend(st.crash(now));
        }
    }
}
