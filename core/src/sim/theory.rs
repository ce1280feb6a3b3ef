//! Closed-form predictions the run view shows beside simulated figures ("Che predicts 43.7 %").
//!
//! Owns: Erlang C / M/M/c response times and waits, the Allen-Cunneen approximation of a G/G/c
//! wait (for service that is not exponential, or arrivals made regular by a round robin), a
//! cache's hit ratio by its eviction policy and TTL ([`cache_hit_ratio`]: Che for LRU, the
//! characteristic-time approximation for FIFO, the top-`C` bound for LFU, the TTL formulas when
//! the TTL binds first; writes invalidate), and the M/M/1 replica lag (its mean, the chance
//! that a read some time after a write is stale, and the share of replica reads that are stale
//! when reads come at random times after their key's latest write). Pure functions of numbers, so the view can
//! call them for any component config and tests can check them against the worked examples in
//! `docs/fidelity.md` (each section's worked example); [`crate::sim::predict`] picks their inputs from a whole diagram.
//!
//! Deliberately approximate where the formulas are: Zipf popularity over a large key space is
//! summed exactly for the first [`EXACT_RANKS`] ranks and over geometric buckets of ranks beyond
//! (each bucket's keys have nearly equal probability), so a million-key Che solve costs a few
//! thousand terms per iteration instead of a million. Nothing here knows about invalidations by
//! writes or celebrity keys: the view says "theory ignores ..." where that matters.

/// Ranks summed one by one before bucketing the tail.
pub const EXACT_RANKS: u64 = 2_000;
/// Ratio between consecutive tail bucket edges.
const BUCKET_RATIO: f64 = 1.02;

/// Zipf(alpha) popularity over `n` keys as (probability of one key, number of such keys)
/// buckets: exact for the top ranks, geometric buckets beyond. The probabilities of all keys sum
/// to 1 (to rounding).
pub fn zipf_buckets(n: u64, alpha: f64) -> Vec<(f64, f64)> {
    let n = n.max(1);
    let alpha = if alpha.is_finite() {
        alpha.max(0.0)
    } else {
        0.0
    };
    let mut raw: Vec<(f64, f64)> = Vec::new();
    let exact = n.min(EXACT_RANKS);
    for k in 1..=exact {
        raw.push((libm::pow(k as f64, -alpha), 1.0));
    }
    let mut lo = exact + 1;
    while lo <= n {
        let hi = ((lo as f64 * BUCKET_RATIO).ceil() as u64).clamp(lo, n);
        let count = (hi - lo + 1) as f64;
        // Mean of k^-alpha over [lo, hi] by the midpoint of the integral.
        let weight = if (alpha - 1.0).abs() < 1e-9 {
            libm::log((hi as f64 + 0.5) / (lo as f64 - 0.5)) / count
        } else {
            (libm::pow(hi as f64 + 0.5, 1.0 - alpha) - libm::pow(lo as f64 - 0.5, 1.0 - alpha))
                / ((1.0 - alpha) * count)
        };
        raw.push((weight, count));
        lo = hi + 1;
    }
    let total: f64 = raw.iter().map(|(w, c)| w * c).sum();
    raw.into_iter().map(|(w, c)| (w / total, c)).collect()
}

fn bisect(mut lo: f64, mut hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    // f is increasing; find f(x) = 0.
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 1e-12 * hi.max(1.0) {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// The Che approximation of an LRU cache's hit ratio holding `capacity` of `n` keys requested
/// with Zipf(`alpha`) popularity. 1 when everything fits.
pub fn che_lru_hit_ratio(n: u64, alpha: f64, capacity: u64) -> f64 {
    che_lru_hit_ratio_with_writes(n, alpha, capacity, 1.0)
}

/// Che for an LRU cache whose keys are also written (each write invalidates the key), with
/// reads and writes over the same Zipf popularity and `read_fraction` = reads / (reads +
/// writes): a read hits when the key's previous access was a read within the characteristic
/// time T, so occupancy is f * sum(1 - e^{-p T}) = C and the read hit ratio
/// f * sum p (1 - e^{-p T}). With f = 1 this is plain Che.
pub fn che_lru_hit_ratio_with_writes(n: u64, alpha: f64, capacity: u64, read_fraction: f64) -> f64 {
    let f = if read_fraction.is_finite() {
        read_fraction.clamp(0.0, 1.0)
    } else {
        1.0
    };
    if f == 0.0 {
        return 0.0;
    }
    if capacity >= n {
        return f;
    }
    if capacity == 0 {
        return 0.0;
    }
    let buckets = zipf_buckets(n, alpha);
    let c = capacity as f64;
    let occupancy = |t: f64| -> f64 {
        buckets
            .iter()
            .map(|(p, k)| f * k * (1.0 - libm::exp(-p * t)))
            .sum::<f64>()
            - c
    };
    let mut hi = 1.0;
    while occupancy(hi) < 0.0 && hi < 1e300 {
        hi *= 4.0;
    }
    let t = bisect(0.0, hi, occupancy);
    if occupancy(hi) < 0.0 {
        return f; // f * n < C: every key that can be cached is
    }
    f * buckets
        .iter()
        .map(|(p, k)| k * p * (1.0 - libm::exp(-p * t)))
        .sum::<f64>()
}

/// Hit ratio of a TTL cache with no capacity limit (expiry set on miss) receiving `rate_rps`
/// requests over Zipf(`alpha`) popularity of `n` keys: sum p (L p T) / (1 + L p T).
pub fn ttl_zipf_hit_ratio(n: u64, alpha: f64, rate_rps: f64, ttl_s: f64) -> f64 {
    let lt = rate_rps.max(0.0) * ttl_s.max(0.0);
    zipf_buckets(n, alpha)
        .iter()
        .map(|(p, k)| k * p * (lt * p) / (1.0 + lt * p))
        .sum()
}

/// When a cached key's time to live starts, for the formulas: as the engine's cache does it,
/// set when the key is filled (after a miss; a write invalidates the key) or refreshed on every
/// hit. `ttl_s` in seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TtlRule {
    /// Keys never expire.
    Never,
    /// Expiry `ttl_s` after the fill, never extended.
    SetOnFill { ttl_s: f64 },
    /// Expiry `ttl_s` after the latest fill or hit.
    RefreshOnHit { ttl_s: f64 },
}

/// Which cache a formula is for: the eviction policy the capacity enforces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvictionRule {
    Lru,
    Fifo,
    Lfu,
}

/// Which closed form gave a cache's hit ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheFormula {
    /// Che's approximation of LRU (the capacity binds before any TTL).
    CheLru,
    /// The FIFO / random-eviction characteristic-time approximation (the capacity binds).
    FifoCharacteristicTime,
    /// An upper bound: the `C` most popular keys always cached (an in-cache LFU does no better).
    LfuTopKeys,
    /// The same bound, each of those keys expiring by its TTL.
    LfuTopKeysWithTtl,
    /// The TTL binds before the capacity: expiry set on fill, `h = lambda T / (1 + lambda T)`.
    TtlSetOnFill,
    /// The TTL binds before the capacity: expiry refreshed on hit, `h = 1 - e^{-lambda T}`.
    TtlRefreshOnHit,
}

impl CacheFormula {
    /// Whether the figure is an upper bound rather than an estimate.
    pub fn is_upper_bound(self) -> bool {
        matches!(
            self,
            CacheFormula::LfuTopKeys | CacheFormula::LfuTopKeysWithTtl
        )
    }
}

/// A cache's hit ratio (0-1, reads that hit) as theory has it, and the formula used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CacheHitTheory {
    pub hit_ratio: f64,
    pub formula: CacheFormula,
}

/// The fraction of time key `p` (its share of the accesses) spends cached under its TTL alone,
/// which is also the chance that a read of it hits (reads are Poisson, so they see time
/// averages), with `t` the TTL in accesses (rate x TTL) and `f` the read share of accesses
/// (a write invalidates the key):
/// - set on fill: after a read miss the key lives until `min(TTL, next write)`, `E = (1 -
///   e^{-w t}) / w` with `w = (1 - f) p`; the reads in it, `H = f p E`, all hit, and the next
///   read misses, so `pi = H / (1 + H)` (with no writes, `f p t / (1 + f p t)`);
/// - refreshed on hit: a read hits when the previous access was a read within `t`:
///   `pi = f (1 - e^{-p t})`.
fn ttl_presence(p: f64, t: f64, f: f64, refresh: bool) -> f64 {
    if refresh {
        return f * (1.0 - libm::exp(-p * t));
    }
    let w = (1.0 - f) * p;
    let alive = if w * t > 1e-12 {
        -libm::expm1(-w * t) / w
    } else {
        t
    };
    let h = f * p * alive;
    h / (1.0 + h)
}

/// Hit ratio of a cache of `capacity` keys, with `eviction`, expiring keys by `ttl`, receiving
/// `rate_rps` accesses (reads and writes) a second over Zipf(`alpha`) popularity of `n` keys,
/// `read_fraction` of them reads (a write invalidates the key).
///
/// The capacity's characteristic time `T` (in accesses) solves `sum pi_n(T) = C`, with a key's
/// presence `pi = f (1 - e^{-p T})` under LRU (Che) and `pi = f p T / (1 + p T)` under FIFO (the
/// FIFO / random-eviction approximation: a key stays about `T` after its fill). The TTL binds
/// when `rate x TTL <= T` (keys expire before the capacity evicts them; always when everything
/// fits): then the TTL formulas of [`ttl_presence`] give the hit ratio, exactly so within Che's
/// model for LRU. Otherwise the capacity's formula does, and the TTL is ignored (it could only
/// lower the figure). LFU has no closed form: the bound keeps the `C` most popular keys, each a
/// hit with its presence under the TTL alone (`f` with no TTL).
pub fn cache_hit_ratio(
    n: u64,
    alpha: f64,
    capacity: u64,
    eviction: EvictionRule,
    ttl: TtlRule,
    rate_rps: f64,
    read_fraction: f64,
) -> CacheHitTheory {
    let f = if read_fraction.is_finite() {
        read_fraction.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let buckets = zipf_buckets(n, alpha);
    let rate = if rate_rps.is_finite() {
        rate_rps.max(0.0)
    } else {
        0.0
    };
    // The TTL in accesses, and the presence of a key under it alone.
    let ttl_in_accesses = match ttl {
        TtlRule::Never => None,
        TtlRule::SetOnFill { ttl_s } => Some((rate * ttl_s.max(0.0), false)),
        TtlRule::RefreshOnHit { ttl_s } => Some((rate * ttl_s.max(0.0), true)),
    };
    let ttl_formula = |refresh: bool| {
        if refresh {
            CacheFormula::TtlRefreshOnHit
        } else {
            CacheFormula::TtlSetOnFill
        }
    };
    let presence = |p: f64| match ttl_in_accesses {
        None => f,
        Some((t, refresh)) => ttl_presence(p, t, f, refresh),
    };
    if eviction == EvictionRule::Lfu {
        let mut left = capacity.min(n) as f64;
        let mut hit = 0.0;
        for &(p, count) in &buckets {
            if left <= 0.0 {
                break;
            }
            let take = count.min(left);
            hit += take * p * presence(p);
            left -= take;
        }
        let formula = if ttl_in_accesses.is_some() {
            CacheFormula::LfuTopKeysWithTtl
        } else {
            CacheFormula::LfuTopKeys
        };
        return CacheHitTheory {
            hit_ratio: hit,
            formula,
        };
    }
    let (capacity_presence, formula): (fn(f64, f64, f64) -> f64, _) = match eviction {
        EvictionRule::Fifo => (
            |p, t, f| f * p * t / (1.0 + p * t),
            CacheFormula::FifoCharacteristicTime,
        ),
        _ => (|p, t, f| f * -libm::expm1(-p * t), CacheFormula::CheLru),
    };
    let c = capacity as f64;
    let occupancy = |t: f64| -> f64 {
        buckets
            .iter()
            .map(|&(p, k)| k * capacity_presence(p, t, f))
            .sum::<f64>()
            - c
    };
    // The characteristic time; `None` when the capacity never fills (it holds every key that
    // can be cached).
    let characteristic = if f == 0.0 || occupancy(f64::MAX.sqrt()) < 0.0 {
        None
    } else {
        let mut hi = 1.0;
        while occupancy(hi) < 0.0 {
            hi *= 4.0;
        }
        Some(bisect(0.0, hi, occupancy))
    };
    let sum =
        |pi: &dyn Fn(f64) -> f64| -> f64 { buckets.iter().map(|&(p, k)| k * p * pi(p)).sum() };
    match (ttl_in_accesses, characteristic) {
        (Some((t, refresh)), Some(tc)) if t <= tc => CacheHitTheory {
            hit_ratio: sum(&presence),
            formula: ttl_formula(refresh),
        },
        (Some((_, refresh)), None) => CacheHitTheory {
            hit_ratio: sum(&presence),
            formula: ttl_formula(refresh),
        },
        (_, Some(tc)) => CacheHitTheory {
            hit_ratio: sum(&|p| capacity_presence(p, tc, f)),
            formula,
        },
        (None, None) => CacheHitTheory {
            hit_ratio: f,
            formula,
        },
    }
}

/// The squared coefficient of variation (variance / mean^2) of a log-normal service time whose
/// underlying normal has shape `sigma`: `e^{sigma^2} - 1`.
pub fn lognormal_scv(sigma: f64) -> f64 {
    libm::expm1(sigma * sigma)
}

/// M/M/c mean wait in the queue (before service) in milliseconds for `lambda_rps` arrivals per
/// second on `c` servers each with mean service `service_ms`: `Wq = C(c, a) / (c mu - lambda)`;
/// `None` when unstable (the queue grows without bound).
pub fn mmc_wait_ms(c: u32, lambda_rps: f64, service_ms: f64) -> Option<f64> {
    Some(mmc_response_ms(c, lambda_rps, service_ms)? - service_ms)
}

/// The Allen-Cunneen approximation of a G/G/c queue's mean wait in milliseconds: the M/M/c
/// wait scaled by the variability of arrivals and service,
/// `Wq ~ (ca^2 + cs^2) / 2 x Wq(M/M/c)`, with `arrival_scv` = ca^2 (1 for Poisson arrivals) and
/// `service_scv` = cs^2 (1 exponential, 0 fixed). Exact for M/M/c, and for M/G/1 (it is then
/// Pollaczek-Khinchine); `None` when unstable.
pub fn allen_cunneen_wait_ms(
    c: u32,
    lambda_rps: f64,
    service_ms: f64,
    arrival_scv: f64,
    service_scv: f64,
) -> Option<f64> {
    let scale = (arrival_scv.max(0.0) + service_scv.max(0.0)) / 2.0;
    Some(scale * mmc_wait_ms(c, lambda_rps, service_ms)?)
}

/// Erlang C: the probability an arrival waits in an M/M/c queue with offered load `a` =
/// lambda / mu erlangs. 1 when the queue is unstable (a >= c).
pub fn erlang_c(c: u32, a: f64) -> f64 {
    if c == 0 || a >= c as f64 {
        return 1.0;
    }
    if a <= 0.0 {
        return 0.0;
    }
    // Erlang B by the stable recurrence, then C from B.
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (k as f64 + a * b);
    }
    let rho = a / c as f64;
    b / (1.0 - rho + rho * b)
}

/// M/M/c mean response time (wait + service) in milliseconds for `lambda_rps` arrivals per
/// second on `c` servers each with mean service `service_ms`; `None` when unstable.
pub fn mmc_response_ms(c: u32, lambda_rps: f64, service_ms: f64) -> Option<f64> {
    if c == 0 || service_ms <= 0.0 || !lambda_rps.is_finite() || lambda_rps < 0.0 {
        return None;
    }
    let mu = 1000.0 / service_ms;
    let a = lambda_rps / mu;
    if a >= c as f64 {
        return None;
    }
    let wq_s = erlang_c(c, a) / (c as f64 * mu - lambda_rps);
    Some(wq_s * 1e3 + service_ms)
}

/// M/D/1 mean wait in milliseconds (Pollaczek-Khinchine): `lambda_rps` Poisson arrivals at
/// one server handling `service_rps` a second, each in exactly 1 / `service_rps`;
/// Wq = rho / (2 mu (1 - rho)). `None` when unstable.
pub fn md1_wait_ms(lambda_rps: f64, service_rps: f64) -> Option<f64> {
    if service_rps.is_nan() || service_rps <= 0.0 || !lambda_rps.is_finite() || lambda_rps < 0.0 {
        return None;
    }
    let rho = lambda_rps / service_rps;
    if rho >= 1.0 {
        return None;
    }
    Some(rho / (2.0 * service_rps * (1.0 - rho)) * 1e3)
}

/// Mean lag of an asynchronous replica with one apply thread (an M/M/1 queue): the network
/// delay plus the sojourn time 1 / (mu - lambda), in milliseconds; `None` when writes arrive
/// faster than they are applied (the lag grows without bound).
pub fn replica_lag_ms(write_rps: f64, apply_rps: f64, network_delay_ms: f64) -> Option<f64> {
    if apply_rps <= write_rps || apply_rps <= 0.0 {
        return None;
    }
    Some(network_delay_ms + 1e3 / (apply_rps - write_rps))
}

/// The probability that a read `after_ms` after a write, on an asynchronous replica with one
/// apply thread (M/M/1), does not see it yet: the lag is the network delay plus an exponential
/// sojourn of rate mu - lambda, so P(lag > d) = e^{-(mu - lambda)(d - net)} beyond the network
/// delay and 1 within it. `None` when the lag grows without bound.
pub fn replica_stale_probability(
    write_rps: f64,
    apply_rps: f64,
    network_delay_ms: f64,
    after_ms: f64,
) -> Option<f64> {
    if apply_rps <= write_rps || apply_rps <= 0.0 {
        return None;
    }
    if after_ms <= network_delay_ms {
        return Some(1.0);
    }
    Some(libm::exp(
        -(apply_rps - write_rps) * (after_ms - network_delay_ms) / 1e3,
    ))
}

/// The share of replica reads that are stale when every key is written as a Poisson stream and
/// read at times independent of its writes, as the simulation reads and writes: a read of a key
/// written at `w` per second finds its latest write `A ~ Exp(w)` ago, and is stale when that
/// write's lag `L` (network delay + M/M/1 sojourn of rate `theta = mu - lambda`) exceeds `A`:
/// `P(L > A) = 1 - e^{-w net} + e^{-w net} w / (w + theta)`. `keys` holds Zipf-style buckets
/// of (probability of one key, number of such keys): a key's share of reads and of the
/// `write_rps` writes. `None` when the lag grows without bound.
pub fn replica_stale_share(
    write_rps: f64,
    apply_rps: f64,
    network_delay_ms: f64,
    keys: &[(f64, f64)],
) -> Option<f64> {
    if apply_rps <= write_rps || apply_rps <= 0.0 {
        return None;
    }
    let theta = apply_rps - write_rps;
    let net_s = network_delay_ms.max(0.0) / 1e3;
    let share = keys
        .iter()
        .map(|&(p, count)| {
            let w = write_rps * p;
            let unseen = libm::exp(-w * net_s);
            p * count * (1.0 - unseen + unseen * w / (w + theta))
        })
        .sum();
    Some(share)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_c_matches_the_worked_example() {
        assert!((erlang_c(4, 3.2) - 0.5964).abs() < 1e-4);
        // c = 4, lambda = 3.2/s, mu = 1/s: W = 1.7455 s.
        let w = mmc_response_ms(4, 3.2, 1000.0).unwrap();
        assert!((w - 1745.5).abs() < 0.5, "{w}");
        assert_eq!(mmc_response_ms(1, 1000.0, 1.0), None);
    }

    #[test]
    fn mm1_is_the_one_server_case() {
        // lambda 800, mu 1000: W = 5 ms.
        let w = mmc_response_ms(1, 800.0, 1.0).unwrap();
        assert!((w - 5.0).abs() < 1e-9, "{w}");
    }

    #[test]
    fn allen_cunneen_scales_the_mmc_wait_by_the_variability() {
        // docs/fidelity.md#a-web-tier-behind-a-balancer: M/M/4 at lambda 3.2/s, mu 1/s waits
        // 745.54 ms; round robin over 4 slots (ca^2 = 1/4) with fixed service (cs^2 = 0):
        // 0.125 x 745.54 = 93.19 ms; Poisson arrivals, log-normal sigma 1 (cs^2 = e - 1):
        // 1.3591 x 745.54 = 1013.29 ms.
        let mmc = mmc_wait_ms(4, 3.2, 1000.0).unwrap();
        assert!((mmc - 745.54).abs() < 0.01, "{mmc}");
        let w = allen_cunneen_wait_ms(4, 3.2, 1000.0, 0.25, 0.0).unwrap();
        assert!((w - 93.19).abs() < 0.01, "{w}");
        assert!((lognormal_scv(1.0) - 1.718_28).abs() < 1e-5);
        let w = allen_cunneen_wait_ms(4, 3.2, 1000.0, 1.0, lognormal_scv(1.0)).unwrap();
        assert!((w - 1013.29).abs() < 0.01, "{w}");
        // One server, fixed service: Pollaczek-Khinchine's 2 ms (M/D/1 at 800/s, 1 ms).
        let w = allen_cunneen_wait_ms(1, 800.0, 1.0, 1.0, 0.0).unwrap();
        assert!((w - 2.0).abs() < 1e-9, "{w}");
        // Poisson and exponential: M/M/c itself. At or past capacity: no steady wait.
        assert_eq!(allen_cunneen_wait_ms(4, 3.2, 1000.0, 1.0, 1.0), Some(mmc));
        assert_eq!(allen_cunneen_wait_ms(4, 4.0, 1000.0, 1.0, 1.0), None);
        assert_eq!(mmc_wait_ms(4, 5.0, 1000.0), None);
    }

    #[test]
    fn cache_formulas_match_their_worked_examples() {
        // docs/fidelity.md#the-hit-ratio-line-for-each-policy-from-the-diagram: alpha 0.8 over
        // 10,000 keys, a cache of 1,000, summed key by key over all 10,000 keys (no buckets).
        let h = |e, ttl, rate, f| cache_hit_ratio(10_000, 0.8, 1_000, e, ttl, rate, f);
        let near = |got: CacheHitTheory, want: f64, formula: CacheFormula| {
            assert!(
                (got.hit_ratio - want).abs() < 0.0015,
                "{got:?} vs {want} ({formula:?})"
            );
            assert_eq!(got.formula, formula);
        };
        use CacheFormula as F;
        use EvictionRule as E;
        let never = TtlRule::Never;
        near(h(E::Lru, never, 1e3, 1.0), 0.4367, F::CheLru);
        near(
            h(E::Fifo, never, 1e3, 1.0),
            0.3942,
            F::FifoCharacteristicTime,
        );
        near(h(E::Lfu, never, 1e3, 1.0), 0.5706, F::LfuTopKeys);
        // 10 % writes, each invalidating its key.
        near(h(E::Lru, never, 1e3, 0.9), 0.4093, F::CheLru);
        near(
            h(E::Fifo, never, 1e3, 0.9),
            0.3705,
            F::FifoCharacteristicTime,
        );
        near(h(E::Lfu, never, 1e3, 0.9), 0.5136, F::LfuTopKeys);
        // A TTL of 60 s at 1,000/s is 60,000 accesses, far beyond LRU's T = 1,472: the
        // capacity binds. A TTL of 1 s (1,000 accesses) binds first.
        let set = |ttl_s| TtlRule::SetOnFill { ttl_s };
        let refresh = |ttl_s| TtlRule::RefreshOnHit { ttl_s };
        near(h(E::Lru, set(60.0), 1e3, 1.0), 0.4367, F::CheLru);
        near(h(E::Lru, set(1.0), 1e3, 1.0), 0.3327, F::TtlSetOnFill);
        near(
            h(E::Lru, refresh(1.0), 1e3, 1.0),
            0.3843,
            F::TtlRefreshOnHit,
        );
        // FIFO's T is 1,651 accesses: a TTL of 1.5 s binds.
        near(h(E::Fifo, set(1.5), 1e3, 1.0), 0.3820, F::TtlSetOnFill);
        near(
            h(E::Fifo, set(2.0), 1e3, 1.0),
            0.3942,
            F::FifoCharacteristicTime,
        );
        // LFU's top 1,000 keys, each expiring 60 s after its fill.
        near(h(E::Lfu, set(60.0), 1e3, 1.0), 0.5549, F::LfuTopKeysWithTtl);
        assert!(F::LfuTopKeys.is_upper_bound() && !F::CheLru.is_upper_bound());
        // Room for every key: the TTL alone (docs/fidelity.md#ttl-over-zipf: 0.8782), with
        // writes 0.8100 set on fill, 0.8720 refreshed on hit; no TTL: every read but the
        // first after a write hits.
        let all = |ttl, f| cache_hit_ratio(10_000, 0.8, 10_000, E::Lru, ttl, 1e3, f);
        near(all(set(60.0), 1.0), 0.8782, F::TtlSetOnFill);
        near(all(set(60.0), 0.9), 0.8100, F::TtlSetOnFill);
        near(all(refresh(60.0), 1.0), 0.9689, F::TtlRefreshOnHit);
        near(all(refresh(60.0), 0.9), 0.8720, F::TtlRefreshOnHit);
        near(all(never, 0.9), 0.9, F::CheLru);
        // The plain Che of this module agrees with the general one.
        let che = che_lru_hit_ratio_with_writes(10_000, 0.8, 1_000, 0.9);
        assert!((che - h(E::Lru, never, 1e3, 0.9).hit_ratio).abs() < 1e-9);
    }

    #[test]
    fn md1_matches_the_worked_example() {
        // docs/fidelity.md#md1-pollaczek-khinchine: lambda = 800/s, service 1 ms: Wq = 2.000 ms.
        let w = md1_wait_ms(800.0, 1_000.0).unwrap();
        assert!((w - 2.0).abs() < 1e-9, "{w}");
        assert_eq!(md1_wait_ms(0.0, 1_000.0), Some(0.0));
        assert_eq!(md1_wait_ms(1_000.0, 1_000.0), None);
        assert_eq!(md1_wait_ms(10.0, 0.0), None);
    }

    #[test]
    fn che_matches_the_worked_example() {
        let h = che_lru_hit_ratio(10_000, 0.8, 1_000);
        assert!((h - 0.4367).abs() < 0.0015, "{h}");
        assert_eq!(che_lru_hit_ratio(10, 0.8, 10), 1.0);
        assert_eq!(che_lru_hit_ratio(10, 0.8, 0), 0.0);
        // Writes invalidate: fewer hits than plain Che, never more than the read share.
        let w = che_lru_hit_ratio_with_writes(10_000, 0.8, 1_000, 0.96);
        assert!(w < h && w > 0.9 * h, "{w} vs {h}");
        assert_eq!(che_lru_hit_ratio_with_writes(10, 0.8, 10, 0.5), 0.5);
    }

    #[test]
    fn bucketed_zipf_sums_to_one_and_agrees_with_exact_che_on_a_large_key_space() {
        let b = zipf_buckets(1_000_000, 0.8);
        let total: f64 = b.iter().map(|(p, k)| p * k).sum();
        assert!((total - 1.0).abs() < 1e-9);
        let keys: f64 = b.iter().map(|(_, k)| k).sum();
        assert_eq!(keys, 1e6);
        assert!(b.len() < 2_500, "{} buckets", b.len());
        // The exact sum over 200k keys, against the bucketed one.
        let n = 200_000u64;
        let h: f64 = (1..=n).map(|k| libm::pow(k as f64, -0.8)).sum();
        let p: Vec<f64> = (1..=n).map(|k| libm::pow(k as f64, -0.8) / h).collect();
        let cap = 20_000.0;
        let occ = |t: f64| p.iter().map(|p| 1.0 - libm::exp(-p * t)).sum::<f64>() - cap;
        let t = bisect(0.0, 1e12, occ);
        let exact: f64 = p.iter().map(|p| p * (1.0 - libm::exp(-p * t))).sum();
        let approx = che_lru_hit_ratio(n, 0.8, 20_000);
        assert!((exact - approx).abs() < 0.002, "{exact} vs {approx}");
    }

    #[test]
    fn ttl_over_zipf_matches_the_worked_example() {
        let h = ttl_zipf_hit_ratio(10_000, 0.8, 1000.0, 60.0);
        assert!((h - 0.8782).abs() < 0.002, "{h}");
    }

    #[test]
    fn replica_lag_matches_the_worked_example() {
        assert!((replica_lag_ms(800.0, 1000.0, 0.5).unwrap() - 5.5).abs() < 1e-9);
        assert_eq!(replica_lag_ms(1200.0, 1000.0, 0.5), None);
        assert_eq!(replica_lag_ms(1000.0, 1000.0, 0.5), None);
        // A read 10 ms after a write is stale with p = 0.150.
        let p = replica_stale_probability(800.0, 1000.0, 0.5, 10.0).unwrap();
        assert!((p - 0.1496).abs() < 1e-4, "{p}");
        assert_eq!(
            replica_stale_probability(800.0, 1000.0, 0.5, 0.4),
            Some(1.0)
        );
        assert_eq!(replica_stale_probability(1000.0, 1000.0, 0.5, 10.0), None);
    }

    #[test]
    fn replica_lag_is_network_delay_plus_the_mm1_sojourn_over_several_parameter_sets() {
        // (writes/s, applies/s, network ms, mean lag ms) worked by hand from
        // lag = net + 1 / (mu - lambda).
        for (lambda, mu, net, want) in [
            (800.0, 1000.0, 0.5, 5.5),
            (0.0, 1000.0, 0.5, 1.5),
            (300.0, 400.0, 2.0, 12.0),
            (50.0, 100.0, 75.0, 95.0),
            (9_990.0, 10_000.0, 0.0, 100.0),
        ] {
            let got = replica_lag_ms(lambda, mu, net).unwrap();
            assert!(
                (got - want).abs() < 1e-9,
                "{lambda}/{mu}/{net}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn the_stale_share_averages_the_fixed_delay_probability_over_the_time_since_the_write() {
        // One key written w per second: P(stale) = integral of w e^{-w a} P(lag > a) da, summed
        // numerically from the fixed-delay formula.
        for (w, lambda, mu, net) in [
            (100.0, 800.0, 1000.0, 0.5),
            (5.0, 300.0, 400.0, 2.0),
            (800.0, 800.0, 1000.0, 0.0),
        ] {
            let p = w / lambda;
            let got = replica_stale_share(lambda, mu, net, &[(p, 1.0), (1.0 - p, 1.0)]).unwrap();
            // Midpoint rule over 40 mean gaps between writes of the key.
            let numeric = |rate: f64, prob: f64| {
                if rate <= 0.0 {
                    return 0.0;
                }
                let steps = 400_000;
                let da = 40.0 / rate / steps as f64;
                let sum: f64 = (0..steps)
                    .map(|i| {
                        let a = (i as f64 + 0.5) * da;
                        let stale = replica_stale_probability(lambda, mu, net, a * 1e3).unwrap();
                        rate * libm::exp(-rate * a) * stale * da
                    })
                    .sum();
                prob * sum
            };
            let want = numeric(w, p) + numeric(lambda - w, 1.0 - p);
            assert!(
                (got - want).abs() < 1e-4,
                "{w}/{lambda}/{mu}/{net}: {got} vs {want}"
            );
        }
        // Never-written keys are never stale; overload has no steady share.
        assert_eq!(
            replica_stale_share(0.0, 1000.0, 0.5, &[(1.0, 1.0)]),
            Some(0.0)
        );
        assert_eq!(
            replica_stale_share(1000.0, 1000.0, 0.5, &[(1.0, 1.0)]),
            None
        );
    }
}
