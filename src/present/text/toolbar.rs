//! The header's words around the editor: the toolbar, the theme toggle and the shortcuts help.
//!
//! Action names and their shortcut keys are the editor's registry's (`editor::actions`), worded
//! there; this module holds only the words the view puts around them.

use crate::present::{english, korean};

crate::phrases! {
    /// The toolbar's and the theme toggle's words.
    pub enum ToolbarText => (english::ui::toolbar, korean::ui::toolbar) {
        /// The toolbar's accessible name.
        Toolbar,
        /// The zoom level button's title, before its shortcut.
        ZoomTo100,
        /// The zoom level button's accessible name.
        ZoomLevel,
        /// The shortcuts button's title.
        ShortcutsTitle,
        /// The shortcuts button's accessible name.
        Shortcuts,
        /// The theme toggle while the system decides.
        ThemeSystem,
        /// The theme toggle on the light theme.
        ThemeLight,
        /// The theme toggle on the dark theme.
        ThemeDark,
        /// The theme toggle's title.
        ThemeTitle,
    }
}

crate::phrases! {
    /// The shortcuts help's words.
    pub enum HelpText => (english::ui::help, korean::ui::help) {
        /// The help's heading and accessible name.
        Title,
        /// Between two shortcuts of one action.
        Or,
        /// Keyboard wiring: moving between targets.
        ConnectNextPrevious,
        /// Its keys.
        ConnectNextPreviousKeys,
        /// Keyboard wiring: connecting or cancelling.
        ConnectConfirm,
        /// Its keys.
        ConnectConfirmKeys,
        /// Panning the canvas.
        Pan,
        /// Its keys while the wheel zooms.
        PanKeys,
        /// Its keys while the wheel pans.
        PanKeysWheelPans,
        /// Zooming the canvas about the pointer.
        Zoom,
        /// Its keys while the wheel zooms.
        ZoomKeys,
        /// Its keys while the wheel pans.
        ZoomKeysWheelPans,
        /// The choice that makes the wheel pan.
        WheelPans,
        /// Who that choice is for.
        WheelPansHint,
        /// Box selection.
        BoxSelect,
        /// Its keys.
        BoxSelectKeys,
        /// The help itself.
        ThisList,
        /// The link to `docs/fidelity.md`.
        Fidelity,
        /// The close button.
        Close,
    }
}
