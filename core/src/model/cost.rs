//! What a design costs to run: US dollars per hour for every component, from its settings, and
//! for a whole diagram (`docs/fidelity.md#what-a-design-costs`).
//!
//! Owns: the price list (every constant says which public-cloud on-demand list price it stands
//! for: AWS, us-east-1, Linux, as listed in 2024), [`Price`] (what one component's bill is made
//! of: a fixed part, a part per server or node, and a part per request), [`price_of`] and
//! [`design_cost`]. The simulation reads the same [`Price`] and feeds it the servers running now
//! (an autoscaled tier costs what runs) and the requests it saw over the last window.
//!
//! Simplifications: servers are billed whole hours at the on-demand rate (no reserved or spot
//! discounts, no per-second billing); a failed server is still billed (until it is replaced,
//! which the simulation does not model); storage, backups and data transfer are left out (the
//! simulation has no bytes); request-priced services (DNS, CDN, the balancer's capacity units)
//! are priced at the rate that reaches them, which for DNS is an upper bound (resolvers cache
//! answers for the record's TTL, so a real zone answers fewer queries than users send requests).
//!
//! Deliberately absent: words (the catalogues word a price) and anything about a run.

use super::catalogue::ComponentKind;
use super::config::{ComponentConfig, IMPLIED_REQUESTS_PER_USER_PER_S};
use super::diagram::{ComponentId, Diagram};

/// Hours in a month, as cloud bills count them (365 x 24 / 12).
pub const HOURS_PER_MONTH: f64 = 730.0;
/// A hosted DNS zone: Route 53, $0.50 a month.
pub const DNS_ZONE_USD_PER_HOUR: f64 = 0.50 / HOURS_PER_MONTH;
/// DNS queries: Route 53 standard queries, $0.40 per million (the first billion a month).
pub const DNS_USD_PER_MILLION_QUERIES: f64 = 0.40;
/// CDN requests: CloudFront HTTPS requests in North America, $0.0100 per 10,000.
pub const CDN_USD_PER_MILLION_REQUESTS: f64 = 1.00;
/// A managed load balancer: an Application Load Balancer, $0.0225 an hour.
pub const LB_USD_PER_HOUR: f64 = 0.0225;
/// Its capacity units: $0.008 per LCU-hour, one LCU per 25 new connections a second, each
/// request counted as a new connection (an upper bound: keep-alive reuses connections), so
/// $0.008 per 25 requests/s: $0.00032 per request/s an hour, $0.0889 per million requests.
pub const LB_USD_PER_MILLION_REQUESTS: f64 = 0.008 / 25.0 / 3600.0 * 1e6;
/// One in-memory cache or session-store node: ElastiCache cache.m5.large (2 vCPU, 6.38 GiB).
pub const CACHE_NODE_USD_PER_HOUR: f64 = 0.156;
/// One NoSQL node: a storage-optimised i3.xlarge (4 vCPU, 30.5 GiB, 950 GB NVMe), the usual
/// self-managed Cassandra node.
pub const NOSQL_NODE_USD_PER_HOUR: f64 = 0.312;
/// One shard node (a primary or a replica): RDS db.m5.large, the smallest database size (a
/// shard's service time is the smallest size's, like a database's).
pub const SHARD_NODE_USD_PER_HOUR: f64 = 0.171;
/// A message broker: Amazon MQ mq.m5.large, single instance.
pub const QUEUE_BROKER_USD_PER_HOUR: f64 = 0.288;
/// One worker: an m5.large (2 vCPU, 8 GiB), the smallest web server size.
pub const WORKER_USD_PER_HOUR: f64 = 0.096;
/// The logs and metrics sink: one m5.large running the collector and its store.
pub const METRICS_SINK_USD_PER_HOUR: f64 = 0.096;

/// What one component's hourly bill is made of.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Price {
    /// Billed whatever runs (a zone, a balancer, a broker, a sink).
    pub fixed_usd_per_hour: f64,
    /// Billed per server or node running.
    pub per_server_usd_per_hour: f64,
    /// Servers or nodes the settings ask for (for an autoscaled tier, the starting count).
    pub servers: u32,
    /// Billed per million requests that reach it.
    pub usd_per_million_requests: f64,
}

impl Price {
    /// Dollars per hour with `servers` running and `requests_per_s` reaching it.
    pub fn usd_per_hour(&self, servers: u32, requests_per_s: f64) -> f64 {
        let rps = if requests_per_s.is_finite() {
            requests_per_s.max(0.0)
        } else {
            0.0
        };
        self.fixed_usd_per_hour
            + self.per_server_usd_per_hour * f64::from(servers)
            + self.usd_per_million_requests * rps * 3600.0 / 1e6
    }

    /// Dollars per hour as configured, with `requests_per_s` reaching it.
    pub fn configured_usd_per_hour(&self, requests_per_s: f64) -> f64 {
        self.usd_per_hour(self.servers, requests_per_s)
    }
}

/// Requests reaching DNS per query the zone answers: a client's resolver keeps the answer for
/// the record's TTL, so a client asks about once per TTL while sending a request every
/// 1 / [`IMPLIED_REQUESTS_PER_USER_PER_S`] seconds (never fewer than one request a query).
pub fn requests_per_query(record_ttl_s: u32) -> f64 {
    (f64::from(record_ttl_s) * IMPLIED_REQUESTS_PER_USER_PER_S).max(1.0)
}

/// The price of a component with settings `config`.
pub fn price_of(config: &ComponentConfig) -> Price {
    let servers = |per_server_usd_per_hour: f64, servers: u32| Price {
        per_server_usd_per_hour,
        servers,
        ..Price::default()
    };
    let fixed = |fixed_usd_per_hour: f64| Price {
        fixed_usd_per_hour,
        ..Price::default()
    };
    match config {
        ComponentConfig::Users(_) => Price::default(),
        ComponentConfig::Dns(d) => Price {
            fixed_usd_per_hour: DNS_ZONE_USD_PER_HOUR,
            usd_per_million_requests: DNS_USD_PER_MILLION_QUERIES
                / requests_per_query(d.record_ttl_s),
            ..Price::default()
        },
        ComponentConfig::Cdn(_) => Price {
            usd_per_million_requests: CDN_USD_PER_MILLION_REQUESTS,
            ..Price::default()
        },
        ComponentConfig::LoadBalancer(_) => Price {
            fixed_usd_per_hour: LB_USD_PER_HOUR,
            usd_per_million_requests: LB_USD_PER_MILLION_REQUESTS,
            ..Price::default()
        },
        ComponentConfig::WebServers(w) => servers(w.instance_size.cost_per_hour_usd(), w.instances),
        ComponentConfig::Cache(c) => servers(CACHE_NODE_USD_PER_HOUR, c.replicas),
        ComponentConfig::SessionStore(s) => servers(CACHE_NODE_USD_PER_HOUR, s.replicas),
        ComponentConfig::Database(d) => servers(
            d.instance_size.database_cost_per_hour_usd(),
            1 + d.read_replicas,
        ),
        ComponentConfig::NoSql(n) => servers(NOSQL_NODE_USD_PER_HOUR, n.nodes),
        ComponentConfig::ShardedDatabase(s) => servers(
            SHARD_NODE_USD_PER_HOUR,
            s.shards.saturating_mul(1 + s.replicas_per_shard),
        ),
        ComponentConfig::MessageQueue(_) => fixed(QUEUE_BROKER_USD_PER_HOUR),
        ComponentConfig::Workers(w) => servers(WORKER_USD_PER_HOUR, w.instances),
        ComponentConfig::MetricsSink(_) => fixed(METRICS_SINK_USD_PER_HOUR),
    }
}

/// Whether a kind's bill grows with the requests that reach it.
pub fn priced_per_request(kind: ComponentKind) -> bool {
    matches!(
        kind,
        ComponentKind::Dns | ComponentKind::Cdn | ComponentKind::LoadBalancer
    )
}

/// A whole design's hourly cost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DesignCost {
    /// Every component's dollars per hour, in diagram order.
    pub components: Vec<(ComponentId, f64)>,
    /// Their sum.
    pub total_usd_per_hour: f64,
}

impl DesignCost {
    /// The cost of component `id`, if the design holds it.
    pub fn of(&self, id: ComponentId) -> Option<f64> {
        self.components
            .iter()
            .find(|(c, _)| *c == id)
            .map(|&(_, usd)| usd)
    }
}

/// The cost of `d` as configured, each request-priced component at `requests_per_s(id)`
/// (`sim::predict::design_cost` passes the rates the diagram offers).
pub fn design_cost(d: &Diagram, requests_per_s: impl Fn(ComponentId) -> f64) -> DesignCost {
    let components: Vec<(ComponentId, f64)> = d
        .components
        .iter()
        .map(|c| {
            let rps = if priced_per_request(c.kind) {
                requests_per_s(c.id)
            } else {
                0.0
            };
            (c.id, price_of(&c.config).configured_usd_per_hour(rps))
        })
        .collect();
    let total_usd_per_hour = components.iter().map(|&(_, usd)| usd).sum();
    DesignCost {
        components,
        total_usd_per_hour,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_but_users_costs_something() {
        for kind in ComponentKind::ALL {
            let usd = price_of(&kind.default_config()).configured_usd_per_hour(100.0);
            if kind == ComponentKind::Users {
                assert_eq!(usd, 0.0);
            } else {
                assert!(usd > 0.0, "{kind:?}");
            }
        }
    }

    #[test]
    fn request_prices_scale_with_the_rate() {
        let p = price_of(&ComponentKind::Cdn.default_config());
        // A million requests an hour: one dollar.
        assert!((p.configured_usd_per_hour(1e6 / 3600.0) - 1.0).abs() < 1e-12);
        let lb = price_of(&ComponentKind::LoadBalancer.default_config());
        // 25 requests a second: one capacity unit on top of the hourly charge.
        assert!((lb.configured_usd_per_hour(25.0) - (0.0225 + 0.008)).abs() < 1e-12);
        assert_eq!(p.usd_per_hour(0, f64::NAN), 0.0);
    }
}
