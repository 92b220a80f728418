//! The print bar above a visit's tabs: the programme in the guests' language (with the
//! texts that lack a translation listed before it prints), the roster, the badges.

use super::DelegationsPanel;
use crate::model::{Delegation, Language};
use crate::print::{Job, PrintLang, data};
use crate::ui::action::Action;
use crate::ui::fonts;
use crate::ui::view::View;
use eframe::egui;

/// The languages a visit's programme can print in: Russian, the partner city's languages,
/// English, then Russian beside each of those.
pub(super) fn print_languages(view: &View<'_>, d: &Delegation) -> Vec<PrintLang> {
    let mut guests: Vec<Language> = view
        .model
        .city(d.partner_city.as_ref().unwrap_or(&crate::model::CityId::default()))
        .map(|c| c.languages.iter().copied().filter(|l| !matches!(l, Language::Ru | Language::En)).collect())
        .unwrap_or_default();
    let mut seen = Vec::new();
    guests.retain(|l| {
        if seen.contains(l) {
            false
        } else {
            seen.push(*l);
            true
        }
    });
    let mut out = vec![PrintLang::RU];
    out.extend(guests.iter().map(|l| PrintLang::one(*l)));
    out.push(PrintLang::EN);
    out.extend(guests.iter().map(|l| PrintLang::ru_and(*l)));
    out.push(PrintLang::RU_EN);
    out
}

impl DelegationsPanel {
    pub(super) fn print_bar(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Action>) {
        let t = view.t;
        let delegation = || d.id.clone();
        ui.horizontal_wrapped(|ui| match self.tab {
            super::Tab::Programme => {
                let langs = print_languages(view, d);
                if !langs.contains(&self.print_lang) {
                    self.print_lang = PrintLang::RU;
                }
                let l = ui.label(t.print_lang);
                egui::ComboBox::from_id_salt("print-lang")
                    .selected_text(self.print_lang.label(view.lang))
                    .height(f32::INFINITY)
                    .show_ui(ui, |ui| {
                        for l in langs {
                            ui.selectable_value(&mut self.print_lang, l, l.label(view.lang));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if ui.button(t.print_programme).clicked() {
                    let job = Job::Programme { delegation: delegation(), lang: self.print_lang };
                    let missing = data::missing_translations(view.model, &d.id, self.print_lang).unwrap_or_default();
                    if missing.is_empty() {
                        out.push(Action::Print(job));
                    } else {
                        self.pending_print = Some((job, missing));
                    }
                }
            }
            super::Tab::Roster => {
                ui.checkbox(&mut self.show_passports, t.show_passports).on_hover_text(t.personal_data_note);
                let anyone = !d.members.is_empty();
                if ui
                    .add_enabled(anyone, egui::Button::new(t.print_roster))
                    .on_disabled_hover_text(t.print_nobody)
                    .clicked()
                {
                    out.push(Action::Print(Job::Roster {
                        delegation: delegation(),
                        show_passports: self.show_passports,
                    }));
                }
                if ui
                    .add_enabled(anyone, egui::Button::new(t.print_badges))
                    .on_disabled_hover_text(t.print_nobody)
                    .clicked()
                {
                    out.push(Action::Print(Job::Badges { delegation: delegation() }));
                }
            }
            super::Tab::Overview => {
                if ui.button(t.road_take).on_hover_text(t.road_take_hint_button).clicked() {
                    out.push(Action::RoadTake(Some(d.id.clone())));
                }
                if ui.button(t.print_programme).clicked() {
                    out.push(Action::Print(Job::Programme { delegation: delegation(), lang: PrintLang::RU }));
                }
                let anyone = !d.members.is_empty();
                if ui
                    .add_enabled(anyone, egui::Button::new(t.print_badges))
                    .on_disabled_hover_text(t.print_nobody)
                    .clicked()
                {
                    out.push(Action::Print(Job::Badges { delegation: delegation() }));
                }
            }
            _ => {}
        });
        self.missing_window(ui.ctx(), view, out);
    }

    /// Before a programme with untranslated texts prints: the list, and the choice.
    fn missing_window(&mut self, ctx: &egui::Context, view: &View<'_>, out: &mut Vec<Action>) {
        let Some((job, missing)) = &self.pending_print else { return };
        let t = view.t;
        let mut decided = None;
        egui::Window::new(t.missing_title)
            .id(egui::Id::unique("missing-translations"))
            .collapsible(false)
            .resizable(true)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.label(crate::ui::i18n::missing_count(view.lang, missing.len()));
                egui::ScrollArea::vertical().max_height(ui.available_height().min(320.0)).show(ui, |ui| {
                    // Grouped by language, named in the UI's language: «английский», then the texts.
                    let mut last = None;
                    for m in missing {
                        if last != Some(m.lang) {
                            ui.label(fonts::bold(m.lang.name(view.lang)));
                            last = Some(m.lang);
                        }
                        ui.label(&m.text);
                    }
                });
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button(t.print_anyway).clicked() {
                        decided = Some(true);
                    }
                    if ui.button(t.cancel).clicked() {
                        decided = Some(false);
                    }
                });
            });
        match decided {
            Some(true) => {
                out.push(Action::Print(job.clone()));
                self.pending_print = None;
            }
            Some(false) => self.pending_print = None,
            None => {}
        }
    }
}
