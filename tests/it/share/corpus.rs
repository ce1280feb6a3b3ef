//! The regression corpus in `tests/fixtures/bad`: each damaged file or link gets its expected
//! error (the generated members are rewritten with `UPDATE_FIXTURES=1`).

use base64::Engine;
use scalelab::model::config::{ConfigError, ConfigProblem, Number};
use scalelab::model::examples::chapter_final;
use scalelab::share::{
    MAX_PAYLOAD_BYTES, NotDiagram, Place, Problem, ShareError, Source, Thing, WireEnd, decode_link,
    encode_link, import_json,
};

use super::{B64, link_of_payload};

const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad");

/// Writes the generated members of the corpus (with `UPDATE_FIXTURES=1`).
fn generate_corpus() {
    let link = encode_link(&chapter_final());
    let mut bad_b64 = link.clone();
    bad_b64.replace_range(40..41, "*");
    let bomb = vec![b'['; MAX_PAYLOAD_BYTES + 1];
    let files = [
        ("truncated.link", link[..link.len() / 2].to_string()),
        ("bad_base64.link", bad_b64),
        (
            "deflate_bomb.link",
            format!(
                "v1={}",
                B64.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 10))
            ),
        ),
        ("newer_version.link", format!("v4={}", &link[3..])),
        (
            "dangling_wire.link",
            link_of_payload(r#"{"n":9,"c":[[1,0,0,0]],"w":[[2,1,0,8]]}"#),
        ),
        (
            "negative_rate.link",
            link_of_payload(
                r#"{"n":9,"c":[[1,0,0,0,null,null,{"load":{"rate":{"rate_rps":-1}}}]]}"#,
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(format!("{BAD}/{name}"), text).unwrap();
    }
}

#[test]
fn each_bad_input_in_the_corpus_gets_its_expected_error() {
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        generate_corpus();
    }
    let expected: &[(&str, ShareError)] = &[
        ("truncated.link", ShareError::CutOff),
        (
            "bad_base64.link",
            ShareError::BadCharacters { position: 41 },
        ),
        (
            "deflate_bomb.link",
            ShareError::ExpandsTooMuch {
                limit: MAX_PAYLOAD_BYTES,
            },
        ),
        (
            "newer_version.link",
            ShareError::NewerVersion {
                what: Source::Link,
                version: 4,
            },
        ),
        (
            "dangling_wire.link",
            ShareError::DanglingWire {
                wire: 2,
                end: WireEnd::End,
                component: 8,
            },
        ),
        (
            "negative_rate.link",
            ShareError::Invalid {
                place: Place::Component(1),
                problem: Problem::Setting(ConfigError {
                    field: "load.rate_rps".into(),
                    problem: ConfigProblem::OutOfRange {
                        min: Number(0.0),
                        max: Number(1e9),
                        value: Number(-1.0),
                    },
                }),
            },
        ),
        (
            "duplicate_ids.json",
            ShareError::DuplicateId {
                what: Thing::Wire,
                id: 3,
            },
        ),
        (
            "zero_instances.json",
            ShareError::Invalid {
                place: Place::Component(2),
                problem: Problem::Setting(ConfigError {
                    field: "instances".into(),
                    problem: ConfigProblem::CountOutOfRange {
                        min: 1,
                        max: 10_000,
                        value: 0,
                    },
                }),
            },
        ),
        (
            "unknown_kind.json",
            ShareError::UnknownKind {
                component: 1,
                kind: "mainframe".into(),
            },
        ),
        (
            "newer_version.json",
            ShareError::NewerVersion {
                what: Source::File,
                version: 3,
            },
        ),
        ("truncated.json", ShareError::FileCutOff),
        (
            "not_a_diagram.json",
            ShareError::NotADiagram {
                why: NotDiagram::TopNotObject,
            },
        ),
    ];
    let mut listed: Vec<&str> = expected.iter().map(|(n, _)| *n).collect();
    listed.sort();
    let mut present: Vec<String> = std::fs::read_dir(BAD)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    present.sort();
    assert_eq!(
        present, listed,
        "every corpus file has an expectation and vice versa"
    );
    for (name, want) in expected {
        let text = std::fs::read_to_string(format!("{BAD}/{name}")).unwrap();
        let got = if name.ends_with(".link") {
            decode_link(&text)
        } else {
            import_json(&text)
        };
        assert_eq!(got.as_ref().err(), Some(want), "{name}");
    }
}
