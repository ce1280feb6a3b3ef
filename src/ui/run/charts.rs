//! Inline-SVG charts: a time-series line chart with axes, units, a legend, an optional theory
//! line and hover values, and a shard heatmap. No chart crate: the arithmetic (scales, ticks,
//! point lists, colours) lives in [`crate::present::series`], tested natively; these components
//! only draw. Every word is read in the current language when drawn (titles and units are
//! [`ChartText`] keys, legends arrive worded by the caller's signal), so a language switch
//! redraws the words and keeps the series.

use leptos::prelude::*;

use crate::present::format::format_value;
use crate::present::series::{LinearScale, Series, heat_colour, nice_ticks, polyline_points};
use crate::present::text::run_charts::{self, ChartText};
use crate::ui::i18n::use_language;

/// Chart size in SVG user units (the SVG scales to its box).
const W: f64 = 300.0;
const H: f64 = 120.0;
const LEFT: f64 = 38.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 18.0;

/// One line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Legend name, in the current language (the caller's signal re-words it on a switch).
    pub name: String,
    /// Colour index into the palette (`line-0` .. `line-7` CSS classes).
    pub colour: usize,
    pub series: Series,
}

/// A theory value drawn as a dashed line, with its sentence ("Che predicts 43.7 %").
#[derive(Clone, Debug, PartialEq)]
pub struct TheoryLine {
    pub value: f64,
    pub text: String,
    /// Whether to draw it as a dashed line (false: legend text only).
    pub line: bool,
}

/// A time-series chart.
#[component]
pub fn LineChart(
    /// The chart's title.
    title: ChartText,
    /// The unit of the y axis ("req/s", "ms", "%").
    unit: ChartText,
    /// A test id for the chart's box.
    #[prop(into)]
    testid: String,
    /// The lines to draw.
    #[prop(into)]
    lines: Signal<Vec<Line>>,
    /// Theory values to draw beside the simulated lines.
    #[prop(into, optional)]
    theory: Signal<Vec<TheoryLine>>,
    /// A fixed top for the y axis (100 for percentages); otherwise from the data.
    #[prop(optional)]
    y_max: Option<f64>,
) -> impl IntoView {
    let hover_x = RwSignal::new(None::<f64>);
    let language = use_language();
    let geometry = Memo::new(move |_| {
        let lines = lines.get();
        let theory = theory.get();
        let mut t0 = f64::INFINITY;
        let mut t1 = f64::NEG_INFINITY;
        let mut vmax: f64 = 0.0;
        for l in &lines {
            if let Some((a, b)) = l.series.time_range() {
                t0 = t0.min(a);
                t1 = t1.max(b);
            }
            vmax = vmax.max(l.series.max_value());
        }
        for th in theory.iter().filter(|th| th.line) {
            vmax = vmax.max(th.value);
        }
        if !t0.is_finite() {
            t0 = 0.0;
            t1 = 1.0;
        }
        let ticks = match y_max {
            Some(m) => nice_ticks(m, 4),
            None => nice_ticks(vmax * 1.05, 3),
        };
        let top = *ticks.last().unwrap_or(&1.0);
        let x = LinearScale::new((t0, t1.max(t0 + 1.0)), (LEFT, W - RIGHT));
        let y = LinearScale::new((0.0, top), (H - BOTTOM, TOP));
        (lines, theory, ticks, x, y)
    });

    let on_move = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.current_target() else {
            return;
        };
        use wasm_bindgen::JsCast;
        let el: web_sys::Element = target.unchecked_into();
        let width = el.client_width() as f64;
        if width > 0.0 {
            hover_x.set(Some(ev.offset_x() as f64 / width * W));
        }
    };

    view! {
        <figure class="run-chart" data-testid=testid>
            <figcaption class="run-chart-title">
                {move || language.t(title)}" "<span class="run-chart-unit">"("{move || language.t(unit)}")"</span>
            </figcaption>
            <svg
                class="run-chart-svg"
                viewBox=format!("0 0 {W} {H}")
                preserveAspectRatio="none"
                on:mousemove=on_move
                on:mouseleave=move |_| hover_x.set(None)
            >
                {move || {
                    let (lines, theory, ticks, x, y) = geometry.get();
                    let grid = ticks
                        .iter()
                        .map(|v| {
                            let py = y.map(*v);
                            view! {
                                <line class="run-grid" x1=LEFT x2=W - RIGHT y1=py y2=py></line>
                                <text class="run-axis-label" x=LEFT - 3.0 y=py + 3.0 text-anchor="end">
                                    {format_value(*v)}
                                </text>
                            }
                        })
                        .collect_view();
                    let (d0, d1) = x.domain;
                    let axis = view! {
                        <line class="run-axis" x1=LEFT x2=W - RIGHT y1=H - BOTTOM y2=H - BOTTOM></line>
                        <text class="run-axis-label" x=LEFT y=H - 5.0>{format!("{d0:.0} s")}</text>
                        <text class="run-axis-label" x=W - RIGHT y=H - 5.0 text-anchor="end">
                            {format!("{d1:.0} s")}
                        </text>
                    };
                    let theory_lines = theory
                        .iter()
                        .filter(|th| th.line)
                        .map(|th| {
                            let py = y.map(th.value);
                            view! {
                                <line class="run-theory" x1=LEFT x2=W - RIGHT y1=py y2=py></line>
                            }
                        })
                        .collect_view();
                    let paths = lines
                        .iter()
                        .map(|l| {
                            view! {
                                <polyline
                                    class=format!("run-line line-{}", l.colour % 8)
                                    points=polyline_points(l.series.points(), &x, &y)
                                ></polyline>
                            }
                        })
                        .collect_view();
                    let hover = hover_x
                        .get()
                        .filter(|px| *px >= LEFT && *px <= W - RIGHT)
                        .map(|px| {
                            view! { <line class="run-hover" x1=px x2=px y1=TOP y2=H - BOTTOM></line> }
                        });
                    view! {
                        {grid}
                        {axis}
                        {theory_lines}
                        {paths}
                        {hover}
                    }
                }}
            </svg>
            <ul class="run-legend">
                {move || {
                    let (lines, theory, _, x, _) = geometry.get();
                    let at = hover_x.get().map(|px| x.invert(px));
                    let lang = language.get();
                    let unit = language.t(unit);
                    let items = lines
                        .into_iter()
                        .map(|l| {
                            let value = match at {
                                Some(t) => l.series.nearest(t),
                                None => l.series.last(),
                            };
                            let text = value
                                .map(|(t, v)| {
                                    if at.is_some() {
                                        run_charts::value_at(lang, &format_value(v), unit, t)
                                    } else {
                                        format!("{} {}", format_value(v), unit)
                                    }
                                })
                                .unwrap_or_else(|| "–".to_string());
                            view! {
                                <li class="run-legend-item">
                                    <span class=format!("run-swatch line-{}", l.colour % 8)></span>
                                    <span class="run-legend-name">{l.name}</span>
                                    <span class="run-legend-value" data-testid="legend-value">{text}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    let theory_items = theory
                        .into_iter()
                        .map(|th| {
                            view! {
                                <li class="run-legend-item run-legend-theory" data-testid="theory">
                                    <span class="run-swatch run-swatch-theory"></span>
                                    {th.text}
                                </li>
                            }
                        })
                        .collect_view();
                    view! { {items} {theory_items} }
                }}
            </ul>
        </figure>
    }
}

/// Per-interval load of every shard over time: one column per snapshot, one row per shard,
/// coloured by load relative to the hottest cell.
#[component]
pub fn ShardHeatmap(
    /// The database's label.
    #[prop(into)]
    label: String,
    /// (time, requests per shard) rows, oldest first.
    #[prop(into)]
    rows: Signal<Vec<(f64, Vec<u64>)>>,
) -> impl IntoView {
    let language = use_language();
    view! {
        <figure class="run-chart run-heatmap" data-testid="shard-heatmap">
            <figcaption class="run-chart-title">
                {move || run_charts::shard_load(language.get(), &label)}
                " "
                <span class="run-chart-unit">{move || language.t(ChartText::HeatUnit)}</span>
            </figcaption>
            <svg class="run-chart-svg" viewBox=format!("0 0 {W} {H}") preserveAspectRatio="none">
                {move || {
                    let rows = rows.get();
                    let lang = language.get();
                    let shards = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
                    if rows.is_empty() || shards == 0 {
                        return ().into_any();
                    }
                    let max = rows.iter().flat_map(|r| r.1.iter()).copied().max().unwrap_or(1).max(1);
                    let cw = (W - LEFT - RIGHT) / rows.len() as f64;
                    let ch = (H - TOP - BOTTOM) / shards as f64;
                    let cells = rows
                        .iter()
                        .enumerate()
                        .flat_map(|(i, (t, loads))| {
                            loads.iter().enumerate().map(move |(s, v)| (i, *t, s, *v))
                        })
                        .map(|(i, t, s, v)| {
                            let level = v as f64 / max as f64;
                            view! {
                                <rect
                                    x=LEFT + i as f64 * cw
                                    y=TOP + s as f64 * ch
                                    width=cw + 0.3
                                    height=ch - 0.5
                                    fill=heat_colour(level)
                                >
                                    <title>{run_charts::shard_cell(lang, s, t, v)}</title>
                                </rect>
                            }
                        })
                        .collect_view();
                    let labels = (0..shards)
                        .map(|s| {
                            view! {
                                <text class="run-axis-label" x=LEFT - 3.0 y=TOP + (s as f64 + 0.7) * ch text-anchor="end">
                                    {format!("#{s}")}
                                </text>
                            }
                        })
                        .collect_view();
                    view! { {cells} {labels} }.into_any()
                }}
            </svg>
        </figure>
    }
}
