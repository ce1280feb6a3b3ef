//! Connection rules, as data: which kinds each outgoing port role may be wired to, and why
//! every other connection is refused.
//!
//! [`RULES`] has one row per [`OutPort`]: the kinds it accepts, specific reasons for the
//! refusals a learner is likely to try, and a fallback reason. [`check_connection`] applies, in
//! order: both ends exist, both ports exist on their kinds, no self-loop, no duplicate, the
//! table, and no cycle through existing wires. The table alone is acyclic (traffic only flows
//! "down" from users to data), so a cycle can only close through a wire that already breaks the
//! rules (a hand-edited file); the check is there so such a file cannot grow worse.
//! This module decides whether a wire makes sense, not whether a diagram is good: that is
//! [`crate::model::validate()`]'s job.

use super::catalogue::ComponentKind;
use super::diagram::{ComponentId, Diagram, InPortRef, OutPortRef};
use super::ports::{InPort, OutPort};

use ComponentKind as K;
use WireReason as W;

/// One row of the connection table.
#[derive(Clone, Copy, Debug)]
pub struct PortRule {
    pub port: OutPort,
    /// Kinds this port may be wired to.
    pub accepts: &'static [ComponentKind],
    /// Reasons for refusals worth explaining specifically.
    pub refusals: &'static [(ComponentKind, WireReason)],
    /// The reason for any other refused kind.
    pub otherwise: WireReason,
}

/// Why the table refuses a wire: one reason per sentence the catalogues word
/// (`present::say::wire_reason`). `<Port>To<Kind>` explains a refusal a learner is likely to
/// try; `<Port>Elsewhere` says where that port's traffic goes instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WireReason {
    DynamicToCdn,
    DynamicToCache,
    DynamicToDatabase,
    DynamicToUsers,
    DynamicElsewhere,
    StaticToCache,
    StaticElsewhere,
    ResolveToDns,
    ResolveElsewhere,
    OriginToCdn,
    OriginElsewhere,
    BackendsToLoadBalancer,
    BackendsToDatabase,
    BackendsElsewhere,
    DataToSessionStore,
    DataToMessageQueue,
    DataToWebServers,
    DataElsewhere,
    SessionsToShardedDatabase,
    SessionsElsewhere,
    JobsToWorkers,
    JobsElsewhere,
    LogsElsewhere,
    MissToWebServers,
    MissToCache,
    MissElsewhere,
    ConsumersToWebServers,
    ConsumersElsewhere,
    ReplicateToCache,
    ReplicateToShardedDatabase,
    ReplicateElsewhere,
}

impl WireReason {
    /// Every reason, in table order (the catalogue tests walk them).
    pub const ALL: [WireReason; 31] = [
        W::DynamicToCdn,
        W::DynamicToCache,
        W::DynamicToDatabase,
        W::DynamicToUsers,
        W::DynamicElsewhere,
        W::StaticToCache,
        W::StaticElsewhere,
        W::ResolveToDns,
        W::ResolveElsewhere,
        W::OriginToCdn,
        W::OriginElsewhere,
        W::BackendsToLoadBalancer,
        W::BackendsToDatabase,
        W::BackendsElsewhere,
        W::DataToSessionStore,
        W::DataToMessageQueue,
        W::DataToWebServers,
        W::DataElsewhere,
        W::SessionsToShardedDatabase,
        W::SessionsElsewhere,
        W::JobsToWorkers,
        W::JobsElsewhere,
        W::LogsElsewhere,
        W::MissToWebServers,
        W::MissToCache,
        W::MissElsewhere,
        W::ConsumersToWebServers,
        W::ConsumersElsewhere,
        W::ReplicateToCache,
        W::ReplicateToShardedDatabase,
        W::ReplicateElsewhere,
    ];
}

/// Why a `replicate` wire was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReplicationRefusal {
    /// The target already copies another database: a copy follows a single source.
    TargetAlreadyACopy,
    /// The source is itself a copy: wire `replicate` from the database that takes the writes.
    SourceIsACopy,
    /// The target ships copies of its own: a copy cannot also be a source.
    TargetShipsCopies,
}

impl ReplicationRefusal {
    /// Every reason (the catalogue tests walk them).
    pub const ALL: [ReplicationRefusal; 3] = [
        ReplicationRefusal::TargetAlreadyACopy,
        ReplicationRefusal::SourceIsACopy,
        ReplicationRefusal::TargetShipsCopies,
    ];
}

const STORES: &[ComponentKind] = &[K::Cache, K::Database, K::NoSql, K::ShardedDatabase];

/// The connection table, one row per outgoing port role, in [`OutPort::ALL`] order.
pub const RULES: [PortRule; 12] = [
    PortRule {
        port: OutPort::Dynamic,
        accepts: &[K::Dns, K::LoadBalancer, K::WebServers],
        refusals: &[
            (K::Cdn, W::DynamicToCdn),
            (K::Cache, W::DynamicToCache),
            (K::Database, W::DynamicToDatabase),
            (K::Users, W::DynamicToUsers),
        ],
        otherwise: W::DynamicElsewhere,
    },
    PortRule {
        port: OutPort::Static,
        accepts: &[K::Cdn, K::Dns, K::LoadBalancer, K::WebServers],
        refusals: &[(K::Cache, W::StaticToCache)],
        otherwise: W::StaticElsewhere,
    },
    PortRule {
        port: OutPort::Resolve,
        accepts: &[K::LoadBalancer, K::WebServers, K::Cdn],
        refusals: &[(K::Dns, W::ResolveToDns)],
        otherwise: W::ResolveElsewhere,
    },
    PortRule {
        port: OutPort::Origin,
        accepts: &[K::LoadBalancer, K::WebServers],
        refusals: &[(K::Cdn, W::OriginToCdn)],
        otherwise: W::OriginElsewhere,
    },
    PortRule {
        port: OutPort::Backends,
        accepts: &[K::WebServers],
        refusals: &[
            (K::LoadBalancer, W::BackendsToLoadBalancer),
            (K::Database, W::BackendsToDatabase),
        ],
        otherwise: W::BackendsElsewhere,
    },
    PortRule {
        port: OutPort::Data,
        accepts: STORES,
        refusals: &[
            (K::SessionStore, W::DataToSessionStore),
            (K::MessageQueue, W::DataToMessageQueue),
            (K::WebServers, W::DataToWebServers),
        ],
        otherwise: W::DataElsewhere,
    },
    PortRule {
        port: OutPort::Sessions,
        accepts: &[K::SessionStore, K::Cache, K::NoSql, K::Database],
        refusals: &[(K::ShardedDatabase, W::SessionsToShardedDatabase)],
        otherwise: W::SessionsElsewhere,
    },
    PortRule {
        port: OutPort::Jobs,
        accepts: &[K::MessageQueue],
        refusals: &[(K::Workers, W::JobsToWorkers)],
        otherwise: W::JobsElsewhere,
    },
    PortRule {
        port: OutPort::Logs,
        accepts: &[K::MetricsSink],
        refusals: &[],
        otherwise: W::LogsElsewhere,
    },
    PortRule {
        port: OutPort::Miss,
        accepts: &[K::Database, K::NoSql, K::ShardedDatabase],
        refusals: &[
            (K::WebServers, W::MissToWebServers),
            (K::Cache, W::MissToCache),
        ],
        otherwise: W::MissElsewhere,
    },
    PortRule {
        port: OutPort::Consumers,
        accepts: &[K::Workers],
        refusals: &[(K::WebServers, W::ConsumersToWebServers)],
        otherwise: W::ConsumersElsewhere,
    },
    PortRule {
        port: OutPort::Replicate,
        accepts: &[K::Database],
        refusals: &[
            (K::Cache, W::ReplicateToCache),
            (K::ShardedDatabase, W::ReplicateToShardedDatabase),
        ],
        otherwise: W::ReplicateElsewhere,
    },
];

/// The table row for `port`.
pub fn rule(port: OutPort) -> &'static PortRule {
    // RULES is in OutPort::ALL order (checked by a test); the fallback search keeps this total.
    let index = OutPort::ALL.iter().position(|p| *p == port).unwrap_or(0);
    match RULES.get(index) {
        Some(r) if r.port == port => r,
        _ => RULES.iter().find(|r| r.port == port).unwrap_or(&RULES[0]),
    }
}

/// The table's verdict for wiring `port` to a component of kind `to`: `None` if allowed,
/// otherwise why not.
pub fn table_refusal(port: OutPort, to: ComponentKind) -> Option<WireReason> {
    let r = rule(port);
    if r.accepts.contains(&to) {
        return None;
    }
    Some(
        r.refusals
            .iter()
            .find(|(k, _)| *k == to)
            .map(|(_, why)| *why)
            .unwrap_or(r.otherwise),
    )
}

/// Why a connection was refused; `present::say::refusal` words it for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    UnknownComponent(ComponentId),
    NoSuchOutPort {
        kind: ComponentKind,
        port: OutPort,
    },
    NoSuchInPort {
        kind: ComponentKind,
        port: InPort,
    },
    SelfLoop,
    Duplicate,
    /// The table refuses this role-to-kind connection.
    NotAllowed {
        port: OutPort,
        to: ComponentKind,
        reason: WireReason,
    },
    /// The wire would close a loop through existing wires.
    Cycle,
    /// A database would get its data from two places, or a copy would ship copies of its own.
    Replication(ReplicationRefusal),
    IdsExhausted,
}

/// Whether `from` may be wired to `to` in `diagram`.
pub fn check_connection(diagram: &Diagram, from: OutPortRef, to: InPortRef) -> Result<(), Refusal> {
    let source = diagram
        .component(from.component)
        .ok_or(Refusal::UnknownComponent(from.component))?;
    let target = diagram
        .component(to.component)
        .ok_or(Refusal::UnknownComponent(to.component))?;
    if !source.kind.ports().has_output(from.port) {
        return Err(Refusal::NoSuchOutPort {
            kind: source.kind,
            port: from.port,
        });
    }
    if !target.kind.ports().has_input(to.port) {
        return Err(Refusal::NoSuchInPort {
            kind: target.kind,
            port: to.port,
        });
    }
    if from.component == to.component {
        return Err(Refusal::SelfLoop);
    }
    if diagram.find_wire(from, to).is_some() {
        return Err(Refusal::Duplicate);
    }
    if let Some(reason) = table_refusal(from.port, target.kind) {
        return Err(Refusal::NotAllowed {
            port: from.port,
            to: target.kind,
            reason,
        });
    }
    if reaches(diagram, to.component, from.component) {
        return Err(Refusal::Cycle);
    }
    if from.port == OutPort::Replicate {
        replication_refusal(diagram, from.component, to.component)?;
    }
    Ok(())
}

/// One source per copy and no copies of copies: the source of a `replicate` wire takes every
/// write, so a database it feeds must not also be fed by another, and must not feed others.
fn replication_refusal(
    diagram: &Diagram,
    from: ComponentId,
    to: ComponentId,
) -> Result<(), Refusal> {
    let copies = |into: ComponentId| {
        diagram
            .wires_into(into)
            .any(|w| w.from.port == OutPort::Replicate)
    };
    if copies(to) {
        return Err(Refusal::Replication(ReplicationRefusal::TargetAlreadyACopy));
    }
    if copies(from) {
        return Err(Refusal::Replication(ReplicationRefusal::SourceIsACopy));
    }
    if diagram
        .wires_from(to)
        .any(|w| w.from.port == OutPort::Replicate)
    {
        return Err(Refusal::Replication(ReplicationRefusal::TargetShipsCopies));
    }
    Ok(())
}

/// Whether following wires from `start` reaches `goal`.
pub fn reaches(diagram: &Diagram, start: ComponentId, goal: ComponentId) -> bool {
    let mut seen = crate::sorted::SortedSet::new();
    let mut stack = vec![start];
    while let Some(c) = stack.pop() {
        if c == goal {
            return true;
        }
        if seen.insert(c) {
            stack.extend(diagram.wires_from(c).map(|w| w.to.component));
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Diagram, Point, Wire};

    #[test]
    fn the_table_has_one_row_per_port_in_order_and_no_contradictions() {
        for (row, port) in RULES.iter().zip(OutPort::ALL) {
            assert_eq!(row.port, port);
            assert!(!row.accepts.is_empty(), "{port:?} accepts nothing");
            for (kind, _) in row.refusals {
                assert!(
                    !row.accepts.contains(kind),
                    "{port:?} both accepts and refuses {kind:?}"
                );
            }
        }
    }

    /// The expected verdict for every (producing kind, port, consuming kind) triple.
    fn expected_allowed(port: OutPort, to: ComponentKind) -> bool {
        use ComponentKind::*;
        matches!(
            (port, to),
            (OutPort::Dynamic, Dns | LoadBalancer | WebServers)
                | (OutPort::Static, Cdn | Dns | LoadBalancer | WebServers)
                | (OutPort::Resolve, LoadBalancer | WebServers | Cdn)
                | (OutPort::Origin, LoadBalancer | WebServers)
                | (OutPort::Backends, WebServers)
                | (OutPort::Data, Cache | Database | NoSql | ShardedDatabase)
                | (OutPort::Sessions, SessionStore | Cache | NoSql | Database)
                | (OutPort::Jobs, MessageQueue)
                | (OutPort::Logs, MetricsSink)
                | (OutPort::Miss, Database | NoSql | ShardedDatabase)
                | (OutPort::Consumers, Workers)
                | (OutPort::Replicate, Database)
        )
    }

    #[test]
    fn every_kind_pair_and_port_gets_the_expected_verdict_with_a_reason() {
        for from_kind in ComponentKind::ALL {
            for &port in from_kind.ports().outputs {
                for to_kind in ComponentKind::ALL {
                    let mut d = Diagram::new();
                    let a = d
                        .add_component(from_kind, "", Point::new(0.0, 0.0))
                        .unwrap();
                    let b = d
                        .add_component(to_kind, "", Point::new(100.0, 0.0))
                        .unwrap();
                    let from = OutPortRef { component: a, port };
                    let result = match to_kind.input() {
                        Some(input) => check_connection(
                            &d,
                            from,
                            InPortRef {
                                component: b,
                                port: input,
                            },
                        ),
                        None => {
                            // Users have no input at all: every input port is refused.
                            for input in InPort::ALL {
                                let r = check_connection(
                                    &d,
                                    from,
                                    InPortRef {
                                        component: b,
                                        port: input,
                                    },
                                );
                                assert_eq!(
                                    r,
                                    Err(Refusal::NoSuchInPort {
                                        kind: to_kind,
                                        port: input
                                    })
                                );
                            }
                            continue;
                        }
                    };
                    let allowed = expected_allowed(port, to_kind);
                    match result {
                        Ok(()) => assert!(allowed, "{from_kind:?}.{port:?} -> {to_kind:?} allowed"),
                        Err(Refusal::NotAllowed { reason, .. }) => {
                            assert!(!allowed, "{from_kind:?}.{port:?} -> {to_kind:?} refused");
                            assert!(WireReason::ALL.contains(&reason));
                        }
                        Err(other) => panic!("unexpected refusal {other:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn the_chapters_common_mistakes_get_their_specific_reasons() {
        let cases = [
            (OutPort::Dynamic, ComponentKind::Cdn, W::DynamicToCdn),
            (
                OutPort::Miss,
                ComponentKind::WebServers,
                W::MissToWebServers,
            ),
            (
                OutPort::Dynamic,
                ComponentKind::MetricsSink,
                W::DynamicElsewhere,
            ),
        ];
        for (port, kind, expected) in cases {
            assert_eq!(table_refusal(port, kind), Some(expected));
        }
    }

    #[test]
    fn self_loops_duplicates_missing_ends_and_wrong_ports_are_refused() {
        let mut d = Diagram::new();
        let web = d
            .add_component(ComponentKind::WebServers, "WebServers", Point::default())
            .unwrap();
        let db = d
            .add_component(ComponentKind::Database, "Database", Point::default())
            .unwrap();
        let data = OutPortRef {
            component: web,
            port: OutPort::Data,
        };
        let db_in = InPortRef {
            component: db,
            port: InPort::Data,
        };
        let web_in = InPortRef {
            component: web,
            port: InPort::Requests,
        };
        assert_eq!(check_connection(&d, data, web_in), Err(Refusal::SelfLoop));
        assert_eq!(
            check_connection(
                &d,
                OutPortRef {
                    component: web,
                    port: OutPort::Miss
                },
                db_in
            ),
            Err(Refusal::NoSuchOutPort {
                kind: ComponentKind::WebServers,
                port: OutPort::Miss
            })
        );
        assert_eq!(
            check_connection(
                &d,
                data,
                InPortRef {
                    component: db,
                    port: InPort::Logs
                }
            ),
            Err(Refusal::NoSuchInPort {
                kind: ComponentKind::Database,
                port: InPort::Logs
            })
        );
        let ghost = ComponentId(999);
        assert_eq!(
            check_connection(
                &d,
                data,
                InPortRef {
                    component: ghost,
                    port: InPort::Data
                }
            ),
            Err(Refusal::UnknownComponent(ghost))
        );
        assert!(d.connect(data, db_in).is_ok());
        assert_eq!(d.connect(data, db_in), Err(Refusal::Duplicate));
        assert_eq!(d.wires.len(), 1);
    }

    #[test]
    fn a_wire_closing_a_loop_through_a_rule_breaking_wire_is_refused() {
        // A hand-edited file wired a cache's miss port back to the web servers.
        let mut d = Diagram::new();
        let web = d
            .add_component(ComponentKind::WebServers, "WebServers", Point::default())
            .unwrap();
        let cache = d
            .add_component(ComponentKind::Cache, "Cache", Point::default())
            .unwrap();
        let id = d.fresh_wire_id().unwrap();
        d.insert_wire(Wire {
            id,
            from: OutPortRef {
                component: cache,
                port: OutPort::Miss,
            },
            to: InPortRef {
                component: web,
                port: InPort::Requests,
            },
        })
        .unwrap();
        let r = check_connection(
            &d,
            OutPortRef {
                component: web,
                port: OutPort::Data,
            },
            InPortRef {
                component: cache,
                port: InPort::Data,
            },
        );
        assert_eq!(r, Err(Refusal::Cycle));
        assert!(reaches(&d, cache, web));
        assert!(!reaches(&d, web, cache));
    }

    #[test]
    fn a_copy_follows_one_source_and_ships_no_copies_of_its_own() {
        let mut d = Diagram::new();
        let db: Vec<ComponentId> = (0..4)
            .map(|i| {
                d.add_component(
                    ComponentKind::Database,
                    "Database",
                    Point::new(i as f64 * 100.0, 0.0),
                )
                .unwrap()
            })
            .collect();
        let ship = |d: &mut Diagram, a: usize, b: usize| {
            d.connect(
                OutPortRef {
                    component: db[a],
                    port: OutPort::Replicate,
                },
                InPortRef {
                    component: db[b],
                    port: InPort::Data,
                },
            )
        };
        assert!(ship(&mut d, 0, 1).is_ok());
        assert!(
            ship(&mut d, 0, 2).is_ok(),
            "a source may feed several copies"
        );
        use ReplicationRefusal as R;
        assert_eq!(
            ship(&mut d, 3, 1),
            Err(Refusal::Replication(R::TargetAlreadyACopy))
        );
        assert_eq!(
            ship(&mut d, 1, 3),
            Err(Refusal::Replication(R::SourceIsACopy))
        );
        assert_eq!(
            ship(&mut d, 3, 0),
            Err(Refusal::Replication(R::TargetShipsCopies))
        );
        assert_eq!(ship(&mut d, 1, 0), Err(Refusal::Cycle));
    }
}
