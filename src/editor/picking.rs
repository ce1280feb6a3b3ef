//! What a point or a rectangle picks on the canvas, and where a wire being drawn would end.
//!
//! Hit testing at the editor's tolerance (a few screen pixels, whatever the zoom), the items a
//! selection rectangle takes, the input ports the connection rules accept from an output (and
//! the outputs they accept into an input, for a wire drawn backwards), and the port a wire
//! would snap to under the cursor or on a card, with the rule's refusal when it may not. Shared by the pointer gestures, keyboard wiring and the context menu.
//!
//! Read-only: nothing here changes the document, the selection or the tool state. The
//! geometry of cards and ports is `layout`'s; the connection rules are the model's.

use crate::model::{ComponentId, Diagram, InPort, InPortRef, OutPortRef, check_connection};

use super::Editor;
use super::geometry::{BoxSelectMode, Rect, Vec2, box_selects};
use super::layout::{self, HitTarget};
use super::notice::WireRefusal;
use super::selection::{Selectable, Selection, set_of};
use super::tool::{ConnectionTarget, SourceTarget};

impl Editor {
    pub(super) fn hit(&self, world: Vec2) -> HitTarget {
        let tolerance = self.camera.screen_len_to_world(self.settings.hit_radius_px);
        layout::hit_test_routed(&self.diagram, world, tolerance, &mut self.wire_router())
    }

    /// Items a selection rectangle picks: components and datacenters it touches, wires whose
    /// both ends it holds.
    pub(super) fn boxed(&self, rect: &Rect) -> Selection {
        let mode = BoxSelectMode::Intersect;
        let components = set_of(
            self.diagram
                .components
                .iter()
                .filter(|c| box_selects(rect, &layout::card_bounds(c), mode))
                .map(|c| c.id),
        );
        let wires = set_of(
            self.diagram
                .wires
                .iter()
                .filter(|w| {
                    components.contains(&w.from.component) && components.contains(&w.to.component)
                })
                .map(|w| w.id),
        );
        let groups = set_of(
            self.diagram
                .groups
                .iter()
                .filter(|g| box_selects(rect, &layout::group_bounds(g), BoxSelectMode::Contain))
                .map(|g| g.id),
        );
        Selection {
            components,
            wires,
            groups,
        }
    }

    /// Every input port the rules accept from `from`, in drawing order.
    pub(super) fn valid_targets_from(&self, from: OutPortRef) -> Vec<InPortRef> {
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
    pub(super) fn connection_target(
        &self,
        from: OutPortRef,
        world: Vec2,
    ) -> Option<ConnectionTarget> {
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
        let verdict = check_connection(&self.diagram, from, port).map_err(WireRefusal::Rule);
        Some(ConnectionTarget { port, verdict })
    }

    /// Every other card as the end of a wire from `from` (a port of card `source`), the
    /// acceptable ones first, each group in drawing order: what keyboard and touch wiring step
    /// through. (A partition, not a sort: one copy of this code serves both.)
    pub(super) fn connection_targets(
        &self,
        from: OutPortRef,
        source: ComponentId,
    ) -> Vec<ConnectionTarget> {
        let (mut acceptable, refused): (Vec<_>, Vec<_>) = self
            .diagram
            .components
            .iter()
            .filter(|c| c.id != source)
            .filter_map(|c| self.card_target(from, c.id))
            .partition(|t| t.verdict.is_ok());
        acceptable.extend(refused);
        acceptable
    }

    /// The input port of card `id` a wire from `from` would end at: its first acceptable input,
    /// else its first input with the refusal, else (a card with no inputs) the reason it accepts
    /// nothing.
    pub(super) fn card_target(
        &self,
        from: OutPortRef,
        id: ComponentId,
    ) -> Option<ConnectionTarget> {
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
                        verdict: Err(WireRefusal::Rule(reason)),
                    });
                }
            }
        }
        Some(first.unwrap_or(ConnectionTarget {
            // The card accepts nothing at all (Users): there is no port to point at, but the
            // user deserves the reason.
            port: InPortRef {
                component: id,
                port: InPort::Requests,
            },
            verdict: Err(WireRefusal::AcceptsNothing(kind)),
        }))
    }
}

impl Editor {
    /// Every output port the rules accept into `to`, in drawing order.
    pub(super) fn valid_sources_into(&self, to: InPortRef) -> Vec<OutPortRef> {
        let mut sources = Vec::new();
        for c in &self.diagram.components {
            for port in c.kind.ports().outputs {
                let from = OutPortRef {
                    component: c.id,
                    port: *port,
                };
                if check_connection(&self.diagram, from, to).is_ok() {
                    sources.push(from);
                }
            }
        }
        sources
    }

    /// The output port a wire drawn backwards into `to` would start at with the cursor at
    /// `world`: the port under it, or, over a card, that card's first acceptable output (else
    /// its first output, to explain the refusal). `None` over empty canvas, the input's own card
    /// or a card with no output.
    pub(super) fn connection_source(&self, to: InPortRef, world: Vec2) -> Option<SourceTarget> {
        let port = match self.hit(world) {
            HitTarget::OutPort(port) if port.component != to.component => port,
            HitTarget::OutPort(_) => return None,
            HitTarget::Component(id) | HitTarget::InPort(InPortRef { component: id, .. }) => {
                if id == to.component {
                    return None;
                }
                return self.card_source(to, id);
            }
            HitTarget::Wire(_)
            | HitTarget::GroupHandle(_)
            | HitTarget::GroupTitle(_)
            | HitTarget::GroupBody(_)
            | HitTarget::Canvas => return None,
        };
        let verdict = check_connection(&self.diagram, port, to).map_err(WireRefusal::Rule);
        Some(SourceTarget { port, verdict })
    }

    /// The output port of card `id` a wire into `to` would start at: its first acceptable
    /// output, else its first output with the refusal; `None` for a card with no output.
    fn card_source(&self, to: InPortRef, id: ComponentId) -> Option<SourceTarget> {
        let kind = self.diagram.component(id)?.kind;
        let mut first = None;
        for port in kind.ports().outputs {
            let candidate = OutPortRef {
                component: id,
                port: *port,
            };
            match check_connection(&self.diagram, candidate, to) {
                Ok(()) => {
                    return Some(SourceTarget {
                        port: candidate,
                        verdict: Ok(()),
                    });
                }
                Err(reason) => {
                    first.get_or_insert(SourceTarget {
                        port: candidate,
                        verdict: Err(WireRefusal::Rule(reason)),
                    });
                }
            }
        }
        first
    }
}

/// The selectable item a press on `target` picks, if any.
pub(super) fn selectable(diagram: &Diagram, target: HitTarget) -> Option<Selectable> {
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
