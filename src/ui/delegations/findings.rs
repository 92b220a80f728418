//! «Замечания»: the delegation's findings; a click goes to the tab that holds the field.

use super::*;

impl DelegationsPanel {
    pub(super) fn findings_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation) {
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
                        self.go_to_field(view.model, d, &f.field);
                    }
                });
            });
        }
    }
}

/// The index in `field` after `list`: `members[2].visa` → 2 for `members`.
fn index_in(field: &str, list: &str) -> Option<usize> {
    field.strip_prefix(list)?.strip_prefix('[')?.split(']').next()?.parse().ok()
}

impl DelegationsPanel {
    /// Opens the visit `d` at the tab that holds `field` (as findings and readiness gaps
    /// write it) and, where it can, at the field itself: a member's card for
    /// `members[i]…`, a programme item's form for `programme[i]…`, and the overview's form
    /// with the cursor in the time or transport field for `arrival.…` and `departure.…`.
    pub fn go_to_field(&mut self, model: &Model, d: &Delegation, field: &str) {
        if self.selected.as_ref() != Some(&d.id) {
            self.select(d.id.clone());
        }
        self.tab = tab_for_field(field);
        self.member = None;
        self.item = None;
        if let Some(m) = index_in(field, "members").and_then(|i| d.members.get(i)) {
            self.open_member(model, d, &m.person);
        } else if let Some((i, p)) = index_in(field, "programme").and_then(|i| d.programme.get(i).map(|p| (i, p))) {
            self.item = Some((Some(i), ItemDraft::from(p)));
        } else if let Some((leg, what)) = field.split_once('.')
            && matches!(leg, "arrival" | "departure")
            && !self.read_only
        {
            self.overview = Some(OverviewDraft::from(d));
            self.focus = Some((egui::Id::unique(("overview-form", format!("{leg}_{what}").as_str())), 4));
        }
    }
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
