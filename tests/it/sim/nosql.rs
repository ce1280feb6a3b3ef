//! A NoSQL store: a write costs one node service per replica, a read one, and the replication
//! factor decides which node failures leave keys without a live replica.

use scalelab::model::config::ServiceTime;
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, FaultAction, OutPort as O,
};
use scalelab::sim::{RunConfig, build};

use super::{builder, component, fault, finish, logged, run_to, said, users};

/// Users -> web -> NoSQL store, keys drawn uniformly from 10,000.
fn nosql(seed: u64, rate: f64, write: f64, nodes: u32, rf: u32) -> (Diagram, ComponentId) {
    let mut b = builder(seed);
    let us = b
        .add(ComponentKind::Users)
        .configure(move |c| {
            users(rate, 1.0 - write, write, 0.0)(c);
            if let ComponentConfig::Users(u) = c {
                u.zipf_alpha = 0.0;
            }
        })
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(|c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 10;
                w.service_time = ServiceTime::Deterministic { mean_ms: 1.0 };
            }
        })
        .id();
    let store = b
        .add(ComponentKind::NoSql)
        .configure(move |c| {
            if let ComponentConfig::NoSql(n) = c {
                n.nodes = nodes;
                n.replication_factor = rf;
            }
        })
        .id();
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Data, store);
    (finish(b), store)
}

#[test]
fn nosql_writes_cost_one_node_service_per_replica() {
    let mut util = Vec::new();
    for rf in 1..=3 {
        let (d, store) = nosql(51, 2_000.0, 1.0, 3, rf);
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 100);
        assert_eq!(s.overall.failed.total(), 0);
        let c = component(&s, store);
        assert_eq!(c.arrivals, c.completions + c.in_service + c.queue_len);
        // 2,000 writes/s x rf x 1 ms over 3 nodes x 16 threads.
        let expected = 2_000.0 * rf as f64 * 1e-3 / 48.0;
        assert!(
            (c.utilization / expected - 1.0).abs() < 0.05,
            "rf {rf}: utilization {} vs {expected}",
            c.utilization
        );
        util.push(c.utilization);
    }
    assert!(util[0] < util[1] && util[1] < util[2], "{util:?}");
    // Reads touch one replica whatever the replication factor.
    let (d, store) = nosql(51, 2_000.0, 0.0, 3, 3);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 100);
    let u = component(&s, store).utilization;
    assert!(
        (u / util[0] - 1.0).abs() < 0.05,
        "reads {u} vs rf-1 writes {}",
        util[0]
    );
}

/// Fails `times` nodes of the store at 30 s: the share of requests failing from 31 s to 90 s.
fn nosql_unavailable_after(nodes: u32, rf: u32, times: u32) -> (f64, Vec<String>) {
    let (d, store) = nosql(52, 1_000.0, 0.3, nodes, rf);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 30);
    assert_eq!(before.overall.failed.total(), 0);
    for _ in 0..times {
        fault(&mut sim, FaultAction::Fail, store);
    }
    let from = run_to(&mut sim, 31);
    let to = run_to(&mut sim, 90);
    assert!(component(&to, store).up);
    let failed = to.overall.failed.total() - from.overall.failed.total();
    assert_eq!(
        failed,
        to.overall.failed.unavailable - from.overall.failed.unavailable
    );
    let sent = to.overall.arrived - from.overall.arrived;
    let log = to.log.iter().map(said).collect();
    (failed as f64 / sent as f64, log)
}

#[test]
fn nosql_availability_follows_the_replication_factor() {
    let (share, log) = nosql_unavailable_after(4, 1, 1);
    assert!((share - 0.25).abs() < 0.02, "rf 1: {share}");
    assert!(
        log.iter()
            .any(|m| m.contains("node 1 of 4 failed (1 down); 25 % of keys have no live replica")),
        "{log:?}"
    );
    let (share, log) = nosql_unavailable_after(4, 2, 1);
    assert_eq!(share, 0.0, "rf 2 survives one node");
    assert!(
        log.iter()
            .any(|m| m.contains("every key keeps a live replica")),
        "{log:?}"
    );
    let (share, _) = nosql_unavailable_after(4, 2, 2);
    assert!(
        (share - 0.25).abs() < 0.02,
        "rf 2, two neighbours down: {share}"
    );
    let (share, _) = nosql_unavailable_after(3, 3, 2);
    assert_eq!(share, 0.0, "rf 3 survives two nodes");
    let (share, _) = nosql_unavailable_after(5, 1, 2);
    assert!((share - 0.4).abs() < 0.02, "rf 1, 2 of 5 down: {share}");
}

#[test]
fn a_nosql_store_is_down_with_its_last_node_and_whole_again_when_restored() {
    let (d, store) = nosql(53, 1_000.0, 0.3, 2, 2);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    run_to(&mut sim, 10);
    fault(&mut sim, FaultAction::Fail, store);
    fault(&mut sim, FaultAction::Fail, store);
    let down = run_to(&mut sim, 20);
    let c = component(&down, store);
    assert!(!c.up);
    assert_eq!(c.nodes.map(|n| n.up), Some(0));
    assert!(down.overall.failed.unavailable > 9_000);
    assert!(logged(&down, "every node is down"), "{:?}", down.log);
    fault(&mut sim, FaultAction::Restore, store);
    let back = run_to(&mut sim, 20);
    let later = run_to(&mut sim, 40);
    assert_eq!(later.overall.failed, back.overall.failed);
    assert_eq!(component(&later, store).nodes.map(|n| n.up), Some(2));
    assert!(
        logged(&later, "restored: 2 of 2 nodes up"),
        "{:?}",
        later.log
    );
}
