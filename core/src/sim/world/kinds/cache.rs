//! Cache (and the cache state a CDN edge shares).
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
                req.cache = Some(here.node);
            }
            ReqKind::Write | ReqKind::Job => {
                self.cache.invalidate(req.key);
            }
        }
        Arrival::Miss { extra: latency }
    }
}

impl CacheNode {
    /// A cache's figures in the snapshot: its hit ratio, its lookups (`lookups`: since the
    /// window began) and its nodes up.
    pub(crate) fn figures(&self, m: &mut ComponentMetrics, lookups: Lookups) {
        self.edge_figures(m, lookups);
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
