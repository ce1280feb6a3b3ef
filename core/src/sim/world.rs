//! A diagram turned into a running simulation: individual requests hop between components.
//!
//! Owns: [`build`] (validated `Diagram` -> [`Simulation`], or a precise [`BuildError`]),
//! [`Simulation::step_until`], [`Simulation::snapshot`] and [`Simulation::inject`].
//!
//! ```text
//!  Users ──Generate──▶ new request (read / write / static, Zipf key or celebrity, login flag,
//!    │                 client id, region)            one-way network delay on every hop:
//!    ├─dynamic─▶ DNS ──resolve (TTL-cached per client bucket, health-checked, nearest DC)─▶ LB
//!    └─static──▶ CDN ──hit: reply │ miss or edge down ─origin─▶ LB ──backends (health-checked, policy)─▶ Web
//!  LB with a capacity: one request forwarded at a time, in arrival order (Lindley's recursion
//!  on its own arrival event); a request that would wait past the timeout is refused.
//!  Web instance (c-server FIFO station) ── Done ─▶ session (local if stateful, else store:
//!                                                   found, new login, or lost)
//!     ├─ read ─▶ Cache ──hit: reply │ miss ─▶ DB (replica station; stale check) ─▶ fill ─▶ reply
//!     ├─ write ─▶ DB primary station ─▶ replicate (apply queues, lag, sync acks) ─▶ reply;
//!     │           invalidates the caches the web tier reads; publishes a job if wired
//!     └─ logs ─▶ metrics sink (counted)
//!  Message queue = the waiting line of its Workers station (capacity, autoscaled on depth and
//!  on the jobs in hand); a durable one keeps its jobs while the workers are down and
//!  redelivers the ones in hand at a crash, a non-durable one loses them.
//!  Tick (1 s): traffic profile, health checks, autoscaling, marks for the last-window figures.
//! ```
//!
//! Invariants: every user request is in exactly one place (an event, a station, a pending sync
//! write) until it completes or fails with one reason, so `arrived = completed + failed +
//! in flight` at every instant; requests live in a slab whose free slots are reused, and in
//! flight requests are capped, so memory stays flat however long the run; all per-key state is
//! looked up, never iterated, and every random draw comes from a named stream of
//! (scenario seed, component id). A request that wanders (a routing loop in a nonsense diagram)
//! fails with *no route* after a fixed number of hops.
//!
//! Replicated parts, failed node by node (a `Fail` fault takes one node, `Restore` brings them
//! all back, a datacenter failure takes every node it holds):
//! - Cache (`replicas` nodes, each a full copy): while a node survives, the cache serves as
//!   before with its warm copy; with the last node it is down (the web tier reads the database:
//!   a miss storm) and its data is gone, so it comes back cold.
//! - Session store (`replicas` nodes, each a full copy): a session per client, in an LRU store of
//!   `capacity_sessions` entries that expire after `session_ttl_s` idle (refreshed on every use).
//!   The client side remembers when it last used its session (bounded by the client
//!   population): a first visit or a session that expired while idle is a new login; a session
//!   gone before its time (evicted from a full store, or lost when the store's last node
//!   failed) logs the user out once (*session lost*), then the user logs in again.
//! - NoSQL (`nodes` nodes, each key on `replication_factor` consecutive nodes after a hash of
//!   the key): a read is served by one live replica of its key (rotating over them); a write is
//!   applied on each live replica in turn (chain replication: RF node services, one same-datacenter
//!   hop between them) and answered after the last. `Fail` takes the first live node down; a key
//!   none of whose replicas is up fails as *unavailable*. A node that comes back is not caught up
//!   (no hinted handoff or repair is modelled).
//!
//! Databases copied across datacenters (a `replicate` wire from a source to each copy, see
//! [`super::regions`]): the leader (at first the source) takes every write, those reaching a
//! copy crossing to it (one cross-region hop); it ships each write it takes to the copies, which
//! apply them after the one-way delay between the regions on their own apply thread, and pass
//! them on to their own read replicas. A read at a copy is stale if the copy (or the replica
//! that served it) lacks the key's latest write. Writes for a copy that is down, or behind a cut
//! wire, wait and go out when it is back. When the leader becomes unreachable (its datacenter
//! fails, or it fails with no replica of its own to promote) shipping stops, and after the
//! copy's detection and promotion time the most up-to-date copy still up leads; the writes it
//! lacked are lost. Until then writes fail at the unreachable leader. A leader back before that
//! keeps leading and loses nothing; one back after it follows the new leader and catches up.
//! Copies are always asynchronous, and a local failover at the leader does not rewind them.
//!
//! An asset deploy (`DeployAssets` on a CDN) with versioned URLs makes every object a new key, so
//! each edge fetches each object once from the origin; without versioning the edges keep
//! serving the copies they filled before the deploy until those expire (*stale assets*).
//!
//! Deliberate simplifications (said here so the view can say them too): the reply travels back
//! as fast as the request came (latency = time in the system + the forward network delays);
//! a CDN edge answers after a fixed delay and never queues; a worker's own data writes are not
//! simulated; the message queue is the
//! workers' waiting line; a NoSQL component's latency is the time at the replica that answered.
//!
//! Cache and session-store nodes answer lookups one at a time in arrival order
//! (`ops_per_node_per_s`, deterministic service; a replicated store spreads them over its
//! nodes up in turn): a lookup's wait follows from the arrivals alone (Lindley's recursion), so
//! it is added to the request's time without an event, and each node is an M/D/1 queue. A
//! lookup that would wait longer than a request waits anywhere fails as a timeout.
//!
//! Events are spent only where something can happen in between: a DNS resolver and a load
//! balancer (except by least connections) route a request on when it is sent to them, for its
//! arrival time, and an answer after a fixed delay (a cache or CDN hit) completes at once with
//! the delay added to its network time. The timings are those of the hop by hop model.

use std::rc::Rc;

use super::cache::{Cache, CacheConfig as SimCacheConfig, Eviction as SimEviction, TtlMode};
use super::histogram::SlidingHistogram;
use super::metrics::{
    ComponentMetrics, DatacenterMetrics, ErrorCounts, FailureReason, Latency, LogEntry, Lookups,
    MetricsSnapshot, NodesUp, RegionCopy, SessionCounts, Totals, WINDOW_S,
};
use super::regions::{Member, RegionGroup};
use super::replication::{FailoverTiming, ReplicaSet, ReplicationConfig, ReplicationMode, WriteOp};
use super::rng::{Dist, KeyMap, SimRng, Zipf};
use super::sharding::{ShardMap, key_hash};
use super::station::{Admission, Station, StationConfig};
use super::{Engine, EventQueue, Model, SimTime, StepOutcome};
use crate::model::config::{
    DnsRouting, Eviction, Expiry, LbAlgorithm, Replication, ServiceTime, SessionMode,
    ShardingStrategy,
};
use crate::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, OutPort,
    Region,
};

/// A request that wanders more hops than this fails with *no route*.
const HOP_LIMIT: u8 = 24;
/// Above this many requests in flight, new ones are refused (overload): memory stays bounded.
const MAX_IN_FLIGHT: usize = 200_000;
/// Longest waiting line of any station.
const QUEUE_CAPACITY: usize = 10_000;
/// A request waiting longer than this in a queue gives up.
const REQUEST_TIMEOUT: SimTime = SimTime::from_secs(10);
/// One-way delay between two components of the same datacenter.
const SAME_DC_HOP: SimTime = SimTime::from_micros(250);
/// Popularity is resolved over at most this many keys (the tail beyond is folded in).
pub(crate) const MAX_ZIPF_KEYS: u64 = 1 << 20;
/// Distinct clients tracked for sessions and DNS caching, per user population.
const MAX_CLIENTS: u64 = 100_000;
/// DNS answers are cached per bucket of clients, buckets expiring at staggered times.
const DNS_BUCKETS: u64 = 16;
/// Event log entries kept.
const LOG_KEEP: usize = 300;
/// Share of a worker pool's concurrency its autoscaler keeps busy at most.
const WORKER_TARGET_BUSY: f64 = 0.8;
/// Ticks kept in the windows' rings: the window spans the last `WINDOW_S` ticks.
const WINDOW_TICKS: usize = WINDOW_S as usize + 1;
const TICK: SimTime = SimTime::from_secs(1);

/// How to run a diagram.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunConfig {
    /// Overrides the scenario's seed.
    pub seed: Option<u64>,
    /// Overrides the scenario's duration (simulated seconds).
    pub duration_s: Option<f64>,
}

/// Why a diagram cannot be simulated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// Nothing sends traffic.
    NoUsers,
    /// A component's settings are out of range.
    InvalidConfig {
        /// The component.
        component: u32,
        /// Its label.
        label: String,
        /// The field and why.
        detail: String,
    },
    /// A component's settings are for another kind.
    ConfigKindMismatch {
        /// The component.
        component: u32,
    },
    /// Two components share an id.
    DuplicateComponent(u32),
    /// A wire names a component that does not exist.
    DanglingWire {
        /// The wire.
        wire: u32,
        /// The missing component.
        component: u32,
    },
    /// The traffic profile is out of range.
    InvalidTraffic(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::NoUsers => write!(f, "add a Users component: nothing sends traffic"),
            BuildError::InvalidConfig {
                component,
                label,
                detail,
            } => write!(f, "component {component} ({label}): {detail}"),
            BuildError::ConfigKindMismatch { component } => write!(
                f,
                "component {component} has the settings of another kind of component"
            ),
            BuildError::DuplicateComponent(id) => write!(f, "two components share the id {id}"),
            BuildError::DanglingWire { wire, component } => write!(
                f,
                "wire {wire} ends at component {component}, which is not in the diagram"
            ),
            BuildError::InvalidTraffic(d) => write!(f, "scenario traffic: {d}"),
        }
    }
}

impl std::error::Error for BuildError {}

type ReqId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReqKind {
    Read,
    Write,
    Static,
    Job,
}

#[derive(Clone, Copy, Debug)]
struct Req {
    kind: ReqKind,
    login: bool,
    key: u64,
    client: u32,
    users: u32,
    region: Region,
    born: SimTime,
    net: SimTime,
    hops: u8,
    /// The web node that served it (where its data operations come from).
    web: Option<u32>,
    /// Instance chosen by a load balancer for the next web node.
    instance: Option<u32>,
    /// CDN edge to fill on the way back.
    edge: Option<u32>,
    /// Cache to fill on the way back.
    cache: Option<u32>,
    entered_dc: bool,
}

enum Ev {
    Generate(u32),
    Arrive(u32, ReqId),
    Done {
        node: u32,
        sub: u32,
        req: ReqId,
        arrived: SimTime,
        incarnation: u32,
    },
    RepDeliver(u32, u32, WriteOp),
    RepApplied(u32, u32, WriteOp, SimTime),
    Promoted(u32, u32),
    /// A write shipped by a region group's leader reaches member `.1`.
    RegionDeliver(u32, u32, WriteOp),
    RegionApplied(u32, u32, WriteOp, SimTime),
    /// A region group's planned take-over (group, plan epoch) is due.
    TakeOver(u32, u32),
    Tick,
    Fault(Fault),
}

struct Health {
    interval: u64,
    threshold: u32,
    /// Per target node: consecutive failed checks, believed up.
    state: Vec<(u32, u32, bool)>,
}

impl Health {
    fn new(interval_s: u32, threshold: u32, targets: &[u32]) -> Health {
        Health {
            interval: interval_s.max(1) as u64,
            threshold: threshold.max(1),
            state: targets.iter().map(|&t| (t, 0, true)).collect(),
        }
    }
    fn believed_up(&self, target: u32) -> bool {
        self.state
            .iter()
            .find(|s| s.0 == target)
            .is_none_or(|s| s.2)
    }
}

struct UsersNode {
    base_rate: f64,
    base_users: f64,
    read: f64,
    write: f64,
    login: f64,
    zipf: Rc<Zipf>,
    celebrities: u32,
    celebrity_share: f64,
    clients: u64,
    region: Region,
    rng: SimRng,
}

struct DnsNode {
    ttl: SimTime,
    routing: DnsRouting,
    health: Health,
    /// (users node, client bucket) -> (answer, expires)
    cache: KeyMap<(u32, SimTime)>,
    rng: SimRng,
}

struct LbNode {
    algorithm: LbAlgorithm,
    added: SimTime,
    health: Health,
    next: RoundRobin,
    rng: SimRng,
    /// A balancer with a capacity forwards one request at a time, in arrival order; `None`:
    /// no limit.
    forwarding: Option<LookupNodes>,
}

struct WebNode {
    instances: Vec<Station<ReqId>>,
    active: u32,
    service: Dist,
    stateful: bool,
    /// client -> (instance, incarnation) holding its session (stateful servers).
    sessions: KeyMap<(u32, u32)>,
    next: RoundRobin,
    autoscale: Option<crate::model::config::Autoscaling>,
    last_scale: Option<SimTime>,
    last_busy: u128,
    last_server: u128,
}

struct CacheNode {
    cache: Cache,
    latency: SimTime,
    /// The nodes' turns at answering lookups (caches; a CDN edge does not queue).
    lookups: Option<LookupNodes>,
    /// Nodes each holding a full copy (a CDN edge is one node).
    nodes: u32,
    /// Nodes serving: the cache is down (and empty) at 0.
    nodes_up: u32,
    /// Static assets (CDN edges): whether their URLs carry a version, the current version,
    /// and when it was deployed.
    versioned_urls: bool,
    assets_version: u64,
    deployed_at: Option<SimTime>,
}

impl CacheNode {
    /// The key an object is cached under: a versioned URL names the deploy it belongs to.
    fn object_key(&self, key: u64) -> u64 {
        if self.versioned_urls {
            key ^ (self.assets_version << 40)
        } else {
            key
        }
    }
    /// Whether the entry for `key` (just hit) holds an object from before the latest deploy.
    fn stale(&self, key: u64) -> bool {
        self.deployed_at.is_some_and(|d| {
            self.cache
                .filled_at(self.object_key(key))
                .is_some_and(|f| f < d)
        })
    }
}

/// A shared session store: a session per client, expiring after `ttl` idle, replicated.
struct SessionNode {
    /// Sessions held: LRU (a full store evicts the least recently used), idle expiry.
    store: Cache,
    ttl: SimTime,
    latency: SimTime,
    lookups: LookupNodes,
    nodes: u32,
    nodes_up: u32,
    /// The clients' side (their session cookie): when each last used its session. Keyed like
    /// the sessions, so bounded by the client population (`MAX_CLIENTS` per Users component).
    last_seen: KeyMap<SimTime>,
    counts: SessionCounts,
    /// The log said once that a full store logs users out.
    warned_full: bool,
}

/// The nodes of an in-memory store answering lookups one at a time, in arrival order
/// (Redis-like): a lookup holds its node for `service`, and one that finds its node busy waits.
/// Its wait follows from the arrivals alone (Lindley's recursion: it starts when the node
/// frees, or at once), so the queue needs no event of its own: the wait is added to the
/// request's time at the store.
#[derive(Clone, Debug)]
struct LookupNodes {
    service: SimTime,
    /// When each node finishes the lookups it has taken.
    free_at: Vec<SimTime>,
    next: usize,
    /// Service handed out, in node-nanoseconds (utilization).
    busy_ns: u128,
    /// Waits handed out, in nanoseconds (the mean queue length, by Little's law).
    waited_ns: u128,
}

impl LookupNodes {
    fn new(nodes: u32, ops_per_s: u64) -> Self {
        LookupNodes {
            service: SimTime((1_000_000_000 / ops_per_s.max(1)).max(1)),
            free_at: vec![SimTime::ZERO; nodes.max(1) as usize],
            next: 0,
            busy_ns: 0,
            waited_ns: 0,
        }
    }

    /// Takes a lookup arriving at `now` on the next of the `up` serving nodes (in turn), each
    /// service `slow` times longer than configured: its wait, or `None` if it would wait longer
    /// than a request waits anywhere (it is refused, costing the node nothing).
    fn admit(&mut self, now: SimTime, up: u32, slow: f64) -> Option<SimTime> {
        let up = (up as usize).clamp(1, self.free_at.len());
        self.next = next_index(self.next as u64, up as u64) as usize;
        let k = self.next;
        let start = self.free_at[k].max(now);
        let wait = start.since(now);
        if wait > REQUEST_TIMEOUT {
            return None;
        }
        let service = if slow == 1.0 {
            self.service
        } else {
            SimTime((self.service.0 as f64 * slow).round() as u64)
        };
        self.free_at[k] = start.after(service);
        self.busy_ns += service.0 as u128;
        self.waited_ns += wait.0 as u128;
        Some(wait)
    }

    /// Time spent waiting by `now`, summed over the lookups (the area under the queue length):
    /// the waits handed out, less what the lookups still queued have yet to wait. The lookups
    /// queued on a node start one service apart before it frees.
    fn waited_by(&self, now: SimTime) -> u128 {
        let s = self.service.0.max(1) as u128;
        let ahead: u128 = self
            .free_at
            .iter()
            .map(|f| {
                let r = f.0.saturating_sub(now.0) as u128;
                let queued = r.div_ceil(s).saturating_sub(1);
                (queued * r).saturating_sub(s * queued * (queued + 1) / 2)
            })
            .sum();
        self.waited_ns.saturating_sub(ahead)
    }

    /// Lookups taken and not yet served at `now` (waiting or in service).
    fn backlog(&self, now: SimTime) -> u64 {
        self.free_at
            .iter()
            .map(|f| f.0.saturating_sub(now.0).div_ceil(self.service.0.max(1)))
            .sum()
    }

    /// Busy node-nanoseconds by `now` (the part of taken service still ahead is not counted).
    fn busy_by(&self, now: SimTime) -> u128 {
        let ahead: u128 = self
            .free_at
            .iter()
            .map(|f| f.0.saturating_sub(now.0) as u128)
            .sum();
        self.busy_ns.saturating_sub(ahead)
    }
}

/// `(i + 1) % m` (`m > 0`), dividing only when `i + 1 > m` (the size shrank since `i`): a
/// division costs tens of cycles, the usual step a comparison.
fn next_index(i: u64, m: u64) -> u64 {
    match i + 1 {
        n if n < m => n,
        n if n == m => 0,
        n => n % m,
    }
}

/// Turns taken in order among `m` (round robin): the `i`-th turn is `i % m`, exactly as if the
/// count were divided each time, but with a division (tens of cycles) only when `m` changes.
#[derive(Clone, Copy, Debug, Default)]
struct RoundRobin {
    turns: u64,
    m: u64,
    /// `turns % m`.
    at: u64,
}

impl RoundRobin {
    /// Counts a turn and returns whose it is among `m > 0`.
    fn next(&mut self, m: u64) -> u64 {
        self.turns += 1;
        if m == self.m {
            self.at = next_index(self.at, m);
        } else {
            self.m = m;
            self.at = self.turns % m;
        }
        self.at
    }
}

/// What a login found in the session store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Login {
    /// The session was there (and its idle timer restarts).
    Found,
    /// A first visit, or a session that expired while idle: a new session, a normal login.
    NewSession,
    /// The session vanished before its time (evicted, or the store restarted empty).
    Lost,
}

impl SessionNode {
    fn login(&mut self, now: SimTime, key: u64) -> Login {
        let outcome = if self.store.lookup(now, key) {
            self.counts.found += 1;
            Login::Found
        } else {
            match self.last_seen.get(&key) {
                None => {
                    self.counts.created += 1;
                    Login::NewSession
                }
                Some(&seen) if now.since(seen) >= self.ttl => {
                    self.counts.expired += 1;
                    Login::NewSession
                }
                Some(_) => {
                    self.counts.lost += 1;
                    Login::Lost
                }
            }
        };
        if outcome != Login::Found {
            // The user logs in (again): a new session.
            self.store.fill(now, key);
        }
        self.last_seen.insert(key, now);
        outcome
    }
}

/// A key-value store over `stations.len()` nodes; each key lives on `replication_factor`
/// consecutive nodes from `key_hash(key) % nodes`.
struct NoSqlNode {
    stations: Vec<Station<ReqId>>,
    up: Vec<bool>,
    /// Per node, bumped when it crashes: the completions it had scheduled are void.
    incarnations: Vec<u32>,
    replication_factor: u32,
    next_read: u64,
}

impl NoSqlNode {
    fn node_count(&self) -> u32 {
        self.stations.len() as u32
    }
    /// The `i`-th replica of `key`.
    fn replica(&self, key: u64, i: u32) -> u32 {
        let n = self.node_count() as u64;
        ((key_hash(key) % n + i as u64) % n) as u32
    }
    /// The first live replica of `key` after `node` in the key's replica order (or the first
    /// live one if `node` is `None`): where a write goes next.
    fn next_live(&self, key: u64, after: Option<u32>) -> Option<u32> {
        let n = self.node_count();
        let start = match after {
            None => 0,
            Some(node) => (node + n - self.replica(key, 0)) % n + 1,
        };
        (start..self.replication_factor)
            .map(|i| self.replica(key, i))
            .find(|&k| self.up[k as usize])
    }
    /// A live replica of `key` for a read, rotating over the live ones.
    fn read_replica(&mut self, key: u64) -> Option<u32> {
        let live = (0..self.replication_factor)
            .filter(|&i| self.up[self.replica(key, i) as usize])
            .count() as u64;
        if live == 0 {
            return None;
        }
        self.next_read += 1;
        let pick = self.next_read % live;
        (0..self.replication_factor)
            .map(|i| self.replica(key, i))
            .filter(|&k| self.up[k as usize])
            .nth(pick as usize)
    }
    /// The share of keys none of whose replicas is up.
    fn unavailable_share(&self) -> f64 {
        let n = self.node_count();
        let dead = (0..n)
            .filter(|&first| {
                (0..self.replication_factor).all(|i| !self.up[((first + i) % n) as usize])
            })
            .count();
        dead as f64 / n as f64
    }
}

struct DbNode {
    primary: Station<ReqId>,
    replicas: Vec<Station<ReqId>>,
    set: ReplicaSet,
    primary_up: bool,
    timing: FailoverTiming,
    pending_sync: KeyMap<ReqId>,
    next_replica: RoundRobin,
    deliveries: Vec<(u32, SimTime)>,
    /// The region group it belongs to (a database wired with `replicate`).
    region_group: Option<u32>,
}

impl DbNode {
    /// The primary of node `n` takes a write of `key`: each replica's copy is scheduled.
    fn ship(&mut self, now: SimTime, n: u32, key: u64, q: &mut EventQueue<Ev>) -> WriteOp {
        let op = self.set.write(now, key, &mut self.deliveries);
        for (rep, at) in self.deliveries.drain(..) {
            q.schedule(at, Ev::RepDeliver(n, rep, op));
        }
        op
    }
}

struct ShardedNode {
    map: ShardMap,
    shards: Vec<Station<ReqId>>,
}

struct WorkersNode {
    station: Station<ReqId>,
    /// Whether the queue feeding them is durable: jobs survive the workers' crash.
    durable: bool,
    /// Jobs a durable queue holds while the workers are down, redelivered on restore.
    held: std::collections::VecDeque<ReqId>,
    /// The queue's capacity (the waiting line's and the held jobs').
    capacity: usize,
    concurrency: u32,
    instances: u32,
    autoscale: crate::model::config::QueueAutoscaling,
    last_scale: SimTime,
}

enum State {
    Users(Box<UsersNode>),
    Dns(DnsNode),
    Cdn(CacheNode),
    Lb(LbNode),
    Web(WebNode),
    Cache(CacheNode),
    Sessions(Box<SessionNode>),
    Db(Box<DbNode>),
    NoSql(NoSqlNode),
    Sharded(ShardedNode),
    Queue,
    Workers(WorkersNode),
    Sink,
}

struct Node {
    id: ComponentId,
    kind: ComponentKind,
    label: String,
    group: Option<u32>,
    region: Option<Region>,
    failed: bool,
    slow: f64,
    base_service: Option<Dist>,
    incarnation: u32,
    /// (port, target node, wire index)
    outs: Vec<(OutPort, u32, u32)>,
    arrivals: u64,
    completions: u64,
    errors: ErrorCounts,
    /// Time spent here by the requests it served: the whole run and the last window.
    latency: SlidingHistogram,
    /// The node's counters at each of the last ticks (a ring indexed by tick number).
    window: [Mark; WINDOW_TICKS],
    /// Servers it offered, in server-nanoseconds, summed at each tick over the second before.
    capacity_area: u128,
    state: State,
}

/// A node's cumulative counters at one tick: the difference of two marks is what happened in
/// between, so a snapshot can report the last window and not only the whole run.
#[derive(Clone, Copy, Debug, Default)]
struct Mark {
    arrivals: u64,
    completions: u64,
    errors: ErrorCounts,
    /// Cache and CDN lookups, and those that hit.
    lookups: Lookups,
    /// Busy server-nanoseconds over every station of the node.
    busy_area: u128,
    capacity_area: u128,
}

impl Node {
    /// The stations serving requests, with whether each counts towards the servers offered
    /// right now (an instance autoscaling removed only finishes what it holds).
    fn stations(&self) -> Vec<(&Station<ReqId>, bool)> {
        match &self.state {
            State::Web(w) => w
                .instances
                .iter()
                .enumerate()
                .map(|(k, st)| (st, (k as u32) < w.active))
                .collect(),
            State::Db(db) => std::iter::once(&db.primary)
                .chain(&db.replicas)
                .map(|st| (st, true))
                .collect(),
            State::NoSql(s) => s.stations.iter().map(|st| (st, true)).collect(),
            State::Sharded(s) => s.shards.iter().map(|st| (st, true)).collect(),
            State::Workers(w) => vec![(&w.station, true)],
            _ => Vec::new(),
        }
    }

    /// The lookup queue of an in-memory store (caches, session stores) and its nodes up.
    fn lookup_nodes(&self) -> Option<(&LookupNodes, u32)> {
        match &self.state {
            State::Cache(c) => c.lookups.as_ref().map(|l| (l, c.nodes_up)),
            State::Sessions(s) => Some((&s.lookups, s.nodes_up)),
            State::Lb(lb) => lb.forwarding.as_ref().map(|l| (l, 1)),
            _ => None,
        }
    }

    /// Parallel servers offered right now.
    fn servers_now(&self) -> u64 {
        if self.failed {
            return 0;
        }
        if let Some((_, up)) = self.lookup_nodes() {
            return up as u64;
        }
        self.stations()
            .into_iter()
            .filter(|(_, active)| *active)
            .map(|(st, _)| st.config().servers as u64)
            .sum()
    }

    /// Its counters now.
    fn mark(&self, now: SimTime) -> Mark {
        let lookups = match &self.state {
            State::Cache(c) | State::Cdn(c) => {
                let s = c.cache.stats();
                Lookups {
                    lookups: s.hits + s.misses,
                    hits: s.hits,
                }
            }
            _ => Lookups::default(),
        };
        Mark {
            arrivals: self.arrivals,
            completions: self.completions,
            errors: self.errors,
            lookups,
            busy_area: self
                .stations()
                .into_iter()
                .map(|(st, _)| st.areas_at(now).0)
                .sum::<u128>()
                + self.lookup_nodes().map_or(0, |(l, _)| l.busy_by(now)),
            capacity_area: self.capacity_area,
        }
    }
}

struct GroupState {
    id: u32,
    name: String,
    failed: bool,
    requests: u64,
}

/// The world a diagram describes, driven by the engine.
struct World {
    nodes: Vec<Node>,
    groups: Vec<GroupState>,
    wire_up: Vec<bool>,
    wire_ids: Vec<u32>,
    reqs: Vec<Req>,
    free: Vec<ReqId>,
    live_requests: u64,
    live_jobs: u64,
    totals: Totals,
    /// Latency of every completed request: the whole run and the last window.
    latency: SlidingHistogram,
    window: [u64; WINDOW_TICKS],
    ticks: u64,
    duration_s: f64,
    traffic: crate::model::TrafficProfile,
    log: std::collections::VecDeque<LogEntry>,
    timed_out: Vec<(SimTime, ReqId)>,
    /// Databases copied across datacenters.
    regions: Vec<RegionGroup>,
    /// Reused buffers of the per-request routing decisions (no allocation per request).
    scratch: Scratch,
    /// One-way network delay between regions (half the round trip), by `Region as usize`.
    one_way: [[SimTime; Region::ALL.len()]; Region::ALL.len()],
}

#[derive(Default)]
struct Scratch {
    targets: Vec<u32>,
    healthy: Vec<u32>,
    slots: Vec<u64>,
    shipped: Vec<(u32, SimTime, WriteOp)>,
    reachable: Vec<bool>,
}

/// A diagram being simulated.
pub struct Simulation {
    engine: Engine<World>,
}

fn dist_of(s: &ServiceTime, speedup: f64) -> Dist {
    let speed = if speedup.is_finite() && speedup > 0.0 {
        speedup
    } else {
        1.0
    };
    match *s {
        ServiceTime::Exponential { mean_ms } => Dist::Exponential {
            mean: SimTime::from_secs_f64(mean_ms / 1e3 / speed),
        },
        ServiceTime::Deterministic { mean_ms } => {
            Dist::Deterministic(SimTime::from_secs_f64(mean_ms / 1e3 / speed))
        }
        ServiceTime::LogNormal { mean_ms, sigma } => Dist::LogNormal {
            median: SimTime::from_secs_f64(mean_ms / 1e3 / speed / libm::exp(sigma * sigma / 2.0)),
            sigma,
        },
    }
}

fn station(
    seed: u64,
    id: u32,
    name: &str,
    servers: u32,
    service: Dist,
    cap: usize,
) -> Station<ReqId> {
    Station::new(
        StationConfig {
            servers,
            service,
            queue_capacity: Some(cap),
            timeout: Some(REQUEST_TIMEOUT),
        },
        SimRng::stream(seed, id as u64, name),
    )
}

fn ms(v: f64) -> SimTime {
    SimTime::from_secs_f64(v / 1e3)
}

/// Builds the simulation of `diagram`.
pub fn build(diagram: &Diagram, run: &RunConfig) -> Result<Simulation, BuildError> {
    let seed = run.seed.unwrap_or(diagram.scenario.seed);
    let duration_s = run
        .duration_s
        .filter(|d| d.is_finite() && *d >= 0.0)
        .unwrap_or(diagram.scenario.duration_s as f64);
    diagram
        .scenario
        .traffic
        .check()
        .map_err(|(field, why)| BuildError::InvalidTraffic(format!("`{field}` {why}")))?;
    let mut index: KeyMap<u32> = KeyMap::default();
    for (i, c) in diagram.components.iter().enumerate() {
        if index.insert(c.id.0 as u64, i as u32).is_some() {
            return Err(BuildError::DuplicateComponent(c.id.0));
        }
        if c.config.kind() != c.kind {
            return Err(BuildError::ConfigKindMismatch { component: c.id.0 });
        }
        c.config.check().map_err(|e| BuildError::InvalidConfig {
            component: c.id.0,
            label: c.label.clone(),
            detail: e.to_string(),
        })?;
    }
    if !diagram
        .components
        .iter()
        .any(|c| c.kind == ComponentKind::Users)
    {
        return Err(BuildError::NoUsers);
    }
    let group_index = |g: crate::model::GroupId| diagram.groups.iter().position(|x| x.id == g);
    let mut outs: Vec<Vec<(OutPort, u32, u32)>> = vec![Vec::new(); diagram.components.len()];
    for (wi, w) in diagram.wires.iter().enumerate() {
        let from = index.get(&(w.from.component.0 as u64)).copied();
        let to = index.get(&(w.to.component.0 as u64)).copied();
        match (from, to) {
            (Some(f), Some(t)) => outs[f as usize].push((w.from.port, t, wi as u32)),
            (None, _) => {
                return Err(BuildError::DanglingWire {
                    wire: w.id.0,
                    component: w.from.component.0,
                });
            }
            (_, None) => {
                return Err(BuildError::DanglingWire {
                    wire: w.id.0,
                    component: w.to.component.0,
                });
            }
        }
    }
    let mut nodes = Vec::with_capacity(diagram.components.len());
    // Populations with the same key space and skew share one popularity table (building one
    // over 2^20 keys is most of the cost of a build, and a build follows every edit in a run).
    let mut zipfs: Vec<(u64, u64, Rc<Zipf>)> = Vec::new();
    for (i, c) in diagram.components.iter().enumerate() {
        let id = c.id.0;
        let targets = |port: OutPort| -> Vec<u32> {
            outs[i]
                .iter()
                .filter(|o| o.0 == port)
                .map(|o| o.1)
                .collect()
        };
        let group = c.group.and_then(group_index).map(|g| g as u32);
        let region = group.map(|g| diagram.groups[g as usize].region);
        let mut base_service = None;
        let state = match &c.config {
            ComponentConfig::Users(u) => {
                let keys = u.key_space.clamp(1, MAX_ZIPF_KEYS);
                // A bare rate stands for users sending one request every 10 s: the growth
                // profile scales it like a population given as a user count.
                let base_users = u.load.active_users();
                State::Users(Box::new(UsersNode {
                    base_rate: u.load.rate_rps(),
                    base_users,
                    read: u.read_share,
                    write: u.write_share,
                    login: u.login_session_share,
                    zipf: match zipfs
                        .iter()
                        .find(|z| z.0 == keys && z.1 == u.zipf_alpha.to_bits())
                    {
                        Some(z) => Rc::clone(&z.2),
                        None => {
                            let z = Rc::new(Zipf::new(keys, u.zipf_alpha));
                            zipfs.push((keys, u.zipf_alpha.to_bits(), Rc::clone(&z)));
                            z
                        }
                    },
                    celebrities: u.celebrity_keys.min(keys as u32),
                    celebrity_share: u.celebrity_share,
                    clients: (base_users as u64).clamp(1, MAX_CLIENTS),
                    region: u.region,
                    rng: SimRng::stream(seed, id as u64, "users"),
                }))
            }
            ComponentConfig::Dns(d) => State::Dns(DnsNode {
                ttl: SimTime::from_secs(d.record_ttl_s as u64),
                routing: d.routing.clone(),
                health: Health::new(
                    d.health_check_interval_s,
                    d.failure_threshold,
                    &targets(OutPort::Resolve),
                ),
                cache: KeyMap::default(),
                rng: SimRng::stream(seed, id as u64, "dns"),
            }),
            ComponentConfig::Cdn(d) => State::Cdn(CacheNode {
                cache: Cache::new(SimCacheConfig {
                    capacity: d.edge_capacity_objects.min(MAX_ZIPF_KEYS) as usize,
                    eviction: SimEviction::Lru,
                    ttl: (d.ttl_s > 0).then(|| SimTime::from_secs(d.ttl_s as u64)),
                    ttl_mode: TtlMode::SetOnFill,
                }),
                latency: ms(d.edge_rtt_ms / 2.0),
                lookups: None,
                nodes: 1,
                nodes_up: 1,
                versioned_urls: d.object_versioning,
                assets_version: 0,
                deployed_at: None,
            }),
            ComponentConfig::LoadBalancer(l) => State::Lb(LbNode {
                algorithm: l.algorithm,
                added: ms(l.added_latency_ms),
                health: Health::new(
                    l.health_check_interval_s,
                    l.failure_threshold,
                    &targets(OutPort::Backends),
                ),
                next: RoundRobin::default(),
                rng: SimRng::stream(seed, id as u64, "lb"),
                forwarding: (l.capacity_rps > 0).then(|| LookupNodes::new(1, l.capacity_rps)),
            }),
            ComponentConfig::WebServers(w) => {
                let service = dist_of(&w.service_time, w.instance_size.cpu_multiplier());
                base_service = Some(service);
                let max = if w.autoscaling.enabled {
                    w.autoscaling.max_instances.max(w.instances)
                } else {
                    w.instances
                };
                State::Web(WebNode {
                    instances: (0..max)
                        .map(|k| {
                            station(
                                seed,
                                id,
                                &format!("web.{k}"),
                                w.concurrency_per_instance,
                                service,
                                QUEUE_CAPACITY,
                            )
                        })
                        .collect(),
                    active: w.instances,
                    service,
                    stateful: w.sessions == SessionMode::Stateful,
                    sessions: KeyMap::default(),
                    next: RoundRobin::default(),
                    autoscale: w.autoscaling.enabled.then(|| w.autoscaling.clone()),
                    last_scale: None,
                    last_busy: 0,
                    last_server: 0,
                })
            }
            ComponentConfig::Cache(k) => State::Cache(CacheNode {
                cache: Cache::new(SimCacheConfig {
                    capacity: k.capacity_keys.min(MAX_ZIPF_KEYS) as usize,
                    eviction: match k.eviction {
                        Eviction::Lru => SimEviction::Lru,
                        Eviction::Lfu => SimEviction::Lfu,
                        Eviction::Fifo => SimEviction::Fifo,
                    },
                    ttl: (k.ttl_s > 0).then(|| SimTime::from_secs(k.ttl_s as u64)),
                    ttl_mode: match k.expiry {
                        Expiry::SetOnWrite => TtlMode::SetOnFill,
                        Expiry::RefreshOnHit => TtlMode::RefreshOnHit,
                    },
                }),
                latency: ms(k.get_latency_ms),
                lookups: Some(LookupNodes::new(k.replicas, k.ops_per_node_per_s)),
                nodes: k.replicas.max(1),
                nodes_up: k.replicas.max(1),
                versioned_urls: false,
                assets_version: 0,
                deployed_at: None,
            }),
            ComponentConfig::SessionStore(s) => State::Sessions(Box::new(SessionNode {
                store: Cache::new(SimCacheConfig {
                    capacity: s.capacity_sessions.min(u32::MAX as u64) as usize,
                    eviction: SimEviction::Lru,
                    ttl: Some(SimTime::from_secs(s.session_ttl_s.max(1) as u64)),
                    ttl_mode: TtlMode::RefreshOnHit,
                }),
                ttl: SimTime::from_secs(s.session_ttl_s.max(1) as u64),
                latency: ms(s.get_latency_ms),
                lookups: LookupNodes::new(s.replicas, s.ops_per_node_per_s),
                nodes: s.replicas.max(1),
                nodes_up: s.replicas.max(1),
                last_seen: KeyMap::default(),
                counts: SessionCounts::default(),
                warned_full: false,
            })),
            ComponentConfig::Database(d) => {
                let service = dist_of(&d.service_time, d.instance_size.cpu_multiplier());
                base_service = Some(service);
                let servers = d.concurrency_per_node;
                State::Db(Box::new(DbNode {
                    primary: station(seed, id, "db.primary", servers, service, QUEUE_CAPACITY),
                    replicas: (0..d.read_replicas)
                        .map(|r| {
                            station(
                                seed,
                                id,
                                &format!("db.replica.{r}"),
                                servers,
                                service,
                                QUEUE_CAPACITY,
                            )
                        })
                        .collect(),
                    set: ReplicaSet::new(
                        ReplicationConfig {
                            replicas: d.read_replicas,
                            network: Dist::Deterministic(ms(d.network_delay_ms)),
                            apply: Dist::Exponential {
                                mean: SimTime::from_secs_f64(1.0 / d.apply_rate_per_s),
                            },
                            mode: match d.replication {
                                Replication::Async => ReplicationMode::Async,
                                Replication::Sync => ReplicationMode::Sync,
                            },
                        },
                        seed,
                        id as u64,
                    ),
                    primary_up: true,
                    timing: FailoverTiming {
                        check_interval: SimTime::from_secs(d.failover.detection_interval_s as u64),
                        failures_to_detect: d.failover.failure_threshold,
                        promotion: SimTime::from_secs(d.failover.promotion_time_s as u64),
                        dns_ttl: SimTime::ZERO,
                    },
                    pending_sync: KeyMap::default(),
                    next_replica: RoundRobin::default(),
                    deliveries: Vec::new(),
                    region_group: None,
                }))
            }
            ComponentConfig::NoSql(n) => {
                let service = dist_of(&n.service_time, 1.0);
                base_service = Some(service);
                let nodes = n.nodes.max(1);
                State::NoSql(NoSqlNode {
                    stations: (0..nodes)
                        .map(|k| {
                            station(
                                seed,
                                id,
                                &format!("nosql.{k}"),
                                n.concurrency_per_node,
                                service,
                                QUEUE_CAPACITY,
                            )
                        })
                        .collect(),
                    up: vec![true; nodes as usize],
                    incarnations: vec![0; nodes as usize],
                    replication_factor: n.replication_factor.clamp(1, nodes),
                    next_read: 0,
                })
            }
            ComponentConfig::ShardedDatabase(s) => {
                let service = dist_of(&s.service_time, 1.0);
                base_service = Some(service);
                State::Sharded(ShardedNode {
                    map: match s.strategy {
                        ShardingStrategy::Modulo => ShardMap::modulo(s.shards),
                        ShardingStrategy::ConsistentHashing { virtual_nodes } => {
                            ShardMap::consistent(s.shards, virtual_nodes, seed ^ id as u64)
                        }
                    },
                    shards: (0..s.shards)
                        .map(|k| {
                            station(
                                seed,
                                id,
                                &format!("shard.{k}"),
                                s.concurrency_per_shard,
                                service,
                                QUEUE_CAPACITY,
                            )
                        })
                        .collect(),
                })
            }
            ComponentConfig::MessageQueue(_) => State::Queue,
            ComponentConfig::Workers(w) => {
                let service = dist_of(&w.service_time, 1.0);
                base_service = Some(service);
                // The queue feeding the workers bounds their line; take the largest. A durable
                // one keeps its jobs through a crash of the workers.
                let feeding = || {
                    diagram
                        .wires
                        .iter()
                        .filter(|x| x.to.component == c.id)
                        .filter_map(|x| diagram.component(x.from.component))
                        .filter_map(|q| match &q.config {
                            ComponentConfig::MessageQueue(m) => Some(m),
                            _ => None,
                        })
                };
                let cap = feeding()
                    .map(|m| m.capacity_messages)
                    .max()
                    .unwrap_or(QUEUE_CAPACITY as u64)
                    .min(1 << 24) as usize;
                let durable = feeding().any(|m| m.durable);
                State::Workers(WorkersNode {
                    durable,
                    held: Default::default(),
                    capacity: cap,
                    station: Station::new(
                        StationConfig {
                            servers: w.instances.saturating_mul(w.concurrency_per_instance),
                            service,
                            queue_capacity: Some(cap),
                            timeout: None,
                        },
                        SimRng::stream(seed, id as u64, "workers"),
                    ),
                    concurrency: w.concurrency_per_instance,
                    instances: w.instances,
                    autoscale: w.autoscaling.clone(),
                    last_scale: SimTime::ZERO,
                })
            }
            ComponentConfig::MetricsSink(_) => State::Sink,
        };
        nodes.push(Node {
            id: c.id,
            kind: c.kind,
            label: c.label.clone(),
            group,
            region,
            failed: false,
            slow: 1.0,
            base_service,
            incarnation: 0,
            outs: std::mem::take(&mut outs[i]),
            arrivals: 0,
            completions: 0,
            errors: ErrorCounts::default(),
            latency: SlidingHistogram::with_total(TICK, WINDOW_TICKS),
            window: [Mark::default(); WINDOW_TICKS],
            capacity_area: 0,
            state,
        });
    }
    let regions = region_groups(&mut nodes, seed);
    let world = World {
        regions,
        nodes,
        groups: diagram
            .groups
            .iter()
            .map(|g| GroupState {
                id: g.id.0,
                name: g.name.clone(),
                failed: false,
                requests: 0,
            })
            .collect(),
        wire_up: vec![true; diagram.wires.len()],
        wire_ids: diagram.wires.iter().map(|w| w.id.0).collect(),
        reqs: Vec::new(),
        free: Vec::new(),
        live_requests: 0,
        live_jobs: 0,
        totals: Totals::default(),
        latency: SlidingHistogram::with_total(TICK, WINDOW_TICKS),
        window: [0; WINDOW_TICKS],
        ticks: 0,
        duration_s,
        traffic: diagram.scenario.traffic,
        log: Default::default(),
        timed_out: Vec::new(),
        scratch: Scratch::default(),
        one_way: Region::ALL.map(|a| Region::ALL.map(|b| ms(a.round_trip_ms(b) / 2.0))),
    };
    let mut engine = Engine::new(world);
    for (i, n) in engine.model.nodes.iter().enumerate() {
        if n.kind == ComponentKind::Users {
            engine.queue.schedule(SimTime::ZERO, Ev::Generate(i as u32));
        }
    }
    engine.queue.schedule(TICK, Ev::Tick);
    let mut faults = diagram.scenario.faults.clone();
    faults.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
    for f in faults {
        engine
            .queue
            .schedule(SimTime::from_secs_f64(f.at_s), Ev::Fault(f));
    }
    Ok(Simulation { engine })
}

/// The databases wired with `replicate`, each source with its copies, in diagram order. A
/// hand-edited file breaking the rules (a copy of a copy, two sources) is read leniently: a
/// database joins the first group that claims it.
fn region_groups(nodes: &mut [Node], seed: u64) -> Vec<RegionGroup> {
    let mut claimed = vec![false; nodes.len()];
    let mut groups = Vec::new();
    for src in 0..nodes.len() {
        let copies: Vec<(u32, u32)> = nodes[src]
            .outs
            .iter()
            .filter(|o| o.0 == OutPort::Replicate)
            .map(|o| (o.1, o.2))
            .filter(|&(t, _)| {
                t as usize != src
                    && !claimed[t as usize]
                    && matches!(nodes[t as usize].state, State::Db(_))
            })
            .collect();
        if copies.is_empty() || claimed[src] || !matches!(nodes[src].state, State::Db(_)) {
            continue;
        }
        let member = |n: u32, wire: Option<u32>| {
            let node = &nodes[n as usize];
            let State::Db(db) = &node.state else {
                return None;
            };
            Some(Member {
                node: n,
                region: node.region,
                apply: db.set.config().apply,
                timing: db.timing,
                wire,
            })
        };
        let mut members: Vec<Member> = member(src as u32, None).into_iter().collect();
        let mut seen = vec![src as u32];
        for (t, w) in copies {
            if !seen.contains(&t) {
                seen.push(t);
                members.extend(member(t, Some(w)));
            }
        }
        let g = groups.len() as u32;
        for &n in &seen {
            claimed[n as usize] = true;
            if let State::Db(db) = &mut nodes[n as usize].state {
                db.region_group = Some(g);
            }
        }
        groups.push(RegionGroup::new(members, seed, nodes[src].id.0 as u64));
    }
    groups
}

impl Simulation {
    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.engine.now()
    }
    /// The run's length (the scenario's, or the override), in seconds.
    pub fn duration_s(&self) -> f64 {
        self.engine.model.duration_s
    }
    /// Handles events up to `t_ns` (nanoseconds of simulated time), at most `event_budget` of
    /// them: call it once per animation frame with a budget that fits the frame.
    pub fn step_until(&mut self, t_ns: u64, event_budget: u64) -> StepOutcome {
        self.engine.step_until(SimTime(t_ns), event_budget)
    }
    /// Applies `fault` now (in addition to the scenario's schedule).
    pub fn inject(&mut self, fault: Fault) {
        let now = self.engine.now();
        self.engine.queue.schedule(now, Ev::Fault(fault));
    }
    /// Requests and jobs held in memory right now, and the slab's size (memory flatness).
    pub fn state_sizes(&self) -> (u64, usize, usize) {
        let w = &self.engine.model;
        (
            w.live_requests + w.live_jobs,
            w.reqs.len(),
            self.engine.queue.len(),
        )
    }
    /// Everything the view shows, now.
    pub fn snapshot(&self) -> MetricsSnapshot {
        self.engine
            .model
            .snapshot(self.engine.now(), self.engine.processed())
    }
}

impl Model for World {
    type Event = Ev;
    fn handle(&mut self, now: SimTime, ev: Ev, q: &mut EventQueue<Ev>) {
        match ev {
            Ev::Generate(n) => self.generate(now, n, q),
            Ev::Arrive(n, r) => self.arrive(now, n, r, q),
            Ev::Done {
                node,
                sub,
                req,
                arrived,
                incarnation,
            } => self.done(now, node, sub, req, arrived, incarnation, q),
            Ev::RepDeliver(n, r, op) => {
                if let State::Db(db) = &mut self.nodes[n as usize].state
                    && let Some(s) = db.set.deliver(now, r, op)
                {
                    q.schedule(s.done_at, Ev::RepApplied(n, r, s.job, s.arrived));
                }
            }
            Ev::RepApplied(n, r, op, arrived) => {
                let mut acked = Vec::new();
                if let State::Db(db) = &mut self.nodes[n as usize].state {
                    let a = db.set.applied(now, r, op, arrived);
                    if let Some(s) = a.next {
                        q.schedule(s.done_at, Ev::RepApplied(n, r, s.job, s.arrived));
                    }
                    for seq in a.newly_acked {
                        if let Some(req) = db.pending_sync.remove(&seq) {
                            acked.push(req);
                        }
                    }
                }
                for req in acked {
                    self.complete(now, n, req);
                }
            }
            Ev::Promoted(n, epoch) => {
                let current = self.nodes[n as usize].incarnation;
                if let State::Db(db) = &mut self.nodes[n as usize].state
                    && !db.primary_up
                    && epoch == current
                {
                    db.primary_up = true;
                    self.note(
                        now,
                        Some(n),
                        "replica promoted: writes accepted again".into(),
                    );
                }
            }
            Ev::RegionDeliver(g, m, op) => self.region_deliver(now, g, m, op, q),
            Ev::RegionApplied(g, m, op, arrived) => self.region_applied(now, g, m, op, arrived, q),
            Ev::TakeOver(g, epoch) => self.take_over(now, g, epoch),
            Ev::Tick => self.tick(now, q),
            Ev::Fault(f) => self.fault(now, f, q),
        }
    }
}

/// The slots a balancer spreads requests over at backend `b`: one per active instance of web
/// servers, one for any other backend.
fn slots_of(nodes: &[Node], b: u32) -> usize {
    match &nodes[b as usize].state {
        State::Web(w) => (w.active as usize).min(w.instances.len()),
        _ => 1,
    }
}

fn node_is_down(nodes: &[Node], groups: &[GroupState], n: u32) -> bool {
    let node = &nodes[n as usize];
    node.failed || node.group.is_some_and(|g| groups[g as usize].failed)
}

fn link_up(wire_up: &[bool], wire: Option<u32>) -> bool {
    wire.is_none_or(|w| wire_up.get(w as usize) != Some(&false))
}

/// Regions: shipping a leader's writes to the copies of its database in other datacenters,
/// and handing the writes over to a copy when the leader is lost.
impl World {
    /// Whether member `m` of group `g` can receive the leader's writes now: it is up, and the
    /// `replicate` wires between them (through the diagram's source) are intact.
    fn region_reachable(&self, g: u32, m: u32) -> bool {
        let rg = &self.regions[g as usize];
        let member = &rg.members()[m as usize];
        let leader_wire = rg.leader().wire;
        !node_is_down(&self.nodes, &self.groups, member.node)
            && link_up(&self.wire_up, member.wire)
            && link_up(&self.wire_up, leader_wire)
    }

    /// The leader of group `g` took a write of `key`: ship it to every copy.
    fn region_write(&mut self, now: SimTime, g: u32, key: u64, q: &mut EventQueue<Ev>) {
        let mut reachable = std::mem::take(&mut self.scratch.reachable);
        reachable.clear();
        for m in 0..self.regions[g as usize].members().len() as u32 {
            reachable.push(self.region_reachable(g, m));
        }
        let mut shipped = std::mem::take(&mut self.scratch.shipped);
        let rg = &mut self.regions[g as usize];
        rg.write(now, key, &reachable, &mut shipped);
        for (m, at, op) in shipped.drain(..) {
            q.schedule(at, Ev::RegionDeliver(g, m, op));
        }
        self.scratch.shipped = shipped;
        self.scratch.reachable = reachable;
    }

    fn region_deliver(
        &mut self,
        now: SimTime,
        g: u32,
        m: u32,
        op: WriteOp,
        q: &mut EventQueue<Ev>,
    ) {
        let reachable = self.region_reachable(g, m);
        let rg = &mut self.regions[g as usize];
        if !reachable {
            rg.hold(m, op);
        } else if let Some(s) = rg.deliver(now, m, op) {
            q.schedule(s.done_at, Ev::RegionApplied(g, m, s.job, s.arrived));
        }
    }

    fn region_applied(
        &mut self,
        now: SimTime,
        g: u32,
        m: u32,
        op: WriteOp,
        arrived: SimTime,
        q: &mut EventQueue<Ev>,
    ) {
        let rg = &mut self.regions[g as usize];
        let (applied, next) = rg.applied(now, m, op, arrived);
        if let Some(s) = next {
            q.schedule(s.done_at, Ev::RegionApplied(g, m, s.job, s.arrived));
        }
        if !applied {
            return;
        }
        // The copy's own read replicas replay what it applied.
        let n = rg.members()[m as usize].node;
        if let State::Db(db) = &mut self.nodes[n as usize].state
            && !db.replicas.is_empty()
        {
            db.ship(now, n, op.key, q);
        }
    }

    /// The writes held for member `m` of group `g` go out, if it can get them now; how many.
    fn region_release(&mut self, now: SimTime, g: u32, m: u32, q: &mut EventQueue<Ev>) -> usize {
        if !self.region_reachable(g, m) {
            return 0;
        }
        let held = self.regions[g as usize].release(now, m);
        let count = held.len();
        for (at, op) in held {
            q.schedule(at, Ev::RegionDeliver(g, m, op));
        }
        count
    }

    /// Database node `n` became unreachable: if it leads a region group, a copy is planned to
    /// take over.
    fn region_leader_lost(&mut self, now: SimTime, n: u32, q: &mut EventQueue<Ev>) {
        for g in 0..self.regions.len() {
            if self.regions[g].leader_node() != n {
                continue;
            }
            let World {
                nodes,
                groups,
                regions,
                ..
            } = &mut *self;
            let rg = &mut regions[g];
            let pending = rg.plan().is_some();
            let plan = rg.leader_lost(now, |m| !node_is_down(nodes, groups, m.node));
            let label = self.nodes[n as usize].label.clone();
            let message = match plan {
                Some(p) => {
                    q.schedule(p.at, Ev::TakeOver(g as u32, p.epoch));
                    let copy = self.regions[g].members()[p.member as usize].node;
                    format!(
                        "{label} unreachable: its copy {} takes the writes at {:.0} s (detection + promotion); until then writes fail",
                        self.nodes[copy as usize].label,
                        p.at.as_secs_f64()
                    )
                }
                None if pending => continue,
                None => format!(
                    "{label} unreachable and no copy of it is up: writes fail until it is back"
                ),
            };
            self.note(now, Some(n), message);
        }
    }

    /// Node `n`'s figures as a member of region group `g`.
    fn region_copy(&self, now: SimTime, g: u32, n: u32) -> Option<RegionCopy> {
        let rg = &self.regions[g as usize];
        let m = rg.member(n)?;
        let leader = rg.leader_node();
        let lag = rg.lag(now, m);
        let stats = rg.set().stats();
        let (reads, stale_reads) = rg.reads(m);
        Some(RegionCopy {
            leader: self.nodes[leader as usize].id.0,
            leader_label: self.nodes[leader as usize].label.clone(),
            leading: leader == n,
            lag_ms: lag.map(|l| l.0.as_millis_f64()),
            lag_ops: lag.map(|l| l.1),
            mean_lag_ms: (stats.applies > 0).then(|| stats.lag.mean_secs() * 1e3),
            applies: stats.applies,
            reads,
            stale_reads,
            takeover: rg.plan().map(|p| {
                let node = rg.members()[p.member as usize].node;
                (self.nodes[node as usize].label.clone(), p.at.as_secs_f64())
            }),
        })
    }

    /// A planned take-over is due: the copy leads from now on.
    fn take_over(&mut self, now: SimTime, g: u32, epoch: u32) {
        let World {
            nodes,
            groups,
            regions,
            ..
        } = &mut *self;
        let Some(t) =
            regions[g as usize].take_over(now, epoch, |m| !node_is_down(nodes, groups, m.node))
        else {
            return;
        };
        self.totals.lost_writes += t.lost_writes;
        let members = self.regions[g as usize].members();
        let (new, old) = (
            members[t.member as usize].node,
            members[t.from as usize].node,
        );
        let message = format!(
            "{} promoted: it takes the writes of every datacenter now; {} acknowledged writes made at {} never reached it and are lost",
            self.nodes[new as usize].label, t.lost_writes, self.nodes[old as usize].label
        );
        self.note(now, Some(new), message);
    }

    /// Database node `n` is back: a leader back before its take-over cancels it; a copy gets
    /// the writes held for it.
    fn region_member_back(&mut self, now: SimTime, n: u32, q: &mut EventQueue<Ev>) {
        let Some(g) = (match &self.nodes[n as usize].state {
            State::Db(db) => db.region_group,
            _ => None,
        }) else {
            return;
        };
        if self.node_down(n) {
            return;
        }
        let rg = &mut self.regions[g as usize];
        if rg.leader_node() == n {
            if rg.leader_back() {
                let label = self.nodes[n as usize].label.clone();
                self.note(
                    now,
                    Some(n),
                    format!("{label} back before its copy took over: no write lost"),
                );
            }
        } else if let Some(m) = rg.member(n) {
            let leader = rg.leader_node();
            let count = self.region_release(now, g, m, q);
            if count > 0 {
                let message = format!(
                    "{} back as a copy of {}: {count} writes to catch up on",
                    self.nodes[n as usize].label, self.nodes[leader as usize].label
                );
                self.note(now, Some(n), message);
            }
        }
    }
}

impl World {
    fn note(&mut self, now: SimTime, node: Option<u32>, message: String) {
        if self.log.len() >= LOG_KEEP {
            self.log.pop_front();
        }
        self.log.push_back(LogEntry {
            time_s: now.as_secs_f64(),
            component: node.map(|n| self.nodes[n as usize].id.0),
            message,
        });
    }

    fn node_down(&self, n: u32) -> bool {
        node_is_down(&self.nodes, &self.groups, n)
    }

    fn targets(&self, n: u32, port: OutPort) -> impl Iterator<Item = u32> + '_ {
        self.nodes[n as usize]
            .outs
            .iter()
            .filter(move |o| o.0 == port && self.wire_up[o.2 as usize])
            .map(|o| o.1)
    }

    fn first_target(&self, n: u32, port: OutPort) -> Option<u32> {
        self.targets(n, port).next()
    }

    fn alloc(&mut self, req: Req) -> ReqId {
        match self.free.pop() {
            Some(i) => {
                self.reqs[i as usize] = req;
                i
            }
            None => {
                self.reqs.push(req);
                (self.reqs.len() - 1) as ReqId
            }
        }
    }

    fn release(&mut self, r: ReqId) {
        if self.reqs[r as usize].kind == ReqKind::Job {
            self.live_jobs -= 1;
        } else {
            self.live_requests -= 1;
        }
        self.free.push(r);
    }

    fn generate(&mut self, now: SimTime, n: u32, q: &mut EventQueue<Ev>) {
        let traffic = self.traffic;
        let duration = self.duration_s;
        let full = self.live_requests as usize + self.live_jobs as usize >= MAX_IN_FLIGHT;
        let State::Users(u) = &mut self.nodes[n as usize].state else {
            return;
        };
        let rate = u.base_rate * traffic.multiplier_at(now.as_secs_f64(), duration, u.base_users);
        if !(rate.is_finite() && rate > 0.0) {
            q.schedule(now.after(TICK), Ev::Generate(n));
            return;
        }
        let gap = SimTime::from_secs_f64(u.rng.exponential(1.0 / rate));
        q.schedule(now.after(gap.max(SimTime(1))), Ev::Generate(n));
        let x = u.rng.uniform();
        let kind = if x < u.read {
            ReqKind::Read
        } else if x < u.read + u.write {
            ReqKind::Write
        } else {
            ReqKind::Static
        };
        let key = if u.celebrities > 0 && u.rng.chance(u.celebrity_share) {
            u.rng.below(u.celebrities as u64)
        } else {
            u.zipf.sample(&mut u.rng)
        };
        let login = kind != ReqKind::Static && u.rng.chance(u.login);
        let client = u.rng.below(u.clients) as u32;
        let region = u.region;
        self.totals.arrived += 1;
        self.nodes[n as usize].arrivals += 1;
        self.live_requests += 1;
        let r = self.alloc(Req {
            kind,
            login,
            key,
            client,
            users: n,
            region,
            born: now,
            net: SimTime::ZERO,
            hops: 0,
            web: None,
            instance: None,
            edge: None,
            cache: None,
            entered_dc: false,
        });
        if full {
            self.fail(now, n, r, FailureReason::Overload);
            return;
        }
        let port = if kind == ReqKind::Static {
            OutPort::Static
        } else {
            OutPort::Dynamic
        };
        let mut target = self.targets(n, port).next().or_else(|| {
            // Static assets go through the dynamic path when no separate one is drawn.
            self.first_target(n, OutPort::Dynamic)
        });
        // A failed CDN edge: the client falls back to the origin for its static assets.
        if let Some(edge) = target
            && kind == ReqKind::Static
            && self.nodes[edge as usize].kind == ComponentKind::Cdn
            && self.node_down(edge)
        {
            target = self
                .first_target(edge, OutPort::Origin)
                .or_else(|| self.first_target(n, OutPort::Dynamic))
                .or(target);
        }
        match target {
            Some(t) => self.send(now, n, t, r, SimTime::ZERO, q),
            None => self.fail(now, n, r, FailureReason::NoRoute),
        }
    }

    fn region_of(&self, n: u32, r: ReqId) -> Option<Region> {
        let node = &self.nodes[n as usize];
        match node.kind {
            ComponentKind::Users => Some(self.reqs[r as usize].region),
            _ => node.region,
        }
    }

    fn send(
        &mut self,
        now: SimTime,
        from: u32,
        to: u32,
        r: ReqId,
        extra: SimTime,
        q: &mut EventQueue<Ev>,
    ) {
        let hop = match (self.region_of(from, r), self.nodes[to as usize].region) {
            (Some(a), Some(b))
                if self.nodes[from as usize].kind == ComponentKind::Users || a != b =>
            {
                self.one_way[a as usize][b as usize]
            }
            _ => SAME_DC_HOP,
        };
        let req = &mut self.reqs[r as usize];
        req.hops = req.hops.saturating_add(1);
        if req.hops > HOP_LIMIT {
            self.fail(now, to, r, FailureReason::NoRoute);
            return;
        }
        req.net = req.net.after(hop);
        let at = now.after(hop).after(extra);
        if self.passes_through(to) {
            self.arrive(at, to, r, q);
        } else {
            q.schedule(at, Ev::Arrive(to, r));
        }
    }

    /// Whether a request is routed on by `n` the moment it gets there, without an event of its
    /// own: a DNS resolver or a load balancer without a capacity neither queues nor takes
    /// time, so deciding at send time, from the state of that moment, for the arrival time is
    /// the same thing. Not for least connections, whose choice must see the backends as they
    /// are on arrival, nor for a balancer with a capacity: its queue must take requests in
    /// the order they arrive, which is not the order they were sent in when they come from
    /// several regions.
    fn passes_through(&self, n: u32) -> bool {
        match &self.nodes[n as usize].state {
            State::Dns(_) => true,
            State::Lb(lb) => {
                lb.algorithm != LbAlgorithm::LeastConnections && lb.forwarding.is_none()
            }
            _ => false,
        }
    }

    /// The request is answered `delay` from now: the time is the reply's, so it is completed
    /// at once with `delay` added to its network time (no event needed).
    fn reply_after(&mut self, now: SimTime, n: u32, r: ReqId, delay: SimTime) {
        let req = &mut self.reqs[r as usize];
        req.net = req.net.after(delay);
        self.complete(now, n, r);
    }

    fn fail(&mut self, _now: SimTime, n: u32, r: ReqId, reason: FailureReason) {
        let kind = self.reqs[r as usize].kind;
        self.nodes[n as usize].errors.bump(reason);
        if kind == ReqKind::Job {
            self.totals.jobs_failed += 1;
        } else {
            self.totals.failed.bump(reason);
        }
        self.release(r);
    }

    /// The request is answered (`n` is where it ended).
    fn complete(&mut self, now: SimTime, _n: u32, r: ReqId) {
        let req = self.reqs[r as usize];
        if req.kind == ReqKind::Job {
            self.totals.jobs_done += 1;
            self.release(r);
            return;
        }
        for filler in [req.edge, req.cache].into_iter().flatten() {
            if let State::Cdn(c) | State::Cache(c) = &mut self.nodes[filler as usize].state {
                let key = c.object_key(req.key);
                c.cache.fill(now, key);
            }
        }
        let latency = now.since(req.born).after(req.net);
        self.latency.record(now, latency);
        self.totals.completed += 1;
        self.nodes[req.users as usize].completions += 1;
        self.release(r);
    }

    fn arrive(&mut self, now: SimTime, n: u32, r: ReqId, q: &mut EventQueue<Ev>) {
        if !self.reqs[r as usize].entered_dc
            && let Some(g) = self.nodes[n as usize].group
        {
            self.reqs[r as usize].entered_dc = true;
            self.groups[g as usize].requests += 1;
        }
        self.nodes[n as usize].arrivals += 1;
        if self.node_down(n) {
            // A durable queue keeps jobs for its crashed workers (up to its capacity).
            if self.nodes[n as usize].failed
                && let State::Workers(w) = &mut self.nodes[n as usize].state
                && w.durable
            {
                if w.held.len() < w.capacity {
                    w.held.push_back(r);
                } else {
                    self.fail(now, n, r, FailureReason::Overload);
                }
                return;
            }
            self.fail(now, n, r, FailureReason::Unavailable);
            return;
        }
        let req = self.reqs[r as usize];
        let kind = self.nodes[n as usize].kind;
        match kind {
            ComponentKind::Users | ComponentKind::SessionStore | ComponentKind::MetricsSink => {
                self.fail(now, n, r, FailureReason::NoRoute)
            }
            ComponentKind::Dns => match self.resolve(now, n, r) {
                Some(t) => {
                    self.nodes[n as usize].completions += 1;
                    self.send(now, n, t, r, SimTime::ZERO, q)
                }
                None => self.fail(now, n, r, FailureReason::NoHealthyBackend),
            },
            ComponentKind::Cdn => {
                let State::Cdn(c) = &mut self.nodes[n as usize].state else {
                    return;
                };
                let latency = c.latency;
                if req.kind == ReqKind::Static && c.cache.lookup(now, c.object_key(req.key)) {
                    if c.stale(req.key) {
                        self.totals.stale_assets += 1;
                    }
                    self.nodes[n as usize].completions += 1;
                    self.nodes[n as usize].latency.record(now, latency);
                    self.reply_after(now, n, r, latency);
                    return;
                }
                if req.kind == ReqKind::Static {
                    self.reqs[r as usize].edge = Some(n);
                }
                match self.first_target(n, OutPort::Origin) {
                    Some(t) => self.send(now, n, t, r, latency, q),
                    None => self.fail(now, n, r, FailureReason::NoRoute),
                }
            }
            ComponentKind::LoadBalancer => self.balance(now, n, r, q),
            ComponentKind::WebServers => self.web_arrive(now, n, r, q),
            ComponentKind::Cache => {
                let node = &mut self.nodes[n as usize];
                let slow = node.slow;
                let State::Cache(c) = &mut node.state else {
                    return;
                };
                let mut latency = c.latency;
                match req.kind {
                    ReqKind::Read | ReqKind::Static => {
                        let up = c.nodes_up;
                        match c.lookups.as_mut().map(|l| l.admit(now, up, slow)) {
                            Some(None) => {
                                self.fail(now, n, r, FailureReason::Timeout);
                                return;
                            }
                            Some(Some(wait)) => latency = latency.after(wait),
                            None => {}
                        }
                        let hit = c.cache.lookup(now, req.key);
                        node.latency.record(now, latency);
                        if hit {
                            node.completions += 1;
                            self.reply_after(now, n, r, latency);
                            return;
                        }
                        self.reqs[r as usize].cache = Some(n);
                    }
                    _ => {
                        c.cache.invalidate(req.key);
                    }
                }
                let next = self
                    .targets(n, OutPort::Miss)
                    .next()
                    .or_else(|| req.web.and_then(|w| self.store_of(w, req.key)));
                match next {
                    Some(t) => self.send(now, n, t, r, latency, q),
                    None => self.fail(now, n, r, FailureReason::NoRoute),
                }
            }
            ComponentKind::Database => self.db_arrive(now, n, r, q),
            ComponentKind::NoSql => self.nosql_arrive(now, n, r, q),
            ComponentKind::ShardedDatabase => {
                let incarnation = self.nodes[n as usize].incarnation;
                let State::Sharded(s) = &mut self.nodes[n as usize].state else {
                    return;
                };
                let shard = s.map.shard_for(req.key);
                let adm = match s.shards.get_mut(shard as usize) {
                    Some(st) => st.arrive(now, r),
                    None => Admission::Rejected(r),
                };
                self.admitted(now, n, shard, r, adm, incarnation, q);
            }
            ComponentKind::MessageQueue => {
                // Jobs pass to the workers, whose waiting line is this queue.
                match self.first_target(n, OutPort::Consumers) {
                    Some(t) => {
                        self.nodes[n as usize].completions += 1;
                        self.send(now, n, t, r, SimTime::ZERO, q)
                    }
                    None => self.fail(now, n, r, FailureReason::NoRoute),
                }
            }
            ComponentKind::Workers => {
                let incarnation = self.nodes[n as usize].incarnation;
                let State::Workers(w) = &mut self.nodes[n as usize].state else {
                    return;
                };
                let adm = w.station.arrive(now, r);
                self.admitted(now, n, 0, r, adm, incarnation, q);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn admitted(
        &mut self,
        now: SimTime,
        n: u32,
        sub: u32,
        r: ReqId,
        adm: Admission<ReqId>,
        incarnation: u32,
        q: &mut EventQueue<Ev>,
    ) {
        match adm {
            Admission::Started(s) => q.schedule(
                s.done_at,
                Ev::Done {
                    node: n,
                    sub,
                    req: r,
                    arrived: s.arrived,
                    incarnation,
                },
            ),
            Admission::Queued => {}
            Admission::Rejected(_) => self.fail(now, n, r, FailureReason::Overload),
        }
    }

    /// A data store for `key` among the web node's data targets (not caches).
    fn store_of(&self, web: u32, key: u64) -> Option<u32> {
        let is_store = |&t: &u32| self.nodes[t as usize].kind != ComponentKind::Cache;
        let count = self.targets(web, OutPort::Data).filter(is_store).count();
        match count {
            0 => None,
            1 => self.targets(web, OutPort::Data).find(is_store),
            _ => {
                let k = (super::rng::mix64(key) % count as u64) as usize;
                self.targets(web, OutPort::Data).filter(is_store).nth(k)
            }
        }
    }

    fn resolve(&mut self, now: SimTime, n: u32, r: ReqId) -> Option<u32> {
        let req = self.reqs[r as usize];
        let mut candidates = std::mem::take(&mut self.scratch.targets);
        candidates.clear();
        candidates.extend(self.targets(n, OutPort::Resolve));
        let nodes = &mut self.nodes;
        let State::Dns(d) = &mut nodes[n as usize].state else {
            self.scratch.targets = candidates;
            return None;
        };
        let bucket = req.client as u64 % DNS_BUCKETS;
        let cache_key = req.users as u64 * DNS_BUCKETS + bucket;
        if let Some(&(answer, expires)) = d.cache.get(&cache_key)
            && now < expires
            && candidates.contains(&answer)
        {
            self.scratch.targets = candidates;
            return Some(answer);
        }
        let mut healthy = std::mem::take(&mut self.scratch.healthy);
        healthy.clear();
        healthy.extend(
            (0..candidates.len() as u32).filter(|&i| d.health.believed_up(candidates[i as usize])),
        );
        let region = |i: u32| self.nodes[candidates[i as usize] as usize].region;
        let id = |i: u32| self.nodes[candidates[i as usize] as usize].id;
        let State::Dns(d) = &self.nodes[n as usize].state else {
            unreachable!("checked above")
        };
        let mut draw = d.rng.clone();
        let pick = match &d.routing {
            DnsRouting::Nearest => healthy.iter().copied().min_by(|&a, &b| {
                let rtt = |i: u32| region(i).map_or(1e9, |g| req.region.round_trip_ms(g));
                rtt(a).total_cmp(&rtt(b)).then(a.cmp(&b))
            }),
            DnsRouting::Weighted { percent } => {
                // Healthy targets by their weight (evenly if none of them has one).
                let weight = |i: u32| {
                    percent
                        .iter()
                        .find(|w| w.target == id(i))
                        .map_or(0, |w| w.percent as u64)
                };
                let total: u64 = healthy.iter().map(|&i| weight(i)).sum();
                if healthy.is_empty() {
                    None
                } else if total == 0 {
                    Some(healthy[draw.below(healthy.len() as u64) as usize])
                } else {
                    let mut x = draw.below(total);
                    healthy.iter().copied().find(|&i| {
                        let w = weight(i);
                        if x < w {
                            true
                        } else {
                            x -= w;
                            false
                        }
                    })
                }
            }
        };
        let answer = pick.map(|i| candidates[i as usize]);
        self.scratch.targets = candidates;
        self.scratch.healthy = healthy;
        let State::Dns(d) = &mut self.nodes[n as usize].state else {
            unreachable!("checked above")
        };
        d.rng = draw;
        let answer = answer?;
        // Buckets expire at staggered times, so clients re-resolve gradually over a TTL.
        let stagger = SimTime(d.ttl.0 / DNS_BUCKETS * bucket);
        let expires = if d.ttl == SimTime::ZERO {
            now
        } else {
            let base = now.after(d.ttl);
            if d.cache.contains_key(&cache_key) {
                base
            } else {
                base.since(stagger)
            }
        };
        d.cache.insert(cache_key, (answer, expires));
        Some(answer)
    }

    fn balance(&mut self, now: SimTime, n: u32, r: ReqId, q: &mut EventQueue<Ev>) {
        let mut healthy = std::mem::take(&mut self.scratch.healthy);
        let mut slots = std::mem::take(&mut self.scratch.slots);
        healthy.clear();
        slots.clear();
        let mut least_connections = false;
        if let State::Lb(lb) = &self.nodes[n as usize].state {
            healthy.extend(
                self.targets(n, OutPort::Backends)
                    .filter(|&b| lb.health.believed_up(b)),
            );
            least_connections = lb.algorithm == LbAlgorithm::LeastConnections;
        }
        // The policy spreads over (backend, instance) slots; only least connections needs each
        // slot's load.
        let total: usize = healthy.iter().map(|&b| slots_of(&self.nodes, b)).sum();
        if least_connections {
            for &b in &healthy {
                match &self.nodes[b as usize].state {
                    State::Web(w) => {
                        for st in w.instances.iter().take(w.active as usize) {
                            slots.push(st.in_system());
                        }
                    }
                    _ => slots.push(0),
                }
            }
        }
        let chosen = self.pick_slot(n, r, total, &slots).map(|mut i| {
            let b = *healthy
                .iter()
                .find(|&&b| {
                    let k = slots_of(&self.nodes, b);
                    if i < k {
                        true
                    } else {
                        i -= k;
                        false
                    }
                })
                .expect("a slot of a healthy backend");
            (b, i as u32)
        });
        self.scratch.healthy = healthy;
        self.scratch.slots = slots;
        let Some((b, inst)) = chosen else {
            self.fail(now, n, r, FailureReason::NoHealthyBackend);
            return;
        };
        let node = &mut self.nodes[n as usize];
        let slow = node.slow;
        let State::Lb(lb) = &mut node.state else {
            return;
        };
        let mut added = lb.added;
        if let Some(f) = &mut lb.forwarding {
            let Some(wait) = f.admit(now, 1, slow) else {
                self.fail(now, n, r, FailureReason::Timeout);
                return;
            };
            added = added.after(wait);
            node.latency.record(now, added);
        }
        self.nodes[n as usize].completions += 1;
        self.reqs[r as usize].instance = Some(inst);
        self.send(now, n, b, r, added, q);
    }

    /// The load balancer `n`'s choice among its `total` slots for request `r` (`loads`: each
    /// slot's requests in the system, for least connections only), or `None` if there is none.
    fn pick_slot(&mut self, n: u32, r: ReqId, total: usize, loads: &[u64]) -> Option<usize> {
        if total == 0 {
            return None;
        }
        let client = self.reqs[r as usize].client as u64;
        let State::Lb(lb) = &mut self.nodes[n as usize].state else {
            return None;
        };
        Some(match lb.algorithm {
            LbAlgorithm::RoundRobin => lb.next.next(total as u64) as usize,
            LbAlgorithm::Random => lb.rng.below(total as u64) as usize,
            LbAlgorithm::LeastConnections => {
                let start = lb.rng.below(total as u64) as usize;
                (0..total)
                    .map(|k| (start + k) % total)
                    .min_by_key(|&k| loads.get(k).copied().unwrap_or(0))
                    .unwrap_or(0)
            }
            LbAlgorithm::StickyByClient => (super::rng::mix64(client) % total as u64) as usize,
        })
    }

    fn web_arrive(&mut self, now: SimTime, n: u32, r: ReqId, q: &mut EventQueue<Ev>) {
        let incarnation = self.nodes[n as usize].incarnation;
        let chosen = self.reqs[r as usize].instance.take();
        let State::Web(w) = &mut self.nodes[n as usize].state else {
            return;
        };
        let active = w.active.max(1).min(w.instances.len() as u32);
        let inst = match chosen {
            Some(i) if i < active => i,
            _ => w.next.next(active as u64) as u32,
        };
        let adm = match w.instances.get_mut(inst as usize) {
            Some(st) => st.arrive(now, r),
            None => Admission::Rejected(r),
        };
        self.admitted(now, n, inst, r, adm, incarnation, q);
    }

    fn db_arrive(&mut self, now: SimTime, n: u32, r: ReqId, q: &mut EventQueue<Ev>) {
        let incarnation = self.nodes[n as usize].incarnation;
        let req = self.reqs[r as usize];
        let State::Db(db) = &mut self.nodes[n as usize].state else {
            return;
        };
        // A copy in another datacenter takes no writes: they cross to the leader.
        if req.kind == ReqKind::Write
            && let Some(g) = db.region_group
        {
            let leader = self.regions[g as usize].leader_node();
            if leader != n {
                self.send(now, n, leader, r, SimTime::ZERO, q);
                return;
            }
        }
        let (sub, adm) = if req.kind == ReqKind::Write || db.replicas.is_empty() {
            if !db.primary_up {
                self.fail(now, n, r, FailureReason::Unavailable);
                return;
            }
            (0, db.primary.arrive(now, r))
        } else {
            let k = db.next_replica.next(db.replicas.len() as u64) as usize;
            (k as u32 + 1, db.replicas[k].arrive(now, r))
        };
        self.admitted(now, n, sub, r, adm, incarnation, q);
    }

    fn station_of(&mut self, n: u32, sub: u32) -> Option<&mut Station<ReqId>> {
        match &mut self.nodes[n as usize].state {
            State::Web(w) => w.instances.get_mut(sub as usize),
            State::Db(db) => match sub {
                0 => Some(&mut db.primary),
                k => db.replicas.get_mut(k as usize - 1),
            },
            State::NoSql(s) => s.stations.get_mut(sub as usize),
            State::Sharded(s) => s.shards.get_mut(sub as usize),
            State::Workers(w) => Some(&mut w.station),
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn done(
        &mut self,
        now: SimTime,
        n: u32,
        sub: u32,
        r: ReqId,
        arrived: SimTime,
        incarnation: u32,
        q: &mut EventQueue<Ev>,
    ) {
        if incarnation != self.incarnation_of(n, sub) {
            // The station crashed while serving it. A durable queue had not been told the job
            // was done: it redelivers it.
            if let State::Workers(w) = &mut self.nodes[n as usize].state
                && w.durable
            {
                w.held.push_back(r);
                self.redeliver(now, n, q);
                return;
            }
            self.fail(now, n, r, FailureReason::Unavailable);
            return;
        }
        let mut timed_out = std::mem::take(&mut self.timed_out);
        let next = self
            .station_of(n, sub)
            .and_then(|st| st.complete(now, arrived, &mut timed_out));
        if let Some(s) = next {
            q.schedule(
                s.done_at,
                Ev::Done {
                    node: n,
                    sub,
                    req: s.job,
                    arrived: s.arrived,
                    incarnation,
                },
            );
        }
        for (_, job) in timed_out.drain(..) {
            self.fail(now, n, job, FailureReason::Timeout);
        }
        self.timed_out = timed_out;
        if self.nodes[n as usize].kind == ComponentKind::NoSql
            && self.nosql_replicate(now, n, sub, r, q)
        {
            return;
        }
        let node = &mut self.nodes[n as usize];
        node.completions += 1;
        node.latency.record(now, now.since(arrived));
        match node.kind {
            ComponentKind::WebServers => self.web_done(now, n, sub, r, q),
            ComponentKind::Database => {
                let req = self.reqs[r as usize];
                let State::Db(db) = &mut self.nodes[n as usize].state else {
                    return;
                };
                let region_group = db.region_group;
                if sub == 0 && req.kind == ReqKind::Write {
                    let op = db.ship(now, n, req.key, q);
                    let pending = db.set.acked_upto() < op.seq;
                    if pending {
                        db.pending_sync.insert(op.seq, r);
                    }
                    if let Some(g) = region_group {
                        self.region_write(now, g, req.key, q);
                    }
                    if pending {
                        return;
                    }
                } else if req.kind != ReqKind::Write {
                    let local = sub > 0 && db.set.read(now, sub - 1, req.key);
                    // A copy in another datacenter may not have the leader's latest write.
                    let far = region_group.is_some_and(|g| {
                        let rg = &mut self.regions[g as usize];
                        rg.member(n).is_some_and(|m| rg.read(now, m, req.key))
                    });
                    if local || far {
                        self.totals.stale_reads += 1;
                    }
                }
                self.complete(now, n, r);
            }
            _ => self.complete(now, n, r),
        }
    }

    fn web_done(&mut self, now: SimTime, n: u32, inst: u32, r: ReqId, q: &mut EventQueue<Ev>) {
        let req = self.reqs[r as usize];
        let incarnation = self.nodes[n as usize].incarnation;
        if let Some(sink) = self.first_target(n, OutPort::Logs)
            && !self.node_down(sink)
        {
            self.nodes[sink as usize].arrivals += 1;
            self.nodes[sink as usize].completions += 1;
        }
        self.reqs[r as usize].web = Some(n);
        let mut extra = SimTime::ZERO;
        if req.login {
            let store = self.first_target(n, OutPort::Sessions);
            let State::Web(w) = &mut self.nodes[n as usize].state else {
                return;
            };
            if w.stateful {
                let key = req.users as u64 * MAX_CLIENTS + req.client as u64;
                match w.sessions.get(&key) {
                    Some(&(i, inc)) if i == inst && inc == incarnation => {}
                    Some(_) => {
                        // Another server (or a restarted one) holds no such session.
                        w.sessions.insert(key, (inst, incarnation));
                        self.fail(now, n, r, FailureReason::SessionLost);
                        return;
                    }
                    None => {
                        w.sessions.insert(key, (inst, incarnation));
                    }
                }
            } else if let Some(s) = store {
                if self.node_down(s) {
                    self.nodes[s as usize].arrivals += 1;
                    self.fail(now, n, r, FailureReason::SessionLost);
                    return;
                }
                let key = req.users as u64 * MAX_CLIENTS + req.client as u64;
                let node = &mut self.nodes[s as usize];
                node.arrivals += 1;
                let mut lost = false;
                let slow = node.slow;
                if let State::Sessions(st) = &mut node.state {
                    let up = st.nodes_up;
                    let Some(wait) = st.lookups.admit(now, up, slow) else {
                        self.fail(now, s, r, FailureReason::Timeout);
                        return;
                    };
                    lost = st.login(now, key) == Login::Lost;
                    let latency = st.latency.after(wait);
                    node.latency.record(now, latency);
                    extra = latency.after(SAME_DC_HOP).after(SAME_DC_HOP);
                }
                if lost {
                    self.session_lost(now, s);
                    self.fail(now, s, r, FailureReason::SessionLost);
                    return;
                }
                self.nodes[s as usize].completions += 1;
            }
        }
        match req.kind {
            ReqKind::Static | ReqKind::Job => {
                self.reply_after(now, n, r, extra);
            }
            ReqKind::Read => {
                let cache = self.targets(n, OutPort::Data).find(|&t| {
                    self.nodes[t as usize].kind == ComponentKind::Cache && !self.node_down(t)
                });
                match cache.or_else(|| self.store_of(n, req.key)) {
                    Some(t) => self.send(now, n, t, r, extra, q),
                    None => self.reply_after(now, n, r, extra),
                }
            }
            ReqKind::Write => {
                let mut caches = std::mem::take(&mut self.scratch.targets);
                caches.clear();
                caches.extend(
                    self.targets(n, OutPort::Data)
                        .filter(|&t| self.nodes[t as usize].kind == ComponentKind::Cache),
                );
                for &c in &caches {
                    if let State::Cache(c) = &mut self.nodes[c as usize].state {
                        c.cache.invalidate(req.key);
                    }
                }
                self.scratch.targets = caches;
                if let Some(queue) = self.first_target(n, OutPort::Jobs) {
                    self.publish_job(now, n, queue, req, q);
                }
                let store = self
                    .store_of(n, req.key)
                    .or_else(|| self.first_target(n, OutPort::Data));
                match store {
                    Some(t) => self.send(now, n, t, r, extra, q),
                    None => self.reply_after(now, n, r, extra),
                }
            }
        }
    }

    /// A session vanished before its time at store `s`: says once that a full store is the
    /// cause (a store restarted empty said so when it came back).
    fn session_lost(&mut self, now: SimTime, s: u32) {
        let State::Sessions(st) = &mut self.nodes[s as usize].state else {
            return;
        };
        if st.warned_full || st.store.stats().evictions == 0 {
            return;
        }
        st.warned_full = true;
        let label = self.nodes[s as usize].label.clone();
        self.note(
            now,
            Some(s),
            format!("{label} is full: sessions evicted before they expire log users out"),
        );
    }

    /// The incarnation a completion scheduled by station `sub` of node `n` must carry.
    fn incarnation_of(&self, n: u32, sub: u32) -> u32 {
        let node = &self.nodes[n as usize];
        match &node.state {
            State::NoSql(s) => node
                .incarnation
                .wrapping_add(s.incarnations.get(sub as usize).copied().unwrap_or(0)),
            _ => node.incarnation,
        }
    }

    /// A read goes to one live replica of its key; a write to the first live replica, then
    /// along the others ([`World::nosql_replicate`]).
    fn nosql_arrive(&mut self, now: SimTime, n: u32, r: ReqId, q: &mut EventQueue<Ev>) {
        let req = self.reqs[r as usize];
        let State::NoSql(s) = &mut self.nodes[n as usize].state else {
            return;
        };
        let node = if req.kind == ReqKind::Write {
            s.next_live(req.key, None)
        } else {
            s.read_replica(req.key)
        };
        let Some(k) = node else {
            self.fail(now, n, r, FailureReason::Unavailable);
            return;
        };
        let adm = s.stations[k as usize].arrive(now, r);
        let incarnation = self.incarnation_of(n, k);
        self.admitted(now, n, k, r, adm, incarnation, q);
    }

    /// A write applied on node `sub` moves on to the key's next live replica: true if it did
    /// (or failed there), false if every live replica has applied it.
    fn nosql_replicate(
        &mut self,
        now: SimTime,
        n: u32,
        sub: u32,
        r: ReqId,
        q: &mut EventQueue<Ev>,
    ) -> bool {
        let req = self.reqs[r as usize];
        if req.kind != ReqKind::Write {
            return false;
        }
        let State::NoSql(s) = &mut self.nodes[n as usize].state else {
            return false;
        };
        let Some(k) = s.next_live(req.key, Some(sub)) else {
            return false;
        };
        let adm = s.stations[k as usize].arrive(now, r);
        self.reqs[r as usize].net = req.net.after(SAME_DC_HOP);
        let incarnation = self.incarnation_of(n, k);
        self.admitted(now, n, k, r, adm, incarnation, q);
        true
    }

    fn publish_job(
        &mut self,
        now: SimTime,
        from: u32,
        queue: u32,
        req: Req,
        q: &mut EventQueue<Ev>,
    ) {
        self.totals.jobs_published += 1;
        self.live_jobs += 1;
        let j = self.alloc(Req {
            kind: ReqKind::Job,
            login: false,
            hops: 0,
            net: SimTime::ZERO,
            born: now,
            web: None,
            instance: None,
            edge: None,
            cache: None,
            entered_dc: true,
            ..req
        });
        self.send(now, from, queue, j, SimTime::ZERO, q);
    }

    fn tick(&mut self, now: SimTime, q: &mut EventQueue<Ev>) {
        self.ticks += 1;
        let slot = (self.ticks % WINDOW_TICKS as u64) as usize;
        self.window[slot] = self.totals.completed;
        for node in &mut self.nodes {
            node.capacity_area += node.servers_now() as u128 * TICK.0 as u128;
            node.window[slot] = node.mark(now);
        }
        self.health_checks(now);
        self.autoscale(now, q);
        q.schedule(now.after(TICK), Ev::Tick);
    }

    fn health_checks(&mut self, now: SimTime) {
        let secs = now.0 / 1_000_000_000;
        let down: Vec<bool> = (0..self.nodes.len() as u32)
            .map(|t| self.node_down(t))
            .collect();
        let mut notes = Vec::new();
        for (i, node) in self.nodes.iter_mut().enumerate() {
            let health = match &mut node.state {
                State::Dns(d) => &mut d.health,
                State::Lb(l) => &mut l.health,
                _ => continue,
            };
            if !secs.is_multiple_of(health.interval) {
                continue;
            }
            for s in &mut health.state {
                if down[s.0 as usize] {
                    s.1 += 1;
                    if s.2 && s.1 >= health.threshold {
                        s.2 = false;
                        notes.push((i as u32, s.0, false));
                    }
                } else {
                    s.1 = 0;
                    if !s.2 {
                        s.2 = true;
                        notes.push((i as u32, s.0, true));
                    }
                }
            }
        }
        for (checker, target, up) in notes {
            let label = self.nodes[target as usize].label.clone();
            let what = if up {
                "back in rotation"
            } else {
                "marked down by health checks"
            };
            self.note(now, Some(checker), format!("{label} {what}"));
        }
    }

    fn autoscale(&mut self, now: SimTime, q: &mut EventQueue<Ev>) {
        let mut notes = Vec::new();
        for i in 0..self.nodes.len() {
            let incarnation = self.nodes[i].incarnation;
            match &mut self.nodes[i].state {
                State::Web(w) => {
                    let Some(a) = w.autoscale.clone() else {
                        continue;
                    };
                    let (mut busy, mut servers) = (0u128, 0u128);
                    for st in w.instances.iter_mut().take(w.active as usize) {
                        st.advance(now);
                        busy += st.stats().busy_area;
                        servers += st.stats().server_area;
                    }
                    let util = if servers > w.last_server {
                        (busy - w.last_busy.min(busy)) as f64 / (servers - w.last_server) as f64
                    } else {
                        0.0
                    };
                    w.last_busy = busy;
                    w.last_server = servers;
                    if w.last_scale
                        .is_some_and(|t| now.since(t) < SimTime::from_secs(a.cooldown_s as u64))
                    {
                        continue;
                    }
                    let want = (w.active as f64 * util / a.target_utilization).ceil() as u32;
                    let want = want
                        // max/min rather than clamp: never panics, even if min > max slipped by.
                        .max(a.min_instances.max(1))
                        .min(a.max_instances.max(1))
                        .min(w.instances.len() as u32);
                    if want != w.active {
                        notes.push((
                            i as u32,
                            format!("autoscaled from {} to {want} instances", w.active),
                        ));
                        w.active = want;
                        w.last_scale = Some(now);
                    }
                }
                State::Workers(w) => {
                    if !w.autoscale.enabled {
                        continue;
                    }
                    let a = &w.autoscale;
                    if now.since(w.last_scale) < SimTime::from_secs(a.cooldown_s as u64) {
                        continue;
                    }
                    // Enough instances for each to have at most the target backlog waiting,
                    // and for the jobs in hand to keep them at most 80 % busy: depth alone
                    // would scale in as soon as the backlog drained, and flap.
                    let per_backlog = (w.station.queued() as u64)
                        .div_ceil(a.target_backlog_per_instance.max(1) as u64);
                    let per_work = (w.station.busy() as f64
                        / (w.concurrency.max(1) as f64 * WORKER_TARGET_BUSY))
                        .ceil() as u64;
                    let want = per_backlog.max(per_work).min(u32::MAX as u64) as u32;
                    let want = want.max(a.min_instances.max(1)).min(a.max_instances.max(1));
                    if want != w.instances {
                        notes.push((
                            i as u32,
                            format!("workers scaled from {} to {want}", w.instances),
                        ));
                        w.instances = want;
                        w.last_scale = now;
                        let mut timed_out = Vec::new();
                        let started = w.station.set_servers(
                            now,
                            want.saturating_mul(w.concurrency),
                            &mut timed_out,
                        );
                        for s in started {
                            q.schedule(
                                s.done_at,
                                Ev::Done {
                                    node: i as u32,
                                    sub: 0,
                                    req: s.job,
                                    arrived: s.arrived,
                                    incarnation,
                                },
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        for (n, m) in notes {
            self.note(now, Some(n), m);
        }
    }

    fn crash(&mut self, now: SimTime, n: u32) {
        let node = &mut self.nodes[n as usize];
        node.incarnation += 1;
        let mut dropped = Vec::new();
        let mut note = None;
        match &mut node.state {
            State::Web(w) => {
                for st in &mut w.instances {
                    dropped.extend(st.crash(now));
                }
                if w.stateful {
                    w.sessions.clear();
                }
            }
            State::NoSql(s) => {
                for st in &mut s.stations {
                    dropped.extend(st.crash(now));
                }
            }
            State::Sharded(s) => {
                for st in &mut s.shards {
                    dropped.extend(st.crash(now));
                }
            }
            State::Workers(w) => {
                let busy = w.station.busy();
                let line = w.station.crash(now);
                let total = busy as usize + line.len();
                note = Some(if w.durable {
                    w.held.extend(line.into_iter().map(|x| x.1));
                    format!("{total} jobs kept by the durable queue, redelivered on restore")
                } else {
                    dropped.extend(line);
                    format!("{total} jobs lost: the queue is not durable")
                });
            }
            // Every node of the component goes down together (its datacenter, or its last
            // node): the copies are gone.
            State::Cache(c) | State::Cdn(c) => c.cache.flush(),
            State::Sessions(s) => s.store.flush(),
            State::Db(db) => {
                dropped.extend(db.primary.crash(now));
                for st in &mut db.replicas {
                    dropped.extend(st.crash(now));
                }
                let pending: Vec<u64> = {
                    let mut v: Vec<u64> = db.pending_sync.keys().copied().collect();
                    v.sort_unstable();
                    v
                };
                for seq in pending {
                    if let Some(r) = db.pending_sync.remove(&seq) {
                        dropped.push((now, r));
                    }
                }
            }
            _ => {}
        }
        for (_, r) in dropped {
            self.fail(now, n, r, FailureReason::Unavailable);
        }
        if let Some(message) = note {
            let label = &self.nodes[n as usize].label;
            let message = format!("{label}: {message}");
            self.note(now, Some(n), message);
        }
    }

    fn fault(&mut self, now: SimTime, f: Fault, q: &mut EventQueue<Ev>) {
        let nodes: Vec<u32> = match f.target {
            FaultTarget::Component(id) => self
                .nodes
                .iter()
                .position(|x| x.id == id)
                .map(|i| vec![i as u32])
                .unwrap_or_default(),
            FaultTarget::Group(g) => {
                let Some(gi) = self.groups.iter().position(|x| x.id == g.0) else {
                    return;
                };
                match f.action {
                    FaultAction::Fail => {
                        self.groups[gi].failed = true;
                        let name = self.groups[gi].name.clone();
                        self.note(now, None, format!("datacenter {name} failed"));
                        for n in 0..self.nodes.len() as u32 {
                            if self.nodes[n as usize].group == Some(gi as u32) {
                                self.crash(now, n);
                            }
                        }
                        for n in 0..self.nodes.len() as u32 {
                            if self.nodes[n as usize].group == Some(gi as u32) {
                                self.region_leader_lost(now, n, q);
                            }
                        }
                        return;
                    }
                    FaultAction::Restore => {
                        self.groups[gi].failed = false;
                        let name = self.groups[gi].name.clone();
                        self.note(now, None, format!("datacenter {name} restored"));
                        // What the datacenter's failure wiped comes back empty.
                        for n in 0..self.nodes.len() as u32 {
                            let node = &self.nodes[n as usize];
                            if node.group != Some(gi as u32) || node.failed {
                                continue;
                            }
                            let what = match node.state {
                                State::Cache(_) => "comes back cold: every key misses once",
                                State::Sessions(_) => {
                                    "comes back empty: users whose session was live must log in again"
                                }
                                _ => continue,
                            };
                            let label = node.label.clone();
                            self.note(now, Some(n), format!("{label} {what}"));
                        }
                        for n in 0..self.nodes.len() as u32 {
                            if self.nodes[n as usize].group == Some(gi as u32) {
                                self.region_member_back(now, n, q);
                            }
                        }
                        return;
                    }
                    _ => (0..self.nodes.len() as u32)
                        .filter(|&n| self.nodes[n as usize].group == Some(gi as u32))
                        .collect(),
                }
            }
            FaultTarget::Wire(w) => {
                let up = !matches!(f.action, FaultAction::CutLink | FaultAction::Fail);
                if let Some(slot) = self.wire_index(w.0) {
                    self.wire_up[slot] = up;
                    let what = if up { "restored" } else { "cut" };
                    // Named by its ends, as the canvas shows it.
                    let ends = self.nodes.iter().enumerate().find_map(|(from, node)| {
                        let &(_, to, _) = node.outs.iter().find(|o| o.2 as usize == slot)?;
                        Some((from as u32, to))
                    });
                    match ends {
                        Some((from, to)) => {
                            let name = |n: u32| self.nodes[n as usize].label.clone();
                            let message = format!("wire {} → {} {what}", name(from), name(to));
                            self.note(now, Some(from), message);
                        }
                        None => self.note(now, None, format!("wire {} {what}", w.0)),
                    }
                    if up {
                        // A mended `replicate` wire sends the writes held behind it.
                        for g in 0..self.regions.len() as u32 {
                            for m in 0..self.regions[g as usize].members().len() as u32 {
                                self.region_release(now, g, m, q);
                            }
                        }
                    }
                }
                return;
            }
        };
        for n in nodes {
            let label = self.nodes[n as usize].label.clone();
            match f.action {
                FaultAction::Fail => {
                    if self.nodes[n as usize].kind == ComponentKind::Database {
                        self.fail_database(now, n, q);
                        continue;
                    }
                    if !self.nodes[n as usize].failed && self.fail_one_node(now, n) {
                        continue;
                    }
                    self.nodes[n as usize].failed = true;
                    self.crash(now, n);
                    self.note(now, Some(n), format!("{label} failed"));
                }
                FaultAction::Restore => {
                    let node = &mut self.nodes[n as usize];
                    let all_had_failed = node.failed;
                    node.failed = false;
                    node.slow = 1.0;
                    let message = match &mut node.state {
                        State::Db(db) => {
                            db.primary_up = true;
                            format!("{label} restored")
                        }
                        State::Cache(c) if c.nodes > 1 && c.nodes_up < c.nodes => {
                            c.nodes_up = c.nodes;
                            let data = if all_had_failed {
                                "empty (every node had failed)"
                            } else {
                                "warm (a surviving node kept the data)"
                            };
                            format!("{label} restored: {0} of {0} nodes up, {data}", c.nodes)
                        }
                        State::Cache(c) => {
                            c.nodes_up = c.nodes;
                            format!("{label} restored")
                        }
                        State::Sessions(st) => {
                            let was = st.nodes_up;
                            st.nodes_up = st.nodes;
                            if all_had_failed {
                                format!(
                                    "{label} restored empty: users whose session was live must log in again"
                                )
                            } else if was < st.nodes {
                                format!(
                                    "{label} restored: {0} of {0} nodes up, no session lost",
                                    st.nodes
                                )
                            } else {
                                format!("{label} restored")
                            }
                        }
                        State::NoSql(st) => {
                            st.up.iter_mut().for_each(|u| *u = true);
                            format!("{label} restored: {0} of {0} nodes up", st.node_count())
                        }
                        _ => format!("{label} restored"),
                    };
                    self.set_slow(n, 1.0);
                    self.note(now, Some(n), message);
                    self.region_member_back(now, n, q);
                    self.redeliver(now, n, q);
                }
                FaultAction::Slow { factor } => {
                    self.set_slow(n, factor);
                    self.note(now, Some(n), format!("{label} slowed {factor}x"));
                }
                FaultAction::CutLink => {
                    let outs: Vec<u32> = self.nodes[n as usize].outs.iter().map(|o| o.2).collect();
                    for w in outs {
                        self.wire_up[w as usize] = false;
                    }
                    self.note(now, Some(n), format!("{label}: outgoing links cut"));
                }
                FaultAction::FlushCache => {
                    if let State::Cache(c) | State::Cdn(c) = &mut self.nodes[n as usize].state {
                        c.cache.flush();
                        self.note(now, Some(n), format!("{label} flushed: miss storm"));
                    }
                }
                FaultAction::DeployAssets => {
                    if let State::Cdn(c) = &mut self.nodes[n as usize].state {
                        c.assets_version += 1;
                        c.deployed_at = Some(now);
                        let message = if c.versioned_urls {
                            format!(
                                "{label}: new assets deployed under new URLs; every edge fetches each object once from the origin"
                            )
                        } else {
                            let ttl = match c.cache.config().ttl {
                                Some(t) => format!("for up to {:.0} s", t.as_secs_f64()),
                                None => "until they are evicted (no TTL)".to_string(),
                            };
                            format!(
                                "{label}: new assets deployed at the same URLs; edges serve the old ones {ttl}"
                            )
                        };
                        self.note(now, Some(n), message);
                    }
                }
            }
        }
    }

    fn wire_index(&self, wire_id: u32) -> Option<usize> {
        self.wire_ids.iter().position(|&w| w == wire_id)
    }

    fn set_slow(&mut self, n: u32, factor: f64) {
        let node = &mut self.nodes[n as usize];
        let f = if factor.is_finite() && factor >= 1.0 {
            factor
        } else {
            1.0
        };
        node.slow = f;
        let Some(base) = node.base_service else {
            return;
        };
        let d = base.scaled(f);
        match &mut node.state {
            State::Web(w) => {
                w.service = d;
                for st in &mut w.instances {
                    st.set_service(d);
                }
            }
            State::Db(db) => {
                db.primary.set_service(d);
                for st in &mut db.replicas {
                    st.set_service(d);
                }
            }
            State::NoSql(s) => {
                for st in &mut s.stations {
                    st.set_service(d);
                }
            }
            State::Sharded(s) => {
                for st in &mut s.shards {
                    st.set_service(d);
                }
            }
            State::Workers(w) => w.station.set_service(d),
            _ => {}
        }
    }

    /// Hands the jobs a durable queue held to its workers, if they are up.
    fn redeliver(&mut self, now: SimTime, n: u32, q: &mut EventQueue<Ev>) {
        if self.node_down(n) {
            return;
        }
        let incarnation = self.nodes[n as usize].incarnation;
        let State::Workers(w) = &mut self.nodes[n as usize].state else {
            return;
        };
        let held = std::mem::take(&mut w.held);
        let count = held.len();
        for r in held {
            let State::Workers(w) = &mut self.nodes[n as usize].state else {
                return;
            };
            let adm = w.station.arrive(now, r);
            self.admitted(now, n, 0, r, adm, incarnation, q);
        }
        if count > 1 {
            self.note(
                now,
                Some(n),
                format!("{count} jobs redelivered from the durable queue"),
            );
        }
    }

    /// Fails one node of a replicated cache or session store, or of a NoSQL store; true if
    /// `n` is such a component (it is handled, whatever remains up), false otherwise.
    fn fail_one_node(&mut self, now: SimTime, n: u32) -> bool {
        let label = self.nodes[n as usize].label.clone();
        let node = &mut self.nodes[n as usize];
        let (nodes_up, nodes, what, still, down) = match &mut node.state {
            State::Cache(c) if node.kind == ComponentKind::Cache => (
                &mut c.nodes_up,
                c.nodes,
                "cache",
                "a replica keeps serving its warm copy",
                "reads go to the database (miss storm)",
            ),
            State::Sessions(s) => (
                &mut s.nodes_up,
                s.nodes,
                "session store",
                "a replica keeps every session",
                "logged-in users lose their sessions",
            ),
            State::NoSql(_) => {
                self.fail_nosql_node(now, n);
                return true;
            }
            _ => return false,
        };
        let k = nodes - *nodes_up + 1;
        *nodes_up = nodes_up.saturating_sub(1);
        if *nodes_up > 0 {
            self.note(
                now,
                Some(n),
                format!("{label}: node {k} of {nodes} failed; {still}"),
            );
            return true;
        }
        node.failed = true;
        self.crash(now, n);
        let which = if nodes > 1 {
            format!(": node {k} of {nodes} failed")
        } else {
            " failed".to_string()
        };
        self.note(
            now,
            Some(n),
            format!("{label}{which}; the {what} is down: {down}"),
        );
        true
    }

    /// Fails the first live node of a NoSQL store: its queue is lost, and keys with no other
    /// live replica become unavailable.
    fn fail_nosql_node(&mut self, now: SimTime, n: u32) {
        let label = self.nodes[n as usize].label.clone();
        let node = &mut self.nodes[n as usize];
        let State::NoSql(s) = &mut node.state else {
            return;
        };
        let Some(k) = s.up.iter().position(|&u| u) else {
            return;
        };
        s.up[k] = false;
        s.incarnations[k] = s.incarnations[k].wrapping_add(1);
        let dropped = s.stations[k].crash(now);
        let total = s.node_count();
        let down = s.up.iter().filter(|&&u| !u).count();
        let message = if down as u32 == total {
            node.failed = true;
            format!(
                "{label}: node {} of {total} failed; every node is down",
                k + 1
            )
        } else {
            let share = s.unavailable_share();
            let keys = if share > 0.0 {
                format!("{:.0} % of keys have no live replica", share * 100.0)
            } else {
                format!(
                    "every key keeps a live replica (replication factor {})",
                    s.replication_factor
                )
            };
            format!(
                "{label}: node {} of {total} failed ({down} down); {keys}",
                k + 1
            )
        };
        for (_, r) in dropped {
            self.fail(now, n, r, FailureReason::Unavailable);
        }
        self.note(now, Some(n), message);
    }

    fn fail_database(&mut self, now: SimTime, n: u32, q: &mut EventQueue<Ev>) {
        let label = self.nodes[n as usize].label.clone();
        let node = &mut self.nodes[n as usize];
        node.incarnation += 1;
        let epoch = node.incarnation;
        let State::Db(db) = &mut node.state else {
            return;
        };
        let mut dropped: Vec<ReqId> = db.primary.crash(now).into_iter().map(|x| x.1).collect();
        let mut pending: Vec<u64> = db.pending_sync.keys().copied().collect();
        pending.sort_unstable();
        for seq in pending {
            if let Some(r) = db.pending_sync.remove(&seq) {
                dropped.push(r);
            }
        }
        // Replica reads in service survive the primary's failure: re-issue their completions
        // under the new incarnation is not possible, so they fail like the primary's.
        for st in &mut db.replicas {
            dropped.extend(st.crash(now).into_iter().map(|x| x.1));
        }
        let message = match db.set.fail_primary(now) {
            Some(f) => {
                db.primary_up = false;
                self.totals.lost_writes += f.lost_writes;
                let at = db.timing.promoted_at(now, SimTime::ZERO);
                q.schedule(at, Ev::Promoted(n, epoch));
                format!(
                    "{label}: primary failed; replica {} will be promoted at {:.0} s; {} acknowledged writes lost",
                    f.promoted,
                    at.as_secs_f64(),
                    f.lost_writes
                )
            }
            None => {
                self.nodes[n as usize].failed = true;
                format!("{label} failed (no replica to promote)")
            }
        };
        for r in dropped {
            self.fail(now, n, r, FailureReason::Unavailable);
        }
        self.note(now, Some(n), message);
        if self.nodes[n as usize].failed {
            self.region_leader_lost(now, n, q);
        }
    }

    fn snapshot(&self, now: SimTime, events: u64) -> MetricsSnapshot {
        let slot_old = ((self.ticks + 1) % WINDOW_TICKS as u64) as usize;
        let window_s = (self.ticks.min(WINDOW_TICKS as u64 - 1)).max(1) as f64;
        let rate = |now_count: u64, old: u64| {
            if self.ticks == 0 {
                0.0
            } else {
                now_count.saturating_sub(old) as f64 / window_s
            }
        };
        let old_total = if self.ticks < WINDOW_TICKS as u64 {
            0
        } else {
            self.window[slot_old]
        };
        let mut totals = self.totals.clone();
        totals.in_flight = self.live_requests;
        totals.latency = Latency::of(&self.latency.total());
        totals.recent_latency = Latency::of(&self.latency.recent(now));
        totals.throughput_rps = rate(self.totals.completed, old_total);
        let mut components = Vec::with_capacity(self.nodes.len());
        for (i, node) in self.nodes.iter().enumerate() {
            let old = if self.ticks < WINDOW_TICKS as u64 {
                Mark::default()
            } else {
                node.window[slot_old]
            };
            let last = if self.ticks == 0 {
                Mark::default()
            } else {
                node.window[(self.ticks % WINDOW_TICKS as u64) as usize]
            };
            let current = node.mark(now);
            let lookups = current.lookups.lookups.saturating_sub(old.lookups.lookups);
            let mut m = ComponentMetrics {
                id: node.id.0,
                kind: Some(node.kind),
                label: node.label.clone(),
                up: !self.node_down(i as u32),
                arrivals: node.arrivals,
                completions: node.completions,
                errors: node.errors,
                throughput_rps: rate(node.completions, old.completions),
                arrival_rps: rate(node.arrivals, old.arrivals),
                error_rps: rate(current.errors.total(), old.errors.total()),
                recent_errors: current.errors.since(&old.errors),
                // Tick to tick: the servers offered are summed at each tick.
                recent_utilization: match last.capacity_area.saturating_sub(old.capacity_area) {
                    0 => 0.0,
                    c => (last.busy_area.saturating_sub(old.busy_area) as f64 / c as f64).min(1.0),
                },
                recent_hit_ratio: (lookups > 0).then(|| {
                    current.lookups.hits.saturating_sub(old.lookups.hits) as f64 / lookups as f64
                }),
                latency: Latency::of(&node.latency.total()),
                recent_latency: Latency::of(&node.latency.recent(now)),
                ..ComponentMetrics::default()
            };
            let add = |st: &Station<ReqId>, m: &mut ComponentMetrics| {
                m.queue_len += st.queued() as u64;
                m.in_service += st.busy() as u64;
                m.servers += st.config().servers as u64;
                st.areas_at(now)
            };
            let mut sums = (0u128, 0u128, 0u128, 0u64);
            // Stations out of service (instances autoscaling removed) count only while they
            // finish what they hold: they are draining.
            for (st, active) in node.stations() {
                if active || st.in_system() > 0 {
                    let t = add(st, &mut m);
                    sums.0 += t.0;
                    sums.1 += t.1;
                    sums.2 += t.2;
                    sums.3 = sums.3.max(t.3);
                }
                if !active && st.in_system() > 0 {
                    m.draining += 1;
                }
            }
            match &node.state {
                State::Web(w) => m.instances = w.active,
                State::Db(db) => {
                    if !db.replicas.is_empty() {
                        let lag_ms = (0..db.set.replicas())
                            .map(|r| db.set.lag_time(now, r).as_millis_f64())
                            .fold(0.0, f64::max);
                        let lag_ops = (0..db.set.replicas())
                            .map(|r| db.set.lag_ops(r))
                            .max()
                            .unwrap_or(0);
                        m.replica_lag_ms = Some(lag_ms);
                        m.replica_lag_ops = Some(lag_ops);
                        m.mean_replication_lag_ms = Some(db.set.stats().lag.mean_secs() * 1e3);
                        m.replica_applies = Some(db.set.stats().applies);
                        m.replica_reads = Some(db.set.stats().reads);
                        m.stale_reads = Some(db.set.stats().stale_reads);
                    }
                    if !db.primary_up {
                        m.up = false;
                    }
                    if let Some(g) = db.region_group {
                        m.region_copy = self.region_copy(now, g, i as u32);
                    }
                }
                State::NoSql(s) => {
                    m.nodes = Some(NodesUp {
                        up: s.up.iter().filter(|&&u| u).count() as u32,
                        total: s.node_count(),
                    });
                }
                State::Sessions(s) => {
                    m.nodes = Some(NodesUp {
                        up: s.nodes_up,
                        total: s.nodes,
                    });
                    m.sessions = Some(SessionCounts {
                        held: s.store.len() as u64,
                        evicted: s.store.stats().evictions,
                        ..s.counts
                    });
                }
                State::Sharded(s) => {
                    m.shard_load = s.shards.iter().map(|st| st.stats().arrivals).collect();
                }
                State::Workers(w) => {
                    m.queue_len += w.held.len() as u64;
                    m.instances = w.instances;
                }
                State::Cache(c) | State::Cdn(c) => {
                    m.hit_ratio = Some(c.cache.stats().hit_ratio());
                    m.lookups = Some(current.lookups);
                    if node.kind == ComponentKind::Cache {
                        m.nodes = Some(NodesUp {
                            up: c.nodes_up,
                            total: c.nodes,
                        });
                    }
                }
                _ => {}
            }
            if let Some((l, up)) = node.lookup_nodes() {
                let backlog = l.backlog(now);
                m.servers = up as u64;
                m.in_service = backlog.min(up as u64);
                m.queue_len = backlog - m.in_service;
                let offered = now.0 as u128 * l.free_at.len() as u128;
                if offered > 0 {
                    m.utilization = (l.busy_by(now) as f64 / offered as f64).min(1.0);
                    m.mean_queue_len = l.waited_by(now) as f64 / now.0 as f64;
                }
            }
            if sums.1 > 0 {
                m.utilization = sums.0 as f64 / sums.1 as f64;
            }
            if sums.3 > 0 {
                m.mean_queue_len = sums.2 as f64 / sums.3 as f64;
            }
            components.push(m);
        }
        let dc_total: u64 = self.groups.iter().map(|g| g.requests).sum();
        // Per group: whether some DNS answers with an entry point in it, and whether one of
        // those is believed healthy.
        let mut in_dns: Vec<Option<bool>> = vec![None; self.groups.len()];
        for node in &self.nodes {
            if let State::Dns(d) = &node.state {
                for &(target, _, believed_up) in &d.health.state {
                    if let Some(g) = self.nodes[target as usize].group {
                        let slot = &mut in_dns[g as usize];
                        *slot = Some(slot.unwrap_or(false) || believed_up);
                    }
                }
            }
        }
        let datacenters = self
            .groups
            .iter()
            .zip(in_dns)
            .map(|(g, in_dns)| DatacenterMetrics {
                id: g.id,
                name: g.name.clone(),
                up: !g.failed,
                in_dns,
                requests: g.requests,
                share: if dc_total == 0 {
                    0.0
                } else {
                    g.requests as f64 / dc_total as f64
                },
            })
            .collect();
        MetricsSnapshot {
            time_s: now.as_secs_f64(),
            events,
            overall: totals,
            components,
            datacenters,
            log: self.log.iter().cloned().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_robin_turns_are_the_count_modulo_the_current_size() {
        let mut rr = RoundRobin::default();
        let mut x = 3u64;
        for turn in 1..=10_000u64 {
            x = crate::sim::rng::mix64(x);
            // The size changes now and then, as backends scale or fail.
            let m = if x.is_multiple_of(50) {
                1 + x % 7
            } else {
                rr.m.max(3)
            };
            assert_eq!(rr.next(m), turn % m, "turn {turn} among {m}");
        }
    }

    #[test]
    fn one_way_delays_are_indexed_by_each_regions_place_in_all() {
        // `World::one_way` is indexed by `Region as usize` and filled in `Region::ALL` order.
        for (i, &r) in Region::ALL.iter().enumerate() {
            assert_eq!(r as usize, i);
        }
    }
}
