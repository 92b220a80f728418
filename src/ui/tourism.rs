//! «Туризм и отчёты»: charts of tourists and delegations (egui_plot), the yearly figures
//! editor, and the annual report's preview and export.
//!
//! Charts draw [`ChartData`] from `report::charts`, so the plot, its table, its CSV and
//! the tests all read the same numbers. A chart is exported as PNG by asking the viewport
//! for a screenshot and cropping it to the plot's rectangle.

use super::app::View;
use super::dialogs::FileDialogs;
use super::i18n::Texts;
use super::widgets::{DialogAnswer, confirm_delete_dialog, text_field};
use super::{fonts, theme};
use crate::command::{Command, Record};
use crate::model::figures::problems_with_others;
use crate::model::format::{self, CountError, parse_count};
use crate::model::{CountryCount, Lang, Model, MonthCount, RecordId, YearFigures, stats};
use crate::report::charts::{Chart, ChartData, Style, chart_data};
use crate::report::{self, Block, Report};
use crate::store;
use chrono::Datelike;
use eframe::egui::{self, Color32, ColorImage, Rect};
use egui_plot::{Bar, BarChart, Corner, GridMark, Legend, Line, Plot, PlotPoint, Points, Text};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

/// The panel's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Charts.
    #[default]
    Charts,
    /// The yearly figures editor.
    Figures,
    /// The annual report preview.
    Report,
}

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
    /// Notes.
    pub notes: String,
    /// Country and count, as typed.
    pub countries: Vec<(String, String)>,
    /// Count per month, January first.
    pub months: [String; 12],
}

/// Field errors of a figures draft, keyed by field.
pub type Errors = Vec<(String, String)>;

impl FiguresDraft {
    fn from_figures(f: &YearFigures) -> Self {
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
            notes: f.notes.clone(),
            countries: f.by_country.iter().map(|c| (c.country.clone(), c.count.to_string())).collect(),
            months,
        }
    }

    fn new_year(model: &Model, today: chrono::NaiveDate) -> Self {
        let year = model.figures.iter().map(|f| f.year + 1).max().unwrap_or(today.year());
        Self { year: year.to_string(), ..Default::default() }
    }

    /// The figures the draft describes, or the errors beside each field. Months and
    /// countries are checked against the total; a year already entered is refused.
    pub fn validate(&self, model: &Model, lang: Lang) -> Result<YearFigures, Errors> {
        let mut errors: Errors = Vec::new();
        let mut count = |key: &str, text: &str| -> Option<u64> {
            match parse_count(text) {
                Ok(v) => v,
                Err(e) => {
                    errors.push((key.to_owned(), e.message(lang).to_owned()));
                    None
                }
            }
        };
        let tourists = count("tourists", &self.tourists);
        let received = count("received", &self.received);
        let sent = count("sent", &self.sent);
        let by_country: Vec<CountryCount> = self
            .countries
            .iter()
            .enumerate()
            .map(|(i, (c, n))| CountryCount {
                country: c.trim().to_owned(),
                count: count(&format!("countries[{i}]"), n).unwrap_or_default(),
            })
            .collect();
        let by_month: Vec<MonthCount> = self
            .months
            .iter()
            .enumerate()
            .filter_map(|(i, text)| {
                let month = u32::try_from(i + 1).unwrap_or(1);
                count(&format!("months[{i}]"), text).map(|count| MonthCount { month, count })
            })
            .collect();
        let year = match self.year.trim().parse::<i32>() {
            Ok(y) => y,
            Err(_) => {
                errors.push(("year".into(), CountError::NotANumber.message(lang).to_owned()));
                0
            }
        };
        let too_big = |v: Option<u64>, key: &str, errors: &mut Errors| {
            v.map(|v| {
                u32::try_from(v).unwrap_or_else(|_| {
                    errors.push((key.to_owned(), CountError::TooLarge.message(lang).to_owned()));
                    0
                })
            })
        };
        let delegations_received = too_big(received, "received", &mut errors);
        let delegations_sent = too_big(sent, "sent", &mut errors);
        let figures = YearFigures {
            year,
            foreign_tourists: tourists,
            tourists_source: self.tourists_source.trim().to_owned(),
            by_country,
            by_month,
            delegations_received,
            delegations_sent,
            delegations_source: self.delegations_source.trim().to_owned(),
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
            errors.push((key.to_owned(), p.message(lang)));
        }
        if errors.is_empty() { Ok(figures) } else { Err(errors) }
    }
}

/// A chart's data with the model version, chart, year and language it was made for.
type ChartCache = ((u64, Chart, i32, Lang), ChartData);

struct PngJob {
    path: PathBuf,
    rect: Rect,
    pixels_per_point: f32,
    image: Receiver<Arc<ColorImage>>,
}

/// The «Туризм и отчёты» panel.
pub struct TourismPanel {
    tab: Tab,
    chart: Chart,
    year: Option<i32>,
    selected: Option<i32>,
    draft: Option<FiguresDraft>,
    draft_base: Option<YearFigures>,
    confirm_delete: Option<i32>,
    message: Option<String>,
    plot_rect: Option<Rect>,
    png: Option<PngJob>,
    cache: Option<(u64, i32, Lang, Report)>,
    chart_cache: Option<ChartCache>,
}

impl Default for TourismPanel {
    fn default() -> Self {
        Self {
            tab: Tab::Charts,
            chart: Chart::TouristsByYear,
            year: None,
            selected: None,
            draft: None,
            draft_base: None,
            confirm_delete: None,
            message: None,
            plot_rect: None,
            png: None,
            cache: None,
            chart_cache: None,
        }
    }
}

/// Colours of the series: recorded data strong, official totals pale.
const SERIES: [Color32; 4] = [
    Color32::from_rgb(0x2b, 0x6c, 0xb0),
    Color32::from_rgb(0xc0, 0x56, 0x21),
    Color32::from_rgb(0x2f, 0x8f, 0x5b),
    Color32::from_rgb(0x8a, 0x4f, 0xa8),
];

impl TourismPanel {
    /// Shows `chart` for `year` (benches and scripted use).
    pub fn show_chart(&mut self, chart: Chart, year: i32) {
        self.tab = Tab::Charts;
        self.chart = chart;
        self.year = Some(year);
    }

    /// Opens the figures of a year in the editor (used by findings).
    pub fn select_figures(&mut self, year: i32) {
        self.tab = Tab::Figures;
        self.selected = Some(year);
        self.draft = None;
    }

    /// The year the per-year charts and the report show: chosen, else the latest year
    /// with figures, else the latest with records.
    fn year(&self, model: &Model, today: chrono::NaiveDate) -> i32 {
        self.year
            .or_else(|| model.figures.iter().map(|f| f.year).max())
            .or_else(|| report::years(model).first().copied())
            .unwrap_or(today.year())
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, dialogs: &dyn FileDialogs, out: &mut Vec<Command>) {
        let t = view.t;
        self.poll_png(t);
        ui.horizontal(|ui| {
            ui.heading(t.nav_tourism);
            ui.add_space(16.0);
            for (tab, label) in
                [(Tab::Charts, t.tab_charts), (Tab::Figures, t.tab_figures), (Tab::Report, t.tab_report)]
            {
                if ui.selectable_label(self.tab == tab, label).clicked() {
                    self.tab = tab;
                }
            }
        });
        if let Some(m) = self.message.clone() {
            ui.horizontal(|ui| {
                ui.label(m);
                if ui.small_button("×").on_hover_text(t.close).clicked() {
                    self.message = None;
                }
            });
        }
        ui.separator();
        match self.tab {
            Tab::Charts => self.charts_ui(ui, view, dialogs),
            Tab::Figures => self.figures_ui(ui, view, out),
            Tab::Report => self.report_ui(ui, view, dialogs),
        }
    }

    fn year_picker(&mut self, ui: &mut egui::Ui, view: &View<'_>, salt: &str) -> i32 {
        let year = self.year(view.model, view.today);
        let mut years = report::years(view.model);
        if !years.contains(&year) {
            years.push(year);
            years.sort_unstable_by(|a, b| b.cmp(a));
        }
        let label = ui.label(format!("{}:", view.t.year));
        let mut chosen = year;
        egui::ComboBox::from_id_salt(salt)
            .selected_text(year.to_string())
            .show_ui(ui, |ui| {
                for y in years {
                    ui.selectable_value(&mut chosen, y, y.to_string());
                }
            })
            .response
            .labelled_by(label.id);
        if chosen != year {
            self.year = Some(chosen);
        }
        chosen
    }

    fn charts_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, dialogs: &dyn FileDialogs) {
        let t = view.t;
        let lang = view.lang;
        let mut year = self.year(view.model, view.today);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(format!("{}:", t.chart));
            egui::ComboBox::from_id_salt("tourism-chart")
                .selected_text(self.chart.title(lang))
                .width(280.0)
                .show_ui(ui, |ui| {
                    for c in Chart::ALL {
                        ui.selectable_value(&mut self.chart, c, c.title(lang));
                    }
                })
                .response
                .labelled_by(label.id);
            if self.chart.per_year() {
                year = self.year_picker(ui, view, "tourism-chart-year");
            }
        });
        // The aggregates run over every delegation: only a change of the model, the chart,
        // the year or the language recomputes them.
        let key = (view.version, self.chart, year, lang);
        let data = match self.chart_cache.take() {
            Some((k, data)) if k == key => data,
            _ => chart_data(view.model, self.chart, year, lang),
        };
        ui.horizontal(|ui| {
            let can_png = self.plot_rect.is_some() && self.png.is_none() && !data.is_empty();
            if ui.add_enabled(can_png, egui::Button::new(t.save_png)).clicked()
                && let Some(rect) = self.plot_rect
                && let Some(path) = dialogs.save(t.save_png, &format!("{}.png", self.chart.file_stem(year)), "png")
            {
                let (tx, rx) = mpsc::channel();
                let ctx = ui.ctx().clone();
                ui.ctx().request_screenshot(move |image| {
                    // The panel may be gone by then; nothing to deliver to.
                    let _ = tx.send(image);
                    ctx.request_repaint();
                });
                self.png = Some(PngJob { path, rect, pixels_per_point: ui.ctx().pixels_per_point(), image: rx });
                self.message = Some(t.capturing.to_owned());
            }
            if ui.add_enabled(!data.categories.is_empty(), egui::Button::new(t.save_csv)).clicked()
                && let Some(path) = dialogs.save(t.save_csv, &format!("{}.csv", self.chart.file_stem(year)), "csv")
            {
                self.message = Some(match store::write_export(&path, &data.csv()) {
                    Ok(()) => format!("{}: {}", t.exported_to, path.display()),
                    Err(e) => e.to_string(),
                });
            }
        });
        ui.label(fonts::bold(&data.title));
        if let Some(note) = &data.note {
            ui.colored_label(theme::INFO, note);
        }
        let table_height = (data.categories.len() as f32 + 1.5) * 20.0;
        let height = (ui.available_height() - table_height.min(220.0) - 8.0).max(220.0);
        if data.is_empty() {
            self.plot_rect = None;
        } else {
            self.plot_rect = Some(draw_chart(ui, &data, lang, height));
        }
        egui::ScrollArea::vertical().id_salt("chart-table").show(ui, |ui| chart_table(ui, &data, lang));
        self.chart_cache = Some((key, data));
    }

    fn poll_png(&mut self, t: &Texts) {
        let Some(job) = &self.png else { return };
        let image = match job.image.try_recv() {
            Ok(image) => image,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.png = None;
                self.message = Some("the screenshot was not delivered".to_owned());
                return;
            }
        };
        let outcome = png_of_region(&image, job.rect, job.pixels_per_point)
            .and_then(|png| store::write_export(&job.path, &png).map_err(|e| e.to_string()));
        self.message = Some(match outcome {
            Ok(()) => format!("{}: {}", t.exported_to, job.path.display()),
            Err(e) => e,
        });
        self.png = None;
    }

    fn figures_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Command>) {
        let t = view.t;
        ui.label(egui::RichText::new(t.official_totals_hint).weak());
        let tourists = stats::tourists_by_year(view.model);
        if self.selected.is_none() && self.draft.is_none() {
            self.selected = view.model.figures.last().map(|f| f.year);
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
                    out.push(Command::Remove(RecordId::Figures(year)));
                    self.confirm_delete = None;
                    self.selected = None;
                    self.draft = None;
                }
            }
        }
    }

    fn figures_form(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Command>) {
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
        let result = draft.validate(view.model, view.lang);
        let err = |k: &str| -> Option<String> {
            let errors = result.as_ref().err()?;
            let list: Vec<&str> = errors.iter().filter(|(key, _)| key == k).map(|(_, m)| m.as_str()).collect();
            (!list.is_empty()).then(|| list.join("; "))
        };
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
                out.push(Command::put(Record::Figures(f.clone())));
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
                text_field(ui, t.year, &mut draft.year, err("year").as_deref());
            }
            text_field(ui, t.f_tourists, &mut draft.tourists, err("tourists").as_deref());
            text_field(ui, t.f_tourists_source, &mut draft.tourists_source, None);
            text_field(ui, t.f_received, &mut draft.received, err("received").as_deref());
            text_field(ui, t.f_sent, &mut draft.sent, err("sent").as_deref());
            text_field(ui, t.f_delegations_source, &mut draft.delegations_source, None);
        });
        // Long notes outside the grid: a wrapped multi-line field in a grid cell narrows
        // its whole column on the sizing pass.
        ui.horizontal_top(|ui| {
            let l = ui.label(t.f_notes);
            ui.add(egui::TextEdit::multiline(&mut draft.notes).desired_width(520.0).desired_rows(3)).labelled_by(l.id);
        });
        ui.add_space(8.0);
        ui.label(fonts::bold(t.by_country));
        if let Some(e) = err("countries") {
            ui.colored_label(theme::ERROR, e);
        }
        let mut remove = None;
        egui::Grid::new("figures-countries").num_columns(5).spacing([8.0, 4.0]).show(ui, |ui| {
            for (i, (country, n)) in draft.countries.iter_mut().enumerate() {
                ui.push_id(("country", i), |ui| {
                    let l = ui.label(format!("{} {}", t.f_country, i + 1));
                    ui.add_sized([160.0, ui.spacing().interact_size.y], egui::TextEdit::singleline(country))
                        .labelled_by(l.id);
                });
                ui.push_id(("count", i), |ui| {
                    let l = ui.label(format!("{} {}", t.f_count, i + 1));
                    ui.add_sized([90.0, ui.spacing().interact_size.y], egui::TextEdit::singleline(n)).labelled_by(l.id);
                });
                if ui.push_id(("remove", i), |ui| ui.button(t.remove)).inner.clicked() {
                    remove = Some(i);
                }
                match err(&format!("countries[{i}]")) {
                    Some(e) => ui.colored_label(theme::ERROR, e),
                    None => ui.label(""),
                };
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
        if let Some(e) = err("months") {
            ui.colored_label(theme::ERROR, e);
        }
        egui::Grid::new("figures-months").num_columns(9).spacing([8.0, 4.0]).show(ui, |ui| {
            for (i, text) in draft.months.iter_mut().enumerate() {
                let month = u32::try_from(i + 1).unwrap_or(1);
                let l = ui.push_id(("month-label", i), |ui| ui.label(report::month(month, view.lang))).inner;
                ui.push_id(("month", i), |ui| {
                    ui.add_sized([80.0, ui.spacing().interact_size.y], egui::TextEdit::singleline(text))
                        .labelled_by(l.id);
                });
                match err(&format!("months[{i}]")) {
                    Some(e) => ui.colored_label(theme::ERROR, e),
                    None => ui.label(""),
                };
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

    fn report_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, dialogs: &dyn FileDialogs) {
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
            let name = format!("report-{year}.{}", format.extension());
            if let Some(path) = dialogs.save(label, &name, format.extension()) {
                let written =
                    format.render(report).and_then(|b| store::write_export(&path, &b).map_err(|e| e.to_string()));
                // A PDF opens in the system's viewer, where the user prints it.
                let shown = match &written {
                    Ok(()) if format == report::Format::Pdf => dialogs.show(&path),
                    _ => Ok(()),
                };
                self.message = Some(match (written, shown) {
                    (Ok(()), Ok(())) => format!("{}: {}", t.exported_to, path.display()),
                    (Ok(()), Err(e)) => format!("{}: {} ({e})", t.exported_to, path.display()),
                    (Err(e), _) => e,
                });
            }
        }
        ui.separator();
        egui::ScrollArea::both().id_salt("report-preview").auto_shrink([false, false]).show(ui, |ui| {
            report_preview(ui, report);
        });
    }
}

/// Draws the chart; returns the plot's rectangle (for the PNG export).
fn draw_chart(ui: &mut egui::Ui, data: &ChartData, lang: Lang, height: f32) -> Rect {
    let n = data.categories.len();
    let horizontal =
        matches!(data.chart, Chart::TouristsByCountry | Chart::DelegationsByPartner | Chart::DelegationsByKind);
    let max = data.series.iter().flat_map(|s| s.values.iter().flatten()).max().copied().unwrap_or(0) as f64;
    // Categories sit at 0, 1, 2…; horizontal charts put the first one on top.
    let position = move |i: usize| if horizontal { (n - 1 - i) as f64 } else { i as f64 };
    let names = data.categories.clone();
    let category_label = move |value: f64| -> String {
        let r = value.round();
        if (value - r).abs() > 1e-6 || r < 0.0 || r as usize >= n {
            return String::new();
        }
        let i = r as usize;
        let i = if horizontal { n - 1 - i } else { i };
        names.get(i).cloned().unwrap_or_default()
    };
    let value_label = move |value: f64| -> String {
        if value >= 0.0 && value.fract().abs() < 1e-9 { format::int(value as i64, lang) } else { String::new() }
    };
    let category_marks = move |_: egui_plot::GridInput| -> Vec<GridMark> {
        (0..n).map(|i| GridMark { value: i as f64, step_size: 1.0 }).collect()
    };
    let longest = data.categories.iter().map(|c| c.chars().count()).max().unwrap_or(4) as f32;
    let mut plot = Plot::new(("tourism-plot", data.chart))
        .height(height)
        .legend(Legend::default().position(Corner::RightTop).follow_insertion_order(true))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .label_formatter(|_| None);
    let headroom = if horizontal { 1.12 } else { 1.2 };
    if horizontal {
        plot = plot
            .include_x(0.0)
            .include_x(max * headroom + 1.0)
            .include_y(-0.6)
            .include_y(n as f64 - 0.4)
            .y_grid_spacer(category_marks)
            .y_axis_formatter(move |m, _| category_label(m.value))
            .x_axis_formatter(move |m, _| value_label(m.value))
            .y_axis_min_width((longest * 7.0).clamp(40.0, 260.0))
            .show_grid([true, false]);
    } else {
        plot = plot
            .include_y(0.0)
            .include_y(max * headroom + 1.0)
            .include_x(-0.6)
            .include_x(n as f64 - 0.4)
            .x_grid_spacer(category_marks)
            .x_axis_formatter(move |m, _| category_label(m.value))
            .y_axis_formatter(move |m, _| value_label(m.value))
            .show_grid([false, true]);
    }
    let response = plot.show(ui, |plot_ui| {
        let k = data.series.len().max(1) as f64;
        let width = 0.8 / k;
        for (s_i, series) in data.series.iter().enumerate() {
            let colour = SERIES[s_i % SERIES.len()];
            match data.style {
                Style::Line => {
                    let points: Vec<[f64; 2]> = series
                        .values
                        .iter()
                        .enumerate()
                        .filter_map(|(i, v)| v.map(|v| [position(i), v as f64]))
                        .collect();
                    plot_ui.line(Line::new(series.name.clone(), points.clone()).color(colour).width(2.0));
                    plot_ui.add(Points::new(series.name.clone(), points).color(colour).radius(4.0));
                    for (i, v) in series.values.iter().enumerate() {
                        if let Some(v) = v {
                            let at = PlotPoint::new(position(i), *v as f64);
                            let text = egui::RichText::new(format::count(*v, lang)).size(13.0);
                            plot_ui.text(Text::new("", at, text).anchor(egui::Align2::CENTER_BOTTOM));
                        }
                    }
                }
                Style::Bars => {
                    // The first series sits left of the category, or above it when horizontal.
                    let offset = (s_i as f64 - (k - 1.0) / 2.0) * width * if horizontal { -1.0 } else { 1.0 };
                    let fill = if series.reference { colour.gamma_multiply(0.35) } else { colour };
                    let bars: Vec<Bar> = series
                        .values
                        .iter()
                        .enumerate()
                        .filter_map(|(i, v)| {
                            v.map(|v| {
                                Bar::new(position(i) + offset, v as f64)
                                    .width(width * 0.95)
                                    .name(&data.categories[i])
                                    .fill(fill)
                                    .stroke(egui::Stroke::new(1.0, colour))
                            })
                        })
                        .collect();
                    let name = series.name.clone();
                    let mut chart = BarChart::new(series.name.clone(), bars).color(colour).element_formatter(Box::new(
                        move |bar: &Bar, _: &BarChart| {
                            format!("{} · {}: {}", bar.name, name, format::int(bar.value.round() as i64, lang))
                        },
                    ));
                    if horizontal {
                        chart = chart.horizontal();
                    }
                    plot_ui.bar_chart(chart);
                }
            }
        }
        // Labels above the bars of a one-series chart: «2016: 20 161 (+17,3 %)».
        if data.style == Style::Bars && data.series.len() == 1 {
            for (i, label) in data.labels.iter().enumerate() {
                if let Some(Some(v)) = data.series[0].values.get(i) {
                    let at = PlotPoint::new(position(i), *v as f64);
                    let text = egui::RichText::new(label).size(14.0).strong();
                    plot_ui.text(Text::new("", at, text).anchor(egui::Align2::CENTER_BOTTOM));
                }
            }
        }
    });
    response.response.rect
}

/// The numbers behind the chart, as a table anyone (and a screen reader) can read.
fn chart_table(ui: &mut egui::Ui, data: &ChartData, lang: Lang) {
    if data.categories.is_empty() {
        return;
    }
    egui::Grid::new("chart-data").striped(true).num_columns(data.series.len() + 2).show(ui, |ui| {
        ui.label("");
        for s in &data.series {
            ui.label(fonts::bold(&s.name));
        }
        if !data.labels.is_empty() {
            ui.label("");
        }
        ui.end_row();
        for (i, c) in data.categories.iter().enumerate() {
            ui.label(c);
            for s in &data.series {
                ui.label(s.values[i].map_or_else(|| "—".to_owned(), |v| format::count(v, lang)));
            }
            if let Some(l) = data.labels.get(i) {
                ui.label(l);
            }
            ui.end_row();
        }
    });
}

/// The report drawn in the panel: the same blocks the files are made from.
fn report_preview(ui: &mut egui::Ui, report: &Report) {
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
                    ui.set_max_width(900.0);
                    ui.add(egui::Label::new(text).wrap());
                });
            }
            Block::Bullets { items } => {
                ui.scope(|ui| {
                    ui.set_max_width(900.0);
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

/// Crops a screenshot to `rect` (in points) and encodes it as PNG. The rectangle is
/// clamped to the image, so a window resized meanwhile cannot make it fail.
pub fn png_of_region(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (px(rect.min.x, w), px(rect.max.x, w));
    let (y0, y1) = (px(rect.min.y, h), px(rect.max.y, h));
    if x1 <= x0 || y1 <= y0 {
        return Err("the chart is not on screen".to_owned());
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for c in &image.pixels[y * w + x0..y * w + x1] {
            rgba.extend_from_slice(&c.to_srgba_unmultiplied());
        }
    }
    let (width, height) = (u32::try_from(x1 - x0).unwrap_or(0), u32::try_from(y1 - y0).unwrap_or(0));
    let buffer = image::RgbaImage::from_raw(width, height, rgba).ok_or("the screenshot has the wrong size")?;
    let mut png = std::io::Cursor::new(Vec::new());
    buffer.write_to(&mut png, image::ImageFormat::Png).map_err(|e| format!("cannot encode the PNG: {e}"))?;
    Ok(png.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_to_the_chart_and_clamps_to_the_image() {
        let mut image = ColorImage::filled([40, 30], Color32::WHITE);
        image.pixels[10 * 40 + 10] = Color32::RED;
        let rect = Rect::from_min_max(egui::pos2(5.0, 5.0), egui::pos2(15.0, 10.0));
        let png = png_of_region(&image, rect, 2.0).expect("png");
        let decoded = image::load_from_memory(&png).expect("decode").to_rgba8();
        assert_eq!(decoded.dimensions(), (20, 10), "points times pixels per point");
        assert_eq!(decoded.get_pixel(0, 0).0, [255, 0, 0, 255], "(10,10) in pixels is the crop's corner");
        let beyond = Rect::from_min_max(egui::pos2(30.0, 20.0), egui::pos2(100.0, 100.0));
        let png = png_of_region(&image, beyond, 1.0).expect("clamped");
        let decoded = image::load_from_memory(&png).expect("decode");
        assert_eq!((decoded.width(), decoded.height()), (10, 10));
        assert!(png_of_region(&image, Rect::from_min_max(egui::pos2(50.0, 0.0), egui::pos2(60.0, 5.0)), 1.0).is_err());
    }

    #[test]
    fn draft_refuses_negatives_and_breakdowns_over_the_total() {
        let model = Model {
            figures: vec![YearFigures { year: 2015, foreign_tourists: Some(17_186), ..Default::default() }],
            ..Default::default()
        };
        let mut d = FiguresDraft { year: "2016".into(), tourists: "20 161".into(), ..Default::default() };
        let f = d.validate(&model, Lang::Ru).expect("valid");
        assert_eq!(f.foreign_tourists, Some(20_161));
        d.received = "-3".into();
        let e = d.validate(&model, Lang::Ru).expect_err("negative");
        assert_eq!(e, vec![("received".to_owned(), "не может быть отрицательным".to_owned())]);
        d.received = "40".into();
        d.months[0] = "20000".into();
        d.months[1] = "200".into();
        let e = d.validate(&model, Lang::Ru).expect_err("over");
        assert_eq!(e[0].0, "months");
        d.months = Default::default();
        d.year = "2015".into();
        let e = d.validate(&model, Lang::En).expect_err("twice");
        assert_eq!(e, vec![("year".to_owned(), "figures for 2015 are already entered".to_owned())]);
        let mut existing = FiguresDraft::from_figures(&model.figures[0]);
        existing.notes = "edited".into();
        assert!(existing.validate(&model, Lang::Ru).is_ok(), "editing a year is not entering it twice");
    }
}
