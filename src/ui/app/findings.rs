//! The findings window: every finding with its severity, the record it concerns by name,
//! and its message; a click opens the record.

use super::App;
use crate::model::{Model, RecordId};
use crate::ui::action::Action;
use crate::ui::i18n::Texts;
use crate::ui::theme;
use eframe::egui;

impl App {
    pub(super) fn findings_window(&mut self, ctx: &egui::Context, t: &Texts, out: &mut Vec<Action>) {
        if !self.show_findings {
            return;
        }
        let mut open = true;
        egui::Window::new(t.findings).open(&mut open).default_size([640.0, 360.0]).show(ctx, |ui| {
            egui::ScrollArea::vertical().id_salt("findings").show(ui, |ui| {
                for (i, f) in self.findings.iter().enumerate() {
                    let colour = theme::severity(f.severity);
                    ui.push_id(i, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(colour, "●");
                            let (kind, name) = record_label(t, &self.model, self.lang, &f.subject);
                            if ui.link(format!("{kind} {name}")).clicked() {
                                out.push(Action::Open(f.subject.clone()));
                            }
                            ui.label(f.message(self.lang));
                        });
                    });
                }
            });
        });
        self.show_findings = open;
    }
}

/// The kind of a record and its name on screen (never its id, unless the record is gone).
pub(super) fn record_label(t: &Texts, model: &Model, lang: crate::model::Lang, r: &RecordId) -> (&'static str, String) {
    match r {
        RecordId::City(id) => (t.kind_city, model.city(id).map_or_else(|| id.to_string(), |c| c.name(lang).to_owned())),
        RecordId::Person(id) => {
            (t.kind_person, model.person(id).map_or_else(|| id.to_string(), |p| p.name(lang).to_owned()))
        }
        RecordId::Event(id) => {
            (t.kind_event, model.event(id).map_or_else(|| id.to_string(), |e| e.title(lang).to_owned()))
        }
        RecordId::Delegation(id) => {
            (t.kind_delegation, model.delegation(id).map_or_else(|| id.to_string(), |d| d.title(lang).to_owned()))
        }
        RecordId::Figures(year) => (t.nav_tourism, year.to_string()),
    }
}
