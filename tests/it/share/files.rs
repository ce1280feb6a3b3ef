//! JSON files: precise, actionable errors; unknown fields and rule-breaking wires open with a
//! warning; old versions and files from before a setting existed migrate; a too-low `next_id`
//! is repaired.

use scalelab::model::config::*;
use scalelab::model::examples::{chapter_final, single_server};
use scalelab::model::{ComponentConfig, Point, Scenario};
use scalelab::share::{
    FORMAT_VERSION, ShareError, Source, WireEnd, decode_link, export_json, import_json,
};

use super::{en, en_warnings, json_err, link_of_payload, payload_of};

/// A minimal v1 file with the given components and wires JSON.
fn file(components: &str, wires: &str) -> String {
    format!(
        r#"{{"format":"scalelab-diagram","version":1,"next_id":100,"groups":[],
            "components":{components},"wires":{wires},
            "scenario":{{"duration_s":60,"seed":7,"traffic":"constant","faults":[]}}}}"#
    )
}

#[test]
fn json_file_errors_are_precise_and_actionable() {
    assert_eq!(json_err("   "), ShareError::Empty);
    let cut = json_err(r#"{"version": 1, "compo"#);
    assert_eq!(cut, ShareError::FileCutOff);
    // A file is told it is cut off, not a link to copy again.
    assert!(en(&cut).starts_with("this file is cut off"), "{}", en(&cut));
    let not_json = en(&json_err("{nope}"));
    assert_eq!(not_json, "this file is not valid JSON (line 1, column 2)");
    assert!(matches!(
        json_err("{nope}"),
        ShareError::NotJson { line: 1, .. }
    ));
    assert!(matches!(json_err("[1,2]"), ShareError::NotADiagram { .. }));
    let newer = json_err(r#"{"format": "scalelab-diagram", "version": 3, "components": []}"#);
    assert_eq!(
        newer,
        ShareError::NewerVersion {
            what: Source::File,
            version: 3
        }
    );
    assert!(en(&newer).starts_with("this file is from a newer ScaleLab (format v3)"));
    let unsupported = json_err(r#"{"format": "scalelab-diagram", "version": "1.0.0"}"#);
    assert_eq!(
        unsupported,
        ShareError::UnsupportedVersion {
            what: Source::File,
            version: "1.0.0".into()
        }
    );
    // The version as written, quoted once by the words.
    assert!(en(&unsupported).contains("“1.0.0”"), "{}", en(&unsupported));
    // Other apps' files with versions of their own are not from a newer ScaleLab.
    for other in [
        r#"{"type": "excalidraw", "version": 2, "elements": []}"#,
        r#"{"name": "app", "version": "1.0.0", "dependencies": {}}"#,
    ] {
        assert_eq!(
            json_err(other),
            ShareError::NotADiagram {
                why: scalelab::share::NotDiagram::Missing("components")
            },
            "{other}"
        );
    }
    assert_eq!(
        json_err(r#"{"format": "excalidraw", "version": 2}"#),
        ShareError::NotADiagram {
            why: scalelab::share::NotDiagram::FormatIs("excalidraw".into())
        }
    );
    let dangling = file(
        r#"[{"id":1,"kind":"web_servers","label":"w","x":0,"y":0}]"#,
        r#"[{"id":2,"from":1,"from_port":"data","to":9,"to_port":"data"}]"#,
    );
    assert_eq!(
        json_err(&dangling),
        ShareError::DanglingWire {
            wire: 2,
            end: WireEnd::End,
            component: 9
        }
    );
    let unknown = file(
        r#"[{"id":1,"kind":"quantum_computer","label":"q","x":0,"y":0}]"#,
        "[]",
    );
    assert_eq!(
        en(&json_err(&unknown)),
        "component 1 is of kind “quantum_computer”, which this ScaleLab does not know"
    );
    let negative = file(
        r#"[{"id":1,"kind":"users","label":"u","x":0,"y":0,"config":{"load":{"rate":{"rate_rps":-5.0}}}}]"#,
        "[]",
    );
    assert_eq!(
        en(&json_err(&negative)),
        "component 1: setting “load.rate_rps” must be between 0 and 1,000,000,000, not -5"
    );
    // A setting of the wrong sort is named, in the app's words rather than the parser's.
    let below_zero = file(
        r#"[{"id":2,"kind":"web_servers","label":"w","x":0,"y":0,"config":{"instances":-3}}]"#,
        "[]",
    );
    assert_eq!(
        en(&json_err(&below_zero)),
        "component 2: “instances” should be a whole number from 0 to 4,294,967,295, not “-3”"
    );
    let huge = file(
        r#"[{"id":1,"kind":"users","label":"u","x":0,"y":0,"config":{"load":{"active_users":{"active_users":1e300,"requests_per_user":0.1}}}}]"#,
        "[]",
    );
    assert_eq!(
        en(&json_err(&huge)),
        "component 1: “load.active_users.active_users” should be a whole number from 0 to \
         4,294,967,295, not “1e+300”"
    );
    let nan = file(
        r#"[{"id":1,"kind":"users","label":"u","x":NaN,"y":0}]"#,
        "[]",
    );
    assert!(matches!(json_err(&nan), ShareError::NotJson { .. }));
    let far = file(
        r#"[{"id":1,"kind":"users","label":"u","x":1e300,"y":0}]"#,
        "[]",
    );
    assert!(en(&json_err(&far)).contains("“x” must be a coordinate"));
    let wrong_port = file(
        r#"[{"id":1,"kind":"cache","label":"c","x":0,"y":0},{"id":2,"kind":"database","label":"d","x":0,"y":0}]"#,
        r#"[{"id":3,"from":1,"from_port":"data","to":2,"to_port":"data"}]"#,
    );
    assert_eq!(
        en(&json_err(&wrong_port)),
        "wire 3: a Cache has no “data” output"
    );
    let missing = r#"{"version":1,"next_id":1,"groups":[],"components":[],"wires":[]}"#;
    assert_eq!(
        en(&json_err(missing)),
        "this is not a ScaleLab diagram: the file has no “scenario”"
    );
    let bad_fault = r#"{"version":1,"next_id":1,"groups":[],"components":[],"wires":[],
        "scenario":{"duration_s":60,"seed":7,"traffic":"constant",
        "faults":[{"at_s":1.0,"action":"fail","target":{"component":4}}]}}"#;
    assert_eq!(
        en(&json_err(bad_fault)),
        "fault #0: it targets something that is not in the diagram"
    );
}

#[test]
fn unknown_fields_are_dropped_with_a_warning_naming_them() {
    let mut v: serde_json::Value = serde_json::from_str(&export_json(&single_server())).unwrap();
    v["theme"] = "dark".into();
    v["components"][0]["colour"] = "red".into();
    v["components"][2]["config"]["gpu"] = true.into();
    v["components"][2]["config"]["autoscaling"]["burst"] = 3.into();
    v["scenario"]["weather"] = "rain".into();
    let imported = import_json(&v.to_string()).unwrap();
    assert_eq!(imported.diagram, single_server());
    let mut w = en_warnings(&imported.warnings);
    w.sort();
    assert_eq!(
        w,
        vec![
            "component #0: ignored unknown field “colour”",
            "component 2 settings: ignored unknown field “autoscaling.burst”",
            "component 2 settings: ignored unknown field “gpu”",
            "ignored unknown field “theme”",
            "scenario: ignored unknown field “weather”",
        ]
    );
    // In a link too.
    let payload = payload_of(&single_server()).replacen('{', r#"{"z":1,"#, 1);
    let imported = decode_link(&link_of_payload(&payload)).unwrap();
    assert_eq!(imported.diagram, single_server());
    assert_eq!(
        en_warnings(&imported.warnings),
        vec!["link: ignored unknown field “z”"]
    );
}

#[test]
fn rule_breaking_wires_in_a_hand_edited_file_open_with_a_warning() {
    let text = file(
        r#"[{"id":1,"kind":"cache","label":"c","x":0,"y":0},{"id":2,"kind":"web_servers","label":"w","x":0,"y":0}]"#,
        r#"[{"id":3,"from":1,"from_port":"miss","to":2,"to_port":"requests"}]"#,
    );
    let imported = import_json(&text).unwrap();
    assert_eq!(imported.diagram.wires.len(), 1);
    assert_eq!(
        en_warnings(&imported.warnings),
        vec![
            "wire 3 breaks a connection rule: a cache does not call web servers: wire its misses to a database"
        ]
    );
}

/// The documented v0 shape (no version, no scenario, no next_id; `position` objects and a
/// top-level `seed`) migrates to the current format.
#[test]
fn a_v0_file_migrates_to_v1() {
    let v0 = r#"{
        "seed": 99,
        "components": [
            {"id": 4, "kind": "users", "label": "Users", "position": {"x": 10.5, "y": 20}},
            {"id": 7, "kind": "web_servers", "label": "Web", "position": {"x": 200, "y": 20},
             "config": {"instances": 3}}
        ],
        "wires": [{"id": 9, "from": 4, "from_port": "dynamic", "to": 7, "to_port": "requests"}],
        "groups": []
    }"#;
    let imported = import_json(v0).unwrap();
    let d = &imported.diagram;
    assert_eq!(
        en_warnings(&imported.warnings),
        vec!["this file is from an early ScaleLab (format v0); it was upgraded"]
    );
    assert_eq!(d.scenario.seed, 99);
    assert_eq!(d.scenario.duration_s, Scenario::default().duration_s);
    assert_eq!(d.next_id, 10);
    assert_eq!(d.components[0].pos, Point::new(10.5, 20.0));
    let ComponentConfig::WebServers(w) = &d.components[1].config else {
        panic!("web servers config")
    };
    assert_eq!(w.instances, 3);
    assert_eq!(
        w.concurrency_per_instance,
        WebServersConfig::default().concurrency_per_instance
    );
    // Saving writes the current version.
    assert!(export_json(d).contains(&format!("\"version\": {FORMAT_VERSION}")));
}

/// A setting added after a file was saved takes its default when the file is opened: a load
/// balancer saved before balancers had a capacity has none (no limit), with no warning.
#[test]
fn a_file_from_before_a_setting_existed_opens_with_its_default() {
    let mut v: serde_json::Value = serde_json::from_str(&export_json(&chapter_final())).unwrap();
    let mut removed = 0;
    for c in v["components"].as_array_mut().unwrap() {
        if let Some(config) = c["config"].as_object_mut() {
            removed += config.remove("capacity_rps").is_some() as usize;
        }
    }
    assert_eq!(removed, 2, "the chapter's two balancers");
    let imported = import_json(&v.to_string()).unwrap();
    assert!(imported.warnings.is_empty());
    assert_eq!(imported.diagram, chapter_final());
}

#[test]
fn a_file_whose_next_id_is_too_low_is_repaired_with_a_warning() {
    let mut v: serde_json::Value = serde_json::from_str(&export_json(&single_server())).unwrap();
    v["next_id"] = 1.into();
    let imported = import_json(&v.to_string()).unwrap();
    assert_eq!(imported.diagram, single_server());
    assert_eq!(imported.warnings.len(), 1);
    assert!(en_warnings(&imported.warnings)[0].contains("raised to"));
}
