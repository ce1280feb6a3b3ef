//! The palette's English.

use crate::present::text::palette::PaletteText;

pub fn palette(t: PaletteText) -> &'static str {
    match t {
        PaletteText::Palette => "Component palette",
        PaletteText::Title => "Components",
        PaletteText::Hint => "Drag onto the canvas, or click to add in the middle.",
        PaletteText::HintTouch => {
            "Tap to add in the middle of the view, or drag sideways onto the canvas."
        }
        PaletteText::Datacenter => "Datacenter",
        PaletteText::DatacenterDescription => {
            "A region frame; cards dropped inside run in that datacenter."
        }
        PaletteText::DatacenterTitle => {
            "A datacenter frame: drag cards into it to place them in a region"
        }
        PaletteText::AddDatacenter => "Add a datacenter frame",
        PaletteText::Collapse => "Narrow the components list to its icons",
        PaletteText::Expand => "Widen the components list",
    }
}

/// "Add Cache: <description>".
pub fn add_kind(name: &str, description: &str) -> String {
    format!("Add {name}: {description}")
}
