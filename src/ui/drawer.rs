//! The side panels as drawers on narrow screens: which one is open, the header buttons that
//! open them, the close button inside each, and the backdrop that closes them.
//!
//! On a desktop the palette and the inspector sit beside the canvas and none of this shows: the
//! stylesheet (`web/responsive.css`) hides the buttons and the backdrop and ignores which drawer
//! is "open". On a tablet the palette becomes a drawer over the canvas's left edge while the
//! inspector stays beside it; on a phone the canvas takes the whole width, the palette slides in
//! from the left and the inspector rises as a sheet from the bottom. At most one drawer is open;
//! the open one is named in the app's `data-drawer` attribute, which the stylesheet reads.
//! Opening a drawer moves focus to its close button; Escape closes it. The
//! palette closes its drawer when it adds a card or starts a drag, so the canvas shows where the
//! card goes. Session state: never saved.

use leptos::prelude::*;

use super::i18n::use_language;
use crate::present::text::shell::ShellText;

/// A side panel shown as a drawer on narrow screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawer {
    Palette,
    Inspector,
}

impl Drawer {
    /// Its name in the app's `data-drawer` attribute and in the test ids.
    fn id(self) -> &'static str {
        match self {
            Drawer::Palette => "palette",
            Drawer::Inspector => "inspector",
        }
    }
}

/// Which drawer is open (at most one). Cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct Drawers(RwSignal<Option<Drawer>>);

impl Drawers {
    /// Opens `drawer` if it is closed, else closes it.
    pub fn toggle(self, drawer: Drawer) {
        self.0.update(|open| {
            *open = if *open == Some(drawer) {
                None
            } else {
                Some(drawer)
            }
        });
    }

    /// Opens `drawer` (closing the other one).
    pub fn open(self, drawer: Drawer) {
        if self.0.get_untracked() != Some(drawer) {
            self.0.set(Some(drawer));
        }
    }

    /// Closes whichever drawer is open.
    pub fn close(self) {
        if self.0.get_untracked().is_some() {
            self.0.set(None);
        }
    }

    /// Whether `drawer` is open (tracked).
    pub fn is_open(self, drawer: Drawer) -> bool {
        self.0.get() == Some(drawer)
    }

    /// The open drawer's name for `data-drawer`, empty when none is (tracked).
    pub fn open_name(self) -> &'static str {
        self.0.get().map_or("", Drawer::id)
    }
}

/// Provides the drawers' state to the app.
pub fn provide_drawers() -> Drawers {
    let drawers = Drawers(RwSignal::new(None));
    provide_context(drawers);
    drawers
}

/// The drawers' state (a closed one outside the app, as in a component test).
pub fn use_drawers() -> Drawers {
    use_context::<Drawers>().unwrap_or_else(|| Drawers(RwSignal::new(None)))
}

/// The header buttons that open the palette and the inspector as drawers (narrow screens only).
#[component]
pub fn DrawerButtons() -> impl IntoView {
    let drawers = use_drawers();
    let language = use_language();
    let button = move |drawer: Drawer, label: ShellText| {
        view! {
            <button
                class="btn drawer-button"
                class:open=move || drawers.is_open(drawer)
                type="button"
                data-testid=format!("open-{}", drawer.id())
                aria-expanded=move || drawers.is_open(drawer).to_string()
                on:click=move |_| {
                    drawers.toggle(drawer);
                    if drawers.0.get_untracked() == Some(drawer) {
                        // Once the drawer is drawn open: a hidden button takes no focus.
                        set_timeout(
                            move || focus_close_button(drawer),
                            std::time::Duration::ZERO,
                        );
                    }
                }
            >
                {move || language.t(label)}
            </button>
        }
    };
    view! {
        <div class="drawer-buttons" role="group" aria-label=move || language.t(ShellText::Panels)>
            {button(Drawer::Palette, ShellText::PaletteButton)}
            {button(Drawer::Inspector, ShellText::InspectorButton)}
        </div>
    }
}

/// The close button at the top of a drawer (narrow screens only).
#[component]
pub fn DrawerClose(
    /// The drawer it closes.
    drawer: Drawer,
) -> impl IntoView {
    let drawers = use_drawers();
    let language = use_language();
    view! {
        <button
            class="btn btn-ghost drawer-close"
            type="button"
            data-testid=format!("close-{}", drawer.id())
            aria-label=move || language.t(ShellText::ClosePanel)
            title=move || language.t(ShellText::ClosePanel)
            on:click=move |_| drawers.close()
        >
            "×"
        </button>
    }
}

/// Moves focus to `drawer`'s close button (the first control in it), so that a keyboard or
/// screen reader user lands in the drawer just opened.
fn focus_close_button(drawer: Drawer) {
    let selector = format!("[data-testid=close-{}]", drawer.id());
    if let Some(button) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
    {
        super::canvas::focus_without_scroll(&button);
    }
}

/// The shade behind an open drawer: a press on it, or Escape, closes the drawer.
#[component]
pub fn DrawerBackdrop() -> impl IntoView {
    let drawers = use_drawers();
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            drawers.close();
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <div
            class="drawer-backdrop"
            data-testid="drawer-backdrop"
            aria-hidden="true"
            on:click=move |_| drawers.close()
        ></div>
    }
}
