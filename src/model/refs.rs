//! Who refers to a record: what would dangle if it were deleted.

use super::ids::{CityId, EventId, PersonId, RecordId};
use super::{Language, Model};

/// One record that refers to another, and through which field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The referring record: its kind and id.
    pub record: RecordId,
    /// Its title in the language asked for, for the message.
    pub title: String,
    /// The field that refers.
    pub field: &'static str,
}

/// Events and delegations that refer to the city.
pub fn city_references(model: &Model, city: &CityId, lang: impl Into<Language>) -> Vec<Reference> {
    let lang = lang.into();
    let mut out = Vec::new();
    for d in &model.delegations {
        if d.partner_city.as_ref() == Some(city) {
            out.push(Reference {
                record: RecordId::Delegation(d.id.clone()),
                title: d.title(lang).to_owned(),
                field: "partner_city",
            });
        }
    }
    for e in &model.events {
        let field = if e.host_city.as_ref() == Some(city) {
            Some("host_city")
        } else if e.partner_cities.contains(city) {
            Some("partner_cities")
        } else if e.recurrence.as_ref().is_some_and(|r| r.host_rotation.contains(city)) {
            Some("host_rotation")
        } else {
            None
        };
        if let Some(field) = field {
            out.push(Reference { record: RecordId::Event(e.id.clone()), title: e.title(lang).to_owned(), field });
        }
    }
    out
}

/// Delegations that refer to the person (member, responsible, programme staff).
pub fn person_references(model: &Model, person: &PersonId, lang: impl Into<Language>) -> Vec<Reference> {
    let lang = lang.into();
    model
        .delegations
        .iter()
        .filter(|d| d.people().any(|p| p == person))
        .map(|d| Reference {
            record: RecordId::Delegation(d.id.clone()),
            title: d.title(lang).to_owned(),
            field: "members",
        })
        .collect()
}

/// Delegations linked to the event.
pub fn event_references(model: &Model, event: &EventId, lang: impl Into<Language>) -> Vec<Reference> {
    let lang = lang.into();
    model
        .delegations
        .iter()
        .filter(|d| d.event.as_ref() == Some(event))
        .map(|d| Reference {
            record: RecordId::Delegation(d.id.clone()),
            title: d.title(lang).to_owned(),
            field: "event",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, Delegation, Event, Member, Recurrence};

    #[test]
    fn finds_every_kind_of_city_reference() {
        let mut m = Model::default();
        m.cities.push(City { id: "harbin".into(), ..City::default() }.into());
        m.delegations
            .push(Delegation { id: "d".into(), partner_city: Some("harbin".into()), ..Delegation::default() }.into());
        m.events.push(
            Event {
                id: "e".into(),
                recurrence: Some(Recurrence { host_rotation: vec!["harbin".into()], ..Recurrence::default() }),
                ..Event::default()
            }
            .into(),
        );
        let refs = city_references(&m, &"harbin".into(), Language::Ru);
        assert_eq!(refs.len(), 2);
        assert!(city_references(&m, &"niigata".into(), Language::Ru).is_empty());
    }

    #[test]
    fn finds_person_in_roster() {
        let mut m = Model::default();
        m.delegations.push(
            Delegation {
                id: "d".into(),
                members: vec![Member { person: "ivanov".into(), ..Member::default() }],
                ..Delegation::default()
            }
            .into(),
        );
        assert_eq!(person_references(&m, &"ivanov".into(), Language::Ru).len(), 1);
        assert!(person_references(&m, &"petrov".into(), Language::Ru).is_empty());
    }
}
