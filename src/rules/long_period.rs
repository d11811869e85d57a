use std::ops::Range;

use chrono::Datelike;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Period;

use super::PlanContext;

/// The longest period a plan is expected to cover, in years. Strategies
/// run ten years, visions thirty; a longer period is most likely a typo
/// (`[2021, 2300]`), and makes every recurring duty repeat for centuries.
pub const MAX_YEARS: i32 = 50;

rule! {
    /// ## What it finds
    ///
    /// A plan whose `period` covers more than 50 years.
    ///
    /// ## Why it matters
    ///
    /// Action plans run a year, five years, ten; a strategy's vision thirty.
    /// A longer period is most often a typo in a year, and every yearly or
    /// monthly duty of the plan then repeats over it: `due` lists centuries
    /// of deadlines.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = [2023, 2203]
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check the years against the document. If the document really
    /// covers more than 50 years, set this rule to `allow` in `gplan.toml`.
    name: "long-period",
    severity: Warning,
    phase: Plan,
    summary: "a plan's period is longer than 50 years",
}

/// A period longer than [`MAX_YEARS`].
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub period: Period,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::LongPeriod,
            f.file,
            f.span,
            format!("period `{}` is longer than {MAX_YEARS} years", f.period),
        )
        .with_label("long period")
        .with_help("check the years against the document")
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let Some(period) = &cx.plan.period else {
        return;
    };
    let Period { from, to } = period.value;
    let limit = from
        .with_year(from.year() + MAX_YEARS)
        .or_else(|| from.succ_opt()?.with_year(from.year() + MAX_YEARS));
    if limit.is_none_or(|limit| to > limit) {
        out.push(
            Finding {
                file: &cx.plan.file,
                span: period.span.clone(),
                period: period.value,
            }
            .into(),
        );
    }
}
