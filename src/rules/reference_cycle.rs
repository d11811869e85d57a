use std::ops::Range;

use crate::model::Outline;
use crate::diagnostic::{Code, Diagnostic};
use crate::resolve::{Index, PlanRef};

use super::cycles::cycles;

rule! {
    /// ## What it finds
    ///
    /// Plans that `implements` each other in a cycle (A implements B,
    /// B implements A, or longer), reported once per group of plans that
    /// reach each other, at the plan with the smallest id, with the
    /// shortest cycle through it shown (each link in it one a plan writes).
    ///
    /// ## Why it matters
    ///
    /// Plans form a tree from the national level down; a cycle has no
    /// top, so the tree and every check against a parent break.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # plans/a.toml
    /// [plan]
    /// id = "a"
    /// implements = ["b"]
    ///
    /// # plans/b.toml
    /// [plan]
    /// id = "b"
    /// implements = ["a"]
    /// ```
    ///
    /// ## How to fix
    ///
    /// A plan cannot implement its own descendant: remove the wrong
    /// `implements` link.
    name: "reference-cycle",
    severity: Error,
    phase: Repository,
    summary: "plans implement each other in a cycle",
}

/// A cycle of `implements`.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The link that starts the cycle.
    pub span: Range<usize>,
    /// The ids in reading order, the first again at the end.
    pub names: Vec<&'a str>,
    /// The other plans of the cycle: file, id span, id.
    pub members: Vec<(&'a str, Range<usize>, &'a str)>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let mut diagnostic = Diagnostic::new(
            Code::ReferenceCycle,
            f.file,
            f.span,
            format!(
                "plans implement each other in a cycle: {}",
                f.names.join(" → ")
            ),
        )
        .with_label("cycle starts here")
        .with_help("a plan cannot implement its own descendant: remove one `implements` link");
        for (file, span, id) in f.members {
            diagnostic = diagnostic.with_related(file, span, format!("`{id}` is part of the cycle"));
        }
        diagnostic
    }
}

/// Finds every cycle of `implements` once, reported at its smallest plan
/// id, as the shortest cycle through that plan (see [`cycles`]): linear in
/// the number of links, without recursion.
fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    let graph: Vec<Vec<usize>> = (0..index.plans.len()).map(|i| index.parents(i)).collect();
    for path in cycles(&graph, |i| index.plans[i].id.value.as_str()) {
        let start = path[0];
        let plan = &index.plans[start];
        let names: Vec<&str> = path
            .iter()
            .map(|&i| index.plans[i].id.value.as_str())
            .collect();
        let next = path.get(1).copied().unwrap_or(start);
        let span = plan
            .implements
            .iter()
            .find(|r| matches!(index.plan(&r.value), PlanRef::Found(i) if i == next))
            .map_or(plan.id.span.clone(), |r| r.span.clone());
        let members = path
            .iter()
            .skip(1)
            .filter(|&&m| m != start)
            .map(|&m| &index.plans[m])
            .map(|other| (other.file.as_str(), other.id.span.clone(), other.id.value.as_str()))
            .collect();
        out.push(
            Finding {
                file: &plan.file,
                span,
                names,
                members,
            }
            .into(),
        );
    }
}
