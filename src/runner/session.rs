//! [`Session`]: what the background worker does with the page's messages, pure so that native
//! tests drive the very logic the worker runs (the worker's shell only moves text and timers).
//!
//! A session holds at most one [`Driver`], tagged with the generation of the build that made it.
//! While running it simulates in slices of [`SLICE_MS`] and reports a [`Frame`] every
//! [`SNAPSHOT_EVERY_MS`] and at the end of a Step or of the run: a snapshot of now, with the
//! samples for the charts taken since the last frame.

use crate::decimal::Within;
use crate::sim::MetricsSnapshot;

use super::protocol::{Frame, FromWorker, ToWorker};
use super::{Driver, Speed};

/// Wall milliseconds of simulation in one slice: the worker reads the page's messages between
/// two slices, so a pause or an edit waits at most this long.
pub const SLICE_MS: f64 = 8.0;
/// Wall milliseconds between two snapshots of now (the figures and the canvas, about 5 Hz).
pub const SNAPSHOT_EVERY_MS: f64 = 200.0;
/// The longest wall gap one slice accounts for at a set speed (a stalled worker must not jump).
pub const MAX_GAP_MS: f64 = 100.0;
/// How long a worker running at a set speed sleeps between slices (about a display frame).
pub const TICK_EVERY_MS: f64 = 16.0;

/// When the worker should run its next slice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wake {
    /// As soon as the messages waiting are read ("as fast as possible", or a Step).
    Now,
    /// After this many wall milliseconds (a set speed).
    After(f64),
    /// Not until a message asks for it.
    Idle,
}

/// The worker's state.
#[derive(Default)]
pub struct Session {
    generation: u32,
    driver: Option<Driver>,
    /// The speed while running; `None` while paused, finished or not built.
    running: Option<Speed>,
    last_tick_ms: Option<f64>,
    last_snapshot_ms: f64,
    samples: Vec<MetricsSnapshot>,
    work_ms: f64,
    slices: u32,
    last_encode_ms: f64,
    last_encode_bytes: u64,
}

impl Session {
    /// Handles one message from the page; some ask for an answer at once.
    pub fn handle(&mut self, message: ToWorker, now_ms: f64) -> Option<FromWorker> {
        match message {
            ToWorker::Build { generation, file } => {
                self.generation = generation;
                self.samples.clear();
                self.last_tick_ms = None;
                self.last_snapshot_ms = now_ms;
                self.driver = crate::share::import_json(&file)
                    .ok()
                    .and_then(|imported| Driver::build(&imported.diagram).ok());
                self.running = None;
                self.driver
                    .is_none()
                    .then_some(FromWorker::Failed { generation })
            }
            ToWorker::Run { speed } => {
                if self.running.is_none() {
                    self.last_tick_ms = None;
                }
                self.running = self.driver.as_ref().map(|_| speed);
                None
            }
            ToWorker::Step { speed } => {
                let driver = self.driver.as_mut()?;
                driver.request_step();
                if self.running.is_none() {
                    self.last_tick_ms = None;
                }
                self.running = Some(speed);
                None
            }
            ToWorker::Pause => {
                self.running = None;
                self.driver.as_mut()?.cancel_step();
                Some(FromWorker::Frame(Box::new(self.frame(now_ms, false))))
            }
            ToWorker::Inject { fault } => {
                self.driver.as_mut()?.inject(fault);
                Some(FromWorker::Frame(Box::new(self.frame(now_ms, false))))
            }
        }
    }

    /// Runs one slice if running; the frame to send, if there is something to show.
    pub fn tick(&mut self, now_ms: f64, clock: &dyn Fn() -> f64) -> Option<Frame> {
        let speed = self.running?;
        let driver = self.driver.as_mut()?;
        let gap_ms = self
            .last_tick_ms
            .map(|t| (now_ms - t).within(0.0, MAX_GAP_MS))
            .unwrap_or(TICK_EVERY_MS);
        self.last_tick_ms = Some(now_ms);
        let slice = driver.slice(speed, gap_ms, SLICE_MS, clock, &mut self.samples);
        self.work_ms += slice.spent_ms;
        self.slices += 1;
        let ended = slice.finished || slice.step_done;
        if ended {
            self.running = None;
        }
        // Samples wait for the next snapshot: the page charts them a few times a second anyway,
        // and one message every 200 ms costs both threads less than one every slice.
        if !ended && now_ms - self.last_snapshot_ms < SNAPSHOT_EVERY_MS {
            return None;
        }
        Some(self.frame(now_ms, slice.step_done))
    }

    /// When the next slice should run.
    pub fn wake(&self) -> Wake {
        match self.running {
            None => Wake::Idle,
            Some(_) if self.driver.as_ref().is_some_and(Driver::stepping) => Wake::Now,
            Some(Speed::Max) => Wake::Now,
            Some(Speed::Times(_)) => Wake::After(TICK_EVERY_MS),
        }
    }

    /// Records what encoding the last frame with a snapshot cost, reported in the next frame.
    pub fn note_encoded(&mut self, ms: f64, bytes: u64) {
        self.last_encode_ms = ms;
        self.last_encode_bytes = bytes;
    }

    /// A frame with a snapshot of now (none without a run) and the samples taken since the last.
    fn frame(&mut self, now_ms: f64, step_done: bool) -> Frame {
        self.last_snapshot_ms = now_ms;
        let snapshot = self.driver.as_ref().map(Driver::snapshot);
        let work_ms = self.work_ms / f64::from(self.slices.max(1));
        self.work_ms = 0.0;
        self.slices = 0;
        Frame {
            generation: self.generation,
            samples: std::mem::take(&mut self.samples),
            finished: self.driver.as_ref().is_some_and(Driver::finished),
            snapshot,
            step_done,
            work_ms,
            last_encode_ms: self.last_encode_ms,
            last_encode_bytes: self.last_encode_bytes,
            memory_bytes: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ComponentKind, Fault, FaultAction, FaultTarget, examples};

    fn built(generation: u32) -> Session {
        let mut s = Session::default();
        let file = crate::share::export_json(&examples::chapter_final());
        assert!(
            s.handle(ToWorker::Build { generation, file }, 0.0)
                .is_none()
        );
        s
    }

    fn frame(reply: Option<FromWorker>) -> Frame {
        match reply {
            Some(FromWorker::Frame(f)) => *f,
            other => panic!("expected a frame, got {other:?}"),
        }
    }

    #[test]
    fn a_built_session_waits_until_asked_to_run() {
        let mut s = built(1);
        assert_eq!(s.wake(), Wake::Idle);
        assert!(s.tick(0.0, &|| 0.0).is_none());
        s.handle(
            ToWorker::Run {
                speed: Speed::Times(1.0),
            },
            0.0,
        );
        assert_eq!(s.wake(), Wake::After(TICK_EVERY_MS));
        s.handle(ToWorker::Run { speed: Speed::Max }, 0.0);
        assert_eq!(s.wake(), Wake::Now);
    }

    #[test]
    fn a_step_runs_one_second_then_stops_and_says_so() {
        let mut s = built(4);
        s.handle(
            ToWorker::Step {
                speed: Speed::Times(0.1),
            },
            0.0,
        );
        let mut now = 0.0;
        let last = loop {
            now += 10.0;
            if let Some(f) = s.tick(now, &|| 0.0)
                && f.step_done
            {
                break f;
            }
            assert!(now < 1e6, "the step never ended");
        };
        assert_eq!(last.generation, 4);
        assert_eq!(
            last.snapshot.expect("a snapshot where it stopped").time_s,
            1.0
        );
        assert_eq!(s.wake(), Wake::Idle);
    }

    #[test]
    fn pause_and_a_fault_answer_with_a_snapshot_of_now() {
        let mut s = built(2);
        s.handle(ToWorker::Run { speed: Speed::Max }, 0.0);
        for i in 0..50 {
            s.tick(f64::from(i), &|| 0.0);
        }
        let paused = frame(s.handle(ToWorker::Pause, 100.0));
        let t = paused.snapshot.as_ref().expect("a snapshot").time_s;
        assert!(t > 0.0);
        assert_eq!(s.wake(), Wake::Idle);
        let d = examples::chapter_final();
        let db = d
            .components
            .iter()
            .find(|c| c.kind == ComponentKind::Database);
        let fault = Fault {
            at_s: 0.0,
            action: FaultAction::Fail,
            target: FaultTarget::Component(db.expect("a database").id),
        };
        let after = frame(s.handle(ToWorker::Inject { fault }, 101.0));
        let snap = after.snapshot.expect("a snapshot");
        assert_eq!(
            snap.time_s, t,
            "a fault while paused does not move the clock"
        );
        assert!(snap.log.len() > paused.snapshot.as_ref().map_or(0, |p| p.log.len()));
    }

    #[test]
    fn a_document_the_worker_cannot_read_is_refused_by_generation() {
        let mut s = built(1);
        let reply = s.handle(
            ToWorker::Build {
                generation: 9,
                file: "not a diagram".into(),
            },
            0.0,
        );
        assert_eq!(reply, Some(FromWorker::Failed { generation: 9 }));
        assert_eq!(s.wake(), Wake::Idle);
    }
}
