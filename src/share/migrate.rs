//! Version detection and migration of older documents to the current format.
//!
//! Each past format has a documented shape and one step to the next version; [`to_current`]
//! applies the steps in order on the raw JSON value, noting each in the warnings. A version
//! above [`FORMAT_VERSION`] is refused with [`ShareError::NewerVersion`].
//!
//! Versions:
//! - v0, the prototype's files: no `version`, no `format`, no `next_id`, no `scenario`; a
//!   top-level `seed` (optional) held the random seed; components had a `position: {x, y}`
//!   object instead of `x` and `y`. Migrated by moving `position` to `x`/`y`, building the
//!   default scenario around `seed`, and setting `next_id` above every id.
//! - v1, the current format ([`super::v1`]).

use serde_json::{Map, Value};

use super::{FORMAT_VERSION, ImportWarning, NotDiagram, ShareError, Source};
use crate::model::Scenario;

/// The version a document declares (absent means v0).
pub fn detect_version(root: &Map<String, Value>) -> Result<u64, ShareError> {
    match root.get("version") {
        None => Ok(0),
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| ShareError::UnsupportedVersion {
            what: Source::File,
            version: n.to_string(),
        }),
        Some(other) => Err(ShareError::UnsupportedVersion {
            what: Source::File,
            version: written(other),
        }),
    }
}

/// A JSON value as a person wrote it: a text without its quotes, anything else as JSON.
fn written(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Migrates a document of any known version to the current one.
///
/// The `format` marker is read before the version: another app's file with a `version` of
/// its own (an Excalidraw drawing's 2, a package.json's "1.0.0") is not a diagram from a
/// newer ScaleLab. A document without the marker (one written by hand) is read as ScaleLab's
/// if it has a `components` list, the one thing every version of the format has.
pub fn to_current(value: Value, warnings: &mut Vec<ImportWarning>) -> Result<Value, ShareError> {
    let Value::Object(mut root) = value else {
        return Err(ShareError::NotADiagram {
            why: NotDiagram::TopNotObject,
        });
    };
    match root.get("format") {
        Some(Value::String(marker)) if marker == super::v1::FORMAT_MARKER => {}
        // Said as written, a text without its quotes (the words quote it).
        Some(other) => {
            return Err(ShareError::NotADiagram {
                why: NotDiagram::FormatIs(written(other)),
            });
        }
        None if !root.contains_key("components") => {
            return Err(ShareError::NotADiagram {
                why: NotDiagram::Missing("components"),
            });
        }
        None => {}
    }
    let version = detect_version(&root)?;
    if version > u64::from(FORMAT_VERSION) {
        return Err(ShareError::NewerVersion {
            what: Source::File,
            version,
        });
    }
    if version == 0 {
        root = v0_to_v1(root)?;
        warnings.push(ImportWarning::UpgradedFromV0);
    }
    Ok(Value::Object(root))
}

/// A v0 document (with its `components`, which [`to_current`] has checked) as v1.
fn v0_to_v1(mut root: Map<String, Value>) -> Result<Map<String, Value>, ShareError> {
    let mut max_id: u64 = 0;
    let mut any = false;
    for key in ["components", "wires", "groups"] {
        if let Some(Value::Array(items)) = root.get_mut(key) {
            for item in items.iter_mut() {
                let Value::Object(obj) = item else { continue };
                if let Some(id) = obj.get("id").and_then(Value::as_u64) {
                    max_id = max_id.max(id);
                    any = true;
                }
                if key == "components"
                    && let Some(Value::Object(pos)) = obj.remove("position")
                {
                    for axis in ["x", "y"] {
                        obj.insert(
                            axis.to_string(),
                            pos.get(axis).cloned().unwrap_or(Value::from(0.0)),
                        );
                    }
                }
            }
        } else if !root.contains_key(key) {
            root.insert(key.to_string(), Value::Array(Vec::new()));
        }
    }
    let mut scenario = serde_json::to_value(super::v1::ScenarioV1 {
        duration_s: Scenario::default().duration_s,
        seed: Scenario::default().seed,
        traffic: Scenario::default().traffic,
        faults: Vec::new(),
    })
    .unwrap_or(Value::Null);
    if let Some(seed) = root.remove("seed")
        && let Value::Object(s) = &mut scenario
    {
        s.insert("seed".to_string(), seed);
    }
    root.insert("scenario".to_string(), scenario);
    let next = if any { max_id.saturating_add(1) } else { 0 };
    root.insert("next_id".to_string(), Value::from(next));
    root.insert("version".to_string(), Value::from(1));
    Ok(root)
}
