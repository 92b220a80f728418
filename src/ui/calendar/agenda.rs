//! The list view: one line per entry, only the visible rows laid out.

use super::*;

impl CalendarPanel {
    pub(super) fn agenda_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        conflicts: &HashSet<RecordId>,
        out: &mut Vec<Action>,
    ) {
        let from = month_start(self.cursor);
        let to = add_months_signed(from, 1) - Duration::days(1);
        let items = self.cached_entries(view, from, to, conflicts);
        let mut any = false;
        let mut day = from;
        while day <= to {
            let todays: Vec<&Entry<'_>> = items.iter().filter(|e| e.days().0 <= day && day <= e.days().1).collect();
            if !todays.is_empty() {
                any = true;
                let weekday = i18n::weekdays(view.lang)[day.weekday().num_days_from_monday() as usize];
                ui.label(fonts::bold(format!("{weekday} {}", fmt_date(day))));
                for e in todays {
                    // A month of a large folder is hundreds of rows: those outside the
                    // scroll area's view only take their height.
                    let row =
                        egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), self.row_height));
                    if self.row_height > 0.0 && !ui.is_rect_visible(row) {
                        ui.add_space(self.row_height + ui.spacing().item_spacing.y);
                        continue;
                    }
                    let shown = ui.horizontal(|ui| {
                        ui.add_space(16.0);
                        ui.colored_label(entry_colour(e), "●");
                        if let Some(time) = entry_time(view, e, day) {
                            ui.weak(time);
                        }
                        let text = entry_title(view.model, e, view.lang, view.t);
                        let tip = entry_tooltip(view.model, e, view.lang, view.t);
                        let r = ui.push_id((day, entry_key(e)), |ui| ui.link(text)).inner.on_hover_text(tip);
                        if r.clicked() {
                            self.open_entry(e, out);
                        }
                        if e.conflict() {
                            ui.colored_label(theme::error(), format!("({})", view.t.conflict));
                        }
                    });
                    self.row_height = shown.response.rect.height();
                }
            }
            day += Duration::days(1);
        }
        if !any {
            ui.weak(view.t.no_history);
        }
    }
}
