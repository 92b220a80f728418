//! «Графики»: the charts (egui_plot), their tables, and their PNG and CSV exports.

use super::*;
use crate::ui::action::{Export, ExportWhat};

/// A chart's data with the model version, chart, year and language it was made for.
pub(super) type ChartCache = ((u64, Chart, i32, Lang), ChartData);

/// A PNG waiting for its screenshot: the file name to suggest, and the chart's rectangle.
pub(super) struct PngJob {
    pub(super) file_name: String,
    pub(super) rect: Rect,
    pub(super) pixels_per_point: f32,
    pub(super) image: Receiver<Arc<ColorImage>>,
}

impl TourismPanel {
    pub(super) fn charts_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
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
            {
                let file_name = chart_file_name(self.chart, year, lang, "png");
                let (tx, rx) = mpsc::channel();
                let ctx = ui.ctx().clone();
                ui.ctx().request_screenshot(move |image| {
                    // The panel may be gone by then; nothing to deliver to.
                    let _ = tx.send(image);
                    ctx.request_repaint();
                });
                self.png = Some(PngJob { file_name, rect, pixels_per_point: ui.ctx().pixels_per_point(), image: rx });
            }
            if ui.add_enabled(!data.categories.is_empty(), egui::Button::new(t.save_csv)).clicked() {
                out.push(Action::Export(Export {
                    title: t.save_csv.to_owned(),
                    file_name: chart_file_name(self.chart, year, lang, "csv"),
                    extension: "csv",
                    what: ExportWhat::Bytes(data.csv()),
                    open_after: false,
                }));
            }
        });
        ui.label(fonts::bold(&data.title));
        if let Some(note) = &data.note {
            ui.colored_label(theme::info(), note);
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

    /// Takes the screenshot once it arrives, crops it to the chart and asks the shell to
    /// save it.
    pub(super) fn poll_png(&mut self, t: &Texts, out: &mut Vec<Action>) {
        let Some(job) = &self.png else { return };
        let image = match job.image.try_recv() {
            Ok(image) => image,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.png = None;
                out.push(Action::Notify(crate::ui::toast::Kind::Error, t.png_not_captured.to_owned()));
                return;
            }
        };
        match png_of_region(&image, job.rect, job.pixels_per_point) {
            Ok(png) => {
                out.push(Action::Export(Export {
                    title: t.save_png.to_owned(),
                    file_name: job.file_name.clone(),
                    extension: "png",
                    what: ExportWhat::Bytes(png),
                    open_after: false,
                }));
            }
            Err(e) => out.push(Action::Notify(crate::ui::toast::Kind::Error, format!("{}: {e}", t.png_not_captured))),
        }
        self.png = None;
    }
}

/// Draws the chart; returns the plot's rectangle (for the PNG export).
pub(super) fn draw_chart(ui: &mut egui::Ui, data: &ChartData, lang: Lang, height: f32) -> Rect {
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
            let colour = theme::SERIES[s_i % theme::SERIES.len()];
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
pub(super) fn chart_table(ui: &mut egui::Ui, data: &ChartData, lang: Lang) {
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

/// A chart's file named by its title in `lang`, and its year when it shows one:
/// «Туристы по месяцам — 2016.png».
fn chart_file_name(chart: Chart, year: i32, lang: Lang, extension: &str) -> String {
    let year = if chart.per_year() { year.to_string() } else { String::new() };
    crate::model::files::file_name(&[chart.title(lang), &year], extension)
}
