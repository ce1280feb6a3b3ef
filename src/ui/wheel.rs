//! What the canvas's wheel does: zoom about the pointer (a mouse's wheel, the default) or pan
//! (a trackpad's two-finger scroll). The shortcuts help offers the choice (and the editor points
//! to it once when a scroll looks like a trackpad's, until a choice is made); it is remembered
//! in localStorage and handed to the editor's settings (`EditorSettings::wheel_zooms`), which
//! decide each wheel event natively (`editor::events`).

use super::i18n::use_language;
use super::persist;
use super::state::{AppState, use_app};
use crate::present::text::toolbar::HelpText;
use leptos::prelude::*;

const STORAGE_KEY: &str = "scalelab.wheel";
/// The stored value of the choice that pans; anything else (nothing stored) zooms.
const PANS: &str = "pan";

/// Applies the remembered choice, at start-up.
pub fn apply_stored(app: AppState) {
    if let Some(stored) = persist::read(STORAGE_KEY) {
        set(app, stored == PANS);
    }
}

/// The person's choice: the editor follows it, and no longer offers it when a trackpad shows.
fn set(app: AppState, pans: bool) {
    app.editor.update(|e| {
        let mut settings = e.settings().clone();
        settings.wheel_zooms = !pans;
        settings.wheel_hint = false;
        e.set_settings(settings);
    });
}

/// Whether the wheel pans now.
pub fn pans(app: AppState) -> bool {
    app.editor.with(|e| !e.settings().wheel_zooms)
}

/// The help's check box: "the wheel pans the canvas", with who it is for.
#[component]
pub fn WheelChoice() -> impl IntoView {
    let app = use_app();
    let language = use_language();
    view! {
        <label class="help-choice">
            <input
                type="checkbox"
                data-testid="wheel-pans"
                aria-describedby="wheel-pans-hint"
                prop:checked=move || pans(app)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    set(app, on);
                    persist::write(app, STORAGE_KEY, if on { PANS } else { "zoom" });
                }
            />
            <span>
                {move || language.t(HelpText::WheelPans)}
                <span class="help-choice-hint" id="wheel-pans-hint">
                    {move || language.t(HelpText::WheelPansHint)}
                </span>
            </span>
        </label>
    }
}
