//! The calendar's entries (a pure query shared by the calendar panel and its tests): events expanded between two dates with their hosts, plus
//! delegation stays, filtered; and the records the findings mark as clashing.

use super::{CityId, Delegation, Direction, Event, EventCategory, FindingKind, Model, Occurrence, RecordId};
use chrono::NaiveDate;
use std::collections::HashSet;

/// One thing shown on the calendar.
#[derive(Clone, Debug)]
pub enum Entry<'a> {
    /// An occurrence of an event.
    Event {
        /// The event.
        event: &'a Event,
        /// The occurrence (dates, host).
        occ: Occurrence,
        /// Whether it clashes with another event at its venue.
        conflict: bool,
    },
    /// A delegation's stay.
    Stay {
        /// The delegation.
        delegation: &'a Delegation,
        /// Whether a member or interpreter is double-booked.
        conflict: bool,
    },
}

impl Entry<'_> {
    /// The first and last day it covers.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        match self {
            Entry::Event { occ, .. } => (occ.start_date, occ.end_date),
            Entry::Stay { delegation, .. } => delegation.days(),
        }
    }

    /// Whether the findings mark it as clashing.
    pub fn conflict(&self) -> bool {
        match self {
            Entry::Event { conflict, .. } | Entry::Stay { conflict, .. } => *conflict,
        }
    }
}

/// Filters of the calendar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Only this category of events.
    pub category: Option<EventCategory>,
    /// Only events and stays with this city (host, partner, rotation).
    pub city: Option<CityId>,
    /// Stays: all (None), one direction, or hidden.
    pub direction: Option<Option<Direction>>,
    /// Only public events (stays hidden).
    pub public_only: bool,
}

/// Everything on the calendar between `from` and `to`, filtered, with conflict marks taken
/// from the findings. Events come before stays; each in date order.
pub fn entries<'a>(
    model: &'a Model,
    from: NaiveDate,
    to: NaiveDate,
    filters: &Filters,
    conflicts: &HashSet<RecordId>,
) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    for e in &model.events {
        if filters.category.is_some_and(|c| c != e.category) || (filters.public_only && !e.public) {
            continue;
        }
        for occ in e.occurrences_between(from, to).unwrap_or_default() {
            if let Some(city) = &filters.city {
                let involved = occ.host.as_ref() == Some(city) || e.partner_cities.contains(city);
                if !involved {
                    continue;
                }
            }
            let conflict = conflicts.contains(&RecordId::Event(e.id.clone()));
            out.push(Entry::Event { event: e, occ, conflict });
        }
    }
    let show_stays = !filters.public_only && filters.category.is_none() && filters.direction != Some(None);
    if show_stays {
        for d in &model.delegations {
            let (a, b) = d.days();
            if b < from || a > to {
                continue;
            }
            if filters.city.as_ref().is_some_and(|c| Some(c) != d.partner_city.as_ref()) {
                continue;
            }
            if let Some(Some(dir)) = filters.direction
                && dir != d.direction
            {
                continue;
            }
            out.push(Entry::Stay { delegation: d, conflict: conflicts.contains(&RecordId::Delegation(d.id.clone())) });
        }
    }
    out.sort_by_key(|e| e.days().0);
    out
}

/// The findings' subjects that are conflicts (venue clashes, double bookings).
pub fn conflict_subjects(findings: &[crate::model::Finding]) -> HashSet<RecordId> {
    findings
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FindingKind::VenueClash { .. } | FindingKind::DoubleBooked { .. } | FindingKind::ProgrammeClash { .. }
            )
        })
        .map(|f| f.subject.clone())
        .collect()
}
