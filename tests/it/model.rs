//! Integration tests of the document model: the teaching examples and their fixture.

use scalelab::model::examples::{chapter_final, single_server};
use scalelab::model::{Severity, validate};
use scalelab::share::{export_json, import_json};

/// The example diagrams stored as fixtures (the e2e suite imports them as files).
fn example_fixtures() -> [(&'static str, scalelab::model::Diagram); 2] {
    [
        ("chapter_final.json", chapter_final()),
        ("single_server.json", single_server()),
    ]
}

/// The stored fixtures are exactly what `export_json` writes today; run with
/// `UPDATE_FIXTURES=1` to regenerate them after a deliberate change. One test, so the
/// regeneration never races a reader.
#[test]
fn example_fixtures_are_up_to_date() {
    for (name, diagram) in example_fixtures() {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let fresh = export_json(&diagram);
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(&path, &fresh).expect("write fixture");
        }
        let stored = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("tests/fixtures/{name} is missing: run with UPDATE_FIXTURES=1")
        });
        assert!(
            stored == fresh,
            "tests/fixtures/{name} is stale: run `UPDATE_FIXTURES=1 cargo test --test it` and review the diff"
        );
        // And it opens as the same diagram, with nothing to warn about.
        let imported = import_json(&stored).expect("fixture imports");
        assert_eq!(imported.warnings, Vec::<String>::new());
        assert_eq!(imported.diagram, diagram);
    }
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
