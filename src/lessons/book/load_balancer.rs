//! Lesson 3, a load balancer and two web servers: one dies, the site stays up.
//!
//! 1,000 users (100 requests/s) on one web server that fails a minute in: with nothing beside
//! it every request fails from then on. Behind a load balancer, two servers share the load; when
//! one dies, the balancer's health checks (every 10 s, 3 misses) take it out of rotation and the
//! survivor serves everyone. The errors last only as long as the detection. Two servers are
//! two instances of the tier or two tiers alike (a fault takes one server at a time); two
//! servers with no balancer checking them keep failing the dead one's share. Nobody logs in:
//! sessions are lesson 7's subject.

use crate::lessons::Trigger;
use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Subject};
use crate::model::builder::DiagramBuilder;
use crate::model::config::InstanceSize;
use crate::model::{
    ComponentConfig, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
};
use crate::present::lang::Lang;

use super::{defaults, put, users_and_dns};

/// Simulated seconds into the run when the first web server fails.
const FAILS_AT_S: f64 = 60.0;

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// One web server.
    One(InstanceSize),
    /// A balancer over two.
    Balanced,
    /// Two instances of the one server, with nothing checking them.
    Unbalanced,
}

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::LoadBalancer,
        start: design(lang, Shape::One(InstanceSize::Vcpu2)),
        fix: design(lang, Shape::Balanced),
        objectives: vec![
            Objective::throughout(
                Measure::ErrorsAfter(Subject::Kind(ComponentKind::WebServers)),
                Limit::AtMost(40.0),
                0.0,
            ),
            Objective::at_end(Measure::ErrorPercent, Limit::AtMost(1.0)),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::RunStarted),
            Step::when(Trigger::Down(Subject::Kind(ComponentKind::WebServers))),
            Step::when(Trigger::ObjectiveMissed(0)),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![
            (
                Alternative::ScaleUp,
                design(lang, Shape::One(InstanceSize::Vcpu16)),
            ),
            (Alternative::NoBalancer, design(lang, Shape::Unbalanced)),
        ],
    }
}

fn design(lang: Lang, shape: Shape) -> Diagram {
    let mut b = DiagramBuilder::new();
    // 1,000 users, none logged in.
    let dns = users_and_dns(&mut b, lang, 1_000, 0.0, |_| {});
    let size = match shape {
        Shape::One(size) => size,
        Shape::Balanced | Shape::Unbalanced => InstanceSize::Vcpu2,
    };
    let instances = if shape == Shape::Unbalanced { 2 } else { 1 };
    let web = put(
        &mut b,
        lang,
        ComponentKind::WebServers,
        (660.0, 120.0),
        |c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instance_size = size;
                w.instances = instances;
            }
        },
    );
    let db = put(
        &mut b,
        lang,
        ComponentKind::Database,
        (900.0, 220.0),
        defaults,
    );
    b.wire(web, OutPort::Data, db);
    match shape {
        Shape::One(_) | Shape::Unbalanced => {
            b.wire(dns, OutPort::Resolve, web);
        }
        Shape::Balanced => {
            let lb = put(
                &mut b,
                lang,
                ComponentKind::LoadBalancer,
                (440.0, 200.0),
                defaults,
            );
            let web2 = put(
                &mut b,
                lang,
                ComponentKind::WebServers,
                (660.0, 320.0),
                defaults,
            );
            b.wire(dns, OutPort::Resolve, lb);
            b.wire(lb, OutPort::Backends, web);
            b.wire(lb, OutPort::Backends, web2);
            b.wire(web2, OutPort::Data, db);
        }
    }
    let s = b.scenario_mut();
    s.duration_s = 180;
    s.faults.push(Fault {
        at_s: FAILS_AT_S,
        action: FaultAction::Fail,
        target: FaultTarget::Component(web),
    });
    b.finish()
}
