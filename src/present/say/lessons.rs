//! The lessons' words in the language asked for: a lesson's text, an objective, its figure and
//! standing, and what a narration step waits for.

use crate::lessons::{Check, LessonId, Measure, Objective, Status, Trigger, Verdict};
use crate::model::ComponentKind;
use crate::present::lang::Lang;
use crate::present::text::lessons::{LessonBody, LessonHead};
use crate::present::{english, korean};

/// Lesson `id`'s title and line.
pub fn lesson_head(lang: Lang, id: LessonId) -> LessonHead {
    match lang {
        Lang::En => english::lessons::head(id),
        Lang::Ko => korean::lessons::head(id),
    }
}

/// Lesson `id`'s narration, hints and simplifications as the catalogue writes them. The app
/// reads them from the lesson pack instead ([`crate::present::lesson_pack`]); this is for the
/// pack's generation, the command line and the tests.
pub fn lesson_body(lang: Lang, id: LessonId) -> LessonBody {
    match lang {
        Lang::En => english::lessons::body(id),
        Lang::Ko => korean::lessons::body(id),
    }
}

/// One of the gallery's or the lesson panel's fixed words.
pub fn lesson_word(lang: Lang, w: crate::present::text::lessons::LessonWord) -> &'static str {
    use crate::present::text::Phrase;
    match lang {
        Lang::En => w.english(),
        Lang::Ko => w.korean(),
    }
}

/// Said when lesson `id` opens.
pub fn lesson_opened(lang: Lang, id: LessonId) -> String {
    match lang {
        Lang::En => english::lessons::opened(id),
        Lang::Ko => korean::lessons::opened(id),
    }
}

/// Said when lesson `id`'s link carries an attempt that cannot be opened (`error`): the
/// lesson opens at its start, never judging the design that was on the canvas.
pub fn lesson_attempt_damaged(
    lang: Lang,
    id: LessonId,
    error: &crate::share::ShareError,
) -> String {
    let damaged = super::opening_notice(
        lang,
        &crate::share::open::Notice::DamagedLink {
            error: error.clone(),
            own_diagram_shown: false,
        },
    );
    match lang {
        Lang::En => english::lessons::attempt_damaged(id, &damaged),
        Lang::Ko => korean::lessons::attempt_damaged(id, &damaged),
    }
}

/// Said when a link names no lesson (`typed` is what it named).
pub fn no_such_lesson(lang: Lang, typed: &str) -> String {
    match lang {
        Lang::En => english::lessons::no_such_lesson(typed),
        Lang::Ko => korean::lessons::no_such_lesson(typed),
    }
}

/// The inspector's label of the setting a narration step names (its path, if the kind's form
/// has no such field).
pub fn setting_label(lang: Lang, link: crate::lessons::SettingLink) -> String {
    crate::editor::form::fields(&link.kind.default_config())
        .iter()
        .find(|f| f.path == link.path)
        .map(|f| super::field_label(lang, &f.name))
        .unwrap_or_else(|| link.path.to_string())
}

/// An objective as one line.
pub fn objective(lang: Lang, o: &Objective) -> String {
    match lang {
        Lang::En => english::lessons::objective(o),
        Lang::Ko => korean::lessons::objective(o),
    }
}

/// An objective's figure with its unit.
pub fn objective_figure(lang: Lang, m: Measure, v: f64) -> String {
    match lang {
        Lang::En => english::lessons::figure(m, v),
        Lang::Ko => korean::lessons::figure(m, v),
    }
}

/// Beside an objective to find a culprit, the kinds the learner selected that are not it:
/// "not it: Web servers, Database".
pub fn ruled_out(lang: Lang, kinds: &[ComponentKind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| super::kind_name(lang, *k)).collect();
    let names = names.join(", ");
    match lang {
        Lang::En => english::lessons::ruled_out(&names),
        Lang::Ko => korean::lessons::ruled_out(&names),
    }
}

/// A throughout objective's figure, the worst of the run so far, said so: "worst 245 ms". A
/// count since the start never falls, so its worst is its latest, and a p99 with no answers
/// has no worst: both say their figure alone.
pub fn objective_worst(lang: Lang, m: Measure, v: f64) -> String {
    let figure = objective_figure(lang, m, v);
    if m.since_start() || (m == Measure::P99Ms && v.is_infinite()) {
        return figure;
    }
    match lang {
        Lang::En => english::lessons::worst(&figure),
        Lang::Ko => korean::lessons::worst(&figure),
    }
}

/// An objective's standing.
fn objective_status(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::En => english::lessons::status(s),
        Lang::Ko => korean::lessons::status(s),
    }
}

/// Objective `o`'s standing as its line shows it, from its verdict `v` (none before the run):
/// one that had to hold throughout and failed says when ("failed at 15 s"), so the figure beside
/// it reads as the one that broke the limit; one judged at the end fails at the end.
pub fn objective_standing(lang: Lang, o: &Objective, v: Option<Verdict>) -> String {
    let status = v.map_or(Status::Waiting, |v| v.status);
    let throughout = matches!(o.check, Check::Throughout { .. });
    match v.and_then(|v| v.missed_at_s) {
        Some(at) if status == Status::Failed && throughout => match lang {
            Lang::En => english::lessons::failed_at(at),
            Lang::Ko => korean::lessons::failed_at(at),
        },
        _ => objective_status(lang, status).to_string(),
    }
}

/// How many of a lesson's `total` objectives are met now (the header's marks, said).
pub fn objectives_met(lang: Lang, met: usize, total: usize) -> String {
    match lang {
        Lang::En => english::lessons::objectives_met(met, total),
        Lang::Ko => korean::lessons::objectives_met(met, total),
    }
}

/// What a narration step waits for.
pub fn trigger(lang: Lang, t: Trigger) -> String {
    match lang {
        Lang::En => english::lessons::trigger(t),
        Lang::Ko => korean::lessons::trigger(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::{Check, Lesson, Limit, Subject};
    use crate::model::ComponentKind;
    use crate::present::text::korean_check::foreign_words;

    fn korean(text: &str, what: &str) {
        let foreign = foreign_words(text);
        assert!(foreign.is_empty(), "{what}: {text:?} has {foreign:?}");
    }

    #[test]
    fn every_lesson_text_is_korean_in_korean() {
        for id in LessonId::ALL {
            let h = lesson_head(Lang::Ko, id);
            korean(h.title, "title");
            korean(h.summary, "summary");
            let t = lesson_body(Lang::Ko, id);
            korean(t.simplified, "simplified");
            for s in t.steps.iter().chain(t.hints) {
                korean(s, "step or hint");
            }
            let en = lesson_body(Lang::En, id);
            assert_eq!(t.steps.len(), en.steps.len(), "{id:?}");
            assert_eq!(t.hints.len(), en.hints.len(), "{id:?}");
            assert_ne!(h.title, lesson_head(Lang::En, id).title);
        }
    }

    #[test]
    fn every_written_lesson_has_words_for_each_step_and_hint() {
        for id in LessonId::ALL {
            let lesson = Lesson::build(id, Lang::En);
            for lang in Lang::ALL {
                let t = lesson_body(lang, id);
                assert_eq!(t.steps.len(), lesson.steps.len(), "{id:?} {lang:?}");
                assert_eq!(t.hints.len(), lesson.hints, "{id:?} {lang:?}");
                assert!(!t.simplified.is_empty(), "{id:?} {lang:?}");
            }
            for o in &lesson.objectives {
                korean(&objective(Lang::Ko, o), "objective");
            }
            for s in &lesson.steps {
                korean(&trigger(Lang::Ko, s.wait), "trigger");
                if let Some(link) = s.setting {
                    let label = setting_label(Lang::Ko, link);
                    assert_ne!(label, link.path, "{id:?}: no field {}", link.path);
                    korean(&label, "setting");
                }
            }
        }
    }

    #[test]
    fn objectives_read_with_their_bound_and_unit() {
        let o = Objective::throughout(Measure::P99Ms, Limit::AtMost(200.0), 10.0);
        assert_eq!(
            objective(Lang::En, &o),
            "p99 latency over the last 10 s: at most 200 ms, from 10 s on"
        );
        assert_eq!(
            objective(Lang::Ko, &o),
            "최근 10초 p99 응답 지연시간: 200 ms 이하 (10초부터 계속)"
        );
        let down = Objective {
            measure: Measure::ErrorsAfter(Subject::Kind(ComponentKind::WebServers)),
            limit: Limit::AtMost(40.0),
            check: Check::Throughout { from_s: 0.0 },
        };
        assert_eq!(
            objective(Lang::En, &down),
            "Errors after a web server failure: at most 40 s"
        );
        let none = Objective::throughout(Measure::SessionsLost, Limit::AtMost(0.0), 0.0);
        assert_eq!(
            objective(Lang::En, &none),
            "Sessions lost in the whole run: none"
        );
        assert_eq!(
            objective(Lang::Ko, &none),
            "실행 전체에서 잃어버린 세션: 없어야 함"
        );
        assert_eq!(
            objective_figure(Lang::En, Measure::P99Ms, f64::INFINITY),
            "no answers"
        );
        assert_eq!(
            objective_worst(Lang::En, Measure::P99Ms, 245.0),
            "worst 245 ms"
        );
        assert_eq!(
            objective_worst(Lang::Ko, Measure::P99Ms, 245.0),
            "최악 245 ms"
        );
        assert_eq!(
            objective_worst(Lang::En, Measure::P99Ms, f64::INFINITY),
            "no answers"
        );
        assert_eq!(
            objective_worst(Lang::Ko, Measure::QueueDepth, 7_300.0),
            "최악 7,300개"
        );
        // A count since the start never falls: its worst is its latest, said alone.
        assert_eq!(
            objective_worst(Lang::En, Measure::SessionsLost, 212_822.0),
            objective_figure(Lang::En, Measure::SessionsLost, 212_822.0)
        );
        assert!(!objective_worst(Lang::Ko, Measure::LostWrites, 3.0).contains("최악"));
        let guesses = [ComponentKind::WebServers, ComponentKind::Database];
        assert_eq!(
            ruled_out(Lang::En, &guesses),
            "not it: Web servers, Database"
        );
        assert_eq!(
            ruled_out(Lang::Ko, &guesses),
            "원인 아님: 웹 서버, 데이터베이스"
        );
        assert_eq!(
            trigger(Lang::En, Trigger::Saturated(ComponentKind::Dns)),
            "the DNS to saturate"
        );
        assert_eq!(
            trigger(Lang::Ko, Trigger::Saturated(ComponentKind::WebServers)),
            "웹 서버가 포화 상태가 되기"
        );
        assert_eq!(
            objective(
                Lang::En,
                &Objective::at_end(Measure::KeysMovedPercent, Limit::AtMost(30.0))
            ),
            "Keys moved by adding a shard: at most 30 %, when the run ends"
        );
        assert_eq!(
            objective(
                Lang::Ko,
                &Objective::at_end(Measure::QueueDepth, Limit::AtMost(200.0))
            ),
            "작업 프로세스를 기다리는 작업: 200개 이하 (실행이 끝날 때)"
        );
    }

    #[test]
    fn a_failed_objective_says_when_it_failed() {
        let throughout = Objective::throughout(Measure::P99Ms, Limit::AtMost(200.0), 10.0);
        let at_end = Objective::at_end(Measure::ErrorPercent, Limit::AtMost(1.0));
        let verdict = |status, at| {
            Some(Verdict {
                status,
                figure: Some(267.0),
                missed_at_s: at,
            })
        };
        let failed = verdict(Status::Failed, Some(15.0));
        assert_eq!(
            objective_standing(Lang::En, &throughout, failed),
            "failed at 15 s"
        );
        assert_eq!(
            objective_standing(Lang::Ko, &throughout, verdict(Status::Failed, Some(15.5))),
            "15.5초에 실패"
        );
        // An objective judged at the end fails at the end, whenever it was first missed.
        assert_eq!(objective_standing(Lang::En, &at_end, failed), "failed");
        assert_eq!(objective_standing(Lang::Ko, &at_end, failed), "실패");
        assert_eq!(
            objective_standing(Lang::En, &at_end, verdict(Status::Failing, Some(15.0))),
            "missing"
        );
        assert_eq!(
            objective_standing(Lang::En, &throughout, None),
            "not judged yet"
        );
        assert_eq!(objectives_met(Lang::En, 1, 2), "1 of 2 objectives met");
        assert_eq!(objectives_met(Lang::Ko, 1, 2), "목표 2개 중 1개 달성");
    }
}
