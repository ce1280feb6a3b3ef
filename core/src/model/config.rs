//! Per-kind component settings, with defaults calibrated to real-world figures.
//!
//! [`ComponentConfig`] has exactly one variant per [`ComponentKind`]; a component's config
//! variant always matches its kind (the diagram's mutation helpers refuse a mismatch). Units are
//! in field names (`_ms`, `_s`, `_rps`, `_keys`, `_share` for a fraction in 0..=1). Defaults
//! follow the calibration figures in `ORACLES.md`: same-datacenter round trip 0.5 ms, Zipf
//! alpha 0.8, DNS health checks every 30 s with 3 failures to fail over, a cache of 1,000 keys
//! over 10,000, a replica applying 1,000 writes/s.
//!
//! [`ComponentConfig::check`] says whether values are in range (no NaN, no negative rates, at
//! least one instance...). It is what the share formats use to refuse a bad file; the editor may
//! use it to refuse a bad edit. This module does not say how the simulation uses the values.

use serde::{Deserialize, Serialize};

use super::catalogue::ComponentKind;
use super::diagram::{ComponentId, Region};

/// Same-datacenter network round trip, in milliseconds.
pub const SAME_DC_RTT_MS: f64 = 0.5;

/// A value out of range in a component's config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The field, as a path inside the config (e.g. `service_time.mean_ms`).
    pub field: String,
    /// What is wrong, in words a user can act on.
    pub reason: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` {}", self.field, self.reason)
    }
}

/// Collects range checks of one config; the first failure wins.
struct Checker {
    first: Option<ConfigError>,
}

impl Checker {
    fn new() -> Self {
        Checker { first: None }
    }

    fn fail(&mut self, field: &str, reason: String) {
        if self.first.is_none() {
            self.first = Some(ConfigError {
                field: field.to_string(),
                reason,
            });
        }
    }

    /// A finite number within `min..=max`.
    fn range(&mut self, field: &str, value: f64, min: f64, max: f64) {
        if !value.is_finite() {
            self.fail(field, "must be a finite number".to_string());
        } else if value < min || value > max {
            self.fail(
                field,
                format!("must be between {min} and {max}, not {value}"),
            );
        }
    }

    /// A finite number strictly above zero and at most `max`.
    fn positive(&mut self, field: &str, value: f64, max: f64) {
        if !value.is_finite() {
            self.fail(field, "must be a finite number".to_string());
        } else if value <= 0.0 || value > max {
            self.fail(
                field,
                format!("must be above 0 and at most {max}, not {value}"),
            );
        }
    }

    /// An integer within `min..=max`.
    fn count(&mut self, field: &str, value: u64, min: u64, max: u64) {
        if value < min || value > max {
            self.fail(
                field,
                format!("must be between {min} and {max}, not {value}"),
            );
        }
    }

    /// A pool of servers (web tier, workers): its size, service time, concurrency and the
    /// autoscaling bounds `(min, max)`, with `min <= max`.
    fn pool(
        &mut self,
        instances: u32,
        service_time: &ServiceTime,
        concurrency_per_instance: u32,
        (min_instances, max_instances): (u32, u32),
    ) {
        self.count("instances", u64::from(instances), 1, MAX_INSTANCES);
        self.service_time("service_time", service_time);
        self.count(
            "concurrency_per_instance",
            u64::from(concurrency_per_instance),
            1,
            10_000,
        );
        self.count(
            "autoscaling.min_instances",
            u64::from(min_instances),
            1,
            MAX_INSTANCES,
        );
        self.count(
            "autoscaling.max_instances",
            u64::from(max_instances),
            u64::from(min_instances),
            MAX_INSTANCES,
        );
    }

    fn service_time(&mut self, field: &str, value: &ServiceTime) {
        match *value {
            ServiceTime::Exponential { mean_ms } | ServiceTime::Deterministic { mean_ms } => {
                self.positive(&format!("{field}.mean_ms"), mean_ms, MAX_MS);
            }
            ServiceTime::LogNormal { mean_ms, sigma } => {
                self.positive(&format!("{field}.mean_ms"), mean_ms, MAX_MS);
                self.positive(&format!("{field}.sigma"), sigma, 5.0);
            }
        }
    }

    fn done(self) -> Result<(), ConfigError> {
        match self.first {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// Upper bound for any duration in milliseconds (one hour).
const MAX_MS: f64 = 3_600_000.0;
/// Upper bound for any duration in seconds (thirty days).
const MAX_S: u64 = 30 * 24 * 3600;
/// Upper bound for instance and node counts.
const MAX_INSTANCES: u64 = 10_000;
/// Upper bound for request rates, in requests per second.
const MAX_RPS: f64 = 1e9;
/// Upper bound for a node's operations per second (one a nanosecond).
const MAX_OPS: u64 = 1_000_000_000;

/// The settings of one component; the variant always matches the component's kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentConfig {
    Users(UsersConfig),
    Dns(DnsConfig),
    Cdn(CdnConfig),
    LoadBalancer(LoadBalancerConfig),
    WebServers(WebServersConfig),
    Cache(CacheConfig),
    SessionStore(SessionStoreConfig),
    Database(DatabaseConfig),
    NoSql(NoSqlConfig),
    ShardedDatabase(ShardedDatabaseConfig),
    MessageQueue(MessageQueueConfig),
    Workers(WorkersConfig),
    MetricsSink(MetricsSinkConfig),
}

impl ComponentConfig {
    /// The kind this config belongs to.
    pub fn kind(&self) -> ComponentKind {
        match self {
            ComponentConfig::Users(_) => ComponentKind::Users,
            ComponentConfig::Dns(_) => ComponentKind::Dns,
            ComponentConfig::Cdn(_) => ComponentKind::Cdn,
            ComponentConfig::LoadBalancer(_) => ComponentKind::LoadBalancer,
            ComponentConfig::WebServers(_) => ComponentKind::WebServers,
            ComponentConfig::Cache(_) => ComponentKind::Cache,
            ComponentConfig::SessionStore(_) => ComponentKind::SessionStore,
            ComponentConfig::Database(_) => ComponentKind::Database,
            ComponentConfig::NoSql(_) => ComponentKind::NoSql,
            ComponentConfig::ShardedDatabase(_) => ComponentKind::ShardedDatabase,
            ComponentConfig::MessageQueue(_) => ComponentKind::MessageQueue,
            ComponentConfig::Workers(_) => ComponentKind::Workers,
            ComponentConfig::MetricsSink(_) => ComponentKind::MetricsSink,
        }
    }

    /// Checks every value is in range; the error names the first offending field.
    pub fn check(&self) -> Result<(), ConfigError> {
        let mut c = Checker::new();
        match self {
            ComponentConfig::Users(u) => {
                match u.load {
                    UserLoad::Rate { rate_rps } => c.range("load.rate_rps", rate_rps, 0.0, MAX_RPS),
                    UserLoad::ActiveUsers {
                        active_users,
                        requests_per_user_per_s,
                    } => {
                        c.count("load.active_users", active_users, 0, 10_000_000_000);
                        c.range(
                            "load.requests_per_user_per_s",
                            requests_per_user_per_s,
                            0.0,
                            1_000.0,
                        );
                    }
                }
                c.range("read_share", u.read_share, 0.0, 1.0);
                c.range("write_share", u.write_share, 0.0, 1.0);
                c.range("static_share", u.static_share, 0.0, 1.0);
                let sum = u.read_share + u.write_share + u.static_share;
                if sum.is_finite() && (sum - 1.0).abs() > 1e-6 {
                    c.fail(
                        "read_share",
                        format!("read, write and static shares must add up to 1, not {sum}"),
                    );
                }
                c.count("key_space", u.key_space, 1, 1_000_000_000_000);
                c.range("zipf_alpha", u.zipf_alpha, 0.0, 3.0);
                c.count(
                    "celebrity_keys",
                    u64::from(u.celebrity_keys),
                    0,
                    u.key_space,
                );
                c.range("celebrity_share", u.celebrity_share, 0.0, 1.0);
                c.range("login_session_share", u.login_session_share, 0.0, 1.0);
            }
            ComponentConfig::Dns(d) => {
                c.count("record_ttl_s", u64::from(d.record_ttl_s), 0, MAX_S);
                if let DnsRouting::Weighted { percent } = &d.routing {
                    let mut sum = 0u64;
                    for w in percent {
                        sum += u64::from(w.percent);
                        c.count("routing.percent", u64::from(w.percent), 0, 100);
                    }
                    if !percent.is_empty() && sum != 100 {
                        c.fail(
                            "routing.percent",
                            format!("weights must add up to 100 %, not {sum} %"),
                        );
                    }
                }
                c.count(
                    "health_check_interval_s",
                    u64::from(d.health_check_interval_s),
                    1,
                    MAX_S,
                );
                c.count("failure_threshold", u64::from(d.failure_threshold), 1, 100);
            }
            ComponentConfig::Cdn(d) => {
                c.count(
                    "edge_capacity_objects",
                    d.edge_capacity_objects,
                    1,
                    1_000_000_000_000,
                );
                c.count("ttl_s", u64::from(d.ttl_s), 0, MAX_S);
                c.range("edge_rtt_ms", d.edge_rtt_ms, 0.0, MAX_MS);
            }
            ComponentConfig::LoadBalancer(l) => {
                c.count(
                    "health_check_interval_s",
                    u64::from(l.health_check_interval_s),
                    1,
                    MAX_S,
                );
                c.count("failure_threshold", u64::from(l.failure_threshold), 1, 100);
                c.range("added_latency_ms", l.added_latency_ms, 0.0, MAX_MS);
                c.count("capacity_rps", l.capacity_rps, 0, MAX_OPS);
            }
            ComponentConfig::WebServers(w) => {
                let a = &w.autoscaling;
                c.pool(
                    w.instances,
                    &w.service_time,
                    w.concurrency_per_instance,
                    (a.min_instances, a.max_instances),
                );
                c.positive("autoscaling.target_utilization", a.target_utilization, 1.0);
                c.count("autoscaling.cooldown_s", u64::from(a.cooldown_s), 0, MAX_S);
            }
            ComponentConfig::Cache(k) => {
                c.count("capacity_keys", k.capacity_keys, 1, 1_000_000_000_000);
                c.count("ttl_s", u64::from(k.ttl_s), 0, MAX_S);
                c.count("replicas", u64::from(k.replicas), 1, 100);
                c.range("get_latency_ms", k.get_latency_ms, 0.0, MAX_MS);
                c.count("ops_per_node_per_s", k.ops_per_node_per_s, 1, MAX_OPS);
            }
            ComponentConfig::SessionStore(s) => {
                c.count(
                    "capacity_sessions",
                    s.capacity_sessions,
                    1,
                    1_000_000_000_000,
                );
                c.count("session_ttl_s", u64::from(s.session_ttl_s), 1, MAX_S);
                c.count("replicas", u64::from(s.replicas), 1, 100);
                c.range("get_latency_ms", s.get_latency_ms, 0.0, MAX_MS);
                c.count("ops_per_node_per_s", s.ops_per_node_per_s, 1, MAX_OPS);
            }
            ComponentConfig::Database(d) => {
                c.count("read_replicas", u64::from(d.read_replicas), 0, 100);
                c.positive("apply_rate_per_s", d.apply_rate_per_s, MAX_RPS);
                c.range("network_delay_ms", d.network_delay_ms, 0.0, MAX_MS);
                c.count(
                    "failover.detection_interval_s",
                    u64::from(d.failover.detection_interval_s),
                    1,
                    MAX_S,
                );
                c.count(
                    "failover.failure_threshold",
                    u64::from(d.failover.failure_threshold),
                    1,
                    100,
                );
                c.count(
                    "failover.promotion_time_s",
                    u64::from(d.failover.promotion_time_s),
                    0,
                    MAX_S,
                );
                c.service_time("service_time", &d.service_time);
                c.count(
                    "concurrency_per_node",
                    u64::from(d.concurrency_per_node),
                    1,
                    10_000,
                );
            }
            ComponentConfig::NoSql(n) => {
                c.count("nodes", u64::from(n.nodes), 1, MAX_INSTANCES);
                c.count(
                    "replication_factor",
                    u64::from(n.replication_factor),
                    1,
                    u64::from(n.nodes.max(1)),
                );
                c.service_time("service_time", &n.service_time);
                c.count(
                    "concurrency_per_node",
                    u64::from(n.concurrency_per_node),
                    1,
                    10_000,
                );
            }
            ComponentConfig::ShardedDatabase(s) => {
                c.count("shards", u64::from(s.shards), 1, MAX_INSTANCES);
                if s.sharding_key.trim().is_empty() || s.sharding_key.len() > 64 {
                    c.fail(
                        "sharding_key",
                        "must name a column (1 to 64 characters)".to_string(),
                    );
                }
                if let ShardingStrategy::ConsistentHashing { virtual_nodes } = s.strategy {
                    c.count(
                        "strategy.virtual_nodes",
                        u64::from(virtual_nodes),
                        1,
                        10_000,
                    );
                }
                c.count(
                    "replicas_per_shard",
                    u64::from(s.replicas_per_shard),
                    0,
                    100,
                );
                c.service_time("service_time", &s.service_time);
                c.count(
                    "concurrency_per_shard",
                    u64::from(s.concurrency_per_shard),
                    1,
                    10_000,
                );
            }
            ComponentConfig::MessageQueue(q) => {
                c.count(
                    "capacity_messages",
                    q.capacity_messages,
                    1,
                    1_000_000_000_000,
                );
                c.range("enqueue_latency_ms", q.enqueue_latency_ms, 0.0, MAX_MS);
            }
            ComponentConfig::Workers(w) => {
                let a = &w.autoscaling;
                c.pool(
                    w.instances,
                    &w.service_time,
                    w.concurrency_per_instance,
                    (a.min_instances, a.max_instances),
                );
                c.count(
                    "autoscaling.target_backlog_per_instance",
                    u64::from(a.target_backlog_per_instance),
                    1,
                    1_000_000,
                );
                c.count("autoscaling.cooldown_s", u64::from(a.cooldown_s), 0, MAX_S);
            }
            ComponentConfig::MetricsSink(m) => {
                c.count(
                    "scrape_interval_s",
                    u64::from(m.scrape_interval_s),
                    1,
                    MAX_S,
                );
            }
        }
        c.done()
    }
}

/// How long one request occupies a server, as a distribution with its mean.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceTime {
    /// Memoryless service (the M/M/c queue's assumption).
    Exponential { mean_ms: f64 },
    /// Every request takes exactly the mean (the M/D/1 queue's assumption).
    Deterministic { mean_ms: f64 },
    /// Log-normal with the given mean and shape `sigma` of the underlying normal: a long tail.
    LogNormal { mean_ms: f64, sigma: f64 },
}

impl ServiceTime {
    /// The mean service time in milliseconds.
    pub fn mean_ms(&self) -> f64 {
        match *self {
            ServiceTime::Exponential { mean_ms }
            | ServiceTime::Deterministic { mean_ms }
            | ServiceTime::LogNormal { mean_ms, .. } => mean_ms,
        }
    }
}

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

/// Server size: scaling up means a bigger one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstanceSize {
    Vcpu2,
    Vcpu4,
    Vcpu8,
    Vcpu16,
}

impl InstanceSize {
    /// Every size, smallest first.
    pub const ALL: [InstanceSize; 4] = [
        InstanceSize::Vcpu2,
        InstanceSize::Vcpu4,
        InstanceSize::Vcpu8,
        InstanceSize::Vcpu16,
    ];

    /// How many times faster than the smallest size (service times are divided by it).
    pub fn cpu_multiplier(self) -> f64 {
        match self {
            InstanceSize::Vcpu2 => 1.0,
            InstanceSize::Vcpu4 => 2.0,
            InstanceSize::Vcpu8 => 4.0,
            InstanceSize::Vcpu16 => 8.0,
        }
    }

    /// On-demand price in US dollars per hour (general-purpose cloud instances, 4 GiB per vCPU).
    pub fn cost_per_hour_usd(self) -> f64 {
        match self {
            InstanceSize::Vcpu2 => 0.096,
            InstanceSize::Vcpu4 => 0.192,
            InstanceSize::Vcpu8 => 0.384,
            InstanceSize::Vcpu16 => 0.768,
        }
    }

    /// Label for pickers.
    pub fn name(self) -> &'static str {
        match self {
            InstanceSize::Vcpu2 => "2 vCPU / 8 GiB",
            InstanceSize::Vcpu4 => "4 vCPU / 16 GiB",
            InstanceSize::Vcpu8 => "8 vCPU / 32 GiB",
            InstanceSize::Vcpu16 => "16 vCPU / 64 GiB",
        }
    }
}

/// Where a web tier keeps user sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionMode {
    /// In each server's memory: a client must come back to the same server.
    Stateful,
    /// In a shared store wired from the `sessions` port: any server can serve anyone.
    Stateless,
}

/// Autoscaling of a web tier on CPU utilization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Autoscaling {
    pub enabled: bool,
    pub min_instances: u32,
    pub max_instances: u32,
    /// Utilization (0..1] the scaler aims for.
    pub target_utilization: f64,
    /// Seconds to wait after a scaling action before the next one.
    pub cooldown_s: u32,
}

impl Default for Autoscaling {
    fn default() -> Self {
        Autoscaling {
            enabled: false,
            min_instances: 2,
            max_instances: 10,
            target_utilization: 0.6,
            cooldown_s: 300,
        }
    }
}

/// A tier of identical web servers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WebServersConfig {
    /// Running servers (the starting count when autoscaling is on).
    pub instances: u32,
    pub instance_size: InstanceSize,
    /// Time to serve one request on the smallest size.
    pub service_time: ServiceTime,
    /// Requests one server handles at once (worker threads).
    pub concurrency_per_instance: u32,
    pub sessions: SessionMode,
    pub autoscaling: Autoscaling,
}

impl Default for WebServersConfig {
    fn default() -> Self {
        WebServersConfig {
            instances: 1,
            instance_size: InstanceSize::Vcpu2,
            service_time: ServiceTime::Exponential { mean_ms: 20.0 },
            concurrency_per_instance: 4,
            sessions: SessionMode::Stateful,
            autoscaling: Autoscaling::default(),
        }
    }
}

/// Which key a full cache throws out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eviction {
    Lru,
    Lfu,
    Fifo,
}

/// When a cached key's time-to-live starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    /// Set when the key is written (on a write or a read-through miss), as memcached and Redis do.
    SetOnWrite,
    /// Refreshed on every hit.
    RefreshOnHit,
}

/// In-memory key cache.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheConfig {
    pub capacity_keys: u64,
    pub eviction: Eviction,
    /// Time to live; 0 means keys never expire.
    pub ttl_s: u32,
    pub expiry: Expiry,
    /// On a miss the cache itself loads the key from the store wired to its `miss` port.
    pub read_through: bool,
    /// Nodes holding a copy; one node is a single point of failure for the load behind it.
    pub replicas: u32,
    pub get_latency_ms: f64,
    /// Lookups one node serves per second, one at a time (Redis-like); more wait their turn.
    #[serde(default = "default_lookup_ops")]
    pub ops_per_node_per_s: u64,
}

/// Lookups per second of one cache or session-store node: a single-threaded in-memory store
/// answers on the order of 100k simple gets per second.
pub const DEFAULT_LOOKUP_OPS_PER_S: u64 = 100_000;

fn default_lookup_ops() -> u64 {
    DEFAULT_LOOKUP_OPS_PER_S
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            capacity_keys: 1_000,
            eviction: Eviction::Lru,
            ttl_s: 3_600,
            expiry: Expiry::SetOnWrite,
            read_through: true,
            replicas: 1,
            get_latency_ms: SAME_DC_RTT_MS,
            ops_per_node_per_s: DEFAULT_LOOKUP_OPS_PER_S,
        }
    }
}

/// Shared session storage (Redis-like).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionStoreConfig {
    /// Most sessions held; a full store evicts the least recently used, logging that user out.
    pub capacity_sessions: u64,
    /// Idle time after which a session expires (the user simply logs in again).
    pub session_ttl_s: u32,
    /// Nodes each holding every session; with one, a failure logs everybody out.
    pub replicas: u32,
    pub get_latency_ms: f64,
    /// Lookups one node serves per second, one at a time; more wait their turn.
    #[serde(default = "default_lookup_ops")]
    pub ops_per_node_per_s: u64,
}

impl Default for SessionStoreConfig {
    fn default() -> Self {
        SessionStoreConfig {
            capacity_sessions: 1_000_000,
            session_ttl_s: 1_800,
            replicas: 2,
            get_latency_ms: SAME_DC_RTT_MS,
            ops_per_node_per_s: DEFAULT_LOOKUP_OPS_PER_S,
        }
    }
}

/// How a primary ships writes to its replicas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Replication {
    /// Acknowledge before replicas apply: fast, but replicas lag and a failover can lose writes.
    Async,
    /// Acknowledge after a replica applied: no lost writes, slower writes.
    Sync,
}

/// How a failed primary is detected and replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failover {
    pub detection_interval_s: u32,
    /// Consecutive failed checks before failover starts.
    pub failure_threshold: u32,
    /// Time to promote a replica to primary.
    pub promotion_time_s: u32,
}

impl Default for Failover {
    fn default() -> Self {
        Failover {
            detection_interval_s: 5,
            failure_threshold: 3,
            promotion_time_s: 30,
        }
    }
}

/// Relational database: one primary taking writes, read replicas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatabaseConfig {
    pub read_replicas: u32,
    pub replication: Replication,
    /// Writes per second one replica's apply thread can replay.
    pub apply_rate_per_s: f64,
    /// One-way delay shipping a write to a replica.
    pub network_delay_ms: f64,
    pub failover: Failover,
    pub instance_size: InstanceSize,
    /// Time for one query on the smallest size.
    pub service_time: ServiceTime,
    /// Queries one node runs at once.
    pub concurrency_per_node: u32,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            read_replicas: 0,
            replication: Replication::Async,
            apply_rate_per_s: 1_000.0,
            network_delay_ms: SAME_DC_RTT_MS,
            failover: Failover::default(),
            instance_size: InstanceSize::Vcpu2,
            service_time: ServiceTime::Exponential { mean_ms: 1.0 },
            concurrency_per_node: 8,
        }
    }
}

/// Key-value / document store spread over nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoSqlConfig {
    pub nodes: u32,
    /// Copies of each item (at most `nodes`).
    pub replication_factor: u32,
    pub service_time: ServiceTime,
    pub concurrency_per_node: u32,
}

impl Default for NoSqlConfig {
    fn default() -> Self {
        NoSqlConfig {
            nodes: 3,
            replication_factor: 3,
            service_time: ServiceTime::Exponential { mean_ms: 1.0 },
            concurrency_per_node: 16,
        }
    }
}

/// How a key is mapped to a shard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShardingStrategy {
    /// `key % shards`: simple, but changing the shard count moves most keys.
    Modulo,
    /// A hash ring with `virtual_nodes` points per shard: adding a shard moves about 1/(N+1).
    ConsistentHashing { virtual_nodes: u32 },
}

/// A database split into shards by a key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardedDatabaseConfig {
    pub shards: u32,
    /// The column keys are hashed on (e.g. `user_id`).
    pub sharding_key: String,
    pub strategy: ShardingStrategy,
    /// Replicas of each shard besides its primary.
    pub replicas_per_shard: u32,
    pub service_time: ServiceTime,
    pub concurrency_per_shard: u32,
}

impl Default for ShardedDatabaseConfig {
    fn default() -> Self {
        ShardedDatabaseConfig {
            shards: 4,
            sharding_key: "user_id".to_string(),
            strategy: ShardingStrategy::Modulo,
            replicas_per_shard: 1,
            service_time: ServiceTime::Exponential { mean_ms: 1.0 },
            concurrency_per_shard: 8,
        }
    }
}

/// Message queue between producers (web servers) and consumers (workers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageQueueConfig {
    /// Messages it holds before refusing new ones.
    pub capacity_messages: u64,
    /// Whether messages survive a queue restart.
    pub durable: bool,
    pub enqueue_latency_ms: f64,
}

impl Default for MessageQueueConfig {
    fn default() -> Self {
        MessageQueueConfig {
            capacity_messages: 100_000,
            durable: true,
            enqueue_latency_ms: 1.0,
        }
    }
}

/// Autoscaling of a worker pool on queue depth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueAutoscaling {
    pub enabled: bool,
    pub min_instances: u32,
    pub max_instances: u32,
    /// Queued jobs per worker the scaler aims for.
    pub target_backlog_per_instance: u32,
    pub cooldown_s: u32,
}

impl Default for QueueAutoscaling {
    fn default() -> Self {
        QueueAutoscaling {
            enabled: false,
            min_instances: 1,
            max_instances: 20,
            target_backlog_per_instance: 100,
            cooldown_s: 60,
        }
    }
}

/// A pool of workers consuming jobs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkersConfig {
    pub instances: u32,
    /// Time for one job (photo processing and the like are slow).
    pub service_time: ServiceTime,
    pub concurrency_per_instance: u32,
    pub autoscaling: QueueAutoscaling,
}

impl Default for WorkersConfig {
    fn default() -> Self {
        WorkersConfig {
            instances: 2,
            service_time: ServiceTime::Exponential { mean_ms: 100.0 },
            concurrency_per_instance: 4,
            autoscaling: QueueAutoscaling::default(),
        }
    }
}

/// Logs and metrics collection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricsSinkConfig {
    /// Host-level metrics: CPU, memory, disk I/O.
    pub host_metrics: bool,
    /// Aggregated metrics: per-tier latency, cache hit ratio, DB performance.
    pub aggregated_metrics: bool,
    /// Key business metrics: daily active users, retention, revenue.
    pub business_metrics: bool,
    /// Error logs of every wired component.
    pub error_logs: bool,
    pub scrape_interval_s: u32,
}

impl Default for MetricsSinkConfig {
    fn default() -> Self {
        MetricsSinkConfig {
            host_metrics: true,
            aggregated_metrics: true,
            business_metrics: false,
            error_logs: true,
            scrape_interval_s: 15,
        }
    }
}
