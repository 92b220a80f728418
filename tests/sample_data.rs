//! The bundled sample data: it loads, `check` finds no errors in it, it is in the exact
//! format the app saves, and it says what the department's report says.
//!
//! After changing the model's serialisation, rewrite the files in canonical form with
//! `UPDATE_SAMPLE_DATA=1 cargo test --test sample_data`.

use chrono::NaiveDate;
use pobratim::model::*;
use pobratim::store::{OpenMode, Workspace, data_files, serialize_file};
use std::path::Path;

fn sample() -> (Workspace, Model) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    Workspace::open(&dir, OpenMode::ReadOnly).expect("open sample_data")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

#[test]
fn every_sample_file_loads() {
    let (ws, model) = sample();
    assert!(ws.load_errors().is_empty(), "{:#?}", ws.load_errors());
    assert!(!model.cities.is_empty() && !model.people.is_empty());
    assert!(!model.events.is_empty() && !model.delegations.is_empty() && !model.figures.is_empty());
}

#[test]
fn check_reports_no_errors_on_sample() {
    let (_, model) = sample();
    let findings = run_checks(&model, d(2026, 11, 27));
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{:?}: {}", f.subject, f.message(Lang::Ru)))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sample_files_are_in_canonical_saved_form() {
    let (ws, model) = sample();
    let update = std::env::var_os("UPDATE_SAMPLE_DATA").is_some();
    for f in data_files(&model) {
        let path = ws.dir().join(f.relative_path());
        let canonical = serialize_file(&model, f);
        if update {
            pobratim::store::atomic::write_atomic(&path, canonical.as_bytes(), false).expect("rewrite sample");
            continue;
        }
        let on_disk = std::fs::read_to_string(&path).expect("read");
        assert!(
            on_disk == canonical,
            "{} is not in saved form; run UPDATE_SAMPLE_DATA=1 cargo test --test sample_data",
            path.display()
        );
    }
}

#[test]
fn six_sister_and_twelve_friendly_cities_with_native_names() {
    let (_, model) = sample();
    let count = |s| model.cities.iter().filter(|c| c.status == s).count();
    assert_eq!(count(CityStatus::Sister), 6);
    assert_eq!(count(CityStatus::Friendly), 12);
    assert_eq!(count(CityStatus::Home), 1);
    let native = |id: &str| model.city(&CityId::new(id)).map(|c| c.name_native.clone()).unwrap_or_default();
    assert_eq!(native("niigata"), "新潟");
    assert_eq!(native("harbin"), "哈尔滨");
    assert_eq!(native("bucheon"), "부천");
    for id in ["sanya", "portland", "victoria"] {
        assert_eq!(model.city(&CityId::new(id)).map(|c| c.status), Some(CityStatus::Sister), "{id}");
    }
    let niigata = model.city(&CityId::new("niigata")).expect("niigata");
    assert_eq!(niigata.anniversary_in(2016).map(|a| a.years), Some(51));
    assert_eq!(niigata.time_zone, chrono_tz::Asia::Tokyo);
    assert_eq!(model.home_city().map(|c| c.time_zone), Some(chrono_tz::Asia::Vladivostok));
}

#[test]
fn figures_match_the_report() {
    let (_, model) = sample();
    let y2015 = model.figures_for(2015).expect("2015");
    let y2016 = model.figures_for(2016).expect("2016");
    assert_eq!(y2015.foreign_tourists, Some(17_186));
    assert_eq!(y2016.foreign_tourists, Some(20_161));
    assert_eq!(y2016.delegations_received, Some(40));
    assert_eq!(y2016.delegations_sent, Some(42));
    assert_eq!(y2016.tourist_change_percent(y2015).map(|p| format!("{p:.1}")), Some("17.3".into()));
}

fn delegations_in<'a>(
    model: &'a Model,
    year: i32,
    month: u32,
    partner: &str,
    direction: Direction,
) -> Vec<&'a Delegation> {
    model
        .delegations
        .iter()
        .filter(|d| {
            d.partner_city.as_str() == partner
                && d.direction == direction
                && d.arrival.date.format("%Y-%m").to_string() == format!("{year}-{month:02}")
        })
        .collect()
}

#[test]
fn delegations_the_report_names_are_there_in_their_months() {
    let (_, model) = sample();
    let harbin_june = delegations_in(&model, 2016, 6, "harbin", Direction::Outgoing);
    assert!(harbin_june.iter().any(|d| d.participant_count() == 50), "50 schoolchildren to Harbin in June 2016");
    assert!(
        !delegations_in(&model, 2016, 8, "niigata", Direction::Incoming).is_empty(),
        "Niigata children, August 2016"
    );
    assert!(
        delegations_in(&model, 2016, 8, "niigata", Direction::Outgoing)
            .iter()
            .any(|d| d.title.ru_text().contains("Хабатаке")),
        "Хабатаке-21, August 2016"
    );
    let portland_may = delegations_in(&model, 2016, 5, "portland", Direction::Incoming);
    assert!(
        portland_may.iter().any(|d| d.kind == DelegationKind::School && d.participant_count() == 5),
        "4 students and a teacher"
    );
    assert!(
        !delegations_in(&model, 2016, 10, "portland", Direction::Outgoing).is_empty(),
        "return visit, October 2016"
    );
    assert!(
        !delegations_in(&model, 2016, 9, "bucheon", Direction::Incoming).is_empty(),
        "Sejong clinic doctors, September 2016"
    );
    assert!(
        !delegations_in(&model, 2016, 12, "bucheon", Direction::Outgoing).is_empty(),
        "3 operations, December 2016"
    );
    assert!(!delegations_in(&model, 2016, 10, "harbin", Direction::Incoming).is_empty(), "Seventh committee meeting");
    assert!(
        !delegations_in(&model, 2017, 8, "niigata", Direction::Outgoing).is_empty(),
        "XXVI mayors' meeting, August 2017"
    );
}

#[test]
fn recurring_festivals_and_the_rotating_conference() {
    let (_, model) = sample();
    let conf = model
        .events
        .iter()
        .find(|e| {
            e.category == EventCategory::Ecology && e.recurrence.as_ref().is_some_and(|r| r.host_rotation.len() == 3)
        })
        .expect("the trilateral ecology conference rotates between three hosts");
    let occ = conf.occurrences_between(d(2016, 1, 1), d(2018, 12, 31)).expect("expand");
    let hosts: Vec<&str> = occ.iter().filter_map(|o| o.host.as_ref().map(|h| h.as_str())).collect();
    assert_eq!(hosts, ["khabarovsk", "niigata", "harbin"]);
    assert_eq!(occ[0].start_date.format("%Y-%m").to_string(), "2016-10");

    let city_day = model.events.iter().find(|e| e.title.ru_text().contains("День города")).expect("City Day");
    assert!(city_day.recurrence.is_some(), "City Day recurs");
    let may_2017 = city_day.occurrences_between(d(2017, 5, 1), d(2017, 5, 31)).expect("expand");
    assert_eq!(may_2017.len(), 1, "the 159th City Day in May 2017");
    assert!(model.events.iter().any(|e| e.title.ru_text().contains("Харбинское лето") && e.recurrence.is_some()));
    assert!(model.events.iter().any(|e| e.title.ru_text().to_lowercase().contains("ледов") && e.recurrence.is_some()));
}

#[test]
fn portland_exchange_has_a_complete_programme() {
    let (_, model) = sample();
    let del = delegations_in(&model, 2016, 5, "portland", Direction::Incoming)
        .into_iter()
        .find(|d| d.kind == DelegationKind::School)
        .expect("Portland school exchange");
    let days = del.each_day().count();
    assert!(days >= 3);
    for day in del.each_day() {
        assert!(del.programme.iter().any(|p| p.date == day), "{day} has programme items");
    }
    assert!(del.members.iter().any(|m| matches!(m.lodging, Lodging::HostFamily(_))), "they lived with host families");
}

#[test]
fn example_people_are_marked_fictional() {
    let (_, model) = sample();
    for p in &model.people {
        assert!(p.notes.contains("Вымышленн"), "{} must be marked as a fictional example", p.id);
    }
}
