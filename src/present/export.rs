//! What the exports hold that is not a picture: the run's time series as CSV, and the name the
//! exported files take from the diagram (pure, tested natively; `ui::export` moves the results
//! into downloads).
//!
//! The CSV has one row per sample of the run history ([`RunHistory`]), oldest first, with the
//! simulated seconds of the sample in the first column, then the columns the charts draw: the
//! completed requests per second, the latency percentiles, the failures per second of every
//! reason that failed at least once, and the per-component and per-datacenter series under
//! their users' labels. A series with no sample at a row's time (a replica that applied
//! nothing in that interval) leaves its cell empty. When the run applied faults, a last column
//! words each in the row of the first sample at or after it (the charts mark them there too).
//! The header row is worded in the screen's language ([`Column`], worded by
//! `text::file::csv_column`); the numbers never are: a dot for decimals, no grouping, so a
//! spreadsheet in any locale reads the same figures. Fields are quoted as RFC 4180 asks, rows
//! end in CRLF, and the text starts with a byte order mark so that spreadsheets read Korean
//! labels as UTF-8.
//!
//! Deliberately absent: the shard heatmaps (a table per database, not a column) and anything
//! the history does not hold: the CSV shows exactly what the charts show, nothing recomputed.

use super::lang::Lang;
use super::run_history::RunHistory;
use super::series::Series;
use super::text::file::csv_column;
use crate::decimal::Fixed;
use crate::sim::failure::FailureReason;
use crate::sorted::SortedMap;

/// One column of the exported CSV, worded by the catalogues in the screen's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column<'a> {
    /// Simulated seconds since the start of the run.
    Time,
    /// Completed requests per second.
    Completed,
    /// Latency percentiles over the recent window, in milliseconds.
    P50,
    P95,
    P99,
    /// Failures per second of one reason.
    Failures(FailureReason),
    /// A cache's or CDN's hit ratio in percent, by its label.
    HitRatio(&'a str),
    /// A replicated database's replica lag in milliseconds.
    ReplicaLag(&'a str),
    /// A database copy's cross-region lag in milliseconds.
    CopyLag(&'a str),
    /// A queue's or worker pool's waiting line.
    QueueDepth(&'a str),
    /// A pool's or web tier's instance count.
    Instances(&'a str),
    /// A datacenter's share of the requests in percent.
    DcShare(&'a str),
    /// The faults applied since the previous row, worded.
    Faults,
}

/// The file name a diagram's exports take, without its extension: the first candidate that
/// still has letters or digits once made safe for file systems (the open lesson's title, the
/// first Users card's label, ...), or `scalelab-diagram`. Safe means: letters and digits of
/// any script kept (ASCII ones in lower case), every other run of characters one `-`, no
/// leading or trailing `-`, at most [`MAX_STEM_CHARS`] characters.
pub fn file_stem<'a>(candidates: impl IntoIterator<Item = &'a str>) -> String {
    candidates
        .into_iter()
        .map(safe_stem)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_STEM.to_string())
}

/// The stem when nothing in the diagram names it.
pub const DEFAULT_STEM: &str = "scalelab-diagram";
/// The longest stem, in characters.
pub const MAX_STEM_CHARS: usize = 60;

fn safe_stem(text: &str) -> String {
    let mut stem = String::new();
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !stem.is_empty() {
                stem.push('-');
            }
            gap = false;
            stem.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    let cut: String = stem.chars().take(MAX_STEM_CHARS).collect();
    cut.trim_end_matches('-').to_string()
}

/// The run history as CSV, its header worded in `lang` (see the module's doc); `faults` are the
/// faults the run applied, oldest first, each at its time in simulated seconds with its words
/// (as the charts mark them).
pub fn history_csv<'h>(lang: Lang, history: &'h RunHistory, faults: &[(f64, String)]) -> String {
    let mut columns: Vec<(Column<'h>, &'h Series)> = vec![
        (Column::Completed, &history.throughput),
        (Column::P50, &history.p50),
        (Column::P95, &history.p95),
        (Column::P99, &history.p99),
    ];
    columns.extend(
        history
            .failure_rates()
            .filter(|(_, s)| s.points().any(|(_, v)| v > 0.0))
            .map(|(reason, s)| (Column::Failures(reason), s)),
    );
    let named = [
        (
            &history.hit_ratio,
            Column::HitRatio as fn(&'h str) -> Column<'h>,
        ),
        (&history.replica_lag, Column::ReplicaLag),
        (&history.copy_lag, Column::CopyLag),
        (&history.queue_depth, Column::QueueDepth),
        (&history.instances, Column::Instances),
        (&history.dc_share, Column::DcShare),
    ];
    for (map, column) in named {
        columns.extend(map.values().map(|n| (column(&n.label), &n.series)));
    }

    let mut out = String::from("\u{feff}");
    let with_faults = !faults.is_empty();
    let header: Vec<String> = std::iter::once(Column::Time)
        .chain(columns.iter().map(|(c, _)| *c))
        .chain(with_faults.then_some(Column::Faults))
        .map(|c| quoted(&csv_column(lang, c)))
        .collect();
    push_row(&mut out, &header);
    // Inserted one by one, in time order: each lands at the end (a map collected at once would
    // sort its entries first, its own copy of the standard sort in the wasm).
    let by_time: Vec<SortedMap<u64, f64>> = columns
        .iter()
        .map(|(_, s)| {
            let mut m = SortedMap::new();
            for (t, v) in s.points() {
                m.insert(t.to_bits(), v);
            }
            m
        })
        .collect();
    let mut since = f64::NEG_INFINITY;
    for (t, _) in history.throughput.points() {
        // The faults after the previous row's time, up to this one's.
        let applied = with_faults.then(|| {
            let words: Vec<&str> = faults
                .iter()
                .filter(|(at, _)| *at > since && *at <= t)
                .map(|(_, w)| w.as_str())
                .collect();
            quoted(&words.join("; "))
        });
        since = t;
        let row: Vec<String> = std::iter::once(number(t))
            .chain(by_time.iter().map(|m| {
                // No sample, or a gap (nothing measured): an empty field.
                m.get(&t.to_bits())
                    .filter(|v| !v.is_nan())
                    .map_or_else(String::new, |v| number(*v))
            }))
            .chain(applied)
            .collect();
        push_row(&mut out, &row);
    }
    out
}

fn push_row(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// A field as RFC 4180 wants it: quoted, with inner quotes doubled, when it holds a comma, a
/// quote or a line break.
fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// A figure with a dot for decimals, at most four of them, trailing zeros dropped.
fn number(v: f64) -> String {
    let text = Fixed(v, 4).to_string();
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::sim::MetricsSnapshot;
    use crate::sim::metrics::{ComponentMetrics, Lookups};

    /// A snapshot at `t` seconds: 100 req/s, `timeouts` timeouts so far, a cache asked 100
    /// times a second, and a replicated database whose replicas applied `applies` writes so far.
    fn snap(t: f64, timeouts: u64, applies: u64) -> MetricsSnapshot {
        let mut s = MetricsSnapshot {
            time_s: t,
            ..MetricsSnapshot::default()
        };
        s.overall.throughput_rps = 100.0 + t;
        s.overall.recent_latency.count = 10;
        s.overall.recent_latency.p50_ms = 1.5;
        s.overall.recent_latency.p95_ms = 7.25;
        s.overall.recent_latency.p99_ms = 1000.0 * t;
        s.overall.failed.timeout = timeouts;
        // The window is the run so far: every timeout is in it.
        s.overall.recent_failed.timeout = timeouts;
        s.overall.window_s = t.min(10.0);
        s.components.push(ComponentMetrics {
            id: 3,
            label: "Cache, west".into(),
            lookups: Some(Lookups {
                lookups: (100.0 * t) as u64,
                hits: (50.0 * t) as u64,
            }),
            ..ComponentMetrics::default()
        });
        s.components.push(ComponentMetrics {
            id: 4,
            label: "Orders".into(),
            mean_replication_lag_ms: Some(20.0),
            replica_applies: Some(applies),
            ..ComponentMetrics::default()
        });
        s
    }

    fn rows(csv: &str) -> Vec<Vec<&str>> {
        let body = csv.strip_prefix('\u{feff}').expect("a byte order mark");
        assert!(body.ends_with("\r\n"));
        body.trim_end_matches("\r\n")
            .split("\r\n")
            .map(|r| r.split(',').collect())
            .collect()
    }

    #[test]
    fn the_csv_holds_one_row_per_sample_with_the_charts_figures() {
        let mut h = RunHistory::default();
        h.record(&snap(0.0, 0, 0));
        h.record(&snap(0.5, 0, 10));
        h.record(&snap(1.0, 4, 10)); // no write applied in this interval
        h.record(&snap(1.5, 4, 30));
        // Nothing answered over the last window: the latency columns are empty, not "NaN".
        let mut outage = snap(2.0, 4, 30);
        outage.overall.recent_latency = Default::default();
        h.record(&outage);
        let csv = history_csv(Lang::En, &h, &[]);
        let rows = rows(&csv);
        assert_eq!(rows.len(), 1 + h.len(), "{csv}");
        assert_eq!(rows[5][2..5], ["", "", ""], "{csv}");
        let header = &rows[0];
        assert_eq!(header[0], "Simulated time (s)");
        assert_eq!(header[1], "Completed (req/s)");
        assert!(header[2].starts_with("p50"), "{header:?}");
        // One failure column, timeouts: the reasons that never failed are left out.
        let timeouts = crate::present::say::failure_legend(Lang::En, FailureReason::Timeout);
        assert!(header[5].starts_with(&timeouts), "{header:?}");
        assert_eq!(header.iter().filter(|c| c.starts_with("failed")).count(), 1);
        // A label with a comma is quoted, so it splits in two on a naive split.
        assert!(csv.contains("\"Cache, west"), "{csv}");
        assert_eq!(header.len(), 1 + 4 + 1 + 2 + 1);
        let times: Vec<&str> = rows[1..].iter().map(|r| r[0]).collect();
        assert_eq!(times, ["0", "0.5", "1", "1.5", "2"]);
        let completed: Vec<&str> = rows[1..].iter().map(|r| r[1]).collect();
        assert_eq!(completed, ["100", "100.5", "101", "101.5", "102"]);
        assert_eq!(rows[4][4], "1500", "p99 of the last sample");
        assert_eq!(rows[3][5], "4", "4 timeouts over the run's first second");
        assert_eq!(rows[2][6], "50", "the cache's hit ratio");
        // The replica applied nothing between 0.5 and 1 s: an empty cell, not a zero.
        let lag: Vec<&str> = rows[1..].iter().map(|r| *r.last().unwrap()).collect();
        assert_eq!(lag, ["", "20", "", "20", ""]);
        for row in &rows[1..] {
            // The header's quoted comma is its one more split.
            assert_eq!(row.len(), header.len() - 1, "{row:?}");
        }
    }

    #[test]
    fn the_header_follows_the_language_but_the_numbers_do_not() {
        let mut h = RunHistory::default();
        h.record(&snap(0.0, 0, 0));
        h.record(&snap(0.25, 0, 0));
        let ko = history_csv(Lang::Ko, &h, &[]);
        let en = history_csv(Lang::En, &h, &[]);
        let (ko_head, ko_body) = ko.split_once("\r\n").unwrap();
        let (en_head, en_body) = en.split_once("\r\n").unwrap();
        assert_ne!(ko_head, en_head);
        assert!(ko_head.contains("시뮬레이션"), "{ko_head}");
        assert_eq!(ko_body, en_body);
        assert!(en_body.contains("0.25,100.25,"), "{en_body}");
    }

    #[test]
    fn every_korean_column_name_is_korean() {
        use crate::present::korean::check::assert_korean_text;
        let label = "캐시";
        let columns = [
            Column::Time,
            Column::Completed,
            Column::P50,
            Column::P95,
            Column::P99,
            Column::HitRatio(label),
            Column::ReplicaLag(label),
            Column::CopyLag(label),
            Column::QueueDepth(label),
            Column::Instances(label),
            Column::DcShare(label),
            Column::Faults,
        ]
        .into_iter()
        .chain(FailureReason::ALL.map(Column::Failures));
        for column in columns {
            assert_korean_text(&format!("{column:?}"), &csv_column(Lang::Ko, column), &[]);
        }
    }

    #[test]
    fn each_fault_is_worded_in_the_row_of_the_first_sample_at_or_after_it() {
        let mut h = RunHistory::default();
        for i in 0..5 {
            h.record(&snap(f64::from(i) * 0.5, 0, 0));
        }
        let faults = [
            (0.5, "0.5 s: Fail Web".to_string()),
            (0.7, "0.7 s: Restore Web".to_string()),
            (0.9, "0.9 s: Flush cache Cache, west".to_string()),
            // After the last sample: no row holds it, as no chart marks it.
            (2.5, "2.5 s: Fail Web".to_string()),
        ];
        let csv = history_csv(Lang::En, &h, &faults);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].ends_with(",Faults"), "{csv}");
        assert!(lines[1].ends_with(','), "{csv}");
        assert!(lines[2].ends_with(",0.5 s: Fail Web"), "{csv}");
        // Two in one interval share a row; the comma in a label is quoted.
        assert!(
            lines[3].ends_with(",\"0.7 s: Restore Web; 0.9 s: Flush cache Cache, west\""),
            "{csv}"
        );
        assert!(lines[4].ends_with(',') && lines[5].ends_with(','), "{csv}");
        assert!(!csv.contains("2.5 s"), "{csv}");
        // No fault, no column.
        let plain = history_csv(Lang::En, &h, &[]);
        assert!(!plain.contains("Faults"), "{plain}");
        assert!(history_csv(Lang::Ko, &h, &faults).contains(",장애\r\n"));
    }

    #[test]
    fn an_empty_history_is_a_header_alone() {
        let rows = rows(&history_csv(Lang::En, &RunHistory::default(), &[])).len();
        assert_eq!(rows, 1);
    }

    #[test]
    fn numbers_use_a_dot_and_drop_trailing_zeros() {
        assert_eq!(number(1234.5), "1234.5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-0.00001), "0");
        assert_eq!(number(1.23456), "1.2346");
    }

    #[test]
    fn fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(quoted("Cache"), "Cache");
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn stems_are_safe_for_file_systems() {
        assert_eq!(file_stem(["3. Cache the reads!"]), "3-cache-the-reads");
        assert_eq!(file_stem(["", "  / "]), DEFAULT_STEM);
        assert_eq!(file_stem(["../etc/passwd"]), "etc-passwd");
        assert_eq!(file_stem(["a:b*c?d\"e<f>g|h\\i"]), "a-b-c-d-e-f-g-h-i");
        assert_eq!(file_stem(["2. 캐시로 읽기"]), "2-캐시로-읽기");
        assert_eq!(file_stem(std::iter::empty()), DEFAULT_STEM);
        let long = "x ".repeat(100);
        let stem = file_stem([long.as_str()]);
        assert!(stem.chars().count() <= MAX_STEM_CHARS);
        assert!(!stem.ends_with('-'));
    }
}
