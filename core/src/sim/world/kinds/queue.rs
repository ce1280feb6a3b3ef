//! Message queue and its workers: the queue is the waiting line of the workers' station
//! (capacity, autoscaled on depth and on the jobs in hand); a durable one keeps its jobs
//! while the workers are down and redelivers the ones in hand at a crash, a non-durable one
//! loses them.

use crate::sim::world::*;

pub(crate) struct WorkersNode {
    pub(crate) station: Station<ReqId>,
    /// Whether the queue feeding them is durable: jobs survive the workers' crash.
    pub(crate) durable: bool,
    /// Jobs a durable queue holds while the workers are down, redelivered on restore.
    pub(crate) held: std::collections::VecDeque<ReqId>,
    /// The queue's capacity (the waiting line's and the held jobs').
    pub(crate) capacity: usize,
    pub(crate) concurrency: u32,
    pub(crate) instances: u32,
    pub(crate) autoscale: crate::model::config::QueueAutoscaling,
    pub(crate) last_scale: SimTime,
}

impl World {
    /// Hands the jobs a durable queue held to its workers, if they are up.
    pub(crate) fn redeliver(&mut self, now: SimTime, n: NodeIx, q: &mut EventQueue<Ev>) {
        if self.node_down(n) {
            return;
        }
        let incarnation = self.nodes[n].incarnation;
        let State::Workers(w) = &mut self.nodes[n].state else {
            return;
        };
        let held = std::mem::take(&mut w.held);
        let count = held.len();
        for r in held {
            let State::Workers(w) = &mut self.nodes[n].state else {
                return;
            };
            let adm = w.station.arrive(now, r);
            self.admitted(now, n, 0, r, adm, incarnation, q);
        }
        if count > 1 {
            self.note(
                now,
                Some(n),
                format!("{count} jobs redelivered from the durable queue"),
            );
        }
    }
}

/// A message queue passes jobs to the workers, whose waiting line it is.
#[inline]
pub(crate) fn queue_arrive() -> Arrival {
    Arrival::Port {
        port: OutPort::Consumers,
        extra: SimTime::ZERO,
        served: true,
    }
}

impl WorkersNode {
    /// A job takes its place in the workers' station.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, r: ReqId) -> Arrival {
        Arrival::Station {
            sub: 0,
            admission: self.station.arrive(now, r),
        }
    }
}
