//! The global search box (Ctrl+F) in the navigation panel.
//!
//! The results open in a list under the field, drawn over the window, so the sections of
//! the navigation stay where they are. Esc (in the field) and the × beside it clear the
//! search; a click elsewhere folds the list until the field is used again.

use super::i18n::Texts;
use crate::model::{Lang, Model, RecordId, search::search};
use eframe::egui::{self, Key};

/// Results shown under the box.
const LIMIT: usize = 12;
/// The width of the results list, in points (wider than the navigation).
const RESULTS_WIDTH: f32 = 420.0;

/// The search box's state: the query, whether Ctrl+F asked for focus, whether the results
/// are open.
#[derive(Default)]
pub struct Search {
    query: String,
    wants_focus: bool,
    open: bool,
}

impl Search {
    /// Puts the cursor into the box (Ctrl+F).
    pub fn focus(&mut self, ctx: &egui::Context) {
        self.wants_focus = true;
        ctx.request_repaint();
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    fn clear(&mut self) {
        self.query.clear();
        self.open = false;
    }

    /// Draws the box and its results; returns the record to open (a click, or Enter for
    /// the first result).
    pub fn ui(&mut self, ui: &mut egui::Ui, model: &Model, t: &Texts, lang: Lang) -> Option<RecordId> {
        let label = ui.label(t.search);
        let mut clear = false;
        let response = ui
            .horizontal(|ui| {
                let width = (ui.available_width() - 28.0).max(60.0);
                let edit = egui::TextEdit::singleline(&mut self.query)
                    .id(egui::Id::unique("pobratim-search"))
                    .hint_text("Ctrl+F")
                    .desired_width(width);
                let r = ui.add(edit).labelled_by(label.id);
                // The hint only while nothing is typed: over the results it would hide the first.
                let r = if self.query.is_empty() { r.on_hover_text(t.search_hint) } else { r };
                if !self.query.is_empty() {
                    let cross = ui.small_button("×").on_hover_text(t.search_clear);
                    // Screen readers (and tests) hear what it does, not «×».
                    cross.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, t.search_clear));
                    if cross.clicked() {
                        clear = true;
                    }
                }
                r
            })
            .inner;
        if self.wants_focus {
            response.request_focus();
            self.wants_focus = false;
        }
        if response.gained_focus() || response.changed() {
            self.open = true;
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        // The field gives up focus on Esc: that Esc clears the search.
        if clear || (escape && (response.has_focus() || response.lost_focus())) {
            self.clear();
            return None;
        }
        let enter = enter && response.lost_focus();
        if self.query.trim().is_empty() {
            return None;
        }
        let hits = search(model, &self.query, LIMIT, lang);
        let mut open = None;
        if enter {
            open = hits.first().map(|h| h.subject.clone());
        }
        if self.open && open.is_none() {
            let ctx = ui.ctx().clone();
            let width = RESULTS_WIDTH.min(ctx.content_rect().width() - response.rect.left() - 8.0).max(160.0);
            let area = egui::Area::new(egui::Id::unique("pobratim-search-results"))
                .fixed_pos(response.rect.left_bottom() + egui::vec2(0.0, 4.0))
                .order(egui::Order::Foreground)
                .show(&ctx, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_width(width);
                        if hits.is_empty() {
                            ui.weak(t.search_nothing);
                        } else {
                            ui.weak(format!("{}: {}", t.search_results, hits.len()));
                        }
                        egui::ScrollArea::vertical().max_height(ctx.content_rect().height() * 0.6).show(ui, |ui| {
                            for (i, hit) in hits.iter().enumerate() {
                                let kind = match hit.subject {
                                    RecordId::City(_) => t.kind_city,
                                    RecordId::Person(_) => t.kind_person,
                                    RecordId::Event(_) => t.kind_event,
                                    RecordId::Delegation(_) => t.kind_delegation,
                                    RecordId::Figures(_) => t.nav_tourism,
                                };
                                let item = egui::Button::selectable(false, format!("{} · {kind}", hit.title))
                                    .wrap_mode(egui::TextWrapMode::Wrap);
                                if ui.push_id(i, |ui| ui.add(item)).inner.clicked() {
                                    open = Some(hit.subject.clone());
                                }
                            }
                        });
                    });
                });
            // A press outside the field and the list folds the list (the query stays).
            let pressed_outside = ui.input(|i| {
                i.pointer.any_pressed()
                    && i.pointer
                        .press_origin()
                        .is_some_and(|p| !area.response.rect.contains(p) && !response.rect.contains(p))
            });
            if pressed_outside {
                self.open = false;
            }
        }
        if open.is_some() {
            self.clear();
        }
        open
    }
}
