//! Controls in the run panel: traffic (edits the Users components and the scenario's traffic
//! profile through editor commands, so it is saved, shared and undoable), live fault actions
//! (injected into the running simulation only) and the scenario's fault timeline.
//!
//! The traffic profile form's fields, ranges and messages are [`crate::editor::traffic`]'s and
//! its preview is [`crate::sim::predict::rate_preview`], both tested natively; this module only
//! draws them.

use leptos::prelude::*;

use crate::editor::traffic::{self, ProfileKind};
use crate::editor::{Selectable, Selection};
use crate::model::config::{UserLoad, UsersConfig};
use crate::model::{
    ComponentConfig, ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, GroupId,
    Scenario, TrafficProfile, WireId,
};
use crate::present::format::format_value;
use crate::present::series::sparkline_points;
use crate::sim::predict;
use crate::ui::state::{Banner, BannerLevel, use_app};

use super::RunContext;

/// Changes the scenario's fault schedule through one editor command (undoable, saved, shared).
fn edit_faults(edit: impl FnOnce(&mut Vec<Fault>)) {
    edit_scenario(move |s| edit(&mut s.faults));
}

/// Applies `edit` to every Users component's config, one undo entry per component.
fn edit_users(edit: impl Fn(&mut UsersConfig) + Copy + 'static) {
    let app = use_app();
    let targets: Vec<(ComponentId, ComponentConfig)> = app.editor.with_untracked(|e| {
        e.diagram()
            .components
            .iter()
            .filter_map(|c| match &c.config {
                ComponentConfig::Users(u) => {
                    let mut u = u.clone();
                    edit(&mut u);
                    Some((c.id, ComponentConfig::Users(u)))
                }
                _ => None,
            })
            .collect()
    });
    app.editor.update(|e| {
        for (id, config) in targets {
            if let Err(err) = e.configure(id, config) {
                leptos::logging::warn!("traffic control refused: {err}");
            }
        }
    });
}

fn first_users(d: &Diagram) -> Option<UsersConfig> {
    d.components.iter().find_map(|c| match &c.config {
        ComponentConfig::Users(u) => Some(u.clone()),
        _ => None,
    })
}

fn parse(ev: &leptos::ev::Event) -> Option<f64> {
    event_target_value(ev)
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Request rate (or active users) of the users, the scenario's traffic profile with a preview
/// of the rate it gives over the run, then mix, skew, celebrity key and session share.
#[component]
pub fn TrafficControls() -> impl IntoView {
    let app = use_app();
    let users = Memo::new(move |_| app.editor.with(|e| first_users(e.diagram())));
    let populations = Memo::new(move |_| {
        app.editor.with(|e| {
            e.diagram()
                .components
                .iter()
                .filter(|c| c.kind == ComponentKind::Users)
                .count()
        })
    });
    let total_rps = Memo::new(move |_| {
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
        <section class="run-traffic" data-testid="traffic-controls" aria-label="Traffic">
            <h3 class="run-section-title">"Traffic"</h3>
            {move || match users.get() {
                None => view! { <p class="empty-hint">"Add a Users component to send traffic."</p> }.into_any(),
                Some(u) => {
                    let n = populations.get();
                    let load_field = match u.load {
                        UserLoad::Rate { rate_rps } => view! {
                            <label class="run-field">
                                <span>"Request rate (req/s each)"</span>
                                <input type="number" min="0" step="100" data-testid="traffic-rate"
                                    prop:value=rate_rps
                                    on:change=move |ev| if let Some(v) = parse(&ev) {
                                        edit_users(move |u| u.load = UserLoad::Rate { rate_rps: v.max(0.0) });
                                    }/>
                            </label>
                        }.into_any(),
                        UserLoad::ActiveUsers { active_users, requests_per_user_per_s } => view! {
                            <label class="run-field">
                                <span>"Active users (each population)"</span>
                                <input type="number" min="0" step="1000" data-testid="traffic-users"
                                    prop:value=active_users
                                    on:change=move |ev| if let Some(v) = parse(&ev) {
                                        edit_users(move |u| if let UserLoad::ActiveUsers { requests_per_user_per_s, .. } = u.load {
                                            u.load = UserLoad::ActiveUsers { active_users: v.max(0.0) as u64, requests_per_user_per_s };
                                        });
                                    }/>
                            </label>
                            <label class="run-field">
                                <span>"Requests per user per second"</span>
                                <input type="number" min="0" step="0.001"
                                    prop:value=requests_per_user_per_s
                                    on:change=move |ev| if let Some(v) = parse(&ev) {
                                        edit_users(move |u| if let UserLoad::ActiveUsers { active_users, .. } = u.load {
                                            u.load = UserLoad::ActiveUsers { active_users, requests_per_user_per_s: v.max(0.0) };
                                        });
                                    }/>
                            </label>
                        }.into_any(),
                    };
                    view! {
                        <p class="run-hint" data-testid="traffic-total">
                            {format!("{n} population(s), {} req/s in total", format_value(total_rps.get()))}
                        </p>
                        {load_field}
                    }.into_any()
                }
            }}
            <TrafficProfileControls/>
            {move || users.get().map(|u| {
                let mix = format!(
                    "{:.0} % reads, {:.0} % writes, {:.0} % static",
                    u.read_share * 100.0, u.write_share * 100.0, u.static_share * 100.0
                );
                view! {
                    <label class="run-field">
                        <span>"Writes (% of data requests)"</span>
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
                        <span>"Static assets (% of requests)"</span>
                        <input type="range" min="0" max="90" step="1"
                            prop:value=(u.static_share * 100.0).round()
                            on:change=move |ev| if let Some(v) = parse(&ev) {
                                edit_users(move |u| {
                                    let data = (u.read_share + u.write_share).max(1e-9);
                                    let s = (v / 100.0).clamp(0.0, 0.9);
                                    let w = u.write_share / data;
                                    u.static_share = s;
                                    u.write_share = (1.0 - s) * w;
                                    u.read_share = 1.0 - s - u.write_share;
                                });
                            }/>
                    </label>
                    <p class="run-hint">{mix}</p>
                    <label class="run-field">
                        <span>{format!("Zipf skew (alpha {:.2})", u.zipf_alpha)}</span>
                        <input type="range" min="0" max="1.5" step="0.05" data-testid="traffic-zipf"
                            prop:value=u.zipf_alpha
                            on:change=move |ev| if let Some(v) = parse(&ev) {
                                edit_users(move |u| u.zipf_alpha = v.clamp(0.0, 3.0));
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
                        <span>"Celebrity key (10 % of data requests on one key)"</span>
                    </label>
                    <label class="run-field">
                        <span>{format!("Logged-in share ({:.0} %)", u.login_session_share * 100.0)}</span>
                        <input type="range" min="0" max="100" step="5"
                            prop:value=(u.login_session_share * 100.0).round()
                            on:change=move |ev| if let Some(v) = parse(&ev) {
                                edit_users(move |u| u.login_session_share = (v / 100.0).clamp(0.0, 1.0));
                            }/>
                    </label>
                }
            })}
        </section>
    }
}

/// Changes the scenario through one editor command: one undo entry, saved and shared.
fn edit_scenario(edit: impl FnOnce(&mut Scenario)) {
    let app = use_app();
    let mut scenario = app.editor.with_untracked(|e| e.diagram().scenario.clone());
    edit(&mut scenario);
    app.editor.update(|e| {
        if let Err(err) = e.set_scenario(scenario) {
            leptos::logging::warn!("scenario edit refused: {err}");
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
    let scenario = Memo::new(move |_| {
        app.editor.with(|e| {
            let s = &e.diagram().scenario;
            (s.traffic, s.duration_s)
        })
    });
    let preview = Memo::new(move |_| {
        app.editor
            .with(|e| predict::rate_preview(e.diagram(), PREVIEW_SAMPLES))
    });
    let error = RwSignal::new(None::<String>);
    // A message is about the profile it was typed against: a new profile (an edit elsewhere,
    // an undo) clears it.
    Effect::new(move |_| {
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
        match traffic::set_field(&profile, duration, key, &text) {
            Ok(p) => {
                error.set(None);
                set_profile(p);
            }
            Err(why) => error.set(Some(why)),
        }
    };
    let commit_length = move |text: String| match traffic::parse_run_length(&text) {
        Ok(d) => {
            error.set(None);
            if d != scenario.get_untracked().1 {
                edit_scenario(move |s| s.duration_s = d);
            }
        }
        Err(why) => error.set(Some(why)),
    };
    let kind = move || ProfileKind::of(&scenario.get().0);
    let summary = move || {
        let points = preview.get();
        let duration = scenario.get().1;
        let first = points.first().map_or(0.0, |p| p.1);
        let last = points.last().map_or(0.0, |p| p.1);
        let peak = points.iter().map(|p| p.1).fold(0.0, f64::max);
        let text = if kind() == ProfileKind::Constant {
            format!(
                "{} req/s throughout the {duration} s run",
                format_value(first)
            )
        } else {
            format!(
                "{} → {} req/s over {duration} s, peak {}",
                format_value(first),
                format_value(last),
                format_value(peak)
            )
        };
        (first, last, peak, text)
    };
    view! {
        <div class="run-profile" data-testid="traffic-profile">
            <label class="run-field">
                <span>"Traffic profile"</span>
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
                        .map(|k| view! { <option value=k.key()>{k.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <figure
                class="run-profile-preview"
                data-testid="traffic-preview"
                data-start-rps=move || format!("{:.3}", summary().0)
                data-end-rps=move || format!("{:.3}", summary().1)
                data-peak-rps=move || format!("{:.3}", summary().2)
            >
                <svg
                    class="run-profile-svg"
                    viewBox=format!("0 0 {PREVIEW_W} {PREVIEW_H}")
                    preserveAspectRatio="none"
                    role="img"
                    aria-label=move || format!("Offered load over the run: {}", summary().3)
                >
                    <polyline
                        class="run-profile-line"
                        points=move || preview.with(|p| sparkline_points(p, PREVIEW_W, PREVIEW_H, 2.0))
                    ></polyline>
                    {move || {
                        let t = run.map_or(0.0, |r| r.signals.sim_time_s.get());
                        let d = scenario.get().1.max(1) as f64;
                        (t > 0.0).then(|| {
                            let x = (t / d).clamp(0.0, 1.0) * PREVIEW_W;
                            view! {
                                <line class="run-profile-now" x1=x x2=x y1="0" y2=PREVIEW_H></line>
                            }
                        })
                    }}
                </svg>
                <figcaption class="run-hint" data-testid="traffic-preview-caption">
                    {move || summary().3}
                </figcaption>
            </figure>
            <p class="run-hint">{move || kind().explain()}</p>
            {move || {
                let (profile, duration) = scenario.get();
                traffic::fields(&profile, duration)
                    .into_iter()
                    .map(|f| {
                        let key = f.key;
                        view! {
                            <label class="run-field run-profile-field">
                                <span>{f.label}</span>
                                <span class="run-unit-input">
                                    <input
                                        class="run-number"
                                        type="number"
                                        min=f.min
                                        max=f.max
                                        step=f.step
                                        data-testid=format!("profile-{key}")
                                        prop:value=format!("{}", f.value)
                                        on:change=move |ev| commit(key, event_target_value(&ev))
                                    />
                                    <span class="run-unit">{f.unit}</span>
                                </span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
            <label class="run-field run-profile-field">
                <span>"Run length"</span>
                <span class="run-unit-input">
                    <input
                        class="run-number"
                        type="number"
                        min="1"
                        max=traffic::MAX_RUN_S
                        step="1"
                        data-testid="run-length"
                        prop:value=move || scenario.get().1
                        on:change=move |ev| commit_length(event_target_value(&ev))
                    />
                    <span class="run-unit">"s"</span>
                </span>
            </label>
            {move || error.get().map(|why| view! {
                <p class="run-field-error" role="alert" data-testid="profile-error">{why}</p>
            })}
        </div>
    }
}

/// Something a fault can hit, for the target menu.
#[derive(Clone, Debug, PartialEq)]
struct TargetChoice {
    target: FaultTarget,
    label: String,
    kind: Option<ComponentKind>,
}

fn target_key(t: FaultTarget) -> String {
    match t {
        FaultTarget::Component(ComponentId(i)) => format!("c{i}"),
        FaultTarget::Group(GroupId(i)) => format!("g{i}"),
        FaultTarget::Wire(WireId(i)) => format!("w{i}"),
    }
}

fn choices(d: &Diagram) -> Vec<TargetChoice> {
    let mut out: Vec<TargetChoice> = d
        .components
        .iter()
        .map(|c| TargetChoice {
            target: FaultTarget::Component(c.id),
            label: c.label.clone(),
            kind: Some(c.kind),
        })
        .collect();
    out.extend(d.groups.iter().map(|g| TargetChoice {
        target: FaultTarget::Group(g.id),
        label: format!("Datacenter {}", g.name),
        kind: None,
    }));
    let name = |id: ComponentId| {
        d.component(id)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| format!("#{}", id.0))
    };
    out.extend(d.wires.iter().map(|w| TargetChoice {
        target: FaultTarget::Wire(w.id),
        label: format!("Wire {} → {}", name(w.from.component), name(w.to.component)),
        kind: None,
    }));
    out
}

/// The name of a fault target in the current diagram.
pub fn target_label(d: &Diagram, t: FaultTarget) -> String {
    choices(d)
        .into_iter()
        .find(|c| c.target == t)
        .map(|c| c.label)
        .unwrap_or_else(|| "(removed)".to_string())
}

/// Words for a fault action.
pub fn action_label(a: FaultAction) -> String {
    match a {
        FaultAction::Fail => "fail".into(),
        FaultAction::Restore => "restore".into(),
        FaultAction::Slow { factor } => format!("slow ×{factor}"),
        FaultAction::CutLink => "cut".into(),
        FaultAction::FlushCache => "flush".into(),
        FaultAction::DeployAssets => "deploy assets".into(),
    }
}

/// Whether a fault takes something away (failing, cutting): its buttons and menu entries look
/// dangerous.
pub fn fault_is_destructive(action: FaultAction) -> bool {
    matches!(action, FaultAction::Fail | FaultAction::CutLink)
}

/// The class of a fault button.
pub fn fault_button_class(action: FaultAction) -> &'static str {
    if fault_is_destructive(action) {
        "run-btn danger"
    } else {
        "run-btn"
    }
}

/// The test id of a fault button (`fault-fail`, `fault-flush`).
pub fn fault_test_id(action: FaultAction) -> String {
    format!("fault-{}", fault_key(action))
}

/// A fault's one-word key: the value of its option in the schedule menu, and the end of its
/// buttons' test ids.
fn fault_key(action: FaultAction) -> &'static str {
    match action {
        FaultAction::Fail => "fail",
        FaultAction::Restore => "restore",
        FaultAction::Slow { .. } => "slow",
        FaultAction::CutLink => "cut",
        FaultAction::FlushCache => "flush",
        FaultAction::DeployAssets => "deploy",
    }
}

/// Break things now: fail, restore or slow a component, fail a datacenter, cut a wire, flush a
/// cache, deploy new static assets behind a CDN. The target defaults to the editor's selection.
#[component]
pub fn FaultActions(run: RunContext) -> impl IntoView {
    let app = use_app();
    let all = Memo::new(move |_| app.editor.with(|e| choices(e.diagram())));
    let chosen = RwSignal::new(String::new());
    // Follow the canvas selection.
    Effect::new(move |_| {
        let picked = app.editor.with(|e| {
            let s = e.selection();
            s.components
                .iter()
                .next()
                .map(|c| FaultTarget::Component(*c))
                .or_else(|| s.groups.iter().next().map(|g| FaultTarget::Group(*g)))
                .or_else(|| s.wires.iter().next().map(|w| FaultTarget::Wire(*w)))
        });
        if let Some(t) = picked {
            chosen.set(target_key(t));
        }
    });
    let current = Memo::new(move |_| {
        let key = chosen.get();
        all.with(|a| a.iter().find(|c| target_key(c.target) == key).cloned())
            .or_else(|| all.with(|a| a.first().cloned()))
    });
    let fire = move |action: FaultAction| {
        if let Some(c) = current.get_untracked() {
            run.inject.run(Fault {
                at_s: 0.0,
                action,
                target: c.target,
            });
        }
    };
    let schedule_action = RwSignal::new("fail".to_string());
    let schedule_at = RwSignal::new("60".to_string());
    let schedule = move || {
        let Some(c) = current.get_untracked() else {
            return;
        };
        let key = schedule_action.get_untracked();
        let action = FaultAction::OFFERED
            .into_iter()
            .find(|a| fault_key(*a) == key)
            .unwrap_or(FaultAction::Fail);
        match schedule_at.get_untracked().trim().parse::<f64>() {
            Ok(at_s) if at_s.is_finite() && at_s >= 0.0 => edit_faults(move |faults| {
                faults.push(Fault {
                    at_s,
                    action,
                    target: c.target,
                })
            }),
            _ => app.show(Banner::new(
                BannerLevel::Warning,
                "A fault needs a time in seconds from the start of the run (0 or more).",
            )),
        }
    };
    let enabled = move |action: FaultAction| {
        run.is_live()
            && current
                .get()
                .is_some_and(|c| action.applies_to(c.target, c.kind))
    };
    view! {
        <section class="run-faults" data-testid="fault-actions" aria-label="Break things">
            <h3 class="run-section-title">"Break things"</h3>
            <select
                class="run-select"
                data-testid="fault-target"
                on:change=move |ev| chosen.set(event_target_value(&ev))
                prop:value=move || current.get().map(|c| target_key(c.target)).unwrap_or_default()
            >
                {move || {
                    all.get()
                        .into_iter()
                        .map(|c| view! { <option value=target_key(c.target)>{c.label}</option> })
                        .collect_view()
                }}
            </select>
            <div class="run-buttons">
                {FaultAction::OFFERED
                    .into_iter()
                    .map(|action| {
                        view! {
                            <button
                                class=fault_button_class(action)
                                data-testid=fault_test_id(action)
                                disabled=move || !enabled(action)
                                on:click=move |_| fire(action)
                            >
                                {action.button_label()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="run-hint">"Injected into this run only; the scenario's faults are below the charts."</p>
            <div class="run-schedule">
                <label class="run-field">
                    <span>"Schedule"</span>
                    <select class="run-select" data-testid="schedule-action"
                        on:change=move |ev| schedule_action.set(event_target_value(&ev))
                        prop:value=move || schedule_action.get()>
                        {FaultAction::OFFERED
                            .into_iter()
                            .map(|a| view! { <option value=fault_key(a)>{a.button_label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="run-field">
                    <span>"at (s)"</span>
                    <input class="run-number" type="number" min="0" step="1" data-testid="schedule-at"
                        prop:value=move || schedule_at.get()
                        on:input=move |ev| schedule_at.set(event_target_value(&ev)) />
                </label>
                <button class="run-btn" data-testid="schedule-add" on:click=move |_| schedule()>
                    "Add to scenario"
                </button>
            </div>
        </section>
    }
}

/// The scenario's scheduled faults, in time order, with markers where they fall.
#[component]
pub fn FaultTimeline() -> impl IntoView {
    let app = use_app();
    let faults = Memo::new(move |_| {
        app.editor.with(|e| {
            let d = e.diagram();
            let mut f: Vec<(f64, String, String, FaultTarget, usize)> = d
                .scenario
                .faults
                .iter()
                .enumerate()
                .map(|(index, f)| {
                    (
                        f.at_s,
                        action_label(f.action),
                        target_label(d, f.target),
                        f.target,
                        index,
                    )
                })
                .collect();
            f.sort_by(|a, b| a.0.total_cmp(&b.0));
            (f, d.scenario.duration_s as f64)
        })
    });
    let select = move |t: FaultTarget| {
        let item = match t {
            FaultTarget::Component(c) => Selectable::Component(c),
            FaultTarget::Group(g) => Selectable::Group(g),
            FaultTarget::Wire(w) => Selectable::Wire(w),
        };
        app.editor
            .update(|e| e.set_selection(Selection::only(item)));
    };
    view! {
        <section class="run-timeline" data-testid="fault-timeline" aria-label="Scheduled faults">
            <h3 class="run-section-title">"Scheduled faults"</h3>
            {move || {
                let (list, duration) = faults.get();
                if list.is_empty() {
                    return view! {
                        <p class="empty-hint">"No faults scheduled. Choose a target and a time under Break things, then Add to scenario."</p>
                    }.into_any();
                }
                let marks = list
                    .iter()
                    .map(|(at, action, label, _, _)| {
                        let left = (at / duration.max(1.0) * 100.0).clamp(0.0, 100.0);
                        view! {
                            <span class="run-timeline-mark" style=format!("left: {left:.2}%")
                                title=format!("{at:.0} s: {action} {label}")></span>
                        }
                    })
                    .collect_view();
                let items = list
                    .into_iter()
                    .map(|(at, action, label, target, index)| {
                        view! {
                            <li class="run-timeline-item" data-testid="scheduled-fault">
                                <input
                                    class="run-number"
                                    type="number"
                                    min="0"
                                    step="1"
                                    aria-label="When, in seconds"
                                    data-testid="scheduled-fault-at"
                                    prop:value=format!("{at}")
                                    on:change=move |ev| {
                                        match event_target_value(&ev).trim().parse::<f64>() {
                                            Ok(t) if t.is_finite() && t >= 0.0 => edit_faults(move |faults| {
                                                if let Some(f) = faults.get_mut(index) {
                                                    f.at_s = t;
                                                }
                                            }),
                                            _ => app.show(Banner::new(
                                                BannerLevel::Warning,
                                                "A fault's time is a number of seconds, 0 or more.",
                                            )),
                                        }
                                    }
                                />
                                <span class="run-timeline-unit">"s"</span>
                                <button class="run-link" on:click=move |_| select(target)>
                                    {format!("{action} {label}")}
                                </button>
                                <button
                                    class="run-btn run-remove"
                                    data-testid="scheduled-fault-remove"
                                    aria-label=format!("Remove the fault at {at:.0} s")
                                    on:click=move |_| edit_faults(move |faults| {
                                        if index < faults.len() {
                                            faults.remove(index);
                                        }
                                    })
                                >
                                    "Remove"
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="run-timeline-bar">{marks}</div>
                    <ul class="run-timeline-list">{items}</ul>
                }.into_any()
            }}
        </section>
    }
}
