//! Time series for the run view's charts: bounded ring buffers of (simulated seconds, value)
//! samples and the arithmetic that turns them into SVG coordinates, axis ticks and colours.
//!
//! Owns: [`Series`] (a ring buffer that never grows past its capacity, so a long run keeps
//! memory flat, with gaps where nothing was measured), [`nice_ticks`] (1-2-5 axis ticks),
//! [`LinearScale`], [`line_path`] (a chart's line), [`polyline_points`] and
//! [`sparkline_points`] (a small curve with no axes, as the traffic profile's preview), and
//! [`heat_colour`] (a load level as an `hsl()` colour). Deliberately knows nothing about SVG
//! elements or Leptos: it returns numbers and attribute strings that the view puts in place, and
//! is tested natively. Axis labels are formatted by [`super::format`].

use crate::decimal::{Fixed, Within};
use std::collections::VecDeque;

/// At most `capacity` (time, value) samples, oldest dropped first.
#[derive(Clone, Debug)]
pub struct Series {
    points: VecDeque<(f64, f64)>,
    capacity: usize,
}

/// Equal samples, bit for bit: two gaps at the same time are equal (as NaNs they would not be).
impl PartialEq for Series {
    fn eq(&self, other: &Series) -> bool {
        self.capacity == other.capacity
            && self.points.len() == other.points.len()
            && self
                .points
                .iter()
                .zip(&other.points)
                .all(|(a, b)| a.0.to_bits() == b.0.to_bits() && a.1.to_bits() == b.1.to_bits())
    }
}

impl Series {
    /// An empty series keeping at most `capacity` (>= 2) samples.
    pub fn new(capacity: usize) -> Series {
        Series {
            points: VecDeque::with_capacity(capacity.max(2)),
            capacity: capacity.max(2),
        }
    }
    /// Appends a sample; a non-finite value is stored as a zero so paths stay valid.
    pub fn push(&mut self, t_s: f64, value: f64) {
        let v = if value.is_finite() { value } else { 0.0 };
        self.push_raw(t_s, v);
    }
    /// Appends a sample with no value at `t_s` (nothing was measured over its interval): its
    /// value reads NaN, [`line_path`] breaks the line there and the legend shows no figure.
    pub fn push_gap(&mut self, t_s: f64) {
        self.push_raw(t_s, f64::NAN);
    }
    fn push_raw(&mut self, t_s: f64, v: f64) {
        if self.points.len() == self.capacity {
            self.points.pop_front();
        }
        self.points.push_back((t_s, v));
    }
    /// The samples, oldest first (a gap's value is NaN).
    pub fn points(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.points.iter().copied()
    }
    /// Number of samples held.
    pub fn len(&self) -> usize {
        self.points.len()
    }
    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
    /// The newest sample.
    pub fn last(&self) -> Option<(f64, f64)> {
        self.points.back().copied()
    }
    /// Time span covered: (first, last) sample times.
    pub fn time_range(&self) -> Option<(f64, f64)> {
        Some((self.points.front()?.0, self.points.back()?.0))
    }
    /// Largest value held (0 when empty; gaps ignored).
    pub fn max_value(&self) -> f64 {
        self.points.iter().map(|p| p.1).fold(0.0, f64::max)
    }
    /// The sample whose time is nearest `t_s`.
    pub fn nearest(&self, t_s: f64) -> Option<(f64, f64)> {
        self.points
            .iter()
            .copied()
            .min_by(|a, b| (a.0 - t_s).abs().total_cmp(&(b.0 - t_s).abs()))
    }
    /// Drops every sample.
    pub fn clear(&mut self) {
        self.points.clear();
    }
    /// Drops the newest sample if it was taken at `t_s`.
    pub fn pop_at(&mut self, t_s: f64) {
        if self
            .points
            .back()
            .is_some_and(|p| p.0.to_bits() == t_s.to_bits())
        {
            self.points.pop_back();
        }
    }
    /// Keeps only the samples taken at one of `times` (ascending, as the samples are).
    pub fn keep_times(&mut self, times: &[f64]) {
        let mut at = 0;
        self.points.retain(|p| {
            while times.get(at).is_some_and(|t| *t < p.0) {
                at += 1;
            }
            times.get(at).is_some_and(|t| t.to_bits() == p.0.to_bits())
        });
    }
}

/// Maps a domain interval onto a pixel interval (which may run backwards, as y does in SVG).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    /// `domain` onto `range`; a zero-width domain is widened so the scale stays finite.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> LinearScale {
        let (mut a, mut b) = domain;
        if !(a.is_finite() && b.is_finite()) {
            a = 0.0;
            b = 1.0;
        }
        if (b - a).abs() < 1e-12 {
            b = a + 1.0;
        }
        LinearScale {
            domain: (a, b),
            range,
        }
    }
    /// The pixel position of `v`.
    pub fn map(&self, v: f64) -> f64 {
        let (a, b) = self.domain;
        let (r0, r1) = self.range;
        r0 + (v - a) / (b - a) * (r1 - r0)
    }
    /// The domain value at pixel `px`.
    pub fn invert(&self, px: f64) -> f64 {
        let (a, b) = self.domain;
        let (r0, r1) = self.range;
        if (r1 - r0).abs() < 1e-12 {
            return a;
        }
        a + (px - r0) / (r1 - r0) * (b - a)
    }
}

/// [`nice_ticks`] for whole things (jobs, servers): steps of at least one.
pub fn count_ticks(max: f64, count: usize) -> Vec<f64> {
    let ticks = nice_ticks(max, count);
    if ticks.get(1).is_some_and(|step| *step >= 1.0) {
        return ticks;
    }
    let top = ticks.last().map_or(1.0, |t| t.ceil().max(1.0));
    (0..=top as u32).map(f64::from).collect()
}

/// Round axis ticks (1, 2 or 5 times a power of ten) covering `[0, max]`, about `count` of
/// them; the last tick is >= `max`, so it is also a good top for the axis.
pub fn nice_ticks(max: f64, count: usize) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let count = count.max(1) as f64;
    let raw = max / count;
    let magnitude = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let n = libm::ceil(max / step - 1e-9) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// An SVG path's `d` for a chart's line through `points` under the two scales, coordinates to
/// 0.1 px, broken at gaps (NaN values): each run of values is a subpath of its own. Where
/// several samples fall in one pixel column, it draws only the first, the lowest, the highest
/// and the last of them, in their order: the same picture (a spike stays a spike) with at most
/// four points a column, however many samples a long run holds.
pub fn line_path(
    points: impl Iterator<Item = (f64, f64)>,
    x: &LinearScale,
    y: &LinearScale,
) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    // The samples of the column being gathered: (x, y) of its first, lowest, highest, last.
    let mut column: Option<(f64, [(f64, f64); 4])> = None;
    let flush = |d: &mut String, pen_down: &mut bool, c: &mut Option<(f64, [(f64, f64); 4])>| {
        let Some((_, [first, low, high, last])) = c.take() else {
            return;
        };
        // In time order: the lowest and the highest by which came first.
        let (a, b) = if low.0 <= high.0 {
            (low, high)
        } else {
            (high, low)
        };
        let mut drawn: Option<(f64, f64)> = None;
        for p in [first, a, b, last] {
            if drawn == Some(p) {
                continue;
            }
            d.push(if *pen_down { 'L' } else { 'M' });
            d.push_str(&format!("{},{}", Fixed(p.0, 1), Fixed(p.1, 1)));
            *pen_down = true;
            drawn = Some(p);
        }
    };
    for (t, v) in points {
        if v.is_nan() {
            flush(&mut d, &mut pen_down, &mut column);
            pen_down = false;
            continue;
        }
        let p = (x.map(t), y.map(v));
        match &mut column {
            Some((col, [_, low, high, last])) if libm::floor(p.0) == *col => {
                // SVG's y runs down: the lowest value is the largest y.
                if p.1 > low.1 {
                    *low = p;
                }
                if p.1 < high.1 {
                    *high = p;
                }
                *last = p;
            }
            _ => {
                flush(&mut d, &mut pen_down, &mut column);
                column = Some((libm::floor(p.0), [p; 4]));
            }
        }
    }
    flush(&mut d, &mut pen_down, &mut column);
    d
}

/// An SVG `points` attribute for `points` under the two scales, coordinates to 0.1 px.
pub fn polyline_points(
    points: impl Iterator<Item = (f64, f64)>,
    x: &LinearScale,
    y: &LinearScale,
) -> String {
    let mut s = String::new();
    for (t, v) in points {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!("{},{}", Fixed(x.map(t), 1), Fixed(y.map(v), 1)));
    }
    s
}

/// An SVG `points` attribute drawing `points` (time, value) as a sparkline in a `width` x
/// `height` box: time from the first point to the last across, zero at the bottom edge and the
/// largest value `pad` below the top (a flat zero line when every value is zero).
pub fn sparkline_points(points: &[(f64, f64)], width: f64, height: f64, pad: f64) -> String {
    let (t0, t1) = match (points.first(), points.last()) {
        (Some(a), Some(b)) => (a.0, b.0),
        _ => return String::new(),
    };
    let top = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let x = LinearScale::new((t0, t1), (0.0, width));
    let y = LinearScale::new((0.0, if top > 0.0 { top } else { 1.0 }), (height, pad));
    polyline_points(points.iter().copied(), &x, &y)
}

/// The colour of a utilisation or heat level in [0, 1]: green through amber to red, as an
/// `hsl()` string (hue 130 at 0, 0 at 1).
pub fn heat_colour(level: f64) -> String {
    let l = if level.is_finite() {
        level.within(0.0, 1.0)
    } else {
        0.0
    };
    format!("hsl({}, 75%, 45%)", Fixed(130.0 * (1.0 - l), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_keeps_at_most_its_capacity_oldest_dropped() {
        let mut s = Series::new(3);
        for i in 0..5 {
            s.push(i as f64, i as f64 * 10.0);
        }
        assert_eq!(s.len(), 3);
        assert_eq!(
            s.points().collect::<Vec<_>>(),
            [(2.0, 20.0), (3.0, 30.0), (4.0, 40.0)]
        );
        assert_eq!(s.time_range(), Some((2.0, 4.0)));
        assert_eq!(s.max_value(), 40.0);
        assert_eq!(s.nearest(2.9), Some((3.0, 30.0)));
        s.push(5.0, f64::NAN);
        assert_eq!(s.last(), Some((5.0, 0.0)));
        s.push_gap(6.0);
        assert!(s.last().is_some_and(|(t, v)| t == 6.0 && v.is_nan()));
        assert_eq!(s, s.clone(), "a series with a gap equals its copy");
        assert_eq!(s.max_value(), 40.0, "a gap is no value");
    }

    #[test]
    fn a_line_breaks_at_a_gap_and_starts_again_after_it() {
        let x = LinearScale::new((0.0, 4.0), (0.0, 40.0));
        let y = LinearScale::new((0.0, 10.0), (100.0, 0.0));
        let mut s = Series::new(8);
        s.push_gap(0.0);
        s.push(1.0, 5.0);
        s.push(2.0, 10.0);
        s.push_gap(3.0);
        s.push(4.0, 0.0);
        assert_eq!(
            line_path(s.points(), &x, &y),
            "M10.0,50.0L20.0,0.0M40.0,100.0"
        );
        let mut none = Series::new(2);
        none.push_gap(1.0);
        assert_eq!(line_path(none.points(), &x, &y), "");
    }

    #[test]
    fn a_long_line_draws_at_most_four_points_a_pixel_column_and_keeps_its_spikes() {
        // 1,000 samples over 100 px: ten a column, one spike in the middle.
        let x = LinearScale::new((0.0, 1000.0), (0.0, 100.0));
        let y = LinearScale::new((0.0, 100.0), (100.0, 0.0));
        let mut s = Series::new(1000);
        for i in 0..1000 {
            s.push(i as f64, if i == 503 { 90.0 } else { 10.0 });
        }
        let d = line_path(s.points(), &x, &y);
        let drawn = d.matches(['M', 'L']).count();
        assert!(drawn <= 4 * 101, "{drawn} points");
        assert!(drawn >= 100, "{drawn} points");
        assert!(d.contains(",10.0"), "the spike at 90 is drawn: {d}");
        assert!(d.starts_with("M0.0,90.0"), "{d}");
        assert!(d.ends_with("99.9,90.0"), "the last sample is drawn: {d}");
    }

    #[test]
    fn count_ticks_step_by_whole_numbers() {
        assert_eq!(count_ticks(1.05, 3), vec![0.0, 1.0, 2.0]);
        assert_eq!(count_ticks(0.0, 3), vec![0.0, 1.0]);
        assert_eq!(count_ticks(3.2, 3), vec![0.0, 2.0, 4.0]);
        assert_eq!(count_ticks(42.0, 3), nice_ticks(42.0, 3));
    }

    #[test]
    fn nice_ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(97.0, 4), vec![0.0, 50.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 4), vec![0.0, 0.5, 1.0]);
        let t = nice_ticks(12_345.0, 5);
        assert_eq!(t, vec![0.0, 5000.0, 10000.0, 15000.0]);
        assert!(*t.last().unwrap() >= 12_345.0);
    }

    #[test]
    fn scales_map_and_invert_and_survive_empty_domains() {
        let x = LinearScale::new((10.0, 20.0), (0.0, 100.0));
        assert_eq!(x.map(15.0), 50.0);
        assert_eq!(x.invert(50.0), 15.0);
        let y = LinearScale::new((0.0, 0.0), (100.0, 0.0));
        assert_eq!(y.map(0.0), 100.0);
        assert!(y.map(0.5).is_finite());
        let p = polyline_points(
            [(10.0, 0.0), (20.0, 1.0)].into_iter(),
            &x,
            &LinearScale::new((0.0, 1.0), (100.0, 0.0)),
        );
        assert_eq!(p, "0.0,100.0 100.0,0.0");
    }

    #[test]
    fn a_sparkline_spans_its_box_with_zero_at_the_bottom_and_the_peak_at_the_top() {
        let ramp = [(0.0, 100.0), (300.0, 300.0), (600.0, 500.0)];
        assert_eq!(
            sparkline_points(&ramp, 200.0, 40.0, 2.0),
            "0.0,32.4 100.0,17.2 200.0,2.0"
        );
        assert_eq!(
            sparkline_points(&[(0.0, 0.0), (10.0, 0.0)], 100.0, 20.0, 2.0),
            "0.0,20.0 100.0,20.0"
        );
        assert_eq!(sparkline_points(&[], 100.0, 20.0, 2.0), "");
    }

    #[test]
    fn heat_runs_green_to_red() {
        assert_eq!(heat_colour(0.0), "hsl(130, 75%, 45%)");
        assert_eq!(heat_colour(1.0), "hsl(0, 75%, 45%)");
        assert_eq!(heat_colour(f64::NAN), "hsl(130, 75%, 45%)");
    }
}
