//! Settings of the data tier: the cache (eviction, expiry), the session store, the relational
//! database (replication, failover), NoSQL and the sharded database.

use serde::{Deserialize, Serialize};

use super::{InstanceSize, SAME_DC_RTT_MS, ServiceTime};

/// Which key a full cache throws out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eviction {
    Lru,
    Lfu,
    Fifo,
}

/// When a cached key's time-to-live starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    /// Set when the key is written (on a write or a read-through miss), as memcached and Redis do.
    SetOnWrite,
    /// Refreshed on every hit.
    RefreshOnHit,
}

/// In-memory key cache.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CacheConfig {
    pub capacity_keys: u64,
    pub eviction: Eviction,
    /// Time to live; 0 means keys never expire.
    pub ttl_s: u32,
    pub expiry: Expiry,
    /// Who fills the cache on a miss. `true` (read-through, the chapter's strategy): the cache
    /// itself loads the key from the store wired to its `miss` port (else the web tier's store)
    /// and fills itself, one operation on its node per miss. `false` (cache-aside): the cache
    /// answers "not found", the web server reads its store itself and then writes the value
    /// back into the cache: a second operation on the cache node per miss, waited for by the
    /// request (a round trip and a turn on the node's lookup queue).
    pub read_through: bool,
    /// Nodes holding a copy; one node is a single point of failure for the load behind it.
    pub replicas: u32,
    pub get_latency_ms: f64,
    /// Lookups one node serves per second, one at a time (Redis-like); more wait their turn.
    #[serde(default = "default_lookup_ops")]
    pub ops_per_node_per_s: u64,
}

/// Lookups per second of one cache or session-store node: a single-threaded in-memory store
/// answers on the order of 100k simple gets per second.
pub const DEFAULT_LOOKUP_OPS_PER_S: u64 = 100_000;

fn default_lookup_ops() -> u64 {
    DEFAULT_LOOKUP_OPS_PER_S
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig {
            capacity_keys: 1_000,
            eviction: Eviction::Lru,
            ttl_s: 3_600,
            expiry: Expiry::SetOnWrite,
            read_through: true,
            replicas: 1,
            get_latency_ms: SAME_DC_RTT_MS,
            ops_per_node_per_s: DEFAULT_LOOKUP_OPS_PER_S,
        }
    }
}

/// Shared session storage (Redis-like).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionStoreConfig {
    /// Most sessions held; a full store evicts the least recently used, logging that user out.
    pub capacity_sessions: u64,
    /// Idle time after which a session expires (the user simply logs in again).
    pub session_ttl_s: u32,
    /// Nodes each holding every session; with one, a failure logs everybody out.
    pub replicas: u32,
    pub get_latency_ms: f64,
    /// Lookups one node serves per second, one at a time; more wait their turn.
    #[serde(default = "default_lookup_ops")]
    pub ops_per_node_per_s: u64,
}

impl Default for SessionStoreConfig {
    fn default() -> Self {
        SessionStoreConfig {
            capacity_sessions: 1_000_000,
            session_ttl_s: 1_800,
            replicas: 2,
            get_latency_ms: SAME_DC_RTT_MS,
            ops_per_node_per_s: DEFAULT_LOOKUP_OPS_PER_S,
        }
    }
}

/// How a primary ships writes to its replicas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Replication {
    /// Acknowledge before replicas apply: fast, but replicas lag and a failover can lose writes.
    Async,
    /// Acknowledge after a replica applied: no lost writes, slower writes.
    Sync,
}

/// How a failed primary is detected and replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failover {
    pub detection_interval_s: u32,
    /// Consecutive failed checks before failover starts.
    pub failure_threshold: u32,
    /// Time to promote a replica to primary.
    pub promotion_time_s: u32,
}

impl Default for Failover {
    fn default() -> Self {
        Failover {
            detection_interval_s: 5,
            failure_threshold: 3,
            promotion_time_s: 30,
        }
    }
}

/// Relational database: one primary taking writes, read replicas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatabaseConfig {
    pub read_replicas: u32,
    pub replication: Replication,
    /// Writes per second one replica's apply thread can replay.
    pub apply_rate_per_s: f64,
    /// One-way delay shipping a write to a replica.
    pub network_delay_ms: f64,
    pub failover: Failover,
    pub instance_size: InstanceSize,
    /// Time for one query on the smallest size.
    pub service_time: ServiceTime,
    /// Queries one node runs at once.
    pub concurrency_per_node: u32,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            read_replicas: 0,
            replication: Replication::Async,
            apply_rate_per_s: 1_000.0,
            network_delay_ms: SAME_DC_RTT_MS,
            failover: Failover::default(),
            instance_size: InstanceSize::Vcpu2,
            service_time: ServiceTime::Exponential { mean_ms: 1.0 },
            concurrency_per_node: 8,
        }
    }
}

/// Key-value / document store spread over nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoSqlConfig {
    pub nodes: u32,
    /// Copies of each item (at most `nodes`).
    pub replication_factor: u32,
    pub service_time: ServiceTime,
    pub concurrency_per_node: u32,
}

impl Default for NoSqlConfig {
    fn default() -> Self {
        NoSqlConfig {
            nodes: 3,
            replication_factor: 3,
            service_time: ServiceTime::Exponential { mean_ms: 1.0 },
            concurrency_per_node: 16,
        }
    }
}

/// How a key is mapped to a shard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShardingStrategy {
    /// `key % shards`: simple, but changing the shard count moves most keys.
    Modulo,
    /// A hash ring with `virtual_nodes` points per shard: adding a shard moves about 1/(N+1).
    ConsistentHashing { virtual_nodes: u32 },
}

/// A database split into shards by a key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShardedDatabaseConfig {
    pub shards: u32,
    /// The column keys are hashed on (e.g. `user_id`).
    pub sharding_key: String,
    pub strategy: ShardingStrategy,
    /// Replicas of each shard besides its primary: they serve the shard's reads (round robin),
    /// and one is promoted when the shard's primary fails (the shard is down without one).
    pub replicas_per_shard: u32,
    pub service_time: ServiceTime,
    pub concurrency_per_shard: u32,
}

impl Default for ShardedDatabaseConfig {
    fn default() -> Self {
        ShardedDatabaseConfig {
            shards: 4,
            sharding_key: "user_id".to_string(),
            strategy: ShardingStrategy::Modulo,
            replicas_per_shard: 1,
            service_time: ServiceTime::Exponential { mean_ms: 1.0 },
            concurrency_per_shard: 8,
        }
    }
}
