//! The «Календарь» panel: month, week, agenda and year views of events (recurring ones
//! expanded, with the host of each occurrence) and delegation stays; filters, a legend,
//! conflict marks, an event form, and iCalendar/HTML export and iCalendar import.

use super::action::Action;
use super::form::search_combo;
use super::i18n::{self, Texts};
use super::view::View;
use super::{fonts, theme};
use crate::command::{Command, Record};
use crate::exchange::ics;
use crate::model::date::fmt_date;
use crate::model::event::time_with_home;
use crate::model::ids::is_valid_slug;
use crate::model::{CityId, Direction, Event, EventCategory, EventId, Lang, Model, Occurrence, RecordId, Recurrence};
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use eframe::egui::{self, Color32, RichText, Sense};
use std::collections::HashSet;

mod agenda;
mod cache;
mod exchange;
mod form;
mod month;
mod rule;
mod week;
mod year;
use crate::model::calendar::{Entry, Filters, conflict_subjects, entries};
use cache::*;
use form::*;

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

/// The panel's transient state.
pub struct CalendarPanel {
    view: CalView,
    cursor: NaiveDate,
    selected_day: Option<NaiveDate>,
    filters: Filters,
    draft: Option<EventDraft>,
    preview: Option<(std::path::PathBuf, ics::ParseReport, ics::ImportPlan)>,
    message: Option<String>,
    /// Records in conflict, for the findings version they came from.
    conflicts: Option<(u64, HashSet<RecordId>)>,
    /// The last range's entries as indices into the model, with what they depend on.
    entries: Option<(EntriesKey, Vec<CachedEntry>)>,
    /// Height of an agenda row as last drawn, for the rows outside the view.
    row_height: f32,
    /// The day whose entries are listed in a window («+N ещё», a day in the year view).
    day_list: Option<NaiveDate>,
    /// «Перейти к дате» as typed.
    goto_text: String,
    /// The shown year's public calendar, for the model version it was counted on.
    public: Option<((u64, i32), PublicStatus)>,
    /// Every event lacking a public description is listed, not only the first few.
    public_all: bool,
}

/// Events lacking a public description listed in the year view before «… ещё N».
const LACKING_SHOWN: usize = 8;

/// How far a year's public calendar is: its events against the department's target, and
/// those still without a public description.
#[derive(Clone, Debug, Default)]
struct PublicStatus {
    /// Public occurrences in the year.
    count: usize,
    /// The target the department entered for the year.
    target: Option<u32>,
    /// Public events of the year with no public description yet: (id, Russian title).
    lacking: Vec<(crate::model::EventId, String, String)>,
}

impl CalendarPanel {
    /// The existing event whose form is open (the app keeps its value as the form's base,
    /// and tells colleagues it is being edited).
    pub fn editing(&self) -> Option<RecordId> {
        self.draft.as_ref().filter(|d| !d.is_new).map(|d| RecordId::Event(crate::model::EventId::new(d.id.as_str())))
    }

    /// Opens the form again on the event as the model now has it («Обновить»: a colleague
    /// changed it underneath; what was typed is dropped).
    pub fn reload_form(&mut self, model: &crate::model::Model) {
        let id = self.editing();
        self.draft = match id {
            Some(RecordId::Event(id)) => model.event(&id).map(EventDraft::from_event),
            _ => None,
        };
    }

    /// The panel on the month of `today`.
    pub fn new(today: NaiveDate) -> Self {
        CalendarPanel {
            view: CalView::Month,
            cursor: today,
            selected_day: None,
            filters: Filters::default(),
            draft: None,
            preview: None,
            message: None,
            conflicts: None,
            entries: None,
            row_height: 0.0,
            day_list: None,
            goto_text: String::new(),
            public: None,
            public_all: false,
        }
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

fn entry_title(model: &Model, e: &Entry<'_>, lang: Lang, t: &Texts) -> String {
    match e {
        Entry::Event { event, occ, .. } => {
            let title = event.occurrence_title(occ).show(lang);
            let rotating = event.recurrence.as_ref().is_some_and(|r| !r.host_rotation.is_empty());
            match occ.host.as_ref().and_then(|h| model.city(h)) {
                Some(h) if rotating => {
                    format!("{title} ({}: {})", t.host_word, h.name(lang))
                }
                _ => title.to_owned(),
            }
        }
        Entry::Stay { delegation, .. } => {
            let city = delegation.counterpart(model, lang);
            format!("{}: {city} — {}", direction_word(t, delegation.direction), delegation.title(lang))
        }
    }
}

/// «приём» / «выезд»: the direction in a word, never an arrow.
fn direction_word(t: &Texts, d: Direction) -> &'static str {
    if d == Direction::Incoming { t.dir_in } else { t.dir_out }
}

fn dates_text(a: NaiveDate, b: NaiveDate) -> String {
    if a == b { fmt_date(a) } else { format!("{}–{}", fmt_date(a), fmt_date(b)) }
}

/// A chip's tooltip: the whole title, the dates, the direction or category, and the host.
fn entry_tooltip(model: &Model, e: &Entry<'_>, lang: Lang, t: &Texts) -> String {
    let (a, b) = e.days();
    let city_name = |c: &CityId| model.city(c).map_or(c.to_string(), |c| c.name(lang).to_owned());
    match e {
        Entry::Event { event, occ, .. } => {
            let mut lines = vec![
                event.occurrence_title(occ).show(lang).to_owned(),
                format!("{}: {}", t.tip_dates, dates_text(a, b)),
                format!("{}: {}", t.f_category, i18n::category_name(lang, event.category)),
            ];
            if let Some(h) = &occ.host {
                lines.push(format!("{}: {}", t.tip_host, city_name(h)));
            }
            if occ.changed.is_some() {
                lines.push(t.occurrence_changed.to_owned());
            }
            lines.join("\n")
        }
        Entry::Stay { delegation, .. } => {
            let host = match delegation.direction {
                Direction::Incoming => model.home_city().map(|c| c.name(lang).to_owned()).unwrap_or_default(),
                Direction::Outgoing => delegation.counterpart(model, lang),
            };
            [
                delegation.title(lang).to_owned(),
                format!("{}: {}", t.tip_dates, dates_text(a, b)),
                format!(
                    "{}: {} ({})",
                    t.tip_direction,
                    direction_word(t, delegation.direction),
                    delegation.counterpart(model, lang)
                ),
                format!("{}: {host}", t.tip_host),
            ]
            .join("\n")
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

    /// Draws the panel (toolbar, filters, then the month, week, agenda or year view, or the
    /// event form); edits, exports and imports come out as actions.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        self.toolbar_ui(ui, view, out);
        self.filters_ui(ui, view);
        legend_ui(ui, view);
        if self.view == CalView::Year && self.draft.is_none() {
            self.public_status_ui(ui, view);
        }
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
                CalView::Month => self.month_ui(ui, view, &conflicts, out),
                CalView::Week => self.week_ui(ui, view, &conflicts, out),
                CalView::Agenda => self.agenda_ui(ui, view, &conflicts, out),
                CalView::Year => self.year_ui(ui, view, &conflicts, out),
            });
        }
        self.conflicts = Some((key, conflicts));
        self.day_list_ui(ui, view, out);
        self.preview_ui(ui, view, out);
    }

    /// «Публичный календарь 2017: 33 событий из плана 35 · без описания для публикации: 4»,
    /// with the events lacking a description listed to open.
    fn public_status_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) {
        let t = view.t;
        let year = self.cursor.year();
        let key = (view.version, year);
        let status = match self.public.take() {
            Some((k, s)) if k == key => s,
            _ => PublicStatus {
                count: crate::model::public::public_items(view.model, year).len(),
                target: view.model.figures_for(year).and_then(|f| f.public_events_target),
                lacking: crate::model::public::lacking_description(view.model, year)
                    .into_iter()
                    .map(|e| (e.id.clone(), e.title(Lang::Ru).to_owned(), e.title(Lang::En).to_owned()))
                    .collect(),
            },
        };
        let mut open = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(fonts::bold(format!("{} {year}:", t.public_calendar_status)));
            match status.target {
                Some(target) => {
                    let text = format!("{} {} {target}", status.count, t.public_target_of);
                    if status.count < target as usize {
                        ui.colored_label(theme::warning(), text);
                    } else {
                        ui.label(text);
                    }
                    ui.label(t.public_events_count);
                }
                None => {
                    ui.label(format!("{} {} · {}", status.count, t.public_events_count, t.public_no_target));
                }
            }
            if !status.lacking.is_empty() {
                ui.separator();
                ui.colored_label(theme::warning(), format!("{}: {}", t.public_lacking, status.lacking.len()));
                // A few at once: a folder of ten years may lack hundreds, and a button each
                // would cost the frame milliseconds.
                let shown = if self.public_all { status.lacking.len() } else { LACKING_SHOWN };
                for (id, ru, en) in status.lacking.iter().take(shown) {
                    let title = if view.lang == Lang::En && !en.is_empty() { en } else { ru };
                    if ui.small_button(title).clicked() {
                        open = Some(id.clone());
                    }
                }
                if status.lacking.len() > shown
                    && ui.link(format!("… {} {}", t.ov_more, status.lacking.len() - shown)).clicked()
                {
                    self.public_all = true;
                }
            }
        });
        if let Some(id) = open
            && let Some(e) = view.model.event(&id)
        {
            self.edit_event(&e.clone());
        }
        self.public = Some((key, status));
    }

    fn step(&mut self, dir: i32) {
        self.cursor = match self.view {
            CalView::Month | CalView::Agenda => add_months_signed(self.cursor, dir),
            CalView::Week => self.cursor + Duration::days(7 * i64::from(dir)),
            CalView::Year => add_months_signed(self.cursor, 12 * dir),
        };
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

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
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
        });
        // Going to a date first, so its label and field stay together when the row wraps.
        ui.horizontal_wrapped(|ui| {
            self.goto_ui(ui, view);
            ui.separator();
            if ui.add_enabled(!view.read_only, egui::Button::new(t.new_event)).clicked() {
                let day = self.selected_day.unwrap_or(self.cursor);
                self.draft = Some(EventDraft::new_on(day, view.model));
            }
            self.exchange_buttons(ui, view, out);
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
                .map_or(t.all.to_owned(), |c| c.name(lang).to_owned());
            let cities = || {
                std::iter::once((None, t.all.to_owned()))
                    .chain(
                        view.model
                            .partner_cities_sorted(lang)
                            .into_iter()
                            .map(|c| (Some(c.id.clone()), c.name(lang).to_owned())),
                    )
                    .collect()
            };
            let id = egui::Id::unique("cal-city");
            search_combo(ui, id, &mut self.filters.city, cities, &city_text, t.search).labelled_by(l.id);
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

    fn entry_button(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        e: &Entry<'_>,
        text: String,
        width: f32,
        out: &mut Vec<Action>,
    ) {
        let mut label = RichText::new(text).color(theme::CHIP_TEXT).size(11.5);
        if e.conflict() {
            label = label.strikethrough();
        }
        let button = egui::Button::new(label).fill(entry_colour(e)).truncate().min_size(egui::vec2(width, 0.0));
        let mut r = ui.add_sized([width, 18.0], button);
        if e.conflict() {
            ui.painter().rect_stroke(r.rect, 2.0, egui::Stroke::new(2.0, theme::error()), egui::StrokeKind::Outside);
        }
        let mut tip = entry_tooltip(view.model, e, view.lang, view.t);
        if e.conflict() {
            tip.push_str(&format!("\n({})", view.t.conflict));
        }
        r = r.on_hover_text(tip);
        if r.clicked() {
            self.open_entry(e, out);
        }
    }

    /// Opens what an entry stands for: a stay opens its visit; an event its form, on the
    /// clicked occurrence when it is one of a series.
    fn open_entry(&mut self, e: &Entry<'_>, out: &mut Vec<Action>) {
        match e {
            Entry::Stay { delegation, .. } => out.push(Action::Open(RecordId::Delegation(delegation.id.clone()))),
            Entry::Event { event, occ, .. } => {
                self.day_list = None;
                self.draft = Some(if event.recurrence.is_some() {
                    EventDraft::for_occurrence(event, occ)
                } else {
                    EventDraft::from_event(event)
                });
            }
        }
    }

    /// The window listing one day's entries, each opening its visit or event.
    fn day_list_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let Some(day) = self.day_list else { return };
        let conflicts = self.conflicts.as_ref().map(|(_, c)| c.clone()).unwrap_or_default();
        let items = entries(view.model, day, day, &self.filters, &conflicts);
        let mut open = true;
        let weekday = i18n::weekdays(view.lang)[day.weekday().num_days_from_monday() as usize];
        let mut clicked = None;
        egui::Window::new(format!("{} — {weekday} {}", view.t.day_list, fmt_date(day)))
            .id(egui::Id::unique("calendar-day-list"))
            .open(&mut open)
            .collapsible(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ui.ctx().content_rect().center())
            .default_width(420.0)
            .show(ui.ctx(), |ui| {
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    if items.is_empty() {
                        ui.weak(view.t.no_history);
                    }
                    for (i, e) in items.iter().enumerate() {
                        ui.horizontal(|ui| {
                            ui.colored_label(entry_colour(e), "●");
                            if let Some(time) = entry_time(view, e, day) {
                                ui.weak(time);
                            }
                            let text = entry_title(view.model, e, view.lang, view.t);
                            let tip = entry_tooltip(view.model, e, view.lang, view.t);
                            if ui.link(text).on_hover_text(tip).clicked() {
                                clicked = Some(i);
                            }
                        });
                    }
                });
            });
        if let Some(i) = clicked
            && let Some(e) = items.get(i)
        {
            self.open_entry(e, out);
            self.day_list = None;
        } else if !open {
            self.day_list = None;
        }
    }

    /// «Перейти к дате» (a typed date, month or year, or a picked day) and «Ближайшие».
    fn goto_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) {
        let t = view.t;
        self.goto_field_ui(ui, view);
        if ui.button(t.next_visit).on_hover_text(t.next_visit_hint).clicked() {
            self.next_visit(view);
        }
    }

    fn goto_field_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>) {
        let t = view.t;
        let l = ui.label(t.goto_date);
        let field = egui::TextEdit::singleline(&mut self.goto_text)
            .id(egui::Id::unique("calendar-goto"))
            .hint_text(t.goto_placeholder)
            .desired_width(84.0);
        let r = ui.add(field).labelled_by(l.id).on_hover_text(t.goto_hint);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(t.goto_do).clicked() || enter {
            match goto_target(&self.goto_text) {
                Some((day, exact)) => {
                    self.cursor = day;
                    self.selected_day = exact.then_some(day);
                    self.message = None;
                    if self.view == CalView::Year && exact {
                        self.view = CalView::Month;
                    }
                }
                None => self.message = Some(t.goto_bad.to_owned()),
            }
        }
        let (r, picked) = super::widgets::date_picker_button(ui, "…", view.lang, self.cursor);
        r.on_hover_text(t.pick_date);
        if let Some(day) = picked {
            self.cursor = day;
            self.selected_day = Some(day);
            self.goto_text = fmt_date(day);
        }
    }

    /// «Ближайшие»: the first visit arriving from today on, not cancelled.
    fn next_visit(&mut self, view: &View<'_>) {
        let t = view.t;
        {
            let next = view
                .model
                .delegations
                .iter()
                .filter(|d| d.arrival.date >= view.today && d.status != crate::model::DelegationStatus::Cancelled)
                .min_by_key(|d| (d.arrival.date, d.id.clone()));
            match next {
                Some(d) => {
                    self.cursor = d.arrival.date;
                    self.selected_day = Some(d.arrival.date);
                    if self.view == CalView::Year {
                        self.view = CalView::Month;
                    }
                    let city = d.counterpart(view.model, view.lang);
                    self.message = Some(format!(
                        "{}: {} {}: {city} — {}",
                        t.next_visit_found,
                        dates_text(d.arrival.date, d.departure.date),
                        direction_word(t, d.direction),
                        d.title(view.lang)
                    ));
                }
                None => self.message = Some(t.next_visit_none.to_owned()),
            }
        }
    }
}

/// `27.11.2026` → that day; `05.2017` → the first of the month; `2017` → 1 January. The
/// flag says whether a whole date was given.
fn goto_target(text: &str) -> Option<(NaiveDate, bool)> {
    let p = crate::model::date::parse_russian_partial(text)?;
    let day = NaiveDate::from_ymd_opt(p.year, p.month.unwrap_or(1), p.day.unwrap_or(1))?;
    Some((day, p.day.is_some()))
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
    let place = occ
        .host
        .as_ref()
        .and_then(|h| view.model.city(h))
        .map_or(event.time_zone.name().to_owned(), |c| c.name(view.lang).to_owned());
    let home_name = home.name(view.lang);
    Some(time_with_home(event.time_zone, day, start, &place, home.time_zone, home_name))
}

/// One legend entry, never broken across lines.
/// A legend entry: a dot in the colour (a mark, readable at 3:1 on either theme's
/// background) and the name in the text colour.
fn legend_item(ui: &mut egui::Ui, colour: Color32, text: String) {
    // One label, so a wrapped legend never leaves the dot at a line's end without its name.
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    let font = egui::FontSelection::Default;
    RichText::new("● ").color(colour).append_to(&mut job, style, font.clone(), egui::Align::Center);
    RichText::new(text).color(ui.visuals().text_color()).append_to(&mut job, style, font, egui::Align::Center);
    ui.add(egui::Label::new(job).extend());
}

fn legend_ui(ui: &mut egui::Ui, view: &View<'_>) {
    ui.horizontal_wrapped(|ui| {
        ui.weak(format!("{}:", view.t.legend));
        for c in EventCategory::ALL {
            legend_item(ui, theme::category_colour(c), i18n::category_name(view.lang, c).to_owned());
        }
        legend_item(ui, theme::STAY_IN, view.t.stay_in.to_owned());
        legend_item(ui, theme::STAY_OUT, view.t.stay_out.to_owned());
        legend_item(ui, theme::error(), format!("□ {}", view.t.conflict));
    });
}

#[cfg(test)]
mod tests;
