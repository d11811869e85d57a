use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

use super::did_you_mean;

rule! {
    /// ## What it finds
    ///
    /// An `[[actual]]` whose `value` is a table with a key that is not
    /// one of its target's `groups` (or whose target has no groups), or
    /// a single number for a target with groups.
    ///
    /// ## Why it matters
    ///
    /// A figure for a group the target does not measure is compared with
    /// nothing; a misspelt group leaves the real one without data; a
    /// single number says nothing of each group, so `status` finds no
    /// data for any of them.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[actual]]
    /// target = "hung-yen/kh-53-2022#nu-lanh-dao-chu-chot"
    /// year = 2024
    /// value = { "nữ" = 58 }
    /// ```
    ///
    /// ## How to fix
    ///
    /// Use the group names of the target, or one number when the target
    /// has no groups; for a target with groups, one figure per group.
    name: "unknown-group",
    severity: Error,
    phase: File,
    summary: "an actual gives a value for a group its target does not have",
}

/// A group key the target does not have, or one number where the
/// target has groups.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub target: &'a str,
    /// The key written; `None` for a single number.
    pub group: Option<&'a str>,
    /// The target's groups; empty when it has none.
    pub groups: &'a [String],
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let Some(group) = f.group else {
            let each: Vec<String> = f.groups.iter().map(|g| format!("\"{g}\" = …")).collect();
            return Diagnostic::new(
                Code::UnknownGroup,
                f.file,
                f.span,
                format!(
                    "target `{}` has groups ({}), so one number says nothing of each",
                    f.target,
                    f.groups.join(", ")
                ),
            )
            .with_label("one number")
            .with_help(format!("give one figure per group: `value = {{ {} }}`", each.join(", ")));
        };
        let (message, help) = if f.groups.is_empty() {
            (
                format!("target `{}` has no groups, so `{group}` names none", f.target),
                "give one number: `value = 58`".to_owned(),
            )
        } else {
            let closest = crate::suggest::suggestions(group, f.groups.iter().map(String::as_str), 1);
            (
                format!("target `{}` has no group `{group}`", f.target),
                did_you_mean(closest).unwrap_or_else(|| format!("the groups are {}", f.groups.join(", "))),
            )
        };
        Diagnostic::new(Code::UnknownGroup, f.file, f.span, message)
            .with_label("unknown group")
            .with_help(help)
    }
}
