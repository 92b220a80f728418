//! The data behind each chart of the «Туризм и отчёты» panel: categories along the
//! x axis and named series over them, computed from [`crate::model::stats`]. The panel
//! draws it with egui_plot; [`ChartData::csv`] exports the same numbers.

use super::{city_label, month, tr};
use crate::model::format::{change, count};
use crate::model::{Lang, Model, stats};

/// The charts of the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Chart {
    /// Foreign tourists by year, with the year-over-year change.
    TouristsByYear,
    /// Foreign tourists of a year by country.
    TouristsByCountry,
    /// Foreign tourists of a year by month.
    TouristsByMonth,
    /// Delegations of a year by partner city, received and sent.
    DelegationsByPartner,
    /// Delegations of a year by kind, received and sent.
    DelegationsByKind,
    /// Delegations received and sent per year, recorded and official.
    DelegationsByYear,
}

impl Chart {
    /// Every chart, in the order of the panel's switch.
    pub const ALL: [Chart; 6] = [
        Chart::TouristsByYear,
        Chart::TouristsByCountry,
        Chart::TouristsByMonth,
        Chart::DelegationsByPartner,
        Chart::DelegationsByKind,
        Chart::DelegationsByYear,
    ];

    /// The chart's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Chart::TouristsByYear, Lang::Ru) => "Иностранные туристы по годам",
            (Chart::TouristsByCountry, Lang::Ru) => "Туристы по странам",
            (Chart::TouristsByMonth, Lang::Ru) => "Туристы по месяцам",
            (Chart::DelegationsByPartner, Lang::Ru) => "Делегации по городам-партнёрам",
            (Chart::DelegationsByKind, Lang::Ru) => "Делегации по видам",
            (Chart::DelegationsByYear, Lang::Ru) => "Приём и выезд по годам",
            (Chart::TouristsByYear, Lang::En) => "Foreign tourists by year",
            (Chart::TouristsByCountry, Lang::En) => "Tourists by country",
            (Chart::TouristsByMonth, Lang::En) => "Tourists by month",
            (Chart::DelegationsByPartner, Lang::En) => "Delegations by partner city",
            (Chart::DelegationsByKind, Lang::En) => "Delegations by kind",
            (Chart::DelegationsByYear, Lang::En) => "Received and sent by year",
        }
    }

    /// Whether the chart shows one year (and so needs the year picker).
    pub fn per_year(self) -> bool {
        !matches!(self, Chart::TouristsByYear | Chart::DelegationsByYear)
    }

    /// A file name for its exports, safe on Windows: `tourists-by-country-2016`.
    pub fn file_stem(self, year: i32) -> String {
        let stem = match self {
            Chart::TouristsByYear => "tourists-by-year",
            Chart::TouristsByCountry => "tourists-by-country",
            Chart::TouristsByMonth => "tourists-by-month",
            Chart::DelegationsByPartner => "delegations-by-partner",
            Chart::DelegationsByKind => "delegations-by-kind",
            Chart::DelegationsByYear => "delegations-by-year",
        };
        if self.per_year() { format!("{stem}-{year}") } else { stem.to_owned() }
    }
}

/// How a chart is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Bars, series side by side.
    Bars,
    /// A line with points.
    Line,
}

/// One named series, a value per category (`None` where there is no figure).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Its name in the legend: says whether it is recorded or official.
    pub name: String,
    /// Values, aligned with [`ChartData::categories`].
    pub values: Vec<Option<u64>>,
    /// Drawn hatched/pale: a reference series (the official totals, the planned visits).
    pub reference: bool,
}

/// Everything a chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// Which chart.
    pub chart: Chart,
    /// Title, with the year for a per-year chart.
    pub title: String,
    /// Categories along the x axis: years, countries, months, cities or kinds.
    pub categories: Vec<String>,
    /// The series.
    pub series: Vec<Series>,
    /// How to draw it.
    pub style: Style,
    /// A label per category drawn above it («2016: 20 161 (+17,3 %)»), or empty.
    pub labels: Vec<String>,
    /// A note under the chart (why it is empty, what the official totals are).
    pub note: Option<String>,
}

impl ChartData {
    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.series.iter().all(|s| s.values.iter().all(Option::is_none))
    }

    /// The exact value under the pointer, for the tooltip: «2016 · Принято (учёт): 12».
    pub fn tooltip(&self, series: usize, category: usize, lang: Lang) -> Option<String> {
        let s = self.series.get(series)?;
        let v = (*s.values.get(category)?)?;
        let cat = self.categories.get(category)?;
        let label = self.labels.get(category).filter(|l| !l.is_empty());
        Some(match label {
            Some(l) if self.series.len() == 1 => l.clone(),
            _ => format!("{cat} · {}: {}", s.name, count(v, lang)),
        })
    }

    /// The table behind the chart, header first: category, then a column per series.
    pub fn table(&self) -> Vec<Vec<String>> {
        let mut rows = vec![std::iter::once(String::new()).chain(self.series.iter().map(|s| s.name.clone())).collect()];
        for (i, c) in self.categories.iter().enumerate() {
            let mut row = vec![c.clone()];
            row.extend(self.series.iter().map(|s| s.values[i].map_or_else(String::new, |v| v.to_string())));
            rows.push(row);
        }
        rows
    }

    /// The table as CSV for Russian Excel (UTF-8 with BOM, `;`), numbers unformatted.
    pub fn csv(&self) -> Vec<u8> {
        crate::exchange::csv::write(&self.table())
    }
}

/// The data of `chart`, for `year` when it is a per-year chart.
pub fn chart_data(model: &Model, chart: Chart, year: i32, lang: Lang) -> ChartData {
    let title =
        if chart.per_year() { format!("{} — {year}", chart.title(lang)) } else { chart.title(lang).to_owned() };
    let mut data = ChartData {
        chart,
        title,
        categories: Vec::new(),
        series: Vec::new(),
        style: Style::Bars,
        labels: Vec::new(),
        note: None,
    };
    match chart {
        Chart::TouristsByYear => {
            let rows = stats::tourists_by_year(model);
            // Every year from the first figure to the last: a year without one is a gap.
            let axis = year_axis(rows.iter().map(|r| r.year));
            let at = |y: i32| rows.iter().find(|r| r.year == y);
            data.categories = axis.iter().map(i32::to_string).collect();
            data.labels = axis
                .iter()
                .map(|y| match at(*y) {
                    Some(r) => match r.change {
                        Some(c) => format!("{}: {} ({})", r.year, count(r.tourists, lang), change(c, lang)),
                        None => format!("{}: {}", r.year, count(r.tourists, lang)),
                    },
                    None => String::new(),
                })
                .collect();
            data.series = vec![Series {
                name: tr(lang, "Иностранные туристы", "Foreign tourists"),
                values: axis.iter().map(|y| at(*y).map(|r| r.tourists)).collect(),
                reference: false,
            }];
            if rows.is_empty() {
                data.note = Some(tr(
                    lang,
                    "Число туристов не введено ни за один год: добавьте его во вкладке «Показатели».",
                    "No year has a number of tourists yet: add it under “Figures”.",
                ));
            }
        }
        Chart::TouristsByCountry => {
            let mut rows: Vec<crate::model::CountryCount> =
                model.figures_for(year).map(|f| f.by_country.clone()).unwrap_or_default();
            rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.country.cmp(&b.country)));
            data.categories = rows.iter().map(|c| c.country.clone()).collect();
            data.series = vec![Series {
                name: tr(lang, "Туристы", "Tourists"),
                values: rows.iter().map(|c| Some(c.count)).collect(),
                reference: false,
            }];
            if rows.is_empty() {
                data.note = Some(if lang == Lang::Ru {
                    format!("Разбивка по странам за {year} год не введена (вкладка «Показатели»).")
                } else {
                    format!("No breakdown by country for {year} (see “Figures”).")
                });
            }
        }
        Chart::TouristsByMonth => {
            let f = model.figures_for(year);
            data.style = Style::Line;
            data.categories = (1..=12).map(|m| month(m, lang)).collect();
            data.series = vec![Series {
                name: tr(lang, "Туристы", "Tourists"),
                values: (1..=12)
                    .map(|m| f.and_then(|f| f.by_month.iter().find(|c| c.month == m)).map(|c| c.count))
                    .collect(),
                reference: false,
            }];
            if f.is_none_or(|f| f.by_month.is_empty()) {
                data.note = Some(if lang == Lang::Ru {
                    format!("Разбивка по месяцам за {year} год не введена (вкладка «Показатели»).")
                } else {
                    format!("No breakdown by month for {year} (see “Figures”).")
                });
            }
        }
        Chart::DelegationsByPartner => {
            let rows = stats::by_partner(model, Some(year));
            data.categories = rows
                .iter()
                .map(|r| match &r.city {
                    Some(id) => model.city(id).map_or_else(|| id.to_string(), |c| city_label(c, lang)),
                    None => if lang == Lang::Ru { "другие" } else { "others" }.to_owned(),
                })
                .collect();
            data.series = two_way(lang, rows.iter().map(|r| Some(r.counts)));
            data.note = official_note(model, year, lang);
        }
        Chart::DelegationsByKind => {
            let rows = stats::by_kind(model, Some(year));
            data.categories = rows.iter().map(|r| r.kind.name(lang).to_owned()).collect();
            data.series = two_way(lang, rows.iter().map(|r| Some(r.counts)));
            data.note = official_note(model, year, lang);
        }
        Chart::DelegationsByYear => {
            let rows = stats::by_year(model);
            // Every year from the first with data to the last: a year with neither records
            // nor official totals is a gap, not zero.
            let axis = year_axis(rows.iter().map(|r| r.year));
            let slots: Vec<Option<&stats::YearDirections>> =
                axis.iter().map(|y| rows.iter().find(|r| r.year == *y)).collect();
            data.categories = axis.iter().map(i32::to_string).collect();
            let mut series = two_way(lang, slots.iter().map(|r| r.map(|r| r.recorded)));
            if rows.iter().any(|r| r.official_received.is_some() || r.official_sent.is_some()) {
                series.insert(
                    1,
                    Series {
                        name: tr(lang, "Принято (официальный итог)", "Received (official total)"),
                        values: slots.iter().map(|r| r.and_then(|r| r.official_received).map(u64::from)).collect(),
                        reference: true,
                    },
                );
                series.insert(
                    3,
                    Series {
                        name: tr(lang, "Направлено (официальный итог)", "Sent (official total)"),
                        values: slots.iter().map(|r| r.and_then(|r| r.official_sent).map(u64::from)).collect(),
                        reference: true,
                    },
                );
            }
            data.series = series;
            if rows.iter().any(stats::YearDirections::incomplete) {
                data.note = Some(tr(
                    lang,
                    "Учёт программы неполон: рядом с учтёнными делегациями показаны официальные итоги года.",
                    "The records are incomplete: the official totals of each year are shown beside the recorded ones.",
                ));
            }
        }
    }
    if data.is_empty() && data.note.is_none() {
        data.note = Some(tr(lang, "Нет данных для этого графика.", "No data for this chart."));
    }
    data
}

/// Every year from the first to the last of `years` (in any order, repeats allowed), so a
/// chart's axis never jumps over a year; empty when there are none. Only years of the
/// department's work count (1900–2100, `check` reports others): a hand-edited year of
/// −2,000,000 once made an axis of two million years and hung the panel.
pub fn year_axis(years: impl Iterator<Item = i32>) -> Vec<i32> {
    let (mut first, mut last) = (i32::MAX, i32::MIN);
    for y in years.filter(|y| crate::model::checks::YEARS.contains(y)) {
        first = first.min(y);
        last = last.max(y);
    }
    if first > last { Vec::new() } else { (first..=last).collect() }
}

/// Received and sent (done or in progress), then the planned and confirmed visits apart
/// when any category has one. A `None` row is a gap in the axis: no value in any series.
fn two_way(lang: Lang, rows: impl Iterator<Item = Option<stats::TwoWay>> + Clone) -> Vec<Series> {
    let pick = |f: fn(&stats::TwoWay) -> u32| rows.clone().map(move |c| c.map(|c| u64::from(f(&c)))).collect();
    let mut series = vec![
        Series {
            name: tr(lang, "Принято (учёт)", "Received (recorded)"),
            values: pick(|c| c.incoming.delegations),
            reference: false,
        },
        Series {
            name: tr(lang, "Направлено (учёт)", "Sent (recorded)"),
            values: pick(|c| c.outgoing.delegations),
            reference: false,
        },
    ];
    if rows.clone().flatten().any(|c| c.planned.delegations > 0) {
        series.push(Series {
            name: tr(lang, "Запланировано", "Planned"),
            values: pick(|c| c.planned.delegations),
            reference: true,
        });
    }
    series
}

fn official_note(model: &Model, year: i32, lang: Lang) -> Option<String> {
    let d = stats::directions_in(model, year);
    if d.official_received.is_none() && d.official_sent.is_none() {
        return None;
    }
    let o = |v: Option<u32>| v.map_or_else(|| "—".to_owned(), |v| count(u64::from(v), lang));
    Some(if lang == Lang::Ru {
        format!(
            "Учтено в программе: принято {}, направлено {}. Официальный итог {year} года: принято {}, направлено {}.",
            d.recorded.incoming.delegations,
            d.recorded.outgoing.delegations,
            o(d.official_received),
            o(d.official_sent)
        )
    } else {
        format!(
            "Recorded here: {} received, {} sent. Official total for {year}: {} received, {} sent.",
            d.recorded.incoming.delegations,
            d.recorded.outgoing.delegations,
            o(d.official_received),
            o(d.official_sent)
        )
    })
}
