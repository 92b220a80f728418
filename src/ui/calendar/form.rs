//! The event form: every field as typed text, checked as you type; «Применить» puts the event.

use super::*;
use crate::model::Language;
use crate::ui::form::{Draft, EditContext, FieldErrors, Form, TextDraft, offered_languages, time_text};

/// An event being edited, every field as typed.
#[derive(Clone, Debug, Default)]
pub struct EventDraft {
    pub(super) is_new: bool,
    pub(super) id: String,
    pub(super) title: TextDraft,
    pub(super) category: EventCategory,
    pub(super) start_date: String,
    pub(super) end_date: String,
    pub(super) start_time: String,
    pub(super) end_time: String,
    pub(super) time_zone: String,
    pub(super) venue: String,
    pub(super) host_city: Option<CityId>,
    pub(super) rrule: String,
    pub(super) exdates: String,
    pub(super) rotation: String,
    pub(super) public: bool,
    pub(super) participants: String,
    pub(super) description: String,
    pub(super) uid: String,
    pub(super) partner_cities: Vec<CityId>,
}

impl EventDraft {
    pub(super) fn from_event(e: &Event) -> Self {
        EventDraft {
            is_new: false,
            id: e.id.to_string(),
            title: TextDraft::from(&e.title),
            category: e.category,
            start_date: fmt_date(e.start_date),
            end_date: fmt_date(e.end_date),
            start_time: time_text(e.start_time),
            end_time: time_text(e.end_time),
            time_zone: e.time_zone.name().to_owned(),
            venue: e.venue.clone(),
            host_city: e.host_city.clone(),
            rrule: e.recurrence.as_ref().map(|r| r.rrule.clone()).unwrap_or_default(),
            exdates: e
                .recurrence
                .as_ref()
                .map(|r| r.exdates.iter().map(|d| fmt_date(*d)).collect::<Vec<_>>().join(", "))
                .unwrap_or_default(),
            rotation: e
                .recurrence
                .as_ref()
                .map(|r| r.host_rotation.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "))
                .unwrap_or_default(),
            public: e.public,
            participants: e.foreign_participants.map(|n| n.to_string()).unwrap_or_default(),
            description: e.description.clone(),
            uid: e.uid.clone(),
            partner_cities: e.partner_cities.clone(),
        }
    }

    pub(super) fn new_on(day: NaiveDate, model: &Model) -> Self {
        let home = model.home_city();
        EventDraft {
            is_new: true,
            start_date: fmt_date(day),
            end_date: fmt_date(day),
            time_zone: home.map_or("Asia/Vladivostok", |c| c.time_zone.name()).to_owned(),
            host_city: home.map(|c| c.id.clone()),
            ..EventDraft::default()
        }
    }
}

impl Draft for EventDraft {
    type Record = Event;
    type Context<'a> = EditContext<'a, Event>;

    /// The event the draft describes, or the errors beside each field. Every field of an
    /// event is in the form, so `base` is not read.
    fn validate(&self, cx: EditContext<'_, Event>) -> Result<Event, FieldErrors> {
        let EditContext { model, t, .. } = cx;
        let mut errors = FieldErrors::new();
        // A new event's id is made at «Применить» from its Russian title and start date
        // (`ids::new_id`); an id set beforehand (by code, never typed) must still be a free slug.
        let id = self.id.trim();
        if self.is_new && !id.is_empty() {
            if !is_valid_slug(id) {
                errors.insert("id", t.err_id);
            } else if model.event(&EventId::new(id)).is_some() {
                errors.insert("id", t.err_id_taken);
            }
        }
        errors.required("title_ru", self.title.get(Language::Ru), t);
        let start = errors.date("start_date", &self.start_date, t);
        let end = errors.date("end_date", &self.end_date, t);
        let start_time = errors.optional_time("start_time", &self.start_time, t);
        let end_time = errors.optional_time("end_time", &self.end_time, t);
        let tz = self.time_zone.trim().parse::<Tz>().ok();
        if tz.is_none() {
            errors.insert("time_zone", t.err_tz);
        }
        let participants = errors.optional_number::<u32>("participants", &self.participants, t);
        let rotation: Vec<CityId> =
            self.rotation.split(',').map(str::trim).filter(|s| !s.is_empty()).map(CityId::new).collect();
        if rotation.iter().any(|c| model.city(c).is_none()) {
            errors.insert("rotation", t.err_unknown_city);
        }
        let mut exdates = Vec::new();
        for part in self.exdates.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            exdates.extend(errors.date("exdates", part, t));
        }
        let recurrence = if self.rrule.trim().is_empty() {
            None
        } else {
            Some(Recurrence { rrule: self.rrule.trim().to_owned(), exdates, host_rotation: rotation })
        };
        let (Some(start), Some(end), Some(tz)) = (start, end, tz) else { return Err(errors) };
        let event = Event {
            id: EventId::new(id),
            title: self.title.to_text(),
            category: self.category,
            start_date: start,
            end_date: end,
            start_time,
            end_time,
            time_zone: tz,
            venue: self.venue.trim().to_owned(),
            host_city: self.host_city.clone(),
            partner_cities: self.partner_cities.clone(),
            recurrence,
            public: self.public,
            foreign_participants: participants,
            description: self.description.trim().to_owned(),
            uid: self.uid.clone(),
        };
        if event.ends_before_start() {
            errors.insert("end_date", t.err_end_before_start);
        }
        if event.validate_recurrence().is_err() {
            errors.insert("rrule", t.err_rrule);
        }
        errors.or_ok(event)
    }
}

impl CalendarPanel {
    pub(super) fn form_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let lang = view.lang;
        let Some(draft) = self.draft.as_mut() else { return };
        let result = draft.validate(EditContext { model: view.model, t, base: None });
        let form = Form::of("event-form", &result);
        ui.heading(if draft.is_new {
            t.new_event_title.to_owned()
        } else {
            let shown = draft.title.get(lang.into());
            format!("{}: {}", t.edit, if shown.trim().is_empty() { draft.title.get(Language::Ru) } else { shown })
        });
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(result.is_ok() && !view.read_only, egui::Button::new(t.apply)).clicked()
                && let Ok(e) = &result
            {
                let mut e = e.clone();
                if draft.is_new && draft.id.trim().is_empty() {
                    // Made once, here: the draft closes with this id.
                    let taken = |c: &str| view.model.event(&EventId::new(c)).is_some();
                    e.id =
                        EventId::new(crate::model::ids::new_id(e.title.ru_text(), Some(e.start_date), "event", taken));
                    draft.id = e.id.to_string();
                }
                out.push(Action::Apply(Command::put(Record::Event(e.clone()))));
                self.cursor = e.start_date;
                close = true;
            }
            if ui.button(t.cancel).clicked() {
                close = true;
            }
            if !draft.is_new && ui.add_enabled(!view.read_only, egui::Button::new(t.delete)).clicked() {
                out.push(Action::Apply(Command::Remove(RecordId::Event(EventId::new(draft.id.trim())))));
                close = true;
            }
        });
        egui::Grid::new("event-form").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
            let offered = offered_languages(view.model, draft.host_city.iter().chain(&draft.partner_cities));
            form.translations(ui, "title", t.f_title_ru, t.f_title, lang, &mut draft.title, &offered);
            form.combo(ui, "category", t.f_category, i18n::category_name(lang, draft.category), |ui| {
                for c in EventCategory::ALL {
                    ui.selectable_value(&mut draft.category, c, i18n::category_name(lang, c));
                }
            });
            form.text(ui, "start_date", t.f_start_date, &mut draft.start_date);
            form.text(ui, "end_date", t.f_end_date, &mut draft.end_date);
            form.text(ui, "start_time", t.f_start_time, &mut draft.start_time);
            form.text(ui, "end_time", t.f_end_time, &mut draft.end_time);
            form.text(ui, "time_zone", t.f_time_zone, &mut draft.time_zone);
            form.text(ui, "venue", t.f_venue, &mut draft.venue);
            let host_text = draft
                .host_city
                .as_ref()
                .and_then(|c| view.model.city(c))
                .map_or(t.none.to_owned(), |c| c.name(view.lang).to_owned());
            let mut host = draft.host_city.clone();
            // The home city may host: every city is offered, sorted by its name.
            let cities = || {
                std::iter::once((None, t.none.to_owned()))
                    .chain(
                        view.model
                            .cities_sorted(view.lang)
                            .into_iter()
                            .map(|c| (Some(c.id.clone()), c.name(view.lang).to_owned())),
                    )
                    .collect()
            };
            form.pick(ui, "host_city", t.f_host_city, &mut host, cities, &host_text, t.search);
            if host != draft.host_city {
                if let Some(c) = host.as_ref().and_then(|h| view.model.city(h)) {
                    draft.time_zone = c.time_zone.name().to_owned();
                }
                draft.host_city = host;
            }
            form.text(ui, "rrule", t.f_rrule, &mut draft.rrule);
            form.text(ui, "exdates", t.f_exdates, &mut draft.exdates);
            form.text(ui, "rotation", t.f_rotation, &mut draft.rotation);
            form.checkbox(ui, "public", &mut draft.public, t.f_public);
            form.text(ui, "participants", t.f_participants, &mut draft.participants);
            form.text_area(ui, "description", t.f_description, &mut draft.description);
        });
        if let Ok(e) = &result
            && let (Some(st), Some(home)) = (e.start_time, view.model.home_city())
        {
            let place = e
                .host_city
                .as_ref()
                .and_then(|h| view.model.city(h))
                .map_or(e.time_zone.name().to_owned(), |c| c.name_ru.clone());
            ui.weak(time_with_home(e.time_zone, e.start_date, st, &place, home.time_zone, &home.name_ru));
        }
        if close {
            self.draft = None;
        }
    }
}
