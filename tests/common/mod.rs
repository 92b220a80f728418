//! Fixture builders shared by the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use pobratim::model::*;

/// A date, for fixtures.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid fixture date")
}

/// A model with `people` people and a few of everything else; `variant` changes every
/// record's text so two variants differ in every file.
pub fn sized_model(people: usize, variant: &str) -> Model {
    let mut m = Model::default();
    m.cities.push(
        City {
            id: "khabarovsk".into(),
            name_ru: format!("Хабаровск {variant}"),
            status: CityStatus::Home,
            ..City::default()
        }
        .into(),
    );
    m.cities.push(
        City {
            id: "niigata".into(),
            name_ru: format!("Ниигата {variant}"),
            name_native: "新潟".into(),
            status: CityStatus::Sister,
            since: Some(PartialDate::year(1965)),
            time_zone: chrono_tz::Asia::Tokyo,
            ..City::default()
        }
        .into(),
    );
    for i in 0..people {
        m.people.push(
            Person {
                id: PersonId(format!("p{i:06}")),
                full_name_ru: format!("Участник {i} {variant}"),
                latin_name: format!("Uchastnik {i}"),
                native_name: "佐藤 健太".into(),
                notes: "Вымышленный пример для теста.".into(),
                ..Person::default()
            }
            .into(),
        );
    }
    m.events.push(
        Event {
            id: "city-day".into(),
            title: pobratim::model::Text::ru(format!("День города {variant}")),
            start_date: d(2016, 5, 29),
            end_date: d(2016, 5, 29),
            ..Event::default()
        }
        .into(),
    );
    m.delegations.push(
        Delegation {
            id: "del-1".into(),
            partner_city: Some("niigata".into()),
            title: pobratim::model::Text::ru(format!("Делегация {variant}")),
            members: (0..people.min(50))
                .map(|i| Member { person: PersonId(format!("p{i:06}")), precedence: i as u32 + 1, ..Member::default() })
                .collect(),
            ..Delegation::default()
        }
        .into(),
    );
    m.figures.push(YearFigures {
        year: 2016,
        foreign_tourists: Some(20_161),
        notes: variant.into(),
        ..Default::default()
    });
    m.normalise();
    m
}

/// The people file of the person `id` in the data folder `dir` (`people/NN.ron`).
pub fn person_file(dir: &std::path::Path, id: &str) -> std::path::PathBuf {
    dir.join(pobratim::store::DataFile::of_person(id).relative_path())
}
