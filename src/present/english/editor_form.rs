//! The inspector's form and the cards' summaries in English: field labels (read from the serde
//! keys), units, choices, refusals of a typed value, and a card's key settings.

use crate::editor::form::{
    Field, FieldName, FieldRefusal, ShareRefusal, ShareTarget, Unit, compact, duration,
};
use crate::model::config::{
    ComponentConfig, DnsRouting, Eviction, LbAlgorithm, Replication, SessionMode, ShardingStrategy,
};
use crate::present::lang::Lang;
use crate::present::say;

/// "Service time · mean", "Routing · to East".
pub fn field_label(name: &FieldName) -> String {
    let mut words = name.keys.iter().enumerate().map(|(i, key)| {
        if i == 0 {
            label_of(key)
        } else {
            label_of(key).to_lowercase()
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
        Some(first) => first.to_uppercase().chain(chars).collect(),
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
        ShareRefusal::FractionOutOfRange(v) => format!("must be between 0 and 1, not {v}"),
        ShareRefusal::MixOverflow { kept_share, kept } => format!(
            "leaves no room: with the {} share at {kept}, the mix would add up to more than 1",
            kept_share.trim_end_matches("_share")
        ),
    }
}

/// Why a typed value was not applied.
pub fn field_refusal(r: &FieldRefusal) -> String {
    match r {
        FieldRefusal::NoSuchSetting { path } => {
            format!("`{path}` is not a setting of this component")
        }
        FieldRefusal::NotEditable => "this component's settings cannot be edited".into(),
        FieldRefusal::NotWholeNumber { field, raw } => format!(
            "{} must be a whole number of 0 or more, not “{raw}”",
            field_label(field)
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

fn plural(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The key settings of a component in a few words, for its card ("3 instances · stateless").
pub fn summary(config: &ComponentConfig) -> String {
    match config {
        ComponentConfig::Users(c) => {
            format!(
                "{} req/s · {}",
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
            duration(c.ttl_s)
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
            format!("{} · {sessions}{scale}", plural(c.instances, "instance"))
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
            plural(c.replicas, "replica")
        ),
        ComponentConfig::Database(c) => {
            let mode = match c.replication {
                Replication::Async => "async",
                Replication::Sync => "sync",
            };
            if c.read_replicas == 0 {
                "primary only".to_string()
            } else {
                format!("primary + {} · {mode}", plural(c.read_replicas, "replica"))
            }
        }
        ComponentConfig::NoSql(c) => {
            format!("{} · RF {}", plural(c.nodes, "node"), c.replication_factor)
        }
        ComponentConfig::ShardedDatabase(c) => {
            let strategy = match c.strategy {
                ShardingStrategy::Modulo => "modulo",
                ShardingStrategy::ConsistentHashing { .. } => "ring",
            };
            format!(
                "{} by {} · {strategy}",
                plural(c.shards, "shard"),
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
            format!("{}{scale}", plural(c.instances, "worker"))
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
