//! The file actions' words: share, export and import buttons, the export menu, the share
//! dialog, and the exported CSV's header (`present::export`).

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
        /// The share dialog's link field's accessible name.
        ShareUrl,
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
        /// The export menu's accessible name.
        ExportMenu,
        /// The export menu's items: the diagram as a file to open again.
        ExportJson,
        /// Its title.
        ExportJsonTitle,
        /// The diagram as a vector picture.
        ExportSvg,
        /// Its title.
        ExportSvgTitle,
        /// The diagram as a bitmap picture.
        ExportPng,
        /// Its title.
        ExportPngTitle,
        /// The run's time series as a table.
        ExportCsv,
        /// Its title.
        ExportCsvTitle,
        /// Its title while there is no run to export.
        ExportCsvNone,
        /// The choice to draw the run's live figures into the pictures.
        ExportFigures,
    }
}

/// The name of a column of the exported CSV, in `lang`.
pub fn csv_column(
    lang: crate::present::lang::Lang,
    column: crate::present::export::Column,
) -> String {
    match lang {
        crate::present::lang::Lang::En => english::ui::csv_column(column),
        crate::present::lang::Lang::Ko => korean::ui::csv_column(column),
    }
}

/// The share dialog's length note after its status: " 1234 characters.".
pub fn link_length(lang: crate::present::lang::Lang, chars: usize) -> String {
    match lang {
        crate::present::lang::Lang::En => english::ui::link_length(chars),
        crate::present::lang::Lang::Ko => korean::ui::link_length(chars),
    }
}
