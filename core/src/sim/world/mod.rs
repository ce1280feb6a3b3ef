//! A diagram turned into a running simulation: individual requests hop between components.
//!
//! Owns: [`build()`] (validated `Diagram` -> [`Simulation`], or a precise [`BuildError`]),
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
//!  Tick (1 s): traffic profile, health checks, autoscaling, marks for the last-window figures,
//!  alerts on sustained errors, saturation and growing queues.
//! ```
//!
//! Invariants: every user request is in exactly one place (an event, a station, a pending sync
//! write) until it completes or fails with one reason, so `arrived = completed + failed +
//! in flight` at every instant; requests live in a slab whose free slots are reused, and in
//! flight requests are capped, so memory stays flat however long the run; all per-key state is
//! looked up, never iterated, and every random draw comes from a named stream of
//! (scenario seed, component id). A request that wanders (a routing loop in a nonsense diagram)
//! fails with *no route* after a fixed number of hops.
//! The key copies a sharded database makes after a shard is added are requests of their own
//! kind (`ReqKind::Migration`, paced by `Ev::CopyKey`): they take turns at its stations like
//! any request but are never a user's, so they are outside the totals and the invariant.
//!
//! Each component kind is described in its own file under `kinds/`; a fault takes the nodes of a
//! replicated part, and the servers of a web tier, one by one there (a `Fail` fault takes one
//! node or server, the last one the whole component, `Restore` brings them all back, a
//! datacenter failure takes every node it holds). A balancer's health checks follow each
//! server of its web tiers; a resolver's, only whether a tier answers at all.
//!
//! Layout: this file holds the world ([`World`], its nodes and their [`State`], the event
//! enum [`Ev`] and its dispatch); `build` turns a diagram into it, `flow` moves requests
//! (arrive, done, send, complete, fail), `routing` holds the rules several places share (one
//! of them, [`target_for_key`], is also what `predict` foresees with), `tick` the health checks
//! and the autoscalers' turn, `faults` what faults do, `snapshot` what the view reads, and
//! `cross_region` the glue to `regions`. A kind's file owns its node state, how it is built,
//! and what happens at its nodes: its handlers get their own state and a small context (the
//! node's counters, the facts about other nodes they need) and answer with a decision
//! (`Arrival`, `Finish`, `NodeFailure`, `LoginAt`, `Draw`) that the world applies.
//!
//! Deliberately absent: trait objects. Kinds are dispatched by matching on [`State`], so the
//! per-request path stays direct calls the compiler can inline, and no match over the world's
//! enums has a wildcard arm (denied below): adding a kind or an event makes the compiler list
//! every place to update.
//!
//! Deliberate simplifications (said here so the view can say them too): the reply travels back
//! as fast as the request came (latency = time in the system + the forward network delays);
//! a CDN edge answers after a fixed delay and never queues; a worker's own data writes are not
//! simulated; the message queue is the
//! workers' waiting line; a NoSQL component's latency is the time at the replica that answered.
//!
//! Events are spent only where something can happen in between: a DNS resolver and a load
//! balancer (except by least connections) route a request on when it is sent to them, for its
//! arrival time, and an answer after a fixed delay (a cache or CDN hit) completes at once with
//! the delay added to its network time. The timings are those of the hop by hop model.

#![deny(clippy::wildcard_enum_match_arm)]

mod alerts;
mod build;
mod cross_region;
mod faults;
mod flow;
mod kinds;
mod lookups;
mod routing;
mod snapshot;
mod tick;

use alerts::Watch;
pub use build::{BuildError, build};
use cross_region::*;
use kinds::{Arrival, Finish, Here, NodeFailure};
use kinds::{
    cache::*, database::*, dns::*, load_balancer::*, nosql::*, queue::*, sessions::*, sharded::*,
    sink::*, users::*, web::*,
};
use lookups::*;
pub(crate) use routing::target_for_key;
use routing::*;
use tick::*;

use std::rc::Rc;

use super::cache::{Cache, CacheConfig as SimCacheConfig, Eviction as SimEviction, TtlMode};
use super::histogram::SlidingHistogram;
use super::log::{Alert, AlertKind, ColdStart, LogEvent, ReplicatedPart, Restored};
use super::metrics::{
    ComponentMetrics, DatacenterMetrics, ErrorCounts, FailureReason, Latency, LogEntry, Lookups,
    MetricsSnapshot, NodesUp, RegionCopy, Totals, WINDOW_S,
};
use super::regions::{Member, RegionGroup};
use super::replication::{FailoverTiming, ReplicaSet, ReplicationConfig, ReplicationMode, WriteOp};
use super::rng::{Dist, KeyMap, SimRng, Zipf};
use super::session_table::{Login, SessionTable};
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
/// Applied faults a snapshot lists (the charts mark them); a fault is a person's action or a
/// line of the scenario, so this covers any run someone makes.
const FAULTS_KEEP: usize = 200;
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

/// A node's facts that never change during a run, in a small dense array the hop reads
/// without touching the nodes themselves.
#[derive(Clone, Copy, Debug)]
struct Place {
    region: Option<Region>,
    id: ComponentId,
    /// A population of users: a request leaves it from the users' own region.
    users: bool,
    /// Routes a request on the moment it is sent there ([`World::passes_through`]).
    passes: bool,
    /// A population of users: the number of its first client among every population's
    /// ([`World::client`]).
    first_client: u32,
}

/// A node of the world: its place in [`World::nodes`] (the diagram's component order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
struct NodeIx(u32);

/// A datacenter: its place in [`World::groups`] (the diagram's group order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
struct GroupIx(u32);

/// A database copied across datacenters: its region group's place in [`World::regions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
struct RegionGroupIx(u32);

/// A database in a region group: its place among the group's members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
struct MemberIx(u32);

impl NodeIx {
    /// Its place in `World::nodes`.
    #[inline]
    fn ix(self) -> usize {
        self.0 as usize
    }
}

macro_rules! index_by {
    ($ix:ty => $item:ty) => {
        impl std::ops::Index<$ix> for [$item] {
            type Output = $item;
            #[inline]
            fn index(&self, i: $ix) -> &$item {
                &self[i.0 as usize]
            }
        }
        impl std::ops::IndexMut<$ix> for [$item] {
            #[inline]
            fn index_mut(&mut self, i: $ix) -> &mut $item {
                &mut self[i.0 as usize]
            }
        }
        impl std::ops::Index<$ix> for Vec<$item> {
            type Output = $item;
            #[inline]
            fn index(&self, i: $ix) -> &$item {
                &self[i.0 as usize]
            }
        }
        impl std::ops::IndexMut<$ix> for Vec<$item> {
            #[inline]
            fn index_mut(&mut self, i: $ix) -> &mut $item {
                &mut self[i.0 as usize]
            }
        }
    };
}
index_by!(NodeIx => Node);
index_by!(GroupIx => GroupState);
index_by!(RegionGroupIx => RegionGroup);
index_by!(MemberIx => Member);

type ReqId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReqKind {
    Read,
    Write,
    Static,
    Job,
    /// A key copied to its new shard after a shard was added (`kinds/sharded.rs`): work at
    /// the shard servers, never a user request (not counted in the totals).
    Migration,
}

#[derive(Clone, Copy, Debug)]
struct Req {
    kind: ReqKind,
    login: bool,
    key: u64,
    client: u32,
    users: NodeIx,
    region: Region,
    born: SimTime,
    net: SimTime,
    hops: u8,
    /// The web node that served it (where its data operations come from).
    web: MaybeIx,
    /// Instance chosen by a load balancer for the next web node.
    instance: MaybeIx,
    /// CDN edge to fill on the way back.
    edge: MaybeIx,
    /// Cache to fill on the way back.
    cache: MaybeIx,
    entered_dc: bool,
}

/// A node or instance index that may be absent, in four bytes (`u32::MAX` stands for none)
/// where an `Option<u32>` takes eight: a request is 56 bytes instead of 72, and compiled for
/// wasm a copy of 64 bytes or less is a few loads and stores where a larger one is a
/// `memory.copy` (a call out of the compiled code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct MaybeIx(u32);

impl MaybeIx {
    const NONE: MaybeIx = MaybeIx(u32::MAX);
    /// Instance `i` (never `u32::MAX`: instances are far fewer).
    #[inline]
    fn instance(i: u32) -> MaybeIx {
        debug_assert!(i != u32::MAX);
        MaybeIx(i)
    }
    /// The index, if any.
    #[inline]
    fn get(self) -> Option<u32> {
        (self.0 != u32::MAX).then_some(self.0)
    }
    /// The node, if any.
    #[inline]
    fn node(self) -> Option<NodeIx> {
        self.get().map(NodeIx)
    }
    /// The index, if any, leaving none.
    #[inline]
    fn take(&mut self) -> Option<u32> {
        std::mem::replace(self, MaybeIx::NONE).get()
    }
}

impl From<NodeIx> for MaybeIx {
    #[inline]
    fn from(n: NodeIx) -> MaybeIx {
        MaybeIx(n.0)
    }
}

enum Ev {
    /// Users node `users` draws its next request.
    Generate {
        users: NodeIx,
    },
    /// Request `req` reaches `node`.
    Arrive {
        node: NodeIx,
        req: ReqId,
    },
    /// Station `sub` of `node` finished serving `req` (which it took at `arrived`); void if
    /// the station crashed since (its `incarnation` changed).
    Done {
        node: NodeIx,
        sub: u32,
        req: ReqId,
        arrived: SimTime,
        incarnation: u32,
    },
    /// A write `op` shipped by database `db`'s primary reaches its read replica `replica`.
    RepDeliver {
        db: NodeIx,
        replica: u32,
        op: WriteOp,
    },
    /// Read replica `replica` of database `db` finished applying `op`, which reached its
    /// apply queue at `arrived`.
    RepApplied {
        db: NodeIx,
        replica: u32,
        op: WriteOp,
        arrived: SimTime,
    },
    /// Database `db`'s replica promotion, planned when the node was in incarnation `epoch`, is
    /// due.
    Promoted {
        db: NodeIx,
        epoch: u32,
    },
    /// Sharded database `db`'s promotion of a replica in shard `shard`, planned at that
    /// shard's primary failure number `epoch`, is due.
    ShardPromoted {
        db: NodeIx,
        shard: u32,
        epoch: u32,
    },
    /// A write `op` shipped by region group `group`'s leader reaches `member`.
    RegionDeliver {
        group: RegionGroupIx,
        member: MemberIx,
        op: WriteOp,
    },
    /// `member` of region group `group` finished applying `op`, which reached its apply queue
    /// at `arrived`.
    RegionApplied {
        group: RegionGroupIx,
        member: MemberIx,
        op: WriteOp,
        arrived: SimTime,
    },
    /// Read `req`, answered by the store behind a cache-aside `cache`, reaches that cache
    /// again: the web tier writes the value back.
    WriteBack {
        cache: NodeIx,
        req: ReqId,
    },
    /// Region group `group`'s planned take-over (plan `epoch`) is due.
    TakeOver {
        group: RegionGroupIx,
        epoch: u32,
    },
    /// Sharded database `db` copies its next moved key to its new shard (the migration after
    /// a shard was added, paced at its throttle).
    CopyKey {
        db: NodeIx,
    },
    Tick,
    Fault(Fault),
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
    Queue(QueueNode),
    Workers(WorkersNode),
    Sink(SinkNode),
}

struct Node {
    id: ComponentId,
    kind: ComponentKind,
    label: String,
    group: Option<GroupIx>,
    region: Option<Region>,
    failed: bool,
    slow: f64,
    base_service: Option<Dist>,
    incarnation: u32,
    /// (port, target node, wire index)
    outs: Vec<(OutPort, NodeIx, u32)>,
    arrivals: u64,
    completions: u64,
    errors: ErrorCounts,
    /// A population's requests that failed, wherever they failed (0 for other kinds).
    sent_failed: u64,
    /// Time spent here by the requests it served: the whole run and the last window.
    latency: SlidingHistogram,
    /// The node's counters at each of the last ticks (a ring indexed by tick number).
    /// Boxed: read once a tick, it would otherwise fill most of the node's memory between
    /// the fields every request touches.
    window: Box<[Mark; WINDOW_TICKS]>,
    /// Servers it offered, in server-nanoseconds, summed at each tick over the second before.
    capacity_area: u128,
    /// What it is billed (`model::cost`), read by the snapshot with the servers running now.
    price: crate::model::cost::Price,
    state: State,
}

/// A node's cumulative counters at one tick: the difference of two marks is what happened in
/// between, so a snapshot can report the last window and not only the whole run.
#[derive(Clone, Copy, Debug, Default)]
struct Mark {
    arrivals: u64,
    completions: u64,
    errors: ErrorCounts,
    sent_failed: u64,
    /// Cache and CDN lookups, and those that hit.
    lookups: Lookups,
    /// Busy server-nanoseconds over every station of the node.
    busy_area: u128,
    capacity_area: u128,
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
    /// The requests failed, by reason, at each of the last ticks (a ring like `window`).
    window_failed: [ErrorCounts; WINDOW_TICKS],
    ticks: u64,
    duration_s: f64,
    traffic: crate::model::TrafficProfile,
    log: std::collections::VecDeque<LogEntry>,
    /// The faults applied so far, scheduled or injected live, oldest first, each at the time it
    /// took effect (the last [`FAULTS_KEEP`]): the charts mark them.
    applied_faults: std::collections::VecDeque<Fault>,
    timed_out: Vec<(SimTime, ReqId)>,
    /// Databases copied across datacenters.
    regions: Vec<RegionGroup>,
    /// Where each logged-in client's session lives in a stateful web server's memory
    /// (client -> web node, instance, incarnation), over every web tier: a login that lands
    /// anywhere else is logged out ([`WebNode::session_kept`]).
    web_sessions: KeyMap<(u32, u32, u32)>,
    /// Reused buffers of the per-request routing decisions (no allocation per request).
    scratch: Scratch,
    /// One-way network delay between regions (half the round trip), by `Region as usize`.
    one_way: [[SimTime; Region::ALL.len()]; Region::ALL.len()],
    /// Each node's fixed facts (its datacenter's region, its component id), apart from the
    /// nodes so a kind may read other nodes' while its own state is borrowed.
    places: Vec<Place>,
    /// Per node: the sustained conditions the alerts watch.
    watch: Vec<Watch>,
    /// Counts the ticks and faults handled (each twice: before and after): what a balancer's
    /// routes depend on (health checks, autoscaling, wires and nodes up) changes only then,
    /// so routes worked out in the same epoch still hold ([`LbRoutes`]).
    routes_epoch: u64,
    /// Each node's targets by port over the wires up (see [`WireIndex`]).
    wires: WireIndex,
    /// Per node: whether it is down, failed itself or in a failed datacenter (what
    /// [`node_is_down`] says), kept beside the nodes for the requests' path, which asks on
    /// every arrival and more; set again by [`World::refresh_down`] whenever either flag
    /// changes.
    down: Vec<bool>,
}

#[derive(Default)]
struct Scratch {
    targets: Vec<NodeIx>,
    /// Places in `entries` (a resolver's healthy answers).
    picks: Vec<u32>,
    /// Requests in the system per slot (a balancer's by least connections).
    slots: Vec<u64>,
    shipped: Vec<(u32, SimTime, WriteOp)>,
    reachable: Vec<bool>,
}

/// A diagram being simulated.
pub struct Simulation {
    engine: Engine<World>,
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
    /// Applies `fault` now, in addition to the scenario's schedule: its `at_s` is not read (a
    /// timed fault belongs in the scenario's schedule, applied at its time by `build`).
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
            Ev::Generate { users } => self.generate(now, users, q),
            Ev::Arrive { node, req } => self.arrive(now, node, req, q),
            Ev::Done {
                node,
                sub,
                req,
                arrived,
                incarnation,
            } => self.done(now, node, sub, req, arrived, incarnation, q),
            Ev::RepDeliver { db, replica, op } => self.replica_deliver(now, db, replica, op, q),
            Ev::RepApplied {
                db,
                replica,
                op,
                arrived,
            } => self.replica_applied(now, db, replica, op, arrived, q),
            Ev::Promoted { db, epoch } => self.promoted(now, db, epoch),
            Ev::ShardPromoted { db, shard, epoch } => self.shard_promoted(now, db, shard, epoch),
            Ev::RegionDeliver { group, member, op } => {
                self.region_deliver(now, group, member, op, q)
            }
            Ev::RegionApplied {
                group,
                member,
                op,
                arrived,
            } => self.region_applied(now, group, member, op, arrived, q),
            Ev::WriteBack { cache, req } => self.write_back(now, cache, req, q),
            Ev::TakeOver { group, epoch } => self.take_over(now, group, epoch),
            Ev::CopyKey { db } => self.copy_next_key(now, db, q),
            Ev::Tick => {
                self.routes_epoch += 1;
                self.tick(now, q);
                self.routes_epoch += 1;
            }
            Ev::Fault(f) => {
                self.routes_epoch += 1;
                self.fault(now, f, q);
                self.routes_epoch += 1;
            }
        }
    }
}

fn node_is_down(nodes: &[Node], groups: &[GroupState], n: NodeIx) -> bool {
    let node = &nodes[n];
    node.failed || node.group.is_some_and(|g| groups[g].failed)
}

fn link_up(wire_up: &[bool], wire: Option<u32>) -> bool {
    wire.is_none_or(|w| wire_up.get(w as usize) != Some(&false))
}

impl World {
    fn note(&mut self, now: SimTime, node: Option<NodeIx>, event: LogEvent) {
        if self.log.len() >= LOG_KEEP {
            self.log.pop_front();
        }
        self.log.push_back(LogEntry {
            time_s: now.as_secs_f64(),
            component: node.map(|n| self.nodes[n].id.0),
            event,
        });
    }

    #[inline]
    fn node_down(&self, n: NodeIx) -> bool {
        self.down[n.ix()]
    }

    /// Marks node `n` failed or not; [`World::node_down`] follows at once.
    fn set_failed(&mut self, n: NodeIx, failed: bool) {
        self.nodes[n].failed = failed;
        self.refresh_down();
    }

    /// Marks datacenter `gi` failed or not; [`World::node_down`] follows at once.
    fn set_group_failed(&mut self, gi: usize, failed: bool) {
        self.groups[gi].failed = failed;
        self.refresh_down();
    }

    /// Works out again which nodes are down (at the build, and through [`World::set_failed`]
    /// and [`World::set_group_failed`], the only places a node's or a datacenter's failed flag
    /// changes), so [`World::node_down`] always says what [`node_is_down`] would.
    fn refresh_down(&mut self) {
        self.down.clear();
        self.down.extend(
            (0..self.nodes.len() as u32)
                .map(|i| node_is_down(&self.nodes, &self.groups, NodeIx(i))),
        );
    }

    /// The targets of `n`'s wires through `port` that are up, in wiring order.
    fn targets(&self, n: NodeIx, port: OutPort) -> impl Iterator<Item = NodeIx> + '_ {
        self.wires.of(n, port).iter().copied()
    }

    fn first_target(&self, n: NodeIx, port: OutPort) -> Option<NodeIx> {
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
        match self.reqs[r as usize].kind {
            ReqKind::Job => self.live_jobs -= 1,
            ReqKind::Read | ReqKind::Write | ReqKind::Static => self.live_requests -= 1,
            ReqKind::Migration => {}
        }
        self.free.push(r);
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
    fn a_request_fits_the_size_wasm_copies_inline() {
        // Compiled for wasm, a copy of more than 64 bytes is a `memory.copy` call.
        assert!(std::mem::size_of::<Req>() <= 56);
        assert_eq!(MaybeIx::NONE.node(), None);
        assert_eq!(MaybeIx::from(NodeIx(3)).node(), Some(NodeIx(3)));
        let mut i = MaybeIx::instance(7);
        assert_eq!((i.take(), i.take()), (Some(7), None));
    }

    #[test]
    fn one_way_delays_are_indexed_by_each_regions_place_in_all() {
        // `World::one_way` is indexed by `Region as usize` and filled in `Region::ALL` order.
        for (i, &r) in Region::ALL.iter().enumerate() {
            assert_eq!(r as usize, i);
        }
    }
}
