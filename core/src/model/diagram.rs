//! The diagram document: components, wires between typed ports, datacenters and the scenario.
//!
//! Invariants the mutation helpers keep (and the `share` module checks on import):
//! - ids are unique within components, within wires and within groups, and all are below
//!   [`Diagram::next_id`], one counter shared by every id type, so a removed id is never reused
//!   (an undo can put the exact same id back);
//! - a component's config variant matches its kind;
//! - a wire's ends name existing components and ports those components' kinds have;
//! - a component's group, when set, exists; a fault's target exists.
//!
//! Helpers are total: lookups return `Option`, edits return `Option` or `Result` with the value
//! they replaced or removed so the editor can build inverse commands, and none of them panics.
//! Whether a connection makes sense (a CDN must not receive dynamic requests...) is not checked
//! here but by [`crate::model::rules::check_connection`], which the editor calls first.

use serde::{Deserialize, Serialize};

use super::catalogue::ComponentKind;
use super::config::ComponentConfig;
use super::ports::{InPort, OutPort};
use super::scenario::{FaultTarget, Scenario};

/// Identifies a component within its diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ComponentId(pub u32);

/// Identifies a wire within its diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WireId(pub u32);

/// Identifies a group (a datacenter) within its diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GroupId(pub u32);

/// A position in world units (the canvas before camera zoom and pan).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// An axis-aligned rectangle in world units: top-left corner and size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// Whether `p` lies inside or on the border.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.x + self.width && p.y >= self.y && p.y <= self.y + self.height
    }
}

/// A geographic region, for users and datacenters (GeoDNS routes users to the nearest).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    NorthAmerica,
    SouthAmerica,
    Europe,
    Asia,
    Oceania,
}

impl Region {
    /// Every region, in a stable order (used by compact encodings).
    pub const ALL: [Region; 5] = [
        Region::NorthAmerica,
        Region::SouthAmerica,
        Region::Europe,
        Region::Asia,
        Region::Oceania,
    ];

    /// Typical network round trip between a client in `self` and a datacenter in `other`, in
    /// milliseconds: a few tens within a region, about 150 across continents.
    pub fn round_trip_ms(self, other: Region) -> f64 {
        use Region::*;
        let (a, b) = if self <= other {
            (self, other)
        } else {
            (other, self)
        };
        match (a, b) {
            _ if a == b => 20.0,
            (NorthAmerica, SouthAmerica) => 120.0,
            (NorthAmerica, Europe) => 80.0,
            (NorthAmerica, Asia) => 150.0,
            (NorthAmerica, Oceania) => 160.0,
            (SouthAmerica, Europe) => 190.0,
            (SouthAmerica, Asia) => 280.0,
            (SouthAmerica, Oceania) => 250.0,
            (Europe, Asia) => 150.0,
            (Europe, Oceania) => 250.0,
            (Asia, Oceania) => 110.0,
            _ => 150.0,
        }
    }

    /// One-way network delay between two datacenters, in milliseconds: half the round trip
    /// between their regions, or a hop inside one datacenter's network when they share a
    /// region (or either has none).
    pub fn one_way_ms(a: Option<Region>, b: Option<Region>) -> f64 {
        match (a, b) {
            (Some(a), Some(b)) if a != b => a.round_trip_ms(b) / 2.0,
            _ => super::config::SAME_DC_RTT_MS / 2.0,
        }
    }
}

/// One building block on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Component {
    pub id: ComponentId,
    pub kind: ComponentKind,
    /// The name on its card ("Web tier (Seoul)").
    pub label: String,
    /// Centre of its card.
    pub pos: Point,
    /// The datacenter it belongs to, if any.
    pub group: Option<GroupId>,
    /// Its settings; the variant matches `kind`.
    pub config: ComponentConfig,
}

impl Component {
    /// A component of `kind` named `label`, with its default config. The core has no words for
    /// the screen: the editor names a new component in the screen's language
    /// (`say::kind_name`), a file or an example brings its own label.
    pub fn new(id: ComponentId, kind: ComponentKind, label: impl Into<String>, pos: Point) -> Self {
        Component {
            id,
            kind,
            label: label.into(),
            pos,
            group: None,
            config: kind.default_config(),
        }
    }
}

/// The outgoing end of a wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OutPortRef {
    pub component: ComponentId,
    pub port: OutPort,
}

/// The incoming end of a wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InPortRef {
    pub component: ComponentId,
    pub port: InPort,
}

/// A directed connection: traffic of the `from` port's role flows to the `to` component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wire {
    pub id: WireId,
    pub from: OutPortRef,
    pub to: InPortRef,
}

/// A datacenter: a named region on the canvas holding components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    pub region: Region,
    pub bounds: Rect,
}

/// Why an edit was refused; `present::say::edit_error` words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    UnknownComponent(ComponentId),
    UnknownWire(WireId),
    UnknownGroup(GroupId),
    DuplicateComponent(ComponentId),
    DuplicateWire(WireId),
    DuplicateGroup(GroupId),
    /// The config's kind is not the component's kind.
    ConfigKindMismatch {
        component: ComponentKind,
        config: ComponentKind,
    },
    /// A wire end names a port its component's kind does not have.
    NoSuchOutPort(ComponentKind, OutPort),
    NoSuchInPort(ComponentKind, InPort),
    /// A fault targets something that does not exist.
    UnknownFaultTarget(FaultTarget),
    /// The id counter is exhausted (more than four billion ids handed out).
    IdsExhausted,
}

/// What [`Diagram::remove_component`] took out, with positions, so it can be put back exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedComponent {
    /// Index the component had in [`Diagram::components`].
    pub index: usize,
    pub component: Component,
    /// Its wires, with the indexes they had in [`Diagram::wires`], in increasing index order.
    pub wires: Vec<(usize, Wire)>,
    /// Faults aimed at it or at its wires, with their indexes in the scenario, increasing.
    pub faults: Vec<(usize, super::scenario::Fault)>,
}

/// What [`Diagram::remove_wire`] took out.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedWire {
    pub index: usize,
    pub wire: Wire,
    pub faults: Vec<(usize, super::scenario::Fault)>,
}

/// What [`Diagram::remove_group`] took out: the group, the members it had, and its faults.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedGroup {
    pub index: usize,
    pub group: Group,
    pub members: Vec<ComponentId>,
    pub faults: Vec<(usize, super::scenario::Fault)>,
}

/// The whole document: what is saved, shared and simulated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagram {
    /// Components in drawing order (later ones on top).
    pub components: Vec<Component>,
    pub wires: Vec<Wire>,
    pub groups: Vec<Group>,
    pub scenario: Scenario,
    /// Next id to hand out; above every id in use, of any type.
    pub next_id: u32,
}

impl Diagram {
    /// An empty diagram with the default scenario.
    pub fn new() -> Self {
        Diagram::default()
    }

    // ----- lookups -----

    /// The active users of every population together (a population given as a bare rate
    /// counting as [`UserLoad::active_users`] users): what the growth profile's user counts
    /// replace, each population keeping its share.
    ///
    /// [`UserLoad::active_users`]: super::config::UserLoad::active_users
    pub fn active_users(&self) -> f64 {
        self.components
            .iter()
            .map(|c| match &c.config {
                ComponentConfig::Users(u) => u.load.active_users(),
                _ => 0.0,
            })
            .sum()
    }

    pub fn component(&self, id: ComponentId) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    pub fn component_mut(&mut self, id: ComponentId) -> Option<&mut Component> {
        self.components.iter_mut().find(|c| c.id == id)
    }

    pub fn wire(&self, id: WireId) -> Option<&Wire> {
        self.wires.iter().find(|w| w.id == id)
    }

    pub fn group(&self, id: GroupId) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The region of the datacenter component `id` sits in, if it sits in one.
    pub fn region_of(&self, id: ComponentId) -> Option<Region> {
        let g = self.component(id)?.group?;
        self.group(g).map(|g| g.region)
    }

    pub fn group_mut(&mut self, id: GroupId) -> Option<&mut Group> {
        self.groups.iter_mut().find(|g| g.id == id)
    }

    /// Wires touching `id` at either end, in wire order.
    pub fn wires_of(&self, id: ComponentId) -> impl Iterator<Item = &Wire> + '_ {
        self.wires
            .iter()
            .filter(move |w| w.from.component == id || w.to.component == id)
    }

    /// Wires leaving `id`, in wire order.
    pub fn wires_from(&self, id: ComponentId) -> impl Iterator<Item = &Wire> + '_ {
        self.wires.iter().filter(move |w| w.from.component == id)
    }

    /// Wires arriving at `id`, in wire order.
    pub fn wires_into(&self, id: ComponentId) -> impl Iterator<Item = &Wire> + '_ {
        self.wires.iter().filter(move |w| w.to.component == id)
    }

    /// Components in group `id`, in drawing order.
    pub fn members_of(&self, id: GroupId) -> impl Iterator<Item = &Component> + '_ {
        self.components.iter().filter(move |c| c.group == Some(id))
    }

    /// The wire from `from` to `to`, if there is one.
    pub fn find_wire(&self, from: OutPortRef, to: InPortRef) -> Option<&Wire> {
        self.wires.iter().find(|w| w.from == from && w.to == to)
    }

    /// Whether the target of a fault exists.
    pub fn has_target(&self, target: FaultTarget) -> bool {
        match target {
            FaultTarget::Component(id) => self.component(id).is_some(),
            FaultTarget::Group(id) => self.group(id).is_some(),
            FaultTarget::Wire(id) => self.wire(id).is_some(),
        }
    }

    // ----- ids -----

    fn fresh_raw(&mut self) -> Option<u32> {
        let id = self.next_id;
        self.next_id = id.checked_add(1)?;
        Some(id)
    }

    /// Hands out a new component id; `None` only once four billion ids are used up.
    pub fn fresh_component_id(&mut self) -> Option<ComponentId> {
        self.fresh_raw().map(ComponentId)
    }

    pub fn fresh_wire_id(&mut self) -> Option<WireId> {
        self.fresh_raw().map(WireId)
    }

    pub fn fresh_group_id(&mut self) -> Option<GroupId> {
        self.fresh_raw().map(GroupId)
    }

    fn bump_past(&mut self, raw: u32) {
        self.next_id = self.next_id.max(raw.saturating_add(1));
    }

    // ----- components -----

    /// Adds a new `kind` component named `label` at `pos` with default settings; returns its id.
    pub fn add_component(
        &mut self,
        kind: ComponentKind,
        label: impl Into<String>,
        pos: Point,
    ) -> Result<ComponentId, EditError> {
        let id = self.fresh_component_id().ok_or(EditError::IdsExhausted)?;
        self.components.push(Component::new(id, kind, label, pos));
        Ok(id)
    }

    /// Appends `component` (its id must be free, its config must match its kind, its group must
    /// exist).
    pub fn insert_component(&mut self, component: Component) -> Result<(), EditError> {
        let index = self.components.len();
        self.insert_component_at(index, component)
    }

    /// Inserts `component` at `index` in drawing order (clamped to the end).
    pub fn insert_component_at(
        &mut self,
        index: usize,
        component: Component,
    ) -> Result<(), EditError> {
        if self.component(component.id).is_some() {
            return Err(EditError::DuplicateComponent(component.id));
        }
        if component.config.kind() != component.kind {
            return Err(EditError::ConfigKindMismatch {
                component: component.kind,
                config: component.config.kind(),
            });
        }
        if let Some(g) = component.group
            && self.group(g).is_none()
        {
            return Err(EditError::UnknownGroup(g));
        }
        self.bump_past(component.id.0);
        let index = index.min(self.components.len());
        self.components.insert(index, component);
        Ok(())
    }

    /// Removes a component with its wires and the faults aimed at either.
    pub fn remove_component(&mut self, id: ComponentId) -> Option<RemovedComponent> {
        let index = self.components.iter().position(|c| c.id == id)?;
        let component = self.components.remove(index);
        let mut wires = Vec::new();
        let mut kept = Vec::with_capacity(self.wires.len());
        for (i, w) in std::mem::take(&mut self.wires).into_iter().enumerate() {
            if w.from.component == id || w.to.component == id {
                wires.push((i, w));
            } else {
                kept.push(w);
            }
        }
        self.wires = kept;
        let faults = self.scenario.take_faults(|t| match t {
            FaultTarget::Component(c) => c == id,
            FaultTarget::Wire(w) => wires.iter().any(|(_, x)| x.id == w),
            FaultTarget::Group(_) => false,
        });
        Some(RemovedComponent {
            index,
            component,
            wires,
            faults,
        })
    }

    /// Puts back what [`Diagram::remove_component`] took out, at the same positions (the undo
    /// of a removal). Refused if something now clashes with it.
    pub fn restore_component(&mut self, removed: RemovedComponent) -> Result<(), EditError> {
        let RemovedComponent {
            index,
            component,
            wires,
            faults,
        } = removed;
        let id = component.id;
        self.insert_component_at(index, component)?;
        let saved_wires = self.wires.clone();
        for (i, w) in wires {
            if let Err(e) = self.insert_wire_at(i, w) {
                // Roll back so a refused restore changes nothing.
                self.wires = saved_wires;
                self.components.retain(|c| c.id != id);
                return Err(e);
            }
        }
        self.scenario.put_back_faults(faults);
        Ok(())
    }

    /// Moves a component; returns its previous position.
    pub fn set_position(&mut self, id: ComponentId, pos: Point) -> Option<Point> {
        let c = self.component_mut(id)?;
        Some(std::mem::replace(&mut c.pos, pos))
    }

    /// Renames a component; returns its previous label.
    pub fn set_label(&mut self, id: ComponentId, label: String) -> Option<String> {
        let c = self.component_mut(id)?;
        Some(std::mem::replace(&mut c.label, label))
    }

    /// Replaces a component's settings; returns the previous ones. The variant must match.
    pub fn set_config(
        &mut self,
        id: ComponentId,
        config: ComponentConfig,
    ) -> Result<ComponentConfig, EditError> {
        let c = self
            .component_mut(id)
            .ok_or(EditError::UnknownComponent(id))?;
        if config.kind() != c.kind {
            return Err(EditError::ConfigKindMismatch {
                component: c.kind,
                config: config.kind(),
            });
        }
        Ok(std::mem::replace(&mut c.config, config))
    }

    /// Moves a component into a datacenter (or out with `None`); returns the previous group.
    pub fn set_group(
        &mut self,
        id: ComponentId,
        group: Option<GroupId>,
    ) -> Result<Option<GroupId>, EditError> {
        if let Some(g) = group
            && self.group(g).is_none()
        {
            return Err(EditError::UnknownGroup(g));
        }
        let c = self
            .component_mut(id)
            .ok_or(EditError::UnknownComponent(id))?;
        Ok(std::mem::replace(&mut c.group, group))
    }

    // ----- wires -----

    fn check_wire_ends(&self, wire: &Wire) -> Result<(), EditError> {
        let from = self
            .component(wire.from.component)
            .ok_or(EditError::UnknownComponent(wire.from.component))?;
        let to = self
            .component(wire.to.component)
            .ok_or(EditError::UnknownComponent(wire.to.component))?;
        if !from.kind.ports().has_output(wire.from.port) {
            return Err(EditError::NoSuchOutPort(from.kind, wire.from.port));
        }
        if !to.kind.ports().has_input(wire.to.port) {
            return Err(EditError::NoSuchInPort(to.kind, wire.to.port));
        }
        Ok(())
    }

    /// Appends `wire` (free id, existing ends with the named ports). Does not apply the
    /// connection rules: call [`crate::model::rules::check_connection`] first, or use
    /// [`Diagram::connect`].
    pub fn insert_wire(&mut self, wire: Wire) -> Result<(), EditError> {
        let index = self.wires.len();
        self.insert_wire_at(index, wire)
    }

    /// Inserts `wire` at `index` (clamped to the end).
    pub fn insert_wire_at(&mut self, index: usize, wire: Wire) -> Result<(), EditError> {
        if self.wire(wire.id).is_some() {
            return Err(EditError::DuplicateWire(wire.id));
        }
        self.check_wire_ends(&wire)?;
        self.bump_past(wire.id.0);
        let index = index.min(self.wires.len());
        self.wires.insert(index, wire);
        Ok(())
    }

    /// Wires `from` to `to` if the connection rules allow it; returns the new wire's id.
    pub fn connect(
        &mut self,
        from: OutPortRef,
        to: InPortRef,
    ) -> Result<WireId, super::rules::Refusal> {
        super::rules::check_connection(self, from, to)?;
        let id = self
            .fresh_wire_id()
            .ok_or(super::rules::Refusal::IdsExhausted)?;
        self.wires.push(Wire { id, from, to });
        Ok(id)
    }

    /// Removes a wire and the faults aimed at it.
    pub fn remove_wire(&mut self, id: WireId) -> Option<RemovedWire> {
        let index = self.wires.iter().position(|w| w.id == id)?;
        let wire = self.wires.remove(index);
        let faults = self
            .scenario
            .take_faults(|t| matches!(t, FaultTarget::Wire(w) if w == id));
        Some(RemovedWire {
            index,
            wire,
            faults,
        })
    }

    /// Puts back what [`Diagram::remove_wire`] took out.
    pub fn restore_wire(&mut self, removed: RemovedWire) -> Result<(), EditError> {
        self.insert_wire_at(removed.index, removed.wire)?;
        self.scenario.put_back_faults(removed.faults);
        Ok(())
    }

    // ----- groups -----

    /// Appends a datacenter (free id).
    pub fn insert_group(&mut self, group: Group) -> Result<(), EditError> {
        if self.group(group.id).is_some() {
            return Err(EditError::DuplicateGroup(group.id));
        }
        self.bump_past(group.id.0);
        self.groups.push(group);
        Ok(())
    }

    /// Moves or resizes a datacenter; returns its previous bounds.
    pub fn set_group_bounds(&mut self, id: GroupId, bounds: Rect) -> Option<Rect> {
        let g = self.group_mut(id)?;
        Some(std::mem::replace(&mut g.bounds, bounds))
    }

    /// Renames a datacenter; returns its previous name.
    pub fn rename_group(&mut self, id: GroupId, name: String) -> Option<String> {
        let g = self.group_mut(id)?;
        Some(std::mem::replace(&mut g.name, name))
    }

    /// Removes a datacenter: its members stay, outside any group; faults aimed at it go.
    pub fn remove_group(&mut self, id: GroupId) -> Option<RemovedGroup> {
        let index = self.groups.iter().position(|g| g.id == id)?;
        let group = self.groups.remove(index);
        let mut members = Vec::new();
        for c in &mut self.components {
            if c.group == Some(id) {
                c.group = None;
                members.push(c.id);
            }
        }
        let faults = self
            .scenario
            .take_faults(|t| matches!(t, FaultTarget::Group(g) if g == id));
        Some(RemovedGroup {
            index,
            group,
            members,
            faults,
        })
    }

    /// Puts back what [`Diagram::remove_group`] took out (members that still exist rejoin it).
    pub fn restore_group(&mut self, removed: RemovedGroup) -> Result<(), EditError> {
        if self.group(removed.group.id).is_some() {
            return Err(EditError::DuplicateGroup(removed.group.id));
        }
        let id = removed.group.id;
        self.bump_past(id.0);
        let index = removed.index.min(self.groups.len());
        self.groups.insert(index, removed.group);
        for m in removed.members {
            if let Some(c) = self.component_mut(m) {
                c.group = Some(id);
            }
        }
        self.scenario.put_back_faults(removed.faults);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::{CacheConfig, DatabaseConfig};
    use crate::model::scenario::{Fault, FaultAction};

    fn web_cache_db() -> (Diagram, ComponentId, ComponentId, ComponentId) {
        let mut d = Diagram::new();
        let web = d
            .add_component(
                ComponentKind::WebServers,
                "WebServers",
                Point::new(0.0, 0.0),
            )
            .unwrap();
        let cache = d
            .add_component(ComponentKind::Cache, "Cache", Point::new(100.0, 0.0))
            .unwrap();
        let db = d
            .add_component(ComponentKind::Database, "Database", Point::new(200.0, 0.0))
            .unwrap();
        d.connect(
            OutPortRef {
                component: web,
                port: OutPort::Data,
            },
            InPortRef {
                component: cache,
                port: InPort::Data,
            },
        )
        .unwrap();
        d.connect(
            OutPortRef {
                component: cache,
                port: OutPort::Miss,
            },
            InPortRef {
                component: db,
                port: InPort::Data,
            },
        )
        .unwrap();
        (d, web, cache, db)
    }

    #[test]
    fn ids_are_never_reused_across_kinds_or_after_removal() {
        let (mut d, _, cache, _) = web_cache_db();
        assert_eq!(d.next_id, 5);
        d.remove_component(cache).unwrap();
        let next = d.fresh_component_id().unwrap();
        assert_eq!(next, ComponentId(5));
        d.next_id = u32::MAX;
        assert_eq!(d.fresh_wire_id(), None);
        assert_eq!(
            d.add_component(ComponentKind::Dns, "Dns", Point::default()),
            Err(EditError::IdsExhausted)
        );
    }

    #[test]
    fn removing_a_component_takes_its_wires_and_faults_and_restoring_puts_them_back_exactly() {
        let (mut d, _, cache, _) = web_cache_db();
        let wire = d.wires[1].id;
        d.scenario.faults.push(Fault {
            at_s: 10.0,
            action: FaultAction::FlushCache,
            target: FaultTarget::Component(cache),
        });
        d.scenario.faults.push(Fault {
            at_s: 20.0,
            action: FaultAction::CutLink,
            target: FaultTarget::Wire(wire),
        });
        let before = d.clone();
        let removed = d.remove_component(cache).unwrap();
        assert_eq!(removed.wires.len(), 2);
        assert_eq!(removed.faults.len(), 2);
        assert!(d.wires.is_empty());
        assert!(d.scenario.faults.is_empty());
        d.restore_component(removed).unwrap();
        assert_eq!(d, before);
        assert!(d.remove_component(ComponentId(77)).is_none());
    }

    #[test]
    fn a_refused_restore_changes_nothing() {
        let (mut d, web, cache, db) = web_cache_db();
        let removed = d.remove_component(cache).unwrap();
        d.remove_component(db).unwrap();
        let before = d.clone();
        assert_eq!(
            d.restore_component(removed),
            Err(EditError::UnknownComponent(db))
        );
        assert_eq!(d, before);
        assert!(d.component(web).is_some());
    }

    #[test]
    fn edits_return_what_they_replaced_and_refuse_mismatches() {
        let (mut d, web, cache, _) = web_cache_db();
        assert_eq!(
            d.set_position(web, Point::new(5.0, 6.0)),
            Some(Point::new(0.0, 0.0))
        );
        assert_eq!(
            d.set_config(cache, ComponentConfig::Database(DatabaseConfig::default())),
            Err(EditError::ConfigKindMismatch {
                component: ComponentKind::Cache,
                config: ComponentKind::Database
            })
        );
        let bigger = ComponentConfig::Cache(CacheConfig {
            capacity_keys: 5_000,
            ..CacheConfig::default()
        });
        assert_eq!(
            d.set_config(cache, bigger.clone()),
            Ok(ComponentKind::Cache.default_config())
        );
        assert_eq!(d.component(cache).map(|c| &c.config), Some(&bigger));
        assert_eq!(
            d.set_group(web, Some(GroupId(42))),
            Err(EditError::UnknownGroup(GroupId(42)))
        );
        assert_eq!(d.wires_of(cache).count(), 2);
        assert_eq!(d.wires_from(cache).count(), 1);
        assert_eq!(d.wires_into(cache).count(), 1);
    }

    #[test]
    fn removing_a_group_releases_members_and_restoring_rejoins_them() {
        let (mut d, web, _, _) = web_cache_db();
        let g = d.fresh_group_id().unwrap();
        d.insert_group(Group {
            id: g,
            name: "DC1".into(),
            region: Region::Asia,
            bounds: Rect::new(0.0, 0.0, 500.0, 300.0),
        })
        .unwrap();
        assert_eq!(d.set_group(web, Some(g)), Ok(None));
        assert_eq!(
            d.set_group_bounds(g, Rect::new(1.0, 2.0, 3.0, 4.0)),
            Some(Rect::new(0.0, 0.0, 500.0, 300.0))
        );
        assert_eq!(d.rename_group(g, "Seoul".into()), Some("DC1".into()));
        assert_eq!(d.rename_group(GroupId(999), "x".into()), None);
        let before = d.clone();
        let removed = d.remove_group(g).unwrap();
        assert_eq!(removed.members, vec![web]);
        assert_eq!(d.component(web).unwrap().group, None);
        d.restore_group(removed).unwrap();
        assert_eq!(d, before);
    }

    #[test]
    fn inserting_a_wire_checks_ends_and_ports_but_not_rules() {
        let (mut d, web, cache, _) = web_cache_db();
        let id = d.fresh_wire_id().unwrap();
        let bad_port = Wire {
            id,
            from: OutPortRef {
                component: cache,
                port: OutPort::Logs,
            },
            to: InPortRef {
                component: web,
                port: InPort::Requests,
            },
        };
        assert_eq!(
            d.insert_wire(bad_port),
            Err(EditError::NoSuchOutPort(
                ComponentKind::Cache,
                OutPort::Logs
            ))
        );
        let against_rules = Wire {
            id,
            from: OutPortRef {
                component: cache,
                port: OutPort::Miss,
            },
            to: InPortRef {
                component: web,
                port: InPort::Requests,
            },
        };
        assert_eq!(d.insert_wire(against_rules), Ok(()));
        assert_eq!(
            d.insert_wire(against_rules),
            Err(EditError::DuplicateWire(id))
        );
    }
}

#[cfg(test)]
mod region_tests {
    use super::*;

    #[test]
    fn round_trips_are_symmetric_and_cross_continent_is_about_150_ms() {
        for a in Region::ALL {
            assert_eq!(a.round_trip_ms(a), 20.0);
            for b in Region::ALL {
                assert_eq!(a.round_trip_ms(b), b.round_trip_ms(a));
            }
        }
        assert_eq!(Region::NorthAmerica.round_trip_ms(Region::Asia), 150.0);
    }
}
