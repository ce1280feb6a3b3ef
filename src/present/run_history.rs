//! The run view's recent past as chart-ready time series, fed one snapshot at a time (pure: no
//! Leptos, tested natively; the sim loop in `ui::run` owns one).
//!
//! Cumulative counters in a snapshot (datacenter requests, shard loads) become rates or shares
//! per interval here, by difference with the previous snapshot; failures, like throughput and
//! latency, are the snapshot's last-window figures. Every series is a bounded
//! ring buffer ([`Series`]), so memory stays flat however long a run lasts. Failures are kept
//! per [`FailureReason`], in the order of [`FailureReason::ALL`]. No series is keyed or named by
//! words: failures by their reason, the others by component or datacenter id with the label the
//! user gave it (data, the same in every language); the charts word the legends when they draw
//! (`say::failure_legend`, `say::cross_region`), so a language switch keeps the history.
//!
//! The history is sampled on simulated time, never on the wall clock: a [`Sampler`] steps the
//! simulation to each multiple of a fixed simulated interval ([`sample_every_s`], from the run's
//! length, at most half a second) and takes a snapshot exactly there, and at the run's end. So what the charts and
//! their legends show depends on the document and its seed only, not on frame timing, speed or
//! pauses: the same run fed in any chunks gives the same history.

use crate::sorted::SortedMap;

use crate::sim::failure::FailureReason;
use crate::sim::{MetricsSnapshot, Simulation};

use super::series::Series;

/// Samples kept per series: a run of six minutes at two samples a second (the lessons run for
/// two to five); a longer run is kept whole at every second sample, then every fourth, and so
/// on ([`RunHistory::record`]), so the charts and the exported table always cover it from its
/// start. The charts draw at most a few points a pixel column of them (`series::line_path`).
pub const KEEP: usize = 720;
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
    /// Rows dropped from the front so far: `rows[i]` is the run's row `dropped + i`, a number
    /// that stays with a row while the window slides (the heatmap keys its columns by it).
    pub dropped: u64,
    last: Vec<u64>,
}

/// Which parts with a chart of their own a design has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    /// A cache or a CDN (the hit ratio).
    pub caches: bool,
    /// A database with read replicas, or copied to another datacenter (the replica lag).
    pub replicas: bool,
    /// A datacenter (the traffic share per datacenter).
    pub datacenters: bool,
}

impl Parts {
    /// The parts of the design `s` is a snapshot of.
    pub fn of(s: &MetricsSnapshot) -> Parts {
        use crate::model::ComponentKind as K;
        Parts {
            caches: s
                .components
                .iter()
                .any(|c| matches!(c.kind, Some(K::Cache) | Some(K::Cdn))),
            replicas: s
                .components
                .iter()
                .any(|c| c.replica_applies.is_some() || c.region_copy.is_some()),
            datacenters: !s.datacenters.is_empty(),
        }
    }
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
    pub hit_ratio: SortedMap<u32, Named>,
    /// Replica lag of every replicated database: the mean lag of the writes its replicas
    /// applied over each interval (what the M/M/1 apply queue predicts; the lag right now is on
    /// the canvas), by component id. No sample for an interval without applies.
    pub replica_lag: SortedMap<u32, Named>,
    /// Cross-region lag of every copy of a database in another datacenter, worked out the same
    /// way from the writes it applied, under the copy's own label (the chart words it as a
    /// cross-region copy: `say::cross_region`).
    pub copy_lag: SortedMap<u32, Named>,
    /// Waiting line of every queue, worker pool and web tier, by component id.
    pub queue_depth: SortedMap<u32, Named>,
    /// Instances of every worker pool and web tier, by component id.
    pub instances: SortedMap<u32, Named>,
    /// Share of the interval's requests entering each datacenter, by group id.
    pub dc_share: SortedMap<u32, Named>,
    /// Shard load over time, by component id.
    pub shards: SortedMap<u32, ShardHeat>,
    /// Which of the charted parts the run's design has (from the latest snapshot): a chart
    /// of a part it lacks says so rather than drawing empty axes.
    pub parts: Parts,
    last_time: Option<f64>,
    /// Snapshots recorded so far, the ones dropped included.
    recorded: u64,
    /// Every how many snapshots one is kept (1, 2, 4, ...: doubled each time the series fill).
    stride: u64,
    /// The newest sample is off the kept ones' step: shown until the next snapshot replaces it.
    provisional: bool,
    /// (requests, 0) of each datacenter at the previous snapshot.
    last_dc: Previous,
    /// (lookups, hits) of each cache at the previous snapshot.
    last_lookups: Previous,
    /// (lag summed over applied writes in ms, as its bits, applies) of each database at the
    /// previous snapshot.
    last_applied: Previous,
    /// The same for the copies in other datacenters.
    last_copied: Previous,
}

/// Two counts of each component (or datacenter) at the previous snapshot, by id. Every such map
/// has this one type (a sum is kept as its `f64` bits, exactly), so the wasm holds one copy of
/// the map's code for them rather than three.
type Previous = SortedMap<u32, (u64, u64)>;

/// The mean of the values recorded since the previous call for `id`, from a running mean and
/// its count (`None` if nothing new was recorded).
fn interval_mean(last: &mut Previous, id: u32, mean: f64, n: u64) -> Option<f64> {
    let sum = mean * n as f64;
    let (sum0, n0) = last
        .insert(id, (sum.to_bits(), n))
        .map_or((0.0, 0), |(bits, n0)| (f64::from_bits(bits), n0));
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
            hit_ratio: SortedMap::new(),
            replica_lag: SortedMap::new(),
            copy_lag: SortedMap::new(),
            queue_depth: SortedMap::new(),
            instances: SortedMap::new(),
            dc_share: SortedMap::new(),
            shards: SortedMap::new(),
            parts: Parts::default(),
            last_time: None,
            recorded: 0,
            stride: 1,
            provisional: false,
            last_dc: SortedMap::new(),
            last_lookups: SortedMap::new(),
            last_applied: SortedMap::new(),
            last_copied: SortedMap::new(),
        }
    }
}

impl RunHistory {
    /// Forgets everything (a new run).
    pub fn clear(&mut self) {
        *self = RunHistory::default();
    }

    /// Adds one snapshot; ignored if simulated time has not moved since the last one.
    ///
    /// Once the series hold [`KEEP`] samples, every second one is dropped and from then on
    /// only every second snapshot is kept (then every fourth, ...): the history covers the
    /// whole run at the finest step that fits. A snapshot off that step is still shown, as the
    /// newest sample, until the next one takes its place.
    pub fn record(&mut self, s: &MetricsSnapshot) {
        let t = s.time_s;
        if self.last_time.is_some_and(|last| t <= last) {
            return;
        }
        if let Some(last) = self.last_time.filter(|_| self.provisional) {
            self.for_each_series(&mut |series| series.pop_at(last));
        }
        self.last_time = Some(t);
        let kept = self.recorded.is_multiple_of(self.stride);
        self.recorded += 1;
        self.provisional = !kept;
        self.parts = Parts::of(s);
        let o = &s.overall;
        self.throughput.push(t, o.throughput_rps);
        // Failures per second over the last window, as the throughput beside them and the
        // canvas's error badges (a rate over one sampling interval jumped about with chance:
        // 108 failures a second where users sent 100).
        for (series, (_, n)) in self.errors.iter_mut().zip(o.recent_failed.by_reason()) {
            let rate = if o.window_s > 0.0 {
                n as f64 / o.window_s
            } else {
                0.0
            };
            series.push(t, rate);
        }
        // The latency of the requests answered over the last window: none answered (the run
        // not started, or everything failing), no figure, and the line breaks.
        let lat = &o.recent_latency;
        for (series, ms) in [
            (&mut self.p50, lat.p50_ms),
            (&mut self.p95, lat.p95_ms),
            (&mut self.p99, lat.p99_ms),
        ] {
            if lat.count > 0 {
                series.push(t, ms);
            } else {
                series.push_gap(t);
            }
        }

        for c in &s.components {
            if let Some(l) = c.lookups.filter(|l| l.lookups > 0) {
                // The last window's ratio, as the badge and the inspector say it at the same
                // moment (the chart's title names the window); without one, the interval's
                // from the differences of both counts; a gap where the cache was asked nothing
                // (down, or its traffic gone elsewhere): it hit nothing and missed nothing, and
                // a line held at its old ratio would say it still served.
                let (l0, h0) = self
                    .last_lookups
                    .insert(c.id, (l.lookups, l.hits))
                    .unwrap_or((0, 0));
                let asked = l.lookups.saturating_sub(l0);
                let ratio = c
                    .recent_hit_ratio
                    .or((asked > 0).then(|| l.hits.saturating_sub(h0) as f64 / asked as f64));
                let series = &mut self
                    .hit_ratio
                    .entry(c.id)
                    .or_insert_with(|| Named::new(&c.label))
                    .series;
                match ratio {
                    Some(ratio) => series.push(t, ratio * 100.0),
                    None => series.push_gap(t),
                }
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
            // A web tier's waiting line too: a saturated tier's queue is what its latency is.
            if matches!(
                c.kind,
                Some(K::MessageQueue) | Some(K::Workers) | Some(K::WebServers)
            ) {
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
                    heat.dropped += 1;
                }
                heat.rows.push_back((t, delta));
            }
        }

        let deltas: Vec<(u32, &str, u64)> = s
            .datacenters
            .iter()
            .map(|d| {
                let before = self.last_dc.get(&d.id).map_or(0, |p| p.0);
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
            self.last_dc.insert(d.id, (d.requests, 0));
        }
        if kept && self.throughput.len() >= KEEP {
            self.coarsen();
        }
    }

    /// Keeps every second sample of the kept ones (the newest too, as a provisional one) and
    /// from now on every second snapshot of those kept so far.
    fn coarsen(&mut self) {
        self.stride *= 2;
        let mut times: Vec<f64> = self.throughput.points().step_by(2).map(|p| p.0).collect();
        if let Some((newest, _)) = self.throughput.last()
            && times.last() != Some(&newest)
        {
            times.push(newest);
            self.provisional = true;
        }
        self.for_each_series(&mut |series| series.keep_times(&times));
    }

    /// Every time series the history holds (not the shard heatmaps).
    fn for_each_series(&mut self, f: &mut dyn FnMut(&mut Series)) {
        for series in [
            &mut self.throughput,
            &mut self.p50,
            &mut self.p95,
            &mut self.p99,
        ] {
            f(series);
        }
        for series in &mut self.errors {
            f(series);
        }
        for map in [
            &mut self.hit_ratio,
            &mut self.replica_lag,
            &mut self.copy_lag,
            &mut self.queue_depth,
            &mut self.instances,
            &mut self.dc_share,
        ] {
            for (_, named) in map.iter_mut() {
                f(&mut named.series);
            }
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

/// The longest simulated interval between two samples: charts move at least twice a simulated
/// second, so a run watched at 1x shows its first line within a second.
pub const MAX_SAMPLE_S: f64 = 0.5;

/// Samples enough to draw a short run finely: a run sampled at [`MAX_SAMPLE_S`] in fewer than
/// these is sampled more often (each sample is a snapshot the worker takes and sends).
pub const FINE_SAMPLES: usize = 240;

/// The simulated seconds between two samples of the history of a run `duration_s` long: the
/// shortest of 0.1, 0.2 and 0.25 that samples the whole run in at most [`FINE_SAMPLES`]
/// intervals, else [`MAX_SAMPLE_S`]; the charts hold [`KEEP`] samples, so a run up to six
/// minutes long at that step, and a longer one at a multiple of it ([`RunHistory::record`]).
pub fn sample_every_s(duration_s: f64) -> f64 {
    [0.1, 0.2, 0.25]
        .into_iter()
        .find(|every| duration_s / every <= FINE_SAMPLES as f64)
        .unwrap_or(MAX_SAMPLE_S)
}

/// What one [`Sampler::advance`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advance {
    /// Events handled.
    pub processed: u64,
    /// Whether the target time was reached (false: the event budget ran out first).
    pub reached: bool,
}

/// Steps a simulation in chunks of any size while taking the history's snapshots at fixed
/// simulated times: every multiple of [`sample_every_s`] of the run's length, and the run's end.
/// The snapshot at time zero is the caller's (taken when the simulation is built).
#[derive(Clone, Debug, PartialEq)]
pub struct Sampler {
    every_ns: u64,
    end_ns: u64,
    next_ns: u64,
}

impl Sampler {
    /// A sampler for a run `duration_s` simulated seconds long, at its start.
    pub fn new(duration_s: f64) -> Sampler {
        let end_ns = (duration_s * 1e9) as u64;
        let every_ns = ((sample_every_s(duration_s) * 1e9).round() as u64).max(1);
        Sampler {
            every_ns,
            end_ns,
            next_ns: every_ns.min(end_ns),
        }
    }

    /// The next sample's simulated time, in nanoseconds (`None` once the end was sampled).
    pub fn next_ns(&self) -> Option<u64> {
        (self.next_ns > 0 && self.next_ns <= self.end_ns).then_some(self.next_ns)
    }

    /// Advances `sim` towards `target_ns` (at most the run's end), handling at most `budget`
    /// events, and pushes onto `samples` a snapshot at every sample time reached on the way.
    pub fn advance(
        &mut self,
        sim: &mut Simulation,
        target_ns: u64,
        budget: u64,
        samples: &mut Vec<MetricsSnapshot>,
    ) -> Advance {
        let target = target_ns.min(self.end_ns);
        let mut processed = 0;
        loop {
            let goal = self.next_ns().map_or(target, |n| n.min(target));
            let out = sim.step_until(goal, budget - processed);
            processed += out.processed;
            if !out.reached {
                return Advance {
                    processed,
                    reached: false,
                };
            }
            if Some(goal) == self.next_ns() {
                samples.push(sim.snapshot());
                self.next_ns = if goal >= self.end_ns {
                    u64::MAX
                } else {
                    (goal + self.every_ns).min(self.end_ns)
                };
            }
            if goal >= target {
                return Advance {
                    processed,
                    reached: true,
                };
            }
        }
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
        // `overload` requests failed in all, the last `overload` of them over the window.
        s.overall.failed.overload = overload;
        s.overall.recent_failed.overload = overload;
        s.overall.window_s = t.min(10.0);
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
    fn the_parts_a_design_has_are_known_from_its_first_snapshot() {
        let parts = |d: &crate::model::Diagram| {
            let sim = crate::sim::build(d, &Default::default()).expect("builds");
            let mut h = RunHistory::default();
            h.record(&sim.snapshot());
            h.parts
        };
        assert_eq!(
            parts(&crate::model::examples::single_server()),
            Parts::default(),
            "one server and its database: no cache, no replica, no datacenter"
        );
        assert_eq!(
            parts(&crate::model::examples::chapter_final()),
            Parts {
                caches: true,
                replicas: true,
                datacenters: true,
            }
        );
    }

    #[test]
    fn a_web_tiers_waiting_line_is_charted_beside_its_instances() {
        let mut d = crate::model::examples::single_server();
        let web = d
            .components
            .iter()
            .find(|c| c.kind == crate::model::ComponentKind::WebServers)
            .map(|c| c.id)
            .unwrap();
        // Twice what the server serves: its queue grows.
        for c in &mut d.components {
            if let crate::model::ComponentConfig::Users(u) = &mut c.config {
                u.load = crate::model::config::UserLoad::Rate { rate_rps: 2_000.0 };
            }
        }
        let mut sim = crate::sim::build(&d, &Default::default()).expect("builds");
        let mut h = RunHistory::default();
        for t in 1..=5u64 {
            sim.step_until(t * 1_000_000_000, u64::MAX);
            h.record(&sim.snapshot());
        }
        let waiting: Vec<f64> = h.queue_depth[&web.0]
            .series
            .points()
            .map(|(_, v)| v)
            .collect();
        assert!(
            waiting.last().is_some_and(|&w| w > 1_000.0),
            "a saturated tier's queue grows: {waiting:?}"
        );
        assert!(h.instances.contains_key(&web.0));
    }

    #[test]
    fn latency_breaks_while_nothing_is_answered_rather_than_showing_the_whole_run() {
        let mut h = RunHistory::default();
        let answered = |t: f64, p99: f64| {
            let mut s = snap(t, 0, [0, 0], vec![]);
            s.overall.latency.count = 100;
            s.overall.latency.p99_ms = 40.0;
            s.overall.recent_latency.count = 10;
            s.overall.recent_latency.p99_ms = p99;
            s
        };
        h.record(&answered(1.0, 50.0));
        // An outage: the last window answered nothing, though the run did before.
        let mut outage = answered(2.0, 0.0);
        outage.overall.recent_latency = Default::default();
        h.record(&outage);
        h.record(&answered(3.0, 70.0));
        let p99: Vec<_> = h.p99.points().collect();
        assert_eq!(p99[0], (1.0, 50.0));
        assert!(
            p99[1].1.is_nan(),
            "a gap, not the run's 40 ms: {:?}",
            p99[1]
        );
        assert_eq!(p99[2], (3.0, 70.0));
    }

    #[test]
    fn cumulative_counters_become_rates_and_interval_shares() {
        let mut h = RunHistory::default();
        h.record(&snap(0.0, 0, [0, 0], vec![0, 0]));
        h.record(&snap(2.0, 10, [30, 10], vec![5, 1]));
        h.record(&snap(2.0, 99, [99, 99], vec![9, 9])); // time did not move: ignored
        h.record(&snap(4.0, 10, [30, 50], vec![5, 9]));
        assert_eq!(h.len(), 3);
        // Failures are the snapshot's last window's, per second: 10 over 2 s, then 10 over 4 s
        // (the window is the run so far), not 0 over the last sampling interval.
        let overload: Vec<_> = h.errors(FailureReason::Overload).points().collect();
        assert_eq!(overload, [(0.0, 0.0), (2.0, 5.0), (4.0, 2.5)]);
        let dc1: Vec<_> = h.dc_share[&1].series.points().collect();
        assert_eq!(dc1, [(0.0, 0.0), (2.0, 25.0), (4.0, 100.0)]);
        // Nothing asked at t = 0 (no point), 80 hits of 200 lookups until t = 2, then 120 more
        // hits of 200 more lookups.
        let hits: Vec<_> = h.hit_ratio[&7].series.points().collect();
        assert_eq!(hits, [(2.0, 40.0), (4.0, 60.0)]);
        // With the last window's ratio in the snapshot, that is the point: the chart says what
        // the badge and the inspector say at the same moment.
        let mut windowed = snap(6.0, 10, [30, 50], vec![5, 9]);
        windowed.components[0].recent_hit_ratio = Some(0.5);
        h.record(&windowed);
        assert_eq!(h.hit_ratio[&7].series.points().last(), Some((6.0, 50.0)));
        let rows: Vec<_> = h.shards[&7].rows.iter().map(|r| r.1.clone()).collect();
        assert_eq!(rows, [vec![0, 0], vec![5, 1], vec![0, 8], vec![0, 0]]);
        // Asked nothing since, in the window or the interval (a cache that is down): a gap,
        // not the whole run's 50 %.
        let mut idle = snap(8.0, 10, [30, 50], vec![5, 9]);
        idle.components[0].lookups = Some(Lookups {
            lookups: 600,
            hits: 200,
        });
        h.record(&idle);
        let (t, ratio) = h.hit_ratio[&7].series.points().last().unwrap();
        assert_eq!(t, 8.0);
        assert!(ratio.is_nan(), "{ratio}");
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
    fn a_long_run_keeps_memory_flat_and_covers_the_run_from_its_start() {
        let mut h = RunHistory::default();
        for i in 0..(KEEP * 3) {
            h.record(&snap(i as f64, 0, [i as u64, 0], vec![i as u64]));
            assert!(h.len() <= KEEP);
            // The newest snapshot is always the newest sample, of every series alike.
            assert_eq!(h.throughput.last().map(|p| p.0), Some(i as f64));
            assert_eq!(h.dc_share[&1].series.last().map(|p| p.0), Some(i as f64));
        }
        // 2,160 snapshots: every fourth kept (540), from the first, and the newest.
        let times: Vec<f64> = h.throughput.points().map(|p| p.0).collect();
        assert_eq!(times.first(), Some(&0.0));
        assert_eq!(times.len(), KEEP * 3 / 4 + 1);
        assert!(
            times[..times.len() - 1]
                .iter()
                .enumerate()
                .all(|(k, t)| *t == 4.0 * k as f64)
        );
        assert_eq!(times.last(), Some(&(KEEP as f64 * 3.0 - 1.0)));
        // Every series keeps the same times: the exported table's rows stay whole.
        for (_, series) in h.failure_rates() {
            assert_eq!(series.points().map(|p| p.0).collect::<Vec<_>>(), times);
        }
        assert_eq!(
            h.hit_ratio[&7]
                .series
                .points()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            times[1..]
        );
        assert_eq!(h.shards[&7].rows.len(), HEAT_ROWS);
        assert_eq!(
            h.shards[&7].dropped as usize + HEAT_ROWS,
            KEEP * 3,
            "every row is numbered from the run's first"
        );
        h.clear();
        assert!(h.is_empty());
    }

    /// The run of the chapter's final architecture, 20 simulated seconds, fed to a history in
    /// chunks: `chunk(now_ns, frame)` gives each chunk's target time and event budget. With
    /// `at_chunk_ends`, the history is also fed a snapshot at the end of every chunk, as the
    /// sim loop did when it sampled on the wall clock.
    fn chunked_run(
        mut chunk: impl FnMut(u64, u64) -> (u64, u64),
        at_chunk_ends: bool,
    ) -> (RunHistory, MetricsSnapshot) {
        let config = crate::sim::RunConfig {
            seed: None,
            duration_s: Some(20.0),
        };
        let mut sim =
            crate::sim::build(&crate::model::examples::chapter_final(), &config).expect("builds");
        let end_ns = (sim.duration_s() * 1e9) as u64;
        let mut sampler = Sampler::new(sim.duration_s());
        let mut h = RunHistory::default();
        h.record(&sim.snapshot());
        let mut samples = Vec::new();
        let mut frame = 0;
        while sim.now().as_nanos() < end_ns {
            let (target, budget) = chunk(sim.now().as_nanos(), frame);
            frame += 1;
            let out = sampler.advance(&mut sim, target, budget, &mut samples);
            assert!(out.processed <= budget, "the frame's event budget is kept");
            for s in samples.drain(..) {
                h.record(&s);
            }
            if at_chunk_ends {
                h.record(&sim.snapshot());
            }
        }
        assert_eq!(sampler.next_ns(), None, "the end was sampled");
        (h, sim.snapshot())
    }

    /// The figures the legends show: the last value of every line.
    fn legends(h: &RunHistory) -> Vec<(String, Option<f64>)> {
        let mut out = vec![
            ("throughput".to_string(), h.throughput.last().map(|p| p.1)),
            ("p99".to_string(), h.p99.last().map(|p| p.1)),
        ];
        for (name, map) in [("hit", &h.hit_ratio), ("lag", &h.replica_lag)] {
            for n in map.values() {
                out.push((format!("{name} {}", n.label), n.series.last().map(|p| p.1)));
            }
        }
        out
    }

    #[test]
    fn the_same_run_in_any_chunks_gives_the_same_history_and_legends() {
        // At once, as fast as possible.
        let (whole, whole_end) = chunked_run(|_, _| (u64::MAX, u64::MAX), false);
        // 60 frames a second at 1x, 3 000 events a frame.
        let (steady, steady_end) = chunked_run(|now, _| (now + 16_666_667, 3_000), false);
        // Uneven frames at changing speeds (0.1x to 100x), small and large budgets, and pauses
        // at arbitrary times (a pause ends a chunk anywhere).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut uneven = move |now: u64, _frame: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let gap_ns = 1_000_000 + x % 100_000_000;
            let speed = [0.1, 1.0, 2.0, 30.0, 100.0][(x >> 20) as usize % 5];
            let budget = [200, 1_000, 50_000][(x >> 40) as usize % 3];
            (now + (gap_ns as f64 * speed) as u64, budget)
        };
        let (jagged, jagged_end) = chunked_run(&mut uneven, false);

        assert!(whole.len() > 100, "{} samples", whole.len());
        assert!(!whole.hit_ratio.is_empty() && !whole.replica_lag.is_empty());
        assert_eq!(steady, whole);
        assert_eq!(jagged, whole);
        assert_eq!(legends(&steady), legends(&whole));
        assert_eq!(legends(&jagged), legends(&whole));
        assert_eq!(steady_end, whole_end);
        assert_eq!(jagged_end, whole_end);

        // Snapshots at the frames' times, as before, make the last interval (what the legends
        // show) depend on where the frames fell.
        let (at_frames, _) = chunked_run(|now, _| (now + 16_666_667, 3_000), true);
        let (at_other_frames, _) = chunked_run(|now, _| (now + 33_000_000, 3_000), true);
        assert_ne!(legends(&at_frames), legends(&at_other_frames));
    }

    #[test]
    fn the_sample_interval_holds_a_short_run_whole_and_moves_twice_a_second() {
        assert_eq!(sample_every_s(20.0), 0.1);
        assert_eq!(sample_every_s(60.0), 0.25);
        assert_eq!(sample_every_s(120.0), MAX_SAMPLE_S);
        // The lessons' longest runs, five minutes, whole at two samples a second.
        assert_eq!(sample_every_s(300.0), MAX_SAMPLE_S);
        assert!(300.0 / MAX_SAMPLE_S <= KEEP as f64);
        assert_eq!(sample_every_s(600.0), MAX_SAMPLE_S);
        assert_eq!(sample_every_s(3600.0), MAX_SAMPLE_S);
        for d in [1.0, 7.0, 59.0, 120.0, 601.0, 86_400.0] {
            let every = sample_every_s(d);
            assert!(every <= MAX_SAMPLE_S);
            if d <= KEEP as f64 * MAX_SAMPLE_S {
                assert!(
                    d / every <= KEEP as f64,
                    "a {d} s run fits the charts whole"
                );
            }
        }
    }
}
