//! The inspector's live figures: which rows one component's (or one datacenter's) latest
//! metrics make, worded with their units, and the theory to quote beside them.
//!
//! Owns: [`component_rows`] and [`datacenter_rows`] (a list of [`Row`]s, in the order the
//! inspector shows them: status and flow first, then the kind's headline figure, then latency),
//! and [`format_percent`] (small probabilities keep their significant digits). Rows that would
//! say nothing are left out: errors only for reasons that happened, queue figures only for
//! components that queue, latency only once something was measured. Knows nothing of the view;
//! the theory comes in as numbers from [`super::predict`] and the run view's Che lines.

use crate::model::{ComponentConfig, ComponentId, ComponentKind, Diagram};

use super::metrics::{ComponentMetrics, DatacenterMetrics, WINDOW_S};
use super::predict::{READ_BACK_AFTER_MS, ReplicaLagPrediction};
use super::series::{format_ms, format_value};

/// One line of the inspector's live section.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// A stable name for the row (the view's test id is `live-<key>`).
    pub key: &'static str,
    /// What the figure is.
    pub label: String,
    /// The figure, with its unit.
    pub value: String,
    /// What theory says beside it, in words.
    pub theory: Option<String>,
    /// Whether the figure says something is wrong (down, failures, nodes or sessions lost).
    pub alert: bool,
}

impl Row {
    fn new(key: &'static str, label: impl Into<String>, value: impl Into<String>) -> Row {
        Row {
            key,
            label: label.into(),
            value: value.into(),
            theory: None,
            alert: false,
        }
    }
    fn alert(mut self, alert: bool) -> Row {
        self.alert = alert;
        self
    }
    fn theory(mut self, theory: Option<String>) -> Row {
        self.theory = theory;
        self
    }
}

/// What the rows of one component need besides its own metrics.
#[derive(Clone, Debug, Default)]
pub struct RowContext<'a> {
    /// The workers a message queue feeds: their waiting line is the queue's depth.
    pub consumer: Option<&'a ComponentMetrics>,
    /// The hit ratio theory predicts for a cache or CDN, in percent, and the model's name.
    pub hit_ratio_theory: Option<(f64, &'static str)>,
    /// The replica-lag prediction of a replicated database.
    pub lag: Option<&'a ReplicaLagPrediction>,
    /// The lag prediction of a database copying one in another datacenter.
    pub copy_lag: Option<&'a ReplicaLagPrediction>,
    /// A load balancer's capacity, when it has one.
    pub forwarding: Option<Forwarding>,
}

/// A load balancer with a capacity: a queue forwarding one request at a time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Forwarding {
    /// Requests it forwards a second.
    pub capacity_rps: f64,
    /// Latency it adds to every request besides the wait.
    pub added_ms: f64,
}

impl Forwarding {
    /// Component `id` of `d`, if it is a load balancer with a capacity.
    pub fn of(d: &Diagram, id: ComponentId) -> Option<Forwarding> {
        match &d.component(id)?.config {
            ComponentConfig::LoadBalancer(l) if l.capacity_rps > 0 => Some(Forwarding {
                capacity_rps: l.capacity_rps as f64,
                added_ms: l.added_latency_ms,
            }),
            _ => None,
        }
    }
}

/// A probability in percent, keeping two significant digits when small: "15 %", "2.2 %",
/// "0.031 %", "< 0.001 %".
pub fn format_percent(p: f64) -> String {
    let pct = p * 100.0;
    if !pct.is_finite() {
        "–".to_string()
    } else if pct == 0.0 {
        "0 %".to_string()
    } else if pct < 0.001 {
        "< 0.001 %".to_string()
    } else if pct >= 10.0 {
        format!("{pct:.0} %")
    } else if pct >= 1.0 {
        format!("{pct:.1} %")
    } else {
        // Two significant digits.
        let decimals = (-pct.log10()).floor() as usize + 2;
        format!("{pct:.decimals$} %")
    }
}

/// A count: exact below a thousand, then short ("12k").
fn count(n: u64) -> String {
    if n < 1_000 {
        n.to_string()
    } else {
        format_value(n as f64)
    }
}

/// The error reasons of [`super::metrics::ErrorCounts`], with their words: (key, words,
/// since the start, over the last window).
fn error_reasons(m: &ComponentMetrics) -> [(&'static str, &'static str, u64, u64); 6] {
    let (e, r) = (&m.errors, &m.recent_errors);
    [
        (
            "failed-overload",
            "overload (queue full)",
            e.overload,
            r.overload,
        ),
        ("failed-timeout", "timeout", e.timeout, r.timeout),
        (
            "failed-unavailable",
            "unavailable (down)",
            e.unavailable,
            r.unavailable,
        ),
        (
            "failed-no-backend",
            "no healthy backend",
            e.no_healthy_backend,
            r.no_healthy_backend,
        ),
        (
            "failed-session",
            "session lost",
            e.session_lost,
            r.session_lost,
        ),
        ("failed-no-route", "no route", e.no_route, r.no_route),
    ]
}

/// The live rows of one component, in display order.
pub fn component_rows(m: &ComponentMetrics, ctx: &RowContext) -> Vec<Row> {
    let mut rows =
        vec![Row::new("status", "Status", if m.up { "up" } else { "down" }).alert(!m.up)];
    rows.push(Row::new(
        "arrivals",
        "Arrivals",
        format!(
            "{} req/s over the last {WINDOW_S} s ({} in all)",
            format_value(m.arrival_rps),
            count(m.arrivals)
        ),
    ));
    rows.push(Row::new(
        "throughput",
        "Throughput",
        format!("{} req/s", format_value(m.throughput_rps)),
    ));
    if m.servers > 0 {
        rows.push(Row::new(
            "utilization",
            "Utilization",
            format!(
                "{:.0} % over the last {WINDOW_S} s ({:.0} % since the start)",
                m.recent_utilization * 100.0,
                m.utilization * 100.0
            ),
        ));
        rows.push(Row::new(
            "queue",
            "Queue",
            format!(
                "{} waiting (mean {} since the start)",
                count(m.queue_len),
                format_value(m.mean_queue_len)
            ),
        ));
        rows.push(Row::new(
            "in-flight",
            "In service",
            format!("{} of {} servers", count(m.in_service), count(m.servers)),
        ));
    }
    let arrived = m.arrivals.max(1) as f64;
    for (key, reason, n, recent) in error_reasons(m) {
        if n > 0 {
            let now = match recent {
                0 => format!("none over the last {WINDOW_S} s"),
                r => format!("{} over the last {WINDOW_S} s", count(r)),
            };
            rows.push(
                Row::new(
                    key,
                    format!("Failed: {reason}"),
                    format!(
                        "{now}; {} requests since the start ({})",
                        count(n),
                        format_percent(n as f64 / arrived)
                    ),
                )
                // An alert while it is still happening.
                .alert(recent > 0),
            );
        }
    }
    headline_rows(m, ctx, &mut rows);
    if m.latency.count > 0 {
        let quantiles = |l: &super::metrics::Latency| {
            format!(
                "{} / {} / {} / {} ms",
                format_value(l.p50_ms),
                format_value(l.p95_ms),
                format_value(l.p99_ms),
                format_value(l.p999_ms)
            )
        };
        let recent = match m.recent_latency.count {
            0 => format!("none over the last {WINDOW_S} s"),
            _ => format!(
                "{} over the last {WINDOW_S} s",
                quantiles(&m.recent_latency)
            ),
        };
        rows.push(Row::new(
            "latency",
            "Latency p50 / p95 / p99 / p99.9",
            recent,
        ));
        rows.push(Row::new(
            "latency-all",
            "… since the start",
            quantiles(&m.latency),
        ));
    }
    rows
}

/// The figure that matters most for the component's kind.
fn headline_rows(m: &ComponentMetrics, ctx: &RowContext, rows: &mut Vec<Row>) {
    use ComponentKind as K;
    match m.kind {
        Some(K::Cache | K::Cdn) => {
            if let Some(h) = m.hit_ratio {
                let value = match m.recent_hit_ratio {
                    Some(r) => format!(
                        "{:.1} % over the last {WINDOW_S} s ({:.1} % since the start)",
                        r * 100.0,
                        h * 100.0
                    ),
                    None => format!("{:.1} % since the start", h * 100.0),
                };
                rows.push(
                    Row::new("hit-ratio", "Hit ratio", value).theory(
                        ctx.hit_ratio_theory
                            .map(|(p, what)| format!("{what} predicts {p:.1} %")),
                    ),
                );
            }
        }
        Some(K::LoadBalancer) => {
            if let Some(f) = ctx.forwarding {
                forwarding_rows(m, f, rows);
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
            rows.push(Row::new(
                "shard-load",
                "Requests per shard",
                m.shard_load
                    .iter()
                    .map(|&n| count(n))
                    .collect::<Vec<_>>()
                    .join(" · "),
            ));
            if mean > 0.0 {
                rows.push(Row::new(
                    "hottest-shard",
                    "Hottest shard",
                    format!("{:.2}× the mean", max as f64 / mean),
                ));
            }
        }
        Some(K::MessageQueue) => {
            if let Some(w) = ctx.consumer {
                rows.push(Row::new(
                    "depth",
                    "Depth",
                    format!("{} messages waiting for {}", count(w.queue_len), w.label),
                ));
            }
        }
        Some(K::Workers) => {
            rows.push(Row::new(
                "depth",
                "Jobs waiting",
                format!("{} jobs", count(m.queue_len)),
            ));
            rows.push(Row::new(
                "workers",
                "Workers",
                format!("{} instances", m.instances),
            ));
        }
        Some(K::WebServers) => {
            rows.push(Row::new(
                "instances",
                "Instances",
                if m.draining > 0 {
                    format!("{} active, {} draining", m.instances, m.draining)
                } else {
                    format!("{} active", m.instances)
                },
            ));
        }
        _ => {}
    }
    if let Some(n) = m.nodes {
        rows.push(
            Row::new("nodes", "Nodes up", format!("{} of {}", n.up, n.total)).alert(n.up < n.total),
        );
    }
    if let Some(s) = m.sessions {
        rows.push(Row::new(
            "sessions",
            "Sessions",
            format!(
                "{} held; {} found, {} new, {} expired, {} evicted",
                count(s.held),
                count(s.found),
                count(s.created),
                count(s.expired),
                count(s.evicted)
            ),
        ));
        if s.lost > 0 {
            rows.push(
                Row::new(
                    "sessions-lost",
                    "Users logged out",
                    format!("{} sessions lost", count(s.lost)),
                )
                .alert(true),
            );
        }
    }
}

/// A balancer with a capacity: the wait to be forwarded, beside Pollaczek-Khinchine (one
/// request at a time, each in exactly 1 / capacity: M/D/1 for Poisson arrivals).
fn forwarding_rows(m: &ComponentMetrics, f: Forwarding, rows: &mut Vec<Row>) {
    let wait = |l: &super::metrics::Latency| format_ms((l.mean_ms - f.added_ms).max(0.0));
    let value = match m.recent_latency.count {
        0 => format!("none forwarded over the last {WINDOW_S} s"),
        _ => format!(
            "{} over the last {WINDOW_S} s ({} since the start)",
            wait(&m.recent_latency),
            wait(&m.latency)
        ),
    };
    let lambda = m.arrival_rps;
    let theory = match super::theory::md1_wait_ms(lambda, f.capacity_rps) {
        Some(w) => format!(
            "M/D/1 at {} req/s into {} predicts {}",
            format_value(lambda),
            format_value(f.capacity_rps),
            format_ms(w)
        ),
        None => format!(
            "{} req/s into {}: the queue grows until requests time out",
            format_value(lambda),
            format_value(f.capacity_rps)
        ),
    };
    let over = lambda >= f.capacity_rps;
    rows.push(
        Row::new("forward-wait", "Mean wait to be forwarded", value)
            .theory(Some(theory))
            .alert(over),
    );
}

/// "12 of 4.0k <reads> (0.30 %)", or "no <reads> yet".
fn stale_of(stale: u64, reads: u64, what: &str) -> String {
    if reads > 0 {
        format!(
            "{} of {} {what} ({})",
            count(stale),
            count(reads),
            format_percent(stale as f64 / reads as f64)
        )
    } else {
        format!("no {what} yet")
    }
}

/// How the lag rows of a replica set or a cross-region copy are worded.
struct LagWords {
    keys: [&'static str; 2],
    labels: [&'static str; 2],
    /// The theory the mean is compared with ("M/M/1 apply queue").
    model: String,
    /// What writes can outrun.
    thread: &'static str,
    /// Said when nothing is applied.
    idle: &'static str,
}

/// Lag right now (time, writes) and the mean lag per write beside its prediction.
fn lag_rows(
    rows: &mut Vec<Row>,
    words: &LagWords,
    now: Option<(f64, u64)>,
    mean: Option<f64>,
    prediction: Option<&ReplicaLagPrediction>,
) {
    if let Some((ms, ops)) = now {
        rows.push(Row::new(
            words.keys[0],
            words.labels[0],
            format!("{} ({} writes behind)", format_ms(ms), count(ops)),
        ));
    }
    if let Some(mean) = mean {
        let theory = prediction.map(|p| match (p.mean_lag_ms, p.lag_growth_s_per_s()) {
            (Some(t), _) => format!("{} predicts {} ms", words.model, format_value(t)),
            (None, Some(g)) => format!(
                "writes outrun {}: the lag grows by {g:.2} s every second",
                words.thread
            ),
            (None, None) => words.idle.to_string(),
        });
        rows.push(
            Row::new(
                words.keys[1],
                words.labels[1],
                format!("{} ms", format_value(mean)),
            )
            .theory(theory),
        );
    }
}

/// A replicated database: lag now and per write, stale reads, each beside its theory.
fn database_rows(m: &ComponentMetrics, ctx: &RowContext, rows: &mut Vec<Row>) {
    let lag = ctx.lag;
    lag_rows(
        rows,
        &LagWords {
            keys: ["lag-now", "lag-mean"],
            labels: ["Replica lag now", "Mean lag per write"],
            model: "M/M/1 apply queue".to_string(),
            thread: "the apply thread",
            idle: "its replicas apply nothing",
        },
        m.replica_lag_ms.zip(m.replica_lag_ops),
        m.mean_replication_lag_ms,
        lag,
    );
    if let (Some(reads), Some(stale)) = (m.replica_reads, m.stale_reads) {
        let value = stale_of(stale, reads, "replica reads");
        let theory = lag
            .and_then(|p| p.stale_read_share)
            .map(|s| format!("theory: {} of replica reads stale", format_percent(s)));
        rows.push(
            // Not an alert: a few stale reads are what asynchronous replication trades for speed.
            Row::new("stale-reads", "Stale reads", value).theory(theory),
        );
    }
    if let Some(p) = lag.and_then(stale_read_words) {
        rows.push(Row::new("stale-probability", "Reading back a write", p));
    }
}

/// A database of a group copied across datacenters: who takes the writes, and for a copy its
/// lag beside theory, its stale reads and a pending take-over.
fn copy_rows(m: &ComponentMetrics, ctx: &RowContext, rows: &mut Vec<Row>) {
    let Some(r) = &m.region_copy else {
        return;
    };
    if r.leading {
        rows.push(Row::new(
            "region-role",
            "Across datacenters",
            "takes every datacenter's writes and ships them to its copies",
        ));
    } else {
        rows.push(Row::new(
            "region-role",
            "Across datacenters",
            format!("a copy of {}: writes made here cross to it", r.leader_label),
        ));
        let model = ctx.copy_lag.map_or(String::new(), |p| {
            format!(
                "{} ms one way + M/M/1 apply queue",
                format_value(p.network_delay_ms)
            )
        });
        lag_rows(
            rows,
            &LagWords {
                keys: ["copy-lag-now", "copy-lag-mean"],
                labels: ["Copy lag now", "Mean copy lag per write"],
                model,
                thread: "the copy's apply thread",
                idle: "the copy applies nothing",
            },
            r.lag_ms.zip(r.lag_ops),
            r.mean_lag_ms,
            ctx.copy_lag,
        );
        let value = stale_of(r.stale_reads, r.reads, "reads here");
        rows.push(
            Row::new("copy-stale", "Missing the latest write", value)
                .theory(ctx.copy_lag.and_then(stale_read_words)),
        );
    }
    if let Some((who, at_s)) = &r.takeover {
        rows.push(
            Row::new(
                "takeover",
                "Take-over",
                format!("{who} takes the writes at {at_s:.0} s"),
            )
            .alert(true),
        );
    }
}

/// The chance that a client reading back its own write finds a replica without it, in words:
/// "a read 10 ms after a write is stale with p = 0.031 % (M/M/1 apply queue)".
pub fn stale_read_words(p: &ReplicaLagPrediction) -> Option<String> {
    let prob = p.stale_read_probability(READ_BACK_AFTER_MS)?;
    Some(format!(
        "a read {READ_BACK_AFTER_MS} ms after a write is stale with p = {} (M/M/1 apply queue)",
        format_percent(prob)
    ))
}

/// The live rows of one datacenter.
pub fn datacenter_rows(dc: &DatacenterMetrics) -> Vec<Row> {
    vec![
        Row::new("status", "Status", if dc.up { "up" } else { "down" }).alert(!dc.up),
        Row::new(
            "dns",
            "DNS",
            match dc.in_dns {
                Some(true) => "still answering with it",
                Some(false) => "taken out of its answers",
                None => "no DNS answers with it",
            },
        )
        .alert(dc.in_dns == Some(false)),
        Row::new(
            "traffic-share",
            "Traffic share",
            format!(
                "{:.1} % ({} requests entered)",
                dc.share * 100.0,
                count(dc.requests)
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComponentId;
    use crate::sim::metrics::{ErrorCounts, Latency, NodesUp};

    fn keys(rows: &[Row]) -> Vec<&'static str> {
        rows.iter().map(|r| r.key).collect()
    }

    fn row<'a>(rows: &'a [Row], key: &str) -> &'a Row {
        rows.iter().find(|r| r.key == key).expect(key)
    }

    #[test]
    fn percentages_keep_two_significant_digits_when_small() {
        assert_eq!(format_percent(0.15), "15 %");
        assert_eq!(format_percent(0.0216), "2.2 %");
        assert_eq!(format_percent(0.000_312), "0.031 %");
        assert_eq!(format_percent(0.004), "0.40 %");
        assert_eq!(format_percent(1e-9), "< 0.001 %");
        assert_eq!(format_percent(0.0), "0 %");
        assert_eq!(format_percent(f64::NAN), "–");
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
            hit_ratio_theory: Some((43.7, "Che (LRU, writes invalidate)")),
            ..RowContext::default()
        };
        let rows = component_rows(&m, &ctx);
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
        let failed = row(&component_rows(&failing, &ctx), "failed-timeout").clone();
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
        let rows = component_rows(&m, &RowContext::default());
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
        assert_eq!(row(&rows, "in-flight").value, "12 of 16 servers");
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
            row(&component_rows(&busy, &RowContext::default()), "latency").value,
            "250 / 900 / 1.5k / 2.0k ms over the last 10 s"
        );
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
        let rows = component_rows(&m, &ctx);
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
        let rows = component_rows(&plain, &RowContext::default());
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
        let rows = component_rows(&m, &ctx);
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
        let rows = component_rows(&copy, &ctx);
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
        let t = row(&component_rows(&waiting, &ctx), "takeover").clone();
        assert_eq!(t.value, "Database (DC2) takes the writes at 345 s");
        assert!(t.alert);
        // The leader says what it does, with no copy rows.
        let mut leader = copy;
        if let Some(r) = leader.region_copy.as_mut() {
            r.leading = true;
        }
        let rows = component_rows(&leader, &RowContext::default());
        assert!(
            row(&rows, "region-role")
                .value
                .starts_with("takes every datacenter's writes")
        );
        assert!(!rows.iter().any(|r| r.key.starts_with("copy")));
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
            }),
            ..RowContext::default()
        };
        let wait = row(&component_rows(&lb, &ctx), "forward-wait").clone();
        assert_eq!(
            wait.value,
            "2.00 ms over the last 10 s (1.80 ms since the start)"
        );
        assert_eq!(
            wait.theory.as_deref(),
            Some("M/D/1 at 800 req/s into 1.0k predicts 2.00 ms")
        );
        assert!(!wait.alert);
        // Offered more than it forwards: an alert, and no finite prediction.
        let over = ComponentMetrics {
            arrival_rps: 1_200.0,
            ..lb.clone()
        };
        let wait = row(&component_rows(&over, &ctx), "forward-wait").clone();
        assert!(wait.alert);
        assert_eq!(
            wait.theory.as_deref(),
            Some("1.2k req/s into 1.0k: the queue grows until requests time out")
        );
        // Without a capacity there is no such row.
        let rows = component_rows(&lb, &RowContext::default());
        assert!(!rows.iter().any(|r| r.key == "forward-wait"));
    }

    #[test]
    fn shards_queues_workers_and_session_stores_show_their_headline() {
        let sharded = ComponentMetrics {
            kind: Some(ComponentKind::ShardedDatabase),
            shard_load: vec![100, 300, 200],
            ..ComponentMetrics::default()
        };
        let rows = component_rows(&sharded, &RowContext::default());
        assert_eq!(row(&rows, "shard-load").value, "100 · 300 · 200");
        assert_eq!(row(&rows, "hottest-shard").value, "1.50× the mean");
        let workers = ComponentMetrics {
            kind: Some(ComponentKind::Workers),
            label: "Workers".into(),
            queue_len: 42,
            instances: 3,
            ..ComponentMetrics::default()
        };
        let rows = component_rows(&workers, &RowContext::default());
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
            row(&component_rows(&queue, &ctx), "depth").value,
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
        let rows = component_rows(&store, &RowContext::default());
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
        let rows = datacenter_rows(&dc);
        assert_eq!(keys(&rows), ["status", "dns", "traffic-share"]);
        assert_eq!(rows[0].value, "down");
        assert_eq!(rows[1].value, "taken out of its answers");
        assert!(rows[1].alert);
        assert_eq!(rows[2].value, "12.3 % (12k requests entered)");
    }
}
