//! «Общее»: a delegation's dates, travel, status and people in charge, shown and edited as a
//! draft that is checked as you type.

use super::*;

/// The overview's fields as typed.
#[derive(Clone, Debug, Default)]
pub struct OverviewDraft {
    pub(super) is_new: bool,
    pub(super) id: String,
    pub(super) direction: Direction,
    pub(super) partner_city: CityId,
    pub(super) kind: DelegationKind,
    pub(super) status: DelegationStatus,
    pub(super) title_ru: String,
    pub(super) title_en: String,
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

pub(super) type Errors = BTreeMap<&'static str, &'static str>;

pub(super) fn time_text(t: Option<NaiveTime>) -> String {
    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

pub(super) fn opt_time(s: &str, key: &'static str, t: &Texts, errors: &mut Errors) -> Option<NaiveTime> {
    if s.trim().is_empty() {
        return None;
    }
    let v = NaiveTime::parse_from_str(s.trim(), "%H:%M").ok();
    if v.is_none() {
        errors.insert(key, t.err_time);
    }
    v
}

impl OverviewDraft {
    pub(super) fn from(d: &Delegation) -> Self {
        OverviewDraft {
            is_new: false,
            id: d.id.to_string(),
            direction: d.direction,
            partner_city: d.partner_city.clone(),
            kind: d.kind,
            status: d.status,
            title_ru: d.title_ru.clone(),
            title_en: d.title_en.clone(),
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

    /// The delegation the draft describes (on top of `base`), or the errors.
    pub fn validate(&self, model: &Model, t: &Texts, base: Option<&Delegation>) -> Result<Delegation, Errors> {
        let mut errors = Errors::new();
        let id = self.id.trim();
        if self.is_new {
            if !is_valid_slug(id) {
                errors.insert("id", t.err_id);
            } else if model.delegation(&DelegationId::new(id)).is_some() {
                errors.insert("id", t.err_id_taken);
            }
        }
        if self.title_ru.trim().is_empty() {
            errors.insert("title_ru", t.err_required);
        }
        if model.city(&self.partner_city).is_none() {
            errors.insert("partner_city", t.err_unknown_city);
        }
        let arrival = parse_russian_date(&self.arrival_date);
        if arrival.is_none() {
            errors.insert("arrival_date", t.err_date);
        }
        let departure = parse_russian_date(&self.departure_date);
        if departure.is_none() {
            errors.insert("departure_date", t.err_date);
        }
        let arrival_time = opt_time(&self.arrival_time, "arrival_time", t, &mut errors);
        let departure_time = opt_time(&self.departure_time, "departure_time", t, &mut errors);
        if let (Some(a), Some(d)) = (arrival, departure)
            && d < a
        {
            errors.insert("departure_date", t.err_end_before_start);
        }
        let headcount = if self.headcount.trim().is_empty() {
            None
        } else {
            let n = self.headcount.trim().parse::<u32>().ok();
            if n.is_none() {
                errors.insert("headcount", t.err_number);
            }
            n
        };
        let (Some(arrival), Some(departure)) = (arrival, departure) else { return Err(errors) };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut d = base.cloned().unwrap_or_default();
        d.id = DelegationId::new(id);
        d.direction = self.direction;
        d.partner_city = self.partner_city.clone();
        d.kind = self.kind;
        d.status = self.status;
        d.title_ru = self.title_ru.trim().to_owned();
        d.title_en = self.title_en.trim().to_owned();
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
                        d.event.as_ref().and_then(|e| model.event(e)).map(|e| e.title_ru.clone()).unwrap_or_default(),
                    );
                    row(
                        ui,
                        t.f_responsible,
                        d.responsible.as_ref().map(|p| person_name(model, p).to_owned()).unwrap_or_default(),
                    );
                    row(ui, t.f_accommodation, d.accommodation.clone());
                    row(ui, t.f_headcount, d.participant_count().to_string());
                    row(ui, t.f_notes, d.notes.clone());
                });
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let l = ui.label(t.copy_to_year);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.copy_date).hint_text("дд.мм.гггг").desired_width(100.0),
                    )
                    .labelled_by(l.id);
                    let date = parse_russian_date(&self.copy_date);
                    if ui.add_enabled(date.is_some() && !view.read_only, egui::Button::new(t.copy)).clicked()
                        && let Some(date) = date
                    {
                        let mut id = format!("{}-{}", d.id, date.year());
                        let mut n = 2;
                        while model.delegation(&DelegationId::new(id.clone())).is_some() {
                            id = format!("{}-{}-{n}", d.id, date.year());
                            n += 1;
                        }
                        let copy = d.copy_to(DelegationId::new(id.clone()), date);
                        out.push(Action::Apply(put(copy)));
                        self.selected = Some(DelegationId::new(id));
                        self.copy_date.clear();
                    }
                });
            }
            return;
        }
        let Some(draft) = self.overview.as_mut() else { return };
        let result = draft.validate(model, t, d);
        let err = |k: &str| result.as_ref().err().and_then(|e| e.get(k).copied());
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(result.is_ok() && !view.read_only, egui::Button::new(t.apply)).clicked()
                && let Ok(d) = &result
            {
                self.selected = Some(d.id.clone());
                out.push(Action::Apply(put(d.clone())));
                close = true;
            }
            if ui.button(t.cancel).clicked() {
                close = true;
            }
        });
        egui::Grid::new("overview-form").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
            if draft.is_new {
                text_field(ui, t.f_id, &mut draft.id, err("id"));
            }
            text_field(ui, t.f_title_ru, &mut draft.title_ru, err("title_ru"));
            text_field(ui, t.f_title_en, &mut draft.title_en, None);
            let l = ui.label(t.f_direction);
            egui::ComboBox::from_id_salt("ov-direction")
                .selected_text(i18n::direction_name(t, draft.direction))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.direction, Direction::Incoming, t.incoming);
                    ui.selectable_value(&mut draft.direction, Direction::Outgoing, t.outgoing);
                })
                .response
                .labelled_by(l.id);
            ui.label("");
            ui.end_row();
            let l = ui.label(t.f_partner_city);
            egui::ComboBox::from_id_salt("ov-city")
                .selected_text(city_name(model, &draft.partner_city, lang).to_owned())
                .height(300.0)
                .show_ui(ui, |ui| {
                    for c in &model.cities {
                        ui.selectable_value(&mut draft.partner_city, c.id.clone(), city_name(model, &c.id, lang));
                    }
                })
                .response
                .labelled_by(l.id);
            match err("partner_city") {
                Some(e) => ui.colored_label(theme::ERROR, e),
                None => ui.label(""),
            };
            ui.end_row();
            let l = ui.label(t.f_kind);
            egui::ComboBox::from_id_salt("ov-kind")
                .selected_text(i18n::kind_name(lang, draft.kind))
                .show_ui(ui, |ui| {
                    for k in DelegationKind::ALL {
                        ui.selectable_value(&mut draft.kind, k, i18n::kind_name(lang, k));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.label("");
            ui.end_row();
            let l = ui.label(t.f_status_del);
            egui::ComboBox::from_id_salt("ov-status")
                .selected_text(i18n::status_del_name(lang, draft.status))
                .show_ui(ui, |ui| {
                    for s in [
                        DelegationStatus::Planned,
                        DelegationStatus::Confirmed,
                        DelegationStatus::InProgress,
                        DelegationStatus::Done,
                        DelegationStatus::Cancelled,
                    ] {
                        ui.selectable_value(&mut draft.status, s, i18n::status_del_name(lang, s));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.label("");
            ui.end_row();
            text_area(ui, t.f_purpose, &mut draft.purpose);
            text_field(ui, t.f_arrival_date, &mut draft.arrival_date, err("arrival_date"));
            text_field(ui, t.f_arrival_time, &mut draft.arrival_time, err("arrival_time"));
            text_field(ui, t.f_arrival_transport, &mut draft.arrival_transport, None);
            text_field(ui, t.f_departure_date, &mut draft.departure_date, err("departure_date"));
            text_field(ui, t.f_departure_time, &mut draft.departure_time, err("departure_time"));
            text_field(ui, t.f_departure_transport, &mut draft.departure_transport, None);
            let l = ui.label(t.f_event);
            let ev_text =
                draft.event.as_ref().and_then(|e| model.event(e)).map_or(t.none.to_owned(), |e| e.title_ru.clone());
            egui::ComboBox::from_id_salt("ov-event")
                .selected_text(ev_text)
                .height(300.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.event, None, t.none);
                    for e in &model.events {
                        ui.selectable_value(&mut draft.event, Some(e.id.clone()), &e.title_ru);
                    }
                })
                .response
                .labelled_by(l.id);
            ui.label("");
            ui.end_row();
            person_combo(ui, t.f_responsible, "ov-responsible", model, &mut draft.responsible, t.none);
            text_field(ui, t.f_accommodation, &mut draft.accommodation, None);
            text_field(ui, t.f_headcount, &mut draft.headcount, err("headcount"));
            text_area(ui, t.f_notes, &mut draft.notes);
        });
        if close {
            self.overview = None;
        }
    }
}
