//! Plane geometry for the canvas: 2-D vectors, axis-aligned rectangles, hit-testing helpers,
//! box-selection tests and grid snapping.
//!
//! Everything is plain `f64` arithmetic with no notion of screen or world: the caller says which
//! space a value lives in (parameter names end in `_world` or `_screen` where it matters, and
//! [`super::camera::Camera`] converts between them). Rectangles are always normalised
//! (`min <= max` on both axes); constructors that take arbitrary corners sort them. Nothing here
//! allocates or panics on any finite input; non-finite input gives non-finite output rather
//! than a panic.

use crate::decimal::Within;
use serde::{Deserialize, Serialize};

/// A 2-D vector or point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Vec2 {
    pub x: f64,
    pub y: f64,
}

impl Vec2 {
    /// The origin / the zero vector.
    pub const ZERO: Vec2 = Vec2 { x: 0.0, y: 0.0 };

    pub const fn new(x: f64, y: f64) -> Self {
        Vec2 { x, y }
    }

    /// Euclidean length.
    pub fn length(self) -> f64 {
        self.x.hypot(self.y)
    }

    /// Distance to `other`.
    pub fn distance(self, other: Vec2) -> f64 {
        (self - other).length()
    }

    /// Dot product.
    pub fn dot(self, other: Vec2) -> f64 {
        self.x * other.x + self.y * other.y
    }

    /// Multiplies both coordinates by `factor`.
    pub fn scale(self, factor: f64) -> Vec2 {
        Vec2::new(self.x * factor, self.y * factor)
    }

    /// Whether both coordinates are finite numbers.
    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

impl std::ops::Add for Vec2 {
    type Output = Vec2;
    fn add(self, rhs: Vec2) -> Vec2 {
        Vec2::new(self.x + rhs.x, self.y + rhs.y)
    }
}

impl std::ops::Sub for Vec2 {
    type Output = Vec2;
    fn sub(self, rhs: Vec2) -> Vec2 {
        Vec2::new(self.x - rhs.x, self.y - rhs.y)
    }
}

impl std::ops::Neg for Vec2 {
    type Output = Vec2;
    fn neg(self) -> Vec2 {
        Vec2::new(-self.x, -self.y)
    }
}

impl std::ops::AddAssign for Vec2 {
    fn add_assign(&mut self, rhs: Vec2) {
        *self = *self + rhs;
    }
}

/// An axis-aligned rectangle, always normalised (`min.x <= max.x`, `min.y <= max.y`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub min: Vec2,
    pub max: Vec2,
}

impl Rect {
    /// The rectangle spanned by two opposite corners given in any order (a box-select drag can
    /// go up-left as well as down-right).
    pub fn from_corners(a: Vec2, b: Vec2) -> Self {
        Rect {
            min: Vec2::new(a.x.min(b.x), a.y.min(b.y)),
            max: Vec2::new(a.x.max(b.x), a.y.max(b.y)),
        }
    }

    /// The rectangle with top-left corner `origin` and the given size; a negative size extends
    /// the other way.
    pub fn from_origin_size(origin: Vec2, size: Vec2) -> Self {
        Rect::from_corners(origin, origin + size)
    }

    /// The rectangle of `size` centred on `center`.
    pub fn from_center_size(center: Vec2, size: Vec2) -> Self {
        let half = Vec2::new(size.x.abs() / 2.0, size.y.abs() / 2.0);
        Rect {
            min: center - half,
            max: center + half,
        }
    }

    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    pub fn size(&self) -> Vec2 {
        self.max - self.min
    }

    pub fn center(&self) -> Vec2 {
        Vec2::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// Whether `point` lies inside or on the border.
    pub fn contains_point(&self, point: Vec2) -> bool {
        point.x >= self.min.x
            && point.x <= self.max.x
            && point.y >= self.min.y
            && point.y <= self.max.y
    }

    /// Whether `other` lies entirely inside this rectangle (borders may touch).
    pub fn contains_rect(&self, other: &Rect) -> bool {
        self.contains_point(other.min) && self.contains_point(other.max)
    }

    /// Whether the two rectangles share at least one point (touching borders count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }

    /// The smallest rectangle containing both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: Vec2::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Vec2::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// The smallest rectangle containing every rectangle of `rects`, or `None` when empty.
    pub fn bounding<I: IntoIterator<Item = Rect>>(rects: I) -> Option<Rect> {
        rects.into_iter().reduce(|acc, r| acc.union(&r))
    }

    /// This rectangle moved by `delta`.
    pub fn translate(&self, delta: Vec2) -> Rect {
        Rect {
            min: self.min + delta,
            max: self.max + delta,
        }
    }

    /// This rectangle grown by `margin` on every side (shrunk for a negative margin, never past
    /// its centre).
    pub fn expand(&self, margin: f64) -> Rect {
        let c = self.center();
        let min = Vec2::new(
            (self.min.x - margin).min(c.x),
            (self.min.y - margin).min(c.y),
        );
        let max = Vec2::new(
            (self.max.x + margin).max(c.x),
            (self.max.y + margin).max(c.y),
        );
        Rect { min, max }
    }
}

/// How a box selection decides whether a shape is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxSelectMode {
    /// Anything the box touches is selected.
    Intersect,
    /// Only shapes wholly inside the box are selected.
    Contain,
}

/// Whether a shape with bounds `shape` is picked by the selection box `selection_box`.
pub fn box_selects(selection_box: &Rect, shape: &Rect, mode: BoxSelectMode) -> bool {
    match mode {
        BoxSelectMode::Intersect => selection_box.intersects(shape),
        BoxSelectMode::Contain => selection_box.contains_rect(shape),
    }
}

/// The shortest distance from `point` to the segment `a`–`b` (a degenerate segment is a point).
pub fn distance_to_segment(point: Vec2, a: Vec2, b: Vec2) -> f64 {
    let ab = b - a;
    let len_sq = ab.dot(ab);
    if len_sq == 0.0 {
        return point.distance(a);
    }
    let t = ((point - a).dot(ab) / len_sq).within(0.0, 1.0);
    point.distance(a + ab.scale(t))
}

/// The shortest distance from `point` to a polyline, or `None` for an empty polyline.
pub fn distance_to_polyline(point: Vec2, polyline: &[Vec2]) -> Option<f64> {
    match polyline {
        [] => None,
        [only] => Some(point.distance(*only)),
        _ => polyline
            .windows(2)
            .map(|seg| distance_to_segment(point, seg[0], seg[1]))
            .reduce(f64::min),
    }
}

/// Rounds `point` to the nearest multiple of `grid` on each axis. A grid size that is not a
/// positive finite number disables snapping and returns the point unchanged.
pub fn snap_to_grid(point: Vec2, grid: f64) -> Vec2 {
    if !(grid.is_finite() && grid > 0.0) {
        return point;
    }
    Vec2::new(
        (point.x / grid).round() * grid,
        (point.y / grid).round() * grid,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_from_corners_normalises_any_drag_direction() {
        let r = Rect::from_corners(Vec2::new(10.0, 2.0), Vec2::new(-4.0, 8.0));
        assert_eq!(r.min, Vec2::new(-4.0, 2.0));
        assert_eq!(r.max, Vec2::new(10.0, 8.0));
        assert_eq!(r.width(), 14.0);
        assert_eq!(r.height(), 6.0);
        assert_eq!(r.center(), Vec2::new(3.0, 5.0));
    }

    #[test]
    fn contains_and_intersects_count_touching_borders() {
        let a = Rect::from_corners(Vec2::ZERO, Vec2::new(10.0, 10.0));
        let touching = Rect::from_corners(Vec2::new(10.0, 0.0), Vec2::new(20.0, 5.0));
        let apart = Rect::from_corners(Vec2::new(10.1, 0.0), Vec2::new(20.0, 5.0));
        assert!(a.intersects(&touching));
        assert!(!a.intersects(&apart));
        assert!(a.contains_point(Vec2::new(10.0, 10.0)));
        assert!(!a.contains_point(Vec2::new(10.0, 10.5)));
    }

    #[test]
    fn box_select_modes_differ_on_partial_overlap() {
        let selection_box = Rect::from_corners(Vec2::ZERO, Vec2::new(10.0, 10.0));
        let half_in = Rect::from_corners(Vec2::new(5.0, 5.0), Vec2::new(15.0, 15.0));
        let inside = Rect::from_corners(Vec2::new(1.0, 1.0), Vec2::new(9.0, 9.0));
        assert!(box_selects(
            &selection_box,
            &half_in,
            BoxSelectMode::Intersect
        ));
        assert!(!box_selects(
            &selection_box,
            &half_in,
            BoxSelectMode::Contain
        ));
        assert!(box_selects(&selection_box, &inside, BoxSelectMode::Contain));
    }

    #[test]
    fn union_bounding_translate_expand() {
        let a = Rect::from_corners(Vec2::ZERO, Vec2::new(1.0, 1.0));
        let b = Rect::from_corners(Vec2::new(5.0, -2.0), Vec2::new(6.0, 0.0));
        let u = Rect::bounding([a, b]).unwrap();
        assert_eq!(
            u,
            Rect::from_corners(Vec2::new(0.0, -2.0), Vec2::new(6.0, 1.0))
        );
        assert_eq!(Rect::bounding(std::iter::empty()), None);
        assert_eq!(a.translate(Vec2::new(2.0, 3.0)).min, Vec2::new(2.0, 3.0));
        assert_eq!(a.expand(1.0).min, Vec2::new(-1.0, -1.0));
        // Shrinking stops at the centre instead of producing an inverted rectangle.
        let shrunk = a.expand(-5.0);
        assert_eq!(shrunk.min, Vec2::new(0.5, 0.5));
        assert_eq!(shrunk.max, Vec2::new(0.5, 0.5));
    }

    #[test]
    fn segment_and_polyline_distances() {
        let a = Vec2::ZERO;
        let b = Vec2::new(10.0, 0.0);
        assert_eq!(distance_to_segment(Vec2::new(5.0, 3.0), a, b), 3.0);
        assert_eq!(distance_to_segment(Vec2::new(-3.0, 4.0), a, b), 5.0);
        assert_eq!(distance_to_segment(Vec2::new(3.0, 4.0), a, a), 5.0);
        let line = [a, b, Vec2::new(10.0, 10.0)];
        assert_eq!(distance_to_polyline(Vec2::new(12.0, 5.0), &line), Some(2.0));
        assert_eq!(distance_to_polyline(Vec2::ZERO, &[]), None);
    }

    #[test]
    fn snap_rounds_to_nearest_and_ignores_bad_grids() {
        assert_eq!(
            snap_to_grid(Vec2::new(14.0, -6.0), 10.0),
            Vec2::new(10.0, -10.0)
        );
        assert_eq!(
            snap_to_grid(Vec2::new(15.1, 24.9), 10.0),
            Vec2::new(20.0, 20.0)
        );
        let p = Vec2::new(3.3, 4.4);
        assert_eq!(snap_to_grid(p, 0.0), p);
        assert_eq!(snap_to_grid(p, -8.0), p);
        assert_eq!(snap_to_grid(p, f64::NAN), p);
    }
}
