use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Issued;

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// An issue date without its day (`issued = "2023-03"`) or month
    /// (`issued = "2023"`).
    ///
    /// ## Why it matters
    ///
    /// Signed documents carry a full date; a partial one is usually a
    /// scan where the day was left blank ("ngày … tháng 3 năm 2023"), and
    /// checks against parent plans can only use the whole month or year.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// issued = "2023-03"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Fill in the day if the signed document has one; otherwise leave it
    /// so the gap stays visible.
    name: "incomplete-issued",
    severity: Warning,
    phase: Plan,
    summary: "the issue date lacks a day or a month",
}

/// An issue date without a day.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub issued: &'a Issued,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(Code::IncompleteIssued, f.file, f.span, format!("issue date `{}` has no day", f.issued))
            .with_label("incomplete date")
            .with_help("fill in the day if the signed document has one; otherwise leave it so the gap stays visible")
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let Some(issued) = &cx.plan.issued else {
        return;
    };
    if !matches!(issued.value, Issued::Day(_)) {
        out.push(
            Finding {
                file: &cx.plan.file,
                span: issued.span.clone(),
                issued: &issued.value,
            }
            .into(),
        );
    }
}
