//! «Чек-лист» and «Подарки»: tasks with due dates, and the gifts given and received.

use super::*;

impl DelegationsPanel {
    pub(super) fn checklist_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Action>) {
        let t = view.t;
        for (i, task) in d.checklist.iter().enumerate() {
            ui.push_id(("task", i), |ui| {
                ui.horizontal(|ui| {
                    let mut done = task.done;
                    if ui.add_enabled(!view.read_only, egui::Checkbox::new(&mut done, &task.title)).changed() {
                        let mut nd = d.clone();
                        nd.checklist[i].done = done;
                        out.push(Action::Apply(put(nd)));
                    }
                    if let Some(due) = task.due {
                        if !task.done && due < view.today {
                            ui.colored_label(theme::error(), format!("{} · {}", fmt_date(due), t.overdue));
                        } else {
                            ui.weak(fmt_date(due));
                        }
                    }
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.remove).small()).clicked() {
                        let mut nd = d.clone();
                        nd.checklist.remove(i);
                        out.push(Action::Apply(put(nd)));
                    }
                });
            });
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.f_task);
            ui.add(
                egui::TextEdit::singleline(&mut self.task.0)
                    .id(egui::Id::unique("checklist-new-task"))
                    .desired_width(220.0),
            )
            .labelled_by(l.id);
            let l = ui.label(t.f_due);
            ui.add(
                egui::TextEdit::singleline(&mut self.task.1)
                    .id(egui::Id::unique("checklist-new-task-due"))
                    .hint_text(t.date_hint)
                    .desired_width(100.0),
            )
            .labelled_by(l.id);
            let due = parse_russian_date(&self.task.1);
            let ok =
                !self.task.0.trim().is_empty() && (self.task.1.trim().is_empty() || due.is_some()) && !view.read_only;
            if ui.add_enabled(ok, egui::Button::new(t.add_task)).clicked() {
                let mut nd = d.clone();
                nd.checklist.push(Task {
                    id: crate::model::ItemId::NONE,
                    title: self.task.0.trim().to_owned(),
                    due,
                    done: false,
                });
                out.push(Action::Apply(put(nd)));
                self.task = (String::new(), String::new());
            }
            if !self.task.1.trim().is_empty() && due.is_none() {
                ui.colored_label(theme::error(), t.err_date);
            }
        });
        if ui.add_enabled(!view.read_only, egui::Button::new(t.add_defaults)).clicked() {
            let mut nd = d.clone();
            for task in default_checklist(d.kind, d.direction, d.arrival.date) {
                if !nd.checklist.iter().any(|x| x.title == task.title) {
                    nd.checklist.push(task);
                }
            }
            out.push(Action::Apply(put(nd)));
        }
    }

    pub(super) fn gifts_ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, d: &Delegation, out: &mut Vec<Action>) {
        let t = view.t;
        for (i, g) in d.gifts.iter().enumerate() {
            ui.push_id(("gift", i), |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!("{} → {} × {}", g.item, g.recipient, g.quantity));
                    let field = format!("gifts[{i}]");
                    for f in view
                        .findings
                        .iter()
                        .filter(|f| f.field == field && f.subject == RecordId::Delegation(d.id.clone()))
                    {
                        ui.colored_label(theme::warning(), f.message(view.lang));
                    }
                    if ui.add_enabled(!view.read_only, egui::Button::new(t.remove).small()).clicked() {
                        let mut nd = d.clone();
                        nd.gifts.remove(i);
                        out.push(Action::Apply(put(nd)));
                    }
                });
            });
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.f_gift);
            ui.add(
                egui::TextEdit::singleline(&mut self.gift.0)
                    .id(egui::Id::unique("gifts-new-what"))
                    .desired_width(200.0),
            )
            .labelled_by(l.id);
            let l = ui.label(t.f_recipient);
            ui.add(
                egui::TextEdit::singleline(&mut self.gift.1).id(egui::Id::unique("gifts-new-to")).desired_width(160.0),
            )
            .labelled_by(l.id);
            let l = ui.label(t.f_quantity);
            ui.add(
                egui::TextEdit::singleline(&mut self.gift.2)
                    .id(egui::Id::unique("gifts-new-count"))
                    .hint_text("1")
                    .desired_width(50.0),
            )
            .labelled_by(l.id);
            let qty = if self.gift.2.trim().is_empty() { Some(1) } else { self.gift.2.trim().parse::<u32>().ok() };
            let ok = !self.gift.0.trim().is_empty() && qty.is_some() && !view.read_only;
            if ui.add_enabled(ok, egui::Button::new(t.add_gift)).clicked() {
                let mut nd = d.clone();
                nd.gifts.push(Gift {
                    id: crate::model::ItemId::NONE,
                    item: self.gift.0.trim().to_owned(),
                    recipient: self.gift.1.trim().to_owned(),
                    quantity: qty.unwrap_or(1),
                });
                out.push(Action::Apply(put(nd)));
                self.gift = (String::new(), String::new(), String::new());
            }
        });
    }
}
