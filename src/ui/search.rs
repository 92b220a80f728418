//! The global search box (Ctrl+F) in the navigation panel.

use super::i18n::Texts;
use crate::model::{Lang, Model, RecordId, search::search};
use eframe::egui::{self, Key};

/// Results shown under the box.
const LIMIT: usize = 12;

/// The search box's state: the query, and whether Ctrl+F asked for focus.
#[derive(Default)]
pub struct Search {
    query: String,
    wants_focus: bool,
}

impl Search {
    /// Puts the cursor into the box (Ctrl+F).
    pub fn focus(&mut self, ctx: &egui::Context) {
        self.wants_focus = true;
        ctx.request_repaint();
    }

    /// Draws the box and its results; returns the record to open (a click, or Enter for
    /// the first result).
    pub fn ui(&mut self, ui: &mut egui::Ui, model: &Model, t: &Texts, lang: Lang) -> Option<RecordId> {
        let label = ui.label(t.search);
        let response = ui
            .add(egui::TextEdit::singleline(&mut self.query).hint_text("Ctrl+F").desired_width(f32::INFINITY))
            .labelled_by(label.id)
            .on_hover_text(t.search_hint);
        if self.wants_focus {
            response.request_focus();
            self.wants_focus = false;
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if self.query.trim().is_empty() {
            return None;
        }
        let hits = search(model, &self.query, LIMIT, lang);
        let mut open = None;
        if hits.is_empty() {
            ui.weak(t.search_nothing);
        }
        for (i, hit) in hits.iter().enumerate() {
            let kind = match hit.subject {
                RecordId::City(_) => t.kind_city,
                RecordId::Person(_) => t.kind_person,
                RecordId::Event(_) => t.kind_event,
                RecordId::Delegation(_) => t.kind_delegation,
                RecordId::Figures(_) => t.nav_tourism,
            };
            if ui.push_id(i, |ui| ui.selectable_label(false, format!("{} · {kind}", hit.title))).inner.clicked() {
                open = Some(hit.subject.clone());
            }
        }
        if enter && open.is_none() {
            open = hits.first().map(|h| h.subject.clone());
        }
        if open.is_some() {
            self.query.clear();
        }
        open
    }
}
