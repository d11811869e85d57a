use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Period, Outline};
use crate::resolve::Index;

use super::refs::{each_plan, parents};

rule! {
    /// ## What it finds
    ///
    /// A plan whose `period` is not inside the period of a plan it
    /// `implements`.
    ///
    /// ## Why it matters
    ///
    /// A plan that carries out another usually runs within it; a period
    /// reaching past the parent's is often a wrong year.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2031"
    /// period = 2031                # the parent runs 2021 to 2030
    /// implements = ["tinh/kh-1415-2021"]
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check both periods against the documents.
    name: "period-outside-parent",
    severity: Warning,
    phase: Repository,
    summary: "a plan's period is not inside the period of a plan it implements",
}

/// A period reaching outside the parent's.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub period: Period,
    pub parent: &'a str,
    pub parent_period: Period,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::PeriodOutsideParent,
            f.file,
            f.span,
            format!(
                "period {} is not inside the period {} of `{}`",
                f.period, f.parent_period, f.parent
            ),
        )
        .with_label("outside the parent's period")
        .with_help("check both periods against the documents")
    }
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    each_plan(index, out, |plan, out| {
        let Some(period) = &plan.period else {
            return;
        };
        for parent in parents(index, plan) {
            let Some(parent_period) = &parent.period else {
                continue;
            };
            let inside = period.value.from >= parent_period.value.from
                && period.value.to <= parent_period.value.to;
            if !inside {
                out.push(
                    Finding {
                        file: &plan.file,
                        span: period.span.clone(),
                        period: period.value,
                        parent: &parent.id.value,
                        parent_period: parent_period.value,
                    }
                    .into(),
                );
            }
        }
    });
}
