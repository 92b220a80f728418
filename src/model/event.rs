//! Events of the calendar: exchanges, festivals, conferences, with recurrence and rotating hosts.

use super::ids::{CityId, EventId};
use super::text::Text;
use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The sector an event belongs to; the calendar colours by it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventCategory {
    /// Concerts, festivals, exhibitions.
    #[default]
    Culture,
    /// Competitions, training camps, marathons.
    Sport,
    /// School and university exchanges.
    Education,
    /// Medicine and health care.
    Health,
    /// Ecology and the environment.
    Ecology,
    /// Trade, investment, business forums.
    Economy,
    /// Tourism fairs and promotion.
    Tourism,
    /// Official visits, mayors' meetings, committees.
    Official,
    /// Youth and children's programmes.
    Youth,
}

impl EventCategory {
    /// Every category, in display order.
    pub const ALL: [EventCategory; 9] = [
        Self::Culture,
        Self::Sport,
        Self::Education,
        Self::Health,
        Self::Ecology,
        Self::Economy,
        Self::Tourism,
        Self::Official,
        Self::Youth,
    ];
}

/// How an event repeats: an RFC 5545 RRULE, exceptions, and an optional rotation of hosts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Recurrence {
    /// The RRULE value without the `RRULE:` prefix, e.g. `FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU`.
    pub rrule: String,
    /// Start dates of occurrences that do not take place.
    pub exdates: Vec<NaiveDate>,
    /// Hosts in turn: the first occurrence is hosted by the first city, and so on, cyclically.
    /// Occurrences removed by `exdates` do not take a turn.
    pub host_rotation: Vec<CityId>,
    /// Occurrences changed on their own («только это»), at most one per occurrence. An
    /// override whose occurrence the rule no longer gives is kept and listed
    /// ([`Event::orphan_overrides`]), never dropped.
    pub overrides: Vec<Override>,
}

/// One occurrence of a series changed on its own: the occurrence it replaces (the start
/// date the rule gives it, its iCalendar RECURRENCE-ID) and the fields that differ from the
/// series. A field left `None` follows the series. The occurrence keeps its place in the
/// host rotation: only `host_city` changes its host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Override {
    /// The start date the rule gives the replaced occurrence.
    pub recurrence_id: NaiveDate,
    /// Moved first day.
    pub start_date: Option<NaiveDate>,
    /// Moved last day.
    pub end_date: Option<NaiveDate>,
    /// Changed start time (of a timed series).
    pub start_time: Option<NaiveTime>,
    /// Changed end time (of a timed series).
    pub end_time: Option<NaiveTime>,
    /// Changed title.
    pub title: Option<Text>,
    /// Changed venue.
    pub venue: Option<String>,
    /// Changed host (the rotation's turn is kept for the occurrences after it).
    pub host_city: Option<CityId>,
    /// Changed description.
    pub description: Option<String>,
}

impl Default for Override {
    fn default() -> Self {
        Self {
            recurrence_id: NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default(),
            start_date: None,
            end_date: None,
            start_time: None,
            end_time: None,
            title: None,
            venue: None,
            host_city: None,
            description: None,
        }
    }
}

impl Override {
    /// Whether it changes nothing (a form saved «только это» without a change).
    pub fn is_empty(&self) -> bool {
        *self == Override { recurrence_id: self.recurrence_id, ..Override::default() }
    }
}

/// An event of the calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Event {
    /// Stable id.
    pub id: EventId,
    /// Title: Russian, and translations where there are some.
    pub title: Text,
    /// Sector.
    pub category: EventCategory,
    /// First day, in the time zone of the place.
    pub start_date: NaiveDate,
    /// Last day (inclusive).
    pub end_date: NaiveDate,
    /// Start time on the first day; none for an all-day event.
    pub start_time: Option<NaiveTime>,
    /// End time on the last day; none for an all-day event.
    pub end_time: Option<NaiveTime>,
    /// Time zone of the place.
    pub time_zone: Tz,
    /// Venue.
    pub venue: String,
    /// The hosting city (for a rotating event: the host of the first occurrence).
    pub host_city: Option<CityId>,
    /// Partner cities taking part.
    pub partner_cities: Vec<CityId>,
    /// How the event repeats, if it does.
    pub recurrence: Option<Recurrence>,
    /// Whether it belongs to the published calendar of tourist events.
    pub public: bool,
    /// Foreign participants (expected, then actual). For a recurring event the figure
    /// belongs to the occurrence on `start_date` only: a later year is not assumed to
    /// repeat it.
    pub foreign_participants: Option<u32>,
    /// The department's own notes: sources, doubts, arrangements. Never published: the
    /// public calendar (HTML, its PDF, `export ics --public`) leaves it out.
    pub description: String,
    /// The description published with the public calendar, in Russian and the translations.
    pub public_description: Text,
    /// iCalendar UID of an imported event, so importing the same file again finds it.
    /// Empty for events made here: their UID is derived from the id ([`Event::ical_uid`]).
    pub uid: String,
}

impl Default for Event {
    fn default() -> Self {
        let day = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
        Self {
            id: EventId::default(),
            title: Text::new(),
            category: EventCategory::default(),
            start_date: day,
            end_date: day,
            start_time: None,
            end_time: None,
            time_zone: chrono_tz::Asia::Vladivostok,
            venue: String::new(),
            host_city: None,
            partner_cities: Vec::new(),
            recurrence: None,
            public: false,
            foreign_participants: None,
            description: String::new(),
            public_description: Text::new(),
            uid: String::new(),
        }
    }
}

/// One occurrence of an event, with its host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// 0 for the first occurrence of the series; an override keeps its occurrence's index.
    pub index: usize,
    /// The start date the rule gives it (equal to `start_date` unless an override moved it).
    pub recurrence_id: NaiveDate,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day (inclusive).
    pub end_date: NaiveDate,
    /// Start time, for a timed event.
    pub start_time: Option<NaiveTime>,
    /// End time, for a timed event.
    pub end_time: Option<NaiveTime>,
    /// Who hosts this occurrence.
    pub host: Option<CityId>,
    /// The override that changed it: an index into `recurrence.overrides`.
    pub changed: Option<usize>,
}

/// Why a recurrence cannot be expanded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("RRULE «{rrule}»: {reason}")]
pub struct RecurrenceError {
    /// The rule text.
    pub rrule: String,
    /// What the rrule crate said.
    pub reason: String,
}

/// Most occurrences expanded in one call; an annual event over a century stays far below it.
const MAX_OCCURRENCES: usize = 5_000;

impl Event {
    /// The stable iCalendar UID: the imported one, or `id@pobratim`.
    pub fn ical_uid(&self) -> String {
        if self.uid.is_empty() { format!("{}@pobratim", self.id) } else { self.uid.clone() }
    }

    /// Start as a UTC instant, for a timed event (the local time in the event's zone).
    pub fn start_utc(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let t = self.start_time?;
        local_to_utc(self.time_zone, self.start_date, t)
    }

    /// End as a UTC instant, for a timed event.
    pub fn end_utc(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let t = self.end_time.or(self.start_time)?;
        local_to_utc(self.time_zone, self.end_date, t)
    }

    /// Whether the event lasts whole days (no times).
    pub fn is_all_day(&self) -> bool {
        self.start_time.is_none() && self.end_time.is_none()
    }

    /// Whether the end lies before the start.
    pub fn ends_before_start(&self) -> bool {
        if self.end_date != self.start_date {
            return self.end_date < self.start_date;
        }
        matches!((self.start_time, self.end_time), (Some(s), Some(e)) if e < s)
    }

    /// Checks the RRULE with the rrule crate, without expanding it.
    pub fn validate_recurrence(&self) -> Result<(), RecurrenceError> {
        match &self.recurrence {
            None => Ok(()),
            Some(r) => build_rrule_set(self.start_date, &r.rrule).map(|_| ()),
        }
    }

    /// The occurrences whose days touch `from..=to`, with the host of each, in order of
    /// their (possibly moved) start.
    ///
    /// All-day starts are expanded as plain dates (midnight UTC), as the rrule crate treats
    /// floating starts; times of day do not shift the date, so a 10:00 event stays at 10:00
    /// local time across a change to or from daylight saving.
    pub fn occurrences_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Occurrence>, RecurrenceError> {
        let length = self.end_date - self.start_date;
        let Some(rec) = &self.recurrence else {
            // Checked before building the occurrence: the calendar asks this of every event
            // on every frame, and most are outside the range.
            if self.start_date > to || self.end_date < from {
                return Ok(Vec::new());
            }
            let single = Occurrence {
                index: 0,
                recurrence_id: self.start_date,
                start_date: self.start_date,
                end_date: self.end_date,
                start_time: self.start_time,
                end_time: self.end_time,
                host: self.host_city.clone(),
                changed: None,
            };
            return Ok(vec![single]);
        };
        // An occurrence the rule puts after `to` may have been moved into the range.
        let horizon = rec
            .overrides
            .iter()
            .filter(|o| {
                let start = o.start_date.unwrap_or(o.recurrence_id);
                start <= to && o.end_date.unwrap_or(plus(start, length)) >= from
            })
            .map(|o| o.recurrence_id)
            .fold(to, NaiveDate::max);
        let mut out = Vec::new();
        self.expand(rec, horizon, |index, original| {
            let changed = rec.overrides.iter().position(|o| o.recurrence_id == original);
            let occ = self.occurrence(rec, index, original, changed);
            if occ.start_date <= to && occ.end_date >= from {
                out.push(occ);
            }
        })?;
        out.sort_by_key(|o| (o.start_date, o.index));
        Ok(out)
    }

    /// Walks the rule's occurrences up to `until` (their original starts), skipping the
    /// exception dates, with the index each takes in the host rotation.
    fn expand(
        &self,
        rec: &Recurrence,
        until: NaiveDate,
        mut each: impl FnMut(usize, NaiveDate),
    ) -> Result<(), RecurrenceError> {
        let set = build_rrule_set(self.start_date, &rec.rrule)?;
        let mut index = 0usize;
        for (n, dt) in set.into_iter().enumerate() {
            if n >= MAX_OCCURRENCES {
                break;
            }
            let start = dt.date_naive();
            if start > until {
                break;
            }
            if rec.exdates.contains(&start) {
                continue;
            }
            each(index, start);
            index += 1;
        }
        Ok(())
    }

    fn occurrence(&self, rec: &Recurrence, index: usize, original: NaiveDate, changed: Option<usize>) -> Occurrence {
        let length = self.end_date - self.start_date;
        let host = if rec.host_rotation.is_empty() {
            self.host_city.clone()
        } else {
            Some(rec.host_rotation[index % rec.host_rotation.len()].clone())
        };
        let mut occ = Occurrence {
            index,
            recurrence_id: original,
            start_date: original,
            end_date: plus(original, length),
            start_time: self.start_time,
            end_time: self.end_time,
            host,
            changed,
        };
        if let Some(o) = changed.and_then(|i| rec.overrides.get(i)) {
            occ.start_date = o.start_date.unwrap_or(original);
            occ.end_date = o.end_date.unwrap_or(plus(occ.start_date, length)).max(occ.start_date);
            occ.start_time = o.start_time.or(occ.start_time);
            occ.end_time = o.end_time.or(occ.end_time);
            if o.host_city.is_some() {
                occ.host = o.host_city.clone();
            }
        }
        occ
    }

    /// The occurrence the rule gives on `recurrence_id` (its original start date), with any
    /// override applied; none if the rule gives no occurrence that day.
    pub fn occurrence_at(&self, recurrence_id: NaiveDate) -> Option<Occurrence> {
        let Some(rec) = &self.recurrence else {
            return (recurrence_id == self.start_date).then(|| Occurrence {
                index: 0,
                recurrence_id,
                start_date: self.start_date,
                end_date: self.end_date,
                start_time: self.start_time,
                end_time: self.end_time,
                host: self.host_city.clone(),
                changed: None,
            });
        };
        let mut found = None;
        self.expand(rec, recurrence_id, |index, original| {
            if original == recurrence_id {
                found = Some(index);
            }
        })
        .ok()?;
        let changed = rec.overrides.iter().position(|o| o.recurrence_id == recurrence_id);
        found.map(|index| self.occurrence(rec, index, recurrence_id, changed))
    }

    /// Overrides whose occurrence the rule no longer gives (the rule, the start or the
    /// exceptions changed after them). They are kept and listed, never dropped silently.
    pub fn orphan_overrides(&self) -> Vec<&Override> {
        let Some(rec) = &self.recurrence else { return Vec::new() };
        if rec.overrides.is_empty() {
            return Vec::new();
        }
        let Some(until) = rec.overrides.iter().map(|o| o.recurrence_id).max() else { return Vec::new() };
        let mut given = std::collections::HashSet::new();
        if self
            .expand(rec, until, |_, original| {
                given.insert(original);
            })
            .is_err()
        {
            return Vec::new();
        }
        rec.overrides.iter().filter(|o| !given.contains(&o.recurrence_id)).collect()
    }

    /// The title of an occurrence: the override's, else the series'.
    pub fn occurrence_title<'a>(&'a self, occ: &Occurrence) -> &'a Text {
        self.override_of(occ).and_then(|o| o.title.as_ref()).unwrap_or(&self.title)
    }

    /// The venue of an occurrence: the override's, else the series'.
    pub fn occurrence_venue<'a>(&'a self, occ: &Occurrence) -> &'a str {
        self.override_of(occ).and_then(|o| o.venue.as_deref()).unwrap_or(&self.venue)
    }

    /// An occurrence as an event of its own: what the form shows when one occurrence is
    /// opened (its dates, times, title, venue, host and description; the rest the series').
    pub fn occurrence_as_event(&self, occ: &Occurrence) -> Event {
        let o = self.override_of(occ);
        Event {
            title: self.occurrence_title(occ).clone(),
            start_date: occ.start_date,
            end_date: occ.end_date,
            start_time: occ.start_time,
            end_time: occ.end_time,
            venue: self.occurrence_venue(occ).to_owned(),
            host_city: occ.host.clone(),
            description: o.and_then(|o| o.description.clone()).unwrap_or_else(|| self.description.clone()),
            ..self.clone()
        }
    }

    /// The host the series gives occurrence number `index` (the rotation's turn, or the host).
    fn series_host(&self, index: usize) -> Option<CityId> {
        match &self.recurrence {
            Some(r) if !r.host_rotation.is_empty() => Some(r.host_rotation[index % r.host_rotation.len()].clone()),
            _ => self.host_city.clone(),
        }
    }

    /// The override that makes occurrence `recurrence_id` look like `edited`: only the fields
    /// that differ from what the series gives it.
    pub fn override_for(&self, recurrence_id: NaiveDate, edited: &Event) -> Override {
        let length = self.end_date - self.start_date;
        let base_host = self.occurrence_at(recurrence_id).and_then(|o| self.series_host(o.index));
        let differs = |a: &String, b: &String| (a != b).then(|| a.clone());
        Override {
            recurrence_id,
            start_date: (edited.start_date != recurrence_id).then_some(edited.start_date),
            end_date: (edited.end_date != plus(edited.start_date, length)).then_some(edited.end_date),
            start_time: edited.start_time.filter(|t| Some(*t) != self.start_time),
            end_time: edited.end_time.filter(|t| Some(*t) != self.end_time),
            title: (edited.title != self.title).then(|| edited.title.clone()),
            venue: differs(&edited.venue, &self.venue),
            host_city: edited.host_city.clone().filter(|h| Some(h) != base_host.as_ref()),
            description: differs(&edited.description, &self.description),
        }
    }

    /// The series with occurrence `o.recurrence_id` changed as `o` says («только это»). An
    /// override that changes nothing is removed: the occurrence is the series' again.
    pub fn with_override(&self, o: Override) -> Event {
        let mut e = self.clone();
        if let Some(r) = e.recurrence.as_mut() {
            r.overrides.retain(|x| x.recurrence_id != o.recurrence_id);
            if !o.is_empty() {
                r.overrides.push(o);
                r.overrides.sort_by_key(|x| x.recurrence_id);
            }
        }
        e
    }

    /// The series without one occurrence («удалить только это»): an exception date, and its
    /// override gone.
    pub fn without_occurrence(&self, recurrence_id: NaiveDate) -> Event {
        let mut e = self.clone();
        if let Some(r) = e.recurrence.as_mut() {
            r.overrides.retain(|x| x.recurrence_id != recurrence_id);
            if !r.exdates.contains(&recurrence_id) {
                r.exdates.push(recurrence_id);
                r.exdates.sort();
            }
        }
        e
    }

    /// Whether `edited` differs from `shown` in what only a whole series can change: the
    /// rule, exceptions, rotation, category, zone, partners, publicity and the public
    /// description, figures.
    pub fn series_fields_differ(shown: &Event, edited: &Event) -> bool {
        let rule =
            |e: &Event| e.recurrence.as_ref().map(|r| (r.rrule.clone(), r.exdates.clone(), r.host_rotation.clone()));
        rule(shown) != rule(edited)
            || shown.category != edited.category
            || shown.time_zone != edited.time_zone
            || shown.partner_cities != edited.partner_cities
            || shown.public != edited.public
            || shown.public_description != edited.public_description
            || shown.foreign_participants != edited.foreign_participants
    }

    /// The series with the changes made to one shown occurrence applied to every occurrence
    /// («все»): each field the user changed (from `shown` to `edited`) changes in the series;
    /// a moved start moves the series by as many days. Overrides stay; any the rule no
    /// longer gives are listed by [`Event::orphan_overrides`].
    pub fn change_all(&self, shown: &Event, edited: &Event) -> Event {
        let mut e = self.clone();
        let shift = edited.start_date - shown.start_date;
        if shift != chrono::Duration::zero() || edited.end_date - edited.start_date != shown.end_date - shown.start_date
        {
            e.start_date = plus(self.start_date, shift);
            let length = if edited.end_date - edited.start_date != shown.end_date - shown.start_date {
                edited.end_date - edited.start_date
            } else {
                self.end_date - self.start_date
            };
            e.end_date = plus(e.start_date, length);
        }
        if edited.start_time != shown.start_time {
            e.start_time = edited.start_time;
        }
        if edited.end_time != shown.end_time {
            e.end_time = edited.end_time;
        }
        if edited.title != shown.title {
            e.title = edited.title.clone();
        }
        if edited.venue != shown.venue {
            e.venue = edited.venue.clone();
        }
        if edited.host_city != shown.host_city {
            e.host_city = edited.host_city.clone();
        }
        if edited.description != shown.description {
            e.description = edited.description.clone();
        }
        // What only a series has comes from the form as it is.
        let overrides = e.recurrence.as_ref().map(|r| r.overrides.clone()).unwrap_or_default();
        e.recurrence = edited.recurrence.clone().map(|mut r| {
            r.overrides = overrides;
            r
        });
        e.category = edited.category;
        e.time_zone = edited.time_zone;
        e.partner_cities = edited.partner_cities.clone();
        e.public = edited.public;
        e.public_description = edited.public_description.clone();
        e.foreign_participants = edited.foreign_participants;
        e
    }

    /// The override that changed an occurrence, if one did.
    pub fn override_of(&self, occ: &Occurrence) -> Option<&Override> {
        let rec = self.recurrence.as_ref()?;
        occ.changed.and_then(|i| rec.overrides.get(i))
    }
}

/// `date + span`, stopping at the calendar's ends: a hand-edited file may hold any dates,
/// and `NaiveDate + Duration` panics past them.
fn plus(date: NaiveDate, span: chrono::Duration) -> NaiveDate {
    date.checked_add_signed(span).unwrap_or(if span < chrono::Duration::zero() {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// A wall-clock time in `tz` as a UTC instant. In a DST gap the later reading is taken; in
/// an overlap, the earlier.
pub fn local_to_utc(tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::LocalResult;
    let naive = date.and_time(time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&chrono::Utc)),
        LocalResult::None => tz
            .from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&chrono::Utc)),
    }
}

/// «10:00 Ниигата (11:00 Хабаровск)»: a local time with the home city's time beside it,
/// omitted when both zones agree.
pub fn time_with_home(tz: Tz, date: NaiveDate, time: NaiveTime, place: &str, home: Tz, home_name: &str) -> String {
    let local = format!("{} {place}", time.format("%H:%M"));
    let Some(utc) = local_to_utc(tz, date, time) else { return local };
    let at_home = utc.with_timezone(&home);
    if at_home.naive_local() == date.and_time(time) {
        return local;
    }
    let day_note = if at_home.date_naive() != date { format!(" {}", at_home.format("%d.%m")) } else { String::new() };
    format!("{local} ({}{day_note} {home_name})", at_home.format("%H:%M"))
}

fn build_rrule_set(start: NaiveDate, rule: &str) -> Result<rrule::RRuleSet, RecurrenceError> {
    let err = |reason: String| RecurrenceError { rrule: rule.to_owned(), reason };
    let text = rule.trim().trim_start_matches("RRULE:");
    if text.is_empty() {
        return Err(err("пустое правило / empty rule".into()));
    }
    // The rrule crate (0.14) slices BYDAY values by bytes and panics on a non-ASCII letter
    // (found by tests/fuzz.rs): such a rule is refused here, with a reason.
    if let Some(c) = text.chars().find(|c| !c.is_ascii()) {
        return Err(err(format!(
            "недопустимый символ «{c}» (правило пишется латиницей) / character «{c}» not allowed"
        )));
    }
    let naive = start.and_time(NaiveTime::MIN);
    let dt_start = rrule::Tz::UTC.from_utc_datetime(&naive);
    // Starts are floating dates read as midnight UTC, and the crate wants UNTIL in UTC too:
    // a date (`UNTIL=20201231`, as RFC 5545 writes it for all-day events) means the end of
    // that day, and a floating time is read as UTC. The stored text is not changed.
    let text = text
        .split(';')
        .map(|part| match part.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("UNTIL") => {
                let v = v.trim();
                if v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()) {
                    format!("{k}={v}T235959Z")
                } else if v.len() == 15 && v.as_bytes().get(8) == Some(&b'T') {
                    format!("{k}={v}Z")
                } else {
                    part.to_owned()
                }
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";");
    let text = text.as_str();
    // A last guard: any other panic inside the crate becomes an error, not a crash.
    let built = std::panic::catch_unwind(|| {
        let parsed: rrule::RRule<rrule::Unvalidated> = text.parse().map_err(|e| format!("{e}"))?;
        parsed.build(dt_start).map_err(|e| format!("{e}"))
    });
    match built {
        Ok(result) => result.map_err(err),
        Err(_) => Err(err("правило не удалось прочитать / the rule could not be read".into())),
    }
}

#[cfg(test)]
mod tests;
