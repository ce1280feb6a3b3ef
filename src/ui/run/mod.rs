//! The run view: the simulation loop, the run panel (controls, traffic, charts, event log,
//! faults) and the live figures drawn over the canvas.
//!
//! One run per app, provided as a context by [`provide_run_state`] and read with [`use_run`],
//! so the canvas (through [`RunOverlay`]) and the inspector can show the latest snapshot.
//! Everything that changes the document (traffic controls, selecting a component from the log)
//! goes through the editor's commands, so it is saved, shared and undoable; live faults are
//! injected into the running simulation only.
//!
//! ```text
//!   editor diagram ──Memo──▶ use_sim_loop ──rAF, frame-sized chunks──▶ Simulation
//!                                 │ snapshot (5 Hz)
//!                                 ▼
//!                  RunSignals { snapshot, canvas_snapshot, history, status, speed, .. }
//!                     │               │ (a frame later)    │
//!                 RunPanel        RunOverlay, RunFlows  inspector (use_run)
//! ```

mod charts;
mod controls;
mod faults;
mod log;
mod overlay;
mod panel;
mod sim_loop;
mod theory_view;
mod worker_link;

// The canvas menu and the inspector's live section offer the same faults as the run panel.
pub(in crate::ui) use faults::has_twin;
pub use faults::{fault_button_class, fault_is_destructive, fault_test_id, target_label_in};
// The canvas places `RunOverlay` inside its world group and `RunFlows` in a layer above it.
pub use overlay::{RunFlows, RunOverlay};
pub use panel::RunPanel;
// The inspector's live section quotes the charts' Che prediction.
pub(in crate::ui) use sim_loop::now_ms;
pub use sim_loop::{RunStatus, UseSimLoopReturn, use_sim_loop};
pub use theory_view::cache_prediction;

use leptos::prelude::*;

/// The run, shared through context: its loop, and the predictions shown beside it.
#[derive(Clone, Copy)]
pub struct RunContext {
    run: UseSimLoopReturn,
    pub predictions: theory_view::Predictions,
}

impl std::ops::Deref for RunContext {
    type Target = UseSimLoopReturn;
    fn deref(&self) -> &UseSimLoopReturn {
        &self.run
    }
}

impl RunContext {
    /// The faults the run has applied so far, oldest first, as the charts mark them: at their
    /// times in simulated seconds, worded in `lang` with the run's labels (tracked: the charts
    /// follow it; the CSV export reads it once, untracked).
    pub fn fault_marks(&self, lang: crate::present::lang::Lang) -> Vec<charts::FaultMark> {
        self.signals.snapshot.with(|s| match s {
            Some(s) if !s.faults.is_empty() => self
                .signals
                .diagram
                .with(|d| faults::chart_marks(lang, d, &s.faults)),
            _ => Vec::new(),
        })
    }
    /// Whether the diagram can be run: the run controls are enabled.
    pub fn can_run(&self) -> bool {
        self.signals.status.get() != sim_loop::RunStatus::Invalid
    }

    /// Whether the run is stepping.
    pub fn running(&self) -> bool {
        self.signals.status.get() == sim_loop::RunStatus::Running
    }

    /// What the run panel's first button does: runs, or pauses the run under way.
    pub fn run_or_pause(&self) {
        if !self.can_run() {
            return;
        }
        if self.running() {
            self.pause.run(());
        } else {
            self.resume.run(());
        }
    }

    /// What a run key asks for, as its button does it (nothing where the button is disabled).
    pub fn on_key(&self, key: crate::editor::actions::RunKey) {
        match key {
            crate::editor::actions::RunKey::RunOrPause => self.run_or_pause(),
            crate::editor::actions::RunKey::Step => {
                if self.can_run() {
                    self.step.run(());
                }
            }
        }
    }

    /// Whether a run is under way (running, or paused part-way), so that a fault injected now
    /// is seen happening: the canvas menu, the inspector and the run panel offer faults only
    /// then.
    pub fn is_live(&self) -> bool {
        self.signals.snapshot.with(|s| s.is_some())
            && matches!(
                self.signals.status.get(),
                sim_loop::RunStatus::Running | sim_loop::RunStatus::Paused
            )
    }
}

/// Starts the run loop for the app's diagram and provides it to the component tree. Call once,
/// below `provide_app_state`; [`RunPanel`] calls it if nobody did.
pub fn provide_run_state() -> RunContext {
    let run = use_sim_loop();
    let run = RunContext {
        run,
        predictions: theory_view::Predictions::new(run.signals),
    };
    provide_context(run);
    run
}

/// The run provided by [`provide_run_state`], if any.
pub fn use_run() -> Option<RunContext> {
    use_context::<RunContext>()
}
