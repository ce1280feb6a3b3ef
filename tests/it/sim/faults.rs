//! Injected faults take effect and are logged: a cache flush's miss storm, a failed and
//! restored web tier, and a cut wire starving what is behind it; and every fault the context
//! menu offers on any kind of component has a measurable effect there (a fault the menu offers
//! but the engine ignores fails here). It does not check the size of an effect against theory
//! beyond the slow-down's factor.

use scalelab::model::config::{ServiceTime, SessionMode};
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Fault, FaultAction, FaultTarget, OutPort as O,
};
use scalelab::sim::{RunConfig, build};

use super::{
    assert_rel, builder, cache_and_database, component, diagram, finish, run_to, said, users,
};

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
    // A fault takes one of the four servers: nothing in front checks them, so a quarter of
    // the requests fail; four take them all.
    let fail = Fault {
        at_s: 0.0,
        action: FaultAction::Fail,
        target: FaultTarget::Component(web),
    };
    sim.inject(fail);
    let one_down = run_to(&mut sim, 142);
    let lost = one_down.overall.failed.unavailable - after.overall.failed.unavailable;
    let sent = one_down.overall.arrived - after.overall.arrived;
    assert_rel(lost as f64, sent as f64 / 4.0, 0.15, "a quarter fails");
    for _ in 0..3 {
        sim.inject(fail);
    }
    let down = run_to(&mut sim, 145);
    assert!(down.overall.failed.unavailable - one_down.overall.failed.unavailable > 1400);
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

/// One component of every kind, each carrying traffic: users -> DNS -> balancer -> web tier,
/// users' static requests -> CDN -> the same balancer; the stateless web tier reads through a
/// cache to a database and splits its keys over a database, a NoSQL store and a sharded
/// database, keeps sessions in a session store, publishes a job per write to a queue drained
/// by workers, and logs to a metrics sink. Light load (the web tier and the workers about 6 %
/// busy), so that a five-fold slow-down stretches service without tipping anything into
/// overload.
fn every_kind() -> (scalelab::model::Diagram, Vec<(ComponentKind, ComponentId)>) {
    let mut b = builder(19);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(50.0, 0.5, 0.3, 0.3))
        .id();
    let mut ids = vec![(ComponentKind::Users, us)];
    let mut add =
        |b: &mut scalelab::model::DiagramBuilder, kind, change: fn(&mut ComponentConfig)| {
            let id = b.add(kind).configure(change).id();
            ids.push((kind, id));
            id
        };
    let keep = |_: &mut ComponentConfig| {};
    let dns = add(&mut b, ComponentKind::Dns, keep);
    let cdn = add(&mut b, ComponentKind::Cdn, keep);
    let lb = add(&mut b, ComponentKind::LoadBalancer, keep);
    let web = add(&mut b, ComponentKind::WebServers, |c| {
        if let ComponentConfig::WebServers(w) = c {
            w.instances = 4;
            w.sessions = SessionMode::Stateless;
        }
    });
    let cache = add(&mut b, ComponentKind::Cache, keep);
    let sessions = add(&mut b, ComponentKind::SessionStore, keep);
    let db = add(&mut b, ComponentKind::Database, keep);
    let nosql = add(&mut b, ComponentKind::NoSql, keep);
    let sharded = add(&mut b, ComponentKind::ShardedDatabase, keep);
    let queue = add(&mut b, ComponentKind::MessageQueue, keep);
    let workers = add(&mut b, ComponentKind::Workers, |c| {
        if let ComponentConfig::Workers(w) = c {
            w.instances *= 4;
        }
    });
    let sink = add(&mut b, ComponentKind::MetricsSink, keep);
    b.wire(us, O::Dynamic, dns);
    b.wire(us, O::Static, cdn);
    b.wire(dns, O::Resolve, lb);
    b.wire(cdn, O::Origin, lb);
    b.wire(lb, O::Backends, web);
    b.wire(web, O::Data, cache);
    b.wire(web, O::Data, db);
    b.wire(web, O::Data, nosql);
    b.wire(web, O::Data, sharded);
    b.wire(cache, O::Miss, db);
    b.wire(web, O::Sessions, sessions);
    b.wire(web, O::Jobs, queue);
    b.wire(queue, O::Consumers, workers);
    b.wire(web, O::Logs, sink);
    (finish(b), ids)
}

/// A component's figures over the window between two snapshots of one run.
struct Window {
    arrivals: u64,
    completions: u64,
    /// Mean time spent there by the requests it served in the window (ms); NaN if none.
    latency_ms: f64,
    /// Busy servers over servers in the window.
    utilization: f64,
    /// Lookups and hits in the window (caches, CDN).
    lookups: (u64, u64),
    /// Whether it is up at the window's end.
    up: bool,
    /// Its nodes up and configured at the window's end (replicated stores).
    nodes: Option<(u32, u32)>,
    /// Requests that failed there in the window.
    errors: u64,
}

fn window(
    a: &scalelab::sim::MetricsSnapshot,
    b: &scalelab::sim::MetricsSnapshot,
    id: ComponentId,
) -> Window {
    let (x, y) = (component(a, id), component(b, id));
    let served = y.latency.count - x.latency.count;
    let lookups = |c: &scalelab::sim::metrics::ComponentMetrics| {
        c.lookups.map_or((0, 0), |l| (l.lookups, l.hits))
    };
    Window {
        arrivals: y.arrivals - x.arrivals,
        completions: y.completions - x.completions,
        latency_ms: (y.latency.mean_ms * y.latency.count as f64
            - x.latency.mean_ms * x.latency.count as f64)
            / served as f64,
        utilization: (y.utilization * b.time_s - x.utilization * a.time_s) / (b.time_s - a.time_s),
        lookups: (lookups(y).0 - lookups(x).0, lookups(y).1 - lookups(x).1),
        up: y.up,
        nodes: y.nodes.map(|n| (n.up, n.total)),
        errors: y.errors.total() - x.errors.total(),
    }
}

/// The mean end-to-end latency (ms) of the requests answered between two snapshots.
fn overall_latency_ms(
    a: &scalelab::sim::MetricsSnapshot,
    b: &scalelab::sim::MetricsSnapshot,
) -> f64 {
    let (x, y) = (&a.overall.latency, &b.overall.latency);
    (y.mean_ms * y.count as f64 - x.mean_ms * x.count as f64) / (y.count - x.count) as f64
}

/// Every fault the context menu offers on a component (asked of the menu itself, so a fault
/// newly offered on a kind is covered here at once) has a measurable effect on a small diagram
/// where that kind carries traffic, compared with the same run without it (the same seed: the
/// two runs are identical up to the fault at 10 s). Fail: the component is down and what it
/// serves stops (or, for a store of several nodes, one node is down and the others serve);
/// Restore after a Fail: it serves as before; Slow ×5: its
/// busy time (or, for a part that never queues, its answer time) five-fold; Flush: its hit
/// ratio drops; Deploy assets: the edge's origin fetches rise. And every fault it offers on each
/// wire: Cut, what is behind the wire stops getting what it carried; Restore after a Cut, it
/// gets it again.
#[test]
fn every_fault_the_menu_offers_does_something() {
    use scalelab::editor::context_menu::{MenuEntry, entries};
    use scalelab::editor::selection::Selectable;
    let (d, ids) = every_kind();
    let run = |faults: &[(u64, FaultAction, FaultTarget)], marks: &[u64]| {
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let mut faults = faults.iter().peekable();
        let mut snaps = Vec::new();
        for &t in marks {
            while let Some(&&(at, action, target)) = faults.peek()
                && at <= t
            {
                run_to(&mut sim, at);
                sim.inject(Fault {
                    at_s: 0.0,
                    action,
                    target,
                });
                faults.next();
            }
            snaps.push(run_to(&mut sim, t));
        }
        snaps
    };
    let marks = [10, 20, 30, 40];
    let base = run(&[], &marks);
    let mut checked = 0;
    for &(kind, id) in &ids {
        let on = FaultTarget::Component(id);
        let before = window(&base[0], &base[1], id);
        assert!(
            before.arrivals > 40,
            "{kind:?} carries traffic: {} arrivals",
            before.arrivals
        );
        for entry in entries(&d, Some(Selectable::Component(id))) {
            let MenuEntry::Fault(action) = entry else {
                continue;
            };
            let what = format!("{action:?} on {kind:?}");
            match action {
                FaultAction::Fail => {
                    let s = run(&[(10, action, on)], &marks);
                    let after = window(&s[0], &s[1], id);
                    match after.nodes {
                        // One node of several fails: the others serve its keys (or sessions),
                        // and the figure of nodes up says one is gone.
                        Some((up, total)) if total > 1 => {
                            assert_eq!(up, total - 1, "{what}: nodes up");
                            assert!(after.up, "{what}: down whole");
                        }
                        // One shard's primary fails: the other shards serve their keys, and
                        // that shard's writes fail until a replica is promoted.
                        _ if kind == ComponentKind::ShardedDatabase => {
                            assert!(after.up, "{what}: down whole");
                            assert!(after.errors > 0, "{what}: no write failed");
                            assert!(after.completions > 0, "{what}: no shard served");
                        }
                        _ => {
                            assert!(!after.up, "{what}: still up");
                            assert!(
                                after.completions * 10 < before.completions,
                                "{what}: served {} (before {})",
                                after.completions,
                                before.completions
                            );
                        }
                    }
                }
                FaultAction::Restore => {
                    let s = run(&[(10, FaultAction::Fail, on), (20, action, on)], &marks);
                    let (after, usual) = (window(&s[2], &s[3], id), window(&base[2], &base[3], id));
                    assert!(after.up, "{what}: still down");
                    // A cache or an edge comes back empty: it takes its traffic again at once,
                    // and answers more of it as it refills.
                    let served = if matches!(kind, ComponentKind::Cache | ComponentKind::Cdn) {
                        (after.arrivals, usual.arrivals)
                    } else {
                        (after.completions, usual.completions)
                    };
                    assert!(
                        served.0 * 10 >= served.1 * 8 && after.completions > 0,
                        "{what}: serves {} of {} (without the fault {} of {})",
                        after.completions,
                        after.arrivals,
                        usual.completions,
                        usual.arrivals
                    );
                }
                FaultAction::Slow { factor } => {
                    let s = run(&[(10, action, on)], &marks);
                    let after = window(&s[0], &s[1], id);
                    match kind {
                        // An edge never queues: its answer time is the figure slowed; a
                        // queue's time is its enqueue, which the slow-down stretches.
                        ComponentKind::Cdn | ComponentKind::MessageQueue => {
                            assert_rel(after.latency_ms / before.latency_ms, factor, 0.02, &what)
                        }
                        // A balancer without a capacity neither queues nor keeps a latency
                        // figure of its own: every request it forwards takes (factor - 1) x
                        // its added latency longer end to end, and nothing behind it changes
                        // (its backends see the same arrivals, shifted).
                        ComponentKind::LoadBalancer => {
                            let share = before.completions as f64
                                / (base[1].overall.completed - base[0].overall.completed) as f64;
                            let added = scalelab::model::config::SAME_DC_RTT_MS;
                            assert_rel(
                                overall_latency_ms(&s[0], &s[1])
                                    - overall_latency_ms(&base[0], &base[1]),
                                (factor - 1.0) * added * share,
                                0.1,
                                &what,
                            );
                        }
                        // A queueing part: each service takes `factor` times as long, so at
                        // light load its busy share grows `factor`-fold.
                        _ => {
                            assert_rel(after.utilization / before.utilization, factor, 0.15, &what)
                        }
                    }
                }
                FaultAction::FlushCache => {
                    let s = run(&[(10, action, on)], &marks);
                    let after = window(&s[0], &s[1], id);
                    let ratio = |l: (u64, u64)| l.1 as f64 / l.0 as f64;
                    assert!(
                        ratio(after.lookups) < 0.8 * ratio(before.lookups),
                        "{what}: hit ratio {:?} (before {:?})",
                        after.lookups,
                        before.lookups
                    );
                }
                FaultAction::DeployAssets => {
                    let s = run(&[(10, action, on)], &marks);
                    let after = window(&s[0], &s[1], id);
                    let misses = |l: (u64, u64)| l.0 - l.1;
                    assert!(
                        misses(after.lookups) > misses(before.lookups),
                        "{what}: origin fetches {:?} (before {:?})",
                        after.lookups,
                        before.lookups
                    );
                }
                FaultAction::AddShard => {
                    // The copy of the moved keys is work at the shards: they are busier while
                    // it runs (the new shard's servers counted from when it was added).
                    let s = run(&[(10, action, on)], &marks);
                    let after = window(&s[0], &s[1], id);
                    assert!(
                        after.utilization > 1.5 * before.utilization,
                        "{what}: utilization {} (before {})",
                        after.utilization,
                        before.utilization
                    );
                    let r = component(&s[1], id).resharding.expect("resharded");
                    assert_eq!(r.to_shards, r.from_shards + 1, "{what}");
                    assert!(r.keys_moved > 0, "{what}");
                }
                FaultAction::CutLink => panic!("{what}: a wire's fault offered on a component"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} (fault, kind) pairs checked");
    let mut checked = 0;
    // A wire's faults: cut, what is behind it stops getting what the wire carried (all of it
    // for a component fed by that wire alone); restored after a cut, it gets it again.
    for w in &d.wires {
        let to = w.to.component;
        let feeds = d.wires.iter().filter(|x| x.to.component == to).count();
        let before = window(&base[0], &base[1], to);
        let on = FaultTarget::Wire(w.id);
        for entry in entries(&d, Some(Selectable::Wire(w.id))) {
            let MenuEntry::Fault(action) = entry else {
                continue;
            };
            let what = format!("{action:?} on the wire {:?} -> {:?}", w.from, w.to);
            match action {
                FaultAction::CutLink => {
                    let s = run(&[(10, action, on)], &marks);
                    let after = window(&s[0], &s[1], to);
                    let left = if feeds == 1 { 0.1 } else { 0.9 };
                    assert!(
                        (after.arrivals as f64) < left * before.arrivals as f64,
                        "{what}: {} arrivals behind it (before {})",
                        after.arrivals,
                        before.arrivals
                    );
                }
                FaultAction::Restore => {
                    let s = run(&[(10, FaultAction::CutLink, on), (20, action, on)], &marks);
                    let (after, usual) = (window(&s[2], &s[3], to), window(&base[2], &base[3], to));
                    assert!(
                        after.arrivals * 10 >= usual.arrivals * 8,
                        "{what}: {} arrivals behind it (without the cut {})",
                        after.arrivals,
                        usual.arrivals
                    );
                }
                FaultAction::Fail
                | FaultAction::Slow { .. }
                | FaultAction::FlushCache
                | FaultAction::DeployAssets
                | FaultAction::AddShard => {
                    panic!("{what}: a component's fault offered on a wire")
                }
            }
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        2 * d.wires.len(),
        "every wire can be cut and restored"
    );
}

/// A fault that means nothing for its target (scheduled by an older file: the menu no longer
/// offers it) is not applied, and the log does not claim an effect the run cannot show.
#[test]
fn a_fault_that_does_not_apply_is_neither_applied_nor_logged() {
    let mut b = builder(7);
    let population = b
        .add(ComponentKind::Users)
        .configure(users(100.0, 0.0, 0.0, 0.0))
        .id();
    let dns = b.add(ComponentKind::Dns).id();
    let web = b.add(ComponentKind::WebServers).id();
    b.wire(population, O::Dynamic, dns);
    b.wire(dns, O::Resolve, web);
    let d = diagram(&b);
    let mut sim = build(d, &RunConfig::default()).unwrap();
    for (action, target) in [
        (FaultAction::Slow { factor: 5.0 }, dns),
        (FaultAction::Fail, population),
    ] {
        sim.inject(Fault {
            at_s: 0.0,
            action,
            target: FaultTarget::Component(target),
        });
    }
    let s = run_to(&mut sim, 10);
    let log: Vec<String> = s.log.iter().map(said).collect();
    assert!(log.is_empty(), "{log:?}");
    assert_eq!(s.overall.failed.total(), 0);
    assert!(
        s.overall.completed > 500,
        "users kept sending: {}",
        s.overall.completed
    );
}

/// A snapshot lists every fault applied so far, scheduled or injected live, at the time it took
/// effect, and none that has not happened yet: the charts mark them where they fall.
#[test]
fn a_snapshot_lists_the_faults_applied_so_far_at_the_time_each_took_effect() {
    let (mut b, web) = super::one_tier(8, 200.0, super::web_config(|w| w.instances = 4));
    let slow = FaultAction::Slow { factor: 5.0 };
    super::schedule(
        &mut b,
        FaultTarget::Component(web),
        [
            (20.0, FaultAction::Fail),
            (40.0, FaultAction::Restore),
            (90.0, FaultAction::Fail),
        ],
    );
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    assert_eq!(run_to(&mut sim, 10).faults, []);
    let early = run_to(&mut sim, 30);
    assert_eq!(early.faults.len(), 1);
    assert_eq!(early.faults[0].at_s, 20.0);
    assert_eq!(early.faults[0].action, FaultAction::Fail);
    run_to(&mut sim, 52);
    // Injected live, its time is when the run took it, whatever the fault said.
    super::fault(&mut sim, slow, web);
    let s = run_to(&mut sim, 60);
    let listed: Vec<(f64, FaultAction)> = s.faults.iter().map(|f| (f.at_s, f.action)).collect();
    assert_eq!(
        listed,
        [
            (20.0, FaultAction::Fail),
            (40.0, FaultAction::Restore),
            (52.0, slow)
        ]
    );
    assert!(
        s.faults
            .iter()
            .all(|f| f.target == FaultTarget::Component(web))
    );
}
