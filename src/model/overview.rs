//! «Обзор»: what needs doing, on a given day. The visits ahead with their readiness, the
//! tasks overdue or due this week, anniversaries, partners gone quiet, stale records, and
//! what happens today and tomorrow. One pure query serves the first screen, `pobratim
//! overview` (text and JSON) and the status line's reminders.

use super::date::{add_months, fmt_date};
use super::readiness::{Readiness, readiness_in};
use super::{CityId, CityStatus, Delegation, DelegationId, DelegationStatus, Direction, EventId, Lang, Model};
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

impl Overview {
    /// «Ближайших визитов нет; последний — …».
    pub fn nothing_ahead(&self, lang: Lang) -> String {
        match (lang, &self.last_visit) {
            (Lang::Ru, Some((_, title, a, b))) => {
                format!("Ближайших визитов нет; последний — «{title}», {}–{}", fmt_date(*a), fmt_date(*b))
            }
            (Lang::Ru, None) => "Ближайших визитов нет".to_owned(),
            (Lang::En, Some((_, title, a, b))) => {
                format!("No visits ahead; the last was «{title}», {}–{}", fmt_date(*a), fmt_date(*b))
            }
            (Lang::En, None) => "No visits ahead".to_owned(),
        }
    }
}

impl AnniversaryAhead {
    /// «10.06.2016 — 28 лет побратимства с г. Портлендом»-like line: «Портленд: 28 лет
    /// (10.06.2016)», with «круглая дата» for a multiple of five.
    pub fn message(&self, lang: Lang) -> String {
        let when = self.date.map_or_else(|| self.year.to_string(), fmt_date);
        let n = u32::try_from(self.years).unwrap_or(0);
        match lang {
            Lang::Ru => {
                let word = super::rule::plural_ru(n, ["год", "года", "лет"]);
                let round = if self.round { " — круглая дата" } else { "" };
                format!("{}: {} {word} побратимства, {when}{round}", self.name, self.years)
            }
            Lang::En => {
                let round = if self.round { " — a round anniversary" } else { "" };
                format!("{}: {} years of twinning, {when}{round}", self.name, self.years)
            }
        }
    }
}

impl Quiet {
    /// The city's name.
    pub fn name(&self) -> &str {
        match self {
            Quiet::Silent { name, .. } | Quiet::Lopsided { name, .. } => name,
        }
    }

    /// The city.
    pub fn city(&self) -> &CityId {
        match self {
            Quiet::Silent { city, .. } | Quiet::Lopsided { city, .. } => city,
        }
    }

    /// What is quiet about it, in words.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Ru, Quiet::Silent { name, last: Some(l), .. }) => {
                format!("{name}: ни одного визита за два года (последний — {})", fmt_date(*l))
            }
            (Lang::Ru, Quiet::Silent { name, last: None, .. }) => format!("{name}: ни одного визита в данных"),
            (Lang::En, Quiet::Silent { name, last: Some(l), .. }) => {
                format!("{name}: no visit either way in two years (the last on {})", fmt_date(*l))
            }
            (Lang::En, Quiet::Silent { name, last: None, .. }) => format!("{name}: no visit on record"),
            (Lang::Ru, Quiet::Lopsided { name, received, sent, .. }) => {
                format!("{name}: за три года принято {received}, направлено {sent}")
            }
            (Lang::En, Quiet::Lopsided { name, received, sent, .. }) => {
                format!("{name}: received {received}, sent {sent} in three years")
            }
        }
    }
}

impl Stale {
    /// What is out of date, in words.
    pub fn message(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        match self {
            Stale::Status { title, status, departure, .. } => {
                let confirmed = *status == DelegationStatus::Confirmed;
                match (ru, confirmed) {
                    (true, true) => format!("«{title}»: всё ещё «подтверждён», отъезд был {}", fmt_date(*departure)),
                    (true, false) => format!("«{title}»: всё ещё «планируется», отъезд был {}", fmt_date(*departure)),
                    (false, true) => format!("«{title}»: still confirmed, left on {}", fmt_date(*departure)),
                    (false, false) => format!("«{title}»: still planned, left on {}", fmt_date(*departure)),
                }
            }
            Stale::NoPublicDescription { title, year, .. } if ru => {
                format!("«{title}»: публичное событие {year} г. без описания для публикации")
            }
            Stale::NoPublicDescription { title, year, .. } => {
                format!("«{title}»: public event of {year} with no public description")
            }
            Stale::Figures { year } if ru => format!("показатели за {year} год не внесены"),
            Stale::Figures { year } => format!("the figures of {year} are not entered"),
        }
    }
}

impl Happening {
    /// The start, with the home city's time beside it when the place keeps another:
    /// «10:00 (Хабаровск: 11:00)»; «весь день» when untimed (an arrival or departure without
    /// a time: «время не указано»).
    pub fn time_label(&self, home_name: &str, lang: Lang) -> String {
        let Some(start) = self.start else {
            let travel = matches!(self.kind, HappeningKind::Arrival | HappeningKind::Departure);
            return match (lang, travel) {
                (Lang::Ru, false) => "весь день",
                (Lang::Ru, true) => "время не указано",
                (Lang::En, false) => "all day",
                (Lang::En, true) => "time not set",
            }
            .to_owned();
        };
        let mut s = start.format("%H:%M").to_string();
        if let Some(end) = self.end.filter(|e| *e > start) {
            s.push_str(&format!("–{}", end.format("%H:%M")));
        }
        if let Some(home) = self.home_start {
            let day = if home.date() == self.date { String::new() } else { format!("{} ", home.format("%d.%m")) };
            let at = home.format("%H:%M");
            s.push_str(&format!(" ({home_name}: {day}{at})"));
        }
        s
    }

    /// What kind, in a word: «прилёт» / "arrives".
    pub fn kind_label(&self, lang: Lang) -> &'static str {
        match (lang, self.kind) {
            (Lang::Ru, HappeningKind::Event) => "событие",
            (Lang::Ru, HappeningKind::Item) => "программа",
            (Lang::Ru, HappeningKind::Arrival) => "приезд",
            (Lang::Ru, HappeningKind::Departure) => "отъезд",
            (Lang::En, HappeningKind::Event) => "event",
            (Lang::En, HappeningKind::Item) => "programme",
            (Lang::En, HappeningKind::Arrival) => "arrives",
            (Lang::En, HappeningKind::Departure) => "leaves",
        }
    }
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
            .iter()
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
        .iter()
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

#[cfg(test)]
mod tests {
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
            m.cities.push(City {
                id: CityId::new(id),
                name_ru: id.into(),
                status,
                since,
                time_zone: if id == "niigata" { chrono_tz::Asia::Tokyo } else { chrono_tz::Asia::Vladivostok },
                ..City::default()
            });
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
            visit("a-under-way", "niigata", Direction::Incoming, d(2016, 5, 1), d(2016, 5, 11)),
            visit("b-in-30-days", "portland", Direction::Outgoing, d(2016, 6, 8), d(2016, 6, 12)),
            visit("c-in-90-days", "portland", Direction::Outgoing, d(2016, 8, 7), d(2016, 8, 12)),
            visit("d-past", "niigata", Direction::Incoming, d(2016, 4, 1), d(2016, 4, 3)),
        ];
        let mut cancelled = visit("e-cancelled", "niigata", Direction::Incoming, d(2016, 5, 20), d(2016, 5, 22));
        cancelled.status = DelegationStatus::Cancelled;
        m.delegations.push(cancelled);
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
            Task { title: "late".into(), due: Some(d(2016, 5, 1)), done: false },
            Task { title: "done".into(), due: Some(d(2016, 5, 1)), done: true },
            Task { title: "in-6-days".into(), due: Some(d(2016, 5, 15)), done: false },
            Task { title: "in-7-days".into(), due: Some(d(2016, 5, 16)), done: false },
            Task { title: "no-date".into(), due: None, done: false },
        ];
        m.delegations.push(v);
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
        m.delegations = vec![visit("old", "bucheon", Direction::Incoming, d(2013, 5, 1), d(2013, 5, 3))];
        for i in 0..4 {
            m.delegations.push(visit(
                &format!("n{i}"),
                "niigata",
                Direction::Incoming,
                d(2015, 3, 1 + i),
                d(2015, 3, 2 + i),
            ));
        }
        m.delegations.push(visit("p", "portland", Direction::Outgoing, d(2016, 1, 10), d(2016, 1, 12)));
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
        m.delegations.push(visit("n-out1", "niigata", Direction::Outgoing, d(2016, 2, 1), d(2016, 2, 3)));
        assert_eq!(quiet(&m, d(2016, 5, 9), Lang::Ru).len(), 2);
        m.delegations.push(visit("n-out2", "niigata", Direction::Outgoing, d(2016, 3, 1), d(2016, 3, 3)));
        assert_eq!(quiet(&m, d(2016, 5, 9), Lang::Ru).len(), 1);
    }

    #[test]
    fn stale_visits_figures_and_public_events() {
        let mut m = model();
        m.delegations = vec![visit("late", "niigata", Direction::Incoming, d(2016, 4, 1), d(2016, 4, 3))];
        let s = stale(&m, d(2016, 5, 9), Lang::Ru);
        assert!(matches!(&s[..], [Stale::Status { departure, .. }] if *departure == d(2016, 4, 3)), "{s:?}");
        m.delegations[0].status = DelegationStatus::Done;
        assert!(stale(&m, d(2016, 5, 9), Lang::Ru).is_empty());
        // In 2017, the figures of 2016 are missing.
        assert_eq!(stale(&m, d(2017, 2, 1), Lang::Ru), vec![Stale::Figures { year: 2016 }]);
        m.events.push(crate::model::Event {
            id: EventId::new("fair"),
            title: crate::model::Text::ru("Ярмарка"),
            start_date: d(2016, 9, 1),
            end_date: d(2016, 9, 1),
            public: true,
            ..crate::model::Event::default()
        });
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
                date: d(2016, 5, 11),
                activity: crate::model::Text::ru("Потом"),
                ..ProgrammeItem::default()
            },
        ];
        m.delegations.push(v);
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
            Task { title: "today".into(), due: Some(d(2016, 5, 9)), done: false },
            Task { title: "later".into(), due: Some(d(2016, 5, 11)), done: false },
            Task { title: "done".into(), due: Some(d(2016, 5, 9)), done: true },
        ];
        m.delegations.push(v);
        let r = reminders(&m, d(2016, 5, 9), Lang::Ru);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[0].message(&m, d(2016, 5, 9), Lang::Ru), "завтра начинается визит «v»");
        assert_eq!(r[1].message(&m, d(2016, 5, 9), Lang::Ru), "сегодня срок задачи «today» (v)");
        assert!(reminders(&m, d(2016, 5, 20), Lang::Ru).is_empty());
    }
}
