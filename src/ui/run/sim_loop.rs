//! `use_sim_loop`: builds the simulation from the current diagram and steps it on
//! `requestAnimationFrame` in frame-sized chunks.
//!
//! Each frame advances simulated time by the wall time since the last frame times the speed,
//! but handles at most an event budget sized to keep the frame's work near [`FRAME_BUDGET_MS`]
//! (the budget follows a measured events-per-millisecond rate, which counts the time the
//! history's snapshots take; a frame that publishes a snapshot or charts the samples simulates
//! less, leaving its time to the redraw, and the canvas and the charts never redraw in the same
//! one). V8 does not tier a running wasm
//! function up, so there is never one long call: when the budget runs out the frame ends and the
//! run simply falls behind, which the view reports ("running at 0.4x: the browser cannot keep
//! up"). The figures and the canvas follow a snapshot taken a few times a wall second; the
//! charts' history is sampled on simulated time instead (a [`Sampler`] stops the simulation at
//! each sample time and takes the snapshot exactly there), so what the charts and their legends
//! show never depends on frame timing, speed or pauses. The samples a frame takes are charted a
//! few times a wall second too, in a frame of their own.
//!
//! Editing the diagram during a run rebuilds the simulation from the edited diagram and keeps
//! running (from simulated time zero: a run's state cannot be carried over to a different
//! architecture). The simulation never writes the document.

use std::sync::Arc;

use leptos::leptos_dom::helpers::{
    AnimationFrameRequestHandle, request_animation_frame_with_handle,
};
use leptos::prelude::*;

use crate::model::{Diagram, Fault};
use crate::sim::{self, MetricsSnapshot, RunConfig, Simulation};
use crate::ui::state::use_app;

use crate::present::run_history::{RunHistory, Sampler};

/// Work per frame we aim for, in milliseconds (a 60 Hz frame is 16.7 ms; leave room to paint).
pub const FRAME_BUDGET_MS: f64 = 6.0;
/// Simulation work in a frame that also publishes a snapshot: the snapshot and the charts,
/// figures and overlay it redraws take the rest of that frame.
const SNAPSHOT_FRAME_BUDGET_MS: f64 = 1.5;
/// Wall milliseconds between two snapshots (charts update at about 5 Hz).
const SNAPSHOT_EVERY_MS: f64 = 200.0;
/// The longest wall gap one frame accounts for (a background tab must not jump the run).
const MAX_FRAME_GAP_MS: f64 = 100.0;
/// Simulated time one press of Step advances.
pub const STEP_S: f64 = 1.0;

/// How fast simulated time runs against wall time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Speed {
    /// This many simulated seconds per wall second (0.1 to 100).
    Times(f64),
    /// As many events as fit in each frame's budget.
    Max,
}

impl Speed {
    /// The speeds the speed menu offers.
    pub const CHOICES: [Speed; 9] = [
        Speed::Times(0.1),
        Speed::Times(0.5),
        Speed::Times(1.0),
        Speed::Times(2.0),
        Speed::Times(5.0),
        Speed::Times(10.0),
        Speed::Times(30.0),
        Speed::Times(100.0),
        Speed::Max,
    ];
}

/// Where the run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    /// Built, not started (or reset).
    Ready,
    /// Stepping every frame.
    Running,
    /// Stopped by the user.
    Paused,
    /// Reached the scenario's duration.
    Finished,
    /// The diagram cannot be simulated (see `build_error`).
    Invalid,
}

impl RunStatus {
    /// The status in the run panel's `data-status` attribute, which tests and the benchmark
    /// read.
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Ready => "ready",
            RunStatus::Running => "running",
            RunStatus::Paused => "paused",
            RunStatus::Finished => "finished",
            RunStatus::Invalid => "invalid",
        }
    }
}

/// The signals a run exposes to the view. Cheap to copy.
#[derive(Clone, Copy)]
pub struct RunSignals {
    /// The latest snapshot, if the simulation was built.
    pub snapshot: RwSignal<Option<Arc<MetricsSnapshot>>>,
    /// Time series for the charts.
    pub history: RwSignal<RunHistory>,
    pub status: RwSignal<RunStatus>,
    pub speed: RwSignal<Speed>,
    /// Why the diagram cannot be simulated.
    pub build_error: RwSignal<Option<crate::sim::BuildError>>,
    /// Simulated seconds since the start of the run.
    pub sim_time_s: RwSignal<f64>,
    /// The run's length in simulated seconds.
    pub duration_s: RwSignal<f64>,
    /// Simulated seconds per wall second over the last second of running.
    pub achieved_speed: RwSignal<f64>,
    /// Whether the browser cannot keep up with the requested speed.
    pub behind: RwSignal<bool>,
    /// Mean wall milliseconds of simulation work per frame (recent).
    pub frame_work_ms: RwSignal<f64>,
    /// User requests simulated per wall second (recent).
    pub requests_per_wall_s: RwSignal<f64>,
    /// Events handled per wall second (recent).
    pub events_per_wall_s: RwSignal<f64>,
    /// The open lesson's judge, fed the same samples as the charts (`None` outside a lesson).
    pub lesson: RwSignal<Option<crate::lessons::Tracker>>,
}

/// What [`use_sim_loop`] returns: the run's signals and its controls.
#[derive(Clone, Copy)]
pub struct UseSimLoopReturn {
    pub signals: RunSignals,
    /// Starts or continues the run.
    pub resume: Callback<()>,
    /// Stops stepping (the state is kept).
    pub pause: Callback<()>,
    /// Advances [`STEP_S`] simulated seconds, over as many frames as that takes, then pauses.
    pub step: Callback<()>,
    /// Rebuilds from the diagram at time zero, paused.
    pub reset: Callback<()>,
    /// Injects a fault now into the running simulation (not saved in the scenario).
    pub inject: Callback<Fault>,
}

/// Loop state that is not reactive (the simulation itself lives here).
struct LoopCore {
    sim: Option<Simulation>,
    raf: Option<AnimationFrameRequestHandle>,
    last_frame_ms: Option<f64>,
    last_snapshot_ms: f64,
    /// Measured simulation speed, events per wall millisecond of work.
    events_per_ms: f64,
    /// Stop when simulated time reaches this (Step).
    stop_at_ns: Option<u64>,
    /// One-second window for achieved speed: (wall ms, sim s, arrived, events) at its start.
    window: Option<(f64, f64, u64, u64)>,
    window_work_ms: f64,
    window_frames: u32,
    /// Takes the history's snapshots at fixed simulated times.
    sampler: Sampler,
    /// Samples taken and not yet charted: they are charted in a frame of their own, a few times
    /// a wall second, so the canvas figures and the charts never redraw in the same frame.
    samples: Vec<MetricsSnapshot>,
    /// Wall time the samples were last charted.
    last_charts_ms: f64,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Builds the simulation from the current diagram, rebuilds it after every edit, and steps it on
/// animation frames while running.
pub fn use_sim_loop() -> UseSimLoopReturn {
    let app = use_app();
    let signals = RunSignals {
        snapshot: RwSignal::new(None),
        history: RwSignal::new(RunHistory::default()),
        status: RwSignal::new(RunStatus::Ready),
        speed: RwSignal::new(Speed::Times(1.0)),
        build_error: RwSignal::new(None),
        sim_time_s: RwSignal::new(0.0),
        duration_s: RwSignal::new(0.0),
        achieved_speed: RwSignal::new(0.0),
        behind: RwSignal::new(false),
        frame_work_ms: RwSignal::new(0.0),
        requests_per_wall_s: RwSignal::new(0.0),
        events_per_wall_s: RwSignal::new(0.0),
        lesson: use_context::<crate::ui::lessons::Lessons>()
            .map(|l| l.tracker)
            .unwrap_or_else(|| RwSignal::new(None)),
    };
    let core = StoredValue::new_local(LoopCore {
        sim: None,
        raf: None,
        last_frame_ms: None,
        last_snapshot_ms: 0.0,
        events_per_ms: 2_000.0,
        stop_at_ns: None,
        window: None,
        window_work_ms: 0.0,
        window_frames: 0,
        sampler: Sampler::new(0.0),
        samples: Vec::new(),
        last_charts_ms: 0.0,
    });

    // Only document changes matter, not camera, hover or selection.
    let diagram = Memo::new(move |_| app.editor.with(|e| e.diagram().clone()));

    let rebuild = move |d: &Diagram| {
        // The scenario's seed and length: a run is the document's, nothing else.
        let result = sim::build(
            d,
            &RunConfig {
                seed: None,
                duration_s: None,
            },
        );
        core.update_value(|c| {
            c.last_frame_ms = None;
            c.window = None;
            c.stop_at_ns = None;
            c.samples.clear();
        });
        signals.history.update(|h| h.clear());
        signals.sim_time_s.set(0.0);
        match result {
            Ok(sim) => {
                let snap = sim.snapshot();
                signals.duration_s.set(sim.duration_s());
                let sampler = Sampler::new(sim.duration_s());
                signals.history.update(|h| h.record(&snap));
                signals.lesson.update(|t| {
                    if let Some(t) = t {
                        *t = t.restarted(d);
                        t.record(&snap);
                    }
                });
                signals.snapshot.set(Some(Arc::new(snap)));
                signals.build_error.set(None);
                core.update_value(|c| {
                    c.sim = Some(sim);
                    c.sampler = sampler;
                });
                if signals.status.get_untracked() == RunStatus::Invalid
                    || signals.status.get_untracked() == RunStatus::Finished
                {
                    signals.status.set(RunStatus::Ready);
                }
                true
            }
            Err(e) => {
                core.update_value(|c| c.sim = None);
                signals.snapshot.set(None);
                signals.build_error.set(Some(e));
                signals.status.set(RunStatus::Invalid);
                false
            }
        }
    };

    let resume = Callback::new(move |()| {
        if core.with_value(|c| c.sim.is_none()) {
            return;
        }
        if signals.status.get_untracked() == RunStatus::Finished {
            diagram.with_untracked(|d| rebuild(d));
        }
        signals.status.set(RunStatus::Running);
        core.update_value(|c| {
            c.last_frame_ms = None;
            c.window = None;
        });
        schedule(core, signals);
    });
    let pause = Callback::new(move |()| {
        if signals.status.get_untracked() == RunStatus::Running {
            signals.status.set(RunStatus::Paused);
        }
        signals.behind.set(false);
        core.update_value(|c| {
            c.window = None;
            c.stop_at_ns = None;
            if let Some(h) = c.raf.take() {
                h.cancel();
            }
        });
        record_pending(core, signals);
    });
    let step = Callback::new(move |()| {
        let Some(now) = core.with_value(|c| c.sim.as_ref().map(|s| s.now().as_nanos())) else {
            return;
        };
        core.update_value(|c| c.stop_at_ns = Some(now + (STEP_S * 1e9) as u64));
        if signals.status.get_untracked() != RunStatus::Running {
            signals.status.set(RunStatus::Running);
            core.update_value(|c| c.last_frame_ms = None);
            schedule(core, signals);
        }
    });
    let reset = Callback::new(move |()| {
        pause.run(());
        diagram.with_untracked(|d| rebuild(d));
        if signals.status.get_untracked() != RunStatus::Invalid {
            signals.status.set(RunStatus::Ready);
        }
    });
    let inject = Callback::new(move |fault: Fault| {
        core.update_value(|c| {
            if let Some(sim) = c.sim.as_mut() {
                let at_s = sim.now().as_secs_f64();
                sim.inject(Fault { at_s, ..fault });
                // Handle it at once so the log shows it even while paused.
                let now = sim.now().as_nanos();
                sim.step_until(now, 10_000);
            }
        });
        take_snapshot(core, signals);
    });

    // Build now and after every edit; a run in progress keeps running on the new diagram.
    Effect::new(move |_| {
        let ok = diagram.with(|d| rebuild(d));
        if ok && signals.status.get_untracked() == RunStatus::Running {
            schedule(core, signals);
        }
    });
    on_cleanup(move || {
        core.try_update_value(|c| {
            if let Some(h) = c.raf.take() {
                h.cancel();
            }
        });
    });

    UseSimLoopReturn {
        signals,
        resume,
        pause,
        step,
        reset,
        inject,
    }
}

/// Asks for the next frame (at most one request outstanding).
fn schedule(core: StoredValue<LoopCore, LocalStorage>, signals: RunSignals) {
    if core.try_with_value(|c| c.raf.is_some()) != Some(false) {
        return;
    }
    let handle = request_animation_frame_with_handle(move || {
        if core.try_update_value(|c| c.raf = None).is_none() {
            return; // the owner is gone
        }
        if signals.status.try_get_untracked() != Some(RunStatus::Running) {
            return;
        }
        frame(core, signals);
        if signals.status.get_untracked() == RunStatus::Running {
            schedule(core, signals);
        }
    });
    if let Ok(h) = handle {
        core.update_value(|c| c.raf = Some(h));
    }
}

/// One frame's worth of simulation.
fn frame(core: StoredValue<LoopCore, LocalStorage>, signals: RunSignals) {
    let start = now_ms();
    let speed = signals.speed.get_untracked();
    // Samples taken in earlier frames are charted a few times a wall second, in a frame that
    // then simulates less.
    let charts = core
        .with_value(|c| !c.samples.is_empty() && start - c.last_charts_ms >= SNAPSHOT_EVERY_MS)
        && record_pending(core, signals);
    let due = !charts && core.with_value(|c| start - c.last_snapshot_ms >= SNAPSHOT_EVERY_MS);
    let mut finished = false;
    let mut step_done = false;
    let stepped = core.try_update_value(|c| {
        let LoopCore {
            sim: Some(sim),
            sampler,
            samples,
            ..
        } = c
        else {
            return false;
        };
        let gap = c
            .last_frame_ms
            .map(|t| (start - t).clamp(0.0, MAX_FRAME_GAP_MS))
            .unwrap_or(1000.0 / 60.0);
        c.last_frame_ms = Some(start);
        let now_ns = sim.now().as_nanos();
        let end_ns = (sim.duration_s() * 1e9) as u64;
        let mut target = match (speed, c.stop_at_ns) {
            (_, Some(stop)) => stop,
            (Speed::Times(x), None) => now_ns + (gap * 1e6 * x) as u64,
            (Speed::Max, None) => end_ns,
        };
        target = target.min(end_ns);
        let budget_ms = if due || charts {
            SNAPSHOT_FRAME_BUDGET_MS
        } else {
            FRAME_BUDGET_MS
        };
        let budget = ((c.events_per_ms * budget_ms) as u64).max(500);
        let t0 = now_ms();
        // Stops at every sample time on the way to take the history's snapshot there.
        let out = sampler.advance(sim, target, budget, samples);
        let now_ns = sim.now().as_nanos();
        let spent = now_ms() - t0;
        if out.processed >= 200 && spent > 0.2 {
            let rate = out.processed as f64 / spent;
            c.events_per_ms = (0.7 * c.events_per_ms + 0.3 * rate).clamp(50.0, 1e6);
        } else if !out.reached && spent <= 0.2 {
            c.events_per_ms = (c.events_per_ms * 1.5).min(1e6);
        }
        if out.reached && c.stop_at_ns.is_some_and(|s| now_ns >= s) {
            c.stop_at_ns = None;
            step_done = true;
        }
        if now_ns >= end_ns {
            finished = true;
        }
        c.window_work_ms += spent;
        c.window_frames += 1;
        true
    });
    if stepped != Some(true) {
        return;
    }
    if due || finished || step_done {
        take_snapshot(core, signals);
    }
    if finished || step_done {
        record_pending(core, signals);
    }
    if finished {
        signals.status.set(RunStatus::Finished);
    } else if step_done {
        signals.status.set(RunStatus::Paused);
    }
}

/// Charts the samples not yet charted, if any; true if there were some.
fn record_pending(core: StoredValue<LoopCore, LocalStorage>, signals: RunSignals) -> bool {
    let wall = now_ms();
    let samples = core
        .try_update_value(|c| {
            c.last_charts_ms = wall;
            std::mem::take(&mut c.samples)
        })
        .unwrap_or_default();
    if samples.is_empty() {
        return false;
    }
    signals.history.update(|h| {
        for s in &samples {
            h.record(s);
        }
    });
    if signals.lesson.with_untracked(Option::is_some) {
        signals.lesson.update(|t| {
            if let Some(t) = t {
                for s in &samples {
                    t.record(s);
                }
            }
        });
    }
    true
}

/// Publishes a snapshot of now for the figures and the canvas (not for the charts, whose
/// history is sampled on simulated time) and updates the speed figures.
fn take_snapshot(core: StoredValue<LoopCore, LocalStorage>, signals: RunSignals) {
    let wall = now_ms();
    let Some(Some(snap)) = core.try_update_value(|c| {
        c.last_snapshot_ms = wall;
        c.sim.as_ref().map(|s| s.snapshot())
    }) else {
        return;
    };
    signals.sim_time_s.set(snap.time_s);
    // Speed figures over a window of about a wall second.
    let (arrived, events) = (snap.overall.arrived, snap.events);
    let figures = core.try_update_value(|c| match c.window {
        Some((w0, s0, a0, e0)) if wall - w0 >= 1000.0 => {
            let secs = (wall - w0) / 1000.0;
            let out = (
                (snap.time_s - s0) / secs,
                (arrived.saturating_sub(a0)) as f64 / secs,
                (events.saturating_sub(e0)) as f64 / secs,
                c.window_work_ms / c.window_frames.max(1) as f64,
            );
            c.window = Some((wall, snap.time_s, arrived, events));
            c.window_work_ms = 0.0;
            c.window_frames = 0;
            Some(out)
        }
        Some(_) => None,
        None => {
            c.window = Some((wall, snap.time_s, arrived, events));
            c.window_work_ms = 0.0;
            c.window_frames = 0;
            None
        }
    });
    if let Some(Some((achieved, rps, eps, work))) = figures {
        signals.achieved_speed.set(achieved);
        signals.requests_per_wall_s.set(rps);
        signals.events_per_wall_s.set(eps);
        signals.frame_work_ms.set(work);
        let behind = match signals.speed.get_untracked() {
            Speed::Times(x) => {
                signals.status.get_untracked() == RunStatus::Running && achieved < 0.9 * x
            }
            Speed::Max => false,
        };
        signals.behind.set(behind);
    }
    signals.snapshot.set(Some(Arc::new(snap)));
}
