//! The sessions of one session store, with its clients' side, a row per client.
//!
//! Owns: which clients hold a session, when each expires (idle expiry: every use pushes it to
//! `now + ttl`), the order a full store evicts them in (least recently used first, through a
//! [`TouchQueue`]), and when each client last used its session (its cookie: kept across
//! evictions and a store that restarts empty). Clients are numbered densely across the
//! diagram's populations, so a login reads one row: held or not, expiry, place in the queue
//! and last use side by side, where a key cache and a hash map of last uses took three reads
//! far apart (a session store holds up to hundreds of thousands of sessions picked uniformly).
//! A first visit reads only a bit saying the client has never logged in, and writes its row.
//!
//! Invariants: `held() <= capacity`; a row is held exactly when its record is in the queue.
//! Does not: model latency, replicas or the web tier's view of a session; the owning
//! component does.

use super::SimTime;
use super::metrics::SessionCounts;
use super::touch_queue::{NO_RECORD, TouchQueue};

/// What a login found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Login {
    /// The session was there (and its idle timer restarts).
    Found,
    /// A first visit, or a session that expired while idle: a new session, a normal login.
    NewSession,
    /// The session vanished before its time (evicted, or the store restarted empty).
    Lost,
}

/// One client: its session (held while `record` is not [`NO_RECORD`]) and its last use. A
/// held session expires `ttl` after its last use (every use pushes its expiry back, and a new
/// one is made at a use), so the row needs no expiry of its own: 16 bytes, four to a line of
/// the processor's cache.
#[derive(Clone, Copy, Debug)]
struct Row {
    record: u64,
    /// When the client last used its session; `u64::MAX`: never.
    last_seen: u64,
}

const NEW_ROW: Row = Row {
    record: NO_RECORD,
    last_seen: u64::MAX,
};

/// A session store's sessions: at most `capacity`, each expiring `ttl` after its last use.
#[derive(Clone, Debug)]
pub struct SessionTable {
    capacity: usize,
    ttl: SimTime,
    rows: Vec<Row>,
    /// A bit per row: set once the client has logged in (its row is no longer [`NEW_ROW`]).
    /// A first visit reads its bit, near at hand, rather than its row, far away in a table
    /// of every client's: it only writes the row, which does not wait for memory.
    seen: Vec<u64>,
    lru: TouchQueue,
    held: usize,
    /// What logins found, and the evictions (`held` is filled in when asked).
    counts: SessionCounts,
}

impl SessionTable {
    /// An empty store.
    pub fn new(capacity: usize, ttl: SimTime) -> SessionTable {
        SessionTable {
            capacity,
            ttl,
            rows: Vec::new(),
            seen: Vec::new(),
            lru: TouchQueue::default(),
            held: 0,
            counts: SessionCounts::default(),
        }
    }

    /// The sessions held now (including expired ones not yet noticed), and since the start
    /// what logins found and the sessions evicted.
    pub fn counts(&self) -> SessionCounts {
        SessionCounts {
            held: self.held as u64,
            ..self.counts
        }
    }

    /// Client `client` logs in at `now`: its session is found (and its idle timer restarts),
    /// or it gets a new one (a full store evicting the least recently used), having lost the
    /// one it had if that went before its time.
    pub fn login(&mut self, now: SimTime, client: u32) -> Login {
        let c = client as usize;
        if c >= self.rows.len() {
            self.grow(c);
        }
        let (word, bit) = (c / 64, 1u64 << (c % 64));
        let row = if self.seen[word] & bit == 0 {
            self.seen[word] |= bit;
            NEW_ROW
        } else {
            self.rows[c]
        };
        let held = row.record != NO_RECORD;
        let idle = now.since(SimTime(row.last_seen));
        let outcome = if held && idle < self.ttl {
            self.counts.found += 1;
            Login::Found
        } else {
            if held {
                // Expired while idle: noticed now, and gone.
                self.rows[c].record = NO_RECORD;
                self.held -= 1;
            }
            if row.last_seen == u64::MAX {
                self.counts.created += 1;
                Login::NewSession
            } else if idle >= self.ttl {
                self.counts.expired += 1;
                Login::NewSession
            } else {
                self.counts.lost += 1;
                Login::Lost
            }
        };
        if outcome != Login::Found && self.capacity > 0 {
            // The user logs in (again): a new session.
            if self.held >= self.capacity {
                let victim = self.lru.pop_oldest(&mut self.rows, |row| &mut row.record);
                self.rows[victim as usize].record = NO_RECORD;
                self.held -= 1;
                self.counts.evicted += 1;
            }
            self.held += 1;
        }
        self.rows[c].last_seen = now.0;
        if outcome == Login::Found || self.capacity > 0 {
            let held = self.held;
            self.lru
                .touch(client, held, &mut self.rows, |row| &mut row.record);
        }
        outcome
    }

    /// The store restarts empty (its last node failed): every session is gone, while the
    /// clients remember theirs (a login then finds it lost).
    pub fn flush(&mut self) {
        for row in &mut self.rows {
            row.record = NO_RECORD;
        }
        self.lru.clear();
        self.held = 0;
    }

    /// Makes room for client `c`.
    #[cold]
    fn grow(&mut self, c: usize) {
        let len = (c + 1).next_power_of_two().max(64);
        self.rows.resize(len, NEW_ROW);
        self.seen.resize(len / 64, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::cache::{Cache, CacheConfig, Eviction, TtlMode};
    use crate::sim::rng::KeyMap;

    /// The store as it was built before: an LRU key cache with idle expiry, and a map of
    /// when each client last used its session. The table must answer every login alike.
    struct Reference {
        store: Cache,
        last_seen: KeyMap<SimTime>,
        ttl: SimTime,
    }

    impl Reference {
        fn login(&mut self, now: SimTime, client: u32) -> Login {
            let key = client as u64;
            let outcome = if self.store.lookup(now, key) {
                Login::Found
            } else {
                match self.last_seen.get(&key) {
                    None => Login::NewSession,
                    Some(&seen) if now.since(seen) >= self.ttl => Login::NewSession,
                    Some(_) => Login::Lost,
                }
            };
            if outcome != Login::Found {
                self.store.fill(now, key);
            }
            self.last_seen.insert(key, now);
            outcome
        }
    }

    #[test]
    fn logins_match_a_key_cache_with_a_map_of_last_uses() {
        for capacity in [0, 1, 40, 300, 30_000] {
            let ttl = SimTime::from_millis(900);
            let mut table = SessionTable::new(capacity, ttl);
            let mut reference = Reference {
                store: Cache::new(CacheConfig {
                    capacity,
                    eviction: Eviction::Lru,
                    ttl: Some(ttl),
                    ttl_mode: TtlMode::RefreshOnHit,
                }),
                last_seen: KeyMap::default(),
                ttl,
            };
            let mut x = 5u64;
            for t in 0..80_000u64 {
                x = crate::sim::rng::mix64(x);
                // A few regulars, some frequent visitors and a crowd of occasional ones (idle
                // longer than the time to live); now and then the store restarts empty.
                let client = if x.is_multiple_of(4) {
                    x % 7
                } else if x.is_multiple_of(3) {
                    x % 200
                } else {
                    x % 20_000
                } as u32;
                let now = SimTime::from_millis(t / 8);
                if x.is_multiple_of(20_011) {
                    table.flush();
                    reference.store.flush();
                }
                let got = table.login(now, client);
                assert_eq!(got, reference.login(now, client), "{capacity} at {t}");
                assert_eq!(table.counts().held, reference.store.len() as u64);
            }
            let c = table.counts();
            assert_eq!(c.evicted, reference.store.stats().evictions);
            assert_eq!(c.found + c.created + c.expired + c.lost, 80_000);
            if capacity >= 40 {
                assert!(
                    [c.found, c.created, c.expired, c.lost]
                        .iter()
                        .all(|&n| n > 100),
                    "{capacity}: every outcome must occur: {c:?}"
                );
            }
            if capacity > 0 && capacity < 20_000 {
                assert!(c.evicted > 1000, "{capacity}: the test must evict");
            }
        }
    }
}
