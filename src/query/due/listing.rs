//! The listing of `due`: every occurrence of the schedules' duties, in
//! the order of every listing, made as it is read.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{Deliveries, Item, Schedule};
use crate::deadline::{Occurrence, Occurrences};
use crate::query::Filter;

/// Every deadline of the schedules whose plan passes the filter, in the
/// order of every listing: deadline, jurisdiction, plan, then the
/// document's order of tasks (see [`crate::query::duty::task_order`]).
///
/// The first [`AHEAD`] occurrences of every rule are made at once, on
/// every core, as 16-byte [`Entry`]s (which point back to their plan and
/// duty) and sorted on every core; a rule with more left goes to a heap
/// of the rules' next occurrences, merged with the sorted entries as the
/// listing is read. Memory holds at most `AHEAD` entries and one rule's
/// state per rule, whatever the length of the periods, and the first row
/// comes out at once. A national listing (424,535 rules, 435,000 rows)
/// is then 7 MB of entries and an empty heap; with every rule in the
/// heap it held 44 MB, and took each row from it on one thread (see
/// docs/performance.md).
pub fn occurrences<'s>(schedules: &'s [Schedule], filter: &Filter) -> Listing<'s> {
    let order = plan_order(schedules);
    let ranked = || {
        order.par_iter().enumerate().map(|(rank, &at)| {
            let rank = u32::try_from(rank).unwrap_or(u32::MAX);
            (rank, &schedules[at as usize])
        })
    };
    let mut entries: Vec<Entry> = ranked()
        .flat_map_iter(|(rank, schedule)| schedule.rules(rank, filter))
        .flat_map_iter(|(entry, rule)| first(entry, rule))
        .collect();
    entries.par_sort_unstable();
    // Each rule is walked again past its first occurrences rather than
    // kept from the first walk: a state for every rule is what the heap
    // cost.
    let rules: Vec<Rest> = ranked()
        .flat_map_iter(|(rank, schedule)| schedule.rules(rank, filter))
        .filter_map(|(entry, rule)| Rest::after_first(entry, rule))
        .collect();
    let heads = rules
        .iter()
        .zip(0u32..)
        .map(|(rule, at)| Reverse(rule.head(at)));
    Listing {
        schedules,
        order,
        heads: heads.collect(),
        entries: entries.into_iter().peekable(),
        rules,
        last: None,
        deliveries: None,
        ready: Vec::new().into_iter(),
    }
}

/// Occurrences of each rule made at once as entries: a decade of a
/// yearly rule, so that every rule of a national repository (plans of
/// ten years at most) is made at once, in parallel, and the heap is
/// left for longer periods.
const AHEAD: usize = 10;

/// The first [`AHEAD`] entries of a rule whose first entry is `entry`.
fn first(entry: Entry, rule: Occurrences) -> impl Iterator<Item = Entry> {
    rule.take(AHEAD).map(move |o| Entry {
        deadline: o.deadline,
        start: o.start,
        ..entry
    })
}

impl Schedule {
    /// The occurrences of each rule of each duty of the plan ranked
    /// `plan` (none when the filter leaves the plan out), each with an
    /// entry that names its plan and duty.
    fn rules<'a>(
        &'a self,
        plan: u32,
        filter: &'a Filter,
    ) -> impl Iterator<Item = (Entry, Occurrences)> + 'a {
        let listed = filter.keeps_plan(&self.plan.id, self.plan.jurisdiction.as_deref());
        let period = self.period.filter(|_| listed);
        period.into_iter().flat_map(move |period| {
            (0u32..).zip(&*self.duties).flat_map(move |(duty, d)| {
                let entry = Entry {
                    deadline: NaiveDate::MIN,
                    plan,
                    duty,
                    start: None,
                };
                d.occurrences(period, filter.window)
                    .map(move |rule| (entry, rule))
            })
        })
    }
}

/// The listing of [`occurrences`], an iterator of [`Item`]s.
pub struct Listing<'s> {
    schedules: &'s [Schedule],
    /// The index in `schedules` of the plan of each rank.
    order: Vec<u32>,
    /// The first occurrences of every rule, sorted.
    entries: std::iter::Peekable<std::vec::IntoIter<Entry>>,
    /// The next occurrence of every rule with more than its first ones
    /// left, and where the rest of the rule is in `rules`.
    heads: BinaryHeap<Reverse<Head>>,
    rules: Vec<Rest>,
    /// The last entry given: two rules of one task ending on one day give
    /// one item.
    last: Option<Entry>,
    /// Where each item's delivery is looked up, when reports are read.
    deliveries: Option<&'s Deliveries>,
    /// The items of the last batch not given yet (see [`BATCH`]).
    ready: std::vec::IntoIter<Item<'s>>,
}

impl<'s> Listing<'s> {
    /// The listing, each item with the day its report says it was
    /// delivered: one lookup per item, a batch at a time.
    pub fn reading(self, deliveries: &'s Deliveries) -> Listing<'s> {
        Listing {
            deliveries: Some(deliveries),
            ..self
        }
    }

    /// The next entry of the sorted entries and the heap, and the rule's
    /// one after it put in the heap.
    fn next_entry(&mut self) -> Option<Entry> {
        let from_heap = match (self.entries.peek(), self.heads.peek()) {
            (Some(entry), Some(Reverse(head))) => head.0 < *entry,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if !from_heap {
            return self.entries.next();
        }
        let Reverse(Head(entry, at)) = self.heads.pop()?;
        let rule = self.rules.get_mut(at as usize)?;
        if let Some(next) = rule.rest.next() {
            rule.next = next;
            self.heads.push(Reverse(rule.head(at)));
        }
        Some(entry)
    }
}

impl<'s> Listing<'s> {
    /// The next entry that is not a second deadline of a duty on one day.
    fn next_listed(&mut self) -> Option<Entry> {
        loop {
            let entry = self.next_entry()?;
            let same_day = |last: Entry| (last.deadline, last.plan, last.duty);
            if self.last.map(same_day) != Some(same_day(entry)) {
                self.last = Some(entry);
                return Some(entry);
            }
        }
    }

    /// The item of an entry, with its delivery looked up.
    fn item(&self, entry: &Entry) -> Item<'s> {
        let schedule = &self.schedules[self.order[entry.plan as usize] as usize];
        let duty = &schedule.duties[entry.duty as usize];
        let delivered = self
            .deliveries
            .zip(schedule.period)
            .and_then(|(d, period)| d.delivered(&schedule.plan.id, duty, period, entry.deadline));
        Item {
            occurrence: Occurrence {
                deadline: entry.deadline,
                start: entry.start,
            },
            plan: &schedule.plan,
            duty,
            delivered,
        }
    }
}

/// Items made at a time, their deliveries looked up on every core, so
/// that the lookups overlap with the rows of the batch before being
/// formatted (see docs/performance.md).
const BATCH: usize = 4096;

impl<'s> Iterator for Listing<'s> {
    type Item = Item<'s>;

    fn next(&mut self) -> Option<Item<'s>> {
        if self.ready.as_slice().is_empty() {
            let entries: Vec<Entry> = std::iter::from_fn(|| self.next_listed())
                .take(BATCH)
                .collect();
            let items: Vec<Item<'s>> = entries.par_iter().map(|e| self.item(e)).collect();
            self.ready = items.into_iter();
        }
        self.ready.next()
    }
}

/// One occurrence of a duty, ordered as listed: deadline, then the plan's
/// place by jurisdiction and id, then the duty's place in its plan's
/// [`task_order`](crate::query::duty::task_order) (numbers to compare
/// instead of strings); on one day the duty's
/// occurrence without a window start, else with the earliest start, comes
/// first and is the one listed (two rules of one task ending on one day,
/// "2023-Q4" and "2023-12", are one deadline).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    deadline: NaiveDate,
    /// The plan's rank (see [`plan_order`]).
    plan: u32,
    /// The duty's index in its schedule.
    duty: u32,
    start: Option<NaiveDate>,
}

/// A rule's next entry in the heap, and where the rule is in
/// [`Listing::rules`].
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Head(Entry, u32);

/// A rule with occurrences after its first [`AHEAD`]: its plan and duty,
/// its next occurrence and the ones after.
struct Rest {
    plan: u32,
    duty: u32,
    next: Occurrence,
    rest: Occurrences,
}

impl Rest {
    /// What is left of a rule (whose first entry is `entry`) after its
    /// first [`AHEAD`] occurrences, if anything.
    fn after_first(entry: Entry, mut rule: Occurrences) -> Option<Rest> {
        rule.nth(AHEAD - 1)?;
        let next = rule.next()?;
        Some(Rest {
            plan: entry.plan,
            duty: entry.duty,
            next,
            rest: rule,
        })
    }

    fn head(&self, at: u32) -> Head {
        let entry = Entry {
            deadline: self.next.deadline,
            plan: self.plan,
            duty: self.duty,
            start: self.next.start,
        };
        Head(entry, at)
    }
}

/// The schedules' indexes in the order of plans by jurisdiction, then id
/// (two plans with one id, an error `check` reports, keep their file
/// order): a plan's rank is its place here.
fn plan_order(schedules: &[Schedule]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..).take(schedules.len()).collect();
    order.sort_by_key(|&i| {
        let plan = &schedules[i as usize].plan;
        (plan.jurisdiction.as_deref(), &*plan.id)
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_16_bytes() {
        // What the listing's memory is measured by (docs/performance.md).
        assert_eq!(std::mem::size_of::<Entry>(), 16);
    }
}
