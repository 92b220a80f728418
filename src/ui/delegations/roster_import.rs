//! The roster import's preview: what each column of the file fills (the user maps the
//! columns it does not recognise, as a spreadsheet's import wizard lets them), then a
//! verdict per row, applied as one undo step.

use super::*;
use crate::ui::action::Imported;

/// A roster read from a file, waiting for the user's word.
pub(super) struct RosterPreview {
    /// The file.
    path: std::path::PathBuf,
    /// The delegation it goes into.
    delegation: DelegationId,
    /// The file's rows.
    table: roster_io::Table,
    /// The columns the user mapped by hand.
    mapping: roster_io::Mapping,
    /// The rows' verdicts under that mapping.
    report: roster_io::RosterReport,
}

impl DelegationsPanel {
    /// Shows a roster the shell has read and parsed, for the user to confirm.
    pub fn imported(&mut self, imported: Imported) {
        match imported {
            Imported::Roster { path, delegation, table, report } => {
                self.preview =
                    Some(RosterPreview { path, delegation, table, mapping: roster_io::Mapping::default(), report });
            }
            Imported::Ics { .. } => {}
        }
    }

    pub(super) fn preview_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let Some(preview) = &mut self.preview else { return };
        let target = view.model.delegation(&preview.delegation).cloned();
        let mut close = false;
        let mut remap: Option<(String, Option<roster_io::Col>)> = None;
        egui::Modal::new(egui::Id::unique("roster-import-preview")).show(ui.ctx(), |ui| {
            let RosterPreview { path, report, .. } = &*preview;
            ui.heading(t.roster_preview);
            ui.label(path.display().to_string());
            let (new, matched, rejected) = report.counts();
            ui.label(format!("{} {new}, {} {matched}, {} {rejected}", t.row_new, t.row_matched, t.row_rejected));
            ui.add_space(4.0);
            ui.strong(t.roster_columns);
            // The columns that need the user's word first: those not recognised, then those
            // not kept, then the recognised ones, in the file's order within each.
            let rank = |u: roster_io::ColumnUse| match u {
                roster_io::ColumnUse::Unknown => 0,
                roster_io::ColumnUse::NotKept => 1,
                roster_io::ColumnUse::Field(_) => 2,
                roster_io::ColumnUse::Skipped => 3,
            };
            let mut order: Vec<usize> = (0..report.columns.len()).collect();
            order.sort_by_key(|&i| rank(report.columns[i].use_));
            // The bar always shows: a file's later columns are below the fold.
            egui::ScrollArea::vertical()
                .max_height(220.0)
                .id_salt("roster-preview-columns")
                .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                .show(ui, |ui| {
                    egui::Grid::new("roster-preview-column-grid").num_columns(2).striped(true).show(ui, |ui| {
                        for (i, c) in order.iter().map(|&i| (i, &report.columns[i])) {
                            let l = ui.label(format!("«{}»", c.header));
                            if c.use_ == roster_io::ColumnUse::NotKept {
                                ui.weak(t.roster_not_kept);
                                ui.end_row();
                                continue;
                            }
                            let current = match c.use_ {
                                roster_io::ColumnUse::Field(f) => Some(f),
                                _ => None,
                            };
                            let shown = match c.use_ {
                                roster_io::ColumnUse::Field(f) => f.name(view.lang).to_owned(),
                                roster_io::ColumnUse::Unknown => t.roster_unknown.to_owned(),
                                _ => t.roster_skip.to_owned(),
                            };
                            egui::ComboBox::from_id_salt(("roster-column", i))
                                .selected_text(shown)
                                .width(220.0)
                                .show_ui(ui, |ui| {
                                    if ui.selectable_label(current.is_none(), t.roster_skip).clicked()
                                        && current.is_some()
                                    {
                                        remap = Some((c.header.clone(), None));
                                    }
                                    for f in roster_io::Col::ALL {
                                        if ui.selectable_label(current == Some(f), f.name(view.lang)).clicked()
                                            && current != Some(f)
                                        {
                                            remap = Some((c.header.clone(), Some(f)));
                                        }
                                    }
                                })
                                .response
                                .labelled_by(l.id);
                            ui.end_row();
                        }
                    });
                });
            ui.add_space(4.0);
            egui::ScrollArea::vertical().max_height(220.0).id_salt("roster-preview-list").show(ui, |ui| {
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
            let command = target.as_ref().and_then(|d| roster_io::import_command(d, &preview.report));
            let path = &preview.path;
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
        if let Some((header, col)) = remap
            && let Some(target) = &target
        {
            preview.mapping.set(&header, col);
            preview.report = roster_io::parse_roster_mapped(&preview.table, view.model, target, &preview.mapping);
        }
        if close {
            self.preview = None;
        }
    }
}
