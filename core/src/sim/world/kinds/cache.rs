//! Cache (and the cache state a CDN edge shares).
//!
//! Who fills the cache on a miss (`read_through`):
//! - read-through (the chapter's strategy, and the engine's only one before the setting
//!   acted): the cache reads the store behind it (its `miss` wire, else the web tier's store)
//!   and fills itself as the answer passes back. The web server waits web -> cache -> store ->
//!   cache -> web; the fill is part of the miss's one operation on the cache node.
//! - cache-aside: the cache answers "not found" (web -> cache -> web), the web server reads its
//!   store itself (web -> store -> web, else the cache's `miss` wire) and then writes the value
//!   back ([`World::write_back`]): web -> cache -> web again, a second operation that takes
//!   its turn on the node's lookup queue (service and wait) while the request holds. Per miss:
//!   two cache operations instead of one, and a same-datacenter round trip, a get latency and
//!   a queue wait more for the request. A write-back that finds the cache down is refused at
//!   once, one that would wait past the request timeout is abandoned at the timeout; either
//!   way the read is answered, unfilled. The fill is applied as the write-back arrives (its
//!   service, microseconds, is not waited for by other lookups).
//!
//! Replicated, failed node by node (a `Fail` fault takes one node, `Restore` brings them all
//! back, a datacenter failure takes every node it holds):
//! Cache (`replicas` nodes, each a full copy): while a node survives, the cache serves as
//! before with its warm copy; with the last node it is down (the web tier reads the database:
//! a miss storm) and its data is gone, so it comes back cold.

use crate::model::config::CacheConfig;
use crate::sim::world::build::{BuildCtx, ms};
use crate::sim::world::*;

impl CacheNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(k: &CacheConfig, _ctx: &mut BuildCtx<'_>) -> State {
        State::Cache(CacheNode {
            cache: Cache::new(SimCacheConfig {
                capacity: k.capacity_keys.min(MAX_ZIPF_KEYS) as usize,
                eviction: match k.eviction {
                    Eviction::Lru => SimEviction::Lru,
                    Eviction::Lfu => SimEviction::Lfu,
                    Eviction::Fifo => SimEviction::Fifo,
                },
                ttl: (k.ttl_s > 0).then(|| SimTime::from_secs(k.ttl_s as u64)),
                ttl_mode: match k.expiry {
                    Expiry::SetOnWrite => TtlMode::SetOnFill,
                    Expiry::RefreshOnHit => TtlMode::RefreshOnHit,
                },
            }),
            latency: ms(k.get_latency_ms),
            lookups: Some(LookupNodes::new(k.replicas, k.ops_per_node_per_s)),
            nodes: k.replicas.max(1),
            nodes_up: k.replicas.max(1),
            versioned_urls: false,
            assets_version: 0,
            deployed_at: None,
            read_through: k.read_through,
            write_backs: 0,
        })
    }
}

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
    /// Whether the cache fills itself on a miss (read-through; CDN edges always do), or the
    /// web tier writes the value back (cache-aside).
    pub(crate) read_through: bool,
    /// Values the web tier wrote back after a miss (cache-aside), since the start.
    pub(crate) write_backs: u64,
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

impl CacheNode {
    /// A request reaches the cache: a read takes its turn at a node (or times out) and is
    /// answered on a hit; a miss goes on to the store and fills the cache on its way back; a
    /// write invalidates the key and goes on.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, req: &mut Req, here: Here<'_>) -> Arrival {
        let mut latency = self.latency;
        match req.kind {
            ReqKind::Read | ReqKind::Static => {
                let up = self.nodes_up;
                match self.lookups.as_mut().map(|l| l.admit(now, up, here.slow)) {
                    Some(None) => return Arrival::Fail(FailureReason::Timeout),
                    Some(Some(wait)) => latency = latency.after(wait),
                    None => {}
                }
                let hit = self.cache.lookup(now, req.key);
                if hit {
                    here.served(now, latency);
                    return Arrival::Answered { delay: latency };
                }
                here.latency.record(now, latency);
                req.cache = here.node.into();
            }
            ReqKind::Write | ReqKind::Job | ReqKind::Migration => {
                self.cache.invalidate(req.key);
            }
        }
        Arrival::Miss { extra: latency }
    }
}

impl CacheNode {
    /// A cache's figures in the snapshot: its hit ratio, its lookups (`lookups`: since the
    /// window began), the values the web tier wrote back and its nodes up.
    pub(crate) fn figures(&self, m: &mut ComponentMetrics, lookups: Lookups) {
        self.edge_figures(m, lookups);
        m.write_backs = Some(self.write_backs);
        m.nodes = Some(NodesUp {
            up: self.nodes_up,
            total: self.nodes,
        });
    }
}

impl CacheNode {
    /// A `Restore` of a cache: every node is up again, warm if a node survived, empty if
    /// `all_had_failed`. How it comes back, for the log.
    pub(crate) fn restore(&mut self, all_had_failed: bool) -> Restored {
        let replicated_and_down = self.nodes > 1 && self.nodes_up < self.nodes;
        self.nodes_up = self.nodes;
        if !replicated_and_down {
            return Restored::Whole;
        }
        Restored::CacheNodes {
            nodes: self.nodes,
            warm: !all_had_failed,
        }
    }
}

/// Fails one node of a replicated in-memory store (`nodes_up` of `nodes`, a `part` of the
/// design): whether the store is down, and what the log says.
pub(crate) fn fail_one_of(
    nodes_up: &mut u32,
    nodes: u32,
    label: &str,
    part: ReplicatedPart,
) -> NodeFailure {
    let node = nodes - *nodes_up + 1;
    *nodes_up = nodes_up.saturating_sub(1);
    let last = *nodes_up == 0;
    let event = LogEvent::ReplicatedNodeFailed {
        label: label.to_string(),
        part,
        node,
        nodes,
        last,
    };
    if last {
        NodeFailure::Down { event: Some(event) }
    } else {
        NodeFailure::Degraded { event }
    }
}

impl CacheNode {
    /// A `Fail` fault on a cache takes one node: a replica keeps serving its warm copy; with
    /// the last, the cache is down and its data gone.
    pub(crate) fn fail_one(&mut self, label: &str) -> NodeFailure {
        fail_one_of(&mut self.nodes_up, self.nodes, label, ReplicatedPart::Cache)
    }
}

impl World {
    /// The one-way delay between two nodes: across regions, else within a datacenter.
    fn hop_between(&self, a: NodeIx, b: NodeIx) -> SimTime {
        match (self.nodes[a].region, self.nodes[b].region) {
            (Some(x), Some(y)) if x != y => self.one_way[x as usize][y as usize],
            _ => SAME_DC_HOP,
        }
    }

    /// A read missed at cache `n` (`extra`: its lookup time): if the cache is cache-aside,
    /// "not found" goes back to the web server, which reads its store itself (else the
    /// cache's `miss` target). Whether it was (a read-through cache: no, the caller sends the
    /// miss on from the cache).
    ///
    /// Time: the hop back to the web server is added before the web server's hop to the
    /// store; the request's return path already holds one cache -> web hop (the answer to its
    /// lookup), which now stands for the answer to the write-back that comes later.
    pub(crate) fn read_aside(
        &mut self,
        now: SimTime,
        n: NodeIx,
        r: ReqId,
        extra: SimTime,
        q: &mut EventQueue<Ev>,
    ) -> bool {
        let Req {
            web, key, cache, ..
        } = self.reqs[r as usize];
        let aside = matches!(&self.nodes[n].state, State::Cache(c) if !c.read_through);
        let Some(web) = web.node().filter(|_| aside && cache.node() == Some(n)) else {
            return false;
        };
        let back = self.hop_between(n, web);
        let store = self
            .store_of(web, key)
            .or_else(|| self.targets(n, OutPort::Miss).next());
        match store {
            Some(t) => self.send(now, web, t, r, extra.after(back), q),
            None => self.fail(now, web, r, FailureReason::NoRoute),
        }
        true
    }

    /// Read `r`, answered at `n`, was missed by a cache-aside cache: the value goes back to
    /// the web server, which writes it into the cache ([`Ev::WriteBack`], when it gets
    /// there) before it answers. Whether it does (else the request completes now).
    pub(crate) fn write_back_due(
        &mut self,
        now: SimTime,
        n: NodeIx,
        r: ReqId,
        q: &mut EventQueue<Ev>,
    ) -> bool {
        let Req { web, cache, .. } = self.reqs[r as usize];
        let Some(cache) = cache.node() else {
            return false;
        };
        let aside = matches!(&self.nodes[cache].state, State::Cache(c) if !c.read_through);
        let Some(web) = web.node().filter(|_| aside) else {
            return false;
        };
        // The store's answer reaches the web server now rather than on the way back: its hop
        // leaves the return path.
        let back = self.hop_between(web, n);
        let to_cache = self.hop_between(web, cache);
        let req = &mut self.reqs[r as usize];
        req.cache = MaybeIx::NONE;
        req.net = req.net.since(back);
        q.schedule(
            now.after(back).after(to_cache),
            Ev::WriteBack { cache, req: r },
        );
        true
    }

    /// The web server's write-back of read `r`'s value reaches `cache`: it takes its turn on
    /// a node like a lookup (its get latency plus its wait), fills the key, and the read is
    /// answered when it returns. A down cache refuses it at once; one that would wait past
    /// the request timeout is abandoned then; either way the read is answered, unfilled.
    pub(crate) fn write_back(
        &mut self,
        now: SimTime,
        cache: NodeIx,
        r: ReqId,
        q: &mut EventQueue<Ev>,
    ) {
        self.nodes[cache].arrivals += 1;
        if self.node_down(cache) {
            self.complete(now, cache, r, q);
            return;
        }
        let key = self.reqs[r as usize].key;
        let node = &mut self.nodes[cache];
        let slow = node.slow;
        let State::Cache(c) = &mut node.state else {
            self.complete(now, cache, r, q);
            return;
        };
        let up = c.nodes_up;
        let wait = match c.lookups.as_mut().map(|l| l.admit(now, up, slow)) {
            Some(None) => {
                self.reply_after(now, cache, r, REQUEST_TIMEOUT, q);
                return;
            }
            Some(Some(wait)) => wait,
            None => SimTime::ZERO,
        };
        let delay = c.latency.after(wait);
        let key = c.object_key(key);
        c.cache.fill(now, key);
        c.write_backs += 1;
        node.completions += 1;
        node.latency.record(now, delay);
        self.reply_after(now, cache, r, delay, q);
    }
}
