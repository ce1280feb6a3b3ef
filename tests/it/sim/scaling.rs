//! Overload and the two ways of scaling (out and up), and autoscaling: instances added after
//! the cool-down, and the ones removed draining what they hold.

use scalelab::model::config::{InstanceSize, ServiceTime};
use scalelab::model::scenario::TrafficProfile;
use scalelab::sim::{RunConfig, build};

use super::{component, diagram, one_tier, run_to, web_config};

#[test]
fn overload_queues_and_fails_and_both_kinds_of_scaling_fix_it() {
    // One 2-vCPU instance serves 4 x (1 / 20 ms) = 200 req/s; 300 req/s arrive.
    let run = |f: fn(&mut scalelab::model::config::WebServersConfig)| {
        let (b, web) = one_tier(7, 300.0, web_config(f));
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 120);
        (s.clone(), component(&s, web).clone())
    };
    let (over, over_web) = run(|w| w.instances = 1);
    let (out, out_web) = run(|w| w.instances = 2);
    let (up, up_web) = run(|w| {
        w.instances = 1;
        w.instance_size = InstanceSize::Vcpu4;
    });
    // Overloaded: the line fills, requests time out or are refused, and those served waited.
    assert!(
        over.overall.failed.total() > 5_000,
        "about 100 req/s in excess for two minutes: {:?}",
        over.overall.failed
    );
    assert!(
        over_web.utilization > 0.97,
        "saturated: {}",
        over_web.utilization
    );
    assert!(
        over.overall.latency.p50_ms > 1_000.0,
        "{:?}",
        over.overall.latency
    );
    // Scaling out (two instances) and up (twice the CPU) both bring utilisation to 0.75.
    for (what, s, m) in [("out", &out, &out_web), ("up", &up, &up_web)] {
        assert_eq!(
            s.overall.failed.total(),
            0,
            "scaled {what}: {:?}",
            s.overall.failed
        );
        assert!(
            (m.utilization - 0.75).abs() < 0.03,
            "scaled {what}: utilisation {}",
            m.utilization
        );
        assert!(
            s.overall.latency.p99_ms < 500.0,
            "scaled {what}: {:?}",
            s.overall.latency
        );
    }
    // Scaling up also halves the service time, so its requests are faster than scaling out's.
    assert!(up.overall.latency.p50_ms < out.overall.latency.p50_ms);
}

#[test]
fn autoscaling_adds_instances_after_its_cooldown_and_drains_the_ones_it_removes() {
    // 600 req/s for the first 200 s, then a tenth of it: a spike the autoscaler must follow.
    let (mut b, web) = one_tier(
        9,
        60.0,
        web_config(|w| {
            w.instances = 1;
            // Long requests, so instances taken out of service visibly finish their work.
            w.service_time = ServiceTime::Deterministic { mean_ms: 2_000.0 };
            w.concurrency_per_instance = 400;
            w.autoscaling.enabled = true;
            w.autoscaling.min_instances = 1;
            w.autoscaling.max_instances = 8;
            w.autoscaling.target_utilization = 0.6;
            w.autoscaling.cooldown_s = 30;
        }),
    );
    b.scenario_mut().duration_s = 600;
    b.scenario_mut().traffic = TrafficProfile::Spike {
        at_s: 0.0,
        duration_s: 200.0,
        factor: 10.0,
    };
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    // 600 req/s x 2 s = 1,200 busy servers of 400 per instance: 3 instances at 100 %, 5 at 60 %.
    let early = run_to(&mut sim, 5);
    let caught_up = run_to(&mut sim, 100);
    let peak = run_to(&mut sim, 190);
    assert!(
        component(&early, web).instances <= 2,
        "not yet: the cool-down holds it back"
    );
    // Until it catches up the tier is overloaded: requests time out.
    assert!(
        caught_up.overall.failed.timeout > 0,
        "{:?}",
        caught_up.overall.failed
    );
    let n = component(&peak, web).instances;
    assert!(
        (4..=6).contains(&n),
        "about 5 instances at the peak, got {n}"
    );
    assert_eq!(
        peak.overall.failed, caught_up.overall.failed,
        "no failure once scaled out"
    );
    // After the spike the tier shrinks; the instances removed first finish what they hold.
    let mut saw_draining = false;
    for t in 200..320 {
        let s = run_to(&mut sim, t);
        saw_draining |= component(&s, web).draining > 0;
    }
    let after = run_to(&mut sim, 400);
    let m = component(&after, web);
    assert!(m.instances <= 2, "shrunk back, got {}", m.instances);
    assert_eq!(m.draining, 0, "drained by now");
    assert!(
        saw_draining,
        "scale-in let instances drain rather than drop their requests"
    );
    assert_eq!(
        after.overall.failed, caught_up.overall.failed,
        "scaling in fails nothing"
    );
    let log: Vec<&str> = after.log.iter().map(|e| e.message.as_str()).collect();
    assert!(
        log.iter().any(|m| m.contains("autoscaled from 1 to")),
        "{log:?}"
    );
    assert!(
        log.iter().filter(|m| m.contains("autoscaled")).count() >= 2,
        "up then down: {log:?}"
    );
}
