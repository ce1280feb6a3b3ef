//! What a dialog owes the keyboard: it takes the focus as it opens and gives it back to the
//! control that opened it as it closes ([`hold_focus`]); a modal one (`aria-modal`) keeps Tab
//! and Shift+Tab going round its own controls, never to the page behind it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The element that has the focus, if any but the page's body.
pub(super) fn focused() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    let active = document.active_element()?;
    let body = document.body()?;
    if active.is_same_node(Some(body.unchecked_ref())) || !active.is_connected() {
        return None;
    }
    active.dyn_into().ok()
}

/// For a dialog being built: the focus goes to what `into` finds once it is on the page, and
/// when the dialog goes, back to what had it before (the control that opened it), unless the
/// focus has been given somewhere else since (a lesson opened from the gallery takes it).
pub(super) fn hold_focus(into: impl Fn() -> Option<web_sys::HtmlElement> + 'static) {
    let opener = send_wrapper::SendWrapper::new(focused());
    crate::ui::erase::effect(move || {
        if let Some(element) = into() {
            let _ = element.focus();
        }
    });
    on_cleanup(move || {
        let opener = opener.take();
        // The dialog's elements leave the page after its cleanups run.
        request_animation_frame(move || {
            if focused().is_none()
                && let Some(opener) = opener.filter(|o| o.is_connected())
            {
                let _ = opener.focus();
            }
        });
    });
}

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
