//! One way to name a record on screen and in print, with the fallback in one place.
//!
//! A text missing in the asked language falls back to Russian (the department's language,
//! always filled in); a person with no Russian name falls back to the Latin one, then to the
//! id, so no name is ever blank. The language type is [`Language`], which covers the guests'
//! languages too; the UI's [`Lang`] converts into it.

use super::{City, Delegation, Event, Lang, Person};

/// A language a name or a text can be in: the UI's two, and the partner cities' three.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Russian: every record has its text in Russian.
    #[default]
    Ru,
    /// English.
    En,
    /// Chinese (Harbin, Sanya).
    Zh,
    /// Japanese (Niigata).
    Ja,
    /// Korean (Bucheon).
    Ko,
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Language {
        match lang {
            Lang::Ru => Language::Ru,
            Lang::En => Language::En,
        }
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
        let ru = or(&self.title_ru, self.id.as_str());
        match lang.into() {
            Language::En => or(&self.title_en, ru),
            _ => ru,
        }
    }
}

impl Event {
    /// The event's title in `lang`, else in Russian, else its id.
    pub fn title(&self, lang: impl Into<Language>) -> &str {
        let ru = or(&self.title_ru, self.id.as_str());
        match lang.into() {
            Language::En => or(&self.title_en, ru),
            _ => ru,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let e = Event { id: "city-day".into(), title_ru: "День города".into(), ..Event::default() };
        assert_eq!(e.title(Lang::En), "День города");
        let blank = Event { title_ru: " ".into(), ..e };
        assert_eq!(blank.title(Lang::Ru), "city-day");
        let d = Delegation {
            id: "del-1".into(),
            title_ru: "Делегация".into(),
            title_en: "Delegation".into(),
            ..Delegation::default()
        };
        assert_eq!(d.title(Lang::En), "Delegation");
        assert_eq!(d.title(Language::Zh), "Делегация");
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
