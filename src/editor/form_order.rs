//! The order of a component's settings in the inspector: grouped and ordered by meaning, as an
//! engineer reads a component (how much it can take, how it behaves, what happens when it
//! fails, then the fine tuning), never by the alphabetical order of the serde keys.
//!
//! [`places`] is one table per kind: every setting the kind's settings can show, in the order
//! the form lists them, each with its [`FieldGroup`] and its [`FieldHelp`] (the one-line
//! explanation `say::field_help` words, naming the unit). A setting is found in the table by
//! its [`place_key`]: its serde keys without the variant names of enums with data
//! (`service_time.mean_ms` for `service_time.log_normal.mean_ms`), a weighted DNS share as
//! `routing.percent`. [`arrange`] orders a form's fields by the table; a field the table does
//! not place goes last, in [`FieldGroup::Advanced`], without help (the tests fail on one, so a
//! new setting is placed when it is added). A variant's fields follow their choice in the table.
//!
//! The table holds no words: `present::{english,korean}::editor_form` word the groups and the
//! help.

use crate::model::ComponentKind;

use super::form::{Field, FieldName};
use FieldGroup::{Advanced, Behaviour, Capacity, Failure};
use FieldHelp as H;

/// A part of a component's form, in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldGroup {
    /// How much it can take: instances, sizes, concurrency, service time, capacity, load.
    Capacity,
    /// How it behaves: routing, policies, modes, autoscaling.
    Behaviour,
    /// What happens when something fails: health checks, copies, failover, durability.
    Failure,
    /// Fine tuning a first design can leave at its default: network delays, cooldowns.
    Advanced,
}

impl FieldGroup {
    /// Every group, in the form's order.
    pub const ALL: [FieldGroup; 4] = [
        FieldGroup::Capacity,
        FieldGroup::Behaviour,
        FieldGroup::Failure,
        FieldGroup::Advanced,
    ];

    /// A short id for test ids and classes (`settings-group-capacity`, `field-group-capacity`).
    pub fn id(self) -> &'static str {
        match self {
            FieldGroup::Capacity => "capacity",
            FieldGroup::Behaviour => "behaviour",
            FieldGroup::Failure => "failure",
            FieldGroup::Advanced => "advanced",
        }
    }
}

/// What one setting means: the key of its one-line explanation (`say::field_help`). Settings
/// that mean the same on several kinds share one (`InstanceSize`, `LogNormalSigma`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldHelp {
    // Users
    UsersLoad,
    UsersRate,
    UsersActiveUsers,
    UsersRequestsPerUser,
    UsersRegion,
    UsersReadShare,
    UsersWriteShare,
    UsersStaticShare,
    UsersLoginShare,
    UsersKeySpace,
    UsersZipfAlpha,
    UsersCelebrityKeys,
    UsersCelebrityShare,
    // DNS
    DnsRouting,
    DnsWeightedShare,
    DnsHealthCheckInterval,
    DnsFailureThreshold,
    DnsRecordTtl,
    // CDN
    CdnEdgeCapacity,
    CdnTtl,
    CdnObjectVersioning,
    CdnEdgeRtt,
    // Load balancer
    LbCapacity,
    LbAlgorithm,
    LbHealthCheckInterval,
    LbFailureThreshold,
    LbAddedLatency,
    // Servers and stores alike
    InstanceSize,
    ServiceTimeShape,
    LogNormalSigma,
    AutoscalingEnabled,
    AutoscalingMin,
    AutoscalingMax,
    AutoscalingCooldown,
    LookupOpsPerNode,
    LookupLatency,
    // Web tier
    WebInstances,
    WebConcurrency,
    WebServiceMean,
    WebSessions,
    WebTargetUtilization,
    // Cache
    CacheCapacity,
    CacheReadThrough,
    CacheEviction,
    CacheTtl,
    CacheExpiry,
    CacheReplicas,
    // Session store
    SessionCapacity,
    SessionTtl,
    SessionReplicas,
    // Relational database
    DbReadReplicas,
    DbConcurrency,
    DbServiceMean,
    DbReplication,
    DbApplyRate,
    DbDetectionInterval,
    DbFailureThreshold,
    DbPromotionTime,
    DbNetworkDelay,
    // NoSQL and the sharded database
    StoreServiceMean,
    NoSqlNodes,
    NoSqlConcurrency,
    NoSqlReplicationFactor,
    Shards,
    ShardConcurrency,
    ShardingKey,
    ShardingStrategy,
    VirtualNodes,
    ReplicasPerShard,
    // Message queue and workers
    QueueCapacity,
    QueueDurable,
    QueueEnqueueLatency,
    WorkerInstances,
    WorkerConcurrency,
    WorkerServiceMean,
    WorkerTargetBacklog,
    // Logs and metrics
    SinkScrapeInterval,
    SinkHostMetrics,
    SinkAggregatedMetrics,
    SinkBusinessMetrics,
    SinkErrorLogs,
}

/// One setting's place in its kind's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The setting's [`place_key`].
    pub key: &'static str,
    pub group: FieldGroup,
    pub help: FieldHelp,
}

const fn at(key: &'static str, group: FieldGroup, help: FieldHelp) -> Place {
    Place { key, group, help }
}

const USERS: &[Place] = &[
    at("load", Capacity, H::UsersLoad),
    at("load.rate_rps", Capacity, H::UsersRate),
    at("load.active_users", Capacity, H::UsersActiveUsers),
    at(
        "load.requests_per_user_per_s",
        Capacity,
        H::UsersRequestsPerUser,
    ),
    at("region", Behaviour, H::UsersRegion),
    at("read_share", Behaviour, H::UsersReadShare),
    at("write_share", Behaviour, H::UsersWriteShare),
    at("static_share", Behaviour, H::UsersStaticShare),
    at("login_session_share", Behaviour, H::UsersLoginShare),
    at("key_space", Advanced, H::UsersKeySpace),
    at("zipf_alpha", Advanced, H::UsersZipfAlpha),
    at("celebrity_keys", Advanced, H::UsersCelebrityKeys),
    at("celebrity_share", Advanced, H::UsersCelebrityShare),
];

const DNS: &[Place] = &[
    at("routing", Behaviour, H::DnsRouting),
    at("routing.percent", Behaviour, H::DnsWeightedShare),
    at(
        "health_check_interval_s",
        Failure,
        H::DnsHealthCheckInterval,
    ),
    at("failure_threshold", Failure, H::DnsFailureThreshold),
    at("record_ttl_s", Failure, H::DnsRecordTtl),
];

const CDN: &[Place] = &[
    at("edge_capacity_objects", Capacity, H::CdnEdgeCapacity),
    at("ttl_s", Behaviour, H::CdnTtl),
    at("object_versioning", Behaviour, H::CdnObjectVersioning),
    at("edge_rtt_ms", Advanced, H::CdnEdgeRtt),
];

const LOAD_BALANCER: &[Place] = &[
    at("capacity_rps", Capacity, H::LbCapacity),
    at("algorithm", Behaviour, H::LbAlgorithm),
    at("health_check_interval_s", Failure, H::LbHealthCheckInterval),
    at("failure_threshold", Failure, H::LbFailureThreshold),
    at("added_latency_ms", Advanced, H::LbAddedLatency),
];

const WEB_SERVERS: &[Place] = &[
    at("instances", Capacity, H::WebInstances),
    at("instance_size", Capacity, H::InstanceSize),
    at("concurrency_per_instance", Capacity, H::WebConcurrency),
    at("service_time", Capacity, H::ServiceTimeShape),
    at("service_time.mean_ms", Capacity, H::WebServiceMean),
    at("service_time.sigma", Capacity, H::LogNormalSigma),
    at("sessions", Behaviour, H::WebSessions),
    at("autoscaling.enabled", Behaviour, H::AutoscalingEnabled),
    at("autoscaling.min_instances", Behaviour, H::AutoscalingMin),
    at("autoscaling.max_instances", Behaviour, H::AutoscalingMax),
    at(
        "autoscaling.target_utilization",
        Behaviour,
        H::WebTargetUtilization,
    ),
    at("autoscaling.cooldown_s", Advanced, H::AutoscalingCooldown),
];

const CACHE: &[Place] = &[
    at("capacity_keys", Capacity, H::CacheCapacity),
    at("ops_per_node_per_s", Capacity, H::LookupOpsPerNode),
    at("read_through", Behaviour, H::CacheReadThrough),
    at("eviction", Behaviour, H::CacheEviction),
    at("ttl_s", Behaviour, H::CacheTtl),
    at("expiry", Behaviour, H::CacheExpiry),
    at("replicas", Failure, H::CacheReplicas),
    at("get_latency_ms", Advanced, H::LookupLatency),
];

const SESSION_STORE: &[Place] = &[
    at("capacity_sessions", Capacity, H::SessionCapacity),
    at("ops_per_node_per_s", Capacity, H::LookupOpsPerNode),
    at("session_ttl_s", Behaviour, H::SessionTtl),
    at("replicas", Failure, H::SessionReplicas),
    at("get_latency_ms", Advanced, H::LookupLatency),
];

const DATABASE: &[Place] = &[
    at("read_replicas", Capacity, H::DbReadReplicas),
    at("instance_size", Capacity, H::InstanceSize),
    at("concurrency_per_node", Capacity, H::DbConcurrency),
    at("service_time", Capacity, H::ServiceTimeShape),
    at("service_time.mean_ms", Capacity, H::DbServiceMean),
    at("service_time.sigma", Capacity, H::LogNormalSigma),
    at("replication", Behaviour, H::DbReplication),
    at("apply_rate_per_s", Behaviour, H::DbApplyRate),
    at(
        "failover.detection_interval_s",
        Failure,
        H::DbDetectionInterval,
    ),
    at("failover.failure_threshold", Failure, H::DbFailureThreshold),
    at("failover.promotion_time_s", Failure, H::DbPromotionTime),
    at("network_delay_ms", Advanced, H::DbNetworkDelay),
];

const NOSQL: &[Place] = &[
    at("nodes", Capacity, H::NoSqlNodes),
    at("concurrency_per_node", Capacity, H::NoSqlConcurrency),
    at("service_time", Capacity, H::ServiceTimeShape),
    at("service_time.mean_ms", Capacity, H::StoreServiceMean),
    at("service_time.sigma", Capacity, H::LogNormalSigma),
    at("replication_factor", Failure, H::NoSqlReplicationFactor),
];

const SHARDED_DATABASE: &[Place] = &[
    at("shards", Capacity, H::Shards),
    at("concurrency_per_shard", Capacity, H::ShardConcurrency),
    at("service_time", Capacity, H::ServiceTimeShape),
    at("service_time.mean_ms", Capacity, H::StoreServiceMean),
    at("service_time.sigma", Capacity, H::LogNormalSigma),
    at("sharding_key", Behaviour, H::ShardingKey),
    at("strategy", Behaviour, H::ShardingStrategy),
    at("strategy.virtual_nodes", Behaviour, H::VirtualNodes),
    at("replicas_per_shard", Failure, H::ReplicasPerShard),
];

const MESSAGE_QUEUE: &[Place] = &[
    at("capacity_messages", Capacity, H::QueueCapacity),
    at("durable", Failure, H::QueueDurable),
    at("enqueue_latency_ms", Advanced, H::QueueEnqueueLatency),
];

const WORKERS: &[Place] = &[
    at("instances", Capacity, H::WorkerInstances),
    at("concurrency_per_instance", Capacity, H::WorkerConcurrency),
    at("service_time", Capacity, H::ServiceTimeShape),
    at("service_time.mean_ms", Capacity, H::WorkerServiceMean),
    at("service_time.sigma", Capacity, H::LogNormalSigma),
    at("autoscaling.enabled", Behaviour, H::AutoscalingEnabled),
    at("autoscaling.min_instances", Behaviour, H::AutoscalingMin),
    at("autoscaling.max_instances", Behaviour, H::AutoscalingMax),
    at(
        "autoscaling.target_backlog_per_instance",
        Behaviour,
        H::WorkerTargetBacklog,
    ),
    at("autoscaling.cooldown_s", Advanced, H::AutoscalingCooldown),
];

const METRICS_SINK: &[Place] = &[
    at("scrape_interval_s", Behaviour, H::SinkScrapeInterval),
    at("host_metrics", Behaviour, H::SinkHostMetrics),
    at("aggregated_metrics", Behaviour, H::SinkAggregatedMetrics),
    at("business_metrics", Behaviour, H::SinkBusinessMetrics),
    at("error_logs", Behaviour, H::SinkErrorLogs),
];

/// Every setting a kind's form can show, in the form's order (groups in [`FieldGroup::ALL`]'s
/// order, a variant's fields right after their choice).
pub fn places(kind: ComponentKind) -> &'static [Place] {
    match kind {
        ComponentKind::Users => USERS,
        ComponentKind::Dns => DNS,
        ComponentKind::Cdn => CDN,
        ComponentKind::LoadBalancer => LOAD_BALANCER,
        ComponentKind::WebServers => WEB_SERVERS,
        ComponentKind::Cache => CACHE,
        ComponentKind::SessionStore => SESSION_STORE,
        ComponentKind::Database => DATABASE,
        ComponentKind::NoSql => NOSQL,
        ComponentKind::ShardedDatabase => SHARDED_DATABASE,
        ComponentKind::MessageQueue => MESSAGE_QUEUE,
        ComponentKind::Workers => WORKERS,
        ComponentKind::MetricsSink => METRICS_SINK,
    }
}

/// Where a field is found in [`places`]: its serde keys without variant names, joined by dots
/// (`service_time.mean_ms`); a weighted DNS share is `routing.percent` whichever target it is
/// about.
pub fn place_key(name: &FieldName) -> String {
    let keys = name.keys.join(".");
    match name.share_of {
        Some(_) => format!("{keys}.percent"),
        None => keys,
    }
}

/// The place of a field of a `kind`'s form, if the table has one.
pub fn place_of(kind: ComponentKind, name: &FieldName) -> Option<(usize, Place)> {
    let key = place_key(name);
    places(kind)
        .iter()
        .enumerate()
        .find(|(_, p)| p.key == key)
        .map(|(i, p)| (i, *p))
}

/// A kind's fields in the form's order, each given its group and help. Fields at the same place
/// (the shares of a weighted split) keep their order; unplaced ones go last, as advanced.
pub fn arrange(kind: ComponentKind, fields: Vec<Field>) -> Vec<Field> {
    // One bucket per place and a last one for the unplaced, filled in order: a stable sort by
    // place without a sort's code.
    let unplaced = places(kind).len();
    let mut buckets: Vec<Vec<Field>> = (0..=unplaced).map(|_| Vec::new()).collect();
    for mut field in fields {
        let index = match place_of(kind, &field.name) {
            Some((index, place)) => {
                field.group = place.group;
                field.help = Some(place.help);
                index
            }
            None => {
                field.group = FieldGroup::Advanced;
                field.help = None;
                unplaced
            }
        };
        buckets[index].push(field);
    }
    buckets.into_iter().flatten().collect()
}

/// Arranged fields cut into their groups, in the form's order; a group without fields is left
/// out.
pub fn grouped(fields: Vec<Field>) -> Vec<(FieldGroup, Vec<Field>)> {
    let mut out: Vec<(FieldGroup, Vec<Field>)> = Vec::new();
    for field in fields {
        match out.last_mut() {
            Some((group, list)) if *group == field.group => list.push(field),
            _ => out.push((field.group, vec![field])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::form::{FieldContext, Unit, apply_field_in, fields_in};
    use crate::model::ComponentId;
    use crate::model::config::ComponentConfig;
    use crate::present::lang::Lang;
    use crate::present::say;

    /// Every config a form can reach from each kind's default by switching its choices, with a
    /// DNS wired to two targets (so a weighted split has shares).
    fn reachable() -> Vec<(ComponentConfig, FieldContext)> {
        let ctx = FieldContext {
            dns_targets: vec![
                (ComponentId(2), "East".into()),
                (ComponentId(3), "West".into()),
            ],
        };
        crate::editor::form::reachable_configs(&ctx)
    }

    fn paths(config: &ComponentConfig) -> Vec<String> {
        fields_in(config, &FieldContext::default())
            .into_iter()
            .map(|f| f.path)
            .collect()
    }

    #[test]
    fn every_setting_of_every_kind_has_exactly_one_place() {
        let configs = reachable();
        for kind in ComponentKind::ALL {
            let table = places(kind);
            for (i, place) in table.iter().enumerate() {
                assert!(
                    !table[..i].iter().any(|p| p.key == place.key),
                    "{kind:?} places `{}` twice",
                    place.key
                );
            }
            let mut reached = vec![false; table.len()];
            for (config, ctx) in configs.iter().filter(|(c, _)| c.kind() == kind) {
                for field in fields_in(config, ctx) {
                    let Some((i, _)) = place_of(kind, &field.name) else {
                        panic!(
                            "{kind:?}: `{}` (path {}) has no place in form_order",
                            place_key(&field.name),
                            field.path
                        );
                    };
                    reached[i] = true;
                    assert!(field.help.is_some(), "{kind:?} {}", field.path);
                }
            }
            for (place, seen) in table.iter().zip(reached) {
                assert!(seen, "{kind:?} places `{}`, which no form shows", place.key);
            }
        }
    }

    #[test]
    fn groups_come_in_order_and_each_once() {
        for kind in ComponentKind::ALL {
            let groups: Vec<FieldGroup> = places(kind).iter().map(|p| p.group).collect();
            assert!(
                groups.windows(2).all(|w| w[0] <= w[1]),
                "{kind:?}'s table mixes its groups: {groups:?}"
            );
        }
        for (config, ctx) in reachable() {
            let shown: Vec<FieldGroup> = grouped(fields_in(&config, &ctx))
                .into_iter()
                .map(|(g, fields)| {
                    assert!(!fields.is_empty());
                    g
                })
                .collect();
            let mut sorted = shown.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(shown, sorted, "{:?}", config.kind());
        }
    }

    #[test]
    fn a_web_tier_reads_capacity_first_and_the_autoscaling_cooldown_last() {
        let web = paths(&ComponentKind::WebServers.default_config());
        assert_eq!(
            web,
            [
                "instances",
                "instance_size",
                "concurrency_per_instance",
                "service_time",
                "service_time.exponential.mean_ms",
                "sessions",
                "autoscaling.enabled",
                "autoscaling.min_instances",
                "autoscaling.max_instances",
                "autoscaling.target_utilization",
                "autoscaling.cooldown_s",
            ]
        );
        let groups: Vec<(FieldGroup, usize)> =
            grouped(fields(&ComponentKind::WebServers.default_config()))
                .into_iter()
                .map(|(g, f)| (g, f.len()))
                .collect();
        assert_eq!(
            groups,
            [
                (FieldGroup::Capacity, 5),
                (FieldGroup::Behaviour, 5),
                (FieldGroup::Advanced, 1)
            ]
        );
    }

    fn fields(config: &ComponentConfig) -> Vec<Field> {
        fields_in(config, &FieldContext::default())
    }

    #[test]
    fn a_variants_fields_follow_its_choice() {
        let web = ComponentKind::WebServers.default_config();
        let tail =
            apply_field_in(&web, &FieldContext::default(), "service_time", "log_normal").unwrap();
        let list = paths(&tail);
        let at = |p: &str| list.iter().position(|x| x == p).unwrap();
        assert_eq!(
            at("service_time.log_normal.mean_ms"),
            at("service_time") + 1
        );
        assert_eq!(at("service_time.log_normal.sigma"), at("service_time") + 2);
        let users = paths(&ComponentKind::Users.default_config());
        assert_eq!(
            &users[..3],
            [
                "load",
                "load.active_users.active_users",
                "load.active_users.requests_per_user_per_s"
            ]
        );
        assert_eq!(users.last().map(String::as_str), Some("celebrity_share"));
    }

    #[test]
    fn weighted_shares_keep_the_wiring_order_under_their_choice() {
        let ctx = FieldContext {
            dns_targets: vec![
                (ComponentId(7), "West".into()),
                (ComponentId(3), "East".into()),
            ],
        };
        let dns = apply_field_in(
            &ComponentKind::Dns.default_config(),
            &ctx,
            "routing",
            "weighted",
        )
        .unwrap();
        let list: Vec<String> = fields_in(&dns, &ctx).into_iter().map(|f| f.path).collect();
        assert_eq!(
            list,
            [
                "routing",
                "routing.weighted.percent.7",
                "routing.weighted.percent.3",
                "health_check_interval_s",
                "failure_threshold",
                "record_ttl_s",
            ]
        );
    }

    /// How each language names a unit inside a help line.
    fn unit_in_help(lang: Lang, unit: Unit) -> &'static str {
        match (lang, unit) {
            (_, Unit::Ms) => "(ms)",
            (Lang::En, Unit::Seconds) => "(s)",
            (Lang::Ko, Unit::Seconds) => "(초)",
            (_, Unit::Rps | Unit::RpsOrNoLimit) => "req/s",
            (Lang::En, Unit::PerSecond) => "per s",
            (Lang::Ko, Unit::PerSecond) => "회/s",
            (_, Unit::Fraction) => "0–1",
            (_, Unit::Percent) => "%",
        }
    }

    #[test]
    fn every_help_is_one_line_naming_the_fields_unit() {
        for (config, ctx) in reachable() {
            for field in fields_in(&config, &ctx) {
                for lang in [Lang::En, Lang::Ko] {
                    let help = say::field_help(lang, &field).expect("placed");
                    assert!(
                        !help.contains('\n') && help.chars().count() <= 160,
                        "{lang:?} {}: not one line: {help}",
                        field.path
                    );
                    if let Some(unit) = field.measure {
                        let named = unit_in_help(lang, unit);
                        assert!(
                            help.contains(named),
                            "{lang:?} {}: the help does not name {named}: {help}",
                            field.path
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_terms_are_explained_where_they_appear() {
        let help = |kind: ComponentKind, path: &str, lang: Lang| {
            let config = kind.default_config();
            let ctx = FieldContext::default();
            let mut list = fields_in(&config, &ctx);
            if path == "strategy.consistent_hashing.virtual_nodes" {
                let ring = apply_field_in(&config, &ctx, "strategy", "consistent_hashing");
                list = fields_in(&ring.unwrap(), &ctx);
            }
            let field = list.into_iter().find(|f| f.path == path).unwrap();
            say::field_help(lang, &field).unwrap()
        };
        for (kind, path, en, ko) in [
            (
                ComponentKind::Users,
                "zipf_alpha",
                "Zipf alpha:",
                "Zipf 알파:",
            ),
            (
                ComponentKind::Users,
                "celebrity_keys",
                "Celebrity keys:",
                "유명인사 키:",
            ),
            (
                ComponentKind::Database,
                "apply_rate_per_s",
                "Apply rate:",
                "복제 적용 속도:",
            ),
            (
                ComponentKind::ShardedDatabase,
                "strategy.consistent_hashing.virtual_nodes",
                "Virtual nodes:",
                "가상 노드:",
            ),
            (
                ComponentKind::Cache,
                "eviction",
                "Eviction:",
                "데이터 방출 정책:",
            ),
            (
                ComponentKind::Cache,
                "ttl_s",
                "TTL (time to live)",
                "TTL(유효 기간)",
            ),
            (
                ComponentKind::NoSql,
                "replication_factor",
                "Replication factor:",
                "복제 계수:",
            ),
        ] {
            assert!(help(kind, path, Lang::En).starts_with(en), "{path}");
            assert!(help(kind, path, Lang::Ko).starts_with(ko), "{path}");
        }
    }

    #[test]
    fn every_group_has_a_heading_in_both_languages() {
        for group in FieldGroup::ALL {
            for lang in [Lang::En, Lang::Ko] {
                assert!(!say::field_group(lang, group).is_empty());
            }
        }
        assert_eq!(say::field_group(Lang::En, FieldGroup::Capacity), "Capacity");
        assert_eq!(say::field_group(Lang::Ko, FieldGroup::Failure), "장애 대응");
    }
}
