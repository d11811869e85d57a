use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::names;
use crate::registry::Org;

use super::{did_you_mean, PlanContext};

rule! {
    /// ## What it finds
    ///
    /// A task's `function` that none of the successors of the dissolved
    /// bodies it names lists, when their duties were split by function.
    ///
    /// ## Why it matters
    ///
    /// A duty of a dissolved body goes to the successor that took the
    /// task's function, and to the default successor when none did. A
    /// mistyped function therefore sends the duty to the default body
    /// without a word, and `gplan owners` lists it under the wrong body.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[task]]
    /// id = "tre-em"
    /// title = "Bảo vệ trẻ em"
    /// lead = "Sở Lao động - Thương binh và Xã hội"
    /// function = "tre em"       # the registry lists "trẻ em"
    /// due = "2025-12-31"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write one of the functions the registry lists for the body's
    /// successors (the help names the closest), or remove `function` when
    /// the duty belongs to the default successor.
    name: "unknown-function",
    severity: Warning,
    phase: Plan,
    summary: "a task's `function` that no successor of its dissolved bodies took",
}

/// A function no successor lists.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    /// The dissolved body whose successors were searched.
    pub org: &'a str,
    /// The functions its successors list, as the registry writes them.
    pub functions: Vec<&'a str>,
    /// The closest of them to what was written.
    pub closest: Option<&'a str>,
    /// The body that gets the duty instead.
    pub default: Option<&'a str>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let fallback = match f.default {
            Some(default) => format!("the duty goes to the default successor `{default}`"),
            None => "no successor takes the duty".to_owned(),
        };
        let help = did_you_mean(f.closest).unwrap_or_else(|| {
            let listed: Vec<String> = f.functions.iter().map(|n| format!("`{n}`")).collect();
            format!("the functions listed are {}", listed.join(", "))
        });
        Diagnostic::new(
            Code::UnknownFunction,
            f.file,
            f.span,
            format!(
                "no successor of `{}` took this function: {fallback}",
                f.org
            ),
        )
        .with_label("not a function its successors list")
        .with_help(help)
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let Some(registry) = cx.registry else {
        return;
    };
    let plan = cx.plan;
    let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
    for task in plan.tasks.iter() {
        let Some(function) = &task.function else {
            continue;
        };
        let split = task
            .names()
            .filter_map(|n| registry.lookup_at(&n.value, jurisdiction))
            .find(|org| split_by_function(org));
        let Some(org) = split else {
            continue;
        };
        if org.successors.iter().any(|s| s.keys.iter().any(|k| **k == *function.value)) {
            continue;
        }
        out.push(finding(&plan.file, function.span.clone(), &function.value, org).into());
    }
}

/// Whether some of the body's duties went to a successor by function.
fn split_by_function(org: &Org) -> bool {
    org.successors.iter().any(|s| !s.functions.is_empty())
}

fn finding<'a>(file: &'a str, span: Range<usize>, key: &str, org: &'a Org) -> Finding<'a> {
    let functions: Vec<&str> = org
        .successors
        .iter()
        .flat_map(|s| &s.functions)
        .map(String::as_str)
        .collect();
    // Compared without diacritics: "tre en" is one letter from "trẻ em".
    let folded: Vec<String> = functions.iter().map(|f| names::fold(f)).collect();
    let closest = names::did_you_mean(&names::fold(key), folded.iter().map(String::as_str))
        .and_then(|close| folded.iter().position(|f| f == close))
        .map(|at| functions[at]);
    Finding {
        file,
        span,
        org: &org.name,
        functions,
        closest,
        default: org.default_successor().map(|s| s.org.value.as_str()),
    }
}
