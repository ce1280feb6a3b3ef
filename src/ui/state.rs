//! The app's shared state, provided once as a Leptos context and read with [`use_app`].
//!
//! The editor (document, history, camera, selection, tool state) lives in one signal: every
//! DOM event goes through [`AppState::dispatch`] or [`AppState::run`], so the view never edits
//! the diagram directly. Banners are the app's one channel for messages a user must see
//! (a damaged link, a failed import, a restored autosave). The open context menu lives here too,
//! because the shortcut that opens it is heard by the toolbar and the menu is drawn by the
//! canvas column.

use crate::editor::{Action, Editor, InputEvent, Response, Selectable, Vec2};
use crate::model::Diagram;
use crate::present::text::banner::BannerMessage;
use leptos::prelude::*;

/// How a banner is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerLevel {
    Info,
    Warning,
    Error,
}

/// A message across the top of the canvas until the user dismisses it.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub level: BannerLevel,
    /// What happened, worded in the current language when drawn (so a banner on screen follows
    /// a language switch).
    pub message: BannerMessage,
    /// An optional button: its label and what it does.
    pub action: Option<BannerAction>,
}

/// What a banner's button does.
#[derive(Clone, Debug, PartialEq)]
pub enum BannerAction {
    /// Put back the diagram that was replaced (kept in the recovery slot).
    RestorePrevious,
    /// Save the recovery slot, which cannot be opened, as a file to mend by hand.
    DownloadKept,
}

impl Banner {
    pub fn new(level: BannerLevel, message: impl Into<BannerMessage>) -> Self {
        Banner {
            level,
            message: message.into(),
            action: None,
        }
    }

    /// Whether it only informs (a lesson's title, a file's name): no warning, nothing offered.
    pub fn informs(&self) -> bool {
        self.level == BannerLevel::Info && self.action.is_none()
    }
}

/// A context menu to show: about which item, and where it points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MenuRequest {
    /// The item the menu acts on (selected when the menu opened), or `None`: the empty canvas.
    pub item: Option<Selectable>,
    /// Where the menu points, in viewport (client) CSS pixels.
    pub at: Vec2,
}

/// Shared handles to the app's signals. Cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The editor: diagram, history, camera, selection and the tool state machine.
    pub editor: RwSignal<Editor>,
    /// The message shown over the canvas, if any.
    pub banner: RwSignal<Option<Banner>>,
    /// The canvas context menu, while it is open.
    pub context_menu: RwSignal<Option<MenuRequest>>,
    /// The name of the file the document was opened from, if it was (its exports take it).
    pub file_name: RwSignal<Option<String>>,
}

impl AppState {
    /// Feeds one input event to the editor.
    pub fn dispatch(&self, event: InputEvent) -> Response {
        self.editor
            .try_update(|editor| editor.handle(event))
            .unwrap_or_default()
    }

    /// Runs one registered action (toolbar button, shortcut and menu item alike).
    pub fn run(&self, action: Action) -> Response {
        self.editor
            .try_update(|editor| editor.run(action))
            .unwrap_or_default()
    }

    /// Replaces the whole document (open a link, import a file): a fresh history, fitted view.
    pub fn load(&self, diagram: Diagram) {
        self.editor.update(|editor| editor.load(diagram));
    }

    pub fn show(&self, banner: Banner) {
        self.banner.set(Some(banner));
    }
}

/// Creates the app state with `diagram` and provides it to the component tree.
pub fn provide_app_state(diagram: Diagram) -> AppState {
    let state = AppState {
        editor: RwSignal::new(Editor::new(diagram)),
        banner: RwSignal::new(None),
        context_menu: RwSignal::new(None),
        file_name: RwSignal::new(None),
    };
    provide_context(state);
    state
}

/// The app state provided by [`provide_app_state`].
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
