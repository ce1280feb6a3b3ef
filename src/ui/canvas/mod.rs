//! The canvas: an SVG drawing of the diagram under the editor's camera, and the DOM events
//! turned into editor input.
//!
//! Pointer events carry the screen position relative to the canvas element and the world
//! position under it (`Editor::world_at`); the editor's tool state machine decides what they
//! mean. Nothing here changes the diagram directly. For speed on large diagrams every card and
//! wire is a keyed `<For>` row whose closures read only that row's data through a memo, so a
//! drag re-renders the cards that moved and nothing else. Keys, clipboard and the help overlay
//! are global and live in `toolbar`. A right-click goes to the editor, which selects what is
//! under it and asks for the menu drawn by `context_menu`; the browser's own menu is suppressed
//! over the canvas only.
//!
//! This file holds the [`Canvas`] component: its layers and the wiring of its DOM events into
//! `editor::InputEvent`s. Beside it: `input` (DOM events to editor positions, modifiers and
//! buttons; the listeners attached at mount), `item_views` (the per-row view signals), `card`,
//! `wire` and `datacenter` (one file per kind of row), `grid` (the background and the arrowhead
//! marker), `overlays` (gesture previews and on-screen labels) and `tab_order` (Tab reaches the
//! cards before the wires and the datacenters drawn under them).

mod card;
mod datacenter;
mod grid;
mod input;
mod item_views;
mod overlays;
mod tab_order;
mod wire;

pub(super) use input::{canvas_element, focus_without_scroll};
pub(super) use tab_order::{keep_focus, note_key, selection_now, stop_of, tab};

use crate::decimal::Fixed;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::use_language;
use super::state::use_app;
use super::toolbar::perform;
use crate::editor::InputEvent;
use crate::model::{ComponentId, GroupId, WireId};
use crate::present::say;
use crate::present::text::canvas::CanvasText;
use crate::ui::erase::keyed;
use card::Card;
use datacenter::Datacenter;
use input::{attach_listeners, follow_auto_pan, pointer_event, screen_of};
use item_views::ItemViews;
use wire::WireLine;

/// Below this zoom card texts are too small to read and are not drawn (CSS `.canvas.far`),
/// which keeps painting a whole large diagram cheap; a card shows its label alone, at the size
/// `--far-font` says (`layout::far_font`).
use crate::editor::layout::{FAR_ZOOM, far_font};

/// How long a finger is held still before the canvas opens its menu (iOS's own long press
/// takes about as long).
const LONG_PRESS: std::time::Duration = std::time::Duration::from_millis(550);
/// For this long after the timer opened the menu, the browser's own `contextmenu` for the same
/// press is not a second request.
const LONG_PRESS_ECHO_MS: f64 = 1500.0;

/// The diagram canvas.
#[component]
pub fn Canvas() -> impl IntoView {
    let state = use_app();
    let editor = state.editor;
    let language = use_language();
    let area = NodeRef::<leptos::html::Main>::new();
    let views = ItemViews::new();
    provide_context(views);
    crate::ui::erase::effect(move || {
        // Tracks the editor; the updates themselves happen outside the borrow.
        editor.track();
        editor.with_untracked(|e| views.sync(e));
    });

    // Diagnostics, recomputed when the document or the language changes but not on every drag
    // move.
    let diagnostics = Memo::new(move |previous: Option<&Vec<say::Worded>>| {
        let lang = language.get();
        editor.with(|e| {
            let dragging = matches!(
                e.tool().kind(),
                crate::editor::ToolKind::DraggingComponents
                    | crate::editor::ToolKind::DraggingGroup
                    | crate::editor::ToolKind::ResizingGroup
            );
            match previous {
                Some(previous) if dragging => previous.clone(),
                _ => say::review(lang, e.diagram()),
            }
        })
    });
    // The ids each keyed layer is drawn from, as numbers (`erase::keyed`).
    let ids = move |of: fn(&crate::model::Diagram) -> Vec<u64>| {
        crate::ui::erase::memo(move || editor.with(|e| of(e.diagram())))
    };
    let component_ids = ids(|d| d.components.iter().map(|c| u64::from(c.id.0)).collect());
    let wire_ids = ids(|d| d.wires.iter().map(|w| u64::from(w.id.0)).collect());
    let group_ids = ids(|d| d.groups.iter().map(|g| u64::from(g.id.0)).collect());
    let camera = crate::ui::erase::memo(move || editor.with(|e| *e.camera()));

    attach_listeners(state, area);

    let element = move || {
        area.get_untracked()
            .map(|el| -> web_sys::Element { el.unchecked_into() })
    };

    // A finger held still opens the menu, as a right-click does. Android's browsers say so
    // with a `contextmenu` event, Safari on iOS does not: a timer asks for it too, and the
    // browser's event that follows a menu the timer opened is let go.
    let long_press = StoredValue::new((0u32, f64::NEG_INFINITY));
    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        let Some(el) = element() else { return };
        // Clicks on the overlays (refusal label) and the empty state pass through to here.
        focus_without_scroll(&el);
        if ev.button() == 2 {
            return;
        }
        let p = pointer_event(state, &el, &ev);
        let response = state.dispatch(InputEvent::PointerDown(p));
        if response.handled {
            let _ = el.set_pointer_capture(ev.pointer_id());
            ev.prevent_default();
        }
        if ev.pointer_type() == "touch" {
            long_press.update_value(|(press, _)| *press = press.wrapping_add(1));
            let press = long_press.get_value().0;
            set_timeout(
                move || {
                    // Still this press, and still not a drag (a pinch, a pan or a lifted
                    // finger has left the pointing state).
                    let still = long_press.get_value().0 == press
                        && state.editor.with_untracked(|e| {
                            e.tool().kind() == crate::editor::ToolKind::Pointing
                                && e.tool().pointer() == Some(p.pointer)
                        });
                    if !still {
                        return;
                    }
                    let response = state.dispatch(InputEvent::ContextMenu {
                        screen: p.screen,
                        world: p.world,
                    });
                    if let Some(effect) = response.effect {
                        long_press.update_value(|(_, at)| *at = crate::ui::run::now_ms());
                        perform(state, effect);
                    }
                },
                LONG_PRESS,
            );
        }
    };
    // A drag held near the edge pans the view, one animation frame at a time.
    let auto_panning = StoredValue::new(false);
    let on_pointermove = move |ev: web_sys::PointerEvent| {
        let Some(el) = element() else { return };
        state.dispatch(InputEvent::PointerMove(pointer_event(state, &el, &ev)));
        follow_auto_pan(state, auto_panning);
    };
    let on_pointerup = move |ev: web_sys::PointerEvent| {
        let Some(el) = element() else { return };
        let response = state.dispatch(InputEvent::PointerUp(pointer_event(state, &el, &ev)));
        if let Some(effect) = response.effect {
            perform(state, effect);
        }
        if el.has_pointer_capture(ev.pointer_id()) {
            let _ = el.release_pointer_capture(ev.pointer_id());
        }
    };
    let on_contextmenu = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        if crate::ui::run::now_ms() - long_press.get_value().1 < LONG_PRESS_ECHO_MS {
            return;
        }
        let Some(el) = element() else { return };
        let screen = screen_of(&el, ev.client_x() as f64, ev.client_y() as f64);
        let world = state.editor.with_untracked(|e| e.world_at(screen));
        let response = state.dispatch(InputEvent::ContextMenu { screen, world });
        if let Some(effect) = response.effect {
            perform(state, effect);
        }
    };
    let on_pointercancel = move |_: web_sys::PointerEvent| {
        state.dispatch(InputEvent::Cancel);
    };
    let transform = move || grid::world_transform(camera.get());
    let cursor = move || format!("cursor: {}", editor.with(|e| e.tool().cursor()));

    view! {
        <main
            class="canvas-area"
            data-testid="canvas"
            data-editor-keys=""
            aria-label=move || language.t(CanvasText::Canvas)
            tabindex="0"
            node_ref=area
            style=cursor
            on:pointerdown=on_pointerdown
            on:pointermove=on_pointermove
            on:pointerup=on_pointerup
            on:pointercancel=on_pointercancel
            on:lostpointercapture=move |_: web_sys::PointerEvent| {
                if editor.with_untracked(|e| e.tool().pointer().is_some()) {
                    state.dispatch(InputEvent::Cancel);
                }
            }
            on:contextmenu=on_contextmenu
            on:focusin=move |ev: web_sys::FocusEvent| {
                let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                let from = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                if let Some(target) = target {
                    tab_order::entered(state, &target, from);
                }
            }
        >
            <svg
                class="canvas"
                class:far=move || camera.with(|c| c.zoom < FAR_ZOOM)
                style=move || {
                    camera.with(|c| {
                        if c.zoom < FAR_ZOOM {
                            format!("--far-font: {}px", Fixed(far_font(c.zoom), 2))
                        } else {
                            String::new()
                        }
                    })
                }
                xmlns="http://www.w3.org/2000/svg"
                role="group"
                aria-label=move || language.t(CanvasText::Diagram)
            >
                {grid::background(camera)}
                <g class="world" transform=transform>
                    {keyed(move || group_ids.get(), |id| {
                        view! { <Datacenter id=GroupId(id as u32)/> }.into_any()
                    })}
                    {keyed(move || wire_ids.get(), |id| {
                        view! { <WireLine id=WireId(id as u32)/> }.into_any()
                    })}
                    {keyed(move || component_ids.get(), move |id| {
                        view! { <Card id=ComponentId(id as u32) diagnostics=diagnostics/> }.into_any()
                    })}
                    <super::run::RunOverlay/>
                    {overlays::ghost_wire(editor)}
                    {overlays::palette_ghost(editor)}
                    {overlays::box_select(editor)}
                </g>
            </svg>
            // The run's animated flows: a layer of their own, so their dashes repaint alone.
            <svg class="canvas-flows" xmlns="http://www.w3.org/2000/svg" aria-hidden="true">
                <g transform=transform>
                    <super::run::RunFlows/>
                </g>
            </svg>
            {overlays::empty_state(editor)}
            {overlays::refusal_label(editor)}
            {overlays::wire_status(editor)}
            {overlays::notice(editor)}
        </main>
    }
}
