//! Sharding: modulo remapping counts exactly, consistent hashing moves 1 / (n + 1) of the
//! keys, virtual nodes shrink the ring's imbalance, and a celebrity key makes a hot shard; a
//! whole sharded database in a run: its shards' loads are the Zipf sums of its key-to-shard
//! mapping, its shard replicas serve reads, and a failed shard fails over (or, with no
//! replica, stays down until restored); a shard added during a run moves what theory says
//! (modulo exactly, a ring 1/(N+1) on average) and its copy loads the shards until it ends.

use scalelab::model::config::{ServiceTime, ShardingStrategy};
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget,
    OutPort as O,
};
use scalelab::sim::log::LogEvent;
use scalelab::sim::rng::{SimRng, Zipf, harmonic};
use scalelab::sim::sharding::{ShardMap, imbalance, keys_moved, modulo_moved_fraction};
use scalelab::sim::{MetricsSnapshot, RunConfig, build};

use super::{assert_abs, assert_rel, builder, component, fault, finish, run_to, seeded, users};

#[test]
fn modulo_remap_counts_are_exact() {
    for (a, b) in [(10u32, 11u32), (10, 12), (4, 5), (3, 6), (8, 4)] {
        let keys = 660_000u64; // a multiple of every lcm above
        let moved = keys_moved(&ShardMap::modulo(a), &ShardMap::modulo(b), 0..keys);
        let want = modulo_moved_fraction(a, b) * keys as f64;
        assert_eq!(moved as f64, want.round(), "{a} -> {b} shards");
    }
    assert_abs(modulo_moved_fraction(10, 11), 0.9091, 0.00005, "10 -> 11");
    assert_abs(modulo_moved_fraction(10, 12), 0.8333, 0.00005, "10 -> 12");
}

#[test]
fn consistent_hash_remap_is_one_over_n_plus_one() {
    for (n, v) in [(10u32, 100u32), (5, 50), (20, 10)] {
        let seeds = 100;
        let keys = 20_000u64;
        let mut moved_keys = 0.0;
        let mut moved_share = 0.0;
        for seed in 0..seeds {
            let from = ShardMap::consistent(n, v, seeded(seed));
            let to = from.resized(n + 1);
            let base = seed * 1_000_003;
            moved_keys += keys_moved(&from, &to, base..base + keys) as f64 / keys as f64;
            if let ShardMap::Consistent(r) = &to {
                moved_share += r.ownership()[n as usize];
            }
        }
        let want = 1.0 / (n as f64 + 1.0);
        let what = format!("{n} -> {} shards, v = {v}", n + 1);
        assert_rel(
            moved_keys / seeds as f64,
            want,
            0.15,
            &format!("{what}, keys moved"),
        );
        assert_rel(
            moved_share / seeds as f64,
            want,
            0.15,
            &format!("{what}, ring share"),
        );
    }
}

#[test]
fn ring_imbalance_shrinks_with_virtual_nodes() {
    let n = 10u32;
    let seeds = 100u64;
    for v in [1u32, 10, 100, 1000] {
        let (mut max_mean, mut cv) = (0.0, 0.0);
        for seed in 0..seeds {
            if let ShardMap::Consistent(r) = ShardMap::consistent(n, v, seeded(1000 + seed)) {
                let (m, c) = imbalance(&r.ownership());
                max_mean += m;
                cv += c * c;
            }
        }
        max_mean /= seeds as f64;
        let cv = (cv / seeds as f64).sqrt();
        let want_cv = ((n as f64 - 1.0) / n as f64).sqrt() / (v as f64).sqrt();
        assert_rel(cv, want_cv, 0.15, &format!("std/mean of load, v = {v}"));
        if v == 1 {
            assert_rel(
                max_mean,
                harmonic(n as u64, 1.0),
                0.15,
                "E[max/mean], v = 1",
            );
        }
    }
}

#[test]
fn celebrity_key_makes_a_hot_shard() {
    let z = Zipf::new(1_000_000, 1.0);
    let p1 = z.probability(0);
    assert_abs(p1, 0.0695, 0.00005, "p1 = 1 / H(1e6, 1)");
    assert_rel(p1, 1.0 / harmonic(1_000_000, 1.0), 1e-9, "p1 = 1 / H");
    for (seed, shards, map) in [
        (90, 10u32, ShardMap::modulo(10)),
        (91, 10, ShardMap::consistent(10, 200, 5)),
        (92, 4, ShardMap::modulo(4)),
    ] {
        // Modulo spreads the other keys evenly; a ring spreads them by its arcs.
        let s = shards as f64;
        let rest_share = match &map {
            ShardMap::Consistent(r) => r.ownership()[map.shard_for(0) as usize],
            ShardMap::Modulo { .. } => 1.0 / s,
        };
        // The celebrity with its Zipf share, everyone else spread evenly over other keys.
        let mut rng = SimRng::stream(seeded(seed), 0, "requests");
        let mut load = vec![0u64; shards as usize];
        let requests = 4_000_000;
        for _ in 0..requests {
            let key = if rng.chance(p1) {
                0
            } else {
                1 + rng.below(999_999)
            };
            load[map.shard_for(key) as usize] += 1;
        }
        let hot = map.shard_for(0) as usize;
        let mean = requests as f64 / s;
        let what = format!("hot shard, {shards} shards, seed {seed}");
        assert_rel(
            load[hot] as f64 / mean,
            s * (p1 + (1.0 - p1) * rest_share),
            0.01,
            &what,
        );
        assert_rel(
            load[hot] as f64 / mean,
            s * (p1 + (1.0 - p1) / s),
            0.10,
            &what,
        );
    }
    // Real Zipf traffic: each shard's load is the popularity its keys sum to.
    let map = ShardMap::consistent(10, 100, 9);
    let mut expected = [0.0f64; 10];
    for k in 0..z.keys() {
        expected[map.shard_for(k) as usize] += z.probability(k);
    }
    let mut rng = SimRng::stream(seeded(93), 0, "requests");
    let mut load = [0u64; 10];
    let requests = 4_000_000;
    for _ in 0..requests {
        load[map.shard_for(z.sample(&mut rng)) as usize] += 1;
    }
    for s in 0..10 {
        assert_rel(
            load[s] as f64 / requests as f64,
            expected[s],
            0.01,
            "Zipf shard load",
        );
    }
    let hot = map.shard_for(0) as usize;
    assert!(
        load[hot] as f64 / requests as f64 >= p1,
        "the celebrity's shard carries it"
    );
}

/// Users -> web (never the bottleneck) -> a sharded database of `shards` shards placed by
/// `strategy`, each with `replicas` replicas and 8 threads of 1 ms (exponential); the users
/// send `rate` requests/s, `write` of them writes, the rest reads, over 10,000 keys with Zipf
/// exponent `alpha`, and `celebrity` of the requests aim at key 0.
#[allow(clippy::too_many_arguments)]
fn sharded(
    seed: u64,
    rate: f64,
    write: f64,
    alpha: f64,
    celebrity: f64,
    shards: u32,
    replicas: u32,
    strategy: ShardingStrategy,
) -> (Diagram, ComponentId) {
    let mut b = builder(seed);
    let us = b
        .add(ComponentKind::Users)
        .configure(move |c| {
            users(rate, 1.0 - write, write, 0.0)(c);
            if let ComponentConfig::Users(u) = c {
                u.key_space = 10_000;
                u.zipf_alpha = alpha;
                u.celebrity_keys = u32::from(celebrity > 0.0);
                u.celebrity_share = celebrity;
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
    let db = b
        .add(ComponentKind::ShardedDatabase)
        .configure(move |c| {
            if let ComponentConfig::ShardedDatabase(s) = c {
                s.shards = shards;
                s.strategy = strategy;
                s.replicas_per_shard = replicas;
                s.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
                s.concurrency_per_shard = 8;
            }
        })
        .id();
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Data, db);
    (finish(b), db)
}

#[test]
fn a_whole_run_sharded_database_loads_its_shards_by_the_zipf_sums_of_its_mapping() {
    // The engine places keys with `ShardMap` (documented in `sim::sharding`): modulo, or a
    // ring seeded with the run's seed xor the component's id.
    let seed = 61;
    for (shards, strategy) in [
        (4u32, ShardingStrategy::Modulo),
        (6, ShardingStrategy::ConsistentHashing { virtual_nodes: 20 }),
    ] {
        let (celebrity, alpha) = (0.2, 0.9);
        let (d, db) = sharded(seed, 4_000.0, 0.1, alpha, celebrity, shards, 2, strategy);
        let map = match strategy {
            ShardingStrategy::Modulo => ShardMap::modulo(shards),
            ShardingStrategy::ConsistentHashing { virtual_nodes } => {
                ShardMap::consistent(shards, virtual_nodes, seed ^ db.0 as u64)
            }
        };
        // A request's key is the celebrity (key 0) with probability 0.2, else a Zipf key: a
        // shard's share is 0.2 if it holds key 0, plus 0.8 x the Zipf probabilities of its keys.
        let z = Zipf::new(10_000, alpha);
        let mut expected = vec![0.0f64; shards as usize];
        for k in 0..z.keys() {
            expected[map.shard_for(k) as usize] += (1.0 - celebrity) * z.probability(k);
        }
        expected[map.shard_for(0) as usize] += celebrity;
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 60);
        assert_eq!(s.overall.failed.total(), 0);
        let load = &component(&s, db).shard_load;
        assert_eq!(load.len(), shards as usize);
        let n: u64 = load.iter().sum();
        assert!(n > 200_000, "{n} requests reached the shards");
        // Each request lands on shard k independently with probability p_k, so its count's
        // share has standard deviation sqrt(p_k (1 - p_k) / n): allow five of them.
        for (k, (&got, &p)) in load.iter().zip(&expected).enumerate() {
            let sd = (p * (1.0 - p) / n as f64).sqrt();
            assert_abs(
                got as f64 / n as f64,
                p,
                5.0 * sd,
                &format!("{shards} shards ({strategy:?}): shard {k}'s share"),
            );
        }
        let hot = map.shard_for(0) as usize;
        let hottest = (0..load.len()).max_by_key(|&k| load[k]).unwrap();
        assert_eq!(
            hottest, hot,
            "the celebrity's shard is the hottest: {load:?}"
        );
        assert!(load[hot] as f64 / n as f64 > celebrity + (1.0 - celebrity) / shards as f64);
    }
}

#[test]
fn shard_replicas_serve_reads_so_each_station_is_less_busy() {
    // Reads only, uniform keys: 4,000 reads/s x 1 ms spread over the stations that serve
    // reads, 8 threads each; utilization is over every station of the 4 shards (primary and
    // replicas), so it is 4,000 x 0.001 / (4 x 8 x (1 + r)): 0.125, 0.0625, 0.03125.
    let mut seen = Vec::new();
    for replicas in [0u32, 1, 3] {
        let (d, db) = sharded(
            62,
            4_000.0,
            0.0,
            0.0,
            0.0,
            4,
            replicas,
            ShardingStrategy::Modulo,
        );
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 60);
        assert_eq!(s.overall.failed.total(), 0);
        let c = component(&s, db);
        let want = 4.0 / (32.0 * (1.0 + replicas as f64));
        assert_rel(c.utilization, want, 0.05, &format!("{replicas} replicas"));
        seen.push(c.utilization);
    }
    assert!(seen[0] > seen[1] && seen[1] > seen[2], "{seen:?}");
}

/// The shard a `Fail` took and when its replica takes the writes, from the run log.
fn failed_shard(s: &MetricsSnapshot) -> Option<(u32, Option<f64>)> {
    s.log.iter().find_map(|e| match e.event {
        LogEvent::ShardPrimaryFailed {
            shard,
            promote_at_s,
            ..
        } => Some((shard, Some(promote_at_s))),
        LogEvent::ShardDown { shard, .. } => Some((shard, None)),
        _ => None,
    })
}

/// Writes failed (all as unavailable) and sent between `a` and `b`.
fn failed_between(a: &MetricsSnapshot, b: &MetricsSnapshot) -> (u64, u64) {
    let failed = b.overall.failed.total() - a.overall.failed.total();
    assert_eq!(
        failed,
        b.overall.failed.unavailable - a.overall.failed.unavailable
    );
    (failed, b.overall.arrived - a.overall.arrived)
}

#[test]
fn a_shard_failure_with_replicas_fails_over_and_without_stays_down_until_restored() {
    for replicas in [1u32, 0] {
        // Writes only, uniform keys, modulo over 4 shards: each shard holds 2,500 of the
        // 10,000 keys, a quarter of the writes.
        let (d, db) = sharded(
            63,
            1_000.0,
            1.0,
            0.0,
            0.0,
            4,
            replicas,
            ShardingStrategy::Modulo,
        );
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let before = run_to(&mut sim, 31);
        fault(&mut sim, FaultAction::Fail, db);
        let at_fail = run_to(&mut sim, 32);
        let (shard, promote_at) = failed_shard(&at_fail).expect("the failed shard is logged");
        let load = &component(&before, db).shard_load;
        let hottest_before = (0..4)
            .max_by_key(|&k| (load[k], std::cmp::Reverse(k)))
            .unwrap();
        assert_eq!(
            shard as usize, hottest_before,
            "the hottest shard fails: {load:?}"
        );
        assert!(component(&at_fail, db).up, "the other shards still serve");
        let window = run_to(&mut sim, 74);
        // Only the failed shard's quarter of the writes fails while it is without a primary.
        let (failed, sent) = failed_between(&at_fail, &window);
        let share = failed as f64 / sent as f64;
        assert_abs(
            share,
            0.25,
            0.02,
            &format!("{replicas} replicas: share failing"),
        );
        if replicas > 0 {
            // Promoted at 75 s: from 76 s every write succeeds again.
            let back = run_to(&mut sim, 76);
            let after = run_to(&mut sim, 120);
            assert_eq!(
                failed_between(&back, &after).0,
                0,
                "writes succeed after promotion"
            );
            assert!(after.log.iter().any(
                |e| matches!(e.event, LogEvent::ShardPromoted { shard: k, .. } if k == shard)
            ));
        } else {
            // No replica: the shard stays down until restored.
            let still = run_to(&mut sim, 120);
            let (failed, sent) = failed_between(&window, &still);
            assert_abs(
                failed as f64 / sent as f64,
                0.25,
                0.02,
                "down until restored",
            );
            fault(&mut sim, FaultAction::Restore, db);
            let back = run_to(&mut sim, 121);
            let after = run_to(&mut sim, 150);
            assert_eq!(
                failed_between(&back, &after).0,
                0,
                "writes succeed after restore"
            );
        }
        if replicas > 0 {
            // Health checks every 5 s from 0: the first at or after the failure at 31 s is at
            // 35 s, the third failed one at 45 s declares it, then 30 s of promotion: 75 s.
            assert_eq!(promote_at, Some(75.0));
        } else {
            assert_eq!(promote_at, None);
        }
    }
}

/// The sharded database of `d` with one thread per shard (a single-threaded shard, so the
/// copy's work shows in its queue).
fn single_threaded(d: &mut Diagram, db: ComponentId) {
    if let Some(ComponentConfig::ShardedDatabase(s)) = d.component_mut(db).map(|c| &mut c.config) {
        s.concurrency_per_shard = 1;
    }
}

#[test]
fn adding_a_shard_moves_what_theory_says_modulo_exactly_and_a_ring_one_key_in_n_plus_one() {
    // Modulo 4 -> 5 over keys 0..10,000 (a multiple of lcm(4, 5) = 20): exactly 1 - 4/20 = 80 %.
    let (d, db) = sharded(64, 100.0, 0.1, 0.8, 0.0, 4, 0, ShardingStrategy::Modulo);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    run_to(&mut sim, 2);
    fault(&mut sim, FaultAction::AddShard, db);
    let s = run_to(&mut sim, 3);
    let r = component(&s, db).resharding.expect("resharding reported");
    assert_eq!((r.from_shards, r.to_shards, r.keys), (4, 5, 10_000));
    assert!(!r.consistent_hashing);
    assert_eq!(r.keys_moved, 8_000);
    assert_eq!(r.share_moved, 0.8);
    assert_eq!(r.theory_share, modulo_moved_fraction(4, 5));
    assert_eq!(component(&s, db).shard_load.len(), 5);
    // The log line says the same, beside theory.
    assert!(s.log.iter().any(|e| matches!(
        e.event,
        LogEvent::ShardAdded { resharding, .. }
            if resharding.keys_moved == 8_000 && resharding.theory_share == r.theory_share
    )));
    // Consistent hashing, 100 virtual nodes, 4 -> 5: the keys that move are the new shard's
    // arcs, 1/5 on average. One ring's share of the new shard has a relative spread of about
    // sqrt(4/5) / sqrt(100) = 9 %; the mean over 100 rings about 0.9 %, plus the sampling of
    // 10,000 keys (0.4 %): 5 % is more than 5 standard deviations.
    let (v, runs) = (100u32, 100u64);
    let mut share = 0.0;
    for seed in 0..runs {
        let strategy = ShardingStrategy::ConsistentHashing { virtual_nodes: v };
        let (d, db) = sharded(seeded(1_000 + seed), 50.0, 0.1, 0.8, 0.0, 4, 0, strategy);
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        run_to(&mut sim, 1);
        fault(&mut sim, FaultAction::AddShard, db);
        let s = run_to(&mut sim, 2);
        let r = component(&s, db).resharding.expect("resharding reported");
        assert!(r.consistent_hashing);
        assert_eq!(r.theory_share, 0.2, "1 / (N + 1), apart from the run");
        // The count is exact: the same ring (seeded as the engine seeds it) counted here.
        let from = ShardMap::consistent(4, v, d.scenario.seed ^ db.0 as u64);
        let to = from.resized(5);
        assert_eq!(
            r.keys_moved,
            keys_moved(&from, &to, 0..10_000),
            "seed {seed}"
        );
        share += r.share_moved;
    }
    assert_rel(
        share / runs as f64,
        0.2,
        0.05,
        "consistent hashing, 4 -> 5, keys moved",
    );
}

#[test]
fn the_copy_after_a_shard_is_added_loads_the_shards_until_it_ends_and_nothing_fails() {
    // 2,000 reads/s of 1 ms over single-threaded shards: 2 busy servers of 5 after the fifth
    // shard joins (40 %). The copy moves 8,000 keys at 1,000 a second, each a read at its old
    // shard and a write at its new one (1 ms each): 2 more busy servers for 8 s (80 %).
    let (mut d, db) = sharded(65, 2_000.0, 0.0, 0.8, 0.0, 4, 0, ShardingStrategy::Modulo);
    single_threaded(&mut d, db);
    d.scenario.faults.push(Fault {
        at_s: 30.0,
        action: FaultAction::AddShard,
        target: FaultTarget::Component(db),
    });
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 30);
    let mut copying = Vec::new();
    for t in 31..=37 {
        copying.push(run_to(&mut sim, t));
    }
    let during = run_to(&mut sim, 38);
    let after = run_to(&mut sim, 70);
    let r = component(&copying[3], db).resharding.unwrap();
    assert!(
        r.keys_migrated > 0 && r.keys_migrated < r.keys_moved,
        "{r:?}"
    );
    let done = component(&after, db).resharding.unwrap();
    assert_eq!(done.keys_migrated, done.keys_moved);
    let took = done.finished_s.expect("the copy ended") - done.started_s;
    assert_abs(took, 8.0, 0.5, "8,000 keys at 1,000 a second");
    assert!(
        after
            .log
            .iter()
            .any(|e| matches!(e.event, LogEvent::MigrationDone { .. }))
    );
    // Keys not copied yet are served by their old shard: nothing fails, nothing is lost.
    assert_eq!(
        after.overall.failed.total(),
        0,
        "{:?}",
        after.overall.failed
    );
    // Utilization over the window that holds the copy, against one after it.
    let (copy, calm) = (component(&during, db), component(&after, db));
    assert_abs(calm.recent_utilization, 0.4, 0.03, "after the copy");
    assert!(
        copy.recent_utilization > calm.recent_utilization + 0.25,
        "during {} after {}",
        copy.recent_utilization,
        calm.recent_utilization
    );
    // The shards' queues grow while the copy runs: their requests wait longer.
    assert!(
        copy.recent_latency.mean_ms > 1.5 * calm.recent_latency.mean_ms,
        "during {:?} after {:?}",
        copy.recent_latency,
        calm.recent_latency
    );
    assert_abs(
        component(&before, db).recent_utilization,
        0.5,
        0.03,
        "four shards",
    );
}

#[test]
fn a_shard_failing_during_the_copy_delays_it_and_the_accounts_still_balance() {
    let (d, db) = sharded(66, 1_000.0, 0.2, 0.8, 0.0, 4, 1, ShardingStrategy::Modulo);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    run_to(&mut sim, 10);
    fault(&mut sim, FaultAction::AddShard, db);
    run_to(&mut sim, 12);
    fault(&mut sim, FaultAction::Fail, db);
    // Asked for while the copy runs: added when it ends.
    fault(&mut sim, FaultAction::AddShard, db);
    for t in 13..=150 {
        // `run_to` checks the accounting invariant at every snapshot.
        run_to(&mut sim, t);
    }
    let s = sim.snapshot();
    let r = component(&s, db).resharding.unwrap();
    assert_eq!((r.from_shards, r.to_shards), (5, 6), "{r:?}");
    assert_eq!(r.keys_migrated, r.keys_moved);
    // The second copy keeps the throttle: 1,000 keys a second.
    let took = r.finished_s.expect("second copy done") - r.started_s;
    assert_abs(took, r.keys_moved as f64 / 1_000.0, 0.5, "second copy");
    let first_done = s.log.iter().find_map(|e| match &e.event {
        LogEvent::MigrationDone { resharding, .. } if resharding.to_shards == 5 => {
            resharding.finished_s
        }
        _ => None,
    });
    // The failed shard's keys wait for its promotion (75 s or so): the copy ends after it.
    assert!(
        first_done.expect("first copy done") > 40.0,
        "{first_done:?}"
    );
    assert_eq!(component(&s, db).shard_load.len(), 6);
}

#[test]
fn resharding_is_deterministic() {
    let run = |seed: u64| {
        let strategy = ShardingStrategy::ConsistentHashing { virtual_nodes: 50 };
        let (mut d, db) = sharded(seed, 1_500.0, 0.3, 0.9, 0.1, 3, 1, strategy);
        d.scenario.faults.push(Fault {
            at_s: 5.0,
            action: FaultAction::AddShard,
            target: FaultTarget::Component(db),
        });
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        run_to(&mut sim, 8);
        run_to(&mut sim, 20).summary()
    };
    let a = run(67);
    assert!(a.contains("resharded=3->4"), "{a}");
    assert_eq!(a, run(67));
    assert_ne!(a, run(68));
}
