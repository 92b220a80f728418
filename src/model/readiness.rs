//! How ready a visit is: what is still missing, each gap with its weight, and the share
//! of the checks it passes. One function ([`readiness`]) serves the overview, the ledger's
//! badges and `pobratim overview`. It is for the department only: the annual report for
//! the association never shows it.
//!
//! The rules and their weights (ARCHITECTURE.md repeats them):
//! - roster: a head named (2); at least one member named (2);
//! - documents, per member: a passport entered and valid six months past the departure
//!   (2); a visa issued where one is needed, valid to the departure (2); a guardian's
//!   consent for a minor (2);
//! - programme: every day of the stay with an item (1 per day); every item with a person
//!   responsible (1 each); an interpreter on every item when the partner city's languages
//!   exclude Russian or are unknown (1 each);
//! - checklist: every task done (1 each); an open task past its due date is overdue;
//! - travel: the time and the transport of the arrival and of the departure (1 each).
//!
//! The bar is the weight satisfied over the weight of every check that applies.

use super::date::{add_months, fmt_date};
use super::delegation::{Delegation, VisaStatus};
use super::text::Language;
use super::{Lang, Model, Role};
use chrono::NaiveDate;

/// Which part of the visit a gap is in (and which tab of the visit holds it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// Who comes or goes.
    Roster,
    /// Passports, visas and consents.
    Documents,
    /// The programme of stay.
    Programme,
    /// The checklist.
    Checklist,
    /// Arrival and departure.
    Travel,
}

impl Area {
    /// Every area, in the order the overview lists them.
    pub const ALL: [Area; 5] = [Area::Roster, Area::Documents, Area::Programme, Area::Checklist, Area::Travel];

    /// The area's name: «состав» / "roster".
    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Ru, Area::Roster) => "состав",
            (Lang::Ru, Area::Documents) => "документы",
            (Lang::Ru, Area::Programme) => "программа",
            (Lang::Ru, Area::Checklist) => "задачи",
            (Lang::Ru, Area::Travel) => "приезд и отъезд",
            (Lang::En, Area::Roster) => "roster",
            (Lang::En, Area::Documents) => "documents",
            (Lang::En, Area::Programme) => "programme",
            (Lang::En, Area::Checklist) => "checklist",
            (Lang::En, Area::Travel) => "travel",
        }
    }

    /// The key `--json` uses: `roster`, `documents`, …
    pub fn key(self) -> &'static str {
        self.name(Lang::En)
    }
}

/// Arrival or departure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Leg {
    /// The arrival at the place of stay.
    Arrival,
    /// The departure from it.
    Departure,
}

/// One thing a visit still lacks, with the facts needed to say it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// No member has the role of head.
    NoHead,
    /// No member is named.
    NoMembers,
    /// A member's passport is not entered, or ends less than six months after departure.
    Passport {
        /// The member's index in the roster.
        member: usize,
        /// The member's name.
        person: String,
        /// When the passport ends; `None` when no passport (or no end date) is entered.
        expires: Option<NaiveDate>,
    },
    /// A member who needs a visa has none issued that lasts to the departure.
    Visa {
        /// The member's index.
        member: usize,
        /// The member's name.
        person: String,
        /// Where the visa stands.
        status: VisaStatus,
        /// The last day of an issued visa that ends too early.
        valid_until: Option<NaiveDate>,
    },
    /// A minor without a guardian's consent.
    Consent {
        /// The member's index.
        member: usize,
        /// The member's name.
        person: String,
    },
    /// Days of the stay with no programme item: a run of consecutive days, weighing one
    /// per day.
    NoProgramme {
        /// The first day of the run.
        from: NaiveDate,
        /// The last day of the run.
        to: NaiveDate,
    },
    /// A programme item with no person responsible.
    NoResponsible {
        /// The item's index in the programme.
        item: usize,
        /// Its day.
        date: NaiveDate,
        /// What happens, in the UI's language where translated.
        activity: String,
    },
    /// A programme item with no interpreter, for guests who need one.
    NoInterpreter {
        /// The item's index.
        item: usize,
        /// Its day.
        date: NaiveDate,
        /// What happens.
        activity: String,
    },
    /// A checklist task not done.
    Task {
        /// The task's index in the checklist.
        index: usize,
        /// Its title.
        title: String,
        /// Its due date.
        due: Option<NaiveDate>,
        /// Whether the due date has passed.
        overdue: bool,
    },
    /// The arrival's or departure's time, or its flight or train, is not entered (each
    /// weighs one).
    Travel {
        /// Arrival or departure.
        leg: Leg,
        /// The time is missing.
        time: bool,
        /// The flight or train is missing.
        transport: bool,
    },
}

impl Gap {
    /// The part of the visit it is in.
    pub fn area(&self) -> Area {
        match self {
            Gap::NoHead | Gap::NoMembers => Area::Roster,
            Gap::Passport { .. } | Gap::Visa { .. } | Gap::Consent { .. } => Area::Documents,
            Gap::NoProgramme { .. } | Gap::NoResponsible { .. } | Gap::NoInterpreter { .. } => Area::Programme,
            Gap::Task { .. } => Area::Checklist,
            Gap::Travel { .. } => Area::Travel,
        }
    }

    /// Its weight in the bar.
    pub fn weight(&self) -> u32 {
        match self {
            Gap::NoProgramme { from, to } => u32::try_from((*to - *from).num_days() + 1).unwrap_or(1).max(1),
            Gap::Travel { time, transport, .. } => u32::from(*time) + u32::from(*transport),
            _ => match self.area() {
                Area::Roster | Area::Documents => 2,
                Area::Programme | Area::Checklist | Area::Travel => 1,
            },
        }
    }

    /// The field it is about, written as the findings write theirs (`members[2].visa`,
    /// `programme[0].interpreter`, `checklist[1]`, `arrival.time`), so the visit can open
    /// at the tab and, where possible, the field.
    pub fn field(&self) -> String {
        match self {
            Gap::NoHead | Gap::NoMembers => "members".to_owned(),
            Gap::Passport { member, .. } => format!("members[{member}].person.passport"),
            Gap::Visa { member, .. } => format!("members[{member}].visa"),
            Gap::Consent { member, .. } => format!("members[{member}].guardian_consent"),
            Gap::NoProgramme { .. } => "programme".to_owned(),
            Gap::NoResponsible { item, .. } => format!("programme[{item}].responsible"),
            Gap::NoInterpreter { item, .. } => format!("programme[{item}].interpreter"),
            Gap::Task { index, .. } => format!("checklist[{index}]"),
            Gap::Travel { leg, time, .. } => {
                let leg = if *leg == Leg::Arrival { "arrival" } else { "departure" };
                format!("{leg}.{}", if *time { "time" } else { "transport" })
            }
        }
    }

    /// The roster member it is about, if any.
    pub fn member(&self) -> Option<usize> {
        match self {
            Gap::Passport { member, .. } | Gap::Visa { member, .. } | Gap::Consent { member, .. } => Some(*member),
            _ => None,
        }
    }

    /// The programme item it is about, if any.
    pub fn item(&self) -> Option<usize> {
        match self {
            Gap::NoResponsible { item, .. } | Gap::NoInterpreter { item, .. } => Some(*item),
            _ => None,
        }
    }

    /// Whether it is late: an overdue task.
    pub fn is_overdue(&self) -> bool {
        matches!(self, Gap::Task { overdue: true, .. })
    }

    /// What is missing, in words: «Танака Юки: паспорт не внесён».
    pub fn message(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        let pick = |r: String, e: String| if ru { r } else { e };
        let leg = |l: &Leg| match (ru, l) {
            (true, Leg::Arrival) => "приезда",
            (true, Leg::Departure) => "отъезда",
            (false, Leg::Arrival) => "arrival",
            (false, Leg::Departure) => "departure",
        };
        match self {
            Gap::NoHead => pick("руководитель не назначен".into(), "no head of delegation".into()),
            Gap::NoMembers => pick("никто не внесён в состав".into(), "no member named".into()),
            Gap::Passport { person, expires: None, .. } => {
                pick(format!("{person}: паспорт не внесён"), format!("{person}: no passport entered"))
            }
            Gap::Passport { person, expires: Some(e), .. } => pick(
                format!("{person}: паспорт действует до {} — менее 6 месяцев после отъезда", fmt_date(*e)),
                format!("{person}: passport valid until {}, under 6 months after departure", fmt_date(*e)),
            ),
            Gap::Visa { person, valid_until: Some(u), .. } => pick(
                format!("{person}: виза действует только до {} — раньше отъезда", fmt_date(*u)),
                format!("{person}: visa valid only until {}, before departure", fmt_date(*u)),
            ),
            Gap::Visa { person, status, .. } => match (ru, status) {
                (true, VisaStatus::Refused) => format!("{person}: в визе отказано"),
                (true, VisaStatus::Applied) => format!("{person}: виза запрошена, не выдана"),
                (true, _) => format!("{person}: виза нужна, не запрошена"),
                (false, VisaStatus::Refused) => format!("{person}: visa refused"),
                (false, VisaStatus::Applied) => format!("{person}: visa applied for, not issued"),
                (false, _) => format!("{person}: visa needed, not applied for"),
            },
            Gap::Consent { person, .. } => pick(
                format!("{person}: нет согласия родителей (несовершеннолетний)"),
                format!("{person}: no guardian's consent (a minor)"),
            ),
            Gap::NoProgramme { from, to } if from == to => {
                pick(format!("{}: нет программы", fmt_date(*from)), format!("{}: no programme", fmt_date(*from)))
            }
            Gap::NoProgramme { from, to } => pick(
                format!("{}–{}: нет программы", fmt_date(*from), fmt_date(*to)),
                format!("{}–{}: no programme", fmt_date(*from), fmt_date(*to)),
            ),
            Gap::NoResponsible { date, activity, .. } => pick(
                format!("{} «{activity}»: нет ответственного", fmt_date(*date)),
                format!("{} «{activity}»: no one responsible", fmt_date(*date)),
            ),
            Gap::NoInterpreter { date, activity, .. } => pick(
                format!("{} «{activity}»: нет переводчика", fmt_date(*date)),
                format!("{} «{activity}»: no interpreter", fmt_date(*date)),
            ),
            Gap::Task { title, due: Some(due), overdue: true, .. } => pick(
                format!("«{title}» просрочено (срок {})", fmt_date(*due)),
                format!("«{title}» overdue (due {})", fmt_date(*due)),
            ),
            Gap::Task { title, due: Some(due), .. } => pick(
                format!("«{title}» не сделано (срок {})", fmt_date(*due)),
                format!("«{title}» not done (due {})", fmt_date(*due)),
            ),
            Gap::Task { title, due: None, .. } => pick(format!("«{title}» не сделано"), format!("«{title}» not done")),
            Gap::Travel { leg: l, time: true, transport: true } => pick(
                format!("время и рейс (поезд) {} не указаны", leg(l)),
                format!("no {} time, flight or train", leg(l)),
            ),
            Gap::Travel { leg: l, time: true, .. } => {
                pick(format!("время {} не указано", leg(l)), format!("no {} time", leg(l)))
            }
            Gap::Travel { leg: l, .. } => {
                pick(format!("рейс или поезд {} не указан", leg(l)), format!("no {} flight or train", leg(l)))
            }
        }
    }
}

/// A visit's readiness: what is missing and how much of it is in place.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Readiness {
    /// The weight of every check that applies to the visit.
    pub total: u32,
    /// What is missing, by area in [`Area::ALL`] order, then in the visit's own order.
    pub missing: Vec<Gap>,
    /// Members named in the roster.
    pub named: usize,
    /// The declared headcount, shown beside the names.
    pub headcount: Option<u32>,
}

impl Readiness {
    /// The weight still missing.
    pub fn missing_weight(&self) -> u32 {
        self.missing.iter().map(Gap::weight).sum()
    }

    /// The share of the checks' weight satisfied, 0.0–1.0 (1.0 when nothing applies).
    pub fn share(&self) -> f32 {
        if self.total == 0 {
            return 1.0;
        }
        let done = self.total.saturating_sub(self.missing_weight());
        done as f32 / self.total as f32
    }

    /// The share as a whole percentage, rounded down (100 only when nothing is missing).
    pub fn percent(&self) -> u32 {
        if self.total == 0 {
            return 100;
        }
        self.total.saturating_sub(self.missing_weight()) * 100 / self.total
    }

    /// The gaps of one area.
    pub fn in_area(&self, area: Area) -> impl Iterator<Item = &Gap> {
        self.missing.iter().filter(move |g| g.area() == area)
    }

    /// Whether a task is overdue.
    pub fn has_overdue(&self) -> bool {
        self.missing.iter().any(Gap::is_overdue)
    }

    /// «5 из 12 названы» / "5 of 12 named": the roster against the headcount.
    pub fn roster_line(&self, lang: Lang) -> String {
        match (lang, self.headcount) {
            (Lang::Ru, Some(h)) => format!("названо {} из {h}", self.named),
            (Lang::Ru, None) => format!("названо {}", self.named),
            (Lang::En, Some(h)) => format!("{} of {h} named", self.named),
            (Lang::En, None) => format!("{} named", self.named),
        }
    }
}

/// Whether the guests of this visit need an interpreter: the partner city's languages
/// leave out Russian, or are not known (no partner city, or none entered).
pub fn needs_interpreter(model: &Model, d: &Delegation) -> bool {
    match d.partner_city.as_ref().and_then(|c| model.city(c)) {
        Some(city) => !city.languages.contains(&Language::Ru),
        None => true,
    }
}

/// What the visit still lacks, by the rules of this module, on `today` (which only
/// decides which open tasks are overdue).
pub fn readiness(model: &Model, d: &Delegation, today: NaiveDate) -> Readiness {
    let mut r = Readiness { named: d.members.len(), headcount: d.headcount, ..Readiness::default() };
    let check = |r: &mut Readiness, ok: bool, gap: Gap| {
        r.total += gap.weight();
        if !ok {
            r.missing.push(gap);
        }
    };
    // Roster.
    check(&mut r, d.members.iter().any(|m| m.role == Role::Head), Gap::NoHead);
    check(&mut r, !d.members.is_empty(), Gap::NoMembers);
    // Documents.
    let departure = d.departure.date;
    let passport_limit = add_months(departure, 6);
    for (i, m) in d.members.iter().enumerate() {
        let person = model.person(&m.person);
        let name = person.map_or_else(|| m.person.to_string(), |p| p.name(Lang::Ru).to_owned());
        let expires = person.and_then(|p| p.passport.as_ref()).and_then(|p| p.expires);
        check(
            &mut r,
            expires.is_some_and(|e| e >= passport_limit),
            Gap::Passport { member: i, person: name.clone(), expires },
        );
        if m.visa.status != VisaStatus::NotRequired {
            let issued = m.visa.status == VisaStatus::Issued;
            let too_early = m.visa.valid_until.filter(|u| issued && *u < departure);
            check(
                &mut r,
                issued && too_early.is_none(),
                Gap::Visa { member: i, person: name.clone(), status: m.visa.status, valid_until: too_early },
            );
        }
        if person.is_some_and(|p| p.is_minor_on(d.arrival.date)) {
            check(&mut r, m.guardian_consent, Gap::Consent { member: i, person: name });
        }
    }
    // Programme.
    let covered: std::collections::HashSet<NaiveDate> = d.programme.iter().map(|p| p.date).collect();
    let mut run: Option<(NaiveDate, NaiveDate)> = None;
    for day in d.each_day() {
        r.total += 1;
        if covered.contains(&day) {
            if let Some((from, to)) = run.take() {
                r.missing.push(Gap::NoProgramme { from, to });
            }
        } else {
            run = Some(run.map_or((day, day), |(from, _)| (from, day)));
        }
    }
    if let Some((from, to)) = run {
        r.missing.push(Gap::NoProgramme { from, to });
    }
    let interpreter = needs_interpreter(model, d);
    for (i, item) in d.programme.iter().enumerate() {
        let activity = item.activity.show(Language::Ru).to_owned();
        check(
            &mut r,
            item.responsible.is_some(),
            Gap::NoResponsible { item: i, date: item.date, activity: activity.clone() },
        );
        if interpreter {
            check(&mut r, item.interpreter.is_some(), Gap::NoInterpreter { item: i, date: item.date, activity });
        }
    }
    // Checklist.
    for (i, t) in d.checklist.iter().enumerate() {
        let overdue = !t.done && t.due.is_some_and(|due| due < today);
        check(&mut r, t.done, Gap::Task { index: i, title: t.title.clone(), due: t.due, overdue });
    }
    // Travel.
    for (leg, travel) in [(Leg::Arrival, &d.arrival), (Leg::Departure, &d.departure)] {
        r.total += 2;
        let gap = Gap::Travel { leg, time: travel.time.is_none(), transport: travel.transport.trim().is_empty() };
        if gap.weight() > 0 {
            r.missing.push(gap);
        }
    }
    r.missing.sort_by_key(Gap::area);
    r
}

/// [`readiness`] with names and activities in `lang` (the Latin name in English).
pub fn readiness_in(model: &Model, d: &Delegation, today: NaiveDate, lang: Lang) -> Readiness {
    let mut r = readiness(model, d, today);
    if lang == Lang::Ru {
        return r;
    }
    for gap in &mut r.missing {
        match gap {
            Gap::Passport { member, person, .. }
            | Gap::Visa { member, person, .. }
            | Gap::Consent { member, person } => {
                if let Some(p) = d.members.get(*member).and_then(|m| model.person(&m.person)) {
                    p.name(lang).clone_into(person);
                }
            }
            Gap::NoResponsible { item, activity, .. } | Gap::NoInterpreter { item, activity, .. } => {
                if let Some(it) = d.programme.get(*item) {
                    it.activity.show(lang).clone_into(activity);
                }
            }
            _ => {}
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, CityId, Member, Passport, Person, PersonId, ProgrammeItem, Task, Travel, Visa};
    use chrono::NaiveTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    /// A visit that lacks nothing: Niigata guests (Japanese), one head with a long passport,
    /// two days each with an item that has a responsible person and an interpreter, a done
    /// task, and both legs timed with a flight.
    fn ready() -> (Model, Delegation) {
        let mut model = Model::default();
        model.cities.push(
            City {
                id: CityId::new("niigata"),
                name_ru: "Ниигата".into(),
                languages: vec![Language::Ja],
                ..City::default()
            }
            .into(),
        );
        model.people.push(
            Person {
                id: PersonId::new("tanaka"),
                full_name_ru: "Танака Юки".into(),
                latin_name: "TANAKA Yuki".into(),
                passport: Some(Passport { number: "TK1234567".into(), expires: Some(d(2030, 1, 1)) }),
                ..Person::default()
            }
            .into(),
        );
        let item = |day| ProgrammeItem {
            date: day,
            activity: crate::model::Text::ru("Встреча").with(Language::En, "Meeting"),
            responsible: Some(PersonId::new("staff")),
            interpreter: Some(PersonId::new("interp")),
            ..ProgrammeItem::default()
        };
        let time = NaiveTime::from_hms_opt(10, 0, 0);
        let visit = Delegation {
            partner_city: Some(CityId::new("niigata")),
            arrival: Travel { date: d(2016, 8, 15), time, transport: "рейс HZ 5447".into() },
            departure: Travel { date: d(2016, 8, 16), time, transport: "рейс HZ 5448".into() },
            members: vec![Member { person: PersonId::new("tanaka"), role: Role::Head, ..Member::default() }],
            programme: vec![item(d(2016, 8, 15)), item(d(2016, 8, 16))],
            checklist: vec![Task {
                id: Default::default(),
                title: "Гостиница".into(),
                due: Some(d(2016, 7, 15)),
                done: true,
            }],
            ..Delegation::default()
        };
        (model, visit)
    }

    const TODAY: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2016, 8, 1).expect("date");

    fn gaps(model: &Model, visit: &Delegation) -> Vec<Gap> {
        readiness(model, visit, TODAY()).missing
    }

    #[test]
    fn a_visit_with_everything_in_place_is_complete() {
        let (model, visit) = ready();
        let r = readiness(&model, &visit, TODAY());
        assert_eq!(r.missing, Vec::<Gap>::new());
        assert_eq!((r.percent(), r.share()), (100, 1.0));
        // 2 + 2 roster, 2 passport, 2 days, 2 responsible, 2 interpreters, 1 task, 4 travel.
        assert_eq!(r.total, 17);
    }

    #[test]
    fn head_rule() {
        let (model, mut visit) = ready();
        visit.members[0].role = Role::Member;
        assert_eq!(gaps(&model, &visit), vec![Gap::NoHead]);
    }

    #[test]
    fn members_rule_and_headcount_beside_the_names() {
        let (model, mut visit) = ready();
        visit.members.clear();
        visit.headcount = Some(12);
        let r = readiness(&model, &visit, TODAY());
        assert_eq!(r.missing, vec![Gap::NoHead, Gap::NoMembers]);
        assert_eq!(r.roster_line(Lang::Ru), "названо 0 из 12");
        // 4 of 15 weight missing (no member, so no passport to check): 11/15 = 73 %.
        assert_eq!((r.total, r.percent()), (15, 73));
    }

    #[test]
    fn passport_rule_fires_when_missing_or_short_and_not_when_six_months_remain() {
        let (mut model, visit) = ready();
        let limit = add_months(visit.departure.date, 6);
        model.people[0].passport = Some(Passport { number: "X".into(), expires: Some(limit) });
        assert!(gaps(&model, &visit).is_empty(), "valid exactly six months after departure");
        let short = limit.pred_opt().expect("date");
        model.people[0].passport = Some(Passport { number: "X".into(), expires: Some(short) });
        let g = gaps(&model, &visit);
        assert_eq!(g, vec![Gap::Passport { member: 0, person: "Танака Юки".into(), expires: Some(short) }]);
        assert!(g[0].message(Lang::Ru).contains("менее 6 месяцев"));
        model.people[0].passport = None;
        assert_eq!(gaps(&model, &visit)[0].message(Lang::Ru), "Танака Юки: паспорт не внесён");
        assert_eq!(gaps(&model, &visit)[0].field(), "members[0].person.passport");
    }

    #[test]
    fn visa_rule_counts_only_where_a_visa_is_needed() {
        let (model, mut visit) = ready();
        let before = readiness(&model, &visit, TODAY()).total;
        visit.members[0].visa = Visa { status: VisaStatus::Issued, valid_until: Some(d(2016, 9, 1)) };
        let r = readiness(&model, &visit, TODAY());
        assert!(r.missing.is_empty());
        assert_eq!(r.total, before + 2, "an issued visa counts as a check passed");
        for status in [VisaStatus::Needed, VisaStatus::Applied, VisaStatus::Refused] {
            visit.members[0].visa = Visa { status, valid_until: None };
            assert!(matches!(gaps(&model, &visit)[..], [Gap::Visa { status: s, .. }] if s == status));
        }
        visit.members[0].visa = Visa { status: VisaStatus::Issued, valid_until: Some(d(2016, 8, 15)) };
        let g = gaps(&model, &visit);
        assert!(g[0].message(Lang::En).contains("before departure"), "{g:?}");
    }

    #[test]
    fn consent_rule_fires_for_a_minor_only() {
        let (mut model, mut visit) = ready();
        model.people[0].birth_date = Some(d(1990, 1, 1));
        assert!(gaps(&model, &visit).is_empty(), "an adult needs no consent");
        model.people[0].birth_date = Some(d(2005, 1, 1));
        assert_eq!(gaps(&model, &visit), vec![Gap::Consent { member: 0, person: "Танака Юки".into() }]);
        visit.members[0].guardian_consent = true;
        assert!(gaps(&model, &visit).is_empty());
    }

    #[test]
    fn every_day_of_the_stay_needs_an_item() {
        let (model, mut visit) = ready();
        visit.programme.remove(1);
        assert_eq!(gaps(&model, &visit), vec![Gap::NoProgramme { from: d(2016, 8, 16), to: d(2016, 8, 16) }]);
        // A stay with no programme at all is one run, weighing a day each.
        visit.departure.date = d(2016, 8, 20);
        visit.programme.clear();
        let g = gaps(&model, &visit);
        assert_eq!(g, vec![Gap::NoProgramme { from: d(2016, 8, 15), to: d(2016, 8, 20) }]);
        assert_eq!((g[0].weight(), g[0].message(Lang::Ru).as_str()), (6, "15.08.2016–20.08.2016: нет программы"));
    }

    #[test]
    fn items_need_a_responsible_person() {
        let (model, mut visit) = ready();
        visit.programme[0].responsible = None;
        let g = gaps(&model, &visit);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].message(Lang::Ru), "15.08.2016 «Встреча»: нет ответственного");
        assert_eq!(g[0].item(), Some(0));
    }

    #[test]
    fn interpreter_rule_follows_the_partner_citys_languages() {
        let (mut model, mut visit) = ready();
        visit.programme[1].interpreter = None;
        assert!(matches!(gaps(&model, &visit)[..], [Gap::NoInterpreter { item: 1, .. }]));
        // Guests who read Russian need none.
        model.cities[0].languages = vec![Language::Ja, Language::Ru];
        assert!(gaps(&model, &visit).is_empty());
        // Unknown languages: one is needed.
        model.cities[0].languages.clear();
        assert_eq!(gaps(&model, &visit).len(), 1);
        visit.partner_city = None;
        assert_eq!(gaps(&model, &visit).len(), 1, "no partner city: the languages are unknown");
        let en = readiness_in(&model, &visit, TODAY(), Lang::En);
        assert_eq!(en.missing[0].message(Lang::En), "16.08.2016 «Meeting»: no interpreter");
    }

    #[test]
    fn tasks_not_done_are_missing_and_overdue_past_their_date() {
        let (model, mut visit) = ready();
        visit.checklist[0].done = false;
        let g = gaps(&model, &visit);
        assert!(g[0].is_overdue(), "due 15.07, today 01.08");
        assert_eq!(g[0].message(Lang::Ru), "«Гостиница» просрочено (срок 15.07.2016)");
        visit.checklist[0].due = Some(d(2016, 8, 10));
        let g = gaps(&model, &visit);
        assert!(!g[0].is_overdue());
        assert_eq!(g[0].message(Lang::Ru), "«Гостиница» не сделано (срок 10.08.2016)");
        // Due today is not yet overdue.
        visit.checklist[0].due = Some(TODAY());
        assert!(!gaps(&model, &visit)[0].is_overdue());
    }

    #[test]
    fn travel_needs_times_and_transport() {
        let (model, mut visit) = ready();
        visit.arrival.time = None;
        visit.departure.transport = " ".into();
        let g = gaps(&model, &visit);
        assert_eq!(
            g,
            vec![
                Gap::Travel { leg: Leg::Arrival, time: true, transport: false },
                Gap::Travel { leg: Leg::Departure, time: false, transport: true }
            ]
        );
        assert_eq!(g[0].field(), "arrival.time");
        assert_eq!(g[1].field(), "departure.transport");
        assert_eq!(g[1].message(Lang::Ru), "рейс или поезд отъезда не указан");
        visit.departure.time = None;
        let g = gaps(&model, &visit);
        assert_eq!((g[1].weight(), g[1].message(Lang::Ru).as_str()), (2, "время и рейс (поезд) отъезда не указаны"));
    }

    #[test]
    fn the_share_weighs_documents_above_a_day_of_programme() {
        let (model, mut visit) = ready();
        visit.programme.remove(1);
        let one_day = readiness(&model, &visit, TODAY()).percent();
        let (model, mut visit) = ready();
        visit.members[0].role = Role::Member;
        let no_head = readiness(&model, &visit, TODAY()).percent();
        assert!(no_head < one_day, "{no_head} < {one_day}");
        assert!(readiness(&model, &visit, TODAY()).share() < 1.0);
    }

    #[test]
    fn gaps_are_listed_by_area() {
        let (model, mut visit) = ready();
        visit.arrival.time = None;
        visit.members[0].role = Role::Member;
        visit.checklist[0].done = false;
        let areas: Vec<Area> = gaps(&model, &visit).iter().map(Gap::area).collect();
        assert_eq!(areas, vec![Area::Roster, Area::Checklist, Area::Travel]);
    }
}
