//! What the rules across plans share: running over each plan in parallel
//! and resolving `implements` and `refines` references. Each rule reports
//! only its own findings; a reference is resolved again by each rule that
//! reads it (a hash lookup), so no rule depends on another having run.

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Located, Outline, Target};
use crate::resolve::{split_item_ref, Index, PlanRef};

/// Runs `rule` on every plan that is the first with its id (a duplicate
/// is reported once, by `duplicate-plan-id`), in parallel; the findings
/// keep the plans' order.
pub fn each_plan(
    index: &Index<Outline>,
    out: &mut Vec<Diagnostic>,
    rule: impl Fn(&Outline, &mut Vec<Diagnostic>) + Sync,
) {
    let found: Vec<Vec<Diagnostic>> = index
        .plans
        .par_iter()
        .enumerate()
        .filter(|(i, plan)| index.by_id(&plan.id.value) == Some(*i))
        .map(|(_, plan)| {
            let mut found = Vec::new();
            rule(plan, &mut found);
            found
        })
        .collect();
    out.extend(found.into_iter().flatten());
}

/// Every reference of `plan` to another plan, with the text naming that
/// plan: each `implements` of the plan, and the plan part of each
/// target's `refines` and each task's `implements` (when it has one).
pub fn plan_references(plan: &Outline) -> impl Iterator<Item = (&Located<String>, &str)> {
    let own = plan.implements.iter().map(|r| (r, r.value.as_str()));
    let items = item_references(plan)
        .filter_map(|(r, _)| split_item_ref(&r.value).map(|(plan_part, _)| (r, plan_part)));
    own.chain(items)
}

/// A `plan#item` reference names a task or a target.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Task,
    Target,
}

impl Item {
    pub fn as_str(self) -> &'static str {
        match self {
            Item::Task => "task",
            Item::Target => "target",
        }
    }
}

/// Every `plan#item` reference of `plan`: targets' `refines`, then
/// tasks' `implements`.
pub fn item_references(plan: &Outline) -> impl Iterator<Item = (&Located<String>, Item)> {
    let targets = plan
        .targets
        .iter()
        .filter_map(|t| t.refines.as_ref().map(|r| (r, Item::Target)));
    let tasks = plan
        .tasks
        .iter()
        .filter_map(|t| t.implements.as_ref().map(|r| (r, Item::Task)));
    targets.chain(tasks)
}

/// The plan a reference names, when exactly one plan has that id or
/// number.
pub fn found<'r>(index: &'r Index<Outline>, text: &str) -> Option<&'r Outline> {
    match index.plan(text) {
        PlanRef::Found(i) => Some(&index.plans[i]),
        PlanRef::Ambiguous(_) | PlanRef::Outside(_) | PlanRef::Missing => None,
    }
}

/// The plans `plan` implements that are in the repository.
pub fn parents<'r, 'p>(
    index: &'r Index<Outline>,
    plan: &'p Outline,
) -> impl Iterator<Item = &'r Outline> + use<'r, 'p> {
    plan.implements
        .iter()
        .filter_map(|r| found(index, &r.value))
}

/// The parent plan and parent target a target `refines`, when both exist.
pub fn refined<'r>(
    index: &'r Index<Outline>,
    target: &Target,
) -> Option<(&'r Outline, &'r Target)> {
    let reference = target.refines.as_ref()?;
    let (plan_part, id) = split_item_ref(&reference.value)?;
    let parent = found(index, plan_part)?;
    Some((parent, parent.target(id)?))
}

/// A target's unit as compared with its parent's: trimmed.
pub fn unit(target: &Target) -> Option<&str> {
    target.unit.as_ref().map(|u| u.value.trim())
}
