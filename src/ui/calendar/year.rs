//! The year view: twelve small months. A day with entries is coloured like its first
//! entry; clicking it lists the day. Under each month its entries, each opening its visit
//! or event.

use super::*;

impl CalendarPanel {
    pub(super) fn year_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        conflicts: &HashSet<RecordId>,
        out: &mut Vec<Action>,
    ) {
        let year = self.cursor.year();
        let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31))
        else {
            return;
        };
        let items = self.cached_entries(view, from, to, conflicts);
        // Four months a row when they fit at 200 points each, else three (1024×700).
        let columns: u32 = if ui.available_width() >= 4.0 * 200.0 + 3.0 * 8.0 { 4 } else { 3 };
        let gaps = (columns - 1) as f32 * 8.0;
        let width = ((ui.available_width() - gaps) / columns as f32).max(150.0);
        let cell = ((width - 6.0 * 2.0) / 7.0).floor().clamp(18.0, 34.0);
        egui::Grid::new("year-grid").num_columns(columns as usize).spacing([8.0, 8.0]).show(ui, |ui| {
            for m in 1..=12u32 {
                let Some(first) = NaiveDate::from_ymd_opt(year, m, 1) else { continue };
                ui.vertical(|ui| {
                    ui.set_width(width);
                    let r = ui.add(egui::Button::selectable(false, fonts::bold(i18n::month_name(view.lang, m))));
                    if r.clicked() {
                        self.cursor = first;
                        self.view = CalView::Month;
                    }
                    self.mini_month(ui, view, first, &items, cell);
                    let in_month: Vec<&Entry<'_>> =
                        items.iter().filter(|e| e.days().0.month() == m && e.days().0.year() == year).collect();
                    for (i, e) in in_month.iter().take(6).enumerate() {
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
                                text = text.color(theme::error());
                            }
                            let tip = entry_tooltip(view.model, e, view.lang, view.t);
                            let r = ui.push_id((m, i), |ui| {
                                ui.add(egui::Label::new(text).truncate().sense(Sense::click()))
                                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                                    .on_hover_text(tip)
                            });
                            if r.inner.clicked() {
                                self.open_entry(e, out);
                            }
                        });
                    }
                    if in_month.len() > 6 {
                        let more = format!("+{} {}", in_month.len() - 6, view.t.more);
                        if ui.link(RichText::new(more).size(11.0)).clicked() {
                            self.cursor = first;
                            self.view = CalView::Agenda;
                        }
                    }
                });
                if m % columns == 0 {
                    ui.end_row();
                }
            }
        });
    }

    /// A month's days, Monday first; a day with entries is filled with its first entry's colour.
    fn mini_month(&mut self, ui: &mut egui::Ui, view: &View<'_>, first: NaiveDate, items: &[Entry<'_>], cell: f32) {
        let start = week_start(first);
        // Each day's entries from one pass over the year's: filtering the whole year again
        // for each of 365 days cost the year view most of its frame on a ten-year folder.
        let last = crate::model::date::add_months(first, 1).pred_opt().unwrap_or(first);
        let mut per_day: Vec<Vec<&Entry<'_>>> = vec![Vec::new(); 31];
        for e in items {
            let (a, b) = e.days();
            if b < first || a > last {
                continue;
            }
            for d in a.max(first).day0()..=b.min(last).day0() {
                if let Some(list) = per_day.get_mut(d as usize) {
                    list.push(e);
                }
            }
        }
        egui::Grid::new(("mini", first)).spacing([2.0, 2.0]).min_col_width(cell).show(ui, |ui| {
            for name in i18n::weekdays(view.lang) {
                ui.add_sized([cell, 14.0], egui::Label::new(RichText::new(name).size(10.0).weak()));
            }
            ui.end_row();
            for i in 0..42 {
                let day = start + Duration::days(i);
                if day.month() != first.month() {
                    ui.add_sized([cell, 16.0], egui::Label::new(""));
                } else {
                    let on: &[&Entry<'_>] = per_day.get(day.day0() as usize).map_or(&[], Vec::as_slice);
                    let mut text = RichText::new(day.day().to_string()).size(11.0);
                    let mut button = egui::Button::new(text.clone()).frame(false);
                    if let Some(e) = on.first() {
                        text = text.color(theme::CHIP_TEXT);
                        button = egui::Button::new(text).fill(entry_colour(e));
                    }
                    let r = ui.add_sized([cell, 16.0], button);
                    // Named by its date, as the month view's cells are.
                    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, fmt_date(day)));
                    // The tooltip's text is made only while the pointer is on the day.
                    let r = if on.is_empty() {
                        r
                    } else {
                        r.on_hover_ui(|ui| {
                            let titles: Vec<String> =
                                on.iter().take(5).map(|e| entry_title(view.model, e, view.lang, view.t)).collect();
                            ui.label(format!("{}\n{}", fmt_date(day), titles.join("\n")));
                        })
                    };
                    if r.clicked() {
                        self.cursor = day;
                        self.selected_day = Some(day);
                        if !on.is_empty() {
                            self.day_list = Some(day);
                        }
                    }
                }
                if i % 7 == 6 {
                    ui.end_row();
                }
            }
        });
    }
}
