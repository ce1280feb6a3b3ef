//! Integration tests of the share formats, one file per topic: links (round trips, size,
//! precise errors), JSON files (precise errors, warnings, migration), the regression corpus of
//! bad inputs, arbitrary diagrams (the strategy, and their exact round trips), and fuzzing
//! (mutated, truncated and random inputs never panic). This module holds what they share.
//!
//! Case counts are small by default to keep `cargo test` fast. A long fuzz run:
//! `SCALELAB_FUZZ_CASES=1000000 cargo test --release --test it share::fuzz`.

mod arbitrary;
mod corpus;
mod files;
mod fuzz;
mod links;

use base64::Engine;
use scalelab::model::Diagram;
use scalelab::present::lang::Lang;
use scalelab::present::say;
use scalelab::share::{ImportWarning, ShareError, decode_link, import_json};

pub(crate) use arbitrary::arb_diagram;

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

/// A share error as the English screen says it.
fn en(e: &ShareError) -> String {
    say::share_error(Lang::En, e)
}

/// Import warnings as the English screen says them.
fn en_warnings(warnings: &[ImportWarning]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| say::import_warning(Lang::En, w))
        .collect()
}

fn link_err(fragment: &str) -> ShareError {
    decode_link(fragment).expect_err("should be refused")
}

fn json_err(text: &str) -> ShareError {
    import_json(text).expect_err("should be refused")
}

/// Cases for a property: `SCALELAB_FUZZ_CASES` if set, else `default`.
pub(crate) fn cases(default: u32) -> u32 {
    std::env::var("SCALELAB_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
