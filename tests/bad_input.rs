//! The bad-input catalogue (docs/reliability.md lists every case by its code).
//!
//! Each case feeds one bad input: a data file, an import, a command-line call or a command.
//! It checks that the message names the place (file, line or row, field), and that nothing
//! already saved is lost: a broken data file leaves the folder byte for byte as it was and
//! the other files loaded; a bad import row is left out and the good rows stay. Form cases
//! are kittest tests in tests/ui.rs and unit tests beside the drafts (listed in the doc).

use pobratim::command::{Command, CommandError, Record};
use pobratim::exchange::{ics, roster};
use pobratim::model::{City, CityId, Lang, Model, PersonId, RecordId};
use pobratim::store::{OpenMode, StoreError, Workspace, sample};
use std::path::Path;

/// Every file under `dir` but the lock, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        for p in std::fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").path()) {
            let name = format!("{prefix}{}", p.file_name().expect("name").to_string_lossy());
            if p.is_dir() {
                walk(&p, &format!("{name}/"), out);
            } else if name != pobratim::store::LOCK_FILE {
                out.push((name, std::fs::read(&p).expect("read")));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, "", &mut v);
    v.sort();
    v
}

fn sample_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    dir
}

/// A data file replaced by bad bytes: the error names the file (and the line when given,
/// and says `says`), the workspace turns read-only, the other files load, and nothing on
/// disk changes.
struct FileCase {
    code: &'static str,
    file: &'static str,
    bytes: Vec<u8>,
    line: Option<usize>,
    says: &'static str,
}

fn replace_in(file: &str, from: &str, to: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data").join(file);
    let text = std::fs::read_to_string(path).expect("sample file");
    assert!(text.contains(from), "{file} has «{from}»");
    text.replacen(from, to, 1).into_bytes()
}

fn sample_bytes(file: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data").join(file)).expect("sample file")
}

fn file_cases() -> Vec<FileCase> {
    let people = sample_bytes("people/06.ron");
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(std::str::from_utf8(&people).expect("utf-8"));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(String::from_utf8_lossy(&people).encode_utf16().flat_map(u16::to_le_bytes));
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0u8; 64]);
    vec![
        FileCase { code: "F1", file: "cities.ron", bytes: Vec::new(), line: Some(1), says: "" },
        FileCase { code: "F2", file: "events.ron", bytes: b"   \n\n  ".to_vec(), line: Some(1), says: "" },
        FileCase {
            code: "F3",
            file: "people/06.ron",
            bytes: people[..people.len() / 2].to_vec(),
            line: None,
            says: "",
        },
        FileCase {
            code: "F4",
            file: "events.ron",
            bytes: replace_in("events.ron", "category:", "categroy:"),
            line: None,
            says: "categroy",
        },
        FileCase {
            code: "F5",
            file: "cities.ron",
            bytes: replace_in("cities.ron", "name_ru: \"Пучон\"", "name_ru: 42"),
            line: Some(6),
            says: "",
        },
        FileCase {
            code: "F6",
            file: "delegations/2017.ron",
            bytes: replace_in("delegations/2017.ron", "kind: Official", "kind: Sport"),
            line: Some(9),
            says: "Sport",
        },
        FileCase {
            code: "F7",
            file: "delegations/2016.ron",
            bytes: replace_in("delegations/2016.ron", "date: \"2016-", "date: \"2016-02-30\", //"),
            line: None,
            says: "",
        },
        FileCase { code: "F8", file: "people/06.ron", bytes: cp1251.into_owned(), line: Some(6), says: "UTF-8" },
        FileCase { code: "F9", file: "people/06.ron", bytes: utf16, line: Some(1), says: "UTF-8" },
        FileCase { code: "F10", file: "cities.ron", bytes: png, line: Some(1), says: "UTF-8" },
        FileCase {
            code: "F11",
            file: "figures.ron",
            bytes: format!("[{}", "(".repeat(5000)).into_bytes(),
            line: Some(1),
            says: "",
        },
        FileCase {
            code: "F12",
            file: "figures.ron",
            bytes: replace_in("figures.ron", "foreign_tourists: Some(17186)", "foreign_tourists: Some(-5)"),
            line: Some(6),
            says: "",
        },
        FileCase {
            code: "F13",
            file: "cities.ron",
            bytes: replace_in("cities.ron", "id: \"bucheon\",", "id: \"bucheon\",\n        id: \"again\","),
            line: Some(6),
            says: "id",
        },
        FileCase {
            code: "F14",
            file: "cities.ron",
            bytes: replace_in("cities.ron", "time_zone: \"Asia/Seoul\"", "time_zone: \"Asia/Nowhere\""),
            line: Some(14),
            says: "",
        },
        FileCase {
            code: "F15",
            file: "cities.ron",
            bytes: replace_in("cities.ron", "since: Some(\"2002\")", "since: Some(\"1965-13\")"),
            line: Some(13),
            says: "",
        },
        FileCase {
            code: "F16",
            file: "people/06.ron",
            bytes: replace_in("people/06.ron", "[\n    (", "[\0\0\0\n    ("),
            line: Some(3),
            says: "",
        },
        FileCase {
            code: "F17",
            file: "delegations/2016.ron",
            bytes: replace_in("delegations/2016.ron", "time: None", "time: Some(\"25:61:00\")"),
            line: None,
            says: "",
        },
        FileCase {
            code: "F18", file: "delegations/копия.ron", bytes: b"[]".to_vec(), line: None, says: "2016.ron"
        },
        FileCase {
            code: "F19",
            file: "pobratim.ron",
            bytes: b"(format_version: \"two\")".to_vec(),
            line: Some(1),
            says: "",
        },
    ]
}

#[test]
fn bad_data_files_are_named_with_their_line_and_lose_nothing() {
    let cases = file_cases();
    assert!(cases.len() >= 19);
    for case in cases {
        let dir = sample_dir();
        let path = dir.path().join(case.file);
        std::fs::write(&path, &case.bytes).expect("write the bad file");
        let before = snapshot(dir.path());
        let (ws, model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("the folder still opens");
        let errors = ws.load_errors();
        assert_eq!(errors.len(), 1, "{}: {errors:?}", case.code);
        let e = &errors[0];
        assert_eq!(e.path, path, "{}: the file is named", case.code);
        if let Some(line) = case.line {
            assert_eq!(e.line, Some(line), "{}: the line ({e})", case.code);
        }
        let shown = e.to_string();
        assert!(shown.contains(case.file), "{}: «{shown}» names the file", case.code);
        assert!(shown.contains(case.says), "{}: «{shown}» says «{}»", case.code, case.says);
        assert!(!ws.is_writable(), "{}: read-only, so the broken file is never overwritten", case.code);
        // The rest loaded.
        if !case.file.starts_with("cities") && !case.file.starts_with("pobratim") {
            assert!(model.cities.len() >= 18, "{}: the cities still load", case.code);
        }
        if !case.file.starts_with("people") {
            assert!(!model.people.is_empty(), "{}: the people still load", case.code);
        }
        drop(ws);
        assert!(snapshot(dir.path()) == before, "{}: nothing on disk changed", case.code);
    }
}

#[test]
fn f20_a_newer_format_version_is_refused_and_left_untouched() {
    let dir = sample_dir();
    let meta = dir.path().join("pobratim.ron");
    std::fs::write(&meta, "(format_version: 99)").expect("write");
    let before = snapshot(dir.path());
    let err = Workspace::open(dir.path(), OpenMode::ReadWrite).expect_err("refused");
    assert!(matches!(err, StoreError::NewerFormat { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("pobratim.ron") && err.to_string().contains("99"), "{err}");
    assert!(snapshot(dir.path()) == before);
}

/// A roster row that is rejected: its row number, field and reason; good rows still import.
fn rejected(csv: &str, row: usize, field: &str, reason: &str) {
    let dir = sample_dir();
    let (_, model) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("sample");
    let target = model.delegations[0].clone();
    let table = roster::read_table(csv.as_bytes()).expect("table");
    let report = roster::parse_roster(&table, &model, &target);
    let bad = report.rows.iter().find(|r| r.row == row).unwrap_or_else(|| panic!("row {row} in {report:?}"));
    match &bad.outcome {
        roster::Outcome::Rejected { field: f, reason: r } => {
            let (f, r) = (f.name(Lang::Ru), r.message(Lang::Ru));
            assert_eq!(f, field, "row {row}");
            assert!(r.contains(reason), "row {row}: «{r}» says «{reason}»");
        }
        other => panic!("row {row} should be rejected, got {other:?}"),
    }
    let good = report.rows.iter().filter(|r| !matches!(r.outcome, roster::Outcome::Rejected { .. })).count();
    assert!(good >= 1, "the good row still imports");
    let mut after = model.clone();
    let command = roster::import_command(&target, &report).expect("the good rows");
    command.apply(&mut after).expect("apply");
    assert!(after.people.len() > model.people.len(), "a new person from the good row");
}

#[test]
fn i1_a_roster_row_with_a_bad_date() {
    rejected("ФИО;Дата рождения\nХороший Гость;01.01.1970\nПлохая Дата;32.01.1970\n", 3, "дата рождения", "не дата");
}

#[test]
fn i2_a_roster_row_with_an_unknown_role() {
    rejected("ФИО;Роль\nХороший Гость;участник\nГость Без Роли;жонглёр\n", 3, "роль", "неизвестная роль");
}

#[test]
fn i3_a_roster_row_without_a_name() {
    rejected("ФИО;Латиницей;Роль\nХороший Гость;;участник\n;;участник\n", 3, "ФИО", "нет имени");
}

#[test]
fn i4_a_roster_row_with_a_bad_passport_expiry() {
    rejected(
        "ФИО;Паспорт;Паспорт действует до\nХороший Гость;;\nПлохой Срок;AB123456;31.02.2030\n",
        3,
        "паспорт действует до",
        "не дата",
    );
}

#[test]
fn i5_a_roster_row_with_a_bad_visa_date() {
    rejected("ФИО;Виза до\nХороший Гость;\nПлохая Виза;завтра\n", 3, "виза до", "не дата");
}

#[test]
fn i19_the_same_guest_twice_in_one_roster_file() {
    // Imported once: the second row is refused and names the first.
    rejected("ФИО;Дата рождения\nТанака Юки;12.03.2003\nтанака юки;12.03.2003\n", 3, "ФИО", "повтор строки 2");
    // Same name, other birth date: two people (namesakes happen).
    let (_, model) = Workspace::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data"), OpenMode::ReadOnly)
        .expect("sample");
    let table = roster::read_table("ФИО;Дата рождения\nТанака Юки;12.03.2003\nТанака Юки;01.01.1980\n".as_bytes())
        .expect("table");
    let report = roster::parse_roster(&table, &model, &model.delegations[0]);
    assert_eq!(report.counts().2, 0, "{report:?}");
}

#[test]
fn f21_an_unknown_reference_loads_and_is_reported_with_its_field() {
    let dir = sample_dir();
    let path = dir.path().join("delegations").join("2017.ron");
    let text = std::fs::read_to_string(&path).expect("2017");
    let partner = text.split("partner_city: \"").nth(1).and_then(|r| r.split('"').next()).expect("a partner");
    std::fs::write(&path, text.replacen(&format!("partner_city: \"{partner}\""), "partner_city: \"atlantis\"", 1))
        .expect("write");
    let (ws, model) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert!(ws.load_errors().is_empty(), "a reference is checked, not a load error");
    let findings = pobratim::model::run_checks(&model, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    let f = findings
        .iter()
        .find(|f| f.message(pobratim::model::Lang::Ru).contains("atlantis"))
        .expect("the unknown city is reported");
    assert_eq!(f.severity, pobratim::model::Severity::Error);
    assert!(f.field.contains("partner_city"), "the field is named: {}", f.field);
}

#[test]
fn i6_to_i9_unreadable_roster_files_are_refused_whole() {
    for (code, bytes, says) in [
        ("I6", Vec::new(), "пуст"),
        ("I7", b"PK\x03\x04 not really a zip".to_vec(), "XLSX"),
        ("I8", b"\"open quote;never closed\nrow".to_vec(), ""),
        (
            "I9",
            {
                let mut zip = roster::to_xlsx(&[vec!["ФИО".into()], vec!["Гость".into()]]).expect("xlsx");
                zip.truncate(zip.len() / 2);
                zip
            },
            "XLSX",
        ),
    ] {
        match roster::read_table(&bytes) {
            Err(e) => assert!(e.to_string().contains(says), "{code}: «{e}»"),
            // A tolerant CSV reader may read an unclosed quote as one long cell: then there is
            // no name column, and every row is rejected by field.
            Ok(table) => {
                let (_, model) =
                    Workspace::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data"), OpenMode::ReadOnly)
                        .expect("sample");
                let report = roster::parse_roster(&table, &model, &model.delegations[0]);
                assert_eq!(code, "I8", "only the quote case may parse: {report:?}");
                assert!(report.rows.iter().all(|r| matches!(r.outcome, roster::Outcome::Rejected { .. })), "{code}");
            }
        }
    }
}

/// An ICS input: the skipped events and warnings name the line and say why.
fn ics_note(text: &str, skipped: bool, line: usize, says: &str) {
    let report = ics::parse_ics(text, chrono_tz::Asia::Vladivostok);
    let notes = if skipped { &report.skipped } else { &report.warnings };
    assert!(
        notes.iter().any(|n| n.line == line && n.message(Lang::Ru).contains(says)),
        "line {line} «{says}» in {notes:?} (events read: {})",
        report.events.len()
    );
}

const GOOD_EVENT: &str = "BEGIN:VEVENT\r\nUID:good\r\nSUMMARY:Хорошее\r\nDTSTART;VALUE=DATE:20170101\r\nEND:VEVENT\r\n";

fn calendar(bad: &str) -> String {
    format!("BEGIN:VCALENDAR\r\n{GOOD_EVENT}{bad}END:VCALENDAR\r\n")
}

#[test]
fn i10_an_event_without_a_start() {
    ics_note(&calendar("BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Без даты\r\nEND:VEVENT\r\n"), true, 7, "DTSTART");
}

#[test]
fn i11_an_event_with_a_bad_date() {
    ics_note(
        &calendar("BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20161345\r\nEND:VEVENT\r\n"),
        true,
        7,
        "неверная дата",
    );
}

#[test]
fn i12_an_event_ending_before_it_starts() {
    ics_note(
        &calendar(
            "BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20170110\r\nDTEND;VALUE=DATE:20170105\r\nEND:VEVENT\r\n",
        ),
        true,
        7,
        "DTEND раньше DTSTART",
    );
}

#[test]
fn i13_an_event_with_a_broken_rule() {
    ics_note(
        &calendar("BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20170110\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\n"),
        true,
        7,
        "RRULE",
    );
}

#[test]
fn i14_a_file_cut_inside_an_event() {
    let text = format!("BEGIN:VCALENDAR\r\n{GOOD_EVENT}BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20170110\r\n");
    ics_note(&text, true, 7, "оборвался");
}

#[test]
fn i15_an_unknown_time_zone_is_a_warning_and_the_event_stays() {
    ics_note(
        &calendar("BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Mars/Olympus:20170110T100000\r\nEND:VEVENT\r\n"),
        false,
        9,
        "неизвестный часовой пояс",
    );
}

#[test]
fn i16_a_line_without_a_colon_is_a_warning() {
    ics_note(
        &calendar("BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20170110\r\nмусор без двоеточия\r\nEND:VEVENT\r\n"),
        false,
        10,
        "без «:»",
    );
}

#[test]
fn i17_an_event_without_uid_is_a_warning_and_gets_an_id() {
    ics_note(
        &calendar("BEGIN:VEVENT\r\nSUMMARY:Без UID\r\nDTSTART;VALUE=DATE:20170110\r\nEND:VEVENT\r\n"),
        false,
        7,
        "нет UID",
    );
}

#[test]
fn i18_not_a_calendar_at_all_imports_nothing() {
    let report = ics::parse_ics("Это письмо, а не календарь.\nС уважением,\n", chrono_tz::Asia::Vladivostok);
    assert!(report.events.is_empty() && report.calendars == 0);
}

/// The command line, through the real binary.
fn pobratim(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().expect("home");
    std::process::Command::new(env!("CARGO_BIN_EXE_pobratim"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("share"))
        .output()
        .expect("run pobratim")
}

#[test]
fn c1_an_oversized_import_is_refused_before_reading_and_writes_nothing() {
    let dir = sample_dir();
    let big = dir.path().join("огромный.csv");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(pobratim::store::MAX_IMPORT_BYTES + 1).expect("sparse file");
    let before = snapshot(dir.path());
    let data = dir.path().display().to_string();
    let big_s = big.display().to_string();
    for args in [
        vec!["import", "roster", big_s.as_str(), "--delegation", "del-2016-05-bucheon-mlada", "--data", data.as_str()],
        vec!["import", "ics", big_s.as_str(), "--data", data.as_str()],
    ] {
        let out = pobratim(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("огромный.csv") && err.contains("at most 20 MB"), "{err}");
    }
    assert!(snapshot(dir.path()) == before);
}

#[test]
fn c2_to_c5_command_line_mistakes_name_what_is_missing() {
    let dir = sample_dir();
    let data = dir.path().display().to_string();
    let out_file = dir.path().join("x.csv").display().to_string();
    for (code, args, says, exit) in [
        ("C2", vec!["import", "ics", "/nonexistent/календарь.ics", "--data", data.as_str()], "календарь.ics", 1),
        ("C3", vec!["export", "csv", "-o", out_file.as_str(), "--data", data.as_str()], "--delegation", 1),
        (
            "C4",
            vec!["export", "csv", "--delegation", "del-nowhere", "-o", out_file.as_str(), "--data", data.as_str()],
            "del-nowhere",
            1,
        ),
        ("C5", vec!["print", "calendar", "-o", out_file.as_str(), "--data", data.as_str()], "--year", 1),
        ("C6", vec!["report", "--year", "2016", "-o", "report.odt", "--data", data.as_str()], "report.odt", 1),
        ("C7", vec!["list", "planets", "--data", data.as_str()], "planets", 2),
        ("C8", vec!["check", "--data", "/nonexistent/folder"], "/nonexistent/folder", 1),
    ] {
        let out = pobratim(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(exit), "{code}: {err}");
        assert!(err.contains(says), "{code}: «{err}» names «{says}»");
    }
    assert!(!dir.path().join("x.csv").exists());
}

fn sample_model() -> Model {
    Workspace::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data"), OpenMode::ReadOnly).expect("sample").1
}

#[test]
fn m1_to_m4_commands_refuse_and_leave_the_model_unchanged() {
    let model = sample_model();
    let cases: Vec<(&str, Command, &str)> = vec![
        ("M1", Command::put(Record::City(City { id: CityId::new("Не Латиница"), ..City::default() })), "Не Латиница"),
        ("M2", Command::Remove(RecordId::City(CityId::new("niigata"))), "niigata"),
        ("M3", Command::Remove(RecordId::Person(PersonId::new("p-nobody"))), "p-nobody"),
        (
            "M4",
            Command::Batch(vec![
                Command::put(Record::City(City { id: CityId::new("new-city"), ..City::default() })),
                Command::Remove(RecordId::City(CityId::new("niigata"))),
            ]),
            "niigata",
        ),
    ];
    for (code, command, says) in cases {
        let mut m = model.clone();
        let err: CommandError = command.apply(&mut m).expect_err(code);
        assert!(err.to_string().contains(says), "{code}: {err}");
        assert_eq!(m, model, "{code}: the model is unchanged (a batch applies whole or not at all)");
    }
}
