//! `gplan owners`: who owes what. Every name in every plan becomes a duty of
//! a body in a scope; deadlines after a dissolution or a provincial merger
//! pass to the successor (transitively, by the task's `function`),
//! remembering the original body, and so do ongoing duties once the day of
//! the change is reached. A group's duties reach its members.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::deadline::Occurrence;
use crate::model::Plan;
use crate::names::sort_key;
use crate::query::duty::rules;
use crate::query::{Duty, Filter, Role, Window};
use crate::registry::{OrgLevel, Registry};

mod counts;
mod dates;
mod holder;
mod owned;

pub use counts::{Counts, Summary};
use dates::{pieces, Dates, Extent};
use holder::{changes, holder, holder_on};
pub use owned::Reaching;

/// A body in a scope: "Sở Nội vụ" of `hung-yen`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Holder {
    /// Canonical name (or the name as written when not in the registry).
    pub org: Arc<str>,
    /// Jurisdiction id, or `<jurisdiction>/<issuer>` for `unit` bodies.
    pub scope: Arc<str>,
}

/// One body's part in one task (or one plan, for `issuer`).
#[derive(Clone, Debug)]
pub struct Assignment<'p> {
    pub holder: Holder,
    pub role: Role,
    pub plan: &'p Plan,
    /// The task, shared by the parts of every body it names; `None` for
    /// the issuer of the plan, in counts (see [`Counts`]) and for the site
    /// (see [`shown_assignments`]).
    pub duty: Option<Arc<Duty>>,
    /// The task's place among its plan's tasks; `None` for the issuer.
    pub task: Option<u32>,
    /// The task's `due` rules as written (see [`rules`]).
    pub rules: Option<Arc<str>>,
    /// The occurrences in the filter's window that fall to this holder
    /// (all of the duty's unless it was split by a dissolution or merger),
    /// in deadline order: every one from [`assignments`], the first and
    /// the next from [`next_assignments`] and [`Counts`].
    pub occurrences: Arc<[Occurrence]>,
    /// The original body, when the duty was inherited.
    pub via: Option<Holder>,
    /// The group's canonical name, when the duty is the holder's share of
    /// a duty given to a group it belongs to.
    pub group: Option<Arc<str>>,
}

/// How duties are attributed beyond the plans' own words.
#[derive(Clone, Copy, Debug)]
pub struct Reach {
    /// The day ongoing duties (no `due`) are attributed on: a duty with
    /// no deadline passes to the successor once the change is reached.
    pub today: NaiveDate,
    /// Whether the members of a group get their share of its duties.
    pub groups: bool,
}

impl Assignment<'_> {
    /// The first deadline on or after `today`.
    pub fn next(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.occurrences
            .iter()
            .map(|o| o.deadline)
            .find(|d| *d >= today)
    }
}

/// Every part in the repository that passes the filter, grouped by scope
/// and sorted in Vietnamese order, each with every occurrence that falls
/// to it in the window (as many as the periods hold: a site lists them).
pub fn assignments<'p>(
    plans: &'p [Plan],
    registry: Option<&Registry>,
    filter: &Filter,
    reach: Reach,
) -> Vec<Assignment<'p>> {
    listing(plans, registry, filter, reach, Extent::All)
}

/// The parts of [`assignments`], each with only its first occurrence and
/// its first on or after `reach.today`: what the owners listing prints and
/// sorts by, made in a few steps per rule whatever the length of the
/// periods (a yearly task over ten thousand years is not expanded).
pub fn next_assignments<'p>(
    plans: &'p [Plan],
    registry: Option<&Registry>,
    filter: &Filter,
    reach: Reach,
) -> Vec<Assignment<'p>> {
    listing(plans, registry, filter, reach, Extent::Next(reach.today))
}

/// The parts of [`assignments`] in one plan, each with what a page of the
/// site reads of its deadlines: the first, the first on or after
/// `reach.today`, and every one in `shown` (see [`Extent::Around`]). In
/// the plan's order: task by task, each role's bodies as the task names
/// them, each followed by its successors and a group's members. A part
/// names its task by its place in the plan ([`Assignment::task`]): the
/// site keeps the tasks' texts in a table of its own, and makes neither a
/// [`Duty`] nor the rules' words.
pub fn shown_assignments<'p>(
    plan: &'p Plan,
    registry: Option<&Registry>,
    filter: &Filter,
    reach: Reach,
    shown: Window,
) -> Vec<Assignment<'p>> {
    let extent = Extent::Around {
        today: reach.today,
        shown: shown.bounds(),
    };
    filtered(plan, registry, filter, Detail::Places(extent), reach)
}

fn listing<'p>(
    plans: &'p [Plan],
    registry: Option<&Registry>,
    filter: &Filter,
    reach: Reach,
    extent: Extent,
) -> Vec<Assignment<'p>> {
    let detail = Detail::Listing(extent);
    let mut all: Vec<Assignment> = plans
        .par_iter()
        .flat_map_iter(|plan| filtered(plan, registry, filter, detail, reach))
        .collect();
    sort(&mut all);
    all
}

/// One plan's parts that pass the filter.
fn filtered<'p>(
    plan: &'p Plan,
    registry: Option<&Registry>,
    filter: &Filter,
    detail: Detail,
    reach: Reach,
) -> Vec<Assignment<'p>> {
    let mut all = plan_assignments(plan, registry, detail, reach, filter.window);
    all.retain(|a| filter.keeps_role(a.role) && filter.keeps_owner(&a.holder.org));
    if let Some(owner) = &filter.owner {
        all.retain(|a| owner.keeps_scope(&a.holder.scope));
    }
    if let Some(registry) = registry {
        for part in &mut all {
            city_name(registry, &mut part.holder);
        }
    }
    if let Some(j) = &filter.jurisdiction {
        all.retain(|a| {
            *a.holder.scope == **j
                || a.holder.scope.starts_with(&format!("{j}/"))
                || a.plan.jurisdiction.as_ref().is_some_and(|p| p.value == *j)
        });
    }
    if filter.window.is_bounded() {
        all.retain(|a| !a.occurrences.is_empty());
    }
    all
}

/// Names a province or group body in a city's scope as the city writes it
/// ("Ủy ban nhân dân Thành phố"); the owner filter has already matched the
/// registry's name.
fn city_name(registry: &Registry, holder: &mut Holder) {
    let Some(org) = registry.lookup(&holder.org) else {
        return;
    };
    let shown = registry.name_in(org, &holder.scope);
    if *shown != *holder.org {
        holder.org = shown.into();
    }
}

/// Sorts duties by scope, body (in Vietnamese order), role, plan, task and
/// first deadline, stably. The Vietnamese order of each distinct name is
/// worked out once, and the sort moves indices rather than duties.
fn sort(duties: &mut [Assignment]) {
    let ranks: Vec<u32> = {
        let mut names: Vec<&str> = duties
            .iter()
            .map(|d| &*d.holder.org)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        // The key of `vietnamese_cmp`, made once per name rather than
        // once per comparison.
        names.sort_by_cached_key(|name| (sort_key(name), *name));
        let rank: HashMap<&str, u32> = names.iter().zip(0..).map(|(n, i)| (*n, i)).collect();
        duties.iter().map(|d| rank[&*d.holder.org]).collect()
    };
    let mut order: Vec<usize> = (0..duties.len()).collect();
    order.par_sort_by(|&a, &b| compare(&duties[a], &duties[b], ranks[a], ranks[b]));
    permute(duties, order);
}

/// Reorders `items` so that position i holds what was at `order[i]`.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// `rank_a` and `rank_b` are the bodies' places in Vietnamese order.
fn compare(a: &Assignment, b: &Assignment, rank_a: u32, rank_b: u32) -> Ordering {
    a.holder
        .scope
        .cmp(&b.holder.scope)
        .then_with(|| rank_a.cmp(&rank_b))
        .then_with(|| a.role.cmp(&b.role))
        .then_with(|| a.plan.id.value.cmp(&b.plan.id.value))
        .then_with(|| {
            a.duty
                .as_ref()
                .map(|d| d.id())
                .cmp(&b.duty.as_ref().map(|d| d.id()))
        })
        .then_with(|| a.occurrences.first().cmp(&b.occurrences.first()))
        .then_with(|| a.group.cmp(&b.group))
}

/// What the parts of a plan carry besides holder and role.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Counts read nothing but the next deadline: no duty, no rules (a
    /// tenth of the summary's CPU time went into making them).
    Counts,
    /// A listing prints the task and its rules, and the occurrences of
    /// the extent.
    Listing(Extent),
    /// The site reads the task by its place (see [`shown_assignments`]),
    /// and the occurrences of the extent.
    Places(Extent),
}

impl Detail {
    fn extent(self, today: NaiveDate) -> Extent {
        match self {
            Detail::Counts => Extent::Next(today),
            Detail::Listing(extent) | Detail::Places(extent) => extent,
        }
    }

    /// Whether the parts carry their [`Duty`] and its rules as written.
    fn lists_duties(self) -> bool {
        matches!(self, Detail::Listing(_))
    }
}

fn plan_assignments<'p>(
    plan: &'p Plan,
    registry: Option<&Registry>,
    detail: Detail,
    reach: Reach,
    window: Window,
) -> Vec<Assignment<'p>> {
    let mut out = Vec::new();
    if let Some(issuer) = &plan.issuer {
        out.push(Assignment {
            holder: holder(registry, plan, &issuer.value),
            role: Role::Issuer,
            plan,
            duty: None,
            task: None,
            rules: None,
            occurrences: Arc::default(),
            via: None,
            group: None,
        });
    }
    let period = plan.valid_period();
    // Ongoing duties are attributed as of today, or as of the plan's last
    // day when its period has ended.
    let day = period.map_or(reach.today, |p| reach.today.min(p.to));
    // A plan names the same few bodies in task after task: work out what
    // each spelling means once per plan.
    let mut holders: FxHashMap<&str, (Holder, bool)> = FxHashMap::default();
    // The days its holder can change on, per name that can pass a duty on
    // and task function: a chain of successions is walked once per plan.
    let mut calendars: FxHashMap<(&str, Option<&str>), Arc<[NaiveDate]>> = FxHashMap::default();
    let extent = detail.extent(reach.today);
    let named = (0u32..)
        .zip(&plan.tasks)
        .filter(|(_, t)| t.names().next().is_some());
    for (place, task) in named {
        let dates = Dates::new(task, period, window);
        let dated = dates.dated();
        let (from, to) = dates.window();
        let occurrences: Arc<[Occurrence]> = if dated {
            dates.kept(extent, from, to).into()
        } else {
            Arc::default()
        };
        let listed = detail.lists_duties();
        let duty = listed.then(|| Arc::new(Duty::of(task)));
        let rules: Option<Arc<str>> = listed.then(|| rules(task)).flatten().map(Into::into);
        let roles = [
            (Role::Lead, &task.lead),
            (Role::Support, &task.support),
            (Role::Requested, &task.requested),
            (Role::Report, &task.report_to),
        ];
        for (role, names) in roles {
            for name in names {
                let (original, passes_on) = holders.entry(&name.value).or_insert_with(|| {
                    let holder = holder(registry, plan, &name.value);
                    let passes_on = may_pass_on(registry, &holder);
                    (holder, passes_on)
                });
                let part = Assignment {
                    holder: original.clone(),
                    role,
                    plan,
                    occurrences: occurrences.clone(),
                    duty: duty.clone(),
                    task: Some(place),
                    rules: rules.clone(),
                    via: None,
                    group: None,
                };
                let first = out.len();
                if *passes_on {
                    let function = task.function.as_ref().map(|f| &*f.value);
                    let changes = calendars
                        .entry((&name.value, function))
                        .or_insert_with(|| changes(registry, plan, original, function).into());
                    let span = Span {
                        dates: &dates,
                        dated,
                        extent,
                        changes,
                    };
                    attribute(registry, part, function, day, span, &mut out);
                } else {
                    out.push(part);
                }
                if reach.groups {
                    share_with_members(registry, first, day, &mut out);
                }
            }
        }
    }
    out
}

/// The deadlines of a duty [`attribute`] splits.
#[derive(Clone, Copy)]
struct Span<'d, 't> {
    dates: &'d Dates<'t>,
    /// Whether the task has a deadline at all (see [`Dates::dated`]).
    dated: bool,
    extent: Extent,
    /// The days the holder can change on (see [`changes`]).
    changes: &'d [NaiveDate],
}

/// Splits a duty's occurrences between its original holder and whoever
/// holds the duty on each deadline; an ongoing duty (no deadline) goes
/// whole to whoever holds it on `day`. The holder can only change on the
/// days of [`changes`], so the deadlines are taken a piece of the calendar
/// between two of those at a time, each piece lazily.
fn attribute<'p>(
    registry: Option<&Registry>,
    duty: Assignment<'p>,
    function: Option<&str>,
    day: NaiveDate,
    span: Span,
    out: &mut Vec<Assignment<'p>>,
) {
    if !span.dated {
        let holder = holder_on(registry, duty.plan, &duty.holder, function, day);
        let via = (holder != duty.holder).then(|| duty.holder.clone());
        out.push(Assignment {
            holder,
            via,
            ..duty
        });
        return;
    }
    let mut by_holder: BTreeMap<Holder, Vec<Occurrence>> = BTreeMap::new();
    let (from, to) = span.dates.window();
    for (first, last) in pieces(from, to, span.changes) {
        let kept = span.dates.kept(span.extent, first, last);
        if kept.is_empty() {
            continue;
        }
        let current = holder_on(registry, duty.plan, &duty.holder, function, first);
        by_holder.entry(current).or_default().extend(kept);
    }
    out.extend(by_holder.into_iter().map(|(holder, occurrences)| {
        let via = (holder != duty.holder).then(|| duty.holder.clone());
        Assignment {
            holder,
            occurrences: occurrences.into(),
            via,
            ..duty.clone()
        }
    }));
}

/// Adds each member's share of the parts from `first` on that a group
/// holds. A member dissolved by a deadline (or by `day`, for an ongoing
/// duty) has no share of it: the group is then made of the bodies that
/// took its place, which the registry lists as members in their own right.
fn share_with_members(
    registry: Option<&Registry>,
    first: usize,
    day: NaiveDate,
    out: &mut Vec<Assignment<'_>>,
) {
    let Some(registry) = registry else {
        return;
    };
    for at in first..out.len() {
        let Some(group) = registry.lookup(&out[at].holder.org) else {
            continue;
        };
        if group.level != OrgLevel::Group {
            continue;
        }
        for member in group
            .members
            .iter()
            .filter_map(|m| registry.lookup(&m.value))
        {
            let part = &out[at];
            let alive = |d: NaiveDate| member.dissolved.is_none_or(|end| d < end);
            let occurrences: Arc<[Occurrence]> = if part.occurrences.is_empty() {
                if !alive(day) {
                    continue;
                }
                part.occurrences.clone()
            } else {
                let kept: Vec<Occurrence> = part
                    .occurrences
                    .iter()
                    .filter(|o| alive(o.deadline))
                    .copied()
                    .collect();
                if kept.is_empty() {
                    continue;
                }
                kept.into()
            };
            let share = Assignment {
                holder: Holder {
                    org: member.name.as_str().into(),
                    scope: part.holder.scope.clone(),
                },
                occurrences,
                group: Some(part.holder.org.clone()),
                ..part.clone()
            };
            out.push(share);
        }
    }
}

/// Whether a holder's duties can pass to another body on some day: the
/// body was dissolved with a successor, or its jurisdiction merged. Most
/// cannot, and need no day-by-day attribution.
fn may_pass_on(registry: Option<&Registry>, holder: &Holder) -> bool {
    let Some(registry) = registry else {
        return false;
    };
    let dissolved = registry
        .lookup(&holder.org)
        .is_some_and(|o| o.dissolved.is_some() && !o.successors.is_empty());
    let merged = registry
        .jurisdictions
        .get(&*holder.scope)
        .is_some_and(|j| j.merged_into.is_some() && j.merged_on.is_some());
    dissolved || merged
}

/// Every name written anywhere a body can be named, for matching queries.
pub fn written_names(plans: &[Plan]) -> impl Iterator<Item = &str> {
    plans.iter().flat_map(|p| {
        p.issuer
            .iter()
            .map(|i| i.value.as_str())
            .chain(p.tasks.iter().flat_map(|t| t.names().map(|n| &*n.value)))
    })
}

#[cfg(test)]
mod tests;
