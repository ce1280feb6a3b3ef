//! Building a simulation from a diagram: [`build()`] turns a validated `Diagram` into the
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
use crate::model::config::ConfigError;

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
        /// The field and what is wrong with it.
        detail: ConfigError,
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
    InvalidTraffic(ConfigError),
}

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
    // The node records the time spent at it (`Node::latency`).
    .without_response_times()
}

pub(crate) fn ms(v: f64) -> SimTime {
    SimTime::from_secs_f64(v / 1e3)
}

/// What building one node's state may read beyond its settings.
pub(crate) struct BuildCtx<'a> {
    /// The run's seed (each node draws from streams of (seed, component id)).
    pub(crate) seed: u64,
    /// The component's id.
    pub(crate) id: u32,
    pub(crate) component: ComponentId,
    pub(crate) diagram: &'a Diagram,
    /// The component's outgoing wires: (port, target node, wire index).
    pub(crate) outs: &'a [(OutPort, NodeIx, u32)],
    /// Popularity tables already built, by (key space, skew bits): populations with the same
    /// ones share a table (building one over 2^20 keys is most of the cost of a build).
    pub(crate) zipfs: &'a mut Vec<(u64, u64, Rc<Zipf>)>,
    /// The service time the node was built with, for a `Slow` fault to scale.
    pub(crate) base_service: Option<Dist>,
}

impl BuildCtx<'_> {
    /// The nodes wired to `port`.
    pub(crate) fn targets(&self, port: OutPort) -> Vec<NodeIx> {
        self.outs
            .iter()
            .filter(|o| o.0 == port)
            .map(|o| o.1)
            .collect()
    }
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
        .map_err(BuildError::InvalidTraffic)?;
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
            detail: e,
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
        let group = c.group.and_then(group_index).map(|g| GroupIx(g as u32));
        let region = group.map(|g| diagram.groups[g.0 as usize].region);
        let mut ctx = BuildCtx {
            seed,
            id,
            component: c.id,
            diagram,
            outs: &outs[i],
            zipfs: &mut zipfs,
            base_service: None,
        };
        let state = match &c.config {
            ComponentConfig::Users(u) => UsersNode::build(u, &mut ctx),
            ComponentConfig::Dns(d) => DnsNode::build(d, &mut ctx),
            ComponentConfig::Cdn(d) => CacheNode::build_edge(d, &mut ctx),
            ComponentConfig::LoadBalancer(l) => LbNode::build(l, &mut ctx),
            ComponentConfig::WebServers(w) => WebNode::build(w, &mut ctx),
            ComponentConfig::Cache(k) => CacheNode::build(k, &mut ctx),
            ComponentConfig::SessionStore(s) => SessionNode::build(s, &mut ctx),
            ComponentConfig::Database(d) => DbNode::build(d, &mut ctx),
            ComponentConfig::NoSql(n) => NoSqlNode::build(n, &mut ctx),
            ComponentConfig::ShardedDatabase(s) => ShardedNode::build(s, &mut ctx),
            ComponentConfig::MessageQueue(m) => QueueNode::build(m),
            ComponentConfig::Workers(w) => WorkersNode::build(w, &mut ctx),
            ComponentConfig::MetricsSink(m) => SinkNode::build(m),
        };
        let base_service = ctx.base_service;
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
            sent_failed: 0,
            latency: SlidingHistogram::with_total(TICK, WINDOW_TICKS),
            window: Box::new([Mark::default(); WINDOW_TICKS]),
            capacity_area: 0,
            price: crate::model::cost::price_of(&c.config),
            state,
        });
    }
    let regions = region_groups(&mut nodes, seed);
    let mut world = World {
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
        window_failed: [ErrorCounts::default(); WINDOW_TICKS],
        web_sessions: KeyMap::default(),
        ticks: 0,
        duration_s,
        traffic: diagram.scenario.traffic,
        log: Default::default(),
        applied_faults: Default::default(),
        timed_out: Vec::new(),
        scratch: Scratch::default(),
        one_way: Region::ALL.map(|a| Region::ALL.map(|b| ms(a.round_trip_ms(b) / 2.0))),
        places: Vec::new(),
        watch: Vec::new(),
        routes_epoch: 0,
        wires: WireIndex::default(),
        down: Vec::new(),
    };
    world.refresh_down();
    let mut clients = 0u32;
    world.places = (0..world.nodes.len())
        .map(|i| {
            let n = &world.nodes[i];
            let first_client = clients;
            if let State::Users(u) = &n.state {
                clients += u.clients as u32;
            }
            Place {
                region: n.region,
                id: n.id,
                users: n.kind == ComponentKind::Users,
                passes: world.passes_through(NodeIx(i as u32)),
                first_client,
            }
        })
        .collect();
    world.index_wires();
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
    crate::order::sort_by(&mut faults, &|a, b| a.at_s.total_cmp(&b.at_s));
    for f in faults {
        engine
            .queue
            .schedule(SimTime::from_secs_f64(f.at_s), Ev::Fault(f));
    }
    Ok(Simulation { engine })
}
