use std::ops::Range;

use crate::model::Outline;
use crate::diagnostic::{Code, Diagnostic};
use crate::suggest::suggestions;
use crate::resolve::{Index, PlanRef};

use super::did_you_mean_for;
use super::refs::{each_plan, plan_references};

rule! {
    /// ## What it finds
    ///
    /// An `implements` (of a plan or a task) or a `refines` naming a plan
    /// that no file in the repository has, by id or by document number,
    /// and (for a plan's `implements`) no document of the catalogue
    /// (`plans/documents.toml`) either. A task's `implements` or a
    /// target's `refines` naming a catalogue document is found too: an
    /// outside document has no tasks or targets to point at.
    ///
    /// ## Why it matters
    ///
    /// The plan is cut off from its parent: the tree, the checks against
    /// the parent's dates and targets, and its place in queries are lost.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = 2023
    /// implements = ["tinh/kh-1415-2012"]
    /// ```
    ///
    /// ## How to fix
    ///
    /// Correct the id (the help suggests the closest, from plans and
    /// catalogue), add the parent plan to the repository, or add the outside
    /// document to the catalogue as a `[[document]]` with its number. A
    /// number copied from a PDF may read the same as the right one and
    /// still differ: the help then names the character (`Ð` U+00D0 where
    /// the document has `Đ` U+0110); type it again.
    name: "unknown-parent",
    severity: Error,
    phase: Repository,
    summary: "`implements` names a plan that is not in the repository",
}

/// A reference to a plan that is not there.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    /// The id or number as written.
    pub reference: &'a str,
    pub closest: Option<&'a str>,
    /// The reference names an outside document, which has no items.
    pub outside: bool,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        if f.outside {
            return Diagnostic::new(
                Code::UnknownParent,
                f.file,
                f.span,
                format!("`{}` is an outside document, not a plan", f.reference),
            )
            .with_label("no targets or tasks to point at")
            .with_help("encode the document as a plan file to refine its targets or implement its tasks");
        }
        let help = did_you_mean_for(f.reference, f.closest).unwrap_or_else(|| {
            "add the parent plan to the repository, or the outside document to the catalogue (`[[document]]` in plans/documents.toml)"
                .to_owned()
        });
        Diagnostic::new(
            Code::UnknownParent,
            f.file,
            f.span,
            format!("no plan or catalogue document has the id or number `{}`", f.reference),
        )
        .with_label("unknown plan")
        .with_help(help)
    }
}

/// The word of a reference copied with the words around it ("Kế hoạch
/// số 1415/KH-UBND ngày 12/5/2021 của UBND tỉnh") that is a plan's id or
/// a document's number, when one is.
fn named_inside<'t>(text: &'t str, index: &Index<Outline>) -> Option<&'t str> {
    text.split_whitespace()
        .map(|word| word.trim_matches([',', ';', ':', '(', ')', '.']))
        .filter(|word| *word != text)
        .find(|word| !matches!(index.plan(word), PlanRef::Missing))
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    each_plan(index, out, |plan, out| {
        for (reference, text) in plan_references(plan) {
            // Only a `plan#item` reference is longer than the plan it names.
            let item = text.len() != reference.value.len();
            let outside = match index.plan(text) {
                PlanRef::Missing => false,
                PlanRef::Outside(_) if item => true,
                _ => continue,
            };
            out.push(
                Finding {
                    file: &plan.file,
                    span: reference.span.clone(),
                    reference: text,
                    closest: named_inside(text, index)
                        .or_else(|| suggestions(text, index.references(), 1).first().copied()),
                    outside,
                }
                .into(),
            );
        }
    });
}
