//! The model's words in English: component kinds with the palette's descriptions, regions,
//! ports, why a wire is refused and why a setting is refused.
//!
//! Owns the English of [`ComponentKind`], [`Region`], [`OutPort`], [`InPort`],
//! [`Refusal`] (with [`WireReason`] and [`ReplicationRefusal`]) and [`ConfigError`]
//! (with [`ConfigProblem`]); the Korean sibling is `korean::model`.

use crate::decimal::Shortest;
use crate::model::config::{ConfigError, ConfigProblem, InstanceSize};
use crate::model::rules::{Refusal, ReplicationRefusal, WireReason};
use crate::model::{ComponentKind, EditError, FaultAction, FaultTarget, InPort, OutPort, Region};
use crate::present::format::{as_typed, as_typed_grouped, grouped};

/// The name shown on the palette and on a new component's card.
pub fn kind_name(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Users => "Users",
        ComponentKind::Dns => "DNS",
        ComponentKind::Cdn => "CDN",
        ComponentKind::LoadBalancer => "Load balancer",
        ComponentKind::WebServers => "Web servers",
        ComponentKind::Cache => "Cache",
        ComponentKind::SessionStore => "Session store",
        ComponentKind::Database => "Database",
        ComponentKind::NoSql => "NoSQL store",
        ComponentKind::ShardedDatabase => "Sharded database",
        ComponentKind::MessageQueue => "Message queue",
        ComponentKind::Workers => "Workers",
        ComponentKind::MetricsSink => "Logs & metrics",
    }
}

/// One line saying what the component does in a scaled-out web service.
pub fn kind_description(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Users => {
            "A client population sending reads, writes and static-asset requests."
        }
        ComponentKind::Dns => {
            "Resolves the domain; GeoDNS sends users to the nearest healthy datacenter."
        }
        ComponentKind::Cdn => {
            "Edge caches for static assets; misses and edge failures go to the origin."
        }
        ComponentKind::LoadBalancer => {
            "Public entry point spreading requests over healthy web servers."
        }
        ComponentKind::WebServers => {
            "A group of web servers: scale up with bigger instances, out with more."
        }
        ComponentKind::Cache => "In-memory key cache (read-through, TTL, LRU/LFU/FIFO eviction).",
        ComponentKind::SessionStore => "Shared session storage that makes the web tier stateless.",
        ComponentKind::Database => {
            "Relational primary taking writes, with read replicas, failover and copies in other datacenters."
        }
        ComponentKind::NoSql => "Key-value store: low latency, easy to scale out, no joins.",
        ComponentKind::ShardedDatabase => {
            "Data split over shards by key: modulo or consistent hashing."
        }
        ComponentKind::MessageQueue => "Durable buffer decoupling producers from workers.",
        ComponentKind::Workers => "A pool consuming jobs from a queue; scales on queue depth.",
        ComponentKind::MetricsSink => "Collects logs and metrics from the components wired to it.",
    }
}

/// A region's name.
pub fn region_name(region: Region) -> &'static str {
    match region {
        Region::NorthAmerica => "North America",
        Region::SouthAmerica => "South America",
        Region::Europe => "Europe",
        Region::Asia => "Asia",
        Region::Oceania => "Oceania",
    }
}

/// The short label drawn beside an output port.
pub fn out_port_name(port: OutPort) -> &'static str {
    match port {
        OutPort::Dynamic => "dynamic",
        OutPort::Static => "static",
        OutPort::Resolve => "resolve",
        OutPort::Origin => "origin",
        OutPort::Backends => "backends",
        OutPort::Data => "data",
        OutPort::Sessions => "sessions",
        OutPort::Jobs => "jobs",
        OutPort::Logs => "logs",
        OutPort::Miss => "miss",
        OutPort::Consumers => "consumers",
        OutPort::Replicate => "replicate",
    }
}

/// The short label drawn beside an input port.
pub fn in_port_name(port: InPort) -> &'static str {
    match port {
        InPort::Requests => "requests",
        InPort::Data => "data",
        InPort::Sessions => "sessions",
        InPort::Jobs => "jobs",
        InPort::Logs => "logs",
    }
}

/// Why the connection table refuses a wire.
pub fn wire_reason(reason: WireReason) -> &'static str {
    use WireReason as W;
    match reason {
        W::DynamicToCdn => {
            "a CDN serves static assets: wire dynamic requests to DNS or a load balancer"
        }
        W::DynamicToCache => {
            "users do not query a cache directly: wire them to web servers, which use the cache"
        }
        W::DynamicToDatabase => {
            "users never reach the database directly: put web servers in between"
        }
        W::DynamicToUsers => {
            "users do not send requests to other users: wire them to DNS or a load balancer"
        }
        W::DynamicElsewhere => "dynamic requests go to DNS, a load balancer or web servers",
        W::StaticToCache => {
            "static assets are cached at the edge: wire them to a CDN, not to the data cache"
        }
        W::StaticElsewhere => "static assets go to a CDN (or, without one, to the web servers)",
        W::ResolveToDns => {
            "DNS answers with an address to connect to: resolve to a load balancer or web servers, not to another DNS"
        }
        W::ResolveElsewhere => "DNS resolves to a load balancer, web servers or a CDN",
        W::OriginToCdn => {
            "a CDN's origin is your own servers: wire it to a load balancer or web servers"
        }
        W::OriginElsewhere => {
            "a CDN fetches misses from its origin: a load balancer or web servers"
        }
        W::BackendsToLoadBalancer => {
            "chaining load balancers adds a hop and no capacity: wire it to web servers"
        }
        W::BackendsToDatabase => {
            "a load balancer spreads HTTP requests over web servers; replicas are set on the database itself"
        }
        W::BackendsElsewhere => "a load balancer spreads requests over web servers",
        W::DataToSessionStore => {
            "use the “sessions” port for session data; application data goes to a cache or a database"
        }
        W::DataToMessageQueue => "use the “jobs” port to publish jobs to a queue",
        W::DataToWebServers => {
            "application data lives in a cache or a database, not in other web servers"
        }
        W::DataElsewhere => {
            "application data goes to a cache, a database, a NoSQL store or a sharded database"
        }
        W::SessionsToShardedDatabase => {
            "keep sessions in a session store, a cache or a NoSQL store, not in the sharded user data"
        }
        W::SessionsElsewhere => {
            "sessions go to a shared store: a session store, a cache, a NoSQL store or a database"
        }
        W::JobsToWorkers => {
            "put a message queue between web servers and workers so either side can scale and fail independently"
        }
        W::JobsElsewhere => "jobs are published to a message queue",
        W::LogsElsewhere => "logs and metrics go to a logs & metrics sink",
        W::MissToWebServers => "a cache does not call web servers: wire its misses to a database",
        W::MissToCache => "a cache behind a cache only adds a hop here: wire misses to a database",
        W::MissElsewhere => "a cache reads through to a database on a miss",
        W::ConsumersToWebServers => {
            "web servers publish jobs; workers consume them: wire the queue to workers"
        }
        W::ConsumersElsewhere => "a message queue delivers jobs to workers",
        W::ReplicateToCache => {
            "a cache fills itself from reads: replicate to a database in another datacenter"
        }
        W::ReplicateToShardedDatabase => {
            "a sharded database replicates each shard itself: replicate to a database"
        }
        W::ReplicateElsewhere => {
            "a database ships its writes to a copy of itself: another database"
        }
    }
}

/// Why a `replicate` wire is refused.
pub fn replication_refusal(r: ReplicationRefusal) -> &'static str {
    match r {
        ReplicationRefusal::TargetAlreadyACopy => {
            "this database already copies another one: a copy follows a single source"
        }
        ReplicationRefusal::SourceIsACopy => {
            "this database is itself a copy: wire “replicate” from the database that takes the writes"
        }
        ReplicationRefusal::TargetShipsCopies => {
            "that database ships copies of its own: a copy cannot also be a source"
        }
    }
}

/// Why a wire was refused, as a sentence for the user.
pub fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::UnknownComponent(id) => format!("component {} no longer exists", id.0),
        Refusal::NoSuchOutPort { kind, port } => {
            format!(
                "a {} has no “{}” output",
                kind_name(*kind),
                out_port_name(*port)
            )
        }
        Refusal::NoSuchInPort { kind, port } => {
            format!(
                "a {} has no “{}” input",
                kind_name(*kind),
                in_port_name(*port)
            )
        }
        Refusal::SelfLoop => "a component cannot be wired to itself".to_string(),
        Refusal::Duplicate => "these ports are already wired together".to_string(),
        Refusal::NotAllowed { reason, .. } => wire_reason(*reason).to_string(),
        Refusal::Cycle => {
            "this wire would close a loop: requests would go round forever".to_string()
        }
        Refusal::Replication(why) => replication_refusal(*why).to_string(),
        Refusal::IdsExhausted => "this diagram has run out of ids".to_string(),
    }
}

/// What is wrong with a value, as the end of a sentence about it: "must be between 0 and 1,
/// not 2".
pub fn config_problem(p: &ConfigProblem) -> String {
    match p {
        ConfigProblem::NotFinite => "must be a finite number".to_string(),
        ConfigProblem::OutOfRange { min, max, value } => {
            format!(
                "must be between {} and {}, not {}",
                as_typed_grouped(min.0),
                as_typed_grouped(max.0),
                as_typed_grouped(value.0)
            )
        }
        ConfigProblem::CountOutOfRange { min, max, value } => format!(
            "must be between {} and {}, not {}",
            grouped(*min),
            grouped(*max),
            grouped(*value)
        ),
        ConfigProblem::NotAboveZeroAtMost { max, value } => {
            format!(
                "must be above 0 and at most {}, not {}",
                as_typed_grouped(max.0),
                as_typed_grouped(value.0)
            )
        }
        ConfigProblem::SharesDoNotAddUp { sum } => format!(
            "read, write and static shares must add up to 1, not {}",
            Shortest(sum.0)
        ),
        ConfigProblem::WeightsDoNotAddUp { sum } => {
            format!("weights must add up to 100 %, not {sum} %")
        }
        ConfigProblem::ShardingKeyLength => "must name a column (1 to 64 characters)".to_string(),
        ConfigProblem::NotSeconds { value } => {
            format!(
                "must be a number of seconds >= 0, not {}",
                as_typed(value.0)
            )
        }
        ConfigProblem::Zero => "must be above 0".to_string(),
        ConfigProblem::AboveMax { max } => format!("must be at most {max}"),
    }
}

/// Why a setting was refused: the field's path, then what is wrong with it.
pub fn config_error(e: &ConfigError) -> String {
    format!("“{}” {}", e.field, config_problem(&e.problem))
}

/// Why an edit of the diagram was refused.
pub fn edit_error(e: &EditError) -> String {
    match e {
        EditError::UnknownComponent(id) => format!("there is no component {}", id.0),
        EditError::UnknownWire(id) => format!("there is no wire {}", id.0),
        EditError::UnknownGroup(id) => format!("there is no datacenter {}", id.0),
        EditError::DuplicateComponent(id) => format!("component id {} is taken", id.0),
        EditError::DuplicateWire(id) => format!("wire id {} is taken", id.0),
        EditError::DuplicateGroup(id) => format!("datacenter id {} is taken", id.0),
        EditError::ConfigKindMismatch { component, config } => format!(
            "a {} cannot take the settings of a {}",
            kind_name(*component),
            kind_name(*config)
        ),
        EditError::NoSuchOutPort(kind, port) => {
            format!(
                "a {} has no “{}” output",
                kind_name(*kind),
                out_port_name(*port)
            )
        }
        EditError::NoSuchInPort(kind, port) => {
            format!(
                "a {} has no “{}” input",
                kind_name(*kind),
                in_port_name(*port)
            )
        }
        EditError::UnknownFaultTarget(t) => {
            let target = match t {
                FaultTarget::Component(id) => format!("component {}", id.0),
                FaultTarget::Group(id) => format!("datacenter {}", id.0),
                FaultTarget::Wire(id) => format!("wire {}", id.0),
            };
            format!("the fault's target, {target}, does not exist")
        }
        EditError::IdsExhausted => "this diagram has run out of ids".to_string(),
    }
}

/// The button words for a fault ("Slow ×5", "Flush cache").
pub fn fault_action(action: FaultAction) -> String {
    match action {
        FaultAction::Fail => "Fail".into(),
        FaultAction::Restore => "Restore".into(),
        FaultAction::Slow { factor } => format!("Slow ×{}", Shortest(factor)),
        FaultAction::CutLink => "Cut wire".into(),
        FaultAction::FlushCache => "Flush cache".into(),
        FaultAction::DeployAssets => "Deploy assets".into(),
        FaultAction::AddShard => "Add a shard".into(),
    }
}

/// A server size as pickers show it.
pub fn instance_size(size: InstanceSize) -> &'static str {
    match size {
        InstanceSize::Vcpu2 => "2 vCPU / 8 GiB",
        InstanceSize::Vcpu4 => "4 vCPU / 16 GiB",
        InstanceSize::Vcpu8 => "8 vCPU / 32 GiB",
        InstanceSize::Vcpu16 => "16 vCPU / 64 GiB",
        InstanceSize::Vcpu32 => "32 vCPU / 128 GiB",
        InstanceSize::Vcpu64 => "64 vCPU / 256 GiB",
    }
}
