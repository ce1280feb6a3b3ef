//! CDN edge: a cache of static objects answering after a fixed delay, never queueing; a
//! miss (or a dynamic request) goes on to the origin and fills the edge on the way back.
//!
//! An asset deploy (`DeployAssets` on a CDN) with versioned URLs makes every object a new key, so
//! each edge fetches each object once from the origin; without versioning the edges keep
//! serving the copies they filled before the deploy until those expire (*stale assets*).

use crate::sim::world::*;

impl World {
    /// A static object is answered by the edge if it holds it; anything else goes on to the origin.
    pub(crate) fn cdn_arrive(&mut self, now: SimTime, n: NodeIx, r: ReqId, q: &mut EventQueue<Ev>) {
        let req = self.reqs[r as usize];
        let State::Cdn(c) = &mut self.nodes[n].state else {
            return;
        };
        let latency = c.latency;
        if req.kind == ReqKind::Static && c.cache.lookup(now, c.object_key(req.key)) {
            if c.stale(req.key) {
                self.totals.stale_assets += 1;
            }
            self.nodes[n].completions += 1;
            self.nodes[n].latency.record(now, latency);
            self.reply_after(now, n, r, latency);
            return;
        }
        if req.kind == ReqKind::Static {
            self.reqs[r as usize].edge = Some(n);
        }
        match self.first_target(n, OutPort::Origin) {
            Some(t) => self.send(now, n, t, r, latency, q),
            None => self.fail(now, n, r, FailureReason::NoRoute),
        }
    }
}
