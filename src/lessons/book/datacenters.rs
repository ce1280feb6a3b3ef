//! Lesson 8, two datacenters behind GeoDNS: a datacenter fails, and failover waits for the
//! health checks and the DNS record's TTL; the database copied across regions takes over, short
//! of the writes it had not received.
//!
//! 10,000 users in the Americas and 5,000 in Europe, each population sent by GeoDNS to the
//! datacenter in its region (1,000 and 500 requests/s). DC1's database ships its writes to DC2's.
//! A minute and a half in, DC1 fails. GeoDNS notices after its health checks fail three times
//! in a row, and clients keep the old answer until its TTL expires: with checks every 30 s and
//! a 60 s TTL the Americas' requests fail for about two and a half minutes; with checks every
//! 10 s and a 20 s TTL, for under a minute. DC2's web tier autoscales to take everyone.

use crate::lessons::{Lesson, LessonId, Limit, Measure, Objective, Step, Subject, Trigger};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{InstanceSize, UserLoad};
use crate::model::{
    ComponentConfig, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort, Rect, Region,
};
use crate::present::lang::Lang;
use crate::present::say;

use super::{defaults, put};

/// Simulated seconds into the run when DC1 fails.
const FAILS_AT_S: f64 = 90.0;

/// GeoDNS's health-check interval and its record's TTL, seconds.
#[derive(Clone, Copy)]
struct Dns {
    check_every_s: u32,
    ttl_s: u32,
}

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::Datacenters,
        start: design(
            lang,
            Dns {
                check_every_s: 30,
                ttl_s: 60,
            },
        ),
        fix: design(
            lang,
            Dns {
                check_every_s: 10,
                ttl_s: 20,
            },
        ),
        objectives: vec![
            Objective::throughout(
                Measure::ErrorsAfter(Subject::Datacenter),
                Limit::AtMost(90.0),
                0.0,
            ),
            Objective::at_end(Measure::ErrorPercent, Limit::AtMost(1.0)),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::Down(Subject::Datacenter)),
            Step::when(Trigger::ObjectiveMissed(0))
                .naming(ComponentKind::Dns, "health_check_interval_s"),
            Step::now().naming(ComponentKind::Dns, "record_ttl_s"),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: Vec::new(),
    }
}

fn design(lang: Lang, dns_timing: Dns) -> Diagram {
    let mut b = DiagramBuilder::new();
    let dc1 = b
        .group(Region::NorthAmerica)
        .name(say::datacenter_name(lang, 1))
        .bounds(Rect::new(380.0, -20.0, 780.0, 240.0))
        .id();
    let dc2 = b
        .group(Region::Europe)
        .name(say::datacenter_name(lang, 2))
        .bounds(Rect::new(380.0, 300.0, 780.0, 240.0))
        .id();
    let population = |region, active_users| {
        move |c: &mut ComponentConfig| {
            if let ComponentConfig::Users(u) = c {
                u.region = region;
                u.load = UserLoad::ActiveUsers {
                    active_users,
                    requests_per_user_per_s: 0.1,
                };
                // Sessions are lesson 7's subject.
                u.login_session_share = 0.0;
            }
        }
    };
    let users_na = put(
        &mut b,
        lang,
        ComponentKind::Users,
        (0.0, 80.0),
        population(Region::NorthAmerica, 10_000),
    );
    let users_eu = put(
        &mut b,
        lang,
        ComponentKind::Users,
        (0.0, 400.0),
        population(Region::Europe, 5_000),
    );
    let dns = put(&mut b, lang, ComponentKind::Dns, (180.0, 240.0), |c| {
        if let ComponentConfig::Dns(d) = c {
            d.health_check_interval_s = dns_timing.check_every_s;
            d.record_ttl_s = dns_timing.ttl_s;
        }
    });
    let mut dbs = Vec::new();
    for (group, y) in [(dc1, 40.0), (dc2, 360.0)] {
        let lb = put(
            &mut b,
            lang,
            ComponentKind::LoadBalancer,
            (420.0, y),
            defaults,
        );
        let web = put(&mut b, lang, ComponentKind::WebServers, (640.0, y), |c| {
            if let ComponentConfig::WebServers(w) = c {
                w.instance_size = InstanceSize::Vcpu8;
                w.instances = 2;
                w.autoscaling.enabled = true;
                w.autoscaling.min_instances = 2;
                w.autoscaling.max_instances = 6;
                w.autoscaling.cooldown_s = 20;
            }
        });
        let db = put(&mut b, lang, ComponentKind::Database, (900.0, y), defaults);
        for id in [lb, web, db] {
            b.component(id).group(group);
        }
        b.wire(dns, OutPort::Resolve, lb);
        b.wire(lb, OutPort::Backends, web);
        b.wire(web, OutPort::Data, db);
        dbs.push(db);
    }
    if let [db1, db2] = dbs[..] {
        b.wire(db1, OutPort::Replicate, db2);
    }
    for u in [users_na, users_eu] {
        b.wire(u, OutPort::Dynamic, dns);
        b.wire(u, OutPort::Static, dns);
    }
    let s = b.scenario_mut();
    s.duration_s = 300;
    s.faults.push(Fault {
        at_s: FAILS_AT_S,
        action: FaultAction::Fail,
        target: FaultTarget::Group(dc1),
    });
    b.finish()
}
