//! The run panel under the canvas (it replaces the old metrics strip and keeps its
//! `data-testid="metrics"`): run controls, traffic, charts with theory beside them, the fault
//! timeline, live fault actions and the event log.
//!
//! The panel exposes its figures as data attributes (`data-sim-time`, `data-achieved-speed`,
//! `data-frame-work-ms`, `data-requests-per-wall-s`, `data-events-per-wall-s`, `data-status`)
//! for the end-to-end tests and the benchmark.

use leptos::prelude::*;

use crate::model::TrafficProfile;
use crate::present::english;
use crate::present::format::format_value;
use crate::present::run_history::Named;
use crate::sim::BuildError;
use crate::ui::state::{Banner, BannerLevel, use_app};

use super::charts::{Line, LineChart, ShardHeatmap};
use super::controls::{FaultActions, FaultTimeline, TrafficControls};
use super::log::EventLog;
use super::sim_loop::{RunSignals, RunStatus, Speed};
use super::{RunContext, provide_run_state, theory_view, use_run};

fn speed_key(s: Speed) -> String {
    match s {
        Speed::Times(x) => format!("{x}"),
        Speed::Max => "max".to_string(),
    }
}

fn speed_of(key: &str) -> Speed {
    if key == "max" {
        Speed::Max
    } else {
        Speed::Times(key.parse::<f64>().unwrap_or(1.0).clamp(0.1, 100.0))
    }
}

/// Runs with `seed` instead of the scenario's: the one path of the seed field and the random
/// seed button. Like the speed, it is a setting of this run, not of the document: not saved,
/// shared or undone, and a rebuild follows at once.
fn run_with_seed(s: RunSignals, seed: u64) {
    s.seed.set(Some(seed));
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
    let scenario_seed = Memo::new(move |_| app.editor.with(|e| e.diagram().scenario.seed));
    let running = move || s.status.get() == RunStatus::Running;
    let can_run = move || s.status.get() != RunStatus::Invalid;
    view! {
        <div class="run-toolbar" role="toolbar" aria-label="Run controls">
            <button
                class="run-btn primary"
                data-testid="run-toggle"
                disabled=move || !can_run()
                on:click=move |_| if running() { run.pause.run(()) } else { run.resume.run(()) }
            >
                {move || if running() { "Pause" } else { "Run" }}
            </button>
            <button class="run-btn" data-testid="run-step" disabled=move || !can_run()
                title="Advance one simulated second"
                on:click=move |_| run.step.run(())>"Step"</button>
            <button class="run-btn" data-testid="run-reset" disabled=move || !can_run()
                on:click=move |_| run.reset.run(())>"Reset"</button>
            <label class="run-inline">
                <span>"Speed"</span>
                <select
                    class="run-select"
                    data-testid="run-speed"
                    prop:value=move || speed_key(s.speed.get())
                    on:change=move |ev| s.speed.set(speed_of(&event_target_value(&ev)))
                >
                    {Speed::CHOICES
                        .into_iter()
                        .map(|c| view! { <option value=speed_key(c)>{c.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="run-inline">
                <span>"Seed"</span>
                <input
                    class="run-seed"
                    type="number"
                    min="0"
                    data-testid="run-seed"
                    prop:value=move || s.seed.get().unwrap_or_else(|| scenario_seed.get())
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<u64>() {
                            run_with_seed(s, v);
                        }
                    }
                />
            </label>
            <button
                class="run-btn"
                data-testid="run-seed-random"
                aria-label="Random seed"
                title="Run with a new random seed"
                on:click=move |_| match random_seed() {
                    Ok(v) => run_with_seed(s, v),
                    Err(error) => app.show(Banner::new(
                        BannerLevel::Warning,
                        format!("This browser could not draw a random seed ({error}). Type one instead."),
                    )),
                }
            >
                "Random"
            </button>
            <span class="run-clock" data-testid="sim-time">
                {move || format!("t = {:.1} s of {:.0} s", s.sim_time_s.get(), s.duration_s.get())}
            </span>
            <span
                class="run-speed-note"
                class:behind=move || s.behind.get()
                data-testid="achieved-speed"
            >
                {move || match (s.status.get(), s.behind.get()) {
                    (RunStatus::Running, true) => format!(
                        "running at {:.1}x: the browser cannot keep up",
                        s.achieved_speed.get()
                    ),
                    (RunStatus::Running, false) => format!("running at {:.1}x", s.achieved_speed.get()),
                    (RunStatus::Finished, _) => "finished".to_string(),
                    (RunStatus::Paused, _) => "paused".to_string(),
                    (RunStatus::Ready, _) => "ready".to_string(),
                    (RunStatus::Invalid, _) if s.build_error.get() == Some(BuildError::NoUsers) => {
                        "nothing to run yet".to_string()
                    }
                    (RunStatus::Invalid, _) => "cannot run".to_string(),
                }}
            </span>
            <span class="run-rate" title="Simulated user requests per wall-clock second">
                {move || format!("{} req/s simulated", format_value(s.requests_per_wall_s.get()))}
            </span>
        </div>
    }
}

fn named_lines<'a>(named: impl Iterator<Item = &'a Named>) -> Vec<Line> {
    named
        .enumerate()
        .map(|(i, n)| Line {
            name: n.label.clone(),
            colour: i,
            series: n.series.clone(),
        })
        .collect()
}

/// The charts, with theory beside the simulated values where it has an answer.
#[component]
fn Charts(run: RunContext) -> impl IntoView {
    let app = use_app();
    let h = run.signals.history;
    let diagram = Memo::new(move |_| app.editor.with(|e| e.diagram().clone()));
    let cache_theory = Memo::new(move |_| diagram.with(theory_view::cache_predictions));
    // The write rate, hence the predicted lag, follows the traffic profile: re-read at each
    // snapshot unless the profile is constant.
    let lag_time = Memo::new(move |_| {
        if diagram.with(|d| d.scenario.traffic == TrafficProfile::Constant) {
            0.0
        } else {
            run.signals
                .snapshot
                .with(|s| s.as_ref().map_or(0.0, |s| s.time_s))
        }
    });
    // Beside the simulated share of stale reads: re-worded at each snapshot.
    let lag_theory = Memo::new(move |_| {
        run.signals.snapshot.with(|snap| {
            diagram
                .with(|d| theory_view::replica_lag_predictions(d, lag_time.get(), snap.as_deref()))
        })
    });
    let web_theory = Signal::derive(move || {
        run.signals.snapshot.with(|s| match s {
            Some(s) => diagram.with(|d| theory_view::web_predictions(d, s.time_s, s)),
            None => Vec::new(),
        })
    });
    let throughput = Signal::derive(move || {
        h.with(|h| {
            let mut lines = vec![Line {
                name: "completed".into(),
                colour: 0,
                series: h.throughput.clone(),
            }];
            for (i, (reason, series)) in h.failure_rates().enumerate() {
                if series.max_value() > 0.0 {
                    lines.push(Line {
                        name: english::failure_legend(reason),
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
        h.with(|h| named_lines(h.replica_lag.values().chain(h.copy_lag.values())))
    });
    let queues = Signal::derive(move || {
        h.with(|h| {
            let mut lines = named_lines(h.queue_depth.values());
            let n = lines.len();
            lines.extend(h.instances.values().enumerate().map(|(i, n2)| Line {
                name: format!("{} instances", n2.label),
                colour: n + i,
                series: n2.series.clone(),
            }));
            lines
        })
    });
    let dcs = Signal::derive(move || h.with(|h| named_lines(h.dc_share.values())));
    let shard_ids = Memo::new(move |_| h.with(|h| h.shards.keys().copied().collect::<Vec<_>>()));

    view! {
        <div class="run-charts" data-testid="charts">
            <LineChart title="Throughput and errors" unit="req/s" testid="chart-throughput" lines=throughput/>
            <LineChart title="Latency (recent window)" unit="ms" testid="chart-latency" lines=latency theory=web_theory/>
            <LineChart title="Cache and CDN hit ratio" unit="%" testid="chart-hit-ratio" lines=hits
                theory=Signal::derive(move || cache_theory.get()) y_max=100.0/>
            <LineChart title="Replica lag, mean per write" unit="ms" testid="chart-replica-lag" lines=lag
                theory=Signal::derive(move || lag_theory.get())/>
            <LineChart title="Queue depth and instances" unit="count" testid="chart-queues" lines=queues/>
            <LineChart title="Traffic share per datacenter" unit="%" testid="chart-datacenters" lines=dcs y_max=100.0/>
            <For each=move || shard_ids.get() key=|id| *id let:id>
                <ShardHeatmap
                    label=h.with_untracked(|h| h.shards.get(&id).map(|s| s.label.clone()).unwrap_or_default())
                    rows=Signal::derive(move || h.with(|h| {
                        h.shards.get(&id).map(|s| s.rows.iter().cloned().collect()).unwrap_or_default()
                    }))
                />
            </For>
        </div>
    }
}

/// The run panel: everything about running the diagram, under the canvas.
#[component]
pub fn RunPanel() -> impl IntoView {
    let run = use_run().unwrap_or_else(provide_run_state);
    let s = run.signals;
    // Folded to the strip's height until a run starts (or the user opens it), so the canvas keeps
    // its room while editing.
    let expanded = RwSignal::new(false);
    Effect::new(move |_| {
        if s.status.get() == RunStatus::Running {
            expanded.set(true);
        }
    });
    view! {
        <footer
            class="metrics-strip run-panel"
            class:expanded=move || expanded.get()
            data-testid="metrics"
            aria-label="Run and metrics"
            data-status=move || s.status.get().as_str()
            data-sim-time=move || format!("{:.3}", s.sim_time_s.get())
            data-achieved-speed=move || format!("{:.3}", s.achieved_speed.get())
            data-frame-work-ms=move || format!("{:.3}", s.frame_work_ms.get())
            data-requests-per-wall-s=move || format!("{:.0}", s.requests_per_wall_s.get())
            data-events-per-wall-s=move || format!("{:.0}", s.events_per_wall_s.get())
        >
            <div class="run-panel-head">
                <RunToolbar run=run/>
                <button
                    class="run-btn run-expand"
                    data-testid="run-expand"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || if expanded.get() { "Hide details" } else { "Traffic, charts and faults" }}
                </button>
            </div>
            {move || {
                s.build_error.get().map(|e| match e {
                    // Nothing to run is where every diagram starts, not a mistake.
                    BuildError::NoUsers => view! {
                        <p class="run-hint run-start-hint" data-testid="run-hint">
                            "To run the design, add a Users component: it sends the traffic."
                        </p>
                    }
                    .into_any(),
                    e => view! {
                        <p class="run-error" data-testid="run-error" role="alert">
                            "This diagram cannot run yet: " {english::build_error(&e)}
                        </p>
                    }
                    .into_any(),
                })
            }}
            <Show when=move || expanded.get()>
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
            </Show>
        </footer>
    }
}
