//! The editor's single entry point for input: [`Editor::handle`] routes each [`InputEvent`] to
//! the file that does that job.
//!
//! Pointer presses, moves and releases, and the canvas context menu go to `pointer` (the
//! gesture transitions); keys go to `keyboard`; palette drops and pasted text become document
//! operations (`document_ops`); the wheel only touches the camera and is handled here; a resized
//! viewport goes to `viewport`. `Cancel` and `Blur` end any gesture the way Escape does, rolling back whatever
//! document change it made. This file holds no gesture logic and applies no command itself.

use super::Vec2;
use super::input::{InputEvent, Key, Modifiers};
use super::tool::ToolState;
use super::{Editor, Notice, Response};

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
                self.wheel(delta, at, modifiers);
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
                if !matches!(self.tool, ToolState::Idle) {
                    return Response::ignored();
                }
                self.set_notice(None);
                self.palette_drag_cancelled = false;
                self.set_tool(ToolState::DraggingFromPalette { item, at: None });
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
                // The end of a drag cancelled with Escape adds nothing.
                if std::mem::take(&mut self.palette_drag_cancelled) {
                    return Response::handled();
                }
                self.set_tool(ToolState::Idle);
                self.add_palette_item(item, world, Modifiers::NONE);
                Response::handled()
            }
            InputEvent::Paste { text } => {
                if !matches!(self.tool, ToolState::Idle) {
                    return Response::ignored();
                }
                self.paste_text(&text);
                Response::handled()
            }
            InputEvent::ContextMenu { screen, world } => self.context_menu_at(screen, world),
            InputEvent::AnimationFrame { elapsed_ms } => self.auto_pan(elapsed_ms),
            InputEvent::ViewportResized { size } => {
                if size.is_finite() && size.x > 0.0 && size.y > 0.0 {
                    self.resize_viewport(size);
                }
                Response::handled()
            }
        }
    }

    /// A wheel or trackpad scroll: Ctrl or Cmd (a trackpad's pinch comes with Ctrl) always
    /// zooms about the cursor; a plain wheel zooms too when [`EditorSettings::wheel_zooms`]
    /// says so, unless it mostly moves sideways (a tilted wheel, a trackpad's sideways swipe) or
    /// Shift is held; everything else pans, Shift turning an upright wheel sideways.
    ///
    /// A scroll moving both ways at once is a trackpad's (a mouse's wheel moves one way at a
    /// time): met while the wheel zooms, it says once that a wheel that pans can be chosen.
    ///
    /// [`EditorSettings::wheel_zooms`]: super::EditorSettings::wheel_zooms
    fn wheel(&mut self, delta: Vec2, at: Vec2, modifiers: Modifiers) {
        let upright = delta.y.abs() >= delta.x.abs();
        if self.settings.wheel_zooms
            && self.settings.wheel_hint
            && !self.wheel_hinted
            && !modifiers.command()
            && delta.x != 0.0
            && delta.y != 0.0
        {
            self.wheel_hinted = true;
            self.set_notice(Some(Notice::WheelCanPan));
        }
        if modifiers.command() || (self.settings.wheel_zooms && upright && !modifiers.shift) {
            self.camera.wheel_zoom(at, delta.y);
        } else if modifiers.shift && delta.x == 0.0 {
            self.camera.pan_by_screen(Vec2::new(-delta.y, 0.0));
        } else {
            self.camera.pan_by_screen(-delta);
        }
    }
}
