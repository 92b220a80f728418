//! Delegations: incoming and outgoing visits, with roster, programme, checklist and gifts.

use super::ids::{CityId, DelegationId, EventId, PersonId};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Whether the delegation comes to the home city or goes abroad.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Received in the home city (приём).
    #[default]
    Incoming,
    /// Sent from the home city (визит за рубеж).
    Outgoing,
}

/// The kind of delegation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DelegationKind {
    /// Children's exchange.
    Children,
    /// School exchange.
    School,
    /// Youth.
    Youth,
    /// Sport.
    Sports,
    /// Culture and arts.
    Culture,
    /// Medical specialists.
    Medical,
    /// Ecology.
    Ecology,
    /// Business.
    Business,
    /// Official.
    #[default]
    Official,
}

impl DelegationKind {
    /// Every kind, in display order.
    pub const ALL: [DelegationKind; 9] = [
        Self::Children,
        Self::School,
        Self::Youth,
        Self::Sports,
        Self::Culture,
        Self::Medical,
        Self::Ecology,
        Self::Business,
        Self::Official,
    ];
}

/// Where a delegation stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DelegationStatus {
    /// Being planned.
    #[default]
    Planned,
    /// Dates and roster agreed.
    Confirmed,
    /// The visit is under way.
    InProgress,
    /// Took place.
    Done,
    /// Called off.
    Cancelled,
}

/// A member's role in the delegation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Head of the delegation.
    Head,
    /// Member.
    #[default]
    Member,
    /// Interpreter.
    Interpreter,
    /// Escort or accompanying staff.
    Escort,
    /// Coach.
    Coach,
    /// Teacher.
    Teacher,
    /// Child or pupil.
    Child,
    /// Artist or performer.
    Artist,
    /// Doctor.
    Doctor,
}

/// Whether a member needs a visa and has one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VisaStatus {
    /// No visa needed (visa-free regime, or a domestic member of an incoming visit).
    #[default]
    NotRequired,
    /// Needed, not yet applied for.
    Needed,
    /// Applied for, not yet issued.
    Applied,
    /// Issued.
    Issued,
    /// Refused.
    Refused,
}

/// A member's visa.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Visa {
    /// Where the visa stands.
    pub status: VisaStatus,
    /// Last day of validity, for an issued visa.
    pub valid_until: Option<NaiveDate>,
}

/// Where a member stays.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lodging {
    /// Not settled, or not the department's concern.
    #[default]
    Unknown,
    /// A hotel, by name.
    Hotel(String),
    /// A host family, by name and address as the department records them.
    HostFamily(String),
}

/// One member of a delegation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Member {
    /// Who.
    pub person: PersonId,
    /// Role.
    pub role: Role,
    /// Protocol precedence: 1 is the head; badges and rosters print in this order.
    pub precedence: u32,
    /// Visa.
    pub visa: Visa,
    /// Where the member stays.
    pub lodging: Lodging,
    /// Whether a guardian's written consent is on file (needed for a minor).
    pub guardian_consent: bool,
}

/// Arrival or departure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Travel {
    /// Date.
    pub date: NaiveDate,
    /// Time, local to the place.
    pub time: Option<NaiveTime>,
    /// Flight or train, e.g. «рейс HZ 5447» or «поезд 351».
    pub transport: String,
}

impl Default for Travel {
    fn default() -> Self {
        Self { date: NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default(), time: None, transport: String::new() }
    }
}

/// One item of the programme of stay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProgrammeItem {
    /// Day.
    pub date: NaiveDate,
    /// Start, local time of the place of stay.
    pub start: Option<NaiveTime>,
    /// End.
    pub end: Option<NaiveTime>,
    /// What happens, in Russian.
    pub activity_ru: String,
    /// What happens, in English (for bilingual print), when written.
    pub activity_en: String,
    /// Where.
    pub place: String,
    /// The staff member responsible.
    pub responsible: Option<PersonId>,
    /// The interpreter.
    pub interpreter: Option<PersonId>,
    /// Transport («автобус», «пешком»).
    pub transport: String,
    /// Note.
    pub note: String,
}

impl Default for ProgrammeItem {
    fn default() -> Self {
        Self {
            date: NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default(),
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

impl ProgrammeItem {
    /// The item's time span on its day; an item without times takes no time slot.
    pub fn span(&self) -> Option<(NaiveTime, NaiveTime)> {
        let start = self.start?;
        Some((start, self.end.unwrap_or(start)))
    }
}

/// A task of the checklist.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Task {
    /// What to do: «Письмо-приглашение», «Визовая поддержка», …
    pub title: String,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Whether it is done.
    pub done: bool,
}

/// A gift given or received.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Gift {
    /// What.
    pub item: String,
    /// To whom.
    pub recipient: String,
    /// How many.
    pub quantity: u32,
}

/// A delegation, incoming or outgoing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Delegation {
    /// Stable id.
    pub id: DelegationId,
    /// Incoming or outgoing.
    pub direction: Direction,
    /// The partner city it comes from or goes to.
    pub partner_city: CityId,
    /// Kind.
    pub kind: DelegationKind,
    /// Title in Russian.
    pub title_ru: String,
    /// Title in English.
    pub title_en: String,
    /// Purpose of the visit.
    pub purpose: String,
    /// Arrival (at the place of stay).
    pub arrival: Travel,
    /// Departure (from the place of stay).
    pub departure: Travel,
    /// The event the visit is for.
    pub event: Option<EventId>,
    /// Status.
    pub status: DelegationStatus,
    /// The staff member responsible.
    pub responsible: Option<PersonId>,
    /// Accommodation for the whole group.
    pub accommodation: String,
    /// Total number of participants, when the roster does not list everyone
    /// (e.g. «50 школьников»).
    pub headcount: Option<u32>,
    /// Named members.
    pub members: Vec<Member>,
    /// Programme of stay.
    pub programme: Vec<ProgrammeItem>,
    /// Checklist.
    pub checklist: Vec<Task>,
    /// Gifts.
    pub gifts: Vec<Gift>,
    /// Free text.
    pub notes: String,
}

impl Delegation {
    /// The inclusive range of days of the stay.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        (self.arrival.date, self.departure.date)
    }

    /// Every day of the stay, arrival to departure; empty if departure precedes arrival.
    pub fn each_day(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.arrival.date.iter_days().take_while(move |d| *d <= self.departure.date)
    }

    /// Number of participants: the declared headcount, or the named members.
    pub fn participant_count(&self) -> u32 {
        self.headcount.unwrap_or(0).max(u32::try_from(self.members.len()).unwrap_or(u32::MAX))
    }

    /// Every person this delegation refers to: members, programme staff, the responsible.
    pub fn people(&self) -> impl Iterator<Item = &PersonId> {
        self.members
            .iter()
            .map(|m| &m.person)
            .chain(self.responsible.iter())
            .chain(self.programme.iter().flat_map(|p| p.responsible.iter().chain(p.interpreter.iter())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn days_of_stay_are_inclusive() {
        let del = Delegation {
            arrival: Travel { date: d(2016, 5, 1), ..Travel::default() },
            departure: Travel { date: d(2016, 5, 3), ..Travel::default() },
            ..Delegation::default()
        };
        assert_eq!(del.each_day().count(), 3);
    }

    #[test]
    fn headcount_counts_unnamed_participants() {
        let mut del = Delegation { headcount: Some(50), ..Delegation::default() };
        assert_eq!(del.participant_count(), 50);
        del.headcount = None;
        del.members.push(Member::default());
        assert_eq!(del.participant_count(), 1);
    }
}
