//! The traffic form of the run panel: the populations' load taken together
//! ([`population_load`]; [`with_total_rate`], [`with_total_users`] and [`with_rate_per_user`]
//! scale every population alike, so their shares stay; [`edited`] applies any other edit to
//! each; the view applies the result as one undo step), the profiles a run can follow, each
//! one's fields with units and ranges, and how a typed value becomes a new scenario.
//!
//! [`fields`] lists what to show for a profile; [`apply_field`] parses what a user typed into one
//! field and returns the whole new profile only if the value is a number within the field's
//! range (and the profile passes [`TrafficProfile::check`]); otherwise it returns a
//! [`ProfileRefusal`] naming the field, its unit and range (`say::profile_refusal` words it),
//! and nothing is applied. [`ProfileKind::profile`] gives
//! a profile of another kind sensible values for the run's length, so switching kind always
//! shows something. The view sends the result through one `SetScenario` command, so every
//! committed edit is one undo entry. The ranges are the form's: a file may hold values the
//! simulation accepts but the form would not offer (a daily trough above the peak, say).

use crate::decimal::shortest;
use crate::model::config::{self, ConfigError, UserLoad, UsersConfig};
use crate::model::{ComponentConfig, ComponentId, Diagram, TrafficProfile};

/// Longest run the form offers, in simulated seconds (a week).
pub const MAX_RUN_S: u32 = 604_800;

/// Which kind of traffic profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileKind {
    Constant,
    Ramp,
    Diurnal,
    Spike,
    Growth,
}

impl ProfileKind {
    /// Every kind, in menu order.
    pub const ALL: [ProfileKind; 5] = [
        ProfileKind::Constant,
        ProfileKind::Ramp,
        ProfileKind::Diurnal,
        ProfileKind::Spike,
        ProfileKind::Growth,
    ];

    /// The kind of `profile`.
    pub fn of(profile: &TrafficProfile) -> ProfileKind {
        match profile {
            TrafficProfile::Constant => ProfileKind::Constant,
            TrafficProfile::Ramp { .. } => ProfileKind::Ramp,
            TrafficProfile::Diurnal { .. } => ProfileKind::Diurnal,
            TrafficProfile::Spike { .. } => ProfileKind::Spike,
            TrafficProfile::Growth { .. } => ProfileKind::Growth,
        }
    }

    /// A stable key for menus and tests (the file format's name).
    pub fn key(self) -> &'static str {
        match self {
            ProfileKind::Constant => "constant",
            ProfileKind::Ramp => "ramp",
            ProfileKind::Diurnal => "diurnal",
            ProfileKind::Spike => "spike",
            ProfileKind::Growth => "growth",
        }
    }

    /// The kind whose [`ProfileKind::key`] is `key`.
    pub fn from_key(key: &str) -> Option<ProfileKind> {
        ProfileKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A profile of this kind for a run of `duration_s`: the current one if it is of this
    /// kind, otherwise sensible values (a ramp to 5x, one daily cycle over the run, a 5x spike
    /// for a tenth of the run from a third of it, zero to a million users).
    pub fn profile(self, current: &TrafficProfile, duration_s: u32) -> TrafficProfile {
        if ProfileKind::of(current) == self {
            return *current;
        }
        let d = duration_s.max(1) as f64;
        match self {
            ProfileKind::Constant => TrafficProfile::Constant,
            ProfileKind::Ramp => TrafficProfile::Ramp {
                start_factor: 1.0,
                end_factor: 5.0,
            },
            ProfileKind::Diurnal => TrafficProfile::Diurnal {
                period_s: d,
                trough_factor: 0.2,
            },
            ProfileKind::Spike => TrafficProfile::Spike {
                at_s: (d / 3.0).round(),
                duration_s: (d / 10.0).round().max(1.0),
                factor: 5.0,
            },
            ProfileKind::Growth => TrafficProfile::Growth {
                start_users: 0,
                end_users: 1_000_000,
            },
        }
    }
}

/// What a field of the profile form is (`say::profile_field(lang, name)` words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileFieldName {
    /// A ramp's first factor.
    Start,
    /// A ramp's last factor.
    End,
    /// A daily cycle's period.
    Period,
    /// A daily cycle's lowest factor.
    Trough,
    /// When a spike starts.
    StartsAt,
    /// How long a spike lasts.
    Lasts,
    /// A spike's factor.
    Factor,
    /// Growth's first user count.
    From,
    /// Growth's last user count.
    To,
    /// The run's length.
    RunLength,
    /// The populations' requests per second, together (the run panel's load field).
    RequestRate,
    /// The populations' active users, together.
    ActiveUsers,
    /// The requests each user sends a second.
    RequestsPerUser,
}

impl ProfileFieldName {
    /// The field a profile's setting key names (`period_s`), as the profile's check and the
    /// file name it; `None` for a key no profile has.
    pub fn of_key(key: &str) -> Option<ProfileFieldName> {
        Some(match key {
            "start_factor" => ProfileFieldName::Start,
            "end_factor" => ProfileFieldName::End,
            "period_s" => ProfileFieldName::Period,
            "trough_factor" => ProfileFieldName::Trough,
            "at_s" => ProfileFieldName::StartsAt,
            "duration_s" => ProfileFieldName::Lasts,
            "factor" => ProfileFieldName::Factor,
            "start_users" => ProfileFieldName::From,
            "end_users" => ProfileFieldName::To,
            _ => return None,
        })
    }

    /// Every name (the catalogue tests walk them).
    pub const ALL: [ProfileFieldName; 13] = [
        ProfileFieldName::Start,
        ProfileFieldName::End,
        ProfileFieldName::Period,
        ProfileFieldName::Trough,
        ProfileFieldName::StartsAt,
        ProfileFieldName::Lasts,
        ProfileFieldName::Factor,
        ProfileFieldName::From,
        ProfileFieldName::To,
        ProfileFieldName::RunLength,
        ProfileFieldName::RequestRate,
        ProfileFieldName::ActiveUsers,
        ProfileFieldName::RequestsPerUser,
    ];
}

/// The unit of a profile field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileUnit {
    /// Times the configured load.
    TimesLoad,
    /// Seconds.
    Seconds,
    /// Users.
    Users,
    /// Requests a second.
    RequestsPerSecond,
}

impl ProfileUnit {
    /// Every unit.
    pub const ALL: [ProfileUnit; 4] = [
        ProfileUnit::TimesLoad,
        ProfileUnit::Seconds,
        ProfileUnit::Users,
        ProfileUnit::RequestsPerSecond,
    ];
}

/// Why a typed value was not applied to the profile (`say::profile_refusal(lang, &r)`).
#[derive(Clone, Debug, PartialEq)]
pub enum ProfileRefusal {
    /// The profile has no field with this key.
    NoSuchSetting(String),
    /// Nothing (or no number) was typed.
    Empty(ProfileField),
    /// The text is not a number.
    NotANumber(ProfileField, String),
    /// The number is outside the field's range (or not whole where it must be).
    OutOfRange(ProfileField, String),
    /// The profile's own check refused it.
    Check(ConfigError),
}

/// One field of the profile form.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileField {
    /// The profile's field name (as in the file and in [`TrafficProfile::check`]).
    pub key: &'static str,
    /// What the field is (`say::profile_field(lang, name)`).
    pub name: ProfileFieldName,
    /// The unit as a typed value (`say::profile_unit(lang, unit)`).
    pub measure: ProfileUnit,
    /// Smallest and largest value accepted.
    pub min: f64,
    pub max: f64,
    /// The input's step.
    pub step: f64,
    /// Whether only whole numbers are accepted.
    pub integer: bool,
    /// The current value.
    pub value: f64,
}

const MAX_FACTOR: f64 = 1_000.0;
const MAX_SECONDS: f64 = 1e9;
const MAX_USERS: f64 = config::MAX_USERS as f64;

/// The fields of `profile` in a run of `duration_s` (none for a constant profile).
pub fn fields(profile: &TrafficProfile, duration_s: u32) -> Vec<ProfileField> {
    let factor = |key, name, value| ProfileField {
        key,
        name,
        measure: ProfileUnit::TimesLoad,
        min: 0.0,
        max: MAX_FACTOR,
        step: 0.1,
        integer: false,
        value,
    };
    let seconds = |key, name, min, max, value| ProfileField {
        key,
        name,
        measure: ProfileUnit::Seconds,
        min,
        max,
        step: 1.0,
        integer: false,
        value,
    };
    let users = |key, name, value: u64| ProfileField {
        key,
        name,
        measure: ProfileUnit::Users,
        min: 0.0,
        max: MAX_USERS,
        step: 1.0,
        integer: true,
        value: value as f64,
    };
    match *profile {
        TrafficProfile::Constant => Vec::new(),
        TrafficProfile::Ramp {
            start_factor,
            end_factor,
        } => vec![
            factor("start_factor", ProfileFieldName::Start, start_factor),
            factor("end_factor", ProfileFieldName::End, end_factor),
        ],
        TrafficProfile::Diurnal {
            period_s,
            trough_factor,
        } => vec![
            seconds(
                "period_s",
                ProfileFieldName::Period,
                1.0,
                MAX_SECONDS,
                period_s,
            ),
            ProfileField {
                max: 1.0,
                step: 0.05,
                ..factor("trough_factor", ProfileFieldName::Trough, trough_factor)
            },
        ],
        TrafficProfile::Spike {
            at_s,
            duration_s: spike_s,
            factor: f,
        } => vec![
            seconds(
                "at_s",
                ProfileFieldName::StartsAt,
                0.0,
                duration_s as f64,
                at_s,
            ),
            seconds(
                "duration_s",
                ProfileFieldName::Lasts,
                1.0,
                MAX_SECONDS,
                spike_s,
            ),
            factor("factor", ProfileFieldName::Factor, f),
        ],
        TrafficProfile::Growth {
            start_users,
            end_users,
        } => vec![
            users("start_users", ProfileFieldName::From, start_users),
            users("end_users", ProfileFieldName::To, end_users),
        ],
    }
}

fn parse_in(field: &ProfileField, text: &str) -> Result<f64, ProfileRefusal> {
    let trimmed = text.trim();
    // A number input hands over an empty string for anything that is not a number.
    if trimmed.is_empty() {
        return Err(ProfileRefusal::Empty(field.clone()));
    }
    let v = super::number::read(trimmed)
        .ok_or_else(|| ProfileRefusal::NotANumber(field.clone(), trimmed.to_string()))?;
    if v < field.min || v > field.max || (field.integer && v.fract() != 0.0) {
        return Err(ProfileRefusal::OutOfRange(
            field.clone(),
            trimmed.to_string(),
        ));
    }
    Ok(v)
}

/// A number for a sentence: whole numbers without decimals, with thousands separators.
pub(crate) fn number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return shortest(v);
    }
    let out = crate::present::format::grouped(v.abs() as u64);
    if v < 0.0 { format!("-{out}") } else { out }
}

/// `profile` with the field `key` set to what the user typed, in a run of `duration_s`; or
/// why not (`say::profile_refusal(lang, &r)` words it).
pub fn apply_field(
    profile: &TrafficProfile,
    duration_s: u32,
    key: &str,
    text: &str,
) -> Result<TrafficProfile, ProfileRefusal> {
    let no_such = || ProfileRefusal::NoSuchSetting(key.to_string());
    let field = fields(profile, duration_s)
        .into_iter()
        .find(|f| f.key == key)
        .ok_or_else(no_such)?;
    let v = parse_in(&field, text)?;
    let mut p = *profile;
    match (&mut p, key) {
        (TrafficProfile::Ramp { start_factor, .. }, "start_factor") => *start_factor = v,
        (TrafficProfile::Ramp { end_factor, .. }, "end_factor") => *end_factor = v,
        (TrafficProfile::Diurnal { period_s, .. }, "period_s") => *period_s = v,
        (TrafficProfile::Diurnal { trough_factor, .. }, "trough_factor") => *trough_factor = v,
        (TrafficProfile::Spike { at_s, .. }, "at_s") => *at_s = v,
        (TrafficProfile::Spike { duration_s, .. }, "duration_s") => *duration_s = v,
        (TrafficProfile::Spike { factor, .. }, "factor") => *factor = v,
        (TrafficProfile::Growth { start_users, .. }, "start_users") => *start_users = v as u64,
        (TrafficProfile::Growth { end_users, .. }, "end_users") => *end_users = v as u64,
        _ => return Err(no_such()),
    }
    p.check().map_err(ProfileRefusal::Check)?;
    Ok(p)
}

/// The run length the user typed, in whole seconds from 1 to [`MAX_RUN_S`]; or why not
/// (`say::profile_refusal(lang, &r)` words it).
pub fn run_length(text: &str) -> Result<u32, ProfileRefusal> {
    let field = ProfileField {
        key: "duration_s",
        name: ProfileFieldName::RunLength,
        measure: ProfileUnit::Seconds,
        min: 1.0,
        max: MAX_RUN_S as f64,
        step: 1.0,
        integer: true,
        value: 0.0,
    };
    parse_in(&field, text).map(|v| v as u32)
}

/// What the run panel's load fields show for a diagram's populations, taken together (the
/// first population's way of giving its load decides which).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PopulationLoad {
    /// Every population's requests per second, summed.
    Rate { total_rps: f64 },
    /// The active users of the populations given so, summed, and the requests each user sends
    /// a second if they all send the same.
    Users {
        total_users: u64,
        per_user: Option<f64>,
    },
}

/// A load field of the run panel: the populations' rate, active users or requests per user,
/// taken together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadField {
    TotalRate,
    TotalUsers,
    PerUser,
}

impl LoadField {
    /// The field with its unit and range (what a population's settings allow: a total within
    /// them keeps every population within them too).
    fn field(self) -> ProfileField {
        let (key, name, measure, max, integer) = match self {
            LoadField::TotalRate => (
                "load.rate_rps",
                ProfileFieldName::RequestRate,
                ProfileUnit::RequestsPerSecond,
                config::MAX_RPS,
                false,
            ),
            LoadField::TotalUsers => (
                "load.active_users",
                ProfileFieldName::ActiveUsers,
                ProfileUnit::Users,
                MAX_USERS,
                true,
            ),
            LoadField::PerUser => (
                "load.requests_per_user_per_s",
                ProfileFieldName::RequestsPerUser,
                ProfileUnit::RequestsPerSecond,
                config::MAX_REQUESTS_PER_USER,
                false,
            ),
        };
        ProfileField {
            key,
            name,
            measure,
            min: 0.0,
            max,
            step: 0.0,
            integer,
            value: 0.0,
        }
    }
}

/// Each population's config once the load field `field` is set to what the user typed, to
/// apply as one undo step; or why not, with nothing applied (`say::profile_refusal` words it):
/// nothing typed, not a number, or outside the field's range.
pub fn apply_load(
    d: &Diagram,
    field: LoadField,
    text: &str,
) -> Result<Vec<(ComponentId, ComponentConfig)>, ProfileRefusal> {
    let v = parse_in(&field.field(), text)?;
    Ok(match field {
        LoadField::TotalRate => with_total_rate(d, v),
        LoadField::TotalUsers => with_total_users(d, v as u64),
        LoadField::PerUser => with_rate_per_user(d, v),
    })
}

/// The populations of `d` with their configs.
fn populations(d: &Diagram) -> impl Iterator<Item = (ComponentId, &UsersConfig)> {
    d.components.iter().filter_map(|c| match &c.config {
        ComponentConfig::Users(u) => Some((c.id, u)),
        _ => None,
    })
}

/// The load fields' values for `d`, or `None` without a population.
pub fn population_load(d: &Diagram) -> Option<PopulationLoad> {
    let first = populations(d).next()?.1;
    Some(match first.load {
        UserLoad::Rate { .. } => PopulationLoad::Rate {
            total_rps: populations(d).map(|(_, u)| u.load.rate_rps()).sum(),
        },
        UserLoad::ActiveUsers { .. } => {
            let users: Vec<(u64, f64)> = populations(d)
                .filter_map(|(_, u)| match u.load {
                    UserLoad::ActiveUsers {
                        active_users,
                        requests_per_user_per_s,
                    } => Some((active_users, requests_per_user_per_s)),
                    UserLoad::Rate { .. } => None,
                })
                .collect();
            let per_user = users[0].1;
            PopulationLoad::Users {
                total_users: users.iter().map(|u| u.0).sum(),
                per_user: users.iter().all(|u| u.1 == per_user).then_some(per_user),
            }
        }
    })
}

/// Each population's config with `edit` applied (the run panel applies them as one undo
/// step).
pub fn edited(d: &Diagram, edit: impl Fn(&mut UsersConfig)) -> Vec<(ComponentId, ComponentConfig)> {
    populations(d)
        .map(|(id, u)| {
            let mut u = u.clone();
            edit(&mut u);
            (id, ComponentConfig::Users(u))
        })
        .collect()
}

/// Each population's config once the populations together send `total_rps` (at least 0):
/// each one's load scaled by the same factor, so their shares stay (a rate scaled, or its
/// active users); if none sent anything, the populations given by a rate share it evenly.
pub fn with_total_rate(d: &Diagram, total_rps: f64) -> Vec<(ComponentId, ComponentConfig)> {
    let total_rps = total_rps.max(0.0);
    let now: f64 = populations(d).map(|(_, u)| u.load.rate_rps()).sum();
    let by_rate = populations(d)
        .filter(|(_, u)| matches!(u.load, UserLoad::Rate { .. }))
        .count()
        .max(1);
    edited(d, |u| {
        u.load = match u.load {
            UserLoad::Rate { rate_rps } if now > 0.0 => UserLoad::Rate {
                rate_rps: rate_rps * total_rps / now,
            },
            UserLoad::Rate { .. } => UserLoad::Rate {
                rate_rps: total_rps / by_rate as f64,
            },
            UserLoad::ActiveUsers {
                active_users,
                requests_per_user_per_s,
            } if now > 0.0 => UserLoad::ActiveUsers {
                active_users: scaled(active_users, total_rps / now),
                requests_per_user_per_s,
            },
            load @ UserLoad::ActiveUsers { .. } => load,
        };
    })
}

/// Each population's config once the populations given by active users have `total_users` of
/// them together: each one's users scaled by the same factor (shared evenly if they had none).
pub fn with_total_users(d: &Diagram, total_users: u64) -> Vec<(ComponentId, ComponentConfig)> {
    let counted: Vec<u64> = populations(d)
        .filter_map(|(_, u)| match u.load {
            UserLoad::ActiveUsers { active_users, .. } => Some(active_users),
            UserLoad::Rate { .. } => None,
        })
        .collect();
    let now: u64 = counted.iter().sum();
    let n = counted.len().max(1) as u64;
    edited(d, |u| {
        if let UserLoad::ActiveUsers {
            active_users,
            requests_per_user_per_s,
        } = u.load
        {
            let active_users = if now > 0 {
                scaled(active_users, total_users as f64 / now as f64)
            } else {
                total_users / n
            };
            u.load = UserLoad::ActiveUsers {
                active_users,
                requests_per_user_per_s,
            };
        }
    })
}

/// Each population's config once every user of the populations given by active users sends
/// `per_user` (at least 0) requests a second.
pub fn with_rate_per_user(d: &Diagram, per_user: f64) -> Vec<(ComponentId, ComponentConfig)> {
    let per_user = per_user.max(0.0);
    edited(d, |u| {
        if let UserLoad::ActiveUsers { active_users, .. } = u.load {
            u.load = UserLoad::ActiveUsers {
                active_users,
                requests_per_user_per_s: per_user,
            };
        }
    })
}

/// `n` times `factor`, to the nearest whole (a factor of one leaves it as it is).
fn scaled(n: u64, factor: f64) -> u64 {
    if factor == 1.0 {
        n
    } else {
        libm::round(n as f64 * factor.max(0.0)) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builder::DiagramBuilder;
    use crate::present::lang::Lang;
    use crate::present::say;

    /// Two populations: 2 million users and 1 million, each sending 0.005 requests a second.
    fn two_populations() -> Diagram {
        let mut b = DiagramBuilder::new();
        for users in [2_000_000, 1_000_000] {
            b.add(crate::model::ComponentKind::Users).configure(|c| {
                if let ComponentConfig::Users(u) = c {
                    u.load = UserLoad::ActiveUsers {
                        active_users: users,
                        requests_per_user_per_s: 0.005,
                    };
                }
            });
        }
        b.finish()
    }

    fn users_of(configs: &[(ComponentId, ComponentConfig)]) -> Vec<UserLoad> {
        configs
            .iter()
            .filter_map(|(_, c)| match c {
                ComponentConfig::Users(u) => Some(u.load),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_load_fields_show_every_population_together_and_keep_their_shares() {
        let d = two_populations();
        assert_eq!(
            population_load(&d),
            Some(PopulationLoad::Users {
                total_users: 3_000_000,
                per_user: Some(0.005),
            })
        );
        // Doubling the total doubles each: the 2:1 split stays.
        let doubled = users_of(&with_total_users(&d, 6_000_000));
        assert_eq!(
            doubled,
            [
                UserLoad::ActiveUsers {
                    active_users: 4_000_000,
                    requests_per_user_per_s: 0.005
                },
                UserLoad::ActiveUsers {
                    active_users: 2_000_000,
                    requests_per_user_per_s: 0.005
                },
            ]
        );
        // Typing the total shown changes nothing.
        let same = with_total_users(&d, 3_000_000);
        assert_eq!(
            users_of(&same),
            users_of(&with_rate_per_user(&d, 0.005)),
            "nothing moved"
        );
        // A rate per user the populations do not share shows none.
        let mut mixed = d.clone();
        if let ComponentConfig::Users(u) = &mut mixed.components[1].config {
            u.load = UserLoad::ActiveUsers {
                active_users: 1_000_000,
                requests_per_user_per_s: 0.01,
            };
        }
        assert!(matches!(
            population_load(&mixed),
            Some(PopulationLoad::Users { per_user: None, .. })
        ));
    }

    #[test]
    fn a_load_field_takes_a_number_in_its_range_and_refuses_the_rest_with_a_sentence() {
        let d = two_populations();
        let set = apply_load(&d, LoadField::TotalUsers, " 6000000 ").unwrap();
        assert_eq!(set, with_total_users(&d, 6_000_000));
        assert_eq!(
            apply_load(&d, LoadField::PerUser, "0.01").unwrap(),
            with_rate_per_user(&d, 0.01)
        );
        // A total within the field's range keeps every population's settings in range.
        for (_, c) in apply_load(&d, LoadField::TotalUsers, "10000000000").unwrap() {
            c.check().unwrap();
        }
        for (field, text) in [
            (LoadField::TotalUsers, "1e30"),
            (LoadField::TotalUsers, "20000000000"),
            (LoadField::TotalUsers, "-1"),
            (LoadField::TotalUsers, "2.5"),
            (LoadField::TotalUsers, ""),
            (LoadField::TotalRate, "abc"),
            (LoadField::TotalRate, "2e9"),
            (LoadField::PerUser, "1e30"),
            (LoadField::PerUser, "-0.5"),
        ] {
            let why = apply_load(&d, field, text).unwrap_err();
            for lang in [Lang::En, Lang::Ko] {
                let said = say::profile_refusal(lang, &why);
                assert!(said.ends_with('.'), "{said}");
                assert!(!said.contains("1e30") || text == "1e30", "{said}");
            }
        }
        assert_eq!(
            say::profile_refusal(
                Lang::En,
                &apply_load(&d, LoadField::TotalUsers, "1e30").unwrap_err()
            ),
            "Active users must be a whole number from 0 to 10,000,000,000 users, not 1e30."
        );
        assert_eq!(
            say::profile_refusal(
                Lang::Ko,
                &apply_load(&d, LoadField::PerUser, "-1").unwrap_err()
            ),
            "사용자 1명의 초당 요청 수는 0 req/s에서 1,000 req/s 사이의 숫자여야 합니다(입력: -1)."
        );
    }

    #[test]
    fn a_total_rate_scales_each_population_by_the_same_factor() {
        let mut b = DiagramBuilder::new();
        for rate in [300.0, 100.0] {
            b.add(crate::model::ComponentKind::Users).configure(|c| {
                if let ComponentConfig::Users(u) = c {
                    u.load = UserLoad::Rate { rate_rps: rate };
                }
            });
        }
        let d = b.finish();
        assert_eq!(
            population_load(&d),
            Some(PopulationLoad::Rate { total_rps: 400.0 })
        );
        assert_eq!(
            users_of(&with_total_rate(&d, 800.0)),
            [
                UserLoad::Rate { rate_rps: 600.0 },
                UserLoad::Rate { rate_rps: 200.0 }
            ]
        );
        // From nothing, the rate is shared evenly.
        let quiet = {
            let mut q = d.clone();
            for c in &mut q.components {
                if let ComponentConfig::Users(u) = &mut c.config {
                    u.load = UserLoad::Rate { rate_rps: 0.0 };
                }
            }
            q
        };
        assert_eq!(
            users_of(&with_total_rate(&quiet, 50.0)),
            [
                UserLoad::Rate { rate_rps: 25.0 },
                UserLoad::Rate { rate_rps: 25.0 }
            ]
        );
        assert_eq!(population_load(&Diagram::new()), None);
    }

    /// Why the run panel refuses `text` for the field `key`, in English.
    fn refused(profile: &TrafficProfile, duration_s: u32, key: &str, text: &str) -> String {
        say::profile_refusal(
            Lang::En,
            &apply_field(profile, duration_s, key, text).unwrap_err(),
        )
    }

    #[test]
    fn every_kind_round_trips_its_key_and_switching_keeps_a_profile_of_the_same_kind() {
        for k in ProfileKind::ALL {
            assert_eq!(ProfileKind::from_key(k.key()), Some(k));
            let p = k.profile(&TrafficProfile::Constant, 600);
            assert_eq!(ProfileKind::of(&p), k);
            assert_eq!(p.check(), Ok(()), "{k:?}");
            // Every field of a fresh profile is within its own range.
            for f in fields(&p, 600) {
                assert!(f.value >= f.min && f.value <= f.max, "{k:?} {f:?}");
            }
        }
        assert_eq!(ProfileKind::from_key("sawtooth"), None);
        let ramp = TrafficProfile::Ramp {
            start_factor: 2.0,
            end_factor: 3.0,
        };
        assert_eq!(ProfileKind::Ramp.profile(&ramp, 600), ramp);
        assert_eq!(
            ProfileKind::Spike.profile(&ramp, 600),
            TrafficProfile::Spike {
                at_s: 200.0,
                duration_s: 60.0,
                factor: 5.0
            }
        );
    }

    #[test]
    fn a_value_in_range_sets_one_field_and_nothing_else() {
        let ramp = ProfileKind::Ramp.profile(&TrafficProfile::Constant, 600);
        assert_eq!(
            apply_field(&ramp, 600, "end_factor", " 12.5 "),
            Ok(TrafficProfile::Ramp {
                start_factor: 1.0,
                end_factor: 12.5
            })
        );
        let growth = ProfileKind::Growth.profile(&TrafficProfile::Constant, 600);
        assert_eq!(
            apply_field(&growth, 600, "start_users", "100"),
            Ok(TrafficProfile::Growth {
                start_users: 100,
                end_users: 1_000_000
            })
        );
        let spike = ProfileKind::Spike.profile(&TrafficProfile::Constant, 600);
        assert_eq!(
            apply_field(&spike, 600, "at_s", "600"),
            Ok(TrafficProfile::Spike {
                at_s: 600.0,
                duration_s: 60.0,
                factor: 5.0
            })
        );
    }

    #[test]
    fn nonsense_is_refused_with_a_sentence_naming_the_field_its_unit_and_range() {
        let ramp = ProfileKind::Ramp.profile(&TrafficProfile::Constant, 600);
        assert_eq!(
            refused(&ramp, 600, "start_factor", "-1"),
            "Start must be a number from 0 to 1,000 × load, not -1."
        );
        assert_eq!(
            refused(&ramp, 600, "end_factor", "lots"),
            "End must be a number from 0 to 1,000 × load; “lots” is not a number."
        );
        assert_eq!(
            refused(&ramp, 600, "end_factor", " "),
            "End must be a number from 0 to 1,000 × load."
        );
        assert!(apply_field(&ramp, 600, "end_factor", "NaN").is_err());
        assert!(apply_field(&ramp, 600, "end_factor", "inf").is_err());
        let diurnal = ProfileKind::Diurnal.profile(&TrafficProfile::Constant, 600);
        assert_eq!(
            refused(&diurnal, 600, "period_s", "0"),
            "Period must be a number from 1 to 1,000,000,000 s, not 0."
        );
        // A trough above the peak is not a daily cycle.
        assert!(apply_field(&diurnal, 600, "trough_factor", "1.5").is_err());
        let growth = ProfileKind::Growth.profile(&TrafficProfile::Constant, 600);
        assert_eq!(
            refused(&growth, 600, "end_users", "2.5"),
            "To must be a whole number from 0 to 10,000,000,000 users, not 2.5."
        );
        // A spike after the end of the run would never be seen.
        let spike = ProfileKind::Spike.profile(&TrafficProfile::Constant, 600);
        assert_eq!(
            refused(&spike, 600, "at_s", "601"),
            "Starts at must be a number from 0 to 600 s, not 601."
        );
        // A field of another kind.
        assert!(apply_field(&ramp, 600, "period_s", "10").is_err());
        assert!(apply_field(&TrafficProfile::Constant, 600, "factor", "2").is_err());
    }

    #[test]
    fn the_run_length_is_a_whole_number_of_seconds_up_to_a_week() {
        assert_eq!(run_length("900"), Ok(900));
        assert_eq!(run_length("604800"), Ok(MAX_RUN_S));
        assert_eq!(
            say::profile_refusal(Lang::En, &run_length("0").unwrap_err()),
            "Run length must be a whole number from 1 to 604,800 s, not 0."
        );
        assert!(run_length("90.5").is_err());
        assert!(run_length("").is_err());
    }
}
