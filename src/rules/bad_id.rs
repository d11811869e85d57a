use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A plan id with characters outside `a-z 0-9 - . /` (or starting,
    /// ending or doubling `/`, or with a part `.` or `..` between slashes,
    /// which reads as a path), or a task or target id outside
    /// `a-z 0-9 - .`, or a registry jurisdiction id outside `a-z 0-9 -`
    /// (capitals, spaces, accents).
    ///
    /// ## Why it matters
    ///
    /// Ids are typed on the command line, used in references
    /// (`plan#task`) and in URLs; accents, capitals and spaces make them
    /// hard to type and easy to get subtly wrong.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "Lai Châu/KH 01"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = 2023
    /// ```
    ///
    /// ## How to fix
    ///
    /// Use the id the help suggests: lower-case ASCII letters, digits,
    /// `-`, `.` (and `/` in plan ids).
    name: "bad-id",
    severity: Error,
    phase: Plan,
    summary: "an id uses characters outside [a-z0-9-./] (plans), [a-z0-9-.] (tasks, targets) or [a-z0-9-] (jurisdictions)",
}

/// Which kind of id.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plan,
    Item,
    /// A registry `[[jurisdiction]]` id.
    Jurisdiction,
}

/// Whether a jurisdiction id is lower-case ASCII letters, digits and `-`,
/// as plans and `--jurisdiction` write it.
pub fn is_jurisdiction_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An id that is not valid for its kind.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub id: &'a str,
    pub kind: Kind,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let (message, help) = match f.kind {
            Kind::Plan => (
                format!("plan id `{}` is not a valid id", f.id),
                format!(
                    "use lower-case ASCII letters, digits, `-`, `.` and `/`, e.g. `{}`",
                    suggest_id(f.id)
                ),
            ),
            Kind::Item => (
                format!("id `{}` is not a valid task or target id", f.id),
                format!(
                    "use lower-case ASCII letters, digits, `-` and `.`, e.g. `{}`",
                    suggest_id(f.id).replace('/', "-")
                ),
            ),
            Kind::Jurisdiction => (
                format!("jurisdiction id `{}` is not a valid id", f.id),
                format!(
                    "use lower-case ASCII letters, digits and `-`, e.g. `{}`",
                    suggest_id(f.id).replace(['/', '.'], "-")
                ),
            ),
        };
        Diagnostic::new(Code::BadId, f.file, f.span, message)
            .with_label("bad id")
            .with_help(help)
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let id = &plan.id.value;
    let plan_id_ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-./".contains(&b))
        && !id.starts_with('/')
        && !id.ends_with('/')
        && !id.contains("//")
        && !id.split('/').any(|part| part == "." || part == "..");
    if !plan_id_ok {
        out.push(
            Finding {
                file: &plan.file,
                span: plan.id.span.clone(),
                id,
                kind: Kind::Plan,
            }
            .into(),
        );
    }
    let items = plan
        .targets
        .iter()
        .map(|t| &t.id)
        .chain(plan.tasks.iter().map(|t| &t.id));
    for item in items {
        let ok = !item.value.is_empty()
            && item
                .value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b));
        if !ok {
            out.push(
                Finding {
                    file: &plan.file,
                    span: item.span.clone(),
                    id: &item.value,
                    kind: Kind::Item,
                }
                .into(),
            );
        }
    }
}

/// An id made from arbitrary text: ASCII-folded, lower case, dashes.
fn suggest_id(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
    let mut id = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || "./".contains(c) {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches('-').to_owned()
}
