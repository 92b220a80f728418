//! The entries of the shown range, kept between frames as indices into the model and
//! recomputed only when the model, the range or the filters change.

use super::*;

/// What a range's entries depend on.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct EntriesKey {
    pub(super) version: u64,
    pub(super) findings_version: u64,
    pub(super) from: NaiveDate,
    pub(super) to: NaiveDate,
    pub(super) filters: Filters,
}

/// An [`Entry`] by index, so it can be kept between frames without borrowing the model.
#[derive(Clone, Debug)]
pub(super) enum CachedEntry {
    Event { index: usize, occ: Occurrence, conflict: bool },
    Stay { index: usize, conflict: bool },
}

impl CalendarPanel {
    /// [`entries`] for the range, recomputed only when the model, the findings, the range
    /// or the filters change: expanding 20,000 events is kept out of the frame.
    pub(super) fn cached_entries<'a>(
        &mut self,
        view: &View<'a>,
        from: NaiveDate,
        to: NaiveDate,
        conflicts: &HashSet<RecordId>,
    ) -> Vec<Entry<'a>> {
        let key = EntriesKey {
            version: view.version,
            findings_version: view.findings_version,
            from,
            to,
            filters: self.filters.clone(),
        };
        let model = view.model;
        if self.entries.as_ref().is_none_or(|(k, _)| *k != key) {
            let index_of_event: std::collections::HashMap<&str, usize> =
                model.events.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
            let index_of_stay: std::collections::HashMap<&str, usize> =
                model.delegations.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
            let cached = entries(model, from, to, &self.filters, conflicts)
                .into_iter()
                .filter_map(|e| match e {
                    Entry::Event { event, occ, conflict } => {
                        index_of_event.get(event.id.as_str()).map(|&index| CachedEntry::Event { index, occ, conflict })
                    }
                    Entry::Stay { delegation, conflict } => {
                        index_of_stay.get(delegation.id.as_str()).map(|&index| CachedEntry::Stay { index, conflict })
                    }
                })
                .collect();
            self.entries = Some((key, cached));
        }
        let cached: &[CachedEntry] = self.entries.as_ref().map_or(&[], |(_, c)| c.as_slice());
        cached
            .iter()
            .filter_map(|c| match c {
                CachedEntry::Event { index, occ, conflict } => {
                    model.events.get(*index).map(|event| Entry::Event { event, occ: occ.clone(), conflict: *conflict })
                }
                CachedEntry::Stay { index, conflict } => {
                    model.delegations.get(*index).map(|delegation| Entry::Stay { delegation, conflict: *conflict })
                }
            })
            .collect()
    }
}
