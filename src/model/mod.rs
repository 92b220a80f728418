//! The domain model: partner cities, people, events, delegations and yearly figures.
//!
//! Pure Rust: no egui, no file system. Everything here can be used from the GUI, the CLI,
//! tests and benches alike.

pub mod calendar;
pub mod checks;
pub mod city;
pub mod date;
pub mod delegation;
pub mod event;
pub mod figures;
pub mod files;
pub mod format;
pub mod ids;
pub mod merge;
pub mod names;
pub mod overview;
pub mod person;
pub mod public;
pub mod readiness;
pub mod refs;
pub mod retention;
pub mod road;
pub mod rule;
pub mod search;
pub mod shared;
pub mod stats;
pub mod text;

pub use checks::{Finding, FindingKind, Lang, Severity, run_checks};
pub use city::{Agreement, Anniversary, City, CityStatus, Contact, Coordinates};
pub use date::PartialDate;
pub use delegation::{
    Delegation, DelegationKind, DelegationStatus, Direction, Gift, Lodging, Member, ProgrammeItem, Reciprocity, Role,
    Task, Travel, Visa, VisaStatus, default_checklist, reciprocity,
};
pub use event::{Event, EventCategory, Occurrence, Override, Recurrence};
pub use figures::{CountryCount, FigureProblem, MonthCount, YearFigures};
pub use ids::{CityId, DelegationId, EventId, ItemId, PersonId, RecordId};
pub use person::{Passport, Person};
pub use readiness::{Readiness, readiness};
pub use shared::{Records, Shared};
pub use text::{Language, PrintLang, Text};

/// The whole workspace: every collection of the data folder.
///
/// Collections are kept sorted by id (figures by year), so saved files diff well.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    /// Partner cities and the home city.
    pub cities: Vec<Shared<City>>,
    /// People.
    pub people: Vec<Shared<Person>>,
    /// Calendar events.
    pub events: Vec<Shared<Event>>,
    /// Delegations.
    pub delegations: Vec<Shared<Delegation>>,
    /// Official yearly figures.
    pub figures: Vec<YearFigures>,
}

impl Model {
    /// Sorts every collection into its stable order (ids; figures by year).
    pub fn normalise(&mut self) {
        self.cities.sort_by(|a, b| a.id.cmp(&b.id));
        self.people.sort_by(|a, b| a.id.cmp(&b.id));
        self.events.sort_by(|a, b| a.id.cmp(&b.id));
        self.delegations.sort_by(|a, b| a.id.cmp(&b.id));
        self.figures.sort_by_key(|f| f.year);
    }

    /// The city with this id.
    pub fn city(&self, id: &CityId) -> Option<&City> {
        find_sorted(&self.cities, id, |c| &c.id)
    }

    /// The person with this id.
    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        find_sorted(&self.people, id, |p| &p.id)
    }

    /// The event with this id.
    pub fn event(&self, id: &EventId) -> Option<&Event> {
        find_sorted(&self.events, id, |e| &e.id)
    }

    /// The delegation with this id.
    pub fn delegation(&self, id: &DelegationId) -> Option<&Delegation> {
        find_sorted(&self.delegations, id, |d| &d.id)
    }

    /// The figures for a year.
    pub fn figures_for(&self, year: i32) -> Option<&YearFigures> {
        self.figures.iter().find(|f| f.year == year)
    }

    /// The latest year whose figures hold a count (tourists, a breakdown or delegation
    /// totals): a year entered only for its public-calendar target is not reported on yet.
    pub fn latest_counted_year(&self) -> Option<i32> {
        self.figures.iter().filter(|f| f.has_counts()).map(|f| f.year).max()
    }

    /// The home city (status [`CityStatus::Home`]), if the workspace has one.
    pub fn home_city(&self) -> Option<&City> {
        self.cities.iter().map(|c| &**c).find(|c| c.status == CityStatus::Home)
    }

    /// The home city's time zone, when the data marks exactly one city as home (with none
    /// or two, the caller falls back to the system's zone and the checks report it).
    pub fn home_zone(&self) -> Option<chrono_tz::Tz> {
        let mut homes = self.cities.iter().filter(|c| c.status == CityStatus::Home);
        match (homes.next(), homes.next()) {
            (Some(home), None) => Some(home.time_zone),
            _ => None,
        }
    }
}

/// Binary search when the collection is sorted, with a linear fallback when it is not
/// (e.g. a hand-edited file out of order), so lookups are always correct.
fn find_sorted<'a, T, K: Ord>(items: &'a [Shared<T>], id: &K, key: impl Fn(&T) -> &K) -> Option<&'a T> {
    match items.binary_search_by(|x| key(x).cmp(id)) {
        Ok(i) => items.get(i).map(|x| &**x),
        Err(_) => items.iter().map(|x| &**x).find(|x| key(x) == id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_works_sorted_and_unsorted() {
        let mut m = Model::default();
        for id in ["sanya", "harbin", "niigata"] {
            m.cities.push(City { id: CityId::new(id), ..City::default() }.into());
        }
        assert!(m.city(&CityId::new("harbin")).is_some());
        m.normalise();
        assert_eq!(m.cities[0].id.as_str(), "harbin");
        assert!(m.city(&CityId::new("sanya")).is_some());
        assert!(m.city(&CityId::new("portland")).is_none());
    }
}
