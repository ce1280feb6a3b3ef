//! The selection: which components, wires and datacenters the user has picked.
//!
//! Session state, like the camera: it never enters the undo history or the file, and changing
//! it never clears redo. Sets are ordered ([`SortedSet`]) so anything iterating a selection is
//! deterministic. After an edit or an undo the editor prunes ids that no longer exist.

use crate::sorted::SortedSet;

use crate::model::{ComponentId, Diagram, FaultTarget, GroupId, WireId};

/// The picked items, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub components: SortedSet<ComponentId>,
    pub wires: SortedSet<WireId>,
    pub groups: SortedSet<GroupId>,
}

/// The set of `items`, each once.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> SortedSet<T> {
    SortedSet::from_iter(items)
}

/// One selectable item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selectable {
    Component(ComponentId),
    Wire(WireId),
    Group(GroupId),
}

/// A selected item is also something a fault can hit.
impl From<Selectable> for FaultTarget {
    fn from(item: Selectable) -> Self {
        match item {
            Selectable::Component(id) => FaultTarget::Component(id),
            Selectable::Wire(id) => FaultTarget::Wire(id),
            Selectable::Group(id) => FaultTarget::Group(id),
        }
    }
}

impl Selection {
    /// A selection of exactly one item.
    pub fn only(item: Selectable) -> Self {
        let mut s = Selection::default();
        s.insert(item);
        s
    }

    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.wires.is_empty() && self.groups.is_empty()
    }

    /// Number of selected items of all sorts.
    pub fn len(&self) -> usize {
        self.components.len() + self.wires.len() + self.groups.len()
    }

    pub fn contains(&self, item: Selectable) -> bool {
        match item {
            Selectable::Component(id) => self.components.contains(&id),
            Selectable::Wire(id) => self.wires.contains(&id),
            Selectable::Group(id) => self.groups.contains(&id),
        }
    }

    pub fn insert(&mut self, item: Selectable) {
        match item {
            Selectable::Component(id) => {
                self.components.insert(id);
            }
            Selectable::Wire(id) => {
                self.wires.insert(id);
            }
            Selectable::Group(id) => {
                self.groups.insert(id);
            }
        }
    }

    pub fn remove(&mut self, item: Selectable) {
        match item {
            Selectable::Component(id) => {
                self.components.remove(&id);
            }
            Selectable::Wire(id) => {
                self.wires.remove(&id);
            }
            Selectable::Group(id) => {
                self.groups.remove(&id);
            }
        }
    }

    /// Adds the item if absent, removes it if present (Shift+click).
    pub fn toggle(&mut self, item: Selectable) {
        if self.contains(item) {
            self.remove(item);
        } else {
            self.insert(item);
        }
    }

    /// Everything in `self` or `other`.
    pub fn union(&self, other: &Selection) -> Selection {
        Selection {
            components: set_of(self.components.iter().chain(&other.components).copied()),
            wires: set_of(self.wires.iter().chain(&other.wires).copied()),
            groups: set_of(self.groups.iter().chain(&other.groups).copied()),
        }
    }

    /// Drops ids that no longer exist in `diagram`.
    pub fn prune(&mut self, diagram: &Diagram) {
        self.components
            .retain(|id| diagram.component(*id).is_some());
        self.wires.retain(|id| diagram.wire(*id).is_some());
        self.groups.retain(|id| diagram.group(*id).is_some());
    }

    /// Selected component ids in drawing order (the order commands should list them).
    pub fn components_in_order(&self, diagram: &Diagram) -> Vec<ComponentId> {
        diagram
            .components
            .iter()
            .map(|c| c.id)
            .filter(|id| self.components.contains(id))
            .collect()
    }
}
