//! Injected faults take effect and are logged: a cache flush's miss storm, a failed and
//! restored web tier, and a cut wire starving what is behind it.

use scalelab::model::config::ServiceTime;
use scalelab::model::{
    ComponentConfig, ComponentKind, Fault, FaultAction, FaultTarget, OutPort as O,
};
use scalelab::sim::{RunConfig, build};

use super::{builder, cache_and_database, diagram, run_to, said, users};

#[test]
fn injected_faults_take_effect_and_are_logged() {
    let mut b = builder(3);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(500.0, 1.0, 0.0, 0.0))
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
    // Room for every key: once warm, the cache hardly misses.
    let (cache, db) = cache_and_database(&mut b, web, None, |k| {
        k.capacity_keys = 10_000;
    });
    b.wire(us, O::Dynamic, web);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let warm = run_to(&mut sim, 120);
    let db_reads = |s: &scalelab::sim::MetricsSnapshot| {
        s.components.iter().find(|c| c.id == db.0).unwrap().arrivals
    };
    let before = run_to(&mut sim, 130);
    let misses_before = db_reads(&before) - db_reads(&warm);
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::FlushCache,
        target: FaultTarget::Component(cache),
    });
    let after = run_to(&mut sim, 140);
    let misses_after = db_reads(&after) - db_reads(&before);
    assert!(
        misses_after > 3 * misses_before + 500,
        "a flush sends a miss storm to the database: {misses_before} -> {misses_after}"
    );
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Fail,
        target: FaultTarget::Component(web),
    });
    let down = run_to(&mut sim, 145);
    assert!(down.overall.failed.unavailable > 2000);
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Restore,
        target: FaultTarget::Component(web),
    });
    let restored = run_to(&mut sim, 146);
    let healthy = run_to(&mut sim, 150);
    assert_eq!(healthy.overall.failed, restored.overall.failed);
    let log: Vec<String> = healthy.log.iter().map(said).collect();
    assert!(log.iter().any(|m| m.contains("miss storm")), "{log:?}");
    assert!(log.iter().any(|m| m.ends_with("failed")), "{log:?}");
    assert!(log.iter().any(|m| m.ends_with("restored")), "{log:?}");
    // Cutting the cache's miss wire starves the database; the log names the wire by its ends.
    let miss = b
        .diagram()
        .wires
        .iter()
        .find(|w| w.from.component == cache)
        .unwrap()
        .id;
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::CutLink,
        target: FaultTarget::Wire(miss),
    });
    let cut = run_to(&mut sim, 151);
    let starved = run_to(&mut sim, 155);
    assert_eq!(db_reads(&starved), db_reads(&cut));
    let cut_note = starved
        .log
        .iter()
        .find(|e| said(e).ends_with(" cut"))
        .unwrap();
    assert_eq!(said(cut_note), "wire Cache → Database cut");
    assert_eq!(cut_note.component, Some(cache.0));
}
