//! Integration tests of the share formats: round trips, size, precise errors, migration, the
//! regression corpus of bad inputs, and property tests (exact round trips of arbitrary
//! diagrams; mutated, truncated and random inputs never panic).
//!
//! Case counts are small by default to keep `cargo test` fast. A long fuzz run:
//! `SCALELAB_FUZZ_CASES=1000000 cargo test --release --test it share::fuzz`.

use base64::Engine;
use proptest::prelude::*;
use scalelab::model::config::*;
use scalelab::model::examples::{chapter_final, single_server};
use scalelab::model::{
    Component, ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction,
    FaultTarget, Group, GroupId, InPortRef, OutPortRef, Point, Rect, Region, Scenario,
    TrafficProfile, Wire, WireId,
};
use scalelab::share::{
    FORMAT_VERSION, MAX_PAYLOAD_BYTES, ShareError, decode_link, encode_link, export_json,
    import_json,
};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A link whose payload is `text`, deflated and encoded like `encode_link` does.
fn link_of_payload(text: &str) -> String {
    format!(
        "v1={}",
        B64.encode(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6))
    )
}

/// The compact JSON text inside a link.
fn payload_of(d: &Diagram) -> String {
    let file = scalelab::share::v1::FileV1::from_model(d);
    serde_json::to_string(&scalelab::share::compact::encode(&file)).unwrap()
}

#[test]
fn chapter_final_link_fits_in_2000_characters_and_round_trips() {
    let d = chapter_final();
    let link = encode_link(&d);
    println!("chapter_final link: {} characters", link.len());
    assert!(link.len() <= 2_000, "link is {} characters", link.len());
    assert!(link.starts_with("v1="));
    let back = decode_link(&link).expect("decodes");
    assert_eq!(back.warnings, Vec::<String>::new());
    assert_eq!(back.diagram, d);
    assert_eq!(decode_link(&format!("#{link}")).unwrap().diagram, d);
    let back = import_json(&export_json(&d)).unwrap();
    assert_eq!(back.diagram, d);
    assert_eq!(
        import_json(&export_json(&single_server())).unwrap().diagram,
        single_server()
    );
}

#[test]
fn the_compact_payload_omits_defaults_and_writes_whole_numbers_without_fractions() {
    let payload = payload_of(&single_server());
    // Default labels and settings are left out entirely; positions are bare integers.
    assert!(!payload.contains("config"), "{payload}");
    assert!(!payload.contains(".0"), "{payload}");
    assert!(
        !payload.contains("\"s\""),
        "default scenario omitted: {payload}"
    );
    assert!(
        payload.contains("\"Web server\""),
        "custom label kept: {payload}"
    );
}

#[test]
fn negative_zero_and_fractional_positions_survive_exactly() {
    let mut d = single_server();
    d.components[0].pos = Point::new(-0.0, 0.1 + 0.2);
    d.components[1].pos = Point::new(1e-300, -123456.789);
    let back = decode_link(&encode_link(&d)).unwrap().diagram;
    assert_eq!(back, d);
    assert!(back.components[0].pos.x.is_sign_negative());
    assert_eq!(import_json(&export_json(&d)).unwrap().diagram, d);
}

// ----- precise errors -----

fn link_err(fragment: &str) -> ShareError {
    decode_link(fragment).expect_err("should be refused")
}

fn json_err(text: &str) -> ShareError {
    import_json(text).expect_err("should be refused")
}

#[test]
fn link_envelope_errors_are_precise() {
    assert_eq!(link_err(""), ShareError::Empty);
    assert_eq!(link_err("#"), ShareError::Empty);
    assert_eq!(link_err("hello"), ShareError::NotALink);
    assert_eq!(link_err("x1=abc"), ShareError::NotALink);
    assert_eq!(link_err("v=abc"), ShareError::NotALink);
    assert_eq!(link_err("v3=abcd"), ShareError::NewerVersion { version: 3 });
    assert_eq!(
        link_err("v0=abcd"),
        ShareError::UnsupportedVersion {
            version: "0".into()
        }
    );
    assert_eq!(link_err("v1="), ShareError::CutOff);
    let link = encode_link(&chapter_final());
    let mut bad = link.clone();
    bad.replace_range(10..11, "!");
    assert_eq!(link_err(&bad), ShareError::BadCharacters { position: 10 });
    let huge = format!("v1={}", "A".repeat(scalelab::share::MAX_LINK_CHARS));
    assert!(matches!(
        link_err(&huge),
        ShareError::TooLarge { what: "link", .. }
    ));
}

#[test]
fn every_truncation_of_a_link_is_refused_as_cut_off() {
    let link = encode_link(&chapter_final());
    for end in 4..link.len() {
        let err = link_err(&link[..end]);
        assert_eq!(err, ShareError::CutOff, "cut at {end} of {}", link.len());
    }
}

#[test]
fn a_deflate_bomb_is_refused_without_expanding_it() {
    let bomb = vec![b' '; MAX_PAYLOAD_BYTES * 4];
    let link = format!(
        "v1={}",
        B64.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 10))
    );
    assert!(link.len() < 50_000, "bomb link is {} chars", link.len());
    assert_eq!(
        link_err(&link),
        ShareError::ExpandsTooMuch {
            limit: MAX_PAYLOAD_BYTES
        }
    );
}

#[test]
fn damaged_compressed_data_is_refused() {
    let garbage = format!("v1={}", B64.encode([0xffu8; 64]));
    assert_eq!(link_err(&garbage), ShareError::Corrupted);
    assert_eq!(link_err(&link_of_payload("[1,2,3]")), ShareError::Corrupted);
    assert_eq!(link_err(&link_of_payload("{\"n\":")), ShareError::CutOff);
}

#[test]
fn link_payload_errors_name_the_offending_element() {
    assert_eq!(
        link_err(&link_of_payload(r#"{"n":5,"c":[[0,99,0,0]]}"#)),
        ShareError::UnknownKind {
            component: 0,
            kind: "#99".into()
        }
    );
    assert_eq!(
        link_err(&link_of_payload(
            r#"{"n":5,"c":[[0,4,0,0]],"w":[[1,0,5,7]]}"#
        )),
        ShareError::DanglingWire {
            wire: 1,
            end: "ends at",
            component: 7
        }
    );
    assert_eq!(
        link_err(&link_of_payload(r#"{"n":5,"c":[[0,4,0,0],[0,7,0,0]]}"#)),
        ShareError::DuplicateId {
            what: "component",
            id: 0
        }
    );
    let err = link_err(&link_of_payload(
        r#"{"n":5,"c":[[0,4,0,0,null,null,{"instances":0}]]}"#,
    ));
    assert_eq!(
        err.to_string(),
        "component 0: setting `instances` must be between 1 and 10000, not 0"
    );
    let err = link_err(&link_of_payload(r#"{"n":5,"c":[[0,"web",0,0]]}"#));
    assert_eq!(err.to_string(), "component #0: `kind` should be an index");
}

#[test]
fn an_asset_deploy_in_the_scenario_is_written_by_name_and_round_trips() {
    let mut d = chapter_final();
    let cdn = d
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::Cdn)
        .unwrap()
        .id;
    d.scenario.faults.push(Fault {
        at_s: 120.0,
        action: FaultAction::DeployAssets,
        target: FaultTarget::Component(cdn),
    });
    let json = export_json(&d);
    assert!(json.contains(r#""action": "deploy_assets""#), "{json}");
    assert_eq!(import_json(&json).unwrap().diagram, d);
    assert_eq!(decode_link(&encode_link(&d)).unwrap().diagram, d);
}

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
    assert_eq!(json_err(r#"{"version": 1, "compo"#), ShareError::CutOff);
    assert!(matches!(
        json_err("{nope}"),
        ShareError::NotJson { line: 1, .. }
    ));
    assert!(matches!(json_err("[1,2]"), ShareError::NotADiagram { .. }));
    let newer = json_err(r#"{"version": 3, "components": []}"#);
    assert_eq!(newer, ShareError::NewerVersion { version: 3 });
    assert!(
        newer
            .to_string()
            .starts_with("this file is from a newer ScaleLab (format v3)")
    );
    assert!(matches!(
        json_err(r#"{"version": "one"}"#),
        ShareError::UnsupportedVersion { .. }
    ));
    let dangling = file(
        r#"[{"id":1,"kind":"web_servers","label":"w","x":0,"y":0}]"#,
        r#"[{"id":2,"from":1,"from_port":"data","to":9,"to_port":"data"}]"#,
    );
    assert_eq!(
        json_err(&dangling),
        ShareError::DanglingWire {
            wire: 2,
            end: "ends at",
            component: 9
        }
    );
    let unknown = file(
        r#"[{"id":1,"kind":"quantum_computer","label":"q","x":0,"y":0}]"#,
        "[]",
    );
    assert_eq!(
        json_err(&unknown).to_string(),
        "component 1 is of kind `quantum_computer`, which this ScaleLab does not know"
    );
    let negative = file(
        r#"[{"id":1,"kind":"users","label":"u","x":0,"y":0,"config":{"load":{"rate":{"rate_rps":-5.0}}}}]"#,
        "[]",
    );
    assert_eq!(
        json_err(&negative).to_string(),
        "component 1: setting `load.rate_rps` must be between 0 and 1000000000, not -5"
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
    assert!(
        json_err(&far)
            .to_string()
            .contains("`x` must be a coordinate")
    );
    let wrong_port = file(
        r#"[{"id":1,"kind":"cache","label":"c","x":0,"y":0},{"id":2,"kind":"database","label":"d","x":0,"y":0}]"#,
        r#"[{"id":3,"from":1,"from_port":"data","to":2,"to_port":"data"}]"#,
    );
    assert_eq!(
        json_err(&wrong_port).to_string(),
        "wire 3: a Cache has no `data` output"
    );
    let missing = r#"{"version":1,"next_id":1,"groups":[],"components":[],"wires":[]}"#;
    assert_eq!(
        json_err(missing).to_string(),
        "this is not a ScaleLab diagram: the file has no `scenario`"
    );
    let bad_fault = r#"{"version":1,"next_id":1,"groups":[],"components":[],"wires":[],
        "scenario":{"duration_s":60,"seed":7,"traffic":"constant",
        "faults":[{"at_s":1.0,"action":"fail","target":{"component":4}}]}}"#;
    assert_eq!(
        json_err(bad_fault).to_string(),
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
    let mut w = imported.warnings.clone();
    w.sort();
    assert_eq!(
        w,
        vec![
            "component #0: ignored unknown field `colour`",
            "component 2 settings: ignored unknown field `autoscaling.burst`",
            "component 2 settings: ignored unknown field `gpu`",
            "ignored unknown field `theme`",
            "scenario: ignored unknown field `weather`",
        ]
    );
    // In a link too.
    let payload = payload_of(&single_server()).replacen('{', r#"{"z":1,"#, 1);
    let imported = decode_link(&link_of_payload(&payload)).unwrap();
    assert_eq!(imported.diagram, single_server());
    assert_eq!(imported.warnings, vec!["link: ignored unknown field `z`"]);
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
        imported.warnings,
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
        imported.warnings,
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
    assert_eq!(imported.warnings, Vec::<String>::new());
    assert_eq!(imported.diagram, chapter_final());
}

#[test]
fn a_file_whose_next_id_is_too_low_is_repaired_with_a_warning() {
    let mut v: serde_json::Value = serde_json::from_str(&export_json(&single_server())).unwrap();
    v["next_id"] = 1.into();
    let imported = import_json(&v.to_string()).unwrap();
    assert_eq!(imported.diagram, single_server());
    assert_eq!(imported.warnings.len(), 1);
    assert!(imported.warnings[0].contains("raised to"));
}

// ----- regression corpus -----

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
            ShareError::BadCharacters { position: 40 },
        ),
        (
            "deflate_bomb.link",
            ShareError::ExpandsTooMuch {
                limit: MAX_PAYLOAD_BYTES,
            },
        ),
        (
            "newer_version.link",
            ShareError::NewerVersion { version: 4 },
        ),
        (
            "dangling_wire.link",
            ShareError::DanglingWire {
                wire: 2,
                end: "ends at",
                component: 8,
            },
        ),
        (
            "negative_rate.link",
            ShareError::Invalid {
                place: "component 1".into(),
                detail: "setting `load.rate_rps` must be between 0 and 1000000000, not -1".into(),
            },
        ),
        (
            "duplicate_ids.json",
            ShareError::DuplicateId {
                what: "wire",
                id: 3,
            },
        ),
        (
            "zero_instances.json",
            ShareError::Invalid {
                place: "component 2".into(),
                detail: "setting `instances` must be between 1 and 10000, not 0".into(),
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
            ShareError::NewerVersion { version: 3 },
        ),
        ("truncated.json", ShareError::CutOff),
        (
            "not_a_diagram.json",
            ShareError::NotADiagram {
                detail: "the top level should be an object".into(),
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

// ----- arbitrary diagrams -----

fn arb_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(|v| v.into_iter().collect())
}

fn arb_coord() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-5_000i32..5_000).prop_map(f64::from),
        -1e6f64..1e6,
        Just(-0.0),
    ]
}

fn arb_service_time() -> impl Strategy<Value = ServiceTime> {
    prop_oneof![
        (0.001f64..1e4).prop_map(|mean_ms| ServiceTime::Exponential { mean_ms }),
        (0.001f64..1e4).prop_map(|mean_ms| ServiceTime::Deterministic { mean_ms }),
        (0.001f64..1e4, 0.01f64..4.0)
            .prop_map(|(mean_ms, sigma)| ServiceTime::LogNormal { mean_ms, sigma }),
    ]
}

fn arb_size() -> impl Strategy<Value = InstanceSize> {
    (0usize..4).prop_map(|i| InstanceSize::ALL[i])
}

fn arb_autoscaling() -> impl Strategy<Value = Autoscaling> {
    (any::<bool>(), 1u32..10, 0u32..50, 0.05f64..1.0, 0u32..3600).prop_map(
        |(enabled, min_instances, extra, target_utilization, cooldown_s)| Autoscaling {
            enabled,
            min_instances,
            max_instances: min_instances + extra,
            target_utilization,
            cooldown_s,
        },
    )
}

fn arb_config(kind: ComponentKind) -> BoxedStrategy<ComponentConfig> {
    match kind {
        ComponentKind::Users => (
            0usize..5,
            prop_oneof![
                (0f64..1e6).prop_map(|rate_rps| UserLoad::Rate { rate_rps }),
                (0u64..100_000_000, 0f64..10.0).prop_map(|(a, r)| UserLoad::ActiveUsers {
                    active_users: a,
                    requests_per_user_per_s: r
                }),
            ],
            (0f64..1.0, 0f64..1.0),
            (1_000u64..1_000_000_000, 0f64..2.0, 0u32..1000),
            (0f64..1.0, 0f64..1.0),
        )
            .prop_map(
                |(region, load, (r, w), (key_space, zipf_alpha, celebrity_keys), (cs, ls))| {
                    let read_share = r;
                    let write_share = (1.0 - r) * w;
                    ComponentConfig::Users(UsersConfig {
                        region: Region::ALL[region],
                        load,
                        read_share,
                        write_share,
                        static_share: 1.0 - read_share - write_share,
                        key_space,
                        zipf_alpha,
                        celebrity_keys,
                        celebrity_share: cs,
                        login_session_share: ls,
                    })
                },
            )
            .boxed(),
        ComponentKind::Dns => (
            0u32..86_400,
            prop::option::of((any::<u32>(), any::<u32>(), 0u8..=100)),
            1u32..120,
            1u32..10,
        )
            .prop_map(
                |(record_ttl_s, weighted, health_check_interval_s, failure_threshold)| {
                    ComponentConfig::Dns(DnsConfig {
                        record_ttl_s,
                        routing: match weighted {
                            None => DnsRouting::Nearest,
                            Some((a, b, p)) => DnsRouting::Weighted {
                                percent: vec![
                                    WeightedTarget {
                                        target: ComponentId(a),
                                        percent: p,
                                    },
                                    WeightedTarget {
                                        target: ComponentId(b),
                                        percent: 100 - p,
                                    },
                                ],
                            },
                        },
                        health_check_interval_s,
                        failure_threshold,
                    })
                },
            )
            .boxed(),
        ComponentKind::Cdn => (
            1u64..1_000_000_000,
            0u32..1_000_000,
            any::<bool>(),
            0f64..500.0,
        )
            .prop_map(|(c, t, v, r)| {
                ComponentConfig::Cdn(CdnConfig {
                    edge_capacity_objects: c,
                    ttl_s: t,
                    object_versioning: v,
                    edge_rtt_ms: r,
                })
            })
            .boxed(),
        ComponentKind::LoadBalancer => (
            0usize..4,
            1u32..120,
            1u32..10,
            0f64..10.0,
            prop_oneof![Just(0u64), 1u64..1_000_000],
        )
            .prop_map(|(a, h, f, l, cap)| {
                ComponentConfig::LoadBalancer(LoadBalancerConfig {
                    algorithm: [
                        LbAlgorithm::RoundRobin,
                        LbAlgorithm::LeastConnections,
                        LbAlgorithm::Random,
                        LbAlgorithm::StickyByClient,
                    ][a],
                    health_check_interval_s: h,
                    failure_threshold: f,
                    added_latency_ms: l,
                    capacity_rps: cap,
                })
            })
            .boxed(),
        ComponentKind::WebServers => (
            1u32..1000,
            arb_size(),
            arb_service_time(),
            1u32..64,
            any::<bool>(),
            arb_autoscaling(),
        )
            .prop_map(
                |(instances, instance_size, service_time, c, stateless, autoscaling)| {
                    ComponentConfig::WebServers(WebServersConfig {
                        instances,
                        instance_size,
                        service_time,
                        concurrency_per_instance: c,
                        sessions: if stateless {
                            SessionMode::Stateless
                        } else {
                            SessionMode::Stateful
                        },
                        autoscaling,
                    })
                },
            )
            .boxed(),
        ComponentKind::Cache => (
            1u64..1_000_000_000,
            0usize..3,
            0u32..1_000_000,
            any::<bool>(),
            any::<bool>(),
            (1u32..5, 0f64..5.0, 1u64..1_000_000_000),
        )
            .prop_map(
                |(
                    capacity_keys,
                    e,
                    ttl_s,
                    refresh,
                    read_through,
                    (replicas, get_latency_ms, ops),
                )| {
                    ComponentConfig::Cache(CacheConfig {
                        capacity_keys,
                        eviction: [Eviction::Lru, Eviction::Lfu, Eviction::Fifo][e],
                        ttl_s,
                        expiry: if refresh {
                            Expiry::RefreshOnHit
                        } else {
                            Expiry::SetOnWrite
                        },
                        read_through,
                        replicas,
                        get_latency_ms,
                        ops_per_node_per_s: ops,
                    })
                },
            )
            .boxed(),
        ComponentKind::SessionStore => (
            1u64..1_000_000_000,
            1u32..100_000,
            1u32..5,
            0f64..5.0,
            1u64..1_000_000_000,
        )
            .prop_map(|(c, t, r, l, ops)| {
                ComponentConfig::SessionStore(SessionStoreConfig {
                    capacity_sessions: c,
                    session_ttl_s: t,
                    replicas: r,
                    get_latency_ms: l,
                    ops_per_node_per_s: ops,
                })
            })
            .boxed(),
        ComponentKind::Database => (
            0u32..10,
            any::<bool>(),
            (1f64..1e5, 0f64..100.0),
            (1u32..60, 1u32..10, 0u32..300),
            arb_size(),
            arb_service_time(),
            1u32..64,
        )
            .prop_map(
                |(read_replicas, sync, (apply, net), (i, t, p), size, st, c)| {
                    ComponentConfig::Database(DatabaseConfig {
                        read_replicas,
                        replication: if sync {
                            Replication::Sync
                        } else {
                            Replication::Async
                        },
                        apply_rate_per_s: apply,
                        network_delay_ms: net,
                        failover: Failover {
                            detection_interval_s: i,
                            failure_threshold: t,
                            promotion_time_s: p,
                        },
                        instance_size: size,
                        service_time: st,
                        concurrency_per_node: c,
                    })
                },
            )
            .boxed(),
        ComponentKind::NoSql => (1u32..20, 0u32..20, arb_service_time(), 1u32..64)
            .prop_map(|(nodes, rf, st, c)| {
                ComponentConfig::NoSql(NoSqlConfig {
                    nodes,
                    replication_factor: 1 + rf % nodes,
                    service_time: st,
                    concurrency_per_node: c,
                })
            })
            .boxed(),
        ComponentKind::ShardedDatabase => (
            1u32..64,
            prop_oneof![
                Just("user_id".to_string()),
                Just("사용자_id".to_string()),
                "[a-z_]{1,20}"
            ],
            prop::option::of(1u32..1000),
            0u32..5,
            arb_service_time(),
            1u32..64,
        )
            .prop_map(
                |(shards, sharding_key, vnodes, replicas_per_shard, st, c)| {
                    ComponentConfig::ShardedDatabase(ShardedDatabaseConfig {
                        shards,
                        sharding_key,
                        strategy: match vnodes {
                            None => ShardingStrategy::Modulo,
                            Some(virtual_nodes) => {
                                ShardingStrategy::ConsistentHashing { virtual_nodes }
                            }
                        },
                        replicas_per_shard,
                        service_time: st,
                        concurrency_per_shard: c,
                    })
                },
            )
            .boxed(),
        ComponentKind::MessageQueue => (1u64..1_000_000_000, any::<bool>(), 0f64..50.0)
            .prop_map(|(c, d, l)| {
                ComponentConfig::MessageQueue(MessageQueueConfig {
                    capacity_messages: c,
                    durable: d,
                    enqueue_latency_ms: l,
                })
            })
            .boxed(),
        ComponentKind::Workers => (
            1u32..100,
            arb_service_time(),
            1u32..64,
            any::<bool>(),
            1u32..10,
            0u32..50,
            1u32..1000,
        )
            .prop_map(|(instances, st, c, enabled, min, extra, backlog)| {
                ComponentConfig::Workers(WorkersConfig {
                    instances,
                    service_time: st,
                    concurrency_per_instance: c,
                    autoscaling: QueueAutoscaling {
                        enabled,
                        min_instances: min,
                        max_instances: min + extra,
                        target_backlog_per_instance: backlog,
                        cooldown_s: 30,
                    },
                })
            })
            .boxed(),
        ComponentKind::MetricsSink => (any::<[bool; 4]>(), 1u32..600)
            .prop_map(|(b, s)| {
                ComponentConfig::MetricsSink(MetricsSinkConfig {
                    host_metrics: b[0],
                    aggregated_metrics: b[1],
                    business_metrics: b[2],
                    error_logs: b[3],
                    scrape_interval_s: s,
                })
            })
            .boxed(),
    }
}

/// One component before ids are assigned: kind, config, label (None = the kind's name),
/// position, group choice.
type Parts = (
    ComponentKind,
    ComponentConfig,
    Option<String>,
    f64,
    f64,
    Option<usize>,
);

fn arb_component() -> impl Strategy<Value = Parts> {
    (0usize..ComponentKind::ALL.len()).prop_flat_map(|k| {
        let kind = ComponentKind::ALL[k];
        (
            Just(kind),
            prop_oneof![Just(kind.default_config()), arb_config(kind)],
            prop::option::of(arb_text(24)),
            arb_coord(),
            arb_coord(),
            prop::option::of(0usize..4),
        )
    })
}

fn arb_traffic() -> impl Strategy<Value = TrafficProfile> {
    prop_oneof![
        Just(TrafficProfile::Constant),
        (0f64..100.0, 0f64..100.0).prop_map(|(start_factor, end_factor)| TrafficProfile::Ramp {
            start_factor,
            end_factor
        }),
        (1f64..1e6, 0f64..1.0).prop_map(|(period_s, trough_factor)| TrafficProfile::Diurnal {
            period_s,
            trough_factor
        }),
        (0f64..1e5, 0f64..1e5, 0f64..100.0).prop_map(|(at_s, duration_s, factor)| {
            TrafficProfile::Spike {
                at_s,
                duration_s,
                factor,
            }
        }),
        (0u64..1_000_000, 0u64..10_000_000_000).prop_map(|(start_users, end_users)| {
            TrafficProfile::Growth {
                start_users,
                end_users,
            }
        }),
    ]
}

pub(crate) fn arb_diagram() -> impl Strategy<Value = Diagram> {
    (
        prop::collection::vec(
            (
                arb_text(16),
                0usize..5,
                arb_coord(),
                arb_coord(),
                0f64..2e3,
                0f64..2e3,
            ),
            0..4,
        ),
        prop::collection::vec(arb_component(), 0..14),
        prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 0..24),
        prop::collection::vec((0u32..4, any::<u32>()), 0..40),
        (0u32..100_000, any::<u64>(), arb_traffic()),
        prop::collection::vec((any::<usize>(), 0usize..6, 0f64..1e6, 1f64..100.0), 0..6),
        0u32..1000,
    )
        .prop_map(
            |(groups, components, wires, gaps, (duration_s, seed, traffic), faults, spare)| {
                let mut gaps = gaps.into_iter().map(|(g, _)| g).chain(std::iter::repeat(0));
                let mut next = 0u32;
                let mut take = move || {
                    let id = next;
                    next += 1 + gaps.next().unwrap_or(0);
                    id
                };
                let mut d = Diagram::new();
                for (name, region, x, y, w, h) in groups {
                    let id = GroupId(take());
                    d.insert_group(Group {
                        id,
                        name,
                        region: Region::ALL[region],
                        bounds: Rect::new(x, y, w, h),
                    })
                    .unwrap();
                }
                for (kind, config, label, x, y, group) in components {
                    let group = group.and_then(|g| d.groups.get(g)).map(|g| g.id);
                    d.insert_component(Component {
                        id: ComponentId(take()),
                        kind,
                        label: label.unwrap_or_else(|| kind.name().to_string()),
                        pos: Point::new(x, y),
                        group,
                        config,
                    })
                    .unwrap();
                }
                let senders: Vec<&Component> = d
                    .components
                    .iter()
                    .filter(|c| !c.kind.ports().outputs.is_empty())
                    .collect();
                let receivers: Vec<&Component> = d
                    .components
                    .iter()
                    .filter(|c| c.kind.input().is_some())
                    .collect();
                let mut new_wires = Vec::new();
                if !senders.is_empty() && !receivers.is_empty() {
                    for (a, b, p) in wires {
                        let from = senders[a % senders.len()];
                        let to = receivers[b % receivers.len()];
                        let outputs = from.kind.ports().outputs;
                        new_wires.push((
                            OutPortRef {
                                component: from.id,
                                port: outputs[p % outputs.len()],
                            },
                            InPortRef {
                                component: to.id,
                                port: to.kind.input().unwrap(),
                            },
                        ));
                    }
                }
                for (from, to) in new_wires {
                    d.insert_wire(Wire {
                        id: WireId(take()),
                        from,
                        to,
                    })
                    .unwrap();
                }
                let mut scenario = Scenario {
                    duration_s,
                    seed,
                    traffic,
                    faults: Vec::new(),
                };
                for (pick, action, at_s, factor) in faults {
                    let targets: Vec<FaultTarget> = d
                        .components
                        .iter()
                        .map(|c| FaultTarget::Component(c.id))
                        .chain(d.groups.iter().map(|g| FaultTarget::Group(g.id)))
                        .chain(d.wires.iter().map(|w| FaultTarget::Wire(w.id)))
                        .collect();
                    if targets.is_empty() {
                        break;
                    }
                    let action = [
                        FaultAction::Fail,
                        FaultAction::Restore,
                        FaultAction::Slow { factor },
                        FaultAction::CutLink,
                        FaultAction::FlushCache,
                        FaultAction::DeployAssets,
                    ][action];
                    scenario.faults.push(Fault {
                        at_s,
                        action,
                        target: targets[pick % targets.len()],
                    });
                }
                d.scenario = scenario;
                d.next_id = d.next_id.saturating_add(spare);
                d
            },
        )
}

/// Cases for a property: `SCALELAB_FUZZ_CASES` if set, else `default`.
pub(crate) fn cases(default: u32) -> u32 {
    std::env::var("SCALELAB_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(96)))]

    #[test]
    fn arbitrary_diagrams_round_trip_exactly_through_json_and_link(d in arb_diagram()) {
        let from_json = import_json(&export_json(&d)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&from_json.diagram, &d);
        let from_link = decode_link(&encode_link(&d)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&from_link.diagram, &d);
        prop_assert_eq!(from_json.warnings, from_link.warnings);
    }
}

/// Never-panic properties over damaged and random inputs; a decoded result must itself
/// round-trip (so "success" never means a half-valid diagram).
mod fuzz {
    use super::*;

    fn check_decoded(
        result: Result<scalelab::share::Imported, ShareError>,
    ) -> Result<(), TestCaseError> {
        if let Ok(imported) = result {
            let d = imported.diagram;
            let again =
                decode_link(&encode_link(&d)).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&again.diagram, &d);
        } else if let Err(e) = result {
            prop_assert!(!e.to_string().is_empty());
        }
        Ok(())
    }

    /// Applies edits (position, kind of edit, replacement character) to `text`.
    fn mutate(text: &str, edits: &[(usize, u8, char)]) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        for &(pos, op, c) in edits {
            let len = chars.len();
            match op % 4 {
                0 if len > 0 => chars[pos % len] = c,
                1 if len > 0 => {
                    chars.remove(pos % len);
                }
                2 => chars.insert(pos % (len + 1), c),
                _ => chars.truncate(pos % (len + 1)),
            }
        }
        chars.into_iter().collect()
    }

    fn json_char() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::sample::select(vec![
                '{', '}', '[', ']', ',', ':', '"', '-', '0', '1', '9', 'e', '.', 'n', ' ', '\\'
            ]),
            any::<char>(),
        ]
    }

    fn link_char() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::sample::select(vec!['A', 'z', '0', '9', '-', '_', '=', '#', '+', '/', '%']),
            any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(256)))]

        #[test]
        fn random_text_never_panics(s in ".{0,200}", b in prop::collection::vec(link_char(), 0..200)) {
            check_decoded(decode_link(&s))?;
            check_decoded(import_json(&s))?;
            let fake: String = std::iter::once("v1=".to_string()).chain(b.iter().map(|c| c.to_string())).collect();
            check_decoded(decode_link(&fake))?;
        }

        #[test]
        fn mutated_links_never_panic(d in arb_diagram(), edits in prop::collection::vec((any::<usize>(), any::<u8>(), link_char()), 1..4)) {
            check_decoded(decode_link(&mutate(&encode_link(&d), &edits)))?;
        }

        #[test]
        fn mutated_link_payloads_never_panic(d in arb_diagram(), edits in prop::collection::vec((any::<usize>(), any::<u8>(), json_char()), 1..4)) {
            check_decoded(decode_link(&link_of_payload(&mutate(&payload_of(&d), &edits))))?;
        }

        #[test]
        fn mutated_json_files_never_panic(d in arb_diagram(), edits in prop::collection::vec((any::<usize>(), any::<u8>(), json_char()), 1..4)) {
            check_decoded(import_json(&mutate(&export_json(&d), &edits)))?;
        }
    }
}
