//! Rules across plans: duplicate ids, `implements` and `refines`
//! references, cycles, and how a plan sits inside its parents.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Located, Outline, Target};
use crate::resolve::{split_item_ref, Index, PlanRef};
use crate::suggest::suggestions;

pub fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    duplicate_ids(index, out);
    // Each plan's references are looked up on its own, in parallel; the
    // findings keep the plans' order.
    let found: Vec<Vec<Diagnostic>> = index
        .plans
        .par_iter()
        .enumerate()
        .filter(|(i, plan)| index.by_id(&plan.id.value) == Some(*i))
        .map(|(_, plan)| references(index, plan))
        .collect();
    out.extend(found.into_iter().flatten());
    cycles(index, out);
}

/// What one plan's parents, refined targets and implemented items say.
fn references(index: &Index<Outline>, plan: &Outline) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    parents(index, plan, &mut out);
    for target in &plan.targets {
        refined_target(index, plan, target, &mut out);
    }
    for task in &plan.tasks {
        if let Some(reference) = &task.implements {
            item(index, plan, reference, Item::Task, &mut out);
        }
    }
    out
}

fn duplicate_ids(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    for (i, plan) in index.plans.iter().enumerate() {
        let Some(first) = index.by_id(&plan.id.value).filter(|&f| f != i) else {
            continue;
        };
        let first = &index.plans[first];
        out.push(
            Diagnostic::new(
                Code::DuplicatePlanId,
                &plan.file,
                plan.id.span.clone(),
                format!(
                    "plan id `{}` is already used by `{}`",
                    plan.id.value, first.file
                ),
            )
            .with_label("second plan with this id")
            .with_help("every plan needs its own id: rename one of them")
            .with_related(&first.file, first.id.span.clone(), "first defined here"),
        );
    }
}

/// Resolves a plan reference, reporting a missing or ambiguous one.
fn plan_ref<'r>(
    index: &'r Index<Outline>,
    plan: &Outline,
    reference: &Located<String>,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<&'r Outline> {
    match index.plan(text) {
        PlanRef::Found(i) => Some(&index.plans[i]),
        PlanRef::Ambiguous(candidates) => {
            let ids: Vec<String> = candidates
                .iter()
                .map(|&c| format!("`{}`", index.plans[c].id.value))
                .collect();
            out.push(
                Diagnostic::new(
                    Code::AmbiguousNumber,
                    &plan.file,
                    reference.span.clone(),
                    format!(
                        "document number `{text}` matches {} plans",
                        candidates.len()
                    ),
                )
                .with_label("ambiguous")
                .with_help(format!("refer to the plan by id: {}", ids.join(", "))),
            );
            None
        }
        PlanRef::Missing => {
            let help = match suggestions(text, index.ids(), 1).first() {
                Some(fix) => format!("did you mean `{fix}`?"),
                None => {
                    "add the parent plan to the repository, or list an outside document in `cites`"
                        .to_owned()
                }
            };
            out.push(
                Diagnostic::new(
                    Code::UnknownParent,
                    &plan.file,
                    reference.span.clone(),
                    format!("no plan has the id or number `{text}`"),
                )
                .with_label("unknown plan")
                .with_help(help),
            );
            None
        }
    }
}

fn parents(index: &Index<Outline>, plan: &Outline, out: &mut Vec<Diagnostic>) {
    for reference in &plan.implements {
        let Some(parent) = plan_ref(index, plan, reference, &reference.value, out) else {
            continue;
        };
        if let (Some(issued), Some(parent_issued)) = (&plan.issued, &parent.issued) {
            if issued.value.latest() < parent_issued.value.earliest() {
                out.push(
                    Diagnostic::new(
                        Code::IssuedBeforeParent,
                        &plan.file,
                        issued.span.clone(),
                        format!(
                            "issued {} but implements `{}`, issued {}",
                            issued.value, parent.id.value, parent_issued.value
                        ),
                    )
                    .with_label("before the parent")
                    .with_help("check both issue dates against the documents"),
                );
            }
        }
        if let (Some(period), Some(parent_period)) = (&plan.period, &parent.period) {
            let inside = period.value.from >= parent_period.value.from
                && period.value.to <= parent_period.value.to;
            if !inside {
                out.push(
                    Diagnostic::new(
                        Code::PeriodOutsideParent,
                        &plan.file,
                        period.span.clone(),
                        format!(
                            "period {} is not inside the period {} of `{}`",
                            period.value, parent_period.value, parent.id.value
                        ),
                    )
                    .with_label("outside the parent's period")
                    .with_help("check both periods against the documents"),
                );
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Task,
    Target,
}

/// Resolves `plan#item`; returns the parent plan and item id when both exist.
fn item<'r, 's>(
    index: &'r Index<Outline>,
    plan: &Outline,
    reference: &'s Located<String>,
    kind: Item,
    out: &mut Vec<Diagnostic>,
) -> Option<(&'r Outline, &'s str)> {
    let what = if kind == Item::Task { "task" } else { "target" };
    let Some((plan_part, item_id)) = split_item_ref(&reference.value) else {
        out.push(
            Diagnostic::new(Code::UnknownParentItem, &plan.file, reference.span.clone(), format!("`{}` is not a `plan#{what}` reference", reference.value))
                .with_label(format!("expected plan#{what}"))
                .with_help(format!("write the parent plan's id, `#`, and the {what}'s id, e.g. `vn/qd-2282-2020#nu-lanh-dao`")),
        );
        return None;
    };
    let parent = plan_ref(index, plan, reference, plan_part, out)?;
    let found = match kind {
        Item::Task => parent.task(item_id).is_some(),
        Item::Target => parent.target(item_id).is_some(),
    };
    if found {
        return Some((parent, item_id));
    }
    let ids: Vec<&str> = match kind {
        Item::Task => parent.tasks.iter().map(|t| t.id.value.as_str()).collect(),
        Item::Target => parent.targets.iter().map(|t| t.id.value.as_str()).collect(),
    };
    let help = match suggestions(item_id, ids.iter().copied(), 1).first() {
        Some(fix) => format!("did you mean `{}#{fix}`?", parent.id.value),
        None => format!("`{}` has no {what} with that id", parent.id.value),
    };
    out.push(
        Diagnostic::new(
            Code::UnknownParentItem,
            &plan.file,
            reference.span.clone(),
            format!("`{}` has no {what} `{item_id}`", parent.id.value),
        )
        .with_label(format!("unknown {what}"))
        .with_help(help),
    );
    None
}

fn refined_target(
    index: &Index<Outline>,
    plan: &Outline,
    target: &Target,
    out: &mut Vec<Diagnostic>,
) {
    let Some(reference) = &target.refines else {
        return;
    };
    let Some((parent, id)) = item(index, plan, reference, Item::Target, out) else {
        return;
    };
    let Some(parent_target) = parent.target(id) else {
        return;
    };
    let unit = target.unit.as_ref().map(|u| u.value.trim());
    let parent_unit = parent_target.unit.as_ref().map(|u| u.value.trim());
    if unit != parent_unit {
        let span = target
            .unit
            .as_ref()
            .map_or(reference.span.clone(), |u| u.span.clone());
        out.push(
            Diagnostic::new(
                Code::UnitMismatch,
                &plan.file,
                span,
                format!(
                    "unit `{}` differs from `{}` of the refined target",
                    unit.unwrap_or(""),
                    parent_unit.unwrap_or("")
                ),
            )
            .with_label("different unit")
            .with_help("a refining target must be measured in the parent's unit")
            .with_related(
                &parent.file,
                parent_target.header.clone(),
                "the parent target",
            ),
        );
        return;
    }
    for milestone in &target.milestones {
        let Some(parent_milestone) = parent_target
            .milestones
            .iter()
            .find(|m| m.year == milestone.year)
        else {
            continue;
        };
        let weaker = !parent_target
            .direction
            .at_least_as_strong(milestone.value, parent_milestone.value);
        if weaker {
            out.push(
                Diagnostic::new(
                    Code::WeakerTarget,
                    &plan.file,
                    milestone.span.clone(),
                    format!(
                        "target `{}` asks for {} in {}, weaker than {} in the target it refines",
                        target.id.value, milestone.value, milestone.year, parent_milestone.value
                    ),
                )
                .with_label("weaker than the parent")
                .with_help(format!(
                    "`{}` asks for {} in {}; a refining target should ask at least as much ({})",
                    parent.id.value,
                    parent_milestone.value,
                    milestone.year,
                    match parent_target.direction {
                        crate::model::Direction::AtLeast =>
                            "a floor: its lowest figure not below the parent's",
                        crate::model::Direction::AtMost =>
                            "a ceiling: its highest figure not above the parent's",
                    }
                ))
                .with_related(
                    &parent.file,
                    parent_milestone.span.clone(),
                    "the parent milestone",
                ),
            );
        }
    }
}

/// Finds every cycle of `implements` once, reported at its smallest plan id.
fn cycles(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    let graph: Vec<Vec<usize>> = (0..index.plans.len()).map(|i| index.parents(i)).collect();
    let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
    for component in strongly_connected(&graph) {
        let is_cycle = component.len() > 1 || graph[component[0]].contains(&component[0]);
        if !is_cycle {
            continue;
        }
        let members: BTreeMap<&str, usize> = component
            .iter()
            .map(|&i| (index.plans[i].id.value.as_str(), i))
            .collect();
        let Some((_, &start)) = members.iter().next() else {
            continue;
        };
        let path = walk_cycle(&graph, &component, start);
        if !reported.insert(component.clone()) {
            continue;
        }
        let plan = &index.plans[start];
        let names: Vec<&str> = path
            .iter()
            .map(|&i| index.plans[i].id.value.as_str())
            .collect();
        let next = path.get(1).copied().unwrap_or(start);
        let span = plan
            .implements
            .iter()
            .find(|r| matches!(index.plan(&r.value), PlanRef::Found(i) if i == next))
            .map_or(plan.id.span.clone(), |r| r.span.clone());
        let mut diagnostic = Diagnostic::new(
            Code::ReferenceCycle,
            &plan.file,
            span,
            format!(
                "plans implement each other in a cycle: {}",
                names.join(" → ")
            ),
        )
        .with_label("cycle starts here")
        .with_help("a plan cannot implement its own descendant: remove one `implements` link");
        for &member in path.iter().skip(1).filter(|&&m| m != start) {
            let other = &index.plans[member];
            diagnostic = diagnostic.with_related(
                &other.file,
                other.id.span.clone(),
                format!("`{}` is part of the cycle", other.id.value),
            );
        }
        out.push(diagnostic);
    }
}

/// Follows the smallest-index edge inside the component until the start
/// comes round again, giving the cycle in reading order (start → … → start).
fn walk_cycle(graph: &[Vec<usize>], component: &[usize], start: usize) -> Vec<usize> {
    let mut path = vec![start];
    let mut current = start;
    loop {
        let mut next_steps: Vec<usize> = graph[current]
            .iter()
            .copied()
            .filter(|n| component.contains(n))
            .collect();
        next_steps.sort_unstable();
        let next = if next_steps.contains(&start) {
            start
        } else {
            next_steps
                .into_iter()
                .find(|n| !path.contains(n))
                .unwrap_or(start)
        };
        path.push(next);
        if next == start {
            return path;
        }
        current = next;
    }
}

/// Tarjan's algorithm, iterative so deep chains cannot overflow the stack.
fn strongly_connected(graph: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = graph.len();
    let mut order = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if order[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                order[node] = counter;
                low[node] = counter;
                counter += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = graph[node].get(edge) {
                work.push((node, edge + 1));
                if order[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(order[next]);
                }
                continue;
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
        }
    }
    components
}
