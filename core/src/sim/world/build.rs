//! Building a simulation from a diagram: [`build`] turns a validated `Diagram` into the
//! [`World`] the engine drives, or says precisely why it cannot ([`BuildError`]).
//!
//! Owns: the checks of a diagram before a run (unique ids, settings of the right kind and in
//! range, wires between components that exist, a traffic profile in range), the outgoing
//! wires of every node, and the first events (each population's first request, the first
//! tick, the scenario's faults). Each kind's node state is built in its own file under
//! `kinds/` from its settings.
//!
//! Deliberately absent: anything that happens during a run.

use super::*;

/// Why a diagram cannot be simulated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// Nothing sends traffic.
    NoUsers,
    /// A component's settings are out of range.
    InvalidConfig {
        /// The component.
        component: u32,
        /// Its label.
        label: String,
        /// The field and why.
        detail: String,
    },
    /// A component's settings are for another kind.
    ConfigKindMismatch {
        /// The component.
        component: u32,
    },
    /// Two components share an id.
    DuplicateComponent(u32),
    /// A wire names a component that does not exist.
    DanglingWire {
        /// The wire.
        wire: u32,
        /// The missing component.
        component: u32,
    },
    /// The traffic profile is out of range.
    InvalidTraffic(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::NoUsers => write!(f, "add a Users component: nothing sends traffic"),
            BuildError::InvalidConfig {
                component,
                label,
                detail,
            } => write!(f, "component {component} ({label}): {detail}"),
            BuildError::ConfigKindMismatch { component } => write!(
                f,
                "component {component} has the settings of another kind of component"
            ),
            BuildError::DuplicateComponent(id) => write!(f, "two components share the id {id}"),
            BuildError::DanglingWire { wire, component } => write!(
                f,
                "wire {wire} ends at component {component}, which is not in the diagram"
            ),
            BuildError::InvalidTraffic(d) => write!(f, "scenario traffic: {d}"),
        }
    }
}

impl std::error::Error for BuildError {}

pub(crate) fn dist_of(s: &ServiceTime, speedup: f64) -> Dist {
    let speed = if speedup.is_finite() && speedup > 0.0 {
        speedup
    } else {
        1.0
    };
    match *s {
        ServiceTime::Exponential { mean_ms } => Dist::Exponential {
            mean: SimTime::from_secs_f64(mean_ms / 1e3 / speed),
        },
        ServiceTime::Deterministic { mean_ms } => {
            Dist::Deterministic(SimTime::from_secs_f64(mean_ms / 1e3 / speed))
        }
        ServiceTime::LogNormal { mean_ms, sigma } => Dist::LogNormal {
            median: SimTime::from_secs_f64(mean_ms / 1e3 / speed / libm::exp(sigma * sigma / 2.0)),
            sigma,
        },
    }
}

pub(crate) fn station(
    seed: u64,
    id: u32,
    name: &str,
    servers: u32,
    service: Dist,
    cap: usize,
) -> Station<ReqId> {
    Station::new(
        StationConfig {
            servers,
            service,
            queue_capacity: Some(cap),
            timeout: Some(REQUEST_TIMEOUT),
        },
        SimRng::stream(seed, id as u64, name),
    )
}

pub(crate) fn ms(v: f64) -> SimTime {
    SimTime::from_secs_f64(v / 1e3)
}

/// Builds the simulation of `diagram`.
pub fn build(diagram: &Diagram, run: &RunConfig) -> Result<Simulation, BuildError> {
    let seed = run.seed.unwrap_or(diagram.scenario.seed);
    let duration_s = run
        .duration_s
        .filter(|d| d.is_finite() && *d >= 0.0)
        .unwrap_or(diagram.scenario.duration_s as f64);
    diagram
        .scenario
        .traffic
        .check()
        .map_err(|(field, why)| BuildError::InvalidTraffic(format!("`{field}` {why}")))?;
    let mut index: KeyMap<u32> = KeyMap::default();
    for (i, c) in diagram.components.iter().enumerate() {
        if index.insert(c.id.0 as u64, i as u32).is_some() {
            return Err(BuildError::DuplicateComponent(c.id.0));
        }
        if c.config.kind() != c.kind {
            return Err(BuildError::ConfigKindMismatch { component: c.id.0 });
        }
        c.config.check().map_err(|e| BuildError::InvalidConfig {
            component: c.id.0,
            label: c.label.clone(),
            detail: e.to_string(),
        })?;
    }
    if !diagram
        .components
        .iter()
        .any(|c| c.kind == ComponentKind::Users)
    {
        return Err(BuildError::NoUsers);
    }
    let group_index = |g: crate::model::GroupId| diagram.groups.iter().position(|x| x.id == g);
    let mut outs: Vec<Vec<(OutPort, NodeIx, u32)>> = vec![Vec::new(); diagram.components.len()];
    for (wi, w) in diagram.wires.iter().enumerate() {
        let from = index.get(&(w.from.component.0 as u64)).copied();
        let to = index.get(&(w.to.component.0 as u64)).copied();
        match (from, to) {
            (Some(f), Some(t)) => outs[f as usize].push((w.from.port, NodeIx(t), wi as u32)),
            (None, _) => {
                return Err(BuildError::DanglingWire {
                    wire: w.id.0,
                    component: w.from.component.0,
                });
            }
            (_, None) => {
                return Err(BuildError::DanglingWire {
                    wire: w.id.0,
                    component: w.to.component.0,
                });
            }
        }
    }
    let mut nodes = Vec::with_capacity(diagram.components.len());
    // Populations with the same key space and skew share one popularity table (building one
    // over 2^20 keys is most of the cost of a build, and a build follows every edit in a run).
    let mut zipfs: Vec<(u64, u64, Rc<Zipf>)> = Vec::new();
    for (i, c) in diagram.components.iter().enumerate() {
        let id = c.id.0;
        let targets = |port: OutPort| -> Vec<NodeIx> {
            outs[i]
                .iter()
                .filter(|o| o.0 == port)
                .map(|o| o.1)
                .collect()
        };
        let group = c.group.and_then(group_index).map(|g| GroupIx(g as u32));
        let region = group.map(|g| diagram.groups[g.0 as usize].region);
        let mut base_service = None;
        let state = match &c.config {
            ComponentConfig::Users(u) => {
                let keys = u.key_space.clamp(1, MAX_ZIPF_KEYS);
                // A bare rate stands for users sending one request every 10 s: the growth
                // profile scales it like a population given as a user count.
                let base_users = u.load.active_users();
                State::Users(Box::new(UsersNode {
                    base_rate: u.load.rate_rps(),
                    base_users,
                    read: u.read_share,
                    write: u.write_share,
                    login: u.login_session_share,
                    zipf: match zipfs
                        .iter()
                        .find(|z| z.0 == keys && z.1 == u.zipf_alpha.to_bits())
                    {
                        Some(z) => Rc::clone(&z.2),
                        None => {
                            let z = Rc::new(Zipf::new(keys, u.zipf_alpha));
                            zipfs.push((keys, u.zipf_alpha.to_bits(), Rc::clone(&z)));
                            z
                        }
                    },
                    celebrities: u.celebrity_keys.min(keys as u32),
                    celebrity_share: u.celebrity_share,
                    clients: (base_users as u64).clamp(1, MAX_CLIENTS),
                    region: u.region,
                    rng: SimRng::stream(seed, id as u64, "users"),
                }))
            }
            ComponentConfig::Dns(d) => State::Dns(DnsNode {
                ttl: SimTime::from_secs(d.record_ttl_s as u64),
                routing: d.routing.clone(),
                health: Health::new(
                    d.health_check_interval_s,
                    d.failure_threshold,
                    &targets(OutPort::Resolve),
                ),
                cache: KeyMap::default(),
                rng: SimRng::stream(seed, id as u64, "dns"),
            }),
            ComponentConfig::Cdn(d) => State::Cdn(CacheNode {
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
            }),
            ComponentConfig::LoadBalancer(l) => State::Lb(LbNode {
                algorithm: l.algorithm,
                added: ms(l.added_latency_ms),
                health: Health::new(
                    l.health_check_interval_s,
                    l.failure_threshold,
                    &targets(OutPort::Backends),
                ),
                next: RoundRobin::default(),
                rng: SimRng::stream(seed, id as u64, "lb"),
                forwarding: (l.capacity_rps > 0).then(|| LookupNodes::new(1, l.capacity_rps)),
            }),
            ComponentConfig::WebServers(w) => {
                let service = dist_of(&w.service_time, w.instance_size.cpu_multiplier());
                base_service = Some(service);
                let max = if w.autoscaling.enabled {
                    w.autoscaling.max_instances.max(w.instances)
                } else {
                    w.instances
                };
                State::Web(WebNode {
                    instances: (0..max)
                        .map(|k| {
                            station(
                                seed,
                                id,
                                &format!("web.{k}"),
                                w.concurrency_per_instance,
                                service,
                                QUEUE_CAPACITY,
                            )
                        })
                        .collect(),
                    active: w.instances,
                    service,
                    stateful: w.sessions == SessionMode::Stateful,
                    sessions: KeyMap::default(),
                    next: RoundRobin::default(),
                    autoscale: w.autoscaling.enabled.then(|| w.autoscaling.clone()),
                    last_scale: None,
                    last_busy: 0,
                    last_server: 0,
                })
            }
            ComponentConfig::Cache(k) => State::Cache(CacheNode {
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
            }),
            ComponentConfig::SessionStore(s) => State::Sessions(Box::new(SessionNode {
                store: Cache::new(SimCacheConfig {
                    capacity: s.capacity_sessions.min(u32::MAX as u64) as usize,
                    eviction: SimEviction::Lru,
                    ttl: Some(SimTime::from_secs(s.session_ttl_s.max(1) as u64)),
                    ttl_mode: TtlMode::RefreshOnHit,
                }),
                ttl: SimTime::from_secs(s.session_ttl_s.max(1) as u64),
                latency: ms(s.get_latency_ms),
                lookups: LookupNodes::new(s.replicas, s.ops_per_node_per_s),
                nodes: s.replicas.max(1),
                nodes_up: s.replicas.max(1),
                last_seen: KeyMap::default(),
                counts: SessionCounts::default(),
                warned_full: false,
            })),
            ComponentConfig::Database(d) => {
                let service = dist_of(&d.service_time, d.instance_size.cpu_multiplier());
                base_service = Some(service);
                let servers = d.concurrency_per_node;
                State::Db(Box::new(DbNode {
                    primary: station(seed, id, "db.primary", servers, service, QUEUE_CAPACITY),
                    replicas: (0..d.read_replicas)
                        .map(|r| {
                            station(
                                seed,
                                id,
                                &format!("db.replica.{r}"),
                                servers,
                                service,
                                QUEUE_CAPACITY,
                            )
                        })
                        .collect(),
                    set: ReplicaSet::new(
                        ReplicationConfig {
                            replicas: d.read_replicas,
                            network: Dist::Deterministic(ms(d.network_delay_ms)),
                            apply: Dist::Exponential {
                                mean: SimTime::from_secs_f64(1.0 / d.apply_rate_per_s),
                            },
                            mode: match d.replication {
                                Replication::Async => ReplicationMode::Async,
                                Replication::Sync => ReplicationMode::Sync,
                            },
                        },
                        seed,
                        id as u64,
                    ),
                    primary_up: true,
                    timing: FailoverTiming {
                        check_interval: SimTime::from_secs(d.failover.detection_interval_s as u64),
                        failures_to_detect: d.failover.failure_threshold,
                        promotion: SimTime::from_secs(d.failover.promotion_time_s as u64),
                        dns_ttl: SimTime::ZERO,
                    },
                    pending_sync: KeyMap::default(),
                    next_replica: RoundRobin::default(),
                    deliveries: Vec::new(),
                    region_group: None,
                }))
            }
            ComponentConfig::NoSql(n) => {
                let service = dist_of(&n.service_time, 1.0);
                base_service = Some(service);
                let nodes = n.nodes.max(1);
                State::NoSql(NoSqlNode {
                    stations: (0..nodes)
                        .map(|k| {
                            station(
                                seed,
                                id,
                                &format!("nosql.{k}"),
                                n.concurrency_per_node,
                                service,
                                QUEUE_CAPACITY,
                            )
                        })
                        .collect(),
                    up: vec![true; nodes as usize],
                    incarnations: vec![0; nodes as usize],
                    replication_factor: n.replication_factor.clamp(1, nodes),
                    next_read: 0,
                })
            }
            ComponentConfig::ShardedDatabase(s) => {
                let service = dist_of(&s.service_time, 1.0);
                base_service = Some(service);
                State::Sharded(ShardedNode {
                    map: match s.strategy {
                        ShardingStrategy::Modulo => ShardMap::modulo(s.shards),
                        ShardingStrategy::ConsistentHashing { virtual_nodes } => {
                            ShardMap::consistent(s.shards, virtual_nodes, seed ^ id as u64)
                        }
                    },
                    shards: (0..s.shards)
                        .map(|k| {
                            station(
                                seed,
                                id,
                                &format!("shard.{k}"),
                                s.concurrency_per_shard,
                                service,
                                QUEUE_CAPACITY,
                            )
                        })
                        .collect(),
                })
            }
            ComponentConfig::MessageQueue(_) => State::Queue,
            ComponentConfig::Workers(w) => {
                let service = dist_of(&w.service_time, 1.0);
                base_service = Some(service);
                // The queue feeding the workers bounds their line; take the largest. A durable
                // one keeps its jobs through a crash of the workers.
                let feeding = || {
                    diagram
                        .wires
                        .iter()
                        .filter(|x| x.to.component == c.id)
                        .filter_map(|x| diagram.component(x.from.component))
                        .filter_map(|q| match &q.config {
                            ComponentConfig::MessageQueue(m) => Some(m),
                            ComponentConfig::Users(_)
                            | ComponentConfig::Dns(_)
                            | ComponentConfig::Cdn(_)
                            | ComponentConfig::LoadBalancer(_)
                            | ComponentConfig::WebServers(_)
                            | ComponentConfig::Cache(_)
                            | ComponentConfig::SessionStore(_)
                            | ComponentConfig::Database(_)
                            | ComponentConfig::NoSql(_)
                            | ComponentConfig::ShardedDatabase(_)
                            | ComponentConfig::Workers(_)
                            | ComponentConfig::MetricsSink(_) => None,
                        })
                };
                let cap = feeding()
                    .map(|m| m.capacity_messages)
                    .max()
                    .unwrap_or(QUEUE_CAPACITY as u64)
                    .min(1 << 24) as usize;
                let durable = feeding().any(|m| m.durable);
                State::Workers(WorkersNode {
                    durable,
                    held: Default::default(),
                    capacity: cap,
                    station: Station::new(
                        StationConfig {
                            servers: w.instances.saturating_mul(w.concurrency_per_instance),
                            service,
                            queue_capacity: Some(cap),
                            timeout: None,
                        },
                        SimRng::stream(seed, id as u64, "workers"),
                    ),
                    concurrency: w.concurrency_per_instance,
                    instances: w.instances,
                    autoscale: w.autoscaling.clone(),
                    last_scale: SimTime::ZERO,
                })
            }
            ComponentConfig::MetricsSink(_) => State::Sink,
        };
        nodes.push(Node {
            id: c.id,
            kind: c.kind,
            label: c.label.clone(),
            group,
            region,
            failed: false,
            slow: 1.0,
            base_service,
            incarnation: 0,
            outs: std::mem::take(&mut outs[i]),
            arrivals: 0,
            completions: 0,
            errors: ErrorCounts::default(),
            latency: SlidingHistogram::with_total(TICK, WINDOW_TICKS),
            window: [Mark::default(); WINDOW_TICKS],
            capacity_area: 0,
            state,
        });
    }
    let regions = region_groups(&mut nodes, seed);
    let world = World {
        regions,
        nodes,
        groups: diagram
            .groups
            .iter()
            .map(|g| GroupState {
                id: g.id.0,
                name: g.name.clone(),
                failed: false,
                requests: 0,
            })
            .collect(),
        wire_up: vec![true; diagram.wires.len()],
        wire_ids: diagram.wires.iter().map(|w| w.id.0).collect(),
        reqs: Vec::new(),
        free: Vec::new(),
        live_requests: 0,
        live_jobs: 0,
        totals: Totals::default(),
        latency: SlidingHistogram::with_total(TICK, WINDOW_TICKS),
        window: [0; WINDOW_TICKS],
        ticks: 0,
        duration_s,
        traffic: diagram.scenario.traffic,
        log: Default::default(),
        timed_out: Vec::new(),
        scratch: Scratch::default(),
        one_way: Region::ALL.map(|a| Region::ALL.map(|b| ms(a.round_trip_ms(b) / 2.0))),
    };
    let mut engine = Engine::new(world);
    for (i, n) in engine.model.nodes.iter().enumerate() {
        if n.kind == ComponentKind::Users {
            engine.queue.schedule(
                SimTime::ZERO,
                Ev::Generate {
                    users: NodeIx(i as u32),
                },
            );
        }
    }
    engine.queue.schedule(TICK, Ev::Tick);
    let mut faults = diagram.scenario.faults.clone();
    faults.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
    for f in faults {
        engine
            .queue
            .schedule(SimTime::from_secs_f64(f.at_s), Ev::Fault(f));
    }
    Ok(Simulation { engine })
}
