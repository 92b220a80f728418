//! The command line through the real binary: check, list, usage errors, first run.

use std::path::Path;
use std::process::{Command, Output};

fn pobratim(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pobratim"))
        .args(args)
        // A private per-user data folder, so the first-run seeding is tested and the
        // developer's own data is never touched.
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("POBRATIM_DATA")
        .output()
        .expect("run pobratim")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sample_dir() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data").display().to_string()
}

#[test]
fn version_names_the_program_and_the_data_format() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["--version"], home.path());
    assert_eq!(out.status.code(), Some(0));
    let format = pobratim::store::FORMAT_VERSION;
    assert_eq!(
        stdout(&out).trim(),
        format!("pobratim {} (формат данных {format} / data format {format})", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn check_on_sample_data_exits_zero_with_a_summary() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["check", "--data", &sample_dir()], home.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.contains("Ошибок: 0"), "{text}");
    let en = pobratim(&["check", "--data", &sample_dir(), "--lang", "en"], home.path());
    assert!(stdout(&en).contains("Errors: 0"));
}

#[test]
fn check_exits_one_and_names_the_broken_file() {
    let home = tempfile::tempdir().expect("home");
    let data = tempfile::tempdir().expect("data");
    copy_sample(data.path());
    let events = data.path().join("events.ron");
    let text = std::fs::read_to_string(&events).expect("read");
    std::fs::write(&events, text.replacen("category:", "categroy:", 1)).expect("break");
    let out = pobratim(&["check", "--data", &data.path().display().to_string()], home.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("events.ron:") && err.contains("categroy"), "{err}");
    // The other collections still loaded and were checked.
    assert!(stdout(&out).contains("городов 19"), "{}", stdout(&out));
}

#[test]
fn list_prints_id_then_tab_separated_fields() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["list", "cities", "--data", &sample_dir()], home.path());
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let niigata = text.lines().find(|l| l.starts_with("niigata\t")).expect("niigata line");
    let fields: Vec<&str> = niigata.split('\t').collect();
    assert_eq!(fields[1], "Ниигата");
    assert_eq!(fields[2], "新潟");
    assert_eq!(fields[3], "Япония");
    assert_eq!(fields[4], "побратим");
    assert_eq!(fields[5], "23.04.1965");

    let out = pobratim(&["list", "delegations", "--data", &sample_dir()], home.path());
    let line = stdout(&out).lines().next().map(str::to_owned).expect("a delegation");
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(fields.len(), 5, "{line}");
    assert!(fields[1].contains('–') && fields[1].len() >= 21, "dd.mm.yyyy–dd.mm.yyyy: {line}");

    for what in ["people", "events"] {
        let out = pobratim(&["list", what, "--data", &sample_dir()], home.path());
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).lines().count() > 5, "{what}");
    }
}

#[test]
fn list_json_is_machine_readable() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["list", "people", "--json", "--data", &sample_dir()], home.path());
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let first = &value.as_array().expect("array")[0];
    assert!(first.get("id").is_some() && first.get("latin_name").is_some());
    assert!(first.get("passport").is_none(), "no personal data beyond the listed fields");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let home = tempfile::tempdir().expect("home");
    for args in [&["list", "planets"][..], &["frobnicate"], &["check", "--no-such-flag"]] {
        let out = pobratim(args, home.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error:") && err.contains("--help"), "{args:?}: {err}");
    }
}

#[test]
fn first_run_without_data_seeds_the_default_folder() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["list", "cities"], home.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("Ниигата"));
    let seeded = home.path().join("share").join("pobratim");
    assert!(seeded.join("cities.ron").is_file(), "seeded into {}", seeded.display());
    // A second run uses the same folder without seeding over it.
    std::fs::write(seeded.join("figures.ron"), "[]").expect("edit");
    let out = pobratim(&["check"], home.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(seeded.join("figures.ron")).expect("read"), "[]");
}

/// A hand-edited longitude of 1e300 and a departure typed a century late: `check` names
/// the field, the value and the file and line to fix (they used to pass unseen, and the
/// map and the programme then looped on them).
#[test]
fn check_names_impossible_numbers_with_their_file_and_line() {
    let home = tempfile::tempdir().expect("home");
    let data = tempfile::tempdir().expect("data");
    copy_sample(data.path());
    let cities = data.path().join("cities.ron");
    let text = std::fs::read_to_string(&cities).expect("read");
    let at = text.find("lon: ").expect("a longitude");
    let end = at + text[at..].find(',').expect("end of the number");
    std::fs::write(&cities, format!("{}lon: 1e300{}", &text[..at], &text[end..])).expect("edit");
    let year = data.path().join("delegations").join("2017.ron");
    let text = std::fs::read_to_string(&year).expect("read");
    std::fs::write(&year, text.replacen("date: \"2017-05-29\"", "date: \"2107-05-29\"", 1)).expect("edit");
    let out = pobratim(&["check", "--data", &data.path().display().to_string()], home.path());
    let text = stdout(&out);
    let lon = text.lines().find(|l| l.contains("coordinates.lon")).unwrap_or_else(|| panic!("{text}"));
    assert!(lon.contains("1e300") && lon.contains("−180…180"), "{lon}");
    let line = lon.rsplit('\t').next().expect("place");
    assert!(line.starts_with("cities.ron:") && line["cities.ron:".len()..].parse::<usize>().is_ok(), "{lon}");
    let stay = text.lines().find(|l| l.contains("больше года")).unwrap_or_else(|| panic!("{text}"));
    assert!(stay.contains("delegations/2017.ron:"), "{stay}");
}

/// The window's settings once lived in the default data folder (eframe's `app.ron`), and a
/// folder with anything in it was taken for a department: after one run with `--data`, a
/// plain start opened a department with no cities. A folder without data files is seeded.
#[test]
fn a_default_folder_holding_only_window_settings_is_seeded() {
    let home = tempfile::tempdir().expect("home");
    let seeded = home.path().join("share").join("pobratim");
    std::fs::create_dir_all(&seeded).expect("mkdir");
    std::fs::write(seeded.join("app.ron"), "(window: (inner_size: (1280, 800)))").expect("window settings");
    let out = pobratim(&["list", "cities"], home.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("Ниигата"), "the sample department: {}", stdout(&out));
    assert!(seeded.join("app.ron").is_file(), "the other file is left alone");
}

/// Badges or a roster of a visit with nobody on it: refused with a reason and exit 1, no
/// blank page written.
#[test]
fn badges_and_roster_of_a_visit_with_no_members_are_refused() {
    let home = tempfile::tempdir().expect("home");
    let out_dir = tempfile::tempdir().expect("out");
    // The 2017 City Day visit has no members in the sample.
    for what in ["badges", "roster"] {
        let pdf = out_dir.path().join(format!("{what}.pdf"));
        let out = pobratim(
            &[
                "print",
                what,
                "--delegation",
                "del-2017-05-city-day-official",
                "-o",
                &pdf.display().to_string(),
                "--data",
                &sample_dir(),
            ],
            home.path(),
        );
        assert_eq!(out.status.code(), Some(1), "{what}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("пока никого нет") && err.contains("159-летии"), "{what}: {err}");
        assert!(!pdf.exists(), "{what}: no blank page written");
    }
}

#[test]
fn check_on_a_missing_folder_fails_clearly() {
    let home = tempfile::tempdir().expect("home");
    let missing = home.path().join("nowhere");
    let out = pobratim(&["check", "--data", &missing.display().to_string()], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for f in std::fs::read_dir(from).expect("read folder") {
        let f = f.expect("entry").path();
        let target = to.join(f.file_name().expect("name"));
        if f.is_dir() { copy_dir(&f, &target) } else { std::fs::copy(&f, &target).map(|_| ()).expect("copy") }
    }
}

fn copy_sample(to: &Path) {
    copy_dir(Path::new(&sample_dir()), to);
}

#[test]
fn export_ics_writes_a_calendar_for_a_year() {
    let home = tempfile::tempdir().expect("home");
    let out = home.path().join("2016.ics");
    let o = pobratim(
        &["export", "ics", "--year", "2016", "--data", &sample_dir(), "-o", &out.display().to_string()],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.contains("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains("DTSTART;VALUE=DATE:20161012"), "the XVI ecology conference");
    assert!(!text.contains("XXVI Встреча"), "2017 events stay out of 2016");
}

#[test]
fn export_html_is_the_public_calendar_of_a_year() {
    let home = tempfile::tempdir().expect("home");
    let out = home.path().join("calendar.html");
    let o = pobratim(
        &["export", "html", "--year", "2017", "--data", &sample_dir(), "-o", &out.display().to_string()],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(html.contains("Календарь событий 2017 года"));
    assert!(html.contains("28.05.2017"), "City Day 2017, the last Sunday of May");
    let missing_year =
        pobratim(&["export", "html", "--data", &sample_dir(), "-o", &out.display().to_string()], home.path());
    assert_eq!(missing_year.status.code(), Some(1));
}

/// The public calendar of 2017 as a web page, its PDF and its ICS: the recurring public events
/// of the city are there, and not one word of the department's own notes.
#[test]
fn the_public_calendar_of_2017_in_html_pdf_and_ics_holds_no_internal_note() {
    use pobratim::store::{OpenMode, Workspace};
    let home = tempfile::tempdir().expect("home");
    let (_, model) = Workspace::open(Path::new(&sample_dir()), OpenMode::ReadOnly).expect("sample");
    let written = |args: &[&str], name: &str| -> std::path::PathBuf {
        let out = home.path().join(name);
        let mut all = args.to_vec();
        let out_s = out.display().to_string();
        let data = sample_dir();
        all.extend(["--year", "2017", "--data", data.as_str(), "-o", out_s.as_str()]);
        let o = pobratim(&all, home.path());
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let html = std::fs::read_to_string(written(&["export", "html"], "public.html")).expect("html");
    let ics = std::fs::read_to_string(written(&["export", "ics", "--public"], "public.ics")).expect("ics");
    // pdftotext breaks lines where the PDF does: compare without line ends.
    let pdf = pdf_text(&written(&["print", "calendar"], "public.pdf")).replace('\n', " ");
    let unfolded = ics.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";");
    for (what, text) in [("html", html.as_str()), ("ics", unfolded.as_str()), ("pdf", pdf.as_str())] {
        for e in &model.events {
            // Any long stretch of an internal note would show a leak; the first 40 characters do.
            let head: String = e.description.chars().take(40).collect();
            if head.chars().count() == 40 {
                assert!(!text.contains(&head), "{what}: the notes of {} leaked: «{head}»", e.id);
            }
        }
        for phrase in ["в отчёте", "Назван в отчёте", "пример"] {
            assert!(!text.contains(phrase), "{what}: «{phrase}» is an internal note");
        }
        for title in ["Новые имена стран АТР", "город мастеров", "День Победы", "Приамурская"]
        {
            assert!(text.contains(title), "{what}: the recurring public event «{title}»");
        }
        assert!(!text.contains("Хабаровск, Хабаровск"), "{what}: the city is named once");
    }
    assert!(
        html.contains("Праздничные мероприятия, посвящённые Дню основания города Хабаровска"),
        "the public description"
    );
    assert!(ics.contains("CLASS:PUBLIC") && !ics.contains("CLASS:PRIVATE"));
    assert!(ics.contains("UID:city-day-20170528@"), "one UID per occurrence, the day before the domain");
    assert!(!ics.contains("X-POBRATIM") && !ics.contains("Харбинское лето"), "no ids, no exchanges abroad");
    assert!(!ics.contains("BEGIN:VEVENT\r\nUID:del-"), "no visits");
    let staff = std::fs::read_to_string(written(&["export", "ics"], "staff.ics")).expect("staff ics");
    assert!(staff.contains("X-POBRATIM-ID:city-day"), "the staff's calendar stays complete");
    let wrong = pobratim(&["export", "html", "--public", "--data", &sample_dir(), "-o", "x.html"], home.path());
    assert_eq!(wrong.status.code(), Some(1), "--public is for ics");
}

#[test]
fn import_ics_dry_run_writes_nothing_and_reimport_adds_nothing() {
    let home = tempfile::tempdir().expect("home");
    let data = tempfile::tempdir().expect("data");
    copy_sample(data.path());
    let file = home.path().join("outlook.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:o-1\r\nDTSTART;TZID=Tokyo Standard Time:20170824T100000\r\nSUMMARY:Встреча мэров\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:o-2\r\nSUMMARY:Без даты\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("write");
    let data_s = data.path().display().to_string();
    let file_s = file.display().to_string();
    let before = std::fs::read(data.path().join("events.ron")).expect("events");
    let dry = pobratim(&["import", "ics", &file_s, "--dry-run", "--data", &data_s], home.path());
    assert_eq!(dry.status.code(), Some(0));
    let text = stdout(&dry);
    assert!(text.contains("новых: 1") && text.contains("пропущено: 1"), "{text}");
    assert!(text.contains("outlook.ics:7"), "the skipped event's line: {text}");
    assert_eq!(std::fs::read(data.path().join("events.ron")).expect("events"), before, "dry run wrote nothing");
    let real = pobratim(&["import", "ics", &file_s, "--data", &data_s], home.path());
    assert_eq!(real.status.code(), Some(0), "{}", String::from_utf8_lossy(&real.stderr));
    assert!(std::fs::read_to_string(data.path().join("events.ron")).expect("events").contains("Встреча мэров"));
    let again = pobratim(&["import", "ics", &file_s, "--data", &data_s], home.path());
    assert!(stdout(&again).contains("новых: 0"), "{}", stdout(&again));
    let unreadable = pobratim(&["import", "ics", "/nonexistent.ics", "--data", &data_s], home.path());
    assert_eq!(unreadable.status.code(), Some(1));
}

#[test]
fn import_reports_speak_english_with_lang_en_and_russian_by_default() {
    let home = tempfile::tempdir().expect("home");
    let data_s = sample_dir();
    let roster = home.path().join("roster.csv");
    std::fs::write(&roster, "ФИО;Роль;Любимый цвет\nГость;космонавт;синий\n;участник;\n").expect("write");
    let ics = home.path().join("bad.ics");
    std::fs::write(&ics, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").expect("write");
    let (roster_s, ics_s) = (roster.display().to_string(), ics.display().to_string());
    let roster_args = ["import", "roster", &roster_s, "--delegation", "del-2017-08-niigata-mayors", "--dry-run"];
    let run = |args: &[&str], lang: Option<&str>| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--data", data_s.as_str()]);
        if let Some(l) = lang {
            all.extend(["--lang", l]);
        }
        let o = pobratim(&all, home.path());
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };
    let ru = run(&roster_args, None);
    assert!(ru.contains("столбец пропущен\t«Любимый цвет»"), "{ru}");
    assert!(ru.contains("строка 2\tотклонена\tроль\tнеизвестная роль «космонавт»"), "{ru}");
    assert!(ru.contains("строка 3\tотклонена\tФИО\tнет имени ни по-русски, ни латиницей"), "{ru}");
    assert!(ru.contains("Новых: 0, найдено: 0, отклонено: 2 (пробный прогон: ничего не записано)"), "{ru}");
    let en = run(&roster_args, Some("en"));
    assert!(en.contains("column ignored\t«Любимый цвет»"), "{en}");
    assert!(en.contains("row 2\trejected\trole\tunknown role «космонавт»"), "{en}");
    assert!(en.contains("row 3\trejected\tfull name\tno name, neither in Russian nor in Latin letters"), "{en}");
    assert!(en.contains("New: 0, matched: 0, rejected: 2 (dry run: nothing written)"), "{en}");
    let ru = run(&["import", "ics", &ics_s, "--dry-run"], None);
    assert!(ru.contains("пропущено\t") && ru.contains("bad.ics:2\tнет DTSTART"), "{ru}");
    let en = run(&["import", "ics", &ics_s, "--dry-run"], Some("en"));
    assert!(en.contains("skipped\t") && en.contains("bad.ics:2\tno DTSTART"), "{en}");
    assert!(en.contains("Calendars: 1, events in the file: 0, new: 0") && en.contains("skipped: 1 (dry run"), "{en}");
    // A file that is not a table at all says so in the chosen language.
    let empty = home.path().join("empty.csv");
    std::fs::write(&empty, "").expect("write");
    let empty_s = empty.display().to_string();
    let empty_args = ["import", "roster", &empty_s, "--delegation", "x", "--data", &data_s, "--lang", "en"];
    let o = pobratim(&empty_args, home.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the file is empty"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn import_roster_maps_an_unknown_column_by_hand_and_names_the_columns_it_leaves_out() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data");
    copy_sample(&data);
    let data_s = data.display().to_string();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rosters/niigata-utf8.csv");
    let file_s = file.display().to_string();
    let args = ["import", "roster", &file_s, "--delegation", "del-2017-08-niigata-mayors", "--data", &data_s];
    let dry = pobratim(&[&args[..], &["--dry-run"]].concat(), home.path());
    assert_eq!(dry.status.code(), Some(0), "{}", String::from_utf8_lossy(&dry.stderr));
    let text = stdout(&dry);
    assert!(text.contains("столбец пропущен\t«Room»\tне распознан"), "{text}");
    assert!(text.contains("столбец пропущен\t«Sex»\tтакие данные отдел не хранит"), "{text}");
    assert!(text.contains("Новых: 2, найдено: 0, отклонено: 0"), "{text}");
    let bad = pobratim(&[&args[..], &["--map", "Room=room"]].concat(), home.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("неизвестное поле «room»"));
    let absent = pobratim(&[&args[..], &["--map", "Комната=hotel"]].concat(), home.path());
    assert_eq!(absent.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&absent.stderr).contains("нет колонки «Комната»"));
    let real = pobratim(&[&args[..], &["--map", "Room=hotel"]].concat(), home.path());
    assert_eq!(real.status.code(), Some(0), "{}", String::from_utf8_lossy(&real.stderr));
    assert!(!stdout(&real).contains("«Room»"), "{}", stdout(&real));
    let year = std::fs::read_to_string(data.join("delegations/2017.ron")).expect("2017");
    assert!(year.contains("Hotel Sapporo 512"), "the mapped column reached the roster");
}

#[test]
fn import_into_a_folder_an_older_version_holds_writes_nothing() {
    let home = tempfile::tempdir().expect("home");
    let data = tempfile::tempdir().expect("data");
    copy_sample(data.path());
    // An app of a version without the shared-folder protocol has the folder open.
    let old = pobratim::store::LockInfo { host: "pc-2".into(), ..pobratim::store::LockInfo::current() };
    std::fs::write(data.path().join(pobratim::store::LOCK_FILE), ron::to_string(&old).expect("ron")).expect("lock");
    let file = home.path().join("a.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20170101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("write");
    let before = std::fs::read(data.path().join("events.ron")).expect("events");
    let o = pobratim(
        &["import", "ics", &file.display().to_string(), "--data", &data.path().display().to_string()],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("locked by"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(data.path().join("events.ron")).expect("events"), before);
}

#[test]
fn import_roster_dry_run_then_real_and_export_csv_xlsx() {
    let home = tempfile::tempdir().expect("home");
    let data = tempfile::tempdir().expect("data");
    copy_sample(data.path());
    let data_s = data.path().display().to_string();
    let file = home.path().join("roster.csv");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251
        .encode("ФИО;Дата рождения;Роль\nГостев Гость;01.01.1970;участник\nПлохая Дата;32.01.1970;участник\n");
    std::fs::write(&file, &bytes).expect("write");
    let args = |dry: bool| {
        let mut a = vec![
            "import",
            "roster",
            file.to_str().expect("path"),
            "--delegation",
            "del-2017-08-niigata-mayors",
            "--data",
            data_s.as_str(),
        ];
        if dry {
            a.push("--dry-run");
        }
        a.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let before = std::fs::read(data.path().join("delegations").join("2016.ron")).expect("read");
    let dry = pobratim(&args(true).iter().map(String::as_str).collect::<Vec<_>>(), home.path());
    assert_eq!(dry.status.code(), Some(0));
    let text = stdout(&dry);
    assert!(text.contains("Windows-1251") && text.contains("строка 3\tотклонена\tдата рождения"), "{text}");
    assert_eq!(
        std::fs::read(data.path().join("delegations").join("2016.ron")).expect("read"),
        before,
        "dry run writes nothing"
    );
    let real = pobratim(&args(false).iter().map(String::as_str).collect::<Vec<_>>(), home.path());
    assert_eq!(real.status.code(), Some(0), "{}", String::from_utf8_lossy(&real.stderr));
    let people: String = std::fs::read_dir(data.path().join("people"))
        .expect("people folder")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("people"))
        .collect();
    assert!(people.contains("Гостев Гость"));

    let csv_out = home.path().join("roster.csv");
    let o = pobratim(
        &[
            "export",
            "csv",
            "--delegation",
            "del-2016-05-portland-school",
            "--data",
            &data_s,
            "-o",
            csv_out.to_str().expect("p"),
        ],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&csv_out).expect("csv").starts_with(b"\xEF\xBB\xBF"));
    let xlsx_out = home.path().join("roster.xlsx");
    let o = pobratim(
        &[
            "export",
            "xlsx",
            "--delegation",
            "del-2016-05-portland-school",
            "--data",
            &data_s,
            "-o",
            xlsx_out.to_str().expect("p"),
        ],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read(&xlsx_out).expect("xlsx").starts_with(b"PK"));
    let unreadable = pobratim(&["import", "roster", "/nope.csv", "--delegation", "x", "--data", &data_s], home.path());
    assert_eq!(unreadable.status.code(), Some(1));
    let usage = pobratim(&["import", "roster", "a.csv"], home.path());
    assert_eq!(usage.status.code(), Some(2), "--delegation is required");
}

/// The text of `word/document.xml` inside a .docx, with the XML tags dropped.
fn docx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("word/document.xml").read_to_string(&mut xml).expect("utf-8");
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn report_2016_in_every_format_has_the_tourists_and_their_change() {
    let home = tempfile::tempdir().expect("home");
    let out = tempfile::tempdir().expect("out");
    for name in ["report.md", "report.docx", "report.pdf"] {
        let path = out.path().join(name);
        let run = pobratim(
            &["report", "--year", "2016", "-o", path.to_str().expect("utf-8"), "--data", &sample_dir()],
            home.path(),
        );
        assert_eq!(run.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&run.stderr));
    }
    let md = std::fs::read_to_string(out.path().join("report.md")).expect("md");
    assert!(md.contains("20\u{a0}161 (+17,3\u{a0}% к 2015 году: 17\u{a0}186)"), "{md}");
    assert!(md.contains("## 5. Въездной туризм"), "sections follow the questionnaire");
    assert!(md.contains("| **Итого** | **21** |"), "21 incoming delegations are recorded for 2016");
    let docx = docx_text(&std::fs::read(out.path().join("report.docx")).expect("docx"));
    assert!(docx.contains("20\u{a0}161") && docx.contains("+17,3\u{a0}%"), "{docx}");
    assert!(docx.contains("Ниигата (新潟)"));
    let pdf = std::fs::read(out.path().join("report.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let text = Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(&pdf)?;
            child.wait_with_output()
        })
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout).replace('\u{a0}', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("20 161") && text.contains("17,3 %"), "{text}");
}

#[test]
fn report_to_a_bare_file_name_writes_in_the_current_folder() {
    // Once the file was written and then syncing its folder "" failed with an error.
    let home = tempfile::tempdir().expect("home");
    let cwd = tempfile::tempdir().expect("cwd");
    let run = Command::new(env!("CARGO_BIN_EXE_pobratim"))
        .args(["report", "--year", "2016", "-o", "report.md", "--data", &sample_dir()])
        .current_dir(cwd.path())
        .env("HOME", home.path())
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(cwd.path().join("report.md").is_file());
}

#[test]
fn report_refuses_an_unknown_format_and_a_folder_that_did_not_load() {
    let home = tempfile::tempdir().expect("home");
    let out = tempfile::tempdir().expect("out");
    let txt = out.path().join("report.txt");
    let run = pobratim(
        &["report", "--year", "2016", "-o", txt.to_str().expect("utf-8"), "--data", &sample_dir()],
        home.path(),
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains(".pdf, .docx or .md"));
    assert!(!txt.exists());
    let data = tempfile::tempdir().expect("data");
    copy_sample(data.path());
    std::fs::write(data.path().join("figures.ron"), "[ (year: 2016, foreign_tourists: Some(-1)) ]").expect("write");
    let md = out.path().join("report.md");
    let run = pobratim(
        &[
            "report",
            "--year",
            "2016",
            "-o",
            md.to_str().expect("utf-8"),
            "--data",
            data.path().to_str().expect("utf-8"),
        ],
        home.path(),
    );
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("figures.ron"), "{err}");
    assert!(!md.exists(), "no report from half the data");
}

#[test]
fn gen_data_is_deterministic_and_loads_cleanly() {
    let home = tempfile::tempdir().expect("home");
    let out = tempfile::tempdir().expect("out");
    let generate = |name: &str, seed: &str| {
        let dir = out.path().join(name);
        let run =
            pobratim(&["gen-data", "--out", dir.to_str().expect("utf-8"), "--years", "1", "--seed", seed], home.path());
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        dir
    };
    let a = generate("a", "3");
    let b = generate("b", "3");
    let c = generate("c", "4");
    for file in [
        "cities.ron",
        "people/00.ron",
        "people/15.ron",
        "events.ron",
        "delegations/2026.ron",
        "figures.ron",
        "pobratim.ron",
    ] {
        let bytes = |dir: &Path| std::fs::read(dir.join(file)).expect("generated file");
        assert!(bytes(&a) == bytes(&b), "{file}: the same seed gives the same bytes");
        if file == "people/00.ron" || file == "delegations/2026.ron" {
            assert!(bytes(&a) != bytes(&c), "{file}: another seed gives other data");
        }
    }
    let check = pobratim(&["check", "--data", a.to_str().expect("utf-8")], home.path());
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(stdout(&check).contains("делегаций 800"), "{}", stdout(&check));
    assert!(stdout(&check).contains("Файлов с ошибкой загрузки: 0"));
    // A folder that holds data is never overwritten.
    let again = pobratim(&["gen-data", "--out", a.to_str().expect("utf-8"), "--years", "1"], home.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds"));
}

/// The text of a PDF, through pdftotext.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The XML inside an .xlsx (a zip), as one string.
fn xlsx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an .xlsx is a zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        std::io::Read::read_to_string(&mut f, &mut all).ok();
    }
    all
}

#[test]
fn every_export_and_print_masks_passports_unless_asked_and_logs_it_when_asked() {
    let home = tempfile::tempdir().expect("home");
    let data = tempfile::tempdir().expect("data");
    copy_sample(data.path());
    let data_s = data.path().display().to_string();
    let (_, model) =
        pobratim::store::Workspace::open(data.path(), pobratim::store::OpenMode::ReadOnly).expect("sample");
    // A delegation whose roster has passports.
    let d = model
        .delegations
        .iter()
        .find(|d| d.members.iter().any(|m| model.person(&m.person).is_some_and(|p| p.passport.is_some())))
        .expect("a roster with passports");
    let numbers: Vec<String> = d
        .members
        .iter()
        .filter_map(|m| model.person(&m.person)?.passport.as_ref().map(|p| p.number.replace(' ', "")))
        .collect();
    let id = d.id.as_str();
    let out = tempfile::tempdir().expect("out");
    let o = |name: &str| out.path().join(name).display().to_string();
    let runs: Vec<(String, Vec<String>)> = vec![
        ("roster.csv".into(), vec!["export".into(), "csv".into(), "--delegation".into(), id.into()]),
        ("roster.xlsx".into(), vec!["export".into(), "xlsx".into(), "--delegation".into(), id.into()]),
        ("all.ics".into(), vec!["export".into(), "ics".into()]),
        ("calendar.html".into(), vec!["export".into(), "html".into(), "--year".into(), "2016".into()]),
        ("roster.pdf".into(), vec!["print".into(), "roster".into(), "--delegation".into(), id.into()]),
        ("badges.pdf".into(), vec!["print".into(), "badges".into(), "--delegation".into(), id.into()]),
        ("programme.pdf".into(), vec!["print".into(), "programme".into(), "--delegation".into(), id.into()]),
        ("report.md".into(), vec!["report".into(), "--year".into(), "2016".into()]),
    ];
    let text_of = |name: &str| -> String {
        let path = out.path().join(name);
        let bytes = std::fs::read(&path).expect("written");
        if name.ends_with(".pdf") {
            pdf_text(&path)
        } else if name.ends_with(".xlsx") {
            xlsx_text(&bytes)
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    for (name, args) in &runs {
        let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
        let path = o(name);
        a.extend(["-o", path.as_str(), "--data", data_s.as_str()]);
        let r = pobratim(&a, home.path());
        assert_eq!(r.status.code(), Some(0), "{a:?}: {}", String::from_utf8_lossy(&r.stderr));
        let text = text_of(name).replace([' ', '\u{a0}'], "");
        for n in &numbers {
            assert!(!text.contains(n.as_str()), "{name} shows passport {n} in full");
        }
    }
    let list = pobratim(&["list", "people", "--json", "--data", &data_s], home.path());
    for n in &numbers {
        assert!(!stdout(&list).replace(' ', "").contains(n.as_str()), "list people shows {n}");
    }
    assert!(pobratim::store::journal::read(data.path()).expect("log").is_empty(), "nothing to log yet");

    // Asked for: the numbers are there, and the log says who, what and where.
    for (name, what) in [("full.csv", ["export", "csv"]), ("full.pdf", ["print", "roster"])] {
        let path = o(name);
        let r = pobratim(
            &[what[0], what[1], "--delegation", id, "--show-passports", "-o", &path, "--data", &data_s],
            home.path(),
        );
        assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
        let text = text_of(name).replace([' ', '\u{a0}'], "");
        assert!(numbers.iter().any(|n| text.contains(n.as_str())), "{name}: asked for in full");
    }
    let log = pobratim::store::journal::read(data.path()).expect("log");
    use pobratim::store::journal::Action;
    assert_eq!(log.iter().map(|e| e.action).collect::<Vec<_>>(), vec![Action::ExportPassports, Action::PrintPassports]);
    assert!(log.iter().all(|e| e.object == id && e.user.contains('@')));
    assert!(log[0].details.ends_with("full.csv"));
}

#[test]
fn overview_on_9_may_2016_lists_the_visit_in_town_and_victory_day() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["overview", "--data", &sample_dir(), "--date", "09.05.2016"], home.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.starts_with("Обзор на 09.05.2016: визиты на 60 дн. вперёд\n"), "{text}");
    let portland = text
        .lines()
        .find(|l| l.contains("Школьная делегация г. Портленда"))
        .unwrap_or_else(|| panic!("the Portland school visit: {text}"));
    assert!(portland.contains("01.05.2016–11.05.2016 · приём · Портленд"), "{portland}");
    assert!(portland.contains("· идёт · готовность 96 % · названо 5 из 5"), "{portland}");
    assert!(text.contains("      - состав: руководитель не назначен"), "its gaps under it: {text}");
    assert!(text.contains("09.05.2016 весь день · событие · День Победы"), "today's event: {text}");
    for section in [
        "Визиты впереди",
        "Просрочено и на этой неделе",
        "Годовщины побратимства",
        "Партнёры без обменов",
        "Устаревшие записи",
        "Сегодня и завтра",
    ] {
        assert!(text.contains(section), "{section}: {text}");
    }
    assert!(text.contains("Портленд: 28 лет побратимства, 10.06.2016"), "{text}");
    // `--days` narrows the look-ahead: only the visit under way is left within one day.
    let one =
        stdout(&pobratim(&["overview", "--data", &sample_dir(), "--date", "09.05.2016", "--days", "1"], home.path()));
    assert_eq!(one.lines().filter(|l| l.contains("готовность")).count(), 1, "{one}");
    let en =
        stdout(&pobratim(&["overview", "--data", &sample_dir(), "--date", "09.05.2016", "--lang", "en"], home.path()));
    assert!(en.contains("Overview for 09.05.2016") && en.contains("under way · ready 96 % · 5 of 5 named"), "{en}");
    assert!(en.contains("09.05.2016 all day · event · Victory Day"), "{en}");
}

#[test]
fn overview_json_has_a_key_per_section_and_each_visits_readiness() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["overview", "--data", &sample_dir(), "--date", "09.05.2016", "--json"], home.path());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    for key in ["visits", "tasks", "anniversaries", "quiet_partners", "stale", "today"] {
        assert!(v[key].is_array(), "{key}: {v}");
    }
    let first = &v["visits"][0];
    assert_eq!(first["id"], "del-2016-05-portland-school");
    assert_eq!(first["arrival"], "01.05.2016");
    assert_eq!(first["departure"], "11.05.2016");
    assert_eq!(first["readiness"], 96);
    assert_eq!(first["missing"][0]["field"], "members");
    assert_eq!(first["missing"][0]["message"], "руководитель не назначен");
    assert!(v["today"].as_array().expect("today").iter().any(|h| h["what"] == "День Победы"));
}

#[test]
fn overview_with_nothing_ahead_says_so_and_exits_zero_and_one_on_a_broken_file() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["overview", "--data", &sample_dir(), "--date", "01.10.2017"], home.path());
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("  Ближайших визитов нет; последний — «Делегация г. Хабаровска на XXVI Встрече мэров"),
        "{text}"
    );
    assert!(text.contains("Годовщины побратимства"), "the other sections still show: {text}");
    let bad = pobratim(&["overview", "--data", &sample_dir(), "--lang", "ja"], home.path());
    assert_eq!(bad.status.code(), Some(2));
    let bad_date = pobratim(&["overview", "--data", &sample_dir(), "--date", "2016-05-09"], home.path());
    assert_eq!(bad_date.status.code(), Some(2));
    // A broken file: what loaded is still shown, and the exit is 1.
    let data = tempfile::tempdir().expect("data");
    copy_sample(data.path());
    let events = data.path().join("events.ron");
    let broken = std::fs::read_to_string(&events).expect("read").replacen("category:", "categroy:", 1);
    std::fs::write(&events, broken).expect("break");
    let out =
        pobratim(&["overview", "--data", &data.path().display().to_string(), "--date", "09.05.2016"], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("events.ron"));
    assert!(stdout(&out).contains("Школьная делегация г. Портленда"), "the visits still listed");
}

#[test]
fn the_folder_comes_from_the_users_choice_then_it_and_only_the_default_is_seeded() {
    let home = tempfile::tempdir().expect("home");
    let it_folder = tempfile::tempdir().expect("IT's folder");
    let run = |args: &[&str], data_env: Option<&Path>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_pobratim"));
        c.args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("share"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env_remove("POBRATIM_DATA");
        if let Some(dir) = data_env {
            c.env("POBRATIM_DATA", dir);
        }
        c.output().expect("run pobratim")
    };
    // IT's folder (here through the environment) is used as it is: empty, never seeded.
    let out = run(&["list", "cities"], Some(it_folder.path()));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!stdout(&out).contains("niigata"), "{}", stdout(&out));
    assert!(!it_folder.path().join("cities.ron").exists(), "no sample data in IT's folder");
    assert!(!home.path().join("share").exists(), "nor in the default folder, which was not used");
    // A configured folder that is not there (a network drive not connected) is an error
    // that says where it was set; nothing is created in its place.
    let gone = it_folder.path().join("не подключён");
    let out = run(&["list", "cities"], Some(&gone));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("POBRATIM_DATA") && err.contains("не подключён"), "{err}");
    assert!(!gone.exists());
    // The user's own choice (the app's «Открыть папку данных…») wins over IT's.
    let mine = tempfile::tempdir().expect("mine");
    copy_sample(mine.path());
    let setting = home.path().join("config").join("pobratim").join("folder.ron");
    pobratim::store::remember_data_dir(&setting, mine.path()).expect("remember");
    let out = run(&["list", "cities"], Some(it_folder.path()));
    assert!(stdout(&out).contains("niigata"), "{}", stdout(&out));
    // Without any setting, the per-user default is seeded on the first run.
    std::fs::remove_file(&setting).expect("forget");
    let out = run(&["list", "cities"], None);
    assert!(stdout(&out).contains("niigata"), "{}", stdout(&out));
    assert!(home.path().join("share").join("pobratim").join("cities.ron").exists());
}
