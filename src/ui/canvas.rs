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

use super::icons::icon_path;
use super::palette::kind_id;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use super::state::{AppState, use_app};
use super::toolbar::perform;
use crate::editor::layout::{self, CARD_HEIGHT, CARD_WIDTH, HitTarget};
use crate::editor::{
    DATACENTER_SIZE, Editor, InputEvent, Modifiers, PaletteItem, PointerButton, PointerEvent,
    PointerId, PointerKind, Selectable, Selection, Vec2, form,
};
use std::collections::HashMap;

use crate::model::{Component, ComponentId, ComponentKind, GroupId, Severity, Wire, WireId};
use crate::present::english;

/// Below this zoom card texts are too small to read and are not drawn (CSS `.canvas.far`),
/// which keeps painting a whole large diagram cheap.
const FAR_ZOOM: f64 = 0.45;

/// What the canvas attaches to its element at mount: the observer that follows its size and the
/// wheel listener (added by hand to say `passive: false`, so that it may stop the page from
/// scrolling), with the closures they call, owned here so they are freed with the canvas.
struct MountedListeners {
    element: web_sys::Element,
    observer: Option<web_sys::ResizeObserver>,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
    on_wheel: Closure<dyn FnMut(web_sys::WheelEvent)>,
}

impl MountedListeners {
    /// Disconnects the observer and removes the listener, so neither calls its closure again
    /// (dropping a closure the browser can still call would throw when it does).
    fn release(self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
        let _ = self
            .element
            .remove_event_listener_with_callback("wheel", self.on_wheel.as_ref().unchecked_ref());
    }
}

/// The canvas element's position of a DOM mouse event, in CSS pixels.
fn screen_of(element: &web_sys::Element, x: f64, y: f64) -> Vec2 {
    let rect = element.get_bounding_client_rect();
    Vec2::new(x - rect.left(), y - rect.top())
}

fn modifiers_of(ev: &web_sys::MouseEvent) -> Modifiers {
    Modifiers {
        shift: ev.shift_key(),
        ctrl: ev.ctrl_key(),
        meta: ev.meta_key(),
        alt: ev.alt_key(),
    }
}

fn button_of(button: i16) -> PointerButton {
    match button {
        1 => PointerButton::Middle,
        2 => PointerButton::Secondary,
        _ => PointerButton::Primary,
    }
}

/// Focuses `element` without scrolling the page (a press must not move what is under it).
pub(super) fn focus_without_scroll(element: &web_sys::Element) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"preventScroll".into(), &true.into());
    if let Ok(focus) = js_sys::Reflect::get(element, &"focus".into())
        && let Some(focus) = focus.dyn_ref::<js_sys::Function>()
    {
        let _ = focus.call1(element, &options);
    }
}

/// The canvas region element of this app (for palette drags measured against it).
pub(super) fn canvas_element() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector("[data-testid=canvas]")
        .ok()?
}

/// Builds an editor pointer event from a DOM one.
fn pointer_event(
    state: AppState,
    element: &web_sys::Element,
    ev: &web_sys::PointerEvent,
) -> PointerEvent {
    let screen = screen_of(element, ev.client_x() as f64, ev.client_y() as f64);
    let world = state.editor.with_untracked(|e| e.world_at(screen));
    PointerEvent {
        pointer: PointerId(ev.pointer_id()),
        kind: PointerKind::from_dom(&ev.pointer_type()),
        button: button_of(ev.button()),
        modifiers: modifiers_of(ev),
        screen,
        world,
    }
}

fn report_size(state: AppState, element: &web_sys::Element) {
    let rect = element.get_bounding_client_rect();
    state.dispatch(InputEvent::ViewportResized {
        size: Vec2::new(rect.width(), rect.height()),
    });
}

/// A selection/hover/target snapshot of one card: what its classes depend on.
#[derive(Clone, Debug, Default, PartialEq)]
struct CardState {
    selected: bool,
    hovered: bool,
    valid_target: bool,
    /// Picked while wiring from the keyboard: `Some(acceptable)`.
    keyboard_target: Option<bool>,
}

fn card_state(e: &Editor, id: ComponentId) -> CardState {
    let hovered = match e.hover() {
        HitTarget::Component(c) => c == id,
        HitTarget::InPort(p) => p.component == id,
        HitTarget::OutPort(p) => p.component == id,
        _ => false,
    };
    CardState {
        selected: e.selection().contains(Selectable::Component(id)),
        hovered,
        valid_target: e.valid_targets().iter().any(|t| t.component == id),
        keyboard_target: e
            .keyboard_target()
            .filter(|t| t.port.component == id)
            .map(|t| t.verdict.is_ok()),
    }
}

/// The named input and output ports of a card with their world positions.
type PortSpots = (Vec<(&'static str, Vec2)>, Vec<(&'static str, Vec2)>);

/// Everything one card draws.
#[derive(Clone, Debug, PartialEq)]
struct CardView {
    data: CardData,
    flags: CardState,
    ports: PortSpots,
}

fn card_view(e: &Editor, c: &Component) -> CardView {
    let bounds = layout::card_bounds(c);
    let ports = c.kind.ports();
    CardView {
        data: CardData {
            kind: c.kind,
            label: c.label.clone(),
            x: bounds.min.x,
            y: bounds.min.y,
            summary: form::summary(&c.config),
        },
        flags: card_state(e, c.id),
        ports: (
            ports
                .inputs
                .iter()
                .filter_map(|p| Some((p.name(), layout::in_port_position(c, *p)?)))
                .collect(),
            ports
                .outputs
                .iter()
                .filter_map(|p| Some((p.name(), layout::out_port_position(c, *p)?)))
                .collect(),
        ),
    }
}

/// Everything one wire draws.
#[derive(Clone, Copy, Debug, PartialEq)]
struct WireView {
    from: Vec2,
    to: Vec2,
    selected: bool,
    hovered: bool,
}

fn wire_view(e: &Editor, by_id: &HashMap<ComponentId, &Component>, w: &Wire) -> Option<WireView> {
    Some(WireView {
        from: layout::out_port_position(by_id.get(&w.from.component)?, w.from.port)?,
        to: layout::in_port_position(by_id.get(&w.to.component)?, w.to.port)?,
        selected: e.selection().contains(Selectable::Wire(w.id)),
        hovered: e.hover() == HitTarget::Wire(w.id),
    })
}

/// One signal per drawn card and wire. A single effect diffs the editor state after each
/// change and sets only the signals whose view changed, so a drag wakes the moved card and its
/// wires instead of every row of a large diagram. Rows register their signal when created.
#[derive(Clone, Copy)]
struct ItemViews {
    cards: StoredValue<HashMap<ComponentId, RwSignal<Option<CardView>>>>,
    wires: StoredValue<HashMap<WireId, RwSignal<Option<WireView>>>>,
}

impl ItemViews {
    fn sync(&self, e: &Editor) {
        let d = e.diagram();
        let mut card_updates = Vec::new();
        self.cards.with_value(|map| {
            for c in &d.components {
                if let Some(signal) = map.get(&c.id) {
                    let view = Some(card_view(e, c));
                    if signal.try_with_untracked(|old| *old != view) == Some(true) {
                        card_updates.push((*signal, view));
                    }
                }
            }
        });
        let by_id: HashMap<ComponentId, &Component> =
            d.components.iter().map(|c| (c.id, c)).collect();
        let mut wire_updates = Vec::new();
        self.wires.with_value(|map| {
            for w in &d.wires {
                if let Some(signal) = map.get(&w.id) {
                    let view = wire_view(e, &by_id, w);
                    if signal.try_with_untracked(|old| *old != view) == Some(true) {
                        wire_updates.push((*signal, view));
                    }
                }
            }
        });
        for (signal, view) in card_updates {
            signal.set(view);
        }
        for (signal, view) in wire_updates {
            signal.set(view);
        }
    }
}

/// The diagram canvas.
#[component]
pub fn Canvas() -> impl IntoView {
    let state = use_app();
    let editor = state.editor;
    let area = NodeRef::<leptos::html::Main>::new();
    let views = ItemViews {
        cards: StoredValue::new(HashMap::new()),
        wires: StoredValue::new(HashMap::new()),
    };
    provide_context(views);
    Effect::new(move |_| {
        // Tracks the editor; the updates themselves happen outside the borrow.
        editor.track();
        editor.with_untracked(|e| views.sync(e));
    });

    // Diagnostics, recomputed when the document changes but not on every drag move.
    let diagnostics = Memo::new(move |previous: Option<&Vec<english::Worded>>| {
        editor.with(|e| {
            let dragging = matches!(
                e.tool().kind(),
                crate::editor::ToolKind::DraggingComponents
                    | crate::editor::ToolKind::DraggingGroup
                    | crate::editor::ToolKind::ResizingGroup
            );
            match previous {
                Some(previous) if dragging => previous.clone(),
                _ => english::review(e.diagram()),
            }
        })
    });
    let component_ids = Memo::new(move |_| {
        editor.with(|e| {
            e.diagram()
                .components
                .iter()
                .map(|c| c.id)
                .collect::<Vec<_>>()
        })
    });
    let wire_ids = Memo::new(move |_| {
        editor.with(|e| e.diagram().wires.iter().map(|w| w.id).collect::<Vec<_>>())
    });
    let group_ids = Memo::new(move |_| {
        editor.with(|e| e.diagram().groups.iter().map(|g| g.id).collect::<Vec<_>>())
    });
    let camera = Memo::new(move |_| editor.with(|e| *e.camera()));
    let is_empty = Memo::new(move |_| editor.with(|e| e.diagram().components.is_empty()));

    // Mount: measure, follow the element's own size (a banner above it, a window resize, a
    // panel opening beside it all change it), and a non-passive wheel listener; both are
    // released when the canvas goes (or if the element is ever replaced).
    let mounted = StoredValue::new_local(None::<MountedListeners>);
    Effect::new(move |_| {
        let Some(el) = area.get() else { return };
        mounted.update_value(|m| {
            if let Some(previous) = m.take() {
                previous.release();
            }
        });
        let element: web_sys::Element = el.clone().unchecked_into();
        report_size(state, &element);
        let measured = element.clone();
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            report_size(state, &measured);
        });
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let Some(observer) = &observer {
            observer.observe(&element);
        }
        let wheel_target = element.clone();
        let on_wheel =
            Closure::<dyn FnMut(web_sys::WheelEvent)>::new(move |ev: web_sys::WheelEvent| {
                let scale = match ev.delta_mode() {
                    1 => 16.0,
                    2 => 400.0,
                    _ => 1.0,
                };
                if state.context_menu.get_untracked().is_some() {
                    state.context_menu.set(None);
                }
                let at = screen_of(&wheel_target, ev.client_x() as f64, ev.client_y() as f64);
                let response = state.dispatch(InputEvent::Wheel {
                    delta: Vec2::new(ev.delta_x() * scale, ev.delta_y() * scale),
                    at,
                    modifiers: modifiers_of(&ev),
                });
                if response.handled {
                    ev.prevent_default();
                }
            });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(false);
        let _ = element.add_event_listener_with_callback_and_add_event_listener_options(
            "wheel",
            on_wheel.as_ref().unchecked_ref(),
            &options,
        );
        mounted.set_value(Some(MountedListeners {
            element,
            observer,
            _on_resize: on_resize,
            on_wheel,
        }));
    });
    on_cleanup(move || {
        mounted.try_update_value(|m| {
            if let Some(listeners) = m.take() {
                listeners.release();
            }
        });
    });

    let element = move || {
        area.get_untracked()
            .map(|el| -> web_sys::Element { el.unchecked_into() })
    };

    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        let Some(el) = element() else { return };
        // Clicks on the overlays (refusal label) and the empty state pass through to here.
        focus_without_scroll(&el);
        if ev.button() == 2 {
            return;
        }
        let response = state.dispatch(InputEvent::PointerDown(pointer_event(state, &el, &ev)));
        if response.handled {
            let _ = el.set_pointer_capture(ev.pointer_id());
            ev.prevent_default();
        }
    };
    let on_pointermove = move |ev: web_sys::PointerEvent| {
        let Some(el) = element() else { return };
        state.dispatch(InputEvent::PointerMove(pointer_event(state, &el, &ev)));
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
    let transform = move || {
        let c = camera.get();
        format!("translate({} {}) scale({})", c.offset.x, c.offset.y, c.zoom)
    };
    let cursor = move || format!("cursor: {}", editor.with(|e| e.tool().cursor()));
    let box_rect = Memo::new(move |_| editor.with(|e| e.box_select_rect()));
    let ghost = Memo::new(move |_| editor.with(|e| e.ghost_wire()));
    let palette_ghost = Memo::new(move |_| editor.with(|e| e.palette_ghost()));
    let refusal = Memo::new(move |_| {
        editor.with(|e| {
            let reason = e.refusal()?.to_string();
            let at = e.camera().world_to_screen(e.ghost_wire()?.to);
            Some((reason, at))
        })
    });
    let notice = Memo::new(move |_| editor.with(|e| e.notice().map(str::to_string)));
    let announcement =
        Memo::new(move |_| editor.with(|e| e.announcement().unwrap_or_default().to_string()));

    view! {
        <main
            class="canvas-area"
            data-testid="canvas"
            data-editor-keys=""
            aria-label="Diagram canvas"
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
        >
            <svg
                class="canvas"
                class:far=move || camera.with(|c| c.zoom < FAR_ZOOM)
                xmlns="http://www.w3.org/2000/svg"
                role="img"
                aria-label="Diagram"
            >
                <defs>
                    <pattern
                        id="grid-minor"
                        width="20"
                        height="20"
                        patternUnits="userSpaceOnUse"
                        patternTransform=transform
                    >
                        <path d="M 20 0 L 0 0 0 20" class="grid-line-minor"></path>
                    </pattern>
                    <pattern
                        id="grid-major"
                        width="100"
                        height="100"
                        patternUnits="userSpaceOnUse"
                        patternTransform=transform
                    >
                        <path d="M 20 0 L 0 0 0 20 M 40 0 L 40 100 M 60 0 L 60 100 M 80 0 L 80 100 M 0 40 L 100 40 M 0 60 L 100 60 M 0 80 L 100 80 M 20 0 L 20 100 M 0 20 L 100 20" class="grid-line-minor"></path>
                        <path d="M 100 0 L 0 0 0 100" class="grid-line-major"></path>
                    </pattern>
                    <marker
                        id="wire-arrow"
                        viewBox="0 0 10 10"
                        refX="10"
                        refY="5"
                        markerWidth="8"
                        markerHeight="8"
                        orient="auto-start-reverse"
                        markerUnits="userSpaceOnUse"
                    >
                        <path d="M 0 0 L 10 5 L 0 10 z" class="wire-arrowhead"></path>
                    </marker>
                </defs>
                <rect class="grid" width="100%" height="100%" fill="url(#grid-major)"></rect>
                <g class="world" transform=transform>
                    <For each=move || group_ids.get() key=|id| *id let(id)>
                        <Datacenter id=id/>
                    </For>
                    <For each=move || wire_ids.get() key=|id| *id let(id)>
                        <WireLine id=id/>
                    </For>
                    <For each=move || component_ids.get() key=|id| *id let(id)>
                        <Card id=id diagnostics=diagnostics/>
                    </For>
                    <super::run::RunOverlay/>
                    {move || {
                        ghost
                            .get()
                            .map(|g| {
                                let class = match g.valid {
                                    Some(true) => "ghost-wire valid",
                                    Some(false) => "ghost-wire invalid",
                                    None => "ghost-wire",
                                };
                                view! {
                                    <line
                                        class=class
                                        data-testid="ghost-wire"
                                        x1=g.from.x
                                        y1=g.from.y
                                        x2=g.to.x
                                        y2=g.to.y
                                        marker-end="url(#wire-arrow)"
                                    ></line>
                                }
                            })
                    }}
                    {move || {
                        palette_ghost
                            .get()
                            .map(|(item, at)| match item {
                                PaletteItem::Component(kind) => view! {
                                    <g
                                        class="palette-ghost"
                                        data-testid="palette-ghost"
                                        transform=format!(
                                            "translate({} {})",
                                            at.x - CARD_WIDTH / 2.0,
                                            at.y - CARD_HEIGHT / 2.0,
                                        )
                                    >
                                        <rect class="card-body" width=CARD_WIDTH height=CARD_HEIGHT rx="10"></rect>
                                        <path class="card-icon" transform="translate(12 17)" d=icon_path(kind)></path>
                                        <text class="card-label" x="44" y="32">{kind.name()}</text>
                                    </g>
                                }
                                .into_any(),
                                PaletteItem::Datacenter => view! {
                                    <g class="palette-ghost" data-testid="palette-ghost">
                                        <rect
                                            class="datacenter-frame"
                                            x=at.x - DATACENTER_SIZE.x / 2.0
                                            y=at.y - DATACENTER_SIZE.y / 2.0
                                            width=DATACENTER_SIZE.x
                                            height=DATACENTER_SIZE.y
                                            rx="12"
                                        ></rect>
                                    </g>
                                }
                                .into_any(),
                            })
                    }}
                    {move || {
                        box_rect
                            .get()
                            .map(|r| {
                                view! {
                                    <rect
                                        class="box-select"
                                        data-testid="box-select"
                                        x=r.min.x
                                        y=r.min.y
                                        width=r.width()
                                        height=r.height()
                                    ></rect>
                                }
                            })
                    }}
                </g>
            </svg>
            // The run's animated flows: a layer of their own, so their dashes repaint alone.
            <svg class="canvas-flows" xmlns="http://www.w3.org/2000/svg" aria-hidden="true">
                <g transform=transform>
                    <super::run::RunFlows/>
                </g>
            </svg>
            <Show when=move || is_empty.get()>
                <div class="canvas-empty" data-testid="canvas-empty">
                    <p class="canvas-empty-title">"Start with a single server"</p>
                    <p>
                        "Drag Users and Web servers from the palette (or click them), then drag from a card's right-hand port to another card's left-hand port to wire them (or select a card and press W)."
                    </p>
                </div>
            </Show>
            {move || {
                refusal
                    .get()
                    .map(|(reason, at)| {
                        view! {
                            <div
                                class="refusal"
                                data-testid="refusal"
                                role="status"
                                style=format!("left: {}px; top: {}px", at.x + 14.0, at.y + 14.0)
                            >
                                {reason}
                            </div>
                        }
                    })
            }}
            // Always in the page, so screen readers follow it: keyboard wiring speaks here.
            <div
                class="canvas-status"
                class:empty=move || announcement.with(String::is_empty)
                data-testid="wire-status"
                role="status"
                aria-live="polite"
            >
                {move || announcement.get()}
            </div>
            {move || {
                notice
                    .get()
                    .map(|text| {
                        view! {
                            <div class="canvas-notice" data-testid="notice" role="status">
                                {text}
                            </div>
                        }
                    })
            }}
        </main>
    }
}

/// Everything one card draws, compared so unchanged cards do no DOM work.
#[derive(Clone, Debug, PartialEq)]
struct CardData {
    kind: ComponentKind,
    label: String,
    x: f64,
    y: f64,
    summary: String,
}

/// One component card with its ports and diagnostics badge.
#[component]
fn Card(
    /// The component drawn.
    id: ComponentId,
    /// The design review of the whole diagram.
    diagnostics: Memo<Vec<english::Worded>>,
) -> impl IntoView {
    let state = use_app();
    let editor = state.editor;
    let views = expect_context::<ItemViews>();
    let view = RwSignal::new(
        editor.with_untracked(|e| e.diagram().component(id).map(|c| card_view(e, c))),
    );
    views.cards.update_value(|map| {
        map.insert(id, view);
    });
    let data = Memo::new(move |_| view.with(|v| v.as_ref().map(|v| v.data.clone())));
    let flags =
        Memo::new(move |_| view.with(|v| v.as_ref().map(|v| v.flags.clone()).unwrap_or_default()));
    let badge = Memo::new(move |_| {
        diagnostics.with(|list| {
            let mine: Vec<_> = list
                .iter()
                .filter(|d| d.diagnostic.components.contains(&id))
                .collect();
            let worst = mine.iter().map(|d| d.diagnostic.severity).min()?;
            let text = mine
                .iter()
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            Some((worst, mine.len(), text))
        })
    });
    let ports =
        Memo::new(move |_| view.with(|v| v.as_ref().map(|v| v.ports.clone()).unwrap_or_default()));
    // The kind, unless the label already says it.
    let kind_name = move || {
        data.with(|d| match d {
            Some(d) if d.label != d.kind.name() => d.kind.name(),
            _ => "",
        })
    };
    let class = move || {
        let f = flags.get();
        let mut class = String::from("card");
        if f.selected {
            class.push_str(" selected");
        }
        if f.hovered {
            class.push_str(" hovered");
        }
        if f.valid_target {
            class.push_str(" valid-target");
        }
        match f.keyboard_target {
            Some(true) => class.push_str(" keyboard-target"),
            Some(false) => class.push_str(" keyboard-target refused"),
            None => {}
        }
        class
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        // Enter or Space on a focused card selects it (the keyboard's click), unless a gesture
        // such as keyboard wiring is in progress: then Enter is the editor's.
        let idle = state
            .editor
            .with_untracked(|e| e.tool().kind() == crate::editor::ToolKind::Idle);
        // W on a focused card wires from that card: it becomes the selection, and the key goes
        // on to the shortcut listener, which starts the wire.
        let plain = !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() && !ev.shift_key();
        if idle && plain && ev.key().eq_ignore_ascii_case("w") {
            state
                .editor
                .update(|e| e.set_selection(Selection::only(Selectable::Component(id))));
            return;
        }
        // The menu keys on a focused card open the menu for that card: it becomes the
        // selection (unless it is already part of it), and the key goes on to the shortcut
        // listener, which opens the menu.
        let menu_key = ev.key() == "ContextMenu" || (ev.key() == "F10" && ev.shift_key());
        if idle && menu_key {
            state.editor.update(|e| {
                if !e.selection().contains(Selectable::Component(id)) {
                    e.set_selection(Selection::only(Selectable::Component(id)));
                }
            });
            return;
        }
        if idle && (ev.key() == "Enter" || ev.key() == " ") && !ev.ctrl_key() && !ev.meta_key() {
            state.editor.update(|e| {
                let mut selection = if ev.shift_key() {
                    e.selection().clone()
                } else {
                    Default::default()
                };
                selection.insert(Selectable::Component(id));
                e.set_selection(selection);
            });
            ev.prevent_default();
            ev.stop_propagation();
        }
    };
    view! {
        <g
            class=class
            data-testid="component-card"
            data-id=id.0
            data-kind=move || data.with(|d| d.as_ref().map(|d| kind_id(d.kind)).unwrap_or_default())
            role="button"
            tabindex="0"
            aria-label=move || {
                data.with(|d| d.as_ref().map(|d| format!("{}: {}", d.kind.name(), d.label)).unwrap_or_default())
            }
            aria-pressed=move || if flags.with(|f| f.selected) { "true" } else { "false" }
            on:keydown=on_key
        >
            <g transform=move || data.with(|d| d.as_ref().map(|d| format!("translate({} {})", d.x, d.y)).unwrap_or_default())>
                <rect class="card-body" width=CARD_WIDTH height=CARD_HEIGHT rx="10"></rect>
                <path
                    class="card-icon"
                    transform="translate(10 17)"
                    aria-hidden="true"
                    d=move || data.with(|d| d.as_ref().map(|d| icon_path(d.kind)).unwrap_or(""))
                ></path>
                <title>{move || data.with(|d| d.as_ref().map(|d| d.label.clone()).unwrap_or_default())}</title>
                <text class="card-label" x="42" y="30">
                    {move || data.with(|d| d.as_ref().map(|d| layout::fit_text(&d.label, layout::CARD_LABEL_CHARS)).unwrap_or_default())}
                </text>
                <text class="card-kind" x="42" y="48">{kind_name}</text>
                <text class="card-summary" x="12" y="74">
                    {move || data.with(|d| d.as_ref().map(|d| layout::fit_text(&d.summary, layout::CARD_SUMMARY_CHARS)).unwrap_or_default())}
                </text>
                {move || {
                    badge
                        .get()
                        .map(|(severity, count, text)| {
                            let class = match severity {
                                Severity::Error => "card-badge error",
                                Severity::Warning => "card-badge warning",
                                Severity::Info => "card-badge info",
                            };
                            view! {
                                <g class=class data-testid="diagnostic-badge">
                                    <title>{text}</title>
                                    <circle cx=CARD_WIDTH - 2.0 cy="2" r="10"></circle>
                                    <text x=CARD_WIDTH - 2.0 y="6" text-anchor="middle">{count}</text>
                                </g>
                            }
                        })
                }}
            </g>
            {move || {
                let (inputs, outputs) = ports.get();
                let valid = flags.with(|f| f.valid_target);
                let ins = inputs
                    .into_iter()
                    .map(|(name, at)| {
                        view! {
                            <g class="port port-in" class:valid=valid data-testid="port-in" data-port=name>
                                <title>{format!("input: {name}")}</title>
                                <circle cx=at.x cy=at.y r="6"></circle>
                            </g>
                        }
                    })
                    .collect_view();
                let outs = outputs
                    .into_iter()
                    .map(|(name, at)| {
                        view! {
                            <g class="port port-out" data-testid="port-out" data-port=name>
                                <title>{format!("output: {name}")}</title>
                                <circle cx=at.x cy=at.y r="6"></circle>
                                <text class="port-name" x=at.x + 9.0 y=at.y - 5.0>{name}</text>
                            </g>
                        }
                    })
                    .collect_view();
                (ins, outs)
            }}
        </g>
    }
}

/// One wire: a straight line from its output port to its input port, with an arrowhead.
#[component]
fn WireLine(
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

/// A datacenter: a labelled region with a title strip and a resize handle.
#[component]
fn Datacenter(
    /// The datacenter drawn.
    id: GroupId,
) -> impl IntoView {
    let editor = use_app().editor;
    let data = Memo::new(move |_| {
        editor.with(|e| {
            let g = e.diagram().group(id)?;
            Some((
                layout::group_bounds(g),
                layout::group_title_bounds(g),
                layout::group_handle_bounds(g),
                format!("{} · {}", g.name, g.region.name()),
            ))
        })
    });
    let selected =
        Memo::new(move |_| editor.with(|e| e.selection().contains(Selectable::Group(id))));
    let drop_here = Memo::new(move |_| editor.with(|e| e.drop_group() == Some(id)));
    view! {
        <g
            class="datacenter"
            class:selected=move || selected.get()
            class:drop-target=move || drop_here.get()
            data-testid="datacenter"
            data-id=id.0
        >
            {move || {
                data.get()
                    .map(|(frame, title, handle, name)| {
                        view! {
                            <rect class="datacenter-frame" x=frame.min.x y=frame.min.y width=frame.width() height=frame.height() rx="12"></rect>
                            <rect class="datacenter-title" x=title.min.x y=title.min.y width=title.width() height=title.height() rx="12"></rect>
                            <text class="datacenter-name" x=title.min.x + 12.0 y=title.min.y + 19.0>{name}</text>
                            <rect class="datacenter-handle" data-testid="datacenter-handle" x=handle.min.x y=handle.min.y width=handle.width() height=handle.height()></rect>
                        }
                    })
            }}
        </g>
    }
}
