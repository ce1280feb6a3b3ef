//! A run of the simulation as the app drives it, pure and shared by the two places a run can
//! live: the page's own animation-frame loop (`ui::run::sim_loop`) and the background worker
//! (`ui::sim_worker`).
//!
//! Owns: [`Speed`], the [`Driver`] (a built simulation, the history's [`Sampler`], a pending
//! Step and the measured events-per-millisecond rate that sizes each slice of work), and the
//! messages between the page and the worker ([`protocol`]). Both places step the same driver
//! with the same rules, so the same document and seed give the same figures, charts and lesson
//! verdicts in either, and as `scalelab run` natively.
//!
//! Invariant: no wall clock here. A slice is handed the wall time that passed and a clock to
//! time its own work with, so this module stays native and deterministic in what it simulates.
//!
//! [`Sampler`]: crate::present::run_history::Sampler

mod driver;
pub mod protocol;
mod session;

pub use driver::{Driver, Slice};
pub use session::{MAX_GAP_MS, SLICE_MS, SNAPSHOT_EVERY_MS, Session, TICK_EVERY_MS, Wake};

/// Simulated time one press of Step advances.
pub const STEP_S: f64 = 1.0;

/// How fast simulated time runs against wall time.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Speed {
    /// This many simulated seconds per wall second (0.1 to 100).
    Times(f64),
    /// As many events as fit in each slice's budget.
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
