//! One live readout in English: what the figure is, its value with units, and what theory says
//! beside it. The one function the inspector calls to word a [`Readout`].

use crate::decimal::Fixed;
use crate::present::lang::Lang;
use crate::present::say::CostBasis;
use crate::sim::metrics::WINDOW_S;

use super::super::format::{
    format_count, format_dollars, format_ms, format_percent, format_percents, format_quantiles,
    format_value,
};
use super::super::readout::{CopyLagTheory, LagTheory, Readout, Span, WebTheory};
use super::{cache_prediction, failure_reason, read_back};
use crate::sim::predict::WebQueueModel;

pub use crate::present::say::RowText;

use crate::present::say::{text, with_theory};

/// "... over the last 10 s", or "none over the last 10 s"; before the run is that long,
/// "... since the start", or "none yet".
fn over_window(span: Span, figure: Option<String>) -> String {
    match (span, figure) {
        (Span::LastWindow, Some(f)) => format!("{f} over the last {WINDOW_S} s"),
        (Span::LastWindow, None) => format!("none over the last {WINDOW_S} s"),
        (Span::SinceStart, Some(f)) => format!("{f} since the start"),
        (Span::SinceStart, None) => "none yet".to_string(),
    }
}

/// "none over the last 10 s; 25 requests<of> since the start (0.25 %)": failures over the last
/// window (said only once the run is that long) and since the start, as a share.
fn failures(span: Span, total: u64, recent: u64, share: f64, of: &str) -> String {
    let since_start = format!(
        "{} {}{of} since the start ({})",
        format_count(Lang::En, total),
        super::noun_for(total, "request"),
        format_percent(Lang::En, share)
    );
    match span {
        Span::LastWindow => format!(
            "{}; {since_start}",
            over_window(span, (recent > 0).then(|| format_count(Lang::En, recent)))
        ),
        Span::SinceStart => since_start,
    }
}

/// "12 of 4.0k <reads> (0.30 %)", or "no <reads> yet".
fn stale_of(stale: u64, reads: u64, what: &str) -> String {
    if reads > 0 {
        format!(
            "{} of {} {what} ({})",
            format_count(Lang::En, stale),
            format_count(Lang::En, reads),
            format_percent(Lang::En, stale as f64 / reads as f64)
        )
    } else {
        format!("no {what} yet")
    }
}

fn up_or_down(up: bool) -> String {
    if up { "up" } else { "down" }.to_string()
}

/// The apply queue's answer, as the lag rows quote it: `model` is what predicts a steady lag,
/// `thread` what writes can outrun, `idle` what is said when nothing is applied.
fn lag_theory(t: LagTheory, model: &str, thread: &str, idle: &str) -> String {
    match t {
        LagTheory::Predicts { mean_ms } => {
            format!("{model} predicts {} ms", format_value(mean_ms))
        }
        LagTheory::Outrun { growth_s_per_s } => {
            format!(
                "writes outrun {thread}: the lag grows by {growth_s_per_s} s every second",
                growth_s_per_s = Fixed(growth_s_per_s, 2)
            )
        }
        LagTheory::Idle => idle.to_string(),
    }
}

fn copy_lag_theory(t: CopyLagTheory) -> String {
    let model = format!(
        "{} ms one way + M/M/1 apply queue",
        format_value(t.one_way_ms)
    );
    lag_theory(
        t.lag,
        &model,
        "the copy's apply thread",
        "the copy applies nothing",
    )
}

fn lag_now(label: &str, ms: f64, writes: u64) -> RowText {
    text(
        label,
        format!(
            "{} ({} {} behind)",
            format_ms(Lang::En, ms),
            format_count(Lang::En, writes),
            super::noun_for(writes, "write")
        ),
    )
}

/// The words of one live readout, whose recent figures cover `span`.
pub fn row(r: &Readout, span: Span) -> RowText {
    match r {
        Readout::Status { up } => text("Status", up_or_down(*up)),
        Readout::Arrivals { rps, total } => text(
            "Arrivals",
            format!(
                "{} ({} in all)",
                over_window(span, Some(format!("{} req/s", format_value(*rps)))),
                format_count(Lang::En, *total)
            ),
        ),
        Readout::Throughput { rps } => text(
            "Served",
            over_window(span, Some(format!("{} req/s", format_value(*rps)))),
        ),
        Readout::Utilization {
            recent,
            since_start,
        } => text(
            "Utilization",
            // A tier of fast servers is busy a fraction of a percent: "0.24 %", not "0 %".
            match span {
                Span::LastWindow => format!(
                    "{} over the last {WINDOW_S} s ({} since the start)",
                    format_percent(Lang::En, *recent),
                    format_percent(Lang::En, *since_start)
                ),
                Span::SinceStart => {
                    format!("{} since the start", format_percent(Lang::En, *since_start))
                }
            },
        ),
        Readout::Queue { waiting, mean } => text(
            "Queue",
            format!(
                "{} waiting (mean {} since the start)",
                format_count(Lang::En, *waiting),
                format_value(*mean)
            ),
        ),
        Readout::InService { busy, servers } => text(
            "In service",
            format!(
                "{} of the {} it takes at once",
                format_count(Lang::En, *busy),
                format_count(Lang::En, *servers)
            ),
        ),
        Readout::Failed {
            reason,
            total,
            recent,
            share,
        } => text(
            &format!("Failed: {}", failure_reason(*reason).in_full()),
            failures(span, *total, *recent, *share, ""),
        ),
        Readout::SentFailed {
            total,
            recent,
            share,
        } => text(
            "Failed anywhere",
            failures(span, *total, *recent, *share, " of those it sent"),
        ),
        Readout::HitRatio {
            recent,
            since_start,
            theory,
        } => with_theory(
            "Hit ratio",
            match (span, recent) {
                (Span::LastWindow, Some(r)) => format!(
                    "{} % over the last {WINDOW_S} s ({} % since the start)",
                    Fixed(r * 100.0, 1),
                    Fixed(since_start * 100.0, 1)
                ),
                _ => format!("{} % since the start", Fixed(since_start * 100.0, 1)),
            },
            theory.map(|(p, model)| cache_prediction(model, p)),
        ),
        &Readout::CacheOperations {
            misses,
            write_backs,
        } => text(
            "Cache operations per miss",
            if misses == 0 {
                "no misses yet".to_string()
            } else {
                let per_miss = (misses + write_backs) as f64 / misses as f64;
                let filled = match write_backs {
                    0 => "none written back by the web tier".to_string(),
                    w => format!("{} written back by the web tier", format_count(Lang::En, w)),
                };
                format!(
                    "{per_miss} ({} misses, {filled})",
                    format_count(Lang::En, misses),
                    per_miss = Fixed(per_miss, 2)
                )
            },
        ),
        Readout::ForwardWait {
            recent_ms,
            since_start_ms,
            arrival_rps,
            capacity_rps,
            predicted_ms,
        } => with_theory(
            "Mean wait to be forwarded",
            match (span, recent_ms) {
                (Span::LastWindow, None) => format!("none forwarded over the last {WINDOW_S} s"),
                (Span::LastWindow, Some(recent)) => format!(
                    "{} over the last {WINDOW_S} s ({} since the start)",
                    format_ms(Lang::En, *recent),
                    format_ms(Lang::En, *since_start_ms)
                ),
                (Span::SinceStart, None) => "none forwarded yet".to_string(),
                (Span::SinceStart, Some(_)) => {
                    format!("{} since the start", format_ms(Lang::En, *since_start_ms))
                }
            },
            Some(match predicted_ms {
                Some(w) => format!(
                    "M/D/1 at {} req/s into {} predicts {}",
                    format_value(*arrival_rps),
                    format_value(*capacity_rps),
                    format_ms(Lang::En, *w)
                ),
                None => format!(
                    "{} req/s into {}: the queue grows until requests time out",
                    format_value(*arrival_rps),
                    format_value(*capacity_rps)
                ),
            }),
        ),
        Readout::ReplicaLagNow { ms, writes } => lag_now("Replica lag now", *ms, *writes),
        Readout::ReplicaLagMean { ms, theory } => with_theory(
            "Mean lag per write",
            crate::present::format::format_ms(crate::present::lang::Lang::En, *ms),
            theory.map(|t| {
                lag_theory(
                    t,
                    "M/M/1 apply queue",
                    "the apply thread",
                    "its replicas apply nothing",
                )
            }),
        ),
        Readout::StaleReads {
            stale,
            reads,
            theory_share,
        } => with_theory(
            "Stale reads",
            stale_of(*stale, *reads, "replica reads"),
            theory_share.map(|s| {
                format!(
                    "theory: {} of replica reads stale",
                    format_percent(Lang::En, s)
                )
            }),
        ),
        Readout::ReadBack(chance) => text("Reading back a write", read_back(chance)),
        Readout::RegionLeader => text(
            "Across datacenters",
            "takes every datacenter's writes and ships them to its copies".to_string(),
        ),
        Readout::RegionCopy { leader } => text(
            "Across datacenters",
            format!("a copy of {leader}: writes made here cross to it"),
        ),
        Readout::CopyLagNow { ms, writes } => lag_now("Copy lag now", *ms, *writes),
        Readout::CopyLagMean { ms, theory } => with_theory(
            "Mean copy lag per write",
            crate::present::format::format_ms(crate::present::lang::Lang::En, *ms),
            theory.map(copy_lag_theory),
        ),
        Readout::CopyStale {
            stale,
            reads,
            theory,
        } => with_theory(
            "Missing the latest write",
            stale_of(*stale, *reads, "reads here"),
            theory.as_ref().map(read_back),
        ),
        Readout::Takeover { successor, at_s } => text(
            "Take-over",
            format!(
                "{successor} takes the writes at {at_s} s",
                at_s = Fixed(*at_s, 0)
            ),
        ),
        Readout::ShardLoad { per_shard } => text(
            "Requests per shard",
            per_shard
                .iter()
                .map(|&n| format_count(Lang::En, n))
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        Readout::HottestShard { times_mean } => text(
            "Hottest shard",
            format!("{times_mean}× the mean", times_mean = Fixed(*times_mean, 2)),
        ),
        Readout::QueueDepth { messages, consumer } => text(
            "Depth",
            format!(
                "{} messages waiting for {consumer}",
                format_count(Lang::En, *messages)
            ),
        ),
        Readout::JobsWaiting { jobs } => text(
            "Jobs waiting",
            format!("{} jobs", format_count(Lang::En, *jobs)),
        ),
        Readout::Workers { instances } => text("Workers", format!("{instances} instances")),
        Readout::Instances { active, draining } => text(
            "Instances",
            if *draining > 0 {
                format!("{active} active, {draining} draining")
            } else {
                format!("{active} active")
            },
        ),
        Readout::TimeInTier {
            mean_ms,
            recent,
            theory,
            autoscaled,
        } => with_theory(
            "Mean time in the tier",
            match (mean_ms, recent) {
                (_, true) => over_window(span, mean_ms.map(|ms| format_ms(Lang::En, ms))),
                (Some(ms), false) => format!("{} since the start", format_ms(Lang::En, *ms)),
                (None, false) => "none finished yet".to_string(),
            },
            Some(if *autoscaled {
                format!("{}; at the starting instance count", web_theory(theory))
            } else {
                web_theory(theory)
            }),
        ),
        Readout::NodesUp { up, total } => text("Nodes up", format!("{up} of {total}")),
        Readout::Sessions(s) => text(
            "Sessions",
            format!(
                "{} held; {} found, {} new, {} expired, {} evicted",
                format_count(Lang::En, s.held),
                format_count(Lang::En, s.found),
                format_count(Lang::En, s.created),
                format_count(Lang::En, s.expired),
                format_count(Lang::En, s.evicted)
            ),
        ),
        Readout::SessionsLost { lost } => text(
            "Users logged out",
            format!("{} sessions lost", format_count(Lang::En, *lost)),
        ),
        Readout::Latency { recent } => text(
            "Latency p50 / p95 / p99 / p99.9",
            over_window(span, recent.as_ref().map(|l| format_quantiles(Lang::En, l))),
        ),
        Readout::LatencySinceStart { all } => {
            text("… since the start", format_quantiles(Lang::En, all))
        }
        Readout::Dns { in_dns } => text(
            "DNS",
            match in_dns {
                Some(true) => "still answering with it",
                Some(false) => "taken out of its answers",
                None => "no DNS answers with it",
            }
            .to_string(),
        ),
        Readout::TrafficShare { share, requests } => text(
            "Traffic share",
            format!(
                "{} % ({} requests entered)",
                Fixed(share * 100.0, 1),
                format_count(Lang::En, *requests)
            ),
        ),
        Readout::Cost { usd_per_hour } => text("Cost", cost_per_hour(*usd_per_hour)),
        Readout::DatabaseParts(p) => text(
            "Parts, since the start",
            format!(
                "primary {} · replicas {} · apply threads {}",
                format_percent(Lang::En, p.primary_utilization_since_start),
                format_percents(Lang::En, &p.replica_utilization_since_start),
                format_percents(Lang::En, &p.apply_utilization_since_start)
            ),
        ),
        Readout::Resharding(r) => with_theory(
            "Resharding",
            format!(
                "{} → {} shards: {} of {} keys moved ({}); {}",
                r.from_shards,
                r.to_shards,
                format_count(Lang::En, r.keys_moved),
                format_count(Lang::En, r.keys),
                format_percent(Lang::En, r.share_moved),
                match r.finished_s {
                    Some(at) => format!("copy done at {at} s", at = Fixed(at, 0)),
                    None => format!(
                        "{} of them copied so far",
                        format_count(Lang::En, r.keys_migrated)
                    ),
                }
            ),
            Some(if r.consistent_hashing {
                format!(
                    "consistent hashing moves 1/(N+1) = {} of the keys",
                    format_percent(Lang::En, r.theory_share)
                )
            } else {
                format!(
                    "modulo moves 1 − min/lcm = {} of the keys",
                    format_percent(Lang::En, r.theory_share)
                )
            }),
        ),
    }
}

/// What the cost badge's figure is: the design as drawn, or what runs now (`live`).
pub fn design_cost_title(basis: CostBasis) -> &'static str {
    match basis {
        CostBasis::Now => {
            "What the whole design costs an hour right now: on-demand list prices of the servers \
             running and of the requests they take"
        }
        CostBasis::RunEnd => {
            "What the whole design cost an hour when the run ended: on-demand list prices of the \
             servers running then and of the requests they took"
        }
        CostBasis::Drawn => {
            "What the whole design costs an hour as drawn: on-demand list prices of its servers \
             and of the requests the users send"
        }
    }
}

/// A price: "$0.096/h".
pub fn cost_per_hour(usd: f64) -> String {
    format!("${}/h", format_dollars(usd))
}

/// A web tier's queueing theory in words: "M/M/2 per instance predicts 39.2 ms",
/// "Allen-Cunneen G/G/2 per instance (ca² 0.25, cs² 1.00) predicts 32.0 ms", "least
/// connections as one pooled M/M/8 queue (a lower bound) predicts 22.3 ms", or that it is
/// overloaded.
pub fn web_theory(t: &WebTheory) -> String {
    match *t {
        WebTheory::Predicts {
            mean_ms,
            model,
            servers,
            arrival_scv,
            service_scv,
        } => {
            let kind = |c: &str| {
                if (service_scv - 1.0).abs() < 1e-12 {
                    format!("M/M/{c}")
                } else {
                    format!(
                        "Allen-Cunneen M/G/{c} (cs² {service_scv})",
                        service_scv = Fixed(service_scv, 2)
                    )
                }
            };
            let model = match model {
                WebQueueModel::Mmc => format!("M/M/{servers} per instance"),
                WebQueueModel::AllenCunneen => format!(
                    "Allen-Cunneen G/G/{servers} per instance (ca² {arrival_scv}, cs² \
                     {service_scv})",
                    arrival_scv = Fixed(arrival_scv, 2),
                    service_scv = Fixed(service_scv, 2)
                ),
                WebQueueModel::PooledLowerBound => format!(
                    "least connections as one pooled {} queue (a lower bound)",
                    kind(&servers.to_string())
                ),
            };
            format!("{model} predicts {}", format_ms(Lang::En, mean_ms))
        }
        WebTheory::Overloaded { utilization } => format!(
            "overloaded: offered {} of its capacity, so its queue grows without bound",
            format_percent(Lang::En, utilization)
        ),
    }
}
