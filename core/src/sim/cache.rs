//! A per-key cache store with a capacity: the cache tier and the CDN edge.
//!
//! Owns: which keys are resident, the eviction order, the expiry and last fill time of each
//! entry, and hit / miss / eviction / expiry counters. Keys are `u64` (the simulation's key ids).
//!
//! Eviction policies, all O(1) per operation (amortised for LRU and FIFO):
//! - LRU: a [`TouchQueue`], oldest first: a fill or a hit appends the entry, the front's first
//!   live record is evicted. A hit writes the entry it has just read and the queue's end, where
//!   a linked list would also rewrite both neighbours' links, two more reads far apart in a
//!   large cache (about 9 % faster on the chapter final's 300 s run in wasm).
//! - FIFO: the same queue, appended to on fills only; hits do not reorder.
//! - LFU (in-cache frequency): entries grouped in buckets of equal hit count, buckets kept in a
//!   list by increasing count; the least recently used entry of the lowest bucket is evicted. An
//!   evicted key forgets its count.
//!
//! ```text
//!  LFU:  bucket f=1 ⇄ bucket f=2 ⇄ bucket f=5      (bucket list, lowest first)
//!          │            │            │
//!        k7 ⇄ k3       k9           k1 ⇄ k4         (entries, most recent first; evict k3)
//! ```
//!
//! TTL: an entry expires `ttl` after it was filled (memcached / Redis `SET ... EX`); in the
//! refresh variant every hit pushes the expiry to `now + ttl`. Expiry is lazy: an expired entry
//! is noticed (and counted as a miss and an expiration) when looked up, as in memcached; it keeps
//! its slot until then or until it is evicted.
//!
//! Invariants: `len() <= capacity`; `hits + misses = lookups`. Does not: model value sizes,
//! latency or concurrency; the owning component does.

use super::SimTime;
use super::rng::KeyMap;
use super::touch_queue::{NO_RECORD, TouchQueue};

const NIL: u32 = u32::MAX;

/// Which resident entry makes room for a new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eviction {
    /// Least recently used.
    Lru,
    /// Least frequently used (count kept while resident; ties broken by recency).
    Lfu,
    /// First in, first out.
    Fifo,
}

/// When an entry's time to live starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TtlMode {
    /// Set when the entry is filled (after a miss or a write) and never extended.
    SetOnFill,
    /// Set when filled and pushed back on every hit.
    RefreshOnHit,
}

/// How a cache behaves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CacheConfig {
    /// Most entries held at once.
    pub capacity: usize,
    /// Eviction policy.
    pub eviction: Eviction,
    /// Time to live of an entry; `None`: entries never expire.
    pub ttl: Option<SimTime>,
    /// When the time to live starts.
    pub ttl_mode: TtlMode,
}

/// Counters of a cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Lookups that found a live entry.
    pub hits: u64,
    /// Lookups that did not (absent or expired).
    pub misses: u64,
    /// Entries removed to make room.
    pub evictions: u64,
    /// Entries found expired on lookup.
    pub expirations: u64,
    /// Entries removed by invalidation.
    pub invalidations: u64,
    /// Whole-cache flushes.
    pub flushes: u64,
}

impl CacheStats {
    /// hits / (hits + misses), 0 before any lookup.
    pub fn hit_ratio(&self) -> f64 {
        let n = self.hits + self.misses;
        if n == 0 {
            0.0
        } else {
            self.hits as f64 / n as f64
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: u64,
    expires: u64,
    /// When the entry was last filled (what version of the object it holds).
    filled: u64,
    /// LRU and FIFO: where the entry's latest record in the touch queue is ([`NO_RECORD`]
    /// for a free entry).
    record: u64,
}

/// LFU: an entry's place in its bucket's list, kept apart from the entry: a hit rewrites its
/// neighbours' links, and 12-byte links of a large cache stay in the processor's cache where
/// larger entries would not.
#[derive(Clone, Copy, Debug)]
struct Link {
    bucket: u32,
    prev: u32,
    next: u32,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    freq: u64,
    head: u32,
    tail: u32,
    prev: u32,
    next: u32,
}

/// Keys below this are indexed by a direct table (the simulation's key ids are below 2^20);
/// larger keys go through a hash map.
const DIRECT_KEYS: u64 = 1 << 20;

/// key -> entry index: one array access for small keys instead of a hash probe.
///
/// Beside the direct table, one bit per small key says whether it is resident. The table is
/// four bytes a key (megabytes over a large key space) while the bits are an eighth of a byte
/// a key and stay in the processor's cache, so a lookup of an absent key (most of the long
/// tail of a popularity distribution) is answered without touching the table.
#[derive(Clone, Debug, Default)]
struct KeyIndex {
    direct: Vec<u32>,
    resident: Vec<u64>,
    map: KeyMap<u32>,
    len: usize,
}

impl KeyIndex {
    #[inline]
    fn is_resident(&self, key: usize) -> bool {
        self.resident
            .get(key / 64)
            .is_some_and(|w| w & (1 << (key % 64)) != 0)
    }
    #[inline]
    fn get(&self, key: &u64) -> Option<&u32> {
        if *key < DIRECT_KEYS {
            let k = *key as usize;
            if self.is_resident(k) {
                Some(&self.direct[k])
            } else {
                None
            }
        } else {
            self.map.get(key)
        }
    }
    #[inline]
    fn insert(&mut self, key: u64, e: u32) {
        if key < DIRECT_KEYS {
            let k = key as usize;
            if k >= self.direct.len() {
                self.grow(k);
            }
            if !self.is_resident(k) {
                self.resident[k / 64] |= 1 << (k % 64);
                self.len += 1;
            }
            self.direct[k] = e;
        } else if self.map.insert(key, e).is_none() {
            self.len += 1;
        }
    }
    /// Makes room for small key `k`.
    #[cold]
    fn grow(&mut self, k: usize) {
        let want = (k + 1).next_power_of_two().min(DIRECT_KEYS as usize);
        self.direct.resize(want, NIL);
        self.resident.resize(want.div_ceil(64), 0);
    }
    #[inline]
    fn remove(&mut self, key: &u64) {
        let removed = if *key < DIRECT_KEYS {
            let k = *key as usize;
            if self.is_resident(k) {
                self.resident[k / 64] &= !(1 << (k % 64));
                true
            } else {
                false
            }
        } else {
            self.map.remove(key).is_some()
        };
        if removed {
            self.len -= 1;
        }
    }
    fn len(&self) -> usize {
        self.len
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A key cache with capacity, eviction policy and TTL.
#[derive(Clone, Debug)]
pub struct Cache {
    config: CacheConfig,
    map: KeyIndex,
    entries: Vec<Entry>,
    /// Each entry's list links (same index).
    links: Vec<Link>,
    free_entries: Vec<u32>,
    buckets: Vec<Bucket>,
    free_buckets: Vec<u32>,
    /// LFU: the lowest-frequency bucket.
    first_bucket: u32,
    /// LRU and FIFO: the entries in the order they were last touched (LRU: filled or hit;
    /// FIFO: filled), oldest first, with stale records (an entry touched again later, or
    /// removed) left in place and skipped; the front is the next victim.
    queue: TouchQueue,
    stats: CacheStats,
}

impl Cache {
    /// An empty cache.
    pub fn new(config: CacheConfig) -> Cache {
        Cache {
            config,
            map: KeyIndex::default(),
            entries: Vec::new(),
            links: Vec::new(),
            free_entries: Vec::new(),
            buckets: Vec::new(),
            free_buckets: Vec::new(),
            first_bucket: NIL,
            queue: TouchQueue::default(),
            stats: CacheStats::default(),
        }
    }
    /// The configuration.
    pub fn config(&self) -> &CacheConfig {
        &self.config
    }
    /// Counters.
    pub fn stats(&self) -> &CacheStats {
        &self.stats
    }
    /// Entries held (including expired ones not yet noticed).
    pub fn len(&self) -> usize {
        self.map.len()
    }
    /// Whether the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
    /// Whether `key` is resident and live at `now`, without touching counters or order.
    pub fn contains(&self, now: SimTime, key: u64) -> bool {
        self.map
            .get(&key)
            .is_some_and(|&i| self.entries[i as usize].expires > now.0)
    }

    /// When the resident entry for `key` was last filled (live or not), without touching
    /// counters or order.
    pub fn filled_at(&self, key: u64) -> Option<SimTime> {
        self.map
            .get(&key)
            .map(|&i| SimTime(self.entries[i as usize].filled))
    }

    fn new_bucket(&mut self, freq: u64, prev: u32, next: u32) -> u32 {
        let b = Bucket {
            freq,
            head: NIL,
            tail: NIL,
            prev,
            next,
        };
        let i = match self.free_buckets.pop() {
            Some(i) => {
                self.buckets[i as usize] = b;
                i
            }
            None => {
                self.buckets.push(b);
                (self.buckets.len() - 1) as u32
            }
        };
        if prev != NIL {
            self.buckets[prev as usize].next = i;
        } else {
            self.first_bucket = i;
        }
        if next != NIL {
            self.buckets[next as usize].prev = i;
        }
        i
    }

    fn drop_bucket_if_empty(&mut self, b: u32) {
        if self.config.eviction != Eviction::Lfu || self.buckets[b as usize].head != NIL {
            return;
        }
        let Bucket { prev, next, .. } = self.buckets[b as usize];
        if prev != NIL {
            self.buckets[prev as usize].next = next;
        } else {
            self.first_bucket = next;
        }
        if next != NIL {
            self.buckets[next as usize].prev = prev;
        }
        self.free_buckets.push(b);
    }

    fn unlink(&mut self, e: u32) {
        let Link { prev, next, bucket } = self.links[e as usize];
        if prev != NIL {
            self.links[prev as usize].next = next;
        } else {
            self.buckets[bucket as usize].head = next;
        }
        if next != NIL {
            self.links[next as usize].prev = prev;
        } else {
            self.buckets[bucket as usize].tail = prev;
        }
    }

    fn push_front(&mut self, e: u32, b: u32) {
        let head = self.buckets[b as usize].head;
        self.links[e as usize] = Link {
            bucket: b,
            prev: NIL,
            next: head,
        };
        if head != NIL {
            self.links[head as usize].prev = e;
        } else {
            self.buckets[b as usize].tail = e;
        }
        self.buckets[b as usize].head = e;
    }

    fn remove_entry(&mut self, e: u32) {
        if self.config.eviction == Eviction::Lfu {
            let b = self.links[e as usize].bucket;
            self.unlink(e);
            self.drop_bucket_if_empty(b);
        } else {
            self.entries[e as usize].record = NO_RECORD;
        }
        self.map.remove(&self.entries[e as usize].key);
        self.free_entries.push(e);
    }

    fn on_hit(&mut self, now: SimTime, e: u32) {
        if self.config.ttl_mode == TtlMode::RefreshOnHit
            && let Some(ttl) = self.config.ttl
        {
            self.entries[e as usize].expires = now.after(ttl).0;
        }
        match self.config.eviction {
            Eviction::Fifo => {}
            Eviction::Lru => self.touch(e),
            Eviction::Lfu => {
                let b = self.links[e as usize].bucket;
                let Bucket { freq, next, .. } = self.buckets[b as usize];
                let target = if next != NIL && self.buckets[next as usize].freq == freq + 1 {
                    next
                } else {
                    self.new_bucket(freq + 1, b, next)
                };
                self.unlink(e);
                self.push_front(e, target);
                self.drop_bucket_if_empty(b);
            }
        }
    }

    /// Looks `key` up at `now`: true on a hit (counted, and the entry's recency, frequency or
    /// expiry updated as the policy says); false on a miss (an expired entry is removed).
    pub fn lookup(&mut self, now: SimTime, key: u64) -> bool {
        match self.map.get(&key) {
            Some(&e) if self.entries[e as usize].expires > now.0 => {
                self.stats.hits += 1;
                self.on_hit(now, e);
                true
            }
            Some(&e) => {
                self.stats.misses += 1;
                self.stats.expirations += 1;
                self.remove_entry(e);
                false
            }
            None => {
                self.stats.misses += 1;
                false
            }
        }
    }

    /// Stores `key` at `now` (after a miss, or a write-through): a new entry evicts one if the
    /// cache is full; an existing entry gets a fresh expiry.
    pub fn fill(&mut self, now: SimTime, key: u64) {
        let expires = match self.config.ttl {
            Some(ttl) => now.after(ttl).0,
            None => u64::MAX,
        };
        if let Some(&e) = self.map.get(&key) {
            self.entries[e as usize].expires = expires;
            self.entries[e as usize].filled = now.0;
            return;
        }
        if self.config.capacity == 0 {
            return;
        }
        if self.map.len() >= self.config.capacity {
            let victim = match self.config.eviction {
                Eviction::Lfu => self.buckets[self.first_bucket as usize].tail,
                _ => self.oldest(),
            };
            debug_assert!(victim != NIL);
            self.remove_entry(victim);
            self.stats.evictions += 1;
        }
        let entry = Entry {
            key,
            expires,
            filled: now.0,
            record: NO_RECORD,
        };
        let e = match self.free_entries.pop() {
            Some(i) => {
                self.entries[i as usize] = entry;
                i
            }
            None => {
                self.entries.push(entry);
                if self.config.eviction == Eviction::Lfu {
                    self.links.push(Link {
                        bucket: NIL,
                        prev: NIL,
                        next: NIL,
                    });
                }
                (self.entries.len() - 1) as u32
            }
        };
        if self.config.eviction == Eviction::Lfu {
            let first = self.first_bucket;
            let b = if first != NIL && self.buckets[first as usize].freq == 1 {
                first
            } else {
                self.new_bucket(1, NIL, first)
            };
            self.push_front(e, b);
        } else {
            self.touch(e);
        }
        self.map.insert(key, e);
    }

    /// LRU and FIFO: entry `e` goes to the back of the queue.
    #[inline]
    fn touch(&mut self, e: u32) {
        let live = self.map.len();
        self.queue
            .touch(e, live, &mut self.entries, |entry| &mut entry.record);
    }

    /// LRU and FIFO: the next victim (the cache is not empty).
    fn oldest(&mut self) -> u32 {
        self.queue
            .pop_oldest(&mut self.entries, |entry| &mut entry.record)
    }

    /// Read-through: a lookup, filled on a miss. True on a hit.
    pub fn access(&mut self, now: SimTime, key: u64) -> bool {
        let hit = self.lookup(now, key);
        if !hit {
            self.fill(now, key);
        }
        hit
    }

    /// Removes `key` (invalidate on write). True if it was resident.
    pub fn invalidate(&mut self, key: u64) -> bool {
        match self.map.get(&key) {
            Some(&e) => {
                self.remove_entry(e);
                self.stats.invalidations += 1;
                true
            }
            None => false,
        }
    }

    /// Drops every entry (a restart or a flush: the next requests all miss).
    pub fn flush(&mut self) {
        let stats = self.stats;
        *self = Cache::new(self.config);
        self.stats = stats;
        self.stats.flushes += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_keys_behave_alike() {
        for eviction in [Eviction::Lru, Eviction::Lfu, Eviction::Fifo] {
            let config = CacheConfig {
                capacity: 50,
                eviction,
                ttl: Some(SimTime::from_millis(500)),
                ttl_mode: TtlMode::SetOnFill,
            };
            let (mut small, mut large) = (Cache::new(config), Cache::new(config));
            let mut x = 7u64;
            for t in 0..20_000u64 {
                x = crate::sim::rng::mix64(x);
                let k = x % 200;
                let now = SimTime::from_millis(t);
                if x.is_multiple_of(17) {
                    assert_eq!(small.invalidate(k), large.invalidate(k + (1 << 40)));
                } else {
                    assert_eq!(small.access(now, k), large.access(now, k + (1 << 40)));
                }
                assert_eq!(small.len(), large.len());
            }
            assert_eq!(small.stats(), large.stats());
            small.flush();
            assert!(small.is_empty());
        }
    }

    fn cache(capacity: usize, eviction: Eviction) -> Cache {
        Cache::new(CacheConfig {
            capacity,
            eviction,
            ttl: None,
            ttl_mode: TtlMode::SetOnFill,
        })
    }
    const T: SimTime = SimTime::ZERO;

    #[test]
    fn lru_evicts_least_recently_used() {
        let mut c = cache(2, Eviction::Lru);
        c.access(T, 1);
        c.access(T, 2);
        assert!(c.access(T, 1));
        c.access(T, 3); // evicts 2
        assert!(c.contains(T, 1) && !c.contains(T, 2) && c.contains(T, 3));
        assert_eq!(c.stats().evictions, 1);
    }

    #[test]
    fn fifo_ignores_hits() {
        let mut c = cache(2, Eviction::Fifo);
        c.access(T, 1);
        c.access(T, 2);
        assert!(c.access(T, 1));
        c.access(T, 3); // evicts 1, the oldest
        assert!(!c.contains(T, 1) && c.contains(T, 2) && c.contains(T, 3));
    }

    #[test]
    fn lfu_evicts_least_frequent_then_least_recent() {
        let mut c = cache(3, Eviction::Lfu);
        for k in [1, 2, 3, 1, 1, 2] {
            c.access(T, k);
        }
        c.access(T, 4); // 3 has count 1: evicted
        assert!(!c.contains(T, 3));
        c.access(T, 5); // 4 has count 1 and is the only one: evicted
        assert!(!c.contains(T, 4) && c.contains(T, 1) && c.contains(T, 2));
        assert!(c.access(T, 5));
        assert!(c.access(T, 5)); // 5 now count 3 > 2's count 2
        c.access(T, 6); // evicts 2
        assert!(!c.contains(T, 2) && c.contains(T, 5) && c.contains(T, 1));
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn ttl_set_on_fill_expires_even_when_hot() {
        let mut c = Cache::new(CacheConfig {
            capacity: 10,
            eviction: Eviction::Lru,
            ttl: Some(SimTime::from_secs(10)),
            ttl_mode: TtlMode::SetOnFill,
        });
        c.access(SimTime::from_secs(0), 1);
        assert!(c.access(SimTime::from_secs(9), 1));
        assert!(!c.access(SimTime::from_secs(10), 1));
        assert_eq!(c.stats().expirations, 1);
        let mut r = Cache::new(CacheConfig {
            ttl_mode: TtlMode::RefreshOnHit,
            ..*c.config()
        });
        r.access(SimTime::from_secs(0), 1);
        assert!(r.access(SimTime::from_secs(9), 1));
        assert!(r.access(SimTime::from_secs(18), 1));
    }

    #[test]
    fn filled_at_is_the_last_fill_not_the_last_hit() {
        let mut c = Cache::new(CacheConfig {
            capacity: 10,
            eviction: Eviction::Lru,
            ttl: Some(SimTime::from_secs(10)),
            ttl_mode: TtlMode::RefreshOnHit,
        });
        assert_eq!(c.filled_at(1), None);
        c.fill(SimTime::from_secs(2), 1);
        assert!(c.lookup(SimTime::from_secs(5), 1));
        assert_eq!(c.filled_at(1), Some(SimTime::from_secs(2)));
        c.fill(SimTime::from_secs(7), 1);
        assert_eq!(c.filled_at(1), Some(SimTime::from_secs(7)));
        c.invalidate(1);
        assert_eq!(c.filled_at(1), None);
    }

    /// A plain list in eviction order (next victim first) with the same rules: the reference
    /// the touch queue must match step for step.
    struct ListCache {
        capacity: usize,
        lru: bool,
        ttl: u64,
        /// (key, expires), the next victim first.
        entries: Vec<(u64, u64)>,
        evictions: u64,
    }

    impl ListCache {
        fn access(&mut self, now: u64, key: u64) -> bool {
            if let Some(i) = self.entries.iter().position(|&(k, _)| k == key) {
                if self.entries[i].1 > now {
                    if self.lru {
                        let e = self.entries.remove(i);
                        self.entries.push(e);
                    }
                    return true;
                }
                self.entries.remove(i);
            }
            if self.entries.len() >= self.capacity {
                self.entries.remove(0);
                self.evictions += 1;
            }
            self.entries.push((key, now + self.ttl));
            false
        }
        fn invalidate(&mut self, key: u64) -> bool {
            let before = self.entries.len();
            self.entries.retain(|&(k, _)| k != key);
            self.entries.len() < before
        }
    }

    #[test]
    fn lru_and_fifo_evict_exactly_as_a_plain_list_does() {
        // Hot keys hit over and over and a tail of cold ones; invalidations and expiries free
        // slots that other keys then reuse.
        for (eviction, capacity) in [
            (Eviction::Lru, 1),
            (Eviction::Lru, 7),
            (Eviction::Lru, 40),
            (Eviction::Fifo, 7),
            (Eviction::Fifo, 40),
        ] {
            let ttl = 3_000;
            let mut c = Cache::new(CacheConfig {
                capacity,
                eviction,
                ttl: Some(SimTime(ttl)),
                ttl_mode: TtlMode::SetOnFill,
            });
            let mut list = ListCache {
                capacity,
                lru: eviction == Eviction::Lru,
                ttl,
                entries: Vec::new(),
                evictions: 0,
            };
            let mut x = 11u64;
            for now in 0..60_000u64 {
                x = crate::sim::rng::mix64(x);
                // A few hot keys and a tail of cold ones.
                let key = if x.is_multiple_of(3) { x % 5 } else { x % 90 };
                if x.is_multiple_of(23) {
                    assert_eq!(
                        c.invalidate(key),
                        list.invalidate(key),
                        "{eviction:?} {now}"
                    );
                } else {
                    let hit = c.access(SimTime(now), key);
                    assert_eq!(
                        hit,
                        list.access(now, key),
                        "{eviction:?} {capacity} at {now}"
                    );
                }
                assert_eq!(c.len(), list.entries.len());
            }
            assert_eq!(c.stats().evictions, list.evictions);
            assert!(
                c.stats().evictions > 1000,
                "{eviction:?}: the test must evict"
            );
            for key in 0..90 {
                let held = list.entries.iter().any(|&(k, e)| k == key && e > 60_000);
                assert_eq!(c.contains(SimTime(60_000), key), held);
            }
        }
    }

    #[test]
    fn invalidate_flush_and_zero_capacity() {
        for ev in [Eviction::Lru, Eviction::Lfu, Eviction::Fifo] {
            let mut c = cache(2, ev);
            c.access(T, 1);
            c.access(T, 1);
            assert!(c.invalidate(1));
            assert!(!c.invalidate(1));
            assert!(!c.access(T, 1));
            c.flush();
            assert!(c.is_empty());
            assert!(!c.access(T, 1));
            assert_eq!(c.stats().flushes, 1);
            let mut z = cache(0, ev);
            assert!(!z.access(T, 1) && !z.access(T, 1));
        }
    }

    #[test]
    fn slots_are_reused_under_churn() {
        for ev in [Eviction::Lru, Eviction::Lfu, Eviction::Fifo] {
            let mut c = cache(100, ev);
            for i in 0..100_000u64 {
                c.access(T, (i * 7919) % 1000);
                if i % 3 == 0 {
                    c.invalidate(i % 1000);
                }
            }
            assert!(c.len() <= 100);
            assert!(c.entries.len() <= 100);
            assert!(c.buckets.len() <= 102);
            assert!(c.queue.len() <= 2 * c.len() + 65);
        }
    }
}
