//! Sharded database: each key on one shard (modulo or consistent hashing), each shard a
//! station.

use crate::sim::world::*;

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
