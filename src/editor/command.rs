//! Document commands: every change the editor makes to a [`Diagram`], each with its inverse.
//!
//! [`Command::apply`] (through [`Reversible`]) changes the diagram and returns the command that
//! undoes it exactly, down to drawing order, wire order and the scenario's faults (removals
//! carry what the model's `remove_*` helpers took out, and restoring puts it back at the same
//! indexes). Ids are handed out by the caller before the command is built, so redoing an add
//! brings back the same id; the diagram's id counter only ever grows and is deliberately not
//! rolled back by undo, so an id is never reused for something else.
//!
//! A command never panics: a stale id (a component removed since the command was built) or a
//! clash gives a [`CommandError`] and leaves the diagram untouched. Multi-part commands check
//! everything first, and if the model still refuses a part half-way they undo the parts already
//! done before returning the error.
//!
//! Commands do not apply the connection rules: the tools check `model::check_connection` before
//! building a [`Command::Connect`], and undo must be able to put back any wire that once was.
//! They do refuse what the share format would refuse to open again ([`share::check_text`],
//! [`share::check_config`], [`share::check_scenario`]): a label or a datacenter name too long,
//! settings out of range, a scenario the format does not hold. Whatever the editor makes is
//! then saved, exported and shared as something the app can open again.

use crate::model::{
    Component, ComponentConfig, ComponentId, Diagram, EditError, Group, GroupId, Point, Rect,
    Region, RemovedComponent, RemovedGroup, RemovedWire, Scenario, Wire, WireId,
};

use super::history::Reversible;
use crate::share::{self, Place, ShareError};

/// One reversible change to the diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Appends a component (its id must be free).
    AddComponent(Component),
    /// Removes components together with their wires and the faults aimed at them.
    RemoveComponents(Vec<ComponentId>),
    /// Puts back removed components exactly; the inverse of [`Command::RemoveComponents`],
    /// in removal order.
    RestoreComponents(Vec<RemovedComponent>),
    /// Moves components by a delta in world units.
    Move { ids: Vec<ComponentId>, delta: Point },
    /// Puts components at exact positions: the inverse of a move. (Moving back by the negated
    /// delta would not do: `x + d - d` can differ from `x` in its last bit.)
    Place(Vec<(ComponentId, Point)>),
    /// Adds a wire (its id must be free, its ends must exist).
    Connect(Wire),
    /// Removes a wire and the faults aimed at it.
    Disconnect(WireId),
    /// Puts back a removed wire exactly; the inverse of [`Command::Disconnect`].
    RestoreWire(RemovedWire),
    /// Replaces a component's settings; `before` must be what it has now.
    SetConfig {
        id: ComponentId,
        before: ComponentConfig,
        after: ComponentConfig,
    },
    /// Replaces the scenario (duration, seed, traffic profile, fault schedule); `before` must
    /// be the current one.
    SetScenario {
        before: Box<Scenario>,
        after: Box<Scenario>,
    },
    /// Replaces the whole document (a lesson's reference design): its inverse puts the one it
    /// replaced back.
    ReplaceDiagram(Box<Diagram>),
    /// Renames a component; `before` must be its current label.
    SetLabel {
        id: ComponentId,
        before: String,
        after: String,
    },
    /// Puts components into a datacenter or takes them out (`None`), each to its own target.
    Regroup(Vec<(ComponentId, Option<GroupId>)>),
    /// Adds a datacenter (its id must be free).
    AddGroup(Group),
    /// Removes a datacenter; its members stay, outside any datacenter.
    RemoveGroup(GroupId),
    /// Puts back a removed datacenter with its members; the inverse of [`Command::RemoveGroup`].
    RestoreGroup(RemovedGroup),
    /// Moves a datacenter frame and every component in it.
    MoveGroup { id: GroupId, delta: Point },
    /// Puts a datacenter frame and the listed members at exact places: the inverse of
    /// [`Command::MoveGroup`].
    PlaceGroup {
        id: GroupId,
        bounds: Rect,
        members: Vec<(ComponentId, Point)>,
    },
    /// Renames a datacenter; `before` must be its current name.
    RenameGroup {
        id: GroupId,
        before: String,
        after: String,
    },
    /// Moves a datacenter to another region; `before` must be its current region.
    SetGroupRegion {
        id: GroupId,
        before: Region,
        after: Region,
    },
    /// Changes a datacenter's frame; `before` must be its current bounds.
    ResizeGroup {
        id: GroupId,
        before: Rect,
        after: Rect,
    },
}

/// Why a command could not be applied. The diagram is unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum CommandError {
    /// The model refused the edit (unknown or duplicate id, mismatched config...).
    Edit(EditError),
    /// A `before` value no longer matches the document: the command is stale.
    Stale(Stale),
    /// A delta or position was not a finite number.
    NotFinite,
    /// The edit would make a document the share format refuses (so one the app could not open
    /// again): what it says of it.
    Unsavable(ShareError),
}

impl From<ShareError> for CommandError {
    fn from(e: ShareError) -> Self {
        CommandError::Unsavable(e)
    }
}

/// What changed under a stale command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stale {
    Settings,
    Scenario,
    Label,
    Position,
    DatacenterName,
    DatacenterRegion,
    DatacenterFrame,
}

impl From<EditError> for CommandError {
    fn from(e: EditError) -> Self {
        CommandError::Edit(e)
    }
}

fn finite(p: Point) -> Result<Point, CommandError> {
    if p.x.is_finite() && p.y.is_finite() {
        Ok(p)
    } else {
        Err(CommandError::NotFinite)
    }
}

fn offset(p: Point, delta: Point) -> Point {
    Point::new(p.x + delta.x, p.y + delta.y)
}

/// The current positions of `ids` (which must all exist), in the same order.
fn positions(diagram: &Diagram, ids: &[ComponentId]) -> Vec<(ComponentId, Point)> {
    ids.iter()
        .filter_map(|id| diagram.component(*id).map(|c| (*id, c.pos)))
        .collect()
}

fn place_components(diagram: &mut Diagram, places: &[(ComponentId, Point)]) {
    for (id, at) in places {
        if let Some(component) = diagram.component_mut(*id) {
            component.pos = *at;
        }
    }
}

fn same_ids(a: &[(ComponentId, Point)], b: &[(ComponentId, Point)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((x, _), (y, _))| x == y)
}

/// Every id in `ids` names a component, and none repeats.
fn check_components(diagram: &Diagram, ids: &[ComponentId]) -> Result<(), CommandError> {
    for (i, id) in ids.iter().enumerate() {
        if diagram.component(*id).is_none() {
            return Err(EditError::UnknownComponent(*id).into());
        }
        if ids[..i].contains(id) {
            return Err(EditError::DuplicateComponent(*id).into());
        }
    }
    Ok(())
}

fn move_components(diagram: &mut Diagram, ids: &[ComponentId], delta: Point) {
    for component in diagram.components.iter_mut() {
        if ids.contains(&component.id) {
            component.pos = offset(component.pos, delta);
        }
    }
}

impl Reversible for Command {
    type Target = Diagram;
    type Error = CommandError;

    fn apply(&self, diagram: &mut Diagram) -> Result<Command, CommandError> {
        match self {
            Command::AddComponent(component) => {
                finite(component.pos)?;
                let place = Place::Component(component.id.0);
                share::check_text(place, "label", &component.label)?;
                share::check_config(component.id.0, &component.config)?;
                diagram.insert_component(component.clone())?;
                Ok(Command::RemoveComponents(vec![component.id]))
            }
            Command::RemoveComponents(ids) => {
                check_components(diagram, ids)?;
                let mut removed = Vec::with_capacity(ids.len());
                for id in ids {
                    // Checked above; a `None` here would be a model bug, reported not panicked.
                    match diagram.remove_component(*id) {
                        Some(r) => removed.push(r),
                        None => {
                            restore_components(diagram, removed)?;
                            return Err(EditError::UnknownComponent(*id).into());
                        }
                    }
                }
                Ok(Command::RestoreComponents(removed))
            }
            Command::RestoreComponents(removed) => {
                let ids = removed.iter().map(|r| r.component.id).collect();
                restore_components(diagram, removed.clone())?;
                Ok(Command::RemoveComponents(ids))
            }
            Command::Move { ids, delta } => {
                finite(*delta)?;
                check_components(diagram, ids)?;
                let before = positions(diagram, ids);
                move_components(diagram, ids, *delta);
                Ok(Command::Place(before))
            }
            Command::Place(places) => {
                let ids: Vec<ComponentId> = places.iter().map(|(id, _)| *id).collect();
                check_components(diagram, &ids)?;
                for (_, at) in places {
                    finite(*at)?;
                }
                let before = positions(diagram, &ids);
                place_components(diagram, places);
                Ok(Command::Place(before))
            }
            Command::Connect(wire) => {
                diagram.insert_wire(*wire)?;
                Ok(Command::Disconnect(wire.id))
            }
            Command::Disconnect(id) => {
                let removed = diagram
                    .remove_wire(*id)
                    .ok_or(EditError::UnknownWire(*id))?;
                Ok(Command::RestoreWire(removed))
            }
            Command::RestoreWire(removed) => {
                diagram.restore_wire(removed.clone())?;
                Ok(Command::Disconnect(removed.wire.id))
            }
            Command::SetConfig { id, before, after } => {
                let current = diagram
                    .component(*id)
                    .ok_or(EditError::UnknownComponent(*id))?;
                if &current.config != before {
                    return Err(CommandError::Stale(Stale::Settings));
                }
                share::check_config(id.0, after)?;
                diagram.set_config(*id, after.clone())?;
                Ok(Command::SetConfig {
                    id: *id,
                    before: after.clone(),
                    after: before.clone(),
                })
            }
            Command::SetScenario { before, after } => {
                if diagram.scenario != **before {
                    return Err(CommandError::Stale(Stale::Scenario));
                }
                share::check_scenario(after)?;
                diagram.scenario = (**after).clone();
                Ok(Command::SetScenario {
                    before: after.clone(),
                    after: before.clone(),
                })
            }
            Command::ReplaceDiagram(next) => {
                let before = std::mem::replace(diagram, (**next).clone());
                Ok(Command::ReplaceDiagram(Box::new(before)))
            }
            Command::SetLabel { id, before, after } => {
                let current = diagram
                    .component(*id)
                    .ok_or(EditError::UnknownComponent(*id))?;
                if &current.label != before {
                    return Err(CommandError::Stale(Stale::Label));
                }
                share::check_text(Place::Component(id.0), "label", after)?;
                diagram.set_label(*id, after.clone());
                Ok(Command::SetLabel {
                    id: *id,
                    before: after.clone(),
                    after: before.clone(),
                })
            }
            Command::Regroup(changes) => {
                let ids: Vec<ComponentId> = changes.iter().map(|(id, _)| *id).collect();
                check_components(diagram, &ids)?;
                for (_, group) in changes {
                    if let Some(g) = group
                        && diagram.group(*g).is_none()
                    {
                        return Err(EditError::UnknownGroup(*g).into());
                    }
                }
                let mut inverse = Vec::with_capacity(changes.len());
                for (id, group) in changes {
                    let previous = diagram.set_group(*id, *group)?;
                    inverse.push((*id, previous));
                }
                Ok(Command::Regroup(inverse))
            }
            Command::AddGroup(group) => {
                finite(Point::new(group.bounds.x, group.bounds.y))?;
                finite(Point::new(group.bounds.width, group.bounds.height))?;
                share::check_text(Place::Datacenter(group.id.0), "name", &group.name)?;
                diagram.insert_group(group.clone())?;
                Ok(Command::RemoveGroup(group.id))
            }
            Command::RemoveGroup(id) => {
                let removed = diagram
                    .remove_group(*id)
                    .ok_or(EditError::UnknownGroup(*id))?;
                Ok(Command::RestoreGroup(removed))
            }
            Command::RestoreGroup(removed) => {
                diagram.restore_group(removed.clone())?;
                Ok(Command::RemoveGroup(removed.group.id))
            }
            Command::MoveGroup { id, delta } => {
                finite(*delta)?;
                let group = diagram.group_mut(*id).ok_or(EditError::UnknownGroup(*id))?;
                let bounds = group.bounds;
                group.bounds.x += delta.x;
                group.bounds.y += delta.y;
                let mut members = Vec::new();
                for component in diagram.components.iter_mut() {
                    if component.group == Some(*id) {
                        members.push((component.id, component.pos));
                        component.pos = offset(component.pos, *delta);
                    }
                }
                Ok(Command::PlaceGroup {
                    id: *id,
                    bounds,
                    members,
                })
            }
            Command::PlaceGroup {
                id,
                bounds,
                members,
            } => {
                finite(Point::new(bounds.x, bounds.y))?;
                let ids: Vec<ComponentId> = members.iter().map(|(id, _)| *id).collect();
                check_components(diagram, &ids)?;
                for (_, at) in members {
                    finite(*at)?;
                }
                let group = diagram.group_mut(*id).ok_or(EditError::UnknownGroup(*id))?;
                let before_bounds = std::mem::replace(&mut group.bounds, *bounds);
                let before_members = positions(diagram, &ids);
                place_components(diagram, members);
                Ok(Command::PlaceGroup {
                    id: *id,
                    bounds: before_bounds,
                    members: before_members,
                })
            }
            Command::RenameGroup { id, before, after } => {
                let group = diagram.group_mut(*id).ok_or(EditError::UnknownGroup(*id))?;
                if &group.name != before {
                    return Err(CommandError::Stale(Stale::DatacenterName));
                }
                share::check_text(Place::Datacenter(id.0), "name", after)?;
                group.name = after.clone();
                Ok(Command::RenameGroup {
                    id: *id,
                    before: after.clone(),
                    after: before.clone(),
                })
            }
            Command::SetGroupRegion { id, before, after } => {
                let group = diagram.group_mut(*id).ok_or(EditError::UnknownGroup(*id))?;
                if &group.region != before {
                    return Err(CommandError::Stale(Stale::DatacenterRegion));
                }
                group.region = *after;
                Ok(Command::SetGroupRegion {
                    id: *id,
                    before: *after,
                    after: *before,
                })
            }
            Command::ResizeGroup { id, before, after } => {
                finite(Point::new(after.x, after.y))?;
                finite(Point::new(after.width, after.height))?;
                let group = diagram.group_mut(*id).ok_or(EditError::UnknownGroup(*id))?;
                if &group.bounds != before {
                    return Err(CommandError::Stale(Stale::DatacenterFrame));
                }
                group.bounds = *after;
                Ok(Command::ResizeGroup {
                    id: *id,
                    before: *after,
                    after: *before,
                })
            }
        }
    }

    fn absorb(&mut self, newer: &Command) -> bool {
        // Both are inverses gathered during one transaction; undo runs `newer` first, then
        // `self`. Two moves of the same things add up, so a drag stays one small command.
        match (self, newer) {
            // Two placements of the same things: undoing both ends where the older one puts
            // them, so the older one alone is the combined inverse.
            (Command::Place(places), Command::Place(newer)) => same_ids(places, newer),
            (
                Command::PlaceGroup { id, members, .. },
                Command::PlaceGroup {
                    id: newer_id,
                    members: newer_members,
                    ..
                },
            ) => id == newer_id && same_ids(members, newer_members),
            (
                Command::ResizeGroup { id, before, .. },
                Command::ResizeGroup {
                    id: newer_id,
                    before: newer_before,
                    ..
                },
            ) if id == newer_id => {
                // `self` undoes A->B (before B, after A), `newer` undoes B->C (before C, after
                // B); together they undo A->C: before C, after A.
                *before = *newer_before;
                true
            }
            _ => false,
        }
    }
}

/// Restores removed components in reverse removal order (each was removed from the diagram as
/// it was after the earlier removals). On failure, removes again what it had restored.
fn restore_components(
    diagram: &mut Diagram,
    removed: Vec<RemovedComponent>,
) -> Result<(), CommandError> {
    let mut restored: Vec<ComponentId> = Vec::with_capacity(removed.len());
    for r in removed.into_iter().rev() {
        let id = r.component.id;
        if let Err(e) = diagram.restore_component(r) {
            for done in restored.iter().rev() {
                let _ = diagram.remove_component(*done);
            }
            return Err(e.into());
        }
        restored.push(id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComponentKind;

    /// Regression: undoing a move subtracted the delta again, and `0.1 + 0.2 - 0.2` is not
    /// `0.1`, so "undo everything" left positions off in their last bit.
    #[test]
    fn replacing_the_diagram_is_undone_to_the_exact_document() {
        let mut diagram = crate::model::examples::single_server();
        let original = diagram.clone();
        let other = crate::model::examples::chapter_final();
        let undo = Command::ReplaceDiagram(Box::new(other.clone()))
            .apply(&mut diagram)
            .unwrap();
        assert_eq!(diagram, other);
        undo.apply(&mut diagram).unwrap();
        assert_eq!(diagram, original);
    }

    #[test]
    fn undoing_a_move_restores_positions_to_the_last_bit() {
        let mut diagram = Diagram::new();
        let id = diagram
            .add_component(ComponentKind::Cache, "Cache", Point::new(0.1, 0.7))
            .unwrap();
        let original = diagram.clone();
        let mut undo = Vec::new();
        for delta in [Point::new(0.2, 0.1), Point::new(0.3, -0.6)] {
            let command = Command::Move {
                ids: vec![id],
                delta,
            };
            undo.push(command.apply(&mut diagram).unwrap());
        }
        assert_ne!(diagram, original);
        // Folded the way a drag's history folds them, then undone as one step.
        let mut first = undo.remove(0);
        assert!(first.absorb(&undo[0]));
        first.apply(&mut diagram).unwrap();
        assert_eq!(diagram, original);
    }

    #[test]
    fn scenario_edits_undo_exactly_and_refuse_a_stale_before() {
        let mut diagram = crate::model::examples::chapter_final();
        let original = diagram.clone();
        let mut after = diagram.scenario.clone();
        after.faults.clear();
        after.seed = 7;
        let set = Command::SetScenario {
            before: Box::new(diagram.scenario.clone()),
            after: Box::new(after.clone()),
        };
        let undo = set.apply(&mut diagram).unwrap();
        assert_eq!(diagram.scenario, after);
        // Applying the same edit again is stale: its `before` is no longer the scenario.
        assert!(matches!(
            set.apply(&mut diagram),
            Err(CommandError::Stale(Stale::Scenario))
        ));
        undo.apply(&mut diagram).unwrap();
        assert_eq!(diagram, original);
    }

    #[test]
    fn undoing_a_datacenter_move_restores_its_frame_and_members_exactly() {
        let mut diagram = crate::model::examples::chapter_final();
        let original = diagram.clone();
        let group = diagram.groups[0].id;
        let inverse = Command::MoveGroup {
            id: group,
            delta: Point::new(0.1, 0.2),
        }
        .apply(&mut diagram)
        .unwrap();
        assert_ne!(diagram, original);
        let redo = inverse.apply(&mut diagram).unwrap();
        assert_eq!(diagram, original);
        redo.apply(&mut diagram).unwrap();
        assert_ne!(diagram, original);
    }
}
