//! The canvas context menu: a right-click on a component, a datacenter or a wire (or Shift+F10
//! and the Menu key for the selection) opens a small menu of the faults that apply to that item,
//! injected into the live run as the run panel's buttons do, and of the registry's editing
//! actions for it. With no run under way the faults are shown disabled, with a line saying how
//! to enable them, so the feature can be found while editing. On the empty canvas it offers
//! what needs no item: paste, select all and fit to view.
//!
//! What the menu lists, where it goes and how the arrow keys move are
//! [`crate::editor::context_menu`]'s, tested natively; which fault applies to what is the
//! model's. This module draws the menu, moves focus, and closes it on Escape, Tab, a press
//! outside it, a change of camera (wheel, zoom, pan), the item going away, the window losing
//! focus or resizing, and after an entry is chosen. Escape, Tab and choosing hand focus back
//! to the canvas. It sits outside the canvas element, so its keys and presses never reach the
//! editor's shortcuts or gestures.

use crate::decimal::Shortest;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::canvas::{canvas_element, focus_without_scroll};
use super::i18n::use_language;
use super::run::{RunContext, fault_is_destructive, fault_test_id, target_label_in, use_run};
use super::state::{MenuRequest, use_app};
use super::toolbar::{perform, shortcut_label};
use crate::editor::Vec2;
use crate::editor::actions::spec;
use crate::editor::context_menu::{self, MenuEntry, MenuMove};
use crate::model::{Fault, FaultTarget};
use crate::present::say;
use crate::present::text::menu::{MenuText, actions_for};

/// The context menu, while one is open.
#[component]
pub fn ContextMenu() -> impl IntoView {
    let app = use_app();
    move || {
        app.context_menu
            .get()
            .map(|request| view! { <MenuPanel request=request/> })
    }
}

/// The menu's entries as drawn, in order.
fn menu_items(panel: &web_sys::Element) -> Vec<web_sys::HtmlButtonElement> {
    let Ok(list) = panel.query_selector_all("[role=menuitem]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlButtonElement>().ok())
        .collect()
}

/// Moves focus over the enabled entries; with none enabled, focus stays on the menu itself.
pub(super) fn move_focus(panel: &web_sys::HtmlElement, movement: MenuMove) {
    let items = menu_items(panel);
    let enabled: Vec<bool> = items.iter().map(|b| !b.disabled()).collect();
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = items
        .iter()
        .position(|b| active.as_ref().is_some_and(|a| b.is_same_node(Some(a))));
    match context_menu::step(&enabled, current, movement) {
        Some(i) => focus_without_scroll(&items[i]),
        None => focus_without_scroll(panel),
    }
}

/// The size of the page's viewport, scroll bars excluded, in CSS pixels.
fn viewport_size() -> Vec2 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map(|root| Vec2::new(root.client_width() as f64, root.client_height() as f64))
        .unwrap_or(Vec2::new(f64::INFINITY, f64::INFINITY))
}

/// One open menu.
#[component]
fn MenuPanel(
    /// The item the menu is about and where it points.
    request: MenuRequest,
) -> impl IntoView {
    let app = use_app();
    let run = use_run();
    let language = use_language();
    let item = request.item;
    let target = item.map(FaultTarget::from);
    let (entries, title) = app.editor.with_untracked(|e| {
        let lang = language.get_untracked();
        (
            context_menu::entries(e.diagram(), item),
            match target {
                Some(target) => target_label_in(lang, e.diagram(), target),
                None => language
                    .t(crate::present::text::canvas::CanvasText::Canvas)
                    .to_string(),
            },
        )
    });
    let has_faults = entries.iter().any(|e| matches!(e, MenuEntry::Fault(_)));
    let live = move || run.is_some_and(|r: RunContext| r.is_live());
    let panel = NodeRef::<leptos::html::Div>::new();

    // Closed from the keyboard, focus goes back to the item the menu was about (or the
    // canvas, if it is no longer drawn).
    let close = move |refocus: bool| {
        if refocus
            && let Some(back) = item
                .and_then(crate::ui::canvas::stop_of)
                .or_else(canvas_element)
        {
            focus_without_scroll(&back);
        }
        app.context_menu.set(None);
    };

    // Drawn hidden at the pointer, measured, moved where it fits and shown, then focused (a
    // hidden element cannot take focus). The style is written here, at once, rather than
    // through a signal whose update would come after the focus.
    crate::ui::erase::effect(move || {
        let Some(el) = panel.get() else { return };
        let rect = el.get_bounding_client_rect();
        let size = Vec2::new(rect.width(), rect.height());
        let at = context_menu::place(request.at, size, viewport_size());
        let style = web_sys::HtmlElement::style(&el);
        let _ = style.set_property("left", &format!("{}px", Shortest(at.x)));
        let _ = style.set_property("top", &format!("{}px", Shortest(at.y)));
        let _ = style.remove_property("visibility");
        move_focus(&el, MenuMove::First);
    });

    // The camera moved (wheel, zoom, pan) or the item went away (undo, delete): the menu no
    // longer points at what it is about.
    let camera = app.editor.with_untracked(|e| *e.camera());
    crate::ui::erase::effect(move || {
        let stale = app
            .editor
            .with(|e| *e.camera() != camera || context_menu::entries(e.diagram(), item).is_empty());
        if stale {
            close(false);
        }
    });

    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        let inside = panel.get_untracked().is_some_and(|p| {
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                .is_some_and(|t| p.contains(Some(&t)))
        });
        if !inside {
            close(false);
        }
    });
    let blur = window_event_listener(leptos::ev::blur, move |_| close(false));
    let resize = window_event_listener(leptos::ev::resize, move |_| close(false));
    on_cleanup(move || {
        outside.remove();
        blur.remove();
        resize.remove();
    });

    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(el) = panel.get_untracked() else {
            return;
        };
        let movement = match ev.key().as_str() {
            "ArrowDown" => MenuMove::Next,
            "ArrowUp" => MenuMove::Previous,
            "Home" | "PageUp" => MenuMove::First,
            "End" | "PageDown" => MenuMove::Last,
            "Escape" | "Tab" => {
                ev.prevent_default();
                ev.stop_propagation();
                close(true);
                return;
            }
            // Enter and Space press the focused entry, as on any button.
            _ => return,
        };
        ev.prevent_default();
        move_focus(&el, movement);
    };

    let choose = move |entry: MenuEntry| {
        let before = match entry {
            MenuEntry::Fault(action) => {
                if let Some(run) = run
                    && run.is_live()
                    && let Some(target) = target
                {
                    run.inject.run(Fault {
                        at_s: 0.0,
                        action,
                        target,
                    });
                }
                None
            }
            MenuEntry::Edit(action) => {
                let before = crate::ui::canvas::selection_now(app);
                let response = app.run(action);
                if let Some(effect) = response.effect {
                    perform(app, effect);
                }
                Some(before)
            }
        };
        close(true);
        // A delete or a cut takes the item the focus went back to.
        if let Some(before) = before {
            crate::ui::canvas::keep_focus(app, before);
        }
    };

    let fault_entries = entries
        .iter()
        .filter_map(|e| match e {
            MenuEntry::Fault(a) => Some(*a),
            MenuEntry::Edit(_) => None,
        })
        .map(|action| {
            let class = if fault_is_destructive(action) {
                "context-menu-item danger"
            } else {
                "context-menu-item"
            };
            view! {
                <button
                    class=class
                    type="button"
                    role="menuitem"
                    tabindex="-1"
                    data-testid=format!("menu-{}", fault_test_id(action))
                    disabled=move || !live()
                    on:click=move |_| choose(MenuEntry::Fault(action))
                >
                    <span>{move || say::fault_action(language.get(), action)}</span>
                </button>
            }
        })
        .collect_view();
    let edit_entries = entries
        .iter()
        .filter_map(|e| match e {
            MenuEntry::Edit(a) => Some(*a),
            MenuEntry::Fault(_) => None,
        })
        .map(|action| {
            let spec = spec(action);
            let testid = format!("menu-{}", spec.map(|s| s.id).unwrap_or("editor.action"));
            view! {
                <button
                    class="context-menu-item"
                    type="button"
                    role="menuitem"
                    tabindex="-1"
                    data-testid=testid
                    disabled=move || !app.editor.with(|e| e.is_enabled(action))
                    on:click=move |_| choose(MenuEntry::Edit(action))
                >
                    <span>{move || say::action_name(language.get(), action)}</span>
                    <kbd class="context-menu-keys">{move || shortcut_label(language.get(), action)}</kbd>
                </button>
            }
        })
        .collect_view();
    let hint_shown = move || has_faults && !live();

    view! {
        <div
            class="context-menu"
            role="menu"
            tabindex="-1"
            aria-label={
                let title = title.clone();
                move || actions_for(language.get(), &title)
            }
            aria-describedby=move || hint_shown().then_some("context-menu-hint")
            data-testid="context-menu"
            node_ref=panel
            style=format!("left: {}px; top: {}px; visibility: hidden", Shortest(request.at.x), Shortest(request.at.y))
            on:keydown=on_key
            on:contextmenu=|ev: web_sys::MouseEvent| ev.prevent_default()
        >
            <div class="context-menu-title" role="none" aria-hidden="true">{title.clone()}</div>
            {fault_entries}
            {crate::ui::erase::show(hint_shown, move || view! {
                <p class="context-menu-hint" id="context-menu-hint" role="none" data-testid="context-menu-hint">
                    {move || language.t(MenuText::StartRunHint)}
                </p>
            }.into_any())}
            // Between the faults and the edits; none above the edits alone (a population, the
            // empty canvas).
            {has_faults.then(|| view! { <div class="context-menu-sep" role="separator"></div> })}
            {edit_entries}
        </div>
    }
}
