//! Document operations: every change the editor makes to the diagram, each as commands applied
//! through the history.
//!
//! The edits the inspector and the file menu ask for ([`Editor::execute`],
//! [`Editor::rename`], [`Editor::configure`], [`Editor::set_scenario`],
//! [`Editor::add_datacenter`]) are each one undo entry and are refused while a gesture holds
//! the history open. The edits gestures and actions end in (a palette drop, a wire connected,
//! a deletion, a paste, the regrouping of dropped cards) are shared here so that a button, a
//! key and a gesture that mean the same edit make the same commands. An edit of several
//! commands (a deletion, a paste) opens and commits its own mark within the call, so it
//! is one undo entry; a gesture's mark is its state's (see `pointer`).
//!
//! Invariants: after every edit the selection is pruned of ids the diagram no longer has; a
//! refused or failed edit leaves the document as it was and says why in the notice.
//!
//! Deliberately not here: when an edit happens (the gestures in `pointer`, the actions in
//! `run_actions`), and the commands themselves (`command`).

use crate::model::{
    Component, ComponentConfig, ComponentId, ComponentKind, Diagram, EditError, Group, GroupId,
    InPortRef, OutPortRef, Region, Scenario, Wire,
};

use super::clipboard;
use super::command::{Command, CommandError};
use super::geometry::{Rect, Vec2};
use super::history::HistoryError;
use super::input::{Modifiers, PaletteItem};
use super::layout;
use super::notice::{Announcement, Notice};
use super::placement;
use super::selection::{Selectable, Selection};
use super::{DATACENTER_SIZE, Editor};
use crate::present::say;

impl Editor {
    // ----- edits from outside the canvas (inspector, file menu) -----

    /// Applies a command as its own undo entry (the inspector's config edits, say). Refused
    /// while a gesture holds the history open.
    pub fn execute(&mut self, command: Command) -> Result<(), HistoryError<CommandError>> {
        if self.history.in_transaction() {
            return Err(HistoryError::TransactionOpen);
        }
        self.history.apply(&command, &mut self.diagram)?;
        self.selection.prune(&self.diagram);
        Ok(())
    }

    /// Component `id`, or the error an edit of a component that is gone gets.
    fn existing(&self, id: ComponentId) -> Result<&Component, HistoryError<CommandError>> {
        self.diagram
            .component(id)
            .ok_or(HistoryError::Command(CommandError::Edit(
                EditError::UnknownComponent(id),
            )))
    }

    /// Renames a component (the inspector's label field); one undo entry.
    pub fn rename(
        &mut self,
        id: ComponentId,
        label: String,
    ) -> Result<(), HistoryError<CommandError>> {
        let before = self.existing(id)?.label.clone();
        self.execute(Command::SetLabel {
            id,
            before,
            after: label,
        })
    }

    /// Replaces a component's settings (the inspector's fields); one undo entry. The config's
    /// variant must match the component's kind.
    pub fn configure(
        &mut self,
        id: ComponentId,
        config: ComponentConfig,
    ) -> Result<(), HistoryError<CommandError>> {
        let before = self.existing(id)?.config.clone();
        self.execute(Command::SetConfig {
            id,
            before,
            after: config,
        })
    }

    /// Replaces several components' settings together (the run panel's load fields, for
    /// every population at once); one undo entry, or none if nothing changed. All or nothing:
    /// if one is refused, none is applied.
    pub fn configure_all(
        &mut self,
        configs: Vec<(ComponentId, ComponentConfig)>,
    ) -> Result<(), HistoryError<CommandError>> {
        if self.history.in_transaction() {
            return Err(HistoryError::TransactionOpen);
        }
        let mut commands = Vec::new();
        for (id, after) in configs {
            let before = self.existing(id)?.config.clone();
            if before != after {
                commands.push(Command::SetConfig { id, before, after });
            }
        }
        let mark = self.history.begin();
        for command in &commands {
            if let Err(e) = self.history.apply(command, &mut self.diagram) {
                if let Err((mark, _)) = self.history.rollback(mark, &mut self.diagram) {
                    let _ = self.history.commit(mark);
                }
                return Err(e);
            }
        }
        self.history.commit(mark)?;
        self.selection.prune(&self.diagram);
        Ok(())
    }

    /// Replaces the scenario (traffic profile, fault schedule, ...); one undo entry.
    pub fn set_scenario(&mut self, scenario: Scenario) -> Result<(), HistoryError<CommandError>> {
        let before = Box::new(self.diagram.scenario.clone());
        self.execute(Command::SetScenario {
            before,
            after: Box::new(scenario),
        })
    }

    /// Adds a datacenter frame of the default size in the middle of the view (or the nearest
    /// place free of other frames), selects it and returns its id; one undo entry. The cards it
    /// lands on join it, in the same entry.
    pub fn add_datacenter(
        &mut self,
        name: String,
        region: Region,
    ) -> Result<GroupId, HistoryError<CommandError>> {
        let centre = self.camera.screen_to_world(self.viewport.scale(0.5));
        self.add_datacenter_at(name, region, centre)
    }

    /// The name a new datacenter gets unless the user says otherwise ("DC3"), in the
    /// editor's language (`say::datacenter_name`).
    pub fn next_datacenter_name(&self) -> String {
        let mut n = self.diagram.groups.len() + 1;
        while self
            .diagram
            .groups
            .iter()
            .any(|g| g.name == say::datacenter_name(self.lang, n))
        {
            n += 1;
        }
        say::datacenter_name(self.lang, n)
    }

    /// Adds a datacenter frame of the default size centred on `centre` (snapped to the grid), or
    /// as near as keeps it off every other frame ([`placement::free_frame_offset`]), selects it,
    /// brings it into view and returns its id; one undo entry.
    pub fn add_datacenter_at(
        &mut self,
        name: String,
        region: Region,
        centre: Vec2,
    ) -> Result<GroupId, HistoryError<CommandError>> {
        let id = self
            .diagram
            .fresh_group_id()
            .ok_or(HistoryError::Command(CommandError::Edit(
                EditError::IdsExhausted,
            )))?;
        let centre = self.snapped(centre, Modifiers::NONE);
        let wanted = Rect::from_center_size(centre, DATACENTER_SIZE);
        let frames: Vec<Rect> = self
            .diagram
            .groups
            .iter()
            .map(|g| g.bounds.into())
            .collect();
        let step = placement::frame_step(DATACENTER_SIZE, self.settings.grid);
        let bounds = wanted
            .translate(placement::free_frame_offset(wanted, &frames, step))
            .into();
        // One undo entry: the frame, and the cards it lands on joining it.
        let mark = self.history.begin();
        if let Err(e) = self.history.apply(
            &Command::AddGroup(Group {
                id,
                name,
                region,
                bounds,
            }),
            &mut self.diagram,
        ) {
            let _ = self.history.rollback(mark, &mut self.diagram);
            return Err(e);
        }
        self.regroup_all();
        let _ = self.history.commit(mark);
        self.selection = Selection::only(Selectable::Group(id));
        // On a phone the default frame is wider than the canvas at 100 %: the camera zooms out
        // as little as shows it whole, handle and name included.
        self.reveal_selection();
        Ok(id)
    }

    // ----- applying commands -----

    /// Applies `command` inside the innermost open mark (a gesture's, or an edit's own), or as
    /// its own undo entry when no mark is open; a refusal goes to the notice. Returns whether
    /// it applied.
    pub(super) fn apply_command(&mut self, command: Command) -> bool {
        match self.history.apply(&command, &mut self.diagram) {
            Ok(()) => true,
            Err(e) => {
                self.set_notice(Some(Notice::EditFailed(e.into())));
                false
            }
        }
    }

    /// Applies `command` as its own undo entry, then prunes the selection.
    pub(super) fn apply_alone(&mut self, command: Command) -> bool {
        let ok = self.apply_command(command);
        self.selection.prune(&self.diagram);
        ok
    }

    /// Says why an undo or redo failed, if it did, and prunes the selection.
    pub(super) fn after_history(&mut self, result: Result<(), HistoryError<CommandError>>) {
        if let Err(e) = result {
            self.set_notice(Some(Notice::UndoFailed(e.into())));
        }
        self.selection.prune(&self.diagram);
    }

    // ----- document edits shared by gestures and actions -----

    /// Adds what a palette entry dropped at `world` stands for: a component there, or a
    /// datacenter frame centred there.
    pub(super) fn add_palette_item(
        &mut self,
        item: PaletteItem,
        world: Vec2,
        modifiers: Modifiers,
    ) {
        let at = self.snapped(world, modifiers);
        match item {
            PaletteItem::Component(kind) => self.add_component_at(kind, at),
            PaletteItem::Datacenter => {
                let name = self.next_datacenter_name();
                match self.add_datacenter_at(name.clone(), Region::NorthAmerica, at) {
                    Ok(_) => self.set_announcement(Some(Announcement::Added { name })),
                    Err(e) => self.set_notice(Some(Notice::EditFailed(e.into()))),
                }
            }
        }
    }

    pub(super) fn add_component_at(&mut self, kind: ComponentKind, at: Vec2) {
        let Some(id) = self.diagram.fresh_component_id() else {
            self.set_notice(Some(Notice::OutOfIds));
            return;
        };
        let label = self.free_label(say::kind_name(self.lang, kind), &[]);
        let mut component = Component::new(id, kind, label.clone(), at.into());
        component.group = layout::group_at(&self.diagram, at);
        if self.apply_alone(Command::AddComponent(component)) {
            self.selection = Selection::only(Selectable::Component(id));
            self.set_announcement(Some(Announcement::Added { name: label }));
        }
    }

    /// Adds a component of `kind` at the free spot nearest `wanted` (click-to-add), as one undo
    /// entry, and selects it.
    pub(super) fn add_component_near(&mut self, kind: ComponentKind, wanted: Vec2) {
        let shape =
            Rect::from_center_size(wanted, Vec2::new(layout::CARD_WIDTH, layout::CARD_HEIGHT));
        let offset =
            placement::free_offset(&[shape], &self.occupied_cards(), self.placement_step());
        self.add_component_at(kind, wanted + offset);
    }

    /// The card bounds of every component in the diagram: where new cards must not go.
    fn occupied_cards(&self) -> Vec<Rect> {
        self.diagram
            .components
            .iter()
            .map(layout::card_bounds)
            .collect()
    }

    /// The step of the search for free space: a card and its margin in whole grid cells.
    fn placement_step(&self) -> Vec2 {
        placement::step(self.settings.grid)
    }

    /// `label`, or it numbered ("Cache 2") when a component of the diagram or one of `more`
    /// (the labels of cards being added with it) already has it.
    fn free_label(&self, label: &str, more: &[String]) -> String {
        placement::numbered_label(label, |l| {
            more.iter().any(|m| m == l) || self.diagram.components.iter().any(|c| c.label == l)
        })
    }

    pub(super) fn connect(&mut self, from: OutPortRef, to: InPortRef) {
        let Some(id) = self.diagram.fresh_wire_id() else {
            self.set_notice(Some(Notice::OutOfIds));
            return;
        };
        let wire = Wire { id, from, to };
        if self.apply_alone(Command::Connect(wire)) {
            self.selection = Selection::only(Selectable::Wire(id));
        }
    }

    pub(super) fn delete_selection(&mut self) {
        let items = self.selection.len();
        let label = |id| self.diagram.component(id).map(|c| c.label.clone());
        let only = match super::context_menu::primary_item(&self.selection) {
            _ if items != 1 => None,
            Some(Selectable::Component(id)) => label(id),
            Some(Selectable::Wire(id)) => self.diagram.wire(id).and_then(|w| {
                Some(format!(
                    "{} → {}",
                    label(w.from.component)?,
                    label(w.to.component)?
                ))
            }),
            Some(Selectable::Group(id)) => self.diagram.group(id).map(|g| g.name.clone()),
            None => None,
        };
        let mark = self.history.begin();
        let components = self.selection.components_in_order(&self.diagram);
        // Wires of removed components go with them; remove the other selected wires first.
        let wires: Vec<_> = self
            .diagram
            .wires
            .iter()
            .filter(|w| {
                self.selection.wires.contains(&w.id)
                    && !components.contains(&w.from.component)
                    && !components.contains(&w.to.component)
            })
            .map(|w| w.id)
            .collect();
        for id in wires {
            self.apply_command(Command::Disconnect(id));
        }
        if !components.is_empty() {
            self.apply_command(Command::RemoveComponents(components));
        }
        let groups: Vec<GroupId> = self.selection.groups.iter().copied().collect();
        for id in groups {
            self.apply_command(Command::RemoveGroup(id));
        }
        let _ = self.history.commit(mark);
        self.selection = Selection::default();
        self.set_announcement(Some(Announcement::Deleted { items, only }));
    }

    /// Every component joins the datacenter under its centre (or leaves its datacenter for
    /// open canvas): after a frame is added, moved or resized, what the canvas shows inside a
    /// frame is what the frame holds.
    pub(super) fn regroup_all(&mut self) {
        let ids: Vec<ComponentId> = self.diagram.components.iter().map(|c| c.id).collect();
        self.regroup_dropped(&ids);
    }

    /// When a drag ends, each dragged component joins the datacenter under its centre (or
    /// leaves its datacenter for open canvas).
    pub(super) fn regroup_dropped(&mut self, ids: &[ComponentId]) {
        let changes: Vec<_> = ids
            .iter()
            .filter_map(|id| {
                let c = self.diagram.component(*id)?;
                let now = layout::group_at(&self.diagram, c.pos.into());
                (now != c.group).then_some((*id, now))
            })
            .collect();
        if !changes.is_empty() {
            self.apply_command(Command::Regroup(changes));
        }
    }

    pub(super) fn copy_text(&self) -> String {
        clipboard::copy_text(
            &self.diagram,
            &self.selection.components_in_order(&self.diagram),
        )
    }

    pub(super) fn paste_text(&mut self, text: &str) {
        match clipboard::read(text) {
            Ok(source) => {
                self.paste_count = self.paste_count.saturating_add(1);
                let offset = self.settings.paste_offset * f64::from(self.paste_count);
                self.paste_diagram(&source, Vec2::new(offset, offset));
            }
            Err(e) => self.set_notice(Some(Notice::Paste(e))),
        }
    }

    /// Adds copies of `source`'s components and wires as one undo entry, selects them and
    /// brings them into view. The copies go `offset` from the originals, or as a whole to the
    /// nearest free space from there; each joins the datacenter under its centre (its own, when
    /// that is still under it); a copy whose label is taken is numbered.
    pub(super) fn paste_diagram(&mut self, source: &Diagram, offset: Vec2) {
        let (mut components, wires) =
            match clipboard::instantiate(source, &mut self.diagram, offset) {
                Ok(parts) => parts,
                Err(e) => {
                    self.set_notice(Some(Notice::Paste(e)));
                    return;
                }
            };
        let shapes: Vec<Rect> = components.iter().map(layout::card_bounds).collect();
        let shift = placement::free_offset(&shapes, &self.occupied_cards(), self.placement_step());
        let mut labels: Vec<String> = Vec::with_capacity(components.len());
        for component in &mut components {
            let centre = Vec2::from(component.pos) + shift;
            component.pos = centre.into();
            let still_inside = component
                .group
                .and_then(|g| self.diagram.group(g))
                .is_some_and(|g| layout::group_bounds(g).contains_point(centre));
            if !still_inside {
                component.group = layout::group_at(&self.diagram, centre);
            }
            component.label = self.free_label(&component.label, &labels);
            labels.push(component.label.clone());
        }
        let mark = self.history.begin();
        let mut selection = Selection::default();
        for component in components {
            let id = component.id;
            if self.apply_command(Command::AddComponent(component)) {
                selection.insert(Selectable::Component(id));
            }
        }
        for wire in wires {
            self.apply_command(Command::Connect(wire));
        }
        let _ = self.history.commit(mark);
        let components = selection.components.len();
        self.selection = selection;
        self.reveal_selection();
        self.set_announcement(Some(Announcement::Pasted { components }));
    }
}
