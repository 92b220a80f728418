//! Every change to the model is a [`Command`]. Applying one returns its inverse, which is
//! what undo applies; the [`History`] keeps both stacks for as long as the app is open.
//!
//! Commands replace or remove whole records. A form edits a draft and emits one command
//! when the user applies it, so one undo step is one user action.

use crate::model::{City, Delegation, Event, Model, Person, RecordId, Shared, YearFigures, ids::is_valid_slug, refs};

/// A record of any collection.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    /// A city.
    City(City),
    /// A person.
    Person(Person),
    /// An event.
    Event(Event),
    /// A delegation.
    Delegation(Delegation),
    /// The figures of a year.
    Figures(YearFigures),
}

impl Command {
    /// The records the command puts or removes.
    pub fn records(&self) -> Vec<RecordId> {
        match self {
            Command::Put(record) => vec![record.id()],
            Command::Remove(id) => vec![id.clone()],
            Command::Batch(list) => list.iter().flat_map(Command::records).collect(),
        }
    }
}

impl Command {
    /// The commands that put what a copy for the road brings back into the office's model
    /// (`pobratim road return`, «Вернуть из поездки»): new and changed records first, cities
    /// before the people and events visits refer to, visits last; then removals the other
    /// way round.
    pub fn from_road(back: &crate::model::road::Back) -> Vec<Command> {
        use crate::model::{CityId, DelegationId, EventId, PersonId};
        use std::collections::BTreeMap;
        let mut out = Vec::new();
        out.extend(back.cities.values().flatten().map(|r| Command::put(Record::City(r.clone()))));
        out.extend(back.people.values().flatten().map(|r| Command::put(Record::Person(r.clone()))));
        out.extend(back.events.values().flatten().map(|r| Command::put(Record::Event(r.clone()))));
        out.extend(back.delegations.values().flatten().map(|r| Command::put(Record::Delegation(r.clone()))));
        fn gone<T>(m: &BTreeMap<String, Option<T>>) -> impl Iterator<Item = &str> {
            m.iter().filter(|(_, r)| r.is_none()).map(|(k, _)| k.as_str())
        }
        out.extend(gone(&back.delegations).map(|k| Command::Remove(RecordId::Delegation(DelegationId::new(k)))));
        out.extend(gone(&back.events).map(|k| Command::Remove(RecordId::Event(EventId::new(k)))));
        out.extend(gone(&back.people).map(|k| Command::Remove(RecordId::Person(PersonId::new(k)))));
        out.extend(gone(&back.cities).map(|k| Command::Remove(RecordId::City(CityId::new(k)))));
        out
    }
}

/// Applies `commands` as one batch through `apply` (a model's or a history's). A removal
/// refused because other records still refer to its record is left out and the rest
/// applied again: what the removals kept back is returned, with why. Any other refusal
/// applies nothing and is the error.
pub fn apply_keeping_referenced(
    mut commands: Vec<Command>,
    mut apply: impl FnMut(Command) -> Result<(), CommandError>,
) -> Result<Vec<CommandError>, CommandError> {
    let mut kept = Vec::new();
    while !commands.is_empty() {
        match apply(Command::Batch(commands.clone())) {
            Ok(()) => break,
            Err(CommandError::Referenced { id, refs }) => {
                let at = commands.iter().position(|c| matches!(c, Command::Remove(r) if r.to_string() == id));
                let e = CommandError::Referenced { id, refs };
                let Some(at) = at else { return Err(e) };
                commands.remove(at);
                kept.push(e);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(kept)
}

impl Record {
    /// The record's id.
    pub fn id(&self) -> RecordId {
        match self {
            Record::City(c) => RecordId::City(c.id.clone()),
            Record::Person(p) => RecordId::Person(p.id.clone()),
            Record::Event(e) => RecordId::Event(e.id.clone()),
            Record::Delegation(d) => RecordId::Delegation(d.id.clone()),
            Record::Figures(f) => RecordId::Figures(f.year),
        }
    }
}

/// A change to the model.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Insert the record, or replace the one with the same id.
    Put(Box<Record>),
    /// Remove the record with this id. Refused while other records refer to it.
    Remove(RecordId),
    /// Several commands as one step (an import): all apply, or none.
    Batch(Vec<Command>),
}

/// Why a command was not applied. The model is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// The id is empty or not a plain slug.
    #[error("invalid id «{0}»: use lowercase Latin letters, digits and '-'")]
    InvalidId(String),
    /// Nothing has this id.
    #[error("no record «{0}»")]
    NotFound(String),
    /// Other records refer to it; removing would leave them dangling.
    #[error("«{id}» is still referred to by {} record(s)", refs.len())]
    Referenced {
        /// The record.
        id: String,
        /// What refers to it, described for the user.
        refs: Vec<refs::Reference>,
    },
}

impl CommandError {
    /// The message in the user's language (the `Display` text is the English one).
    pub fn message(&self, lang: crate::model::Lang) -> String {
        use crate::model::Lang;
        match (lang, self) {
            (Lang::En, _) => self.to_string(),
            (Lang::Ru, CommandError::InvalidId(id)) => {
                format!("недопустимый идентификатор «{id}»: только строчные латинские буквы, цифры и «-»")
            }
            (Lang::Ru, CommandError::NotFound(id)) => format!("нет записи «{id}»"),
            (Lang::Ru, CommandError::Referenced { id, refs }) => {
                format!("на «{id}» ещё ссылаются записи: {}", refs.len())
            }
        }
    }
}

/// How a collection holds its records: as they are (figures) or [`Shared`] (the rest).
trait Slot<T>: Sized {
    fn wrap(record: T) -> Self;
    fn record(&self) -> &T;
    fn unwrap(self) -> T;
}

impl<T> Slot<T> for T {
    fn wrap(record: T) -> Self {
        record
    }
    fn record(&self) -> &T {
        self
    }
    fn unwrap(self) -> T {
        self
    }
}

impl<T: Clone> Slot<T> for Shared<T> {
    fn wrap(record: T) -> Self {
        Shared::new(record)
    }
    fn record(&self) -> &T {
        self
    }
    fn unwrap(self) -> T {
        self.into_inner()
    }
}

fn put<T, S: Slot<T>, K: Ord + ToString>(
    items: &mut Vec<S>,
    item: T,
    key: impl Fn(&T) -> &K,
    wrap: impl Fn(T) -> Record,
    id_of: impl Fn(&T) -> RecordId,
) -> Command {
    let k = key(&item);
    match items.binary_search_by(|x| key(x.record()).cmp(k)) {
        Ok(i) => Command::put(wrap(std::mem::replace(&mut items[i], S::wrap(item)).unwrap())),
        Err(i) => {
            let id = id_of(&item);
            items.insert(i, S::wrap(item));
            Command::Remove(id)
        }
    }
}

fn remove<T, S: Slot<T>, K: Ord + ToString>(
    items: &mut Vec<S>,
    id: &K,
    key: impl Fn(&T) -> &K,
    wrap: impl Fn(T) -> Record,
) -> Result<Command, CommandError> {
    match items.binary_search_by(|x| key(x.record()).cmp(id)) {
        Ok(i) => Ok(Command::put(wrap(items.remove(i).unwrap()))),
        Err(_) => Err(CommandError::NotFound(id.to_string())),
    }
}

fn check_slug(s: &str) -> Result<(), CommandError> {
    if is_valid_slug(s) { Ok(()) } else { Err(CommandError::InvalidId(s.to_owned())) }
}

impl Command {
    /// Inserts or replaces `record`.
    pub fn put(record: Record) -> Command {
        Command::Put(Box::new(record))
    }

    /// Applies the command to `model` (kept sorted) and returns the command that undoes it.
    pub fn apply(self, model: &mut Model) -> Result<Command, CommandError> {
        model.normalise();
        self.apply_sorted(model)
    }

    /// [`Command::apply`] on a model already sorted: a batch sorts once, not once per
    /// command (a purge of thousands of people took 0.7 s checking the order each time).
    fn apply_sorted(self, model: &mut Model) -> Result<Command, CommandError> {
        match self {
            Command::Put(record) => {
                let record = *record;
                match &record {
                    Record::City(c) => check_slug(c.id.as_str())?,
                    Record::Person(p) => check_slug(p.id.as_str())?,
                    Record::Event(e) => check_slug(e.id.as_str())?,
                    Record::Delegation(d) => check_slug(d.id.as_str())?,
                    Record::Figures(_) => {}
                }
                Ok(match record {
                    Record::City(c) => {
                        put(&mut model.cities, c, |x| &x.id, Record::City, |x| RecordId::City(x.id.clone()))
                    }
                    Record::Person(p) => {
                        put(&mut model.people, p, |x| &x.id, Record::Person, |x| RecordId::Person(x.id.clone()))
                    }
                    Record::Event(e) => {
                        put(&mut model.events, e, |x| &x.id, Record::Event, |x| RecordId::Event(x.id.clone()))
                    }
                    Record::Delegation(mut d) => {
                        // Items the user just added have no id yet: random ones, so a
                        // colleague adding items to the same visit at once never collides.
                        d.fresh_item_ids();
                        put(
                            &mut model.delegations,
                            d,
                            |x| &x.id,
                            Record::Delegation,
                            |x| RecordId::Delegation(x.id.clone()),
                        )
                    }
                    Record::Figures(f) => {
                        put(&mut model.figures, f, |x| &x.year, Record::Figures, |x| RecordId::Figures(x.year))
                    }
                })
            }
            Command::Batch(commands) => {
                let mut inverses = Vec::with_capacity(commands.len());
                for c in commands {
                    match c.apply_sorted(model) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            // Roll back what applied, newest first, so the model is unchanged.
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply_sorted(model);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Command::Batch(inverses))
            }
            Command::Remove(id) => {
                let found = match &id {
                    RecordId::City(c) => refs::city_references(model, c, crate::model::Language::Ru),
                    RecordId::Person(p) => refs::person_references(model, p, crate::model::Language::Ru),
                    RecordId::Event(e) => refs::event_references(model, e, crate::model::Language::Ru),
                    RecordId::Delegation(_) | RecordId::Figures(_) => Vec::new(),
                };
                if !found.is_empty() {
                    return Err(CommandError::Referenced { id: id.to_string(), refs: found });
                }
                match id {
                    RecordId::City(c) => remove(&mut model.cities, &c, |x| &x.id, Record::City),
                    RecordId::Person(p) => remove(&mut model.people, &p, |x| &x.id, Record::Person),
                    RecordId::Event(e) => remove(&mut model.events, &e, |x| &x.id, Record::Event),
                    RecordId::Delegation(d) => remove(&mut model.delegations, &d, |x| &x.id, Record::Delegation),
                    RecordId::Figures(y) => remove(&mut model.figures, &y, |x| &x.year, Record::Figures),
                }
            }
        }
    }
}

/// Undo and redo stacks. Unlimited, in memory only: history is never saved.
///
/// Each entry carries a stamp from the history's own counter ([`History::stamp`]), so the
/// app can refuse to undo a command whose record a colleague changed after it.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Command>,
    redo: Vec<Command>,
    undo_stamps: Vec<u64>,
    redo_stamps: Vec<u64>,
    clock: u64,
}

impl History {
    /// Applies a new user command; on success its inverse goes on the undo stack and the
    /// redo stack is cleared.
    pub fn apply(&mut self, model: &mut Model, command: Command) -> Result<(), CommandError> {
        let inverse = command.apply(model)?;
        self.clock += 1;
        self.undo.push(inverse);
        self.undo_stamps.push(self.clock);
        self.redo.clear();
        self.redo_stamps.clear();
        Ok(())
    }

    /// The counter's value now: entries made after this have a larger stamp.
    pub fn stamp(&self) -> u64 {
        self.clock
    }

    /// The stamp of the entry [`History::undo`] would apply next.
    pub fn next_undo_stamp(&self) -> Option<u64> {
        self.undo_stamps.last().copied()
    }

    /// The stamp of the entry [`History::redo`] would apply next.
    pub fn next_redo_stamp(&self) -> Option<u64> {
        self.redo_stamps.last().copied()
    }

    /// Undoes the last command. Returns whether there was one.
    pub fn undo(&mut self, model: &mut Model) -> Result<bool, CommandError> {
        let Some(cmd) = self.undo.pop() else { return Ok(false) };
        let stamp = self.undo_stamps.pop().unwrap_or(self.clock);
        match cmd.clone().apply(model) {
            Ok(inverse) => {
                self.clock += 1;
                self.redo.push(inverse);
                self.redo_stamps.push(self.clock);
                Ok(true)
            }
            Err(e) => {
                self.undo.push(cmd);
                self.undo_stamps.push(stamp);
                Err(e)
            }
        }
    }

    /// Redoes the last undone command. Returns whether there was one.
    pub fn redo(&mut self, model: &mut Model) -> Result<bool, CommandError> {
        let Some(cmd) = self.redo.pop() else { return Ok(false) };
        let stamp = self.redo_stamps.pop().unwrap_or(self.clock);
        match cmd.clone().apply(model) {
            Ok(inverse) => {
                self.clock += 1;
                self.undo.push(inverse);
                self.undo_stamps.push(self.clock);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(cmd);
                self.redo_stamps.push(stamp);
                Err(e)
            }
        }
    }

    /// Drops every undo and redo entry that touches one of `records` (a colleague's
    /// retention purge of these people: the entries hold the purged values). The other
    /// entries stay, in order.
    pub fn forget(&mut self, records: &[RecordId]) {
        fn keep(list: &mut Vec<Command>, stamps: &mut Vec<u64>, records: &[RecordId]) {
            let mut kept = Vec::with_capacity(list.len());
            let mut kept_stamps = Vec::with_capacity(stamps.len());
            for (i, c) in list.drain(..).enumerate() {
                if !c.records().iter().any(|r| records.contains(r)) {
                    kept_stamps.push(stamps.get(i).copied().unwrap_or(0));
                    kept.push(c);
                }
            }
            *list = kept;
            *stamps = kept_stamps;
        }
        keep(&mut self.undo, &mut self.undo_stamps, records);
        keep(&mut self.redo, &mut self.redo_stamps, records);
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The command [`History::undo`] would apply next, so the caller can note what it touches.
    pub fn next_undo(&self) -> Option<&Command> {
        self.undo.last()
    }

    /// The command [`History::redo`] would apply next.
    pub fn next_redo(&self) -> Option<&Command> {
        self.redo.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CityStatus, Delegation};

    fn model() -> Model {
        let mut m = Model::default();
        m.cities.push(
            City {
                id: "niigata".into(), name_ru: "Ниигата".into(), status: CityStatus::Sister, ..City::default()
            }
            .into(),
        );
        m.cities.push(City { id: "harbin".into(), name_ru: "Харбин".into(), ..City::default() }.into());
        m.delegations
            .push(Delegation { id: "d1".into(), partner_city: Some("harbin".into()), ..Delegation::default() }.into());
        m.normalise();
        m
    }

    #[test]
    fn put_replaces_and_undo_restores() {
        let mut m = model();
        let original = m.clone();
        let mut h = History::default();
        let mut c = m.cities[1].clone();
        c.name_ru = "Ниигата!".into();
        h.apply(&mut m, Command::put(Record::City(c.into_inner()))).expect("apply");
        assert_eq!(m.city(&"niigata".into()).map(|c| c.name_ru.as_str()), Some("Ниигата!"));
        assert!(h.undo(&mut m).expect("undo"));
        assert_eq!(m, original);
        assert!(h.redo(&mut m).expect("redo"));
        assert_eq!(m.city(&"niigata".into()).map(|c| c.name_ru.as_str()), Some("Ниигата!"));
        assert!(!h.redo(&mut m).expect("nothing to redo"));
    }

    #[test]
    fn forget_drops_the_entries_of_those_records_and_keeps_the_rest_in_order() {
        let mut m = model();
        let mut h = History::default();
        let rename = |m: &Model, id: &str, name: &str| {
            let mut c = m.city(&id.into()).cloned().expect("city");
            c.name_ru = name.into();
            Command::put(Record::City(c))
        };
        let c1 = rename(&m, "niigata", "Н1");
        h.apply(&mut m, c1).expect("1");
        let c2 = rename(&m, "harbin", "Х1");
        h.apply(&mut m, c2).expect("2");
        let c3 = rename(&m, "niigata", "Н2");
        h.apply(&mut m, c3).expect("3");
        assert!(h.undo(&mut m).expect("undo Н2"));
        h.forget(&[RecordId::City("niigata".into())]);
        assert!(!h.can_redo(), "the redo of Н2 was niigata's");
        assert!(h.undo(&mut m).expect("undo Х1"));
        assert_eq!(m.city(&"harbin".into()).map(|c| c.name_ru.as_str()), Some("Харбин"));
        assert_eq!(m.city(&"niigata".into()).map(|c| c.name_ru.as_str()), Some("Н1"), "niigata's entries are gone");
        assert!(!h.can_undo());
    }

    #[test]
    fn put_new_inverts_to_remove_and_keeps_order() {
        let mut m = model();
        let mut h = History::default();
        h.apply(&mut m, Command::put(Record::City(City { id: "busan".into(), ..City::default() }))).expect("apply");
        let ids: Vec<_> = m.cities.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["busan", "harbin", "niigata"]);
        h.undo(&mut m).expect("undo");
        assert!(m.city(&"busan".into()).is_none());
    }

    #[test]
    fn remove_of_referenced_city_is_refused_and_model_unchanged() {
        let mut m = model();
        let before = m.clone();
        let err = Command::Remove(RecordId::City("harbin".into())).apply(&mut m).expect_err("refused");
        assert!(matches!(&err, CommandError::Referenced { refs, .. } if refs.len() == 1));
        assert_eq!(m, before);
        let inverse = Command::Remove(RecordId::City("niigata".into())).apply(&mut m).expect("free to remove");
        assert!(m.city(&"niigata".into()).is_none());
        inverse.apply(&mut m).expect("undo");
        assert_eq!(m, before);
    }

    #[test]
    fn batch_is_all_or_nothing_and_undoes_as_one() {
        let mut m = model();
        let before = m.clone();
        let bad = Command::Batch(vec![
            Command::put(Record::City(City { id: "busan".into(), ..City::default() })),
            Command::put(Record::City(City { id: "Плохой".into(), ..City::default() })),
        ]);
        assert!(bad.apply(&mut m).is_err());
        assert_eq!(m, before, "the first put was rolled back");
        let mut h = History::default();
        let good = Command::Batch(vec![
            Command::put(Record::City(City { id: "busan".into(), ..City::default() })),
            Command::put(Record::City(City { id: "changwon".into(), ..City::default() })),
        ]);
        h.apply(&mut m, good).expect("batch");
        assert_eq!(m.cities.len(), 4);
        h.undo(&mut m).expect("undo");
        assert_eq!(m, before, "one undo removes the whole batch");
    }

    #[test]
    fn a_removal_of_a_referenced_record_is_left_out_and_the_rest_applies_as_one_step() {
        let mut m = model();
        let before = m.clone();
        let mut h = History::default();
        let commands = vec![
            Command::put(Record::City(City { id: "busan".into(), ..City::default() })),
            Command::Remove(RecordId::City("harbin".into())),
            Command::Remove(RecordId::City("niigata".into())),
        ];
        let kept = apply_keeping_referenced(commands, |c| h.apply(&mut m, c)).expect("applied");
        assert_eq!(kept.len(), 1);
        assert!(matches!(&kept[0], CommandError::Referenced { id, .. } if id.contains("harbin")));
        let ids: Vec<_> = m.cities.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["busan", "harbin"]);
        h.undo(&mut m).expect("undo");
        assert_eq!(m, before, "one undo step");
        // Any other refusal applies nothing.
        let bad = vec![
            Command::put(Record::City(City { id: "busan".into(), ..City::default() })),
            Command::put(Record::City(City { id: "Плохой".into(), ..City::default() })),
        ];
        assert!(apply_keeping_referenced(bad, |c| h.apply(&mut m, c)).is_err());
        assert_eq!(m, before);
    }

    #[test]
    fn invalid_id_is_refused() {
        let mut m = model();
        let err = Command::put(Record::City(City { id: "Нет".into(), ..City::default() })).apply(&mut m);
        assert!(matches!(err, Err(CommandError::InvalidId(_))));
    }

    #[test]
    fn new_command_clears_redo() {
        let mut m = model();
        let mut h = History::default();
        h.apply(&mut m, Command::put(Record::City(City { id: "a".into(), ..City::default() }))).expect("a");
        h.undo(&mut m).expect("undo");
        assert!(h.can_redo());
        h.apply(&mut m, Command::put(Record::City(City { id: "b".into(), ..City::default() }))).expect("b");
        assert!(!h.can_redo());
        assert!(h.can_undo());
    }
}
