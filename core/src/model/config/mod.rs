//! Per-kind component settings, with defaults calibrated to real-world figures.
//!
//! [`ComponentConfig`] has exactly one variant per [`ComponentKind`]; a component's config
//! variant always matches its kind (the diagram's mutation helpers refuse a mismatch). Units are
//! in field names (`_ms`, `_s`, `_rps`, `_keys`, `_share` for a fraction in 0..=1). Defaults
//! follow the calibration figures in `docs/fidelity.md#default-settings-and-the-figures-behind-them`: same-datacenter round trip 0.5 ms, Zipf
//! alpha 0.8, DNS health checks every 30 s with 3 failures to fail over, a cache of 1,000 keys
//! over 10,000, a replica applying 1,000 writes/s.
//!
//! [`ComponentConfig::check`] says whether values are in range (no NaN, no negative rates, at
//! least one instance...). It is what the share formats use to refuse a bad file; the editor may
//! use it to refuse a bad edit. This module does not say how the simulation uses the values.

use serde::{Deserialize, Serialize};

mod edge;
mod metrics_sink;
mod queue;
mod stores;
mod web;

pub use edge::*;
pub use metrics_sink::*;
pub use queue::*;
pub use stores::*;
pub use web::*;

use super::catalogue::ComponentKind;

/// Same-datacenter network round trip, in milliseconds.
pub const SAME_DC_RTT_MS: f64 = 0.5;

/// A value out of range in a component's config (or in the scenario's traffic profile).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The field, as a path inside the config (e.g. `service_time.mean_ms`).
    pub field: String,
    /// What is wrong with it; `present::say::config_error` words it.
    pub problem: ConfigProblem,
}

/// A number as a setting holds it, compared bit for bit so that problems can be `Eq`.
#[derive(Clone, Copy, Debug)]
pub struct Number(pub f64);

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Number {}

/// What is wrong with one value: the catalogues word each variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    /// Not a finite number (NaN or infinite).
    NotFinite,
    /// Outside `min..=max`.
    OutOfRange {
        min: Number,
        max: Number,
        value: Number,
    },
    /// A whole number outside `min..=max`.
    CountOutOfRange { min: u64, max: u64, value: u64 },
    /// Zero or less, or above `max`.
    NotAboveZeroAtMost { max: Number, value: Number },
    /// The read, write and static shares add up to `sum`, not 1.
    SharesDoNotAddUp { sum: Number },
    /// The DNS weights add up to `sum` percent, not 100.
    WeightsDoNotAddUp { sum: u64 },
    /// A sharding key that is empty or longer than 64 characters.
    ShardingKeyLength,
    /// A time in seconds that is negative, not finite or beyond 10⁹ s.
    NotSeconds { value: Number },
    /// Zero where only a value above zero makes sense.
    Zero,
    /// Above `max`.
    AboveMax { max: u64 },
}

/// Collects range checks of one config; the first failure wins.
struct Checker {
    first: Option<ConfigError>,
}

impl Checker {
    fn new() -> Self {
        Checker { first: None }
    }

    fn fail(&mut self, field: &str, problem: ConfigProblem) {
        if self.first.is_none() {
            self.first = Some(ConfigError {
                field: field.to_string(),
                problem,
            });
        }
    }

    /// A finite number within `min..=max`.
    fn range(&mut self, field: &str, value: f64, min: f64, max: f64) {
        if !value.is_finite() {
            self.fail(field, ConfigProblem::NotFinite);
        } else if value < min || value > max {
            self.fail(field, out_of_range(min, max, value));
        }
    }

    /// A finite number strictly above zero and at most `max`.
    fn positive(&mut self, field: &str, value: f64, max: f64) {
        if !value.is_finite() {
            self.fail(field, ConfigProblem::NotFinite);
        } else if value <= 0.0 || value > max {
            self.fail(
                field,
                ConfigProblem::NotAboveZeroAtMost {
                    max: Number(max),
                    value: Number(value),
                },
            );
        }
    }

    /// An integer within `min..=max`.
    fn count(&mut self, field: &str, value: u64, min: u64, max: u64) {
        if value < min || value > max {
            self.fail(field, ConfigProblem::CountOutOfRange { min, max, value });
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
        self.station(
            service_time,
            "concurrency_per_instance",
            concurrency_per_instance,
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

    /// What one queue of servers needs: a service time, and between 1 and 10,000 requests in
    /// service at once (the field `concurrency_field`).
    fn station(&mut self, service_time: &ServiceTime, concurrency_field: &str, concurrency: u32) {
        self.service_time("service_time", service_time);
        self.count(concurrency_field, u64::from(concurrency), 1, 10_000);
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

/// The problem of a value outside `min..=max`.
pub(crate) fn out_of_range(min: f64, max: f64, value: f64) -> ConfigProblem {
    ConfigProblem::OutOfRange {
        min: Number(min),
        max: Number(max),
        value: Number(value),
    }
}

/// Upper bound for any duration in milliseconds (one hour).
const MAX_MS: f64 = 3_600_000.0;
/// Upper bound for any duration in seconds (thirty days).
const MAX_S: u64 = 30 * 24 * 3600;
/// Upper bound for instance and node counts.
const MAX_INSTANCES: u64 = 10_000;
/// Upper bound for request rates, in requests per second.
pub const MAX_RPS: f64 = 1e9;
/// Upper bound for a population's active users (and a traffic profile's user counts).
pub const MAX_USERS: u64 = 10_000_000_000;
/// Upper bound for the requests each user sends a second.
pub const MAX_REQUESTS_PER_USER: f64 = 1_000.0;
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
                        c.count("load.active_users", active_users, 0, MAX_USERS);
                        c.range(
                            "load.requests_per_user_per_s",
                            requests_per_user_per_s,
                            0.0,
                            MAX_REQUESTS_PER_USER,
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
                        ConfigProblem::SharesDoNotAddUp { sum: Number(sum) },
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
                        c.fail("routing.percent", ConfigProblem::WeightsDoNotAddUp { sum });
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
                c.station(
                    &d.service_time,
                    "concurrency_per_node",
                    d.concurrency_per_node,
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
                c.station(
                    &n.service_time,
                    "concurrency_per_node",
                    n.concurrency_per_node,
                );
            }
            ComponentConfig::ShardedDatabase(s) => {
                c.count("shards", u64::from(s.shards), 1, MAX_INSTANCES);
                if s.sharding_key.trim().is_empty() || s.sharding_key.len() > 64 {
                    c.fail("sharding_key", ConfigProblem::ShardingKeyLength);
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
                c.station(
                    &s.service_time,
                    "concurrency_per_shard",
                    s.concurrency_per_shard,
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
