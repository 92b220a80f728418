//! iCalendar (RFC 5545): export of events and delegation stays, and a tolerant import.
//!
//! Written by hand on purpose: the `icalendar` crate writes `TZID=` without a VTIMEZONE and
//! puts BYHOUR into all-day rules, and its parser cannot report the line of a broken event
//! and go on. Both halves here are pure (model ↔ text). Recurrence rules are checked with
//! the `rrule` crate.
//!
//! Export choices: timed events are written in UTC (`…Z`), all-day events as dates with an
//! exclusive DTEND, lines end in CRLF and are folded at 75 octets on character boundaries.

use super::windows_zones::resolve_tzid;
use crate::model::{
    CityId, Delegation, Direction, Event, EventCategory, EventId, Lang, Language, Model, Recurrence, Text,
    ids::is_valid_slug,
};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

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

/// An RRULE for an all-day event must not carry BYHOUR, BYMINUTE or BYSECOND.
fn all_day_rrule(rule: &str) -> String {
    rule.trim()
        .trim_start_matches("RRULE:")
        .split(';')
        .filter(|p| {
            let key = p.split('=').next().unwrap_or_default().to_ascii_uppercase();
            !matches!(key.as_str(), "BYHOUR" | "BYMINUTE" | "BYSECOND")
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

/// The whole calendar as iCalendar text: every event (with its recurrence) and every
/// delegation stay, optionally only those touching one year.
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
    for e in &model.events {
        if opts.year.is_some_and(|y| !touches_year(e, y)) {
            continue;
        }
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

fn event_lines(model: &Model, e: &Event, stamp: &str) -> Vec<String> {
    let mut l =
        vec!["BEGIN:VEVENT".to_owned(), format!("UID:{}", escape_text(&e.ical_uid())), format!("DTSTAMP:{stamp}")];
    l.push(format!("SUMMARY:{}", escape_text(e.title.ru_text())));
    match (e.start_utc(), e.end_utc()) {
        (Some(start), Some(end)) if !e.is_all_day() => {
            l.push(format!("DTSTART:{}", utc_value(start)));
            l.push(format!("DTEND:{}", utc_value(end.max(start))));
        }
        _ => {
            l.push(format!("DTSTART;VALUE=DATE:{}", date_value(e.start_date)));
            let end = e.end_date.max(e.start_date).succ_opt().unwrap_or(e.end_date);
            l.push(format!("DTEND;VALUE=DATE:{}", date_value(end)));
        }
    }
    if let Some(r) = &e.recurrence {
        let timed = !e.is_all_day();
        let rule = if timed { r.rrule.trim().trim_start_matches("RRULE:").to_owned() } else { all_day_rrule(&r.rrule) };
        l.push(format!("RRULE:{rule}"));
        if !r.exdates.is_empty() {
            if timed {
                let values: Vec<String> = r
                    .exdates
                    .iter()
                    .filter_map(|d| {
                        crate::model::event::local_to_utc(e.time_zone, *d, e.start_time.unwrap_or(NaiveTime::MIN))
                    })
                    .map(utc_value)
                    .collect();
                l.push(format!("EXDATE:{}", values.join(",")));
            } else {
                let values: Vec<String> = r.exdates.iter().map(|d| date_value(*d)).collect();
                l.push(format!("EXDATE;VALUE=DATE:{}", values.join(",")));
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
    let host = e.host_city.as_ref().and_then(|c| model.city(c)).map(|c| c.name_ru.clone()).unwrap_or_default();
    let location =
        [e.venue.as_str(), host.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
    if !location.is_empty() {
        l.push(format!("LOCATION:{}", escape_text(&location)));
    }
    if !e.description.is_empty() {
        l.push(format!("DESCRIPTION:{}", escape_text(&e.description)));
    }
    l.push(format!("CATEGORIES:{}", category_key(e.category).to_uppercase()));
    l.push(format!("X-POBRATIM-ID:{}", e.id));
    if let Some(h) = &e.host_city {
        l.push(format!("X-POBRATIM-HOST:{h}"));
    }
    l.push(format!("X-POBRATIM-TZ:{}", e.time_zone.name()));
    if !e.venue.is_empty() {
        l.push(format!("X-POBRATIM-VENUE:{}", escape_text(&e.venue)));
    }
    if e.public {
        l.push("CLASS:PUBLIC".into());
    } else {
        l.push("CLASS:PRIVATE".into());
    }
    l.push("END:VEVENT".into());
    l
}

fn stay_lines(model: &Model, d: &Delegation, stamp: &str) -> Vec<String> {
    let city = model.city(&d.partner_city).map_or_else(|| d.partner_city.to_string(), |c| c.name_ru.clone());
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

/// An event read from a file, with the line its VEVENT began on.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// Line of `BEGIN:VEVENT` (1-based).
    pub line: usize,
    /// The event.
    pub event: Event,
}

/// What was left out or guessed, with the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Line (1-based) of the VEVENT or property.
    pub line: usize,
    /// What happened; [`Note::message`] says it in Russian or English.
    pub kind: NoteKind,
}

impl Note {
    /// What happened, in Russian or English (the line is the caller's to show).
    pub fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }
}

/// Why an event was skipped, or what was assumed while reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// A content line inside a VEVENT had no `:` and was dropped (a warning).
    NoColon,
    /// A VEVENT began before the previous one ended (that one is skipped).
    Unterminated,
    /// The file ended inside a VEVENT (that one is skipped).
    Truncated,
    /// The event has no DTSTART (skipped).
    NoStart,
    /// A date value that is not `yyyymmdd`.
    BadDate {
        /// The property (DTSTART, DTEND, EXDATE).
        property: String,
        /// The value as written.
        value: String,
    },
    /// A date-time value that is not `yyyymmddThhmmss[Z]`.
    BadDateTime {
        /// The property (DTSTART, DTEND, EXDATE).
        property: String,
        /// The value as written.
        value: String,
    },
    /// A TZID no zone table knows: the time was read in the home zone (a warning).
    UnknownZone {
        /// The TZID as written.
        tzid: String,
    },
    /// DTEND is before DTSTART (skipped).
    EndBeforeStart,
    /// The RRULE does not parse or expand (skipped).
    BadRule {
        /// The rrule crate's reason.
        reason: String,
    },
    /// The event has no UID, so one was made from its title and date (a warning).
    NoUid,
}

impl NoteKind {
    /// The note in Russian or English. The Russian text is what the import has always said.
    pub fn message(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        match self {
            Self::NoColon if ru => "строка без «:» пропущена".into(),
            Self::NoColon => "a line without «:» was skipped".into(),
            Self::Unterminated if ru => "VEVENT без END:VEVENT".into(),
            Self::Unterminated => "VEVENT without END:VEVENT".into(),
            Self::Truncated if ru => "файл оборвался внутри VEVENT".into(),
            Self::Truncated => "the file ends inside a VEVENT".into(),
            Self::NoStart if ru => "нет DTSTART".into(),
            Self::NoStart => "no DTSTART".into(),
            Self::BadDate { property, value } if ru => format!("{property}: неверная дата «{value}»"),
            Self::BadDate { property, value } => format!("{property}: invalid date «{value}»"),
            Self::BadDateTime { property, value } if ru => format!("{property}: неверная дата и время «{value}»"),
            Self::BadDateTime { property, value } => format!("{property}: invalid date and time «{value}»"),
            Self::UnknownZone { tzid } if ru => {
                format!("неизвестный часовой пояс «{tzid}»: время принято как хабаровское")
            }
            Self::UnknownZone { tzid } => format!("unknown time zone «{tzid}»: the time is taken as Khabarovsk time"),
            Self::EndBeforeStart if ru => "DTEND раньше DTSTART".into(),
            Self::EndBeforeStart => "DTEND is before DTSTART".into(),
            Self::BadRule { reason } => format!("RRULE: {reason}"),
            Self::NoUid if ru => "нет UID: создан по названию и дате".into(),
            Self::NoUid => "no UID: one was made from the title and date".into(),
        }
    }
}

/// The result of reading an iCalendar file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParseReport {
    /// VCALENDAR blocks seen.
    pub calendars: usize,
    /// Events read.
    pub events: Vec<Parsed>,
    /// Events skipped, each with its line and reason.
    pub skipped: Vec<Note>,
    /// Events read with an assumption (an unknown time zone, a dropped rule…).
    pub warnings: Vec<Note>,
    /// Delegation stays exported by Pobratim itself, recognised and not imported as events.
    pub ignored_stays: usize,
}

/// One content line: name, parameters, value, and the line it starts on.
#[derive(Clone, Debug)]
struct Prop {
    line: usize,
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Prop {
    fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str())
    }
}

/// Unfolds physical lines into logical ones, keeping each one's first line number.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix(' ').or_else(|| raw.strip_prefix('\t'))
            && let Some(last) = out.last_mut()
        {
            last.1.push_str(rest);
            continue;
        }
        if !raw.trim().is_empty() {
            out.push((i + 1, raw.to_owned()));
        }
    }
    out
}

/// Splits `NAME;P=V;Q="a:b":value`. Returns None for a line without a colon.
fn parse_prop(line: usize, text: &str) -> Option<Prop> {
    let mut in_quotes = false;
    let mut colon = None;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?.trim().to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    let params = parts
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_uppercase(), v.trim().trim_matches('"').to_owned()))
        .collect();
    Some(Prop { line, name, params, value: value.to_owned() })
}

/// A date or date-time value with how it was zoned.
enum When {
    Date(NaiveDate),
    Local(NaiveDateTime, Tz),
}

fn parse_when(p: &Prop, home: Tz, warnings: &mut Vec<Note>) -> Result<When, NoteKind> {
    let v = p.value.trim();
    let is_date =
        p.param("VALUE").is_some_and(|x| x.eq_ignore_ascii_case("DATE")) || (v.len() == 8 && !v.contains('T'));
    if is_date {
        return NaiveDate::parse_from_str(v, "%Y%m%d")
            .map(When::Date)
            .map_err(|_| NoteKind::BadDate { property: p.name.clone(), value: v.to_owned() });
    }
    let (body, utc) = match v.strip_suffix('Z').or_else(|| v.strip_suffix('z')) {
        Some(b) => (b, true),
        None => (v, false),
    };
    let naive = NaiveDateTime::parse_from_str(body, "%Y%m%dT%H%M%S")
        .or_else(|_| NaiveDateTime::parse_from_str(body, "%Y%m%dT%H%M"))
        .map_err(|_| NoteKind::BadDateTime { property: p.name.clone(), value: v.to_owned() })?;
    if utc {
        let local = naive.and_utc().with_timezone(&home).naive_local();
        return Ok(When::Local(local, home));
    }
    match p.param("TZID") {
        Some(id) => match resolve_tzid(id) {
            Some(tz) => Ok(When::Local(naive, tz)),
            None => {
                warnings.push(Note { line: p.line, kind: NoteKind::UnknownZone { tzid: id.to_owned() } });
                Ok(When::Local(naive, home))
            }
        },
        None => Ok(When::Local(naive, home)),
    }
}

/// A stable id for an imported event: its own id when Pobratim exported it, else one made
/// from the UID.
fn id_for(uid: &str, own: Option<&str>) -> EventId {
    if let Some(own) = own.map(str::trim)
        && is_valid_slug(own)
    {
        return EventId::new(own);
    }
    // FNV-1a: stable across runs and platforms (std's hasher is not).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in uid.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    EventId(format!("ics-{h:016x}"))
}

/// Reads iCalendar text, tolerating what real files do: a BOM, any line ends, folded lines,
/// Windows zone names, missing UIDs, unknown properties and components, several
/// VCALENDARs. A broken event is skipped with its line; nothing panics.
pub fn parse_ics(text: &str, home: Tz) -> ParseReport {
    let mut report = ParseReport::default();
    let mut current: Option<(usize, Vec<Prop>)> = None;
    let mut nested: Vec<String> = Vec::new();
    for (line, raw) in unfold(text) {
        let Some(prop) = parse_prop(line, &raw) else {
            if current.is_some() && nested.is_empty() {
                report.warnings.push(Note { line, kind: NoteKind::NoColon });
            }
            continue;
        };
        let value_upper = prop.value.trim().to_ascii_uppercase();
        match prop.name.as_str() {
            "BEGIN" if value_upper == "VCALENDAR" => report.calendars += 1,
            "BEGIN" if value_upper == "VEVENT" && nested.is_empty() => {
                if let Some((start, _)) = current.take() {
                    report.skipped.push(Note { line: start, kind: NoteKind::Unterminated });
                }
                current = Some((line, Vec::new()));
            }
            "BEGIN" => nested.push(value_upper),
            "END" if !nested.is_empty() => {
                nested.pop();
            }
            "END" if value_upper == "VEVENT" => {
                if let Some((start, props)) = current.take() {
                    match build_event(start, &props, home, &mut report.warnings) {
                        Ok(Some(event)) => report.events.push(Parsed { line: start, event }),
                        Ok(None) => report.ignored_stays += 1,
                        Err(kind) => report.skipped.push(Note { line: start, kind }),
                    }
                }
            }
            _ => {
                if nested.is_empty()
                    && let Some((_, props)) = current.as_mut()
                {
                    props.push(prop);
                }
            }
        }
    }
    if let Some((start, _)) = current {
        report.skipped.push(Note { line: start, kind: NoteKind::Truncated });
    }
    report
}

fn build_event(line: usize, props: &[Prop], home: Tz, warnings: &mut Vec<Note>) -> Result<Option<Event>, NoteKind> {
    let get = |name: &str| props.iter().find(|p| p.name == name);
    if get("CATEGORIES").is_some_and(|c| c.value.trim().eq_ignore_ascii_case("DELEGATION")) {
        return Ok(None);
    }
    let start = get("DTSTART").ok_or(NoteKind::NoStart)?;
    let start = parse_when(start, home, warnings)?;
    let end = match get("DTEND") {
        Some(p) => Some(parse_when(p, home, warnings)?),
        None => None,
    };
    let title = get("SUMMARY").map(|p| unescape_text(&p.value)).unwrap_or_default();
    let title = if title.trim().is_empty() { "(без названия)".to_owned() } else { title.trim().to_owned() };
    let summary_for_uid = title.clone();
    let mut e = Event { title: Text::ru(title), ..Event::default() };
    match (start, end) {
        (When::Date(s), end) => {
            e.start_date = s;
            e.end_date = match end {
                // An all-day DTEND is the day after the last one.
                Some(When::Date(d)) if d > s => d.pred_opt().unwrap_or(d),
                Some(When::Date(d)) if d < s => return Err(NoteKind::EndBeforeStart),
                Some(When::Local(dt, _)) if dt.date() < s => return Err(NoteKind::EndBeforeStart),
                Some(When::Date(_)) | None => s,
                Some(When::Local(dt, _)) => dt.date(),
            };
            e.time_zone = home;
        }
        (When::Local(s, tz), end) => {
            e.time_zone = tz;
            e.start_date = s.date();
            e.start_time = Some(s.time());
            let end_local = match end {
                Some(When::Local(dt, etz)) if etz == tz => dt,
                Some(When::Local(dt, etz)) => crate::model::event::local_to_utc(etz, dt.date(), dt.time())
                    .map_or(dt, |u| u.with_timezone(&tz).naive_local()),
                Some(When::Date(d)) => d.and_time(s.time()),
                None => s,
            };
            e.end_date = end_local.date();
            e.end_time = Some(end_local.time());
        }
    }
    if e.ends_before_start() {
        return Err(NoteKind::EndBeforeStart);
    }
    if let Some(r) = get("RRULE") {
        let mut exdates = Vec::new();
        for ex in props.iter().filter(|p| p.name == "EXDATE") {
            for v in ex.value.split(',') {
                let p = Prop { value: v.to_owned(), ..ex.clone() };
                match parse_when(&p, e.time_zone, warnings) {
                    Ok(When::Date(d)) => exdates.push(d),
                    Ok(When::Local(dt, _)) => exdates.push(dt.date()),
                    Err(kind) => warnings.push(Note { line: ex.line, kind }),
                }
            }
        }
        let host_rotation: Vec<CityId> = get("X-POBRATIM-HOSTS")
            .map(|p| p.value.split(',').map(str::trim).filter(|s| is_valid_slug(s)).map(CityId::new).collect())
            .unwrap_or_default();
        e.recurrence = Some(Recurrence { rrule: r.value.trim().to_owned(), exdates, host_rotation });
        e.validate_recurrence().map_err(|err| NoteKind::BadRule { reason: err.reason })?;
    }
    // Pobratim's own export names the place's zone: restore local times in it.
    if let Some(tz) = get("X-POBRATIM-TZ").and_then(|p| p.value.trim().parse::<Tz>().ok()) {
        let to_zone = |date: NaiveDate, time: Option<NaiveTime>| {
            time.and_then(|t| crate::model::event::local_to_utc(e.time_zone, date, t))
                .map(|u| u.with_timezone(&tz).naive_local())
        };
        if let (Some(s), Some(en)) = (to_zone(e.start_date, e.start_time), to_zone(e.end_date, e.end_time)) {
            e.start_date = s.date();
            e.start_time = Some(s.time());
            e.end_date = en.date();
            e.end_time = Some(en.time());
        }
        e.time_zone = tz;
    }
    e.venue = get("X-POBRATIM-VENUE").or(get("LOCATION")).map(|p| unescape_text(&p.value)).unwrap_or_default();
    e.description = get("DESCRIPTION").map(|p| unescape_text(&p.value)).unwrap_or_default();
    e.category =
        get("CATEGORIES").and_then(|p| p.value.split(',').find_map(category_from)).unwrap_or(EventCategory::Culture);
    e.public = get("CLASS").is_some_and(|p| p.value.trim().eq_ignore_ascii_case("PUBLIC"));
    e.host_city = get("X-POBRATIM-HOST").map(|p| p.value.trim()).filter(|s| is_valid_slug(s)).map(CityId::new);
    let uid = get("UID").map(|p| unescape_text(&p.value).trim().to_owned()).filter(|u| !u.is_empty());
    let uid = uid.unwrap_or_else(|| {
        warnings.push(Note { line, kind: NoteKind::NoUid });
        format!("{}-{}", summary_for_uid, e.start_date)
    });
    e.id = id_for(&uid, get("X-POBRATIM-ID").map(|p| p.value.as_str()));
    e.uid = uid;
    Ok(Some(e))
}

/// What importing a report into a model would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    /// Events that are new.
    pub added: Vec<Event>,
    /// Events whose UID exists and whose content changed.
    pub updated: Vec<Event>,
    /// Events already present unchanged.
    pub unchanged: usize,
}

/// Matches parsed events to the model by UID (an exported event's UID is `id@pobratim`),
/// so the same file imported twice adds nothing the second time.
pub fn plan_import(model: &Model, report: &ParseReport) -> ImportPlan {
    let mut plan = ImportPlan::default();
    for p in &report.events {
        let incoming = &p.event;
        match model.events.iter().find(|e| e.ical_uid() == incoming.uid || e.id == incoming.id) {
            Some(existing) => {
                let mut merged = incoming.clone();
                merged.id = existing.id.clone();
                merged.uid = existing.uid.clone();
                // Keep what iCalendar cannot carry.
                // iCalendar carries the Russian title only: the translations stay.
                let ru = merged.title.ru_text().to_owned();
                merged.title = existing.title.clone().with(Language::Ru, ru);
                merged.partner_cities = existing.partner_cities.clone();
                merged.foreign_participants = existing.foreign_participants;
                if merged.host_city.is_none() {
                    merged.host_city = existing.host_city.clone();
                }
                if &merged == existing {
                    plan.unchanged += 1;
                } else {
                    plan.updated.push(merged);
                }
            }
            None => {
                if !plan.added.iter().any(|a| a.uid == incoming.uid) {
                    plan.added.push(incoming.clone());
                }
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

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
