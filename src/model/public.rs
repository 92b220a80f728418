//! The public items of a year: the events open to the public, recurring ones expanded.
//!
//! One query for every exporter that lists them: the public HTML calendar
//! (`exchange::html`), the printed year calendar (`print::data`) and the report's plans.

use super::{Event, Model};
use chrono::NaiveDate;

/// One public occurrence in the year.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicItem {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// The event.
    pub event: Event,
    /// The host of this occurrence, by Russian name.
    pub host: String,
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
            host: o.host.as_ref().and_then(|h| model.city(h)).map(|c| c.name_ru.clone()).unwrap_or_default(),
            event: e.clone(),
        })
        .collect();
    items.sort_by(|a, b| (a.start, a.event.title.ru_text()).cmp(&(b.start, b.event.title.ru_text())));
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
        m.events.push(Event {
            id: "city-day".into(),
            title: "День города".into(),
            start_date: d(2016, 5, 29),
            end_date: d(2016, 5, 29),
            public: true,
            recurrence: Some(Recurrence { rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU".into(), ..Recurrence::default() }),
            ..Event::default()
        });
        m.events.push(Event {
            id: "fair".into(),
            title: "Ярмарка".into(),
            start_date: d(2017, 2, 1),
            end_date: d(2017, 2, 3),
            public: true,
            ..Event::default()
        });
        m.events.push(Event {
            id: "closed".into(),
            title: "Закрытое совещание".into(),
            start_date: d(2017, 3, 1),
            end_date: d(2017, 3, 1),
            ..Event::default()
        });
        let items = public_items(&m, 2017);
        let got: Vec<_> = items.iter().map(|i| (i.event.id.as_str(), i.start, i.end)).collect();
        assert_eq!(got, [("fair", d(2017, 2, 1), d(2017, 2, 3)), ("city-day", d(2017, 5, 28), d(2017, 5, 28))]);
        assert!(public_items(&m, 2015).is_empty(), "before the first occurrence");
    }
}
