use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Period;

rule! {
    /// ## What it finds
    ///
    /// A plan `period` whose end comes before its start.
    ///
    /// ## Why it matters
    ///
    /// No day lies inside such a period, so no deadline can be checked
    /// against it; usually the two ends were swapped.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = [2030, 2021]
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write `period = [from, to]` with the earlier end first.
    name: "period-reversed",
    severity: Error,
    phase: File,
    summary: "a plan period ends before it starts",
}

/// A period that ends before it starts.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub period: Period,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::PeriodReversed,
            f.file,
            f.span,
            format!("period `{}` ends before it starts", f.period),
        )
        .with_label("from is after to")
        .with_help("write `period = [from, to]` with the earlier date first")
    }
}
