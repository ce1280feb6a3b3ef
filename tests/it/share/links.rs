//! Links: the chapter's final architecture fits in a link and round-trips, the compact
//! payload omits defaults, numbers survive exactly, and every damaged link gets a precise
//! error.

use base64::Engine;
use scalelab::model::examples::{chapter_final, single_server};
use scalelab::model::{ComponentConfig, ComponentKind, Fault, FaultAction, FaultTarget, Point};
use scalelab::share::{
    MAX_PAYLOAD_BYTES, ShareError, Source, Thing, WireEnd, decode_link, encode_link, export_json,
    import_json,
};

use super::{B64, en, link_err, link_of_payload, payload_of};

#[test]
fn chapter_final_link_fits_in_2000_characters_and_round_trips() {
    let d = chapter_final();
    let link = encode_link(&d);
    println!("chapter_final link: {} characters", link.len());
    assert!(link.len() <= 2_000, "link is {} characters", link.len());
    assert!(link.starts_with("v1="));
    let back = decode_link(&link).expect("decodes");
    assert!(back.warnings.is_empty());
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

#[test]
fn link_envelope_errors_are_precise() {
    assert_eq!(link_err(""), ShareError::Empty);
    assert_eq!(link_err("#"), ShareError::Empty);
    assert_eq!(link_err("hello"), ShareError::NotALink);
    assert_eq!(link_err("x1=abc"), ShareError::NotALink);
    assert_eq!(link_err("v=abc"), ShareError::NotALink);
    assert_eq!(
        link_err("v3=abcd"),
        ShareError::NewerVersion {
            what: Source::Link,
            version: 3
        }
    );
    assert!(en(&link_err("v3=abcd")).starts_with("this link is from a newer ScaleLab"));
    assert_eq!(
        link_err("v0=abcd"),
        ShareError::UnsupportedVersion {
            what: Source::Link,
            version: "0".into()
        }
    );
    assert_eq!(link_err("v1="), ShareError::CutOff);
    let link = encode_link(&chapter_final());
    let mut bad = link.clone();
    bad.replace_range(10..11, "!");
    // The 11th character, as a person counts.
    assert_eq!(link_err(&bad), ShareError::BadCharacters { position: 11 });
    let huge = format!("v1={}", "A".repeat(scalelab::share::MAX_LINK_CHARS));
    assert!(matches!(
        link_err(&huge),
        ShareError::TooLarge {
            what: Source::Link,
            ..
        }
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
            end: WireEnd::End,
            component: 7
        }
    );
    assert_eq!(
        link_err(&link_of_payload(r#"{"n":5,"c":[[0,4,0,0],[0,7,0,0]]}"#)),
        ShareError::DuplicateId {
            what: Thing::Component,
            id: 0
        }
    );
    let err = link_err(&link_of_payload(
        r#"{"n":5,"c":[[0,4,0,0,null,null,{"instances":0}]]}"#,
    ));
    assert_eq!(
        en(&err),
        "component 0: setting “instances” must be between 1 and 10,000, not 0"
    );
    let err = link_err(&link_of_payload(r#"{"n":5,"c":[[0,"web",0,0]]}"#));
    assert_eq!(en(&err), "component #0: “kind” should be an index");
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

#[test]
fn a_non_default_seed_travels_in_the_link_and_the_file() {
    // The seed is part of the scenario: a sender's seed must arrive as it was, not as the
    // default (1) nor as the example's (42), in the link and in the exported file alike, the
    // largest seeds too.
    for base in [single_server(), chapter_final()] {
        for seed in [7, 42, 4_294_967_295, u64::MAX] {
            let mut d = base.clone();
            d.scenario.seed = seed;
            let back = decode_link(&encode_link(&d)).expect("decodes").diagram;
            assert_eq!(back.scenario.seed, seed);
            assert_eq!(back, d);
            let back = import_json(&export_json(&d)).expect("imports").diagram;
            assert_eq!(back.scenario.seed, seed);
            assert_eq!(back, d);
        }
    }
}

#[test]
fn the_biggest_instance_sizes_are_written_by_name_and_round_trip_beside_old_files() {
    // Sizes added for scaling up past 16 vCPU: a file or link holding one opens as it was
    // saved, and files from before them still read their own sizes (`vcpu2` ... `vcpu16`).
    use scalelab::model::config::InstanceSize;
    let mut d = chapter_final();
    let mut sized = 0;
    for c in &mut d.components {
        match &mut c.config {
            ComponentConfig::WebServers(w) => {
                w.instance_size = InstanceSize::Vcpu32;
                sized += 1;
            }
            ComponentConfig::Database(db) => {
                db.instance_size = InstanceSize::Vcpu64;
                sized += 1;
            }
            _ => {}
        }
    }
    assert!(sized >= 2);
    let json = export_json(&d);
    assert!(json.contains(r#""instance_size": "vcpu32""#), "{json}");
    assert!(json.contains(r#""instance_size": "vcpu64""#), "{json}");
    assert_eq!(import_json(&json).unwrap().diagram, d);
    assert_eq!(decode_link(&encode_link(&d)).unwrap().diagram, d);
    let old = include_str!("../../fixtures/chapter_final.json");
    assert_eq!(import_json(old).unwrap().diagram, chapter_final());
}

#[test]
fn a_shard_added_on_the_fault_timeline_is_written_by_name_and_round_trips() {
    let mut d = chapter_final();
    let db = d
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::ShardedDatabase)
        .expect("the chapter's design has a sharded user database")
        .id;
    d.scenario.faults.push(Fault {
        at_s: 90.0,
        action: FaultAction::AddShard,
        target: FaultTarget::Component(db),
    });
    let json = export_json(&d);
    assert!(json.contains(r#""action": "add_shard""#), "{json}");
    assert_eq!(import_json(&json).unwrap().diagram, d);
    assert_eq!(decode_link(&encode_link(&d)).unwrap().diagram, d);
}
