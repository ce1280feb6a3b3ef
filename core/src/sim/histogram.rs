//! Latency histograms with bounded relative error, and sliding windows of them.
//!
//! Owns: a log-linear ("HDR-like") bucketing of nanosecond values: exact below 128 ns, then 128
//! linear sub-buckets per power of two, so a bucket is at most 1/128 of its lower bound wide and
//! a reported quantile (the bucket midpoint) is within 0.4 % of the true sample quantile.
//! Count, sum, min and max are kept exactly.
//!
//! Invariants: `count == sum of bucket counts`; buckets grow on demand, so a histogram of
//! millisecond latencies stays a few kilobytes. Does not: interpolate inside a bucket or keep raw
//! samples.

use std::collections::VecDeque;

use super::SimTime;

const SUB_BITS: u32 = 7;
const SUB: u64 = 1 << SUB_BITS;

#[inline]
fn bucket_of(v: u64) -> usize {
    if v < SUB {
        v as usize
    } else {
        let e = 63 - v.leading_zeros();
        let shift = e - SUB_BITS;
        ((shift as u64) * SUB + (v >> shift)) as usize
    }
}

/// Lowest value and width of bucket `i`.
#[inline]
fn bucket_range(i: usize) -> (u64, u64) {
    let i = i as u64;
    if i < 2 * SUB {
        (i, 1)
    } else {
        let shift = i / SUB - 1;
        let m = i - shift * SUB;
        (m << shift, 1 << shift)
    }
}

/// A log-linear histogram of nanosecond values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histogram {
    buckets: Vec<u64>,
    count: u64,
    sum: u128,
    min: u64,
    max: u64,
}

impl Histogram {
    /// An empty histogram.
    pub fn new() -> Self {
        Self::default()
    }
    /// Records one value. Small enough to inline where it is called on every request: growing
    /// the buckets is out of line.
    #[inline(always)]
    pub fn record(&mut self, v: SimTime) {
        let v = v.0;
        let b = bucket_of(v);
        if b >= self.buckets.len() {
            self.grow(b);
        }
        self.buckets[b] += 1;
        if self.count == 0 || v < self.min {
            self.min = v;
        }
        if v > self.max {
            self.max = v;
        }
        self.count += 1;
        self.sum += v as u128;
    }
    /// Makes room for bucket `b`.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, b: usize) {
        self.buckets.resize(b + 1, 0);
    }
    /// Forgets every value, keeping the buckets' memory.
    pub fn clear(&mut self) {
        self.buckets.clear();
        self.count = 0;
        self.sum = 0;
        self.min = 0;
        self.max = 0;
    }
    /// Adds every value of `other`.
    pub fn merge(&mut self, other: &Histogram) {
        if other.count == 0 {
            return;
        }
        if other.buckets.len() > self.buckets.len() {
            self.buckets.resize(other.buckets.len(), 0);
        }
        for (a, b) in self.buckets.iter_mut().zip(&other.buckets) {
            *a += b;
        }
        if self.count == 0 || other.min < self.min {
            self.min = other.min;
        }
        self.max = self.max.max(other.max);
        self.count += other.count;
        self.sum += other.sum;
    }
    /// Number of values recorded.
    pub fn count(&self) -> u64 {
        self.count
    }
    /// Exact mean, in seconds (0 when empty).
    pub fn mean_secs(&self) -> f64 {
        Merged::of(self).mean_secs()
    }
    /// Exact sum of values, in nanoseconds.
    pub fn sum_nanos(&self) -> u128 {
        self.sum
    }
    /// Smallest value (zero when empty).
    pub fn min(&self) -> SimTime {
        SimTime(self.min)
    }
    /// Largest value (zero when empty).
    pub fn max(&self) -> SimTime {
        SimTime(self.max)
    }
    /// The `q`-quantile (0 <= q <= 1): the smallest bucket holding at least `ceil(q * count)`
    /// values, reported at its midpoint and clamped to [min, max]. Zero when empty.
    pub fn quantile(&self, q: f64) -> SimTime {
        Merged::of(self).quantiles([q])[0]
    }
    /// Takes away every value of `other`, which must have been merged in: buckets, count and sum
    /// stay exact, min and max do not (a [`SlidingHistogram`]'s running sum of its windows, whose
    /// extremes are read off the windows).
    fn subtract(&mut self, other: &Histogram) {
        for (a, b) in self.buckets.iter_mut().zip(&other.buckets) {
            *a -= b;
        }
        self.count -= other.count;
        self.sum -= other.sum;
    }
    /// Median.
    pub fn p50(&self) -> SimTime {
        self.quantile(0.5)
    }
    /// 95th percentile.
    pub fn p95(&self) -> SimTime {
        self.quantile(0.95)
    }
    /// 99th percentile.
    pub fn p99(&self) -> SimTime {
        self.quantile(0.99)
    }
    /// 99.9th percentile.
    pub fn p999(&self) -> SimTime {
        self.quantile(0.999)
    }
    /// Approximate memory held by the buckets, in bytes.
    pub fn footprint_bytes(&self) -> usize {
        self.buckets.capacity() * 8
    }
}

/// An empty histogram to stand for an absent part of a [`Merged`].
static EMPTY: Histogram = Histogram {
    buckets: Vec::new(),
    count: 0,
    sum: 0,
    min: 0,
    max: 0,
};

/// Up to three histograms read as the one that merging them would give, without the copy:
/// a snapshot reads the quantiles of a node's last windows and of its whole run many times a
/// second, and adding up thousands of buckets per window to read four of them dominated it.
#[derive(Clone, Copy, Debug)]
pub struct Merged<'a> {
    parts: [&'a Histogram; 3],
    count: u64,
    sum: u128,
    min: u64,
    max: u64,
}

impl<'a> Merged<'a> {
    /// One histogram as it is.
    pub fn of(h: &'a Histogram) -> Merged<'a> {
        Merged {
            parts: [h, &EMPTY, &EMPTY],
            count: h.count,
            sum: h.sum,
            min: h.min,
            max: h.max,
        }
    }
    /// The merge of `parts` (count and sum added up), whose values all lie in [`min`, `max`]:
    /// those are given, since a running sum's own are not kept.
    fn of_parts(parts: [&'a Histogram; 3], min: u64, max: u64) -> Merged<'a> {
        Merged {
            parts,
            count: parts.iter().map(|p| p.count).sum(),
            sum: parts.iter().map(|p| p.sum).sum(),
            min,
            max,
        }
    }
    /// Number of values.
    pub fn count(&self) -> u64 {
        self.count
    }
    /// Exact mean, in seconds (0 when empty).
    pub fn mean_secs(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum as f64 / self.count as f64 * 1e-9
        }
    }
    /// The `qs`-quantiles, each as [`Histogram::quantile`] of the merge gives it, in one pass
    /// over the buckets (`qs` in ascending order).
    pub fn quantiles<const N: usize>(&self, qs: [f64; N]) -> [SimTime; N] {
        let mut out = [SimTime::ZERO; N];
        if self.count == 0 {
            return out;
        }
        let ranks = qs.map(|q| {
            let q = if q.is_nan() { 0.5 } else { q.clamp(0.0, 1.0) };
            ((q * self.count as f64).ceil() as u64).clamp(1, self.count)
        });
        debug_assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "quantiles in ascending order"
        );
        // No value lies below the smallest or above the largest, so neither do buckets with
        // counts; between them, whole runs of buckets are added at once and only the run where
        // a rank is reached is walked bucket by bucket.
        const RUN: usize = 32;
        let len = self
            .parts
            .iter()
            .map(|p| p.buckets.len())
            .max()
            .unwrap_or(0);
        let end = (bucket_of(self.max) + 1).min(len);
        let sum = |from: usize, to: usize| -> u64 {
            let part = |p: &Histogram| {
                p.buckets
                    .get(from..to.min(p.buckets.len()))
                    .map_or(0, |b| b.iter().sum::<u64>())
            };
            part(self.parts[0]) + part(self.parts[1]) + part(self.parts[2])
        };
        let (mut seen, mut next) = (0u64, 0);
        let mut i = bucket_of(self.min);
        while i < end {
            let to = (i + RUN).min(end);
            let run = sum(i, to);
            if seen + run < ranks[next] {
                seen += run;
                i = to;
                continue;
            }
            let at = |p: &Histogram, b: usize| p.buckets.get(b).copied().unwrap_or(0);
            for b in i..to {
                seen += at(self.parts[0], b) + at(self.parts[1], b) + at(self.parts[2], b);
                while next < N && seen >= ranks[next] {
                    let (lo, w) = bucket_range(b);
                    out[next] = SimTime((lo + (w - 1) / 2).clamp(self.min, self.max));
                    next += 1;
                }
                if next == N {
                    return out;
                }
            }
            i = to;
        }
        for q in &mut out[next..] {
            *q = SimTime(self.max);
        }
        out
    }
}

/// The last `windows` windows of `width` each: "latency over the last N seconds", and, if
/// asked for, the whole run too, each value recorded once (windows that slide out are merged
/// into the whole-run part).
#[derive(Clone, Debug)]
pub struct SlidingHistogram {
    width: u64,
    keep: usize,
    windows: VecDeque<(u64, Histogram)>,
    /// The sum of every window but the newest (buckets, count and sum; not min and max), kept
    /// as windows open and slide out, so that reading the last windows adds up two histograms,
    /// not all of them.
    closed: Histogram,
    /// What slid out of the windows, when the whole run is kept.
    retired: Option<Histogram>,
    /// The last window to slide out, emptied: the next window reuses its buckets' memory
    /// instead of growing a new allocation value by value.
    spare: Option<Histogram>,
    /// The end of the newest window (exclusive): values before it go straight in.
    open_until: u64,
}

impl SlidingHistogram {
    /// Keeps `windows >= 1` windows of `width > 0`.
    pub fn new(width: SimTime, windows: usize) -> Self {
        SlidingHistogram {
            width: width.0.max(1),
            keep: windows.max(1),
            windows: VecDeque::new(),
            closed: Histogram::new(),
            retired: None,
            spare: None,
            open_until: 0,
        }
    }
    /// Like [`SlidingHistogram::new`], also keeping everything recorded ([`SlidingHistogram::total`]).
    pub fn with_total(width: SimTime, windows: usize) -> Self {
        SlidingHistogram {
            retired: Some(Histogram::new()),
            ..SlidingHistogram::new(width, windows)
        }
    }
    fn roll(&mut self, now: SimTime) -> u64 {
        let index = now.0 / self.width;
        while let Some(&(i, _)) = self.windows.front() {
            if i + (self.keep as u64) <= index {
                if let Some((_, mut h)) = self.windows.pop_front() {
                    if self.windows.is_empty() {
                        self.closed.clear();
                    } else {
                        self.closed.subtract(&h);
                    }
                    if let Some(r) = &mut self.retired {
                        r.merge(&h);
                    }
                    h.clear();
                    self.spare = Some(h);
                }
            } else {
                break;
            }
        }
        index
    }
    /// Records `v` observed at `now` (times must not go backwards).
    #[inline(always)]
    pub fn record(&mut self, now: SimTime, v: SimTime) {
        if now.0 < self.open_until
            && let Some((_, h)) = self.windows.back_mut()
        {
            h.record(v);
            return;
        }
        self.record_in_new_window(now, v);
    }
    /// [`SlidingHistogram::record`] past the end of the newest window (once a window).
    #[cold]
    #[inline(never)]
    fn record_in_new_window(&mut self, now: SimTime, v: SimTime) {
        let index = self.roll(now);
        match self.windows.back_mut() {
            Some((i, h)) if *i == index => h.record(v),
            _ => {
                if let Some((_, newest)) = self.windows.back() {
                    self.closed.merge(newest);
                }
                let mut h = self.spare.take().unwrap_or_default();
                h.record(v);
                self.windows.push_back((index, h));
            }
        }
        self.open_until = index.saturating_add(1).saturating_mul(self.width);
    }
    /// Everything recorded in the window containing `now` and the `windows - 1` before it.
    pub fn recent(&self, now: SimTime) -> Histogram {
        let index = now.0 / self.width;
        let mut out = Histogram::new();
        for (i, h) in &self.windows {
            if i + (self.keep as u64) > index {
                out.merge(h);
            }
        }
        out
    }
    /// Everything recorded since the start (empty unless made [`SlidingHistogram::with_total`]).
    pub fn total(&self) -> Histogram {
        let Some(retired) = &self.retired else {
            return Histogram::new();
        };
        let mut out = retired.clone();
        for (_, h) in &self.windows {
            out.merge(h);
        }
        out
    }
    /// `read` of the whole run ([`SlidingHistogram::total`]) and of the last windows
    /// ([`SlidingHistogram::recent`]) at `now`, each read as a [`Merged`] of the running sums
    /// rather than a merge of every window: the same figures, for a fraction of the work.
    pub fn read_total_and_recent<T>(&self, now: SimTime, read: impl Fn(&Merged) -> T) -> (T, T) {
        let Some((newest_index, newest)) = self.windows.back() else {
            let total = self.retired.as_ref().unwrap_or(&EMPTY);
            return (read(&Merged::of(total)), read(&Merged::of(&EMPTY)));
        };
        let extremes = |windows: &mut dyn Iterator<Item = &Histogram>| {
            windows.fold((u64::MAX, 0), |(lo, hi), h| (lo.min(h.min), hi.max(h.max)))
        };
        let (min, max) = extremes(&mut self.windows.iter().map(|(_, h)| h));
        let total = match &self.retired {
            None => Merged::of(&EMPTY),
            Some(r) => Merged::of_parts(
                [r, &self.closed, newest],
                if r.count == 0 { min } else { r.min.min(min) },
                r.max.max(max),
            ),
        };
        let index = now.0 / self.width;
        let is_recent = |i: u64| i + self.keep as u64 > index;
        let recent = match self.windows.front() {
            Some(&(oldest, _)) if is_recent(oldest) => {
                read(&Merged::of_parts([&self.closed, newest, &EMPTY], min, max))
            }
            _ if !is_recent(*newest_index) => read(&Merged::of(&EMPTY)),
            // The oldest windows slid out but were not dropped yet (nothing was recorded since
            // the newest began, as at a snapshot on a window's first instant): taken away from
            // a copy of the running sum.
            _ => {
                let mut older = self.closed.clone();
                let recent = self.windows.iter().skip_while(|(i, _)| !is_recent(*i));
                for (_, h) in self.windows.iter().take_while(|(i, _)| !is_recent(*i)) {
                    older.subtract(h);
                }
                let (min, max) = extremes(&mut recent.map(|(_, h)| h));
                read(&Merged::of_parts([&older, newest, &EMPTY], min, max))
            }
        };
        (read(&total), recent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_narrow() {
        let mut prev_end = 0;
        for i in 0..(SUB as usize * 40) {
            let (lo, w) = bucket_range(i);
            assert_eq!(lo, prev_end, "bucket {i}");
            assert_eq!(bucket_of(lo), i);
            assert_eq!(bucket_of(lo + w - 1), i);
            assert!(w == 1 || (w as f64) / (lo as f64) <= 1.0 / SUB as f64 + 1e-12);
            prev_end = lo + w;
        }
        assert_eq!(bucket_of(u64::MAX), bucket_of(u64::MAX - 1));
    }

    #[test]
    fn quantiles_within_half_a_percent_of_exact() {
        let mut h = Histogram::new();
        let mut values: Vec<u64> = (1..=100_000u64).map(|i| i * i % 9_999_991 + 1).collect();
        for &v in &values {
            h.record(SimTime(v));
        }
        values.sort_unstable();
        for q in [0.5, 0.95, 0.99, 0.999] {
            let rank = (q * values.len() as f64).ceil() as usize;
            let exact = values[rank - 1] as f64;
            let got = h.quantile(q).0 as f64;
            assert!(
                (got - exact).abs() / exact < 0.005,
                "q {q}: {got} vs {exact}"
            );
        }
        assert_eq!(h.count(), 100_000);
        assert_eq!(h.min(), SimTime(values[0]));
        assert_eq!(h.max(), SimTime(*values.last().unwrap()));
    }

    #[test]
    fn empty_and_merge() {
        let mut a = Histogram::new();
        assert_eq!(a.p99(), SimTime::ZERO);
        let mut b = Histogram::new();
        b.record(SimTime(5));
        b.record(SimTime(1_000_000));
        a.merge(&b);
        a.merge(&Histogram::new());
        assert_eq!(a.count(), 2);
        assert_eq!(a.min(), SimTime(5));
        assert_eq!(a.quantile(0.0), SimTime(5));
        assert_eq!(a.quantile(1.0).0 / 10_000, 100);
        a.clear();
        assert_eq!(a, Histogram::new());
    }

    #[test]
    fn sliding_window_forgets_old_values() {
        let mut s = SlidingHistogram::new(SimTime::from_secs(1), 3);
        s.record(SimTime::from_millis(100), SimTime(1000));
        s.record(SimTime::from_millis(2500), SimTime(2000));
        assert_eq!(s.recent(SimTime::from_millis(2900)).count(), 2);
        assert_eq!(s.recent(SimTime::from_millis(3100)).count(), 1);
        s.record(SimTime::from_millis(9000), SimTime(3000));
        let r = s.recent(SimTime::from_millis(9000));
        assert_eq!((r.count(), r.max()), (1, SimTime(3000)));
        assert_eq!(s.total().count(), 0, "no whole-run part unless asked");
    }

    #[test]
    fn a_sliding_window_with_total_keeps_what_slid_out() {
        let mut s = SlidingHistogram::with_total(SimTime::from_secs(1), 2);
        let mut whole = Histogram::new();
        let mut record = |s: &mut SlidingHistogram, t_ms: u64, v: u64| {
            s.record(SimTime::from_millis(t_ms), SimTime(v));
            whole.record(SimTime(v));
        };
        for (t_ms, v) in [(100, 7), (900, 9), (1_500, 11), (4_200, 13), (4_300, 5)] {
            record(&mut s, t_ms, v);
        }
        // The two values of second 4 are recent at 5.0 s; second 1's is not.
        assert_eq!(s.recent(SimTime::from_millis(5_000)).count(), 2);
        assert_eq!(s.recent(SimTime::from_millis(6_000)).count(), 0);
        record(&mut s, 9_999, 2);
        let r = s.recent(SimTime::from_millis(9_999));
        assert_eq!((r.count(), r.min()), (1, SimTime(2)));
        assert_eq!(s.total(), whole);
    }

    /// The quantiles read off the running sums are those of a merge of every window, at every
    /// point of a long record with gaps longer than the windows (windows slid out and not yet
    /// dropped), with and without the whole run kept.
    #[test]
    fn running_sums_read_as_the_merge_of_the_windows() {
        let quantiles = |m: &Merged| {
            (
                m.count(),
                m.mean_secs(),
                m.quantiles([0.0, 0.5, 0.95, 0.999, 1.0]),
            )
        };
        for with_total in [false, true] {
            let width = SimTime::from_millis(100);
            let mut s = if with_total {
                SlidingHistogram::with_total(width, 4)
            } else {
                SlidingHistogram::new(width, 4)
            };
            let (mut t, mut x) = (0u64, 0x9e37_79b9_7f4a_7c15u64);
            for step in 0..20_000u64 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Mostly small steps, now and then a gap of several windows.
                t += if x % 97 == 0 {
                    450_000_000
                } else {
                    x % 3_000_000
                };
                let v = if x % 31 == 0 {
                    x % 2_000_000_000
                } else {
                    x % 40_000_000
                };
                s.record(SimTime(t), SimTime(v));
                if step % 7 == 0 {
                    for at in [t, t + 150_000_000, t + 700_000_000] {
                        let now = SimTime(at);
                        let (total, recent) = s.read_total_and_recent(now, quantiles);
                        assert_eq!(total, quantiles(&Merged::of(&s.total())), "total at {at}");
                        assert_eq!(
                            recent,
                            quantiles(&Merged::of(&s.recent(now))),
                            "recent at {at}"
                        );
                    }
                }
            }
        }
    }
}
