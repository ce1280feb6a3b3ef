//! Sharding: modulo remapping counts exactly, consistent hashing moves 1 / (n + 1) of the
//! keys, virtual nodes shrink the ring's imbalance, and a celebrity key makes a hot shard.

use scalelab::sim::rng::{SimRng, Zipf, harmonic};
use scalelab::sim::sharding::{ShardMap, imbalance, keys_moved, modulo_moved_fraction};

use super::{assert_abs, assert_rel, seeded};

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
