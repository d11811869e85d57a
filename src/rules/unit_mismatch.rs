use std::ops::Range;

use crate::model::Outline;
use crate::diagnostic::{Code, Diagnostic};
use crate::resolve::Index;

use super::refs::{each_plan, refined, unit};

rule! {
    /// ## What it finds
    ///
    /// A target that `refines` a parent target but is measured in another
    /// `unit` (or one has a unit and the other none).
    ///
    /// ## Why it matters
    ///
    /// Figures in different units cannot be compared, so gplan cannot say
    /// whether the local target is at least as strong as the parent's.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[target]]
    /// id = "nu-lanh-dao"
    /// text = "Số nữ lãnh đạo …"
    /// unit = "người"               # the parent target is in "%"
    /// refines = "vn/qd-2282-2020#nu-lanh-dao"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Measure the refining target in the parent's unit, or drop
    /// `refines` if it does not really refine that target.
    name: "unit-mismatch",
    severity: Error,
    phase: Repository,
    summary: "a target's unit differs from the parent target it refines",
}

/// A refining target in another unit than its parent.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The `unit`, or the `refines` when there is no unit.
    pub span: Range<usize>,
    pub unit: Option<&'a str>,
    pub parent_unit: Option<&'a str>,
    pub parent_file: &'a str,
    /// The parent target's header.
    pub parent_span: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::UnitMismatch,
            f.file,
            f.span,
            format!(
                "unit `{}` differs from `{}` of the refined target",
                f.unit.unwrap_or(""),
                f.parent_unit.unwrap_or("")
            ),
        )
        .with_label("different unit")
        .with_help("a refining target must be measured in the parent's unit")
        .with_related(f.parent_file, f.parent_span, "the parent target")
    }
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    each_plan(index, out, |plan, out| {
        for target in &plan.targets {
            let Some((parent, parent_target)) = refined(index, target) else {
                continue;
            };
            if unit(target) == unit(parent_target) {
                continue;
            }
            let span = match (&target.unit, &target.refines) {
                (Some(u), _) => u.span.clone(),
                (None, Some(r)) => r.span.clone(),
                (None, None) => continue,
            };
            out.push(
                Finding {
                    file: &plan.file,
                    span,
                    unit: unit(target),
                    parent_unit: unit(parent_target),
                    parent_file: &parent.file,
                    parent_span: parent_target.header.clone(),
                }
                .into(),
            );
        }
    });
}
