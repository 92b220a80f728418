//! One framework for every edit form.
//!
//! A form edits a *draft*: every field as the user typed it, so an invalid value is kept
//! and explained rather than lost. The draft is validated on every frame ([`Draft`]); what
//! is wrong comes back as [`FieldErrors`], one message per field key, shown beside the
//! field. Dates (`dd.mm.yyyy`) and times (`HH:MM`) are parsed here for every form.
//!
//! The field widgets ([`Form`]) give every field an id made from the form and the field
//! key. egui's automatic ids count the widgets drawn before, so an error line appearing
//! above a field would change the field's id while the user types in it: focus would jump
//! and the typed characters would be dropped. Labels stay tied to their fields
//! (`labelled_by`), which is how screen readers and the kittest tests find them.

use super::i18n::Texts;
use super::theme;
use crate::model::date::{PartialDate, parse_russian_date, parse_russian_partial};
use crate::model::{Lang, Language, Model, Text};
use chrono::{NaiveDate, NaiveTime};
use eframe::egui::{self, Response, Ui, WidgetText};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::str::FromStr;

/// The width of a text field in a form grid.
pub const FIELD_WIDTH: f32 = 260.0;

/// A record being edited, every field as typed, that validates into the record.
pub trait Draft {
    /// The record a valid draft describes.
    type Record;
    /// What validation reads besides the draft: the model, the texts, the stored record.
    type Context<'a>;
    /// The record the draft describes, or the message for each refused field.
    fn validate(&self, cx: Self::Context<'_>) -> Result<Self::Record, FieldErrors>;
}

/// The usual [`Draft::Context`] of a record form.
#[derive(Clone, Copy)]
pub struct EditContext<'a, R> {
    /// The model, to refuse a taken id or an unknown reference.
    pub model: &'a Model,
    /// The UI texts the messages come from.
    pub t: &'a Texts,
    /// The stored record being edited (`None` for a new one): what the form does not show
    /// is kept from it.
    pub base: Option<&'a R>,
}

/// The refused fields of a draft: field key → message, in the order first refused.
///
/// Keys are the draft's field names (`"name_ru"`), with an index for rows of a list
/// (`"agreements[0].title"`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(Cow<'static, str>, Cow<'static, str>)>);

impl FieldErrors {
    /// No errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `message` for `key`, replacing an earlier message for it.
    pub fn insert(&mut self, key: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, m)) => *m = message.into(),
            None => self.0.push((key, message.into())),
        }
    }

    /// Adds `message` for `key` after any earlier one («first; second»).
    pub fn push(&mut self, key: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, m)) => {
                let m = m.to_mut();
                m.push_str("; ");
                m.push_str(&message.into());
            }
            None => self.0.push((key, message.into())),
        }
    }

    /// The message for `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, m)| m.as_ref())
    }

    /// Whether `key` is refused.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Whether nothing is refused.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many fields are refused.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The refused keys and their messages, in the order first refused.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, m)| (k.as_ref(), m.as_ref()))
    }

    /// `record` if nothing is refused, else these errors.
    pub fn or_ok<T>(self, record: T) -> Result<T, FieldErrors> {
        if self.is_empty() { Ok(record) } else { Err(self) }
    }

    /// Refuses an empty (or blank) `text` with «обязательное поле».
    pub fn required(&mut self, key: impl Into<Cow<'static, str>>, text: &str, t: &Texts) {
        if text.trim().is_empty() {
            self.insert(key, t.err_required);
        }
    }

    /// A required date `dd.mm.yyyy`; anything else is refused under `key`.
    pub fn date(&mut self, key: impl Into<Cow<'static, str>>, text: &str, t: &Texts) -> Option<NaiveDate> {
        let d = parse_russian_date(text);
        if d.is_none() {
            self.insert(key, t.err_date);
        }
        d
    }

    /// An optional date `dd.mm.yyyy`: empty is `None`, anything else unparsable is refused.
    pub fn optional_date(&mut self, key: impl Into<Cow<'static, str>>, text: &str, t: &Texts) -> Option<NaiveDate> {
        if text.trim().is_empty() { None } else { self.date(key, text, t) }
    }

    /// An optional partial date (`yyyy`, `mm.yyyy` or `dd.mm.yyyy`): empty is `None`.
    pub fn optional_partial_date(
        &mut self,
        key: impl Into<Cow<'static, str>>,
        text: &str,
        t: &Texts,
    ) -> Option<PartialDate> {
        if text.trim().is_empty() {
            return None;
        }
        let d = parse_russian_partial(text);
        if d.is_none() {
            self.insert(key, t.err_partial_date);
        }
        d
    }

    /// An optional time `HH:MM`: empty is `None`, anything else unparsable is refused.
    pub fn optional_time(&mut self, key: impl Into<Cow<'static, str>>, text: &str, t: &Texts) -> Option<NaiveTime> {
        if text.trim().is_empty() {
            return None;
        }
        let v = parse_time(text);
        if v.is_none() {
            self.insert(key, t.err_time);
        }
        v
    }

    /// An optional whole number: empty is `None`, anything else unparsable is refused.
    pub fn optional_number<N: FromStr>(
        &mut self,
        key: impl Into<Cow<'static, str>>,
        text: &str,
        t: &Texts,
    ) -> Option<N> {
        if text.trim().is_empty() {
            return None;
        }
        let n = text.trim().parse::<N>().ok();
        if n.is_none() {
            self.insert(key, t.err_number);
        }
        n
    }
}

/// Parses a time `HH:MM` as typed (surrounding spaces allowed).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// A time as a form shows it: `HH:MM`, or empty.
pub fn time_text(time: Option<NaiveTime>) -> String {
    time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

/// A form being drawn: the name its field ids are made from, and the errors to show.
///
/// Fields go in a three-column grid (label, field, error) and are found by key: a field
/// with no error (or no validation at all) shows an empty third cell.
#[derive(Clone, Copy)]
pub struct Form<'e> {
    name: &'static str,
    errors: Option<&'e FieldErrors>,
}

impl<'e> Form<'e> {
    /// The form `name` (unique among the forms on screen) showing `errors`.
    pub fn new(name: &'static str, errors: Option<&'e FieldErrors>) -> Self {
        Self { name, errors }
    }

    /// The form `name` showing the errors of a validation `result`, if it failed.
    pub fn of<T>(name: &'static str, result: &'e Result<T, FieldErrors>) -> Self {
        Self::new(name, result.as_ref().err())
    }

    /// The stable id of the field `key`: the same on every frame, whatever is drawn before.
    pub fn id(&self, key: &str) -> egui::Id {
        egui::Id::unique((self.name, key))
    }

    /// The message for `key`, if it is refused.
    pub fn error(&self, key: &str) -> Option<&'e str> {
        self.errors.and_then(|e| e.get(key))
    }

    /// A labelled single-line text field in a form grid row, with its error beside it.
    pub fn text(&self, ui: &mut Ui, key: &str, label: &str, value: &mut String) -> Response {
        let l = ui.label(label);
        let r = self.input(ui, key, value, FIELD_WIDTH).labelled_by(l.id);
        self.error_cell(ui, key);
        ui.end_row();
        r
    }

    /// A labelled multi-line text field in a form grid row, with its error beside it. A long
    /// text scrolls inside the field (at most about eight lines tall): grid cells are centred
    /// vertically, so a field as tall as a page of notes would push its label out of view.
    pub fn text_area(&self, ui: &mut Ui, key: &str, label: &str, value: &mut String) -> Response {
        let l = ui.label(label);
        let edit = egui::TextEdit::multiline(value).id(self.id(key)).desired_width(FIELD_WIDTH).desired_rows(3);
        let r = egui::ScrollArea::vertical()
            .id_salt(("text-area", self.name, key))
            .max_height(160.0)
            // A grid cell offers last frame's row height: without a floor the field would
            // keep the three-line height it first had.
            .min_scrolled_height(160.0)
            .show(ui, |ui| ui.add(edit))
            .inner
            .labelled_by(l.id);
        self.error_cell(ui, key);
        ui.end_row();
        r
    }

    /// A labelled combo box in a form grid row, with its error beside it.
    pub fn combo(
        &self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        selected: impl Into<WidgetText>,
        choices: impl FnOnce(&mut Ui),
    ) -> Response {
        self.row(ui, key, label, |ui| {
            self.combo_box(key).selected_text(selected).height(320.0).show_ui(ui, choices).response
        })
    }

    /// A combo box for the field `key`, its id salt made from the form and the key; for a
    /// combo that needs more than [`Form::combo`] (a height), drawn inside [`Form::row`].
    pub fn combo_box<'a>(&self, key: &str) -> egui::ComboBox<'a> {
        egui::ComboBox::from_id_salt((self.name, key))
    }

    /// A combo box over records (people, cities, events, visits) in a form grid row, with a
    /// search field at the top of its list ([`search_combo`]).
    #[allow(clippy::too_many_arguments)]
    pub fn pick<V: PartialEq + Clone>(
        &self,
        ui: &mut Ui,
        key: &str,
        label: &str,
        value: &mut V,
        choices: impl FnOnce() -> Vec<(V, String)>,
        shown: &str,
        search_hint: &str,
    ) -> Response {
        let id = self.id(key);
        self.row(ui, key, label, |ui| search_combo(ui, id, value, choices, shown, search_hint))
    }

    /// A check box with its text, in a form grid row of its own (empty label cell).
    pub fn checkbox(&self, ui: &mut Ui, key: &str, value: &mut bool, text: &str) -> Response {
        ui.label("");
        // A check box takes no id: a scope with the field's id gives it a stable one.
        let r = ui.scope_builder(egui::UiBuilder::new().scope_id(self.id(key)), |ui| ui.checkbox(value, text)).inner;
        self.error_cell(ui, key);
        ui.end_row();
        r
    }

    /// A form grid row: `label`, the widget `add` draws (tied to the label), and the error
    /// cell of `key`.
    pub fn row(&self, ui: &mut Ui, key: &str, label: &str, add: impl FnOnce(&mut Ui) -> Response) -> Response {
        let l = ui.label(label);
        let r = add(ui).labelled_by(l.id);
        self.error_cell(ui, key);
        ui.end_row();
        r
    }

    /// A bare single-line field of `width` (no label, no error cell), for rows laid out by
    /// the caller; tie it to its label with `labelled_by`.
    pub fn input(&self, ui: &mut Ui, key: &str, value: &mut String, width: f32) -> Response {
        // A fixed size, not a desired width: a grid first shown inside a new scroll area is
        // sized on a pass where the field would shrink to its text, and the grid would keep
        // that narrow column from then on.
        ui.add_sized([width, ui.spacing().interact_size.y], egui::TextEdit::singleline(value).id(self.id(key)))
    }

    /// The error cell of a grid row: the message for `key` in red, or an empty label.
    pub fn error_cell(&self, ui: &mut Ui, key: &str) {
        match self.error(key) {
            Some(e) => ui.colored_label(theme::error(), e),
            None => ui.label(""),
        };
    }
}

/// A translated text as typed: one string per language (see [`Form::translations`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextDraft(BTreeMap<Language, String>);

impl TextDraft {
    /// The draft of a stored text.
    pub fn from(text: &Text) -> TextDraft {
        TextDraft(text.iter().map(|(l, t)| (l, t.to_owned())).collect())
    }

    /// The form in `lang` as typed.
    pub fn get(&self, lang: Language) -> &str {
        self.0.get(&lang).map_or("", String::as_str)
    }

    /// The form in `lang`, to type into.
    pub fn get_mut(&mut self, lang: Language) -> &mut String {
        self.0.entry(lang).or_default()
    }

    /// The text, each form trimmed, blank forms dropped.
    pub fn to_text(&self) -> Text {
        self.0.iter().fold(Text::new(), |t, (l, s)| t.with(*l, s.trim()))
    }

    /// The languages a form shows: Russian, then those `offered` (the partner city's and
    /// English), then any other that holds text, so nothing typed or stored is hidden.
    pub fn languages(&self, offered: &[Language]) -> Vec<Language> {
        Language::ALL
            .into_iter()
            .filter(|l| *l == Language::Ru || offered.contains(l) || !self.get(*l).trim().is_empty())
            .collect()
    }
}

/// The languages a form offers for a visit's or an event's texts: English and the
/// languages of the given partner cities.
pub fn offered_languages<'a>(
    model: &Model,
    cities: impl IntoIterator<Item = &'a crate::model::CityId>,
) -> Vec<Language> {
    let mut out = vec![Language::En];
    for id in cities {
        if let Some(c) = model.city(id) {
            out.extend(c.languages.iter().copied());
        }
    }
    out
}

impl Form<'_> {
    /// [`Form::translations`] with multi-line fields, for longer texts.
    #[allow(clippy::too_many_arguments)]
    pub fn translation_areas(
        &self,
        ui: &mut Ui,
        key: &str,
        ru_label: &str,
        base: &str,
        lang: Lang,
        draft: &mut TextDraft,
        offered: &[Language],
    ) {
        self.translation_rows(ui, key, ru_label, base, lang, draft, offered, true);
    }

    /// One row per language of a translated text: `ru_label` for Russian (key `{key}_ru`),
    /// «{base} (кит.)» for the others (keys `{key}_zh` …).
    #[allow(clippy::too_many_arguments)]
    pub fn translations(
        &self,
        ui: &mut Ui,
        key: &str,
        ru_label: &str,
        base: &str,
        lang: Lang,
        draft: &mut TextDraft,
        offered: &[Language],
    ) {
        self.translation_rows(ui, key, ru_label, base, lang, draft, offered, false);
    }

    /// The rows of [`Form::translations`] and [`Form::translation_areas`].
    #[allow(clippy::too_many_arguments)]
    fn translation_rows(
        &self,
        ui: &mut Ui,
        key: &str,
        ru_label: &str,
        base: &str,
        lang: Lang,
        draft: &mut TextDraft,
        offered: &[Language],
        multiline: bool,
    ) {
        for l in draft.languages(offered) {
            let field = format!("{key}_{}", l.code());
            let label = if l == Language::Ru { ru_label.to_owned() } else { format!("{base} ({})", l.short(lang)) };
            if multiline {
                self.text_area(ui, &field, &label, draft.get_mut(l));
            } else {
                self.text(ui, &field, &label, draft.get_mut(l));
            }
        }
    }
}

/// A combo box over records with a search field at the top of its list: typing narrows
/// the choices by name, case- and ё-insensitive ([`crate::model::names::matches`]).
/// `choices` come sorted by the caller and are made only while the list is open; at most
/// 200 matches are listed, so a long register stays quick to draw. Choosing closes the list.
pub fn search_combo<V: PartialEq + Clone>(
    ui: &mut Ui,
    id: egui::Id,
    value: &mut V,
    choices: impl FnOnce() -> Vec<(V, String)>,
    shown: &str,
    search_hint: &str,
) -> Response {
    let search_id = id.with("search");
    let mut query: String = ui.data(|d| d.get_temp(search_id)).unwrap_or_default();
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .height(300.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            let edit = ui
                .horizontal(|ui| {
                    let l = ui.label(search_hint);
                    let field = egui::TextEdit::singleline(&mut query).id(search_id);
                    ui.add(field.desired_width(FIELD_WIDTH - 60.0)).labelled_by(l.id)
                })
                .inner;
            if ui.memory(|m| m.focused().is_none()) {
                edit.request_focus();
            }
            let needle = crate::model::names::fold(query.trim());
            let choices = choices();
            let matching =
                choices.iter().filter(|(_, name)| needle.is_empty() || crate::model::names::matches(name, &needle));
            for (v, name) in matching.take(200) {
                if ui.selectable_label(value == v, name).clicked() {
                    *value = v.clone();
                    query.clear();
                    ui.close();
                }
            }
        });
    ui.data_mut(|d| d.insert_temp(search_id, query));
    r.response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::RU;
    use eframe::egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn errors_replace_or_join_and_keep_their_order() {
        let mut e = FieldErrors::new();
        assert!(e.is_empty());
        e.insert("b", "first");
        e.insert(format!("a[{}]", 0), "x");
        e.insert("b", "second");
        assert_eq!(e.get("b"), Some("second"), "insert replaces");
        e.push("b", "third");
        assert_eq!(e.get("b"), Some("second; third"), "push joins");
        assert_eq!(e.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["b", "a[0]"]);
        assert!(e.contains("a[0]") && !e.contains("a"));
        assert_eq!(e.len(), 2);
        assert_eq!(e.or_ok(()).map_err(|e| e.len()), Err(2));
        assert_eq!(FieldErrors::new().or_ok(7), Ok(7));
    }

    #[test]
    fn dates_and_times_are_refused_under_their_key() {
        let mut e = FieldErrors::new();
        assert_eq!(e.date("start", " 01.02.2024 ", &RU), NaiveDate::from_ymd_opt(2024, 2, 1));
        assert_eq!(e.optional_date("end", "  ", &RU), None);
        assert!(e.is_empty(), "a valid date and an empty optional one are fine");
        assert_eq!(e.date("start", "", &RU), None);
        assert_eq!(e.optional_date("end", "2024-02-01", &RU), None);
        assert_eq!(e.optional_partial_date("since", "1965", &RU), Some(PartialDate::year(1965)));
        assert_eq!(e.optional_partial_date("signed", "13.1965", &RU), None);
        assert_eq!(e.optional_time("at", "9:05", &RU), NaiveTime::from_hms_opt(9, 5, 0));
        assert_eq!(e.optional_time("until", "25:00", &RU), None);
        assert_eq!(e.optional_number::<u32>("count", " 12 ", &RU), Some(12));
        assert_eq!(e.optional_number::<u32>("headcount", "-1", &RU), None);
        e.required("title", " ", &RU);
        let got: Vec<_> = e.iter().collect();
        assert_eq!(
            got,
            [
                ("start", RU.err_date),
                ("end", RU.err_date),
                ("signed", RU.err_partial_date),
                ("until", RU.err_time),
                ("headcount", RU.err_number),
                ("title", RU.err_required),
            ]
        );
        assert_eq!(time_text(parse_time("07:30")), "07:30");
        assert_eq!(time_text(None), "");
    }

    /// Two fields: «Дата» (refused unless a date) and «Число» below it, with the date's
    /// error also shown as a line above the number, as a section's error is in «Показатели».
    struct Scratch {
        date: String,
        number: String,
        number_id: Option<egui::Id>,
    }

    fn scratch_ui(ui: &mut Ui, s: &mut Scratch) {
        let mut errors = FieldErrors::new();
        errors.optional_date("date", &s.date, &RU);
        if s.number.len() % 2 == 1 {
            errors.insert("section", "odd");
        }
        let form = Form::new("scratch-form", Some(&errors));
        egui::Grid::new("scratch-grid").num_columns(3).show(ui, |ui| {
            form.text(ui, "date", "Дата", &mut s.date);
        });
        if let Some(e) = form.error("date").or(form.error("section")) {
            ui.colored_label(theme::error(), e);
        }
        ui.horizontal(|ui| {
            let l = ui.label("Число");
            s.number_id = Some(form.input(ui, "number", &mut s.number, 80.0).labelled_by(l.id).id);
        });
    }

    #[test]
    fn a_field_keeps_its_id_when_an_error_appears_above_it() {
        let s = Scratch { date: "01.02.2024".into(), number: "12".into(), number_id: None };
        let mut h = Harness::new_ui_state(scratch_ui, s);
        h.run();
        let before = h.state().number_id.expect("drawn");
        assert_eq!(before, Form::new("scratch-form", None).id("number"));
        h.state_mut().date = "31.02.2024".into();
        h.run();
        assert_eq!(h.query_all_by_label(RU.err_date).count(), 2, "beside the date and above the number");
        assert_eq!(h.state().number_id, Some(before), "the later field kept its id");
    }

    #[test]
    fn typing_keeps_every_character_while_errors_come_and_go() {
        let s = Scratch { date: String::new(), number: String::new(), number_id: None };
        let mut h = Harness::new_ui_state(scratch_ui, s);
        h.run();
        h.get_by_role_and_label(Role::TextInput, "Число").click();
        h.run();
        // One character per frame: every other one shows or hides the line above the field.
        for c in "1234567".chars() {
            h.event(egui::Event::Text(c.to_string()));
            h.step();
        }
        h.run();
        assert_eq!(h.state().number, "1234567");
    }
}
