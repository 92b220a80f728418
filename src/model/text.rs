//! Texts that exist in several languages: one map per text, not a field per language.
//!
//! A visit's or an event's title, a programme item's activity and its place are a [`Text`]:
//! Russian (the department's language, filled in for every record) and any of English,
//! Chinese, Japanese and Korean. Stored in RON as a map, `{ru: "Приём", zh: "欢迎"}`; blank
//! entries are never kept, so two texts that read the same compare equal.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::Lang;

/// A language a name or a text can be in: the UI's two, and the partner cities' three.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Russian: every record has its text in Russian.
    #[default]
    Ru,
    /// English.
    En,
    /// Chinese, simplified (Harbin, Sanya).
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

impl Language {
    /// Every language, Russian first, in the order forms and menus list them.
    pub const ALL: [Language; 5] = [Language::Ru, Language::En, Language::Zh, Language::Ja, Language::Ko];

    /// The ISO 639-1 code: `ru`, `en`, `zh`, `ja`, `ko` (as `--lang` and typst take it).
    pub fn code(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::En => "en",
            Language::Zh => "zh",
            Language::Ja => "ja",
            Language::Ko => "ko",
        }
    }

    /// The language for its ISO 639-1 code, case ignored.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language's name in the UI's `ui` language: «китайский», "Chinese".
    pub fn name(self, ui: Lang) -> &'static str {
        let (ru, en) = match self {
            Language::Ru => ("русский", "Russian"),
            Language::En => ("английский", "English"),
            Language::Zh => ("китайский", "Chinese"),
            Language::Ja => ("японский", "Japanese"),
            Language::Ko => ("корейский", "Korean"),
        };
        if ui == Lang::Ru { ru } else { en }
    }

    /// The short name in a label: «англ.», «кит.» / "English", "Chinese".
    pub fn short(self, ui: Lang) -> &'static str {
        match (self, ui) {
            (Language::Ru, Lang::Ru) => "рус.",
            (Language::En, Lang::Ru) => "англ.",
            (Language::Zh, Lang::Ru) => "кит.",
            (Language::Ja, Lang::Ru) => "яп.",
            (Language::Ko, Lang::Ru) => "кор.",
            (l, Lang::En) => l.name(Lang::En),
        }
    }

    /// The language's name in itself, for a guest reading a printed note: «русский»,
    /// "English", «中文», «日本語», «한국어».
    pub fn endonym(self) -> &'static str {
        match self {
            Language::Ru => "русский",
            Language::En => "English",
            Language::Zh => "中文",
            Language::Ja => "日本語",
            Language::Ko => "한국어",
        }
    }
}

/// The language(s) of a printed document: one, or Russian beside another. `--lang` takes
/// them as `ru en zh ja ko ru+en ru+zh ru+ja ru+ko`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PrintLang {
    /// The first (or only) language.
    pub first: Language,
    /// The language beside it, never the same as `first`.
    pub second: Option<Language>,
}

impl Default for PrintLang {
    fn default() -> PrintLang {
        PrintLang::RU
    }
}

impl PrintLang {
    /// Russian only.
    pub const RU: PrintLang = PrintLang::one(Language::Ru);
    /// English only (Russian where a text has no English form, marked).
    pub const EN: PrintLang = PrintLang::one(Language::En);
    /// Russian beside English.
    pub const RU_EN: PrintLang = PrintLang::ru_and(Language::En);

    /// A document in `lang` alone.
    pub const fn one(lang: Language) -> PrintLang {
        PrintLang { first: lang, second: None }
    }

    /// Russian beside `lang` (Russian alone when `lang` is Russian).
    pub const fn ru_and(lang: Language) -> PrintLang {
        match lang {
            Language::Ru => PrintLang::RU,
            _ => PrintLang { first: Language::Ru, second: Some(lang) },
        }
    }

    /// Every value `--lang` takes, in its order.
    pub const ALL: [PrintLang; 9] = [
        PrintLang::RU,
        PrintLang::EN,
        PrintLang::one(Language::Zh),
        PrintLang::one(Language::Ja),
        PrintLang::one(Language::Ko),
        PrintLang::RU_EN,
        PrintLang::ru_and(Language::Zh),
        PrintLang::ru_and(Language::Ja),
        PrintLang::ru_and(Language::Ko),
    ];

    /// `ru`, `zh`, `ru+zh`.
    pub fn code(self) -> String {
        match self.second {
            Some(second) => format!("{}+{}", self.first.code(), second.code()),
            None => self.first.code().to_owned(),
        }
    }

    /// The value for a `--lang` code (`ru+zh`), if it is one of [`PrintLang::ALL`].
    pub fn from_code(code: &str) -> Option<PrintLang> {
        PrintLang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The document's languages, in the order they print.
    pub fn languages(self) -> impl Iterator<Item = Language> {
        std::iter::once(self.first).chain(self.second)
    }

    /// The language the guests read, where the document has one besides Russian.
    pub fn guest(self) -> Option<Language> {
        self.languages().find(|l| *l != Language::Ru)
    }

    /// The document's name in the UI's `ui` language: «Русский + 中文 (китайский)».
    pub fn label(self, ui: Lang) -> String {
        let one = |l: Language| match l {
            Language::Ru | Language::En => l.endonym().to_owned(),
            _ => format!("{} ({})", l.endonym(), l.name(ui)),
        };
        let first = if self.first == Language::Ru && ui == Lang::En { "Russian".to_owned() } else { one(self.first) };
        let first = if self.first == Language::Ru && ui == Lang::Ru { "Русский".to_owned() } else { first };
        match self.second {
            Some(second) => format!("{first} + {}", one(second)),
            None => first,
        }
    }
}

/// One text in any of the five languages. Russian is expected; the others are translations.
///
/// Held as a short vector sorted by language, never with a blank form: a large department has
/// half a million programme texts, and a map per text cost a 300-byte node each (the peak
/// memory of `pobratim check` grew by 90 MB). Stored as a map all the same, `{ru: "…"}`; a
/// blank form in a hand-edited file is dropped on reading.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Text(Vec<(Language, String)>);

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(l, t)| (l, t)))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        let forms = BTreeMap::<Language, String>::deserialize(deserializer)?;
        let mut forms: Vec<(Language, String)> = forms.into_iter().filter(|(_, t)| !t.trim().is_empty()).collect();
        forms.shrink_to_fit();
        Ok(Text(forms))
    }
}

impl Text {
    /// A text with its Russian form only.
    pub fn ru(text: impl Into<String>) -> Text {
        Text::new().with(Language::Ru, text)
    }

    /// An empty text.
    pub fn new() -> Text {
        Text(Vec::new())
    }

    /// This text with `lang` set to `text` (removed when blank).
    pub fn with(mut self, lang: Language, text: impl Into<String>) -> Text {
        self.set(lang, text);
        self
    }

    /// Sets the form in `lang`; a blank `text` removes it.
    pub fn set(&mut self, lang: Language, text: impl Into<String>) {
        let text = text.into();
        match self.0.binary_search_by_key(&lang, |(l, _)| *l) {
            Ok(i) if text.trim().is_empty() => {
                self.0.remove(i);
            }
            Ok(i) => self.0[i].1 = text,
            Err(_) if text.trim().is_empty() => {}
            Err(i) => self.0.insert(i, (lang, text)),
        }
    }

    /// The form in `lang`, if there is one (never blank).
    pub fn get(&self, lang: impl Into<Language>) -> Option<&str> {
        let lang = lang.into();
        self.0.iter().find(|(l, _)| *l == lang).map(|(_, t)| t.as_str())
    }

    /// The Russian form, or "" when there is none.
    pub fn ru_text(&self) -> &str {
        self.get(Language::Ru).unwrap_or_default()
    }

    /// The form in `lang`, else the Russian one, else the first there is, else "".
    pub fn show(&self, lang: impl Into<Language>) -> &str {
        self.shown(lang).map_or("", |(_, t)| t)
    }

    /// What [`Text::show`] gives, with the language it is really in: `lang` when the text
    /// has that form, else the fallback's (a print tags the line with it and marks it).
    pub fn shown(&self, lang: impl Into<Language>) -> Option<(Language, &str)> {
        let lang = lang.into();
        let form = |l: Language| self.get(l).map(|t| (l, t));
        form(lang).or_else(|| form(Language::Ru)).or_else(|| self.0.first().map(|(l, t)| (*l, t.as_str())))
    }

    /// Whether no language has a form.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The languages with a form, Russian first.
    pub fn languages(&self) -> impl Iterator<Item = Language> + '_ {
        self.0.iter().map(|(l, _)| *l)
    }

    /// Every form, Russian first.
    pub fn iter(&self) -> impl Iterator<Item = (Language, &str)> + '_ {
        self.0.iter().map(|(l, t)| (*l, t.as_str()))
    }

    /// Whether any form contains the already folded `needle` (see [`super::names::fold`]).
    pub fn matches(&self, needle: &str) -> bool {
        self.iter().any(|(_, t)| super::names::matches(t, needle))
    }
}

impl From<&str> for Text {
    fn from(ru: &str) -> Text {
        Text::ru(ru)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_form_falls_back_to_russian_and_says_so() {
        let t = Text::ru("Приём в администрации").with(Language::Zh, "市政府接见");
        assert_eq!(t.show(Language::Zh), "市政府接见");
        assert_eq!(t.show(Language::Ja), "Приём в администрации");
        assert_eq!(t.shown(Language::Ja), Some((Language::Ru, "Приём в администрации")));
        assert_eq!(t.shown(Language::Zh), Some((Language::Zh, "市政府接见")));
        assert_eq!(Text::new().with(Language::En, "Lunch").shown(Language::Ru), Some((Language::En, "Lunch")));
        assert_eq!(t.show(Lang::En), "Приём в администрации");
        assert_eq!(Text::new().with(Language::En, "Only English").show(Language::Ru), "Only English");
        assert_eq!(Text::new().show(Language::Ru), "");
    }

    #[test]
    fn blank_forms_are_not_kept() {
        let mut t = Text::ru("Обед").with(Language::En, "  ");
        assert_eq!(t.languages().collect::<Vec<_>>(), [Language::Ru]);
        t.set(Language::En, "Lunch");
        assert_eq!(t, Text::ru("Обед").with(Language::En, "Lunch"));
        t.set(Language::En, "");
        assert_eq!(t, Text::ru("Обед"));
        assert!(Text::new().with(Language::Ko, " ").is_empty());
    }

    #[test]
    fn stored_as_a_map_keyed_by_the_language_code() {
        let t = Text::ru("Обед").with(Language::Ja, "昼食").with(Language::En, "Lunch");
        let ron = ron::to_string(&t).expect("ron");
        assert_eq!(ron, r#"{ru:"Обед",en:"Lunch",ja:"昼食"}"#);
        let back: Text = ron::from_str(r#"{ ru: "Обед", en: "Lunch", ja: "昼食" }"#).expect("parse");
        assert_eq!(back, t);
        assert!(ron::from_str::<Text>(r#"{fr: "Déjeuner"}"#).is_err(), "only the five languages");
        let blank: Text = ron::from_str(r#"{ru: "Обед", en: "  "}"#).expect("a hand-edited blank");
        assert_eq!(blank, Text::ru("Обед"), "a blank form is dropped on reading");
        let bytes = postcard::to_stdvec(&t).expect("postcard");
        assert_eq!(postcard::from_bytes::<Text>(&bytes).expect("decode"), t);
    }

    #[test]
    fn print_languages_are_the_nine_of_the_command_line() {
        let codes: Vec<String> = PrintLang::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, ["ru", "en", "zh", "ja", "ko", "ru+en", "ru+zh", "ru+ja", "ru+ko"]);
        for l in PrintLang::ALL {
            assert_eq!(PrintLang::from_code(&l.code()), Some(l));
        }
        assert_eq!(PrintLang::from_code("zh+ru"), None, "Russian comes first");
        assert_eq!(PrintLang::from_code("ru+ru"), None);
        assert_eq!(PrintLang::ru_and(Language::Ru), PrintLang::RU);
        assert_eq!(PrintLang::ru_and(Language::Zh).guest(), Some(Language::Zh));
        assert_eq!(PrintLang::RU.guest(), None);
        assert_eq!(PrintLang::ru_and(Language::Ko).label(Lang::Ru), "Русский + 한국어 (корейский)");
        assert_eq!(PrintLang::RU_EN.label(Lang::En), "Russian + English");
    }

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(Language::from_code(" ZH "), Some(Language::Zh));
        assert_eq!(Language::from_code("fr"), None);
        assert_eq!(Language::Zh.name(Lang::Ru), "китайский");
        assert_eq!(Language::Ko.endonym(), "한국어");
    }
}
