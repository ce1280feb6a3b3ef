//! The palette: every component kind of the catalogue, with its icon and one-line description.
//!
//! An item is a button: a click (or Enter/Space when focused) adds the kind in the middle of the
//! view through the registered `AddAtCentre` action; dragging it onto the canvas (pointer events
//! with capture, so touch works too) feeds the editor `PaletteDragStart/Over/Drop` with world
//! positions under the canvas's camera, and the canvas draws the ghost card. The datacenter
//! entry works the same way: a click frames the middle of the view, a drag drops the frame
//! centred where it is released. On a narrow screen the palette is a drawer (`drawer`): adding
//! a card or starting a drag closes it, so the canvas shows where the card goes.

use super::icons::KindIcon;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::canvas::{canvas_element, focus_without_scroll};
use super::drawer::{Drawer, DrawerClose, use_drawers};
use super::i18n::use_language;
use super::state::use_app;
use crate::editor::{Action, InputEvent, PaletteItem, Vec2};
use crate::model::{ComponentKind, Region};
use crate::present::say;
use crate::present::text::palette::{self as palette_text, PaletteText};

/// How far (CSS pixels) the pointer must move before pressing an item becomes a drag.
const DRAG_THRESHOLD_PX: f64 = 4.0;

/// `kind`'s name in the DOM's `data-kind` attributes (the palette's items, the canvas's cards,
/// the inspector's form), which the tests and scripts select on: the variant's name, written out
/// so that it never depends on `Debug`.
pub fn kind_id(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Users => "Users",
        ComponentKind::Dns => "Dns",
        ComponentKind::Cdn => "Cdn",
        ComponentKind::LoadBalancer => "LoadBalancer",
        ComponentKind::WebServers => "WebServers",
        ComponentKind::Cache => "Cache",
        ComponentKind::SessionStore => "SessionStore",
        ComponentKind::Database => "Database",
        ComponentKind::NoSql => "NoSql",
        ComponentKind::ShardedDatabase => "ShardedDatabase",
        ComponentKind::MessageQueue => "MessageQueue",
        ComponentKind::Workers => "Workers",
        ComponentKind::MetricsSink => "MetricsSink",
    }
}

/// A press on a palette item, until it ends.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Press {
    item: PaletteItem,
    pointer: i32,
    start: Vec2,
    dragging: bool,
}

/// The world position under a client position if it is over the canvas.
fn world_over_canvas(state: super::state::AppState, x: f64, y: f64) -> Option<Vec2> {
    let canvas = canvas_element()?;
    let rect = canvas.get_bounding_client_rect();
    let inside = x >= rect.left() && x <= rect.right() && y >= rect.top() && y <= rect.bottom();
    inside.then(|| {
        state
            .editor
            .with_untracked(|e| e.world_at(Vec2::new(x - rect.left(), y - rect.top())))
    })
}

/// The left column listing the component catalogue.
#[component]
pub fn Palette() -> impl IntoView {
    let state = use_app();
    let language = use_language();
    let t = move |key: PaletteText| move || language.t(key);
    let drawers = use_drawers();
    let press = RwSignal::new(None::<Press>);
    // Set when a drag ended on this item, so the click that follows is not an add.
    let swallow_click = RwSignal::new(false);
    // Narrowed to its icons (a desktop's wide layout only: `web/style.css`). A lesson narrows
    // it while it is open, so that the canvas beside its panel shows the design large enough
    // to read; leaving the lesson gives back the width the person had chosen.
    let compact = RwSignal::new(false);
    let lessons = super::lessons::use_lessons();
    let chosen = StoredValue::new(false);
    let was_open = StoredValue::new(false);
    crate::ui::erase::effect(move || {
        let open = lessons.open.get().is_some();
        if open != was_open.get_value() {
            was_open.set_value(open);
            if open {
                chosen.set_value(compact.get_untracked());
                compact.set(true);
            } else {
                compact.set(chosen.get_value());
            }
        }
    });
    let fold_label = move || {
        language.t(if compact.get() {
            PaletteText::Expand
        } else {
            PaletteText::Collapse
        })
    };

    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(mut p) = press.get_untracked() else {
            return;
        };
        if p.pointer != ev.pointer_id() {
            return;
        }
        let here = Vec2::new(ev.client_x() as f64, ev.client_y() as f64);
        if !p.dragging {
            if here.distance(p.start) < DRAG_THRESHOLD_PX {
                return;
            }
            // A finger moving up or down scrolls the list (`touch-action: pan-y`): only a
            // sideways move drags the item out.
            let moved = here - p.start;
            if ev.pointer_type() == "touch" && moved.y.abs() > moved.x.abs() {
                press.set(None);
                return;
            }
            p.dragging = true;
            press.set(Some(p));
            // On a narrow screen the drawer slides away to show where the card may go.
            drawers.close();
            state.dispatch(InputEvent::PaletteDragStart { item: p.item });
        }
        if let Some(world) = world_over_canvas(state, here.x, here.y) {
            state.dispatch(InputEvent::PaletteDragOver { world });
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let Some(p) = press.get_untracked() else {
            return;
        };
        if p.pointer != ev.pointer_id() {
            return;
        }
        press.set(None);
        if !p.dragging {
            return;
        }
        swallow_click.set(true);
        match world_over_canvas(state, ev.client_x() as f64, ev.client_y() as f64) {
            Some(world) => {
                state.dispatch(InputEvent::PaletteDrop {
                    item: p.item,
                    world,
                });
                if let Some(canvas) = canvas_element() {
                    focus_without_scroll(&canvas);
                }
            }
            None => {
                state.dispatch(InputEvent::Cancel);
            }
        }
    };
    let on_cancel = move |_: web_sys::PointerEvent| {
        if press.get_untracked().is_some_and(|p| p.dragging) {
            state.dispatch(InputEvent::Cancel);
        }
        press.set(None);
    };
    // A press on an entry: remembered, with the pointer captured so the drag can leave it.
    let on_down = move |item: PaletteItem, ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        swallow_click.set(false);
        press.set(Some(Press {
            item,
            pointer: ev.pointer_id(),
            start: Vec2::new(ev.client_x() as f64, ev.client_y() as f64),
            dragging: false,
        }));
        if let Some(target) = ev.current_target() {
            let element: web_sys::Element = target.unchecked_into();
            let _ = element.set_pointer_capture(ev.pointer_id());
        }
    };
    // Whether a click is the end of a drag (and so not an add).
    let swallowed = move || {
        let swallow = swallow_click.get_untracked();
        swallow_click.set(false);
        swallow
    };

    view! {
        <aside
            class="palette"
            class:drawer-open=move || drawers.is_open(Drawer::Palette)
            class:compact=move || compact.get()
            data-testid="palette"
            data-editor-keys=""
            aria-label=t(PaletteText::Palette)
        >
            <div class="drawer-head">
                <h2 class="panel-title">{t(PaletteText::Title)}</h2>
                <button
                    class="btn btn-ghost palette-fold"
                    type="button"
                    data-testid="palette-fold"
                    aria-expanded=move || (!compact.get()).to_string()
                    aria-label=fold_label
                    title=fold_label
                    on:click=move |_| compact.update(|c| *c = !*c)
                >
                    {move || if compact.get() { "»" } else { "«" }}
                </button>
                <DrawerClose drawer=Drawer::Palette/>
            </div>
            // A finger's own hint (`web/responsive.css` shows one of the two).
            <p class="palette-hint hint-fine">{t(PaletteText::Hint)}</p>
            <p class="palette-hint hint-touch">{t(PaletteText::HintTouch)}</p>
            <ul class="palette-list">
                {ComponentKind::ALL
                    .into_iter()
                    .map(|kind| {
                        let on_click = move |_: web_sys::MouseEvent| {
                            if !swallowed() {
                                state.run(Action::AddAtCentre(kind));
                                drawers.close();
                            }
                        };
                        let name = move || say::kind_name(language.get(), kind);
                        let description = move || say::kind_description(language.get(), kind);
                        view! {
                            <li class="palette-entry">
                                <button
                                    class="palette-item"
                                    type="button"
                                    data-testid="palette-item"
                                    data-kind=kind_id(kind)
                                    title=move || {
                                        if compact.get() {
                                            palette_text::add_kind(language.get(), name(), description())
                                        } else {
                                            description().to_string()
                                        }
                                    }
                                    aria-label=move || {
                                        palette_text::add_kind(language.get(), name(), description())
                                    }
                                    on:pointerdown=move |ev| on_down(kind.into(), ev)
                                    on:pointermove=on_move
                                    on:pointerup=on_up
                                    on:pointercancel=on_cancel
                                    on:click=on_click
                                >
                                    <span class="palette-icon"><KindIcon kind=kind/></span>
                                    <span class="palette-text">
                                        <span class="palette-name">{name}</span>
                                        <span class="palette-desc">{description}</span>
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
                <li class="palette-entry">
                    <button
                        class="palette-dc"
                        type="button"
                        data-testid="add-datacenter"
                        title=t(PaletteText::DatacenterTitle)
                        aria-label=t(PaletteText::AddDatacenter)
                        on:pointerdown=move |ev| on_down(PaletteItem::Datacenter, ev)
                        on:pointermove=on_move
                        on:pointerup=on_up
                        on:pointercancel=on_cancel
                        on:click=move |_| {
                            if swallowed() {
                                return;
                            }
                            state.editor.update(|e| {
                                let name = e.next_datacenter_name();
                                let _ = e.add_datacenter(name, Region::NorthAmerica);
                            });
                            drawers.close();
                        }
                    >
                        <span class="palette-icon" aria-hidden="true">"▭"</span>
                        <span class="palette-text">
                            <span class="palette-name">{t(PaletteText::Datacenter)}</span>
                            <span class="palette-desc">{t(PaletteText::DatacenterDescription)}</span>
                        </span>
                    </button>
                </li>
            </ul>
        </aside>
    }
}
