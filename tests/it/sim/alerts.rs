//! Alerts: what a person on call would be paged for is logged when it begins and when it
//! ends, once each, naming its component; a healthy run pages nobody.

use scalelab::model::{ComponentId, TrafficProfile};
use scalelab::sim::log::{Alert, AlertKind, LogEvent};
use scalelab::sim::metrics::LogEntry;
use scalelab::sim::{MetricsSnapshot, RunConfig, build};

use super::{diagram, one_tier, run_to, schedule, web_config};

/// One web tier of one instance (4 at a time, 20 ms each: 200 req/s at most) under 100 req/s,
/// multiplied by `spike` from 10 s to 40 s; the run's snapshot at `until_s` and the tier's id.
fn web_tier(spike: f64, until_s: u64) -> (MetricsSnapshot, ComponentId) {
    let (mut b, web) = one_tier(41, 100.0, web_config(|w| w.instances = 1));
    b.scenario_mut().duration_s = 120;
    b.scenario_mut().traffic = TrafficProfile::Spike {
        at_s: 10.0,
        duration_s: 30.0,
        factor: spike,
    };
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    (run_to(&mut sim, until_s), web)
}

fn raised(s: &MetricsSnapshot) -> Vec<&LogEntry> {
    s.log
        .iter()
        .filter(|e| matches!(e.event, LogEvent::AlertRaised { .. }))
        .collect()
}

fn errors_raised(e: &LogEntry) -> bool {
    matches!(
        e.event,
        LogEvent::AlertRaised {
            alert: Alert::Errors { .. },
            ..
        }
    )
}

fn errors_cleared(e: &LogEntry) -> bool {
    matches!(
        e.event,
        LogEvent::AlertCleared {
            kind: AlertKind::Errors,
            ..
        }
    )
}

/// The first alert of a kind raised, and the first one cleared.
fn first(s: &MetricsSnapshot, of: impl Fn(&LogEntry) -> bool) -> &LogEntry {
    let all: Vec<&LogEntry> = s.log.iter().filter(|e| of(e)).collect();
    assert_eq!(all.len(), 1, "once while it lasts: {:?}", s.log);
    all[0]
}

fn raised_kind(e: &LogEntry, kind: AlertKind) -> bool {
    matches!(&e.event, LogEvent::AlertRaised { alert, .. } if alert.kind() == kind)
}

fn cleared_kind(e: &LogEntry, want: AlertKind) -> bool {
    matches!(e.event, LogEvent::AlertCleared { kind, .. } if kind == want)
}

#[test]
fn an_overloaded_web_tier_pages_once_and_clears_when_the_load_drops() {
    // 10x the load from 10 s to 40 s: 1,000 req/s against 200 req/s. The backlog builds and
    // the servers are saturated at once; requests start failing once they wait past the
    // timeout, and keep failing while the backlog drains after the load drops.
    let (s, web) = web_tier(10.0, 90);
    for e in &s.log {
        assert_eq!(
            e.component,
            Some(web.0),
            "every alert names the web tier: {e:?}"
        );
    }
    let queue = first(&s, |e| raised_kind(e, AlertKind::QueueGrowing));
    assert!((19.0..=22.0).contains(&queue.time_s), "{:?}", s.log);
    let saturated = first(&s, |e| raised_kind(e, AlertKind::Saturated));
    assert!((20.0..=22.0).contains(&saturated.time_s), "{:?}", s.log);

    let on = first(&s, errors_raised);
    assert!(
        (20.0..40.0).contains(&on.time_s),
        "raised while the overload lasts: {:?}",
        s.log
    );
    let LogEvent::AlertRaised {
        alert: Alert::Errors { share },
        for_s,
        ..
    } = on.event
    else {
        unreachable!()
    };
    assert!(share > 0.5, "most requests failed: {share}");
    assert_eq!(for_s, 10.0);

    let off = first(&s, errors_cleared);
    assert!(
        off.time_s > on.time_s && (50.0..=75.0).contains(&off.time_s),
        "cleared once the load dropped and the backlog drained: {:?}",
        s.log
    );
    let LogEvent::AlertCleared { lasted_s, .. } = off.event else {
        unreachable!()
    };
    assert!(
        (lasted_s - (off.time_s - on.time_s)).abs() < 1e-6 && lasted_s.fract() == 0.0,
        "whole seconds from start to end: {lasted_s}"
    );
    for kind in [AlertKind::Saturated, AlertKind::QueueGrowing] {
        first(&s, |e| cleared_kind(e, kind));
    }
}

#[test]
fn a_queue_full_to_its_capacity_is_not_reported_as_no_longer_growing() {
    // 1,000 req/s throughout against 200 req/s: the queue grows by 800 a second and reaches its
    // 10,000 places within about 15 s, then stays full, turning requests away, to the end. Its
    // growing alert lasts all that while.
    let (mut b, web) = one_tier(41, 1_000.0, web_config(|w| w.instances = 1));
    b.scenario_mut().duration_s = 120;
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 90);
    let tier = s.components.iter().find(|c| c.id == web.0).unwrap();
    assert!(tier.queue_len > 9_900, "full: {}", tier.queue_len);
    let queue = first(&s, |e| raised_kind(e, AlertKind::QueueGrowing));
    assert!(queue.time_s < 25.0, "{queue:?}");
    assert!(
        !s.log
            .iter()
            .any(|e| cleared_kind(e, AlertKind::QueueGrowing)),
        "{:?}",
        s.log
    );
}

#[test]
fn the_alert_waits_for_the_condition_to_last() {
    // Seven seconds into the overload nothing is paged yet.
    let (s, _) = web_tier(10.0, 17);
    assert!(raised(&s).is_empty(), "{:?}", s.log);
}

#[test]
fn a_healthy_run_pages_nobody() {
    // 1.5x the load: 150 req/s against 200 req/s, busy but serving.
    let (s, _) = web_tier(1.5, 90);
    assert!(raised(&s).is_empty(), "{:?}", s.log);
    assert!(s.log.is_empty(), "{:?}", s.log);
}

/// A web tier that fails whole behind a balancer (its default checks: every 10 s, out at the
/// third miss) gets nothing once the balancer's checks take
/// it out: its error alert stays raised while it is down (nothing says it is fixed), the
/// balancer, now failing every request, pages too, and both clear once the tier is back.
#[test]
fn a_tier_down_and_out_of_rotation_is_not_reported_as_no_longer_failing() {
    use scalelab::model::{ComponentKind, FaultAction, FaultTarget, OutPort as O};
    let mut b = super::builder(42);
    let us = b
        .add(ComponentKind::Users)
        .configure(super::users(100.0, 1.0, 0.0, 0.0))
        .id();
    // Checks every 10 s, out at the third miss: the tier fails requests long enough to page.
    let lb = b.add(ComponentKind::LoadBalancer).id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| w.instances = 1))
        .id();
    b.wire(us, O::Dynamic, lb);
    b.wire(lb, O::Backends, web);
    schedule(
        &mut b,
        FaultTarget::Component(web),
        [(20.0, FaultAction::Fail), (120.0, FaultAction::Restore)],
    );
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let down = run_to(&mut sim, 110);
    let on = |s: &MetricsSnapshot, id: ComponentId, of: fn(&LogEntry) -> bool| {
        s.log
            .iter()
            .filter(|e| e.component == Some(id.0) && of(e))
            .count()
    };
    assert_eq!(on(&down, web, errors_raised), 1, "{:?}", down.log);
    assert_eq!(on(&down, lb, errors_raised), 1, "{:?}", down.log);
    assert_eq!(on(&down, web, errors_cleared), 0, "{:?}", down.log);
    // Restored at 120 s, back in rotation at the next check, serving without errors since.
    let back = run_to(&mut sim, 160);
    assert_eq!(on(&back, web, errors_cleared), 1, "{:?}", back.log);
    assert_eq!(on(&back, lb, errors_cleared), 1, "{:?}", back.log);
}
