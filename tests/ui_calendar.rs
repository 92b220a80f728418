//! The calendar joined to the visits, driven through egui_kittest by its labels with the
//! clock stopped on 05.05.2016: a stay bar opens its visit, «Перейти к дате» reaches May
//! 2017 in one step, «+N ещё» lists the day, «Ближайшие» finds the next visit, and «только
//! это» changes one occurrence of a series and leaves the rest.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pobratim::App;
use pobratim::model::{EventId, Lang};
use pobratim::store::sample;
use pobratim::ui::i18n;
use std::path::Path;

use eframe::egui;

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    dir
}

/// The app on the sample at `size`, in Russian, its clock stopped on 05.05.2016, on the calendar.
fn calendar(dir: &Path, size: [f32; 2]) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(16)
        .build_eframe(move |_cc| App::open_at(&dir, d(2016, 5, 5)).expect("open app").with_lang(Some(Lang::Ru)));
    h.run();
    click(&mut h, i18n::RU.nav_calendar);
    h
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.query_all_by_label(label).next().unwrap_or_else(|| panic!("no widget labelled «{label}»")).click();
    h.run();
}

fn click_containing(h: &mut Harness<'_, App>, part: &str) {
    h.query_all_by_label_contains(part).next().unwrap_or_else(|| panic!("no widget with «{part}»")).click();
    h.run();
}

fn replace_text(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).type_text(text);
    h.run();
}

#[test]
fn a_stay_bar_in_the_month_view_opens_its_visit() {
    let dir = sample_folder();
    let mut h = calendar(dir.path(), [1280.0, 800.0]);
    assert!(h.query_by_label("Май 2016").is_some(), "the calendar opens on the clock's month");
    // The direction is a word: «приём: Портленд — …».
    click_containing(&mut h, "приём: Портленд — Школьная делегация");
    assert!(
        h.query_by_label_contains("Школьная делегация г. Портленда (средняя школа им. Франклина)").is_some(),
        "the visit is open"
    );
    assert!(h.query_by_label(i18n::RU.view_month).is_none(), "the calendar's toolbar is gone: the visits panel shows");
}

#[test]
fn go_to_date_reaches_may_2017_in_one_step() {
    let dir = sample_folder();
    let mut h = calendar(dir.path(), [1024.0, 700.0]);
    let t = &i18n::RU;
    replace_text(&mut h, t.goto_date, "05.2017");
    click(&mut h, t.goto_do);
    assert!(h.query_by_label("Май 2017").is_some(), "one step to May 2017");
    replace_text(&mut h, t.goto_date, "31.02.2017");
    click(&mut h, t.goto_do);
    assert!(h.query_by_label(t.goto_bad).is_some(), "an impossible date is explained");
    assert!(h.query_by_label("Май 2017").is_some(), "and the calendar stays");
}

#[test]
fn more_lists_the_day_and_a_line_opens_the_visit() {
    let dir = sample_folder();
    // At 1024×700 the 29th of May 2016 holds City Day and four visiting groups: not all fit.
    let mut h = calendar(dir.path(), [1024.0, 700.0]);
    assert!(h.query_by_label("29.05.2016").is_some(), "the sixth week's cells are there");
    let more = h.query_all_by_label_contains(&format!(" {}", i18n::RU.more)).count();
    assert!(more > 0, "«+N ещё» is shown where a day is full");
    click_containing(&mut h, &format!(" {}", i18n::RU.more));
    let title = format!("{} — ", i18n::RU.day_list);
    assert!(h.query_by_label_contains(&title).is_some(), "the day's list opens");
    for group in ["«Братья Сато»", "«Silver for three»", "Детский хор", "«Ёволь»"] {
        assert!(h.query_all_by_label_contains(group).count() >= 1, "{group} is listed");
    }
    h.query_all_by_label_contains("«Братья Сато»")
        .find(|n| n.accesskit_node().role() == Role::Link)
        .expect("a line for the Sato brothers")
        .click();
    h.run();
    assert!(h.query_by_label(i18n::RU.view_month).is_none(), "the visit is open in its panel");
}

#[test]
fn next_visit_jumps_to_the_next_planned_visit() {
    let dir = sample_folder();
    let mut h = calendar(dir.path(), [1280.0, 800.0]);
    replace_text(&mut h, i18n::RU.goto_date, "2014");
    click(&mut h, i18n::RU.goto_do);
    assert!(h.query_by_label("Январь 2014").is_some());
    click(&mut h, i18n::RU.next_visit);
    // After 05.05.2016 the next arrival is the Mlada group's on 12.05.2016.
    assert!(h.query_by_label("Май 2016").is_some(), "back to May 2016");
    assert!(h.query_by_label_contains("12.05.2016–16.05.2016").is_some(), "the visit is named with its dates");
}

#[test]
fn only_this_changes_one_occurrence_and_leaves_the_rest() {
    let dir = sample_folder();
    let mut h = calendar(dir.path(), [1280.0, 800.0]);
    let t = &i18n::RU;
    replace_text(&mut h, t.goto_date, "05.2017");
    click(&mut h, t.goto_do);
    // The list view: the month's cell of the 28th is full (the crafts fair, the City Day
    // visit) and shows the day's last entries behind «+1».
    click(&mut h, t.view_agenda);
    // City Day 2017 is the last Sunday of May: the 28th.
    click_containing(&mut h, "День города Хабаровска");
    assert!(h.query_by_label_contains("28.05.2017").is_some(), "the form is on the clicked occurrence");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, t.f_start_date).value().as_deref(),
        Some("28.05.2017"),
        "with its own date"
    );
    replace_text(&mut h, t.f_venue, "Площадь Ленина");
    click(&mut h, t.apply);
    assert!(h.query_by_label(t.only_this_question).is_some(), "it asks: only this one, or all?");
    click(&mut h, t.only_this);
    let city_day = h.state().model().event(&EventId::new("city-day")).expect("city day").clone();
    let r = city_day.recurrence.as_ref().expect("still a series");
    assert_eq!(r.rrule, "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU", "the rule untouched");
    assert_eq!(r.overrides.len(), 1);
    assert_eq!(r.overrides[0].recurrence_id, d(2017, 5, 28));
    assert_eq!(r.overrides[0].venue.as_deref(), Some("Площадь Ленина"));
    assert_eq!(r.overrides[0].start_date, None, "nothing else changed");
    assert_eq!(city_day.venue, "г. Хабаровск, концертные площадки города", "the series keeps its venue");
    let occ = city_day.occurrences_between(d(2016, 1, 1), d(2018, 12, 31)).expect("expand");
    let venues: Vec<&str> = occ.iter().map(|o| city_day.occurrence_venue(o)).collect();
    assert_eq!(
        venues,
        ["г. Хабаровск, концертные площадки города", "Площадь Ленина", "г. Хабаровск, концертные площадки города"]
    );
    // Opened again, the occurrence says it was changed on its own and can be reset.
    click_containing(&mut h, "День города Хабаровска");
    assert!(h.query_by_label(t.occurrence_changed).is_some());
    click(&mut h, t.reset_occurrence);
    let city_day = h.state().model().event(&EventId::new("city-day")).expect("city day").clone();
    assert!(city_day.recurrence.as_ref().is_some_and(|r| r.overrides.is_empty()), "reset to the series");
}

#[test]
fn all_of_them_changes_the_series_and_the_rule_reads_in_words() {
    let dir = sample_folder();
    let mut h = calendar(dir.path(), [1280.0, 800.0]);
    let t = &i18n::RU;
    // On the 29th the four visiting groups' bars come first; the week shows every entry.
    replace_text(&mut h, t.goto_date, "29.05.2016");
    click(&mut h, t.goto_do);
    click(&mut h, t.view_week);
    click_containing(&mut h, "День города Хабаровска");
    assert!(
        h.query_by_label_contains("каждый год, последнее воскресенье мая").is_some(),
        "the rule in words, not RRULE text"
    );
    assert!(h.query_by_label_contains("FREQ=").is_none(), "no raw rule on screen");
    replace_text(&mut h, t.f_venue, "Площадь Славы");
    click(&mut h, t.apply);
    click(&mut h, t.all_of_them);
    let city_day = h.state().model().event(&EventId::new("city-day")).expect("city day").clone();
    assert_eq!(city_day.venue, "Площадь Славы");
    assert_eq!(city_day.start_date, d(2016, 5, 29), "the series did not move");
    assert!(city_day.recurrence.as_ref().is_some_and(|r| r.overrides.is_empty()));
}

#[test]
fn a_day_in_the_year_view_lists_the_day() {
    let dir = sample_folder();
    let mut h = calendar(dir.path(), [1280.0, 800.0]);
    let t = &i18n::RU;
    click(&mut h, t.view_year);
    assert!(h.query_by_label("2016").is_some(), "the year view of 2016");
    click(&mut h, "29.05.2016");
    assert!(h.query_by_label_contains(&format!("{} — ", t.day_list)).is_some(), "the day's list opens");
    assert!(h.query_all_by_label_contains("День города Хабаровска").count() >= 1, "City Day is listed");
    h.query_all_by_label_contains("День города Хабаровска")
        .find(|n| n.accesskit_node().role() == Role::Link)
        .expect("a line for City Day")
        .click();
    h.run();
    assert!(h.query_by_label_contains("29.05.2016").is_some(), "its form is open on that day");
    assert!(h.query_by_role_and_label(Role::TextInput, t.f_venue).is_some(), "the event form");
}
