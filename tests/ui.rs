//! The real app driven through egui_kittest by its labels, as a user would.

use chrono::Datelike;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pobratim::App;
use pobratim::model::{CityId, CityStatus, Lang};
use pobratim::store::{OpenMode, Workspace, sample};
use pobratim::ui::app::SaveState;
use pobratim::ui::i18n;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;

fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    dir
}

fn harness(dir: &Path) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut h =
        // Nested grids shown for the first time take a few passes to size their columns.
        Harness::builder().with_size([1280.0, 800.0]).with_max_steps(16).build_eframe(move |_cc| App::open_at(&dir, today()).expect("open app"));
    h.run();
    h
}

/// The day every test's clock is stopped at: the day these tests were written against.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

/// Clicks the widget labelled `label`, then lets a print, export or import it started
/// finish (they run off the UI thread).
fn click(h: &mut Harness<'_, App>, label: &str) {
    h.query_all_by_label(label).next().unwrap_or_else(|| panic!("no widget labelled «{label}»")).click();
    h.run();
    wait_for_jobs(h);
}

/// Steps the app until no print, export, import or file dialog is under way (at most 30 s).
fn wait_for_jobs(h: &mut Harness<'_, App>) {
    let start = Instant::now();
    while h.state().is_busy() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
}

/// Opens the city's profile from the Cities section (the app opens on «Обзор»).
fn open_city(h: &mut Harness<'_, App>, name_ru: &str) {
    if h.query_by_label_contains(&format!("{name_ru}  ")).is_none() {
        click(h, i18n::RU.nav_cities);
    }
    h.get_by_label_contains(&format!("{name_ru}  ")).click();
    h.run();
}

/// Selects everything in the field labelled `label` and types `text` over it.
fn replace_text(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).type_text(text);
    h.run();
    let now = h.get_by_role_and_label(Role::TextInput, label).value();
    assert_eq!(now.as_deref(), Some(text), "typed into «{label}»");
}

fn niigata_region(h: &Harness<'_, App>) -> String {
    h.state().model().city(&CityId::new("niigata")).map(|c| c.region.clone()).unwrap_or_default()
}

#[test]
fn navigates_to_every_panel() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_tourism);
    assert!(h.query_by_label(t.tab_charts).is_some(), "the tourism section shows its charts");
    assert!(h.query_by_label(t.save_png).is_some());
    click(&mut h, t.nav_calendar);
    assert!(h.query_by_label(t.view_month).is_some(), "the calendar is shown");
    click(&mut h, t.nav_delegations);
    assert!(h.query_by_label(t.new_delegation).is_some(), "the ledger is shown");
    click(&mut h, t.nav_people);
    assert!(h.query_by_label(t.search_people).is_some(), "the people registry is shown");
    click(&mut h, t.nav_cities);
    assert!(h.query_by_label(t.filter_status).is_some(), "the city list is shown");
}

#[test]
fn niigata_profile_shows_native_name_and_anniversary() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    open_city(&mut h, "Ниигата");
    assert!(h.query_by_label("新潟").is_some(), "the native name is in the profile");
    let niigata = h.state().model().city(&CityId::new("niigata")).cloned().expect("niigata");
    let next = niigata.next_round_anniversary(chrono::Local::now().date_naive()).expect("anniversary");
    let text = i18n::anniversary(Lang::Ru, CityStatus::Sister, next.years, next.year);
    assert!(text.contains("лет побратимства"));
    assert!(h.query_by_label(&text).is_some(), "«{text}» is shown");
    let this_year = chrono::Local::now().year();
    assert!(h.query_by_label_contains(&format!("{} ", this_year - 1965)).is_some());
    assert!(h.query_by_label_contains("Asia/Tokyo").is_some(), "time zone with local time");
}

#[test]
fn edit_then_undo_and_redo() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_city(&mut h, "Ниигата");
    let before = niigata_region(&h);
    click(&mut h, t.edit);
    replace_text(&mut h, t.f_region, "префектура Ниигата, Хонсю");
    click(&mut h, t.apply);
    assert_eq!(niigata_region(&h), "префектура Ниигата, Хонсю");
    assert_eq!(h.state().save_state(), SaveState::Unsaved);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(niigata_region(&h), before, "Ctrl+Z undoes");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    assert_eq!(niigata_region(&h), "префектура Ниигата, Хонсю", "Ctrl+Shift+Z redoes");
    click(&mut h, t.undo);
    assert_eq!(niigata_region(&h), before, "the undo button undoes");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(niigata_region(&h), "префектура Ниигата, Хонсю", "Ctrl+Y redoes");
}

#[test]
fn invalid_date_is_explained_beside_the_field_and_the_draft_kept() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_city(&mut h, "Ниигата");
    click(&mut h, t.edit);
    replace_text(&mut h, t.f_since, "31.02.1965");
    assert!(h.query_by_label(t.err_partial_date).is_some(), "the reason is shown");
    let apply_label = t.apply.to_owned();
    let apply = h.get_by_label(&apply_label);
    assert!(apply.accesskit_node().is_disabled(), "an invalid form cannot be applied");
    let field = h.get_by_role_and_label(Role::TextInput, t.f_since);
    assert_eq!(field.value().as_deref(), Some("31.02.1965"), "the draft keeps what was typed");
    let since = h.state().model().city(&CityId::new("niigata")).and_then(|c| c.since).map(|s| s.year);
    assert_eq!(since, Some(1965), "the model is untouched");
}

#[test]
fn deleting_a_referenced_city_is_refused_with_the_reason() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_city(&mut h, "Харбин");
    click(&mut h, t.delete);
    assert!(h.query_by_label(t.cannot_delete).is_some());
    assert!(h.query_by_label(t.cannot_delete_city).is_some());
    assert!(h.query_by_label_contains("Седьмом заседании").is_some(), "the referring delegation is named");
    click(&mut h, t.close);
    assert!(h.state().model().city(&CityId::new("harbin")).is_some());
    assert!(h.query_by_label(t.cannot_delete).is_none());
}

#[test]
fn ctrl_f_finds_a_person_by_part_of_the_latin_name() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    let label = i18n::RU.search.to_owned();
    let field = h.get_by_role_and_label(Role::TextInput, &label);
    assert!(field.is_focused(), "Ctrl+F puts the cursor into the search box");
    field.type_text("hugh");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label(i18n::RU.search_people).is_some(), "Enter opened the People panel");
    assert!(h.query_by_label("HUGHES NATHAN").is_some(), "the person's profile is open");
}

#[test]
fn switching_to_english_shows_cities() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    click(&mut h, "English");
    assert!(h.query_all_by_label("Cities").count() >= 1);
    assert!(h.query_by_label("Tourism & reports").is_some());
    assert!(h.query_by_label("Города").is_none());
    click(&mut h, "Русский");
    assert!(h.query_all_by_label("Города").count() >= 1);
}

#[test]
fn passport_is_masked_until_a_deliberate_click() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let person =
        h.state().model().people.iter().find(|p| p.passport.is_some()).cloned().expect("a person with a passport");
    let number = person.passport.clone().expect("passport").number;
    click(&mut h, i18n::RU.nav_people);
    h.query_all_by_label_contains(person.display_name()).next().expect("the person in the list").click();
    h.run();
    assert!(h.query_by_label_contains(&number).is_none(), "the number is masked");
    let masked = person.passport.as_ref().expect("passport").masked_number();
    assert!(h.query_by_label_contains(&masked).is_some());
    assert!(pobratim::store::journal::read(dir.path()).expect("log").is_empty(), "nothing revealed yet");
    click(&mut h, i18n::RU.show);
    assert!(h.query_by_label_contains(&number).is_some(), "shown after the click");
    // The reveal is in the personal-data log, which the user can open.
    let log = pobratim::store::journal::read(dir.path()).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, pobratim::store::journal::Action::RevealPassport);
    assert_eq!(log[0].object, person.id.as_str());
    click(&mut h, i18n::RU.log_button);
    assert!(h.query_by_label("показан номер паспорта").is_some(), "the log window lists the reveal");
}

#[test]
fn autosave_writes_the_change_on_its_own_without_a_click() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_city(&mut h, "Ниигата");
    click(&mut h, t.edit);
    replace_text(&mut h, t.f_region, "автосохранение");
    click(&mut h, t.apply);
    let changed = Instant::now();
    assert_eq!(h.state().save_state(), SaveState::Unsaved);
    // Only frames pass, no input: the save starts by itself once the delay is over. How soon
    // is a unit test on `autosave_wait` (fixed instants); wall time here only guards a hang.
    step_until(&mut h, 120, |s| *s == SaveState::Saved);
    assert!(changed.elapsed() >= pobratim::ui::app::AUTOSAVE_DELAY, "saved before the delay was over");
    let text = std::fs::read_to_string(dir.path().join("cities.ron")).expect("read");
    assert!(text.contains("автосохранение"));
}

#[test]
fn closing_with_unsaved_changes_saves_first() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_city(&mut h, "Ниигата");
    click(&mut h, t.edit);
    replace_text(&mut h, t.f_region, "при закрытии");
    click(&mut h, t.apply);
    h.state_mut().save_blocking().expect("save on close");
    let text = std::fs::read_to_string(dir.path().join("cities.ron")).expect("read");
    assert!(text.contains("при закрытии"));
    assert_eq!(h.state().save_state(), SaveState::Saved);
}

#[test]
fn a_folder_locked_by_an_older_version_opens_read_only_and_says_who_holds_it() {
    let dir = sample_folder();
    // The lock of a version without the shared-folder protocol, on another computer.
    let holder = pobratim::store::LockInfo {
        user: "коллега-старой-версии".into(),
        host: "pc-2".into(),
        ..pobratim::store::LockInfo::current()
    };
    std::fs::write(dir.path().join(pobratim::store::LOCK_FILE), ron::to_string(&holder).expect("ron")).expect("lock");
    let user = holder.user.clone();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    assert!(h.query_by_label_contains(t.locked_by).is_some(), "the banner says the folder is locked");
    assert!(h.query_by_label_contains(&user).is_some(), "and names the holder");
    open_city(&mut h, "Ниигата");
    assert!(h.get_by_label(t.edit).accesskit_node().is_disabled(), "editing is off");
    click(&mut h, t.take_over);
    assert!(!h.get_by_label(t.edit).accesskit_node().is_disabled(), "taken over, editing is on");
    assert!(!dir.path().join(pobratim::store::LOCK_FILE).exists(), "the old lock is gone");
}

#[test]
fn two_apps_on_one_folder_both_write_and_each_learns_the_others_change() {
    let dir = sample_folder();
    let mut first = harness(dir.path());
    let mut second = harness(dir.path());
    let t = &i18n::RU;
    assert!(first.query_by_label_contains(t.locked_by).is_none(), "no longer locked out");
    open_city(&mut first, "Ниигата");
    click(&mut first, t.edit);
    replace_text(&mut first, t.f_region, "правка первого");
    click(&mut first, t.apply);
    first.state_mut().save_blocking().expect("first saves");
    open_city(&mut second, "Харбин");
    click(&mut second, t.edit);
    replace_text(&mut second, t.f_region, "правка второго");
    click(&mut second, t.apply);
    let before: *const pobratim::model::Model = second.state().model();
    second.state_mut().save_blocking().expect("second saves");
    let after: *const pobratim::model::Model = second.state().model();
    assert_eq!(before, after, "the colleague's change is taken in place: no clone of the whole model");
    let niigata = second.state().model().city(&CityId::new("niigata")).map(|c| c.region.clone());
    assert_eq!(niigata.as_deref(), Some("правка первого"), "the second app learns the first's change");
    second.run();
    assert!(second.query_by_label_contains(t.changes_from).is_some(), "and says so");
    assert!(second.query_by_label_contains(": Ниигата").is_some(), "naming the city");
    let text = std::fs::read_to_string(dir.path().join("cities.ron")).expect("read");
    assert!(text.contains("правка первого") && text.contains("правка второго"), "both in the file");
}

#[test]
fn a_colleagues_save_shows_by_itself_after_the_next_poll() {
    let dir = sample_folder();
    let mut second = harness(dir.path());
    open_city(&mut second, "Харбин");
    let (mut colleague, mut theirs) =
        pobratim::store::Workspace::open(dir.path(), pobratim::store::OpenMode::ReadWrite).expect("a colleague");
    let harbin = CityId::new("harbin");
    let mut changes = pobratim::store::Changes::default();
    changes.note(&theirs, &pobratim::model::RecordId::City(harbin.clone()));
    let mut c = theirs.city(&harbin).cloned().expect("harbin");
    c.region = "правка из другого кабинета".into();
    pobratim::command::Command::put(pobratim::command::Record::City(c)).apply(&mut theirs).expect("apply");
    colleague.save_records(&theirs, &changes).expect("the colleague saves");
    // No call into the app: its team thread polls the revision every 2 s. Bounded, so a
    // broken poll fails rather than hangs.
    let start = std::time::Instant::now();
    while second.query_by_label_contains("правка из другого кабинета").is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "the colleague's save never showed");
        std::thread::sleep(std::time::Duration::from_millis(50));
        second.step();
    }
}

/// A colleague's save of Niigata, edited by `edit`, from another workspace on the folder.
fn colleague_edits_niigata(dir: &Path, edit: impl FnOnce(&mut pobratim::model::City)) {
    let (mut ws, mut theirs) =
        pobratim::store::Workspace::open(dir, pobratim::store::OpenMode::ReadWrite).expect("a colleague");
    let niigata = CityId::new("niigata");
    let mut changes = pobratim::store::Changes::default();
    changes.note(&theirs, &pobratim::model::RecordId::City(niigata.clone()));
    let mut c = theirs.city(&niigata).cloned().expect("niigata");
    edit(&mut c);
    pobratim::command::Command::put(pobratim::command::Record::City(c)).apply(&mut theirs).expect("apply");
    ws.save_records(&theirs, &changes).expect("the colleague saves");
}

#[test]
fn a_form_whose_record_a_colleague_changed_says_so_and_continuing_merges_instead_of_putting_back_old_fields() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_city(&mut h, "Ниигата");
    click(&mut h, t.edit);
    replace_text(&mut h, t.f_region, "правка в форме");
    // Meanwhile a colleague changes another field of the same city, and one both change.
    colleague_edits_niigata(dir.path(), |c| {
        c.notes = "заметка коллеги".into();
        c.name_en = "Niigata (colleague)".into();
    });
    h.state_mut().take_colleagues_changes().expect("live refresh");
    h.run();
    assert!(h.query_by_label_contains(t.form_changed_underneath).is_some(), "the form says its record changed");
    replace_text(&mut h, t.f_name_en, "Niigata (mine)");
    click(&mut h, t.form_continue);
    assert!(h.query_by_label_contains(t.form_changed_underneath).is_none(), "answered");
    click(&mut h, t.apply);
    let c = h.state().model().city(&CityId::new("niigata")).cloned().expect("niigata");
    assert_eq!(c.region, "правка в форме", "the form's own change is taken");
    assert_eq!(c.notes, "заметка коллеги", "the colleague's change to a field the form did not touch stays");
    assert_eq!(c.name_en, "Niigata (colleague)", "both changed one field: the colleague's value stays in the file");
    h.state_mut().save_blocking().expect("save");
    let stored = pobratim::store::team::conflicts::list(dir.path());
    assert!(
        stored.iter().any(|k| k.clash.mine.as_deref().is_some_and(|m| m.contains("Niigata (mine)"))),
        "and the form's value of it is a conflict: {stored:?}"
    );
}

#[test]
fn an_open_form_goes_into_the_session_and_a_colleagues_open_form_shows_in_the_top_bar() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    let sessions = dir.path().join(".pobratim").join("sessions");
    // A colleague on another computer with Harbin open in a form (their session file).
    let colleague = pobratim::store::team::sessions::Session {
        user: "ivanova".into(),
        host: "kabinet-12".into(),
        pid: 4242,
        since: chrono::Utc::now(),
        beat: 1,
        editing: vec!["city:harbin".into()],
    };
    let text = ron::ser::to_string_pretty(&colleague, ron::ser::PrettyConfig::new()).expect("ron");
    std::fs::write(sessions.join("kabinet-12-4242.ron"), text).expect("write the colleague's session");
    open_city(&mut h, "Ниигата");
    click(&mut h, t.edit);
    // The team thread writes this app's session and reads the others' every 5 s; bounded.
    let ours = || {
        std::fs::read_dir(&sessions)
            .expect("sessions")
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with("kabinet-12"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .any(|s| s.contains("city:niigata"))
    };
    let start = std::time::Instant::now();
    while !(ours() && h.query_by_label_contains(&format!("ivanova ({}: Харбин)", t.colleague_editing)).is_some())
    {
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "the open forms were never exchanged");
        std::thread::sleep(std::time::Duration::from_millis(100));
        h.step();
    }
    // On the record itself, gently: Harbin's profile says who has it open; Niigata's does not.
    let mark = format!("{}: ivanova", t.open_elsewhere);
    click(&mut h, t.cancel);
    assert!(h.query_by_label(&mark).is_none(), "Niigata is open nowhere else");
    open_city(&mut h, "Харбин");
    assert!(h.query_by_label(&mark).is_some(), "Harbin shows who has it open");
    assert!(!h.get_by_label(t.edit).accesskit_node().is_disabled(), "nothing is locked");
}

#[test]
fn reloading_a_form_whose_record_a_colleague_changed_shows_their_version() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_city(&mut h, "Ниигата");
    click(&mut h, t.edit);
    replace_text(&mut h, t.f_region, "набрано и брошено");
    colleague_edits_niigata(dir.path(), |c| c.region = "регион коллеги".into());
    h.state_mut().take_colleagues_changes().expect("live refresh");
    h.run();
    click(&mut h, t.form_reload);
    assert!(h.query_by_label_contains(t.form_changed_underneath).is_none());
    assert!(h.query_by_label_contains("набрано и брошено").is_none(), "what was typed is dropped");
    click(&mut h, t.apply);
    let c = h.state().model().city(&CityId::new("niigata")).cloned().expect("niigata");
    assert_eq!(c.region, "регион коллеги");
}

#[test]
fn an_app_with_nothing_to_save_shows_a_colleagues_save_without_a_restart_and_without_bumping_the_revision() {
    let dir = sample_folder();
    let mut first = harness(dir.path());
    let mut second = harness(dir.path());
    let t = &i18n::RU;
    open_city(&mut second, "Ниигата");
    assert!(second.query_by_label_contains("правка коллеги").is_none());
    open_city(&mut first, "Ниигата");
    click(&mut first, t.edit);
    replace_text(&mut first, t.f_region, "правка коллеги");
    click(&mut first, t.apply);
    first.state_mut().save_blocking().expect("the colleague saves");
    let revision = || pobratim::store::team::revision::read(dir.path()).expect("revision").number;
    let after_their_save = revision();
    // What the team thread's poll makes the app do two seconds later.
    second.state_mut().take_colleagues_changes().expect("take their records");
    second.run();
    assert!(second.query_by_label_contains("правка коллеги").is_some(), "the open profile shows their change");
    assert!(second.query_by_label_contains(t.changes_from).is_some(), "the status says whose change came in");
    assert_eq!(revision(), after_their_save, "taking changes writes nothing, so no one else is woken");
    // Nothing new: the next poll changes nothing.
    second.state_mut().take_colleagues_changes().expect("nothing to take");
    assert_eq!(revision(), after_their_save);
}

#[test]
fn calendar_views_switch_and_page_keys_move_the_month() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_calendar);
    let today = chrono::Local::now().date_naive();
    let title = |d: chrono::NaiveDate| format!("{} {}", i18n::month_name(Lang::Ru, d.month()), d.year());
    assert!(h.query_by_label(&title(today)).is_some(), "the month view opens on today's month");
    assert!(h.query_by_label("Пн").is_some(), "weeks start on Monday");
    h.key_press(egui::Key::PageDown);
    h.run();
    let next = today.checked_add_months(chrono::Months::new(1)).expect("next month");
    assert!(h.query_by_label(&title(next)).is_some(), "PageDown moves a month on");
    click(&mut h, t.today);
    click(&mut h, t.view_year);
    assert!(
        h.query_by_label("Январь").is_some() && h.query_by_label("Декабрь").is_some(),
        "the year view shows twelve months"
    );
    click(&mut h, t.view_week);
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let first_column = format!("Пн {}", pobratim::model::date::fmt_date(monday));
    assert!(h.query_by_label(&first_column).is_some(), "the week starts on Monday");
    click(&mut h, t.view_agenda);
    assert!(h.query_by_label(&title(today)).is_some());
}

#[test]
fn create_an_event_on_a_day_see_it_in_month_and_agenda_then_undo() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_calendar);
    let today = chrono::Local::now().date_naive();
    let day = today.with_day(15).expect("the 15th");
    h.get_by_role_and_label(Role::Button, &pobratim::model::date::fmt_date(day)).click();
    h.run();
    click(&mut h, t.new_event);
    let start = h.get_by_role_and_label(Role::TextInput, t.f_start_date).value();
    assert_eq!(
        start.as_deref(),
        Some(pobratim::model::date::fmt_date(day).as_str()),
        "the form starts on the chosen day"
    );
    replace_text(&mut h, t.f_title_ru, "Приём делегации Пучона");
    replace_text(&mut h, t.f_start_time, "10:00");
    replace_text(&mut h, t.f_end_time, "09:00");
    assert!(h.query_by_label(t.err_end_before_start).is_some(), "the end before the start is explained");
    replace_text(&mut h, t.f_end_time, "12:00");
    click(&mut h, t.apply);
    let created = h.state().model().events.iter().find(|e| e.title.ru_text() == "Приём делегации Пучона").cloned();
    let created = created.expect("the event is in the model");
    assert_eq!(created.start_date, day);
    assert!(h.query_by_label_contains("Приём делегации Пучона").is_some(), "seen in the month view");
    click(&mut h, t.view_agenda);
    assert!(h.query_by_label_contains("Приём делегации Пучона").is_some(), "seen in the agenda");
    assert!(h.query_by_label_contains("10:00").is_some(), "with its time");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().model().event(&created.id).is_none(), "undo removes it");
    assert!(h.query_by_label_contains("Приём делегации Пучона").is_none());
}

#[test]
fn calendar_export_and_import_through_the_dialogs() {
    use pobratim::ui::dialogs::FixedDialogs;
    let dir = sample_folder();
    let out = tempfile::tempdir().expect("out");
    let ics_path = out.path().join("calendar.ics");
    let folder = dir.path().to_path_buf();
    let dialogs = FixedDialogs::new(Some(ics_path.clone()), Some(ics_path.clone()));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        // The import's preview appears a frame or two after its thread has read the file.
        .with_max_steps(16)
        .build_eframe(move |_cc| App::open_at(&folder, today()).expect("open").with_dialogs(Box::new(dialogs)));
    h.run();
    let t = &i18n::RU;
    click(&mut h, t.nav_calendar);
    click(&mut h, t.export_ics);
    let text = std::fs::read_to_string(&ics_path).expect("exported");
    assert!(text.contains("BEGIN:VEVENT") && text.contains("День города"));
    // Importing our own export finds nothing new: a preview says so, and nothing is written.
    click(&mut h, t.import_ics);
    assert!(h.query_by_label(t.import_preview).is_some());
    assert!(h.query_by_label(t.import_nothing).is_some());
    let count = h.state().model().events.len();
    click(&mut h, t.cancel);
    assert_eq!(h.state().model().events.len(), count);
    // A foreign file with one new event: previewed, then imported as one undoable step.
    std::fs::write(&ics_path, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:new@outlook\r\nDTSTART;VALUE=DATE:20270601\r\nSUMMARY:Новое из Outlook\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").expect("write");
    click(&mut h, t.import_ics);
    assert!(h.query_by_label_contains("Новое из Outlook").is_some(), "the preview lists it");
    click(&mut h, t.import_do);
    assert_eq!(h.state().model().events.len(), count + 1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().model().events.len(), count);
}

/// A sample folder where the 2017 City Day delegation has a programme on its first day only,
/// so its other three days are flagged as empty.
fn folder_with_gaps() -> tempfile::TempDir {
    let dir = sample_folder();
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let id = pobratim::model::DelegationId::new("del-2017-05-city-day-official");
    let d = model.delegations.iter_mut().find(|d| d.id == id).expect("the 2017 delegation");
    d.programme = vec![pobratim::model::ProgrammeItem {
        date: d.arrival.date,
        start: chrono::NaiveTime::from_hms_opt(10, 0, 0),
        end: chrono::NaiveTime::from_hms_opt(12, 0, 0),
        activity: "Встреча в аэропорту".into(),
        ..Default::default()
    }];
    ws.save(&model).expect("save");
    dir
}

fn open_2017_delegation(h: &mut Harness<'_, App>) {
    click(h, i18n::RU.nav_delegations);
    h.query_all_by_label_contains("26.05–29.05.2017").next().expect("the 2017 City Day delegation in the list").click();
    h.run();
}

#[test]
fn open_a_delegation_and_add_a_member() {
    let dir = folder_with_gaps();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_2017_delegation(&mut h);
    assert!(h.query_by_label_contains("159-летии").is_some(), "the delegation's title is shown");
    let before =
        h.state().model().delegation(&"del-2017-05-city-day-official".into()).map(|d| d.members.len()).expect("d");
    click(&mut h, &format!("{} ({before})", t.tab_roster));
    replace_text(&mut h, t.find_person, "Ким");
    click(&mut h, t.add_member);
    let after =
        h.state().model().delegation(&"del-2017-05-city-day-official".into()).map(|d| d.members.len()).expect("d");
    assert_eq!(after, before + 1, "the roster grew");
    assert!(h.query_by_label(&format!("{} ({after})", t.tab_roster)).is_some());
    assert!(h.query_by_label("Ким Светлана Юрьевна").is_some(), "the new member is in the table");
}

#[test]
fn an_item_on_an_empty_day_clears_the_finding_and_undo_brings_it_back() {
    let dir = folder_with_gaps();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_2017_delegation(&mut h);
    click(&mut h, t.tab_programme);
    assert_eq!(h.query_all_by_label(t.empty_day).count(), 3, "three empty days flagged");
    assert!(h.query_by_label_contains(&format!("{} (3)", t.tab_findings)).is_some());
    // «+ Пункт» of the second day (the first day's button comes first).
    h.query_all_by_label(t.add_item).nth(1).expect("second day's button").click();
    h.run();
    replace_text(&mut h, t.f_activity_ru, "Концерт на площади");
    replace_text(&mut h, t.f_start_time, "18:00");
    click(&mut h, t.apply);
    assert_eq!(h.query_all_by_label(t.empty_day).count(), 2, "that day is no longer empty");
    assert!(h.query_by_label_contains(&format!("{} (2)", t.tab_findings)).is_some(), "one finding fewer");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.query_all_by_label(t.empty_day).count(), 3, "undo brings the gap back");
    assert!(h.query_by_label_contains(&format!("{} (3)", t.tab_findings)).is_some());
}

#[test]
fn printing_a_programme_runs_off_the_ui_thread_and_saves_under_prints() {
    use pobratim::ui::dialogs::FixedDialogs;
    let dir = sample_folder();
    let folder = dir.path().to_path_buf();
    let mut h = Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |_cc| {
        App::open_at(&folder, today()).expect("open").with_dialogs(Box::new(FixedDialogs::new(None, None)))
    });
    h.run();
    let t = &i18n::RU;
    click(&mut h, t.nav_delegations);
    h.query_all_by_label_contains("01.05–11.05.2016").next().expect("the Portland delegation").click();
    h.run();
    click(&mut h, t.tab_programme);
    // The spinner repaints while the PDF is made, so step rather than run to rest.
    h.query_all_by_label(t.print_programme).next().expect("the print button").click();
    h.step();
    assert!(h.state().is_printing() || h.state().print_message().is_some(), "printing started");
    let started = Instant::now();
    while h.state().is_printing() {
        assert!(started.elapsed() < Duration::from_secs(120), "printing never finished");
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    let message = h.state().print_message().unwrap_or_default();
    assert!(message.contains(t.printed), "{message}");
    let name = "Программа — Школьная делегация г. Портленда (средняя школа им. Франклина) — 01.05.2016.pdf";
    let pdf = dir.path().join("prints").join(name);
    assert!(std::fs::read(&pdf).expect("the PDF is saved").starts_with(b"%PDF"));
}

/// A roster printed with passports is written to the personal-data log once its PDF exists,
/// naming the file.
#[test]
fn a_roster_printed_with_passports_is_logged_after_its_pdf_is_written() {
    use pobratim::ui::dialogs::FixedDialogs;
    let dir = sample_folder();
    let folder = dir.path().to_path_buf();
    let mut h = Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |_cc| {
        App::open_at(&folder, today()).expect("open").with_dialogs(Box::new(FixedDialogs::new(None, None)))
    });
    h.run();
    let t = &i18n::RU;
    click(&mut h, t.nav_delegations);
    h.query_all_by_label_contains("01.05–11.05.2016").next().expect("the Portland delegation").click();
    h.run();
    h.query_all_by_label_contains(&format!("{} (", t.tab_roster)).next().expect("the roster tab").click();
    h.run();
    h.get_by_label(t.show_passports).click();
    h.run();
    h.get_by_label(t.print_roster).click();
    h.step();
    assert!(h.state().is_printing(), "printing started");
    let started = Instant::now();
    while h.state().is_printing() {
        assert!(started.elapsed() < Duration::from_secs(120), "printing never finished");
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    let name = "Состав — Школьная делегация г. Портленда (средняя школа им. Франклина) — 01.05.2016.pdf";
    let pdf = dir.path().join("prints").join(name);
    assert!(std::fs::read(&pdf).expect("the roster PDF").starts_with(b"%PDF"));
    let log = pobratim::store::journal::read(dir.path()).expect("log");
    let printed: Vec<_> = log.iter().filter(|e| e.action == pobratim::store::journal::Action::PrintPassports).collect();
    assert_eq!(printed.len(), 1, "logged once: {log:?}");
    assert_eq!(printed[0].details, name);
}

/// The app on the sample folder, with save dialogs that answer `save`.
fn harness_saving_to(dir: &Path, save: std::path::PathBuf) -> Harness<'static, App> {
    use pobratim::ui::dialogs::FixedDialogs;
    let folder = dir.to_path_buf();
    let mut h = Harness::builder().with_size([1280.0, 800.0]).with_max_steps(16).build_eframe(move |_cc| {
        App::open_at(&folder, today()).expect("open").with_dialogs(Box::new(FixedDialogs::new(Some(save), None)))
    });
    h.run();
    h
}

#[test]
fn tourism_charts_switch_and_show_the_change() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_tourism);
    // The first chart: tourists by year, labelled with the change against 2015.
    assert!(h.query_by_label("2016: 20\u{a0}161 (+17,3\u{a0}%)").is_some(), "the year-over-year label");
    // Switch to delegations by year: recorded and official series, both named as such.
    h.get_by_label("График:").click();
    h.run();
    click(&mut h, "Приём и выезд по годам");
    // Each series is named in the legend and in the table under the chart.
    assert!(h.query_all_by_label("Принято (учёт)").count() >= 1);
    assert!(h.query_all_by_label("Принято (официальный итог)").count() >= 1);
    assert!(h.query_all_by_label("40").next().is_some(), "the official 40 received in 2016");
    assert!(h.query_all_by_label("21").next().is_some(), "the 21 recorded");
    // By partner city for 2016, with the official totals beside the recorded counts.
    h.get_by_label("График:").click();
    h.run();
    click(&mut h, "Делегации по городам-партнёрам");
    assert!(h.query_by_label("Харбин (哈尔滨)").is_some());
    assert!(h.query_by_label_contains("Официальный итог 2016 года: принято 40, направлено 42").is_some());
}

#[test]
fn a_chart_exports_as_csv_and_png() {
    let dir = sample_folder();
    let out = tempfile::tempdir().expect("out");
    let csv = out.path().join("chart.csv");
    let mut h = harness_saving_to(dir.path(), csv.clone());
    let t = &i18n::RU;
    click(&mut h, t.nav_tourism);
    click(&mut h, t.save_csv);
    let bytes = std::fs::read(&csv).expect("csv written");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.starts_with('\u{feff}'), "a BOM for Russian Excel");
    assert!(text.contains("2015;17186\r\n2016;20161"), "{text}");

    // PNG: the panel asks the viewport for a screenshot and crops it to the chart.
    let png = out.path().join("chart.png");
    let mut h = harness_saving_to(dir.path(), png.clone());
    click(&mut h, t.nav_tourism);
    h.get_by_label(t.save_png).click();
    h.step();
    let callback = h
        .output()
        .viewport_output
        .values()
        .flat_map(|v| v.commands.iter())
        .find_map(|c| match c {
            egui::ViewportCommand::Screenshot(cb) => Some(cb.clone()),
            _ => None,
        })
        .expect("a screenshot was requested");
    let screen = egui::ColorImage::filled([1280, 800], egui::Color32::from_rgb(10, 20, 30));
    callback.complete(std::sync::Arc::new(screen));
    h.run();
    wait_for_jobs(&mut h);
    let image = image_size(&std::fs::read(&png).expect("png written"));
    assert!(image.0 > 600 && image.0 < 1100 && image.1 > 200 && image.1 < 700, "the chart's rectangle: {image:?}");
}

/// Width and height from a PNG's IHDR.
fn image_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn figures_editor_refuses_a_negative_and_applies_a_new_total() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_tourism);
    click(&mut h, t.tab_figures);
    assert!(h.query_by_label("Показатели за 2016").is_some(), "the latest year opens");
    replace_text(&mut h, t.f_received, "-4");
    assert!(h.query_by_label("не может быть отрицательным").is_some());
    assert!(h.get_by_label(t.apply).accesskit_node().is_disabled(), "nothing to apply while a field is wrong");
    replace_text(&mut h, t.f_received, "41");
    click(&mut h, t.apply);
    assert_eq!(h.state().model().figures_for(2016).and_then(|f| f.delegations_received), Some(41));
    // A breakdown over its total is refused with both numbers.
    replace_text(&mut h, "Январь", "30000");
    assert!(h.query_by_label_contains("по месяцам 30\u{a0}000 — больше итога 20\u{a0}161").is_some());
    click(&mut h, t.cancel);
    // 2017 is entered for its public-calendar target only: its tourists are added to it,
    // and the target stays.
    click(&mut h, "2017");
    replace_text(&mut h, t.f_tourists, "22 000");
    click(&mut h, t.apply);
    assert_eq!(h.state().model().figures_for(2017).and_then(|f| f.foreign_tourists), Some(22_000));
    assert_eq!(h.state().model().figures_for(2017).and_then(|f| f.public_events_target), Some(35));
    click(&mut h, t.tab_charts);
    assert!(h.query_by_label("2017: 22\u{a0}000 (+9,1\u{a0}%)").is_some(), "the chart follows the new year");
}

#[test]
fn report_preview_and_its_files() {
    let dir = sample_folder();
    let out = tempfile::tempdir().expect("out");
    let md = out.path().join("report.md");
    let mut h = harness_saving_to(dir.path(), md.clone());
    let t = &i18n::RU;
    click(&mut h, t.nav_tourism);
    click(&mut h, t.tab_report);
    assert!(h.query_by_label("Отчёт о международной деятельности за 2016 год").is_some());
    assert!(h.query_by_label_contains("20\u{a0}161 (+17,3\u{a0}% к 2015 году: 17\u{a0}186)").is_some());
    assert!(h.query_by_label("6. Планы на 2017 год").is_some());
    click(&mut h, t.save_md);
    let text = std::fs::read_to_string(&md).expect("markdown written");
    assert!(text.contains("# Отчёт о международной деятельности за 2016 год"));
    assert!(text.contains("17\u{a0}186"));
}

/// Steps the app until its save state satisfies `done`, for up to `secs` seconds.
fn step_until(h: &mut Harness<'_, App>, secs: u64, done: impl Fn(&SaveState) -> bool) {
    let start = Instant::now();
    while !done(&h.state().save_state()) {
        assert!(start.elapsed() < Duration::from_secs(secs), "still {:?}", h.state().save_state());
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    // A toast's overlay is sized on its first frame and drawn from the next.
    h.step();
    h.step();
}

#[test]
fn a_failed_save_is_shown_keeps_the_edit_and_retries_when_the_cause_is_gone() {
    use pobratim::store::atomic::faults::{self, Fault};
    for (fault, shown) in [
        (Fault::DiskFull, "на диске нет места"),
        (Fault::PermissionDenied, "нет доступа"),
        (Fault::RenameFails, "rename over the old file failed"),
    ] {
        let dir = sample_folder();
        let cities = dir.path().join("cities.ron");
        let before = std::fs::read(&cities).expect("cities");
        let mut h = harness(dir.path());
        let t = &i18n::RU;
        faults::inject(dir.path(), fault);
        open_city(&mut h, "Ниигата");
        click(&mut h, t.edit);
        replace_text(&mut h, t.f_region, "сбой записи");
        click(&mut h, t.apply);
        step_until(&mut h, 6, |s| matches!(s, SaveState::Failed(_)));
        // A toast names the error and the file, and says the changes are kept; the top bar
        // says «Не сохранено».
        assert!(h.query_by_label_contains(shown).is_some(), "{fault:?}: the cause is shown");
        assert!(h.query_by_label_contains("cities.ron").is_some(), "{fault:?}: the file is named");
        assert!(h.query_by_label_contains(t.save_error_kept).is_some());
        assert!(h.query_by_label_contains(&format!("{} — {}", t.unsaved, t.save_error)).is_some(), "marked unsaved");
        // The old file is intact, no temp file is left, and the edit is still in memory.
        assert_eq!(std::fs::read(&cities).expect("cities"), before, "{fault:?}: old file intact");
        let temps = std::fs::read_dir(dir.path())
            .map(|e| {
                e.flatten().filter(|e| pobratim::store::atomic::is_temp_name(&e.file_name().to_string_lossy())).count()
            })
            .unwrap_or(0);
        assert_eq!(temps, 0, "{fault:?}: no temp file left");
        let niigata = h.state().model().city(&CityId::new("niigata")).expect("niigata").clone();
        assert_eq!(niigata.region, "сбой записи");
        // The cause goes away: the app retries by itself and saves.
        faults::clear(dir.path());
        step_until(&mut h, 8, |s| *s == SaveState::Saved);
        assert!(std::fs::read_to_string(&cities).expect("cities").contains("сбой записи"), "{fault:?}: retried");
        assert!(h.query_by_label_contains(t.save_error).is_none());
    }
}

#[test]
fn a_conflict_shows_both_values_side_by_side_and_take_mine_puts_ours_back() {
    let dir = sample_folder();
    let mut first = harness(dir.path());
    let mut second = harness(dir.path());
    let t = &i18n::RU;
    for (h, value) in [(&mut first, "от первого"), (&mut second, "от второго")] {
        open_city(h, "Ниигата");
        click(h, t.edit);
        replace_text(h, t.f_region, value);
        click(h, t.apply);
        h.state_mut().save_blocking().expect("saves");
    }
    second.run();
    assert_eq!(niigata_region(&second), "от первого", "the file keeps the colleague's value");
    assert!(second.query_by_label_contains(t.conflicts_found).is_some(), "the toast says so");
    click_containing(&mut second, &format!("{}: 1", t.conflicts));
    assert!(second.query_by_label_contains(t.conflict_theirs).is_some(), "the window opens");
    assert!(second.query_by_label("от первого").is_some() && second.query_by_label("от второго").is_some());
    assert!(second.query_by_label_contains("регион").is_some(), "the field is named in words");
    click(&mut second, t.take_mine);
    assert_eq!(niigata_region(&second), "от второго", "ours is back");
    second.state_mut().save_blocking().expect("saves ours");
    for _ in 0..3 {
        second.step();
    }
    assert!(second.query_by_label_contains(&format!("{}: ", t.conflicts)).is_none(), "resolved");
    let (ws, _) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert!(ws.conflicts().is_empty(), "removed from the folder");
    let text = std::fs::read_to_string(dir.path().join("cities.ron")).expect("read");
    assert!(text.contains("от второго") && !text.contains("от первого"));
    // The first app learns of it with its next save (of another city); then undoing that
    // edit is fine, but undoing its edit of Niigata, which the second changed since, is
    // refused.
    open_city(&mut first, "Харбин");
    click(&mut first, t.edit);
    replace_text(&mut first, t.f_region, "провинция Хэйлунцзян");
    click(&mut first, t.apply);
    first.state_mut().save_blocking().expect("learns");
    assert_eq!(niigata_region(&first), "от второго", "learnt");
    for _ in 0..2 {
        first.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        first.run();
    }
    assert_eq!(niigata_region(&first), "от второго", "not undone");
    assert!(first.query_by_label_contains(t.undo_refused_colleague).is_some());
}

/// Clicks the first widget whose label contains `part`.
fn click_containing(h: &mut Harness<'_, App>, part: &str) {
    h.query_all_by_label_contains(part).next().unwrap_or_else(|| panic!("no widget with «{part}»")).click();
    h.run();
}

#[test]
fn a_file_deleted_underneath_counts_as_a_colleagues_deletion_but_no_reference_is_left_dangling() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    let people = dir.path().join(pobratim::store::PEOPLE_DIR);
    std::fs::remove_dir_all(&people).expect("delete the people files behind the app's back");
    open_city(&mut h, "Ниигата");
    click(&mut h, t.edit);
    replace_text(&mut h, t.f_region, "после удаления");
    click(&mut h, t.apply);
    step_until(&mut h, 6, |s| *s == SaveState::Saved);
    h.run();
    let (ws, reopened) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert!(ws.load_errors().is_empty());
    assert_eq!(reopened.people, h.state().model().people, "the app and the folder agree");
    // Every person a roster, a programme or a visit names is still there.
    for d in &reopened.delegations {
        for m in &d.members {
            assert!(reopened.person(&m.person).is_some(), "{} on {}", m.person, d.id);
        }
    }
    assert!(reopened.city(&CityId::new("niigata")).is_some_and(|c| c.region == "после удаления"));
}

#[test]
fn a_vanished_data_folder_keeps_the_edit_until_it_is_back() {
    let parent = tempfile::tempdir().expect("parent");
    let dir = parent.path().join("share");
    sample::write_sample(&dir).expect("sample");
    let mut h = harness(&dir);
    let t = &i18n::RU;
    // The network drive drops.
    let away = parent.path().join("share-offline");
    std::fs::rename(&dir, &away).expect("unmount");
    open_city(&mut h, "Ниигата");
    click(&mut h, t.edit);
    replace_text(&mut h, t.f_region, "сеть вернулась");
    click(&mut h, t.apply);
    step_until(&mut h, 6, |s| matches!(s, SaveState::Failed(_)));
    assert!(h.query_by_label_contains("папка данных недоступна").is_some());
    assert!(!dir.exists(), "no empty folder is made in its place");
    std::fs::rename(&away, &dir).expect("remount");
    step_until(&mut h, 8, |s| *s == SaveState::Saved);
    assert!(std::fs::read_to_string(dir.join("cities.ron")).expect("cities").contains("сеть вернулась"));
}

#[test]
fn retention_purge_previews_then_removes_personal_data_everywhere() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    let before = h.state().model().clone();
    let due = pobratim::model::retention::candidates(&before, chrono::Local::now().date_naive(), 5);
    // The passports of the people due: none of them may survive anywhere in the folder.
    let numbers: Vec<String> =
        due.iter().filter_map(|c| before.person(&c.person)?.passport.as_ref().map(|p| p.number.clone())).collect();
    assert!(!numbers.is_empty());
    // A first save, so the folder has backups holding the personal data.
    let first = due.iter().find_map(|c| before.person(&c.person).filter(|p| p.passport.is_some())).expect("a guest");
    let mut p = first.clone();
    p.notes.push_str(" (правка)");
    h.state_mut().apply(pobratim::command::Command::put(pobratim::command::Record::Person(p)));
    h.state_mut().save_blocking().expect("save");
    let file = dir.path().join(pobratim::store::DataFile::of_person(first.id.as_str()).relative_path());
    let bak = pobratim::store::atomic::backup_path(&file);
    assert!(std::fs::read_to_string(&bak).expect("backup").contains(&numbers[0]), "the backup holds a passport");

    click(&mut h, t.nav_people);
    click(&mut h, t.retention_button);
    // The preview names who and what, before anything happens.
    assert!(
        h.query_all_by_label_contains(&due[0].name).count() >= 2,
        "the preview lists {} beside the list",
        due[0].name
    );
    assert!(h.query_all_by_label_contains("паспорт").next().is_some());
    let confirm = format!("{} ({})", t.retention_confirm, due.len());
    assert!(std::fs::read_to_string(&file).expect("people").contains(&numbers[0]));
    // Stepped, not run: the status line's spinner repaints while the purge is under way.
    h.get_by_label(&confirm).click();
    h.step();
    assert!(h.state().purge_running(), "the purge is under way");
    h.step();
    assert!(h.query_by_label_contains(t.purge_progress).is_some(), "and the status line says so");
    until_purged(&mut h);

    // Gone from memory, from the people files, from their backups and from the cache.
    let model = h.state().model();
    for c in &due {
        let p = model.person(&c.person).expect("the person stays");
        assert!(p.passport.is_none() && p.birth_date.is_none() && p.phone.is_empty() && p.email.is_empty());
    }
    let mut everything = Vec::new();
    for sub in ["", "people", "delegations", ".cache"] {
        for e in std::fs::read_dir(dir.path().join(sub)).expect("folder").flatten() {
            if e.path().is_file() {
                everything.push((e.path(), std::fs::read(e.path()).expect("read")));
            }
        }
    }
    for n in &numbers {
        for (path, bytes) in &everything {
            let found = bytes.windows(n.len()).any(|w| w == n.as_bytes());
            assert!(!found, "passport {n} is still in {}", path.display());
        }
    }
    assert_eq!(h.state().save_state(), SaveState::Saved);
    assert!(h.query_by_label_contains(t.retention_done).is_some(), "the user is told");
    // It cannot be undone, and the log records it.
    assert!(h.query_by_label(t.undo).is_some_and(|b| b.accesskit_node().is_disabled()), "undo is off");
    let log = pobratim::store::journal::read(dir.path()).expect("log");
    let purge = log.iter().find(|e| e.action == pobratim::store::journal::Action::Purge).expect("a purge entry");
    assert_eq!(purge.object, due.len().to_string());
    assert!(purge.details.contains("retention 5 y") && purge.details.contains(due[0].person.as_str()));
    let (_, reopened) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert_eq!(reopened.people.len(), before.people.len(), "no person removed, only their personal data");
}

/// Frames until the purge under way (its save on the save thread, then its clean-up on a
/// worker) has ended; bounded, so a purge that never ends fails the test.
fn until_purged(h: &mut Harness<'_, App>) {
    let start = std::time::Instant::now();
    while h.state().purge_running() {
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "the purge never ended");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

/// The top of the list row whose label starts with `name` in the People panel (the leftmost
/// widget so labelled, so not the profile's heading).
fn list_row_top(h: &Harness<'_, App>, name: &str) -> f32 {
    let rects: Vec<egui::Rect> = h
        .query_all_by_label_contains(name)
        .filter(|n| n.accesskit_node().label().is_some_and(|l| l.starts_with(name)))
        .map(|n| n.rect())
        .collect();
    let row = rects.iter().min_by(|a, b| a.left().total_cmp(&b.left()));
    row.unwrap_or_else(|| panic!("no row «{name}»")).top()
}

#[test]
fn people_list_in_russian_sorts_yo_as_ye() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_people);
    click(&mut h, &format!("+ {}", t.new_person));
    replace_text(&mut h, t.f_full_name_ru, "Ёлкин Пётр");
    replace_text(&mut h, t.f_latin_name, "YOLKIN PETR");
    click(&mut h, t.apply);
    assert!(h.state().model().people.iter().any(|p| p.full_name_ru == "Ёлкин Пётр"), "the person was added");
    let (volkov, yolkin, ito, yamamoto) = (
        list_row_top(&h, "Волков Дмитрий Николаевич"),
        list_row_top(&h, "Ёлкин Пётр"),
        list_row_top(&h, "Ито Сакура"),
        list_row_top(&h, "Ямамото Кэйко"),
    );
    assert!(volkov < yolkin && yolkin < ito, "Ё is sorted as Е, between В and И: {volkov} {yolkin} {ito}");
    assert!(ito < yamamoto, "not after Я, where Rust's own order puts Ё");
}

#[test]
fn a_colleagues_purge_wins_over_an_edit_and_an_undo_entry_of_the_same_person() {
    use pobratim::command::{Command, Record};
    use pobratim::ui::action::PurgeRequest;
    let dir = sample_folder();
    let mut purger = harness(dir.path());
    let t = &i18n::RU;
    let mut guest = purger.state().model().people.iter().find(|p| p.passport.is_some()).cloned().expect("a passport");
    // The guest's phone, known to both apps.
    guest.phone = "+7 111 222-33-44".into();
    purger.state_mut().apply(Command::put(Record::Person(guest.to_record())));
    purger.state_mut().save_blocking().expect("saved");
    let mut other = harness(dir.path());
    assert_eq!(other.state().model().person(&guest.id).map(|p| p.phone.as_str()), Some("+7 111 222-33-44"));
    let number = guest.passport.as_ref().map(|p| p.number.clone()).expect("number");
    // The other app edits the guest (an undo entry holding the passport) and does not save.
    let mut edited = guest.clone();
    edited.phone = "+7 999 000-00-00".into();
    edited.position = "директор школы".into();
    other.state_mut().apply(Command::put(Record::Person((*edited).clone())));
    // The first app purges the guest, and saves at once.
    let ctx = purger.ctx.clone();
    purger.state_mut().purge(&PurgeRequest { years: 5, people: vec![guest.id.clone()] }, &ctx, t);
    until_purged(&mut purger);
    // The other app saves: both changed the phone, and the purge wins without a conflict;
    // the position is merged in.
    other.state_mut().save_blocking().expect("the other saves");
    let now = other.state().model().person(&guest.id).cloned().expect("still there");
    assert_eq!((now.phone.as_str(), now.passport.is_none()), ("", true), "the purge wins in the model");
    assert_eq!(now.position, "директор школы", "the edit of a field the purge does not touch stays");
    // Its undo entry of the guest is gone (the only one it had): «Отменить» is off, and
    // Ctrl+Z brings no passport back.
    other.run();
    assert!(other.get_by_label(t.undo).accesskit_node().is_disabled(), "the undo entry was dropped");
    other.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    other.run();
    let after = other.state().model().person(&guest.id).cloned().expect("person");
    assert!(after.passport.is_none() && after.position == "директор школы", "{after:?}");
    other.state_mut().save_blocking().expect("saves again");
    let file = pobratim::store::DataFile::of_person(guest.id.as_str()).relative_path();
    let people = std::fs::read_to_string(dir.path().join(file)).expect("people");
    for gone in [number.as_str(), "+7 999 000-00-00", "+7 111 222-33-44"] {
        assert!(!people.contains(gone), "no purged value in the file: {gone}");
    }
    assert!(people.contains("директор школы"));
    let conflicts = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open").0.conflicts();
    let kept = format!("{conflicts:?}");
    assert!(!kept.contains(&number) && !kept.contains("+7 "), "no purged value in a conflict: {kept}");
}

/// Light by default (egui's own fallback is dark); «Вид» switches to dark and back, and the
/// coloured text follows; the choice and the text size are remembered for the next start.
#[test]
fn the_view_menu_switches_the_theme_and_the_text_size() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    let dark = |h: &Harness<'_, App>| h.ctx.global_style().visuals.dark_mode;
    assert!(!dark(&h), "light by default");
    assert_eq!(pobratim::ui::theme::error(), pobratim::ui::theme::LIGHT.error);
    click(&mut h, t.view_menu);
    click(&mut h, t.theme_dark);
    assert!(dark(&h), "dark once chosen");
    assert_eq!(pobratim::ui::theme::error(), pobratim::ui::theme::DARK.error, "the palette follows");
    click(&mut h, t.view_menu);
    click(&mut h, t.theme_light);
    assert!(!dark(&h));
    click(&mut h, t.view_menu);
    click(&mut h, "125 %");
    assert!((h.ctx.zoom_factor() - 1.25).abs() < 1e-6, "the whole UI scales");
    // What the next start reads.
    let (theme, size) = pobratim::ui::theme::restore(&h.ctx);
    assert_eq!((theme, size), (pobratim::ui::theme::ThemeChoice::Light, 125));
}

/// Every navigation label and the top bar's controls lie inside the window: at 125 % on a
/// 1366×768 screen (1093×614 points) and at 100 % at the window's minimum size (900×560).
#[test]
fn navigation_and_top_bar_fit_at_125_percent_on_1366x768_and_at_the_minimum_size() {
    let t = &i18n::RU;
    for (size, ppp) in [([1366.0 / 1.25, 768.0 / 1.25], 1.25), ([900.0, 560.0], 1.0)] {
        let dir = sample_folder();
        let folder = dir.path().to_path_buf();
        let mut h = Harness::builder()
            .with_size(size)
            .with_pixels_per_point(ppp)
            .with_max_steps(16)
            .build_eframe(move |_cc| App::open_at(&folder, today()).expect("open app"));
        h.run();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0], size[1]));
        for label in [
            t.nav_overview,
            t.nav_cities,
            t.nav_calendar,
            t.nav_delegations,
            t.nav_people,
            t.nav_tourism,
            t.undo,
            t.redo,
            t.view_menu,
            "Русский",
            "English",
        ] {
            let rect = h.get_by_label(label).rect();
            assert!(screen.contains_rect(rect), "«{label}» at {rect:?} is outside {screen:?} ({ppp}×)");
        }
        let folder_button = h.get_by_label_contains(t.data_folder).rect();
        assert!(screen.contains_rect(folder_button), "the data folder at {folder_button:?}");
        assert!(folder_button.width() > 80.0, "the folder's button keeps some room: {folder_button:?}");
    }
}

/// F1 opens the manual at the chapter about the section on screen, rendered in the app;
/// «Справка» does the same; the chapter list moves to any other chapter.
#[test]
fn f1_and_the_help_button_open_the_manual_at_the_sections_chapter() {
    use pobratim::ui::help::Chapter;
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_cities);
    click(&mut h, t.help);
    assert_eq!(h.state().help_shown(), Some(Chapter::City as usize));
    assert!(h.query_by_label_contains("Языки гостей").is_some(), "the city chapter's text");
    click(&mut h, t.nav_delegations);
    h.key_press(egui::Key::F1);
    h.run();
    assert_eq!(h.state().help_shown(), Some(Chapter::Visit as usize));
    assert!(h.query_by_label_contains("Письмо о визите").is_some(), "the visit chapter's text");
    click(&mut h, "Резервные копии");
    assert_eq!(h.state().help_shown(), Some(Chapter::Backups as usize));
    assert!(h.query_by_label_contains(".bak").is_some());
}
