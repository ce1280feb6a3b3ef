//! Cache (and the cache state a CDN edge shares).
//!
//! Replicated, failed node by node (a `Fail` fault takes one node, `Restore` brings them all
//! back, a datacenter failure takes every node it holds):
//! Cache (`replicas` nodes, each a full copy): while a node survives, the cache serves as
//! before with its warm copy; with the last node it is down (the web tier reads the database:
//! a miss storm) and its data is gone, so it comes back cold.

use crate::sim::world::*;

pub(crate) struct CacheNode {
    pub(crate) cache: Cache,
    pub(crate) latency: SimTime,
    /// The nodes' turns at answering lookups (caches; a CDN edge does not queue).
    pub(crate) lookups: Option<LookupNodes>,
    /// Nodes each holding a full copy (a CDN edge is one node).
    pub(crate) nodes: u32,
    /// Nodes serving: the cache is down (and empty) at 0.
    pub(crate) nodes_up: u32,
    /// Static assets (CDN edges): whether their URLs carry a version, the current version,
    /// and when it was deployed.
    pub(crate) versioned_urls: bool,
    pub(crate) assets_version: u64,
    pub(crate) deployed_at: Option<SimTime>,
}

impl CacheNode {
    /// The key an object is cached under: a versioned URL names the deploy it belongs to.
    pub(crate) fn object_key(&self, key: u64) -> u64 {
        if self.versioned_urls {
            key ^ (self.assets_version << 40)
        } else {
            key
        }
    }
    /// Whether the entry for `key` (just hit) holds an object from before the latest deploy.
    pub(crate) fn stale(&self, key: u64) -> bool {
        self.deployed_at.is_some_and(|d| {
            self.cache
                .filled_at(self.object_key(key))
                .is_some_and(|f| f < d)
        })
    }
}

impl World {
    /// A read takes its turn at a node and is answered on a hit; a miss goes on to the store (and fills the cache on the way back); a write invalidates the key.
    pub(crate) fn cache_arrive(
        &mut self,
        now: SimTime,
        n: NodeIx,
        r: ReqId,
        q: &mut EventQueue<Ev>,
    ) {
        let req = self.reqs[r as usize];
        let node = &mut self.nodes[n];
        let slow = node.slow;
        let State::Cache(c) = &mut node.state else {
            return;
        };
        let mut latency = c.latency;
        match req.kind {
            ReqKind::Read | ReqKind::Static => {
                let up = c.nodes_up;
                match c.lookups.as_mut().map(|l| l.admit(now, up, slow)) {
                    Some(None) => {
                        self.fail(now, n, r, FailureReason::Timeout);
                        return;
                    }
                    Some(Some(wait)) => latency = latency.after(wait),
                    None => {}
                }
                let hit = c.cache.lookup(now, req.key);
                node.latency.record(now, latency);
                if hit {
                    node.completions += 1;
                    self.reply_after(now, n, r, latency);
                    return;
                }
                self.reqs[r as usize].cache = Some(n);
            }
            _ => {
                c.cache.invalidate(req.key);
            }
        }
        let next = self
            .targets(n, OutPort::Miss)
            .next()
            .or_else(|| req.web.and_then(|w| self.store_of(w, req.key)));
        match next {
            Some(t) => self.send(now, n, t, r, latency, q),
            None => self.fail(now, n, r, FailureReason::NoRoute),
        }
    }
}
