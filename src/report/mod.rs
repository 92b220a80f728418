//! The annual report for the association of Siberian and Far Eastern cities (АСДГ), and
//! the data behind the tourism charts.
//!
//! [`annual`] builds the report once, as a format-neutral [`Report`] of headings,
//! paragraphs, lists and tables; every number in it is computed from the model here.
//! The panel's preview, Markdown ([`markdown`]), Word ([`docx`]) and the PDF ([`pdf`],
//! through `print`'s typst engine) all render that one value, so the four can never disagree.
//!
//! Pure: no egui and no files. The store writes what these functions return.

pub mod charts;
pub mod docx;
pub mod markdown;
pub mod pdf;

use crate::model::Records as _;
use crate::model::format::{change, count, years_ru};
use crate::model::{City, CityStatus, Direction, Lang, Model, date::fmt_date, stats};
use chrono::NaiveDate;
use serde::Serialize;

/// One block of the report, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A section heading.
    Heading {
        /// The text.
        text: String,
    },
    /// A paragraph.
    Paragraph {
        /// The text.
        text: String,
    },
    /// A bulleted list.
    Bullets {
        /// One entry per bullet.
        items: Vec<String>,
    },
    /// A table.
    Table(Table),
}

/// A table of the report. Cells are already formatted text.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Table {
    /// Column headings.
    pub header: Vec<String>,
    /// Body rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    /// A totals row, when the table has one.
    pub total: Option<Vec<String>>,
}

/// The annual report, ready to render.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The year reported on.
    pub year: i32,
    /// Title line.
    pub title: String,
    /// Second line: the city and the addressee.
    pub subtitle: String,
    /// When and by what it was made.
    pub generated: String,
    /// The body.
    pub blocks: Vec<Block>,
    /// Language, for the renderers (`ru` or `en`).
    pub lang: &'static str,
}

impl Report {
    /// Every text of the report in reading order, for search and tests.
    pub fn plain_text(&self) -> String {
        let mut out = format!("{}\n{}\n{}\n", self.title, self.subtitle, self.generated);
        for b in &self.blocks {
            match b {
                Block::Heading { text } | Block::Paragraph { text } => out.push_str(text),
                Block::Bullets { items } => out.push_str(&items.join("\n")),
                Block::Table(t) => {
                    for row in std::iter::once(&t.header).chain(&t.rows).chain(t.total.iter()) {
                        out.push_str(&row.join(" | "));
                        out.push('\n');
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}

/// The file formats of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PDF through the printing engine.
    Pdf,
    /// Word.
    Docx,
    /// Markdown for the website.
    Markdown,
}

/// An output name whose extension is not one of the report's formats.
#[derive(Debug, thiserror::Error)]
#[error("{path}: the report is written as .pdf, .docx or .md")]
pub struct UnknownFormat {
    /// The file name given.
    pub path: String,
}

impl Format {
    /// The format named by a file's extension (`report-2016.docx`), any case.
    pub fn from_path(path: &std::path::Path) -> Result<Format, UnknownFormat> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            "md" | "markdown" => Ok(Format::Markdown),
            _ => Err(UnknownFormat { path: path.display().to_string() }),
        }
    }

    /// The usual extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Markdown => "md",
        }
    }

    /// The report in this format; the one function the panel and the CLI both call.
    pub fn render(self, report: &Report) -> Result<Vec<u8>, String> {
        match self {
            Format::Pdf => pdf::render(report).map_err(|e| e.to_string()),
            Format::Docx => docx::render(report),
            Format::Markdown => Ok(markdown::render(report).into_bytes()),
        }
    }
}

/// Picks the Russian or English text.
pub(crate) fn tr(lang: Lang, ru: &str, en: &str) -> String {
    if lang == Lang::Ru { ru.to_owned() } else { en.to_owned() }
}

/// A city's name in `lang`, with its native spelling: «Ниигата (新潟)».
pub fn city_label(city: &City, lang: Lang) -> String {
    let name = if lang == Lang::En && !city.name_en.is_empty() { &city.name_en } else { &city.name_ru };
    if city.name_native.is_empty() { name.clone() } else { format!("{name} ({})", city.name_native) }
}

fn city_name(model: &Model, id: &crate::model::CityId, lang: Lang) -> String {
    model.city(id).map_or_else(|| id.to_string(), |c| city_label(c, lang))
}

fn country(city: &City, lang: Lang) -> &str {
    if lang == Lang::En && !city.country_en.is_empty() { &city.country_en } else { &city.country_ru }
}

fn status_name(s: CityStatus, lang: Lang) -> String {
    match s {
        CityStatus::Home => tr(lang, "свой город", "home city"),
        CityStatus::Sister => tr(lang, "побратим", "sister city"),
        CityStatus::Friendly => tr(lang, "дружественный", "friendly city"),
        CityStatus::Prospective => tr(lang, "перспективный партнёр", "prospective partner"),
    }
}

fn dates(start: NaiveDate, end: NaiveDate) -> String {
    if start == end { fmt_date(start) } else { format!("{}–{}", fmt_date(start), fmt_date(end)) }
}

fn event_title(model: &Model, id: &crate::model::EventId, lang: Lang) -> String {
    model.event(id).map_or_else(|| id.to_string(), |e| e.title(lang).to_owned())
}

fn n(v: u32, lang: Lang) -> String {
    count(u64::from(v), lang)
}

/// People of a tally: «82», «82*» when some delegations have no size, «—» when none has.
fn people(t: &stats::Tally, lang: Lang) -> String {
    if t.delegations > 0 && t.size_unknown == t.delegations {
        "—".to_owned()
    } else if t.size_unknown > 0 {
        format!("{}*", n(t.people, lang))
    } else {
        n(t.people, lang)
    }
}

/// «21 делегация, 82 чел.» with what is known of the sizes.
fn recorded(t: &stats::Tally, lang: Lang) -> String {
    let known = t.delegations - t.size_unknown;
    match (lang, t.size_unknown) {
        (Lang::Ru, 0) => format!("{}, {} чел.", n(t.delegations, lang), n(t.people, lang)),
        (Lang::Ru, _) => {
            format!("{} (численность указана у {}: {} чел.)", n(t.delegations, lang), n(known, lang), n(t.people, lang))
        }
        (Lang::En, 0) => format!("{}, {} people", n(t.delegations, lang), n(t.people, lang)),
        (Lang::En, _) => {
            format!("{} (size known for {}: {} people)", n(t.delegations, lang), n(known, lang), n(t.people, lang))
        }
    }
}

const SIZE_NOTE_RU: &str = "* Численность указана не для всех делегаций: приведена сумма по известным.";
const SIZE_NOTE_EN: &str = "* Not every delegation has its size entered: the sum of the known ones is shown.";

/// Builds the annual report for `year` from the model, in `lang`. `generated` is the day
/// it is made on (the CLI and the panel pass today).
pub fn annual(model: &Model, year: i32, lang: Lang, generated: NaiveDate) -> Report {
    let home = model.home_city();
    let home_name = home.map_or_else(String::new, |c| {
        if lang == Lang::En && !c.name_en.is_empty() { c.name_en.clone() } else { c.name_ru.clone() }
    });
    let title = if lang == Lang::Ru {
        format!("Отчёт о международной деятельности за {year} год")
    } else {
        format!("Report on international activities for {year}")
    };
    let subtitle = if lang == Lang::Ru {
        format!("{home_name} · для Ассоциации сибирских и дальневосточных городов (АСДГ)")
    } else {
        format!("{home_name} · for the Association of Siberian and Far Eastern Cities (ASFEC)")
    };
    let generated = if lang == Lang::Ru {
        format!("Сформирован {} программой «Побратим» по данным учёта отдела.", fmt_date(generated))
    } else {
        format!("Made on {} by Pobratim from the department's records.", fmt_date(generated))
    };
    let mut blocks = Vec::new();
    main_results(model, year, lang, &mut blocks);
    partner_cities(model, year, lang, &mut blocks);
    delegations(model, year, lang, &mut blocks);
    events(model, year, lang, &mut blocks);
    tourism(model, year, lang, &mut blocks);
    plans(model, year + 1, lang, &mut blocks);
    Report { year, title, subtitle, generated, blocks, lang: if lang == Lang::Ru { "ru" } else { "en" } }
}

/// «20 161 (+17,3 % к 2015 году: 17 186)», or just the figure when there is nothing to compare.
pub fn tourists_with_change(model: &Model, year: i32, lang: Lang) -> Option<String> {
    let row = stats::tourists_by_year(model).into_iter().find(|r| r.year == year)?;
    let figure = count(row.tourists, lang);
    Some(match (row.change, row.previous) {
        (Some(c), Some(p)) if lang == Lang::Ru => {
            format!("{figure} ({} к {} году: {})", change(c, lang), year - 1, count(p, lang))
        }
        (Some(c), Some(p)) => format!("{figure} ({} on {}: {})", change(c, lang), year - 1, count(p, lang)),
        _ => figure,
    })
}

fn main_results(model: &Model, year: i32, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading {
        text: tr(lang, "1. Основные итоги года", "1. Main results of the year")
    });
    let dir = stats::directions_in(model, year);
    let mut items = Vec::new();
    let official = |v: Option<u32>| v.map(|v| n(v, lang));
    let received = match official(dir.official_received) {
        Some(o) if lang == Lang::Ru => format!(
            "Принято иностранных делегаций: {o} (официальный итог); в учёте программы — {}",
            recorded(&dir.recorded.incoming, lang)
        ),
        Some(o) => format!(
            "Foreign delegations received: {o} (official total); recorded here: {}",
            recorded(&dir.recorded.incoming, lang)
        ),
        None if lang == Lang::Ru => {
            format!("Принято иностранных делегаций (по учёту): {}", recorded(&dir.recorded.incoming, lang))
        }
        None => format!("Foreign delegations received (recorded): {}", recorded(&dir.recorded.incoming, lang)),
    };
    items.push(received);
    let sent = match official(dir.official_sent) {
        Some(o) if lang == Lang::Ru => format!(
            "Направлено делегаций за рубеж: {o} (официальный итог); в учёте программы — {}",
            recorded(&dir.recorded.outgoing, lang)
        ),
        Some(o) => format!(
            "Delegations sent abroad: {o} (official total); recorded here: {}",
            recorded(&dir.recorded.outgoing, lang)
        ),
        None if lang == Lang::Ru => {
            format!("Направлено делегаций за рубеж (по учёту): {}", recorded(&dir.recorded.outgoing, lang))
        }
        None => format!("Delegations sent abroad (recorded): {}", recorded(&dir.recorded.outgoing, lang)),
    };
    items.push(sent);
    if dir.recorded.planned.delegations > 0 {
        let planned = recorded(&dir.recorded.planned, lang);
        items.push(if lang == Lang::Ru {
            format!("Запланировано, но не отмечено как состоявшееся (в приём и выезд не входит): {planned}")
        } else {
            format!("Planned, not marked as taken place (not counted as received or sent): {planned}")
        });
    }
    let foreign = stats::foreign_events(model, year);
    // Saturating: a hand-edited count near u32::MAX must not overflow (checks report it).
    let foreign_people: u32 = foreign.iter().fold(0u32, |a, e| a.saturating_add(e.foreign));
    items.push(if lang == Lang::Ru {
        format!(
            "Мероприятий с участием иностранных граждан: {}, иностранных участников: {}",
            foreign.len(),
            n(foreign_people, lang)
        )
    } else {
        format!(
            "Events with foreign participants: {}, foreign participants: {}",
            foreign.len(),
            n(foreign_people, lang)
        )
    });
    if let Some(t) = tourists_with_change(model, year, lang) {
        items.push(if lang == Lang::Ru {
            format!("Иностранных граждан посетили город с туристической целью: {t}")
        } else {
            format!("Foreign tourists who visited the city: {t}")
        });
    }
    let partners = model.cities.iter().filter(|c| matches!(c.status, CityStatus::Sister | CityStatus::Friendly));
    let (sister, friendly) = partners.fold((0, 0), |(s, f), c| match c.status {
        CityStatus::Sister => (s + 1, f),
        _ => (s, f + 1),
    });
    items.push(if lang == Lang::Ru {
        format!("Городов-партнёров: {}, из них побратимов — {sister}, дружественных — {friendly}", sister + friendly)
    } else {
        format!("Partner cities: {}, of which sister cities {sister}, friendly cities {friendly}", sister + friendly)
    });
    out.push(Block::Bullets { items });
    if dir.incomplete() {
        out.push(Block::Paragraph {
            text: tr(
                lang,
                "Официальные итоги введены вручную в разделе «Показатели»; учёт программы содержит не все делегации года, поэтому таблицы ниже показывают только учтённые.",
                "The official totals are entered by hand under “Figures”; the records here do not hold every delegation of the year, so the tables below show the recorded ones only.",
            ),
        });
    }
}

fn partner_cities(model: &Model, year: i32, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading { text: tr(lang, "2. Города-партнёры", "2. Partner cities") });
    let by_partner = stats::by_partner(model, Some(year));
    let mut cities: Vec<&City> =
        model.cities.records().filter(|c| matches!(c.status, CityStatus::Sister | CityStatus::Friendly)).collect();
    // Sister cities first, each group by the year of the agreement; unknown years last.
    let key = |c: &City| (c.status, c.since.map_or(i32::MAX, |s| s.year), c.id.clone());
    cities.sort_by_key(|c| key(c));
    let rows = cities
        .iter()
        .map(|c| {
            let anniversary = c.anniversary_in(year).map_or_else(String::new, |a| {
                if lang == Lang::Ru { format!("{} {}", a.years, years_ru(a.years)) } else { format!("{}", a.years) }
            });
            let visits =
                by_partner.iter().find(|r| r.city.as_ref() == Some(&c.id)).map_or(0, |r| r.counts.delegations());
            vec![
                city_label(c, lang),
                country(c, lang).to_owned(),
                status_name(c.status, lang),
                c.since.map_or_else(String::new, |s| s.year.to_string()),
                anniversary,
                n(visits, lang),
            ]
        })
        .collect();
    out.push(Block::Table(Table {
        header: if lang == Lang::Ru {
            ["Город", "Страна", "Статус", "С года", "Лет партнёрства", "Делегаций в году"].map(String::from).to_vec()
        } else {
            ["City", "Country", "Status", "Since", "Years of partnership", "Delegations in the year"]
                .map(String::from)
                .to_vec()
        },
        rows,
        numeric: vec![false, false, false, true, true, true],
        total: None,
    }));
}

fn delegations(model: &Model, year: i32, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading {
        text: tr(lang, "3. Приём и направление делегаций", "3. Delegations received and sent")
    });
    let rows = stats::by_partner(model, Some(year));
    if rows.is_empty() {
        out.push(Block::Paragraph {
            text: tr(lang, "Делегаций этого года в учёте нет.", "No delegations of this year are recorded."),
        });
        return;
    }
    let total = rows.iter().fold(stats::TwoWay::default(), |t, r| t.plus(r.counts));
    // Planned and confirmed visits did not happen (yet): a column apart, only when the
    // year has any, and never in the received or sent columns.
    let with_planned = total.planned.delegations > 0;
    let header = |first: &str| {
        let mut h: Vec<String> = if lang == Lang::Ru {
            [first, "Принято делегаций", "чел.", "Направлено делегаций", "чел."].map(String::from).to_vec()
        } else {
            [first, "Received", "people", "Sent", "people"].map(String::from).to_vec()
        };
        if with_planned {
            h.push(tr(lang, "Запланировано", "Planned"));
        }
        h
    };
    let cells = |label: String, t: &stats::TwoWay| {
        let mut row = vec![
            label,
            n(t.incoming.delegations, lang),
            people(&t.incoming, lang),
            n(t.outgoing.delegations, lang),
            people(&t.outgoing, lang),
        ];
        if with_planned {
            row.push(n(t.planned.delegations, lang));
        }
        row
    };
    let numeric =
        std::iter::once(false).chain(std::iter::repeat_n(true, if with_planned { 5 } else { 4 })).collect::<Vec<_>>();
    // Visits with no partner city (another city, a province, an organisation) count
    // together as «другие», last.
    let others = || tr(lang, "другие", "others");
    let body = rows
        .iter()
        .map(|r| cells(r.city.as_ref().map_or_else(others, |c| city_name(model, c, lang)), &r.counts))
        .collect();
    out.push(Block::Paragraph {
        text: tr(lang, "По городам-партнёрам (по учёту):", "By partner city (recorded):")
    });
    out.push(Block::Table(Table {
        header: header(&tr(lang, "Город-партнёр", "Partner city")),
        rows: body,
        numeric: numeric.clone(),
        total: Some(cells(tr(lang, "Итого", "Total"), &total)),
    }));
    out.push(Block::Paragraph {
        text: tr(lang, "По видам делегаций (по учёту):", "By kind of delegation (recorded):"),
    });
    let kinds = stats::by_kind(model, Some(year));
    out.push(Block::Table(Table {
        header: header(&tr(lang, "Вид", "Kind")),
        rows: kinds.iter().map(|k| cells(k.kind.name(lang).to_owned(), &k.counts)).collect(),
        numeric,
        total: Some(cells(tr(lang, "Итого", "Total"), &total)),
    }));
    if total.incoming.size_unknown + total.outgoing.size_unknown > 0 {
        out.push(Block::Paragraph { text: tr(lang, SIZE_NOTE_RU, SIZE_NOTE_EN) });
    }
    if with_planned {
        out.push(Block::Paragraph {
            text: tr(
                lang,
                "«Запланировано» — визиты со статусом «планируется» или «подтверждена»: они не вошли в число принятых и направленных делегаций.",
                "“Planned” are the visits still marked planned or confirmed: they are not counted as received or sent.",
            ),
        });
    }
    let (happened, planned): (Vec<_>, Vec<_>) =
        stats::delegations_in(model, year).into_iter().partition(|d| stats::happened(d));
    if !happened.is_empty() {
        out.push(Block::Paragraph { text: tr(lang, "Перечень делегаций:", "List of delegations:") });
        out.push(Block::Table(delegation_list(model, &happened, lang)));
    }
    if !planned.is_empty() {
        out.push(Block::Paragraph {
            text: tr(
                lang,
                "Запланированные делегации года (не отмечены как состоявшиеся):",
                "Planned delegations of the year (not marked as taken place):",
            ),
        });
        out.push(Block::Table(delegation_list(model, &planned, lang)));
    }
}

fn delegation_list(model: &Model, list: &[&crate::model::Delegation], lang: Lang) -> Table {
    Table {
        header: if lang == Lang::Ru {
            ["Даты", "Направление", "Город", "Делегация", "Вид", "Чел."]
        } else {
            ["Dates", "Direction", "City", "Delegation", "Kind", "People"]
        }
        .map(String::from)
        .to_vec(),
        rows: list
            .iter()
            .map(|d| {
                let direction = match (d.direction, lang) {
                    (Direction::Incoming, Lang::Ru) => "приём",
                    (Direction::Outgoing, Lang::Ru) => "выезд",
                    (Direction::Incoming, Lang::En) => "received",
                    (Direction::Outgoing, Lang::En) => "sent",
                };
                let title = d.title(lang);
                vec![
                    dates(d.arrival.date, d.departure.date),
                    direction.to_owned(),
                    d.partner_city.as_ref().map_or_else(|| d.counterpart(model, lang), |c| city_name(model, c, lang)),
                    title.to_owned(),
                    d.kind.name(lang).to_owned(),
                    stats::participants(d).map_or_else(|| "—".to_owned(), |p| n(p, lang)),
                ]
            })
            .collect(),
        numeric: vec![false, false, false, false, false, true],
        total: None,
    }
}

fn events(model: &Model, year: i32, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading {
        text: tr(lang, "4. Мероприятия с участием иностранных граждан", "4. Events with foreign participants"),
    });
    let list = stats::foreign_events(model, year);
    if list.is_empty() {
        out.push(Block::Paragraph {
            text: tr(
                lang,
                "Число иностранных участников не указано ни для одного мероприятия года.",
                "No event of the year has a number of foreign participants.",
            ),
        });
        return;
    }
    let total: u32 = list.iter().fold(0u32, |a, e| a.saturating_add(e.foreign));
    out.push(Block::Table(Table {
        header: if lang == Lang::Ru {
            ["Даты", "Мероприятие", "Город", "Иностранных участников"]
        } else {
            ["Dates", "Event", "City", "Foreign participants"]
        }
        .map(String::from)
        .to_vec(),
        rows: list
            .iter()
            .map(|e| {
                vec![
                    dates(e.start, e.end),
                    event_title(model, &e.event, lang),
                    e.host.as_ref().map_or_else(String::new, |h| city_name(model, h, lang)),
                    n(e.foreign, lang),
                ]
            })
            .collect(),
        numeric: vec![false, false, false, true],
        total: Some(vec![tr(lang, "Итого", "Total"), String::new(), String::new(), n(total, lang)]),
    }));
}

fn tourism(model: &Model, year: i32, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading { text: tr(lang, "5. Въездной туризм", "5. Inbound tourism") });
    let Some(f) = model.figures_for(year).filter(|f| f.foreign_tourists.is_some()) else {
        out.push(Block::Paragraph {
            text: if lang == Lang::Ru {
                format!("Число иностранных туристов за {year} год не введено.")
            } else {
                format!("The number of foreign tourists for {year} is not entered.")
            },
        });
        return;
    };
    let history: Vec<stats::TouristYear> =
        stats::tourists_by_year(model).into_iter().filter(|r| r.year <= year && r.year > year - 5).collect();
    out.push(Block::Table(Table {
        header: if lang == Lang::Ru {
            ["Год", "Иностранных туристов", "Изменение к предыдущему году"]
        } else {
            ["Year", "Foreign tourists", "Change on the year before"]
        }
        .map(String::from)
        .to_vec(),
        rows: history
            .iter()
            .map(|r| {
                vec![
                    r.year.to_string(),
                    count(r.tourists, lang),
                    r.change.map_or_else(String::new, |c| change(c, lang)),
                ]
            })
            .collect(),
        numeric: vec![false, true, true],
        total: None,
    }));
    if !f.tourists_source.is_empty() {
        out.push(Block::Paragraph {
            text: format!("{}: {}", tr(lang, "Источник", "Source"), f.tourists_source)
        });
    }
    let total = f.foreign_tourists.unwrap_or_default();
    let share = |c: u64| {
        if total == 0 { String::new() } else { crate::model::format::percent(c as f64 / total as f64 * 100.0, lang) }
    };
    if !f.by_country.is_empty() {
        let mut rows: Vec<&crate::model::CountryCount> = f.by_country.iter().collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.country.cmp(&b.country)));
        out.push(Block::Paragraph { text: tr(lang, "По странам:", "By country:") });
        out.push(Block::Table(Table {
            header: if lang == Lang::Ru {
                ["Страна", "Туристов", "Доля"]
            } else {
                ["Country", "Tourists", "Share"]
            }
            .map(String::from)
            .to_vec(),
            rows: rows.iter().map(|c| vec![c.country.clone(), count(c.count, lang), share(c.count)]).collect(),
            numeric: vec![false, true, true],
            total: Some(vec![
                tr(lang, "Итого по странам", "Countries in total"),
                count(f.country_sum(), lang),
                share(f.country_sum()),
            ]),
        }));
    }
    if !f.by_month.is_empty() {
        let mut rows: Vec<&crate::model::MonthCount> = f.by_month.iter().collect();
        rows.sort_by_key(|m| m.month);
        out.push(Block::Paragraph { text: tr(lang, "По месяцам:", "By month:") });
        out.push(Block::Table(Table {
            header: if lang == Lang::Ru { ["Месяц", "Туристов"] } else { ["Month", "Tourists"] }
                .map(String::from)
                .to_vec(),
            rows: rows.iter().map(|m| vec![month(m.month, lang), count(m.count, lang)]).collect(),
            numeric: vec![false, true],
            total: Some(vec![tr(lang, "Итого по месяцам", "Months in total"), count(f.month_sum(), lang)]),
        }));
    }
    if !f.notes.is_empty() {
        out.push(Block::Paragraph { text: f.notes.clone() });
    }
}

/// A month's name, nominative, in `lang`.
pub fn month(m: u32, lang: Lang) -> String {
    crate::model::date::month_name(lang, m).to_owned()
}

fn plans(model: &Model, next: i32, lang: Lang, out: &mut Vec<Block>) {
    out.push(Block::Heading {
        text: if lang == Lang::Ru {
            format!("6. Планы на {next} год")
        } else {
            format!("6. Plans for {next}")
        },
    });
    let events = stats::events_in(model, next);
    let public = crate::model::public::public_items(model, next).len();
    // Beside the department's target for the public calendar, when it has entered one.
    let target = model.figures_for(next).and_then(|f| f.public_events_target);
    let public = match (target, lang) {
        (Some(t), Lang::Ru) => format!("{public} (план — {t})"),
        (Some(t), Lang::En) => format!("{public} (target: {t})"),
        (None, _) => public.to_string(),
    };
    let delegations = stats::delegations_in(model, next);
    out.push(Block::Paragraph {
        text: if lang == Lang::Ru {
            format!(
                "В календаре на {next} год: мероприятий — {}, из них в календаре туристических событий — {public}; запланировано делегаций — {}.",
                events.len(),
                delegations.len()
            )
        } else {
            format!(
                "The calendar for {next} holds {} events, {public} of them in the calendar of tourist events; {} delegations are planned.",
                events.len(),
                delegations.len()
            )
        },
    });
    if !events.is_empty() {
        out.push(Block::Table(Table {
            header: if lang == Lang::Ru {
                ["Даты", "Мероприятие", "Город"]
            } else {
                ["Dates", "Event", "City"]
            }
            .map(String::from)
            .to_vec(),
            rows: events
                .iter()
                .map(|o| {
                    vec![
                        dates(o.start, o.end),
                        event_title(model, &o.event, lang),
                        o.host.as_ref().map_or_else(String::new, |h| city_name(model, h, lang)),
                    ]
                })
                .collect(),
            numeric: vec![false, false, false],
            total: None,
        }));
    }
    if !delegations.is_empty() {
        out.push(Block::Paragraph {
            text: tr(lang, "Запланированные делегации:", "Planned delegations:")
        });
        out.push(Block::Table(delegation_list(model, &delegations, lang)));
    }
}

/// The report's year span: every year with delegations, events or figures, newest first.
pub fn years(model: &Model) -> Vec<i32> {
    use chrono::Datelike;
    let mut years: Vec<i32> = model
        .delegations
        .records()
        .map(stats::year_of)
        .chain(model.events.iter().map(|e| e.start_date.year()))
        .chain(model.figures.iter().map(|f| f.year))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}
