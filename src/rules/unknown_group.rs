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
    /// The group closest to `group`, if any is close.
    pub closest: Option<&'a str>,
}

/// How many of a target's groups a message names before "and N more": a
/// target may have thousands, and each unknown key has a message.
const GROUPS_NAMED: usize = 10;

/// The first [`GROUPS_NAMED`] groups, formatted by `each` and joined with
/// ", ", then how many more there are.
fn some_groups(groups: &[String], each: impl Fn(&str) -> String) -> String {
    let mut named: Vec<String> = groups.iter().take(GROUPS_NAMED).map(|g| each(g)).collect();
    if groups.len() > GROUPS_NAMED {
        named.push(format!("and {} more", groups.len() - GROUPS_NAMED));
    }
    named.join(", ")
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let Some(group) = f.group else {
            return Diagnostic::new(
                Code::UnknownGroup,
                f.file,
                f.span,
                format!(
                    "target `{}` has groups ({}), so one number says nothing of each",
                    f.target,
                    some_groups(f.groups, str::to_owned)
                ),
            )
            .with_label("one number")
            .with_help(format!(
                "give one figure per group: `value = {{ {} }}`",
                some_groups(f.groups, |g| format!("\"{g}\" = …"))
            ));
        };
        let (message, help) = if f.groups.is_empty() {
            (
                format!("target `{}` has no groups, so `{group}` names none", f.target),
                "give one number: `value = 58`".to_owned(),
            )
        } else {
            (
                format!("target `{}` has no group `{group}`", f.target),
                did_you_mean(f.closest).unwrap_or_else(|| {
                    format!("the groups are {}", some_groups(f.groups, str::to_owned))
                }),
            )
        };
        Diagnostic::new(Code::UnknownGroup, f.file, f.span, message)
            .with_label("unknown group")
            .with_help(help)
    }
}
