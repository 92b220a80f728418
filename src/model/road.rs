//! A copy for the road (DESIGN.md §5 `road`): the visits a trip takes along, with every
//! person, city and event they refer to, and how the copy's changes come back into the
//! office's data with the same record, item and field merge as two computers' saves.
//!
//! The copy keeps its *base*: the records as they were taken. Coming back, a record the
//! copy holds as it was taken is left alone (the office's version stands, whatever happened
//! to it meanwhile); a record changed on the road is merged three ways, base against the
//! copy (ours) and the office (theirs). Records never taken are never read, so nothing
//! missing from the copy counts as a deletion. A copy taken without passports has none in
//! its base either: an unchanged «no passport» is no change, and the office's passports
//! stand.

use super::merge::{Clash, Merge, Outcome, merge_record, same};
use super::{
    City, CityId, Delegation, DelegationId, Event, EventId, Language, Model, Person, PersonId, RecordId, Shared,
};
use std::collections::{BTreeMap, BTreeSet};

/// The visits `ids` with every person, city and event they refer to (the whole model when
/// `ids` is empty; figures never go). Cities all go: they hold no personal data, and the
/// traveller may need any partner's contacts. `without_passports` leaves passports out.
pub fn subset(model: &Model, ids: &[DelegationId], without_passports: bool) -> Model {
    let mut out = Model::default();
    if ids.is_empty() {
        out.cities = model.cities.clone();
        out.people = model.people.clone();
        out.events = model.events.clone();
        out.delegations = model.delegations.clone();
    } else {
        let chosen: BTreeSet<&DelegationId> = ids.iter().collect();
        out.delegations = model.delegations.iter().filter(|d| chosen.contains(&d.id)).cloned().collect();
        let people: BTreeSet<&PersonId> = out.delegations.iter().flat_map(|d| d.people()).collect();
        let events: BTreeSet<&EventId> = out.delegations.iter().filter_map(|d| d.event.as_ref()).collect();
        out.cities = model.cities.clone();
        out.people = model.people.iter().filter(|p| people.contains(&p.id)).cloned().collect();
        out.events = model.events.iter().filter(|e| events.contains(&e.id)).cloned().collect();
    }
    if without_passports {
        for p in &mut out.people {
            if p.passport.is_some() {
                p.passport = None;
            }
        }
    }
    out
}

/// What a copy brings back: per collection, the records to put into the office's model
/// (`None`: to remove), keyed by id; the clashes (the office's value stays, the copy's is
/// stored as a conflict); and how many records the copy holds unchanged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Back {
    /// Cities.
    pub cities: BTreeMap<String, Option<City>>,
    /// People.
    pub people: BTreeMap<String, Option<Person>>,
    /// Events.
    pub events: BTreeMap<String, Option<Event>>,
    /// Delegations.
    pub delegations: BTreeMap<String, Option<Delegation>>,
    /// What both the road and the office changed differently: the office keeps its value.
    pub clashes: Vec<(RecordId, Clash)>,
    /// Records changed on the road.
    pub changed_on_road: usize,
}

impl Back {
    /// Whether the office's data changes.
    pub fn is_empty(&self) -> bool {
        self.cities.is_empty() && self.people.is_empty() && self.events.is_empty() && self.delegations.is_empty()
    }

    /// The records that change in the office, by id.
    pub fn ids(&self) -> Vec<RecordId> {
        let mut out: Vec<RecordId> = Vec::new();
        out.extend(self.cities.keys().map(|k| RecordId::City(CityId::new(k.as_str()))));
        out.extend(self.people.keys().map(|k| RecordId::Person(PersonId::new(k.as_str()))));
        out.extend(self.events.keys().map(|k| RecordId::Event(EventId::new(k.as_str()))));
        out.extend(self.delegations.keys().map(|k| RecordId::Delegation(DelegationId::new(k.as_str()))));
        out
    }
}

impl Back {
    /// Whether the return removes the record `id` from the office's data.
    pub fn removes(&self, id: &RecordId) -> bool {
        match id {
            RecordId::City(k) => self.cities.get(k.as_str()).is_some_and(Option::is_none),
            RecordId::Person(k) => self.people.get(k.as_str()).is_some_and(Option::is_none),
            RecordId::Event(k) => self.events.get(k.as_str()).is_some_and(Option::is_none),
            RecordId::Delegation(k) => self.delegations.get(k.as_str()).is_some_and(Option::is_none),
            RecordId::Figures(_) => false,
        }
    }

    /// What the return does, one line per record it brings in or removes and one per
    /// clash, each named as staff know it (the copy's name, else the office's).
    pub fn lines(&self, copy: &Model, office: &Model, lang: Language) -> Vec<Line> {
        let name = |id: &RecordId| {
            record_name(copy, id, lang).or_else(|| record_name(office, id, lang)).unwrap_or_else(|| id.to_string())
        };
        let mut out: Vec<Line> = self
            .ids()
            .into_iter()
            .map(|id| Line {
                change: if self.removes(&id) { Change::Removed } else { Change::BroughtIn },
                name: name(&id),
                field: String::new(),
                record: id,
            })
            .collect();
        out.extend(self.clashes.iter().map(|(id, clash)| Line {
            change: Change::Clash,
            name: name(id),
            field: clash.path.clone(),
            record: id.clone(),
        }));
        out
    }
}

/// What a return does to one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The road's version (merged with the office's) goes in.
    BroughtIn,
    /// Deleted on the road: removed from the office's data.
    Removed,
    /// Both changed a field differently: the office keeps its value, the road's is stored
    /// as a conflict.
    Clash,
}

/// One line of what a return does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// What happens.
    pub change: Change,
    /// The record.
    pub record: RecordId,
    /// Its name on screen.
    pub name: String,
    /// For a clash, the field (`members[2].phone`); empty for the whole record.
    pub field: String,
}

/// A record's name in `model` (a visit's or event's title, a city's or person's name).
pub fn record_name(model: &Model, id: &RecordId, lang: Language) -> Option<String> {
    Some(match id {
        RecordId::City(c) => model.city(c)?.name(lang).to_owned(),
        RecordId::Person(p) => model.person(p)?.name(lang).to_owned(),
        RecordId::Event(e) => model.event(e)?.title(lang).to_owned(),
        RecordId::Delegation(d) => model.delegation(d)?.title(lang).to_owned(),
        RecordId::Figures(y) => y.to_string(),
    })
}

/// The copy's changes since `base` (the copy as taken), merged into `office`.
pub fn bring_back(base: &Model, copy: &Model, office: &Model) -> Back {
    let mut back = Back::default();
    let mut clashes = Vec::new();
    let mut changed = 0;
    collection(
        &base.cities,
        &copy.cities,
        &office.cities,
        |c| c.id.as_str(),
        &mut back.cities,
        &mut |k, c| {
            clashes.push((RecordId::City(CityId::new(k)), c));
        },
        &mut changed,
    );
    collection(
        &base.people,
        &copy.people,
        &office.people,
        |p| p.id.as_str(),
        &mut back.people,
        &mut |k, c| {
            clashes.push((RecordId::Person(PersonId::new(k)), c));
        },
        &mut changed,
    );
    collection(
        &base.events,
        &copy.events,
        &office.events,
        |e| e.id.as_str(),
        &mut back.events,
        &mut |k, c| {
            clashes.push((RecordId::Event(EventId::new(k)), c));
        },
        &mut changed,
    );
    collection(
        &base.delegations,
        &copy.delegations,
        &office.delegations,
        |d| d.id.as_str(),
        &mut back.delegations,
        &mut |k, c| clashes.push((RecordId::Delegation(DelegationId::new(k)), c)),
        &mut changed,
    );
    back.clashes = clashes;
    back.changed_on_road = changed;
    back
}

/// [`bring_back`] for one collection.
fn collection<T: Merge + Clone>(
    base: &[Shared<T>],
    copy: &[Shared<T>],
    office: &[Shared<T>],
    key: fn(&T) -> &str,
    out: &mut BTreeMap<String, Option<T>>,
    clash: &mut dyn FnMut(&str, Clash),
    changed: &mut usize,
) {
    let index = |v: &'_ [Shared<T>]| -> BTreeMap<String, usize> {
        v.iter().enumerate().map(|(i, r)| (key(r).to_owned(), i)).collect()
    };
    let (b, c, o) = (index(base), index(copy), index(office));
    let keys: BTreeSet<&String> = b.keys().chain(c.keys()).collect();
    for k in keys {
        let base_r: Option<&T> = b.get(k).map(|i| &*base[*i]);
        let copy_r: Option<&T> = c.get(k).map(|i| &*copy[*i]);
        let office_r: Option<&T> = o.get(k).map(|i| &*office[*i]);
        if same_opt(base_r, copy_r) {
            continue; // unchanged on the road: the office's version stands
        }
        *changed += 1;
        match merge_record(base_r, copy_r, office_r) {
            Outcome::Merged(record, clashes) => {
                for c in clashes {
                    clash(k, c);
                }
                if !same_opt(record.as_ref(), office_r) {
                    out.insert(k.clone(), record);
                }
            }
            Outcome::BothCreated { theirs, mine } => {
                // Created on the road and in the office under one id: the office's stays,
                // the traveller's is kept whole as a conflict.
                clash(
                    k,
                    Clash {
                        path: String::new(),
                        mine: super::merge::ron_text(&mine),
                        theirs: super::merge::ron_text(&theirs),
                    },
                );
            }
        }
    }
}

fn same_opt<T: Merge>(a: Option<&T>, b: Option<&T>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Member, Passport};

    fn model() -> Model {
        let mut m = Model::default();
        m.cities.push(City { id: "niigata".into(), name_ru: "Ниигата".into(), ..City::default() }.into());
        for id in ["a", "b", "c"] {
            let passport = Some(Passport { number: format!("N{id}"), ..Passport::default() });
            m.people
                .push(Person { id: PersonId::new(id), full_name_ru: id.into(), passport, ..Person::default() }.into());
        }
        for (id, who) in [("v1", "a"), ("v2", "b")] {
            let mut d = Delegation { id: DelegationId::new(id), ..Delegation::default() };
            d.members.push(Member { person: PersonId::new(who), ..Member::default() });
            m.delegations.push(d.into());
        }
        m
    }

    #[test]
    fn a_copy_holds_the_visits_their_people_and_every_city_and_can_leave_passports_out() {
        let m = model();
        let copy = subset(&m, &[DelegationId::new("v1")], false);
        assert_eq!(copy.delegations.len(), 1);
        assert_eq!(copy.people.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["a"]);
        assert_eq!(copy.cities.len(), 1);
        assert!(copy.people[0].passport.is_some());
        let bare = subset(&m, &[], true);
        assert_eq!(bare.people.len(), 3);
        assert!(bare.people.iter().all(|p| p.passport.is_none()));
        assert!(m.people.iter().all(|p| p.passport.is_some()), "the office's model is untouched");
    }

    #[test]
    fn only_what_changed_on_the_road_comes_back_and_merges_with_the_office() {
        let office0 = model();
        let base = subset(&office0, &[DelegationId::new("v1")], true);
        let mut copy = base.clone();
        let mut office = office0.clone();
        // Nothing changed on the road: nothing comes back, whatever the office did.
        office.people[0].phone = "офис".into();
        assert_eq!(bring_back(&base, &copy, &office), Back::default());
        // Changed on the road: notes on the visit, a phone; the office changed the phone too.
        copy.delegations[0].notes = "в поездке".into();
        copy.people[0].phone = "поездка".into();
        let back = bring_back(&base, &copy, &office);
        assert_eq!(back.changed_on_road, 2);
        assert_eq!(back.delegations.get("v1").cloned().flatten().map(|d| d.notes), Some("в поездке".into()));
        assert!(back.people.is_empty(), "the office's phone stays");
        assert_eq!(back.clashes.len(), 1);
        assert_eq!(back.clashes[0].0, RecordId::Person(PersonId::new("a")));
        // The passport left out is no change: never blanked.
        assert!(back.people.values().flatten().all(|p| p.passport.is_some()));
        // The preview names them: the visit brought in, the person's clash at the phone.
        let lines = back.lines(&copy, &office, Language::Ru);
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[0].change, lines[0].field.as_str()), (Change::BroughtIn, ""));
        assert_eq!((lines[1].change, lines[1].name.as_str(), lines[1].field.as_str()), (Change::Clash, "a", "phone"));
        // Records never taken are never read as deleted.
        assert!(!back.ids().iter().any(|id| matches!(id, RecordId::Delegation(d) if d.as_str() == "v2")));
    }
}
