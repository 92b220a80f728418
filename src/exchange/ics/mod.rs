//! iCalendar (RFC 5545): export of events and delegation stays, and a tolerant import.
//!
//! Written by hand on purpose: the `icalendar` crate writes `TZID=` without a VTIMEZONE and
//! puts BYHOUR into all-day rules, and its parser cannot report the line of a broken event
//! and go on. Both halves here are pure (model ↔ text). Recurrence rules are checked with
//! the `rrule` crate.
//!
//! Export choices: timed events are written in the local time of their place with a TZID and
//! a VTIMEZONE (so a weekly 10:00 in Portland stays at 10:00 across daylight saving, and its
//! exceptions match), all-day events as dates with an exclusive DTEND. A series comes first,
//! then each changed occurrence with the same UID and a RECURRENCE-ID of the same value type
//! as DTSTART. Lines end in CRLF and are folded at 75 octets on character boundaries.
//!
//! Import groups the VEVENTs by UID before matching, so a series and its changed occurrences
//! arrive together, and importing the same file twice changes nothing.

use crate::model::Records as _;
use crate::model::event::local_to_utc;
use crate::model::{CityId, Delegation, Direction, Event, EventCategory, Model};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// What to export.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Only events and stays touching this year.
    pub year: Option<i32>,
    /// DTSTAMP of every component (the moment of export).
    pub now: DateTime<Utc>,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

fn unescape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Folds one content line to at most 75 octets per physical line, never splitting a UTF-8
/// character, and ends it with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0usize;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

fn date_value(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn utc_value(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_value(date: NaiveDate, time: NaiveTime) -> String {
    date.and_time(time).format("%Y%m%dT%H%M%S").to_string()
}

/// The RRULE as written for export. An all-day rule carries no BYHOUR, BYMINUTE or
/// BYSECOND and ends (UNTIL) on a date; a timed rule's UNTIL is a UTC time (RFC 5545
/// §3.3.10): a date becomes the last second of that day in the event's zone.
fn export_rrule(rule: &str, timed: Option<Tz>) -> String {
    rule.trim()
        .trim_start_matches("RRULE:")
        .split(';')
        .filter(|p| {
            let key = p.split('=').next().unwrap_or_default().to_ascii_uppercase();
            timed.is_some() || !matches!(key.as_str(), "BYHOUR" | "BYMINUTE" | "BYSECOND")
        })
        .map(|p| match p.split_once('=') {
            Some((k, v)) if k.eq_ignore_ascii_case("UNTIL") => {
                let date = v.get(..8).and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok());
                match (timed, date) {
                    (None, Some(d)) => format!("UNTIL={}", date_value(d)),
                    (Some(tz), Some(d)) if v.len() == 8 => local_to_utc(tz, d, end_of_day())
                        .map_or_else(|| p.to_owned(), |u| format!("UNTIL={}", utc_value(u))),
                    _ => p.to_owned(),
                }
            }
            _ => p.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
}

/// The RRULE as stored after import: a UTC UNTIL at the last second of a local day (as
/// [`export_rrule`] writes a date) reads back as that date.
fn import_rrule(rule: &str, timed: Option<Tz>) -> String {
    let Some(tz) = timed else { return rule.trim().to_owned() };
    rule.trim()
        .split(';')
        .map(|p| match p.split_once('=') {
            Some((k, v)) if k.eq_ignore_ascii_case("UNTIL") && v.len() == 16 && v.ends_with('Z') => {
                match NaiveDateTime::parse_from_str(&v[..15], "%Y%m%dT%H%M%S") {
                    Ok(t) => {
                        let local = t.and_utc().with_timezone(&tz).naive_local();
                        if local.time() == end_of_day() {
                            format!("{k}={}", date_value(local.date()))
                        } else {
                            p.to_owned()
                        }
                    }
                    Err(_) => p.to_owned(),
                }
            }
            _ => p.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

fn category_key(c: EventCategory) -> &'static str {
    match c {
        EventCategory::Culture => "culture",
        EventCategory::Sport => "sport",
        EventCategory::Education => "education",
        EventCategory::Health => "health",
        EventCategory::Ecology => "ecology",
        EventCategory::Economy => "economy",
        EventCategory::Tourism => "tourism",
        EventCategory::Official => "official",
        EventCategory::Youth => "youth",
    }
}

fn category_from(text: &str) -> Option<EventCategory> {
    let t = text.trim().to_lowercase();
    EventCategory::ALL.into_iter().find(|c| category_key(*c) == t).or(match t.as_str() {
        "культура" => Some(EventCategory::Culture),
        "спорт" => Some(EventCategory::Sport),
        "образование" => Some(EventCategory::Education),
        "здравоохранение" | "медицина" => Some(EventCategory::Health),
        "экология" => Some(EventCategory::Ecology),
        "экономика" | "бизнес" | "business" => Some(EventCategory::Economy),
        "туризм" => Some(EventCategory::Tourism),
        "официальные" | "официальное" => Some(EventCategory::Official),
        "молодёжь" | "молодежь" => Some(EventCategory::Youth),
        _ => None,
    })
}

fn touches_year(event: &Event, year: i32) -> bool {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    event.occurrences_between(from, to).is_ok_and(|o| !o.is_empty())
}

/// The years a timed event's VTIMEZONE must cover: its start to its end, and for a series
/// up to the year after `now` (the last rule is left open beyond).
fn zone_years(e: &Event, now: i32) -> (i32, i32) {
    let mut last = e.end_date.year();
    if let Some(r) = &e.recurrence {
        last = last.max(now + 1);
        for o in &r.overrides {
            last = last.max(o.end_date.or(o.start_date).unwrap_or(o.recurrence_id).year());
        }
    }
    (e.start_date.year(), last.max(e.start_date.year()))
}

/// The whole calendar as iCalendar text: a VTIMEZONE for each zone of a timed event, every
/// event (a series with its changed occurrences) and every delegation stay, optionally only
/// those touching one year.
pub fn export_ics(model: &Model, opts: &ExportOptions) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Pobratim//International department//RU".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text("Побратим — международные связи")),
    ];
    let stamp = utc_value(opts.now);
    let events: Vec<&Event> = model.events.records().filter(|e| opts.year.is_none_or(|y| touches_year(e, y))).collect();
    let mut zones: BTreeMap<&str, (Tz, i32, i32)> = BTreeMap::new();
    for e in events.iter().filter(|e| !e.is_all_day()) {
        let (a, b) = zone_years(e, opts.now.year());
        let span = zones.entry(e.time_zone.name()).or_insert((e.time_zone, a, b));
        span.1 = span.1.min(a);
        span.2 = span.2.max(b);
    }
    for (tz, a, b) in zones.values() {
        lines.extend(super::vtimezone::vtimezone(*tz, *a, *b));
    }
    for e in events {
        lines.extend(event_lines(model, e, &stamp));
    }
    for d in &model.delegations {
        if let Some(y) = opts.year
            && !(d.arrival.date.year() <= y && d.departure.date.year() >= y)
        {
            continue;
        }
        lines.extend(stay_lines(model, d, &stamp));
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

/// The public calendar of `year` as iCalendar text, for the city's website: each public
/// occurrence of the year as its own event, with the public fields only (title, dates,
/// times, place, category, the public description). The department's notes, the ids,
/// the host rotation and the visits stay out.
pub fn export_public_ics(model: &Model, year: i32, now: DateTime<Utc>) -> String {
    use crate::model::public::public_items;
    let items = public_items(model, year);
    let home = model.home_city().map(|c| format!("г. {}", c.name_ru)).unwrap_or_default();
    let name = [format!("Календарь событий {year} года"), home]
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" — ");
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Pobratim//Public calendar//RU".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(&name)),
    ];
    let stamp = utc_value(now);
    let mut zones: BTreeMap<&str, Tz> = BTreeMap::new();
    for i in items.iter().filter(|i| i.start_time.is_some()) {
        zones.insert(i.event.time_zone.name(), i.event.time_zone);
    }
    for tz in zones.values() {
        lines.extend(super::vtimezone::vtimezone(*tz, year, year));
    }
    for i in &items {
        // One UID per occurrence: the event's, with the day before its domain.
        let base = i.event.ical_uid();
        let uid = match base.split_once('@') {
            Some((local, domain)) => format!("{local}-{}@{domain}", date_value(i.start)),
            None => format!("{base}-{}", date_value(i.start)),
        };
        lines.extend(["BEGIN:VEVENT".to_owned(), format!("UID:{}", escape_text(&uid)), format!("DTSTAMP:{stamp}")]);
        lines.push(format!("SUMMARY:{}", escape_text(i.title.ru_text())));
        start_end_lines(&mut lines, i.event.time_zone, i.start, i.end, i.start_time, i.end_time);
        let place = i.place();
        if !place.is_empty() {
            lines.push(format!("LOCATION:{}", escape_text(&place)));
        }
        let description = i.description(crate::model::Language::Ru);
        if !description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape_text(description)));
        }
        lines.push(format!("CATEGORIES:{}", category_key(i.event.category).to_uppercase()));
        lines.push("CLASS:PUBLIC".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

/// DTSTART and DTEND: local times with the event's TZID, or dates with an exclusive end.
#[allow(clippy::too_many_arguments)]
fn start_end_lines(
    l: &mut Vec<String>,
    tz: Tz,
    start_date: NaiveDate,
    end_date: NaiveDate,
    start_time: Option<NaiveTime>,
    end_time: Option<NaiveTime>,
) {
    match start_time {
        Some(st) => {
            let zone = tz.name();
            let et = end_time.unwrap_or(st);
            let (end_date, et) = if (end_date, et) < (start_date, st) { (start_date, st) } else { (end_date, et) };
            l.push(format!("DTSTART;TZID={zone}:{}", local_value(start_date, st)));
            l.push(format!("DTEND;TZID={zone}:{}", local_value(end_date, et)));
        }
        None => {
            l.push(format!("DTSTART;VALUE=DATE:{}", date_value(start_date)));
            let end = end_date.max(start_date).succ_opt().unwrap_or(end_date);
            l.push(format!("DTEND;VALUE=DATE:{}", date_value(end)));
        }
    }
}

fn location(model: &Model, venue: &str, host: Option<&CityId>) -> String {
    let host = host.and_then(|c| model.city(c)).map(|c| c.name_ru.clone()).unwrap_or_default();
    [venue, host.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ")
}

fn event_lines(model: &Model, e: &Event, stamp: &str) -> Vec<String> {
    let uid = format!("UID:{}", escape_text(&e.ical_uid()));
    let mut l = vec!["BEGIN:VEVENT".to_owned(), uid.clone(), format!("DTSTAMP:{stamp}")];
    l.push(format!("SUMMARY:{}", escape_text(e.title.ru_text())));
    // An all-day event has no start time; a timed one keeps its times in its zone.
    let start_time = e.start_time;
    start_end_lines(&mut l, e.time_zone, e.start_date, e.end_date, start_time, e.end_time);
    let timed = start_time.map(|_| e.time_zone);
    if let Some(r) = &e.recurrence {
        l.push(format!("RRULE:{}", export_rrule(&r.rrule, timed)));
        if !r.exdates.is_empty() {
            match start_time {
                Some(st) => {
                    let values: Vec<String> = r.exdates.iter().map(|d| local_value(*d, st)).collect();
                    l.push(format!("EXDATE;TZID={}:{}", e.time_zone.name(), values.join(",")));
                }
                None => {
                    let values: Vec<String> = r.exdates.iter().map(|d| date_value(*d)).collect();
                    l.push(format!("EXDATE;VALUE=DATE:{}", values.join(",")));
                }
            }
        }
        if !r.host_rotation.is_empty() {
            let names: Vec<String> = r
                .host_rotation
                .iter()
                .map(|c| model.city(c).map_or_else(|| c.to_string(), |c| c.name_ru.clone()))
                .collect();
            l.push(format!(
                "X-POBRATIM-HOSTS:{}",
                r.host_rotation.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
            ));
            let note = format!("Принимающий город по очереди: {}", names.join(" → "));
            l.push(format!("COMMENT:{}", escape_text(&note)));
        }
    }
    let place = location(model, &e.venue, e.host_city.as_ref());
    if !place.is_empty() {
        l.push(format!("LOCATION:{}", escape_text(&place)));
    }
    if !e.description.is_empty() {
        l.push(format!("DESCRIPTION:{}", escape_text(&e.description)));
    }
    // Pobratim's own extras, in the order they have always been written.
    let tail = |l: &mut Vec<String>, host: Option<&CityId>, venue: &str| {
        l.push(format!("CATEGORIES:{}", category_key(e.category).to_uppercase()));
        l.push(format!("X-POBRATIM-ID:{}", e.id));
        if let Some(h) = host {
            l.push(format!("X-POBRATIM-HOST:{h}"));
        }
        l.push(format!("X-POBRATIM-TZ:{}", e.time_zone.name()));
        if !venue.is_empty() {
            l.push(format!("X-POBRATIM-VENUE:{}", escape_text(venue)));
        }
        l.push(if e.public { "CLASS:PUBLIC".into() } else { "CLASS:PRIVATE".into() });
    };
    tail(&mut l, e.host_city.as_ref(), &e.venue);
    l.push("END:VEVENT".into());
    // Each changed occurrence, after its series. One the rule no longer gives is not written:
    // no calendar program could place it (the checks list it in Pobratim).
    let orphans: Vec<NaiveDate> = e.orphan_overrides().iter().map(|o| o.recurrence_id).collect();
    for o in e.recurrence.iter().flat_map(|r| &r.overrides).filter(|o| !orphans.contains(&o.recurrence_id)) {
        let Some(occ) = e.occurrence_at(o.recurrence_id) else { continue };
        l.extend(["BEGIN:VEVENT".to_owned(), uid.clone(), format!("DTSTAMP:{stamp}")]);
        match start_time {
            Some(st) => {
                l.push(format!("RECURRENCE-ID;TZID={}:{}", e.time_zone.name(), local_value(o.recurrence_id, st)))
            }
            None => l.push(format!("RECURRENCE-ID;VALUE=DATE:{}", date_value(o.recurrence_id))),
        }
        l.push(format!("SUMMARY:{}", escape_text(e.occurrence_title(&occ).ru_text())));
        let (st, et) = if start_time.is_some() { (occ.start_time, occ.end_time) } else { (None, None) };
        start_end_lines(&mut l, e.time_zone, occ.start_date, occ.end_date, st, et);
        let venue = e.occurrence_venue(&occ);
        let place = location(model, venue, occ.host.as_ref());
        if !place.is_empty() {
            l.push(format!("LOCATION:{}", escape_text(&place)));
        }
        let description = o.description.as_deref().unwrap_or(&e.description);
        if !description.is_empty() {
            l.push(format!("DESCRIPTION:{}", escape_text(description)));
        }
        tail(&mut l, occ.host.as_ref(), venue);
        l.push("END:VEVENT".into());
    }
    l
}

fn stay_lines(model: &Model, d: &Delegation, stamp: &str) -> Vec<String> {
    let city = d.counterpart(model, crate::model::Lang::Ru);
    let direction = match d.direction {
        Direction::Incoming => "приём",
        Direction::Outgoing => "выезд",
    };
    let end = d.departure.date.max(d.arrival.date).succ_opt().unwrap_or(d.departure.date);
    vec![
        "BEGIN:VEVENT".into(),
        format!("UID:{}", escape_text(&format!("{}@pobratim-delegation", d.id))),
        format!("DTSTAMP:{stamp}"),
        format!("SUMMARY:{}", escape_text(&format!("Делегация ({direction}, {city}): {}", d.title.ru_text()))),
        format!("DTSTART;VALUE=DATE:{}", date_value(d.arrival.date)),
        format!("DTEND;VALUE=DATE:{}", date_value(end)),
        format!("DESCRIPTION:{}", escape_text(&d.purpose)),
        "CATEGORIES:DELEGATION".into(),
        "TRANSP:TRANSPARENT".into(),
        "CLASS:PRIVATE".into(),
        "END:VEVENT".into(),
    ]
}

mod import;
pub use import::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn cyrillic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    #[test]
    fn every_note_kind_speaks_russian_and_english() {
        let kinds = [
            NoteKind::NoColon,
            NoteKind::Unterminated,
            NoteKind::Truncated,
            NoteKind::NoStart,
            NoteKind::BadDate { property: "DTSTART".into(), value: "20161345".into() },
            NoteKind::BadDateTime { property: "DTEND".into(), value: "2016T25".into() },
            NoteKind::UnknownZone { tzid: "Mars/Olympus".into() },
            NoteKind::EndBeforeStart,
            NoteKind::BadRule { reason: "invalid FREQ".into() },
            NoteKind::NoUid,
            NoteKind::NoSeries,
            NoteKind::DuplicateUid,
            NoteKind::ThisAndFuture,
            NoteKind::UnknownOccurrence { value: "20170101".into() },
        ];
        for kind in kinds {
            let (ru, en) = (kind.message(Lang::Ru), kind.message(Lang::En));
            assert!(!ru.is_empty() && !en.is_empty(), "{kind:?}");
            assert!(!cyrillic(&en), "{kind:?}: English is not Cyrillic: {en}");
            // The rule's reason comes from the rrule crate, in English either way.
            if !matches!(kind, NoteKind::BadRule { .. }) {
                assert!(cyrillic(&ru), "{kind:?}: Russian is Cyrillic: {ru}");
                assert_ne!(ru, en, "{kind:?}");
            }
        }
    }

    #[test]
    fn the_russian_notes_are_what_the_import_always_said() {
        let note = |kind| Note { line: 1, kind }.message(Lang::Ru);
        assert_eq!(note(NoteKind::NoColon), "строка без «:» пропущена");
        assert_eq!(
            note(NoteKind::BadDate { property: "DTSTART".into(), value: "20161345".into() }),
            "DTSTART: неверная дата «20161345»"
        );
        assert_eq!(
            note(NoteKind::UnknownZone { tzid: "Mars/Olympus".into() }),
            "неизвестный часовой пояс «Mars/Olympus»: время принято как хабаровское"
        );
        assert_eq!(note(NoteKind::BadRule { reason: "x".into() }), "RRULE: x");
    }
}
