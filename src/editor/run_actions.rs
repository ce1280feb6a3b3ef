//! Running the registry's actions: whether each [`Action`] can run now, and what running it
//! does.
//!
//! A toolbar button, a menu item and a shortcut (`keyboard`) all end here, so they cannot
//! drift apart. [`Editor::is_enabled`] is what the view greys out by; [`Editor::run`] does
//! nothing for a disabled action. Actions that edit the document do so through the document
//! operations (`document_ops`), each as one undo entry; camera and selection actions never
//! touch the history. Every edit waits for the gesture in progress to end (an action is enabled
//! only while idle), except Cancel, which ends that gesture and rolls back its change.
//!
//! Deliberately not here: the list of actions, their labels and keys (`actions`).

use crate::model::Point;

use super::actions::Action;
use super::camera::{MAX_ZOOM, MIN_ZOOM};
use super::clipboard;
use super::command::Command;
use super::context_menu;
use super::geometry::Vec2;
use super::input::Modifiers;
use super::layout;
use super::notice::Announcement;
use super::selection::{Selection, set_of};
use super::tool::{ToolKind, ToolState};
use super::{Editor, Effect, Response};

/// Zoom factor of one zoom-in/zoom-out action: each goes to the next power of it, so that the
/// buttons and keys always land on the same levels (80 %, 100 %, 125 %, 156 %...) whatever a
/// fit, a wheel or a pinch left the zoom at.
const ZOOM_STEP: f64 = 1.25;

/// The zoom one zoom-in (`up`) or zoom-out action goes to from `zoom`: the nearest power of
/// [`ZOOM_STEP`] beyond it (a zoom a hair off a level, as a fit leaves it, counts as the level).
pub(super) fn zoom_level_after(zoom: f64, up: bool) -> f64 {
    let at = zoom.ln() / ZOOM_STEP.ln();
    let k = if up {
        (at + 1e-6).floor() + 1.0
    } else {
        (at - 1e-6).ceil() - 1.0
    };
    ZOOM_STEP.powf(k)
}
/// Grid steps moved by a far nudge.
const FAR_NUDGE_STEPS: f64 = 5.0;

impl Editor {
    /// Whether `action` can run now (the view greys out buttons and menu items).
    pub fn is_enabled(&self, action: Action) -> bool {
        let idle = matches!(self.tool, ToolState::Idle);
        match action {
            Action::Delete => idle && !self.selection.is_empty(),
            Action::Duplicate | Action::Copy | Action::Cut => {
                idle && !self.selection.components.is_empty()
            }
            Action::Nudge(_) | Action::NudgeFar(_) => {
                idle && !(self.selection.components.is_empty() && self.selection.groups.is_empty())
            }
            Action::Paste => idle,
            Action::Undo => idle && self.history.can_undo(),
            Action::Redo => idle && self.history.can_redo(),
            Action::SelectAll => {
                idle && (!self.diagram.components.is_empty() || !self.diagram.groups.is_empty())
            }
            Action::FitToView => layout::diagram_bounds(&self.diagram).is_some(),
            Action::Cancel => !idle || !self.selection.is_empty() || self.notice.is_some(),
            Action::ZoomIn => self.camera.zoom < MAX_ZOOM,
            Action::ZoomOut => self.camera.zoom > MIN_ZOOM,
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
                if result.is_ok() {
                    self.set_announcement(Some(Announcement::Undone));
                }
                self.after_history(result);
                Response::handled()
            }
            Action::Redo => {
                let result = self.history.redo(&mut self.diagram);
                if result.is_ok() {
                    self.set_announcement(Some(Announcement::Redone));
                }
                self.after_history(result);
                Response::handled()
            }
            Action::SelectAll => {
                self.selection = Selection {
                    components: set_of(self.diagram.components.iter().map(|c| c.id)),
                    wires: set_of(self.diagram.wires.iter().map(|w| w.id)),
                    groups: set_of(self.diagram.groups.iter().map(|g| g.id)),
                };
                Response::handled()
            }
            Action::FitToView => {
                self.fit_to_view();
                Response::handled()
            }
            Action::Cancel => {
                if self.tool.kind() == ToolKind::KeyboardConnecting {
                    self.set_announcement(Some(Announcement::WiringCancelled));
                }
                if !matches!(self.tool, ToolState::Idle) {
                    // Escape during a drag from the palette: the drop that still ends it must
                    // add nothing (a blur or a lost pointer leaves a drop honoured).
                    self.palette_drag_cancelled =
                        matches!(self.tool, ToolState::DraggingFromPalette { .. });
                    self.cancel_gesture();
                } else {
                    self.set_notice(None);
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
                let delta = Point::new(x * step, y * step);
                // A selected frame moves with every card in it, as a drag of its title does;
                // a selected card in a selected frame moves once, with its frame.
                let frames: Vec<_> = self.selection.groups.iter().copied().collect();
                let ids: Vec<_> = self
                    .selection
                    .components_in_order(&self.diagram)
                    .into_iter()
                    .filter(|id| {
                        self.diagram
                            .component(*id)
                            .is_none_or(|c| c.group.is_none_or(|g| !frames.contains(&g)))
                    })
                    .collect();
                // One undo entry: the moves, and the cards joining the frame they now sit in.
                let mark = self.history.begin();
                let mut frames_moved = false;
                for id in frames.iter().copied() {
                    frames_moved |= self.apply_command(Command::MoveGroup { id, delta });
                }
                let cards_moved = !ids.is_empty()
                    && self.apply_command(Command::Move {
                        ids: ids.clone(),
                        delta,
                    });
                if frames_moved {
                    // A frame nudged over cards or off them: what each frame shows inside is
                    // what it holds, as after a drag of its title.
                    self.regroup_all();
                } else if cards_moved {
                    self.regroup_dropped(&ids);
                }
                let _ = self.history.commit(mark);
                self.selection.prune(&self.diagram);
                Response::handled()
            }
            Action::ZoomIn | Action::ZoomOut | Action::ResetZoom => {
                let centre = self.viewport.scale(0.5);
                match action {
                    Action::ZoomIn => self
                        .camera
                        .zoom_at(centre, zoom_level_after(self.camera.zoom, true)),
                    Action::ZoomOut => self
                        .camera
                        .zoom_at(centre, zoom_level_after(self.camera.zoom, false)),
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
                        item: Some(item),
                        at: self.camera.world_to_screen(world),
                    }),
                    None => Response::ignored(),
                }
            }
            Action::AddAtCentre(kind) => {
                let centre = self.camera.screen_to_world(self.viewport.scale(0.5));
                let at = self.snapped(centre, Modifiers::NONE);
                self.add_component_near(kind, at);
                // A crowded middle (a phone's narrow canvas, say) may push it off screen.
                self.reveal_selection();
                Response::handled()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::zoom_level_after;

    #[test]
    fn zoom_steps_land_on_the_same_levels_whatever_zoom_they_start_from() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(zoom_level_after(1.0, true), 1.25));
        assert!(close(zoom_level_after(1.25, true), 1.5625));
        assert!(close(zoom_level_after(1.0, false), 0.8));
        // A fit a hair under 100 % goes to 100 %, then 125 %; down from it, to 80 %.
        assert!(close(zoom_level_after(0.995, true), 1.0));
        assert!(close(zoom_level_after(0.995, false), 0.8));
        // A level a rounding error off counts as the level.
        assert!(close(zoom_level_after(1.25 * (1.0 + 1e-12), true), 1.5625));
        assert!(close(zoom_level_after(0.8 * (1.0 - 1e-12), false), 0.64));
        // Out and back in returns where it started, from a level.
        assert!(close(
            zoom_level_after(zoom_level_after(1.0, false), true),
            1.0
        ));
    }
}
