//! The inspector's form and the cards' summaries in English: field labels (read from the serde
//! keys), the form's group headings, each field's one-line help (naming its unit and
//! explaining its terms), units, choices, refusals of a typed value, and a card's key settings.

use crate::decimal::Shortest;
use crate::editor::form::{
    DurationUnit, Field, FieldName, FieldRefusal, ShareRefusal, ShareTarget, Unit, compact,
    duration,
};
use crate::editor::form_order::{FieldGroup, FieldHelp};
use crate::model::config::{
    ComponentConfig, DnsRouting, Eviction, LbAlgorithm, Replication, SessionMode, ShardingStrategy,
};
use crate::present::english::plural;
use crate::present::lang::Lang;
use crate::present::say;

/// "Service time · mean", "Routing · to East".
pub fn field_label(name: &FieldName) -> String {
    let mut words = name.keys.iter().enumerate().map(|(i, key)| {
        if i == 0 {
            label_of(key)
        } else {
            label_of(key).to_ascii_lowercase()
        }
    });
    let mut label = words.next().unwrap_or_default();
    for word in words {
        label = format!("{label} · {word}");
    }
    match &name.share_of {
        Some(target) => format!("{label} · to {}", share_target(target)),
        None => label,
    }
}

/// "health_check_interval_s" -> "Health check interval": the English words of a serde key.
fn label_of(key: &str) -> String {
    let trimmed = ["_ms", "_rps", "_per_s", "_s"]
        .iter()
        .find_map(|suffix| key.strip_suffix(suffix))
        .unwrap_or(key);
    let words = trimmed
        .split('_')
        .map(|word| match word {
            "ttl" => "TTL",
            "rtt" => "RTT",
            "cpu" => "CPU",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn share_target(t: &ShareTarget) -> String {
    match t {
        ShareTarget::Named(label) => label.clone(),
        ShareTarget::Twin { label, id } => format!("{label} #{}", id.0),
        ShareTarget::Unwired(id) => format!("component {} (not wired)", id.0),
    }
}

/// A group heading of the form.
pub fn group(g: FieldGroup) -> &'static str {
    match g {
        FieldGroup::Capacity => "Capacity",
        FieldGroup::Behaviour => "Behaviour",
        FieldGroup::Failure => "When something fails",
        FieldGroup::Advanced => "Advanced",
    }
}

/// A field's one-line explanation: what it means, its unit, and its terms in plain words.
pub fn help(h: FieldHelp) -> &'static str {
    use FieldHelp as H;
    match h {
        H::UsersLoad => {
            "How the traffic is given: one total rate, or active users each sending requests."
        }
        H::UsersRate => "Requests per second all these users send together (req/s).",
        H::UsersActiveUsers => "Number of people using the site at the same moment.",
        H::UsersRequestsPerUser => {
            "Requests each active user sends per second (per s; 0.1 is one every 10 s)."
        }
        H::UsersRegion => {
            "Where the users are: nearest-region DNS sends them to the closest datacenter."
        }
        H::UsersReadShare => {
            "Fraction of requests that read data (0–1); reads, writes and static add up to 1."
        }
        H::UsersWriteShare => "Fraction of requests that change data (0–1).",
        H::UsersStaticShare => {
            "Fraction of requests for static files such as images and scripts (0–1): a CDN's work."
        }
        H::UsersLoginShare => {
            "Fraction of requests from logged-in users (0–1): those carry a session."
        }
        H::UsersKeySpace => "Number of distinct items (keys) the requests are spread over.",
        H::UsersZipfAlpha => {
            "Zipf alpha: how unevenly requests favour popular keys; 0 is even, 1 sends most to a \
             few top keys (web traffic 0.6–1.0, no unit)."
        }
        H::UsersCelebrityKeys => {
            "Celebrity keys: items far more popular than the rest (a star's profile); each lives \
             on one shard and makes it a hotspot. A count."
        }
        H::UsersCelebrityShare => {
            "Fraction of data requests aimed at the celebrity keys, on top of Zipf (0–1)."
        }
        H::DnsRouting => {
            "How DNS answers: the healthy target nearest the user (GeoDNS), or fixed \
             percentages per target."
        }
        H::DnsWeightedShare => {
            "Percentage of answers naming this target (%); another share takes the rest so \
             they add up to 100."
        }
        H::DnsHealthCheckInterval => "How often DNS checks that each target is up (s).",
        H::DnsFailureThreshold => {
            "Failed checks in a row before a target is left out of the answers."
        }
        H::DnsRecordTtl => {
            "TTL (time to live): how long resolvers keep an answer (s); after a failure, \
             clients keep going to the lost datacenter this long."
        }
        H::CdnEdgeCapacity => {
            "Number of objects (files) each edge holds; beyond it, objects are fetched from \
             the origin again."
        }
        H::CdnTtl => {
            "TTL (time to live): how long an edge keeps an object before asking the origin \
             server again (s)."
        }
        H::CdnObjectVersioning => {
            "Object versioning: a deploy gives files new names, so no edge serves an old copy."
        }
        H::CdnEdgeRtt => "Round trip from a user to the nearest edge (ms).",
        H::LbCapacity => {
            "Requests per second the balancer can forward (req/s); 0 is no limit, a managed \
             balancer that scales itself."
        }
        H::LbAlgorithm => {
            "How a server is picked: in turn, the least busy, at random, or always the same \
             one per client (sticky sessions)."
        }
        H::LbHealthCheckInterval => "How often the balancer checks each server behind it (s).",
        H::LbFailureThreshold => "Failed checks in a row before a server stops getting traffic.",
        H::LbAddedLatency => {
            "Time the balancer adds to each request, one hop in the datacenter (ms)."
        }
        H::InstanceSize => {
            "Size of each server in vCPU (scaling up): twice the size is twice as fast for \
             twice the price, less past 16 vCPU."
        }
        H::ServiceTimeShape => {
            "How service times vary around the mean: exponential (random), deterministic \
             (always the mean) or log-normal (a long tail of slow ones)."
        }
        H::LogNormalSigma => {
            "Sigma: the spread of a log-normal service time; at 0.5 the p99 is about three \
             times the median, higher is a longer tail (no unit)."
        }
        H::AutoscalingEnabled => {
            "Autoscaling: add and remove instances during a run to follow the load."
        }
        H::AutoscalingMin => "Fewest instances autoscaling keeps running.",
        H::AutoscalingMax => "Most instances autoscaling may run.",
        H::AutoscalingCooldown => {
            "Cooldown: how long autoscaling waits after a change before the next one, so it \
             does not flap (s)."
        }
        H::LookupOpsPerNode => {
            "Lookups one node answers per second, one at a time; more wait their turn (per s)."
        }
        H::LookupLatency => "Round trip of one lookup from a server in the same datacenter (ms).",
        H::WebInstances => {
            "Number of servers running (scaling out); with autoscaling on, the number it \
             starts from."
        }
        H::WebConcurrency => {
            "Requests one server handles at once (its worker threads); more wait in its queue."
        }
        H::WebServiceMean => "Average time to serve one request on the smallest size, 2 vCPU (ms).",
        H::WebSessions => {
            "Where sessions live: stateful, in each server's memory (a user must come back to \
             it), or stateless, in a shared session store."
        }
        H::WebTargetUtilization => {
            "CPU utilization autoscaling aims for (0–1): above it, servers are added; well \
             below, removed."
        }
        H::CacheCapacity => {
            "Number of keys the cache holds; when full, the eviction policy throws one out."
        }
        H::CacheReadThrough => {
            "Read-through: on a miss the cache loads the key itself; off (cache-aside), the web \
             server reads the database and writes the value back."
        }
        H::CacheEviction => {
            "Eviction: which key a full cache throws out; LRU the least recently used, LFU the \
             least often used, FIFO the oldest."
        }
        H::CacheTtl => {
            "TTL (time to live): how long a key stays before it expires (s); 0 is never."
        }
        H::CacheExpiry => "When a key's TTL starts: when it is written, or again on every hit.",
        H::CacheReplicas => {
            "Number of nodes each holding a full copy; losing the last one sends every read \
             to the database."
        }
        H::SessionCapacity => {
            "Number of sessions held; when full, the least recently used is dropped and its \
             user logged out."
        }
        H::SessionTtl => "Idle time after which a session expires and its user logs in again (s).",
        H::SessionReplicas => {
            "Number of nodes each holding every session; with one, its failure logs everybody out."
        }
        H::DbReadReplicas => {
            "Number of replica databases serving reads copied from the primary; only the \
             primary takes writes."
        }
        H::DbConcurrency => "Queries one database node runs at once; more wait in its queue.",
        H::DbServiceMean => "Average time of one query on the smallest size, 2 vCPU (ms).",
        H::DbReplication => {
            "How writes reach the replicas: async answers first (replicas lag, a failover can \
             lose writes), sync waits for a replica."
        }
        H::DbApplyRate => {
            "Apply rate: writes per second each replica can replay (per s); below the write \
             rate, replicas fall ever further behind."
        }
        H::DbDetectionInterval => "How often the primary is checked (s).",
        H::DbFailureThreshold => "Failed checks in a row before a replica is promoted to primary.",
        H::DbPromotionTime => "Time to promote a replica to primary; writes fail meanwhile (s).",
        H::DbNetworkDelay => "One-way delay shipping a write from the primary to a replica (ms).",
        H::StoreServiceMean => "Average time of one read or write on one node (ms).",
        H::NoSqlNodes => "Number of nodes the data is spread over.",
        H::NoSqlConcurrency => "Operations one node runs at once; more wait in its queue.",
        H::NoSqlReplicationFactor => {
            "Replication factor: copies of each item, each on its own node (at most the nodes); \
             an item is unavailable only when every copy is down."
        }
        H::Shards => "Number of shards the data is split into, each a database of its own.",
        H::ShardConcurrency => "Queries one shard runs at once; more wait in its queue.",
        H::ShardingKey => "The column whose value decides which shard holds a row.",
        H::ShardingStrategy => {
            "Key to shard: modulo (simple, but a new shard moves most keys) or consistent \
             hashing (a hash ring: a new shard moves about 1/(N+1))."
        }
        H::VirtualNodes => {
            "Virtual nodes: points each shard takes on the hash ring; more points spread keys \
             more evenly."
        }
        H::ReplicasPerShard => {
            "Replicas of each shard besides its primary: they serve reads, and one takes over \
             when the primary fails."
        }
        H::QueueCapacity => "Number of messages the queue holds before refusing new ones.",
        H::QueueDurable => {
            "Durable: jobs survive while the workers are down and after a crash; off, they are \
             lost."
        }
        H::QueueEnqueueLatency => {
            "Time to accept a job: the producer waits this long, and the job reaches the \
             workers that much later (ms)."
        }
        H::WorkerInstances => {
            "Number of worker processes; with autoscaling on, the number it starts from."
        }
        H::WorkerConcurrency => "Jobs one worker runs at once.",
        H::WorkerServiceMean => "Average time of one job on one worker (ms).",
        H::WorkerTargetBacklog => {
            "Queued jobs per worker autoscaling aims for: with more waiting, workers are added."
        }
        H::SinkScrapeInterval => "How often the wired components are read (s).",
        H::SinkHostMetrics => "Host metrics: CPU, memory, disk and network of every instance.",
        H::SinkAggregatedMetrics => {
            "Aggregated metrics: request rate, error rate and latency of every wired component."
        }
        H::SinkBusinessMetrics => "Business metrics: daily active users, retention and revenue.",
        H::SinkErrorLogs => "Error logs: a line for each request that failed at a wired web tier.",
    }
}

/// The unit beside a field.
pub fn unit(u: Unit) -> &'static str {
    match u {
        Unit::Ms => "ms",
        Unit::Seconds => "s",
        Unit::Rps => "req/s",
        Unit::RpsOrNoLimit => "req/s, 0: no limit",
        Unit::PerSecond => "per s",
        Unit::Fraction => "0–1",
        Unit::Percent => "%",
    }
}

/// The English of one choice `value` of the field whose serde key is `key`.
pub fn choice_word(key: &str, value: &str) -> Option<String> {
    let word = match (key, value) {
        ("algorithm", "round_robin") => "round robin",
        ("algorithm", "least_connections") => "least connections",
        ("algorithm", "random") => "random",
        ("algorithm", "sticky_by_client") => "sticky by client",
        ("sessions", "stateful") => "stateful",
        ("sessions", "stateless") => "stateless",
        ("eviction", "lru") => "LRU",
        ("eviction", "lfu") => "LFU",
        ("eviction", "fifo") => "FIFO",
        ("expiry", "set_on_write") => "set on write",
        ("expiry", "refresh_on_hit") => "refresh on hit",
        ("replication", "async") => "async",
        ("replication", "sync") => "sync",
        ("service_time", "exponential") => "exponential",
        ("service_time", "deterministic") => "deterministic",
        ("service_time", "log_normal") => "log-normal",
        ("load", "rate") => "fixed rate",
        ("load", "active_users") => "active users",
        ("routing", "nearest") => "nearest region",
        ("routing", "weighted") => "weighted split",
        ("strategy", "modulo") => "modulo",
        ("strategy", "consistent_hashing") => "consistent hashing",
        ("region", region) => {
            let r = crate::model::Region::ALL
                .into_iter()
                .find(|r| serde_name(r).as_deref() == Some(region))?;
            return Some(say::region_name(Lang::En, r).to_string());
        }
        ("instance_size", size) => {
            let s = crate::model::config::InstanceSize::ALL
                .into_iter()
                .find(|s| serde_name(s).as_deref() == Some(size))?;
            return Some(say::instance_size(Lang::En, s).to_string());
        }
        _ => return None,
    };
    Some(word.to_string())
}

fn serde_name<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// A choice's label, as the form lists it.
pub fn choice_label(field: &Field, value: &str) -> String {
    let key = field.name.keys.last().map_or("", String::as_str);
    choice_word(key, value).unwrap_or_else(|| value.replace('_', " "))
}

fn share_refusal(why: &ShareRefusal) -> String {
    match why {
        ShareRefusal::PercentOutOfRange(v) => format!("must be between 0 and 100 %, not {v} %"),
        ShareRefusal::PercentsOverflow(total) => {
            format!("leaves no room: the shares would add up to {total} %, more than 100 %")
        }
        ShareRefusal::NotADnsTarget => "is not a target of this DNS".into(),
        ShareRefusal::FractionOutOfRange(v) => {
            format!("must be between 0 and 1, not {}", Shortest(*v))
        }
        ShareRefusal::MixOverflow { kept_share, kept } => format!(
            "leaves no room: with the {} share at {}, the mix would add up to more than 1",
            kept_share.trim_end_matches("_share"),
            Shortest(*kept)
        ),
    }
}

/// Why a typed value was not applied.
pub fn field_refusal(r: &FieldRefusal) -> String {
    match r {
        FieldRefusal::NoSuchSetting { path } => {
            format!("“{path}” is not a setting of this component")
        }
        FieldRefusal::NotWholeNumber { field, raw } => format!(
            "{} must be a whole number of 0 or more, not “{raw}”",
            field_label(field)
        ),
        FieldRefusal::Empty { field } => format!("{} needs a number", field_label(field)),
        FieldRefusal::WholeOutOfRange {
            field,
            raw,
            min,
            max,
        } => format!(
            "{} must be a whole number between {} and {}, not “{raw}”",
            field_label(field),
            crate::present::format::grouped(*min),
            crate::present::format::grouped(*max)
        ),
        FieldRefusal::NotNumber { field, raw } => {
            format!("{} must be a number, not “{raw}”", field_label(field))
        }
        FieldRefusal::NotOnOff { field } => format!("{} must be on or off", field_label(field)),
        FieldRefusal::NotAChoice { field, raw } => {
            format!("{} cannot be “{raw}”", field_label(field))
        }
        FieldRefusal::Share { field, why } => {
            format!("{} {}", field_label(field), share_refusal(why))
        }
        FieldRefusal::Check { field, error } => {
            say::setting_refused(Lang::En, &field_label(field), error)
        }
    }
}

/// A whole number of seconds in the largest unit that divides it: "1 d", "1 h", "90 s".
pub(crate) fn duration_en(seconds: u32) -> String {
    let (n, unit) = duration(seconds);
    let unit = match unit {
        DurationUnit::Day => "d",
        DurationUnit::Hour => "h",
        DurationUnit::Second => "s",
    };
    format!("{n} {unit}")
}

/// The key settings of a component in a few words, for its card ("3 servers · stateless").
pub fn summary(config: &ComponentConfig) -> String {
    match config {
        ComponentConfig::Users(c) => {
            format!(
                "sends {} req/s · {}",
                compact(c.load.rate_rps()),
                say::region_name(Lang::En, c.region)
            )
        }
        ComponentConfig::Dns(c) => {
            let routing = match c.routing {
                DnsRouting::Nearest => "nearest",
                DnsRouting::Weighted { .. } => "weighted",
            };
            format!("TTL {} s · {routing}", c.record_ttl_s)
        }
        ComponentConfig::Cdn(c) => format!(
            "{} objects · TTL {}",
            compact(c.edge_capacity_objects as f64),
            duration_en(c.ttl_s)
        ),
        ComponentConfig::LoadBalancer(c) => {
            let algorithm = match c.algorithm {
                LbAlgorithm::RoundRobin => "round robin",
                LbAlgorithm::LeastConnections => "least connections",
                LbAlgorithm::Random => "random",
                LbAlgorithm::StickyByClient => "sticky",
            };
            match c.capacity_rps {
                0 => format!("{algorithm} · checks {} s", c.health_check_interval_s),
                cap => format!("{algorithm} · ≤ {} req/s", compact(cap as f64)),
            }
        }
        ComponentConfig::WebServers(c) => {
            let sessions = match c.sessions {
                SessionMode::Stateful => "stateful",
                SessionMode::Stateless => "stateless",
            };
            let scale = if c.autoscaling.enabled {
                " · autoscaled"
            } else {
                ""
            };
            // Servers, not instances: the card's port names leave its bottom line about 20
            // letters, and "2 instances · state…" hid whether the tier is stateless, what
            // lessons 7 and 8 turn on. "10 servers · statel…" still tells.
            format!(
                "{} · {sessions}{scale}",
                plural(c.instances.into(), "server")
            )
        }
        ComponentConfig::Cache(c) => {
            let eviction = match c.eviction {
                Eviction::Lru => "LRU",
                Eviction::Lfu => "LFU",
                Eviction::Fifo => "FIFO",
            };
            format!("{eviction} · {} keys", compact(c.capacity_keys as f64))
        }
        ComponentConfig::SessionStore(c) => format!(
            "{} sessions · {}",
            compact(c.capacity_sessions as f64),
            plural(c.replicas.into(), "replica")
        ),
        ComponentConfig::Database(c) => {
            let mode = match c.replication {
                Replication::Async => "async",
                Replication::Sync => "sync",
            };
            if c.read_replicas == 0 {
                "primary only".to_string()
            } else {
                format!(
                    "primary + {} · {mode}",
                    plural(c.read_replicas.into(), "replica")
                )
            }
        }
        ComponentConfig::NoSql(c) => {
            format!(
                "{} · RF {}",
                plural(c.nodes.into(), "node"),
                c.replication_factor
            )
        }
        ComponentConfig::ShardedDatabase(c) => {
            let strategy = match c.strategy {
                ShardingStrategy::Modulo => "modulo",
                ShardingStrategy::ConsistentHashing { .. } => "ring",
            };
            format!(
                "{} by {} · {strategy}",
                plural(c.shards.into(), "shard"),
                c.sharding_key
            )
        }
        ComponentConfig::MessageQueue(c) => format!(
            "{} messages · {}",
            compact(c.capacity_messages as f64),
            if c.durable { "durable" } else { "in memory" }
        ),
        ComponentConfig::Workers(c) => {
            let scale = if c.autoscaling.enabled {
                " · autoscaled"
            } else {
                ""
            };
            format!("{}{scale}", plural(c.instances.into(), "worker"))
        }
        ComponentConfig::MetricsSink(c) => format!("scrape every {} s", c.scrape_interval_s),
    }
}

#[cfg(test)]
mod tests {
    use super::label_of;

    #[test]
    fn a_serde_key_reads_as_words_without_its_unit_suffix() {
        assert_eq!(label_of("record_ttl_s"), "Record TTL");
        assert_eq!(label_of("health_check_interval_s"), "Health check interval");
    }
}
