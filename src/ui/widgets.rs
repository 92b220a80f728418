//! Small reusable widgets: read-only info rows and the delete dialogs. Form fields are in
//! [`super::form`].

use super::i18n::Texts;
use crate::model::RecordId;
use crate::model::refs::Reference;
use eframe::egui::{self, Ui};

/// A gentle mark on a record a colleague has open in a form: who, and that editing here
/// too is fine (the saves merge).
pub fn open_elsewhere(ui: &mut Ui, view: &super::view::View<'_>, id: &RecordId) {
    if let Some(who) = view.open_by(id) {
        ui.colored_label(super::theme::info(), format!("{}: {who}", view.t.open_elsewhere))
            .on_hover_text(view.t.open_elsewhere_hint);
    }
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

/// A button that opens a month of days (Monday first, in the UI's language); returns the
/// day clicked. `around` is the month it opens on; «<» and «>» page the months.
pub fn date_picker_button(
    ui: &mut Ui,
    label: &str,
    lang: crate::model::Lang,
    around: chrono::NaiveDate,
) -> (egui::Response, Option<chrono::NaiveDate>) {
    use chrono::{Datelike, Duration};
    let button = ui.button(label);
    let id = button.id.with("shown-month");
    if button.clicked() {
        ui.data_mut(|d| d.insert_temp(id, around));
    }
    let mut picked = None;
    egui::Popup::from_toggle_button_response(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let mut month: chrono::NaiveDate = ui.data(|d| d.get_temp(id)).unwrap_or(around);
            month = month.with_day(1).unwrap_or(month);
            ui.horizontal(|ui| {
                if ui.small_button("<").clicked() {
                    month = month.checked_sub_months(chrono::Months::new(1)).unwrap_or(month);
                }
                let title = format!("{} {}", super::i18n::month_name(lang, month.month()), month.year());
                ui.add_sized([130.0, 18.0], egui::Label::new(super::fonts::bold(title)));
                if ui.small_button(">").clicked() {
                    month = month.checked_add_months(chrono::Months::new(1)).unwrap_or(month);
                }
            });
            let start = month - Duration::days(i64::from(month.weekday().num_days_from_monday()));
            egui::Grid::new(id.with("days")).spacing([2.0, 2.0]).show(ui, |ui| {
                for name in super::i18n::weekdays(lang) {
                    ui.weak(name);
                }
                ui.end_row();
                for i in 0..42 {
                    let day = start + Duration::days(i);
                    let text = egui::RichText::new(day.day().to_string());
                    let text = if day.month() == month.month() { text } else { text.weak() };
                    let r = ui.add(egui::Button::new(text).min_size(egui::vec2(26.0, 0.0)));
                    let r = r.on_hover_text(crate::model::date::fmt_date(day));
                    if r.clicked() {
                        picked = Some(day);
                        ui.close();
                    }
                    if i % 7 == 6 {
                        ui.end_row();
                    }
                }
            });
            ui.data_mut(|d| d.insert_temp(id, month));
        });
    (button, picked)
}
