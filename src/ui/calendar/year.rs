//! The year view: twelve small months with the days that hold entries marked.

use super::*;

impl CalendarPanel {
    pub(super) fn year_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, conflicts: &HashSet<RecordId>) {
        let year = self.cursor.year();
        let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31))
        else {
            return;
        };
        let items = self.cached_entries(view, from, to, conflicts);
        let width = ((ui.available_width() - 3.0 * 8.0) / 4.0).max(160.0);
        egui::Grid::new("year-grid").num_columns(4).spacing([8.0, 8.0]).show(ui, |ui| {
            for m in 1..=12u32 {
                ui.vertical(|ui| {
                    ui.set_width(width);
                    let r = ui.add(egui::Button::selectable(false, fonts::bold(i18n::month_name(view.lang, m))));
                    if r.clicked()
                        && let Some(d) = NaiveDate::from_ymd_opt(year, m, 1)
                    {
                        self.cursor = d;
                        self.view = CalView::Month;
                    }
                    for e in items.iter().filter(|e| e.days().0.month() == m && e.days().0.year() == year).take(8) {
                        let (a, b) = e.days();
                        let dates = if a == b {
                            format!("{:02}", a.day())
                        } else {
                            format!("{:02}–{:02}.{:02}", a.day(), b.day(), b.month())
                        };
                        ui.horizontal(|ui| {
                            ui.colored_label(entry_colour(e), "●");
                            let mut text =
                                RichText::new(format!("{dates} {}", entry_title(view.model, e, view.lang, view.t)))
                                    .size(11.5);
                            if e.conflict() {
                                text = text.color(theme::ERROR);
                            }
                            ui.add(egui::Label::new(text).truncate());
                        });
                    }
                });
                if m % 4 == 0 {
                    ui.end_row();
                }
            }
        });
    }
}
