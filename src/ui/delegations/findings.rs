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
                        self.tab = tab_for_field(&f.field);
                    }
                });
            });
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
