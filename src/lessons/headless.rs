//! A lesson judged without a screen: a whole run of a design, its snapshots taken at the same
//! simulated times as the app's charts, fed to the lesson's [`Tracker`].
//!
//! Used by `scalelab lesson N` and by the lesson tests, so both see the verdicts a learner
//! would see at the end of the same run in the app.

use crate::model::{ComponentKind, Diagram};
use crate::present::run_history::Sampler;
use crate::sim::{self, BuildError, MetricsSnapshot, RunConfig};

use super::{Lesson, Measure, Tracker};

/// Events handled per call into the simulation (any size gives the same run).
const CHUNK_EVENTS: u64 = 1 << 20;

/// The end of a judged run.
#[derive(Clone, Debug)]
pub struct Judged {
    pub tracker: Tracker,
    pub last: MetricsSnapshot,
}

/// Runs `diagram` for its scenario's length and judges it by `lesson`'s objectives, with
/// nothing selected.
pub fn judge(lesson: &Lesson, diagram: &Diagram) -> Result<Judged, BuildError> {
    judge_with(lesson, diagram, &[])
}

/// The kinds a learner must find (select) in `lesson`: the reference answer that goes with
/// its fix.
pub fn reference_answer(lesson: &Lesson) -> Vec<ComponentKind> {
    lesson
        .objectives
        .iter()
        .filter_map(|o| match o.measure {
            Measure::Found(kind) => Some(kind),
            _ => None,
        })
        .collect()
}

/// [`judge`], with the learner having selected components of the `selected` kinds.
pub fn judge_with(
    lesson: &Lesson,
    diagram: &Diagram,
    selected: &[ComponentKind],
) -> Result<Judged, BuildError> {
    let mut sim = sim::build(diagram, &RunConfig::default())?;
    let mut tracker = lesson.tracker(diagram);
    tracker.note_found(selected);
    let first = sim.snapshot();
    tracker.record(&first);
    let mut sampler = Sampler::new(sim.duration_s());
    let end_ns = (sim.duration_s() * 1e9) as u64;
    let mut samples = Vec::new();
    let mut last = first;
    loop {
        let advance = sampler.advance(&mut sim, end_ns, CHUNK_EVENTS, &mut samples);
        for s in samples.drain(..) {
            tracker.record(&s);
            last = s;
        }
        if advance.reached {
            break;
        }
    }
    tracker.finish(&last);
    Ok(Judged { tracker, last })
}
