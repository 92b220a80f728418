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
use crate::model::date::fmt_date;
use crate::model::ids::{self, is_valid_slug};
use crate::model::refs::{Reference, city_references};
use crate::model::{Agreement, City, CityId, CityStatus, Contact, Coordinates, Lang, Model, RecordId};
use chrono::Datelike;
use chrono_tz::Tz;
use eframe::egui;
use std::collections::BTreeMap;

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

/// An agreement being edited, as typed.
#[derive(Clone, Debug, Default)]
struct AgreementDraft {
    title: String,
    signed: String,
    parties: String,
    expires: String,
    renewal: String,
    note: String,
}

/// A contact being edited, as typed.
#[derive(Clone, Debug, Default)]
struct ContactDraft {
    name: String,
    position: String,
    organisation: String,
    email: String,
    phone: String,
    languages: String,
}

/// A city being edited: every field as the user typed it, so an invalid value is kept
/// and explained rather than lost.
#[derive(Clone, Debug, Default)]
pub struct CityDraft {
    is_new: bool,
    id: String,
    name_ru: String,
    name_en: String,
    name_native: String,
    country_ru: String,
    country_en: String,
    region: String,
    status: CityStatus,
    since: String,
    time_zone: String,
    lat: String,
    lon: String,
    population: String,
    notes: String,
    agreements: Vec<AgreementDraft>,
    contacts: Vec<ContactDraft>,
}

impl CityDraft {
    fn from_city(c: &City) -> Self {
        CityDraft {
            is_new: false,
            id: c.id.to_string(),
            name_ru: c.name_ru.clone(),
            name_en: c.name_en.clone(),
            name_native: c.name_native.clone(),
            country_ru: c.country_ru.clone(),
            country_en: c.country_en.clone(),
            region: c.region.clone(),
            status: c.status,
            since: c.since.map(|s| s.to_russian()).unwrap_or_default(),
            time_zone: c.time_zone.name().to_owned(),
            lat: c.coordinates.map(|p| p.lat.to_string()).unwrap_or_default(),
            lon: c.coordinates.map(|p| p.lon.to_string()).unwrap_or_default(),
            population: c.population.map(|p| p.to_string()).unwrap_or_default(),
            notes: c.notes.clone(),
            agreements: c
                .agreements
                .iter()
                .map(|a| AgreementDraft {
                    title: a.title.clone(),
                    signed: a.signed.map(|s| s.to_russian()).unwrap_or_default(),
                    parties: a.parties.clone(),
                    expires: a.expires.map(fmt_date).unwrap_or_default(),
                    renewal: a.renewal.clone(),
                    note: a.note.clone(),
                })
                .collect(),
            contacts: c
                .contacts
                .iter()
                .map(|k| ContactDraft {
                    name: k.name.clone(),
                    position: k.position.clone(),
                    organisation: k.organisation.clone(),
                    email: k.email.clone(),
                    phone: k.phone.clone(),
                    languages: k.languages.join(", "),
                })
                .collect(),
        }
    }

    fn new_city() -> Self {
        CityDraft {
            is_new: true,
            status: CityStatus::Friendly,
            time_zone: "Asia/Shanghai".into(),
            ..Default::default()
        }
    }
}

impl Draft for CityDraft {
    type Record = City;
    type Context<'a> = EditContext<'a, City>;

    /// The city the draft describes (on top of `base`), or the errors beside each field.
    fn validate(&self, cx: EditContext<'_, City>) -> Result<City, FieldErrors> {
        let EditContext { model, t, base } = cx;
        let mut errors = FieldErrors::new();
        // A new city's id is made at «Применить» from its Russian name (`ids::new_id`); an id
        // set beforehand (by code, never typed) must still be a free slug.
        let id = self.id.trim();
        if self.is_new && !id.is_empty() {
            if !is_valid_slug(id) {
                errors.insert("id", t.err_id);
            } else if model.city(&CityId::new(id)).is_some() {
                errors.insert("id", t.err_id_taken);
            }
        }
        errors.required("name_ru", &self.name_ru, t);
        let since = errors.optional_partial_date("since", &self.since, t);
        let time_zone = self.time_zone.trim().parse::<Tz>().ok();
        if time_zone.is_none() {
            errors.insert("time_zone", t.err_tz);
        }
        let number = |s: &str, lo: f64, hi: f64| -> Option<Option<f64>> {
            let s = s.trim().replace(',', ".");
            if s.is_empty() {
                return Some(None);
            }
            s.parse::<f64>().ok().filter(|v| (lo..=hi).contains(v)).map(Some)
        };
        let lat = number(&self.lat, -90.0, 90.0);
        let lon = number(&self.lon, -180.0, 180.0);
        if lat.is_none() {
            errors.insert("lat", t.err_lat);
        }
        if lon.is_none() {
            errors.insert("lon", t.err_lon);
        }
        // «1 234 567» is a population too: spaces group the digits.
        let digits: String = self.population.chars().filter(|c| !c.is_whitespace()).collect();
        let population = errors.optional_number::<u64>("population", &digits, t);
        let mut agreements = Vec::new();
        for (i, a) in self.agreements.iter().enumerate() {
            let signed = errors.optional_partial_date(format!("agreements[{i}].signed"), &a.signed, t);
            let expires = errors.optional_date(format!("agreements[{i}].expires"), &a.expires, t);
            errors.required(format!("agreements[{i}].title"), &a.title, t);
            agreements.push(Agreement {
                title: a.title.trim().to_owned(),
                signed,
                parties: a.parties.trim().to_owned(),
                expires,
                renewal: a.renewal.trim().to_owned(),
                note: a.note.trim().to_owned(),
            });
        }
        let contacts = self
            .contacts
            .iter()
            .map(|k| Contact {
                name: k.name.trim().to_owned(),
                position: k.position.trim().to_owned(),
                organisation: k.organisation.trim().to_owned(),
                email: k.email.trim().to_owned(),
                phone: k.phone.trim().to_owned(),
                languages: k.languages.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            })
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let coordinates = match (lat.flatten(), lon.flatten()) {
            (Some(lat), Some(lon)) => Some(Coordinates { lat, lon }),
            _ => None,
        };
        let mut city = base.cloned().unwrap_or_default();
        city.id = CityId::new(id);
        city.name_ru = self.name_ru.trim().to_owned();
        city.name_en = self.name_en.trim().to_owned();
        city.name_native = self.name_native.trim().to_owned();
        city.country_ru = self.country_ru.trim().to_owned();
        city.country_en = self.country_en.trim().to_owned();
        city.region = self.region.trim().to_owned();
        city.status = self.status;
        city.since = since;
        city.time_zone = time_zone.unwrap_or(chrono_tz::UTC);
        city.coordinates = coordinates;
        city.population = population;
        city.agreements = agreements;
        city.contacts = contacts;
        city.notes = self.notes.trim().to_owned();
        Ok(city)
    }
}

fn name(c: &City, lang: Lang) -> &str {
    c.name(lang)
}

fn country(c: &City, lang: Lang) -> &str {
    if lang == Lang::En && !c.country_en.is_empty() { &c.country_en } else { &c.country_ru }
}

impl CitiesPanel {
    /// Selects a city (from search or findings), leaving any edit.
    pub fn select(&mut self, id: CityId) {
        self.selected = Some(id);
        self.draft = None;
    }

    /// Draws the panel; edits come out as commands.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        egui::Panel::left("cities-list").default_size(theme::LIST_WIDTH).resizable(true).show(ui, |ui| {
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
                if let Some(id) = map::map_ui(ui, &view.model.cities, self.selected.as_ref(), view.lang, width) {
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
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(180.0)).labelled_by(l.id);
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
            .iter()
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
        ui.horizontal(|ui| {
            if ui.add_enabled(!view.read_only, egui::Button::new(t.edit)).clicked() {
                self.draft = Some(CityDraft::from_city(city));
            }
            if ui.add_enabled(!view.read_only, egui::Button::new(t.delete)).clicked() {
                let refs = city_references(view.model, &city.id);
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

    fn form_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let Some(draft) = self.draft.as_mut() else { return };
        let base = if draft.is_new { None } else { view.model.city(&CityId::new(draft.id.trim())) };
        let result = draft.validate(EditContext { model: view.model, t, base });
        let form = Form::of("city-form", &result);
        ui.heading(if draft.is_new { t.new_city.to_owned() } else { format!("{}: {}", t.edit, draft.name_ru) });
        let mut close = false;
        ui.horizontal(|ui| {
            let valid = result.is_ok() && !view.read_only;
            if ui.add_enabled(valid, egui::Button::new(t.apply)).clicked()
                && let Ok(city) = &result
            {
                let mut city = city.clone();
                if draft.is_new && draft.id.trim().is_empty() {
                    // Made once, here: the draft closes with this id.
                    let taken = |c: &str| view.model.city(&CityId::new(c)).is_some();
                    city.id = CityId::new(ids::new_id(&city.name_ru, None, "city", taken));
                    draft.id = city.id.to_string();
                }
                self.selected = Some(city.id.clone());
                out.push(Action::Apply(Command::put(Record::City(city))));
                close = true;
            }
            if ui.button(t.cancel).clicked() {
                close = true;
            }
        });
        egui::Grid::new("city-form").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
            form.text(ui, "name_ru", t.f_name_ru, &mut draft.name_ru);
            form.text(ui, "name_en", t.f_name_en, &mut draft.name_en);
            form.text(ui, "name_native", t.f_name_native, &mut draft.name_native);
            form.text(ui, "country_ru", t.f_country_ru, &mut draft.country_ru);
            form.text(ui, "country_en", t.f_country_en, &mut draft.country_en);
            form.text(ui, "region", t.f_region, &mut draft.region);
            form.combo(ui, "status", t.f_status, i18n::status_name(t, draft.status), |ui| {
                for s in [CityStatus::Sister, CityStatus::Friendly, CityStatus::Prospective, CityStatus::Home] {
                    ui.selectable_value(&mut draft.status, s, i18n::status_name(t, s));
                }
            });
            form.text(ui, "since", t.f_since, &mut draft.since);
            form.text(ui, "time_zone", t.f_time_zone, &mut draft.time_zone);
            form.text(ui, "lat", t.f_lat, &mut draft.lat);
            form.text(ui, "lon", t.f_lon, &mut draft.lon);
            form.text(ui, "population", t.f_population, &mut draft.population);
            form.text_area(ui, "notes", t.f_notes, &mut draft.notes);
        });
        ui.add_space(8.0);
        ui.label(fonts::bold(t.agreements));
        let mut remove_agreement = None;
        for (i, a) in draft.agreements.iter_mut().enumerate() {
            ui.push_id(("agreement", i), |ui| {
                egui::Grid::new("agreement-form").num_columns(3).show(ui, |ui| {
                    let key = |field: &str| format!("agreements[{i}].{field}");
                    form.text(ui, &key("title"), t.f_title, &mut a.title);
                    form.text(ui, &key("signed"), t.f_signed, &mut a.signed);
                    form.text(ui, &key("parties"), t.f_parties, &mut a.parties);
                    form.text(ui, &key("expires"), t.f_expires, &mut a.expires);
                    form.text(ui, &key("renewal"), t.f_renewal, &mut a.renewal);
                    form.text(ui, &key("note"), t.f_note, &mut a.note);
                });
                if ui.button(t.remove).clicked() {
                    remove_agreement = Some(i);
                }
            });
            ui.separator();
        }
        if let Some(i) = remove_agreement {
            draft.agreements.remove(i);
        }
        if ui.button(format!("+ {}", t.add_agreement)).clicked() {
            draft.agreements.push(AgreementDraft::default());
        }
        ui.add_space(8.0);
        ui.label(fonts::bold(t.contacts));
        let mut remove_contact = None;
        for (i, k) in draft.contacts.iter_mut().enumerate() {
            ui.push_id(("contact", i), |ui| {
                egui::Grid::new("contact-form").num_columns(3).show(ui, |ui| {
                    let key = |field: &str| format!("contacts[{i}].{field}");
                    form.text(ui, &key("name"), t.f_contact_name, &mut k.name);
                    form.text(ui, &key("position"), t.f_position, &mut k.position);
                    form.text(ui, &key("organisation"), t.f_organisation, &mut k.organisation);
                    form.text(ui, &key("email"), t.f_email, &mut k.email);
                    form.text(ui, &key("phone"), t.f_phone, &mut k.phone);
                    form.text(ui, &key("languages"), t.f_languages, &mut k.languages);
                });
                if ui.button(t.remove).clicked() {
                    remove_contact = Some(i);
                }
            });
            ui.separator();
        }
        if let Some(i) = remove_contact {
            draft.contacts.remove(i);
        }
        if ui.button(format!("+ {}", t.add_contact)).clicked() {
            draft.contacts.push(ContactDraft::default());
        }
        if close {
            self.draft = None;
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
    for d in model.delegations.iter().filter(|d| &d.partner_city == city) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::PartialDate;
    use crate::ui::i18n::RU;

    fn model() -> Model {
        let niigata = City { id: CityId::new("niigata"), name_ru: "Ниигата".into(), ..City::default() };
        Model { cities: vec![niigata], ..Model::default() }
    }

    fn kushiro() -> CityDraft {
        CityDraft {
            id: "kushiro".into(),
            name_ru: " Кусиро ".into(),
            since: "09.1975".into(),
            time_zone: "Asia/Tokyo".into(),
            lat: "42,98".into(),
            lon: "144.38".into(),
            population: "165 077".into(),
            agreements: vec![AgreementDraft {
                title: "Соглашение".into(),
                expires: "01.10.2030".into(),
                ..Default::default()
            }],
            ..CityDraft::new_city()
        }
    }

    fn validate(d: &CityDraft) -> Result<City, FieldErrors> {
        d.validate(EditContext { model: &model(), t: &RU, base: None })
    }

    /// The errors of `d` with one field changed by `edit`: exactly one key and its message.
    fn refused(edit: impl FnOnce(&mut CityDraft)) -> (String, String) {
        let mut d = kushiro();
        edit(&mut d);
        let e = validate(&d).expect_err("refused");
        let all: Vec<(String, String)> = e.iter().map(|(k, m)| (k.to_owned(), m.to_owned())).collect();
        assert_eq!(all.len(), 1, "one refused field: {all:?}");
        all.into_iter().next().expect("one")
    }

    fn is(key: &str, message: &str) -> (String, String) {
        (key.to_owned(), message.to_owned())
    }

    #[test]
    fn a_valid_city_draft_becomes_the_city() {
        let c = validate(&kushiro()).expect("valid");
        assert_eq!((c.id.as_str(), c.name_ru.as_str()), ("kushiro", "Кусиро"), "trimmed");
        assert_eq!(c.since, Some(PartialDate { year: 1975, month: Some(9), day: None }));
        assert_eq!(c.time_zone, chrono_tz::Asia::Tokyo);
        assert_eq!(c.coordinates, Some(Coordinates { lat: 42.98, lon: 144.38 }), "a decimal comma is read");
        assert_eq!(c.population, Some(165_077), "spaces group digits");
        assert_eq!(c.agreements[0].expires, chrono::NaiveDate::from_ymd_opt(2030, 10, 1));
        let d = CityDraft { lat: String::new(), lon: " ".into(), population: String::new(), ..kushiro() };
        let c = validate(&d).expect("empty optional fields");
        assert_eq!((c.coordinates, c.population), (None, None));
    }

    #[test]
    fn a_new_city_needs_a_free_latin_id() {
        assert_eq!(refused(|d| d.id = "Кусиро".into()), is("id", RU.err_id));
        assert_eq!(refused(|d| d.id = " niigata ".into()), is("id", RU.err_id_taken));
        let mut edit = CityDraft::from_city(&model().cities[0]);
        edit.name_en = "Niigata".into();
        let m = model();
        let c = edit.validate(EditContext { model: &m, t: &RU, base: m.city(&CityId::new("niigata")) });
        assert_eq!(c.map(|c| c.name_en), Ok("Niigata".to_owned()), "editing keeps its own id");
    }

    #[test]
    fn a_new_city_is_valid_without_an_id() {
        let c = validate(&CityDraft { id: String::new(), ..kushiro() }).expect("the id is made at «Применить»");
        assert_eq!(c.name_ru, "Кусиро");
        let shown = CityDraft::new_city();
        assert!(shown.id.is_empty(), "a new city starts without an id");
    }

    #[test]
    fn the_russian_name_is_required() {
        assert_eq!(refused(|d| d.name_ru = "  ".into()), is("name_ru", RU.err_required));
    }

    #[test]
    fn bad_dates_and_time_zones_are_refused() {
        assert_eq!(refused(|d| d.since = "1975 год".into()), is("since", RU.err_partial_date));
        assert_eq!(refused(|d| d.time_zone = "Токио".into()), is("time_zone", RU.err_tz));
        assert_eq!(
            refused(|d| d.agreements[0].signed = "32.01.1975".into()),
            is("agreements[0].signed", RU.err_partial_date)
        );
        assert_eq!(refused(|d| d.agreements[0].expires = "2030".into()), is("agreements[0].expires", RU.err_date));
        assert_eq!(refused(|d| d.agreements[0].title.clear()), is("agreements[0].title", RU.err_required));
    }

    #[test]
    fn coordinates_must_be_on_the_globe() {
        assert_eq!(refused(|d| d.lat = "91".into()), is("lat", RU.err_lat));
        assert_eq!(refused(|d| d.lat = "north".into()), is("lat", RU.err_lat));
        assert_eq!(refused(|d| d.lon = "-180.5".into()), is("lon", RU.err_lon));
    }

    #[test]
    fn the_population_is_a_whole_number() {
        assert_eq!(refused(|d| d.population = "165 077.5".into()), is("population", RU.err_number));
        assert_eq!(refused(|d| d.population = "-1".into()), is("population", RU.err_number));
        assert_eq!(refused(|d| d.population = "много".into()), is("population", RU.err_number));
    }
}
