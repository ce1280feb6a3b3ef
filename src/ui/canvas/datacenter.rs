//! One datacenter: the `Datacenter` row, a labelled region with a title strip (its name and
//! region) and a resize handle, drawn behind the wires and cards.
//!
//! Unlike cards and wires it has no view signal in `ItemViews`: it reads the editor through
//! memos of its own, and marks itself selected, and as the drop target while the editor names
//! it so (`Editor::drop_group`). Like a card it is reached with Tab and selected with Enter or
//! Space. Nothing here changes the diagram.

use crate::decimal::shortest;
use leptos::prelude::*;

use super::card::select_on_enter;
use crate::editor::{Selectable, layout};
use crate::model::GroupId;
use crate::present::say;
use crate::ui::i18n::use_language;
use crate::ui::state::use_app;

/// A datacenter: a labelled region with a title strip and a resize handle.
#[component]
pub(super) fn Datacenter(
    /// The datacenter drawn.
    id: GroupId,
) -> impl IntoView {
    let state = use_app();
    let editor = state.editor;
    let language = use_language();
    let run = crate::ui::run::use_run();
    let data = crate::ui::erase::memo(move || {
        let lang = language.get();
        // While a run's figures are drawn, from afar they stand above the top row's cards as
        // large as the title, which then ends before them.
        let figures = run.is_some_and(|r| r.signals.canvas_snapshot.with(Option::is_some));
        editor.with(|e| {
            let d = e.diagram();
            let g = d.group(id)?;
            let zoom = e.camera().zoom;
            let title = say::datacenter_title(lang, &g.name, g.region);
            let shown = layout::group_title_shown(d, g, &title, zoom, figures);
            Some((
                layout::group_bounds(g),
                layout::group_title_bounds(g),
                layout::group_handle_bounds(g),
                title,
                shown,
            ))
        })
    });
    let selected = crate::ui::erase::memo(move || {
        editor.with(|e| e.selection().contains(Selectable::Group(id)))
    });
    let drop_here = crate::ui::erase::memo(move || editor.with(|e| e.drop_group() == Some(id)));
    // Reached with Tab like a card, and selected with Enter or Space: then the arrow keys move
    // it and Delete removes it.
    let on_key =
        move |ev: web_sys::KeyboardEvent| select_on_enter(state, &ev, Selectable::Group(id));
    view! {
        <g
            class="datacenter"
            class:selected=move || selected.get()
            class:drop-target=move || drop_here.get()
            data-testid="datacenter"
            data-canvas-stop="datacenter"
            data-id=id.0
            role="button"
            tabindex="0"
            aria-label=move || data.with(|d| d.as_ref().map(|d| d.3.clone()).unwrap_or_default())
            aria-pressed=move || if selected.get() { "true" } else { "false" }
            on:keydown=on_key
        >
            {move || {
                data.get()
                    .map(|(frame, title, handle, _, name)| {
                        view! {
                            <rect class="datacenter-frame" x=shortest(frame.min.x) y=shortest(frame.min.y) width=shortest(frame.width()) height=shortest(frame.height()) rx="12"></rect>
                            <rect class="datacenter-title" x=shortest(title.min.x) y=shortest(title.min.y) width=shortest(title.width()) height=shortest(title.height()) rx="12"></rect>
                            <text class="datacenter-name" x=shortest(title.min.x + layout::GROUP_NAME_MARGIN) y=shortest(title.min.y + 19.0)>{name}</text>
                            <rect class="datacenter-handle" data-testid="datacenter-handle" x=shortest(handle.min.x) y=shortest(handle.min.y) width=shortest(handle.width()) height=shortest(handle.height())></rect>
                        }
                    })
            }}
        </g>
    }
}
