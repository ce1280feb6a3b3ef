//! The editor's own invariants, checked by reading its source files: every file opens with a
//! module doc and none reaches for the DOM, the clock, entropy or randomly seeded hash maps.

// ----- the editor's own invariants, checked by reading its source -----

#[test]
fn editor_sources_stay_pure_and_documented() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/editor");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.display();
        assert!(
            source.starts_with("//!"),
            "{name} must open with a //! module doc"
        );
        for forbidden in [
            "leptos",
            "web_sys",
            "js_sys",
            "wasm_bindgen",
            "std::time",
            "Instant",
            "SystemTime",
            "rand::",
            "thread_rng",
            "HashMap",
            "HashSet",
        ] {
            assert!(
                !source.contains(forbidden),
                "{name} mentions `{forbidden}`: the editor is pure, clock- and entropy-free"
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "found only {checked} editor modules");
}
