//! The copy for the road through the real binary (`pobratim road take` / `road return`): a
//! visit taken on a laptop, worked on away and at the office at once, brought back.

use pobratim::model::{DelegationId, ItemId, Model, PersonId, ProgrammeItem, Text};
use pobratim::store::{OpenMode, Workspace, journal, sample};
use std::path::Path;
use std::process::{Command, Output};

const VISIT: &str = "del-2016-05-portland-school";

fn pobratim(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pobratim"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("POBRATIM_DATA")
        .output()
        .expect("run pobratim")
}

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Opens a folder, lets `edit` change its model, saves it.
fn edit(dir: &Path, edit: impl FnOnce(&mut Model)) {
    let (mut ws, mut model) = Workspace::open(dir, OpenMode::ReadWrite).expect("open");
    assert!(ws.is_writable(), "{:?}", ws.read_only_reasons());
    edit(&mut model);
    ws.save(&model).expect("save");
}

fn read(dir: &Path) -> Model {
    let (ws, model) = Workspace::open(dir, OpenMode::ReadOnly).expect("open");
    assert!(ws.load_errors().is_empty(), "{:?}", ws.load_errors());
    model
}

fn visit(m: &mut Model) -> &mut pobratim::model::Delegation {
    let id = DelegationId::new(VISIT);
    m.delegations.iter_mut().find(|d| d.id == id).expect("visit")
}

/// The data files of a folder, by path inside it (no backups, cache, team files or log).
fn data_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        for p in std::fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").path()) {
            let name = format!("{prefix}{}", p.file_name().expect("name").to_string_lossy());
            if p.is_dir() && !name.starts_with('.') {
                walk(&p, &format!("{name}/"), out);
            } else if name.ends_with(".ron") && !name.contains("/.") && !name.starts_with('.') {
                out.push((name, std::fs::read(&p).expect("read")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}

#[test]
fn a_visit_taken_on_the_road_comes_back_merged_with_the_office_and_nothing_else_changes() {
    let home = tempfile::tempdir().expect("home");
    let office = tempfile::tempdir().expect("office");
    sample::write_sample(office.path()).expect("sample");
    let copy = home.path().join("trip");
    let take = ok(&pobratim(
        &["road", "take", "--out", s(&copy), "--delegation", VISIT, "--data", s(office.path())],
        home.path(),
    ));
    assert!(take.contains("визитов: 1") && take.contains("паспорта взяты"), "{take}");
    // The visit, every person it names, and nothing else of the kind.
    let (office_model, taken) = (read(office.path()), read(&copy));
    assert_eq!(taken.delegations.len(), 1);
    let names: std::collections::BTreeSet<&PersonId> = taken.delegations[0].people().collect();
    assert!(!names.is_empty());
    assert_eq!(taken.people.iter().map(|p| &p.id).collect::<std::collections::BTreeSet<_>>(), names);
    assert_eq!(taken.cities.len(), office_model.cities.len());
    assert!(taken.people.iter().any(|p| p.passport.is_some()), "passports went");
    // Taking personal data off-site is in the office's log.
    let log = journal::read(office.path()).expect("log");
    let line = log.iter().find(|e| e.action == journal::Action::RoadCopy).expect("logged");
    assert_eq!(line.object, VISIT);
    assert!(line.details.contains(&format!("людей: {}", names.len())), "{line:?}");

    // On the road: notes, a programme item, the purpose, and a member's phone.
    let member = taken.delegations[0].members[0].person.clone();
    let day = taken.delegations[0].arrival.date;
    let item = |id: u64, what: &str| ProgrammeItem {
        id: ItemId(id),
        date: day,
        activity: Text::ru(what),
        ..ProgrammeItem::default()
    };
    edit(&copy, |m| {
        visit(m).notes = "из поездки".into();
        visit(m).purpose = "цель из поездки".into();
        visit(m).programme.push(item(4_100_000_001, "Встреча в школе (в поездке)"));
        if let Some(p) = m.people.iter_mut().find(|p| p.id == member) {
            p.phone = "+1 503 555-01-01".into();
        }
    });
    // At the office meanwhile: the same purpose otherwise, another item, another city.
    edit(office.path(), |m| {
        visit(m).purpose = "цель из офиса".into();
        visit(m).programme.push(item(4_100_000_002, "Приём в мэрии (в офисе)"));
        if let Some(c) = m.cities.iter_mut().find(|c| c.id.as_str() == "niigata") {
            c.notes = "правка в офисе".into();
        }
    });
    let before = data_files(office.path());

    // A dry run says what would happen and writes nothing.
    let dry = ok(&pobratim(&["road", "return", s(&copy), "--dry-run", "--data", s(office.path())], home.path()));
    assert!(dry.contains("конфликт") && dry.contains("пробный прогон"), "{dry}");
    assert_eq!(data_files(office.path()), before, "a dry run writes nothing");

    let back = ok(&pobratim(&["road", "return", s(&copy), "--data", s(office.path())], home.path()));
    assert!(back.contains("конфликтов: 1"), "{back}");
    let merged = read(office.path());
    let d = merged.delegation(&DelegationId::new(VISIT)).expect("visit");
    assert_eq!(d.notes, "из поездки");
    assert_eq!(d.purpose, "цель из офиса", "the office's value stays");
    let items: Vec<&str> = d.programme.iter().filter_map(|p| p.activity.get(pobratim::model::Language::Ru)).collect();
    assert!(items.contains(&"Встреча в школе (в поездке)") && items.contains(&"Приём в мэрии (в офисе)"), "{items:?}");
    assert_eq!(merged.person(&member).map(|p| p.phone.as_str()), Some("+1 503 555-01-01"));
    assert_eq!(merged.city(&"niigata".into()).map(|c| c.notes.as_str()), Some("правка в офисе"));
    let (ws, _) = Workspace::open(office.path(), OpenMode::ReadOnly).expect("open");
    let conflicts = ws.conflicts();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(format!("{:?}", conflicts[0].clash).contains("цель из поездки"), "the road's value is kept");
    drop(ws);
    // Every other file is byte for byte as it was: only the visit's year and the member's
    // part were written.
    let after = data_files(office.path());
    let touched = [
        "delegations/2016.ron".to_owned(),
        pobratim::store::DataFile::of_person(member.as_str()).relative_path().to_string_lossy().replace('\\', "/"),
    ];
    for ((name, old), (name_after, new)) in before.iter().zip(&after) {
        assert_eq!(name, name_after);
        if !touched.contains(name) {
            assert!(old == new, "{name} changed");
        }
    }
    // Every other record of the touched files too.
    for d in &office_model.delegations {
        if d.id.as_str() != VISIT {
            assert_eq!(merged.delegation(&d.id), Some(&**d), "{}", d.id);
        }
    }

    // Returning again brings nothing and writes nothing.
    let again = ok(&pobratim(&["road", "return", s(&copy), "--data", s(office.path())], home.path()));
    assert!(again.contains("Изменено в поездке: 0, вносится: 0, конфликтов: 0"), "{again}");
    assert_eq!(data_files(office.path()), after);
    let (ws, _) = Workspace::open(office.path(), OpenMode::ReadOnly).expect("open");
    assert_eq!(ws.conflicts().len(), 1, "no second conflict");
}

#[test]
fn a_copy_without_passports_never_blanks_the_office_passports() {
    let home = tempfile::tempdir().expect("home");
    let office = tempfile::tempdir().expect("office");
    sample::write_sample(office.path()).expect("sample");
    let copy = home.path().join("trip");
    let take = ok(&pobratim(
        &["road", "take", "--out", s(&copy), "--delegation", VISIT, "--without-passports", "--data", s(office.path())],
        home.path(),
    ));
    assert!(take.contains("паспорта не взяты"), "{take}");
    let taken = read(&copy);
    assert!(taken.people.iter().all(|p| p.passport.is_none()), "no passport in the copy");
    let text: String = data_files(&copy).into_iter().map(|(_, b)| String::from_utf8_lossy(&b).into_owned()).collect();
    let office_model = read(office.path());
    for p in office_model.people.iter().filter(|p| taken.person(&p.id).is_some()) {
        if let Some(passport) = &p.passport {
            assert!(!text.contains(&passport.number), "{} is not in the copy's files", p.id);
        }
    }
    let log = journal::read(office.path()).expect("log");
    assert!(log.iter().any(|e| e.action == journal::Action::RoadCopy && e.details.contains("паспортов: 0")));
    let member = taken.delegations[0].members[0].person.clone();
    edit(&copy, |m| {
        if let Some(p) = m.people.iter_mut().find(|p| p.id == member) {
            p.phone = "+1 503 555-02-02".into();
        }
    });
    ok(&pobratim(&["road", "return", s(&copy), "--data", s(office.path())], home.path()));
    let merged = read(office.path());
    assert_eq!(merged.person(&member).map(|p| p.phone.as_str()), Some("+1 503 555-02-02"));
    for p in &office_model.people {
        assert_eq!(merged.person(&p.id).map(|m| &m.passport), Some(&p.passport), "{}: passport unchanged", p.id);
    }
}

#[test]
fn a_folder_that_is_not_a_copy_or_a_copy_into_a_department_is_refused() {
    let home = tempfile::tempdir().expect("home");
    let office = tempfile::tempdir().expect("office");
    sample::write_sample(office.path()).expect("sample");
    // Into a folder that holds data: refused, nothing written there.
    let other = tempfile::tempdir().expect("other");
    sample::write_sample(other.path()).expect("sample");
    let before = data_files(other.path());
    let out = pobratim(&["road", "take", "--out", s(other.path()), "--data", s(office.path())], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(data_files(other.path()), before);
    // Returning an ordinary data folder: refused.
    let out = pobratim(&["road", "return", s(other.path()), "--data", s(office.path())], home.path());
    assert_eq!(out.status.code(), Some(1));
    // An unknown visit: refused, no copy.
    let copy = home.path().join("trip");
    let out = pobratim(
        &["road", "take", "--out", s(&copy), "--delegation", "no-such-visit", "--data", s(office.path())],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!copy.exists());
}

/// Turns a data folder of format 8 back into format 7: one `people.ron`.
fn to_format_7(dir: &Path) {
    let parts = dir.join("people");
    let mut body = String::new();
    let mut names: Vec<_> = std::fs::read_dir(&parts)
        .expect("people")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    names.sort();
    for part in names {
        let text = std::fs::read_to_string(&part).expect("part");
        if let (Some(start), Some(end)) = (text.find("[\n"), text.rfind("]\n")) {
            body.push_str(&text[start + 2..end]);
        }
    }
    std::fs::write(dir.join("people.ron"), format!("[\n{body}]\n")).expect("people.ron");
    std::fs::remove_dir_all(&parts).expect("remove parts");
    let meta = dir.join("pobratim.ron");
    let text = std::fs::read_to_string(&meta).expect("meta");
    let now = format!("format_version: {}", pobratim::store::FORMAT_VERSION);
    std::fs::write(&meta, text.replace(&now, "format_version: 7")).expect("meta");
    let _ = std::fs::remove_dir_all(dir.join(".cache"));
}

#[test]
fn a_copy_in_an_older_format_is_migrated_and_returned() {
    let home = tempfile::tempdir().expect("home");
    let office = tempfile::tempdir().expect("office");
    sample::write_sample(office.path()).expect("sample");
    let copy = home.path().join("trip");
    ok(&pobratim(&["road", "take", "--out", s(&copy), "--delegation", VISIT, "--data", s(office.path())], home.path()));
    let member = read(&copy).delegations[0].members[0].person.clone();
    edit(&copy, |m| {
        if let Some(p) = m.people.iter_mut().find(|p| p.id == member) {
            p.phone = "+1 503 555-07-07".into();
        }
    });
    // The laptop's Pobratim was of format 7: its copy and base have one people.ron.
    to_format_7(&copy);
    to_format_7(&copy.join(".road-base"));
    assert!(copy.join("people.ron").is_file() && !copy.join("people").exists());
    let converted = read(&copy);
    assert_eq!(converted.person(&member).map(|p| p.phone.clone()), Some("+1 503 555-07-07".into()));
    let back = ok(&pobratim(&["road", "return", s(&copy), "--data", s(office.path())], home.path()));
    assert!(back.contains("вносится: 1,"), "{back}");
    assert_eq!(read(office.path()).person(&member).map(|p| p.phone.clone()), Some("+1 503 555-07-07".into()));
    // The base is now in this format, and a second return brings nothing.
    assert!(copy.join(".road-base").join("people").is_dir());
    let again = ok(&pobratim(&["road", "return", s(&copy), "--data", s(office.path())], home.path()));
    assert!(again.contains("вносится: 0,"), "{again}");
}

mod in_the_app {
    //! The same through the app's buttons, driven by their labels with egui_kittest.

    use super::*;
    use eframe::egui;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use pobratim::App;
    use pobratim::command::{Command as Cmd, Record};
    use pobratim::ui::dialogs::FixedDialogs;
    use pobratim::ui::i18n::RU as T;
    use std::time::{Duration, Instant};

    fn harness(office: &Path, copy: &Path) -> Harness<'static, App> {
        let (office, copy) = (office.to_path_buf(), copy.to_path_buf());
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let mut h = Harness::builder().with_size([1280.0, 800.0]).with_max_steps(16).build_eframe(move |_cc| {
            let dialogs = FixedDialogs::new(None, Some(copy.clone()));
            App::open_at(&office, date).expect("open").with_dialogs(Box::new(dialogs))
        });
        h.run();
        h
    }

    /// Clicks the widget labelled `label`, then waits for what it started (at most 60 s).
    fn click(h: &mut Harness<'_, App>, label: &str) {
        h.query_all_by_label(label).next().unwrap_or_else(|| panic!("no widget labelled «{label}»")).click();
        h.run();
        let start = Instant::now();
        while h.state().is_busy() && start.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(20));
            h.step();
        }
        assert!(!h.state().is_busy(), "«{label}» never finished");
        h.run();
    }

    fn toast(h: &Harness<'_, App>) -> String {
        h.state().print_message().unwrap_or_default()
    }

    /// «Взять с собой…» on a visit, without passports; the copy changed away and the office
    /// changed meanwhile; «Вернуть из поездки…» previews by name, «Внести» merges as one undo
    /// step and stores the clash; a second return brings nothing.
    #[test]
    fn a_visit_taken_and_brought_back_with_the_buttons() {
        let office = tempfile::tempdir().expect("office");
        sample::write_sample(office.path()).expect("sample");
        let trip = tempfile::tempdir().expect("trip");
        let copy = trip.path().join("Портленд");
        let mut h = harness(office.path(), &copy);
        let notes_before = read(office.path()).delegation(&DelegationId::new(VISIT)).expect("visit").notes.clone();
        click(&mut h, T.nav_delegations);
        h.query_all_by_label_contains("01.05–11.05.2016").next().expect("the Portland visit in the list").click();
        h.run();
        click(&mut h, T.road_take);
        assert!(h.query_by_label(T.road_take_title).is_some(), "the window opens");
        click(&mut h, T.road_choose_folder);
        assert!(h.query_by_label_contains(&copy.display().to_string()).is_some(), "the folder chosen is shown");
        click(&mut h, T.road_without_passports);
        click(&mut h, T.road_write);
        assert!(toast(&h).contains(T.road_written), "{}", toast(&h));
        assert!(toast(&h).contains(T.road_passports_left), "{}", toast(&h));
        assert!(h.query_by_label(T.road_take_title).is_none(), "the window closes");
        let taken = read(&copy);
        assert_eq!(taken.delegations.len(), 1);
        assert!(!taken.people.is_empty() && taken.people.iter().all(|p| p.passport.is_none()));
        let log = journal::read(office.path()).expect("log");
        assert!(log.iter().any(|e| e.action == journal::Action::RoadCopy && e.object == VISIT), "{log:?}");

        // Away: the visit's notes and a member's phone. At the office: the same phone.
        let member = taken.delegations[0].members[0].person.clone();
        edit(&copy, |m| {
            visit(m).notes = "Записано в поездке".into();
            m.people.iter_mut().find(|p| p.id == member).expect("member").phone = "+1 503 000".into();
        });
        let mut person = h.state().model().person(&member).expect("person").clone();
        let passport = person.passport.clone();
        assert!(passport.is_some(), "the office has the passport");
        person.phone = "+7 4212 000".into();
        h.state_mut().apply(Cmd::put(Record::Person(person)));
        h.state_mut().save_blocking().expect("saved");

        let title = h
            .state()
            .model()
            .delegation(&DelegationId::new(VISIT))
            .expect("visit")
            .title(pobratim::model::Lang::Ru)
            .to_owned();
        let shown = h.query_all_by_label_contains(&title).count();
        click(&mut h, T.road_return);
        assert!(h.query_by_label(T.road_return_title).is_some(), "the preview opens");
        assert!(h.query_all_by_label_contains(&title).count() > shown, "the visit is named by its title");
        assert!(h.query_by_label(T.road_clash).is_some(), "the phone clashes");
        click(&mut h, T.road_apply);
        assert!(toast(&h).contains(T.road_done), "{}", toast(&h));
        let now = h.state().model();
        assert_eq!(now.delegation(&DelegationId::new(VISIT)).expect("visit").notes, "Записано в поездке");
        let p = now.person(&member).expect("person");
        assert_eq!(p.phone, "+7 4212 000", "the office keeps its phone");
        assert_eq!(p.passport, passport, "the passport left out is never blanked");
        let on_disk = read(office.path());
        assert_eq!(on_disk.delegation(&DelegationId::new(VISIT)).expect("visit").notes, "Записано в поездке");
        let (ws, _) = Workspace::open(office.path(), OpenMode::ReadOnly).expect("open");
        assert_eq!(ws.conflicts().len(), 1, "the road's phone is in «Конфликты»");
        drop(ws);

        // A second return brings nothing.
        click(&mut h, T.road_return);
        assert!(h.query_by_label(T.road_nothing).is_some(), "{}", toast(&h));
        click(&mut h, T.close);
        assert!(h.query_by_label(T.road_return_title).is_none());
        // One undo step takes the whole return back.
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run();
        let notes = h.state().model().delegation(&DelegationId::new(VISIT)).expect("visit").notes.clone();
        assert_eq!(notes, notes_before, "undone");
    }
}
