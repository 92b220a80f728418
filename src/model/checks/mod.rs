//! Checks over the model: pure functions that return findings with a severity.
//!
//! Each check of DESIGN.md §3 is its own function taking the model (and `today` where the
//! answer depends on it), so each can be tested alone. [`run_checks`] runs them all.
//! Forward-looking checks (passports, visas, consent, programme gaps, overdue tasks) skip
//! delegations that are done or cancelled: history is not a to-do list.
//!
//! One file per family of checks: `integrity` (ids, references, ends before starts),
//! `travel` (double bookings, passports, visas, consent, the head of delegation), `programme` (days, clashes,
//! overdue tasks, gifts, statuses not updated), `events` (recurrence, venues), `figures` and
//! `ranges` (numbers no real record holds: off the globe, far-off years, huge counts); `finding` holds the
//! types they return and how a finding is said in each language.
//!
//! Maps that are iterated to produce findings are BTreeMaps, so the findings come in the
//! same order on every run (a HashMap reorders them from run to run).

mod events;
mod figures;
mod finding;
mod integrity;
mod programme;
mod ranges;
mod travel;

pub use events::{check_recurrence, check_venue_clashes};
pub use figures::check_figures;
pub use finding::{Finding, FindingKind, Lang, Severity};
pub use integrity::{check_duplicate_ids, check_end_before_start, check_home_city, check_references};
pub use programme::{
    check_overdue_tasks, check_programme_clashes, check_programme_days, check_repeated_gifts, check_status_not_updated,
};
pub use ranges::{YEARS, check_ranges};
pub use travel::{check_double_booking, check_head_of_delegation, check_minor_consent, check_passports, check_visas};

use super::Model;
use super::delegation::{Delegation, DelegationStatus};
use super::ids::{PersonId, RecordId};
use chrono::NaiveDate;

/// Runs every check. Findings come sorted by severity, then subject.
pub fn run_checks(model: &Model, today: NaiveDate) -> Vec<Finding> {
    // Two halves of about equal cost on the 10-year bench folder (see `benches/budgets.rs`).
    let first_half = |out: &mut Vec<Finding>| {
        check_duplicate_ids(model, out);
        check_home_city(model, out);
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
        check_head_of_delegation(model, out);
        check_programme_days(model, out);
        check_overdue_tasks(model, today, out);
        check_status_not_updated(model, today, out);
        check_repeated_gifts(model, out);
        check_figures(model, out);
        check_ranges(model, out);
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

#[cfg(test)]
mod tests;
