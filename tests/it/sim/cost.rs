//! What a design costs an hour (`model::cost`, `docs/fidelity.md#what-a-design-costs`): known
//! diagrams priced by hand, a run's cost following the instances an autoscaler runs, and
//! scaling up: a bigger size serves more, but each dollar buys less capacity past 16 vCPU, and
//! the biggest size is the last.

use scalelab::model::config::{InstanceSize, ServiceTime};
use scalelab::model::cost::{LB_USD_PER_HOUR, design_cost, price_of};
use scalelab::model::scenario::TrafficProfile;
use scalelab::model::{ComponentConfig, ComponentKind, OutPort as O};
use scalelab::sim::{RunConfig, build, predict};

use super::{builder, component, diagram, one_tier, run_to, users, web_config};

/// Users at 100 req/s (reads only) -> balancer -> 2 web servers of 4 vCPU -> a cache of two
/// nodes -> a database of 8 vCPU with one read replica.
fn priced_design() -> scalelab::model::DiagramBuilder {
    let mut b = builder(3);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(100.0, 1.0, 0.0, 0.0))
        .id();
    let lb = b.add(ComponentKind::LoadBalancer).id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| {
            w.instances = 2;
            w.instance_size = InstanceSize::Vcpu4;
        }))
        .id();
    let cache = b
        .add(ComponentKind::Cache)
        .configure(|c| {
            if let ComponentConfig::Cache(k) = c {
                k.replicas = 2;
            }
        })
        .id();
    let db = b
        .add(ComponentKind::Database)
        .configure(|c| {
            if let ComponentConfig::Database(d) = c {
                d.instance_size = InstanceSize::Vcpu8;
                d.read_replicas = 1;
            }
        })
        .id();
    b.wire(us, O::Dynamic, lb);
    b.wire(lb, O::Backends, web);
    b.wire(web, O::Data, cache);
    b.wire(cache, O::Miss, db);
    b
}

#[test]
fn a_known_design_costs_what_its_price_list_adds_up_to() {
    let b = priced_design();
    let d = diagram(&b);
    // By hand, from the list prices: 2 m5.xlarge at $0.192, 2 cache.m5.large at $0.156, 2
    // db.m5.2xlarge at $0.684, an ALB at $0.0225 plus 100 req/s / 25 = 4 capacity units at
    // $0.008. Users cost nothing.
    let web = 2.0 * 0.192;
    let cache = 2.0 * 0.156;
    let db = 2.0 * 0.684;
    let lb = 0.0225 + 4.0 * 0.008;
    let cost = predict::design_cost(d, 0.0);
    let by_kind = |kind: ComponentKind| {
        let c = d.components.iter().find(|c| c.kind == kind).unwrap();
        cost.of(c.id).unwrap()
    };
    for (kind, want) in [
        (ComponentKind::Users, 0.0),
        (ComponentKind::WebServers, web),
        (ComponentKind::Cache, cache),
        (ComponentKind::Database, db),
        (ComponentKind::LoadBalancer, lb),
    ] {
        let got = by_kind(kind);
        assert!((got - want).abs() < 1e-9, "{kind:?}: {got} != {want}");
    }
    let total = web + cache + db + lb;
    assert!((cost.total_usd_per_hour - total).abs() < 1e-9, "{cost:?}");
    // The request-priced balancer at no traffic costs only its hourly charge.
    let idle = design_cost(d, |_| 0.0);
    assert!((idle.total_usd_per_hour - (total - 4.0 * 0.008)).abs() < 1e-9);
    assert!((idle.total_usd_per_hour - (web + cache + db + LB_USD_PER_HOUR)).abs() < 1e-9);
}

#[test]
fn a_runs_cost_is_its_components_and_matches_the_design_when_nothing_scales() {
    let b = priced_design();
    let d = diagram(&b);
    let mut sim = build(d, &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 30);
    let sum: f64 = s.components.iter().map(|c| c.cost_per_hour_usd).sum();
    assert!((s.overall.cost_per_hour_usd - sum).abs() < 1e-9);
    // The balancer is priced on the requests of the last window (100 req/s, Poisson): the
    // rest is the servers, exactly as drawn.
    let drawn = predict::design_cost(d, 0.0);
    assert!(
        (s.overall.cost_per_hour_usd - drawn.total_usd_per_hour).abs() < 0.01,
        "run {} against drawn {}",
        s.overall.cost_per_hour_usd,
        drawn.total_usd_per_hour
    );
    for c in &d.components {
        if c.kind != ComponentKind::LoadBalancer {
            let live = s.components.iter().find(|m| m.id == c.id.0).unwrap();
            assert_eq!(live.cost_per_hour_usd, drawn.of(c.id).unwrap(), "{c:?}");
        }
    }
}

#[test]
fn an_autoscaled_tier_costs_the_instances_it_runs_now() {
    let (mut b, web) = one_tier(
        9,
        60.0,
        web_config(|w| {
            w.instances = 1;
            w.service_time = ServiceTime::Deterministic { mean_ms: 2_000.0 };
            w.concurrency_per_instance = 400;
            w.autoscaling.enabled = true;
            w.autoscaling.min_instances = 1;
            w.autoscaling.max_instances = 8;
            w.autoscaling.target_utilization = 0.6;
            w.autoscaling.cooldown_s = 30;
        }),
    );
    b.scenario_mut().duration_s = 600;
    b.scenario_mut().traffic = TrafficProfile::Spike {
        at_s: 0.0,
        duration_s: 200.0,
        factor: 10.0,
    };
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let early = run_to(&mut sim, 5);
    let peak = run_to(&mut sim, 190);
    let price = InstanceSize::Vcpu2.cost_per_hour_usd();
    for s in [&early, &peak] {
        let m = component(s, web);
        let running = f64::from(m.instances + m.draining);
        assert!(
            (m.cost_per_hour_usd - running * price).abs() < 1e-12,
            "{m:?}"
        );
    }
    let (before, after) = (component(&early, web), component(&peak, web));
    assert!(after.instances > before.instances);
    assert!(after.cost_per_hour_usd > before.cost_per_hour_usd);
    // The design as drawn still says one instance.
    let drawn = predict::design_cost(diagram(&b), 0.0);
    assert_eq!(drawn.of(web), Some(price));
}

#[test]
fn a_bigger_size_serves_more_but_each_dollar_buys_less_and_the_biggest_is_the_last() {
    let sizes = InstanceSize::ALL;
    for pair in sizes.windows(2) {
        let (small, big) = (pair[0], pair[1]);
        assert!(big.vcpus() > small.vcpus());
        assert!(big.cpu_multiplier() > small.cpu_multiplier(), "{big:?}");
        assert!(
            big.cost_per_hour_usd() > small.cost_per_hour_usd(),
            "{big:?}"
        );
        let per_dollar = |s: InstanceSize| s.cpu_multiplier() / s.cost_per_hour_usd();
        let db_per_dollar = |s: InstanceSize| s.cpu_multiplier() / s.database_cost_per_hour_usd();
        // Never more capacity per dollar; less from 16 vCPU up.
        assert!(
            per_dollar(big) <= per_dollar(small) * (1.0 + 1e-12),
            "{big:?}"
        );
        assert!(db_per_dollar(big) <= db_per_dollar(small) * (1.0 + 1e-12));
        if small.vcpus() >= 16 {
            assert!(per_dollar(big) < 0.9 * per_dollar(small), "{big:?}");
            assert!(db_per_dollar(big) < 0.9 * db_per_dollar(small));
        }
    }
    // The sizes that were there before keep their figures (the golden run depends on them).
    let old = [(1.0, 0.096), (2.0, 0.192), (4.0, 0.384), (8.0, 0.768)];
    for (s, (speed, usd)) in sizes.iter().zip(old) {
        assert_eq!((s.cpu_multiplier(), s.cost_per_hour_usd()), (speed, usd));
    }
    assert_eq!(InstanceSize::BIGGEST, *sizes.last().unwrap());
    assert!(
        sizes
            .iter()
            .all(|s| s.cpu_multiplier() <= InstanceSize::BIGGEST.cpu_multiplier())
    );
}

#[test]
fn the_biggest_web_server_is_a_ceiling_in_a_run() {
    // One instance of each size, offered 30x what the smallest serves (4 threads / 20 ms = 200
    // req/s): it serves about its speed-up times 200 req/s, and even the biggest, at 22x,
    // cannot keep up.
    let offered = 30.0 * 200.0;
    let mut served = Vec::new();
    for size in [
        InstanceSize::Vcpu16,
        InstanceSize::Vcpu32,
        InstanceSize::BIGGEST,
    ] {
        let (b, web) = one_tier(
            5,
            offered,
            web_config(move |w| {
                w.instances = 1;
                w.instance_size = size;
            }),
        );
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 20);
        let m = component(&s, web);
        let want = size.cpu_multiplier() * 200.0;
        assert!(
            (m.throughput_rps - want).abs() < 0.05 * want,
            "{size:?}: {} req/s against {want}",
            m.throughput_rps
        );
        assert!(s.overall.failed.total() > 0, "{size:?} keeps up");
        served.push((
            m.throughput_rps,
            price_of(&diagram(&b).component(web).unwrap().config),
        ));
    }
    // Each step up serves more, for more than proportionally more money.
    for w in served.windows(2) {
        let (a, pa) = &w[0];
        let (b, pb) = &w[1];
        let (ca, cb) = (
            pa.configured_usd_per_hour(0.0),
            pb.configured_usd_per_hour(0.0),
        );
        assert!(b > a && b / cb < a / ca);
    }
}
