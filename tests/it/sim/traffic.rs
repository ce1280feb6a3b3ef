//! Traffic profiles: arrivals over a window equal the integral of the profile's rate over it,
//! within Poisson noise (sd = sqrt(N)). The expected counts are closed forms written out here,
//! independently of `TrafficProfile::multiplier_at`.

use scalelab::model::config::UserLoad;
use scalelab::model::{ComponentConfig, ComponentKind, TrafficProfile};
use scalelab::sim::{RunConfig, build};

use super::{builder, diagram, run_to};

/// Users alone, unwired: every request fails at once with *no route*, so a request costs one
/// event and only the arrivals are measured. Returns the arrivals counted at each `at` (s).
fn arrivals_at(load: UserLoad, profile: TrafficProfile, duration_s: u32, at: &[u64]) -> Vec<u64> {
    populations_arrivals_at(&[load], profile, duration_s, at)
}

/// [`arrivals_at`] for several populations, their arrivals counted together.
fn populations_arrivals_at(
    loads: &[UserLoad],
    profile: TrafficProfile,
    duration_s: u32,
    at: &[u64],
) -> Vec<u64> {
    let mut b = builder(31);
    for &load in loads {
        b.add(ComponentKind::Users)
            .configure(move |c| {
                if let ComponentConfig::Users(u) = c {
                    u.load = load;
                }
            })
            .id();
    }
    b.scenario_mut().duration_s = duration_s;
    b.scenario_mut().traffic = profile;
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    at.iter()
        .map(|&s| run_to(&mut sim, s).overall.arrived)
        .collect()
}

/// Arrivals in consecutive windows (`at[0]` from 0) against the expected counts.
fn assert_windows(what: &str, counts: &[u64], expected: &[f64]) {
    let mut last = 0;
    for (i, (&n, &want)) in counts.iter().zip(expected).enumerate() {
        let got = (n - last) as f64;
        last = n;
        // 4.5 standard deviations of a Poisson count, and 0.5 % for the rate being re-read at
        // each arrival rather than integrated.
        let tol = 4.5 * want.sqrt() + 0.005 * want;
        assert!(
            (got - want).abs() <= tol,
            "{what}, window {i}: {got} arrivals, expected {want:.0} +- {tol:.0}"
        );
    }
}

fn rate(rate_rps: f64) -> UserLoad {
    UserLoad::Rate { rate_rps }
}

#[test]
fn a_constant_profile_sends_the_configured_rate() {
    let n = arrivals_at(rate(1_000.0), TrafficProfile::Constant, 100, &[50, 100]);
    assert_windows("constant", &n, &[50_000.0, 50_000.0]);
}

#[test]
fn a_ramp_sends_the_integral_of_its_linear_rate() {
    // 1000 req/s x (0.5 -> 3) over 200 s: the mean of the ends times the window.
    let profile = TrafficProfile::Ramp {
        start_factor: 0.5,
        end_factor: 3.0,
    };
    let n = arrivals_at(rate(1_000.0), profile, 200, &[100, 200]);
    let f = |t: f64| 0.5 + 2.5 * t / 200.0;
    let window = |a: f64, b: f64| 1_000.0 * (b - a) * (f(a) + f(b)) / 2.0;
    assert_windows("ramp", &n, &[window(0.0, 100.0), window(100.0, 200.0)]);
    // A ramp down, to zero.
    let down = TrafficProfile::Ramp {
        start_factor: 2.0,
        end_factor: 0.0,
    };
    let n = arrivals_at(rate(1_000.0), down, 100, &[50, 100]);
    assert_windows("ramp down", &n, &[75_000.0, 25_000.0]);
}

#[test]
fn a_diurnal_profile_follows_its_cosine() {
    // trough + (1 - trough) (1 - cos(2 pi t / P)) / 2, integrated in closed form.
    let (p, trough) = (100.0, 0.2);
    let profile = TrafficProfile::Diurnal {
        period_s: p,
        trough_factor: trough,
    };
    let at = [25, 50, 75, 100, 200];
    let n = arrivals_at(rate(1_000.0), profile, 200, &at);
    let integral = |t: f64| {
        let two_pi = 2.0 * std::f64::consts::PI;
        trough * t + (1.0 - trough) * (t / 2.0 - p / (2.0 * two_pi) * (two_pi * t / p).sin())
    };
    let mut expected = Vec::new();
    let mut last = 0.0;
    for &t in &at {
        expected.push(1_000.0 * (integral(t as f64) - integral(last)));
        last = t as f64;
    }
    assert_windows("diurnal", &n, &expected);
}

#[test]
fn a_spike_multiplies_the_load_for_its_duration_only() {
    let profile = TrafficProfile::Spike {
        at_s: 50.0,
        duration_s: 20.0,
        factor: 5.0,
    };
    let n = arrivals_at(rate(1_000.0), profile, 200, &[50, 70, 200]);
    assert_windows("spike", &n, &[50_000.0, 100_000.0, 130_000.0]);
}

/// The growth the two growth tests run: from `GROWTH.0` to `GROWTH.1` users over `GROWTH.2` s.
const GROWTH: (f64, f64, f64) = (10.0, 100_000.0, 200.0);

/// The user-seconds of [`GROWTH`] over [a, b]: users grow as s (e/s)^(t/D), so each user's rate
/// times s D ((e/s)^(b/D) - (e/s)^(a/D)) / ln(e/s) arrivals.
fn users_seconds(a: f64, b: f64) -> f64 {
    let (s, e, d) = GROWTH;
    let r = e / s;
    s * d * (r.powf(b / d) - r.powf(a / d)) / r.ln()
}

#[test]
fn growth_takes_every_population_from_start_to_end_users_geometrically() {
    let (s, e, d) = GROWTH;
    let profile = TrafficProfile::Growth {
        start_users: s as u64,
        end_users: e as u64,
    };
    let at = [100, 150, 200];
    // A population given as a user count: 0.05 req/s per user.
    let load = UserLoad::ActiveUsers {
        active_users: 1_000,
        requests_per_user_per_s: 0.05,
    };
    let n = arrivals_at(load, profile, d as u32, &at);
    let expected: Vec<f64> = [(0.0, 100.0), (100.0, 150.0), (150.0, 200.0)]
        .iter()
        .map(|&(a, b)| 0.05 * users_seconds(a, b))
        .collect();
    assert_windows("growth, active users", &n, &expected);
    // A population given as a bare rate stands for rate / 0.1 users, one request every 10 s
    // each: it grows like the same users would, not to zero.
    let n = arrivals_at(rate(100.0), profile, d as u32, &at);
    let expected: Vec<f64> = [(0.0, 100.0), (100.0, 150.0), (150.0, 200.0)]
        .iter()
        .map(|&(a, b)| 0.1 * users_seconds(a, b))
        .collect();
    assert_windows("growth, bare rate", &n, &expected);
}

#[test]
fn growth_counts_the_users_of_every_population_together() {
    // Two regions, 3,000 and 1,000 users at 0.05 req/s each, grown from 10 to 100,000 users in
    // all: together they send what 100,000 users send at the end, not twice that; each keeps
    // its share of the users.
    let (s, e, d) = GROWTH;
    let profile = TrafficProfile::Growth {
        start_users: s as u64,
        end_users: e as u64,
    };
    let users = |active_users| UserLoad::ActiveUsers {
        active_users,
        requests_per_user_per_s: 0.05,
    };
    let at = [100, 150, 200];
    let n = populations_arrivals_at(&[users(3_000), users(1_000)], profile, d as u32, &at);
    let expected: Vec<f64> = [(0.0, 100.0), (100.0, 150.0), (150.0, 200.0)]
        .iter()
        .map(|&(a, b)| 0.05 * users_seconds(a, b))
        .collect();
    assert_windows("growth, two populations", &n, &expected);
}
