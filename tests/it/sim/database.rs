//! A replicated database seen by part: its primary, each read replica and each replica's apply
//! thread, each with its own figure (the component's one utilization averages them).

use scalelab::model::config::ServiceTime;
use scalelab::model::{ComponentConfig, ComponentKind, OutPort as O};
use scalelab::sim::{RunConfig, build};

use super::{assert_abs, assert_rel, builder, diagram, run_to, users};

/// A replicated database's parts are figures apart: users -> web -> a database with two read
/// replicas, 300 writes and 1,200 reads a second, each query 1 ms on 8 connections. The primary
/// takes the writes (300 x 1 ms / 8 = 3.75 % busy); the replicas share the reads (600 each:
/// 7.5 %); each replica's apply thread applies every write at 1,000 a second, so it is busy
/// 300 / 1,000 of the time (an M/M/1 server's utilization is its arrival over its service rate).
#[test]
fn a_database_shows_its_primary_replicas_and_apply_threads_apart() {
    let mut b = builder(71);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(1_500.0, 0.8, 0.2, 0.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(|c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 8;
                w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
            }
        })
        .id();
    let db = b
        .add(ComponentKind::Database)
        .configure(|c| {
            if let ComponentConfig::Database(d) = c {
                d.read_replicas = 2;
                d.apply_rate_per_s = 1_000.0;
            }
        })
        .id();
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Data, db);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 300);
    let m = s.components.iter().find(|c| c.id == db.0).unwrap();
    let parts = m
        .database
        .as_ref()
        .expect("a database with replicas shows its parts");
    assert_eq!(parts.replica_utilization_since_start.len(), 2);
    assert_eq!(parts.apply_utilization_since_start.len(), 2);
    for a in &parts.apply_utilization_since_start {
        assert_rel(*a, 0.3, 0.05, "apply thread utilization");
    }
    assert_rel(
        parts.primary_utilization_since_start,
        0.0375,
        0.05,
        "the primary: the writes",
    );
    for r in &parts.replica_utilization_since_start {
        assert_rel(*r, 0.075, 0.05, "a replica: half the reads");
    }
    // The component's one figure averages the three.
    let mean = (parts.primary_utilization_since_start
        + parts.replica_utilization_since_start.iter().sum::<f64>())
        / 3.0;
    assert_abs(
        m.utilization,
        mean,
        0.01,
        "the component's figure is their mean",
    );
}
