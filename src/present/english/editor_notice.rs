//! The editor's notices and screen-reader announcements in English.

use crate::editor::clipboard::PasteError;
use crate::editor::command::{CommandError, Stale};
use crate::editor::notice::{Announcement, EditFailure, Notice, PortMention, WireRefusal};
use crate::present::lang::Lang;
use crate::present::say;

/// Why a wire may not end at a port.
pub fn wire_refusal(r: &WireRefusal) -> String {
    match r {
        WireRefusal::Rule(r) => say::refusal(Lang::En, r),
        WireRefusal::AcceptsNothing(kind) => {
            format!(
                "a {} card takes no incoming wires",
                say::kind_name(Lang::En, *kind)
            )
        }
    }
}

fn edit_failure(f: &EditFailure) -> String {
    match f {
        EditFailure::NothingToUndo => "there is nothing to undo or redo".into(),
        EditFailure::GestureOpen => "finish the current gesture first".into(),
        EditFailure::EditLost => "the edit in progress was lost".into(),
        EditFailure::Command(CommandError::Edit(e)) => super::model::edit_error(e),
        EditFailure::Command(CommandError::Stale(what)) => {
            let what = match what {
                Stale::Settings => "settings",
                Stale::Scenario => "scenario",
                Stale::Label => "label",
                Stale::Position => "position",
                Stale::DatacenterName => "datacenter name",
                Stale::DatacenterRegion => "datacenter region",
                Stale::DatacenterFrame => "datacenter frame",
            };
            format!("the {what} changed since this edit was made")
        }
        EditFailure::Command(CommandError::NotFinite) => {
            "a position was not a finite number".into()
        }
        EditFailure::Command(CommandError::Unsavable(e)) => say::unsavable(Lang::En, e),
    }
}

/// A label or datacenter name longer than the format holds.
pub fn name_too_long(chars: usize) -> String {
    format!(
        "a name may have at most {} characters, not {chars}",
        crate::share::MAX_LABEL_CHARS
    )
}

fn paste_error(e: &PasteError) -> String {
    match e {
        PasteError::NotScaleLab => "the clipboard does not hold ScaleLab components".into(),
        PasteError::Unreadable(e) => format!(
            "the copied diagram cannot be pasted: {}",
            say::share_error(Lang::En, e)
        ),
        PasteError::Empty => "there is nothing to paste".into(),
        PasteError::IdsExhausted => "this diagram has run out of ids".into(),
    }
}

/// The notice under the canvas.
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::WireRefused(r) => wire_refusal(r),
        Notice::NothingToConnect { label } => {
            format!("There is nothing to connect {label} to yet.")
        }
        Notice::EditFailed(f) => edit_failure(f),
        Notice::UndoFailed(f) => format!("could not undo or redo: {}", edit_failure(f)),
        Notice::OutOfIds => "this diagram has run out of ids".into(),
        Notice::Paste(e) => paste_error(e),
        Notice::WheelCanPan => "Using a trackpad? In the shortcuts help (?), the wheel can pan \
                                the canvas instead: two fingers move the view, a pinch zooms."
            .into(),
    }
}

fn mention(m: &PortMention) -> String {
    match m {
        PortMention::Out { label, port } => {
            format!("{label} ({} output)", say::out_port_name(Lang::En, *port))
        }
        PortMention::In { label, port } => {
            format!("{label} ({} input)", say::in_port_name(Lang::En, *port))
        }
        PortMention::Missing(id) => format!("component {}", id.0),
    }
}

/// What the live region says.
pub fn announcement(a: &Announcement) -> String {
    match a {
        Announcement::NothingToConnect { label } => {
            format!("There is nothing to connect {label} to yet.")
        }
        Announcement::Aiming {
            from,
            target,
            index,
            count,
            verdict,
        } => {
            let verdict = match verdict {
                Ok(()) => "Enter connects".to_string(),
                Err(reason) => format!("not allowed: {}", wire_refusal(reason)),
            };
            let message = format!(
                "{}, target {} of {count}: {verdict}.",
                mention(target),
                index + 1
            );
            match from {
                Some(from) => format!(
                    "Connecting from {}. {message} Tab or arrow keys pick another target, W the next output, Escape cancels.",
                    mention(from)
                ),
                None => message,
            }
        }
        Announcement::TapAiming { from } => format!(
            "Connecting from {}. Tap a card to connect it, or the empty canvas to cancel.",
            mention(from)
        ),
        Announcement::Connected { from, to } => {
            format!("Connected {} to {}.", mention(from), mention(to))
        }
        Announcement::Refused { target, reason } => format!(
            "{} refuses this wire: {}. Tab to another target or Escape to cancel.",
            mention(target),
            wire_refusal(reason)
        ),
        Announcement::WiringCancelled => "Wiring cancelled.".into(),
        Announcement::Added { name } => format!("Added {name}."),
        Announcement::Deleted {
            only: Some(name), ..
        } => format!("Deleted {name}."),
        Announcement::Deleted { items: 1, .. } => "Deleted 1 item.".into(),
        Announcement::Deleted { items, .. } => format!("Deleted {items} items."),
        Announcement::Pasted { components: 1 } => "Pasted 1 component.".into(),
        Announcement::Pasted { components } => format!("Pasted {components} components."),
        Announcement::Undone => "Undone.".into(),
        Announcement::Redone => "Redone.".into(),
    }
}

/// The default name of the `n`th datacenter frame: "DC3".
pub fn datacenter_name(n: usize) -> String {
    format!("DC{n}")
}
