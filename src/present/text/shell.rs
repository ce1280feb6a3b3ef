//! The app shell's words: the page title, the header and the language control.

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
    }
}
