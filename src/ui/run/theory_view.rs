//! Which closed-form prediction applies to which component of the diagram, worded for the
//! charts ("Che predicts 43.7 % for Cache (DC1)"). The formulas are in [`crate::sim::theory`];
//! this module only picks their inputs from the component configs and the latest snapshot.

use crate::model::config::UsersConfig;
use crate::model::{ComponentConfig, Diagram};
use crate::sim::MetricsSnapshot;
use crate::sim::theory;

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

/// Hit-ratio predictions (percent) for every cache and CDN: Che for LRU, counting invalidation
/// by writes for caches. Depends on the diagram only, so it is computed once per edit.
pub fn cache_predictions(d: &Diagram) -> Vec<TheoryLine> {
    let Some(users) = main_users(d) else {
        return Vec::new();
    };
    let data = users.read_share + users.write_share;
    let read_fraction = if data > 0.0 {
        users.read_share / data
    } else {
        1.0
    };
    let mut out = Vec::new();
    for c in &d.components {
        let (value, what) = match &c.config {
            ComponentConfig::Cache(cache) => (
                theory::che_lru_hit_ratio_with_writes(
                    users.key_space,
                    users.zipf_alpha,
                    cache.capacity_keys,
                    read_fraction,
                ),
                "Che (LRU, writes invalidate)",
            ),
            ComponentConfig::Cdn(cdn) => (
                theory::che_lru_hit_ratio(
                    users.key_space,
                    users.zipf_alpha,
                    cdn.edge_capacity_objects,
                ),
                "Che (LRU)",
            ),
            _ => continue,
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
    let mut merged: Vec<(TheoryLine, &'static str, Vec<String>)> = Vec::new();
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
                "{what} predicts {:.1} % for {}",
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
