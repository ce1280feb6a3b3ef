//! What the run log records: typed events, each a kind plus its arguments.
//!
//! Owns: [`LogEvent`] and its small parts ([`Restored`], [`ReplicatedPart`], [`ColdStart`],
//! [`Alert`], [`AlertKind`]).
//! The engine appends one to the log when something a learner should notice happens (a fault,
//! a failover, a promotion, autoscaling, lost sessions or jobs); the view words it in the
//! user's language (`src/present`), and the command line prints the same words.
//!
//! Invariants: an event carries what its sentence needs and nothing more: the labels of the
//! components it names (as the diagram had them when the run was built), counts, shares in
//! 0..=1 and simulated times in seconds. Deliberately absent: words. Nothing here is English.

use serde::{Deserialize, Serialize};

/// Something that happened in a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogEvent {
    /// A component failed (a `Fail` fault).
    Failed { label: String },
    /// A component was restored (a `Restore` fault), and in what state.
    Restored { label: String, how: Restored },
    /// A component was slowed by `factor` (a `Slow` fault).
    Slowed { label: String, factor: f64 },
    /// A component's outgoing links were cut.
    LinksCut { label: String },
    /// A cache or CDN was flushed: every key misses once.
    Flushed { label: String },
    /// New assets were deployed behind a CDN: under new URLs (`versioned`), or at the same
    /// URLs, the edges then serving the old ones for up to `ttl_s` (or until evicted).
    AssetsDeployed {
        label: String,
        versioned: bool,
        ttl_s: Option<f64>,
    },
    /// A wire was cut or mended; `ends` are the labels of its two components when known.
    WireChanged {
        wire: u32,
        ends: Option<(String, String)>,
        up: bool,
    },
    /// A datacenter failed.
    DatacenterFailed { name: String },
    /// A datacenter was restored.
    DatacenterRestored { name: String },
    /// A component in a restored datacenter comes back without its data.
    ComesBackEmpty { label: String, part: ColdStart },
    /// A health check took `target` out of rotation (`up` false) or put it back.
    HealthCheck { target: String, up: bool },
    /// Web tier `label`'s autoscaling changed its active instances.
    Autoscaled { label: String, from: u32, to: u32 },
    /// Worker pool `label`'s autoscaling changed its instances.
    WorkersScaled { label: String, from: u32, to: u32 },
    /// Workers crashed: a durable queue keeps `jobs` for redelivery, a non-durable one loses
    /// them.
    JobsAtCrash {
        label: String,
        jobs: usize,
        durable: bool,
    },
    /// A durable queue redelivered `jobs` to the restored workers `label`.
    JobsRedelivered { label: String, jobs: usize },
    /// One node of a replicated cache or session store failed (`node` of `nodes`, counted
    /// from 1); `last` when no node is left up.
    ReplicatedNodeFailed {
        label: String,
        part: ReplicatedPart,
        node: u32,
        nodes: u32,
        last: bool,
    },
    /// A balancer's health checks took server `server` (counted from 1) of web tier `target`
    /// out of its rotation, or put it back (`up`).
    ServerHealthCheck {
        target: String,
        server: u32,
        up: bool,
    },
    /// Server `server` (counted from 1) of web tier `label` failed alone: `up` of its
    /// `servers` still run.
    WebServerFailed {
        label: String,
        server: u32,
        up: u32,
        servers: u32,
    },
    /// One node of a NoSQL store failed (`node` of `nodes`, `down` down in all); with nodes
    /// still up, `unavailable_share` of the keys have no live replica.
    NoSqlNodeFailed {
        label: String,
        node: u32,
        nodes: u32,
        down: u32,
        unavailable_share: f64,
        replication_factor: u32,
    },
    /// A database's primary failed; replica `replica` (counted from 1) will be promoted at
    /// `promote_at_s`; `lost_writes` acknowledged writes never reached it.
    PrimaryFailed {
        label: String,
        replica: u32,
        promote_at_s: f64,
        lost_writes: u64,
    },
    /// A database failed with no replica to promote.
    DatabaseFailedNoReplica { label: String },
    /// Database `label`'s promoted replica accepts writes again.
    ReplicaPromoted { label: String },
    /// The primary of shard `shard` (counted from 0, of `shards`) of a sharded database
    /// failed; one of its replicas takes its writes at `promote_at_s`.
    ShardPrimaryFailed {
        label: String,
        shard: u32,
        shards: u32,
        promote_at_s: f64,
    },
    /// Shard `shard` (counted from 0, of `shards`) of a sharded database failed with no
    /// replica to promote: its keys are unavailable; `down` shards are down in all.
    ShardDown {
        label: String,
        shard: u32,
        shards: u32,
        down: u32,
    },
    /// A replica of shard `shard` of a sharded database was promoted: the shard takes writes
    /// again.
    ShardPromoted { label: String, shard: u32 },
    /// A shard was added to a sharded database: the keys its placement moves, beside theory;
    /// their copy starts.
    ShardAdded {
        label: String,
        resharding: crate::sim::metrics::Resharding,
    },
    /// The copy of the keys a new shard moved is done: every key is served by its new shard.
    MigrationDone {
        label: String,
        resharding: crate::sim::metrics::Resharding,
    },
    /// A session store evicts sessions before they expire: it is too small.
    SessionStoreFull { label: String },
    /// The leader of a database copied across datacenters is unreachable; `copy` takes the
    /// writes at `takeover_at_s`, or no copy is up (`None`).
    LeaderUnreachable {
        label: String,
        takeover: Option<(String, f64)>,
    },
    /// A copy was promoted to leader; `lost_writes` acknowledged writes made at `old` never
    /// reached it.
    CopyPromoted {
        label: String,
        old: String,
        lost_writes: u64,
    },
    /// A leader came back before its copy took over: no write lost.
    LeaderBackInTime { label: String },
    /// A database came back as a copy of `leader`, with `writes` to catch up on.
    BackAsCopy {
        label: String,
        leader: String,
        writes: usize,
    },
    /// A condition a person on call would be paged for has held on a component for
    /// `for_s` seconds (see `world/alerts.rs` for the thresholds).
    AlertRaised {
        label: String,
        alert: Alert,
        for_s: f64,
    },
    /// That condition has been gone for a while: the alert clears, `lasted_s` after it
    /// began.
    AlertCleared {
        label: String,
        kind: AlertKind,
        lasted_s: f64,
    },
}

/// A sustained condition on one component, with the figure that raised it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    /// `share` (0..=1) of its arrivals failed, second after second.
    Errors { share: f64 },
    /// Its servers were busy `utilization` (0..=1) of the time, second after second.
    Saturated { utilization: f64 },
    /// Requests waiting in its queues grew from `from` to `to`.
    QueueGrowing { from: u64, to: u64 },
}

impl Alert {
    /// Which condition this is.
    pub fn kind(&self) -> AlertKind {
        match self {
            Alert::Errors { .. } => AlertKind::Errors,
            Alert::Saturated { .. } => AlertKind::Saturated,
            Alert::QueueGrowing { .. } => AlertKind::QueueGrowing,
        }
    }
}

/// Share of a component's arrivals failing in a second above which that second counts as
/// erroring. 5 %: far above the 0.1 % a "three nines" service may fail (a budget burnt fifty
/// times too fast), yet above the stray failures of a healthy run (a session lost, a request
/// timed out in a burst), so an alert means users are really being turned away.
pub const ERROR_ALERT_SHARE: f64 = 0.05;

/// Which sustained condition an alert is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    Errors,
    Saturated,
    QueueGrowing,
}

/// How a restored component comes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Restored {
    /// As it was configured, nothing more to say.
    Whole,
    /// A replicated cache with all `nodes` up again: `warm` if a node survived with the data.
    CacheNodes { nodes: u32, warm: bool },
    /// A session store whose every node had failed: it comes back empty.
    SessionsEmpty,
    /// A session store with all `nodes` up again; a node survived, no session lost.
    SessionNodes { nodes: u32 },
    /// A NoSQL store with all `nodes` up again.
    NoSqlNodes { nodes: u32 },
}

/// A part with full copies on several nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplicatedPart {
    Cache,
    SessionStore,
}

/// What comes back without its data after its datacenter is restored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColdStart {
    /// A cache: every key misses once.
    Cache,
    /// A session store: users whose session was live must log in again.
    Sessions,
}
