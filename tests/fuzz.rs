//! Fuzzed loaders: the RON data files (and their binary cache), the roster import (CSV in
//! any encoding, XLSX) and the ICS import. Target: no input makes them panic; every bad
//! input is an error or a per-row report.
//!
//! cargo-fuzz needs nightly and a sanitizer build of the whole app (egui, typst) for each
//! target, so this is a mutation fuzzer on stable instead: it starts from the corpus in
//! `tests/fuzz/corpus/<target>/` (plus seeds made at run time: the sample's ICS export and an
//! XLSX roster), applies random byte and token mutations from a fixed seed, and runs each
//! input under `catch_unwind`. Every corpus file and every saved crash in
//! `tests/fuzz/crashes/<target>-*.bin` is replayed on each `cargo test`.
//!
//! `cargo test` runs a short fuzz (`POBRATIM_FUZZ_EXECS`, default 1,500 per target);
//! `scripts/fuzz.sh` runs a long one in release, saving any crash into `tests/fuzz/crashes/`.

use pobratim::exchange::{ics, roster};
use pobratim::model::{Delegation, Model};
use pobratim::store::{DataFile, OpenMode, Workspace, cache, load_bytes};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Ron,
    Cache,
    Roster,
    Ics,
}

impl Target {
    const ALL: [Target; 4] = [Target::Ron, Target::Cache, Target::Roster, Target::Ics];

    fn name(self) -> &'static str {
        match self {
            Target::Ron => "ron",
            Target::Cache => "cache",
            Target::Roster => "roster",
            Target::Ics => "ics",
        }
    }

    /// The corpus folder the target's seeds come from (the cache reuses the RON seeds).
    fn corpus(self) -> &'static str {
        match self {
            Target::Ron | Target::Cache => "ron",
            Target::Roster => "roster",
            Target::Ics => "ics",
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fuzz")
}

struct Fixture {
    model: Model,
    target: Delegation,
}

fn fixture() -> Fixture {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let (_, model) = Workspace::open(&sample, OpenMode::ReadOnly).expect("sample data");
    let target = model.delegations[0].to_record();
    Fixture { model, target }
}

/// Which data file a RON seed stands for, from its name (`people-three.ron`).
fn data_file_for(name: &str) -> DataFile {
    match name.split('-').next().unwrap_or_default() {
        "cities" => DataFile::Cities,
        "people" => DataFile::People(0),
        "events" => DataFile::Events,
        "figures" => DataFile::Figures,
        _ => DataFile::Delegations(2017),
    }
}

/// Runs one input through a target. Returns the panic message if it panicked.
fn run(target: Target, kind: DataFile, input: &[u8], fx: &Fixture) -> Option<String> {
    let result = catch_unwind(AssertUnwindSafe(|| match target {
        Target::Ron => {
            let _ = load_bytes(kind, input.to_vec(), None);
        }
        Target::Cache => {
            // A cache entry whose header is right, so the payload reaches the decoder.
            let text = "[]";
            let _ = load_bytes(kind, text.as_bytes().to_vec(), Some(cache::wrap_payload(text, input)));
        }
        Target::Roster => {
            if let Ok(table) = roster::read_table(input) {
                let report = roster::parse_roster(&table, &fx.model, &fx.target);
                let _ = roster::import_command(&fx.target, &report);
            }
        }
        Target::Ics => {
            let text = String::from_utf8_lossy(input);
            let report = ics::parse_ics(&text, chrono_tz::Asia::Vladivostok);
            let _ = ics::plan_import(&fx.model, &report);
            // What the calendar then does with an imported event: expand its recurrence.
            let from = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date");
            let to = chrono::NaiveDate::from_ymd_opt(2040, 12, 31).expect("date");
            for p in &report.events {
                let _ = p.event.occurrences_between(from, to);
            }
        }
    }));
    result.err().map(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default()
    })
}

/// The seeds of a target: its corpus files, its saved crashes, and run-time seeds.
fn seeds(target: Target, fx: &Fixture) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut read_dir = |dir: PathBuf, keep: &dyn Fn(&str) -> bool| {
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if keep(&name) {
                out.push((name, std::fs::read(&f).expect("seed")));
            }
        }
    };
    read_dir(root().join("corpus").join(target.corpus()), &|_| true);
    let prefix = format!("{}-", target.name());
    read_dir(root().join("crashes"), &|n| n.starts_with(&prefix));
    match target {
        Target::Roster => {
            let rows = roster::roster_rows(&fx.model, &fx.target.id, true).expect("rows");
            out.push(("runtime-roster.xlsx".into(), roster::to_xlsx(&rows).expect("xlsx")));
            out.push(("runtime-roster.csv".into(), roster::to_csv(&rows)));
        }
        Target::Ics => {
            let opts = ics::ExportOptions { year: None, now: chrono::DateTime::UNIX_EPOCH };
            out.push(("runtime-sample.ics".into(), ics::export_ics(&fx.model, &opts).into_bytes()));
        }
        Target::Cache => {
            // Real payloads: what the store writes for the sample's files.
            let people: Vec<&pobratim::model::Person> = fx.model.people.iter().take(3).map(|p| &**p).collect();
            let entry = cache::encode("[]", &people, None).expect("encode");
            out.push(("runtime-people.bin".into(), entry[40..].to_vec()));
        }
        Target::Ron => {}
    }
    out
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Tokens that reach parser corners: nesting, escapes, numbers, line ends, ICS and CSV syntax.
const TOKENS: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"\"",
    b"\\",
    b"\\u{1F600}",
    b"r#\"",
    b"Some(",
    b"None",
    b"99999999999999999999",
    b"-1",
    b"1e999",
    b"\"2016-02-30\"",
    b"\"25:61:00\"",
    b"\r\n",
    b"\n ",
    b"\xFF\xFE",
    b"\xEF\xBB\xBF",
    b"\xD0",
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"RRULE:FREQ=DAILY;COUNT=999999999\r\n",
    b"RRULE:FREQ=YEARLY;BYMONTH=13\r\n",
    b"DTSTART;TZID=Nowhere/City:20160101T000000\r\n",
    b"EXDATE:99999999\r\n",
    b";",
    b",",
    b"\"\"",
    b"PK\x03\x04",
];

fn mutate(rng: &mut Rng, input: &[u8], others: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(i..i, t.iter().copied());
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                v.drain(a..b);
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(256)).min(len);
                let chunk = v[a..b].to_vec();
                let at = rng.below(len + 1);
                v.splice(at..at, chunk);
            }
            5 if !others.is_empty() => {
                let other = &others[rng.below(others.len())].1;
                let at = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(512)).min(other.len());
                v.truncate(at);
                v.extend_from_slice(&other[from..to]);
            }
            6 if len > 0 => v.truncate(rng.below(len)),
            _ => {
                // Deep nesting, which a recursive parser must refuse rather than overflow.
                let at = rng.below(len + 1);
                let depth = 1 + rng.below(4000);
                let open: &[u8] = if rng.below(2) == 0 { b"[" } else { b"Some(" };
                let nested: Vec<u8> = open.iter().copied().cycle().take(open.len() * depth).collect();
                v.splice(at..at, nested);
            }
        }
    }
    v
}

fn execs() -> usize {
    std::env::var("POBRATIM_FUZZ_EXECS").ok().and_then(|n| n.parse().ok()).unwrap_or(1500)
}

/// The fuzz run of one target: returns executions and crashes (saved when asked).
fn fuzz(target: Target, execs: usize, fx: &Fixture) -> (usize, Vec<String>) {
    let seeds = seeds(target, fx);
    assert!(!seeds.is_empty(), "{target:?} has seeds");
    let mut rng = Rng(0x5EED_0000 + target as u64);
    let mut crashes = Vec::new();
    let save = std::env::var_os("POBRATIM_FUZZ_SAVE").is_some();
    for n in 0..execs {
        let (name, seed) = &seeds[n % seeds.len()];
        let input = mutate(&mut rng, seed, &seeds);
        let kind = data_file_for(name);
        if let Some(message) = run(target, kind, &input, fx) {
            let hash = xxhash_rust::xxh3::xxh3_64(&input);
            let file = format!("{}-{}-{hash:016x}.bin", target.name(), name.split('-').next().unwrap_or("x"));
            if save {
                std::fs::write(root().join("crashes").join(&file), &input).expect("save crash");
            }
            crashes.push(format!("{file}: {message}"));
        }
    }
    (execs, crashes)
}

#[test]
fn corpus_and_saved_crashes_replay_without_panic() {
    let fx = fixture();
    let mut replayed = 0;
    for target in Target::ALL {
        for (name, bytes) in seeds(target, &fx) {
            let panicked = run(target, data_file_for(&name), &bytes, &fx);
            assert!(panicked.is_none(), "{target:?} {name}: {panicked:?}");
            replayed += 1;
        }
    }
    assert!(replayed >= 15, "the corpus is there ({replayed} files)");
    // The corpus loads as what it is: the RON seeds are valid files.
    for (name, bytes) in seeds(Target::Ron, &fx) {
        let loaded = load_bytes(data_file_for(&name), bytes, None);
        assert!(loaded.is_ok(), "{name}: {loaded:?}");
    }
}

#[test]
fn fuzzed_loaders_never_panic() {
    let fx = fixture();
    let mut summary = Vec::new();
    let mut all = Vec::new();
    for target in Target::ALL {
        let (n, crashes) = fuzz(target, execs(), &fx);
        summary.push(format!("{} {n} executions, {} crashes", target.name(), crashes.len()));
        all.extend(crashes);
    }
    println!("fuzz: {}", summary.join("; "));
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn deep_nesting_and_bad_bytes_are_errors_that_name_the_place() {
    let deep = format!("[{}", "Some(".repeat(10_000));
    let err = load_bytes(DataFile::People(0), deep.into_bytes(), None).expect_err("refused");
    assert!(err.line == Some(1) && err.column.is_some(), "{err}");
    assert!(err.to_string().contains("00.ron:1:"), "{err}");
    let err = load_bytes(DataFile::Cities, b"[\n(id: \"a\",\n\xFF".to_vec(), None).expect_err("not UTF-8");
    assert_eq!((err.line, err.column), (Some(3), Some(1)), "{err}");
    // A cache payload of garbage is not trusted: the RON text is parsed instead.
    let text = b"[]".to_vec();
    let loaded = load_bytes(DataFile::People(0), text, Some(cache::wrap_payload("[]", &[0xFF; 64])));
    assert_eq!(loaded.expect("the RON wins"), 0);
}
