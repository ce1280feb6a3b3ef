//! The pointer transitions of the tool state machine: press, move, release and the canvas
//! context menu, and the end of a gesture (its history mark committed or rolled back).
//!
//! Each pointer event is routed on the current [`ToolState`] (the diagram of states is in
//! `tool`). A press picks what is under it and enters `Pointing`; a move past the drag
//! threshold enters the gesture the press target calls for. The gestures that change the
//! document open their history [`Mark`](super::Mark) as they are entered and carry it in their
//! state; the commands they apply as the pointer moves gather under it (the history folds
//! successive moves into one command), and the release commits it as ONE undo entry, while
//! Escape, `Cancel`, `Blur` or a second touch contact roll the document back to it
//! ([`Editor::cancel_gesture`]). Those two are the only ways a mark leaves its state, and
//! [`Editor::set_tool`] checks (in debug builds) that no state holding a mark is overwritten.
//!
//! A move takes the state out of the editor with `std::mem::replace`, updates it and puts it
//! back: the state is moved, never cloned, so a pointer move copies no selection, wire target
//! list or id list. Only the pointer that started a gesture moves or ends it.
//!
//! Deliberately not here: what a point or rectangle picks (`picking`), the document edits a
//! release may end in (`document_ops`), keys (`keyboard`).

use crate::model::Rect as ModelRect;

use super::command::Command;
use super::geometry::{Rect, Vec2};
use super::gesture::TwoFingers;
use super::history::Mark;
use super::input::{Modifiers, PointerButton, PointerEvent, PointerKind};
use super::layout::{self, HitTarget};
use super::notice::Notice;
use super::picking::selectable;
use super::selection::{Selectable, Selection};
use super::tool::{ConnectionTarget, SourceTarget, ToolKind, ToolState};
use super::{Editor, Effect, Response};

impl Editor {
    pub(super) fn pointer_down(&mut self, p: PointerEvent) -> Response {
        self.last_pointer = Some(p);
        if let Some(response) = self.tap_wire_press(&p) {
            return response;
        }
        if self.tool.kind() == ToolKind::KeyboardConnecting {
            // A press ends keyboard wiring, as Escape would, and then means what it means. A
            // finger's press only sets a wire aimed by touch aside: on a phone the card to
            // wire to is often out of view, and panning or pinching to it keeps the aim.
            let aimed = std::mem::replace(&mut self.tool, ToolState::Idle);
            if p.kind == PointerKind::Touch {
                self.aim_set_aside = Some(aimed);
            }
        } else if self.touches.is_empty() {
            self.aim_set_aside = None;
        }
        self.set_announcement(None);
        if p.kind == PointerKind::Touch {
            self.touches.retain(|(id, _)| *id != p.pointer);
            self.touches.push((p.pointer, p.screen));
            if let [.., first, second] = self.touches[..]
                && self.tool.kind() != ToolKind::Pinching
            {
                // A second finger: what the first one began is rolled back, as Escape would,
                // and the two pinch.
                self.cancel_gesture();
                self.set_tool(ToolState::Pinching {
                    fingers: TwoFingers { first, second },
                });
                return Response::handled();
            }
        }
        if !matches!(self.tool, ToolState::Idle) {
            // A second finger or button during a gesture: ignored.
            return Response::ignored();
        }
        self.set_notice(None);
        let pan = match p.button {
            PointerButton::Middle => true,
            PointerButton::Primary => self.space_held,
            PointerButton::Secondary => return Response::ignored(),
        };
        if pan {
            self.set_tool(ToolState::Panning {
                pointer: p.pointer,
                last_screen: p.screen,
            });
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
        self.set_tool(ToolState::Pointing {
            pointer: p.pointer,
            target,
            down_screen: p.screen,
            down_world: p.world,
            modifiers: p.modifiers,
            was_selected,
        });
        Response::handled()
    }

    /// A right-click (or a touch long-press) selects what is under it as a click would, keeping
    /// a selection it belongs to, and asks for the menu there. Inside a datacenter's frame it
    /// picks the datacenter, so that a whole datacenter can be failed from its body. On empty
    /// canvas it clears the selection and asks for the canvas's menu (paste, select all, fit).
    pub(super) fn context_menu_at(&mut self, screen: Vec2, world: Vec2) -> Response {
        match self.tool.kind() {
            ToolKind::Idle => {}
            // A touch long-press: the press has not become a drag, so nothing changed yet.
            ToolKind::Pointing => self.cancel_gesture(),
            _ => return Response::ignored(),
        }
        self.set_notice(None);
        let target = self.hit(world);
        let item = match target {
            HitTarget::GroupBody(id) => Some(Selectable::Group(id)),
            other => selectable(&self.diagram, other),
        };
        let Some(item) = item else {
            self.selection = Selection::default();
            return Response::with(Effect::OpenContextMenu {
                item: None,
                at: screen,
            });
        };
        if !self.selection.contains(item) {
            self.selection = Selection::only(item);
        }
        Response::with(Effect::OpenContextMenu {
            item: Some(item),
            at: screen,
        })
    }

    pub(super) fn pointer_move(&mut self, p: PointerEvent) -> Response {
        self.last_pointer = Some(p);
        if let Some(touch) = self.touches.iter_mut().find(|(id, _)| *id == p.pointer) {
            touch.1 = p.screen;
        }
        if let ToolState::Pinching { fingers } = &mut self.tool {
            let Some((after, step)) = fingers.step(p.pointer, p.screen) else {
                return Response::ignored();
            };
            step.apply(&mut self.camera);
            *fingers = after;
            return Response::handled();
        }
        if let Some(owner) = self.tool.pointer()
            && owner != p.pointer
        {
            return Response::ignored();
        }
        // Moved out and back in below, never cloned; a mark the state holds rides along.
        let tool = std::mem::replace(&mut self.tool, ToolState::Idle);
        match tool {
            ToolState::Idle | ToolState::KeyboardConnecting { .. } => {
                self.set_tool(tool);
                self.hover = self.hit(p.world);
                Response::ignored()
            }
            // Handled above; kept for an exhaustive match.
            ToolState::Pinching { .. } => {
                self.set_tool(tool);
                Response::handled()
            }
            ToolState::DraggingFromPalette { item, .. } => {
                self.set_tool(ToolState::DraggingFromPalette {
                    item,
                    at: Some(p.world),
                });
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
                    self.set_tool(tool);
                    return Response::handled();
                }
                let next = self.start_drag(p, target, down_screen, down_world, modifiers);
                self.set_tool(next);
                // Apply the move that crossed the threshold too.
                if self.tool.kind() != ToolKind::Pointing {
                    self.pointer_move(p);
                }
                Response::handled()
            }
            ToolState::DraggingComponents {
                pointer,
                mark,
                ids,
                anchor,
                anchor_start,
                down_world,
                applied,
                drop_group: _,
            } => {
                let target = self.snapped(anchor_start + (p.world - down_world), p.modifiers);
                let total = target - anchor_start;
                let step = total - applied;
                let mut applied_now = applied;
                if step != Vec2::ZERO
                    && self.apply_command(Command::Move {
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
                self.set_tool(ToolState::DraggingComponents {
                    pointer,
                    mark,
                    ids,
                    anchor,
                    anchor_start,
                    down_world,
                    applied: applied_now,
                    drop_group,
                });
                Response::handled()
            }
            ToolState::DraggingGroup {
                pointer,
                mark,
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
                    && self.apply_command(Command::MoveGroup {
                        id,
                        delta: step.into(),
                    })
                {
                    applied_now = total;
                }
                self.set_tool(ToolState::DraggingGroup {
                    pointer,
                    mark,
                    id,
                    start_origin,
                    down_world,
                    applied: applied_now,
                });
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
                // Never smaller than its minimum, nor than the cards it holds: a resize
                // arranges the frame, and a card leaves it by being dragged out.
                let hold = layout::members_extent(&self.diagram, id).unwrap_or(start_rect.min);
                let max = Vec2::new(
                    corner
                        .x
                        .max(start_rect.min.x + layout::GROUP_MIN_SIZE.x)
                        .max(hold.x),
                    corner
                        .y
                        .max(start_rect.min.y + layout::GROUP_MIN_SIZE.y)
                        .max(hold.y),
                );
                let after: ModelRect = Rect::from_corners(start_rect.min, max).into();
                self.set_tool(tool);
                if let Some(before) = self.diagram.group(id).map(|g| g.bounds)
                    && before != after
                {
                    self.apply_command(Command::ResizeGroup { id, before, after });
                }
                Response::handled()
            }
            ToolState::Panning {
                pointer,
                last_screen,
            } => {
                self.camera.pan_by_screen(p.screen - last_screen);
                self.set_tool(ToolState::Panning {
                    pointer,
                    last_screen: p.screen,
                });
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
                self.set_tool(ToolState::Connecting {
                    pointer,
                    from,
                    from_position,
                    cursor: p.world,
                    valid_targets,
                    over,
                });
                Response::handled()
            }
            ToolState::ConnectingFromInput {
                pointer,
                to,
                to_position,
                valid_sources,
                ..
            } => {
                let over = self.connection_source(to, p.world);
                self.set_tool(ToolState::ConnectingFromInput {
                    pointer,
                    to,
                    to_position,
                    cursor: p.world,
                    valid_sources,
                    over,
                });
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
                self.set_tool(ToolState::BoxSelecting {
                    pointer,
                    start_world,
                    current_world: p.world,
                    base,
                });
                Response::handled()
            }
        }
    }

    pub(super) fn pointer_up(&mut self, p: PointerEvent) -> Response {
        self.touches.retain(|(id, _)| *id != p.pointer);
        if let ToolState::Pinching { fingers } = &self.tool {
            // Lifting either finger ends the pinch; the other does nothing until it lifts too.
            if fingers.holds(p.pointer) {
                self.set_tool(ToolState::Idle);
                self.take_aim_back();
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
        if matches!(tool, ToolState::Panning { .. }) {
            self.take_aim_back();
            return Response::handled();
        }
        self.aim_set_aside = None;
        match tool {
            ToolState::Idle => Response::ignored(),
            ToolState::KeyboardConnecting { .. } => {
                // A release without a press (the press went elsewhere): wiring goes on.
                self.set_tool(tool);
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
                if let Some(response) = self.tap_wire_start(&p, target) {
                    return response;
                }
                self.click(target, modifiers, was_selected);
                Response::handled()
            }
            ToolState::DraggingComponents { mark, ids, .. } => {
                // The regrouping joins the drag's undo entry.
                self.regroup_dropped(&ids);
                self.commit_gesture(mark);
                Response::handled()
            }
            ToolState::DraggingGroup { mark, .. } | ToolState::ResizingGroup { mark, .. } => {
                // A frame moved over cards or resized past them: what it shows inside is what it
                // holds, in the gesture's undo entry.
                self.regroup_all();
                self.commit_gesture(mark);
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
                    }) => self.set_notice(Some(Notice::WireRefused(reason))),
                    None => {}
                }
                Response::handled()
            }
            ToolState::ConnectingFromInput { to, .. } => {
                match self.connection_source(to, p.world) {
                    Some(SourceTarget {
                        port,
                        verdict: Ok(()),
                    }) => self.connect(port, to),
                    Some(SourceTarget {
                        verdict: Err(reason),
                        ..
                    }) => self.set_notice(Some(Notice::WireRefused(reason))),
                    None => {}
                }
                Response::handled()
            }
        }
    }

    /// The state a press on `target` becomes once the pointer leaves the drag threshold. The
    /// gestures that change the document open their history mark here, as they begin.
    fn start_drag(
        &mut self,
        p: PointerEvent,
        target: HitTarget,
        down_screen: Vec2,
        down_world: Vec2,
        modifiers: Modifiers,
    ) -> ToolState {
        match target {
            HitTarget::Component(id) => {
                let ids = self.selection.components_in_order(&self.diagram);
                let Some(anchor) = self.diagram.component(id) else {
                    return ToolState::Idle;
                };
                let ids = if ids.contains(&id) { ids } else { vec![id] };
                let (anchor_start, drop_group) = (anchor.pos.into(), anchor.group);
                ToolState::DraggingComponents {
                    pointer: p.pointer,
                    mark: self.history.begin(),
                    ids,
                    anchor: id,
                    anchor_start,
                    down_world,
                    applied: Vec2::ZERO,
                    drop_group,
                }
            }
            HitTarget::GroupTitle(id) => {
                let Some(group) = self.diagram.group(id) else {
                    return ToolState::Idle;
                };
                let start_origin = Vec2::new(group.bounds.x, group.bounds.y);
                ToolState::DraggingGroup {
                    pointer: p.pointer,
                    mark: self.history.begin(),
                    id,
                    start_origin,
                    down_world,
                    applied: Vec2::ZERO,
                }
            }
            HitTarget::GroupHandle(id) => {
                let Some(group) = self.diagram.group(id) else {
                    return ToolState::Idle;
                };
                let start = group.bounds;
                ToolState::ResizingGroup {
                    pointer: p.pointer,
                    mark: self.history.begin(),
                    id,
                    start,
                    down_world,
                }
            }
            HitTarget::OutPort(from) => {
                let from_position =
                    layout::out_ref_position(&self.diagram, from).unwrap_or(down_world);
                let valid_targets = self.valid_targets_from(from);
                ToolState::Connecting {
                    pointer: p.pointer,
                    from,
                    from_position,
                    cursor: down_world,
                    valid_targets,
                    over: None,
                }
            }
            HitTarget::InPort(to) => {
                let to_position = layout::in_ref_position(&self.diagram, to).unwrap_or(down_world);
                let valid_sources = self.valid_sources_into(to);
                ToolState::ConnectingFromInput {
                    pointer: p.pointer,
                    to,
                    to_position,
                    cursor: down_world,
                    valid_sources,
                    over: None,
                }
            }
            HitTarget::Wire(_) | HitTarget::GroupBody(_) | HitTarget::Canvas => {
                if modifiers.shift || modifiers.command() {
                    let base = if modifiers.shift {
                        self.selection.clone()
                    } else {
                        Selection::default()
                    };
                    ToolState::BoxSelecting {
                        pointer: p.pointer,
                        start_world: down_world,
                        current_world: down_world,
                        base,
                    }
                } else {
                    ToolState::Panning {
                        pointer: p.pointer,
                        last_screen: down_screen,
                    }
                }
            }
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

    // ----- the end of a gesture -----

    /// Enters `next`. The state it replaces must not hold a history mark: a gesture's mark
    /// leaves its state only through [`Editor::commit_gesture`] or [`Editor::cancel_gesture`].
    pub(super) fn set_tool(&mut self, next: ToolState) {
        debug_assert!(
            !self.tool.holds_mark(),
            "a gesture holding a history mark was overwritten instead of ended"
        );
        self.tool = next;
    }

    /// Commits a released gesture's mark: what it changed becomes one undo entry (none, and
    /// redo kept, if it changed nothing).
    fn commit_gesture(&mut self, mark: Mark) {
        // The mark came out of the gesture that opened it, the innermost open mark, so this
        // cannot be stale.
        let _ = self.history.commit(mark);
        self.selection.prune(&self.diagram);
    }

    /// After a pan or a pinch, the wire aimed by touch before it, if its card is still there.
    fn take_aim_back(&mut self) {
        let Some(aimed) = self.aim_set_aside.take() else {
            return;
        };
        if let ToolState::KeyboardConnecting { from, .. } = &aimed
            && let Some(source) = self.diagram.component(from.component)
            && matches!(self.tool, ToolState::Idle)
        {
            let from = super::notice::PortMention::Out {
                label: source.label.clone(),
                port: from.port,
            };
            self.set_tool(aimed);
            self.set_announcement(Some(super::notice::Announcement::TapAiming { from }));
        }
    }

    /// Ends any gesture, rolling back to its mark whatever document change it made: nothing is
    /// recorded and redo is kept.
    pub(super) fn cancel_gesture(&mut self) {
        let tool = std::mem::replace(&mut self.tool, ToolState::Idle);
        if let Some(mark) = tool.into_mark()
            && let Err((mark, error)) = self.history.rollback(mark, &mut self.diagram)
        {
            // Rolling back commands applied moments ago cannot fail unless a command is
            // buggy; keep the change rather than lose the mark.
            self.set_notice(Some(Notice::EditFailed(error.into())));
            let _ = self.history.commit(mark);
        }
        self.selection.prune(&self.diagram);
    }
}
