//! «Обзор»: the first screen. What happens today and tomorrow, every visit ahead with its
//! readiness bar and what it lacks (each gap a link to the visit's tab and field), tasks
//! overdue or due this week (ticked here), anniversaries, partners gone quiet and stale
//! records. The sections come from `model::overview`, cached per model version, day,
//! look-ahead and language.

use super::action::Action;
use super::i18n::{self, Texts};
use super::theme;
use super::view::View;
use crate::command::{Command, Record};
use crate::model::overview::{self, Happening, HappeningKind, Overview, Quiet, Stale, TaskDue, VisitAhead};
use crate::model::readiness::Area;
use crate::model::{Lang, RecordId, date::fmt_date};
use chrono::NaiveDate;
use eframe::egui::{self, RichText};
use std::collections::HashMap;

/// Gaps shown per area of a visit before «ещё N».
const GAPS_PER_AREA: usize = 5;

/// From this width the visits take the left column and the other sections the right.
const TWO_COLUMNS_FROM: f32 = 1000.0;

type Key = (u64, NaiveDate, u32, Lang);

/// The overview's state: how far ahead it looks, the sections last computed, and the
/// height of every card and row as last drawn.
pub struct OverviewPanel {
    days: u32,
    cache: Option<(Key, Overview)>,
    lazy: Lazy,
}

impl Default for OverviewPanel {
    fn default() -> Self {
        Self { days: overview::DEFAULT_DAYS, cache: None, lazy: Lazy::default() }
    }
}

/// Draws only what is on screen. A card or row drawn once has its height remembered; while
/// it is outside the view it takes that space (one line, if never drawn) without being laid
/// out. On a folder of ten
/// years the overview lists hundreds of rows (every quiet partner, every public event without
/// a description), and laying out all of them cost ~60 ms a frame.
#[derive(Default)]
struct Lazy {
    heights: HashMap<egui::Id, f32>,
    width: f32,
}

impl Lazy {
    fn block(
        &mut self,
        ui: &mut egui::Ui,
        salt: impl std::hash::Hash + std::fmt::Debug,
        draw: impl FnOnce(&mut egui::Ui),
    ) {
        let id = egui::Id::unique(salt);
        let width = ui.available_width();
        // A block never drawn takes one line's height until it comes into view: laying out
        // every row once to measure it made the first frame's text on the ten-year folder
        // about 50 MB, the app's peak of memory.
        let height = self
            .heights
            .get(&id)
            .copied()
            .unwrap_or_else(|| ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y);
        let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(width, height));
        if !ui.is_rect_visible(rect) {
            ui.allocate_space(egui::vec2(width, height));
            return;
        }
        let response = ui.scope(draw).response;
        self.heights.insert(id, response.rect.height());
    }
}

impl OverviewPanel {
    /// Draws the overview; links and ticks come out as actions.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let key = (view.version, view.today, self.days, view.lang);
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let o = overview::overview(view.model, view.today, self.days, view.home_zone, view.lang);
            self.cache = Some((key, o));
        }
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!("{} {}", t.ov_for, fmt_date(view.today)));
            ui.add_space(16.0);
            let l = ui.label(t.ov_days);
            ui.add(egui::DragValue::new(&mut self.days).range(1..=overview::MAX_DAYS).suffix(t.ov_days_unit))
                .labelled_by(l.id);
        });
        ui.separator();
        let Some((_, o)) = self.cache.as_ref() else { return };
        let lazy = &mut self.lazy;
        // Heights change with the width (rows wrap): measure again after a resize.
        if (lazy.width - ui.available_width()).abs() > 0.5 {
            lazy.heights.clear();
            lazy.width = ui.available_width();
        }
        let home = view.model.home_city().map_or_else(String::new, |c| c.name(view.lang).to_owned());
        egui::ScrollArea::vertical().id_salt("overview").auto_shrink([false, false]).show(ui, |ui| {
            // Clear of the floating scroll bar, drawn over the content's right edge.
            ui.set_max_width(ui.available_width() - 16.0);
            if ui.available_width() >= TWO_COLUMNS_FROM {
                ui.columns(2, |cols| {
                    visits_ui(&mut cols[0], view, o, lazy, out);
                    today_ui(&mut cols[1], t, view.lang, o, &home, lazy, out);
                    others_ui(&mut cols[1], view, o, lazy, out);
                });
            } else {
                today_ui(ui, t, view.lang, o, &home, lazy, out);
                visits_ui(ui, view, o, lazy, out);
                others_ui(ui, view, o, lazy, out);
            }
        });
    }
}

fn section(ui: &mut egui::Ui, title: &str, count: usize) {
    ui.add_space(8.0);
    ui.label(RichText::new(format!("{title} ({count})")).heading().size(17.0));
    ui.add_space(2.0);
}

fn none(ui: &mut egui::Ui, t: &Texts, empty: bool) {
    if empty {
        ui.weak(t.ov_none);
    }
}

/// A link in red (overdue) or the usual colour.
fn link(ui: &mut egui::Ui, text: String, red: bool) -> egui::Response {
    let text = if red { RichText::new(text).color(theme::error()) } else { RichText::new(text) };
    ui.add(egui::Link::new(text))
}

fn visits_ui(ui: &mut egui::Ui, view: &View<'_>, o: &Overview, lazy: &mut Lazy, out: &mut Vec<Action>) {
    let t = view.t;
    section(ui, t.ov_visits, o.visits.len());
    if o.visits.is_empty() {
        ui.label(o.nothing_ahead(view.lang));
    }
    for v in &o.visits {
        lazy.block(ui, ("visit", v.delegation.as_str()), |ui| {
            ui.push_id(v.delegation.as_str(), |ui| visit_card(ui, view, v, out));
        });
    }
}

fn visit_card(ui: &mut egui::Ui, view: &View<'_>, v: &VisitAhead, out: &mut Vec<Action>) {
    let t = view.t;
    let lang = view.lang;
    let open_at = |field: String| Action::OpenAt(RecordId::Delegation(v.delegation.clone()), field);
    let width = (ui.available_width() - 10.0).max(200.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(width);
        if ui.add(egui::Link::new(RichText::new(&v.title).strong())).clicked() {
            out.push(Action::Open(RecordId::Delegation(v.delegation.clone())));
        }
        let mut line = format!(
            "{}–{} · {} · {}",
            fmt_date(v.days.0),
            fmt_date(v.days.1),
            i18n::direction_name(t, v.direction),
            v.counterpart
        );
        if v.under_way {
            line.push_str(&format!(" · {}", t.ov_under_way));
        }
        ui.label(line);
        let r = &v.readiness;
        let percent = r.percent();
        let fill = match percent {
            100 => theme::ok(),
            50..=99 => theme::warning(),
            _ => theme::error(),
        };
        ui.add(
            egui::ProgressBar::new(r.share()).fill(fill).desired_width(ui.available_width().min(420.0)).text(format!(
                "{} {percent} % · {}",
                t.ov_ready,
                r.roster_line(lang)
            )),
        );
        if r.missing.is_empty() {
            ui.colored_label(theme::ok(), t.ov_all_set);
        }
        for area in Area::ALL {
            let gaps: Vec<_> = r.in_area(area).collect();
            if gaps.is_empty() {
                continue;
            }
            ui.push_id(area.key(), |ui| {
                ui.label(RichText::new(format!("{}:", area.name(lang))).strong());
                ui.indent("gaps", |ui| {
                    for (i, g) in gaps.iter().take(GAPS_PER_AREA).enumerate() {
                        ui.push_id(i, |ui| {
                            if link(ui, g.message(lang), g.is_overdue()).on_hover_text(t.ov_open_at).clicked() {
                                out.push(open_at(g.field()));
                            }
                        });
                    }
                    if gaps.len() > GAPS_PER_AREA {
                        let more = format!("… {} {}", t.ov_more, gaps.len() - GAPS_PER_AREA);
                        if ui.link(more).clicked() {
                            out.push(open_at(gaps[GAPS_PER_AREA].field()));
                        }
                    }
                });
            });
        }
    });
    ui.add_space(4.0);
}

fn today_ui(
    ui: &mut egui::Ui,
    t: &Texts,
    lang: Lang,
    o: &Overview,
    home: &str,
    lazy: &mut Lazy,
    out: &mut Vec<Action>,
) {
    section(ui, t.ov_today, o.today.len());
    none(ui, t, o.today.is_empty());
    let mut day: Option<NaiveDate> = None;
    for (i, h) in o.today.iter().enumerate() {
        if day != Some(h.date) {
            day = Some(h.date);
            let word = if h.date == o.date { t.ov_today_word } else { t.ov_tomorrow_word };
            ui.label(RichText::new(format!("{word}, {}", fmt_date(h.date))).strong());
        }
        lazy.block(ui, ("today", i), |ui| {
            ui.push_id(("today", i), |ui| happening_row(ui, lang, h, home, out));
        });
    }
}

fn happening_row(ui: &mut egui::Ui, lang: Lang, h: &Happening, home: &str, out: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(h.time_label(home, lang));
        ui.weak(h.kind_label(lang));
        if ui.link(&h.what).clicked() {
            let action = match (&h.event, &h.delegation, h.item) {
                (Some(e), _, _) => Action::Open(RecordId::Event(e.clone())),
                (None, Some(d), Some(i)) => Action::OpenAt(RecordId::Delegation(d.clone()), format!("programme[{i}]")),
                (None, Some(d), None) => {
                    let leg = if h.kind == HappeningKind::Arrival { "arrival" } else { "departure" };
                    Action::OpenAt(RecordId::Delegation(d.clone()), format!("{leg}.time"))
                }
                (None, None, _) => return,
            };
            out.push(action);
        }
        if !h.place.is_empty() {
            ui.label(format!("· {}", h.place));
        }
    });
}

fn others_ui(ui: &mut egui::Ui, view: &View<'_>, o: &Overview, lazy: &mut Lazy, out: &mut Vec<Action>) {
    let t = view.t;
    let lang = view.lang;
    section(ui, t.ov_tasks, o.tasks.len());
    none(ui, t, o.tasks.is_empty());
    for task in &o.tasks {
        let salt = ("task", task.delegation.as_str(), task.index);
        lazy.block(ui, salt, |ui| {
            ui.push_id(salt, |ui| task_row(ui, view, task, out));
        });
    }
    section(ui, t.ov_anniversaries, o.anniversaries.len());
    none(ui, t, o.anniversaries.is_empty());
    for (i, a) in o.anniversaries.iter().enumerate() {
        lazy.block(ui, ("anniversary", i), |ui| {
            // A round one in bold, still in the colour of a link.
            let text = if a.round {
                RichText::new(a.message(lang)).strong().color(ui.visuals().hyperlink_color)
            } else {
                RichText::new(a.message(lang))
            };
            if ui.add(egui::Link::new(text)).clicked() {
                out.push(Action::Open(RecordId::City(a.city.clone())));
            }
        });
    }
    section(ui, t.ov_quiet, o.quiet.len());
    none(ui, t, o.quiet.is_empty());
    for (i, q) in o.quiet.iter().enumerate() {
        lazy.block(ui, ("quiet", i), |ui| {
            let colour = if matches!(q, Quiet::Lopsided { .. }) { theme::warning() } else { theme::info() };
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(colour, "●");
                if ui.link(q.message(lang)).clicked() {
                    out.push(Action::Open(RecordId::City(q.city().clone())));
                }
            });
        });
    }
    section(ui, t.ov_stale, o.stale.len());
    none(ui, t, o.stale.is_empty());
    for (i, s) in o.stale.iter().enumerate() {
        lazy.block(ui, ("stale", i), |ui| {
            if ui.link(s.message(lang)).clicked() {
                out.push(match s {
                    Stale::Status { delegation, .. } => Action::Open(RecordId::Delegation(delegation.clone())),
                    Stale::NoPublicDescription { event, .. } => Action::Open(RecordId::Event(event.clone())),
                    Stale::Figures { year } => Action::Open(RecordId::Figures(*year)),
                });
            }
        });
    }
}

/// A task: its due date (red when overdue), a box to tick it done here, and its visit, a
/// link to the visit's checklist.
fn task_row(ui: &mut egui::Ui, view: &View<'_>, task: &TaskDue, out: &mut Vec<Action>) {
    let t = view.t;
    ui.horizontal_wrapped(|ui| {
        let (word, colour) = if task.overdue { (t.ov_overdue, theme::error()) } else { (t.ov_due, theme::warning()) };
        ui.colored_label(colour, format!("{word} {}", fmt_date(task.due)));
        let mut done = false;
        let r = ui.add_enabled(!view.read_only, egui::Checkbox::new(&mut done, format!("«{}»", task.title)));
        if r.changed()
            && done
            && let Some(d) = view.model.delegation(&task.delegation)
        {
            let mut d = d.clone();
            if let Some(x) = d.checklist.get_mut(task.index) {
                x.done = true;
                out.push(Action::Apply(Command::put(Record::Delegation(d))));
            }
        }
        let visit = egui::Link::new(RichText::new(format!("— {}", task.visit)).weak());
        if ui.add(visit).on_hover_text(t.ov_open_at).clicked() {
            out.push(Action::OpenAt(
                RecordId::Delegation(task.delegation.clone()),
                format!("checklist[{}]", task.index),
            ));
        }
    });
}
