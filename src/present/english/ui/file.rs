//! The file actions' and the share dialog's English.

use crate::present::export::Column;
use crate::present::text::file::FileText;

pub fn file(t: FileText) -> &'static str {
    match t {
        FileText::Share => "Share link",
        FileText::ShareTitle => "Copy a link holding this diagram and its scenario",
        FileText::Export => "Export",
        FileText::ExportTitle => "Download the diagram as a file, a picture or the run's figures",
        FileText::Import => "Import",
        FileText::ImportTitle => "Open a diagram from a JSON file",
        FileText::ImportFile => "Diagram file to import",
        FileText::ShareDialog => "Share link",
        FileText::ShareUrl => "Link to this diagram",
        FileText::ShareExplain => "Anyone who opens this link gets this diagram and its scenario.",
        FileText::Copying => "Copying…",
        FileText::Copied => "Copied to the clipboard.",
        FileText::CopyRefused => {
            "Copy it from the box: the browser did not allow clipboard access."
        }
        FileText::Close => "Close",
        FileText::ExportMenu => "Export as",
        FileText::ExportJson => "Diagram file (JSON)",
        FileText::ExportJsonTitle => "A file to open again with Import",
        FileText::ExportSvg => "Picture (SVG)",
        FileText::ExportSvgTitle => "The whole diagram as it looks, sharp at any size",
        FileText::ExportPng => "Picture (PNG)",
        FileText::ExportPngTitle => {
            "The whole diagram as it looks, as an image for slides and documents"
        }
        FileText::ExportCsv => "Run figures (CSV)",
        FileText::ExportCsvTitle => "The charts' figures, one row per sample, for a spreadsheet",
        FileText::ExportCsvNone => "Run the simulation first: there are no figures yet",
        FileText::ExportFigures => "Pictures with the live figures",
    }
}

/// " 1234 characters.", after the share status.
pub fn link_length(chars: usize) -> String {
    format!(" {chars} characters.")
}

/// A column of the exported CSV: what it holds and its unit.
pub fn csv_column(column: Column) -> String {
    match column {
        Column::Time => "Simulated time (s)".to_string(),
        Column::Completed => "Completed (req/s)".to_string(),
        Column::P50 => "p50 latency (ms)".to_string(),
        Column::P95 => "p95 latency (ms)".to_string(),
        Column::P99 => "p99 latency (ms)".to_string(),
        Column::Failures(reason) => format!("{} (req/s)", super::super::failure_legend(reason)),
        Column::HitRatio(label) => format!("{label} hit ratio (%)"),
        Column::ReplicaLag(label) => format!("{label} replica lag (ms)"),
        Column::CopyLag(label) => format!("{} lag (ms)", super::super::cross_region(label)),
        Column::QueueDepth(label) => format!("{label} queue length"),
        Column::Instances(label) => format!("{label} instances"),
        Column::DcShare(label) => format!("{label} traffic share (%)"),
        Column::Faults => "Faults".to_string(),
    }
}
