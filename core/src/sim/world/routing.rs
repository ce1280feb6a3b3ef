//! Routing rules shared by several kinds and by the predictions: turns in order without
//! dividing ([`RoundRobin`]), which of `count` targets a key goes to ([`target_for_key`]),
//! the one rule the web tier uses to pick a data store and `predict` uses to foresee it, and
//! each node's targets by port over the wires that are up ([`WireIndex`]).
//!
//! Deliberately absent: any state of the world beyond the wires it reads.

use super::*;

/// Which of `count` targets (`count > 0`) key `key` goes to: how the web tier picks one of
/// several data stores for a key, and how a sticky balancer picks a client's slot. `predict`
/// foresees the stores' shares with this same rule.
#[inline]
pub(crate) fn target_for_key(key: u64, count: u64) -> u64 {
    crate::sim::rng::mix64(key) % count
}

/// `(i + 1) % m` (`m > 0`), dividing only when `i + 1 > m` (the size shrank since `i`): a
/// division costs tens of cycles, the usual step a comparison.
pub(crate) fn next_index(i: u64, m: u64) -> u64 {
    match i + 1 {
        n if n < m => n,
        n if n == m => 0,
        n => n % m,
    }
}

/// Turns taken in order among `m` (round robin): the `i`-th turn is `i % m`, exactly as if the
/// count were divided each time, but with a division (tens of cycles) only when `m` changes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RoundRobin {
    pub(crate) turns: u64,
    pub(crate) m: u64,
    /// `turns % m`.
    pub(crate) at: u64,
}

impl RoundRobin {
    /// Counts a turn and returns whose it is among `m > 0`.
    pub(crate) fn next(&mut self, m: u64) -> u64 {
        self.turns += 1;
        if m == self.m {
            self.at = next_index(self.at, m);
        } else {
            self.m = m;
            self.at = self.turns % m;
        }
        self.at
    }
}

impl World {
    /// A data store for `key` among the web node's data targets (not caches).
    pub(crate) fn store_of(&self, web: NodeIx, key: u64) -> Option<NodeIx> {
        let is_store = |&t: &NodeIx| self.nodes[t].kind != ComponentKind::Cache;
        let count = self.targets(web, OutPort::Data).filter(is_store).count();
        match count {
            0 => None,
            1 => self.targets(web, OutPort::Data).find(is_store),
            _ => {
                let k = target_for_key(key, count as u64) as usize;
                self.targets(web, OutPort::Data).filter(is_store).nth(k)
            }
        }
    }
}

/// Each node's targets by port role over the wires that are up, in wiring order: what
/// [`World::targets`] yields, as ranges of one flat list. Worked out again whenever a wire is
/// cut or restored (only faults do either), so routing a request reads a short slice instead
/// of filtering all of a node's wires against their state on every hop.
#[derive(Default)]
pub(crate) struct WireIndex {
    targets: Vec<NodeIx>,
    /// Per node, per `OutPort as usize`: its range in `targets`.
    ranges: Vec<[(u32, u32); OutPort::ALL.len()]>,
}

impl WireIndex {
    /// Node `n`'s targets through `port`.
    #[inline]
    pub(crate) fn of(&self, n: NodeIx, port: OutPort) -> &[NodeIx] {
        let (lo, hi) = self.ranges[n.ix()][port as usize];
        &self.targets[lo as usize..hi as usize]
    }
}

impl World {
    /// Lists again each node's targets by port over the wires up now (after a build, a cut or
    /// a restore).
    pub(crate) fn index_wires(&mut self) {
        let mut index = std::mem::take(&mut self.wires);
        index.targets.clear();
        index.ranges.clear();
        for node in &self.nodes {
            let mut ranges = [(0, 0); OutPort::ALL.len()];
            for port in OutPort::ALL {
                let lo = index.targets.len() as u32;
                index.targets.extend(
                    node.outs
                        .iter()
                        .filter(|o| o.0 == port && self.wire_up[o.2 as usize])
                        .map(|o| o.1),
                );
                ranges[port as usize] = (lo, index.targets.len() as u32);
            }
            index.ranges.push(ranges);
        }
        self.wires = index;
    }
}
