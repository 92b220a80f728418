//! Golden outputs of the command line on the sample data: `list … --json`, `check`,
//! `export ics`, `export html --year 2017` and `report --year 2016 -o md`.
//!
//! The files under `tests/golden/` were written by the build before the restructuring of
//! issue 14, so a move of code that changes any byte of these outputs fails here. An
//! intended change of output (new data, a new field) updates them with
//! `UPDATE_GOLDEN=1 cargo test --test golden`, and the diff goes in the same commit.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The date every run is pinned to, so findings that depend on today cannot drift.
const TODAY: &str = "01.12.2026";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden")
}

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data"), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read sample") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs the binary on `data` and returns its standard output, checking that it succeeded.
fn run(data: &Path, home: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_pobratim"))
        .args(args)
        .args(["--data", &data.display().to_string(), "--today", TODAY])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .output()
        .expect("run pobratim");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    // `check` names the data folder, a fresh temporary one on every run.
    String::from_utf8_lossy(&out.stdout).replace(&data.display().to_string(), "<DATA>").into_bytes()
}

/// Drops the lines that hold the time of the export (`DTSTAMP`), the only bytes allowed
/// to differ between two runs.
fn without_stamps(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    text.split_inclusive('\n').filter(|l| !l.starts_with("DTSTAMP")).collect::<String>().into_bytes()
}

fn compare(name: &str, actual: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).expect("golden dir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if expected != actual {
        let (e, a) = (String::from_utf8_lossy(&expected), String::from_utf8_lossy(actual));
        let line =
            e.lines().zip(a.lines()).position(|(x, y)| x != y).unwrap_or(e.lines().count().min(a.lines().count()));
        panic!(
            "{name} differs from {} at line {}:\n  expected: {:?}\n  actual:   {:?}",
            path.display(),
            line + 1,
            e.lines().nth(line),
            a.lines().nth(line)
        );
    }
}

#[test]
fn list_json_is_unchanged() {
    let (data, home) = (sample_copy(), tempfile::tempdir().expect("home"));
    for what in ["cities", "people", "events", "delegations"] {
        compare(&format!("list-{what}.json"), &run(data.path(), home.path(), &["list", what, "--json"]));
    }
}

#[test]
fn check_is_unchanged_in_both_languages() {
    let (data, home) = (sample_copy(), tempfile::tempdir().expect("home"));
    compare("check-ru.txt", &run(data.path(), home.path(), &["check"]));
    compare("check-en.txt", &run(data.path(), home.path(), &["check", "--lang", "en"]));
}

#[test]
fn exports_are_unchanged_but_for_the_time_stamp() {
    let (data, home) = (sample_copy(), tempfile::tempdir().expect("home"));
    let out = tempfile::tempdir().expect("out");
    let ics = out.path().join("all.ics");
    run(data.path(), home.path(), &["export", "ics", "-o", &ics.display().to_string()]);
    compare("export.ics", &without_stamps(&std::fs::read(&ics).expect("ics")));
    let html = out.path().join("2017.html");
    run(data.path(), home.path(), &["export", "html", "--year", "2017", "-o", &html.display().to_string()]);
    compare("export-2017.html", &std::fs::read(&html).expect("html"));
}

#[test]
fn report_markdown_is_unchanged() {
    let (data, home) = (sample_copy(), tempfile::tempdir().expect("home"));
    let out = tempfile::tempdir().expect("out");
    let md = out.path().join("report.md");
    run(data.path(), home.path(), &["report", "--year", "2016", "-o", &md.display().to_string()]);
    compare("report-2016.md", &std::fs::read(&md).expect("md"));
}
