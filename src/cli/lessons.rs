//! `scalelab lessons` and `scalelab lesson N`: the lessons without a screen, so a teacher can
//! script checks. A lesson's run is judged exactly as the app judges it
//! ([`crate::lessons::headless`]).

use std::io::Write;

use crate::lessons::headless::{judge_with, reference_answer};
use crate::lessons::{Lesson, LessonId, Status};
use crate::present::lang::Lang;
use crate::present::say;

/// `--lang` and the other arguments, in any order.
struct Args {
    lang: Lang,
    fix: bool,
    json: bool,
    rest: Vec<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        lang: Lang::En,
        fix: false,
        json: false,
        rest: Vec::new(),
    };
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--fix" => a.fix = true,
            "--json" => a.json = true,
            "--lang" => {
                i += 1;
                let v = args.get(i).ok_or("--lang needs a language: en or ko")?;
                a.lang = super::language(v)?;
            }
            other if other.starts_with("--lang=") => {
                a.lang = super::language(&other["--lang=".len()..])?
            }
            other if other.starts_with("--") => return Err(format!("unknown option `{other}`")),
            other => a.rest.push(other.to_string()),
        }
        i += 1;
    }
    Ok(a)
}

/// `scalelab lessons`: one line a lesson.
pub fn list(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let a = match parse(args) {
        Ok(a) if a.rest.is_empty() && !a.fix && !a.json => a,
        Ok(_) => {
            let _ = writeln!(err, "scalelab lessons: takes only --lang");
            return 2;
        }
        Err(e) => {
            let _ = writeln!(err, "scalelab lessons: {e}");
            return 2;
        }
    };
    for id in LessonId::ALL {
        let t = say::lesson_head(a.lang, id);
        let _ = writeln!(out, "{:>2}. {}: {}", id.number(), t.title, t.summary);
    }
    0
}

/// `scalelab lesson N [--fix] [--json]`: runs and judges; 0 when every objective passes.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let fail = |err: &mut dyn Write, e: &str| {
        let _ = writeln!(err, "scalelab lesson: {e}");
        2
    };
    let a = match parse(args) {
        Ok(a) => a,
        Err(e) => return fail(err, &e),
    };
    let [n] = a.rest.as_slice() else {
        return fail(err, "give one lesson number (see `scalelab lessons`)");
    };
    let Some(lesson) = n
        .parse::<u32>()
        .ok()
        .and_then(LessonId::from_number)
        .map(|id| Lesson::build(id, a.lang))
    else {
        return fail(
            err,
            &format!("`{n}` is not a lesson (see `scalelab lessons`)"),
        );
    };
    // The fix comes with the reference answer: the components a learner must find, found.
    let (design, selected) = if a.fix {
        (&lesson.fix, reference_answer(&lesson))
    } else {
        (&lesson.start, Vec::new())
    };
    let judged = match judge_with(&lesson, design, &selected) {
        Ok(j) => j,
        Err(e) => return fail(err, &say::build_error(a.lang, &e)),
    };
    let verdicts = judged.tracker.verdicts();
    let passed = judged.tracker.all_passed();
    if a.json {
        let objectives: Vec<serde_json::Value> = lesson
            .objectives
            .iter()
            .zip(verdicts)
            .map(|(o, v)| {
                serde_json::json!({
                    "objective": say::objective(a.lang, o),
                    "passed": v.status == Status::Passed,
                    "figure": v.figure.filter(|f| f.is_finite()),
                    "figure_text": v.figure.map(|f| say::objective_figure(a.lang, o.measure, f)),
                    "missed_at_s": v.missed_at_s,
                })
            })
            .collect();
        let doc = serde_json::json!({
            "lesson": lesson.id.number(),
            "title": say::lesson_head(a.lang, lesson.id).title,
            "design": if a.fix { "fix" } else { "start" },
            "passed": passed,
            "objectives": objectives,
        });
        let _ = writeln!(out, "{doc:#}");
    } else {
        let t = say::lesson_head(a.lang, lesson.id);
        let _ = writeln!(out, "{}. {}", lesson.id.number(), t.title);
        for (o, v) in lesson.objectives.iter().zip(verdicts) {
            let mark = if v.status == Status::Passed {
                "✓"
            } else {
                "✗"
            };
            let figure = v
                .figure
                .map(|f| say::objective_figure(a.lang, o.measure, f))
                .unwrap_or_else(|| {
                    say::lesson_word(a.lang, crate::present::text::lessons::LessonWord::NoFigure)
                        .to_string()
                });
            let _ = writeln!(
                out,
                "  {mark}  {}  [{}: {figure}]",
                say::objective(a.lang, o),
                say::objective_standing(a.lang, o, Some(*v))
            );
        }
    }
    if passed { 0 } else { 1 }
}

#[cfg(test)]
mod tests {
    fn run_str(args: &[&str]) -> (i32, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = super::super::run(&args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn lessons_are_listed_in_both_languages() {
        let (code, out, _) = run_str(&["lessons"]);
        assert_eq!(code, 0);
        assert!(out.starts_with(" 1. A single server: "), "{out}");
        let (code, out, _) = run_str(&["lessons", "--lang", "ko"]);
        assert_eq!(code, 0);
        assert!(out.starts_with(" 1. 단일 서버: "), "{out}");
    }

    #[test]
    fn a_lesson_start_misses_and_its_fix_passes_with_exit_codes_to_script() {
        let (code, out, _) = run_str(&["lesson", "3"]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("✗"), "{out}");
        let (code, out, _) = run_str(&["lesson", "3", "--fix", "--json"]);
        assert_eq!(code, 0, "{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["passed"], true);
        assert_eq!(v["design"], "fix");
        assert!(
            v["objectives"]
                .as_array()
                .unwrap()
                .iter()
                .all(|o| o["passed"] == true)
        );
    }

    #[test]
    fn a_bad_lesson_number_says_so() {
        for bad in ["0", "99", "three"] {
            let (code, _, err) = run_str(&["lesson", bad]);
            assert_eq!(code, 2);
            assert!(err.contains("is not a lesson"), "{err}");
        }
        let (code, _, err) = run_str(&["lesson"]);
        assert_eq!(code, 2);
        assert!(err.contains("one lesson number"), "{err}");
    }
}
