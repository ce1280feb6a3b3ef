//! One component card: the `Card` row that draws a component's body, icon, label, kind,
//! settings summary, design-review badge and ports, with the plain snapshots it draws from.
//!
//! Port names are written on the card, beside their ports, always on a card with more than one
//! output and on every card from [`PORT_LABEL_ZOOM`] up. They sit inside the card, where no
//! wire runs (wires are routed around cards), each on a small plate of the card's colour, and
//! the card's own texts are cut shorter to leave them room; ports are far enough apart that
//! their names never meet.
//!
//! A card reads only its own [`CardView`], held in a signal that [`ItemViews`] updates when the
//! card's data, selection, hover or wiring-target state changes, so a drag re-renders the cards
//! that moved and nothing else. The badge reads the canvas's design review. Keys on a focused
//! card only change the selection (Enter and Space select it; W and the menu keys make it the
//! selection and go on to the global shortcut listener, which acts on it). Nothing here changes
//! the diagram.

use crate::decimal::{Shortest, shortest};
use leptos::prelude::*;

use super::item_views::ItemViews;
use crate::editor::layout::{self, CARD_HEIGHT, CARD_WIDTH, HitTarget};
use crate::editor::{Editor, Selectable, Selection, Vec2};
use crate::model::OutPortRef;
use crate::model::{Component, ComponentId, ComponentKind, InPort, OutPort, Severity};
use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::canvas::port_title;
use crate::ui::i18n::use_language;
use crate::ui::icons::icon_path;
use crate::ui::palette::kind_id;
use crate::ui::state::use_app;

/// Enter or Space on a focused card, wire or datacenter selects it (the keyboard's click; with
/// Shift it joins the selection), and the key goes no further. Other keys, and any key while a
/// gesture such as keyboard wiring is in progress (then Enter is the editor's), are left alone,
/// for the shortcut listener.
pub(super) fn select_on_enter(
    state: crate::ui::state::AppState,
    ev: &web_sys::KeyboardEvent,
    item: Selectable,
) {
    if !(ev.key() == "Enter" || ev.key() == " ")
        || ev.ctrl_key()
        || ev.meta_key()
        || state
            .editor
            .with_untracked(|e| e.tool().kind() != crate::editor::ToolKind::Idle)
    {
        return;
    }
    state.editor.update(|e| {
        let mut selection = if ev.shift_key() {
            e.selection().clone()
        } else {
            Default::default()
        };
        selection.insert(item);
        e.set_selection(selection);
    });
    ev.prevent_default();
    ev.stop_propagation();
}

/// From this zoom up every card names its ports; below it only cards with several outputs do.
pub(super) const PORT_LABEL_ZOOM: f64 = 0.8;

/// A line of text on a card: where it starts, the band it fills vertically (card units) and
/// about how wide one Latin letter of its font is.
struct TextRow {
    left: f64,
    top: f64,
    bottom: f64,
    letter: f64,
}

/// The title (14 px, bold), kind (11 px) and summary (11 px) lines, as `Card` draws them.
const TITLE_ROW: TextRow = TextRow {
    left: 42.0,
    top: layout::CARD_TITLE_TOP,
    bottom: layout::CARD_TITLE_BOTTOM,
    letter: 7.6,
};
const KIND_ROW: TextRow = TextRow {
    left: 42.0,
    top: 38.0,
    bottom: 51.0,
    letter: 6.2,
};
const SUMMARY_ROW: TextRow = TextRow {
    left: 12.0,
    top: 64.0,
    bottom: 77.0,
    letter: 5.5,
};

/// Half the height of a port name's plate.
const PORT_LABEL_HALF_HEIGHT: f64 = layout::PORT_LABEL_HEIGHT / 2.0;

/// How many Latin letters' width of `row` fit left of the output port names that share its
/// band (`names`: each name's width and its port's height on the card), at most `usual`.
fn room_in_row(row: &TextRow, usual: usize, names: &[(f64, f64)]) -> usize {
    let right = names
        .iter()
        .filter(|(_, y)| {
            y - PORT_LABEL_HALF_HEIGHT < row.bottom && y + PORT_LABEL_HALF_HEIGHT > row.top
        })
        .map(|(w, _)| CARD_WIDTH - 14.0 - w)
        .fold(f64::INFINITY, f64::min);
    if right.is_finite() {
        (((right - row.left) / row.letter).floor().max(3.0) as usize).min(usual)
    } else {
        usual
    }
}

/// A selection/hover/target snapshot of one card: what its classes depend on.
#[derive(Clone, Debug, Default, PartialEq)]
struct CardState {
    selected: bool,
    hovered: bool,
    valid_target: bool,
    /// The outputs a wire drawn backwards from an input port may start at.
    valid_outputs: Vec<OutPort>,
    /// Whether the card names its ports.
    port_labels: bool,
    /// Zoomed far out: how many Latin letters' width fit a line of the label drawn alone
    /// ([`layout::far_letters`]).
    far_letters: Option<usize>,
    /// Picked while wiring from the keyboard: `Some(acceptable)`.
    keyboard_target: Option<bool>,
}

/// The card's classes: `card`, then one for each of its selection, hover and wiring-target
/// states.
fn card_class(f: &CardState) -> String {
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
}

/// Where the editor's selection, hover and wiring state leave the card of `id`.
fn card_state(e: &Editor, c: &Component) -> CardState {
    let id = c.id;
    let hovered = match e.hover() {
        HitTarget::Component(c) => c == id,
        HitTarget::InPort(p) => p.component == id,
        HitTarget::OutPort(p) => p.component == id,
        _ => false,
    };
    CardState {
        selected: e.selection().contains(Selectable::Component(id)),
        hovered,
        valid_target: e.valid_targets().iter().any(|t| t.component == id)
            || e.valid_sources().iter().any(|s| s.component == id),
        valid_outputs: e
            .valid_sources()
            .iter()
            .filter(|s| s.component == id)
            .map(|s: &OutPortRef| s.port)
            .collect(),
        port_labels: c.kind.ports().outputs.len() > 1 || e.camera().zoom >= PORT_LABEL_ZOOM,
        far_letters: layout::far_letters(e.camera().zoom),
        keyboard_target: e
            .keyboard_target()
            .filter(|t| t.port.component == id)
            .map(|t| t.verdict.is_ok()),
    }
}

/// The input and output ports of a card with their world positions.
type PortSpots = (Vec<(InPort, Vec2)>, Vec<(OutPort, Vec2)>);

/// An input port's name in the DOM's `data-port` attribute, which tests and scripts select on:
/// its name in the share format, the same in every language.
fn in_port_id(port: InPort) -> &'static str {
    match port {
        InPort::Requests => "requests",
        InPort::Data => "data",
        InPort::Sessions => "sessions",
        InPort::Jobs => "jobs",
        InPort::Logs => "logs",
    }
}

/// An output port's name in the DOM's `data-port` attribute (see [`in_port_id`]).
fn out_port_id(port: OutPort) -> &'static str {
    match port {
        OutPort::Dynamic => "dynamic",
        OutPort::Static => "static",
        OutPort::Resolve => "resolve",
        OutPort::Origin => "origin",
        OutPort::Backends => "backends",
        OutPort::Data => "data",
        OutPort::Sessions => "sessions",
        OutPort::Jobs => "jobs",
        OutPort::Logs => "logs",
        OutPort::Miss => "miss",
        OutPort::Consumers => "consumers",
        OutPort::Replicate => "replicate",
    }
}

/// Everything one card draws.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct CardView {
    data: CardData,
    flags: CardState,
    ports: PortSpots,
}

/// What the card of `c` draws in the editor's state now.
pub(super) fn card_view(e: &Editor, c: &Component) -> CardView {
    let bounds = layout::card_bounds(c);
    let ports = c.kind.ports();
    CardView {
        data: CardData {
            kind: c.kind,
            label: c.label.clone(),
            far_label: layout::far_label(e.diagram(), c).to_string(),
            x: bounds.min.x,
            y: bounds.min.y,
            summary: say::summary(e.language(), &c.config),
        },
        flags: card_state(e, c),
        ports: (
            ports
                .inputs
                .iter()
                .filter_map(|p| Some((*p, layout::in_port_position(c, *p)?)))
                .collect(),
            ports
                .outputs
                .iter()
                .filter_map(|p| Some((*p, layout::out_port_position(c, *p)?)))
                .collect(),
        ),
    }
}

/// Everything one card draws, compared so unchanged cards do no DOM work.
#[derive(Clone, Debug, PartialEq)]
struct CardData {
    kind: ComponentKind,
    label: String,
    /// The label without the name of the datacenter it is drawn in: zoomed far out, and where
    /// the whole label does not fit its title line.
    far_label: String,
    x: f64,
    y: f64,
    summary: String,
}

/// One component card with its ports and diagnostics badge.
#[component]
pub(super) fn Card(
    /// The component drawn.
    id: ComponentId,
    /// The design review of the whole diagram.
    diagnostics: Memo<Vec<say::Worded>>,
) -> impl IntoView {
    let state = use_app();
    let language = use_language();
    let editor = state.editor;
    let views = expect_context::<ItemViews>();
    let view = RwSignal::new(
        editor.with_untracked(|e| e.diagram().component(id).map(|c| card_view(e, c))),
    );
    views.cards.update_value(|map| {
        map.insert(id, view);
    });
    let data = crate::ui::erase::memo(move || view.with(|v| v.as_ref().map(|v| v.data.clone())));
    let flags = crate::ui::erase::memo(move || {
        view.with(|v| v.as_ref().map(|v| v.flags.clone()).unwrap_or_default())
    });
    let badge = crate::ui::erase::memo(move || {
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
    let ports = crate::ui::erase::memo(move || {
        view.with(|v| v.as_ref().map(|v| v.ports.clone()).unwrap_or_default())
    });
    // The kind, unless the label already says it, with or without its datacenter's name (in
    // any language: a card labelled "Cache" or "Cache (DC1)" in DC1 needs no "캐시" under it).
    let kind_name = move || {
        let lang = language.get();
        data.with(|d| match d {
            Some(d)
                if !Lang::ALL.iter().any(|l| {
                    let kind = say::kind_name(*l, d.kind);
                    d.label == kind || d.far_label == kind
                }) =>
            {
                say::kind_name(lang, d.kind)
            }
            _ => "",
        })
    };
    let class = move || card_class(&flags.get());
    // Zoomed far out, the label alone on at most two lines (the second empty when one does),
    // drawn only then (CSS).
    let far_label = crate::ui::erase::memo(move || {
        let lines = flags
            .with(|f| f.far_letters)
            .and_then(|letters| {
                data.with(|d| Some(layout::far_lines(&d.as_ref()?.far_label, letters)))
            })
            .unwrap_or_default();
        let mut lines = lines.into_iter();
        (
            lines.next().unwrap_or_default(),
            lines.next().unwrap_or_default(),
        )
    });
    // How much of the title, kind and summary fits beside the output port names on their lines.
    let room = crate::ui::erase::memo(move || {
        let lang = language.get();
        let named = flags.with(|f| f.port_labels);
        ports.with(|(_, outputs)| {
            let top = data.with(|d| d.as_ref().map_or(0.0, |d| d.y));
            let names: Vec<(f64, f64)> = if named {
                outputs
                    .iter()
                    .map(|(port, at)| {
                        (
                            layout::port_label_width(say::out_port_name(lang, *port)),
                            at.y - top,
                        )
                    })
                    .collect()
            } else {
                Vec::new()
            };
            (
                room_in_row(&TITLE_ROW, layout::CARD_LABEL_CHARS, &names),
                room_in_row(&KIND_ROW, usize::MAX, &names),
                room_in_row(&SUMMARY_ROW, layout::CARD_SUMMARY_CHARS, &names),
            )
        })
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
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
        // Enter or Space selects it, as a click would.
        select_on_enter(state, &ev, Selectable::Component(id));
    };
    view! {
        <g
            class=class
            data-testid="component-card"
            data-canvas-stop="card"
            data-id=id.0
            data-kind=move || data.with(|d| d.as_ref().map(|d| kind_id(d.kind)).unwrap_or_default())
            role="button"
            tabindex="0"
            aria-label=move || {
                let lang = language.get();
                data.with(|d| {
                    d.as_ref()
                        .map(|d| format!("{}: {}", say::kind_name(lang, d.kind), d.label))
                        .unwrap_or_default()
                })
            }
            aria-pressed=move || if flags.with(|f| f.selected) { "true" } else { "false" }
            on:keydown=on_key
        >
            <g transform=move || data.with(|d| d.as_ref().map(|d| format!("translate({} {})", Shortest(d.x), Shortest(d.y))).unwrap_or_default())>
                <rect class="card-body" width=shortest(CARD_WIDTH) height=shortest(CARD_HEIGHT) rx="10"></rect>
                <path
                    class="card-icon"
                    transform="translate(10 17)"
                    aria-hidden="true"
                    d=move || data.with(|d| d.as_ref().map(|d| icon_path(d.kind)).unwrap_or(""))
                ></path>
                <title>{move || data.with(|d| d.as_ref().map(|d| d.label.clone()).unwrap_or_default())}</title>
                <text class="card-label" x="42" y="30">
                    {move || data.with(|d| d.as_ref().map(|d| layout::card_title(&d.label, &d.far_label, room.get().0)).unwrap_or_default())}
                </text>
                <text class="card-kind" x="42" y="48">
                    {move || layout::fit_text(kind_name(), room.get().1)}
                </text>
                <text class="card-summary" x="12" y="74">
                    {move || data.with(|d| d.as_ref().map(|d| layout::fit_text(&d.summary, room.get().2)).unwrap_or_default())}
                </text>
                // Centred on the card: one line on its middle, two a half line above and below.
                <text class="card-far-label" data-testid="far-label" x=shortest(CARD_WIDTH / 2.0) y=shortest(CARD_HEIGHT / 2.0) text-anchor="middle">
                    <tspan
                        x=shortest(CARD_WIDTH / 2.0)
                        dy=move || {
                            let two = far_label.with(|(_, second)| !second.is_empty());
                            format!("{}em", Shortest(if two { -layout::FAR_LINE_EM / 2.0 } else { 0.0 }))
                        }
                        dominant-baseline="central"
                    >
                        {move || far_label.with(|(first, _)| first.clone())}
                    </tspan>
                    <tspan x=shortest(CARD_WIDTH / 2.0) dy=format!("{}em", Shortest(layout::FAR_LINE_EM)) dominant-baseline="central">
                        {move || far_label.with(|(_, second)| second.clone())}
                    </tspan>
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
                                    <circle cx=shortest(CARD_WIDTH - 2.0) cy="2" r="10"></circle>
                                    <text x=shortest(CARD_WIDTH - 2.0) y="6" text-anchor="middle">{count}</text>
                                </g>
                            }
                        })
                }}
            </g>
            {move || {
                let (inputs, outputs) = ports.get();
                let (valid, valid_outputs, named) =
                    flags.with(|f| (f.valid_target, f.valid_outputs.clone(), f.port_labels));
                let lang = language.get();
                let ins = inputs
                    .into_iter()
                    .map(|(port, at)| {
                        let name = say::in_port_name(lang, port);
                        let title = port_title(lang, true, name);
                        // Under the port, inside the card: the wire comes in from the left.
                        let plate = layout::in_port_label_plate(at, layout::port_label_width(name));
                        let label = named.then(|| view! {
                            <g class="port-label port-label-in" data-testid="port-label">
                                <rect x=shortest(plate.min.x) y=shortest(plate.min.y) width=shortest(plate.width()) height=shortest(plate.height()) rx="3"></rect>
                                <text x=shortest(plate.min.x + 2.0) y=shortest(plate.max.y - 2.5)>{name}</text>
                            </g>
                        });
                        view! {
                            <g class="port port-in" class:valid=valid data-testid="port-in" data-port=in_port_id(port)>
                                <title>{title}</title>
                                <circle cx=shortest(at.x) cy=shortest(at.y) r="6"></circle>
                                {label}
                            </g>
                        }
                    })
                    .collect_view();
                let outs = outputs
                    .into_iter()
                    .map(|(port, at)| {
                        let name = say::out_port_name(lang, port);
                        let title = port_title(lang, false, name);
                        let ok = valid_outputs.contains(&port);
                        // Left of the port, inside the card: the wire leaves to the right.
                        let plate = layout::out_port_label_plate(at, layout::port_label_width(name));
                        let label = named.then(|| view! {
                            <g class="port-label port-label-out" data-testid="port-label">
                                <rect x=shortest(plate.min.x) y=shortest(plate.min.y) width=shortest(plate.width()) height=shortest(plate.height()) rx="3"></rect>
                                <text x=shortest(plate.max.x - 2.0) y=shortest(plate.max.y - 2.5) text-anchor="end">{name}</text>
                            </g>
                        });
                        view! {
                            <g class="port port-out" class:valid=ok data-testid="port-out" data-port=out_port_id(port)>
                                <title>{title}</title>
                                <circle cx=shortest(at.x) cy=shortest(at.y) r="6"></circle>
                                {label}
                            </g>
                        }
                    })
                    .collect_view();
                (ins, outs)
            }}
        </g>
    }
}
