//! Typed ports: the ends a wire may attach to.
//!
//! A wire always goes from an [`OutPort`] of one component to an [`InPort`] of another. Each port
//! names the role of the traffic that crosses it (dynamic requests, static assets, data queries,
//! sessions, jobs, logs...), so the connection rules in [`crate::model::rules`] can be a table
//! over roles and kinds, and a refused connection can say why in the chapter's words.
//! Which kind has which ports is listed in [`crate::model::ComponentKind::ports`].

use serde::{Deserialize, Serialize};

/// The role of an outgoing port: what kind of traffic leaves a component through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutPort {
    /// Users: page and API requests (reads and writes) that need application code.
    Dynamic,
    /// Users: static assets (images, scripts, stylesheets).
    Static,
    /// DNS: where a resolved name sends the client.
    Resolve,
    /// CDN: requests for objects the edge does not hold.
    Origin,
    /// Load balancer: the servers it spreads requests over.
    Backends,
    /// Web servers and workers: reads and writes of application data.
    Data,
    /// Web servers: session reads and writes.
    Sessions,
    /// Web servers: background jobs published for later processing.
    Jobs,
    /// Web servers and workers: logs and metrics.
    Logs,
    /// Cache: read-through on a miss.
    Miss,
    /// Message queue: delivery of jobs to consumers.
    Consumers,
    /// Database: every write shipped to a copy of the data in another datacenter.
    Replicate,
}

impl OutPort {
    /// Every outgoing port role, in a stable order (used by compact encodings).
    pub const ALL: [OutPort; 12] = [
        OutPort::Dynamic,
        OutPort::Static,
        OutPort::Resolve,
        OutPort::Origin,
        OutPort::Backends,
        OutPort::Data,
        OutPort::Sessions,
        OutPort::Jobs,
        OutPort::Logs,
        OutPort::Miss,
        OutPort::Consumers,
        OutPort::Replicate,
    ];
}

/// The role of an incoming port: what kind of traffic a component accepts through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InPort {
    /// Client requests (DNS queries, HTTP requests).
    Requests,
    /// Data queries: reads and writes of application data (sessions too, for general stores).
    Data,
    /// Session reads and writes.
    Sessions,
    /// Jobs to queue or to process.
    Jobs,
    /// Logs and metrics.
    Logs,
}

impl InPort {
    /// Every incoming port role, in a stable order (used by compact encodings).
    pub const ALL: [InPort; 5] = [
        InPort::Requests,
        InPort::Data,
        InPort::Sessions,
        InPort::Jobs,
        InPort::Logs,
    ];
}

/// The ports of one component kind: what may leave it and what it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ports {
    /// Outgoing ports, in the order they are drawn.
    pub outputs: &'static [OutPort],
    /// Incoming ports, in the order they are drawn.
    pub inputs: &'static [InPort],
}

impl Ports {
    /// Whether `port` is one of the outgoing ports.
    pub fn has_output(&self, port: OutPort) -> bool {
        self.outputs.contains(&port)
    }

    /// Whether `port` is one of the incoming ports.
    pub fn has_input(&self, port: InPort) -> bool {
        self.inputs.contains(&port)
    }
}
