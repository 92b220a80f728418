//! The month view: six weeks of day cells with as many entries as fit, then «+N ещё».

use super::*;

impl CalendarPanel {
    pub(super) fn month_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        conflicts: &HashSet<RecordId>,
        out: &mut Vec<Action>,
    ) {
        let first = month_start(self.cursor);
        let grid_start = week_start(first);
        let grid_end = grid_start + Duration::days(41);
        let items = self.cached_entries(view, grid_start, grid_end, conflicts);
        let width = ((ui.available_width() - 6.0 * 4.0) / 7.0).max(90.0);
        // Six weeks fit the window from 1024×700 up: a cell shrinks to its day number and one
        // entry, and what does not fit is counted in «+N ещё».
        let height = ((ui.available_height() - 24.0 - 5.0 * 4.0) / 6.0).clamp(42.0, 150.0);
        egui::Grid::new("month-grid").num_columns(7).spacing([4.0, 4.0]).show(ui, |ui| {
            for name in i18n::weekdays(view.lang) {
                ui.add_sized([width, 16.0], egui::Label::new(fonts::bold(name)));
            }
            ui.end_row();
            for week in 0..6 {
                for wd in 0..7 {
                    let day = grid_start + Duration::days(week * 7 + wd);
                    self.day_cell(ui, view, day, &items, [width, height], out);
                }
                ui.end_row();
            }
        });
    }

    pub(super) fn day_cell(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        day: NaiveDate,
        items: &[Entry<'_>],
        size: [f32; 2],
        out: &mut Vec<Action>,
    ) {
        let in_month = day.month() == self.cursor.month() && day.year() == self.cursor.year();
        let (rect, response) = ui.allocate_exact_size(egui::vec2(size[0], size[1]), Sense::click());
        let label = fmt_date(day);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
        let visuals = ui.visuals();
        let fill = if Some(day) == self.selected_day {
            visuals.selection.bg_fill.gamma_multiply(0.5)
        } else if in_month {
            visuals.faint_bg_color
        } else {
            visuals.extreme_bg_color
        };
        ui.painter().rect_filled(rect, 3.0, fill);
        if day == view.today {
            ui.painter().rect_stroke(rect, 3.0, egui::Stroke::new(1.5, theme::info()), egui::StrokeKind::Inside);
        }
        if response.clicked() {
            self.selected_day = Some(day);
        }
        if response.double_clicked() && !view.read_only {
            self.draft = Some(EventDraft::new_on(day, view.model));
        }
        let mut child = ui.new_child(
            egui::UiBuilder::new().max_rect(rect.shrink(3.0)).layout(egui::Layout::top_down(egui::Align::Min)),
        );
        let colour = if in_month { child.visuals().strong_text_color() } else { child.visuals().weak_text_color() };
        let todays: Vec<&Entry<'_>> = items.iter().filter(|e| e.days().0 <= day && day <= e.days().1).collect();
        // The day number, and «+N ещё» beside it when the cell cannot hold every entry.
        let row = child.spacing().interact_size.y + child.spacing().item_spacing.y;
        let room = (child.max_rect().bottom() - child.cursor().top() - 16.0).max(0.0);
        let fits = (room / row).floor() as usize;
        let shown = todays.len().min(fits);
        child.horizontal(|ui| {
            ui.label(RichText::new(day.day().to_string()).color(colour).size(12.0));
            if todays.len() > shown {
                let more = format!("+{} {}", todays.len() - shown, view.t.more);
                let r = ui.add(egui::Link::new(RichText::new(more).size(11.0)));
                if r.on_hover_text(view.t.day_list).clicked() {
                    self.day_list = Some(day);
                }
            }
        });
        child.set_clip_rect(rect.intersect(ui.clip_rect()));
        for e in todays.iter().take(shown) {
            let starts = e.days().0 == day || day.weekday().num_days_from_monday() == 0;
            let title = entry_title(view.model, e, view.lang, view.t);
            // A stay continuing from the day before shows as a bar with a continuation mark.
            let text = if starts { title } else { format!("… {title}") };
            child.push_id((day, entry_key(e)), |ui| self.entry_button(ui, view, e, text, size[0] - 6.0, out));
        }
    }
}
