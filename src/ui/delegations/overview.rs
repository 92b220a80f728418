//! «Общее»: a delegation's dates, travel, status and people in charge, shown and edited as a
//! draft that is checked as you type.

use super::*;
use crate::model::Language;
use crate::model::{Model, ids};
use crate::ui::form::{Draft, EditContext, FieldErrors, Form, TextDraft, offered_languages, time_text};
use chrono::NaiveDate;

/// The overview's fields as typed.
#[derive(Clone, Debug, Default)]
pub struct OverviewDraft {
    pub(super) is_new: bool,
    pub(super) id: String,
    pub(super) direction: Direction,
    pub(super) partner_city: Option<CityId>,
    pub(super) other_party: String,
    pub(super) kind: DelegationKind,
    pub(super) status: DelegationStatus,
    pub(super) title: TextDraft,
    pub(super) purpose: String,
    pub(super) arrival_date: String,
    pub(super) arrival_time: String,
    pub(super) arrival_transport: String,
    pub(super) departure_date: String,
    pub(super) departure_time: String,
    pub(super) departure_transport: String,
    pub(super) event: Option<EventId>,
    pub(super) responsible: Option<PersonId>,
    pub(super) accommodation: String,
    pub(super) headcount: String,
    pub(super) notes: String,
}

impl OverviewDraft {
    pub(super) fn from(d: &Delegation) -> Self {
        OverviewDraft {
            is_new: false,
            id: d.id.to_string(),
            direction: d.direction,
            partner_city: d.partner_city.clone(),
            other_party: d.other_party.clone(),
            kind: d.kind,
            status: d.status,
            title: TextDraft::from(&d.title),
            purpose: d.purpose.clone(),
            arrival_date: fmt_date(d.arrival.date),
            arrival_time: time_text(d.arrival.time),
            arrival_transport: d.arrival.transport.clone(),
            departure_date: fmt_date(d.departure.date),
            departure_time: time_text(d.departure.time),
            departure_transport: d.departure.transport.clone(),
            event: d.event.clone(),
            responsible: d.responsible.clone(),
            accommodation: d.accommodation.clone(),
            headcount: d.headcount.map(|n| n.to_string()).unwrap_or_default(),
            notes: d.notes.clone(),
        }
    }
}

impl Draft for OverviewDraft {
    type Record = Delegation;
    type Context<'a> = EditContext<'a, Delegation>;

    /// The delegation the draft describes (on top of `base`), or the errors.
    fn validate(&self, cx: EditContext<'_, Delegation>) -> Result<Delegation, FieldErrors> {
        let EditContext { model, t, base } = cx;
        let mut errors = FieldErrors::new();
        // A new delegation's id is made at «Применить» (see `new_delegation_id`); an id set
        // beforehand (by code, never typed) must still be a free slug.
        let id = self.id.trim();
        if self.is_new && !id.is_empty() {
            if !is_valid_slug(id) {
                errors.insert("id", t.err_id);
            } else if model.delegation(&DelegationId::new(id)).is_some() {
                errors.insert("id", t.err_id_taken);
            }
        }
        errors.required("title_ru", self.title.get(Language::Ru), t);
        // A partner city, or the other party named: the visit is with someone.
        match &self.partner_city {
            Some(c) if model.city(c).is_none() => errors.insert("partner_city", t.err_unknown_city),
            None if self.other_party.trim().is_empty() => errors.insert("other_party", t.err_no_counterpart),
            _ => {}
        }
        let arrival = errors.date("arrival_date", &self.arrival_date, t);
        let departure = errors.date("departure_date", &self.departure_date, t);
        let arrival_time = errors.optional_time("arrival_time", &self.arrival_time, t);
        let departure_time = errors.optional_time("departure_time", &self.departure_time, t);
        if let (Some(a), Some(d)) = (arrival, departure)
            && d < a
        {
            errors.insert("departure_date", t.err_end_before_start);
        }
        let headcount = errors.optional_number::<u32>("headcount", &self.headcount, t);
        let (Some(arrival), Some(departure)) = (arrival, departure) else { return Err(errors) };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut d = base.cloned().unwrap_or_default();
        d.id = DelegationId::new(id);
        d.direction = self.direction;
        d.partner_city = self.partner_city.clone();
        d.other_party = self.other_party.trim().to_owned();
        d.kind = self.kind;
        d.status = self.status;
        d.title = self.title.to_text();
        d.purpose = self.purpose.trim().to_owned();
        d.arrival = Travel { date: arrival, time: arrival_time, transport: self.arrival_transport.trim().to_owned() };
        d.departure =
            Travel { date: departure, time: departure_time, transport: self.departure_transport.trim().to_owned() };
        d.event = self.event.clone();
        d.responsible = self.responsible.clone();
        d.accommodation = self.accommodation.trim().to_owned();
        d.headcount = headcount;
        d.notes = self.notes.trim().to_owned();
        if self.is_new && d.checklist.is_empty() {
            d.checklist = default_checklist(d.kind, d.direction, arrival);
        }
        Ok(d)
    }
}

/// A new delegation's id, made once from its Russian title and arrival date (never changed
/// afterwards, even when the dates move), free in `model`.
pub(super) fn new_delegation_id(model: &Model, title_ru: &str, arrival: NaiveDate) -> DelegationId {
    DelegationId::new(ids::new_id(title_ru, Some(arrival), "visit", |c| {
        model.delegation(&DelegationId::new(c)).is_some()
    }))
}

impl DelegationsPanel {
    pub(super) fn overview_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        d: Option<&Delegation>,
        out: &mut Vec<Action>,
    ) {
        let t = view.t;
        let lang = view.lang;
        let model = view.model;
        if self.overview.is_none() {
            if let Some(d) = d {
                if ui.add_enabled(!view.read_only, egui::Button::new(t.edit)).clicked() {
                    self.overview = Some(OverviewDraft::from(d));
                }
                egui::Grid::new("overview-grid").num_columns(2).striped(true).show(ui, |ui| {
                    let row = |ui: &mut egui::Ui, k: &str, v: String| {
                        if !v.is_empty() {
                            ui.label(k);
                            ui.add(egui::Label::new(v).wrap());
                            ui.end_row();
                        }
                    };
                    // The title's other forms: the heading shows the one in the UI language.
                    for (l, text) in d.title.iter().filter(|(_, text)| *text != d.title(lang)) {
                        row(ui, &format!("{} ({})", t.f_title, l.short(lang)), text.to_owned());
                    }
                    row(ui, t.f_kind, i18n::kind_name(lang, d.kind).to_owned());
                    row(ui, t.f_purpose, d.purpose.clone());
                    let travel = |tr: &Travel| {
                        format!("{} {} {}", fmt_date(tr.date), time_text(tr.time), tr.transport).trim().to_owned()
                    };
                    row(ui, t.f_arrival_date, travel(&d.arrival));
                    row(ui, t.f_departure_date, travel(&d.departure));
                    row(
                        ui,
                        t.f_event,
                        d.event
                            .as_ref()
                            .and_then(|e| model.event(e))
                            .map(|e| e.title(lang).to_owned())
                            .unwrap_or_default(),
                    );
                    row(
                        ui,
                        t.f_responsible,
                        d.responsible.as_ref().map(|p| person_name(model, p, lang).to_owned()).unwrap_or_default(),
                    );
                    row(ui, t.f_accommodation, d.accommodation.clone());
                    row(ui, t.f_headcount, d.participant_count().to_string());
                    row(ui, t.f_notes, d.notes.clone());
                });
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let l = ui.label(t.copy_to_year);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.copy_date)
                            .id(egui::Id::unique("overview-copy-date"))
                            .hint_text(t.date_hint)
                            .desired_width(100.0),
                    )
                    .labelled_by(l.id);
                    let date = parse_russian_date(&self.copy_date);
                    if ui.add_enabled(date.is_some() && !view.read_only, egui::Button::new(t.copy)).clicked()
                        && let Some(date) = date
                    {
                        let id = new_delegation_id(model, d.title.ru_text(), date);
                        let copy = d.copy_to(id.clone(), date);
                        out.push(Action::Apply(put(copy)));
                        self.selected = Some(id);
                        self.copy_date.clear();
                    }
                });
            }
            return;
        }
        let Some(draft) = self.overview.as_mut() else { return };
        let result = draft.validate(EditContext { model, t, base: d });
        let form = Form::of("overview-form", &result);
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(result.is_ok() && !view.read_only, egui::Button::new(t.apply)).clicked()
                && let Ok(d) = &result
            {
                let mut d = d.clone();
                if draft.is_new && draft.id.trim().is_empty() {
                    // Made once, here: the draft closes with this id.
                    d.id = new_delegation_id(model, d.title.ru_text(), d.arrival.date);
                    draft.id = d.id.to_string();
                }
                self.selected = Some(d.id.clone());
                out.push(Action::Apply(put(d)));
                close = true;
            }
            if ui.button(t.cancel).clicked() {
                close = true;
            }
        });
        egui::Grid::new("overview-form").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
            let offered = offered_languages(model, draft.partner_city.iter());
            form.translations(ui, "title", t.f_title_ru, t.f_title, lang, &mut draft.title, &offered);
            form.combo(ui, "direction", t.f_direction, i18n::direction_name(t, draft.direction), |ui| {
                ui.selectable_value(&mut draft.direction, Direction::Incoming, t.incoming);
                ui.selectable_value(&mut draft.direction, Direction::Outgoing, t.outgoing);
            });
            // «Нет» for a visit with another city or an organisation, named in the next field.
            let cities = || {
                std::iter::once((None, t.no_partner_city.to_owned()))
                    .chain(
                        model
                            .partner_cities_sorted(lang)
                            .into_iter()
                            .map(|c| (Some(c.id.clone()), c.name(lang).to_owned())),
                    )
                    .collect()
            };
            let shown = draft
                .partner_city
                .as_ref()
                .map_or(t.no_partner_city.to_owned(), |c| city_name(model, c, lang).to_owned());
            form.pick(ui, "partner_city", t.f_partner_city, &mut draft.partner_city, cities, &shown, t.search);
            if draft.partner_city.is_none() || !draft.other_party.trim().is_empty() {
                form.text(ui, "other_party", t.f_other_party, &mut draft.other_party);
            }
            form.combo(ui, "kind", t.f_kind, i18n::kind_name(lang, draft.kind), |ui| {
                for k in DelegationKind::ALL {
                    ui.selectable_value(&mut draft.kind, k, i18n::kind_name(lang, k));
                }
            });
            form.combo(ui, "status", t.f_status_del, i18n::status_del_name(lang, draft.status), |ui| {
                for s in [
                    DelegationStatus::Planned,
                    DelegationStatus::Confirmed,
                    DelegationStatus::InProgress,
                    DelegationStatus::Done,
                    DelegationStatus::Cancelled,
                ] {
                    ui.selectable_value(&mut draft.status, s, i18n::status_del_name(lang, s));
                }
            });
            form.text_area(ui, "purpose", t.f_purpose, &mut draft.purpose);
            form.text(ui, "arrival_date", t.f_arrival_date, &mut draft.arrival_date);
            // A field the overview sent the cursor to is brought into view.
            let shown = |r: egui::Response| {
                if r.gained_focus() {
                    r.scroll_to_me(None);
                }
            };
            shown(form.text(ui, "arrival_time", t.f_arrival_time, &mut draft.arrival_time));
            shown(form.text(ui, "arrival_transport", t.f_arrival_transport, &mut draft.arrival_transport));
            form.text(ui, "departure_date", t.f_departure_date, &mut draft.departure_date);
            shown(form.text(ui, "departure_time", t.f_departure_time, &mut draft.departure_time));
            shown(form.text(ui, "departure_transport", t.f_departure_transport, &mut draft.departure_transport));
            // Events by date, newest first, each with its date: a yearly event recurs by title.
            let event_line = |e: &crate::model::Event| format!("{} — {}", fmt_date(e.start_date), e.title(lang));
            let events = || {
                let mut list: Vec<&crate::model::Event> = model.events.records().collect();
                list.sort_by(|a, b| b.start_date.cmp(&a.start_date).then_with(|| a.id.cmp(&b.id)));
                std::iter::once((None, t.none.to_owned()))
                    .chain(list.into_iter().map(|e| (Some(e.id.clone()), event_line(e))))
                    .collect()
            };
            let shown = draft.event.as_ref().and_then(|e| model.event(e)).map_or(t.none.to_owned(), event_line);
            form.pick(ui, "event", t.f_event, &mut draft.event, events, &shown, t.search);
            person_pick(ui, &form, "responsible", t.f_responsible, model, lang, &mut draft.responsible, Offer::Staff);
            form.text(ui, "accommodation", t.f_accommodation, &mut draft.accommodation);
            form.text(ui, "headcount", t.f_headcount, &mut draft.headcount);
            form.text_area(ui, "notes", t.f_notes, &mut draft.notes);
        });
        if close {
            self.overview = None;
        }
    }
}
