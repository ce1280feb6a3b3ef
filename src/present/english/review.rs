//! The design review in English: one sentence per [`Finding`], saying what is wrong and what
//! to do about it, with the labels and names read from the diagram the review was run on;
//! [`review`] runs the review and words each finding, as the view lists them.

use crate::decimal::Shortest;
use crate::model::validate::{FaultMismatch, Finding};
use crate::model::{ComponentId, Diagram, GroupId, validate};

pub use crate::present::say::Worded;

/// The design review of `d`, each diagnostic with its sentence.
pub fn review(d: &Diagram) -> Vec<Worded> {
    validate(d)
        .into_iter()
        .map(|diagnostic| Worded {
            message: message(&diagnostic.finding, d),
            diagnostic,
        })
        .collect()
}

/// A component's label; its id if the diagram no longer has it.
fn label(d: &Diagram, id: ComponentId) -> String {
    d.component(id)
        .map_or_else(|| format!("component {}", id.0), |c| c.label.clone())
}

/// A datacenter's name (empty if the diagram no longer has it).
fn datacenter(d: &Diagram, id: GroupId) -> String {
    d.group(id).map_or(String::new(), |g| g.name.clone())
}

fn mismatch(why: FaultMismatch) -> &'static str {
    match why {
        FaultMismatch::CutNeedsWire => "only a wire can be cut",
        FaultMismatch::FlushNeedsCache => "only a cache or a CDN can be flushed",
        FaultMismatch::DeployNeedsCdn => "static assets are deployed behind a CDN",
        FaultMismatch::AddShardNeedsSharded => "only a sharded database can be given a shard",
        FaultMismatch::SlowFactorBelowOne => "a slow-down factor must be at least 1",
        FaultMismatch::NothingToSlow => {
            "a resolver or a metrics sink takes no time in the simulation: nothing to slow"
        }
        FaultMismatch::UsersOnlySend => {
            "users only send: change their traffic profile to change their load"
        }
    }
}

/// The sentence for finding `f` of the review of `d`.
pub fn message(f: &Finding, d: &Diagram) -> String {
    let l = |id: &ComponentId| label(d, *id);
    match f {
        Finding::EmptyCanvas => "the canvas is empty: start with Users and a web server".into(),
        Finding::NoUsers => "there are no Users: nothing will send traffic".into(),
        Finding::BadSettings { component, error } => {
            format!(
                "{}: {}",
                l(component),
                crate::present::say::setting_error(crate::present::lang::Lang::En, error)
            )
        }
        Finding::WireMissingEnd { wire } => format!("wire {} has a missing end", wire.0),
        Finding::WireRefused { from, to, reason } => {
            format!("{} -> {}: {}", l(from), l(to), super::wire_reason(*reason))
        }
        Finding::UsersUnwired { users } => format!(
            "{} are not wired to anything: connect them to DNS or a load balancer",
            l(users)
        ),
        Finding::DynamicPortUnwired { users } => format!(
            "{} send reads and writes but their “dynamic” port is not wired",
            l(users)
        ),
        Finding::StaticPortUnwired { users } => format!(
            "{} request static assets but their “static” port is not wired: wire it to a CDN",
            l(users)
        ),
        Finding::WritesReachNoStore { users } => format!(
            "writes from {} reach nothing that stores them: wire the web tier's “data” port to a database",
            l(users)
        ),
        Finding::Unreachable { component } => {
            format!("no traffic from Users can reach {}", l(component))
        }
        Finding::LoadBalancerSinglePoint { balancer } => format!(
            "{} is a single point of failure: if it fails nobody gets in; add a second one (e.g. in another datacenter behind DNS)",
            l(balancer)
        ),
        Finding::WebTierOfOne { web } => format!(
            "only one server runs in {}: a single point of failure; run at least two behind a load balancer",
            l(web)
        ),
        Finding::StatefulBehindNonSticky { web, balancer } => format!(
            "sessions live in the memory of {} but {} is not sticky: users get logged out when a request lands on another server; make the tier stateless with a session store",
            l(web),
            l(balancer)
        ),
        Finding::SessionsPortUnwired { web } => format!(
            "{}: its “sessions” port is not wired, and the tier keeps no sessions itself: wire it to a session store",
            l(web)
        ),
        Finding::NoSessionsToKeep { store } => format!(
            "{} will hold no sessions: no population has logged-in users (their login session share is 0), so it only adds to the cost",
            l(store)
        ),
        Finding::DatabaseWithoutReplicas { database } => format!(
            "{} has no replicas: a single point of failure with nothing to fail over to; add read replicas",
            l(database)
        ),
        Finding::CacheWithNothingBehind { cache } => format!(
            "{} has nothing behind it: wire its “miss” port to a database",
            l(cache)
        ),
        Finding::SingleNodeCache { cache } => format!(
            "{} runs on one node: if it fails, every read falls on the database at once; add a replica",
            l(cache)
        ),
        Finding::QueueWithoutConsumers { queue } => format!(
            "{} has no consumers: jobs pile up until it is full; wire it to workers",
            l(queue)
        ),
        Finding::DnsWeightUnwired {
            dns,
            percent,
            target,
        } => format!(
            "{} gives {percent} % of answers to component {}, which it is not wired to",
            l(dns),
            target.0
        ),
        Finding::DatacenterWithoutData { datacenter: g } => format!(
            "datacenter {} has no path to data: its web servers reach no database",
            datacenter(d, *g)
        ),
        Finding::DuplicateDatacenterName { datacenter: g } => format!(
            "two datacenters are named \u{201c}{}\u{201d}: rename one, so that faults, the run \
             log and this review can tell them apart",
            datacenter(d, *g)
        ),
        Finding::DataInOneDatacenter {
            database,
            datacenter: g,
        } => format!(
            "{} holds data no other datacenter has: if {} fails, users sent elsewhere won't find what they wrote; wire its “replicate” port to a database in another datacenter (data synchronization)",
            l(database),
            datacenter(d, *g)
        ),
        Finding::CopyInSameDatacenter { leader, copy } => format!(
            "{} copies {} in the same datacenter: the copy is lost with it; read replicas already keep copies nearby",
            l(copy),
            l(leader)
        ),
        Finding::BadTrafficProfile { error } => {
            format!(
                "traffic profile: {}",
                crate::present::say::traffic_error(crate::present::lang::Lang::En, error)
            )
        }
        Finding::FaultTargetGone { at_s } => format!(
            "a fault at {} s targets something that no longer exists",
            Shortest(at_s.0)
        ),
        Finding::FaultTimeImpossible { at_s } => {
            format!(
                "a fault is scheduled at an impossible time ({})",
                Shortest(at_s.0)
            )
        }
        Finding::FaultAfterRunEnds { at_s, duration_s } => format!(
            "a fault at {} s comes after the run ends ({duration_s} s)",
            Shortest(at_s.0)
        ),
        Finding::FaultMismatch { at_s, why } => {
            format!("the fault at {} s: {}", Shortest(at_s.0), mismatch(*why))
        }
    }
}
