//! The «Города» panel: a filterable, sortable list of partner cities, a profile with the
//! anniversary, local time, agreements, contacts and exchange history, a map, and a form
//! that validates as you type.

use super::action::Action;
use super::form::{Draft, EditContext, FieldErrors, Form};
use super::i18n::{self, Texts};
use super::view::View;
use super::widgets::{DialogAnswer, confirm_delete_dialog, info_row, refused_dialog};
use super::{fonts, map, theme};
use crate::command::{Command, Record};
use crate::model::Records as _;
use crate::model::date::fmt_date;
use crate::model::ids::{self, is_valid_slug};
use crate::model::refs::{Reference, city_references};
use crate::model::{Agreement, City, CityId, CityStatus, Contact, Coordinates, Lang, Model, RecordId};
use chrono::Datelike;
use chrono_tz::Tz;
use eframe::egui;
use std::collections::BTreeMap;

mod form;
use form::*;

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By name in the UI language.
    #[default]
    Name,
    /// By country, then name.
    Country,
    /// By the since-date, oldest first.
    Since,
}

/// The panel's transient state (never saved).
#[derive(Default)]
pub struct CitiesPanel {
    selected: Option<CityId>,
    status: Option<CityStatus>,
    country: Option<String>,
    text: String,
    sort: Sort,
    draft: Option<CityDraft>,
    confirm_delete: Option<CityId>,
    refused: Option<Vec<Reference>>,
    /// The exchange history of a city, for the model version and language it was made in.
    history: Option<HistoryCache>,
}

/// A city's exchange history lines, with the model version, city and language they are for.
type HistoryCache = (u64, CityId, Lang, Vec<(i32, String)>);

fn name(c: &City, lang: Lang) -> &str {
    c.name(lang)
}

fn country(c: &City, lang: Lang) -> &str {
    if lang == Lang::En && !c.country_en.is_empty() { &c.country_en } else { &c.country_ru }
}

impl CitiesPanel {
    /// The existing city whose form is open (the app keeps its value as the form's base,
    /// and tells colleagues it is being edited).
    pub fn editing(&self) -> Option<crate::model::RecordId> {
        self.draft.as_ref().filter(|d| !d.is_new()).map(|d| crate::model::RecordId::City(CityId::new(d.id())))
    }

    /// Opens the form again on the city as the model now has it («Обновить»: a colleague
    /// changed it underneath; what was typed is dropped).
    pub fn reload_form(&mut self, model: &crate::model::Model) {
        let id = self.editing();
        self.draft = match id {
            Some(crate::model::RecordId::City(id)) => model.city(&id).map(CityDraft::from_city),
            _ => None,
        };
    }

    /// Selects a city (from search or findings), leaving any edit.
    pub fn select(&mut self, id: CityId) {
        self.selected = Some(id);
        self.draft = None;
    }

    /// Draws the panel; edits come out as commands.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        egui::Panel::left("cities-list")
            .default_size(theme::list_width(ui, theme::LIST_WIDTH))
            .max_size(ui.available_width() * 0.6)
            .resizable(true)
            .show(ui, |ui| {
                self.list_ui(ui, view);
            });
        egui::ScrollArea::vertical().id_salt("city-profile").auto_shrink([false, false]).show(ui, |ui| {
            if self.draft.is_some() {
                self.form_ui(ui, view, out);
            } else if let Some(city) = self.selected.as_ref().and_then(|id| view.model.city(id)) {
                let city = city.clone();
                self.profile_ui(ui, view, &city);
            } else {
                ui.heading(t.nav_cities);
                ui.label(t.no_selection);
            }
            ui.add_space(12.0);
            egui::CollapsingHeader::new(t.map).id_salt("city-map").default_open(true).show(ui, |ui| {
                let width = ui.available_width().clamp(300.0, 900.0);
                if let Some(id) = map::map_ui(ui, view.model.cities.records(), self.selected.as_ref(), view.lang, width)
                {
                    self.select(id);
                }
            });
        });
        self.dialogs(ui, view, out);
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) {
        let t = view.t;
        let lang = view.lang;
        ui.add_space(4.0);
        egui::Grid::new("city-filters").num_columns(2).show(ui, |ui| {
            let status_label = ui.label(t.filter_status);
            let status_text = self.status.map_or(t.all, |s| i18n::status_name(t, s));
            egui::ComboBox::from_id_salt("city-status")
                .selected_text(status_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, t.all);
                    for s in [CityStatus::Sister, CityStatus::Friendly, CityStatus::Prospective, CityStatus::Home] {
                        ui.selectable_value(&mut self.status, Some(s), i18n::status_name(t, s));
                    }
                })
                .response
                .labelled_by(status_label.id);
            ui.end_row();
            let country_label = ui.label(t.filter_country);
            let mut countries: Vec<String> = view.model.cities.iter().map(|c| country(c, lang).to_owned()).collect();
            countries.sort();
            countries.dedup();
            let country_text = self.country.clone().unwrap_or_else(|| t.all.to_owned());
            egui::ComboBox::from_id_salt("city-country")
                .selected_text(country_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.country, None, t.all);
                    for c in countries {
                        ui.selectable_value(&mut self.country, Some(c.clone()), c);
                    }
                })
                .response
                .labelled_by(country_label.id);
            ui.end_row();
            let l = ui.label(t.filter_text);
            ui.add(
                egui::TextEdit::singleline(&mut self.text).id(egui::Id::unique("cities-filter")).desired_width(180.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            let sort_label = ui.label(t.sort_by);
            let sort_text = match self.sort {
                Sort::Name => t.sort_name,
                Sort::Country => t.sort_country,
                Sort::Since => t.sort_since,
            };
            egui::ComboBox::from_id_salt("city-sort")
                .selected_text(sort_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.sort, Sort::Name, t.sort_name);
                    ui.selectable_value(&mut self.sort, Sort::Country, t.sort_country);
                    ui.selectable_value(&mut self.sort, Sort::Since, t.sort_since);
                })
                .response
                .labelled_by(sort_label.id);
            ui.end_row();
        });
        if ui.add_enabled(!view.read_only, egui::Button::new(format!("+ {}", t.new_city))).clicked() {
            self.draft = Some(CityDraft::new_city());
        }
        ui.separator();
        let needle = crate::model::names::fold(self.text.trim());
        let mut rows: Vec<&City> = view
            .model
            .cities
            .records()
            .filter(|c| self.status.is_none_or(|s| c.status == s))
            .filter(|c| self.country.as_deref().is_none_or(|k| country(c, lang) == k))
            .filter(|c| {
                needle.is_empty()
                    || [&c.name_ru, &c.name_en, &c.name_native, &c.country_ru, &c.country_en]
                        .iter()
                        .any(|f| crate::model::names::matches(f, &needle))
            })
            .collect();
        match self.sort {
            Sort::Name => rows.sort_by(|a, b| name(a, lang).cmp(name(b, lang))),
            Sort::Country => {
                rows.sort_by(|a, b| (country(a, lang), name(a, lang)).cmp(&(country(b, lang), name(b, lang))))
            }
            Sort::Since => rows.sort_by_key(|c| (c.since.is_none(), c.since)),
        }
        egui::ScrollArea::vertical().id_salt("city-list").auto_shrink([false, false]).show(ui, |ui| {
            for c in rows {
                let selected = self.selected.as_ref() == Some(&c.id);
                let text = if c.name_native.is_empty() {
                    format!("{}  · {}", name(c, lang), country(c, lang))
                } else {
                    format!("{}  {}  · {}", name(c, lang), c.name_native, country(c, lang))
                };
                let r = ui.push_id(c.id.as_str(), |ui| ui.selectable_label(selected, text)).inner;
                if r.clicked() {
                    self.select(c.id.clone());
                }
            }
        });
    }

    fn profile_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, city: &City) {
        let t = view.t;
        let lang = view.lang;
        ui.horizontal(|ui| {
            ui.heading(fonts::bold(name(city, lang)));
            if !city.name_native.is_empty() {
                ui.label(egui::RichText::new(&city.name_native).size(22.0));
            }
            let other = if lang == Lang::Ru { &city.name_en } else { &city.name_ru };
            ui.weak(other);
        });
        crate::ui::widgets::open_elsewhere(ui, view, &RecordId::City(city.id.clone()));
        ui.horizontal(|ui| {
            if ui.add_enabled(!view.read_only, egui::Button::new(t.edit)).clicked() {
                self.draft = Some(CityDraft::from_city(city));
            }
            if ui.add_enabled(!view.read_only, egui::Button::new(t.delete)).clicked() {
                let refs = city_references(view.model, &city.id, view.lang);
                if refs.is_empty() {
                    self.confirm_delete = Some(city.id.clone());
                } else {
                    self.refused = Some(refs);
                }
            }
        });
        ui.add_space(6.0);
        egui::Grid::new("city-profile-grid").num_columns(2).striped(true).show(ui, |ui| {
            let since = city.since.map(|s| s.to_russian()).unwrap_or_default();
            let status = if since.is_empty() {
                i18n::status_name(t, city.status).to_owned()
            } else if lang == Lang::Ru {
                format!("{} с {since}", i18n::status_name(t, city.status))
            } else {
                format!("{} since {since}", i18n::status_name(t, city.status))
            };
            info_row(ui, t.f_status, &status);
            if let Some(a) = city.next_round_anniversary(view.today) {
                let label = if lang == Lang::Ru { "Ближайший юбилей" } else { "Next anniversary" };
                info_row(ui, label, &i18n::anniversary(lang, city.status, a.years, a.year));
            }
            if let Some(a) = city.anniversary_in(view.today.year()) {
                let label = if lang == Lang::Ru { "В этом году" } else { "This year" };
                info_row(ui, label, &i18n::anniversary(lang, city.status, a.years, a.year));
            }
            let place = [country(city, lang), city.region.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            info_row(ui, t.filter_country, &place);
            let now = view.now;
            let home_tz = view.home_zone;
            let local = now.with_timezone(&city.time_zone).format("%H:%M");
            let home = now.with_timezone(&home_tz).format("%H:%M");
            info_row(
                ui,
                t.f_time_zone,
                &format!("{} · {} {local} ({} {home})", city.time_zone.name(), t.local_time, t.home_time),
            );
            if !city.languages.is_empty() {
                let names: Vec<&str> = city.languages.iter().map(|l| l.name(view.lang)).collect();
                info_row(ui, t.f_guest_languages, &names.join(", "));
            }
            if let Some(p) = city.population {
                info_row(ui, t.f_population, &i18n::fmt_int(i64::try_from(p).unwrap_or(i64::MAX)));
            }
            if let Some(c) = city.coordinates {
                info_row(
                    ui,
                    if lang == Lang::Ru { "Координаты" } else { "Coordinates" },
                    &format!("{:.4}, {:.4}", c.lat, c.lon),
                );
            }
        });
        // The clock above moves: look again at the next minute, not every frame.
        let secs = 60 - u64::from(chrono::Timelike::second(&view.now));
        ui.ctx().request_repaint_after(std::time::Duration::from_secs(secs));

        if !city.agreements.is_empty() {
            ui.add_space(8.0);
            ui.label(fonts::bold(t.agreements));
            for a in &city.agreements {
                let signed = a.signed.map(|s| s.to_russian()).unwrap_or_default();
                ui.label(format!("• {} {signed}", a.title));
                if !a.parties.is_empty() {
                    ui.weak(format!("   {}", a.parties));
                }
                if let Some(e) = a.expires {
                    ui.weak(format!("   {}: {}", t.f_expires, fmt_date(e)));
                }
            }
        }
        if !city.contacts.is_empty() {
            ui.add_space(8.0);
            ui.label(fonts::bold(t.contacts));
            for k in &city.contacts {
                let line =
                    [k.name.as_str(), k.position.as_str(), k.organisation.as_str(), k.email.as_str(), k.phone.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · ");
                ui.label(format!("• {line}"));
            }
        }
        if !city.notes.is_empty() {
            ui.add_space(8.0);
            ui.label(fonts::bold(t.f_notes));
            ui.add(egui::Label::new(&city.notes).wrap());
        }
        ui.add_space(8.0);
        ui.label(fonts::bold(t.history));
        // Scanning every delegation and event is kept out of the frame: only a change of
        // the model, the city or the language redoes it.
        let fresh = matches!(&self.history, Some((v, c, l, _)) if *v == view.version && c == &city.id && *l == lang);
        if !fresh {
            self.history = Some((view.version, city.id.clone(), lang, exchange_history(view.model, &city.id, lang, t)));
        }
        let history: &[(i32, String)] = self.history.as_ref().map_or(&[], |(_, _, _, h)| h.as_slice());
        if history.is_empty() {
            ui.weak(t.no_history);
        }
        for (year, line) in history {
            ui.label(format!("{year}: {line}"));
        }
    }

    fn dialogs(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        if let Some(refs) = &self.refused
            && refused_dialog(ui.ctx(), "city-delete-refused", t, t.cannot_delete_city, refs) != DialogAnswer::Open
        {
            self.refused = None;
        }
        if let Some(id) = self.confirm_delete.clone() {
            let name = view.model.city(&id).map_or(id.as_str(), |c| c.name(view.lang));
            match confirm_delete_dialog(ui.ctx(), "city-delete-confirm", t, name) {
                DialogAnswer::Open => {}
                DialogAnswer::Closed => self.confirm_delete = None,
                DialogAnswer::Confirmed => {
                    out.push(Action::Apply(Command::Remove(RecordId::City(id))));
                    self.selected = None;
                    self.confirm_delete = None;
                }
            }
        }
    }
}

/// The exchanges with a city by year, newest first: delegations by direction and sector,
/// and events.
pub fn exchange_history(model: &Model, city: &CityId, lang: Lang, t: &Texts) -> Vec<(i32, String)> {
    #[derive(Default)]
    struct Year {
        incoming: usize,
        outgoing: usize,
        kinds: BTreeMap<&'static str, usize>,
        events: usize,
    }
    let mut years: BTreeMap<i32, Year> = BTreeMap::new();
    for d in model.delegations.iter().filter(|d| d.partner_city.as_ref() == Some(city)) {
        let e = years.entry(d.arrival.date.year()).or_default();
        match d.direction {
            crate::model::Direction::Incoming => e.incoming += 1,
            crate::model::Direction::Outgoing => e.outgoing += 1,
        }
        *e.kinds.entry(i18n::kind_name(lang, d.kind)).or_default() += 1;
    }
    for ev in model.events.iter().filter(|e| {
        e.host_city.as_ref() == Some(city)
            || e.partner_cities.contains(city)
            || e.recurrence.as_ref().is_some_and(|r| r.host_rotation.contains(city))
    }) {
        years.entry(ev.start_date.year()).or_default().events += 1;
    }
    years
        .into_iter()
        .rev()
        .map(|(year, Year { incoming: inc, outgoing: out, kinds, events })| {
            let sectors = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ");
            let mut line = format!("{} {inc}, {} {out}", t.incoming, t.outgoing);
            if !sectors.is_empty() {
                line.push_str(&format!(" ({sectors})"));
            }
            if events > 0 {
                line.push_str(&format!("; {} {events}", t.events_word));
            }
            (year, line)
        })
        .collect()
}
