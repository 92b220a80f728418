//! Record ids are for files, references and the command line, never for the user: a walk
//! through every panel, every tab of a delegation, the record cards and the edit forms finds
//! no id of the sample data in any AccessKit label, value or description; and a record made
//! through a form gets its id from its title, without the user typing one.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pobratim::App;
use pobratim::model::Lang;
use pobratim::model::ids::is_valid_slug;
use pobratim::store::sample;
use pobratim::ui::i18n;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;

fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    dir
}

/// The day `tests/ui.rs` is written against.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

fn harness(dir: &Path) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(16)
        .build_eframe(move |_cc| App::open_at(&dir, today()).expect("open app"));
    h.run();
    h
}

/// Clicks the first widget labelled `label` and lets the app settle.
fn click(h: &mut Harness<'_, App>, label: &str) {
    h.query_all_by_label(label).next().unwrap_or_else(|| panic!("no widget labelled «{label}»")).click();
    settle(h);
}

/// Clicks the first widget whose label contains `part`.
fn click_containing(h: &mut Harness<'_, App>, part: &str) {
    h.query_all_by_label_contains(part).next().unwrap_or_else(|| panic!("no widget with «{part}»")).click();
    settle(h);
}

/// Runs the app until nothing is under way in the background (at most 30 s).
fn settle(h: &mut Harness<'_, App>) {
    h.run();
    let start = Instant::now();
    while h.state().is_busy() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
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

/// Every id of the sample data: cities, people, events and delegations.
fn all_ids(h: &Harness<'_, App>) -> Vec<String> {
    let m = h.state().model();
    let mut ids: Vec<String> = m.cities.iter().map(|c| c.id.to_string()).collect();
    ids.extend(m.people.iter().map(|p| p.id.to_string()));
    ids.extend(m.events.iter().map(|e| e.id.to_string()));
    ids.extend(m.delegations.iter().map(|d| d.id.to_string()));
    ids
}

/// Whether `id` occurs in `text` as a whole word: not next to a letter, digit or `-`.
fn contains_word(text: &str, id: &str) -> bool {
    let inside = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    text.match_indices(id)
        .any(|(at, _)| !inside(text[..at].chars().next_back()) && !inside(text[at + id.len()..].chars().next()))
}

/// Every label, value and description in the AccessKit tree now.
fn texts(h: &Harness<'_, App>) -> Vec<String> {
    let mut out = Vec::new();
    for node in h.root().children_recursive() {
        let n = node.accesskit_node();
        out.extend(n.label());
        out.extend(n.value());
        out.extend(n.description());
    }
    out
}

/// The ids seen at the stop `stop`, as «stop: id in "text"».
fn leaks(h: &Harness<'_, App>, ids: &[String], stop: &str) -> Vec<String> {
    let mut found = Vec::new();
    let all = texts(h);
    assert!(all.len() > 30, "{stop}: the tree is read ({} texts)", all.len());
    for text in all {
        for id in ids.iter().filter(|id| contains_word(&text, id)) {
            found.push(format!("{stop}: «{id}» in {text:?}"));
        }
    }
    found
}

#[test]
fn whole_words_only() {
    assert!(contains_word("see niigata here", "niigata"));
    assert!(contains_word("(niigata)", "niigata"));
    assert!(!contains_word("niigata-2", "niigata"));
    assert!(!contains_word("Niigata", "niigata"));
    assert!(!contains_word("del-2016-niigata", "niigata"));
}

/// Walks the panels, tabs, cards and forms, collecting every id shown.
fn walk(h: &mut Harness<'_, App>, lang: Lang) -> Vec<String> {
    let t = i18n::texts(lang);
    let ids = all_ids(h);
    let mut found = leaks(h, &ids, "start");
    let mut stop = |h: &mut Harness<'_, App>, name: &str| found.extend(leaks(h, &ids, name));

    click(h, t.nav_cities);
    stop(h, "cities");
    let niigata = h.state().model().city(&"niigata".into()).expect("niigata").name(lang).to_owned();
    click_containing(h, &format!("{niigata}  "));
    stop(h, "city card");
    click(h, t.edit);
    stop(h, "city form");
    click(h, t.cancel);

    click(h, t.nav_calendar);
    for view in [t.view_month, t.view_week, t.view_agenda, t.view_year] {
        click(h, view);
        stop(h, view);
    }
    click(h, t.view_month);
    click(h, t.new_event);
    stop(h, "new event form");
    click(h, t.cancel);

    click(h, t.nav_delegations);
    stop(h, "ledger");
    click_containing(h, "01.05–11.05.2016");
    for tab in [t.tab_overview, t.tab_roster, t.tab_programme, t.tab_checklist, t.tab_gifts, t.tab_findings] {
        click_containing(h, tab);
        stop(h, tab);
    }
    click_containing(h, t.tab_overview);
    click(h, t.edit);
    stop(h, "delegation form");
    click(h, t.cancel);
    click(h, t.new_delegation);
    stop(h, "new delegation form");
    click(h, t.cancel);

    click(h, t.nav_people);
    stop(h, "people");
    let person = h.state().model().people.iter().find(|p| !p.staff).cloned().expect("a guest");
    click_containing(h, person.name(lang));
    stop(h, "person card");
    click(h, t.edit);
    stop(h, "person form");
    click(h, t.cancel);
    click(h, &format!("+ {}", t.new_person));
    stop(h, "new person form");
    click(h, t.cancel);

    click(h, t.nav_tourism);
    for tab in [t.tab_figures, t.tab_charts, t.tab_report] {
        click(h, tab);
        stop(h, tab);
    }
    found
}

#[test]
fn no_record_id_is_shown_in_russian() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let found = walk(&mut h, Lang::Ru);
    assert!(found.is_empty(), "ids shown to the user:\n{}", found.join("\n"));
}

#[test]
fn no_record_id_is_shown_in_english() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    click(&mut h, "English");
    let found = walk(&mut h, Lang::En);
    assert!(found.is_empty(), "ids shown to the user:\n{}", found.join("\n"));
}

#[test]
fn a_new_city_gets_its_id_from_its_russian_name() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_cities);
    click(&mut h, &format!("+ {}", t.new_city));
    assert!(h.query_by_label(t.f_id).is_none(), "no id field");
    replace_text(&mut h, t.f_name_ru, "Кусиро");
    click(&mut h, t.apply);
    let city = h.state().model().cities.iter().find(|c| c.name_ru == "Кусиро").cloned().expect("the city was added");
    assert!(is_valid_slug(city.id.as_str()) && city.id.as_str().starts_with("kusiro-"), "{}", city.id);
}

#[test]
fn a_new_delegation_gets_its_id_from_its_title_and_arrival() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_delegations);
    click(&mut h, t.new_delegation);
    assert!(h.query_by_label(t.f_id).is_none(), "no id field");
    replace_text(&mut h, t.f_title_ru, "Детская делегация г. Ниигаты");
    replace_text(&mut h, t.f_arrival_date, "03.05.2027");
    replace_text(&mut h, t.f_departure_date, "07.05.2027");
    click(&mut h, t.apply);
    let model = h.state().model();
    let d = model.delegations.iter().find(|d| d.title.ru_text() == "Детская делегация г. Ниигаты").expect("added");
    assert!(d.id.as_str().starts_with("2027-05-03-detskaya-delegaciya-g-niigaty-"), "{}", d.id);
    assert!(is_valid_slug(d.id.as_str()));
}
