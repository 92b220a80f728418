//! Reading iCalendar: unfolding, content lines, VEVENTs grouped by UID into series with
//! their changed occurrences, the notes on what was skipped or assumed, and the plan that
//! matches the result to the model.

use super::*;
use crate::exchange::windows_zones::resolve_tzid;
use crate::model::{EventId, Lang, Language, Override, Recurrence, Text, ids::is_valid_slug};
use chrono::NaiveDateTime;

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
    /// A changed occurrence (RECURRENCE-ID) whose series is not in the file (skipped).
    NoSeries,
    /// A second series with the UID of an earlier one (skipped).
    DuplicateUid,
    /// A change to an occurrence «and all after it» (RANGE=THISANDFUTURE), which Pobratim
    /// does not hold (skipped).
    ThisAndFuture,
    /// A changed occurrence whose RECURRENCE-ID the series' rule does not give: kept, and
    /// listed by the checks (a warning).
    UnknownOccurrence {
        /// The RECURRENCE-ID as written.
        value: String,
    },
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
            Self::NoSeries if ru => "изменённое событие серии (RECURRENCE-ID) без самой серии в файле".into(),
            Self::NoSeries => "a changed occurrence (RECURRENCE-ID) without its series in the file".into(),
            Self::DuplicateUid if ru => "второе событие с тем же UID".into(),
            Self::DuplicateUid => "a second event with the same UID".into(),
            Self::ThisAndFuture if ru => {
                "изменение «это и следующие» (RANGE=THISANDFUTURE) не поддерживается: пропущено".into()
            }
            Self::ThisAndFuture => "a change to «this and following» (RANGE=THISANDFUTURE) is not supported".into(),
            Self::UnknownOccurrence { value } if ru => {
                format!("RECURRENCE-ID «{value}» не совпадает ни с одним событием серии: сохранено для проверки")
            }
            Self::UnknownOccurrence { value } => {
                format!("RECURRENCE-ID «{value}» matches no occurrence of the series: kept for review")
            }
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
/// VCALENDARs. A broken event is skipped with its line; nothing panics. VEVENTs are grouped
/// by UID first: a series and its changed occurrences (RECURRENCE-ID) become one event.
pub fn parse_ics(text: &str, home: Tz) -> ParseReport {
    let mut report = ParseReport::default();
    let mut current: Option<(usize, Vec<Prop>)> = None;
    let mut nested: Vec<String> = Vec::new();
    let mut components: Vec<(usize, Vec<Prop>)> = Vec::new();
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
                if let Some(component) = current.take() {
                    components.push(component);
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
    // Group by UID, in the order each UID first appears; a VEVENT without a UID stands alone.
    let uid_of = |props: &[Prop]| {
        props
            .iter()
            .find(|p| p.name == "UID")
            .map(|p| unescape_text(&p.value).trim().to_owned())
            .filter(|u| !u.is_empty())
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_uid: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, (_, props)) in components.iter().enumerate() {
        match uid_of(props) {
            Some(uid) => match by_uid.get(&uid) {
                Some(&g) => groups[g].push(i),
                None => {
                    by_uid.insert(uid, groups.len());
                    groups.push(vec![i]);
                }
            },
            None => groups.push(vec![i]),
        }
    }
    for group in groups {
        let is_change = |i: &usize| components[*i].1.iter().any(|p| p.name == "RECURRENCE-ID");
        let (changes, masters): (Vec<usize>, Vec<usize>) = group.into_iter().partition(is_change);
        let mut series: Option<Event> = None;
        for (n, &i) in masters.iter().enumerate() {
            let (start, props) = &components[i];
            if n > 0 {
                report.skipped.push(Note { line: *start, kind: NoteKind::DuplicateUid });
                continue;
            }
            match build_event(*start, props, home, &mut report.warnings) {
                Ok(Some(event)) => series = Some(event),
                Ok(None) => report.ignored_stays += 1,
                Err(kind) => report.skipped.push(Note { line: *start, kind }),
            }
        }
        let Some(mut event) = series else {
            // A stay or a broken series takes its changes with it; changes alone say so.
            if masters.is_empty() {
                for &i in &changes {
                    report.skipped.push(Note { line: components[i].0, kind: NoteKind::NoSeries });
                }
            }
            continue;
        };
        let line = masters.first().map_or(0, |&i| components[i].0);
        for &i in &changes {
            let (start, props) = &components[i];
            match build_override(&event, *start, props, home, &mut report.warnings) {
                Ok(Change::Moved(o)) => {
                    if let Some(r) = event.recurrence.as_mut() {
                        r.overrides.retain(|x| x.recurrence_id != o.recurrence_id);
                        r.overrides.push(o);
                    }
                }
                Ok(Change::Cancelled(day)) => {
                    if let Some(r) = event.recurrence.as_mut()
                        && !r.exdates.contains(&day)
                    {
                        r.exdates.push(day);
                    }
                }
                Err(kind) => report.skipped.push(Note { line: *start, kind }),
            }
        }
        if let Some(r) = event.recurrence.as_mut() {
            r.overrides.sort_by_key(|o| o.recurrence_id);
        }
        report.events.push(Parsed { line, event });
    }
    report.skipped.sort_by_key(|n| n.line);
    report
}

/// What a VEVENT with a RECURRENCE-ID does to its series.
enum Change {
    /// Changes one occurrence.
    Moved(Override),
    /// Cancels one occurrence (STATUS:CANCELLED): an exception date.
    Cancelled(NaiveDate),
}

/// A changed occurrence as an override of `series`: the fields that differ from what the
/// series gives that occurrence.
fn build_override(
    series: &Event,
    line: usize,
    props: &[Prop],
    home: Tz,
    warnings: &mut Vec<Note>,
) -> Result<Change, NoteKind> {
    let get = |name: &str| props.iter().find(|p| p.name == name);
    let rid = get("RECURRENCE-ID").ok_or(NoteKind::NoSeries)?;
    if rid.param("RANGE").is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE")) {
        return Err(NoteKind::ThisAndFuture);
    }
    if series.recurrence.is_none() {
        return Err(NoteKind::NoSeries);
    }
    let in_series_zone = |dt: NaiveDateTime, tz: Tz| {
        if tz == series.time_zone {
            dt
        } else {
            local_to_utc(tz, dt.date(), dt.time()).map_or(dt, |u| u.with_timezone(&series.time_zone).naive_local())
        }
    };
    let recurrence_id = match parse_when(rid, series.time_zone, warnings)? {
        When::Date(d) => d,
        When::Local(dt, tz) => in_series_zone(dt, tz).date(),
    };
    if get("STATUS").is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED")) {
        return Ok(Change::Cancelled(recurrence_id));
    }
    let Some(changed) = build_event(line, props, home, warnings)? else { return Err(NoteKind::NoSeries) };
    let occ = series.occurrence_at(recurrence_id);
    if occ.is_none() {
        warnings
            .push(Note { line: rid.line, kind: NoteKind::UnknownOccurrence { value: rid.value.trim().to_owned() } });
    }
    // Its dates and times, read in the series' zone.
    let (mut start_date, mut end_date, mut start_time, mut end_time) =
        (changed.start_date, changed.end_date, changed.start_time, changed.end_time);
    if let (Some(st), Some(et)) = (start_time, end_time) {
        let s = in_series_zone(start_date.and_time(st), changed.time_zone);
        let e = in_series_zone(end_date.and_time(et), changed.time_zone);
        (start_date, start_time, end_date, end_time) = (s.date(), Some(s.time()), e.date(), Some(e.time()));
    }
    // iCalendar carries the Russian title only: the same Russian title is no change.
    let title =
        if changed.title.ru_text() == series.title.ru_text() { series.title.clone() } else { changed.title.clone() };
    let edited = Event { start_date, end_date, start_time, end_time, title, ..changed };
    Ok(Change::Moved(series.override_for(recurrence_id, &edited)))
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
        let timed = e.start_time.map(|_| e.time_zone);
        let rrule = import_rrule(&r.value, timed);
        e.recurrence = Some(Recurrence { rrule, exdates, host_rotation, overrides: Vec::new() });
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
                // The public description is Pobratim's own (the file's DESCRIPTION is the
                // department's notes): importing never wipes it.
                merged.public_description = existing.public_description.clone();
                // Changed occurrences: the file's replace those of the same day; ones the
                // file does not name are kept. Their translations stay too.
                if let (Some(r), Some(old)) = (merged.recurrence.as_mut(), existing.recurrence.as_ref()) {
                    for o in &mut r.overrides {
                        let before = old.overrides.iter().find(|x| x.recurrence_id == o.recurrence_id);
                        if let (Some(title), Some(Some(kept))) = (o.title.as_mut(), before.map(|b| b.title.as_ref())) {
                            *title = kept.clone().with(Language::Ru, title.ru_text().to_owned());
                        }
                    }
                    for o in &old.overrides {
                        if !r.overrides.iter().any(|x| x.recurrence_id == o.recurrence_id) {
                            r.overrides.push(o.clone());
                        }
                    }
                    r.overrides.sort_by_key(|o| o.recurrence_id);
                }
                merged.foreign_participants = existing.foreign_participants;
                if merged.host_city.is_none() {
                    merged.host_city = existing.host_city.clone();
                }
                if merged == **existing {
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
