//! CDN edge: a cache of static objects answering after a fixed delay, never queueing; a
//! miss (or a dynamic request) goes on to the origin and fills the edge on the way back.
//!
//! An asset deploy (`DeployAssets` on a CDN) with versioned URLs makes every object a new key, so
//! each edge fetches each object once from the origin; without versioning the edges keep
//! serving the copies they filled before the deploy until those expire (*stale assets*).

use crate::sim::world::*;

impl CacheNode {
    /// A request reaches the edge: a static object it holds is answered after the edge's
    /// delay (counted stale if deployed over since); anything else goes on to the origin, a
    /// static object filling the edge on its way back.
    #[inline]
    pub(crate) fn edge_arrive(
        &mut self,
        now: SimTime,
        req: &mut Req,
        here: Here<'_>,
        stale_assets: &mut u64,
    ) -> Arrival {
        let latency = self.latency;
        if req.kind == ReqKind::Static && self.cache.lookup(now, self.object_key(req.key)) {
            if self.stale(req.key) {
                *stale_assets += 1;
            }
            here.served(now, latency);
            return Arrival::Answered { delay: latency };
        }
        if req.kind == ReqKind::Static {
            req.edge = Some(here.node);
        }
        Arrival::Port {
            port: OutPort::Origin,
            extra: latency,
            served: false,
        }
    }
}
