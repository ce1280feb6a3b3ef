//! Where things are drawn: component cards, their ports, wires and datacenter frames, in world
//! units, and hit testing against them.
//!
//! The view draws with these same functions, so what the user sees is exactly what a click hits.
//! A component card is a fixed-size rectangle centred on `Component::pos`; its input ports sit
//! on the left edge and its output ports on the right edge, evenly spaced in the order
//! `ComponentKind::ports()` lists them (several outputs below the title line, whose width their
//! names would otherwise take). A datacenter is its `bounds`, with a title strip along
//! the top (where it is grabbed to move it) and a square resize handle at the bottom-right.
//! A wire runs along its [`Route`] (`routing`), around the cards and the datacenters' title
//! strips: the view draws that path and hit testing measures the distance to it, so a wire is
//! clicked where it is drawn.
//!
//! Hit testing takes a tolerance in world units (the caller converts a screen-pixel radius with
//! the camera) and reports the topmost thing under the point: ports, then component cards (later
//! in drawing order on top), then wires, then datacenter handles, title strips and frames.

use crate::decimal::Within;
use crate::model::{
    Component, ComponentId, Diagram, Group, GroupId, InPortRef, OutPortRef, WireId,
};

use super::geometry::{Rect, Vec2};
use super::routing::{Obstacles, Route, Router};

/// Width of a component card in world units.
pub const CARD_WIDTH: f64 = 160.0;
/// Height of a component card in world units.
pub const CARD_HEIGHT: f64 = 88.0;
/// How many Latin letters' width of a label fit on a card's title line (after the icon).
pub const CARD_LABEL_CHARS: usize = 14;
/// How many characters of the key-setting summary fit on a card's bottom line.
pub const CARD_SUMMARY_CHARS: usize = 25;

/// Whether `c` is as wide as about two Latin letters: Hangul and other East Asian wide
/// characters.
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}')
}

/// How many Latin letters' width `c` takes: two for a wide character ([`is_wide`]), else one.
fn letter_width(c: char) -> usize {
    if is_wide(c) { 2 } else { 1 }
}

/// How many Latin letters' width `text` takes ([`letter_width`] summed).
fn text_width(text: &str) -> usize {
    text.chars().map(letter_width).sum()
}

/// Whether `text` fits `max_chars` Latin letters' width (a wide character counting two).
pub fn fits(text: &str, max_chars: usize) -> bool {
    text_width(text) <= max_chars
}

/// `text` cut to fit `max_chars` Latin letters' width (a wide character counting two), ending
/// in `…` when cut, so a Korean label stays inside its card as an English one does. The full
/// text stays available to tooltips and screen readers.
pub fn fit_text(text: &str, max_chars: usize) -> String {
    if fits(text, max_chars) {
        return text.to_string();
    }
    let budget = max_chars.saturating_sub(1);
    let mut used = 0;
    let kept: String = text
        .chars()
        .take_while(|&c| {
            used += letter_width(c);
            used <= budget
        })
        .collect();
    format!("{}…", kept.trim_end())
}

/// A card's label cut to fit `max_chars` as [`fit_text`] cuts it, but keeping the end that
/// tells copies apart: a number ("Load balancer 2" reads "Load balanc… 2", not the same
/// "Load balancer…" as the first) or a datacenter in brackets ("Web ser… (DC1)"), when that end
/// takes at most half the room.
pub fn fit_label(label: &str, max_chars: usize) -> String {
    if fits(label, max_chars) {
        return label.to_string();
    }
    let tail_at = if label.ends_with(')') {
        label.rfind(" (")
    } else {
        label
            .rfind(' ')
            .filter(|&i| label[i + 1..].chars().all(|c| c.is_ascii_digit()) && i + 1 < label.len())
    };
    match tail_at {
        Some(i) if i > 0 && 2 * text_width(&label[i..]) <= max_chars => {
            let tail = &label[i..];
            format!(
                "{}{tail}",
                fit_text(&label[..i], max_chars - text_width(tail))
            )
        }
        _ => fit_text(label, max_chars),
    }
}

/// Below this zoom a card's texts would be too small to read: the canvas draws its label
/// alone, larger ([`far_font`], [`far_lines`]), and none of its other texts. From here up the
/// smallest of them, the port names on their plates (`SMALLEST_NEAR_FONT`), are at least
/// 7 px on screen; at 0.45, where it was, a run badge's figures were 4.5 px at the zoom a fit
/// gives most lessons on a laptop. 0.79 rather than 0.8, so that 80 %, where one zoom out from
/// 100 % lands, is drawn near.
pub const FAR_ZOOM: f64 = 0.79;
/// The smallest font a card draws near, in world units: its ports' names (`web/wires.css`'s
/// `.port-label text`; a run badge's figures are 10).
const SMALLEST_NEAR_FONT: f64 = 9.0;
/// The smallest a card's texts drawn near are on screen, in CSS pixels (from [`FAR_ZOOM`] up).
const SMALLEST_SCREEN_FONT_PX: f64 = 7.0;
// From FAR_ZOOM up, the texts a card draws near are large enough: checked as the code compiles.
const _: () = assert!(SMALLEST_NEAR_FONT * FAR_ZOOM >= SMALLEST_SCREEN_FONT_PX);
/// The far label's size on screen, in CSS pixels, while the card has room for it.
const FAR_FONT_PX: f64 = 12.0;
/// The far label's largest size in world units: two lines of it fit a card's height.
const FAR_FONT_MAX: f64 = 32.0;
/// The far label's side margins on the card, in world units.
const FAR_MARGIN: f64 = 6.0;
/// The far label's line height, in ems.
pub const FAR_LINE_EM: f64 = 1.15;
/// About how wide one Latin letter of the far label's bold font is, in ems, with room to spare
/// (at 0.58 a label filling its line ran past the card's edge in Chromium).
const FAR_LETTER_EM: f64 = 0.66;

/// The far label's font size in world units at `zoom`: 12 px on screen where that fits two
/// lines in a card, else as large as fits.
pub fn far_font(zoom: f64) -> f64 {
    (FAR_FONT_PX / zoom.max(f64::MIN_POSITIVE)).min(FAR_FONT_MAX)
}

/// How many Latin letters' width fit on one line of the far label at `zoom` (a wide character
/// counting two, as in [`fit_text`]); `None` from [`FAR_ZOOM`] up, where the card draws its
/// usual texts.
pub fn far_letters(zoom: f64) -> Option<usize> {
    (zoom < FAR_ZOOM).then(|| {
        ((CARD_WIDTH - 2.0 * FAR_MARGIN) / (far_font(zoom) * FAR_LETTER_EM)).floor() as usize
    })
}

/// How far a card's figures from afar sit above it: the baseline of the line nearest the card,
/// in world units.
pub const FAR_FIGURE_GAP: f64 = 6.0;
/// How much of an em a line of the far figures reaches above its baseline (a digit's height,
/// with room to spare).
const FAR_ASCENT_EM: f64 = 0.8;

/// How many lines of figures from afar (each at [`far_font`], [`FAR_LINE_EM`] apart, the
/// lowest [`FAR_FIGURE_GAP`] above the card) fit in the `room` world units free above a card
/// at `zoom`, to the card or the datacenter's title above it: at least one, however close that
/// is.
pub fn far_figure_lines(room: f64, zoom: f64) -> usize {
    let font = far_font(zoom);
    let more = (room - FAR_FIGURE_GAP - FAR_ASCENT_EM * font) / (FAR_LINE_EM * font);
    if more.is_nan() {
        return 1;
    }
    1 + more.floor().within(0.0, 8.0) as usize
}

/// `c`'s label without the name of its datacenter, which the frame around it shows: "Web
/// servers (DC1)" in DC1, or in "DC1 (US East)" (the brackets name the frame by the first word
/// of its name), reads "Web servers" from afar, where two lines hold little, and on the card
/// where the whole label does not fit ([`card_title`]).
pub fn far_label<'a>(d: &Diagram, c: &'a Component) -> &'a str {
    let Some(group) = c.group.and_then(|g| d.group(g)) else {
        return &c.label;
    };
    c.label
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once(" ("))
        .filter(|(rest, named)| {
            let name = group.name.trim();
            !rest.trim().is_empty()
                && !named.trim().is_empty()
                && (name == named.trim()
                    || name
                        .strip_prefix(named.trim())
                        .is_some_and(|after| after.starts_with(' ')))
        })
        .map_or(&c.label, |(rest, _)| rest)
}

/// A card's title line: its whole label where it fits `max_chars`, else the label without the
/// datacenter its frame names ([`far_label`]: "Load balancer (DC1)" in DC1 reads "Load
/// balancer", not "Load ba… (DC1)"), cut as [`fit_label`] cuts if that does not fit either.
pub fn card_title(label: &str, far_label: &str, max_chars: usize) -> String {
    if fits(label, max_chars) {
        label.to_string()
    } else {
        fit_label(far_label, max_chars)
    }
}

/// `label` on at most two lines of `letters` Latin letters' width each, for a card seen from
/// afar. A label that fits stays on one line; a longer one breaks at the space that best
/// balances the two lines among those leaving a first line that fits, else at the space that
/// balances them best (its first word then cut with `…`: "Databa… / (DC1)", never "Databas /
/// e (DC1)"). A label without a space breaks between two characters as near the middle as
/// fits: Hangul as it is ("로드 / 밸런서"), a Latin word with a hyphen ("Loadba- / lancer").
/// What still does not fit is cut with `…` ([`fit_text`]).
pub fn far_lines(label: &str, letters: usize) -> Vec<String> {
    let label = label.trim();
    let total = text_width(label);
    if total <= letters || letters == 0 {
        return vec![fit_text(label, letters)];
    }
    let balance = |i: &usize| {
        text_width(label[..*i].trim_end()).abs_diff(text_width(label[*i..].trim_start()))
    };
    let spaces: Vec<usize> = label.match_indices(' ').map(|(i, _)| i).collect();
    let at_space = spaces
        .iter()
        .copied()
        .filter(|&i| text_width(label[..i].trim_end()) <= letters)
        .min_by_key(balance)
        .or_else(|| spaces.iter().copied().min_by_key(balance));
    let (first, second) = match at_space {
        Some(cut) => (
            label[..cut].trim_end().to_string(),
            label[cut..].trim_start(),
        ),
        None => {
            // Between two characters, as near the middle as the first line allows, keeping
            // room for a hyphen should the break fall inside a Latin word.
            let half = total.div_ceil(2).min(letters.saturating_sub(1).max(1));
            let mut used = 0;
            let cut = label
                .char_indices()
                .find(|&(_, c)| {
                    used += letter_width(c);
                    used > half
                })
                .map_or(label.len(), |(i, _)| i);
            let (first, second) = label.split_at(cut);
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(first.chars().next_back()) && latin(second.chars().next()) {
                (format!("{first}-"), second)
            } else {
                (first.to_string(), second)
            }
        }
    };
    vec![fit_text(&first, letters), fit_text(second, letters)]
}

/// Room a run's badge takes above a card (two lines of figures), in world units: fitting the
/// view keeps it on screen for the top row.
pub const BADGE_ROOM: f64 = 36.0;

/// Height of a datacenter's title strip, in world units.
pub const GROUP_TITLE_HEIGHT: f64 = 28.0;
/// Side of a datacenter's resize handle square, in world units.
pub const GROUP_HANDLE_SIZE: f64 = 16.0;
/// The smallest a datacenter can be resized to, in world units.
pub const GROUP_MIN_SIZE: Vec2 = Vec2::new(200.0, 140.0);

impl From<crate::model::Point> for Vec2 {
    fn from(p: crate::model::Point) -> Vec2 {
        Vec2::new(p.x, p.y)
    }
}

impl From<Vec2> for crate::model::Point {
    fn from(v: Vec2) -> crate::model::Point {
        crate::model::Point::new(v.x, v.y)
    }
}

impl From<crate::model::Rect> for Rect {
    fn from(r: crate::model::Rect) -> Rect {
        Rect::from_origin_size(Vec2::new(r.x, r.y), Vec2::new(r.width, r.height))
    }
}

impl From<Rect> for crate::model::Rect {
    fn from(r: Rect) -> crate::model::Rect {
        crate::model::Rect::new(r.min.x, r.min.y, r.width(), r.height())
    }
}

/// The card rectangle of a component.
pub fn card_bounds(component: &Component) -> Rect {
    Rect::from_center_size(component.pos.into(), Vec2::new(CARD_WIDTH, CARD_HEIGHT))
}

/// Where the `index`-th of `count` ports sits along an edge running from `top` to `top + height`.
fn spaced(top: f64, height: f64, index: usize, count: usize) -> f64 {
    top + height * (index as f64 + 1.0) / (count as f64 + 1.0)
}

/// Where the band of a card's title line starts, from its top edge (the view writes the title
/// there).
pub const CARD_TITLE_TOP: f64 = 17.0;
/// Where the band of a card's title line ends, from its top edge.
pub const CARD_TITLE_BOTTOM: f64 = 34.0;

/// How far below a card's top edge the outputs of a card with several of them start: under the
/// title line, so that their names (written beside them, inside the card) leave the title its
/// whole width. A single output sits halfway down, as every input does.
const OUTPUTS_TOP: f64 = 29.0;

/// The world position of an output port of `component`, or `None` if its kind lacks the port.
pub fn out_port_position(component: &Component, port: crate::model::OutPort) -> Option<Vec2> {
    let outputs = component.kind.ports().outputs;
    let index = outputs.iter().position(|p| *p == port)?;
    let bounds = card_bounds(component);
    let y = match outputs.len() {
        1 => spaced(bounds.min.y, CARD_HEIGHT, index, 1),
        n => spaced(
            bounds.min.y + OUTPUTS_TOP,
            CARD_HEIGHT - OUTPUTS_TOP,
            index,
            n,
        ),
    };
    Some(Vec2::new(bounds.max.x, y))
}

/// The world position of an input port of `component`, or `None` if its kind lacks the port.
pub fn in_port_position(component: &Component, port: crate::model::InPort) -> Option<Vec2> {
    let inputs = component.kind.ports().inputs;
    let index = inputs.iter().position(|p| *p == port)?;
    let bounds = card_bounds(component);
    Some(Vec2::new(
        bounds.min.x,
        spaced(bounds.min.y, CARD_HEIGHT, index, inputs.len()),
    ))
}

/// Height of the plate a port's name is written on, in world units.
pub const PORT_LABEL_HEIGHT: f64 = 11.0;

/// About how wide `name` is in the 9 px font of port names, in world units: 5.4 per Latin
/// letter, 10.1 per Hangul syllable or other wide character.
pub fn port_label_width(name: &str) -> f64 {
    name.chars()
        .map(|c| if is_wide(c) { 10.1 } else { 5.4 })
        .sum()
}

/// The plate of an output port's name `width` wide (see [`port_label_width`]): inside the
/// card, left of the port at `port` (its wire leaves to the right), centred on its height.
pub fn out_port_label_plate(port: Vec2, width: f64) -> Rect {
    Rect::from_origin_size(
        Vec2::new(port.x - 10.0 - width, port.y - PORT_LABEL_HEIGHT / 2.0),
        Vec2::new(width + 4.0, PORT_LABEL_HEIGHT),
    )
}

/// The plate of an input port's name: inside the card, just under the port at `port` (its
/// wire comes in from the left).
pub fn in_port_label_plate(port: Vec2, width: f64) -> Rect {
    Rect::from_origin_size(
        Vec2::new(port.x + 3.0, port.y + 7.0),
        Vec2::new(width + 4.0, PORT_LABEL_HEIGHT),
    )
}

/// The position of a wire's outgoing end.
pub fn out_ref_position(diagram: &Diagram, end: OutPortRef) -> Option<Vec2> {
    out_port_position(diagram.component(end.component)?, end.port)
}

/// The position of a wire's incoming end.
pub fn in_ref_position(diagram: &Diagram, end: InPortRef) -> Option<Vec2> {
    in_port_position(diagram.component(end.component)?, end.port)
}

/// What wires route around: every card of `diagram`, and every datacenter's title strip (where
/// the datacenter's name is read and where it is grabbed, so a wire never hides or takes it).
pub fn wire_obstacles(diagram: &Diagram) -> Obstacles {
    Obstacles::new(
        diagram
            .components
            .iter()
            .map(card_bounds)
            .chain(diagram.groups.iter().map(group_title_bounds))
            .collect(),
    )
}

/// Where `wire` runs among `obstacles` (the cards of its diagram), or `None` when an end
/// cannot be placed. The view draws this path, the run's flow follows it and hit testing
/// measures the distance to it.
pub fn wire_route(
    diagram: &Diagram,
    obstacles: &Obstacles,
    wire: &crate::model::Wire,
) -> Option<Route> {
    let from = out_ref_position(diagram, wire.from)?;
    let to = in_ref_position(diagram, wire.to)?;
    Some(obstacles.route(from, to))
}

/// The datacenter frame rectangle.
pub fn group_bounds(group: &Group) -> Rect {
    group.bounds.into()
}

/// The title strip along the top of a datacenter.
pub fn group_title_bounds(group: &Group) -> Rect {
    let b = group_bounds(group);
    Rect::from_corners(
        b.min,
        Vec2::new(b.max.x, (b.min.y + GROUP_TITLE_HEIGHT).min(b.max.y)),
    )
}

/// A datacenter's name in its title strip: 13 px (`web/editor.css`), or from afar the far
/// label's size up to 28 world units.
const GROUP_NAME_FONT: f64 = 13.0;
const GROUP_NAME_FAR_FONT_MAX: f64 = 28.0;
/// The name's left margin in its strip, and as much again kept free on the right.
pub const GROUP_NAME_MARGIN: f64 = 12.0;

/// How many Latin letters' width of a datacenter's title fit its strip at `zoom` (a wide
/// character counting two, as in [`fit_text`]), so a long name is cut with "…" rather than
/// running past the frame.
pub fn group_title_letters(group: &Group, zoom: f64) -> usize {
    let font = group_name_font(zoom);
    let room = group_title_bounds(group).width() - 2.0 * GROUP_NAME_MARGIN;
    (room / (font * FAR_LETTER_EM)).floor().max(1.0) as usize
}

/// The widest figure drawn above a card from afar, in Latin letters ("12.3k req/s"): how far
/// it may reach past the card's sides, centred over it.
const FAR_FIGURE_LETTERS: f64 = 11.0;

/// How many letters of a datacenter's title fit at `zoom` while a run's figures stand above
/// its cards (from afar, where they are as large as the title): as [`group_title_letters`],
/// but ending before the first card whose figures reach into the title strip, which the title
/// would otherwise run under. At least one (the title then reads "…"; the frame's run pill
/// names it). Near, the figures sit in badges the title stays clear of: the same as
/// [`group_title_letters`].
pub fn group_title_letters_beside_figures(d: &Diagram, group: &Group, zoom: f64) -> usize {
    let all = group_title_letters(group, zoom);
    if zoom >= FAR_ZOOM {
        return all;
    }
    let strip = group_title_bounds(group);
    let font = far_font(zoom);
    let reach = ((FAR_FIGURE_LETTERS * font * FAR_LETTER_EM - CARD_WIDTH) / 2.0).max(0.0);
    let first = d
        .components
        .iter()
        .map(card_bounds)
        .filter(|b| {
            // Below the strip's top, with its nearest figure's top above the strip's bottom,
            // and reaching into the strip sideways.
            b.min.y >= strip.min.y
                && b.min.y - FAR_FIGURE_GAP - FAR_ASCENT_EM * font < strip.max.y
                && b.max.x + reach > strip.min.x
                && b.min.x - reach < strip.max.x
        })
        .map(|b| b.min.x - reach)
        .fold(f64::INFINITY, f64::min);
    let room = first - strip.min.x - 2.0 * GROUP_NAME_MARGIN;
    let letters = (room / (group_name_font(zoom) * FAR_LETTER_EM))
        .floor()
        .max(1.0);
    (letters as usize).min(all)
}

/// A datacenter's title (`title`: its name and region, as the canvas says them) as the canvas
/// draws it at `zoom`: cut to fit its strip, and while a run's figures show (`figures`), before
/// the first of them ([`group_title_letters_beside_figures`]).
pub fn group_title_shown(
    d: &Diagram,
    group: &Group,
    title: &str,
    zoom: f64,
    figures: bool,
) -> String {
    let letters = if figures {
        group_title_letters_beside_figures(d, group, zoom)
    } else {
        group_title_letters(group, zoom)
    };
    fit_text(title, letters)
}

/// A datacenter name's font at `zoom`, in world units.
fn group_name_font(zoom: f64) -> f64 {
    if zoom < FAR_ZOOM {
        far_font(zoom).min(GROUP_NAME_FAR_FONT_MAX)
    } else {
        GROUP_NAME_FONT
    }
}

/// The part of a datacenter's title strip its title (`title`: its name and region, as the
/// canvas says them) takes at `zoom` (near at its 13 px, from afar larger), with its margin on
/// either side: what a run's figures above a card in the frame leave readable.
pub fn group_name_bounds(group: &Group, title: &str, zoom: f64) -> Rect {
    let strip = group_title_bounds(group);
    let letters = text_width(title).min(group_title_letters(group, zoom));
    let width = 2.0 * GROUP_NAME_MARGIN + letters as f64 * group_name_font(zoom) * FAR_LETTER_EM;
    Rect::from_corners(
        strip.min,
        Vec2::new((strip.min.x + width).min(strip.max.x), strip.max.y),
    )
}

/// The world units free above card `c` at `zoom`, to the nearest card or datacenter title above
/// it that it overlaps sideways (`title` says a datacenter's title as the canvas does; it stays
/// readable over its top row, and the rest of its strip may be covered): where a run's badge,
/// or from afar its figures, may go.
pub fn room_above(d: &Diagram, c: &Component, zoom: f64, title: impl Fn(&Group) -> String) -> f64 {
    let b = card_bounds(c);
    let cards = d
        .components
        .iter()
        .filter(|o| o.id != c.id)
        .map(card_bounds);
    let names = d
        .groups
        .iter()
        .map(|g| group_name_bounds(g, &title(g), zoom));
    cards
        .chain(names)
        .filter(|o| o.max.x > b.min.x && o.min.x < b.max.x && o.max.y <= b.min.y + 1.0)
        .map(|o| b.min.y - o.max.y)
        .fold(f64::INFINITY, f64::min)
}

/// The resize handle at a datacenter's bottom-right corner.
pub fn group_handle_bounds(group: &Group) -> Rect {
    let b = group_bounds(group);
    Rect::from_corners(
        b.max - Vec2::new(GROUP_HANDLE_SIZE, GROUP_HANDLE_SIZE),
        b.max,
    )
}

/// How far inside a datacenter's frame its cards keep from its edge when it is resized.
pub const GROUP_HOLD_MARGIN: f64 = 12.0;

/// The lowest-right corner a datacenter's frame must reach to hold its cards whole, with
/// [`GROUP_HOLD_MARGIN`] to spare; `None` if it holds none.
pub fn members_extent(diagram: &Diagram, group: GroupId) -> Option<Vec2> {
    diagram
        .components
        .iter()
        .filter(|c| c.group == Some(group))
        .map(|c| card_bounds(c).max + Vec2::new(GROUP_HOLD_MARGIN, GROUP_HOLD_MARGIN))
        .reduce(|a, b| Vec2::new(a.x.max(b.x), a.y.max(b.y)))
}

/// The topmost datacenter whose frame contains `point` (later groups are drawn on top).
pub fn group_at(diagram: &Diagram, point: Vec2) -> Option<GroupId> {
    diagram
        .groups
        .iter()
        .rev()
        .find(|g| group_bounds(g).contains_point(point))
        .map(|g| g.id)
}

/// What a pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitTarget {
    /// An output port: pressing here starts a wire.
    OutPort(OutPortRef),
    /// An input port.
    InPort(InPortRef),
    /// A component card.
    Component(ComponentId),
    /// A wire.
    Wire(WireId),
    /// A datacenter's resize handle.
    GroupHandle(GroupId),
    /// A datacenter's title strip: pressing here moves the datacenter.
    GroupTitle(GroupId),
    /// Inside a datacenter's frame but over nothing else; behaves like empty canvas.
    GroupBody(GroupId),
    /// Empty canvas.
    Canvas,
}

/// The topmost thing at `point`; `tolerance` (world units) widens ports and wires.
pub fn hit_test(diagram: &Diagram, point: Vec2, tolerance: f64) -> HitTarget {
    let cache = super::routing::RouteCache::default();
    hit_test_routed(
        diagram,
        point,
        tolerance,
        &mut cache.router(wire_obstacles(diagram)),
    )
}

/// [`hit_test`] with wires routed by `router` (the editor's, which remembers routes between
/// pointer moves while no card moves).
pub fn hit_test_routed(
    diagram: &Diagram,
    point: Vec2,
    tolerance: f64,
    router: &mut Router<'_>,
) -> HitTarget {
    for component in diagram.components.iter().rev() {
        // The port nearest the point, not the first within reach: zoomed out, a card's ports
        // are closer together than the tolerance.
        let ports = component.kind.ports();
        let outputs = ports.outputs.iter().filter_map(|port| {
            let at = out_port_position(component, *port)?;
            let hit = HitTarget::OutPort(OutPortRef {
                component: component.id,
                port: *port,
            });
            Some((at.distance(point), hit))
        });
        let inputs = ports.inputs.iter().filter_map(|port| {
            let at = in_port_position(component, *port)?;
            let hit = HitTarget::InPort(InPortRef {
                component: component.id,
                port: *port,
            });
            Some((at.distance(point), hit))
        });
        let nearest = outputs
            .chain(inputs)
            .filter(|(distance, _)| *distance <= tolerance)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, hit)) = nearest {
            return hit;
        }
        if card_bounds(component).contains_point(point) {
            return HitTarget::Component(component.id);
        }
    }
    for wire in diagram.wires.iter().rev() {
        let ends = (
            out_ref_position(diagram, wire.from),
            in_ref_position(diagram, wire.to),
        );
        if let (Some(from), Some(to)) = ends
            && router.route(from, to).distance_to(point) <= tolerance
        {
            return HitTarget::Wire(wire.id);
        }
    }
    for group in diagram.groups.iter().rev() {
        if group_handle_bounds(group)
            .expand(tolerance)
            .contains_point(point)
        {
            return HitTarget::GroupHandle(group.id);
        }
        if group_title_bounds(group).contains_point(point) {
            return HitTarget::GroupTitle(group.id);
        }
        if group_bounds(group).contains_point(point) {
            return HitTarget::GroupBody(group.id);
        }
    }
    HitTarget::Canvas
}

/// The bounds of everything in the diagram (cards and datacenters), or `None` when empty.
pub fn diagram_bounds(diagram: &Diagram) -> Option<Rect> {
    Rect::bounding(
        diagram
            .components
            .iter()
            .map(card_bounds)
            .chain(diagram.groups.iter().map(group_bounds)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_with_an_ellipsis_and_short_ones_kept() {
        assert_eq!(fit_text("Cache", 14), "Cache");
        assert_eq!(fit_text("Load balancer (DC1)", 14), "Load balancer…");
        assert_eq!(fit_text("Load balancer (DC1)", 14).chars().count(), 14);
        // A Hangul syllable takes two letters' width: five of six fit before the ellipsis.
        assert_eq!(fit_text("데이터베이스 서버 클러스터", 6), "데이…");
        assert_eq!(fit_text("웹 서버", 7), "웹 서버");
    }

    #[test]
    fn a_cut_label_keeps_the_end_that_tells_copies_apart() {
        assert_eq!(fit_label("Load balancer 2", 14), "Load balanc… 2");
        assert_eq!(fit_label("Load balancer", 14), "Load balancer");
        assert_eq!(fit_label("Web servers (DC1)", 14), "Web ser… (DC1)");
        assert_eq!(
            fit_label("웹 서버 (데이터 센터 2)", 14),
            fit_text("웹 서버 (데이터 센터 2)", 14)
        );
        assert_eq!(fit_label("Messagequeue2", 8), "Message…");
        for label in [
            "Load balancer 2",
            "Web servers (DC1)",
            "웹 서버 (데이터 센터 2)",
        ] {
            let fitted = fit_label(label, 14);
            assert!(text_width(&fitted) <= 14, "{fitted}");
        }
    }

    #[test]
    fn a_card_seen_from_afar_shows_its_label_on_two_balanced_lines() {
        // One line when it fits.
        assert_eq!(far_lines("웹 서버", 8), ["웹 서버"]);
        assert_eq!(far_lines("Cache", 8), ["Cache"]);
        // At the space that balances the lines best.
        assert_eq!(far_lines("Load balancer", 8), ["Load", "balancer"]);
        assert_eq!(far_lines("세션 저장소", 8), ["세션", "저장소"]);
        // Without a space, near the middle.
        assert_eq!(far_lines("로드밸런서", 8), ["로드", "밸런서"]);
        assert_eq!(far_lines("데이터베이스", 8), ["데이터", "베이스"]);
        // A Latin word is never split silently: a first word too long for its line is cut,
        // and a label of one word breaks with a hyphen.
        assert_eq!(far_lines("Database (DC1)", 7), ["Databa…", "(DC1)"]);
        assert_eq!(far_lines("Loadbalancer", 8), ["Loadba-", "lancer"]);
        // What two lines cannot hold is cut.
        assert_eq!(far_lines("Web servers (DC1)", 8), ["Web", "servers…"]);
        for lines in [
            far_lines("메시지 큐 (데이터 센터 2)", 8),
            far_lines("x".repeat(40).as_str(), 8),
        ] {
            assert!(lines.len() <= 2);
            assert!(lines.iter().all(|l| text_width(l) <= 8), "{lines:?}");
        }
    }

    #[test]
    fn a_datacenters_long_name_is_cut_to_its_strip_at_every_zoom() {
        use crate::model::{Rect as ModelRect, Region};
        let group = |width| Group {
            id: crate::model::GroupId(1),
            name: "DC1".into(),
            region: Region::NorthAmerica,
            bounds: ModelRect::new(0.0, 0.0, width, 300.0),
        };
        let usual = "DC1 (US East) · North America";
        for (zoom, width) in [
            (0.1, 880.0),
            (0.3, 880.0),
            (0.5, 880.0),
            (0.8, 480.0),
            (1.0, 480.0),
            (2.0, 480.0),
        ] {
            let g = group(width);
            assert!(fits(usual, group_title_letters(&g, zoom)), "{zoom}");
            let long = format!(
                "{} · North America",
                "A very long datacenter name ".repeat(2)
            );
            let cut = fit_text(&long, group_title_letters(&g, zoom));
            assert!(
                cut.ends_with('…') && cut.len() < long.len(),
                "{zoom}: {cut}"
            );
        }
        // The narrowest frame still shows a letter and the mark of the cut.
        assert!(group_title_letters(&group(200.0), 0.1) >= 1);
    }

    /// A diagram of one datacenter in North America, named `name`, `width` x 400 units from
    /// the origin.
    fn one_datacenter(name: &str, width: f64) -> (Diagram, crate::model::GroupId) {
        use crate::model::{Rect as ModelRect, Region};
        let mut d = Diagram::new();
        let dc = d.fresh_group_id().unwrap();
        d.insert_group(Group {
            id: dc,
            name: name.into(),
            region: Region::NorthAmerica,
            bounds: ModelRect::new(0.0, 0.0, width, 400.0),
        })
        .unwrap();
        (d, dc)
    }

    #[test]
    fn from_afar_a_datacenters_larger_name_takes_the_room_above_the_cards_it_reaches() {
        use crate::model::{ComponentKind, Point};
        let (mut d, _) = one_datacenter("DC1 (US East)", 1200.0);
        // In the top row (centred 120 units down), right of where the name ends near (about
        // 270 units in) and left of where it ends from afar (about 560).
        let card = d
            .add_component(ComponentKind::Cache, "Cache", Point::new(420.0, 120.0))
            .unwrap();
        let far_right = d
            .add_component(ComponentKind::Cache, "Cache 2", Point::new(800.0, 120.0))
            .unwrap();
        // The canvas titles it with its region too.
        let title = |g: &Group| format!("{} · North America", g.name);
        let room = |id, zoom| room_above(&d, d.component(id).unwrap(), zoom, title);
        assert_eq!(room(card, 1.0), f64::INFINITY);
        let top = 120.0 - CARD_HEIGHT / 2.0;
        assert_eq!(room(card, 0.34), top - GROUP_TITLE_HEIGHT);
        assert_eq!(room(far_right, 0.34), f64::INFINITY);
        // A card above takes the room at every zoom, as far as it reaches.
        d.add_component(
            ComponentKind::Database,
            "Database",
            Point::new(820.0, -100.0),
        )
        .unwrap();
        let room = |id, zoom| room_above(&d, d.component(id).unwrap(), zoom, title);
        assert_eq!(room(far_right, 1.0), top - (-100.0 + CARD_HEIGHT / 2.0));
        assert_eq!(room(far_right, 0.34), room(far_right, 1.0));
    }

    #[test]
    fn from_afar_during_a_run_a_datacenters_title_ends_before_the_figures_above_its_top_row() {
        use crate::model::{ComponentKind, Point};
        let (mut d, dc) = one_datacenter("DC1 (US East)", 1200.0);
        let title = "DC1 (US East) · North America".to_string();
        let g = d.group(dc).unwrap().clone();
        let all = group_title_letters(&g, 0.34);
        // No card under the strip: the whole strip is the title's.
        assert_eq!(group_title_letters_beside_figures(&d, &g, 0.34), all);
        // A card just under the strip (its figures' line reaches into it), under where the
        // title reaches from afar (about 560 units).
        let y = GROUP_TITLE_HEIGHT + 10.0 + CARD_HEIGHT / 2.0;
        let card = d
            .add_component(ComponentKind::Cache, "Cache", Point::new(420.0, y))
            .unwrap();
        let letters = group_title_letters_beside_figures(&d, &g, 0.34);
        assert!(letters < text_width(&title), "{letters}");
        let cut = fit_text(&title, letters);
        // The title as cut ends left of the widest figure over the card...
        let b = card_bounds(d.component(card).unwrap());
        let figure_left = b.center().x - FAR_FIGURE_LETTERS * far_font(0.34) * FAR_LETTER_EM / 2.0;
        assert!(group_name_bounds(&g, &cut, 0.34).max.x <= figure_left);
        // ... so the card's figures have the room above it: its traffic and its hit ratio.
        let room = room_above(&d, d.component(card).unwrap(), 0.34, |_| cut.clone());
        assert!(far_figure_lines(room, 0.34) >= 2, "{room}");
        // Near, the badge stays under the title: nothing is cut.
        assert_eq!(
            group_title_letters_beside_figures(&d, &g, 1.0),
            group_title_letters(&g, 1.0)
        );
        // A card further down, whose figures stay under the strip, leaves the title whole.
        let mut lower = d.clone();
        lower.remove_component(card).unwrap();
        lower
            .add_component(ComponentKind::Cache, "Cache", Point::new(420.0, y + 40.0))
            .unwrap();
        assert_eq!(group_title_letters_beside_figures(&lower, &g, 0.34), all);
    }

    #[test]
    fn from_afar_a_card_leaves_out_the_datacenter_its_frame_names() {
        use crate::model::{ComponentKind, Point};
        let (mut d, dc) = one_datacenter("DC1", 600.0);
        let inside = d
            .add_component(
                ComponentKind::WebServers,
                "Web servers (DC1)",
                Point::new(100.0, 100.0),
            )
            .unwrap();
        let outside = d
            .add_component(
                ComponentKind::WebServers,
                "Web servers (DC1)",
                Point::new(900.0, 100.0),
            )
            .unwrap();
        d.set_group(inside, Some(dc)).unwrap();
        let label = |id| far_label(&d, d.component(id).unwrap()).to_string();
        assert_eq!(label(inside), "Web servers");
        // Not in that datacenter: the name is what tells it apart.
        assert_eq!(label(outside), "Web servers (DC1)");
        // A frame named by its first word and more ("DC1 (US East)", as the chapter final's):
        // the brackets name it too; a word that only begins its name does not.
        let mut rename = |name: &str| {
            d.groups.iter_mut().for_each(|g| g.name = name.into());
            far_label(&d, d.component(inside).unwrap()).to_string()
        };
        assert_eq!(rename("DC1 (US East)"), "Web servers");
        assert_eq!(rename("DC10"), "Web servers (DC1)");
        assert_eq!(rename("US East"), "Web servers (DC1)");
        assert_eq!(rename(" DC1 "), "Web servers");
    }

    #[test]
    fn a_card_title_too_long_leaves_out_the_datacenter_its_frame_names() {
        let room = CARD_LABEL_CHARS;
        // Fits whole: kept whole, brackets and all.
        assert_eq!(card_title("Cache (DC1)", "Cache", room), "Cache (DC1)");
        // Too long with the datacenter, whole without it.
        assert_eq!(
            card_title("Load balancer (DC1)", "Load balancer", room),
            "Load balancer"
        );
        // Too long either way: the shorter cut as a label is cut.
        assert_eq!(
            card_title(
                "Message queue for orders (DC1)",
                "Message queue for orders",
                room
            ),
            "Message queue…"
        );
        // Outside a datacenter nothing is left out.
        assert_eq!(
            card_title("Load balancer (DC1)", "Load balancer (DC1)", room),
            "Load ba… (DC1)"
        );
    }

    #[test]
    fn the_far_label_is_readable_and_stays_inside_its_card() {
        assert_eq!(far_letters(FAR_ZOOM), None);
        assert_eq!(far_letters(1.0), None);
        for zoom in [0.1, 0.2, 0.3, 0.39, 0.44, 0.55, 0.69, 0.78] {
            let font = far_font(zoom);
            // Two lines fit the card's height, and at a lesson's usual zoom on a phone the
            // letters are 12 px on screen.
            assert!(2.0 * FAR_LINE_EM * font <= CARD_HEIGHT, "{zoom}");
            if zoom >= 0.38 {
                assert!((font * zoom - 12.0).abs() < 1e-9, "{zoom}");
            }
            // At least "웹 서버" (7 letters' width) fits on a line.
            assert!(far_letters(zoom).unwrap() >= 7, "{zoom}");
        }
    }

    #[test]
    fn far_figures_take_the_lines_the_room_above_a_card_holds_and_always_one() {
        // At 50 % a far line is 24 units, 27.6 apart: the first reaches 25.2 above the card.
        assert_eq!(far_figure_lines(f64::INFINITY, 0.5), 9);
        assert_eq!(far_figure_lines(25.2 + 27.7, 0.5), 2);
        assert_eq!(far_figure_lines(25.2 + 27.5, 0.5), 1);
        assert_eq!(far_figure_lines(10.0, 0.5), 1);
        assert_eq!(far_figure_lines(-40.0, 0.5), 1);
        // Zoomed further out a line takes more of the world: 35.3 units at 34 %.
        assert_eq!(far_figure_lines(60.0, 0.34), 1);
        assert_eq!(far_figure_lines(80.0, 0.34), 2);
    }
}
