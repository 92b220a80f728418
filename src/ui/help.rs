//! The manual inside the app. F1 and «Справка» open `docs/manual-ru.md` (or the shorter
//! `docs/manual-en.md` in English) at the chapter for the section on screen, rendered
//! offline with egui_commonmark. The manuals and their pictures are built into the binary,
//! so the help works on a computer that holds nothing else.

use super::i18n::Texts;
use crate::model::Lang;
use eframe::egui;
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

/// The Russian manual, the full one.
pub const MANUAL_RU: &str = include_str!("../../docs/manual-ru.md");
/// The English manual, shorter.
pub const MANUAL_EN: &str = include_str!("../../docs/manual-en.md");

/// The manuals' pictures, by the path the Markdown links them with: the Russian manual's in
/// `img/`, the English one's, of the app in English, in `img/en/`.
pub const IMAGES: [(&str, &[u8]); 15] = [
    ("img/overview.png", include_bytes!("../../docs/img/overview.png")),
    ("img/cities.png", include_bytes!("../../docs/img/cities.png")),
    ("img/city.png", include_bytes!("../../docs/img/city.png")),
    ("img/calendar.png", include_bytes!("../../docs/img/calendar.png")),
    ("img/tourism.png", include_bytes!("../../docs/img/tourism.png")),
    ("img/delegation.png", include_bytes!("../../docs/img/delegation.png")),
    ("img/roster.png", include_bytes!("../../docs/img/roster.png")),
    ("img/programme.png", include_bytes!("../../docs/img/programme.png")),
    ("img/road-take.png", include_bytes!("../../docs/img/road-take.png")),
    ("img/en/overview.png", include_bytes!("../../docs/img/en/overview.png")),
    ("img/en/city.png", include_bytes!("../../docs/img/en/city.png")),
    ("img/en/calendar.png", include_bytes!("../../docs/img/en/calendar.png")),
    ("img/en/tourism.png", include_bytes!("../../docs/img/en/tourism.png")),
    ("img/en/delegation.png", include_bytes!("../../docs/img/en/delegation.png")),
    ("img/en/road-take.png", include_bytes!("../../docs/img/en/road-take.png")),
];

/// Where the pictures are registered for egui's image loaders.
const SCHEME: &str = "bytes://manual/";

/// The chapters, in the manuals' order (both manuals keep it, a test checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chapter {
    /// Installing.
    Installing = 0,
    /// The first start and the overview.
    FirstStart,
    /// A partner city.
    City,
    /// Planning an incoming visit.
    Visit,
    /// An outgoing trip and the copy for the road.
    Trip,
    /// The calendar and the public calendar.
    Calendar,
    /// Rosters from Excel.
    Rosters,
    /// Printing.
    Printing,
    /// The annual report.
    Report,
    /// Personal data.
    PersonalData,
    /// Working together on a shared folder.
    Together,
    /// Backups.
    Backups,
    /// After a crash.
    Crash,
}

/// How many chapters each manual has.
pub const CHAPTERS: usize = 13;

/// One chapter of a manual: its title and its Markdown (the title's line included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The chapter's title.
    pub title: String,
    /// Its text, ready for the viewer (pictures linked to the built-in copies).
    pub text: String,
}

/// The manual in `lang`: the introduction, then one section per `## ` chapter.
pub fn sections(lang: Lang) -> Vec<Section> {
    let manual = match lang {
        Lang::Ru => MANUAL_RU,
        Lang::En => MANUAL_EN,
    };
    let manual = manual.replace("](img/", &format!("]({SCHEME}img/"));
    let mut out: Vec<Section> = Vec::new();
    let mut intro = String::new();
    for line in manual.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            out.push(Section { title: title.trim().to_owned(), text: String::new() });
        }
        let text = out.last_mut().map_or(&mut intro, |s| &mut s.text);
        text.push_str(line);
        text.push('\n');
    }
    // The introduction (what the program is, how to open the help) heads the first chapter.
    if let Some(first) = out.first_mut() {
        first.text = format!("{intro}\n{}", first.text);
    }
    out
}

/// The help window's state.
#[derive(Default)]
pub struct Help {
    /// The chapter shown, while the window is open.
    open: Option<usize>,
    cache: CommonMarkCache,
    /// The manual for each language, split once.
    split: Option<(Lang, Vec<Section>)>,
    /// Whether the pictures were handed to egui's loaders.
    pictures: bool,
}

impl Help {
    /// Opens the window at `chapter` (or moves it there).
    pub fn open_at(&mut self, chapter: Chapter) {
        self.open = Some(chapter as usize);
    }

    /// Whether the window is open, and at which chapter.
    pub fn shown(&self) -> Option<usize> {
        self.open
    }

    /// Draws the window while it is open: the chapters on the left, the chosen one beside.
    pub fn ui(&mut self, ctx: &egui::Context, t: &Texts, lang: Lang) {
        let Some(mut at) = self.open else { return };
        if !self.pictures {
            egui_extras::install_image_loaders(ctx);
            for (path, bytes) in IMAGES {
                ctx.include_bytes(format!("{SCHEME}{path}"), bytes);
            }
            self.pictures = true;
        }
        if self.split.as_ref().is_none_or(|(l, _)| *l != lang) {
            self.split = Some((lang, sections(lang)));
        }
        let Some((_, sections)) = &self.split else { return };
        at = at.min(sections.len().saturating_sub(1));
        let mut open = true;
        let room = ctx.content_rect().size();
        egui::Window::new(t.help)
            .id(egui::Id::unique("pobratim-help"))
            .open(&mut open)
            .collapsible(false)
            .default_size([(room.x - 80.0).min(980.0), (room.y - 100.0).min(680.0)])
            .max_size(room - egui::vec2(20.0, 40.0))
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                egui::Panel::left("help-chapters").resizable(false).exact_size(220.0).show(ui, |ui| {
                    egui::ScrollArea::vertical().id_salt("help-toc").show(ui, |ui| {
                        for (i, s) in sections.iter().enumerate() {
                            if ui.selectable_label(i == at, &s.title).clicked() {
                                at = i;
                            }
                        }
                    });
                });
                egui::ScrollArea::vertical().id_salt(("help-text", at)).auto_shrink([false, false]).show(ui, |ui| {
                    if let Some(s) = sections.get(at) {
                        CommonMarkViewer::new().max_image_width(Some(720)).show(ui, &mut self.cache, &s.text);
                    }
                });
            });
        self.open = open.then_some(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_manuals_have_the_chapters_in_the_same_order() {
        let ru = sections(Lang::Ru);
        let en = sections(Lang::En);
        assert_eq!(ru.len(), CHAPTERS, "{:?}", ru.iter().map(|s| &s.title).collect::<Vec<_>>());
        assert_eq!(en.len(), CHAPTERS, "{:?}", en.iter().map(|s| &s.title).collect::<Vec<_>>());
        for (chapter, ru_word, en_word) in [
            (Chapter::Installing, "Установка", "Installing"),
            (Chapter::FirstStart, "Первый запуск", "first start"),
            (Chapter::City, "Город", "city"),
            (Chapter::Visit, "визит", "visit"),
            (Chapter::Trip, "дорог", "road"),
            (Chapter::Calendar, "Календарь", "calendar"),
            (Chapter::Rosters, "Excel", "Excel"),
            (Chapter::Printing, "Печать", "Printing"),
            (Chapter::Report, "отчёт", "report"),
            (Chapter::PersonalData, "Персональные", "Personal"),
            (Chapter::Together, "общей папке", "shared folder"),
            (Chapter::Backups, "Резервные", "Backups"),
            (Chapter::Crash, "сбоя", "crash"),
        ] {
            let i = chapter as usize;
            assert!(ru[i].title.contains(ru_word), "{chapter:?}: «{}»", ru[i].title);
            assert!(en[i].title.contains(en_word), "{chapter:?}: «{}»", en[i].title);
        }
        assert!(ru[0].text.contains("F1"), "the introduction heads the first chapter");
    }

    /// Every picture a manual links is built in (and exists in docs/img), and every built-in
    /// picture is used.
    #[test]
    fn every_picture_the_manuals_link_is_built_in() {
        let mut linked = std::collections::BTreeSet::new();
        for manual in [MANUAL_RU, MANUAL_EN] {
            for part in manual.split("](").skip(1) {
                let target = part.split(')').next().unwrap_or_default();
                if target.ends_with(".png") {
                    linked.insert(target.to_owned());
                }
            }
        }
        let built_in: std::collections::BTreeSet<String> = IMAGES.iter().map(|(p, _)| (*p).to_owned()).collect();
        assert_eq!(linked, built_in);
        for (path, bytes) in IMAGES {
            assert!(bytes.starts_with(b"\x89PNG"), "{path} is a PNG");
        }
        // The English manual shows the app in English.
        for part in MANUAL_EN.split("](").skip(1).filter(|p| p.contains(".png)")) {
            assert!(part.starts_with("img/en/"), "the English manual links a Russian picture: {part}");
        }
        // And the text the viewer gets points at the built-in copies.
        assert!(sections(Lang::Ru).iter().any(|s| s.text.contains("bytes://manual/img/overview.png")));
    }
}
