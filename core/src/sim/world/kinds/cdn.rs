//! CDN edge: a cache of static objects answering after a fixed delay, never queueing; a
//! miss (or a dynamic request) goes on to the origin and fills the edge on the way back.
//!
//! An asset deploy (`DeployAssets` on a CDN) with versioned URLs makes every object a new key, so
//! each edge fetches each object once from the origin; without versioning the edges keep
//! serving the copies they filled before the deploy until those expire (*stale assets*).
//!
//! A slowed edge (`Slow` ×f) takes f times its answer time, on a hit and on its hop to the
//! origin alike; it still never queues.

use crate::model::config::CdnConfig;
use crate::sim::world::build::{BuildCtx, ms};
use crate::sim::world::*;

impl CacheNode {
    /// The node state of a component with these settings.
    pub(crate) fn build_edge(d: &CdnConfig, _ctx: &mut BuildCtx<'_>) -> State {
        State::Cdn(CacheNode {
            cache: Cache::new(SimCacheConfig {
                capacity: d.edge_capacity_objects.min(MAX_ZIPF_KEYS) as usize,
                eviction: SimEviction::Lru,
                ttl: (d.ttl_s > 0).then(|| SimTime::from_secs(d.ttl_s as u64)),
                ttl_mode: TtlMode::SetOnFill,
            }),
            latency: ms(d.edge_rtt_ms / 2.0),
            lookups: None,
            nodes: 1,
            nodes_up: 1,
            versioned_urls: d.object_versioning,
            assets_version: 0,
            deployed_at: None,
            read_through: true,
            write_backs: 0,
        })
    }
}

impl CacheNode {
    /// A request reaches the edge: a static object it holds is answered after the edge's
    /// delay (counted stale if deployed over since); anything else goes on to the origin, a
    /// static object filling the edge on its way back. A slowed edge's delay is its
    /// configured one times the slow-down.
    #[inline]
    pub(crate) fn edge_arrive(
        &mut self,
        now: SimTime,
        req: &mut Req,
        here: Here<'_>,
        stale_assets: &mut u64,
    ) -> Arrival {
        let latency = if here.slow == 1.0 {
            self.latency
        } else {
            SimTime::from_secs_f64(self.latency.as_secs_f64() * here.slow)
        };
        if req.kind == ReqKind::Static && self.cache.lookup(now, self.object_key(req.key)) {
            if self.stale(req.key) {
                *stale_assets += 1;
            }
            here.served(now, latency);
            return Arrival::Answered { delay: latency };
        }
        if req.kind == ReqKind::Static {
            req.edge = here.node.into();
        }
        Arrival::Port {
            port: OutPort::Origin,
            extra: latency,
            served: false,
        }
    }
}

impl CacheNode {
    /// An edge's figures in the snapshot: its hit ratio and its lookups (`lookups`: since the
    /// window began).
    pub(crate) fn edge_figures(&self, m: &mut ComponentMetrics, lookups: Lookups) {
        m.hit_ratio = Some(self.cache.stats().hit_ratio());
        m.lookups = Some(lookups);
    }
}

impl CacheNode {
    /// A `DeployAssets` fault on an edge: a new version of every object. With versioned URLs
    /// each is a new key (fetched once from the origin); without, the edge keeps serving what
    /// it filled before until it expires. What the log says.
    pub(crate) fn deploy_assets(&mut self, now: SimTime, label: String) -> LogEvent {
        self.assets_version += 1;
        self.deployed_at = Some(now);
        LogEvent::AssetsDeployed {
            label,
            versioned: self.versioned_urls,
            ttl_s: self.cache.config().ttl.map(|t| t.as_secs_f64()),
        }
    }
}
