//! The share layer's words in English: why a file or link could not be opened, what was
//! ignored or repaired on the way in, and what the app says when it opens.
//!
//! Owns the English of [`ShareError`] (with its [`Place`], [`Problem`] and [`NotDiagram`]),
//! [`ImportWarning`] and [`Notice`]; the Korean sibling is `korean::share`.

use crate::decimal::Shortest;
use crate::share::open::{Kept, Notice};
use crate::share::v1::FORMAT_MARKER;
use crate::share::{
    Expected, FORMAT_VERSION, ImportWarning, MAX_COORD, MAX_LABEL_CHARS, NotDiagram, Place,
    Problem, ShareError, Source, Thing, WireEnd,
};

use super::{config_error, kind_name, wire_reason};

fn thing(t: Thing) -> &'static str {
    match t {
        Thing::Component => "component",
        Thing::Wire => "wire",
        Thing::Datacenter => "datacenter",
        Thing::Fault => "fault",
    }
}

/// Where in a document: "component 3", "wire #0", "traffic profile".
pub fn share_place(p: Place) -> String {
    match p {
        Place::TopLevel => "the file".to_string(),
        Place::NextId => "next_id".to_string(),
        Place::Ids => "ids".to_string(),
        Place::Link => "link".to_string(),
        Place::Scenario => "scenario".to_string(),
        Place::TrafficProfile => "traffic profile".to_string(),
        Place::Datacenter(id) => format!("datacenter {id}"),
        Place::Component(id) => format!("component {id}"),
        Place::ComponentSettings(id) => format!("component {id} settings"),
        Place::Wire(id) => format!("wire {id}"),
        Place::DatacenterAt(n) => format!("datacenter #{n}"),
        Place::ComponentAt(n) => format!("component #{n}"),
        Place::WireAt(n) => format!("wire #{n}"),
        Place::FaultAt(n) => format!("fault #{n}"),
    }
}

fn expected(e: Expected) -> &'static str {
    match e {
        Expected::WholeNumber => "a whole number from 0 to 4,294,967,295",
        Expected::Index => "an index",
        Expected::Number => "a number",
        Expected::Text => "text",
        Expected::Object => "an object",
        Expected::KnownOutPort => "a known output port",
        Expected::KnownInPort => "a known input port",
        Expected::TrueOrFalse => "true or false",
        Expected::List => "a list",
    }
}

fn problem(p: &Problem) -> String {
    match p {
        Problem::Unreadable { detail } => detail.clone(),
        Problem::NotWholeNumber => "must be a whole number up to 4,294,967,295".to_string(),
        Problem::Coordinate { field, value } => format!(
            "“{field}” must be a coordinate within +-{}, not {}",
            Shortest(MAX_COORD),
            Shortest(value.0)
        ),
        Problem::TooLong { field, chars } => {
            format!("“{field}” is {chars} characters long; at most {MAX_LABEL_CHARS} are allowed")
        }
        Problem::UnknownRegion { name } => format!("unknown region “{name}”"),
        Problem::UnknownRegionIndex { index } => format!("unknown region #{index}"),
        Problem::NegativeSize => "“width” and “height” must not be negative".to_string(),
        Problem::DatacenterMissing { datacenter } => {
            format!("it belongs to datacenter {datacenter}, which is not in the diagram")
        }
        Problem::ConfigNotObject => "“config” should be an object".to_string(),
        Problem::Settings { detail } => format!("settings: {detail}"),
        Problem::Setting(e) => format!("setting {}", config_error(e)),
        Problem::Traffic(e) => config_error(e),
        Problem::NoSuchOutput { kind, port } => {
            format!("a {} has no “{port}” output", kind_name(*kind))
        }
        Problem::NoSuchInput { kind, port } => {
            format!("a {} has no “{port}” input", kind_name(*kind))
        }
        Problem::NoInput { kind } => format!("a {} has no input", kind_name(*kind)),
        Problem::FaultTime { value } => {
            format!(
                "“at_s” must be a time in seconds from 0 to 1000000000, not {}",
                Shortest(value.0)
            )
        }
        Problem::SlowFactor { value } => format!(
            "a slow-down factor must be between 1 and 1000000, not {}",
            Shortest(value.0)
        ),
        Problem::TargetMissing => "it targets something that is not in the diagram".to_string(),
        Problem::IdsFull => "an id of 4294967295 leaves no room for new ones".to_string(),
        Problem::RowTooShort { min } => format!("should be a list of at least {min} values"),
        Problem::FieldShouldBe { field, expected: e } => {
            format!("“{field}” should be {}", expected(*e))
        }
        Problem::IdCounter => "the id counter is missing or not a whole number".to_string(),
        Problem::WrongValue {
            field: Some(field),
            found,
            expected: e,
        } => format!("“{field}” should be {}, not “{found}”", expected(*e)),
        Problem::WrongValue {
            field: None,
            found,
            expected: e,
        } => format!("a value should be {}, not “{found}”", expected(*e)),
        Problem::MissingField { field } => format!("“{field}” is missing"),
    }
}

fn not_diagram(why: &NotDiagram) -> String {
    match why {
        NotDiagram::TopNotObject => "the top level should be an object".to_string(),
        NotDiagram::ShouldBeList(key) => format!("“{key}” should be a list"),
        NotDiagram::ShouldBeObject(key) => format!("“{key}” should be an object"),
        NotDiagram::Missing(key) => format!("the file has no “{key}”"),
        NotDiagram::FormatIs(other) => format!("its “format” is “{other}”, not “{FORMAT_MARKER}”"),
    }
}

/// Why a link or a file could not be opened, so a user can act on it.
pub fn share_error(e: &ShareError) -> String {
    match e {
        ShareError::Empty => "there is nothing to open: the link or file is empty".to_string(),
        ShareError::TooLarge { what, limit } => {
            let what = source(*what);
            format!("this {what} is too large to be a ScaleLab diagram (over {limit} bytes)")
        }
        ShareError::NotALink => {
            "this is not a ScaleLab link: the part after “#” should start with “v1=”".to_string()
        }
        ShareError::BadCharacters { position } => format!(
            "this link is damaged: it contains a character a ScaleLab link cannot have (at position {position}); copy the whole link again"
        ),
        ShareError::CutOff => {
            "this link is damaged: its data ends early (it was cut off, or a character changed); \
             copy the whole link again"
                .to_string()
        }
        ShareError::FileCutOff => {
            "this file is cut off: its data ends early (it may not have finished saving or \
             downloading)"
                .to_string()
        }
        ShareError::Corrupted => {
            "this link is damaged: its data does not decompress; copy the whole link again"
                .to_string()
        }
        ShareError::ExpandsTooMuch { limit } => format!(
            "this link expands to more than {limit} bytes, far more than any diagram: refused"
        ),
        // The parser's own detail is left out, as in Korean: the line and column say where.
        ShareError::NotJson { line, column, .. } => {
            format!("this file is not valid JSON (line {line}, column {column})")
        }
        ShareError::NotADiagram { why } => {
            format!("this is not a ScaleLab diagram: {}", not_diagram(why))
        }
        ShareError::NewerVersion { what, version } => format!(
            "this {} is from a newer ScaleLab (format v{version}); this one reads up to v{FORMAT_VERSION}: reload the page to update",
            source(*what)
        ),
        ShareError::UnsupportedVersion { what, version } => {
            format!(
                "this {} has format version “{version}”, which this ScaleLab cannot read",
                source(*what)
            )
        }
        ShareError::Invalid { place, problem: p } => {
            format!("{}: {}", share_place(*place), problem(p))
        }
        ShareError::UnknownKind { component, kind } => {
            format!("component {component} is of kind “{kind}”, which this ScaleLab does not know")
        }
        ShareError::DuplicateId { what, id } => format!(
            "two {}s share the id {id}: every id must be unique",
            thing(*what)
        ),
        ShareError::DanglingWire {
            wire,
            end,
            component,
        } => {
            let end = match end {
                WireEnd::Start => "starts at",
                WireEnd::End => "ends at",
            };
            format!("wire {wire} {end} component {component}, which is not in the diagram")
        }
        ShareError::TooMany { what, limit } => format!(
            "this diagram has more than {limit} {}s, the most ScaleLab allows",
            thing(*what)
        ),
    }
}

/// One thing ignored or repaired while reading a document.
pub fn import_warning(w: &ImportWarning) -> String {
    match w {
        ImportWarning::UnknownField {
            place: Place::TopLevel,
            field,
        } => format!("ignored unknown field “{field}”"),
        ImportWarning::UnknownField { place, field } => {
            format!("{}: ignored unknown field “{field}”", share_place(*place))
        }
        ImportWarning::TrailingValues { place, count } => format!(
            "{}: ignored {count} unknown trailing values",
            share_place(*place)
        ),
        ImportWarning::BreaksRule { wire, reason } => format!(
            "wire {wire} breaks a connection rule: {}",
            wire_reason(*reason)
        ),
        ImportWarning::SelfWire { wire } => format!("wire {wire} connects a component to itself"),
        ImportWarning::DuplicateWire { wire } => format!("wire {wire} duplicates another wire"),
        ImportWarning::NextIdRaised { was, now } => {
            format!("“next_id” was {was}, not above every id; raised to {now}")
        }
        ImportWarning::UpgradedFromV0 => {
            "this file is from an early ScaleLab (format v0); it was upgraded".to_string()
        }
    }
}

/// The warnings of an import as one note to put after a message: " Note: a. b." or nothing.
pub fn import_note(warnings: &[ImportWarning]) -> String {
    if warnings.is_empty() {
        String::new()
    } else {
        let all: Vec<String> = warnings.iter().map(import_warning).collect();
        format!(" Note: {}", all.join(" "))
    }
}

/// `text` with its first letter in capitals.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// What the app says about what it opened at start.
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::UnreadableAutosave(e) => format!(
            "Your autosaved diagram could not be read ({}). It was kept aside, unchanged, instead of being overwritten.",
            share_error(e)
        ),
        Notice::DamagedLink {
            error,
            own_diagram_shown,
        } => {
            let kept = if *own_diagram_shown {
                " Your own diagram is shown instead, untouched."
            } else {
                ""
            };
            let words = share_error(error);
            if crate::present::say::speaks_of_the_link(error) {
                format!("{}.{kept}", capitalized(&words))
            } else {
                format!("This link could not be opened: {words}.{kept}")
            }
        }
        Notice::OpenedLink { kept, warnings } => {
            let message = match kept {
                Kept::PreviousDiagram => {
                    "Opened the shared diagram. Your previous diagram was kept and can be restored."
                }
                Kept::UnreadableAutosave => {
                    "Opened the shared diagram. Your unreadable autosave was kept aside."
                }
                Kept::Nothing => "Opened the shared diagram.",
            };
            format!("{message}{}", import_note(warnings))
        }
    }
}

/// What was read: a link or a file.
fn source(what: Source) -> &'static str {
    match what {
        Source::Link => "link",
        Source::File => "file",
    }
}
