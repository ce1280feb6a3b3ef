//! Numbers as the screen shows them: short values with their magnitude ("1.2k"), durations
//! ("41.3 ms", "164 s"), probabilities ("0.031 %") and counts ("12k").
//!
//! Owns the digits only: how many significant figures, which suffix, which unit symbol. These
//! are the same in every language the app may speak, so the English sentences and the charts
//! both call them, but for seconds, which Korean writes "12초" ([`with_unit`]). Never rounds a
//! figure that another figure is computed from: formatting is the last step, on the way to the
//! screen.

use crate::decimal::{Fixed, shortest};
use crate::present::lang::Lang;

/// A short human label for a value with a unit: 1.2k, 3.4M; two significant decimals below 10.
pub fn format_value(v: f64) -> String {
    let a = v.abs();
    if !v.is_finite() {
        "–".to_string()
    } else if v == 0.0 {
        // Nothing at all, not "0.00": a figure before any traffic, a rate of a quiet part.
        "0".to_string()
    } else if a >= 1e9 {
        format!("{}G", Fixed(v / 1e9, 1))
    } else if a >= 1e6 {
        format!("{}M", Fixed(v / 1e6, 1))
    } else if a >= 1e4 {
        format!("{}k", Fixed(v / 1e3, 0))
    } else if a >= 1e3 {
        format!("{}k", Fixed(v / 1e3, 1))
    } else if a >= 100.0 {
        Fixed(v, 0).to_string()
    } else if a >= 10.0 {
        Fixed(v, 1).to_string()
    } else {
        Fixed(v, 2).to_string()
    }
}

/// [`format_value`] as a reader of `lang` groups large numbers: in Korean by 만 and 억
/// ("1.5만", "12만", "1.2억"), below 10,000 whole with a comma ("1,900"), never "1.9k".
pub fn number(lang: Lang, v: f64) -> String {
    match lang {
        Lang::En => format_value(v),
        Lang::Ko => format_value_ko(v),
    }
}

/// [`number`] in Korean.
pub fn format_value_ko(v: f64) -> String {
    let a = v.abs();
    let sign = if v < 0.0 { "-" } else { "" };
    let grouped = |scaled: f64, unit: &str| {
        let rounded = (scaled * 10.0).round() / 10.0;
        if scaled >= 100.0 {
            format!("{sign}{scaled}{unit}", scaled = Fixed(scaled, 0))
        } else if rounded.fract() == 0.0 {
            format!("{sign}{rounded}{unit}", rounded = Fixed(rounded, 0))
        } else {
            format!("{sign}{rounded}{unit}", rounded = Fixed(rounded, 1))
        }
    };
    if !v.is_finite() || a < 1e3 {
        format_value(v)
    } else if a >= 1e8 {
        grouped(a / 1e8, "억")
    } else if a >= 1e4 {
        grouped(a / 1e4, "만")
    } else {
        format!("{sign}{}", group_thousands(&Fixed(a, 0).to_string()))
    }
}

/// An axis tick: [`number`] without trailing zeros ("0", "50", "1.5", "2k" rather than
/// "0.00", "50.0", "1.50", "2.0k"), the ticks being round numbers.
pub fn format_tick(lang: Lang, v: f64) -> String {
    let text = number(lang, v);
    let digits = text.trim_end_matches(|c: char| !c.is_ascii_digit() && c != '.');
    let suffix = &text[digits.len()..];
    if !digits.contains('.') {
        return text;
    }
    let trimmed = digits.trim_end_matches('0').trim_end_matches('.');
    format!("{trimmed}{suffix}")
}

/// A duration given in milliseconds in the unit it reads in: milliseconds below a second,
/// seconds from there (the value converted, and the unit's symbol).
pub fn ms_or_s(ms: f64) -> (f64, &'static str) {
    if ms.is_finite() && ms.abs() >= 1e3 {
        (ms / 1e3, "s")
    } else {
        (ms, "ms")
    }
}

/// A duration given in milliseconds, in milliseconds below a second and in seconds from
/// there: "1.50 ms", "41.3 ms", "164 s" (Korean "164초").
pub fn format_ms(lang: Lang, ms: f64) -> String {
    let (v, unit) = ms_or_s(ms);
    with_unit(lang, format_value(v), unit)
}

/// A duration given in milliseconds to two decimals, for a figure set beside a prediction
/// ("5.36 ms"); from a second on, in seconds ("1.71 s", not "1713.83 ms"; Korean "1.71초").
pub fn format_ms_2dp(lang: Lang, ms: f64) -> String {
    let (v, unit) = ms_or_s(ms);
    with_unit(lang, Fixed(v, 2).to_string(), unit)
}

/// A moment or a span in simulated seconds to `decimals` places: "12.3 s", Korean "12.3초"
/// (the log's times, the inspector's clock, the charts' time axes).
pub fn seconds(lang: Lang, t_s: f64, decimals: usize) -> String {
    with_unit(lang, Fixed(t_s, decimals).to_string(), "s")
}

/// `unit` (one of [`ms_or_s`]'s) as `lang` writes it: Korean writes seconds 초.
pub fn duration_unit(lang: Lang, unit: &'static str) -> &'static str {
    match (lang, unit) {
        (Lang::Ko, "s") => "초",
        _ => unit,
    }
}

/// `number` followed by `unit` (one of [`ms_or_s`]'s) as `lang` writes it: "12 s", and in
/// Korean "12초" (seconds in Hangul, no space, as the notes write them; "12 ms" stays).
pub fn with_unit(lang: Lang, number: String, unit: &'static str) -> String {
    match duration_unit(lang, unit) {
        "초" => format!("{number}초"),
        unit => format!("{number} {unit}"),
    }
}

/// A probability in percent as `lang` writes it, keeping two significant digits when small:
/// "15 %", "2.2 %", "0.031 %", "< 0.001 %"; Korean sets the sign against the figure, as
/// Korean text does ("15%", "0.031%").
pub fn format_percent(lang: Lang, p: f64) -> String {
    let pct = p * 100.0;
    let figure = if !pct.is_finite() {
        return "–".to_string();
    } else if pct == 0.0 {
        "0".to_string()
    } else if pct < 0.001 {
        "< 0.001".to_string()
    } else if pct >= 10.0 {
        Fixed(pct, 0).to_string()
    } else if pct >= 1.0 {
        Fixed(pct, 1).to_string()
    } else {
        // Two significant digits.
        let decimals = (-pct.log10()).floor() as usize + 2;
        Fixed(pct, decimals).to_string()
    };
    match lang {
        Lang::En => format!("{figure} %"),
        Lang::Ko => format!("{figure}%"),
    }
}

/// A number a person typed, said back: as written below 10^15 ("12.5", "-3"), in scientific
/// notation above (1e308 reads "1e308", not 309 digits).
pub fn as_typed(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e15 {
        // Written out rather than with `{:e}`, whose float formatting is code of its own in the
        // wasm: six significant digits, trailing zeros dropped.
        let exp = v.abs().log10().floor() as i32;
        let mantissa = Fixed(v / 10f64.powi(exp), 5).to_string();
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        format!("{mantissa}e{exp}")
    } else {
        shortest(v)
    }
}

/// A setting's value or limit said back: a whole number below 10^15 with thousands separators
/// ("10,000,000,000", which a field reads back as typed), else as [`as_typed`] says it.
pub fn as_typed_grouped(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format_plain(v)
    } else {
        as_typed(v)
    }
}

/// `digits` (ASCII digits, no sign) with a comma before each group of three from the right:
/// "1234567" reads "1,234,567". The one grouping every figure with separators goes through.
pub fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with thousands separators: "5,539", "13,936".
pub fn grouped(n: u64) -> String {
    group_thousands(&n.to_string())
}

/// A bound as a person writes it: whole numbers in full with thousands separators ("2,000",
/// "10"), other values as [`format_value`] gives them.
pub fn format_plain(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        let out = grouped(v.abs() as u64);
        if v < 0.0 { format!("-{out}") } else { out }
    } else {
        format_value(v)
    }
}

/// A figure beside a bound (a lesson's objectives): whole as [`format_plain`] writes it ("40",
/// "4,000") when it reads whole in [`number`]'s digits, as 40.02 does ("40.0"), so a falling
/// figure never shows "40.0" and then "40"; from 100 up to a million always whole ("1,844",
/// never "1.8k" in one run and "2,767" in the next); else as [`number`] gives it ("40.5").
pub fn plain_or_short(lang: Lang, v: f64) -> String {
    let a = v.abs();
    let digit = if a < 10.0 {
        0.01
    } else if a < 100.0 {
        0.1
    } else {
        f64::INFINITY
    };
    let whole = v.round();
    if v.is_finite() && a < 1e6 && (v - whole).abs() < digit / 2.0 {
        format_plain(whole)
    } else {
        number(lang, v)
    }
}

/// Several shares, each as [`format_percent`], separated by commas: "30 %, 28 %".
pub fn format_percents(lang: Lang, shares: &[f64]) -> String {
    shares
        .iter()
        .map(|p| format_percent(lang, *p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A count: exact below a thousand, then short as `lang` says it ([`number`]: "12k", "1.2만").
pub fn format_count(lang: Lang, n: u64) -> String {
    if n < 1_000 {
        n.to_string()
    } else {
        number(lang, n as f64)
    }
}

/// An amount in US dollars, without its sign: under $1 three decimals where the third tells
/// ("0.096") and two where it would be a zero ("0.10"), two under $1,000 ("1.54", "8.00",
/// "12.34"), whole dollars with thousands separated above ("1,234").
pub fn format_dollars(usd: f64) -> String {
    // Less than a tenth of a cent is none, without a sign (a sum of prices can end at -0.0 or
    // a rounding error below zero: not "-0.00").
    let usd = if usd.abs() < 0.0005 { 0.0 } else { usd };
    let a = usd.abs();
    if !usd.is_finite() {
        "–".to_string()
    } else if a < 1.0 {
        // A tenth of a cent where it tells (a small instance's $0.096), else cents.
        let cents = Fixed(usd, 2).to_string();
        let mills = Fixed(usd, 3).to_string();
        if mills.ends_with('0') { cents } else { mills }
    } else if a < 1_000.0 {
        // Cents from a dollar up, whatever the value: a figure that changes during a run keeps
        // its width ("4.29", never "4.292" a moment later), and a bound of $8 reads "8.00".
        Fixed(usd, 2).to_string()
    } else {
        let grouped = group_thousands(&Fixed(a, 0).to_string());
        if usd < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }
}

/// Latency quantiles p50 / p95 / p99 / p99.9 in one figure: "3.10 / 8.20 / 12.5 / 20.1 ms".
pub fn format_quantiles(lang: Lang, l: &crate::sim::metrics::Latency) -> String {
    // One unit for all four, the largest's: seconds once p99.9 reaches one ("0.25 / 0.90 /
    // 1.50 / 2.00 s", as the chart's legend says them, not "250 / 900 / 1.5k / 2.0k ms"),
    // unless a quantile would keep less than two digits of itself in seconds: then each says
    // its own ("3.60 ms / 5.05 s / ..."), where one unit read the 3.6 ms p50 as "0.00".
    let quantiles = [l.p50_ms, l.p95_ms, l.p99_ms, l.p999_ms];
    let (_, unit) = ms_or_s(l.p999_ms.max(l.p99_ms));
    if unit == "s" && l.p50_ms < 100.0 {
        return quantiles.map(|ms| format_ms(lang, ms)).join(" / ");
    }
    let scale = if unit == "s" { 1e-3 } else { 1.0 };
    let numbers = quantiles.map(|ms| format_value(ms * scale));
    with_unit(lang, numbers.join(" / "), unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_share_a_unit_unless_some_are_under_a_second_and_some_over() {
        let l = |p50_ms, p95_ms, p99_ms, p999_ms| crate::sim::metrics::Latency {
            p50_ms,
            p95_ms,
            p99_ms,
            p999_ms,
            ..Default::default()
        };
        assert_eq!(
            format_quantiles(Lang::En, &l(3.6, 8.0, 12.5, 40.0)),
            "3.60 / 8.00 / 12.5 / 40.0 ms"
        );
        assert_eq!(
            format_quantiles(Lang::En, &l(7_470.0, 9_090.0, 9_100.0, 9_200.0)),
            "7.47 / 9.09 / 9.10 / 9.20 s"
        );
        assert_eq!(
            format_quantiles(Lang::En, &l(3.6, 5_050.0, 6_090.0, 6_260.0)),
            "3.60 ms / 5.05 s / 6.09 s / 6.26 s"
        );
        assert_eq!(
            format_quantiles(Lang::Ko, &l(3.6, 5_050.0, 6_090.0, 6_260.0)),
            "3.60 ms / 5.05초 / 6.09초 / 6.26초"
        );
    }

    #[test]
    fn a_figure_reading_whole_is_written_whole() {
        // Falling through 40: "40.5", then "40" (never "40.0"), then "39.9".
        assert_eq!(plain_or_short(Lang::Ko, 40.5), "40.5");
        assert_eq!(plain_or_short(Lang::Ko, 40.02), "40");
        assert_eq!(plain_or_short(Lang::En, 40.0), "40");
        assert_eq!(plain_or_short(Lang::En, 39.94), "39.9");
        assert_eq!(plain_or_short(Lang::En, 9.996), "10");
        assert_eq!(plain_or_short(Lang::En, 2.5), "2.50");
        assert_eq!(plain_or_short(Lang::En, 4_000.2), "4,000");
        // From 100 up, whole: one run's worst and the next's read alike.
        assert_eq!(plain_or_short(Lang::En, 1_843.6), "1,844");
        assert_eq!(plain_or_short(Lang::En, 2_767.0), "2,767");
        assert_eq!(plain_or_short(Lang::Ko, 1_843.6), "1,844");
        assert_eq!(plain_or_short(Lang::En, 245.5), "246");
        assert_eq!(plain_or_short(Lang::En, 2.5e6), "2.5M");
        assert_eq!(plain_or_short(Lang::Ko, 2.5e6), "250만");
        assert_eq!(plain_or_short(Lang::En, -0.001), "0");
        assert_eq!(plain_or_short(Lang::En, f64::NAN), "–");
    }

    #[test]
    fn dollars_keep_cents_of_small_prices_and_group_big_ones() {
        assert_eq!(format_dollars(0.096), "0.096");
        assert_eq!(format_dollars(-0.0), "0.00");
        assert_eq!(format_dollars(-1e-12), "0.00");
        assert_eq!(format_dollars(-2.5), "-2.50");
        assert_eq!(format_dollars(8.0), "8.00");
    }

    #[test]
    fn korean_groups_large_numbers_by_man_and_eok() {
        assert_eq!(format_value_ko(0.5), "0.50");
        assert_eq!(format_value_ko(250.0), "250");
        assert_eq!(format_value_ko(1_900.0), "1,900");
        assert_eq!(format_value_ko(9_999.4), "9,999");
        assert_eq!(format_value_ko(15_000.0), "1.5만");
        assert_eq!(format_value_ko(120_000.0), "12만");
        assert_eq!(format_value_ko(1_234_567.0), "123만");
        assert_eq!(format_value_ko(-25_000.0), "-2.5만");
        assert_eq!(format_value_ko(3.2e8), "3.2억");
        assert_eq!(number(Lang::En, 1_900.0), "1.9k");
        assert_eq!(format_dollars(1.536), "1.54");
        assert_eq!(format_dollars(4.292), "4.29");
        assert_eq!(format_dollars(12.345), "12.35");
        assert_eq!(format_dollars(1_234.4), "1,234");
        assert_eq!(format_dollars(1_234_567.0), "1,234,567");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn a_typed_number_is_said_back_short() {
        assert_eq!(as_typed(-3.0), "-3");
        assert_eq!(as_typed(12.5), "12.5");
        assert_eq!(as_typed(1e308), "1e308");
        assert_eq!(as_typed(1.5e15), "1.5e15");
    }

    #[test]
    fn percentages_keep_two_significant_digits_when_small() {
        assert_eq!(format_percent(Lang::En, 0.15), "15 %");
        assert_eq!(format_percent(Lang::En, 0.0216), "2.2 %");
        assert_eq!(format_percent(Lang::En, 0.000_312), "0.031 %");
        assert_eq!(format_percent(Lang::En, 0.004), "0.40 %");
        assert_eq!(format_percent(Lang::En, 1e-9), "< 0.001 %");
        assert_eq!(format_percent(Lang::En, 0.0), "0 %");
        assert_eq!(format_percent(Lang::En, f64::NAN), "–");
        // Korean sets the sign against the figure.
        assert_eq!(format_percent(Lang::Ko, 0.15), "15%");
        assert_eq!(format_percent(Lang::Ko, 1e-9), "< 0.001%");
        assert_eq!(format_percents(Lang::Ko, &[0.3, 0.28]), "30%, 28%");
    }

    #[test]
    fn ticks_drop_trailing_zeros() {
        let ticks: Vec<String> = [0.0, 0.5, 1.5, 20.0, 50.0, 100.0, 1_000.0, 2_500.0, 15_000.0]
            .into_iter()
            .map(|v| format_tick(Lang::En, v))
            .collect();
        assert_eq!(
            ticks,
            ["0", "0.5", "1.5", "20", "50", "100", "1k", "2.5k", "15k"]
        );
        assert_eq!(format_tick(Lang::En, 2.0e6), "2M");
        assert_eq!(format_tick(Lang::En, 0.25), "0.25");
        // Korean groups by 만: "1,000", "1.5만", "20만".
        assert_eq!(format_tick(Lang::Ko, 1_000.0), "1,000");
        assert_eq!(format_tick(Lang::Ko, 15_000.0), "1.5만");
        assert_eq!(format_tick(Lang::Ko, 200_000.0), "20만");
        assert_eq!(format_tick(Lang::Ko, 0.5), "0.5");
    }

    #[test]
    fn values_format_short() {
        assert_eq!(format_value(1234.0), "1.2k");
        assert_eq!(format_value(98_765.0), "99k");
        assert_eq!(format_value(2_500_000.0), "2.5M");
        assert_eq!(format_value(4.567), "4.57");
        assert_eq!(format_ms(Lang::En, 41.3), "41.3 ms");
        assert_eq!(format_ms(Lang::En, 164_000.0), "164 s");
        assert_eq!(format_ms(Lang::Ko, 164_000.0), "164초");
        assert_eq!(format_ms(Lang::Ko, 41.3), "41.3 ms");
        assert_eq!(format_ms(Lang::En, 1_500.0), "1.50 s");
        assert_eq!(format_ms_2dp(Lang::En, 5.364), "5.36 ms");
        assert_eq!(format_ms_2dp(Lang::En, 1_713.83), "1.71 s");
        assert_eq!(format_ms_2dp(Lang::Ko, 1_713.83), "1.71초");
        assert_eq!(seconds(Lang::En, 12.34, 1), "12.3 s");
        assert_eq!(seconds(Lang::Ko, 120.0, 0), "120초");
        assert_eq!(format_count(Lang::En, 999), "999");
        assert_eq!(format_count(Lang::En, 12_345), "12k");
        assert_eq!(format_count(Lang::Ko, 12_345), "1.2만");
        assert_eq!(format_count(Lang::Ko, 134_000), "13.4만");
    }
}
