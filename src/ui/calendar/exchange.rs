//! iCalendar and the public HTML calendar: the export and import buttons, and the import's
//! preview, applied as one undo step.

use super::*;
use crate::model::files::{Document, file_name};
use crate::ui::action::{Export, ExportWhat, Import, ImportWhat, Imported};

impl CalendarPanel {
    /// «Экспорт iCalendar», «Печать календаря» (year view), «Публичный календарь (HTML)» and
    /// «Импорт iCalendar»: each asks the shell, which asks for the file and does the work off
    /// the UI thread.
    pub(super) fn exchange_buttons(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        if ui.button(t.export_ics).clicked() {
            let year = (self.view == CalView::Year).then_some(self.cursor.year());
            let year_text = year.map(|y| y.to_string()).unwrap_or_default();
            let name = file_name(&[&Document::Calendar.name(view.lang), &year_text], "ics");
            out.push(Action::Export(Export {
                title: t.export_ics.to_owned(),
                file_name: name,
                extension: "ics",
                what: ExportWhat::Ics { year },
                open_after: false,
            }));
        }
        if self.view == CalView::Year && ui.button(t.print_calendar).clicked() {
            out.push(Action::Print(crate::print::Job::Calendar { year: self.cursor.year() }));
        }
        if ui.button(t.export_html).clicked() {
            let year = self.cursor.year();
            out.push(Action::Export(Export {
                title: t.export_html.to_owned(),
                file_name: file_name(&[&Document::PublicCalendar.name(view.lang), &year.to_string()], "html"),
                extension: "html",
                what: ExportWhat::PublicHtml { year },
                open_after: false,
            }));
        }
        if ui.button(t.export_public_ics).clicked() {
            let year = self.cursor.year();
            out.push(Action::Export(Export {
                title: t.export_public_ics.to_owned(),
                file_name: file_name(&[&Document::PublicCalendar.name(view.lang), &year.to_string()], "ics"),
                extension: "ics",
                what: ExportWhat::PublicIcs { year },
                open_after: false,
            }));
        }
        if ui.add_enabled(!view.read_only, egui::Button::new(t.import_ics)).clicked() {
            out.push(Action::Import(Import {
                title: t.import_ics.to_owned(),
                extension: "ics",
                what: ImportWhat::Ics,
            }));
        }
    }

    /// Shows an iCalendar file the shell has read and planned, for the user to confirm.
    pub fn imported(&mut self, imported: Imported) {
        if let Imported::Ics { path, report, plan } = imported {
            self.preview = Some((path, report, plan));
        }
    }

    pub(super) fn preview_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let Some((path, report, plan)) = &self.preview else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("ics-import-preview")).show(ui.ctx(), |ui| {
            ui.heading(t.import_preview);
            ui.label(path.display().to_string());
            ui.label(format!(
                "{} {}, {} {}, {} {}, {} {}",
                t.import_new,
                plan.added.len(),
                t.import_updated,
                plan.updated.len(),
                t.import_unchanged,
                plan.unchanged,
                t.import_skipped,
                report.skipped.len()
            ));
            egui::ScrollArea::vertical().max_height(320.0).id_salt("import-list").show(ui, |ui| {
                for e in plan.added.iter().chain(&plan.updated) {
                    ui.label(format!("• {} {}", fmt_date(e.start_date), e.title(view.lang)));
                }
                for n in report.skipped.iter().chain(&report.warnings) {
                    ui.colored_label(theme::warning(), format!("{}: {}", n.line, n.message(view.lang)));
                }
            });
            let nothing = plan.added.is_empty() && plan.updated.is_empty();
            if nothing {
                ui.label(t.import_nothing);
            }
            ui.horizontal(|ui| {
                if ui.add_enabled(!nothing, egui::Button::new(t.import_do)).clicked() {
                    let commands = plan
                        .added
                        .iter()
                        .chain(&plan.updated)
                        .map(|e| Command::put(Record::Event(e.clone())))
                        .collect();
                    out.push(Action::Apply(Command::Batch(commands)));
                    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    out.push(Action::Notify(
                        crate::ui::toast::Kind::Success,
                        format!(
                            "{} «{file}»: {} {}, {} {}",
                            t.toast_imported,
                            t.import_new,
                            plan.added.len(),
                            t.import_updated,
                            plan.updated.len()
                        ),
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
