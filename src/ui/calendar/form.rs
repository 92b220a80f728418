//! The event form: every field as typed, checked as you type; «Применить» puts the event.
//! Opened on one occurrence of a series, it shows that occurrence and asks on «Применить»
//! whether the change is for «только это» (an override) or «все» (the series).

use super::rule::{RuleDraft, exdates_row, rotation_row, rule_row};
use super::*;
use crate::model::{Language, Override};
use crate::ui::form::{Draft, EditContext, FieldErrors, Form, TextDraft, offered_languages, time_text};

/// The occurrence a form was opened on: the series as it was, and the occurrence as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct OnOccurrence {
    pub(super) recurrence_id: NaiveDate,
    pub(super) series: Event,
    pub(super) shown: Event,
}

/// A question the form is waiting on.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Ask {
    /// «Только это / все» for the edited occurrence.
    Apply(Box<Event>),
    /// «Только это событие / всю серию» for a delete.
    Delete,
}

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
    pub(super) rule: RuleDraft,
    pub(super) exdates: Vec<NaiveDate>,
    pub(super) rotation: Vec<CityId>,
    /// The series' changed occurrences, carried through the form untouched.
    pub(super) overrides: Vec<Override>,
    /// Set when the form shows one occurrence of a series.
    pub(super) occurrence: Option<OnOccurrence>,
    pub(super) ask: Option<Ask>,
    pub(super) public: bool,
    pub(super) participants: String,
    pub(super) description: String,
    pub(super) public_description: TextDraft,
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
            rule: RuleDraft::from_rrule(e.recurrence.as_ref().map(|r| r.rrule.as_str())),
            exdates: e.recurrence.as_ref().map(|r| r.exdates.clone()).unwrap_or_default(),
            rotation: e.recurrence.as_ref().map(|r| r.host_rotation.clone()).unwrap_or_default(),
            overrides: e.recurrence.as_ref().map(|r| r.overrides.clone()).unwrap_or_default(),
            occurrence: None,
            ask: None,
            public: e.public,
            participants: e.foreign_participants.map(|n| n.to_string()).unwrap_or_default(),
            description: e.description.clone(),
            public_description: TextDraft::from(&e.public_description),
            uid: e.uid.clone(),
            partner_cities: e.partner_cities.clone(),
        }
    }

    /// The form on one occurrence of a series: the occurrence's dates, times, title, venue,
    /// host and description; the series' repetition.
    pub(super) fn for_occurrence(series: &Event, occ: &Occurrence) -> Self {
        let shown = series.occurrence_as_event(occ);
        EventDraft {
            occurrence: Some(OnOccurrence {
                recurrence_id: occ.recurrence_id,
                series: series.clone(),
                shown: shown.clone(),
            }),
            ..EventDraft::from_event(&shown)
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
        if self.rotation.iter().any(|c| model.city(c).is_none()) {
            errors.insert("rotation", t.err_unknown_city);
        }
        // The repetition is the series': an occurrence's form reads the rule from its start.
        let rule_start = self.occurrence.as_ref().map_or(start, |o| Some(o.series.start_date));
        let recurrence = match self.rule.to_rrule(rule_start) {
            Ok(Some(rrule)) => Some(Recurrence {
                rrule,
                exdates: self.exdates.clone(),
                host_rotation: self.rotation.clone(),
                overrides: self.overrides.clone(),
            }),
            Ok(None) => None,
            Err("until") => {
                errors.insert("rrule_until", t.err_date);
                None
            }
            Err(_) => {
                errors.insert("rrule_until", t.err_end_before_start);
                None
            }
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
            public_description: self.public_description.to_text(),
            uid: self.uid.clone(),
        };
        if event.ends_before_start() {
            errors.insert("end_date", t.err_end_before_start);
        }
        // An occurrence's form checks the rule against the series' start.
        let rule_check = match &self.occurrence {
            Some(o) => Event { recurrence: event.recurrence.clone(), ..o.series.clone() },
            None => event.clone(),
        };
        if rule_check.validate_recurrence().is_err() {
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
        let shown = draft.title.get(lang.into());
        let name = if shown.trim().is_empty() { draft.title.get(Language::Ru).to_owned() } else { shown.to_owned() };
        ui.heading(match (&draft.occurrence, draft.is_new) {
            (_, true) => t.new_event_title.to_owned(),
            (Some(o), _) => format!("{} «{}»: {}", t.occurrence_of, o.series.title(lang), fmt_date(o.recurrence_id)),
            (None, false) => format!("{}: {name}", t.edit),
        });
        if !draft.is_new {
            let id = crate::model::EventId::new(draft.id.trim());
            crate::ui::widgets::open_elsewhere(ui, view, &crate::model::RecordId::Event(id));
        }
        if let Some(o) = &draft.occurrence
            && o.series
                .recurrence
                .as_ref()
                .is_some_and(|r| r.overrides.iter().any(|x| x.recurrence_id == o.recurrence_id))
        {
            ui.colored_label(theme::info(), t.occurrence_changed);
        }
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
                match &draft.occurrence {
                    // Nothing changed: nothing to ask.
                    Some(o) if o.shown == e => close = true,
                    Some(_) => draft.ask = Some(Ask::Apply(Box::new(e))),
                    None => {
                        out.push(Action::Apply(Command::put(Record::Event(e.clone()))));
                        self.cursor = e.start_date;
                        close = true;
                    }
                }
            }
            if ui.button(t.cancel).clicked() {
                close = true;
            }
            if !draft.is_new && ui.add_enabled(!view.read_only, egui::Button::new(t.delete)).clicked() {
                if draft.occurrence.is_some() {
                    draft.ask = Some(Ask::Delete);
                } else {
                    out.push(Action::Apply(Command::Remove(RecordId::Event(EventId::new(draft.id.trim())))));
                    close = true;
                }
            }
            if let Some(o) = &draft.occurrence
                && o.series
                    .recurrence
                    .as_ref()
                    .is_some_and(|r| r.overrides.iter().any(|x| x.recurrence_id == o.recurrence_id))
                && ui.add_enabled(!view.read_only, egui::Button::new(t.reset_occurrence)).clicked()
            {
                let reset = o.series.with_override(Override { recurrence_id: o.recurrence_id, ..Override::default() });
                out.push(Action::Apply(Command::put(Record::Event(reset))));
                close = true;
            }
        });
        let start = crate::model::date::parse_russian_date(&draft.start_date).unwrap_or(view.today);
        let series_start = draft.occurrence.as_ref().map_or(start, |o| o.series.start_date);
        let mut open_occurrence = None;
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
            rule_row(ui, &form, view, &mut draft.rule, series_start);
            if draft.rule.repeats {
                exdates_row(ui, &form, view, &mut draft.exdates, start);
                rotation_row(ui, &form, view, &mut draft.rotation);
            }
            form.checkbox(ui, "public", &mut draft.public, t.f_public);
            if draft.public || !draft.public_description.to_text().is_empty() {
                form.translation_areas(
                    ui,
                    "public_description",
                    t.f_public_description_ru,
                    t.f_public_description,
                    lang,
                    &mut draft.public_description,
                    &offered_languages(view.model, draft.host_city.iter().chain(&draft.partner_cities)),
                );
            }
            form.text(ui, "participants", t.f_participants, &mut draft.participants);
            form.text_area(ui, "description", t.f_description, &mut draft.description);
        });
        // The series' changed occurrences, with those the rule no longer gives marked.
        if draft.occurrence.is_none()
            && !draft.overrides.is_empty()
            && let Ok(e) = &result
        {
            ui.separator();
            ui.label(fonts::bold(t.overrides_title));
            let orphans: Vec<NaiveDate> = e.orphan_overrides().iter().map(|o| o.recurrence_id).collect();
            let mut remove = None;
            for (i, o) in draft.overrides.iter().enumerate() {
                ui.horizontal(|ui| {
                    let moved = o.start_date.filter(|d| *d != o.recurrence_id).map(|d| format!(" → {}", fmt_date(d)));
                    let title = o.title.as_ref().map(|x| format!(": {}", x.show(lang))).unwrap_or_default();
                    ui.label(format!("{}{}{title}", fmt_date(o.recurrence_id), moved.unwrap_or_default()));
                    if orphans.contains(&o.recurrence_id) {
                        ui.colored_label(theme::warning(), t.override_orphan);
                    } else if ui.small_button(t.open_occurrence).clicked() {
                        open_occurrence = e.occurrence_at(o.recurrence_id).map(|occ| (e.clone(), occ));
                    }
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.delete_override).small()).clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                draft.overrides.remove(i);
            }
        }
        if let Ok(e) = &result
            && let (Some(st), Some(home)) = (e.start_time, view.model.home_city())
        {
            let place = e
                .host_city
                .as_ref()
                .and_then(|h| view.model.city(h))
                .map_or(e.time_zone.name().to_owned(), |c| c.name(lang).to_owned());
            ui.weak(time_with_home(e.time_zone, e.start_date, st, &place, home.time_zone, home.name(lang)));
        }
        if let Some(done) = self.ask_ui(ui, view, out) {
            close = done;
        }
        if close {
            self.draft = None;
        }
        if let Some((series, occ)) = open_occurrence {
            self.draft = Some(EventDraft::for_occurrence(&series, &occ));
        }
    }

    /// The «только это / все» question; `Some(true)` when it was answered and the form closes.
    fn ask_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) -> Option<bool> {
        let t = view.t;
        let draft = self.draft.as_mut()?;
        let ask = draft.ask.clone()?;
        let o = draft.occurrence.clone()?;
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("only-this-or-all")).show(ui.ctx(), |ui| {
            ui.heading(t.only_this_title);
            match &ask {
                Ask::Apply(edited) => {
                    ui.label(t.only_this_question);
                    let blocked = Event::series_fields_differ(&o.shown, edited);
                    ui.horizontal(|ui| {
                        let only = ui.add_enabled(!blocked, egui::Button::new(t.only_this));
                        let only = if blocked { only.on_disabled_hover_text(t.only_this_blocked) } else { only };
                        if only.clicked() {
                            let changed = o.series.with_override(o.series.override_for(o.recurrence_id, edited));
                            answer = Some(Some(changed));
                        }
                        if ui.button(t.all_of_them).clicked() {
                            answer = Some(Some(o.series.change_all(&o.shown, edited)));
                        }
                        if ui.button(t.cancel).clicked() {
                            answer = Some(None);
                        }
                    });
                }
                Ask::Delete => {
                    ui.label(t.delete_which);
                    ui.horizontal(|ui| {
                        if ui.button(t.delete_only_this).clicked() {
                            answer = Some(Some(o.series.without_occurrence(o.recurrence_id)));
                        }
                        if ui.button(t.delete_series).clicked() {
                            out.push(Action::Apply(Command::Remove(RecordId::Event(o.series.id.clone()))));
                            answer = Some(None);
                            draft.occurrence = None;
                        }
                        if ui.button(t.cancel).clicked() {
                            answer = Some(None);
                        }
                    });
                }
            }
        });
        let answer = answer?;
        draft.ask = None;
        match answer {
            Some(event) => {
                out.push(Action::Apply(Command::put(Record::Event(event))));
                Some(true)
            }
            // Cancel keeps the form open; the series' delete closes it.
            None => Some(draft.occurrence.is_none()),
        }
    }
}
