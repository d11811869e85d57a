use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A plan without `number`, the document's "Số, ký hiệu".
    ///
    /// ## Why it matters
    ///
    /// The number is how people cite the document; without it a child
    /// plan can only refer to this one by id, and a reader cannot find the
    /// signed text.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = 2023
    /// ```
    ///
    /// ## How to fix
    ///
    /// Add `number = "…"` as the document writes it. If the document has
    /// none, set this rule to `allow` in `gplan.toml`.
    name: "missing-number",
    severity: Warning,
    phase: Plan,
    summary: "a plan has no document number",
}

/// A plan without a document number.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The `[plan]` header.
    pub span: Range<usize>,
    pub id: &'a str,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::MissingNumber,
            f.file,
            f.span,
            format!("plan `{}` has no document number", f.id),
        )
        .with_label("no `number`")
        .with_help("add `number = \"…\"` (\"Số, ký hiệu\") if the document has one")
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    if plan.number.is_none() {
        out.push(
            Finding {
                file: &plan.file,
                span: plan.header.clone(),
                id: &plan.id.value,
            }
            .into(),
        );
    }
}
