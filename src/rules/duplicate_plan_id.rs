use std::ops::Range;

use crate::model::Outline;
use crate::diagnostic::{Code, Diagnostic};
use crate::resolve::Index;

rule! {
    /// ## What it finds
    ///
    /// Two plan files that declare the same `id`.
    ///
    /// ## Why it matters
    ///
    /// Ids are how plans refer to each other and how queries name them;
    /// with two, references and `gplan show` would pick one silently.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # plans/tinh/kh-01-2023.toml and plans/tinh/copy.toml both say:
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Give every plan its own id: rename one of them (or delete a copy).
    name: "duplicate-plan-id",
    severity: Error,
    phase: Repository,
    summary: "two files declare the same plan id",
}

/// A plan id already used by another file.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub id: &'a str,
    pub first_file: &'a str,
    pub first: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::DuplicatePlanId,
            f.file,
            f.span,
            format!("plan id `{}` is already used by `{}`", f.id, f.first_file),
        )
        .with_label("second plan with this id")
        .with_help("every plan needs its own id: rename one of them")
        .with_related(f.first_file, f.first, "first defined here")
    }
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    for (i, plan) in index.plans.iter().enumerate() {
        let Some(first) = index.by_id(&plan.id.value).filter(|&f| f != i) else {
            continue;
        };
        let first = &index.plans[first];
        out.push(
            Finding {
                file: &plan.file,
                span: plan.id.span.clone(),
                id: &plan.id.value,
                first_file: &first.file,
                first: first.id.span.clone(),
            }
            .into(),
        );
    }
}
