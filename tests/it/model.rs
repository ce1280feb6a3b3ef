//! Integration tests of the document model: the teaching examples and their fixture.

use scalelab::model::examples::{chapter_final, single_server};
use scalelab::model::{Severity, validate};
use scalelab::share::{export_json, import_json};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/chapter_final.json"
);

/// The stored fixture is exactly what `export_json(chapter_final())` writes today; run with
/// `UPDATE_FIXTURES=1` to regenerate it after a deliberate change. One test, so the
/// regeneration never races a reader.
#[test]
fn chapter_final_fixture_is_up_to_date() {
    let fresh = export_json(&chapter_final());
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, &fresh).expect("write fixture");
    }
    let stored = std::fs::read_to_string(FIXTURE)
        .expect("tests/fixtures/chapter_final.json is missing: run with UPDATE_FIXTURES=1");
    assert!(
        stored == fresh,
        "tests/fixtures/chapter_final.json is stale: run `UPDATE_FIXTURES=1 cargo test --test it` and review the diff"
    );
    // And it opens as the same diagram, with nothing to warn about.
    let imported = import_json(&stored).expect("fixture imports");
    assert_eq!(imported.warnings, Vec::<String>::new());
    assert_eq!(imported.diagram, chapter_final());
}

#[test]
fn examples_validate_as_taught() {
    let serious = |d: &scalelab::model::Diagram| {
        validate(d)
            .into_iter()
            .filter(|x| x.severity != Severity::Info)
            .count()
    };
    assert_eq!(serious(&chapter_final()), 0);
    assert!(serious(&single_server()) >= 2);
}
