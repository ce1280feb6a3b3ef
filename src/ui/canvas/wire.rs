//! One wire: the `WireLine` row, a straight line from its output port to its input port ending
//! in the shared arrowhead, and the plain [`WireView`] snapshot it draws from.
//!
//! Like a card, a wire reads only its own view signal (kept by [`ItemViews`]), so moving a card
//! re-renders the wires attached to it and no others. A wire whose ends cannot be placed draws
//! nothing. Nothing here changes the diagram.

use leptos::prelude::*;
use std::collections::HashMap;

use super::item_views::ItemViews;
use crate::editor::layout::{self, HitTarget};
use crate::editor::{Editor, Selectable, Vec2};
use crate::model::{Component, ComponentId, Wire, WireId};
use crate::ui::state::use_app;

/// Everything one wire draws.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct WireView {
    from: Vec2,
    to: Vec2,
    selected: bool,
    hovered: bool,
}

/// What `w` draws in the editor's state now, with its two ends looked up in `by_id`; `None`
/// when an end cannot be placed.
pub(super) fn wire_view(
    e: &Editor,
    by_id: &HashMap<ComponentId, &Component>,
    w: &Wire,
) -> Option<WireView> {
    Some(WireView {
        from: layout::out_port_position(by_id.get(&w.from.component)?, w.from.port)?,
        to: layout::in_port_position(by_id.get(&w.to.component)?, w.to.port)?,
        selected: e.selection().contains(Selectable::Wire(w.id)),
        hovered: e.hover() == HitTarget::Wire(w.id),
    })
}

/// One wire: a straight line from its output port to its input port, with an arrowhead.
#[component]
pub(super) fn WireLine(
    /// The wire drawn.
    id: WireId,
) -> impl IntoView {
    let editor = use_app().editor;
    let views = expect_context::<ItemViews>();
    let view = RwSignal::new(editor.with_untracked(|e| {
        let d = e.diagram();
        let w = d.wire(id)?;
        let by_id: HashMap<ComponentId, &Component> = [w.from.component, w.to.component]
            .into_iter()
            .filter_map(|c| d.component(c).map(|found| (c, found)))
            .collect();
        wire_view(e, &by_id, w)
    }));
    views.wires.update_value(|map| {
        map.insert(id, view);
    });
    let geometry = Memo::new(move |_| view.with(|v| v.map(|v| (v.from, v.to))));
    let selected = Memo::new(move |_| view.with(|v| v.is_some_and(|v| v.selected)));
    let hovered = Memo::new(move |_| view.with(|v| v.is_some_and(|v| v.hovered)));
    // Stop the arrowhead at the port circle's edge.
    let end = move || {
        geometry.get().map(|(from, to)| {
            let delta = to - from;
            let length = delta.length().max(1.0);
            (from, to - delta.scale(6.0 / length))
        })
    };
    view! {
        <g class="wire" class:selected=move || selected.get() class:hovered=move || hovered.get() data-testid="wire" data-id=id.0>
            <line
                class="wire-line"
                x1=move || end().map(|(f, _)| f.x).unwrap_or_default()
                y1=move || end().map(|(f, _)| f.y).unwrap_or_default()
                x2=move || end().map(|(_, t)| t.x).unwrap_or_default()
                y2=move || end().map(|(_, t)| t.y).unwrap_or_default()
                marker-end="url(#wire-arrow)"
            ></line>
        </g>
    }
}
