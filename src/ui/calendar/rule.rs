//! The event form's repetition, in plain words: «каждый год / каждые N лет / каждый
//! месяц…» with a day rule («последнее воскресенье мая») and an end; exception dates from a
//! date picker; the host rotation as an ordered list of cities. A stored rule the words
//! cannot hold is shown read-only and kept as it is.

use super::*;
use crate::model::rule::{self, DayRule, End, Freq, Plain};
use crate::ui::form::Form;
use crate::ui::widgets::date_picker_button;
use chrono::Weekday;

/// The repetition as edited.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleDraft {
    /// Whether it repeats, and how, in words.
    pub(super) repeats: bool,
    pub(super) plain: Plain,
    /// «до даты» as typed.
    pub(super) until: String,
    /// A stored rule the words cannot hold: kept verbatim, read-only.
    pub(super) verbatim: Option<String>,
    /// The stored rule and its words, so an untouched rule is saved as it was written.
    pub(super) original: Option<(String, Plain)>,
}

impl RuleDraft {
    pub(super) fn from_rrule(rrule: Option<&str>) -> Self {
        let Some(text) = rrule.map(str::trim).filter(|t| !t.is_empty()) else { return RuleDraft::default() };
        match Plain::parse(text) {
            Some(plain) => RuleDraft {
                repeats: true,
                until: match plain.end {
                    End::Until(d) => fmt_date(d),
                    _ => String::new(),
                },
                original: Some((text.to_owned(), plain.clone())),
                plain,
                verbatim: None,
            },
            None => RuleDraft { repeats: true, verbatim: Some(text.to_owned()), ..RuleDraft::default() },
        }
    }

    /// The RRULE text, or none; `Err` names what is wrong.
    pub(super) fn to_rrule(&self, start: Option<NaiveDate>) -> Result<Option<String>, &'static str> {
        if let Some(v) = &self.verbatim {
            return Ok(Some(v.clone()));
        }
        if !self.repeats {
            return Ok(None);
        }
        let mut plain = self.plain.clone();
        if let End::Until(_) = plain.end {
            let day = crate::model::date::parse_russian_date(&self.until).ok_or("until")?;
            if start.is_some_and(|s| day < s) {
                return Err("until_before");
            }
            plain.end = End::Until(day);
        }
        if let Some(s) = start {
            plain = plain.for_start(s);
        }
        match &self.original {
            Some((text, original)) if *original == plain => Ok(Some(text.clone())),
            _ => Ok(Some(plain.to_rrule())),
        }
    }
}

fn freq_word(t: &Texts, f: Freq) -> &'static str {
    match f {
        Freq::Daily => t.freq_daily,
        Freq::Weekly => t.freq_weekly,
        Freq::Monthly => t.freq_monthly,
        Freq::Yearly => t.freq_yearly,
    }
}

const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

/// The «Повторение» row: how often, which day, until when, and the rule in words.
pub(super) fn rule_row(ui: &mut egui::Ui, form: &Form<'_>, view: &View<'_>, rule: &mut RuleDraft, start: NaiveDate) {
    let (t, lang) = (view.t, view.lang);
    let row_label = ui.label(t.f_rrule);
    ui.vertical(|ui| {
        if let Some(text) = &rule.verbatim {
            let mut shown = text.clone();
            ui.add(
                egui::TextEdit::singleline(&mut shown)
                    .id(egui::Id::unique("rule-text"))
                    .interactive(false)
                    .desired_width(320.0),
            );
            ui.weak(t.rule_verbatim);
            return;
        }
        ui.horizontal_wrapped(|ui| {
            let words = |f: Freq| rule::every(f, 1, lang);
            let selected = if rule.repeats { words(rule.plain.freq) } else { t.rule_none.to_owned() };
            form.combo_box("rrule")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    if ui.selectable_label(!rule.repeats, t.rule_none).clicked() {
                        rule.repeats = false;
                    }
                    for f in Freq::ALL {
                        if ui.selectable_label(rule.repeats && rule.plain.freq == f, words(f)).clicked() {
                            rule.repeats = true;
                            rule.plain.freq = f;
                        }
                    }
                })
                .response
                .labelled_by(row_label.id);
            if !rule.repeats {
                return;
            }
            let l = ui.label(t.rule_every);
            ui.add(egui::DragValue::new(&mut rule.plain.interval).range(1..=100)).labelled_by(l.id);
            ui.label(freq_word(t, rule.plain.freq));
        });
        if !rule.repeats {
            return;
        }
        match rule.plain.freq {
            Freq::Daily => {}
            Freq::Weekly => {
                ui.horizontal(|ui| {
                    for w in WEEK {
                        let mut on = rule.plain.weekdays.contains(&w);
                        if ui.toggle_value(&mut on, rule::weekday_short(lang, w)).changed() {
                            rule.plain.weekdays.retain(|x| *x != w);
                            if on {
                                rule.plain.weekdays.push(w);
                                rule.plain.weekdays.sort_by_key(|x| x.num_days_from_monday());
                            }
                        }
                    }
                });
            }
            Freq::Monthly | Freq::Yearly => day_rule_ui(ui, form, view, rule, start),
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(t.rule_ends);
            ui.radio_value(&mut rule.plain.end, End::Never, t.rule_never);
            let count = match rule.plain.end {
                End::Count(n) => n,
                _ => 10,
            };
            let after = ui.radio(matches!(rule.plain.end, End::Count(_)), t.rule_after);
            if after.clicked() {
                rule.plain.end = End::Count(count);
            }
            if let End::Count(n) = &mut rule.plain.end {
                ui.add(egui::DragValue::new(n).range(1..=999)).labelled_by(after.id);
                ui.label(t.rule_times);
            }
            let until = crate::model::date::parse_russian_date(&rule.until);
            if ui.radio(matches!(rule.plain.end, End::Until(_)), t.rule_until).clicked() {
                let day = until.unwrap_or_else(|| add_months_signed(start, 12));
                rule.until = fmt_date(day);
                rule.plain.end = End::Until(day);
            }
            if matches!(rule.plain.end, End::Until(_)) {
                form.input(ui, "rrule_until", &mut rule.until, 90.0);
                let (_, picked) = date_picker_button(ui, "…", lang, until.unwrap_or(start));
                if let Some(day) = picked {
                    rule.until = fmt_date(day);
                }
            }
        });
        if let Ok(Some(text)) = rule.to_rrule(Some(start))
            && let Some(plain) = Plain::parse(&text)
        {
            ui.weak(format!("«{}»", plain.describe(lang, start)));
        }
    });
    form.error_cell(ui, "rrule");
    ui.end_row();
}

fn day_rule_ui(ui: &mut egui::Ui, form: &Form<'_>, view: &View<'_>, rule: &mut RuleDraft, start: NaiveDate) {
    let (t, lang) = (view.t, view.lang);
    let yearly = rule.plain.freq == Freq::Yearly;
    ui.horizontal_wrapped(|ui| {
        if ui.radio(rule.plain.day == DayRule::Same, t.rule_same_day).clicked() {
            rule.plain.day = DayRule::Same;
            rule.plain.month = None;
        }
        let day_of_month = match rule.plain.day {
            DayRule::MonthDay(d) if d > 0 => d,
            _ => start.day().min(31) as i8,
        };
        let by_day = ui.radio(matches!(rule.plain.day, DayRule::MonthDay(d) if d > 0), t.rule_month_day);
        if by_day.clicked() {
            rule.plain.day = DayRule::MonthDay(day_of_month);
        }
        if let DayRule::MonthDay(d) = &mut rule.plain.day
            && *d > 0
        {
            ui.add(egui::DragValue::new(d).range(1..=31)).labelled_by(by_day.id);
        }
        if ui.radio(rule.plain.day == DayRule::MonthDay(-1), t.rule_last_day).clicked() {
            rule.plain.day = DayRule::MonthDay(-1);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let nth = match rule.plain.day {
            DayRule::Nth(n, w) => (n, w),
            _ => {
                let n = ((start.day() - 1) / 7 + 1) as i8;
                (if start.day() + 7 > 28 && n >= 4 { -1 } else { n }, start.weekday())
            }
        };
        let nth_radio = ui.radio(matches!(rule.plain.day, DayRule::Nth(..)), t.rule_nth);
        if nth_radio.clicked() {
            rule.plain.day = DayRule::Nth(nth.0, nth.1);
        }
        if let DayRule::Nth(n, w) = &mut rule.plain.day {
            let ordinal = |n: i8| rule::ordinal(lang, n, *w);
            form.combo_box("rrule_nth")
                .selected_text(ordinal(*n))
                .show_ui(ui, |ui| {
                    for k in [1, 2, 3, 4, -1] {
                        ui.selectable_value(n, k, ordinal(k));
                    }
                })
                .response
                .labelled_by(nth_radio.id);
            form.combo_box("rrule_weekday")
                .selected_text(rule::weekday_name(lang, *w))
                .show_ui(ui, |ui| {
                    for day in WEEK {
                        ui.selectable_value(w, day, rule::weekday_name(lang, day));
                    }
                })
                .response
                .labelled_by(nth_radio.id);
        }
    });
    if yearly && rule.plain.day != DayRule::Same {
        ui.horizontal(|ui| {
            let l = ui.label(t.rule_month);
            let month = rule.plain.month.get_or_insert(start.month());
            form.combo_box("rrule_month")
                .selected_text(i18n::month_name(lang, *month))
                .show_ui(ui, |ui| {
                    for m in 1..=12 {
                        ui.selectable_value(month, m, i18n::month_name(lang, m));
                    }
                })
                .response
                .labelled_by(l.id);
        });
    }
}

/// «Кроме дат»: the exception dates, each removable, and a picker to add one.
pub(super) fn exdates_row(
    ui: &mut egui::Ui,
    form: &Form<'_>,
    view: &View<'_>,
    dates: &mut Vec<NaiveDate>,
    near: NaiveDate,
) {
    let t = view.t;
    form.row(ui, "exdates", t.f_exdates, |ui| {
        ui.horizontal_wrapped(|ui| {
            let mut remove = None;
            for (i, d) in dates.iter().enumerate() {
                ui.label(fmt_date(*d));
                if ui.small_button("×").on_hover_text(t.remove_item).clicked() {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                dates.remove(i);
            }
            let (_, picked) = date_picker_button(ui, t.add_date, view.lang, dates.last().copied().unwrap_or(near));
            if let Some(d) = picked
                && !dates.contains(&d)
            {
                dates.push(d);
                dates.sort();
            }
        })
        .response
    });
}

/// «Очерёдность хозяев»: the cities in turn, each movable and removable, and one to add.
pub(super) fn rotation_row(ui: &mut egui::Ui, form: &Form<'_>, view: &View<'_>, rotation: &mut Vec<CityId>) {
    let t = view.t;
    let row_label = ui.label(t.f_rotation);
    ui.vertical(|ui| {
        let mut action: Option<(usize, i32)> = None;
        let count = rotation.len();
        for (i, c) in rotation.iter().enumerate() {
            ui.horizontal(|ui| {
                let name = view.model.city(c).map_or(c.as_str(), |city| city.name(view.lang));
                ui.label(format!("{}. {name}", i + 1));
                if ui.add_enabled(i > 0, egui::Button::new("▲").small()).on_hover_text(t.move_up).clicked() {
                    action = Some((i, -1));
                }
                if ui.add_enabled(i + 1 < count, egui::Button::new("▼").small()).on_hover_text(t.move_down).clicked()
                {
                    action = Some((i, 1));
                }
                if ui.small_button("×").on_hover_text(t.remove_item).clicked() {
                    action = Some((i, 0));
                }
            });
        }
        match action {
            Some((i, 0)) => {
                rotation.remove(i);
            }
            Some((i, -1)) => rotation.swap(i, i - 1),
            Some((i, _)) => rotation.swap(i, i + 1),
            None => {}
        }
        let mut add: Option<CityId> = None;
        let cities = || {
            view.model
                .cities_sorted(view.lang)
                .into_iter()
                .map(|c| (Some(c.id.clone()), c.name(view.lang).to_owned()))
                .collect()
        };
        search_combo(ui, egui::Id::unique("rotation-add"), &mut add, cities, t.add_city, t.search)
            .labelled_by(row_label.id);
        if let Some(c) = add {
            rotation.push(c);
        }
    });
    form.error_cell(ui, "rotation");
    ui.end_row();
}
