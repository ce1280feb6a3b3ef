//! The run view's recent past as chart-ready time series, fed one snapshot at a time (pure: no
//! Leptos, tested natively; the sim loop in `ui::run` owns one).
//!
//! Cumulative counters in a snapshot (errors, datacenter requests, shard loads) become rates or
//! shares per interval here, by difference with the previous snapshot. Every series is a bounded
//! ring buffer ([`Series`]), so memory stays flat however long a run lasts. Failures are kept
//! per [`FailureReason`], in the order of [`FailureReason::ALL`]. No series is keyed or named by
//! words: failures by their reason, the others by component or datacenter id with the label the
//! user gave it (data, the same in every language); the charts word the legends when they draw
//! (`say::failure_legend`, `say::cross_region`), so a language switch keeps the history.

use std::collections::BTreeMap;

use crate::sim::MetricsSnapshot;
use crate::sim::failure::FailureReason;
use crate::sim::metrics::ErrorCounts;

use super::series::Series;

/// Samples kept per series.
pub const KEEP: usize = 240;
/// Rows kept in a shard heatmap.
pub const HEAT_ROWS: usize = 60;

/// How many failure reasons there are: one series each.
const REASONS: usize = FailureReason::ALL.len();

/// A named series of one component or datacenter.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub label: String,
    pub series: Series,
}

impl Named {
    fn new(label: &str) -> Named {
        Named {
            label: label.to_string(),
            series: Series::new(KEEP),
        }
    }
}

/// Per-interval load of each shard of one sharded database, newest row last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShardHeat {
    pub label: String,
    /// (simulated seconds, requests per shard in the interval).
    pub rows: std::collections::VecDeque<(f64, Vec<u64>)>,
    last: Vec<u64>,
}

/// Everything the charts draw.
#[derive(Clone, Debug, PartialEq)]
pub struct RunHistory {
    pub throughput: Series,
    /// Failures per second, by reason in the order of [`FailureReason::ALL`] (read them with
    /// [`RunHistory::errors`]).
    errors: [Series; REASONS],
    pub p50: Series,
    pub p95: Series,
    pub p99: Series,
    /// Hit ratio of every cache and CDN over each interval (not since the start, so it shows
    /// where the cache is now), by component id.
    pub hit_ratio: BTreeMap<u32, Named>,
    /// Replica lag of every replicated database: the mean lag of the writes its replicas
    /// applied over each interval (what the M/M/1 apply queue predicts; the lag right now is on
    /// the canvas), by component id. No sample for an interval without applies.
    pub replica_lag: BTreeMap<u32, Named>,
    /// Cross-region lag of every copy of a database in another datacenter, worked out the same
    /// way from the writes it applied, under the copy's own label (the chart words it as a
    /// cross-region copy: `say::cross_region`).
    pub copy_lag: BTreeMap<u32, Named>,
    /// Waiting line of every queue and worker pool, by component id.
    pub queue_depth: BTreeMap<u32, Named>,
    /// Instances of every worker pool and web tier, by component id.
    pub instances: BTreeMap<u32, Named>,
    /// Share of the interval's requests entering each datacenter, by group id.
    pub dc_share: BTreeMap<u32, Named>,
    /// Shard load over time, by component id.
    pub shards: BTreeMap<u32, ShardHeat>,
    last_time: Option<f64>,
    last_errors: ErrorCounts,
    last_dc: BTreeMap<u32, u64>,
    /// (lookups, hits) of each cache at the previous snapshot.
    last_lookups: BTreeMap<u32, (u64, u64)>,
    /// (lag summed over applied writes in ms, applies) of each database at the previous
    /// snapshot.
    last_applied: BTreeMap<u32, (f64, u64)>,
    /// The same for the copies in other datacenters.
    last_copied: BTreeMap<u32, (f64, u64)>,
}

/// The mean of the values recorded since the previous call for `id`, from a running mean and
/// its count (`None` if nothing new was recorded).
fn interval_mean(last: &mut BTreeMap<u32, (f64, u64)>, id: u32, mean: f64, n: u64) -> Option<f64> {
    let sum = mean * n as f64;
    let (sum0, n0) = last.insert(id, (sum, n)).unwrap_or((0.0, 0));
    (n > n0).then(|| ((sum - sum0) / (n - n0) as f64).max(0.0))
}

impl Default for RunHistory {
    fn default() -> Self {
        RunHistory {
            throughput: Series::new(KEEP),
            errors: std::array::from_fn(|_| Series::new(KEEP)),
            p50: Series::new(KEEP),
            p95: Series::new(KEEP),
            p99: Series::new(KEEP),
            hit_ratio: BTreeMap::new(),
            replica_lag: BTreeMap::new(),
            copy_lag: BTreeMap::new(),
            queue_depth: BTreeMap::new(),
            instances: BTreeMap::new(),
            dc_share: BTreeMap::new(),
            shards: BTreeMap::new(),
            last_time: None,
            last_errors: ErrorCounts::default(),
            last_dc: BTreeMap::new(),
            last_lookups: BTreeMap::new(),
            last_applied: BTreeMap::new(),
            last_copied: BTreeMap::new(),
        }
    }
}

impl RunHistory {
    /// Forgets everything (a new run).
    pub fn clear(&mut self) {
        *self = RunHistory::default();
    }

    /// Adds one snapshot; ignored if simulated time has not moved since the last one.
    pub fn record(&mut self, s: &MetricsSnapshot) {
        let t = s.time_s;
        let dt = match self.last_time {
            Some(last) if t <= last => return,
            Some(last) => t - last,
            None => 0.0,
        };
        self.last_time = Some(t);
        let o = &s.overall;
        self.throughput.push(t, o.throughput_rps);
        let new = o.failed.since(&self.last_errors);
        for (series, (_, n)) in self.errors.iter_mut().zip(new.by_reason()) {
            let rate = if dt > 0.0 { n as f64 / dt } else { 0.0 };
            series.push(t, rate);
        }
        self.last_errors = o.failed;
        let lat = if o.recent_latency.count > 0 {
            &o.recent_latency
        } else {
            &o.latency
        };
        self.p50.push(t, lat.p50_ms);
        self.p95.push(t, lat.p95_ms);
        self.p99.push(t, lat.p99_ms);

        for c in &s.components {
            if let Some(l) = c.lookups.filter(|l| l.lookups > 0) {
                // The interval's ratio from the differences of both counts; the whole run's
                // over an interval in which the cache was asked nothing.
                let (l0, h0) = self
                    .last_lookups
                    .insert(c.id, (l.lookups, l.hits))
                    .unwrap_or((0, 0));
                let asked = l.lookups.saturating_sub(l0);
                let interval = if asked > 0 {
                    l.hits.saturating_sub(h0) as f64 / asked as f64
                } else {
                    l.hits as f64 / l.lookups as f64
                };
                self.hit_ratio
                    .entry(c.id)
                    .or_insert_with(|| Named::new(&c.label))
                    .series
                    .push(t, interval * 100.0);
            }
            if let (Some(mean), Some(applies)) = (c.mean_replication_lag_ms, c.replica_applies)
                && let Some(lag) = interval_mean(&mut self.last_applied, c.id, mean, applies)
            {
                self.replica_lag
                    .entry(c.id)
                    .or_insert_with(|| Named::new(&c.label))
                    .series
                    .push(t, lag);
            }
            if let Some(r) = c.region_copy.as_ref().filter(|r| !r.leading)
                && let Some(mean) = r.mean_lag_ms
                && let Some(lag) = interval_mean(&mut self.last_copied, c.id, mean, r.applies)
            {
                self.copy_lag
                    .entry(c.id)
                    .or_insert_with(|| Named::new(&c.label))
                    .series
                    .push(t, lag);
            }
            use crate::model::ComponentKind as K;
            if matches!(c.kind, Some(K::MessageQueue) | Some(K::Workers)) {
                self.queue_depth
                    .entry(c.id)
                    .or_insert_with(|| Named::new(&c.label))
                    .series
                    .push(t, c.queue_len as f64);
            }
            if matches!(c.kind, Some(K::Workers) | Some(K::WebServers)) {
                self.instances
                    .entry(c.id)
                    .or_insert_with(|| Named::new(&c.label))
                    .series
                    .push(t, c.instances as f64);
            }
            if !c.shard_load.is_empty() {
                let heat = self.shards.entry(c.id).or_insert_with(|| ShardHeat {
                    label: c.label.clone(),
                    ..ShardHeat::default()
                });
                let delta: Vec<u64> = c
                    .shard_load
                    .iter()
                    .enumerate()
                    .map(|(i, v)| v.saturating_sub(heat.last.get(i).copied().unwrap_or(0)))
                    .collect();
                heat.last = c.shard_load.clone();
                if heat.rows.len() == HEAT_ROWS {
                    heat.rows.pop_front();
                }
                heat.rows.push_back((t, delta));
            }
        }

        let deltas: Vec<(u32, &str, u64)> = s
            .datacenters
            .iter()
            .map(|d| {
                let before = self.last_dc.get(&d.id).copied().unwrap_or(0);
                (d.id, d.name.as_str(), d.requests.saturating_sub(before))
            })
            .collect();
        let total: u64 = deltas.iter().map(|d| d.2).sum();
        for (id, name, delta) in deltas {
            let share = if total > 0 {
                delta as f64 / total as f64 * 100.0
            } else {
                0.0
            };
            self.dc_share
                .entry(id)
                .or_insert_with(|| Named::new(name))
                .series
                .push(t, share);
        }
        for d in &s.datacenters {
            self.last_dc.insert(d.id, d.requests);
        }
    }

    /// Failures per second for `reason`.
    pub fn errors(&self, reason: FailureReason) -> &Series {
        let i = FailureReason::ALL
            .iter()
            .position(|r| *r == reason)
            .expect("FailureReason::ALL lists every reason");
        &self.errors[i]
    }

    /// Failures per second of every reason, in the order of [`FailureReason::ALL`].
    pub fn failure_rates(&self) -> impl Iterator<Item = (FailureReason, &Series)> {
        FailureReason::ALL.into_iter().zip(self.errors.iter())
    }

    /// Number of snapshots recorded.
    pub fn len(&self) -> usize {
        self.throughput.len()
    }

    /// Whether nothing was recorded yet.
    pub fn is_empty(&self) -> bool {
        self.throughput.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::metrics::{ComponentMetrics, DatacenterMetrics, Lookups};

    fn snap(t: f64, overload: u64, dc: [u64; 2], shards: Vec<u64>) -> MetricsSnapshot {
        let mut s = MetricsSnapshot {
            time_s: t,
            ..MetricsSnapshot::default()
        };
        s.overall.throughput_rps = 100.0;
        s.overall.failed.overload = overload;
        s.components.push(ComponentMetrics {
            id: 7,
            label: "Cache".into(),
            lookups: Some(Lookups {
                lookups: 100 * t as u64,
                hits: if t < 3.0 { 40 * t as u64 } else { 200 },
            }),
            shard_load: shards,
            ..ComponentMetrics::default()
        });
        for (i, r) in dc.into_iter().enumerate() {
            s.datacenters.push(DatacenterMetrics {
                id: i as u32,
                name: format!("DC{i}"),
                up: true,
                in_dns: Some(true),
                requests: r,
                share: 0.0,
            });
        }
        s
    }

    #[test]
    fn cumulative_counters_become_rates_and_interval_shares() {
        let mut h = RunHistory::default();
        h.record(&snap(0.0, 0, [0, 0], vec![0, 0]));
        h.record(&snap(2.0, 10, [30, 10], vec![5, 1]));
        h.record(&snap(2.0, 99, [99, 99], vec![9, 9])); // time did not move: ignored
        h.record(&snap(4.0, 10, [30, 50], vec![5, 9]));
        assert_eq!(h.len(), 3);
        let overload: Vec<_> = h.errors(FailureReason::Overload).points().collect();
        assert_eq!(overload, [(0.0, 0.0), (2.0, 5.0), (4.0, 0.0)]);
        let dc1: Vec<_> = h.dc_share[&1].series.points().collect();
        assert_eq!(dc1, [(0.0, 0.0), (2.0, 25.0), (4.0, 100.0)]);
        // Nothing asked at t = 0 (no point), 80 hits of 200 lookups until t = 2, then 120 more
        // hits of 200 more lookups.
        let hits: Vec<_> = h.hit_ratio[&7].series.points().collect();
        assert_eq!(hits, [(2.0, 40.0), (4.0, 60.0)]);
        let rows: Vec<_> = h.shards[&7].rows.iter().map(|r| r.1.clone()).collect();
        assert_eq!(rows, [vec![0, 0], vec![5, 1], vec![0, 8]]);
    }

    #[test]
    fn the_mean_replica_lag_is_taken_over_each_interval() {
        let db = |t: f64, mean_ms: f64, applies: u64| {
            let mut s = snap(t, 0, [0, 0], vec![]);
            s.components.push(ComponentMetrics {
                id: 9,
                label: "Database".into(),
                replica_lag_ms: Some(1.0),
                mean_replication_lag_ms: Some(mean_ms),
                replica_applies: Some(applies),
                ..ComponentMetrics::default()
            });
            s
        };
        let mut h = RunHistory::default();
        h.record(&db(1.0, 4.0, 100)); // 400 ms of lag over 100 writes
        h.record(&db(2.0, 6.0, 200)); // then 800 ms over 100 more: 8 ms each
        h.record(&db(3.0, 6.0, 200)); // nothing applied: no sample
        h.record(&db(4.0, 5.0, 400)); // 800 ms over 200 more: 4 ms each
        let mean: Vec<_> = h.replica_lag[&9].series.points().collect();
        assert_eq!(mean, [(1.0, 4.0), (2.0, 8.0), (4.0, 4.0)]);
    }

    #[test]
    fn a_cross_region_copy_keeps_its_own_label_for_the_chart_to_word() {
        let copy = |t: f64, applies: u64| {
            let mut s = snap(t, 0, [0, 0], vec![]);
            s.components.push(ComponentMetrics {
                id: 30,
                label: "Database (DC2)".into(),
                region_copy: Some(crate::sim::metrics::RegionCopy {
                    leading: false,
                    mean_lag_ms: Some(40.0),
                    applies,
                    ..Default::default()
                }),
                ..ComponentMetrics::default()
            });
            s
        };
        let mut h = RunHistory::default();
        h.record(&copy(1.0, 10));
        h.record(&copy(2.0, 20));
        // The label is data; "(cross-region)" or its Korean is the chart's, per language.
        assert_eq!(h.copy_lag[&30].label, "Database (DC2)");
        assert_eq!(h.copy_lag[&30].series.len(), 2);
    }

    #[test]
    fn a_long_run_keeps_memory_flat() {
        let mut h = RunHistory::default();
        for i in 0..(KEEP * 3) {
            h.record(&snap(i as f64, 0, [i as u64, 0], vec![i as u64]));
        }
        assert_eq!(h.len(), KEEP);
        assert_eq!(h.shards[&7].rows.len(), HEAT_ROWS);
        h.clear();
        assert!(h.is_empty());
    }
}
