use std::ops::Range;

use crate::model::Outline;
use crate::diagnostic::{Code, Diagnostic};
use crate::resolve::{Index, PlanRef};

use super::refs::{each_plan, plan_references};

rule! {
    /// ## What it finds
    ///
    /// A reference by document number (`implements = ["01/KH-UBND"]`)
    /// that several plans share; numbers restart every year and differ
    /// by issuer, so short ones often repeat.
    ///
    /// ## Why it matters
    ///
    /// gplan cannot tell which plan is meant, so the reference is not
    /// followed.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "huyen/kh-05-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân huyện"
    /// period = 2023
    /// implements = ["01/KH-UBND"]   # two plans have this number
    /// ```
    ///
    /// ## How to fix
    ///
    /// Refer to the plan by its id; the help lists the candidates.
    name: "ambiguous-number",
    severity: Error,
    phase: Repository,
    summary: "a document number used as a reference matches several plans",
}

/// A number that names several plans.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub number: &'a str,
    /// The ids of the plans it matches.
    pub candidates: Vec<&'a str>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let ids: Vec<String> = f.candidates.iter().map(|id| format!("`{id}`")).collect();
        Diagnostic::new(
            Code::AmbiguousNumber,
            f.file,
            f.span,
            format!(
                "document number `{}` matches {} plans",
                f.number,
                f.candidates.len()
            ),
        )
        .with_label("ambiguous")
        .with_help(format!("refer to the plan by id: {}", ids.join(", ")))
    }
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    each_plan(index, out, |plan, out| {
        for (reference, text) in plan_references(plan) {
            if let PlanRef::Ambiguous(candidates) = index.plan(text) {
                out.push(
                    Finding {
                        file: &plan.file,
                        span: reference.span.clone(),
                        number: text,
                        candidates: candidates
                            .iter()
                            .map(|&c| index.plans[c].id.value.as_str())
                            .collect(),
                    }
                    .into(),
                );
            }
        }
    });
}
