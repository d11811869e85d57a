use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic};

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// Two tasks or targets of one plan with the same id (tasks and
    /// targets share one namespace per plan).
    ///
    /// ## Why it matters
    ///
    /// A reference `plan#id` must name one item; with two, a child plan's
    /// `implements` or `refines` could point at either.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[task]]
    /// id = "kiem-tra"
    /// title = "Kiểm tra lần 1"
    ///
    /// [[task]]
    /// id = "kiem-tra"
    /// title = "Kiểm tra lần 2"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Rename one of them.
    name: "duplicate-item-id",
    severity: Error,
    phase: Plan,
    summary: "two tasks or targets of one plan share an id",
}

/// An item id used a second time in a plan.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub id: &'a str,
    /// The first use.
    pub first: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::DuplicateItemId,
            f.file,
            f.span,
            format!("id `{}` is used twice in this plan", f.id),
        )
        .with_label("second use")
        .with_help("tasks and targets share one namespace per plan: rename one")
        .with_related(f.file, f.first, "first used here")
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let mut seen: FxHashMap<&str, &Range<usize>> = FxHashMap::default();
    let items = plan
        .targets
        .iter()
        .map(|t| &t.id)
        .chain(plan.tasks.iter().map(|t| &t.id));
    for item in items {
        match seen.get(item.value.as_str()) {
            Some(first) => out.push(
                Finding {
                    file: &plan.file,
                    span: item.span.clone(),
                    id: &item.value,
                    first: (*first).clone(),
                }
                .into(),
            ),
            None => {
                seen.insert(&item.value, &item.span);
            }
        }
    }
}
