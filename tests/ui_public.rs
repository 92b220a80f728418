//! Issue 20 in the app, driven by labels as a user would: a roster column the import does
//! not know is mapped by hand in the preview; the year view counts the public calendar
//! against its target and lists the events without a public description; a visit may be
//! with another party instead of a partner city.

#[path = "common/kit.rs"]
mod kit;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use kit::*;
use pobratim::App;
use pobratim::model::{DelegationId, EventId, Lodging};
use pobratim::ui::dialogs::FixedDialogs;
use pobratim::ui::i18n;
use std::path::Path;

use eframe::egui;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rosters").join(name)
}

fn open_delegation(h: &mut Harness<'_, App>, row: &str) {
    let t = &i18n::RU;
    click(h, t.nav_delegations);
    click_containing(h, row);
    h.query_all_by_label_contains(&format!("{} (", t.tab_roster)).next().expect("the roster tab").click();
    h.run();
}

#[test]
fn an_unknown_roster_column_is_mapped_by_hand_in_the_preview_and_imported() {
    let t = &i18n::RU;
    let dir = sample_folder();
    let dialogs = FixedDialogs::new(None, Some(fixture("niigata-utf8.csv")));
    let mut h = harness_with(dir.path(), day(2017, 6, 1), [1280.0, 800.0], Box::new(dialogs));
    open_delegation(&mut h, "23.08–26.08.2017");
    click(&mut h, t.import_roster);
    assert!(h.query_by_label(t.roster_preview).is_some(), "the preview is open");
    // The columns are listed with what they fill; «Пол» is said not to be kept.
    assert!(h.query_by_label("«Room»").is_some());
    assert!(h.query_by_label("«Sex»").is_some());
    assert!(h.query_all_by_label(t.roster_not_kept).count() >= 2, "Sex and Nationality");
    // Room is not recognised: its list says so; choose «гостиница».
    let combo = h.get_by_role_and_label(Role::ComboBox, "«Room»");
    assert_eq!(combo.value().as_deref(), Some(t.roster_unknown), "the list says it is not recognised");
    combo.click();
    h.run();
    // The list scrolls: bring the field into view, as the user would, then choose it.
    h.query_all_by_label("гостиница").last().expect("the hotel field in the list").scroll_to_me();
    h.run();
    h.query_all_by_label("гостиница").last().expect("the hotel field in the list").click();
    h.run();
    let values: Vec<String> = h.query_all_by_role(Role::ComboBox).filter_map(|n| n.value()).collect();
    assert!(!values.iter().any(|v| v == t.roster_unknown), "no column is left unrecognised: {values:?}");
    click(&mut h, t.import_do);
    let d = h.state().model().delegation(&DelegationId::new("del-2017-08-niigata-mayors")).expect("visit").clone();
    let hotels: Vec<Lodging> = d.members.iter().map(|m| m.lodging.clone()).collect();
    assert!(hotels.contains(&Lodging::Hotel("Hotel Sapporo 512".into())), "{hotels:?}");
    let people: Vec<String> =
        d.members.iter().filter_map(|m| h.state().model().person(&m.person)).map(|p| p.latin_name.clone()).collect();
    assert!(people.contains(&"TANAKA HIROSHI".to_owned()), "{people:?}");
}

#[test]
fn the_year_view_counts_the_public_calendar_against_its_target_and_lists_what_lacks_a_description() {
    let t = &i18n::RU;
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2017, 1, 10), [1024.0, 700.0], Box::new(FixedDialogs::new(None, None)));
    click(&mut h, t.nav_calendar);
    click(&mut h, t.view_year);
    let public = pobratim::model::public::public_items(h.state().model(), 2017).len();
    assert!(public >= 6, "{public}");
    let status = format!("{public} {} 35", t.public_target_of);
    assert!(h.query_by_label(&status).is_some(), "«{status}» beside the target");
    assert!(h.query_by_label_contains(t.public_lacking).is_none(), "every sample event has its description");
    // Take Victory Day's public description away: it is listed, and opens its form.
    let mut e = h.state().model().event(&EventId::new("victory-day")).expect("Victory Day").clone();
    e.public_description = pobratim::model::Text::new();
    h.state_mut().apply(pobratim::command::Command::put(pobratim::command::Record::Event(e)));
    h.run();
    assert!(h.query_by_label(&format!("{}: 1", t.public_lacking)).is_some());
    click(&mut h, "День Победы");
    assert!(h.query_by_label(t.f_public_description_ru).is_some(), "the event's form, at its public description");
    assert!(h.query_by_label(t.f_description).is_some(), "and the department's notes apart");
}

#[test]
fn a_visit_with_another_party_needs_its_name_and_shows_it_in_the_ledger() {
    let t = &i18n::RU;
    let dir = sample_folder();
    let mut h = harness_with(dir.path(), day(2016, 8, 20), [1280.0, 800.0], Box::new(FixedDialogs::new(None, None)));
    click(&mut h, t.nav_delegations);
    // The Shanxi business delegation is with the province, not with Harbin.
    assert!(h.query_by_label_contains("Провинция Шаньси (КНР)").is_some(), "the ledger names the other party");
    click(&mut h, t.new_delegation);
    h.get_by_role_and_label(Role::TextInput, t.f_title_ru).click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, t.f_title_ru).type_text("Визит JATA");
    h.run();
    h.get_by_role_and_label(Role::ComboBox, t.f_partner_city).click();
    h.run();
    h.query_all_by_label(t.no_partner_city).last().expect("«нет» in the list").click();
    h.run();
    assert!(h.query_by_label(t.err_no_counterpart).is_some(), "a visit is with someone");
    h.get_by_role_and_label(Role::TextInput, t.f_other_party).click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, t.f_other_party).type_text("JATA");
    h.run();
    assert!(h.query_by_label(t.err_no_counterpart).is_none());
    click(&mut h, t.apply);
    let d =
        h.state().model().delegations.iter().find(|d| d.title.ru_text() == "Визит JATA").expect("added").to_record();
    assert_eq!((d.partner_city, d.other_party.as_str()), (None, "JATA"));
}
