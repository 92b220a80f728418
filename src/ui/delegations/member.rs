//! The member card: clicking a roster row opens one member of one visit in a window, with
//! the role, this visit's organisation and position, visa, lodging, the guardian's consent,
//! and the person's own diet and languages. «Применить» is one undo step (the delegation,
//! and the person when their diet or languages changed); «Убрать из состава» removes the
//! member. The passport stays masked until «Показать», which the personal-data log records.

use super::*;
use crate::model::Role;
use crate::store::journal::{self, Entry};
use crate::ui::form::{Draft, FieldErrors};

/// Where a member stays, as the card's combo box offers it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum LodgingKind {
    #[default]
    Unknown,
    Hotel,
    Family,
    Other,
}

const VISAS: [VisaStatus; 5] =
    [VisaStatus::NotRequired, VisaStatus::Needed, VisaStatus::Applied, VisaStatus::Issued, VisaStatus::Refused];

/// One member being edited, every field as typed.
#[derive(Clone, Debug, Default)]
pub struct MemberDraft {
    pub(super) delegation: DelegationId,
    pub(super) person: PersonId,
    pub(super) role: Role,
    pub(super) organisation: String,
    pub(super) position: String,
    pub(super) visa: VisaStatus,
    pub(super) visa_until: String,
    pub(super) lodging: LodgingKind,
    pub(super) hotel: String,
    pub(super) room: String,
    pub(super) family: String,
    pub(super) other: String,
    pub(super) consent: bool,
    pub(super) dietary: String,
    pub(super) languages: String,
    /// Whether the passport number is shown in full (logged when turned on).
    pub(super) passport_shown: bool,
}

impl MemberDraft {
    /// The card of `m` in the visit `d`.
    pub(super) fn of(model: &Model, d: &Delegation, m: &Member) -> Self {
        let person = model.person(&m.person);
        let (lodging, hotel, family, other) = match &m.lodging {
            Lodging::Unknown => (LodgingKind::Unknown, String::new(), String::new(), String::new()),
            Lodging::Hotel(h) => (LodgingKind::Hotel, h.clone(), String::new(), String::new()),
            Lodging::HostFamily(f) => (LodgingKind::Family, String::new(), f.clone(), String::new()),
            Lodging::Other(o) => (LodgingKind::Other, String::new(), String::new(), o.clone()),
        };
        MemberDraft {
            delegation: d.id.clone(),
            person: m.person.clone(),
            role: m.role,
            organisation: m.organisation.clone(),
            position: m.position.clone(),
            visa: m.visa.status,
            visa_until: m.visa.valid_until.map(fmt_date).unwrap_or_default(),
            lodging,
            hotel,
            room: m.room.clone(),
            family,
            other,
            consent: m.guardian_consent,
            dietary: person.map(|p| p.dietary.clone()).unwrap_or_default(),
            languages: person.map(|p| p.languages.join(", ")).unwrap_or_default(),
            passport_shown: false,
        }
    }
}

/// What validating a card reads: the model, the texts, and the visit as stored.
#[derive(Clone, Copy)]
pub struct MemberContext<'a> {
    model: &'a Model,
    t: &'a Texts,
    delegation: &'a Delegation,
}

impl Draft for MemberDraft {
    /// The visit with the member changed, and the person when their own fields changed.
    type Record = (Delegation, Option<Person>);
    type Context<'a> = MemberContext<'a>;

    fn validate(&self, cx: MemberContext<'_>) -> Result<Self::Record, FieldErrors> {
        let MemberContext { model, t, delegation } = cx;
        let mut errors = FieldErrors::new();
        let until = errors.optional_date("visa_until", &self.visa_until, t);
        if self.lodging == LodgingKind::Hotel && self.hotel.trim().is_empty() {
            errors.insert("hotel", t.err_required);
        }
        if self.lodging == LodgingKind::Family && self.family.trim().is_empty() {
            errors.insert("family", t.err_required);
        }
        if self.lodging == LodgingKind::Other && self.other.trim().is_empty() {
            errors.insert("other", t.err_required);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut d = delegation.clone();
        let Some(m) = d.members.iter_mut().find(|m| m.person == self.person) else {
            errors.insert("person", t.err_required);
            return Err(errors);
        };
        m.role = self.role;
        m.organisation = self.organisation.trim().to_owned();
        m.position = self.position.trim().to_owned();
        m.visa.status = self.visa;
        m.visa.valid_until = until;
        m.lodging = match self.lodging {
            LodgingKind::Unknown => Lodging::Unknown,
            LodgingKind::Hotel => Lodging::Hotel(self.hotel.trim().to_owned()),
            LodgingKind::Family => Lodging::HostFamily(self.family.trim().to_owned()),
            LodgingKind::Other => Lodging::Other(self.other.trim().to_owned()),
        };
        m.room = if self.lodging == LodgingKind::Hotel { self.room.trim().to_owned() } else { String::new() };
        m.guardian_consent = self.consent;
        let person = model.person(&self.person).and_then(|p| {
            let languages: Vec<String> =
                self.languages.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
            let dietary = self.dietary.trim();
            (p.dietary != dietary || p.languages != languages).then(|| Person {
                dietary: dietary.to_owned(),
                languages,
                ..p.clone()
            })
        });
        Ok((d, person))
    }
}

impl DelegationsPanel {
    /// Opens the card of the member who is `person` in the visit `d`.
    pub(super) fn open_member(&mut self, model: &Model, d: &Delegation, person: &PersonId) {
        if let Some(m) = d.members.iter().find(|m| &m.person == person) {
            self.member = Some(MemberDraft::of(model, d, m));
        }
    }

    /// Draws the open member card, if any, as a window over the panel.
    pub(super) fn member_card_ui(
        &mut self,
        ctx: &egui::Context,
        view: &View<'_>,
        d: &Delegation,
        out: &mut Vec<Action>,
    ) {
        let t = view.t;
        let lang = view.lang;
        let model = view.model;
        let Some(draft) = self.member.as_mut().filter(|m| m.delegation == d.id) else {
            self.member = None;
            return;
        };
        if !d.members.iter().any(|m| m.person == draft.person) {
            // Removed meanwhile (undo, another panel): nothing left to edit.
            self.member = None;
            return;
        }
        let person = model.person(&draft.person);
        let name = person.map_or(t.none, |p| p.name(lang)).to_owned();
        let result = draft.validate(MemberContext { model, t, delegation: d });
        let form = Form::of("member-card", &result);
        let mut open = true;
        let mut close = false;
        let screen = ctx.content_rect();
        let max_height = (screen.height() - 80.0).max(200.0);
        // Over the detail on the right, where the roster is, rather than over the ledger.
        let left = (screen.right() - 540.0).max(screen.left());
        egui::Window::new(format!("{}: {name}", t.member_card))
            .id(egui::Id::unique("member-card"))
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(520.0)
            .default_pos([left, screen.top() + 40.0])
            .default_height(max_height.min(640.0))
            .max_height(max_height)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let ok = result.is_ok() && !view.read_only;
                    if ui.add_enabled(ok, egui::Button::new(t.apply)).clicked()
                        && let Ok((nd, np)) = &result
                    {
                        let mut batch = Vec::new();
                        if let Some(p) = np {
                            batch.push(Command::put(Record::Person(p.clone())));
                        }
                        batch.push(put(nd.clone()));
                        out.push(Action::Apply(Command::Batch(batch)));
                        close = true;
                    }
                    if ui.button(t.cancel).clicked() {
                        close = true;
                    }
                    ui.separator();
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.remove_member)).clicked() {
                        out.push(Action::Apply(put(without_member(d, &draft.person))));
                        close = true;
                    }
                });
                ui.add_space(4.0);
                egui::ScrollArea::vertical().id_salt("member-card-scroll").show(ui, |ui| {
                    if let Some(p) = person {
                        let names: Vec<&str> = [p.latin_name.as_str(), p.native_name.as_str()]
                            .into_iter()
                            .filter(|s| !s.is_empty() && *s != name)
                            .collect();
                        if !names.is_empty() {
                            ui.weak(names.join(" · "));
                        }
                    }
                    egui::Grid::new("member-card-grid").num_columns(3).spacing([8.0, 6.0]).show(ui, |ui| {
                        form.combo(ui, "role", t.col_role, draft.role.name(lang), |ui| {
                            for r in Role::ALL {
                                ui.selectable_value(&mut draft.role, r, r.name(lang));
                            }
                        });
                        form.text(ui, "organisation", t.f_organisation, &mut draft.organisation);
                        form.text(ui, "position", t.f_position, &mut draft.position);
                        ui.label("");
                        ui.add(egui::Label::new(egui::RichText::new(t.member_job_note).small().weak()).wrap());
                        ui.end_row();
                        form.combo(ui, "visa", t.f_visa_status, i18n::visa_name(t, draft.visa), |ui| {
                            for v in VISAS {
                                ui.selectable_value(&mut draft.visa, v, i18n::visa_name(t, v));
                            }
                        });
                        form.text(ui, "visa_until", t.f_visa_until, &mut draft.visa_until);
                        let kind_name = |k: LodgingKind| match k {
                            LodgingKind::Unknown => t.lodging_unknown,
                            LodgingKind::Hotel => t.lodging_hotel,
                            LodgingKind::Family => t.lodging_family,
                            LodgingKind::Other => t.lodging_other,
                        };
                        form.combo(ui, "lodging", t.f_lodging_kind, kind_name(draft.lodging), |ui| {
                            for k in [LodgingKind::Unknown, LodgingKind::Hotel, LodgingKind::Family, LodgingKind::Other]
                            {
                                ui.selectable_value(&mut draft.lodging, k, kind_name(k));
                            }
                        });
                        match draft.lodging {
                            LodgingKind::Unknown => {}
                            LodgingKind::Hotel => {
                                form.text(ui, "hotel", t.f_hotel, &mut draft.hotel);
                                form.text(ui, "room", t.f_room, &mut draft.room);
                            }
                            LodgingKind::Family => {
                                form.text(ui, "family", t.f_family, &mut draft.family);
                            }
                            LodgingKind::Other => {
                                form.text(ui, "other", t.f_lodging_other, &mut draft.other);
                            }
                        }
                        if person.is_some_and(|p| p.is_minor_on(d.arrival.date)) {
                            form.checkbox(ui, "consent", &mut draft.consent, t.f_consent);
                        } else {
                            ui.label(t.col_consent);
                            ui.weak(t.consent_adult);
                            ui.label("");
                            ui.end_row();
                        }
                        form.text(ui, "dietary", t.f_dietary, &mut draft.dietary);
                        form.text(ui, "languages", t.f_languages, &mut draft.languages);
                        ui.label("");
                        ui.add(egui::Label::new(egui::RichText::new(t.person_note).small().weak()).wrap());
                        ui.end_row();
                        ui.label(t.passport);
                        ui.horizontal(|ui| match person.and_then(|p| p.passport.as_ref().map(|x| (p, x))) {
                            None => {
                                ui.weak(t.no_passport);
                            }
                            Some((p, pass)) => {
                                let number =
                                    if draft.passport_shown { pass.number.clone() } else { pass.masked_number() };
                                let expires = pass
                                    .expires
                                    .map(|e| format!(" · {} {}", t.f_expires.to_lowercase(), fmt_date(e)))
                                    .unwrap_or_default();
                                ui.label(format!("{number}{expires}"));
                                let label = if draft.passport_shown { t.hide } else { t.show };
                                if ui.small_button(label).on_hover_text(t.personal_data_note).clicked() {
                                    draft.passport_shown = !draft.passport_shown;
                                    if draft.passport_shown {
                                        out.push(Action::LogPersonalData(Entry::now(
                                            journal::Action::RevealPassport,
                                            p.id.as_str(),
                                            &p.full_name_ru,
                                        )));
                                    }
                                }
                            }
                        });
                        ui.label("");
                        ui.end_row();
                    });
                });
            });
        if !open || close {
            self.member = None;
        }
    }
}

/// The visit without the member who is `person`, the others renumbered 1, 2, 3… in order.
pub(super) fn without_member(d: &Delegation, person: &PersonId) -> Delegation {
    let mut nd = d.clone();
    nd.members.retain(|m| &m.person != person);
    nd.members.sort_by_key(|m| m.precedence);
    renumber(&mut nd);
    nd
}

/// The visit with the member who is `person` moved one place up (`-1`) or down (`+1`) in
/// precedence, everyone renumbered 1, 2, 3…
pub(super) fn moved(d: &Delegation, person: &PersonId, by: isize) -> Delegation {
    let mut nd = d.clone();
    nd.members.sort_by_key(|m| m.precedence);
    if let Some(pos) = nd.members.iter().position(|m| &m.person == person) {
        let to = pos.checked_add_signed(by).filter(|&to| to < nd.members.len());
        if let Some(to) = to {
            nd.members.swap(pos, to);
        }
    }
    renumber(&mut nd);
    nd
}

/// Numbers the members 1, 2, 3… in their order in the list.
fn renumber(d: &mut Delegation) {
    for (n, m) in d.members.iter_mut().enumerate() {
        m.precedence = u32::try_from(n + 1).unwrap_or(u32::MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::RU;

    fn visit() -> (Model, Delegation) {
        let people: Vec<Person> = ["a", "b", "c"]
            .iter()
            .map(|id| Person {
                id: PersonId::new(*id),
                full_name_ru: id.to_uppercase(),
                dietary: "без свинины".into(),
                ..Person::default()
            })
            .collect();
        let d = Delegation {
            id: "v".into(),
            members: people.iter().zip([2, 1, 3]).map(|(p, n)| Member::of(p, n)).collect(),
            ..Delegation::default()
        };
        (
            Model {
                people: crate::model::Shared::all(people),
                delegations: vec![d.clone().into()],
                ..Model::default()
            },
            d,
        )
    }

    #[test]
    fn moving_swaps_with_the_neighbour_in_precedence_and_stops_at_the_ends() {
        let (_, d) = visit();
        let order = |d: &Delegation| {
            let mut m = d.members.clone();
            m.sort_by_key(|m| m.precedence);
            m.iter().map(|m| format!("{}{}", m.person, m.precedence)).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(order(&d), "b1 a2 c3");
        assert_eq!(order(&moved(&d, &"a".into(), -1)), "a1 b2 c3");
        assert_eq!(order(&moved(&d, &"a".into(), 1)), "b1 c2 a3");
        assert_eq!(order(&moved(&d, &"b".into(), -1)), "b1 a2 c3");
        assert_eq!(order(&moved(&d, &"c".into(), 1)), "b1 a2 c3");
        assert_eq!(order(&without_member(&d, &"b".into())), "a1 c2");
    }

    #[test]
    fn a_card_changes_the_member_and_touches_the_person_only_for_diet_and_languages() {
        let (model, d) = visit();
        let mut draft = MemberDraft::of(&model, &d, &d.members[0]);
        let cx = MemberContext { model: &model, t: &RU, delegation: &d };
        draft.organisation = "МАОУ «Гимназия № 5»".into();
        draft.lodging = LodgingKind::Hotel;
        assert!(draft.validate(cx).is_err_and(|e| e.contains("hotel")), "a hotel needs its name");
        draft.hotel = "Интурист".into();
        draft.room = "512".into();
        draft.visa = VisaStatus::Issued;
        draft.visa_until = "31.12.2016".into();
        let (nd, person) = draft.validate(cx).expect("valid");
        let m = &nd.members[0];
        assert_eq!(m.organisation, "МАОУ «Гимназия № 5»");
        assert_eq!((m.lodging.clone(), m.room.as_str()), (Lodging::Hotel("Интурист".into()), "512"));
        assert_eq!(m.visa.valid_until, chrono::NaiveDate::from_ymd_opt(2016, 12, 31));
        assert!(person.is_none(), "diet and languages unchanged: the person is not rewritten");
        draft.visa_until = "31.13.2016".into();
        assert!(draft.validate(cx).is_err_and(|e| e.contains("visa_until")));
        draft.visa_until.clear();
        draft.dietary = "вегетарианец".into();
        let (_, person) = draft.validate(cx).expect("valid");
        assert_eq!(person.map(|p| p.dietary), Some("вегетарианец".to_owned()));
    }
}
