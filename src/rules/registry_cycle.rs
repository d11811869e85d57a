use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// Registry entries that refer to each other in a cycle: bodies whose
    /// `successor` leads back to themselves (a body that succeeds itself
    /// included), provinces whose `merged_into` does, or jurisdictions whose
    /// `parent` does. Each cycle is reported once, at the entry written
    /// first, with the whole cycle shown.
    ///
    /// ## Why it matters
    ///
    /// Duties of a dissolved body pass to its successor, and those of a
    /// merged province to the one it merged into: in a cycle they have no
    /// final holder, so `owners` cannot say who holds them now.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[org]]
    /// name = "Sở A"
    /// level = "province"
    /// dissolved = 2025-03-01
    /// successor = "Sở B"
    ///
    /// [[org]]
    /// name = "Sở B"
    /// level = "province"
    /// dissolved = 2025-03-01
    /// successor = "Sở A"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check the succession, merger or parent against its source and
    /// correct the entry that points the wrong way; the body that exists
    /// now has no `successor` (a province no `merged_into`, the nation no
    /// `parent`).
    name: "registry-cycle",
    severity: Error,
    phase: File,
    summary: "registry successors, mergers or parents form a cycle",
}

/// The reference that closes a cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Successor,
    MergedInto,
    Parent,
}

impl Link {
    /// The field as written in the registry.
    pub fn field(self) -> &'static str {
        match self {
            Link::Successor => "successor",
            Link::MergedInto => "merged_into",
            Link::Parent => "parent",
        }
    }
}

/// A cycle of one kind of reference in the registry.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The reference written in the cycle's first entry.
    pub span: Range<usize>,
    pub link: Link,
    /// The names (or ids) in the cycle's order, the first again at the end.
    pub names: Vec<&'a str>,
    /// The references of the other entries of the cycle, with their names.
    pub members: Vec<(Range<usize>, &'a str)>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let field = f.link.field();
        let shown: Vec<String> = f.names.iter().map(|n| format!("`{n}`")).collect();
        let message = match f.names.as_slice() {
            [one, _] => format!("`{one}` is its own `{field}`"),
            _ => format!("`{field}` references form a cycle: {}", shown.join(" → ")),
        };
        let help = match f.link {
            Link::Successor => "the body that exists now has no `successor`: correct the one that points back",
            Link::MergedInto => "the province that remains has no `merged_into`: correct the one that points back",
            Link::Parent => "the nation has no `parent`: correct the one that points back",
        };
        let mut diagnostic = Diagnostic::new(Code::RegistryCycle, f.file, f.span, message)
            .with_label("cycle starts here")
            .with_help(help);
        for (span, name) in f.members {
            diagnostic = diagnostic.with_related(f.file, span, format!("`{name}` is part of the cycle"));
        }
        diagnostic
    }
}
