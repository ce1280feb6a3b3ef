//! Integration tests of the share formats: round trips, size, errors, migration, fuzzing.

use scalelab::model::examples::{chapter_final, single_server};
use scalelab::share::{decode_link, encode_link, export_json, import_json};

#[test]
fn chapter_final_link_fits_in_2000_characters_and_round_trips() {
    let d = chapter_final();
    let link = encode_link(&d);
    println!("chapter_final link: {} characters", link.len());
    assert!(link.len() <= 2_000, "link is {} characters", link.len());
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
