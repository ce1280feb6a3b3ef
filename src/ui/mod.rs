//! The Leptos view: turns DOM events into editor input and draws the document and metrics.
//!
//! Thin by design: components here hold no business logic. They read plain state from the
//! pure modules (`model`, `editor`, `sim`, `share`) and forward user intent to them through the
//! app state in [`state`].

mod banner;
mod canvas;
mod context_menu;
mod cost;
mod drawer;
pub mod erase;
mod export;
pub mod i18n;
pub mod icons;
pub(crate) mod in_view;
mod inspector;
pub(crate) mod lessons;
mod modal;
mod number_input;
mod palette;
pub(crate) mod persist;
mod run;
pub mod sim_worker;
mod size_watch;
pub mod state;
mod theme;
mod toolbar;
mod wheel;

use crate::model::Diagram;
use crate::present::text::shell::ShellText;
use leptos::prelude::*;

/// Mounts the app on the page body.
pub fn mount() {
    // The loading hint `index.html` draws until the app's code has arrived.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}

/// The whole application shell: header, palette, canvas, inspector and run panel. Its layout
/// follows the screen's width (`web/responsive.css`): side by side on a desktop; on a tablet
/// and a phone the palette (and on a phone the inspector) opens as a drawer (`drawer`).
#[component]
pub fn App() -> impl IntoView {
    let language = i18n::provide_language();
    let app = state::provide_app_state(Diagram::new());
    // The editor words its notices and names new components in the screen's language: from the
    // start (a lesson link is opened below, before any effect runs), and at every change.
    app.editor
        .update_untracked(|e| e.set_language(language.get_untracked()));
    crate::ui::erase::effect(move || {
        let lang = language.get();
        app.editor.update(|e| e.set_language(lang));
    });
    wheel::apply_stored(app);
    let lessons = lessons::provide_lessons(app);
    persist::start(app, lessons);
    run::provide_run_state();
    let drawers = drawer::provide_drawers();
    view! {
        <div class="app" data-testid="app" data-drawer=move || drawers.open_name()>
            <header class="app-header">
                <h1 class="brand">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    "ScaleLab"
                </h1>
                <p class="tagline" title=move || language.t(ShellText::Tagline)>
                    {move || language.t(ShellText::Tagline)}
                </p>
                <drawer::DrawerButtons/>
                <div class="header-actions">
                    <button
                        class="btn"
                        data-testid="lessons-open"
                        on:click=move |_| lessons.gallery.set(true)
                        title=move || language.t(crate::present::text::lessons::LessonWord::GalleryTitle)
                    >
                        {move || language.t(crate::present::text::lessons::LessonWord::Lessons)}
                    </button>
                    <toolbar::Toolbar/>
                    <cost::CostBadge/>
                    <persist::FileActions/>
                    <theme::ThemeToggle/>
                    <i18n::LanguagePicker/>
                </div>
            </header>
            <palette::Palette/>
            <div class="canvas-column">
                <banner::BannerBar/>
                // The canvas and the lesson panel floating over it, below the banner: the
                // panel never covers the banner's words or its close button.
                <div class="canvas-stage">
                    <canvas::Canvas/>
                    <lessons::LessonPanel/>
                </div>
                <context_menu::ContextMenu/>
            </div>
            <inspector::Inspector/>
            <run::RunPanel/>
            <drawer::DrawerBackdrop/>
            <lessons::Gallery/>
        </div>
    }
}
