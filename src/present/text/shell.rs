//! The app shell's words: the page title, the header, the language control and the
//! buttons that open and close the side panels as drawers on a narrow screen.

use crate::present::{english, korean};

crate::phrases! {
    /// Words of the header around the toolbar.
    pub enum ShellText => (english::ui::shell, korean::ui::shell) {
        /// The page title (`<title>`).
        PageTitle,
        /// The line under the brand.
        Tagline,
        /// The language control's accessible name.
        Language,
        /// The group of buttons that open the side panels on a narrow screen.
        Panels,
        /// The button that opens the component palette as a drawer.
        PaletteButton,
        /// The button that opens the inspector as a drawer.
        InspectorButton,
        /// The button that closes a drawer.
        ClosePanel,
    }
}
