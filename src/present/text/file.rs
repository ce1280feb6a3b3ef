//! The file actions' words: share, export and import buttons, and the share dialog.

use crate::present::{english, korean};

crate::phrases! {
    /// The file actions' and the share dialog's words.
    pub enum FileText => (english::ui::file, korean::ui::file) {
        /// The share button.
        Share,
        /// Its title.
        ShareTitle,
        /// The export button.
        Export,
        /// Its title.
        ExportTitle,
        /// The import button.
        Import,
        /// Its title.
        ImportTitle,
        /// The hidden file input's accessible name.
        ImportFile,
        /// The share dialog's accessible name.
        ShareDialog,
        /// What the link holds.
        ShareExplain,
        /// While the link is being copied.
        Copying,
        /// The link was copied.
        Copied,
        /// The browser refused the clipboard.
        CopyRefused,
        /// The dialog's close button.
        Close,
    }
}

/// The share dialog's length note after its status: " 1234 characters.".
pub fn link_length(lang: crate::present::lang::Lang, chars: usize) -> String {
    match lang {
        crate::present::lang::Lang::En => english::ui::link_length(chars),
        crate::present::lang::Lang::Ko => korean::ui::link_length(chars),
    }
}
