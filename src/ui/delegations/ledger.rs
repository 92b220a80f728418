//! The ledger: delegations grouped by year and direction, filtered, with findings badges and
//! the reciprocity balance per partner city. Only the rows in view are laid out.

use super::*;

/// What the ledger's rows depend on besides the model.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LedgerKey {
    pub(super) version: u64,
    /// The model version the findings were computed for: on a large folder they arrive from
    /// the background after the edit, and the badges must be recounted then.
    pub(super) findings_version: u64,
    pub(super) city: Option<CityId>,
    pub(super) kind: Option<DelegationKind>,
    pub(super) status: Option<DelegationStatus>,
    pub(super) needle: String,
    pub(super) collapsed: std::collections::BTreeSet<i32>,
    pub(super) lang: crate::model::Lang,
}

/// One line of the ledger: a year, a direction within it, or a delegation.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum LedgerRow {
    Year { year: i32, count: usize, collapsed: bool },
    Direction(Direction),
    Item { index: usize, text: String },
}

impl DelegationsPanel {
    pub(super) fn list_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, out: &mut Vec<Action>) {
        let t = view.t;
        let lang = view.lang;
        let model = view.model;
        ui.add_space(4.0);
        egui::Grid::new("delegation-filters").num_columns(2).show(ui, |ui| {
            let l = ui.label(t.filter_city);
            let text = self.city.as_ref().map_or(t.all.to_owned(), |c| city_name(model, c, lang).to_owned());
            let cities = || {
                std::iter::once((None, t.all.to_owned()))
                    .chain(
                        model
                            .partner_cities_sorted(lang)
                            .into_iter()
                            .map(|c| (Some(c.id.clone()), c.name(lang).to_owned())),
                    )
                    .collect()
            };
            let id = egui::Id::unique("del-city");
            crate::ui::form::search_combo(ui, id, &mut self.city, cities, &text, t.search).labelled_by(l.id);
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
            ui.add(
                egui::TextEdit::singleline(&mut self.text).id(egui::Id::unique("ledger-filter")).desired_width(180.0),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(!view.read_only, egui::Button::new(t.new_delegation)).clicked() {
                let home = model.cities.iter().find(|c| c.status != crate::model::CityStatus::Home);
                self.overview = Some(OverviewDraft {
                    is_new: true,
                    partner_city: home.map(|c| c.id.clone()),
                    arrival_date: fmt_date(view.today),
                    departure_date: fmt_date(view.today),
                    ..OverviewDraft::default()
                });
            }
            if ui
                .add_enabled(!view.read_only, egui::Button::new(t.road_return))
                .on_hover_text(t.road_return_hint)
                .clicked()
            {
                out.push(Action::RoadReturn);
            }
        });
        ui.separator();
        let key = self.ledger_key(view);
        if self.ledger.as_ref().is_none_or(|(k, _)| *k != key) {
            let rows = ledger_rows(view, &key);
            self.ledger = Some((key, rows));
        }
        egui::CollapsingHeader::new(t.reciprocity).id_salt("reciprocity").default_open(false).show(ui, |ui| {
            // Partner cities first, then the visits with no partner city («другие»).
            let mut lines: Vec<_> = reciprocity(model.delegations.records()).into_iter().collect();
            lines.sort_by_key(|((city, _), _)| city.is_none());
            for ((city, year), r) in lines {
                let mut line = format!(
                    "{} {year}: {} {}, {} {}",
                    city.as_ref().map_or(t.others_label, |c| city_name(model, c, lang)),
                    t.received,
                    r.received,
                    t.sent,
                    r.sent
                );
                // Planned and confirmed visits have not happened: shown apart, when there are any.
                if r.planned > 0 {
                    line.push_str(&format!(", {} {}", t.planned_visits, r.planned));
                }
                ui.label(line);
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
                                .on_hover_text(d.title(lang));
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
}

impl DelegationsPanel {
    /// The key the ledger's cached rows are built for: the model and findings versions, the
    /// filters, the folded years and the language.
    pub(super) fn ledger_key(&self, view: &View<'_>) -> LedgerKey {
        LedgerKey {
            version: view.version,
            findings_version: view.findings_version,
            city: self.city.clone(),
            kind: self.kind,
            status: self.status,
            needle: names::fold(self.text.trim()),
            collapsed: self.collapsed.clone(),
            lang: view.lang,
        }
    }
}

/// The ledger's rows: years newest first, incoming then outgoing, by arrival date. Open
/// findings are counted once for all delegations, not once per row.
pub(super) fn ledger_rows(view: &View<'_>, key: &LedgerKey) -> Vec<LedgerRow> {
    let (model, lang) = (view.model, key.lang);
    let mut badges: std::collections::HashMap<&DelegationId, usize> = std::collections::HashMap::new();
    for f in view.findings {
        if let (RecordId::Delegation(id), true) = (&f.subject, f.severity != Severity::Info) {
            *badges.entry(id).or_default() += 1;
        }
    }
    let needle = &key.needle;
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, d) in model.delegations.iter().enumerate() {
        let keep = key.city.as_ref().is_none_or(|c| d.partner_city.as_ref() == Some(c))
            && key.kind.is_none_or(|k| d.kind == k)
            && key.status.is_none_or(|s| d.status == s)
            && (needle.is_empty() || d.title.matches(needle) || names::matches(&d.counterpart(model, lang), needle));
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
                // Readiness only while the visit is still to be prepared; it does not
                // depend on the day (only which tasks are overdue does).
                let ready = if matches!(
                    d.status,
                    DelegationStatus::Planned | DelegationStatus::Confirmed | DelegationStatus::InProgress
                ) {
                    let percent = crate::model::readiness(model, d, view.today).percent();
                    format!(" · {} {percent} %", view.t.ov_ready)
                } else {
                    String::new()
                };
                let text = format!(
                    "{}–{} · {} · {} · {}{ready}{}",
                    d.arrival.date.format("%d.%m"),
                    fmt_date(d.departure.date),
                    d.counterpart(model, lang),
                    i18n::kind_name(lang, d.kind),
                    i18n::people_count(lang, d.participant_count()),
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
    use chrono::NaiveDate;

    fn view<'a>(model: &'a Model, findings: &'a [Finding], findings_version: u64) -> View<'a> {
        let today = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
        View {
            model,
            t: i18n::texts(Lang::Ru),
            lang: Lang::Ru,
            read_only: false,
            today,
            now: crate::clock::Clock::fixed_on(today, chrono_tz::Asia::Vladivostok).now(),
            home_zone: chrono_tz::Asia::Vladivostok,
            findings,
            version: 1,
            findings_version,
            retention_years: 5,
            open_elsewhere: &[],
        }
    }

    fn badges(rows: &[LedgerRow]) -> Vec<&str> {
        rows.iter()
            .filter_map(|r| match r {
                LedgerRow::Item { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .filter(|text| text.contains("(!"))
            .collect()
    }

    /// On a large folder the findings for an edit arrive after the edit's frame: the model
    /// version is the same, only the findings version moves, and the badges must follow.
    #[test]
    fn badges_are_recounted_when_background_findings_arrive() {
        let id = DelegationId::new("del-2016-05-x");
        let mut model = Model::default();
        model.delegations.push(Delegation { id: id.clone(), ..Delegation::default() }.into());
        let panel = DelegationsPanel::default();

        let before = view(&model, &[], 0);
        let key_before = panel.ledger_key(&before);
        assert!(badges(&ledger_rows(&before, &key_before)).is_empty());

        let findings = vec![Finding {
            severity: Severity::Error,
            subject: RecordId::Delegation(id),
            field: "departure".into(),
            kind: crate::model::FindingKind::EndBeforeStart,
        }];
        let after = view(&model, &findings, 1);
        let key_after = panel.ledger_key(&after);
        assert_ne!(key_before, key_after, "the cached rows are rebuilt when the findings arrive");
        assert_eq!(badges(&ledger_rows(&after, &key_after)).len(), 1, "the new finding's badge shows");
    }
}
