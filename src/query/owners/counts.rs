//! The summary of `gplan owners` without NAME: how many duties each body
//! holds, and its next deadline.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::{filtered, Assignment, Detail, Holder, Reach};
use crate::model::Plan;
use crate::names::vietnamese_cmp;
use crate::query::{Filter, Role};
use crate::registry::Registry;

/// The summary of [`super::assignments`] without listing them, one plan at a time:
/// counts of lead and support tasks and the next deadline per body and
/// scope. Counts and minimums do not depend on the order plans come in,
/// so plans can be counted as they are loaded and let go.
#[derive(Debug, Default)]
pub struct Counts(FxHashMap<Holder, Summary>);

impl Counts {
    /// The counts of one plan's duties that pass the filter.
    pub fn of_plan(
        plan: &Plan,
        registry: Option<&Registry>,
        filter: &Filter,
        reach: Reach,
    ) -> Counts {
        let mut rows = FxHashMap::default();
        for duty in filtered(plan, registry, filter, Detail::Counts, reach) {
            count(&mut rows, &duty, reach.today);
        }
        Counts(rows)
    }

    /// Adds another plan's counts.
    pub fn add(&mut self, other: Counts) {
        for (holder, row) in other.0 {
            match self.0.get_mut(&holder) {
                Some(mine) => merge(mine, &row),
                None => {
                    self.0.insert(holder, row);
                }
            }
        }
    }

    /// The rows by scope, then body in Vietnamese order.
    pub fn rows(self) -> Vec<Summary> {
        finish(self.0)
    }
}

/// One row of the summary without NAME.
#[derive(Debug, Clone)]
pub struct Summary {
    pub holder: Holder,
    pub lead: usize,
    pub support: usize,
    /// Duties it has a share of through the groups it belongs to, counted
    /// apart from its own.
    pub group: usize,
    pub next: Option<NaiveDate>,
}

fn empty(holder: &Holder) -> Summary {
    Summary {
        holder: holder.clone(),
        lead: 0,
        support: 0,
        group: 0,
        next: None,
    }
}

/// Adds one duty to its holder's row.
fn count(rows: &mut FxHashMap<Holder, Summary>, duty: &Assignment, today: NaiveDate) {
    if !rows.contains_key(&duty.holder) {
        rows.insert(duty.holder.clone(), empty(&duty.holder));
    }
    let Some(row) = rows.get_mut(&duty.holder) else {
        return;
    };
    match duty.role {
        _ if duty.group.is_some() => row.group += 1,
        Role::Lead => row.lead += 1,
        Role::Support => row.support += 1,
        Role::Requested | Role::Report | Role::Issuer => {}
    }
    row.next = earlier(row.next, duty.next(today));
}

/// Adds `other`'s counts to `row` and keeps the earlier next deadline.
fn merge(row: &mut Summary, other: &Summary) {
    row.lead += other.lead;
    row.support += other.support;
    row.group += other.group;
    row.next = earlier(row.next, other.next);
}

fn earlier(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The rows by scope, then body in Vietnamese order.
fn finish(rows: FxHashMap<Holder, Summary>) -> Vec<Summary> {
    let mut rows: Vec<Summary> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        a.holder
            .scope
            .cmp(&b.holder.scope)
            .then_with(|| vietnamese_cmp(&a.holder.org, &b.holder.org))
    });
    rows
}
