//! Inline-SVG charts: a time-series line chart with axes, units, a legend, an optional theory
//! line and hover values, and a shard heatmap. No chart crate: the arithmetic (scales, ticks,
//! point lists, colours) lives in [`crate::present::series`], tested natively; these components
//! only draw. Every word is read in the current language when drawn (titles and units are
//! [`ChartText`] keys, legends arrive worded by the caller's signal), so a language switch
//! redraws the words and keeps the series.

use leptos::prelude::*;

use crate::decimal::shortest;
use crate::present::format::{duration_unit, format_count, format_tick, ms_or_s, number, seconds};
use crate::present::run_history::HEAT_ROWS;
use crate::present::series::{
    LinearScale, Series, count_ticks, heat_colour, line_path, nice_ticks,
};
use crate::present::text::run_charts::{self, ChartText};
use crate::ui::i18n::use_language;

/// Chart size in SVG user units (the SVG scales to its box).
const W: f64 = 300.0;
const H: f64 = 120.0;
const LEFT: f64 = 38.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 18.0;

/// Where a pointer event heard on a chart's SVG falls, in the chart's units (its viewBox, `W`
/// by `H`, stretched over the box); none while the chart has no size.
fn chart_point(ev: &web_sys::MouseEvent) -> Option<(f64, f64)> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = ev.current_target()?.unchecked_into();
    let (width, height) = (el.client_width() as f64, el.client_height() as f64);
    (width > 0.0 && height > 0.0).then(|| {
        (
            ev.offset_x() as f64 / width * W,
            ev.offset_y() as f64 / height * H,
        )
    })
}

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

/// A fault the run applied (scheduled or injected live), marked on every chart at its time so a
/// jump in a line can be read against its cause; the pointer near the mark words it.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultMark {
    /// Simulated seconds.
    pub time: f64,
    /// What happened, in the current language ("300 s: Fail Datacenter DC1 (US East)").
    pub text: String,
    /// `harm` (something taken away: a failure, a cut), `mend` (given back) or `change` (a
    /// slow-down, a flush, a deploy, a shard added): the mark's colour.
    pub tone: &'static str,
}

/// How near the pointer (in chart units, of [`W`]) a fault mark must be to be worded.
const MARK_REACH: f64 = 5.0;

/// A chart's note in place of its plot while the design lacks the part it charts.
#[derive(Clone, Copy)]
pub struct Lacking {
    /// Whether the design lacks the part now.
    pub part: Signal<bool>,
    /// What the note says.
    pub note: ChartText,
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
    /// The faults applied so far, marked where they fall.
    #[prop(into, optional)]
    faults: Signal<Vec<FaultMark>>,
    /// A fixed top for the y axis (100 for percentages); otherwise from the data.
    #[prop(optional)]
    y_max: Option<f64>,
    /// The part the chart is about, which the design may lack (then a note says so).
    #[prop(optional)]
    lacking: Option<Lacking>,
) -> impl IntoView {
    let lacks = move || lacking.is_some_and(|l| l.part.get());
    let hover_x = RwSignal::new(None::<f64>);
    let language = use_language();
    // Out of view, the chart keeps what it drew and reads no new samples (see `in_view`).
    let figure = NodeRef::<leptos::html::Figure>::new();
    let shown = crate::ui::in_view::in_view(figure);
    let geometry = crate::ui::erase::memo_while(shown, move || {
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
            None if unit == ChartText::UnitCount => count_ticks(vmax * 1.05, 3),
            None => nice_ticks(vmax * 1.05, 3),
        };
        let top = *ticks.last().unwrap_or(&1.0);
        let x = LinearScale::new((t0, t1.max(t0 + 1.0)), (LEFT, W - RIGHT));
        let y = LinearScale::new((0.0, top), (H - BOTTOM, TOP));
        (lines, theory, ticks, x, y)
    });

    let y_axis = crate::ui::erase::memo(move || geometry.with(|g| (g.2.clone(), g.4)));
    // A latency axis reaching a second or more counts in seconds ("10", not "10k" ms).
    let in_seconds = crate::ui::erase::memo(move || {
        unit == ChartText::UnitMs
            && y_axis.with(|(ticks, _)| ticks.last().is_some_and(|t| *t >= 1e3))
    });
    let theory_values = crate::ui::erase::memo(move || {
        geometry.with(|g| {
            g.1.iter()
                .filter(|th| th.line)
                .map(|th| th.value)
                .collect::<Vec<_>>()
        })
    });
    let theory_texts = crate::ui::erase::memo(move || {
        geometry.with(|g| g.1.iter().map(|th| th.text.clone()).collect::<Vec<_>>())
    });
    // One path and one legend item per line, keyed by its colour (unique within a chart).
    let colours = crate::ui::erase::memo(move || {
        geometry.with(|g| g.0.iter().map(|l| l.colour as u64).collect::<Vec<_>>())
    });

    // The marks inside the time axis, at their x; and those the pointer is near.
    let marks = crate::ui::erase::memo(move || {
        let faults = faults.get();
        // Without faults the memo does not follow the axis, which moves at every sample.
        if faults.is_empty() {
            return Vec::new();
        }
        geometry.with(|g| {
            let x = g.3;
            let (t0, t1) = x.domain;
            faults
                .into_iter()
                .filter(|m| m.time >= t0 && m.time <= t1)
                .map(|m| (x.map(m.time), m))
                .collect::<Vec<_>>()
        })
    });
    let marks_near = crate::ui::erase::memo(move || {
        let at = hover_x.get();
        marks.with(|marks| {
            at.map(|px| {
                marks
                    .iter()
                    .filter(|(mx, _)| (mx - px).abs() <= MARK_REACH)
                    .map(|(_, m)| m.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    });

    let on_move = move |ev: leptos::ev::MouseEvent| {
        if let Some((x, _)) = chart_point(&ev) {
            hover_x.set(Some(x));
        }
    };

    view! {
        // A chart of a part the design lacks shows its note in place of its plot and legend
        // (`web/run.css`): a class, not a second view, so the chart's code is compiled once.
        <figure class="run-chart" class:run-chart-lacking=lacks data-testid=testid node_ref=figure>
            <figcaption class="run-chart-title">
                {move || language.t(title)}" "<span class="run-chart-unit">
                    "("{move || if in_seconds.get() { duration_unit(language.get(), "s") } else { language.t(unit) }}")"
                </span>
            </figcaption>
            {lacking.map(|l| view! {
                <p class="run-chart-note" data-testid="chart-note">{move || language.t(l.note)}</p>
            })}
            <svg
                class="run-chart-svg"
                viewBox=format!("0 0 {} {}", shortest(W), shortest(H))
                preserveAspectRatio="none"
                on:mousemove=on_move
                on:mouseleave=move |_| hover_x.set(None)
            >
                // The y axis, its grid and the theory lines change only when the scale's top
                // does; the time labels and the lines change with every sample; the hover line
                // with the pointer. Each part redraws on its own.
                {move || {
                    let lang = language.get();
                    let (ticks, y) = y_axis.get();
                    let scale = if in_seconds.get() { 1e-3 } else { 1.0 };
                    ticks
                        .iter()
                        .map(|v| {
                            let py = y.map(*v);
                            view! {
                                <line class="run-grid" x1=shortest(LEFT) x2=shortest(W - RIGHT) y1=shortest(py) y2=shortest(py)></line>
                                <text class="run-axis-label" x=shortest(LEFT - 3.0) y=shortest(py + 3.0) text-anchor="end">
                                    {format_tick(lang, *v * scale)}
                                </text>
                            }
                        })
                        .collect_view()
                }}
                <line class="run-axis" x1=shortest(LEFT) x2=shortest(W - RIGHT) y1=shortest(H - BOTTOM) y2=shortest(H - BOTTOM)></line>
                <text class="run-axis-label" x=shortest(LEFT) y=shortest(H - 5.0)>
                    {move || seconds(language.get(), geometry.with(|g| g.3.domain.0), 0)}
                </text>
                <text class="run-axis-label" x=shortest(W - RIGHT) y=shortest(H - 5.0) text-anchor="end">
                    {move || seconds(language.get(), geometry.with(|g| g.3.domain.1), 0)}
                </text>
                {move || {
                    let (_, y) = y_axis.get();
                    theory_values
                        .get()
                        .into_iter()
                        .map(|v| {
                            let py = y.map(v);
                            view! { <line class="run-theory" x1=shortest(LEFT) x2=shortest(W - RIGHT) y1=shortest(py) y2=shortest(py)></line> }
                        })
                        .collect_view()
                }}
                {move || {
                    marks
                        .get()
                        .into_iter()
                        .map(|(px, m)| {
                            view! {
                                <line class=format!("run-fault run-fault-{}", m.tone) data-testid="fault-mark" data-time=shortest(m.time)
                                    x1=shortest(px) x2=shortest(px) y1=shortest(TOP) y2=shortest(H - BOTTOM)></line>
                            }
                        })
                        .collect_view()
                }}
                {crate::ui::erase::keyed(move || colours.get(), move |colour| {
                    let colour = colour as usize;
                    view! {
                    <path
                        class=format!("run-line line-{}", colour % 8)
                        d=move || {
                            geometry.with(|(lines, _, _, x, y)| {
                                lines
                                    .iter()
                                    .find(|l| l.colour == colour)
                                    .map(|l| line_path(l.series.points(), x, y))
                                    .unwrap_or_default()
                            })
                        }
                    ></path>
                }
                    .into_any()
                })}
                {move || {
                    hover_x
                        .get()
                        .filter(|px| *px >= LEFT && *px <= W - RIGHT)
                        .map(|px| {
                            view! { <line class="run-hover" x1=shortest(px) x2=shortest(px) y1=shortest(TOP) y2=shortest(H - BOTTOM)></line> }
                        })
                }}
            </svg>
            <ul class="run-legend">
                // Keyed by colour: a sample rewrites each value's text, not the items.
                {crate::ui::erase::keyed(move || colours.get(), move |colour| {
                    let colour = colour as usize;
                    view! {
                    <li class="run-legend-item">
                        <span class=format!("run-swatch line-{}", colour % 8)></span>
                        <span class="run-legend-name">
                            {move || geometry.with(|g| g.0.iter().find(|l| l.colour == colour).map(|l| l.name.clone()))}
                        </span>
                        <span class="run-legend-value" data-testid="legend-value">
                            {move || {
                                let at = hover_x.get();
                                let lang = language.get();
                                geometry.with(|(lines, _, _, x, _)| {
                                    let at = at.map(|px| x.invert(px));
                                    let series = &lines.iter().find(|l| l.colour == colour)?.series;
                                    // A gap (nothing measured then) has no figure.
                                    let value = match at {
                                        Some(t) => series.nearest(t),
                                        None => series.last(),
                                    }
                                    .filter(|(_, v)| !v.is_nan());
                                    Some(value.map_or_else(
                                        || "–".to_string(),
                                        |(t, v)| {
                                            // A latency of a second or more reads in seconds
                                            // ("9.10 s", not "9.1k ms"), as the badges say it.
                                            let (v, unit) = match unit {
                                                ChartText::UnitMs => {
                                                    let (v, unit) = ms_or_s(v);
                                                    (number(lang, v), duration_unit(lang, unit))
                                                }
                                                // Jobs waiting and servers running are whole.
                                                ChartText::UnitCount => (
                                                    format_count(lang, v.round().max(0.0) as u64),
                                                    language.t(unit),
                                                ),
                                                _ => (number(lang, v), language.t(unit)),
                                            };
                                            match at {
                                                Some(_) => run_charts::value_at(lang, &v, unit, t),
                                                None => run_charts::value_with_unit(lang, &v, unit),
                                            }
                                        },
                                    ))
                                })
                            }}
                        </span>
                    </li>
                }
                    .into_any()
                })}
                {move || {
                    marks_near
                        .get()
                        .into_iter()
                        .map(|m| {
                            view! {
                                <li class="run-legend-item run-legend-fault" data-testid="fault-mark-note">
                                    <span class=format!("run-swatch run-swatch-fault run-fault-{}", m.tone)></span>
                                    {m.text}
                                </li>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    theory_texts
                        .get()
                        .into_iter()
                        .map(|text| {
                            view! {
                                <li class="run-legend-item run-legend-theory" data-testid="theory">
                                    <span class="run-swatch run-swatch-theory"></span>
                                    {text}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </figure>
    }
}

/// What a column slot of the heatmap shows: the run's row number, its time and the load of each
/// shard, or nothing.
type HeatColumn = Option<(u64, f64, Vec<u64>)>;

/// Per-interval load of every shard over time: one column per sample, one row per shard,
/// coloured by load relative to the hottest cell, and below it a line reading out the cell under
/// the pointer (or the one last tapped on a touch screen), else the hottest shard of the newest
/// column. The chart's cells are made once (a group for each of the [`HEAT_ROWS`] column slots,
/// a cell for each shard in it) and recycled: the run's row `r` is drawn by slot
/// `r % HEAT_ROWS`, moved to x = `r` in units of one column by one shard, scaled into the chart
/// by the outer group, which moves with every sample. A new sample moves one slot and recolours
/// its cells and adds no elements, however fast the run; the other cells keep theirs (only a
/// colour follows the hottest cell).
#[component]
pub fn ShardHeatmap(
    /// The database's label.
    #[prop(into)]
    label: String,
    /// The run's number of the first row shown (`ShardHeat::dropped`).
    #[prop(into)]
    first: Signal<u64>,
    /// (time, requests per shard) rows, oldest first (at most [`HEAT_ROWS`]).
    #[prop(into)]
    rows: Signal<Vec<(f64, Vec<u64>)>>,
) -> impl IntoView {
    let language = use_language();
    // Out of view, the heatmap keeps what it drew and reads no new rows (see `in_view`).
    let figure = NodeRef::<leptos::html::Figure>::new();
    let shown = crate::ui::in_view::in_view(figure);
    // Read once per change: the caller's signal may work the rows out at every read, and the
    // slots, the shape and the readout below all read them.
    let rows = crate::ui::erase::memo_while(shown, move || rows.get());
    let first = crate::ui::erase::memo_while(shown, move || first.get());
    // Columns shown, shards and the hottest cell.
    let shape = crate::ui::erase::memo(move || {
        rows.with(|rows| {
            let shards = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
            let max = rows.iter().flat_map(|r| r.1.iter()).copied().max();
            (rows.len(), shards, max.unwrap_or(1).max(1))
        })
    });
    let shards = crate::ui::erase::memo(move || shape.with(|s| s.1));
    let max = crate::ui::erase::memo(move || shape.with(|s| s.2));
    // What each column slot shows, or nothing before the window has filled. The window's row
    // `i` is the run's row `first + i`.
    let slots: std::sync::Arc<[Memo<HeatColumn>]> = (0..HEAT_ROWS)
        .map(|k| {
            crate::ui::erase::memo(move || {
                let first = first.get();
                let i = (k + HEAT_ROWS - (first % HEAT_ROWS as u64) as usize) % HEAT_ROWS;
                rows.with(|rows| {
                    rows.get(i)
                        .map(|(t, loads)| (first + i as u64, *t, loads.clone()))
                })
            })
        })
        .collect();
    // The cell under the pointer, or the one last tapped: (column shown, counted from the
    // oldest; shard).
    let hover = RwSignal::new(None::<(usize, usize)>);
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some((x, y)) = chart_point(&ev) else {
            return;
        };
        let (n, shards, _) = shape.get_untracked();
        let column = ((x - LEFT) / (W - LEFT - RIGHT) * n as f64).floor();
        let shard = ((y - TOP) / (H - TOP - BOTTOM) * shards as f64).floor();
        let inside = |v: f64, n: usize| v >= 0.0 && v < n as f64;
        hover.set(
            (inside(column, n) && inside(shard, shards))
                .then_some((column as usize, shard as usize)),
        );
    };
    let readout = move || {
        let lang = language.get();
        rows.with(|rows| {
            let (t, loads, shard) = match hover.get() {
                Some((column, shard)) => {
                    let (t, loads) = rows.get(column)?;
                    (t, loads, shard)
                }
                None => {
                    let (t, loads) = rows.last()?;
                    let hottest = (0..loads.len()).max_by_key(|&s| (loads[s], usize::MAX - s))?;
                    (t, loads, hottest)
                }
            };
            Some(run_charts::shard_cell(lang, shard, *t, *loads.get(shard)?))
        })
        .unwrap_or_default()
    };
    let place = move || {
        let (n, shards, _) = shape.get();
        let cw = (W - LEFT - RIGHT) / n.max(1) as f64;
        let ch = (H - TOP - BOTTOM) / shards.max(1) as f64;
        format!(
            "translate({} {}) scale({} {}) translate({} 0)",
            shortest(LEFT),
            shortest(TOP),
            shortest(cw),
            shortest(ch),
            shortest(-(first.get() as f64))
        )
    };
    view! {
        <figure class="run-chart run-heatmap" data-testid="shard-heatmap" node_ref=figure>
            <figcaption class="run-chart-title">
                {move || run_charts::shard_load(language.get(), &label)}
                " "
                <span class="run-chart-unit">{move || language.t(ChartText::HeatUnit)}</span>
            </figcaption>
            <svg
                class="run-chart-svg"
                viewBox=format!("0 0 {} {}", shortest(W), shortest(H))
                preserveAspectRatio="none"
                on:pointermove=on_move
                on:pointerdown=on_move
                // A finger lifted leaves the cell it tapped read out.
                on:pointerleave=move |ev| {
                    if ev.pointer_type() != "touch" {
                        hover.set(None);
                    }
                }
            >
                <g transform=place>
                    {move || {
                        let shards = shards.get();
                        slots
                            .iter()
                            .map(|&slot| {
                                view! {
                                    <g
                                        transform=move || {
                                            slot.with(|o| o.as_ref().map(|o| format!("translate({} 0)", o.0)))
                                        }
                                        visibility=move || if slot.with(Option::is_some) { "visible" } else { "hidden" }
                                    >
                                        {(0..shards)
                                            .map(|s| {
                                                // A row with fewer shards (their number changed
                                                // during the run) leaves the rest unfilled.
                                                let fill = move || {
                                                    slot.with(|o| match o.as_ref().and_then(|o| o.2.get(s)) {
                                                        Some(&v) => heat_colour(v as f64 / max.get() as f64),
                                                        None => "none".to_string(),
                                                    })
                                                };
                                                view! { <rect y=s width="1.02" height="0.96" fill=fill></rect> }
                                            })
                                            .collect_view()}
                                    </g>
                                }
                            })
                            .collect_view()
                    }}
                    // The cell read out below, outlined.
                    {move || {
                        hover
                            .get()
                            .map(|(column, shard)| {
                                view! {
                                    <rect
                                        class="run-heat-pick"
                                        x=move || first.get() + column as u64
                                        y=shard
                                        width="1"
                                        height="0.96"
                                    ></rect>
                                }
                            })
                    }}
                </g>
                {move || {
                    let shards = shards.get();
                    let ch = (H - TOP - BOTTOM) / shards.max(1) as f64;
                    (0..shards)
                        .map(|s| {
                            view! {
                                <text class="run-axis-label" x=shortest(LEFT - 3.0) y=shortest(TOP + (s as f64 + 0.7) * ch) text-anchor="end">
                                    {format!("#{s}")}
                                </text>
                            }
                        })
                        .collect_view()
                }}
            </svg>
            <p class="run-heat-readout" data-testid="heat-readout">{readout}</p>
        </figure>
    }
}
