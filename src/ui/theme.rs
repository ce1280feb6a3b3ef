//! Light and dark themes. The default follows the system preference (pure CSS); the toggle
//! overrides it for this browser and remembers the choice in localStorage.

use super::i18n::use_language;
use super::persist;
use crate::present::text::toolbar::ToolbarText;
use leptos::prelude::*;

const STORAGE_KEY: &str = "scalelab.theme";

/// The user's theme choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ThemeChoice {
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    fn from_stored(value: Option<String>) -> Self {
        match value.as_deref() {
            Some("light") => ThemeChoice::Light,
            Some("dark") => ThemeChoice::Dark,
            _ => ThemeChoice::System,
        }
    }

    fn next(self) -> Self {
        match self {
            ThemeChoice::System => ThemeChoice::Light,
            ThemeChoice::Light => ThemeChoice::Dark,
            ThemeChoice::Dark => ThemeChoice::System,
        }
    }

    /// The value of `data-theme` on `<html>` (absent for `System`) and in storage.
    fn attribute(self) -> Option<&'static str> {
        match self {
            ThemeChoice::System => None,
            ThemeChoice::Light => Some("light"),
            ThemeChoice::Dark => Some("dark"),
        }
    }

    /// The toggle's words for this choice.
    fn label(self) -> ToolbarText {
        match self {
            ThemeChoice::System => ToolbarText::ThemeSystem,
            ThemeChoice::Light => ToolbarText::ThemeLight,
            ThemeChoice::Dark => ToolbarText::ThemeDark,
        }
    }
}

fn apply(choice: ThemeChoice) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match choice.attribute() {
        Some(value) => root.set_attribute("data-theme", value),
        None => root.remove_attribute("data-theme"),
    };
    persist::remember(STORAGE_KEY, choice.attribute());
}

/// A button cycling system -> light -> dark.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let stored = persist::read(STORAGE_KEY);
    let choice = RwSignal::new(ThemeChoice::from_stored(stored));
    let language = use_language();
    crate::ui::erase::effect(move || apply(choice.get()));
    view! {
        <button
            class="btn btn-ghost"
            data-testid="theme-toggle"
            title=move || language.t(ToolbarText::ThemeTitle)
            on:click=move |_| choice.update(|c| *c = c.next())
        >
            {move || language.t(choice.get().label())}
        </button>
    }
}
