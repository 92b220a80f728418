//! The charts' data and the annual report against the model's aggregates, on the sample.

use pobratim::model::{Lang, Model, stats};
use pobratim::report::charts::{Chart, chart_data};
use pobratim::report::{self, Block};
use pobratim::store::{OpenMode, Workspace};
use std::path::Path;

fn sample() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    Workspace::open(&dir, OpenMode::ReadOnly).expect("sample opens").1
}

fn values(model: &Model, chart: Chart, year: i32, series: usize) -> Vec<Option<u64>> {
    chart_data(model, chart, year, Lang::Ru).series[series].values.clone()
}

#[test]
fn every_chart_series_equals_the_model_aggregates() {
    let m = sample();
    let tourists = stats::tourists_by_year(&m);
    assert_eq!(values(&m, Chart::TouristsByYear, 0, 0), tourists.iter().map(|r| Some(r.tourists)).collect::<Vec<_>>());
    assert_eq!(values(&m, Chart::TouristsByYear, 0, 0), vec![Some(17_186), Some(20_161)]);

    let partners = stats::by_partner(&m, Some(2016));
    let data = chart_data(&m, Chart::DelegationsByPartner, 2016, Lang::Ru);
    assert_eq!(data.categories.len(), partners.len());
    for (i, p) in partners.iter().enumerate() {
        assert_eq!(data.series[0].values[i], Some(u64::from(p.counts.incoming.delegations)));
        assert_eq!(data.series[1].values[i], Some(u64::from(p.counts.outgoing.delegations)));
    }
    let recorded_in: u64 = data.series[0].values.iter().flatten().sum();
    assert_eq!(recorded_in, 21, "21 incoming delegations of 2016 are in the sample");

    let kinds = stats::by_kind(&m, Some(2016));
    let data = chart_data(&m, Chart::DelegationsByKind, 2016, Lang::Ru);
    assert_eq!(data.categories, kinds.iter().map(|k| k.kind.name(Lang::Ru).to_owned()).collect::<Vec<_>>());
    let sent: u64 = data.series[1].values.iter().flatten().sum();
    assert_eq!(sent, 12);

    let years = chart_data(&m, Chart::DelegationsByYear, 0, Lang::Ru);
    let names: Vec<&str> = years.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Принято (учёт)",
            "Принято (официальный итог)",
            "Направлено (учёт)",
            "Направлено (официальный итог)",
            "Запланировано"
        ],
        "the two planned visits of 2017 are a series of their own"
    );
    let i2016 = years.categories.iter().position(|c| c == "2016").expect("2016");
    assert_eq!(years.series[0].values[i2016], Some(21));
    assert_eq!(years.series[1].values[i2016], Some(40));
    assert_eq!(years.series[2].values[i2016], Some(12));
    assert_eq!(years.series[3].values[i2016], Some(42));
    assert!(years.series[1].reference && !years.series[0].reference, "official totals are drawn as reference");

    // No breakdowns are in the report, so the sample has none: the charts say so.
    let by_country = chart_data(&m, Chart::TouristsByCountry, 2016, Lang::Ru);
    assert!(by_country.is_empty());
    assert!(by_country.note.as_deref().unwrap_or_default().contains("не введена"));
}

#[test]
fn month_and_country_charts_follow_the_breakdown() {
    let mut m = sample();
    let f = m.figures.iter_mut().find(|f| f.year == 2016).expect("2016");
    f.by_month = vec![pobratim::model::MonthCount { month: 8, count: 2600 }];
    f.by_country = vec![
        pobratim::model::CountryCount { country: "Япония".into(), count: 3120 },
        pobratim::model::CountryCount { country: "КНР".into(), count: 12_040 },
    ];
    let months = chart_data(&m, Chart::TouristsByMonth, 2016, Lang::Ru);
    assert_eq!(months.categories[7], "Август");
    assert_eq!(months.series[0].values[7], Some(2600));
    assert_eq!(months.series[0].values.iter().flatten().count(), 1, "unknown months stay empty, not zero");
    let countries = chart_data(&m, Chart::TouristsByCountry, 2016, Lang::Ru);
    assert_eq!(countries.categories, ["КНР", "Япония"], "largest first");
    let csv = String::from_utf8(countries.csv()).expect("utf-8");
    assert!(csv.contains(";Туристы\r\nКНР;12040\r\nЯпония;3120\r\n"), "{csv}");
    let report = report::annual(&m, 2016, Lang::Ru, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    let text = report.plain_text();
    assert!(text.contains("КНР | 12\u{a0}040 | 59,7\u{a0}%"), "shares of the total: {text}");
}

#[test]
fn the_2016_report_is_computed_from_the_data() {
    let m = sample();
    let report = report::annual(&m, 2016, Lang::Ru, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    let headings: Vec<&str> = report
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "1. Основные итоги года",
            "2. Города-партнёры",
            "3. Приём и направление делегаций",
            "4. Мероприятия с участием иностранных граждан",
            "5. Въездной туризм",
            "6. Планы на 2017 год",
        ]
    );
    let text = report.plain_text();
    assert!(text.contains("20\u{a0}161 (+17,3\u{a0}% к 2015 году: 17\u{a0}186)"));
    assert!(text.contains("Принято иностранных делегаций: 40 (официальный итог); в учёте программы — 21"));
    assert!(text.contains("Ниигата (新潟) | Япония | побратим | 1965 | 51 год"), "the 51st anniversary with Niigata");
    assert!(text.contains("День города Хабаровска | Хабаровск | 111"), "City Day's foreign participants");
    assert!(text.contains("Итого |  |  | 158"));
    let en = report::annual(&m, 2016, Lang::En, chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"));
    assert!(en.plain_text().contains("20,161 (+17.3% on 2015: 17,186)"));
}

#[test]
fn the_2017_report_shows_the_two_planned_visits_apart_and_0_received() {
    let m = sample();
    let report = report::annual(&m, 2017, Lang::Ru, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"));
    let text = report.plain_text();
    assert!(text.contains("Принято иностранных делегаций (по учёту): 0, 0 чел."), "{text}");
    assert!(text.contains("Направлено делегаций за рубеж (по учёту): 0, 0 чел."), "{text}");
    assert!(text.contains("Запланировано, но не отмечено как состоявшееся (в приём и выезд не входит): 2"), "{text}");
    let tables: Vec<&report::Table> = report
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let by_partner = tables.iter().find(|t| t.header[0] == "Город-партнёр").expect("by partner");
    assert_eq!(by_partner.header.last().map(String::as_str), Some("Запланировано"));
    let total = by_partner.total.as_ref().expect("total");
    assert_eq!(total[1..], ["0", "0", "0", "0", "2"], "none received or sent, two planned");
    let by_kind = tables.iter().find(|t| t.header[0] == "Вид").expect("by kind");
    assert_eq!(by_kind.total.as_ref().expect("total")[1..], ["0", "0", "0", "0", "2"]);
    assert!(!text.contains("Перечень делегаций:"), "no visit of 2017 took place");
    assert!(text.contains("Запланированные делегации года (не отмечены как состоявшиеся):"));
    let planned_list = tables.iter().find(|t| t.header[0] == "Даты" && t.rows.len() == 2).expect("the planned list");
    assert_eq!(planned_list.rows[0][1], "приём");
    assert_eq!(planned_list.rows[1][1], "выезд");
    // The same in the charts: the two visits are a series of their own.
    let data = chart_data(&m, Chart::DelegationsByPartner, 2017, Lang::Ru);
    let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Принято (учёт)", "Направлено (учёт)", "Запланировано"]);
    let sum = |i: usize| -> u64 { data.series[i].values.iter().flatten().sum() };
    assert_eq!((sum(0), sum(1), sum(2)), (0, 0, 2));
    // And the 2016 report, where every visit is done, has no planned column.
    let r2016 = report::annual(&m, 2016, Lang::Ru, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"));
    assert!(!r2016.plain_text().contains("Запланировано"));
}

#[test]
fn year_axes_list_every_year_and_leave_a_gap_empty() {
    use chrono::Datelike;
    let mut m = sample();
    m.figures.push(pobratim::model::YearFigures { year: 2019, foreign_tourists: Some(30_000), ..Default::default() });
    let mut later = m.delegations.iter().find(|d| d.arrival.date.year() == 2016).cloned().expect("a 2016 visit");
    later.id = "del-2020-test".into();
    later.arrival.date = chrono::NaiveDate::from_ymd_opt(2020, 6, 1).expect("date");
    later.departure.date = chrono::NaiveDate::from_ymd_opt(2020, 6, 3).expect("date");
    m.delegations.push(later);
    m.normalise();

    let tourists = chart_data(&m, Chart::TouristsByYear, 0, Lang::Ru);
    assert_eq!(tourists.categories, ["2015", "2016", "2017", "2018", "2019"]);
    assert_eq!(tourists.series[0].values, [Some(17_186), Some(20_161), None, None, Some(30_000)]);
    assert_eq!(tourists.labels[2], "", "no label over a missing year");
    assert_eq!(tourists.labels[4], "2019: 30\u{a0}000", "2018 is missing, so no change is shown");

    let years = chart_data(&m, Chart::DelegationsByYear, 0, Lang::Ru);
    assert_eq!(years.categories, ["2016", "2017", "2018", "2019", "2020"]);
    for s in &years.series {
        assert_eq!(s.values[2], None, "{}: 2018 has no figure, so it is missing, not 0", s.name);
        assert_eq!(s.values[3], None, "{}: nor has 2019", s.name);
    }
    let received = &years.series[0];
    assert_eq!(received.values[1], Some(0), "2017 has records (two planned): 0 received");
    assert_eq!(years.series.last().map(|s| s.name.as_str()), Some("Запланировано"));
    assert_eq!(years.series.last().expect("planned").values[1], Some(2));
    let table = years.table();
    assert_eq!(table[3][1], "", "the exported table leaves 2018 blank");
}
