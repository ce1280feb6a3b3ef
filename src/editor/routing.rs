//! Where a wire runs: an orthogonal path from an output port to an input port that goes around
//! the cards, with rounded corners when drawn.
//!
//! One [`Route`] serves everything that follows a wire: the view draws its [`Route::svg_path`],
//! the run's animated flow moves along that same path, hit testing measures the distance to its
//! polyline and the hover label sits at its [`Route::midpoint`]. A wire leaves its output port
//! to the right and enters its input port from the left, each through a straight stub of
//! [`STUB`] world units, and between the stubs runs along lanes [`LANE_GAP`] away from the card
//! edges.
//!
//! How: the plain route (the two stubs joined by a vertical run halfway) is kept when it
//! crosses no card. Otherwise the cards in the way are the "nearby" ones, with the cards at the
//! two ends; the lanes are the lines `LANE_GAP` outside each nearby card's edges, plus the lines
//! through the two stub ends and halfway between them. A shortest path over that sparse grid
//! (A* over lane crossings, cost = length + [`BEND_COST`] per turn, no U-turns) avoids every
//! nearby card by at least [`CLEARANCE`]; a card it would still cross joins the nearby ones and
//! the search runs again, so the result never crosses a card unless none avoids it within a few
//! rounds (cards piled on one another, an end inside another card): then the plain route is
//! used. The work grows with the cards in a wire's way, not with the diagram (measured in
//! `benches/editor.rs`), and costs are integers with ties broken by depth then index, so the
//! same input always gives the same path: a route is stable while a card is dragged elsewhere.
//!
//! A route is a pure function of the card rectangles and its two ends. [`RouteCache`] only
//! remembers routes for the cards it last saw, and forgets them all when any card moves, so a
//! hover (which changes no card) costs no routing and a cached route is the one a fresh search
//! would give.
//!
//! Deliberately not here: spreading wires that share a lane apart, and crossings' hops.

use crate::decimal::Fixed;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Mutex, MutexGuard};

use super::geometry::{Rect, Vec2, distance_to_polyline};
use crate::sorted::SortedMap;

/// Length of the straight stub a wire leaves and enters a port with, in world units.
pub const STUB: f64 = 20.0;
/// Distance between a card's edge and the lane that runs beside it, in world units.
pub const LANE_GAP: f64 = 20.0;
/// The least distance a route keeps from any card other than at its two stubs.
pub const CLEARANCE: f64 = 10.0;
/// Radius of a drawn corner, in world units (smaller where a segment is short).
pub const CORNER_RADIUS: f64 = 10.0;
/// What one turn costs, in world units of length: a route takes a detour this long rather than
/// one more bend.
pub const BEND_COST: f64 = 40.0;
/// How many times a search grows its set of nearby cards before settling.
const MAX_ROUNDS: usize = 12;
/// Integer cost units per world unit (costs are integers so ties break the same way anywhere).
const COST_SCALE: f64 = 8.0;

/// A wire's path: an orthogonal polyline from the output port to the input port.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    points: Vec<Vec2>,
}

impl Route {
    /// The corners of the path, from the output port (first) to the input port (last).
    pub fn points(&self) -> &[Vec2] {
        &self.points
    }

    /// The distance from `point` to the path.
    pub fn distance_to(&self, point: Vec2) -> f64 {
        distance_to_polyline(point, &self.points).unwrap_or(f64::INFINITY)
    }

    /// The length of the path.
    pub fn length(&self) -> f64 {
        self.points.windows(2).map(|s| s[0].distance(s[1])).sum()
    }

    /// The point halfway along the path (where a label about the wire goes).
    pub fn midpoint(&self) -> Vec2 {
        let mut left = self.length() / 2.0;
        for s in self.points.windows(2) {
            let len = s[0].distance(s[1]);
            if len >= left && len > 0.0 {
                return s[0] + (s[1] - s[0]).scale(left / len);
            }
            left -= len;
        }
        self.points.last().copied().unwrap_or_default()
    }

    /// The SVG path data: the polyline with each corner rounded by a quarter curve of up to
    /// [`CORNER_RADIUS`], ending `end_gap` world units short of the input port (room for an
    /// arrowhead before the port's circle).
    pub fn svg_path(&self, end_gap: f64) -> String {
        use std::fmt::Write;
        let mut points = self.points.clone();
        if let [.., before, last] = points[..] {
            let len = before.distance(last);
            if len > 0.0 {
                let cut = end_gap.min(len / 2.0);
                let shortened = last - (last - before).scale(cut / len);
                if let Some(end) = points.last_mut() {
                    *end = shortened;
                }
            }
        }
        let mut d = String::new();
        let Some(first) = points.first() else {
            return d;
        };
        let _ = write!(d, "M{} {}", Fixed(first.x, 1), Fixed(first.y, 1));
        for i in 1..points.len() {
            let p = points[i];
            match (points.get(i - 1), points.get(i + 1)) {
                (Some(&a), Some(&b)) => {
                    let (la, lb) = (a.distance(p), p.distance(b));
                    let r = CORNER_RADIUS.min(la / 2.0).min(lb / 2.0);
                    if r <= 0.0 {
                        let _ = write!(d, "L{} {}", Fixed(p.x, 1), Fixed(p.y, 1));
                        continue;
                    }
                    let enter = p + (a - p).scale(r / la);
                    let leave = p + (b - p).scale(r / lb);
                    let _ = write!(
                        d,
                        "L{} {}Q{} {} {} {}",
                        Fixed(enter.x, 1),
                        Fixed(enter.y, 1),
                        Fixed(p.x, 1),
                        Fixed(p.y, 1),
                        Fixed(leave.x, 1),
                        Fixed(leave.y, 1)
                    );
                }
                _ => {
                    let _ = write!(d, "L{} {}", Fixed(p.x, 1), Fixed(p.y, 1));
                }
            }
        }
        d
    }
}

/// The rectangles a route avoids (the cards, and whatever else the caller adds: the editor
/// adds the datacenters' title strips), in world units.
#[derive(Clone, Debug, Default)]
pub struct Obstacles {
    cards: Vec<Rect>,
}

impl Obstacles {
    /// Obstacles for these card rectangles (every card, the wire's own two included).
    pub fn new(cards: Vec<Rect>) -> Self {
        Obstacles { cards }
    }

    /// The card rectangles.
    pub fn cards(&self) -> &[Rect] {
        &self.cards
    }

    /// The route from an output port at `from` to an input port at `to`.
    pub fn route(&self, from: Vec2, to: Vec2) -> Route {
        self.traced_route(from, to).route
    }

    /// The route with what its search looked at: see [`Traced`].
    fn traced_route(&self, from: Vec2, to: Vec2) -> Traced {
        let start = from + Vec2::new(STUB, 0.0);
        let goal = to - Vec2::new(STUB, 0.0);
        let plain = plain_route(from, to);
        let ends = end_areas(from, to);
        let mut near: Vec<usize> = (0..self.cards.len())
            .filter(|&i| {
                ends.iter().any(|e| self.cards[i].intersects(e)) || self.crosses(i, &plain)
            })
            .collect();
        let mut paths = vec![plain.clone()];
        let mut points = plain;
        if !near.is_empty() {
            for _ in 0..MAX_ROUNDS {
                let Some(middle) = self.search(&near, start, goal) else {
                    break;
                };
                let found = finish(from, middle, to);
                let crossed: Vec<usize> = (0..self.cards.len())
                    .filter(|i| !near.contains(i) && self.crosses(*i, &found))
                    .collect();
                paths.push(found.clone());
                if crossed.is_empty() {
                    points = found;
                    break;
                }
                near.extend(crossed);
                crate::order::sort_by(&mut near, &|a, b| a.cmp(b));
            }
        }
        Traced {
            route: Route { points },
            near,
            paths,
        }
    }

    /// Whether the route `points` passes through card `i` (its stubs may touch their cards).
    fn crosses(&self, i: usize, points: &[Vec2]) -> bool {
        crosses(&self.cards[i], points)
    }

    /// The cheapest orthogonal path from `start` to `goal` along the lanes of the cards `near`,
    /// leaving `start` and reaching `goal` heading right; `None` when the cards wall an end in.
    fn search(&self, near: &[usize], start: Vec2, goal: Vec2) -> Option<Vec<Vec2>> {
        let walls: Vec<Rect> = near
            .iter()
            .map(|&i| self.cards[i].expand(CLEARANCE - 0.5))
            .collect();
        let mut xs = vec![start.x, goal.x, (start.x + goal.x) / 2.0];
        let mut ys = vec![start.y, goal.y, (start.y + goal.y) / 2.0];
        for &i in near {
            let lanes = self.cards[i].expand(LANE_GAP);
            xs.extend([lanes.min.x, lanes.max.x]);
            ys.extend([lanes.min.y, lanes.max.y]);
        }
        let xs = sorted_lines(xs);
        let ys = sorted_lines(ys);
        let find = |lines: &[f64], v: f64| lines.iter().position(|l| *l == v);
        let (sx, sy) = (find(&xs, start.x)?, find(&ys, start.y)?);
        let (gx, gy) = (find(&xs, goal.x)?, find(&ys, goal.y)?);
        let grid = Grid::new(&xs, &ys, &walls);
        grid.shortest(sx, sy, gx, gy)
    }
}

/// Routes remembered for one set of cards: see the module doc. Interior mutability (a mutex,
/// uncontended: the editor is used from one thread) lets the editor route from `&self`.
#[derive(Debug, Default)]
pub struct RouteCache {
    inner: Mutex<CacheInner>,
}

#[derive(Debug, Default)]
struct CacheInner {
    obstacles: Obstacles,
    /// Routes by their ends' coordinates (bit patterns, so equal inputs hit), each with its
    /// search's trace. A route whose end card moved is dropped with the moves (that card is
    /// one it routed around), so stale ends do not pile up while a card is dragged.
    routes: SortedMap<[u64; 4], Traced>,
}

impl RouteCache {
    /// A router among `obstacles`. Routes remembered for the same cards are kept; when cards
    /// moved, a route is kept only if no moved card could have changed its search (see
    /// [`Traced`]), so it is what a fresh search would give. Adding or removing a card forgets
    /// them all.
    pub fn router(&self, obstacles: Obstacles) -> Router<'_> {
        let mut inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let cache = &mut *inner;
        if cache.obstacles.cards.len() != obstacles.cards.len() {
            cache.routes.clear();
        } else if cache.obstacles.cards != obstacles.cards {
            let moved: Vec<usize> = (0..obstacles.cards.len())
                .filter(|&i| cache.obstacles.cards[i] != obstacles.cards[i])
                .collect();
            cache.routes.retain(|key, traced| {
                let [fx, fy, tx, ty] = key.map(f64::from_bits);
                let (from, to) = (Vec2::new(fx, fy), Vec2::new(tx, ty));
                moved
                    .iter()
                    .all(|&i| traced.unaffected_by(i, &obstacles.cards[i], from, to))
            });
        }
        cache.obstacles = obstacles;
        Router { inner }
    }
}

/// Routes among one set of cards, remembered in the [`RouteCache`] it came from.
pub struct Router<'a> {
    inner: MutexGuard<'a, CacheInner>,
}

impl Router<'_> {
    /// The route from an output port at `from` to an input port at `to` (as
    /// [`Obstacles::route`]).
    pub fn route(&mut self, from: Vec2, to: Vec2) -> Route {
        let key = [from.x, from.y, to.x, to.y].map(f64::to_bits);
        if let Some(traced) = self.inner.routes.get(&key) {
            return traced.route.clone();
        }
        let traced = self.inner.obstacles.traced_route(from, to);
        let route = traced.route.clone();
        self.inner.routes.insert(key, traced);
        route
    }
}

/// A route with what its search looked at: the cards it routed around (`near`, indices into
/// the obstacles) and every path it checked for crossings (the plain route first). A card that
/// is none of `near` and crosses none of `paths` and neither end's area could not have changed
/// the search: moving such a card leaves the route what a fresh search would give.
#[derive(Clone, Debug)]
struct Traced {
    route: Route,
    near: Vec<usize>,
    paths: Vec<Vec<Vec2>>,
}

impl Traced {
    /// Whether card `i`, now at `card`, leaves this search as it was (see the type's doc).
    fn unaffected_by(&self, i: usize, card: &Rect, from: Vec2, to: Vec2) -> bool {
        !self.near.contains(&i)
            && !end_areas(from, to).iter().any(|e| card.intersects(e))
            && !self.paths.iter().any(|p| crosses(card, p))
    }
}

/// The areas around a route's two stub ends whose cards a search always routes around.
fn end_areas(from: Vec2, to: Vec2) -> [Rect; 2] {
    [
        Rect::from_center_size(from + Vec2::new(STUB, 0.0), Vec2::ZERO).expand(LANE_GAP),
        Rect::from_center_size(to - Vec2::new(STUB, 0.0), Vec2::ZERO).expand(LANE_GAP),
    ]
}

/// Whether the route `points` passes through `card` (its stubs may touch their cards).
fn crosses(card: &Rect, points: &[Vec2]) -> bool {
    let last = points.len().saturating_sub(2);
    points.windows(2).enumerate().any(|(k, s)| {
        let keep_off = if k == 0 || k == last {
            card.expand(-0.5)
        } else {
            card.expand(CLEARANCE - 0.5)
        };
        segment_enters(&keep_off, s[0], s[1])
    })
}

/// The four headings, in the order their indices are used.
const HEADINGS: [(isize, isize); 4] = [(1, 0), (0, 1), (-1, 0), (0, -1)];
const EAST: usize = 0;

/// The lane crossings a search walks: node `(i, j)` is `(xs[i], ys[j])`, with which steps
/// between neighbours a wall blocks, worked out once per search.
struct Grid<'a> {
    xs: &'a [f64],
    ys: &'a [f64],
    /// Whether the step from `(i, j)` to `(i + 1, j)` is blocked, at `j * xs.len() + i`.
    blocked_right: Vec<bool>,
    /// Whether the step from `(i, j)` to `(i, j + 1)` is blocked, at `j * xs.len() + i`.
    blocked_down: Vec<bool>,
}

impl<'a> Grid<'a> {
    fn new(xs: &'a [f64], ys: &'a [f64], walls: &[Rect]) -> Self {
        let (nx, ny) = (xs.len(), ys.len());
        let mut blocked_right = vec![false; nx * ny];
        let mut blocked_down = vec![false; nx * ny];
        // Lines strictly inside (lo, hi), and steps between neighbouring lines that overlap it.
        let inside = |lines: &[f64], lo: f64, hi: f64| {
            lines.partition_point(|v| *v <= lo)..lines.partition_point(|v| *v < hi)
        };
        let steps = |lines: &[f64], lo: f64, hi: f64| {
            let first = lines.partition_point(|v| *v <= lo).saturating_sub(1);
            first
                ..lines
                    .partition_point(|v| *v < hi)
                    .min(lines.len().saturating_sub(1))
        };
        for w in walls {
            for j in inside(ys, w.min.y, w.max.y) {
                for i in steps(xs, w.min.x, w.max.x) {
                    blocked_right[j * nx + i] = true;
                }
            }
            for i in inside(xs, w.min.x, w.max.x) {
                for j in steps(ys, w.min.y, w.max.y) {
                    blocked_down[j * nx + i] = true;
                }
            }
        }
        Grid {
            xs,
            ys,
            blocked_right,
            blocked_down,
        }
    }

    /// Whether the step from `(i, j)` to its neighbour `(ni, nj)` is blocked.
    fn blocked(&self, (i, j): (usize, usize), (ni, nj): (usize, usize)) -> bool {
        let nx = self.xs.len();
        if j == nj {
            self.blocked_right[j * nx + i.min(ni)]
        } else {
            self.blocked_down[j.min(nj) * nx + i]
        }
    }

    fn point(&self, i: usize, j: usize) -> Vec2 {
        Vec2::new(self.xs[i], self.ys[j])
    }

    fn cost(length: f64) -> u64 {
        (length * COST_SCALE).round() as u64
    }

    /// A* over (node, heading) states; returns the corners from start to goal.
    fn shortest(&self, sx: usize, sy: usize, gx: usize, gy: usize) -> Option<Vec<Vec2>> {
        let (nx, ny) = (self.xs.len(), self.ys.len());
        let state = |i: usize, j: usize, h: usize| (j * nx + i) * 4 + h;
        let goal_point = self.point(gx, gy);
        let estimate = |i: usize, j: usize| {
            let p = self.point(i, j);
            Self::cost((p.x - goal_point.x).abs() + (p.y - goal_point.y).abs())
        };
        let bend = Self::cost(BEND_COST);
        let mut best = vec![u64::MAX; nx * ny * 4];
        let mut came_from = vec![usize::MAX; nx * ny * 4];
        let mut open = BinaryHeap::new();
        let first = state(sx, sy, EAST);
        best[first] = 0;
        open.push(Reverse((estimate(sx, sy), u64::MAX, first)));
        while let Some(Reverse((_, deep, s))) = open.pop() {
            // Among equal estimates the deepest state first: fewer ties explored.
            let g = u64::MAX - deep;
            if g > best[s] {
                continue;
            }
            let (h, node) = (s % 4, s / 4);
            let (i, j) = (node % nx, node / nx);
            if (i, j) == (gx, gy) {
                if h == EAST {
                    return Some(self.walk_back(&came_from, s, nx));
                }
                // Turn towards the input port where the lanes meet it.
                let turned = state(i, j, EAST);
                if g + bend < best[turned] {
                    best[turned] = g + bend;
                    came_from[turned] = s;
                    open.push(Reverse((g + bend, u64::MAX - (g + bend), turned)));
                }
                continue;
            }
            for (next_h, (dx, dy)) in HEADINGS.iter().enumerate() {
                if next_h == (h + 2) % 4 {
                    continue;
                }
                let (ni, nj) = (i as isize + dx, j as isize + dy);
                if ni < 0 || nj < 0 || ni as usize >= nx || nj as usize >= ny {
                    continue;
                }
                let (ni, nj) = (ni as usize, nj as usize);
                if self.blocked((i, j), (ni, nj)) {
                    continue;
                }
                let (a, b) = (self.point(i, j), self.point(ni, nj));
                let step = Self::cost(a.distance(b)) + if next_h == h { 0 } else { bend };
                let next = state(ni, nj, next_h);
                if g + step < best[next] {
                    best[next] = g + step;
                    came_from[next] = s;
                    open.push(Reverse((
                        g + step + estimate(ni, nj),
                        u64::MAX - (g + step),
                        next,
                    )));
                }
            }
        }
        None
    }

    /// The corners of the path that ends in state `end`.
    fn walk_back(&self, came_from: &[usize], end: usize, nx: usize) -> Vec<Vec2> {
        let mut nodes = Vec::new();
        let mut s = end;
        loop {
            let node = s / 4;
            let p = self.point(node % nx, node / nx);
            if nodes.last() != Some(&p) {
                nodes.push(p);
            }
            match came_from[s] {
                usize::MAX => break,
                previous => s = previous,
            }
        }
        nodes.reverse();
        nodes
    }
}

/// `lines` sorted with repeats removed (exact values: the ends' own lines must stay findable).
fn sorted_lines(mut lines: Vec<f64>) -> Vec<f64> {
    lines.retain(|v| v.is_finite());
    crate::order::sort_by(&mut lines, &|a, b| a.total_cmp(b));
    lines.dedup();
    lines
}

/// The whole route: the ports around the searched `middle`, with straight runs merged.
fn finish(from: Vec2, middle: Vec<Vec2>, to: Vec2) -> Vec<Vec2> {
    let mut all = Vec::with_capacity(middle.len() + 2);
    all.push(from);
    all.extend(middle);
    all.push(to);
    simplify(all)
}

/// The route used when no path avoids the cards: stubs joined by a vertical run halfway.
fn plain_route(from: Vec2, to: Vec2) -> Vec<Vec2> {
    let start = from + Vec2::new(STUB, 0.0);
    let goal = to - Vec2::new(STUB, 0.0);
    let mid = (start.x + goal.x) / 2.0;
    simplify(vec![
        from,
        start,
        Vec2::new(mid, start.y),
        Vec2::new(mid, goal.y),
        goal,
        to,
    ])
}

/// `points` without repeated points and without corners where the path runs straight on.
fn simplify(points: Vec<Vec2>) -> Vec<Vec2> {
    let mut out: Vec<Vec2> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if let [.., a, b] = out[..] {
            let straight = (a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y);
            let onward = (b - a).dot(p - b) > 0.0;
            if straight && onward {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// Whether the axis-aligned segment `a`–`b` enters the inside of `wall` (its border excluded).
fn segment_enters(wall: &Rect, a: Vec2, b: Vec2) -> bool {
    let (lo_x, hi_x) = (a.x.min(b.x), a.x.max(b.x));
    let (lo_y, hi_y) = (a.y.min(b.y), a.y.max(b.y));
    lo_x < wall.max.x && hi_x > wall.min.x && lo_y < wall.max.y && hi_y > wall.min.y
}
