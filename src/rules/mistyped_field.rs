use std::ops::Range;

use crate::deadline;
use crate::model::{words, Direction};
use crate::diagnostic::{Code, Diagnostic};
use crate::names;

use super::did_you_mean;

rule! {
    /// ## What it finds
    ///
    /// A field whose value has the wrong type or is not one of the values
    /// gplan knows: a number where text is expected, `kind = "plna"`,
    /// `direction = "up"`, a date with a time, a milestone that is not a
    /// number, or a table with the wrong brackets (`[[plan]]` for the one
    /// `[plan]`, `[task]` for a `[[task]]`, `[org]` for a registry's
    /// `[[org]]`, `[report]` for a progress file's `[[report]]`; such a
    /// file is not read). A `[[task]]`, `[[target]]` or
    /// registry entry with such a field is left out, and said so at its
    /// header. In `[plan]`, a field
    /// the plan can do without (`number`, `kind`, `issued`, `cites`,
    /// `signer`, `recipients`, `funding`, `note`) is left out and the plan
    /// kept; one every query needs (`id`, `title`, `issuer`,
    /// `jurisdiction`, `period`, `implements`) leaves the plan out.
    ///
    /// ## Why it matters
    ///
    /// The value cannot be understood, so it (or its entry) is missing
    /// from every query.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = 2023
    /// kind = "plna"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write the value in the type the field takes; `gplan schema` gives
    /// each field's type and the help names the accepted values.
    name: "mistyped-field",
    severity: Error,
    phase: File,
    summary: "a field has the wrong type or an unknown value",
}

/// What is wrong with the value.
pub enum Mistyped<'a> {
    /// An entry that did not deserialize, and why.
    LeftOut(String),
    /// serde's "invalid type: …" / "invalid value: …" line.
    WrongType(String),
    PlanKind {
        written: &'a str,
        known: &'a [&'a str],
    },
    Direction(&'a str),
    OrgLevel {
        written: &'a str,
        known: &'a [&'a str],
    },
    NotIssueDate(&'a str),
    /// A TOML datetime with a time or an offset, as written.
    NotPlainDate(String),
    /// A `period` that is neither a year nor a pair, with its text when
    /// it is one.
    NotPeriod(Option<&'a str>),
    /// A period end that is not a four-digit year, as written.
    NotYear(String),
    MilestoneKey(&'a str),
    /// A milestone that is no number or band: its year and group, and its
    /// text when it is one ("40%").
    MilestoneValue {
        year: i32,
        group: Option<&'a str>,
        written: Option<&'a str>,
    },
    /// An actual's figure that is `nan`, `inf` or `-inf`, as written.
    NotFinite(String),
    /// A registry date that is not a TOML date.
    NotDate,
    /// A word among a field's accepted ones (a document's or a target's
    /// `kind`), with what the field is.
    Word {
        what: &'static str,
        written: &'a str,
        known: &'a [&'a str],
    },
    /// A per-group milestone naming a group the target's `groups` lacks.
    UnknownGroup {
        written: &'a str,
        groups: &'a [String],
    },
    /// A field a qualitative target cannot have (`unit`, `milestones`, …).
    NotQualitative(&'static str),
    /// `by` on a target that is not qualitative.
    ByOnNumeric,
    /// A `baseline` that is not `{ year?, value }`.
    NotABaseline,
    /// `[[plan]]` for the one `[plan]`, or `[task]` / `[target]` for a
    /// list of them: the top-level name.
    Brackets(&'static str),
}

/// A value of the wrong type.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub mistyped: Mistyped<'a>,
}

/// What else a milestone written in words says: its unit, its direction.
fn milestone_also(meant: &words::MilestoneInWords) -> String {
    let unit = meant.percent.then_some("`unit = \"%\"`");
    let direction = meant
        .direction
        .map(|d| format!("`direction = \"{}\"`", d.as_str()));
    let also: Vec<String> = unit.map(str::to_owned).into_iter().chain(direction).collect();
    if also.is_empty() {
        String::new()
    } else {
        format!(", with {} on the target", also.join(" and "))
    }
}

/// The closest known value, or "use one of: …".
fn one_of(written: &str, known: &[&str]) -> String {
    did_you_mean(names::did_you_mean(written, known.iter().copied()))
        .unwrap_or_else(|| format!("use one of: {}", known.join(", ")))
}

/// The help for an entry left out. serde names its first unknown field
/// and the fields it expected ("unknown field `leed`, expected one of
/// `id`, `ref`, …"): enough for the "did you mean" the file's first error
/// gets, where a typo in the second bad entry got only the schema.
fn left_out_help(reason: &str) -> String {
    let unknown = reason
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'));
    if let Some((name, rest)) = unknown {
        let known = rest.split('`').skip(1).step_by(2);
        if let Some(help) = did_you_mean(names::did_you_mean(name, known)) {
            return help;
        }
    }
    "fix the entry; `gplan schema` lists every field and its type".to_owned()
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let at = |message: String| Diagnostic::new(Code::MistypedField, f.file, f.span.clone(), message);
        match f.mistyped {
            Mistyped::LeftOut(reason) => {
                let help = left_out_help(&reason);
                at(format!("this entry is left out: {reason}"))
                    .with_label("left out")
                    .with_help(help)
            }
            Mistyped::WrongType(message) => at(message)
                .with_label("wrong type")
                .with_help("`gplan schema` gives the type of each field"),
            Mistyped::PlanKind { written, known } => at(format!("unknown plan kind `{written}`"))
                .with_label("not a kind")
                .with_help(one_of(written, known)),
            Mistyped::Direction(written) => at(format!("unknown direction `{written}`"))
                .with_help(
                    did_you_mean(words::direction_in_words(written).map(Direction::as_str))
                        .or_else(|| did_you_mean(names::did_you_mean(written, ["at-least", "above", "at-most", "below", "about"])))
                        .unwrap_or_else(|| {
                            "use `at-least` (\"đạt\", \"ít nhất\"), `above` (\"trên\"), `at-most` (\"không quá\"), `below` (\"dưới\") or `about` (\"khoảng\", \"ở mức\")".to_owned()
                        }),
                ),
            Mistyped::OrgLevel { written, known } => {
                at(format!("unknown level `{written}`")).with_help(one_of(written, known))
            }
            Mistyped::NotIssueDate(text) => {
                let forms = "write a TOML date (2023-03-23), or \"2023-03\" / \"2023\" when the document leaves the day or month blank";
                let help = match deadline::issued_as_written(text) {
                    Some(meant) => format!("did you mean `issued = {meant}`? {forms}"),
                    None => forms.to_owned(),
                };
                at(format!("`{text}` is not an issue date"))
                    .with_label("expected a date")
                    .with_help(help)
            }
            Mistyped::NotPlainDate(written) => at(format!("`{written}` is not a plain date"))
                .with_label("expected a date without time")
                .with_help("write a local date such as 2023-12-05"),
            Mistyped::NotPeriod(text) => {
                let forms = "write `period = [2023-01-01, 2023-12-31]`, `period = [2021, 2030]` or `period = 2023`";
                let help = match text.and_then(deadline::period_as_written) {
                    Some(meant) => format!("did you mean `period = {meant}`? {forms}"),
                    None => forms.to_owned(),
                };
                at("`period` must be a year or a pair [from, to]".to_owned())
                    .with_label("not a period")
                    .with_help(help)
            }
            Mistyped::NotYear(written) => at(format!("`{written}` is not a year"))
                .with_help("write a four-digit year such as 2023"),
            Mistyped::MilestoneKey(written) => at(format!("milestone key `{written}` is not a year"))
                .with_help("write `milestones = { 2025 = 60, 2030 = 75 }`"),
            Mistyped::MilestoneValue { year, group, written } => {
                let forms = "write `2025 = 60` or, for \"30-40%\", `2025 = [30, 40]`; per group, `2025 = { \"nam\" = 90, \"nữ\" = 95 }`";
                let help = match written.and_then(words::milestone_in_words) {
                    Some(meant) => {
                        let key = group.map_or_else(|| year.to_string(), |g| format!("\"{g}\""));
                        format!("did you mean `{key} = {}`{}? {forms}", meant.value, milestone_also(&meant))
                    }
                    None => forms.to_owned(),
                };
                at("a milestone is a number or a band [low, high]".to_owned()).with_help(help)
            }
            Mistyped::NotFinite(written) => at(format!("`{written}` is not a figure"))
                .with_label("not a measured number")
                .with_help("write the figure measured, such as `value = 52`; with no figure for the year, leave the `[[actual]]` out"),
            Mistyped::NotDate => at("expected a date".to_owned())
                .with_help("write a TOML date such as 2025-03-01"),
            Mistyped::Word { what, written, known } => at(format!("unknown {what} `{written}`"))
                .with_label("not a kind")
                .with_help(one_of(written, known)),
            Mistyped::UnknownGroup { written, groups } => {
                let help = if groups.is_empty() {
                    "list the groups first: `groups = [\"nam\", \"nữ\"]`".to_owned()
                } else {
                    format!("the target's `groups` are: {}", groups.join(", "))
                };
                at(format!("`{written}` is not one of the target's groups"))
                    .with_label("unknown group")
                    .with_help(help)
            }
            Mistyped::NotQualitative(field) => at(format!("a qualitative target has no `{field}`"))
                .with_label("not for `kind = \"qualitative\"`")
                .with_help("a qualitative target says by when (`by = 2025`); remove the figures, or remove `kind` for a numeric target"),
            Mistyped::ByOnNumeric => at("`by` is only for a qualitative target".to_owned())
                .with_label("not for a numeric target")
                .with_help("add `kind = \"qualitative\"`, or give the figure in `milestones`"),
            Mistyped::NotABaseline => at("a baseline is `{ year = 2020, value = 23 }` (`year` optional)".to_owned())
                .with_label("not a baseline")
                .with_help("write the starting figure the document gives: `baseline = { year = 2020, value = 23 }`, or `{ value = 23 }` without a year"),
            Mistyped::Brackets("plan") => at("`[[plan]]` makes a list of plans: a plan file has one `[plan]`".to_owned())
                .with_label("double brackets")
                .with_help("write `[plan]`, with single brackets"),
            Mistyped::Brackets(name) => at(format!("`[{name}]` is one table: each {name} is a `[[{name}]]`"))
                .with_label("single brackets")
                .with_help(double_brackets_help(name)),
        }
    }
}

/// What to write for a table of a list written with single brackets
/// (`[task]`), said the same wherever the parser or serde stops at it.
pub(crate) fn double_brackets_help(name: &str) -> String {
    format!("write `[[{name}]]`, with double brackets, before each {name}")
}
