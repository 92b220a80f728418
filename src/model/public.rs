//! The public items of a year: the events open to the public, recurring ones expanded.
//!
//! One query for every exporter that lists them: the public HTML calendar
//! (`exchange::html`), the printed year calendar (`print::data`), the public iCalendar
//! (`exchange::ics::export_public_ics`) and the report's plans. What is public is said
//! here once: title, dates, times, venue, host city, category and the public description.
//! The department's notes (`Event::description`) are never part of it.

use super::names::fold;
use super::{Event, Language, Model, Text};
use chrono::{NaiveDate, NaiveTime};

/// One public occurrence in the year.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicItem {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Start time, for a timed event.
    pub start_time: Option<NaiveTime>,
    /// End time, for a timed event.
    pub end_time: Option<NaiveTime>,
    /// This occurrence's title (a changed occurrence may have its own).
    pub title: Text,
    /// This occurrence's venue.
    pub venue: String,
    /// The event.
    pub event: Event,
    /// The host of this occurrence, by Russian name.
    pub host: String,
}

impl PublicItem {
    /// The venue, then the host city unless the venue already names it: «г. Хабаровск,
    /// площадь Ленина», not «г. Хабаровск, площадь Ленина, Хабаровск».
    pub fn place(&self) -> String {
        place(&self.venue, &self.host)
    }

    /// The public description in `lang`, else in Russian; empty when there is none.
    pub fn description(&self, lang: impl Into<Language>) -> &str {
        self.event.public_description.show(lang)
    }
}

/// A venue and a host city's name, the city left out when the venue names it already.
pub fn place(venue: &str, host: &str) -> String {
    let venue = venue.trim();
    let host = host.trim();
    let named = !host.is_empty() && fold(venue).contains(&fold(host));
    [venue, if named { "" } else { host }].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ")
}

/// The public events of `year` that have no public description in Russian yet, each once,
/// in the order of their first occurrence in the year.
pub fn lacking_description(model: &Model, year: i32) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for item in public_items(model, year) {
        if item.event.public_description.ru_text().trim().is_empty() && !out.iter().any(|e| e.id == item.event.id) {
            out.push(item.event);
        }
    }
    out
}

/// The public events of `year`, recurring ones expanded, in date order (then by title).
/// An event whose recurrence cannot be expanded is left out.
pub fn public_items(model: &Model, year: i32) -> Vec<PublicItem> {
    let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Vec::new();
    };
    let mut items: Vec<PublicItem> = model
        .events
        .iter()
        .filter(|e| e.public)
        .flat_map(|e| e.occurrences_between(from, to).unwrap_or_default().into_iter().map(move |o| (e, o)))
        .map(|(e, o)| PublicItem {
            start: o.start_date,
            end: o.end_date,
            start_time: o.start_time,
            end_time: o.end_time,
            title: e.occurrence_title(&o).clone(),
            venue: e.occurrence_venue(&o).to_owned(),
            host: o.host.as_ref().and_then(|h| model.city(h)).map(|c| c.name_ru.clone()).unwrap_or_default(),
            event: Event::clone(e),
        })
        .collect();
    items.sort_by(|a, b| (a.start, a.title.ru_text()).cmp(&(b.start, b.title.ru_text())));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Recurrence;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn public_occurrences_of_the_year_in_date_order() {
        let mut m = Model::default();
        m.events.push(
            Event {
                id: "city-day".into(),
                title: "День города".into(),
                start_date: d(2016, 5, 29),
                end_date: d(2016, 5, 29),
                public: true,
                recurrence: Some(Recurrence {
                    rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU".into(),
                    ..Recurrence::default()
                }),
                ..Event::default()
            }
            .into(),
        );
        m.events.push(
            Event {
                id: "fair".into(),
                title: "Ярмарка".into(),
                start_date: d(2017, 2, 1),
                end_date: d(2017, 2, 3),
                public: true,
                ..Event::default()
            }
            .into(),
        );
        m.events.push(
            Event {
                id: "closed".into(),
                title: "Закрытое совещание".into(),
                start_date: d(2017, 3, 1),
                end_date: d(2017, 3, 1),
                ..Event::default()
            }
            .into(),
        );
        let items = public_items(&m, 2017);
        let got: Vec<_> = items.iter().map(|i| (i.event.id.as_str(), i.start, i.end)).collect();
        assert_eq!(got, [("fair", d(2017, 2, 1), d(2017, 2, 3)), ("city-day", d(2017, 5, 28), d(2017, 5, 28))]);
        assert!(public_items(&m, 2015).is_empty(), "before the first occurrence");
        let missing: Vec<_> = lacking_description(&m, 2017).into_iter().map(|e| e.id.to_string()).collect();
        assert_eq!(missing, ["fair", "city-day"], "each once, in date order");
        m.events[1].public_description = Text::ru("Ярмарка ремёсел");
        assert_eq!(lacking_description(&m, 2017).len(), 1);
        assert_eq!(public_items(&m, 2017)[0].description(Language::En), "Ярмарка ремёсел", "Russian stands in");
    }

    #[test]
    fn the_place_names_the_city_once() {
        assert_eq!(place("г. Хабаровск, площадь Ленина", "Хабаровск"), "г. Хабаровск, площадь Ленина");
        assert_eq!(place("Дворец спорта", "Хабаровск"), "Дворец спорта, Хабаровск");
        assert_eq!(place("", "Харбин"), "Харбин");
        assert_eq!(place("г. ХАБАРОВСК", "Хабаровск"), "г. ХАБАРОВСК", "case does not matter");
        assert_eq!(place(" ", ""), "");
    }
}
