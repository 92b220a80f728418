//! «Туризм и отчёты»: charts of tourists and delegations (egui_plot), the yearly figures
//! editor, and the annual report's preview and export.
//!
//! Charts draw [`ChartData`] from `report::charts`, so the plot, its table, its CSV and
//! the tests all read the same numbers. A chart is exported as PNG by asking the viewport
//! for a screenshot and cropping it to the plot's rectangle.

use super::action::Action;
use super::i18n::Texts;
use super::view::View;
use super::widgets::{DialogAnswer, confirm_delete_dialog};
use super::{fonts, theme};
use crate::command::{Command, Record};
use crate::model::figures::problems_with_others;
use crate::model::format::{self, CountError, parse_count};
use crate::model::{CountryCount, Lang, Model, MonthCount, RecordId, YearFigures, stats};
use crate::report::charts::{Chart, ChartData, Style, chart_data};
use crate::report::{self, Block, Report};
use chrono::Datelike;
#[cfg(test)]
use eframe::egui::Color32;
use eframe::egui::{self, ColorImage, Rect};
use egui_plot::{Bar, BarChart, Corner, GridMark, Legend, Line, Plot, PlotPoint, Points, Text};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

mod charts;
mod figures;
mod report_tab;
use charts::*;
use figures::*;

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

/// The «Туризм и отчёты» panel.
pub struct TourismPanel {
    tab: Tab,
    chart: Chart,
    year: Option<i32>,
    selected: Option<i32>,
    draft: Option<FiguresDraft>,
    draft_base: Option<YearFigures>,
    confirm_delete: Option<i32>,
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
            plot_rect: None,
            png: None,
            cache: None,
            chart_cache: None,
        }
    }
}

impl TourismPanel {
    /// The existing year whose figures form is open (the app keeps its value as the form's
    /// base, and tells colleagues it is being edited).
    pub fn editing(&self) -> Option<crate::model::RecordId> {
        self.draft.as_ref().and_then(|d| d.original).map(crate::model::RecordId::Figures)
    }

    /// Opens the form again on the year as the model now has it («Обновить»: a colleague
    /// changed it underneath; what was typed is dropped). The form fills itself again from
    /// the selected year on its next frame.
    pub fn reload_form(&mut self, _model: &crate::model::Model) {
        self.draft = None;
        self.draft_base = None;
    }

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
    /// with counts entered (not one with only its public-calendar target), else the latest
    /// with records.
    fn year(&self, model: &Model, today: chrono::NaiveDate) -> i32 {
        self.year
            .or_else(|| model.latest_counted_year())
            .or_else(|| report::years(model).first().copied())
            .unwrap_or(today.year())
    }

    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        self.poll_png(t, out);
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
        ui.separator();
        match self.tab {
            Tab::Charts => self.charts_ui(ui, view, out),
            Tab::Figures => self.figures_ui(ui, view, out),
            Tab::Report => self.report_ui(ui, view, out),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::form::Draft;

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
        let f = d.validate((&model, Lang::Ru)).expect("valid");
        assert_eq!(f.foreign_tourists, Some(20_161));
        d.received = "-3".into();
        let e = d.validate((&model, Lang::Ru)).expect_err("negative");
        assert_eq!(e.iter().collect::<Vec<_>>(), [("received", "не может быть отрицательным")]);
        d.received = "40".into();
        d.months[0] = "20000".into();
        d.months[1] = "200".into();
        let e = d.validate((&model, Lang::Ru)).expect_err("over");
        assert_eq!(e.iter().next().map(|(k, _)| k), Some("months"));
        d.months = Default::default();
        d.year = "2015".into();
        let e = d.validate((&model, Lang::En)).expect_err("twice");
        assert_eq!(e.iter().collect::<Vec<_>>(), [("year", "figures for 2015 are already entered")]);
        let mut existing = FiguresDraft::from_figures(&model.figures[0]);
        existing.notes = "edited".into();
        assert!(existing.validate((&model, Lang::Ru)).is_ok(), "editing a year is not entering it twice");
    }
}
