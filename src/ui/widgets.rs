//! Small reusable widgets: labelled form fields that show their error beside them.

use super::i18n::Texts;
use super::theme;
use crate::model::RecordId;
use crate::model::refs::Reference;
use eframe::egui::{self, Response, Ui};

/// A labelled single-line text field in a form grid row, with `error` shown beside it.
/// The field is tied to its label for screen readers and tests.
pub fn text_field(ui: &mut Ui, label: &str, value: &mut String, error: Option<&str>) -> Response {
    let l = ui.label(label);
    // A fixed size, not a desired width: a grid first shown inside a new scroll area is
    // sized on a pass where the field would shrink to its text, and the grid would keep
    // that narrow column from then on.
    let r = ui.add_sized([260.0, ui.spacing().interact_size.y], egui::TextEdit::singleline(value)).labelled_by(l.id);
    match error {
        Some(e) => {
            ui.colored_label(theme::ERROR, e);
        }
        None => {
            ui.label("");
        }
    }
    ui.end_row();
    r
}

/// A labelled multi-line text field in a form grid row.
pub fn text_area(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let l = ui.label(label);
    let r = ui.add(egui::TextEdit::multiline(value).desired_width(260.0).desired_rows(3)).labelled_by(l.id);
    ui.label("");
    ui.end_row();
    r
}

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
