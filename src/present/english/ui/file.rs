//! The file actions' and the share dialog's English.

use crate::present::text::file::FileText;

pub fn file(t: FileText) -> &'static str {
    match t {
        FileText::Share => "Share link",
        FileText::ShareTitle => "Copy a link holding this diagram and its scenario",
        FileText::Export => "Export",
        FileText::ExportTitle => "Download the diagram as a JSON file",
        FileText::Import => "Import",
        FileText::ImportTitle => "Open a diagram from a JSON file",
        FileText::ImportFile => "Diagram file to import",
        FileText::ShareDialog => "Share link",
        FileText::ShareExplain => "Anyone who opens this link gets this diagram and its scenario.",
        FileText::Copying => "Copying…",
        FileText::Copied => "Copied to the clipboard.",
        FileText::CopyRefused => {
            "Copy it from the box: the browser did not allow clipboard access."
        }
        FileText::Close => "Close",
    }
}

/// " 1234 characters.", after the share status.
pub fn link_length(chars: usize) -> String {
    format!(" {chars} characters.")
}
