use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Issued, Outline};
use crate::resolve::Index;

use super::refs::{each_plan, parents};

rule! {
    /// ## What it finds
    ///
    /// A plan whose issue date is before the issue date of a plan it
    /// `implements`.
    ///
    /// ## Why it matters
    ///
    /// A plan cannot carry out a document not yet signed: one of the two
    /// dates, or the `implements` link, is probably wrong.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// issued = 2022-01-10          # the parent was issued 2022-06-01
    /// implements = ["tinh/kh-1415-2021"]
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check both issue dates and the `implements` link against the
    /// documents.
    name: "issued-before-parent",
    severity: Warning,
    phase: Repository,
    summary: "a plan is dated before a plan it implements",
}

/// A plan issued before its parent.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub issued: &'a Issued,
    pub parent: &'a str,
    pub parent_issued: &'a Issued,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::IssuedBeforeParent,
            f.file,
            f.span,
            format!(
                "issued {} but implements `{}`, issued {}",
                f.issued, f.parent, f.parent_issued
            ),
        )
        .with_label("before the parent")
        .with_help("check both issue dates against the documents")
    }
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    each_plan(index, out, |plan, out| {
        let Some(issued) = &plan.issued else {
            return;
        };
        for parent in parents(index, plan) {
            let Some(parent_issued) = &parent.issued else {
                continue;
            };
            if issued.value.latest() < parent_issued.value.earliest() {
                out.push(
                    Finding {
                        file: &plan.file,
                        span: issued.span.clone(),
                        issued: &issued.value,
                        parent: &parent.id.value,
                        parent_issued: &parent_issued.value,
                    }
                    .into(),
                );
            }
        }
    });
}
