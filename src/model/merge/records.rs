//! The merge rule of every field of every stored record. A field added to a record does
//! not compile until it is listed here (see `merge_struct!` in the parent module).
//!
//! Lists whose items have no identity of their own (a city's agreements and contacts, an
//! event's partner cities and recurrence, a year's breakdowns) are atomic: one side's
//! whole list wins, and two different edits of one list are a clash shown side by side.

use crate::model::{City, Delegation, Event, Gift, Member, Person, ProgrammeItem, Task, Travel, YearFigures};

merge_struct!(City {
    id: atomic,
    name_ru: atomic,
    name_en: atomic,
    name_native: atomic,
    country_ru: atomic,
    country_en: atomic,
    region: atomic,
    status: atomic,
    since: atomic,
    time_zone: atomic,
    coordinates: atomic,
    population: atomic,
    agreements: atomic,
    contacts: atomic,
    notes: atomic,
    languages: atomic,
});

merge_struct!(Person {
    id: atomic,
    full_name_ru: atomic,
    latin_name: atomic,
    native_name: atomic,
    birth_date: atomic,
    organisation: atomic,
    position: atomic,
    passport: atomic,
    phone: atomic,
    email: atomic,
    languages: atomic,
    dietary: atomic,
    notes: atomic,
    staff: atomic,
    interpreter: atomic,
});

merge_struct!(Event {
    id: atomic,
    title: atomic,
    category: atomic,
    start_date: atomic,
    end_date: atomic,
    start_time: atomic,
    end_time: atomic,
    time_zone: atomic,
    venue: atomic,
    host_city: atomic,
    partner_cities: atomic,
    recurrence: atomic,
    public: atomic,
    foreign_participants: atomic,
    description: atomic,
    public_description: atomic,
    uid: atomic,
});

merge_struct!(YearFigures {
    year: atomic,
    foreign_tourists: atomic,
    tourists_source: atomic,
    by_country: atomic,
    by_month: atomic,
    delegations_received: atomic,
    delegations_sent: atomic,
    delegations_source: atomic,
    public_events_target: atomic,
    notes: atomic,
});

merge_struct!(Travel { date: atomic, time: atomic, transport: atomic });

merge_struct!(Member {
    person: atomic,
    role: atomic,
    precedence: atomic,
    visa: atomic,
    lodging: atomic,
    guardian_consent: atomic,
    organisation: atomic,
    position: atomic,
    room: atomic,
});

merge_struct!(ProgrammeItem {
    id: atomic,
    date: atomic,
    start: atomic,
    end: atomic,
    activity: atomic,
    place: atomic,
    responsible: atomic,
    interpreter: atomic,
    transport: atomic,
    note: atomic,
});

merge_struct!(Task { id: atomic, title: atomic, due: atomic, done: atomic });

merge_struct!(Gift { id: atomic, item: atomic, recipient: atomic, quantity: atomic });

merge_struct!(Delegation {
    id: atomic,
    direction: atomic,
    partner_city: atomic,
    other_party: atomic,
    kind: atomic,
    title: atomic,
    purpose: atomic,
    arrival: nested,
    departure: nested,
    event: atomic,
    status: atomic,
    responsible: atomic,
    accommodation: atomic,
    headcount: atomic,
    members: keyed(|m: &Member| m.person.clone()),
    programme: keyed(|p: &ProgrammeItem| p.id),
    checklist: keyed(|t: &Task| t.id),
    gifts: keyed(|g: &Gift| g.id),
    notes: atomic,
});
