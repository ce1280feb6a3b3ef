//! Lesson 7, a stateless web tier: sessions in a shared store, so any server can answer anyone,
//! servers can come and go under a ramp, and one dying loses no session.
//!
//! 20,000 users, half of them logged in, ramping to twice their rate over four minutes, behind a
//! balancer over two autoscaled web tiers (8 vCPU, 2 to 6 servers each, aiming at 60 %
//! utilization). With sessions in each server's memory, a logged-in user sent to another server
//! is logged out. Sticky sessions keep a user on one server slot, until the slots change: the
//! autoscaler adds servers as the ramp climbs, and three minutes in one tier dies. With the
//! sessions in a shared store (two replicas), any server finds any session.

use crate::lessons::Trigger;
use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Subject};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{InstanceSize, LbAlgorithm, SessionMode};
use crate::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
    TrafficProfile,
};
use crate::present::lang::Lang;

use super::{defaults, put, users_and_dns};

/// Simulated seconds into the run when the first web tier fails.
const FAILS_AT_S: f64 = 180.0;

/// Where sessions live.
#[derive(Clone, Copy, PartialEq)]
enum Sessions {
    /// In each server's memory, the balancer sending users anywhere.
    InServers,
    /// In each server's memory, the balancer keeping each user on one server.
    Sticky,
    /// In a shared session store.
    Shared,
}

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::StatelessWeb,
        start: design(lang, Sessions::InServers),
        fix: design(lang, Sessions::Shared),
        objectives: vec![
            Objective::throughout(Measure::SessionsLost, Limit::AtMost(0.0), 0.0),
            Objective::throughout(Measure::P99Ms, Limit::AtMost(200.0), 20.0),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::ObjectiveMissed(0))
                .naming(ComponentKind::LoadBalancer, "algorithm"),
            Step::now().naming(ComponentKind::WebServers, "sessions"),
            Step::when(Trigger::Down(Subject::Kind(ComponentKind::WebServers))),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![(Alternative::StickySessions, design(lang, Sessions::Sticky))],
    }
}

fn design(lang: Lang, sessions: Sessions) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dns = users_and_dns(&mut b, lang, 20_000, 0.5, |_| {});
    let lb = put(
        &mut b,
        lang,
        ComponentKind::LoadBalancer,
        (440.0, 200.0),
        |c| {
            if let ComponentConfig::LoadBalancer(l) = c
                && sessions == Sessions::Sticky
            {
                l.algorithm = LbAlgorithm::StickyByClient;
            }
        },
    );
    let tier = |b: &mut DiagramBuilder, y: f64| -> ComponentId {
        put(b, lang, ComponentKind::WebServers, (680.0, y), |c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instance_size = InstanceSize::Vcpu8;
                w.instances = 2;
                w.sessions = if sessions == Sessions::Shared {
                    SessionMode::Stateless
                } else {
                    SessionMode::Stateful
                };
                w.autoscaling.enabled = true;
                w.autoscaling.min_instances = 2;
                w.autoscaling.max_instances = 6;
                w.autoscaling.cooldown_s = 20;
            }
        })
    };
    let web = tier(&mut b, 80.0);
    let web2 = tier(&mut b, 320.0);
    let db = put(
        &mut b,
        lang,
        ComponentKind::Database,
        (940.0, 200.0),
        defaults,
    );
    b.wire(dns, OutPort::Resolve, lb);
    for w in [web, web2] {
        b.wire(lb, OutPort::Backends, w);
        b.wire(w, OutPort::Data, db);
    }
    if sessions == Sessions::Shared {
        let store = put(
            &mut b,
            lang,
            ComponentKind::SessionStore,
            (940.0, 420.0),
            defaults,
        );
        b.wire(web, OutPort::Sessions, store);
        b.wire(web2, OutPort::Sessions, store);
    }
    let s = b.scenario_mut();
    s.duration_s = 240;
    s.traffic = TrafficProfile::Ramp {
        start_factor: 1.0,
        end_factor: 2.0,
    };
    s.faults.push(Fault {
        at_s: FAILS_AT_S,
        action: FaultAction::Fail,
        target: FaultTarget::Component(web),
    });
    b.finish()
}
