//! The component catalogue: every kind of building block a diagram can hold, with the name,
//! icon and one-line description the palette shows.

use serde::{Deserialize, Serialize};

/// A kind of component. Closed on purpose: adding a kind makes the compiler list every place
/// (catalogue, connection rules, simulation, drawing) that has to learn about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Users,
    Dns,
    Cdn,
    LoadBalancer,
    WebServers,
    Cache,
    SessionStore,
    Database,
    NoSql,
    ShardedDatabase,
    MessageQueue,
    Workers,
    MetricsSink,
}

impl ComponentKind {
    /// Every kind, in the order the palette lists them (the order a request meets them).
    pub const ALL: [ComponentKind; 13] = [
        ComponentKind::Users,
        ComponentKind::Dns,
        ComponentKind::Cdn,
        ComponentKind::LoadBalancer,
        ComponentKind::WebServers,
        ComponentKind::Cache,
        ComponentKind::SessionStore,
        ComponentKind::Database,
        ComponentKind::NoSql,
        ComponentKind::ShardedDatabase,
        ComponentKind::MessageQueue,
        ComponentKind::Workers,
        ComponentKind::MetricsSink,
    ];

    /// The name shown on the palette and on a new component's card.
    pub fn name(self) -> &'static str {
        match self {
            ComponentKind::Users => "Users",
            ComponentKind::Dns => "DNS",
            ComponentKind::Cdn => "CDN",
            ComponentKind::LoadBalancer => "Load balancer",
            ComponentKind::WebServers => "Web servers",
            ComponentKind::Cache => "Cache",
            ComponentKind::SessionStore => "Session store",
            ComponentKind::Database => "Database",
            ComponentKind::NoSql => "NoSQL store",
            ComponentKind::ShardedDatabase => "Sharded database",
            ComponentKind::MessageQueue => "Message queue",
            ComponentKind::Workers => "Workers",
            ComponentKind::MetricsSink => "Logs & metrics",
        }
    }

    /// One line saying what the component does in a scaled-out web service.
    pub fn description(self) -> &'static str {
        match self {
            ComponentKind::Users => {
                "A client population sending reads, writes and static-asset requests."
            }
            ComponentKind::Dns => {
                "Resolves the domain; GeoDNS sends users to the nearest healthy datacenter."
            }
            ComponentKind::Cdn => {
                "Edge caches for static assets; misses and edge failures go to the origin."
            }
            ComponentKind::LoadBalancer => {
                "Public entry point spreading requests over healthy web servers."
            }
            ComponentKind::WebServers => {
                "A group of web servers: scale up with bigger instances, out with more."
            }
            ComponentKind::Cache => {
                "In-memory key cache (read-through, TTL, LRU/LFU/FIFO eviction)."
            }
            ComponentKind::SessionStore => {
                "Shared session storage that makes the web tier stateless."
            }
            ComponentKind::Database => {
                "Relational primary taking writes, with read replicas and failover."
            }
            ComponentKind::NoSql => "Key-value store: low latency, easy to scale out, no joins.",
            ComponentKind::ShardedDatabase => {
                "Data split over shards by key: modulo or consistent hashing."
            }
            ComponentKind::MessageQueue => "Durable buffer decoupling producers from workers.",
            ComponentKind::Workers => "A pool consuming jobs from a queue; scales on queue depth.",
            ComponentKind::MetricsSink => {
                "Collects logs and metrics from the components wired to it."
            }
        }
    }

    /// A short glyph drawn on the palette and on the component's card.
    pub fn icon(self) -> &'static str {
        match self {
            ComponentKind::Users => "👥",
            ComponentKind::Dns => "🌐",
            ComponentKind::Cdn => "🛰",
            ComponentKind::LoadBalancer => "⚖",
            ComponentKind::WebServers => "🖥",
            ComponentKind::Cache => "⚡",
            ComponentKind::SessionStore => "🔑",
            ComponentKind::Database => "🗄",
            ComponentKind::NoSql => "📦",
            ComponentKind::ShardedDatabase => "🧩",
            ComponentKind::MessageQueue => "📨",
            ComponentKind::Workers => "⚙",
            ComponentKind::MetricsSink => "📈",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_with_a_name_and_description() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in ComponentKind::ALL {
            assert!(seen.insert(kind), "{kind:?} listed twice");
            assert!(!kind.name().is_empty());
            assert!(kind.description().ends_with('.'));
        }
    }
}
