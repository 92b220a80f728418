//! Tests of the overview's sections.

use super::*;
use crate::model::{City, PartialDate, ProgrammeItem, Task, Travel, YearFigures};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn visit(id: &str, city: &str, dir: Direction, from: NaiveDate, to: NaiveDate) -> Delegation {
    Delegation {
        id: DelegationId::new(id),
        partner_city: Some(CityId::new(city)),
        direction: dir,
        title: crate::model::Text::ru(id),
        arrival: Travel { date: from, ..Travel::default() },
        departure: Travel { date: to, ..Travel::default() },
        ..Delegation::default()
    }
}

fn model() -> Model {
    let mut m = Model::default();
    for (id, status, since) in [
        ("niigata", CityStatus::Sister, Some(PartialDate::full(d(1965, 4, 23)))),
        ("portland", CityStatus::Sister, Some(PartialDate::full(d(1988, 6, 10)))),
        ("bucheon", CityStatus::Sister, Some(PartialDate::year(2002))),
        ("khabarovsk", CityStatus::Home, None),
    ] {
        m.cities.push(
            City {
                id: CityId::new(id),
                name_ru: id.into(),
                status,
                since,
                time_zone: if id == "niigata" { chrono_tz::Asia::Tokyo } else { chrono_tz::Asia::Vladivostok },
                ..City::default()
            }
            .into(),
        );
    }
    m.figures.push(YearFigures { year: 2015, foreign_tourists: Some(17_186), ..YearFigures::default() });
    m.normalise();
    m
}

const HOME: Tz = chrono_tz::Asia::Vladivostok;

#[test]
fn visits_ahead_are_those_under_way_or_arriving_within_the_days() {
    let mut m = model();
    m.delegations = vec![
        visit("a-under-way", "niigata", Direction::Incoming, d(2016, 5, 1), d(2016, 5, 11)).into(),
        visit("b-in-30-days", "portland", Direction::Outgoing, d(2016, 6, 8), d(2016, 6, 12)).into(),
        visit("c-in-90-days", "portland", Direction::Outgoing, d(2016, 8, 7), d(2016, 8, 12)).into(),
        visit("d-past", "niigata", Direction::Incoming, d(2016, 4, 1), d(2016, 4, 3)).into(),
    ];
    let mut cancelled = visit("e-cancelled", "niigata", Direction::Incoming, d(2016, 5, 20), d(2016, 5, 22));
    cancelled.status = DelegationStatus::Cancelled;
    m.delegations.push(cancelled.into());
    let o = overview(&m, d(2016, 5, 9), DEFAULT_DAYS, HOME, Lang::Ru);
    let ids: Vec<&str> = o.visits.iter().map(|v| v.delegation.as_str()).collect();
    assert_eq!(ids, ["a-under-way", "b-in-30-days"]);
    assert!(o.visits[0].under_way && !o.visits[1].under_way);
    assert_eq!(o.last_visit, None);
    let wide = overview(&m, d(2016, 5, 9), 120, HOME, Lang::Ru);
    assert_eq!(wide.visits.len(), 3);
    let none = overview(&m, d(2017, 1, 1), DEFAULT_DAYS, HOME, Lang::Ru);
    assert!(none.visits.is_empty());
    assert_eq!(none.last_visit.map(|l| l.0), Some(DelegationId::new("c-in-90-days")));
}

#[test]
fn tasks_overdue_and_due_within_the_week_only() {
    let mut m = model();
    let mut v = visit("v", "niigata", Direction::Incoming, d(2016, 6, 1), d(2016, 6, 3));
    v.checklist = vec![
        Task { id: Default::default(), title: "late".into(), due: Some(d(2016, 5, 1)), done: false },
        Task { id: Default::default(), title: "done".into(), due: Some(d(2016, 5, 1)), done: true },
        Task { id: Default::default(), title: "in-6-days".into(), due: Some(d(2016, 5, 15)), done: false },
        Task { id: Default::default(), title: "in-7-days".into(), due: Some(d(2016, 5, 16)), done: false },
        Task { id: Default::default(), title: "no-date".into(), due: None, done: false },
    ];
    m.delegations.push(v.into());
    let t = tasks_due(&m, d(2016, 5, 9), Lang::Ru);
    let titles: Vec<(&str, bool)> = t.iter().map(|t| (t.title.as_str(), t.overdue)).collect();
    assert_eq!(titles, [("late", true), ("in-6-days", false)]);
}

#[test]
fn anniversaries_within_twelve_months_round_ones_marked() {
    let m = model();
    let a = anniversaries(&m, d(2016, 5, 9), Lang::Ru);
    let got: Vec<(&str, i32, bool)> = a.iter().map(|a| (a.city.as_str(), a.years, a.round)).collect();
    // Portland 10.06.2016 (28th), Bucheon 2016 by year (14th), Niigata 23.04.2017 (52nd);
    // Niigata's 51st (23.04.2016) has passed.
    assert_eq!(got, [("portland", 28, false), ("bucheon", 14, false), ("niigata", 52, false)]);
    let round = anniversaries(&m, d(2019, 12, 1), Lang::Ru);
    assert!(round.iter().any(|a| a.city.as_str() == "niigata" && a.years == 55 && a.round));
    let bucheon: Vec<i32> = round.iter().filter(|a| a.city.as_str() == "bucheon").map(|a| a.years).collect();
    assert_eq!(bucheon, [17], "a twinning known by its year shows in that year only");
}

#[test]
fn partners_gone_quiet_and_one_sided() {
    let mut m = model();
    m.delegations = vec![visit("old", "bucheon", Direction::Incoming, d(2013, 5, 1), d(2013, 5, 3)).into()];
    for i in 0..4 {
        m.delegations
            .push(visit(&format!("n{i}"), "niigata", Direction::Incoming, d(2015, 3, 1 + i), d(2015, 3, 2 + i)).into());
    }
    m.delegations.push(visit("p", "portland", Direction::Outgoing, d(2016, 1, 10), d(2016, 1, 12)).into());
    let q = quiet(&m, d(2016, 5, 9), Lang::Ru);
    assert!(q.contains(&Quiet::Silent {
        city: CityId::new("bucheon"),
        name: "bucheon".into(),
        last: Some(d(2013, 5, 1))
    }));
    assert!(q.contains(&Quiet::Lopsided {
        city: CityId::new("niigata"),
        name: "niigata".into(),
        received: 4,
        sent: 0
    }));
    assert_eq!(q.len(), 2, "Portland had a visit and is balanced within 3: {q:?}");
    // Three more received than sent is one-sided; two more is not.
    m.delegations.push(visit("n-out1", "niigata", Direction::Outgoing, d(2016, 2, 1), d(2016, 2, 3)).into());
    assert_eq!(quiet(&m, d(2016, 5, 9), Lang::Ru).len(), 2);
    m.delegations.push(visit("n-out2", "niigata", Direction::Outgoing, d(2016, 3, 1), d(2016, 3, 3)).into());
    assert_eq!(quiet(&m, d(2016, 5, 9), Lang::Ru).len(), 1);
}

#[test]
fn stale_visits_figures_and_public_events() {
    let mut m = model();
    m.delegations = vec![visit("late", "niigata", Direction::Incoming, d(2016, 4, 1), d(2016, 4, 3)).into()];
    let s = stale(&m, d(2016, 5, 9), Lang::Ru);
    assert!(matches!(&s[..], [Stale::Status { departure, .. }] if *departure == d(2016, 4, 3)), "{s:?}");
    m.delegations[0].status = DelegationStatus::Done;
    assert!(stale(&m, d(2016, 5, 9), Lang::Ru).is_empty());
    // In 2017, the figures of 2016 are missing.
    assert_eq!(stale(&m, d(2017, 2, 1), Lang::Ru), vec![Stale::Figures { year: 2016 }]);
    m.events.push(
        crate::model::Event {
            id: EventId::new("fair"),
            title: crate::model::Text::ru("Ярмарка"),
            start_date: d(2016, 9, 1),
            end_date: d(2016, 9, 1),
            public: true,
            ..crate::model::Event::default()
        }
        .into(),
    );
    assert!(matches!(&stale(&m, d(2016, 5, 9), Lang::Ru)[..], [Stale::NoPublicDescription { year: 2016, .. }]));
}

#[test]
fn today_and_tomorrow_with_home_times() {
    let mut m = model();
    let mut v = visit("abroad", "niigata", Direction::Outgoing, d(2016, 5, 9), d(2016, 5, 12));
    v.arrival.time = NaiveTime::from_hms_opt(14, 0, 0);
    v.programme = vec![
        ProgrammeItem {
            date: d(2016, 5, 10),
            start: NaiveTime::from_hms_opt(10, 0, 0),
            activity: crate::model::Text::ru("Приём у мэра"),
            ..ProgrammeItem::default()
        },
        ProgrammeItem {
            date: d(2016, 5, 11), activity: crate::model::Text::ru("Потом"), ..ProgrammeItem::default()
        },
    ];
    m.delegations.push(v.into());
    let h = happenings(&m, d(2016, 5, 9), HOME, Lang::Ru);
    let got: Vec<(NaiveDate, HappeningKind, &str)> = h.iter().map(|h| (h.date, h.kind, h.what.as_str())).collect();
    assert_eq!(
        got,
        [(d(2016, 5, 9), HappeningKind::Arrival, "abroad"), (d(2016, 5, 10), HappeningKind::Item, "Приём у мэра")]
    );
    // Niigata is an hour behind Vladivostok (Khabarovsk's zone).
    assert_eq!(h[1].home_start, Some(d(2016, 5, 10).and_hms_opt(11, 0, 0).expect("time")));
    assert_eq!(h[1].zone, chrono_tz::Asia::Tokyo);
}

#[test]
fn reminders_within_a_day() {
    let mut m = model();
    let mut v = visit("v", "niigata", Direction::Incoming, d(2016, 5, 10), d(2016, 5, 12));
    v.checklist = vec![
        Task { id: Default::default(), title: "today".into(), due: Some(d(2016, 5, 9)), done: false },
        Task { id: Default::default(), title: "later".into(), due: Some(d(2016, 5, 11)), done: false },
        Task { id: Default::default(), title: "done".into(), due: Some(d(2016, 5, 9)), done: true },
    ];
    m.delegations.push(v.into());
    let r = reminders(&m, d(2016, 5, 9), Lang::Ru);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0].message(&m, d(2016, 5, 9), Lang::Ru), "завтра начинается визит «v»");
    assert_eq!(r[1].message(&m, d(2016, 5, 9), Lang::Ru), "сегодня срок задачи «today» (v)");
    assert!(reminders(&m, d(2016, 5, 20), Lang::Ru).is_empty());
}
