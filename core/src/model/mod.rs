//! The diagram document: what a user draws and shares.
//!
//! Owns the component catalogue (every building block of the "zero to millions of users"
//! journey), typed ports, per-kind settings with calibrated defaults, the diagram itself with
//! its datacenters and scenario, what a design costs an hour (`cost`), the connection rules, diagnostics, the one builder that code
//! (examples, tests, benchmarks) makes diagrams with, and the teaching examples.
//! Everything here is plain serde data: no signals, no DOM, no clock, no OS entropy, and no
//! iteration over randomly seeded hash maps. The editor changes a diagram only through
//! commands built on [`Diagram`]'s total mutation helpers; the simulation reads it and never
//! writes it. The file and link formats live in the `share` module, not here: the serde derives
//! on these types are for in-memory use and the share module's DTOs.

pub mod builder;
mod catalogue;
pub mod config;
pub mod cost;
mod diagram;
pub mod examples;
pub mod ports;
pub mod rules;
pub mod scenario;
pub mod validate;

pub use builder::{BuildProblem, DiagramBuilder};
pub use catalogue::ComponentKind;
pub use config::ComponentConfig;
pub use diagram::{
    Component, ComponentId, Diagram, EditError, Group, GroupId, InPortRef, OutPortRef, Point, Rect,
    Region, RemovedComponent, RemovedGroup, RemovedWire, Wire, WireId,
};
pub use ports::{InPort, OutPort, Ports};
pub use rules::{Refusal, ReplicationRefusal, WireReason, check_connection};
pub use scenario::{Fault, FaultAction, FaultTarget, Scenario, TrafficProfile};
pub use validate::{Diagnostic, Finding, Severity, validate};
