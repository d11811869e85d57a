use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

use super::did_you_mean;
use super::refs::Item;

rule! {
    /// ## What it finds
    ///
    /// A `[[report]]` whose `task`, or an `[[actual]]` whose `target`,
    /// does not name a task or target of a plan in the repository: not a
    /// `plan#item` reference, an unknown plan, or an unknown item.
    ///
    /// ## Why it matters
    ///
    /// Progress that names nothing counts for nothing: the report stays
    /// overdue in `gplan status`, and the figure is never compared.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # progress/2024.toml
    /// [[report]]
    /// task = "hung-yen/kh-53-2022#bao-cao-nam"
    /// deadline = 2024-11-15
    /// delivered = 2024-11-10
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write the plan's id, `#`, and the task's (or target's) id as the
    /// plan file has them; the help suggests the closest. When a plan file
    /// could not be loaded (a syntax error, say), its plan is unknown until
    /// it loads: the help names the file to mend first.
    name: "unknown-progress-item",
    severity: Error,
    phase: File,
    summary: "a progress report or actual names a task or target no plan has",
}

/// What is wrong with the reference.
pub enum Problem<'a> {
    /// The text has no `plan#item` form.
    NotItemReference,
    /// No plan has that id; the closest ids, and the plan files that
    /// could not be loaded (one may hold it).
    UnknownPlan {
        plan: &'a str,
        closest: Vec<&'a str>,
        left_out: &'a [String],
    },
    /// The plan has no such item; the closest item id, if any.
    UnknownItem {
        plan: &'a str,
        item: &'a str,
        closest: Option<&'a str>,
    },
}

/// A progress entry naming no task or target.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub reference: &'a str,
    pub kind: Item,
    pub problem: Problem<'a>,
}

/// What to do about a reference to no plan: write a plan's id, unless a
/// plan file that could not be loaded may hold it (a syntax error in a
/// plan made every report against it an error of its own, with this help
/// sending the reader to the wrong place).
fn unknown_plan_help(left_out: &[String]) -> String {
    match left_out {
        [] => "write the id of a plan in the repository".to_owned(),
        [file] => format!(
            "`{file}` could not be loaded (see its errors): once it loads, a plan it holds is found"
        ),
        [file, ..] => format!(
            "{} plan files could not be loaded (see their errors), such as `{file}`: once they load, the plans they hold are found",
            left_out.len()
        ),
    }
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let what = f.kind.as_str();
        let diagnostic =
            |message: String| Diagnostic::new(Code::UnknownProgressItem, f.file, f.span, message);
        match f.problem {
            Problem::NotItemReference => diagnostic(format!("`{}` is not a `plan#{what}` reference", f.reference))
                .with_label(format!("expected plan#{what}"))
                .with_help(format!("write the plan's id, `#`, and the {what}'s id, e.g. `hung-yen/kh-53-2022#bao-cao-hang-nam`")),
            Problem::UnknownPlan { plan, closest, left_out } => diagnostic(format!("no plan has the id `{plan}`"))
                .with_label("unknown plan")
                .with_help(did_you_mean(closest).unwrap_or_else(|| unknown_plan_help(left_out))),
            Problem::UnknownItem { plan, item, closest } => {
                let help = did_you_mean(closest.map(|fix| format!("{plan}#{fix}")))
                    .unwrap_or_else(|| format!("`{plan}` has no {what} with that id"));
                diagnostic(format!("`{plan}` has no {what} `{item}`"))
                    .with_label(format!("unknown {what}"))
                    .with_help(help)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unknown_plan_help;

    #[test]
    fn a_reference_to_no_plan_sends_the_reader_to_the_files_left_out() {
        assert_eq!(
            unknown_plan_help(&[]),
            "write the id of a plan in the repository"
        );
        let one = ["plans/a.toml".to_owned()];
        assert_eq!(
            unknown_plan_help(&one),
            "`plans/a.toml` could not be loaded (see its errors): once it loads, a plan it holds is found"
        );
        let two = ["plans/a.toml".to_owned(), "plans/b.toml".to_owned()];
        assert_eq!(
            unknown_plan_help(&two),
            "2 plan files could not be loaded (see their errors), such as `plans/a.toml`: once they load, the plans they hold are found"
        );
    }
}
