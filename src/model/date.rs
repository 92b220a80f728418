//! Dates the department writes down with varying precision, and small date helpers.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A date known to the year, the month or the day: `1965`, `1965-09` or `1965-09-30`.
///
/// Twinning dates often survive only as a year («с 1965 года»); inventing a day would be
/// a lie in the data, so the precision is kept. Serialised as that ISO-like text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year, e.g. 1965.
    pub year: i32,
    /// The month 1–12, when known.
    pub month: Option<u32>,
    /// The day of the month, when known (only with a month).
    pub day: Option<u32>,
}

/// Why a text is not a [`PartialDate`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("«{text}» is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct PartialDateError {
    /// The rejected text.
    pub text: String,
}

impl PartialDate {
    /// A date known only to the year.
    pub fn year(year: i32) -> Self {
        Self { year, month: None, day: None }
    }

    /// A fully known date.
    pub fn full(date: NaiveDate) -> Self {
        Self { year: date.year(), month: Some(date.month()), day: Some(date.day()) }
    }

    /// The full date, when the day is known.
    pub fn as_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// Formats in the Russian style: `30.09.1965`, `09.1965` or `1965`.
    pub fn to_russian(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d:02}.{m:02}.{:04}", self.year),
            (Some(m), None) => format!("{m:02}.{:04}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl FromStr for PartialDate {
    type Err = PartialDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PartialDateError { text: s.to_owned() };
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str| -> Result<u32, PartialDateError> {
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            p.parse().map_err(|_| err())
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => Ok(Self::year(num(y)? as i32)),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let month = num(m)?;
                if !(1..=12).contains(&month) {
                    return Err(err());
                }
                Ok(Self { year: num(y)? as i32, month: Some(month), day: None })
            }
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                let date = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(err)?;
                Ok(Self::full(date))
            }
            _ => Err(err()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Month names in Russian, nominative, January first.
pub const MONTHS_RU: [&str; 12] = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
];

/// Month names in English, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month name, nominative: «Ноябрь» / "November" (out-of-range months clamp to 1–12).
pub fn month_name(lang: super::Lang, month: u32) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    if lang == super::Lang::Ru { MONTHS_RU[i] } else { MONTHS_EN[i] }
}

/// Formats a date as the department writes it: `27.11.2026`.
pub fn fmt_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Parses `dd.mm.yyyy` (also `d.m.yyyy`), as typed by a user.
pub fn parse_russian_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%d.%m.%Y").ok()
}

/// Parses a partial date as a user types it: `1965`, `09.1965` or `30.09.1965`.
pub fn parse_russian_partial(text: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = text.trim().split('.').collect();
    if parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let iso = match parts.as_slice() {
        [y] => (*y).to_owned(),
        [m, y] => format!("{y}-{m:0>2}"),
        [d, m, y] => format!("{y}-{m:0>2}-{d:0>2}"),
        _ => return None,
    };
    iso.parse().ok()
}

/// Full years of age on `on` for someone born on `birth`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Whether two inclusive date ranges share at least one day.
pub fn ranges_overlap(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Adds whole months, clamping the day to the end of a shorter month (31.08 + 6 = 28/29.02).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(chrono::Months::new(months)).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn partial_date_parses_three_precisions() {
        assert_eq!("1965".parse::<PartialDate>(), Ok(PartialDate::year(1965)));
        assert_eq!("1965-09".parse::<PartialDate>().map(|p| p.month), Ok(Some(9)));
        assert_eq!("1965-09-30".parse::<PartialDate>().ok().and_then(|p| p.as_date()), Some(d(1965, 9, 30)));
    }

    #[test]
    fn partial_date_rejects_nonsense() {
        for bad in ["", "65", "1965-13", "1965-02-30", "1965-9", "abcd", "1965-09-30-1"] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn partial_date_russian_format() {
        assert_eq!(PartialDate::full(d(1965, 9, 30)).to_russian(), "30.09.1965");
        assert_eq!(PartialDate::year(1993).to_russian(), "1993");
    }

    #[test]
    fn russian_date_round_trip() {
        assert_eq!(fmt_date(d(2026, 11, 27)), "27.11.2026");
        assert_eq!(parse_russian_date("27.11.2026"), Some(d(2026, 11, 27)));
        assert_eq!(parse_russian_date("31.02.2026"), None);
        assert_eq!(parse_russian_date("2026-11-27"), None);
    }

    #[test]
    fn russian_partial_dates() {
        assert_eq!(parse_russian_partial("1965"), Some(PartialDate::year(1965)));
        assert_eq!(parse_russian_partial("9.1965").map(|p| p.month), Some(Some(9)));
        assert_eq!(parse_russian_partial("30.09.1965").and_then(|p| p.as_date()), Some(d(1965, 9, 30)));
        assert_eq!(parse_russian_partial("31.02.1965"), None);
        assert_eq!(parse_russian_partial("1965-09-30"), None);
        assert_eq!(parse_russian_partial(""), None);
    }

    #[test]
    fn age_counts_birthdays() {
        assert_eq!(age_on(d(2008, 6, 15), d(2026, 6, 14)), 17);
        assert_eq!(age_on(d(2008, 6, 15), d(2026, 6, 15)), 18);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), 17);
    }

    #[test]
    fn overlap_is_inclusive() {
        assert!(ranges_overlap((d(2016, 1, 1), d(2016, 1, 5)), (d(2016, 1, 5), d(2016, 1, 9))));
        assert!(!ranges_overlap((d(2016, 1, 1), d(2016, 1, 4)), (d(2016, 1, 5), d(2016, 1, 9))));
    }

    #[test]
    fn add_months_clamps() {
        assert_eq!(add_months(d(2016, 8, 31), 6), d(2017, 2, 28));
    }
}
