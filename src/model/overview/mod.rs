//! «Обзор»: what needs doing, on a given day. The visits ahead with their readiness, the
//! tasks overdue or due this week, anniversaries, partners gone quiet, stale records, and
//! what happens today and tomorrow. One pure query serves the first screen, `pobratim
//! overview` (text and JSON) and the status line's reminders.

use super::date::add_months;
use super::readiness::{Readiness, readiness_in};
use super::{CityId, CityStatus, Delegation, DelegationId, DelegationStatus, Direction, EventId, Lang, Model};
use crate::model::Records as _;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// How far ahead the overview looks by default, in days.
pub const DEFAULT_DAYS: u32 = 60;

/// The longest look-ahead asked for (`--days`, the panel's field): ten years.
pub const MAX_DAYS: u32 = 3660;

/// A visit ahead (or under way) and what it lacks.
#[derive(Clone, Debug, PartialEq)]
pub struct VisitAhead {
    /// The visit.
    pub delegation: DelegationId,
    /// Its title in the asked language.
    pub title: String,
    /// Who it is with: the partner city, else the other party.
    pub counterpart: String,
    /// Incoming or outgoing.
    pub direction: Direction,
    /// Arrival and departure days.
    pub days: (NaiveDate, NaiveDate),
    /// Whether it has begun.
    pub under_way: bool,
    /// What it lacks.
    pub readiness: Readiness,
}

/// A checklist task overdue or due within the week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskDue {
    /// The visit.
    pub delegation: DelegationId,
    /// Its title.
    pub visit: String,
    /// The task's index in the checklist.
    pub index: usize,
    /// What to do.
    pub title: String,
    /// When.
    pub due: NaiveDate,
    /// Past its date.
    pub overdue: bool,
}

/// A twinning anniversary in the next twelve months.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnniversaryAhead {
    /// The partner city.
    pub city: CityId,
    /// Its name.
    pub name: String,
    /// How many years.
    pub years: i32,
    /// The year it falls in.
    pub year: i32,
    /// The day, where the twinning date is known to the day.
    pub date: Option<NaiveDate>,
    /// A multiple of five years.
    pub round: bool,
}

/// A partner city the exchanges with have gone quiet or one-sided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Quiet {
    /// No visit either way in the last two years, and none planned.
    Silent {
        /// The city.
        city: CityId,
        /// Its name.
        name: String,
        /// The last visit's arrival, if there ever was one.
        last: Option<NaiveDate>,
    },
    /// One direction outweighs the other by three or more over three years.
    Lopsided {
        /// The city.
        city: CityId,
        /// Its name.
        name: String,
        /// Visits received from it.
        received: u32,
        /// Visits sent to it.
        sent: u32,
    },
}

/// A record that should have been brought up to date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stale {
    /// A visit still planned or confirmed after its departure.
    Status {
        /// The visit.
        delegation: DelegationId,
        /// Its title.
        title: String,
        /// Its status.
        status: DelegationStatus,
        /// Its departure.
        departure: NaiveDate,
    },
    /// A public event of this year or the next with no public description.
    NoPublicDescription {
        /// The event.
        event: EventId,
        /// Its title.
        title: String,
        /// The year it lacks it in.
        year: i32,
    },
    /// Last year's figures are not entered.
    Figures {
        /// The year.
        year: i32,
    },
}

/// What a [`Happening`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HappeningKind {
    /// An occurrence of a calendar event.
    Event,
    /// An item of a visit's programme.
    Item,
    /// A visit arrives.
    Arrival,
    /// A visit leaves.
    Departure,
}

/// Something that happens today or tomorrow.
#[derive(Clone, Debug, PartialEq)]
pub struct Happening {
    /// The day.
    pub date: NaiveDate,
    /// What kind of thing.
    pub kind: HappeningKind,
    /// Start, local to the place.
    pub start: Option<NaiveTime>,
    /// End, local to the place.
    pub end: Option<NaiveTime>,
    /// The place's time zone.
    pub zone: Tz,
    /// The start in the home city, when the place keeps another time.
    pub home_start: Option<NaiveDateTime>,
    /// What: the event's title, the item's activity, the visit's title.
    pub what: String,
    /// Where, or the flight.
    pub place: String,
    /// The visit, for items, arrivals and departures.
    pub delegation: Option<DelegationId>,
    /// The event, for events.
    pub event: Option<EventId>,
    /// The programme item's index.
    pub item: Option<usize>,
}

/// Everything the first screen shows, for one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    /// The day it is for.
    pub date: NaiveDate,
    /// How many days ahead it looks.
    pub days: u32,
    /// Visits under way or arriving within `days`, by arrival: every one not cancelled (a
    /// visit in town is listed even when someone has marked it done already).
    pub visits: Vec<VisitAhead>,
    /// When no visit is ahead: the last one before, with its title and days.
    pub last_visit: Option<(DelegationId, String, NaiveDate, NaiveDate)>,
    /// Tasks overdue, then due this week, by due date.
    pub tasks: Vec<TaskDue>,
    /// Anniversaries in the next twelve months, by date.
    pub anniversaries: Vec<AnniversaryAhead>,
    /// Partners gone quiet or one-sided.
    pub quiet: Vec<Quiet>,
    /// Stale records.
    pub stale: Vec<Stale>,
    /// What happens today and tomorrow, by day and home time.
    pub today: Vec<Happening>,
}

fn active(d: &Delegation) -> bool {
    !matches!(d.status, DelegationStatus::Done | DelegationStatus::Cancelled)
}

fn years_back(date: NaiveDate, years: i32) -> NaiveDate {
    date.with_year(date.year() - years).unwrap_or_else(|| date - Duration::days(365 * i64::from(years)))
}

/// The overview of `model` on `date`, looking `days` ahead (clamped to [`MAX_DAYS`]), with
/// names and titles in `lang`; times are turned into `home`'s.
pub fn overview(model: &Model, date: NaiveDate, days: u32, home: Tz, lang: Lang) -> Overview {
    let days = days.min(MAX_DAYS);
    let horizon = date + Duration::days(i64::from(days));
    let mut visits: Vec<VisitAhead> = model
        .delegations
        .iter()
        .filter(|d| d.status != DelegationStatus::Cancelled && d.departure.date >= date && d.arrival.date <= horizon)
        .map(|d| VisitAhead {
            delegation: d.id.clone(),
            title: d.title(lang).to_owned(),
            counterpart: d.counterpart(model, lang),
            direction: d.direction,
            days: d.days(),
            under_way: d.arrival.date <= date,
            readiness: readiness_in(model, d, date, lang),
        })
        .collect();
    visits.sort_by(|a, b| a.days.cmp(&b.days).then_with(|| a.delegation.cmp(&b.delegation)));
    let last_visit = if visits.is_empty() {
        model
            .delegations
            .iter()
            .filter(|d| d.status != DelegationStatus::Cancelled && d.arrival.date <= date)
            .max_by_key(|d| (d.arrival.date, d.id.clone()))
            .map(|d| (d.id.clone(), d.title(lang).to_owned(), d.arrival.date, d.departure.date))
    } else {
        None
    };
    Overview {
        date,
        days,
        visits,
        last_visit,
        tasks: tasks_due(model, date, lang),
        anniversaries: anniversaries(model, date, lang),
        quiet: quiet(model, date, lang),
        stale: stale(model, date, lang),
        today: happenings(model, date, home, lang),
    }
}

/// Open tasks of active visits that are overdue or due within seven days of `date`.
pub fn tasks_due(model: &Model, date: NaiveDate, lang: Lang) -> Vec<TaskDue> {
    let week = date + Duration::days(6);
    let mut out: Vec<TaskDue> = Vec::new();
    for d in model.delegations.iter().filter(|d| active(d)) {
        for (i, t) in d.checklist.iter().enumerate() {
            let Some(due) = t.due else { continue };
            if t.done || due > week {
                continue;
            }
            out.push(TaskDue {
                delegation: d.id.clone(),
                visit: d.title(lang).to_owned(),
                index: i,
                title: t.title.clone(),
                due,
                overdue: due < date,
            });
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.delegation.cmp(&b.delegation)).then(a.index.cmp(&b.index)));
    out
}

fn is_partner(status: CityStatus) -> bool {
    matches!(status, CityStatus::Sister | CityStatus::Friendly)
}

/// Partner cities whose twinning anniversary falls within twelve months of `date` (from
/// `date` on, before the same day next year). A twinning known only by its year counts in
/// that year's anniversary, shown while the year lasts.
pub fn anniversaries(model: &Model, date: NaiveDate, lang: Lang) -> Vec<AnniversaryAhead> {
    let until = add_months(date, 12);
    let mut out = Vec::new();
    for c in model.cities.iter().filter(|c| is_partner(c.status)) {
        for year in [date.year(), date.year() + 1] {
            let Some(a) = c.anniversary_in(year) else { continue };
            let within = match a.date {
                Some(day) => day >= date && day < until,
                None => year == date.year(),
            };
            if within {
                out.push(AnniversaryAhead {
                    city: c.id.clone(),
                    name: c.name(lang).to_owned(),
                    years: a.years,
                    year: a.year,
                    date: a.date,
                    round: a.years % 5 == 0,
                });
            }
        }
    }
    let key = |a: &AnniversaryAhead| a.date.unwrap_or_else(|| NaiveDate::from_ymd_opt(a.year, 12, 31).unwrap_or(date));
    out.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.city.cmp(&b.city)));
    out
}

/// Partners with no visit either way in the two years up to `date` and none planned ahead,
/// and partners where one direction outweighs the other by three or more over three years.
pub fn quiet(model: &Model, date: NaiveDate, lang: Lang) -> Vec<Quiet> {
    let two = years_back(date, 2);
    let three = years_back(date, 3);
    let mut out = Vec::new();
    let mut cities: Vec<_> = model.cities.iter().filter(|c| is_partner(c.status)).collect();
    cities.sort_by(|a, b| super::names::collate(a.name(lang), b.name(lang)));
    for c in cities {
        let visits: Vec<&Delegation> = model
            .delegations
            .records()
            .filter(|d| d.status != DelegationStatus::Cancelled && d.partner_city.as_ref() == Some(&c.id))
            .collect();
        let recent = visits.iter().any(|d| d.departure.date > two);
        if !recent {
            let last = visits.iter().map(|d| d.arrival.date).filter(|a| *a <= date).max();
            out.push(Quiet::Silent { city: c.id.clone(), name: c.name(lang).to_owned(), last });
            continue;
        }
        let window = visits.iter().filter(|d| d.arrival.date > three && d.arrival.date <= date);
        let (mut received, mut sent) = (0u32, 0u32);
        for d in window {
            match d.direction {
                Direction::Incoming => received += 1,
                Direction::Outgoing => sent += 1,
            }
        }
        if received.abs_diff(sent) >= 3 {
            out.push(Quiet::Lopsided { city: c.id.clone(), name: c.name(lang).to_owned(), received, sent });
        }
    }
    out
}

/// Visits not brought up to date, public events of this year and the next without a
/// public description, and last year's figures when they are missing.
pub fn stale(model: &Model, date: NaiveDate, lang: Lang) -> Vec<Stale> {
    let mut out: Vec<Stale> = Vec::new();
    let mut late: Vec<&Delegation> = model
        .delegations
        .records()
        .filter(|d| matches!(d.status, DelegationStatus::Planned | DelegationStatus::Confirmed))
        .filter(|d| d.departure.date < date)
        .collect();
    late.sort_by_key(|d| (d.departure.date, d.id.clone()));
    out.extend(late.into_iter().map(|d| Stale::Status {
        delegation: d.id.clone(),
        title: d.title(lang).to_owned(),
        status: d.status,
        departure: d.departure.date,
    }));
    let mut seen = std::collections::HashSet::new();
    for year in [date.year(), date.year() + 1] {
        for e in super::public::lacking_description(model, year) {
            if seen.insert(e.id.clone()) {
                out.push(Stale::NoPublicDescription { title: e.title(lang).to_owned(), event: e.id, year });
            }
        }
    }
    let last_year = date.year() - 1;
    if !model.figures_for(last_year).is_some_and(super::YearFigures::has_counts) {
        out.push(Stale::Figures { year: last_year });
    }
    out
}

/// The start of `time` on `date` in `zone`, in `home`'s time, when the two differ then.
fn at_home(date: NaiveDate, time: Option<NaiveTime>, zone: Tz, home: Tz) -> Option<NaiveDateTime> {
    let local = date.and_time(time?);
    let there = zone.from_local_datetime(&local).earliest()?;
    let here = there.with_timezone(&home).naive_local();
    (here != local).then_some(here)
}

/// The time zone of a visit's place of stay: home for guests, the partner city's abroad.
fn stay_zone(model: &Model, d: &Delegation, home: Tz) -> Tz {
    match d.direction {
        Direction::Incoming => home,
        Direction::Outgoing => d.partner_city.as_ref().and_then(|c| model.city(c)).map_or(home, |c| c.time_zone),
    }
}

/// Events, programme items, arrivals and departures on `date` and the day after, in the
/// order of their start in the home city (untimed ones first in their day).
pub fn happenings(model: &Model, date: NaiveDate, home: Tz, lang: Lang) -> Vec<Happening> {
    let tomorrow = date + Duration::days(1);
    let mut out: Vec<Happening> = Vec::new();
    for e in &model.events {
        for occ in e.occurrences_between(date, tomorrow).unwrap_or_default() {
            for day in [date, tomorrow] {
                if day < occ.start_date || day > occ.end_date {
                    continue;
                }
                let first = day == occ.start_date;
                let start = occ.start_time.filter(|_| first);
                // The venue as entered, else the host city in `lang`.
                let host = occ.host.as_ref().and_then(|h| model.city(h)).map(|c| c.name(lang).to_owned());
                let place =
                    if e.venue.trim().is_empty() { host.unwrap_or_default() } else { e.venue.trim().to_owned() };
                out.push(Happening {
                    date: day,
                    kind: HappeningKind::Event,
                    start,
                    end: occ.end_time.filter(|_| first && occ.start_date == occ.end_date),
                    zone: e.time_zone,
                    home_start: at_home(day, start, e.time_zone, home),
                    what: e.title(lang).to_owned(),
                    place,
                    delegation: None,
                    event: Some(e.id.clone()),
                    item: None,
                });
            }
        }
    }
    for d in model.delegations.iter().filter(|d| d.status != DelegationStatus::Cancelled) {
        if d.departure.date < date || d.arrival.date > tomorrow {
            continue;
        }
        let zone = stay_zone(model, d, home);
        for (kind, travel) in [(HappeningKind::Arrival, &d.arrival), (HappeningKind::Departure, &d.departure)] {
            if travel.date == date || travel.date == tomorrow {
                out.push(Happening {
                    date: travel.date,
                    kind,
                    start: travel.time,
                    end: None,
                    zone,
                    home_start: at_home(travel.date, travel.time, zone, home),
                    what: d.title(lang).to_owned(),
                    place: travel.transport.clone(),
                    delegation: Some(d.id.clone()),
                    event: None,
                    item: None,
                });
            }
        }
        for (i, item) in d.programme.iter().enumerate().filter(|(_, p)| p.date == date || p.date == tomorrow) {
            out.push(Happening {
                date: item.date,
                kind: HappeningKind::Item,
                start: item.start,
                end: item.end,
                zone,
                home_start: at_home(item.date, item.start, zone, home),
                what: item.activity.show(lang).to_owned(),
                place: item.place.show(lang).to_owned(),
                delegation: Some(d.id.clone()),
                event: None,
                item: Some(i),
            });
        }
    }
    let key = |h: &Happening| (h.date, h.home_start.map(|t| t.time()).or(h.start));
    out.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.what.cmp(&b.what)));
    out
}

/// A reminder for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// A task falls due today or tomorrow.
    TaskDue {
        /// The visit.
        delegation: DelegationId,
        /// The task.
        title: String,
        /// Its due date.
        due: NaiveDate,
    },
    /// A visit starts today or tomorrow.
    VisitStarts {
        /// The visit.
        delegation: DelegationId,
        /// Its title.
        title: String,
        /// Its arrival.
        arrival: NaiveDate,
    },
}

impl Reminder {
    /// «Завтра: срок «Гостиница» — Детская делегация…» in `lang`, relative to `today`.
    pub fn message(&self, model: &Model, today: NaiveDate, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        let when = |day: NaiveDate| match (ru, day == today) {
            (true, true) => "сегодня",
            (true, false) => "завтра",
            (false, true) => "today",
            (false, false) => "tomorrow",
        };
        let visit =
            |id: &DelegationId| model.delegation(id).map_or_else(|| id.to_string(), |d| d.title(lang).to_owned());
        match self {
            Reminder::TaskDue { delegation, title, due } if ru => {
                format!("{} срок задачи «{title}» ({})", when(*due), visit(delegation))
            }
            Reminder::TaskDue { delegation, title, due } => {
                format!("«{title}» is due {} ({})", when(*due), visit(delegation))
            }
            Reminder::VisitStarts { title, arrival, .. } if ru => {
                format!("{} начинается визит «{title}»", when(*arrival))
            }
            Reminder::VisitStarts { title, arrival, .. } => format!("«{title}» starts {}", when(*arrival)),
        }
    }
}

/// What falls within the next 24 hours of `today`: open tasks of active visits due today or
/// tomorrow, and active visits arriving today or tomorrow.
pub fn reminders(model: &Model, today: NaiveDate, lang: Lang) -> Vec<Reminder> {
    let tomorrow = today + Duration::days(1);
    let soon = |day: NaiveDate| day == today || day == tomorrow;
    let mut out = Vec::new();
    for d in model.delegations.iter().filter(|d| active(d)) {
        if soon(d.arrival.date) {
            out.push(Reminder::VisitStarts {
                delegation: d.id.clone(),
                title: d.title(lang).to_owned(),
                arrival: d.arrival.date,
            });
        }
        for t in d.checklist.iter().filter(|t| !t.done) {
            if let Some(due) = t.due.filter(|due| soon(*due)) {
                out.push(Reminder::TaskDue { delegation: d.id.clone(), title: t.title.clone(), due });
            }
        }
    }
    out
}

mod words;

#[cfg(test)]
mod tests;
