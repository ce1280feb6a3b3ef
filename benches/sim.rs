//! Simulation-engine benchmarks (`benches/main.rs` calls [`run`]).
//!
//! Prints the median of several timed repetitions of:
//! - events/s of an M/M/4 queue (rho = 0.8) on the bare engine: the event-core speed target
//!   (>= 20 M events/s native);
//! - requests/s of the chapter-final architecture through `sim::build` (when the model provides
//!   it);
//! - memory flatness: state sizes at the start and end of a one-hour simulated run.
//!
//! Wall-clock timing lives here and only here: `core/src/sim` never reads the clock. The clock is a
//! parameter (seconds from any origin) so that the same code measures natively (`make bench`)
//! and in headless Chromium (`tests/wasm_bench.rs`, where `std::time::Instant` does not exist).

use scalelab::model::config::UserLoad;
use scalelab::model::{ComponentConfig, examples};
use scalelab::sim::reference::Mm4;
use scalelab::sim::{RunConfig, build};

const REPETITIONS: usize = 5;

/// A wall clock in seconds.
pub type Clock = fn() -> f64;

/// The bare event core's speed: the reference M/M/4 model (`sim::reference`, compiled with the
/// simulation it is compared with), `events` events, in events per wall-clock second.
pub fn mm4_events_per_sec(clock: Clock, events: u64, seed: u64) -> f64 {
    let mut m = Mm4::new(seed);
    let start = clock();
    let processed = m.run(events);
    let secs = clock() - start;
    assert_eq!(processed, events);
    events as f64 / secs
}

/// What one flat-out run of the chapter final measured.
#[derive(Clone, Copy, Debug)]
pub struct ChapterFinalRate {
    /// Requests drawn per wall-clock second.
    pub requests_per_sec: f64,
    /// Engine events handled per wall-clock second.
    pub events_per_sec: f64,
    /// Engine events handled per request drawn.
    pub events_per_request: f64,
}

/// The chapter-final architecture run flat out for 20 simulated seconds, stepped in frame-sized
/// chunks as the browser does: requests and engine events per wall-clock second.
pub fn chapter_final_rate(clock: Clock, seed: u64) -> ChapterFinalRate {
    let d = examples::chapter_final();
    let mut sim = build(
        &d,
        &RunConfig {
            seed: Some(seed),
            duration_s: Some(20.0),
        },
    )
    .expect("the example builds");
    let start = clock();
    let mut t = 0u64;
    while t < 20_000_000_000 {
        t += 16_666_667;
        while !sim.step_until(t, 100_000).reached {}
    }
    let secs = clock() - start;
    let snap = sim.snapshot();
    let requests = snap.overall.arrived as f64;
    let events = snap.events as f64;
    ChapterFinalRate {
        requests_per_sec: requests / secs,
        events_per_sec: events / secs,
        events_per_request: events / requests,
    }
}

/// The medians of `rates`, field by field.
pub fn median_rate(rates: &[ChapterFinalRate]) -> ChapterFinalRate {
    ChapterFinalRate {
        requests_per_sec: median(rates.iter().map(|r| r.requests_per_sec).collect()),
        events_per_sec: median(rates.iter().map(|r| r.events_per_sec).collect()),
        events_per_request: median(rates.iter().map(|r| r.events_per_request).collect()),
    }
}

/// The chapter final against the bare event core, as lines to print after `prefix` (`sim` or
/// `wasm`): its events/s and events per request, the ceiling (M/M/4 events/s divided by the
/// events per request: what the chapter final would reach if its events cost what the bare
/// core's do) and the ratio of its events/s to M/M/4's (issue 18 asks for at least 50 % in
/// wasm).
pub fn core_ratio_lines(prefix: &str, mm4_events_per_sec: f64, rate: ChapterFinalRate) -> String {
    let ceiling = mm4_events_per_sec / rate.events_per_request;
    format!(
        "{prefix}/chapter_final_events_per_sec: {:.2} M events/s ({:.2} events per request)\n\
         {prefix}/chapter_final_ceiling_requests_per_sec: {:.2} M requests/s (M/M/4 events/s / events per request)\n\
         {prefix}/chapter_final_to_core_ratio: {:.1} % (chapter-final events/s over M/M/4 events/s; target >= 50 % in wasm)",
        rate.events_per_sec / 1e6,
        rate.events_per_request,
        ceiling / 1e6,
        100.0 * rate.events_per_sec / mm4_events_per_sec,
    )
}

/// Builds timed together by [`chapter_final_build_ms`]: one build is shorter than a browser's
/// clock step (0.1 ms without cross-origin isolation).
pub const BUILDS_PER_SAMPLE: usize = 50;

/// Milliseconds to build the chapter-final architecture (what every edit during a run costs):
/// the mean of [`BUILDS_PER_SAMPLE`] builds.
pub fn chapter_final_build_ms(clock: Clock) -> f64 {
    let d = examples::chapter_final();
    let start = clock();
    for _ in 0..BUILDS_PER_SAMPLE {
        let sim = build(&d, &RunConfig::default()).expect("the example builds");
        drop(sim);
    }
    (clock() - start) * 1000.0 / BUILDS_PER_SAMPLE as f64
}

/// Milliseconds to take one snapshot of the chapter-final architecture 30 simulated seconds in
/// (the run view takes one every 200 ms): the median of `takes`.
pub fn chapter_final_snapshot_ms(clock: Clock, takes: usize) -> f64 {
    let d = examples::chapter_final();
    let mut sim = build(&d, &RunConfig::default()).expect("the example builds");
    while !sim.step_until(30_000_000_000, u64::MAX).reached {}
    median(
        (0..takes)
            .map(|_| {
                let start = clock();
                let snap = sim.snapshot();
                let ms = (clock() - start) * 1000.0;
                assert!(snap.accounting_holds());
                ms
            })
            .collect(),
    )
}

/// State sizes (live requests and jobs, request-slab slots, pending events) after one minute
/// and after one hour of simulated time, on the chapter-final architecture at a tenth of its
/// load (so the hour runs in seconds).
fn memory_flatness(clock: Clock) -> ((u64, usize, usize), (u64, usize, usize), f64) {
    let mut d = examples::chapter_final();
    for c in &mut d.components {
        if let ComponentConfig::Users(u) = &mut c.config
            && let UserLoad::ActiveUsers { active_users, .. } = &mut u.load
        {
            *active_users /= 10;
        }
    }
    let mut sim = build(
        &d,
        &RunConfig {
            seed: None,
            duration_s: Some(3600.0),
        },
    )
    .expect("the example builds");
    let start = clock();
    sim.step_until(60_000_000_000, u64::MAX);
    let at_minute = sim.state_sizes();
    sim.step_until(3_600_000_000_000, u64::MAX);
    let at_hour = sim.state_sizes();
    (at_minute, at_hour, clock() - start)
}

pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Seconds since the first call (the native clock; `std::time::Instant` panics in a browser,
/// where `tests/wasm_bench.rs` passes the page's clock instead).
fn native_clock() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
}

/// Only the M/M/4 figure (for profiling the event core: `cargo bench --bench scalelab -- mm4-only`).
pub fn run_mm4_only() {
    let m = median(
        (0..3)
            .map(|i| mm4_events_per_sec(native_clock, 20_000_000, i))
            .collect(),
    );
    println!("sim/mm4_events_per_sec: {:.2} M events/s", m / 1e6);
}

/// Only the chapter-final figures, with the M/M/4 figure they are compared with (for profiling:
/// `-- chapter-only`).
pub fn run_chapter_only() {
    let rate = median_rate(
        &(1..=3)
            .map(|seed| chapter_final_rate(native_clock, seed))
            .collect::<Vec<_>>(),
    );
    println!(
        "sim/chapter_final_requests_per_sec: {:.2} M requests/s (median of 3)",
        rate.requests_per_sec / 1e6
    );
    let mm4 = median(
        (0..3)
            .map(|i| mm4_events_per_sec(native_clock, 10_000_000, i))
            .collect(),
    );
    println!(
        "sim/mm4_events_per_sec: {:.2} M events/s (median of 3)",
        mm4 / 1e6
    );
    println!("{}", core_ratio_lines("sim", mm4, rate));
}

/// Only the build figure.
pub fn run_build_only() {
    let build_ms = median(
        (0..9)
            .map(|_| chapter_final_build_ms(native_clock))
            .collect(),
    );
    println!(
        "sim/chapter_final_build_ms: {build_ms:.3} ms (median of 9 means of {BUILDS_PER_SAMPLE}; every edit during a run)"
    );
}

/// Runs every benchmark and prints one line per figure.
pub fn run() {
    let mm4 = median(
        (0..REPETITIONS)
            .map(|i| mm4_events_per_sec(native_clock, 10_000_000, i as u64))
            .collect(),
    );
    println!(
        "sim/mm4_events_per_sec: {:.2} M events/s (median of {REPETITIONS}, 1e7 events each)",
        mm4 / 1e6
    );
    let rate = median_rate(
        &(0..3)
            .map(|seed| chapter_final_rate(native_clock, seed))
            .collect::<Vec<_>>(),
    );
    println!(
        "sim/chapter_final_requests_per_sec: {:.2} M requests/s (median of 3, 20 simulated s)",
        rate.requests_per_sec / 1e6
    );
    println!("{}", core_ratio_lines("sim", mm4, rate));
    let build_ms = median(
        (0..9)
            .map(|_| chapter_final_build_ms(native_clock))
            .collect(),
    );
    println!(
        "sim/chapter_final_build_ms: {build_ms:.3} ms (median of 9 means of {BUILDS_PER_SAMPLE}; every edit during a run)"
    );
    let snap_ms = chapter_final_snapshot_ms(native_clock, 21);
    println!(
        "sim/chapter_final_snapshot_ms: {snap_ms:.3} ms (median of 21; the run view takes 5 a second)"
    );
    let (minute, hour, secs) = memory_flatness(native_clock);
    println!(
        "sim/memory_flatness: (live requests+jobs, slab slots, pending events) at 1 min {minute:?}, \
         at 1 h {hour:?} (chapter final at 1/10 load, {secs:.1} s wall)"
    );
}
