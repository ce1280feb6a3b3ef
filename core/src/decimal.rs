//! Decimal text of `f64` values, written here rather than by the standard library's float
//! formatting, which any `{:.N}` or float `{}` pulls into the wasm whole (about 14 KB of code:
//! Grisu with its Dragon fallback, shortest and exact, plain and exponential).
//!
//! [`Fixed`] writes what `{:.N}` writes and [`Shortest`] what `{}` writes, character for
//! character: both work from the value's exact decimal expansion (a binary fraction always has
//! a finite one), rounded to the nearest as the standard library rounds, a tie to even for
//! `{:.N}` and to the larger for `{}`.
//! The tests compare them with the standard library over edge cases and random values. Neither
//! reads a width, fill or sign flag: the app's formats use none with numbers.

use std::fmt;

/// `f64::clamp` without its check that the bounds are in order, whose message writes them
/// with the standard library's float formatting (so any `clamp` on floats with bounds the
/// compiler cannot check keeps all of it in the wasm). The same result for ordered bounds,
/// `NaN` included.
pub trait Within {
    /// `lo` below `lo`, `hi` above `hi`, else itself.
    fn within(self, lo: f64, hi: f64) -> f64;
}

impl Within for f64 {
    #[inline]
    fn within(self, lo: f64, hi: f64) -> f64 {
        debug_assert!(lo <= hi);
        if self < lo {
            lo
        } else if self > hi {
            hi
        } else {
            self
        }
    }
}

/// [`Shortest`] as a string: what a view gives an attribute for a number (the view library
/// would write an `f64` with the standard library's formatting).
pub fn shortest(x: f64) -> String {
    Shortest(x).to_string()
}

/// A number-valued closure as a string-valued one, for a view's reactive attribute.
pub fn shortest_of<F: Fn() -> f64>(f: F) -> impl Fn() -> String {
    move || shortest(f())
}

/// `x` with `places` digits after the point, as `format!("{:.places$}", x)` writes it.
#[derive(Clone, Copy)]
pub struct Fixed(pub f64, pub usize);

/// `x` as `format!("{}", x)` writes it: the fewest significant digits that read back as `x`
/// (the nearest to `x` if several do), written out without an exponent.
#[derive(Clone, Copy)]
pub struct Shortest(pub f64);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(scaled) = fast_fixed(self.0, self.1) {
            return write_scaled(f, self.0, scaled, self.1);
        }
        let Some(exact) = Exact::of(self.0, f)? else {
            return Ok(());
        };
        let places = self.1 as isize;
        let rounded = exact.round_to(exact.point + places, Tie::Even);
        rounded.write_plain(f, places)
    }
}

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((scaled, places)) = fast_shortest(self.0) {
            return write_scaled(f, self.0, scaled, places);
        }
        let Some(exact) = Exact::of(self.0, f)? else {
            return Ok(());
        };
        if exact.digits.is_empty() {
            return f.write_str("0");
        }
        let (low, high, inclusive) = bounds(self.0.abs());
        let inside = |d: &Exact| {
            let (a, b) = (d.cmp(&low), d.cmp(&high));
            if inclusive {
                a.is_ge() && b.is_le()
            } else {
                a.is_gt() && b.is_lt()
            }
        };
        // A decimal of k significant digits in the interval stays in it with k + 1, so the
        // fewest is found by halving; 17 always suffice for an f64. Of two as near, the larger
        // is taken, as the standard library's shortest digits take it.
        let candidate = |k: isize| {
            let nearest = exact.round_to(k, Tie::Up);
            if inside(&nearest) {
                return Some(nearest);
            }
            // At a power of two the interval is narrower below: the nearest k-digit decimal may
            // fall out on that side while the next one up is in.
            let up = nearest.next_up(k);
            inside(&up).then_some(up)
        };
        let (mut lo, mut hi) = (1isize, 17isize);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if candidate(mid).is_some() {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let best = candidate(lo).unwrap_or(exact);
        let places = (best.digits.len() as isize - best.point).max(0);
        best.write_plain(f, places)
    }
}

/// The fast path of [`Fixed`], for the numbers a screen shows: `|x| x 10^places` rounded to
/// an integer (ties to even) in 128-bit sums, or `None` where they could overflow.
fn fast_fixed(x: f64, places: usize) -> Option<u128> {
    if !x.is_finite() || places > 20 {
        return None;
    }
    let (m, e) = parts(x.abs());
    scaled(m as u128 * 10u128.pow(places as u32), e, Tie::Even)
}

/// The fast path of [`Shortest`], for `0 < |x| < 2^53` not too small: `|x|`'s shortest digits
/// as an integer and the places after the point they stand for, or `None`.
fn fast_shortest(x: f64) -> Option<(u128, usize)> {
    let a = x.abs();
    if !(a > 0.0 && a < 9_007_199_254_740_992.0) {
        return None;
    }
    let (m, e) = parts(a);
    if e >= 0 {
        // An integer (from 2^52 on every f64 is one): its own shortest digits.
        return Some(((m as u128) << e, 0));
    }
    let s = e.unsigned_abs();
    if s > 100 {
        return None;
    }
    let narrow_below = m == 1 << 52 && e > -1074;
    let inclusive = m % 2 == 0;
    for places in 0..=20u32 {
        let ten = 10u128.pow(places);
        let n = m as u128 * ten;
        // Whether `q / 10^places` reads back as `x`: its distance from `x`, in units of
        // 2^-s / 10^places, four times over, against half a unit in the last place (a quarter
        // below a power of two).
        let reads_back = |q: u128| {
            let d = (q << s) as i128 - n as i128;
            let (d4, bound) = if d >= 0 {
                (4 * d, 2 * ten as i128)
            } else {
                (-4 * d, if narrow_below { ten } else { 2 * ten } as i128)
            };
            d4 < bound || (inclusive && d4 == bound)
        };
        let q = scaled(n, e, Tie::Up)?;
        if reads_back(q) {
            return Some((q, places as usize));
        }
        if reads_back(q + 1) {
            return Some((q + 1, places as usize));
        }
    }
    None
}

/// `n x 2^e` rounded to an integer, ties as `tie` says, or `None` where it could overflow.
fn scaled(n: u128, e: i32, tie: Tie) -> Option<u128> {
    if e >= 0 {
        let e = e.unsigned_abs();
        return (n == 0 || n.leading_zeros() > e + 1).then(|| n << e);
    }
    let s = e.unsigned_abs();
    if s >= 127 {
        // Below a half whatever `n` (under 2^126): zero.
        return (n < 1 << 126).then_some(0);
    }
    let q = n >> s;
    let r = n & ((1 << s) - 1);
    let half = 1 << (s - 1);
    let up = r > half || (r == half && (tie == Tie::Up || q % 2 == 1));
    Some(q + up as u128)
}

/// `x`'s sign, then `scaled` with a point `places` digits from its end (zeros before it as
/// needed).
fn write_scaled(f: &mut fmt::Formatter<'_>, x: f64, scaled: u128, places: usize) -> fmt::Result {
    let mut buf = [b'0'; 64];
    let mut end = buf.len();
    // In 64-bit parts: a 128-bit division is a call of its own in wasm.
    const CHUNK: u128 = 10_000_000_000_000_000_000;
    let mut put = |mut v: u64, at_least: usize| {
        let stop = end - at_least;
        while v > 0 || end > stop {
            end -= 1;
            buf[end] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    match u64::try_from(scaled) {
        Ok(v) => put(v, 1),
        Err(_) => {
            put((scaled % CHUNK) as u64, 19);
            // Under 2^127 / 10^19, which fits 64 bits.
            put((scaled / CHUNK) as u64, 1);
        }
    }
    let start = end.min(buf.len() - places - 1);
    let digits = &buf[start..];
    let (int, frac) = digits.split_at(digits.len() - places);
    if x.is_sign_negative() {
        f.write_str("-")?;
    }
    // Only ASCII digits were written.
    f.write_str(std::str::from_utf8(int).unwrap_or("0"))?;
    if places > 0 {
        f.write_str(".")?;
        f.write_str(std::str::from_utf8(frac).unwrap_or(""))?;
    }
    Ok(())
}

/// Which way a value halfway between two roundings goes.
#[derive(Clone, Copy, PartialEq)]
enum Tie {
    /// To the one whose last digit is even (`{:.N}`).
    Even,
    /// To the larger (the shortest digits).
    Up,
}

/// A non-negative decimal: `0.d1 d2 d3 ... x 10^point`, its digits without leading or trailing
/// zeros (none at all for zero).
#[derive(Clone, Debug, PartialEq)]
struct Exact {
    digits: Vec<u8>,
    point: isize,
}

impl Exact {
    /// The exact value of `|x|`, after writing `x`'s sign; `None` when `x` was not finite and
    /// has been written whole ("NaN", "inf", "-inf").
    fn of(x: f64, f: &mut fmt::Formatter<'_>) -> Result<Option<Exact>, fmt::Error> {
        if x.is_nan() {
            f.write_str("NaN")?;
            return Ok(None);
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        if x.is_infinite() {
            f.write_str("inf")?;
            return Ok(None);
        }
        let (m, e) = parts(x.abs());
        Ok(Some(Exact::from_parts(m, e)))
    }

    /// `m x 2^e`, exactly.
    fn from_parts(m: u64, e: i32) -> Exact {
        let mut big = Big::from(m);
        let point_shift = if e >= 0 {
            big.mul_pow(2, e as u32);
            0
        } else {
            // m / 2^s = m x 5^s / 10^s.
            big.mul_pow(5, e.unsigned_abs());
            e as isize
        };
        let mut digits = big.digits();
        let point = digits.len() as isize + point_shift;
        let leading = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..leading);
        let mut out = Exact {
            digits,
            point: point - leading as isize,
        };
        out.trim();
        out
    }

    /// Rounded to its first `keep` digits (counted from its first, which may be a carry's
    /// new one), to the nearest, ties as `tie` says.
    fn round_to(&self, keep: isize, tie: Tie) -> Exact {
        let len = self.digits.len() as isize;
        if keep >= len {
            return self.clone();
        }
        if keep < 0 {
            return Exact::zero();
        }
        let keep = keep as usize;
        let next = self.digits[keep];
        let rest = self.digits[keep + 1..].iter().any(|&d| d != 0);
        let odd = keep > 0 && self.digits[keep - 1] % 2 == 1;
        let up = next > 5 || (next == 5 && (rest || odd || tie == Tie::Up));
        let mut out = Exact {
            digits: self.digits[..keep].to_vec(),
            point: self.point,
        };
        if up {
            out.increment(keep as isize);
        }
        out.trim();
        out
    }

    /// The next decimal up with `keep` significant digits at this one's scale.
    fn next_up(&self, keep: isize) -> Exact {
        let mut out = self.clone();
        out.digits.resize(keep.max(0) as usize, 0);
        out.increment(keep);
        out.trim();
        out
    }

    /// Adds one unit in the `at`-th digit (the digits padded with zeros to `at`).
    fn increment(&mut self, at: isize) {
        if at <= 0 {
            // A unit just above this scale: the whole number rounds up to 10^point.
            self.point += 1 - at;
            self.digits = vec![1];
            return;
        }
        self.digits.resize(at as usize, 0);
        for d in self.digits.iter_mut().rev() {
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                return;
            }
        }
        self.digits.insert(0, 1);
        self.point += 1;
    }

    fn trim(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.point = 0;
        }
    }

    fn zero() -> Exact {
        Exact {
            digits: Vec::new(),
            point: 0,
        }
    }

    /// Compares two values.
    fn cmp(&self, other: &Exact) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        if self.point != other.point {
            return self.point.cmp(&other.point);
        }
        let n = self.digits.len().max(other.digits.len());
        for i in 0..n {
            let (a, b) = (
                self.digits.get(i).copied().unwrap_or(0),
                other.digits.get(i).copied().unwrap_or(0),
            );
            if a != b {
                return a.cmp(&b);
            }
        }
        Ordering::Equal
    }

    /// Written out without an exponent, with `places` digits after the point.
    fn write_plain(&self, f: &mut fmt::Formatter<'_>, places: isize) -> fmt::Result {
        let digit = |i: isize| -> char {
            let d = if i >= 0 {
                self.digits.get(i as usize).copied().unwrap_or(0)
            } else {
                0
            };
            char::from(b'0' + d)
        };
        let mut text = String::new();
        if self.point <= 0 {
            text.push('0');
        } else {
            for i in 0..self.point {
                text.push(digit(i));
            }
        }
        if places > 0 {
            text.push('.');
            for i in self.point..self.point + places {
                text.push(digit(i));
            }
        }
        f.write_str(&text)
    }
}

/// The mantissa and exponent of a finite non-negative `x`: `x = m x 2^e`.
fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// The interval of decimals that read back as `x` (finite, positive): its ends, halfway to the
/// neighbouring values, and whether they are in it (reading rounds ties to the even mantissa).
fn bounds(x: f64) -> (Exact, Exact, bool) {
    let (m, e) = parts(x);
    // In quarters of a unit in the last place, so that the ends are integers.
    let narrow_below = m == 1 << 52 && e > -1074;
    let low = 4 * m - if narrow_below { 1 } else { 2 };
    let high = 4 * m + 2;
    (
        Exact::from_parts(low, e - 2),
        Exact::from_parts(high, e - 2),
        m % 2 == 0,
    )
}

/// A natural number in base 10^9, least significant limb first.
struct Big(Vec<u32>);

const LIMB: u64 = 1_000_000_000;

impl From<u64> for Big {
    fn from(mut n: u64) -> Big {
        let mut limbs = Vec::new();
        while n > 0 {
            limbs.push((n % LIMB) as u32);
            n /= LIMB;
        }
        Big(limbs)
    }
}

impl Big {
    /// Multiplies by `base^power` (`base` 2 or 5), a few factors at a time.
    fn mul_pow(&mut self, base: u32, mut power: u32) {
        // The largest power of `base` in a u32: 2^31, 5^13.
        let step = if base == 2 { 31 } else { 13 };
        while power > 0 {
            let k = power.min(step);
            self.mul_small(base.pow(k));
            power -= k;
        }
    }

    fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = *limb as u64 * factor as u64 + carry;
            *limb = (v % LIMB) as u32;
            carry = v / LIMB;
        }
        while carry > 0 {
            self.0.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }

    /// Its decimal digits, most significant first (none for zero).
    fn digits(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * 9);
        for (i, &limb) in self.0.iter().rev().enumerate() {
            let mut chunk = [0u8; 9];
            let mut v = limb;
            for d in chunk.iter_mut().rev() {
                *d = (v % 10) as u8;
                v /= 10;
            }
            if i == 0 {
                let first = chunk.iter().position(|&d| d != 0).unwrap_or(9);
                out.extend_from_slice(&chunk[first..]);
            } else {
                out.extend_from_slice(&chunk);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDGES: &[f64] = &[
        0.0,
        -0.0,
        0.5,
        1.5,
        2.5,
        -2.5,
        0.125,
        0.375,
        1.005,
        0.045,
        9.995,
        99.95,
        999.5,
        0.1,
        0.2,
        0.3,
        1.0 / 3.0,
        2.0 / 3.0,
        123.456,
        1e-7,
        1.5e-10,
        1e15,
        1e16,
        1e17,
        1e21,
        1e22,
        1e23,
        9007199254740993.0,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        -5e-324,
        f64::EPSILON,
        2.0,
        4.0,
        1024.0,
        0.999_999_999_999_999_9,
        0.95,
        0.05,
        1e-5,
        12_345.678_9,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];

    fn check(x: f64) {
        assert_eq!(
            Shortest(x).to_string(),
            format!("{x}"),
            "shortest of {:e}",
            x
        );
        for places in 0..=6 {
            assert_eq!(
                Fixed(x, places).to_string(),
                format!("{x:.places$}"),
                "{:e} to {places} places",
                x
            );
        }
    }

    #[test]
    fn edge_values_read_as_the_standard_library_writes_them() {
        for &x in EDGES {
            check(x);
        }
        // Every power of two and its neighbours, subnormal ones included.
        for p in -1074i64..=1023 {
            let bits = if p >= -1022 {
                ((p + 1023) as u64) << 52
            } else {
                1u64 << (p + 1074)
            };
            for b in [bits - 1, bits, bits + 1] {
                check(f64::from_bits(b));
                check(-f64::from_bits(b));
            }
        }
    }

    #[test]
    fn random_values_read_as_the_standard_library_writes_them() {
        let mut s = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            s = crate::sim::rng::mix64(s);
            s
        };
        for _ in 0..50_000 {
            // Any bit pattern, ...
            check(f64::from_bits(next()));
            // ... numbers of the size the app shows, ...
            let scale = 10f64.powi((next() % 16) as i32 - 6);
            check((next() >> 11) as f64 / (1u64 << 53) as f64 * scale);
            // ... and decimals typed or rounded, ties among them.
            let n = (next() % 2_000_001) as f64;
            check(n / 1000.0);
            check(n / 8.0);
        }
    }

    #[test]
    fn the_fast_paths_agree_with_the_exact_expansion() {
        // The random and edge values above mostly take the fast paths; here every value that
        // takes one is also written the slow way and compared.
        let slow_fixed = |x: f64, places: usize| {
            let (m, e) = parts(x.abs());
            let exact = Exact::from_parts(m, e);
            exact.round_to(exact.point + places as isize, Tie::Even)
        };
        let mut s = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..50_000 {
            s = crate::sim::rng::mix64(s);
            let x = f64::from_bits(s >> 2) % 1e12;
            for places in [0usize, 1, 2, 3, 9] {
                if let Some(q) = fast_fixed(x, places) {
                    let exact = Exact::from_parts(q as u64, 0);
                    let mut expected = slow_fixed(x, places);
                    expected.point += places as isize;
                    if expected.digits.is_empty() {
                        expected.point = 0;
                    }
                    assert_eq!(exact, expected, "{x:e} to {places} places");
                }
            }
        }
    }

    #[test]
    fn many_places_are_exact() {
        for &x in EDGES {
            for places in [10usize, 17, 20, 30] {
                assert_eq!(Fixed(x, places).to_string(), format!("{x:.places$}"));
            }
        }
    }
}
