//! «Программа»: the programme of stay day by day; items are edited as drafts.

use super::*;
use crate::model::Language;
use crate::ui::form::{Draft, FieldErrors, Form, TextDraft, offered_languages, time_text};

/// A programme item as typed.
#[derive(Clone, Debug, Default)]
pub struct ItemDraft {
    /// The item's id; none for a new item (the command gives it one).
    pub(super) id: crate::model::ItemId,
    pub(super) date: String,
    pub(super) start: String,
    pub(super) end: String,
    pub(super) activity: TextDraft,
    pub(super) place: TextDraft,
    pub(super) responsible: Option<PersonId>,
    pub(super) interpreter: Option<PersonId>,
    pub(super) transport: String,
    pub(super) note: String,
}

impl ItemDraft {
    pub(super) fn from(i: &ProgrammeItem) -> Self {
        ItemDraft {
            id: i.id,
            date: fmt_date(i.date),
            start: time_text(i.start),
            end: time_text(i.end),
            activity: TextDraft::from(&i.activity),
            place: TextDraft::from(&i.place),
            responsible: i.responsible.clone(),
            interpreter: i.interpreter.clone(),
            transport: i.transport.clone(),
            note: i.note.clone(),
        }
    }
}

impl Draft for ItemDraft {
    type Record = ProgrammeItem;
    /// An item stands alone: only the texts of its messages.
    type Context<'a> = &'a Texts;

    fn validate(&self, t: &Texts) -> Result<ProgrammeItem, FieldErrors> {
        let mut errors = FieldErrors::new();
        let date = errors.date("date", &self.date, t);
        let start = errors.optional_time("start", &self.start, t);
        let end = errors.optional_time("end", &self.end, t);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            errors.insert("end", t.err_end_before_start);
        }
        errors.required("activity_ru", self.activity.get(Language::Ru), t);
        let Some(date) = date else { return Err(errors) };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProgrammeItem {
            id: self.id,
            date,
            start,
            end,
            activity: self.activity.to_text(),
            place: self.place.to_text(),
            responsible: self.responsible.clone(),
            interpreter: self.interpreter.clone(),
            transport: self.transport.trim().to_owned(),
            note: self.note.trim().to_owned(),
        })
    }
}

impl DelegationsPanel {
    pub(super) fn programme_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Action>) {
        let t = view.t;
        let model = view.model;
        if let Some((index, draft)) = self.item.as_mut() {
            let index = *index;
            let result = draft.validate(t);
            let form = Form::of("item-form", &result);
            let mut close = false;
            ui.horizontal(|ui| {
                if ui.add_enabled(result.is_ok() && !view.read_only, egui::Button::new(t.apply)).clicked()
                    && let Ok(item) = &result
                {
                    let mut nd = d.clone();
                    match index {
                        Some(i) if i < nd.programme.len() => nd.programme[i] = item.clone(),
                        _ => nd.programme.push(item.clone()),
                    }
                    sort_programme(&mut nd.programme);
                    out.push(Action::Apply(put(nd)));
                    close = true;
                }
                if ui.button(t.cancel).clicked() {
                    close = true;
                }
            });
            egui::Grid::new("item-form").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
                form.text(ui, "date", t.f_date, &mut draft.date);
                form.text(ui, "start", t.f_start_time, &mut draft.start);
                form.text(ui, "end", t.f_end_time, &mut draft.end);
                let lang = view.lang;
                let offered = offered_languages(model, d.partner_city.iter());
                form.translations(ui, "activity", t.f_activity_ru, t.f_activity, lang, &mut draft.activity, &offered);
                form.translations(ui, "place", t.f_place, t.f_place, lang, &mut draft.place, &offered);
                person_pick(
                    ui,
                    &form,
                    "responsible",
                    t.f_responsible,
                    model,
                    lang,
                    &mut draft.responsible,
                    Offer::Staff,
                );
                let offer = Offer::Interpreters(d);
                person_pick(ui, &form, "interpreter", t.f_interpreter, model, lang, &mut draft.interpreter, offer);
                form.text(ui, "transport", t.f_transport, &mut draft.transport);
                form.text(ui, "note", t.f_note, &mut draft.note);
            });
            if close {
                self.item = None;
            }
            return;
        }
        let tz_note = if d.direction == Direction::Outgoing {
            d.partner_city
                .as_ref()
                .and_then(|c| model.city(c))
                .map(|c| format!("{}: {}", t.local_time, c.time_zone.name()))
        } else {
            None
        };
        if let Some(n) = tz_note {
            ui.weak(n);
        }
        for day in d.each_day() {
            let items: Vec<(usize, &ProgrammeItem)> =
                d.programme.iter().enumerate().filter(|(_, p)| p.date == day).collect();
            let weekday = i18n::weekdays(view.lang)[day.weekday().num_days_from_monday() as usize];
            ui.push_id(day, |ui| {
                ui.horizontal(|ui| {
                    ui.label(fonts::bold(format!("{weekday} {}", fmt_date(day))));
                    if items.is_empty() {
                        ui.colored_label(theme::warning(), t.empty_day);
                    }
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.add_item).small()).clicked() {
                        self.item = Some((None, ItemDraft { date: fmt_date(day), ..ItemDraft::default() }));
                    }
                    if !items.is_empty()
                        && ui.add_enabled(!view.read_only, egui::Button::new(t.copy_day).small()).clicked()
                    {
                        let mut nd = d.clone();
                        let next = day.succ_opt().unwrap_or(day);
                        let copies: Vec<ProgrammeItem> = items
                            .iter()
                            .map(|(_, p)| ProgrammeItem { id: crate::model::ItemId::NONE, date: next, ..(*p).clone() })
                            .collect();
                        nd.programme.extend(copies);
                        sort_programme(&mut nd.programme);
                        out.push(Action::Apply(put(nd)));
                    }
                });
                for (i, p) in &items {
                    ui.push_id(*i, |ui| {
                        ui.horizontal(|ui| {
                            ui.add_space(12.0);
                            let span = format!("{}–{}", time_text(p.start), time_text(p.end));
                            ui.label(RichText::new(span).monospace());
                            ui.add(egui::Label::new(fonts::bold(p.activity.show(view.lang))).wrap());
                        });
                        // Which translations the item has, for the programme's print.
                        // A language counts when both the activity and the place (if any) have it.
                        let langs: Vec<&str> = p
                            .activity
                            .languages()
                            .filter(|l| *l != Language::Ru && (p.place.is_empty() || p.place.get(*l).is_some()))
                            .map(|l| l.name(view.lang))
                            .collect();
                        let langs = if langs.is_empty() {
                            String::new()
                        } else {
                            format!("{}: {}", t.translations, langs.join(", "))
                        };
                        let extra = [
                            p.place.show(view.lang).to_owned(),
                            p.responsible
                                .as_ref()
                                .map(|x| person_name(model, x, view.lang).to_owned())
                                .unwrap_or_default(),
                            p.interpreter
                                .as_ref()
                                .map(|x| {
                                    format!("{}: {}", t.f_interpreter.to_lowercase(), person_name(model, x, view.lang))
                                })
                                .unwrap_or_default(),
                            p.transport.clone(),
                            p.note.clone(),
                            langs,
                        ]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                        ui.indent("details", |ui| {
                            if !extra.is_empty() {
                                ui.add(egui::Label::new(RichText::new(extra).weak()).wrap());
                            }
                            ui.horizontal(|ui| {
                                ui.add_enabled_ui(!view.read_only, |ui| {
                                    if ui.small_button(t.edit).clicked() {
                                        self.item = Some((Some(*i), ItemDraft::from(p)));
                                    }
                                    let mut change: Option<Delegation> = None;
                                    if ui.small_button(t.duplicate).clicked() {
                                        let mut nd = d.clone();
                                        nd.programme.insert(i + 1, (*p).clone());
                                        change = Some(nd);
                                    }
                                    for (label, delta) in [(t.day_back, -1i64), (t.day_forward, 1)] {
                                        if ui.small_button(label).clicked() {
                                            let mut nd = d.clone();
                                            nd.programme[*i].date = p.date + chrono::Duration::days(delta);
                                            sort_programme(&mut nd.programme);
                                            change = Some(nd);
                                        }
                                    }
                                    if ui.small_button(t.remove).clicked() {
                                        let mut nd = d.clone();
                                        nd.programme.remove(*i);
                                        change = Some(nd);
                                    }
                                    if let Some(nd) = change {
                                        out.push(Action::Apply(put(nd)));
                                    }
                                });
                            });
                        });
                    });
                }
            });
            ui.add_space(4.0);
        }
    }
}

/// Programme items in day and time order (items without a time first on their day).
pub(super) fn sort_programme(items: &mut [ProgrammeItem]) {
    items.sort_by_key(|p| (p.date, p.start));
}
