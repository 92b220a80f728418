//! Partner cities: sister, friendly and prospective, plus the home city itself.

use super::date::PartialDate;
use super::ids::CityId;
use super::text::Language;
use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// How a city stands to the home city.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CityStatus {
    /// The department's own city (Khabarovsk); it hosts events and appears in rotations.
    Home,
    /// A sister city (город-побратим), bound by a twinning agreement.
    Sister,
    /// A friendly city (дружественный город) with a cooperation agreement or regular exchanges.
    Friendly,
    /// A prospective partner.
    #[default]
    Prospective,
}

/// Geographic position in degrees (WGS 84).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    /// Latitude, north positive.
    pub lat: f64,
    /// Longitude, east positive.
    pub lon: f64,
}

/// A signed agreement with a partner city.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Agreement {
    /// Title as signed, in Russian.
    pub title: String,
    /// When it was signed.
    pub signed: Option<PartialDate>,
    /// Who signed it.
    pub parties: String,
    /// When it expires, if it does.
    pub expires: Option<NaiveDate>,
    /// How it renews («автоматически на 5 лет»), if said.
    pub renewal: String,
    /// Free text.
    pub note: String,
}

/// A contact person at the partner city (not a roster member, so kept as plain text).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Position.
    pub position: String,
    /// Organisation.
    pub organisation: String,
    /// E-mail address.
    pub email: String,
    /// Phone number, international format.
    pub phone: String,
    /// Languages spoken.
    pub languages: Vec<String>,
}

/// A partner city's profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct City {
    /// Stable id, e.g. `niigata`.
    pub id: CityId,
    /// Name in Russian: «Ниигата».
    pub name_ru: String,
    /// Name in English: "Niigata".
    pub name_en: String,
    /// Name in the native script: 新潟, 哈尔滨, 부천. Empty for Latin- and Cyrillic-script cities.
    pub name_native: String,
    /// Country in Russian: «Япония».
    pub country_ru: String,
    /// Country in English: "Japan".
    pub country_en: String,
    /// Region or province: «префектура Ниигата».
    pub region: String,
    /// Sister, friendly, prospective, or home.
    pub status: CityStatus,
    /// Since when the status holds (the twinning date for a sister city).
    pub since: Option<PartialDate>,
    /// IANA time zone of the city.
    pub time_zone: Tz,
    /// Position on the map.
    pub coordinates: Option<Coordinates>,
    /// Population, when known.
    pub population: Option<u64>,
    /// Agreements signed with the city.
    pub agreements: Vec<Agreement>,
    /// Contacts at the city.
    pub contacts: Vec<Contact>,
    /// Free text.
    pub notes: String,
    /// The languages its guests read (a programme prints in them beside Russian), most used
    /// first: `[zh]` for Harbin, `[ja]` for Niigata. Empty: English is offered.
    pub languages: Vec<Language>,
}

impl Default for City {
    fn default() -> Self {
        Self {
            id: CityId::default(),
            name_ru: String::new(),
            name_en: String::new(),
            name_native: String::new(),
            country_ru: String::new(),
            country_en: String::new(),
            region: String::new(),
            status: CityStatus::default(),
            since: None,
            time_zone: chrono_tz::Asia::Vladivostok,
            coordinates: None,
            population: None,
            agreements: Vec::new(),
            contacts: Vec::new(),
            notes: String::new(),
            languages: Vec::new(),
        }
    }
}

/// An anniversary of a city's status: the `years`-th, falling in `year`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anniversary {
    /// How many years will have passed.
    pub years: i32,
    /// The calendar year it falls in.
    pub year: i32,
    /// The exact day, when the since-date is known to the day.
    pub date: Option<NaiveDate>,
}

impl City {
    /// The anniversary of the status that falls in `year` (e.g. the 51st with Niigata in 2016).
    pub fn anniversary_in(&self, year: i32) -> Option<Anniversary> {
        let since = self.since?;
        let years = year - since.year;
        (years > 0).then(|| Anniversary {
            years,
            year,
            date: since.as_date().and_then(|d| NaiveDate::from_ymd_opt(year, d.month(), d.day())),
        })
    }

    /// The next round anniversary (a multiple of 5 years) on or after `today`'s year,
    /// as in «55 лет побратимства — 2020».
    pub fn next_round_anniversary(&self, today: NaiveDate) -> Option<Anniversary> {
        let since = self.since?;
        let mut year = today.year().max(since.year + 1);
        // A round anniversary already past this year moves to the next round one.
        loop {
            let a = self.anniversary_in(year)?;
            let passed = a.date.is_some_and(|d| d < today);
            if a.years % 5 == 0 && !passed {
                return Some(a);
            }
            year += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn niigata() -> City {
        City {
            id: CityId::new("niigata"),
            name_ru: "Ниигата".into(),
            status: CityStatus::Sister,
            since: Some(PartialDate::year(1965)),
            time_zone: chrono_tz::Asia::Tokyo,
            ..City::default()
        }
    }

    #[test]
    fn fifty_first_anniversary_in_2016() {
        let a = niigata().anniversary_in(2016).expect("anniversary");
        assert_eq!(a.years, 51);
        assert_eq!(a.date, None);
    }

    #[test]
    fn next_round_anniversary() {
        let today = NaiveDate::from_ymd_opt(2016, 11, 27).expect("date");
        let a = niigata().next_round_anniversary(today).expect("round");
        assert_eq!((a.years, a.year), (55, 2020));
    }

    #[test]
    fn round_anniversary_already_past_this_year_moves_on() {
        let mut c = niigata();
        c.since = Some(PartialDate::full(NaiveDate::from_ymd_opt(1965, 3, 1).expect("date")));
        let today = NaiveDate::from_ymd_opt(2020, 6, 1).expect("date");
        assert_eq!(c.next_round_anniversary(today).map(|a| a.year), Some(2025));
        let before = NaiveDate::from_ymd_opt(2020, 2, 1).expect("date");
        assert_eq!(c.next_round_anniversary(before).map(|a| a.year), Some(2020));
    }

    #[test]
    fn no_anniversary_without_since() {
        let mut c = niigata();
        c.since = None;
        assert!(c.anniversary_in(2016).is_none());
    }
}
