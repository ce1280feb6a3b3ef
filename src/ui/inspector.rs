//! The inspector: the selected component's live figures during a run, its settings, and the
//! design review.
//!
//! While a run has started and one component (or one datacenter) is selected, a live section
//! comes first: the rows `present::readout` picks from the latest snapshot, worded by
//! `present::say::row` in the current language, with the theory the run panel quotes beside them, and the faults that apply to it (`FaultAction::applies_to`),
//! injected into the run at once.
//! One component selected: its label and a form of its settings built from
//! `editor::form::fields_in`, in the order of meaning `editor::form_order` gives each kind and
//! cut into its groups (capacity, behaviour, failure, advanced), each a `fieldset` under its
//! heading; every field has its unit beside the input and its one-line help under it (also its
//! tooltip and the input's description), worded by `say::field_help`. An enum with data, such
//! as a service-time distribution, is a choice followed by its variant's numbers. A change is
//! parsed and range-checked by `form::apply_field_in` and applied as one undoable command
//! (`Editor::configure`/`rename`), or refused with a message beside the field. A datacenter shows its name and region. Several
//! items show a summary. Below, every diagnostic of the design review, worded by
//! `present::say` in the current language; clicking one selects the components it concerns.
//! The words around the form are `present::text::inspector`'s; the form's own field labels,
//! choices, group headings, help and refusals are the editor's (`editor::form`,
//! `editor::form_order`). On a phone the inspector is a sheet
//! rising from the bottom, opened from the header (`drawer`).

use super::icons::KindIcon;
use super::number_input::arrows;
use crate::decimal::shortest;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::canvas::{canvas_element, focus_without_scroll};
use super::drawer::{Drawer, DrawerClose, use_drawers};
use super::i18n::use_language;
use super::run::{cache_prediction, fault_button_class, fault_test_id, use_run};
use super::state::{Banner, BannerLevel, use_app};
use crate::editor::form::{self, Field, FieldContext, FieldInput, Unit};
use crate::editor::form_order;
use crate::editor::notice::{EditFailure, Notice};
use crate::editor::{Action, Command, Selectable, Selection};
use crate::model::{
    ComponentConfig, ComponentId, ComponentKind, Fault, FaultAction, FaultTarget, GroupId, OutPort,
    Region, Severity,
};
use crate::present::format::seconds;
use crate::present::lang::Lang;
use crate::present::readout::Span;
use crate::present::text::Phrase;
use crate::present::text::banner::BannerMessage;
use crate::present::text::inspector::{self as inspector_text, InspectorText};
use crate::present::{readout, say};

/// What the inspector shows, from the selection.
#[derive(Clone, Debug, PartialEq)]
enum Subject {
    Nothing,
    Component {
        id: ComponentId,
        kind: ComponentKind,
        label: String,
        config: ComponentConfig,
        /// What the form needs of the diagram around it (a DNS's targets).
        context: FieldContext,
    },
    Datacenter {
        id: GroupId,
        name: String,
        region: Region,
        members: usize,
    },
    Many {
        components: usize,
        wires: usize,
        datacenters: usize,
    },
}

fn input_value(event: &web_sys::Event) -> String {
    event
        .target()
        .and_then(|t| {
            if let Some(input) = t.dyn_ref::<web_sys::HtmlInputElement>() {
                Some(if input.type_() == "checkbox" {
                    input.checked().to_string()
                } else {
                    input.value()
                })
            } else {
                t.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value())
            }
        })
        .unwrap_or_default()
}

/// Why the inspector refused a value: in its own words (worded when drawn, so a refusal on
/// screen follows a language switch), or in the editor's.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    Own(InspectorText),
    /// The form refused the typed value.
    Field(form::FieldRefusal),
    /// The editor refused the edit.
    Edit(EditFailure),
}

/// The fields whose typed value was refused, each with why: the field's path and the refusal.
/// Each field keeps its own until it takes a value, Escape puts its setting back, or the form
/// is drawn again.
type FieldRefusal = RwSignal<Vec<(String, Refusal)>>;

/// The field at `path` refused what was typed in it, for `why`.
fn refuse(error: FieldRefusal, path: &str, why: Refusal) {
    error.update(|e| {
        e.retain(|(p, _)| p != path);
        e.push((path.to_string(), why));
    });
}

/// The field at `path` holds no refused value (any more).
fn accept(error: FieldRefusal, path: &str) {
    if error.with_untracked(|e| e.iter().any(|(p, _)| p == path)) {
        error.update(|e| e.retain(|(p, _)| p != path));
    }
}

impl Refusal {
    fn say(&self, lang: Lang) -> String {
        match self {
            Refusal::Own(key) => key.say(lang).to_string(),
            Refusal::Field(refusal) => say::field_refusal(lang, refusal),
            Refusal::Edit(failure) => say::notice(lang, &Notice::EditFailed(failure.clone())),
        }
    }
}

/// The message under the field at `path` while its value is refused.
fn refusal_view(error: FieldRefusal, path: &str) -> Option<impl IntoView + use<>> {
    let language = use_language();
    error.with(|e| match e.iter().find(|(p, _)| p == path) {
        Some((_, refusal)) => {
            let refusal = refusal.clone();
            Some(view! {
                <span class="field-error" role="alert" data-testid="field-error">
                    {move || refusal.say(language.get())}
                </span>
            })
        }
        _ => None,
    })
}

/// A field's keydown handler: Escape puts back `saved`, what the field shows of the document,
/// and clears the field's refusal, rather than leaving the typed text to be applied when the
/// focus leaves. In a field already showing `saved` Escape goes on (closing a phone's drawer).
fn escape_restores(
    saved: String,
    error: FieldRefusal,
    path: String,
) -> impl Fn(web_sys::KeyboardEvent) + Clone + 'static {
    move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let refused = error.with_untracked(|e| e.iter().any(|(p, _)| *p == path));
        if input.value() == saved && !refused {
            return;
        }
        input.set_value(&saved);
        if refused {
            accept(error, &path);
        }
        ev.prevent_default();
        ev.stop_propagation();
    }
}

/// The right column.
#[component]
pub fn Inspector() -> impl IntoView {
    let state = use_app();
    let drawers = use_drawers();
    let editor = state.editor;
    let language = use_language();
    let t = move |key: InspectorText| move || language.t(key);
    let subject = crate::ui::erase::memo(move || {
        editor.with(|e| {
            let s = e.selection();
            let d = e.diagram();
            if s.components.len() == 1 && s.wires.is_empty() && s.groups.is_empty() {
                let id = *s.components.iter().next().expect("one component");
                if let Some(c) = d.component(id) {
                    return Subject::Component {
                        id,
                        kind: c.kind,
                        label: c.label.clone(),
                        config: c.config.clone(),
                        context: FieldContext::of(d, id),
                    };
                }
            }
            if s.groups.len() == 1 && s.components.is_empty() && s.wires.is_empty() {
                let id = *s.groups.iter().next().expect("one group");
                if let Some(g) = d.group(id) {
                    return Subject::Datacenter {
                        id,
                        name: g.name.clone(),
                        region: g.region,
                        members: d.members_of(id).count(),
                    };
                }
            }
            if s.is_empty() {
                Subject::Nothing
            } else {
                Subject::Many {
                    components: s.components.len(),
                    wires: s.wires.len(),
                    datacenters: s.groups.len(),
                }
            }
        })
    });
    // The refused values of the fields: (path, why). Cleared when the subject changes; a
    // refusal still shown then (a value typed and refused as the focus left for the canvas,
    // which selects something else) goes to the banner, so it is never dropped unsaid.
    let error: FieldRefusal = RwSignal::new(Vec::new());
    crate::ui::erase::effect(move || {
        subject.track();
        let refusals = error.get_untracked();
        if !refusals.is_empty() {
            state.show(Banner::new(
                BannerLevel::Warning,
                BannerMessage::worded(move |lang| {
                    refusals
                        .iter()
                        .map(|(_, refusal)| refusal.say(lang))
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
            ));
            error.set(Vec::new());
        }
    });
    let diagnostics = Memo::new(move |previous: Option<&Vec<say::Worded>>| {
        let lang = language.get();
        editor.with(|e| match previous {
            Some(previous) if e.tool().pointer().is_some() => previous.clone(),
            _ => say::review(lang, e.diagram()),
        })
    });

    let body = move || {
        match subject.get() {
        Subject::Nothing => view! {
            <p class="empty-hint hint-fine" data-testid="inspector-empty">{t(InspectorText::EmptyHint)}</p>
            <p class="empty-hint hint-touch" data-testid="inspector-empty-touch">{t(InspectorText::EmptyHintTouch)}</p>
        }
        .into_any(),
        Subject::Many {
            components,
            wires,
            datacenters,
        } => view! {
            <p class="inspector-summary" data-testid="inspector-summary">
                {move || {
                    inspector_text::selection_summary(language.get(), components, wires, datacenters)
                }}
            </p>
        }
        .into_any(),
        Subject::Datacenter {
            id,
            name,
            region,
            members,
        } => {
            let before_name = name.clone();
            let on_escape = escape_restores(name.clone(), error, "name".into());
            view! {
                <div class="inspector-form" data-testid="inspector-datacenter">
                    <h3 class="inspector-heading">{t(InspectorText::Datacenter)}</h3>
                    <label class="field">
                        <span class="field-label">{t(InspectorText::Name)}</span>
                        <input
                            type="text"
                            data-testid="field-name"
                            maxlength=crate::share::MAX_LABEL_CHARS
                            prop:value=name
                            on:keydown=on_escape
                            on:change=move |ev| {
                                let after = input_value(&ev);
                                if after.trim().is_empty() {
                                    refuse(error, "name", Refusal::Own(InspectorText::NameNeeded));
                                    return;
                                }
                                accept(error, "name");
                                let before = before_name.clone();
                                editor.update(|e| {
                                    let _ = e.execute(Command::RenameGroup { id, before, after });
                                });
                            }
                        />
                        <FieldError path="name" error=error/>
                    </label>
                    <label class="field">
                        <span class="field-label">{t(InspectorText::Region)}</span>
                        <select
                            data-testid="field-region"
                            on:change=move |ev| {
                                let value = input_value(&ev);
                                let chosen = value.parse::<usize>().ok().and_then(|i| Region::ALL.get(i));
                                if let Some(&after) = chosen {
                                    editor.update(|e| {
                                        let _ = e.execute(Command::SetGroupRegion { id, before: region, after });
                                    });
                                }
                            }
                        >
                            {Region::ALL
                                .into_iter()
                                .enumerate()
                                .map(|(i, r)| view! {
                                    <option value=i.to_string() selected=r == region>
                                        {move || say::region_name(language.get(), r)}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <p class="field-help">
                        {move || inspector_text::datacenter_members(language.get(), members)}
                    </p>
                </div>
            }
            .into_any()
        }
        Subject::Component {
            id,
            kind,
            label,
            config,
            context,
        } => {
            let fields = form::fields_in(&config, &context);
            let config_for_fields = config.clone();
            let on_escape = escape_restores(label.clone(), error, "label".into());
            view! {
                <div class="inspector-form" data-testid="inspector-component" data-kind=super::palette::kind_id(kind)>
                    <h3 class="inspector-heading">
                        <KindIcon kind=kind/>
                        " "
                        {move || say::kind_name(language.get(), kind)}
                    </h3>
                    <p class="field-help">{move || say::kind_description(language.get(), kind)}</p>
                    {crate::ui::erase::show(move || !kind.ports().outputs.is_empty(), move || view! {
                        <button
                            class="btn"
                            type="button"
                            data-testid="inspector-connect"
                            title=t(InspectorText::ConnectTitle)
                            on:click=move |_| {
                                state.run(Action::StartWire);
                                if let Some(canvas) = canvas_element() {
                                    focus_without_scroll(&canvas);
                                }
                            }
                        >
                            {t(InspectorText::Connect)}
                            // The key beside it, where there is a keyboard (not on a phone).
                            <kbd class="hint-fine connect-key">{t(InspectorText::ConnectKey)}</kbd>
                        </button>
                    }.into_any())}
                    <label class="field">
                        <span class="field-label">{t(InspectorText::Label)}</span>
                        <input
                            type="text"
                            data-testid="field-label"
                            maxlength=crate::share::MAX_LABEL_CHARS
                            prop:value=label
                            on:keydown=on_escape
                            on:change=move |ev| {
                                let after = input_value(&ev).trim().to_string();
                                if after.is_empty() {
                                    refuse(error, "label", Refusal::Own(InspectorText::LabelNeeded));
                                    return;
                                }
                                accept(error, "label");
                                editor.update(|e| {
                                    let _ = e.rename(id, after);
                                });
                            }
                        />
                        <FieldError path="label" error=error/>
                    </label>
                    {form_order::grouped(fields)
                        .into_iter()
                        .map(|(group, fields)| {
                            let fields = fields
                                .into_iter()
                                .map(|field| {
                                    let config = config_for_fields.clone();
                                    let context = context.clone();
                                    let path = field.path.clone();
                                    let apply = move |raw: String| {
                                        match form::apply_field_in(&config, &context, &path, &raw) {
                                            Ok(updated) => {
                                                accept(error, &path);
                                                editor.update(|e| {
                                                    if let Err(err) = e.configure(id, updated) {
                                                        refuse(error, &path, Refusal::Edit(err.into()));
                                                    }
                                                });
                                            }
                                            Err(why) => refuse(error, &path, Refusal::Field(why)),
                                        }
                                    };
                                    view! { <ConfigField field=field apply=apply error=error/> }
                                })
                                .collect_view();
                            view! {
                                <fieldset
                                    class=format!("field-group field-group-{}", group.id())
                                    data-testid=format!("settings-group-{}", group.id())
                                >
                                    <legend class="field-group-title">
                                        {move || say::field_group(language.get(), group)}
                                    </legend>
                                    {fields}
                                </fieldset>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
    }
    };

    let review = move || {
        diagnostics.with(|list| {
            if list.is_empty() {
                return view! { <p class="empty-hint">{t(InspectorText::NoFindings)}</p> }
                    .into_any();
            }
            list.iter()
                .map(|d| {
                    let ids = d.diagnostic.components.clone();
                    let class = match d.diagnostic.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "info",
                    };
                    let class = format!("diagnostic {class}");
                    let word = say::severity(language.get(), d.diagnostic.severity);
                    view! {
                        <li>
                            <button
                                type="button"
                                class=class
                                data-testid="diagnostic"
                                title=t(InspectorText::SelectConcerned)
                                on:click=move |_| {
                                    let mut selection = Selection::default();
                                    for id in &ids {
                                        selection.insert(Selectable::Component(*id));
                                    }
                                    editor.update(|e| e.set_selection(selection));
                                }
                            >
                                <span class="diagnostic-severity">{word}</span>
                                " "
                                {d.message.clone()}
                            </button>
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        })
    };

    let live_target = crate::ui::erase::memo(move || match subject.get() {
        Subject::Component { id, kind, .. } => Some((FaultTarget::Component(id), Some(kind))),
        Subject::Datacenter { id, .. } => Some((FaultTarget::Group(id), None)),
        _ => None,
    });

    view! {
        <aside
            class="inspector"
            class:drawer-open=move || drawers.is_open(Drawer::Inspector)
            data-testid="inspector"
            aria-label=t(InspectorText::Inspector)
        >
            <div class="drawer-head">
                <h2 class="panel-title">{t(InspectorText::Inspector)}</h2>
                <DrawerClose drawer=Drawer::Inspector/>
            </div>
            <LiveFigures target=live_target/>
            {body}
            <h2 class="panel-title review-title">{t(InspectorText::DesignReview)}</h2>
            <ul class="diagnostics" data-testid="diagnostics">{review}</ul>
        </aside>
    }
}

/// The selected component's (or datacenter's) figures in the running simulation, and the faults
/// that apply to it. Nothing before a run starts.
#[component]
fn LiveFigures(
    /// The fault target selected and its kind (None for a datacenter), if exactly one is.
    target: Memo<Option<(FaultTarget, Option<ComponentKind>)>>,
) -> impl IntoView {
    let Some(run) = use_run() else {
        return ().into_any();
    };
    let language = use_language();
    let t = move |key: InspectorText| move || language.t(key);
    let snapshot = run.signals.snapshot;
    let time_s =
        crate::ui::erase::memo(move || snapshot.with(|s| s.as_ref().map_or(0.0, |s| s.time_s)));
    // What is shown: changes with the selection and when a run starts or resets, not with
    // every snapshot.
    let shown = crate::ui::erase::memo(move || target.get().filter(|_| time_s.get() > 0.0));
    // A cache's hit-ratio theory depends on the document alone: worked out once per edit, not
    // at every snapshot.
    let cache_theory = crate::ui::erase::memo(move || match shown.get() {
        Some((FaultTarget::Component(id), _)) => {
            run.signals.diagram.with(|d| cache_prediction(d, id))
        }
        _ => None,
    });
    let rows = crate::ui::erase::memo(move || {
        let (target, _) = shown.get()?;
        snapshot.with(|snap| {
            let snap = snap.as_ref()?;
            match target {
                FaultTarget::Component(id) => {
                    let m = snap.components.iter().find(|m| m.id == id.0)?;
                    // The document as the run reads it: a drag recomputes no theory.
                    run.signals.diagram.with(|d| {
                        let consumer = d
                            .wires
                            .iter()
                            .find(|w| w.from.component == id && w.from.port == OutPort::Consumers)
                            .and_then(|w| {
                                snap.components.iter().find(|m| m.id == w.to.component.0)
                            });
                        // The charts' predictions, computed once for both.
                        let theory = run.predictions;
                        let with_replicas = m.replica_reads.is_some();
                        let a_copy = m.region_copy.as_ref().is_some_and(|r| !r.leading);
                        let a_web_tier = m.kind == Some(ComponentKind::WebServers);
                        theory.lag.with(|lags| {
                            theory.web.with(|webs| {
                                let ctx = readout::RowContext {
                                    consumer,
                                    hit_ratio_theory: m.hit_ratio.and_then(|_| cache_theory.get()),
                                    lag: lags
                                        .local
                                        .iter()
                                        .find(|p| with_replicas && p.database == id),
                                    copy_lag: lags
                                        .copies
                                        .iter()
                                        .find(|p| a_copy && p.database == id),
                                    forwarding: readout::Forwarding::of(d, id, snap.time_s),
                                    web: webs.iter().find(|p| a_web_tier && p.web == id),
                                    moving: theory.moving.get(),
                                    span: Span::of(snap.overall.window_s),
                                };
                                Some(readout::component_rows(m, &ctx))
                            })
                        })
                    })
                }
                FaultTarget::Group(id) => snap
                    .datacenters
                    .iter()
                    .find(|g| g.id == id.0)
                    .map(readout::datacenter_rows),
                FaultTarget::Wire(_) => None,
            }
        })
    });
    // What the rows' recent figures cover: changes once in a run, ten simulated seconds in.
    let span = crate::ui::erase::memo(move || {
        snapshot.with(|s| {
            s.as_ref()
                .map_or(Span::LastWindow, |s| Span::of(s.overall.window_s))
        })
    });
    let figures = move || {
        rows.get().map(|rows| {
            rows.into_iter()
                .map(|row| {
                    let text = say::row(language.get(), &row, span.get());
                    view! {
                        <div class="live-row" class:alert=row.alert() data-testid=format!("live-{}", row.key())>
                            <dt>{text.label}</dt>
                            <dd>
                                <span class="live-value">{text.value}</span>
                                {text.theory.map(|t| view! { <span class="live-theory">{t}</span> })}
                            </dd>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    // The buttons depend on the target only, so they stay put while the figures update.
    let faults = move || {
        shown.get().map(|(target, kind)| {
            FaultAction::OFFERED
                .into_iter()
                .filter(|a| a.applies_to(target, kind))
                .map(|action| {
                    view! {
                        <button
                            type="button"
                            class=fault_button_class(action)
                            data-testid=format!("inspector-{}", fault_test_id(action))
                            on:click=move |_| run.inject.run(Fault { at_s: 0.0, action, target })
                        >
                            {move || say::fault_action(language.get(), action)}
                        </button>
                    }
                })
                .collect_view()
        })
    };
    view! {
        {crate::ui::erase::show(move || shown.with(Option::is_some), move || view! {
            <section class="inspector-live" data-testid="inspector-live" aria-label=t(InspectorText::LiveFigures)>
                <h3 class="inspector-heading">
                    {t(InspectorText::Live)}
                    <span class="live-time">{move || format!("t = {}", seconds(language.get(), time_s.get(), 1))}</span>
                </h3>
                <dl class="live-rows">{figures}</dl>
                <div class="run-buttons inspector-faults" role="group" aria-label=t(InspectorText::BreakItNow)>
                    {faults}
                </div>
                <p class="field-help">{t(InspectorText::FaultsHere)}</p>
            </section>
        }.into_any())}
    }
    .into_any()
}

/// The message under a field whose value was refused.
#[component]
fn FieldError(
    /// The field's path.
    path: &'static str,
    /// The inspector's current refusal.
    error: FieldRefusal,
) -> impl IntoView {
    move || refusal_view(error, path)
}

/// One settings field.
#[component]
fn ConfigField(
    /// What the field edits.
    field: Field,
    /// Applies a raw value typed or chosen by the user.
    apply: impl Fn(String) + Clone + Send + Sync + 'static,
    /// The inspector's current refusal.
    error: FieldRefusal,
) -> impl IntoView {
    let language = use_language();
    let testid = format!("field-{}", field.path);
    let path = field.path.clone();
    let message = move || refusal_view(error, &path);
    let unit = field.measure.map(|u| {
        view! { <span class="field-unit">{move || say::field_unit(language.get(), u)}</span> }
    });
    let name = field.name.clone();
    let label = move || say::field_label(language.get(), &name);
    // The one-line help under the field, also its tooltip. The input is described by it
    // (aria-describedby), so it is hidden from the label's name, which it would lengthen.
    let help_id = format!("help-{}", field.path);
    let described = field.help.map(|_| help_id.clone());
    let help_of = field.clone();
    let help_text = move || say::field_help(language.get(), &help_of);
    let help = field.help.map(|_| {
        let text = help_text.clone();
        view! { <span class="field-hint" id=help_id data-testid="settings-hint" aria-hidden="true">{text}</span> }
    });
    // A number typed another way than the field writes it ("1e1", "10.0") that leaves the
    // setting as it was redraws nothing, so the field is given the setting's own writing.
    let written = match field.input {
        FieldInput::Integer(v) => Some((v as f64, v.to_string())),
        FieldInput::Number(v) => Some((v, shortest(v))),
        _ => None,
    };
    let on_change = move |ev: web_sys::Event| {
        let raw = input_value(&ev);
        if let Some((v, text)) = &written
            && crate::editor::number::read(&raw) == Some(*v)
        {
            crate::ui::number_input::write_back(&ev, text);
        }
        apply(raw)
    };
    // Escape puts back what the field shows of the setting; a numeric field's arrows step it.
    let keys = |saved: String, step: Option<f64>| {
        let escape = escape_restores(saved, error, field.path.clone());
        let arrows = step.map(|step| arrows(step, 0.0));
        move |ev: web_sys::KeyboardEvent| {
            if let Some(arrows) = &arrows {
                arrows(ev.clone());
            }
            escape(ev)
        }
    };
    // While refused, the field says so to assistive technology too.
    let refused_path = field.path.clone();
    let invalid = move || {
        error
            .with(|e| e.iter().any(|(p, _)| *p == refused_path))
            .to_string()
    };
    let input = match field.input {
        FieldInput::Integer(v) => view! {
            <input type="text" inputmode="numeric" autocomplete="off" data-testid=testid aria-describedby=described.clone() aria-invalid=invalid.clone() prop:value=v.to_string() on:keydown=keys(v.to_string(), Some(1.0)) on:change=on_change/>
        }
        .into_any(),
        FieldInput::Number(v) => {
            let step = if field.measure == Some(Unit::Fraction) { 0.01 } else { 1.0 };
            view! {
                <input type="text" inputmode="decimal" autocomplete="off" data-testid=testid aria-describedby=described.clone() aria-invalid=invalid.clone() prop:value=shortest(v) on:keydown=keys(shortest(v), Some(step)) on:change=on_change/>
            }
            .into_any()
        }
        FieldInput::Toggle(v) => view! {
            <input type="checkbox" data-testid=testid aria-describedby=described.clone() aria-invalid=invalid.clone() prop:checked=v on:change=on_change/>
        }
        .into_any(),
        FieldInput::Choice {
            ref selected,
            ref options,
        } => {
            let choices: Vec<(String, bool)> = options
                .iter()
                .map(|value| (value.clone(), value == selected))
                .collect();
            let field = field.clone();
            view! {
                <select data-testid=testid aria-describedby=described.clone() aria-invalid=invalid.clone() on:change=on_change>
                    {choices
                        .into_iter()
                        .map(|(value, is)| {
                            let field = field.clone();
                            let shown = value.clone();
                            let text = move || say::choice_label(language.get(), &field, &shown);
                            view! { <option value=value selected=is>{text}</option> }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
        FieldInput::Text(v) => view! {
            <input type="text" data-testid=testid prop:value=v.clone() aria-describedby=described.clone() aria-invalid=invalid.clone() on:keydown=keys(v, None) on:change=on_change/>
        }
        .into_any(),
    };
    view! {
        <label class="field" title=help_text>
            <span class="field-label">{label}</span>
            <span class="field-input">{input} {unit}</span>
            {help}
            {message}
        </label>
    }
}
