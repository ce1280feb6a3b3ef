//! `use_sim_loop`: builds the simulation from the current diagram and runs it, in the
//! background worker (`worker_link`, `ui::sim_worker`) where the browser can start one, else on
//! the page in frame-sized chunks on `requestAnimationFrame`.
//!
//! In the worker the simulation runs in slices of its own (`runner::Session`) and posts a frame
//! a few times a wall second and at the end of a Step or of the run: a snapshot of now and the
//! samples taken since the last frame. The page decodes them as they arrive and draws them on animation frames, a snapshot and
//! the charts never in the same one. Every build is tagged with a generation, so the frames of a
//! run that an edit has since replaced are dropped. If the worker cannot start, or fails later,
//! the page says so once (a banner) and runs the simulation itself from then on.
//!
//! On the page, each frame advances simulated time by the wall time since the last frame times
//! the speed, but handles at most an event budget sized to keep the frame's work near
//! [`FRAME_BUDGET_MS`] (the budget follows a measured events-per-millisecond rate, which counts
//! the time the history's snapshots take; a frame that publishes a snapshot or charts the samples
//! simulates less, leaving its time to the redraw, and the canvas and the charts never redraw in
//! the same one). V8 does not tier a running wasm function up, so there is never one long call:
//! when the budget runs out the frame ends and the run simply falls behind, which the view
//! reports ("running at 0.4x: the browser cannot keep up"). The figures and the canvas follow a
//! snapshot taken a few times a wall second; the charts' history is sampled on simulated time
//! instead (the `Sampler` of `present::run_history` stops the simulation at each sample time and takes the snapshot exactly there), so what the charts and their legends
//! show never depends on frame timing, speed or pauses. The samples a frame takes are charted a
//! few times a wall second too, in a frame of their own, and only up to the clock on screen: a
//! sample taken after the snapshot last drawn waits for the next one, so at full speed the charts
//! never show a moment the clock and the figures above them have not reached.
//!
//! Editing the diagram during a run rebuilds the simulation from the edited diagram and keeps
//! running (from simulated time zero: a run's state cannot be carried over to a different
//! architecture). Moving cards is not such an edit: positions are not what the simulation reads.
//! The simulation never writes the document.

use std::sync::Arc;

use leptos::leptos_dom::helpers::{
    AnimationFrameRequestHandle, request_animation_frame, request_animation_frame_with_handle,
};
use leptos::prelude::*;

use crate::editor::tool::ToolState;
use crate::model::{Diagram, Fault};
use crate::present::run_history::RunHistory;
use crate::present::text::Phrase;
use crate::present::text::banner::BannerMessage;
use crate::present::text::run::RunText;
pub use crate::runner::Speed;
use crate::runner::protocol::{Frame, FromWorker, ToWorker};
use crate::runner::{Driver, MAX_GAP_MS, SNAPSHOT_EVERY_MS};
use crate::sim::MetricsSnapshot;
use crate::ui::state::{Banner, BannerLevel, use_app};

use super::worker_link::WorkerLink;

/// Work per frame we aim for, in milliseconds (a 60 Hz frame is 16.7 ms; leave room to paint).
pub const FRAME_BUDGET_MS: f64 = 6.0;
/// Simulation work in a frame that also publishes a snapshot: the snapshot and the charts,
/// figures and overlay it redraws take the rest of that frame.
const SNAPSHOT_FRAME_BUDGET_MS: f64 = 1.5;
/// Wall milliseconds between two snapshots (and two chart updates) while a hand moves the canvas
/// or its cards. With the worker running flat out on one of two cores, a frame that redraws the
/// figures as well as the moved cards and their wires misses its 16.7 ms (measured by
/// `tests/e2e/bench-app.mjs`: frame p95 33 ms while dragging at 5 snapshots a second, 16.7 ms at
/// one), so the figures refresh once a second until the gesture ends.
const SNAPSHOT_EVERY_MS_MOVING: f64 = 1000.0;
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
    /// The snapshot the canvas's figures and flows draw: [`RunSignals::snapshot`], caught up
    /// one animation frame later, so that the canvas and the panel each redraw in a frame of
    /// their own (on a phone-class processor one frame redrawing both took 25 to 40 ms).
    pub canvas_snapshot: RwSignal<Option<Arc<MetricsSnapshot>>>,
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
    /// The document as the simulation reads it (positions left out): the theory and the live
    /// readouts follow it, so a drag recomputes none of them.
    pub diagram: Memo<Diagram>,
    /// Where the simulation runs.
    pub place: RwSignal<RunPlace>,
    /// What the last snapshot from the worker cost to send.
    pub transfer: RwSignal<Transfer>,
}

/// Where the simulation runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunPlace {
    /// In the background worker.
    Worker,
    /// On the page's own thread (the browser could not start the worker).
    Page,
}

impl RunPlace {
    /// The run panel's `data-sim-place` attribute, which tests and the benchmark read.
    pub fn as_str(self) -> &'static str {
        match self {
            RunPlace::Worker => "worker",
            RunPlace::Page => "page",
        }
    }
}

/// What sending a snapshot from the worker costs: encoding it there, its length, decoding it
/// here; and the worker's wasm memory.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Transfer {
    pub encode_ms: f64,
    pub bytes: u64,
    pub decode_ms: f64,
    pub worker_memory_bytes: u64,
    /// Wall milliseconds from starting the worker to its saying it is ready.
    pub worker_ready_ms: f64,
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

/// Where the simulation lives.
enum Backend {
    /// On the page: the driver, if the diagram could be built.
    Page(Option<Box<Driver>>),
    /// In the worker: the link, and the generation of the last build sent.
    Worker { link: WorkerLink, generation: u32 },
}

/// Loop state that is not reactive (the simulation itself, or the link to it, lives here).
struct LoopCore {
    backend: Backend,
    raf: Option<AnimationFrameRequestHandle>,
    /// A timer is armed to ask for a frame once what the worker sent is due to be drawn.
    waking: bool,
    last_frame_ms: Option<f64>,
    last_snapshot_ms: f64,
    /// One-second window for achieved speed: (wall ms, sim s, arrived, events) at its start.
    window: Option<(f64, f64, u64, u64)>,
    window_work_ms: f64,
    window_frames: u32,
    /// Samples taken and not yet charted, oldest first: they are charted in a frame of their
    /// own, a few times a wall second, so the canvas figures and the charts never redraw in the
    /// same frame, and only once the clock on screen has reached them.
    samples: Vec<MetricsSnapshot>,
    /// Wall time the samples were last charted.
    last_charts_ms: f64,
    /// A snapshot from the worker not yet drawn.
    pending: Option<MetricsSnapshot>,
    /// Whether a gesture is moving the canvas or its cards.
    moving: Memo<bool>,
}

impl LoopCore {
    /// Wall milliseconds until the samples are due to be charted (zero or less: now), or `None`
    /// while none waits that the clock on screen (`clock`, simulated seconds) has reached. They
    /// are due a snapshot interval after they were last charted, and half of one after the last
    /// snapshot, so the two redraws take turns evenly rather than in neighbouring frames.
    fn charts_due_in(&self, clock: f64, now: f64) -> Option<f64> {
        let every = self.snapshot_every_ms();
        self.samples
            .first()
            .filter(|s| s.time_s <= clock)
            .map(|_| (self.last_charts_ms + every).max(self.last_snapshot_ms + every / 2.0) - now)
    }

    /// Wall milliseconds between two snapshots now.
    fn snapshot_every_ms(&self) -> f64 {
        if self.moving.get_untracked() {
            SNAPSHOT_EVERY_MS_MOVING
        } else {
            SNAPSHOT_EVERY_MS
        }
    }
}

type Core = StoredValue<LoopCore, LocalStorage>;

/// Wall milliseconds by the page's clock.
pub(in crate::ui) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Builds the simulation from the current diagram, rebuilds it after every edit, and runs it
/// while running.
pub fn use_sim_loop() -> UseSimLoopReturn {
    let app = use_app();
    // Only what the simulation reads matters: not camera, hover, selection or where the cards
    // sit, so dragging a card during a run does not restart it.
    let diagram = crate::ui::erase::memo(move || app.editor.with(|e| without_layout(e.diagram())));
    let signals = RunSignals {
        diagram,
        snapshot: RwSignal::new(None),
        canvas_snapshot: RwSignal::new(None),
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
        place: RwSignal::new(RunPlace::Page),
        transfer: RwSignal::new(Transfer::default()),
    };
    let moving = crate::ui::erase::memo(move || {
        app.editor.with(|e| {
            matches!(
                e.tool(),
                ToolState::DraggingComponents { .. }
                    | ToolState::DraggingGroup { .. }
                    | ToolState::ResizingGroup { .. }
                    | ToolState::Panning { .. }
                    | ToolState::Pinching { .. }
            )
        })
    });
    // The canvas catches up with the latest snapshot at the next animation frame (one request
    // outstanding at most): a snapshot published in a frame's callback is drawn on the canvas
    // in the frame after.
    let canvas_due = StoredValue::new_local(false);
    crate::ui::erase::effect(move || {
        signals.snapshot.track();
        if canvas_due.try_update_value(|d| std::mem::replace(d, true)) != Some(false) {
            return;
        }
        request_animation_frame(move || {
            if canvas_due.try_update_value(|d| *d = false).is_some() {
                // A run built but not started has nothing to draw: "0 req/s" over every card
                // would read as a measurement.
                let drawn = signals.snapshot.try_get_untracked().flatten();
                signals
                    .canvas_snapshot
                    .try_set(drawn.filter(|s| s.time_s > 0.0));
            }
        });
    });
    let core: Core = StoredValue::new_local(LoopCore {
        backend: Backend::Page(None),
        raf: None,
        waking: false,
        last_frame_ms: None,
        last_snapshot_ms: 0.0,
        window: None,
        window_work_ms: 0.0,
        window_frames: 0,
        samples: Vec::new(),
        last_charts_ms: 0.0,
        pending: None,
        moving,
    });

    let rebuild = move |d: &Diagram| {
        // The page builds every diagram itself: to learn at once whether it can run, its length
        // and its first snapshot. The worker builds the same file again for the run.
        let result = Driver::build(d);
        core.update_value(|c| {
            c.last_frame_ms = None;
            c.window = None;
            c.samples.clear();
            c.pending = None;
        });
        signals.history.update(|h| h.clear());
        signals.sim_time_s.set(0.0);
        match result {
            Ok(driver) => {
                let snap = driver.snapshot();
                signals.duration_s.set(driver.duration_s());
                signals.history.update(|h| h.record(&snap));
                signals.lesson.update(|t| {
                    if let Some(t) = t {
                        *t = t.restarted(d);
                        t.record(&snap);
                    }
                });
                signals.snapshot.set(Some(Arc::new(snap)));
                signals.build_error.set(None);
                core.update_value(|c| match &mut c.backend {
                    Backend::Page(slot) => *slot = Some(Box::new(driver)),
                    Backend::Worker { link, generation } => {
                        *generation += 1;
                        link.send(&ToWorker::Build {
                            generation: *generation,
                            file: crate::share::export_json(d),
                        });
                    }
                });
                if signals.status.get_untracked() == RunStatus::Invalid
                    || signals.status.get_untracked() == RunStatus::Finished
                {
                    signals.status.set(RunStatus::Ready);
                }
                true
            }
            Err(e) => {
                core.update_value(|c| match &mut c.backend {
                    Backend::Page(slot) => *slot = None,
                    // The worker keeps its last run, which nothing asks to step any more.
                    Backend::Worker { generation, .. } => *generation += 1,
                });
                signals.snapshot.set(None);
                signals.build_error.set(Some(e));
                signals.status.set(RunStatus::Invalid);
                false
            }
        }
    };

    // Starts the worker; if it cannot start now or fails later, the page runs the simulation.
    let fall_back = move || {
        let was_worker = core
            .try_update_value(|c| {
                let was = matches!(c.backend, Backend::Worker { .. });
                c.backend = Backend::Page(None);
                was
            })
            .unwrap_or(false);
        if !was_worker {
            return;
        }
        signals.place.set(RunPlace::Page);
        app.show(Banner::new(
            BannerLevel::Info,
            BannerMessage::SimulationOnPage,
        ));
        let running = signals.status.get_untracked() == RunStatus::Running;
        diagram.with_untracked(|d| rebuild(d));
        if running {
            signals.status.set(RunStatus::Running);
            schedule(core, signals);
        }
    };
    let started_ms = now_ms();
    let link = WorkerLink::start(
        move |message, decode_ms| received(core, signals, message, decode_ms, started_ms),
        // The failure is learnt inside the link's own listener: switch once it has returned.
        move || set_timeout(fall_back, std::time::Duration::ZERO),
    );
    match link {
        Some(link) => {
            core.update_value(|c| {
                c.backend = Backend::Worker {
                    link,
                    generation: 0,
                }
            });
            signals.place.set(RunPlace::Worker);
        }
        None if super::worker_link::on_the_app_page() => app.show(Banner::new(
            BannerLevel::Info,
            BannerMessage::SimulationOnPage,
        )),
        None => {}
    }

    let send = move |message: ToWorker| {
        core.update_value(|c| {
            if let Backend::Worker { link, .. } = &mut c.backend {
                link.send(&message);
            }
        });
    };
    let in_worker = move || core.with_value(|c| matches!(c.backend, Backend::Worker { .. }));
    let has_run = move || {
        signals.build_error.with_untracked(Option::is_none)
            && core.with_value(|c| !matches!(c.backend, Backend::Page(None)))
    };
    let start_running = move || {
        signals.status.set(RunStatus::Running);
        // The speed figures are measured afresh over the first wall second of running.
        signals.requests_per_wall_s.set(0.0);
        signals.achieved_speed.set(0.0);
        core.update_value(|c| {
            c.last_frame_ms = None;
            c.window = None;
        });
        if in_worker() {
            send(ToWorker::Run {
                speed: signals.speed.get_untracked(),
            });
        } else {
            schedule(core, signals);
        }
    };

    let resume = Callback::new(move |()| {
        if !has_run() {
            return;
        }
        if signals.status.get_untracked() == RunStatus::Finished {
            diagram.with_untracked(|d| rebuild(d));
        }
        start_running();
    });
    let pause = Callback::new(move |()| {
        if signals.status.get_untracked() == RunStatus::Running {
            signals.status.set(RunStatus::Paused);
        }
        signals.behind.set(false);
        core.update_value(|c| {
            c.window = None;
            if let Backend::Page(Some(driver)) = &mut c.backend {
                driver.cancel_step();
            }
            if let Some(h) = c.raf.take() {
                h.cancel();
            }
        });
        // The worker answers with a snapshot of where it stopped.
        send(ToWorker::Pause);
        record_pending(core, signals);
    });
    let step = Callback::new(move |()| {
        if !has_run() {
            return;
        }
        let speed = signals.speed.get_untracked();
        core.update_value(|c| {
            if let Backend::Page(Some(driver)) = &mut c.backend {
                driver.request_step();
            }
        });
        send(ToWorker::Step { speed });
        if signals.status.get_untracked() != RunStatus::Running {
            signals.status.set(RunStatus::Running);
            core.update_value(|c| c.last_frame_ms = None);
            if !in_worker() {
                schedule(core, signals);
            }
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
        let on_page = core
            .try_update_value(|c| match &mut c.backend {
                Backend::Page(Some(driver)) => {
                    driver.inject(fault);
                    true
                }
                _ => false,
            })
            .unwrap_or(false);
        if on_page {
            take_snapshot(core, signals, None);
        } else {
            send(ToWorker::Inject { fault });
        }
    });

    // Build now and after every edit; a run in progress keeps running on the new diagram, from
    // zero, which a banner says, in place of a banner that only informs (a lesson's title, a
    // file's name), never of a warning or of one offering to put work back.
    crate::ui::erase::effect(move || {
        let status = signals.status.get_untracked();
        let under_way = signals.sim_time_s.get_untracked() > 0.0
            && matches!(status, RunStatus::Running | RunStatus::Paused);
        let ok = diagram.with(|d| rebuild(d));
        let replaceable = app
            .banner
            .with_untracked(|b| b.as_ref().is_none_or(Banner::informs));
        if ok && under_way && replaceable {
            app.show(Banner::new(
                BannerLevel::Info,
                BannerMessage::worded(|l| RunText::RestartedAfterEdit.say(l).to_string()),
            ));
        }
        if ok && status == RunStatus::Running {
            start_running();
        }
    });
    // A new speed reaches a run in the worker at once.
    crate::ui::erase::effect(move || {
        let speed = signals.speed.get();
        if signals.status.get_untracked() == RunStatus::Running {
            send(ToWorker::Run { speed });
        }
    });
    on_cleanup(move || {
        core.try_update_value(|c| {
            if let Some(h) = c.raf.take() {
                h.cancel();
            }
            // Stops the worker.
            c.backend = Backend::Page(None);
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

/// The diagram as the simulation reads it: the cards' and datacenters' positions left out.
fn without_layout(d: &Diagram) -> Diagram {
    let mut d = d.clone();
    for c in &mut d.components {
        c.pos = Default::default();
    }
    for g in &mut d.groups {
        g.bounds = Default::default();
    }
    d
}

/// A message from the worker.
fn received(core: Core, signals: RunSignals, message: FromWorker, decode_ms: f64, started_ms: f64) {
    match message {
        FromWorker::Ready => {
            core.try_update_value(|c| {
                if let Backend::Worker { link, .. } = &mut c.backend {
                    link.set_ready();
                }
            });
            signals
                .transfer
                .update(|t| t.worker_ready_ms = now_ms() - started_ms);
        }
        FromWorker::Frame(frame) => worker_frame(core, signals, *frame, decode_ms),
        // `worker_link` turns this into a failure, and the page runs the diagram itself.
        FromWorker::Failed { .. } => {}
    }
}

/// A frame of the worker's run: queued for drawing, or drawn at once when the run stopped.
fn worker_frame(core: Core, signals: RunSignals, frame: Frame, decode_ms: f64) {
    let Frame {
        generation,
        samples,
        snapshot,
        step_done,
        finished,
        work_ms,
        last_encode_ms,
        last_encode_bytes,
        memory_bytes,
    } = frame;
    let current = core
        .try_with_value(
            |c| matches!(c.backend, Backend::Worker { generation: g, .. } if g == generation),
        )
        .unwrap_or(false);
    if !current {
        return;
    }
    if snapshot.is_some() {
        signals.transfer.set(Transfer {
            encode_ms: last_encode_ms,
            bytes: last_encode_bytes,
            decode_ms,
            worker_memory_bytes: memory_bytes,
            ..signals.transfer.get_untracked()
        });
    }
    core.update_value(|c| {
        c.samples.extend(samples);
        if snapshot.is_some() {
            c.pending = snapshot;
        }
        c.window_work_ms += work_ms;
        c.window_frames += 1;
    });
    if finished || step_done || signals.status.get_untracked() != RunStatus::Running {
        // The run stopped (its end, a Step's end, a pause) or a fault hit it while paused: drawn
        // at once.
        let snap = core.try_update_value(|c| c.pending.take()).flatten();
        take_snapshot(core, signals, snap);
        record_pending(core, signals);
        if finished {
            signals.status.set(RunStatus::Finished);
        } else if step_done && signals.status.get_untracked() == RunStatus::Running {
            signals.status.set(RunStatus::Paused);
        }
        return;
    }
    schedule(core, signals);
}

/// Asks for the next frame (at most one request outstanding).
fn schedule(core: Core, signals: RunSignals) {
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
        if core.with_value(|c| matches!(c.backend, Backend::Worker { .. })) {
            match draw_worker_frame(core, signals) {
                Some(wait_ms) if wait_ms > 0.0 => wake_after(core, signals, wait_ms),
                Some(_) => schedule(core, signals),
                None => {}
            }
        } else {
            frame(core, signals);
            if signals.status.get_untracked() == RunStatus::Running {
                schedule(core, signals);
            }
        }
    });
    if let Ok(h) = handle {
        core.update_value(|c| c.raf = Some(h));
    }
}

/// Asks for a frame in `wait_ms` (at most one timer armed): until then the page has nothing to
/// draw, and asking for every frame in between would make it draw them all.
fn wake_after(core: Core, signals: RunSignals, wait_ms: f64) {
    if core.try_update_value(|c| std::mem::replace(&mut c.waking, true)) != Some(false) {
        return;
    }
    set_timeout(
        move || {
            if core.try_update_value(|c| c.waking = false).is_some()
                && signals.status.try_get_untracked() == Some(RunStatus::Running)
            {
                schedule(core, signals);
            }
        },
        std::time::Duration::from_millis(wait_ms.ceil() as u64),
    );
}

/// Draws what the worker sent: a snapshot, or else the samples, each a few times a wall second.
/// Then how long until the rest is due to be drawn (zero: the next frame), or `None` when
/// nothing is left.
fn draw_worker_frame(core: Core, signals: RunSignals) -> Option<f64> {
    let now = now_ms();
    let clock = || signals.sim_time_s.get_untracked();
    let snap = core
        .try_update_value(|c| {
            let due = now - c.last_snapshot_ms >= c.snapshot_every_ms();
            if due { c.pending.take() } else { None }
        })
        .flatten();
    let drew = snap.is_some();
    if drew {
        take_snapshot(core, signals, snap);
    } else if core.with_value(|c| c.charts_due_in(clock(), now).is_some_and(|w| w <= 0.0)) {
        record_pending(core, signals);
    }
    core.with_value(|c| {
        let every = c.snapshot_every_ms();
        let snapshot = c.pending.as_ref().map(|_| c.last_snapshot_ms + every - now);
        let charts = c.charts_due_in(clock(), now);
        match (snapshot, charts) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    })
}

/// One frame's worth of simulation on the page.
fn frame(core: Core, signals: RunSignals) {
    let start = now_ms();
    let speed = signals.speed.get_untracked();
    // Samples taken in earlier frames are charted a few times a wall second, in a frame that
    // then simulates less.
    let charts = core.with_value(|c| {
        c.charts_due_in(signals.sim_time_s.get_untracked(), start)
            .is_some_and(|w| w <= 0.0)
    }) && record_pending(core, signals);
    let due = !charts && core.with_value(|c| start - c.last_snapshot_ms >= c.snapshot_every_ms());
    let stepped = core.try_update_value(|c| {
        let LoopCore {
            backend: Backend::Page(Some(driver)),
            samples,
            ..
        } = c
        else {
            return None;
        };
        let gap = c
            .last_frame_ms
            .map(|t| crate::decimal::Within::within(start - t, 0.0, MAX_GAP_MS))
            .unwrap_or(1000.0 / 60.0);
        c.last_frame_ms = Some(start);
        let budget_ms = if due || charts {
            SNAPSHOT_FRAME_BUDGET_MS
        } else {
            FRAME_BUDGET_MS
        };
        // Stops at every sample time on the way to take the history's snapshot there.
        let slice = driver.slice(speed, gap, budget_ms, &now_ms, samples);
        c.window_work_ms += slice.spent_ms;
        c.window_frames += 1;
        Some(slice)
    });
    let Some(Some(slice)) = stepped else {
        return;
    };
    if due || slice.finished || slice.step_done {
        take_snapshot(core, signals, None);
    }
    if slice.finished || slice.step_done {
        record_pending(core, signals);
    }
    if slice.finished {
        signals.status.set(RunStatus::Finished);
    } else if slice.step_done {
        signals.status.set(RunStatus::Paused);
    }
}

/// Charts the samples not yet charted up to the clock on screen, if any; true if there were
/// some. A sample past the clock waits for the snapshot that moves the clock past it: the two
/// are drawn in different frames, and a chart running ahead of the clock above it would show a
/// moment the figures have not reached.
fn record_pending(core: Core, signals: RunSignals) -> bool {
    let wall = now_ms();
    let clock = signals.sim_time_s.get_untracked();
    let samples = core
        .try_update_value(|c| {
            c.last_charts_ms = wall;
            let shown = c.samples.partition_point(|s| s.time_s <= clock);
            c.samples.drain(..shown).collect::<Vec<_>>()
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
/// history is sampled on simulated time) and updates the speed figures: `snap` from the worker,
/// or taken here from the page's own run.
fn take_snapshot(core: Core, signals: RunSignals, snap: Option<MetricsSnapshot>) {
    let wall = now_ms();
    let snap = snap.or_else(|| {
        core.try_with_value(|c| match &c.backend {
            Backend::Page(Some(driver)) => Some(driver.snapshot()),
            _ => None,
        })
        .flatten()
    });
    let Some(snap) = snap else {
        return;
    };
    core.try_update_value(|c| c.last_snapshot_ms = wall);
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
