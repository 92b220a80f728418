//! The records of format version 3 (and 1–2, which share their shape), as they were
//! stored, and their upgrade to this version.
//!
//! Version 4 made the titles of visits and events, and a programme item's activity and
//! place, one map of translations ([`Text`]) instead of `title_ru` / `title_en`,
//! `activity_ru` / `activity_en` and a plain `place`. Stored structs reject unknown fields,
//! so a folder older than version 4 is parsed with these structs and converted; every
//! Russian and English text of the old fields is kept. Nothing else changed, so the other
//! types (travel, members, tasks, gifts, recurrence) are today's.

use crate::model::{
    CityId, Delegation, DelegationId, DelegationKind, DelegationStatus, Direction, Event, EventCategory, EventId, Gift,
    Language, Member, PersonId, ProgrammeItem, Recurrence, Task, Text, Travel,
};
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::Deserialize;

/// Russian and English as one [`Text`]; blank forms are dropped.
fn text(ru: String, en: String) -> Text {
    Text::ru(ru).with(Language::En, en)
}

/// A programme item of version 3.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProgrammeItem3 {
    date: NaiveDate,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
    activity_ru: String,
    activity_en: String,
    place: String,
    responsible: Option<PersonId>,
    interpreter: Option<PersonId>,
    transport: String,
    note: String,
}

impl Default for ProgrammeItem3 {
    fn default() -> Self {
        let now = ProgrammeItem::default();
        ProgrammeItem3 {
            date: now.date,
            start: None,
            end: None,
            activity_ru: String::new(),
            activity_en: String::new(),
            place: String::new(),
            responsible: None,
            interpreter: None,
            transport: String::new(),
            note: String::new(),
        }
    }
}

impl From<ProgrammeItem3> for ProgrammeItem {
    fn from(p: ProgrammeItem3) -> ProgrammeItem {
        ProgrammeItem {
            id: crate::model::ItemId::NONE,
            date: p.date,
            start: p.start,
            end: p.end,
            activity: text(p.activity_ru, p.activity_en),
            place: Text::ru(p.place),
            responsible: p.responsible,
            interpreter: p.interpreter,
            transport: p.transport,
            note: p.note,
        }
    }
}

/// A delegation of version 3.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Delegation3 {
    id: DelegationId,
    direction: Direction,
    partner_city: CityId,
    kind: DelegationKind,
    title_ru: String,
    title_en: String,
    purpose: String,
    arrival: Travel,
    departure: Travel,
    event: Option<EventId>,
    status: DelegationStatus,
    responsible: Option<PersonId>,
    accommodation: String,
    headcount: Option<u32>,
    members: Vec<Member>,
    programme: Vec<ProgrammeItem3>,
    checklist: Vec<Task>,
    gifts: Vec<Gift>,
    notes: String,
}

impl From<Delegation3> for Delegation {
    fn from(d: Delegation3) -> Delegation {
        Delegation {
            id: d.id,
            direction: d.direction,
            partner_city: (!d.partner_city.as_str().trim().is_empty()).then_some(d.partner_city),
            other_party: String::new(),
            kind: d.kind,
            title: text(d.title_ru, d.title_en),
            purpose: d.purpose,
            arrival: d.arrival,
            departure: d.departure,
            event: d.event,
            status: d.status,
            responsible: d.responsible,
            accommodation: d.accommodation,
            headcount: d.headcount,
            members: d.members,
            programme: d.programme.into_iter().map(Into::into).collect(),
            checklist: d.checklist,
            gifts: d.gifts,
            notes: d.notes,
        }
    }
}

/// An event of version 3.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Event3 {
    id: EventId,
    title_ru: String,
    title_en: String,
    category: EventCategory,
    start_date: NaiveDate,
    end_date: NaiveDate,
    start_time: Option<NaiveTime>,
    end_time: Option<NaiveTime>,
    time_zone: Tz,
    venue: String,
    host_city: Option<CityId>,
    partner_cities: Vec<CityId>,
    recurrence: Option<Recurrence>,
    public: bool,
    foreign_participants: Option<u32>,
    description: String,
    uid: String,
}

impl Default for Event3 {
    fn default() -> Self {
        let now = Event::default();
        Event3 {
            id: now.id,
            title_ru: String::new(),
            title_en: String::new(),
            category: now.category,
            start_date: now.start_date,
            end_date: now.end_date,
            start_time: now.start_time,
            end_time: now.end_time,
            time_zone: now.time_zone,
            venue: now.venue,
            host_city: now.host_city,
            partner_cities: now.partner_cities,
            recurrence: now.recurrence,
            public: now.public,
            foreign_participants: now.foreign_participants,
            description: now.description,
            uid: now.uid,
        }
    }
}

impl From<Event3> for Event {
    fn from(e: Event3) -> Event {
        Event {
            id: e.id,
            public_description: crate::model::Text::new(),
            title: text(e.title_ru, e.title_en),
            category: e.category,
            start_date: e.start_date,
            end_date: e.end_date,
            start_time: e.start_time,
            end_time: e.end_time,
            time_zone: e.time_zone,
            venue: e.venue,
            host_city: e.host_city,
            partner_cities: e.partner_cities,
            recurrence: e.recurrence,
            public: e.public,
            foreign_participants: e.foreign_participants,
            description: e.description,
            uid: e.uid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_old_russian_and_english_text_is_kept() {
        let old = r#"[(
            id: "del-1",
            title_ru: "Детская делегация",
            title_en: "Children's delegation",
            programme: [(date: "2016-08-15", activity_ru: "Обед", activity_en: "Lunch", place: "Кафе"),
                        (date: "2016-08-16", activity_ru: "Отдых", activity_en: "")],
        )]"#;
        let v: Vec<Delegation3> = ron::from_str(old).expect("version 3");
        let d: Delegation = v.into_iter().next().expect("one").into();
        assert_eq!(d.title, Text::ru("Детская делегация").with(Language::En, "Children's delegation"));
        assert_eq!(d.programme[0].activity, Text::ru("Обед").with(Language::En, "Lunch"));
        assert_eq!(d.programme[0].place, Text::ru("Кафе"));
        assert_eq!(d.programme[1].activity, Text::ru("Отдых"), "a blank English form is not kept");
        assert!(d.programme[1].place.is_empty());
        let e: Vec<Event3> =
            ron::from_str(r#"[(id: "x", title_ru: "День города", title_en: "City Day")]"#).expect("event");
        let e: Event = e.into_iter().next().expect("one").into();
        assert_eq!(e.title.show(Language::En), "City Day");
        assert!(ron::from_str::<Vec<Delegation3>>(r#"[(title: {ru: "Новая"})]"#).is_err(), "not the new shape");
    }
}
