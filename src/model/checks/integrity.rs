//! Integrity: ids used twice, references to records that do not exist, ends before starts.

use super::{Finding, FindingKind, Severity, subject_of};
use crate::model::Records as _;
use crate::model::ids::{CityId, DelegationId, EventId, PersonId, RecordId};
use crate::model::{City, Model};
use std::collections::HashSet;

/// The home city is the department's own (its zone dates "today" and times); there must be
/// exactly one. A folder with no cities at all is not flagged.
pub fn check_home_city(model: &Model, out: &mut Vec<Finding>) {
    let homes: Vec<&City> = model.cities.records().filter(|c| c.status == crate::model::CityStatus::Home).collect();
    let subject = match homes.as_slice() {
        [_] => return,
        [] => match model.cities.records().next() {
            Some(c) => c,
            None => return,
        },
        [_, second, ..] => second,
    };
    out.push(Finding::new(
        Severity::Warning,
        RecordId::City(subject.id.clone()),
        "status",
        FindingKind::HomeCity { count: homes.len() },
    ));
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
    let cities: HashSet<&CityId> = model.cities.records().map(|c: &City| &c.id).collect();
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
        if let Some(c) = &d.partner_city {
            city(out, &s, "partner_city".into(), c);
        }
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
