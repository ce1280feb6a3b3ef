//! The simulation's speed in headless Chromium, flat out (no frames, no view): `make bench` runs
//! it in the release profile and through wasm-opt with `index.html`'s settings
//! (`tools/shipped-wasm-runner.sh`), so it measures the code the web app ships. The same
//! measuring code as the native figures (`benches/sim.rs`), with the browser's clock.
#![cfg(target_arch = "wasm32")]

#[allow(dead_code)]
#[path = "../benches/sim.rs"]
mod sim;

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn browser_clock() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .expect("a browser with performance.now")
        .now()
        / 1000.0
}

#[wasm_bindgen_test]
fn wasm_speed() {
    // V8 first runs wasm through its baseline compiler and swaps in optimized code for the
    // functions found hot, while they run: a page's first second of simulation is slower than
    // the rest (about 0.6 of the steady speed here). One run of each model before the measured
    // ones, not counted, so the figures are the steady speed a run in the app settles at.
    sim::mm4_events_per_sec(browser_clock, 5_000_000, 99);
    sim::chapter_final_rate(browser_clock, 99);
    let mm4 = sim::median(
        (0..5)
            .map(|i| sim::mm4_events_per_sec(browser_clock, 5_000_000, i))
            .collect(),
    );
    console_log!(
        "wasm/mm4_events_per_sec: {:.2} M events/s (median of 5 after a warm-up run, 5e6 events each)",
        mm4 / 1e6
    );
    let rate = sim::median_rate(
        &(0..5)
            .map(|seed| sim::chapter_final_rate(browser_clock, seed))
            .collect::<Vec<_>>(),
    );
    let rps = rate.requests_per_sec;
    console_log!(
        "wasm/chapter_final_requests_per_sec: {:.2} M requests/s (median of 5 after a warm-up run, 20 simulated s each)",
        rps / 1e6
    );
    for line in sim::core_ratio_lines("wasm", mm4, rate).lines() {
        console_log!("{line}");
    }
    let build_ms = sim::median(
        (0..9)
            .map(|_| sim::chapter_final_build_ms(browser_clock))
            .collect(),
    );
    console_log!(
        "wasm/chapter_final_build_ms: {build_ms:.3} ms (median of 9 means of {}; every edit during a run)",
        sim::BUILDS_PER_SAMPLE
    );
    let snap_ms = sim::chapter_final_snapshot_ms(browser_clock, 21);
    console_log!(
        "wasm/chapter_final_snapshot_ms: {snap_ms:.3} ms (median of 21; the run view takes 5 a second)"
    );
    assert!(mm4 > 0.0 && rps > 0.0 && build_ms > 0.0 && snap_ms > 0.0);
}

/// The in-app figure's workload (`tests/e2e/bench-app.mjs`) flat out: the chapter final as its
/// fixture has it (its own seed), 300 simulated seconds, one run after a warm-up run. Later in a
/// run the caches hold more keys and lookups miss the processor's cache more, so it runs slower
/// than the first 20 s. `make bench` runs this test alone, in turn with the app's own runs, so
/// that each in-app figure has a flat-out figure taken minutes apart at most (this machine's
/// speed drifts by more than the gap being measured over a longer sitting).
#[wasm_bindgen_test]
fn wasm_app_workload() {
    app_workload_rate(browser_clock);
    let rps = app_workload_rate(browser_clock);
    console_log!(
        "wasm/chapter_final_300s_requests_per_sec: {:.3} M requests/s (one run after a warm-up run, its own seed, 300 simulated s: the in-app figure's workload)",
        rps / 1e6
    );
    assert!(rps > 0.0);
}

/// Requests per wall second of the chapter final with the seed (its scenario's) and length the
/// app's speed figure runs (the page's fixture `tests/fixtures/chapter_final.json` is this example, written
/// out), stepped in frame-sized chunks as [`sim::chapter_final_rate`] does.
fn app_workload_rate(clock: sim::Clock) -> f64 {
    use scalelab::model::examples;
    use scalelab::sim::{RunConfig, build};
    let d = examples::chapter_final();
    let seconds = 300.0;
    let config = RunConfig {
        seed: None,
        duration_s: Some(seconds),
    };
    let mut run = build(&d, &config).expect("the example builds");
    let start = clock();
    let mut t = 0u64;
    while t < (seconds * 1e9) as u64 {
        t += 16_666_667;
        while !run.step_until(t, 100_000).reached {}
    }
    run.snapshot().overall.arrived as f64 / (clock() - start)
}
