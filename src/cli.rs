//! The native command-line runner (the wasm32 build of the same binary is the web app).

use std::io::Write;

const USAGE: &str = "ScaleLab: a system-design sandbox.

Usage:
  scalelab --help       show this help
  scalelab --version    print the version

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
        Some(other) => {
            let _ = writeln!(err, "scalelab: unknown command `{other}`\n\n{USAGE}");
            2
        }
    }
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
    fn version_prints_crate_version() {
        let (code, out, _) = run_str(&["--version"]);
        assert_eq!(code, 0);
        assert_eq!(
            out.trim(),
            format!("scalelab {}", env!("CARGO_PKG_VERSION"))
        );
    }
}
