use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::suggest::suggestions;

use super::{did_you_mean, PlanContext};

rule! {
    /// ## What it finds
    ///
    /// A plan whose `jurisdiction` is not the id of a `[[jurisdiction]]`
    /// in the registry.
    ///
    /// ## Why it matters
    ///
    /// `--jurisdiction` filters and the tree of plans by province use
    /// these ids; a plan with an unknown one is missed by them.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// jurisdiction = "lai-chua"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Use the registry's id (the help suggests the closest), or add a
    /// `[[jurisdiction]]` with this id to the registry.
    name: "unknown-jurisdiction",
    severity: Warning,
    phase: Plan,
    summary: "a plan's jurisdiction is not in the registry",
}

/// A jurisdiction id the registry does not define.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub id: &'a str,
    pub closest: Option<&'a str>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let help = match did_you_mean(f.closest) {
            Some(fix) => format!("{fix} Otherwise add a `[[jurisdiction]]` to the registry"),
            None => "add a `[[jurisdiction]]` with this id to the registry".to_owned(),
        };
        Diagnostic::new(
            Code::UnknownJurisdiction,
            f.file,
            f.span,
            format!("jurisdiction `{}` is not in the registry", f.id),
        )
        .with_label("unknown jurisdiction")
        .with_help(help)
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let (Some(registry), Some(j)) = (cx.registry, &cx.plan.jurisdiction) else {
        return;
    };
    if registry.jurisdictions.contains_key(&j.value) {
        return;
    }
    let known = registry.jurisdictions.keys().map(String::as_str);
    out.push(
        Finding {
            file: &cx.plan.file,
            span: j.span.clone(),
            id: &j.value,
            closest: suggestions(&j.value, known, 1).first().copied(),
        }
        .into(),
    );
}
