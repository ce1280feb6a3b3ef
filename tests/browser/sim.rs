//! Determinism across targets: the chapter-final run in the browser's wasm gives exactly the
//! summary the native test pins in `tests/fixtures/sim_chapter_final_3s.txt`.

use scalelab::model::examples;
use scalelab::sim::{RunConfig, build};
use wasm_bindgen_test::wasm_bindgen_test;

const GOLDEN: &str = include_str!("../fixtures/sim_chapter_final_3s.txt");

#[wasm_bindgen_test]
fn chapter_final_run_in_wasm_matches_the_native_golden() {
    let diagram = examples::chapter_final();
    let config = RunConfig {
        seed: None,
        duration_s: Some(3.0),
    };
    let mut sim = build(&diagram, &config).expect("the example builds");
    // Frame-sized chunks, exactly as the native test steps it.
    let end = 3_000_000_000u64;
    let mut t = 0;
    while t < end {
        t = (t + 16_666_667).min(end);
        while !sim.step_until(t, 5_000).reached {}
    }
    let snapshot = sim.snapshot();
    assert!(snapshot.accounting_holds());
    assert_eq!(snapshot.summary(), GOLDEN);
}
