//! «Состав»: the roster as a sortable table; find and add a person, add a new one, reorder,
//! remove; import and export buttons.

use super::*;
use crate::model::files::{Document, visit_file_name};
use crate::ui::action::{Export, ExportWhat, Import, ImportWhat};

/// Roster sort column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum SortBy {
    #[default]
    Precedence,
    Name,
    Role,
    Organisation,
}

impl DelegationsPanel {
    pub(super) fn roster_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Action>) {
        let t = view.t;
        let model = view.model;
        let lang = view.lang;
        let mut members: Vec<(usize, &Member)> = d.members.iter().enumerate().collect();
        let key = |m: &Member| -> String {
            let p = model.person(&m.person);
            match self.sort.0 {
                SortBy::Precedence => format!("{:08}", m.precedence),
                SortBy::Name => p.map(|p| names::sort_key(p.name(lang))).unwrap_or_default(),
                SortBy::Role => m.role.name(lang).to_owned(),
                SortBy::Organisation => names::sort_key(&m.organisation),
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
                .column(Column::exact(96.0))
                .column(Column::initial(170.0).at_least(100.0).clip(true))
                .column(Column::initial(90.0).clip(true))
                .column(Column::initial(150.0).clip(true))
                .column(Column::initial(150.0).clip(true))
                .column(Column::initial(130.0).clip(true))
                .column(Column::initial(70.0))
                .column(Column::initial(90.0).clip(true))
                .column(Column::remainder().at_least(110.0).clip(true))
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
                            let name = p.map_or(m.person.as_str(), |p| p.name(lang));
                            row.col(|ui| {
                                // The reorder buttons lead the row, so no width hides them.
                                ui.push_id(("roster-order", *i), |ui| {
                                    ui.add_sized([20.0, 18.0], egui::Label::new(m.precedence.to_string()));
                                    ui.add_enabled_ui(!view.read_only, |ui| {
                                        for (glyph, by, word) in [("▲", -1, t.up), ("▼", 1, t.down)] {
                                            let b = ui.small_button(glyph).on_hover_text(word);
                                            let label = format!("{word}: {name}");
                                            b.widget_info(|| {
                                                egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                                            });
                                            if b.clicked() {
                                                action = Some((*i, if by < 0 { "up" } else { "down" }));
                                            }
                                        }
                                    });
                                });
                            });
                            row.col(|ui| {
                                if ui.link(name).on_hover_text(t.open_member).clicked() {
                                    action = Some((*i, "open"));
                                }
                            });
                            row.col(|ui| {
                                ui.label(m.role.name(lang));
                            });
                            row.col(|ui| {
                                ui.add(egui::Label::new(m.organisation.as_str()).truncate());
                            });
                            row.col(|ui| {
                                let until = m
                                    .visa
                                    .valid_until
                                    .map(|d| format!(" {} {}", t.f_expires.to_lowercase(), fmt_date(d)))
                                    .unwrap_or_default();
                                let colour = match m.visa.status {
                                    VisaStatus::Refused => theme::error(),
                                    VisaStatus::Needed | VisaStatus::Applied => theme::warning(),
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
                                ui.add(egui::Label::new(m.lodging.describe(&m.room, lang)).truncate());
                            });
                            row.col(|ui| {
                                if p.is_some_and(|p| p.is_minor_on(d.arrival.date)) {
                                    if m.guardian_consent {
                                        ui.label(t.yes);
                                    } else {
                                        ui.colored_label(theme::error(), t.no);
                                    }
                                }
                            });
                            row.col(|ui| {
                                ui.label(p.map(|p| p.dietary.as_str()).unwrap_or_default());
                            });
                            row.col(|ui| {
                                ui.label(p.map(|p| p.languages.join(", ")).unwrap_or_default());
                            });
                        });
                    }
                });
        });
        if let Some(by) = sort_click {
            self.sort = if self.sort.0 == by { (by, !self.sort.1) } else { (by, false) };
        }
        if let Some((i, what)) = action
            && let Some(m) = d.members.get(i)
        {
            match what {
                "open" => self.open_member(model, d, &m.person),
                "up" => out.push(Action::Apply(put(moved(d, &m.person, -1)))),
                _ => out.push(Action::Apply(put(moved(d, &m.person, 1)))),
            }
        }
        self.member_card_ui(ui.ctx(), view, d, out);
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.find_person);
            ui.add(
                egui::TextEdit::singleline(&mut self.person_query)
                    .id(egui::Id::unique("roster-find-person"))
                    .desired_width(200.0),
            )
            .labelled_by(l.id);
        });
        let q = names::fold(self.person_query.trim());
        if !q.is_empty() {
            // Only the matches are sorted (every frame while a query is typed), by the name in
            // the UI's language as the people list is.
            let mut found: Vec<&Person> = model
                .people
                .records()
                .filter(|p| !d.members.iter().any(|m| m.person == p.id))
                .filter(|p| [&p.full_name_ru, &p.latin_name, &p.native_name].iter().any(|f| names::matches(f, &q)))
                .collect();
            found.sort_by(|a, b| names::collate(a.name(lang), b.name(lang)).then_with(|| a.id.cmp(&b.id)));
            for p in found.into_iter().take(8) {
                ui.horizontal(|ui| {
                    ui.label(format!("{} ({})", p.display_name(), p.latin_name));
                    if ui
                        .push_id(p.id.as_str(), |ui| ui.add_enabled(!view.read_only, egui::Button::new(t.add_member)))
                        .inner
                        .clicked()
                    {
                        let mut nd = d.clone();
                        let precedence = nd.members.iter().map(|m| m.precedence).max().unwrap_or(0) + 1;
                        nd.members.push(Member::of(p, precedence));
                        out.push(Action::Apply(put(nd)));
                        self.person_query.clear();
                    }
                });
            }
        }
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.add_new_person);
            ui.add(
                egui::TextEdit::singleline(&mut self.new_person.0)
                    .id(egui::Id::unique("roster-new-person-name"))
                    .hint_text(t.f_full_name_ru)
                    .desired_width(200.0),
            )
            .labelled_by(l.id);
            let l2 = ui.label(t.f_latin_name);
            ui.add(
                egui::TextEdit::singleline(&mut self.new_person.1)
                    .id(egui::Id::unique("roster-new-person-latin"))
                    .desired_width(180.0),
            )
            .labelled_by(l2.id);
            let ok = !self.new_person.0.trim().is_empty() && !view.read_only;
            if ui.add_enabled(ok, egui::Button::new(t.add_member)).clicked() {
                let (latin, russian) = (self.new_person.1.trim(), self.new_person.0.trim());
                let id = roster_io::new_person_id(latin, russian, |c| model.person(&PersonId::new(c)).is_some());
                let person = Person {
                    id: PersonId::new(id),
                    full_name_ru: self.new_person.0.trim().to_owned(),
                    latin_name: self.new_person.1.trim().to_owned(),
                    ..Person::default()
                };
                let mut nd = d.clone();
                let precedence = nd.members.iter().map(|m| m.precedence).max().unwrap_or(0) + 1;
                nd.members.push(Member::of(&person, precedence));
                out.push(Action::Apply(Command::Batch(vec![Command::put(Record::Person(person)), put(nd)])));
                self.new_person = (String::new(), String::new());
            }
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.add_enabled(!view.read_only, egui::Button::new(t.import_roster)).clicked() {
                out.push(Action::Import(Import {
                    title: t.import_roster.to_owned(),
                    extension: "csv",
                    what: ImportWhat::Roster { delegation: d.id.clone() },
                }));
            }
            for (label, ext) in [(t.export_csv, "csv"), (t.export_xlsx, "xlsx")] {
                if ui.button(label).clicked() {
                    out.push(Action::Export(Export {
                        title: label.to_owned(),
                        file_name: visit_file_name(Document::Roster, d, view.lang, ext),
                        extension: ext,
                        what: ExportWhat::Roster {
                            delegation: d.id.clone(),
                            xlsx: ext == "xlsx",
                            show_passports: self.show_passports,
                        },
                        open_after: false,
                    }));
                }
            }
        });
    }
}
