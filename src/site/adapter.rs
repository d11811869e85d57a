//! The one place the site asks the existing queries for its answers: the
//! plans and registry (`Repo`), the plan index and tree (`resolve`,
//! `query::tree`), ancestry and targets (`query::show`), dated deadlines
//! (`query::due`) and duties per body and scope (`query::owners`). When
//! those modules change shape, only this file follows them.

use chrono::NaiveDate;

use crate::deadline::{Merged, Occurrence, Rule};
use crate::model::Plan;
use crate::query::due::{occurrences, Deliveries, Item, Schedule};
use crate::query::owners::{shown_assignments, Assignment, Reach};
use crate::query::show::{ancestry, compare_targets, Ancestor, TargetComparison};
use crate::query::tree::{forest, Line};
use crate::query::Window;
use crate::query::{Filter, Role};
use crate::registry::Registry;
use crate::resolve::{Index, Node, PlanRef};

/// The dated deadlines of the schedules in `window`, sorted by deadline,
/// jurisdiction, plan, task (the order of `gplan due`), each with the day
/// its report says it was delivered. The listing is made in that order as
/// it is read: deadlines outside the window are never made.
pub fn deadlines<'s>(
    schedules: &'s [Schedule],
    deliveries: &'s Deliveries,
    window: Window,
) -> Vec<Item<'s>> {
    let filter = Filter {
        window,
        ..Filter::default()
    };
    occurrences(schedules, &filter)
        .reading(deliveries)
        .collect()
}

/// Every duty of one plan's bodies in every scope, with `via` for
/// inherited ones and the members' shares of group duties (the answer of
/// `gplan owners` without a filter), ongoing duties attributed as of
/// `today`; of each duty's deadlines, its first, its next and those in
/// `shown`. In the plan's order (see [`shown_assignments`]): a task's
/// bodies are named in the order its plan writes them, as `gplan show`
/// names them.
pub fn plan_duties<'p>(
    plan: &'p Plan,
    registry: Option<&Registry>,
    today: NaiveDate,
    shown: Window,
) -> Vec<Assignment<'p>> {
    shown_assignments(
        plan,
        registry,
        &Filter::default(),
        with_groups(today),
        shown,
    )
}

/// Group duties reach the members, ongoing duties counted as of `today`.
fn with_groups(today: NaiveDate) -> Reach {
    Reach {
        today,
        groups: true,
    }
}

/// The plan tree of `gplan tree`.
pub fn tree(index: &Index) -> Vec<Line> {
    forest(index)
}

/// The plans above one plan, nearest first (as `gplan show` lists them).
pub fn parents(index: &Index, plan: usize) -> Vec<Ancestor> {
    ancestry(index, plan)
}

/// The plan's targets beside the parent targets they refine.
pub fn targets<'p>(index: &Index<'p>, plan: &'p Plan) -> Vec<TargetComparison<'p>> {
    compare_targets(index, plan)
}

/// The plan or catalogue document a reference names (`implements`,
/// `cites`), when the repository knows it.
pub fn resolve(index: &Index, reference: &str) -> Option<Node> {
    match index.plan(reference) {
        PlanRef::Found(i) => Some(Node::Plan(i)),
        PlanRef::Outside(d) => Some(Node::Outside(d)),
        PlanRef::Ambiguous(_) | PlanRef::Missing => None,
    }
}

/// The first deadline of one task on or after `from`, inside its plan's
/// period: the rules' occurrences are made one at a time, so a yearly task
/// over thousands of years costs one deadline, not all of them.
pub fn task_deadline_from(plan: &Plan, rules: &[Rule], from: NaiveDate) -> Option<Occurrence> {
    let period = plan.valid_period()?;
    let rules = rules
        .iter()
        .map(|rule| rule.occurrences_between(period.bounds(), (from, NaiveDate::MAX)));
    Merged::new(rules).next()
}

/// The occurrences of one task from `from` to `to` (both included), in
/// order, inside its plan's period. No rule repeats more than once a year
/// (see [`Rule`]), so a window of a year holds a few deadlines however
/// long the period.
pub fn task_deadlines_between(
    plan: &Plan,
    rules: &[Rule],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Occurrence> {
    let Some(period) = plan.valid_period() else {
        return Vec::new();
    };
    let rules = rules
        .iter()
        .map(|rule| rule.occurrences_between(period.bounds(), (from, to)));
    Merged::new(rules).collect()
}

/// The window from `after` to `before`, both included.
pub fn window(after: NaiveDate, before: NaiveDate) -> Window {
    Window {
        after: Some(after),
        before: Some(before),
    }
}

/// The roles a duty can have, in the order pages list them.
pub const ROLES: [Role; 4] = [Role::Lead, Role::Support, Role::Report, Role::Issuer];

/// The plans that implement each plan (its direct children), sorted by id.
pub fn children(index: &Index) -> Vec<Vec<usize>> {
    let mut children = vec![Vec::new(); index.plans.len()];
    for child in 0..index.plans.len() {
        let mut parents = index.parents(child);
        parents.sort_unstable();
        parents.dedup();
        for parent in parents.into_iter().filter(|&p| p != child) {
            children[parent].push(child);
        }
    }
    for list in &mut children {
        list.sort_by(|a, b| index.plans[*a].id.value.cmp(&index.plans[*b].id.value));
    }
    children
}
