//! What the inspector and the cards show of a component's settings, and how a typed value
//! becomes a new config.
//!
//! [`summary`] is the one-line key setting drawn on a card ("3 instances · stateless").
//! [`fields`] flattens a [`ComponentConfig`] into labelled form fields with units, read from the
//! config's serde shape so every kind gets a form without a hand-written one per kind; field
//! paths are dotted serde paths (`service_time.exponential.mean_ms`). [`set_field`] parses what a
//! user typed into one field and returns the whole new config only if it parses and passes
//! [`ComponentConfig::check`]; otherwise it returns a sentence naming the field and the fix, and
//! nothing is applied. Lists (weighted DNS targets) are not editable here, and an enum with data
//! (a service-time distribution) keeps its variant: only its numbers are edited.

use serde_json::{Map, Value};

use crate::model::Region;
use crate::model::config::{
    ComponentConfig, DnsRouting, Eviction, LbAlgorithm, Replication, SessionMode, ShardingStrategy,
};

/// How a field is edited.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldInput {
    /// A whole number of zero or more.
    Integer(u64),
    /// A decimal number.
    Number(f64),
    /// A yes/no switch.
    Toggle(bool),
    /// One of several named values: `(serde value, label)`; the first item is selected.
    Choice {
        selected: String,
        options: Vec<(String, String)>,
    },
    /// Free text.
    Text(String),
}

/// One form field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The dotted serde path inside the config, without the kind tag.
    pub path: String,
    /// What the form says ("Health check interval").
    pub label: String,
    /// The unit shown beside the input ("ms", "s", "req/s", "0–1"), if any.
    pub unit: Option<&'static str>,
    pub input: FieldInput,
}

/// The key settings of a component in a few words, for its card.
pub fn summary(config: &ComponentConfig) -> String {
    match config {
        ComponentConfig::Users(c) => {
            format!("{} req/s · {}", compact(c.load.rate_rps()), c.region.name())
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
            format!("{algorithm} · checks {} s", c.health_check_interval_s)
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

fn plural(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// 950 -> "950", 10_000 -> "10k", 2_500_000 -> "2.5M".
fn compact(value: f64) -> String {
    let (scaled, suffix) = if value >= 1e9 {
        (value / 1e9, "G")
    } else if value >= 1e6 {
        (value / 1e6, "M")
    } else if value >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let rounded = (scaled * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}{suffix}")
    } else {
        format!("{rounded:.1}{suffix}")
    }
}

/// 86_400 -> "1 d", 3_600 -> "1 h", 90 -> "90 s".
fn duration(seconds: u32) -> String {
    if seconds >= 86_400 && seconds.is_multiple_of(86_400) {
        format!("{} d", seconds / 86_400)
    } else if seconds >= 3_600 && seconds.is_multiple_of(3_600) {
        format!("{} h", seconds / 3_600)
    } else {
        format!("{seconds} s")
    }
}

/// The named choices of an enum-valued field, by its serde key.
fn choices(key: &str) -> Option<Vec<(String, String)>> {
    let pairs = |items: &[&str]| {
        items
            .iter()
            .map(|v| (v.to_string(), v.replace('_', " ")))
            .collect::<Vec<_>>()
    };
    Some(match key {
        "algorithm" => pairs(&[
            "round_robin",
            "least_connections",
            "random",
            "sticky_by_client",
        ]),
        "sessions" => pairs(&["stateful", "stateless"]),
        "eviction" => vec![
            ("lru".into(), "LRU".into()),
            ("lfu".into(), "LFU".into()),
            ("fifo".into(), "FIFO".into()),
        ],
        "expiry" => pairs(&["set_on_write", "refresh_on_hit"]),
        "replication" => pairs(&["async", "sync"]),
        "instance_size" => crate::model::config::InstanceSize::ALL
            .iter()
            .map(|size| (serde_value_name(size), size.name().to_string()))
            .collect(),
        "region" => Region::ALL
            .iter()
            .map(|region| (serde_value_name(region), region.name().to_string()))
            .collect(),
        _ => return None,
    })
}

fn serde_value_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The unit of a field, read from its name's suffix.
fn unit_of(key: &str) -> Option<&'static str> {
    if key.ends_with("_ms") {
        Some("ms")
    } else if key.ends_with("_rps") {
        Some("req/s")
    } else if key.ends_with("_per_s") {
        Some("per s")
    } else if key.ends_with("_s") {
        Some("s")
    } else if key.ends_with("_share") || key == "target_utilization" {
        Some("0–1")
    } else {
        None
    }
}

/// "health_check_interval_s" -> "Health check interval".
fn label_of(key: &str) -> String {
    let trimmed = ["_ms", "_rps", "_per_s", "_s"]
        .iter()
        .find_map(|suffix| key.strip_suffix(suffix))
        .unwrap_or(key);
    let words = trimmed.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The editable fields of a config, in declaration order.
pub fn fields(config: &ComponentConfig) -> Vec<Field> {
    let mut out = Vec::new();
    if let Some((_, body)) = tagged_body(config) {
        walk(&body, "", "", &mut out);
    }
    out
}

/// The config's serde body without its kind tag, with the tag.
fn tagged_body(config: &ComponentConfig) -> Option<(String, Value)> {
    match serde_json::to_value(config).ok()? {
        Value::Object(map) => map.into_iter().next(),
        _ => None,
    }
}

fn walk(value: &Value, path: &str, label_prefix: &str, out: &mut Vec<Field>) {
    let Value::Object(map) = value else { return };
    for (key, value) in map {
        let field_path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let label = if label_prefix.is_empty() {
            label_of(key)
        } else {
            format!("{label_prefix} · {}", label_of(key).to_lowercase())
        };
        let input = match value {
            Value::Bool(b) => FieldInput::Toggle(*b),
            Value::Number(n) => match n.as_u64() {
                Some(i) if !is_fraction_key(key) && n.is_u64() => FieldInput::Integer(i),
                _ => FieldInput::Number(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => match choices(key) {
                Some(options) => FieldInput::Choice {
                    selected: s.clone(),
                    options,
                },
                None if key == "sharding_key" => FieldInput::Text(s.clone()),
                // A unit variant of an enum with data ("nearest"): not editable here.
                None => continue,
            },
            Value::Object(_) => {
                walk(value, &field_path, &label, out);
                continue;
            }
            Value::Array(_) | Value::Null => continue,
        };
        out.push(Field {
            path: field_path,
            label,
            unit: unit_of(key),
            input,
        });
    }
}

/// Fields holding floats even when their value happens to be whole (`0.0` serialises as `0.0`,
/// but be safe for fractions and latencies).
fn is_fraction_key(key: &str) -> bool {
    key.ends_with("_share") || key.ends_with("_ms") || key == "target_utilization"
}

/// Parses `raw` into the field at `path` and returns the new config, or a message saying what
/// to type instead. Nothing is returned for a value [`ComponentConfig::check`] refuses.
pub fn set_field(
    config: &ComponentConfig,
    path: &str,
    raw: &str,
) -> Result<ComponentConfig, String> {
    let field = fields(config)
        .into_iter()
        .find(|f| f.path == path)
        .ok_or_else(|| format!("`{path}` is not a setting of this component"))?;
    let raw = raw.trim();
    let new_value = match &field.input {
        FieldInput::Integer(_) => match raw.parse::<u64>() {
            Ok(v) => Value::from(v),
            Err(_) => {
                return Err(format!(
                    "{} must be a whole number of 0 or more, not “{raw}”",
                    field.label
                ));
            }
        },
        FieldInput::Number(_) => match raw.parse::<f64>() {
            Ok(v) if v.is_finite() => Value::from(v),
            _ => return Err(format!("{} must be a number, not “{raw}”", field.label)),
        },
        FieldInput::Toggle(_) => match raw {
            "true" | "on" | "yes" => Value::Bool(true),
            "false" | "off" | "no" => Value::Bool(false),
            _ => return Err(format!("{} must be on or off", field.label)),
        },
        FieldInput::Choice { options, .. } => {
            if !options.iter().any(|(v, _)| v == raw) {
                return Err(format!("{} cannot be “{raw}”", field.label));
            }
            Value::String(raw.to_string())
        }
        FieldInput::Text(_) => Value::String(raw.to_string()),
    };
    let (tag, mut body) = tagged_body(config)
        .ok_or_else(|| "this component's settings cannot be edited".to_string())?;
    let mut slot = &mut body;
    for part in path.split('.') {
        slot = slot
            .get_mut(part)
            .ok_or_else(|| format!("`{path}` is not a setting of this component"))?;
    }
    *slot = new_value;
    let mut wrapped = Map::new();
    wrapped.insert(tag, body);
    let updated: ComponentConfig = serde_json::from_value(Value::Object(wrapped))
        .map_err(|_| format!("{} cannot be “{raw}”", field.label))?;
    updated.check().map_err(|e| {
        let label = fields(config)
            .into_iter()
            .find(|f| f.path == e.field)
            .map(|f| f.label)
            .unwrap_or(e.field);
        format!("{label} {}", e.reason)
    })?;
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComponentKind;

    #[test]
    fn cards_summarise_the_key_setting() {
        let mut web = ComponentKind::WebServers.default_config();
        if let ComponentConfig::WebServers(c) = &mut web {
            c.instances = 3;
            c.sessions = SessionMode::Stateless;
        }
        assert_eq!(summary(&web), "3 instances · stateless");
        let mut cache = ComponentKind::Cache.default_config();
        if let ComponentConfig::Cache(c) = &mut cache {
            c.capacity_keys = 10_000;
        }
        assert_eq!(summary(&cache), "LRU · 10k keys");
        let mut db = ComponentKind::Database.default_config();
        if let ComponentConfig::Database(c) = &mut db {
            c.read_replicas = 2;
        }
        assert_eq!(summary(&db), "primary + 2 replicas · async");
        for kind in ComponentKind::ALL {
            assert!(!summary(&kind.default_config()).is_empty());
        }
    }

    #[test]
    fn every_kind_has_fields_with_units_and_every_choice_applies() {
        for kind in ComponentKind::ALL {
            let config = kind.default_config();
            let list = fields(&config);
            assert!(!list.is_empty(), "{kind:?} has no fields");
            for field in list {
                let raw = match &field.input {
                    FieldInput::Integer(v) => v.to_string(),
                    FieldInput::Number(v) => v.to_string(),
                    FieldInput::Toggle(v) => v.to_string(),
                    FieldInput::Text(v) => v.clone(),
                    FieldInput::Choice { options, .. } => {
                        for (value, _) in options {
                            set_field(&config, &field.path, value)
                                .unwrap_or_else(|e| panic!("{kind:?} {}: {e}", field.path));
                        }
                        continue;
                    }
                };
                assert_eq!(
                    set_field(&config, &field.path, &raw).as_ref(),
                    Ok(&config),
                    "{kind:?} {} does not round-trip",
                    field.path
                );
            }
        }
        let web = fields(&ComponentKind::WebServers.default_config());
        let mean = web
            .iter()
            .find(|f| f.path == "service_time.exponential.mean_ms")
            .expect("service time mean");
        assert_eq!(mean.unit, Some("ms"));
    }

    #[test]
    fn a_nonsensical_value_is_refused_with_a_message() {
        let web = ComponentKind::WebServers.default_config();
        let negative = set_field(&web, "instances", "-5").unwrap_err();
        assert!(negative.contains("Instances"), "{negative}");
        assert!(negative.contains("-5"), "{negative}");
        let zero = set_field(&web, "instances", "0").unwrap_err();
        assert!(zero.starts_with("Instances must be between 1"), "{zero}");
        let ok = set_field(&web, "instances", "3").unwrap();
        assert_eq!(summary(&ok), "3 instances · stateful");
        assert!(set_field(&web, "no_such", "1").is_err());
    }
}
