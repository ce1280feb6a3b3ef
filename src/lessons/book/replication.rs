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
use crate::model::config::{InstanceSize, ServiceTime, UserLoad};
use crate::model::{
    ComponentConfig, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
};
use crate::present::lang::Lang;

use super::{defaults, put};

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
    let users = put(&mut b, lang, ComponentKind::Users, (0.0, 200.0), |c| {
        if let ComponentConfig::Users(u) = c {
            u.load = UserLoad::ActiveUsers {
                active_users: 32_000,
                requests_per_user_per_s: 0.1,
            };
            // Sessions are lesson 7's subject: here nobody is logged in, so the web tier's
            // six servers can answer anyone.
            u.login_session_share = 0.0;
        }
    });
    let dns = put(&mut b, lang, ComponentKind::Dns, (220.0, 60.0), defaults);
    let lb = put(
        &mut b,
        lang,
        ComponentKind::LoadBalancer,
        (440.0, 200.0),
        defaults,
    );
    let web = put(
        &mut b,
        lang,
        ComponentKind::WebServers,
        (660.0, 200.0),
        |c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instances = 6;
                w.instance_size = InstanceSize::Vcpu8;
            }
        },
    );
    let db = put(&mut b, lang, ComponentKind::Database, (900.0, 200.0), |c| {
        if let ComponentConfig::Database(d) = c {
            d.read_replicas = replicas;
            d.instance_size = size;
            d.service_time = ServiceTime::Exponential { mean_ms: 5.0 };
        }
    });
    b.wire(users, OutPort::Dynamic, dns);
    b.wire(users, OutPort::Static, dns);
    b.wire(dns, OutPort::Resolve, lb);
    b.wire(lb, OutPort::Backends, web);
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
