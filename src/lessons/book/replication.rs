//! Lesson 4, database replication: reads on replicas, writes on the primary, replica lag; the
//! primary fails, a replica is promoted, and the writes it had not applied are lost.
//!
//! 3,200 requests/s, three quarters of them reaching one database whose queries take 5 ms on
//! 8 connections (about 1,600 per second): the database saturates, and it is also the one
//! place everything depends on. With two read replicas the reads spread over three machines;
//! when the primary fails two minutes in, writes fail until a replica is promoted (health checks
//! every 5 s, 3 misses, 30 s to promote) and reads carry on.

use crate::lessons::Trigger;
use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Subject};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{InstanceSize, ServiceTime};
use crate::model::{
    ComponentConfig, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
};
use crate::present::lang::Lang;

use super::{balanced_web, put, users_and_dns};

/// Simulated seconds into the run when the primary fails.
const FAILS_AT_S: f64 = 120.0;

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::Replication,
        start: design(lang, 0, InstanceSize::Vcpu2),
        fix: design(lang, 2, InstanceSize::Vcpu2),
        objectives: vec![
            Objective::throughout(Measure::P99Ms, Limit::AtMost(300.0), 20.0),
            Objective::throughout(
                Measure::ErrorsAfter(Subject::Kind(ComponentKind::Database)),
                Limit::AtMost(60.0),
                0.0,
            ),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::Saturated(ComponentKind::Database)),
            Step::when(Trigger::ObjectiveMissed(0))
                .naming(ComponentKind::Database, "read_replicas"),
            Step::when(Trigger::Down(Subject::Kind(ComponentKind::Database))),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![(Alternative::ScaleUp, design(lang, 0, InstanceSize::Vcpu16))],
    }
}

fn design(lang: Lang, replicas: u32, size: InstanceSize) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dns = users_and_dns(&mut b, lang, 32_000, 0.0, |_| {});
    let web = balanced_web(&mut b, lang, dns, |w| {
        w.instances = 6;
        w.instance_size = InstanceSize::Vcpu8;
    });
    let db = put(&mut b, lang, ComponentKind::Database, (900.0, 200.0), |c| {
        if let ComponentConfig::Database(d) = c {
            d.read_replicas = replicas;
            d.instance_size = size;
            d.service_time = ServiceTime::Exponential { mean_ms: 5.0 };
        }
    });
    b.wire(web, OutPort::Data, db);
    let s = b.scenario_mut();
    s.duration_s = 240;
    s.faults.push(Fault {
        at_s: FAILS_AT_S,
        action: FaultAction::Fail,
        target: FaultTarget::Component(db),
    });
    b.finish()
}
