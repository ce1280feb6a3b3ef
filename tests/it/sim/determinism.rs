//! Determinism: the same diagram and seed give the same run, pinned by a golden summary of the
//! chapter-final example (shared with the wasm test), and the example's fixture file runs
//! exactly like the built-in example.

use scalelab::model::examples;
use scalelab::sim::{RunConfig, build};

fn chapter_final_summary(seed: Option<u64>, seconds: f64) -> String {
    let d = examples::chapter_final();
    let mut sim = build(
        &d,
        &RunConfig {
            seed,
            duration_s: Some(seconds),
        },
    )
    .unwrap();
    // Frame-sized chunks, as the browser steps it.
    let end = (seconds * 1e9) as u64;
    let mut t = 0;
    while t < end {
        t = (t + 16_666_667).min(end);
        while !sim.step_until(t, 5_000).reached {}
    }
    let s = sim.snapshot();
    assert!(s.accounting_holds());
    s.summary()
}

#[test]
fn same_diagram_and_seed_give_the_same_run() {
    let a = chapter_final_summary(None, 3.0);
    assert_eq!(a, chapter_final_summary(None, 3.0));
    assert_ne!(a, chapter_final_summary(Some(7), 3.0));
    let first_line = a.lines().next().unwrap();
    assert_eq!(first_line, GOLDEN_FIRST_LINE, "full summary:\n{a}");
    // The whole summary (every component) is pinned in a fixture, shared with the wasm test.
    // `SCALELAB_BLESS=1` rewrites it after a deliberate change.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sim_chapter_final_3s.txt"
    );
    if std::env::var("SCALELAB_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(path, &a).unwrap();
    }
    let golden = std::fs::read_to_string(path).unwrap();
    assert_eq!(a, golden, "summary differs from {path}");
}

/// The chapter-final example, its own seed, 3 simulated seconds. A change here means every run
/// changed: make it deliberate (and update the wasm-side golden too).
const GOLDEN_FIRST_LINE: &str = "t=3.000s events=239293 arrived=44707 completed=44547 in_flight=160 failed[overload=0 timeout=0 unavailable=0 no_backend=0 session=0 no_route=0] stale=9 lost=0 jobs=1300/1271/0 p50=10.519ms p99=33.686ms";

#[test]
fn the_chapter_final_fixture_runs_like_the_built_in_example() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/chapter_final.json"
    ))
    .unwrap();
    let imported = scalelab::share::import_json(&text).unwrap();
    assert_eq!(
        imported.diagram,
        examples::chapter_final(),
        "fixture drifted from the example"
    );
    let mut sim = build(
        &imported.diagram,
        &RunConfig {
            seed: None,
            duration_s: Some(3.0),
        },
    )
    .unwrap();
    let end = 3_000_000_000;
    let mut t = 0;
    while t < end {
        t = (t + 16_666_667).min(end);
        while !sim.step_until(t, 5_000).reached {}
    }
    let summary = sim.snapshot().summary();
    assert_eq!(summary.lines().next().unwrap(), GOLDEN_FIRST_LINE);
}

/// The background worker's path: the document crosses as text, the worker's session builds and
/// steps it in slices, and its frames cross back as text. The end figures are the golden's.
#[test]
fn the_worker_path_gives_the_golden_run() {
    use scalelab::runner::protocol::{self, FromWorker, ToWorker};
    use scalelab::runner::{Session, Speed, Wake};
    let mut d = examples::chapter_final();
    d.scenario.duration_s = 3;
    let build = ToWorker::Build {
        generation: 1,
        file: scalelab::share::export_json(&d),
    };
    let mut session = Session::default();
    for message in [build, ToWorker::Run { speed: Speed::Max }] {
        let message = protocol::decode_to_worker(&protocol::encode(&message)).unwrap();
        assert!(session.handle(message, 0.0).is_none());
    }
    let clock = std::cell::Cell::new(0.0);
    let tick = || {
        clock.set(clock.get() + 0.5);
        clock.get()
    };
    let mut last = None;
    let mut samples = 0;
    while session.wake() == Wake::Now {
        let now = tick();
        if let Some(frame) = session.tick(now, &tick) {
            let FromWorker::Frame(frame) = protocol::decode_from_worker(&protocol::encode(
                &FromWorker::Frame(Box::new(frame)),
            ))
            .unwrap() else {
                panic!("a frame decodes as a frame");
            };
            assert_eq!(frame.generation, 1);
            samples += frame.samples.len();
            if frame.finished {
                last = frame.snapshot;
            }
        }
    }
    assert_eq!(session.wake(), Wake::Idle, "the run stops at its end");
    assert!(samples > 0, "the charts' samples cross too");
    let golden = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sim_chapter_final_3s.txt"
    ))
    .unwrap();
    assert_eq!(last.expect("a last snapshot").summary(), golden);
}
