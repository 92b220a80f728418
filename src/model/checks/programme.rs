//! The programme of stay: days without a programme, people due at two items at once,
//! overdue checklist tasks, gifts already given to the same city, and visits whose status
//! was not updated after they ended.

use super::{Finding, FindingKind, Severity, is_active, person_name, subject_of};
use crate::model::Model;
use crate::model::Records as _;
use crate::model::delegation::{Delegation, DelegationStatus};
use crate::model::ids::{CityId, DelegationId, PersonId};
use chrono::{NaiveDate, NaiveTime};
use std::collections::{BTreeMap, HashSet};

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

/// A visit still planned or confirmed after its departure date (before `today`): an
/// information that its status was not updated, since it is counted as planned rather
/// than as received or sent until it is marked done or cancelled.
pub fn check_status_not_updated(model: &Model, today: NaiveDate, out: &mut Vec<Finding>) {
    for d in &model.delegations {
        if matches!(d.status, DelegationStatus::Planned | DelegationStatus::Confirmed) && d.departure.date < today {
            out.push(Finding::new(
                Severity::Info,
                subject_of(d),
                "status",
                FindingKind::StatusNotUpdated { status: d.status, departure: d.departure.date },
            ));
        }
    }
}

/// A gift that already went to the same partner city in an earlier delegation (the gift
/// register across years), compared case-insensitively.
pub fn check_repeated_gifts(model: &Model, out: &mut Vec<Finding>) {
    let mut dels: Vec<&Delegation> =
        model.delegations.records().filter(|d| d.status != DelegationStatus::Cancelled).collect();
    dels.sort_by_key(|d| d.arrival.date);
    let mut given: BTreeMap<(&CityId, String), &DelegationId> = BTreeMap::new();
    // A visit with no partner city has no partner to have given the gift to before.
    for d in dels {
        let Some(partner) = &d.partner_city else { continue };
        for (i, g) in d.gifts.iter().enumerate() {
            let key = (partner, g.item.trim().to_lowercase());
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
