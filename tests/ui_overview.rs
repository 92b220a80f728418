//! «Обзор», the first screen, driven through egui_kittest by its labels with the clock
//! stopped in 2016 and 2017: the app opens on it, a missing passport opens the member's
//! card, an overdue task is listed and goes when ticked, and the status line reminds.

#[path = "common/kit.rs"]
mod kit;

use egui_kittest::kittest::Queryable;
use kit::{click, click_containing, day, harness_with, sample_folder};
use pobratim::model::{DelegationId, PersonId, Task};
use pobratim::store::{OpenMode, Workspace};
use pobratim::ui::app::Nav;
use pobratim::ui::dialogs::FixedDialogs;

use eframe::egui;
use pobratim::ui::i18n;

fn no_dialogs() -> Box<FixedDialogs> {
    Box::new(FixedDialogs::new(None, None))
}

fn portland() -> DelegationId {
    DelegationId::new("del-2016-05-portland-school")
}

fn city_day_2017() -> DelegationId {
    DelegationId::new("del-2017-05-city-day-official")
}

#[test]
fn the_app_opens_on_the_overview_with_the_visit_in_town_and_todays_event() {
    let dir = sample_folder();
    let t = &i18n::RU;
    let h = harness_with(dir.path(), day(2016, 5, 9), [1024.0, 700.0], no_dialogs());
    assert_eq!(h.state().nav(), Nav::Overview);
    assert!(h.query_by_label("Обзор на 09.05.2016").is_some(), "the heading names the day");
    assert!(
        h.query_by_label("Школьная делегация г. Портленда (средняя школа им. Франклина)").is_some(),
        "the Portland school visit, in town, is listed"
    );
    assert!(h.query_by_label_contains("готовность 96 % · названо 5 из 5").is_some(), "its bar and roster");
    assert!(h.query_by_label("День Победы").is_some(), "today's event");
    assert!(h.query_by_label_contains(t.ov_anniversaries).is_some());
    assert!(h.query_by_label_contains(t.ov_quiet).is_some());
    assert!(h.query_by_label_contains(t.ov_stale).is_some());
}

#[test]
fn a_missing_passport_opens_the_members_card() {
    let dir = sample_folder();
    let t = &i18n::RU;
    // The head of the Portland visit has no passport entered.
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let d = model.delegation(&portland()).expect("portland").clone();
    let first: PersonId = d.members[0].person.clone();
    let person = model.people.iter_mut().find(|p| p.id == first).expect("member");
    person.passport = None;
    let name = person.full_name_ru.clone();
    ws.save(&model).expect("save");
    drop(ws);

    let mut h = harness_with(dir.path(), day(2016, 5, 9), [1024.0, 700.0], no_dialogs());
    let gap = format!("{name}: паспорт не внесён");
    assert!(h.query_by_label_contains(t.member_card).is_none());
    click(&mut h, &gap);
    assert_eq!(h.state().nav(), Nav::Delegations, "the link opens the visit");
    assert!(
        h.query_by_label_contains(&format!("{}: {name}", t.member_card)).is_some(),
        "at the member's card, where the passport is entered"
    );
}

#[test]
fn an_overdue_task_is_listed_in_red_and_goes_when_ticked() {
    let dir = sample_folder();
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let d = model.delegations.iter_mut().find(|d| d.id == city_day_2017()).expect("2017 City Day");
    d.checklist = vec![
        Task {
            id: Default::default(), title: "Письмо-приглашение".into(), due: Some(day(2017, 4, 1)), done: false
        },
        Task { id: Default::default(), title: "Гостиница".into(), due: Some(day(2017, 6, 1)), done: false },
    ];
    let title = d.title.ru_text().to_owned();
    ws.save(&model).expect("save");
    drop(ws);

    let mut h = harness_with(dir.path(), day(2017, 5, 1), [1024.0, 700.0], no_dialogs());
    let label = "«Письмо-приглашение»";
    assert!(h.query_by_label(label).is_some(), "the overdue task is listed");
    assert!(h.query_by_label("просрочено 01.04.2017").is_some(), "with its due date");
    assert!(h.query_by_label(&format!("— {title}")).is_some(), "and its visit");
    assert!(h.query_by_label("«Гостиница»").is_none(), "a task due in a month is not");
    // The visit's card says it too, as a gap of its checklist.
    assert!(h.query_by_label("«Письмо-приглашение» просрочено (срок 01.04.2017)").is_some());
    click(&mut h, label);
    let d = h.state().model().delegation(&city_day_2017()).expect("visit").clone();
    assert!(d.checklist[0].done, "ticking it marks the task done");
    assert!(!d.checklist[1].done);
    assert!(h.query_by_label(label).is_none(), "and it leaves the list");
    // One undo step brings it back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.query_by_label(label).is_some());
    // The visit beside it opens the visit's checklist.
    click(&mut h, &format!("— {title}"));
    assert_eq!(h.state().nav(), Nav::Delegations);
    assert!(h.query_by_label("Письмо-приглашение").is_some(), "the checklist tab lists the task");
}

#[test]
fn the_status_line_reminds_of_a_visit_starting_tomorrow_until_hidden() {
    let dir = sample_folder();
    let t = &i18n::RU;
    let mut h = harness_with(dir.path(), day(2017, 5, 25), [1024.0, 700.0], no_dialogs());
    let reminder = h.state().reminder().map(str::to_owned).expect("a reminder");
    assert!(reminder.starts_with("завтра начинается визит «Официальные и культурные делегации"), "{reminder}");
    assert!(h.query_by_label_contains(t.ov_reminder).is_some(), "in the status line");
    click(&mut h, t.nav_cities);
    click_containing(&mut h, t.ov_reminder);
    assert_eq!(h.state().nav(), Nav::Overview, "a click on it opens the overview");
    click(&mut h, t.ov_hide);
    assert_eq!(h.state().reminder(), None);
    assert!(h.query_by_label_contains(t.ov_reminder).is_none(), "hidden until tomorrow");
    // Nothing falls due on a quiet day.
    let quiet = harness_with(dir.path(), day(2017, 3, 1), [1024.0, 700.0], no_dialogs());
    assert_eq!(quiet.state().reminder(), None);
}

#[test]
fn the_overview_reads_in_english_and_says_when_nothing_is_ahead() {
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2017, 10, 1), [1600.0, 1000.0], no_dialogs());
    click(&mut h, "English");
    let t = &i18n::EN;
    assert!(h.query_by_label("Overview for 01.10.2017").is_some());
    assert!(h.query_by_label_contains("No visits ahead; the last was «").is_some());
    for section in [t.ov_today, t.ov_tasks, t.ov_anniversaries, t.ov_quiet, t.ov_stale] {
        assert!(h.query_by_label_contains(section).is_some(), "{section} is still shown");
    }
}

#[test]
fn a_missing_arrival_time_opens_the_visits_form_with_the_cursor_in_the_field() {
    let dir = sample_folder();
    let t = &i18n::RU;
    let mut h = harness_with(dir.path(), day(2017, 5, 20), [1024.0, 700.0], no_dialogs());
    click(&mut h, "время и рейс (поезд) приезда не указаны");
    assert_eq!(h.state().nav(), Nav::Delegations);
    h.run();
    kit::type_per_frame(&mut h, "14:35");
    assert_eq!(kit::field(&h, t.f_arrival_time), "14:35", "typed straight into «{}»", t.f_arrival_time);
    click(&mut h, t.apply);
    let d = h.state().model().delegation(&city_day_2017()).expect("visit").clone();
    assert_eq!(d.arrival.time, chrono::NaiveTime::from_hms_opt(14, 35, 0));
}
