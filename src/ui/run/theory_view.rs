//! Which closed-form prediction applies to which component of the diagram, worded for the
//! charts ("Che (LRU) predicts 43.7 % for Cache (DC1)") in the language asked for (the
//! sentences are [`crate::present::text::run_charts`]'s, the figures' words `say`'s). The formulas are in
//! [`crate::sim::theory`] and their inputs come from the diagram alone through
//! [`crate::sim::predict`] (natively tested): a theory line is never fed by the run it is drawn
//! beside. The latest snapshot only supplies the simulated figure quoted next to it.

use leptos::prelude::*;

use crate::model::{ComponentId, Diagram, TrafficProfile};
use crate::present::format::{format_percent, number};
use crate::present::lang::Lang;
use crate::present::readout::{CacheModel, StaleReadChance, WebTheory};
use crate::present::say;
use crate::present::text::run_charts;
use crate::sim::MetricsSnapshot;
use crate::sim::predict;

use super::charts::TheoryLine;
use super::sim_loop::RunSignals;

/// The predictions quoted beside a run, by the charts and by the inspector's live rows alike:
/// from the document as the simulation reads it (a drag recomputes none), at the time the
/// traffic profile is read at, which is the latest snapshot's only when the profile is not
/// constant. So they (Che's approximation among them, milliseconds of work) are computed once
/// per edit, or per snapshot where the profile moves the rates, for everyone who shows them;
/// each snapshot only words them again.
#[derive(Clone, Copy)]
pub struct Predictions {
    pub web: Memo<Vec<predict::WebTierPrediction>>,
    pub lag: Memo<LagPredictions>,
    /// Whether the traffic profile moves the rates during the run (it is not constant): then
    /// the predictions are for the rate of the moment.
    pub moving: Memo<bool>,
}

impl Predictions {
    pub fn new(signals: RunSignals) -> Predictions {
        let diagram = signals.diagram;
        let moving = crate::ui::erase::memo(move || {
            diagram.with(|d| d.scenario.traffic != TrafficProfile::Constant)
        });
        let profile_time = crate::ui::erase::memo(move || {
            if moving.get() {
                signals
                    .snapshot
                    .with(|s| s.as_ref().map_or(0.0, |s| s.time_s))
            } else {
                0.0
            }
        });
        Predictions {
            web: crate::ui::erase::memo(move || {
                let t = profile_time.get();
                diagram.with(|d| predict::web_tier_predictions(d, t))
            }),
            lag: crate::ui::erase::memo(move || {
                let t = profile_time.get();
                diagram.with(|d| LagPredictions::of(d, t))
            }),
            moving,
        }
    }
}

/// The hit ratio (percent) theory predicts for one cache or CDN, as the charts show it, and
/// the model: for the inspector. From the diagram alone, at the start of the run.
pub fn cache_prediction(d: &Diagram, id: ComponentId) -> Option<(f64, CacheModel)> {
    predict::cache_predictions(d, 0.0)
        .into_iter()
        .find(|p| p.cache == id)
        .map(|p| (p.theory.hit_ratio * 100.0, CacheModel::of(&p)))
}

/// Hit-ratio predictions (percent) for every cache and CDN, by each cache's eviction policy and
/// TTL ([`predict::cache_predictions`], at the rate the run starts with). Depends on the
/// diagram only, so it is computed once per edit.
pub fn cache_predictions(lang: Lang, d: &Diagram) -> Vec<TheoryLine> {
    let label = |id: ComponentId| d.component(id).map_or(String::new(), |c| c.label.clone());
    // Identical predictions (one cache per datacenter, say) are drawn once, naming them all.
    let mut merged: Vec<(f64, CacheModel, Vec<String>)> = Vec::new();
    for p in predict::cache_predictions(d, 0.0) {
        let value = p.theory.hit_ratio * 100.0;
        let what = CacheModel::of(&p);
        match merged
            .iter_mut()
            .find(|m| (m.0 - value).abs() < 1e-9 && m.1 == what)
        {
            Some(m) => m.2.push(label(p.cache)),
            None => merged.push((value, what, vec![label(p.cache)])),
        }
    }
    merged
        .into_iter()
        .map(|(value, what, labels)| TheoryLine {
            value,
            text: run_charts::cache_for(
                lang,
                &say::cache_prediction(lang, what, value),
                &labels.join(", "),
            ),
            line: true,
        })
        .collect()
}

/// Queueing predictions for every web tier, from the diagram alone
/// (`predictions`: [`predict::web_tier_predictions`] at some time into the run), beside each
/// tier's simulated mean time in `snap`: M/M/c per instance, Allen-Cunneen where arrivals or
/// service are not exponential, one pooled queue (a lower bound) behind least connections,
/// each said as such; a tier offered more than it can serve is overloaded (its queue grows
/// without bound), with no figure.
pub fn web_predictions(
    lang: Lang,
    predictions: &[predict::WebTierPrediction],
    snap: &MetricsSnapshot,
    moving: bool,
) -> Vec<TheoryLine> {
    let mut out = Vec::new();
    // Under a traffic profile that moves, the prediction is for the rate of the moment, so the
    // simulated time beside it is the last window's, not an average over lighter or heavier
    // loads since the start.
    let window_s = moving.then(|| snap.overall.window_s.round() as u32);
    for p in predictions {
        if p.arrival_rps <= 0.0 {
            continue;
        }
        let simulated = snap
            .components
            .iter()
            .find(|m| m.id == p.web.0)
            .and_then(|m| crate::present::readout::time_beside_theory(m, moving));
        let text = run_charts::web_line(
            lang,
            &p.label,
            &say::web_theory(lang, &WebTheory::of(p)),
            &number(lang, p.arrival_rps),
            p.instances,
            p.threads_per_instance,
            p.service_ms,
            simulated,
            window_s,
            p.cdn_misses_estimated,
            p.autoscaled,
        );
        out.push(TheoryLine {
            value: 0.0,
            text,
            line: false,
        });
    }
    out
}

/// A database a lag prediction covers: its name, id and whether the figure is its
/// cross-region copy's.
type Covered = (String, ComponentId, bool);

/// What theory says of replica lag in a diagram at one time into the run (the traffic profile
/// sets the write rate then): each replicated database's own replicas, and each cross-region
/// copy. From the diagram alone; the run view computes it once per edit, or once per snapshot
/// where the profile moves the rates, and words it at every snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LagPredictions {
    pub local: Vec<predict::ReplicaLagPrediction>,
    pub copies: Vec<predict::ReplicaLagPrediction>,
}

impl LagPredictions {
    pub fn of(d: &Diagram, t_s: f64) -> Self {
        LagPredictions {
            local: predict::replica_lag_predictions(d, t_s),
            copies: predict::copy_lag_predictions(d, t_s),
        }
    }
}

/// Replica-lag predictions for every replicated database (`predictions`): the M/M/1 apply
/// queue's mean lag, drawn as a line to compare with each database's simulated mean lag per
/// write, with the chance that a read soon after a write is stale and, where theory has it, the
/// share of stale replica reads beside the simulated share in `snap`; or, when writes outrun a
/// replica's apply thread, how fast the lag grows (no line: there is no steady value).
pub fn replica_lag_predictions(
    lang: Lang,
    predictions: &LagPredictions,
    snap: Option<&MetricsSnapshot>,
) -> Vec<TheoryLine> {
    let fmt = |v: f64| number(lang, v);
    // Identical predictions (one database per datacenter, say) are worded once, naming them all.
    // Copies in other datacenters are named as such (`say::cross_region`): their lag is the
    // copy's, not its own replicas'.
    let mut merged: Vec<(&predict::ReplicaLagPrediction, Vec<Covered>)> = Vec::new();
    let local = predictions.local.iter().map(|p| (p, false));
    let copies = predictions.copies.iter().map(|p| (p, true));
    for (p, copy) in local.chain(copies) {
        let same = |q: &predict::ReplicaLagPrediction| {
            (q.write_rps - p.write_rps).abs() < 1e-6
                && q.apply_rps == p.apply_rps
                && q.network_delay_ms == p.network_delay_ms
                && q.sync == p.sync
                && q.stale_read_share == p.stale_read_share
        };
        let label = if copy {
            say::cross_region(lang, &p.label)
        } else {
            p.label.clone()
        };
        match merged.iter_mut().find(|m| same(m.0) && m.1[0].2 == copy) {
            Some(m) => m.1.push((label, p.database, copy)),
            None => {
                let named = (label, p.database, copy);
                merged.push((p, vec![named]));
            }
        }
    }
    // The simulated share of stale replica reads of each database, once it has some.
    let simulated = |id: ComponentId, copy: bool| {
        let m = snap?.components.iter().find(|m| m.id == id.0)?;
        let (stale, reads) = match &m.region_copy {
            Some(r) if copy => (Some(r.stale_reads), Some(r.reads)),
            _ => (m.stale_reads, m.replica_reads),
        };
        match (stale, reads) {
            (Some(stale), Some(reads)) if reads > 0 => Some(stale as f64 / reads as f64),
            _ => None,
        }
    };
    merged
        .into_iter()
        .map(|(p, named)| {
            let names = named
                .iter()
                .map(|n| n.0.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let measured = named
                .iter()
                .filter_map(|(label, id, copy)| {
                    simulated(*id, *copy).map(|s| format!("{label} {}", format_percent(lang, s)))
                })
                .collect::<Vec<_>>();
            let measured = measured.join(", ");
            let words = StaleReadChance::of(p).map(|c| say::read_back(lang, &c));
            let share = p.stale_read_share.map(|s| format_percent(lang, s));
            let stale = run_charts::stale_note(lang, words.as_deref(), share.as_deref(), &measured);
            let rates = run_charts::lag_rates(
                lang,
                &fmt(p.write_rps),
                &fmt(p.apply_rps),
                &fmt(p.network_delay_ms),
            );
            match (p.mean_lag_ms, p.lag_growth_s_per_s()) {
                (Some(mean), _) if p.sync => TheoryLine {
                    value: mean,
                    text: run_charts::lag_sync(lang, mean, &names, &rates),
                    line: true,
                },
                (Some(mean), _) => TheoryLine {
                    value: mean,
                    text: run_charts::lag_async(lang, mean, &names, &rates, &stale),
                    line: true,
                },
                (None, Some(growth)) => TheoryLine {
                    value: 0.0,
                    text: run_charts::lag_growing(
                        lang,
                        &names,
                        &fmt(p.write_rps),
                        &fmt(p.apply_rps),
                        growth,
                    ),
                    line: false,
                },
                (None, None) => TheoryLine {
                    value: 0.0,
                    text: run_charts::lag_none(lang, &names),
                    line: false,
                },
            }
        })
        .collect()
}
