//! The «Календарь» panel: month, week, agenda and year views of events (recurring ones
//! expanded, with the host of each occurrence) and delegation stays; filters, a legend,
//! conflict marks, an event form, and iCalendar/HTML export and iCalendar import.

use super::app::View;
use super::dialogs::FileDialogs;
use super::i18n::{self, Texts};
use super::widgets::{text_area, text_field};
use super::{fonts, theme};
use crate::command::{Command, Record};
use crate::exchange::{html, ics};
use crate::model::date::{fmt_date, parse_russian_date};
use crate::model::event::time_with_home;
use crate::model::ids::is_valid_slug;
use crate::model::{
    CityId, Delegation, Direction, Event, EventCategory, EventId, FindingKind, Lang, Model, Occurrence, RecordId,
    Recurrence,
};
use crate::store;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use eframe::egui::{self, Color32, RichText, Sense};
use std::collections::{BTreeMap, HashSet};

/// Which view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CalView {
    /// A month grid, Monday first (the default).
    #[default]
    Month,
    /// Seven days in columns, with times.
    Week,
    /// A list of the month's days with something on.
    Agenda,
    /// Twelve months at a glance.
    Year,
}

/// One thing shown on the calendar.
#[derive(Clone, Debug)]
pub enum Entry<'a> {
    /// An occurrence of an event.
    Event {
        /// The event.
        event: &'a Event,
        /// The occurrence (dates, host).
        occ: Occurrence,
        /// Whether it clashes with another event at its venue.
        conflict: bool,
    },
    /// A delegation's stay.
    Stay {
        /// The delegation.
        delegation: &'a Delegation,
        /// Whether a member or interpreter is double-booked.
        conflict: bool,
    },
}

impl Entry<'_> {
    fn days(&self) -> (NaiveDate, NaiveDate) {
        match self {
            Entry::Event { occ, .. } => (occ.start_date, occ.end_date),
            Entry::Stay { delegation, .. } => delegation.days(),
        }
    }

    fn conflict(&self) -> bool {
        match self {
            Entry::Event { conflict, .. } | Entry::Stay { conflict, .. } => *conflict,
        }
    }
}

/// Filters of the calendar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Only this category of events.
    pub category: Option<EventCategory>,
    /// Only events and stays with this city (host, partner, rotation).
    pub city: Option<CityId>,
    /// Stays: all (None), one direction, or hidden.
    pub direction: Option<Option<Direction>>,
    /// Only public events (stays hidden).
    pub public_only: bool,
}

/// Everything on the calendar between `from` and `to`, filtered, with conflict marks taken
/// from the findings. Events come before stays; each in date order.
pub fn entries<'a>(
    model: &'a Model,
    from: NaiveDate,
    to: NaiveDate,
    filters: &Filters,
    conflicts: &HashSet<RecordId>,
) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    for e in &model.events {
        if filters.category.is_some_and(|c| c != e.category) || (filters.public_only && !e.public) {
            continue;
        }
        for occ in e.occurrences_between(from, to).unwrap_or_default() {
            if let Some(city) = &filters.city {
                let involved = occ.host.as_ref() == Some(city) || e.partner_cities.contains(city);
                if !involved {
                    continue;
                }
            }
            let conflict = conflicts.contains(&RecordId::Event(e.id.clone()));
            out.push(Entry::Event { event: e, occ, conflict });
        }
    }
    let show_stays = !filters.public_only && filters.category.is_none() && filters.direction != Some(None);
    if show_stays {
        for d in &model.delegations {
            let (a, b) = d.days();
            if b < from || a > to {
                continue;
            }
            if filters.city.as_ref().is_some_and(|c| c != &d.partner_city) {
                continue;
            }
            if let Some(Some(dir)) = filters.direction
                && dir != d.direction
            {
                continue;
            }
            out.push(Entry::Stay { delegation: d, conflict: conflicts.contains(&RecordId::Delegation(d.id.clone())) });
        }
    }
    out.sort_by_key(|e| e.days().0);
    out
}

/// The panel's transient state.
pub struct CalendarPanel {
    view: CalView,
    cursor: NaiveDate,
    selected_day: Option<NaiveDate>,
    filters: Filters,
    draft: Option<EventDraft>,
    preview: Option<(std::path::PathBuf, ics::ParseReport, ics::ImportPlan)>,
    message: Option<String>,
    /// A document to print, taken by the shell after the frame.
    pub print: Option<super::app::PrintRequest>,
    /// Records in conflict, for the findings version they came from.
    conflicts: Option<(u64, HashSet<RecordId>)>,
    /// The last range's entries as indices into the model, with what they depend on.
    entries: Option<(EntriesKey, Vec<CachedEntry>)>,
    /// Height of an agenda row as last drawn, for the rows outside the view.
    row_height: f32,
}

/// What a range's entries depend on.
#[derive(Clone, Debug, PartialEq)]
struct EntriesKey {
    version: u64,
    findings_version: u64,
    from: NaiveDate,
    to: NaiveDate,
    filters: Filters,
}

/// An [`Entry`] by index, so it can be kept between frames without borrowing the model.
#[derive(Clone, Debug)]
enum CachedEntry {
    Event { index: usize, occ: Occurrence, conflict: bool },
    Stay { index: usize, conflict: bool },
}

impl Default for CalendarPanel {
    fn default() -> Self {
        let today = chrono::Local::now().date_naive();
        CalendarPanel {
            view: CalView::Month,
            cursor: today,
            selected_day: None,
            filters: Filters::default(),
            draft: None,
            preview: None,
            message: None,
            print: None,
            conflicts: None,
            entries: None,
            row_height: 0.0,
        }
    }
}

/// An event being edited, every field as typed.
#[derive(Clone, Debug, Default)]
pub struct EventDraft {
    is_new: bool,
    id: String,
    title_ru: String,
    title_en: String,
    category: EventCategory,
    start_date: String,
    end_date: String,
    start_time: String,
    end_time: String,
    time_zone: String,
    venue: String,
    host_city: Option<CityId>,
    rrule: String,
    exdates: String,
    rotation: String,
    public: bool,
    participants: String,
    description: String,
    uid: String,
    partner_cities: Vec<CityId>,
}

type Errors = BTreeMap<&'static str, &'static str>;

fn time_text(t: Option<NaiveTime>) -> String {
    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

impl EventDraft {
    fn from_event(e: &Event) -> Self {
        EventDraft {
            is_new: false,
            id: e.id.to_string(),
            title_ru: e.title_ru.clone(),
            title_en: e.title_en.clone(),
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

    fn new_on(day: NaiveDate, model: &Model) -> Self {
        let home = model.home_city();
        EventDraft {
            is_new: true,
            id: format!("ev-{}", day.format("%Y%m%d")),
            start_date: fmt_date(day),
            end_date: fmt_date(day),
            time_zone: home.map_or("Asia/Vladivostok", |c| c.time_zone.name()).to_owned(),
            host_city: home.map(|c| c.id.clone()),
            ..EventDraft::default()
        }
    }

    /// The event the draft describes, or the errors beside each field.
    pub fn validate(&self, model: &Model, t: &Texts) -> Result<Event, Errors> {
        let mut errors = Errors::new();
        let id = self.id.trim();
        if self.is_new {
            if !is_valid_slug(id) {
                errors.insert("id", t.err_id);
            } else if model.event(&EventId::new(id)).is_some() {
                errors.insert("id", t.err_id_taken);
            }
        }
        if self.title_ru.trim().is_empty() {
            errors.insert("title_ru", t.err_required);
        }
        let start = parse_russian_date(&self.start_date);
        if start.is_none() {
            errors.insert("start_date", t.err_date);
        }
        let end = parse_russian_date(&self.end_date);
        if end.is_none() {
            errors.insert("end_date", t.err_date);
        }
        let time = |s: &str, key: &'static str, errors: &mut Errors| {
            if s.trim().is_empty() {
                return None;
            }
            let v = parse_time(s);
            if v.is_none() {
                errors.insert(key, t.err_time);
            }
            v
        };
        let start_time = time(&self.start_time, "start_time", &mut errors);
        let end_time = time(&self.end_time, "end_time", &mut errors);
        let tz = self.time_zone.trim().parse::<Tz>().ok();
        if tz.is_none() {
            errors.insert("time_zone", t.err_tz);
        }
        let participants = if self.participants.trim().is_empty() {
            None
        } else {
            let n = self.participants.trim().parse::<u32>().ok();
            if n.is_none() {
                errors.insert("participants", t.err_number);
            }
            n
        };
        let rotation: Vec<CityId> =
            self.rotation.split(',').map(str::trim).filter(|s| !s.is_empty()).map(CityId::new).collect();
        if rotation.iter().any(|c| model.city(c).is_none()) {
            errors.insert("rotation", t.err_unknown_city);
        }
        let mut exdates = Vec::new();
        for part in self.exdates.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match parse_russian_date(part) {
                Some(d) => exdates.push(d),
                None => {
                    errors.insert("exdates", t.err_date);
                }
            }
        }
        let recurrence = if self.rrule.trim().is_empty() {
            None
        } else {
            Some(Recurrence { rrule: self.rrule.trim().to_owned(), exdates, host_rotation: rotation })
        };
        let (Some(start), Some(end), Some(tz)) = (start, end, tz) else { return Err(errors) };
        let event = Event {
            id: EventId::new(id),
            title_ru: self.title_ru.trim().to_owned(),
            title_en: self.title_en.trim().to_owned(),
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
        if errors.is_empty() { Ok(event) } else { Err(errors) }
    }
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

fn add_months_signed(d: NaiveDate, months: i32) -> NaiveDate {
    let m = chrono::Months::new(months.unsigned_abs());
    let r = if months >= 0 { d.checked_add_months(m) } else { d.checked_sub_months(m) };
    r.unwrap_or(d)
}

/// The findings' subjects that are conflicts (venue clashes, double bookings).
pub fn conflict_subjects(findings: &[crate::model::Finding]) -> HashSet<RecordId> {
    findings
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FindingKind::VenueClash { .. } | FindingKind::DoubleBooked { .. } | FindingKind::ProgrammeClash { .. }
            )
        })
        .map(|f| f.subject.clone())
        .collect()
}

fn entry_title(model: &Model, e: &Entry<'_>, lang: Lang, t: &Texts) -> String {
    match e {
        Entry::Event { event, occ, .. } => {
            let title = if lang == Lang::En && !event.title_en.is_empty() { &event.title_en } else { &event.title_ru };
            let rotating = event.recurrence.as_ref().is_some_and(|r| !r.host_rotation.is_empty());
            match occ.host.as_ref().and_then(|h| model.city(h)) {
                Some(h) if rotating => {
                    let name = if lang == Lang::En { &h.name_en } else { &h.name_ru };
                    format!("{title} ({}: {name})", t.host_word)
                }
                _ => title.clone(),
            }
        }
        Entry::Stay { delegation, .. } => {
            let city = model.city(&delegation.partner_city).map_or(delegation.partner_city.as_str(), |c| {
                if lang == Lang::En { c.name_en.as_str() } else { c.name_ru.as_str() }
            });
            let arrow = if delegation.direction == Direction::Incoming { "→" } else { "←" };
            format!("{arrow} {city}: {}", delegation.title_ru)
        }
    }
}

fn entry_colour(e: &Entry<'_>) -> Color32 {
    match e {
        Entry::Event { event, .. } => theme::category_colour(event.category),
        Entry::Stay { delegation, .. } => {
            if delegation.direction == Direction::Incoming {
                theme::STAY_IN
            } else {
                theme::STAY_OUT
            }
        }
    }
}

impl CalendarPanel {
    /// Draws the panel; edits come out as commands.
    /// Shows `view` around `day` (benches and scripted use).
    pub fn show(&mut self, view: CalView, day: NaiveDate) {
        self.view = view;
        self.cursor = day;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, dialogs: &dyn FileDialogs, out: &mut Vec<Command>) {
        let t = view.t;
        self.toolbar_ui(ui, view, dialogs);
        self.filters_ui(ui, view);
        legend_ui(ui, view);
        if let Some(m) = &self.message {
            ui.label(m);
        }
        ui.separator();
        let typing = ui.ctx().memory(|m| m.focused().is_some());
        if !typing && self.draft.is_none() {
            let (up, down) = ui.input(|i| (i.key_pressed(egui::Key::PageUp), i.key_pressed(egui::Key::PageDown)));
            if up {
                self.step(-1);
            }
            if down {
                self.step(1);
            }
        }
        // The conflict set is rebuilt only when the findings change, not every frame.
        let (key, conflicts) = match self.conflicts.take() {
            Some((k, c)) if k == view.findings_version => (k, c),
            _ => (view.findings_version, conflict_subjects(view.findings)),
        };
        if self.draft.is_some() {
            egui::ScrollArea::vertical().id_salt("event-form").auto_shrink([false, false]).show(ui, |ui| {
                self.form_ui(ui, view, out);
            });
        } else {
            egui::ScrollArea::vertical().id_salt("calendar-view").auto_shrink([false, false]).show(ui, |ui| match self
                .view
            {
                CalView::Month => self.month_ui(ui, view, &conflicts),
                CalView::Week => self.week_ui(ui, view, &conflicts),
                CalView::Agenda => self.agenda_ui(ui, view, &conflicts),
                CalView::Year => self.year_ui(ui, view, &conflicts),
            });
        }
        self.conflicts = Some((key, conflicts));
        self.preview_ui(ui, t, out);
    }

    fn step(&mut self, dir: i32) {
        self.cursor = match self.view {
            CalView::Month | CalView::Agenda => add_months_signed(self.cursor, dir),
            CalView::Week => self.cursor + Duration::days(7 * i64::from(dir)),
            CalView::Year => add_months_signed(self.cursor, 12 * dir),
        };
    }

    /// [`entries`] for the range, recomputed only when the model, the findings, the range
    /// or the filters change: expanding 20,000 events is kept out of the frame.
    fn cached_entries<'a>(
        &mut self,
        view: &View<'a>,
        from: NaiveDate,
        to: NaiveDate,
        conflicts: &HashSet<RecordId>,
    ) -> Vec<Entry<'a>> {
        let key = EntriesKey {
            version: view.version,
            findings_version: view.findings_version,
            from,
            to,
            filters: self.filters.clone(),
        };
        let model = view.model;
        if self.entries.as_ref().is_none_or(|(k, _)| *k != key) {
            let index_of_event: std::collections::HashMap<&str, usize> =
                model.events.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
            let index_of_stay: std::collections::HashMap<&str, usize> =
                model.delegations.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
            let cached = entries(model, from, to, &self.filters, conflicts)
                .into_iter()
                .filter_map(|e| match e {
                    Entry::Event { event, occ, conflict } => {
                        index_of_event.get(event.id.as_str()).map(|&index| CachedEntry::Event { index, occ, conflict })
                    }
                    Entry::Stay { delegation, conflict } => {
                        index_of_stay.get(delegation.id.as_str()).map(|&index| CachedEntry::Stay { index, conflict })
                    }
                })
                .collect();
            self.entries = Some((key, cached));
        }
        let cached: &[CachedEntry] = self.entries.as_ref().map_or(&[], |(_, c)| c.as_slice());
        cached
            .iter()
            .filter_map(|c| match c {
                CachedEntry::Event { index, occ, conflict } => {
                    model.events.get(*index).map(|event| Entry::Event { event, occ: occ.clone(), conflict: *conflict })
                }
                CachedEntry::Stay { index, conflict } => {
                    model.delegations.get(*index).map(|delegation| Entry::Stay { delegation, conflict: *conflict })
                }
            })
            .collect()
    }

    /// Shows the calendar at `day` (from search or findings).
    pub fn show_day(&mut self, day: NaiveDate) {
        self.cursor = day;
        self.selected_day = Some(day);
        self.draft = None;
    }

    /// Opens an event's form.
    pub fn edit_event(&mut self, e: &Event) {
        self.cursor = e.start_date;
        self.draft = Some(EventDraft::from_event(e));
    }

    fn title(&self, lang: Lang) -> String {
        match self.view {
            CalView::Month | CalView::Agenda => {
                format!("{} {}", i18n::month_name(lang, self.cursor.month()), self.cursor.year())
            }
            CalView::Week => {
                let s = week_start(self.cursor);
                format!("{}–{}", fmt_date(s), fmt_date(s + Duration::days(6)))
            }
            CalView::Year => self.cursor.year().to_string(),
        }
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, dialogs: &dyn FileDialogs) {
        let t = view.t;
        ui.horizontal_wrapped(|ui| {
            for (v, label) in [
                (CalView::Month, t.view_month),
                (CalView::Week, t.view_week),
                (CalView::Agenda, t.view_agenda),
                (CalView::Year, t.view_year),
            ] {
                if ui.selectable_label(self.view == v, label).clicked() {
                    self.view = v;
                }
            }
            ui.separator();
            if ui.button(t.prev).on_hover_text("PageUp").clicked() {
                self.step(-1);
            }
            if ui.button(t.today).clicked() {
                self.cursor = view.today;
                self.selected_day = Some(view.today);
            }
            if ui.button(t.next).on_hover_text("PageDown").clicked() {
                self.step(1);
            }
            ui.heading(fonts::bold(self.title(view.lang)));
            ui.separator();
            if ui.add_enabled(!view.read_only, egui::Button::new(t.new_event)).clicked() {
                let day = self.selected_day.unwrap_or(self.cursor);
                self.draft = Some(EventDraft::new_on(day, view.model));
            }
            if ui.button(t.export_ics).clicked() {
                let year = (self.view == CalView::Year).then_some(self.cursor.year());
                let name = year.map_or_else(|| "pobratim.ics".to_owned(), |y| format!("pobratim-{y}.ics"));
                if let Some(path) = dialogs.save(t.export_ics, &name, "ics") {
                    let text = ics::export_ics(view.model, &ics::ExportOptions { year, now: chrono::Utc::now() });
                    self.message = Some(match store::write_export(&path, text.as_bytes()) {
                        Ok(()) => format!("{}: {}", t.exported_to, path.display()),
                        Err(e) => e.to_string(),
                    });
                }
            }
            if self.view == CalView::Year && ui.button(t.print_calendar).clicked() {
                let job = crate::print::Job::Calendar { year: self.cursor.year() };
                self.print = Some(super::app::PrintRequest::new(job));
            }
            if ui.button(t.export_html).clicked() {
                let year = self.cursor.year();
                if let Some(path) = dialogs.save(t.export_html, &format!("calendar-{year}.html"), "html") {
                    let org = view.model.home_city().map(|c| format!("г. {}", c.name_ru)).unwrap_or_default();
                    let page = html::public_calendar_html(view.model, year, &org);
                    self.message = Some(match store::write_export(&path, page.as_bytes()) {
                        Ok(()) => format!("{}: {}", t.exported_to, path.display()),
                        Err(e) => e.to_string(),
                    });
                }
            }
            if ui.add_enabled(!view.read_only, egui::Button::new(t.import_ics)).clicked()
                && let Some(path) = dialogs.open(t.import_ics, "ics")
            {
                match store::read_import(&path) {
                    Ok(text) => {
                        let home = view.model.home_city().map_or(chrono_tz::Asia::Vladivostok, |c| c.time_zone);
                        let report = ics::parse_ics(&text, home);
                        let plan = ics::plan_import(view.model, &report);
                        self.preview = Some((path, report, plan));
                    }
                    Err(e) => self.message = Some(e.to_string()),
                }
            }
        });
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) {
        let t = view.t;
        let lang = view.lang;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.filter_category);
            let text = self.filters.category.map_or(t.all, |c| i18n::category_name(lang, c));
            egui::ComboBox::from_id_salt("cal-category")
                .selected_text(text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filters.category, None, t.all);
                    for c in EventCategory::ALL {
                        ui.selectable_value(&mut self.filters.category, Some(c), i18n::category_name(lang, c));
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label(t.filter_city);
            let city_text = self
                .filters
                .city
                .as_ref()
                .and_then(|c| view.model.city(c))
                .map_or(t.all.to_owned(), |c| if lang == Lang::En { c.name_en.clone() } else { c.name_ru.clone() });
            egui::ComboBox::from_id_salt("cal-city")
                .selected_text(city_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filters.city, None, t.all);
                    for c in &view.model.cities {
                        let name = if lang == Lang::En { &c.name_en } else { &c.name_ru };
                        ui.selectable_value(&mut self.filters.city, Some(c.id.clone()), name);
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label(t.filter_direction);
            let dir_text = match self.filters.direction {
                None => t.all,
                Some(None) => t.no_delegations_filter,
                Some(Some(d)) => i18n::direction_name(t, d),
            };
            egui::ComboBox::from_id_salt("cal-direction")
                .selected_text(dir_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filters.direction, None, t.all);
                    ui.selectable_value(&mut self.filters.direction, Some(Some(Direction::Incoming)), t.incoming);
                    ui.selectable_value(&mut self.filters.direction, Some(Some(Direction::Outgoing)), t.outgoing);
                    ui.selectable_value(&mut self.filters.direction, Some(None), t.no_delegations_filter);
                })
                .response
                .labelled_by(l.id);
            ui.checkbox(&mut self.filters.public_only, t.public_only);
        });
    }

    fn entry_button(&mut self, ui: &mut egui::Ui, view: &View<'_>, e: &Entry<'_>, text: String, width: f32) {
        let mut label = RichText::new(text).color(Color32::WHITE).size(11.5);
        if e.conflict() {
            label = label.strikethrough();
        }
        let button = egui::Button::new(label).fill(entry_colour(e)).truncate().min_size(egui::vec2(width, 0.0));
        let mut r = ui.add_sized([width, 18.0], button);
        if e.conflict() {
            ui.painter().rect_stroke(r.rect, 2.0, egui::Stroke::new(2.0, theme::ERROR), egui::StrokeKind::Outside);
            r = r.on_hover_text(view.t.conflict);
        }
        if let Entry::Event { event, .. } = e
            && r.clicked()
            && !view.read_only
        {
            self.draft = Some(EventDraft::from_event(event));
        }
    }

    fn month_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, conflicts: &HashSet<RecordId>) {
        let first = month_start(self.cursor);
        let grid_start = week_start(first);
        let grid_end = grid_start + Duration::days(41);
        let items = self.cached_entries(view, grid_start, grid_end, conflicts);
        let width = ((ui.available_width() - 6.0 * 4.0) / 7.0).max(90.0);
        // Six weeks fit the window; the cells never shrink below four rows of entries.
        let height = ((ui.available_height() - 24.0 - 5.0 * 4.0) / 6.0).clamp(96.0, 150.0);
        egui::Grid::new("month-grid").num_columns(7).spacing([4.0, 4.0]).show(ui, |ui| {
            for name in i18n::weekdays(view.lang) {
                ui.add_sized([width, 16.0], egui::Label::new(fonts::bold(name)));
            }
            ui.end_row();
            for week in 0..6 {
                for wd in 0..7 {
                    let day = grid_start + Duration::days(week * 7 + wd);
                    self.day_cell(ui, view, day, day.month() == first.month(), &items, [width, height]);
                }
                ui.end_row();
            }
        });
    }

    fn day_cell(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        day: NaiveDate,
        in_month: bool,
        items: &[Entry<'_>],
        size: [f32; 2],
    ) {
        let (rect, response) = ui.allocate_exact_size(egui::vec2(size[0], size[1]), Sense::click());
        let label = fmt_date(day);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
        let visuals = ui.visuals();
        let fill = if Some(day) == self.selected_day {
            visuals.selection.bg_fill.gamma_multiply(0.5)
        } else if in_month {
            visuals.faint_bg_color
        } else {
            visuals.extreme_bg_color
        };
        ui.painter().rect_filled(rect, 3.0, fill);
        if day == view.today {
            ui.painter().rect_stroke(rect, 3.0, egui::Stroke::new(1.5, theme::INFO), egui::StrokeKind::Inside);
        }
        if response.clicked() {
            self.selected_day = Some(day);
        }
        if response.double_clicked() && !view.read_only {
            self.draft = Some(EventDraft::new_on(day, view.model));
        }
        let mut child = ui.new_child(
            egui::UiBuilder::new().max_rect(rect.shrink(3.0)).layout(egui::Layout::top_down(egui::Align::Min)),
        );
        let colour = if in_month { child.visuals().strong_text_color() } else { child.visuals().weak_text_color() };
        child.label(RichText::new(day.day().to_string()).color(colour).size(12.0));
        child.set_clip_rect(rect.intersect(ui.clip_rect()));
        let todays: Vec<&Entry<'_>> = items.iter().filter(|e| e.days().0 <= day && day <= e.days().1).collect();
        // As many entries as the cell holds; when some are left over, one line says how many.
        let row = child.spacing().interact_size.y + child.spacing().item_spacing.y;
        let room = (child.max_rect().bottom() - child.cursor().top()).max(0.0);
        let fits = (room / row).floor() as usize;
        let shown = if todays.len() <= fits { todays.len() } else { ((room - 16.0).max(0.0) / row).floor() as usize };
        for e in todays.iter().take(shown) {
            let starts = e.days().0 == day || day.weekday().num_days_from_monday() == 0;
            let title = entry_title(view.model, e, view.lang, view.t);
            // A stay continuing from the day before shows as a bar with a continuation mark.
            let text = if starts { title } else { format!("… {title}") };
            child.push_id((day, entry_key(e)), |ui| self.entry_button(ui, view, e, text, size[0] - 6.0));
        }
        if todays.len() > shown {
            child.weak(format!("+{} {}", todays.len() - shown, view.t.more));
        }
    }

    fn week_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, conflicts: &HashSet<RecordId>) {
        let start = week_start(self.cursor);
        let items = self.cached_entries(view, start, start + Duration::days(6), conflicts);
        let width = ((ui.available_width() - 6.0 * 6.0) / 7.0).max(110.0);
        ui.horizontal_top(|ui| {
            for i in 0..7 {
                let day = start + Duration::days(i);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    let head = format!("{} {}", i18n::weekdays(view.lang)[i as usize], fmt_date(day));
                    let r = ui.add(egui::Button::selectable(Some(day) == self.selected_day, fonts::bold(head)));
                    if r.clicked() {
                        self.selected_day = Some(day);
                    }
                    if r.double_clicked() && !view.read_only {
                        self.draft = Some(EventDraft::new_on(day, view.model));
                    }
                    for e in items.iter().filter(|e| e.days().0 <= day && day <= e.days().1) {
                        if let Some(time) = entry_time(view, e, day) {
                            ui.weak(time);
                        }
                        let text = entry_title(view.model, e, view.lang, view.t);
                        ui.push_id((day, entry_key(e)), |ui| self.entry_button(ui, view, e, text, width));
                    }
                });
            }
        });
    }

    fn agenda_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, conflicts: &HashSet<RecordId>) {
        let from = month_start(self.cursor);
        let to = add_months_signed(from, 1) - Duration::days(1);
        let items = self.cached_entries(view, from, to, conflicts);
        let mut any = false;
        let mut day = from;
        while day <= to {
            let todays: Vec<&Entry<'_>> = items.iter().filter(|e| e.days().0 <= day && day <= e.days().1).collect();
            if !todays.is_empty() {
                any = true;
                let weekday = i18n::weekdays(view.lang)[day.weekday().num_days_from_monday() as usize];
                ui.label(fonts::bold(format!("{weekday} {}", fmt_date(day))));
                for e in todays {
                    // A month of a large folder is hundreds of rows: those outside the
                    // scroll area's view only take their height.
                    let row =
                        egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), self.row_height));
                    if self.row_height > 0.0 && !ui.is_rect_visible(row) {
                        ui.add_space(self.row_height + ui.spacing().item_spacing.y);
                        continue;
                    }
                    let shown = ui.horizontal(|ui| {
                        ui.add_space(16.0);
                        ui.colored_label(entry_colour(e), "●");
                        if let Some(time) = entry_time(view, e, day) {
                            ui.weak(time);
                        }
                        let text = entry_title(view.model, e, view.lang, view.t);
                        let r = ui.push_id((day, entry_key(e)), |ui| ui.link(text)).inner;
                        if let Entry::Event { event, .. } = e
                            && r.clicked()
                            && !view.read_only
                        {
                            self.draft = Some(EventDraft::from_event(event));
                        }
                        if e.conflict() {
                            ui.colored_label(theme::ERROR, format!("({})", view.t.conflict));
                        }
                    });
                    self.row_height = shown.response.rect.height();
                }
            }
            day += Duration::days(1);
        }
        if !any {
            ui.weak(view.t.no_history);
        }
    }

    fn year_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, conflicts: &HashSet<RecordId>) {
        let year = self.cursor.year();
        let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31))
        else {
            return;
        };
        let items = self.cached_entries(view, from, to, conflicts);
        let width = ((ui.available_width() - 3.0 * 8.0) / 4.0).max(160.0);
        egui::Grid::new("year-grid").num_columns(4).spacing([8.0, 8.0]).show(ui, |ui| {
            for m in 1..=12u32 {
                ui.vertical(|ui| {
                    ui.set_width(width);
                    let r = ui.add(egui::Button::selectable(false, fonts::bold(i18n::month_name(view.lang, m))));
                    if r.clicked()
                        && let Some(d) = NaiveDate::from_ymd_opt(year, m, 1)
                    {
                        self.cursor = d;
                        self.view = CalView::Month;
                    }
                    for e in items.iter().filter(|e| e.days().0.month() == m && e.days().0.year() == year).take(8) {
                        let (a, b) = e.days();
                        let dates = if a == b {
                            format!("{:02}", a.day())
                        } else {
                            format!("{:02}–{:02}.{:02}", a.day(), b.day(), b.month())
                        };
                        ui.horizontal(|ui| {
                            ui.colored_label(entry_colour(e), "●");
                            let mut text =
                                RichText::new(format!("{dates} {}", entry_title(view.model, e, view.lang, view.t)))
                                    .size(11.5);
                            if e.conflict() {
                                text = text.color(theme::ERROR);
                            }
                            ui.add(egui::Label::new(text).truncate());
                        });
                    }
                });
                if m % 4 == 0 {
                    ui.end_row();
                }
            }
        });
    }

    fn form_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Command>) {
        let t = view.t;
        let lang = view.lang;
        let Some(draft) = self.draft.as_mut() else { return };
        let result = draft.validate(view.model, t);
        let err = |k: &str| result.as_ref().err().and_then(|e| e.get(k).copied());
        ui.heading(if draft.is_new { t.new_event_title.to_owned() } else { format!("{}: {}", t.edit, draft.title_ru) });
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.add_enabled(result.is_ok() && !view.read_only, egui::Button::new(t.apply)).clicked()
                && let Ok(e) = &result
            {
                out.push(Command::put(Record::Event(e.clone())));
                self.cursor = e.start_date;
                close = true;
            }
            if ui.button(t.cancel).clicked() {
                close = true;
            }
            if !draft.is_new && ui.add_enabled(!view.read_only, egui::Button::new(t.delete)).clicked() {
                out.push(Command::Remove(RecordId::Event(EventId::new(draft.id.trim()))));
                close = true;
            }
        });
        egui::Grid::new("event-form").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
            if draft.is_new {
                text_field(ui, t.f_id, &mut draft.id, err("id"));
            }
            text_field(ui, t.f_title_ru, &mut draft.title_ru, err("title_ru"));
            text_field(ui, t.f_title_en, &mut draft.title_en, None);
            let l = ui.label(t.f_category);
            egui::ComboBox::from_id_salt("event-category")
                .selected_text(i18n::category_name(lang, draft.category))
                .show_ui(ui, |ui| {
                    for c in EventCategory::ALL {
                        ui.selectable_value(&mut draft.category, c, i18n::category_name(lang, c));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.label("");
            ui.end_row();
            text_field(ui, t.f_start_date, &mut draft.start_date, err("start_date"));
            text_field(ui, t.f_end_date, &mut draft.end_date, err("end_date"));
            text_field(ui, t.f_start_time, &mut draft.start_time, err("start_time"));
            text_field(ui, t.f_end_time, &mut draft.end_time, err("end_time"));
            text_field(ui, t.f_time_zone, &mut draft.time_zone, err("time_zone"));
            text_field(ui, t.f_venue, &mut draft.venue, None);
            let l = ui.label(t.f_host_city);
            let host_text = draft
                .host_city
                .as_ref()
                .and_then(|c| view.model.city(c))
                .map_or(t.none.to_owned(), |c| c.name_ru.clone());
            let mut host = draft.host_city.clone();
            egui::ComboBox::from_id_salt("event-host")
                .selected_text(host_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut host, None, t.none);
                    for c in &view.model.cities {
                        ui.selectable_value(&mut host, Some(c.id.clone()), &c.name_ru);
                    }
                })
                .response
                .labelled_by(l.id);
            if host != draft.host_city {
                if let Some(c) = host.as_ref().and_then(|h| view.model.city(h)) {
                    draft.time_zone = c.time_zone.name().to_owned();
                }
                draft.host_city = host;
            }
            ui.label("");
            ui.end_row();
            text_field(ui, t.f_rrule, &mut draft.rrule, err("rrule"));
            text_field(ui, t.f_exdates, &mut draft.exdates, err("exdates"));
            text_field(ui, t.f_rotation, &mut draft.rotation, err("rotation"));
            ui.label("");
            ui.checkbox(&mut draft.public, t.f_public);
            ui.label("");
            ui.end_row();
            text_field(ui, t.f_participants, &mut draft.participants, err("participants"));
            text_area(ui, t.f_description, &mut draft.description);
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

    fn preview_ui(&mut self, ui: &mut egui::Ui, t: &Texts, out: &mut Vec<Command>) {
        let Some((path, report, plan)) = &self.preview else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("ics-import-preview")).show(ui.ctx(), |ui| {
            ui.heading(t.import_preview);
            ui.label(path.display().to_string());
            ui.label(format!(
                "{} {}, {} {}, {} {}, {} {}",
                t.import_new,
                plan.added.len(),
                t.import_updated,
                plan.updated.len(),
                t.import_unchanged,
                plan.unchanged,
                t.import_skipped,
                report.skipped.len()
            ));
            egui::ScrollArea::vertical().max_height(320.0).id_salt("import-list").show(ui, |ui| {
                for e in plan.added.iter().chain(&plan.updated) {
                    ui.label(format!("• {} {}", fmt_date(e.start_date), e.title_ru));
                }
                for n in report.skipped.iter().chain(&report.warnings) {
                    ui.colored_label(theme::WARNING, format!("{}: {}", n.line, n.message));
                }
            });
            let nothing = plan.added.is_empty() && plan.updated.is_empty();
            if nothing {
                ui.label(t.import_nothing);
            }
            ui.horizontal(|ui| {
                if ui.add_enabled(!nothing, egui::Button::new(t.import_do)).clicked() {
                    let commands = plan
                        .added
                        .iter()
                        .chain(&plan.updated)
                        .map(|e| Command::put(Record::Event(e.clone())))
                        .collect();
                    out.push(Command::Batch(commands));
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

fn entry_key(e: &Entry<'_>) -> String {
    match e {
        Entry::Event { event, occ, .. } => format!("e-{}-{}", event.id, occ.index),
        Entry::Stay { delegation, .. } => format!("s-{}", delegation.id),
    }
}

/// «10:00 Ниигата (11:00 Хабаровск)» for a timed event on its first day.
fn entry_time(view: &View<'_>, e: &Entry<'_>, day: NaiveDate) -> Option<String> {
    let Entry::Event { event, occ, .. } = e else { return None };
    let start = event.start_time?;
    if occ.start_date != day {
        return None;
    }
    let home = view.model.home_city()?;
    let place = occ.host.as_ref().and_then(|h| view.model.city(h)).map_or(event.time_zone.name().to_owned(), |c| {
        if view.lang == Lang::En { c.name_en.clone() } else { c.name_ru.clone() }
    });
    let home_name = if view.lang == Lang::En { &home.name_en } else { &home.name_ru };
    Some(time_with_home(event.time_zone, day, start, &place, home.time_zone, home_name))
}

fn legend_ui(ui: &mut egui::Ui, view: &View<'_>) {
    ui.horizontal_wrapped(|ui| {
        ui.weak(format!("{}:", view.t.legend));
        for c in EventCategory::ALL {
            ui.colored_label(theme::category_colour(c), format!("● {}", i18n::category_name(view.lang, c)));
        }
        ui.colored_label(theme::STAY_IN, format!("● {}", view.t.stay_in));
        ui.colored_label(theme::STAY_OUT, format!("● {}", view.t.stay_out));
        ui.colored_label(theme::ERROR, format!("□ {}", view.t.conflict));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, CityStatus};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn model() -> Model {
        let mut m = Model::default();
        for (id, ru) in [("khabarovsk", "Хабаровск"), ("niigata", "Ниигата"), ("harbin", "Харбин")]
        {
            m.cities.push(City {
                id: id.into(),
                name_ru: ru.into(),
                status: if id == "khabarovsk" { CityStatus::Home } else { CityStatus::Sister },
                ..City::default()
            });
        }
        m.events.push(Event {
            id: "eco".into(),
            title_ru: "Экологическая конференция".into(),
            category: EventCategory::Ecology,
            start_date: d(2016, 10, 12),
            end_date: d(2016, 10, 14),
            recurrence: Some(Recurrence {
                rrule: "FREQ=YEARLY".into(),
                exdates: vec![],
                host_rotation: vec!["khabarovsk".into(), "niigata".into(), "harbin".into()],
            }),
            ..Event::default()
        });
        m.delegations.push(Delegation {
            id: "d".into(),
            partner_city: "niigata".into(),
            direction: Direction::Incoming,
            title_ru: "Экологи Ниигаты".into(),
            arrival: crate::model::Travel { date: d(2017, 10, 11), ..Default::default() },
            departure: crate::model::Travel { date: d(2017, 10, 15), ..Default::default() },
            ..Delegation::default()
        });
        m.normalise();
        m
    }

    #[test]
    fn each_occurrence_names_its_host() {
        let m = model();
        let items = entries(&m, d(2017, 10, 1), d(2017, 10, 31), &Filters::default(), &HashSet::new());
        assert_eq!(items.len(), 2, "the conference and the stay");
        assert!(matches!(items[0], Entry::Stay { .. }), "in date order: the stay begins on the 11th");
        let title = entry_title(&m, &items[1], Lang::Ru, &i18n::RU);
        assert_eq!(title, "Экологическая конференция (принимает: Ниигата)");
        let stay = entry_title(&m, &items[0], Lang::Ru, &i18n::RU);
        assert_eq!(stay, "→ Ниигата: Экологи Ниигаты");
    }

    #[test]
    fn filters_narrow_the_entries() {
        let m = model();
        let range = (d(2017, 10, 1), d(2017, 10, 31));
        let only = |f: Filters| entries(&m, range.0, range.1, &f, &HashSet::new()).len();
        assert_eq!(only(Filters { public_only: true, ..Filters::default() }), 0);
        assert_eq!(only(Filters { category: Some(EventCategory::Ecology), ..Filters::default() }), 1, "stays hide");
        assert_eq!(only(Filters { direction: Some(Some(Direction::Outgoing)), ..Filters::default() }), 1);
        assert_eq!(only(Filters { city: Some("harbin".into()), ..Filters::default() }), 0, "Niigata hosts in 2017");
        assert_eq!(only(Filters { city: Some("niigata".into()), ..Filters::default() }), 2);
    }

    #[test]
    fn conflicts_are_marked() {
        let m = model();
        let conflicts: HashSet<RecordId> = [RecordId::Event("eco".into())].into_iter().collect();
        let items = entries(&m, d(2017, 10, 1), d(2017, 10, 31), &Filters::default(), &conflicts);
        assert!(!items[0].conflict(), "the stay");
        assert!(items[1].conflict(), "the conference");
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_start(d(2026, 11, 27)), d(2026, 11, 23));
        assert_eq!(week_start(d(2026, 11, 23)), d(2026, 11, 23));
        assert_eq!(week_start(d(2026, 11, 29)), d(2026, 11, 23));
    }

    /// What an entry shows, for comparing cached and fresh entries.
    fn shown(items: &[Entry<'_>]) -> Vec<(String, NaiveDate, NaiveDate, bool)> {
        items
            .iter()
            .map(|e| match e {
                Entry::Event { event, occ, conflict } => {
                    (format!("e:{}:{:?}", event.id, occ.host), occ.start_date, occ.end_date, *conflict)
                }
                Entry::Stay { delegation, conflict } => {
                    (format!("d:{}", delegation.id), delegation.arrival.date, delegation.departure.date, *conflict)
                }
            })
            .collect()
    }

    /// One random edit: put or remove an event or a stay.
    #[derive(Clone, Debug)]
    enum Edit {
        PutEvent { n: u8, day: u16, len: u8, public: bool },
        RemoveEvent(u8),
        PutStay { n: u8, day: u16, len: u8 },
        RemoveStay(u8),
        Filter { public_only: bool },
        Look { day: u16, span: u8 },
    }

    fn edit() -> impl proptest::strategy::Strategy<Value = Edit> {
        use proptest::prelude::*;
        prop_oneof![
            (0u8..6, 0u16..730, 0u8..4, any::<bool>()).prop_map(|(n, day, len, public)| Edit::PutEvent {
                n,
                day,
                len,
                public
            }),
            (0u8..6).prop_map(Edit::RemoveEvent),
            (0u8..6, 0u16..730, 0u8..6).prop_map(|(n, day, len)| Edit::PutStay { n, day, len }),
            (0u8..6).prop_map(Edit::RemoveStay),
            proptest::bool::ANY.prop_map(|public_only| Edit::Filter { public_only }),
            (0u16..730, 0u8..60).prop_map(|(day, span)| Edit::Look { day, span }),
        ]
    }

    proptest::proptest! {
        /// After any sequence of commands the cached entries are what a fresh expansion gives:
        /// every change of the model bumps the version the cache is keyed on.
        #[test]
        fn cached_entries_equal_a_fresh_computation(edits in proptest::collection::vec(edit(), 1..40)) {
            let mut m = model();
            let mut panel = CalendarPanel::default();
            let mut version = 0u64;
            let base = d(2016, 1, 1);
            let (mut from, mut to) = (base, base + Duration::days(60));
            for e in edits {
                let command = match e {
                    Edit::PutEvent { n, day, len, public } => {
                        let start = base + Duration::days(i64::from(day));
                        Some(Command::put(crate::command::Record::Event(Event {
                            id: format!("ev-{n}").as_str().into(),
                            title_ru: format!("Событие {n}"),
                            start_date: start,
                            end_date: start + Duration::days(i64::from(len)),
                            public,
                            host_city: Some("harbin".into()),
                            ..Event::default()
                        })))
                    }
                    Edit::RemoveEvent(n) => Some(Command::Remove(RecordId::Event(format!("ev-{n}").as_str().into()))),
                    Edit::PutStay { n, day, len } => {
                        let start = base + Duration::days(i64::from(day));
                        Some(Command::put(crate::command::Record::Delegation(Delegation {
                            id: format!("st-{n}").as_str().into(),
                            partner_city: "niigata".into(),
                            arrival: crate::model::Travel { date: start, ..Default::default() },
                            departure: crate::model::Travel { date: start + Duration::days(i64::from(len)), ..Default::default() },
                            ..Default::default()
                        })))
                    }
                    Edit::RemoveStay(n) => Some(Command::Remove(RecordId::Delegation(format!("st-{n}").as_str().into()))),
                    Edit::Filter { public_only } => {
                        panel.filters.public_only = public_only;
                        None
                    }
                    Edit::Look { day, span } => {
                        from = base + Duration::days(i64::from(day));
                        to = from + Duration::days(i64::from(span));
                        None
                    }
                };
                if let Some(c) = command
                    && c.apply(&mut m).is_ok()
                {
                    version += 1;
                }
                let findings = crate::model::run_checks(&m, d(2016, 1, 1));
                let view = View {
                    model: &m,
                    t: crate::ui::i18n::texts(Lang::Ru),
                    lang: Lang::Ru,
                    read_only: false,
                    today: d(2016, 1, 1),
                    findings: &findings,
                    version,
                    findings_version: version,
                    retention_years: 5,
                };
                let conflicts = conflict_subjects(&findings);
                let cached = shown(&panel.cached_entries(&view, from, to, &conflicts));
                let fresh = shown(&entries(&m, from, to, &panel.filters, &conflicts));
                proptest::prop_assert_eq!(cached, fresh);
            }
        }
    }
}
