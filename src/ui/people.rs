//! The «Люди» panel: a registry with search, a profile with masked personal data and the
//! person's delegations, and an edit form.
//!
//! Passport numbers show as `•••• 1234` and birth dates stay hidden until a deliberate
//! click, per person; the reveal is transient and never saved.

use super::action::{Action, PurgeRequest};
use super::form::{Draft, EditContext, FieldErrors, Form};
use super::i18n;
use super::view::View;
use super::widgets::{DialogAnswer, confirm_delete_dialog, info_row, refused_dialog};
use super::{fonts, theme};
use crate::command::{Command, Record};
use crate::exchange::roster as roster_io;
use crate::model::date::{age_on, fmt_date};
use crate::model::ids::is_valid_slug;
use crate::model::names;
use crate::model::refs::{Reference, person_references};
use crate::model::{Passport, Person, PersonId, RecordId};
use crate::store::journal::{self, Entry};
use eframe::egui;
use std::collections::HashSet;

/// The panel's transient state.
#[derive(Default)]
pub struct PeoplePanel {
    /// The personal-data log, newest first, while its window is open.
    log: Option<Vec<Entry>>,
    /// The retention preview's period while it is open.
    retention: Option<u32>,
    /// The preview's candidates, for the model version and period they were found for.
    due: Option<(u64, u32, Vec<crate::model::retention::Candidate>)>,
    selected: Option<PersonId>,
    query: String,
    revealed_passports: HashSet<PersonId>,
    revealed_births: HashSet<PersonId>,
    draft: Option<PersonDraft>,
    confirm_delete: Option<PersonId>,
    refused: Option<Vec<Reference>>,
    /// Indices of the people matching the query, in list order, for the model version and the
    /// language and query (one key) they were found for.
    matches: Option<(u64, String, Vec<usize>)>,
}

/// A person being edited, every field as typed.
#[derive(Clone, Debug, Default)]
pub struct PersonDraft {
    is_new: bool,
    id: String,
    full_name_ru: String,
    latin_name: String,
    native_name: String,
    birth_date: String,
    organisation: String,
    position: String,
    passport_number: String,
    passport_expires: String,
    phone: String,
    email: String,
    languages: String,
    dietary: String,
    notes: String,
    staff: bool,
    interpreter: bool,
}

impl PersonDraft {
    fn from_person(p: &Person) -> Self {
        PersonDraft {
            is_new: false,
            id: p.id.to_string(),
            full_name_ru: p.full_name_ru.clone(),
            latin_name: p.latin_name.clone(),
            native_name: p.native_name.clone(),
            birth_date: p.birth_date.map(fmt_date).unwrap_or_default(),
            organisation: p.organisation.clone(),
            position: p.position.clone(),
            passport_number: p.passport.as_ref().map(|x| x.number.clone()).unwrap_or_default(),
            passport_expires: p.passport.as_ref().and_then(|x| x.expires).map(fmt_date).unwrap_or_default(),
            phone: p.phone.clone(),
            email: p.email.clone(),
            languages: p.languages.join(", "),
            dietary: p.dietary.clone(),
            notes: p.notes.clone(),
            staff: p.staff,
            interpreter: p.interpreter,
        }
    }
}

impl Draft for PersonDraft {
    type Record = Person;
    type Context<'a> = EditContext<'a, Person>;

    /// The person the draft describes (on top of `base`), or the errors beside each field.
    fn validate(&self, cx: EditContext<'_, Person>) -> Result<Person, FieldErrors> {
        let EditContext { model, t, base } = cx;
        let mut errors = FieldErrors::new();
        // A new person's id is made at «Применить» (`new_person_id`); an id set beforehand
        // (by code, never typed) must still be a free slug.
        let id = self.id.trim();
        if self.is_new && !id.is_empty() {
            if !is_valid_slug(id) {
                errors.insert("id", t.err_id);
            } else if model.person(&PersonId::new(id)).is_some() {
                errors.insert("id", t.err_id_taken);
            }
        }
        if self.full_name_ru.trim().is_empty() && self.latin_name.trim().is_empty() {
            errors.insert("full_name_ru", t.err_required);
        }
        let birth_date = errors.optional_date("birth_date", &self.birth_date, t);
        let expires = errors.optional_date("passport_expires", &self.passport_expires, t);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut p = base.cloned().unwrap_or_default();
        p.id = PersonId::new(id);
        p.full_name_ru = self.full_name_ru.trim().to_owned();
        p.latin_name = self.latin_name.trim().to_owned();
        p.native_name = self.native_name.trim().to_owned();
        p.birth_date = birth_date;
        p.organisation = self.organisation.trim().to_owned();
        p.position = self.position.trim().to_owned();
        p.passport = if self.passport_number.trim().is_empty() && expires.is_none() {
            None
        } else {
            Some(Passport { number: self.passport_number.trim().to_owned(), expires })
        };
        p.phone = self.phone.trim().to_owned();
        p.email = self.email.trim().to_owned();
        p.languages = self.languages.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
        p.dietary = self.dietary.trim().to_owned();
        p.notes = self.notes.trim().to_owned();
        p.staff = self.staff;
        p.interpreter = self.interpreter;
        Ok(p)
    }
}

impl PeoplePanel {
    /// The existing person whose form is open (the app keeps its value as the form's base,
    /// and tells colleagues it is being edited).
    pub fn editing(&self) -> Option<crate::model::RecordId> {
        self.draft.as_ref().filter(|d| !d.is_new).map(|d| crate::model::RecordId::Person(PersonId::new(d.id.as_str())))
    }

    /// Opens the form again on the person as the model now has it («Обновить»: a colleague
    /// changed them underneath; what was typed is dropped).
    pub fn reload_form(&mut self, model: &crate::model::Model) {
        let id = self.editing();
        self.draft = match id {
            Some(crate::model::RecordId::Person(id)) => model.person(&id).map(PersonDraft::from_person),
            _ => None,
        };
    }

    /// Selects a person (from search or findings), leaving any edit.
    pub fn select(&mut self, id: PersonId) {
        self.selected = Some(id);
        self.draft = None;
    }

    /// Draws the panel; edits come out as commands.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        self.retention_window(ui.ctx(), view, out);
        self.log_window(ui.ctx(), view);
        egui::Panel::left("people-list")
            .default_size(theme::list_width(ui, theme::LIST_WIDTH))
            .max_size(ui.available_width() * 0.6)
            .resizable(true)
            .show(ui, |ui| {
                ui.add_space(4.0);
                let l = ui.label(t.search_people);
                ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(egui::Id::unique("people-filter"))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
                if ui.add_enabled(!view.read_only, egui::Button::new(format!("+ {}", t.new_person))).clicked() {
                    self.draft = Some(PersonDraft { is_new: true, ..PersonDraft::default() });
                }
                ui.horizontal_wrapped(|ui| {
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.retention_button)).clicked() {
                        self.retention = Some(view.retention_years);
                    }
                    if ui.button(t.log_button).clicked() {
                        out.push(Action::ShowPersonalDataLog);
                    }
                });
                ui.separator();
                let q = names::fold(self.query.trim());
                // The filter runs when the query or the model changes, not every frame, and only
                // the rows in view are laid out: 60,000 people scroll like 20.
                // People are listed by the name in the UI's language (ё sorted as е), so the
                // language is part of the cache key.
                let key = format!("{:?}\u{0}{q}", view.lang);
                let fresh = matches!(&self.matches, Some((v, cq, _)) if *v == view.version && *cq == key);
                if !fresh {
                    let people = &view.model.people;
                    let found: Vec<usize> = view
                        .model
                        .people_order(view.lang)
                        .into_iter()
                        .filter(|&i| {
                            let p = &people[i];
                            q.is_empty()
                                || [&p.full_name_ru, &p.latin_name, &p.native_name, &p.organisation]
                                    .iter()
                                    .any(|f| names::matches(f, &q))
                        })
                        .collect();
                    self.matches = Some((view.version, key, found));
                }
                let found: &[usize] = self.matches.as_ref().map_or(&[], |(_, _, f)| f.as_slice());
                let mut clicked = None;
                let row_height = ui.spacing().interact_size.y;
                egui::ScrollArea::vertical().id_salt("people-list").auto_shrink([false, false]).show_rows(
                    ui,
                    row_height,
                    found.len(),
                    |ui, range| {
                        // One line per row: `show_rows` places rows by a fixed height.
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        for &i in &found[range] {
                            let Some(p) = view.model.people.get(i) else { continue };
                            let selected = self.selected.as_ref() == Some(&p.id);
                            let text = format!("{}  {}", p.name(view.lang), p.native_name).trim_end().to_owned();
                            if ui.push_id(p.id.as_str(), |ui| ui.selectable_label(selected, text)).inner.clicked() {
                                clicked = Some(p.id.clone());
                            }
                        }
                    },
                );
                if let Some(id) = clicked {
                    self.select(id);
                }
            });
        egui::ScrollArea::vertical().id_salt("person-profile").auto_shrink([false, false]).show(ui, |ui| {
            if self.draft.is_some() {
                self.form_ui(ui, view, out);
            } else if let Some(p) = self.selected.as_ref().and_then(|id| view.model.person(id)) {
                let p = p.clone();
                self.profile_ui(ui, view, &p, out);
            } else {
                ui.heading(t.nav_people);
                ui.label(t.no_selection);
            }
        });
        self.dialogs(ui, view, out);
    }

    fn profile_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, p: &Person, out: &mut Vec<Action>) {
        let t = view.t;
        ui.horizontal(|ui| {
            ui.heading(fonts::bold(p.display_name()));
            if !p.native_name.is_empty() {
                ui.label(egui::RichText::new(&p.native_name).size(20.0));
            }
        });
        crate::ui::widgets::open_elsewhere(ui, view, &RecordId::Person(p.id.clone()));
        ui.horizontal(|ui| {
            if ui.add_enabled(!view.read_only, egui::Button::new(t.edit)).clicked() {
                self.draft = Some(PersonDraft::from_person(p));
                if p.passport.is_some() || p.birth_date.is_some() {
                    out.push(Action::LogPersonalData(Entry::now(
                        journal::Action::EditPersonalData,
                        p.id.as_str(),
                        &p.full_name_ru,
                    )));
                }
            }
            if ui.add_enabled(!view.read_only, egui::Button::new(t.delete)).clicked() {
                let refs = person_references(view.model, &p.id, view.lang);
                if refs.is_empty() {
                    self.confirm_delete = Some(p.id.clone());
                } else {
                    self.refused = Some(refs);
                }
            }
        });
        ui.add_space(6.0);
        egui::Grid::new("person-grid").num_columns(2).striped(true).show(ui, |ui| {
            info_row(ui, t.f_latin_name, &p.latin_name);
            info_row(ui, t.f_organisation, &p.organisation);
            info_row(ui, t.f_position, &p.position);
            info_row(ui, t.f_phone, &p.phone);
            info_row(ui, t.f_email, &p.email);
            info_row(ui, t.f_languages, &p.languages.join(", "));
            info_row(ui, t.f_dietary, &p.dietary);
            let marks: Vec<&str> = [(p.staff, t.f_staff), (p.interpreter, t.f_interpreter)]
                .into_iter()
                .filter_map(|(on, name)| on.then_some(name))
                .collect();
            info_row(ui, t.marks, &marks.join(", "));
            // Personal data: masked until a deliberate click.
            ui.label(t.passport);
            ui.horizontal(|ui| match &p.passport {
                None => {
                    ui.weak(t.no_passport);
                }
                Some(pass) => {
                    let shown = self.revealed_passports.contains(&p.id);
                    let number = if shown { pass.number.clone() } else { pass.masked_number() };
                    let expires = pass
                        .expires
                        .map(|d| format!(" · {} {}", t.f_expires.to_lowercase(), fmt_date(d)))
                        .unwrap_or_default();
                    ui.label(format!("{number}{expires}"));
                    if ui
                        .small_button(if shown { t.hide } else { t.show })
                        .on_hover_text(t.personal_data_note)
                        .clicked()
                        && toggle(&mut self.revealed_passports, &p.id)
                    {
                        out.push(Action::LogPersonalData(Entry::now(
                            journal::Action::RevealPassport,
                            p.id.as_str(),
                            &p.full_name_ru,
                        )));
                    }
                }
            });
            ui.end_row();
            if let Some(birth) = p.birth_date {
                ui.label(t.f_birth_date);
                ui.horizontal(|ui| {
                    let age = age_on(birth, view.today);
                    let minor = if age < 18 { format!(" ({}, {age})", t.minor) } else { String::new() };
                    let shown = self.revealed_births.contains(&p.id);
                    let text = if shown {
                        fmt_date(birth)
                    } else {
                        format!("••.••.•••• — {}", t.birth_hidden)
                    };
                    ui.label(format!("{text}{minor}"));
                    if ui
                        .small_button(if shown { t.hide } else { t.show })
                        .on_hover_text(t.personal_data_note)
                        .clicked()
                        && toggle(&mut self.revealed_births, &p.id)
                    {
                        out.push(Action::LogPersonalData(Entry::now(
                            journal::Action::RevealBirthDate,
                            p.id.as_str(),
                            &p.full_name_ru,
                        )));
                    }
                });
                ui.end_row();
            }
        });
        if !p.notes.is_empty() {
            ui.add_space(8.0);
            ui.label(fonts::bold(t.f_notes));
            ui.add(egui::Label::new(&p.notes).wrap());
        }
        ui.add_space(8.0);
        ui.label(fonts::bold(t.person_delegations));
        let mut any = false;
        for d in view.model.delegations.iter().filter(|d| d.people().any(|x| x == &p.id)) {
            any = true;
            let role = d.members.iter().find(|m| m.person == p.id).map(|m| i18n::role_name(view.lang, m.role));
            let city = d.counterpart(view.model, view.lang);
            ui.label(format!(
                "• {}–{} · {} · {} · {}{}",
                fmt_date(d.arrival.date),
                fmt_date(d.departure.date),
                i18n::direction_name(t, d.direction),
                city,
                d.title(view.lang),
                role.map(|r| format!(" ({r})")).unwrap_or_default()
            ));
        }
        if !any {
            ui.weak(t.no_delegations);
        }
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let Some(draft) = self.draft.as_mut() else { return };
        let base = if draft.is_new { None } else { view.model.person(&PersonId::new(draft.id.trim())) };
        let result = draft.validate(EditContext { model: view.model, t, base });
        let form = Form::of("person-form", &result);
        ui.heading(if draft.is_new { t.new_person.to_owned() } else { format!("{}: {}", t.edit, draft.full_name_ru) });
        if !draft.is_new {
            crate::ui::widgets::open_elsewhere(ui, view, &RecordId::Person(PersonId::new(draft.id.trim())));
        }
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(result.is_ok() && !view.read_only, egui::Button::new(t.apply)).clicked()
                && let Ok(p) = &result
            {
                let mut p = p.clone();
                if draft.is_new && draft.id.trim().is_empty() {
                    // Made once, here: the draft closes with this id.
                    p.id = PersonId::new(roster_io::new_person_id(&p.latin_name, &p.full_name_ru, |c| {
                        view.model.person(&PersonId::new(c)).is_some()
                    }));
                    draft.id = p.id.to_string();
                }
                self.selected = Some(p.id.clone());
                out.push(Action::Apply(Command::put(Record::Person(p))));
                close = true;
            }
            if ui.button(t.cancel).clicked() {
                close = true;
            }
        });
        ui.weak(t.personal_data_note);
        egui::Grid::new("person-form").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
            form.text(ui, "full_name_ru", t.f_full_name_ru, &mut draft.full_name_ru);
            form.text(ui, "latin_name", t.f_latin_name, &mut draft.latin_name);
            form.text(ui, "native_name", t.f_native_name, &mut draft.native_name);
            form.text(ui, "birth_date", t.f_birth_date, &mut draft.birth_date);
            form.text(ui, "organisation", t.f_organisation, &mut draft.organisation);
            form.text(ui, "position", t.f_position, &mut draft.position);
            form.text(ui, "passport_number", t.f_passport_number, &mut draft.passport_number);
            form.text(ui, "passport_expires", t.f_passport_expires, &mut draft.passport_expires);
            form.text(ui, "phone", t.f_phone, &mut draft.phone);
            form.text(ui, "email", t.f_email, &mut draft.email);
            form.text(ui, "languages", t.f_languages, &mut draft.languages);
            form.text(ui, "dietary", t.f_dietary, &mut draft.dietary);
            form.checkbox(ui, "staff", &mut draft.staff, t.f_staff);
            form.checkbox(ui, "interpreter", &mut draft.interpreter, t.f_interpreter_mark);
            form.text_area(ui, "notes", t.f_notes, &mut draft.notes);
        });
        if close {
            self.draft = None;
        }
    }

    fn dialogs(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        if let Some(refs) = &self.refused
            && refused_dialog(ui.ctx(), "person-delete-refused", t, t.cannot_delete_person, refs) != DialogAnswer::Open
        {
            self.refused = None;
        }
        if let Some(id) = self.confirm_delete.clone() {
            let name = view.model.person(&id).map_or(id.as_str(), |p| p.display_name());
            match confirm_delete_dialog(ui.ctx(), "person-delete-confirm", t, name) {
                DialogAnswer::Open => {}
                DialogAnswer::Closed => self.confirm_delete = None,
                DialogAnswer::Confirmed => {
                    out.push(Action::Apply(Command::Remove(RecordId::Person(id))));
                    self.selected = None;
                    self.confirm_delete = None;
                }
            }
        }
    }
}

impl PeoplePanel {
    /// Opens the personal-data log's window with `entries`, newest first (read by the shell).
    pub fn show_log(&mut self, entries: Vec<Entry>) {
        self.log = Some(entries);
    }

    /// The retention preview: who is due, what goes, and the confirmation.
    fn retention_window(&mut self, ctx: &egui::Context, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let Some(mut years) = self.retention else { return };
        let mut open = true;
        let mut confirmed = None;
        egui::Window::new(t.retention_title).open(&mut open).default_width(640.0).collapsible(false).show(ctx, |ui| {
            ui.horizontal(|ui| {
                let l = ui.label(t.retention_years);
                ui.add(egui::DragValue::new(&mut years).range(1..=75)).labelled_by(l.id);
            });
            // Found again only when the model or the period changes: on a large folder the
            // search walks every delegation.
            if !matches!(&self.due, Some((v, y, _)) if *v == view.version && *y == years) {
                let found = crate::model::retention::candidates(view.model, view.today, years);
                self.due = Some((view.version, years, found));
            }
            let due: &[crate::model::retention::Candidate] = self.due.as_ref().map_or(&[], |(_, _, d)| d.as_slice());
            if due.is_empty() {
                ui.label(t.retention_none);
                return;
            }
            ui.label(t.retention_explain);
            ui.add_space(4.0);
            egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                egui::Grid::new("retention-preview").num_columns(3).striped(true).show(ui, |ui| {
                    ui.label(fonts::bold(t.f_full_name_ru));
                    ui.label(fonts::bold(t.last_visit));
                    ui.label(fonts::bold(t.to_delete));
                    ui.end_row();
                    for c in due {
                        ui.label(&c.name);
                        ui.label(fmt_date(c.last_departure));
                        let fields: Vec<&str> = c.fields.iter().map(|f| f.name(view.lang)).collect();
                        ui.label(fields.join(", "));
                        ui.end_row();
                    }
                });
            });
            ui.add_space(6.0);
            let label = format!("{} ({})", t.retention_confirm, due.len());
            if ui
                .add_enabled(!view.read_only, egui::Button::new(label).fill(theme::error().gamma_multiply(0.3)))
                .clicked()
            {
                confirmed = Some(PurgeRequest { years, people: due.iter().map(|c| c.person.clone()).collect() });
            }
        });
        self.retention = if open && confirmed.is_none() { Some(years) } else { None };
        if let Some(request) = confirmed {
            out.push(Action::Purge(request));
        }
    }

    /// The personal-data log, newest first.
    fn log_window(&mut self, ctx: &egui::Context, view: &View<'_>) {
        let t = view.t;
        let Some(entries) = &self.log else { return };
        let mut open = true;
        egui::Window::new(t.log_button).open(&mut open).default_width(760.0).show(ctx, |ui| {
            if entries.is_empty() {
                ui.label(t.log_empty);
                return;
            }
            egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                egui::Grid::new("personal-data-log").num_columns(5).striped(true).show(ui, |ui| {
                    for h in [t.col_time, t.col_user, t.col_action, t.col_object, t.col_details] {
                        ui.label(fonts::bold(h));
                    }
                    ui.end_row();
                    for e in entries {
                        ui.label(&e.time);
                        ui.label(&e.user);
                        ui.label(e.action.name(view.lang));
                        ui.label(&e.object);
                        ui.label(&e.details);
                        ui.end_row();
                    }
                });
            });
        });
        if !open {
            self.log = None;
        }
    }
}

/// Shows or hides; returns whether it is now shown.
fn toggle(set: &mut HashSet<PersonId>, id: &PersonId) -> bool {
    if set.remove(id) {
        false
    } else {
        set.insert(id.clone());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::ui::i18n::RU;
    use chrono::NaiveDate;

    fn model() -> Model {
        let taken = Person { id: PersonId::new("sato"), full_name_ru: "Сато Кэн".into(), ..Person::default() };
        Model { people: vec![taken.into()], ..Model::default() }
    }

    fn tanaka() -> PersonDraft {
        PersonDraft {
            is_new: true,
            id: "tanaka".into(),
            full_name_ru: " Танака Юко ".into(),
            latin_name: "Tanaka Yuko".into(),
            birth_date: "05.03.1980".into(),
            passport_number: "TK1234567".into(),
            passport_expires: "31.12.2030".into(),
            languages: "ja, en, ".into(),
            ..PersonDraft::default()
        }
    }

    fn validate(d: &PersonDraft) -> Result<Person, FieldErrors> {
        d.validate(EditContext { model: &model(), t: &RU, base: None })
    }

    /// The one refused field of `tanaka()` changed by `edit`, and its message.
    fn refused(edit: impl FnOnce(&mut PersonDraft)) -> (String, String) {
        let mut d = tanaka();
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
    fn a_valid_person_draft_becomes_the_person() {
        let p = validate(&tanaka()).expect("valid");
        assert_eq!((p.id.as_str(), p.full_name_ru.as_str()), ("tanaka", "Танака Юко"), "trimmed");
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1980, 3, 5));
        let passport = p.passport.expect("passport");
        assert_eq!((passport.number.as_str(), passport.expires), ("TK1234567", NaiveDate::from_ymd_opt(2030, 12, 31)));
        assert_eq!(p.languages, ["ja", "en"]);
    }

    #[test]
    fn a_passport_is_kept_only_when_something_of_it_is_typed() {
        let none = PersonDraft { passport_number: " ".into(), passport_expires: String::new(), ..tanaka() };
        assert_eq!(validate(&none).expect("valid").passport, None);
        let expiry_only = PersonDraft { passport_number: String::new(), ..tanaka() };
        let p = validate(&expiry_only).expect("valid").passport.expect("kept");
        assert_eq!((p.number.as_str(), p.expires), ("", NaiveDate::from_ymd_opt(2030, 12, 31)));
    }

    #[test]
    fn a_new_person_needs_a_free_latin_id() {
        assert_eq!(refused(|d| d.id = "Танака".into()), is("id", RU.err_id));
        assert_eq!(refused(|d| d.id = "sato".into()), is("id", RU.err_id_taken));
    }

    #[test]
    fn a_new_person_is_valid_without_an_id() {
        let p = validate(&PersonDraft { id: String::new(), ..tanaka() }).expect("the id is made at «Применить»");
        assert_eq!(p.latin_name, "Tanaka Yuko");
        let id = roster_io::new_person_id(&p.latin_name, &p.full_name_ru, |_| false);
        assert!(id.starts_with("tanaka-yuko-"), "{id}");
    }

    #[test]
    fn a_name_in_russian_or_latin_letters_is_required() {
        assert_eq!(
            refused(|d| {
                d.full_name_ru.clear();
                d.latin_name = " ".into();
            }),
            is("full_name_ru", RU.err_required)
        );
        let latin_only = PersonDraft { full_name_ru: String::new(), ..tanaka() };
        assert_eq!(validate(&latin_only).map(|p| p.latin_name), Ok("Tanaka Yuko".to_owned()));
    }

    #[test]
    fn bad_dates_are_refused_beside_their_field() {
        assert_eq!(refused(|d| d.birth_date = "31.02.1980".into()), is("birth_date", RU.err_date));
        assert_eq!(refused(|d| d.birth_date = "1980-03-05".into()), is("birth_date", RU.err_date));
        assert_eq!(refused(|d| d.passport_expires = "12.2030".into()), is("passport_expires", RU.err_date));
    }

    #[test]
    fn an_edit_is_not_refused_for_its_own_id() {
        let m = model();
        let base = m.person(&PersonId::new("sato"));
        let mut d = PersonDraft::from_person(base.expect("stored"));
        d.email = "sato@example.jp".into();
        let p = d.validate(EditContext { model: &m, t: &RU, base }).expect("not taken by itself");
        assert_eq!((p.id.as_str(), p.full_name_ru.as_str(), p.email.as_str()), ("sato", "Сато Кэн", "sato@example.jp"));
    }
}
