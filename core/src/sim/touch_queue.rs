//! The order entries were last touched in: what a least-recently-used (or first-in, first-out)
//! store evicts by, shared by the key caches (`cache`) and the session stores
//! (`session_table`).
//!
//! Owns: the queue of ids, oldest first, stale records included. Its owner keeps, in each
//! entry, where the entry's latest record is (a `u64` field it hands over as `at`, with
//! [`NO_RECORD`] when the id is not in the queue), so that a touch is a write at the entry the
//! owner has just read and one at the queue's end, and no neighbour's links are rewritten as in
//! a linked list (two more reads far apart in a large store).
//!
//! Invariants: every id in the owner's store has exactly one live record; a record is live when
//! the owner's record for its id says where it is. Does not: know what the ids stand for, or
//! when something expires.

use std::collections::VecDeque;

/// The record of an id that is not in the queue.
pub const NO_RECORD: u64 = u64::MAX;

/// Ids in the order they were last touched, oldest first (the order LRU evicts in, or FIFO's
/// when only fills touch). A touch appends the id and notes where, in the field of the owner's
/// entry for it that `at` gives, so its earlier record is stale from then on; stale records
/// are skipped at the front and dropped whenever they outnumber the live ones (at least half of
/// the queue goes, so that is amortised O(1) a touch). Against a linked list, a touch writes
/// the record the owner has just read and the queue's end, and rewrites no neighbours' links.
#[derive(Clone, Debug, Default)]
pub struct TouchQueue {
    ids: VecDeque<u32>,
    /// Where the front record is, counting every record ever pushed.
    start: u64,
}

impl TouchQueue {
    /// `id` goes to the back; `live`: how many ids are in the queue; `at`: where an entry of
    /// the owner's `entries` keeps its latest record.
    #[inline]
    pub fn touch<T>(
        &mut self,
        id: u32,
        live: usize,
        entries: &mut [T],
        at: impl Fn(&mut T) -> &mut u64,
    ) {
        *at(&mut entries[id as usize]) = self.start + self.ids.len() as u64;
        self.ids.push_back(id);
        if self.ids.len() > 2 * live + 64 {
            self.compact(entries, at);
        }
    }

    /// Drops the stale records, keeping the others in order.
    #[cold]
    fn compact<T>(&mut self, entries: &mut [T], at: impl Fn(&mut T) -> &mut u64) {
        let (mut read, mut kept) = (self.start, self.start);
        self.ids.retain(|&id| {
            let record = at(&mut entries[id as usize]);
            let live = *record == read;
            read += 1;
            if live {
                *record = kept;
                kept += 1;
            }
            live
        });
    }

    /// Takes the oldest live id off the front (the caller then forgets its record); there is
    /// one.
    pub fn pop_oldest<T>(&mut self, entries: &mut [T], at: impl Fn(&mut T) -> &mut u64) -> u32 {
        loop {
            let id = self.ids.pop_front().expect("a live record is queued");
            let start = self.start;
            self.start += 1;
            if *at(&mut entries[id as usize]) == start {
                return id;
            }
        }
    }

    /// Records held, stale ones included.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no record is held.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Forgets every id (their owner forgets their records).
    pub fn clear(&mut self) {
        self.ids.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_the_order_of_last_touch_and_stays_bounded() {
        let mut records = vec![NO_RECORD; 50];
        let mut q = TouchQueue::default();
        // Ids in the order of their last touch, oldest first.
        let mut order: Vec<u32> = Vec::new();
        let mut x = 3u64;
        for _ in 0..20_000 {
            x = crate::sim::rng::mix64(x);
            let id = (x % 50) as u32;
            order.retain(|&i| i != id);
            order.push(id);
            q.touch(id, order.len(), &mut records, |r| r);
            assert!(q.len() <= 2 * order.len() + 65);
            if x.is_multiple_of(7) {
                // The owner drops the oldest, as a full store evicts.
                let victim = q.pop_oldest(&mut records, |r| r);
                assert_eq!(victim, order.remove(0));
                records[victim as usize] = NO_RECORD;
            }
        }
        while let Some(&next) = order.first() {
            assert_eq!(q.pop_oldest(&mut records, |r| r), next);
            records[next as usize] = NO_RECORD;
            order.remove(0);
        }
    }
}
