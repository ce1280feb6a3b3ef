//! The editor's typed values worded in the language asked for: notices, announcements, wire
//! refusals, form labels and refusals, card summaries, actions, menu items and traffic
//! profiles. Each function forwards to the English or the Korean catalogue (`editor_*.rs`).

use crate::editor::notice::{Announcement, Notice, WireRefusal};
use crate::present::lang::Lang;
use crate::present::{english, korean};

/// The notice under the canvas.
pub fn notice(lang: Lang, n: &Notice) -> String {
    match lang {
        Lang::En => english::editor_notice::notice(n),
        Lang::Ko => korean::editor_notice::notice(n),
    }
}

/// What the keyboard wiring says to a screen reader.
pub fn announcement(lang: Lang, a: &Announcement) -> String {
    match lang {
        Lang::En => english::editor_notice::announcement(a),
        Lang::Ko => korean::editor_notice::announcement(a),
    }
}

/// Why a wire may not end at a port (the tooltip beside a refused port).
pub fn wire_refusal(lang: Lang, r: &WireRefusal) -> String {
    match lang {
        Lang::En => english::editor_notice::wire_refusal(r),
        Lang::Ko => korean::editor_notice::wire_refusal(r),
    }
}
