//! The «Делегации» panel: the ledger grouped by year and direction with reciprocity per
//! partner city, and a delegation's detail in tabs: overview, roster, programme of stay,
//! checklist, gifts and findings. Every edit is a whole-delegation `Put`, so each is one
//! undo step.

use super::action::Action;
use super::form::Form;
use super::i18n::{self, Texts};
use super::view::View;
use super::{fonts, theme};
use crate::command::{Command, Record};
use crate::exchange::roster as roster_io;
use crate::model::Records as _;
use crate::model::date::{fmt_date, parse_russian_date};
use crate::model::ids::is_valid_slug;
use crate::model::names;
use crate::model::{
    CityId, Delegation, DelegationId, DelegationKind, DelegationStatus, Direction, EventId, Finding, Gift, Lang,
    Lodging, Member, Model, Person, PersonId, ProgrammeItem, RecordId, Severity, Task, Travel, VisaStatus,
    default_checklist, reciprocity,
};
use chrono::Datelike;
use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};
use roster_import::RosterPreview;
use std::collections::BTreeMap;

mod checklist;
mod findings;
mod ledger;
mod member;
mod overview;
mod print;
mod programme;
mod roster;
mod roster_import;
pub use findings::tab_for_field;
use ledger::*;
use member::*;
use overview::*;
use programme::*;
use roster::*;

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
    /// The member card open over the roster.
    member: Option<MemberDraft>,
    new_person: (String, String),
    sort: (SortBy, bool),
    item: Option<(Option<usize>, ItemDraft)>,
    task: (String, String),
    gift: (String, String, String),
    copy_date: String,
    show_passports: bool,
    print_lang: crate::print::PrintLang,
    /// A programme print waiting for the user to accept its missing translations.
    pending_print: Option<(crate::print::Job, Vec<crate::print::data::Missing>)>,
    /// A roster import's preview: the file, its columns as mapped, the rows' verdicts.
    preview: Option<RosterPreview>,
    /// Years folded in the ledger.
    collapsed: std::collections::BTreeSet<i32>,
    /// The ledger's rows for the model version and filters they were built for.
    ledger: Option<(LedgerKey, Vec<LedgerRow>)>,
    /// A field to put the cursor in on the next frame (a gap opened from the overview).
    focus: Option<(egui::Id, u8)>,
    /// Whether the folder was read-only on the last frame (no form is opened then).
    read_only: bool,
}

fn city_name<'a>(model: &'a Model, id: &'a CityId, lang: Lang) -> &'a str {
    model.city(id).map_or(id.as_str(), |c| c.name(lang))
}

/// A person's name in the UI's language (the Latin name in English), else the id.
fn person_name<'a>(model: &'a Model, id: &'a PersonId, lang: Lang) -> &'a str {
    model.person(id).map_or(id.as_str(), |p| p.name(lang))
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

/// Whom a person picker offers.
#[derive(Clone, Copy)]
enum Offer<'a> {
    /// The department's staff: «Ответственный».
    Staff,
    /// Staff, people marked as interpreters, and this visit's members whose role is
    /// interpreter: a programme item's interpreter.
    Interpreters(&'a Delegation),
}

impl Offer<'_> {
    fn offers(self, p: &Person) -> bool {
        match self {
            Offer::Staff => p.staff,
            Offer::Interpreters(d) => {
                p.staff
                    || p.interpreter
                    || d.members.iter().any(|m| m.person == p.id && m.role == crate::model::Role::Interpreter)
            }
        }
    }
}

/// A searchable picker choosing a person (or none), labelled, offering those `offer` says
/// (and whoever is chosen already, so an old choice still shows) by the name in `lang`,
/// sorted as the people list is.
#[allow(clippy::too_many_arguments)]
fn person_pick(
    ui: &mut egui::Ui,
    form: &Form<'_>,
    key: &str,
    label: &str,
    model: &Model,
    lang: Lang,
    value: &mut Option<PersonId>,
    offer: Offer<'_>,
) {
    let t = i18n::texts(lang);
    let shown = value
        .as_ref()
        .map_or(t.none.to_owned(), |id| model.person(id).map_or(id.as_str(), |p| p.name(lang)).to_owned());
    let current = value.clone();
    form.pick(
        ui,
        key,
        label,
        value,
        || {
            let mut people: Vec<&Person> =
                model.people.records().filter(|p| offer.offers(p) || current.as_ref() == Some(&p.id)).collect();
            people.sort_by(|a, b| names::collate(a.name(lang), b.name(lang)).then_with(|| a.id.cmp(&b.id)));
            std::iter::once((None, t.none.to_owned()))
                .chain(people.into_iter().map(|p| (Some(p.id.clone()), p.name(lang).to_owned())))
                .collect()
        },
        &shown,
        t.search,
    );
}

impl DelegationsPanel {
    /// The delegation whose overview, member or programme item form is open (the app keeps
    /// its value as the form's base, and tells colleagues it is being edited).
    pub fn editing(&self) -> Option<RecordId> {
        let open = self.overview.as_ref().is_some_and(|o| !o.is_new) || self.member.is_some() || self.item.is_some();
        self.selected.clone().filter(|_| open).map(RecordId::Delegation)
    }

    /// Opens the overview form again on the delegation as the model now has it, and closes
    /// a member card or programme item form («Обновить»: a colleague changed the visit
    /// underneath; what was typed is dropped).
    pub fn reload_form(&mut self, model: &crate::model::Model) {
        let reopen = self.overview.is_some();
        self.overview = None;
        self.member = None;
        self.item = None;
        if reopen && let Some(d) = self.selected.as_ref().and_then(|id| model.delegation(id)) {
            self.overview = Some(OverviewDraft::from(d));
        }
    }

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

    /// Draws the panel (the ledger on the left, the chosen delegation's tabs on the right);
    /// edits, prints and imports come out as actions.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        self.read_only = view.read_only;
        // Asked again for a few frames: a form grid shown for the first time takes passes
        // to size itself, and the focus given on the first is dropped on the next.
        if let Some((id, frames)) = self.focus.take() {
            ui.memory_mut(|m| m.request_focus(id));
            if frames > 1 {
                self.focus = Some((id, frames - 1));
                ui.ctx().request_repaint();
            }
        }
        egui::Panel::left("delegation-list")
            .default_size(theme::list_width(ui, theme::LIST_WIDTH + 60.0))
            .max_size(ui.available_width() * 0.6)
            .resizable(true)
            .show(ui, |ui| {
                self.list_ui(ui, view, out);
            });
        let selected = self.selected.as_ref().and_then(|id| view.model.delegation(id)).cloned();
        egui::ScrollArea::vertical().id_salt("delegation-detail").auto_shrink([false, false]).show(ui, |ui| {
            if let Some(draft) = self.overview.as_ref().filter(|d| d.is_new) {
                let _ = draft;
                self.overview_ui(ui, view, None, out);
            } else if let Some(d) = selected {
                self.detail_ui(ui, view, &d, out);
            } else {
                ui.heading(view.t.nav_delegations);
                ui.label(view.t.no_selection);
            }
        });
        self.preview_ui(ui, view, out);
    }

    fn detail_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Action>) {
        let t = view.t;
        ui.heading(fonts::bold(d.title(view.lang)));
        ui.label(format!(
            "{} · {} · {}–{} · {}",
            i18n::direction_name(t, d.direction),
            d.counterpart(view.model, view.lang),
            fmt_date(d.arrival.date),
            fmt_date(d.departure.date),
            i18n::status_del_name(view.lang, d.status)
        ));
        crate::ui::widgets::open_elsewhere(ui, view, &RecordId::Delegation(d.id.clone()));
        let count = open_findings(view.findings, &d.id);
        // Wrapped, so that a narrow window puts the last tabs on a second line, not off screen.
        ui.horizontal_wrapped(|ui| {
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
        ui.separator();
        self.print_bar(ui, view, d, out);
        match self.tab {
            Tab::Overview => self.overview_ui(ui, view, Some(d), out),
            Tab::Roster => self.roster_ui(ui, view, d, out),
            Tab::Programme => self.programme_ui(ui, view, d, out),
            Tab::Checklist => self.checklist_ui(ui, view, d, out),
            Tab::Gifts => self.gifts_ui(ui, view, d, out),
            Tab::Findings => self.findings_ui(ui, view, d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::form::{Draft, EditContext, TextDraft};

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
        model.cities.push(crate::model::City { id: "harbin".into(), ..crate::model::City::default() }.into());
        let t = &i18n::RU;
        let mut d = OverviewDraft {
            is_new: true,
            id: "del-x".into(),
            partner_city: Some("harbin".into()),
            title: TextDraft::from(&crate::model::Text::ru("Визит")),
            arrival_date: "10.06.2017".into(),
            departure_date: "09.06.2017".into(),
            ..OverviewDraft::default()
        };
        let e = d.validate(EditContext { model: &model, t, base: None }).expect_err("departure before arrival");
        assert_eq!(e.get("departure_date"), Some(t.err_end_before_start));
        d.departure_date = "12.06.2017".into();
        let ok = d.validate(EditContext { model: &model, t, base: None }).expect("valid");
        assert!(!ok.checklist.is_empty(), "a new delegation starts with the standard checklist");
        d.partner_city = Some("atlantis".into());
        assert!(d.validate(EditContext { model: &model, t, base: None }).is_err());
        d.partner_city = None;
        let e = d.validate(EditContext { model: &model, t, base: None }).expect_err("neither a city nor a party");
        assert_eq!(e.get("other_party"), Some(t.err_no_counterpart));
        d.other_party = "Делегация предпринимателей провинции Шаньси".into();
        let ok = d.validate(EditContext { model: &model, t, base: None }).expect("another party is enough");
        assert_eq!((ok.partner_city, ok.other_party.as_str()), (None, "Делегация предпринимателей провинции Шаньси"));
    }
}
