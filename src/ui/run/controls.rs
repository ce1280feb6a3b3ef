//! Traffic controls in the run panel: they edit the Users components and the scenario's
//! traffic profile through editor commands, so every change is saved, shared and undoable.
//! The faults are [`super::faults`]'s.
//!
//! The traffic profile form's fields, ranges and messages are [`crate::editor::traffic`]'s and
//! its preview is [`crate::sim::predict::rate_preview`], both tested natively; this module only
//! draws them.

use crate::decimal::{Fixed, Within, shortest};
use leptos::prelude::*;

use crate::editor::HistoryError;
use crate::editor::command::CommandError;
use crate::editor::notice::Notice;
use crate::editor::traffic::{self, LoadField, PopulationLoad, ProfileKind, ProfileRefusal};
use crate::model::config::UsersConfig;
use crate::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Scenario, TrafficProfile,
};
use crate::present::format::number;
use crate::present::say;
use crate::present::series::sparkline_points;
use crate::present::text::Phrase;
use crate::present::text::run_traffic::{self as words, TrafficText};
use crate::sim::predict;
use crate::ui::i18n::use_language;
use crate::ui::number_input::arrows;
use crate::ui::state::use_app;

/// Applies `edit` to every Users component's config.
fn edit_users(edit: impl Fn(&mut UsersConfig) + Copy + 'static) {
    // The sliders and the check box offer only values every population's settings allow.
    let _ = configure_users(|d| traffic::edited(d, edit));
}

/// Applies the Users configs `configs` works out from the diagram, together: one undo step;
/// or, if the editor refuses them, why (the document is left as it was).
fn configure_users(
    configs: impl FnOnce(&Diagram) -> Vec<(ComponentId, ComponentConfig)>,
) -> Result<(), LoadRefused> {
    let app = use_app();
    let targets = app.editor.with_untracked(|e| configs(e.diagram()));
    let mut outcome = Ok(());
    app.editor.update(|e| {
        if let Err(err) = e.configure_all(targets) {
            outcome = Err(match err {
                HistoryError::Command(CommandError::Unsavable(why)) => LoadRefused::Edit(why),
                other => {
                    // A gesture still open, or a refusal the field cannot word: the editor's
                    // notice says it, in the screen's language.
                    e.set_notice(Some(Notice::EditFailed(other.into())));
                    LoadRefused::Busy
                }
            });
        }
    });
    outcome
}

/// Why a load field's value was not applied.
#[derive(Clone, Debug, PartialEq)]
enum LoadRefused {
    /// Not a number, or out of the field's range.
    Field(ProfileRefusal),
    /// The editor refused the settings it gave.
    Edit(crate::share::ShareError),
    /// The editor is in the middle of a gesture; nothing to say beyond leaving the value.
    Busy,
}

/// Sets the load field `field` to what was typed, or says why not under the field.
/// Applies what was typed into a load field; `shown` is the field's setting as it writes it,
/// given back to the field when the typed number is that setting written another way.
fn commit_load(
    field: LoadField,
    ev: &leptos::ev::Event,
    shown: Option<f64>,
    error: RwSignal<Option<LoadRefused>>,
) {
    let text = event_target_value(ev);
    if let Some(v) = shown
        && crate::editor::number::read(&text) == Some(v)
    {
        crate::ui::number_input::write_back(ev, &shortest(v));
    }
    let configs = use_app()
        .editor
        .with_untracked(|e| traffic::apply_load(e.diagram(), field, &text));
    let outcome = match configs {
        Ok(configs) => configure_users(move |_| configs),
        Err(why) => Err(LoadRefused::Field(why)),
    };
    error.set(outcome.err().filter(|why| *why != LoadRefused::Busy));
}

fn first_users(d: &Diagram) -> Option<UsersConfig> {
    d.components.iter().find_map(|c| match &c.config {
        ComponentConfig::Users(u) => Some(u.clone()),
        _ => None,
    })
}

fn parse(ev: &leptos::ev::Event) -> Option<f64> {
    crate::editor::number::read(&event_target_value(ev))
}

/// Request rate (or active users) of the users, the scenario's traffic profile with a preview
/// of the rate it gives over the run, then mix, skew, celebrity key and session share.
#[component]
pub fn TrafficControls() -> impl IntoView {
    let app = use_app();
    let language = use_language();
    let t = move |key: TrafficText| language.t(key);
    let users = crate::ui::erase::memo(move || app.editor.with(|e| first_users(e.diagram())));
    // Why the last value typed into a load field was refused; an edit elsewhere (an undo, a
    // population's own field) clears it.
    let load_error = RwSignal::new(None::<LoadRefused>);
    let load =
        crate::ui::erase::memo(move || app.editor.with(|e| traffic::population_load(e.diagram())));
    crate::ui::erase::effect(move || {
        load.track();
        load_error.set(None);
    });
    let populations = crate::ui::erase::memo(move || {
        app.editor.with(|e| {
            e.diagram()
                .components
                .iter()
                .filter(|c| c.kind == ComponentKind::Users)
                .count()
        })
    });
    let total_rps = crate::ui::erase::memo(move || {
        app.editor.with(|e| {
            e.diagram()
                .components
                .iter()
                .filter_map(|c| match &c.config {
                    ComponentConfig::Users(u) => Some(u.load.rate_rps()),
                    _ => None,
                })
                .sum::<f64>()
        })
    });
    view! {
        <section class="run-traffic" data-testid="traffic-controls" aria-label=move || t(TrafficText::Traffic)>
            <h3 class="run-section-title">{move || t(TrafficText::Traffic)}</h3>
            {move || match users.get() {
                None => {
                    let lang = language.get();
                    let hint = words::add_users_for_traffic(lang, say::kind_name(lang, ComponentKind::Users));
                    view! { <p class="empty-hint">{hint}</p> }.into_any()
                }
                Some(_) => {
                    let n = populations.get();
                    let all = n > 1;
                    let load_field = match load.get() {
                        None => ().into_any(),
                        Some(PopulationLoad::Rate { total_rps }) => view! {
                            <label class="run-field">
                                <span>{move || t(if all { TrafficText::RequestRateAll } else { TrafficText::RequestRate })}</span>
                                <input type="text" inputmode="decimal" autocomplete="off" data-testid="traffic-rate" on:keydown=arrows(100.0, 0.0)
                                    prop:value=total_rps
                                    on:change=move |ev| commit_load(LoadField::TotalRate, &ev, Some(total_rps), load_error)/>
                            </label>
                        }.into_any(),
                        Some(PopulationLoad::Users { total_users, per_user }) => view! {
                            <label class="run-field">
                                <span>{move || t(if all { TrafficText::ActiveUsersAll } else { TrafficText::ActiveUsers })}</span>
                                <input type="text" inputmode="decimal" autocomplete="off" data-testid="traffic-users" on:keydown=arrows(1000.0, 0.0)
                                    prop:value=total_users
                                    on:change=move |ev| commit_load(LoadField::TotalUsers, &ev, Some(total_users as f64), load_error)/>
                            </label>
                            <label class="run-field">
                                <span>{move || t(TrafficText::RequestsPerUser)}</span>
                                <input type="text" inputmode="decimal" autocomplete="off" data-testid="traffic-per-user" on:keydown=arrows(0.001, 0.0)
                                    prop:value=per_user.map(shortest).unwrap_or_default()
                                    placeholder=move || per_user.is_none().then(|| t(TrafficText::PerUserVaries))
                                    on:change=move |ev| commit_load(LoadField::PerUser, &ev, per_user, load_error)/>
                            </label>
                        }.into_any(),
                    };
                    view! {
                        <p class="run-hint" data-testid="traffic-total">
                            {move || { let lang = language.get(); words::populations(lang, n, &number(lang, total_rps.get())) }}
                        </p>
                        {load_field}
                        {move || load_error.get().map(|why| view! {
                            <p class="run-field-error" role="alert" data-testid="load-error">
                                {match &why {
                                    LoadRefused::Field(r) => say::profile_refusal(language.get(), r),
                                    LoadRefused::Edit(e) => say::unsavable(language.get(), e),
                                    LoadRefused::Busy => String::new(),
                                }}
                            </p>
                        })}
                    }.into_any()
                }
            }}
            <TrafficProfileControls/>
            {move || users.get().map(|u| {
                let lang = language.get();
                let mix = words::mix(
                    lang,
                    u.read_share * 100.0, u.write_share * 100.0, u.static_share * 100.0
                );
                view! {
                    <label class="run-field">
                        <span>{TrafficText::WriteShare.say(lang)}</span>
                        <input type="range" min="0" max="50" step="1"
                            prop:value=(u.write_share / (u.read_share + u.write_share).max(1e-9) * 100.0).round()
                            on:change=move |ev| if let Some(v) = parse(&ev) {
                                edit_users(move |u| {
                                    let data = u.read_share + u.write_share;
                                    u.write_share = data * v / 100.0;
                                    u.read_share = data - u.write_share;
                                });
                            }/>
                    </label>
                    <label class="run-field">
                        <span>{TrafficText::StaticShare.say(lang)}</span>
                        <input type="range" min="0" max="90" step="1"
                            prop:value=(u.static_share * 100.0).round()
                            on:change=move |ev| if let Some(v) = parse(&ev) {
                                edit_users(move |u| {
                                    let data = (u.read_share + u.write_share).max(1e-9);
                                    let s = (v / 100.0).within(0.0, 0.9);
                                    let w = u.write_share / data;
                                    u.static_share = s;
                                    u.write_share = (1.0 - s) * w;
                                    u.read_share = 1.0 - s - u.write_share;
                                });
                            }/>
                    </label>
                    <p class="run-hint">{mix}</p>
                    <label class="run-field">
                        <span>{words::zipf(lang, u.zipf_alpha)}</span>
                        <input type="range" min="0" max="1.5" step="0.05" data-testid="traffic-zipf"
                            prop:value=u.zipf_alpha
                            on:change=move |ev| if let Some(v) = parse(&ev) {
                                edit_users(move |u| u.zipf_alpha = v.within(0.0, 3.0));
                            }/>
                    </label>
                    <label class="run-check">
                        <input type="checkbox" data-testid="traffic-celebrity"
                            prop:checked={u.celebrity_keys > 0}
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                edit_users(move |u| {
                                    u.celebrity_keys = if on { 1 } else { 0 };
                                    u.celebrity_share = if on { 0.1 } else { 0.0 };
                                });
                            }/>
                        <span>{TrafficText::Celebrity.say(lang)}</span>
                    </label>
                    <label class="run-field">
                        <span>{words::logged_in(lang, u.login_session_share * 100.0)}</span>
                        <input type="range" min="0" max="100" step="5"
                            prop:value=(u.login_session_share * 100.0).round()
                            on:change=move |ev| if let Some(v) = parse(&ev) {
                                edit_users(move |u| u.login_session_share = (v / 100.0).within(0.0, 1.0));
                            }/>
                    </label>
                }
            })}
        </section>
    }
}

/// Changes the scenario through one editor command: one undo entry, saved and shared.
pub(super) fn edit_scenario(edit: impl FnOnce(&mut Scenario)) {
    let app = use_app();
    let mut scenario = app.editor.with_untracked(|e| e.diagram().scenario.clone());
    edit(&mut scenario);
    app.editor.update(|e| {
        if let Err(err) = e.set_scenario(scenario) {
            e.set_notice(Some(Notice::EditFailed(err.into())));
        }
    });
}

/// Points of the traffic preview across the run.
const PREVIEW_SAMPLES: usize = 120;
/// The preview's box, in SVG user units (the SVG scales to its width).
const PREVIEW_W: f64 = 180.0;
const PREVIEW_H: f64 = 36.0;

/// The scenario's traffic profile: its kind, its settings with units and ranges, the run's
/// length, and a sparkline of the offered request rate over the run (with the run's progress).
/// A value out of range is refused with a sentence and the document is left as it was; every
/// accepted change is one `SetScenario` command, so one undo entry.
#[component]
fn TrafficProfileControls() -> impl IntoView {
    let app = use_app();
    let run = super::use_run();
    let language = use_language();
    let t = move |key: TrafficText| language.t(key);
    let scenario = crate::ui::erase::memo(move || {
        app.editor.with(|e| {
            let s = &e.diagram().scenario;
            (s.traffic, s.duration_s)
        })
    });
    let preview = crate::ui::erase::memo(move || {
        app.editor
            .with(|e| predict::rate_preview(e.diagram(), PREVIEW_SAMPLES))
    });
    // Why the last typed value was refused, worded when drawn (so in the current language).
    let error = RwSignal::new(None::<ProfileRefusal>);
    // A message is about the profile it was typed against: a new profile (an edit elsewhere,
    // an undo) clears it.
    crate::ui::erase::effect(move || {
        scenario.track();
        error.set(None);
    });
    let set_profile = move |profile: TrafficProfile| {
        if profile != scenario.get_untracked().0 {
            edit_scenario(move |s| s.traffic = profile);
        }
    };
    let commit = move |key: &'static str, text: String| {
        let (profile, duration) = scenario.get_untracked();
        match traffic::apply_field(&profile, duration, key, &text) {
            Ok(p) => {
                error.set(None);
                set_profile(p);
            }
            Err(why) => error.set(Some(why)),
        }
    };
    let commit_length = move |text: String| match traffic::run_length(&text) {
        Ok(d) => {
            error.set(None);
            if d != scenario.get_untracked().1 {
                edit_scenario(move |s| s.duration_s = d);
            }
        }
        Err(why) => error.set(Some(why)),
    };
    let kind = move || ProfileKind::of(&scenario.get().0);
    let line = crate::ui::erase::memo(move || {
        preview.with(|p| sparkline_points(p, PREVIEW_W, PREVIEW_H, 2.0))
    });
    let summary = move || {
        let points = preview.get();
        let duration = scenario.get().1;
        let first = points.first().map_or(0.0, |p| p.1);
        let last = points.last().map_or(0.0, |p| p.1);
        let peak = points.iter().map(|p| p.1).fold(0.0, f64::max);
        let lang = language.get();
        let text = if kind() == ProfileKind::Constant {
            words::profile_constant(lang, &number(lang, first), duration)
        } else {
            words::profile_varying(
                lang,
                &number(lang, first),
                &number(lang, last),
                duration,
                &number(lang, peak),
            )
        };
        (first, last, peak, text)
    };
    view! {
        <div class="run-profile" data-testid="traffic-profile">
            <label class="run-field">
                <span>{move || t(TrafficText::TrafficProfile)}</span>
                <select
                    class="run-select"
                    data-testid="profile-kind"
                    prop:value=move || kind().key()
                    on:change=move |ev| {
                        if let Some(k) = ProfileKind::from_key(&event_target_value(&ev)) {
                            let (current, duration) = scenario.get_untracked();
                            error.set(None);
                            set_profile(k.profile(&current, duration));
                        }
                    }
                >
                    {ProfileKind::ALL
                        .into_iter()
                        .map(|k| view! { <option value=k.key()>{move || say::profile_name(language.get(), k)}</option> })
                        .collect_view()}
                </select>
            </label>
            <figure
                class="run-profile-preview"
                data-testid="traffic-preview"
                data-start-rps=move || Fixed(summary().0, 3).to_string()
                data-end-rps=move || Fixed(summary().1, 3).to_string()
                data-peak-rps=move || Fixed(summary().2, 3).to_string()
            >
                <svg
                    class="run-profile-svg"
                    viewBox=format!("0 0 {} {}", shortest(PREVIEW_W), shortest(PREVIEW_H))
                    preserveAspectRatio="none"
                    role="img"
                    aria-label=move || words::offered_load(language.get(), &summary().3)
                >
                    // The load filled down to zero, so a steady load reads as a block of
                    // traffic rather than a line along the box's edge.
                    <polygon
                        class="run-profile-area"
                        points=move || {
                            line.with(|l| {
                                if l.is_empty() {
                                    String::new()
                                } else {
                                    format!("{l} {w},{h} 0,{h}", w = shortest(PREVIEW_W), h = shortest(PREVIEW_H))
                                }
                            })
                        }
                    ></polygon>
                    <polyline
                        class="run-profile-line"
                        points=move || line.get()
                    ></polyline>
                    {move || {
                        let t = run.map_or(0.0, |r| r.signals.sim_time_s.get());
                        let d = scenario.get().1.max(1) as f64;
                        (t > 0.0).then(|| {
                            let x = (t / d).within(0.0, 1.0) * PREVIEW_W;
                            view! {
                                <line class="run-profile-now" x1=shortest(x) x2=shortest(x) y1="0" y2=shortest(PREVIEW_H)></line>
                            }
                        })
                    }}
                </svg>
                <figcaption class="run-hint" data-testid="traffic-preview-caption">
                    {move || summary().3}
                </figcaption>
            </figure>
            <p class="run-hint">{move || say::profile_explain(language.get(), kind())}</p>
            {move || {
                let (profile, duration) = scenario.get();
                let lang = language.get();
                traffic::fields(&profile, duration)
                    .into_iter()
                    .map(|f| {
                        let key = f.key;
                        view! {
                            <label class="run-field run-profile-field">
                                <span>{say::profile_field(lang, f.name)}</span>
                                <span class="run-unit-input">
                                    <input
                                        class="run-number"
                                        type="text"
                                        inputmode="decimal"
                                        autocomplete="off"
                                        on:keydown=arrows(f.step, f.min)
                                        data-testid=format!("profile-{key}")
                                        prop:value=shortest(f.value)
                                        on:change=move |ev| commit(key, event_target_value(&ev))
                                    />
                                    <span class="run-unit">{say::profile_unit(lang, f.measure)}</span>
                                </span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
            <label class="run-field run-profile-field">
                <span>{move || t(TrafficText::RunLength)}</span>
                <span class="run-unit-input">
                    <input
                        class="run-number"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        on:keydown=arrows(1.0, 1.0)
                        data-testid="run-length"
                        prop:value=move || scenario.get().1
                        on:change=move |ev| commit_length(event_target_value(&ev))
                    />
                    <span class="run-unit">{move || crate::present::format::duration_unit(language.get(), "s")}</span>
                </span>
            </label>
            {move || error.get().map(|why| view! {
                <p class="run-field-error" role="alert" data-testid="profile-error">
                    {say::profile_refusal(language.get(), &why)}
                </p>
            })}
        </div>
    }
}
