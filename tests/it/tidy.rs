//! Enforces the invariants of ARCHITECTURE.md that can be checked by reading the source.

use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The folders of the modules that must stay pure: testable natively, deterministic, free of
/// the browser (`model` and `sim` form the `scalelab-core` crate).
const PURE_MODULES: [&str; 5] = [
    "core/src/model",
    "src/editor",
    "core/src/sim",
    "src/share",
    "src/present",
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
