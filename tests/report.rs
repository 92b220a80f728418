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
        ["Принято (учёт)", "Принято (официальный итог)", "Направлено (учёт)", "Направлено (официальный итог)"]
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
