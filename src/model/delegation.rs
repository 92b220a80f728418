//! Delegations: incoming and outgoing visits, with roster, programme, checklist and gifts.

use super::ids::{CityId, DelegationId, EventId, ItemId, PersonId};
use super::text::Text;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

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

    /// The kind's name in `lang`: «детская» / "children".
    pub fn name(self, lang: super::Lang) -> &'static str {
        use super::Lang;
        use DelegationKind as K;
        match (lang, self) {
            (Lang::Ru, K::Children) => "детская",
            (Lang::Ru, K::School) => "школьная",
            (Lang::Ru, K::Youth) => "молодёжная",
            (Lang::Ru, K::Sports) => "спортивная",
            (Lang::Ru, K::Culture) => "культурная",
            (Lang::Ru, K::Medical) => "медицинская",
            (Lang::Ru, K::Ecology) => "экологическая",
            (Lang::Ru, K::Business) => "деловая",
            (Lang::Ru, K::Official) => "официальная",
            (Lang::En, K::Children) => "children",
            (Lang::En, K::School) => "school",
            (Lang::En, K::Youth) => "youth",
            (Lang::En, K::Sports) => "sports",
            (Lang::En, K::Culture) => "culture",
            (Lang::En, K::Medical) => "medical",
            (Lang::En, K::Ecology) => "ecology",
            (Lang::En, K::Business) => "business",
            (Lang::En, K::Official) => "official",
        }
    }
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

impl Role {
    /// Every role, in the order pickers offer them (head first).
    pub const ALL: [Role; 9] = [
        Role::Head,
        Role::Member,
        Role::Interpreter,
        Role::Escort,
        Role::Coach,
        Role::Teacher,
        Role::Child,
        Role::Artist,
        Role::Doctor,
    ];

    /// The role's name in `lang`.
    pub fn name(self, lang: super::Lang) -> &'static str {
        let r = self;
        use super::Lang;
        match (lang, r) {
            (Lang::Ru, Role::Head) => "руководитель",
            (Lang::Ru, Role::Member) => "участник",
            (Lang::Ru, Role::Interpreter) => "переводчик",
            (Lang::Ru, Role::Escort) => "сопровождающий",
            (Lang::Ru, Role::Coach) => "тренер",
            (Lang::Ru, Role::Teacher) => "учитель",
            (Lang::Ru, Role::Child) => "ребёнок",
            (Lang::Ru, Role::Artist) => "артист",
            (Lang::Ru, Role::Doctor) => "врач",
            (Lang::En, Role::Head) => "head",
            (Lang::En, Role::Member) => "member",
            (Lang::En, Role::Interpreter) => "interpreter",
            (Lang::En, Role::Escort) => "escort",
            (Lang::En, Role::Coach) => "coach",
            (Lang::En, Role::Teacher) => "teacher",
            (Lang::En, Role::Child) => "child",
            (Lang::En, Role::Artist) => "artist",
            (Lang::En, Role::Doctor) => "doctor",
        }
    }
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
    /// Anywhere else (a dormitory, a sports camp, relatives), as the department records it.
    Other(String),
}

impl Lodging {
    /// What a roster cell or a print says of it: the place, the hotel room after it, and
    /// for a host family the word «семья» / "family" in front.
    pub fn describe(&self, room: &str, lang: super::Lang) -> String {
        let room = room.trim();
        match self {
            Lodging::Unknown => String::new(),
            Lodging::Hotel(h) if room.is_empty() => h.clone(),
            Lodging::Hotel(h) => match lang {
                super::Lang::Ru => format!("{h}, номер {room}"),
                super::Lang::En => format!("{h}, room {room}"),
            },
            // «Семья учащегося…» already says it; «Ивановы» needs the word.
            Lodging::HostFamily(f) if super::names::fold(f).starts_with("семья") => f.clone(),
            Lodging::HostFamily(f) => match lang {
                super::Lang::Ru => format!("семья: {f}"),
                super::Lang::En => format!("family: {f}"),
            },
            Lodging::Other(o) => o.clone(),
        }
    }
}

/// One member of a delegation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Member {
    /// Who.
    pub person: PersonId,
    /// Role.
    pub role: Role,
    /// Protocol precedence, 1 first: badges and rosters print in this order. Independent
    /// of the role: the head of delegation is the member whose role is [`Role::Head`].
    pub precedence: u32,
    /// Visa.
    pub visa: Visa,
    /// Where the member stays.
    pub lodging: Lodging,
    /// Whether a guardian's written consent is on file (needed for a minor).
    pub guardian_consent: bool,
    /// Organisation for this visit, copied from the person when the member is added, so
    /// that a later change of job does not rewrite old rosters. Format 3.
    pub organisation: String,
    /// Position for this visit, copied from the person the same way. Format 3.
    pub position: String,
    /// Hotel room, when the member stays in a hotel. Format 3.
    pub room: String,
}

impl Member {
    /// A new member for `person`, with the person's organisation and position copied in.
    pub fn of(person: &super::Person, precedence: u32) -> Self {
        Member {
            person: person.id.clone(),
            precedence,
            organisation: person.organisation.clone(),
            position: person.position.clone(),
            ..Member::default()
        }
    }
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
    /// The item's id within the programme (format 7; see [`ItemId`]).
    pub id: ItemId,
    /// Day.
    pub date: NaiveDate,
    /// Start, local time of the place of stay.
    pub start: Option<NaiveTime>,
    /// End.
    pub end: Option<NaiveTime>,
    /// What happens: Russian, and translations for the guests' programme.
    pub activity: Text,
    /// Where: Russian, and translations.
    pub place: Text,
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
            id: ItemId::NONE,
            date: NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default(),
            start: None,
            end: None,
            activity: Text::new(),
            place: Text::new(),
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
    /// The task's id within the checklist (format 7; see [`ItemId`]).
    pub id: ItemId,
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
    /// The gift's id within the list (format 7; see [`ItemId`]).
    pub id: ItemId,
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
    /// The partner city it comes from or goes to; none when the visit is with another city
    /// or an organisation ([`Delegation::other_party`]). Written as the city's id, as
    /// before version 6, and as `""` when there is none.
    #[serde(with = "optional_city")]
    pub partner_city: Option<CityId>,
    /// Who the visit is with when it is not a partner city: another city, a province, an
    /// organisation («делегация предпринимателей провинции Шаньси», «JATA»).
    pub other_party: String,
    /// Kind.
    pub kind: DelegationKind,
    /// Title: Russian, and translations (English, the guests' language).
    pub title: Text,
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

/// A partner city stored as its id (`partner_city: "harbin"`, the shape of every version
/// before 6), `""` when there is none; an empty id reads as none. Every field is always
/// written: the binary cache (postcard) has no field names, so a field left out would make
/// every cache entry of the file undecodable.
mod optional_city {
    use super::CityId;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(city: &Option<CityId>, s: S) -> Result<S::Ok, S::Error> {
        match city {
            Some(c) => s.serialize_str(c.as_str()),
            None => s.serialize_str(""),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<CityId>, D::Error> {
        let id = String::deserialize(d)?;
        Ok((!id.trim().is_empty()).then(|| CityId::new(id)))
    }
}

/// The longest stay shown day by day: a year.
pub const MAX_STAY_DAYS: usize = 366;

impl Delegation {
    /// Gives every programme item, task and gift without an id (or with the id of an earlier
    /// item of the same list) one. `new_id` makes it: [`ItemId::fresh`] for items the user
    /// just added, [`ItemId::derived`] (through [`Delegation::derive_item_ids`]) on load.
    /// Returns whether any id changed.
    pub fn assign_item_ids(&mut self, mut new_id: impl FnMut(usize, &HashSet<ItemId>) -> ItemId) -> bool {
        fn list<T>(
            items: &mut [T],
            id: impl Fn(&mut T) -> &mut ItemId,
            new_id: &mut dyn FnMut(usize, &HashSet<ItemId>) -> ItemId,
        ) -> bool {
            let mut taken: HashSet<ItemId> = HashSet::with_capacity(items.len());
            let mut missing = Vec::new();
            for (i, item) in items.iter_mut().enumerate() {
                let id = *id(item);
                if !id.is_set() || !taken.insert(id) {
                    missing.push(i);
                }
            }
            for &i in &missing {
                let fresh = new_id(i, &taken);
                taken.insert(fresh);
                if let Some(item) = items.get_mut(i) {
                    *id(item) = fresh;
                }
            }
            !missing.is_empty()
        }
        let a = list(&mut self.programme, |p| &mut p.id, &mut new_id);
        let b = list(&mut self.checklist, |t| &mut t.id, &mut new_id);
        let c = list(&mut self.gifts, |g| &mut g.id, &mut new_id);
        a || b || c
    }

    /// [`Delegation::assign_item_ids`] as a load does it: ids that depend only on the lists,
    /// so every computer gives the same ids to the same file.
    pub fn derive_item_ids(&mut self) -> bool {
        self.assign_item_ids(ItemId::derived)
    }

    /// [`Delegation::assign_item_ids`] for items the user just added: random ids.
    pub fn fresh_item_ids(&mut self) -> bool {
        self.assign_item_ids(|_, taken| {
            loop {
                let id = ItemId::fresh();
                if !taken.contains(&id) {
                    break id;
                }
            }
        })
    }

    /// The inclusive range of days of the stay.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        (self.arrival.date, self.departure.date)
    }

    /// Every day of the stay, arrival to departure; empty if departure precedes arrival. At
    /// most [`MAX_STAY_DAYS`]: a departure typed a century late (2107 for 2017) would walk
    /// some 33,000 days in every panel; the checks report such a stay.
    pub fn each_day(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.arrival.date.iter_days().take_while(move |d| *d <= self.departure.date).take(MAX_STAY_DAYS)
    }

    /// Whether the stay is longer than [`MAX_STAY_DAYS`] (a typing error, not a visit).
    pub fn too_long(&self) -> bool {
        (self.departure.date - self.arrival.date).num_days() >= MAX_STAY_DAYS as i64
    }

    /// Who the visit is with, by name: the partner city's name in `lang`, else the other
    /// party as typed, else «—».
    pub fn counterpart(&self, model: &super::Model, lang: super::Lang) -> String {
        match self.partner_city.as_ref().and_then(|c| model.city(c)) {
            Some(c) => c.name(lang).to_owned(),
            None => match (&self.partner_city, self.other_party.trim()) {
                (_, other) if !other.is_empty() => other.to_owned(),
                (Some(id), _) => id.to_string(),
                (None, _) => "—".to_owned(),
            },
        }
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

/// Received against sent, for one partner city in one year, with the planned visits apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reciprocity {
    /// Delegations received from the city (done or in progress).
    pub received: u32,
    /// Delegations sent to the city (done or in progress).
    pub sent: u32,
    /// Visits either way still planned or confirmed: neither received nor sent yet.
    pub planned: u32,
}

/// Received against sent per (partner city, year of arrival), counted by what happened:
/// planned and confirmed visits apart, cancelled ones left out:
/// «Пучон 2016: принято 2, направлено 1, запланировано 1». Visits with no partner city
/// count together under `None` («другие»).
pub fn reciprocity<'a>(
    delegations: impl IntoIterator<Item = &'a Delegation>,
) -> std::collections::BTreeMap<(Option<CityId>, i32), Reciprocity> {
    use chrono::Datelike;
    let mut out: std::collections::BTreeMap<(Option<CityId>, i32), Reciprocity> = std::collections::BTreeMap::new();
    for d in delegations.into_iter().filter(|d| d.status != DelegationStatus::Cancelled) {
        let e = out.entry((d.partner_city.clone(), d.arrival.date.year())).or_default();
        match (d.status, d.direction) {
            (DelegationStatus::Planned | DelegationStatus::Confirmed, _) => e.planned += 1,
            (_, Direction::Incoming) => e.received += 1,
            (_, Direction::Outgoing) => e.sent += 1,
        }
    }
    out
}

/// The checklist a new delegation starts with, due dates counted back from arrival.
/// Incoming guests need an invitation letter and visa support; every visit needs hotel,
/// transport, interpreter, gifts and a press release; school and children's exchanges add
/// parental consent and insurance.
pub fn default_checklist(kind: DelegationKind, direction: Direction, arrival: NaiveDate) -> Vec<Task> {
    let due = |days: i64| Some(arrival - chrono::Duration::days(days));
    let mut tasks = Vec::new();
    let mut add = |title: &str, days: i64| {
        tasks.push(Task { id: ItemId::NONE, title: title.to_owned(), due: due(days), done: false })
    };
    if direction == Direction::Incoming {
        add("Письмо-приглашение", 60);
        add("Визовая поддержка", 45);
    }
    add("Гостиница", 30);
    add("Транспорт", 14);
    add("Переводчик", 14);
    if matches!(kind, DelegationKind::School | DelegationKind::Children | DelegationKind::Youth) {
        add("Согласие родителей", 30);
        add("Страховка", 21);
    }
    add("Подарки", 7);
    add("Пресс-релиз", 1);
    tasks
}

impl Delegation {
    /// A copy for a new year's exchange: dates shift to `arrival`, the roster and programme
    /// are kept, status is planned, visas, consents and the checklist start over, gifts are
    /// left behind (they were given).
    pub fn copy_to(&self, new_id: DelegationId, arrival: NaiveDate) -> Delegation {
        let shift = arrival - self.arrival.date;
        let mut d = self.clone();
        d.id = new_id;
        d.status = DelegationStatus::Planned;
        d.arrival.date = arrival;
        d.departure.date = self.departure.date + shift;
        for item in &mut d.programme {
            item.date += shift;
        }
        for m in &mut d.members {
            m.visa = Visa {
                status: if m.visa.status == VisaStatus::NotRequired {
                    VisaStatus::NotRequired
                } else {
                    VisaStatus::Needed
                },
                valid_until: None,
            };
            m.guardian_consent = false;
        }
        d.checklist = default_checklist(d.kind, d.direction, arrival);
        d.gifts.clear();
        d.event = None;
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_city_is_its_id_in_the_file_and_an_empty_one_is_none() {
        let with = Delegation { id: "d".into(), partner_city: Some("harbin".into()), ..Delegation::default() };
        let text = ron::to_string(&with).expect("ron");
        assert!(text.contains("partner_city:\"harbin\""), "as before version 6: {text}");
        let without = Delegation { id: "d".into(), other_party: "JATA".into(), ..Delegation::default() };
        let text = ron::to_string(&without).expect("ron");
        assert!(text.contains("partner_city:\"\""), "{text}");
        let bytes = postcard::to_stdvec(&without).expect("postcard");
        assert_eq!(postcard::from_bytes::<Delegation>(&bytes).expect("the cache's form"), without);
        assert_eq!(ron::from_str::<Delegation>(&text).expect("back"), without);
        let blank: Delegation = ron::from_str("(id: \"d\", partner_city: \" \")").expect("blank id");
        assert_eq!(blank.partner_city, None);
        let m = crate::model::Model::default();
        assert_eq!(without.counterpart(&m, crate::model::Lang::Ru), "JATA");
        assert_eq!(Delegation::default().counterpart(&m, crate::model::Lang::Ru), "—");
        assert_eq!(with.counterpart(&m, crate::model::Lang::Ru), "harbin", "an unknown city shows its id");
    }

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
    fn reciprocity_counts_both_ways_per_city_and_year() {
        let mk = |id: &str, dir: Direction, y: i32, status: DelegationStatus| Delegation {
            id: id.into(),
            partner_city: Some("bucheon".into()),
            direction: dir,
            status,
            arrival: Travel { date: d(y, 5, 1), ..Travel::default() },
            departure: Travel { date: d(y, 5, 3), ..Travel::default() },
            ..Delegation::default()
        };
        let list = vec![
            mk("a", Direction::Incoming, 2016, DelegationStatus::Done),
            mk("b", Direction::Incoming, 2016, DelegationStatus::Done),
            mk("c", Direction::Outgoing, 2016, DelegationStatus::Done),
            mk("x", Direction::Outgoing, 2016, DelegationStatus::Cancelled),
            mk("e", Direction::Outgoing, 2017, DelegationStatus::Planned),
            mk("f", Direction::Incoming, 2017, DelegationStatus::Confirmed),
            mk("g", Direction::Incoming, 2017, DelegationStatus::InProgress),
        ];
        let r = reciprocity(&list);
        assert_eq!(r[&(Some("bucheon".into()), 2016)], Reciprocity { received: 2, sent: 1, planned: 0 });
        assert_eq!(
            r[&(Some("bucheon".into()), 2017)],
            Reciprocity { received: 1, sent: 0, planned: 2 },
            "planned and confirmed visits are apart, one in progress is received"
        );
    }

    #[test]
    fn default_checklists_by_kind_and_direction() {
        let a = d(2017, 5, 20);
        let school_in = default_checklist(DelegationKind::School, Direction::Incoming, a);
        let titles: Vec<&str> = school_in.iter().map(|t| t.title.as_str()).collect();
        assert!(titles.contains(&"Письмо-приглашение") && titles.contains(&"Визовая поддержка"));
        assert!(titles.contains(&"Согласие родителей") && titles.contains(&"Страховка"));
        let official_out = default_checklist(DelegationKind::Official, Direction::Outgoing, a);
        let titles: Vec<&str> = official_out.iter().map(|t| t.title.as_str()).collect();
        assert!(!titles.contains(&"Визовая поддержка") && !titles.contains(&"Страховка"));
        assert!(titles.contains(&"Пресс-релиз") && titles.contains(&"Гостиница"));
        assert!(school_in.iter().all(|t| t.due.is_some_and(|due| due < a) && !t.done));
    }

    #[test]
    fn copy_shifts_dates_and_resets_the_paperwork() {
        let del = Delegation {
            id: "old".into(),
            status: DelegationStatus::Done,
            arrival: Travel { date: d(2016, 5, 1), ..Travel::default() },
            departure: Travel { date: d(2016, 5, 11), ..Travel::default() },
            members: vec![Member {
                person: "p".into(),
                guardian_consent: true,
                visa: Visa { status: VisaStatus::Issued, valid_until: Some(d(2016, 6, 1)) },
                ..Member::default()
            }],
            programme: vec![ProgrammeItem { date: d(2016, 5, 3), ..ProgrammeItem::default() }],
            gifts: vec![Gift { id: ItemId(1), item: "Альбом".into(), recipient: "Мэр".into(), quantity: 1 }],
            ..Delegation::default()
        };
        let copy = del.copy_to("new".into(), d(2017, 5, 2));
        assert_eq!(copy.departure.date, d(2017, 5, 12));
        assert_eq!(copy.programme[0].date, d(2017, 5, 4));
        assert_eq!(copy.status, DelegationStatus::Planned);
        assert_eq!(copy.members.len(), 1);
        assert!(!copy.members[0].guardian_consent);
        assert_eq!(copy.members[0].visa.status, VisaStatus::Needed);
        assert!(copy.gifts.is_empty() && !copy.checklist.is_empty());
    }

    #[test]
    fn headcount_counts_unnamed_participants() {
        let mut del = Delegation { headcount: Some(50), ..Delegation::default() };
        assert_eq!(del.participant_count(), 50);
        del.headcount = None;
        del.members.push(Member::default());
        assert_eq!(del.participant_count(), 1);
    }

    #[test]
    fn a_member_keeps_the_job_of_the_day_they_were_added_and_lodging_reads_as_a_line() {
        let mut p = crate::model::Person {
            id: "p".into(),
            organisation: "Гимназия № 5".into(),
            position: "учитель".into(),
            ..crate::model::Person::default()
        };
        let m = Member::of(&p, 3);
        p.organisation = "Другая школа".into();
        assert_eq!((m.organisation.as_str(), m.position.as_str(), m.precedence), ("Гимназия № 5", "учитель", 3));
        use crate::model::Lang;
        assert_eq!(Lodging::Hotel("Интурист".into()).describe(" 512 ", Lang::Ru), "Интурист, номер 512");
        assert_eq!(Lodging::Hotel("Intourist".into()).describe("", Lang::En), "Intourist");
        assert_eq!(Lodging::HostFamily("Ивановы".into()).describe("9", Lang::Ru), "семья: Ивановы");
        assert_eq!(Lodging::HostFamily("Семья Ли, ул. Мира, 3".into()).describe("", Lang::Ru), "Семья Ли, ул. Мира, 3");
        assert_eq!(Lodging::Other("лагерь".into()).describe("", Lang::En), "лагерь");
        assert_eq!(Lodging::Unknown.describe("1", Lang::Ru), "");
    }
}
