//! What a running simulation reports: plain data the view joins to the diagram by component id.
//!
//! Owns: [`MetricsSnapshot`] and its parts, and the one-line-per-component text summary used by
//! the determinism test and the command line. Every figure is computed by the simulation; this
//! module only holds and formats them.
//!
//! Accounting invariant (checked by tests at every snapshot): for user requests,
//! `arrived = completed + failed.total() + in_flight`. Stale reads and lost writes are not
//! failures (the request completed, with the wrong data): they are counted beside them.

use crate::decimal::Fixed;
use serde::{Deserialize, Serialize};

use crate::model::ComponentKind;
pub use crate::sim::failure::FailureReason;
use crate::sim::log::LogEvent;

/// Seconds the "last window" figures (rates, recent utilization and hit ratio, recent
/// latency) look back. The counts' window starts at a whole second (the one-second tick's
/// mark), so between two ticks it is up to a second longer; the rates divide by its real
/// length.
pub const WINDOW_S: u32 = 10;

/// How many requests failed, by reason ([`FailureReason`] is the table of reasons; the field
/// names are its serialized names).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorCounts {
    /// A queue was full (or too many requests were in flight).
    pub overload: u64,
    /// It waited in a queue longer than the request timeout.
    pub timeout: u64,
    /// It reached a component that is down (crashed, or its datacenter is).
    pub unavailable: u64,
    /// A load balancer or DNS had no healthy target to send it to.
    pub no_healthy_backend: u64,
    /// The user's session was gone (stateful server restarted or a different server answered;
    /// the session store is down, evicted it because it was full, or came back empty).
    pub session_lost: u64,
    /// The diagram gives it nowhere to go (missing or nonsensical wire, routing loop).
    pub no_route: u64,
}

impl ErrorCounts {
    /// The count of one reason.
    pub fn get(&self, reason: FailureReason) -> u64 {
        match reason {
            FailureReason::Overload => self.overload,
            FailureReason::Timeout => self.timeout,
            FailureReason::Unavailable => self.unavailable,
            FailureReason::NoHealthyBackend => self.no_healthy_backend,
            FailureReason::SessionLost => self.session_lost,
            FailureReason::NoRoute => self.no_route,
        }
    }

    /// The counter of one reason.
    pub fn get_mut(&mut self, reason: FailureReason) -> &mut u64 {
        match reason {
            FailureReason::Overload => &mut self.overload,
            FailureReason::Timeout => &mut self.timeout,
            FailureReason::Unavailable => &mut self.unavailable,
            FailureReason::NoHealthyBackend => &mut self.no_healthy_backend,
            FailureReason::SessionLost => &mut self.session_lost,
            FailureReason::NoRoute => &mut self.no_route,
        }
    }

    /// Counts one more failure for `reason`.
    #[inline]
    pub fn bump(&mut self, reason: FailureReason) {
        *self.get_mut(reason) += 1;
    }

    /// Each reason with its count, in display order.
    pub fn by_reason(&self) -> [(FailureReason, u64); 6] {
        FailureReason::ALL.map(|r| (r, self.get(r)))
    }

    /// What was added since `earlier` (a count of the same run, taken before).
    pub fn since(&self, earlier: &ErrorCounts) -> ErrorCounts {
        let mut d = ErrorCounts::default();
        for r in FailureReason::ALL {
            *d.get_mut(r) = self.get(r).saturating_sub(earlier.get(r));
        }
        d
    }

    /// All failures.
    pub fn total(&self) -> u64 {
        self.overload
            + self.timeout
            + self.unavailable
            + self.no_healthy_backend
            + self.session_lost
            + self.no_route
    }
}

/// Latency quantiles, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    /// Requests measured.
    pub count: u64,
    /// Mean.
    pub mean_ms: f64,
    /// Median.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// 99.9th percentile.
    pub p999_ms: f64,
}

impl Latency {
    /// The quantiles of `h`.
    pub fn of(h: &super::histogram::Histogram) -> Latency {
        Latency::of_merged(&super::histogram::Merged::of(h))
    }
    /// The quantiles of what merging `h`'s parts would give.
    pub fn of_merged(h: &super::histogram::Merged) -> Latency {
        let [p50, p95, p99, p999] = h.quantiles([0.5, 0.95, 0.99, 0.999]);
        Latency {
            count: h.count(),
            mean_ms: h.mean_secs() * 1e3,
            p50_ms: p50.as_millis_f64(),
            p95_ms: p95.as_millis_f64(),
            p99_ms: p99.as_millis_f64(),
            p999_ms: p999.as_millis_f64(),
        }
    }
}

/// Totals over every user request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Requests the users sent.
    pub arrived: u64,
    /// Requests answered.
    pub completed: u64,
    /// Requests failed, by reason.
    pub failed: ErrorCounts,
    /// Requests still somewhere in the system.
    pub in_flight: u64,
    /// Completions per second over the last window (`recent_throughput_rps` in JSON: the
    /// snapshot names every last-window figure so).
    #[serde(rename = "recent_throughput_rps")]
    pub throughput_rps: f64,
    /// Requests failed over the last window, by reason (what `throughput_rps` is to
    /// `completed`; divided by `window_s`, the failure rates the run's chart shows).
    #[serde(default)]
    pub recent_failed: ErrorCounts,
    /// How long the last window is right now, in seconds: [`WINDOW_S`] and the part of a
    /// second since the last tick, or the time since the start in a run's first seconds.
    #[serde(default)]
    pub window_s: f64,
    /// Latency of every completed request since the start.
    pub latency: Latency,
    /// Latency over the last window.
    pub recent_latency: Latency,
    /// Reads answered by a replica that had not applied the key's latest write.
    pub stale_reads: u64,
    /// Acknowledged writes lost in database failovers.
    pub lost_writes: u64,
    /// Static assets a CDN edge served from before the latest deploy (unversioned URLs).
    pub stale_assets: u64,
    /// Background jobs published, done and failed (not user requests).
    pub jobs_published: u64,
    /// Background jobs processed.
    pub jobs_done: u64,
    /// Background jobs refused or dropped.
    pub jobs_failed: u64,
    /// What the whole design costs an hour right now, in US dollars: the sum of the
    /// components' [`ComponentMetrics::cost_per_hour_usd`].
    pub cost_per_hour_usd: f64,
}

/// One component's figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComponentMetrics {
    /// The component's id in the diagram.
    pub id: u32,
    /// Its kind.
    pub kind: Option<ComponentKind>,
    /// Its label.
    pub label: String,
    /// Whether it is up (not failed, datacenter up).
    pub up: bool,
    /// Requests (or jobs, logs) that reached it.
    pub arrivals: u64,
    /// Requests it finished serving.
    pub completions: u64,
    /// Requests that failed here, by reason.
    pub errors: ErrorCounts,
    /// Completions per second over the last window.
    #[serde(rename = "recent_throughput_rps")]
    pub throughput_rps: f64,
    /// Arrivals per second over the last window.
    #[serde(rename = "recent_arrival_rps")]
    pub arrival_rps: f64,
    /// Failures here per second over the last window.
    #[serde(rename = "recent_error_rps")]
    pub error_rps: f64,
    /// Failures here over the last window, by reason.
    pub recent_errors: ErrorCounts,
    /// A population's requests that failed, wherever they failed, since the start (0 for other
    /// kinds): what it sent and was not answered, besides those still on their way.
    pub sent_failed: u64,
    /// The same over the last window.
    pub recent_sent_failed: u64,
    /// Busy servers over servers, since the start (queueing components).
    pub utilization: f64,
    /// Busy servers over servers offered, over the last window (queueing components).
    pub recent_utilization: f64,
    /// Time-average waiting line (queueing components).
    pub mean_queue_len: f64,
    /// Requests waiting right now.
    pub queue_len: u64,
    /// Requests in service right now.
    pub in_service: u64,
    /// Parallel servers right now (instances x concurrency, shards x concurrency...).
    pub servers: u64,
    /// Active instances (web servers, workers).
    pub instances: u32,
    /// Time spent at this component (queue + service) by requests it served, since the start.
    pub latency: Latency,
    /// The same over the last window.
    pub recent_latency: Latency,
    /// Hit ratio since the start (caches, CDN).
    pub hit_ratio: Option<f64>,
    /// Hit ratio over the last window (caches and CDNs that were asked anything in it).
    pub recent_hit_ratio: Option<f64>,
    /// Lookups since the start and how many hit (caches, CDN): the counts behind the ratios.
    pub lookups: Option<Lookups>,
    /// Values the web tier wrote back into a cache after a miss, since the start (caches; 0 for
    /// a read-through cache, which fills itself within the miss's lookup).
    pub write_backs: Option<u64>,
    /// Largest replica lag in time right now, in milliseconds (databases with replicas).
    pub replica_lag_ms: Option<f64>,
    /// Largest replica lag in operations right now.
    pub replica_lag_ops: Option<u64>,
    /// Mean replication lag of applied writes since the start, in milliseconds.
    pub mean_replication_lag_ms: Option<f64>,
    /// Writes applied on replicas since the start, summed over replicas: the count behind
    /// `mean_replication_lag_ms`.
    pub replica_applies: Option<u64>,
    /// Reads served by replicas since the start (databases with replicas).
    pub replica_reads: Option<u64>,
    /// Of those, reads that found the key's latest write not applied yet.
    pub stale_reads: Option<u64>,
    /// Requests per shard (sharded databases).
    pub shard_load: Vec<u64>,
    /// Instances autoscaling removed that still finish the requests they hold (web servers).
    pub draining: u32,
    /// Nodes up out of the nodes configured (replicated caches and session stores, NoSQL).
    pub nodes: Option<NodesUp>,
    /// What the session store did with the sessions it was asked for.
    pub sessions: Option<SessionCounts>,
    /// Its place in a database copied across datacenters (wired with `replicate`).
    /// A database with read replicas: its primary, replicas and apply threads apart.
    pub database: Option<DatabaseParts>,
    pub region_copy: Option<RegionCopy>,
    /// A shard added during the run (sharded databases): the keys it moved and their copy.
    pub resharding: Option<Resharding>,
    /// What it costs an hour right now, in US dollars (`model::cost`): the servers or nodes
    /// running now (an autoscaled tier's active and draining instances, a sharded database's
    /// shards after a shard was added), and for request-priced parts the arrival rate over
    /// the last window.
    pub cost_per_hour_usd: f64,
}

/// A database of a group copied across datacenters: one member takes every write, the others
/// apply them after the cross-region delay.
/// A replicated database's parts, apart: its primary, each read replica, and each replica's
/// apply thread (busy time over time, 0-1, since the start).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DatabaseParts {
    /// The primary's busy connections over its connections, since the start.
    pub primary_utilization_since_start: f64,
    /// Each read replica's busy connections over its connections, since the start.
    pub replica_utilization_since_start: Vec<f64>,
    /// Each read replica's apply thread, applying the primary's writes one at a time: busy
    /// time over time, since the start.
    pub apply_utilization_since_start: Vec<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionCopy {
    /// The component id of the member taking writes right now.
    pub leader: u32,
    /// Its label.
    pub leader_label: String,
    /// Whether this database is it.
    pub leading: bool,
    /// This copy's lag right now, in milliseconds and in writes (copies only).
    pub lag_ms: Option<f64>,
    pub lag_ops: Option<u64>,
    /// Mean lag of the writes the copies applied since the start, and how many.
    pub mean_lag_ms: Option<f64>,
    pub applies: u64,
    /// Reads this database served while a copy, and how many missed the latest write.
    pub reads: u64,
    pub stale_reads: u64,
    /// A copy about to take over from an unreachable leader: its label and when.
    pub takeover: Option<(String, f64)>,
}

/// A shard added to a sharded database during a run (an `AddShard` fault): the keys the new
/// placement moves, beside theory, and their copy to their new shards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Resharding {
    /// Shards before and after.
    pub from_shards: u32,
    pub to_shards: u32,
    /// Whether the placement is consistent hashing (else modulo).
    pub consistent_hashing: bool,
    /// Keys of the users' key space, all counted.
    pub keys: u64,
    /// Of those, keys on another shard after the change.
    pub keys_moved: u64,
    /// `keys_moved / keys`.
    pub share_moved: f64,
    /// The share theory says moves, computed apart from the run: modulo `1 - min / lcm`,
    /// consistent hashing `1 / (N + 1)`.
    pub theory_share: f64,
    /// Moved keys copied to their new shard so far (the new shard serves them from then on).
    pub keys_migrated: u64,
    /// When the shard was added, and when the copy ended (simulated seconds).
    pub started_s: f64,
    pub finished_s: Option<f64>,
}

/// A cache's or CDN's lookups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookups {
    /// Keys asked for.
    pub lookups: u64,
    /// Of which found.
    pub hits: u64,
}

/// Nodes of a replicated component that are up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodesUp {
    /// Nodes serving right now.
    pub up: u32,
    /// Nodes configured.
    pub total: u32,
}

/// A session store's sessions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionCounts {
    /// Sessions held right now (including idle ones not yet noticed as expired).
    pub held: u64,
    /// Logins that found their session.
    pub found: u64,
    /// New sessions for clients seen for the first time.
    pub created: u64,
    /// Sessions that had expired (idle longer than the TTL): the client logged in again.
    pub expired: u64,
    /// Sessions pushed out because the store was full.
    pub evicted: u64,
    /// Logins whose session was gone before its time (evicted, or the store restarted empty):
    /// the user was logged out.
    pub lost: u64,
}

/// One datacenter's share of the traffic.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DatacenterMetrics {
    /// The group's id in the diagram.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// Whether it is up.
    pub up: bool,
    /// Whether DNS sends new users here: `Some(false)` once health checks took it out of the
    /// answers (clients holding a cached answer still come until their TTL runs out); `None`
    /// when no DNS answers with it.
    pub in_dns: Option<bool>,
    /// Requests that entered it.
    pub requests: u64,
    /// Its share of all requests that entered a datacenter.
    pub share: f64,
}

/// A notable moment of the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When, in simulated seconds.
    pub time_s: f64,
    /// The component concerned, if any.
    pub component: Option<u32>,
    /// What happened: a typed event the view words in the user's language.
    pub event: LogEvent,
}

/// Everything the view shows about a run at one instant.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricsSnapshot {
    /// Simulated time, in seconds.
    pub time_s: f64,
    /// Events handled since the start.
    pub events: u64,
    /// Totals over every user request.
    pub overall: Totals,
    /// Per component, in diagram order.
    pub components: Vec<ComponentMetrics>,
    /// Per datacenter, in diagram order.
    pub datacenters: Vec<DatacenterMetrics>,
    /// Notable events, oldest first (the most recent few hundred).
    pub log: Vec<LogEntry>,
    /// The faults applied so far, scheduled or injected live, oldest first, `at_s` the time
    /// each took effect (the most recent two hundred).
    #[serde(default)]
    pub faults: Vec<crate::model::Fault>,
}

impl MetricsSnapshot {
    /// The accounting invariant: every request that arrived is completed, failed or in flight,
    /// and every failed request is counted once against the population that sent it.
    pub fn accounting_holds(&self) -> bool {
        let o = &self.overall;
        let sent_failed: u64 = self.components.iter().map(|c| c.sent_failed).sum();
        o.arrived == o.completed + o.failed.total() + o.in_flight && sent_failed == o.failed.total()
    }

    /// A compact, stable text summary (integers and fixed decimals): equal summaries mean equal
    /// runs for the determinism tests.
    pub fn summary(&self) -> String {
        let o = &self.overall;
        let failed: Vec<String> = o
            .failed
            .by_reason()
            .iter()
            .map(|(r, n)| format!("{}={n}", r.summary_key()))
            .collect();
        let mut s = format!(
            "t={}s events={} arrived={} completed={} in_flight={} failed[{}] stale={} lost={} \
             jobs={}/{}/{} p50={}ms p99={}ms\n",
            Fixed(self.time_s, 3),
            self.events,
            o.arrived,
            o.completed,
            o.in_flight,
            failed.join(" "),
            o.stale_reads,
            o.lost_writes,
            o.jobs_published,
            o.jobs_done,
            o.jobs_failed,
            Fixed(o.latency.p50_ms, 3),
            Fixed(o.latency.p99_ms, 3)
        );
        for c in &self.components {
            s.push_str(&format!(
                "  #{} {}: up={} in={} done={} err={} util={} q={} p99={}ms",
                c.id,
                c.label,
                c.up,
                c.arrivals,
                c.completions,
                c.errors.total(),
                Fixed(c.utilization, 4),
                c.queue_len,
                Fixed(c.latency.p99_ms, 3)
            ));
            if let Some(h) = c.hit_ratio {
                s.push_str(&format!(" hit={h}", h = Fixed(h, 4)));
            }
            if let Some(l) = c.mean_replication_lag_ms {
                s.push_str(&format!(" lag={l}ms", l = Fixed(l, 3)));
            }
            if let Some(r) = &c.region_copy
                && !r.leading
            {
                s.push_str(&format!(
                    " copy_of={} copy_lag={}ms copy_stale={}/{}",
                    r.leader,
                    Fixed(r.mean_lag_ms.unwrap_or(0.0), 3),
                    r.stale_reads,
                    r.reads
                ));
            }
            if !c.shard_load.is_empty() {
                s.push_str(&format!(" shards={:?}", c.shard_load));
            }
            if let Some(r) = &c.resharding {
                s.push_str(&format!(
                    " resharded={}->{} moved={}/{} copied={}",
                    r.from_shards, r.to_shards, r.keys_moved, r.keys, r.keys_migrated
                ));
            }
            s.push('\n');
        }
        for d in &self.datacenters {
            s.push_str(&format!(
                "  dc {} {}: up={} requests={} share={}\n",
                d.id,
                d.name,
                d.up,
                d.requests,
                Fixed(d.share, 4)
            ));
        }
        s
    }
}
