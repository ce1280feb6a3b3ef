//! The native command-line runner (the wasm32 build of the same binary is the web app).

use std::io::Write;

use crate::present::lang::Lang;
use crate::present::say;

mod lessons;

const USAGE: &str = "ScaleLab: a system-design sandbox.

Usage:
  scalelab --help       show this help
  scalelab --version    print the version
  scalelab run <diagram.json | share link> [--seconds S] [--json] [--lang en|ko]
                        simulate a saved diagram (or a link's `#v1=...` fragment) for its
                        scenario's duration, or S simulated seconds, and print the metrics
                        (a text summary, or the whole snapshot as JSON with --json); the
                        summary and the run log are in English, or in Korean with --lang ko
  scalelab lessons [--lang en|ko]
                        list the lessons, from a single server to millions of users
  scalelab lesson <N> [--fix] [--json] [--lang en|ko]
                        run lesson N's starting design (or its reference fix with --fix) and
                        print each objective with its figure and verdict; exits 0 only when
                        every objective passes, 1 when one is missed, 2 on a bad argument

The web app is the wasm32 build of this crate: run `make serve` and open http://127.0.0.1:8080.";

/// Runs the command line `args` (without the program name); returns the process exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match args.first().map(String::as_str) {
        None | Some("--help" | "-h" | "help") => {
            let _ = writeln!(out, "{USAGE}");
            0
        }
        Some("--version" | "-V") => {
            let _ = writeln!(out, "scalelab {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Some("run") => match run_diagram(&args[1..], out, err) {
            Ok(()) => 0,
            Err(message) => {
                let _ = writeln!(err, "scalelab run: {message}");
                1
            }
        },
        Some("lessons") => lessons::list(&args[1..], out, err),
        Some("lesson") => lessons::run(&args[1..], out, err),
        Some(other) => {
            let _ = writeln!(err, "scalelab: unknown command `{other}`\n\n{USAGE}");
            2
        }
    }
}

/// The language of `--lang`'s value (`en`, `ko`, or a regional form such as `ko-KR`).
pub(crate) fn language(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| {
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        format!(
            "--lang: `{code}` is not a language ScaleLab speaks (use {})",
            known.join(" or ")
        )
    })
}

/// `scalelab run`: import, build, simulate, print.
fn run_diagram(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<(), String> {
    let mut input = None;
    let mut seconds = None;
    let mut json = false;
    let mut lang = Lang::En;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--json" => json = true,
            "--lang" => {
                i += 1;
                let v = args.get(i).ok_or("--lang needs a language: en or ko")?;
                lang = language(v)?;
            }
            other if other.starts_with("--lang=") => lang = language(&other["--lang=".len()..])?,
            "--seconds" => {
                i += 1;
                let v = args.get(i).ok_or("--seconds needs a number of seconds")?;
                let s: f64 = v
                    .parse()
                    .map_err(|_| format!("--seconds: `{v}` is not a number"))?;
                if !(s.is_finite() && s >= 0.0) {
                    return Err(format!("--seconds: `{v}` must be a number of seconds >= 0"));
                }
                seconds = Some(s);
            }
            other if input.is_none() => input = Some(other.to_string()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
        i += 1;
    }
    let input = input.ok_or("give a diagram file (.json) or a share link")?;
    let imported = match std::fs::read_to_string(&input) {
        Ok(text) => crate::share::import_json(&text)
            .map_err(|e| format!("{input}: {}", say::share_error(lang, &e)))?,
        Err(read_err) => {
            let fragment = input.rsplit_once('#').map_or(input.as_str(), |(_, f)| f);
            if fragment.starts_with('v') && fragment.contains('=') {
                crate::share::decode_link(fragment)
                    .map_err(|e| format!("share link: {}", say::share_error(lang, &e)))?
            } else {
                return Err(format!("cannot read `{input}`: {read_err}"));
            }
        }
    };
    for w in &imported.warnings {
        let _ = writeln!(err, "warning: {}", say::import_warning(lang, w));
    }
    let run = crate::sim::RunConfig {
        seed: None,
        duration_s: seconds,
    };
    let mut sim =
        crate::sim::build(&imported.diagram, &run).map_err(|e| say::build_error(lang, &e))?;
    let end = crate::sim::SimTime::from_secs_f64(sim.duration_s());
    let mut t = crate::sim::SimTime::ZERO;
    while t < end {
        t = t.after(crate::sim::SimTime::from_secs(1)).min(end);
        sim.step_until(t.as_nanos(), u64::MAX);
    }
    let snapshot = sim.snapshot();
    if json {
        let text = serde_json::to_string_pretty(&snapshot).map_err(|e| e.to_string())?;
        let _ = writeln!(out, "{text}");
    } else {
        let _ = write!(out, "{}", say::run_summary(lang, &snapshot));
        for entry in &snapshot.log {
            let message = say::log_message(lang, &entry.event);
            let _ = writeln!(out, "  [{:>8.3} s] {message}", entry.time_s);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_str(args: &[&str]) -> (i32, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(&args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn unknown_command_exits_2_with_usage_on_stderr() {
        let (code, out, err) = run_str(&["frobnicate"]);
        assert_eq!(code, 2);
        assert!(out.is_empty());
        assert!(err.contains("unknown command `frobnicate`"));
    }

    #[test]
    fn run_rejects_damaged_input_with_a_clear_message() {
        let (code, out, err) = run_str(&["run", "v1=!!!not-base64"]);
        assert_eq!(code, 1);
        assert!(out.is_empty());
        assert!(err.starts_with("scalelab run: share link:"), "{err}");
        let (code, _, err) = run_str(&["run", "/nonexistent/diagram.json"]);
        assert_eq!(code, 1);
        assert!(err.contains("cannot read"), "{err}");
        let (code, _, err) = run_str(&["run", "x.json", "--seconds", "soon"]);
        assert_eq!(code, 1);
        assert!(err.contains("not a number"), "{err}");
        let (code, _, err) = run_str(&["run"]);
        assert_eq!(code, 1);
        assert!(err.contains("give a diagram"), "{err}");
    }

    #[test]
    fn run_simulates_a_share_link() {
        let link = crate::share::encode_link(&crate::model::examples::single_server());
        let url = format!("https://scalelab.example/#{link}");
        let (code, out, err) = run_str(&["run", &url, "--seconds", "2"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("t=2.000s"), "{out}");
        let (code, out, _) = run_str(&["run", &link, "--seconds", "1", "--json"]);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(v["overall"]["arrived"].as_u64().unwrap() > 0);
        // A figure over the last window says so in its name; a count since the start does not.
        assert!(v["overall"]["recent_throughput_rps"].as_f64().is_some());
        assert!(v["overall"].get("throughput_rps").is_none());
        let c = &v["components"][0];
        for name in [
            "recent_arrival_rps",
            "recent_throughput_rps",
            "recent_error_rps",
        ] {
            assert!(c[name].as_f64().is_some(), "{name} in {c}");
        }
        assert!(c.get("arrival_rps").is_none());
    }

    /// Every line of a Korean run printout has Hangul and, once the diagram's own labels and
    /// datacenter names are taken out, no English word.
    fn assert_korean_printout(out: &str, diagram: &crate::model::Diagram) {
        use crate::present::text::korean_check::foreign_words;
        let mut names: Vec<&str> = diagram
            .components
            .iter()
            .map(|c| c.label.as_str())
            .chain(diagram.groups.iter().map(|g| g.name.as_str()))
            .collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for line in out.lines() {
            let mut rest = line.to_string();
            for name in &names {
                rest = rest.replace(name, " ");
            }
            assert!(foreign_words(&rest).is_empty(), "English in {line:?}");
            assert!(
                line.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
                "no Hangul in {line:?}"
            );
        }
    }

    #[test]
    fn run_in_korean_prints_the_summary_and_the_log_in_korean() {
        let fixture = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/chapter_final.json"
        );
        let diagram = crate::share::import_json(&std::fs::read_to_string(fixture).unwrap())
            .unwrap()
            .diagram;
        let (code, out, err) = run_str(&["run", fixture, "--seconds", "3", "--lang", "ko"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("시각 3.000초 · "), "{out}");
        assert!(out.contains("자동 규모 확장"), "{out}");
        assert_korean_printout(&out, &diagram);

        // The chapter's datacenter failure and its return, moved to the first seconds.
        let mut early = diagram.clone();
        for (f, at_s) in early.scenario.faults.iter_mut().zip([1.0, 3.0]) {
            f.at_s = at_s;
        }
        let link = crate::share::encode_link(&early);
        let (code, out, err) = run_str(&["run", &link, "--seconds", "4", "--lang=ko"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("에 장애가 발생했습니다"), "{out}");
        assert!(out.contains("복구되었습니다"), "{out}");
        assert_korean_printout(&out, &early);

        // English stays the engine's summary and the English log.
        let (_, en, _) = run_str(&["run", fixture, "--seconds", "3"]);
        let (_, en_flag, _) = run_str(&["run", fixture, "--seconds", "3", "--lang", "en"]);
        assert_eq!(en, en_flag);
        assert!(en.starts_with("t=3.000s events="), "{en}");
    }

    #[test]
    fn an_unknown_language_is_a_clear_error() {
        let (code, out, err) = run_str(&["run", "x.json", "--lang", "fr"]);
        assert_eq!(code, 1);
        assert!(out.is_empty());
        assert_eq!(
            err,
            "scalelab run: --lang: `fr` is not a language ScaleLab speaks (use ko or en)\n"
        );
        let (code, _, err) = run_str(&["run", "x.json", "--lang"]);
        assert_eq!(code, 1);
        assert!(err.contains("--lang needs a language"), "{err}");
        let (_, out, _) = run_str(&["--help"]);
        assert!(out.contains("[--lang en|ko]"), "{out}");
    }

    #[test]
    fn a_damaged_file_is_explained_in_the_language_asked_for() {
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/bad/duplicate_ids.json"
        );
        let (code, _, english) = run_str(&["run", file]);
        assert_eq!(code, 1);
        let (code, _, korean) = run_str(&["run", file, "--lang", "ko"]);
        assert_eq!(code, 1);
        assert_ne!(english, korean);
        assert!(
            korean.chars().any(|c| ('가'..='힣').contains(&c)),
            "{korean}"
        );
    }

    #[test]
    fn version_prints_crate_version() {
        let (code, out, _) = run_str(&["--version"]);
        assert_eq!(code, 0);
        assert_eq!(
            out.trim(),
            format!("scalelab {}", env!("CARGO_PKG_VERSION"))
        );
    }
}
