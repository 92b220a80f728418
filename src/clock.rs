//! The one clock: what "now" and "today" are for the app and the command line.
//!
//! The app reads the time once per frame through a [`Clock`] and hands it to the panels in
//! their `View`; nothing under `ui/` calls `Local::now()` or `Utc::now()` itself. Tests fix
//! the clock (`App::open_at`, `pobratim --today`), so the sample data of 2016–2017 can be
//! looked at as if it were 2016.
//!
//! "Today" is the date in the home city's time zone: the department's day, whatever the
//! zone of the computer. The home city is the city marked as home in the data; with none,
//! or with two, the system's zone is used (and the checks report it).

use crate::model::Model;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Where the time comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    System,
    /// A fixed instant (tests, scripted screenshots).
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// A clock stopped at noon of `date` in the zone `zone`.
    pub fn fixed_on(date: NaiveDate, zone: Tz) -> Clock {
        let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
        let instant =
            zone.from_local_datetime(&noon).earliest().map_or_else(|| noon.and_utc(), |t| t.with_timezone(&Utc));
        Clock::Fixed(instant)
    }

    /// Now, in UTC.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

/// The computer's time zone, or UTC when the system does not say.
pub fn system_zone() -> Tz {
    iana_time_zone::get_timezone().ok().and_then(|name| name.parse::<Tz>().ok()).unwrap_or(Tz::UTC)
}

/// The home city's zone; the system's zone when the data marks no home city, or two.
pub fn home_zone(model: &Model) -> Tz {
    model.home_zone().unwrap_or_else(system_zone)
}

/// Today in `zone` at the instant `now`.
pub fn today(now: DateTime<Utc>, zone: Tz) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_says_the_same_day_in_its_zone() {
        let day = NaiveDate::from_ymd_opt(2016, 5, 9).expect("date");
        let clock = Clock::fixed_on(day, chrono_tz::Asia::Vladivostok);
        assert_eq!(today(clock.now(), chrono_tz::Asia::Vladivostok), day);
        assert_eq!(clock.now(), clock.now(), "a fixed clock does not move");
    }

    #[test]
    fn late_evening_in_utc_is_already_tomorrow_in_khabarovsk() {
        let now = Utc.with_ymd_and_hms(2016, 5, 8, 20, 0, 0).single().expect("instant");
        assert_eq!(today(now, chrono_tz::Asia::Vladivostok), NaiveDate::from_ymd_opt(2016, 5, 9).expect("date"));
        assert_eq!(today(now, Tz::UTC), NaiveDate::from_ymd_opt(2016, 5, 8).expect("date"));
    }
}
