//! Travel and documents: a person in two delegations at once, passports, visas, the
//! consent a minor needs, and the head of delegation.

use super::{Finding, FindingKind, Severity, is_active, person_name, subject_of};
use crate::model::Model;
use crate::model::date::{add_months, ranges_overlap};
use crate::model::delegation::{Delegation, DelegationStatus, Role, VisaStatus};
use crate::model::ids::PersonId;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

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

/// A visit with members but no head of delegation, or with two or more: the head is the
/// member whose role is head (precedence does not make one), so the programme would print
/// «не назначен» or several names. Visits done or cancelled are not flagged.
pub fn check_head_of_delegation(model: &Model, out: &mut Vec<Finding>) {
    for d in model.delegations.iter().filter(|d| is_active(d) && !d.members.is_empty()) {
        let count = d.members.iter().filter(|m| m.role == Role::Head).count();
        if count != 1 {
            out.push(Finding::new(
                Severity::Warning,
                subject_of(d),
                "members",
                FindingKind::HeadOfDelegation { count },
            ));
        }
    }
}
