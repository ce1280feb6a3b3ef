//! The inspector's live figures as typed values: which rows one component's (or one
//! datacenter's) latest metrics make, each a [`Readout`] (the kind of row and its numbers), with
//! the theory to quote beside them.
//!
//! Owns: [`Readout`] (with its stable [`Readout::key`] and whether it is an
//! [`alert`](Readout::alert)), [`component_rows`] and [`datacenter_rows`] (in the order the
//! inspector shows them: status and flow first, then the kind's headline figure, then latency),
//! and the theory's typed answers ([`CacheModel`], [`WebTheory`], [`LagTheory`],
//! [`StaleReadChance`]). Rows that
//! would say nothing are left out: errors only for reasons that happened (walking
//! [`FailureReason::ALL`]), queue figures only for components that queue, latency only once
//! something was measured.
//!
//! Deliberately holds no words: [`super::english::row`] renders a row to text, and a second
//! language will render the same values. Knows nothing of the view; the theory comes in as
//! numbers from [`crate::sim::predict`] and the run view's Che predictions.

use crate::model::{ComponentConfig, ComponentId, ComponentKind, Diagram};
use crate::sim::failure::FailureReason;
use crate::sim::metrics::{ComponentMetrics, DatacenterMetrics, Latency, SessionCounts, WINDOW_S};
use crate::sim::predict::{
    CachePrediction, READ_BACK_AFTER_MS, ReplicaLagPrediction, WebQueueModel, WebTierPrediction,
};
use crate::sim::theory;

/// One line of the inspector's live section: what the figure is, with its numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Readout {
    /// Whether the component (or datacenter) is up.
    Status { up: bool },
    /// Arrivals per second over the last window, and since the start.
    Arrivals { rps: f64, total: u64 },
    /// Completions per second over the last window.
    Throughput { rps: f64 },
    /// Busy servers over servers (0-1), over the last window and since the start.
    Utilization { recent: f64, since_start: f64 },
    /// Requests waiting right now, and the time-average waiting line.
    Queue { waiting: u64, mean: f64 },
    /// Requests in service right now, of how many servers.
    InService { busy: u64, servers: u64 },
    /// Requests that failed here for `reason`: since the start, over the last window, and as a
    /// share (0-1) of the arrivals.
    Failed {
        reason: FailureReason,
        total: u64,
        recent: u64,
        share: f64,
    },
    /// A population's requests that failed, wherever they failed: since the start, over the
    /// last window, and as a share (0-1) of what it sent.
    SentFailed { total: u64, recent: u64, share: f64 },
    /// A cache's or CDN's hit ratio (0-1) over the last window (if it was asked anything) and
    /// since the start, beside what theory predicts.
    HitRatio {
        recent: Option<f64>,
        since_start: f64,
        theory: Option<(f64, CacheModel)>,
    },
    /// A cache's operations per miss since the start: its `misses`, each one lookup, and the
    /// values the web tier wrote back after them (`write_backs`: a cache-aside cache's second
    /// operation per miss; none when the cache reads through and fills itself).
    CacheOperations { misses: u64, write_backs: u64 },
    /// A balancer with a capacity: the mean wait to be forwarded over the last window (`None`
    /// when it forwarded nothing) and since the start, in ms, beside M/D/1 at the rate the
    /// diagram offers it (`arrival_rps`, never the simulated one; `predicted_ms` is `None` when
    /// it reaches the capacity).
    ForwardWait {
        recent_ms: Option<f64>,
        since_start_ms: f64,
        arrival_rps: f64,
        capacity_rps: f64,
        predicted_ms: Option<f64>,
    },
    /// The largest replica lag right now, in time and in writes.
    ReplicaLagNow { ms: f64, writes: u64 },
    /// The mean lag per applied write, beside the M/M/1 apply queue.
    ReplicaLagMean { ms: f64, theory: Option<LagTheory> },
    /// Replica reads that missed the key's latest write, beside theory's share (0-1).
    StaleReads {
        stale: u64,
        reads: u64,
        theory_share: Option<f64>,
    },
    /// The chance that a client reading back its own write finds a replica without it.
    ReadBack(StaleReadChance),
    /// The database of a group copied across datacenters that takes every write.
    RegionLeader,
    /// A copy of `leader` in another datacenter.
    RegionCopy { leader: String },
    /// The copy's lag right now, in time and in writes.
    CopyLagNow { ms: f64, writes: u64 },
    /// The copy's mean lag per applied write, beside the one-way delay plus the apply queue.
    CopyLagMean {
        ms: f64,
        theory: Option<CopyLagTheory>,
    },
    /// Reads at the copy that missed the latest write, beside the read-back chance.
    CopyStale {
        stale: u64,
        reads: u64,
        theory: Option<StaleReadChance>,
    },
    /// A copy about to take over from an unreachable leader, and when (simulated seconds).
    Takeover { successor: String, at_s: f64 },
    /// Requests each shard received since the start.
    ShardLoad { per_shard: Vec<u64> },
    /// The hottest shard's load over the mean shard's.
    HottestShard { times_mean: f64 },
    /// Messages a queue holds for the workers it feeds.
    QueueDepth { messages: u64, consumer: String },
    /// Jobs waiting at a worker pool.
    JobsWaiting { jobs: u64 },
    /// Active workers.
    Workers { instances: u32 },
    /// Active web servers, and those draining after a scale-in.
    Instances { active: u32, draining: u32 },
    /// A web tier's mean time per request (wait + service) in ms (`None` while none finished),
    /// beside queueing theory read from the diagram: since the start, or over the last window
    /// (`recent`) where the traffic profile moves the rate the theory is for.
    TimeInTier {
        mean_ms: Option<f64>,
        recent: bool,
        theory: WebTheory,
        /// The tier scales itself: the theory is of the instances it starts with, not of those
        /// running now.
        autoscaled: bool,
    },
    /// Nodes up of those configured.
    NodesUp { up: u32, total: u32 },
    /// What a session store did with the sessions asked of it.
    Sessions(SessionCounts),
    /// Sessions lost before their time: users logged out.
    SessionsLost { lost: u64 },
    /// Latency quantiles over the last window (`None` when nothing finished in it).
    Latency { recent: Option<Latency> },
    /// Latency quantiles since the start.
    LatencySinceStart { all: Latency },
    /// Whether DNS still answers with a datacenter (`None`: no DNS answers with it).
    Dns { in_dns: Option<bool> },
    /// A datacenter's share (0-1) of the requests that entered one, and how many entered it.
    TrafficShare { share: f64, requests: u64 },
    /// What the component costs an hour right now, in US dollars (`model::cost`).
    Cost { usd_per_hour: f64 },
    /// A shard added during the run: keys moved beside theory, and the copy's progress.
    Resharding(crate::sim::metrics::Resharding),
    /// A replicated database's primary, each replica and each replica's apply thread apart:
    /// busy over offered (0-1), since the start.
    DatabaseParts(crate::sim::metrics::DatabaseParts),
}

impl Readout {
    /// A stable name for the row, the same in every language (the view's test id is
    /// `live-<key>`).
    pub fn key(&self) -> String {
        let key = match self {
            Readout::Status { .. } => "status",
            Readout::Arrivals { .. } => "arrivals",
            Readout::Throughput { .. } => "throughput",
            Readout::Utilization { .. } => "utilization",
            Readout::Queue { .. } => "queue",
            Readout::InService { .. } => "in-flight",
            Readout::Failed { reason, .. } => return format!("failed-{}", reason.id()),
            Readout::SentFailed { .. } => "sent-failed",
            Readout::HitRatio { .. } => "hit-ratio",
            Readout::CacheOperations { .. } => "cache-operations",
            Readout::ForwardWait { .. } => "forward-wait",
            Readout::ReplicaLagNow { .. } => "lag-now",
            Readout::ReplicaLagMean { .. } => "lag-mean",
            Readout::StaleReads { .. } => "stale-reads",
            Readout::ReadBack(_) => "stale-probability",
            Readout::RegionLeader | Readout::RegionCopy { .. } => "region-role",
            Readout::CopyLagNow { .. } => "copy-lag-now",
            Readout::CopyLagMean { .. } => "copy-lag-mean",
            Readout::CopyStale { .. } => "copy-stale",
            Readout::Takeover { .. } => "takeover",
            Readout::ShardLoad { .. } => "shard-load",
            Readout::HottestShard { .. } => "hottest-shard",
            Readout::QueueDepth { .. } | Readout::JobsWaiting { .. } => "depth",
            Readout::Workers { .. } => "workers",
            Readout::Instances { .. } => "instances",
            Readout::TimeInTier { .. } => "time-in-tier",
            Readout::NodesUp { .. } => "nodes",
            Readout::Sessions(_) => "sessions",
            Readout::SessionsLost { .. } => "sessions-lost",
            Readout::Latency { .. } => "latency",
            Readout::LatencySinceStart { .. } => "latency-all",
            Readout::Dns { .. } => "dns",
            Readout::TrafficShare { .. } => "traffic-share",
            Readout::Cost { .. } => "cost",
            Readout::Resharding(_) => "resharding",
            Readout::DatabaseParts(_) => "database-parts",
        };
        key.to_string()
    }

    /// Whether the figure says something is wrong (down, failing right now, offered more than
    /// it forwards, nodes or sessions lost, taken out of DNS, a take-over pending). Stale reads
    /// are not: they are what asynchronous replication trades for speed.
    pub fn alert(&self) -> bool {
        match self {
            Readout::Status { up } => !up,
            Readout::Failed { recent, .. } | Readout::SentFailed { recent, .. } => *recent > 0,
            Readout::ForwardWait {
                arrival_rps,
                capacity_rps,
                ..
            } => arrival_rps >= capacity_rps,
            Readout::Takeover { .. } | Readout::SessionsLost { .. } => true,
            // Overloaded as it started is a warning only for a tier that cannot grow.
            Readout::TimeInTier {
                theory, autoscaled, ..
            } => !autoscaled && matches!(theory, WebTheory::Overloaded { .. }),
            Readout::NodesUp { up, total } => up < total,
            Readout::Dns { in_dns } => *in_dns == Some(false),
            Readout::Arrivals { .. }
            | Readout::Throughput { .. }
            | Readout::Utilization { .. }
            | Readout::Queue { .. }
            | Readout::InService { .. }
            | Readout::HitRatio { .. }
            | Readout::CacheOperations { .. }
            | Readout::ReplicaLagNow { .. }
            | Readout::ReplicaLagMean { .. }
            | Readout::StaleReads { .. }
            | Readout::ReadBack(_)
            | Readout::RegionLeader
            | Readout::RegionCopy { .. }
            | Readout::CopyLagNow { .. }
            | Readout::CopyLagMean { .. }
            | Readout::CopyStale { .. }
            | Readout::ShardLoad { .. }
            | Readout::HottestShard { .. }
            | Readout::QueueDepth { .. }
            | Readout::JobsWaiting { .. }
            | Readout::Workers { .. }
            | Readout::Instances { .. }
            | Readout::Sessions(_)
            | Readout::Latency { .. }
            | Readout::LatencySinceStart { .. }
            | Readout::TrafficShare { .. }
            | Readout::Cost { .. }
            | Readout::DatabaseParts(_)
            | Readout::Resharding(_) => false,
        }
    }
}

/// Which closed form predicts a hit ratio: the formula for the cache's eviction policy (or its
/// TTL, when the TTL binds first), and whether writes invalidating keys are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheModel {
    /// The formula.
    pub formula: theory::CacheFormula,
    /// Whether the cache's keys are also written (each write invalidates the key).
    pub writes_invalidate: bool,
}

impl CacheModel {
    /// The model of prediction `p`.
    pub fn of(p: &CachePrediction) -> CacheModel {
        CacheModel {
            formula: p.theory.formula,
            writes_invalidate: p.writes_invalidate,
        }
    }
}

/// What queueing theory says of a web tier, from the diagram alone
/// ([`crate::sim::predict::web_tier_predictions`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WebTheory {
    /// A steady mean time per request (wait + service), in ms, by `model` on `servers`
    /// threads (an instance's, or the whole tier's for the pooled model) with the arrival and
    /// service variability (squared coefficients of variation) it used.
    Predicts {
        mean_ms: f64,
        model: WebQueueModel,
        servers: u32,
        arrival_scv: f64,
        service_scv: f64,
    },
    /// The diagram offers at least what the tier can serve (`utilization` >= 1): its queue
    /// grows without bound until requests time out.
    Overloaded { utilization: f64 },
}

impl WebTheory {
    /// The answer of prediction `p`.
    pub fn of(p: &WebTierPrediction) -> WebTheory {
        match p.response_ms() {
            Some(mean_ms) => WebTheory::Predicts {
                mean_ms,
                model: p.model,
                servers: match p.model {
                    WebQueueModel::PooledLowerBound => {
                        p.instances.saturating_mul(p.threads_per_instance)
                    }
                    WebQueueModel::Mmc | WebQueueModel::AllenCunneen => p.threads_per_instance,
                },
                arrival_scv: p.arrival_scv,
                service_scv: p.service_scv,
            },
            None => WebTheory::Overloaded {
                utilization: p.utilization,
            },
        }
    }
}

/// What the M/M/1 apply queue says of a lag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LagTheory {
    /// A steady mean lag, in ms.
    Predicts { mean_ms: f64 },
    /// Writes outrun the apply thread: the lag grows by this many seconds every second.
    Outrun { growth_s_per_s: f64 },
    /// Nothing is applied.
    Idle,
}

impl LagTheory {
    /// The answer of prediction `p`.
    pub fn of(p: &ReplicaLagPrediction) -> LagTheory {
        match (p.mean_lag_ms, p.lag_growth_s_per_s()) {
            (Some(mean_ms), _) => LagTheory::Predicts { mean_ms },
            (None, Some(growth_s_per_s)) => LagTheory::Outrun { growth_s_per_s },
            (None, None) => LagTheory::Idle,
        }
    }
}

/// A cross-region copy's lag theory: the one-way delay, then the apply queue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CopyLagTheory {
    /// The network delay between the datacenters, one way.
    pub one_way_ms: f64,
    /// The apply queue's answer.
    pub lag: LagTheory,
}

/// The chance (0-1) that a client reading back its own write `after_ms` later finds a
/// replica without it (M/M/1 apply queue).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StaleReadChance {
    /// How long after the write the read comes.
    pub after_ms: f64,
    /// The probability that it is stale.
    pub probability: f64,
}

impl StaleReadChance {
    /// The read-back chance of prediction `p`, [`READ_BACK_AFTER_MS`] after a write.
    pub fn of(p: &ReplicaLagPrediction) -> Option<StaleReadChance> {
        Some(StaleReadChance {
            after_ms: READ_BACK_AFTER_MS,
            probability: p.stale_read_probability(READ_BACK_AFTER_MS)?,
        })
    }
}

/// What the rows of one component need besides its own metrics.
#[derive(Clone, Debug, Default)]
pub struct RowContext<'a> {
    /// The workers a message queue feeds: their waiting line is the queue's depth.
    pub consumer: Option<&'a ComponentMetrics>,
    /// The hit ratio theory predicts for a cache or CDN, in percent, and the model.
    pub hit_ratio_theory: Option<(f64, CacheModel)>,
    /// The replica-lag prediction of a replicated database.
    pub lag: Option<&'a ReplicaLagPrediction>,
    /// The lag prediction of a database copying one in another datacenter.
    pub copy_lag: Option<&'a ReplicaLagPrediction>,
    /// A load balancer's capacity, when it has one.
    pub forwarding: Option<Forwarding>,
    /// A web tier's queueing prediction.
    pub web: Option<&'a WebTierPrediction>,
    /// The traffic profile moves the rates during the run, so the predictions are for the
    /// rate of the moment, and the simulated figures beside them are the last window's.
    pub moving: bool,
    /// What the recent figures cover (see [`Span`]).
    pub span: Span,
}

/// What a snapshot's recent figures cover: the last window ([`WINDOW_S`] s), or, before the
/// run has gone that far, everything since the start, which the rows then say once rather
/// than as a "recent" figure beside an equal "since the start" one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Span {
    #[default]
    LastWindow,
    SinceStart,
}

impl Span {
    /// The span of a snapshot whose window (`MetricsSnapshot::overall.window_s`) is `window_s`
    /// seconds long.
    pub fn of(window_s: f64) -> Span {
        if window_s < f64::from(WINDOW_S) {
            Span::SinceStart
        } else {
            Span::LastWindow
        }
    }
}

/// A web tier's simulated mean time per request (wait + service) to set beside its queueing
/// prediction, in ms (`None` while none finished): since the start, or where the traffic
/// profile moves (`moving`, the prediction being for the rate of the moment) over the last
/// window. The inspector's row and the latency chart's theory line both read it.
pub fn time_beside_theory(m: &ComponentMetrics, moving: bool) -> Option<f64> {
    let simulated = if moving {
        &m.recent_latency
    } else {
        &m.latency
    };
    (simulated.count > 0).then_some(simulated.mean_ms)
}

/// A load balancer with a capacity: a queue forwarding one request at a time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Forwarding {
    /// Requests it forwards a second.
    pub capacity_rps: f64,
    /// Latency it adds to every request besides the wait.
    pub added_ms: f64,
    /// Requests per second the diagram offers it (the traffic profile's rate, followed along
    /// the wires by [`crate::sim::predict::request_rates`]).
    pub offered_rps: f64,
}

impl Forwarding {
    /// Component `id` of `d` at `t_s` seconds into a run, if it is a load balancer with a
    /// capacity.
    pub fn of(d: &Diagram, id: ComponentId, t_s: f64) -> Option<Forwarding> {
        let p = crate::sim::predict::balancer_prediction(d, id, t_s)?;
        match &d.component(id)?.config {
            ComponentConfig::LoadBalancer(l) => Some(Forwarding {
                capacity_rps: p.capacity_rps,
                added_ms: l.added_latency_ms,
                offered_rps: p.arrival_rps,
            }),
            _ => None,
        }
    }
}

/// The live rows of one component, in display order.
pub fn component_rows(m: &ComponentMetrics, ctx: &RowContext) -> Vec<Readout> {
    let mut rows = vec![
        Readout::Status { up: m.up },
        Readout::Arrivals {
            rps: m.arrival_rps,
            total: m.arrivals,
        },
        Readout::Throughput {
            rps: m.throughput_rps,
        },
    ];
    if m.servers > 0 {
        rows.push(Readout::Utilization {
            recent: m.recent_utilization,
            since_start: m.utilization,
        });
        rows.push(Readout::Queue {
            waiting: m.queue_len,
            mean: m.mean_queue_len,
        });
        rows.push(Readout::InService {
            busy: m.in_service,
            servers: m.servers,
        });
    }
    let arrived = m.arrivals.max(1) as f64;
    for (reason, total) in m.errors.by_reason() {
        if total > 0 {
            rows.push(Readout::Failed {
                reason,
                total,
                recent: m.recent_errors.get(reason),
                share: total as f64 / arrived,
            });
        }
    }
    if m.kind == Some(ComponentKind::Users) && m.sent_failed > 0 {
        rows.push(Readout::SentFailed {
            total: m.sent_failed,
            recent: m.recent_sent_failed,
            share: m.sent_failed as f64 / arrived,
        });
    }
    headline_rows(m, ctx, &mut rows);
    if m.cost_per_hour_usd > 0.0 {
        rows.push(Readout::Cost {
            usd_per_hour: m.cost_per_hour_usd,
        });
    }
    if m.latency.count > 0 {
        match ctx.span {
            Span::LastWindow => {
                rows.push(Readout::Latency {
                    recent: (m.recent_latency.count > 0).then_some(m.recent_latency),
                });
                rows.push(Readout::LatencySinceStart { all: m.latency });
            }
            Span::SinceStart => rows.push(Readout::Latency {
                recent: Some(m.latency),
            }),
        }
    }
    rows
}

/// The figure that matters most for the component's kind.
fn headline_rows(m: &ComponentMetrics, ctx: &RowContext, rows: &mut Vec<Readout>) {
    use ComponentKind as K;
    match m.kind {
        Some(K::Cache | K::Cdn) => {
            if let Some(h) = m.hit_ratio {
                rows.push(Readout::HitRatio {
                    recent: m.recent_hit_ratio,
                    since_start: h,
                    theory: ctx.hit_ratio_theory,
                });
            }
            if let (Some(l), Some(write_backs)) = (m.lookups, m.write_backs) {
                rows.push(Readout::CacheOperations {
                    misses: l.lookups - l.hits,
                    write_backs,
                });
            }
        }
        Some(K::LoadBalancer) => {
            if let Some(f) = ctx.forwarding {
                rows.push(forward_wait(m, f));
            }
        }
        Some(K::Database) => {
            database_rows(m, ctx, rows);
            copy_rows(m, ctx, rows);
        }
        Some(K::ShardedDatabase) if !m.shard_load.is_empty() => {
            let total: u64 = m.shard_load.iter().sum();
            let mean = total as f64 / m.shard_load.len() as f64;
            let max = m.shard_load.iter().copied().max().unwrap_or(0);
            rows.push(Readout::ShardLoad {
                per_shard: m.shard_load.clone(),
            });
            if let Some(r) = m.resharding {
                rows.push(Readout::Resharding(r));
            }
            if mean > 0.0 {
                rows.push(Readout::HottestShard {
                    times_mean: max as f64 / mean,
                });
            }
        }
        Some(K::MessageQueue) => {
            if let Some(w) = ctx.consumer {
                rows.push(Readout::QueueDepth {
                    messages: w.queue_len,
                    consumer: w.label.clone(),
                });
            }
        }
        Some(K::Workers) => {
            rows.push(Readout::JobsWaiting { jobs: m.queue_len });
            rows.push(Readout::Workers {
                instances: m.instances,
            });
        }
        Some(K::WebServers) => {
            rows.push(Readout::Instances {
                active: m.instances,
                draining: m.draining,
            });
            if let Some(p) = ctx.web.filter(|p| p.arrival_rps > 0.0) {
                rows.push(Readout::TimeInTier {
                    mean_ms: time_beside_theory(m, ctx.moving),
                    recent: ctx.moving,
                    theory: WebTheory::of(p),
                    autoscaled: p.autoscaled,
                });
            }
        }
        Some(
            K::Users | K::Dns | K::SessionStore | K::NoSql | K::ShardedDatabase | K::MetricsSink,
        )
        | None => {}
    }
    if let Some(n) = m.nodes {
        rows.push(Readout::NodesUp {
            up: n.up,
            total: n.total,
        });
    }
    if let Some(s) = m.sessions {
        rows.push(Readout::Sessions(s));
        if s.lost > 0 {
            rows.push(Readout::SessionsLost { lost: s.lost });
        }
    }
}

/// A balancer with a capacity: the wait to be forwarded, beside Pollaczek-Khinchine (one
/// request at a time, each in exactly 1 / capacity: M/D/1 for Poisson arrivals) at the rate
/// the diagram offers it.
fn forward_wait(m: &ComponentMetrics, f: Forwarding) -> Readout {
    let wait = |l: &Latency| (l.mean_ms - f.added_ms).max(0.0);
    Readout::ForwardWait {
        recent_ms: (m.recent_latency.count > 0).then(|| wait(&m.recent_latency)),
        since_start_ms: wait(&m.latency),
        arrival_rps: f.offered_rps,
        capacity_rps: f.capacity_rps,
        predicted_ms: theory::md1_wait_ms(f.offered_rps, f.capacity_rps),
    }
}

/// A replicated database: lag now and per write, stale reads, each beside its theory.
fn database_rows(m: &ComponentMetrics, ctx: &RowContext, rows: &mut Vec<Readout>) {
    let lag = ctx.lag;
    if let Some((ms, writes)) = m.replica_lag_ms.zip(m.replica_lag_ops) {
        rows.push(Readout::ReplicaLagNow { ms, writes });
    }
    if let Some(parts) = &m.database {
        rows.push(Readout::DatabaseParts(parts.clone()));
    }
    if let Some(ms) = m.mean_replication_lag_ms {
        rows.push(Readout::ReplicaLagMean {
            ms,
            theory: lag.map(LagTheory::of),
        });
    }
    if let (Some(reads), Some(stale)) = (m.replica_reads, m.stale_reads) {
        rows.push(Readout::StaleReads {
            stale,
            reads,
            theory_share: lag.and_then(|p| p.stale_read_share),
        });
    }
    if let Some(chance) = lag.and_then(StaleReadChance::of) {
        rows.push(Readout::ReadBack(chance));
    }
}

/// A database of a group copied across datacenters: who takes the writes, and for a copy its
/// lag beside theory, its stale reads and a pending take-over.
fn copy_rows(m: &ComponentMetrics, ctx: &RowContext, rows: &mut Vec<Readout>) {
    let Some(r) = &m.region_copy else {
        return;
    };
    if r.leading {
        rows.push(Readout::RegionLeader);
    } else {
        rows.push(Readout::RegionCopy {
            leader: r.leader_label.clone(),
        });
        if let Some((ms, writes)) = r.lag_ms.zip(r.lag_ops) {
            rows.push(Readout::CopyLagNow { ms, writes });
        }
        if let Some(ms) = r.mean_lag_ms {
            rows.push(Readout::CopyLagMean {
                ms,
                theory: ctx.copy_lag.map(|p| CopyLagTheory {
                    one_way_ms: p.network_delay_ms,
                    lag: LagTheory::of(p),
                }),
            });
        }
        rows.push(Readout::CopyStale {
            stale: r.stale_reads,
            reads: r.reads,
            theory: ctx.copy_lag.and_then(StaleReadChance::of),
        });
    }
    if let Some((who, at_s)) = &r.takeover {
        rows.push(Readout::Takeover {
            successor: who.clone(),
            at_s: *at_s,
        });
    }
}

/// The live rows of one datacenter.
pub fn datacenter_rows(dc: &DatacenterMetrics) -> Vec<Readout> {
    vec![
        Readout::Status { up: dc.up },
        Readout::Dns { in_dns: dc.in_dns },
        Readout::TrafficShare {
            share: dc.share,
            requests: dc.requests,
        },
    ]
}

/// One figure a card shows from afar, where its badge's lines would be too small to read
/// (the canvas zoomed out past `editor::layout::FAR_ZOOM`, as a fit draws every lesson on a
/// laptop).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FarFigure {
    /// Requests a population sends a second, over the last window.
    Sends(f64),
    /// Requests served a second, over the last window.
    Serves(f64),
    /// The share (0-1) of the last window's lookups that hit.
    HitRatio(f64),
    /// The share (0-1) of its servers' time busy over the last window.
    Utilization(f64),
    /// Requests or jobs waiting for a server now.
    Waiting(u64),
}

/// What a card of `kind` shows from afar, first line first: its traffic, then the figure its
/// kind is watched by, the one the lessons point at on its card ("watch the cache's hit
/// ratio", "its depth on the workers' card", "the web server's utilization"): a cache's or a
/// CDN's hit ratio (none in a window without lookups, as on its badge), the jobs waiting for
/// the workers, and any other component that serves with servers of its own, how busy they
/// are. A population, a resolver, a queue and a metrics sink have no second figure.
pub fn far_figures(kind: ComponentKind, m: &ComponentMetrics) -> Vec<FarFigure> {
    if kind == ComponentKind::Users {
        return vec![FarFigure::Sends(m.arrival_rps)];
    }
    let mut figures = vec![FarFigure::Serves(m.throughput_rps)];
    let watched = match kind {
        ComponentKind::Cache | ComponentKind::Cdn => m.recent_hit_ratio.map(FarFigure::HitRatio),
        ComponentKind::Workers => Some(FarFigure::Waiting(m.queue_len)),
        ComponentKind::Users
        | ComponentKind::Dns
        | ComponentKind::LoadBalancer
        | ComponentKind::WebServers
        | ComponentKind::SessionStore
        | ComponentKind::Database
        | ComponentKind::NoSql
        | ComponentKind::ShardedDatabase
        | ComponentKind::MessageQueue
        | ComponentKind::MetricsSink => {
            (m.servers > 0).then_some(FarFigure::Utilization(m.recent_utilization))
        }
    };
    figures.extend(watched);
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::english;
    use crate::sim::metrics::{ErrorCounts, Latency, NodesUp};

    /// A row as the inspector shows it: its key and alert, and its English words.
    #[derive(Clone, Debug)]
    struct Row {
        key: String,
        value: String,
        theory: Option<String>,
        alert: bool,
    }

    #[test]
    fn an_autoscaled_tiers_theory_says_it_is_of_the_starting_count_and_raises_no_alarm() {
        let overloaded = WebTheory::Overloaded { utilization: 1.25 };
        let row = |autoscaled| Readout::TimeInTier {
            mean_ms: Some(40.0),
            recent: false,
            theory: overloaded,
            autoscaled,
        };
        let fixed = &shown(vec![row(false)])[0];
        assert!(fixed.alert);
        assert_eq!(
            fixed.theory.as_deref(),
            Some("overloaded: offered 125 % of its capacity, so its queue grows without bound")
        );
        let grows = &shown(vec![row(true)])[0];
        assert!(!grows.alert, "it may have grown since");
        assert_eq!(
            grows.theory.as_deref(),
            Some(
                "overloaded: offered 125 % of its capacity, so its queue grows without bound; \
                 at the starting instance count"
            )
        );
        let korean =
            crate::present::say::row(crate::present::lang::Lang::Ko, &row(true), Span::LastWindow);
        assert!(
            korean.theory.unwrap().ends_with("(시작 인스턴스 수 기준)"),
            "Korean says so too"
        );
    }

    fn shown(rows: Vec<Readout>) -> Vec<Row> {
        shown_over(rows, Span::LastWindow)
    }

    fn shown_over(rows: Vec<Readout>, span: Span) -> Vec<Row> {
        rows.iter()
            .map(|r| {
                let text = english::row(r, span);
                Row {
                    key: r.key(),
                    value: text.value,
                    theory: text.theory,
                    alert: r.alert(),
                }
            })
            .collect()
    }

    /// A component's rows, rendered in English.
    fn english_rows(m: &ComponentMetrics, ctx: &RowContext) -> Vec<Row> {
        shown_over(component_rows(m, ctx), ctx.span)
    }

    fn keys(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.key.as_str()).collect()
    }

    fn row<'a>(rows: &'a [Row], key: &str) -> &'a Row {
        rows.iter().find(|r| r.key == key).expect(key)
    }

    #[test]
    fn a_cache_counts_its_operations_per_miss_and_a_cdn_edge_does_not() {
        use crate::sim::metrics::Lookups;
        let cache = |write_backs| ComponentMetrics {
            kind: Some(ComponentKind::Cache),
            up: true,
            lookups: Some(Lookups {
                lookups: 10_000,
                hits: 4_000,
            }),
            write_backs: Some(write_backs),
            ..ComponentMetrics::default()
        };
        let ctx = RowContext::default();
        let through = english_rows(&cache(0), &ctx);
        let ops = row(&through, "cache-operations");
        assert_eq!(
            ops.value,
            "1.00 (6.0k misses, none written back by the web tier)"
        );
        assert!(!ops.alert);
        let aside = english_rows(&cache(5_997), &ctx);
        assert_eq!(
            row(&aside, "cache-operations").value,
            "2.00 (6.0k misses, 6.0k written back by the web tier)"
        );
        let cold = ComponentMetrics {
            lookups: Some(Lookups {
                lookups: 3,
                hits: 3,
            }),
            ..cache(0)
        };
        assert_eq!(
            row(&english_rows(&cold, &ctx), "cache-operations").value,
            "no misses yet"
        );
        let edge = ComponentMetrics {
            kind: Some(ComponentKind::Cdn),
            write_backs: None,
            ..cache(0)
        };
        assert!(
            !keys(&english_rows(&edge, &ctx)).contains(&"cache-operations"),
            "a CDN edge always fills itself"
        );
    }

    #[test]
    fn before_a_window_has_passed_the_recent_figures_are_said_once_as_since_the_start() {
        let m = ComponentMetrics {
            kind: Some(ComponentKind::WebServers),
            up: true,
            arrivals: 4_000,
            arrival_rps: 1_000.0,
            throughput_rps: 990.0,
            servers: 8,
            utilization: 0.31,
            recent_utilization: 0.31,
            errors: ErrorCounts {
                timeout: 3,
                ..ErrorCounts::default()
            },
            recent_errors: ErrorCounts {
                timeout: 3,
                ..ErrorCounts::default()
            },
            latency: Latency {
                count: 3_900,
                ..Latency::default()
            },
            recent_latency: Latency {
                count: 3_900,
                ..Latency::default()
            },
            ..ComponentMetrics::default()
        };
        let early = RowContext {
            span: Span::SinceStart,
            ..RowContext::default()
        };
        let rows = english_rows(&m, &early);
        assert!(
            !keys(&rows).contains(&"latency-all"),
            "one latency row, not the same figures twice"
        );
        assert_eq!(
            row(&rows, "arrivals").value,
            "1.0k req/s since the start (4.0k in all)"
        );
        assert_eq!(row(&rows, "throughput").value, "990 req/s since the start");
        assert_eq!(row(&rows, "utilization").value, "31 % since the start");
        assert_eq!(
            row(&rows, "failed-timeout").value,
            "3 requests since the start (0.075 %)"
        );
        assert!(row(&rows, "latency").value.ends_with(" since the start"));
        for r in &rows {
            assert!(!r.value.contains("last 10 s"), "{}", r.value);
        }
        let korean: Vec<String> = component_rows(&m, &early)
            .iter()
            .map(|r| {
                crate::present::say::row(crate::present::lang::Lang::Ko, r, Span::SinceStart).value
            })
            .collect();
        assert!(korean.iter().all(|v| !v.contains("최근")), "{korean:?}");
        assert!(
            korean.iter().any(|v| v.starts_with("시작 이후 990 req/s")),
            "{korean:?}"
        );
        // Ten seconds in, the window's figures come back beside the totals.
        let rows = english_rows(&m, &RowContext::default());
        assert!(keys(&rows).contains(&"latency-all"));
        assert_eq!(
            row(&rows, "throughput").value,
            "990 req/s over the last 10 s"
        );
        assert_eq!(Span::of(3.2), Span::SinceStart);
        assert_eq!(Span::of(10.0), Span::LastWindow);
        assert_eq!(Span::of(10.9), Span::LastWindow);
    }

    #[test]
    fn a_population_says_how_much_of_what_it_sent_failed_wherever_it_failed() {
        let users = ComponentMetrics {
            kind: Some(ComponentKind::Users),
            up: true,
            arrivals: 1_000,
            sent_failed: 850,
            recent_sent_failed: 120,
            ..ComponentMetrics::default()
        };
        let rows = english_rows(&users, &RowContext::default());
        let failed = row(&rows, "sent-failed");
        assert_eq!(
            failed.value,
            "120 over the last 10 s; 850 requests of those it sent since the start (85 %)"
        );
        assert!(failed.alert);
        let over = ComponentMetrics {
            recent_sent_failed: 0,
            ..users.clone()
        };
        assert!(!row(&english_rows(&over, &RowContext::default()), "sent-failed").alert);
        let fine = ComponentMetrics {
            sent_failed: 0,
            recent_sent_failed: 0,
            ..users
        };
        assert!(!keys(&english_rows(&fine, &RowContext::default())).contains(&"sent-failed"));
    }

    #[test]
    fn a_cache_shows_its_hit_ratio_beside_che_and_only_the_errors_that_happened() {
        let m = ComponentMetrics {
            kind: Some(ComponentKind::Cache),
            up: true,
            arrivals: 10_000,
            arrival_rps: 1_000.0,
            throughput_rps: 980.0,
            hit_ratio: Some(0.4321),
            recent_hit_ratio: Some(0.45),
            errors: ErrorCounts {
                timeout: 25,
                ..ErrorCounts::default()
            },
            nodes: Some(NodesUp { up: 1, total: 2 }),
            ..ComponentMetrics::default()
        };
        let ctx = RowContext {
            hit_ratio_theory: Some((
                43.7,
                CacheModel {
                    formula: theory::CacheFormula::CheLru,
                    writes_invalidate: true,
                },
            )),
            ..RowContext::default()
        };
        let rows = english_rows(&m, &ctx);
        // No servers: no queue rows; nothing measured: no latency.
        assert_eq!(
            keys(&rows),
            [
                "status",
                "arrivals",
                "throughput",
                "failed-timeout",
                "hit-ratio",
                "nodes"
            ]
        );
        assert_eq!(
            row(&rows, "arrivals").value,
            "1.0k req/s over the last 10 s (10k in all)"
        );
        let hit = row(&rows, "hit-ratio");
        assert_eq!(
            hit.value,
            "45.0 % over the last 10 s (43.2 % since the start)"
        );
        assert_eq!(
            hit.theory.as_deref(),
            Some("Che (LRU, writes invalidate) predicts 43.7 %")
        );
        let failed = row(&rows, "failed-timeout");
        assert_eq!(
            failed.value,
            "none over the last 10 s; 25 requests since the start (0.25 %)"
        );
        assert!(!failed.alert, "over: no longer an alert");
        assert!(row(&rows, "nodes").alert, "a node is down");
        // Still failing: the window's count, and an alert.
        let mut failing = m.clone();
        failing.recent_errors.timeout = 7;
        let failed = row(&english_rows(&failing, &ctx), "failed-timeout").clone();
        assert_eq!(
            failed.value,
            "7 over the last 10 s; 25 requests since the start (0.25 %)"
        );
        assert!(failed.alert);
    }

    #[test]
    fn a_web_tier_shows_its_queue_instances_and_latency_quantiles() {
        let m = ComponentMetrics {
            kind: Some(ComponentKind::WebServers),
            up: false,
            servers: 16,
            in_service: 12,
            queue_len: 3,
            mean_queue_len: 1.25,
            utilization: 0.756,
            recent_utilization: 0.9,
            instances: 4,
            draining: 1,
            latency: Latency {
                count: 5,
                p50_ms: 21.0,
                p95_ms: 60.5,
                p99_ms: 90.0,
                p999_ms: 120.0,
                ..Latency::default()
            },
            ..ComponentMetrics::default()
        };
        let rows = english_rows(&m, &RowContext::default());
        assert_eq!(
            keys(&rows),
            [
                "status",
                "arrivals",
                "throughput",
                "utilization",
                "queue",
                "in-flight",
                "instances",
                "latency",
                "latency-all"
            ]
        );
        assert!(row(&rows, "status").alert);
        assert_eq!(
            row(&rows, "utilization").value,
            "90 % over the last 10 s (76 % since the start)"
        );
        assert_eq!(
            row(&rows, "queue").value,
            "3 waiting (mean 1.25 since the start)"
        );
        assert_eq!(
            row(&rows, "in-flight").value,
            "12 of the 16 it takes at once"
        );
        assert_eq!(row(&rows, "instances").value, "4 active, 1 draining");
        assert_eq!(row(&rows, "latency").value, "none over the last 10 s");
        assert_eq!(
            row(&rows, "latency-all").value,
            "21.0 / 60.5 / 90.0 / 120 ms"
        );
        let busy = ComponentMetrics {
            recent_latency: Latency {
                count: 40,
                p50_ms: 250.0,
                p95_ms: 900.0,
                p99_ms: 1_500.0,
                p999_ms: 2_000.0,
                ..Latency::default()
            },
            ..m
        };
        assert_eq!(
            row(&english_rows(&busy, &RowContext::default()), "latency").value,
            "0.25 / 0.90 / 1.50 / 2.00 s over the last 10 s",
            "one unit for the four, seconds once they reach one, as the chart says them"
        );
        let korean = crate::present::format::format_quantiles(
            crate::present::lang::Lang::Ko,
            &busy.recent_latency,
        );
        assert_eq!(korean, "0.25 / 0.90 / 1.50 / 2.00초");
    }

    #[test]
    fn a_replicated_database_shows_lag_and_stale_reads_beside_theory() {
        let m = ComponentMetrics {
            kind: Some(ComponentKind::Database),
            up: true,
            replica_lag_ms: Some(1.5),
            replica_lag_ops: Some(2),
            mean_replication_lag_ms: Some(2.48),
            replica_reads: Some(20_000),
            stale_reads: Some(700),
            ..ComponentMetrics::default()
        };
        let p = ReplicaLagPrediction {
            database: ComponentId(1),
            label: "DB".into(),
            write_rps: 500.0,
            apply_rps: 1_000.0,
            network_delay_ms: 0.5,
            sync: false,
            mean_lag_ms: Some(2.5),
            stale_read_share: Some(0.0351),
        };
        let ctx = RowContext {
            lag: Some(&p),
            ..RowContext::default()
        };
        let rows = english_rows(&m, &ctx);
        assert_eq!(row(&rows, "lag-now").value, "1.50 ms (2 writes behind)");
        let mean = row(&rows, "lag-mean");
        assert_eq!(mean.value, "2.48 ms");
        assert_eq!(
            mean.theory.as_deref(),
            Some("M/M/1 apply queue predicts 2.50 ms")
        );
        let stale = row(&rows, "stale-reads");
        assert_eq!(stale.value, "700 of 20k replica reads (3.5 %)");
        assert!(!stale.alert, "stale reads are a trade-off, not a failure");
        assert_eq!(
            stale.theory.as_deref(),
            Some("theory: 3.5 % of replica reads stale")
        );
        // e^{-500 x 0.0095} = 0.87 %.
        assert_eq!(
            row(&rows, "stale-probability").value,
            "a read 10 ms after a write is stale with p = 0.87 % (M/M/1 apply queue)"
        );
        // Without replicas (or a prediction) none of these rows appear.
        let plain = ComponentMetrics {
            kind: Some(ComponentKind::Database),
            ..ComponentMetrics::default()
        };
        let rows = english_rows(&plain, &RowContext::default());
        assert!(
            !rows
                .iter()
                .any(|r| r.key.starts_with("lag") || r.key.starts_with("stale"))
        );
        // Writes outrunning the replicas: no steady lag, no probability.
        let overloaded = ReplicaLagPrediction {
            write_rps: 1_200.0,
            mean_lag_ms: None,
            stale_read_share: None,
            ..p
        };
        let ctx = RowContext {
            lag: Some(&overloaded),
            ..RowContext::default()
        };
        let rows = english_rows(&m, &ctx);
        assert_eq!(
            row(&rows, "lag-mean").theory.as_deref(),
            Some("writes outrun the apply thread: the lag grows by 0.20 s every second")
        );
        assert!(!rows.iter().any(|r| r.key == "stale-probability"));
    }

    #[test]
    fn a_cross_region_copy_shows_its_leader_lag_stale_reads_and_take_over() {
        use crate::sim::metrics::RegionCopy;
        let copy = ComponentMetrics {
            kind: Some(ComponentKind::Database),
            region_copy: Some(RegionCopy {
                leader: 12,
                leader_label: "Database (DC1)".into(),
                leading: false,
                lag_ms: Some(40.5),
                lag_ops: Some(3),
                mean_lag_ms: Some(41.2),
                applies: 9_000,
                reads: 2_000,
                stale_reads: 30,
                takeover: None,
            }),
            ..ComponentMetrics::default()
        };
        let p = ReplicaLagPrediction {
            database: ComponentId(30),
            label: "Database (DC2)".into(),
            write_rps: 600.0,
            apply_rps: 1_000.0,
            network_delay_ms: 40.0,
            sync: false,
            mean_lag_ms: Some(42.5),
            stale_read_share: None,
        };
        let ctx = RowContext {
            copy_lag: Some(&p),
            ..RowContext::default()
        };
        let rows = english_rows(&copy, &ctx);
        assert_eq!(
            row(&rows, "region-role").value,
            "a copy of Database (DC1): writes made here cross to it"
        );
        assert_eq!(
            row(&rows, "copy-lag-now").value,
            "40.5 ms (3 writes behind)"
        );
        assert_eq!(
            row(&rows, "copy-lag-mean").theory.as_deref(),
            Some("40.0 ms one way + M/M/1 apply queue predicts 42.5 ms")
        );
        let stale = row(&rows, "copy-stale");
        assert_eq!(stale.value, "30 of 2.0k reads here (1.5 %)");
        // Nothing has crossed 10 ms after a write: 40 ms one way.
        assert_eq!(
            stale.theory.as_deref(),
            Some("a read 10 ms after a write is stale with p = 100 % (M/M/1 apply queue)")
        );
        assert!(!rows.iter().any(|r| r.key == "takeover"));
        // The leader unreachable: the copy says when it takes over, as an alert.
        let mut waiting = copy.clone();
        if let Some(r) = waiting.region_copy.as_mut() {
            r.takeover = Some(("Database (DC2)".into(), 345.0));
        }
        let t = row(&english_rows(&waiting, &ctx), "takeover").clone();
        assert_eq!(t.value, "Database (DC2) takes the writes at 345 s");
        assert!(t.alert);
        // The leader says what it does, with no copy rows.
        let mut leader = copy;
        if let Some(r) = leader.region_copy.as_mut() {
            r.leading = true;
        }
        let rows = english_rows(&leader, &RowContext::default());
        assert!(
            row(&rows, "region-role")
                .value
                .starts_with("takes every datacenter's writes")
        );
        assert!(!rows.iter().any(|r| r.key.starts_with("copy")));
    }

    #[test]
    fn a_cache_line_names_its_policy_and_a_bound_says_at_most() {
        use theory::CacheFormula as F;
        let words = |formula, writes_invalidate, p| {
            english::cache_prediction(
                CacheModel {
                    formula,
                    writes_invalidate,
                },
                p,
            )
        };
        assert_eq!(
            words(F::FifoCharacteristicTime, false, 39.4),
            "FIFO characteristic time predicts 39.4 %"
        );
        assert_eq!(
            words(F::LfuTopKeys, true, 51.4),
            "LFU bound (top keys, writes invalidate): at most 51.4 %"
        );
        assert_eq!(
            words(F::TtlSetOnFill, false, 33.3),
            "TTL set on fill (binds before the capacity) predicts 33.3 %"
        );
    }

    #[test]
    fn a_web_tier_shows_its_time_beside_the_diagrams_queueing_theory() {
        use crate::model::config::UserLoad;
        use crate::model::{Diagram, DiagramBuilder, OutPort};
        // Users at 280 req/s -> a random balancer -> 4 instances of 2 threads at 20 ms: M/M/2
        // per instance, 39.22 ms.
        let mut b = DiagramBuilder::on(Diagram::new());
        let us = b
            .add(ComponentKind::Users)
            .configure(|c| {
                if let ComponentConfig::Users(u) = c {
                    u.load = UserLoad::Rate { rate_rps: 280.0 };
                    u.read_share = 1.0;
                    u.write_share = 0.0;
                    u.static_share = 0.0;
                }
            })
            .id();
        let lb = b
            .add(ComponentKind::LoadBalancer)
            .configure(|c| {
                if let ComponentConfig::LoadBalancer(l) = c {
                    l.algorithm = crate::model::config::LbAlgorithm::Random;
                }
            })
            .id();
        let web = b
            .add(ComponentKind::WebServers)
            .configure(|c| {
                if let ComponentConfig::WebServers(w) = c {
                    w.instances = 4;
                    w.concurrency_per_instance = 2;
                }
            })
            .id();
        b.wire(us, OutPort::Dynamic, lb);
        b.wire(lb, OutPort::Backends, web);
        let mut d = b.finish();
        let p = crate::sim::predict::web_tier_predictions(&d, 0.0);
        let m = ComponentMetrics {
            kind: Some(ComponentKind::WebServers),
            instances: 4,
            latency: Latency {
                count: 1_000,
                mean_ms: 38.9,
                ..Latency::default()
            },
            ..ComponentMetrics::default()
        };
        let ctx = RowContext {
            web: p.iter().find(|p| p.web == web),
            ..RowContext::default()
        };
        let tier = row(&english_rows(&m, &ctx), "time-in-tier").clone();
        assert_eq!(tier.value, "38.9 ms since the start");
        assert_eq!(
            tier.theory.as_deref(),
            Some("M/M/2 per instance predicts 39.2 ms")
        );
        assert!(!tier.alert);
        // Under a traffic profile that moves, the prediction is for the rate of the moment:
        // beside it, the last window's time, not the mean over the lighter loads before.
        let ramping = ComponentMetrics {
            recent_latency: Latency {
                count: 100,
                mean_ms: 52.5,
                ..Latency::default()
            },
            ..m.clone()
        };
        let now = RowContext {
            moving: true,
            ..ctx.clone()
        };
        let tier = row(&english_rows(&ramping, &now), "time-in-tier").clone();
        assert_eq!(tier.value, "52.5 ms over the last 10 s");
        let idle = ComponentMetrics {
            recent_latency: Latency::default(),
            ..ramping
        };
        let tier = row(&english_rows(&idle, &now), "time-in-tier").clone();
        assert_eq!(tier.value, "none over the last 10 s");
        // Twice the traffic is 140 % of what the threads serve: overloaded, an alert, no
        // figure, whatever the run measured.
        if let ComponentConfig::Users(u) = &mut d.components[0].config {
            u.load = UserLoad::Rate { rate_rps: 560.0 };
        }
        let p = crate::sim::predict::web_tier_predictions(&d, 0.0);
        let ctx = RowContext {
            web: p.iter().find(|p| p.web == web),
            ..RowContext::default()
        };
        let tier = row(&english_rows(&m, &ctx), "time-in-tier").clone();
        assert!(tier.alert);
        assert_eq!(
            tier.theory.as_deref(),
            Some("overloaded: offered 140 % of its capacity, so its queue grows without bound")
        );
    }

    #[test]
    fn a_balancer_with_a_capacity_shows_its_wait_beside_pollaczek_khinchine() {
        let latency = |mean_ms| Latency {
            count: 1_000,
            mean_ms,
            ..Latency::default()
        };
        let lb = ComponentMetrics {
            kind: Some(ComponentKind::LoadBalancer),
            arrival_rps: 800.0,
            servers: 1,
            latency: latency(2.3),
            recent_latency: latency(2.5),
            ..ComponentMetrics::default()
        };
        let ctx = RowContext {
            forwarding: Some(Forwarding {
                capacity_rps: 1_000.0,
                added_ms: 0.5,
                offered_rps: 800.0,
            }),
            ..RowContext::default()
        };
        let wait = row(&english_rows(&lb, &ctx), "forward-wait").clone();
        assert_eq!(
            wait.value,
            "2.00 ms over the last 10 s (1.80 ms since the start)"
        );
        assert_eq!(
            wait.theory.as_deref(),
            Some("M/D/1 at 800 req/s into 1.0k predicts 2.00 ms")
        );
        assert!(!wait.alert);
        // The diagram offers more than it forwards: an alert, and no finite prediction,
        // whatever the run measured (the theory is read from the diagram, not the run).
        let over = RowContext {
            forwarding: Some(Forwarding {
                capacity_rps: 1_000.0,
                added_ms: 0.5,
                offered_rps: 1_200.0,
            }),
            ..RowContext::default()
        };
        let wait = row(&english_rows(&lb, &over), "forward-wait").clone();
        assert!(wait.alert);
        assert_eq!(
            wait.theory.as_deref(),
            Some("1.2k req/s into 1.0k: the queue grows until requests time out")
        );
        // Without a capacity there is no such row.
        let rows = english_rows(&lb, &RowContext::default());
        assert!(!rows.iter().any(|r| r.key == "forward-wait"));
    }

    #[test]
    fn shards_queues_workers_and_session_stores_show_their_headline() {
        let sharded = ComponentMetrics {
            kind: Some(ComponentKind::ShardedDatabase),
            shard_load: vec![100, 300, 200],
            ..ComponentMetrics::default()
        };
        let rows = english_rows(&sharded, &RowContext::default());
        assert_eq!(row(&rows, "shard-load").value, "100 · 300 · 200");
        assert_eq!(row(&rows, "hottest-shard").value, "1.50× the mean");
        let workers = ComponentMetrics {
            kind: Some(ComponentKind::Workers),
            label: "Workers".into(),
            queue_len: 42,
            instances: 3,
            ..ComponentMetrics::default()
        };
        let rows = english_rows(&workers, &RowContext::default());
        assert_eq!(row(&rows, "depth").value, "42 jobs");
        assert_eq!(row(&rows, "workers").value, "3 instances");
        let queue = ComponentMetrics {
            kind: Some(ComponentKind::MessageQueue),
            ..ComponentMetrics::default()
        };
        let ctx = RowContext {
            consumer: Some(&workers),
            ..RowContext::default()
        };
        assert_eq!(
            row(&english_rows(&queue, &ctx), "depth").value,
            "42 messages waiting for Workers"
        );
        let store = ComponentMetrics {
            kind: Some(ComponentKind::SessionStore),
            nodes: Some(NodesUp { up: 2, total: 2 }),
            sessions: Some(crate::sim::metrics::SessionCounts {
                held: 10,
                found: 50,
                created: 10,
                expired: 1,
                evicted: 0,
                lost: 3,
            }),
            ..ComponentMetrics::default()
        };
        let rows = english_rows(&store, &RowContext::default());
        assert_eq!(row(&rows, "nodes").value, "2 of 2");
        assert!(!row(&rows, "nodes").alert);
        assert_eq!(
            row(&rows, "sessions").value,
            "10 held; 50 found, 10 new, 1 expired, 0 evicted"
        );
        assert!(row(&rows, "sessions-lost").alert);
    }

    #[test]
    fn a_datacenter_says_whether_it_is_up_answered_by_dns_and_its_share() {
        let dc = DatacenterMetrics {
            up: false,
            in_dns: Some(false),
            requests: 12_345,
            share: 0.1234,
            ..DatacenterMetrics::default()
        };
        let rows = shown(datacenter_rows(&dc));
        assert_eq!(keys(&rows), ["status", "dns", "traffic-share"]);
        assert_eq!(rows[0].value, "down");
        assert_eq!(rows[1].value, "taken out of its answers");
        assert!(rows[1].alert);
        assert_eq!(rows[2].value, "12.3 % (12k requests entered)");
    }

    #[test]
    fn from_afar_a_card_shows_its_traffic_then_the_figure_its_kind_is_watched_by() {
        use FarFigure as F;
        let m = ComponentMetrics {
            arrival_rps: 3000.0,
            throughput_rps: 2900.0,
            recent_utilization: 0.72,
            queue_len: 7203,
            servers: 4,
            recent_hit_ratio: Some(0.35),
            ..ComponentMetrics::default()
        };
        assert_eq!(far_figures(ComponentKind::Users, &m), [F::Sends(3000.0)]);
        for kind in [ComponentKind::Cache, ComponentKind::Cdn] {
            assert_eq!(
                far_figures(kind, &m),
                [F::Serves(2900.0), F::HitRatio(0.35)]
            );
        }
        assert_eq!(
            far_figures(ComponentKind::Workers, &m),
            [F::Serves(2900.0), F::Waiting(7203)]
        );
        for kind in [
            ComponentKind::WebServers,
            ComponentKind::Database,
            ComponentKind::SessionStore,
            ComponentKind::ShardedDatabase,
        ] {
            assert_eq!(
                far_figures(kind, &m),
                [F::Serves(2900.0), F::Utilization(0.72)]
            );
        }
        // Nothing to say beyond the traffic: no servers of its own, or a cache asked nothing
        // in the last window (its ratio since the start would read as if it still served hits).
        let plain = ComponentMetrics {
            servers: 0,
            recent_hit_ratio: None,
            ..m
        };
        for kind in [
            ComponentKind::Dns,
            ComponentKind::LoadBalancer,
            ComponentKind::MessageQueue,
            ComponentKind::Cache,
        ] {
            assert_eq!(far_figures(kind, &plain), [F::Serves(2900.0)]);
        }
    }
}
