//! What can be wrong with a file or a link, and what was repaired or ignored on the way in, as
//! typed values: the catalogues (`present::say::share_error`, `say::import_warning`,
//! `say::opening_notice`) word them in every language, so nothing here is a sentence.
//!
//! Data the document holds (a kind, a key, a version it names) stays a `String`; the parser's
//! own detail (`serde_json`'s message) is kept for the English screen and for developers.

use crate::model::ComponentKind;
use crate::model::config::{ConfigError, Number};
use crate::model::rules::WireReason;

/// A sort of thing a document holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    Component,
    Wire,
    Datacenter,
    Fault,
}

/// What was too large to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Link,
    File,
}

/// Which end of a wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireEnd {
    Start,
    End,
}

/// Where in a document a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The document's top level (unknown fields there).
    TopLevel,
    /// The `next_id` counter.
    NextId,
    /// The ids as a whole.
    Ids,
    /// A link's top level.
    Link,
    /// The scenario.
    Scenario,
    /// The scenario's traffic profile.
    TrafficProfile,
    /// The datacenter with this id.
    Datacenter(u32),
    /// The component with this id.
    Component(u32),
    /// The settings of the component with this id.
    ComponentSettings(u32),
    /// The wire with this id.
    Wire(u32),
    /// The n-th datacenter of the list (from 0).
    DatacenterAt(usize),
    /// The n-th component of the list (from 0).
    ComponentAt(usize),
    /// The n-th wire of the list (from 0).
    WireAt(usize),
    /// The n-th fault of the scenario (from 0).
    FaultAt(usize),
}

/// What a value should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A whole number up to 4294967295.
    WholeNumber,
    /// An index into a list.
    Index,
    /// A number.
    Number,
    /// Text.
    Text,
    /// An object.
    Object,
    /// The name of an output port.
    KnownOutPort,
    /// The name of an input port.
    KnownInPort,
    /// `true` or `false`.
    TrueOrFalse,
    /// A list.
    List,
}

/// Why the top of a document is not a diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotDiagram {
    /// The top level is not an object.
    TopNotObject,
    /// `key` should be a list.
    ShouldBeList(&'static str),
    /// `key` should be an object.
    ShouldBeObject(&'static str),
    /// The file has no `key`.
    Missing(&'static str),
    /// The `format` marker is this JSON value instead of ScaleLab's.
    FormatIs(String),
}

/// What is wrong with one value of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The parser could not read it; `detail` is the parser's (English) message.
    Unreadable { detail: String },
    /// Not a whole number up to 4294967295.
    NotWholeNumber,
    /// A coordinate beyond ±[`super::MAX_COORD`] or not a number.
    Coordinate { field: &'static str, value: Number },
    /// Text longer than [`super::MAX_LABEL_CHARS`].
    TooLong { field: &'static str, chars: usize },
    /// A region this build does not know.
    UnknownRegion { name: String },
    /// A region index past the list.
    UnknownRegionIndex { index: usize },
    /// A negative width or height.
    NegativeSize,
    /// The component belongs to a datacenter that is not in the diagram.
    DatacenterMissing { datacenter: u32 },
    /// `config` is not an object.
    ConfigNotObject,
    /// The settings do not read as the kind's settings; `detail` is the parser's message.
    Settings { detail: String },
    /// A setting is out of range.
    Setting(ConfigError),
    /// A value of the traffic profile is out of range.
    Traffic(ConfigError),
    /// The wire leaves from an output its component does not have.
    NoSuchOutput { kind: ComponentKind, port: String },
    /// The wire ends at an input its component does not have.
    NoSuchInput { kind: ComponentKind, port: String },
    /// The wire ends at a component with no input at all.
    NoInput { kind: ComponentKind },
    /// A fault's time is negative or not a number.
    FaultTime { value: Number },
    /// A slow-down factor outside 1..=1,000,000.
    SlowFactor { value: Number },
    /// A fault targets something that is not in the diagram.
    TargetMissing,
    /// An id of 4294967295 leaves no room for new ones.
    IdsFull,
    /// A row shorter than `min` values.
    RowTooShort { min: usize },
    /// `field` (named as the v1 file names it) should be something else.
    FieldShouldBe {
        field: &'static str,
        expected: Expected,
    },
    /// A link's id counter is missing or not a whole number.
    IdCounter,
    /// A value of the wrong kind: `found` as the file writes it (`-1`, `null`; a text without
    /// its quotes), in `field` where the value is found under one key of the object read.
    WrongValue {
        field: Option<String>,
        found: String,
        expected: Expected,
    },
    /// A field the format needs is not there.
    MissingField { field: String },
}

impl Problem {
    /// What the JSON parser said of `value` (`detail`, its message), as a problem the
    /// catalogues can word in either language: a value of the wrong kind, named by its key
    /// where one key of the object (or of an object in it) holds it, or a missing field; else
    /// the parser's own message.
    pub fn unreadable(detail: String, value: &serde_json::Value) -> Problem {
        if let Some(field) = detail
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(field, _)| field.to_string())
        {
            return Problem::MissingField { field };
        }
        let shape = detail
            .strip_prefix("invalid type: ")
            .or_else(|| detail.strip_prefix("invalid value: "))
            .and_then(|rest| rest.split_once(", expected "));
        let Some((found, expected)) = shape else {
            return Problem::Unreadable { detail };
        };
        let expected = match expected {
            "f64" | "f32" => Expected::Number,
            "u8" | "u16" | "u32" | "u64" | "usize" => Expected::WholeNumber,
            "a string" => Expected::Text,
            "a boolean" => Expected::TrueOrFalse,
            e if e.starts_with("a sequence") || e.starts_with("tuple") => Expected::List,
            e if e.starts_with("struct ") || e == "a map" || e.contains("tagged enum") => {
                Expected::Object
            }
            _ => return Problem::Unreadable { detail },
        };
        // The value as the file writes it: `string "abc"`, `integer `5``, `boolean `true``...
        let seen: Option<serde_json::Value> = match found.split_once(' ') {
            Some(("string", text)) => serde_json::from_str(text).ok(),
            // `integer `5``, `floating point `1e+300``: the value is between the backquotes.
            Some(_) => found
                .split('`')
                .nth(1)
                .and_then(|quoted| serde_json::from_str(quoted).ok()),
            None if found == "null" => Some(serde_json::Value::Null),
            None => None,
        };
        let shown = match (&seen, found) {
            (Some(serde_json::Value::String(text)), _) => text.clone(),
            (Some(v), _) => v.to_string(),
            (None, "map") => "{…}".to_string(),
            (None, "sequence") => "[…]".to_string(),
            (None, other) => other.to_string(),
        };
        Problem::WrongValue {
            field: seen.as_ref().and_then(|v| key_holding(value, v)),
            found: shown,
            expected,
        }
    }
}

/// The one key of `object`, or of an object in it at any depth (`config.cache_keys`), whose
/// value is `seen`, as a dotted path; `None` when no key or more than one does.
fn key_holding(object: &serde_json::Value, seen: &serde_json::Value) -> Option<String> {
    fn walk(
        object: &serde_json::Value,
        seen: &serde_json::Value,
        at: &str,
        keys: &mut Vec<String>,
    ) {
        let serde_json::Value::Object(map) = object else {
            return;
        };
        for (key, v) in map {
            let path = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            if v == seen {
                keys.push(path);
            } else {
                walk(v, seen, &path, keys);
            }
        }
    }
    let mut keys = Vec::new();
    walk(object, seen, "", &mut keys);
    match keys.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Something ignored or repaired while reading a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportWarning {
    /// A field this build does not know was ignored.
    UnknownField { place: Place, field: String },
    /// Values past the end of a row were ignored.
    TrailingValues { place: Place, count: usize },
    /// A wire the connection rules refuse (kept, as the review will say).
    BreaksRule { wire: u32, reason: WireReason },
    /// A wire from a component to itself.
    SelfWire { wire: u32 },
    /// A wire that repeats another.
    DuplicateWire { wire: u32 },
    /// `next_id` was not above every id and was raised.
    NextIdRaised { was: u32, now: u32 },
    /// An early (v0) file was upgraded.
    UpgradedFromV0,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Problem {
        let e = serde_json::from_value::<T>(v.clone())
            .err()
            .expect("refused");
        Problem::unreadable(e.to_string(), v)
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Card {
        id: u32,
        x: f64,
        label: String,
        on: bool,
    }

    #[test]
    fn the_parsers_refusals_name_the_field_and_what_it_should_be() {
        let card = json!({"id": 1, "x": "abc", "label": "Web", "on": true});
        assert_eq!(
            read::<Card>(&card),
            Problem::WrongValue {
                field: Some("x".into()),
                found: "abc".into(),
                expected: Expected::Number,
            }
        );
        let card = json!({"id": -1, "x": 0.0, "label": "Web", "on": true});
        assert_eq!(
            read::<Card>(&card),
            Problem::WrongValue {
                field: Some("id".into()),
                found: "-1".into(),
                expected: Expected::WholeNumber,
            }
        );
        let card = json!({"id": 1, "x": 0.0, "label": "Web", "on": "yes"});
        assert!(matches!(
            read::<Card>(&card),
            Problem::WrongValue { field: Some(f), expected: Expected::TrueOrFalse, .. } if f == "on"
        ));
        let card = json!({"id": 1, "x": 0.0, "label": "Web"});
        assert_eq!(
            read::<Card>(&card),
            Problem::MissingField { field: "on".into() }
        );
        // Two keys hold the same wrong value: which one is not guessed.
        let card = json!({"id": 1, "x": "abc", "label": "Web", "on": true, "y": "abc"});
        assert!(matches!(
            read::<Card>(&card),
            Problem::WrongValue { field: None, .. }
        ));
        // What the parser says otherwise is kept as it said it.
        assert_eq!(
            Problem::unreadable("something else".into(), &card),
            Problem::Unreadable {
                detail: "something else".into()
            }
        );
    }
}
