//! Which closed-form prediction applies to which component of the diagram, worded for the
//! charts ("Che predicts 43.7 % for Cache (DC1)"). The formulas are in [`crate::sim::theory`];
//! this module picks their inputs from the component configs and the latest snapshot, or takes
//! them from [`crate::sim::predict`] (natively tested) where they need the whole diagram, as the
//! write rate reaching each replicated database does.

use crate::model::config::UsersConfig;
use crate::model::{ComponentConfig, ComponentId, Diagram};
use crate::present::english;
use crate::present::format::{format_percent, format_value};
use crate::present::readout::{CacheModel, StaleReadChance};
use crate::sim::MetricsSnapshot;
use crate::sim::{predict, theory};

use super::charts::TheoryLine;

/// The user population that sends the most traffic: its key space and skew drive the caches.
fn main_users(d: &Diagram) -> Option<&UsersConfig> {
    d.components
        .iter()
        .filter_map(|c| match &c.config {
            ComponentConfig::Users(u) => Some(u),
            _ => None,
        })
        .max_by(|a, b| a.load.rate_rps().total_cmp(&b.load.rate_rps()))
}

/// The Che hit ratio (0-1) of one cache or CDN under the main population's reads, and the
/// model.
fn che_prediction(
    users: &UsersConfig,
    read_fraction: f64,
    config: &ComponentConfig,
) -> Option<(f64, CacheModel)> {
    match config {
        ComponentConfig::Cache(cache) => Some((
            theory::che_lru_hit_ratio_with_writes(
                users.key_space,
                users.zipf_alpha,
                cache.capacity_keys,
                read_fraction,
            ),
            CacheModel::CheLruWritesInvalidate,
        )),
        ComponentConfig::Cdn(cdn) => Some((
            theory::che_lru_hit_ratio(users.key_space, users.zipf_alpha, cdn.edge_capacity_objects),
            CacheModel::CheLru,
        )),
        _ => None,
    }
}

/// The share of the main population's data requests that are reads.
fn read_fraction(users: &UsersConfig) -> f64 {
    let data = users.read_share + users.write_share;
    if data > 0.0 {
        users.read_share / data
    } else {
        1.0
    }
}

/// The hit ratio (percent) theory predicts for one cache or CDN, as the charts show it, and
/// the model: for the inspector.
pub fn cache_prediction(d: &Diagram, id: ComponentId) -> Option<(f64, CacheModel)> {
    let users = main_users(d)?;
    let c = d.component(id)?;
    che_prediction(users, read_fraction(users), &c.config).map(|(h, what)| (h * 100.0, what))
}

/// Hit-ratio predictions (percent) for every cache and CDN: Che for LRU, counting invalidation
/// by writes for caches. Depends on the diagram only, so it is computed once per edit.
pub fn cache_predictions(d: &Diagram) -> Vec<TheoryLine> {
    let Some(users) = main_users(d) else {
        return Vec::new();
    };
    let read_fraction = read_fraction(users);
    let mut out = Vec::new();
    for c in &d.components {
        let Some((value, what)) = che_prediction(users, read_fraction, &c.config) else {
            continue;
        };
        out.push((
            TheoryLine {
                value: value * 100.0,
                text: String::new(),
                line: true,
            },
            what,
            c.label.clone(),
        ));
    }
    // Identical predictions (one cache per datacenter, say) are drawn once, naming them all.
    let mut merged: Vec<(TheoryLine, CacheModel, Vec<String>)> = Vec::new();
    for (line, what, label) in out {
        match merged
            .iter_mut()
            .find(|m| (m.0.value - line.value).abs() < 1e-9 && m.1 == what)
        {
            Some(m) => m.2.push(label),
            None => merged.push((line, what, vec![label])),
        }
    }
    merged
        .into_iter()
        .map(|(line, what, labels)| TheoryLine {
            text: format!(
                "{} predicts {:.1} % for {}",
                english::cache_model(what),
                line.value,
                labels.join(", ")
            ),
            ..line
        })
        .collect()
}

/// M/M/c predictions of the mean time in each web tier at its measured arrival rate.
pub fn web_predictions(d: &Diagram, snap: &MetricsSnapshot) -> Vec<TheoryLine> {
    let mut out = Vec::new();
    for c in &d.components {
        let ComponentConfig::WebServers(web) = &c.config else {
            continue;
        };
        let Some(m) = snap.components.iter().find(|m| m.id == c.id.0) else {
            continue;
        };
        if m.servers == 0 || m.throughput_rps <= 0.0 {
            continue;
        }
        let service_ms = web.service_time.mean_ms() / web.instance_size.cpu_multiplier();
        let text = match theory::mmc_response_ms(m.servers as u32, m.throughput_rps, service_ms) {
            Some(w) => format!(
                "M/M/c predicts {w:.2} ms in {} (simulated {:.2} ms)",
                c.label, m.latency.mean_ms
            ),
            None => format!(
                "M/M/c: {} is overloaded (arrivals exceed capacity)",
                c.label
            ),
        };
        out.push(TheoryLine {
            value: 0.0,
            text,
            line: false,
        });
    }
    out
}

/// A database a lag prediction covers: its name, id and whether the figure is its
/// cross-region copy's.
type Covered = (String, ComponentId, bool);

/// Replica-lag predictions for every replicated database at `t_s` seconds into the run (the
/// traffic profile sets the write rate then): the M/M/1 apply queue's mean lag, drawn as a line
/// to compare with each database's simulated mean lag per write, with the chance that a read
/// soon after a write is stale and, where theory has it, the share of stale replica reads
/// beside the simulated share in `snap`; or, when writes outrun a replica's apply thread, how
/// fast the lag grows (no line: there is no steady value).
pub fn replica_lag_predictions(
    d: &Diagram,
    t_s: f64,
    snap: Option<&MetricsSnapshot>,
) -> Vec<TheoryLine> {
    let fmt = format_value;
    // Identical predictions (one database per datacenter, say) are worded once, naming them all.
    // Copies in other datacenters are named "<label> (cross-region)": their lag is the copy's,
    // not its own replicas'.
    let mut merged: Vec<(predict::ReplicaLagPrediction, Vec<Covered>)> = Vec::new();
    let local = predict::replica_lag_predictions(d, t_s)
        .into_iter()
        .map(|p| (p, false));
    let copies = predict::copy_lag_predictions(d, t_s)
        .into_iter()
        .map(|p| (p, true));
    for (p, copy) in local.chain(copies) {
        let same = |q: &predict::ReplicaLagPrediction| {
            (q.write_rps - p.write_rps).abs() < 1e-6
                && q.apply_rps == p.apply_rps
                && q.network_delay_ms == p.network_delay_ms
                && q.sync == p.sync
                && q.stale_read_share == p.stale_read_share
        };
        let label = if copy {
            english::cross_region(&p.label)
        } else {
            p.label.clone()
        };
        match merged.iter_mut().find(|m| same(&m.0) && m.1[0].2 == copy) {
            Some(m) => m.1.push((label, p.database, copy)),
            None => {
                let named = (label, p.database, copy);
                merged.push((p, vec![named]));
            }
        }
    }
    // The simulated share of stale replica reads of each database, once it has some.
    let simulated = |id: ComponentId, copy: bool| {
        let m = snap?.components.iter().find(|m| m.id == id.0)?;
        let (stale, reads) = match &m.region_copy {
            Some(r) if copy => (Some(r.stale_reads), Some(r.reads)),
            _ => (m.stale_reads, m.replica_reads),
        };
        match (stale, reads) {
            (Some(stale), Some(reads)) if reads > 0 => Some(stale as f64 / reads as f64),
            _ => None,
        }
    };
    merged
        .into_iter()
        .map(|(p, named)| {
            let names = named
                .iter()
                .map(|n| n.0.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let measured = named
                .iter()
                .filter_map(|(label, id, copy)| {
                    simulated(*id, *copy).map(|s| format!("{label} {}", format_percent(s)))
                })
                .collect::<Vec<_>>();
            let measured = measured.join(", ");
            let words = StaleReadChance::of(&p).map(|c| english::read_back(&c));
            let stale = match (words, p.stale_read_share) {
                (None, _) => String::new(),
                (Some(words), Some(share)) if measured.is_empty() => format!(
                    "; {words}; {} of replica reads stale",
                    format_percent(share)
                ),
                (Some(words), Some(share)) => format!(
                    "; {words}; {} of replica reads stale (simulated: {measured})",
                    format_percent(share)
                ),
                (Some(words), None) if measured.is_empty() => format!("; {words}"),
                (Some(words), None) => {
                    format!("; {words}; simulated share of stale replica reads: {measured}")
                }
            };
            let rates = format!(
                "{} writes/s into {}/s, +{} ms network",
                fmt(p.write_rps),
                fmt(p.apply_rps),
                fmt(p.network_delay_ms)
            );
            match (p.mean_lag_ms, p.lag_growth_s_per_s()) {
                (Some(mean), _) if p.sync => TheoryLine {
                    value: mean,
                    text: format!(
                        "M/M/1 apply queue predicts {mean:.2} ms for {names} ({rates}); \
                         sync replication acknowledges a write only once applied, so clients \
                         never see an acknowledged write lag: each write waits this long instead"
                    ),
                    line: true,
                },
                (Some(mean), _) => TheoryLine {
                    value: mean,
                    text: format!(
                        "M/M/1 apply queue predicts {mean:.2} ms for {names} ({rates}){stale}"
                    ),
                    line: true,
                },
                (None, Some(growth)) => TheoryLine {
                    value: 0.0,
                    text: format!(
                        "No steady lag for {names}: {} writes/s outrun the {}/s a replica \
                         applies, so the lag grows by {growth:.2} s every second",
                        fmt(p.write_rps),
                        fmt(p.apply_rps)
                    ),
                    line: false,
                },
                (None, None) => TheoryLine {
                    value: 0.0,
                    text: format!("No prediction for {names}: its replicas apply nothing"),
                    line: false,
                },
            }
        })
        .collect()
}
