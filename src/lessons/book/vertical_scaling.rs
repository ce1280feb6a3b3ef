//! Lesson 2, the web tier and the database apart, and vertical scaling: a bigger machine helps
//! until the biggest one, while the bill climbs faster than the capacity.
//!
//! Users grow from 2,000 to 60,000 (200 to 6,000 requests/s) over three minutes. One web server
//! of any size saturates on the way: the biggest, 64 vCPU, serves about 22 times what the
//! smallest does (per-core speed-up is sublinear on one machine) for 32 times its price, and
//! two of them behind a balancer break the $8 an hour budget. Ten 8-vCPU servers behind a load
//! balancer serve 8,000 a second within it.

use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Trigger};
use crate::model::builder::DiagramBuilder;
use crate::model::config::InstanceSize;
use crate::model::{ComponentConfig, ComponentKind, Diagram, OutPort, TrafficProfile};
use crate::present::lang::Lang;

use super::{defaults, put, users_and_dns};

/// What serves the web requests.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// One server of this size.
    One(InstanceSize),
    /// A balancer over this many 8-vCPU servers.
    Out(u32),
    /// A balancer over this many of the biggest servers.
    OutBig(u32),
}

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::VerticalScaling,
        start: design(lang, Shape::One(InstanceSize::Vcpu4)),
        fix: design(lang, Shape::Out(10)),
        objectives: vec![
            Objective::throughout(Measure::P99Ms, Limit::AtMost(200.0), 10.0),
            Objective::throughout(Measure::CostPerHour, Limit::AtMost(BUDGET_USD), 0.0),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::Saturated(ComponentKind::WebServers))
                .naming(ComponentKind::WebServers, "instance_size"),
            Step::when(Trigger::ObjectiveMissed(0)),
            Step::now().naming(ComponentKind::WebServers, "instances"),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![
            (
                Alternative::ScaleUp,
                design(lang, Shape::One(InstanceSize::Vcpu64)),
            ),
            (Alternative::ScaleUp, design(lang, Shape::OutBig(2))),
        ],
    }
}

/// The budget, US dollars an hour.
const BUDGET_USD: f64 = 8.0;

fn design(lang: Lang, shape: Shape) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dns = users_and_dns(&mut b, lang, 2_000, 0.0, |_| {});
    let (size, instances) = match shape {
        Shape::One(size) => (size, 1),
        Shape::Out(n) => (InstanceSize::Vcpu8, n),
        Shape::OutBig(n) => (InstanceSize::BIGGEST, n),
    };
    let web = put(
        &mut b,
        lang,
        ComponentKind::WebServers,
        (660.0, 200.0),
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
        (900.0, 200.0),
        defaults,
    );
    b.wire(web, OutPort::Data, db);
    match shape {
        Shape::One(_) => {
            b.wire(dns, OutPort::Resolve, web);
        }
        Shape::Out(_) | Shape::OutBig(_) => {
            let lb = put(
                &mut b,
                lang,
                ComponentKind::LoadBalancer,
                (440.0, 200.0),
                defaults,
            );
            b.wire(dns, OutPort::Resolve, lb);
            b.wire(lb, OutPort::Backends, web);
        }
    }
    let s = b.scenario_mut();
    s.duration_s = 180;
    s.traffic = TrafficProfile::Growth {
        start_users: 2_000,
        end_users: 60_000,
    };
    b.finish()
}
