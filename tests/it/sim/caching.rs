//! Caches: LRU, FIFO and LFU hit ratios on a Zipf trace against Che's approximation and its
//! FIFO variant, TTL hit ratios for one key and over Zipf, caches inside a whole run against the
//! lines the run view draws for them (LRU, FIFO, LFU's bound, a TTL that binds), a cache node
//! queueing its lookups (M/D/1), replicated caches losing nodes and datacenters, and who fills
//! the cache on a miss (read-through against cache-aside).

use scalelab::model::config::ServiceTime;
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget,
    OutPort as O, Region,
};
use scalelab::sim::cache::{Cache, CacheConfig, Eviction, TtlMode};
use scalelab::sim::rng::{SimRng, Zipf};
use scalelab::sim::{RunConfig, SimTime, build};

use super::{
    assert_abs, builder, cache_and_database, component, diagram, exp_mean, fault, finish, logged,
    run_to, secs, seeded, users, web_config,
};

fn bisect(lo: f64, hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    let (mut lo, mut hi) = (lo, hi);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

fn probabilities(z: &Zipf) -> Vec<f64> {
    (0..z.keys()).map(|k| z.probability(k)).collect()
}

/// Che's approximation of LRU's hit ratio.
fn che_lru(p: &[f64], c: f64) -> f64 {
    let t = bisect(0.0, 1e12, |t| {
        p.iter().map(|&pn| 1.0 - libm::exp(-pn * t)).sum::<f64>() - c
    });
    p.iter().map(|&pn| pn * (1.0 - libm::exp(-pn * t))).sum()
}

/// The FIFO / RANDOM approximation.
fn approx_fifo(p: &[f64], c: f64) -> f64 {
    let t = bisect(0.0, 1e12, |t| {
        p.iter().map(|&pn| pn * t / (1.0 + pn * t)).sum::<f64>() - c
    });
    p.iter().map(|&pn| pn * pn * t / (1.0 + pn * t)).sum()
}

fn cache_of(capacity: usize, eviction: Eviction) -> Cache {
    Cache::new(CacheConfig {
        capacity,
        eviction,
        ttl: None,
        ttl_mode: TtlMode::SetOnFill,
    })
}

/// Hit ratios of LRU, FIFO and LFU on the same Zipf trace (after a warm-up).
fn hit_ratios_on_one_trace(seed: u64, z: &Zipf, capacity: usize, requests: u64) -> [f64; 3] {
    let mut caches = [
        cache_of(capacity, Eviction::Lru),
        cache_of(capacity, Eviction::Fifo),
        cache_of(capacity, Eviction::Lfu),
    ];
    let mut rng = SimRng::stream(seeded(seed), 0, "keys");
    let warm = requests / 20;
    let mut hits = [0u64; 3];
    for i in 0..warm + requests {
        let k = z.sample(&mut rng);
        for (c, h) in caches.iter_mut().zip(&mut hits) {
            if c.access(SimTime::ZERO, k) && i >= warm {
                *h += 1;
            }
        }
    }
    hits.map(|h| h as f64 / requests as f64)
}

#[test]
fn cache_eviction_policies_match_che_fifo_approximation_and_lfu_bounds() {
    // (alpha, keys, capacity)
    for (seed, alpha, n, c) in [
        (60, 0.8, 10_000u64, 1_000usize),
        (61, 1.0, 10_000, 500),
        (62, 0.6, 5_000, 1_000),
    ] {
        let z = Zipf::new(n, alpha);
        let p = probabilities(&z);
        let [lru, fifo, lfu] = hit_ratios_on_one_trace(seed, &z, c, 20_000_000);
        let what = format!("alpha {alpha}, N {n}, C {c}");
        assert_abs(
            lru,
            che_lru(&p, c as f64),
            0.005,
            &format!("LRU vs Che, {what}"),
        );
        assert_abs(
            fifo,
            approx_fifo(&p, c as f64),
            0.005,
            &format!("FIFO, {what}"),
        );
        let top_c = z.top_share(c as u64);
        assert!(
            lfu >= lru && lru >= fifo && lfu <= top_c,
            "{what}: expected FIFO {fifo} <= LRU {lru} <= LFU {lfu} <= top-C {top_c}"
        );
    }
}

#[test]
fn cache_oracle_worked_examples_are_what_the_formulas_give() {
    let z = Zipf::new(10_000, 0.8);
    let p = probabilities(&z);
    assert_abs(che_lru(&p, 1000.0), 0.4367, 0.0005, "Che worked example");
    assert_abs(
        approx_fifo(&p, 1000.0),
        0.3942,
        0.0005,
        "FIFO worked example",
    );
    assert_abs(z.top_share(1000), 0.5706, 0.0005, "top-C worked example");
}

/// Hit ratio of one key requested as a Poisson process of `rate` with TTL `ttl`.
fn single_key_ttl(seed: u64, rate: f64, ttl: f64, mode: TtlMode, requests: u64) -> f64 {
    let mut c = Cache::new(CacheConfig {
        capacity: 1,
        eviction: Eviction::Lru,
        ttl: Some(secs(ttl)),
        ttl_mode: mode,
    });
    let mut rng = SimRng::stream(seeded(seed), 0, "arrivals");
    let gaps = exp_mean(1.0 / rate);
    let mut now = SimTime::ZERO;
    for _ in 0..requests {
        now = now.after(gaps.sample(&mut rng));
        c.access(now, 7);
    }
    c.stats().hit_ratio()
}

#[test]
fn ttl_single_key_both_variants() {
    for (seed, rate, ttl) in [(70, 0.1, 60.0), (71, 1.0, 1.0), (72, 2.0, 0.25)] {
        let x = rate * ttl;
        let on_fill = single_key_ttl(seed, rate, ttl, TtlMode::SetOnFill, 2_000_000);
        assert_abs(
            on_fill,
            x / (1.0 + x),
            0.005,
            &format!("TTL set on fill, {rate}/s, {ttl} s"),
        );
        let refresh = single_key_ttl(seed, rate, ttl, TtlMode::RefreshOnHit, 2_000_000);
        assert_abs(
            refresh,
            1.0 - libm::exp(-x),
            0.005,
            &format!("TTL refreshed on hit, {rate}/s, {ttl} s"),
        );
    }
}

#[test]
fn ttl_over_zipf_without_capacity_limit() {
    // (alpha, keys, total rate per second, ttl seconds)
    for (seed, alpha, n, total, ttl) in [
        (80, 0.8, 10_000u64, 1000.0, 60.0),
        (81, 1.0, 10_000, 500.0, 10.0),
    ] {
        let z = Zipf::new(n, alpha);
        let mut c = Cache::new(CacheConfig {
            capacity: n as usize,
            eviction: Eviction::Lru,
            ttl: Some(secs(ttl)),
            ttl_mode: TtlMode::SetOnFill,
        });
        let mut rng = SimRng::stream(seeded(seed), 0, "traffic");
        let gaps = exp_mean(1.0 / total);
        let mut now = SimTime::ZERO;
        let warm = 1_000_000u64;
        let requests = 20_000_000u64;
        let mut hits = 0;
        for i in 0..warm + requests {
            now = now.after(gaps.sample(&mut rng));
            if c.access(now, z.sample(&mut rng)) && i >= warm {
                hits += 1;
            }
        }
        let want: f64 = probabilities(&z)
            .iter()
            .map(|&p| p * (total * p * ttl) / (1.0 + total * p * ttl))
            .sum();
        assert_abs(
            hits as f64 / requests as f64,
            want,
            0.005,
            &format!("TTL over Zipf alpha {alpha}, {total}/s, TTL {ttl} s"),
        );
    }
}

#[test]
fn ttl_over_zipf_worked_example() {
    let z = Zipf::new(10_000, 0.8);
    let want: f64 = probabilities(&z)
        .iter()
        .map(|&p| p * (1000.0 * p * 60.0) / (1.0 + 1000.0 * p * 60.0))
        .sum();
    assert_abs(want, 0.8782, 0.0005, "TTL over Zipf worked example");
}

#[test]
fn a_cache_inside_a_whole_run_hits_as_che_predicts() {
    // Default users: Zipf 0.8 over 10,000 keys; default cache: LRU, 1,000 keys, TTL 1 h.
    let mut b = builder(21);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(1_000.0, 1.0, 0.0, 0.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(|c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 8;
                w.service_time = ServiceTime::Exponential { mean_ms: 2.0 };
            }
        })
        .id();
    let (cache, _) = cache_and_database(&mut b, web, None, |_| {});
    b.wire(us, O::Dynamic, web);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 600);
    let hit = s
        .components
        .iter()
        .find(|c| c.id == cache.0)
        .unwrap()
        .hit_ratio
        .unwrap();
    // Che's approximation for this case is 0.4367 (docs/fidelity.md#lru-and-ches-approximation); 6e5 requests, cold start
    // included.
    assert!((hit - 0.4367).abs() < 0.01, "hit ratio {hit}");
    assert_eq!(s.overall.failed.total(), 0);
}

/// Users (1,000 requests/s over the default Zipf 0.8 of 10,000 keys, `writes` of them writes,
/// the rest reads) -> web tier -> a cache of 1,000 keys configured by `cache` -> database, run
/// for 600 s: the cache's simulated hit ratio and the line the run view draws for it (from the
/// diagram alone).
fn whole_run_hit_ratio(
    seed: u64,
    writes: f64,
    cache: impl FnOnce(&mut scalelab::model::config::CacheConfig),
) -> (f64, scalelab::sim::predict::CachePrediction) {
    let mut b = builder(seed);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(1_000.0, 1.0 - writes, writes, 0.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| {
            w.instances = 8;
            w.service_time = ServiceTime::Exponential { mean_ms: 2.0 };
            w.autoscaling.enabled = false;
        }))
        .id();
    let (cache_id, _) = cache_and_database(&mut b, web, None, cache);
    b.wire(us, O::Dynamic, web);
    let d = diagram(&b).clone();
    let line = scalelab::sim::predict::cache_predictions(&d, 0.0)
        .into_iter()
        .find(|p| p.cache == cache_id)
        .unwrap();
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 600);
    assert_eq!(s.overall.failed.total(), 0);
    (component(&s, cache_id).hit_ratio.unwrap(), line)
}

#[test]
fn a_fifo_and_an_lfu_cache_inside_a_whole_run_hit_as_their_lines_say() {
    use scalelab::model::config::Eviction as E;
    use scalelab::sim::theory::CacheFormula as F;
    // 6e5 lookups, cold start included: +-0.01 as for LRU (docs/fidelity.md#the-hit-ratio-line-for-each-policy-from-the-diagram).
    let (fifo, line) = whole_run_hit_ratio(22, 0.0, |k| {
        k.eviction = E::Fifo;
        k.ttl_s = 0;
    });
    assert_eq!(line.theory.formula, F::FifoCharacteristicTime);
    assert!(!line.writes_invalidate);
    assert_abs(line.theory.hit_ratio, 0.3942, 0.0015, "FIFO line");
    assert_abs(fifo, line.theory.hit_ratio, 0.01, "FIFO whole run");
    // The in-cache LFU (counts forgotten on eviction) does better than LRU and no better than
    // keeping the most popular keys: the line is that bound, worded "at most".
    let (lfu, line) = whole_run_hit_ratio(23, 0.0, |k| {
        k.eviction = E::Lfu;
        k.ttl_s = 0;
    });
    assert_eq!(line.theory.formula, F::LfuTopKeys);
    assert_abs(line.theory.hit_ratio, 0.5706, 0.0015, "LFU line");
    assert!(
        lfu > 0.4367 && lfu <= line.theory.hit_ratio + 0.005,
        "LFU whole run {lfu}: between Che's 0.4367 and the bound {}",
        line.theory.hit_ratio
    );
}

#[test]
fn a_cache_whose_keys_are_written_hits_as_che_with_invalidation_says() {
    use scalelab::sim::theory::CacheFormula as F;
    // 10 % writes, each invalidating its key: a read hits when its key's previous access was a
    // read within Che's characteristic time, 0.4093 (plain Che: 0.4367).
    let (hit, line) = whole_run_hit_ratio(25, 0.1, |k| k.ttl_s = 0);
    assert_eq!(line.theory.formula, F::CheLru);
    assert!(line.writes_invalidate);
    assert_abs(
        line.theory.hit_ratio,
        0.4093,
        0.0015,
        "Che with writes line",
    );
    assert_abs(
        hit,
        line.theory.hit_ratio,
        0.01,
        "Che with writes whole run",
    );
}

#[test]
fn a_cache_whose_ttl_binds_hits_as_the_ttl_line_says() {
    use scalelab::sim::theory::CacheFormula as F;
    // A 1 s TTL set on fill at 1,000 lookups/s: 1,000 accesses, shorter than LRU's 1,472, so
    // keys expire before they are evicted and the line is the TTL formula, 0.3327.
    let (hit, line) = whole_run_hit_ratio(24, 0.0, |k| {
        k.ttl_s = 1;
        k.expiry = scalelab::model::config::Expiry::SetOnWrite;
    });
    assert_eq!(line.theory.formula, F::TtlSetOnFill);
    assert_abs(line.theory.hit_ratio, 0.3327, 0.0015, "TTL line");
    assert_abs(hit, line.theory.hit_ratio, 0.01, "TTL whole run");
}

#[test]
fn a_cache_node_queues_its_lookups_as_pollaczek_khinchine_predicts() {
    // One cache node serving `ops` lookups a second, one at a time (deterministic service),
    // behind a web tier with exponential service: its departures, the cache's arrivals, are
    // Poisson (Burke). So the cache is an M/D/1 queue: Wq = rho / (2 mu (1 - rho)).
    for (seed, rate, ops) in [(31, 500.0, 1_000), (32, 800.0, 1_000), (33, 1_600.0, 2_000)] {
        let mut b = builder(seed);
        let us = b
            .add(ComponentKind::Users)
            .configure(users(rate, 1.0, 0.0, 0.0))
            .id();
        let web = b
            .add(ComponentKind::WebServers)
            .configure(web_config(|w| {
                w.instances = 10;
                w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
                w.autoscaling.enabled = false;
            }))
            .id();
        let (cache, _) = cache_and_database(&mut b, web, None, move |k| {
            k.get_latency_ms = 0.0;
            k.ops_per_node_per_s = ops;
        });
        b.wire(us, O::Dynamic, web);
        // About a million lookups.
        let seconds = (1e6 / rate) as u64;
        b.scenario_mut().duration_s = seconds as u32;
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, seconds);
        let m = component(&s, cache);
        let (lambda, mu) = (rate, ops as f64);
        let rho = lambda / mu;
        let wq_ms = scalelab::sim::theory::md1_wait_ms(lambda, mu).unwrap();
        let rel = (m.latency.mean_ms - wq_ms).abs() / wq_ms;
        assert!(
            rel < 0.10,
            "rho {rho}: mean wait {} ms, M/D/1 predicts {wq_ms} ms ({} lookups)",
            m.latency.mean_ms,
            m.latency.count
        );
        assert!(
            (m.utilization - rho).abs() < 0.01,
            "rho {rho}: utilization {}",
            m.utilization
        );
        assert_eq!(s.overall.failed.total(), 0);
    }
}

/// Users -> web -> cache -> database, reads only over 10,000 keys, a cache that holds them all.
fn cached_reads(seed: u64, replicas: u32) -> (Diagram, ComponentId, ComponentId) {
    let mut b = builder(seed);
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
    let (cache, db) = cache_and_database(&mut b, web, None, move |k| {
        k.capacity_keys = 10_000;
        k.replicas = replicas;
    });
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Data, db);
    (finish(b), cache, db)
}

#[test]
fn a_replicated_cache_survives_losing_a_node_but_a_single_node_cache_storms_the_database() {
    let mut storm = Vec::new();
    for replicas in [1, 2] {
        let (d, cache, db) = cached_reads(31, replicas);
        let mut sim = build(&d, &RunConfig::default()).unwrap();
        let warm = run_to(&mut sim, 120);
        let before = run_to(&mut sim, 130);
        let hit_before = component(&before, cache).hit_ratio.unwrap();
        let db_before = component(&before, db).arrivals - component(&warm, db).arrivals;
        fault(&mut sim, FaultAction::Fail, cache);
        let after = run_to(&mut sim, 140);
        let db_after = component(&after, db).arrivals - component(&before, db).arrivals;
        let c = component(&after, cache);
        storm.push((db_before, db_after));
        if replicas == 1 {
            assert!(!c.up);
            assert!(
                db_after > 3 * db_before + 3_000,
                "one node down is the whole cache: every read hits the database: \
                 {db_before} -> {db_after}"
            );
            assert!(logged(&after, "the cache is down"), "{:?}", after.log);
        } else {
            assert!(c.up);
            assert_eq!(c.nodes.map(|n| (n.up, n.total)), Some((1, 2)));
            assert!(
                db_after <= db_before + 50,
                "the surviving replica serves its warm copy: {db_before} -> {db_after}"
            );
            let hit_after = c.hit_ratio.unwrap();
            assert!(
                hit_after >= hit_before - 0.001,
                "hit ratio {hit_before} -> {hit_after}"
            );
            assert!(
                logged(&after, "node 1 of 2 failed; a replica keeps serving"),
                "{:?}",
                after.log
            );
        }
        assert_eq!(after.overall.failed.total(), 0);
    }
    assert!(storm[0].1 > 10 * storm[1].1, "{storm:?}");
}

#[test]
fn a_replicated_cache_goes_down_with_its_last_node_and_comes_back_warm_only_if_a_node_survived() {
    let (d, cache, db) = cached_reads(32, 2);
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    run_to(&mut sim, 120);
    // One node down, then back: both nodes up, still warm.
    fault(&mut sim, FaultAction::Fail, cache);
    run_to(&mut sim, 125);
    fault(&mut sim, FaultAction::Restore, cache);
    let restored = run_to(&mut sim, 130);
    assert!(
        logged(&restored, "2 of 2 nodes up, warm"),
        "{:?}",
        restored.log
    );
    let later = run_to(&mut sim, 140);
    let db_warm = component(&later, db).arrivals - component(&restored, db).arrivals;
    assert!(
        db_warm < 200,
        "warm after a partial failure: {db_warm} misses"
    );
    // Both nodes down: the cache is down and its data gone.
    fault(&mut sim, FaultAction::Fail, cache);
    fault(&mut sim, FaultAction::Fail, cache);
    let down = run_to(&mut sim, 150);
    assert!(!component(&down, cache).up);
    assert!(
        logged(&down, "node 2 of 2 failed; the cache is down"),
        "{:?}",
        down.log
    );
    let db_down = component(&down, db).arrivals - component(&later, db).arrivals;
    assert!(
        db_down > 4_000,
        "every read goes to the database: {db_down}"
    );
    fault(&mut sim, FaultAction::Restore, cache);
    let back = run_to(&mut sim, 151);
    assert!(
        logged(&back, "empty (every node had failed)"),
        "{:?}",
        back.log
    );
    let cold = run_to(&mut sim, 161);
    let db_cold = component(&cold, db).arrivals - component(&back, db).arrivals;
    assert!(
        db_cold > 10 * db_warm.max(1),
        "restored cold, the cache misses while it refills: {db_cold} vs {db_warm}"
    );
}

#[test]
fn a_datacenter_failure_takes_every_node_of_a_replicated_cache() {
    let mut b = builder(33);
    let dc = b.group(Region::NorthAmerica).id();
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
    let (cache, db) = cache_and_database(&mut b, web, Some(dc), |k| {
        k.capacity_keys = 10_000;
        k.replicas = 3;
    });
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Data, db);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let warm = run_to(&mut sim, 120);
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Fail,
        target: FaultTarget::Group(dc),
    });
    let down = run_to(&mut sim, 130);
    assert!(!component(&down, cache).up);
    // None of its nodes serves, and the snapshot says so (its badge, the inspector).
    assert_eq!(
        component(&warm, cache).nodes.map(|n| (n.up, n.total)),
        Some((3, 3))
    );
    assert_eq!(
        component(&down, cache).nodes.map(|n| (n.up, n.total)),
        Some((0, 3))
    );
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Restore,
        target: FaultTarget::Group(dc),
    });
    let back = run_to(&mut sim, 130);
    assert!(logged(&back, "comes back cold"), "{:?}", back.log);
    let cold = run_to(&mut sim, 135);
    let db_cold = component(&cold, db).arrivals - component(&back, db).arrivals;
    let db_down = component(&down, db).arrivals - component(&warm, db).arrivals;
    assert!(
        db_down > 4_000,
        "every node went with the datacenter: {db_down}"
    );
    assert!(
        db_cold > 500,
        "and every copy: restored empty ({db_cold} misses)"
    );
}

/// Users (400 reads/s over the default Zipf 0.8 of 10,000 keys) -> web tier (deterministic
/// 1 ms) -> a one-node cache of 10 keys (so nearly every read misses) reading through or
/// cache-aside -> database, run for 300 s: the run's snapshot, the cache's id.
fn fill_run(read_through: bool) -> (scalelab::sim::MetricsSnapshot, ComponentId) {
    let mut b = builder(41);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(400.0, 1.0, 0.0, 0.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| {
            w.instances = 4;
            w.service_time = ServiceTime::Deterministic { mean_ms: 1.0 };
            w.autoscaling.enabled = false;
        }))
        .id();
    let (cache, db) = cache_and_database(&mut b, web, None, move |k| {
        k.capacity_keys = 10;
        k.read_through = read_through;
    });
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Data, db);
    b.scenario_mut().duration_s = 300;
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    (run_to(&mut sim, 300), cache)
}

#[test]
fn a_cache_aside_miss_costs_the_cache_a_second_operation_and_the_request_a_round_trip() {
    // Read-through: the cache reads the database and fills itself within the miss's one
    // lookup. Cache-aside: the web server writes the value back, a second operation on the
    // cache node per miss, and the request waits a web <-> cache round trip (2 x 0.25 ms) plus
    // the write's get latency (0.5 ms) and its wait at the node (about rho / (2 mu (1 - rho))
    // with rho = 2 x 400 / 100,000: 0.04 us, nothing) more than a read-through miss:
    // 1.0 ms per miss.
    let (through, cache) = fill_run(true);
    let (aside, _) = fill_run(false);
    let (t, a) = (component(&through, cache), component(&aside, cache));
    let (tl, al) = (t.lookups.unwrap(), a.lookups.unwrap());
    let (t_misses, a_misses) = (tl.lookups - tl.hits, al.lookups - al.hits);
    assert!(
        t_misses > 100_000 && a_misses > 100_000,
        "{t_misses} {a_misses}"
    );

    // Operations on the cache node: one per lookup reading through, one more per miss aside
    // (less the misses whose write-back is still on its way at the end).
    assert_eq!(t.write_backs, Some(0));
    assert_eq!(t.arrivals, tl.lookups);
    let wb = a.write_backs.unwrap();
    assert!(
        wb <= a_misses && a_misses - wb <= aside.overall.in_flight,
        "{wb} write-backs for {a_misses} misses ({} in flight)",
        aside.overall.in_flight
    );
    assert_eq!(a.arrivals, al.lookups + wb);
    // The node's busy time is one service (10 us) per operation.
    let busy = |ops: u64| ops as f64 * 1e-5 / 300.0;
    assert_abs(
        t.utilization,
        busy(tl.lookups),
        1e-5,
        "read-through utilization",
    );
    assert_abs(
        a.utilization,
        busy(al.lookups + wb),
        1e-5,
        "cache-aside utilization",
    );
    assert!(a.utilization > 1.8 * t.utilization);

    // The request's time: 1.0 ms more per cache-aside miss.
    let (tm, am) = (through.overall.latency, aside.overall.latency);
    let want = a_misses as f64 / al.lookups as f64 * 1.0;
    let got = am.mean_ms - tm.mean_ms;
    assert_abs(
        got,
        want,
        0.01 * want,
        "mean latency, cache-aside less read-through",
    );
    assert_eq!(through.overall.failed.total(), 0);
    assert_eq!(aside.overall.failed.total(), 0);

    // The inspector: operations per miss, 1.00 reading through, 2.00 aside.
    use scalelab::present::english::row;
    use scalelab::present::readout::{Readout, RowContext, Span, component_rows};
    let words = |m| {
        let rows = component_rows(m, &RowContext::default());
        let r = rows
            .iter()
            .find(|r| matches!(r, Readout::CacheOperations { .. }))
            .expect("a cache operations row");
        row(r, Span::LastWindow).value
    };
    let (tw, aw) = (words(t), words(a));
    assert!(tw.starts_with("1.00 ("), "{tw}");
    assert!(tw.contains("none written back"), "{tw}");
    assert!(aw.starts_with("2.00 ("), "{aw}");
}
