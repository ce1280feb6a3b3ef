//! Diagnostics: what is wrong or fragile in a diagram, in the chapter's words.
//!
//! [`validate`] never fails and never changes the diagram; it returns a list of
//! [`Diagnostic`]s in a stable order (by check, then by component order). Errors are things
//! the simulation cannot run sensibly (out-of-range settings, wires that break the connection
//! rules in a hand-edited file); warnings are the fragilities the chapter teaches to remove
//! (single points of failure, stateful servers behind a non-sticky balancer, writes with
//! nowhere to go); infos are hints. Reachability follows wires from every Users component.

use std::collections::BTreeSet;

use super::catalogue::ComponentKind;
use super::config::{ComponentConfig, LbAlgorithm, SessionMode};
use super::diagram::{Component, ComponentId, Diagram};
use super::ports::OutPort;
use super::rules::table_refusal;
use super::scenario::{FaultAction, FaultTarget};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One finding about a diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A sentence for the user, saying what is wrong and what to do about it.
    pub message: String,
    /// The components it is about, for highlighting.
    pub components: Vec<ComponentId>,
}

fn is_store(kind: ComponentKind) -> bool {
    matches!(
        kind,
        ComponentKind::Database | ComponentKind::NoSql | ComponentKind::ShardedDatabase
    )
}

/// Components reachable from `starts` by following wires, skipping `removed`.
fn reachable_from(
    d: &Diagram,
    starts: impl IntoIterator<Item = ComponentId>,
    removed: Option<ComponentId>,
) -> BTreeSet<ComponentId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ComponentId> = starts.into_iter().filter(|s| Some(*s) != removed).collect();
    while let Some(c) = stack.pop() {
        if seen.insert(c) {
            for w in d.wires_from(c) {
                if Some(w.to.component) != removed && !seen.contains(&w.to.component) {
                    stack.push(w.to.component);
                }
            }
        }
    }
    seen
}

fn ids_of_kind(d: &Diagram, kind: ComponentKind) -> Vec<ComponentId> {
    d.components
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| c.id)
        .collect()
}

/// Whether removing `c` leaves some user population that reached a web tier with none.
fn cuts_users_off_web(d: &Diagram, c: ComponentId) -> bool {
    let webs: BTreeSet<ComponentId> = ids_of_kind(d, ComponentKind::WebServers)
        .into_iter()
        .collect();
    ids_of_kind(d, ComponentKind::Users).into_iter().any(|u| {
        let before = reachable_from(d, [u], None);
        let after = reachable_from(d, [u], Some(c));
        before.iter().any(|x| webs.contains(x)) && !after.iter().any(|x| webs.contains(x))
    })
}

fn diag(severity: Severity, message: String, components: Vec<ComponentId>) -> Diagnostic {
    Diagnostic {
        severity,
        message,
        components,
    }
}

/// Everything worth telling the user about `d`. Never fails.
pub fn validate(d: &Diagram) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let users = ids_of_kind(d, ComponentKind::Users);

    if d.components.is_empty() {
        out.push(diag(
            Severity::Info,
            "the canvas is empty: start with Users and a web server".to_string(),
            vec![],
        ));
        return out;
    }
    if users.is_empty() {
        out.push(diag(
            Severity::Warning,
            "there are no Users: nothing will send traffic".to_string(),
            vec![],
        ));
    }

    // Settings out of range.
    for c in &d.components {
        if let Err(e) = c.config.check() {
            out.push(diag(
                Severity::Error,
                format!("{}: {e}", c.label),
                vec![c.id],
            ));
        }
    }

    // Wires that break the connection rules (only a hand-edited file has them).
    for w in &d.wires {
        let (Some(from), Some(to)) = (d.component(w.from.component), d.component(w.to.component))
        else {
            out.push(diag(
                Severity::Error,
                format!("wire {} has a missing end", w.id.0),
                vec![w.from.component, w.to.component],
            ));
            continue;
        };
        if let Some(reason) = table_refusal(w.from.port, to.kind) {
            out.push(diag(
                Severity::Error,
                format!("{} -> {}: {reason}", from.label, to.label),
                vec![from.id, to.id],
            ));
        }
    }

    // Users with nothing (or not enough) wired.
    for c in d
        .components
        .iter()
        .filter(|c| c.kind == ComponentKind::Users)
    {
        let ComponentConfig::Users(u) = &c.config else {
            continue;
        };
        let dynamic = d.wires_from(c.id).any(|w| w.from.port == OutPort::Dynamic);
        let static_ = d.wires_from(c.id).any(|w| w.from.port == OutPort::Static);
        if !dynamic && !static_ {
            out.push(diag(
                Severity::Warning,
                format!(
                    "{} are not wired to anything: connect them to DNS or a load balancer",
                    c.label
                ),
                vec![c.id],
            ));
            continue;
        }
        if !dynamic && u.read_share + u.write_share > 0.0 {
            out.push(diag(
                Severity::Warning,
                format!(
                    "{} send reads and writes but their `dynamic` port is not wired",
                    c.label
                ),
                vec![c.id],
            ));
        }
        if !static_ && u.static_share > 0.0 {
            out.push(diag(
                Severity::Warning,
                format!(
                    "{} request static assets but their `static` port is not wired: wire it to a CDN",
                    c.label
                ),
                vec![c.id],
            ));
        }
        if u.write_share > 0.0 && dynamic {
            let reach = reachable_from(d, [c.id], None);
            let stores = reach
                .iter()
                .filter_map(|id| d.component(*id))
                .any(|x| is_store(x.kind));
            if !stores {
                out.push(diag(
                    Severity::Warning,
                    format!(
                        "writes from {} reach nothing that stores them: wire the web tier's `data` port to a database",
                        c.label
                    ),
                    vec![c.id],
                ));
            }
        }
    }

    // Unreachable components.
    if !users.is_empty() {
        let reach = reachable_from(d, users.iter().copied(), None);
        let unreachable: Vec<&Component> = d
            .components
            .iter()
            .filter(|c| c.kind != ComponentKind::Users && !reach.contains(&c.id))
            .collect();
        for c in unreachable {
            out.push(diag(
                Severity::Warning,
                format!("no traffic from Users can reach {}", c.label),
                vec![c.id],
            ));
        }
    }

    // Per-component fragilities.
    for c in &d.components {
        match &c.config {
            ComponentConfig::LoadBalancer(_) => {
                if cuts_users_off_web(d, c.id) {
                    out.push(diag(
                        Severity::Warning,
                        format!(
                            "{} is a single point of failure: if it fails nobody gets in; add a second one (e.g. in another datacenter behind DNS)",
                            c.label
                        ),
                        vec![c.id],
                    ));
                }
            }
            ComponentConfig::WebServers(w) => {
                let min = if w.autoscaling.enabled {
                    w.autoscaling.min_instances
                } else {
                    w.instances
                };
                if min <= 1 && cuts_users_off_web(d, c.id) {
                    out.push(diag(
                        Severity::Warning,
                        format!(
                            "{} runs one server: a single point of failure; run at least two behind a load balancer",
                            c.label
                        ),
                        vec![c.id],
                    ));
                }
                let session_wire = d.wires_from(c.id).any(|x| x.from.port == OutPort::Sessions);
                match w.sessions {
                    SessionMode::Stateful => {
                        let multi = w.instances > 1 || w.autoscaling.enabled;
                        for lb in d
                            .wires_into(c.id)
                            .filter_map(|x| d.component(x.from.component))
                        {
                            if let ComponentConfig::LoadBalancer(l) = &lb.config
                                && multi
                                && l.algorithm != LbAlgorithm::StickyByClient
                            {
                                out.push(diag(
                                    Severity::Warning,
                                    format!(
                                        "{} keeps sessions in memory but {} is not sticky: users get logged out when a request lands on another server; make the tier stateless with a session store",
                                        c.label, lb.label
                                    ),
                                    vec![c.id, lb.id],
                                ));
                            }
                        }
                    }
                    SessionMode::Stateless => {
                        if !session_wire {
                            out.push(diag(
                                Severity::Warning,
                                format!(
                                    "{} is stateless but its `sessions` port is not wired: wire it to a session store",
                                    c.label
                                ),
                                vec![c.id],
                            ));
                        }
                    }
                }
            }
            ComponentConfig::Database(db) => {
                if db.read_replicas == 0 {
                    out.push(diag(
                        Severity::Warning,
                        format!(
                            "{} has no replicas: a single point of failure with nothing to fail over to; add read replicas",
                            c.label
                        ),
                        vec![c.id],
                    ));
                }
            }
            ComponentConfig::Cache(k) => {
                let misses: Vec<ComponentId> = d
                    .wires_from(c.id)
                    .filter(|w| w.from.port == OutPort::Miss)
                    .map(|w| w.to.component)
                    .collect();
                if misses.is_empty() {
                    if k.read_through {
                        out.push(diag(
                            Severity::Warning,
                            format!(
                                "{} has nothing behind it: wire its `miss` port to a database",
                                c.label
                            ),
                            vec![c.id],
                        ));
                    }
                } else if k.replicas <= 1 {
                    let mut ids = vec![c.id];
                    ids.extend(misses);
                    out.push(diag(
                        Severity::Warning,
                        format!(
                            "{} runs on one node: if it fails, every read falls on the database at once; add a replica",
                            c.label
                        ),
                        ids,
                    ));
                }
            }
            ComponentConfig::MessageQueue(_) => {
                if !d
                    .wires_from(c.id)
                    .any(|w| w.from.port == OutPort::Consumers)
                {
                    out.push(diag(
                        Severity::Warning,
                        format!(
                            "{} has no consumers: jobs pile up until it is full; wire it to workers",
                            c.label
                        ),
                        vec![c.id],
                    ));
                }
            }
            ComponentConfig::Dns(dns) => {
                if let super::config::DnsRouting::Weighted { percent } = &dns.routing {
                    for t in percent {
                        if !d.wires_from(c.id).any(|w| w.to.component == t.target) {
                            out.push(diag(
                                Severity::Warning,
                                format!(
                                    "{} gives {} % of answers to component {}, which it is not wired to",
                                    c.label, t.percent, t.target.0
                                ),
                                vec![c.id],
                            ));
                        }
                    }
                }
            }
            ComponentConfig::Users(_)
            | ComponentConfig::Cdn(_)
            | ComponentConfig::SessionStore(_)
            | ComponentConfig::NoSql(_)
            | ComponentConfig::ShardedDatabase(_)
            | ComponentConfig::Workers(_)
            | ComponentConfig::MetricsSink(_) => {}
        }
    }

    // Datacenters whose web servers have no path to data.
    for g in &d.groups {
        let webs: Vec<ComponentId> = d
            .members_of(g.id)
            .filter(|c| c.kind == ComponentKind::WebServers)
            .map(|c| c.id)
            .collect();
        if webs.is_empty() {
            continue;
        }
        let reach = reachable_from(d, webs.iter().copied(), None);
        if !reach
            .iter()
            .filter_map(|id| d.component(*id))
            .any(|c| is_store(c.kind))
        {
            out.push(diag(
                Severity::Warning,
                format!(
                    "datacenter {} has no path to data: its web servers reach no database",
                    g.name
                ),
                webs,
            ));
        }
    }

    // Data synchronization between datacenters: a database in one datacenter that no database
    // in another datacenter copies (or is copied from) holds data the others lack.
    let dbs: Vec<&Component> = d
        .components
        .iter()
        .filter(|c| c.kind == ComponentKind::Database && c.group.is_some())
        .collect();
    let linked_across = |a: &Component| {
        d.wires.iter().any(|w| {
            w.from.port == OutPort::Replicate
                && (w.from.component == a.id || w.to.component == a.id)
                && [w.from.component, w.to.component]
                    .iter()
                    .filter_map(|id| d.component(*id))
                    .any(|x| x.group != a.group)
        })
    };
    for a in &dbs {
        if dbs.iter().any(|b| b.group != a.group) && !linked_across(a) {
            let dc = a
                .group
                .and_then(|g| d.group(g))
                .map_or(String::new(), |g| g.name.clone());
            out.push(diag(
                Severity::Warning,
                format!(
                    "{} holds data no other datacenter has: if {dc} fails, users sent elsewhere won't find what they wrote; wire its `replicate` port to a database in another datacenter (data synchronization)",
                    a.label
                ),
                vec![a.id],
            ));
        }
    }
    for w in d.wires.iter().filter(|w| w.from.port == OutPort::Replicate) {
        if let (Some(a), Some(b)) = (d.component(w.from.component), d.component(w.to.component))
            && a.group == b.group
        {
            out.push(diag(
                Severity::Info,
                format!(
                    "{} copies {} in the same datacenter: the copy is lost with it; read replicas already keep copies nearby",
                    b.label, a.label
                ),
                vec![a.id, b.id],
            ));
        }
    }

    // Scenario.
    if let Err((field, why)) = d.scenario.traffic.check() {
        out.push(diag(
            Severity::Error,
            format!("traffic profile: `{field}` {why}"),
            vec![],
        ));
    }
    for f in &d.scenario.faults {
        let target_ids = match f.target {
            FaultTarget::Component(id) => vec![id],
            FaultTarget::Group(_) | FaultTarget::Wire(_) => vec![],
        };
        if !d.has_target(f.target) {
            out.push(diag(
                Severity::Error,
                format!(
                    "a fault at {} s targets something that no longer exists",
                    f.at_s
                ),
                target_ids.clone(),
            ));
            continue;
        }
        if !(f.at_s.is_finite() && f.at_s >= 0.0) {
            out.push(diag(
                Severity::Error,
                format!("a fault is scheduled at an impossible time ({})", f.at_s),
                target_ids.clone(),
            ));
        } else if f.at_s > f64::from(d.scenario.duration_s) {
            out.push(diag(
                Severity::Info,
                format!(
                    "a fault at {} s comes after the run ends ({} s)",
                    f.at_s, d.scenario.duration_s
                ),
                target_ids.clone(),
            ));
        }
        let mismatch = match (f.action, f.target) {
            (FaultAction::CutLink, FaultTarget::Wire(_)) => None,
            (FaultAction::CutLink, _) => Some("only a wire can be cut"),
            (FaultAction::FlushCache, FaultTarget::Component(id)) => {
                match d.component(id).map(|c| c.kind) {
                    Some(ComponentKind::Cache | ComponentKind::Cdn) => None,
                    _ => Some("only a cache or a CDN can be flushed"),
                }
            }
            (FaultAction::FlushCache, _) => Some("only a cache or a CDN can be flushed"),
            (FaultAction::DeployAssets, FaultTarget::Component(id)) => {
                match d.component(id).map(|c| c.kind) {
                    Some(ComponentKind::Cdn) => None,
                    _ => Some("static assets are deployed behind a CDN"),
                }
            }
            (FaultAction::DeployAssets, _) => Some("static assets are deployed behind a CDN"),
            (FaultAction::Slow { factor }, _) if !(factor.is_finite() && factor >= 1.0) => {
                Some("a slow-down factor must be at least 1")
            }
            (FaultAction::Fail | FaultAction::Restore | FaultAction::Slow { .. }, _) => None,
        };
        if let Some(why) = mismatch {
            out.push(diag(
                Severity::Error,
                format!("the fault at {} s: {why}", f.at_s),
                target_ids,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::{CacheConfig, DatabaseConfig, LoadBalancerConfig, WebServersConfig};
    use crate::model::examples::{chapter_final, single_server};
    use crate::model::{Fault, InPort, InPortRef, OutPortRef, Point, Wire};

    fn add(d: &mut Diagram, kind: ComponentKind) -> ComponentId {
        d.add_component(kind, Point::default()).unwrap()
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
                .any(|x| x.components == vec![web] && x.message.contains("runs one server"))
        );
        let (d, _, _, _) = lb_web_db(2);
        assert!(!has(&d, "runs one server"));
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
            found.iter().any(
                |x| x.components == vec![orphan] && x.message.contains("no traffic from Users")
            )
        );
        assert!(found.iter().any(|x| x.message.contains("has no consumers")));
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
        d.set_config(
            web,
            ComponentConfig::WebServers(WebServersConfig {
                instances: 3,
                sessions: SessionMode::Stateless,
                ..Default::default()
            }),
        )
        .unwrap();
        assert!(has(&d, "`sessions` port is not wired"));
        let store = add(&mut d, ComponentKind::SessionStore);
        wire(&mut d, web, OutPort::Sessions, store);
        assert!(!has(&d, "`sessions` port is not wired"));
    }

    #[test]
    fn writes_reaching_no_store_and_unwired_users_are_flagged() {
        let mut d = Diagram::new();
        let u = add(&mut d, ComponentKind::Users);
        assert!(has(&d, "are not wired to anything"));
        let web = add(&mut d, ComponentKind::WebServers);
        wire(&mut d, u, OutPort::Dynamic, web);
        assert!(has(&d, "reach nothing that stores them"));
        assert!(has(&d, "`static` port is not wired"));
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
        assert!(errors[0].contains("`instances` must be between 1"));
        assert!(errors[1].contains("replicas are set on the database itself"));
        assert!(errors[2].contains("only a cache or a CDN can be flushed"));
        assert!(errors[3].contains("static assets are deployed behind a CDN"));
        assert!(
            found
                .iter()
                .any(|x| x.severity == Severity::Info && x.message.contains("after the run ends"))
        );
    }
}
