//! What the validate phase finds, as typed values, and the one function per
//! code that turns a finding into a diagnostic: each message and help is
//! written here once.

use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::names::did_you_mean;

/// A `toml-syntax` finding.
pub enum Syntax {
    /// A second byte order mark, which the parser would silently skip.
    SecondBom,
    /// The parser's own error: its first line, the rest (a label), and
    /// whether it lies at the end of the text.
    Parser {
        message: String,
        label: String,
        at_end: bool,
    },
}

pub fn toml_syntax(file: &str, span: Range<usize>, syntax: Syntax) -> Diagnostic {
    match syntax {
        Syntax::SecondBom => Diagnostic::new(
            Code::TomlSyntax,
            file,
            span,
            "TOML syntax: a second byte order mark (U+FEFF)",
        )
        .with_label("only the first character of a file may be a byte order mark")
        .with_help("delete the invisible character at the start of the file"),
        Syntax::Parser {
            message,
            label,
            at_end,
        } => Diagnostic::new(
            Code::TomlSyntax,
            file,
            span,
            format!("TOML syntax: {message}"),
        )
        .with_label(if label.is_empty() {
            "here".to_owned()
        } else {
            label
        })
        .with_help(if at_end {
            "the file ends too early: close every string, array and table"
        } else {
            "fix the TOML syntax at the marked place (https://toml.io)"
        }),
    }
}

/// An `invalid-date` finding: a date that has the form of one but is not
/// in the calendar.
pub enum InvalidDate {
    /// A TOML date literal the parser refused, with its error.
    Literal(String),
    /// A TOML date (as written) not in the calendar.
    Toml(String),
    /// An `issued` string, with the deadline parser's message.
    Issued(String),
    /// A `due` string, with the deadline parser's message.
    Due(String),
}

pub fn invalid_date(file: &str, span: Range<usize>, date: InvalidDate) -> Diagnostic {
    const CHECK: &str = "check the day and month against the document";
    match date {
        InvalidDate::Literal(message) => Diagnostic::new(
            Code::InvalidDate,
            file,
            span,
            format!("{message}: this day is not in the calendar"),
        )
        .with_label("no such date")
        .with_help(CHECK),
        InvalidDate::Toml(written) => Diagnostic::new(
            Code::InvalidDate,
            file,
            span,
            format!("`{written}` is not a day in the calendar"),
        )
        .with_help(CHECK),
        InvalidDate::Issued(message) => {
            Diagnostic::new(Code::InvalidDate, file, span, message).with_help(CHECK)
        }
        InvalidDate::Due(message) => Diagnostic::new(Code::InvalidDate, file, span, message)
            .with_label("no such date")
            .with_help("check the date against the document"),
    }
}

/// A `mistyped-field` finding: a value of the wrong type or form.
pub enum Mistyped {
    /// What serde said of a value that does not fit (its first line).
    Serde(String),
    /// An entry of an array of tables left out, with serde's reason.
    LeftOut(String),
    /// A word not among the accepted ones (`kind`, `direction`, `level`).
    Word {
        what: &'static str,
        written: String,
        accepted: Vec<&'static str>,
        label: Option<&'static str>,
        /// Help when no accepted word is close.
        otherwise: Option<&'static str>,
    },
    /// A TOML date with a time or an offset.
    NotPlainDate(String),
    /// A registry date that is not a TOML date.
    NotADate,
    /// An `issued` string that is no date.
    NotIssueDate(String),
    /// A period end that is not a four-digit year.
    NotAYear(String),
    /// A `period` of another shape.
    NotAPeriod,
    /// A `milestones` key that is not a year.
    MilestoneKey(String),
    /// A milestone value that is not a number or a band.
    MilestoneValue,
    /// A per-group milestone naming a group the target's `groups` lacks.
    UnknownGroup {
        written: String,
        groups: Vec<String>,
    },
    /// A field a qualitative target cannot have (`unit`, `milestones`, …).
    NotQualitative(&'static str),
    /// A `baseline` that is not `{ year?, value }`.
    NotABaseline,
}

pub fn mistyped_field(file: &str, span: Range<usize>, fault: Mistyped) -> Diagnostic {
    let diagnostic = |message: String| Diagnostic::new(Code::MistypedField, file, span, message);
    match fault {
        Mistyped::Serde(message) => diagnostic(message)
            .with_label("wrong type")
            .with_help("see docs/format.md for the type of each field"),
        Mistyped::LeftOut(reason) => diagnostic(format!("this entry is left out: {reason}"))
            .with_label("left out")
            .with_help("fix the entry; docs/format.md lists every field and its type"),
        Mistyped::Word {
            what,
            written,
            accepted,
            label,
            otherwise,
        } => {
            let help = match did_you_mean(&written, accepted.iter().copied()) {
                Some(fix) => format!("did you mean `{fix}`?"),
                None => otherwise.map_or_else(
                    || format!("use one of: {}", accepted.join(", ")),
                    str::to_owned,
                ),
            };
            let found = diagnostic(format!("unknown {what} `{written}`"));
            match label {
                Some(label) => found.with_label(label),
                None => found,
            }
            .with_help(help)
        }
        Mistyped::NotPlainDate(written) => diagnostic(format!("`{written}` is not a plain date"))
            .with_label("expected a date without time")
            .with_help("write a local date such as 2023-12-05"),
        Mistyped::NotADate => diagnostic("expected a date".to_owned())
            .with_help("write a TOML date such as 2025-03-01"),
        Mistyped::NotIssueDate(written) => diagnostic(format!("`{written}` is not an issue date"))
            .with_label("expected a date")
            .with_help("write a TOML date (2023-03-23), or \"2023-03\" / \"2023\" when the document leaves the day or month blank"),
        Mistyped::NotAYear(written) => diagnostic(format!("`{written}` is not a year"))
            .with_help("write a four-digit year such as 2023"),
        Mistyped::NotAPeriod => diagnostic("`period` must be a year or a pair [from, to]".to_owned())
            .with_label("not a period")
            .with_help("write `period = [2023-01-01, 2023-12-31]`, `period = [2021, 2030]` or `period = 2023`"),
        Mistyped::MilestoneKey(key) => diagnostic(format!("milestone key `{key}` is not a year"))
            .with_help("write `milestones = { 2025 = 60, 2030 = 75 }`"),
        Mistyped::MilestoneValue => diagnostic("a milestone is a number or a band [low, high]".to_owned())
            .with_help("write `2025 = 60` or, for \"30-40%\", `2025 = [30, 40]`; per group, `2025 = { \"nam\" = 90, \"nữ\" = 95 }`"),
        Mistyped::UnknownGroup { written, groups } => {
            let help = if groups.is_empty() {
                "list the groups first: `groups = [\"nam\", \"nữ\"]`".to_owned()
            } else {
                format!("the target's `groups` are: {}", groups.join(", "))
            };
            diagnostic(format!("`{written}` is not one of the target's groups"))
                .with_label("unknown group")
                .with_help(help)
        }
        Mistyped::NotQualitative(field) => diagnostic(format!("a qualitative target has no `{field}`"))
            .with_label("not for `kind = \"qualitative\"`")
            .with_help("a qualitative target says by when (`by = 2025`); remove the figures, or remove `kind` for a numeric target"),
        Mistyped::NotABaseline => diagnostic("a baseline is `{ year = 2020, value = 23 }` (`year` optional)".to_owned())
            .with_label("not a baseline")
            .with_help("write the starting figure the document gives: `baseline = { year = 2020, value = 23 }`, or `{ value = 23 }` without a year"),
    }
}

/// A `missing-field` finding.
pub enum Missing {
    /// A required field absent from a table, with an example when the
    /// table is a plan's.
    Field {
        table: &'static str,
        field: &'static str,
        example: Option<&'static str>,
    },
    /// Tasks or targets without a `[plan]` table.
    PlanTable,
}

pub fn missing_field(file: &str, span: Range<usize>, missing: Missing) -> Diagnostic {
    match missing {
        Missing::Field {
            table,
            field,
            example,
        } => Diagnostic::new(
            Code::MissingField,
            file,
            span,
            format!("{table} has no `{field}`"),
        )
        .with_label(format!("`{field}` is required in this table"))
        .with_help(match example {
            Some(example) => format!("add it, e.g. `{example}`"),
            None => format!("add `{field} = …`"),
        }),
        Missing::PlanTable => Diagnostic::new(
            Code::MissingField,
            file,
            span,
            "file has tasks or targets but no `[plan]` table",
        )
        .with_help("add a `[plan]` table with `id`, `title`, `issuer` and `period`"),
    }
}

/// An `unknown-field` finding: `name` where only `known` are read.
pub fn unknown_field(
    file: &str,
    span: Range<usize>,
    name: &str,
    known: &[&str],
    what: &str,
) -> Diagnostic {
    let help = match did_you_mean(name, known.iter().copied()) {
        Some(fix) => format!("did you mean `{fix}`?"),
        None if known.is_empty() => "remove it".to_owned(),
        None => format!("remove it; known names here: {}", known.join(", ")),
    };
    Diagnostic::new(
        Code::UnknownField,
        file,
        span,
        format!("unknown {what} `{name}`"),
    )
    .with_label("not a gplan field")
    .with_help(help)
}

pub fn empty_file(file: &str) -> Diagnostic {
    Diagnostic::new(Code::EmptyFile, file, 0..0, "file is empty")
        .with_help("add a `[plan]` table, or delete the file")
}

/// A `period-reversed` finding: `period` (as displayed) ends before it starts.
pub fn period_reversed(file: &str, span: Range<usize>, period: String) -> Diagnostic {
    Diagnostic::new(
        Code::PeriodReversed,
        file,
        span,
        format!("period `{period}` ends before it starts"),
    )
    .with_label("from is after to")
    .with_help("write `period = [from, to]` with the earlier date first")
}

/// A `malformed-due` finding, with the deadline parser's message.
pub fn malformed_due(file: &str, span: Range<usize>, written: &str, message: String) -> Diagnostic {
    Diagnostic::new(Code::MalformedDue, file, span, message)
        .with_label("not a deadline")
        .with_help(crate::deadline::due_help(written))
}

/// A `window-reversed` finding, with the deadline parser's message.
pub fn window_reversed(file: &str, span: Range<usize>, message: String) -> Diagnostic {
    Diagnostic::new(Code::WindowReversed, file, span, message)
        .with_label("start after end")
        .with_help("write the earlier end first: `A..B` with A before B")
}
