//! The run charts in words: titles, units, legends, the shard heatmap, and the theory lines
//! drawn beside the simulated figures (cache hit ratios, web tier queues, replica lag).
//!
//! The figures come worded where another layer owns them (`say::cache_prediction`,
//! `say::web_theory`, `say::read_back`, `say::failure_legend`, `say::cross_region`); this
//! module words the sentences the charts build around them. Numbers arrive formatted by
//! [`crate::present::format`] where the English did so, so both languages show the same digits.

use crate::present::{english, korean};

use super::run::in_both;

crate::phrases! {
    /// The charts' fixed words.
    pub enum ChartText => (english::ui::run_charts::words, korean::ui::run_charts::words) {
        /// The charts' titles.
        Throughput,
        Latency,
        HitRatio,
        ReplicaLag,
        Queues,
        Datacenters,
        /// The y axes' units.
        UnitReqPerS,
        UnitMs,
        UnitPercent,
        UnitCount,
        /// The legend of completed requests.
        Completed,
        /// What the heatmap's colours mean.
        HeatUnit,
        /// In place of a chart of a part the design lacks: no cache or CDN, no replicated
        /// database, no datacenter.
        NoCaches,
        NoReplicas,
        NoDatacenters,
    }
}

in_both! {
    (english::ui::run_charts, korean::ui::run_charts)
    /// The legend of a pool's instance count.
    fn instances_of(label: &str) -> String;
    /// A legend's value under the pointer (`value` formatted).
    fn value_at(value: &str, unit: &str, t_s: f64) -> String;
    /// A legend's latest value with its unit (`value` formatted).
    fn value_with_unit(value: &str, unit: &str) -> String;
    /// The heatmap's title.
    fn shard_load(label: &str) -> String;
    /// A heatmap cell's tooltip.
    fn shard_cell(shard: usize, t_s: f64, requests: u64) -> String;
    /// A hit-ratio prediction and the caches it covers (joined labels).
    fn cache_for(prediction: &str, labels: &str) -> String;
    /// A web tier's queueing prediction: `theory` worded by `say::web_theory`, `rate`
    /// formatted; the simulated mean time if any, over the run's last `window_s` seconds or
    /// (`None`) since its start; whether CDN misses were estimated and whether the tier
    /// autoscales (the figure is for its starting instance count).
    #[allow(clippy::too_many_arguments)]
    fn web_line(
        label: &str,
        theory: &str,
        rate: &str,
        instances: u32,
        threads: u32,
        service_ms: f64,
        simulated_ms: Option<f64>,
        window_s: Option<u32>,
        cdn_estimated: bool,
        autoscaled: bool,
    ) -> String;
    /// The rates behind a lag prediction (formatted).
    fn lag_rates(writes: &str, applies: &str, network_ms: &str) -> String;
    /// What theory and the run say about stale reads, after a lag prediction: `words` from
    /// `say::read_back`, `share` formatted, `measured` the simulated shares per database (may be
    /// empty). Empty when there are no words.
    fn stale_note(words: Option<&str>, share: Option<&str>, measured: &str) -> String;
    /// A synchronous replica's lag prediction.
    fn lag_sync(mean_ms: f64, names: &str, rates: &str) -> String;
    /// An asynchronous replica's lag prediction, with its stale-read note.
    fn lag_async(mean_ms: f64, names: &str, rates: &str, stale: &str) -> String;
    /// Writes outrun the apply thread: the lag grows (rates formatted).
    fn lag_growing(names: &str, writes: &str, applies: &str, growth_s_per_s: f64) -> String;
    /// Replicas that apply nothing.
    fn lag_none(names: &str) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::lang::Lang;
    use crate::present::text::korean_check::foreign_words;

    fn all(lang: Lang) -> Vec<String> {
        vec![
            instances_of(lang, "웹"),
            value_at(lang, "12", "ms", 30.0),
            shard_load(lang, "DB"),
            shard_cell(lang, 2, 30.0, 120),
            cache_for(lang, "예측", "캐시"),
            web_line(
                lang,
                "웹",
                "이론",
                "120",
                2,
                4,
                20.0,
                Some(21.5),
                None,
                true,
                true,
            ),
            web_line(
                lang,
                "웹",
                "이론",
                "120",
                2,
                4,
                20.0,
                Some(21.5),
                Some(10),
                false,
                false,
            ),
            web_line(
                lang, "웹", "이론", "120", 1, 1, 20.0, None, None, false, false,
            ),
            lag_rates(lang, "100", "500", "2.00"),
            stale_note(lang, Some("글"), Some("1.2 %"), ""),
            stale_note(lang, Some("글"), Some("1.2 %"), "DB 1.1 %"),
            stale_note(lang, Some("글"), None, ""),
            stale_note(lang, Some("글"), None, "DB 1.1 %"),
            lag_sync(lang, 2.5, "DB", "쓰기"),
            lag_async(lang, 2.5, "DB", "쓰기", ""),
            lag_growing(lang, "DB", "600", "500", 0.17),
            lag_none(lang, "DB"),
        ]
    }

    #[test]
    fn english_reads_as_the_charts_did() {
        // One web tier, simulated at 21.5 ms, over the window `window_s`, CDN misses estimated
        // or not.
        let web = |window_s, cdn_estimated| {
            web_line(
                Lang::En,
                "Web",
                "M/M/c",
                "120",
                1,
                2,
                20.0,
                Some(21.5),
                window_s,
                cdn_estimated,
                false,
            )
        };
        assert_eq!(
            web(None, true),
            "Web: M/M/c (120 req/s over 1 instance of 2 threads at 20.00 ms); \
             simulated 21.50 ms; CDN misses by Che's approximation"
        );
        // Where the traffic moves, the prediction is for the rate of the moment: the simulated
        // figure beside it is the last window's.
        assert_eq!(
            web(Some(10), false),
            "Web: M/M/c (120 req/s over 1 instance of 2 threads at 20.00 ms); \
             simulated 21.50 ms over the last 10 s"
        );
        assert_eq!(
            stale_note(Lang::En, Some("w"), Some("1.2 %"), "DB 1.1 %"),
            "; w; 1.2 % of replica reads stale (simulated: DB 1.1 %)"
        );
        assert_eq!(stale_note(Lang::En, None, Some("1.2 %"), ""), "");
        assert_eq!(value_at(Lang::En, "12", "ms", 30.0), "12 ms at 30 s");
        assert_eq!(
            lag_growing(Lang::En, "DB", "600", "500", 0.17),
            "No steady lag for DB: 600 writes/s outrun the 500/s a replica applies, \
             so the lag grows by 0.17 s every second"
        );
    }

    #[test]
    fn korean_sentences_are_korean() {
        assert_eq!(value_at(Lang::Ko, "12", "ms", 30.0), "30초 시점 12 ms");
        // A Korean count takes its counter word without a space, as "인스턴스 3개" does.
        assert_eq!(value_with_unit(Lang::Ko, "3", "개"), "3개");
        assert_eq!(value_with_unit(Lang::Ko, "12", "ms"), "12 ms");
        assert_eq!(value_with_unit(Lang::Ko, "14.6", "%"), "14.6%");
        assert_eq!(value_with_unit(Lang::En, "14.6", "%"), "14.6 %");
        assert_eq!(value_with_unit(Lang::En, "3", "count"), "3 count");
        for s in all(Lang::Ko) {
            let foreign: Vec<_> = foreign_words(&s)
                .into_iter()
                .filter(|w| w != "DB")
                .collect();
            assert!(foreign.is_empty(), "{s:?} has {foreign:?}");
        }
    }
}
