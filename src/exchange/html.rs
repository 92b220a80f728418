//! The public calendar of tourist events for one year, as a printable HTML page in Russian,
//! ready to publish on the city's website: public fields only ([`crate::model::public`]),
//! never the department's notes.

use crate::model::date::{MONTHS_RU as MONTHS, fmt_date};
use crate::model::public::{PublicItem, public_items};
use crate::model::{Language, Model};
use chrono::Datelike;

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page: a heading, then each month with its events (dates, title, place, description).
pub fn public_calendar_html(model: &Model, year: i32, organisation: &str) -> String {
    let items = public_items(model, year);
    let mut body = String::new();
    for (m, name) in MONTHS.iter().enumerate() {
        let month_items: Vec<&PublicItem> = items.iter().filter(|i| i.start.month0() as usize == m).collect();
        if month_items.is_empty() {
            continue;
        }
        body.push_str(&format!("<section class=\"month\">\n<h2>{name}</h2>\n<table>\n"));
        for i in month_items {
            let mut dates = if i.start == i.end {
                fmt_date(i.start)
            } else {
                format!("{}–{}", fmt_date(i.start), fmt_date(i.end))
            };
            match (i.start_time, i.end_time) {
                (Some(a), Some(b)) if a != b => {
                    dates.push_str(&format!(", {}–{}", a.format("%H:%M"), b.format("%H:%M")))
                }
                (Some(a), _) => dates.push_str(&format!(", {}", a.format("%H:%M"))),
                _ => {}
            }
            let place = i.place();
            let description = i.description(Language::Ru);
            body.push_str(&format!(
                "<tr><td class=\"date\">{}</td><td><strong>{}</strong>{}{}</td></tr>\n",
                escape(&dates),
                escape(i.title.ru_text()),
                if place.is_empty() {
                    String::new()
                } else {
                    format!("<br><span class=\"place\">{}</span>", escape(&place))
                },
                if description.is_empty() {
                    String::new()
                } else {
                    format!("<br><span class=\"desc\">{}</span>", escape(description))
                }
            ));
        }
        body.push_str("</table>\n</section>\n");
    }
    if items.is_empty() {
        body.push_str("<p>Публичных событий в этом году нет.</p>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>Календарь событий {year} года</title>
<style>
@page {{ size: A4; margin: 18mm 16mm; }}
body {{ font-family: "Noto Sans", "PT Sans", Arial, sans-serif; font-size: 11pt; color: #222; max-width: 180mm; margin: 0 auto; }}
h1 {{ font-size: 18pt; margin-bottom: 2mm; }}
p.sub {{ color: #555; margin-top: 0; }}
h2 {{ font-size: 13pt; border-bottom: 1px solid #999; padding-bottom: 1mm; margin-top: 6mm; }}
table {{ width: 100%; border-collapse: collapse; }}
td {{ vertical-align: top; padding: 1.5mm 2mm; border-bottom: 1px solid #e3e3e3; }}
td.date {{ width: 38mm; white-space: nowrap; color: #333; }}
.place {{ color: #555; }}
.desc {{ color: #444; font-size: 10pt; }}
section.month {{ break-inside: avoid-page; }}
@media print {{ a {{ color: inherit; text-decoration: none; }} }}
</style>
</head>
<body>
<h1>Календарь событий {year} года</h1>
<p class="sub">{org} · событий: {count}</p>
{body}</body>
</html>
"#,
        org = escape(organisation),
        count = items.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Recurrence};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn lists_public_events_by_month_and_expands_recurrence() {
        let mut m = Model::default();
        m.events.push(
            Event {
                id: "city-day".into(),
                title: "День города <Хабаровска>".into(),
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
        m.events[0].description = "Внутреннее: дата в отчёте не указана".into();
        m.events[0].public_description = crate::model::Text::ru("Концерты на площадях города");
        m.events[0].venue = "г. Хабаровск, площадь Ленина".into();
        m.events[0].host_city = Some("khabarovsk".into());
        m.cities.push(
            crate::model::City {
                id: "khabarovsk".into(),
                name_ru: "Хабаровск".into(),
                ..crate::model::City::default()
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
        let html = public_calendar_html(&m, 2017, "Администрация г. Хабаровска");
        assert!(!html.contains("Внутреннее"), "the department's notes stay out");
        assert!(html.contains("Концерты на площадях города"), "the public description is in");
        assert!(html.contains("г. Хабаровск, площадь Ленина</span>"), "the city is named once: {html}");
        assert!(html.contains("<h2>Май</h2>"));
        assert!(html.contains("28.05.2017"), "the last Sunday of May 2017");
        assert!(html.contains("День города &lt;Хабаровска&gt;"), "text is escaped");
        assert!(!html.contains("Закрытое"), "non-public events stay out");
        assert!(!html.contains("<h2>Март</h2>"));
        assert!(html.contains("size: A4"));
    }
}
