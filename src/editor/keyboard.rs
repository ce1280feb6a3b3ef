//! Keyboard handling: a key's meaning in the current state, and wiring from the keyboard.
//!
//! [`Editor::key_down`] first gives the keys of keyboard wiring (Tab, the arrows, Enter) to a
//! wire being aimed, then tracks Space (held, it turns a primary drag into a pan), then looks
//! the key up in the action registry and runs what it finds through the same
//! [`Editor::run`] as the toolbar and the menus. A key of a disabled action is swallowed
//! anyway, so Backspace never navigates away and Ctrl+D never bookmarks. Paste's key is left to
//! the browser, whose `paste` event brings the text back as [`InputEvent::Paste`].
//!
//! Keyboard wiring ([`ToolState::KeyboardConnecting`], started by the `StartWire` action) is
//! the keyboard's way to draw a wire: every other card's best input port is a target, the
//! acceptable ones first; Tab and the arrows pick, W moves to the source's next output, Enter
//! connects or explains the refusal, Escape or a pointer press cancels. Nothing changes in the
//! document until Enter, so the state holds no history mark. What it says for screen readers
//! goes to the editor's announcement.
//!
//! [`InputEvent::Paste`]: super::InputEvent::Paste

use crate::model::{InPortRef, OutPortRef};

use super::actions::{Action, action_for_key};
use super::input::{Key, Modifiers};
use super::layout;
use super::notice::{Announcement, Notice, PortMention};
use super::tool::{ConnectionTarget, ToolKind, ToolState};
use super::{Editor, Response};

impl Editor {
    pub(super) fn key_down(&mut self, key: Key, modifiers: Modifiers) -> Response {
        if self.tool.kind() == ToolKind::KeyboardConnecting
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

    // ----- keyboard wiring -----

    /// Starts wiring from the selected component's first output, or, while wiring, moves to
    /// the source's next output.
    pub(super) fn start_keyboard_wire(&mut self) {
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
        // Acceptable targets first, each group in drawing order.
        let targets = self.connection_targets(from, component);
        if targets.is_empty() {
            let label = source.label.clone();
            self.set_tool(ToolState::Idle);
            self.set_notice(Some(Notice::NothingToConnect {
                label: label.clone(),
            }));
            self.set_announcement(Some(Announcement::NothingToConnect { label }));
            return;
        }
        let valid_targets = targets
            .iter()
            .filter(|t| t.verdict.is_ok())
            .map(|t| t.port)
            .collect();
        let from_position =
            layout::out_ref_position(&self.diagram, from).unwrap_or_else(|| source.pos.into());
        self.set_notice(None);
        self.set_tool(ToolState::KeyboardConnecting {
            from,
            from_position,
            targets,
            valid_targets,
            current: 0,
        });
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
        self.set_notice(None);
        self.announce_keyboard_wire(false);
    }

    /// Enter: connects to the picked target if the rules allow it, else says why and goes on.
    fn finish_keyboard_wire(&mut self) {
        let Some((from, target, _, _)) = self.keyboard_aim() else {
            return;
        };
        match target.verdict {
            Ok(()) => {
                self.set_tool(ToolState::Idle);
                self.connect(from, target.port);
                let connected = Announcement::Connected {
                    from: self.describe_out(from),
                    to: self.describe_in(target.port),
                };
                self.set_announcement(Some(connected));
            }
            // Said once, in the status line the wiring speaks in (beside the aimed port's own
            // refusal): a notice as well repeated it a third time.
            Err(reason) => {
                self.set_announcement(Some(Announcement::Refused {
                    target: self.describe_in(target.port),
                    reason,
                }));
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
        let aiming = Announcement::Aiming {
            from: started.then(|| self.describe_out(from)),
            target: self.describe_in(target.port),
            index: current,
            count,
            verdict: target.verdict,
        };
        self.set_announcement(Some(aiming));
    }

    fn describe_out(&self, port: OutPortRef) -> PortMention {
        match self.diagram.component(port.component) {
            Some(c) => PortMention::Out {
                label: c.label.clone(),
                port: port.port,
            },
            None => PortMention::Missing(port.component),
        }
    }

    fn describe_in(&self, port: InPortRef) -> PortMention {
        match self.diagram.component(port.component) {
            Some(c) => PortMention::In {
                label: c.label.clone(),
                port: port.port,
            },
            None => PortMention::Missing(port.component),
        }
    }
}
