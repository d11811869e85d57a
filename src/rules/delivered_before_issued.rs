use std::ops::Range;

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Issued;

rule! {
    /// ## What it finds
    ///
    /// A `[[report]]` delivered before the plan that asks for it was
    /// issued.
    ///
    /// ## Why it matters
    ///
    /// A report cannot answer a plan that did not exist yet: the date is
    /// mistyped, or the report answers an earlier plan.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # the plan has issued = 2022-03-10
    /// [[report]]
    /// task = "hung-yen/kh-53-2022#bao-cao-hang-nam"
    /// deadline = 2022-11-15
    /// delivered = 2021-11-10
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check `delivered` against the report's own date, and `task`
    /// against the plan the report answers.
    name: "delivered-before-issued",
    severity: Warning,
    phase: File,
    summary: "a report was delivered before its plan was issued",
}

/// A report older than its plan.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub plan: &'a str,
    pub delivered: NaiveDate,
    pub issued: Issued,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::DeliveredBeforeIssued,
            f.file,
            f.span,
            format!(
                "delivered {} but plan `{}` was issued {}",
                f.delivered, f.plan, f.issued
            ),
        )
        .with_label("before the plan")
        .with_help("check `delivered` against the report's own date, and `task` against the plan it answers")
    }
}
