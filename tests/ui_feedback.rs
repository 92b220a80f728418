//! Every file operation says how it ended, and no keystroke is lost (issue 18): toasts over
//! the window that never move a widget, the in-app file dialog, the search box that keeps
//! the sections in view, digits typed one per frame, and every tab reachable at 1024×700.

#[path = "common/kit.rs"]
mod kit;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use kit::*;
use pobratim::App;
use pobratim::ui::dialogs::{FixedDialogs, SystemDialogs};
use pobratim::ui::i18n;
use pobratim::ui::toast::Kind;
use std::collections::BTreeMap;

use eframe::egui;

/// Where every button and field on screen is, by its label (the first of a label).
fn layout(h: &Harness<'_, App>) -> BTreeMap<String, egui::Rect> {
    let mut out = BTreeMap::new();
    for node in h.query_all_by_role(Role::Button).chain(h.query_all_by_role(Role::TextInput)) {
        if let Some(label) = node.accesskit_node().label() {
            out.entry(label.to_owned()).or_insert_with(|| node.rect());
        }
    }
    out
}

#[test]
fn a_failed_export_says_why_in_a_toast_and_moves_nothing() {
    let dir = sample_folder();
    // A folder that is gone by the time the file is written (a USB stick pulled out).
    let gone = dir.path().join("Флешка").join("Календарь.ics");
    let dialogs = FixedDialogs::new(Some(gone.clone()), None);
    let mut h = harness_with(dir.path(), day(2016, 5, 5), [1280.0, 800.0], Box::new(dialogs));
    let t = &i18n::RU;
    click(&mut h, t.nav_calendar);
    let before = layout(&h);
    click(&mut h, t.export_ics);
    let error = h.state().error_message().expect("an error toast");
    assert!(error.contains("не удалось записать в папку: не найдено") && error.contains("Флешка"), "{error}");
    assert!(h.query_by_label_contains("не удалось записать в папку").is_some(), "the toast is on screen");
    assert!(!dir.path().join("Флешка").exists(), "no folder was made in its place");
    let after = layout(&h);
    for (label, rect) in &before {
        assert_eq!(after.get(label), Some(rect), "«{label}» moved or went away when the toast came");
    }
    // The error stays until it is closed; closing it leaves the layout as it was too.
    h.step();
    assert!(h.state().toasts().any(|t| t.kind == Kind::Error));
    click(&mut h, "×");
    assert!(h.state().toasts().next().is_none(), "closed");
    assert_eq!(layout(&h), before);
}

#[test]
fn a_cancelled_export_says_nothing() {
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2016, 5, 5), [1280.0, 800.0], Box::new(FixedDialogs::new(None, None)));
    let t = &i18n::RU;
    click(&mut h, t.nav_calendar);
    click(&mut h, t.export_ics);
    assert!(h.state().toasts().next().is_none(), "a cancel is not news");
}

#[test]
fn a_print_names_its_file_with_open_and_open_folder() {
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2016, 5, 5), [1280.0, 800.0], Box::new(FixedDialogs::new(None, None)));
    let t = &i18n::RU;
    click(&mut h, t.nav_delegations);
    click_containing(&mut h, "01.05–11.05.2016");
    click(&mut h, t.tab_programme);
    h.query_all_by_label(t.print_programme).next().expect("the print button").click();
    h.step();
    wait_for_jobs(&mut h);
    let done = h.state().toasts().find(|t| t.kind == Kind::Success).cloned().expect("a success toast");
    assert_eq!(done.text, t.printed);
    let file = done.file.expect("the file");
    assert!(file.starts_with(dir.path().join("prints")), "{}", file.display());
    assert!(std::fs::read(&file).expect("the PDF").starts_with(b"%PDF"));
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).expect("name");
    assert!(h.query_by_label_contains(&name).is_some(), "the toast shows the file");
    assert!(h.query_by_label(t.toast_open).is_some() && h.query_by_label(t.toast_open_folder).is_some());
    click(&mut h, t.toast_open_folder);
    assert!(h.state().error_message().is_none(), "the folder opened");
}

#[test]
fn the_in_app_dialog_saves_into_a_cyrillic_folder_and_asks_before_replacing() {
    let dir = sample_folder();
    let reports = dir.path().join("Отчёты 2016");
    std::fs::create_dir(&reports).expect("mkdir");
    let dialogs = SystemDialogs::in_app(dir.path());
    let mut h = harness_with(dir.path(), day(2016, 12, 20), [1024.0, 700.0], Box::new(dialogs));
    let t = &i18n::RU;
    click(&mut h, t.nav_tourism);
    click(&mut h, t.tab_report);
    h.get_by_label(t.save_md).click();
    h.run();
    // The dialog starts in the data folder; its shortcut is there too.
    click(&mut h, t.data_folder);
    click_containing(&mut h, "■ Отчёты 2016");
    let name = h.get_by_role_and_label(Role::TextInput, t.fd_name).value().expect("suggested name");
    assert!(name.ends_with(".md"), "{name}");
    click(&mut h, t.fd_save);
    step_until(&mut h, "the report", |h| h.state().print_message().is_some());
    let written = reports.join(&name);
    let text = std::fs::read_to_string(&written).expect("written into the chosen folder");
    assert!(text.contains("2016"));
    let line = h.state().print_message().expect("toast");
    assert!(line.contains(t.exported_to) && line.contains("Отчёты 2016"), "{line}");
    // Again: it starts where the last file went, and asks before replacing it.
    h.get_by_label(t.save_md).click();
    h.run();
    assert!(h.query_by_label_contains(&format!("□ {name}")).is_some(), "it starts in the last folder");
    std::fs::write(&written, "старое").expect("mark");
    click(&mut h, t.fd_save);
    assert!(h.query_by_label_contains(t.fd_exists).is_some(), "asks first");
    assert_eq!(std::fs::read_to_string(&written).expect("read"), "старое", "not replaced yet");
    click(&mut h, t.fd_replace);
    step_until(&mut h, "the second report", |_| std::fs::read_to_string(&written).is_ok_and(|s| s != "старое"));
}

#[test]
fn digits_typed_one_per_frame_are_all_kept_in_the_figures() {
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2016, 12, 20), [1280.0, 800.0], Box::new(FixedDialogs::new(None, None)));
    let t = &i18n::RU;
    click(&mut h, t.nav_tourism);
    click(&mut h, t.tab_figures);
    // January past the year's total (20 161) makes the months' error line appear above
    // the grid at the fifth digit; the sixth must still arrive.
    let january = pobratim::model::date::month_name(pobratim::model::Lang::Ru, 1);
    select_field(&mut h, january);
    type_per_frame(&mut h, "250009");
    assert_eq!(field(&h, january), "250009");
    assert!(h.query_by_label_contains(t.by_month).is_some());
    // And back under the total: the line goes away between two keys.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    type_per_frame(&mut h, "1-2");
    assert_eq!(field(&h, january), "1-2");
    select_field(&mut h, january);
    type_per_frame(&mut h, "12");
    assert_eq!(field(&h, january), "12");
    select_field(&mut h, t.f_tourists);
    type_per_frame(&mut h, "-20161");
    assert_eq!(field(&h, t.f_tourists), "-20161");
}

#[test]
fn digits_typed_one_per_frame_are_all_kept_in_a_city_and_an_event() {
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2016, 12, 20), [1280.0, 800.0], Box::new(FixedDialogs::new(None, None)));
    let t = &i18n::RU;
    click(&mut h, t.nav_cities);
    h.get_by_label_contains("Ниигата  ").click();
    h.run();
    click(&mut h, t.edit);
    // «1», «19», «196» are refused (not a year, a month or a date), «1965» is not, then
    // «1965.» is refused again: the error comes and goes under the fingers.
    select_field(&mut h, t.f_since);
    type_per_frame(&mut h, "1965.0");
    assert_eq!(field(&h, t.f_since), "1965.0");
    select_field(&mut h, t.f_since);
    type_per_frame(&mut h, "27.11.1965");
    assert_eq!(field(&h, t.f_since), "27.11.1965");
    click(&mut h, t.cancel);

    click(&mut h, t.nav_calendar);
    click(&mut h, t.new_event);
    select_field(&mut h, t.f_start_date);
    type_per_frame(&mut h, "27.11.2026");
    assert_eq!(field(&h, t.f_start_date), "27.11.2026");
    select_field(&mut h, t.f_start_time);
    type_per_frame(&mut h, "10:30");
    assert_eq!(field(&h, t.f_start_time), "10:30");
}

#[test]
fn search_keeps_the_sections_and_clears_with_esc_and_the_cross() {
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2016, 12, 20), [1024.0, 700.0], Box::new(FixedDialogs::new(None, None)));
    let t = &i18n::RU;
    let sections = [t.nav_cities, t.nav_calendar, t.nav_delegations, t.nav_people, t.nav_tourism];
    let before: Vec<egui::Rect> =
        sections.iter().map(|s| h.query_all_by_label(s).next().expect("section").rect()).collect();
    h.get_by_role_and_label(Role::TextInput, t.search).click();
    h.run();
    type_per_frame(&mut h, "Ниигата");
    assert!(h.query_by_label_contains(t.search_results).is_some(), "results under the field");
    let field = h.get_by_role_and_label(Role::TextInput, t.search).rect();
    let first = h.query_all_by_label_contains("新潟 · город").next().expect("a result").rect();
    assert!(first.top() >= field.bottom(), "under the field");
    let after: Vec<egui::Rect> =
        sections.iter().map(|s| h.query_all_by_label(s).next().expect("section").rect()).collect();
    assert_eq!(before, after, "the sections stay where they were");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(kit::field(&h, t.search), "", "Esc clears");
    assert!(h.query_by_label_contains(t.search_results).is_none());
    h.get_by_role_and_label(Role::TextInput, t.search).click();
    h.run();
    type_per_frame(&mut h, "Харбин");
    assert!(h.query_by_label_contains("哈尔滨 · город").is_some());
    h.get_by_label(t.search_clear).click();
    h.run();
    assert_eq!(kit::field(&h, t.search), "", "× clears");
    // A result opens its record, and the sections are still all there.
    h.get_by_role_and_label(Role::TextInput, t.search).click();
    h.run();
    type_per_frame(&mut h, "Братья Сато");
    assert!(h.query_by_label(t.tab_overview).is_none(), "no visit is open yet");
    h.query_all_by_label_contains("Братья Сато")
        .find(|n| n.accesskit_node().role() == Role::Button)
        .expect("the visit")
        .click();
    h.run();
    assert!(h.query_by_label(t.tab_overview).is_some(), "the visit is open in «Делегации»");
    assert_eq!(kit::field(&h, t.search), "");
    let end: Vec<egui::Rect> =
        sections.iter().map(|s| h.query_all_by_label(s).next().expect("section").rect()).collect();
    assert_eq!(before, end);
}

#[test]
fn at_1024_by_700_every_delegation_tab_and_the_findings_are_reachable() {
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2016, 5, 5), [1024.0, 700.0], Box::new(FixedDialogs::new(None, None)));
    let t = &i18n::RU;
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    click(&mut h, t.nav_delegations);
    click_containing(&mut h, "01.05–11.05.2016");
    for tab in [t.tab_overview, t.tab_roster, t.tab_programme, t.tab_checklist, t.tab_gifts, t.tab_findings] {
        let node = h.query_all_by_label_contains(tab).next().unwrap_or_else(|| panic!("no tab «{tab}»"));
        assert!(screen.contains_rect(node.rect()), "«{tab}» is off screen: {:?}", node.rect());
        node.click();
        h.run();
    }
    // The findings tab is the last one clicked: its list is shown.
    assert!(h.query_by_label_contains(t.tab_findings).is_some());
    // The report preview scrolls to its end.
    click(&mut h, t.nav_tourism);
    click(&mut h, t.tab_report);
    for b in [t.save_pdf, t.save_docx, t.save_md] {
        assert!(screen.contains_rect(h.get_by_label(b).rect()), "«{b}» is off screen");
    }
}

#[test]
fn another_data_folder_opens_after_saving_here_and_is_remembered_without_sample_data() {
    let dir = sample_folder();
    let shared = dir.path().join("Общая папка отдела");
    std::fs::create_dir(&shared).expect("mkdir");
    let settings = tempfile::tempdir().expect("settings");
    let folder_file = settings.path().join("folder.ron");
    let mut h = harness_with(dir.path(), day(2016, 5, 5), [1024.0, 700.0], Box::new(SystemDialogs::in_app(dir.path())));
    h.state_mut().set_folder_file(Some(folder_file.clone()));
    let t = &i18n::RU;
    // An edit not yet saved when the folder changes.
    click(&mut h, t.nav_cities);
    click_containing(&mut h, "Ниигата");
    click(&mut h, t.edit);
    select_field(&mut h, t.f_region);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    type_per_frame(&mut h, "правка до переезда");
    click(&mut h, t.apply);
    click_containing(&mut h, &format!("{}: ", t.data_folder));
    assert!(h.query_by_label(t.fd_no_name).is_none());
    click(&mut h, t.data_folder);
    click_containing(&mut h, "■ Общая папка отдела");
    click(&mut h, t.fd_choose_folder);
    step_until(&mut h, "the new folder", |h| h.state().data_dir() == shared);
    let line = h.state().print_message().expect("a toast");
    assert!(line.contains(t.folder_new) && line.contains("Общая папка отдела"), "{line}");
    assert!(h.state().model().cities.is_empty(), "a chosen folder is never filled with the sample data");
    let bar = format!("{}: {}", t.data_folder, shared.display());
    assert!(h.query_all_by_label_contains(&bar).next().is_some(), "the top bar names it");
    let cities = std::fs::read_to_string(dir.path().join("cities.ron")).expect("old folder");
    assert!(cities.contains("правка до переезда"), "the old folder's edit was saved first");
    let sessions = std::fs::read_dir(dir.path().join(".pobratim").join("sessions")).map_or(0, Iterator::count);
    assert_eq!(sessions, 0, "the old folder's session ended");
    let remembered = pobratim::store::read_folder_setting(&folder_file).expect("read setting");
    assert_eq!(remembered.as_deref(), Some(shared.as_path()), "remembered for the next start");
    // The same folder again: said, nothing else happens. The dialog starts beside it.
    click_containing(&mut h, &format!("{}: ", t.data_folder));
    click_containing(&mut h, "■ Общая папка отдела");
    click(&mut h, t.fd_choose_folder);
    let line = h.state().print_message().expect("a toast");
    assert!(line.contains(t.folder_already_open), "{line}");
}

#[test]
fn a_folder_that_does_not_open_is_said_in_the_window_and_another_one_opens_there() {
    use pobratim::ui::start::{FolderProblem, Shell};
    let dir = sample_folder();
    let t = &i18n::RU;
    let dialogs = FixedDialogs::new(None, Some(dir.path().to_path_buf()));
    let message =
        "папка данных, заданная в POBRATIM_DATA, недоступна (подключён ли сетевой диск?): /mnt/obmen".to_owned();
    let problem =
        FolderProblem::new(message, None, pobratim::model::Lang::Ru, Some(day(2016, 5, 5)), Box::new(dialogs));
    let mut problem = Some(problem);
    let mut h = Harness::builder()
        .with_size([1024.0, 700.0])
        .with_max_steps(16)
        .build_eframe(move |_cc| Shell::Waiting(Box::new(problem.take().expect("once"))));
    h.run();
    assert!(h.query_by_label_contains("/mnt/obmen").is_some(), "the reason is on screen");
    assert!(h.query_by_label(t.try_again).is_some() && h.query_by_label(t.quit).is_some());
    h.get_by_label(t.open_data_folder).click();
    h.run();
    assert!(matches!(h.state(), Shell::Running(_)), "the app started on the folder chosen");
    assert!(h.query_by_label(t.nav_cities).is_some(), "its sections are there");
}
