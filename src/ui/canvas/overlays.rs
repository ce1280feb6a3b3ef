//! What the canvas draws over its rows. In world coordinates, the previews of a gesture in
//! progress: the ghost wire while wiring, the palette ghost while an item is dragged in from the
//! palette, the box selection. On screen, above the drawing: the empty-state hint, the refusal
//! label beside a refused wire, the status line that keyboard wiring speaks into, and the
//! editor's notice.
//!
//! Each reads the editor through a memo of its own and draws nothing while there is nothing to
//! show, except the status line, which stays in the page so screen readers follow it. Nothing
//! here handles input: presses on these overlays reach the canvas element's own handlers.

use crate::decimal::{Shortest, shortest};
use leptos::prelude::*;

use crate::editor::layout::{CARD_HEIGHT, CARD_WIDTH};
use crate::editor::{DATACENTER_SIZE, Editor, PaletteItem, ToolKind};
use crate::present::say;
use crate::present::text::canvas::CanvasText;
use crate::ui::i18n::use_language;
use crate::ui::icons::icon_path;

/// The wire being drawn, from its output port to the cursor (or, drawn backwards from an input
/// port, from the cursor to that port), coloured by whether it would connect where it is.
pub(super) fn ghost_wire(editor: RwSignal<Editor>) -> impl IntoView {
    let ghost = crate::ui::erase::memo(move || editor.with(|e| e.ghost_wire()));
    move || {
        ghost.get().map(|g| {
            let class = match g.valid {
                Some(true) => "ghost-wire valid",
                Some(false) => "ghost-wire invalid",
                None => "ghost-wire",
            };
            view! {
                <line
                    class=class
                    data-testid="ghost-wire"
                    x1=shortest(g.from.x)
                    y1=shortest(g.from.y)
                    x2=shortest(g.to.x)
                    y2=shortest(g.to.y)
                    marker-end="url(#wire-arrow)"
                ></line>
            }
        })
    }
}

/// The card or datacenter an item dragged from the palette would drop as, under the cursor.
pub(super) fn palette_ghost(editor: RwSignal<Editor>) -> impl IntoView {
    let palette_ghost = crate::ui::erase::memo(move || editor.with(|e| e.palette_ghost()));
    let language = use_language();
    move || {
        palette_ghost.get().map(|(item, at)| match item {
            PaletteItem::Component(kind) => view! {
                <g
                    class="palette-ghost"
                    data-testid="palette-ghost"
                    transform=format!(
                        "translate({} {})",
                        Shortest(at.x - CARD_WIDTH / 2.0),
                        Shortest(at.y - CARD_HEIGHT / 2.0),
                    )
                >
                    <rect class="card-body" width=shortest(CARD_WIDTH) height=shortest(CARD_HEIGHT) rx="10"></rect>
                    <path class="card-icon" transform="translate(12 17)" d=icon_path(kind)></path>
                    <text class="card-label" x="44" y="32">
                        {move || say::kind_name(language.get(), kind)}
                    </text>
                </g>
            }
            .into_any(),
            PaletteItem::Datacenter => view! {
                <g class="palette-ghost" data-testid="palette-ghost">
                    <rect
                        class="datacenter-frame"
                        x=shortest(at.x - DATACENTER_SIZE.x / 2.0)
                        y=shortest(at.y - DATACENTER_SIZE.y / 2.0)
                        width=shortest(DATACENTER_SIZE.x)
                        height=shortest(DATACENTER_SIZE.y)
                        rx="12"
                    ></rect>
                </g>
            }
            .into_any(),
        })
    }
}

/// The rectangle of a box selection in progress.
pub(super) fn box_select(editor: RwSignal<Editor>) -> impl IntoView {
    let box_rect = crate::ui::erase::memo(move || editor.with(|e| e.box_select_rect()));
    move || {
        box_rect.get().map(|r| {
            view! {
                <rect
                    class="box-select"
                    data-testid="box-select"
                    x=shortest(r.min.x)
                    y=shortest(r.min.y)
                    width=shortest(r.width())
                    height=shortest(r.height())
                ></rect>
            }
        })
    }
}

/// The hint shown while the diagram has nothing in it: no component, and no datacenter frame
/// it would be drawn over.
pub(super) fn empty_state(editor: RwSignal<Editor>) -> impl IntoView {
    let is_empty = crate::ui::erase::memo(move || {
        editor.with(|e| e.diagram().components.is_empty() && e.diagram().groups.is_empty())
    });
    let language = use_language();
    view! {
        {crate::ui::erase::show(move || is_empty.get(), move || view! {
            <div class="canvas-empty" data-testid="canvas-empty">
                <p class="canvas-empty-title">{move || language.t(CanvasText::EmptyTitle)}</p>
                // A touch screen has no hover, no W key and the palette in a drawer: its own
                // hint (`web/responsive.css` shows one of the two).
                <p class="hint-fine">{move || language.t(CanvasText::EmptyHint)}</p>
                <p class="hint-touch">{move || language.t(CanvasText::EmptyHintTouch)}</p>
            </div>
        }.into_any())}
    }
}

/// Why the wire being drawn would be refused, beside its end on screen.
pub(super) fn refusal_label(editor: RwSignal<Editor>) -> impl IntoView {
    let refusal = crate::ui::erase::memo(move || {
        editor.with(|e| {
            let reason = e.refusal()?.to_string();
            let ghost = e.ghost_wire()?;
            // Beside the end under the pointer: the output end of a wire drawn backwards.
            let end = if e.tool().kind() == ToolKind::ConnectingFromInput {
                ghost.from
            } else {
                ghost.to
            };
            let at = e.camera().world_to_screen(end);
            Some((reason, at))
        })
    });
    move || {
        refusal.get().map(|(reason, at)| {
            view! {
                <div
                    class="refusal"
                    data-testid="refusal"
                    role="status"
                    style=format!("left: {}px; top: {}px", Shortest(at.x + 14.0), Shortest(at.y + 14.0))
                >
                    {reason}
                </div>
            }
        })
    }
}

/// How long the status line stays on screen once wiring has ended ("Connected ...", "Wiring
/// cancelled."), in milliseconds: said, it no longer covers the cards under it.
const ENDED_STATUS_MS: u64 = 5_000;

/// The status line: what keyboard wiring announces, empty otherwise.
pub(super) fn wire_status(editor: RwSignal<Editor>) -> impl IntoView {
    let announcement = crate::ui::erase::memo(move || {
        editor.with(|e| e.announcement().unwrap_or_default().to_string())
    });
    // Each announcement shown anew; one that ends the wiring fades a while after.
    let faded = RwSignal::new(false);
    let shown = StoredValue::new(0u64);
    crate::ui::erase::effect(move || {
        announcement.track();
        faded.set(false);
        let this = shown.get_value() + 1;
        shown.set_value(this);
        let wiring = editor.with_untracked(|e| e.tool().kind() == ToolKind::KeyboardConnecting);
        if !wiring {
            set_timeout(
                move || {
                    if shown.try_get_value() == Some(this) {
                        faded.set(true);
                    }
                },
                std::time::Duration::from_millis(ENDED_STATUS_MS),
            );
        }
    });
    view! {
        // Always in the page, so screen readers follow it: keyboard wiring speaks here.
        <div
            class="canvas-status"
            class:empty=move || faded.get() || announcement.with(String::is_empty)
            data-testid="wire-status"
            role="status"
            aria-live="polite"
        >
            {move || announcement.get()}
        </div>
    }
}

/// The editor's notice, while it has one.
pub(super) fn notice(editor: RwSignal<Editor>) -> impl IntoView {
    let notice = crate::ui::erase::memo(move || editor.with(|e| e.notice().map(str::to_string)));
    move || {
        notice.get().map(|text| {
            view! {
                <div class="canvas-notice" data-testid="notice" role="status">
                    {text}
                </div>
            }
        })
    }
}
