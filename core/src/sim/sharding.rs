//! Key placement over database shards: modulo and consistent hashing with virtual nodes.
//!
//! Owns: `shard_for(key)`, per-shard key counts and loads, and how many keys move when the
//! number of shards changes. Modulo placement is `key % shards` on the key id (so remapping
//! figures are exact); the ring hashes keys and virtual nodes with [`mix64`] (SplitMix64's
//! finaliser), so the same ring is built on every platform.
//!
//! ```text
//!        0 ───── s1#0 ─── s0#1 ───── s2#0 ──── s1#1 ── ... ── 2^64
//!   hash(key) ──▶ first virtual node clockwise at or after it ──▶ its shard
//! ```
//!
//! Invariants: a ring's points depend only on (seed, shard index, virtual-node index), so adding
//! shard N keeps every existing point and only keys landing on the new shard's arcs move. Does
//! not: move data or model rebalancing traffic (the owner decides what a move costs).

use super::rng::mix64;

/// Position of a key on the ring.
#[inline]
pub fn key_hash(key: u64) -> u64 {
    mix64(key ^ 0x243F_6A88_85A3_08D3)
}

/// A consistent-hashing ring with `vnodes` points per shard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ring {
    shards: u32,
    vnodes: u32,
    seed: u64,
    points: Vec<(u64, u32)>,
}

impl Ring {
    /// A ring of `shards >= 1` shards with `vnodes >= 1` virtual nodes each.
    pub fn new(shards: u32, vnodes: u32, seed: u64) -> Ring {
        let shards = shards.max(1);
        let vnodes = vnodes.max(1);
        let mut keys = Vec::with_capacity(shards as usize * vnodes as usize);
        for s in 0..shards {
            for v in 0..vnodes {
                let h = mix64(mix64(seed ^ mix64(s as u64)) ^ v as u64);
                keys.push(crate::order::pair_key(h, s as u64));
            }
        }
        crate::order::sort_keys(&mut keys);
        let points = keys
            .into_iter()
            .map(|k| ((k >> 64) as u64, k as u32))
            .collect();
        Ring {
            shards,
            vnodes,
            seed,
            points,
        }
    }
    /// Number of shards.
    pub fn shards(&self) -> u32 {
        self.shards
    }
    /// The same ring with `shards` shards (existing points kept).
    pub fn resized(&self, shards: u32) -> Ring {
        Ring::new(shards, self.vnodes, self.seed)
    }
    /// The shard owning ring position `h`.
    #[inline]
    pub fn shard_at(&self, h: u64) -> u32 {
        let i = self.points.partition_point(|&(p, _)| p < h);
        self.points[if i == self.points.len() { 0 } else { i }].1
    }
    /// The share of the ring (hash space) each shard owns: its expected share of uniform keys.
    pub fn ownership(&self) -> Vec<f64> {
        let mut own = vec![0.0; self.shards as usize];
        let n = self.points.len();
        for i in 0..n {
            // The arc (points[i-1], points[i]] belongs to points[i].
            let prev = if i == 0 {
                self.points[n - 1].0
            } else {
                self.points[i - 1].0
            };
            let arc = self.points[i].0.wrapping_sub(prev);
            let arc = if n == 1 { u64::MAX } else { arc };
            own[self.points[i].1 as usize] += arc as f64 / 18_446_744_073_709_551_616.0;
        }
        own
    }
}

/// How keys are placed on shards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShardMap {
    /// `key % shards`.
    Modulo {
        /// Number of shards (>= 1).
        shards: u32,
    },
    /// Consistent hashing.
    Consistent(Ring),
}

impl ShardMap {
    /// Modulo placement over `shards` (at least one).
    pub fn modulo(shards: u32) -> ShardMap {
        ShardMap::Modulo {
            shards: shards.max(1),
        }
    }
    /// Consistent hashing over `shards` with `vnodes` virtual nodes each.
    pub fn consistent(shards: u32, vnodes: u32, seed: u64) -> ShardMap {
        ShardMap::Consistent(Ring::new(shards, vnodes, seed))
    }
    /// Number of shards.
    pub fn shards(&self) -> u32 {
        match self {
            ShardMap::Modulo { shards } => *shards,
            ShardMap::Consistent(r) => r.shards(),
        }
    }
    /// The same placement scheme over `shards` shards.
    pub fn resized(&self, shards: u32) -> ShardMap {
        match self {
            ShardMap::Modulo { .. } => ShardMap::modulo(shards),
            ShardMap::Consistent(r) => ShardMap::Consistent(r.resized(shards)),
        }
    }
    /// The shard holding `key`.
    #[inline]
    pub fn shard_for(&self, key: u64) -> u32 {
        match self {
            ShardMap::Modulo { shards } => (key % *shards as u64) as u32,
            ShardMap::Consistent(r) => r.shard_at(key_hash(key)),
        }
    }
    /// How many of `keys` each shard holds.
    pub fn key_counts(&self, keys: impl IntoIterator<Item = u64>) -> Vec<u64> {
        let mut counts = vec![0; self.shards() as usize];
        for k in keys {
            counts[self.shard_for(k) as usize] += 1;
        }
        counts
    }
}

/// How many of `keys` live on a different shard under `to` than under `from`.
pub fn keys_moved(from: &ShardMap, to: &ShardMap, keys: impl IntoIterator<Item = u64>) -> u64 {
    keys.into_iter()
        .filter(|&k| from.shard_for(k) != to.shard_for(k))
        .count() as u64
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The exact share of keys that move when modulo placement goes from `a` to `b` shards:
/// x mod a == x mod b exactly when x mod lcm(a, b) < min(a, b) (x mod a and x mod b agree on
/// [0, min) and differ after, then the pattern repeats every lcm), so 1 - min(a, b) / lcm(a, b).
pub fn modulo_moved_fraction(a: u32, b: u32) -> f64 {
    let (a, b) = (a.max(1) as u64, b.max(1) as u64);
    let lcm = a / gcd(a, b) * b;
    1.0 - a.min(b) as f64 / lcm as f64
}

/// Max/mean and std/mean of per-shard loads.
pub fn imbalance(loads: &[f64]) -> (f64, f64) {
    if loads.is_empty() {
        return (0.0, 0.0);
    }
    let n = loads.len() as f64;
    let mean = loads.iter().sum::<f64>() / n;
    if mean == 0.0 {
        return (0.0, 0.0);
    }
    let max = loads.iter().cloned().fold(f64::MIN, f64::max);
    let var = loads.iter().map(|l| (l - mean) * (l - mean)).sum::<f64>() / n;
    (max / mean, var.sqrt() / mean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modulo_fraction_formula_examples() {
        assert!((modulo_moved_fraction(10, 11) - 10.0 / 11.0).abs() < 1e-12);
        assert!((modulo_moved_fraction(10, 12) - (1.0 - 10.0 / 60.0)).abs() < 1e-12);
        assert_eq!(modulo_moved_fraction(7, 7), 0.0);
    }

    #[test]
    fn ring_ownership_sums_to_one_and_growing_keeps_old_points() {
        let r = Ring::new(10, 50, 3);
        let total: f64 = r.ownership().iter().sum();
        assert!((total - 1.0).abs() < 1e-9);
        let bigger = r.resized(11);
        for p in &r.points {
            assert!(bigger.points.contains(p));
        }
        // A key that moves can only move to the new shard.
        let (a, b) = (ShardMap::Consistent(r), ShardMap::Consistent(bigger));
        for k in 0..10_000 {
            let (x, y) = (a.shard_for(k), b.shard_for(k));
            assert!(x == y || y == 10);
        }
        assert_eq!(Ring::new(1, 1, 0).ownership(), vec![1.0]);
    }

    #[test]
    fn imbalance_of_even_and_uneven_loads() {
        assert_eq!(imbalance(&[1.0, 1.0]), (1.0, 0.0));
        let (mx, cv) = imbalance(&[3.0, 1.0]);
        assert!((mx - 1.5).abs() < 1e-12 && (cv - 0.5).abs() < 1e-12);
    }
}
