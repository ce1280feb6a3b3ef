//! The last window (10 s) against the whole run: a cache flush and a load step show in the
//! windowed figures that the whole-run ones dilute, and failures by reason leave the window
//! once the outage is over.

use scalelab::model::scenario::TrafficProfile;
use scalelab::model::{ComponentKind, Fault, FaultAction, FaultTarget, OutPort as O};
use scalelab::sim::{RunConfig, build};

use super::{
    builder, cache_and_database, component, diagram, one_tier, run_to, schedule, users, web_config,
};

#[test]
fn the_last_window_shows_a_flush_and_a_load_step_that_whole_run_figures_dilute() {
    // 400 req/s of reads for 300 s, then 800 req/s (a step), through a web tier and a cache
    // with room for every key; the cache is flushed at 200 s.
    let mut b = builder(17);
    b.scenario_mut().traffic = TrafficProfile::Spike {
        at_s: 300.0,
        duration_s: 1_000.0,
        factor: 2.0,
    };
    b.scenario_mut().duration_s = 600;
    let us = b
        .add(ComponentKind::Users)
        .configure(users(400.0, 1.0, 0.0, 0.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| {
            w.instances = 4;
            w.autoscaling.enabled = false;
        }))
        .id();
    let (cache, _) = cache_and_database(&mut b, web, None, |k| {
        k.capacity_keys = 10_000;
    });
    b.wire(us, O::Dynamic, web);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let warm = run_to(&mut sim, 200);
    let c = component(&warm, cache).clone();
    let recent = c.recent_hit_ratio.expect("the cache was asked");
    assert!(recent > 0.97, "warm: every key fits, {recent}");
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::FlushCache,
        target: FaultTarget::Component(cache),
    });
    // Three seconds after the flush the window (10 s) holds the misses refilling the cache.
    let flushed = run_to(&mut sim, 203);
    let c = component(&flushed, cache).clone();
    let recent = c.recent_hit_ratio.unwrap();
    let whole = c.hit_ratio.unwrap();
    assert!(
        recent < whole - 0.05,
        "the window shows the flush, the whole run hides it: {recent} vs {whole}"
    );
    // Steady at 400 req/s: each of 16 servers (4 instances x 4) serves 50 req/s, so the
    // offered load is 400 / 800 = 0.5, and arrivals are about 400/s.
    let before = run_to(&mut sim, 290);
    let w = component(&before, web).clone();
    assert!(
        (w.recent_utilization - 0.5).abs() < 0.05,
        "{}",
        w.recent_utilization
    );
    assert!((w.arrival_rps - 400.0).abs() < 40.0, "{}", w.arrival_rps);
    assert_eq!(w.error_rps, 0.0);
    // 20 s into the step to 800 req/s, which is all 16 servers can do at 50 req/s each, the
    // window shows them saturated while the whole-run figure still averages the calm 300 s.
    let after = run_to(&mut sim, 320);
    let w = component(&after, web).clone();
    assert!(w.recent_utilization > 0.95, "{}", w.recent_utilization);
    assert!(w.utilization < 0.65, "{}", w.utilization);
    assert!((w.arrival_rps - 800.0).abs() < 80.0, "{}", w.arrival_rps);
    // Saturated, requests queue: the window's median time in the tier is well above the
    // whole run's, which the calm 300 s still hold near the 20 ms service time.
    let (recent, whole) = (w.recent_latency.p50_ms, w.latency.p50_ms);
    assert!(
        recent > 2.0 * whole,
        "recent p50 {recent} ms, whole run {whole} ms"
    );
    assert!(whole < 30.0, "{whole}");
}

/// Failures by reason over the last window: an outage shows while it lasts and for the window
/// after, then only in the whole-run counts.
#[test]
fn failures_by_reason_leave_the_last_window_once_the_outage_is_over() {
    let (mut b, web) = one_tier(34, 200.0, web_config(|w| w.instances = 2));
    // Both servers fail (a fault takes one at a time), and come back together.
    let steps = [
        (5.0, FaultAction::Fail),
        (5.0, FaultAction::Fail),
        (10.0, FaultAction::Restore),
    ];
    schedule(&mut b, FaultTarget::Component(web), steps);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let during = run_to(&mut sim, 12);
    let m = component(&during, web);
    // About 200 requests/s for 5 s.
    assert!(m.recent_errors.unavailable > 800, "{:?}", m.recent_errors);
    assert_eq!(m.recent_errors.unavailable, m.errors.unavailable);
    assert_eq!(m.recent_errors.total(), m.recent_errors.unavailable);
    // The run's own last-window failures are the tier's (the one place that fails), over the
    // same window: the chart's failure rate is the canvas badge's.
    assert_eq!(during.overall.recent_failed, m.recent_errors);
    let chart = during.overall.recent_failed.total() as f64 / during.overall.window_s;
    assert!(
        (chart - m.error_rps).abs() < 1e-9,
        "{chart} against {}",
        m.error_rps
    );
    // The population that sent them counts them too: what it sends and is not answered.
    let sent = during
        .components
        .iter()
        .find(|c| c.kind == Some(ComponentKind::Users))
        .unwrap();
    assert_eq!(sent.sent_failed, m.errors.total());
    assert_eq!(sent.recent_sent_failed, m.recent_errors.total());
    assert_eq!(m.sent_failed, 0, "a web tier sends nothing of its own");
    let after = run_to(&mut sim, 25);
    let m = component(&after, web);
    let sent = after
        .components
        .iter()
        .find(|c| c.kind == Some(ComponentKind::Users))
        .unwrap();
    assert_eq!(sent.recent_sent_failed, 0, "the outage has left the window");
    assert_eq!(sent.sent_failed, m.errors.total());
    assert_eq!(m.recent_errors.total(), 0, "{:?}", m.recent_errors);
    assert_eq!(after.overall.recent_failed.total(), 0);
    assert!(after.overall.window_s >= 10.0, "{}", after.overall.window_s);
    assert_eq!(
        m.errors.unavailable,
        component(&during, web).errors.unavailable
    );
}

/// The windowed rates divide the window's counts by its real length: from the oldest mark kept
/// (a whole second) to now, which is more than the window's whole seconds between two ticks.
/// A chart samples twice a second; dividing by the whole seconds alone made every rate a
/// twentieth too high at each half second, and the line zigzag, and every rate zero before
/// the first tick. The recent utilization covers the same window (it read zero in the first
/// second, and moved only at ticks).
#[test]
fn windowed_rates_are_counts_over_the_window_s_real_length() {
    let (b, web) = one_tier(41, 400.0, web_config(|w| w.instances = 4));
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let step_to = |sim: &mut scalelab::sim::Simulation, ms: u64| {
        sim.step_until(ms * 1_000_000, u64::MAX);
        let snap = sim.snapshot();
        assert!(snap.accounting_holds());
        snap
    };
    // Before the first tick the window is the run so far.
    let at_half = step_to(&mut sim, 500);
    let w = component(&at_half, web);
    assert!(w.arrivals > 100, "{}", w.arrivals);
    assert!(
        (w.arrival_rps - w.arrivals as f64 / 0.5).abs() < 1e-9,
        "{}",
        w.arrival_rps
    );
    // 400 requests/s of 20 ms on 16 servers (4 instances x 4): half of them busy, already.
    assert!(
        (w.recent_utilization - 0.5).abs() < 0.15,
        "{}",
        w.recent_utilization
    );
    let at_20 = step_to(&mut sim, 20_000);
    let at_21 = step_to(&mut sim, 21_000);
    let at_30_5 = step_to(&mut sim, 30_500);
    let at_31 = step_to(&mut sim, 31_000);
    // At 30.5 s the window starts at the mark of 20 s; at 31 s, at the mark of 21 s.
    for (now, start, length) in [(&at_30_5, &at_20, 10.5), (&at_31, &at_21, 10.0)] {
        let (w, w0) = (component(now, web), component(start, web));
        let arrivals = (w.arrivals - w0.arrivals) as f64 / length;
        let completions = (w.completions - w0.completions) as f64 / length;
        assert!(
            (w.arrival_rps - arrivals).abs() < 1e-9,
            "{} vs {arrivals}",
            w.arrival_rps
        );
        assert!(
            (w.throughput_rps - completions).abs() < 1e-9,
            "{} vs {completions}",
            w.throughput_rps
        );
        let all = (now.overall.completed - start.overall.completed) as f64 / length;
        assert!(
            (now.overall.throughput_rps - all).abs() < 1e-9,
            "{}",
            now.overall.throughput_rps
        );
    }
    // Half a second apart, both about the 400 requests/s offered, and the servers about half
    // busy; the utilization's window is the rates', so it moves between the two.
    for s in [&at_30_5, &at_31] {
        let w = component(s, web);
        assert!((w.arrival_rps - 400.0).abs() < 25.0, "{}", w.arrival_rps);
        assert!(
            (w.recent_utilization - 0.5).abs() < 0.05,
            "{}",
            w.recent_utilization
        );
    }
    assert_ne!(
        component(&at_30_5, web).recent_utilization,
        component(&at_31, web).recent_utilization
    );
}
