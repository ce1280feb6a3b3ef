//! Settings of the parts between the users and the web tier: the user population and its load,
//! DNS (plain or geo-routed, with health checks), the CDN and the load balancer.

use serde::{Deserialize, Serialize};

use super::SAME_DC_RTT_MS;
use crate::model::diagram::{ComponentId, Region};

/// How much traffic a user population sends.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserLoad {
    /// A fixed total rate.
    Rate { rate_rps: f64 },
    /// A number of active users, each sending requests at a rate.
    ActiveUsers {
        active_users: u64,
        requests_per_user_per_s: f64,
    },
}

/// Requests per second one user sends, for a population given as a bare rate: such a
/// population stands for `rate / IMPLIED_REQUESTS_PER_USER_PER_S` users (one request every
/// 10 s each), which is how the simulation counts its clients and how the "zero to N users"
/// growth profile scales it.
pub const IMPLIED_REQUESTS_PER_USER_PER_S: f64 = 0.1;

impl UserLoad {
    /// The active users the population stands for: its count, or for a bare rate the users
    /// that send it at [`IMPLIED_REQUESTS_PER_USER_PER_S`] each.
    pub fn active_users(&self) -> f64 {
        match *self {
            UserLoad::Rate { rate_rps } => rate_rps * (1.0 / IMPLIED_REQUESTS_PER_USER_PER_S),
            UserLoad::ActiveUsers { active_users, .. } => active_users as f64,
        }
    }

    /// The total request rate in requests per second.
    pub fn rate_rps(&self) -> f64 {
        match *self {
            UserLoad::Rate { rate_rps } => rate_rps,
            UserLoad::ActiveUsers {
                active_users,
                requests_per_user_per_s,
            } => active_users as f64 * requests_per_user_per_s,
        }
    }
}

/// A client population.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsersConfig {
    /// Where the users are; GeoDNS sends them to the nearest datacenter.
    pub region: Region,
    /// How much traffic they send.
    pub load: UserLoad,
    /// Share of requests that read application data.
    pub read_share: f64,
    /// Share of requests that write application data.
    pub write_share: f64,
    /// Share of requests for static assets.
    pub static_share: f64,
    /// Number of distinct keys (items) requests are spread over.
    pub key_space: u64,
    /// Zipf exponent of key popularity (web traffic: 0.6 to 1.0).
    pub zipf_alpha: f64,
    /// Number of "celebrity" keys that draw extra traffic (a hot-spot for one shard).
    pub celebrity_keys: u32,
    /// Share of data requests aimed at the celebrity keys, on top of Zipf.
    pub celebrity_share: f64,
    /// Share of requests from logged-in users, which carry a session.
    pub login_session_share: f64,
}

impl Default for UsersConfig {
    fn default() -> Self {
        UsersConfig {
            region: Region::NorthAmerica,
            load: UserLoad::ActiveUsers {
                active_users: 1_000,
                requests_per_user_per_s: 0.1,
            },
            // Reads dominate writes (a large memcached study saw GET:SET about 30:1).
            read_share: 0.72,
            write_share: 0.03,
            static_share: 0.25,
            key_space: 10_000,
            zipf_alpha: 0.8,
            celebrity_keys: 0,
            celebrity_share: 0.0,
            login_session_share: 0.5,
        }
    }
}

/// Share of traffic DNS sends to one target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightedTarget {
    /// A component wired from the DNS's `resolve` port.
    pub target: ComponentId,
    /// Percentage of resolutions answered with this target.
    pub percent: u8,
}

/// How DNS picks the answer among its healthy targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DnsRouting {
    /// GeoDNS: the healthy target in the datacenter nearest the user.
    Nearest,
    /// Fixed percentages per target (targets not listed get none).
    Weighted { percent: Vec<WeightedTarget> },
}

/// DNS / GeoDNS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsConfig {
    /// How long resolvers cache an answer: clients keep going to a failed datacenter this long.
    pub record_ttl_s: u32,
    /// How answers are chosen.
    pub routing: DnsRouting,
    /// Seconds between health checks of each target.
    pub health_check_interval_s: u32,
    /// Consecutive failed checks before a target is taken out of answers.
    pub failure_threshold: u32,
}

impl Default for DnsConfig {
    fn default() -> Self {
        DnsConfig {
            record_ttl_s: 60,
            routing: DnsRouting::Nearest,
            health_check_interval_s: 30,
            failure_threshold: 3,
        }
    }
}

/// Content delivery network edge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CdnConfig {
    /// Objects each edge can hold.
    pub edge_capacity_objects: u64,
    /// How long an edge keeps an object before asking the origin again.
    pub ttl_s: u32,
    /// Versioned object URLs (`app.js?v=2`): a deploy never serves stale assets.
    pub object_versioning: bool,
    /// Round trip from a user to the nearest edge.
    pub edge_rtt_ms: f64,
}

impl Default for CdnConfig {
    fn default() -> Self {
        CdnConfig {
            edge_capacity_objects: 5_000,
            ttl_s: 86_400,
            object_versioning: true,
            edge_rtt_ms: 20.0,
        }
    }
}

/// How a load balancer picks a backend server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LbAlgorithm {
    RoundRobin,
    LeastConnections,
    Random,
    /// Sticky sessions: a client always goes to the same server (while it is healthy).
    StickyByClient,
}

/// Load balancer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadBalancerConfig {
    pub algorithm: LbAlgorithm,
    /// Seconds between health checks of each backend.
    pub health_check_interval_s: u32,
    /// Consecutive failed checks before a backend stops getting traffic.
    pub failure_threshold: u32,
    /// Latency the balancer adds to each request (one same-datacenter hop).
    pub added_latency_ms: f64,
    /// Requests per second the balancer can forward; 0: no limit (a managed balancer that
    /// scales itself). With a limit it is a queue: a request waits while the one before it is
    /// forwarded, and one that would wait past the timeout is refused.
    #[serde(default)]
    pub capacity_rps: u64,
}

impl Default for LoadBalancerConfig {
    fn default() -> Self {
        LoadBalancerConfig {
            algorithm: LbAlgorithm::RoundRobin,
            health_check_interval_s: 10,
            failure_threshold: 3,
            added_latency_ms: SAME_DC_RTT_MS,
            capacity_rps: 0,
        }
    }
}
