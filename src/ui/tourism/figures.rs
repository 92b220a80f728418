//! «Показатели»: the official figures of a year, edited as typed text and checked as you type.

use super::*;
use crate::ui::form::{Draft, FieldErrors, Form};

/// A figures form: text as typed, parsed on every frame so errors show beside the fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FiguresDraft {
    /// The year being edited; `None` for a new year.
    pub original: Option<i32>,
    /// The year.
    pub year: String,
    /// Foreign tourists.
    pub tourists: String,
    /// Their source.
    pub tourists_source: String,
    /// Official total received.
    pub received: String,
    /// Official total sent.
    pub sent: String,
    /// Their source.
    pub delegations_source: String,
    /// The target for the year's public calendar.
    pub public_target: String,
    /// Notes.
    pub notes: String,
    /// Country and count, as typed.
    pub countries: Vec<(String, String)>,
    /// Count per month, January first.
    pub months: [String; 12],
}

impl FiguresDraft {
    pub(super) fn from_figures(f: &YearFigures) -> Self {
        let n = |v: Option<u64>| v.map_or_else(String::new, |v| v.to_string());
        let mut months: [String; 12] = Default::default();
        for m in &f.by_month {
            if let Some(slot) = months.get_mut((m.month as usize).wrapping_sub(1)) {
                *slot = m.count.to_string();
            }
        }
        Self {
            original: Some(f.year),
            year: f.year.to_string(),
            tourists: n(f.foreign_tourists),
            tourists_source: f.tourists_source.clone(),
            received: n(f.delegations_received.map(u64::from)),
            sent: n(f.delegations_sent.map(u64::from)),
            delegations_source: f.delegations_source.clone(),
            public_target: n(f.public_events_target.map(u64::from)),
            notes: f.notes.clone(),
            countries: f.by_country.iter().map(|c| (c.country.clone(), c.count.to_string())).collect(),
            months,
        }
    }

    pub(super) fn new_year(model: &Model, today: chrono::NaiveDate) -> Self {
        let year = model.figures.iter().map(|f| f.year + 1).max().unwrap_or(today.year());
        Self { year: year.to_string(), ..Default::default() }
    }
}

impl Draft for FiguresDraft {
    type Record = YearFigures;
    /// The model (the other years) and the language of the messages, which come from the
    /// model's own checks.
    type Context<'a> = (&'a Model, Lang);

    /// The figures the draft describes, or the errors beside each field (several for one
    /// field read «first; second»). Months and countries are checked against the total; a
    /// year already entered is refused.
    fn validate(&self, (model, lang): (&Model, Lang)) -> Result<YearFigures, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut count = |key: String, text: &str| -> Option<u64> {
            match parse_count(text) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(key, e.message(lang));
                    None
                }
            }
        };
        let tourists = count("tourists".into(), &self.tourists);
        let received = count("received".into(), &self.received);
        let sent = count("sent".into(), &self.sent);
        let public_target = count("public_target".into(), &self.public_target);
        let by_country: Vec<CountryCount> = self
            .countries
            .iter()
            .enumerate()
            .map(|(i, (c, n))| CountryCount {
                country: c.trim().to_owned(),
                count: count(format!("countries[{i}]"), n).unwrap_or_default(),
            })
            .collect();
        let by_month: Vec<MonthCount> = self
            .months
            .iter()
            .enumerate()
            .filter_map(|(i, text)| {
                let month = u32::try_from(i + 1).unwrap_or(1);
                count(format!("months[{i}]"), text).map(|count| MonthCount { month, count })
            })
            .collect();
        let year = match self.year.trim().parse::<i32>() {
            Ok(y) => y,
            Err(_) => {
                errors.push("year", CountError::NotANumber.message(lang));
                0
            }
        };
        let too_big = |v: Option<u64>, key: &'static str, errors: &mut FieldErrors| {
            v.map(|v| {
                u32::try_from(v).unwrap_or_else(|_| {
                    errors.push(key, CountError::TooLarge.message(lang));
                    0
                })
            })
        };
        let delegations_received = too_big(received, "received", &mut errors);
        let delegations_sent = too_big(sent, "sent", &mut errors);
        let public_events_target = too_big(public_target, "public_target", &mut errors);
        let figures = YearFigures {
            year,
            foreign_tourists: tourists,
            tourists_source: self.tourists_source.trim().to_owned(),
            by_country,
            by_month,
            delegations_received,
            delegations_sent,
            delegations_source: self.delegations_source.trim().to_owned(),
            public_events_target,
            notes: self.notes.trim().to_owned(),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let others: Vec<YearFigures> =
            model.figures.iter().filter(|f| Some(f.year) != self.original).cloned().collect();
        for p in problems_with_others(&figures, &others) {
            use crate::model::FigureProblem as P;
            let key = match p {
                P::YearTwice(_) | P::YearOutOfRange(_) => "year",
                P::CountriesExceedTotal { .. } | P::CountryWithoutName | P::CountryTwice(_) => "countries",
                P::MonthsExceedTotal { .. } | P::MonthOutOfRange(_) | P::MonthTwice(_) => "months",
                P::BreakdownWithoutTotal => "tourists",
            };
            errors.push(key, p.message(lang));
        }
        errors.or_ok(figures)
    }
}

impl TourismPanel {
    pub(super) fn figures_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        ui.label(egui::RichText::new(t.official_totals_hint).weak());
        let tourists = stats::tourists_by_year(view.model);
        if self.selected.is_none() && self.draft.is_none() {
            self.selected = view.model.latest_counted_year().or_else(|| view.model.figures.last().map(|f| f.year));
        }
        egui::Panel::left("figures-years").default_size(240.0).resizable(true).show(ui, |ui| {
            if ui.add_enabled(!view.read_only, egui::Button::new(format!("+ {}", t.add_year))).clicked() {
                self.draft = Some(FiguresDraft::new_year(view.model, view.today));
                self.selected = None;
            }
            if view.model.figures.is_empty() {
                ui.label(t.no_figures);
            }
            egui::ScrollArea::vertical().id_salt("figures-years").show(ui, |ui| {
                for f in &view.model.figures {
                    let row = tourists.iter().find(|r| r.year == f.year);
                    let text = match row {
                        Some(r) => match r.change {
                            Some(c) => format!(
                                "{} · {} ({})",
                                f.year,
                                format::count(r.tourists, view.lang),
                                format::change(c, view.lang)
                            ),
                            None => format!("{} · {}", f.year, format::count(r.tourists, view.lang)),
                        },
                        None => f.year.to_string(),
                    };
                    if ui.selectable_label(self.selected == Some(f.year), text).clicked() {
                        self.selected = Some(f.year);
                        self.draft = None;
                    }
                }
            });
        });
        egui::ScrollArea::vertical().id_salt("figures-form").auto_shrink([false, false]).show(ui, |ui| {
            if self.draft.is_none()
                && let Some(f) = self.selected.and_then(|y| view.model.figures_for(y))
            {
                self.draft = Some(FiguresDraft::from_figures(f));
                self.draft_base = Some(f.clone());
            }
            self.figures_form(ui, view, out);
        });
        if let Some(year) = self.confirm_delete {
            match confirm_delete_dialog(ui.ctx(), "figures-delete", t, &format!("{} {year}", t.figures_for)) {
                DialogAnswer::Open => {}
                DialogAnswer::Closed => self.confirm_delete = None,
                DialogAnswer::Confirmed => {
                    out.push(Action::Apply(Command::Remove(RecordId::Figures(year))));
                    self.confirm_delete = None;
                    self.selected = None;
                    self.draft = None;
                }
            }
        }
    }

    pub(super) fn figures_form(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let Some(draft) = self.draft.as_mut() else { return };
        // An undo or redo changed the stored record under a form the user has not touched:
        // show the record as it now is. A form with edits is left alone.
        if let Some(y) = draft.original
            && let Some(stored) = view.model.figures_for(y)
            && let Some(base) = &self.draft_base
            && base != stored
            && *draft == FiguresDraft::from_figures(base)
        {
            *draft = FiguresDraft::from_figures(stored);
            self.draft_base = Some(stored.clone());
        }
        let result = draft.validate((view.model, view.lang));
        let form = Form::of("figures-form", &result);
        let heading = match draft.original {
            Some(y) => format!("{} {y}", t.figures_for),
            None => t.new_year_figures.to_owned(),
        };
        ui.heading(heading);
        let mut close = false;
        ui.horizontal(|ui| {
            let valid = result.is_ok() && !view.read_only;
            if ui.add_enabled(valid, egui::Button::new(t.apply)).clicked()
                && let Ok(f) = &result
            {
                self.selected = Some(f.year);
                out.push(Action::Apply(Command::put(Record::Figures(f.clone()))));
                close = true;
            }
            if ui.button(t.cancel).clicked() {
                close = true;
            }
            if let Some(y) = draft.original
                && ui.add_enabled(!view.read_only, egui::Button::new(t.delete_year)).clicked()
            {
                self.confirm_delete = Some(y);
            }
        });
        egui::Grid::new("figures-grid").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
            if draft.original.is_none() {
                form.text(ui, "year", t.year, &mut draft.year);
            }
            form.text(ui, "tourists", t.f_tourists, &mut draft.tourists);
            form.text(ui, "tourists_source", t.f_tourists_source, &mut draft.tourists_source);
            form.text(ui, "received", t.f_received, &mut draft.received);
            form.text(ui, "sent", t.f_sent, &mut draft.sent);
            form.text(ui, "delegations_source", t.f_delegations_source, &mut draft.delegations_source);
            form.text(ui, "public_target", t.f_public_events_target, &mut draft.public_target);
        });
        // Long notes outside the grid: a wrapped multi-line field in a grid cell narrows
        // its whole column on the sizing pass.
        ui.horizontal_top(|ui| {
            let l = ui.label(t.f_notes);
            let notes = egui::TextEdit::multiline(&mut draft.notes).id(form.id("notes"));
            let width = (ui.available_width() - 8.0).clamp(200.0, 520.0);
            ui.add(notes.desired_width(width).desired_rows(3)).labelled_by(l.id);
        });
        ui.add_space(8.0);
        ui.label(fonts::bold(t.by_country));
        if let Some(e) = form.error("countries") {
            ui.colored_label(theme::error(), e);
        }
        let mut remove = None;
        egui::Grid::new("figures-countries").num_columns(5).spacing([8.0, 4.0]).show(ui, |ui| {
            for (i, (country, n)) in draft.countries.iter_mut().enumerate() {
                ui.push_id(("country", i), |ui| {
                    let l = ui.label(format!("{} {}", t.f_country, i + 1));
                    form.input(ui, &format!("countries[{i}].country"), country, 160.0).labelled_by(l.id);
                });
                ui.push_id(("count", i), |ui| {
                    let l = ui.label(format!("{} {}", t.f_count, i + 1));
                    form.input(ui, &format!("countries[{i}].count"), n, 90.0).labelled_by(l.id);
                });
                if ui.push_id(("remove", i), |ui| ui.button(t.remove)).inner.clicked() {
                    remove = Some(i);
                }
                form.error_cell(ui, &format!("countries[{i}]"));
                ui.end_row();
            }
        });
        if let Some(i) = remove {
            draft.countries.remove(i);
        }
        if ui.button(format!("+ {}", t.add_country)).clicked() {
            draft.countries.push(Default::default());
        }
        ui.add_space(8.0);
        ui.label(fonts::bold(t.by_month));
        if let Some(e) = form.error("months") {
            ui.colored_label(theme::error(), e);
        }
        egui::Grid::new("figures-months").num_columns(9).spacing([8.0, 4.0]).show(ui, |ui| {
            for (i, text) in draft.months.iter_mut().enumerate() {
                let month = u32::try_from(i + 1).unwrap_or(1);
                let l = ui.push_id(("month-label", i), |ui| ui.label(report::month(month, view.lang))).inner;
                ui.push_id(("month", i), |ui| {
                    form.input(ui, &format!("months[{i}]"), text, 80.0).labelled_by(l.id);
                });
                form.error_cell(ui, &format!("months[{i}]"));
                if i % 3 == 2 {
                    ui.end_row();
                }
            }
        });
        if let Ok(f) = &result
            && (!f.by_country.is_empty() || !f.by_month.is_empty())
        {
            let total = f.foreign_tourists.map_or_else(|| "—".to_owned(), |v| format::count(v, view.lang));
            ui.label(format!(
                "{}: {} {} / {total} · {} {} / {total}",
                t.breakdown_total,
                t.by_country.to_lowercase(),
                format::count(f.country_sum(), view.lang),
                t.by_month.to_lowercase(),
                format::count(f.month_sum(), view.lang),
            ));
        }
        if close {
            self.draft = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n;
    use eframe::egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    struct State {
        model: Model,
        panel: TourismPanel,
        fonts: bool,
    }

    fn figures_form(ui: &mut egui::Ui, s: &mut State) {
        // The app's fonts (the bold family) take effect from the next frame.
        if !s.fonts {
            fonts::install(ui.ctx());
            s.fonts = true;
            return;
        }
        let view = View {
            model: &s.model,
            t: &i18n::RU,
            lang: Lang::Ru,
            read_only: false,
            today: chrono::NaiveDate::from_ymd_opt(2017, 3, 1).expect("date"),
            now: chrono::DateTime::from_timestamp(1_488_326_400, 0).expect("instant"),
            home_zone: chrono_tz::Asia::Vladivostok,
            findings: &[],
            version: 1,
            findings_version: 1,
            retention_years: 5,
            open_elsewhere: &[],
        };
        s.panel.figures_form(ui, &view, &mut Vec::new());
    }

    /// «Показатели» drops no digit typed into a month while the line «по месяцам больше
    /// общего числа» above the months comes and goes: the month field keeps its id.
    #[test]
    fn typing_a_month_keeps_every_digit_while_the_total_error_comes_and_goes() {
        let figures = YearFigures { year: 2016, foreign_tourists: Some(1000), ..YearFigures::default() };
        let panel = TourismPanel { draft: Some(FiguresDraft::from_figures(&figures)), ..TourismPanel::default() };
        let state = State { model: Model { figures: vec![figures], ..Model::default() }, panel, fonts: false };
        let mut h = Harness::builder().with_size([1280.0, 1000.0]).build_ui_state(figures_form, state);
        h.run();
        let january = report::month(1, Lang::Ru);
        h.get_by_role_and_label(Role::TextInput, &january).click();
        h.run();
        let months_refused = |h: &Harness<'_, State>| {
            let s = h.state();
            let draft = s.panel.draft.as_ref().expect("draft");
            draft.validate((&s.model, Lang::Ru)).err().is_some_and(|e| e.contains("months"))
        };
        let mut shown = Vec::new();
        // One key per frame; 10000 is over the total of 1000, 1000 is not.
        for key in ["1", "0", "0", "0", "0", "\u{8}", "0", "\u{8}", "5"] {
            if key == "\u{8}" {
                h.key_press(egui::Key::Backspace);
            } else {
                h.event(egui::Event::Text(key.to_owned()));
            }
            h.step();
            shown.push(months_refused(&h));
        }
        h.run();
        assert_eq!(shown, [false, false, false, false, true, false, true, false, true], "the error came and went");
        let draft = h.state().panel.draft.as_ref().expect("draft");
        assert_eq!(draft.months[0], "10005", "every digit kept");
    }
}
