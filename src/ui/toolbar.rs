//! The editor toolbar, the global keyboard shortcuts, the clipboard and the shortcuts overlay.
//!
//! Buttons and keys run the same registered actions (`editor::ACTIONS`): a button is disabled
//! exactly when `Editor::is_enabled` says the action cannot run, and its title shows the
//! shortcut. Keys are forwarded to the editor only while focus is on the canvas, the palette,
//! the toolbar or the page itself, never from a form field or the inspector and run panels; the
//! run keys (Ctrl+Enter, Ctrl+Shift+Enter) act from anywhere but a modal dialog. Copy, cut and
//! paste go through the browser's `copy`/`cut`/`paste` events so the system clipboard is used
//! without a permission prompt; the toolbar's own effects use `navigator.clipboard`. `?` opens
//! an overlay listing every shortcut, with a link to `docs/fidelity.md` (copied beside the app by `index.html`; "How accurate is
//! ScaleLab?"); Escape closes it.

use super::icons::{GlyphIcon, glyph};
use crate::decimal::Fixed;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::use_language;
use super::state::{AppState, MenuRequest, use_app};
use crate::editor::actions::{RunKey, run_key, run_shortcut, spec};
use crate::editor::{ACTIONS, Action, Effect, InputEvent, Key, Modifiers, Vec2};
use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::run::RunText;
use crate::present::text::toolbar::{HelpText, ToolbarText};

/// Performs a side effect the editor asked for.
pub(super) fn perform(state: AppState, effect: Effect) {
    let clipboard = || web_sys::window().map(|w| w.navigator().clipboard());
    match effect {
        Effect::WriteClipboard(text) => {
            if let Some(clipboard) = clipboard() {
                let _ = clipboard.write_text(&text);
            }
        }
        Effect::ReadClipboard => {
            let Some(clipboard) = clipboard() else { return };
            // Awaited rather than given a callback, so nothing outlives the read.
            let read = clipboard.read_text();
            leptos::task::spawn_local(async move {
                if let Ok(value) = wasm_bindgen_futures::JsFuture::from(read).await
                    && let Some(text) = value.as_string()
                {
                    state.dispatch(InputEvent::Paste { text });
                }
            });
        }
        Effect::OpenContextMenu { item, at } => {
            // The editor speaks in canvas coordinates; the menu is placed in the viewport's.
            let origin = super::canvas::canvas_element()
                .map(|el| {
                    let rect = el.get_bounding_client_rect();
                    Vec2::new(rect.left(), rect.top())
                })
                .unwrap_or(Vec2::ZERO);
            state.context_menu.set(Some(MenuRequest {
                item,
                at: origin + at,
            }));
        }
    }
}

/// The attribute marking the regions whose focused elements take editor shortcuts: the canvas,
/// the palette and the toolbar.
const EDITOR_KEYS: &str = "data-editor-keys";

/// Whether keys typed at `target` are the editor's: focus is on the canvas, the palette, the
/// toolbar or nowhere in particular (the page body), and not in a form field. Keys typed in the
/// inspector, the run panel or a dialog belong there: Backspace edits a number, Ctrl+Z undoes
/// typing, Delete on a button does nothing.
fn keys_belong_to_editor(target: Option<web_sys::EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return true;
    };
    let tag = element.tag_name().to_ascii_lowercase();
    let editable = matches!(tag.as_str(), "input" | "textarea" | "select")
        || element
            .get_attribute("contenteditable")
            .is_some_and(|v| v != "false");
    if editable {
        return false;
    }
    tag == "body"
        || tag == "html"
        || element
            .closest(&format!("[{EDITOR_KEYS}]"))
            .ok()
            .flatten()
            .is_some()
}

fn modifiers_of(ev: &web_sys::KeyboardEvent) -> Modifiers {
    Modifiers {
        shift: ev.shift_key(),
        ctrl: ev.ctrl_key(),
        meta: ev.meta_key(),
        alt: ev.alt_key(),
    }
}

/// The shortcut label shown in titles ("Ctrl+Z"), if the action has one.
pub(super) fn shortcut_label(lang: Lang, action: Action) -> Option<String> {
    spec(action)?
        .shortcuts
        .first()
        .map(|s| say::shortcut(lang, s))
}

/// One toolbar button running a registered action.
#[component]
fn ActionButton(
    /// The action run on click.
    action: Action,
    /// The icon drawn on the button: path data from `icons::glyph`.
    glyph: &'static str,
) -> impl IntoView {
    let state = use_app();
    let language = use_language();
    let label = move || say::action_name(language.get(), action);
    let title = move || match shortcut_label(language.get(), action) {
        Some(keys) => format!("{} ({keys})", label()),
        None => label().to_string(),
    };
    let testid = spec(action).map(|s| s.id).unwrap_or("editor.action");
    view! {
        <button
            class="btn btn-ghost toolbar-btn"
            type="button"
            data-testid=testid
            title=title
            aria-label=label
            disabled=move || !state.editor.with(|e| e.is_enabled(action))
            on:click=move |_| {
                let response = state.run(action);
                if let Some(effect) = response.effect {
                    perform(state, effect);
                }
            }
        >
            <GlyphIcon path=glyph/>
        </button>
    }
}

/// The header toolbar: undo, redo, delete, duplicate, fit, zoom and the shortcuts overlay.
#[component]
pub fn Toolbar() -> impl IntoView {
    let state = use_app();
    let run = super::run::use_run();
    let help_open = RwSignal::new(false);

    let keydown = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = Key::from_dom_event(&ev.key(), &ev.code());
        let modifiers = modifiers_of(&ev);
        super::canvas::note_key(&ev);
        if help_open.get_untracked() {
            if key == Key::Escape {
                help_open.set(false);
                ev.prevent_default();
            }
            return;
        }
        // The run keys work wherever the focus is, a form field or the run panel included, but
        // not behind a modal dialog.
        if let Some(run_key) = run_key(key, modifiers) {
            let in_modal = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[aria-modal=true]").ok().flatten())
                .is_some();
            if !in_modal && let Some(run) = run {
                ev.prevent_default();
                run.on_key(run_key);
            }
            return;
        }
        if !keys_belong_to_editor(ev.target()) {
            return;
        }
        if ev.key() == "?" && !modifiers.command() {
            help_open.set(true);
            ev.prevent_default();
            return;
        }
        // Left to the browser, which then fires copy/cut/paste events handled below.
        if modifiers.command()
            && !modifiers.shift
            && matches!(
                key,
                Key::Character('c') | Key::Character('x') | Key::Character('v')
            )
        {
            return;
        }
        // Enter and Space on a focused button belong to the button.
        let on_button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                let tag = el.tag_name().to_ascii_lowercase();
                tag == "button" || tag == "a"
            });
        if on_button && matches!(key, Key::Enter | Key::Space) {
            return;
        }
        let before = super::canvas::selection_now(state);
        let response = state.dispatch(InputEvent::Key { key, modifiers });
        if response.handled {
            ev.prevent_default();
            super::canvas::keep_focus(state, before);
        } else if key == Key::Tab
            && !modifiers.command()
            && let Some(target) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            && super::canvas::tab(state, &target, modifiers.shift)
        {
            ev.prevent_default();
        }
        if let Some(effect) = response.effect {
            perform(state, effect);
        }
    });
    let keyup = window_event_listener(leptos::ev::keyup, move |ev| {
        let key = Key::from_dom_event(&ev.key(), &ev.code());
        state.dispatch(InputEvent::KeyUp { key });
    });
    let clipboard_out = move |ev: web_sys::ClipboardEvent, action: Action| {
        if !keys_belong_to_editor(ev.target()) {
            return;
        }
        let before = super::canvas::selection_now(state);
        let response = state.run(action);
        if let Some(Effect::WriteClipboard(text)) = response.effect
            && let Some(data) = ev.clipboard_data()
        {
            let _ = data.set_data("text/plain", &text);
            ev.prevent_default();
        }
        super::canvas::keep_focus(state, before);
    };
    let copy = window_event_listener(leptos::ev::copy, move |ev| clipboard_out(ev, Action::Copy));
    let cut = window_event_listener(leptos::ev::cut, move |ev| clipboard_out(ev, Action::Cut));
    let paste = window_event_listener(leptos::ev::paste, move |ev| {
        if !keys_belong_to_editor(ev.target()) {
            return;
        }
        let Some(text) = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        let before = super::canvas::selection_now(state);
        let response = state.dispatch(InputEvent::Paste { text });
        if response.handled {
            ev.prevent_default();
            super::canvas::keep_focus(state, before);
        }
    });
    let blur = window_event_listener(leptos::ev::blur, move |_| {
        state.dispatch(InputEvent::Blur);
    });
    on_cleanup(move || {
        keydown.remove();
        keyup.remove();
        copy.remove();
        cut.remove();
        paste.remove();
        blur.remove();
    });

    let zoom = move || {
        format!(
            "{}%",
            Fixed(state.editor.with(|e| e.camera().zoom) * 100.0, 0)
        )
    };
    let language = use_language();
    let reset_title = move || {
        let words = language.t(ToolbarText::ZoomTo100);
        match shortcut_label(language.get(), Action::ResetZoom) {
            Some(keys) => format!("{words} ({keys})"),
            None => words.to_string(),
        }
    };
    let help = move |t: HelpText| move || language.t(t);
    // Keys that depend on what the wheel does: while it zooms, and while it pans.
    let by_wheel = move |zooms: HelpText, pans: HelpText| {
        move || {
            language.t(if super::wheel::pans(state) {
                pans
            } else {
                zooms
            })
        }
    };

    view! {
        <div
            class="toolbar"
            role="toolbar"
            aria-label=move || language.t(ToolbarText::Toolbar)
            data-testid="toolbar"
            data-editor-keys=""
        >
            <ActionButton action=Action::Undo glyph=glyph::UNDO/>
            <ActionButton action=Action::Redo glyph=glyph::REDO/>
            <ActionButton action=Action::Delete glyph=glyph::DELETE/>
            <ActionButton action=Action::Duplicate glyph=glyph::DUPLICATE/>
            <span class="toolbar-sep" aria-hidden="true"></span>
            <ActionButton action=Action::ZoomOut glyph=glyph::ZOOM_OUT/>
            <button
                class="btn btn-ghost toolbar-zoom"
                type="button"
                data-testid="zoom-level"
                title=reset_title
                aria-label=move || language.t(ToolbarText::ZoomLevel)
                on:click=move |_| {
                    state.run(Action::ResetZoom);
                }
            >
                {zoom}
            </button>
            <ActionButton action=Action::ZoomIn glyph=glyph::ZOOM_IN/>
            <ActionButton action=Action::FitToView glyph=glyph::FIT/>
            <button
                class="btn btn-ghost toolbar-btn"
                type="button"
                data-testid="shortcuts-button"
                title=move || language.t(ToolbarText::ShortcutsTitle)
                aria-label=move || language.t(ToolbarText::Shortcuts)
                aria-haspopup="dialog"
                on:click=move |_| help_open.set(true)
            >
                "?"
            </button>
        </div>
        {crate::ui::erase::show(move || help_open.get(), move || {
            // The list takes the focus as it opens and gives it back as it closes.
            let panel = NodeRef::<leptos::html::Div>::new();
            super::modal::hold_focus(move || panel.get().map(Into::into));
            view! {
            <div
                class="overlay-backdrop"
                data-testid="shortcuts-overlay"
                on:click=move |_| help_open.set(false)
                on:keydown=move |ev: web_sys::KeyboardEvent| super::modal::keep_tab_within(&ev)
            >
                <div
                    class="overlay-panel"
                    node_ref=panel
                    tabindex="-1"
                    role="dialog"
                    aria-modal="true"
                    aria-label=help(HelpText::Title)
                    on:click=|ev: web_sys::MouseEvent| ev.stop_propagation()
                >
                    <h2>{help(HelpText::Title)}</h2>
                    <table class="shortcuts-table">
                        <tbody>
                            {ACTIONS
                                .iter()
                                .map(|spec| {
                                    let keys = move || {
                                        spec.shortcuts
                                            .iter()
                                            .map(|s| say::shortcut(language.get(), s))
                                            .collect::<Vec<_>>()
                                            .join(language.t(HelpText::Or))
                                    };
                                    view! {
                                        <tr>
                                            <td>{move || say::action_name(language.get(), spec.action)}</td>
                                            <td><kbd>{keys}</kbd></td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                            {[(RunKey::RunOrPause, None), (RunKey::Step, Some(RunText::StepTitle))]
                                .into_iter()
                                .map(|(key, words)| {
                                    let name = move || match words {
                                        Some(words) => language.t(words).to_string(),
                                        None => format!("{} / {}", language.t(RunText::Run), language.t(RunText::Pause)),
                                    };
                                    view! {
                                        <tr data-testid="run-key-help">
                                            <td>{name}</td>
                                            <td><kbd>{move || say::shortcut(language.get(), &run_shortcut(key))}</kbd></td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                            <tr>
                                <td>{help(HelpText::ConnectNextPrevious)}</td>
                                <td><kbd>{help(HelpText::ConnectNextPreviousKeys)}</kbd></td>
                            </tr>
                            <tr>
                                <td>{help(HelpText::ConnectConfirm)}</td>
                                <td><kbd>{help(HelpText::ConnectConfirmKeys)}</kbd></td>
                            </tr>
                            <tr>
                                <td>{help(HelpText::Zoom)}</td>
                                <td>
                                    <kbd>{by_wheel(HelpText::ZoomKeys, HelpText::ZoomKeysWheelPans)}</kbd>
                                </td>
                            </tr>
                            <tr>
                                <td>{help(HelpText::Pan)}</td>
                                <td>
                                    <kbd>{by_wheel(HelpText::PanKeys, HelpText::PanKeysWheelPans)}</kbd>
                                </td>
                            </tr>
                            <tr>
                                <td>{help(HelpText::BoxSelect)}</td>
                                <td><kbd>{help(HelpText::BoxSelectKeys)}</kbd></td>
                            </tr>
                            <tr>
                                <td>{help(HelpText::ThisList)}</td>
                                <td><kbd>"?"</kbd></td>
                            </tr>
                        </tbody>
                    </table>
                    <super::wheel::WheelChoice/>
                    <p>
                        <a href="fidelity.md" target="_blank" rel="noopener" data-testid="fidelity-link">
                            {help(HelpText::Fidelity)}
                        </a>
                    </p>
                    <button
                        class="btn"
                        type="button"
                        data-testid="shortcuts-close"
                        on:click=move |_| help_open.set(false)
                    >
                        {help(HelpText::Close)}
                    </button>
                </div>
            </div>
            }.into_any()
        })}
    }
}
