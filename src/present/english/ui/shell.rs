//! The shell's English.

use crate::present::text::shell::ShellText;

pub fn shell(t: ShellText) -> &'static str {
    match t {
        ShellText::PageTitle => "ScaleLab: from zero to millions of users",
        ShellText::Tagline => "From zero to millions of users, one component at a time",
        ShellText::Language => "Language",
        ShellText::Panels => "Panels",
        ShellText::PaletteButton => "Components",
        ShellText::InspectorButton => "Inspector",
        ShellText::ClosePanel => "Close",
    }
}
