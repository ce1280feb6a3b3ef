//! The editor's action names and shortcut keys in English (the registry's own labels).

use crate::editor::actions::{Action, Shortcut, spec};
use crate::present::lang::Lang;
use crate::present::say;

/// What a menu, a tooltip or the shortcut help says for an action.
pub fn action_name(action: Action) -> String {
    match action {
        Action::AddAtCentre(kind) => format!("Add {}", say::kind_name(Lang::En, kind)),
        other => spec(other).map_or_else(String::new, |s| s.label.to_string()),
    }
}

/// How a shortcut reads ("Ctrl+Shift+Z").
pub fn shortcut(s: &Shortcut) -> String {
    s.label()
}
