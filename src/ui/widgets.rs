//! Small reusable widgets: labelled form fields that show their error beside them.

use super::theme;
use eframe::egui::{self, Response, Ui};

/// A labelled single-line text field in a form grid row, with `error` shown beside it.
/// The field is tied to its label for screen readers and tests.
pub fn text_field(ui: &mut Ui, label: &str, value: &mut String, error: Option<&str>) -> Response {
    let l = ui.label(label);
    let r = ui.add(egui::TextEdit::singleline(value).desired_width(260.0)).labelled_by(l.id);
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
