//! The editor's typed values worded in the language asked for: notices, announcements, wire
//! refusals, form labels and refusals, card summaries, actions, menu items and traffic
//! profiles. Each function forwards to the English or the Korean catalogue (`editor_*.rs`).

use crate::editor::form::{Field, FieldName, FieldRefusal, Unit};
use crate::editor::notice::{Announcement, Notice, WireRefusal};
use crate::model::config::ComponentConfig;
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

/// A form field's label ("Service time · mean").
pub fn field_label(lang: Lang, name: &FieldName) -> String {
    match lang {
        Lang::En => english::editor_form::field_label(name),
        Lang::Ko => korean::editor_form::field_label(name),
    }
}

/// The unit beside a form field.
pub fn unit(lang: Lang, u: Unit) -> &'static str {
    match lang {
        Lang::En => english::editor_form::unit(u),
        Lang::Ko => korean::editor_form::unit(u),
    }
}

/// The label of choice `value` of a choice field (the `<option>` text).
pub fn choice_label(lang: Lang, field: &Field, value: &str) -> String {
    match lang {
        Lang::En => english::editor_form::choice_label(field, value),
        Lang::Ko => korean::editor_form::choice_label(field, value),
    }
}

/// Why a typed value was not applied to a field.
pub fn field_refusal(lang: Lang, r: &FieldRefusal) -> String {
    match lang {
        Lang::En => english::editor_form::field_refusal(r),
        Lang::Ko => korean::editor_form::field_refusal(r),
    }
}

/// A card's key settings in a few words.
pub fn summary(lang: Lang, config: &ComponentConfig) -> String {
    match lang {
        Lang::En => english::editor_form::summary(config),
        Lang::Ko => korean::editor_form::summary(config),
    }
}
