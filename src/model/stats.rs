//! Aggregates for the charts and the annual report: tourists by year with the change,
//! delegations by partner, kind and direction, events with foreign participants.
//!
//! Delegations are counted from the records by the year of arrival, by what happened:
//! received and sent count the visits done or in progress, planned and confirmed ones are
//! counted apart as planned, and cancelled ones are left out. The official totals entered in the figures are kept beside the recorded
//! counts, never mixed into them.

use super::{CityId, Delegation, DelegationKind, DelegationStatus, Direction, EventId, Model, YearFigures};
use crate::model::Records as _;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Whether a delegation counts in the figures: everything but a cancelled visit.
pub fn counts(d: &Delegation) -> bool {
    d.status != DelegationStatus::Cancelled
}

/// Whether a counted delegation took place (done) or is taking place (in progress), as
/// against one still planned or confirmed.
pub fn happened(d: &Delegation) -> bool {
    matches!(d.status, DelegationStatus::Done | DelegationStatus::InProgress)
}

/// The year a delegation is counted in: the year it arrives.
pub fn year_of(d: &Delegation) -> i32 {
    d.arrival.date.year()
}

/// People in a delegation: the stated headcount, else the roster's length; `None` when
/// neither is known (not zero: an empty roster usually means it was not entered).
pub fn participants(d: &Delegation) -> Option<u32> {
    d.headcount.or_else(|| (!d.members.is_empty()).then(|| u32::try_from(d.members.len()).unwrap_or(u32::MAX)))
}

fn counted_in(model: &Model, year: Option<i32>) -> impl Iterator<Item = &Delegation> {
    model.delegations.records().filter(move |d| counts(d) && year.is_none_or(|y| year_of(d) == y))
}

/// Delegations and the people in them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Delegations.
    pub delegations: u32,
    /// People in those whose size is known.
    pub people: u32,
    /// Delegations whose size is not known (no headcount, no roster).
    pub size_unknown: u32,
}

impl Tally {
    fn add(&mut self, d: &Delegation) {
        self.delegations += 1;
        match participants(d) {
            Some(n) => self.people = self.people.saturating_add(n),
            None => self.size_unknown += 1,
        }
    }

    /// Adds another tally (for totals).
    pub fn plus(self, other: Tally) -> Tally {
        Tally {
            delegations: self.delegations + other.delegations,
            people: self.people.saturating_add(other.people),
            size_unknown: self.size_unknown + other.size_unknown,
        }
    }
}

/// Received and sent, side by side, and the visits still planned apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TwoWay {
    /// Received in the home city (done or in progress).
    pub incoming: Tally,
    /// Sent abroad (done or in progress).
    pub outgoing: Tally,
    /// Planned or confirmed, either way: not (yet) received or sent.
    pub planned: Tally,
}

impl TwoWay {
    fn add(&mut self, d: &Delegation) {
        match (happened(d), d.direction) {
            (false, _) => self.planned.add(d),
            (true, Direction::Incoming) => self.incoming.add(d),
            (true, Direction::Outgoing) => self.outgoing.add(d),
        }
    }

    /// Adds another two-way count (for totals).
    pub fn plus(self, other: TwoWay) -> TwoWay {
        TwoWay {
            incoming: self.incoming.plus(other.incoming),
            outgoing: self.outgoing.plus(other.outgoing),
            planned: self.planned.plus(other.planned),
        }
    }

    /// Delegations received and sent (the planned ones not included).
    pub fn delegations(&self) -> u32 {
        self.incoming.delegations + self.outgoing.delegations
    }
}

/// Recorded delegations of one partner city.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerRow {
    /// The partner city; `None` gathers the visits with no partner city («другие»).
    pub city: Option<CityId>,
    /// Its delegations both ways.
    pub counts: TwoWay,
}

/// Recorded delegations per partner city in `year` (all years when `None`), the busiest
/// partner first, then by id.
pub fn by_partner(model: &Model, year: Option<i32>) -> Vec<PartnerRow> {
    let mut map: BTreeMap<Option<&CityId>, TwoWay> = BTreeMap::new();
    for d in counted_in(model, year) {
        map.entry(d.partner_city.as_ref()).or_default().add(d);
    }
    let mut rows: Vec<PartnerRow> =
        map.into_iter().map(|(city, counts)| PartnerRow { city: city.cloned(), counts }).collect();
    // «Другие» come last, whatever their count: they are not one partner.
    rows.sort_by(|a, b| {
        a.city
            .is_none()
            .cmp(&b.city.is_none())
            .then_with(|| {
                b.counts
                    .delegations()
                    .cmp(&a.counts.delegations())
                    .then_with(|| b.counts.planned.delegations.cmp(&a.counts.planned.delegations))
            })
            .then_with(|| a.city.cmp(&b.city))
    });
    rows
}

/// Recorded delegations of one kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindRow {
    /// The kind.
    pub kind: DelegationKind,
    /// Its delegations both ways.
    pub counts: TwoWay,
}

/// Recorded delegations per kind in `year` (all years when `None`), in the order of
/// [`DelegationKind::ALL`]; kinds with none are left out.
pub fn by_kind(model: &Model, year: Option<i32>) -> Vec<KindRow> {
    let mut map: BTreeMap<DelegationKind, TwoWay> = BTreeMap::new();
    for d in counted_in(model, year) {
        map.entry(d.kind).or_default().add(d);
    }
    DelegationKind::ALL.iter().filter_map(|k| map.get(k).map(|c| KindRow { kind: *k, counts: *c })).collect()
}

/// Delegations of one year: recorded here, and the official totals where entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearDirections {
    /// The year.
    pub year: i32,
    /// Counted from the records.
    pub recorded: TwoWay,
    /// Official total received, from the figures.
    pub official_received: Option<u32>,
    /// Official total sent, from the figures.
    pub official_sent: Option<u32>,
}

impl YearDirections {
    /// Whether the records fall short of the official totals (the records are incomplete).
    pub fn incomplete(&self) -> bool {
        self.official_received.is_some_and(|n| n > self.recorded.incoming.delegations)
            || self.official_sent.is_some_and(|n| n > self.recorded.outgoing.delegations)
    }
}

/// Incoming against outgoing (and the planned visits) per year, for every year with
/// records or official totals; years with neither are not listed (the charts fill them in).
pub fn by_year(model: &Model) -> Vec<YearDirections> {
    let mut map: BTreeMap<i32, YearDirections> = BTreeMap::new();
    let blank =
        |year| YearDirections { year, recorded: TwoWay::default(), official_received: None, official_sent: None };
    for d in counted_in(model, None) {
        let y = year_of(d);
        map.entry(y).or_insert_with(|| blank(y)).recorded.add(d);
    }
    for f in &model.figures {
        if f.delegations_received.is_some() || f.delegations_sent.is_some() {
            let row = map.entry(f.year).or_insert_with(|| blank(f.year));
            row.official_received = f.delegations_received;
            row.official_sent = f.delegations_sent;
        }
    }
    map.into_values().collect()
}

/// [`by_year`] for one year.
pub fn directions_in(model: &Model, year: i32) -> YearDirections {
    by_year(model).into_iter().find(|r| r.year == year).unwrap_or(YearDirections {
        year,
        recorded: TwoWay::default(),
        official_received: None,
        official_sent: None,
    })
}

/// Foreign tourists of one year, with the change against the year before.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TouristYear {
    /// The year.
    pub year: i32,
    /// Foreign tourists.
    pub tourists: u64,
    /// The year before's figure, when entered.
    pub previous: Option<u64>,
    /// Change against the year before, in percent.
    pub change: Option<f64>,
}

/// Foreign tourists for every year that has the figure, oldest first. The change is
/// against the calendar year before, and only when that year has a figure too.
pub fn tourists_by_year(model: &Model) -> Vec<TouristYear> {
    let with_figure: Vec<&YearFigures> = model.figures.iter().filter(|f| f.foreign_tourists.is_some()).collect();
    with_figure
        .iter()
        .map(|f| {
            let before = with_figure.iter().find(|p| p.year == f.year - 1);
            TouristYear {
                year: f.year,
                tourists: f.foreign_tourists.unwrap_or_default(),
                previous: before.and_then(|p| p.foreign_tourists),
                change: before.and_then(|p| f.tourist_change_percent(p)),
            }
        })
        .collect()
}

/// One occurrence of an event with foreign participants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignEvent {
    /// The event.
    pub event: EventId,
    /// First day of the occurrence.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// The host city of this occurrence.
    pub host: Option<CityId>,
    /// Foreign participants.
    pub foreign: u32,
}

/// Events of `year` with foreign participants, in date order. For a recurring event only
/// the occurrence on its `start_date` carries the figure (see [`super::Event`]).
pub fn foreign_events(model: &Model, year: i32) -> Vec<ForeignEvent> {
    let mut out: Vec<ForeignEvent> = model
        .events
        .iter()
        .filter_map(|e| {
            let foreign = e.foreign_participants.filter(|n| *n > 0)?;
            (e.start_date.year() == year).then(|| ForeignEvent {
                event: e.id.clone(),
                start: e.start_date,
                end: e.end_date,
                host: e
                    .occurrences_between(e.start_date, e.start_date)
                    .ok()
                    .and_then(|o| o.into_iter().next())
                    .and_then(|o| o.host)
                    .or_else(|| e.host_city.clone()),
                foreign,
            })
        })
        .collect();
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.event.cmp(&b.event)));
    out
}

/// One occurrence of an event in a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dated {
    /// The event.
    pub event: EventId,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Host of this occurrence (the rotation's turn, or the event's host).
    pub host: Option<CityId>,
}

/// Every occurrence of every event in `year`, in date order. Events whose rule cannot be
/// expanded are left out here; the checks report them.
pub fn events_in(model: &Model, year: i32) -> Vec<Dated> {
    let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in &model.events {
        let Ok(occurrences) = e.occurrences_between(from, to) else { continue };
        for o in occurrences {
            out.push(Dated {
                event: e.id.clone(),
                start: o.start_date,
                end: o.end_date,
                host: o.host.or_else(|| e.host_city.clone()),
            });
        }
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.event.cmp(&b.event)));
    out
}

/// Delegations arriving in `year` that are not cancelled, in date order (planned ones
/// included: split them with [`happened`]).
pub fn delegations_in(model: &Model, year: i32) -> Vec<&Delegation> {
    let mut out: Vec<&Delegation> = counted_in(model, Some(year)).collect();
    out.sort_by(|a, b| a.arrival.date.cmp(&b.arrival.date).then_with(|| a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Travel};

    fn d(id: &str, city: &str, dir: Direction, kind: DelegationKind, date: &str, people: u32) -> Delegation {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
        Delegation {
            id: id.into(),
            partner_city: Some(city.into()),
            direction: dir,
            kind,
            arrival: Travel { date, ..Default::default() },
            departure: Travel { date, ..Default::default() },
            headcount: Some(people),
            status: DelegationStatus::Done,
            ..Default::default()
        }
    }

    /// Hand-counted: 2016 has Niigata 2 in (7+3 people) and 1 out (4), Harbin 1 in (10)
    /// and 1 out (5), one cancelled Harbin visit; 2017 has one Niigata school visit.
    fn fixture() -> Model {
        use DelegationKind::*;
        use Direction::*;
        let mut cancelled = d("h-cancel", "harbin", Incoming, Sports, "2016-06-01", 30);
        cancelled.status = DelegationStatus::Cancelled;
        let mut m = Model {
            delegations: vec![
                d("n-1", "niigata", Incoming, Culture, "2016-03-01", 7).into(),
                d("n-2", "niigata", Incoming, Children, "2016-07-10", 3).into(),
                d("n-3", "niigata", Outgoing, Official, "2016-09-01", 4).into(),
                d("h-1", "harbin", Incoming, Culture, "2016-05-05", 10).into(),
                d("h-2", "harbin", Outgoing, Sports, "2016-08-20", 5).into(),
                cancelled.into(),
                d("n-2017", "niigata", Outgoing, School, "2017-01-15", 12).into(),
            ],
            figures: vec![
                YearFigures { year: 2015, foreign_tourists: Some(17_186), ..Default::default() },
                YearFigures {
                    year: 2016,
                    foreign_tourists: Some(20_161),
                    delegations_received: Some(40),
                    delegations_sent: Some(42),
                    ..Default::default()
                },
                YearFigures { year: 2018, foreign_tourists: Some(25_000), ..Default::default() },
            ],
            ..Default::default()
        };
        m.normalise();
        m
    }

    fn tally(delegations: u32, people: u32) -> Tally {
        Tally { delegations, people, size_unknown: 0 }
    }

    #[test]
    fn a_delegation_of_unknown_size_is_not_counted_as_nobody() {
        let mut m = fixture();
        m.delegations[0].headcount = None; // no roster either
        let rows = by_partner(&m, Some(2016));
        let harbin = rows.iter().find(|r| r.city.as_ref().map_or("", |c| c.as_str()) == "harbin").expect("harbin");
        assert_eq!(harbin.counts.incoming, Tally { delegations: 1, people: 0, size_unknown: 1 });
        assert_eq!(participants(&m.delegations[0]), None);
        m.delegations[0].members.push(crate::model::Member::default());
        assert_eq!(participants(&m.delegations[0]), Some(1), "the roster counts when no headcount is given");
    }

    #[test]
    fn counts_per_partner_by_hand() {
        let rows = by_partner(&fixture(), Some(2016));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].city.as_ref().map_or("", |c| c.as_str()), "niigata", "the busiest partner comes first");
        assert_eq!(rows[0].counts.incoming, tally(2, 10));
        assert_eq!(rows[0].counts.outgoing, tally(1, 4));
        assert_eq!(rows[1].city.as_ref().map_or("", |c| c.as_str()), "harbin");
        assert_eq!(rows[1].counts.incoming, tally(1, 10), "the cancelled visit is not counted");
        assert_eq!(rows[1].counts.outgoing, tally(1, 5));
        let all = by_partner(&fixture(), None);
        assert_eq!(all[0].counts.outgoing, tally(2, 16), "all years add the 2017 visit");
    }

    #[test]
    fn counts_per_kind_by_hand() {
        let rows = by_kind(&fixture(), Some(2016));
        let kinds: Vec<DelegationKind> = rows.iter().map(|r| r.kind).collect();
        use DelegationKind::*;
        assert_eq!(kinds, vec![Children, Sports, Culture, Official], "in display order, empty kinds left out");
        let culture = &rows[2];
        assert_eq!(culture.counts.incoming, tally(2, 17));
        assert_eq!(culture.counts.outgoing, tally(0, 0));
        let sports = &rows[1];
        assert_eq!(sports.counts.outgoing, tally(1, 5));
        assert_eq!(sports.counts.incoming, tally(0, 0), "cancelled");
    }

    #[test]
    fn directions_per_year_keep_official_totals_apart() {
        let rows = by_year(&fixture());
        let years: Vec<i32> = rows.iter().map(|r| r.year).collect();
        assert_eq!(years, vec![2016, 2017]);
        let y2016 = rows[0];
        assert_eq!(y2016.recorded.incoming.delegations, 3);
        assert_eq!(y2016.recorded.outgoing.delegations, 2);
        assert_eq!(y2016.official_received, Some(40));
        assert_eq!(y2016.official_sent, Some(42));
        assert!(y2016.incomplete());
        assert!(!rows[1].incomplete(), "no official totals for 2017");
        assert_eq!(directions_in(&fixture(), 2020).recorded.delegations(), 0);
    }

    #[test]
    fn visits_count_by_what_happened() {
        use DelegationKind::*;
        use Direction::*;
        let with = |id: &str, dir, people, status| {
            let mut v = d(id, "niigata", dir, Culture, "2018-04-10", people);
            v.status = status;
            v
        };
        let mut m = Model {
            delegations: vec![
                with("done", Incoming, 7, DelegationStatus::Done).into(),
                with("in-progress", Outgoing, 3, DelegationStatus::InProgress).into(),
                with("planned", Incoming, 5, DelegationStatus::Planned).into(),
                with("confirmed", Outgoing, 2, DelegationStatus::Confirmed).into(),
                with("cancelled", Incoming, 30, DelegationStatus::Cancelled).into(),
            ],
            ..Default::default()
        };
        m.normalise();
        let expected = TwoWay { incoming: tally(1, 7), outgoing: tally(1, 3), planned: tally(2, 7) };
        let partner = by_partner(&m, Some(2018));
        assert_eq!(partner.len(), 1);
        assert_eq!(partner[0].counts, expected, "received, sent and planned apart; cancelled left out");
        assert_eq!(partner[0].counts.delegations(), 2, "the planned visits are not received or sent");
        assert_eq!(by_kind(&m, Some(2018))[0].counts, expected);
        assert_eq!(directions_in(&m, 2018).recorded, expected);
        let only_planned = Model {
            delegations: m.delegations.iter().filter(|d| !happened(d)).cloned().collect(),
            ..Default::default()
        };
        let rows = by_partner(&only_planned, None);
        assert_eq!(rows.len(), 1, "a partner with only planned visits is still listed");
        assert_eq!(rows[0].counts, TwoWay { planned: tally(2, 7), ..TwoWay::default() });
    }

    #[test]
    fn tourist_change_only_against_the_year_before() {
        let rows = tourists_by_year(&fixture());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].change, None, "2015 has no 2014");
        let change = rows[1].change.expect("2016 against 2015");
        assert_eq!(crate::model::format::change(change, crate::model::Lang::Ru), "+17,3\u{a0}%");
        assert_eq!(rows[1].previous, Some(17_186));
        assert_eq!(rows[2].year, 2018);
        assert_eq!(rows[2].change, None, "2017 is missing, so 2018 is not compared with 2016");
    }

    #[test]
    fn recurring_event_carries_its_figure_in_its_first_year_only() {
        let mut m = fixture();
        let date = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        m.events.push(
            Event {
                id: "city-day".into(),
                start_date: date("2016-05-29"),
                end_date: date("2016-05-29"),
                foreign_participants: Some(111),
                host_city: Some("khabarovsk".into()),
                recurrence: Some(crate::model::Recurrence {
                    rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU".into(),
                    ..Default::default()
                }),
                ..Default::default()
            }
            .into(),
        );
        let in_2016 = foreign_events(&m, 2016);
        assert_eq!(in_2016.len(), 1);
        assert_eq!(in_2016[0].foreign, 111);
        assert_eq!(in_2016[0].host.as_ref().map(|c| c.as_str()), Some("khabarovsk"));
        assert!(foreign_events(&m, 2017).is_empty());
        let days: Vec<NaiveDate> = events_in(&m, 2017).iter().map(|o| o.start).collect();
        assert_eq!(days, vec![date("2017-05-28")], "the last Sunday of May 2017");
    }
}
