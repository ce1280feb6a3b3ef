//! The transitions of the tool state machine and the implementations of the registry actions.
//!
//! [`Editor::handle`] is the single entry point for input. Each pointer event is routed on the
//! current [`ToolState`]; states that change the document open a history mark on their first
//! change, apply commands inside it as the pointer moves (the history folds successive moves
//! into one command), and commit on pointer up or roll back on Escape, `Cancel` or `Blur`.

use crate::model::{
    Component, ComponentId, ComponentKind, GroupId, InPortRef, OutPortRef, Point, check_connection,
};

use super::actions::{Action, action_for_key};
use super::clipboard;
use super::command::Command;
use super::context_menu;
use super::geometry::{BoxSelectMode, Rect, Vec2, box_selects};
use super::gesture::TwoFingers;
use super::input::{
    InputEvent, Key, Modifiers, PaletteItem, PointerButton, PointerEvent, PointerKind,
};
use super::layout::{self, HitTarget};
use super::selection::{Selectable, Selection};
use super::tool::{ConnectionTarget, ToolState};
use super::{Editor, Effect, Response};

/// Zoom factor of one zoom-in/zoom-out action.
const ZOOM_STEP: f64 = 1.25;
/// Grid steps moved by a far nudge.
const FAR_NUDGE_STEPS: f64 = 5.0;

impl Editor {
    /// Feeds one input event to the editor.
    pub fn handle(&mut self, event: InputEvent) -> Response {
        match event {
            InputEvent::PointerDown(p) => self.pointer_down(p),
            InputEvent::PointerMove(p) => self.pointer_move(p),
            InputEvent::PointerUp(p) => self.pointer_up(p),
            InputEvent::Wheel {
                delta,
                at,
                modifiers,
            } => {
                if self.settings.wheel_zooms || modifiers.command() {
                    self.camera.wheel_zoom(at, delta.y);
                } else {
                    self.camera.pan_by_screen(-delta);
                }
                Response::handled()
            }
            InputEvent::Key { key, modifiers } => self.key_down(key, modifiers),
            InputEvent::KeyUp { key } => {
                if key == Key::Space {
                    self.space_held = false;
                    return Response::handled();
                }
                Response::ignored()
            }
            InputEvent::Cancel => {
                self.cancel_gesture();
                self.touches.clear();
                Response::handled()
            }
            InputEvent::Blur => {
                self.cancel_gesture();
                self.touches.clear();
                self.space_held = false;
                Response::handled()
            }
            InputEvent::PaletteDragStart { item } => {
                if self.tool != ToolState::Idle {
                    return Response::ignored();
                }
                self.notice = None;
                self.tool = ToolState::DraggingFromPalette { item, at: None };
                Response::handled()
            }
            InputEvent::PaletteDragOver { world } => match &mut self.tool {
                ToolState::DraggingFromPalette { at, .. } => {
                    *at = Some(world);
                    Response::handled()
                }
                _ => Response::ignored(),
            },
            InputEvent::PaletteDrop { item, world } => {
                // A drop is honoured even if the drag start was missed (the view may not see
                // it when the drag comes from another element), but not mid-gesture.
                if !matches!(
                    self.tool,
                    ToolState::Idle | ToolState::DraggingFromPalette { .. }
                ) {
                    return Response::ignored();
                }
                self.tool = ToolState::Idle;
                self.add_palette_item(item, world, Modifiers::NONE);
                Response::handled()
            }
            InputEvent::Paste { text } => {
                if self.tool != ToolState::Idle {
                    return Response::ignored();
                }
                self.paste_text(&text);
                Response::handled()
            }
            InputEvent::ContextMenu { screen, world } => self.context_menu_at(screen, world),
            InputEvent::ViewportResized { size } => {
                if size.is_finite() && size.x > 0.0 && size.y > 0.0 {
                    self.viewport = size;
                }
                Response::handled()
            }
        }
    }

    // ----- pointer -----

    fn pointer_down(&mut self, p: PointerEvent) -> Response {
        if self.tool.kind() == super::ToolKind::KeyboardConnecting {
            // A press ends keyboard wiring, as Escape would, and then means what it means.
            self.tool = ToolState::Idle;
        }
        self.announcement = None;
        if p.kind == PointerKind::Touch {
            self.touches.retain(|(id, _)| *id != p.pointer);
            self.touches.push((p.pointer, p.screen));
            if let [.., first, second] = self.touches[..]
                && self.tool.kind() != super::ToolKind::Pinching
            {
                // A second finger: what the first one began is rolled back, as Escape would,
                // and the two pinch.
                self.cancel_gesture();
                self.tool = ToolState::Pinching {
                    fingers: TwoFingers { first, second },
                };
                return Response::handled();
            }
        }
        if self.tool != ToolState::Idle {
            // A second finger or button during a gesture: ignored.
            return Response::ignored();
        }
        self.notice = None;
        let pan = match p.button {
            PointerButton::Middle => true,
            PointerButton::Primary => self.space_held,
            PointerButton::Secondary => return Response::ignored(),
        };
        if pan {
            self.tool = ToolState::Panning {
                pointer: p.pointer,
                last_screen: p.screen,
            };
            return Response::handled();
        }
        let target = self.hit(p.world);
        let item = selectable(&self.diagram, target);
        let was_selected = item.is_some_and(|i| self.selection.contains(i));
        if let Some(item) = item
            && !was_selected
        {
            if p.modifiers.shift {
                self.selection.insert(item);
            } else {
                self.selection = Selection::only(item);
            }
        }
        self.tool = ToolState::Pointing {
            pointer: p.pointer,
            target,
            down_screen: p.screen,
            down_world: p.world,
            modifiers: p.modifiers,
            was_selected,
        };
        Response::handled()
    }

    /// A right-click (or a touch long-press) selects what is under it as a click would, keeping
    /// a selection it belongs to, and asks for the menu there. Inside a datacenter's frame it
    /// picks the datacenter, so that a whole datacenter can be failed from its body. On empty
    /// canvas it clears the selection and opens nothing.
    fn context_menu_at(&mut self, screen: Vec2, world: Vec2) -> Response {
        match self.tool.kind() {
            super::ToolKind::Idle => {}
            // A touch long-press: the press has not become a drag, so nothing changed yet.
            super::ToolKind::Pointing => self.cancel_gesture(),
            _ => return Response::ignored(),
        }
        self.notice = None;
        let target = self.hit(world);
        let item = match target {
            HitTarget::GroupBody(id) => Some(Selectable::Group(id)),
            other => selectable(&self.diagram, other),
        };
        let Some(item) = item else {
            self.selection = Selection::default();
            return Response::handled();
        };
        if !self.selection.contains(item) {
            self.selection = Selection::only(item);
        }
        Response::with(Effect::OpenContextMenu { item, at: screen })
    }

    fn pointer_move(&mut self, p: PointerEvent) -> Response {
        if let Some(touch) = self.touches.iter_mut().find(|(id, _)| *id == p.pointer) {
            touch.1 = p.screen;
        }
        if let ToolState::Pinching { fingers } = &self.tool {
            let Some((after, step)) = fingers.step(p.pointer, p.screen) else {
                return Response::ignored();
            };
            step.apply(&mut self.camera);
            self.tool = ToolState::Pinching { fingers: after };
            return Response::handled();
        }
        if let Some(owner) = self.tool.pointer()
            && owner != p.pointer
        {
            return Response::ignored();
        }
        match self.tool.clone() {
            ToolState::Idle | ToolState::KeyboardConnecting { .. } => {
                self.hover = self.hit(p.world);
                Response::ignored()
            }
            // Handled above; kept for an exhaustive match.
            ToolState::Pinching { .. } => Response::handled(),
            ToolState::DraggingFromPalette { item, .. } => {
                self.tool = ToolState::DraggingFromPalette {
                    item,
                    at: Some(p.world),
                };
                Response::handled()
            }
            ToolState::Pointing {
                target,
                down_screen,
                down_world,
                modifiers,
                ..
            } => {
                if p.screen.distance(down_screen) <= self.settings.drag_threshold_px {
                    return Response::handled();
                }
                self.start_drag(p, target, down_world, modifiers);
                // Apply the move that crossed the threshold too.
                if self.tool.kind() != super::ToolKind::Pointing {
                    self.pointer_move(p);
                }
                Response::handled()
            }
            ToolState::DraggingComponents {
                pointer,
                ids,
                anchor,
                anchor_start,
                down_world,
                applied,
                ..
            } => {
                let target = self.snapped(anchor_start + (p.world - down_world), p.modifiers);
                let total = target - anchor_start;
                let step = total - applied;
                let mut applied_now = applied;
                if step != Vec2::ZERO
                    && self.apply_in_gesture(Command::Move {
                        ids: ids.clone(),
                        delta: step.into(),
                    })
                {
                    applied_now = total;
                }
                let drop_group = self
                    .diagram
                    .component(anchor)
                    .and_then(|c| layout::group_at(&self.diagram, c.pos.into()));
                self.tool = ToolState::DraggingComponents {
                    pointer,
                    ids,
                    anchor,
                    anchor_start,
                    down_world,
                    applied: applied_now,
                    drop_group,
                };
                Response::handled()
            }
            ToolState::DraggingGroup {
                pointer,
                id,
                start_origin,
                down_world,
                applied,
            } => {
                let target = self.snapped(start_origin + (p.world - down_world), p.modifiers);
                let total = target - start_origin;
                let step = total - applied;
                let mut applied_now = applied;
                if step != Vec2::ZERO
                    && self.apply_in_gesture(Command::MoveGroup {
                        id,
                        delta: step.into(),
                    })
                {
                    applied_now = total;
                }
                self.tool = ToolState::DraggingGroup {
                    pointer,
                    id,
                    start_origin,
                    down_world,
                    applied: applied_now,
                };
                Response::handled()
            }
            ToolState::ResizingGroup {
                id,
                start,
                down_world,
                ..
            } => {
                let start_rect: Rect = start.into();
                let corner = self.snapped(start_rect.max + (p.world - down_world), p.modifiers);
                let max = Vec2::new(
                    corner.x.max(start_rect.min.x + layout::GROUP_MIN_SIZE.x),
                    corner.y.max(start_rect.min.y + layout::GROUP_MIN_SIZE.y),
                );
                let after: crate::model::Rect = Rect::from_corners(start_rect.min, max).into();
                if let Some(before) = self.diagram.group(id).map(|g| g.bounds)
                    && before != after
                {
                    self.apply_in_gesture(Command::ResizeGroup { id, before, after });
                }
                Response::handled()
            }
            ToolState::Panning {
                pointer,
                last_screen,
            } => {
                self.camera.pan_by_screen(p.screen - last_screen);
                self.tool = ToolState::Panning {
                    pointer,
                    last_screen: p.screen,
                };
                Response::handled()
            }
            ToolState::Connecting {
                pointer,
                from,
                from_position,
                valid_targets,
                ..
            } => {
                let over = self.connection_target(from, p.world);
                self.tool = ToolState::Connecting {
                    pointer,
                    from,
                    from_position,
                    cursor: p.world,
                    valid_targets,
                    over,
                };
                Response::handled()
            }
            ToolState::BoxSelecting {
                pointer,
                start_world,
                base,
                ..
            } => {
                let rect = Rect::from_corners(start_world, p.world);
                self.selection = base.union(&self.boxed(&rect));
                self.tool = ToolState::BoxSelecting {
                    pointer,
                    start_world,
                    current_world: p.world,
                    base,
                };
                Response::handled()
            }
        }
    }

    fn pointer_up(&mut self, p: PointerEvent) -> Response {
        self.touches.retain(|(id, _)| *id != p.pointer);
        if let ToolState::Pinching { fingers } = &self.tool {
            // Lifting either finger ends the pinch; the other does nothing until it lifts too.
            if fingers.holds(p.pointer) {
                self.tool = ToolState::Idle;
                return Response::handled();
            }
            return Response::ignored();
        }
        if let Some(owner) = self.tool.pointer()
            && owner != p.pointer
        {
            return Response::ignored();
        }
        let tool = std::mem::replace(&mut self.tool, ToolState::Idle);
        match tool {
            ToolState::Idle => Response::ignored(),
            ToolState::KeyboardConnecting { .. } => {
                // A release without a press (the press went elsewhere): wiring goes on.
                self.tool = tool;
                Response::ignored()
            }
            ToolState::Pinching { .. } => Response::handled(),
            ToolState::DraggingFromPalette { item, .. } => {
                // A pointer-driven palette drag (touch) ends with the pointer going up.
                self.add_palette_item(item, p.world, p.modifiers);
                Response::handled()
            }
            ToolState::Pointing {
                target,
                modifiers,
                was_selected,
                ..
            } => {
                self.click(target, modifiers, was_selected);
                Response::handled()
            }
            ToolState::DraggingComponents { ids, .. } => {
                self.regroup_dropped(&ids);
                self.commit_gesture();
                Response::handled()
            }
            ToolState::DraggingGroup { .. } | ToolState::ResizingGroup { .. } => {
                self.commit_gesture();
                Response::handled()
            }
            ToolState::Panning { .. } | ToolState::BoxSelecting { .. } => Response::handled(),
            ToolState::Connecting { from, .. } => {
                match self.connection_target(from, p.world) {
                    Some(ConnectionTarget {
                        port,
                        verdict: Ok(()),
                    }) => self.connect(from, port),
                    Some(ConnectionTarget {
                        verdict: Err(reason),
                        ..
                    }) => self.notice = Some(reason),
                    None => {}
                }
                Response::handled()
            }
        }
    }

    /// Leaves `Pointing` for the gesture the press target calls for.
    fn start_drag(
        &mut self,
        p: PointerEvent,
        target: HitTarget,
        down_world: Vec2,
        modifiers: Modifiers,
    ) {
        let canvas_drag = |editor: &mut Editor| {
            if modifiers.shift || modifiers.command() {
                let base = if modifiers.shift {
                    editor.selection.clone()
                } else {
                    Selection::default()
                };
                editor.tool = ToolState::BoxSelecting {
                    pointer: p.pointer,
                    start_world: down_world,
                    current_world: down_world,
                    base,
                };
            } else {
                editor.tool = ToolState::Panning {
                    pointer: p.pointer,
                    last_screen: match editor.tool {
                        ToolState::Pointing { down_screen, .. } => down_screen,
                        _ => p.screen,
                    },
                };
            }
        };
        match target {
            HitTarget::Component(id) | HitTarget::InPort(InPortRef { component: id, .. }) => {
                let ids = self.selection.components_in_order(&self.diagram);
                let Some(anchor) = self.diagram.component(id) else {
                    self.tool = ToolState::Idle;
                    return;
                };
                let ids = if ids.contains(&id) { ids } else { vec![id] };
                self.open_mark = Some(self.history.begin());
                self.tool = ToolState::DraggingComponents {
                    pointer: p.pointer,
                    ids,
                    anchor: id,
                    anchor_start: anchor.pos.into(),
                    down_world,
                    applied: Vec2::ZERO,
                    drop_group: anchor.group,
                };
            }
            HitTarget::GroupTitle(id) => {
                let Some(group) = self.diagram.group(id) else {
                    self.tool = ToolState::Idle;
                    return;
                };
                let origin = Vec2::new(group.bounds.x, group.bounds.y);
                self.open_mark = Some(self.history.begin());
                self.tool = ToolState::DraggingGroup {
                    pointer: p.pointer,
                    id,
                    start_origin: origin,
                    down_world,
                    applied: Vec2::ZERO,
                };
            }
            HitTarget::GroupHandle(id) => {
                let Some(group) = self.diagram.group(id) else {
                    self.tool = ToolState::Idle;
                    return;
                };
                let start = group.bounds;
                self.open_mark = Some(self.history.begin());
                self.tool = ToolState::ResizingGroup {
                    pointer: p.pointer,
                    id,
                    start,
                    down_world,
                };
            }
            HitTarget::OutPort(from) => {
                let from_position =
                    layout::out_ref_position(&self.diagram, from).unwrap_or(down_world);
                let valid_targets = self.valid_targets_from(from);
                self.tool = ToolState::Connecting {
                    pointer: p.pointer,
                    from,
                    from_position,
                    cursor: down_world,
                    valid_targets,
                    over: None,
                };
            }
            HitTarget::Wire(_) | HitTarget::GroupBody(_) | HitTarget::Canvas => canvas_drag(self),
        }
    }

    /// A press and release without a drag.
    fn click(&mut self, target: HitTarget, modifiers: Modifiers, was_selected: bool) {
        match selectable(&self.diagram, target) {
            Some(item) => {
                if was_selected {
                    if modifiers.shift {
                        self.selection.remove(item);
                    } else {
                        self.selection = Selection::only(item);
                    }
                }
            }
            None => {
                if !modifiers.shift {
                    self.selection = Selection::default();
                }
            }
        }
    }

    // ----- keys -----

    fn key_down(&mut self, key: Key, modifiers: Modifiers) -> Response {
        if self.tool.kind() == super::ToolKind::KeyboardConnecting
            && !modifiers.command()
            && !modifiers.alt
        {
            let step = match key {
                Key::Tab if modifiers.shift => Some(-1),
                Key::Tab | Key::ArrowRight | Key::ArrowDown => Some(1),
                Key::ArrowLeft | Key::ArrowUp => Some(-1),
                _ => None,
            };
            if let Some(step) = step {
                self.aim_keyboard_wire(step);
                return Response::handled();
            }
            if key == Key::Enter {
                self.finish_keyboard_wire();
                return Response::handled();
            }
        }
        if key == Key::Space && !modifiers.command() {
            self.space_held = true;
            return Response::handled();
        }
        match action_for_key(key, modifiers) {
            // Left to the browser: preventing the key would also prevent the DOM `paste` event
            // that brings the clipboard text back as `InputEvent::Paste`.
            Some(Action::Paste) => Response::ignored(),
            Some(action) => {
                if self.is_enabled(action) {
                    self.run(action)
                } else {
                    // Swallow it anyway so Backspace does not navigate back, Ctrl+D does not
                    // bookmark, and so on.
                    Response::handled()
                }
            }
            None => Response::ignored(),
        }
    }

    // ----- the registry -----

    /// Whether `action` can run now (the view greys out buttons and menu items).
    pub fn is_enabled(&self, action: Action) -> bool {
        let idle = self.tool == ToolState::Idle;
        match action {
            Action::Delete => idle && !self.selection.is_empty(),
            Action::Duplicate | Action::Copy | Action::Cut => {
                idle && !self.selection.components.is_empty()
            }
            Action::Nudge(_) | Action::NudgeFar(_) => idle && !self.selection.components.is_empty(),
            Action::Paste => idle,
            Action::Undo => idle && self.history.can_undo(),
            Action::Redo => idle && self.history.can_redo(),
            Action::SelectAll => {
                idle && (!self.diagram.components.is_empty() || !self.diagram.groups.is_empty())
            }
            Action::FitToView => layout::diagram_bounds(&self.diagram).is_some(),
            Action::Cancel => !idle || !self.selection.is_empty() || self.notice.is_some(),
            Action::ZoomIn => self.camera.zoom < super::camera::MAX_ZOOM,
            Action::ZoomOut => self.camera.zoom > super::camera::MIN_ZOOM,
            Action::ResetZoom => self.camera.zoom != 1.0,
            Action::AddAtCentre(_) => idle,
            Action::OpenContextMenu => {
                idle && context_menu::primary_item(&self.selection).is_some()
            }
            Action::StartWire => {
                let source = match self.tool {
                    ToolState::Idle => {
                        let mut ids = self.selection.components.iter();
                        match (ids.next(), ids.next()) {
                            (Some(id), None) => Some(*id),
                            _ => None,
                        }
                    }
                    ToolState::KeyboardConnecting { from, .. } => Some(from.component),
                    _ => None,
                };
                source
                    .and_then(|id| self.diagram.component(id))
                    .is_some_and(|c| !c.kind.ports().outputs.is_empty())
            }
        }
    }

    /// Runs `action` (whether or not it is enabled: a disabled action does nothing).
    pub fn run(&mut self, action: Action) -> Response {
        if !self.is_enabled(action) {
            return Response::ignored();
        }
        match action {
            Action::Delete => {
                self.delete_selection();
                Response::handled()
            }
            Action::Duplicate => {
                let source = clipboard::sub_diagram(
                    &self.diagram,
                    &self.selection.components_in_order(&self.diagram),
                );
                let offset = Vec2::new(self.settings.paste_offset, self.settings.paste_offset);
                self.paste_diagram(&source, offset);
                Response::handled()
            }
            Action::Copy => {
                self.paste_count = 0;
                Response::with(Effect::WriteClipboard(self.copy_text()))
            }
            Action::Cut => {
                self.paste_count = 0;
                let text = self.copy_text();
                self.delete_selection();
                Response::with(Effect::WriteClipboard(text))
            }
            Action::Paste => Response::with(Effect::ReadClipboard),
            Action::Undo => {
                let result = self.history.undo(&mut self.diagram);
                self.after_history(result);
                Response::handled()
            }
            Action::Redo => {
                let result = self.history.redo(&mut self.diagram);
                self.after_history(result);
                Response::handled()
            }
            Action::SelectAll => {
                self.selection = Selection {
                    components: self.diagram.components.iter().map(|c| c.id).collect(),
                    wires: self.diagram.wires.iter().map(|w| w.id).collect(),
                    groups: self.diagram.groups.iter().map(|g| g.id).collect(),
                };
                Response::handled()
            }
            Action::FitToView => {
                self.fit_to_view();
                Response::handled()
            }
            Action::Cancel => {
                if self.tool.kind() == super::ToolKind::KeyboardConnecting {
                    self.announcement = Some("Wiring cancelled.".into());
                }
                if self.tool != ToolState::Idle {
                    self.cancel_gesture();
                } else {
                    self.notice = None;
                    self.selection = Selection::default();
                }
                Response::handled()
            }
            Action::Nudge(direction) | Action::NudgeFar(direction) => {
                let steps = if matches!(action, Action::NudgeFar(_)) {
                    FAR_NUDGE_STEPS
                } else {
                    1.0
                };
                let (x, y) = direction.unit();
                let step = self.settings.grid.max(1.0) * steps;
                let ids = self.selection.components_in_order(&self.diagram);
                self.apply_alone(Command::Move {
                    ids,
                    delta: Point::new(x * step, y * step),
                });
                Response::handled()
            }
            Action::ZoomIn | Action::ZoomOut | Action::ResetZoom => {
                let centre = self.viewport.scale(0.5);
                match action {
                    Action::ZoomIn => self.camera.zoom_by_at(centre, ZOOM_STEP),
                    Action::ZoomOut => self.camera.zoom_by_at(centre, 1.0 / ZOOM_STEP),
                    _ => self.camera.zoom_at(centre, 1.0),
                }
                Response::handled()
            }
            Action::StartWire => {
                self.start_keyboard_wire();
                Response::handled()
            }
            Action::OpenContextMenu => {
                let Some(item) = context_menu::primary_item(&self.selection) else {
                    return Response::ignored();
                };
                match context_menu::anchor(&self.diagram, item) {
                    Some(world) => Response::with(Effect::OpenContextMenu {
                        item,
                        at: self.camera.world_to_screen(world),
                    }),
                    None => Response::ignored(),
                }
            }
            Action::AddAtCentre(kind) => {
                let centre = self.camera.screen_to_world(self.viewport.scale(0.5));
                let mut at = self.snapped(centre, Modifiers::NONE);
                // Step aside rather than stack exactly on top of another card.
                let step = self.settings.grid.max(1.0);
                for _ in 0..100 {
                    let taken = self
                        .diagram
                        .components
                        .iter()
                        .any(|c| Vec2::from(c.pos).distance(at) < 1e-9);
                    if !taken {
                        break;
                    }
                    at += Vec2::new(step, step);
                }
                self.add_component_at(kind, at);
                Response::handled()
            }
        }
    }

    // ----- keyboard wiring -----

    /// Starts wiring from the selected component's first output, or, while wiring, moves to
    /// the source's next output.
    fn start_keyboard_wire(&mut self) {
        let (component, next_port) = match &self.tool {
            ToolState::KeyboardConnecting { from, .. } => (from.component, Some(from.port)),
            _ => match self.selection.components.iter().next() {
                Some(id) => (*id, None),
                None => return,
            },
        };
        let Some(source) = self.diagram.component(component) else {
            return;
        };
        let outputs = source.kind.ports().outputs;
        let index = match next_port {
            Some(port) => outputs
                .iter()
                .position(|p| *p == port)
                .map_or(0, |i| (i + 1) % outputs.len()),
            None => 0,
        };
        let Some(port) = outputs.get(index) else {
            return;
        };
        let from = OutPortRef {
            component,
            port: *port,
        };
        let mut targets: Vec<ConnectionTarget> = self
            .diagram
            .components
            .iter()
            .filter(|c| c.id != component)
            .filter_map(|c| self.card_target(from, c.id))
            .collect();
        // Acceptable targets first, each group in drawing order.
        targets.sort_by_key(|t| t.verdict.is_err());
        if targets.is_empty() {
            self.tool = ToolState::Idle;
            let message = format!("There is nothing to connect {} to yet.", source.label);
            self.notice = Some(message.clone());
            self.announcement = Some(message);
            return;
        }
        let valid_targets = targets
            .iter()
            .filter(|t| t.verdict.is_ok())
            .map(|t| t.port)
            .collect();
        let from_position =
            layout::out_ref_position(&self.diagram, from).unwrap_or_else(|| source.pos.into());
        self.notice = None;
        self.tool = ToolState::KeyboardConnecting {
            from,
            from_position,
            targets,
            valid_targets,
            current: 0,
        };
        self.announce_keyboard_wire(true);
    }

    /// Picks the next (`step` 1) or previous (`step` -1) target, wrapping around.
    fn aim_keyboard_wire(&mut self, step: isize) {
        if let ToolState::KeyboardConnecting {
            targets, current, ..
        } = &mut self.tool
        {
            let n = targets.len() as isize;
            *current = (*current as isize + step).rem_euclid(n) as usize;
        }
        self.notice = None;
        self.announce_keyboard_wire(false);
    }

    /// Enter: connects to the picked target if the rules allow it, else says why and goes on.
    fn finish_keyboard_wire(&mut self) {
        let Some((from, target, _, _)) = self.keyboard_aim() else {
            return;
        };
        match target.verdict {
            Ok(()) => {
                self.tool = ToolState::Idle;
                self.connect(from, target.port);
                let message = format!(
                    "Connected {} to {}.",
                    self.describe_out(from),
                    self.describe_in(target.port)
                );
                self.announcement = Some(message);
            }
            Err(reason) => {
                self.announcement = Some(format!(
                    "{} refuses this wire: {reason}. Tab to another target or Escape to cancel.",
                    self.describe_in(target.port)
                ));
                self.notice = Some(reason);
            }
        }
    }

    /// The keyboard wire being aimed: its output, the picked target, the target's index and
    /// how many targets there are.
    fn keyboard_aim(&self) -> Option<(OutPortRef, ConnectionTarget, usize, usize)> {
        let ToolState::KeyboardConnecting {
            from,
            targets,
            current,
            ..
        } = &self.tool
        else {
            return None;
        };
        let target = targets.get(*current)?.clone();
        Some((*from, target, *current, targets.len()))
    }

    /// What the live region says about the wire being aimed.
    fn announce_keyboard_wire(&mut self, started: bool) {
        let Some((from, target, current, count)) = self.keyboard_aim() else {
            return;
        };
        let verdict = match &target.verdict {
            Ok(()) => "Enter connects".to_string(),
            Err(reason) => format!("not allowed: {reason}"),
        };
        let position = format!("target {} of {count}", current + 1);
        let mut message = format!("{}, {position}: {verdict}.", self.describe_in(target.port));
        if started {
            message = format!(
                "Connecting from {}. {message} Tab or arrow keys pick another target, W the next output, Escape cancels.",
                self.describe_out(from)
            );
        }
        self.announcement = Some(message);
    }

    fn describe_out(&self, port: OutPortRef) -> String {
        match self.diagram.component(port.component) {
            Some(c) => format!("{} ({} output)", c.label, port.port.name()),
            None => format!("component {}", port.component.0),
        }
    }

    fn describe_in(&self, port: InPortRef) -> String {
        match self.diagram.component(port.component) {
            Some(c) => format!("{} ({} input)", c.label, port.port.name()),
            None => format!("component {}", port.component.0),
        }
    }

    // ----- gestures and history -----

    /// Applies `command` inside the open gesture mark (opening none if there is none: the
    /// command then stands alone). Returns whether it applied.
    fn apply_in_gesture(&mut self, command: Command) -> bool {
        match self.history.apply(&command, &mut self.diagram) {
            Ok(()) => true,
            Err(e) => {
                self.notice = Some(e.to_string());
                false
            }
        }
    }

    /// Applies `command` as its own undo entry, then prunes the selection.
    fn apply_alone(&mut self, command: Command) -> bool {
        let ok = self.apply_in_gesture(command);
        self.selection.prune(&self.diagram);
        ok
    }

    fn commit_gesture(&mut self) {
        if let Some(mark) = self.open_mark.take() {
            // The editor only ever holds its own innermost mark, so this cannot be stale.
            let _ = self.history.commit(mark);
        }
        self.selection.prune(&self.diagram);
    }

    /// Ends any gesture, rolling back whatever document change it made.
    pub(super) fn cancel_gesture(&mut self) {
        if let Some(mark) = self.open_mark.take()
            && let Err((mark, error)) = self.history.rollback(mark, &mut self.diagram)
        {
            // Rolling back commands applied moments ago cannot fail unless a command is
            // buggy; keep the change rather than lose the mark.
            self.notice = Some(error.to_string());
            let _ = self.history.commit(mark);
        }
        self.tool = ToolState::Idle;
        self.selection.prune(&self.diagram);
    }

    fn after_history(&mut self, result: Result<(), super::HistoryError<super::CommandError>>) {
        if let Err(e) = result {
            self.notice = Some(format!("could not undo or redo: {e}"));
        }
        self.selection.prune(&self.diagram);
    }

    // ----- document edits shared by gestures and actions -----

    /// Adds what a palette entry dropped at `world` stands for: a component there, or a
    /// datacenter frame centred there.
    fn add_palette_item(&mut self, item: PaletteItem, world: Vec2, modifiers: Modifiers) {
        let at = self.snapped(world, modifiers);
        match item {
            PaletteItem::Component(kind) => self.add_component_at(kind, at),
            PaletteItem::Datacenter => {
                let name = self.next_datacenter_name();
                if let Err(e) = self.add_datacenter_at(name, crate::model::Region::NorthAmerica, at)
                {
                    self.notice = Some(e.to_string());
                }
            }
        }
    }

    fn add_component_at(&mut self, kind: ComponentKind, at: Vec2) {
        let Some(id) = self.diagram.fresh_component_id() else {
            self.notice = Some("this diagram has run out of ids".into());
            return;
        };
        let mut component = Component::new(id, kind, at.into());
        component.group = layout::group_at(&self.diagram, at);
        if self.apply_alone(Command::AddComponent(component)) {
            self.selection = Selection::only(Selectable::Component(id));
        }
    }

    fn connect(&mut self, from: OutPortRef, to: InPortRef) {
        let Some(id) = self.diagram.fresh_wire_id() else {
            self.notice = Some("this diagram has run out of ids".into());
            return;
        };
        let wire = crate::model::Wire { id, from, to };
        if self.apply_alone(Command::Connect(wire)) {
            self.selection = Selection::only(Selectable::Wire(id));
        }
    }

    fn delete_selection(&mut self) {
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
            self.apply_in_gesture(Command::Disconnect(id));
        }
        if !components.is_empty() {
            self.apply_in_gesture(Command::RemoveComponents(components));
        }
        let groups: Vec<GroupId> = self.selection.groups.iter().copied().collect();
        for id in groups {
            self.apply_in_gesture(Command::RemoveGroup(id));
        }
        let _ = self.history.commit(mark);
        self.selection = Selection::default();
    }

    /// When a drag ends, each dragged component joins the datacenter under its centre (or
    /// leaves its datacenter for open canvas).
    fn regroup_dropped(&mut self, ids: &[ComponentId]) {
        let changes: Vec<_> = ids
            .iter()
            .filter_map(|id| {
                let c = self.diagram.component(*id)?;
                let now = layout::group_at(&self.diagram, c.pos.into());
                (now != c.group).then_some((*id, now))
            })
            .collect();
        if !changes.is_empty() {
            self.apply_in_gesture(Command::Regroup(changes));
        }
    }

    fn copy_text(&self) -> String {
        clipboard::copy_text(
            &self.diagram,
            &self.selection.components_in_order(&self.diagram),
        )
    }

    fn paste_text(&mut self, text: &str) {
        match clipboard::read(text) {
            Ok(source) => {
                self.paste_count = self.paste_count.saturating_add(1);
                let offset = self.settings.paste_offset * f64::from(self.paste_count);
                self.paste_diagram(&source, Vec2::new(offset, offset));
            }
            Err(e) => self.notice = Some(e.to_string()),
        }
    }

    /// Adds copies of `source`'s components and wires as one undo entry and selects them.
    fn paste_diagram(&mut self, source: &crate::model::Diagram, offset: Vec2) {
        let (components, wires) = match clipboard::instantiate(source, &mut self.diagram, offset) {
            Ok(parts) => parts,
            Err(e) => {
                self.notice = Some(e.to_string());
                return;
            }
        };
        let mark = self.history.begin();
        let mut selection = Selection::default();
        for component in components {
            let id = component.id;
            if self.apply_in_gesture(Command::AddComponent(component)) {
                selection.insert(Selectable::Component(id));
            }
        }
        for wire in wires {
            self.apply_in_gesture(Command::Connect(wire));
        }
        let _ = self.history.commit(mark);
        self.selection = selection;
    }

    // ----- hit testing and connection targets -----

    fn hit(&self, world: Vec2) -> HitTarget {
        let tolerance = self.camera.screen_len_to_world(self.settings.hit_radius_px);
        layout::hit_test(&self.diagram, world, tolerance)
    }

    /// Items a selection rectangle picks: components and datacenters it touches, wires whose
    /// both ends it holds.
    fn boxed(&self, rect: &Rect) -> Selection {
        let mode = BoxSelectMode::Intersect;
        let components: std::collections::BTreeSet<_> = self
            .diagram
            .components
            .iter()
            .filter(|c| box_selects(rect, &layout::card_bounds(c), mode))
            .map(|c| c.id)
            .collect();
        let wires = self
            .diagram
            .wires
            .iter()
            .filter(|w| {
                components.contains(&w.from.component) && components.contains(&w.to.component)
            })
            .map(|w| w.id)
            .collect();
        let groups = self
            .diagram
            .groups
            .iter()
            .filter(|g| box_selects(rect, &layout::group_bounds(g), BoxSelectMode::Contain))
            .map(|g| g.id)
            .collect();
        Selection {
            components,
            wires,
            groups,
        }
    }

    /// Every input port the rules accept from `from`, in drawing order.
    fn valid_targets_from(&self, from: OutPortRef) -> Vec<InPortRef> {
        let mut targets = Vec::new();
        for c in &self.diagram.components {
            for port in c.kind.ports().inputs {
                let to = InPortRef {
                    component: c.id,
                    port: *port,
                };
                if check_connection(&self.diagram, from, to).is_ok() {
                    targets.push(to);
                }
            }
        }
        targets
    }

    /// The input port a wire from `from` would end at with the cursor at `world`: the port
    /// under it, or, over a card, that card's first acceptable input (else its first input, to
    /// explain the refusal). `None` over empty canvas or the source card itself.
    fn connection_target(&self, from: OutPortRef, world: Vec2) -> Option<ConnectionTarget> {
        let port = match self.hit(world) {
            HitTarget::InPort(port) => port,
            HitTarget::Component(id) | HitTarget::OutPort(OutPortRef { component: id, .. }) => {
                if id == from.component {
                    return None;
                }
                return self.card_target(from, id);
            }
            HitTarget::Wire(_)
            | HitTarget::GroupHandle(_)
            | HitTarget::GroupTitle(_)
            | HitTarget::GroupBody(_)
            | HitTarget::Canvas => return None,
        };
        let verdict = check_connection(&self.diagram, from, port).map_err(|r| r.to_string());
        Some(ConnectionTarget { port, verdict })
    }
}

impl Editor {
    /// The input port of card `id` a wire from `from` would end at: its first acceptable input,
    /// else its first input with the refusal, else (a card with no inputs) the reason it accepts
    /// nothing.
    fn card_target(&self, from: OutPortRef, id: ComponentId) -> Option<ConnectionTarget> {
        let kind = self.diagram.component(id)?.kind;
        let mut first = None;
        for port in kind.ports().inputs {
            let candidate = InPortRef {
                component: id,
                port: *port,
            };
            match check_connection(&self.diagram, from, candidate) {
                Ok(()) => {
                    return Some(ConnectionTarget {
                        port: candidate,
                        verdict: Ok(()),
                    });
                }
                Err(reason) => {
                    first.get_or_insert(ConnectionTarget {
                        port: candidate,
                        verdict: Err(reason.to_string()),
                    });
                }
            }
        }
        Some(first.unwrap_or_else(|| ConnectionTarget {
            // The card accepts nothing at all (Users): there is no port to point at, but the
            // user deserves the reason.
            port: InPortRef {
                component: id,
                port: crate::model::InPort::Requests,
            },
            verdict: Err(format!("a {} accepts no connections", kind.name())),
        }))
    }
}

/// The selectable item a press on `target` picks, if any.
fn selectable(diagram: &crate::model::Diagram, target: HitTarget) -> Option<Selectable> {
    match target {
        HitTarget::Component(id)
        | HitTarget::InPort(InPortRef { component: id, .. })
        | HitTarget::OutPort(OutPortRef { component: id, .. }) => {
            diagram.component(id).map(|_| Selectable::Component(id))
        }
        HitTarget::Wire(id) => Some(Selectable::Wire(id)),
        HitTarget::GroupTitle(id) | HitTarget::GroupHandle(id) => Some(Selectable::Group(id)),
        HitTarget::GroupBody(_) | HitTarget::Canvas => None,
    }
}
