//! Routing rules shared by several kinds and by the predictions: turns in order without
//! dividing ([`RoundRobin`]), and which of `count` targets a key goes to ([`target_for_key`]),
//! the one rule the web tier uses to pick a data store and `predict` uses to foresee it.
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
