//! The versioned wire formats: JSON files and `#v1=` share-link fragments.
//!
//! Its own DTO types ([`v1`]), converted to the model and back, so the model can change without
//! breaking links people already sent. Every input goes through the same steps, each a type:
//! raw text -> `serde_json::Value` -> [`migrate`] to the current version -> the v1 DTO ->
//! strictly validated [`Diagram`]. The link form is the same document in a compact positional
//! shape ([`compact`]: defaults omitted, enums as indexes), deflated and base64url-encoded.
//!
//! Guarantees:
//! - decoding never panics, and never allocates without bound: the text, the base64 payload and
//!   the decompressed payload are capped ([`MAX_LINK_CHARS`], [`MAX_PAYLOAD_BYTES`],
//!   [`MAX_FILE_BYTES`]) before and during decompression, and so are the counts of things;
//! - a valid diagram round-trips exactly through both forms (floats included: serde_json is
//!   built with `float_roundtrip`);
//! - a bad input gets a precise [`ShareError`] whose message says what to do;
//! - what the format refuses in a document ([`check_text`], [`check_config`],
//!   [`check_scenario`]) the editor refuses in an edit, so whatever the app saves it can open
//!   again;
//! - unknown fields are dropped with a warning in [`Imported::warnings`], not refused, so a
//!   file saved by a slightly newer build of the same format version still opens.
//!
//! Component settings travel in the model's own serde shape (field names of
//! `model::config`), merged over the kind's defaults, so an added setting needs no new version;
//! renaming or removing one does, with a migration step. The fixture
//! `tests/fixtures/chapter_final.json` fails a test if the shape changes by accident.

pub mod compact;
pub mod migrate;
pub mod open;
pub mod problem;
pub mod v1;

use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};

use crate::model::config::{ComponentConfig, Number};
use crate::model::{Diagram, FaultAction, Scenario};

pub use problem::{Expected, ImportWarning, NotDiagram, Place, Problem, Source, Thing, WireEnd};

/// The format version this build writes.
pub const FORMAT_VERSION: u32 = 1;
/// Largest JSON file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 8 << 20;
/// Longest link fragment accepted, in characters.
pub const MAX_LINK_CHARS: usize = 256 * 1024;
/// Largest decompressed link payload accepted, in bytes (a deflate bomb stops here).
pub const MAX_PAYLOAD_BYTES: usize = 4 << 20;
/// Most components a document may hold.
pub const MAX_COMPONENTS: usize = 5_000;
/// Most wires a document may hold.
pub const MAX_WIRES: usize = 20_000;
/// Most datacenters a document may hold.
pub const MAX_GROUPS: usize = 500;
/// Most scheduled faults a document may hold.
pub const MAX_FAULTS: usize = 5_000;
/// Longest label or datacenter name, in characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// Largest coordinate magnitude, in world units.
pub const MAX_COORD: f64 = 1e9;
/// Latest time a scheduled fault may have, in seconds.
pub const MAX_FAULT_AT_S: f64 = 1e9;
/// Largest slow-down factor a fault may have.
pub const MAX_SLOW_FACTOR: f64 = 1e6;

/// Whether a label or datacenter name of `text` fits the format ([`MAX_LABEL_CHARS`]): the
/// file, the link and the editor's every edit hold to it, so whatever is saved opens again.
pub fn check_text(place: Place, field: &'static str, text: &str) -> Result<(), ShareError> {
    let chars = text.chars().count();
    if chars > MAX_LABEL_CHARS {
        return Err(ShareError::Invalid {
            place,
            problem: Problem::TooLong { field, chars },
        });
    }
    Ok(())
}

/// Whether component `id`'s settings are in range ([`ComponentConfig::check`]).
pub fn check_config(id: u32, config: &ComponentConfig) -> Result<(), ShareError> {
    config.check().map_err(|e| ShareError::Invalid {
        place: Place::Component(id),
        problem: Problem::Setting(e),
    })
}

/// Whether `at_s` is a time a scheduled fault may have: from 0 to [`MAX_FAULT_AT_S`] seconds.
pub fn fault_time_fits(at_s: f64) -> bool {
    at_s.is_finite() && (0.0..=MAX_FAULT_AT_S).contains(&at_s)
}

/// Whether a scenario's traffic profile, fault times and slow-down factors are what the
/// format holds (whether the faults' targets exist is the document's to say).
pub fn check_scenario(scenario: &Scenario) -> Result<(), ShareError> {
    scenario.traffic.check().map_err(|e| ShareError::Invalid {
        place: Place::TrafficProfile,
        problem: Problem::Traffic(e),
    })?;
    for (n, f) in scenario.faults.iter().enumerate() {
        let place = Place::FaultAt(n);
        if !fault_time_fits(f.at_s) {
            return Err(ShareError::Invalid {
                place,
                problem: Problem::FaultTime {
                    value: Number(f.at_s),
                },
            });
        }
        if let FaultAction::Slow { factor } = f.action
            && !(factor.is_finite() && (1.0..=MAX_SLOW_FACTOR).contains(&factor))
        {
            return Err(ShareError::Invalid {
                place,
                problem: Problem::SlowFactor {
                    value: Number(factor),
                },
            });
        }
    }
    Ok(())
}

/// A decoded document and what was dropped or repaired on the way in.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub diagram: Diagram,
    /// Each thing ignored or repaired (unknown fields, an old format migrated...).
    pub warnings: Vec<ImportWarning>,
}

/// Why a file or link could not be opened; `present::say::share_error` words it so a user can
/// act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// Nothing to decode.
    Empty,
    /// Over a size limit before decoding.
    TooLarge { what: Source, limit: usize },
    /// The fragment does not start with `v<number>=`.
    NotALink,
    /// A character outside the base64url alphabet, at `position` in the fragment, counted
    /// from 1 after the `#`.
    BadCharacters { position: usize },
    /// The link's data ends early (cut off when copied).
    CutOff,
    /// The file's JSON ends early (a truncated file: saved or downloaded only in part).
    FileCutOff,
    /// The compressed data is damaged.
    Corrupted,
    /// The data would expand past [`MAX_PAYLOAD_BYTES`] (a deflate bomb).
    ExpandsTooMuch { limit: usize },
    /// Not JSON at all.
    NotJson {
        line: usize,
        column: usize,
        /// The parser's own (English) message.
        detail: String,
    },
    /// JSON, but not a ScaleLab diagram (wrong shape at the top).
    NotADiagram { why: NotDiagram },
    /// Written by a newer ScaleLab.
    NewerVersion { what: Source, version: u64 },
    /// A version this build does not know (not a number, or an old one without a migration).
    UnsupportedVersion { what: Source, version: String },
    /// A value is missing, has the wrong type or is out of range.
    Invalid { place: Place, problem: Problem },
    /// A component kind this build does not know.
    UnknownKind { component: u32, kind: String },
    /// Two things of the same sort share an id.
    DuplicateId { what: Thing, id: u32 },
    /// A wire end names a component that is not in the document.
    DanglingWire {
        wire: u32,
        end: WireEnd,
        component: u32,
    },
    /// More things of a sort than the format allows.
    TooMany { what: Thing, limit: usize },
}

/// The document as a pretty-printed JSON file (format v1).
pub fn export_json(diagram: &Diagram) -> String {
    let file = v1::FileV1::from_model(diagram);
    serde_json::to_string_pretty(&file).unwrap_or_else(|_| String::from("{}"))
}

/// Reads a JSON file of any supported version.
pub fn import_json(text: &str) -> Result<Imported, ShareError> {
    if text.trim().is_empty() {
        return Err(ShareError::Empty);
    }
    if text.len() > MAX_FILE_BYTES {
        return Err(ShareError::TooLarge {
            what: Source::File,
            limit: MAX_FILE_BYTES,
        });
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(json_error)?;
    let mut warnings = Vec::new();
    let value = migrate::to_current(value, &mut warnings)?;
    let file = v1::FileV1::parse(value, &mut warnings)?;
    let diagram = file.into_model(&mut warnings)?;
    Ok(Imported { diagram, warnings })
}

fn json_error(e: serde_json::Error) -> ShareError {
    if e.is_eof() {
        ShareError::FileCutOff
    } else {
        ShareError::NotJson {
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        }
    }
}

/// The base64url engine: no padding written, padding tolerated on reading.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The URL fragment for `diagram` (without `#`): `v1=<base64url(deflate(compact JSON))>`.
pub fn encode_link(diagram: &Diagram) -> String {
    let payload = compact::encode(&v1::FileV1::from_model(diagram));
    let text = serde_json::to_string(&payload).unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10);
    format!("v{FORMAT_VERSION}={}", BASE64.encode(deflated))
}

/// Reads a link fragment, with or without the leading `#`.
pub fn decode_link(fragment: &str) -> Result<Imported, ShareError> {
    let fragment = fragment.trim();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLarge {
            what: Source::Link,
            limit: MAX_LINK_CHARS,
        });
    }
    let (prefix, data) = fragment.split_once('=').ok_or(ShareError::NotALink)?;
    let digits = prefix.strip_prefix('v').ok_or(ShareError::NotALink)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ShareError::NotALink);
    }
    match digits.parse::<u64>() {
        Ok(1) => {}
        Ok(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(ShareError::NewerVersion {
                what: Source::Link,
                version: v,
            });
        }
        _ => {
            return Err(ShareError::UnsupportedVersion {
                what: Source::Link,
                version: digits.to_string(),
            });
        }
    }
    if data.is_empty() {
        return Err(ShareError::CutOff);
    }
    let deflated = BASE64.decode(data.as_bytes()).map_err(|e| match e {
        base64::DecodeError::InvalidByte(position, b'=') if position + 2 >= data.len() => {
            ShareError::CutOff
        }
        base64::DecodeError::InvalidByte(position, _) => ShareError::BadCharacters {
            // The data starts after the prefix and its `=`; people count from 1.
            position: position + prefix.len() + 2,
        },
        base64::DecodeError::InvalidLength(_)
        | base64::DecodeError::InvalidLastSymbol(_, _)
        | base64::DecodeError::InvalidPadding => ShareError::CutOff,
    })?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_PAYLOAD_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::ExpandsTooMuch {
                limit: MAX_PAYLOAD_BYTES,
            },
            miniz_oxide::inflate::TINFLStatus::FailedCannotMakeProgress
            | miniz_oxide::inflate::TINFLStatus::NeedsMoreInput => ShareError::CutOff,
            _ => ShareError::Corrupted,
        })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| ShareError::Corrupted)?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ShareError::CutOff
        } else {
            ShareError::Corrupted
        }
    })?;
    let mut warnings = Vec::new();
    let file = compact::decode(value, &mut warnings)?;
    let diagram = file.into_model(&mut warnings)?;
    Ok(Imported { diagram, warnings })
}
