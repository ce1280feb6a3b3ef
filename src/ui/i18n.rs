//! The screen's language: one signal, provided once as a context and read with
//! [`use_language`].
//!
//! The first visit follows the browser's preferred languages; a choice made in the language
//! control is remembered in localStorage. `<html lang>` and the page title follow the signal.
//! Switching only re-renders words: the diagram, the undo history and a running simulation
//! live in other signals and are not touched.

use super::persist;
use crate::present::lang::Lang;
use crate::present::text::Phrase;
use crate::present::text::shell::ShellText;
use leptos::prelude::*;

const STORAGE_KEY: &str = "scalelab.lang";

/// The current language. Cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct Language(RwSignal<Lang>);

impl Language {
    /// The current language (tracked: a closure that calls it re-runs on a switch).
    pub fn get(self) -> Lang {
        self.0.get()
    }

    /// The current language, without tracking.
    pub fn get_untracked(self) -> Lang {
        self.0.get_untracked()
    }

    /// Switches the screen to `lang` and remembers the choice.
    pub fn set(self, lang: Lang) {
        persist::remember(STORAGE_KEY, Some(lang.code()));
        self.0.set(lang);
    }

    /// A fixed text in the current language (tracked).
    pub fn t<P: Phrase>(self, phrase: P) -> &'static str {
        phrase.say(self.get())
    }
}

/// The language to start in: the remembered choice, else the browser's.
fn initial() -> Lang {
    let stored = persist::read(STORAGE_KEY).and_then(|code| Lang::from_code(&code));
    stored.unwrap_or_else(|| {
        let languages: Vec<String> = web_sys::window()
            .map(|w| {
                w.navigator()
                    .languages()
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect()
            })
            .unwrap_or_default();
        Lang::from_browser(languages.iter().map(String::as_str))
    })
}

/// Provides the language context and keeps `<html lang>` and the title in step with it.
pub fn provide_language() -> Language {
    let language = Language(RwSignal::new(initial()));
    provide_context(language);
    crate::ui::erase::effect(move || {
        let lang = language.get();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            document.set_title(ShellText::PageTitle.say(lang));
        }
    });
    language
}

/// The language context (provided by the app root).
pub fn use_language() -> Language {
    expect_context::<Language>()
}

/// The language control: the language's own name, one option per language.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let language = use_language();
    let on_change = move |ev: web_sys::Event| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            language.set(lang);
        }
    };
    view! {
        <select
            class="language-picker"
            data-testid="language"
            aria-label=move || language.t(ShellText::Language)
            title=move || language.t(ShellText::Language)
            on:change=on_change
            prop:value=move || language.get().code()
        >
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <option value=lang.code() lang=lang.code() selected=move || language.get() == lang>
                            {lang.autonym()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
