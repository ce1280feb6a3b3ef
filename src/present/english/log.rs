//! The run log in English: one sentence per [`LogEvent`].
//!
//! Owns: [`log_message`]. The sentences say what happened and what follows from it for the
//! learner ("miss storm", "users must log in again"), in the chapter's terms; numbers are
//! rounded as the log shows them (whole seconds, whole percents).

use crate::decimal::{Fixed, Shortest};
use crate::editor::form::whole_seconds;
use crate::present::format::grouped;
use crate::sim::log::{
    Alert, AlertKind, ColdStart, ERROR_ALERT_SHARE, LogEvent, ReplicatedPart, Restored,
};

/// A share as the log rounds it: "80.0 %".
fn percent(share: f64) -> String {
    format!("{} %", Fixed(share * 100.0, 1))
}

/// A placement's name in a theory quote.
fn placement(consistent_hashing: bool) -> &'static str {
    if consistent_hashing {
        "consistent hashing"
    } else {
        "modulo"
    }
}

/// "1 acknowledged write", "7 acknowledged writes".
fn acknowledged_writes(n: u64) -> String {
    format!(
        "{} acknowledged {}",
        grouped(n),
        super::noun_for(n, "write")
    )
}

/// The English sentence of one log event.
pub fn log_message(event: &LogEvent) -> String {
    match event {
        LogEvent::Failed { label } => format!("{label} failed"),
        LogEvent::Restored { label, how } => match *how {
            Restored::Whole => format!("{label} restored"),
            Restored::CacheNodes { nodes, warm } => {
                let data = if warm {
                    "warm (a surviving node kept the data)"
                } else {
                    "empty (every node had failed)"
                };
                format!("{label} restored: {nodes} of {nodes} nodes up, {data}")
            }
            Restored::SessionsEmpty => {
                format!("{label} restored empty: users whose session was live must log in again")
            }
            Restored::SessionNodes { nodes } => {
                format!("{label} restored: {nodes} of {nodes} nodes up, no session lost")
            }
            Restored::NoSqlNodes { nodes } => {
                format!("{label} restored: {nodes} of {nodes} nodes up")
            }
        },
        LogEvent::Slowed { label, factor } => format!("{label} slowed {}x", Shortest(*factor)),
        LogEvent::LinksCut { label } => format!("{label}: outgoing links cut"),
        LogEvent::Flushed { label } => format!("{label} flushed: miss storm"),
        LogEvent::AssetsDeployed {
            label,
            versioned: true,
            ..
        } => format!(
            "{label}: new assets deployed under new URLs; every edge fetches each object once \
             from the origin"
        ),
        LogEvent::AssetsDeployed {
            label,
            versioned: false,
            ttl_s,
        } => {
            let how_long = match (ttl_s, ttl_s.and_then(whole_seconds)) {
                // A whole TTL in its largest unit ("1 d"), as the CDN's card says it.
                (_, Some(s)) => format!("for up to {}", super::editor_form::duration_en(s)),
                (Some(t), None) => format!("for up to {t} s", t = Fixed(*t, 0)),
                (None, None) => "until they are evicted (no TTL)".to_string(),
            };
            format!(
                "{label}: new assets deployed at the same URLs; edges serve the old ones {how_long}"
            )
        }
        LogEvent::WireChanged { wire, ends, up } => {
            let what = if *up { "restored" } else { "cut" };
            match ends {
                Some((from, to)) => format!("wire {from} → {to} {what}"),
                None => format!("wire {wire} {what}"),
            }
        }
        LogEvent::DatacenterFailed { name } => format!("datacenter {name} failed"),
        LogEvent::DatacenterRestored { name } => format!("datacenter {name} restored"),
        LogEvent::ComesBackEmpty { label, part } => match part {
            ColdStart::Cache => format!("{label} comes back cold: every key misses once"),
            ColdStart::Sessions => {
                format!("{label} comes back empty: users whose session was live must log in again")
            }
        },
        LogEvent::HealthCheck { target, up: true } => format!("{target} back in rotation"),
        LogEvent::HealthCheck { target, up: false } => {
            format!("{target} marked down by health checks")
        }
        LogEvent::ServerHealthCheck {
            target,
            server,
            up: true,
        } => format!("{target}: server {server} back in rotation"),
        LogEvent::ServerHealthCheck {
            target,
            server,
            up: false,
        } => format!("{target}: server {server} marked down by health checks"),
        LogEvent::WebServerFailed {
            label,
            server,
            up,
            servers,
        } => format!(
            "{label}: server {server} failed; {up} of {servers} still run, and its share of \
             requests fails until a load balancer's health checks take it out"
        ),
        LogEvent::Autoscaled { label, from, to } => {
            format!("{label} autoscaled from {from} to {to} instances")
        }
        LogEvent::WorkersScaled { label, from, to } => {
            format!("{label} autoscaled from {from} to {to} workers")
        }
        LogEvent::JobsAtCrash {
            label,
            jobs,
            durable: true,
        } => format!(
            "{label}: {} jobs kept by the durable queue, redelivered on restore",
            grouped(*jobs as u64)
        ),
        LogEvent::JobsAtCrash {
            label,
            jobs,
            durable: false,
        } => format!(
            "{label}: {} jobs lost: the queue is not durable",
            grouped(*jobs as u64)
        ),
        LogEvent::JobsRedelivered { label, jobs } => {
            format!(
                "{label}: {} jobs redelivered from the durable queue",
                grouped(*jobs as u64)
            )
        }
        LogEvent::ReplicatedNodeFailed {
            label,
            part,
            node,
            nodes,
            last: false,
        } => {
            let still = match part {
                ReplicatedPart::Cache => "a replica keeps serving its warm copy",
                ReplicatedPart::SessionStore => "a replica keeps every session",
            };
            format!("{label}: node {node} of {nodes} failed; {still}")
        }
        LogEvent::ReplicatedNodeFailed {
            label,
            part,
            node,
            nodes,
            last: true,
        } => {
            let which = if *nodes > 1 {
                format!(": node {node} of {nodes} failed")
            } else {
                " failed".to_string()
            };
            let (what, down) = match part {
                ReplicatedPart::Cache => ("cache", "reads go to the database (miss storm)"),
                ReplicatedPart::SessionStore => {
                    ("session store", "logged-in users lose their sessions")
                }
            };
            format!("{label}{which}; the {what} is down: {down}")
        }
        LogEvent::NoSqlNodeFailed {
            label,
            node,
            nodes,
            down,
            unavailable_share,
            replication_factor,
        } => {
            if down == nodes {
                format!("{label}: node {node} of {nodes} failed; every node is down")
            } else {
                let keys = if *unavailable_share > 0.0 {
                    format!(
                        "{} % of keys have no live replica",
                        Fixed(unavailable_share * 100.0, 0)
                    )
                } else {
                    format!(
                        "every key keeps a live replica (replication factor {replication_factor})"
                    )
                };
                format!("{label}: node {node} of {nodes} failed ({down} down); {keys}")
            }
        }
        LogEvent::PrimaryFailed {
            label,
            replica,
            promote_at_s,
            lost_writes,
        } => format!(
            "{label}: primary failed; replica {replica} will be promoted at {promote_at_s} s; \
             {} lost",
            acknowledged_writes(*lost_writes),
            promote_at_s = Fixed(*promote_at_s, 0)
        ),
        LogEvent::DatabaseFailedNoReplica { label } => {
            format!("{label} failed (no replica to promote)")
        }
        LogEvent::ReplicaPromoted { label } => {
            format!("{label}: replica promoted, writes accepted again")
        }
        LogEvent::ShardPrimaryFailed {
            label,
            shard,
            shards,
            promote_at_s,
        } => format!(
            "{label}: the primary of shard {shard} (of {shards}) failed; its writes fail until a \
             replica is promoted at {promote_at_s} s (detection + promotion)",
            promote_at_s = Fixed(*promote_at_s, 0)
        ),
        LogEvent::ShardDown {
            label,
            shard,
            shards,
            down,
        } => format!(
            "{label}: shard {shard} failed with no replica to promote: its keys are unavailable \
             ({down} of {shards} shards down)"
        ),
        LogEvent::ShardPromoted { label, shard } => {
            format!("{label}: a replica of shard {shard} was promoted: its writes accepted again")
        }
        LogEvent::ShardAdded {
            label,
            resharding: r,
        } => format!(
            "{label}: shard added, {} → {} shards: {} of {} keys move ({}; {} theory: {}); \
             they are copied to their new shards, served by their old ones until then",
            r.from_shards,
            r.to_shards,
            grouped(r.keys_moved),
            grouped(r.keys),
            percent(r.share_moved),
            placement(r.consistent_hashing),
            percent(r.theory_share)
        ),
        LogEvent::MigrationDone {
            label,
            resharding: r,
        } => format!(
            "{label}: copy done, {} keys moved to their new shards in {} s ({} of the keys; \
             {} theory: {})",
            grouped(r.keys_migrated),
            Fixed(r.finished_s.unwrap_or(r.started_s) - r.started_s, 0),
            percent(r.share_moved),
            placement(r.consistent_hashing),
            percent(r.theory_share)
        ),
        LogEvent::SessionStoreFull { label } => {
            format!("{label} is full: sessions evicted before they expire log users out")
        }
        LogEvent::LeaderUnreachable {
            label,
            takeover: Some((copy, at_s)),
        } => format!(
            "{label} unreachable: its copy {copy} takes the writes at {at_s} s (detection + \
             promotion); until then writes fail",
            at_s = Fixed(*at_s, 0)
        ),
        LogEvent::LeaderUnreachable {
            label,
            takeover: None,
        } => format!("{label} unreachable and no copy of it is up: writes fail until it is back"),
        LogEvent::CopyPromoted {
            label,
            old,
            lost_writes,
        } => {
            let lost = acknowledged_writes(*lost_writes);
            let verbs = if *lost_writes == 1 {
                "reached it and is"
            } else {
                "reached it and are"
            };
            format!(
                "{label} promoted: it takes the writes of every datacenter now; {lost} made at \
                 {old} never {verbs} lost"
            )
        }
        LogEvent::LeaderBackInTime { label } => {
            format!("{label} back before its copy took over: no write lost")
        }
        LogEvent::BackAsCopy {
            label,
            leader,
            writes,
        } => format!(
            "{label} back as a copy of {leader}: {} {} to catch up on",
            grouped(*writes as u64),
            super::noun_for(*writes as u64, "write")
        ),
        LogEvent::AlertRaised {
            label,
            alert,
            for_s,
        } => match alert {
            Alert::Errors { share } => format!(
                "alert: {label} failed {} % of its requests for {for_s} s",
                Fixed(share * 100.0, 0),
                for_s = Fixed(*for_s, 0)
            ),
            Alert::Saturated { utilization } => format!(
                "alert: {label} saturated for {for_s} s ({} % utilization)",
                Fixed(utilization * 100.0, 0),
                for_s = Fixed(*for_s, 0)
            ),
            Alert::QueueGrowing { from, to } => {
                format!(
                    "alert: queue at {label} grew from {} to {} requests in {for_s} s",
                    grouped(*from),
                    grouped(*to),
                    for_s = Fixed(*for_s, 0)
                )
            }
        },
        LogEvent::AlertCleared {
            label,
            kind,
            lasted_s,
        } => {
            let what = match kind {
                // Log style, without a verb that would have to agree with the label ("Web
                // servers", "Cache").
                // Cleared is not healed: a primary down behind its replicas may still fail
                // its writes, under the line as reads grow around them.
                AlertKind::Errors => format!(
                    "{label} failing under {} % of its requests again",
                    Fixed(ERROR_ALERT_SHARE * 100.0, 0)
                ),
                AlertKind::Saturated => format!("{label} no longer saturated"),
                AlertKind::QueueGrowing => format!("queue at {label} no longer growing"),
            };
            format!(
                "alert cleared: {what} (after {lasted_s} s)",
                lasted_s = Fixed(*lasted_s, 0)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn says(event: LogEvent) -> String {
        log_message(&event)
    }

    #[test]
    fn events_of_one_component_among_several_alike_name_it() {
        // Two web tiers, two worker pools, two databases: the log says which one.
        assert_eq!(
            says(LogEvent::Autoscaled {
                label: "Web servers (DC2)".into(),
                from: 3,
                to: 4
            }),
            "Web servers (DC2) autoscaled from 3 to 4 instances"
        );
        assert_eq!(
            says(LogEvent::WorkersScaled {
                label: "Workers (DC1)".into(),
                from: 6,
                to: 7
            }),
            "Workers (DC1) autoscaled from 6 to 7 workers"
        );
        assert_eq!(
            says(LogEvent::ReplicaPromoted {
                label: "Database (DC1)".into()
            }),
            "Database (DC1): replica promoted, writes accepted again"
        );
        assert_eq!(
            says(LogEvent::JobsRedelivered {
                label: "Workers".into(),
                jobs: 12
            }),
            "Workers: 12 jobs redelivered from the durable queue"
        );
    }

    #[test]
    fn each_event_reads_as_the_log_has_always_read() {
        let label = || "Cache".to_string();
        assert_eq!(
            says(LogEvent::Restored {
                label: label(),
                how: Restored::CacheNodes {
                    nodes: 3,
                    warm: true
                }
            }),
            "Cache restored: 3 of 3 nodes up, warm (a surviving node kept the data)"
        );
        assert_eq!(
            says(LogEvent::ReplicatedNodeFailed {
                label: label(),
                part: ReplicatedPart::Cache,
                node: 2,
                nodes: 2,
                last: true
            }),
            "Cache: node 2 of 2 failed; the cache is down: reads go to the database (miss storm)"
        );
        assert_eq!(
            says(LogEvent::ReplicatedNodeFailed {
                label: "Sessions".into(),
                part: ReplicatedPart::SessionStore,
                node: 1,
                nodes: 1,
                last: true
            }),
            "Sessions failed; the session store is down: logged-in users lose their sessions"
        );
        assert_eq!(
            says(LogEvent::AssetsDeployed {
                label: "CDN".into(),
                versioned: false,
                ttl_s: Some(3600.0)
            }),
            "CDN: new assets deployed at the same URLs; edges serve the old ones for up to 1 h"
        );
        assert_eq!(
            says(LogEvent::NoSqlNodeFailed {
                label: "Store".into(),
                node: 1,
                nodes: 4,
                down: 1,
                unavailable_share: 0.25,
                replication_factor: 1
            }),
            "Store: node 1 of 4 failed (1 down); 25 % of keys have no live replica"
        );
        assert_eq!(
            says(LogEvent::PrimaryFailed {
                label: "DB".into(),
                replica: 1,
                promote_at_s: 42.4,
                lost_writes: 7
            }),
            "DB: primary failed; replica 1 will be promoted at 42 s; 7 acknowledged writes lost"
        );
        assert_eq!(
            says(LogEvent::LeaderUnreachable {
                label: "DB (DC1)".into(),
                takeover: Some(("DB (DC2)".into(), 91.0))
            }),
            "DB (DC1) unreachable: its copy DB (DC2) takes the writes at 91 s (detection + \
             promotion); until then writes fail"
        );
        assert_eq!(
            says(LogEvent::JobsAtCrash {
                label: "Workers".into(),
                jobs: 12,
                durable: true
            }),
            "Workers: 12 jobs kept by the durable queue, redelivered on restore"
        );
    }

    #[test]
    fn alerts_name_the_component_the_figure_and_how_long() {
        assert_eq!(
            says(LogEvent::AlertRaised {
                label: "Web".into(),
                alert: Alert::Errors { share: 0.873 },
                for_s: 10.0
            }),
            "alert: Web failed 87 % of its requests for 10 s"
        );
        assert_eq!(
            says(LogEvent::AlertRaised {
                label: "Web".into(),
                alert: Alert::QueueGrowing { from: 0, to: 7180 },
                for_s: 10.0
            }),
            "alert: queue at Web grew from 0 to 7,180 requests in 10 s"
        );
        assert_eq!(
            says(LogEvent::AlertCleared {
                label: "Web".into(),
                kind: AlertKind::Saturated,
                lasted_s: 50.0
            }),
            "alert cleared: Web no longer saturated (after 50 s)"
        );
        // Cleared says the line it went back under, not that the failures stopped.
        assert_eq!(
            says(LogEvent::AlertCleared {
                label: "DB".into(),
                kind: AlertKind::Errors,
                lasted_s: 26.0
            }),
            "alert cleared: DB failing under 5 % of its requests again (after 26 s)"
        );
        assert_eq!(
            says(LogEvent::PrimaryFailed {
                label: "DB".into(),
                replica: 1,
                promote_at_s: 42.4,
                lost_writes: 1
            }),
            "DB: primary failed; replica 1 will be promoted at 42 s; 1 acknowledged write lost"
        );
    }
}
