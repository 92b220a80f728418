//! The city form: a city, its agreements and contacts as drafts, validated as you type,
//! and the languages its guests read (which the visit forms and the print menu offer).

use super::*;
use crate::model::Language;

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
    /// The guests' languages, in [`Language::ALL`] order.
    languages: Vec<Language>,
    agreements: Vec<AgreementDraft>,
    contacts: Vec<ContactDraft>,
}

impl CityDraft {
    /// Whether the form adds a city rather than edits one.
    pub fn is_new(&self) -> bool {
        self.is_new
    }

    /// The id as in the form (fixed for an existing city).
    pub fn id(&self) -> &str {
        &self.id
    }

    pub(super) fn from_city(c: &City) -> Self {
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
            languages: c.languages.clone(),
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

    pub(super) fn new_city() -> Self {
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
        city.languages = self.languages.clone();
        Ok(city)
    }
}

impl CitiesPanel {
    pub(super) fn form_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let Some(draft) = self.draft.as_mut() else { return };
        let base = if draft.is_new { None } else { view.model.city(&CityId::new(draft.id.trim())) };
        let result = draft.validate(EditContext { model: view.model, t, base });
        let form = Form::of("city-form", &result);
        ui.heading(if draft.is_new {
            t.new_city.to_owned()
        } else {
            format!(
                "{}: {}",
                t.edit,
                if view.lang == Lang::En && !draft.name_en.trim().is_empty() { &draft.name_en } else { &draft.name_ru }
            )
        });
        if !draft.is_new {
            crate::ui::widgets::open_elsewhere(ui, view, &RecordId::City(CityId::new(draft.id.trim())));
        }
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
            let lang = view.lang;
            form.row(ui, "languages", t.f_guest_languages, |ui| {
                // Two short rows: a wrapping layout inside a grid cell loses the rows after it.
                ui.vertical(|ui| {
                    for row in [&Language::ALL[..2], &Language::ALL[2..]] {
                        ui.horizontal(|ui| {
                            for &l in row {
                                let mut on = draft.languages.contains(&l);
                                if ui.checkbox(&mut on, l.name(lang)).changed() {
                                    draft.languages.retain(|x| *x != l);
                                    if on {
                                        // Added last: the list keeps the order the city's
                                        // languages were named in, most used first.
                                        draft.languages.push(l);
                                    }
                                }
                            }
                        });
                    }
                })
                .response
            });
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::PartialDate;
    use crate::ui::i18n::RU;

    fn model() -> Model {
        let niigata = City { id: CityId::new("niigata"), name_ru: "Ниигата".into(), ..City::default() };
        Model { cities: vec![niigata.into()], ..Model::default() }
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
        let d = CityDraft { languages: vec![Language::Ja], ..kushiro() };
        assert_eq!(validate(&d).expect("valid").languages, [Language::Ja], "the guests' language");
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
