//! The run panel's traffic profiles in English: their names, what each does, their fields,
//! units and refusals.

use crate::editor::traffic::{
    ProfileField, ProfileFieldName, ProfileKind, ProfileRefusal, ProfileUnit, number,
};

/// A profile kind's name in the menu.
pub fn profile_name(k: ProfileKind) -> &'static str {
    match k {
        ProfileKind::Constant => "Constant",
        ProfileKind::Ramp => "Ramp",
        ProfileKind::Diurnal => "Daily cycle",
        ProfileKind::Spike => "Spike (flash crowd)",
        ProfileKind::Growth => "Zero to N users",
    }
}

/// What a profile kind does, in a few words.
pub fn profile_explain(k: ProfileKind) -> &'static str {
    match k {
        ProfileKind::Constant => "The configured load throughout the run.",
        ProfileKind::Ramp => "A straight line from Start to End times the load.",
        ProfileKind::Diurnal => "Trough at the start of each period, full load half way.",
        ProfileKind::Spike => "Factor times the load for a while (a flash crowd).",
        ProfileKind::Growth => {
            "Users, all populations together, grow geometrically from From to To; each population \
             keeps its share and each user its request rate."
        }
    }
}

/// A profile field's label.
pub fn profile_field(n: ProfileFieldName) -> &'static str {
    match n {
        ProfileFieldName::Start => "Start",
        ProfileFieldName::End => "End",
        ProfileFieldName::Period => "Period",
        ProfileFieldName::Trough => "Trough",
        ProfileFieldName::StartsAt => "Starts at",
        ProfileFieldName::Lasts => "Lasts",
        ProfileFieldName::Factor => "Factor",
        ProfileFieldName::From => "From",
        ProfileFieldName::To => "To",
        ProfileFieldName::RunLength => "Run length",
        ProfileFieldName::RequestRate => "The request rate",
        ProfileFieldName::ActiveUsers => "Active users",
        ProfileFieldName::RequestsPerUser => "Requests per user per second",
    }
}

/// A profile field's unit.
pub fn profile_unit(u: ProfileUnit) -> &'static str {
    match u {
        ProfileUnit::TimesLoad => "× load",
        ProfileUnit::Seconds => "s",
        ProfileUnit::Users => "users",
        ProfileUnit::RequestsPerSecond => "req/s",
    }
}

fn range(field: &ProfileField) -> String {
    format!(
        "{} from {} to {} {}",
        if field.integer {
            "a whole number"
        } else {
            "a number"
        },
        number(field.min),
        number(field.max),
        profile_unit(field.measure)
    )
}

/// Why a typed value was not applied to the profile.
pub fn profile_refusal(r: &ProfileRefusal) -> String {
    match r {
        ProfileRefusal::NoSuchSetting(key) => {
            format!("This traffic profile has no setting “{key}”.")
        }
        ProfileRefusal::Empty(f) => format!("{} must be {}.", profile_field(f.name), range(f)),
        ProfileRefusal::NotANumber(f, text) => format!(
            "{} must be {}; “{text}” is not a number.",
            profile_field(f.name),
            range(f)
        ),
        ProfileRefusal::OutOfRange(f, text) => format!(
            "{} must be {}, not {text}.",
            profile_field(f.name),
            range(f)
        ),
        ProfileRefusal::Check(e) => format!(
            "Traffic profile: {}.",
            crate::present::say::traffic_error(crate::present::lang::Lang::En, e)
        ),
    }
}
