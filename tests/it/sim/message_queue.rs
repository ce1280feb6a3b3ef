//! A message queue and its workers: the queue absorbs what too few workers cannot do,
//! autoscaling on depth drains it, and durable jobs survive a worker crash while the others
//! are lost.

use scalelab::model::DiagramBuilder;
use scalelab::model::config::ServiceTime;
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Fault, FaultAction, FaultTarget, OutPort as O,
};
use scalelab::sim::{RunConfig, build};

use super::{builder, component, diagram, run_to, said, schedule, users, web_config};

/// Users writing at `rate_rps` through a web tier that publishes one job per write to a queue
/// consumed by a worker pool configured by `workers`.
fn job_pipeline(
    seed: u64,
    rate_rps: f64,
    durable: bool,
    workers: impl FnOnce(&mut scalelab::model::config::WorkersConfig),
) -> (DiagramBuilder, ComponentId, ComponentId) {
    let mut b = builder(seed);
    let us = b
        .add(ComponentKind::Users)
        .configure(users(rate_rps, 0.0, 1.0, 0.0))
        .id();
    let web = b
        .add(ComponentKind::WebServers)
        .configure(web_config(|w| w.instances = 4))
        .id();
    let mq = b
        .add(ComponentKind::MessageQueue)
        .configure(|c| {
            if let ComponentConfig::MessageQueue(m) = c {
                m.durable = durable;
                m.capacity_messages = 100_000;
            }
        })
        .id();
    let wk = b
        .add(ComponentKind::Workers)
        .configure(|c| {
            if let ComponentConfig::Workers(w) = c {
                workers(w);
            }
        })
        .id();
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
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 60);
    // Producers never wait for the workers: every user request completes.
    assert_eq!(s.overall.failed.total(), 0, "{:?}", s.overall.failed);
    let depth = component(&s, wk).queue_len;
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
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let s = run_to(&mut sim, 120);
    let m = component(&s, wk);
    assert!(m.instances >= 3, "scaled out on depth: {}", m.instances);
    assert!(m.queue_len < 300, "the backlog drained: {}", m.queue_len);
    let log: Vec<String> = s.log.iter().map(said).collect();
    assert!(
        log.iter()
            .any(|m| m.contains("autoscaled from 1 to") && m.ends_with(" workers")),
        "{log:?}"
    );
}

#[test]
fn jobs_kept_for_workers_whose_datacenter_failed_reach_them_when_it_is_restored() {
    let (mut b, _, wk) = job_pipeline(23, 20.0, true, |w| {
        // 2 x 8 / 0.5 s = 32 jobs/s for 20 published per second: about 10 in service, none
        // waiting.
        w.instances = 2;
        w.concurrency_per_instance = 8;
        w.service_time = ServiceTime::Deterministic { mean_ms: 500.0 };
    });
    let dc = b.group(scalelab::model::Region::Europe).id();
    b.component(wk).group(dc);
    schedule(
        &mut b,
        FaultTarget::Group(dc),
        [(60.0, FaultAction::Fail), (80.0, FaultAction::Restore)],
    );
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    let down = run_to(&mut sim, 79);
    let kept = component(&down, wk).queue_len;
    assert!(
        (5..=16).contains(&kept),
        "the jobs in hand at the failure are kept: {kept}"
    );
    let after = run_to(&mut sim, 200);
    assert_eq!(
        component(&after, wk).queue_len,
        0,
        "the kept jobs were handed back and done"
    );
    let log: Vec<String> = after.log.iter().map(said).collect();
    let restored = log
        .iter()
        .position(|m| m.contains("restored"))
        .expect("the datacenter's restore is logged");
    assert!(
        log[restored..].iter().any(|m| m.contains("redelivered")),
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
        schedule(
            &mut b,
            FaultTarget::Component(wk),
            [(60.0, FaultAction::Fail), (80.0, FaultAction::Restore)],
        );
        let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
        let down = run_to(&mut sim, 79);
        let after = run_to(&mut sim, 200);
        (component(&down, wk).queue_len, after)
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
    let log: Vec<String> = durable.log.iter().map(said).collect();
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
    let log: Vec<String> = lost.log.iter().map(said).collect();
    assert!(
        log.iter().any(|m| m.contains("the queue is not durable")),
        "{log:?}"
    );
}

/// Users writing 50 times a second through a web tier that publishes one job per write to a
/// queue whose enqueue takes `enqueue_ms`, slowed `slow` times from the start if above 1;
/// after 30 s: the whole run's figures, the web tier's id and the queue's.
fn publishing(enqueue_ms: f64, slow: f64) -> (scalelab::sim::MetricsSnapshot, ComponentId) {
    let (mut b, _, _) = job_pipeline(23, 50.0, true, |w| w.instances = 4);
    let mq = b
        .diagram()
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::MessageQueue)
        .map(|c| c.id)
        .unwrap();
    b.component(mq).configure(|c| {
        if let ComponentConfig::MessageQueue(m) = c {
            m.enqueue_latency_ms = enqueue_ms;
        }
    });
    if slow > 1.0 {
        b.scenario_mut().faults.push(Fault {
            at_s: 0.0,
            action: FaultAction::Slow { factor: slow },
            target: FaultTarget::Component(mq),
        });
    }
    let mut sim = build(diagram(&b), &RunConfig::default()).unwrap();
    (run_to(&mut sim, 30), mq)
}

#[test]
fn publishing_a_job_costs_the_producer_the_enqueue_time_and_a_slow_queue_five_times_it() {
    // The web tier, its service draws and the users' arrivals are the same in every run: a
    // write's answer differs only by the acknowledgement it waits for, so the mean latency of
    // the users' requests rises by exactly the enqueue time (to the histogram's rounding).
    let (none, _) = publishing(0.0, 1.0);
    let (twenty, mq) = publishing(20.0, 1.0);
    assert_eq!(none.overall.failed.total(), 0);
    assert_eq!(twenty.overall.latency.count, none.overall.latency.count);
    let rise = twenty.overall.latency.mean_ms - none.overall.latency.mean_ms;
    assert!((rise - 20.0).abs() < 0.05, "mean latency rose {rise} ms");
    // The queue shows the time a job spends there before the workers see it.
    let q = component(&twenty, mq);
    assert!(q.latency.count > 1_000, "{:?}", q.latency);
    assert!((q.latency.mean_ms - 20.0).abs() < 0.05, "{:?}", q.latency);
    assert!(
        q.latency.p50_ms > 19.0 && q.latency.p50_ms < 21.0,
        "{:?}",
        q.latency
    );

    // Slowed five-fold: 100 ms per enqueue, for the queue and for the producer.
    let (slow, mq) = publishing(20.0, 5.0);
    let rise = slow.overall.latency.mean_ms - none.overall.latency.mean_ms;
    assert!((rise - 100.0).abs() < 0.1, "mean latency rose {rise} ms");
    let q = component(&slow, mq);
    assert!((q.latency.mean_ms - 100.0).abs() < 0.1, "{:?}", q.latency);
}
