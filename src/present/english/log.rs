//! The run log in English: one sentence per [`LogEvent`].
//!
//! Owns: [`log_message`]. The sentences say what happened and what follows from it for the
//! learner ("miss storm", "users must log in again"), in the chapter's terms; numbers are
//! rounded as the log shows them (whole seconds, whole percents).

use crate::sim::log::{ColdStart, LogEvent, ReplicatedPart, Restored};

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
        LogEvent::Slowed { label, factor } => format!("{label} slowed {factor}x"),
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
            let how_long = match ttl_s {
                Some(t) => format!("for up to {t:.0} s"),
                None => "until they are evicted (no TTL)".to_string(),
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
        LogEvent::Autoscaled { from, to } => format!("autoscaled from {from} to {to} instances"),
        LogEvent::WorkersScaled { from, to } => format!("workers scaled from {from} to {to}"),
        LogEvent::JobsAtCrash {
            label,
            jobs,
            durable: true,
        } => format!("{label}: {jobs} jobs kept by the durable queue, redelivered on restore"),
        LogEvent::JobsAtCrash {
            label,
            jobs,
            durable: false,
        } => format!("{label}: {jobs} jobs lost: the queue is not durable"),
        LogEvent::JobsRedelivered { jobs } => {
            format!("{jobs} jobs redelivered from the durable queue")
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
                        "{:.0} % of keys have no live replica",
                        unavailable_share * 100.0
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
            "{label}: primary failed; replica {replica} will be promoted at {promote_at_s:.0} s; \
             {lost_writes} acknowledged writes lost"
        ),
        LogEvent::DatabaseFailedNoReplica { label } => {
            format!("{label} failed (no replica to promote)")
        }
        LogEvent::ReplicaPromoted => "replica promoted: writes accepted again".to_string(),
        LogEvent::SessionStoreFull { label } => {
            format!("{label} is full: sessions evicted before they expire log users out")
        }
        LogEvent::LeaderUnreachable {
            label,
            takeover: Some((copy, at_s)),
        } => format!(
            "{label} unreachable: its copy {copy} takes the writes at {at_s:.0} s (detection + \
             promotion); until then writes fail"
        ),
        LogEvent::LeaderUnreachable {
            label,
            takeover: None,
        } => format!("{label} unreachable and no copy of it is up: writes fail until it is back"),
        LogEvent::CopyPromoted {
            label,
            old,
            lost_writes,
        } => format!(
            "{label} promoted: it takes the writes of every datacenter now; {lost_writes} \
             acknowledged writes made at {old} never reached it and are lost"
        ),
        LogEvent::LeaderBackInTime { label } => {
            format!("{label} back before its copy took over: no write lost")
        }
        LogEvent::BackAsCopy {
            label,
            leader,
            writes,
        } => format!("{label} back as a copy of {leader}: {writes} writes to catch up on"),
    }
}
