//! Where new cards go and what copies are called: free space near the wanted spot, and
//! numbered labels ("Cache 2") for copies whose label is taken.
//!
//! A new card (click-to-add) or a group of new cards (a paste, a duplicate) is placed as a whole:
//! the search tries offsets from the wanted spot on a grid of card-sized steps, nearest first
//! (ties broken clockwise from the right, screen y pointing down), and takes the first offset at
//! which no new card comes within [`MARGIN`] of an existing card, each card counted with the
//! room its run badge takes above it ([`BADGE_ROOM`]): a card added under another never has
//! the figures of a run drawn over the card above. The search is bounded to
//! [`RINGS`] steps each way; when all of that is taken, the cards go just right of everything.
//! The steps are whole grid cells, so a snapped position stays snapped.
//!
//! A label is numbered only when it is taken: the first free "base n" for n = 2, 3, ..., where
//! the base is the label without a trailing " n" (so copying "Cache 2" gives "Cache 3", not
//! "Cache 2 2"). Labels are data: the numbers are written the same in every language.
//!
//! A new datacenter frame is placed the same way among the frames already there
//! ([`free_frame_offset`]): frames never overlap as they are added. Deliberately not here:
//! which frame a card belongs to (the one under its centre, see `document_ops`), and the
//! commands that add the cards and frames.

use super::geometry::{Rect, Vec2};
use super::layout::{BADGE_ROOM, CARD_HEIGHT, CARD_WIDTH};

/// The least gap (world units) left between a new card and any existing one.
pub const MARGIN: f64 = 20.0;
/// How many steps each way the search for free space goes before giving up on nearness.
pub const RINGS: i32 = 12;

/// The search step: a card with its badge room plus the margin, rounded up to whole grid cells
/// (when `grid` > 0).
pub fn step(grid: f64) -> Vec2 {
    Vec2::new(
        round_up(CARD_WIDTH + MARGIN, grid),
        round_up(CARD_HEIGHT + BADGE_ROOM + MARGIN, grid),
    )
}

/// The search step for a new datacenter frame of `size`: a quarter of it each way, in whole
/// grid cells, so a snapped frame stays snapped.
pub fn frame_step(size: Vec2, grid: f64) -> Vec2 {
    Vec2::new(round_up(size.x / 4.0, grid), round_up(size.y / 4.0, grid))
}

/// `x` rounded up to whole cells of `grid` (when `grid` > 0).
fn round_up(x: f64, grid: f64) -> f64 {
    if grid > 0.0 && grid.is_finite() {
        (x / grid).ceil() * grid
    } else {
        x
    }
}

/// What a card takes on the canvas during a run: its bounds and its badge's room above them.
fn footprint(card: &Rect) -> Rect {
    Rect::from_corners(card.min - Vec2::new(0.0, BADGE_ROOM), card.max)
}

/// Whether card `shape` keeps at least [`MARGIN`] away from every card of `occupied`, each with
/// its badge room (a gap of exactly the margin counts as free).
fn is_free(shape: &Rect, occupied: &[Rect]) -> bool {
    let near = footprint(shape).expand(MARGIN - 1e-6);
    !occupied.iter().any(|r| near.intersects(&footprint(r)))
}

/// The candidate offsets in grid steps, nearest to the wanted spot first (in world distance
/// with `step`), ties broken clockwise from the right.
fn candidates(step: Vec2) -> Vec<(i32, i32)> {
    let mut all: Vec<(i32, i32)> = (-RINGS..=RINGS)
        .flat_map(|j| (-RINGS..=RINGS).map(move |i| (i, j)))
        .collect();
    let key = |&(i, j): &(i32, i32)| {
        let (x, y) = (f64::from(i) * step.x, f64::from(j) * step.y);
        let angle = y.atan2(x).rem_euclid(std::f64::consts::TAU);
        (x * x + y * y, angle)
    };
    crate::order::sort_by(&mut all, &|a, b| {
        let (da, aa) = key(a);
        let (db, ab) = key(b);
        da.total_cmp(&db).then(aa.total_cmp(&ab))
    });
    all
}

/// The offset to move `shapes` (the new cards at their wanted spots) by so that none comes
/// within [`MARGIN`] of `occupied` (the existing cards): zero when they are free where they are,
/// otherwise the nearest free offset on the grid of `step`s, or, when the bounded search finds
/// none, the nearest whole number of steps to the right of everything.
pub fn free_offset(shapes: &[Rect], occupied: &[Rect], step: Vec2) -> Vec2 {
    let (Some(group), Some(taken)) = (
        Rect::bounding(shapes.iter().copied()),
        Rect::bounding(occupied.iter().copied()),
    ) else {
        return Vec2::new(0.0, 0.0);
    };
    nearest_free(group, taken, step, |offset| {
        // Only the occupants near the moved group can be in the way (a big paste stays cheap).
        let reach = footprint(&group.translate(offset)).expand(MARGIN + BADGE_ROOM);
        let near: Vec<Rect> = occupied
            .iter()
            .filter(|r| reach.intersects(r))
            .copied()
            .collect();
        shapes.iter().all(|s| is_free(&s.translate(offset), &near))
    })
}

/// The offset to move a new datacenter `frame` by so that it keeps [`MARGIN`] away from every
/// frame of `frames`: zero where it is free, otherwise the nearest free offset on the grid of
/// `step`s, or, past the bounded search, the nearest whole number of steps to the right of
/// them all. A frame never lands on another: the cards it covers would leave theirs for it.
pub fn free_frame_offset(frame: Rect, frames: &[Rect], step: Vec2) -> Vec2 {
    let Some(taken) = Rect::bounding(frames.iter().copied()) else {
        return Vec2::new(0.0, 0.0);
    };
    nearest_free(frame, taken, step, |offset| {
        let near = frame.translate(offset).expand(MARGIN - 1e-6);
        !frames.iter().any(|f| near.intersects(f))
    })
}

/// The search both placements share: the first offset on the grid of `step`s, nearest first
/// ([`candidates`]), at which `free` holds for what moves (`moved`, its bounds); past the
/// bounded search, the nearest whole number of steps that takes it [`MARGIN`] to the right of
/// `taken`, the bounds of everything in the way.
fn nearest_free(moved: Rect, taken: Rect, step: Vec2, free: impl Fn(Vec2) -> bool) -> Vec2 {
    let step = Vec2::new(step.x.max(1.0), step.y.max(1.0));
    if let Some(offset) = candidates(step)
        .into_iter()
        .map(|(i, j)| Vec2::new(f64::from(i) * step.x, f64::from(j) * step.y))
        .find(|o| free(*o))
    {
        return offset;
    }
    let steps = ((taken.max.x + MARGIN - moved.min.x) / step.x)
        .ceil()
        .max(1.0);
    Vec2::new(steps * step.x, 0.0)
}

/// `label` split into its base and trailing number: "Cache 2" -> ("Cache", Some(2)).
fn split_number(label: &str) -> (&str, Option<u32>) {
    match label.rsplit_once(' ') {
        Some((base, n))
            if !base.trim().is_empty()
                && !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && !n.starts_with('0') =>
        {
            match n.parse() {
                Ok(n) => (base, Some(n)),
                Err(_) => (label, None),
            }
        }
        _ => (label, None),
    }
}

/// `label` itself when `taken` says it is free, otherwise the first free "base n" (n >= 2),
/// where the base is `label` without a trailing number.
pub fn numbered_label(label: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(label) {
        return label.to_string();
    }
    let (base, _) = split_number(label);
    (2u32..)
        .map(|n| format!("{base} {n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| label.to_string())
}

/// Gives each component of `d` a label of its own, for a design nobody named by hand (a lesson's,
/// an example's, whose components carry their kind's name): components sharing a label are
/// told apart by their datacenter's name ("Web servers (DC1)") or, for users outside any, by
/// their region ("Users (Europe)"), in `lang`; any still shared are numbered as copies are
/// ("Web servers 2", the first keeping its label). A label already its own is kept.
pub fn distinct_labels(d: &mut crate::model::Diagram, lang: crate::present::lang::Lang) {
    use crate::model::ComponentConfig;
    let shared = |d: &crate::model::Diagram, label: &str| {
        d.components.iter().filter(|c| c.label == label).count() > 1
    };
    let qualified: Vec<Option<String>> = d
        .components
        .iter()
        .map(|c| {
            if !shared(d, &c.label) {
                return None;
            }
            let by = match (c.group.and_then(|g| d.group(g)), &c.config) {
                (Some(g), _) => g.name.clone(),
                (None, ComponentConfig::Users(u)) => {
                    crate::present::say::region_name(lang, u.region).to_string()
                }
                (None, _) => return None,
            };
            Some(format!("{} ({by})", c.label))
        })
        .collect();
    for (c, label) in d.components.iter_mut().zip(qualified) {
        if let Some(label) = label {
            c.label = label;
        }
    }
    for i in 0..d.components.len() {
        let label = d.components[i].label.clone();
        if d.components[..i].iter().any(|c| c.label == label) {
            d.components[i].label =
                numbered_label(&label, |l| d.components.iter().any(|c| c.label == l));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(x: f64, y: f64) -> Rect {
        Rect::from_center_size(Vec2::new(x, y), Vec2::new(CARD_WIDTH, CARD_HEIGHT))
    }

    #[test]
    fn the_step_is_a_card_and_its_margin_in_whole_grid_cells() {
        assert_eq!(step(20.0), Vec2::new(180.0, 160.0));
        assert_eq!(step(0.0), Vec2::new(180.0, 144.0));
    }

    #[test]
    fn a_free_spot_is_kept_and_a_taken_one_moves_to_the_nearest_free_one() {
        let s = step(20.0);
        assert_eq!(
            free_offset(&[card(0.0, 0.0)], &[card(500.0, 0.0)], s),
            Vec2::new(0.0, 0.0)
        );
        assert_eq!(free_offset(&[card(0.0, 0.0)], &[], s), Vec2::new(0.0, 0.0));
        // Straight below is the nearest step (160 < 180); below comes before above.
        assert_eq!(
            free_offset(&[card(0.0, 0.0)], &[card(0.0, 0.0)], s),
            Vec2::new(0.0, 160.0)
        );
        // A card one margin away is free; one unit nearer is not.
        assert!(is_free(&card(180.0, 0.0), &[card(0.0, 0.0)]));
        assert!(!is_free(&card(179.0, 0.0), &[card(0.0, 0.0)]));
        // Below another, the margin counts from the bottom of the card above to the top of the
        // badge room of the card below: 88 + 20 + 36 apart, not 88 + 20.
        assert!(is_free(&card(0.0, 144.0), &[card(0.0, 0.0)]));
        assert!(!is_free(&card(0.0, 143.0), &[card(0.0, 0.0)]));
        assert!(!is_free(&card(0.0, 108.0), &[card(0.0, 0.0)]));
        // Above another, the same: the card above must clear the badge of the one below.
        assert!(is_free(&card(0.0, -144.0), &[card(0.0, 0.0)]));
        assert!(!is_free(&card(0.0, -143.0), &[card(0.0, 0.0)]));
    }

    #[test]
    fn a_group_moves_as_a_whole_and_a_full_search_area_gives_way_to_the_right() {
        let s = step(20.0);
        let group = [card(0.0, 0.0), card(300.0, 0.0)];
        let offset = free_offset(&group, &[card(300.0, 0.0)], s);
        assert_eq!(offset, Vec2::new(0.0, 160.0));
        // Everything within the search is taken: one huge occupant.
        let wall = Rect::from_center_size(Vec2::new(0.0, 0.0), Vec2::new(10_000.0, 10_000.0));
        let offset = free_offset(&[card(0.0, 0.0)], &[wall], s);
        assert!(is_free(&card(0.0, 0.0).translate(offset), &[wall]));
        assert_eq!(offset.y, 0.0);
    }

    #[test]
    fn taken_labels_get_the_first_free_number_on_their_base() {
        let taken = |names: &'static [&'static str]| move |l: &str| names.contains(&l);
        assert_eq!(numbered_label("Cache", taken(&[])), "Cache");
        assert_eq!(numbered_label("Cache", taken(&["Cache"])), "Cache 2");
        assert_eq!(
            numbered_label("Cache", taken(&["Cache", "Cache 2"])),
            "Cache 3"
        );
        assert_eq!(
            numbered_label("Cache 2", taken(&["Cache", "Cache 2"])),
            "Cache 3"
        );
        assert_eq!(
            numbered_label("Cache (DC1)", taken(&["Cache (DC1)"])),
            "Cache (DC1) 2"
        );
        assert_eq!(numbered_label("웹 서버", taken(&["웹 서버"])), "웹 서버 2");
        assert_eq!(numbered_label("2", taken(&["2"])), "2 2");
        assert_eq!(
            numbered_label("Shard 07", taken(&["Shard 07"])),
            "Shard 07 2"
        );
    }
}
