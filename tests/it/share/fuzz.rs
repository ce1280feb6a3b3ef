//! Never-panic properties over damaged and random inputs; a decoded result must itself
//! round-trip (so "success" never means a half-valid diagram).
use proptest::prelude::*;
use scalelab::share::{ShareError, decode_link, encode_link, export_json, import_json};

use scalelab::present::lang::Lang;
use scalelab::present::say;

use super::{arb_diagram, cases, en, link_of_payload, payload_of};

fn check_decoded(
    result: Result<scalelab::share::Imported, ShareError>,
) -> Result<(), TestCaseError> {
    if let Ok(imported) = result {
        let d = imported.diagram;
        let again = decode_link(&encode_link(&d)).map_err(|e| TestCaseError::fail(en(&e)))?;
        prop_assert_eq!(&again.diagram, &d);
    } else if let Err(e) = result {
        prop_assert!(!en(&e).is_empty());
        prop_assert!(!say::share_error(Lang::Ko, &e).is_empty());
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
