//! The editor's typed values worded in the language asked for: notices, announcements, wire
//! refusals, form labels and refusals, card summaries, actions, menu items and traffic
//! profiles. Each function forwards to the English or the Korean catalogue (`editor_*.rs`).

use crate::editor::actions::{Action, Shortcut};
use crate::editor::form::{Field, FieldName, FieldRefusal, Unit};
use crate::editor::form_order::FieldGroup;
use crate::editor::notice::{Announcement, Notice, WireRefusal};
use crate::editor::traffic::{ProfileFieldName, ProfileKind, ProfileRefusal, ProfileUnit};
use crate::model::config::{ComponentConfig, ConfigError};
use crate::present::korean::grammar::finish;
use crate::present::lang::Lang;
use crate::present::text::Phrase;
use crate::present::text::run_faults::FaultText;
use crate::present::{english, korean};
use crate::share::{Problem, ShareError};

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

/// A field's one-line explanation under it (and its `title`): what it means, its unit, and
/// its terms in plain words. `None` for a setting `form_order` does not place yet.
pub fn field_help(lang: Lang, field: &Field) -> Option<&'static str> {
    let help = field.help?;
    Some(match lang {
        Lang::En => english::editor_form::help(help),
        Lang::Ko => korean::editor_form::help(help),
    })
}

/// A heading of the inspector's form: one group of settings ("Capacity").
pub fn field_group(lang: Lang, group: FieldGroup) -> &'static str {
    match lang {
        Lang::En => english::editor_form::group(group),
        Lang::Ko => korean::editor_form::group(group),
    }
}

/// The unit beside a form field.
pub fn field_unit(lang: Lang, u: Unit) -> &'static str {
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

/// An editor action's name (menus, tooltips, the shortcut help).
pub fn action_name(lang: Lang, action: Action) -> String {
    match lang {
        Lang::En => english::editor_actions::action_name(action),
        Lang::Ko => korean::editor_actions::action_name(action),
    }
}

/// How a shortcut reads ("Ctrl+Shift+Z").
pub fn shortcut(lang: Lang, s: &Shortcut) -> String {
    match lang {
        Lang::En => english::editor_actions::shortcut(s),
        Lang::Ko => korean::editor_actions::shortcut(s),
    }
}

/// A traffic profile kind's name (the run panel's menu).
pub fn profile_name(lang: Lang, k: ProfileKind) -> &'static str {
    match lang {
        Lang::En => english::editor_traffic::profile_name(k),
        Lang::Ko => korean::editor_traffic::profile_name(k),
    }
}

/// What a traffic profile kind does.
pub fn profile_explain(lang: Lang, k: ProfileKind) -> &'static str {
    match lang {
        Lang::En => english::editor_traffic::profile_explain(k),
        Lang::Ko => korean::editor_traffic::profile_explain(k),
    }
}

/// A traffic profile field's label.
pub fn profile_field(lang: Lang, n: ProfileFieldName) -> &'static str {
    match lang {
        Lang::En => english::editor_traffic::profile_field(n),
        Lang::Ko => korean::editor_traffic::profile_field(n),
    }
}

/// A traffic profile field's unit.
pub fn profile_unit(lang: Lang, u: ProfileUnit) -> &'static str {
    match lang {
        Lang::En => english::editor_traffic::profile_unit(u),
        Lang::Ko => korean::editor_traffic::profile_unit(u),
    }
}

/// Why a typed value was not applied to the traffic profile or the run length.
pub fn profile_refusal(lang: Lang, r: &ProfileRefusal) -> String {
    match lang {
        Lang::En => english::editor_traffic::profile_refusal(r),
        Lang::Ko => korean::editor_traffic::profile_refusal(r),
    }
}

/// The default name of the `n`th datacenter frame ("DC3").
pub fn datacenter_name(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => english::editor_notice::datacenter_name(n),
        Lang::Ko => korean::editor_notice::datacenter_name(n),
    }
}

/// A datacenter's title strip: its name and its region ("DC1 · North America"), or its name
/// alone when that is its region's name already ("Europe", not "Europe · Europe").
pub fn datacenter_title(lang: Lang, name: &str, region: crate::model::Region) -> String {
    let region = super::region_name(lang, region);
    if name.trim().eq_ignore_ascii_case(region) {
        name.to_string()
    } else {
        format!("{name} · {region}")
    }
}

/// Why a component's setting was refused, the field named by its form label: "Service time ·
/// mean must be above 0 ...", "평균 처리 시간은 0보다 크고 ...".
pub fn setting_error(lang: Lang, e: &ConfigError) -> String {
    let name = FieldName {
        keys: e.field.split('.').map(str::to_string).collect(),
        share_of: None,
    };
    setting_refused(lang, &field_label(lang, &name), e)
}

/// `label` followed by why its value was refused.
pub fn setting_refused(lang: Lang, label: &str, e: &ConfigError) -> String {
    match lang {
        Lang::En => format!("{label} {}", english::config_problem(&e.problem)),
        Lang::Ko => finish(format!(
            "{label}은(는) {}",
            korean::config_problem(&e.problem)
        )),
    }
}

/// Why the editor refused an edit whose document the share format would not open again,
/// said as the field that was edited would say it: a name too long, a setting or the traffic
/// profile out of range, a fault's time; anything else as the format says it.
pub fn unsavable(lang: Lang, e: &ShareError) -> String {
    let ShareError::Invalid { problem, .. } = e else {
        return super::share_error(lang, e);
    };
    match problem {
        Problem::TooLong { chars, .. } => match lang {
            Lang::En => english::editor_notice::name_too_long(*chars),
            Lang::Ko => korean::editor_notice::name_too_long(*chars),
        },
        Problem::Setting(c) => setting_error(lang, c),
        Problem::Traffic(c) => traffic_error(lang, c),
        Problem::FaultTime { .. } => FaultText::BadTime.say(lang).to_string(),
        _ => super::share_error(lang, e),
    }
}

/// Why a traffic profile was refused, the setting named as the run panel's form names it.
pub fn traffic_error(lang: Lang, e: &ConfigError) -> String {
    let label = match ProfileFieldName::of_key(&e.field) {
        Some(name) => profile_field(lang, name).to_string(),
        None => match lang {
            Lang::En => "the setting".to_string(),
            Lang::Ko => "설정".to_string(),
        },
    };
    setting_refused(lang, &label, e)
}
