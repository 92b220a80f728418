//! One way to name a record on screen and in print, with the fallback in one place.
//!
//! A text missing in the asked language falls back to Russian (the department's language,
//! always filled in); a person with no Russian name falls back to the Latin one, then to the
//! id, so no name is ever blank. The language type is [`Language`], which covers the guests'
//! languages too; the UI's [`Lang`](super::Lang) converts into it.

use crate::model::Records as _;
use std::cmp::Ordering;

#[cfg(test)]
use super::Lang;
use super::{City, CityStatus, Delegation, Event, Language, Model, Person};

/// Text folded for matching a query: lowercase, with ё read as е, so «Ёлкин», «ёлкин» and
/// «Елкин» all match «елк». Apply it to both the query and the field.
pub fn fold(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

/// Whether `field` contains the already folded `needle` (see [`fold`]).
pub fn matches(field: &str, needle: &str) -> bool {
    fold(field).contains(needle)
}

/// The key names sort by: case-insensitive, ё sorted as е (Rust's own order puts ё after я),
/// surrounding spaces ignored. Latin names sort by their letters the same way.
pub fn sort_key(text: &str) -> String {
    fold(text.trim())
}

/// The order of two names for a list: by [`sort_key`], ties broken by the lowercase text (е
/// before ё: «Елкин» before «Ёлкин»), then by the text itself, so no two names are Equal.
pub fn collate(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b)).then_with(|| tie_break(a, b))
}

/// Between names equal by [`sort_key`]: е before ё, then lowercase before uppercase.
fn tie_break(a: &str, b: &str) -> Ordering {
    a.trim().to_lowercase().cmp(&b.trim().to_lowercase()).then_with(|| b.cmp(a))
}

impl Model {
    /// Every person, sorted by the name in `lang` (see [`collate`]), ties by id: the order
    /// of the people list and of every picker that offers people.
    pub fn people_sorted(&self, lang: impl Into<Language>) -> Vec<&Person> {
        self.people_order(lang).into_iter().map(|i| &*self.people[i]).collect()
    }

    /// The positions in `people` in the order of [`Model::people_sorted`], for a list that
    /// filters and caches indices.
    pub fn people_order(&self, lang: impl Into<Language>) -> Vec<usize> {
        let lang = lang.into();
        let keys: Vec<String> = self.people.iter().map(|p| sort_key(p.name(lang))).collect();
        let mut order: Vec<usize> = (0..self.people.len()).collect();
        let people = &self.people;
        order.sort_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then_with(|| tie_break(people[a].name(lang), people[b].name(lang)))
                .then_with(|| people[a].id.cmp(&people[b].id))
        });
        order
    }

    /// Every city, the home city included, sorted by the name in `lang` (see [`collate`]),
    /// ties by id: for a choice where the home city is allowed (an event's host).
    pub fn cities_sorted(&self, lang: impl Into<Language>) -> Vec<&City> {
        let lang = lang.into();
        let mut cities: Vec<&City> = self.cities.records().collect();
        cities.sort_by(|a, b| collate(a.name(lang), b.name(lang)).then_with(|| a.id.cmp(&b.id)));
        cities
    }

    /// The partner cities, sorted by the name in `lang`, without the home city: for every
    /// choice of a partner (a delegation's city, the city filters).
    pub fn partner_cities_sorted(&self, lang: impl Into<Language>) -> Vec<&City> {
        let mut cities = self.cities_sorted(lang);
        cities.retain(|c| c.status != CityStatus::Home);
        cities
    }
}

/// `text` unless it is blank, else `fallback`.
fn or<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() { fallback } else { text }
}

impl City {
    /// The city's name in `lang`: English or the native script where known, else Russian.
    pub fn name(&self, lang: impl Into<Language>) -> &str {
        let ru = or(&self.name_ru, self.id.as_str());
        match lang.into() {
            Language::Ru => ru,
            Language::En => or(&self.name_en, ru),
            Language::Zh | Language::Ja | Language::Ko => or(&self.name_native, ru),
        }
    }
}

impl Person {
    /// The person's name in `lang`: Russian (else Latin); English uses the Latin name as in
    /// the passport; the guests' languages the native script where known.
    pub fn name(&self, lang: impl Into<Language>) -> &str {
        let ru = self.display_name();
        match lang.into() {
            Language::Ru => ru,
            Language::En => or(&self.latin_name, ru),
            Language::Zh | Language::Ja | Language::Ko => or(&self.native_name, or(&self.latin_name, ru)),
        }
    }
}

impl Delegation {
    /// The visit's title in `lang`, else in Russian, else its id.
    pub fn title(&self, lang: impl Into<Language>) -> &str {
        or(self.title.show(lang), self.id.as_str())
    }
}

impl Event {
    /// The event's title in `lang`, else in Russian, else its id.
    pub fn title(&self, lang: impl Into<Language>) -> &str {
        or(self.title.show(lang), self.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Text;

    #[test]
    fn a_city_without_an_english_name_is_named_in_russian() {
        let c = City {
            id: "bucheon".into(), name_ru: "Пучхон".into(), name_native: "부천".into(), ..City::default()
        };
        assert_eq!(c.name(Lang::En), "Пучхон");
        assert_eq!(c.name(Language::Ko), "부천");
        let named = City { name_en: "Bucheon".into(), ..c };
        assert_eq!(named.name(Lang::En), "Bucheon");
        assert_eq!(named.name(Lang::Ru), "Пучхон");
    }

    #[test]
    fn titles_fall_back_to_russian_then_to_the_id() {
        let e = Event { id: "city-day".into(), title: "День города".into(), ..Event::default() };
        assert_eq!(e.title(Lang::En), "День города");
        let blank = Event { title: " ".into(), ..e };
        assert_eq!(blank.title(Lang::Ru), "city-day");
        let d = Delegation {
            id: "del-1".into(),
            title: Text::ru("Делегация").with(Language::En, "Delegation"),
            ..Delegation::default()
        };
        assert_eq!(d.title(Lang::En), "Delegation");
        assert_eq!(d.title(Language::Zh), "Делегация");
    }

    fn person(id: &str, ru: &str, latin: &str) -> Person {
        Person { id: id.into(), full_name_ru: ru.into(), latin_name: latin.into(), ..Person::default() }
    }

    #[test]
    fn yo_sorts_as_ye_and_case_is_ignored() {
        let mut names = vec!["Жуков", "ёлкин Пётр", "Егоров", "Яковлев", "Абрамов", "ЕЛКИН Иван"];
        names.sort_by(|a, b| collate(a, b));
        assert_eq!(names, ["Абрамов", "Егоров", "ЕЛКИН Иван", "ёлкин Пётр", "Жуков", "Яковлев"]);
        assert_eq!(collate("Ёлкин", "Елкин"), Ordering::Greater, "a tie is broken, never Equal");
        assert_eq!(sort_key("  Ёж "), "еж");
    }

    #[test]
    fn people_sort_by_the_name_in_the_language() {
        let m = Model {
            people: vec![
                person("a", "Жуков Иван", "ZHUKOV IVAN").into(),
                person("b", "Ёлкин Пётр", "YOLKIN PETR").into(),
                person("c", "Егоров Олег", "EGOROV OLEG").into(),
                person("d", "", "abe lincoln").into(),
                person("e", "Юдин Максим", "IUDIN MAKSIM").into(),
            ],
            ..Model::default()
        };
        let ids = |lang: Lang| m.people_sorted(lang).iter().map(|p| p.id.as_str().to_owned()).collect::<Vec<_>>();
        // In Russian the Latin-only name (Latin letters come first) leads, then Е, Ё, Ж, Ю.
        assert_eq!(ids(Lang::Ru), ["d", "c", "b", "a", "e"]);
        assert_eq!(ids(Lang::En), ["d", "c", "e", "b", "a"]);
    }

    #[test]
    fn search_folds_yo_both_ways() {
        assert!(matches("Ёлкин Пётр", &fold("елкин")));
        assert!(matches("Елкин", &fold("ЁЛК")));
        assert!(matches("Фёдоров", &fold("федор")));
        assert!(!matches("Жуков", &fold("ёж")));
    }

    #[test]
    fn partner_cities_are_sorted_and_leave_out_home() {
        let city = |id: &str, ru: &str, en: &str, status: CityStatus| City {
            id: id.into(),
            name_ru: ru.into(),
            name_en: en.into(),
            status,
            ..City::default()
        };
        let m = Model {
            cities: vec![
                city("bucheon", "Пучхон", "Bucheon", CityStatus::default()).into(),
                city("harbin", "Харбин", "Harbin", CityStatus::default()).into(),
                city("khabarovsk", "Хабаровск", "Khabarovsk", CityStatus::Home).into(),
                city("niigata", "Ниигата", "Niigata", CityStatus::default()).into(),
                city("yolkino", "Ёлкино", "Yolkino", CityStatus::default()).into(),
                city("zhitomir", "Житомир", "Zhytomyr", CityStatus::default()).into(),
            ],
            ..Model::default()
        };
        let ids = |cities: Vec<&City>| cities.iter().map(|c| c.id.as_str().to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(m.partner_cities_sorted(Lang::Ru)), ["yolkino", "zhitomir", "niigata", "bucheon", "harbin"]);
        assert_eq!(ids(m.partner_cities_sorted(Lang::En)), ["bucheon", "harbin", "niigata", "yolkino", "zhitomir"]);
        assert!(ids(m.cities_sorted(Lang::Ru)).contains(&"khabarovsk".to_owned()), "home may host");
        assert_eq!(ids(m.cities_sorted(Lang::Ru))[4], "khabarovsk");
    }

    #[test]
    fn a_person_is_never_nameless() {
        let p = Person { id: "p1".into(), latin_name: "Sato Kenta".into(), ..Person::default() };
        assert_eq!(p.name(Lang::Ru), "Sato Kenta");
        assert_eq!(p.name(Language::Ja), "Sato Kenta");
        let nobody = Person { id: "p2".into(), ..Person::default() };
        assert_eq!(nobody.name(Lang::En), "p2");
    }
}
