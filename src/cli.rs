//! The native command-line runner (the wasm32 build of the same binary is the web app).

use std::io::Write;

const USAGE: &str = "ScaleLab: a system-design sandbox.

Usage:
  scalelab --help       show this help
  scalelab --version    print the version
  scalelab run <diagram.json | share link> [--seconds S] [--json]
                        simulate a saved diagram (or a link's `#v1=...` fragment) for its
                        scenario's duration, or S simulated seconds, and print the metrics
                        (a text summary, or the whole snapshot as JSON with --json)

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
        Some(other) => {
            let _ = writeln!(err, "scalelab: unknown command `{other}`\n\n{USAGE}");
            2
        }
    }
}

/// `scalelab run`: import, build, simulate, print.
fn run_diagram(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Result<(), String> {
    let mut input = None;
    let mut seconds = None;
    let mut json = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--json" => json = true,
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
            .map_err(|e| format!("{input}: {}", crate::present::english::share_error(&e)))?,
        Err(read_err) => {
            let fragment = input.rsplit_once('#').map_or(input.as_str(), |(_, f)| f);
            if fragment.starts_with('v') && fragment.contains('=') {
                crate::share::decode_link(fragment).map_err(|e| {
                    format!("share link: {}", crate::present::english::share_error(&e))
                })?
            } else {
                return Err(format!("cannot read `{input}`: {read_err}"));
            }
        }
    };
    for w in &imported.warnings {
        let _ = writeln!(
            err,
            "warning: {}",
            crate::present::english::import_warning(w)
        );
    }
    let run = crate::sim::RunConfig {
        seed: None,
        duration_s: seconds,
    };
    let mut sim = crate::sim::build(&imported.diagram, &run)
        .map_err(|e| crate::present::english::build_error(&e))?;
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
        let _ = write!(out, "{}", snapshot.summary());
        for entry in &snapshot.log {
            let message = crate::present::english::log_message(&entry.event);
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
