//! A CDN: a failed edge sends static requests to the origin; an asset deploy misses once with
//! versioned URLs and serves stale assets without them, until the old copies expire.

use scalelab::model::config::ServiceTime;
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget,
    OutPort as O,
};
use scalelab::sim::{MetricsSnapshot, RunConfig, build};

use super::{builder, component, diagram, fault, finish, logged, run_to, users, web_config};

/// Users fetching static assets -> CDN -> web origin.
fn static_site(versioning: bool, ttl_s: u32) -> (Diagram, ComponentId, ComponentId) {
    let mut b = builder(61);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(500.0, 0.0, 0.0, 0.0))
        .id();
    let cdn = b
        .add(ComponentKind::Cdn)
        .configure(move |c| {
            if let ComponentConfig::Cdn(x) = c {
                x.edge_capacity_objects = 100_000;
                x.ttl_s = ttl_s;
                x.object_versioning = versioning;
            }
        })
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(|c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 4;
                w.service_time = ServiceTime::Exponential { mean_ms: 2.0 };
            }
        })
        .id();
    b.wire(us, O::Static, cdn);
    b.wire(cdn, O::Origin, web);
    (finish(b), cdn, web)
}

#[test]
fn an_asset_deploy_misses_once_with_versioned_urls_and_serves_stale_without() {
    let mut spikes = Vec::new();
    for versioning in [true, false] {
        let (d, cdn, web) = static_site(versioning, 3_600);
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let warm = run_to(&mut sim, 290);
        let before = run_to(&mut sim, 300);
        fault(&mut sim, FaultAction::DeployAssets, cdn);
        let after = run_to(&mut sim, 310);
        let origin = |a: &scalelab::sim::MetricsSnapshot, b: &scalelab::sim::MetricsSnapshot| {
            component(b, web).arrivals - component(a, web).arrivals
        };
        let (o_before, o_after) = (origin(&warm, &before), origin(&before, &after));
        spikes.push((o_before, o_after));
        assert_eq!(after.overall.failed.total(), 0);
        if versioning {
            assert!(
                o_after > 3 * o_before + 500,
                "new URLs: every edge fetches each object again: {o_before} -> {o_after}"
            );
            assert_eq!(after.overall.stale_assets, 0);
            assert!(logged(&after, "under new URLs"), "{:?}", after.log);
        } else {
            assert!(
                o_after <= o_before + 100,
                "same URLs: the edge keeps its copies: {o_before} -> {o_after}"
            );
            assert!(
                after.overall.stale_assets > 3_000,
                "old assets served: {}",
                after.overall.stale_assets
            );
            assert!(logged(&after, "edges serve the old ones for up to 1 h"));
        }
    }
    assert!(spikes[0].1 > 3 * spikes[1].1, "{spikes:?}");
}

#[test]
fn stale_assets_stop_once_the_old_copies_expire() {
    let (d, cdn, _) = static_site(false, 60);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    run_to(&mut sim, 300);
    fault(&mut sim, FaultAction::DeployAssets, cdn);
    let during = run_to(&mut sim, 330);
    assert!(during.overall.stale_assets > 1_000);
    let expired = run_to(&mut sim, 361);
    let later = run_to(&mut sim, 420);
    assert_eq!(
        later.overall.stale_assets, expired.overall.stale_assets,
        "every copy filled before the deploy expired within one TTL"
    );
    assert!(expired.overall.stale_assets > during.overall.stale_assets);
}

#[test]
fn a_failed_cdn_edge_sends_static_requests_to_the_origin() {
    let mut b = builder(13);
    // Static assets only.
    let us = b
        .add(ComponentKind::Users)
        .configure(users(300.0, 0.0, 0.0, 0.0))
        .id();
    let cdn = b.add(ComponentKind::Cdn).id();
    let lb = b.add(ComponentKind::LoadBalancer).id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| w.instances = 3))
        .id();
    b.wire(us, O::Static, cdn);
    b.wire(us, O::Dynamic, lb);
    b.wire(cdn, O::Origin, lb);
    b.wire(lb, O::Backends, web);
    b.scenario_mut().faults.push(Fault {
        at_s: 60.0,
        action: FaultAction::Fail,
        target: FaultTarget::Component(cdn),
    });
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let warm = run_to(&mut sim, 50);
    let before = run_to(&mut sim, 60);
    let origin = |s: &MetricsSnapshot| component(s, web).arrivals;
    let origin_before = origin(&before) - origin(&warm);
    let during = run_to(&mut sim, 70);
    let origin_during = origin(&during) - origin(&before);
    assert_eq!(
        during.overall.failed.total(),
        0,
        "no request fails: {:?}",
        during.overall.failed
    );
    // While the edge is down every static request (about 3,000 in 10 s) reaches the origin.
    assert!(
        origin_during > 2_700 && origin_during > 2 * origin_before,
        "origin load {origin_before} -> {origin_during}"
    );
}
