//! `gplan show`: one plan with its ancestry, its targets beside the parent
//! targets they refine, and its tasks.

use std::collections::BTreeSet;

use crate::model::{Direction, Plan, Target, Value};
use crate::resolve::{split_item_ref, Index, Node, PlanRef};

/// A plan above the shown one, `depth` levels up (1 = a parent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ancestor {
    pub depth: usize,
    pub node: Node,
}

/// Every ancestor, nearest first, each once, up to the national documents.
/// An outside document ends its line: the repository knows nothing above it.
pub fn ancestry(index: &Index, plan: usize) -> Vec<Ancestor> {
    let mut seen = BTreeSet::from([plan]);
    let mut seen_outside = BTreeSet::new();
    let mut level = vec![plan];
    let mut out = Vec::new();
    for depth in 1.. {
        let mut next: Vec<usize> = level
            .iter()
            .flat_map(|&p| index.parents(p))
            .filter(|p| seen.insert(*p))
            .collect();
        let mut outside: Vec<usize> = level
            .iter()
            .flat_map(|&p| index.outside_parents(p))
            .filter(|d| seen_outside.insert(*d))
            .collect();
        if next.is_empty() && outside.is_empty() {
            break;
        }
        next.sort_by(|a, b| index.plans[*a].id.value.cmp(&index.plans[*b].id.value));
        outside.sort_unstable();
        out.extend(next.iter().map(|&plan| Ancestor {
            depth,
            node: Node::Plan(plan),
        }));
        out.extend(outside.into_iter().map(|document| Ancestor {
            depth,
            node: Node::Outside(document),
        }));
        level = next;
    }
    out
}

/// The plans that implement `plan` directly, by id: its children in the
/// tree.
pub fn implementers(index: &Index, plan: usize) -> Vec<usize> {
    let mut children: Vec<usize> = (0..index.plans.len())
        .filter(|&child| child != plan && index.parents(child).contains(&plan))
        .collect();
    children.sort_by(|a, b| index.plans[*a].id.value.cmp(&index.plans[*b].id.value));
    children
}

/// One milestone year (and group) of a target beside the refined parent target.
#[derive(Debug, Clone, PartialEq)]
pub struct YearComparison {
    pub year: i32,
    /// The group the figures are for; `None` for every group.
    pub group: Option<String>,
    pub value: Option<Value>,
    pub parent: Option<Value>,
    /// Whether this plan asks at least as much as the parent that year;
    /// `None` when one of the two has no value for the year, or the target
    /// is a level (`about`).
    pub at_least_as_strong: Option<bool>,
}

/// A target and, when it refines one, the parent target.
#[derive(Debug, Clone)]
pub struct TargetComparison<'p> {
    pub target: &'p Target,
    pub parent: Option<(&'p Plan, &'p Target)>,
    pub years: Vec<YearComparison>,
}

/// Compares every target of `plan` with the target it refines, year by
/// year and group by group.
pub fn compare_targets<'p>(index: &Index<'p>, plan: &'p Plan) -> Vec<TargetComparison<'p>> {
    plan.targets
        .iter()
        .map(|target| {
            let parent = target
                .refines
                .as_ref()
                .and_then(|r| refined(index, &r.value));
            let keys: BTreeSet<(i32, Option<&str>)> = target
                .milestones
                .iter()
                .chain(parent.iter().flat_map(|(_, t)| t.milestones.iter()))
                .map(|m| (m.year, m.group.as_deref()))
                .collect();
            let direction = parent.map_or(target.direction, |(_, t)| t.direction);
            let years = keys
                .into_iter()
                .map(|(year, group)| {
                    let value = target.milestone(year, group).map(|m| m.value);
                    let parent_value = parent
                        .and_then(|(_, t)| t.milestone(year, group))
                        .map(|m| m.value);
                    let at_least_as_strong = value
                        .zip(parent_value)
                        .filter(|_| target.direction != Direction::About)
                        .and_then(|(v, p)| direction.at_least_as_strong(v, p));
                    YearComparison {
                        year,
                        group: group.map(str::to_owned),
                        value,
                        parent: parent_value,
                        at_least_as_strong,
                    }
                })
                .collect();
            TargetComparison {
                target,
                parent,
                years,
            }
        })
        .collect()
}

fn refined<'p>(index: &Index<'p>, reference: &str) -> Option<(&'p Plan, &'p Target)> {
    let (plan, target) = split_item_ref(reference)?;
    let PlanRef::Found(i) = index.plan(plan) else {
        return None;
    };
    let parent = &index.plans[i];
    parent.target(target).map(|t| (parent, t))
}
