//! Lesson 1, a single server: DNS and one machine; users grow until it saturates.
//!
//! One 2-vCPU web server (4 requests at a time, 20 ms each: about 200 requests/s) in front of
//! its database, while the users grow from 500 to 4,000 (50 to 400 requests/s) over two
//! minutes. Somewhere past 2,000 users its queue grows without bound and latency with it. The
//! first fix the chapter names is a bigger machine (an 8-vCPU server, about 800 requests/s,
//! half busy at the end); a 4-vCPU one ends the run full, and the lesson asks for room to
//! spare. The next lesson shows where that road ends.

use crate::lessons::{Lesson, LessonId, Limit, Measure, Objective, Step, Trigger};
use crate::model::builder::DiagramBuilder;
use crate::model::config::InstanceSize;
use crate::model::{ComponentConfig, ComponentKind, Diagram, OutPort, TrafficProfile};
use crate::present::lang::Lang;

use super::{defaults, put, users_and_dns};

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::SingleServer,
        start: design(lang, InstanceSize::Vcpu2),
        fix: design(lang, InstanceSize::Vcpu8),
        objectives: vec![
            Objective::throughout(Measure::P99Ms, Limit::AtMost(200.0), 10.0),
            Objective::throughout(Measure::ErrorPercent, Limit::AtMost(1.0), 10.0),
            // Room to spare at 4,000 users: a 4-vCPU server meets the latency bound only
            // because the growth stops where it is full.
            Objective::at_end(
                Measure::Utilization(ComponentKind::WebServers),
                Limit::AtMost(80.0),
            ),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::RunStarted),
            Step::when(Trigger::Saturated(ComponentKind::WebServers)),
            Step::when(Trigger::ObjectiveMissed(0))
                .naming(ComponentKind::WebServers, "instance_size"),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: Vec::new(),
    }
}

fn design(lang: Lang, size: InstanceSize) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dns = users_and_dns(&mut b, lang, 500, 0.5, |_| {});
    let web = put(
        &mut b,
        lang,
        ComponentKind::WebServers,
        (440.0, 200.0),
        |c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instance_size = size;
            }
        },
    );
    let db = put(
        &mut b,
        lang,
        ComponentKind::Database,
        (680.0, 200.0),
        defaults,
    );
    b.wire(dns, OutPort::Resolve, web);
    b.wire(web, OutPort::Data, db);
    let s = b.scenario_mut();
    s.duration_s = 120;
    s.traffic = TrafficProfile::Growth {
        start_users: 500,
        end_users: 4_000,
    };
    b.finish()
}
