//! One wire: the `WireLine` row, its route around the cards from its output port to its input
//! port (`editor::routing`, rounded corners) ending in the shared arrowhead, and the plain
//! [`WireView`] snapshot it draws from.
//!
//! Like a card, a wire is reached with Tab and selected with Enter or Space (named by the
//! labels of its ends, as the fault list names it), and reads only its own view signal (kept by
//! [`ItemViews`]), so moving a card re-renders the wires attached to it and no others. A wire whose ends cannot be placed draws
//! nothing. Nothing here changes the diagram.

use leptos::prelude::*;

use super::card::select_on_enter;
use super::item_views::ItemViews;
use crate::editor::layout::{self, HitTarget};
use crate::editor::routing::Router;
use crate::editor::{Editor, Selectable};
use crate::model::{Component, ComponentId, Wire, WireId};
use crate::present::say;
use crate::present::text::run_faults;
use crate::ui::i18n::use_language;
use crate::ui::state::use_app;

/// How far short of its input port a wire's path stops: the arrowhead fills the gap up to the
/// port's circle.
const ARROW_GAP: f64 = 6.0;

/// Everything one wire draws.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct WireView {
    /// The SVG path data of its route.
    path: String,
    /// The labels of the components at its two ends (its accessible name).
    ends: (String, String),
    /// The port it leaves from, when another wire joins the same two components (its name
    /// then says it).
    twin_port: Option<crate::model::OutPort>,
    selected: bool,
    hovered: bool,
}

/// What `w` draws in the editor's state now (`twin`: another wire joins the same two
/// components), with its two ends looked up by `find` and its
/// route from `router` (the editor's, around the diagram's cards); `None` when an end cannot be
/// placed.
pub(super) fn wire_view<'d>(
    e: &Editor,
    find: &dyn Fn(ComponentId) -> Option<&'d Component>,
    router: &mut Router<'_>,
    w: &Wire,
    twin: bool,
) -> Option<WireView> {
    let (start, end) = (find(w.from.component)?, find(w.to.component)?);
    let from = layout::out_port_position(start, w.from.port)?;
    let to = layout::in_port_position(end, w.to.port)?;
    Some(WireView {
        path: router.route(from, to).svg_path(ARROW_GAP),
        ends: (start.label.clone(), end.label.clone()),
        twin_port: twin.then_some(w.from.port),
        selected: e.selection().contains(Selectable::Wire(w.id)),
        hovered: e.hover() == HitTarget::Wire(w.id),
    })
}

/// One wire: its route from its output port to its input port, with an arrowhead.
#[component]
pub(super) fn WireLine(
    /// The wire drawn.
    id: WireId,
) -> impl IntoView {
    let state = use_app();
    let editor = state.editor;
    let language = use_language();
    let views = expect_context::<ItemViews>();
    let view = RwSignal::new(editor.with_untracked(|e| {
        let d = e.diagram();
        let w = d.wire(id)?;
        let twin = crate::ui::run::has_twin(d, w);
        wire_view(e, &|c| d.component(c), &mut e.wire_router(), w, twin)
    }));
    views.wires.update_value(|map| {
        map.insert(id, view);
    });
    let path = crate::ui::erase::memo(move || {
        view.with(|v| v.as_ref().map(|v| v.path.clone()).unwrap_or_default())
    });
    let selected =
        crate::ui::erase::memo(move || view.with(|v| v.as_ref().is_some_and(|v| v.selected)));
    let hovered =
        crate::ui::erase::memo(move || view.with(|v| v.as_ref().is_some_and(|v| v.hovered)));
    // Reached with Tab like a card, and selected with Enter or Space: then Delete removes it.
    let name = move || {
        let lang = language.get();
        view.with(|v| {
            v.as_ref()
                .map(|v| match v.twin_port {
                    Some(port) => run_faults::wire_target_from_port(
                        lang,
                        &v.ends.0,
                        say::out_port_name(lang, port),
                        &v.ends.1,
                    ),
                    None => run_faults::wire_target(lang, &v.ends.0, &v.ends.1),
                })
                .unwrap_or_default()
        })
    };
    let on_key =
        move |ev: web_sys::KeyboardEvent| select_on_enter(state, &ev, Selectable::Wire(id));
    view! {
        <g
            class="wire"
            class:selected=move || selected.get()
            class:hovered=move || hovered.get()
            data-testid="wire"
            data-canvas-stop="wire"
            data-id=id.0
            role="button"
            tabindex="0"
            aria-label=name
            aria-pressed=move || if selected.get() { "true" } else { "false" }
            on:keydown=on_key
        >
            <path class="wire-line" d=move || path.get() marker-end="url(#wire-arrow)"></path>
        </g>
    }
}
