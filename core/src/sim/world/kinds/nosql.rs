//! NoSQL store.
//!
//! Replicated, failed node by node (a `Fail` fault takes the first live node, `Restore` brings
//! them all back):
//! NoSQL (`nodes` nodes, each key on `replication_factor` consecutive nodes after a hash of
//! the key): a read is served by one live replica of its key (rotating over them); a write is
//! applied on each live replica in turn (chain replication: RF node services, one same-datacenter
//! hop between them) and answered after the last. `Fail` takes the first live node down; a key
//! none of whose replicas is up fails as *unavailable*. A node that comes back is not caught up
//! (no hinted handoff or repair is modelled).

use crate::model::config::NoSqlConfig;
use crate::sim::world::build::{BuildCtx, dist_of, station};
use crate::sim::world::*;

impl NoSqlNode {
    /// The node state of a component with these settings.
    pub(crate) fn build(n: &NoSqlConfig, ctx: &mut BuildCtx<'_>) -> State {
        let (seed, id) = (ctx.seed, ctx.id);
        let service = dist_of(&n.service_time, 1.0);
        ctx.base_service = Some(service);
        let nodes = n.nodes.max(1);
        State::NoSql(NoSqlNode {
            stations: (0..nodes)
                .map(|k| {
                    station(
                        seed,
                        id,
                        &format!("nosql.{k}"),
                        n.concurrency_per_node,
                        service,
                        QUEUE_CAPACITY,
                    )
                })
                .collect(),
            up: vec![true; nodes as usize],
            incarnations: vec![0; nodes as usize],
            replication_factor: n.replication_factor.clamp(1, nodes),
            next_read: 0,
        })
    }
}

/// A key-value store over `stations.len()` nodes; each key lives on `replication_factor`
/// consecutive nodes from `key_hash(key) % nodes`.
pub(crate) struct NoSqlNode {
    pub(crate) stations: Vec<Station<ReqId>>,
    pub(crate) up: Vec<bool>,
    /// Per node, bumped when it crashes: the completions it had scheduled are void.
    pub(crate) incarnations: Vec<u32>,
    pub(crate) replication_factor: u32,
    pub(crate) next_read: u64,
}

impl NoSqlNode {
    pub(crate) fn node_count(&self) -> u32 {
        self.stations.len() as u32
    }
    /// The `i`-th replica of `key`.
    pub(crate) fn replica(&self, key: u64, i: u32) -> u32 {
        let n = self.node_count() as u64;
        ((key_hash(key) % n + i as u64) % n) as u32
    }
    /// The first live replica of `key` after `node` in the key's replica order (or the first
    /// live one if `node` is `None`): where a write goes next.
    pub(crate) fn next_live(&self, key: u64, after: Option<u32>) -> Option<u32> {
        let n = self.node_count();
        let start = match after {
            None => 0,
            Some(node) => (node + n - self.replica(key, 0)) % n + 1,
        };
        (start..self.replication_factor)
            .map(|i| self.replica(key, i))
            .find(|&k| self.up[k as usize])
    }
    /// A live replica of `key` for a read, rotating over the live ones.
    pub(crate) fn read_replica(&mut self, key: u64) -> Option<u32> {
        let live = (0..self.replication_factor)
            .filter(|&i| self.up[self.replica(key, i) as usize])
            .count() as u64;
        if live == 0 {
            return None;
        }
        self.next_read += 1;
        let pick = self.next_read % live;
        (0..self.replication_factor)
            .map(|i| self.replica(key, i))
            .filter(|&k| self.up[k as usize])
            .nth(pick as usize)
    }
    /// The share of keys none of whose replicas is up.
    pub(crate) fn unavailable_share(&self) -> f64 {
        let n = self.node_count();
        let dead = (0..n)
            .filter(|&first| {
                (0..self.replication_factor).all(|i| !self.up[((first + i) % n) as usize])
            })
            .count();
        dead as f64 / n as f64
    }
}

impl NoSqlNode {
    /// A read goes to one live replica of its key; a write to the first live replica, then
    /// along the others ([`NoSqlNode::done`]); a key with no live replica is
    /// unavailable.
    #[inline]
    pub(crate) fn arrive(&mut self, now: SimTime, req: &Req, r: ReqId) -> Arrival {
        let node = if req.kind == ReqKind::Write {
            self.next_live(req.key, None)
        } else {
            self.read_replica(req.key)
        };
        match node {
            Some(k) => Arrival::Station {
                sub: k,
                admission: self.stations[k as usize].arrive(now, r),
            },
            None => Arrival::Fail(FailureReason::Unavailable),
        }
    }
}

impl NoSqlNode {
    /// Node `sub` finished serving `req`: a write moves on to the key's next live replica
    /// (chain replication); anything else, or a write every live replica has applied, is
    /// answered.
    #[inline]
    pub(crate) fn done(&mut self, now: SimTime, req: &Req, sub: u32, r: ReqId) -> Finish {
        if req.kind != ReqKind::Write {
            return Finish::Complete;
        }
        match self.next_live(req.key, Some(sub)) {
            Some(k) => Finish::Next {
                sub: k,
                admission: self.stations[k as usize].arrive(now, r),
            },
            None => Finish::Complete,
        }
    }
}

impl NoSqlNode {
    /// Its figures in the snapshot beyond its stations': its nodes up.
    pub(crate) fn figures(&self, m: &mut ComponentMetrics) {
        m.nodes = Some(NodesUp {
            up: self.up.iter().filter(|&&u| u).count() as u32,
            total: self.node_count(),
        });
    }
}

impl NoSqlNode {
    /// A `Restore`: every node is up again (not caught up: no hinted handoff or repair). How
    /// it comes back, for the log.
    pub(crate) fn restore(&mut self) -> Restored {
        self.up.iter_mut().for_each(|u| *u = true);
        Restored::NoSqlNodes {
            nodes: self.node_count(),
        }
    }
}

impl NoSqlNode {
    /// Every node crashes (its datacenter failed): the requests they held are `dropped`.
    pub(crate) fn crash(&mut self, now: SimTime, dropped: &mut Vec<(SimTime, ReqId)>) {
        for st in &mut self.stations {
            dropped.extend(st.crash(now));
        }
    }
}

impl NoSqlNode {
    /// A `Fail` fault takes the first live node: its queue is lost, and keys with no other
    /// live replica become unavailable.
    pub(crate) fn fail_one(&mut self, now: SimTime, label: &str) -> NodeFailure {
        let Some(k) = self.up.iter().position(|&u| u) else {
            return NodeFailure::Nothing;
        };
        self.up[k] = false;
        self.incarnations[k] = self.incarnations[k].wrapping_add(1);
        let dropped = self.stations[k]
            .crash(now)
            .into_iter()
            .map(|x| x.1)
            .collect();
        let total = self.node_count();
        let down = self.up.iter().filter(|&&u| !u).count();
        let all_down = down as u32 == total;
        let event = LogEvent::NoSqlNodeFailed {
            label: label.to_string(),
            node: k as u32 + 1,
            nodes: total,
            down: down as u32,
            unavailable_share: self.unavailable_share(),
            replication_factor: self.replication_factor,
        };
        NodeFailure::Lost {
            dropped,
            event,
            down: all_down,
            lost_writes: 0,
        }
    }
}
