//! The week view: seven columns, Monday first.

use super::*;

impl CalendarPanel {
    pub(super) fn week_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        conflicts: &HashSet<RecordId>,
        out: &mut Vec<Action>,
    ) {
        let start = week_start(self.cursor);
        let items = self.cached_entries(view, start, start + Duration::days(6), conflicts);
        let width = ((ui.available_width() - 6.0 * 6.0) / 7.0).max(90.0);
        ui.horizontal_top(|ui| {
            for i in 0..7 {
                let day = start + Duration::days(i);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    let head = format!("{} {}", i18n::weekdays(view.lang)[i as usize], fmt_date(day));
                    let r = ui.add(egui::Button::selectable(Some(day) == self.selected_day, fonts::bold(head)));
                    if r.clicked() {
                        self.selected_day = Some(day);
                    }
                    if r.double_clicked() && !view.read_only {
                        self.draft = Some(EventDraft::new_on(day, view.model));
                    }
                    for e in items.iter().filter(|e| e.days().0 <= day && day <= e.days().1) {
                        if let Some(time) = entry_time(view, e, day) {
                            ui.weak(time);
                        }
                        let text = entry_title(view.model, e, view.lang, view.t);
                        ui.push_id((day, entry_key(e)), |ui| self.entry_button(ui, view, e, text, width, out));
                    }
                });
            }
        });
    }
}
