//! Small reusable widgets: read-only info rows and the delete dialogs. Form fields are in
//! [`super::form`].

use super::i18n::Texts;
use crate::model::RecordId;
use crate::model::refs::Reference;
use eframe::egui::{self, Ui};

/// A read-only row «label: value» in a grid, skipped when the value is empty.
pub fn info_row(ui: &mut Ui, label: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    ui.label(label);
    ui.add(egui::Label::new(value).wrap());
    ui.end_row();
}

/// The answer of a delete dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogAnswer {
    /// Still open.
    Open,
    /// Closed without acting.
    Closed,
    /// The user confirmed.
    Confirmed,
}

/// «Удаление невозможно»: what refers to the record, and a close button.
pub fn refused_dialog(
    ctx: &egui::Context,
    salt: &str,
    t: &Texts,
    explanation: &str,
    refs: &[Reference],
) -> DialogAnswer {
    let mut answer = DialogAnswer::Open;
    egui::Modal::new(egui::Id::unique(salt)).show(ctx, |ui| {
        ui.heading(t.cannot_delete);
        ui.label(explanation);
        for r in refs {
            let kind = if matches!(r.record, RecordId::Event(_)) { t.kind_event } else { t.kind_delegation };
            ui.label(format!("• {kind}: {} ({})", r.title, r.record));
        }
        if ui.button(t.close).clicked() {
            answer = DialogAnswer::Closed;
        }
    });
    answer
}

/// «Удалить запись?» with delete and cancel.
pub fn confirm_delete_dialog(ctx: &egui::Context, salt: &str, t: &Texts, name: &str) -> DialogAnswer {
    let mut answer = DialogAnswer::Open;
    egui::Modal::new(egui::Id::unique(salt)).show(ctx, |ui| {
        ui.heading(format!("{}: {name}", t.delete));
        ui.label(t.confirm_delete);
        ui.horizontal(|ui| {
            if ui.button(t.delete).clicked() {
                answer = DialogAnswer::Confirmed;
            }
            if ui.button(t.cancel).clicked() {
                answer = DialogAnswer::Closed;
            }
        });
    });
    answer
}
