//! The lookup queue of an in-memory store ([`LookupNodes`]).
//!
//! Cache and session-store nodes answer lookups one at a time in arrival order
//! (`ops_per_node_per_s`, deterministic service; a replicated store spreads them over its
//! nodes up in turn): a lookup's wait follows from the arrivals alone (Lindley's recursion), so
//! it is added to the request's time without an event, and each node is an M/D/1 queue. A
//! lookup that would wait longer than a request waits anywhere fails as a timeout.

use super::*;

/// The nodes of an in-memory store answering lookups one at a time, in arrival order
/// (Redis-like): a lookup holds its node for `service`, and one that finds its node busy waits.
/// Its wait follows from the arrivals alone (Lindley's recursion: it starts when the node
/// frees, or at once), so the queue needs no event of its own: the wait is added to the
/// request's time at the store.
#[derive(Clone, Debug)]
pub(crate) struct LookupNodes {
    pub(crate) service: SimTime,
    /// When each node finishes the lookups it has taken.
    pub(crate) free_at: Vec<SimTime>,
    pub(crate) next: usize,
    /// Service handed out, in node-nanoseconds (utilization).
    pub(crate) busy_ns: u128,
    /// Waits handed out, in nanoseconds (the mean queue length, by Little's law).
    pub(crate) waited_ns: u128,
}

impl LookupNodes {
    pub(crate) fn new(nodes: u32, ops_per_s: u64) -> Self {
        LookupNodes {
            service: SimTime((1_000_000_000 / ops_per_s.max(1)).max(1)),
            free_at: vec![SimTime::ZERO; nodes.max(1) as usize],
            next: 0,
            busy_ns: 0,
            waited_ns: 0,
        }
    }

    /// Takes a lookup arriving at `now` on the next of the `up` serving nodes (in turn), each
    /// service `slow` times longer than configured: its wait, or `None` if it would wait longer
    /// than a request waits anywhere (it is refused, costing the node nothing).
    pub(crate) fn admit(&mut self, now: SimTime, up: u32, slow: f64) -> Option<SimTime> {
        let up = (up as usize).clamp(1, self.free_at.len());
        self.next = next_index(self.next as u64, up as u64) as usize;
        let k = self.next;
        let start = self.free_at[k].max(now);
        let wait = start.since(now);
        if wait > REQUEST_TIMEOUT {
            return None;
        }
        let service = if slow == 1.0 {
            self.service
        } else {
            SimTime((self.service.0 as f64 * slow).round() as u64)
        };
        self.free_at[k] = start.after(service);
        self.busy_ns += service.0 as u128;
        self.waited_ns += wait.0 as u128;
        Some(wait)
    }

    /// Time spent waiting by `now`, summed over the lookups (the area under the queue length):
    /// the waits handed out, less what the lookups still queued have yet to wait. The lookups
    /// queued on a node start one service apart before it frees.
    pub(crate) fn waited_by(&self, now: SimTime) -> u128 {
        let s = self.service.0.max(1) as u128;
        let ahead: u128 = self
            .free_at
            .iter()
            .map(|f| {
                let r = f.0.saturating_sub(now.0) as u128;
                let queued = r.div_ceil(s).saturating_sub(1);
                (queued * r).saturating_sub(s * queued * (queued + 1) / 2)
            })
            .sum();
        self.waited_ns.saturating_sub(ahead)
    }

    /// Lookups taken and not yet served at `now` (waiting or in service).
    pub(crate) fn backlog(&self, now: SimTime) -> u64 {
        self.free_at
            .iter()
            .map(|f| f.0.saturating_sub(now.0).div_ceil(self.service.0.max(1)))
            .sum()
    }

    /// Busy node-nanoseconds by `now` (the part of taken service still ahead is not counted).
    pub(crate) fn busy_by(&self, now: SimTime) -> u128 {
        let ahead: u128 = self
            .free_at
            .iter()
            .map(|f| f.0.saturating_sub(now.0) as u128)
            .sum();
        self.busy_ns.saturating_sub(ahead)
    }
}
