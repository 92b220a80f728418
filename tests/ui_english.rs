//! The English UI on the sample data names every city, event and delegation: in English
//! where the record has an English text, else in Russian, never blank. The clock is fixed
//! to 1 January 2016, so the calendar opens where the sample's records are.

use chrono::{Datelike, NaiveDate};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pobratim::App;
use pobratim::model::calendar::{Entry, Filters, entries};
use pobratim::model::{Lang, Model};
use pobratim::store::{OpenMode, Workspace, sample};
use pobratim::ui::i18n;
use std::collections::HashSet;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 1).expect("date")
}

/// The app in English on a copy of the sample, tall enough that every ledger row and
/// every agenda line of a month is laid out (both lists lay out only the rows in view).
fn english_app() -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    // Records entered without English: Bucheon's city, its event and a visit. They must
    // show their Russian names, not blanks.
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    for c in model.cities.iter_mut().filter(|c| c.id.as_str() == "bucheon") {
        c.name_en.clear();
    }
    if let Some(e) = model.events.iter_mut().find(|e| e.host_city.as_ref().is_some_and(|h| h.as_str() == "bucheon")) {
        e.title.set(pobratim::model::Language::En, "");
    }
    for d in model.delegations.iter_mut().filter(|d| d.partner_city.as_ref().is_some_and(|c| c.as_str() == "bucheon")) {
        d.title.set(pobratim::model::Language::En, "");
    }
    ws.save(&model).expect("save");
    drop(ws);
    let path = dir.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size([1600.0, 3200.0])
        .with_max_steps(16)
        .build_eframe(move |_cc| App::open_at(&path, start()).expect("open").with_lang(Some(Lang::En)));
    h.run();
    (dir, h)
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.query_all_by_label(label).next().unwrap_or_else(|| panic!("no widget labelled «{label}»")).click();
    h.run();
}

#[test]
fn every_city_is_named_in_the_english_list() {
    let (_dir, mut h) = english_app();
    click(&mut h, i18n::EN.nav_cities);
    let model: Model = h.state().model().clone();
    let mut english = 0;
    for c in &model.cities {
        let name = c.name(Lang::En);
        assert!(!name.trim().is_empty(), "{}: a name", c.id);
        english += usize::from(name == c.name_en);
        assert!(h.query_all_by_label_contains(name).next().is_some(), "{} is listed as «{name}»", c.id);
    }
    assert!(english > 10, "the sample's English names are used: {english}");
    assert!(model.cities.iter().any(|c| c.name_en.is_empty()), "one city has no English name");
}

#[test]
fn every_delegation_is_named_in_the_english_ledger_and_detail() {
    let (_dir, mut h) = english_app();
    click(&mut h, i18n::EN.nav_delegations);
    let model: Model = h.state().model().clone();
    for d in &model.delegations {
        let city = d.counterpart(&model, Lang::En);
        let prefix = format!(
            "{}–{} · {city} ·",
            d.arrival.date.format("%d.%m"),
            pobratim::model::date::fmt_date(d.departure.date)
        );
        let row = h.query_all_by_label_contains(&prefix).next().map(|n| n.accesskit_node().label().unwrap_or_default());
        let row = row.unwrap_or_else(|| panic!("{}: its ledger row «{prefix} …»", d.id));
        click(&mut h, &row);
        let title = d.title(Lang::En);
        assert!(!title.trim().is_empty());
        assert!(h.query_all_by_label_contains(title).next().is_some(), "{}: the detail is headed «{title}»", d.id);
    }
}

#[test]
fn every_event_and_stay_is_named_in_the_english_agenda() {
    let (_dir, mut h) = english_app();
    click(&mut h, i18n::EN.nav_calendar);
    click(&mut h, i18n::EN.view_agenda);
    let model: Model = h.state().model().clone();
    let mut month = start();
    let mut seen = 0;
    while month.year() <= 2017 {
        let next = month.checked_add_months(chrono::Months::new(1)).expect("next month");
        let to = next.pred_opt().expect("last day");
        for e in entries(&model, month, to, &Filters::default(), &HashSet::new()) {
            match e {
                Entry::Event { event, .. } => {
                    let title = event.title(Lang::En);
                    assert!(!title.trim().is_empty(), "{}: a title", event.id);
                    // A multi-day event is listed on each of its days.
                    let shown = h.query_all_by_label_contains(title).next().is_some();
                    assert!(shown, "{} in {month}: «{title}»", event.id);
                    seen += 1;
                }
                Entry::Stay { delegation, .. } => {
                    let city = delegation.counterpart(&model, Lang::En);
                    // The direction in a word: «incoming: Niigata — …», «outgoing: Niigata — …».
                    let word = match delegation.direction {
                        pobratim::model::Direction::Incoming => i18n::EN.dir_in,
                        pobratim::model::Direction::Outgoing => i18n::EN.dir_out,
                    };
                    let text = format!("{word}: {city} — {}", delegation.title(Lang::En));
                    assert!(!city.is_empty());
                    let shown = h.query_all_by_label_contains(&text).next().is_some();
                    assert!(shown, "{} in {month}: «{text}»", delegation.id);
                }
            }
        }
        click(&mut h, i18n::EN.next);
        month = next;
    }
    assert!(seen >= model.events.len(), "every event was looked for at least once: {seen}");
}
