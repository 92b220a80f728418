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
    /// Description.
    pub description: String,
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
            uid: String::new(),
        }
    }
}

/// One occurrence of an event, with its host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// 0 for the first occurrence of the series.
    pub index: usize,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day (inclusive).
    pub end_date: NaiveDate,
    /// Who hosts this occurrence.
    pub host: Option<CityId>,
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

    /// The occurrences whose days touch `from..=to`, with the host of each.
    ///
    /// All-day starts are expanded as plain dates (midnight UTC), as the rrule crate treats
    /// floating starts; times of day do not shift the date.
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
                start_date: self.start_date,
                end_date: self.end_date,
                host: self.host_city.clone(),
            };
            return Ok(vec![single]);
        };
        let set = build_rrule_set(self.start_date, &rec.rrule)?;
        let mut out = Vec::new();
        let mut index = 0usize;
        for (n, dt) in set.into_iter().enumerate() {
            if n >= MAX_OCCURRENCES {
                break;
            }
            let start = dt.date_naive();
            if start > to {
                break;
            }
            if rec.exdates.contains(&start) {
                continue;
            }
            let end = start + length;
            if end >= from {
                let host = if rec.host_rotation.is_empty() {
                    self.host_city.clone()
                } else {
                    Some(rec.host_rotation[index % rec.host_rotation.len()].clone())
                };
                out.push(Occurrence { index, start_date: start, end_date: end, host });
            }
            index += 1;
        }
        Ok(out)
    }
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
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn conference() -> Event {
        Event {
            id: EventId::new("eco-conf"),
            title: "Трёхсторонняя экологическая конференция".into(),
            category: EventCategory::Ecology,
            start_date: d(2016, 10, 12),
            end_date: d(2016, 10, 14),
            host_city: Some(CityId::new("khabarovsk")),
            recurrence: Some(Recurrence {
                rrule: "FREQ=YEARLY".into(),
                exdates: vec![],
                host_rotation: vec!["khabarovsk".into(), "niigata".into(), "harbin".into()],
            }),
            ..Event::default()
        }
    }

    #[test]
    fn rotation_assigns_hosts_in_turn() {
        let occ = conference().occurrences_between(d(2016, 1, 1), d(2019, 12, 31)).expect("expand");
        let hosts: Vec<_> = occ.iter().map(|o| o.host.clone().map(|h| h.0)).collect();
        assert_eq!(
            hosts,
            vec![Some("khabarovsk".into()), Some("niigata".into()), Some("harbin".into()), Some("khabarovsk".into())]
        );
        assert_eq!(occ[1].start_date, d(2017, 10, 12));
        assert_eq!(occ[1].end_date, d(2017, 10, 14));
    }

    #[test]
    fn rotation_skips_cancelled_years() {
        let mut e = conference();
        if let Some(r) = e.recurrence.as_mut() {
            r.exdates.push(d(2017, 10, 12));
        }
        let occ = e.occurrences_between(d(2017, 1, 1), d(2018, 12, 31)).expect("expand");
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].start_date, d(2018, 10, 12));
        assert_eq!(occ[0].host, Some(CityId::new("niigata")));
    }

    #[test]
    fn window_starting_mid_series_keeps_rotation_index() {
        let occ = conference().occurrences_between(d(2021, 1, 1), d(2021, 12, 31)).expect("expand");
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].index, 5);
        assert_eq!(occ[0].host, Some(CityId::new("harbin")));
    }

    #[test]
    fn city_day_last_sunday_of_may() {
        let e = Event {
            start_date: d(2016, 5, 29),
            end_date: d(2016, 5, 29),
            recurrence: Some(Recurrence { rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU".into(), ..Recurrence::default() }),
            ..Event::default()
        };
        let occ = e.occurrences_between(d(2017, 1, 1), d(2017, 12, 31)).expect("expand");
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].start_date, d(2017, 5, 28));
    }

    #[test]
    fn single_event_inside_and_outside_window() {
        let e = Event { start_date: d(2016, 6, 1), end_date: d(2016, 6, 3), ..Event::default() };
        assert_eq!(e.occurrences_between(d(2016, 6, 3), d(2016, 6, 30)).expect("ok").len(), 1);
        assert!(e.occurrences_between(d(2016, 6, 4), d(2016, 6, 30)).expect("ok").is_empty());
    }

    #[test]
    fn niigata_time_with_khabarovsk_beside_it() {
        let text = time_with_home(
            chrono_tz::Asia::Tokyo,
            d(2016, 10, 12),
            NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
            "Ниигата",
            chrono_tz::Asia::Vladivostok,
            "Хабаровск",
        );
        assert_eq!(text, "10:00 Ниигата (11:00 Хабаровск)");
        let same = time_with_home(
            chrono_tz::Asia::Vladivostok,
            d(2016, 10, 12),
            NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
            "Хабаровск",
            chrono_tz::Asia::Vladivostok,
            "Хабаровск",
        );
        assert_eq!(same, "10:00 Хабаровск");
        let portland = time_with_home(
            chrono_tz::America::Los_Angeles,
            d(2016, 10, 12),
            NaiveTime::from_hms_opt(19, 0, 0).expect("time"),
            "Портленд",
            chrono_tz::Asia::Vladivostok,
            "Хабаровск",
        );
        assert_eq!(portland, "19:00 Портленд (12:00 13.10 Хабаровск)", "PDT is UTC−7, Khabarovsk UTC+10");
    }

    #[test]
    fn utc_of_timed_event() {
        let e = Event {
            start_date: d(2016, 10, 12),
            end_date: d(2016, 10, 12),
            start_time: NaiveTime::from_hms_opt(10, 0, 0),
            end_time: NaiveTime::from_hms_opt(12, 0, 0),
            time_zone: chrono_tz::Asia::Tokyo,
            ..Event::default()
        };
        assert_eq!(e.start_utc().map(|t| t.to_rfc3339()), Some("2016-10-12T01:00:00+00:00".into()));
        assert_eq!(e.end_utc().map(|t| t.to_rfc3339()), Some("2016-10-12T03:00:00+00:00".into()));
        assert_eq!(e.ical_uid(), "@pobratim");
    }

    #[test]
    fn invalid_rrule_is_reported() {
        let mut e = conference();
        if let Some(r) = e.recurrence.as_mut() {
            r.rrule = "FREQ=SOMETIMES".into();
        }
        let err = e.validate_recurrence().expect_err("must fail");
        assert!(err.to_string().contains("FREQ=SOMETIMES"));
        assert!(conference().validate_recurrence().is_ok());
    }

    #[test]
    fn a_non_latin_letter_in_a_rule_is_an_error_not_a_crash() {
        // The rrule crate panicked on this (found by tests/fuzz.rs).
        let mut e = conference();
        if let Some(r) = e.recurrence.as_mut() {
            r.rrule = "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SС".into();
        }
        let err = e.validate_recurrence().expect_err("refused");
        assert!(err.to_string().contains("«С»"), "{err}");
        assert!(e.occurrences_between(d(2016, 1, 1), d(2020, 1, 1)).is_err());
    }

    #[test]
    fn end_before_start_detects_dates_and_times() {
        let mut e = Event { start_date: d(2016, 6, 3), end_date: d(2016, 6, 1), ..Event::default() };
        assert!(e.ends_before_start());
        e.end_date = d(2016, 6, 3);
        assert!(!e.ends_before_start());
        e.start_time = NaiveTime::from_hms_opt(12, 0, 0);
        e.end_time = NaiveTime::from_hms_opt(10, 0, 0);
        assert!(e.ends_before_start());
    }
}
