//! The design review: what is wrong or fragile in a diagram, as typed findings.
//!
//! [`validate`] never fails and never changes the diagram; it returns a list of
//! [`Diagnostic`]s in a stable order (by check, then by component order). Errors are things
//! the simulation cannot run sensibly (out-of-range settings, wires that break the connection
//! rules in a hand-edited file); warnings are the fragilities the chapter teaches to remove
//! (single points of failure, stateful servers behind a non-sticky balancer, writes with
//! nowhere to go); infos are hints. Reachability follows wires from every Users component.
//!
//! Each diagnostic carries a [`Finding`]: what was found, with the components, datacenters and
//! numbers it is about. Deliberately absent: sentences for the screen. The presentation layer
//! of the app (`scalelab::present::english::message`) words a finding, reading labels and
//! names from the diagram; the one exception is text another module of the model already
//! words (a setting's range error, a refused connection's reason, a traffic profile's fault),
//! which a finding carries as it came.

use crate::sorted::SortedSet;

use super::catalogue::ComponentKind;
use super::config::ConfigError;
use super::config::{ComponentConfig, LbAlgorithm, SessionMode};
use super::diagram::{Component, ComponentId, Diagram, GroupId, WireId};
use super::ports::OutPort;
use super::rules::{WireReason, table_refusal};
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
    /// What is wrong (and so what to do about it), with its arguments.
    pub finding: Finding,
    /// The components it is about, for highlighting.
    pub components: Vec<ComponentId>,
}

/// A time in seconds as a finding quotes it. Equal when the bits are, so a finding about an
/// impossible (NaN) time still equals itself and a review compares equal to its rerun.
#[derive(Clone, Copy, Debug)]
pub struct Seconds(pub f64);

impl PartialEq for Seconds {
    fn eq(&self, other: &Seconds) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Seconds {}

/// What the design review found: the kind of finding and what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Nothing on the canvas yet.
    EmptyCanvas,
    /// No Users component: nothing sends traffic.
    NoUsers,
    /// A component's settings are out of range.
    BadSettings {
        component: ComponentId,
        error: ConfigError,
    },
    /// A wire whose source or target is gone.
    WireMissingEnd { wire: WireId },
    /// A wire the connection rules refuse, with the rules' reason.
    WireRefused {
        from: ComponentId,
        to: ComponentId,
        reason: WireReason,
    },
    /// Users wired to nothing.
    UsersUnwired { users: ComponentId },
    /// Users sending reads and writes with their `dynamic` port unwired.
    DynamicPortUnwired { users: ComponentId },
    /// Users requesting static assets with their `static` port unwired.
    StaticPortUnwired { users: ComponentId },
    /// Users' writes reach no database.
    WritesReachNoStore { users: ComponentId },
    /// No traffic from Users reaches the component.
    Unreachable { component: ComponentId },
    /// A load balancer whose failure cuts users off every web tier.
    LoadBalancerSinglePoint { balancer: ComponentId },
    /// A web tier of one server whose failure cuts users off.
    WebTierOfOne { web: ComponentId },
    /// Sessions in server memory behind a balancer that is not sticky.
    StatefulBehindNonSticky {
        web: ComponentId,
        balancer: ComponentId,
    },
    /// A stateless web tier with no session store wired.
    SessionsPortUnwired { web: ComponentId },
    /// A session store a web tier asks, while no population has logged-in users: it holds
    /// nothing and only adds to the cost.
    NoSessionsToKeep { store: ComponentId },
    /// A database with no replicas to fail over to.
    DatabaseWithoutReplicas { database: ComponentId },
    /// A read-through cache with nothing behind it.
    CacheWithNothingBehind { cache: ComponentId },
    /// A cache of one node in front of a database.
    SingleNodeCache { cache: ComponentId },
    /// A message queue with no consumers.
    QueueWithoutConsumers { queue: ComponentId },
    /// A DNS weight given to a component it is not wired to.
    DnsWeightUnwired {
        dns: ComponentId,
        percent: u8,
        target: ComponentId,
    },
    /// A datacenter whose web servers reach no database.
    DatacenterWithoutData { datacenter: GroupId },
    /// A datacenter named as an earlier one is: the fault menu, the run log and the review
    /// cannot tell them apart.
    DuplicateDatacenterName { datacenter: GroupId },
    /// A database in `datacenter` that no database in another datacenter copies.
    DataInOneDatacenter {
        database: ComponentId,
        datacenter: GroupId,
    },
    /// `copy` replicates `leader` inside the same datacenter.
    CopyInSameDatacenter {
        leader: ComponentId,
        copy: ComponentId,
    },
    /// A value of the traffic profile is out of range.
    BadTrafficProfile { error: ConfigError },
    /// A scheduled fault whose target is gone.
    FaultTargetGone { at_s: Seconds },
    /// A fault scheduled at a negative or non-finite time.
    FaultTimeImpossible { at_s: Seconds },
    /// A fault scheduled after the run ends.
    FaultAfterRunEnds { at_s: Seconds, duration_s: u32 },
    /// A fault whose action does not fit its target.
    FaultMismatch { at_s: Seconds, why: FaultMismatch },
}

/// Why a scheduled fault's action does not fit its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultMismatch {
    /// Only a wire can be cut.
    CutNeedsWire,
    /// Only a cache or a CDN can be flushed.
    FlushNeedsCache,
    /// Static assets are deployed behind a CDN.
    DeployNeedsCdn,
    /// Only a sharded database can be given another shard.
    AddShardNeedsSharded,
    /// A slow-down factor below 1 (or not a number).
    SlowFactorBelowOne,
    /// A slow-down of a part that takes no time in the simulation (a resolver, a metrics sink).
    NothingToSlow,
    /// A fault on users: a population only sends (its traffic profile changes its load).
    UsersOnlySend,
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
) -> SortedSet<ComponentId> {
    let mut seen = SortedSet::new();
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
    // Inserted, not collected: a collected set is sorted first, one more copy of the sort.
    let mut webs = SortedSet::new();
    webs.extend(ids_of_kind(d, ComponentKind::WebServers));
    ids_of_kind(d, ComponentKind::Users).into_iter().any(|u| {
        let before = reachable_from(d, [u], None);
        let after = reachable_from(d, [u], Some(c));
        before.iter().any(|x| webs.contains(x)) && !after.iter().any(|x| webs.contains(x))
    })
}

/// Whether any population of users logs in: where nobody does, where sessions live changes
/// nothing, and the review says nothing about it.
fn anyone_logs_in(d: &Diagram) -> bool {
    d.components
        .iter()
        .any(|c| matches!(&c.config, ComponentConfig::Users(u) if u.login_session_share > 0.0))
}

fn diag(severity: Severity, finding: Finding, components: Vec<ComponentId>) -> Diagnostic {
    Diagnostic {
        severity,
        finding,
        components,
    }
}

/// Everything worth telling the user about `d`. Never fails.
pub fn validate(d: &Diagram) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let users = ids_of_kind(d, ComponentKind::Users);

    if d.components.is_empty() {
        out.push(diag(Severity::Info, Finding::EmptyCanvas, vec![]));
        return out;
    }
    if users.is_empty() {
        out.push(diag(Severity::Warning, Finding::NoUsers, vec![]));
    }

    // Settings out of range.
    for c in &d.components {
        if let Err(e) = c.config.check() {
            out.push(diag(
                Severity::Error,
                Finding::BadSettings {
                    component: c.id,
                    error: e,
                },
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
                Finding::WireMissingEnd { wire: w.id },
                vec![w.from.component, w.to.component],
            ));
            continue;
        };
        if let Some(reason) = table_refusal(w.from.port, to.kind) {
            out.push(diag(
                Severity::Error,
                Finding::WireRefused {
                    from: from.id,
                    to: to.id,
                    reason,
                },
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
                Finding::UsersUnwired { users: c.id },
                vec![c.id],
            ));
            continue;
        }
        if !dynamic && u.read_share + u.write_share > 0.0 {
            out.push(diag(
                Severity::Warning,
                Finding::DynamicPortUnwired { users: c.id },
                vec![c.id],
            ));
        }
        if !static_ && u.static_share > 0.0 {
            out.push(diag(
                Severity::Warning,
                Finding::StaticPortUnwired { users: c.id },
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
                    Finding::WritesReachNoStore { users: c.id },
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
                Finding::Unreachable { component: c.id },
                vec![c.id],
            ));
        }
    }

    // Per-component fragilities.
    let logins = anyone_logs_in(d);
    for c in &d.components {
        match &c.config {
            ComponentConfig::LoadBalancer(_) => {
                if cuts_users_off_web(d, c.id) {
                    out.push(diag(
                        Severity::Warning,
                        Finding::LoadBalancerSinglePoint { balancer: c.id },
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
                        Finding::WebTierOfOne { web: c.id },
                        vec![c.id],
                    ));
                }
                let session_wire = d.wires_from(c.id).any(|x| x.from.port == OutPort::Sessions);
                match w.sessions {
                    _ if !logins => {}
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
                                    Finding::StatefulBehindNonSticky {
                                        web: c.id,
                                        balancer: lb.id,
                                    },
                                    vec![c.id, lb.id],
                                ));
                            }
                        }
                    }
                    SessionMode::Stateless => {
                        if !session_wire {
                            out.push(diag(
                                Severity::Warning,
                                Finding::SessionsPortUnwired { web: c.id },
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
                        Finding::DatabaseWithoutReplicas { database: c.id },
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
                            Finding::CacheWithNothingBehind { cache: c.id },
                            vec![c.id],
                        ));
                    }
                } else if k.replicas <= 1 {
                    let mut ids = vec![c.id];
                    ids.extend(misses);
                    out.push(diag(
                        Severity::Warning,
                        Finding::SingleNodeCache { cache: c.id },
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
                        Finding::QueueWithoutConsumers { queue: c.id },
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
                                Finding::DnsWeightUnwired {
                                    dns: c.id,
                                    percent: t.percent,
                                    target: t.target,
                                },
                                vec![c.id],
                            ));
                        }
                    }
                }
            }
            ComponentConfig::SessionStore(_) => {
                let asked = d.wires_into(c.id).any(|w| w.from.port == OutPort::Sessions);
                if asked && !logins {
                    out.push(diag(
                        Severity::Info,
                        Finding::NoSessionsToKeep { store: c.id },
                        vec![c.id],
                    ));
                }
            }
            ComponentConfig::Users(_)
            | ComponentConfig::Cdn(_)
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
                Finding::DatacenterWithoutData { datacenter: g.id },
                webs,
            ));
        }
    }

    for (i, g) in d.groups.iter().enumerate() {
        if d.groups[..i].iter().any(|o| o.name.trim() == g.name.trim()) {
            out.push(diag(
                Severity::Warning,
                Finding::DuplicateDatacenterName { datacenter: g.id },
                d.members_of(g.id).map(|c| c.id).collect(),
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
        if let Some(datacenter) = a.group
            && dbs.iter().any(|b| b.group != a.group)
            && !linked_across(a)
        {
            out.push(diag(
                Severity::Warning,
                Finding::DataInOneDatacenter {
                    database: a.id,
                    datacenter,
                },
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
                Finding::CopyInSameDatacenter {
                    leader: a.id,
                    copy: b.id,
                },
                vec![a.id, b.id],
            ));
        }
    }

    // Scenario.
    if let Err(error) = d.scenario.traffic.check() {
        out.push(diag(
            Severity::Error,
            Finding::BadTrafficProfile { error },
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
                Finding::FaultTargetGone {
                    at_s: Seconds(f.at_s),
                },
                target_ids.clone(),
            ));
            continue;
        }
        if !(f.at_s.is_finite() && f.at_s >= 0.0) {
            out.push(diag(
                Severity::Error,
                Finding::FaultTimeImpossible {
                    at_s: Seconds(f.at_s),
                },
                target_ids.clone(),
            ));
        } else if f.at_s > f64::from(d.scenario.duration_s) {
            out.push(diag(
                Severity::Info,
                Finding::FaultAfterRunEnds {
                    at_s: Seconds(f.at_s),
                    duration_s: d.scenario.duration_s,
                },
                target_ids.clone(),
            ));
        }
        let mismatch = match (f.action, f.target) {
            (FaultAction::CutLink, FaultTarget::Wire(_)) => None,
            (FaultAction::CutLink, _) => Some(FaultMismatch::CutNeedsWire),
            (FaultAction::FlushCache, FaultTarget::Component(id)) => {
                match d.component(id).map(|c| c.kind) {
                    Some(ComponentKind::Cache | ComponentKind::Cdn) => None,
                    _ => Some(FaultMismatch::FlushNeedsCache),
                }
            }
            (FaultAction::FlushCache, _) => Some(FaultMismatch::FlushNeedsCache),
            (FaultAction::DeployAssets, FaultTarget::Component(id)) => {
                match d.component(id).map(|c| c.kind) {
                    Some(ComponentKind::Cdn) => None,
                    _ => Some(FaultMismatch::DeployNeedsCdn),
                }
            }
            (FaultAction::DeployAssets, _) => Some(FaultMismatch::DeployNeedsCdn),
            (FaultAction::AddShard, FaultTarget::Component(id)) => {
                match d.component(id).map(|c| c.kind) {
                    Some(ComponentKind::ShardedDatabase) => None,
                    _ => Some(FaultMismatch::AddShardNeedsSharded),
                }
            }
            (FaultAction::AddShard, _) => Some(FaultMismatch::AddShardNeedsSharded),
            (FaultAction::Slow { factor }, _) if !(factor.is_finite() && factor >= 1.0) => {
                Some(FaultMismatch::SlowFactorBelowOne)
            }
            (
                FaultAction::Fail | FaultAction::Restore | FaultAction::Slow { .. },
                FaultTarget::Component(id),
            ) => {
                let kind = d.component(id).map(|c| c.kind);
                match kind {
                    Some(ComponentKind::Users) => Some(FaultMismatch::UsersOnlySend),
                    _ if !f.action.applies_to(f.target, kind) => Some(FaultMismatch::NothingToSlow),
                    _ => None,
                }
            }
            (FaultAction::Fail | FaultAction::Restore | FaultAction::Slow { .. }, _) => None,
        };
        if let Some(why) = mismatch {
            out.push(diag(
                Severity::Error,
                Finding::FaultMismatch {
                    at_s: Seconds(f.at_s),
                    why,
                },
                target_ids,
            ));
        }
    }
    out
}
