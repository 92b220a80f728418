//! The shell's chrome: the top bar (undo, redo, save state, data folder, language), the
//! read-only banner, the status line, the navigation
//! with the search box, and the keyboard shortcuts.

use super::{App, Nav, SaveState};
use crate::model::{Lang, Severity};
use crate::store::ReadOnlyReason;
use crate::ui::action::Action;
use crate::ui::fonts;
use crate::ui::i18n::Texts;
use crate::ui::theme;
use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

impl App {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        let pressed = |ctx: &egui::Context, m: Modifiers, k: Key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        if pressed(ctx, cmd_shift, Key::Z) || pressed(ctx, Modifiers::COMMAND, Key::Y) {
            self.redo();
        } else if pressed(ctx, Modifiers::COMMAND, Key::Z) {
            self.undo();
        }
        if pressed(ctx, Modifiers::COMMAND, Key::S) {
            self.dirty_since = None;
            self.start_save(ctx);
        }
        if pressed(ctx, Modifiers::COMMAND, Key::F) {
            self.search.focus(ctx);
        }
        if pressed(ctx, Modifiers::NONE, Key::F1) {
            self.help.open_at(self.help_chapter());
        }
    }

    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui, t: &Texts) {
        ui.horizontal(|ui| {
            if ui.add_enabled(self.history.can_undo(), egui::Button::new(t.undo)).on_hover_text("Ctrl+Z").clicked() {
                self.undo();
            }
            if ui
                .add_enabled(self.history.can_redo(), egui::Button::new(t.redo))
                .on_hover_text("Ctrl+Shift+Z, Ctrl+Y")
                .clicked()
            {
                self.redo();
            }
            ui.separator();
            match self.save_state() {
                SaveState::Saved => ui.colored_label(theme::ok(), format!("● {}", t.saved)),
                SaveState::Unsaved => ui.colored_label(theme::warning(), format!("● {}", t.unsaved)),
                SaveState::Saving => ui.label(t.saving),
                SaveState::Failed(e) => {
                    // Still unsaved: the changes wait in memory for the retry.
                    ui.colored_label(theme::error(), format!("× {} — {}", t.unsaved, t.save_error)).on_hover_text(e)
                }
            };
            if let Some(old) = &self.recovered_lock {
                ui.separator();
                ui.colored_label(theme::info(), t.lock_recovered)
                    .on_hover_text(format!("{}: {old}", t.lock_recovered_hint));
            }
            self.team_bar(ui, t);
            if self.jobs.is_printing() {
                // In the bar's own row: a line of its own would push the screen down.
                ui.separator();
                ui.spinner();
                ui.label(t.printing);
            }
            ui.separator();
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.selectable_label(self.lang == Lang::En, "English").clicked() {
                    self.lang = Lang::En;
                }
                if ui.selectable_label(self.lang == Lang::Ru, "Русский").clicked() {
                    self.lang = Lang::Ru;
                }
                ui.label(format!("{}:", t.language));
                ui.separator();
                self.view_menu(ui, t);
                if ui.button(t.help).on_hover_text("F1").clicked() {
                    self.help.open_at(self.help_chapter());
                }
                ui.separator();
                // Whatever width is left; a long path is cut with «…», whole on hover. A
                // click opens another folder.
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    let folder = egui::Button::new(format!("{}: {}", t.data_folder, self.dir_label)).truncate();
                    if ui
                        .add_enabled(!self.dialogs.is_asking(), folder)
                        .on_hover_text(format!("{}\n{}", self.dir_label, t.open_data_folder))
                        .clicked()
                    {
                        self.ask_data_folder(ui.ctx(), t);
                    }
                });
            });
        });
    }

    /// The manual's chapter about the section on screen.
    fn help_chapter(&self) -> crate::ui::help::Chapter {
        use crate::ui::help::Chapter;
        match self.nav {
            Nav::Overview => Chapter::FirstStart,
            Nav::Cities => Chapter::City,
            Nav::Calendar => Chapter::Calendar,
            Nav::Delegations => Chapter::Visit,
            Nav::People => Chapter::PersonalData,
            Nav::Tourism => Chapter::Report,
        }
    }

    /// «Вид»: the theme and the text size, remembered for this user.
    fn view_menu(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let (mut choice, mut size) = (self.theme, self.text_size);
        ui.menu_button(t.view_menu, |ui| {
            ui.label(fonts::bold(t.theme_word));
            for (c, label) in [
                (theme::ThemeChoice::Light, t.theme_light),
                (theme::ThemeChoice::Dark, t.theme_dark),
                (theme::ThemeChoice::System, t.theme_system),
            ] {
                ui.radio_value(&mut choice, c, label);
            }
            ui.separator();
            ui.label(fonts::bold(t.text_size));
            for s in theme::TEXT_SIZES {
                ui.radio_value(&mut size, s, format!("{s} %"));
            }
        });
        if (choice, size) != (self.theme, self.text_size) {
            (self.theme, self.text_size) = (choice, size);
            theme::choose(ui.ctx(), choice, size);
        }
    }

    pub(super) fn banner(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let reasons: Vec<ReadOnlyReason> =
            self.read_only.iter().filter(|r| !matches!(r, ReadOnlyReason::Requested)).cloned().collect();
        if reasons.is_empty() {
            return;
        }
        let lang = self.lang;
        egui::Frame::new().fill(theme::palette().banner_bg).inner_margin(6.0).show(ui, |ui| {
            for r in &reasons {
                ui.horizontal_wrapped(|ui| match r {
                    ReadOnlyReason::Locked(holder) => {
                        let who = holder.as_ref().map_or_else(|| "?".to_owned(), |h| h.describe());
                        ui.colored_label(
                            theme::palette().banner_text,
                            format!("{}: {} — {who}", t.read_only, t.locked_by),
                        );
                        if holder.as_ref().is_some_and(|h| h.looks_stale()) {
                            ui.colored_label(theme::palette().banner_text, format!("({})", t.stale_lock));
                        }
                        if ui.button(t.take_over).clicked() {
                            self.take_over_lock();
                        }
                    }
                    ReadOnlyReason::LoadFailed(errors) => {
                        ui.colored_label(theme::palette().banner_text, format!("{}: {}", t.read_only, t.load_failed));
                        for e in errors {
                            ui.colored_label(theme::palette().banner_text, e.message(lang));
                        }
                    }
                    ReadOnlyReason::Requested => {}
                });
            }
        });
    }

    pub(super) fn status_line(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let count = |s| self.findings.iter().filter(|f| f.severity == s).count();
        let text = format!(
            "{}: {} · {}: {} · {}: {}",
            t.errors,
            count(Severity::Error),
            t.warnings,
            count(Severity::Warning),
            t.infos,
            count(Severity::Info)
        );
        ui.horizontal(|ui| {
            if ui.button(text).on_hover_text(t.findings).clicked() {
                self.show_findings = !self.show_findings;
            }
            let m = &self.model;
            ui.label(format!("{}: {} · {}: {}", t.cities_count, m.cities.len(), t.people_count, m.people.len()));
            if let Some(n) = self.purge.as_ref().map(|p| p.len()) {
                ui.separator();
                ui.spinner();
                ui.label(format!("{}: {n}", t.purge_progress));
            }
            self.reminder_ui(ui, t);
        });
    }

    /// What falls due within a day, once a day: a line in the status bar (never a modal
    /// window) that opens the overview, with «Скрыть» until tomorrow.
    fn reminder_ui(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let key = (self.today, self.version, self.lang);
        if (self.reminder.0, self.reminder.1, self.reminder.2) != key {
            let m = &self.model;
            let lines: Vec<String> = crate::model::overview::reminders(m, self.today, self.lang)
                .iter()
                .map(|r| r.message(m, self.today, self.lang))
                .collect();
            self.reminder = (key.0, key.1, key.2, lines.join("; "));
        }
        let Some(text) = self.reminder().map(str::to_owned) else { return };
        ui.separator();
        if ui.button(t.ov_hide).on_hover_text(t.ov_dismiss).clicked() {
            self.reminder_hidden = Some(self.today);
            let today = self.today;
            ui.data_mut(|d| d.insert_persisted(egui::Id::unique(super::REMINDER_HIDDEN), today));
        }
        let label = egui::Label::new(egui::RichText::new(format!("{}: {text}", t.ov_reminder)).color(theme::warning()))
            .truncate()
            .sense(egui::Sense::click());
        if ui.add(label).on_hover_text(&text).clicked() {
            self.nav = Nav::Overview;
        }
    }

    pub(super) fn nav_ui(&mut self, ui: &mut egui::Ui, t: &Texts, out: &mut Vec<Action>) {
        ui.add_space(4.0);
        ui.heading(fonts::bold(t.app_name));
        ui.add_space(6.0);
        for (nav, label) in [
            (Nav::Overview, t.nav_overview),
            (Nav::Cities, t.nav_cities),
            (Nav::Calendar, t.nav_calendar),
            (Nav::Delegations, t.nav_delegations),
            (Nav::People, t.nav_people),
            (Nav::Tourism, t.nav_tourism),
        ] {
            let button =
                egui::Button::selectable(self.nav == nav, label).min_size(egui::vec2(theme::NAV_WIDTH - 16.0, 28.0));
            if ui.add(button).clicked() {
                self.nav = nav;
            }
        }
        // Below the sections, so its results (a list over the window) never hide them.
        ui.separator();
        if let Some(record) = self.search.ui(ui, &self.model, t, self.lang) {
            out.push(Action::Open(record));
        }
    }
}
