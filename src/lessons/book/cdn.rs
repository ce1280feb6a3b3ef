//! Lesson 6, a content delivery network: static files from an edge near the users, the
//! origin's offload, and versioned object URLs on a deploy.
//!
//! 3,000 requests/s, 60 % of them static files (images, scripts, styles) over 10,000 objects.
//! The start's edge holds 100 objects: most static requests miss and reach the origin, whose four
//! 8-vCPU web servers (about 3,200 a second) saturate. Two minutes in, new assets are deployed
//! under the same URLs: the edge keeps serving the old copies it holds (stale assets). An edge of
//! 5,000 objects answers about four static requests in five, and versioned URLs
//! (`app.js?v=2`) make a deploy fetch each new object once instead of serving stale ones.

use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Trigger};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{InstanceSize, UserLoad};
use crate::model::{
    ComponentConfig, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
};
use crate::present::lang::Lang;

use super::{defaults, put};

/// Simulated seconds into the run when new assets are deployed.
const DEPLOY_AT_S: f64 = 120.0;

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::Cdn,
        start: design(lang, 100, false),
        fix: design(lang, 5_000, true),
        objectives: vec![
            Objective::throughout(
                Measure::ArrivalRps(ComponentKind::WebServers),
                Limit::AtMost(2_200.0),
                20.0,
            ),
            Objective::throughout(Measure::StaleAssets, Limit::AtMost(0.0), 0.0),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::ObjectiveMissed(0))
                .naming(ComponentKind::Cdn, "edge_capacity_objects"),
            Step::when(Trigger::ObjectiveMissed(1)).naming(ComponentKind::Cdn, "object_versioning"),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![(Alternative::UnversionedAssets, design(lang, 5_000, false))],
    }
}

fn design(lang: Lang, edge_objects: u64, versioned: bool) -> Diagram {
    let mut b = DiagramBuilder::new();
    let users = put(&mut b, lang, ComponentKind::Users, (0.0, 200.0), |c| {
        if let ComponentConfig::Users(u) = c {
            u.load = UserLoad::ActiveUsers {
                active_users: 30_000,
                requests_per_user_per_s: 0.1,
            };
            u.static_share = 0.6;
            u.read_share = 0.38;
            u.write_share = 0.02;
            // Sessions are lesson 7's subject.
            u.login_session_share = 0.0;
        }
    });
    let dns = put(&mut b, lang, ComponentKind::Dns, (220.0, 60.0), defaults);
    let cdn = put(&mut b, lang, ComponentKind::Cdn, (220.0, 340.0), |c| {
        if let ComponentConfig::Cdn(e) = c {
            e.edge_capacity_objects = edge_objects;
            e.object_versioning = versioned;
        }
    });
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
                w.instances = 4;
                w.instance_size = InstanceSize::Vcpu8;
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
    b.wire(users, OutPort::Dynamic, dns);
    b.wire(users, OutPort::Static, cdn);
    b.wire(dns, OutPort::Resolve, lb);
    b.wire(cdn, OutPort::Origin, lb);
    b.wire(lb, OutPort::Backends, web);
    b.wire(web, OutPort::Data, db);
    let s = b.scenario_mut();
    s.duration_s = 240;
    s.faults.push(Fault {
        at_s: DEPLOY_AT_S,
        action: FaultAction::DeployAssets,
        target: FaultTarget::Component(cdn),
    });
    b.finish()
}
