//! The run panel's faults: live fault actions (injected into the running simulation only)
//! and the scenario's fault timeline (edited through editor commands, so saved, shared and
//! undoable). Faults and their targets are worded from their typed values in the current
//! language ([`crate::present::text::run_faults`]).

use crate::decimal::{Fixed, Within, shortest};
use leptos::prelude::*;

use crate::editor::{Selectable, Selection};
use crate::model::validate::{Finding, Seconds};
use crate::model::{
    ComponentId, ComponentKind, Diagram, Fault, FaultAction, FaultTarget, GroupId, Wire, WireId,
};
use crate::present::lang::Lang;
use crate::present::say;
use crate::present::text::Phrase;
use crate::present::text::banner::BannerMessage;
use crate::present::text::run_faults::{self, FaultText};
use crate::share::fault_time_fits;
use crate::ui::i18n::use_language;
use crate::ui::number_input::arrows;
use crate::ui::state::{Banner, BannerLevel, use_app};

use super::RunContext;
use super::charts::FaultMark;
use super::controls::edit_scenario;

/// Changes the scenario's fault schedule through one editor command (undoable, saved, shared).
fn edit_faults(edit: impl FnOnce(&mut Vec<Fault>)) {
    edit_scenario(move |s| edit(&mut s.faults));
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

fn choices(lang: Lang, d: &Diagram) -> Vec<TargetChoice> {
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
        label: run_faults::datacenter_target(lang, &g.name),
        kind: None,
    }));
    let name = |id: ComponentId| {
        d.component(id)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| format!("#{}", id.0))
    };
    out.extend(d.wires.iter().map(|w| {
        let (from, to) = (name(w.from.component), name(w.to.component));
        let label = if has_twin(d, w) {
            let port = say::out_port_name(lang, w.from.port);
            run_faults::wire_target_from_port(lang, &from, port, &to)
        } else {
            run_faults::wire_target(lang, &from, &to)
        };
        TargetChoice {
            target: FaultTarget::Wire(w.id),
            label,
            kind: None,
        }
    }));
    out
}

/// Whether another wire joins the same two components as `w` (a population's dynamic and
/// static requests both to DNS): the two are then told apart by the port they leave from.
pub(in crate::ui) fn has_twin(d: &crate::model::Diagram, w: &Wire) -> bool {
    d.wires.iter().any(|o| {
        o.id != w.id && o.from.component == w.from.component && o.to.component == w.to.component
    })
}

/// The name of a fault target in the current diagram, in `lang`: a component's label, a
/// datacenter or a wire named by the labels of its ends.
pub fn target_label_in(lang: Lang, d: &Diagram, t: FaultTarget) -> String {
    choices(lang, d)
        .into_iter()
        .find(|c| c.target == t)
        .map(|c| c.label)
        .unwrap_or_else(|| FaultText::Removed.say(lang).to_string())
}

/// A fault button's name in `lang` ("Fail", "Slow ×5"), as the canvas menu and the inspector
/// name it too.
pub fn fault_name(lang: Lang, action: FaultAction) -> String {
    say::fault_action(lang, action)
}

/// Whether a fault takes something away (failing, cutting): its buttons and menu entries look
/// dangerous.
pub fn fault_is_destructive(action: FaultAction) -> bool {
    matches!(action, FaultAction::Fail | FaultAction::CutLink)
}

/// A fault's mark on the charts: `harm` for what takes something away, `mend` for a restore,
/// `change` for the rest (a slow-down, a flush, a deploy, a shard added).
pub fn fault_tone(action: FaultAction) -> &'static str {
    match action {
        _ if fault_is_destructive(action) => "harm",
        FaultAction::Restore => "mend",
        _ => "change",
    }
}

/// The run's applied faults as the charts mark them, worded in `lang` with the labels of `d`
/// (the run's document).
pub fn chart_marks(lang: Lang, d: &Diagram, applied: &[Fault]) -> Vec<FaultMark> {
    applied
        .iter()
        .map(|f| FaultMark {
            time: f.at_s,
            text: run_faults::scheduled_at(
                lang,
                f.at_s,
                &fault_name(lang, f.action),
                &target_label_in(lang, d, f.target),
            ),
            tone: fault_tone(f.action),
        })
        .collect()
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
        FaultAction::AddShard => "add-shard",
    }
}

/// Break things now: fail, restore or slow a component, fail a datacenter, cut a wire, flush a
/// cache, deploy new static assets behind a CDN, add a shard to a sharded database. The target defaults to the editor's selection.
#[component]
pub fn FaultActions(run: RunContext) -> impl IntoView {
    let app = use_app();
    let language = use_language();
    let t = move |key: FaultText| language.t(key);
    let all = crate::ui::erase::memo(move || {
        let lang = language.get();
        app.editor.with(|e| choices(lang, e.diagram()))
    });
    let chosen = RwSignal::new(String::new());
    // Follow the canvas selection.
    crate::ui::erase::effect(move || {
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
    let current = crate::ui::erase::memo(move || {
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
        match crate::editor::number::read(&schedule_at.get_untracked()) {
            Some(at_s) if fault_time_fits(at_s) => edit_faults(move |faults| {
                faults.push(Fault {
                    at_s,
                    action,
                    target: c.target,
                })
            }),
            _ => app.show(Banner::new(
                BannerLevel::Warning,
                BannerMessage::worded(|lang| FaultText::NeedsTime.say(lang).to_string()),
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
        <section class="run-faults" data-testid="fault-actions" aria-label=move || t(FaultText::BreakThings)>
            <h3 class="run-section-title">{move || t(FaultText::BreakThings)}</h3>
            <select
                class="run-select"
                data-testid="fault-target"
                aria-label=move || t(FaultText::Target)
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
                                {move || fault_name(language.get(), action)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="run-hint">{move || t(FaultText::InjectedHint)}</p>
            <div class="run-schedule">
                <label class="run-field">
                    <span>{move || t(FaultText::Schedule)}</span>
                    <select class="run-select" data-testid="schedule-action"
                        on:change=move |ev| schedule_action.set(event_target_value(&ev))
                        prop:value=move || schedule_action.get()>
                        {FaultAction::OFFERED
                            .into_iter()
                            .map(|a| view! { <option value=fault_key(a)>{move || fault_name(language.get(), a)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="run-field">
                    <span>{move || t(FaultText::AtSeconds)}</span>
                    <input class="run-number" type="text" inputmode="decimal" autocomplete="off" data-testid="schedule-at"
                        on:keydown=arrows(1.0, 0.0)
                        prop:value=move || schedule_at.get()
                        on:input=move |ev| schedule_at.set(event_target_value(&ev)) />
                </label>
                <button class="run-btn" data-testid="schedule-add" on:click=move |_| schedule()>
                    {move || t(FaultText::AddToScenario)}
                </button>
            </div>
        </section>
    }
}

/// One scheduled fault as the timeline shows it.
#[derive(Clone, PartialEq)]
struct TimelineRow {
    at: f64,
    action: String,
    label: String,
    target: FaultTarget,
    /// Its place in the scenario's list.
    index: usize,
    /// What the review says of a fault past the run's end, if it is one.
    after_end: Option<String>,
}

/// The scenario's scheduled faults, in time order, with markers where they fall (a fault past
/// the run's end has no marker, and says so beside it).
#[component]
pub fn FaultTimeline() -> impl IntoView {
    let app = use_app();
    let language = use_language();
    let t = move |key: FaultText| language.t(key);
    let faults = crate::ui::erase::memo(move || {
        let lang = language.get();
        app.editor.with(|e| {
            let d = e.diagram();
            // In time order, ties as written (through the editor's one sort).
            let faults = &d.scenario.faults;
            let order = crate::order::order_by(faults.len(), &|a, b| {
                faults[a].at_s.total_cmp(&faults[b].at_s)
            });
            let duration_s = d.scenario.duration_s;
            let f: Vec<TimelineRow> = order
                .into_iter()
                .map(|index| {
                    let f = &faults[index];
                    // A fault past the run's end never happens in this run: said beside it in
                    // the review's words, where its mark would sit misleadingly at the end.
                    let after_end = (f.at_s > f64::from(duration_s)).then(|| {
                        say::message(
                            lang,
                            &Finding::FaultAfterRunEnds {
                                at_s: Seconds(f.at_s),
                                duration_s,
                            },
                            d,
                        )
                    });
                    TimelineRow {
                        at: f.at_s,
                        action: run_faults::fault_name(lang, f.action),
                        label: target_label_in(lang, d, f.target),
                        target: f.target,
                        index,
                        after_end,
                    }
                })
                .collect();
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
        <section class="run-timeline" data-testid="fault-timeline" aria-label=move || t(FaultText::ScheduledFaults)>
            <h3 class="run-section-title">{move || t(FaultText::ScheduledFaults)}</h3>
            {move || {
                let (list, duration) = faults.get();
                let lang = language.get_untracked();
                if list.is_empty() {
                    return view! {
                        <p class="empty-hint">{t(FaultText::NoFaults)}</p>
                    }.into_any();
                }
                let marks = list
                    .iter()
                    .filter(|row| row.after_end.is_none())
                    .map(|row| {
                        let left = (row.at / duration.max(1.0) * 100.0).within(0.0, 100.0);
                        view! {
                            <span class="run-timeline-mark" style=format!("left: {left}%", left = Fixed(left, 2))
                                title=run_faults::scheduled_at(lang, row.at, &row.action, &row.label)></span>
                        }
                    })
                    .collect_view();
                let items = list
                    .into_iter()
                    .map(|TimelineRow { at, action, label, target, index, after_end }| {
                        let note_id = format!("fault-after-end-{index}");
                        let described = after_end.is_some().then(|| note_id.clone());
                        let note = after_end.map(|words| view! {
                            <p class="run-timeline-note" id=note_id data-testid="scheduled-fault-after-end">{words}</p>
                        });
                        view! {
                            <li class="run-timeline-item" data-testid="scheduled-fault">
                                <input
                                    class="run-number"
                                    type="text"
                                    inputmode="decimal"
                                    autocomplete="off"
                                    on:keydown=arrows(1.0, 0.0)
                                    aria-label=FaultText::WhenSeconds.say(lang)
                                    aria-describedby=described
                                    data-testid="scheduled-fault-at"
                                    prop:value=shortest(at)
                                    on:change=move |ev| {
                                        match crate::editor::number::read(&event_target_value(&ev)) {
                                            Some(t) if fault_time_fits(t) => edit_faults(move |faults| {
                                                if let Some(f) = faults.get_mut(index) {
                                                    f.at_s = t;
                                                }
                                            }),
                                            _ => {
                                                // The field shows the time the fault keeps.
                                                event_target::<web_sys::HtmlInputElement>(&ev)
                                                    .set_value(&shortest(at));
                                                app.show(Banner::new(
                                                    BannerLevel::Warning,
                                                    BannerMessage::worded(|lang| {
                                                        FaultText::BadTime.say(lang).to_string()
                                                    }),
                                                ))
                                            }
                                        }
                                    }
                                />
                                <span class="run-timeline-unit">{crate::present::format::duration_unit(lang, "s")}</span>
                                <button class="run-link" on:click=move |_| select(target)>
                                    {run_faults::scheduled(lang, &action, &label)}
                                </button>
                                <button
                                    class="run-btn run-remove"
                                    data-testid="scheduled-fault-remove"
                                    aria-label=run_faults::remove_at(lang, at)
                                    on:click=move |_| edit_faults(move |faults| {
                                        if index < faults.len() {
                                            faults.remove(index);
                                        }
                                    })
                                >
                                    {FaultText::Remove.say(lang)}
                                </button>
                                {note}
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
