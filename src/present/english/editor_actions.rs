//! The editor's action names and shortcut keys in English.

use crate::editor::Key;
use crate::editor::actions::{Action, Direction, Shortcut};
use crate::present::lang::Lang;
use crate::present::say;

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Left => "left",
        Direction::Right => "right",
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

/// What a menu, a tooltip or the shortcut help says for an action.
pub fn action_name(action: Action) -> String {
    let text = match action {
        Action::Delete => "Delete",
        Action::Duplicate => "Duplicate",
        Action::Copy => "Copy",
        Action::Cut => "Cut",
        Action::Paste => "Paste",
        Action::Undo => "Undo",
        Action::Redo => "Redo",
        Action::SelectAll => "Select all",
        Action::FitToView => "Fit to view",
        Action::Cancel => "Cancel / clear selection",
        Action::Nudge(d) => return format!("Nudge {}", direction(d)),
        Action::NudgeFar(d) => return format!("Nudge far {}", direction(d)),
        Action::ZoomIn => "Zoom in",
        Action::ZoomOut => "Zoom out",
        Action::ResetZoom => "Zoom to 100%",
        Action::AddAtCentre(kind) => return format!("Add {}", say::kind_name(Lang::En, kind)),
        Action::StartWire => {
            "Connect from the selected component (then Tab to aim, Enter to connect)"
        }
        Action::OpenContextMenu => "Open the menu for the selection (break it live, delete, …)",
    };
    text.to_string()
}

/// A key's name as printed on it ("Delete", "Esc", "←"); `menu` names the menu key, the one
/// key whose name is a word.
pub(crate) fn key_name(key: Key, menu: &str) -> String {
    match key {
        Key::Character(c) => c.to_ascii_uppercase().to_string(),
        Key::Delete => "Delete".into(),
        Key::Backspace => "Backspace".into(),
        Key::Escape => "Esc".into(),
        Key::Enter => "Enter".into(),
        Key::Space => "Space".into(),
        Key::Tab => "Tab".into(),
        Key::ArrowLeft => "←".into(),
        Key::ArrowRight => "→".into(),
        Key::ArrowUp => "↑".into(),
        Key::ArrowDown => "↓".into(),
        Key::F10 => "F10".into(),
        Key::ContextMenu => menu.into(),
        Key::Other => "?".into(),
    }
}

/// A shortcut as it reads: modifiers and key joined by "+" ("Ctrl+Shift+Z").
pub(crate) fn shortcut_with(s: &Shortcut, menu: &str) -> String {
    let mut parts: Vec<String> = s.modifier_names().into_iter().map(String::from).collect();
    parts.push(key_name(s.key, menu));
    parts.join("+")
}

/// How a shortcut reads ("Ctrl+Shift+Z").
pub fn shortcut(s: &Shortcut) -> String {
    shortcut_with(s, "Menu")
}
