use std::ops::Range;

use crate::model::Outline;
use crate::diagnostic::{Code, Diagnostic};
use crate::suggest::suggestions;
use crate::resolve::{split_item_ref, Index};

use super::did_you_mean;
use super::refs::{each_plan, found, item_references, Item};

rule! {
    /// ## What it finds
    ///
    /// A task's `implements` or a target's `refines` that is not a
    /// `plan#item` reference, or whose plan exists but has no task or
    /// target with that id.
    ///
    /// ## Why it matters
    ///
    /// The link from a local duty or target to the one it carries out is
    /// lost, and with it the unit and strength checks against the parent.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[target]]
    /// id = "nu-lanh-dao"
    /// text = "Tỷ lệ …"
    /// refines = "vn/qd-2282-2020#nu-lanh-dao-cap-tinh"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write the parent plan's id, `#`, and the item's id as the parent
    /// file has it (the help suggests the closest).
    name: "unknown-parent-item",
    severity: Error,
    phase: Repository,
    summary: "a `plan#target` or `plan#task` reference names an item the plan does not have",
}

/// What is wrong with the item reference.
pub enum Problem<'a> {
    /// The text has no `plan#item` form.
    NotItemReference,
    /// The plan has no such item; the closest item id, if any.
    Missing {
        plan: &'a str,
        item: &'a str,
        closest: Option<&'a str>,
    },
}

/// A `plan#item` reference that does not resolve to an item.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub reference: &'a str,
    pub kind: Item,
    pub problem: Problem<'a>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let what = f.kind.as_str();
        match f.problem {
            Problem::NotItemReference => Diagnostic::new(Code::UnknownParentItem, f.file, f.span, format!("`{}` is not a `plan#{what}` reference", f.reference))
                .with_label(format!("expected plan#{what}"))
                .with_help(format!("write the parent plan's id, `#`, and the {what}'s id, e.g. `vn/qd-2282-2020#nu-lanh-dao`")),
            Problem::Missing {
                plan,
                item,
                closest,
            } => {
                let help = did_you_mean(closest.map(|fix| format!("{plan}#{fix}")))
                    .unwrap_or_else(|| format!("`{plan}` has no {what} with that id"));
                Diagnostic::new(
                    Code::UnknownParentItem,
                    f.file,
                    f.span,
                    format!("`{plan}` has no {what} `{item}`"),
                )
                .with_label(format!("unknown {what}"))
                .with_help(help)
            }
        }
    }
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    each_plan(index, out, |plan, out| {
        for (reference, kind) in item_references(plan) {
            let finding = |problem| Finding {
                file: &plan.file,
                span: reference.span.clone(),
                reference: &reference.value,
                kind,
                problem,
            };
            let Some((plan_part, item)) = split_item_ref(&reference.value) else {
                out.push(finding(Problem::NotItemReference).into());
                continue;
            };
            let Some(parent) = found(index, plan_part) else {
                continue;
            };
            let exists = match kind {
                Item::Task => parent.task(item).is_some(),
                Item::Target => parent.target(item).is_some(),
            };
            if exists {
                continue;
            }
            let ids: Vec<&str> = match kind {
                Item::Task => parent.tasks.iter().map(|t| t.id.value.as_str()).collect(),
                Item::Target => parent.targets.iter().map(|t| t.id.value.as_str()).collect(),
            };
            let closest = suggestions(item, ids, 1).first().copied();
            let problem = Problem::Missing {
                plan: &parent.id.value,
                item,
                closest,
            };
            out.push(finding(problem).into());
        }
    });
}
