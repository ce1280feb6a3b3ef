//! Datacenters in regions: GeoDNS stops sending users to a failed datacenter within detection
//! plus the record TTL, the datacenters' figures say when, and a database's copy in another
//! datacenter lags by the one-way delay plus its apply queue, is promoted when the leader's
//! datacenter fails (counting the writes it never got), and falls behind while its
//! `replicate` wire is cut.

use scalelab::model::DiagramBuilder;
use scalelab::model::config::{ServiceTime, SessionMode};
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Fault, FaultAction, FaultTarget, GroupId,
    OutPort as O, Region,
};
use scalelab::sim::{MetricsSnapshot, RunConfig, build};

use super::{
    assert_rel, builder, component, diagram, run_to, said, schedule, seeded, users, web_config,
};

#[test]
fn datacenter_outage_heals_within_detection_plus_dns_ttl() {
    let mut b = builder(5);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(200.0, 0.9, 0.1, 0.0))
        .id();
    let dns = b.add(ComponentKind::Dns).id(); // 30 s x 3 checks, TTL 60 s
    let dc1 = b.group(Region::NorthAmerica).id();
    let dc2 = b.group(Region::Europe).id();
    b.wire(us, O::Dynamic, dns);
    for dc in [dc1, dc2] {
        let lb = b.add(ComponentKind::LoadBalancer).group(dc).id();
        let web = b
            .add(ComponentKind::WebServers)
            .group(dc)
            .configure(|c| {
                if let ComponentConfig::WebServers(w) = c {
                    w.instances = 4;
                    w.sessions = SessionMode::Stateless;
                }
            })
            .id();
        let db = b.add(ComponentKind::Database).group(dc).id();
        b.wire(dns, O::Resolve, lb);
        b.wire(lb, O::Backends, web);
        b.wire(web, O::Data, db);
    }
    b.scenario_mut().faults.push(Fault {
        at_s: 100.0,
        action: FaultAction::Fail,
        target: FaultTarget::Group(dc1),
    });
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 100);
    assert_eq!(before.overall.failed.total(), 0, "healthy until the outage");
    assert!(
        before.datacenters[0].share > 0.99,
        "GeoDNS sends NA users to the NA datacenter"
    );
    let during = run_to(&mut sim, 120);
    assert!(
        during.overall.failed.unavailable > 0,
        "cached DNS answers still point at DC1"
    );
    // Worst case: 3 checks x 30 s + 60 s TTL = 150 s after the failure.
    let healed = run_to(&mut sim, 100 + 150 + 1);
    let later = run_to(&mut sim, 400);
    assert_eq!(
        later.overall.failed.total(),
        healed.overall.failed.total(),
        "no failure after detection + TTL"
    );
    assert!(later.datacenters[1].requests - healed.datacenters[1].requests > 25_000);
    let lost_window = healed.overall.failed.total() as f64 / 200.0;
    assert!(
        lost_window > 60.0 && lost_window < 150.0,
        "about {lost_window:.0} s of traffic lost, between one TTL and the worst case"
    );
}

#[test]
fn datacenter_figures_say_when_dns_stops_sending_users_to_a_failed_one() {
    let mut b = builder(5);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(100.0, 1.0, 0.0, 0.0))
        .id();
    let dns = b.add(ComponentKind::Dns).id(); // 30 s x 3 checks, TTL 60 s
    let dc1 = b.group(Region::NorthAmerica).id();
    let dc2 = b.group(Region::Europe).id();
    b.wire(us, O::Dynamic, dns);
    for dc in [dc1, dc2] {
        let lb = b.add(ComponentKind::LoadBalancer).group(dc).id();
        let web = b
            .add(ComponentKind::WebServers)
            .group(dc)
            .configure(web_config(|w| w.instances = 2))
            .id();
        b.wire(dns, O::Resolve, lb);
        b.wire(lb, O::Backends, web);
    }
    b.scenario_mut().faults.push(Fault {
        at_s: 100.0,
        action: FaultAction::Fail,
        target: FaultTarget::Group(dc1),
    });
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 99);
    assert!(
        before
            .datacenters
            .iter()
            .all(|d| d.up && d.in_dns == Some(true))
    );
    // Failed, but DNS has not noticed yet: it still answers with DC1.
    let during = run_to(&mut sim, 110);
    assert!(!during.datacenters[0].up);
    assert_eq!(during.datacenters[0].in_dns, Some(true));
    // Three failed checks 30 s apart: out of the answers within 100 s of the failure.
    let noticed = run_to(&mut sim, 200);
    assert_eq!(noticed.datacenters[0].in_dns, Some(false));
    assert_eq!(noticed.datacenters[1].in_dns, Some(true));
    // Restored: back in the answers once a check succeeds.
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Restore,
        target: FaultTarget::Group(dc1),
    });
    let back = run_to(&mut sim, 240);
    assert!(back.datacenters[0].up);
    assert_eq!(back.datacenters[0].in_dns, Some(true));
}

/// Two datacenters, each with users, a web tier and a database; DC1's database ships its
/// writes to DC2's (`replicate`). Returns (builder, DC1, leader, copy).
fn two_regions(seed: u64) -> (DiagramBuilder, GroupId, ComponentId, ComponentId) {
    let mut b = builder(seed);
    let mut dbs = Vec::new();
    let mut dcs = Vec::new();
    for region in [Region::NorthAmerica, Region::Europe] {
        let dc = b.group(region).id();
        let us = b
            .add(ComponentKind::Users)
            .configure(|c| {
                users(300.0, 0.5, 0.5, 0.0)(c);
                if let ComponentConfig::Users(u) = c {
                    u.region = region;
                }
            })
            .id();
        let web = b
            .add(ComponentKind::WebServers)
            .group(dc)
            .configure(web_config(|w| w.instances = 4))
            .id();
        let db = b.add(ComponentKind::Database).group(dc).id();
        b.wire(us, O::Dynamic, web);
        b.wire(web, O::Data, db);
        dbs.push(db);
        dcs.push(dc);
    }
    b.wire(dbs[0], O::Replicate, dbs[1]);
    (b, dcs[0], dbs[0], dbs[1])
}

fn log_entry(s: &MetricsSnapshot, words: &str) -> Option<String> {
    s.log
        .iter()
        .find(|e| said(e).contains(words))
        .map(|e| format!("{:.0} s: {}", e.time_s, said(e)))
}

/// [`two_regions`] with DC1 failing at 60.5 s and restored at `restore_s`: (simulation, DC1's
/// database, DC2's).
fn dc1_outage(seed: u64, restore_s: f64) -> (scalelab::sim::Simulation, ComponentId, ComponentId) {
    let (mut b, dc1, leader, copy) = two_regions(seed);
    schedule(
        &mut b,
        FaultTarget::Group(dc1),
        [(60.5, FaultAction::Fail), (restore_s, FaultAction::Restore)],
    );
    (
        build(diagram(&b), &RunConfig::default()).unwrap(),
        leader,
        copy,
    )
}

/// The chapter's data synchronization: the copy in the surviving datacenter takes the writes
/// after detection and promotion, the writes it never received are counted lost, and the old
/// leader comes back as a copy that catches up.
#[test]
fn the_copy_in_the_surviving_datacenter_is_promoted_and_counts_the_writes_it_never_got() {
    let (mut sim, leader, copy) = dc1_outage(31, 200.0);
    // Just before the failure: the copy's backlog is what the take-over will lose (docs/fidelity.md#lost-writes-at-failover:
    // lost writes = the promoted replica's backlog at the moment of failure).
    sim.step_until(60_500_000_000 - 1, u64::MAX);
    let before = sim.snapshot();
    let r = component(&before, copy)
        .region_copy
        .clone()
        .expect("a copy");
    assert!(!r.leading && r.leader == leader.0);
    let backlog = r.lag_ops.unwrap();
    // Europe's writes cross to the leader: it serves both regions' writes.
    let served = component(&before, leader).completions;
    assert!(served > 60 * 450, "{served} at the leader");
    assert_eq!(before.overall.failed.total(), 0);

    // Lost: checks every 5 s (65, 70, 75 s) and 30 s of promotion: Europe's copy leads at 105 s.
    let during = run_to(&mut sim, 100);
    let plan = log_entry(&during, "takes the writes at 105 s").expect("a take-over planned");
    assert!(plan.contains("its copy"), "{plan}");
    let waiting = component(&during, copy).region_copy.clone().unwrap();
    assert_eq!(waiting.takeover.as_ref().map(|t| t.1), Some(105.0));
    // Until then Europe's writes fail at the unreachable leader.
    let refused = component(&during, leader).errors.unavailable;
    assert!(refused > 30 * 100, "{refused} writes refused");

    let after = run_to(&mut sim, 180);
    let promoted = log_entry(&after, "promoted").expect("a promotion");
    let lost = after.overall.lost_writes;
    assert!(lost > 0, "writes in flight to Europe are lost");
    assert_eq!(lost, backlog);
    assert!(
        promoted.contains(&format!("{lost} acknowledged writes")),
        "{promoted}"
    );
    let r = component(&after, copy).region_copy.clone().unwrap();
    assert!(r.leading && r.leader == copy.0 && r.takeover.is_none());
    // Europe writes locally now: no new failures there.
    let later = run_to(&mut sim, 190);
    assert_eq!(
        component(&later, leader).errors.unavailable,
        component(&after, leader).errors.unavailable,
        "nothing reaches the failed leader any more"
    );
    assert!(component(&later, copy).completions > component(&after, copy).completions + 2_000);

    // DC1 back: its database follows Europe's and catches up.
    let back = run_to(&mut sim, 230);
    let caught = log_entry(&back, "back as a copy of").expect("the old leader rejoins");
    assert!(caught.contains("writes to catch up on"), "{caught}");
    let r = component(&back, leader).region_copy.clone().unwrap();
    assert!(!r.leading && r.leader == copy.0, "{r:?}");
    assert!(r.lag_ops.unwrap() < 50, "caught up: {r:?}");
    assert_eq!(back.overall.lost_writes, lost, "nothing more lost");
}

/// A leader back before its copy took over keeps leading, and nothing is lost.
#[test]
fn a_leader_back_before_the_take_over_keeps_its_writes() {
    let (mut sim, leader, copy) = dc1_outage(32, 70.0);
    let s = run_to(&mut sim, 150);
    assert!(log_entry(&s, "back before its copy took over").is_some());
    assert!(log_entry(&s, "promoted").is_none());
    assert_eq!(s.overall.lost_writes, 0);
    let r = component(&s, copy).region_copy.clone().unwrap();
    assert!(!r.leading && r.leader == leader.0);
    assert!(r.lag_ops.unwrap() < 50);
}

/// A cut `replicate` wire holds the writes back (the copy falls behind); mending it sends
/// them, in order, and the copy catches up.
#[test]
fn a_cut_replicate_wire_lets_the_copy_fall_behind_until_it_is_mended() {
    let (b, _, leader, copy) = two_regions(33);
    let wire = b
        .diagram()
        .wires
        .iter()
        .find(|w| w.from.port == O::Replicate)
        .unwrap()
        .id;
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    run_to(&mut sim, 20);
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::CutLink,
        target: FaultTarget::Wire(wire),
    });
    let cut = run_to(&mut sim, 40);
    let r = component(&cut, copy).region_copy.clone().unwrap();
    // About 300 writes/s for 20 s never reached it.
    assert!(r.lag_ops.unwrap() > 5_000, "{r:?}");
    assert!(r.lag_ms.unwrap() > 19_000.0, "{r:?}");
    assert_eq!(
        component(&cut, leader).errors.total(),
        0,
        "the leader goes on"
    );
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Restore,
        target: FaultTarget::Wire(wire),
    });
    // 6,000 writes at 1,000 applies/s, with 300/s still coming: caught up within ~9 s.
    let mended = run_to(&mut sim, 55);
    let r = component(&mended, copy).region_copy.clone().unwrap();
    assert!(r.lag_ops.unwrap() < 50, "{r:?}");
}

/// A copy of a database in another datacenter: the leader's writes reach it after the one-way
/// cross-region delay (40 ms between North America and Europe) and queue on its single apply
/// thread, so its lag is the M/M/1 replica lag with that delay, and the share of reads served
/// there that miss the key's latest write follows the same key-mix average as local replicas.
/// Writers in one region, readers in the other, the same key mix.
#[test]
fn a_copy_in_another_region_lags_by_the_one_way_delay_plus_its_apply_queue() {
    use scalelab::model::ComponentKind as K;
    use scalelab::sim::theory;
    // (seed, writes/s in America, applies/s of the copy, keys, alpha)
    for (seed, writes, apply, keys, alpha) in [
        (150, 400.0, 1_000.0, 1_000, 0.8),
        (151, 150.0, 200.0, 10_000, 1.0),
    ] {
        let mut b = builder(seeded(seed));
        let fast = |c: &mut ComponentConfig| match c {
            ComponentConfig::WebServers(w) => {
                w.instances = 10;
                w.concurrency_per_instance = 64;
                w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
            }
            ComponentConfig::Database(d) => {
                d.concurrency_per_node = 64;
                d.apply_rate_per_s = apply;
            }
            ComponentConfig::Users(u) => {
                u.key_space = keys;
                u.zipf_alpha = alpha;
            }
            _ => {}
        };
        let mut tier = |region, rate, read, write| {
            let dc = b.group(region).id();
            let us = b
                .add(K::Users)
                .configure(|c| {
                    users(rate, read, write, 0.0)(c);
                    fast(c);
                    if let ComponentConfig::Users(u) = c {
                        u.region = region;
                    }
                })
                .id();
            let web = b.add(K::WebServers).group(dc).configure(fast).id();
            let db = b.add(K::Database).group(dc).configure(fast).id();
            b.wire(us, O::Dynamic, web);
            b.wire(web, O::Data, db);
            db
        };
        let leader = tier(Region::NorthAmerica, writes, 0.0, 1.0);
        let copy = tier(Region::Europe, 2_000.0, 1.0, 0.0);
        b.wire(leader, O::Replicate, copy);
        let mut sim = build(diagram(&b), &RunConfig::default()).expect("builds");
        let snap = run_to(&mut sim, 300);
        let m = snap.components.iter().find(|c| c.id == copy.0).unwrap();
        let r = m.region_copy.as_ref().expect("a copy");
        assert!(!r.leading);
        assert_eq!(r.leader, leader.0);
        assert!(r.applies > 40_000, "{} applies", r.applies);
        assert_eq!(snap.overall.failed.total(), 0, "nothing fails");
        let lag = theory::replica_lag_ms(writes, apply, 40.0).unwrap();
        assert_rel(r.mean_lag_ms.unwrap(), lag, 0.03, "mean cross-region lag");
        let want =
            theory::replica_stale_share(writes, apply, 40.0, &theory::zipf_buckets(keys, alpha))
                .unwrap();
        assert!(r.reads > 500_000, "{} reads at the copy", r.reads);
        assert_rel(
            r.stale_reads as f64 / r.reads as f64,
            want,
            0.05,
            &format!("stale share at the copy, {writes} writes, {apply} applies/s"),
        );
    }
}
