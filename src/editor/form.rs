//! What the inspector and the cards show of a component's settings, and how a typed value
//! becomes a new config. The words are not here: `say::field_label`, `say::field_unit`,
//! `say::field_refusal` and `say::summary` word these values in the screen's language.
//!
//! [`fields`] flattens a [`ComponentConfig`] into named form fields with units, read from the
//! config's serde shape so every kind gets a form without a hand-written one per kind; field
//! paths are dotted serde paths (`service_time.exponential.mean_ms`), listed in the order of
//! meaning `form_order` gives each kind (capacity, behaviour, failure, advanced), never in the
//! serde keys' alphabetical order. [`apply_field`] parses what
//! a user typed into one field and returns the whole new config only if it parses and passes
//! [`ComponentConfig::check`]; otherwise it returns a [`FieldRefusal`] naming the field and the
//! fix, and nothing is applied.
//!
//! An enum with data (a service-time distribution, the users' load, the DNS routing policy, the
//! sharding strategy) is a choice field at the enum's own path (`service_time`) followed by the
//! fields of the chosen variant (`service_time.log_normal.sigma`). Choosing another variant
//! builds it with sensible parameters: what the variants share carries over (the mean service
//! time, the total request rate) and the rest takes a default ([`variant_default`]). The DNS
//! weighted split has one percentage per wired target (`routing.weighted.percent.<id>`); since
//! the shares must add up to 100 %, editing one lets another absorb the difference (the last
//! target, or the first when the last is edited), so two targets read as "this one gets x %, the
//! other the rest". Which targets a DNS has is read from the diagram through [`FieldContext`].

use crate::decimal::Fixed;
use serde_json::{Map, Value};

use super::form_order::{self, FieldGroup, FieldHelp};
use crate::model::config::ComponentConfig;
use crate::model::config::{ConfigError, ConfigProblem};
use crate::model::{ComponentId, Diagram, OutPort, Region};

/// What a component's form needs to know of the diagram around it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldContext {
    /// The components a DNS's answers can name (wired from its `resolve` port), with their
    /// labels, in wiring order.
    pub dns_targets: Vec<(ComponentId, String)>,
}

impl FieldContext {
    /// The context of component `id` in `diagram` (empty for an unknown id).
    pub fn of(diagram: &Diagram, id: ComponentId) -> FieldContext {
        let mut dns_targets: Vec<(ComponentId, String)> = Vec::new();
        for wire in diagram.wires_from(id) {
            if wire.from.port != OutPort::Resolve
                || dns_targets.iter().any(|(t, _)| *t == wire.to.component)
            {
                continue;
            }
            if let Some(target) = diagram.component(wire.to.component) {
                dns_targets.push((target.id, target.label.clone()));
            }
        }
        FieldContext { dns_targets }
    }

    /// A target's label, with its id when another target has the same label ("Load balancer
    /// #3"), so two shares never read alike.
    fn target_label(&self, id: ComponentId) -> ShareTarget {
        let Some((_, label)) = self.dns_targets.iter().find(|(t, _)| *t == id) else {
            return ShareTarget::Unwired(id);
        };
        let namesakes = self.dns_targets.iter().filter(|(_, l)| l == label).count();
        if namesakes > 1 {
            ShareTarget::Twin {
                label: label.clone(),
                id,
            }
        } else {
            ShareTarget::Named(label.clone())
        }
    }
}

/// How a field is edited.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldInput {
    /// A whole number of zero or more.
    Integer(u64),
    /// A decimal number.
    Number(f64),
    /// A yes/no switch.
    Toggle(bool),
    /// One of several values (serde names, worded by `say::choice_label`).
    Choice {
        selected: String,
        options: Vec<String>,
    },
    /// Free text.
    Text(String),
}

/// The DNS target a weighted share is about, as its label reads beside the share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareTarget {
    /// A target with a label of its own.
    Named(String),
    /// A target whose label another target shares: named with its id too.
    Twin { label: String, id: ComponentId },
    /// A listed target that is no longer wired.
    Unwired(ComponentId),
}

/// What a field is, for its label: the serde keys from the config's top down to the field,
/// without the variant names of enums with data (`["service_time", "mean_ms"]`), and for a
/// weighted DNS share the target it is about. `say::field_label(lang, &name)` words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldName {
    pub keys: Vec<String>,
    pub share_of: Option<ShareTarget>,
}

/// The unit beside a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Milliseconds.
    Ms,
    /// Seconds.
    Seconds,
    /// Requests per second.
    Rps,
    /// Requests per second, 0 meaning no limit.
    RpsOrNoLimit,
    /// Events per second.
    PerSecond,
    /// A fraction from 0 to 1.
    Fraction,
    /// A percentage.
    Percent,
}

/// One form field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The dotted serde path inside the config, without the kind tag.
    pub path: String,
    /// What the field is; `say::field_label(lang, &field.name)` words it.
    pub name: FieldName,
    /// The unit shown beside the input, if any (`say::field_unit(lang, u)` words it).
    pub measure: Option<Unit>,
    pub input: FieldInput,
    /// The part of the form the field is shown in (`form_order` places it).
    pub group: FieldGroup,
    /// What the field means, for its one-line explanation (`say::field_help(lang, &field)`);
    /// `None` only for a setting `form_order` does not place yet.
    pub help: Option<FieldHelp>,
}

/// Why a typed value was not applied to a field. `say::field_refusal(lang, &r)` words it.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldRefusal {
    /// No field has this path.
    NoSuchSetting { path: String },
    /// Nothing was typed (a number field the browser emptied of letters, too).
    Empty { field: FieldName },
    /// A whole number was expected.
    NotWholeNumber { field: FieldName, raw: String },
    /// A whole number from `min` to `max` was expected (what was typed is none: negative,
    /// fractional, or beyond what the setting holds).
    WholeOutOfRange {
        field: FieldName,
        raw: String,
        min: u64,
        max: u64,
    },
    /// A number was expected.
    NotNumber { field: FieldName, raw: String },
    /// On or off was expected.
    NotOnOff { field: FieldName },
    /// The value is none of the choices.
    NotAChoice { field: FieldName, raw: String },
    /// A share (of the DNS split or of the request mix) cannot take the value.
    Share { field: FieldName, why: ShareRefusal },
    /// The model's check refused the new config; `field` is the field it names.
    Check {
        field: FieldName,
        error: ConfigError,
    },
}

/// Why a share cannot take a value.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareRefusal {
    /// A DNS share above 100 %.
    PercentOutOfRange(u64),
    /// The other DNS shares would add up to more than 100 %.
    PercentsOverflow(u64),
    /// The share names a component that is not a target of the DNS.
    NotADnsTarget,
    /// A request-mix share outside 0–1.
    FractionOutOfRange(f64),
    /// The share left alone (`kept_share`, its serde key) already takes `kept`, so the mix
    /// would pass 1.
    MixOverflow { kept_share: &'static str, kept: f64 },
}

/// 950 -> "950", 10_000 -> "10k", 2_500_000 -> "2.5M".
pub(crate) fn compact(value: f64) -> String {
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
        format!("{rounded}{suffix}", rounded = Fixed(rounded, 0))
    } else {
        format!("{rounded}{suffix}", rounded = Fixed(rounded, 1))
    }
}

/// A whole number of seconds in the largest of days, hours and seconds that divides it:
/// 86_400 -> (1, Day), 3_600 -> (1, Hour), 90 -> (90, Second). The catalogues word the unit.
pub(crate) fn duration(seconds: u32) -> (u32, DurationUnit) {
    if seconds >= 86_400 && seconds.is_multiple_of(86_400) {
        (seconds / 86_400, DurationUnit::Day)
    } else if seconds >= 3_600 && seconds.is_multiple_of(3_600) {
        (seconds / 3_600, DurationUnit::Hour)
    } else {
        (seconds, DurationUnit::Second)
    }
}

/// `seconds` as a whole number of seconds [`duration`] can word (1 up to `u32::MAX`), or `None`
/// for a fraction or a value out of that range (the catalogues then say it in seconds as it is).
pub(crate) fn whole_seconds(seconds: f64) -> Option<u32> {
    (seconds.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(&seconds))
        .then_some(seconds as u32)
}

/// The unit [`duration`] chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DurationUnit {
    Day,
    Hour,
    Second,
}

/// The named choices of an enum-valued field, by its serde key.
fn choices(key: &str) -> Option<Vec<String>> {
    let names = |items: &[&str]| items.iter().map(|v| v.to_string()).collect::<Vec<_>>();
    Some(match key {
        "algorithm" => names(&[
            "round_robin",
            "least_connections",
            "random",
            "sticky_by_client",
        ]),
        "sessions" => names(&["stateful", "stateless"]),
        "eviction" => names(&["lru", "lfu", "fifo"]),
        "expiry" => names(&["set_on_write", "refresh_on_hit"]),
        "replication" => names(&["async", "sync"]),
        "instance_size" => crate::model::config::InstanceSize::ALL
            .iter()
            .map(serde_value_name)
            .collect(),
        "region" => Region::ALL.iter().map(serde_value_name).collect(),
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
fn unit_of(key: &str) -> Option<Unit> {
    if key == "capacity_rps" {
        Some(Unit::RpsOrNoLimit)
    } else if key.ends_with("_ms") {
        Some(Unit::Ms)
    } else if key.ends_with("_rps") {
        Some(Unit::Rps)
    } else if key.ends_with("_per_s") {
        Some(Unit::PerSecond)
    } else if key.ends_with("_s") {
        Some(Unit::Seconds)
    } else if key.ends_with("_share") || key == "target_utilization" {
        Some(Unit::Fraction)
    } else {
        None
    }
}

/// The variants of an enum with data, by its serde key (serde names).
fn variants(key: &str) -> Option<&'static [&'static str]> {
    Some(match key {
        "service_time" => &["exponential", "deterministic", "log_normal"],
        "load" => &["rate", "active_users"],
        "routing" => &["nearest", "weighted"],
        "strategy" => &["modulo", "consistent_hashing"],
        _ => return None,
    })
}

/// The serde name of the variant an externally tagged enum value holds: `"nearest"` or
/// `{"weighted": {..}}`.
fn variant_name(value: &Value) -> Option<&str> {
    match value {
        Value::String(name) => Some(name),
        Value::Object(map) if map.len() == 1 => map.keys().next().map(String::as_str),
        _ => None,
    }
}

/// Log-normal shape given to a service time switched to log-normal: a moderate tail (p99 about
/// three times the median).
pub const DEFAULT_LOG_NORMAL_SIGMA: f64 = 0.5;
/// Virtual nodes per shard given to a switch to consistent hashing (enough for an even ring).
pub const DEFAULT_VIRTUAL_NODES: u32 = 100;
/// Active users assumed by a switch from a fixed rate to active users (the rate carries over).
pub const DEFAULT_ACTIVE_USERS: u64 = 1_000;

/// The serde value of variant `variant` of the enum at `key`, built from the `current` value:
/// what the variants share carries over, the rest takes a default. `None` for an unknown pair.
fn variant_default(key: &str, variant: &str, current: &Value, ctx: &FieldContext) -> Option<Value> {
    let body = |fields: Value| {
        let mut map = Map::new();
        map.insert(variant.to_string(), fields);
        Value::Object(map)
    };
    let number_in = |name: &str| {
        let Value::Object(map) = current else {
            return None;
        };
        map.values().next()?.get(name)?.as_f64()
    };
    Some(match (key, variant) {
        ("service_time", "exponential" | "deterministic") => {
            body(serde_json::json!({ "mean_ms": number_in("mean_ms")? }))
        }
        ("service_time", "log_normal") => body(serde_json::json!({
            "mean_ms": number_in("mean_ms")?,
            "sigma": DEFAULT_LOG_NORMAL_SIGMA,
        })),
        ("load", "rate") => {
            let rate = match number_in("rate_rps") {
                Some(rate) => rate,
                None => number_in("active_users")? * number_in("requests_per_user_per_s")?,
            };
            body(serde_json::json!({ "rate_rps": rate }))
        }
        ("load", "active_users") => {
            let (users, per_user) = match number_in("rate_rps") {
                Some(rate) => (DEFAULT_ACTIVE_USERS, rate / DEFAULT_ACTIVE_USERS as f64),
                None => (
                    number_in("active_users")? as u64,
                    number_in("requests_per_user_per_s")?,
                ),
            };
            body(serde_json::json!({
                "active_users": users,
                "requests_per_user_per_s": per_user,
            }))
        }
        ("routing", "nearest") | ("strategy", "modulo") => Value::String(variant.to_string()),
        ("routing", "weighted") => {
            let targets: Vec<ComponentId> = ctx.dns_targets.iter().map(|(t, _)| *t).collect();
            body(serde_json::json!({ "percent": weights_json(&even_split(&targets)) }))
        }
        ("strategy", "consistent_hashing") => {
            body(serde_json::json!({ "virtual_nodes": DEFAULT_VIRTUAL_NODES }))
        }
        _ => return None,
    })
}

/// 100 % split as evenly as whole percentages allow, the remainder to the first targets.
fn even_split(targets: &[ComponentId]) -> Vec<(ComponentId, u64)> {
    let n = targets.len() as u64;
    targets
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, 100 / n + u64::from((i as u64) < 100 % n)))
        .collect()
}

fn weights_json(weights: &[(ComponentId, u64)]) -> Value {
    Value::Array(
        weights
            .iter()
            .map(|(t, p)| serde_json::json!({ "target": t.0, "percent": p }))
            .collect(),
    )
}

/// The share each target gets under a weighted split, as the simulation reads it: the wired
/// targets first (an unlisted one gets 0 %), then listed targets no longer wired. An empty
/// list splits evenly.
fn effective_weights(percent: &Value, ctx: &FieldContext) -> Vec<(ComponentId, u64)> {
    let listed: Vec<(ComponentId, u64)> = percent
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|w| {
                    let target = u32::try_from(w.get("target")?.as_u64()?).ok()?;
                    Some((ComponentId(target), w.get("percent")?.as_u64()?))
                })
                .collect()
        })
        .unwrap_or_default();
    let wired: Vec<ComponentId> = ctx.dns_targets.iter().map(|(t, _)| *t).collect();
    if listed.is_empty() {
        return even_split(&wired);
    }
    let mut out: Vec<(ComponentId, u64)> = wired
        .iter()
        .map(|t| {
            let share = listed.iter().find(|(l, _)| l == t).map_or(0, |(_, p)| *p);
            (*t, share)
        })
        .collect();
    out.extend(listed.iter().filter(|(l, _)| !wired.contains(l)).copied());
    out
}

/// The editable fields of a config, in the order of meaning `form_order` gives its kind.
pub fn fields(config: &ComponentConfig) -> Vec<Field> {
    fields_in(config, &FieldContext::default())
}

/// The editable fields of a config placed in a diagram (`ctx` names the DNS's targets), in
/// the order of meaning `form_order` gives its kind, each with its group and help.
pub fn fields_in(config: &ComponentConfig, ctx: &FieldContext) -> Vec<Field> {
    let mut out = Vec::new();
    walk(&config_body(config), "", &[], ctx, &mut out);
    form_order::arrange(config.kind(), out)
}

/// The config's serde body, without its kind tag: the share format's conversion, so the
/// settings' serializers are compiled once for both (the whole enum's own serde impls, which
/// only wrap the body in its tag, are not compiled into the app).
fn config_body(config: &ComponentConfig) -> Value {
    crate::share::v1::config_to_value(config)
}

/// A field built from its path, name, unit and input.
fn field(path: String, name: FieldName, measure: Option<Unit>, input: FieldInput) -> Field {
    Field {
        path,
        measure,
        name,
        input,
        group: FieldGroup::Advanced,
        help: None,
    }
}

fn walk(value: &Value, path: &str, keys: &[String], ctx: &FieldContext, out: &mut Vec<Field>) {
    let Value::Object(map) = value else { return };
    for (key, value) in map {
        let field_path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let mut field_keys = keys.to_vec();
        field_keys.push(key.clone());
        let name = FieldName {
            keys: field_keys.clone(),
            share_of: None,
        };
        if let Some(options) = variants(key) {
            let Some(selected) = variant_name(value) else {
                continue;
            };
            out.push(field(
                field_path.clone(),
                name,
                None,
                FieldInput::Choice {
                    selected: selected.to_string(),
                    options: options.iter().map(|v| v.to_string()).collect(),
                },
            ));
            if let Some(body) = value.get(selected) {
                walk(
                    body,
                    &format!("{field_path}.{selected}"),
                    &field_keys,
                    ctx,
                    out,
                );
            }
            continue;
        }
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
                None => continue,
            },
            Value::Object(_) => {
                walk(value, &field_path, &field_keys, ctx, out);
                continue;
            }
            Value::Array(_) if key == "percent" => {
                // The weighted DNS split: one share per target, labelled with its name.
                for (target, share) in effective_weights(value, ctx) {
                    let name = FieldName {
                        keys: keys.to_vec(),
                        share_of: Some(ctx.target_label(target)),
                    };
                    out.push(field(
                        format!("{field_path}.{}", target.0),
                        name,
                        Some(Unit::Percent),
                        FieldInput::Integer(share),
                    ));
                }
                continue;
            }
            Value::Array(_) | Value::Null => continue,
        };
        out.push(field(field_path, name, unit_of(key), input));
    }
}

/// Fields holding floats even when their value happens to be whole (`0.0` serialises as `0.0`,
/// but be safe for fractions and latencies).
fn is_fraction_key(key: &str) -> bool {
    key.ends_with("_share") || key.ends_with("_ms") || key == "target_utilization"
}

/// Parses `raw` into the field at `path` and returns the new config, or why not (the field it
/// names and what to type instead; `say::field_refusal(lang, &r)` words it). Nothing is
/// returned for a value [`ComponentConfig::check`] refuses.
pub fn apply_field(
    config: &ComponentConfig,
    path: &str,
    raw: &str,
) -> Result<ComponentConfig, FieldRefusal> {
    apply_field_in(config, &FieldContext::default(), path, raw)
}

/// [`apply_field`] for a config placed in a diagram (`ctx` names the DNS's targets).
pub fn apply_field_in(
    config: &ComponentConfig,
    ctx: &FieldContext,
    path: &str,
    raw: &str,
) -> Result<ComponentConfig, FieldRefusal> {
    if raw.trim().is_empty()
        && let Some(f) = fields_in(config, ctx).into_iter().find(|f| f.path == path)
        && matches!(f.input, FieldInput::Integer(_) | FieldInput::Number(_))
    {
        return Err(FieldRefusal::Empty { field: f.name });
    }
    let whole_number_field = || {
        matches!(
            fields_in(config, ctx)
                .iter()
                .find(|f| f.path == path)
                .map(|f| &f.input),
            Some(FieldInput::Integer(_))
        )
    };
    match apply_parsed(config, ctx, path, raw) {
        // A whole-number field given something that is no such number ("abc" too), or one
        // beyond what the setting holds: say its range, found by trying its extremes on the
        // model's check, so "-3", "abc" and "0" get the same answer.
        Err(FieldRefusal::NotWholeNumber { field, raw })
        | Err(FieldRefusal::NotAChoice { field, raw })
            if super::number::read(&raw).is_some() || whole_number_field() =>
        {
            let range = [0, u64::from(u32::MAX)].into_iter().find_map(|probe| {
                match apply_parsed(config, ctx, path, &probe.to_string()) {
                    Err(FieldRefusal::Check { error, .. }) => match error.problem {
                        ConfigProblem::CountOutOfRange { min, max, .. } => Some((min, max)),
                        _ => None,
                    },
                    _ => None,
                }
            });
            Err(match range {
                Some((min, max)) => FieldRefusal::WholeOutOfRange {
                    field,
                    raw,
                    min,
                    max,
                },
                None if whole_number_field() => FieldRefusal::NotWholeNumber { field, raw },
                None => FieldRefusal::NotAChoice { field, raw },
            })
        }
        other => other,
    }
}

fn apply_parsed(
    config: &ComponentConfig,
    ctx: &FieldContext,
    path: &str,
    raw: &str,
) -> Result<ComponentConfig, FieldRefusal> {
    let no_such = || FieldRefusal::NoSuchSetting {
        path: path.to_string(),
    };
    let field = fields_in(config, ctx)
        .into_iter()
        .find(|f| f.path == path)
        .ok_or_else(no_such)?;
    let raw = raw.trim();
    let mut body = config_body(config);
    let name = field.name.clone();
    let not_a_choice = || FieldRefusal::NotAChoice {
        field: name.clone(),
        raw: raw.to_string(),
    };
    let share = |why| FieldRefusal::Share {
        field: name.clone(),
        why,
    };
    // Which slot of the body changes (a dotted path), and its new value.
    let (slot_path, new_value) = match &field.input {
        FieldInput::Integer(_) => {
            let value = match super::number::read_whole(raw) {
                Some(v) => v,
                None => {
                    return Err(FieldRefusal::NotWholeNumber {
                        field: name.clone(),
                        raw: raw.to_string(),
                    });
                }
            };
            match path.rsplit_once('.') {
                Some((list_path, target)) if list_path.ends_with("weighted.percent") => {
                    let target = ComponentId(target.parse().map_err(|_| no_such())?);
                    let list = lookup(&body, list_path).cloned().unwrap_or(Value::Null);
                    let weights =
                        reweigh(effective_weights(&list, ctx), target, value).map_err(share)?;
                    (list_path.to_string(), weights_json(&weights))
                }
                _ => (path.to_string(), Value::from(value)),
            }
        }
        FieldInput::Number(_) => match super::number::read(raw) {
            Some(v) => {
                if matches!(config, ComponentConfig::Users(_)) && MIX_SHARES.contains(&path) {
                    rebalance_mix(&mut body, path, v).map_err(share)?;
                }
                (path.to_string(), Value::from(v))
            }
            _ => {
                return Err(FieldRefusal::NotNumber {
                    field: name.clone(),
                    raw: raw.to_string(),
                });
            }
        },
        FieldInput::Toggle(_) => match raw {
            "true" | "on" | "yes" => (path.to_string(), Value::Bool(true)),
            "false" | "off" | "no" => (path.to_string(), Value::Bool(false)),
            _ => {
                return Err(FieldRefusal::NotOnOff {
                    field: name.clone(),
                });
            }
        },
        FieldInput::Choice { options, selected } => {
            if !options.iter().any(|v| v == raw) {
                return Err(not_a_choice());
            }
            let key = path.rsplit('.').next().unwrap_or(path);
            if variants(key).is_some() {
                if raw == selected {
                    return Ok(config.clone());
                }
                let current = lookup(&body, path).cloned().unwrap_or(Value::Null);
                let value = variant_default(key, raw, &current, ctx).ok_or_else(not_a_choice)?;
                (path.to_string(), value)
            } else {
                (path.to_string(), Value::String(raw.to_string()))
            }
        }
        FieldInput::Text(_) => (path.to_string(), Value::String(raw.to_string())),
    };
    let mut slot = &mut body;
    for part in slot_path.split('.') {
        slot = slot.get_mut(part).ok_or_else(no_such)?;
    }
    *slot = new_value;
    let updated =
        crate::share::v1::config_from_value(config.kind(), body).map_err(|_| not_a_choice())?;
    updated.check().map_err(|error| FieldRefusal::Check {
        field: check_name(&fields_in(&updated, ctx), &error.field),
        error,
    })?;
    Ok(updated)
}

/// The users' request mix: three shares that add up to 1.
const MIX_SHARES: [&str; 3] = ["read_share", "write_share", "static_share"];

/// Sets one share of the users' request mix to `value` and lets another absorb the difference
/// so the mix still adds up to 1: the static share, or the read share when the static share is
/// the one edited. Refused when the edited share and the one left alone already pass 1.
fn rebalance_mix(body: &mut Value, edited: &str, value: f64) -> Result<(), ShareRefusal> {
    let absorber = if edited == "static_share" {
        "read_share"
    } else {
        "static_share"
    };
    let untouched = MIX_SHARES
        .into_iter()
        .find(|s| *s != edited && *s != absorber)
        .unwrap_or(absorber);
    let kept = lookup(body, untouched)
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    if !(0.0..=1.0).contains(&value) {
        return Err(ShareRefusal::FractionOutOfRange(value));
    }
    let rest = 1.0 - value - kept;
    if rest < -1e-9 {
        return Err(ShareRefusal::MixOverflow {
            kept_share: untouched,
            kept,
        });
    }
    // Rounded to 12 decimals: 1 - 0.9 - 0.03 is 0.06999999999999998 in binary floating
    // point, which the form would show as typed digits.
    let rest = (rest.max(0.0) * 1e12).round() / 1e12;
    if let Some(slot) = body.get_mut(absorber) {
        *slot = Value::from(rest);
    }
    Ok(())
}

fn lookup<'a>(body: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(body, |value, part| value.get(part))
}

/// Sets `target`'s share to `value` and lets another share absorb the difference so the total
/// stays 100 %: the last target, or the first when the last is the one edited.
fn reweigh(
    mut weights: Vec<(ComponentId, u64)>,
    target: ComponentId,
    value: u64,
) -> Result<Vec<(ComponentId, u64)>, ShareRefusal> {
    if value > 100 {
        return Err(ShareRefusal::PercentOutOfRange(value));
    }
    let edited = weights
        .iter()
        .position(|(t, _)| *t == target)
        .ok_or(ShareRefusal::NotADnsTarget)?;
    weights[edited].1 = value;
    let absorber = if edited + 1 == weights.len() {
        0
    } else {
        weights.len() - 1
    };
    if absorber != edited {
        let others: u64 = weights
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != absorber)
            .map(|(_, (_, p))| p)
            .sum();
        if others > 100 {
            return Err(ShareRefusal::PercentsOverflow(others));
        }
        weights[absorber].1 = 100 - others;
    }
    Ok(weights)
}

/// The name of the field a [`ComponentConfig::check`] error names. The checker's paths leave
/// out the variant (`service_time.mean_ms` for `service_time.exponential.mean_ms`); a path with
/// no field of its own (`routing.percent`, the sum of the shares) takes its parent's label.
fn check_name(fields: &[Field], check_path: &str) -> FieldName {
    let mut wanted = check_path;
    loop {
        if let Some(field) = fields.iter().find(|f| without_variants(&f.path) == wanted) {
            return field.name.clone();
        }
        match wanted.rsplit_once('.') {
            Some((parent, _)) => wanted = parent,
            None => {
                return FieldName {
                    keys: check_path.split('.').map(str::to_string).collect(),
                    share_of: None,
                };
            }
        }
    }
}

/// `service_time.exponential.mean_ms` -> `service_time.mean_ms`; only the part right after a
/// key with variants is a variant (`load.active_users.active_users` -> `load.active_users`: the
/// variant's own field may bear its name).
fn without_variants(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut after_variant = false;
    for part in path.split('.') {
        let is_variant = !after_variant
            && out
                .last()
                .and_then(|key| variants(key))
                .is_some_and(|list| list.contains(&part));
        after_variant = is_variant;
        if !is_variant {
            out.push(part);
        }
    }
    out.join(".")
}

/// Every config a form can reach from each kind's default by switching its choices, each with
/// `ctx` (tests walk them all: every field placed, worded and explained).
#[cfg(test)]
pub(crate) fn reachable_configs(ctx: &FieldContext) -> Vec<(ComponentConfig, FieldContext)> {
    let mut out: Vec<(ComponentConfig, FieldContext)> = Vec::new();
    let mut stack: Vec<ComponentConfig> = crate::model::ComponentKind::ALL
        .iter()
        .map(|k| k.default_config())
        .collect();
    while let Some(config) = stack.pop() {
        if out.iter().any(|(c, _)| *c == config) {
            continue;
        }
        for field in fields_in(&config, ctx) {
            if let FieldInput::Choice { options, .. } = &field.input {
                for value in options {
                    if let Ok(next) = apply_field_in(&config, ctx, &field.path, value) {
                        stack.push(next);
                    }
                }
            }
        }
        out.push((config, ctx.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComponentKind;
    use crate::model::config::{DnsRouting, SessionMode, ShardingStrategy};
    use crate::present::lang::Lang;
    use crate::present::say;

    #[test]
    fn only_a_whole_number_of_seconds_is_worded_as_a_duration() {
        assert_eq!(whole_seconds(86_400.0), Some(86_400));
        assert_eq!(whole_seconds(1.0), Some(1));
        assert_eq!(whole_seconds(2.5), None);
        assert_eq!(whole_seconds(0.0), None);
        assert_eq!(whole_seconds(-60.0), None);
        assert_eq!(whole_seconds(1e12), None);
        assert_eq!(whole_seconds(f64::NAN), None);
    }

    #[test]
    fn a_config_body_is_the_whole_configs_serde_body_under_its_kind_tag() {
        for kind in ComponentKind::ALL {
            let config = kind.default_config();
            let body = config_body(&config);
            let mut tagged = Map::new();
            tagged.insert(crate::share::v1::kind_name(kind), body.clone());
            assert_eq!(
                serde_json::to_value(&config).ok(),
                Some(Value::Object(tagged))
            );
            let back = crate::share::v1::config_from_value(kind, body);
            assert_eq!(back.ok(), Some(config));
        }
    }

    /// A card's key settings, as the English card reads them.
    fn summary(config: &ComponentConfig) -> String {
        say::summary(Lang::En, config)
    }

    /// Why the inspector refuses `raw` for the field at `path`, in English.
    fn refused(config: &ComponentConfig, path: &str, raw: &str) -> String {
        say::field_refusal(Lang::En, &apply_field(config, path, raw).unwrap_err())
    }

    /// [`refused`] for a config placed in a diagram.
    fn refused_in(config: &ComponentConfig, ctx: &FieldContext, path: &str, raw: &str) -> String {
        say::field_refusal(
            Lang::En,
            &apply_field_in(config, ctx, path, raw).unwrap_err(),
        )
    }

    #[test]
    fn a_refused_setting_inside_a_choice_is_named_by_its_own_field() {
        let mut users = ComponentKind::Users.default_config();
        if let ComponentConfig::Users(u) = &mut users {
            u.load = crate::model::config::UserLoad::ActiveUsers {
                active_users: 1_000,
                requests_per_user_per_s: 0.1,
            };
        }
        // The variant's field bears the variant's name: it was named as the choice ("Load").
        let said = refused(&users, "load.active_users.active_users", "1e12");
        assert!(said.starts_with("Load · active users must be "), "{said}");
        assert_eq!(
            without_variants("load.active_users.active_users"),
            "load.active_users"
        );
        assert_eq!(
            without_variants("service_time.exponential.mean_ms"),
            "service_time.mean_ms"
        );
    }

    #[test]
    fn cards_summarise_the_key_setting() {
        let mut web = ComponentKind::WebServers.default_config();
        if let ComponentConfig::WebServers(c) = &mut web {
            c.instances = 3;
            c.sessions = SessionMode::Stateless;
        }
        assert_eq!(summary(&web), "3 servers · stateless");
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
                        for value in options {
                            apply_field(&config, &field.path, value)
                                .unwrap_or_else(|e| panic!("{kind:?} {}: {e:?}", field.path));
                        }
                        continue;
                    }
                };
                assert_eq!(
                    apply_field(&config, &field.path, &raw).as_ref(),
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
        assert_eq!(mean.measure, Some(Unit::Ms));
        assert_eq!(say::field_unit(Lang::En, Unit::Ms), "ms");
    }

    #[test]
    fn a_nonsensical_value_is_refused_with_a_message() {
        let web = ComponentKind::WebServers.default_config();
        let negative = refused(&web, "instances", "-5");
        assert!(negative.contains("Instances"), "{negative}");
        assert!(negative.contains("-5"), "{negative}");
        let zero = refused(&web, "instances", "0");
        assert!(zero.starts_with("Instances must be between 1"), "{zero}");
        // No number at all gets the same range, not a bound the field does not have.
        let letters = refused(&web, "instances", "abc");
        assert!(letters.contains("between 1 and 10,000"), "{letters}");
        let ok = apply_field(&web, "instances", "3").unwrap();
        assert_eq!(summary(&ok), "3 servers · stateful");
        assert!(apply_field(&web, "no_such", "1").is_err());
    }

    #[test]
    fn numbers_are_read_as_people_write_them() {
        use crate::model::config::ServiceTime;
        let web = ComponentKind::WebServers.default_config();
        for typed in ["1e1", "10.0", "10"] {
            let ok = apply_field(&web, "instances", typed).unwrap();
            assert_eq!(summary(&ok), "10 servers · stateful", "{typed}");
        }
        let fraction = refused(&web, "instances", "3,5");
        assert!(fraction.contains("whole number"), "{fraction}");
        assert!(fraction.contains("3,5"), "{fraction}");
        let mean = "service_time.exponential.mean_ms";
        for (typed, ms) in [("0,5", 0.5), ("1,000", 1000.0), ("2.5", 2.5)] {
            let edited = apply_field(&web, mean, typed).unwrap();
            assert!(
                matches!(web_service_time(&edited), ServiceTime::Exponential { mean_ms } if mean_ms == ms),
                "{typed}"
            );
        }
        assert!(refused(&web, mean, "1.000,5").contains("1.000,5"));
    }

    fn web_service_time(config: &ComponentConfig) -> crate::model::config::ServiceTime {
        match config {
            ComponentConfig::WebServers(c) => c.service_time,
            other => panic!("not a web tier: {other:?}"),
        }
    }

    #[test]
    fn a_service_time_switches_distribution_keeping_its_mean() {
        use crate::model::config::ServiceTime;
        let web = ComponentKind::WebServers.default_config();
        let choice = fields(&web)
            .into_iter()
            .find(|f| f.path == "service_time")
            .expect("a distribution choice");
        let FieldInput::Choice { selected, options } = &choice.input else {
            panic!("{choice:?}");
        };
        assert_eq!(selected, "exponential");
        let names: Vec<&str> = options.iter().map(String::as_str).collect();
        assert_eq!(names, ["exponential", "deterministic", "log_normal"]);
        let slow = apply_field(&web, "service_time.exponential.mean_ms", "35").unwrap();
        let fixed = apply_field(&slow, "service_time", "deterministic").unwrap();
        assert_eq!(
            web_service_time(&fixed),
            ServiceTime::Deterministic { mean_ms: 35.0 }
        );
        let tail = apply_field(&fixed, "service_time", "log_normal").unwrap();
        assert_eq!(
            web_service_time(&tail),
            ServiceTime::LogNormal {
                mean_ms: 35.0,
                sigma: DEFAULT_LOG_NORMAL_SIGMA
            }
        );
        // The new variant's parameters are fields now, and the old ones are gone.
        let paths: Vec<String> = fields(&tail).into_iter().map(|f| f.path).collect();
        assert!(paths.contains(&"service_time.log_normal.sigma".to_string()));
        assert!(!paths.contains(&"service_time.deterministic.mean_ms".to_string()));
        let wider = apply_field(&tail, "service_time.log_normal.sigma", "1.5").unwrap();
        assert_eq!(
            web_service_time(&wider),
            ServiceTime::LogNormal {
                mean_ms: 35.0,
                sigma: 1.5
            }
        );
        assert!(apply_field(&tail, "service_time", "uniform").is_err());
    }

    #[test]
    fn a_bad_variant_parameter_is_refused_naming_the_field() {
        let web = ComponentKind::WebServers.default_config();
        let tail = apply_field(&web, "service_time", "log_normal").unwrap();
        let zero = refused(&tail, "service_time.log_normal.sigma", "0");
        assert!(zero.starts_with("Service time · sigma must be"), "{zero}");
        let wild = refused(&tail, "service_time.log_normal.sigma", "9");
        assert!(wild.starts_with("Service time · sigma must be"), "{wild}");
        let text = refused(&tail, "service_time.log_normal.mean_ms", "fast");
        assert_eq!(text, "Service time · mean must be a number, not “fast”");
        let negative = refused(&tail, "service_time.log_normal.mean_ms", "-3");
        assert!(
            negative.starts_with("Service time · mean must be"),
            "{negative}"
        );
    }

    #[test]
    fn sharding_switches_to_consistent_hashing_with_virtual_nodes() {
        let sharded = ComponentKind::ShardedDatabase.default_config();
        let ring = apply_field(&sharded, "strategy", "consistent_hashing").unwrap();
        let ComponentConfig::ShardedDatabase(c) = &ring else {
            panic!()
        };
        assert_eq!(
            c.strategy,
            ShardingStrategy::ConsistentHashing {
                virtual_nodes: DEFAULT_VIRTUAL_NODES
            }
        );
        assert_eq!(summary(&ring), "4 shards by user_id · ring");
        let more = apply_field(&ring, "strategy.consistent_hashing.virtual_nodes", "256").unwrap();
        let ComponentConfig::ShardedDatabase(c) = &more else {
            panic!()
        };
        assert_eq!(
            c.strategy,
            ShardingStrategy::ConsistentHashing { virtual_nodes: 256 }
        );
        let none = refused(&ring, "strategy.consistent_hashing.virtual_nodes", "0");
        assert!(
            none.starts_with("Strategy · virtual nodes must be between 1"),
            "{none}"
        );
        let back = apply_field(&more, "strategy", "modulo").unwrap();
        assert_eq!(back, sharded);
    }

    #[test]
    fn users_switch_between_rate_and_active_users_keeping_the_traffic() {
        use crate::model::config::UserLoad;
        let users = ComponentKind::Users.default_config();
        let rate = apply_field(&users, "load", "rate").unwrap();
        let ComponentConfig::Users(c) = &rate else {
            panic!()
        };
        assert_eq!(c.load, UserLoad::Rate { rate_rps: 100.0 });
        let doubled = apply_field(&rate, "load.rate.rate_rps", "2000").unwrap();
        let people = apply_field(&doubled, "load", "active_users").unwrap();
        let ComponentConfig::Users(c) = &people else {
            panic!()
        };
        assert_eq!(c.load.rate_rps(), 2000.0);
        assert!(matches!(
            c.load,
            UserLoad::ActiveUsers {
                active_users: DEFAULT_ACTIVE_USERS,
                ..
            }
        ));
    }

    /// A DNS wired to two web tiers, with the form context the diagram gives it.
    fn dns_with_two_targets() -> (ComponentConfig, FieldContext) {
        use crate::model::{Component, InPort, InPortRef, OutPortRef, Point, Wire, WireId};
        let mut d = Diagram::new();
        let dns = ComponentId(1);
        d.components.push(Component::new(
            dns,
            ComponentKind::Dns,
            "DNS",
            Point::new(0.0, 0.0),
        ));
        for (i, label) in [(2, "East"), (3, "West")] {
            d.components.push(Component::new(
                ComponentId(i),
                ComponentKind::LoadBalancer,
                label,
                Point::new(300.0, 0.0),
            ));
            d.wires.push(Wire {
                id: WireId(i),
                from: OutPortRef {
                    component: dns,
                    port: OutPort::Resolve,
                },
                to: InPortRef {
                    component: ComponentId(i),
                    port: InPort::Requests,
                },
            });
        }
        let ctx = FieldContext::of(&d, dns);
        (ComponentKind::Dns.default_config(), ctx)
    }

    fn routing(config: &ComponentConfig) -> DnsRouting {
        match config {
            ComponentConfig::Dns(c) => c.routing.clone(),
            other => panic!("not a DNS: {other:?}"),
        }
    }

    #[test]
    fn dns_switches_to_a_weighted_split_over_its_wired_targets() {
        use crate::model::config::WeightedTarget;
        let (dns, ctx) = dns_with_two_targets();
        assert_eq!(
            ctx.dns_targets,
            [
                (ComponentId(2), "East".into()),
                (ComponentId(3), "West".into())
            ]
        );
        let weighted = apply_field_in(&dns, &ctx, "routing", "weighted").unwrap();
        let split = |a: u8, b: u8| DnsRouting::Weighted {
            percent: vec![
                WeightedTarget {
                    target: ComponentId(2),
                    percent: a,
                },
                WeightedTarget {
                    target: ComponentId(3),
                    percent: b,
                },
            ],
        };
        assert_eq!(routing(&weighted), split(50, 50));
        let shares: Vec<(String, String)> = fields_in(&weighted, &ctx)
            .into_iter()
            .filter(|f| f.measure == Some(Unit::Percent))
            .map(|f| (f.path, say::field_label(Lang::En, &f.name)))
            .collect();
        assert_eq!(
            shares,
            [
                (
                    "routing.weighted.percent.2".into(),
                    "Routing · to East".into()
                ),
                (
                    "routing.weighted.percent.3".into(),
                    "Routing · to West".into()
                ),
            ]
        );
        // One share edited, the other takes the rest.
        let canary = apply_field_in(&weighted, &ctx, "routing.weighted.percent.3", "10").unwrap();
        assert_eq!(routing(&canary), split(90, 10));
        let east = apply_field_in(&canary, &ctx, "routing.weighted.percent.2", "70").unwrap();
        assert_eq!(routing(&east), split(70, 30));
        let mut twins = ctx.clone();
        for (_, label) in &mut twins.dns_targets {
            *label = "Load balancer".into();
        }
        let labels: Vec<String> = fields_in(&east, &twins)
            .into_iter()
            .filter(|f| f.measure == Some(Unit::Percent))
            .map(|f| say::field_label(Lang::En, &f.name))
            .collect();
        assert_eq!(
            labels,
            [
                "Routing · to Load balancer #2",
                "Routing · to Load balancer #3"
            ]
        );
        let over = refused_in(&east, &ctx, "routing.weighted.percent.2", "140");
        assert_eq!(
            over,
            "Routing · to East must be between 0 and 100 %, not 140 %"
        );
        let back = apply_field_in(&east, &ctx, "routing", "nearest").unwrap();
        assert_eq!(back, dns);
    }

    #[test]
    fn weighted_shares_that_cannot_add_up_to_100_are_refused() {
        use crate::model::config::WeightedTarget;
        let (mut dns, mut ctx) = dns_with_two_targets();
        ctx.dns_targets.push((ComponentId(4), "North".into()));
        if let ComponentConfig::Dns(c) = &mut dns {
            c.routing = DnsRouting::Weighted {
                percent: [(2, 40), (3, 40), (4, 20)]
                    .into_iter()
                    .map(|(t, p)| WeightedTarget {
                        target: ComponentId(t),
                        percent: p,
                    })
                    .collect(),
            };
        }
        // East 70 + West 40 leave North nothing to absorb.
        let refused = refused_in(&dns, &ctx, "routing.weighted.percent.2", "70");
        assert!(
            refused.starts_with("Routing · to East leaves no room"),
            "{refused}"
        );
        let fine = apply_field_in(&dns, &ctx, "routing.weighted.percent.2", "50").unwrap();
        let DnsRouting::Weighted { percent } = routing(&fine) else {
            panic!()
        };
        let shares: Vec<u8> = percent.iter().map(|w| w.percent).collect();
        assert_eq!(shares, [50, 40, 10]);
        // A list that was edited elsewhere to a bad sum is named by the check.
        let mut broken = fine.clone();
        if let ComponentConfig::Dns(c) = &mut broken {
            c.routing = DnsRouting::Weighted {
                percent: vec![WeightedTarget {
                    target: ComponentId(2),
                    percent: 30,
                }],
            };
        }
        let message = refused_in(&broken, &ctx, "record_ttl_s", "30");
        assert_eq!(message, "Routing weights must add up to 100 %, not 30 %");
    }
}
