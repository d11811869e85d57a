use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::figure::Figure;
use crate::model::Value;

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A milestone band `[low, high]` whose first value is above its
    /// second.
    ///
    /// ## Why it matters
    ///
    /// A band is read as "from low to high"; reversed, no figure lies in
    /// it and comparisons with parent targets go wrong.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[target]]
    /// id = "ty-le"
    /// text = "Tỷ lệ …"
    /// unit = "%"
    /// milestones = { 2025 = [40, 30] }
    /// ```
    ///
    /// ## How to fix
    ///
    /// Swap the two values: `[30, 40]`.
    name: "band-reversed",
    severity: Error,
    phase: Plan,
    summary: "a target band whose low value is above its high value",
}

/// A band written high to low.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub low: Figure,
    pub high: Figure,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let (low, high) = (f.low, f.high);
        Diagnostic::new(
            Code::BandReversed,
            f.file,
            f.span,
            format!("band [{low}, {high}] has its low value above its high value"),
        )
        .with_label("low > high")
        .with_help(format!("write [{high}, {low}]"))
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for milestone in plan.targets.iter().flat_map(|t| &t.milestones) {
        if let Value::Band(low, high) = milestone.value {
            if low > high {
                out.push(
                    Finding {
                        file: &plan.file,
                        span: milestone.span.clone(),
                        low,
                        high,
                    }
                    .into(),
                );
            }
        }
    }
}
