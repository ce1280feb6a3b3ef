//! Whole-diagram behaviours the chapter teaches, each from a small diagram run through
//! `sim::build`: overload and the two ways of scaling, autoscaling with its cool-down and the
//! instances it drains, a load balancer routing around a failed server after its health checks,
//! a failed CDN edge falling back to the origin, and what the datacenters' figures say during a
//! failover.

use scalelab::model::config::{InstanceSize, ServiceTime};
use scalelab::model::scenario::TrafficProfile;
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Fault, FaultAction, FaultTarget, GroupId,
    OutPort as O, Region,
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
    // Saturated, requests queue: the window's median time in the tier is well above the
    // whole run's, which the calm 300 s still hold near the 20 ms service time.
    let (recent, whole) = (w.recent_latency.p50_ms, w.latency.p50_ms);
    assert!(
        recent > 2.0 * whole,
        "recent p50 {recent} ms, whole run {whole} ms"
    );
    assert!(whole < 30.0, "{whole}");
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

/// A balancer forwarding at most `capacity` requests a second, in a datacenter in North
/// America, fed by users there and in Europe (40 ms further away), in front of a fast web tier.
/// Returns (builder, balancer).
fn capped_balancer(
    seed: u64,
    america_rps: f64,
    europe_rps: f64,
    capacity: u64,
    added_ms: f64,
) -> (Builder, ComponentId) {
    let mut b = Builder::new(seed);
    let dc = b.group(Region::NorthAmerica);
    let lb = b.add(ComponentKind::LoadBalancer, Some(dc), move |c| {
        if let ComponentConfig::LoadBalancer(l) = c {
            l.capacity_rps = capacity;
            l.added_latency_ms = added_ms;
        }
    });
    let web = b.add(
        ComponentKind::WebServers,
        Some(dc),
        web_config(|w| {
            w.instances = 10;
            w.concurrency_per_instance = 64;
            w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
            w.autoscaling.enabled = false;
        }),
    );
    b.wire(lb, O::Backends, web);
    for (region, rate) in [
        (Region::NorthAmerica, america_rps),
        (Region::Europe, europe_rps),
    ] {
        let us = b.add(ComponentKind::Users, None, move |c| {
            users(rate, 1.0, 0.0, 0.0)(c);
            if let ComponentConfig::Users(u) = c {
                u.region = region;
            }
        });
        b.wire(us, O::Dynamic, lb);
    }
    (b, lb)
}

#[test]
fn a_balancer_with_a_capacity_queues_in_arrival_order_as_pollaczek_khinchine_predicts() {
    // One request forwarded at a time, each in exactly 1 / capacity: M/D/1 for the Poisson
    // arrivals of both regions together (each shifted by its own constant network delay, so
    // still Poisson). Europe's requests are sent 40 ms before they arrive: a queue that took
    // them in sending order would make America's wait behind requests still on the way.
    for (seed, america, europe, capacity, added_ms) in [
        (41, 400.0, 400.0, 1_000, 0.5),
        (42, 300.0, 200.0, 1_000, 1.0),
        (43, 500.0, 1_100.0, 2_000, 0.0),
    ] {
        let (mut b, lb) = capped_balancer(seed, america, europe, capacity, added_ms);
        let seconds = (6e5 / (america + europe)) as u64;
        b.d.scenario.duration_s = seconds as u32;
        let mut sim = build(&b.d, &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, seconds);
        let m = metrics(&s, lb);
        let (lambda, mu) = (america + europe, capacity as f64);
        let rho = lambda / mu;
        let wq_ms = scalelab::sim::theory::md1_wait_ms(lambda, mu).unwrap();
        let wait = m.latency.mean_ms - added_ms;
        let rel = (wait - wq_ms).abs() / wq_ms;
        assert!(
            rel < 0.05,
            "rho {rho}: mean wait {wait} ms, M/D/1 predicts {wq_ms} ms ({} forwarded)",
            m.latency.count
        );
        assert!(
            (m.utilization - rho).abs() < 0.01,
            "rho {rho}: utilization {}",
            m.utilization
        );
        // Little's law: the mean number waiting is the arrival rate times the mean wait.
        let lq = lambda * wq_ms / 1e3;
        assert!(
            (m.mean_queue_len - lq).abs() / lq < 0.05,
            "rho {rho}: mean queue {}, lambda Wq = {lq}",
            m.mean_queue_len
        );
        assert_eq!(m.servers, 1);
        assert_eq!(s.overall.failed.total(), 0);
    }
}

#[test]
fn a_balancer_offered_more_than_its_capacity_refuses_the_excess_and_a_limitless_one_does_not() {
    // 1,500 req/s into 1,000: the queue grows by 500 a second until it holds the timeout's
    // worth (10 s of forwarding, 10,000 requests) at 20 s; from then on the excess, a third of
    // the requests, is refused at the balancer.
    let (mut b, lb) = capped_balancer(44, 1_000.0, 500.0, 1_000, 0.5);
    b.d.scenario.duration_s = 120;
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 120);
    let m = metrics(&s, lb);
    assert!(m.utilization > 0.99, "utilization {}", m.utilization);
    // Full from 20 s on (10,000 waiting), filling linearly before: a mean of about
    // (10 * 10,000 + 100 * 10,000) / 120 waiting over the run.
    let mean_waiting = (10.0 * 10_000.0 + 100.0 * 10_000.0) / 120.0;
    assert!(
        (m.mean_queue_len - mean_waiting).abs() / mean_waiting < 0.05,
        "mean queue {}, about {mean_waiting} expected",
        m.mean_queue_len
    );
    assert!(
        (9_900..=10_000).contains(&m.queue_len),
        "{} waiting at the end",
        m.queue_len
    );
    assert!(m.errors.timeout > 0 && m.errors.timeout == s.overall.failed.total());
    let refused = m.errors.timeout as f64;
    let want = 500.0 * (120.0 - 20.0);
    assert!(
        (refused - want).abs() / want < 0.05,
        "{refused} refused, about {want} expected"
    );
    assert!(
        m.recent_latency.p50_ms > 9_000.0,
        "a full queue: requests wait about the timeout, p50 {} ms",
        m.recent_latency.p50_ms
    );
    // The same diagram without a limit: nothing refused, nothing waits at the balancer.
    let (mut b, lb) = capped_balancer(44, 1_000.0, 500.0, 0, 0.5);
    b.d.scenario.duration_s = 120;
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 120);
    assert_eq!(s.overall.failed.total(), 0);
    assert_eq!(metrics(&s, lb).servers, 0, "no queue to report");
}

/// Two datacenters, each with users, a web tier and a database; DC1's database ships its
/// writes to DC2's (`replicate`). Returns (builder, DC1, leader, copy).
fn two_regions(seed: u64) -> (Builder, GroupId, ComponentId, ComponentId) {
    let mut b = Builder::new(seed);
    let mut dbs = Vec::new();
    let mut dcs = Vec::new();
    for region in [Region::NorthAmerica, Region::Europe] {
        let dc = b.group(region);
        let us = b.add(ComponentKind::Users, None, |c| {
            users(300.0, 0.5, 0.5, 0.0)(c);
            if let ComponentConfig::Users(u) = c {
                u.region = region;
            }
        });
        let web = b.add(
            ComponentKind::WebServers,
            Some(dc),
            web_config(|w| w.instances = 4),
        );
        let db = b.add(ComponentKind::Database, Some(dc), |_| {});
        b.wire(us, O::Dynamic, web);
        b.wire(web, O::Data, db);
        dbs.push(db);
        dcs.push(dc);
    }
    b.wire(dbs[0], O::Replicate, dbs[1]);
    (b, dcs[0], dbs[0], dbs[1])
}

fn logged(s: &MetricsSnapshot, words: &str) -> Option<String> {
    s.log
        .iter()
        .find(|e| e.message.contains(words))
        .map(|e| format!("{:.0} s: {}", e.time_s, e.message))
}

/// [`two_regions`] with DC1 failing at 60.5 s and restored at `restore_s`: (simulation, DC1's
/// database, DC2's).
fn dc1_outage(seed: u64, restore_s: f64) -> (scalelab::sim::Simulation, ComponentId, ComponentId) {
    let (mut b, dc1, leader, copy) = two_regions(seed);
    for (at_s, action) in [(60.5, FaultAction::Fail), (restore_s, FaultAction::Restore)] {
        b.d.scenario.faults.push(Fault {
            at_s,
            action,
            target: FaultTarget::Group(dc1),
        });
    }
    (build(&b.d, &RunConfig::default()).unwrap(), leader, copy)
}

/// The chapter's data synchronization: the copy in the surviving datacenter takes the writes
/// after detection and promotion, the writes it never received are counted lost, and the old
/// leader comes back as a copy that catches up.
#[test]
fn the_copy_in_the_surviving_datacenter_is_promoted_and_counts_the_writes_it_never_got() {
    let (mut sim, leader, copy) = dc1_outage(31, 200.0);
    // Just before the failure: the copy's backlog is what the take-over will lose (ORACLES:
    // lost writes = the promoted replica's backlog at the moment of failure).
    sim.step_until(60_500_000_000 - 1, u64::MAX);
    let before = sim.snapshot();
    let r = metrics(&before, copy).region_copy.clone().expect("a copy");
    assert!(!r.leading && r.leader == leader.0);
    let backlog = r.lag_ops.unwrap();
    // Europe's writes cross to the leader: it serves both regions' writes.
    let served = metrics(&before, leader).completions;
    assert!(served > 60 * 450, "{served} at the leader");
    assert_eq!(before.overall.failed.total(), 0);

    // Lost: checks every 5 s (65, 70, 75 s) and 30 s of promotion: Europe's copy leads at 105 s.
    let during = run_to(&mut sim, 100);
    let plan = logged(&during, "takes the writes at 105 s").expect("a take-over planned");
    assert!(plan.contains("its copy"), "{plan}");
    let waiting = metrics(&during, copy).region_copy.clone().unwrap();
    assert_eq!(waiting.takeover.as_ref().map(|t| t.1), Some(105.0));
    // Until then Europe's writes fail at the unreachable leader.
    let refused = metrics(&during, leader).errors.unavailable;
    assert!(refused > 30 * 100, "{refused} writes refused");

    let after = run_to(&mut sim, 180);
    let promoted = logged(&after, "promoted").expect("a promotion");
    let lost = after.overall.lost_writes;
    assert!(lost > 0, "writes in flight to Europe are lost");
    assert_eq!(lost, backlog);
    assert!(
        promoted.contains(&format!("{lost} acknowledged writes")),
        "{promoted}"
    );
    let r = metrics(&after, copy).region_copy.clone().unwrap();
    assert!(r.leading && r.leader == copy.0 && r.takeover.is_none());
    // Europe writes locally now: no new failures there.
    let later = run_to(&mut sim, 190);
    assert_eq!(
        metrics(&later, leader).errors.unavailable,
        metrics(&after, leader).errors.unavailable,
        "nothing reaches the failed leader any more"
    );
    assert!(metrics(&later, copy).completions > metrics(&after, copy).completions + 2_000);

    // DC1 back: its database follows Europe's and catches up.
    let back = run_to(&mut sim, 230);
    let caught = logged(&back, "back as a copy of").expect("the old leader rejoins");
    assert!(caught.contains("writes to catch up on"), "{caught}");
    let r = metrics(&back, leader).region_copy.clone().unwrap();
    assert!(!r.leading && r.leader == copy.0, "{r:?}");
    assert!(r.lag_ops.unwrap() < 50, "caught up: {r:?}");
    assert_eq!(back.overall.lost_writes, lost, "nothing more lost");
}

/// A leader back before its copy took over keeps leading, and nothing is lost.
#[test]
fn a_leader_back_before_the_take_over_keeps_its_writes() {
    let (mut sim, leader, copy) = dc1_outage(32, 70.0);
    let s = run_to(&mut sim, 150);
    assert!(logged(&s, "back before its copy took over").is_some());
    assert!(logged(&s, "promoted").is_none());
    assert_eq!(s.overall.lost_writes, 0);
    let r = metrics(&s, copy).region_copy.clone().unwrap();
    assert!(!r.leading && r.leader == leader.0);
    assert!(r.lag_ops.unwrap() < 50);
}

/// A cut `replicate` wire holds the writes back (the copy falls behind); mending it sends
/// them, in order, and the copy catches up.
#[test]
fn a_cut_replicate_wire_lets_the_copy_fall_behind_until_it_is_mended() {
    let (b, _, leader, copy) = two_regions(33);
    let wire =
        b.d.wires
            .iter()
            .find(|w| w.from.port == O::Replicate)
            .unwrap()
            .id;
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    run_to(&mut sim, 20);
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::CutLink,
        target: FaultTarget::Wire(wire),
    });
    let cut = run_to(&mut sim, 40);
    let r = metrics(&cut, copy).region_copy.clone().unwrap();
    // About 300 writes/s for 20 s never reached it.
    assert!(r.lag_ops.unwrap() > 5_000, "{r:?}");
    assert!(r.lag_ms.unwrap() > 19_000.0, "{r:?}");
    assert_eq!(
        metrics(&cut, leader).errors.total(),
        0,
        "the leader goes on"
    );
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Restore,
        target: FaultTarget::Wire(wire),
    });
    // 6,000 writes at 1,000 applies/s, with 300/s still coming: caught up within ~9 s.
    let mended = run_to(&mut sim, 55);
    let r = metrics(&mended, copy).region_copy.clone().unwrap();
    assert!(r.lag_ops.unwrap() < 50, "{r:?}");
}

/// Failures by reason over the last window: an outage shows while it lasts and for the window
/// after, then only in the whole-run counts.
#[test]
fn failures_by_reason_leave_the_last_window_once_the_outage_is_over() {
    let (mut b, web) = one_tier(34, 200.0, web_config(|w| w.instances = 2));
    for (at_s, action) in [(5.0, FaultAction::Fail), (10.0, FaultAction::Restore)] {
        b.d.scenario.faults.push(Fault {
            at_s,
            action,
            target: FaultTarget::Component(web),
        });
    }
    let mut sim = build(&b.d, &RunConfig::default()).unwrap();
    let during = run_to(&mut sim, 12);
    let m = metrics(&during, web);
    // About 200 requests/s for 5 s.
    assert!(m.recent_errors.unavailable > 800, "{:?}", m.recent_errors);
    assert_eq!(m.recent_errors.unavailable, m.errors.unavailable);
    assert_eq!(m.recent_errors.total(), m.recent_errors.unavailable);
    let after = run_to(&mut sim, 25);
    let m = metrics(&after, web);
    assert_eq!(m.recent_errors.total(), 0, "{:?}", m.recent_errors);
    assert_eq!(
        m.errors.unavailable,
        metrics(&during, web).errors.unavailable
    );
}
