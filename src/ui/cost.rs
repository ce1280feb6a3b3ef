//! The cost badge: what the whole design costs an hour, in US dollars (`model::cost`).
//!
//! While a run's figures are on screen (under way, paused or ended) it shows the latest
//! snapshot's total (an autoscaled tier costs the instances running then, request-priced parts
//! the requests of the last window), as the cards and a lesson's cost objective do; otherwise
//! the diagram's cost as drawn (`sim::predict::design_cost` at the start of a run). The figure and
//! its tooltip are worded through `present::say`; this file holds no words.

use leptos::prelude::*;

use crate::model::{Diagram, Point, Rect};
use crate::present::say::{self, CostBasis};
use crate::sim::predict::design_cost;
use crate::ui::i18n::use_language;
use crate::ui::run::{RunStatus, use_run};
use crate::ui::state::use_app;

/// The whole design's dollars per hour: the run's while its figures are on screen, from the
/// diagram otherwise.
#[component]
pub fn CostBadge() -> impl IntoView {
    let app = use_app();
    let lang = use_language();
    let run = use_run();
    // Priced again only when something a price depends on changes, not at every step of a
    // drag (the editor's signal changes then too): the diagram without where its cards and
    // datacenters sit on the canvas.
    let priced = crate::ui::erase::memo(move || {
        app.editor.with(|e| {
            let mut d: Diagram = e.diagram().clone();
            for c in &mut d.components {
                c.pos = Point::default();
            }
            for g in &mut d.groups {
                g.bounds = Rect::default();
            }
            d
        })
    });
    let drawn =
        crate::ui::erase::memo(move || priced.with(|d| design_cost(d, 0.0).total_usd_per_hour));
    // The run's total while its figures are on screen (under way, paused or ended), else
    // `None`: the badge then agrees with the cards and the lesson's objectives.
    let live = crate::ui::erase::memo(move || {
        let run = run?;
        let basis = match run.signals.status.get() {
            RunStatus::Running | RunStatus::Paused => CostBasis::Now,
            RunStatus::Finished => CostBasis::RunEnd,
            _ => return None,
        };
        run.signals
            .snapshot
            .with(|s| s.as_ref().map(|s| (basis, s.overall.cost_per_hour_usd)))
    });
    let usd = move || live.get().map_or_else(|| drawn.get(), |(_, usd)| usd);
    let basis = move || live.get().map_or(CostBasis::Drawn, |(basis, _)| basis);
    view! {
        <span
            class="cost-badge"
            class:cost-badge-live=move || live.get().is_some()
            data-testid="cost-badge"
            data-basis=move || match basis() {
                CostBasis::Drawn => "drawn",
                CostBasis::Now => "now",
                CostBasis::RunEnd => "run-end",
            }
            title=move || say::design_cost_title(lang.get(), basis())
        >
            {move || say::cost_per_hour(lang.get(), usd())}
        </span>
    }
}
