//! Each check of DESIGN.md §3: one test where it fires and one where it must not.

use super::*;
use crate::model::delegation::{Member, ProgrammeItem, Role, Task, Travel, Visa, VisaStatus};
use crate::model::{City, CityStatus, Event, Passport, Person, Recurrence};
use chrono::NaiveTime;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn t(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

const TODAY: (i32, u32, u32) = (2026, 11, 27);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// A clean model: Khabarovsk, Niigata, one adult with a good passport, one planned
/// delegation from 01.03.2027 to 03.03.2027 with a full programme.
fn base() -> Model {
    let mut m = Model::default();
    m.cities.push(City { id: "khabarovsk".into(), status: CityStatus::Home, ..City::default() }.into());
    m.cities.push(City { id: "niigata".into(), status: CityStatus::Sister, ..City::default() }.into());
    m.people.push(
        Person {
            id: "ivanov".into(),
            full_name_ru: "Иванов Иван".into(),
            passport: Some(Passport { number: "721234567".into(), expires: Some(d(2030, 1, 1)) }),
            ..Person::default()
        }
        .into(),
    );
    m.people.push(Person { id: "sato".into(), full_name_ru: "Сато Юки".into(), ..Person::default() }.into());
    let programme = (1..=3)
        .map(|day| ProgrammeItem {
            date: d(2027, 3, day),
            start: t(10, 0),
            end: t(12, 0),
            activity: "Встреча".into(),
            interpreter: Some("sato".into()),
            ..ProgrammeItem::default()
        })
        .collect();
    m.delegations.push(
        Delegation {
            id: "del-a".into(),
            partner_city: Some("niigata".into()),
            status: DelegationStatus::Confirmed,
            arrival: Travel { date: d(2027, 3, 1), ..Travel::default() },
            departure: Travel { date: d(2027, 3, 3), ..Travel::default() },
            members: vec![Member { person: "ivanov".into(), role: Role::Head, precedence: 1, ..Member::default() }],
            programme,
            checklist: vec![Task {
                id: Default::default(),
                title: "Гостиница".into(),
                due: Some(d(2027, 2, 1)),
                done: false,
            }],
            ..Delegation::default()
        }
        .into(),
    );
    m.events.push(
        Event {
            id: "city-day".into(),
            title: "День города".into(),
            start_date: d(2016, 5, 29),
            end_date: d(2016, 5, 29),
            host_city: Some("khabarovsk".into()),
            recurrence: Some(Recurrence { rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU".into(), ..Recurrence::default() }),
            ..Event::default()
        }
        .into(),
    );
    m.normalise();
    m
}

fn run(f: impl Fn(&Model, &mut Vec<Finding>), m: &Model) -> Vec<Finding> {
    let mut out = Vec::new();
    f(m, &mut out);
    out
}

fn second_delegation(m: &mut Model, arrival: NaiveDate, departure: NaiveDate) -> &mut Delegation {
    let mut other = m.delegations[0].clone();
    other.id = "del-b".into();
    other.arrival.date = arrival;
    other.departure.date = departure;
    other.programme.clear();
    m.delegations.push(other);
    m.delegations.last_mut().expect("just pushed")
}

#[test]
fn base_model_is_clean() {
    let findings = run_checks(&base(), today());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn duplicate_ids_fire_and_not() {
    let mut m = base();
    assert!(run(check_duplicate_ids, &m).is_empty());
    m.people.push(m.people[0].clone());
    let f = run(check_duplicate_ids, &m);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message(Lang::Ru).contains("ivanov"));
}

#[test]
fn missing_references_fire_and_not() {
    let mut m = base();
    assert!(run(check_references, &m).is_empty());
    m.delegations[0].partner_city = Some("atlantis".into());
    m.delegations[0].members[0].person = "nobody".into();
    m.delegations[0].event = Some("no-event".into());
    m.events[0].partner_cities.push("el-dorado".into());
    let f = run(check_references, &m);
    let kinds: Vec<_> = f.iter().map(|x| x.kind.clone()).collect();
    assert!(kinds.contains(&FindingKind::MissingCity("atlantis".into())));
    assert!(kinds.contains(&FindingKind::MissingPerson("nobody".into())));
    assert!(kinds.contains(&FindingKind::MissingEvent("no-event".into())));
    assert!(kinds.contains(&FindingKind::MissingCity("el-dorado".into())));
    assert!(f.iter().any(|x| x.field == "members[0].person"));
}

#[test]
fn end_before_start_fires_and_not() {
    let mut m = base();
    assert!(run(check_end_before_start, &m).is_empty());
    m.events[0].end_date = d(2016, 5, 28);
    m.delegations[0].programme[0].end = t(9, 0);
    m.delegations[0].departure.date = d(2027, 2, 28);
    let f = run(check_end_before_start, &m);
    assert_eq!(f.len(), 3, "{f:#?}");
    assert!(f.iter().all(|x| x.kind == FindingKind::EndBeforeStart && x.severity == Severity::Error));
}

#[test]
fn invalid_rrule_fires_and_not() {
    let mut m = base();
    assert!(run(check_recurrence, &m).is_empty());
    if let Some(r) = m.events[0].recurrence.as_mut() {
        r.rrule = "FREQ=FORTNIGHTLY".into();
    }
    let f = run(check_recurrence, &m);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].field, "recurrence.rrule");
}

#[test]
fn double_booking_fires_on_overlap() {
    let mut m = base();
    second_delegation(&mut m, d(2027, 3, 2), d(2027, 3, 5));
    let f = run(check_double_booking, &m);
    assert_eq!(f.len(), 2, "one finding on each delegation: {f:#?}");
    assert!(f[0].message(Lang::Ru).contains("Иванов Иван"));
}

#[test]
fn double_booking_allows_changeover_day_and_separate_dates() {
    let mut m = base();
    second_delegation(&mut m, d(2027, 3, 3), d(2027, 3, 6));
    assert!(run(check_double_booking, &m).is_empty(), "leaving and joining on the same day is fine");
    m.delegations[1].arrival.date = d(2027, 4, 1);
    m.delegations[1].departure.date = d(2027, 4, 2);
    assert!(run(check_double_booking, &m).is_empty());
}

#[test]
fn programme_clash_fires_for_shared_interpreter() {
    let mut m = base();
    let other = second_delegation(&mut m, d(2027, 3, 1), d(2027, 3, 1));
    other.members.clear();
    other.programme.push(ProgrammeItem {
        date: d(2027, 3, 1),
        start: t(11, 0),
        end: t(13, 0),
        interpreter: Some("sato".into()),
        ..ProgrammeItem::default()
    });
    let f = run(check_programme_clashes, &m);
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(matches!(&f[0].kind, FindingKind::ProgrammeClash { person, .. } if person == "Сато Юки"));
}

#[test]
fn programme_clash_not_when_back_to_back() {
    let mut m = base();
    let other = second_delegation(&mut m, d(2027, 3, 1), d(2027, 3, 1));
    other.members.clear();
    other.programme.push(ProgrammeItem {
        date: d(2027, 3, 1),
        start: t(12, 0),
        end: t(13, 0),
        interpreter: Some("sato".into()),
        ..ProgrammeItem::default()
    });
    assert!(run(check_programme_clashes, &m).is_empty());
}

#[test]
fn passport_expiry_fires_within_six_months() {
    let mut m = base();
    assert!(run(check_passports, &m).is_empty());
    m.people[0].passport = Some(Passport { number: "1".into(), expires: Some(d(2027, 6, 1)) });
    let f = run(check_passports, &m);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    m.people[0].passport = Some(Passport { number: "1".into(), expires: Some(d(2027, 3, 2)) });
    let f = run(check_passports, &m);
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn passport_expiry_boundary_is_exactly_six_months() {
    let mut m = base();
    m.people[0].passport = Some(Passport { number: "1".into(), expires: Some(d(2027, 9, 3)) });
    assert!(run(check_passports, &m).is_empty());
    m.people[0].passport = Some(Passport { number: "1".into(), expires: Some(d(2027, 9, 2)) });
    assert_eq!(run(check_passports, &m).len(), 1);
}

#[test]
fn passport_not_checked_for_past_delegations() {
    let mut m = base();
    m.people[0].passport = Some(Passport { number: "1".into(), expires: Some(d(2027, 3, 2)) });
    m.delegations[0].status = DelegationStatus::Done;
    assert!(run(check_passports, &m).is_empty());
}

#[test]
fn visa_checks_fire_and_not() {
    let mut m = base();
    assert!(run(check_visas, &m).is_empty());
    m.delegations[0].members[0].visa = Visa { status: VisaStatus::Issued, valid_until: Some(d(2027, 3, 3)) };
    assert!(run(check_visas, &m).is_empty(), "valid through departure day");
    m.delegations[0].members[0].visa.valid_until = Some(d(2027, 3, 2));
    let f = run(check_visas, &m);
    assert!(matches!(f[0].kind, FindingKind::VisaEndsBeforeDeparture { .. }));
    m.delegations[0].members[0].visa = Visa { status: VisaStatus::Needed, valid_until: None };
    assert_eq!(run(check_visas, &m)[0].severity, Severity::Warning);
    m.delegations[0].members[0].visa.status = VisaStatus::Refused;
    assert_eq!(run(check_visas, &m)[0].severity, Severity::Error);
}

#[test]
fn minor_without_consent_fires_and_not() {
    let mut m = base();
    m.people[0].birth_date = Some(d(2012, 4, 1));
    let f = run(check_minor_consent, &m);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].field, "members[0].guardian_consent");
    m.delegations[0].members[0].guardian_consent = true;
    assert!(run(check_minor_consent, &m).is_empty());
    m.delegations[0].members[0].guardian_consent = false;
    m.people[0].birth_date = Some(d(2009, 3, 1)); // Turns 18 on arrival day.
    assert!(run(check_minor_consent, &m).is_empty());
}

#[test]
fn day_without_programme_fires_and_not() {
    let mut m = base();
    assert!(run(check_programme_days, &m).is_empty());
    m.delegations[0].programme.retain(|p| p.date != d(2027, 3, 2));
    let f = run(check_programme_days, &m);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, FindingKind::DayWithoutProgramme(d(2027, 3, 2)));
    assert!(f[0].message(Lang::Ru).starts_with("02.03.2027"));
}

#[test]
fn empty_programme_is_one_info_and_item_outside_stay_warns() {
    let mut m = base();
    let stray = ProgrammeItem { date: d(2027, 3, 9), ..m.delegations[0].programme[0].clone() };
    m.delegations[0].programme.push(stray);
    let f = run(check_programme_days, &m);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].kind, FindingKind::ItemOutsideStay(d(2027, 3, 9)));
    m.delegations[0].programme.clear();
    let f = run(check_programme_days, &m);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Info);
}

#[test]
fn overdue_task_fires_and_not() {
    let m = base();
    let mut out = Vec::new();
    check_overdue_tasks(&m, today(), &mut out);
    assert!(out.is_empty());
    check_overdue_tasks(&m, d(2027, 2, 2), &mut out);
    assert_eq!(out.len(), 1);
    assert!(out[0].message(Lang::En).contains("01.02.2027"));
    let mut done = m.clone();
    done.delegations[0].checklist[0].done = true;
    out.clear();
    check_overdue_tasks(&done, d(2027, 2, 2), &mut out);
    assert!(out.is_empty());
}

#[test]
fn status_not_updated_after_departure_fires_and_not() {
    let m = base(); // confirmed, 01.03.2027–03.03.2027
    let after = d(2027, 3, 4);
    let found = |m: &Model, today| {
        let mut out = Vec::new();
        check_status_not_updated(m, today, &mut out);
        out
    };
    assert!(found(&m, today()).is_empty(), "a visit still in the future");
    assert!(found(&m, d(2027, 3, 3)).is_empty(), "on the day of departure it is not late yet");
    let out = found(&m, after);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].severity, Severity::Info);
    assert_eq!(out[0].field, "status");
    assert!(out[0].message(Lang::Ru).starts_with("статус не обновлён"), "{}", out[0].message(Lang::Ru));
    assert!(out[0].message(Lang::En).starts_with("status not updated"));
    assert!(out[0].message(Lang::En).contains("03.03.2027"));
    let mut planned = m.clone();
    planned.delegations[0].status = DelegationStatus::Planned;
    assert_eq!(found(&planned, after).len(), 1, "planned fires too");
    assert_ne!(found(&planned, after)[0].message(Lang::Ru), out[0].message(Lang::Ru));
    for status in [DelegationStatus::Done, DelegationStatus::Cancelled, DelegationStatus::InProgress] {
        let mut other = m.clone();
        other.delegations[0].status = status;
        assert!(found(&other, after).is_empty(), "{status:?} is not a status left behind");
    }
    assert!(run_checks(&m, after).iter().any(|f| matches!(f.kind, FindingKind::StatusNotUpdated { .. })));
}

#[test]
fn every_finding_has_both_languages() {
    let mut m = base();
    m.people[0].birth_date = Some(d(2012, 4, 1));
    m.delegations[0].members[0].visa.status = VisaStatus::Refused;
    m.delegations[0].partner_city = Some("atlantis".into());
    let f = run_checks(&m, today());
    assert!(f.len() >= 3);
    for x in &f {
        assert_ne!(x.message(Lang::Ru), x.message(Lang::En));
        assert!(!x.message(Lang::Ru).is_empty());
    }
    // Sorted by severity: errors first.
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn venue_clash_fires_for_overlapping_events_and_not_for_separate_times() {
    let mut m = base();
    assert!(run(check_venue_clashes, &m).is_empty());
    let hall = |id: &str, day: u32, from: u32, to: u32| Event {
        id: id.into(),
        title: id.into(),
        venue: "Концертный зал «Дальневосточный»".into(),
        start_date: d(2027, 5, day),
        end_date: d(2027, 5, day),
        start_time: t(from, 0),
        end_time: t(to, 0),
        ..Event::default()
    };
    m.events.push(hall("concert-a", 10, 18, 20).into());
    m.events.push(hall("concert-b", 10, 20, 22).into());
    m.normalise();
    assert!(run(check_venue_clashes, &m).is_empty(), "back to back is fine");
    m.events.push(hall("concert-c", 10, 19, 21).into());
    m.normalise();
    let f = run(check_venue_clashes, &m);
    assert_eq!(f.len(), 4, "c clashes with a and with b, one finding on each side: {f:#?}");
    assert!(f[0].message(Lang::Ru).contains("Дальневосточный"));
}

#[test]
fn a_venue_that_names_only_a_city_is_no_clash() {
    let mut m = base();
    m.cities.push(
        City {
            id: "khabarovsk".into(), name_ru: "Хабаровск".into(), country_ru: "Россия".into(), ..City::default()
        }
        .into(),
    );
    let in_town = |id: &str, venue: &str| Event {
        id: id.into(),
        title: id.into(),
        venue: venue.into(),
        start_date: d(2016, 10, 12),
        end_date: d(2016, 10, 13),
        ..Event::default()
    };
    m.events.push(in_town("committee", "г. Хабаровск").into());
    m.events.push(in_town("conference", "г. Хабаровск, Россия").into());
    m.normalise();
    assert!(run(check_venue_clashes, &m).is_empty(), "two events in one city at once");
    m.events.push(in_town("hall-a", "Администрация г. Хабаровска").into());
    m.events.push(in_town("hall-b", "администрация г. Хабаровска").into());
    m.normalise();
    assert_eq!(run(check_venue_clashes, &m).len(), 2, "a real venue still clashes");
}

#[test]
fn venue_clash_with_a_recurring_event() {
    let mut m = base();
    m.events[0].venue = "Площадь Ленина".into();
    m.events.push(
        Event {
            id: "fair".into(),
            venue: "площадь ленина ".into(),
            start_date: d(2018, 5, 27),
            end_date: d(2018, 5, 27),
            ..Event::default()
        }
        .into(),
    );
    m.normalise();
    let f = run(check_venue_clashes, &m);
    assert_eq!(f.len(), 2, "City Day 2018 falls on 27.05 at the same square: {f:#?}");
}

#[test]
fn repeated_gift_to_the_same_partner_warns() {
    let mut m = base();
    m.delegations[0].gifts.push(crate::model::Gift {
        id: Default::default(),
        item: "Альбом «Хабаровск»".into(),
        recipient: "Мэр".into(),
        quantity: 1,
    });
    assert!(run(check_repeated_gifts, &m).is_empty());
    let later = second_delegation(&mut m, d(2028, 3, 1), d(2028, 3, 2));
    later.gifts.clear();
    later.gifts.push(crate::model::Gift {
        id: Default::default(),
        item: "альбом «хабаровск» ".into(),
        recipient: "Вице-мэр".into(),
        quantity: 2,
    });
    let f = run(check_repeated_gifts, &m);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subject, RecordId::Delegation("del-b".into()));
    assert_eq!(f[0].field, "gifts[0]");
    later_city(&mut m);
    assert!(run(check_repeated_gifts, &m).is_empty(), "another partner city may get the same gift");
}

fn later_city(m: &mut Model) {
    if let Some(d) = m.delegations.iter_mut().find(|d| d.id.as_str() == "del-b") {
        d.partner_city = Some("khabarovsk".into());
    }
}

#[test]
fn checks_on_two_threads_give_the_same_list_as_one_after_another() {
    // One generated year is over the threshold, so run_checks splits the work.
    let m = crate::synth::generate(1, 11);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let mut sequential = Vec::new();
    check_duplicate_ids(&m, &mut sequential);
    check_end_before_start(&m, &mut sequential);
    check_recurrence(&m, &mut sequential);
    check_double_booking(&m, &mut sequential);
    check_programme_clashes(&m, &mut sequential);
    check_references(&m, &mut sequential);
    check_venue_clashes(&m, &mut sequential);
    check_passports(&m, &mut sequential);
    check_visas(&m, &mut sequential);
    check_minor_consent(&m, &mut sequential);
    check_head_of_delegation(&m, &mut sequential);
    check_programme_days(&m, &mut sequential);
    check_overdue_tasks(&m, today, &mut sequential);
    check_status_not_updated(&m, today, &mut sequential);
    check_repeated_gifts(&m, &mut sequential);
    check_figures(&m, &mut sequential);
    sequential.sort_by(|a, b| (a.severity, &a.subject).cmp(&(b.severity, &b.subject)));
    let parallel = run_checks(&m, today);
    assert!(!parallel.is_empty());
    assert_eq!(parallel, sequential);
}

#[test]
fn exactly_one_home_city_is_expected() {
    let city = |id: &str, status| City { id: id.into(), name_ru: id.into(), status, ..City::default() };
    let homes = |m: &Model| {
        let mut out = Vec::new();
        check_home_city(m, &mut out);
        out.iter()
            .map(|f| match f.kind {
                FindingKind::HomeCity { count } => (f.subject.to_string(), count),
                _ => (String::new(), usize::MAX),
            })
            .collect::<Vec<_>>()
    };
    let mut m = Model::default();
    assert!(homes(&m).is_empty(), "an empty folder is not flagged");
    m.cities.push(city("niigata", CityStatus::Sister).into());
    assert_eq!(homes(&m), vec![("niigata".to_owned(), 0)], "no home city");
    m.cities.push(city("khabarovsk", CityStatus::Home).into());
    assert!(homes(&m).is_empty(), "one home city is right");
    m.cities.push(city("vladivostok", CityStatus::Home).into());
    assert_eq!(homes(&m), vec![("vladivostok".to_owned(), 2)], "two home cities");
    let f = Finding::new(Severity::Warning, RecordId::City("x".into()), "status", FindingKind::HomeCity { count: 0 });
    assert!(f.message(Lang::Ru).contains("ни один город"));
    assert!(f.message(Lang::En).contains("no city is marked as home"));
}

#[test]
fn a_visit_needs_exactly_one_head_of_delegation() {
    let heads = |m: &Model| {
        run(check_head_of_delegation, m)
            .iter()
            .map(|f| match f.kind {
                FindingKind::HeadOfDelegation { count } => (f.severity, f.field.clone(), count),
                _ => (Severity::Info, String::new(), usize::MAX),
            })
            .collect::<Vec<_>>()
    };
    let mut m = base();
    assert!(heads(&m).is_empty(), "one head is right");
    // The first by precedence is an ordinary member: no head, whatever the precedence.
    m.delegations[0].members[0].role = Role::Member;
    assert_eq!(heads(&m), vec![(Severity::Warning, "members".to_owned(), 0)], "no head");
    m.delegations[0].members[0].role = Role::Head;
    m.delegations[0].members.push(Member {
        person: "sato".into(),
        role: Role::Head,
        precedence: 2,
        ..Member::default()
    });
    assert_eq!(heads(&m), vec![(Severity::Warning, "members".to_owned(), 2)], "two heads");
    for status in [DelegationStatus::Done, DelegationStatus::Cancelled] {
        m.delegations[0].status = status;
        assert!(heads(&m).is_empty(), "{status:?} visits are history");
    }
    m.delegations[0].status = DelegationStatus::Planned;
    m.delegations[0].members.clear();
    assert!(heads(&m).is_empty(), "an empty roster is not flagged");
    let f = |count| {
        Finding::new(
            Severity::Warning,
            RecordId::Delegation("del-a".into()),
            "members",
            FindingKind::HeadOfDelegation { count },
        )
    };
    assert!(f(0).message(Lang::Ru).contains("нет руководителя"));
    assert!(f(0).message(Lang::En).contains("not appointed"));
    assert!(f(2).message(Lang::Ru).contains("руководителей делегации в составе: 2"));
    assert!(f(2).message(Lang::En).contains("2 members are head"));
}
