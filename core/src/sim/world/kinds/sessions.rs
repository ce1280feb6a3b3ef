//! Session store.
//!
//! Replicated, failed node by node (a `Fail` fault takes one node, `Restore` brings them all
//! back, a datacenter failure takes every node it holds):
//! Session store (`replicas` nodes, each a full copy): a session per client, in an LRU store of
//! `capacity_sessions` entries that expire after `session_ttl_s` idle (refreshed on every use).
//! The client side remembers when it last used its session (bounded by the client
//! population): a first visit or a session that expired while idle is a new login; a session
//! gone before its time (evicted from a full store, or lost when the store's last node
//! failed) logs the user out once (*session lost*), then the user logs in again.

use crate::model::config::SessionStoreConfig;
use crate::sim::world::build::{BuildCtx, ms};
use crate::sim::world::*;

impl SessionNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(s: &SessionStoreConfig, _ctx: &mut BuildCtx<'_>) -> State {
        State::Sessions(Box::new(SessionNode {
            table: SessionTable::new(
                s.capacity_sessions.min(u32::MAX as u64) as usize,
                SimTime::from_secs(s.session_ttl_s.max(1) as u64),
            ),
            latency: ms(s.get_latency_ms),
            lookups: LookupNodes::new(s.replicas, s.ops_per_node_per_s),
            nodes: s.replicas.max(1),
            nodes_up: s.replicas.max(1),
            warned_full: false,
        }))
    }
}

/// A shared session store: a session per client, expiring after `ttl` idle, replicated.
pub(crate) struct SessionNode {
    /// Sessions held (LRU: a full store evicts the least recently used; idle expiry), and
    /// the clients' side (their session cookie: when each last used its session).
    pub(crate) table: SessionTable,
    pub(crate) latency: SimTime,
    pub(crate) lookups: LookupNodes,
    pub(crate) nodes: u32,
    pub(crate) nodes_up: u32,
    /// The log said once that a full store logs users out.
    pub(crate) warned_full: bool,
}

impl SessionNode {
    /// Its figures in the snapshot: its nodes up, and its sessions (held, evicted, and what
    /// logins found).
    pub(crate) fn figures(&self, m: &mut ComponentMetrics) {
        m.nodes = Some(NodesUp {
            up: self.nodes_up,
            total: self.nodes,
        });
        m.sessions = Some(self.table.counts());
    }
}

impl SessionNode {
    /// A `Restore`: every node is up again; the sessions are gone if `all_had_failed`. How it
    /// comes back, for the log.
    pub(crate) fn restore(&mut self, all_had_failed: bool) -> Restored {
        let was = self.nodes_up;
        self.nodes_up = self.nodes;
        if all_had_failed {
            Restored::SessionsEmpty
        } else if was < self.nodes {
            Restored::SessionNodes { nodes: self.nodes }
        } else {
            Restored::Whole
        }
    }
}

/// What a login found at a session store, for the web tier that asked.
#[derive(Clone, Copy, Debug)]
pub(crate) enum LoginAt {
    /// Its session is there, or a new one was made: answered after `latency` (its wait for a
    /// node included).
    Answered { latency: SimTime },
    /// The store refused it (its node's line would wait past the timeout).
    Refused(FailureReason),
    /// The session vanished before its time: the user is logged out. `store_full`: the first
    /// time evictions cause it, said once in the log.
    Lost { store_full: bool },
    /// The web tier's `sessions` wire leads elsewhere than a session store: nothing checked.
    NotAStore,
}

impl SessionNode {
    /// A login of `client` (numbered across the populations: [`World::client`]) reaches the
    /// store: it takes its turn at a node (each service `slow` times longer), and finds its
    /// session, a new one, or none where there should be one. The time it spent here goes to
    /// `latency_seen`.
    pub(crate) fn login_at(
        &mut self,
        now: SimTime,
        client: u32,
        slow: f64,
        latency_seen: &mut SlidingHistogram,
    ) -> LoginAt {
        let up = self.nodes_up;
        let Some(wait) = self.lookups.admit(now, up, slow) else {
            return LoginAt::Refused(FailureReason::Timeout);
        };
        let lost = self.table.login(now, client) == Login::Lost;
        let latency = self.latency.after(wait);
        latency_seen.record(now, latency);
        if !lost {
            return LoginAt::Answered { latency };
        }
        let store_full = !self.warned_full && self.table.counts().evicted > 0;
        if store_full {
            self.warned_full = true;
        }
        LoginAt::Lost { store_full }
    }
}

impl SessionNode {
    /// A `Fail` fault on a session store takes one node: a replica keeps every session; with
    /// the last, the store is down and its sessions gone.
    pub(crate) fn fail_one(&mut self, label: &str) -> NodeFailure {
        super::cache::fail_one_of(
            &mut self.nodes_up,
            self.nodes,
            label,
            ReplicatedPart::SessionStore,
        )
    }
}
