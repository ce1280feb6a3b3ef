//! Lesson 12, millions of users: the chapter's final architecture (`model::examples::
//! chapter_final`'s shape) through a datacenter failure, within a budget.
//!
//! 3 million users (2 million in North America, 1 million in Europe) send a request every 200 s
//! each: 15,000 requests/s. GeoDNS sends each population to its nearest datacenter; a quarter
//! of the requests are static and go to the CDN, whose misses (most of them: a million keys)
//! reach Europe's balancer. North America's web tier takes about 7,500 requests/s on 8 servers
//! of 8 vCPU (1,600 a second each), Europe's about 6,800 on 7. At 60 s North America fails;
//! GeoDNS (checks every 10 s, 3 misses, answers cached 30 s) sends everyone to Europe, about
//! 14,300 a second for 7 servers. Fixed at the normal day's size, Europe fails requests until
//! North America is back at 180 s (about 130 s of errors). Europe fixed on the biggest machines
//! (64 vCPU) survive it and cost about $54 an hour every hour. Autoscaled (65 % target, 15 s
//! between changes), Europe grows to what the failover needs and shrinks back once North
//! America returns: errors last only the DNS failover (about 50 s), and the bill at the end is
//! the normal day's, about $35 an hour (most of it priced per request: DNS, CDN, balancers).

use crate::lessons::Trigger;
use crate::lessons::{Alternative, Lesson, LessonId, Limit, Measure, Objective, Step, Subject};
use crate::model::builder::DiagramBuilder;
use crate::model::config::{Autoscaling, InstanceSize, QueueAutoscaling, SessionMode, UserLoad};

use crate::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, GroupId,
    OutPort, Rect, Region,
};
use crate::present::lang::Lang;
use crate::present::say;

use super::{defaults, put};

/// Simulated seconds into the run when the North American datacenter fails, and comes back.
const FAILS_AT_S: f64 = 60.0;
const BACK_AT_S: f64 = 180.0;
/// The budget at the end of the run, US dollars an hour.
const BUDGET_USD: f64 = 36.0;

/// How the web tiers are sized.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Fixed, for the normal day.
    Fixed,
    /// Fixed, Europe on the biggest machines to take everyone.
    FixedBig,
    /// Autoscaled on utilization.
    Autoscaled,
}

pub(super) fn lesson(lang: Lang) -> Lesson {
    Lesson {
        id: LessonId::Millions,
        start: design(lang, Shape::Fixed),
        fix: design(lang, Shape::Autoscaled),
        objectives: vec![
            Objective::throughout(
                Measure::ErrorsAfter(Subject::Datacenter),
                Limit::AtMost(60.0),
                0.0,
            ),
            Objective::at_end(Measure::CostPerHour, Limit::AtMost(BUDGET_USD)),
        ],
        steps: vec![
            Step::now(),
            Step::when(Trigger::RunStarted),
            Step::when(Trigger::Down(Subject::Datacenter)),
            // Europe's web tier: the one that has to grow while North America is down.
            Step::when(Trigger::ObjectiveMissed(0)).naming_in(
                ComponentKind::WebServers,
                Region::Europe,
                "autoscaling.enabled",
            ),
            Step::when(Trigger::AllPassed),
        ],
        hints: 2,
        alternatives: vec![(Alternative::ScaleUp, design(lang, Shape::FixedBig))],
    }
}

fn design(lang: Lang, shape: Shape) -> Diagram {
    let mut b = DiagramBuilder::new();
    let mut dcs = Vec::new();
    for (region, y) in [(Region::NorthAmerica, 0.0), (Region::Europe, 480.0)] {
        let g = b
            .group(region)
            .name(say::region_name(lang, region))
            .bounds(Rect::new(320.0, y, 860.0, 420.0))
            .id();
        dcs.push(g);
    }
    let population = |active_users: u64, region: Region| {
        move |c: &mut ComponentConfig| {
            if let ComponentConfig::Users(u) = c {
                u.region = region;
                u.load = UserLoad::ActiveUsers {
                    active_users,
                    requests_per_user_per_s: 0.005,
                };
                u.key_space = 1_000_000;
                // Nobody is logged in: the sessions a datacenter failure loses are lesson 7's
                // and 8's subject, not this one's. So the stateless web tiers ask no session
                // store: one would hold nothing and only add to the bill (the design review
                // says so).
                u.login_session_share = 0.0;
            }
        }
    };
    let users_na = put(
        &mut b,
        lang,
        ComponentKind::Users,
        (0.0, 200.0),
        population(2_000_000, Region::NorthAmerica),
    );
    let users_eu = put(
        &mut b,
        lang,
        ComponentKind::Users,
        (0.0, 680.0),
        population(1_000_000, Region::Europe),
    );
    // GeoDNS set for a quick failover, as lesson 8 left it: health checks every 10 s, 3
    // misses, answers cached 30 s.
    let dns = put(&mut b, lang, ComponentKind::Dns, (180.0, 440.0), |c| {
        if let ComponentConfig::Dns(d) = c {
            d.record_ttl_s = 30;
            d.health_check_interval_s = 10;
            d.failure_threshold = 3;
        }
    });
    let cdn = put(&mut b, lang, ComponentKind::Cdn, (180.0, 960.0), defaults);
    let sharded = put(
        &mut b,
        lang,
        ComponentKind::ShardedDatabase,
        (1320.0, 440.0),
        defaults,
    );
    let mut lbs = Vec::new();
    let mut dbs = Vec::new();
    for (i, (&group, y)) in dcs.iter().zip([0.0, 480.0]).enumerate() {
        let (instances, workers_n) = if i == 0 { (8, 12) } else { (7, 6) };
        let at = |x: f64, dy: f64| (x, y + dy);
        let lb = put_in(
            &mut b,
            lang,
            group,
            ComponentKind::LoadBalancer,
            at(420.0, 200.0),
            defaults,
        );
        let web = put_in(
            &mut b,
            lang,
            group,
            ComponentKind::WebServers,
            at(640.0, 200.0),
            |c| {
                if let ComponentConfig::WebServers(w) = c {
                    w.instances = instances;
                    w.instance_size = InstanceSize::Vcpu8;
                    w.concurrency_per_instance = 8;
                    w.sessions = SessionMode::Stateless;
                    if shape == Shape::FixedBig && i == 1 {
                        w.instance_size = InstanceSize::BIGGEST;
                    }
                    w.autoscaling = Autoscaling {
                        enabled: shape == Shape::Autoscaled,
                        // A restored datacenter comes back at its usual size.
                        min_instances: instances,
                        max_instances: 24,
                        target_utilization: 0.65,
                        cooldown_s: 15,
                    };
                }
            },
        );
        let cache = put_in(
            &mut b,
            lang,
            group,
            ComponentKind::Cache,
            at(860.0, 80.0),
            |c| {
                if let ComponentConfig::Cache(k) = c {
                    k.capacity_keys = 100_000;
                    k.replicas = 2;
                }
            },
        );
        let db = put_in(
            &mut b,
            lang,
            group,
            ComponentKind::Database,
            at(1080.0, 80.0),
            |c| {
                if let ComponentConfig::Database(d) = c {
                    d.read_replicas = 2;
                }
            },
        );
        let queue = put_in(
            &mut b,
            lang,
            group,
            ComponentKind::MessageQueue,
            at(860.0, 320.0),
            defaults,
        );
        let workers = put_in(
            &mut b,
            lang,
            group,
            ComponentKind::Workers,
            at(1080.0, 320.0),
            |c| {
                if let ComponentConfig::Workers(w) = c {
                    w.instances = workers_n;
                    w.autoscaling = QueueAutoscaling {
                        enabled: true,
                        min_instances: workers_n,
                        max_instances: 40,
                        target_backlog_per_instance: 4,
                        ..QueueAutoscaling::default()
                    };
                }
            },
        );
        b.wire(lb, OutPort::Backends, web);
        b.wire(web, OutPort::Data, cache);
        b.wire(web, OutPort::Data, db);
        b.wire(web, OutPort::Data, sharded);
        b.wire(web, OutPort::Jobs, queue);
        b.wire(cache, OutPort::Miss, db);
        b.wire(queue, OutPort::Consumers, workers);
        b.wire(workers, OutPort::Data, db);
        lbs.push(lb);
        dbs.push(db);
    }
    // Data synchronization: North America's database takes every write and ships it to
    // Europe's, which serves Europe's reads and is promoted if North America fails.
    if let [db1, db2] = dbs[..] {
        b.wire(db1, OutPort::Replicate, db2);
    }
    for u in [users_na, users_eu] {
        b.wire(u, OutPort::Dynamic, dns);
        b.wire(u, OutPort::Static, cdn);
    }
    for lb in &lbs {
        b.wire(dns, OutPort::Resolve, *lb);
    }
    // The CDN fetches what its edges miss from Europe's balancer (an edge has one origin,
    // and a failed origin fails its misses: this one stays up).
    if let Some(lb2) = lbs.get(1) {
        b.wire(cdn, OutPort::Origin, *lb2);
    }
    let na = dcs[0];
    let s = b.scenario_mut();
    s.duration_s = 300;
    s.faults.push(Fault {
        at_s: FAILS_AT_S,
        action: FaultAction::Fail,
        target: FaultTarget::Group(na),
    });
    s.faults.push(Fault {
        at_s: BACK_AT_S,
        action: FaultAction::Restore,
        target: FaultTarget::Group(na),
    });
    b.finish()
}

/// Like [`put`], inside datacenter `group`.
fn put_in(
    b: &mut DiagramBuilder,
    lang: Lang,
    group: GroupId,
    kind: ComponentKind,
    (x, y): (f64, f64),
    change: impl FnOnce(&mut ComponentConfig),
) -> ComponentId {
    b.add(kind)
        .label(say::kind_name(lang, kind))
        .at(x, y)
        .group(group)
        .configure(change)
        .id()
}
