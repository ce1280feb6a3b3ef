//! The compact payload of a share link: the v1 document in a positional JSON shape.
//!
//! Shape (keys are one letter; trailing `null`s of a row are dropped):
//! ```text
//! { "n": next_id,
//!   "g": [[id, name, region index, x, y, width, height], ...],          (omitted if none)
//!   "c": [[id, kind index, x, y, label|null, group|null, settings diff|null], ...],
//!   "w": [[id, from, out-port index, to, in-port index?], ...],
//!   "s": { scenario fields that differ from the default } }             (omitted if default)
//! ```
//! Kind, port and region indexes are positions in `ComponentKind::ALL`, `OutPort::ALL`,
//! `InPort::ALL` and `Region::ALL` (append-only lists: reordering them needs a new version).
//! A label equal to the kind's name is `null`; the in-port is omitted when it is the target
//! kind's only input; settings keep only the fields that differ from the kind's defaults.
//! Whole numbers are written without a fraction (`300`, not `300.0`). Decoding produces the
//! same [`FileV1`] the JSON file does, so both forms share one validation.

use crate::sorted::SortedMap;

use serde_json::{Map, Value};

use super::v1::{
    ComponentV1, FileV1, GroupV1, ScenarioV1, WireV1, config_to_value, merge_fields, parse_in_port,
    parse_kind, parse_out_port, unknown_keys,
};
use super::{Expected, ImportWarning, Place, Problem, ShareError, Thing, WireEnd};
use crate::model::{ComponentKind, InPort, OutPort, Region, Scenario};

fn index_of<T: PartialEq + serde::Serialize>(all: &[T], name: &str) -> Value {
    all.iter()
        .position(|v| matches!(serde_json::to_value(v), Ok(Value::String(s)) if s == name))
        .map_or(Value::Null, Value::from)
}

/// A number as short as it can be written exactly.
fn num(x: f64) -> Value {
    if x.is_finite() && x == x.trunc() && x.abs() < 9.0e15 && !(x == 0.0 && x.is_sign_negative()) {
        Value::from(x as i64)
    } else {
        Value::from(x)
    }
}

/// Rewrites whole floats as integers, everywhere in `v`.
fn shorten_numbers(v: Value) -> Value {
    match v {
        Value::Number(n) if n.is_f64() => n.as_f64().map_or(Value::Number(n), num),
        Value::Array(items) => Value::Array(items.into_iter().map(shorten_numbers).collect()),
        // In place, not collected: a collected map sorts its entries first, one more copy of
        // the standard library's sort in the wasm.
        Value::Object(mut m) => {
            for v in m.values_mut() {
                *v = shorten_numbers(std::mem::take(v));
            }
            Value::Object(m)
        }
        other => other,
    }
}

/// The fields of `full` that differ from `base`.
fn diff_fields(full: &Value, base: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    if let Value::Object(f) = full {
        for (k, v) in f {
            if base.get(k) != Some(v) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

fn trim_nulls(mut row: Vec<Value>) -> Value {
    while row.last().is_some_and(Value::is_null) {
        row.pop();
    }
    Value::Array(row)
}

fn default_scenario_value() -> Value {
    let s = Scenario::default();
    serde_json::to_value(ScenarioV1 {
        duration_s: s.duration_s,
        seed: s.seed,
        traffic: s.traffic,
        faults: Vec::new(),
    })
    .unwrap_or(Value::Null)
}

/// The compact payload of a v1 document.
pub fn encode(file: &FileV1) -> Value {
    let mut root = Map::new();
    root.insert("n".into(), Value::from(file.next_id));
    if !file.groups.is_empty() {
        let groups = file
            .groups
            .iter()
            .map(|g| {
                Value::Array(vec![
                    Value::from(g.id),
                    Value::from(g.name.clone()),
                    index_of(&Region::ALL, &g.region),
                    num(g.x),
                    num(g.y),
                    num(g.width),
                    num(g.height),
                ])
            })
            .collect();
        root.insert("g".into(), Value::Array(groups));
    }
    let mut kinds = SortedMap::new();
    let mut components = Vec::with_capacity(file.components.len());
    for c in &file.components {
        let kind = parse_kind(&c.kind);
        if let Some(k) = kind {
            kinds.insert(c.id, k);
        }
        let label = match kind {
            Some(k) if default_label(k) == c.label => Value::Null,
            _ => Value::from(c.label.clone()),
        };
        let config = match kind {
            Some(k) => {
                let diff = diff_fields(&c.config, &config_to_value(&k.default_config()));
                if diff.is_empty() {
                    Value::Null
                } else {
                    Value::Object(diff)
                }
            }
            None => c.config.clone(),
        };
        components.push(trim_nulls(vec![
            Value::from(c.id),
            index_of(&ComponentKind::ALL, &c.kind),
            num(c.x),
            num(c.y),
            label,
            c.group.map_or(Value::Null, Value::from),
            config,
        ]));
    }
    root.insert("c".into(), Value::Array(components));
    let wires = file
        .wires
        .iter()
        .map(|w| {
            let implied = kinds
                .get(&w.to)
                .and_then(|k| k.input())
                .is_some_and(|p| parse_in_port(&w.to_port) == Some(p));
            let mut row = vec![
                Value::from(w.id),
                Value::from(w.from),
                index_of(&OutPort::ALL, &w.from_port),
                Value::from(w.to),
            ];
            if !implied {
                row.push(index_of(&InPort::ALL, &w.to_port));
            }
            Value::Array(row)
        })
        .collect();
    root.insert("w".into(), Value::Array(wires));
    let scenario = serde_json::to_value(&file.scenario).unwrap_or(Value::Null);
    let diff = diff_fields(&scenario, &default_scenario_value());
    if !diff.is_empty() {
        root.insert("s".into(), Value::Object(diff));
    }
    shorten_numbers(Value::Object(root))
}

/// The label a link leaves out because it is the default: part of the v1 link format, so it
/// stays these words whatever the screen's language (a card a Korean user adds keeps its
/// Korean label in the link).
fn default_label(kind: ComponentKind) -> &'static str {
    match kind {
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

/// Reads positional rows with precise errors.
struct Row<'a> {
    items: &'a [Value],
    place: Place,
}

impl<'a> Row<'a> {
    fn new(v: &'a Value, place: Place, min: usize) -> Result<Row<'a>, ShareError> {
        match v {
            Value::Array(items) if items.len() >= min => Ok(Row { items, place }),
            _ => Err(ShareError::Invalid {
                place,
                problem: Problem::RowTooShort { min },
            }),
        }
    }

    fn bad(&self, field: &'static str, expected: Expected) -> ShareError {
        ShareError::Invalid {
            place: self.place,
            problem: Problem::FieldShouldBe { field, expected },
        }
    }

    fn opt(&self, i: usize) -> Option<&'a Value> {
        self.items.get(i).filter(|v| !v.is_null())
    }

    fn u32(&self, i: usize, field: &'static str) -> Result<u32, ShareError> {
        self.opt(i)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.bad(field, Expected::WholeNumber))
    }

    fn index(&self, i: usize, field: &'static str) -> Result<usize, ShareError> {
        self.opt(i)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| self.bad(field, Expected::Index))
    }

    fn f64(&self, i: usize, field: &'static str) -> Result<f64, ShareError> {
        self.opt(i)
            .and_then(Value::as_f64)
            .ok_or_else(|| self.bad(field, Expected::Number))
    }

    fn string(&self, i: usize, field: &'static str) -> Result<String, ShareError> {
        self.opt(i)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| self.bad(field, Expected::Text))
    }

    fn extra(&self, max: usize, warnings: &mut Vec<ImportWarning>) {
        if self.items.len() > max {
            warnings.push(ImportWarning::TrailingValues {
                place: self.place,
                count: self.items.len() - max,
            });
        }
    }
}

fn rows<'a>(
    root: &'a Map<String, Value>,
    key: &str,
    limit: usize,
    what: Thing,
) -> Result<&'a [Value], ShareError> {
    match root.get(key) {
        None => Ok(&[]),
        Some(Value::Array(items)) if items.len() > limit => {
            Err(ShareError::TooMany { what, limit })
        }
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(ShareError::Corrupted),
    }
}

fn name_at<T: serde::Serialize>(all: &[T], i: usize) -> Option<String> {
    match all.get(i).map(serde_json::to_value) {
        Some(Ok(Value::String(s))) => Some(s),
        _ => None,
    }
}

/// Reads a compact payload into the v1 document it stands for.
pub fn decode(value: Value, warnings: &mut Vec<ImportWarning>) -> Result<FileV1, ShareError> {
    let Value::Object(root) = value else {
        return Err(ShareError::Corrupted);
    };
    for key in root.keys() {
        if !matches!(key.as_str(), "n" | "g" | "c" | "w" | "s") {
            warnings.push(ImportWarning::UnknownField {
                place: Place::Link,
                field: key.clone(),
            });
        }
    }
    let next_id = root
        .get("n")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or(ShareError::Invalid {
            place: Place::Link,
            problem: Problem::IdCounter,
        })?;

    let mut groups = Vec::new();
    for (n, v) in rows(&root, "g", super::MAX_GROUPS, Thing::Datacenter)?
        .iter()
        .enumerate()
    {
        let r = Row::new(v, Place::DatacenterAt(n), 7)?;
        let region_index = r.index(2, "region")?;
        groups.push(GroupV1 {
            id: r.u32(0, "id")?,
            name: r.string(1, "name")?,
            region: name_at(&Region::ALL, region_index).ok_or(ShareError::Invalid {
                place: r.place,
                problem: Problem::UnknownRegionIndex {
                    index: region_index,
                },
            })?,
            x: r.f64(3, "x")?,
            y: r.f64(4, "y")?,
            width: r.f64(5, "width")?,
            height: r.f64(6, "height")?,
        });
        r.extra(7, warnings);
    }

    let mut kinds = SortedMap::new();
    let mut components = Vec::new();
    for (n, v) in rows(&root, "c", super::MAX_COMPONENTS, Thing::Component)?
        .iter()
        .enumerate()
    {
        let r = Row::new(v, Place::ComponentAt(n), 4)?;
        let id = r.u32(0, "id")?;
        let kind_index = r.index(1, "kind")?;
        let kind = name_at(&ComponentKind::ALL, kind_index)
            .and_then(|name| parse_kind(&name))
            .ok_or_else(|| ShareError::UnknownKind {
                component: id,
                kind: format!("#{kind_index}"),
            })?;
        kinds.insert(id, kind);
        let label = match r.opt(4) {
            None => default_label(kind).to_string(),
            Some(_) => r.string(4, "label")?,
        };
        let group = match r.opt(5) {
            None => None,
            Some(_) => Some(r.u32(5, "group")?),
        };
        let config = match r.opt(6) {
            None => Value::Null,
            Some(Value::Object(m)) => Value::Object(m.clone()),
            Some(_) => return Err(r.bad("config", Expected::Object)),
        };
        r.extra(7, warnings);
        components.push(ComponentV1 {
            id,
            kind: super::v1::kind_name(kind),
            label,
            x: r.f64(2, "x")?,
            y: r.f64(3, "y")?,
            group,
            config,
        });
    }

    let mut wires = Vec::new();
    for (n, v) in rows(&root, "w", super::MAX_WIRES, Thing::Wire)?
        .iter()
        .enumerate()
    {
        let r = Row::new(v, Place::WireAt(n), 4)?;
        let id = r.u32(0, "id")?;
        let from = r.u32(1, "from")?;
        let port_index = r.index(2, "from_port")?;
        let to = r.u32(3, "to")?;
        let from_port = name_at(&OutPort::ALL, port_index)
            .filter(|name| parse_out_port(name).is_some())
            .ok_or_else(|| r.bad("from_port", Expected::KnownOutPort))?;
        let to_port = match r.opt(4) {
            Some(_) => {
                let i = r.index(4, "to_port")?;
                name_at(&InPort::ALL, i).ok_or_else(|| r.bad("to_port", Expected::KnownInPort))?
            }
            None => {
                let kind = kinds.get(&to).ok_or(ShareError::DanglingWire {
                    wire: id,
                    end: WireEnd::End,
                    component: to,
                })?;
                let port = kind.input().ok_or(ShareError::Invalid {
                    place: r.place,
                    problem: Problem::NoInput { kind: *kind },
                })?;
                name_at(
                    &InPort::ALL,
                    InPort::ALL.iter().position(|p| *p == port).unwrap_or(0),
                )
                .unwrap_or_default()
            }
        };
        r.extra(5, warnings);
        wires.push(WireV1 {
            id,
            from,
            from_port,
            to,
            to_port,
        });
    }

    let scenario = match root.get("s") {
        None => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(ShareError::Corrupted),
    };
    let merged = merge_fields(default_scenario_value(), &scenario);
    let parsed: ScenarioV1 =
        serde_json::from_value(merged.clone()).map_err(|e| ShareError::Invalid {
            place: Place::Scenario,
            problem: Problem::unreadable(e.to_string(), &merged),
        })?;
    if parsed.faults.len() > super::MAX_FAULTS {
        return Err(ShareError::TooMany {
            what: Thing::Fault,
            limit: super::MAX_FAULTS,
        });
    }
    if let Ok(canonical) = serde_json::to_value(&parsed) {
        let mut keys = Vec::new();
        unknown_keys(&merged, &canonical, "", &mut keys);
        for k in keys {
            warnings.push(ImportWarning::UnknownField {
                place: Place::Scenario,
                field: k,
            });
        }
    }
    Ok(FileV1 {
        format: super::v1::FORMAT_MARKER.to_string(),
        version: super::FORMAT_VERSION,
        next_id,
        groups,
        components,
        wires,
        scenario: parsed,
    })
}
