//! The context menu's English.

use crate::present::text::menu::MenuText;

pub fn menu(t: MenuText) -> &'static str {
    match t {
        MenuText::StartRunHint => "Start a run to break things live",
    }
}

/// "Actions for Cache".
pub fn actions_for(title: &str) -> String {
    format!("Actions for {title}")
}
