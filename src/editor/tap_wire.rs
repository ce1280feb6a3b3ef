//! Wiring by touch, where a port is too small to drag from reliably and a finger hides the
//! target: tap an output port, then tap the card (or the input port) to connect it to.
//!
//! A touch tap (a press and release without a drag) on an output port starts aiming a wire
//! from it in the keyboard wiring's state ([`ToolState::KeyboardConnecting`]), so the view draws
//! the same preview, outlines the same acceptable cards and nothing changes in the document
//! yet; the live region says how to go on. The next touch press on another card or its port
//! connects to that card's acceptable input, or shows why the card refuses the wire and keeps
//! aiming; a press anywhere else ends the wiring as any press ends keyboard wiring, and then
//! means what it means, except that a finger panning or pinching the view (on a phone the card
//! is often out of view) leaves the wire aimed once it lifts. `pointer` calls the two hooks here, one line each; a mouse click on a
//! port still only selects its card (a mouse drags wires).

use super::input::{PointerEvent, PointerKind};
use super::layout::{self, HitTarget};
use super::notice::{Announcement, Notice};
use super::tool::ToolState;
use super::{Editor, Response};
use crate::model::OutPortRef;

impl Editor {
    /// A release ending a tap on `target` (the tool is idle again): a touch tap on an output
    /// port starts aiming a wire from it. `None` for any other release.
    pub(super) fn tap_wire_start(
        &mut self,
        p: &PointerEvent,
        target: HitTarget,
    ) -> Option<Response> {
        let HitTarget::OutPort(from) = target else {
            return None;
        };
        if p.kind != PointerKind::Touch {
            return None;
        }
        let source = self.diagram.component(from.component)?;
        let label = source.label.clone();
        let from_position =
            layout::out_ref_position(&self.diagram, from).unwrap_or_else(|| source.pos.into());
        // Acceptable targets first (the preview points at the first), in drawing order.
        let targets = self.connection_targets(from, from.component);
        if targets.is_empty() {
            self.set_notice(Some(Notice::NothingToConnect { label }));
            return Some(Response::handled());
        }
        let valid_targets = targets
            .iter()
            .filter(|t| t.verdict.is_ok())
            .map(|t| t.port)
            .collect();
        self.set_notice(None);
        self.set_tool(ToolState::KeyboardConnecting {
            from,
            from_position,
            targets,
            valid_targets,
            current: 0,
        });
        self.set_announcement(Some(Announcement::TapAiming {
            from: super::notice::PortMention::Out {
                label,
                port: from.port,
            },
        }));
        Some(Response::handled())
    }

    /// A touch press while a wire is aimed: on another card or one of its ports it connects to
    /// that card, or says why the card refuses and keeps aiming. `None` when it is not a touch
    /// press during wiring, or lands elsewhere (the caller ends the wiring).
    pub(super) fn tap_wire_press(&mut self, p: &PointerEvent) -> Option<Response> {
        if p.kind != PointerKind::Touch {
            return None;
        }
        let ToolState::KeyboardConnecting { from, .. } = &self.tool else {
            return None;
        };
        let from: OutPortRef = *from;
        let target = self.connection_target(from, p.world)?;
        match target.verdict {
            Ok(()) => {
                self.set_tool(ToolState::Idle);
                self.set_notice(None);
                self.connect(from, target.port);
                self.set_announcement(None);
            }
            Err(reason) => {
                // The preview and its refusal now point at the card tapped, not at whichever
                // target the aim started on.
                if let ToolState::KeyboardConnecting {
                    targets, current, ..
                } = &mut self.tool
                    && let Some(i) = targets.iter().position(|t| t.port == target.port)
                {
                    *current = i;
                }
                self.set_notice(Some(Notice::WireRefused(reason)));
            }
        }
        Some(Response::handled())
    }
}
