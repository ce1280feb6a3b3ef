//! Whole-diagram behaviours the chapter teaches, each from a small diagram run through
//! `sim::build`: overload and the two ways of scaling, autoscaling with its cool-down and the
//! instances it drains, a load balancer routing around a failed server after its health checks,
//! a failed CDN edge falling back to the origin, and what the datacenters' figures say during a
//! failover.

use scalelab::model::config::{InstanceSize, ServiceTime};
use scalelab::model::scenario::TrafficProfile;
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Fault, FaultAction, FaultTarget, OutPort as O,
    Region,
};
use scalelab::sim::{MetricsSnapshot, RunConfig, build};

use crate::sim_run::{Builder, run_to, users};

fn metrics(s: &MetricsSnapshot, id: ComponentId) -> &scalelab::sim::metrics::ComponentMetrics {
    s.components
        .iter()
        .find(|c| c.id == id.0)
        .expect("a component")
}

/// Users at `rate_rps` (reads only) straight into one web tier configured by `web`.
fn one_tier(
    seed: u64,
    rate_rps: f64,
    web: impl FnOnce(&mut ComponentConfig),
) -> (Builder, ComponentId) {
    let mut b = Builder::new(seed);
    let us = b.add(ComponentKind::Users, None, users(rate_rps, 1.0, 0.0, 0.0));
    let w = b.add(ComponentKind::WebServers, None, web);
    b.wire(us, O::Dynamic, w);
    (b, w)
}

fn web_config(
    f: impl FnOnce(&mut scalelab::model::config::WebServersConfig),
) -> impl FnOnce(&mut ComponentConfig) {
    move |c| {
        if let ComponentConfig::WebServers(w) = c {
            w.service_time = ServiceTime::Exponential { mean_ms: 20.0 };
            w.concurrency_per_instance = 4;
            f(w);
        }
    }
}

#[test]
fn overload_queues_and_fails_and_both_kinds_of_scaling_fix_it() {
    // One 2-vCPU instance serves 4 x (1 / 20 ms) = 200 req/s; 300 req/s arrive.
    let run = |f: fn(&mut scalelab::model::config::WebServersConfig)| {
        let (b, web) = one_tier(7, 300.0, web_config(f));
        let mut sim = build(&b.d, &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 120);
        (s.clone(), metrics(&s, web).clone())
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
    b.d.scenario.duration_s = 600;
    b.d.scenario.traffic = TrafficProfile::Spike {
        at_s: 0.0,
        duration_s: 200.0,
        factor: 10.0,
    };
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    // 600 req/s x 2 s = 1,200 busy servers of 400 per instance: 3 instances at 100 %, 5 at 60 %.
    let early = run_to(&mut sim, 5);
    let caught_up = run_to(&mut sim, 100);
    let peak = run_to(&mut sim, 190);
    assert!(
        metrics(&early, web).instances <= 2,
        "not yet: the cool-down holds it back"
    );
    // Until it catches up the tier is overloaded: requests time out.
    assert!(
        caught_up.overall.failed.timeout > 0,
        "{:?}",
        caught_up.overall.failed
    );
    let n = metrics(&peak, web).instances;
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
        saw_draining |= metrics(&s, web).draining > 0;
    }
    let after = run_to(&mut sim, 400);
    let m = metrics(&after, web);
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

#[test]
fn a_balancer_stops_sending_to_a_failed_server_once_its_checks_notice() {
    let mut b = Builder::new(11);
    let us = b.add(ComponentKind::Users, None, users(200.0, 1.0, 0.0, 0.0));
    let lb = b.add(ComponentKind::LoadBalancer, None, |c| {
        if let ComponentConfig::LoadBalancer(l) = c {
            l.health_check_interval_s = 5;
            l.failure_threshold = 2;
        }
    });
    let w1 = b.add(
        ComponentKind::WebServers,
        None,
        web_config(|w| w.instances = 2),
    );
    let w2 = b.add(
        ComponentKind::WebServers,
        None,
        web_config(|w| w.instances = 2),
    );
    b.wire(us, O::Dynamic, lb);
    b.wire(lb, O::Backends, w1);
    b.wire(lb, O::Backends, w2);
    b.d.scenario.faults.push(Fault {
        at_s: 60.0,
        action: FaultAction::Fail,
        target: FaultTarget::Component(w1),
    });
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 60);
    let share = metrics(&before, w1).arrivals as f64 / before.overall.arrived as f64;
    assert!(
        (share - 0.5).abs() < 0.05,
        "round robin halves the load: {share}"
    );
    // Two failed checks 5 s apart: at most about 10 s of errors, about half of 200 req/s.
    let detected = run_to(&mut sim, 72);
    let later = run_to(&mut sim, 120);
    let failed = detected.overall.failed.total();
    assert!(
        (400..=1_300).contains(&failed),
        "half the traffic fails until detection: {failed}"
    );
    assert_eq!(later.overall.failed.total(), failed, "none after detection");
    let w2_later = metrics(&later, w2).arrivals - metrics(&detected, w2).arrivals;
    let all_later = later.overall.arrived - detected.overall.arrived;
    assert!(
        w2_later as f64 > 0.99 * all_later as f64,
        "the healthy server takes everything: {w2_later} of {all_later}"
    );
}

#[test]
fn a_failed_cdn_edge_sends_static_requests_to_the_origin() {
    let mut b = Builder::new(13);
    // Static assets only.
    let us = b.add(ComponentKind::Users, None, users(300.0, 0.0, 0.0, 0.0));
    let cdn = b.add(ComponentKind::Cdn, None, |_| {});
    let lb = b.add(ComponentKind::LoadBalancer, None, |_| {});
    let web = b.add(
        ComponentKind::WebServers,
        None,
        web_config(|w| w.instances = 3),
    );
    b.wire(us, O::Static, cdn);
    b.wire(us, O::Dynamic, lb);
    b.wire(cdn, O::Origin, lb);
    b.wire(lb, O::Backends, web);
    b.d.scenario.faults.push(Fault {
        at_s: 60.0,
        action: FaultAction::Fail,
        target: FaultTarget::Component(cdn),
    });
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let warm = run_to(&mut sim, 50);
    let before = run_to(&mut sim, 60);
    let origin = |s: &MetricsSnapshot| metrics(s, web).arrivals;
    let origin_before = origin(&before) - origin(&warm);
    let during = run_to(&mut sim, 70);
    let origin_during = origin(&during) - origin(&before);
    assert_eq!(
        during.overall.failed.total(),
        0,
        "no request fails: {:?}",
        during.overall.failed
    );
    // While the edge is down every static request (about 3,000 in 10 s) reaches the origin.
    assert!(
        origin_during > 2_700 && origin_during > 2 * origin_before,
        "origin load {origin_before} -> {origin_during}"
    );
}

#[test]
fn datacenter_figures_say_when_dns_stops_sending_users_to_a_failed_one() {
    let mut b = Builder::new(5);
    let us = b.add(ComponentKind::Users, None, users(100.0, 1.0, 0.0, 0.0));
    let dns = b.add(ComponentKind::Dns, None, |_| {}); // 30 s x 3 checks, TTL 60 s
    let dc1 = b.group(Region::NorthAmerica);
    let dc2 = b.group(Region::Europe);
    b.wire(us, O::Dynamic, dns);
    for dc in [dc1, dc2] {
        let lb = b.add(ComponentKind::LoadBalancer, Some(dc), |_| {});
        let web = b.add(
            ComponentKind::WebServers,
            Some(dc),
            web_config(|w| w.instances = 2),
        );
        b.wire(dns, O::Resolve, lb);
        b.wire(lb, O::Backends, web);
    }
    b.d.scenario.faults.push(Fault {
        at_s: 100.0,
        action: FaultAction::Fail,
        target: FaultTarget::Group(dc1),
    });
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 99);
    assert!(
        before
            .datacenters
            .iter()
            .all(|d| d.up && d.in_dns == Some(true))
    );
    // Failed, but DNS has not noticed yet: it still answers with DC1.
    let during = run_to(&mut sim, 110);
    assert!(!during.datacenters[0].up);
    assert_eq!(during.datacenters[0].in_dns, Some(true));
    // Three failed checks 30 s apart: out of the answers within 100 s of the failure.
    let noticed = run_to(&mut sim, 200);
    assert_eq!(noticed.datacenters[0].in_dns, Some(false));
    assert_eq!(noticed.datacenters[1].in_dns, Some(true));
    // Restored: back in the answers once a check succeeds.
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Restore,
        target: FaultTarget::Group(dc1),
    });
    let back = run_to(&mut sim, 240);
    assert!(back.datacenters[0].up);
    assert_eq!(back.datacenters[0].in_dns, Some(true));
}

/// Users writing at `rate_rps` through a web tier that publishes one job per write to a queue
/// consumed by a worker pool configured by `workers`.
fn job_pipeline(
    seed: u64,
    rate_rps: f64,
    durable: bool,
    workers: impl FnOnce(&mut scalelab::model::config::WorkersConfig),
) -> (Builder, ComponentId, ComponentId) {
    let mut b = Builder::new(seed);
    let us = b.add(ComponentKind::Users, None, users(rate_rps, 0.0, 1.0, 0.0));
    let web = b.add(
        ComponentKind::WebServers,
        None,
        web_config(|w| w.instances = 4),
    );
    let mq = b.add(ComponentKind::MessageQueue, None, |c| {
        if let ComponentConfig::MessageQueue(m) = c {
            m.durable = durable;
            m.capacity_messages = 100_000;
        }
    });
    let wk = b.add(ComponentKind::Workers, None, |c| {
        if let ComponentConfig::Workers(w) = c {
            workers(w);
        }
    });
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Jobs, mq);
    b.wire(mq, O::Consumers, wk);
    (b, web, wk)
}

#[test]
fn a_queue_absorbs_what_too_few_workers_cannot_do_and_autoscaling_on_depth_drains_it() {
    let too_few = |w: &mut scalelab::model::config::WorkersConfig| {
        // 1 x 4 / 100 ms = 40 jobs/s for 100 published per second.
        w.instances = 1;
        w.concurrency_per_instance = 4;
        w.service_time = ServiceTime::Exponential { mean_ms: 100.0 };
    };
    let (b, _, wk) = job_pipeline(17, 100.0, true, too_few);
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 60);
    // Producers never wait for the workers: every user request completes.
    assert_eq!(s.overall.failed.total(), 0, "{:?}", s.overall.failed);
    let depth = metrics(&s, wk).queue_len;
    assert!(
        (3_000..=4_200).contains(&depth),
        "about (100 - 40) x 60 = 3,600 jobs waiting, got {depth}"
    );
    assert_eq!(s.overall.jobs_failed, 0);

    let (b, _, wk) = job_pipeline(17, 100.0, true, |w| {
        too_few(w);
        w.autoscaling.enabled = true;
        w.autoscaling.min_instances = 1;
        w.autoscaling.max_instances = 10;
        w.autoscaling.target_backlog_per_instance = 50;
        w.autoscaling.cooldown_s = 10;
    });
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 120);
    let m = metrics(&s, wk);
    assert!(m.instances >= 3, "scaled out on depth: {}", m.instances);
    assert!(m.queue_len < 300, "the backlog drained: {}", m.queue_len);
    let log: Vec<&str> = s.log.iter().map(|e| e.message.as_str()).collect();
    assert!(
        log.iter().any(|m| m.contains("workers scaled from 1 to")),
        "{log:?}"
    );
}

#[test]
fn durable_jobs_survive_a_worker_crash_and_the_others_are_lost() {
    let run = |durable: bool| {
        let (mut b, _, wk) = job_pipeline(19, 20.0, durable, |w| {
            // 2 x 8 / 0.5 s = 32 jobs/s for 20 published per second: about 10 in service.
            w.instances = 2;
            w.concurrency_per_instance = 8;
            w.service_time = ServiceTime::Deterministic { mean_ms: 500.0 };
        });
        for (at_s, action) in [(60.0, FaultAction::Fail), (80.0, FaultAction::Restore)] {
            b.d.scenario.faults.push(Fault {
                at_s,
                action,
                target: FaultTarget::Component(wk),
            });
        }
        let mut sim = build(&b.d, &RunConfig::default()).unwrap();
        let down = run_to(&mut sim, 79);
        let after = run_to(&mut sim, 200);
        (metrics(&down, wk).queue_len, after)
    };
    let (held, durable) = run(true);
    // While the workers are down the durable queue keeps what is published (about 20 s x 20).
    assert!((330..=470).contains(&held), "held while down: {held}");
    assert_eq!(durable.overall.jobs_failed, 0, "nothing lost");
    assert!(
        durable.overall.jobs_published - durable.overall.jobs_done < 30,
        "everything done after the restore but the last second's: {} of {}",
        durable.overall.jobs_done,
        durable.overall.jobs_published
    );
    let log: Vec<&str> = durable.log.iter().map(|e| e.message.as_str()).collect();
    assert!(
        log.iter().any(|m| m.contains("kept by the durable queue")),
        "{log:?}"
    );
    assert!(log.iter().any(|m| m.contains("redelivered")), "{log:?}");

    let (_, lost) = run(false);
    // Not durable: the jobs in hand at the crash and those published while down are lost.
    assert!(
        (330..=520).contains(&lost.overall.jobs_failed),
        "lost: {}",
        lost.overall.jobs_failed
    );
    let log: Vec<&str> = lost.log.iter().map(|e| e.message.as_str()).collect();
    assert!(
        log.iter().any(|m| m.contains("the queue is not durable")),
        "{log:?}"
    );
}

#[test]
fn the_last_window_shows_a_flush_and_a_load_step_that_whole_run_figures_dilute() {
    // 400 req/s of reads for 300 s, then 800 req/s (a step), through a web tier and a cache
    // with room for every key; the cache is flushed at 200 s.
    let mut b = Builder::new(17);
    b.d.scenario.traffic = TrafficProfile::Spike {
        at_s: 300.0,
        duration_s: 1_000.0,
        factor: 2.0,
    };
    b.d.scenario.duration_s = 600;
    let us = b.add(ComponentKind::Users, None, users(400.0, 1.0, 0.0, 0.0));
    let web = b.add(
        ComponentKind::WebServers,
        None,
        web_config(|w| {
            w.instances = 4;
            w.autoscaling.enabled = false;
        }),
    );
    let (cache, _) = b.cache_and_database(web, None, |k| {
        k.capacity_keys = 10_000;
    });
    b.wire(us, O::Dynamic, web);
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let warm = run_to(&mut sim, 200);
    let c = metrics(&warm, cache).clone();
    let recent = c.recent_hit_ratio.expect("the cache was asked");
    assert!(recent > 0.97, "warm: every key fits, {recent}");
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::FlushCache,
        target: FaultTarget::Component(cache),
    });
    // Three seconds after the flush the window (10 s) holds the misses refilling the cache.
    let flushed = run_to(&mut sim, 203);
    let c = metrics(&flushed, cache).clone();
    let recent = c.recent_hit_ratio.unwrap();
    let whole = c.hit_ratio.unwrap();
    assert!(
        recent < whole - 0.05,
        "the window shows the flush, the whole run hides it: {recent} vs {whole}"
    );
    // Steady at 400 req/s: each of 16 servers (4 instances x 4) serves 50 req/s, so the
    // offered load is 400 / 800 = 0.5, and arrivals are about 400/s.
    let before = run_to(&mut sim, 290);
    let w = metrics(&before, web).clone();
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
    let w = metrics(&after, web).clone();
    assert!(w.recent_utilization > 0.95, "{}", w.recent_utilization);
    assert!(w.utilization < 0.65, "{}", w.utilization);
    assert!((w.arrival_rps - 800.0).abs() < 80.0, "{}", w.arrival_rps);
}

#[test]
fn a_cache_node_queues_its_lookups_as_pollaczek_khinchine_predicts() {
    // One cache node serving `ops` lookups a second, one at a time (deterministic service),
    // behind a web tier with exponential service: its departures, the cache's arrivals, are
    // Poisson (Burke). So the cache is an M/D/1 queue: Wq = rho / (2 mu (1 - rho)).
    for (seed, rate, ops) in [(31, 500.0, 1_000), (32, 800.0, 1_000), (33, 1_600.0, 2_000)] {
        let mut b = Builder::new(seed);
        let us = b.add(ComponentKind::Users, None, users(rate, 1.0, 0.0, 0.0));
        let web = b.add(
            ComponentKind::WebServers,
            None,
            web_config(|w| {
                w.instances = 10;
                w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
                w.autoscaling.enabled = false;
            }),
        );
        let (cache, _) = b.cache_and_database(web, None, move |k| {
            k.get_latency_ms = 0.0;
            k.ops_per_node_per_s = ops;
        });
        b.wire(us, O::Dynamic, web);
        // About a million lookups.
        let seconds = (1e6 / rate) as u64;
        b.d.scenario.duration_s = seconds as u32;
        let mut sim = build(&b.d, &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, seconds);
        let m = metrics(&s, cache);
        let (lambda, mu) = (rate, ops as f64);
        let rho = lambda / mu;
        let wq_ms = rho / (2.0 * mu * (1.0 - rho)) * 1e3;
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
