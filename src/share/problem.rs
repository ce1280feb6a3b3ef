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
    /// An early (v0) file without its `components` list.
    NoComponentsList,
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
