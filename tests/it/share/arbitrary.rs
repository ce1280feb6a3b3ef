//! Arbitrary diagrams for property tests (any kinds, settings, labels, positions, datacenters,
//! wires between existing ports, faults, and ids with gaps, built field by field so every id
//! layout a file may hold is covered), and their exact round trip through a file and a link.

use proptest::prelude::*;
use scalelab::model::config::*;
use scalelab::model::{
    Component, ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction,
    FaultTarget, Group, GroupId, InPortRef, OutPortRef, Point, Rect, Region, Scenario,
    TrafficProfile, Wire, WireId,
};
use scalelab::present::lang::Lang;
use scalelab::present::say;
use scalelab::share::{decode_link, encode_link, export_json, import_json};

use super::cases;

fn arb_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn arb_coord() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-5_000i32..5_000).prop_map(f64::from),
        -1e6f64..1e6,
        Just(-0.0),
    ]
}

fn arb_service_time() -> impl Strategy<Value = ServiceTime> {
    prop_oneof![
        (0.001f64..1e4).prop_map(|mean_ms| ServiceTime::Exponential { mean_ms }),
        (0.001f64..1e4).prop_map(|mean_ms| ServiceTime::Deterministic { mean_ms }),
        (0.001f64..1e4, 0.01f64..4.0)
            .prop_map(|(mean_ms, sigma)| ServiceTime::LogNormal { mean_ms, sigma }),
    ]
}

fn arb_size() -> impl Strategy<Value = InstanceSize> {
    (0usize..InstanceSize::ALL.len()).prop_map(|i| InstanceSize::ALL[i])
}

fn arb_autoscaling() -> impl Strategy<Value = Autoscaling> {
    (any::<bool>(), 1u32..10, 0u32..50, 0.05f64..1.0, 0u32..3600).prop_map(
        |(enabled, min_instances, extra, target_utilization, cooldown_s)| Autoscaling {
            enabled,
            min_instances,
            max_instances: min_instances + extra,
            target_utilization,
            cooldown_s,
        },
    )
}

fn arb_config(kind: ComponentKind) -> BoxedStrategy<ComponentConfig> {
    match kind {
        ComponentKind::Users => (
            0usize..5,
            prop_oneof![
                (0f64..1e6).prop_map(|rate_rps| UserLoad::Rate { rate_rps }),
                (0u64..100_000_000, 0f64..10.0).prop_map(|(a, r)| UserLoad::ActiveUsers {
                    active_users: a,
                    requests_per_user_per_s: r
                }),
            ],
            (0f64..1.0, 0f64..1.0),
            (1_000u64..1_000_000_000, 0f64..2.0, 0u32..1000),
            (0f64..1.0, 0f64..1.0),
        )
            .prop_map(
                |(region, load, (r, w), (key_space, zipf_alpha, celebrity_keys), (cs, ls))| {
                    let read_share = r;
                    let write_share = (1.0 - r) * w;
                    ComponentConfig::Users(UsersConfig {
                        region: Region::ALL[region],
                        load,
                        read_share,
                        write_share,
                        static_share: 1.0 - read_share - write_share,
                        key_space,
                        zipf_alpha,
                        celebrity_keys,
                        celebrity_share: cs,
                        login_session_share: ls,
                    })
                },
            )
            .boxed(),
        ComponentKind::Dns => (
            0u32..86_400,
            prop::option::of((any::<u32>(), any::<u32>(), 0u8..=100)),
            1u32..120,
            1u32..10,
        )
            .prop_map(
                |(record_ttl_s, weighted, health_check_interval_s, failure_threshold)| {
                    ComponentConfig::Dns(DnsConfig {
                        record_ttl_s,
                        routing: match weighted {
                            None => DnsRouting::Nearest,
                            Some((a, b, p)) => DnsRouting::Weighted {
                                percent: vec![
                                    WeightedTarget {
                                        target: ComponentId(a),
                                        percent: p,
                                    },
                                    WeightedTarget {
                                        target: ComponentId(b),
                                        percent: 100 - p,
                                    },
                                ],
                            },
                        },
                        health_check_interval_s,
                        failure_threshold,
                    })
                },
            )
            .boxed(),
        ComponentKind::Cdn => (
            1u64..1_000_000_000,
            0u32..1_000_000,
            any::<bool>(),
            0f64..500.0,
        )
            .prop_map(|(c, t, v, r)| {
                ComponentConfig::Cdn(CdnConfig {
                    edge_capacity_objects: c,
                    ttl_s: t,
                    object_versioning: v,
                    edge_rtt_ms: r,
                })
            })
            .boxed(),
        ComponentKind::LoadBalancer => (
            0usize..4,
            1u32..120,
            1u32..10,
            0f64..10.0,
            prop_oneof![Just(0u64), 1u64..1_000_000],
        )
            .prop_map(|(a, h, f, l, cap)| {
                ComponentConfig::LoadBalancer(LoadBalancerConfig {
                    algorithm: [
                        LbAlgorithm::RoundRobin,
                        LbAlgorithm::LeastConnections,
                        LbAlgorithm::Random,
                        LbAlgorithm::StickyByClient,
                    ][a],
                    health_check_interval_s: h,
                    failure_threshold: f,
                    added_latency_ms: l,
                    capacity_rps: cap,
                })
            })
            .boxed(),
        ComponentKind::WebServers => (
            1u32..1000,
            arb_size(),
            arb_service_time(),
            1u32..64,
            any::<bool>(),
            arb_autoscaling(),
        )
            .prop_map(
                |(instances, instance_size, service_time, c, stateless, autoscaling)| {
                    ComponentConfig::WebServers(WebServersConfig {
                        instances,
                        instance_size,
                        service_time,
                        concurrency_per_instance: c,
                        sessions: if stateless {
                            SessionMode::Stateless
                        } else {
                            SessionMode::Stateful
                        },
                        autoscaling,
                    })
                },
            )
            .boxed(),
        ComponentKind::Cache => (
            1u64..1_000_000_000,
            0usize..3,
            0u32..1_000_000,
            any::<bool>(),
            any::<bool>(),
            (1u32..5, 0f64..5.0, 1u64..1_000_000_000),
        )
            .prop_map(
                |(
                    capacity_keys,
                    e,
                    ttl_s,
                    refresh,
                    read_through,
                    (replicas, get_latency_ms, ops),
                )| {
                    ComponentConfig::Cache(CacheConfig {
                        capacity_keys,
                        eviction: [Eviction::Lru, Eviction::Lfu, Eviction::Fifo][e],
                        ttl_s,
                        expiry: if refresh {
                            Expiry::RefreshOnHit
                        } else {
                            Expiry::SetOnWrite
                        },
                        read_through,
                        replicas,
                        get_latency_ms,
                        ops_per_node_per_s: ops,
                    })
                },
            )
            .boxed(),
        ComponentKind::SessionStore => (
            1u64..1_000_000_000,
            1u32..100_000,
            1u32..5,
            0f64..5.0,
            1u64..1_000_000_000,
        )
            .prop_map(|(c, t, r, l, ops)| {
                ComponentConfig::SessionStore(SessionStoreConfig {
                    capacity_sessions: c,
                    session_ttl_s: t,
                    replicas: r,
                    get_latency_ms: l,
                    ops_per_node_per_s: ops,
                })
            })
            .boxed(),
        ComponentKind::Database => (
            0u32..10,
            any::<bool>(),
            (1f64..1e5, 0f64..100.0),
            (1u32..60, 1u32..10, 0u32..300),
            arb_size(),
            arb_service_time(),
            1u32..64,
        )
            .prop_map(
                |(read_replicas, sync, (apply, net), (i, t, p), size, st, c)| {
                    ComponentConfig::Database(DatabaseConfig {
                        read_replicas,
                        replication: if sync {
                            Replication::Sync
                        } else {
                            Replication::Async
                        },
                        apply_rate_per_s: apply,
                        network_delay_ms: net,
                        failover: Failover {
                            detection_interval_s: i,
                            failure_threshold: t,
                            promotion_time_s: p,
                        },
                        instance_size: size,
                        service_time: st,
                        concurrency_per_node: c,
                    })
                },
            )
            .boxed(),
        ComponentKind::NoSql => (1u32..20, 0u32..20, arb_service_time(), 1u32..64)
            .prop_map(|(nodes, rf, st, c)| {
                ComponentConfig::NoSql(NoSqlConfig {
                    nodes,
                    replication_factor: 1 + rf % nodes,
                    service_time: st,
                    concurrency_per_node: c,
                })
            })
            .boxed(),
        ComponentKind::ShardedDatabase => (
            1u32..64,
            prop_oneof![
                Just("user_id".to_string()),
                Just("사용자_id".to_string()),
                "[a-z_]{1,20}"
            ],
            prop::option::of(1u32..1000),
            0u32..5,
            arb_service_time(),
            1u32..64,
        )
            .prop_map(
                |(shards, sharding_key, vnodes, replicas_per_shard, st, c)| {
                    ComponentConfig::ShardedDatabase(ShardedDatabaseConfig {
                        shards,
                        sharding_key,
                        strategy: match vnodes {
                            None => ShardingStrategy::Modulo,
                            Some(virtual_nodes) => {
                                ShardingStrategy::ConsistentHashing { virtual_nodes }
                            }
                        },
                        replicas_per_shard,
                        service_time: st,
                        concurrency_per_shard: c,
                    })
                },
            )
            .boxed(),
        ComponentKind::MessageQueue => (1u64..1_000_000_000, any::<bool>(), 0f64..50.0)
            .prop_map(|(c, d, l)| {
                ComponentConfig::MessageQueue(MessageQueueConfig {
                    capacity_messages: c,
                    durable: d,
                    enqueue_latency_ms: l,
                })
            })
            .boxed(),
        ComponentKind::Workers => (
            1u32..100,
            arb_service_time(),
            1u32..64,
            any::<bool>(),
            1u32..10,
            0u32..50,
            1u32..1000,
        )
            .prop_map(|(instances, st, c, enabled, min, extra, backlog)| {
                ComponentConfig::Workers(WorkersConfig {
                    instances,
                    service_time: st,
                    concurrency_per_instance: c,
                    autoscaling: QueueAutoscaling {
                        enabled,
                        min_instances: min,
                        max_instances: min + extra,
                        target_backlog_per_instance: backlog,
                        cooldown_s: 30,
                    },
                })
            })
            .boxed(),
        ComponentKind::MetricsSink => (any::<[bool; 4]>(), 1u32..600)
            .prop_map(|(b, s)| {
                ComponentConfig::MetricsSink(MetricsSinkConfig {
                    host_metrics: b[0],
                    aggregated_metrics: b[1],
                    business_metrics: b[2],
                    error_logs: b[3],
                    scrape_interval_s: s,
                })
            })
            .boxed(),
    }
}

/// One component before ids are assigned: kind, config, label (None = the kind's name),
/// position, group choice.
type Parts = (
    ComponentKind,
    ComponentConfig,
    Option<String>,
    f64,
    f64,
    Option<usize>,
);

fn arb_component() -> impl Strategy<Value = Parts> {
    (0usize..ComponentKind::ALL.len()).prop_flat_map(|k| {
        let kind = ComponentKind::ALL[k];
        (
            Just(kind),
            prop_oneof![Just(kind.default_config()), arb_config(kind)],
            prop::option::of(arb_text(24)),
            arb_coord(),
            arb_coord(),
            prop::option::of(0usize..4),
        )
    })
}

fn arb_traffic() -> impl Strategy<Value = TrafficProfile> {
    prop_oneof![
        Just(TrafficProfile::Constant),
        (0f64..100.0, 0f64..100.0).prop_map(|(start_factor, end_factor)| TrafficProfile::Ramp {
            start_factor,
            end_factor
        }),
        (1f64..1e6, 0f64..1.0).prop_map(|(period_s, trough_factor)| TrafficProfile::Diurnal {
            period_s,
            trough_factor
        }),
        (0f64..1e5, 0f64..1e5, 0f64..100.0).prop_map(|(at_s, duration_s, factor)| {
            TrafficProfile::Spike {
                at_s,
                duration_s,
                factor,
            }
        }),
        (0u64..1_000_000, 0u64..10_000_000_000).prop_map(|(start_users, end_users)| {
            TrafficProfile::Growth {
                start_users,
                end_users,
            }
        }),
    ]
}

pub(crate) fn arb_diagram() -> impl Strategy<Value = Diagram> {
    (
        prop::collection::vec(
            (
                arb_text(16),
                0usize..5,
                arb_coord(),
                arb_coord(),
                0f64..2e3,
                0f64..2e3,
            ),
            0..4,
        ),
        prop::collection::vec(arb_component(), 0..14),
        prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 0..24),
        prop::collection::vec((0u32..4, any::<u32>()), 0..40),
        (0u32..100_000, any::<u64>(), arb_traffic()),
        prop::collection::vec((any::<usize>(), 0usize..7, 0f64..1e6, 1f64..100.0), 0..6),
        0u32..1000,
    )
        .prop_map(
            |(groups, components, wires, gaps, (duration_s, seed, traffic), faults, spare)| {
                let mut gaps = gaps.into_iter().map(|(g, _)| g).chain(std::iter::repeat(0));
                let mut next = 0u32;
                let mut take = move || {
                    let id = next;
                    next += 1 + gaps.next().unwrap_or(0);
                    id
                };
                let mut d = Diagram::new();
                for (name, region, x, y, w, h) in groups {
                    let id = GroupId(take());
                    d.insert_group(Group {
                        id,
                        name,
                        region: Region::ALL[region],
                        bounds: Rect::new(x, y, w, h),
                    })
                    .unwrap();
                }
                for (kind, config, label, x, y, group) in components {
                    let group = group.and_then(|g| d.groups.get(g)).map(|g| g.id);
                    d.insert_component(Component {
                        id: ComponentId(take()),
                        kind,
                        label: label.unwrap_or_else(|| say::kind_name(Lang::En, kind).to_string()),
                        pos: Point::new(x, y),
                        group,
                        config,
                    })
                    .unwrap();
                }
                let senders: Vec<&Component> = d
                    .components
                    .iter()
                    .filter(|c| !c.kind.ports().outputs.is_empty())
                    .collect();
                let receivers: Vec<&Component> = d
                    .components
                    .iter()
                    .filter(|c| c.kind.input().is_some())
                    .collect();
                let mut new_wires = Vec::new();
                if !senders.is_empty() && !receivers.is_empty() {
                    for (a, b, p) in wires {
                        let from = senders[a % senders.len()];
                        let to = receivers[b % receivers.len()];
                        let outputs = from.kind.ports().outputs;
                        new_wires.push((
                            OutPortRef {
                                component: from.id,
                                port: outputs[p % outputs.len()],
                            },
                            InPortRef {
                                component: to.id,
                                port: to.kind.input().unwrap(),
                            },
                        ));
                    }
                }
                for (from, to) in new_wires {
                    d.insert_wire(Wire {
                        id: WireId(take()),
                        from,
                        to,
                    })
                    .unwrap();
                }
                let mut scenario = Scenario {
                    duration_s,
                    seed,
                    traffic,
                    faults: Vec::new(),
                };
                for (pick, action, at_s, factor) in faults {
                    let targets: Vec<FaultTarget> = d
                        .components
                        .iter()
                        .map(|c| FaultTarget::Component(c.id))
                        .chain(d.groups.iter().map(|g| FaultTarget::Group(g.id)))
                        .chain(d.wires.iter().map(|w| FaultTarget::Wire(w.id)))
                        .collect();
                    if targets.is_empty() {
                        break;
                    }
                    let action = [
                        FaultAction::Fail,
                        FaultAction::Restore,
                        FaultAction::Slow { factor },
                        FaultAction::CutLink,
                        FaultAction::FlushCache,
                        FaultAction::DeployAssets,
                        FaultAction::AddShard,
                    ][action];
                    scenario.faults.push(Fault {
                        at_s,
                        action,
                        target: targets[pick % targets.len()],
                    });
                }
                d.scenario = scenario;
                d.next_id = d.next_id.saturating_add(spare);
                d
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(96)))]

    #[test]
    fn arbitrary_diagrams_round_trip_exactly_through_json_and_link(d in arb_diagram()) {
        let from_json = import_json(&export_json(&d)).map_err(|e| TestCaseError::fail(super::en(&e)))?;
        prop_assert_eq!(&from_json.diagram, &d);
        let from_link = decode_link(&encode_link(&d)).map_err(|e| TestCaseError::fail(super::en(&e)))?;
        prop_assert_eq!(&from_link.diagram, &d);
        prop_assert_eq!(from_json.warnings, from_link.warnings);
    }
}
