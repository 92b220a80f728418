//! File names from names, never ids: «Программа — Детская делегация г. Ниигаты — 15.08.2016.pdf».
//!
//! [`file_name`] is the one place a name is cleaned for every file system the department
//! uses (Windows forbids `\ / : * ? " < > |`, control characters and trailing dots or
//! spaces) and kept short; [`Document`] names each kind of file in the UI's language.

use std::cmp::Reverse;

#[cfg(test)]
use super::Text;
use super::{Delegation, Lang, Language, PrintLang};
use std::borrow::Cow;

/// The longest file name, extension included, is one character less than this.
pub const MAX_FILE_NAME: usize = 120;

/// What a name falls back to when nothing printable is left.
const FALLBACK: &str = "Pobratim";

/// Between the parts of a name.
const SEPARATOR: &str = " — ";

/// A kind of file the app writes, named in the UI's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// The programme of a visit, in the language(s) given.
    Programme(PrintLang),
    /// The roster of a visit.
    Roster,
    /// The badges and table cards of a visit.
    Badges,
    /// The calendar (printed year calendar, iCalendar).
    Calendar,
    /// The public HTML calendar of a year.
    PublicCalendar,
    /// The annual report.
    Report,
}

impl Document {
    /// The document's name in `lang`: «Программа», «Программа (рус.-кит.)», "Roster".
    pub fn name(self, lang: Lang) -> Cow<'static, str> {
        let short = |l: Language| l.short(lang);
        let (word, plain) =
            if lang == Lang::Ru { ("Программа", Language::Ru) } else { ("Programme", Language::En) };
        let name = match (self, lang) {
            (Document::Programme(p), _) if p == PrintLang::one(plain) => word,
            (Document::Programme(p), _) => {
                return Cow::Owned(match p.second {
                    Some(second) => format!("{word} ({}-{})", short(p.first), short(second)),
                    None => format!("{word} ({})", short(p.first)),
                });
            }
            (Document::Roster, Lang::Ru) => "Состав",
            (Document::Badges, Lang::Ru) => "Бейджи",
            (Document::Calendar, Lang::Ru) => "Календарь",
            (Document::PublicCalendar, Lang::Ru) => "Публичный календарь",
            (Document::Report, Lang::Ru) => "Годовой отчёт",
            (Document::Roster, Lang::En) => "Roster",
            (Document::Badges, Lang::En) => "Badges",
            (Document::Calendar, Lang::En) => "Calendar",
            (Document::PublicCalendar, Lang::En) => "Public calendar",
            (Document::Report, Lang::En) => "Annual report",
        };
        Cow::Borrowed(name)
    }
}

/// The name of a file about a visit: the document, the visit's title in `lang` and its
/// arrival date, «Состав — Детская делегация г. Ниигаты — 15.08.2016.csv».
pub fn visit_file_name(document: Document, delegation: &Delegation, lang: Lang, extension: &str) -> String {
    let date = delegation.arrival.date.format("%d.%m.%Y").to_string();
    file_name(&[&document.name(lang), delegation.title(lang), &date], extension)
}

/// A file name safe on every system: the non-blank `parts` joined by « — », then
/// `.extension`. Forbidden characters (`\ / : * ? " < > |`) become `-`, control characters
/// a space; runs of spaces shrink to one; trailing dots and spaces go. The whole name stays
/// under [`MAX_FILE_NAME`] characters: the longest part is cut on a character boundary and
/// ends with «…», the extension is kept. Nothing left gives «Pobratim».
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let extension = clean(extension);
    let extension = extension.trim_matches('.');
    let mut parts: Vec<String> = parts.iter().map(|p| clean(p)).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        parts.push(FALLBACK.to_owned());
    }
    let suffix = if extension.is_empty() { 0 } else { extension.chars().count() + 1 };
    let budget = (MAX_FILE_NAME - 1).saturating_sub(suffix).max(1);
    let separator = SEPARATOR.chars().count();
    loop {
        let lens: Vec<usize> = parts.iter().map(|p| p.chars().count()).collect();
        let stem_len = lens.iter().sum::<usize>() + separator * (parts.len() - 1);
        if stem_len <= budget {
            break;
        }
        // The first of the longest parts (the visit's title, as a rule) gives way.
        let Some((longest, &len)) = lens.iter().enumerate().max_by_key(|&(i, &n)| (n, Reverse(i))) else { break };
        if len <= 2 {
            if parts.len() > 1 {
                parts.pop();
                continue;
            }
            parts[0] = parts[0].chars().take(budget).collect();
            break;
        }
        // At least one character is kept, then the ellipsis.
        let keep = len.saturating_sub(stem_len - budget + 1).max(1);
        let cut: String = parts[longest].chars().take(keep).collect();
        let cut = cut.trim_end_matches(['.', ' ']);
        parts[longest] = format!("{cut}…");
    }
    let stem = parts.join(SEPARATOR);
    let stem = stem.trim_end_matches(['.', ' ']);
    let stem = if stem.is_empty() { FALLBACK } else { stem };
    if extension.is_empty() { stem.to_owned() } else { format!("{stem}.{extension}") }
}

/// One part of a name: forbidden characters replaced, spaces collapsed and trimmed.
fn clean(text: &str) -> String {
    let replaced: String = text
        .chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let collapsed = replaced.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    collapsed.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DelegationId;

    #[test]
    fn each_forbidden_character_is_replaced() {
        for c in ['\\', '/', ':', '*', '?', '"', '<', '>', '|'] {
            let name = file_name(&[&format!("a{c}b")], "pdf");
            assert_eq!(name, "a-b.pdf", "{c:?}");
        }
        assert_eq!(file_name(&["a\tb\nc\u{7}d\u{0}"], "pdf"), "a b c d.pdf");
        assert_eq!(file_name(&["Портленд: школа / 2016"], "csv"), "Портленд- школа - 2016.csv");
    }

    #[test]
    fn trailing_dots_and_spaces_go() {
        assert_eq!(file_name(&["Делегация г. ", "…", "  "], "pdf"), "Делегация г. — ….pdf");
        assert_eq!(file_name(&["Календарь", "2017. . "], "pdf"), "Календарь — 2017.pdf");
        assert_eq!(file_name(&["конец... . "], "pdf"), "конец.pdf");
        assert_eq!(file_name(&["  начало   и  конец"], "pdf"), "начало и конец.pdf");
        assert_eq!(file_name(&["без расширения. "], ""), "без расширения");
    }

    #[test]
    fn a_long_title_is_cut_on_a_character_boundary_keeping_the_date_and_extension() {
        let title = "Официальная делегация мэрии города-побратима ".repeat(6);
        let name = file_name(&["Программа", &title, "15.08.2016"], "pdf");
        assert!(name.chars().count() < MAX_FILE_NAME, "{} chars: {name}", name.chars().count());
        assert!(name.chars().count() >= MAX_FILE_NAME - 3, "not cut more than needed: {name}");
        assert!(name.starts_with("Программа — Официальная делегация"), "{name}");
        assert!(name.ends_with("… — 15.08.2016.pdf"), "{name}");
        let one = file_name(&[&"ж".repeat(500)], "xlsx");
        assert!(one.chars().count() < MAX_FILE_NAME && one.ends_with("….xlsx"), "{one}");
    }

    #[test]
    fn an_empty_name_falls_back_to_a_word() {
        assert_eq!(file_name(&[], "pdf"), "Pobratim.pdf");
        assert_eq!(file_name(&["", " . ", "\n"], "pdf"), "Pobratim.pdf");
        assert_eq!(file_name(&["???"], ".ics"), "---.ics");
    }

    fn niigata() -> Delegation {
        let mut d = Delegation { id: DelegationId::new("del-2016-08-niigata-children"), ..Delegation::default() };
        d.title = Text::ru("Детская делегация г. Ниигаты").with(Language::En, "Niigata children's delegation");
        d.arrival.date = chrono::NaiveDate::from_ymd_opt(2016, 8, 15).expect("date");
        d
    }

    #[test]
    fn a_programme_is_named_after_the_visit_in_the_ui_language() {
        let d = niigata();
        assert_eq!(
            visit_file_name(Document::Programme(PrintLang::RU), &d, Lang::Ru, "pdf"),
            "Программа — Детская делегация г. Ниигаты — 15.08.2016.pdf"
        );
        assert_eq!(
            visit_file_name(Document::Programme(PrintLang::EN), &d, Lang::En, "pdf"),
            "Programme — Niigata children's delegation — 15.08.2016.pdf"
        );
        assert_eq!(
            visit_file_name(Document::Programme(PrintLang::ru_and(Language::Ja)), &d, Lang::Ru, "pdf"),
            "Программа (рус.-яп.) — Детская делегация г. Ниигаты — 15.08.2016.pdf"
        );
        assert_eq!(
            visit_file_name(Document::Programme(PrintLang::one(Language::Ja)), &d, Lang::En, "pdf"),
            "Programme (Japanese) — Niigata children's delegation — 15.08.2016.pdf"
        );
        assert_eq!(
            visit_file_name(Document::Roster, &d, Lang::Ru, "xlsx"),
            "Состав — Детская делегация г. Ниигаты — 15.08.2016.xlsx"
        );
    }
}
