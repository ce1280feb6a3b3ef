//! Accounting under abuse: random diagrams with nonsense wiring, extreme settings and random
//! faults never panic, and every snapshot satisfies arrived = completed + failed + in flight
//! (`SCALELAB_SIM_CASES` sets the number of diagrams, default 10,000); a diagram that cannot
//! run is refused with a precise error. Each diagram runs, in full, to a horizon in which its
//! users offer a few thousand requests, and its faults fall inside that horizon: every run
//! reaches load and every fault, whatever its rates (a budget of events per run would stop the
//! busiest diagrams before their faults). The settings drawn include the ones the engine
//! models last: a queue's enqueue time, a sharded database's replicas per shard, a cache's
//! read-through, and a metrics sink's flags and scrape interval.

use scalelab::model::config::{
    DnsRouting, Eviction, Expiry, LbAlgorithm, Replication, ServiceTime, SessionMode,
    ShardingStrategy, UserLoad,
};
use scalelab::model::{
    Component, ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction,
    FaultTarget, Group, GroupId, InPort, InPortRef, OutPortRef, Point, Rect, Region, Wire, WireId,
};
use scalelab::present::english::build_error;
use scalelab::present::lang::Lang;
use scalelab::present::say;
use scalelab::sim::rng::SimRng;
use scalelab::sim::{RunConfig, build};

fn pick<T: Copy>(rng: &mut SimRng, xs: &[T]) -> T {
    xs[rng.below(xs.len() as u64) as usize]
}

fn service(rng: &mut SimRng) -> ServiceTime {
    let mean_ms = pick(rng, &[0.001, 0.5, 20.0, 5_000.0]);
    match rng.below(3) {
        0 => ServiceTime::Exponential { mean_ms },
        1 => ServiceTime::Deterministic { mean_ms },
        _ => ServiceTime::LogNormal {
            mean_ms,
            sigma: pick(rng, &[0.1, 1.0, 3.0]),
        },
    }
}

/// A random diagram: any kinds, any wires between existing ports, extreme settings, faults.
fn random_diagram(rng: &mut SimRng) -> Diagram {
    let mut d = Diagram::new();
    let groups = rng.below(3) as u32;
    for g in 0..groups {
        d.groups.push(Group {
            id: GroupId(1000 + g),
            name: format!("DC{g}"),
            region: pick(rng, &Region::ALL),
            bounds: Rect::new(0.0, 0.0, 10.0, 10.0),
        });
    }
    let n = 1 + rng.below(10) as u32;
    for i in 0..n {
        let kind = if i == 0 {
            ComponentKind::Users
        } else {
            pick(rng, &ComponentKind::ALL)
        };
        let mut c = Component::new(
            ComponentId(i),
            kind,
            format!("{kind:?}"),
            Point::new(0.0, 0.0),
        );
        if groups > 0 && rng.chance(0.7) {
            c.group = Some(GroupId(1000 + rng.below(groups as u64) as u32));
        }
        match &mut c.config {
            ComponentConfig::Users(u) => {
                u.load = UserLoad::Rate {
                    rate_rps: pick(rng, &[0.0, 3.0, 500.0, 20_000.0, 1e9]),
                };
                u.region = pick(rng, &Region::ALL);
                u.key_space = if rng.chance(0.01) {
                    1_000_000_000_000
                } else {
                    pick(rng, &[1, 10, 1_000])
                };
                u.zipf_alpha = pick(rng, &[0.0, 0.8, 3.0]);
                u.celebrity_keys = (rng.below(3) as u32).min(u.key_space as u32);
                u.celebrity_share = pick(rng, &[0.0, 0.5, 1.0]);
                u.login_session_share = pick(rng, &[0.0, 0.5, 1.0]);
                let (r, w) = pick(rng, &[(1.0, 0.0), (0.0, 1.0), (0.72, 0.03), (0.0, 0.0)]);
                u.read_share = r;
                u.write_share = w;
                u.static_share = 1.0 - r - w;
            }
            ComponentConfig::Dns(x) => {
                x.record_ttl_s = pick(rng, &[0, 1, 60]);
                x.health_check_interval_s = pick(rng, &[1, 30]);
                x.failure_threshold = pick(rng, &[1, 3]);
                if rng.chance(0.3) {
                    x.routing = DnsRouting::Weighted { percent: vec![] };
                }
            }
            ComponentConfig::Cdn(x) => {
                x.edge_capacity_objects = pick(rng, &[1, 100, 1_000_000_000_000]);
                x.ttl_s = pick(rng, &[0, 1, 86_400]);
            }
            ComponentConfig::LoadBalancer(x) => {
                x.algorithm = pick(
                    rng,
                    &[
                        LbAlgorithm::RoundRobin,
                        LbAlgorithm::LeastConnections,
                        LbAlgorithm::Random,
                        LbAlgorithm::StickyByClient,
                    ],
                );
                x.health_check_interval_s = pick(rng, &[1, 10]);
                x.capacity_rps = pick(rng, &[0, 1, 1_000, 1_000_000_000]);
            }
            ComponentConfig::WebServers(x) => {
                x.instances = pick(rng, &[1, 3, 50]);
                x.service_time = service(rng);
                x.concurrency_per_instance = pick(rng, &[1, 4, 1000]);
                x.sessions = pick(rng, &[SessionMode::Stateful, SessionMode::Stateless]);
                x.autoscaling.enabled = rng.chance(0.5);
                x.autoscaling.min_instances = 1;
                x.autoscaling.max_instances = pick(rng, &[1, 5, 60]);
                x.autoscaling.cooldown_s = pick(rng, &[0, 300]);
            }
            ComponentConfig::Cache(x) => {
                x.capacity_keys = pick(rng, &[1, 10, 1_000_000_000_000]);
                x.ttl_s = pick(rng, &[0, 1, 3_600]);
                x.eviction = pick(rng, &[Eviction::Lru, Eviction::Lfu, Eviction::Fifo]);
                x.expiry = pick(rng, &[Expiry::SetOnWrite, Expiry::RefreshOnHit]);
                x.replicas = pick(rng, &[1, 2, 3]);
                x.read_through = rng.chance(0.5);
            }
            ComponentConfig::SessionStore(x) => {
                x.capacity_sessions = pick(rng, &[1, 100, 1_000_000_000_000]);
                x.session_ttl_s = pick(rng, &[1, 1_800]);
                x.replicas = pick(rng, &[1, 2]);
            }
            ComponentConfig::Database(x) => {
                x.read_replicas = pick(rng, &[0, 1, 3]);
                x.replication = pick(rng, &[Replication::Async, Replication::Sync]);
                x.apply_rate_per_s = pick(rng, &[1.0, 1_000.0, 1e9]);
                x.failover.detection_interval_s = pick(rng, &[1, 5]);
                x.failover.promotion_time_s = pick(rng, &[0, 2, 30]);
                x.service_time = service(rng);
                x.concurrency_per_node = pick(rng, &[1, 8]);
            }
            ComponentConfig::NoSql(x) => {
                x.nodes = pick(rng, &[1, 3, 7]);
                x.replication_factor = 1 + rng.below(x.nodes.min(3) as u64) as u32;
                x.service_time = service(rng);
            }
            ComponentConfig::ShardedDatabase(x) => {
                x.shards = pick(rng, &[1, 4, 100]);
                x.strategy = pick(
                    rng,
                    &[
                        ShardingStrategy::Modulo,
                        ShardingStrategy::ConsistentHashing { virtual_nodes: 1 },
                        ShardingStrategy::ConsistentHashing { virtual_nodes: 100 },
                    ],
                );
                x.service_time = service(rng);
                x.replicas_per_shard = pick(rng, &[0, 1, 3]);
            }
            ComponentConfig::MessageQueue(x) => {
                x.capacity_messages = pick(rng, &[1, 100_000]);
                x.enqueue_latency_ms = pick(rng, &[0.0, 1.0, 5_000.0]);
            }
            ComponentConfig::Workers(x) => {
                x.instances = pick(rng, &[1, 20]);
                x.service_time = service(rng);
                x.autoscaling.enabled = rng.chance(0.5);
                x.autoscaling.cooldown_s = pick(rng, &[0, 60]);
            }
            ComponentConfig::MetricsSink(x) => {
                x.host_metrics = rng.chance(0.5);
                x.aggregated_metrics = rng.chance(0.5);
                x.business_metrics = rng.chance(0.5);
                x.error_logs = rng.chance(0.5);
                x.scrape_interval_s = pick(rng, &[1, 15, 3_600]);
            }
        }
        d.components.push(c);
    }
    // Nonsense wiring allowed: any output port of the source to any component's any input.
    let wires = rng.below(3 * n as u64 + 1) as u32;
    for w in 0..wires {
        let from = &d.components[rng.below(n as u64) as usize];
        let outs = from.kind.ports().outputs;
        if outs.is_empty() {
            continue;
        }
        let to = rng.below(n as u64) as u32;
        d.wires.push(Wire {
            id: WireId(2000 + w),
            from: OutPortRef {
                component: from.id,
                port: pick(rng, outs),
            },
            to: InPortRef {
                component: ComponentId(to),
                port: pick(rng, &InPort::ALL),
            },
        });
    }
    d.scenario.seed = rng.next_u64();
    d.scenario.duration_s = 5;
    // Faults fall inside the stretch the test runs (see `horizon_s`), at its start, early,
    // middle and end.
    let horizon = horizon_s(&d);
    for _ in 0..rng.below(4) {
        let target = match rng.below(3) {
            0 => FaultTarget::Component(ComponentId(rng.below(n as u64 + 1) as u32)),
            1 => FaultTarget::Group(GroupId(1000 + rng.below(3) as u32)),
            _ => FaultTarget::Wire(WireId(2000 + rng.below(wires as u64 + 1) as u32)),
        };
        let action = pick(
            rng,
            &[
                FaultAction::Fail,
                FaultAction::Restore,
                FaultAction::Slow { factor: 10.0 },
                FaultAction::CutLink,
                FaultAction::FlushCache,
                FaultAction::DeployAssets,
                FaultAction::AddShard,
            ],
        );
        d.scenario.faults.push(Fault {
            at_s: horizon * pick(rng, &[0.0, 0.1, 0.4, 0.9]),
            action,
            target,
        });
    }
    d.next_id = 3000;
    d
}

/// Requests the users of a random diagram offer, summed, over the stretch the test runs: enough
/// load to fill queues and trip limits, few enough that every diagram runs to the end of it.
const OFFERED_REQUESTS: f64 = 5_000.0;

/// The simulated seconds the test runs a random diagram for: the scenario's 5 s, or less when
/// its users' rates would offer more than [`OFFERED_REQUESTS`] in that time (a diagram offering
/// a billion requests a second runs for 5 µs).
fn horizon_s(d: &Diagram) -> f64 {
    let offered_rps = offered_rps(d);
    let full = f64::from(d.scenario.duration_s);
    if offered_rps > 0.0 {
        (OFFERED_REQUESTS / offered_rps).min(full)
    } else {
        full
    }
}

/// The requests per second a random diagram's users offer, all together.
fn offered_rps(d: &Diagram) -> f64 {
    d.components
        .iter()
        .map(|c| match &c.config {
            ComponentConfig::Users(u) => match u.load {
                UserLoad::Rate { rate_rps } => rate_rps,
                _ => panic!("the random diagrams' users offer a fixed rate"),
            },
            _ => 0.0,
        })
        .sum()
}

/// The most events one random diagram may take to reach its horizon.
const MAX_EVENTS: u64 = 2_000_000;

#[test]
fn random_diagrams_never_panic_and_every_snapshot_balances() {
    let cases: u64 = std::env::var("SCALELAB_SIM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let mut rng = SimRng::stream(2026, 0, "random diagrams");
    let (mut built, mut refused, mut faulted) = (0, 0, 0);
    for case in 0..cases {
        let d = random_diagram(&mut rng);
        let mut sim = match build(&d, &RunConfig::default()) {
            Ok(sim) => sim,
            Err(e) => {
                assert!(!build_error(&e).is_empty());
                refused += 1;
                continue;
            }
        };
        built += 1;
        // Five snapshots over the horizon, each reached in full: at most 400 events a call (as
        // a frame would), as many calls as it takes, within a ceiling that fails the case.
        let horizon_ns = (horizon_s(&d) * 1e9).round() as u64;
        let mut events = 0;
        for step in 1..=5u64 {
            let until = horizon_ns * step / 5;
            loop {
                let outcome = sim.step_until(until, 400);
                events += outcome.processed;
                if outcome.reached {
                    break;
                }
                assert!(
                    events <= MAX_EVENTS,
                    "case {case}: {MAX_EVENTS} events did not reach {until} ns\n{d:#?}"
                );
            }
            let s = sim.snapshot();
            assert!(
                s.accounting_holds(),
                "case {case}, step {step}: {:?}\n{d:#?}",
                s.overall
            );
        }
        // Load arrived, and every scheduled fault has happened under it.
        let arrived = sim.snapshot().overall.arrived;
        assert!(
            arrived > 0 || offered_rps(&d) == 0.0,
            "case {case}: no request arrived from users offering {} per second\n{d:#?}",
            offered_rps(&d)
        );
        let now_s = sim.now().0 as f64 / 1e9;
        assert!(
            d.scenario.faults.iter().all(|f| f.at_s < now_s),
            "case {case}: the run stopped at {now_s} s, before a fault\n{d:#?}"
        );
        faulted += u64::from(!d.scenario.faults.is_empty());
    }
    assert!(
        built > cases / 2,
        "only {built} of {cases} built ({refused} refused)"
    );
    assert!(
        faulted > built / 2,
        "only {faulted} of the {built} diagrams built had a fault"
    );
}

#[test]
fn build_errors_are_precise() {
    let mut d = Diagram::new();
    assert_eq!(
        build(&d, &RunConfig::default())
            .err()
            .map(|e| build_error(&e)),
        Some("add a Users component: nothing sends traffic".to_string())
    );
    d.components.push(Component::new(
        ComponentId(1),
        ComponentKind::Users,
        say::kind_name(Lang::En, ComponentKind::Users),
        Point::new(0.0, 0.0),
    ));
    let mut web = Component::new(
        ComponentId(2),
        ComponentKind::WebServers,
        say::kind_name(Lang::En, ComponentKind::WebServers),
        Point::new(0.0, 0.0),
    );
    if let ComponentConfig::WebServers(w) = &mut web.config {
        w.instances = 0;
    }
    d.components.push(web);
    let e = build_error(&build(&d, &RunConfig::default()).err().unwrap());
    assert!(
        e.starts_with("component 2 (Web servers): Instances must be between 1"),
        "{e}"
    );
}

/// The table of failure reasons names each count as the snapshot's JSON does, so a reason
/// renamed in one place and not the other is caught.
#[test]
fn failure_reasons_are_serialized_under_their_table_names() {
    use scalelab::sim::failure::FailureReason;
    use scalelab::sim::metrics::ErrorCounts;
    let mut counts = ErrorCounts::default();
    for (n, reason) in FailureReason::ALL.into_iter().enumerate() {
        *counts.get_mut(reason) = n as u64 + 1;
    }
    let json = serde_json::to_value(counts).unwrap();
    let fields = json.as_object().unwrap();
    assert_eq!(fields.len(), FailureReason::ALL.len(), "{json}");
    for (n, reason) in FailureReason::ALL.into_iter().enumerate() {
        assert_eq!(fields[reason.key()], n as u64 + 1, "{}", reason.key());
    }
}
