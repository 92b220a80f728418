//! Events: recurrence rules the rrule crate rejects, changed occurrences the rule no longer
//! gives, and events that share a venue at once.

use super::{Finding, FindingKind, Severity};
use crate::model::date::add_months;
use crate::model::ids::{EventId, RecordId};
use crate::model::{Event, Model};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

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
        for o in e.orphan_overrides() {
            out.push(Finding::new(
                Severity::Warning,
                RecordId::Event(e.id.clone()),
                "recurrence.overrides",
                FindingKind::OrphanOverride(o.recurrence_id),
            ));
        }
    }
}

/// Events whose occurrences overlap at the same venue (compared case-insensitively).
/// Only events that share a venue are expanded, so the check stays cheap. A "venue" that
/// only names a city («г. Хабаровск», "Niigata") says where, not in which hall: two events
/// in the same city at once are no clash.
pub fn check_venue_clashes(model: &Model, out: &mut Vec<Finding>) {
    // City and country names, lowercase: a venue made only of these is a place, not a hall.
    let places: HashSet<String> = model
        .cities
        .iter()
        .flat_map(|c| [&c.name_ru, &c.name_en, &c.name_native, &c.country_ru, &c.country_en])
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    let names_a_city = |v: &str| {
        v.split(',').all(|part| {
            let part = part.trim().trim_end_matches('.');
            places.contains(part.strip_prefix("г.").unwrap_or(part).trim())
        })
    };
    let mut by_venue: BTreeMap<String, Vec<&Event>> = BTreeMap::new();
    for e in &model.events {
        let v = e.venue.trim().to_lowercase();
        if !v.is_empty() && !names_a_city(&v) {
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
        let mut spans: Vec<(NaiveDate, NaiveDate, &Event)> = Vec::new();
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
