//! Where requests go: a load balancer routing around a failed server once its health checks
//! notice, a balancer with a capacity queueing in arrival order (M/D/1) and refusing the
//! excess, and the write rates the run view's theory lines compute from the diagram
//! (`sim::predict`: DNS, balancer weights, the key hash between stores) against whole runs.

use scalelab::model::DiagramBuilder;
use scalelab::model::config::{LbAlgorithm, ServiceTime, SessionMode};
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Fault, FaultAction, FaultTarget, OutPort as O,
    Region,
};
use scalelab::sim::{RunConfig, build, predict};

use super::{builder, component, diagram, one_tier, run_to, said, users, web_config};

#[test]
fn a_balancer_stops_sending_to_a_failed_server_once_its_checks_notice() {
    let mut b = builder(11);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(200.0, 1.0, 0.0, 0.0))
        .id();
    let lb = b
        .add(ComponentKind::LoadBalancer)
        .configure(|c| {
            if let ComponentConfig::LoadBalancer(l) = c {
                l.health_check_interval_s = 5;
                l.failure_threshold = 2;
            }
        })
        .id();
    let w1 = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| w.instances = 2))
        .id();
    let w2 = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| w.instances = 2))
        .id();
    b.wire(us, O::Dynamic, lb);
    b.wire(lb, O::Backends, w1);
    b.wire(lb, O::Backends, w2);
    // Both servers of the first tier fail (a fault takes one at a time): the tier is down.
    for _ in 0..2 {
        b.scenario_mut().faults.push(Fault {
            at_s: 60.0,
            action: FaultAction::Fail,
            target: FaultTarget::Component(w1),
        });
    }
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 60);
    let share = component(&before, w1).arrivals as f64 / before.overall.arrived as f64;
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
    let w2_later = component(&later, w2).arrivals - component(&detected, w2).arrivals;
    let all_later = later.overall.arrived - detected.overall.arrived;
    assert!(
        w2_later as f64 > 0.99 * all_later as f64,
        "the healthy server takes everything: {w2_later} of {all_later}"
    );
}

/// Users at 300 req/s -> a balancer by `algorithm` checking every 5 s, out at the second miss
/// -> one web tier of three servers (a third busy each). Returns (builder, tier).
fn checked_tier_of_three(seed: u64, algorithm: LbAlgorithm) -> (DiagramBuilder, ComponentId) {
    let mut b = builder(seed);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(300.0, 1.0, 0.0, 0.0))
        .id();
    let lb = b
        .add(ComponentKind::LoadBalancer)
        .configure(move |c| {
            if let ComponentConfig::LoadBalancer(l) = c {
                l.algorithm = algorithm;
                l.health_check_interval_s = 5;
                l.failure_threshold = 2;
            }
        })
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| w.instances = 3))
        .id();
    b.wire(us, O::Dynamic, lb);
    b.wire(lb, O::Backends, web);
    (b, web)
}

/// A `Fail` fault on a web tier of three servers takes one of them: a balancer sends it its
/// share until its health checks notice, then the other two serve everyone; a `Restore` puts
/// it back in rotation at the next check; the last server's failure takes the tier down.
#[test]
fn a_failed_server_leaves_its_tier_serving_once_the_balancer_notices() {
    let (mut b, web) = checked_tier_of_three(12, LbAlgorithm::RoundRobin);
    let fail = |at_s| Fault {
        at_s,
        action: FaultAction::Fail,
        target: FaultTarget::Component(web),
    };
    b.scenario_mut().faults.push(fail(60.5));
    b.scenario_mut().faults.push(Fault {
        at_s: 120.5,
        action: FaultAction::Restore,
        target: FaultTarget::Component(web),
    });
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 60);
    assert_eq!(before.overall.failed.total(), 0);
    assert_eq!(component(&before, web).nodes, None);
    // Checks at 65 and 70 s miss: about 10 s of a third of 300 req/s fail, no more.
    let detected = run_to(&mut sim, 72);
    let later = run_to(&mut sim, 120);
    let failed = detected.overall.failed.total();
    assert!(
        (700..=1_300).contains(&failed),
        "a third of the traffic fails until detection: {failed}"
    );
    assert_eq!(failed, detected.overall.failed.unavailable);
    assert_eq!(later.overall.failed.total(), failed, "none after detection");
    let tier = component(&later, web);
    let nodes = tier
        .nodes
        .expect("a tier with a failed server says how many run");
    assert_eq!((nodes.up, nodes.total), (2, 3));
    assert!(tier.arrivals > later.overall.arrived * 99 / 100);
    let log: Vec<String> = later.log.iter().map(said).collect();
    assert!(
        log.iter()
            .any(|m| m.contains("server 1 failed; 2 of 3 still run")),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|m| m.ends_with("server 1 marked down by health checks")),
        "{log:?}"
    );
    // Restored at 120.5 s, back in rotation at the check at 125 s, and the tier whole again.
    let back = run_to(&mut sim, 130);
    assert_eq!(back.overall.failed.total(), failed);
    assert_eq!(component(&back, web).nodes, None);
    let log: Vec<String> = back.log.iter().map(said).collect();
    assert!(
        log.iter().any(|m| m.ends_with("server 1 back in rotation")),
        "{log:?}"
    );
    // Three failures take the three servers: the last takes the tier down, and the balancer
    // has nothing left to send to.
    for _ in 0..3 {
        sim.inject(fail(0.0));
    }
    let down = run_to(&mut sim, 150);
    let recent = down.overall.failed.total() - back.overall.failed.total();
    assert!(recent > 5_000, "every request fails: {recent}");
    assert!(down.overall.failed.no_healthy_backend > 0);
    let log: Vec<String> = down.log.iter().map(said).collect();
    assert!(log.iter().any(|m| m.ends_with(" failed")), "{log:?}");
}

/// An autoscaled tier that loses one server keeps its size: the autoscaler measures the
/// servers still running over the same interval as before (it once compared integrals summed
/// over five servers with the same sums over four, read no load at all, and cut the tier to its
/// minimum, so that half the requests fell on the dead server), and a fifth of the traffic
/// fails until the balancer's checks notice, no more.
#[test]
fn an_autoscaled_tier_keeps_its_size_when_one_server_fails() {
    let (b, web) = checked_tier_of_three(14, LbAlgorithm::RoundRobin);
    let mut d = diagram(&b).clone();
    // 300 req/s on five servers of 4 threads x 50 req/s: 30 % busy, over the autoscaler's
    // target of 20 %, at its most already: five it stays.
    for c in d.components.iter_mut().filter(|c| c.id == web) {
        if let ComponentConfig::WebServers(w) = &mut c.config {
            w.instances = 5;
            w.autoscaling.enabled = true;
            w.autoscaling.min_instances = 2;
            w.autoscaling.max_instances = 5;
            w.autoscaling.target_utilization = 0.2;
            w.autoscaling.cooldown_s = 20;
        }
    }
    d.scenario.faults.push(Fault {
        at_s: 60.5,
        action: FaultAction::Fail,
        target: FaultTarget::Component(web),
    });
    let mut sim = build(&d, &RunConfig::default()).unwrap();
    let before = run_to(&mut sim, 60);
    let start = component(&before, web).instances;
    assert!(
        (4..=6).contains(&start),
        "about five at the target: {start}"
    );
    assert_eq!(before.overall.failed.total(), 0);
    let after = run_to(&mut sim, 90);
    let tier = component(&after, web);
    assert_eq!(tier.instances, 5, "no smaller after losing a server");
    // Checks every 5 s, 2 misses: about 10 s of a fifth of 300 req/s.
    let failed = after.overall.failed.total();
    assert!(
        (300..=1_000).contains(&failed),
        "a fifth of the traffic fails until detection: {failed}"
    );
    let log: Vec<String> = after.log.iter().map(said).collect();
    assert!(
        !log.iter()
            .any(|m| m.contains(&format!("autoscaled from {start} to 2"))),
        "{log:?}"
    );
}

/// Whatever its policy, once its checks notice a failed server a balancer sends it nothing:
/// least connections, which sees the failed server empty, and picking at random as well.
#[test]
fn every_policy_leaves_a_server_out_once_noticed() {
    for algorithm in [LbAlgorithm::LeastConnections, LbAlgorithm::Random] {
        let (mut b, web) = checked_tier_of_three(14, algorithm);
        b.scenario_mut().faults.push(Fault {
            at_s: 60.5,
            action: FaultAction::Fail,
            target: FaultTarget::Component(web),
        });
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        let detected = run_to(&mut sim, 72);
        let later = run_to(&mut sim, 120);
        let failed = detected.overall.failed.total();
        assert!(
            failed > 300,
            "{algorithm:?}: fails until detection: {failed}"
        );
        assert_eq!(
            later.overall.failed.total(),
            failed,
            "{algorithm:?}: none after detection"
        );
    }
}

/// Without a balancer nothing checks the servers: a failed one's turn keeps coming round, and
/// its share of the requests fails for as long as it is down.
#[test]
fn without_a_balancer_a_failed_servers_share_keeps_failing() {
    let (mut b, web) = one_tier(13, 300.0, web_config(|w| w.instances = 3));
    b.scenario_mut().faults.push(Fault {
        at_s: 30.0,
        action: FaultAction::Fail,
        target: FaultTarget::Component(web),
    });
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let start = run_to(&mut sim, 40);
    let end = run_to(&mut sim, 100);
    let failed = end.overall.failed.total() - start.overall.failed.total();
    let arrived = end.overall.arrived - start.overall.arrived;
    let share = failed as f64 / arrived as f64;
    assert!(
        (share - 1.0 / 3.0).abs() < 0.01,
        "the failed server's third fails throughout: {share}"
    );
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
) -> (DiagramBuilder, ComponentId) {
    let mut b = builder(seed);
    let dc = b.group(Region::NorthAmerica).id();
    let lb = b
        .add(ComponentKind::LoadBalancer)
        .group(dc)
        .configure(move |c| {
            if let ComponentConfig::LoadBalancer(l) = c {
                l.capacity_rps = capacity;
                l.added_latency_ms = added_ms;
            }
        })
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .group(dc)
        .configure(web_config(|w| {
            w.instances = 10;
            w.concurrency_per_instance = 64;
            w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
            w.autoscaling.enabled = false;
        }))
        .id();
    b.wire(lb, O::Backends, web);
    for (region, rate) in [
        (Region::NorthAmerica, america_rps),
        (Region::Europe, europe_rps),
    ] {
        let us = b
            .add(ComponentKind::Users)
            .configure(move |c| {
                users(rate, 1.0, 0.0, 0.0)(c);
                if let ComponentConfig::Users(u) = c {
                    u.region = region;
                }
            })
            .id();
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
        b.scenario_mut().duration_s = seconds as u32;
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, seconds);
        let m = component(&s, lb);
        let (lambda, mu) = (america + europe, capacity as f64);
        let rho = lambda / mu;
        let wq_ms = scalelab::sim::theory::md1_wait_ms(lambda, mu).unwrap();
        // The app's line reads the rate from the diagram, not the run, and agrees.
        let line = scalelab::sim::predict::balancer_prediction(diagram(&b), lb, 0.0).unwrap();
        assert!((line.arrival_rps - lambda).abs() < 1e-9, "{line:?}");
        assert_eq!(line.wait_ms, Some(wq_ms));
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
    b.scenario_mut().duration_s = 120;
    // The app's line, from the diagram: 1,500 req/s offered, no steady wait (the balancer's
    // measured arrivals would say the same here, but its forwarded rate would not).
    let line = scalelab::sim::predict::balancer_prediction(diagram(&b), lb, 0.0).unwrap();
    assert!((line.arrival_rps - 1_500.0).abs() < 1e-9);
    assert_eq!(line.wait_ms, None);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 120);
    let m = component(&s, lb);
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
    b.scenario_mut().duration_s = 120;
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 120);
    assert_eq!(s.overall.failed.total(), 0);
    assert_eq!(component(&s, lb).servers, 0, "no queue to report");
}

#[test]
fn writes_reach_each_store_at_the_rate_predicted_from_the_diagram() {
    // Write-only users in two regions, GeoDNS to two datacenters; DC1's web tier splits writes
    // between a database and a NoSQL store by key hash, DC2's writes through a cache to its
    // database; the balancer of DC1 has two web tiers of 3 and 1 instances.
    let mut b = builder(17);
    let na = b
        .add(ComponentKind::Users)
        .configure(users(1_200.0, 0.0, 1.0, 0.0))
        .id();
    let eu = b
        .add(ComponentKind::Users)
        .configure(move |c| {
            users(400.0, 0.0, 1.0, 0.0)(c);
            if let ComponentConfig::Users(u) = c {
                u.region = Region::Europe;
            }
        })
        .id();
    let dns = b.add(ComponentKind::Dns).id();
    let dc1 = b.group(Region::NorthAmerica).id();
    let dc2 = b.group(Region::Europe).id();
    let web = |n: u32| {
        move |c: &mut ComponentConfig| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = n;
                w.sessions = SessionMode::Stateless;
                w.service_time = ServiceTime::Exponential { mean_ms: 2.0 };
            }
        }
    };
    let lb1 = b.add(ComponentKind::LoadBalancer).group(dc1).id();
    let web1a = b
        .add(ComponentKind::WebServers)
        .group(dc1)
        .configure(web(3))
        .id();
    let web1b = b
        .add(ComponentKind::WebServers)
        .group(dc1)
        .configure(web(1))
        .id();
    let db1 = b.add(ComponentKind::Database).group(dc1).id();
    let nosql = b.add(ComponentKind::NoSql).group(dc1).id();
    let lb2 = b.add(ComponentKind::LoadBalancer).group(dc2).id();
    let web2 = b
        .add(ComponentKind::WebServers)
        .group(dc2)
        .configure(web(2))
        .id();
    let cache2 = b.add(ComponentKind::Cache).group(dc2).id();
    let db2 = b.add(ComponentKind::Database).group(dc2).id();
    b.wire(na, O::Dynamic, dns);
    b.wire(eu, O::Dynamic, dns);
    b.wire(dns, O::Resolve, lb1);
    b.wire(dns, O::Resolve, lb2);
    b.wire(lb1, O::Backends, web1a);
    b.wire(lb1, O::Backends, web1b);
    b.wire(web1a, O::Data, db1);
    b.wire(web1a, O::Data, nosql);
    b.wire(web1b, O::Data, db1);
    b.wire(lb2, O::Backends, web2);
    b.wire(web2, O::Data, cache2);
    b.wire(cache2, O::Miss, db2);
    let predicted = predict::write_rates(diagram(&b), 0.0);
    // By hand: DC1 takes 1,200/s, 900 to the 3-instance tier, which splits them between the
    // database and the NoSQL store by key hash, and 300 to the other; DC2 takes 400/s, all
    // through the cache.
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(close(predicted[&web1a], 900.0), "{predicted:?}");
    assert!(close(predicted[&web1b], 300.0), "{predicted:?}");
    assert!(close(predicted[&db1] + predicted[&nosql], 1_200.0));
    assert!(predicted[&nosql] > 400.0 && predicted[&nosql] < 500.0);
    assert!(close(predicted[&db2], 400.0));
    let seconds = 300;
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, seconds);
    assert_eq!(s.overall.failed.total(), 0);
    for (id, what) in [
        (db1, "database DC1"),
        (nosql, "NoSQL"),
        (db2, "database DC2"),
    ] {
        let got = s.components.iter().find(|c| c.id == id.0).unwrap().arrivals as f64;
        let want = predicted[&id] * seconds as f64;
        // Poisson arrivals (4.5 sd), and 0.5 % for the key hash's split of the tail.
        let tol = 4.5 * want.sqrt() + 0.005 * want;
        assert!(
            (got - want).abs() < tol,
            "{what}: {got} writes, predicted {want:.0}"
        );
    }
}
