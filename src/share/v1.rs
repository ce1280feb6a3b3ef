//! Format v1: the DTO types of the JSON file, and their strict conversion to the model.
//!
//! Ids are plain numbers; kinds, ports and regions are snake_case names (so an unknown one gets
//! a precise error, not a generic serde message); component settings are an object in the
//! model's config shape, merged over the kind's defaults (fields may be omitted). Parsing is
//! per element, so an error names the element (`component #3`), and unknown fields anywhere
//! are dropped with a warning naming their path.
//!
//! [`FileV1::into_model`] enforces every model invariant (unique ids, existing wire ends and
//! groups, ports that exist on their kinds, settings in range, fault targets that exist) and
//! the format's limits; it only warns, never refuses, for wires that break the connection
//! rules (a hand-edited file), since [`crate::model::validate()`] reports those to the user.

use crate::sorted::{SortedMap, SortedSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    FORMAT_VERSION, ImportWarning, MAX_COMPONENTS, MAX_COORD, MAX_FAULTS, MAX_GROUPS, MAX_WIRES,
    NotDiagram, Place, Problem, ShareError, Thing, WireEnd, check_config, check_scenario,
    check_text,
};
use crate::model::config::{
    CacheConfig, CdnConfig, DatabaseConfig, DnsConfig, LoadBalancerConfig, MessageQueueConfig,
    MetricsSinkConfig, NoSqlConfig, Number, SessionStoreConfig, ShardedDatabaseConfig, UsersConfig,
    WebServersConfig, WorkersConfig,
};
use crate::model::rules::table_refusal;
use crate::model::{
    Component, ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction,
    FaultTarget, Group, GroupId, InPort, InPortRef, OutPort, OutPortRef, Point, Rect, Region,
    Scenario, TrafficProfile, Wire, WireId,
};

/// The `format` marker written in every file.
pub const FORMAT_MARKER: &str = "scalelab-diagram";

/// A whole v1 file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileV1 {
    pub format: String,
    pub version: u32,
    pub next_id: u32,
    pub groups: Vec<GroupV1>,
    pub components: Vec<ComponentV1>,
    pub wires: Vec<WireV1>,
    pub scenario: ScenarioV1,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentV1 {
    pub id: u32,
    pub kind: String,
    pub label: String,
    pub x: f64,
    pub y: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<u32>,
    /// Settings in the model's config shape; omitted fields take the kind's defaults.
    #[serde(default)]
    pub config: Value,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WireV1 {
    pub id: u32,
    pub from: u32,
    pub from_port: String,
    pub to: u32,
    pub to_port: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupV1 {
    pub id: u32,
    pub name: String,
    pub region: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioV1 {
    pub duration_s: u32,
    pub seed: u64,
    pub traffic: TrafficProfile,
    pub faults: Vec<FaultV1>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FaultV1 {
    pub at_s: f64,
    pub action: FaultAction,
    pub target: FaultTarget,
}

// ----- names of closed enums -----

/// The snake_case name of a unit-like enum value, as serde writes it.
fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The enum value a snake_case name stands for (unit variants only).
fn parse_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name)).ok()
}

pub fn kind_name(kind: ComponentKind) -> String {
    name_of(&kind)
}

pub fn parse_kind(name: &str) -> Option<ComponentKind> {
    parse_name(name)
}

pub fn parse_out_port(name: &str) -> Option<OutPort> {
    parse_name(name)
}

pub fn parse_in_port(name: &str) -> Option<InPort> {
    parse_name(name)
}

pub fn parse_region(name: &str) -> Option<Region> {
    parse_name(name)
}

// ----- configs -----

/// A config as an object in the model's shape (without the kind tag).
pub fn config_to_value(config: &ComponentConfig) -> Value {
    let v = match config {
        ComponentConfig::Users(c) => serde_json::to_value(c),
        ComponentConfig::Dns(c) => serde_json::to_value(c),
        ComponentConfig::Cdn(c) => serde_json::to_value(c),
        ComponentConfig::LoadBalancer(c) => serde_json::to_value(c),
        ComponentConfig::WebServers(c) => serde_json::to_value(c),
        ComponentConfig::Cache(c) => serde_json::to_value(c),
        ComponentConfig::SessionStore(c) => serde_json::to_value(c),
        ComponentConfig::Database(c) => serde_json::to_value(c),
        ComponentConfig::NoSql(c) => serde_json::to_value(c),
        ComponentConfig::ShardedDatabase(c) => serde_json::to_value(c),
        ComponentConfig::MessageQueue(c) => serde_json::to_value(c),
        ComponentConfig::Workers(c) => serde_json::to_value(c),
        ComponentConfig::MetricsSink(c) => serde_json::to_value(c),
    };
    v.unwrap_or(Value::Null)
}

/// Reads a complete config object of `kind`.
pub fn config_from_value(kind: ComponentKind, v: Value) -> Result<ComponentConfig, String> {
    fn read<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, String> {
        serde_json::from_value(v).map_err(|e| e.to_string())
    }
    Ok(match kind {
        ComponentKind::Users => ComponentConfig::Users(read::<UsersConfig>(v)?),
        ComponentKind::Dns => ComponentConfig::Dns(read::<DnsConfig>(v)?),
        ComponentKind::Cdn => ComponentConfig::Cdn(read::<CdnConfig>(v)?),
        ComponentKind::LoadBalancer => {
            ComponentConfig::LoadBalancer(read::<LoadBalancerConfig>(v)?)
        }
        ComponentKind::WebServers => ComponentConfig::WebServers(read::<WebServersConfig>(v)?),
        ComponentKind::Cache => ComponentConfig::Cache(read::<CacheConfig>(v)?),
        ComponentKind::SessionStore => {
            ComponentConfig::SessionStore(read::<SessionStoreConfig>(v)?)
        }
        ComponentKind::Database => ComponentConfig::Database(read::<DatabaseConfig>(v)?),
        ComponentKind::NoSql => ComponentConfig::NoSql(read::<NoSqlConfig>(v)?),
        ComponentKind::ShardedDatabase => {
            ComponentConfig::ShardedDatabase(read::<ShardedDatabaseConfig>(v)?)
        }
        ComponentKind::MessageQueue => {
            ComponentConfig::MessageQueue(read::<MessageQueueConfig>(v)?)
        }
        ComponentKind::Workers => ComponentConfig::Workers(read::<WorkersConfig>(v)?),
        ComponentKind::MetricsSink => ComponentConfig::MetricsSink(read::<MetricsSinkConfig>(v)?),
    })
}

/// `overrides`' fields laid over `base`'s, one level deep (nested values are replaced whole).
pub fn merge_fields(base: Value, overrides: &Map<String, Value>) -> Value {
    match base {
        Value::Object(mut b) => {
            for (k, v) in overrides {
                b.insert(k.clone(), v.clone());
            }
            Value::Object(b)
        }
        other => other,
    }
}

/// Paths of keys present in `input` but not in `canonical` (what serde ignored).
pub fn unknown_keys(input: &Value, canonical: &Value, path: &str, out: &mut Vec<String>) {
    match (input, canonical) {
        (Value::Object(i), Value::Object(c)) => {
            for (k, v) in i {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match c.get(k) {
                    Some(cv) => unknown_keys(v, cv, &p, out),
                    None => out.push(p),
                }
            }
        }
        (Value::Array(i), Value::Array(c)) => {
            for (n, (a, b)) in i.iter().zip(c).enumerate() {
                unknown_keys(a, b, &format!("{path}[{n}]"), out);
            }
        }
        _ => {}
    }
}

fn warn_unknown(input: &Value, canonical: &Value, place: Place, warnings: &mut Vec<ImportWarning>) {
    let mut keys = Vec::new();
    unknown_keys(input, canonical, "", &mut keys);
    for k in keys {
        warnings.push(ImportWarning::UnknownField { place, field: k });
    }
}

/// Reads one element of a DTO list, warning about unknown fields.
fn element<T: Serialize + serde::de::DeserializeOwned>(
    v: Value,
    place: Place,
    warnings: &mut Vec<ImportWarning>,
) -> Result<T, ShareError> {
    let parsed: T = serde_json::from_value(v.clone()).map_err(|e| ShareError::Invalid {
        place,
        problem: Problem::unreadable(e.to_string(), &v),
    })?;
    if let Ok(canonical) = serde_json::to_value(&parsed) {
        warn_unknown(&v, &canonical, place, warnings);
    }
    Ok(parsed)
}

fn list(
    root: &mut Map<String, Value>,
    key: &'static str,
    limit: usize,
    what: Thing,
) -> Result<Vec<Value>, ShareError> {
    match root.remove(key) {
        Some(Value::Array(items)) if items.len() > limit => {
            Err(ShareError::TooMany { what, limit })
        }
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(ShareError::NotADiagram {
            why: NotDiagram::ShouldBeList(key),
        }),
        None => Err(ShareError::NotADiagram {
            why: NotDiagram::Missing(key),
        }),
    }
}

impl FileV1 {
    /// The v1 file for a model diagram.
    pub fn from_model(d: &Diagram) -> FileV1 {
        FileV1 {
            format: FORMAT_MARKER.to_string(),
            version: FORMAT_VERSION,
            next_id: d.next_id,
            groups: d
                .groups
                .iter()
                .map(|g| GroupV1 {
                    id: g.id.0,
                    name: g.name.clone(),
                    region: name_of(&g.region),
                    x: g.bounds.x,
                    y: g.bounds.y,
                    width: g.bounds.width,
                    height: g.bounds.height,
                })
                .collect(),
            components: d
                .components
                .iter()
                .map(|c| ComponentV1 {
                    id: c.id.0,
                    kind: kind_name(c.kind),
                    label: c.label.clone(),
                    x: c.pos.x,
                    y: c.pos.y,
                    group: c.group.map(|g| g.0),
                    config: config_to_value(&c.config),
                })
                .collect(),
            wires: d
                .wires
                .iter()
                .map(|w| WireV1 {
                    id: w.id.0,
                    from: w.from.component.0,
                    from_port: name_of(&w.from.port),
                    to: w.to.component.0,
                    to_port: name_of(&w.to.port),
                })
                .collect(),
            scenario: ScenarioV1 {
                duration_s: d.scenario.duration_s,
                seed: d.scenario.seed,
                traffic: d.scenario.traffic,
                faults: d
                    .scenario
                    .faults
                    .iter()
                    .map(|f| FaultV1 {
                        at_s: f.at_s,
                        action: f.action,
                        target: f.target,
                    })
                    .collect(),
            },
        }
    }

    /// Reads a v1 document from its JSON value, already through `migrate::to_current` (which has
    /// checked its format marker).
    pub fn parse(value: Value, warnings: &mut Vec<ImportWarning>) -> Result<FileV1, ShareError> {
        let Value::Object(mut root) = value else {
            return Err(ShareError::NotADiagram {
                why: NotDiagram::TopNotObject,
            });
        };
        // `migrate::to_current` has read the marker before the version: it is ScaleLab's, or
        // absent from a document written by hand.
        root.remove("format");
        let format = FORMAT_MARKER.to_string();
        root.remove("version");
        let next_id = match root.remove("next_id") {
            Some(v) => {
                v.as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or(ShareError::Invalid {
                        place: Place::NextId,
                        problem: Problem::NotWholeNumber,
                    })?
            }
            None => {
                return Err(ShareError::NotADiagram {
                    why: NotDiagram::Missing("next_id"),
                });
            }
        };
        let mut groups = Vec::new();
        for (n, v) in list(&mut root, "groups", MAX_GROUPS, Thing::Datacenter)?
            .into_iter()
            .enumerate()
        {
            groups.push(element(v, Place::DatacenterAt(n), warnings)?);
        }
        let mut components = Vec::new();
        for (n, v) in list(&mut root, "components", MAX_COMPONENTS, Thing::Component)?
            .into_iter()
            .enumerate()
        {
            components.push(element(v, Place::ComponentAt(n), warnings)?);
        }
        let mut wires = Vec::new();
        for (n, v) in list(&mut root, "wires", MAX_WIRES, Thing::Wire)?
            .into_iter()
            .enumerate()
        {
            wires.push(element(v, Place::WireAt(n), warnings)?);
        }
        let scenario = match root.remove("scenario") {
            Some(Value::Object(mut s)) => {
                let faults = list(&mut s, "faults", MAX_FAULTS, Thing::Fault)?;
                let scenario_value = Value::Object(s);
                let mut scenario: ScenarioV1 = {
                    #[derive(Serialize, Deserialize)]
                    struct Head {
                        duration_s: u32,
                        seed: u64,
                        traffic: TrafficProfile,
                    }
                    let head: Head = element(scenario_value, Place::Scenario, warnings)?;
                    ScenarioV1 {
                        duration_s: head.duration_s,
                        seed: head.seed,
                        traffic: head.traffic,
                        faults: Vec::new(),
                    }
                };
                for (n, v) in faults.into_iter().enumerate() {
                    scenario
                        .faults
                        .push(element(v, Place::FaultAt(n), warnings)?);
                }
                scenario
            }
            Some(_) => {
                return Err(ShareError::NotADiagram {
                    why: NotDiagram::ShouldBeObject("scenario"),
                });
            }
            None => {
                return Err(ShareError::NotADiagram {
                    why: NotDiagram::Missing("scenario"),
                });
            }
        };
        for key in root.keys() {
            warnings.push(ImportWarning::UnknownField {
                place: Place::TopLevel,
                field: key.clone(),
            });
        }
        Ok(FileV1 {
            format,
            version: FORMAT_VERSION,
            next_id,
            groups,
            components,
            wires,
            scenario,
        })
    }

    /// Converts to a model diagram, enforcing every invariant and limit.
    pub fn into_model(self, warnings: &mut Vec<ImportWarning>) -> Result<Diagram, ShareError> {
        if self.components.len() > MAX_COMPONENTS {
            return Err(ShareError::TooMany {
                what: Thing::Component,
                limit: MAX_COMPONENTS,
            });
        }
        if self.wires.len() > MAX_WIRES {
            return Err(ShareError::TooMany {
                what: Thing::Wire,
                limit: MAX_WIRES,
            });
        }
        if self.groups.len() > MAX_GROUPS {
            return Err(ShareError::TooMany {
                what: Thing::Datacenter,
                limit: MAX_GROUPS,
            });
        }
        if self.scenario.faults.len() > MAX_FAULTS {
            return Err(ShareError::TooMany {
                what: Thing::Fault,
                limit: MAX_FAULTS,
            });
        }
        let mut max_id: Option<u32> = None;
        let mut saw = |id: u32| max_id = Some(max_id.map_or(id, |m: u32| m.max(id)));

        let coord = |place: Place, field: &'static str, v: f64| -> Result<f64, ShareError> {
            if v.is_finite() && v.abs() <= MAX_COORD {
                Ok(v)
            } else {
                Err(ShareError::Invalid {
                    place,
                    problem: Problem::Coordinate {
                        field,
                        value: Number(v),
                    },
                })
            }
        };
        let text = |place: Place, field: &'static str, s: String| -> Result<String, ShareError> {
            check_text(place, field, &s)?;
            Ok(s)
        };

        let mut groups = Vec::with_capacity(self.groups.len());
        let mut group_ids = SortedSet::new();
        for g in self.groups {
            let place = Place::Datacenter(g.id);
            if !group_ids.insert(g.id) {
                return Err(ShareError::DuplicateId {
                    what: Thing::Datacenter,
                    id: g.id,
                });
            }
            saw(g.id);
            let region = parse_region(&g.region).ok_or_else(|| ShareError::Invalid {
                place,
                problem: Problem::UnknownRegion {
                    name: g.region.clone(),
                },
            })?;
            let (x, y) = (coord(place, "x", g.x)?, coord(place, "y", g.y)?);
            let (width, height) = (
                coord(place, "width", g.width)?,
                coord(place, "height", g.height)?,
            );
            if width < 0.0 || height < 0.0 {
                return Err(ShareError::Invalid {
                    place,
                    problem: Problem::NegativeSize,
                });
            }
            groups.push(Group {
                id: GroupId(g.id),
                name: text(place, "name", g.name)?,
                region,
                bounds: Rect::new(x, y, width, height),
            });
        }

        let mut components = Vec::with_capacity(self.components.len());
        let mut kinds: SortedMap<u32, ComponentKind> = SortedMap::new();
        for c in self.components {
            let place = Place::Component(c.id);
            let kind = parse_kind(&c.kind).ok_or_else(|| ShareError::UnknownKind {
                component: c.id,
                kind: c.kind.clone(),
            })?;
            if kinds.insert(c.id, kind).is_some() {
                return Err(ShareError::DuplicateId {
                    what: Thing::Component,
                    id: c.id,
                });
            }
            saw(c.id);
            if let Some(g) = c.group
                && !group_ids.contains(&g)
            {
                return Err(ShareError::Invalid {
                    place,
                    problem: Problem::DatacenterMissing { datacenter: g },
                });
            }
            let overrides = match c.config {
                Value::Null => Map::new(),
                Value::Object(m) => m,
                _ => {
                    return Err(ShareError::Invalid {
                        place,
                        problem: Problem::ConfigNotObject,
                    });
                }
            };
            let merged = merge_fields(config_to_value(&kind.default_config()), &overrides);
            let config = config_from_value(kind, merged.clone()).map_err(|detail| {
                // Named by the setting that holds the value where the parser's message allows
                // ("“instances” should be a whole number ..., not “-3”"), not in its words.
                let problem = match Problem::unreadable(detail, &Value::Object(overrides.clone())) {
                    Problem::Unreadable { detail } => Problem::Settings { detail },
                    p => p,
                };
                ShareError::Invalid { place, problem }
            })?;
            warn_unknown(
                &merged,
                &config_to_value(&config),
                Place::ComponentSettings(c.id),
                warnings,
            );
            check_config(c.id, &config)?;
            components.push(Component {
                id: ComponentId(c.id),
                kind,
                label: text(place, "label", c.label)?,
                pos: Point::new(coord(place, "x", c.x)?, coord(place, "y", c.y)?),
                group: c.group.map(GroupId),
                config,
            });
        }

        let mut wires = Vec::with_capacity(self.wires.len());
        let mut wire_ids = SortedSet::new();
        let mut ends = SortedSet::new();
        for w in self.wires {
            let place = Place::Wire(w.id);
            if !wire_ids.insert(w.id) {
                return Err(ShareError::DuplicateId {
                    what: Thing::Wire,
                    id: w.id,
                });
            }
            saw(w.id);
            let from_kind = *kinds.get(&w.from).ok_or(ShareError::DanglingWire {
                wire: w.id,
                end: WireEnd::Start,
                component: w.from,
            })?;
            let to_kind = *kinds.get(&w.to).ok_or(ShareError::DanglingWire {
                wire: w.id,
                end: WireEnd::End,
                component: w.to,
            })?;
            let from_port = parse_out_port(&w.from_port)
                .filter(|p| from_kind.ports().has_output(*p))
                .ok_or_else(|| ShareError::Invalid {
                    place,
                    problem: Problem::NoSuchOutput {
                        kind: from_kind,
                        port: w.from_port.clone(),
                    },
                })?;
            let to_port = parse_in_port(&w.to_port)
                .filter(|p| to_kind.ports().has_input(*p))
                .ok_or_else(|| ShareError::Invalid {
                    place,
                    problem: Problem::NoSuchInput {
                        kind: to_kind,
                        port: w.to_port.clone(),
                    },
                })?;
            if let Some(reason) = table_refusal(from_port, to_kind) {
                warnings.push(ImportWarning::BreaksRule { wire: w.id, reason });
            }
            if w.from == w.to {
                warnings.push(ImportWarning::SelfWire { wire: w.id });
            }
            if !ends.insert((w.from, from_port, w.to, to_port)) {
                warnings.push(ImportWarning::DuplicateWire { wire: w.id });
            }
            wires.push(Wire {
                id: WireId(w.id),
                from: OutPortRef {
                    component: ComponentId(w.from),
                    port: from_port,
                },
                to: InPortRef {
                    component: ComponentId(w.to),
                    port: to_port,
                },
            });
        }

        let s = self.scenario;
        let scenario = Scenario {
            duration_s: s.duration_s,
            seed: s.seed,
            traffic: s.traffic,
            faults: s
                .faults
                .into_iter()
                .map(|f| Fault {
                    at_s: f.at_s,
                    action: f.action,
                    target: f.target,
                })
                .collect(),
        };
        check_scenario(&scenario)?;
        for (n, f) in scenario.faults.iter().enumerate() {
            let place = Place::FaultAt(n);
            let exists = match f.target {
                FaultTarget::Component(id) => kinds.contains_key(&id.0),
                FaultTarget::Group(id) => group_ids.contains(&id.0),
                FaultTarget::Wire(id) => wire_ids.contains(&id.0),
            };
            if !exists {
                return Err(ShareError::Invalid {
                    place,
                    problem: Problem::TargetMissing,
                });
            }
        }

        let mut next_id = self.next_id;
        if let Some(m) = max_id
            && next_id <= m
        {
            let repaired = m.checked_add(1).ok_or(ShareError::Invalid {
                place: Place::Ids,
                problem: Problem::IdsFull,
            })?;
            warnings.push(ImportWarning::NextIdRaised {
                was: next_id,
                now: repaired,
            });
            next_id = repaired;
        }

        Ok(Diagram {
            components,
            wires,
            groups,
            scenario,
            next_id,
        })
    }
}
