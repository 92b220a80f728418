//! Checks over the model: pure functions that return findings with a severity.
//!
//! Each check of DESIGN.md §3 is its own function taking the model (and `today` where the
//! answer depends on it), so each can be tested alone. [`run_checks`] runs them all.
//! Forward-looking checks (passports, visas, consent, programme gaps, overdue tasks) skip
//! delegations that are done or cancelled: history is not a to-do list.

use super::date::{add_months, fmt_date, ranges_overlap};
use super::delegation::{Delegation, DelegationStatus, VisaStatus};
use super::ids::{CityId, DelegationId, EventId, PersonId, RecordId};
use super::{City, Model};
use chrono::{NaiveDate, NaiveTime};
// Maps that are iterated to produce findings are BTreeMaps, so the findings come in the
// same order on every run (a HashMap reorders them from run to run).
use std::collections::{BTreeMap, HashSet};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Broken data or a plan that cannot work.
    Error,
    /// Needs attention.
    Warning,
    /// Worth knowing.
    Info,
}

/// The language a finding (and the UI) is told in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// Russian, the default.
    #[default]
    Ru,
    /// English.
    En,
}

/// What was found, with the facts needed to say it in any language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// Two records of one collection share an id.
    DuplicateId {
        /// Collection name (`cities`, `people`, …).
        collection: &'static str,
        /// The id.
        id: String,
    },
    /// A reference to a city that does not exist.
    MissingCity(CityId),
    /// A reference to a person who does not exist.
    MissingPerson(PersonId),
    /// A reference to an event that does not exist.
    MissingEvent(EventId),
    /// An end lies before its start.
    EndBeforeStart,
    /// An RRULE the rrule crate rejects.
    InvalidRrule(String),
    /// A person is a member of two delegations whose stays overlap.
    DoubleBooked {
        /// Who.
        person: String,
        /// The other delegation.
        other: DelegationId,
    },
    /// A person (interpreter or responsible) is due at two programme items at once.
    ProgrammeClash {
        /// Who.
        person: String,
        /// The day.
        date: NaiveDate,
        /// The delegation of the other item.
        other: DelegationId,
    },
    /// The same gift already went to the same partner city in an earlier delegation.
    RepeatedGift {
        /// The gift.
        item: String,
        /// The earlier delegation.
        earlier: DelegationId,
    },
    /// Two events overlap at the same venue.
    VenueClash {
        /// The venue.
        venue: String,
        /// The other event.
        other: EventId,
        /// The first shared day.
        date: NaiveDate,
    },
    /// A passport expires less than six months after departure (or before it).
    PassportExpiry {
        /// Whose.
        person: String,
        /// Last day of validity.
        expires: NaiveDate,
        /// Whether it is already invalid on the day of departure.
        before_departure: bool,
    },
    /// A visa is needed but not issued, or was refused.
    VisaMissing {
        /// Whose.
        person: String,
        /// Where it stands.
        status: VisaStatus,
    },
    /// A visa ends before departure.
    VisaEndsBeforeDeparture {
        /// Whose.
        person: String,
        /// Last day of validity.
        valid_until: NaiveDate,
    },
    /// A minor has no guardian consent on file.
    MinorWithoutConsent {
        /// Who.
        person: String,
    },
    /// A day of the stay has no programme item.
    DayWithoutProgramme(NaiveDate),
    /// An upcoming delegation has no programme yet.
    NoProgramme,
    /// A programme item lies outside the days of the stay.
    ItemOutsideStay(NaiveDate),
    /// An open checklist task is past its due date.
    TaskOverdue {
        /// The task.
        title: String,
        /// Its due date.
        due: NaiveDate,
    },
    /// Something wrong in a year's official figures.
    Figures(super::FigureProblem),
}

/// One result of a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How serious.
    pub severity: Severity,
    /// The record it is about.
    pub subject: RecordId,
    /// The field within the record, as a path (`members[2].visa`), for jumping to it.
    pub field: String,
    /// What was found.
    pub kind: FindingKind,
}

impl Finding {
    fn new(severity: Severity, subject: RecordId, field: impl Into<String>, kind: FindingKind) -> Self {
        Self { severity, subject, field: field.into(), kind }
    }

    /// The finding as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use FindingKind as K;
        let ru = lang == Lang::Ru;
        match &self.kind {
            K::DuplicateId { collection, id } => {
                if ru {
                    format!("повторяющийся идентификатор «{id}» в {collection}")
                } else {
                    format!("duplicate id “{id}” in {collection}")
                }
            }
            K::MissingCity(id) => pick(
                ru,
                format!("ссылка на несуществующий город «{id}»"),
                format!("reference to a missing city “{id}”"),
            ),
            K::MissingPerson(id) => pick(
                ru,
                format!("ссылка на несуществующего человека «{id}»"),
                format!("reference to a missing person “{id}”"),
            ),
            K::MissingEvent(id) => pick(
                ru,
                format!("ссылка на несуществующее событие «{id}»"),
                format!("reference to a missing event “{id}”"),
            ),
            K::EndBeforeStart => pick(ru, "окончание раньше начала".into(), "the end is before the start".into()),
            K::InvalidRrule(reason) => {
                pick(ru, format!("неверное правило повторения: {reason}"), format!("invalid recurrence rule: {reason}"))
            }
            K::DoubleBooked { person, other } => pick(
                ru,
                format!("{person} одновременно в составе делегации «{other}»"),
                format!("{person} is also a member of the overlapping delegation “{other}”"),
            ),
            K::ProgrammeClash { person, date, other } => pick(
                ru,
                format!("{person}: пересечение пунктов программы {} (делегация «{other}»)", fmt_date(*date)),
                format!("{person}: overlapping programme items on {} (delegation “{other}”)", fmt_date(*date)),
            ),
            K::RepeatedGift { item, earlier } => pick(
                ru,
                format!("подарок «{item}» этому городу уже дарили (делегация «{earlier}»)"),
                format!("the gift “{item}” already went to this city (delegation “{earlier}”)"),
            ),
            K::VenueClash { venue, other, date } => pick(
                ru,
                format!("{}: площадка «{venue}» занята и событием «{other}»", fmt_date(*date)),
                format!("{}: venue “{venue}” is also taken by event “{other}”", fmt_date(*date)),
            ),
            K::PassportExpiry { person, expires, before_departure } => match (ru, before_departure) {
                (true, true) => format!("{person}: паспорт недействителен на дату отъезда (до {})", fmt_date(*expires)),
                (true, false) => {
                    format!("{person}: паспорт истекает {} — менее 6 месяцев после отъезда", fmt_date(*expires))
                }
                (false, true) => format!("{person}: passport invalid on departure (expires {})", fmt_date(*expires)),
                (false, false) => {
                    format!("{person}: passport expires {}, less than 6 months after departure", fmt_date(*expires))
                }
            },
            K::VisaMissing { person, status } => {
                let refused = *status == VisaStatus::Refused;
                match (ru, refused) {
                    (true, true) => format!("{person}: в визе отказано"),
                    (true, false) => format!("{person}: виза не оформлена"),
                    (false, true) => format!("{person}: visa refused"),
                    (false, false) => format!("{person}: visa not yet issued"),
                }
            }
            K::VisaEndsBeforeDeparture { person, valid_until } => pick(
                ru,
                format!("{person}: виза действует только до {} — раньше отъезда", fmt_date(*valid_until)),
                format!("{person}: visa valid only until {}, before departure", fmt_date(*valid_until)),
            ),
            K::MinorWithoutConsent { person } => pick(
                ru,
                format!("{person}: несовершеннолетний без согласия законного представителя"),
                format!("{person}: a minor without guardian consent"),
            ),
            K::DayWithoutProgramme(date) => pick(
                ru,
                format!("{}: день пребывания без программы", fmt_date(*date)),
                format!("{}: a day of the stay with no programme", fmt_date(*date)),
            ),
            K::NoProgramme => pick(ru, "программа пребывания не составлена".into(), "no programme of stay yet".into()),
            K::ItemOutsideStay(date) => pick(
                ru,
                format!("{}: пункт программы вне дат пребывания", fmt_date(*date)),
                format!("{}: programme item outside the days of the stay", fmt_date(*date)),
            ),
            K::TaskOverdue { title, due } => pick(
                ru,
                format!("просрочена задача «{title}» (срок {})", fmt_date(*due)),
                format!("overdue task “{title}” (due {})", fmt_date(*due)),
            ),
            K::Figures(problem) => problem.message(lang),
        }
    }
}

fn pick(ru: bool, ru_text: String, en_text: String) -> String {
    if ru { ru_text } else { en_text }
}

/// Runs every check. Findings come sorted by severity, then subject.
pub fn run_checks(model: &Model, today: NaiveDate) -> Vec<Finding> {
    // Two halves of about equal cost on the 10-year bench folder (see `benches/budgets.rs`).
    let first_half = |out: &mut Vec<Finding>| {
        check_duplicate_ids(model, out);
        check_end_before_start(model, out);
        check_recurrence(model, out);
        check_double_booking(model, out);
        check_programme_clashes(model, out);
    };
    let second_half = |out: &mut Vec<Finding>| {
        check_references(model, out);
        check_venue_clashes(model, out);
        check_passports(model, out);
        check_visas(model, out);
        check_minor_consent(model, out);
        check_programme_days(model, out);
        check_overdue_tasks(model, today, out);
        check_repeated_gifts(model, out);
        check_figures(model, out);
    };
    let mut out = Vec::new();
    let mut rest = Vec::new();
    // The checks are independent: on a large folder the two halves run on two cores. The
    // halves are joined in order, so the stable sort below gives the same list either way.
    if model.delegations.len() + model.people.len() + model.events.len() > 2_000 {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| {
                let mut v = Vec::new();
                second_half(&mut v);
                v
            });
            first_half(&mut out);
            match other.join() {
                Ok(v) => rest = v,
                // A panic in a check is a bug; run that half again here to report it.
                Err(_) => second_half(&mut rest),
            }
        });
    } else {
        first_half(&mut out);
        second_half(&mut rest);
    }
    out.append(&mut rest);
    out.sort_by(|a, b| (a.severity, &a.subject).cmp(&(b.severity, &b.subject)));
    out
}

fn is_active(d: &Delegation) -> bool {
    !matches!(d.status, DelegationStatus::Done | DelegationStatus::Cancelled)
}

fn person_name(model: &Model, id: &PersonId) -> String {
    model.person(id).map_or_else(|| id.to_string(), |p| p.display_name().to_owned())
}

fn subject_of(d: &Delegation) -> RecordId {
    RecordId::Delegation(d.id.clone())
}

/// Two records of one collection with the same id.
pub fn check_duplicate_ids(model: &Model, out: &mut Vec<Finding>) {
    fn dups<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        for id in ids {
            if !seen.insert(id) {
                found.push(id.to_owned());
            }
        }
        found
    }
    for id in dups(model.cities.iter().map(|c| c.id.as_str())) {
        out.push(Finding::new(
            Severity::Error,
            RecordId::City(CityId(id.clone())),
            "id",
            FindingKind::DuplicateId { collection: "cities", id },
        ));
    }
    for id in dups(model.people.iter().map(|c| c.id.as_str())) {
        out.push(Finding::new(
            Severity::Error,
            RecordId::Person(PersonId(id.clone())),
            "id",
            FindingKind::DuplicateId { collection: "people", id },
        ));
    }
    for id in dups(model.events.iter().map(|c| c.id.as_str())) {
        out.push(Finding::new(
            Severity::Error,
            RecordId::Event(EventId(id.clone())),
            "id",
            FindingKind::DuplicateId { collection: "events", id },
        ));
    }
    for id in dups(model.delegations.iter().map(|c| c.id.as_str())) {
        out.push(Finding::new(
            Severity::Error,
            RecordId::Delegation(DelegationId(id.clone())),
            "id",
            FindingKind::DuplicateId { collection: "delegations", id },
        ));
    }
}

/// References to cities, people or events that do not exist.
pub fn check_references(model: &Model, out: &mut Vec<Finding>) {
    let cities: HashSet<&CityId> = model.cities.iter().map(|c: &City| &c.id).collect();
    let people: HashSet<&PersonId> = model.people.iter().map(|p| &p.id).collect();
    let events: HashSet<&EventId> = model.events.iter().map(|e| &e.id).collect();
    let city = |out: &mut Vec<Finding>, subject: &RecordId, field: String, id: &CityId| {
        if !cities.contains(id) {
            out.push(Finding::new(Severity::Error, subject.clone(), field, FindingKind::MissingCity(id.clone())));
        }
    };
    let person = |out: &mut Vec<Finding>, subject: &RecordId, field: String, id: &PersonId| {
        if !people.contains(id) {
            out.push(Finding::new(Severity::Error, subject.clone(), field, FindingKind::MissingPerson(id.clone())));
        }
    };
    for e in &model.events {
        let s = RecordId::Event(e.id.clone());
        if let Some(h) = &e.host_city {
            city(out, &s, "host_city".into(), h);
        }
        for (i, c) in e.partner_cities.iter().enumerate() {
            city(out, &s, format!("partner_cities[{i}]"), c);
        }
        if let Some(r) = &e.recurrence {
            for (i, c) in r.host_rotation.iter().enumerate() {
                city(out, &s, format!("recurrence.host_rotation[{i}]"), c);
            }
        }
    }
    for d in &model.delegations {
        let s = subject_of(d);
        city(out, &s, "partner_city".into(), &d.partner_city);
        if let Some(ev) = &d.event
            && !events.contains(ev)
        {
            out.push(Finding::new(Severity::Error, s.clone(), "event", FindingKind::MissingEvent(ev.clone())));
        }
        if let Some(r) = &d.responsible {
            person(out, &s, "responsible".into(), r);
        }
        for (i, m) in d.members.iter().enumerate() {
            person(out, &s, format!("members[{i}].person"), &m.person);
        }
        for (i, item) in d.programme.iter().enumerate() {
            if let Some(r) = &item.responsible {
                person(out, &s, format!("programme[{i}].responsible"), r);
            }
            if let Some(r) = &item.interpreter {
                person(out, &s, format!("programme[{i}].interpreter"), r);
            }
        }
    }
}

/// Ends before starts: events, stays, programme items and agreements.
pub fn check_end_before_start(model: &Model, out: &mut Vec<Finding>) {
    for e in &model.events {
        if e.ends_before_start() {
            out.push(Finding::new(
                Severity::Error,
                RecordId::Event(e.id.clone()),
                "end_date",
                FindingKind::EndBeforeStart,
            ));
        }
    }
    for d in &model.delegations {
        let stay_backwards = d.departure.date < d.arrival.date
            || (d.departure.date == d.arrival.date
                && matches!((d.arrival.time, d.departure.time), (Some(a), Some(b)) if b < a));
        if stay_backwards {
            out.push(Finding::new(Severity::Error, subject_of(d), "departure", FindingKind::EndBeforeStart));
        }
        for (i, item) in d.programme.iter().enumerate() {
            if let (Some(s), Some(e)) = (item.start, item.end)
                && e < s
            {
                out.push(Finding::new(
                    Severity::Error,
                    subject_of(d),
                    format!("programme[{i}].end"),
                    FindingKind::EndBeforeStart,
                ));
            }
        }
    }
    for c in &model.cities {
        for (i, a) in c.agreements.iter().enumerate() {
            if let (Some(signed), Some(expires)) = (a.signed.and_then(|s| s.as_date()), a.expires)
                && expires < signed
            {
                out.push(Finding::new(
                    Severity::Error,
                    RecordId::City(c.id.clone()),
                    format!("agreements[{i}].expires"),
                    FindingKind::EndBeforeStart,
                ));
            }
        }
    }
}

/// RRULEs that the rrule crate rejects.
pub fn check_recurrence(model: &Model, out: &mut Vec<Finding>) {
    for e in &model.events {
        if let Err(err) = e.validate_recurrence() {
            out.push(Finding::new(
                Severity::Error,
                RecordId::Event(e.id.clone()),
                "recurrence.rrule",
                FindingKind::InvalidRrule(err.reason),
            ));
        }
    }
}

/// Stays that overlap by at least a night: touching on the changeover day is allowed,
/// as a person can leave one delegation and join the next on the same day.
fn stays_clash(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    ranges_overlap(a, b) && !(a.1 == b.0 && a.0 < a.1 || b.1 == a.0 && b.0 < b.1)
}

/// A person who is a member of two delegations whose stays overlap.
pub fn check_double_booking(model: &Model, out: &mut Vec<Finding>) {
    let mut by_person: BTreeMap<&PersonId, Vec<&Delegation>> = BTreeMap::new();
    for d in model.delegations.iter().filter(|d| d.status != DelegationStatus::Cancelled) {
        let mut seen = HashSet::new();
        for m in &d.members {
            if seen.insert(&m.person) {
                by_person.entry(&m.person).or_default().push(d);
            }
        }
    }
    for (person, mut dels) in by_person {
        if dels.len() < 2 {
            continue;
        }
        dels.sort_by_key(|d| d.arrival.date);
        for (i, a) in dels.iter().enumerate() {
            for b in &dels[i + 1..] {
                if b.arrival.date > a.departure.date {
                    break;
                }
                if stays_clash(a.days(), b.days()) {
                    let name = person_name(model, person);
                    for (x, y) in [(a, b), (b, a)] {
                        let idx = x.members.iter().position(|m| &m.person == person).unwrap_or(0);
                        out.push(Finding::new(
                            Severity::Warning,
                            subject_of(x),
                            format!("members[{idx}]"),
                            FindingKind::DoubleBooked { person: name.clone(), other: y.id.clone() },
                        ));
                    }
                }
            }
        }
    }
}

/// A person due at two programme items at overlapping times (interpreters especially).
pub fn check_programme_clashes(model: &Model, out: &mut Vec<Finding>) {
    struct Slot<'a> {
        delegation: &'a Delegation,
        item: usize,
        start: NaiveTime,
        end: NaiveTime,
    }
    let mut slots: BTreeMap<(&PersonId, NaiveDate), Vec<Slot<'_>>> = BTreeMap::new();
    for d in model.delegations.iter().filter(|d| d.status != DelegationStatus::Cancelled) {
        for (i, item) in d.programme.iter().enumerate() {
            let Some((start, end)) = item.span() else { continue };
            let mut people: Vec<&PersonId> = item.interpreter.iter().chain(item.responsible.iter()).collect();
            people.dedup();
            for p in people {
                slots.entry((p, item.date)).or_default().push(Slot { delegation: d, item: i, start, end });
            }
        }
    }
    for ((person, date), mut list) in slots {
        if list.len() < 2 {
            continue;
        }
        list.sort_by_key(|s| s.start);
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if b.start >= a.end {
                    break;
                }
                let name = person_name(model, person);
                for (x, y) in [(a, b), (b, a)] {
                    out.push(Finding::new(
                        Severity::Warning,
                        subject_of(x.delegation),
                        format!("programme[{}]", x.item),
                        FindingKind::ProgrammeClash { person: name.clone(), date, other: y.delegation.id.clone() },
                    ));
                }
            }
        }
    }
}

/// Events whose occurrences overlap at the same venue (compared case-insensitively).
/// Only events that share a venue are expanded, so the check stays cheap.
pub fn check_venue_clashes(model: &Model, out: &mut Vec<Finding>) {
    let mut by_venue: BTreeMap<String, Vec<&super::Event>> = BTreeMap::new();
    for e in &model.events {
        let v = e.venue.trim().to_lowercase();
        if !v.is_empty() {
            by_venue.entry(v).or_default().push(e);
        }
    }
    for events in by_venue.values().filter(|v| v.len() > 1) {
        let (Some(from), Some(last)) =
            (events.iter().map(|e| e.start_date).min(), events.iter().map(|e| e.end_date).max())
        else {
            continue;
        };
        // Recurring events are compared over the span of the records plus one year.
        let to = add_months(last, 12);
        let mut spans: Vec<(NaiveDate, NaiveDate, &super::Event)> = Vec::new();
        for e in events {
            for o in e.occurrences_between(from, to).unwrap_or_default() {
                spans.push((o.start_date, o.end_date, e));
            }
        }
        spans.sort_by_key(|s| s.0);
        let mut reported: HashSet<(&EventId, &EventId)> = HashSet::new();
        for (i, a) in spans.iter().enumerate() {
            for b in &spans[i + 1..] {
                if b.0 > a.1 {
                    break;
                }
                if a.2.id == b.2.id || !reported.insert((&a.2.id, &b.2.id)) {
                    continue;
                }
                let timed_apart = matches!((a.2.start_utc(), a.2.end_utc(), b.2.start_utc(), b.2.end_utc()),
                    (Some(s1), Some(e1), Some(s2), Some(e2)) if a.2.recurrence.is_none() && b.2.recurrence.is_none() && (e1 <= s2 || e2 <= s1));
                if timed_apart {
                    continue;
                }
                for (x, y) in [(a.2, b.2), (b.2, a.2)] {
                    out.push(Finding::new(
                        Severity::Warning,
                        RecordId::Event(x.id.clone()),
                        "venue",
                        FindingKind::VenueClash {
                            venue: x.venue.trim().to_owned(),
                            other: y.id.clone(),
                            date: b.0.max(a.0),
                        },
                    ));
                }
            }
        }
    }
}

/// Passports that expire less than six months after departure.
pub fn check_passports(model: &Model, out: &mut Vec<Finding>) {
    for d in model.delegations.iter().filter(|d| is_active(d)) {
        let departure = d.departure.date;
        let limit = add_months(departure, 6);
        for (i, m) in d.members.iter().enumerate() {
            let Some(person) = model.person(&m.person) else { continue };
            let Some(expires) = person.passport.as_ref().and_then(|p| p.expires) else { continue };
            if expires < limit {
                let before_departure = expires < departure;
                out.push(Finding::new(
                    if before_departure { Severity::Error } else { Severity::Warning },
                    subject_of(d),
                    format!("members[{i}].person.passport"),
                    FindingKind::PassportExpiry { person: person.display_name().to_owned(), expires, before_departure },
                ));
            }
        }
    }
}

/// Visas that are needed but missing, refused, or end before departure.
pub fn check_visas(model: &Model, out: &mut Vec<Finding>) {
    for d in model.delegations.iter().filter(|d| is_active(d)) {
        for (i, m) in d.members.iter().enumerate() {
            let name = person_name(model, &m.person);
            let field = format!("members[{i}].visa");
            match m.visa.status {
                VisaStatus::NotRequired => {}
                VisaStatus::Needed | VisaStatus::Applied => out.push(Finding::new(
                    Severity::Warning,
                    subject_of(d),
                    field,
                    FindingKind::VisaMissing { person: name, status: m.visa.status },
                )),
                VisaStatus::Refused => out.push(Finding::new(
                    Severity::Error,
                    subject_of(d),
                    field,
                    FindingKind::VisaMissing { person: name, status: m.visa.status },
                )),
                VisaStatus::Issued => {
                    if let Some(until) = m.visa.valid_until
                        && until < d.departure.date
                    {
                        out.push(Finding::new(
                            Severity::Error,
                            subject_of(d),
                            field,
                            FindingKind::VisaEndsBeforeDeparture { person: name, valid_until: until },
                        ));
                    }
                }
            }
        }
    }
}

/// Minors without a guardian's consent.
pub fn check_minor_consent(model: &Model, out: &mut Vec<Finding>) {
    for d in model.delegations.iter().filter(|d| is_active(d)) {
        for (i, m) in d.members.iter().enumerate() {
            let Some(person) = model.person(&m.person) else { continue };
            if person.is_minor_on(d.arrival.date) && !m.guardian_consent {
                out.push(Finding::new(
                    Severity::Error,
                    subject_of(d),
                    format!("members[{i}].guardian_consent"),
                    FindingKind::MinorWithoutConsent { person: person.display_name().to_owned() },
                ));
            }
        }
    }
}

/// Days of the stay with no programme, and items outside the stay.
pub fn check_programme_days(model: &Model, out: &mut Vec<Finding>) {
    for d in model.delegations.iter().filter(|d| is_active(d)) {
        if d.departure.date < d.arrival.date {
            continue; // Reported by check_end_before_start.
        }
        if d.programme.is_empty() {
            out.push(Finding::new(Severity::Info, subject_of(d), "programme", FindingKind::NoProgramme));
            continue;
        }
        let covered: HashSet<NaiveDate> = d.programme.iter().map(|p| p.date).collect();
        for day in d.each_day() {
            if !covered.contains(&day) {
                out.push(Finding::new(
                    Severity::Warning,
                    subject_of(d),
                    "programme",
                    FindingKind::DayWithoutProgramme(day),
                ));
            }
        }
        for (i, item) in d.programme.iter().enumerate() {
            if item.date < d.arrival.date || item.date > d.departure.date {
                out.push(Finding::new(
                    Severity::Warning,
                    subject_of(d),
                    format!("programme[{i}].date"),
                    FindingKind::ItemOutsideStay(item.date),
                ));
            }
        }
    }
}

/// A gift that already went to the same partner city in an earlier delegation (the gift
/// register across years), compared case-insensitively.
pub fn check_repeated_gifts(model: &Model, out: &mut Vec<Finding>) {
    let mut dels: Vec<&Delegation> =
        model.delegations.iter().filter(|d| d.status != DelegationStatus::Cancelled).collect();
    dels.sort_by_key(|d| d.arrival.date);
    let mut given: BTreeMap<(&CityId, String), &DelegationId> = BTreeMap::new();
    for d in dels {
        for (i, g) in d.gifts.iter().enumerate() {
            let key = (&d.partner_city, g.item.trim().to_lowercase());
            if key.1.is_empty() {
                continue;
            }
            match given.get(&key) {
                Some(earlier) if *earlier != &d.id => out.push(Finding::new(
                    Severity::Warning,
                    subject_of(d),
                    format!("gifts[{i}]"),
                    FindingKind::RepeatedGift { item: g.item.trim().to_owned(), earlier: (*earlier).clone() },
                )),
                Some(_) => {}
                None => {
                    given.insert(key, &d.id);
                }
            }
        }
    }
}

/// Open checklist tasks past their due date.
pub fn check_overdue_tasks(model: &Model, today: NaiveDate, out: &mut Vec<Finding>) {
    for d in model.delegations.iter().filter(|d| is_active(d)) {
        for (i, t) in d.checklist.iter().enumerate() {
            if let Some(due) = t.due
                && !t.done
                && due < today
            {
                out.push(Finding::new(
                    Severity::Warning,
                    subject_of(d),
                    format!("checklist[{i}]"),
                    FindingKind::TaskOverdue { title: t.title.clone(), due },
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests;

/// The official figures: no year twice, no breakdown over its total, no bad month or
/// country row. (Counts are unsigned, so the files cannot hold a negative figure.)
pub fn check_figures(model: &Model, out: &mut Vec<Finding>) {
    for (i, f) in model.figures.iter().enumerate() {
        let before = &model.figures[..i];
        let problems = super::figures::problems_with_others(f, before);
        for p in problems {
            let field = match &p {
                super::FigureProblem::CountriesExceedTotal { .. }
                | super::FigureProblem::CountryWithoutName
                | super::FigureProblem::CountryTwice(_) => "by_country",
                super::FigureProblem::MonthsExceedTotal { .. }
                | super::FigureProblem::MonthOutOfRange(_)
                | super::FigureProblem::MonthTwice(_) => "by_month",
                super::FigureProblem::BreakdownWithoutTotal => "foreign_tourists",
                super::FigureProblem::YearTwice(_) | super::FigureProblem::YearOutOfRange(_) => "year",
            };
            out.push(Finding::new(Severity::Error, RecordId::Figures(f.year), field, FindingKind::Figures(p)));
        }
    }
}
