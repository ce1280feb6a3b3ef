//! Enforces the invariants of ARCHITECTURE.md that can be checked by reading the source.

use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The folders of the modules that must stay pure: testable natively, deterministic, free of
/// the browser (`model` and `sim` form the `scalelab-core` crate).
const PURE_MODULES: [&str; 7] = [
    "core/src/model",
    "src/editor",
    "core/src/sim",
    "src/share",
    "src/present",
    "src/lessons",
    "src/runner",
];

/// The source folders of the two crates.
const SOURCE_ROOTS: [&str; 2] = ["src", "core/src"];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Source lines with comments stripped, so a doc that *mentions* a forbidden name is fine.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.split("//").next().unwrap_or("")))
}

fn violations(forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in PURE_MODULES {
        for file in rust_files(&Path::new(ROOT).join(dir)) {
            let text = fs::read_to_string(&file).unwrap();
            for (line_no, code) in code_lines(&text) {
                for name in forbidden {
                    if code.contains(name) {
                        found.push(format!("{}:{line_no}: uses `{name}`", file.display()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn pure_modules_never_import_the_browser() {
    let found = violations(&["leptos", "web_sys", "js_sys", "wasm_bindgen"]);
    assert!(
        found.is_empty(),
        "browser APIs in pure modules:\n{}",
        found.join("\n")
    );
}

#[test]
fn pure_modules_never_read_the_clock_or_os_entropy() {
    let found = violations(&[
        "std::time",
        "Instant::now",
        "SystemTime",
        "thread_rng",
        "getrandom",
        "from_entropy",
        "from_os_rng",
        "OsRng",
        "RandomState",
    ]);
    assert!(
        found.is_empty(),
        "clock or entropy in pure modules:\n{}",
        found.join("\n")
    );
}

#[test]
fn simulation_never_uses_randomly_seeded_hash_maps() {
    let mut found = Vec::new();
    for file in rust_files(&Path::new(ROOT).join("core/src/sim")) {
        let text = fs::read_to_string(&file).unwrap();
        for (line_no, code) in code_lines(&text) {
            // A hash map is allowed only with a fixed hasher (`BuildHasherDefault<..>`), whose
            // iteration order is the same on every run; `use` lines only import the name.
            let names_map = code.contains("HashMap") || code.contains("HashSet");
            let fixed_hasher = code.contains("BuildHasherDefault");
            if names_map && !fixed_hasher && !code.trim_start().starts_with("use ") {
                found.push(format!("{}:{line_no}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "randomly seeded hash maps in sim (use BTreeMap, Vec or a fixed hasher):\n{}",
        found.join("\n")
    );
}

#[test]
fn every_module_starts_with_a_doc_paragraph() {
    let mut missing = Vec::new();
    for file in SOURCE_ROOTS
        .iter()
        .flat_map(|root| rust_files(&Path::new(ROOT).join(root)))
    {
        let text = fs::read_to_string(&file).unwrap();
        if !text.trim_start().starts_with("//!") {
            missing.push(file.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a `//!` doc:\n{}",
        missing.join("\n")
    );
}

#[test]
fn architecture_doc_maps_every_top_level_module() {
    let doc = fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let mut unmapped = Vec::new();
    for root in SOURCE_ROOTS {
        for entry in fs::read_dir(Path::new(ROOT).join(root)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if matches!(name.as_str(), "lib" | "main") {
                continue;
            }
            if !doc.contains(&format!("`{root}/{name}")) {
                unmapped.push(format!("{root}/{name}"));
            }
        }
    }
    assert!(
        unmapped.is_empty(),
        "ARCHITECTURE.md code map lacks: {unmapped:?}"
    );
}

#[test]
fn wasm_bindgen_versions_agree() {
    let read = |name: &str| fs::read_to_string(Path::new(ROOT).join(name)).unwrap();
    let lock = read("Cargo.lock");
    let locked = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
        .expect("wasm-bindgen in Cargo.lock")
        .trim_matches('"')
        .to_string();
    assert!(
        read("Cargo.toml").contains(&format!("wasm-bindgen = \"={locked}\"")),
        "Cargo.toml must pin wasm-bindgen = \"={locked}\""
    );
    assert!(
        read("Trunk.toml").contains(&format!("wasm_bindgen = \"{locked}\"")),
        "Trunk.toml must pin wasm_bindgen = \"{locked}\" (the CLI must match the library)"
    );
}

/// Every text file of the repository that may name another file: sources, tests, benches,
/// tools, docs and the build files.
fn citing_files() -> Vec<PathBuf> {
    let root = Path::new(ROOT);
    let mut files = Vec::new();
    for dir in [
        "src", "core/src", "tests", "benches", "tools", "docs", "web", ".github",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy();
                if path.is_dir() {
                    // Playwright's output folders and fixtures are data, not citations.
                    if !matches!(
                        name.as_ref(),
                        "test-results" | "playwright-report" | "fixtures"
                    ) {
                        stack.push(path);
                    }
                } else if [".rs", ".md", ".mjs", ".sh", ".css", ".yml", ".toml"]
                    .iter()
                    .any(|ext| name.ends_with(ext))
                {
                    files.push(path);
                }
            }
        }
    }
    for name in [
        "ARCHITECTURE.md",
        "README.md",
        "Makefile",
        "index.html",
        "Cargo.toml",
        "core/Cargo.toml",
        "Trunk.toml",
    ] {
        files.push(root.join(name));
    }
    files.sort();
    files
}

/// The repository paths a text names: words that start at a top-level folder of the repository
/// (`core/src/sim/cache.rs`, `docs/fidelity.md`) or are an upper-case Markdown file at the root
/// (`ARCHITECTURE.md`). A word with a placeholder (`<kind>`, `*`, `{`) names a pattern, not a
/// file, and is skipped.
fn cited_paths(text: &str) -> Vec<String> {
    const ROOTS: [&str; 9] = [
        "src/", "core/", "tests/", "docs/", "tools/", "web/", "benches/", ".github/", ".ci/",
    ];
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_-./".contains(c);
    let mut cited = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(is_path_char).unwrap_or(rest.len());
        let after = &rest[start..];
        let len = after.find(|c| !is_path_char(c)).unwrap_or(after.len());
        let word = &after[..len];
        let preceded_by = rest[..start].chars().last();
        let followed_by = after[len..].chars().next();
        rest = &after[len..];
        let word = word.trim_end_matches('.');
        // A path inside another path or a URL, or a placeholder, is not a citation.
        if matches!(preceded_by, Some('/' | '$' | '<' | '{' | '@' | '\\'))
            || matches!(followed_by, Some('<' | '*' | '{' | '$' | '/'))
        {
            continue;
        }
        let starts_at_root = ROOTS.iter().any(|r| word.starts_with(r));
        let root_markdown = word.len() > 3
            && word.ends_with(".md")
            && !word.contains('/')
            && word[..word.len() - 3]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '_');
        let has_extension = word
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.') && !last.ends_with('.'));
        if (starts_at_root && (has_extension || word.ends_with('/'))) || root_markdown {
            cited.push(word.to_string());
        }
    }
    cited
}

#[test]
fn every_file_a_source_names_exists() {
    let root = Path::new(ROOT);
    let mut missing = Vec::new();
    // This file's own examples of citations are not citations.
    let this_file = root.join("tests/it/tidy.rs");
    for file in citing_files().into_iter().filter(|f| *f != this_file) {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (line_no, line) in text.lines().enumerate() {
            for cited in cited_paths(line) {
                if !root.join(&cited).exists() {
                    let shown = file.strip_prefix(root).unwrap_or(&file).display();
                    missing.push(format!("{shown}:{}: names `{cited}`", line_no + 1));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "files named in the sources that do not exist:\n{}",
        missing.join("\n")
    );
}

/// The Markdown sections a text links to: `docs/fidelity.md#lru-and-ches-approximation` gives
/// `("docs/fidelity.md", "lru-and-ches-approximation")`.
fn cited_sections(text: &str) -> Vec<(String, String)> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_-./".contains(c);
    let mut found = Vec::new();
    for (at, _) in text.match_indices(".md#") {
        let path_start = text[..at]
            .rfind(|c: char| !is_path_char(c))
            .map_or(0, |i| i + 1);
        let anchor: String = text[at + 4..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        found.push((format!("{}.md", &text[path_start..at]), anchor));
    }
    found
}

/// The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as
/// hyphens.
fn heading_anchor(heading: &str) -> String {
    heading
        .trim_start_matches('#')
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn every_section_a_source_links_to_exists() {
    let root = Path::new(ROOT);
    let this_file = root.join("tests/it/tidy.rs");
    let mut missing = Vec::new();
    for file in citing_files().into_iter().filter(|f| *f != this_file) {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (line_no, line) in text.lines().enumerate() {
            for (doc, anchor) in cited_sections(line) {
                let Ok(target) = fs::read_to_string(root.join(&doc)) else {
                    continue; // a missing file is every_file_a_source_names_exists's to report
                };
                let found = target
                    .lines()
                    .filter(|l| l.starts_with('#'))
                    .any(|l| heading_anchor(l) == anchor);
                if !found {
                    let shown = file.strip_prefix(root).unwrap_or(&file).display();
                    missing.push(format!("{shown}:{}: {doc}#{anchor}", line_no + 1));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "links to sections that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn sections_and_anchors_are_read_as_github_reads_them() {
    assert_eq!(
        cited_sections("see docs/fidelity.md#md1-pollaczek-khinchine: lambda"),
        [(
            "docs/fidelity.md".to_string(),
            "md1-pollaczek-khinchine".to_string()
        )]
    );
    assert_eq!(
        heading_anchor("### M/D/1 (Pollaczek-Khinchine)"),
        "md1-pollaczek-khinchine"
    );
    assert_eq!(
        heading_anchor("### LRU and Che's approximation"),
        "lru-and-ches-approximation"
    );
}

#[test]
fn cited_paths_are_read_as_a_reader_would() {
    assert_eq!(
        cited_paths("see `docs/fidelity.md` and ARCHITECTURE.md, or ORACLES.md."),
        ["docs/fidelity.md", "ARCHITECTURE.md", "ORACLES.md"]
    );
    assert_eq!(
        cited_paths("tests/it/sim/<behaviour>.rs, src/ui/*.rs, https://x.org/docs/a.md"),
        Vec::<String>::new()
    );
    assert_eq!(cited_paths("core/src/sim/ holds it"), ["core/src/sim/"]);
}

/// The most code lines (not blank, not only a comment, before the file's own test module) a
/// source file may hold: a file past it holds more than one thing.
const CODE_LINE_CAP: usize = 700;

/// Files allowed past the cap, each with the reason a split would not help a reader.
const OVER_THE_CAP: [(&str, &str); 0] = [];

fn code_line_count(text: &str) -> usize {
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .filter(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with("//")
        })
        .count()
}

#[test]
fn no_source_file_outgrows_its_cap() {
    let root = Path::new(ROOT);
    let mut over = Vec::new();
    for dir in ["src", "core/src", "tests", "benches"] {
        for file in rust_files(&root.join(dir)) {
            let name = file.strip_prefix(root).unwrap().display().to_string();
            let lines = code_line_count(&fs::read_to_string(&file).unwrap());
            let allowed = OVER_THE_CAP.iter().any(|(f, _)| *f == name);
            if lines > CODE_LINE_CAP && !allowed {
                over.push(format!("{name}: {lines} code lines"));
            }
        }
    }
    for (name, _) in OVER_THE_CAP {
        let lines = code_line_count(&fs::read_to_string(root.join(name)).unwrap());
        assert!(
            lines > CODE_LINE_CAP,
            "{name} is back under the cap ({lines}): take it off the allowlist"
        );
    }
    assert!(
        over.is_empty(),
        "files over {CODE_LINE_CAP} code lines (split them by what they hold):\n{}",
        over.join("\n")
    );
}

/// The string literals of a Rust source before its test module, each with its line: a scan
/// that knows comments, char literals and escapes, enough for this repository's sources.
fn string_literals(text: &str) -> Vec<(usize, String)> {
    literals_after(text)
        .into_iter()
        .map(|(line, _, literal)| (line, literal))
        .collect()
}

/// [`string_literals`], each with the code before it on its line (`class=` in `class="x"`).
fn literals_after(text: &str) -> Vec<(usize, String, String)> {
    let text = match text.find("\n#[cfg(test)]") {
        Some(end) => &text[..end],
        None => text,
    };
    let mut found = Vec::new();
    let mut before = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                line += 1;
                before.clear();
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
                before.clear();
            }
            // A char literal such as '"' (not a lifetime: those never hold a quote).
            '\'' if chars.peek() == Some(&'"') => {
                chars.next();
            }
            '"' if prev != '\\' => {
                let start = line;
                let mut literal = String::new();
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                    }
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                    literal.push(c);
                }
                found.push((start, before.clone(), literal));
                before.clear();
            }
            c => before.push(c),
        }
        prev = c;
    }
    found
}

/// Whether a literal reads as words for a person: two words of letters side by side.
fn is_worded(literal: &str) -> bool {
    let words: Vec<&str> = literal.split([' ', '\n', '\\']).collect();
    words.windows(2).any(|w| {
        let word = |s: &str| s.len() > 1 && s.chars().all(|c| c.is_ascii_alphabetic());
        word(w[0]) && word(w[1])
    })
}

#[test]
fn the_simulation_produces_numbers_not_words() {
    // Panic and assertion messages are for developers, not the screen.
    let for_developers = ["expect(", "panic!(", "assert", "unreachable!("];
    let mut worded = Vec::new();
    for file in rust_files(&Path::new(ROOT).join("core/src/sim")) {
        let text = fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (line_no, literal) in string_literals(&text) {
            let context = lines[line_no.saturating_sub(3)..line_no].join(" ");
            if is_worded(&literal) && !for_developers.iter().any(|m| context.contains(m)) {
                let shown = file.strip_prefix(ROOT).unwrap_or(&file).display();
                worded.push(format!("{shown}:{line_no}: \"{literal}\""));
            }
        }
    }
    assert!(
        worded.is_empty(),
        "words for the screen in the simulation (return a typed value; `src/present` words it):\n{}",
        worded.join("\n")
    );
}

#[test]
fn literals_and_words_are_told_apart() {
    let source = "let a = \"node {k} failed\"; // \"in a comment\"\nlet b = '\"'; let c = \"x=\\\"{}\\\"\";\n#[cfg(test)]\nlet d = \"in tests\";";
    let found = string_literals(source);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0], (1, "node {k} failed".to_string()));
    assert_eq!(found[1].0, 2);
    assert!(is_worded("node {k} failed: miss storm"));
    assert!(!is_worded("t={:.3}s events={} arrived={}"));
    assert!(!is_worded("web.{k}"));
}

#[test]
fn the_view_never_leaks_a_listener() {
    let mut leaks = Vec::new();
    for file in rust_files(&Path::new(ROOT).join("src/ui")) {
        let text = fs::read_to_string(&file).unwrap();
        for (line_no, code) in code_lines(&text) {
            if code.contains(".forget()") || code.contains("Closure::forget") {
                leaks.push(format!("{}:{line_no}", file.display()));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "closures leaked with forget (release them in on_cleanup):\n{}",
        leaks.join("\n")
    );
}

/// The Latin words a Korean screen may show (`tests/latin-allowed.txt`), plus the key names
/// the view compares `KeyboardEvent.key` with.
fn latin_allowed() -> Vec<String> {
    let list = fs::read_to_string(Path::new(ROOT).join("tests/latin-allowed.txt")).unwrap();
    let keys = [
        "ArrowLeft",
        "ArrowRight",
        "ArrowUp",
        "ArrowDown",
        "Control",
        "Meta",
        "PageUp",
        "PageDown",
        "End",
        "Spacebar",
        "Apps",
        "Escape",
    ];
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .chain(keys.map(String::from))
        .collect()
}

/// Whether a literal of the view would put words on screen: two words side by side, or one
/// capitalized word ("Run") that is not an allowed term or key name.
fn is_screen_words(literal: &str, allowed: &[String]) -> bool {
    let capitalized = literal
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && !allowed.iter().any(|a| a == w))
        .any(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_ascii_uppercase()) && cs.all(|c| c.is_ascii_lowercase())
        });
    capitalized || is_worded(literal)
}

/// Whether the code before a literal makes it an attribute value that is not text
/// (`class="…"`, `data-testid="…"`); `aria-label`, `title`, `placeholder` and `alt` are text.
fn is_code_attribute(before: &str) -> bool {
    let Some(name) = before.trim_end().strip_suffix('=') else {
        return false;
    };
    let name: String = name
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':' || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    !name.is_empty() && !["aria-label", "title", "placeholder", "alt"].contains(&name.as_str())
}

#[test]
fn the_view_words_the_screen_only_through_the_catalogues() {
    // Messages for developers (the three lines before a literal name the macro).
    let for_developers = [
        "expect(",
        "panic!(",
        "assert",
        "unreachable!(",
        "console",
        "warn!(",
        "log!(",
        "must_use",
        "serde(",
    ];
    // Functions whose words are identifiers or format data, not screen text.
    let not_screen_text = [
        // The v1 link format's default labels: part of the format, the same in every language.
        ("src/share/compact.rs", "fn default_label("),
        // The `data-kind` values tests and scripts select on.
        ("src/ui/palette.rs", "pub fn kind_id("),
        // The DOM's key codes ("Digit1") a key press is read by.
        ("src/editor/input.rs", "pub fn from_dom_event("),
        // The JSON parser's own messages, read to say the problem in either language.
        ("src/share/problem.rs", "pub fn unreadable("),
    ];
    let allowed = latin_allowed();
    let mut worded = Vec::new();
    for dir in ["src/ui", "src/editor", "src/share"] {
        for file in rust_files(&Path::new(ROOT).join(dir)) {
            let shown = file
                .strip_prefix(ROOT)
                .unwrap_or(&file)
                .display()
                .to_string();
            let text = fs::read_to_string(&file).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let exempt: Vec<(usize, usize)> = not_screen_text
                .iter()
                .filter(|(f, _)| *f == shown)
                .filter_map(|(_, sig)| {
                    let start = lines.iter().position(|l| l.contains(sig))?;
                    let len = lines[start..].iter().position(|l| *l == "}")?;
                    Some((start + 1, start + 1 + len))
                })
                .collect();
            for (line_no, before, literal) in literals_after(&text) {
                let context = lines[line_no.saturating_sub(3)..line_no].join(" ");
                let skip = is_code_attribute(&before)
                    || for_developers.iter().any(|m| context.contains(m))
                    || exempt.iter().any(|(a, b)| (*a..=*b).contains(&line_no));
                if !skip && is_screen_words(&literal, &allowed) {
                    worded.push(format!("{shown}:{line_no}: \"{literal}\""));
                }
            }
        }
    }
    assert!(
        worded.is_empty(),
        "words for the screen outside the catalogues (add a key to `present::text` or a typed \
         message worded in `present::english` and `present::korean`):\n{}",
        worded.join("\n")
    );
}

#[test]
fn screen_words_are_told_from_code() {
    let allowed = latin_allowed();
    assert!(is_screen_words("Run", &allowed));
    assert!(is_screen_words("run the diagram", &allowed));
    assert!(!is_screen_words("DNS", &allowed));
    assert!(!is_screen_words("ArrowLeft", &allowed));
    assert!(!is_screen_words("scalelab.theme", &allowed));
    assert!(!is_screen_words("{} ms", &allowed));
    assert!(is_code_attribute("<p class="));
    assert!(is_code_attribute("    data-testid="));
    assert!(!is_code_attribute("<button aria-label="));
    assert!(!is_code_attribute("<span title="));
    assert!(!is_code_attribute("let a = b == "));
    let found = literals_after("let a = 1;\n<p class=\"x y\">\"Run it\"</p>");
    assert_eq!(found[0].1, "<p class=");
    assert_eq!(found[1].1, ">");
}

/// Whether `literal` writes seconds the Latin way, " s" after a number or a placeholder
/// ("10 s", "{t_s:.1} s"), where Korean writes 초 ("10초").
fn writes_latin_seconds(literal: &str) -> bool {
    let chars: Vec<char> = literal.chars().collect();
    chars.windows(3).enumerate().any(|(i, w)| {
        let after = chars.get(i + 3);
        (w[0].is_ascii_digit() || w[0] == '}')
            && w[1] == ' '
            && w[2] == 's'
            && after.is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// The Korean catalogue's string literals that `check` flags, each with its file and line.
fn korean_literals_where(check: fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&Path::new(ROOT).join("src/present/korean")) {
        let text = fs::read_to_string(&file).unwrap();
        for (line_no, literal) in string_literals(&text) {
            if check(&literal) {
                let shown = file.strip_prefix(ROOT).unwrap_or(&file).display();
                found.push(format!("{shown}:{line_no}: \"{literal}\""));
            }
        }
    }
    found
}

#[test]
fn korean_says_seconds_as_cho() {
    assert!(writes_latin_seconds("t = {t_s:.1} s / {d:.0} s"));
    assert!(writes_latin_seconds("최근 10 s 동안"));
    assert!(writes_latin_seconds("{} s마다 수집"));
    assert!(!writes_latin_seconds(
        "{}초마다 수집 · 1만 req/s · {} ms · {n} shards"
    ));
    let mut latin = korean_literals_where(writes_latin_seconds);
    // The view's unit beside a field of seconds is worded too, not a fixed "s".
    for file in rust_files(&Path::new(ROOT).join("src/ui")) {
        let text = fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.contains(">\"s\"</") {
                let shown = file.strip_prefix(ROOT).unwrap_or(&file).display();
                latin.push(format!("{shown}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        latin.is_empty(),
        "Korean writes seconds as 초 (\"10초\"), not \" s\":\n{}",
        latin.join("\n")
    );
}

/// Whether `literal` sets a percent sign apart from the figure before it ("15 %", "{:.0} %").
fn spaces_the_percent_sign(literal: &str) -> bool {
    let chars: Vec<char> = literal.chars().collect();
    chars
        .windows(3)
        .any(|w| (w[0].is_ascii_digit() || w[0] == '}') && w[1] == ' ' && w[2] == '%')
}

#[test]
fn korean_sets_the_percent_sign_against_its_figure() {
    assert!(spaces_the_percent_sign("사용률 {percent:.0} %"));
    assert!(spaces_the_percent_sign("요청의 40 %는"));
    assert!(!spaces_the_percent_sign(
        "사용률 {percent:.0}% · 쓰기 (데이터 요청 중 %)"
    ));
    let spaced = korean_literals_where(spaces_the_percent_sign);
    assert!(
        spaced.is_empty(),
        "Korean writes a percentage as \"15%\", not \"15 %\":\n{}",
        spaced.join("\n")
    );
}
