//! The canvas's Tab order: the cards first, then the wires, then the datacenters, whatever
//! order they are drawn in (datacenters under wires under cards, so the document's own order
//! would send a keyboard user through every frame and wire before the first card).
//!
//! Each tab stop carries [`STOP`] with its kind. A Tab the editor does not take (it takes them
//! while wiring from the keyboard) moves along that order and brings what it reaches into view;
//! past either end it hands over to the browser from the stop the document has at that end, so
//! Tab leaves the canvas for what follows it and Shift+Tab for the canvas itself. Coming back
//! with Shift+Tab from what follows, the browser lands on the last card drawn; [`entered`] moves
//! on to the last stop of the order instead.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::{Update, WithUntracked, request_animation_frame, set_timeout};
use wasm_bindgen::JsCast;

use super::input::focus_without_scroll;
use crate::editor::{Selectable, Selection};
use crate::model::{ComponentId, GroupId, WireId};
use crate::ui::state::AppState;

/// The attribute marking a tab stop on the canvas, valued with its kind.
const STOP: &str = "data-canvas-stop";
/// Every tab stop, in the document's order.
const ANY_STOP: &str = "[data-canvas-stop]";
/// The stops of each kind, in Tab order.
const KINDS: [&str; 3] = [
    "[data-canvas-stop=card]",
    "[data-canvas-stop=wire]",
    "[data-canvas-stop=datacenter]",
];

thread_local! {
    /// The last key pressed was Shift+Tab (read by [`entered`] while the browser moves focus).
    static BACKWARDS: Cell<bool> = const { Cell::new(false) };
}

/// Notes every key pressed, anywhere on the page, before the browser moves focus for it.
pub(in crate::ui) fn note_key(ev: &web_sys::KeyboardEvent) {
    BACKWARDS.set(ev.key() == "Tab" && ev.shift_key());
}

/// The canvas's tab stops in Tab order.
fn stops(canvas: &web_sys::Element) -> Vec<web_sys::Element> {
    let mut out = Vec::new();
    for kind in KINDS {
        if let Ok(list) = canvas.query_selector_all(kind) {
            out.extend(
                (0..list.length())
                    .filter_map(|i| list.item(i))
                    .filter_map(|n| n.dyn_into::<web_sys::Element>().ok()),
            );
        }
    }
    out
}

/// The item a tab stop stands for.
fn item_of(stop: &web_sys::Element) -> Option<Selectable> {
    let id: u32 = stop.get_attribute("data-id")?.parse().ok()?;
    match stop.get_attribute(STOP)?.as_str() {
        "card" => Some(Selectable::Component(ComponentId(id))),
        "wire" => Some(Selectable::Wire(WireId(id))),
        "datacenter" => Some(Selectable::Group(GroupId(id))),
        _ => None,
    }
}

/// The selection before a key or a menu entry acts, for [`keep_focus`] after it.
pub(in crate::ui) fn selection_now(state: AppState) -> Selection {
    state.editor.with_untracked(|e| e.selection().clone())
}

/// After a key or a menu entry acted on the canvas (the selection was `before`): when the
/// action took away what had the focus (a delete, a cut, an undo), the focus goes to the
/// selected item, else to the canvas; when it made another item the one selected (a wire drawn
/// from the keyboard, a duplicate, a paste) while the focus was on an item, the focus follows
/// it. A focus elsewhere (a field, a button, the canvas itself) stays where it is. Run a frame
/// later, once the canvas shows the action's outcome.
pub(in crate::ui) fn keep_focus(state: AppState, before: Selection) {
    request_animation_frame(move || {
        let Some(canvas) = super::input::canvas_element() else {
            return;
        };
        let active = crate::ui::modal::focused();
        let on_item = active.as_ref().map(|a| a.has_attribute(STOP));
        // Wiring from the keyboard leads the focus itself.
        let idle = state
            .editor
            .with_untracked(|e| e.tool().kind() == crate::editor::ToolKind::Idle);
        if on_item == Some(false) || !idle {
            return;
        }
        let selected = state.editor.with_untracked(|e| {
            let s = e.selection();
            // Unchanged: the focus follows it only if it was lost.
            let one = s.len() == 1 && (*s != before || active.is_none());
            crate::editor::context_menu::primary_item(s).filter(|_| one)
        });
        match (selected.and_then(stop_of), active) {
            (Some(stop), Some(active)) if stop.is_same_node(Some(active.unchecked_ref())) => {}
            (Some(stop), _) => focus_without_scroll(&stop),
            (None, None) => focus_without_scroll(&canvas),
            (None, Some(_)) => {}
        }
    });
}

/// The tab stop of `item` on the canvas, if it is drawn.
pub(in crate::ui) fn stop_of(item: Selectable) -> Option<web_sys::Element> {
    let (kind, id) = match item {
        Selectable::Component(c) => ("card", c.0),
        Selectable::Wire(w) => ("wire", w.0),
        Selectable::Group(g) => ("datacenter", g.0),
    };
    super::input::canvas_element()?
        .query_selector(&format!("[{STOP}={kind}][data-id=\"{id}\"]"))
        .ok()?
}

/// Focuses `stop` and pans the camera as little as shows it.
fn reach(state: AppState, stop: &web_sys::Element) {
    if let Some(item) = item_of(stop) {
        state.editor.update(|e| e.reveal(item));
    }
    focus_without_scroll(stop);
}

/// A Tab the editor left alone, pressed at `target`: true if focus moved here (the caller then
/// stops the browser's own move).
pub(in crate::ui) fn tab(state: AppState, target: &web_sys::Element, backwards: bool) -> bool {
    let Some(canvas) = super::input::canvas_element() else {
        return false;
    };
    let order = stops(&canvas);
    let Some(first) = order.first() else {
        return false;
    };
    // Into the canvas from its own region: the first card, not the first frame drawn.
    if target == &canvas {
        if backwards {
            return false;
        }
        reach(state, first);
        return true;
    }
    let Some(at) = order.iter().position(|s| s == target) else {
        return false;
    };
    let next = if backwards {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|&n| n < order.len())
    };
    if let Some(n) = next {
        reach(state, &order[n]);
        return true;
    }
    // Past an end: the browser goes on from the stop the document has at that end.
    let edge = canvas
        .query_selector_all(ANY_STOP)
        .ok()
        .and_then(|all| {
            let i = if backwards {
                0
            } else {
                all.length().checked_sub(1)?
            };
            all.item(i)
        })
        .and_then(|n| n.dyn_into::<web_sys::Element>().ok());
    if let Some(edge) = edge
        && &edge != target
    {
        focus_without_scroll(&edge);
    }
    false
}

/// Focus arrived at `target` on the canvas from `from`: coming back from outside the canvas with
/// Shift+Tab, it goes on to the last stop of the Tab order.
pub(super) fn entered(state: AppState, target: &web_sys::Element, from: Option<web_sys::Element>) {
    if !BACKWARDS.get() || !target.has_attribute(STOP) {
        return;
    }
    let Some(canvas) = super::input::canvas_element() else {
        return;
    };
    if from.is_some_and(|f| canvas.contains(Some(&f))) {
        return;
    }
    BACKWARDS.set(false);
    if let Some(last) = stops(&canvas).pop()
        && &last != target
    {
        // After this focus event: focusing from inside its own listener would re-enter it.
        set_timeout(move || reach(state, &last), Duration::ZERO);
    }
}
