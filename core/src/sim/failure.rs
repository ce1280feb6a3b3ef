//! Why a request fails: the one table of failure reasons.
//!
//! Owns: [`FailureReason`], the closed set of reasons, with each reason's serialized name (the
//! field of [`ErrorCounts`](crate::sim::metrics::ErrorCounts) in files and JSON output), its key
//! in the one-line text summary (the golden files), and its stable id for the view's rows and
//! test selectors. The engine counts by reason, the metrics store by reason, and the charts, the
//! readouts and the command line list reasons by walking [`FailureReason::ALL`]; none of them
//! spells a reason out again.
//!
//! Deliberately absent: words for the screen. The view names each reason in the user's language.

/// Why one request failed. Adding a reason makes the compiler list every place to update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FailureReason {
    /// A queue was full (or too many requests were in flight).
    Overload,
    /// It waited in a queue longer than the request timeout.
    Timeout,
    /// It reached a component that is down (crashed, or its datacenter is).
    Unavailable,
    /// A load balancer or DNS had no healthy target to send it to.
    NoHealthyBackend,
    /// The user's session was gone (stateful server restarted or a different server answered;
    /// the session store is down, evicted it because it was full, or came back empty).
    SessionLost,
    /// The diagram gives it nowhere to go (missing or nonsensical wire, routing loop).
    NoRoute,
}

impl FailureReason {
    /// Every reason, in display order.
    pub const ALL: [FailureReason; 6] = [
        FailureReason::Overload,
        FailureReason::Timeout,
        FailureReason::Unavailable,
        FailureReason::NoHealthyBackend,
        FailureReason::SessionLost,
        FailureReason::NoRoute,
    ];

    /// The serialized name: the field of `ErrorCounts` in JSON output.
    pub const fn key(self) -> &'static str {
        match self {
            FailureReason::Overload => "overload",
            FailureReason::Timeout => "timeout",
            FailureReason::Unavailable => "unavailable",
            FailureReason::NoHealthyBackend => "no_healthy_backend",
            FailureReason::SessionLost => "session_lost",
            FailureReason::NoRoute => "no_route",
        }
    }

    /// The key in the one-line text summary (`failed[overload=.. no_backend=..]`).
    pub const fn summary_key(self) -> &'static str {
        match self {
            FailureReason::Overload => "overload",
            FailureReason::Timeout => "timeout",
            FailureReason::Unavailable => "unavailable",
            FailureReason::NoHealthyBackend => "no_backend",
            FailureReason::SessionLost => "session",
            FailureReason::NoRoute => "no_route",
        }
    }

    /// A stable id for the view's rows and test selectors (`failed-<id>`).
    pub const fn id(self) -> &'static str {
        match self {
            FailureReason::Overload => "overload",
            FailureReason::Timeout => "timeout",
            FailureReason::Unavailable => "unavailable",
            FailureReason::NoHealthyBackend => "no-backend",
            FailureReason::SessionLost => "session",
            FailureReason::NoRoute => "no-route",
        }
    }
}
