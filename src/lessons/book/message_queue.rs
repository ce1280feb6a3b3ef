//! Lesson 9, a message queue and workers: photo processing taken off the request path, a burst
//! of uploads absorbed by the queue, workers added on its depth, and jobs that outlive a crash
//! of the workers because the queue keeps them.
//!
//! 2,000 users send 200 requests/s; a quarter are photo uploads, each publishing a job (50
//! jobs/s). A job takes 400 ms on average and a worker runs 4 at once (10 jobs/s a worker), so
//! the 8 fixed workers serve 80 jobs/s, 62 % busy. From 60 s to 120 s uploads come 4 times as
//! fast (200 jobs/s): 120 more a second than the workers serve, about 7,200 jobs queued by the
//! end of the burst, which 8 workers drain at 30 a second, 240 s more. At 180 s the workers
//! crash for 20 s: a queue that keeps its jobs in memory only loses every job waiting and in
//! hand, and the ones published while the workers are down; a durable one keeps them and hands
//! them out again. Workers scaled on depth (20 jobs waiting each, up to 30 workers, 15 s
//! between changes) drain the burst as it comes: about 1,000 jobs wait at the most, against
//! more than 7,000 for the fixed workers.
//!
//! The backlog is judged throughout the run, not at its end: the crash of the workers empties a
//! queue that keeps its jobs in memory, so a backlog read at the end would pass the starting
//! design for losing its jobs.

use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Trigger};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{InstanceSize, QueueAutoscaling, ServiceTime};
use crate::model::{
    ComponentConfig, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
    TrafficProfile,
};
use crate::present::lang::Lang;

use super::{balanced_web, defaults, put, users_and_dns};

/// Simulated seconds into the run when the workers crash, and how long they stay down.
const CRASH_AT_S: f64 = 180.0;
const DOWN_S: f64 = 20.0;
/// The most jobs that may wait at any moment of the run.
const MOST_WAITING: f64 = 2_000.0;

/// What keeps the jobs and who takes them.
#[derive(Clone, Copy, PartialEq)]
struct Shape {
    /// Whether the queue keeps its jobs through a crash of the workers.
    durable: bool,
    /// Whether the workers scale on the queue's depth.
    scaled: bool,
}

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::MessageQueue,
        start: design(
            lang,
            Shape {
                durable: false,
                scaled: false,
            },
        ),
        fix: design(
            lang,
            Shape {
                durable: true,
                scaled: true,
            },
        ),
        objectives: vec![
            Objective::throughout(Measure::JobsFailed, Limit::AtMost(0.0), 0.0),
            Objective::throughout(Measure::QueueDepth, Limit::AtMost(MOST_WAITING), 0.0),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::AtTime(60.0)),
            Step::when(Trigger::AtTime(120.0))
                .naming(ComponentKind::Workers, "autoscaling.enabled"),
            Step::when(Trigger::Down(crate::lessons::Subject::Kind(
                ComponentKind::Workers,
            )))
            .naming(ComponentKind::MessageQueue, "durable"),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![(
            Alternative::VolatileQueue,
            design(
                lang,
                Shape {
                    durable: false,
                    scaled: true,
                },
            ),
        )],
    }
}

fn design(lang: Lang, shape: Shape) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dns = users_and_dns(&mut b, lang, 2_000, 0.0, |u| {
        // A photo service: a quarter of the requests are uploads (writes).
        u.read_share = 0.5;
        u.write_share = 0.25;
        u.static_share = 0.25;
    });
    let web = balanced_web(&mut b, lang, dns, |w| {
        w.instances = 2;
        w.instance_size = InstanceSize::Vcpu8;
    });
    let db = put(
        &mut b,
        lang,
        ComponentKind::Database,
        (900.0, 120.0),
        defaults,
    );
    let queue = put(
        &mut b,
        lang,
        ComponentKind::MessageQueue,
        (900.0, 320.0),
        |c| {
            if let ComponentConfig::MessageQueue(m) = c {
                m.durable = shape.durable;
            }
        },
    );
    let workers = put(&mut b, lang, ComponentKind::Workers, (1120.0, 320.0), |c| {
        if let ComponentConfig::Workers(w) = c {
            w.instances = 8;
            w.concurrency_per_instance = 4;
            w.service_time = ServiceTime::Exponential { mean_ms: 400.0 };
            w.autoscaling = QueueAutoscaling {
                enabled: shape.scaled,
                min_instances: 8,
                max_instances: 30,
                target_backlog_per_instance: 20,
                cooldown_s: 15,
            };
        }
    });
    b.wire(web, OutPort::Data, db);
    b.wire(web, OutPort::Jobs, queue);
    b.wire(queue, OutPort::Consumers, workers);
    let s = b.scenario_mut();
    s.duration_s = 300;
    s.traffic = TrafficProfile::Spike {
        at_s: 60.0,
        duration_s: 60.0,
        factor: 4.0,
    };
    s.faults.push(Fault {
        at_s: CRASH_AT_S,
        action: FaultAction::Fail,
        target: FaultTarget::Component(workers),
    });
    s.faults.push(Fault {
        at_s: CRASH_AT_S + DOWN_S,
        action: FaultAction::Restore,
        target: FaultTarget::Component(workers),
    });
    b.finish()
}
