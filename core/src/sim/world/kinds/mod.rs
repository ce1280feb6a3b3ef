//! One file per component kind: its node state, how it is built from its settings, what
//! happens when a request arrives or finishes there, what failing and restoring it does,
//! its autoscaling where it has one, and the figures it fills into the snapshot.

pub(crate) mod cache;
pub(crate) mod cdn;
pub(crate) mod database;
pub(crate) mod dns;
pub(crate) mod load_balancer;
pub(crate) mod nosql;
pub(crate) mod queue;
pub(crate) mod sessions;
pub(crate) mod sharded;
pub(crate) mod sink;
pub(crate) mod users;
pub(crate) mod web;

use crate::model::OutPort;
use crate::sim::log::LogEvent;
use crate::sim::world::{NodeIx, RegionGroupIx, ReqId};
use crate::sim::{
    SimTime, histogram::SlidingHistogram, metrics::FailureReason, station::Admission,
};

/// What a kind decided for a request that arrived at one of its nodes: the world applies it
/// (`World::apply`). Small and `Copy`: it is returned on the hot path.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Arrival {
    /// Answered here, `delay` from now (added to its network time).
    Answered { delay: SimTime },
    /// On to node `to`, `extra` after the hop.
    Forward { to: NodeIx, extra: SimTime },
    /// On to the first target wired to `port`, `extra` after the hop (*no route* if there is
    /// none); `served`: counted as served here when it goes on.
    Port {
        port: OutPort,
        extra: SimTime,
        served: bool,
    },
    /// A cache miss or a write through the cache, `extra` after the hop: on to the cache's
    /// `miss` target, else to the store the web tier that sent it uses for its key.
    Miss { extra: SimTime },
    /// Station `sub` of the node took it, queued it or refused it (*overload*).
    Station {
        sub: u32,
        admission: Admission<ReqId>,
    },
    /// It fails here.
    Fail(FailureReason),
}

/// The node a kind's handler runs at: its place and the counters it keeps for every kind.
pub(crate) struct Here<'a> {
    /// The node.
    pub(crate) node: NodeIx,
    /// How many times slower than configured it serves (a `Slow` fault).
    pub(crate) slow: f64,
    /// Requests answered here.
    pub(crate) completions: &'a mut u64,
    /// Time spent here by the requests it served.
    pub(crate) latency: &'a mut SlidingHistogram,
}

impl Here<'_> {
    /// A request was answered here, after `latency`.
    #[inline]
    pub(crate) fn served(self, now: SimTime, latency: SimTime) {
        *self.completions += 1;
        self.latency.record(now, latency);
    }
}

/// What a kind decided for a request one of its stations finished serving: the world applies
/// it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Finish {
    /// Answered.
    Complete,
    /// On to station `sub` of the same node (a NoSQL write's next replica), not yet served.
    Next {
        sub: u32,
        admission: Admission<ReqId>,
    },
    /// A write the primary took (and shipped to its read replicas): answered unless `pending`
    /// (a sync write waits for its replicas), and shipped to the copies of `region`, if any.
    Written {
        pending: bool,
        region: Option<RegionGroupIx>,
    },
    /// Served by a web instance: on to its session check and its data. `session`: whether a
    /// stateful server holds the user's session (`None`: not a login at a stateful server).
    Web { session: Option<bool> },
}

/// What a `Fail` fault did to a component, for the world to finish (crash what went down
/// whole, fail the requests lost, write the log line).
#[derive(Debug)]
pub(crate) enum NodeFailure {
    /// Nothing was left to fail.
    Nothing,
    /// One node failed; others still serve.
    Degraded { event: LogEvent },
    /// The component is down whole: the world crashes it (`event`: what the log says, else
    /// that it failed).
    Down { event: Option<LogEvent> },
    /// Part of it failed, and the requests it held are `dropped`; `down`: nothing of it serves
    /// any more; `lost_writes`: acknowledged writes lost with it.
    Lost {
        dropped: Vec<ReqId>,
        event: LogEvent,
        down: bool,
        lost_writes: u64,
    },
}

/// Runs `diagram` to half a second past a tick, cuts `wire`, runs 0.6 s more, and checks that
/// from the cut `cut_off` gets at most the requests already on their way (one hop) while `kept`
/// takes the traffic: what a node reads of its wires once per tick must not outlive a fault.
#[cfg(test)]
pub(crate) fn assert_a_cut_reroutes_at_once(
    diagram: &crate::model::Diagram,
    wire: crate::model::WireId,
    kept: crate::model::ComponentId,
    cut_off: crate::model::ComponentId,
) {
    use crate::model::{Fault, FaultAction, FaultTarget};
    use crate::sim::{RunConfig, build};
    let mut sim = build(diagram, &RunConfig::default()).expect("it builds");
    let arrivals = |s: &crate::sim::MetricsSnapshot, id: crate::model::ComponentId| {
        s.components
            .iter()
            .find(|c| c.id == id.0)
            .map_or(0, |c| c.arrivals)
    };
    sim.step_until(2_300_000_000, u64::MAX);
    let before = sim.snapshot();
    assert!(
        arrivals(&before, cut_off) > 1000,
        "it served before the cut"
    );
    sim.inject(Fault {
        at_s: 0.0,
        action: FaultAction::CutLink,
        target: FaultTarget::Wire(wire),
    });
    sim.step_until(2_900_000_000, u64::MAX);
    let after = sim.snapshot();
    assert!(arrivals(&after, kept) > arrivals(&before, kept) + 1000);
    assert!(
        arrivals(&after, cut_off) <= arrivals(&before, cut_off) + 5,
        "{} -> {}",
        arrivals(&before, cut_off),
        arrivals(&after, cut_off)
    );
}
