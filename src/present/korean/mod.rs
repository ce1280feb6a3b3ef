//! The app's Korean: the same typed values [`super::english`] words, worded as the chapter's
//! Korean study notes word them (their terms are listed in `docs/glossary.md`).
//!
//! Owns: the Korean catalogue, file for file a sibling of [`super::english`] with the same
//! function names and signatures: [`log_message`], [`build_error`], [`row`] and
//! [`web_theory`], [`message`] and [`review`], [`summary`] (the command line's text summary),
//! and here the few shared words ([`failure_reason`], [`failure_legend`], [`cross_region`],
//! [`cache_model`], [`cache_prediction`], [`severity`], [`read_back`]); and [`grammar`]
//! (particles after names and numbers, counts in 만 and 억). Names of component kinds, regions
//! and ports inside a sentence come from [`crate::present::say`], whose owners word them.
//! Deliberately absent: choosing what to show and number formatting ([`super::format`]), as in
//! English.

mod build_error;
pub mod editor_actions;
pub mod editor_form;
pub mod editor_notice;
pub mod editor_traffic;
pub mod grammar;
pub mod lessons;
mod log;
mod model;
mod readout;
mod review;
mod share;
mod summary;
pub mod ui;

pub use build_error::build_error;
pub use log::log_message;
pub use model::*;
pub use readout::{RowText, cost_per_hour, design_cost_title, row, web_theory};
pub use review::{Worded, message, review};
pub use share::*;
pub use summary::summary;

use crate::decimal::{Fixed, Shortest};
use crate::model::Severity;
use crate::sim::failure::FailureReason;

use super::format::format_percent;
use super::lang::Lang;
use super::readout::{CacheModel, StaleReadChance};

pub use crate::present::say::ReasonWords;

/// A datacenter named in a sentence: its name alone when the name says it is one ("데이터 센터
/// 2", "DC1"), else the name before the word ("북미 데이터 센터"), never "데이터 센터 데이터 센터 2".
pub fn datacenter_named(name: &str) -> String {
    let name = name.trim();
    if name.contains("데이터 센터") || name.contains("데이터센터") || name.starts_with("DC")
    {
        name.to_string()
    } else {
        format!("{name} 데이터 센터")
    }
}

/// The words of one failure reason.
pub fn failure_reason(reason: FailureReason) -> ReasonWords {
    let (name, detail) = match reason {
        FailureReason::Overload => ("과부하", Some("대기열이 가득 참")),
        FailureReason::Timeout => ("시간 초과", None),
        FailureReason::Unavailable => ("사용 불가", Some("장애 중")),
        FailureReason::NoHealthyBackend => ("정상 서버 없음", None),
        FailureReason::SessionLost => ("세션 유실", None),
        FailureReason::NoRoute => ("경로 없음", None),
    };
    ReasonWords { name, detail }
}

/// A chart legend's name for the failures of one reason: "실패: 과부하".
pub fn failure_legend(reason: FailureReason) -> String {
    format!("실패: {}", failure_reason(reason).name)
}

/// The chart name of a database's copy in another datacenter: `<label> (데이터 센터 간)`.
pub fn cross_region(label: &str) -> String {
    format!("{label} (데이터 센터 간)")
}

/// The name of the theory behind a hit-ratio prediction: "Che 근사 (LRU)", "LFU 상한 (상위
/// 키)", "채울 때 TTL 설정 (용량보다 TTL이 먼저 작용)".
pub fn cache_model(m: CacheModel) -> String {
    use crate::sim::theory::CacheFormula as F;
    let (name, mut notes) = match m.formula {
        F::CheLru => ("Che 근사", vec!["LRU"]),
        F::FifoCharacteristicTime => ("FIFO 특성 시간 근사", vec![]),
        F::LfuTopKeys => ("LFU 상한", vec!["상위 키"]),
        F::LfuTopKeysWithTtl => ("LFU 상한", vec!["상위 키", "키마다 TTL로 만료"]),
        F::TtlSetOnFill => ("채울 때 TTL 설정", vec!["용량보다 TTL이 먼저 작용"]),
        F::TtlRefreshOnHit => ("적중 시 TTL 갱신", vec!["용량보다 TTL이 먼저 작용"]),
    };
    if m.writes_invalidate {
        notes.push("쓰기 시 무효화");
    }
    if notes.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({})", notes.join(", "))
    }
}

/// A hit-ratio prediction worded: "Che 근사 (LRU)의 예측 43.7%", or for a bound "LFU 상한
/// (상위 키): 최대 57.1%". `percent` is 0-100.
pub fn cache_prediction(m: CacheModel, percent: f64) -> String {
    if m.formula.is_upper_bound() {
        format!(
            "{}: 최대 {percent}%",
            cache_model(m),
            percent = Fixed(percent, 1)
        )
    } else {
        format!(
            "{}의 예측 {percent}%",
            cache_model(m),
            percent = Fixed(percent, 1)
        )
    }
}

/// The word before a design-review finding.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "오류",
        Severity::Warning => "경고",
        Severity::Info => "참고",
    }
}

/// The read-back chance in words: "쓰기 10 ms 후의 읽기가 오래된 값을 읽을 확률 p = 0.87%
/// (M/M/1 적용 대기열)".
pub fn read_back(c: &StaleReadChance) -> String {
    format!(
        "쓰기 {} ms 후의 읽기가 오래된 값을 읽을 확률 p = {} (M/M/1 적용 대기열)",
        Shortest(c.after_ms),
        format_percent(Lang::Ko, c.probability)
    )
}

/// Test helpers: the checks every Korean catalogue test applies to a rendered sentence.
#[cfg(test)]
pub(crate) mod check {
    use crate::present::text::korean_check::foreign_words;

    /// Fails unless `text` has Hangul and no Latin word outside `tests/latin-allowed.txt`
    /// (after stripping the `extra` strings: words another catalogue's tests check, such as a
    /// setting error inside a finding).
    pub(crate) fn assert_korean_text(what: &str, text: &str, extra: &[String]) {
        let mut rest = text.to_string();
        for name in extra.iter().map(String::as_str) {
            if !name.is_empty() {
                rest = rest.replace(name, " ");
            }
        }
        let foreign = foreign_words(&rest);
        assert!(
            foreign.is_empty(),
            "{what}: {text:?} has English words {foreign:?}"
        );
        assert!(
            text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
            "{what}: {text:?} has no Hangul"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::check::assert_korean_text;
    use super::*;
    use crate::sim::theory::CacheFormula as F;

    #[test]
    fn a_datacenter_is_named_once() {
        assert_eq!(datacenter_named("데이터 센터 1"), "데이터 센터 1");
        assert_eq!(datacenter_named("DC2"), "DC2");
        assert_eq!(datacenter_named("북미"), "북미 데이터 센터");
        assert_eq!(
            crate::present::korean::log::log_message(
                &crate::sim::log::LogEvent::DatacenterFailed {
                    name: "데이터 센터 1".into()
                }
            ),
            "데이터 센터 1에 장애가 발생했습니다"
        );
    }

    #[test]
    fn every_reason_has_korean_words() {
        for r in FailureReason::ALL {
            let words = failure_reason(r);
            assert_korean_text(&format!("{r:?}"), &words.in_full(), &[]);
            assert_korean_text(&format!("{r:?}"), &failure_legend(r), &[]);
        }
        assert_eq!(
            failure_reason(FailureReason::Overload).in_full(),
            "과부하 (대기열이 가득 참)"
        );
        assert_eq!(
            failure_legend(FailureReason::NoHealthyBackend),
            "실패: 정상 서버 없음"
        );
    }

    #[test]
    fn every_cache_model_severity_and_the_read_back_are_korean() {
        let formulas = [
            F::CheLru,
            F::FifoCharacteristicTime,
            F::LfuTopKeys,
            F::LfuTopKeysWithTtl,
            F::TtlSetOnFill,
            F::TtlRefreshOnHit,
        ];
        for formula in formulas {
            for writes_invalidate in [false, true] {
                let m = CacheModel {
                    formula,
                    writes_invalidate,
                };
                assert_korean_text(&format!("{m:?}"), &cache_prediction(m, 43.7), &[]);
            }
        }
        let che = CacheModel {
            formula: F::CheLru,
            writes_invalidate: true,
        };
        assert_eq!(
            cache_prediction(che, 43.7),
            "Che 근사 (LRU, 쓰기 시 무효화)의 예측 43.7%"
        );
        let lfu = CacheModel {
            formula: F::LfuTopKeys,
            writes_invalidate: false,
        };
        assert_eq!(
            cache_prediction(lfu, 57.1),
            "LFU 상한 (상위 키): 최대 57.1%"
        );
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_korean_text(&format!("{s:?}"), severity(s), &[]);
        }
        assert_korean_text("cross_region", &cross_region("주 데이터베이스"), &[]);
        let c = StaleReadChance {
            after_ms: 10.0,
            probability: 0.0087,
        };
        assert_eq!(
            read_back(&c),
            "쓰기 10 ms 후의 읽기가 오래된 값을 읽을 확률 p = 0.87% (M/M/1 적용 대기열)"
        );
    }

    #[test]
    fn say_words_korean_for_ko_and_english_for_en() {
        use crate::present::lang::Lang;
        use crate::present::say;
        use crate::sim::log::LogEvent;
        let event = LogEvent::Failed {
            label: "캐시".into(),
        };
        assert_eq!(say::log_message(Lang::Ko, &event), log_message(&event));
        assert_eq!(
            say::log_message(Lang::En, &event),
            super::super::english::log_message(&event)
        );
        let r = FailureReason::Timeout;
        assert_eq!(say::failure_legend(Lang::Ko, r), "실패: 시간 초과");
        assert_eq!(say::failure_legend(Lang::En, r), "failed: timeout");
        assert_eq!(say::severity(Lang::Ko, Severity::Warning), "경고");
        assert_eq!(say::cross_region(Lang::Ko, "캐시"), "캐시 (데이터 센터 간)");
        let b = crate::sim::BuildError::NoUsers;
        assert_eq!(say::build_error(Lang::Ko, &b), build_error(&b));
    }
}
