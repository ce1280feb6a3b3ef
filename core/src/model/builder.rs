//! The one way code builds a diagram by hand: the teaching examples, the tests and the
//! benchmarks all go through [`DiagramBuilder`].
//!
//! ```
//! use scalelab_core::model::builder::DiagramBuilder;
//! use scalelab_core::model::{ComponentConfig, ComponentKind, OutPort, Region, Rect};
//!
//! let mut b = DiagramBuilder::new();
//! let dc = b.group(Region::Europe).name("DC1").bounds(Rect::new(0.0, 0.0, 400.0, 300.0)).id();
//! let users = b.add(ComponentKind::Users).label("Users").at(0.0, 100.0).id();
//! let web = b
//!     .add(ComponentKind::WebServers)
//!     .at(200.0, 100.0)
//!     .group(dc)
//!     .configure(|c| {
//!         if let ComponentConfig::WebServers(w) = c {
//!             w.instances = 3;
//!         }
//!     })
//!     .id();
//! b.wire(users, OutPort::Dynamic, web);
//! assert!(b.problems().is_empty());
//! let diagram = b.finish();
//! assert_eq!(diagram.wires.len(), 1);
//! ```
//!
//! Invariants: every id comes from [`Diagram`]'s own counter, in call order (groups, components
//! and wires share it), so the same calls always build the same diagram, with the same ids; and
//! every edit goes through the diagram's total mutation helpers, so a built diagram keeps the
//! document's invariants. [`DiagramBuilder::wire`] also applies the connection rules, as the
//! editor does; [`DiagramBuilder::wire_ignoring_rules`] only checks that the ports exist (for
//! benchmarks and tests that need a wiring no user could draw).
//!
//! Deliberately not here: panics. Building never fails outright; an edit the diagram refuses
//! (a wire the rules forbid, settings of another kind, a group that does not exist) is left
//! out and recorded in [`DiagramBuilder::problems`], for the caller to check. Nor does the
//! builder lay components out: a component sits where it is put (the origin by default).

use super::catalogue::ComponentKind;
use super::config::ComponentConfig;
use super::diagram::{
    ComponentId, Diagram, EditError, Group, GroupId, InPortRef, OutPortRef, Point, Rect, Region,
    Wire, WireId,
};
use super::ports::OutPort;
use super::rules::Refusal;
use super::scenario::Scenario;

/// An edit the builder left out, and why.
#[derive(Clone, Debug, PartialEq)]
pub enum BuildProblem {
    /// The diagram refused an edit (an unknown component or group, settings of another kind,
    /// no ids left, a port the kind does not have).
    Edit(EditError),
    /// A wire's target does not exist or has no input port.
    NoInput { to: ComponentId },
    /// The connection rules refused a wire.
    Refused {
        from: OutPortRef,
        to: InPortRef,
        refusal: Refusal,
    },
}

/// Builds a [`Diagram`] call by call; see the module documentation.
#[derive(Clone, Debug, Default)]
pub struct DiagramBuilder {
    diagram: Diagram,
    problems: Vec<BuildProblem>,
}

impl DiagramBuilder {
    /// Starts from an empty diagram with the default scenario.
    pub fn new() -> Self {
        DiagramBuilder::default()
    }

    /// Goes on building `diagram`: new ids continue from its `next_id`.
    pub fn on(diagram: Diagram) -> Self {
        DiagramBuilder {
            diagram,
            problems: Vec::new(),
        }
    }

    /// Adds a datacenter in `region`, named `DC <id>` and a unit square at the origin until
    /// the returned handle says otherwise.
    pub fn group(&mut self, region: Region) -> GroupBuilder<'_> {
        let Some(id) = self.diagram.fresh_group_id() else {
            self.problems
                .push(BuildProblem::Edit(EditError::IdsExhausted));
            return GroupBuilder { b: self, id: None };
        };
        let group = Group {
            id,
            name: format!("DC {}", id.0),
            region,
            bounds: Rect::new(0.0, 0.0, 1.0, 1.0),
        };
        let inserted = self.diagram.insert_group(group);
        let id = self.record(inserted).map(|()| id);
        GroupBuilder { b: self, id }
    }

    /// Adds a `kind` component with its default settings, unlabelled (the core has no words for
    /// the screen: [`ComponentBuilder::label`] names it), at the origin, outside any datacenter;
    /// the returned handle changes any of these.
    pub fn add(&mut self, kind: ComponentKind) -> ComponentBuilder<'_> {
        let added = self.diagram.add_component(kind, "", Point::default());
        let id = self.record(added);
        ComponentBuilder { b: self, id }
    }

    /// Adds users sending `rate_rps` requests a second at a steady rate (otherwise as
    /// [`DiagramBuilder::add`]), and returns their id.
    pub fn add_users_at(&mut self, rate_rps: f64) -> ComponentId {
        self.add(ComponentKind::Users)
            .configure(|c| {
                if let ComponentConfig::Users(u) = c {
                    u.load = super::config::UserLoad::Rate { rate_rps };
                }
            })
            .id()
    }

    /// A handle on a component already added, to change it further.
    pub fn component(&mut self, id: ComponentId) -> ComponentBuilder<'_> {
        let id = match self.diagram.component(id) {
            Some(_) => Some(id),
            None => {
                self.problems
                    .push(BuildProblem::Edit(EditError::UnknownComponent(id)));
                None
            }
        };
        ComponentBuilder { b: self, id }
    }

    /// Wires `from`'s `port` to `to`'s input if the connection rules allow it (as the editor
    /// does); returns the new wire's id.
    pub fn wire(&mut self, from: ComponentId, port: OutPort, to: ComponentId) -> Option<WireId> {
        let (from, to) = self.ends(from, port, to)?;
        match self.diagram.connect(from, to) {
            Ok(id) => Some(id),
            Err(refusal) => {
                self.problems
                    .push(BuildProblem::Refused { from, to, refusal });
                None
            }
        }
    }

    /// Wires `from`'s `port` to `to`'s input whatever the connection rules say (the ports must
    /// exist); returns the new wire's id.
    pub fn wire_ignoring_rules(
        &mut self,
        from: ComponentId,
        port: OutPort,
        to: ComponentId,
    ) -> Option<WireId> {
        let (from, to) = self.ends(from, port, to)?;
        let fresh = self.diagram.fresh_wire_id().ok_or(EditError::IdsExhausted);
        let id = self.record(fresh)?;
        let inserted = self.diagram.insert_wire(Wire { id, from, to });
        self.record(inserted).map(|()| id)
    }

    /// The scenario: seed, duration, traffic profile and faults.
    pub fn scenario_mut(&mut self) -> &mut Scenario {
        &mut self.diagram.scenario
    }

    /// The diagram built so far.
    pub fn diagram(&self) -> &Diagram {
        &self.diagram
    }

    /// The edits left out so far, in call order; empty when every call took effect.
    pub fn problems(&self) -> &[BuildProblem] {
        &self.problems
    }

    /// The diagram built.
    pub fn finish(self) -> Diagram {
        self.diagram
    }

    fn ends(
        &mut self,
        from: ComponentId,
        port: OutPort,
        to: ComponentId,
    ) -> Option<(OutPortRef, InPortRef)> {
        let Some(input) = self.diagram.component(to).and_then(|c| c.kind.input()) else {
            self.problems.push(BuildProblem::NoInput { to });
            return None;
        };
        Some((
            OutPortRef {
                component: from,
                port,
            },
            InPortRef {
                component: to,
                port: input,
            },
        ))
    }

    fn record<T>(&mut self, result: Result<T, EditError>) -> Option<T> {
        result
            .map_err(|e| self.problems.push(BuildProblem::Edit(e)))
            .ok()
    }
}

/// A component just added (or named with [`DiagramBuilder::component`]); each call changes it
/// in place, and [`ComponentBuilder::id`] ends the chain.
pub struct ComponentBuilder<'a> {
    b: &'a mut DiagramBuilder,
    /// `None` when the component could not be added (the problem is recorded).
    id: Option<ComponentId>,
}

impl ComponentBuilder<'_> {
    /// Its label on the canvas.
    pub fn label(self, label: impl Into<String>) -> Self {
        if let Some(id) = self.id {
            self.b.diagram.set_label(id, label.into());
        }
        self
    }

    /// The centre of its card.
    pub fn at(self, x: f64, y: f64) -> Self {
        if let Some(id) = self.id {
            self.b.diagram.set_position(id, Point::new(x, y));
        }
        self
    }

    /// The datacenter it belongs to (`None`: none).
    pub fn group(self, group: impl Into<Option<GroupId>>) -> Self {
        if let Some(id) = self.id {
            let set = self.b.diagram.set_group(id, group.into());
            self.b.record(set);
        }
        self
    }

    /// Replaces its settings (of its own kind).
    pub fn config(self, config: ComponentConfig) -> Self {
        if let Some(id) = self.id {
            let set = self.b.diagram.set_config(id, config);
            self.b.record(set);
        }
        self
    }

    /// Changes its settings in place (the closure must keep them of the component's kind).
    pub fn configure(self, change: impl FnOnce(&mut ComponentConfig)) -> Self {
        let Some(mut config) = self
            .id
            .and_then(|id| self.b.diagram.component(id))
            .map(|c| c.config.clone())
        else {
            return self;
        };
        change(&mut config);
        self.config(config)
    }

    /// Its id (`ComponentId(u32::MAX)`, which names no component, if it could not be added).
    pub fn id(self) -> ComponentId {
        self.id.unwrap_or(ComponentId(u32::MAX))
    }
}

/// A datacenter just added; each call changes it in place, and [`GroupBuilder::id`] ends the
/// chain.
pub struct GroupBuilder<'a> {
    b: &'a mut DiagramBuilder,
    /// `None` when the group could not be added (the problem is recorded).
    id: Option<GroupId>,
}

impl GroupBuilder<'_> {
    /// Its name.
    pub fn name(self, name: impl Into<String>) -> Self {
        if let Some(id) = self.id {
            self.b.diagram.rename_group(id, name.into());
        }
        self
    }

    /// Its frame on the canvas.
    pub fn bounds(self, bounds: Rect) -> Self {
        if let Some(id) = self.id {
            self.b.diagram.set_group_bounds(id, bounds);
        }
        self
    }

    /// Its id (`GroupId(u32::MAX)`, which names no group, if it could not be added).
    pub fn id(self) -> GroupId {
        self.id.unwrap_or(GroupId(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_diagram_counter_in_call_order() {
        let mut d = Diagram::new();
        d.next_id = 2;
        let mut b = DiagramBuilder::on(d);
        let dc = b.group(Region::Europe).id();
        let users = b.add(ComponentKind::Users).id();
        let web = b.add(ComponentKind::WebServers).group(dc).id();
        let wire = b.wire(users, OutPort::Dynamic, web);
        assert_eq!(
            (dc, users, web),
            (GroupId(2), ComponentId(3), ComponentId(4))
        );
        assert_eq!(wire, Some(WireId(5)));
        assert_eq!(b.diagram().next_id, 6);
        assert_eq!(b.diagram().groups[0].name, "DC 2");
        assert!(b.problems().is_empty());
    }

    #[test]
    fn refused_edits_are_left_out_and_recorded() {
        let mut b = DiagramBuilder::new();
        let users = b.add(ComponentKind::Users).id();
        let cdn = b.add(ComponentKind::Cdn).id();
        // A CDN takes static requests only.
        assert_eq!(b.wire(users, OutPort::Dynamic, cdn), None);
        assert!(matches!(b.problems(), [BuildProblem::Refused { .. }]));
        // Settings of another kind.
        let _ = b
            .component(cdn)
            .config(ComponentKind::Cache.default_config());
        assert_eq!(b.problems().len(), 2);
        assert_eq!(
            b.diagram().component(cdn).map(|c| c.config.kind()),
            Some(ComponentKind::Cdn)
        );
        // The structural wire goes in all the same.
        assert!(
            b.wire_ignoring_rules(users, OutPort::Dynamic, cdn)
                .is_some()
        );
        assert_eq!(b.finish().wires.len(), 1);
    }
}
