//! `RunOverlay`: live figures drawn over the canvas while a run has a snapshot.
//!
//! An SVG `<g>` meant to sit INSIDE the canvas's world group (after the cards and wires), so
//! the canvas's camera transform applies to it: every position here is in world units, from the
//! editor's pure layout functions (`card_bounds`, `out_port_position`, `in_port_position`).
//!
//! Per component: a badge above its card (up / down), requests per second, a utilisation bar
//! coloured green to red (zoomed far out, where its words would be unreadable, the card's
//! outline in that colour, dashed red when down, instead, and above the card its traffic and
//! the figure its kind is watched by, as many as the room above holds), the waiting line, errors, the hit ratio of caches and CDNs, the lag of
//! replicated databases, instances draining after a scale-in, and one load bar per shard. Per
//! datacenter: up or down, and whether DNS still sends users there. Per wire: animated dashes
//! along the wire's own route (`editor::routing`, the path the canvas draws) whose speed
//! follows the flow into the wire's target (its throughput shared among its incoming wires:
//! the simulation does not count per-wire traffic) and whose colour says whether the target is
//! failing requests; and, on the wire under the pointer, a label with the requests per second
//! reaching its target over the last window ([`WINDOW_S`] s): the wire's own rate when it is
//! the target's only way in, else the target's total over all its wires, said as such, never a
//! made-up share. Draws nothing when there is no run, and ignores pointer events. The
//! figures' words are [`crate::present::text::run`]'s in the current language: a switch
//! re-lays the texts out from the same snapshot. The badges and the flows are worked out once
//! per snapshot, each for the layer that draws it; the wires' routes once per edit.

use crate::decimal::{Fixed, Within, shortest, shortest_of};
use leptos::prelude::*;

use crate::editor::Editor;
use crate::editor::layout::{
    CARD_HEIGHT, FAR_FIGURE_GAP, FAR_LINE_EM, HitTarget, card_bounds, far_figure_lines, far_font,
    group_bounds, group_title_shown, in_port_position, is_wide, out_port_position, room_above,
};
use crate::model::{Diagram, GroupId};
use crate::present::format::{format_count, format_ms, format_percent, number};
use crate::present::lang::Lang;
use crate::present::readout::{FarFigure, far_figures};
use crate::present::say;
use crate::present::series::heat_colour;
use crate::present::text::Phrase;
use crate::present::text::run::{self, RunText};
use crate::present::text::run_charts::{self, ChartText};
use crate::sim::MetricsSnapshot;
use crate::sim::log::ERROR_ALERT_SHARE;
use crate::sim::metrics::WINDOW_S;
use crate::sim::metrics::{ComponentMetrics, DatacenterMetrics};
use crate::ui::erase::keyed;
use crate::ui::i18n::use_language;
use crate::ui::state::use_app;

use super::use_run;

/// One component's figures, laid out in world units.
#[derive(Clone, Debug, PartialEq)]
struct Badge {
    id: u32,
    x: f64,
    y: f64,
    width: f64,
    up: bool,
    lines: Vec<String>,
    /// Zoomed far out, where the lines would be unreadable: its traffic, then the figure its
    /// kind is watched by (`readout::far_figures`), as many as fit above it at the zoom.
    far: Vec<String>,
    utilization: f64,
    /// What the state dot (and, zoomed far out, the outline) says, 0 (green) to 1 (red): the
    /// utilization, or for a population the share of what it sends that fails.
    heat: f64,
    shards: Vec<f64>,
}

/// One datacenter's state, drawn inside its frame's bottom-left corner (the top is crowded
/// with the badges of the cards there).
#[derive(Clone, Debug, PartialEq)]
struct DcBadge {
    id: u32,
    /// Left edge and vertical centre, in world units.
    left: f64,
    y: f64,
    /// The frame's top-left corner and size, in world units: zoomed far out, where the pill's
    /// words are too small to read, a datacenter that is down is outlined instead.
    frame: (f64, f64, f64, f64),
    up: bool,
    text: &'static str,
}

impl DcBadge {
    /// What its pill is keyed by: the pill is drawn again when the datacenter, its state's
    /// words, whether it is up or its place (to an eighth of a unit) changes. A hash of those,
    /// so that the pills are a keyed list of numbers like the app's others
    /// ([`crate::ui::erase::keyed`]); two of the few pills on a canvas hashing alike is a
    /// chance of about one in 10^17.
    fn key(&self) -> u64 {
        let place = (
            (self.left * 8.0) as i64 as u64,
            (self.y * 8.0) as i64 as u64,
        );
        let mut h = crate::sim::rng::mix64(u64::from(self.id) << 1 | u64::from(self.up));
        for part in [place.0, place.1]
            .into_iter()
            .chain(self.text.bytes().map(u64::from))
        {
            h = crate::sim::rng::mix64(h ^ part);
        }
        h
    }
}

/// What a datacenter's figures say, in a few words.
fn dc_state(lang: Lang, m: &DatacenterMetrics) -> &'static str {
    run::dc_state(lang, m.up, m.in_dns)
}

/// One wire's flow.
#[derive(Clone, Debug, PartialEq)]
struct Flow {
    id: u32,
    path: String,
    rps: f64,
    failing: bool,
    down: bool,
    /// Halfway along the route: where the hover label goes.
    mid: (f64, f64),
    /// Requests per second arriving at the target over the last window.
    arrival_rps: f64,
    /// The target's label and its number of incoming wires, when it has more than this one.
    shared: Option<(String, usize)>,
}

/// A badge's box: this many world units a line of text, this many more around them, and this
/// far above its card.
const BADGE_LINE: f64 = 12.0;
const BADGE_PADDING: f64 = 8.0;
const BADGE_GAP: f64 = 4.0;

/// How many lines a badge may have above a card with `room` world units free above it (to the
/// card above, or without end): at least one, however close that card is.
fn badge_lines_in(room: f64) -> usize {
    ((room - BADGE_PADDING - BADGE_GAP) / BADGE_LINE)
        .floor()
        .max(1.0) as usize
}

/// Each datacenter's title as the canvas draws it during a run at `zoom`, said in `lang`:
/// worked out once for every card's room above it.
fn run_titles(lang: Lang, d: &Diagram, zoom: f64) -> Vec<(GroupId, String)> {
    d.groups
        .iter()
        .map(|g| {
            let title = say::datacenter_title(lang, &g.name, g.region);
            (g.id, group_title_shown(d, g, &title, zoom, true))
        })
        .collect()
}

/// The world units free above `c` at `zoom`, to the card or datacenter title above it, the
/// titles as [`run_titles`] gives them at that zoom.
fn room_for(
    titles: &[(GroupId, String)],
    d: &Diagram,
    c: &crate::model::Component,
    zoom: f64,
) -> f64 {
    room_above(d, c, zoom, |g| {
        titles
            .iter()
            .find(|(id, _)| *id == g.id)
            .map_or_else(String::new, |(_, title)| title.clone())
    })
}

/// The share (0-1) of what population `m` sent over the last window (`window_s` long) that
/// failed, wherever it failed; `None` when it sent nothing in it.
fn failing_share(m: &ComponentMetrics, window_s: f64) -> Option<f64> {
    let sent = m.arrival_rps * window_s;
    (sent >= 0.5).then(|| (m.recent_sent_failed as f64 / sent).within(0.0, 1.0))
}

fn badge_for(
    lang: Lang,
    c: &crate::model::Component,
    m: &ComponentMetrics,
    window_s: f64,
    room: f64,
) -> Badge {
    let max_lines = badge_lines_in(room);
    let b = card_bounds(c);
    // A population's requests are answered elsewhere: it says what it sends, and how much of
    // that comes back (its requests failing elsewhere read as sent but not answered).
    let users = c.kind == crate::model::ComponentKind::Users;
    let traffic = if users {
        run::badge_sends(
            lang,
            &number(lang, m.arrival_rps),
            &number(lang, m.throughput_rps),
        )
    } else {
        run::badge_served(lang, &number(lang, m.throughput_rps))
    };
    let mut lines = vec![traffic];
    if m.servers > 0 {
        lines.push(run::badge_utilization(
            lang,
            m.recent_utilization * 100.0,
            m.queue_len,
        ));
    }
    // The last window's alone: a cache down (or asked nothing) for a window has no hit ratio
    // to show, and its ratio since the start would read as if it still served hits.
    if let Some(h) = m.recent_hit_ratio {
        lines.push(run::badge_hit(lang, h * 100.0));
    }
    if let Some(l) = m.replica_lag_ms {
        lines.push(run::badge_lag(lang, &format_ms(lang, l)));
    }
    if let Some(r) = &m.region_copy {
        match (r.leading, r.lag_ms) {
            (true, _) => lines.push(RunText::TakesTheWrites.say(lang).to_string()),
            (false, Some(l)) => lines.push(run::badge_copy_lag(lang, &format_ms(lang, l))),
            (false, None) => {}
        }
    }
    if let Some(n) = m.nodes
        && n.total > 1
    {
        lines.push(run::badge_nodes(lang, n.up, n.total));
    }
    if let Some(sc) = m.sessions {
        lines.push(run::badge_sessions(lang, &format_count(lang, sc.held)));
    }
    if m.draining > 0 {
        lines.push(run::badge_draining(lang, m.instances, m.draining));
    }
    // Where a card close above leaves the badge fewer lines than it has, what goes wrong
    // (errors, users logged out) stays, after the traffic line; the inspector has the rest.
    let errors = m.errors.total();
    let mut kept_first = 1;
    let failing = if users {
        failing_share(m, window_s)
    } else {
        None
    };
    if users && m.sent_failed > 0 {
        lines.insert(
            1,
            run::badge_failing(
                lang,
                &format_percent(lang, failing.unwrap_or(0.0)),
                &format_count(lang, m.sent_failed),
            ),
        );
        kept_first += 1;
    }
    if errors > 0 {
        lines.insert(
            1,
            run::badge_errors(
                lang,
                &number(lang, m.error_rps),
                &format_count(lang, errors),
            ),
        );
        kept_first += 1;
    }
    if let Some(sc) = m.sessions
        && sc.lost > 0
    {
        lines.insert(
            kept_first,
            run::badge_logged_out(lang, &format_count(lang, sc.lost)),
        );
    }
    // Each line inside the badge's box: 10 px monospace is 6 units a letter, after the state
    // dot's 14 units and a margin. A line of two figures too long for it ("errors 5.1k/s ·
    // 229k in all", a Korean utilization and queue) goes on two lines rather than losing the
    // end of a number; only what is still too long is cut.
    let letters = ((b.width() - 18.0) / 6.0).floor().max(1.0) as usize;
    let lines = lines
        .iter()
        .flat_map(|line| {
            let parts: Vec<&str> = if crate::editor::layout::fits(line, letters) {
                vec![line.as_str()]
            } else {
                line.split(" · ")
                    .flat_map(|part| part.split("  "))
                    .map(str::trim)
                    .collect()
            };
            parts
                .into_iter()
                .map(|part| crate::editor::layout::fit_text(part, letters))
                .collect::<Vec<_>>()
        })
        .take(max_lines)
        .collect();
    let max = m.shard_load.iter().copied().max().unwrap_or(0).max(1) as f64;
    Badge {
        id: c.id.0,
        x: b.min.x,
        y: b.min.y,
        width: b.width(),
        up: m.up,
        lines,
        far: far_figures(c.kind, m)
            .into_iter()
            .map(|f| far_words(lang, f))
            .collect(),
        utilization: m.recent_utilization,
        // Red where the run's alerts say a component is failing (over 5 % of its requests).
        heat: match failing {
            Some(share) => (share / ERROR_ALERT_SHARE).min(1.0),
            None => m.recent_utilization,
        },
        shards: m.shard_load.iter().map(|v| *v as f64 / max).collect(),
    }
}

/// A figure from afar in `lang`'s words.
fn far_words(lang: Lang, f: FarFigure) -> String {
    match f {
        FarFigure::Sends(rps) | FarFigure::Serves(rps) => {
            run_charts::value_with_unit(lang, &number(lang, rps), ChartText::UnitReqPerS.say(lang))
        }
        FarFigure::HitRatio(share) => run::far_hit(lang, &format_percent(lang, share)),
        FarFigure::Utilization(share) => run::far_utilization(lang, &format_percent(lang, share)),
        FarFigure::Waiting(n) => run::far_waiting(lang, &format_count(lang, n)),
    }
}

/// The badges over the cards and the datacenters' pills.
type Badges = (Vec<Badge>, Vec<DcBadge>);

fn badges(lang: Lang, d: &Diagram, s: &MetricsSnapshot) -> Badges {
    let metrics = |id: u32| s.components.iter().find(|m| m.id == id);
    let titles = run_titles(lang, d, 1.0);
    let badges = d
        .components
        .iter()
        .filter_map(|c| {
            metrics(c.id.0)
                .map(|m| badge_for(lang, c, m, s.overall.window_s, room_for(&titles, d, c, 1.0)))
        })
        .collect();
    let dcs = d
        .groups
        .iter()
        .filter_map(|g| {
            let m = s.datacenters.iter().find(|m| m.id == g.id.0)?;
            let b = group_bounds(g);
            Some(DcBadge {
                id: g.id.0,
                left: b.min.x + 8.0,
                y: b.max.y - 14.0,
                frame: (b.min.x, b.min.y, b.width(), b.height()),
                up: m.up,
                text: dc_state(lang, m),
            })
        })
        .collect();
    (badges, dcs)
}

/// A wire's route as the canvas draws it: its id, its SVG path and its midpoint.
type WireRoute = (u32, String, (f64, f64));

/// Every wire's route, in the diagram's order: they change only with an edit, not with a
/// snapshot.
fn wire_routes(e: &Editor) -> Vec<WireRoute> {
    let d = e.diagram();
    let mut router = e.wire_router();
    d.wires
        .iter()
        .filter_map(|w| {
            let from = d.component(w.from.component)?;
            let to = d.component(w.to.component)?;
            let a = out_port_position(from, w.from.port)?;
            let b = in_port_position(to, w.to.port)?;
            let route = router.route(a, b);
            let mid = route.midpoint();
            Some((w.id.0, route.svg_path(0.0), (mid.x, mid.y)))
        })
        .collect()
}

fn flows(d: &Diagram, s: &MetricsSnapshot, routes: &[WireRoute]) -> Vec<Flow> {
    let metrics = |id: u32| s.components.iter().find(|m| m.id == id);
    routes
        .iter()
        .filter_map(|(id, path, mid)| {
            let w = d.wires.iter().find(|w| w.id.0 == *id)?;
            let from = d.component(w.from.component)?;
            let to = d.component(w.to.component)?;
            let m = metrics(to.id.0)?;
            let inbound = d.wires_into(to.id).count().max(1);
            Some(Flow {
                id: *id,
                path: path.clone(),
                mid: *mid,
                arrival_rps: m.arrival_rps,
                shared: (inbound > 1).then(|| (to.label.clone(), inbound)),
                rps: m.throughput_rps / inbound as f64,
                failing: m.arrival_rps > 0.0 && m.error_rps / m.arrival_rps > 0.01,
                down: !m.up || !metrics(from.id.0).is_some_and(|f| f.up),
            })
        })
        .collect()
}

/// How a flow is drawn: its colour, and its traffic in quarter-decades of requests per second
/// (the dashes' width and speed follow it). Flows that look the same are drawn as one path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FlowLook {
    state: FlowState,
    /// `round(4 log10 rps)`, at least 0.
    level: u8,
    /// Whether the dashes move: not when the flow is down or idle.
    moving: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FlowState {
    Ok,
    Failing,
    Down,
}

impl FlowLook {
    fn of(f: &Flow) -> FlowLook {
        FlowLook {
            state: if f.down {
                FlowState::Down
            } else if f.failing {
                FlowState::Failing
            } else {
                FlowState::Ok
            },
            level: (4.0 * f.rps.max(1.0).log10()).round().within(0.0, 255.0) as u8,
            moving: !f.down && f.rps >= 0.5,
        }
    }

    /// A number of its own for each look, the paths' key.
    fn code(self) -> u32 {
        (self.state as u32) << 9 | u32::from(self.level) << 1 | u32::from(self.moving)
    }

    fn from_code(code: u32) -> FlowLook {
        FlowLook {
            state: match code >> 9 {
                0 => FlowState::Ok,
                1 => FlowState::Failing,
                _ => FlowState::Down,
            },
            level: (code >> 1) as u8,
            moving: code & 1 == 1,
        }
    }

    fn decades(self) -> f64 {
        f64::from(self.level) / 4.0
    }

    fn class(self) -> &'static str {
        match self.state {
            FlowState::Ok => "run-flow ok",
            FlowState::Failing => "run-flow failing",
            FlowState::Down => "run-flow down",
        }
    }

    /// The dashes' period: shorter for more traffic (log scale), none when still.
    fn period_s(self) -> Option<f64> {
        self.moving
            .then(|| (2.4 - 0.4 * self.decades()).within(0.25, 2.4))
    }

    fn width(self) -> f64 {
        (1.0 + self.decades()).within(1.0, 6.0)
    }
}

/// The flows that look the same, as one path: their routes' subpaths, and their wires' ids.
#[derive(Clone, Debug, PartialEq)]
struct FlowGroup {
    look: FlowLook,
    d: String,
    wires: String,
}

/// `flows` grouped by look, in the order each look first appears.
fn flow_groups(flows: &[Flow]) -> Vec<FlowGroup> {
    let mut groups: Vec<FlowGroup> = Vec::new();
    for f in flows {
        let look = FlowLook::of(f);
        match groups.iter_mut().find(|g| g.look == look) {
            Some(g) => {
                g.d.push(' ');
                g.d.push_str(&f.path);
                g.wires.push(' ');
                g.wires.push_str(&f.id.to_string());
            }
            None => groups.push(FlowGroup {
                look,
                d: f.path.clone(),
                wires: f.id.to_string(),
            }),
        }
    }
    groups
}

/// The badges of the latest snapshot over the current diagram (none without a run).
fn use_badges() -> Memo<Option<Badges>> {
    let app = use_app();
    let run = use_run();
    let language = use_language();
    crate::ui::erase::memo(move || {
        let run = run?;
        let lang = language.get();
        run.signals.canvas_snapshot.with(|s| {
            let s = s.as_ref()?;
            Some(app.editor.with(|e| badges(lang, e.diagram(), s)))
        })
    })
}

/// The flows of the latest snapshot along the current diagram's wires (none without a run).
/// The wires are routed again only when the editor changes, not at every snapshot.
fn use_flows() -> Memo<Vec<Flow>> {
    let app = use_app();
    let run = use_run();
    let routes = crate::ui::erase::memo(move || app.editor.with(wire_routes));
    crate::ui::erase::memo(move || {
        let Some(run) = run else {
            return Vec::new();
        };
        run.signals.canvas_snapshot.with(|s| match s {
            Some(s) => routes.with(|r| app.editor.with(|e| flows(e.diagram(), s, r))),
            None => Vec::new(),
        })
    })
}

/// The animated flows along the wires, in world coordinates. The canvas draws them in a layer
/// of their own over the diagram: their dashes move every frame, and repainting only them (not
/// the cards and texts under them) keeps a frame cheap. Flows that look the same (colour, and
/// traffic to a quarter of a decade) are one path of several subpaths, each subpath dashed
/// from its own start: every path is restyled at each step of the dashes' clock, and a phone's
/// frames spend more on that than on anything else in a run. Keyed by look: a snapshot changes
/// the subpaths of the looks it changes. The layer is hidden from assistive technology and
/// lets the pointer through, so a path carries no tooltip: a hovered wire's rate is
/// [`WireRate`]'s label. Needs `provide_run_state` above it.
#[component]
pub fn RunFlows() -> impl IntoView {
    let drawn = use_flows();
    let groups = crate::ui::erase::memo(move || drawn.with(|d| flow_groups(d)));
    let looks = crate::ui::erase::memo(move || {
        groups.with(|g| {
            g.iter()
                .map(|g| u64::from(g.look.code()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <g class="run-flows" data-testid="run-flows" pointer-events="none">
            {keyed(move || looks.get(), move |code| {
                view! { <FlowPath code=code as u32 groups=groups/> }.into_any()
            })}
            <WireRate drawn=drawn/>
        </g>
    }
}

#[component]
fn FlowPath(code: u32, groups: Memo<Vec<FlowGroup>>) -> impl IntoView {
    let look = FlowLook::from_code(code);
    let group = crate::ui::erase::memo(move || {
        groups.with(|g| {
            g.iter()
                .find(|g| g.look == look)
                .map(|g| (g.d.clone(), g.wires.clone()))
                .unwrap_or_default()
        })
    });
    // The dashes move by one clock shared by every flow (web/run.css), each path at its own
    // period: one animation for the whole layer rather than one per path.
    let style = match look.period_s() {
        Some(p) => format!("--period: {p}", p = Fixed(p, 2)),
        None => "stroke-dashoffset: 0".to_string(),
    };
    view! {
        <path class=look.class() d=move || group.with(|g| g.0.clone()) style=style
            stroke-width=Fixed(look.width(), 2).to_string() data-wires=move || group.with(|g| g.1.clone())></path>
    }
}

/// Live run figures over the canvas, in world coordinates. Place inside the canvas's world
/// group (the one carrying the camera transform). Keyed by component and datacenter, so a
/// snapshot updates texts and sizes in place. Needs `provide_run_state` above it.
#[component]
pub fn RunOverlay() -> impl IntoView {
    let drawn = use_badges();
    let badge_ids = crate::ui::erase::memo(move || {
        drawn.with(|d| {
            d.as_ref()
                .map(|d| d.0.iter().map(|b| u64::from(b.id)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let dcs = crate::ui::erase::memo(move || {
        drawn.with(|d| d.as_ref().map(|d| d.1.clone()).unwrap_or_default())
    });
    let app = use_app();
    let language = use_language();
    let zoom = crate::ui::erase::memo(move || app.editor.with(|e| e.camera().zoom));
    // The room above each card at the zoom, for the figures drawn from afar (a datacenter's
    // title is larger from afar, and reaches further along its top row): worked out once for
    // every badge, by card id.
    let far_rooms = crate::ui::erase::memo(move || {
        let (zoom, lang) = (zoom.get(), language.get());
        app.editor.with(|e| {
            let d = e.diagram();
            let titles = run_titles(lang, d, zoom);
            d.components
                .iter()
                .map(|c| (c.id.0, room_for(&titles, d, c, zoom)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <g class="run-overlay" data-testid="run-overlay" pointer-events="none">
            {keyed(move || dcs.with(|d| d.iter().map(DcBadge::key).collect()), move |k| {
                let g = dcs.with_untracked(|d| d.iter().find(|g| g.key() == k).cloned());
                g.map(|g| view! { <DcPill g=g/> }).into_any()
            })}
            {keyed(move || badge_ids.get(), move |id| {
                view! { <BadgeView id=id as u32 drawn=drawn zoom=zoom far_rooms=far_rooms/> }.into_any()
            })}
        </g>
    }
}

/// The hovered wire's rate, in a pill at the middle of its route, while a run has a snapshot.
/// Drawn over the flows, at the same size on screen whatever the zoom.
#[component]
fn WireRate(drawn: Memo<Vec<Flow>>) -> impl IntoView {
    let app = use_app();
    let language = use_language();
    let hovered = crate::ui::erase::memo(move || {
        app.editor.with(|e| match e.hover() {
            HitTarget::Wire(id) => Some(id.0),
            _ => None,
        })
    });
    let zoom = crate::ui::erase::memo(move || app.editor.with(|e| e.camera().zoom));
    // The seconds the rates cover: the window, or what of the run there is before it is full.
    let run = use_run();
    let window_s = crate::ui::erase::memo(move || {
        run.and_then(|run| {
            run.signals.canvas_snapshot.with(|s| {
                s.as_ref()
                    .map(|s| (s.overall.window_s.round() as u32).clamp(1, WINDOW_S))
            })
        })
        .unwrap_or(WINDOW_S)
    });
    let label = crate::ui::erase::memo(move || {
        let id = hovered.get()?;
        let lang = language.get();
        let window_s = window_s.get();
        drawn.with(|d| {
            let f = d.iter().find(|f| f.id == id)?;
            let rate = number(lang, f.arrival_rps);
            let text = match &f.shared {
                None => run::wire_rate(lang, &rate, window_s),
                Some((target, wires)) => {
                    run::wire_rate_shared(lang, &rate, target, *wires, window_s)
                }
            };
            Some((id, f.mid, text))
        })
    });
    move || {
        label.get().map(|(id, (x, y), text)| {
            // The label's font is 12 px, the badges' 10 px.
            let w = text_width(&text) * 1.2 + 18.0;
            view! {
                <g class="run-wire-rate" data-testid="wire-rate" data-wire=id
                    transform=move || format!("translate({x} {y}) scale({})", Fixed(1.0 / zoom.get().max(0.05), 3), x = Fixed(x, 1), y = Fixed(y, 1))>
                    <rect class="run-wire-rate-box" x=shortest(-w / 2.0) y="-13" width=shortest(w) height="26" rx="13"></rect>
                    <text class="run-wire-rate-text" x="0" y="4.2" text-anchor="middle">{text}</text>
                </g>
            }
        })
    }
}

/// The width of `text` in the 10 px monospace font, in world units: about 6.2 per Latin
/// letter or narrow sign ("·", "→", "…") and 10.4 per Hangul syllable or other wide character
/// (the layout's [`is_wide`], by which card labels are cut too).
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { 10.4 } else { 6.2 })
        .sum()
}

#[component]
fn DcPill(g: DcBadge) -> impl IntoView {
    let w = text_width(g.text) + 22.0;
    let (fx, fy, fw, fh) = g.frame;
    view! {
        <g class="run-dc" class:down=!g.up data-group=g.id>
            // Just outside the frame, clear of its name.
            <rect class="run-dc-ring" x=shortest(fx - 14.0) y=shortest(fy - 14.0) width=shortest(fw + 28.0) height=shortest(fh + 28.0) rx="20"
                vector-effect="non-scaling-stroke"></rect>
            <rect class="run-dc-box" x=shortest(g.left) y=shortest(g.y - 9.0) width=shortest(w) height="18" rx="9"></rect>
            <circle cx=shortest(g.left + 10.0) cy=shortest(g.y) r="4"
                fill=if g.up { "var(--ok)" } else { "var(--err)" }></circle>
            <text class="run-dc-text" x=shortest(g.left + 18.0) y=shortest(g.y + 3.5)>{g.text}</text>
        </g>
    }
}

#[component]
fn BadgeView(
    id: u32,
    drawn: Memo<Option<Badges>>,
    zoom: Memo<f64>,
    far_rooms: Memo<Vec<(u32, f64)>>,
) -> impl IntoView {
    let badge = crate::ui::erase::memo(move || {
        drawn.with(|d| d.as_ref()?.0.iter().find(|b| b.id == id).cloned())
    });
    let language = use_language();
    let num = move |f: fn(&Badge) -> f64| move || badge.with(|b| b.as_ref().map(f).unwrap_or(0.0));
    let lines =
        crate::ui::erase::memo(move || badge.with(|b| b.as_ref().map_or(0, |b| b.lines.len())));
    let shards =
        crate::ui::erase::memo(move || badge.with(|b| b.as_ref().map_or(0, |b| b.shards.len())));
    let up = move || badge.with(|b| b.as_ref().is_some_and(|b| b.up));
    let height = move || BADGE_LINE * lines.get() as f64 + BADGE_PADDING;
    let top = move || badge.with(|b| b.as_ref().map_or(0.0, |b| b.y)) - height() - BADGE_GAP;
    let util = num(|b| b.utilization);
    let heat = num(|b| b.heat);
    // From afar, as many of its figures as the room above the card holds at this zoom.
    let far = crate::ui::erase::memo(move || {
        let zoom = zoom.get();
        let room = far_rooms.with(|rooms| {
            rooms
                .iter()
                .find(|(card, _)| *card == id)
                .map_or(f64::INFINITY, |(_, room)| *room)
        });
        // Where fewer lines fit than it has, the ones nearest the card: the figure its kind
        // is watched by before the traffic, which the flows into it show too.
        badge.with(|b| {
            b.as_ref().map_or(0..0, |b| {
                let n = b.far.len();
                n.saturating_sub(far_figure_lines(room, zoom))..n
            })
        })
    });
    view! {
        <g class="run-badge" class:down=move || !up() data-component=id>
            // Zoomed far out, where the figures would be unreadable, the card's outline says
            // what its dot and bar say (CSS shows one or the other).
            <rect class="run-far-ring" x=shortest_of(num(|b| b.x)) y=shortest_of(num(|b| b.y)) width=shortest_of(num(|b| b.width)) height=shortest(CARD_HEIGHT) rx="10"
                vector-effect="non-scaling-stroke"
                stroke=move || if up() { heat_colour(heat()) } else { "var(--err)".to_string() }></rect>
            // ... and its traffic and the figure its kind is watched by stand above it, as
            // large as its label, the traffic on top.
            {keyed(move || far.get().map(|i| i as u64).collect(), move |i| {
                let i = i as usize;
                let y = move || {
                    let below = far.get().end.saturating_sub(i + 1) as f64;
                    num(|b| b.y)() - FAR_FIGURE_GAP - below * FAR_LINE_EM * far_font(zoom.get())
                };
                view! {
                    <text class="run-far-figure" x=shortest_of(move || num(|b| b.x)() + num(|b| b.width)() / 2.0) y=shortest_of(y)
                        text-anchor="middle">
                        {move || badge.with(|b| b.as_ref().and_then(|b| b.far.get(i).cloned()).unwrap_or_default())}
                    </text>
                }
                .into_any()
            })}
            <rect class="run-badge-box" x=shortest_of(num(|b| b.x)) y=shortest_of(top) width=shortest_of(num(|b| b.width)) height=shortest_of(height) rx="5">
                <title>{move || run::badge_window(language.get(), crate::sim::metrics::WINDOW_S)}</title>
            </rect>
            <circle class="run-badge-state" cx=shortest_of(move || num(|b| b.x)() + 7.0) cy=shortest_of(move || top() + 9.0) r="4"
                fill=move || if up() { heat_colour(heat()) } else { "var(--err)".to_string() }>
                <title>{move || language.t(if up() { RunText::Up } else { RunText::Down })}</title>
            </circle>
            {keyed(move || (0..lines.get() as u64).collect(), move |i| {
                let i = i as usize;
                view! {
                    <text class="run-badge-text" x=shortest_of(move || num(|b| b.x)() + 14.0) y=shortest_of(move || top() + 13.0 + BADGE_LINE * i as f64)>
                        {move || badge.with(|b| b.as_ref().and_then(|b| b.lines.get(i).cloned()).unwrap_or_default())}
                    </text>
                }
                .into_any()
            })}
            <rect class="run-util-bar" x=shortest_of(num(|b| b.x)) y=shortest_of(move || top() + height() - 3.0)
                width=shortest_of(move || num(|b| b.width)() * util().within(0.0, 1.0)) height="3"
                fill=move || heat_colour(util())></rect>
            {keyed(move || (0..shards.get() as u64).collect(), move |i| {
                view! { <ShardBar i=i as usize badge=badge/> }.into_any()
            })}
        </g>
    }
}

#[component]
fn ShardBar(i: usize, badge: Memo<Option<Badge>>) -> impl IntoView {
    let bar = move || {
        badge.with(|b| {
            let b = b.as_ref()?;
            let level = *b.shards.get(i)?;
            let w = b.width / b.shards.len().max(1) as f64;
            Some((b.x + i as f64 * w + 1.0, b.y, (w - 2.0).max(1.0), level))
        })
    };
    let get = move |f: fn((f64, f64, f64, f64)) -> f64| move || bar().map(f).unwrap_or(0.0);
    let height = get(|(_, _, _, level)| 14.0 * level.max(0.05));
    view! {
        <rect class="run-shard-bar" x=shortest_of(get(|(x, _, _, _)| x))
            y=shortest_of(move || get(|(_, y, _, _)| y)() + CARD_HEIGHT + 2.0 + (14.0 - height()))
            width=shortest_of(get(|(_, _, w, _)| w)) height=shortest_of(height)
            fill=move || heat_colour(get(|(_, _, _, level)| level)())></rect>
    }
}
