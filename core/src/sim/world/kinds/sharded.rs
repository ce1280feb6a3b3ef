//! Sharded database: each key on one shard (modulo or consistent hashing), each shard a
//! station.

use crate::sim::world::*;

pub(crate) struct ShardedNode {
    pub(crate) map: ShardMap,
    pub(crate) shards: Vec<Station<ReqId>>,
}

impl World {
    /// A request goes to the station of its key's shard.
    pub(crate) fn sharded_arrive(
        &mut self,
        now: SimTime,
        n: NodeIx,
        r: ReqId,
        q: &mut EventQueue<Ev>,
    ) {
        let req = self.reqs[r as usize];
        let incarnation = self.nodes[n].incarnation;
        let State::Sharded(s) = &mut self.nodes[n].state else {
            return;
        };
        let shard = s.map.shard_for(req.key);
        let adm = match s.shards.get_mut(shard as usize) {
            Some(st) => st.arrive(now, r),
            None => Admission::Rejected(r),
        };
        self.admitted(now, n, shard, r, adm, incarnation, q);
    }
}
