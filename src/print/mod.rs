//! Printable documents as PDF, made with typst as a library.
//!
//! Templates are `.typ` files in `assets/templates/` (compiled in), so a department can adapt
//! its letterhead without touching Rust. Data goes in as one JSON string in `sys.inputs.data`
//! and is only ever inserted as values: a title such as `#set page(...)` prints literally.
//! Fonts come only from `assets/fonts/`; typst never sees system fonts or the network.
//!
//! A [`Job`] names one of the four printable documents (programme, roster, badges, year
//! calendar); the GUI and `pobratim print` both render through [`Job::render`]. The annual
//! report's PDF belongs to `report` (`report::pdf`), which uses [`render_report`].

pub mod data;
pub mod job;
pub mod labels;

pub use job::Job;

use crate::assets::{NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_CJK};
use std::sync::OnceLock;
use typst::foundations::{Dict, Value};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};

const COMMON: &str = include_str!("../../assets/templates/common.typ");
const PROGRAMME: &str = include_str!("../../assets/templates/programme.typ");
const ROSTER: &str = include_str!("../../assets/templates/roster.typ");
const BADGES: &str = include_str!("../../assets/templates/badges.typ");
const CALENDAR: &str = include_str!("../../assets/templates/calendar.typ");
const REPORT: &str = include_str!("../../assets/templates/report.typ");

/// Which document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Template {
    /// «Программа пребывания делегации».
    Programme,
    /// The roster.
    Roster,
    /// Badges and table cards.
    Badges,
    /// The year calendar of public events.
    Calendar,
    /// The annual report for the association of cities (rendered for `report`, through
    /// [`render_report`]; not a [`Job`]).
    Report,
}

impl Template {
    /// The template's file in `assets/templates/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Template::Programme => "programme.typ",
            Template::Roster => "roster.typ",
            Template::Badges => "badges.typ",
            Template::Calendar => "calendar.typ",
            Template::Report => "report.typ",
        }
    }
}

/// The language(s) of a printed document (defined in the model, beside [`crate::model::Text`]).
pub use crate::model::PrintLang;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// No such delegation.
    #[error("no delegation «{0}»")]
    NoDelegation(String),
    /// A roster or badges asked for a visit with nobody on its roster: nothing to print (it
    /// used to be one blank page).
    #[error("the visit «{en}» has nobody on its roster yet: add members on the «Roster» tab first")]
    NoMembers {
        /// The visit's title in Russian.
        ru: String,
        /// The visit's title in English (Russian where it has none).
        en: String,
    },
    /// The template failed to compile (a department's edit, usually).
    #[error("template {template:?}: {message}")]
    Template {
        /// Which.
        template: Template,
        /// What typst said.
        message: String,
    },
}

impl PrintError {
    /// The error for the user, in Russian or English. `Display` stays the English text the
    /// command line prints.
    pub fn message(&self, lang: crate::model::Lang) -> String {
        use crate::model::Lang;
        match (self, lang) {
            (PrintError::NoDelegation(id), Lang::Ru) => format!("нет делегации «{id}»"),
            (PrintError::NoMembers { ru, .. }, Lang::Ru) => {
                format!("в составе визита «{ru}» пока никого нет: сначала добавьте участников на вкладке «Состав»")
            }
            (PrintError::Template { template, message }, Lang::Ru) => {
                format!("шаблон {} не собирается: {message}", template.file_name())
            }
            (_, Lang::En) => self.to_string(),
        }
    }
}

fn engine(template: Template) -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINES: [OnceLock<TypstEngine<TypstTemplateMainFile>>; 5] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, source) = match template {
        Template::Programme => (&ENGINES[0], PROGRAMME),
        Template::Roster => (&ENGINES[1], ROSTER),
        Template::Badges => (&ENGINES[2], BADGES),
        Template::Calendar => (&ENGINES[3], CALENDAR),
        Template::Report => (&ENGINES[4], REPORT),
    };
    slot.get_or_init(|| {
        TypstEngine::builder()
            .main_file(source)
            .with_static_source_file_resolver([("common.typ", COMMON)])
            .fonts([NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_CJK])
            .build()
    })
}

/// Compiles `template` with `data` (any JSON) and returns the PDF bytes.
pub fn render(template: Template, data: &serde_json::Value) -> Result<Vec<u8>, PrintError> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Value::Str(data.to_string().into()));
    let err = |message: String| PrintError::Template { template, message };
    let doc = engine(template).compile_with_input(inputs).output.map_err(|e| err(format!("{e:?}")))?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|e| err(format!("{e:?}")))
}

/// Compiles the annual report's template with `data` (the report as JSON, see
/// `report::pdf`) and returns the PDF bytes.
pub fn render_report(data: &serde_json::Value) -> Result<Vec<u8>, PrintError> {
    render(Template::Report, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn errors_speak_both_languages_and_display_stays_english() {
        let e = PrintError::NoDelegation("del-x".into());
        assert_eq!(e.to_string(), "no delegation «del-x»");
        assert_eq!(e.message(Lang::En), "no delegation «del-x»");
        assert_eq!(e.message(Lang::Ru), "нет делегации «del-x»");
        let e = PrintError::Template { template: Template::Roster, message: "boom".into() };
        assert_eq!(e.to_string(), "template Roster: boom");
        assert_eq!(e.message(Lang::En), "template Roster: boom");
        assert_eq!(e.message(Lang::Ru), "шаблон roster.typ не собирается: boom");
    }
}
