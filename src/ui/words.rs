//! The shell's one seam for words whose catalogue another part of the code owns: the editor's
//! action names and the run's fault buttons. The toolbar, the shortcuts help, the context menu
//! and the inspector word them through here, taking the language, so that wiring each to its
//! catalogue is a change in this file only.
//!
//! Today both forward to the English their owners still hold (`editor::actions`' labels,
//! `FaultAction::button_label`) in every language; the Korean is theirs to give.

use crate::editor::Action;
use crate::editor::actions::spec;
use crate::model::FaultAction;
use crate::present::lang::Lang;

/// An editor action's name ("Undo"), as its button, menu entry and help row say it.
pub fn action_name(_lang: Lang, action: Action) -> &'static str {
    spec(action).map(|s| s.label).unwrap_or("")
}

/// A fault's button words ("Slow ×5", "Flush cache").
pub fn fault_button(lang: Lang, action: FaultAction) -> String {
    crate::ui::run::fault_name(lang, action)
}
