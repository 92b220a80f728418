//! Working with colleagues in one folder: who else has it open (the top bar), and the
//! conflicts window, where what two people set differently is shown side by side, field
//! by field, with «оставить их» and «взять моё».
//!
//! A named thread looks at the folder: every [`POLL`] it reads the revision, and says when
//! a colleague saved (the app then takes their records: live refresh); every [`EVERY`] it
//! bumps this app's session heartbeat and lists the other sessions and the stored
//! conflicts. It wakes the UI only when one of them changed, so an idle app stays idle.

use super::App;
use super::findings::record_label;
use crate::command::{Command, Record};
use crate::model::merge::Merge;
use crate::model::{Lang, Model, RecordId};
use crate::store::team::conflicts::Conflict;
use crate::store::team::revision::parse_record_key;
use crate::store::team::sessions::Session;
use crate::ui::i18n::Texts;
use crate::ui::theme;
use eframe::egui;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often the sessions and conflicts are looked at.
const EVERY: Duration = Duration::from_secs(5);

/// How often the revision is read, for colleagues' saves.
pub(super) const POLL: Duration = Duration::from_secs(2);

/// What the team thread saw.
pub(super) enum Seen {
    /// Who else is in the folder, and the stored conflicts.
    Team { colleagues: Vec<Session>, conflicts: Vec<Conflict> },
    /// A colleague saved: the revision moved past the one this app last read or wrote.
    Saved,
}

/// The thread's channel and what the app knows of the team.
#[derive(Default)]
pub(super) struct Team {
    pub(super) from_thread: Option<Receiver<Seen>>,
    /// The other apps working in the folder.
    pub(super) colleagues: Vec<Session>,
    /// Whether the conflicts window is open.
    pub(super) show: bool,
    /// Conflicts resolved here, to remove from the folder when the workspace is free.
    pub(super) resolved: Vec<u64>,
    /// What `colleagues` have open in forms: each record, and who.
    pub(super) open_elsewhere: Vec<(RecordId, String)>,
}

impl App {
    /// Starts the thread that watches the folder for colleagues and conflicts.
    pub(super) fn start_team_watch(&mut self, ctx: &egui::Context) {
        let (tx, rx) = mpsc::channel();
        let workspace: Weak<_> = Arc::downgrade(&self.workspace);
        let editing = Arc::clone(&self.forms.shared);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("pobratim-team".into()).spawn(move || {
            let mut last: Option<(Vec<Session>, Vec<Conflict>)> = None;
            let mut looked = None::<std::time::Instant>;
            loop {
                // The workspace is held only for this look, never through the sleep: the app
                // that closes it ends its session at once.
                let Some(held) = workspace.upgrade() else { break };
                let Ok(mut ws) = held.lock() else { break };
                // The revision's content, one small read: a colleague's save wakes the UI.
                if ws.is_writable() && ws.colleague_saved() {
                    if tx.send(Seen::Saved).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
                if looked.is_some_and(|at| at.elapsed() < EVERY) {
                    drop(ws);
                    drop(held);
                    std::thread::sleep(POLL);
                    continue;
                }
                looked = Some(std::time::Instant::now());
                let seen = if ws.is_writable() {
                    (ws.colleagues(editing.lock().map(|e| e.clone()).unwrap_or_default()), ws.conflicts())
                } else {
                    (Vec::new(), ws.conflicts())
                };
                drop(ws);
                drop(held);
                // Sessions' heartbeats move all the time; wake the UI only when who is
                // there, or the conflicts, changed.
                let who = |s: &[Session]| {
                    s.iter().map(|x| (x.user.clone(), x.host.clone(), x.pid, x.editing.clone())).collect::<Vec<_>>()
                };
                let changed = last.as_ref().is_none_or(|(c, k)| who(c) != who(&seen.0) || *k != seen.1);
                if changed {
                    last = Some(seen.clone());
                    if tx.send(Seen::Team { colleagues: seen.0, conflicts: seen.1 }).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
                std::thread::sleep(POLL);
            }
        });
        if spawned.is_ok() {
            self.team.from_thread = Some(rx);
        }
    }

    /// Takes what the team thread saw, and removes resolved conflicts from the folder.
    pub(super) fn poll_team(&mut self) {
        if let Some(rx) = &self.team.from_thread {
            while let Ok(seen) = rx.try_recv() {
                match seen {
                    Seen::Team { colleagues, conflicts } => {
                        self.team.open_elsewhere = colleagues
                            .iter()
                            .flat_map(|s| {
                                s.editing.iter().filter_map(|k| parse_record_key(k)).map(|id| (id, s.user.clone()))
                            })
                            .collect();
                        self.team.colleagues = colleagues;
                        self.conflicts = conflicts;
                    }
                    Seen::Saved => self.pull = true,
                }
            }
        }
        if self.team.resolved.is_empty() {
            return;
        }
        // Never wait for a save holding the workspace: try again next frame.
        let Ok(ws) = self.workspace.try_lock() else { return };
        for id in std::mem::take(&mut self.team.resolved) {
            if let Err(e) = ws.remove_conflict(id) {
                self.toasts.error(e.message(self.lang));
            }
        }
        drop(ws);
        self.refresh_conflicts();
    }

    /// The top bar's part: who else works in the folder, and the conflicts button.
    pub(super) fn team_bar(&mut self, ui: &mut egui::Ui, t: &Texts) {
        if !self.team.colleagues.is_empty() {
            ui.separator();
            // Who, and what each has open in a form, gently: «ivanova (правит: Ниигата)».
            let names: Vec<String> = self
                .team
                .colleagues
                .iter()
                .map(|s| {
                    let open: Vec<String> = s
                        .editing
                        .iter()
                        .filter_map(|k| parse_record_key(k))
                        .map(|id| record_label(t, &self.model, self.lang, &id).1)
                        .collect();
                    if open.is_empty() {
                        s.user.clone()
                    } else {
                        format!("{} ({}: {})", s.user, t.colleague_editing, open.join(", "))
                    }
                })
                .collect();
            let hover: Vec<String> = self
                .team
                .colleagues
                .iter()
                .map(|s| format!("{} — {}, {} {}", s.user, s.host, t.since_word, s.since.format("%d.%m.%Y %H:%M UTC")))
                .collect();
            ui.label(format!("{}: {}", t.colleagues_here, names.join(", "))).on_hover_text(hover.join("\n"));
        }
        if !self.conflicts.is_empty() {
            ui.separator();
            let label =
                egui::RichText::new(format!("● {}: {}", t.conflicts, self.conflicts.len())).color(theme::error());
            if ui.button(label).clicked() {
                self.team.show = !self.team.show;
            }
        }
    }

    /// The conflicts window.
    pub(super) fn conflicts_window(&mut self, ctx: &egui::Context, t: &Texts) {
        if !self.team.show || self.conflicts.is_empty() {
            self.team.show = false;
            return;
        }
        let mut open = true;
        let mut chosen: Vec<(u64, Option<Command>)> = Vec::new();
        let lang = self.lang;
        let writable = self.writable();
        egui::Window::new(t.conflicts).open(&mut open).default_size([760.0, 420.0]).show(ctx, |ui| {
            ui.label(t.conflicts_hint);
            ui.separator();
            egui::ScrollArea::vertical().id_salt("conflicts").show(ui, |ui| {
                for c in &self.conflicts {
                    ui.push_id(c.id, |ui| {
                        conflict_row(ui, t, lang, &self.model, c, writable, &mut chosen);
                    });
                    ui.separator();
                }
            });
        });
        self.team.show = open;
        for (id, command) in chosen {
            if let Some(command) = command {
                let before = self.version;
                self.apply(command);
                if self.version == before {
                    continue; // refused; the toast says why, the conflict stays
                }
            }
            self.conflicts.retain(|c| c.id != id);
            self.team.resolved.push(id);
        }
    }
}

/// One conflict: what, who, both values, and the two choices.
fn conflict_row(
    ui: &mut egui::Ui,
    t: &Texts,
    lang: Lang,
    model: &Model,
    c: &Conflict,
    writable: bool,
    chosen: &mut Vec<(u64, Option<Command>)>,
) {
    let record = parse_record_key(&c.record);
    let (kind, name) = record.as_ref().map_or((t.conflicts, c.record.clone()), |r| record_label(t, model, lang, r));
    ui.horizontal_wrapped(|ui| {
        ui.label(crate::ui::fonts::bold(format!("{kind} {name}")));
        ui.label(format!("— {}", field_label(t, lang, model, record.as_ref(), &c.clash.path)));
    });
    ui.small(format!("{}: {} ({}), {}", t.conflict_saved_by, c.user, c.host, c.at.format("%d.%m.%Y %H:%M UTC")));
    egui::Grid::new("values").num_columns(2).striped(true).show(ui, |ui| {
        ui.label(crate::ui::fonts::bold(t.conflict_theirs));
        ui.label(crate::ui::fonts::bold(t.conflict_mine));
        ui.end_row();
        ui.add(egui::Label::new(shown(t, c.clash.theirs.as_deref())).wrap());
        ui.add(egui::Label::new(shown(t, c.clash.mine.as_deref())).wrap());
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if ui.add_enabled(writable, egui::Button::new(t.keep_theirs)).clicked() {
            chosen.push((c.id, None));
        }
        let take = if c.clash.we_deleted() {
            t.conflict_delete
        } else if c.clash.they_deleted() {
            t.conflict_restore
        } else {
            t.take_mine
        };
        let command = record.as_ref().and_then(|r| take_mine(model, r, c));
        if ui.add_enabled(writable && command.is_some(), egui::Button::new(take)).clicked() {
            chosen.push((c.id, command));
        }
    });
}

/// The command that puts our value back: into the record as it is now, at the field or
/// item; or the whole record restored or deleted. `None` when it cannot be made (the
/// record is gone, or the stored value no longer reads).
fn take_mine(model: &Model, id: &RecordId, c: &Conflict) -> Option<Command> {
    fn put<T: Merge>(current: Option<&T>, c: &Conflict) -> Option<T> {
        if c.clash.path.is_empty() {
            return ron::from_str(c.clash.mine.as_deref()?).ok();
        }
        let mut record = current?.clone();
        record.put_at(&c.clash.path, c.clash.mine.as_deref()).ok()?;
        Some(record)
    }
    if c.clash.path.is_empty() && c.clash.mine.is_none() {
        return Some(Command::Remove(id.clone()));
    }
    let record = match id {
        RecordId::City(x) => Record::City(put(model.city(x), c)?),
        RecordId::Person(x) => Record::Person(put(model.person(x), c)?),
        RecordId::Event(x) => Record::Event(put(model.event(x), c)?),
        RecordId::Delegation(x) => Record::Delegation(put(model.delegation(x), c)?),
        RecordId::Figures(y) => Record::Figures(put(model.figures_for(*y), c)?),
    };
    Some(Command::put(record))
}

/// A stored value for people: text without quotes, «—» for nothing, a long value cut.
fn shown(t: &Texts, value: Option<&str>) -> String {
    let Some(v) = value else { return t.conflict_deleted.to_owned() };
    let inner = v.strip_prefix("Some(").and_then(|x| x.strip_suffix(')')).unwrap_or(v);
    if inner == "None" || inner == "\"\"" {
        return "—".to_owned();
    }
    let text = ron::from_str::<String>(inner).unwrap_or_else(|_| inner.to_owned());
    if text.chars().count() > 400 { format!("{}…", text.chars().take(400).collect::<String>()) } else { text }
}

/// The field or item a path names, in words: «Заметки», «Программа: «Встреча» — примечание».
pub(super) fn field_label(t: &Texts, lang: Lang, model: &Model, record: Option<&RecordId>, path: &str) -> String {
    if path.is_empty() {
        return t.conflict_whole_record.to_owned();
    }
    let visit = match record {
        Some(RecordId::Delegation(id)) => model.delegation(id),
        _ => None,
    };
    let mut out = Vec::new();
    let mut rest = path;
    let mut list = "";
    while let Some((seg, is_field, tail)) = crate::model::merge::split_path(rest) {
        if seg.is_empty() {
            break;
        }
        if is_field {
            list = seg;
            out.push(word(lang, seg).to_owned());
        } else {
            let item = visit.and_then(|d| match list {
                "programme" => {
                    d.programme.iter().find(|p| p.id.to_string() == seg).map(|p| p.activity.show(lang).to_owned())
                }
                "checklist" => d.checklist.iter().find(|x| x.id.to_string() == seg).map(|x| x.title.clone()),
                "gifts" => d.gifts.iter().find(|g| g.id.to_string() == seg).map(|g| g.item.clone()),
                "members" => model.person(&crate::model::PersonId::new(seg)).map(|p| p.name(lang).to_owned()),
                _ => None,
            });
            if let Some(last) = out.last_mut() {
                last.push_str(&format!(": «{}»", item.unwrap_or_else(|| seg.to_owned())));
            }
        }
        rest = tail;
        if rest.is_empty() {
            break;
        }
    }
    out.join(" — ")
}

/// A field's name in words; the path's own word for a field not listed.
fn word(lang: Lang, field: &str) -> &str {
    let ru = lang == Lang::Ru;
    match field {
        "notes" => {
            if ru {
                "заметки"
            } else {
                "notes"
            }
        }
        "note" => {
            if ru {
                "примечание"
            } else {
                "note"
            }
        }
        "title" => {
            if ru {
                "название"
            } else {
                "title"
            }
        }
        "purpose" => {
            if ru {
                "цель"
            } else {
                "purpose"
            }
        }
        "status" => {
            if ru {
                "статус"
            } else {
                "status"
            }
        }
        "arrival" => {
            if ru {
                "прибытие"
            } else {
                "arrival"
            }
        }
        "departure" => {
            if ru {
                "отъезд"
            } else {
                "departure"
            }
        }
        "time" => {
            if ru {
                "время"
            } else {
                "time"
            }
        }
        "date" => {
            if ru {
                "дата"
            } else {
                "date"
            }
        }
        "transport" => {
            if ru {
                "транспорт"
            } else {
                "transport"
            }
        }
        "programme" => {
            if ru {
                "программа"
            } else {
                "programme"
            }
        }
        "checklist" => {
            if ru {
                "задачи"
            } else {
                "checklist"
            }
        }
        "gifts" => {
            if ru {
                "подарки"
            } else {
                "gifts"
            }
        }
        "members" => {
            if ru {
                "состав"
            } else {
                "roster"
            }
        }
        "role" => {
            if ru {
                "роль"
            } else {
                "role"
            }
        }
        "visa" => {
            if ru {
                "виза"
            } else {
                "visa"
            }
        }
        "start" => {
            if ru {
                "начало"
            } else {
                "start"
            }
        }
        "end" => {
            if ru {
                "окончание"
            } else {
                "end"
            }
        }
        "activity" => {
            if ru {
                "мероприятие"
            } else {
                "activity"
            }
        }
        "place" => {
            if ru {
                "место"
            } else {
                "place"
            }
        }
        "responsible" => {
            if ru {
                "ответственный"
            } else {
                "responsible"
            }
        }
        "interpreter" => {
            if ru {
                "переводчик"
            } else {
                "interpreter"
            }
        }
        "done" => {
            if ru {
                "выполнено"
            } else {
                "done"
            }
        }
        "region" => {
            if ru {
                "регион"
            } else {
                "region"
            }
        }
        "venue" => {
            if ru {
                "место проведения"
            } else {
                "venue"
            }
        }
        "passport" => {
            if ru {
                "паспорт"
            } else {
                "passport"
            }
        }
        "phone" => {
            if ru {
                "телефон"
            } else {
                "phone"
            }
        }
        "email" => "e-mail",
        "headcount" => {
            if ru {
                "численность"
            } else {
                "headcount"
            }
        }
        "accommodation" => {
            if ru {
                "размещение"
            } else {
                "accommodation"
            }
        }
        other => other,
    }
}
