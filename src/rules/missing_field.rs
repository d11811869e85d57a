use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A table without a field it requires: a `[plan]` without `id`,
    /// `title`, `issuer` or `period`; a `[[task]]` without `id` or
    /// `title`; a `[[target]]` without `id` or `text`; a registry entry
    /// without its name; or a file with tasks but no `[plan]` at all.
    /// Required text that is blank (`title = ""`, `issuer = " "`, only
    /// invisible characters) counts as missing, and so does each blank
    /// name in a list (`lead = ["", " "]`) or in a registry entry, at the
    /// blank text itself.
    ///
    /// ## Why it matters
    ///
    /// Without an id nothing can refer to the plan or task; without a
    /// period no deadline can be placed; the entry is unusable.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Add the field named in the message; the help shows an example.
    /// Write blank text out as the document gives it, or remove a blank
    /// name from its list.
    name: "missing-field",
    severity: Error,
    phase: File,
    summary: "a required field is missing",
}

/// What is missing.
pub enum Missing<'a> {
    /// Tasks or targets without a `[plan]` table.
    PlanTable,
    /// Required text that is empty or only spaces or invisible characters.
    Blank { table: &'a str, field: &'a str },
    /// A blank name in a list of names (`lead`, `aliases`, …).
    BlankName { table: &'a str, field: &'a str },
    /// A field of a table, with an example to copy when there is one.
    Field {
        table: &'a str,
        field: &'a str,
        example: Option<&'a str>,
    },
}

/// A required field or table that is not there.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The table's header.
    pub span: Range<usize>,
    pub missing: Missing<'a>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        match f.missing {
            Missing::PlanTable => Diagnostic::new(
                Code::MissingField,
                f.file,
                f.span,
                "file has tasks or targets but no `[plan]` table",
            )
            .with_help("add a `[plan]` table with `id`, `title`, `issuer` and `period`"),
            Missing::Blank { table, field } => Diagnostic::new(
                Code::MissingField,
                f.file,
                f.span,
                format!("{table} `{field}` is blank"),
            )
            .with_label("no text")
            .with_help(format!("write the {field} as the document gives it")),
            Missing::BlankName { table, field } => Diagnostic::new(
                Code::MissingField,
                f.file,
                f.span,
                format!("a name in {table} `{field}` is blank"),
            )
            .with_label("blank name")
            .with_help("write the body's name as the document gives it, or remove the entry"),
            Missing::Field {
                table,
                field,
                example,
            } => Diagnostic::new(
                Code::MissingField,
                f.file,
                f.span,
                format!("{table} has no `{field}`"),
            )
            .with_label(format!("`{field}` is required in this table"))
            .with_help(match example {
                Some(example) => format!("add it, e.g. `{example}`"),
                None => format!("add `{field} = …`"),
            }),
        }
    }
}
