//! Retention of personal data: what the personal-data law lets the department keep.
//!
//! Passports, birth dates, phones and e-mails are needed while a visit is prepared and
//! held. For a person on a delegation's roster, once every delegation they took part in (in
//! any role) ended more than the retention period ago, they are purged; the name,
//! organisation and role in past delegations stay, so the history and the statistics
//! remain. People never on a roster (the department's staff, who appear as responsible or
//! interpreter, and contacts) are not touched by this rule: their work phone is not a
//! guest's personal data.

use super::merge::{Clash, ron_text, split_path};
use super::{Model, Person, PersonId};
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// The period the department keeps personal data after a person's last visit, by default.
pub const DEFAULT_YEARS: u32 = 5;

/// A kind of personal data the purge clears.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PersonalField {
    /// Passport number and validity.
    Passport,
    /// Date of birth.
    BirthDate,
    /// Phone number.
    Phone,
    /// E-mail address.
    Email,
}

impl PersonalField {
    /// The field's name for the preview.
    pub fn name(self, lang: super::Lang) -> &'static str {
        use super::Lang::{En, Ru};
        match (lang, self) {
            (Ru, Self::Passport) => "паспорт",
            (Ru, Self::BirthDate) => "дата рождения",
            (Ru, Self::Phone) => "телефон",
            (Ru, Self::Email) => "e-mail",
            (En, Self::Passport) => "passport",
            (En, Self::BirthDate) => "date of birth",
            (En, Self::Phone) => "phone",
            (En, Self::Email) => "e-mail",
        }
    }
}

/// A person whose personal data is due for purging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The person.
    pub person: PersonId,
    /// Their name, for the preview.
    pub name: String,
    /// The day their last delegation ended.
    pub last_departure: NaiveDate,
    /// What would be cleared.
    pub fields: Vec<PersonalField>,
}

/// The personal data `person` holds.
pub fn personal_fields(person: &Person) -> Vec<PersonalField> {
    let mut out = Vec::new();
    if person.passport.is_some() {
        out.push(PersonalField::Passport);
    }
    if person.birth_date.is_some() {
        out.push(PersonalField::BirthDate);
    }
    if !person.phone.trim().is_empty() {
        out.push(PersonalField::Phone);
    }
    if !person.email.trim().is_empty() {
        out.push(PersonalField::Email);
    }
    out
}

/// The day before which a last departure makes personal data due: `today` minus `years`.
pub fn cutoff(today: NaiveDate, years: u32) -> NaiveDate {
    today.checked_sub_months(Months::new(years.saturating_mul(12))).unwrap_or(NaiveDate::MIN)
}

/// The people whose every delegation ended before [`cutoff`] and who still hold personal
/// data, by name.
pub fn candidates(model: &Model, today: NaiveDate, years: u32) -> Vec<Candidate> {
    let mut last: HashMap<&PersonId, NaiveDate> = HashMap::new();
    let mut on_roster: std::collections::HashSet<&PersonId> = std::collections::HashSet::new();
    for d in &model.delegations {
        on_roster.extend(d.members.iter().map(|m| &m.person));
        for p in d.people() {
            let e = last.entry(p).or_insert(d.departure.date);
            *e = (*e).max(d.departure.date);
        }
    }
    let cutoff = cutoff(today, years);
    let mut out: Vec<Candidate> = model
        .people
        .iter()
        .filter_map(|p| {
            if !on_roster.contains(&p.id) {
                return None;
            }
            let last_departure = *last.get(&p.id)?;
            let fields = personal_fields(p);
            (last_departure < cutoff && !fields.is_empty()).then(|| Candidate {
                person: p.id.clone(),
                name: if p.full_name_ru.is_empty() { p.latin_name.clone() } else { p.full_name_ru.clone() },
                last_departure,
                fields,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.person.cmp(&b.person)));
    out
}

/// `person` without its personal data: passport, birth date, phone and e-mail cleared.
pub fn purged(person: &Person) -> Person {
    Person { passport: None, birth_date: None, phone: String::new(), email: String::new(), ..person.clone() }
}

/// The fields [`purged`] empties, as the merge names them in a clash's path.
pub const PURGED_FIELDS: [&str; 4] = ["passport", "birth_date", "phone", "email"];

/// Settles the three-way merge of the record of a person a retention purge covers: the
/// purge wins, and no purged value is kept in a conflict. With `ours` (this save is the
/// purge) the merged record is purged again, so a value a colleague saved meanwhile goes
/// too; either way a clash on a purged field is dropped (the file keeps the purge), and a
/// whole-record clash keeps both sides without their purged fields.
pub fn settle_purged(record: &mut Option<Person>, clashes: &mut Vec<Clash>, ours: bool) {
    if ours && let Some(p) = record.as_mut() {
        *p = purged(p);
    }
    clashes.retain(|c| split_path(&c.path).is_none_or(|(field, _, _)| !PURGED_FIELDS.contains(&field)));
    for c in clashes.iter_mut().filter(|c| c.path.is_empty()) {
        c.mine = c.mine.as_deref().and_then(scrubbed);
        c.theirs = c.theirs.as_deref().and_then(scrubbed);
    }
    // A whole-record clash whose side no longer reads has nothing left to show.
    clashes.retain(|c| !(c.path.is_empty() && c.mine.is_none() && c.theirs.is_none()));
}

/// A person's RON text without the purged fields; `None` when it does not read.
fn scrubbed(text: &str) -> Option<String> {
    let person: Person = ron::from_str(text).ok()?;
    ron_text(&purged(&person))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Delegation, Member, Passport};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn person(id: &str) -> Person {
        Person {
            id: PersonId::new(id),
            full_name_ru: format!("Участник {id}"),
            birth_date: Some(d(2005, 1, 1)),
            passport: Some(Passport { number: "1234567".into(), expires: Some(d(2030, 1, 1)) }),
            phone: "+7 000".into(),
            ..Person::default()
        }
    }

    fn visit(id: &str, end: NaiveDate, people: &[&str]) -> Delegation {
        let mut v = Delegation { id: id.into(), ..Delegation::default() };
        v.arrival.date = end - chrono::Days::new(3);
        v.departure.date = end;
        v.members = people.iter().map(|p| Member { person: PersonId::new(*p), ..Member::default() }).collect();
        v
    }

    #[test]
    fn a_purge_wins_every_clash_on_a_purged_field_and_keeps_no_purged_value_in_a_conflict() {
        let old = person("guest");
        let mut theirs = purged(&old);
        theirs.full_name_ru = "Гость".into();
        let mut mine = old.clone();
        mine.phone = "+7 111".into();
        mine.organisation = "Школа № 5".into();
        let crate::model::merge::Outcome::Merged(mut record, mut clashes) =
            crate::model::merge::merge_record(Some(&old), Some(&mine), Some(&theirs))
        else {
            panic!("merged")
        };
        assert!(clashes.iter().any(|c| c.path == "phone"), "the merge alone clashes: {clashes:?}");
        settle_purged(&mut record, &mut clashes, false);
        assert!(clashes.is_empty(), "{clashes:?}");
        let r = record.clone().expect("record");
        assert_eq!((r.phone.as_str(), r.organisation.as_str()), ("", "Школа № 5"), "the purge, and our other edit");
        // Our own purge over a colleague's new phone: purged again.
        let mut record = Some(mine.clone());
        settle_purged(&mut record, &mut Vec::new(), true);
        assert_eq!(record.map(|p| p.phone), Some(String::new()));
        // A whole-record clash keeps no passport.
        let mut clashes = vec![Clash { path: String::new(), mine: ron_text(&old), theirs: None }];
        settle_purged(&mut None, &mut clashes, false);
        let kept = clashes[0].mine.clone().expect("mine");
        assert!(!kept.contains("1234567") && kept.contains("Участник guest"), "{kept}");
    }

    #[test]
    fn only_people_whose_every_visit_ended_before_the_cutoff() {
        let today = d(2026, 11, 27);
        let mut model = Model {
            people: ["old", "recent", "both", "nobody", "bare"].iter().map(|i| person(i).into()).collect(),
            ..Model::default()
        };
        model.people[4] = Person { id: PersonId::new("bare"), ..Person::default() }.into();
        model.delegations = vec![
            visit("v-2016", d(2016, 5, 30), &["old", "both", "bare"]).into(),
            visit("v-2024", d(2024, 6, 1), &["recent", "both"]).into(),
        ];
        // Staff only responsible for an old visit keep their (work) phone.
        model.delegations[0].responsible = Some(PersonId::new("nobody"));
        // A guest on the old roster who was also the interpreter of the recent visit took
        // part in it: kept.
        model.delegations[1].programme.push(crate::model::ProgrammeItem {
            interpreter: Some(PersonId::new("bare")),
            ..crate::model::ProgrammeItem::default()
        });
        let c = candidates(&model, today, 5);
        let ids: Vec<&str> = c.iter().map(|c| c.person.as_str()).collect();
        assert_eq!(ids, vec!["old"], "recent and both had a visit within 5 years; nobody was staff; bare has nothing");
        assert_eq!(c[0].fields, vec![PersonalField::Passport, PersonalField::BirthDate, PersonalField::Phone]);
        assert_eq!(c[0].last_departure, d(2016, 5, 30));
        // The cutoff is exact to the day.
        assert_eq!(cutoff(today, 5), d(2021, 11, 27));
        assert_eq!(candidates(&model, today, 11).len(), 0, "nothing ended 11 years ago");
        assert_eq!(candidates(&model, d(2029, 6, 2), 5).len(), 3, "in 2029 the 2024 visit is old too");
        let p = purged(&model.people[0]);
        assert!(personal_fields(&p).is_empty());
        assert_eq!(p.full_name_ru, model.people[0].full_name_ru, "the name stays");
    }
}
