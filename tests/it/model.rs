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
        assert!(imported.warnings.is_empty());
        assert_eq!(imported.diagram, diagram);
    }
}

/// The examples are built with `model::builder::DiagramBuilder`; the stored fixtures were
/// written by the code that built them before. The built diagrams must be those, exactly (no
/// regeneration here: a change to an example is a change to this test's inputs).
#[test]
fn the_examples_are_exactly_the_stored_fixtures() {
    for (name, diagram) in example_fixtures() {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let stored = std::fs::read_to_string(&path).expect("fixture");
        let imported = import_json(&stored).expect("fixture imports").diagram;
        assert_eq!(imported, diagram, "{name}");
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

mod properties {
    use proptest::prelude::*;
    use scalelab::model::rules::{check_connection, reaches, table_refusal};
    use scalelab::model::{ComponentKind, Diagram, InPortRef, OutPortRef, Point, validate};

    use crate::share::{arb_diagram, cases};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(64)))]

        #[test]
        fn validate_never_panics_and_is_deterministic(d in arb_diagram()) {
            let first = validate(&d);
            prop_assert_eq!(first, validate(&d.clone()));
        }

        #[test]
        fn removing_then_restoring_any_component_or_wire_gives_back_the_same_diagram(
            d in arb_diagram(),
            pick in any::<usize>(),
        ) {
            if !d.components.is_empty() {
                let mut e = d.clone();
                let id = d.components[pick % d.components.len()].id;
                let removed = e.remove_component(id).unwrap();
                prop_assert!(e.wires_of(id).next().is_none());
                prop_assert!(e.scenario.faults.iter().all(|f| e.has_target(f.target)));
                e.restore_component(removed).unwrap();
                prop_assert_eq!(&e, &d);
            }
            if !d.wires.is_empty() {
                let mut e = d.clone();
                let id = d.wires[pick % d.wires.len()].id;
                let removed = e.remove_wire(id).unwrap();
                e.restore_wire(removed).unwrap();
                prop_assert_eq!(&e, &d);
            }
        }

        /// Whatever a user tries to connect, what `connect` accepts obeys the table and never
        /// closes a loop.
        #[test]
        fn connect_only_ever_builds_acyclic_rule_abiding_diagrams(
            kinds in prop::collection::vec(0usize..ComponentKind::ALL.len(), 2..12),
            attempts in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 0..60),
        ) {
            let mut d = Diagram::new();
            let ids: Vec<_> = kinds
                .iter()
                .map(|k| d.add_component(ComponentKind::ALL[*k], "", Point::default()).unwrap())
                .collect();
            for (a, b, p) in attempts {
                let (from, to) = (ids[a % ids.len()], ids[b % ids.len()]);
                let from_kind = d.component(from).unwrap().kind;
                let to_kind = d.component(to).unwrap().kind;
                let outputs = from_kind.ports().outputs;
                let (Some(input), false) = (to_kind.input(), outputs.is_empty()) else { continue };
                let from = OutPortRef { component: from, port: outputs[p % outputs.len()] };
                let to = InPortRef { component: to, port: input };
                let verdict = check_connection(&d, from, to);
                let connected = d.connect(from, to);
                prop_assert_eq!(verdict.is_ok(), connected.is_ok());
            }
            for w in &d.wires {
                let to_kind = d.component(w.to.component).unwrap().kind;
                prop_assert_eq!(table_refusal(w.from.port, to_kind), None);
                prop_assert!(!reaches(&d, w.to.component, w.from.component), "loop through {:?}", w);
            }
        }
    }
}
