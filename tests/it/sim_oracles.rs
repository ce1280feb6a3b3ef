#![cfg(not(target_arch = "wasm32"))]
//! The simulation engine against the closed-form results of the project's oracle table (ORACLES.md).
//!
//! Each test drives the real building blocks (`Engine`, `Station`, `Cache`, `ShardMap`,
//! `ReplicaSet`) with seeded random traffic and compares what they measure with the theory, at
//! the tolerances ORACLES.md justifies: queue means within 3 % at >= 1e7 events, cache hit
//! ratios within +-0.005 at 2e7 requests, consistent-hashing averages within 15 % over >= 100
//! seeds, exact results exactly (or < 0.5 %). Run with `cargo test --release sim_oracles`.

use scalelab::sim::cache::{Cache, CacheConfig, Eviction, TtlMode};
use scalelab::sim::replication::{
    FailoverTiming, ReplicaSet, ReplicationConfig, ReplicationMode, WriteOp,
};
use scalelab::sim::rng::{Dist, SimRng, Zipf, harmonic};
use scalelab::sim::sharding::{ShardMap, imbalance, keys_moved, modulo_moved_fraction};
use scalelab::sim::station::{Admission, Station, StationConfig};
use scalelab::sim::{Engine, EventQueue, Model, SimTime};

/// Every random stream's seed, shifted by `SCALELAB_ORACLE_SEED` (default 0): rerun the oracles
/// on fresh randomness with e.g. `SCALELAB_ORACLE_SEED=1000 cargo test --release sim_oracles`.
fn seeded(seed: u64) -> u64 {
    let offset = std::env::var("SCALELAB_ORACLE_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    seed.wrapping_add(offset)
}

fn assert_rel(got: f64, want: f64, tol: f64, what: &str) {
    let rel = (got - want).abs() / want.abs();
    assert!(
        rel <= tol,
        "{what}: got {got:.6}, theory {want:.6} (off by {:.2} %, tolerance {:.2} %)",
        rel * 100.0,
        tol * 100.0
    );
}

fn assert_abs(got: f64, want: f64, tol: f64, what: &str) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:.6}, theory {want:.6} (tolerance +-{tol})"
    );
}

// ---------------------------------------------------------------------------------------------
// Queues
// ---------------------------------------------------------------------------------------------

/// Open arrivals into one station; counts how many jobs had to wait and waited longer than
/// `wait_probe`.
struct QueueRun {
    station: Station<()>,
    gaps: Dist,
    rng: SimRng,
    arrivals_left: u64,
    timed_out: Vec<(SimTime, ())>,
    waited: u64,
    waited_longer: u64,
    wait_probe: SimTime,
}

enum QueueEvent {
    Arrival,
    Done(SimTime),
}

impl QueueRun {
    fn on_start(&mut self, wait: SimTime) {
        if wait > SimTime::ZERO {
            self.waited += 1;
        }
        if wait > self.wait_probe {
            self.waited_longer += 1;
        }
    }
}

impl Model for QueueRun {
    type Event = QueueEvent;
    fn handle(&mut self, now: SimTime, ev: QueueEvent, q: &mut EventQueue<QueueEvent>) {
        match ev {
            QueueEvent::Arrival => {
                if let Admission::Started(s) = self.station.arrive(now, ()) {
                    self.on_start(SimTime::ZERO);
                    q.schedule(s.done_at, QueueEvent::Done(s.arrived));
                }
                self.arrivals_left -= 1;
                if self.arrivals_left > 0 {
                    q.schedule(
                        now.after(self.gaps.sample(&mut self.rng)),
                        QueueEvent::Arrival,
                    );
                }
            }
            QueueEvent::Done(arrived) => {
                if let Some(s) = self.station.complete(now, arrived, &mut self.timed_out) {
                    self.on_start(now.since(s.arrived));
                    q.schedule(s.done_at, QueueEvent::Done(s.arrived));
                }
            }
        }
    }
}

fn queue_engine(
    seed: u64,
    servers: u32,
    gaps: Dist,
    service: Dist,
    jobs: u64,
    wait_probe: SimTime,
) -> Engine<QueueRun> {
    let mut e = Engine::new(QueueRun {
        station: Station::new(
            StationConfig {
                servers,
                service,
                queue_capacity: None,
                timeout: None,
            },
            SimRng::stream(seeded(seed), 1, "service"),
        ),
        gaps,
        rng: SimRng::stream(seeded(seed), 0, "arrivals"),
        arrivals_left: jobs,
        timed_out: Vec::new(),
        waited: 0,
        waited_longer: 0,
        wait_probe,
    });
    e.queue.schedule(SimTime::ZERO, QueueEvent::Arrival);
    e
}

fn secs(s: f64) -> SimTime {
    SimTime::from_secs_f64(s)
}

fn exp_mean(s: f64) -> Dist {
    Dist::Exponential { mean: secs(s) }
}

/// Erlang C: probability that an arrival waits in M/M/c with offered load a = lambda / mu.
fn erlang_c(c: u32, a: f64) -> f64 {
    let mut term = 1.0; // a^k / k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / (k + 1) as f64;
    }
    let top = term * c as f64 / (c as f64 - a);
    top / (sum + top)
}

#[test]
fn erlang_c_matches_the_worked_example() {
    assert_rel(erlang_c(4, 3.2), 0.5964, 0.0005, "C(4, 3.2)");
    assert_rel(erlang_c(1, 0.8), 0.8, 1e-12, "C(1, a) = rho");
}

#[test]
fn mm1_means_and_p99_match_theory() {
    // (lambda, mu) per second
    for (seed, lambda, mu) in [(1, 800.0, 1000.0), (2, 500.0, 1000.0), (3, 70.0, 100.0)] {
        let probe = 0.004;
        let mut e = queue_engine(
            seed,
            1,
            exp_mean(1.0 / lambda),
            exp_mean(1.0 / mu),
            10_000_000,
            secs(probe),
        );
        e.step_until(SimTime::MAX, u64::MAX);
        let m = &e.model;
        let st = m.station.stats();
        let rho: f64 = lambda / mu;
        let w = 1.0 / (mu - lambda);
        let what = format!("M/M/1 lambda {lambda} mu {mu}");
        assert_rel(st.mean_response_secs(), w, 0.03, &format!("{what} W"));
        assert_rel(st.mean_wait_secs(), rho * w, 0.03, &format!("{what} Wq"));
        assert_rel(
            st.mean_queue_len(),
            rho * rho / (1.0 - rho),
            0.03,
            &format!("{what} Lq"),
        );
        assert_rel(st.utilization(), rho, 0.01, &format!("{what} utilisation"));
        let p99 = -libm::log(0.01) / (mu - lambda);
        assert_rel(
            st.response.p99().as_secs_f64(),
            p99,
            0.03,
            &format!("{what} p99"),
        );
        let p50 = -libm::log(0.5) / (mu - lambda);
        assert_rel(
            st.response.p50().as_secs_f64(),
            p50,
            0.03,
            &format!("{what} p50"),
        );
        let p_wait = m.waited as f64 / st.started as f64;
        assert_rel(p_wait, rho, 0.01, &format!("{what} P(wait)"));
    }
}

#[test]
fn mmc_erlang_c_for_several_server_counts_and_loads() {
    // (servers, lambda, mu): rho from 0.5 to 0.85
    for (seed, c, lambda, mu) in [
        (11, 2u32, 1.6, 1.0),
        (12, 4, 3.2, 1.0),
        (13, 8, 4.0, 1.0),
        (14, 16, 13.6, 1.0),
    ] {
        let a = lambda / mu;
        let cc = erlang_c(c, a);
        let drain = c as f64 * mu - lambda;
        let wq = cc / drain;
        let t_probe = 0.5 / drain;
        let mut e = queue_engine(
            seed,
            c,
            exp_mean(1.0 / lambda),
            exp_mean(1.0 / mu),
            5_000_000,
            secs(t_probe),
        );
        let out = e.step_until(SimTime::MAX, u64::MAX);
        assert!(out.processed >= 10_000_000);
        let m = &e.model;
        let st = m.station.stats();
        let what = format!("M/M/{c} lambda {lambda} mu {mu}");
        assert_rel(st.mean_wait_secs(), wq, 0.03, &format!("{what} Wq"));
        assert_rel(
            st.mean_response_secs(),
            wq + 1.0 / mu,
            0.03,
            &format!("{what} W"),
        );
        assert_rel(
            st.mean_queue_len(),
            lambda * wq,
            0.03,
            &format!("{what} Lq"),
        );
        let p_wait = m.waited as f64 / st.started as f64;
        assert_rel(p_wait, cc, 0.02, &format!("{what} C"));
        let p_tail = m.waited_longer as f64 / st.started as f64;
        assert_rel(
            p_tail,
            cc * libm::exp(-drain * t_probe),
            0.03,
            &format!("{what} P(Wq > t)"),
        );
        assert_rel(
            st.utilization(),
            a / c as f64,
            0.01,
            &format!("{what} utilisation"),
        );
    }
}

#[test]
fn md1_wait_matches_pollaczek_khinchine() {
    for (seed, lambda, service) in [(21, 800.0, 0.001), (22, 500.0, 0.001), (23, 90.0, 0.01)] {
        let mu = 1.0 / service;
        let rho = lambda / mu;
        let mut e = queue_engine(
            seed,
            1,
            exp_mean(1.0 / lambda),
            Dist::Deterministic(secs(service)),
            10_000_000,
            SimTime::MAX,
        );
        e.step_until(SimTime::MAX, u64::MAX);
        let st = e.model.station.stats();
        let wq = rho / (2.0 * mu * (1.0 - rho));
        let what = format!("M/D/1 lambda {lambda} service {service}");
        assert_rel(st.mean_wait_secs(), wq, 0.03, &format!("{what} Wq"));
        assert_rel(
            st.mean_queue_len(),
            lambda * wq,
            0.03,
            &format!("{what} Lq"),
        );
    }
}

#[test]
fn littles_law_is_an_identity_for_any_service_distribution() {
    let services = [
        Dist::LogNormal {
            median: SimTime::from_millis(2),
            sigma: 1.0,
        },
        Dist::Deterministic(SimTime::from_micros(2500)),
        exp_mean(0.003),
    ];
    for (i, service) in services.into_iter().enumerate() {
        let mut e = queue_engine(
            30 + i as u64,
            3,
            exp_mean(0.0015),
            service,
            200_000,
            SimTime::MAX,
        );
        // Cut the run in the middle: L = lambda W holds to < 0.5 % on a long stretch ...
        e.step_until(SimTime::from_secs(200), u64::MAX);
        let st = e.model.station.stats();
        let lambda = st.completions as f64 / (st.elapsed_ns as f64 * 1e-9);
        assert_rel(
            st.mean_in_system(),
            lambda * st.mean_response_secs(),
            0.005,
            &format!("Little, cut run, {service:?}"),
        );
        // ... and exactly (integer nanoseconds) once the station has drained.
        e.step_until(SimTime::MAX, u64::MAX);
        let st = e.model.station.stats();
        assert_eq!(e.model.station.in_system(), 0);
        assert_eq!(st.completions, 200_000);
        assert_eq!(
            st.system_area(),
            st.response.sum_nanos(),
            "area under N(t) = sum of sojourns"
        );
        assert_eq!(
            st.queue_area, st.wait_sum_ns,
            "area under Lq(t) = sum of waits"
        );
    }
}

#[test]
fn overload_backlog_grows_by_excess_rate_times_time() {
    // Deterministic traffic: the backlog is exact to one job.
    for (servers, rate, service_ms, secs_run) in [(1u32, 1200.0, 1u64, 60u64), (4, 4800.0, 1, 30)] {
        let gap = SimTime(1_000_000_000 / rate as u64);
        let rate_exact = 1e9 / gap.0 as f64;
        let mut e = queue_engine(
            40,
            servers,
            Dist::Deterministic(gap),
            Dist::Deterministic(SimTime::from_millis(service_ms)),
            u64::MAX,
            SimTime::MAX,
        );
        e.step_until(SimTime::from_secs(secs_run), u64::MAX);
        let cap = servers as f64 * 1000.0 / service_ms as f64;
        let want = (rate_exact - cap) * secs_run as f64;
        let got = e.model.station.queued() as f64;
        assert!(
            (got - want).abs() <= 2.0,
            "{servers} servers, {rate}/s: backlog {got}, theory {want}"
        );
    }
    // Poisson traffic at 1200/s into 1000/s for 60 s: 12,000 on average over seeds. One run's
    // backlog has a standard deviation of about sqrt(72,000 + 60,000) = 363, so 32 runs put 2 %
    // at 3.7 standard deviations of their mean.
    let mut total = 0.0;
    let runs = 32;
    for seed in 0..runs {
        let mut e = queue_engine(
            50 + seed,
            1,
            exp_mean(1.0 / 1200.0),
            exp_mean(0.001),
            u64::MAX,
            SimTime::MAX,
        );
        e.step_until(SimTime::from_secs(60), u64::MAX);
        total += e.model.station.queued() as f64;
    }
    assert_rel(
        total / runs as f64,
        12_000.0,
        0.02,
        "Poisson overload backlog",
    );
}

// ---------------------------------------------------------------------------------------------
// Caches
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Sharding
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Replication and failover
// ---------------------------------------------------------------------------------------------

/// Poisson (or fixed-rate) writes into a replica set; optionally a read of each written key
/// `read_after` later on replica 0, and primary failures every `fail_every`.
struct ReplicationRun {
    set: ReplicaSet,
    gaps: Dist,
    rng: SimRng,
    writes_left: u64,
    read_after: Option<SimTime>,
    reads: u64,
    stale: u64,
    fail_every: Option<SimTime>,
    /// Written minus applied on each replica, tracked from the events alone.
    backlog: Vec<u64>,
    lost: Vec<(u64, u64)>,
    deliveries: Vec<(u32, SimTime)>,
    /// Ack latency of sync writes.
    ack_latency_sum: f64,
    acks: u64,
    write_times: std::collections::VecDeque<SimTime>,
}

enum RepEvent {
    Write,
    Deliver(u32, WriteOp),
    Applied(u32, WriteOp, SimTime),
    Read(u64),
    Fail,
    SlowDown(Dist),
}

impl Model for ReplicationRun {
    type Event = RepEvent;
    fn handle(&mut self, now: SimTime, ev: RepEvent, q: &mut EventQueue<RepEvent>) {
        match ev {
            RepEvent::Write => {
                // Unique keys for a long while (a read 10 ms later sees only this write).
                let key = (self.set.last_seq() + 1) % 100_000;
                let op = self.set.write(now, key, &mut self.deliveries);
                self.write_times.push_back(now);
                for (r, at) in self.deliveries.drain(..) {
                    self.backlog[r as usize] += 1;
                    q.schedule(at, RepEvent::Deliver(r, op));
                }
                if let Some(d) = self.read_after {
                    q.schedule(now.after(d), RepEvent::Read(op.key));
                }
                self.writes_left -= 1;
                if self.writes_left > 0 {
                    q.schedule(now.after(self.gaps.sample(&mut self.rng)), RepEvent::Write);
                }
            }
            RepEvent::Deliver(r, op) => {
                if let Some(s) = self.set.deliver(now, r, op) {
                    q.schedule(s.done_at, RepEvent::Applied(r, s.job, s.arrived));
                }
            }
            RepEvent::Applied(r, op, arrived) => {
                let before = self.set.applied_upto(r);
                let a = self.set.applied(now, r, op, arrived);
                if self.set.applied_upto(r) > before {
                    self.backlog[r as usize] -= 1;
                }
                // Acknowledgements come in log order, so the oldest unacknowledged write is next.
                for _seq in a.newly_acked {
                    let t = self
                        .write_times
                        .pop_front()
                        .expect("acked write was written");
                    self.ack_latency_sum += now.since(t).as_secs_f64();
                    self.acks += 1;
                }
                if let Some(s) = a.next {
                    q.schedule(s.done_at, RepEvent::Applied(r, s.job, s.arrived));
                }
            }
            RepEvent::Read(key) => {
                self.reads += 1;
                if self.set.read(now, 0, key) {
                    self.stale += 1;
                }
            }
            RepEvent::Fail => {
                let promoted_backlog = *self.backlog.iter().min().expect("has replicas");
                let f = self.set.fail_primary(now).expect("has replicas");
                self.lost.push((f.lost_writes, promoted_backlog));
                self.backlog.iter_mut().for_each(|b| *b = 0);
                self.write_times.clear();
                if let Some(every) = self.fail_every
                    && self.writes_left > 0
                {
                    q.schedule(now.after(every), RepEvent::Fail);
                }
            }
            RepEvent::SlowDown(gaps) => self.gaps = gaps,
        }
    }
}

fn replication_engine(
    seed: u64,
    config: ReplicationConfig,
    gaps: Dist,
    writes: u64,
) -> Engine<ReplicationRun> {
    let mut e = Engine::new(ReplicationRun {
        set: ReplicaSet::new(config, seeded(seed), 3),
        gaps,
        rng: SimRng::stream(seeded(seed), 2, "writes"),
        writes_left: writes,
        read_after: None,
        reads: 0,
        stale: 0,
        fail_every: None,
        backlog: vec![0; config.replicas as usize],
        lost: Vec::new(),
        deliveries: Vec::new(),
        ack_latency_sum: 0.0,
        acks: 0,
        write_times: Default::default(),
    });
    e.queue.schedule(SimTime::ZERO, RepEvent::Write);
    e
}

fn async_config(replicas: u32, apply: Dist) -> ReplicationConfig {
    ReplicationConfig {
        replicas,
        network: Dist::Deterministic(SimTime::from_micros(500)),
        apply,
        mode: ReplicationMode::Async,
    }
}

#[test]
fn replica_lag_mean_and_stale_read_probability() {
    // Exponential apply (M/M/1): lag = net + sojourn; P(lag > d) = e^{-(mu - lambda)(d - net)}.
    for (seed, lambda, read_ms) in [(100, 800.0, 10.0), (101, 500.0, 3.0)] {
        let mu = 1000.0;
        let mut e = replication_engine(
            seed,
            async_config(1, exp_mean(0.001)),
            exp_mean(1.0 / lambda),
            4_000_000,
        );
        e.model.read_after = Some(secs(read_ms / 1000.0));
        e.step_until(SimTime::MAX, u64::MAX);
        let m = &e.model;
        let lag = &m.set.stats().lag;
        let what = format!("M/M/1 apply, {lambda} writes/s");
        assert_rel(
            lag.mean_secs(),
            0.0005 + 1.0 / (mu - lambda),
            0.03,
            &format!("{what} mean lag"),
        );
        let p_stale = libm::exp(-(mu - lambda) * (read_ms / 1000.0 - 0.0005));
        assert_rel(
            m.stale as f64 / m.reads as f64,
            p_stale,
            0.05,
            &format!("{what} stale read {read_ms} ms after a write"),
        );
    }
    // Deterministic apply (M/D/1): lag = net + P-K wait + service.
    let mut e = replication_engine(
        102,
        async_config(2, Dist::Deterministic(SimTime::from_millis(1))),
        exp_mean(1.0 / 800.0),
        4_000_000,
    );
    e.step_until(SimTime::MAX, u64::MAX);
    let want = 0.0005 + 0.8 / (2.0 * 1000.0 * 0.2) + 0.001;
    assert_rel(
        e.model.set.stats().lag.mean_secs(),
        want,
        0.03,
        "M/D/1 apply mean lag",
    );
}

/// The share of replica reads that are stale in a whole run: users -> web -> a database with
/// replicas, every key written and read as independent Poisson streams, so a read finds its key
/// last written an exponential while ago and is stale when that write's lag is longer
/// (`theory::replica_stale_share`, summed over the Zipf key mix by `predict`). Over 5e5 reads
/// the three cases land within 1 % of theory; 5 % leaves room for the busy periods' correlation.
#[test]
fn the_stale_read_share_of_a_whole_run_matches_the_key_mix_average() {
    use crate::sim_run::{Builder, run_to, users};
    use scalelab::model::config::ServiceTime;
    use scalelab::model::{ComponentConfig, ComponentKind as K, OutPort as O};
    use scalelab::sim::{RunConfig, build, predict};
    // (seed, writes of 2,000 req/s, applies/s, network ms, keys, alpha, celebrity keys/share)
    for (seed, write, apply, net, keys, alpha, celebrities) in [
        (140, 0.3, 1_000.0, 0.5, 1_000, 0.8, (0, 0.0)),
        (141, 0.1, 400.0, 2.0, 100, 1.0, (0, 0.0)),
        (142, 0.2, 1_000.0, 0.5, 100_000, 0.6, (1, 0.2)),
    ] {
        let mut b = Builder::new(seeded(seed));
        let us = b.add(K::Users, None, users(2_000.0, 1.0 - write, write, 0.0));
        let web = b.add(K::WebServers, None, |c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 10;
                w.concurrency_per_instance = 64;
                w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
            }
        });
        let db = b.add(K::Database, None, |c| {
            if let ComponentConfig::Database(d) = c {
                d.read_replicas = 2;
                d.apply_rate_per_s = apply;
                d.network_delay_ms = net;
                d.concurrency_per_node = 64;
            }
        });
        if let Some(ComponentConfig::Users(u)) = b.d.component_mut(us).map(|c| &mut c.config) {
            u.key_space = keys;
            u.zipf_alpha = alpha;
            u.celebrity_keys = celebrities.0;
            u.celebrity_share = celebrities.1;
        }
        b.wire(us, O::Dynamic, web);
        b.wire(web, O::Data, db);
        b.d.scenario.duration_s = 400;
        let want = predict::replica_lag_predictions(&b.d, 0.0)[0]
            .stale_read_share
            .expect("the database gets the whole key mix");
        let mut sim = build(&b.d, &RunConfig::default()).expect("builds");
        let snap = run_to(&mut sim, 400);
        let m = snap.components.iter().find(|c| c.id == db.0).unwrap();
        let reads = m.replica_reads.unwrap();
        assert!(reads > 400_000, "{reads} replica reads");
        assert_eq!(m.errors.total(), 0, "nothing fails");
        assert_rel(
            m.stale_reads.unwrap() as f64 / reads as f64,
            want,
            0.05,
            &format!("stale share, {write} writes, {apply} applies/s, {keys} keys"),
        );
    }
}

/// A copy of a database in another datacenter: the leader's writes reach it after the one-way
/// cross-region delay (40 ms between North America and Europe) and queue on its single apply
/// thread, so its lag is the M/M/1 replica lag with that delay, and the share of reads served
/// there that miss the key's latest write follows the same key-mix average as local replicas.
/// Writers in one region, readers in the other, the same key mix.
#[test]
fn a_copy_in_another_region_lags_by_the_one_way_delay_plus_its_apply_queue() {
    use crate::sim_run::{Builder, run_to, users};
    use scalelab::model::config::ServiceTime;
    use scalelab::model::{ComponentConfig, ComponentKind as K, OutPort as O, Region};
    use scalelab::sim::{RunConfig, build, theory};
    // (seed, writes/s in America, applies/s of the copy, keys, alpha)
    for (seed, writes, apply, keys, alpha) in [
        (150, 400.0, 1_000.0, 1_000, 0.8),
        (151, 150.0, 200.0, 10_000, 1.0),
    ] {
        let mut b = Builder::new(seeded(seed));
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
            let dc = b.group(region);
            let us = b.add(K::Users, None, |c| {
                users(rate, read, write, 0.0)(c);
                fast(c);
                if let ComponentConfig::Users(u) = c {
                    u.region = region;
                }
            });
            let web = b.add(K::WebServers, Some(dc), fast);
            let db = b.add(K::Database, Some(dc), fast);
            b.wire(us, O::Dynamic, web);
            b.wire(web, O::Data, db);
            db
        };
        let leader = tier(Region::NorthAmerica, writes, 0.0, 1.0);
        let copy = tier(Region::Europe, 2_000.0, 1.0, 0.0);
        b.wire(leader, O::Replicate, copy);
        let mut sim = build(&b.d, &RunConfig::default()).expect("builds");
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

#[test]
fn replica_lag_in_overload_is_backlog_over_apply_rate_and_drains() {
    let gap_1200 = Dist::Deterministic(SimTime(833_333));
    let mut e = replication_engine(
        110,
        async_config(1, Dist::Deterministic(SimTime::from_millis(1))),
        gap_1200,
        u64::MAX,
    );
    e.queue.schedule(
        SimTime::from_secs(60),
        RepEvent::SlowDown(Dist::Deterministic(SimTime::from_millis(2))),
    );
    e.step_until(SimTime::from_secs(60), u64::MAX);
    let set = &e.model.set;
    let now = SimTime::from_secs(60);
    assert_rel(set.lag_ops(0) as f64, 12_000.0, 0.005, "backlog after 60 s");
    // The oldest unapplied write ("seconds behind primary") is backlog / write rate old; a
    // write made now waits backlog / apply rate: the oracle's 12 s, checked below as the largest
    // lag any write sees (writes slow down after it).
    assert_rel(
        set.lag_time(now, 0).as_secs_f64(),
        10.0,
        0.005,
        "oldest unapplied write age",
    );
    // Writes fall to 500/s: the backlog drains at 500/s, in 24 s.
    e.step_until(SimTime::from_secs(60 + 23), u64::MAX);
    assert!(e.model.set.lag_ops(0) > 400, "still draining at +23 s");
    e.step_until(SimTime::from_secs(60 + 25), u64::MAX);
    assert!(e.model.set.lag_ops(0) <= 2, "drained by +25 s");
    let worst = e.model.set.stats().lag.max().as_secs_f64();
    assert_rel(worst, 12.0, 0.005, "lag of the write made at 60 s");
}

#[test]
fn lost_writes_at_failover_are_the_replica_backlog() {
    let lambda = 800.0;
    let mut e = replication_engine(
        120,
        async_config(2, exp_mean(0.001)),
        exp_mean(1.0 / lambda),
        1_000_000,
    );
    e.model.fail_every = Some(SimTime::from_millis(997));
    e.queue.schedule(SimTime::from_millis(997), RepEvent::Fail);
    e.step_until(SimTime::MAX, u64::MAX);
    let lost = &e.model.lost;
    assert!(lost.len() > 1000);
    for &(lost_writes, backlog) in lost {
        assert_eq!(
            lost_writes, backlog,
            "lost writes = promoted replica's backlog"
        );
    }
    // Little: the mean backlog is lambda x mean lag; the promoted replica is the better of two,
    // so its backlog is at most the single-replica mean of lambda (net + 1 / (mu - lambda)).
    let mean_lost = lost.iter().map(|l| l.0 as f64).sum::<f64>() / lost.len() as f64;
    let single = lambda * (0.0005 + 1.0 / (1000.0 - lambda));
    assert!(
        mean_lost < single && mean_lost > 0.4 * single,
        "mean lost {mean_lost}, single {single}"
    );
    assert_eq!(
        e.model.set.stats().lost_writes,
        lost.iter().map(|l| l.0).sum::<u64>()
    );

    // One replica: the mean lost equals lambda x mean lag (Little's law on the apply pipeline).
    let mut e = replication_engine(
        121,
        async_config(1, exp_mean(0.001)),
        exp_mean(1.0 / lambda),
        2_400_000,
    );
    e.model.fail_every = Some(SimTime::from_millis(997));
    e.queue.schedule(SimTime::from_millis(997), RepEvent::Fail);
    e.step_until(SimTime::MAX, u64::MAX);
    let lost = &e.model.lost;
    let mean_lost = lost.iter().map(|l| l.0 as f64).sum::<f64>() / lost.len() as f64;
    assert_rel(
        mean_lost,
        single,
        0.10,
        "mean lost writes, one async replica",
    );

    // Sync replication: nothing acknowledged is ever lost, and a write waits for its apply.
    let mut sync = async_config(2, exp_mean(0.001));
    sync.mode = ReplicationMode::Sync;
    let mut e = replication_engine(122, sync, exp_mean(1.0 / 300.0), 300_000);
    e.model.fail_every = Some(SimTime::from_millis(997));
    e.queue.schedule(SimTime::from_millis(997), RepEvent::Fail);
    e.step_until(SimTime::MAX, u64::MAX);
    assert!(e.model.lost.len() > 500);
    assert!(
        e.model.lost.iter().all(|l| l.0 == 0),
        "sync replication loses nothing"
    );
    assert!(e.model.acks > 200_000);
    let ack = e.model.ack_latency_sum / e.model.acks as f64;
    assert!(
        ack > 0.0005 + 0.001 / (1.0 - 0.3),
        "sync ack waits for net + apply: {ack}"
    );
}

/// Clients resolve the primary's name through DNS and cache the answer for its TTL.
struct FailoverRun {
    timing: FailoverTiming,
    failed_at: SimTime,
    check_phase: SimTime,
    consecutive_failures: u32,
    promoted_at: Option<SimTime>,
    outages: Vec<SimTime>,
}

enum FailoverEvent {
    HealthCheck,
    Promoted,
    /// A client's cached DNS answer expires and it resolves again.
    Resolve(usize),
}

impl Model for FailoverRun {
    type Event = FailoverEvent;
    fn handle(&mut self, now: SimTime, ev: FailoverEvent, q: &mut EventQueue<FailoverEvent>) {
        match ev {
            FailoverEvent::HealthCheck => {
                if now >= self.failed_at {
                    self.consecutive_failures += 1;
                }
                if self.consecutive_failures == self.timing.failures_to_detect {
                    q.schedule(now.after(self.timing.promotion), FailoverEvent::Promoted);
                } else {
                    q.schedule(
                        now.after(self.timing.check_interval),
                        FailoverEvent::HealthCheck,
                    );
                }
            }
            FailoverEvent::Promoted => self.promoted_at = Some(now),
            FailoverEvent::Resolve(client) => match self.promoted_at {
                Some(_) if now >= self.failed_at => {
                    self.outages[client] = now.since(self.failed_at);
                }
                _ => q.schedule(
                    now.after(self.timing.dns_ttl),
                    FailoverEvent::Resolve(client),
                ),
            },
        }
    }
}

#[test]
fn failover_time_is_detection_plus_promotion_plus_dns_ttl() {
    for (k, interval, promotion, ttl) in [(3u32, 30u64, 0u64, 60u64), (2, 10, 15, 30)] {
        let timing = FailoverTiming {
            check_interval: SimTime::from_secs(interval),
            failures_to_detect: k,
            promotion: SimTime::from_secs(promotion),
            dns_ttl: SimTime::from_secs(ttl),
        };
        let mut rng = SimRng::stream(seeded(130), k as u64, "phases");
        let clients = 2000;
        let (mut worst, mut mean_total) = (SimTime::ZERO, 0.0);
        let runs = 50;
        for run in 0..runs {
            let phase = SimTime(rng.below(timing.check_interval.0));
            // Run 0 fails just after a check: the worst case.
            let failed_at = if run == 0 {
                SimTime::from_secs(1000).after(phase).after(SimTime(1))
            } else {
                SimTime::from_secs(1000).after(SimTime(rng.below(timing.check_interval.0)))
            };
            let mut e = Engine::new(FailoverRun {
                timing,
                failed_at,
                check_phase: phase,
                consecutive_failures: 0,
                promoted_at: None,
                outages: vec![SimTime::MAX; clients],
            });
            e.queue.schedule(phase, FailoverEvent::HealthCheck);
            for c in 0..clients {
                e.queue.schedule(
                    SimTime(rng.below(timing.dns_ttl.0)),
                    FailoverEvent::Resolve(c),
                );
            }
            e.step_until(SimTime::MAX, u64::MAX);
            let m = &e.model;
            assert_eq!(
                m.promoted_at,
                Some(timing.promoted_at(failed_at, m.check_phase)),
                "the simulated checks agree with FailoverTiming"
            );
            let run_worst = *m.outages.iter().max().unwrap();
            assert!(
                run_worst <= timing.worst_case(),
                "never worse than k x interval + promotion + TTL"
            );
            worst = worst.max(run_worst);
            mean_total += m.outages.iter().map(|o| o.as_secs_f64()).sum::<f64>() / clients as f64;
        }
        assert_rel(
            worst.as_secs_f64(),
            timing.worst_case().as_secs_f64(),
            0.01,
            &format!("worst failover, k {k} x {interval} s + {promotion} s + TTL {ttl} s"),
        );
        // Random failure times: on average half an interval is saved on detection and half the
        // TTL on re-resolution.
        let mean_want = (k as f64 - 0.5) * interval as f64 + promotion as f64 + ttl as f64 / 2.0;
        assert_rel(
            mean_total / runs as f64,
            mean_want,
            0.05,
            "mean failover time",
        );
    }
}
