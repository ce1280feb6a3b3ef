//! The run panel under the canvas (it replaces the old metrics strip and keeps its
//! `data-testid="metrics"`): run controls, traffic, charts with theory beside them, the fault
//! timeline, live fault actions and the event log.
//!
//! The panel exposes its figures as data attributes (`data-sim-time`, `data-achieved-speed`,
//! `data-frame-work-ms`, `data-requests-per-wall-s`, `data-events-per-wall-s`, `data-status`,
//! `data-sim-place` (worker or page), what the last snapshot cost to send
//! (`data-snapshot-bytes`, `-encode-ms`, `-decode-ms`), the wasm memory of the worker and of
//! the page (`data-worker-memory-bytes`, `data-page-memory-bytes`), how long the worker took to
//! start (`data-worker-ready-ms`), and once a run has finished its
//! determinism summary, `data-run-summary`)
//! for the end-to-end tests and the benchmark.

use crate::decimal::{Fixed, Within, shortest};
use leptos::prelude::*;

use crate::editor::actions::{RunKey, run_shortcut};
use crate::model::ComponentKind;
use crate::present::format::number;
use crate::present::lang::Lang;
use crate::present::run_history::{Named, Parts};
use crate::present::say;
use crate::present::text::Phrase;
use crate::present::text::banner::BannerMessage;
use crate::present::text::run::{self, RunText};
use crate::present::text::run_charts::{self, ChartText};
use crate::sim::BuildError;
use crate::ui::i18n::use_language;
use crate::ui::state::{Banner, BannerLevel, use_app};

use super::charts::{Lacking, Line, LineChart, ShardHeatmap};
use super::controls::{TrafficControls, edit_scenario};
use super::faults::{FaultActions, FaultTimeline};
use super::log::EventLog;
use super::sim_loop::{RunSignals, RunStatus, Speed};
use super::{RunContext, provide_run_state, theory_view, use_run};

fn speed_key(s: Speed) -> String {
    match s {
        Speed::Times(x) => shortest(x),
        Speed::Max => "max".to_string(),
    }
}

fn speed_of(key: &str) -> Speed {
    if key == "max" {
        Speed::Max
    } else {
        Speed::Times(key.parse::<f64>().unwrap_or(1.0).within(0.1, 100.0))
    }
}

/// Makes `seed` the scenario's: the one path of the seed field and the random seed button.
/// The seed is part of the document, like the traffic profile: one `SetScenario` command (one
/// undo entry), so the autosave, the share link and the exported file carry it, and the run,
/// which always uses the scenario's seed, is rebuilt from it at once. The same seed does
/// nothing (no empty undo entry).
fn set_seed(seed: u64) {
    let app = use_app();
    if app.editor.with_untracked(|e| e.diagram().scenario.seed) != seed {
        edit_scenario(move |s| s.seed = seed);
    }
}

/// A fresh seed from the browser's `crypto.getRandomValues`, below 2^32 so that the seed field
/// shows it exactly and it is short enough to note down and type back.
fn random_seed() -> Result<u64, getrandom::Error> {
    getrandom::u32().map(u64::from)
}

/// Run controls: Run / Pause, Step, Reset, speed, seed (typed or drawn at random), simulated time
/// and achieved speed.
#[component]
fn RunToolbar(run: RunContext) -> impl IntoView {
    let s = run.signals;
    let app = use_app();
    let language = use_language();
    let t = move |key: RunText| language.t(key);
    let scenario_seed =
        crate::ui::erase::memo(move || app.editor.with(|e| e.diagram().scenario.seed));
    // The warning last shown about a refused seed, taken down once a seed is taken.
    let seed_refused = StoredValue::new(None::<BannerMessage>);
    let running = move || run.running();
    let can_run = move || run.can_run();
    // A button's title names its key (`editor::actions::RUN_KEYS`).
    let keyed = move |words: &str, key: RunKey| {
        format!(
            "{words} ({})",
            say::shortcut(language.get(), &run_shortcut(key))
        )
    };
    view! {
        <div class="run-toolbar" role="toolbar" aria-label=move || t(RunText::RunControls)>
            <button
                class="run-btn primary"
                data-testid="run-toggle"
                disabled=move || !can_run()
                title=move || keyed(t(if running() { RunText::Pause } else { RunText::Run }), RunKey::RunOrPause)
                aria-keyshortcuts="Control+Enter Meta+Enter"
                on:click=move |_| run.run_or_pause()
            >
                {move || if running() { t(RunText::Pause) } else { t(RunText::Run) }}
            </button>
            <button class="run-btn" data-testid="run-step" disabled=move || !can_run()
                title=move || keyed(t(RunText::StepTitle), RunKey::Step)
                aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
                on:click=move |_| run.on_key(RunKey::Step)>{move || t(RunText::Step)}</button>
            <button class="run-btn" data-testid="run-reset" disabled=move || !can_run()
                on:click=move |_| run.reset.run(())>{move || t(RunText::Reset)}</button>
            <label class="run-inline">
                <span>{move || t(RunText::Speed)}</span>
                <select
                    class="run-select"
                    data-testid="run-speed"
                    prop:value=move || speed_key(s.speed.get())
                    on:change=move |ev| s.speed.set(speed_of(&event_target_value(&ev)))
                >
                    {Speed::CHOICES
                        .into_iter()
                        .map(|c| view! { <option value=speed_key(c)>{move || speed_label(language.get(), c)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="run-inline">
                <span>{move || t(RunText::Seed)}</span>
                <input
                    class="run-seed"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    data-testid="run-seed"
                    on:keydown=crate::ui::number_input::arrows(1.0, 0.0)
                    prop:value=move || scenario_seed.get()
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        match crate::editor::number::read_whole(&typed) {
                            Some(v) => {
                                set_seed(v);
                                // A seed taken answers the warning about the one refused.
                                let refused = seed_refused.get_value();
                                if refused.is_some()
                                    && app.banner.with_untracked(|b| b.as_ref().map(|b| &b.message) == refused.as_ref())
                                {
                                    app.banner.set(None);
                                }
                            }
                            None => {
                                // Nothing typed is lost but the bad value: the field shows the
                                // seed the run keeps, and a banner says why.
                                let kept = scenario_seed.get_untracked();
                                crate::ui::number_input::write_back(&ev, &kept.to_string());
                                let message = BannerMessage::worded(move |lang| {
                                    run::seed_refused(lang, typed.trim(), kept)
                                });
                                seed_refused.set_value(Some(message.clone()));
                                app.show(Banner::new(BannerLevel::Warning, message));
                            }
                        }
                    }
                />
            </label>
            <button
                class="run-btn"
                data-testid="run-seed-random"
                aria-label=move || t(RunText::RandomSeed)
                title=move || t(RunText::RandomSeedTitle)
                on:click=move |_| match random_seed() {
                    Ok(v) => set_seed(v),
                    Err(error) => app.show(Banner::new(
                        BannerLevel::Warning,
                        BannerMessage::worded(|lang| {
                            run::random_seed_failed(lang, &error.to_string())
                        }),
                    )),
                }
            >
                {move || t(RunText::Random)}
            </button>
            <span class="run-clock" data-testid="sim-time">
                {move || run::clock(language.get(), s.sim_time_s.get(), s.duration_s.get())}
            </span>
            <span
                class="run-speed-note"
                class:behind=move || s.behind.get()
                data-testid="achieved-speed"
            >
                {move || {
                    let lang = language.get();
                    let key = match s.status.get() {
                        RunStatus::Running if s.achieved_speed.get() > 0.0 => {
                            return run::running_at(lang, s.achieved_speed.get(), s.behind.get());
                        }
                        RunStatus::Running => RunText::Running,
                        RunStatus::Finished => RunText::Finished,
                        RunStatus::Paused => RunText::Paused,
                        RunStatus::Ready => RunText::Ready,
                        RunStatus::Invalid if s.build_error.get() == Some(BuildError::NoUsers) => {
                            RunText::NothingToRun
                        }
                        RunStatus::Invalid => RunText::CannotRun,
                    };
                    key.say(lang).to_string()
                }}
            </span>
            // How fast the simulation goes is a figure of a run going on: measured over each
            // wall second of running, so none before the first second and none once stopped
            // (a run over in less than a second never had one).
            <span class="run-rate" title=move || t(RunText::RateTitle) data-testid="simulated-rate">
                {move || {
                    let rate = s.requests_per_wall_s.get();
                    (s.status.get() == RunStatus::Running && rate > 0.0)
                        .then(|| {
                            let lang = language.get();
                            run::simulated_rate(lang, &number(lang, rate))
                        })
                }}
            </span>
        </div>
    }
}

/// A speed menu entry in `lang`.
fn speed_label(lang: Lang, speed: Speed) -> String {
    match speed {
        Speed::Times(x) => run::speed_times(lang, x),
        Speed::Max => RunText::SpeedMax.say(lang).to_string(),
    }
}

/// The lines of per-component series, each named by its label (data, the same in every
/// language).
fn named_lines<'a>(named: impl Iterator<Item = &'a Named>) -> Vec<Line> {
    named_lines_as(named, |label| label.to_string())
}

/// The lines of per-component series, each named by `name` from its label.
fn named_lines_as<'a>(
    named: impl Iterator<Item = &'a Named>,
    name: impl Fn(&str) -> String,
) -> Vec<Line> {
    named
        .enumerate()
        .map(|(i, n)| Line {
            name: name(&n.label),
            colour: i,
            series: n.series.clone(),
        })
        .collect()
}

/// The charts, with theory beside the simulated values where it has an answer.
#[component]
fn Charts(run: RunContext) -> impl IntoView {
    let language = use_language();
    let h = run.signals.history;
    // Not the editor's document: moving a card must not recompute the theory.
    let diagram = run.signals.diagram;
    let cache_theory = crate::ui::erase::memo(move || {
        let lang = language.get();
        diagram.with(|d| theory_view::cache_predictions(lang, d))
    });
    // Computed once per edit (or per snapshot where the profile moves the rates), shared with
    // the inspector.
    let theory_view::Predictions {
        web: web_predictions,
        lag: lag_predictions,
        moving,
    } = run.predictions;
    // Beside the simulated share of stale reads: re-worded at each snapshot.
    let lag_theory = crate::ui::erase::memo(move || {
        let lang = language.get();
        run.signals.snapshot.with(|snap| {
            lag_predictions.with(|p| theory_view::replica_lag_predictions(lang, p, snap.as_deref()))
        })
    });
    let web_theory = Signal::derive(move || {
        let lang = language.get();
        run.signals.snapshot.with(|s| match s {
            Some(s) => {
                web_predictions.with(|p| theory_view::web_predictions(lang, p, s, moving.get()))
            }
            None => Vec::new(),
        })
    });
    let throughput = Signal::derive(move || {
        let lang = language.get();
        h.with(|h| {
            let mut lines = vec![Line {
                name: ChartText::Completed.say(lang).to_string(),
                colour: 0,
                series: h.throughput.clone(),
            }];
            for (i, (reason, series)) in h.failure_rates().enumerate() {
                if series.max_value() > 0.0 {
                    lines.push(Line {
                        name: say::failure_legend(lang, reason),
                        colour: 2 + i,
                        series: series.clone(),
                    });
                }
            }
            lines
        })
    });
    let latency = Signal::derive(move || {
        h.with(|h| {
            vec![
                Line {
                    name: "p50".into(),
                    colour: 0,
                    series: h.p50.clone(),
                },
                Line {
                    name: "p95".into(),
                    colour: 1,
                    series: h.p95.clone(),
                },
                Line {
                    name: "p99".into(),
                    colour: 2,
                    series: h.p99.clone(),
                },
            ]
        })
    });
    let hits = Signal::derive(move || h.with(|h| named_lines(h.hit_ratio.values())));
    let lag = Signal::derive(move || {
        let lang = language.get();
        h.with(|h| {
            let mut lines = named_lines(h.replica_lag.values());
            let n = lines.len();
            let copies = named_lines_as(h.copy_lag.values(), |l| say::cross_region(lang, l));
            lines.extend(copies.into_iter().map(|l| Line {
                colour: n + l.colour,
                ..l
            }));
            lines
        })
    });
    let queues = Signal::derive(move || {
        let lang = language.get();
        h.with(|h| {
            let mut lines = named_lines(h.queue_depth.values());
            let n = lines.len();
            lines.extend(h.instances.values().enumerate().map(|(i, n2)| Line {
                name: run_charts::instances_of(lang, &n2.label),
                colour: n + i,
                series: n2.series.clone(),
            }));
            lines
        })
    });
    let dcs = Signal::derive(move || h.with(|h| named_lines(h.dc_share.values())));
    // The faults applied so far, marked on every chart.
    let fault_marks = crate::ui::erase::memo(move || run.fault_marks(language.get()));
    let faults = Signal::derive(move || fault_marks.get());
    // Which charted parts the design has: a chart of one it lacks says so.
    let parts = crate::ui::erase::memo(move || h.with(|h| h.parts));
    let lacking = move |has: fn(&Parts) -> bool, note: ChartText| Lacking {
        part: Signal::derive(move || !parts.with(has)),
        note,
    };
    let shard_ids = crate::ui::erase::memo(move || {
        h.with(|h| h.shards.keys().map(|&k| u64::from(k)).collect::<Vec<_>>())
    });

    view! {
        <div class="run-charts" data-testid="charts">
            <LineChart title=ChartText::Throughput unit=ChartText::UnitReqPerS testid="chart-throughput" faults=faults lines=throughput/>
            <LineChart title=ChartText::Latency unit=ChartText::UnitMs testid="chart-latency" faults=faults lines=latency theory=web_theory/>
            <LineChart title=ChartText::HitRatio unit=ChartText::UnitPercent testid="chart-hit-ratio" faults=faults lines=hits
                theory=Signal::derive(move || cache_theory.get()) y_max=100.0
                lacking=lacking(|p| p.caches, ChartText::NoCaches)/>
            <LineChart title=ChartText::ReplicaLag unit=ChartText::UnitMs testid="chart-replica-lag" faults=faults lines=lag
                theory=Signal::derive(move || lag_theory.get())
                lacking=lacking(|p| p.replicas, ChartText::NoReplicas)/>
            <LineChart title=ChartText::Queues unit=ChartText::UnitCount testid="chart-queues" faults=faults lines=queues/>
            <LineChart title=ChartText::Datacenters unit=ChartText::UnitPercent testid="chart-datacenters" faults=faults lines=dcs y_max=100.0
                lacking=lacking(|p| p.datacenters, ChartText::NoDatacenters)/>
            {crate::ui::erase::keyed(move || shard_ids.get(), move |id| {
                let id = id as u32;
                view! {
                    <ShardHeatmap
                        label=h.with_untracked(|h| h.shards.get(&id).map(|s| s.label.clone()).unwrap_or_default())
                        first=Signal::derive(move || h.with(|h| h.shards.get(&id).map_or(0, |s| s.dropped)))
                        rows=Signal::derive(move || h.with(|h| {
                            h.shards.get(&id).map(|s| s.rows.iter().cloned().collect()).unwrap_or_default()
                        }))
                    />
                }
                .into_any()
            })}
        </div>
    }
}

/// The panel's figures for the tests and the benchmark, by data attribute (see the module's doc);
/// `None` leaves the attribute out. One effect writes them all (`write_figures`): as reactive
/// attributes each was its own copy of the view layer's attribute code in the wasm.
fn figures(s: RunSignals) -> [(&'static str, Option<String>); 14] {
    let transfer = s.transfer.get();
    let status = s.status.get();
    s.snapshot.track();
    [
        ("data-status", Some(status.as_str().to_string())),
        (
            "data-sim-time",
            Some(Fixed(s.sim_time_s.get(), 3).to_string()),
        ),
        (
            "data-achieved-speed",
            Some(Fixed(s.achieved_speed.get(), 3).to_string()),
        ),
        (
            "data-frame-work-ms",
            Some(Fixed(s.frame_work_ms.get(), 3).to_string()),
        ),
        (
            "data-requests-per-wall-s",
            Some(Fixed(s.requests_per_wall_s.get(), 0).to_string()),
        ),
        (
            "data-events-per-wall-s",
            Some(Fixed(s.events_per_wall_s.get(), 0).to_string()),
        ),
        ("data-sim-place", Some(s.place.get().as_str().to_string())),
        ("data-snapshot-bytes", Some(transfer.bytes.to_string())),
        (
            "data-snapshot-encode-ms",
            Some(Fixed(transfer.encode_ms, 3).to_string()),
        ),
        (
            "data-snapshot-decode-ms",
            Some(Fixed(transfer.decode_ms, 3).to_string()),
        ),
        (
            "data-worker-memory-bytes",
            Some(transfer.worker_memory_bytes.to_string()),
        ),
        (
            "data-worker-ready-ms",
            Some(Fixed(transfer.worker_ready_ms, 1).to_string()),
        ),
        (
            "data-page-memory-bytes",
            Some(crate::ui::sim_worker::memory_bytes().to_string()),
        ),
        (
            "data-run-summary",
            (status == RunStatus::Finished)
                .then(|| {
                    s.snapshot
                        .with(|snap| snap.as_ref().map(|snap| snap.summary()))
                })
                .flatten(),
        ),
    ]
}

/// Sets each attribute that changed and removes each that is `None`.
fn write_figures(el: &web_sys::HtmlElement, figures: &[(&'static str, Option<String>)]) {
    for (name, value) in figures {
        match value {
            Some(v) if el.get_attribute(name).as_deref() != Some(v.as_str()) => {
                let _ = el.set_attribute(name, v);
            }
            Some(_) => {}
            None => {
                let _ = el.remove_attribute(name);
            }
        }
    }
}

/// The run panel: everything about running the diagram, under the canvas.
#[component]
pub fn RunPanel() -> impl IntoView {
    let run = use_run().unwrap_or_else(provide_run_state);
    let s = run.signals;
    let language = use_language();
    let t = move |key: RunText| language.t(key);
    // Folded to the strip's height until a run starts (or the user opens it), so the canvas keeps
    // its room while editing. On a phone it stays folded until the user opens it: opened, it
    // would take most of the screen from the canvas and a lesson's panel.
    let expanded = RwSignal::new(false);
    crate::ui::erase::effect(move || {
        if s.status.get() == RunStatus::Running && !is_phone() {
            expanded.set(true);
        }
    });
    let footer = NodeRef::<leptos::html::Footer>::new();
    crate::ui::erase::effect(move || {
        if let Some(el) = footer.get() {
            write_figures(&el, &figures(s));
        }
    });
    view! {
        <footer
            class="metrics-strip run-panel"
            class:expanded=move || expanded.get()
            data-testid="metrics"
            aria-label=move || t(RunText::PanelLabel)
            node_ref=footer
        >
            <div class="run-panel-head">
                <RunToolbar run=run/>
                <button
                    class="run-btn run-expand"
                    data-testid="run-expand"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || if expanded.get() { t(RunText::HideDetails) } else { t(RunText::ShowDetails) }}
                </button>
            </div>
            {move || {
                let lang = language.get();
                s.build_error.get().map(|e| match e {
                    // Nothing to run is where every diagram starts, not a mistake.
                    BuildError::NoUsers => view! {
                        <p class="run-hint run-start-hint" data-testid="run-hint">
                            {run::add_users_to_run(lang, say::kind_name(lang, ComponentKind::Users))}
                        </p>
                    }
                    .into_any(),
                    e => view! {
                        <p class="run-error" data-testid="run-error" role="alert">
                            {RunText::CannotRunYet.say(lang)} {say::build_error(lang, &e)}
                        </p>
                    }
                    .into_any(),
                })
            }}
            {crate::ui::erase::show(move || expanded.get(), move || view! {
                <div class="run-body">
                    <div class="run-side">
                        <TrafficControls/>
                        <FaultActions run=run/>
                    </div>
                    <div class="run-main">
                        <Charts run=run/>
                        <FaultTimeline/>
                    </div>
                    <EventLog run=run/>
                </div>
            }.into_any())}
        </footer>
    }
}

/// Whether the screen is a phone's: as narrow as `web/responsive.css`'s phone layout.
fn is_phone() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 640px)").ok().flatten())
        .is_some_and(|m| m.matches())
}
