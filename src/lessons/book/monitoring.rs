//! Lesson 10, logs, metrics and automation: something breaks that the learner has not been told
//! about; they find it from the dashboards and the log, select it, and restore the service.
//!
//! A stateless web tier keeps its sessions in a session store sized for 6,000 sessions, while
//! the traffic grows tenfold over four minutes from 20,000 users, half of them logged in. About
//! a minute in, 6,000 logged-in users have come by and the store is full: it evicts the least
//! recently used sessions to make room, and their users are logged out (failed requests,
//! reason "session lost"). The run log says the
//! store is full; the failure chart says why requests fail. The fix is a store sized for the
//! users (a million sessions), and the answer to find is the session store.

use crate::lessons::{Lesson, LessonId, Limit, Measure, Objective, Step, Trigger};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{InstanceSize, SessionMode};
use crate::model::{ComponentConfig, ComponentKind, Diagram, OutPort, TrafficProfile};
use crate::present::lang::Lang;

use super::{balanced_web, defaults, put, users_and_dns};

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::Monitoring,
        start: design(lang, 6_000),
        fix: design(lang, 1_000_000),
        objectives: vec![
            Objective::at_end(
                Measure::Found(ComponentKind::SessionStore),
                Limit::AtLeast(1.0),
            ),
            Objective::at_end(Measure::ErrorPercent, Limit::AtMost(1.0)),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::ErrorsAbove(1.0)),
            Step::now(),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: Vec::new(),
    }
}

fn design(lang: Lang, sessions: u64) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dns = users_and_dns(&mut b, lang, 20_000, 0.5, |_| {});
    let web = balanced_web(&mut b, lang, dns, |w| {
        w.instance_size = InstanceSize::Vcpu8;
        w.instances = 4;
        w.sessions = SessionMode::Stateless;
    });
    let store = put(
        &mut b,
        lang,
        ComponentKind::SessionStore,
        (900.0, 60.0),
        |c| {
            if let ComponentConfig::SessionStore(s) = c {
                s.capacity_sessions = sessions;
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
    let metrics = put(
        &mut b,
        lang,
        ComponentKind::MetricsSink,
        (900.0, 380.0),
        defaults,
    );
    b.wire(web, OutPort::Sessions, store);
    b.wire(web, OutPort::Data, db);
    b.wire(web, OutPort::Logs, metrics);
    let s = b.scenario_mut();
    s.duration_s = 240;
    s.traffic = TrafficProfile::Growth {
        start_users: 2_000,
        end_users: 20_000,
    };
    b.finish()
}
