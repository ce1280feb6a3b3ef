//! Numbers as people type them into the app's fields.
//!
//! Every numeric field of the view is a text field read here, not a browser number input: a
//! number input hands the page an empty string for anything it cannot read and, in Chromium,
//! drops a comma as it is typed, so "0,5" became 5 without a word. Here a comma between
//! thousands ("1,000", "12,500.5") is read as English and Korean write it; a single comma that
//! cannot be one ("0,5", "3,25") is a decimal comma, as much of Europe writes it; anything else
//! is no number, and the field's caller says so. Spaces between digit groups ("1 000") are
//! allowed, and so is an exponent ("1e3").
//!
//! [`step`] is the arrow keys' nudge: the next value up or down by a step, on the step's grid.

use crate::decimal::Fixed;

/// The finite number `text` says, or `None`.
pub fn read(text: &str) -> Option<f64> {
    let kept: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
        .collect();
    let plain = match (kept.matches(',').count(), kept.contains('.')) {
        (0, _) => kept,
        (_, _) if grouped(&kept) => kept.replace(',', ""),
        // One comma and no point: a decimal comma.
        (1, false) => kept.replace(',', "."),
        _ => return None,
    };
    // Rust reads "inf", "NaN" and "+5"; people mean no number by the first two.
    if plain
        .chars()
        .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
    {
        return None;
    }
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The whole number `text` says ("1e3" and "3.0" included), or `None` for a fraction, a
/// negative number or one beyond `u64`.
pub fn read_whole(text: &str) -> Option<u64> {
    let v = read(text)?;
    (v.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&v)).then_some(v as u64)
}

/// Whether the commas in `text` separate thousands: a leading group of one to three digits
/// (after an optional sign), then groups of exactly three, before any decimal point.
fn grouped(text: &str) -> bool {
    let head = text.split(['.', 'e', 'E']).next().unwrap_or("");
    let whole = head.strip_prefix(['-', '+']).unwrap_or(head);
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&first.len())
        && digits(first)
        && !first.starts_with('0')
        && groups.all(|g| g.len() == 3 && digits(g))
        && !text[head.len()..].contains(',')
}

/// `value` moved by `steps` steps of `step` (negative: down), on the step's grid and not below
/// `min`, written as the field shows it. A value that is no number moves from `min`.
pub fn step(value: &str, step: f64, steps: f64, min: f64) -> String {
    let from = read(value).unwrap_or(min);
    // Off the grid, the first step goes to the grid's next value that way.
    let q = from / step;
    let base = match (q - q.round()).abs() < 1e-9 {
        true => q.round(),
        false if steps > 0.0 => q.floor(),
        false => q.ceil(),
    };
    let moved = (base + steps) * step;
    let decimals = (0..=9)
        .find(|d| {
            let scaled = step * 10f64.powi(*d);
            (scaled - scaled.round()).abs() < 1e-9
        })
        .unwrap_or(9);
    let text = Fixed(moved.max(min), decimals as usize).to_string();
    match text.contains('.') {
        true => text.trim_end_matches('0').trim_end_matches('.').to_string(),
        false => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_english_and_korean_write() {
        assert_eq!(read("42"), Some(42.0));
        assert_eq!(read(" 2.5 "), Some(2.5));
        assert_eq!(read("1,000"), Some(1000.0));
        assert_eq!(read("12,500.5"), Some(12500.5));
        assert_eq!(read("-1,234,567"), Some(-1_234_567.0));
        assert_eq!(read("1 000"), Some(1000.0));
        assert_eq!(read("1e3"), Some(1000.0));
        assert_eq!(read(".5"), Some(0.5));
    }

    #[test]
    fn a_lone_comma_that_cannot_group_thousands_is_a_decimal_comma() {
        assert_eq!(read("0,5"), Some(0.5));
        assert_eq!(read("3,25"), Some(3.25));
        assert_eq!(read("1,5"), Some(1.5));
        assert_eq!(read("10,0001"), Some(10.0001));
    }

    #[test]
    fn refuses_what_is_no_number() {
        for text in [
            "", " ", "abc", "1,2,3", "1,00.5", "1.000,5", "inf", "NaN", "1e999", "--1", "1..2",
            "0x10", "5 ms",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    #[test]
    fn whole_numbers_may_be_written_any_way_that_is_whole() {
        assert_eq!(read_whole("3"), Some(3));
        assert_eq!(read_whole("3.0"), Some(3));
        assert_eq!(read_whole("1e3"), Some(1000));
        assert_eq!(read_whole("10,000"), Some(10_000));
        assert_eq!(read_whole("3.5"), None);
        assert_eq!(read_whole("3,5"), None);
        assert_eq!(read_whole("-1"), None);
        assert_eq!(read_whole("1e30"), None);
    }

    #[test]
    fn arrows_step_on_the_grid_and_stop_at_the_minimum() {
        assert_eq!(step("4", 1.0, 1.0, 0.0), "5");
        assert_eq!(step("4", 1.0, -10.0, 0.0), "0");
        assert_eq!(step("0.2", 0.1, 1.0, 0.0), "0.3");
        assert_eq!(step("0.25", 0.1, 1.0, 0.0), "0.3");
        assert_eq!(step("0.25", 0.1, -1.0, 0.0), "0.2");
        assert_eq!(step("1,200", 100.0, 1.0, 0.0), "1300");
        assert_eq!(step("", 1.0, 1.0, 1.0), "2");
        assert_eq!(step("0.004", 0.001, -1.0, 0.0), "0.003");
    }
}
