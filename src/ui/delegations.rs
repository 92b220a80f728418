//! The «Делегации» panel: the ledger grouped by year and direction with reciprocity per
//! partner city, and a delegation's detail in tabs: overview, roster, programme of stay,
//! checklist, gifts and findings. Every edit is a whole-delegation `Put`, so each is one
//! undo step.

use super::app::View;
use super::dialogs::FileDialogs;
use super::i18n::{self, Texts};
use super::widgets::{text_area, text_field};
use super::{fonts, theme};
use crate::command::{Command, Record};
use crate::exchange::roster;
use crate::model::date::{fmt_date, parse_russian_date};
use crate::model::ids::is_valid_slug;
use crate::model::{
    CityId, Delegation, DelegationId, DelegationKind, DelegationStatus, Direction, EventId, Finding, Gift, Lang,
    Lodging, Member, Model, Person, PersonId, ProgrammeItem, RecordId, Severity, Task, Travel, VisaStatus,
    default_checklist, reciprocity,
};
use crate::store;
use chrono::{Datelike, NaiveTime};
use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};
use std::collections::BTreeMap;

/// The detail's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Direction, city, dates, status…
    #[default]
    Overview,
    /// Members.
    Roster,
    /// Programme of stay.
    Programme,
    /// Checklist.
    Checklist,
    /// Gifts.
    Gifts,
    /// Findings of the checks.
    Findings,
}

/// Roster sort column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SortBy {
    #[default]
    Precedence,
    Name,
    Role,
    Organisation,
}

/// The panel's transient state.
#[derive(Default)]
pub struct DelegationsPanel {
    selected: Option<DelegationId>,
    tab: Tab,
    city: Option<CityId>,
    kind: Option<DelegationKind>,
    status: Option<DelegationStatus>,
    text: String,
    overview: Option<OverviewDraft>,
    person_query: String,
    new_person: (String, String),
    sort: (SortBy, bool),
    item: Option<(Option<usize>, ItemDraft)>,
    task: (String, String),
    gift: (String, String, String),
    copy_date: String,
    show_passports: bool,
    print_lang: crate::print::PrintLang,
    /// A document to print, taken by the shell after the frame.
    pub print: Option<super::app::PrintRequest>,
    /// Personal-data log entries (exports with passport numbers), taken by the app.
    pub audit: Vec<crate::store::journal::Entry>,
    preview: Option<(std::path::PathBuf, roster::RosterReport)>,
    message: Option<String>,
    /// Years folded in the ledger.
    collapsed: std::collections::BTreeSet<i32>,
    /// The ledger's rows for the model version and filters they were built for.
    ledger: Option<(LedgerKey, Vec<LedgerRow>)>,
}

/// What the ledger's rows depend on besides the model.
#[derive(Clone, Debug, PartialEq)]
struct LedgerKey {
    version: u64,
    city: Option<CityId>,
    kind: Option<DelegationKind>,
    status: Option<DelegationStatus>,
    needle: String,
    collapsed: std::collections::BTreeSet<i32>,
    lang: crate::model::Lang,
}

/// One line of the ledger: a year, a direction within it, or a delegation.
#[derive(Clone, Debug, PartialEq)]
enum LedgerRow {
    Year { year: i32, count: usize, collapsed: bool },
    Direction(Direction),
    Item { index: usize, text: String },
}

/// The overview's fields as typed.
#[derive(Clone, Debug, Default)]
pub struct OverviewDraft {
    is_new: bool,
    id: String,
    direction: Direction,
    partner_city: CityId,
    kind: DelegationKind,
    status: DelegationStatus,
    title_ru: String,
    title_en: String,
    purpose: String,
    arrival_date: String,
    arrival_time: String,
    arrival_transport: String,
    departure_date: String,
    departure_time: String,
    departure_transport: String,
    event: Option<EventId>,
    responsible: Option<PersonId>,
    accommodation: String,
    headcount: String,
    notes: String,
}

type Errors = BTreeMap<&'static str, &'static str>;

fn time_text(t: Option<NaiveTime>) -> String {
    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

fn opt_time(s: &str, key: &'static str, t: &Texts, errors: &mut Errors) -> Option<NaiveTime> {
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
    fn from(d: &Delegation) -> Self {
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

/// A programme item as typed.
#[derive(Clone, Debug, Default)]
pub struct ItemDraft {
    date: String,
    start: String,
    end: String,
    activity_ru: String,
    activity_en: String,
    place: String,
    responsible: Option<PersonId>,
    interpreter: Option<PersonId>,
    transport: String,
    note: String,
}

impl ItemDraft {
    fn from(i: &ProgrammeItem) -> Self {
        ItemDraft {
            date: fmt_date(i.date),
            start: time_text(i.start),
            end: time_text(i.end),
            activity_ru: i.activity_ru.clone(),
            activity_en: i.activity_en.clone(),
            place: i.place.clone(),
            responsible: i.responsible.clone(),
            interpreter: i.interpreter.clone(),
            transport: i.transport.clone(),
            note: i.note.clone(),
        }
    }

    fn validate(&self, t: &Texts) -> Result<ProgrammeItem, Errors> {
        let mut errors = Errors::new();
        let date = parse_russian_date(&self.date);
        if date.is_none() {
            errors.insert("date", t.err_date);
        }
        let start = opt_time(&self.start, "start", t, &mut errors);
        let end = opt_time(&self.end, "end", t, &mut errors);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            errors.insert("end", t.err_end_before_start);
        }
        if self.activity_ru.trim().is_empty() {
            errors.insert("activity_ru", t.err_required);
        }
        let Some(date) = date else { return Err(errors) };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProgrammeItem {
            date,
            start,
            end,
            activity_ru: self.activity_ru.trim().to_owned(),
            activity_en: self.activity_en.trim().to_owned(),
            place: self.place.trim().to_owned(),
            responsible: self.responsible.clone(),
            interpreter: self.interpreter.clone(),
            transport: self.transport.trim().to_owned(),
            note: self.note.trim().to_owned(),
        })
    }
}

fn city_name<'a>(model: &'a Model, id: &'a CityId, lang: Lang) -> &'a str {
    model
        .city(id)
        .map_or(id.as_str(), |c| if lang == Lang::En && !c.name_en.is_empty() { &c.name_en } else { &c.name_ru })
}

fn person_name<'a>(model: &'a Model, id: &'a PersonId) -> &'a str {
    model.person(id).map_or(id.as_str(), Person::display_name)
}

fn open_findings(findings: &[Finding], id: &DelegationId) -> usize {
    findings
        .iter()
        .filter(|f| f.severity != Severity::Info && matches!(&f.subject, RecordId::Delegation(d) if d == id))
        .count()
}

fn put(d: Delegation) -> Command {
    Command::put(Record::Delegation(d))
}

/// A combo box choosing a person (or none), labelled.
fn person_combo(ui: &mut egui::Ui, label: &str, salt: &str, model: &Model, value: &mut Option<PersonId>, none: &str) {
    let l = ui.label(label);
    let text = value.as_ref().map_or(none.to_owned(), |p| person_name(model, p).to_owned());
    egui::ComboBox::from_id_salt(salt)
        .selected_text(text)
        .height(300.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none);
            for p in &model.people {
                ui.selectable_value(value, Some(p.id.clone()), p.display_name());
            }
        })
        .response
        .labelled_by(l.id);
    ui.label("");
    ui.end_row();
}

impl DelegationsPanel {
    /// Selects a delegation (from search or findings).
    pub fn select(&mut self, id: DelegationId) {
        self.selected = Some(id);
        self.overview = None;
        self.item = None;
    }

    /// Draws the panel.
    /// Switches the detail to `tab` (benches and scripted use).
    pub fn show_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, dialogs: &dyn FileDialogs, out: &mut Vec<Command>) {
        egui::Panel::left("delegation-list").default_size(theme::LIST_WIDTH + 60.0).resizable(true).show(ui, |ui| {
            self.list_ui(ui, view);
        });
        let selected = self.selected.as_ref().and_then(|id| view.model.delegation(id)).cloned();
        egui::ScrollArea::vertical().id_salt("delegation-detail").auto_shrink([false, false]).show(ui, |ui| {
            if let Some(draft) = self.overview.as_ref().filter(|d| d.is_new) {
                let _ = draft;
                self.overview_ui(ui, view, None, out);
            } else if let Some(d) = selected {
                self.detail_ui(ui, view, &d, dialogs, out);
            } else {
                ui.heading(view.t.nav_delegations);
                ui.label(view.t.no_selection);
            }
        });
        self.preview_ui(ui, view, out);
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) {
        let t = view.t;
        let lang = view.lang;
        let model = view.model;
        ui.add_space(4.0);
        egui::Grid::new("delegation-filters").num_columns(2).show(ui, |ui| {
            let l = ui.label(t.filter_city);
            let text = self.city.as_ref().map_or(t.all.to_owned(), |c| city_name(model, c, lang).to_owned());
            egui::ComboBox::from_id_salt("del-city")
                .selected_text(text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.city, None, t.all);
                    for c in &model.cities {
                        ui.selectable_value(&mut self.city, Some(c.id.clone()), city_name(model, &c.id, lang));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t.f_kind);
            egui::ComboBox::from_id_salt("del-kind")
                .selected_text(self.kind.map_or(t.all, |k| i18n::kind_name(lang, k)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.kind, None, t.all);
                    for k in DelegationKind::ALL {
                        ui.selectable_value(&mut self.kind, Some(k), i18n::kind_name(lang, k));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t.f_status_del);
            egui::ComboBox::from_id_salt("del-status")
                .selected_text(self.status.map_or(t.all, |s| i18n::status_del_name(lang, s)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, t.all);
                    for s in [
                        DelegationStatus::Planned,
                        DelegationStatus::Confirmed,
                        DelegationStatus::InProgress,
                        DelegationStatus::Done,
                        DelegationStatus::Cancelled,
                    ] {
                        ui.selectable_value(&mut self.status, Some(s), i18n::status_del_name(lang, s));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(t.filter_text);
            ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(180.0)).labelled_by(l.id);
            ui.end_row();
        });
        if ui.add_enabled(!view.read_only, egui::Button::new(t.new_delegation)).clicked() {
            let home = model.cities.iter().find(|c| c.status != crate::model::CityStatus::Home);
            self.overview = Some(OverviewDraft {
                is_new: true,
                id: format!("del-{}", view.today.format("%Y-%m-%d")),
                partner_city: home.map(|c| c.id.clone()).unwrap_or_default(),
                arrival_date: fmt_date(view.today),
                departure_date: fmt_date(view.today),
                ..OverviewDraft::default()
            });
        }
        ui.separator();
        let key = LedgerKey {
            version: view.version,
            city: self.city.clone(),
            kind: self.kind,
            status: self.status,
            needle: self.text.trim().to_lowercase(),
            collapsed: self.collapsed.clone(),
            lang,
        };
        if self.ledger.as_ref().is_none_or(|(k, _)| *k != key) {
            let rows = ledger_rows(view, &key);
            self.ledger = Some((key, rows));
        }
        egui::CollapsingHeader::new(t.reciprocity).id_salt("reciprocity").default_open(false).show(ui, |ui| {
            for ((city, year), r) in reciprocity(&model.delegations) {
                ui.label(format!(
                    "{} {year}: {} {}, {} {}",
                    city_name(model, &city, lang),
                    t.received,
                    r.received,
                    t.sent,
                    r.sent
                ));
            }
        });
        let rows: &[LedgerRow] = self.ledger.as_ref().map_or(&[], |(_, r)| r.as_slice());
        let mut toggle = None;
        let mut clicked = None;
        // Only the rows in view are laid out, so ten years of delegations cost one screenful.
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical().id_salt("delegation-list-scroll").auto_shrink([false, false]).show_rows(
            ui,
            row_height,
            rows.len(),
            |ui, range| {
                // One line per row: `show_rows` places rows by a fixed height.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for row in &rows[range] {
                    match row {
                        LedgerRow::Year { year, count, collapsed } => {
                            let sign = if *collapsed { "+" } else { "−" };
                            let label = fonts::bold(format!("{sign} {year} ({count})"));
                            if ui.push_id(("year", *year), |ui| ui.selectable_label(false, label)).inner.clicked() {
                                toggle = Some(*year);
                            }
                        }
                        LedgerRow::Direction(dir) => {
                            ui.weak(i18n::direction_name(t, *dir));
                        }
                        LedgerRow::Item { index, text } => {
                            let Some(d) = model.delegations.get(*index) else { continue };
                            let selected = self.selected.as_ref() == Some(&d.id);
                            let r = ui
                                .push_id(d.id.as_str(), |ui| ui.selectable_label(selected, text.as_str()))
                                .inner
                                .on_hover_text(&d.title_ru);
                            if r.clicked() {
                                clicked = Some(d.id.clone());
                            }
                        }
                    }
                }
            },
        );
        if let Some(year) = toggle
            && !self.collapsed.remove(&year)
        {
            self.collapsed.insert(year);
        }
        if let Some(id) = clicked {
            self.select(id);
        }
    }

    fn detail_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        d: &Delegation,
        dialogs: &dyn FileDialogs,
        out: &mut Vec<Command>,
    ) {
        let t = view.t;
        ui.heading(fonts::bold(&d.title_ru));
        ui.label(format!(
            "{} · {} · {}–{} · {}",
            i18n::direction_name(t, d.direction),
            city_name(view.model, &d.partner_city, view.lang),
            fmt_date(d.arrival.date),
            fmt_date(d.departure.date),
            i18n::status_del_name(view.lang, d.status)
        ));
        let count = open_findings(view.findings, &d.id);
        ui.horizontal(|ui| {
            for (tab, label) in [
                (Tab::Overview, t.tab_overview.to_owned()),
                (Tab::Roster, format!("{} ({})", t.tab_roster, d.members.len())),
                (Tab::Programme, t.tab_programme.to_owned()),
                (Tab::Checklist, t.tab_checklist.to_owned()),
                (Tab::Gifts, t.tab_gifts.to_owned()),
                (Tab::Findings, format!("{} ({count})", t.tab_findings)),
            ] {
                if ui.selectable_label(self.tab == tab, label).clicked() {
                    self.tab = tab;
                }
            }
        });
        if let Some(m) = &self.message {
            ui.label(m);
        }
        ui.separator();
        self.print_bar(ui, view, d);
        match self.tab {
            Tab::Overview => self.overview_ui(ui, view, Some(d), out),
            Tab::Roster => self.roster_ui(ui, view, d, dialogs, out),
            Tab::Programme => self.programme_ui(ui, view, d, out),
            Tab::Checklist => self.checklist_ui(ui, view, d, out),
            Tab::Gifts => self.gifts_ui(ui, view, d, out),
            Tab::Findings => self.findings_ui(ui, view, d),
        }
    }

    fn print_bar(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation) {
        use crate::print::{Job, PrintLang};
        let t = view.t;
        let delegation = || d.id.clone();
        let request = |job| Some(super::app::PrintRequest::new(job));
        ui.horizontal_wrapped(|ui| match self.tab {
            Tab::Programme => {
                let l = ui.label(t.print_lang);
                let name = |l: PrintLang| match l {
                    PrintLang::Ru => "Русский",
                    PrintLang::En => "English",
                    PrintLang::RuEn => "Русский + English",
                };
                egui::ComboBox::from_id_salt("print-lang")
                    .selected_text(name(self.print_lang))
                    .show_ui(ui, |ui| {
                        for l in [PrintLang::Ru, PrintLang::En, PrintLang::RuEn] {
                            ui.selectable_value(&mut self.print_lang, l, name(l));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if ui.button(t.print_programme).clicked() {
                    self.print = request(Job::Programme { delegation: delegation(), lang: self.print_lang });
                }
            }
            Tab::Roster => {
                ui.checkbox(&mut self.show_passports, t.show_passports).on_hover_text(t.personal_data_note);
                if ui.button(t.print_roster).clicked() {
                    self.print = request(Job::Roster { delegation: delegation(), show_passports: self.show_passports });
                }
                if ui.button(t.print_badges).clicked() {
                    self.print = request(Job::Badges { delegation: delegation() });
                }
            }
            Tab::Overview => {
                if ui.button(t.print_programme).clicked() {
                    self.print = request(Job::Programme { delegation: delegation(), lang: PrintLang::Ru });
                }
                if ui.button(t.print_badges).clicked() {
                    self.print = request(Job::Badges { delegation: delegation() });
                }
            }
            _ => {}
        });
    }

    fn overview_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: Option<&Delegation>, out: &mut Vec<Command>) {
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
                        out.push(put(copy));
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
                out.push(put(d.clone()));
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

    fn roster_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        d: &Delegation,
        dialogs: &dyn FileDialogs,
        out: &mut Vec<Command>,
    ) {
        let t = view.t;
        let model = view.model;
        let lang = view.lang;
        let mut members: Vec<(usize, &Member)> = d.members.iter().enumerate().collect();
        let key = |m: &Member| -> String {
            let p = model.person(&m.person);
            match self.sort.0 {
                SortBy::Precedence => format!("{:08}", m.precedence),
                SortBy::Name => p.map(|p| p.display_name().to_lowercase()).unwrap_or_default(),
                SortBy::Role => m.role.name(lang).to_owned(),
                SortBy::Organisation => p.map(|p| p.organisation.to_lowercase()).unwrap_or_default(),
            }
        };
        members.sort_by_key(|(_, m)| key(m));
        if self.sort.1 {
            members.reverse();
        }
        let mut action: Option<(usize, &'static str)> = None;
        let mut sort_click = None;
        egui::ScrollArea::horizontal().id_salt("roster-hscroll").show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("roster-table")
                .striped(true)
                .resizable(true)
                .vscroll(false)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(44.0))
                .column(Column::initial(170.0).at_least(100.0).clip(true))
                .column(Column::initial(90.0).clip(true))
                .column(Column::initial(150.0).clip(true))
                .column(Column::initial(150.0).clip(true))
                .column(Column::initial(130.0).clip(true))
                .column(Column::initial(70.0))
                .column(Column::initial(90.0).clip(true))
                .column(Column::initial(110.0).clip(true))
                .column(Column::initial(170.0).at_least(160.0))
                .header(22.0, |mut h| {
                    for (label, by) in [
                        (t.col_no, Some(SortBy::Precedence)),
                        (t.col_person, Some(SortBy::Name)),
                        (t.col_role, Some(SortBy::Role)),
                        (t.col_org, Some(SortBy::Organisation)),
                        (t.col_visa, None),
                        (t.col_lodging, None),
                        (t.col_consent, None),
                        (t.col_diet, None),
                        (t.col_langs, None),
                        ("", None),
                    ] {
                        h.col(|ui| {
                            match by {
                                Some(by) => {
                                    let mark =
                                        if self.sort.0 == by { if self.sort.1 { " ▼" } else { " ▲" } } else { "" };
                                    if ui.button(fonts::bold(format!("{label}{mark}"))).clicked() {
                                        sort_click = Some(by);
                                    }
                                }
                                None if !label.is_empty() => {
                                    ui.label(fonts::bold(label));
                                }
                                None => {}
                            };
                        });
                    }
                })
                .body(|mut body| {
                    for (i, m) in &members {
                        let p = model.person(&m.person);
                        body.row(24.0, |mut row| {
                            row.col(|ui| {
                                ui.label(m.precedence.to_string());
                            });
                            row.col(|ui| {
                                ui.label(person_name(model, &m.person));
                            });
                            row.col(|ui| {
                                ui.label(m.role.name(lang));
                            });
                            row.col(|ui| {
                                ui.add(
                                    egui::Label::new(p.map(|p| p.organisation.as_str()).unwrap_or_default()).truncate(),
                                );
                            });
                            row.col(|ui| {
                                let until = m
                                    .visa
                                    .valid_until
                                    .map(|d| format!(" {} {}", t.f_expires.to_lowercase(), fmt_date(d)))
                                    .unwrap_or_default();
                                let colour = match m.visa.status {
                                    VisaStatus::Refused => theme::ERROR,
                                    VisaStatus::Needed | VisaStatus::Applied => theme::WARNING,
                                    _ => ui.visuals().text_color(),
                                };
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(format!("{}{until}", i18n::visa_name(t, m.visa.status)))
                                            .color(colour),
                                    )
                                    .truncate(),
                                );
                            });
                            row.col(|ui| {
                                let text = match &m.lodging {
                                    Lodging::Hotel(h) => h.clone(),
                                    Lodging::HostFamily(f) => f.clone(),
                                    Lodging::Unknown => String::new(),
                                };
                                ui.add(egui::Label::new(text).truncate());
                            });
                            row.col(|ui| {
                                if p.is_some_and(|p| p.is_minor_on(d.arrival.date)) {
                                    if m.guardian_consent {
                                        ui.label(t.yes);
                                    } else {
                                        ui.colored_label(theme::ERROR, t.no);
                                    }
                                }
                            });
                            row.col(|ui| {
                                ui.label(p.map(|p| p.dietary.as_str()).unwrap_or_default());
                            });
                            row.col(|ui| {
                                ui.label(p.map(|p| p.languages.join(", ")).unwrap_or_default());
                            });
                            row.col(|ui| {
                                ui.push_id(("roster-actions", *i), |ui| {
                                    ui.horizontal(|ui| {
                                        ui.add_enabled_ui(!view.read_only, |ui| {
                                            if ui.small_button(t.up).clicked() {
                                                action = Some((*i, "up"));
                                            }
                                            if ui.small_button(t.down).clicked() {
                                                action = Some((*i, "down"));
                                            }
                                            if ui.small_button(t.remove).clicked() {
                                                action = Some((*i, "remove"));
                                            }
                                        });
                                    });
                                });
                            });
                        });
                    }
                });
        });
        if let Some(by) = sort_click {
            self.sort = if self.sort.0 == by { (by, !self.sort.1) } else { (by, false) };
        }
        if let Some((i, what)) = action {
            let mut nd = d.clone();
            let mut order: Vec<usize> = (0..nd.members.len()).collect();
            order.sort_by_key(|&k| nd.members[k].precedence);
            let pos = order.iter().position(|&k| k == i).unwrap_or(0);
            match what {
                "up" if pos > 0 => order.swap(pos, pos - 1),
                "down" if pos + 1 < order.len() => order.swap(pos, pos + 1),
                "remove" => {
                    order.remove(pos);
                }
                _ => {}
            }
            let mut members: Vec<Member> = order.iter().map(|&k| nd.members[k].clone()).collect();
            for (n, m) in members.iter_mut().enumerate() {
                m.precedence = u32::try_from(n + 1).unwrap_or(u32::MAX);
            }
            nd.members = members;
            out.push(put(nd));
        }
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.find_person);
            ui.add(egui::TextEdit::singleline(&mut self.person_query).desired_width(200.0)).labelled_by(l.id);
        });
        let q = self.person_query.trim().to_lowercase();
        if !q.is_empty() {
            for p in model
                .people
                .iter()
                .filter(|p| !d.members.iter().any(|m| m.person == p.id))
                .filter(|p| {
                    [&p.full_name_ru, &p.latin_name, &p.native_name].iter().any(|f| f.to_lowercase().contains(&q))
                })
                .take(8)
            {
                ui.horizontal(|ui| {
                    ui.label(format!("{} ({})", p.display_name(), p.latin_name));
                    if ui
                        .push_id(p.id.as_str(), |ui| ui.add_enabled(!view.read_only, egui::Button::new(t.add_member)))
                        .inner
                        .clicked()
                    {
                        let mut nd = d.clone();
                        let precedence = nd.members.iter().map(|m| m.precedence).max().unwrap_or(0) + 1;
                        nd.members.push(Member { person: p.id.clone(), precedence, ..Member::default() });
                        out.push(put(nd));
                        self.person_query.clear();
                    }
                });
            }
        }
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.add_new_person);
            ui.add(egui::TextEdit::singleline(&mut self.new_person.0).hint_text(t.f_full_name_ru).desired_width(200.0))
                .labelled_by(l.id);
            let l2 = ui.label(t.f_latin_name);
            ui.add(egui::TextEdit::singleline(&mut self.new_person.1).desired_width(180.0)).labelled_by(l2.id);
            let ok = !self.new_person.0.trim().is_empty() && !view.read_only;
            if ui.add_enabled(ok, egui::Button::new(t.add_member)).clicked() {
                let base = roster::slug_for(&self.new_person.1, &self.new_person.0);
                let mut id = base.clone();
                let mut n = 2;
                while model.person(&PersonId::new(id.clone())).is_some() {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                let person = Person {
                    id: PersonId::new(id.clone()),
                    full_name_ru: self.new_person.0.trim().to_owned(),
                    latin_name: self.new_person.1.trim().to_owned(),
                    ..Person::default()
                };
                let mut nd = d.clone();
                let precedence = nd.members.iter().map(|m| m.precedence).max().unwrap_or(0) + 1;
                nd.members.push(Member { person: PersonId::new(id), precedence, ..Member::default() });
                out.push(Command::Batch(vec![Command::put(Record::Person(person)), put(nd)]));
                self.new_person = (String::new(), String::new());
            }
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.add_enabled(!view.read_only, egui::Button::new(t.import_roster)).clicked()
                && let Some(path) = dialogs.open(t.import_roster, "csv")
            {
                match store::read_import_bytes(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|b| roster::read_table(&b).map_err(|e| e.to_string()))
                {
                    Ok(table) => self.preview = Some((path, roster::parse_roster(&table, model, d))),
                    Err(e) => self.message = Some(e),
                }
            }
            for (label, ext) in [(t.export_csv, "csv"), (t.export_xlsx, "xlsx")] {
                if ui.button(label).clicked()
                    && let Some(path) = dialogs.save(label, &format!("{}.{ext}", d.id), ext)
                    && let Some(rows) = roster::roster_rows(model, &d.id, self.show_passports)
                {
                    let bytes = if ext == "csv" { Ok(roster::to_csv(&rows)) } else { roster::to_xlsx(&rows) };
                    self.message =
                        Some(match bytes.and_then(|b| store::write_export(&path, &b).map_err(|e| e.to_string())) {
                            Ok(()) => {
                                if self.show_passports {
                                    self.audit.push(crate::store::journal::Entry::now(
                                        crate::store::journal::Action::ExportPassports,
                                        d.id.as_str(),
                                        path.display().to_string(),
                                    ));
                                }
                                format!("{}: {}", t.exported_to, path.display())
                            }
                            Err(e) => e,
                        });
                }
            }
        });
    }

    fn programme_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Command>) {
        let t = view.t;
        let model = view.model;
        if let Some((index, draft)) = self.item.as_mut() {
            let index = *index;
            let result = draft.validate(t);
            let err = |k: &str| result.as_ref().err().and_then(|e| e.get(k).copied());
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
                    out.push(put(nd));
                    close = true;
                }
                if ui.button(t.cancel).clicked() {
                    close = true;
                }
            });
            egui::Grid::new("item-form").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
                text_field(ui, t.f_date, &mut draft.date, err("date"));
                text_field(ui, t.f_start_time, &mut draft.start, err("start"));
                text_field(ui, t.f_end_time, &mut draft.end, err("end"));
                text_field(ui, t.f_activity_ru, &mut draft.activity_ru, err("activity_ru"));
                text_field(ui, t.f_activity_en, &mut draft.activity_en, None);
                text_field(ui, t.f_place, &mut draft.place, None);
                person_combo(ui, t.f_responsible, "item-responsible", model, &mut draft.responsible, t.none);
                person_combo(ui, t.f_interpreter, "item-interpreter", model, &mut draft.interpreter, t.none);
                text_field(ui, t.f_transport, &mut draft.transport, None);
                text_field(ui, t.f_note, &mut draft.note, None);
            });
            if close {
                self.item = None;
            }
            return;
        }
        let tz_note = if d.direction == Direction::Outgoing {
            model.city(&d.partner_city).map(|c| format!("{}: {}", t.local_time, c.time_zone.name()))
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
                        ui.colored_label(theme::WARNING, t.empty_day);
                    }
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.add_item).small()).clicked() {
                        self.item = Some((None, ItemDraft { date: fmt_date(day), ..ItemDraft::default() }));
                    }
                    if !items.is_empty()
                        && ui.add_enabled(!view.read_only, egui::Button::new(t.copy_day).small()).clicked()
                    {
                        let mut nd = d.clone();
                        let next = day.succ_opt().unwrap_or(day);
                        let copies: Vec<ProgrammeItem> =
                            items.iter().map(|(_, p)| ProgrammeItem { date: next, ..(*p).clone() }).collect();
                        nd.programme.extend(copies);
                        sort_programme(&mut nd.programme);
                        out.push(put(nd));
                    }
                });
                for (i, p) in &items {
                    ui.push_id(*i, |ui| {
                        ui.horizontal(|ui| {
                            ui.add_space(12.0);
                            let span = format!("{}–{}", time_text(p.start), time_text(p.end));
                            ui.label(RichText::new(span).monospace());
                            ui.add(egui::Label::new(fonts::bold(&p.activity_ru)).wrap());
                        });
                        let extra = [
                            p.place.clone(),
                            p.responsible.as_ref().map(|x| person_name(model, x).to_owned()).unwrap_or_default(),
                            p.interpreter
                                .as_ref()
                                .map(|x| format!("{}: {}", t.f_interpreter.to_lowercase(), person_name(model, x)))
                                .unwrap_or_default(),
                            p.transport.clone(),
                            p.note.clone(),
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
                                        out.push(put(nd));
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

    fn checklist_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Command>) {
        let t = view.t;
        for (i, task) in d.checklist.iter().enumerate() {
            ui.push_id(("task", i), |ui| {
                ui.horizontal(|ui| {
                    let mut done = task.done;
                    if ui.add_enabled(!view.read_only, egui::Checkbox::new(&mut done, &task.title)).changed() {
                        let mut nd = d.clone();
                        nd.checklist[i].done = done;
                        out.push(put(nd));
                    }
                    if let Some(due) = task.due {
                        if !task.done && due < view.today {
                            ui.colored_label(theme::ERROR, format!("{} · {}", fmt_date(due), t.overdue));
                        } else {
                            ui.weak(fmt_date(due));
                        }
                    }
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.remove).small()).clicked() {
                        let mut nd = d.clone();
                        nd.checklist.remove(i);
                        out.push(put(nd));
                    }
                });
            });
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.f_task);
            ui.add(egui::TextEdit::singleline(&mut self.task.0).desired_width(220.0)).labelled_by(l.id);
            let l = ui.label(t.f_due);
            ui.add(egui::TextEdit::singleline(&mut self.task.1).hint_text("дд.мм.гггг").desired_width(100.0))
                .labelled_by(l.id);
            let due = parse_russian_date(&self.task.1);
            let ok =
                !self.task.0.trim().is_empty() && (self.task.1.trim().is_empty() || due.is_some()) && !view.read_only;
            if ui.add_enabled(ok, egui::Button::new(t.add_task)).clicked() {
                let mut nd = d.clone();
                nd.checklist.push(Task { title: self.task.0.trim().to_owned(), due, done: false });
                out.push(put(nd));
                self.task = (String::new(), String::new());
            }
            if !self.task.1.trim().is_empty() && due.is_none() {
                ui.colored_label(theme::ERROR, t.err_date);
            }
        });
        if ui.add_enabled(!view.read_only, egui::Button::new(t.add_defaults)).clicked() {
            let mut nd = d.clone();
            for task in default_checklist(d.kind, d.direction, d.arrival.date) {
                if !nd.checklist.iter().any(|x| x.title == task.title) {
                    nd.checklist.push(task);
                }
            }
            out.push(put(nd));
        }
    }

    fn gifts_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Command>) {
        let t = view.t;
        for (i, g) in d.gifts.iter().enumerate() {
            ui.push_id(("gift", i), |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!("{} → {} × {}", g.item, g.recipient, g.quantity));
                    let field = format!("gifts[{i}]");
                    for f in view
                        .findings
                        .iter()
                        .filter(|f| f.field == field && f.subject == RecordId::Delegation(d.id.clone()))
                    {
                        ui.colored_label(theme::WARNING, f.message(view.lang));
                    }
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.remove).small()).clicked() {
                        let mut nd = d.clone();
                        nd.gifts.remove(i);
                        out.push(put(nd));
                    }
                });
            });
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.f_gift);
            ui.add(egui::TextEdit::singleline(&mut self.gift.0).desired_width(200.0)).labelled_by(l.id);
            let l = ui.label(t.f_recipient);
            ui.add(egui::TextEdit::singleline(&mut self.gift.1).desired_width(160.0)).labelled_by(l.id);
            let l = ui.label(t.f_quantity);
            ui.add(egui::TextEdit::singleline(&mut self.gift.2).hint_text("1").desired_width(50.0)).labelled_by(l.id);
            let qty = if self.gift.2.trim().is_empty() { Some(1) } else { self.gift.2.trim().parse::<u32>().ok() };
            let ok = !self.gift.0.trim().is_empty() && qty.is_some() && !view.read_only;
            if ui.add_enabled(ok, egui::Button::new(t.add_gift)).clicked() {
                let mut nd = d.clone();
                nd.gifts.push(Gift {
                    item: self.gift.0.trim().to_owned(),
                    recipient: self.gift.1.trim().to_owned(),
                    quantity: qty.unwrap_or(1),
                });
                out.push(put(nd));
                self.gift = (String::new(), String::new(), String::new());
            }
        });
    }

    fn findings_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation) {
        let mine: Vec<&Finding> =
            view.findings.iter().filter(|f| matches!(&f.subject, RecordId::Delegation(x) if x == &d.id)).collect();
        if mine.is_empty() {
            ui.weak(view.t.no_findings);
        }
        for (i, f) in mine.iter().enumerate() {
            let colour = theme::severity(f.severity);
            ui.push_id(i, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(colour, "●");
                    if ui.link(f.message(view.lang)).clicked() {
                        self.tab = tab_for_field(&f.field);
                    }
                });
            });
        }
    }

    fn preview_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Command>) {
        let t = view.t;
        let Some((path, report)) = &self.preview else { return };
        let target = self.selected.as_ref().and_then(|id| view.model.delegation(id)).cloned();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("roster-import-preview")).show(ui.ctx(), |ui| {
            ui.heading(t.roster_preview);
            ui.label(path.display().to_string());
            let (new, matched, rejected) = report.counts();
            ui.label(format!("{} {new}, {} {matched}, {} {rejected}", t.row_new, t.row_matched, t.row_rejected));
            egui::ScrollArea::vertical().max_height(320.0).id_salt("roster-preview-list").show(ui, |ui| {
                for c in &report.ignored_columns {
                    ui.weak(format!("«{c}»: —"));
                }
                for r in &report.rows {
                    let text = match &r.outcome {
                        roster::Outcome::New(p) => {
                            format!("{} {}: {} — {}", t.row_word, r.row, t.row_new, p.display_name())
                        }
                        roster::Outcome::Matched(id) => {
                            format!("{} {}: {} — {}", t.row_word, r.row, t.row_matched, person_name(view.model, id))
                        }
                        roster::Outcome::AlreadyMember(id) => {
                            format!("{} {}: {} — {}", t.row_word, r.row, t.row_already, person_name(view.model, id))
                        }
                        roster::Outcome::Rejected { field, reason } => {
                            format!("{} {}: {} — {field}: {reason}", t.row_word, r.row, t.row_rejected)
                        }
                    };
                    ui.label(text);
                }
            });
            let command = target.as_ref().and_then(|d| roster::import_command(d, report));
            ui.horizontal(|ui| {
                if ui.add_enabled(command.is_some(), egui::Button::new(t.import_do)).clicked()
                    && let Some(c) = command
                {
                    out.push(c);
                    close = true;
                }
                if ui.button(t.cancel).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.preview = None;
        }
    }
}

/// Programme items in day and time order (items without a time first on their day).
fn sort_programme(items: &mut [ProgrammeItem]) {
    items.sort_by_key(|p| (p.date, p.start));
}

/// The tab where a finding's field lives.
pub fn tab_for_field(field: &str) -> Tab {
    if field.starts_with("members") {
        Tab::Roster
    } else if field.starts_with("programme") {
        Tab::Programme
    } else if field.starts_with("checklist") {
        Tab::Checklist
    } else if field.starts_with("gifts") {
        Tab::Gifts
    } else {
        Tab::Overview
    }
}

/// The ledger's rows: years newest first, incoming then outgoing, by arrival date. Open
/// findings are counted once for all delegations, not once per row.
fn ledger_rows(view: &View<'_>, key: &LedgerKey) -> Vec<LedgerRow> {
    let (t, model, lang) = (view.t, view.model, key.lang);
    let mut badges: std::collections::HashMap<&DelegationId, usize> = std::collections::HashMap::new();
    for f in view.findings {
        if let (RecordId::Delegation(id), true) = (&f.subject, f.severity != Severity::Info) {
            *badges.entry(id).or_default() += 1;
        }
    }
    let needle = &key.needle;
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, d) in model.delegations.iter().enumerate() {
        let keep = key.city.as_ref().is_none_or(|c| &d.partner_city == c)
            && key.kind.is_none_or(|k| d.kind == k)
            && key.status.is_none_or(|s| d.status == s)
            && (needle.is_empty()
                || d.title_ru.to_lowercase().contains(needle)
                || d.title_en.to_lowercase().contains(needle)
                || city_name(model, &d.partner_city, lang).to_lowercase().contains(needle));
        if keep {
            by_year.entry(d.arrival.date.year()).or_default().push(i);
        }
    }
    let mut rows = Vec::new();
    for (year, mut list) in by_year.into_iter().rev() {
        let collapsed = key.collapsed.contains(&year);
        rows.push(LedgerRow::Year { year, count: list.len(), collapsed });
        if collapsed {
            continue;
        }
        list.sort_by_key(|&i| model.delegations[i].arrival.date);
        for dir in [Direction::Incoming, Direction::Outgoing] {
            let of_dir: Vec<usize> = list.iter().copied().filter(|&i| model.delegations[i].direction == dir).collect();
            if of_dir.is_empty() {
                continue;
            }
            rows.push(LedgerRow::Direction(dir));
            for i in of_dir {
                let d = &model.delegations[i];
                let badge = badges.get(&d.id).copied().unwrap_or(0);
                let text = format!(
                    "{}–{} · {} · {} · {} {}{}",
                    d.arrival.date.format("%d.%m"),
                    fmt_date(d.departure.date),
                    city_name(model, &d.partner_city, lang),
                    i18n::kind_name(lang, d.kind),
                    d.participant_count(),
                    t.members_word,
                    if badge > 0 { format!(" · (!{badge})") } else { String::new() }
                );
                rows.push(LedgerRow::Item { index: i, text });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_jump_to_their_tab() {
        assert_eq!(tab_for_field("members[2].visa"), Tab::Roster);
        assert_eq!(tab_for_field("programme"), Tab::Programme);
        assert_eq!(tab_for_field("checklist[0]"), Tab::Checklist);
        assert_eq!(tab_for_field("gifts[1]"), Tab::Gifts);
        assert_eq!(tab_for_field("departure"), Tab::Overview);
    }

    #[test]
    fn overview_draft_validates_dates_and_city() {
        let mut model = Model::default();
        model.cities.push(crate::model::City { id: "harbin".into(), ..crate::model::City::default() });
        let t = &i18n::RU;
        let mut d = OverviewDraft {
            is_new: true,
            id: "del-x".into(),
            partner_city: "harbin".into(),
            title_ru: "Визит".into(),
            arrival_date: "10.06.2017".into(),
            departure_date: "09.06.2017".into(),
            ..OverviewDraft::default()
        };
        let e = d.validate(&model, t, None).expect_err("departure before arrival");
        assert_eq!(e.get("departure_date"), Some(&t.err_end_before_start));
        d.departure_date = "12.06.2017".into();
        let ok = d.validate(&model, t, None).expect("valid");
        assert!(!ok.checklist.is_empty(), "a new delegation starts with the standard checklist");
        d.partner_city = "atlantis".into();
        assert!(d.validate(&model, t, None).is_err());
    }
}
