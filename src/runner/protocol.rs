//! The messages between the page and the simulation worker, as bytes.
//!
//! Plain data only, in postcard's compact binary serde format (a snapshot of the chapter final is
//! a few kilobytes, and decoding it is a fraction of a millisecond; JSON would also have cost
//! the page its derived deserializers instantiated for a second format): the document travels as
//! its v1 file (the format a saved file uses, so the worker builds exactly what the page would),
//! snapshots as the serialized [`MetricsSnapshot`]. Every reply names the generation of the build it comes from, so the
//! page drops what a run it has since rebuilt still had in flight.
//!
//! Invariant: a message decodes to what was encoded (tested with whole chapter-final
//! snapshots); a message that does not decode is an error, never a default.

use serde::{Deserialize, Serialize};

use crate::model::Fault;

use crate::sim::MetricsSnapshot;

use super::Speed;

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Build the run of `file` (a v1 file) at time zero, paused.
    Build { generation: u32, file: String },
    /// Start or continue running at `speed` (also a change of speed while running).
    Run { speed: Speed },
    /// Stop stepping; reply with a frame holding a snapshot of now.
    Pause,
    /// Advance one Step, then stop.
    Step { speed: Speed },
    /// Inject a fault now.
    Inject { fault: Fault },
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker is listening.
    Ready,
    /// Progress of the run of one generation.
    Frame(Box<Frame>),
    /// The document of `generation` could not be read or built (the page checks documents
    /// before sending them, so this means the two disagree).
    Failed { generation: u32 },
}

/// Progress since the last frame.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub generation: u32,
    /// Snapshots taken at the history's sample times, oldest first.
    pub samples: Vec<MetricsSnapshot>,
    /// A snapshot of now, a few times a wall second and whenever the run stops.
    pub snapshot: Option<MetricsSnapshot>,
    /// A Step ended (the run is paused).
    pub step_done: bool,
    /// The run reached its end.
    pub finished: bool,
    /// Mean wall milliseconds of simulation work per slice since the last frame.
    pub work_ms: f64,
    /// Wall milliseconds the worker took to encode its previous frame with a snapshot, and that
    /// frame's length in bytes: what sending a snapshot costs.
    pub last_encode_ms: f64,
    pub last_encode_bytes: u64,
    /// The worker's wasm memory in bytes (filled in by the worker's shell).
    pub memory_bytes: u64,
}

/// A message as bytes for `postMessage`.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // Plain data of known length: serializing into a growing buffer cannot fail.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// A message the page sent.
pub fn decode_to_worker(bytes: &[u8]) -> Result<ToWorker, postcard::Error> {
    postcard::from_bytes(bytes)
}

/// A message the worker sent.
pub fn decode_from_worker(bytes: &[u8]) -> Result<FromWorker, postcard::Error> {
    postcard::from_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples;
    use crate::runner::Driver;

    #[test]
    fn a_whole_snapshot_crosses_unchanged() {
        use crate::model::{FaultAction, FaultTarget};
        let d = examples::chapter_final();
        let mut driver = Driver::build(&d).unwrap();
        let clock = || 0.0;
        let mut samples = Vec::new();
        // A failed datacenter and a failed database fill the log with failovers, promotions,
        // lost writes and alerts.
        let mut faults = d
            .groups
            .iter()
            .map(|g| FaultTarget::Group(g.id))
            .take(1)
            .chain(
                d.components
                    .iter()
                    .filter(|c| c.kind == crate::model::ComponentKind::Database)
                    .map(|c| FaultTarget::Component(c.id)),
            );
        while driver.simulation().now().as_secs_f64() < 20.0 {
            driver.slice(Speed::Times(1.0), 100.0, 50.0, &clock, &mut samples);
            if let Some(target) = faults.next() {
                driver.inject(Fault {
                    at_s: 0.0,
                    action: FaultAction::Fail,
                    target,
                });
            }
        }
        assert!(
            driver.snapshot().log.len() >= 5,
            "{:?}",
            driver.snapshot().log
        );
        let frame = FromWorker::Frame(Box::new(Frame {
            generation: 3,
            snapshot: Some(driver.snapshot()),
            samples,
            work_ms: 1.5,
            ..Frame::default()
        }));
        assert_eq!(decode_from_worker(&encode(&frame)).unwrap(), frame);
    }

    #[test]
    fn requests_cross_unchanged_and_garbage_is_refused() {
        let build = ToWorker::Build {
            generation: 7,
            file: crate::share::export_json(&examples::single_server()),
        };
        assert_eq!(decode_to_worker(&encode(&build)).unwrap(), build);
        let step = ToWorker::Step {
            speed: Speed::Times(0.5),
        };
        assert_eq!(decode_to_worker(&encode(&step)).unwrap(), step);
        assert!(decode_to_worker(&[200, 1, 2]).is_err());
        assert!(decode_from_worker(&[]).is_err());
        // A message cut short is refused, not read as something else.
        let bytes = encode(&build);
        assert!(decode_to_worker(&bytes[..bytes.len() - 3]).is_err());
    }
}
