use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::figure::Figure;

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A milestone of a target measured in `%` whose value (or either end
    /// of its band) lies outside 0 to 100.
    ///
    /// ## Why it matters
    ///
    /// A share cannot exceed the whole; such a figure is a typing slip or
    /// a target whose `unit` is not really `%`.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[target]]
    /// id = "ty-le"
    /// text = "Tỷ lệ …"
    /// unit = "%"
    /// milestones = { 2025 = 150 }
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check the figure against the document, or the target's `unit`.
    name: "percent-out-of-range",
    severity: Error,
    phase: Plan,
    summary: "a `%` target value outside 0..=100",
}

/// A percentage outside 0..=100.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::PercentOutOfRange,
            f.file,
            f.span,
            "a percentage must lie between 0 and 100",
        )
        .with_label("out of range")
        .with_help("check the figure against the document, or the target's `unit`")
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let percent = plan
        .targets
        .iter()
        .filter(|t| t.unit.as_ref().is_some_and(|u| u.value.trim() == "%"));
    for milestone in percent.flat_map(|t| &t.milestones) {
        let out_of_range = [milestone.value.low(), milestone.value.high()]
            .iter()
            .any(|v| !(Figure::whole(0)..=Figure::whole(100)).contains(v));
        if out_of_range {
            out.push(
                Finding {
                    file: &plan.file,
                    span: milestone.span.clone(),
                }
                .into(),
            );
        }
    }
}
