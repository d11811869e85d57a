use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A plan with neither `[[task]]` nor `[[target]]` tables. A plan
    /// whose tables were all left out for an error (`unknown-field`,
    /// `mistyped-field`) is not reported: that error says what to fix.
    ///
    /// ## Why it matters
    ///
    /// Such a file answers no question: `due` and `owners` find nothing in
    /// it. Either its content was not encoded yet, or it is a document
    /// known only by its number and title, which belongs in the catalogue
    /// of outside documents (`plans/documents.toml`).
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "vn/qd-2282-2020"
    /// number = "2282/QĐ-TTg"
    /// title = "Quyết định phê duyệt Chương trình …"
    /// issuer = "Thủ tướng Chính phủ"
    /// period = [2021, 2030]
    /// ```
    ///
    /// ## How to fix
    ///
    /// Encode the document's tasks and targets, or move it to the
    /// catalogue as a `[[document]]` and delete the plan file.
    name: "empty-plan",
    severity: Warning,
    phase: Plan,
    summary: "a plan has neither tasks nor targets",
}

/// A plan with nothing in it.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The `[plan]` header.
    pub span: Range<usize>,
    pub id: &'a str,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::EmptyPlan,
            f.file,
            f.span,
            format!("plan `{}` has neither tasks nor targets", f.id),
        )
        .with_label("nothing to do")
        .with_help("encode its `[[task]]` and `[[target]]` tables, or list the document in plans/documents.toml as a `[[document]]`")
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    // Tasks left out for an error are in the file: saying it has none
    // would send the user to write what is there.
    if plan.tasks.is_empty() && plan.targets.is_empty() && !plan.left_out {
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
