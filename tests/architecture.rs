//! The invariants of ARCHITECTURE.md that a test can check, read from the source tree:
//! the model uses neither egui nor the file system; only the store touches files; panels
//! do not import the shell; `print` does not import `report`; no import cycle between
//! top-level modules; colours live in `theme.rs`; `ui/` reads no clock of its own; no file
//! is over 800 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, with its code: comments removed (doc comments name other
/// modules in links, which is no dependency) and unit tests left out.
fn sources() -> Vec<(PathBuf, String, usize)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source");
                let lines = text.lines().count();
                // Unit tests may use anything (a test builds a large model with `synth`).
                let is_tests = path.file_name().is_some_and(|n| n == "tests.rs");
                let code: String = text
                    .lines()
                    .take_while(|l| !is_tests && l.trim() != "#[cfg(test)]")
                    .map(|l| match l.find("//") {
                        Some(i) if !l[..i].contains('"') => &l[..i],
                        _ => l,
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                out.push((path.strip_prefix(&root).expect("under src").to_path_buf(), code, lines));
            }
        }
    }
    out.sort();
    out
}

fn under(path: &Path, dir: &str) -> bool {
    path.starts_with(dir)
}

/// Whether `code` holds `word` not preceded by a letter, digit or `_` (so `fs::` does not
/// match `refs::`).
fn mentions(code: &str, word: &str) -> bool {
    code.match_indices(word)
        .any(|(i, _)| code[..i].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_')))
}

#[test]
fn the_model_uses_neither_egui_nor_the_file_system() {
    let bad: Vec<_> = sources()
        .into_iter()
        .filter(|(p, code, _)| {
            under(p, "model")
                && (mentions(code, "egui")
                    || mentions(code, "eframe")
                    || mentions(code, "std::fs")
                    || mentions(code, "fs::"))
        })
        .map(|(p, ..)| p)
        .collect();
    assert!(bad.is_empty(), "the model must stay pure: {bad:?}");
}

#[test]
fn only_the_store_touches_files() {
    let bad: Vec<_> = sources()
        .into_iter()
        .filter(|(p, code, _)| {
            !under(p, "store") && (mentions(code, "std::fs") || mentions(code, "fs::") || mentions(code, "File::"))
        })
        .map(|(p, ..)| p)
        .collect();
    assert!(bad.is_empty(), "only store/ may read or write files: {bad:?}");
}

#[test]
fn panels_do_not_import_the_shell() {
    let bad: Vec<_> = sources()
        .into_iter()
        .filter(|(p, code, _)| {
            under(p, "ui")
                && !under(p, "ui/app")
                && (code.contains("ui::app") || code.contains("super::app") || code.contains("crate::App"))
        })
        .map(|(p, ..)| p)
        .collect();
    assert!(bad.is_empty(), "panels talk to the shell through ui::action only: {bad:?}");
}

#[test]
fn print_does_not_import_report() {
    let bad: Vec<_> = sources()
        .into_iter()
        .filter(|(p, code, _)| under(p, "print") && code.contains("crate::report"))
        .map(|(p, ..)| p)
        .collect();
    assert!(bad.is_empty(), "print must not import report (the report's PDF lives in report/pdf.rs): {bad:?}");
}

/// The top-level module a source file belongs to (`model`, `ui`, `cli`…).
fn top_module(path: &Path) -> String {
    let first = path.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, code, _) in sources() {
        let from = top_module(&path);
        if from == "lib" || from == "main" {
            continue;
        }
        let deps = graph.entry(from.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() && name != from && name != "App" {
                deps.insert(name);
            }
        }
    }
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_owned());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_owned());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        let cycle = visit(n, &graph, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "import cycle: {}", cycle.unwrap_or_default().join(" → "));
    }
    assert!(graph.get("model").is_none_or(|d| d.is_empty()), "the model depends on nothing: {:?}", graph.get("model"));
}

#[test]
fn colours_live_in_the_theme() {
    let bad: Vec<_> = sources()
        .into_iter()
        .filter(|(p, code, _)| p != Path::new("ui/theme.rs") && code.contains("Color32::"))
        .map(|(p, ..)| p)
        .collect();
    assert!(bad.is_empty(), "make colours in ui/theme.rs only: {bad:?}");
}

#[test]
fn the_ui_reads_no_clock_of_its_own() {
    let bad: Vec<_> = sources()
        .into_iter()
        .filter(|(p, code, _)| under(p, "ui") && (code.contains("Local::now") || code.contains("Utc::now")))
        .map(|(p, ..)| p)
        .collect();
    assert!(bad.is_empty(), "panels take the time from View (the shell's clock): {bad:?}");
}

#[test]
fn no_source_file_is_over_800_lines() {
    let long: Vec<_> =
        sources().into_iter().filter(|(.., lines)| *lines > 800).map(|(p, _, lines)| (p, lines)).collect();
    assert!(long.is_empty(), "split these by job: {long:?}");
}

/// egui's automatic ids count the widgets drawn before, so a text field without its own id
/// changes id when a message appears above it, and the keys typed meanwhile are lost. Every
/// text field in the UI is given a stable id (`Form::id`, or `Id::unique` with a name).
#[test]
fn every_text_field_has_a_stable_id() {
    let mut bad = Vec::new();
    for (path, code, _) in sources().into_iter().filter(|(p, ..)| under(p, "ui")) {
        for pattern in ["TextEdit::singleline(", "TextEdit::multiline("] {
            for (i, _) in code.match_indices(pattern) {
                let statement = code[i..].split(';').next().unwrap_or_default();
                if !statement.contains(".id(") {
                    let line = code[..i].lines().count();
                    bad.push(format!("{}:{line}", path.display()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "text fields without a stable id: {bad:?}");
}
