//! Global search over cities, people, events and delegations.

use super::ids::RecordId;
use super::names::fold;
use super::{Language, Model};

/// One search result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The record found.
    pub subject: RecordId,
    /// Its main name or title.
    pub title: String,
}

/// Records whose names or titles (in any language) contain `query` (case-insensitive, in any script, ё read as
/// е: see [`fold`]), cities
/// first, then people, events and delegations; at most `limit`. Hits are named in `lang`
/// (Russian where a record has no text in it).
pub fn search(model: &Model, query: &str, limit: usize, lang: impl Into<Language>) -> Vec<Hit> {
    let lang = lang.into();
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let matches = |fields: &[&str]| fields.iter().any(|f| fold(f).contains(&q));
    let cities =
        model.cities.iter().filter(|c| matches(&[&c.name_ru, &c.name_en, &c.name_native, c.id.as_str()])).map(|c| {
            Hit {
                subject: RecordId::City(c.id.clone()),
                title: if c.name(lang) == c.name_native {
                    c.name(lang).to_owned()
                } else {
                    format!("{} {}", c.name(lang), c.name_native).trim().to_owned()
                },
            }
        });
    let people = model
        .people
        .iter()
        .filter(|p| matches(&[&p.full_name_ru, &p.latin_name, &p.native_name, &p.organisation, p.id.as_str()]))
        .map(|p| Hit {
            subject: RecordId::Person(p.id.clone()),
            title: format!("{} ({})", p.display_name(), p.latin_name),
        });
    let events = model
        .events
        .iter()
        .filter(|e| e.title.matches(&q) || matches(&[e.id.as_str()]))
        .map(|e| Hit { subject: RecordId::Event(e.id.clone()), title: e.title(lang).to_owned() });
    let delegations = model
        .delegations
        .iter()
        .filter(|d| d.title.matches(&q) || matches(&[d.id.as_str()]))
        .map(|d| Hit { subject: RecordId::Delegation(d.id.clone()), title: d.title(lang).to_owned() });
    cities.chain(people).chain(events).chain(delegations).take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, Person};

    fn model() -> Model {
        let mut m = Model::default();
        m.cities.push(
            City {
                id: "niigata".into(), name_ru: "Ниигата".into(), name_native: "新潟".into(), ..City::default()
            }
            .into(),
        );
        m.people.push(
            Person {
                id: "miller".into(),
                full_name_ru: "Миллер Эмили".into(),
                latin_name: "MILLER EMILY".into(),
                ..Person::default()
            }
            .into(),
        );
        m
    }

    #[test]
    fn hits_are_named_in_the_ui_language() {
        let mut m = model();
        m.delegations.push(
            crate::model::Delegation {
                id: "del-1".into(),
                title: crate::model::Text::ru("Детская делегация").with(Language::En, "Children's delegation"),
                ..Default::default()
            }
            .into(),
        );
        assert_eq!(search(&m, "детская", 10, crate::model::Lang::En)[0].title, "Children's delegation");
        assert_eq!(search(&m, "children", 10, crate::model::Lang::Ru)[0].title, "Детская делегация");
        assert_eq!(search(&m, "ниигата", 10, crate::model::Lang::Ru)[0].title, "Ниигата 新潟");
    }

    #[test]
    fn finds_by_part_of_latin_name_any_case() {
        let hits = search(&model(), "mill", 10, crate::model::Lang::Ru);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].subject, RecordId::Person("miller".into()));
    }

    #[test]
    fn finds_by_native_script_and_cyrillic() {
        assert_eq!(search(&model(), "新潟", 10, crate::model::Lang::Ru).len(), 1);
        assert_eq!(search(&model(), "НИИГ", 10, crate::model::Lang::Ru).len(), 1);
        assert!(search(&model(), "  ", 10, crate::model::Lang::Ru).is_empty());
        assert!(search(&model(), "портленд", 10, crate::model::Lang::Ru).is_empty());
    }

    #[test]
    fn yo_and_ye_find_each_other() {
        let mut m = model();
        m.people.push(Person { id: "yolkin".into(), full_name_ru: "Ёлкин Пётр".into(), ..Person::default() }.into());
        m.people.push(Person { id: "fedorov".into(), full_name_ru: "Федоров Иван".into(), ..Person::default() }.into());
        let ids =
            |q: &str| search(&m, q, 10, crate::model::Lang::Ru).into_iter().map(|h| h.subject).collect::<Vec<_>>();
        assert_eq!(ids("елкин петр"), [RecordId::Person("yolkin".into())]);
        assert_eq!(ids("ЁЛК"), [RecordId::Person("yolkin".into())]);
        assert_eq!(ids("фёдоров"), [RecordId::Person("fedorov".into())]);
    }
}
