use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Outline;
use crate::resolve::Index;

use super::refs::each_plan;

rule! {
    /// ## What it finds
    ///
    /// A plan whose `number` is also the number of a `[[document]]` in the
    /// catalogue (`plans/documents.toml`).
    ///
    /// ## Why it matters
    ///
    /// The catalogue holds documents the repository does not encode. Once
    /// a plan file encodes one, the catalogue entry is stale and a reader
    /// cannot tell which of the two a reference means (the plan wins).
    ///
    /// ## Example
    ///
    /// ```toml
    /// # plans/vn/qd-2282-2020.toml
    /// [plan]
    /// id = "vn/qd-2282-2020"
    /// number = "2282/QĐ-TTg"
    /// # plans/documents.toml also has a [[document]] number = "2282/QĐ-TTg"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Keep the plan file when it encodes the document's targets or tasks
    /// and delete the catalogue entry; otherwise delete the plan file.
    name: "number-in-catalogue",
    severity: Error,
    phase: Repository,
    summary: "a plan and a catalogue document have the same number",
}

/// A plan number the catalogue also lists.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub number: &'a str,
    pub catalogue: &'a str,
    pub entry: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::NumberInCatalogue,
            f.file,
            f.span,
            format!(
                "`{}` is both this plan's number and a document in `{}`",
                f.number, f.catalogue
            ),
        )
        .with_label("also in the catalogue")
        .with_help("a number has one place: delete the catalogue entry, or this stub plan")
        .with_related(f.catalogue, f.entry, "catalogue entry")
    }
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    let Some(catalogue) = index.catalogue else {
        return;
    };
    each_plan(index, out, |plan, out| {
        let Some(number) = &plan.number else {
            return;
        };
        if let Some(i) = catalogue.get(&number.value) {
            out.push(
                Finding {
                    file: &plan.file,
                    span: number.span.clone(),
                    number: &number.value,
                    catalogue: &catalogue.file,
                    entry: catalogue.documents[i].number.span.clone(),
                }
                .into(),
            );
        }
    });
}
