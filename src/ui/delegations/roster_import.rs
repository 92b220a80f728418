//! The roster import's preview: a verdict per row, applied as one undo step.

use super::*;
use crate::ui::action::Imported;

impl DelegationsPanel {
    /// Shows a roster the shell has read and parsed, for the user to confirm.
    pub fn imported(&mut self, imported: Imported) {
        match imported {
            Imported::Roster { path, delegation, report } => self.preview = Some((path, delegation, report)),
            Imported::Ics { .. } => {}
        }
    }

    pub(super) fn preview_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let Some((path, delegation, report)) = &self.preview else { return };
        let target = view.model.delegation(delegation).cloned();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("roster-import-preview")).show(ui.ctx(), |ui| {
            ui.heading(t.roster_preview);
            ui.label(path.display().to_string());
            let (new, matched, rejected) = report.counts();
            ui.label(format!("{} {new}, {} {matched}, {} {rejected}", t.row_new, t.row_matched, t.row_rejected));
            egui::ScrollArea::vertical().max_height(320.0).id_salt("roster-preview-list").show(ui, |ui| {
                for c in &report.ignored_columns {
                    ui.weak(format!("«{c}»: —"));
                }
                for r in &report.rows {
                    let text = match &r.outcome {
                        roster_io::Outcome::New(p) => {
                            format!("{} {}: {} — {}", t.row_word, r.row, t.row_new, p.display_name())
                        }
                        roster_io::Outcome::Matched(id) => {
                            format!(
                                "{} {}: {} — {}",
                                t.row_word,
                                r.row,
                                t.row_matched,
                                person_name(view.model, id, view.lang)
                            )
                        }
                        roster_io::Outcome::AlreadyMember(id) => {
                            format!(
                                "{} {}: {} — {}",
                                t.row_word,
                                r.row,
                                t.row_already,
                                person_name(view.model, id, view.lang)
                            )
                        }
                        roster_io::Outcome::Rejected { field, reason } => format!(
                            "{} {}: {} — {}: {}",
                            t.row_word,
                            r.row,
                            t.row_rejected,
                            field.name(view.lang),
                            reason.message(view.lang)
                        ),
                    };
                    ui.label(text);
                }
            });
            let command = target.as_ref().and_then(|d| roster_io::import_command(d, report));
            ui.horizontal(|ui| {
                if ui.add_enabled(command.is_some(), egui::Button::new(t.import_do)).clicked()
                    && let Some(c) = command
                {
                    out.push(Action::Apply(c));
                    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    out.push(Action::Notify(
                        crate::ui::toast::Kind::Success,
                        format!("{} «{file}»: {} {new}, {} {matched}", t.toast_imported, t.row_new, t.row_matched),
                    ));
                    close = true;
                }
                if ui.button(t.cancel).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.preview = None;
        }
    }
}
