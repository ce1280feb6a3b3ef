//! The design review: each finding of `model::validate`, in the words the app shows
//! (`present::english::message`), about the components it names.

use scalelab::model::config::{CacheConfig, DatabaseConfig, LoadBalancerConfig, WebServersConfig};
use scalelab::model::config::{LbAlgorithm, SessionMode};
use scalelab::model::examples::{chapter_final, single_server};
use scalelab::model::validate::Diagnostic;
use scalelab::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, InPort,
    InPortRef, OutPort, OutPortRef, Point, Severity, Wire,
};
use scalelab::present::english;
use scalelab::present::lang::Lang;
use scalelab::present::say;

/// A finding as the user reads it.
struct Shown {
    severity: Severity,
    message: String,
    components: Vec<ComponentId>,
}

/// The design review of `d`, worded as the canvas and the inspector list it.
fn validate(d: &Diagram) -> Vec<Shown> {
    english::review(d)
        .into_iter()
        .map(
            |english::Worded {
                 diagnostic,
                 message,
             }| {
                let Diagnostic {
                    severity,
                    finding,
                    components,
                } = diagnostic;
                assert_eq!(message, english::message(&finding, d));
                Shown {
                    severity,
                    message,
                    components,
                }
            },
        )
        .collect()
}

fn is_store(kind: ComponentKind) -> bool {
    matches!(
        kind,
        ComponentKind::Database | ComponentKind::NoSql | ComponentKind::ShardedDatabase
    )
}

fn add(d: &mut Diagram, kind: ComponentKind) -> ComponentId {
    d.add_component(kind, say::kind_name(Lang::En, kind), Point::default())
        .unwrap()
}

fn wire(d: &mut Diagram, from: ComponentId, port: OutPort, to: ComponentId) {
    let input = d.component(to).unwrap().kind.input().unwrap();
    d.connect(
        OutPortRef {
            component: from,
            port,
        },
        InPortRef {
            component: to,
            port: input,
        },
    )
    .unwrap();
}

fn messages(d: &Diagram) -> Vec<String> {
    validate(d).into_iter().map(|x| x.message).collect()
}

fn has(d: &Diagram, needle: &str) -> bool {
    messages(d).iter().any(|m| m.contains(needle))
}

/// Users -> LB -> web (n instances) -> DB (with replicas).
fn lb_web_db(instances: u32) -> (Diagram, ComponentId, ComponentId, ComponentId) {
    let mut d = Diagram::new();
    let u = add(&mut d, ComponentKind::Users);
    let lb = add(&mut d, ComponentKind::LoadBalancer);
    let web = add(&mut d, ComponentKind::WebServers);
    let db = add(&mut d, ComponentKind::Database);
    d.set_config(
        web,
        ComponentConfig::WebServers(WebServersConfig {
            instances,
            ..Default::default()
        }),
    )
    .unwrap();
    d.set_config(
        db,
        ComponentConfig::Database(DatabaseConfig {
            read_replicas: 2,
            ..Default::default()
        }),
    )
    .unwrap();
    wire(&mut d, u, OutPort::Dynamic, lb);
    wire(&mut d, u, OutPort::Static, lb);
    wire(&mut d, lb, OutPort::Backends, web);
    wire(&mut d, web, OutPort::Data, db);
    (d, lb, web, db)
}

#[test]
fn empty_and_userless_diagrams_say_so() {
    assert_eq!(validate(&Diagram::new())[0].severity, Severity::Info);
    let mut d = Diagram::new();
    add(&mut d, ComponentKind::Database);
    assert!(has(&d, "there are no Users"));
}

#[test]
fn one_load_balancer_is_a_single_point_of_failure_two_behind_dns_are_not() {
    let (d, lb, _, _) = lb_web_db(2);
    let found = validate(&d);
    let spof = found
        .iter()
        .find(|x| {
            x.message
                .contains("Load balancer is a single point of failure")
        })
        .expect("LB SPOF reported");
    assert_eq!(spof.components, vec![lb]);
    assert_eq!(spof.severity, Severity::Warning);

    let d = chapter_final();
    assert!(!has(&d, "single point of failure"), "{:#?}", messages(&d));
}

#[test]
fn a_web_tier_of_one_server_is_flagged_and_two_are_not() {
    let (d, _, web, _) = lb_web_db(1);
    let found = validate(&d);
    assert!(
        found
            .iter()
            .any(|x| x.components == vec![web] && x.message.contains("only one server runs in"))
    );
    let (d, _, _, _) = lb_web_db(2);
    assert!(!has(&d, "only one server runs in"));
    // The teaching example of one server says so by its label.
    assert!(has(&single_server(), "only one server runs in Web server"));
}

#[test]
fn a_database_without_replicas_is_flagged() {
    let d = single_server();
    assert!(has(&d, "Database has no replicas"));
    let (d, _, _, _) = lb_web_db(2);
    assert!(!has(&d, "has no replicas"));
}

#[test]
fn a_single_node_cache_in_front_of_a_database_is_flagged_with_both() {
    let (mut d, _, web, db) = lb_web_db(2);
    let cache = add(&mut d, ComponentKind::Cache);
    wire(&mut d, web, OutPort::Data, cache);
    wire(&mut d, cache, OutPort::Miss, db);
    let found = validate(&d);
    let x = found
        .iter()
        .find(|x| x.message.contains("every read falls on the database"))
        .unwrap();
    assert_eq!(x.components, vec![cache, db]);
    d.set_config(
        cache,
        ComponentConfig::Cache(CacheConfig {
            replicas: 2,
            ..Default::default()
        }),
    )
    .unwrap();
    assert!(!has(&d, "every read falls"));
}

#[test]
fn a_cache_with_nothing_behind_it_is_flagged() {
    let (mut d, _, web, _) = lb_web_db(2);
    let cache = add(&mut d, ComponentKind::Cache);
    wire(&mut d, web, OutPort::Data, cache);
    assert!(has(&d, "Cache has nothing behind it"));
}

#[test]
fn unreachable_components_are_listed() {
    let (mut d, _, _, _) = lb_web_db(2);
    let orphan = add(&mut d, ComponentKind::MessageQueue);
    let found = validate(&d);
    assert!(
        found
            .iter()
            .any(|x| x.components == vec![orphan] && x.message.contains("no traffic from Users"))
    );
    assert!(found.iter().any(|x| x.message.contains("has no consumers")));
}

/// Makes `web` a stateless tier of three servers.
fn make_stateless(d: &mut Diagram, web: ComponentId) {
    d.set_config(
        web,
        ComponentConfig::WebServers(WebServersConfig {
            instances: 3,
            sessions: SessionMode::Stateless,
            ..Default::default()
        }),
    )
    .unwrap();
}

#[test]
fn stateful_servers_behind_a_round_robin_balancer_lose_sessions_sticky_fixes_it() {
    let (mut d, lb, web, _) = lb_web_db(3);
    assert!(has(&d, "is not sticky"));
    d.set_config(
        lb,
        ComponentConfig::LoadBalancer(LoadBalancerConfig {
            algorithm: LbAlgorithm::StickyByClient,
            ..Default::default()
        }),
    )
    .unwrap();
    assert!(!has(&d, "is not sticky"));
    // Stateless without a session store is its own problem.
    make_stateless(&mut d, web);
    assert!(has(&d, "“sessions” port is not wired"));
    let store = add(&mut d, ComponentKind::SessionStore);
    wire(&mut d, web, OutPort::Sessions, store);
    assert!(!has(&d, "“sessions” port is not wired"));
}

#[test]
fn where_sessions_live_is_not_flagged_when_nobody_logs_in() {
    // Lessons before the stateless web tier's have nobody log in: where sessions live changes
    // nothing there, and the review would only distract.
    let (mut d, _, web, _) = lb_web_db(3);
    let users = d
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::Users)
        .map(|c| c.id)
        .unwrap();
    let mut nobody = match d.component(users).map(|c| c.config.clone()) {
        Some(ComponentConfig::Users(u)) => u,
        _ => unreachable!("users are users"),
    };
    nobody.login_session_share = 0.0;
    d.set_config(users, ComponentConfig::Users(nobody.clone()))
        .unwrap();
    assert!(!has(&d, "is not sticky"), "{:#?}", messages(&d));
    make_stateless(&mut d, web);
    assert!(!has(&d, "“sessions” port is not wired"));
    // A session store asked by the tier would hold nothing, and is paid for: that is said.
    let store = add(&mut d, ComponentKind::SessionStore);
    assert!(!has(&d, "will hold no sessions"), "not asked by anything");
    wire(&mut d, web, OutPort::Sessions, store);
    let idle = validate(&d)
        .into_iter()
        .find(|x| x.message.contains("will hold no sessions"))
        .expect("the idle store is found");
    assert_eq!(idle.components, vec![store]);
    assert_eq!(idle.severity, Severity::Info);
    // A few logging in is enough for both to matter again.
    nobody.login_session_share = 0.01;
    d.set_config(users, ComponentConfig::Users(nobody)).unwrap();
    assert!(!has(&d, "will hold no sessions"));
    let to_store = d
        .wires_from(web)
        .find(|w| w.to.component == store)
        .map(|w| w.id)
        .unwrap();
    d.remove_wire(to_store);
    assert!(has(&d, "“sessions” port is not wired"));
}

#[test]
fn writes_reaching_no_store_and_unwired_users_are_flagged() {
    let mut d = Diagram::new();
    let u = add(&mut d, ComponentKind::Users);
    assert!(has(&d, "are not wired to anything"));
    let web = add(&mut d, ComponentKind::WebServers);
    wire(&mut d, u, OutPort::Dynamic, web);
    assert!(has(&d, "reach nothing that stores them"));
    assert!(has(&d, "“static” port is not wired"));
    let db = add(&mut d, ComponentKind::Database);
    wire(&mut d, web, OutPort::Data, db);
    assert!(!has(&d, "reach nothing that stores them"));
}

#[test]
fn a_datacenter_with_no_path_to_data_is_flagged() {
    let mut d = chapter_final();
    let dc2 = d.groups[1].id;
    let db_wires: Vec<_> = d
        .wires
        .iter()
        .filter(|w| {
            let to = d.component(w.to.component).unwrap();
            let from = d.component(w.from.component).unwrap();
            from.group == Some(dc2) && is_store(to.kind)
                || from.group == Some(dc2) && w.from.port == OutPort::Data
        })
        .map(|w| w.id)
        .collect();
    for w in db_wires {
        d.remove_wire(w);
    }
    assert!(
        has(&d, "datacenter DC2 (Europe) has no path to data"),
        "{:#?}",
        messages(&d)
    );
    assert!(!has(&d, "datacenter DC1"));
}

#[test]
fn datacenters_with_separate_data_are_flagged_until_one_replicates_to_the_other() {
    let mut d = chapter_final();
    assert!(!has(&d, "data synchronization"), "{:#?}", messages(&d));
    let sync: Vec<_> = d
        .wires
        .iter()
        .filter(|w| w.from.port == OutPort::Replicate)
        .map(|w| w.id)
        .collect();
    assert_eq!(sync.len(), 1);
    d.remove_wire(sync[0]);
    let warned: Vec<String> = messages(&d)
        .into_iter()
        .filter(|m| m.contains("data synchronization"))
        .collect();
    assert_eq!(warned.len(), 2, "{warned:#?}");
    assert!(warned[0].starts_with("Database (DC1) holds data no other datacenter has"));
    // A copy inside the same datacenter is no answer, and says so.
    let dc1 = d.groups[0].id;
    let in_dc1: Vec<ComponentId> = d
        .members_of(dc1)
        .filter(|c| c.kind == ComponentKind::Database)
        .map(|c| c.id)
        .collect();
    let extra = add(&mut d, ComponentKind::Database);
    d.set_group(extra, Some(dc1)).unwrap();
    wire(&mut d, in_dc1[0], OutPort::Replicate, extra);
    assert!(has(&d, "copies Database (DC1) in the same datacenter"));
    assert!(has(&d, "Database (DC1) holds data no other datacenter has"));
}

#[test]
fn rule_breaking_wires_bad_settings_and_bad_faults_are_errors() {
    let (mut d, lb, web, db) = lb_web_db(2);
    let id = d.fresh_wire_id().unwrap();
    d.insert_wire(Wire {
        id,
        from: OutPortRef {
            component: lb,
            port: OutPort::Backends,
        },
        to: InPortRef {
            component: db,
            port: InPort::Data,
        },
    })
    .unwrap();
    d.component_mut(web).unwrap().config = ComponentConfig::WebServers(WebServersConfig {
        instances: 0,
        ..Default::default()
    });
    d.scenario.faults.push(Fault {
        at_s: 5.0,
        action: FaultAction::FlushCache,
        target: FaultTarget::Component(db),
    });
    d.scenario.faults.push(Fault {
        at_s: 99_999.0,
        action: FaultAction::Fail,
        target: FaultTarget::Component(db),
    });
    d.scenario.faults.push(Fault {
        at_s: 6.0,
        action: FaultAction::DeployAssets,
        target: FaultTarget::Component(web),
    });
    let found = validate(&d);
    let errors: Vec<&str> = found
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.message.as_str())
        .collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(
        errors[0].contains("Instances must be between 1"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("replicas are set on the database itself"));
    assert!(errors[2].contains("only a cache or a CDN can be flushed"));
    assert!(errors[3].contains("static assets are deployed behind a CDN"));
    assert!(
        found
            .iter()
            .any(|x| x.severity == Severity::Info && x.message.contains("after the run ends"))
    );
}

/// A fault the menu never offers (an older file may still hold one) is an error the review
/// names, and the run neither applies nor logs it.
#[test]
fn faults_on_users_and_slow_downs_of_timeless_parts_are_errors() {
    let (mut d, lb, _, _) = lb_web_db(2);
    let users = add(&mut d, ComponentKind::Users);
    wire(&mut d, users, OutPort::Dynamic, lb);
    let dns = add(&mut d, ComponentKind::Dns);
    let sink = add(&mut d, ComponentKind::MetricsSink);
    for (action, target) in [
        (FaultAction::Fail, users),
        (FaultAction::Slow { factor: 5.0 }, dns),
        (FaultAction::Slow { factor: 5.0 }, sink),
        (FaultAction::Slow { factor: 5.0 }, lb),
    ] {
        d.scenario.faults.push(Fault {
            at_s: 5.0,
            action,
            target: FaultTarget::Component(target),
        });
    }
    let errors: Vec<String> = validate(&d)
        .into_iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.message)
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].contains("users only send"), "{errors:#?}");
    assert!(errors[1].contains("nothing to slow"), "{errors:#?}");
    assert!(errors[2].contains("nothing to slow"), "{errors:#?}");
}

/// Two datacenters of one name are flagged, in both languages: faults, the log and the review
/// name datacenters by name.
#[test]
fn two_datacenters_of_one_name_are_flagged() {
    let mut d = chapter_final();
    assert!(!has(&d, "two datacenters are named"));
    let first = d.groups[0].name.clone();
    d.groups[1].name = first.clone();
    assert!(
        has(
            &d,
            &format!("two datacenters are named \u{201c}{first}\u{201d}")
        ),
        "{:?}",
        messages(&d)
    );
    let korean: Vec<String> = say::review(Lang::Ko, &d)
        .into_iter()
        .map(|x| x.message)
        .collect();
    assert!(
        korean
            .iter()
            .any(|m| m.contains("데이터 센터 두 곳의 이름이")),
        "{korean:?}"
    );
}
