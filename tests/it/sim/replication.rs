//! Replication and failover: a replica set's lag and stale-read probability, its backlog in
//! overload, the writes lost at failover and the failover time against theory; and whole runs
//! whose stale reads, lost writes and replica lag match the predictions drawn from the
//! diagram.

use scalelab::model::config::{Replication, ServiceTime};
use scalelab::model::{
    ComponentConfig, ComponentKind, Fault, FaultAction, FaultTarget, OutPort as O,
};
use scalelab::sim::replication::{
    FailoverTiming, ReplicaSet, ReplicationConfig, ReplicationMode, WriteOp,
};
use scalelab::sim::rng::{Dist, SimRng};
use scalelab::sim::{Engine, EventQueue, Model, RunConfig, SimTime, build, predict};

use super::{
    assert_abs, assert_rel, builder, diagram, exp_mean, run_to, said, secs, seeded, users,
};

/// Poisson (or fixed-rate) writes into a replica set; optionally a read of each written key
/// `read_after` later on replica 0, and primary failures every `fail_every`.
struct ReplicationRun {
    set: ReplicaSet,
    gaps: Dist,
    rng: SimRng,
    writes_left: u64,
    read_after: Option<SimTime>,
    reads: u64,
    stale: u64,
    fail_every: Option<SimTime>,
    /// Written minus applied on each replica, tracked from the events alone.
    backlog: Vec<u64>,
    lost: Vec<(u64, u64)>,
    deliveries: Vec<(u32, SimTime)>,
    /// Ack latency of sync writes.
    ack_latency_sum: f64,
    acks: u64,
    write_times: std::collections::VecDeque<SimTime>,
}

enum RepEvent {
    Write,
    Deliver(u32, WriteOp),
    Applied(u32, WriteOp, SimTime),
    Read(u64),
    Fail,
    SlowDown(Dist),
}

impl Model for ReplicationRun {
    type Event = RepEvent;
    fn handle(&mut self, now: SimTime, ev: RepEvent, q: &mut EventQueue<RepEvent>) {
        match ev {
            RepEvent::Write => {
                // Unique keys for a long while (a read 10 ms later sees only this write).
                let key = (self.set.last_seq() + 1) % 100_000;
                let op = self.set.write(now, key, &mut self.deliveries);
                self.write_times.push_back(now);
                for (r, at) in self.deliveries.drain(..) {
                    self.backlog[r as usize] += 1;
                    q.schedule(at, RepEvent::Deliver(r, op));
                }
                if let Some(d) = self.read_after {
                    q.schedule(now.after(d), RepEvent::Read(op.key));
                }
                self.writes_left -= 1;
                if self.writes_left > 0 {
                    q.schedule(now.after(self.gaps.sample(&mut self.rng)), RepEvent::Write);
                }
            }
            RepEvent::Deliver(r, op) => {
                if let Some(s) = self.set.deliver(now, r, op) {
                    q.schedule(s.done_at, RepEvent::Applied(r, s.job, s.arrived));
                }
            }
            RepEvent::Applied(r, op, arrived) => {
                let before = self.set.applied_upto(r);
                let a = self.set.applied(now, r, op, arrived);
                if self.set.applied_upto(r) > before {
                    self.backlog[r as usize] -= 1;
                }
                // Acknowledgements come in log order, so the oldest unacknowledged write is next.
                for _seq in a.newly_acked {
                    let t = self
                        .write_times
                        .pop_front()
                        .expect("acked write was written");
                    self.ack_latency_sum += now.since(t).as_secs_f64();
                    self.acks += 1;
                }
                if let Some(s) = a.next {
                    q.schedule(s.done_at, RepEvent::Applied(r, s.job, s.arrived));
                }
            }
            RepEvent::Read(key) => {
                self.reads += 1;
                if self.set.read(now, 0, key) {
                    self.stale += 1;
                }
            }
            RepEvent::Fail => {
                let promoted_backlog = *self.backlog.iter().min().expect("has replicas");
                let f = self.set.fail_primary(now).expect("has replicas");
                self.lost.push((f.lost_writes, promoted_backlog));
                self.backlog.iter_mut().for_each(|b| *b = 0);
                self.write_times.clear();
                if let Some(every) = self.fail_every
                    && self.writes_left > 0
                {
                    q.schedule(now.after(every), RepEvent::Fail);
                }
            }
            RepEvent::SlowDown(gaps) => self.gaps = gaps,
        }
    }
}

fn replication_engine(
    seed: u64,
    config: ReplicationConfig,
    gaps: Dist,
    writes: u64,
) -> Engine<ReplicationRun> {
    let mut e = Engine::new(ReplicationRun {
        set: ReplicaSet::new(config, seeded(seed), 3),
        gaps,
        rng: SimRng::stream(seeded(seed), 2, "writes"),
        writes_left: writes,
        read_after: None,
        reads: 0,
        stale: 0,
        fail_every: None,
        backlog: vec![0; config.replicas as usize],
        lost: Vec::new(),
        deliveries: Vec::new(),
        ack_latency_sum: 0.0,
        acks: 0,
        write_times: Default::default(),
    });
    e.queue.schedule(SimTime::ZERO, RepEvent::Write);
    e
}

fn async_config(replicas: u32, apply: Dist) -> ReplicationConfig {
    ReplicationConfig {
        replicas,
        network: Dist::Deterministic(SimTime::from_micros(500)),
        apply,
        mode: ReplicationMode::Async,
    }
}

#[test]
fn replica_lag_mean_and_stale_read_probability() {
    // Exponential apply (M/M/1): lag = net + sojourn; P(lag > d) = e^{-(mu - lambda)(d - net)}.
    for (seed, lambda, read_ms) in [(100, 800.0, 10.0), (101, 500.0, 3.0)] {
        let mu = 1000.0;
        let mut e = replication_engine(
            seed,
            async_config(1, exp_mean(0.001)),
            exp_mean(1.0 / lambda),
            4_000_000,
        );
        e.model.read_after = Some(secs(read_ms / 1000.0));
        e.step_until(SimTime::MAX, u64::MAX);
        let m = &e.model;
        let lag = &m.set.stats().lag;
        let what = format!("M/M/1 apply, {lambda} writes/s");
        assert_rel(
            lag.mean_secs(),
            0.0005 + 1.0 / (mu - lambda),
            0.03,
            &format!("{what} mean lag"),
        );
        let p_stale = libm::exp(-(mu - lambda) * (read_ms / 1000.0 - 0.0005));
        assert_rel(
            m.stale as f64 / m.reads as f64,
            p_stale,
            0.05,
            &format!("{what} stale read {read_ms} ms after a write"),
        );
    }
    // Deterministic apply (M/D/1): lag = net + P-K wait + service.
    let mut e = replication_engine(
        102,
        async_config(2, Dist::Deterministic(SimTime::from_millis(1))),
        exp_mean(1.0 / 800.0),
        4_000_000,
    );
    e.step_until(SimTime::MAX, u64::MAX);
    let want = 0.0005 + 0.8 / (2.0 * 1000.0 * 0.2) + 0.001;
    assert_rel(
        e.model.set.stats().lag.mean_secs(),
        want,
        0.03,
        "M/D/1 apply mean lag",
    );
}

#[test]
fn replica_lag_in_overload_is_backlog_over_apply_rate_and_drains() {
    let gap_1200 = Dist::Deterministic(SimTime(833_333));
    let mut e = replication_engine(
        110,
        async_config(1, Dist::Deterministic(SimTime::from_millis(1))),
        gap_1200,
        u64::MAX,
    );
    e.queue.schedule(
        SimTime::from_secs(60),
        RepEvent::SlowDown(Dist::Deterministic(SimTime::from_millis(2))),
    );
    e.step_until(SimTime::from_secs(60), u64::MAX);
    let set = &e.model.set;
    let now = SimTime::from_secs(60);
    assert_rel(set.lag_ops(0) as f64, 12_000.0, 0.005, "backlog after 60 s");
    // The oldest unapplied write ("seconds behind primary") is backlog / write rate old; a
    // write made now waits backlog / apply rate: the oracle's 12 s, checked below as the largest
    // lag any write sees (writes slow down after it).
    assert_rel(
        set.lag_time(now, 0).as_secs_f64(),
        10.0,
        0.005,
        "oldest unapplied write age",
    );
    // Writes fall to 500/s: the backlog drains at 500/s, in 24 s.
    e.step_until(SimTime::from_secs(60 + 23), u64::MAX);
    assert!(e.model.set.lag_ops(0) > 400, "still draining at +23 s");
    e.step_until(SimTime::from_secs(60 + 25), u64::MAX);
    assert!(e.model.set.lag_ops(0) <= 2, "drained by +25 s");
    let worst = e.model.set.stats().lag.max().as_secs_f64();
    assert_rel(worst, 12.0, 0.005, "lag of the write made at 60 s");
}

#[test]
fn lost_writes_at_failover_are_the_replica_backlog() {
    let lambda = 800.0;
    let mut e = replication_engine(
        120,
        async_config(2, exp_mean(0.001)),
        exp_mean(1.0 / lambda),
        1_000_000,
    );
    e.model.fail_every = Some(SimTime::from_millis(997));
    e.queue.schedule(SimTime::from_millis(997), RepEvent::Fail);
    e.step_until(SimTime::MAX, u64::MAX);
    let lost = &e.model.lost;
    assert!(lost.len() > 1000);
    for &(lost_writes, backlog) in lost {
        assert_eq!(
            lost_writes, backlog,
            "lost writes = promoted replica's backlog"
        );
    }
    // Little: the mean backlog is lambda x mean lag; the promoted replica is the better of two,
    // so its backlog is at most the single-replica mean of lambda (net + 1 / (mu - lambda)).
    let mean_lost = lost.iter().map(|l| l.0 as f64).sum::<f64>() / lost.len() as f64;
    let single = lambda * (0.0005 + 1.0 / (1000.0 - lambda));
    assert!(
        mean_lost < single && mean_lost > 0.4 * single,
        "mean lost {mean_lost}, single {single}"
    );
    assert_eq!(
        e.model.set.stats().lost_writes,
        lost.iter().map(|l| l.0).sum::<u64>()
    );

    // One replica: the mean lost equals lambda x mean lag (Little's law on the apply pipeline).
    let mut e = replication_engine(
        121,
        async_config(1, exp_mean(0.001)),
        exp_mean(1.0 / lambda),
        2_400_000,
    );
    e.model.fail_every = Some(SimTime::from_millis(997));
    e.queue.schedule(SimTime::from_millis(997), RepEvent::Fail);
    e.step_until(SimTime::MAX, u64::MAX);
    let lost = &e.model.lost;
    let mean_lost = lost.iter().map(|l| l.0 as f64).sum::<f64>() / lost.len() as f64;
    assert_rel(
        mean_lost,
        single,
        0.10,
        "mean lost writes, one async replica",
    );

    // Sync replication: nothing acknowledged is ever lost, and a write waits for its apply.
    let mut sync = async_config(2, exp_mean(0.001));
    sync.mode = ReplicationMode::Sync;
    let mut e = replication_engine(122, sync, exp_mean(1.0 / 300.0), 300_000);
    e.model.fail_every = Some(SimTime::from_millis(997));
    e.queue.schedule(SimTime::from_millis(997), RepEvent::Fail);
    e.step_until(SimTime::MAX, u64::MAX);
    assert!(e.model.lost.len() > 500);
    assert!(
        e.model.lost.iter().all(|l| l.0 == 0),
        "sync replication loses nothing"
    );
    assert!(e.model.acks > 200_000);
    let ack = e.model.ack_latency_sum / e.model.acks as f64;
    assert!(
        ack > 0.0005 + 0.001 / (1.0 - 0.3),
        "sync ack waits for net + apply: {ack}"
    );
}

/// Clients resolve the primary's name through DNS and cache the answer for its TTL.
struct FailoverRun {
    timing: FailoverTiming,
    failed_at: SimTime,
    check_phase: SimTime,
    consecutive_failures: u32,
    promoted_at: Option<SimTime>,
    outages: Vec<SimTime>,
}

enum FailoverEvent {
    HealthCheck,
    Promoted,
    /// A client's cached DNS answer expires and it resolves again.
    Resolve(usize),
}

impl Model for FailoverRun {
    type Event = FailoverEvent;
    fn handle(&mut self, now: SimTime, ev: FailoverEvent, q: &mut EventQueue<FailoverEvent>) {
        match ev {
            FailoverEvent::HealthCheck => {
                if now >= self.failed_at {
                    self.consecutive_failures += 1;
                }
                if self.consecutive_failures == self.timing.failures_to_detect {
                    q.schedule(now.after(self.timing.promotion), FailoverEvent::Promoted);
                } else {
                    q.schedule(
                        now.after(self.timing.check_interval),
                        FailoverEvent::HealthCheck,
                    );
                }
            }
            FailoverEvent::Promoted => self.promoted_at = Some(now),
            FailoverEvent::Resolve(client) => match self.promoted_at {
                Some(_) if now >= self.failed_at => {
                    self.outages[client] = now.since(self.failed_at);
                }
                _ => q.schedule(
                    now.after(self.timing.dns_ttl),
                    FailoverEvent::Resolve(client),
                ),
            },
        }
    }
}

#[test]
fn failover_time_is_detection_plus_promotion_plus_dns_ttl() {
    for (k, interval, promotion, ttl) in [(3u32, 30u64, 0u64, 60u64), (2, 10, 15, 30)] {
        let timing = FailoverTiming {
            check_interval: SimTime::from_secs(interval),
            failures_to_detect: k,
            promotion: SimTime::from_secs(promotion),
            dns_ttl: SimTime::from_secs(ttl),
        };
        let mut rng = SimRng::stream(seeded(130), k as u64, "phases");
        let clients = 2000;
        let (mut worst, mut mean_total) = (SimTime::ZERO, 0.0);
        let runs = 50;
        for run in 0..runs {
            let phase = SimTime(rng.below(timing.check_interval.0));
            // Run 0 fails just after a check: the worst case.
            let failed_at = if run == 0 {
                SimTime::from_secs(1000).after(phase).after(SimTime(1))
            } else {
                SimTime::from_secs(1000).after(SimTime(rng.below(timing.check_interval.0)))
            };
            let mut e = Engine::new(FailoverRun {
                timing,
                failed_at,
                check_phase: phase,
                consecutive_failures: 0,
                promoted_at: None,
                outages: vec![SimTime::MAX; clients],
            });
            e.queue.schedule(phase, FailoverEvent::HealthCheck);
            for c in 0..clients {
                e.queue.schedule(
                    SimTime(rng.below(timing.dns_ttl.0)),
                    FailoverEvent::Resolve(c),
                );
            }
            e.step_until(SimTime::MAX, u64::MAX);
            let m = &e.model;
            assert_eq!(
                m.promoted_at,
                Some(timing.promoted_at(failed_at, m.check_phase)),
                "the simulated checks agree with FailoverTiming"
            );
            let run_worst = *m.outages.iter().max().unwrap();
            assert!(
                run_worst <= timing.worst_case(),
                "never worse than k x interval + promotion + TTL"
            );
            worst = worst.max(run_worst);
            mean_total += m.outages.iter().map(|o| o.as_secs_f64()).sum::<f64>() / clients as f64;
        }
        assert_rel(
            worst.as_secs_f64(),
            timing.worst_case().as_secs_f64(),
            0.01,
            &format!("worst failover, k {k} x {interval} s + {promotion} s + TTL {ttl} s"),
        );
        // Random failure times: on average half an interval is saved on detection and half the
        // TTL on re-resolution.
        let mean_want = (k as f64 - 0.5) * interval as f64 + promotion as f64 + ttl as f64 / 2.0;
        assert_rel(
            mean_total / runs as f64,
            mean_want,
            0.05,
            "mean failover time",
        );
    }
}

/// The local failover timed by the engine itself, in a whole run: the documented rule is that
/// the health checks run every `detection_interval_s` from the start of the run, the first
/// check at or after the failure fails and so do the next `failure_threshold - 1`, and the
/// replica takes the writes `promotion_time_s` after the last of them. Here checks every 4 s,
/// 2 failed checks, 7 s promotion and a failure at 10.5 s: the checks at 12 s and 16 s fail,
/// the second declares the failure, and the replica is promoted at 16 + 7 = 23 s (worked out
/// by hand, not by `FailoverTiming`). Writes fail from the failure until then, and not after.
#[test]
fn a_whole_run_promotes_the_replica_when_the_documented_health_checks_say() {
    const FAIL_AT_S: f64 = 10.5;
    const PROMOTED_AT_S: f64 = 23.0;
    let mut b = builder(19);
    // Writes only: every request goes to the primary, so the failures are the primary's.
    let us = b
        .add(ComponentKind::Users)
        .configure(users(500.0, 0.0, 1.0, 0.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(|c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 10;
                w.service_time = ServiceTime::Deterministic { mean_ms: 1.0 };
            }
        })
        .id();
    let db = b
        .add(ComponentKind::Database)
        .configure(|c| {
            if let ComponentConfig::Database(d) = c {
                d.read_replicas = 1;
                d.failover.detection_interval_s = 4;
                d.failover.failure_threshold = 2;
                d.failover.promotion_time_s = 7;
            }
        })
        .id();
    b.wire(us, O::Dynamic, web);
    b.wire(web, O::Data, db);
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    sim.step_until(secs(FAIL_AT_S).0, u64::MAX);
    let before = sim.snapshot();
    assert_eq!(
        before.overall.failed.total(),
        0,
        "nothing fails before the fault"
    );
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::Fail,
        target: FaultTarget::Component(db),
    });
    // Every 50 ms, whether a request failed in the last 50 ms.
    let mut failing = Vec::new();
    let mut failed = 0;
    for step in 1..=600u64 {
        let t = FAIL_AT_S + step as f64 * 0.05;
        sim.step_until(secs(t).0, u64::MAX);
        let now = sim.snapshot().overall.failed.total();
        failing.push((t, now > failed));
        failed = now;
    }
    let s = sim.snapshot();
    assert!(s.accounting_holds());
    let failed_entry = s
        .log
        .iter()
        .find(|e| matches!(e.event, scalelab::sim::log::LogEvent::PrimaryFailed { .. }))
        .expect("the primary's failure is logged");
    let scalelab::sim::log::LogEvent::PrimaryFailed { promote_at_s, .. } = failed_entry.event
    else {
        unreachable!()
    };
    assert_abs(
        failed_entry.time_s,
        FAIL_AT_S,
        1e-9,
        "the failure is logged when it happens",
    );
    assert_abs(
        promote_at_s,
        PROMOTED_AT_S,
        1e-9,
        "the promotion time the log announces",
    );
    let promoted = s
        .log
        .iter()
        .find(|e| {
            matches!(
                e.event,
                scalelab::sim::log::LogEvent::ReplicaPromoted { .. }
            )
        })
        .expect("the replica's promotion is logged");
    assert_abs(
        promoted.time_s,
        PROMOTED_AT_S,
        1e-9,
        "when the replica is promoted",
    );
    assert_eq!(promoted.component, Some(db.0));
    // Writes fail in every 50 ms window from the failure to the promotion, and in none after.
    let last_failing = failing.iter().rev().find(|(_, f)| *f).unwrap().0;
    assert_abs(
        last_failing,
        PROMOTED_AT_S,
        0.05 + 1e-9,
        "writes stop failing at the promotion",
    );
    assert!(
        failing
            .iter()
            .filter(|(t, _)| *t <= PROMOTED_AT_S - 0.05)
            .all(|(_, f)| *f),
        "writes fail all through the outage"
    );
}

#[test]
fn replicas_serve_stale_reads_and_failover_loses_acknowledged_writes() {
    let mut results = Vec::new();
    // The writes lost are the promoted replica's backlog at the instant of failure: none with
    // probability 1 - rho (about 17 % here), so the async case runs three seeds.
    let runs = [
        (Replication::Async, 11),
        (Replication::Async, 12),
        (Replication::Async, 13),
        (Replication::Sync, 11),
    ];
    for (mode, seed) in runs {
        let mut b = builder(seed);
        let us = b
            .add(ComponentKind::Users)
            .configure(users(1_000.0, 0.5, 0.5, 0.0))
            .id();
        let web = b
            .add(ComponentKind::WebServers)
            .configure(|c| {
                if let ComponentConfig::WebServers(w) = c {
                    w.instances = 10;
                    w.service_time = ServiceTime::Deterministic { mean_ms: 1.0 };
                }
            })
            .id();
        let db = b
            .add(ComponentKind::Database)
            .configure(move |c| {
                if let ComponentConfig::Database(d) = c {
                    d.read_replicas = 2;
                    d.replication = mode;
                    d.apply_rate_per_s = 600.0; // 500 writes/s into 600/s: lag of ~10 ms
                }
            })
            .id();
        b.wire(us, O::Dynamic, web);
        b.wire(web, O::Data, db);
        b.scenario_mut().faults.push(Fault {
            at_s: 30.0,
            action: FaultAction::Fail,
            target: FaultTarget::Component(db),
        });
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, 29);
        let db_metrics = s.components.iter().find(|c| c.id == db.0).unwrap().clone();
        let after = run_to(&mut sim, 120);
        results.push((s.overall.stale_reads, db_metrics, after));
    }
    let (stale_async, db_async, after_async) = &results[0];
    assert!(
        *stale_async > 100,
        "async replicas lag behind: {stale_async}"
    );
    let lag = db_async.mean_replication_lag_ms.unwrap();
    assert!(lag > 2.0 && lag < 100.0, "lag {lag} ms");
    let lost: u64 = results[..3].iter().map(|r| r.2.overall.lost_writes).sum();
    assert!(lost > 0, "async failover loses writes");
    assert!(
        after_async
            .log
            .iter()
            .any(|e| said(e).contains("writes accepted again")),
        "{:#?}",
        after_async.log
    );
    let (_, _, after_sync) = &results[3];
    assert_eq!(
        after_sync.overall.lost_writes, 0,
        "sync replication loses nothing"
    );
}

#[test]
fn simulated_replica_lag_matches_the_mm1_prediction_from_the_diagram() {
    // Write-only users -> web tier -> database with one replica. The prediction reads the write
    // rate, apply rate and network delay from the diagram; the run measures the mean lag of
    // every applied write. Sync replication changes when a write is acknowledged, not how long
    // its replica takes to apply it.
    for (seed, writes, apply, net_ms, mode, seconds) in [
        (41, 800.0, 1_000.0, 0.5, Replication::Async, 600),
        (42, 300.0, 1_000.0, 5.0, Replication::Async, 1_500),
        (43, 450.0, 600.0, 0.5, Replication::Async, 1_000),
        (44, 800.0, 1_000.0, 0.5, Replication::Sync, 600),
    ] {
        let mut b = builder(seed);
        let us = b
            .add(ComponentKind::Users)
            .configure(users(writes, 0.0, 1.0, 0.0))
            .id();
        let web = b
            .add(ComponentKind::WebServers)
            .configure(|c| {
                if let ComponentConfig::WebServers(w) = c {
                    w.instances = 4;
                    w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
                }
            })
            .id();
        let db = b
            .add(ComponentKind::Database)
            .configure(move |c| {
                if let ComponentConfig::Database(d) = c {
                    d.read_replicas = 1;
                    d.replication = mode;
                    d.apply_rate_per_s = apply;
                    d.network_delay_ms = net_ms;
                }
            })
            .id();
        b.wire(us, O::Dynamic, web);
        b.wire(web, O::Data, db);
        let p = predict::replica_lag_predictions(diagram(&b), 0.0);
        let predicted = p[0].mean_lag_ms.unwrap();
        let by_hand = net_ms + 1e3 / (apply - writes);
        assert!(
            (predicted - by_hand).abs() < 1e-9,
            "{predicted} vs {by_hand}"
        );
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        let s = run_to(&mut sim, seconds);
        let simulated = s
            .components
            .iter()
            .find(|c| c.id == db.0)
            .unwrap()
            .mean_replication_lag_ms
            .unwrap();
        // docs/fidelity.md#tolerances-and-why-they-are-honest allows 10 % for a queue mean at 1e6 events; these runs handle 3e6 (about
        // seven per write) over 5e5 writes, where the M/M/1 mean's standard deviation is
        // 1.3 % at rho = 0.8: 5 % is about four of them.
        assert!(s.events > 2_000_000, "{} events", s.events);
        let err = (simulated - predicted) / predicted;
        assert!(
            err.abs() < 0.05,
            "{mode:?} {writes}/s into {apply}/s, {net_ms} ms: simulated {simulated:.3} ms, \
             predicted {predicted:.3} ms ({:+.1} %)",
            err * 100.0
        );
    }
}

/// The share of replica reads that are stale in a whole run: users -> web -> a database with
/// replicas, every key written and read as independent Poisson streams, so a read finds its key
/// last written an exponential while ago and is stale when that write's lag is longer
/// (`theory::replica_stale_share`, summed over the Zipf key mix by `predict`). Over 5e5 reads
/// the three cases land within 1 % of theory; 5 % leaves room for the busy periods' correlation.
#[test]
fn the_stale_read_share_of_a_whole_run_matches_the_key_mix_average() {
    use scalelab::model::ComponentKind as K;
    // (seed, writes of 2,000 req/s, applies/s, network ms, keys, alpha, celebrity keys/share)
    for (seed, write, apply, net, keys, alpha, celebrities) in [
        (140, 0.3, 1_000.0, 0.5, 1_000, 0.8, (0, 0.0)),
        (141, 0.1, 400.0, 2.0, 100, 1.0, (0, 0.0)),
        (142, 0.2, 1_000.0, 0.5, 100_000, 0.6, (1, 0.2)),
    ] {
        let mut b = builder(seeded(seed));
        let us = b
            .add(K::Users)
            .configure(users(2_000.0, 1.0 - write, write, 0.0))
            .id();
        let web = b
            .add(K::WebServers)
            .configure(|c| {
                if let ComponentConfig::WebServers(w) = c {
                    w.instances = 10;
                    w.concurrency_per_instance = 64;
                    w.service_time = ServiceTime::Exponential { mean_ms: 1.0 };
                }
            })
            .id();
        let db = b
            .add(K::Database)
            .configure(|c| {
                if let ComponentConfig::Database(d) = c {
                    d.read_replicas = 2;
                    d.apply_rate_per_s = apply;
                    d.network_delay_ms = net;
                    d.concurrency_per_node = 64;
                }
            })
            .id();
        b.component(us).configure(|c| {
            if let ComponentConfig::Users(u) = c {
                u.key_space = keys;
                u.zipf_alpha = alpha;
                u.celebrity_keys = celebrities.0;
                u.celebrity_share = celebrities.1;
            }
        });
        b.wire(us, O::Dynamic, web);
        b.wire(web, O::Data, db);
        b.scenario_mut().duration_s = 400;
        let want = predict::replica_lag_predictions(diagram(&b), 0.0)[0]
            .stale_read_share
            .expect("the database gets the whole key mix");
        let mut sim = build(diagram(&b), &RunConfig::default()).expect("builds");
        let snap = run_to(&mut sim, 400);
        let m = snap.components.iter().find(|c| c.id == db.0).unwrap();
        let reads = m.replica_reads.unwrap();
        assert!(reads > 400_000, "{reads} replica reads");
        assert_eq!(m.errors.total(), 0, "nothing fails");
        assert_rel(
            m.stale_reads.unwrap() as f64 / reads as f64,
            want,
            0.05,
            &format!("stale share, {write} writes, {apply} applies/s, {keys} keys"),
        );
    }
}
