//! «Годовой отчёт»: the annual report's preview and its files.

use super::*;
use crate::model::files::{Document, file_name};
use crate::ui::action::{Export, ExportWhat};

impl TourismPanel {
    pub(super) fn report_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let mut year = self.year(view.model, view.today);
        let mut save = None;
        ui.horizontal_wrapped(|ui| {
            year = self.year_picker(ui, view, "report-year");
            ui.separator();
            for (label, format) in [
                (t.save_pdf, report::Format::Pdf),
                (t.save_docx, report::Format::Docx),
                (t.save_md, report::Format::Markdown),
            ] {
                if ui.button(label).clicked() {
                    save = Some((label, format));
                }
            }
        });
        let fresh = matches!(&self.cache, Some((v, y, l, _)) if *v == view.version && *y == year && *l == view.lang);
        if !fresh {
            self.cache = Some((view.version, year, view.lang, report::annual(view.model, year, view.lang, view.today)));
        }
        let Some((_, _, _, report)) = &self.cache else { return };
        if let Some((label, format)) = save {
            let name = file_name(&[&Document::Report.name(view.lang), &year.to_string()], format.extension());
            // The report is made again on the export's thread from the same model, year and
            // language as the preview; a PDF opens in the system's viewer, where the user prints.
            out.push(Action::Export(Export {
                title: label.to_owned(),
                file_name: name,
                extension: format.extension(),
                what: ExportWhat::Report { year, lang: view.lang, format },
                open_after: format == report::Format::Pdf,
            }));
        }
        ui.separator();
        // Text wraps to the window (at most 900 points, a readable line); only a table wider
        // than the window scrolls sideways.
        let text_width = (ui.available_width() - 16.0).clamp(240.0, 900.0);
        egui::ScrollArea::both().id_salt("report-preview").auto_shrink([false, false]).show(ui, |ui| {
            report_preview(ui, report, text_width);
        });
    }
}

/// The report drawn in the panel: the same blocks the files are made from.
pub(super) fn report_preview(ui: &mut egui::Ui, report: &Report, text_width: f32) {
    ui.label(egui::RichText::new(&report.title).heading().strong());
    ui.label(&report.subtitle);
    ui.label(egui::RichText::new(&report.generated).italics().weak());
    for (i, b) in report.blocks.iter().enumerate() {
        match b {
            Block::Heading { text } => {
                ui.add_space(10.0);
                ui.label(egui::RichText::new(text).size(17.0).strong());
            }
            Block::Paragraph { text } => {
                ui.scope(|ui| {
                    ui.set_max_width(text_width);
                    ui.add(egui::Label::new(text).wrap());
                });
            }
            Block::Bullets { items } => {
                ui.scope(|ui| {
                    ui.set_max_width(text_width);
                    for item in items {
                        ui.add(egui::Label::new(format!("• {item}")).wrap());
                    }
                });
            }
            Block::Table(table) => {
                egui::Grid::new(("report-table", i)).striped(true).spacing([12.0, 3.0]).show(ui, |ui| {
                    for h in &table.header {
                        ui.label(fonts::bold(h));
                    }
                    ui.end_row();
                    for row in &table.rows {
                        for cell in row {
                            ui.add(egui::Label::new(cell).extend());
                        }
                        ui.end_row();
                    }
                    if let Some(total) = &table.total {
                        for cell in total {
                            ui.label(fonts::bold(cell));
                        }
                        ui.end_row();
                    }
                });
            }
        }
    }
}
