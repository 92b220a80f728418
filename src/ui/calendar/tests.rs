//! The calendar's entries, views and cache: hosts per occurrence, filters, conflicts, weeks
//! from Monday, and the cached entries against a fresh expansion.
use super::*;
use crate::model::Delegation;
use crate::model::{City, CityStatus};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn model() -> Model {
    let mut m = Model::default();
    for (id, ru) in [("khabarovsk", "Хабаровск"), ("niigata", "Ниигата"), ("harbin", "Харбин")] {
        m.cities.push(
            City {
                id: id.into(),
                name_ru: ru.into(),
                status: if id == "khabarovsk" { CityStatus::Home } else { CityStatus::Sister },
                ..City::default()
            }
            .into(),
        );
    }
    m.events.push(
        Event {
            id: "eco".into(),
            title: "Экологическая конференция".into(),
            category: EventCategory::Ecology,
            start_date: d(2016, 10, 12),
            end_date: d(2016, 10, 14),
            recurrence: Some(Recurrence {
                rrule: "FREQ=YEARLY".into(),
                exdates: vec![],
                host_rotation: vec!["khabarovsk".into(), "niigata".into(), "harbin".into()],
                overrides: vec![],
            }),
            ..Event::default()
        }
        .into(),
    );
    m.delegations.push(
        Delegation {
            id: "d".into(),
            partner_city: Some("niigata".into()),
            direction: Direction::Incoming,
            title: "Экологи Ниигаты".into(),
            arrival: crate::model::Travel { date: d(2017, 10, 11), ..Default::default() },
            departure: crate::model::Travel { date: d(2017, 10, 15), ..Default::default() },
            ..Delegation::default()
        }
        .into(),
    );
    m.normalise();
    m
}

#[test]
fn each_occurrence_names_its_host() {
    let m = model();
    let items = entries(&m, d(2017, 10, 1), d(2017, 10, 31), &Filters::default(), &HashSet::new());
    assert_eq!(items.len(), 2, "the conference and the stay");
    assert!(matches!(items[0], Entry::Stay { .. }), "in date order: the stay begins on the 11th");
    let title = entry_title(&m, &items[1], Lang::Ru, &i18n::RU);
    assert_eq!(title, "Экологическая конференция (принимает: Ниигата)");
    let stay = entry_title(&m, &items[0], Lang::Ru, &i18n::RU);
    assert_eq!(stay, "приём: Ниигата — Экологи Ниигаты");
}

#[test]
fn filters_narrow_the_entries() {
    let m = model();
    let range = (d(2017, 10, 1), d(2017, 10, 31));
    let only = |f: Filters| entries(&m, range.0, range.1, &f, &HashSet::new()).len();
    assert_eq!(only(Filters { public_only: true, ..Filters::default() }), 0);
    assert_eq!(only(Filters { category: Some(EventCategory::Ecology), ..Filters::default() }), 1, "stays hide");
    assert_eq!(only(Filters { direction: Some(Some(Direction::Outgoing)), ..Filters::default() }), 1);
    assert_eq!(only(Filters { city: Some("harbin".into()), ..Filters::default() }), 0, "Niigata hosts in 2017");
    assert_eq!(only(Filters { city: Some("niigata".into()), ..Filters::default() }), 2);
}

#[test]
fn conflicts_are_marked() {
    let m = model();
    let conflicts: HashSet<RecordId> = [RecordId::Event("eco".into())].into_iter().collect();
    let items = entries(&m, d(2017, 10, 1), d(2017, 10, 31), &Filters::default(), &conflicts);
    assert!(!items[0].conflict(), "the stay");
    assert!(items[1].conflict(), "the conference");
}

#[test]
fn weeks_start_on_monday() {
    assert_eq!(week_start(d(2026, 11, 27)), d(2026, 11, 23));
    assert_eq!(week_start(d(2026, 11, 23)), d(2026, 11, 23));
    assert_eq!(week_start(d(2026, 11, 29)), d(2026, 11, 23));
}

/// What an entry shows, for comparing cached and fresh entries.
fn shown(items: &[Entry<'_>]) -> Vec<(String, NaiveDate, NaiveDate, bool)> {
    items
        .iter()
        .map(|e| match e {
            Entry::Event { event, occ, conflict } => {
                (format!("e:{}:{:?}", event.id, occ.host), occ.start_date, occ.end_date, *conflict)
            }
            Entry::Stay { delegation, conflict } => {
                (format!("d:{}", delegation.id), delegation.arrival.date, delegation.departure.date, *conflict)
            }
        })
        .collect()
}

/// One random edit: put or remove an event or a stay.
#[derive(Clone, Debug)]
enum Edit {
    PutEvent { n: u8, day: u16, len: u8, public: bool },
    RemoveEvent(u8),
    PutStay { n: u8, day: u16, len: u8 },
    RemoveStay(u8),
    Filter { public_only: bool },
    Look { day: u16, span: u8 },
}

fn edit() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    prop_oneof![
        (0u8..6, 0u16..730, 0u8..4, any::<bool>()).prop_map(|(n, day, len, public)| Edit::PutEvent {
            n,
            day,
            len,
            public
        }),
        (0u8..6).prop_map(Edit::RemoveEvent),
        (0u8..6, 0u16..730, 0u8..6).prop_map(|(n, day, len)| Edit::PutStay { n, day, len }),
        (0u8..6).prop_map(Edit::RemoveStay),
        proptest::bool::ANY.prop_map(|public_only| Edit::Filter { public_only }),
        (0u16..730, 0u8..60).prop_map(|(day, span)| Edit::Look { day, span }),
    ]
}

proptest::proptest! {
    /// After any sequence of commands the cached entries are what a fresh expansion gives:
    /// every change of the model bumps the version the cache is keyed on.
    #[test]
    fn cached_entries_equal_a_fresh_computation(edits in proptest::collection::vec(edit(), 1..40)) {
        let mut m = model();
        let mut panel = CalendarPanel::new(d(2016, 1, 1));
        let mut version = 0u64;
        let base = d(2016, 1, 1);
        let (mut from, mut to) = (base, base + Duration::days(60));
        for e in edits {
            let command = match e {
                Edit::PutEvent { n, day, len, public } => {
                    let start = base + Duration::days(i64::from(day));
                    Some(Command::put(crate::command::Record::Event(Event {
                        id: format!("ev-{n}").as_str().into(),
                        title: crate::model::Text::ru(format!("Событие {n}")),
                        start_date: start,
                        end_date: start + Duration::days(i64::from(len)),
                        public,
                        host_city: Some("harbin".into()),
                        ..Event::default()
                    })))
                }
                Edit::RemoveEvent(n) => Some(Command::Remove(RecordId::Event(format!("ev-{n}").as_str().into()))),
                Edit::PutStay { n, day, len } => {
                    let start = base + Duration::days(i64::from(day));
                    Some(Command::put(crate::command::Record::Delegation(Delegation {
                        id: format!("st-{n}").as_str().into(),
                        partner_city: Some("niigata".into()),
                        arrival: crate::model::Travel { date: start, ..Default::default() },
                        departure: crate::model::Travel { date: start + Duration::days(i64::from(len)), ..Default::default() },
                        ..Default::default()
                    })))
                }
                Edit::RemoveStay(n) => Some(Command::Remove(RecordId::Delegation(format!("st-{n}").as_str().into()))),
                Edit::Filter { public_only } => {
                    panel.filters.public_only = public_only;
                    None
                }
                Edit::Look { day, span } => {
                    from = base + Duration::days(i64::from(day));
                    to = from + Duration::days(i64::from(span));
                    None
                }
            };
            if let Some(c) = command
                && c.apply(&mut m).is_ok()
            {
                version += 1;
            }
            let findings = crate::model::run_checks(&m, d(2016, 1, 1));
            let view = View {
                model: &m,
                t: crate::ui::i18n::texts(Lang::Ru),
                lang: Lang::Ru,
                read_only: false,
                today: d(2016, 1, 1),
                now: crate::clock::Clock::fixed_on(d(2016, 1, 1), chrono_tz::Asia::Vladivostok).now(),
                home_zone: chrono_tz::Asia::Vladivostok,
                findings: &findings,
                version,
                findings_version: version,
                retention_years: 5,
                open_elsewhere: &[],
            };
            let conflicts = conflict_subjects(&findings);
            let cached = shown(&panel.cached_entries(&view, from, to, &conflicts));
            let fresh = shown(&entries(&m, from, to, &panel.filters, &conflicts));
            proptest::prop_assert_eq!(cached, fresh);
        }
    }
}
