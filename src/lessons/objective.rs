//! A lesson's objectives, and the tracker that judges them live from a run's snapshots.
//!
//! Owns: [`Objective`] (a [`Measure`], a [`Limit`] and a [`Check`]), the [`Verdict`] of each,
//! and [`Tracker`], fed the snapshots a run takes at fixed simulated times (the same
//! [`Sampler`](crate::present::run_history::Sampler) cadence in the app and in the native
//! tests, so both reach the same verdicts for the same document and seed). The tracker also
//! notes when a narration step's [`Trigger`] fires.
//!
//! Invariants: every figure is read from the simulation's snapshots (or, for the cost, from the
//! document's settings); nothing here is computed from what an objective expects. A run where
//! nothing was answered never passes a latency objective: no answers in the window read as an
//! infinite p99. An objective about a failure that never happened ends failed ("not tested").
//! Deliberately absent: words (the catalogues word objectives and their figures).

use crate::model::{ComponentKind, Diagram};
use crate::sim::MetricsSnapshot;
use crate::sim::log::LogEvent;
use crate::sim::metrics::WINDOW_S;

/// What an objective measures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// The 99th percentile latency of user requests over the last window, ms.
    P99Ms,
    /// The share of user requests that failed over the last window, percent.
    ErrorPercent,
    /// User requests failed since the start.
    FailedRequests,
    /// Requests failed because their session was gone, since the start.
    SessionsLost,
    /// Acknowledged writes lost in database failovers, since the start.
    LostWrites,
    /// Requests per second reaching the components of a kind, over the last window.
    ArrivalRps(ComponentKind),
    /// User requests answered per second over the last window.
    ServedRps,
    /// The busiest component of a kind's utilization over the last window, percent: how much
    /// of its servers' time was busy (what its card shows).
    Utilization(ComponentKind),
    /// Seconds user requests kept failing (more than 1 % of an interval) after the first
    /// failure of what is named.
    ErrorsAfter(Subject),
    /// The whole design's cost, US dollars per hour, as it runs now (autoscaled tiers cost the
    /// instances running; request-priced parts the last window's requests).
    CostPerHour,
    /// Background jobs refused or lost, since the start.
    JobsFailed,
    /// Static assets served from before the latest deploy, since the start.
    StaleAssets,
    /// Whether the learner has found (selected) the component of this kind that is failing:
    /// 1 once found, 0 before. The screen never names the kind: finding it is the point.
    Found(ComponentKind),
    /// Jobs waiting for workers right now, summed over the worker pools (a durable queue's
    /// jobs held for crashed workers count).
    QueueDepth,
    /// The share of the key space a shard added during the run moved to another shard,
    /// percent (the largest over sharded databases); `None` until a shard is added.
    KeysMovedPercent,
}

impl Measure {
    /// Whether the figure is a count since the start, which never falls: its worst so far is
    /// simply its latest (said without "worst").
    pub fn since_start(self) -> bool {
        match self {
            Measure::FailedRequests
            | Measure::SessionsLost
            | Measure::LostWrites
            | Measure::JobsFailed
            | Measure::StaleAssets
            | Measure::ErrorsAfter(_)
            | Measure::Found(_) => true,
            Measure::P99Ms
            | Measure::ErrorPercent
            | Measure::ArrivalRps(_)
            | Measure::ServedRps
            | Measure::Utilization(_)
            | Measure::CostPerHour
            | Measure::QueueDepth
            | Measure::KeysMovedPercent => false,
        }
    }
}

/// What failed, for [`Measure::ErrorsAfter`] and [`Trigger::Down`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A component of this kind (the whole of it, or a part: a node, a primary).
    Kind(ComponentKind),
    /// A datacenter.
    Datacenter,
}

/// The bound an objective's figure must respect.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Limit {
    AtMost(f64),
    AtLeast(f64),
}

impl Limit {
    /// Whether `value` respects the bound.
    pub fn holds(self, value: f64) -> bool {
        match self {
            Limit::AtMost(m) => value <= m,
            Limit::AtLeast(m) => value >= m,
        }
    }

    /// The worse of two figures under this bound.
    fn worse(self, a: f64, b: f64) -> f64 {
        match self {
            Limit::AtMost(_) => a.max(b),
            Limit::AtLeast(_) => a.min(b),
        }
    }
}

/// When the figure is judged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Check {
    /// At every sample from `from_s` simulated seconds on: one miss fails it for the run.
    Throughout { from_s: f64 },
    /// At the end of the run (live: whether it holds now).
    AtEnd,
}

/// One measurable objective of a lesson.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Objective {
    pub measure: Measure,
    pub limit: Limit,
    pub check: Check,
}

impl Objective {
    /// `measure` must stay within `limit` from `from_s` seconds on.
    pub const fn throughout(measure: Measure, limit: Limit, from_s: f64) -> Objective {
        Objective {
            measure,
            limit,
            check: Check::Throughout { from_s },
        }
    }

    /// `measure` must be within `limit` when the run ends.
    pub const fn at_end(measure: Measure, limit: Limit) -> Objective {
        Objective {
            measure,
            limit,
            check: Check::AtEnd,
        }
    }
}

/// Where an objective stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing to judge yet (before its start time, or before the failure it is about).
    Waiting,
    /// Respected so far.
    Holding,
    /// Not respected now, but it may still be at the end.
    Failing,
    /// The run ended with it respected.
    Passed,
    /// Missed for good (or the run ended before it could be tested).
    Failed,
}

impl Status {
    /// Whether the run is (or was) on the right side of the objective.
    pub fn is_good(self) -> bool {
        matches!(self, Status::Holding | Status::Passed)
    }

    /// The variant's name in lower case: the view's `data-status` attribute (the stylesheet
    /// and the e2e specs read it).
    pub fn attribute(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::Holding => "holding",
            Status::Failing => "failing",
            Status::Passed => "passed",
            Status::Failed => "failed",
        }
    }
}

/// An objective's standing and the figure that decides it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    pub status: Status,
    /// The deciding figure: the worst so far for [`Check::Throughout`], the latest for
    /// [`Check::AtEnd`]; `None` before there is one. Infinite latency means no answers.
    pub figure: Option<f64>,
    /// When it was first missed, simulated seconds.
    pub missed_at_s: Option<f64>,
}

impl Verdict {
    const WAITING: Verdict = Verdict {
        status: Status::Waiting,
        figure: None,
        missed_at_s: None,
    };
}

/// What a narration step waits for before it speaks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Trigger {
    /// Nothing: it speaks when the learner gets to it.
    Now,
    /// The run has started (simulated time moved).
    RunStarted,
    /// Simulated time reached this many seconds.
    AtTime(f64),
    /// A component of this kind is saturated (recent utilization at 90 % or more).
    Saturated(ComponentKind),
    /// What is named failed.
    Down(Subject),
    /// More than this percent of user requests fail over the last window.
    ErrorsAbove(f64),
    /// This objective (by index) is failing or failed.
    ObjectiveMissed(usize),
    /// Every objective is respected at the run's end.
    AllPassed,
}

/// Counts of the overall totals at one sample, for the window and interval rates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Mark {
    t: f64,
    completed: u64,
    failed: u64,
}

/// Share of failures in an interval above which requests count as failing (percent).
const FAILING_PERCENT: f64 = 1.0;
/// Recent utilization at which a component counts as saturated.
const SATURATED: f64 = 0.9;

/// Judges a lesson's objectives and notes its narration triggers, one snapshot at a time.
#[derive(Clone, Debug, PartialEq)]
pub struct Tracker {
    objectives: Vec<Objective>,
    verdicts: Vec<Verdict>,
    triggers: Vec<Trigger>,
    fired: Vec<bool>,
    /// Marks of the last window, oldest first: the first is the newest at least a window old.
    marks: std::collections::VecDeque<Mark>,
    /// First failure of each subject seen: (subject, time).
    failures: Vec<(Subject, f64)>,
    /// Last time requests were failing, once something has failed.
    last_failing_s: Option<f64>,
    last_t: Option<f64>,
    /// The run's length: the sample at this time ends it.
    end_s: f64,
    /// The kinds of the components the learner has found (for [`Measure::Found`]): selected
    /// once user requests had failed, in this run or an earlier one (kept across a restarted
    /// run).
    selected: Vec<ComponentKind>,
    /// Whether user requests have failed in this run: from then on, what the learner selects
    /// may be a culprit they found (a component clicked before anything failed is not).
    saw_failures: bool,
    finished: bool,
}

impl Tracker {
    /// A tracker of `objectives` and of the narration `triggers`, for a run of `diagram` (the
    /// sample at its scenario's end ends the run: see [`Tracker::finish`]).
    pub fn new(objectives: &[Objective], triggers: &[Trigger], diagram: &Diagram) -> Tracker {
        let mut fired: Vec<bool> = triggers.iter().map(|t| *t == Trigger::Now).collect();
        fired.shrink_to_fit();
        Tracker {
            objectives: objectives.to_vec(),
            verdicts: vec![Verdict::WAITING; objectives.len()],
            triggers: triggers.to_vec(),
            fired,
            marks: Default::default(),
            failures: Vec::new(),
            last_failing_s: None,
            last_t: None,
            end_s: f64::from(diagram.scenario.duration_s),
            selected: Vec::new(),
            saw_failures: false,
            finished: false,
        }
    }

    /// The learner selected components of these kinds: a culprit found, if user requests have
    /// failed in this run (before that, there was nothing to look for). After the run has
    /// ended too: the log and the charts stay to be read.
    pub fn note_selected(&mut self, kinds: &[ComponentKind]) {
        if self.saw_failures {
            self.note_found(kinds);
        }
    }

    /// The kinds selected as the culprit (once requests had failed) that no objective asks to
    /// find, in the order they were first selected: the learner's wrong guesses.
    pub fn ruled_out(&self) -> Vec<ComponentKind> {
        self.selected
            .iter()
            .copied()
            .filter(|k| {
                !self
                    .objectives
                    .iter()
                    .any(|o| o.measure == Measure::Found(*k))
            })
            .collect()
    }

    /// Components of these kinds count as found whatever the run shows: found in an earlier
    /// run, or shown by the lesson's fix.
    pub fn note_found(&mut self, kinds: &[ComponentKind]) {
        for k in kinds {
            if !self.selected.contains(k) {
                self.selected.push(*k);
            }
        }
        if self.finished {
            // The run is over but its verdict on finding is not: what is found now counts.
            for (o, v) in self.objectives.iter().zip(&mut self.verdicts) {
                if let Measure::Found(kind) = o.measure
                    && self.selected.contains(&kind)
                    && o.limit.holds(1.0)
                {
                    v.status = Status::Passed;
                    v.figure = Some(1.0);
                }
            }
            self.fire_all_passed();
        }
    }

    /// The same tracker at the start of a new run of `diagram` (an edit rebuilt the run).
    pub fn restarted(&self, diagram: &Diagram) -> Tracker {
        let mut t = Tracker::new(&self.objectives, &self.triggers, diagram);
        t.selected = self.selected.clone();
        t
    }

    /// Each objective's verdict, in the lesson's order.
    pub fn verdicts(&self) -> &[Verdict] {
        &self.verdicts
    }

    /// Whether each narration step's trigger has fired (latched: once fired, it stays).
    pub fn fired(&self) -> &[bool] {
        &self.fired
    }

    /// Whether every objective passed (only true once the run has ended).
    pub fn all_passed(&self) -> bool {
        self.finished && self.verdicts.iter().all(|v| v.status == Status::Passed)
    }

    /// Takes the snapshot of a sample (simulated times must not go back; a repeated time is
    /// ignored).
    pub fn record(&mut self, s: &MetricsSnapshot) {
        if self.finished || self.last_t.is_some_and(|t| s.time_s <= t) {
            return;
        }
        let prev_t = self.last_t;
        self.last_t = Some(s.time_s);
        self.note_failures(s, prev_t);
        let mark = Mark {
            t: s.time_s,
            completed: s.overall.completed,
            failed: s.overall.failed.total(),
        };
        self.saw_failures |= mark.failed > 0;
        let interval_failing = self
            .marks
            .back()
            .map(|m| failing_percent(m, &mark) > FAILING_PERCENT)
            .unwrap_or(false);
        if interval_failing && !self.failures.is_empty() {
            self.last_failing_s = Some(s.time_s);
        }
        self.marks.push_back(mark);
        // Keep the newest mark at least a window old as the window's start.
        while self
            .marks
            .get(1)
            .is_some_and(|m| s.time_s - m.t >= WINDOW_S as f64 - 1e-9)
        {
            self.marks.pop_front();
        }
        // The snapshot of a run not started yet (its build) decides nothing: its figures are
        // of no traffic (a cost without the requests' prices, a culprit not looked for yet).
        if s.time_s > 0.0 {
            for i in 0..self.objectives.len() {
                self.judge(i, s);
            }
        }
        for i in 0..self.triggers.len() {
            if !self.fired[i] {
                self.fired[i] = self.trigger_fires(self.triggers[i], s);
            }
        }
        if s.time_s + 1e-9 >= self.end_s {
            self.finish(s);
        }
    }

    /// Ends the run with its last snapshot: what held is passed, what never could be judged
    /// failed.
    pub fn finish(&mut self, s: &MetricsSnapshot) {
        if self.finished {
            return;
        }
        if self.last_t.is_none_or(|t| s.time_s > t) {
            self.record(s);
            if self.finished {
                return;
            }
        }
        self.finished = true;
        for v in &mut self.verdicts {
            v.status = match v.status {
                Status::Holding => Status::Passed,
                Status::Passed => Status::Passed,
                Status::Waiting | Status::Failing | Status::Failed => Status::Failed,
            };
        }
        self.fire_all_passed();
    }

    /// The narration's "all passed" triggers say what the verdicts now say.
    fn fire_all_passed(&mut self) {
        let passed = self.all_passed();
        for (trigger, fired) in self.triggers.iter().zip(&mut self.fired) {
            if *trigger == Trigger::AllPassed {
                *fired = passed;
            }
        }
    }

    /// Whether the run has ended.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    fn note_failures(&mut self, s: &MetricsSnapshot, prev_t: Option<f64>) {
        for e in &s.log {
            if prev_t.is_some_and(|p| e.time_s <= p) {
                continue;
            }
            let subject = match &e.event {
                LogEvent::DatacenterFailed { .. } => Some(Subject::Datacenter),
                LogEvent::Failed { .. }
                | LogEvent::PrimaryFailed { .. }
                | LogEvent::DatabaseFailedNoReplica { .. }
                | LogEvent::ReplicatedNodeFailed { .. }
                | LogEvent::WebServerFailed { .. }
                | LogEvent::NoSqlNodeFailed { .. }
                | LogEvent::ShardPrimaryFailed { .. }
                | LogEvent::ShardDown { .. } => e
                    .component
                    .and_then(|id| s.components.iter().find(|c| c.id == id))
                    .and_then(|c| c.kind)
                    .map(Subject::Kind),
                _ => None,
            };
            if let Some(subject) = subject
                && !self.failures.iter().any(|(x, _)| *x == subject)
            {
                self.failures.push((subject, e.time_s));
            }
        }
    }

    fn failed_at(&self, subject: Subject) -> Option<f64> {
        self.failures
            .iter()
            .find(|(x, _)| *x == subject)
            .map(|(_, t)| *t)
    }

    /// The figure of `measure` at snapshot `s`, or `None` when there is none yet.
    fn figure(&self, measure: Measure, s: &MetricsSnapshot) -> Option<f64> {
        let kind_sum =
            |kind: ComponentKind, f: &dyn Fn(&crate::sim::metrics::ComponentMetrics) -> f64| {
                s.components
                    .iter()
                    .filter(|c| c.kind == Some(kind))
                    .map(f)
                    .sum::<f64>()
            };
        let o = &s.overall;
        Some(match measure {
            Measure::P99Ms => {
                if o.recent_latency.count == 0 {
                    let window_failed = self.window_failed();
                    if window_failed == 0 {
                        return None;
                    }
                    f64::INFINITY
                } else {
                    o.recent_latency.p99_ms
                }
            }
            Measure::ErrorPercent => {
                let (first, last) = (self.marks.front()?, self.marks.back()?);
                if last.t <= first.t {
                    return None;
                }
                failing_percent(first, last)
            }
            Measure::FailedRequests => o.failed.total() as f64,
            Measure::SessionsLost => o.failed.session_lost as f64,
            Measure::LostWrites => o.lost_writes as f64,
            Measure::ArrivalRps(kind) => kind_sum(kind, &|c| c.arrival_rps),
            Measure::ServedRps => o.throughput_rps,
            Measure::Utilization(kind) => s
                .components
                .iter()
                .filter(|c| c.kind == Some(kind))
                .map(|c| 100.0 * c.recent_utilization)
                .reduce(f64::max)?,
            Measure::ErrorsAfter(subject) => {
                let at = self.failed_at(subject)?;
                match self.last_failing_s {
                    Some(t) if t > at => t - at,
                    _ => 0.0,
                }
            }
            Measure::CostPerHour => o.cost_per_hour_usd,
            Measure::JobsFailed => o.jobs_failed as f64,
            Measure::StaleAssets => o.stale_assets as f64,
            Measure::Found(kind) => f64::from(u8::from(self.selected.contains(&kind))),
            Measure::QueueDepth => kind_sum(ComponentKind::Workers, &|c| c.queue_len as f64),
            Measure::KeysMovedPercent => s
                .components
                .iter()
                .filter_map(|c| c.resharding)
                .map(|r| 100.0 * r.share_moved)
                .reduce(f64::max)?,
        })
    }

    fn window_failed(&self) -> u64 {
        match (self.marks.front(), self.marks.back()) {
            (Some(a), Some(b)) => b.failed - a.failed,
            _ => 0,
        }
    }

    fn judge(&mut self, i: usize, s: &MetricsSnapshot) {
        let o = self.objectives[i];
        let Some(value) = self.figure(o.measure, s) else {
            return;
        };
        let v = &mut self.verdicts[i];
        match o.check {
            Check::Throughout { from_s } => {
                if s.time_s + 1e-9 < from_s {
                    return;
                }
                // The worst figure of the run, still followed once the objective has failed:
                // an outage that never ends reads as long as it got, not as the moment it
                // crossed the bound ("60.5 s" for a limit of 60).
                let worst = v.figure.map_or(value, |w| o.limit.worse(w, value));
                v.figure = Some(worst);
                if v.status == Status::Failed {
                    return;
                }
                if o.limit.holds(value) {
                    v.status = Status::Holding;
                } else {
                    v.status = Status::Failed;
                    v.missed_at_s = Some(s.time_s);
                }
            }
            Check::AtEnd => {
                v.figure = Some(value);
                if o.limit.holds(value) {
                    v.status = Status::Holding;
                } else {
                    v.status = Status::Failing;
                    v.missed_at_s.get_or_insert(s.time_s);
                }
            }
        }
    }

    fn trigger_fires(&self, t: Trigger, s: &MetricsSnapshot) -> bool {
        match t {
            Trigger::Now => true,
            Trigger::RunStarted => s.time_s > 0.0,
            Trigger::AtTime(at) => s.time_s + 1e-9 >= at,
            Trigger::Saturated(kind) => s
                .components
                .iter()
                .any(|c| c.kind == Some(kind) && c.recent_utilization >= SATURATED),
            Trigger::Down(subject) => self.failed_at(subject).is_some(),
            Trigger::ErrorsAbove(p) => self.figure(Measure::ErrorPercent, s).is_some_and(|e| e > p),
            Trigger::ObjectiveMissed(i) => self
                .verdicts
                .get(i)
                .is_some_and(|v| matches!(v.status, Status::Failing | Status::Failed)),
            Trigger::AllPassed => false,
        }
    }
}

/// The percent of requests ending between two marks that failed (0 when none ended).
fn failing_percent(a: &Mark, b: &Mark) -> f64 {
    let failed = b.failed.saturating_sub(a.failed);
    let ended = failed + b.completed.saturating_sub(a.completed);
    if ended == 0 {
        0.0
    } else {
        100.0 * failed as f64 / ended as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::sim::metrics::ComponentMetrics;
    use crate::sim::metrics::LogEntry;

    #[test]
    fn a_status_attribute_is_its_variant_name_in_lower_case() {
        for s in [
            Status::Waiting,
            Status::Holding,
            Status::Failing,
            Status::Passed,
            Status::Failed,
        ] {
            assert_eq!(s.attribute(), format!("{s:?}").to_lowercase());
        }
    }

    fn run_of(duration_s: u32) -> Diagram {
        let mut b = DiagramBuilder::new();
        b.scenario_mut().duration_s = duration_s;
        b.finish()
    }

    /// A snapshot at `t` with `completed` and `failed` so far and a p99 over the window.
    fn snap(t: f64, completed: u64, failed: u64, p99: f64) -> MetricsSnapshot {
        let mut s = MetricsSnapshot {
            time_s: t,
            ..MetricsSnapshot::default()
        };
        s.overall.completed = completed;
        s.overall.failed.unavailable = failed;
        s.overall.recent_latency.count = u64::from(p99 > 0.0);
        s.overall.recent_latency.p99_ms = p99;
        s.components.push(ComponentMetrics {
            id: 3,
            kind: Some(ComponentKind::WebServers),
            ..ComponentMetrics::default()
        });
        s
    }

    #[test]
    fn a_throughout_objective_fails_for_good_at_its_first_miss() {
        let o = [Objective::throughout(
            Measure::P99Ms,
            Limit::AtMost(100.0),
            2.0,
        )];
        let mut t = Tracker::new(&o, &[], &run_of(10));
        t.record(&snap(1.0, 10, 0, 500.0));
        assert_eq!(t.verdicts()[0].status, Status::Waiting, "before its start");
        t.record(&snap(2.0, 20, 0, 50.0));
        assert_eq!(t.verdicts()[0].status, Status::Holding);
        t.record(&snap(3.0, 30, 0, 150.0));
        t.record(&snap(4.0, 40, 0, 50.0));
        let v = t.verdicts()[0];
        assert_eq!(v.status, Status::Failed);
        assert_eq!(v.figure, Some(150.0));
        assert_eq!(v.missed_at_s, Some(3.0));
        // Failed, it still reads the worst of the run, not the moment it crossed the bound.
        t.record(&snap(5.0, 45, 0, 900.0));
        let v = t.verdicts()[0];
        assert_eq!(
            (v.status, v.figure, v.missed_at_s),
            (Status::Failed, Some(900.0), Some(3.0))
        );
        t.record(&snap(10.0, 50, 0, 50.0));
        assert!(t.is_finished());
        assert!(!t.all_passed());
        assert_eq!(t.verdicts()[0].figure, Some(900.0));
    }

    #[test]
    fn the_snapshot_before_a_run_judges_nothing() {
        // At its build a run has served nothing: its cost leaves out the requests' prices, and
        // nobody has looked for a culprit yet.
        let o = [
            Objective::at_end(Measure::CostPerHour, Limit::AtMost(10.0)),
            Objective::at_end(
                Measure::Found(ComponentKind::WebServers),
                Limit::AtLeast(1.0),
            ),
            Objective::throughout(Measure::P99Ms, Limit::AtMost(100.0), 0.0),
        ];
        let mut t = Tracker::new(&o, &[], &run_of(10));
        let mut start = snap(0.0, 0, 0, 0.0);
        start.overall.cost_per_hour_usd = 4.0;
        t.record(&start);
        for v in t.verdicts() {
            assert_eq!(*v, Verdict::WAITING);
        }
        // The first sample of the run judges them.
        let mut first = snap(0.5, 10, 0, 50.0);
        first.overall.cost_per_hour_usd = 12.0;
        t.record(&first);
        let status: Vec<_> = t.verdicts().iter().map(|v| v.status).collect();
        assert_eq!(
            status,
            [Status::Failing, Status::Failing, Status::Holding],
            "judged from the first sample on"
        );
        assert_eq!(t.verdicts()[0].figure, Some(12.0));
    }

    #[test]
    fn a_culprit_counts_as_found_only_once_requests_fail_and_after_the_run_too() {
        let o = [Objective::at_end(
            Measure::Found(ComponentKind::WebServers),
            Limit::AtLeast(1.0),
        )];
        let triggers = [Trigger::AllPassed];
        let mut t = Tracker::new(&o, &triggers, &run_of(10));
        // Clicked before anything failed: nothing had been looked for yet.
        t.note_selected(&[ComponentKind::WebServers]);
        t.record(&snap(1.0, 10, 0, 50.0));
        assert_eq!(t.verdicts()[0].status, Status::Failing);
        // Requests fail; the learner reads the log after the run and selects the culprit.
        t.record(&snap(2.0, 10, 5, 50.0));
        t.finish(&snap(10.0, 20, 5, 50.0));
        assert_eq!(t.verdicts()[0].status, Status::Failed);
        assert!(!t.fired()[0]);
        t.note_selected(&[ComponentKind::WebServers]);
        assert_eq!(t.verdicts()[0].status, Status::Passed);
        assert!(t.all_passed() && t.fired()[0]);
        // Found, it stays found in the fixed run, where nothing fails.
        let mut next = t.restarted(&run_of(10));
        next.finish(&snap(10.0, 20, 0, 50.0));
        assert!(next.all_passed());
    }

    #[test]
    fn no_answers_read_as_an_infinite_latency_not_a_pass() {
        let o = [Objective::throughout(
            Measure::P99Ms,
            Limit::AtMost(100.0),
            0.0,
        )];
        let mut t = Tracker::new(&o, &[], &run_of(10));
        t.record(&snap(1.0, 0, 0, 0.0));
        t.record(&snap(2.0, 0, 40, 0.0));
        assert_eq!(t.verdicts()[0].status, Status::Failed);
        assert_eq!(t.verdicts()[0].figure, Some(f64::INFINITY));
    }

    #[test]
    fn errors_after_a_failure_wait_for_it_and_fail_untested_at_the_end() {
        let o = [Objective::throughout(
            Measure::ErrorsAfter(Subject::Kind(ComponentKind::WebServers)),
            Limit::AtMost(5.0),
            0.0,
        )];
        let steps = [Trigger::Down(Subject::Kind(ComponentKind::WebServers))];
        let mut untested = Tracker::new(&o, &steps, &run_of(4));
        for i in 1u32..=4 {
            untested.record(&snap(
                f64::from(i),
                10 * u64::from(i),
                50 * u64::from(i),
                1.0,
            ));
        }
        assert_eq!(
            untested.verdicts()[0].status,
            Status::Failed,
            "never tested"
        );
        assert_eq!(untested.fired(), &[false]);

        let mut t = Tracker::new(&o, &steps, &run_of(20));
        t.record(&snap(1.0, 10, 0, 1.0));
        let mut down = snap(2.0, 20, 0, 1.0);
        down.log.push(LogEntry {
            time_s: 1.5,
            component: Some(3),
            event: LogEvent::Failed { label: "w".into() },
        });
        t.record(&down);
        assert_eq!(t.fired(), &[true]);
        // Failing for 3 s after the failure, then answering again.
        for (i, failed) in [(3, 10), (4, 20), (5, 30)] {
            t.record(&snap(f64::from(i), 20, failed, 1.0));
        }
        for i in 6u32..=20 {
            t.record(&snap(f64::from(i), 20 + 10 * u64::from(i), 30, 1.0));
        }
        let v = t.verdicts()[0];
        assert_eq!(v.status, Status::Passed, "{v:?}");
        assert_eq!(v.figure, Some(3.5));
        assert!(t.all_passed());
    }

    #[test]
    fn an_at_end_objective_is_judged_on_the_last_window() {
        let o = [Objective::at_end(Measure::ErrorPercent, Limit::AtMost(1.0))];
        let mut t = Tracker::new(&o, &[Trigger::AllPassed], &run_of(30));
        t.record(&snap(1.0, 0, 0, 1.0));
        t.record(&snap(5.0, 0, 100, 1.0));
        assert_eq!(t.verdicts()[0].status, Status::Failing);
        t.record(&snap(18.0, 1_000, 100, 1.0));
        t.record(&snap(30.0, 2_000, 100, 1.0));
        assert_eq!(t.verdicts()[0].status, Status::Passed);
        assert_eq!(t.fired(), &[true]);
    }

    #[test]
    fn queue_depth_sums_the_jobs_waiting_for_every_worker_pool_and_nothing_else() {
        let o = [Objective::at_end(Measure::QueueDepth, Limit::AtMost(40.0))];
        let mut t = Tracker::new(&o, &[], &run_of(2));
        let mut s = snap(1.0, 10, 0, 1.0);
        s.components[0].queue_len = 500;
        for waiting in [30, 12] {
            s.components.push(ComponentMetrics {
                id: 7,
                kind: Some(ComponentKind::Workers),
                queue_len: waiting,
                ..ComponentMetrics::default()
            });
        }
        t.record(&s);
        let v = t.verdicts()[0];
        assert_eq!(v.figure, Some(42.0), "the web servers' line is not jobs");
        assert_eq!(v.status, Status::Failing);
    }

    #[test]
    fn keys_moved_waits_for_a_shard_to_be_added_and_reads_the_largest_share() {
        let o = [Objective::at_end(
            Measure::KeysMovedPercent,
            Limit::AtMost(30.0),
        )];
        let mut untested = Tracker::new(&o, &[], &run_of(2));
        untested.record(&snap(1.0, 10, 0, 1.0));
        assert_eq!(untested.verdicts()[0].status, Status::Waiting);
        untested.record(&snap(2.0, 20, 0, 1.0));
        assert_eq!(
            untested.verdicts()[0].status,
            Status::Failed,
            "never tested"
        );

        let mut t = Tracker::new(&o, &[], &run_of(2));
        let mut s = snap(2.0, 20, 0, 1.0);
        for share_moved in [0.2, 0.25] {
            s.components.push(ComponentMetrics {
                id: 9,
                kind: Some(ComponentKind::ShardedDatabase),
                resharding: Some(crate::sim::metrics::Resharding {
                    share_moved,
                    ..Default::default()
                }),
                ..ComponentMetrics::default()
            });
        }
        t.record(&s);
        let v = t.verdicts()[0];
        assert_eq!(v.status, Status::Passed);
        assert_eq!(v.figure, Some(25.0));
    }
}
