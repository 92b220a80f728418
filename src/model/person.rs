//! People: delegation members, interpreters and staff, shared across delegations.

use super::date::age_on;
use super::ids::PersonId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A passport's number and validity. Personal data: masked on screen and in print by default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Passport {
    /// The number as printed in the passport.
    pub number: String,
    /// The last day of validity.
    pub expires: Option<NaiveDate>,
}

impl Passport {
    /// The number with all but the last four characters hidden: `•••• 1234`.
    pub fn masked_number(&self) -> String {
        mask_tail(&self.number, 4)
    }
}

/// Replaces all but the last `keep` characters of `text` with a mask (`•••• 1234`).
pub fn mask_tail(text: &str, keep: usize) -> String {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() {
        return String::new();
    }
    // A short number keeps at most half of itself, so a 4-character one is not shown whole.
    let keep = keep.min(chars.len() / 2);
    let tail: String = chars[chars.len().saturating_sub(keep)..].iter().collect();
    format!("•••• {tail}")
}

/// A person the department deals with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Person {
    /// Stable id.
    pub id: PersonId,
    /// Full name in Russian (Cyrillic), as used in documents.
    pub full_name_ru: String,
    /// Name in Latin letters as in the passport.
    pub latin_name: String,
    /// Name in the native script (漢字, 한글), for badges of Chinese, Japanese and Korean guests.
    pub native_name: String,
    /// Date of birth: kept only where needed (minors), as the personal-data law asks.
    pub birth_date: Option<NaiveDate>,
    /// Organisation.
    pub organisation: String,
    /// Position in the organisation.
    pub position: String,
    /// Passport, when a trip needs it.
    pub passport: Option<Passport>,
    /// Phone number.
    pub phone: String,
    /// E-mail address.
    pub email: String,
    /// Languages spoken, e.g. «русский», «японский».
    pub languages: Vec<String>,
    /// Dietary needs («без свинины», «вегетарианец»).
    pub dietary: String,
    /// Free text.
    pub notes: String,
    /// Works in the international department: offered as the person responsible for a
    /// programme item. Format 3.
    pub staff: bool,
    /// Interprets for the department, on the staff or freelance: offered as a programme
    /// item's interpreter. Format 3.
    pub interpreter: bool,
}

impl Person {
    /// Whether the person is under 18 on `on`; unknown birth dates count as adults.
    pub fn is_minor_on(&self, on: NaiveDate) -> bool {
        self.birth_date.is_some_and(|b| age_on(b, on) < 18)
    }

    /// The name to show: Russian, else Latin, else the id.
    pub fn display_name(&self) -> &str {
        if !self.full_name_ru.is_empty() {
            &self.full_name_ru
        } else if !self.latin_name.is_empty() {
            &self.latin_name
        } else {
            self.id.as_str()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passport_is_masked_to_last_four() {
        let p = Passport { number: "72 1234567".into(), expires: None };
        assert_eq!(p.masked_number(), "•••• 4567");
        assert_eq!(mask_tail("12", 4), "•••• 2", "a short number is never shown whole");
        assert_eq!(mask_tail("1234", 4), "•••• 34");
        assert_eq!(mask_tail("", 4), "");
    }

    #[test]
    fn minors_are_under_eighteen() {
        let on = NaiveDate::from_ymd_opt(2016, 8, 1).expect("date");
        let mut p = Person { birth_date: NaiveDate::from_ymd_opt(2003, 5, 2), ..Person::default() };
        assert!(p.is_minor_on(on));
        p.birth_date = NaiveDate::from_ymd_opt(1990, 5, 2);
        assert!(!p.is_minor_on(on));
        p.birth_date = None;
        assert!(!p.is_minor_on(on));
    }
}
