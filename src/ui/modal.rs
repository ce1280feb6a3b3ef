//! What a modal dialog (`aria-modal`) owes the keyboard: Tab and Shift+Tab go round its own
//! controls, never to the page behind it.

use wasm_bindgen::JsCast;

/// What can take the focus with Tab.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]):not([tabindex='-1']), \
     select:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// Handles a key pressed over a modal dialog, the listener being on its backdrop (the element
/// holding the `aria-modal` dialog): a Tab that would leave the dialog goes to its other end
/// instead, and one pressed while the focus is outside it goes to its first control.
pub(super) fn keep_tab_within(ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(dialog) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|backdrop| backdrop.query_selector("[aria-modal=true]").ok().flatten())
    else {
        return;
    };
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let stops: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let inside = active
        .as_ref()
        .is_some_and(|a| dialog.contains(Some(a.unchecked_ref())));
    let at = |e: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| e.is_same_node(Some(a)));
    let to = if !inside {
        Some(first)
    } else if ev.shift_key() && at(first) {
        Some(last)
    } else if !ev.shift_key() && at(last) {
        Some(first)
    } else {
        None
    };
    if let Some(to) = to {
        ev.prevent_default();
        let _ = to.focus();
    }
}
