use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::names;

use super::did_you_mean;

rule! {
    /// ## What it finds
    ///
    /// A field or top-level table gplan does not know, most often a typo
    /// (`titel` for `title`), a field put in the wrong table, or a key
    /// written as the document labels it (`chu_tri`: the help says
    /// `lead`). Every one of a file is shown at its place in one run. In
    /// `[plan]` or its `signer`, the field is left out and the plan kept;
    /// a `[[task]]` or `[[target]]` holding one is left out.
    ///
    /// ## Why it matters
    ///
    /// A mistyped field is not read at all: a misspelt `due` means a task
    /// with no deadline, silently.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// titel = "Kế hoạch …"
    /// ```
    ///
    /// A `[plan]`, `[[task]]` or `[[target]]` in a file read as a progress
    /// file (one in a progress folder that is not a plans folder) makes it
    /// a plan that no one reads: the help says where plans are read from.
    ///
    /// ## How to fix
    ///
    /// Correct the name (the help suggests the closest known one) or
    /// remove the field; `gplan schema` lists every field. Move a plan into
    /// one of the plans folders (`plans` in `gplan.toml`).
    name: "unknown-field",
    severity: Error,
    phase: File,
    summary: "a field or table gplan does not know (often a typo)",
}

/// The labels a plan's document gives its parts, each with the field
/// that holds it: a key written in Vietnamese (`chu_tri`, `"chủ trì"`)
/// is one of these, without diacritics, spaces or underscores.
const FIELDS_IN_WORDS: &[(&str, &str)] = &[
    ("chutri", "lead"),
    ("donvichutri", "lead"),
    ("phoihop", "support"),
    ("donviphoihop", "support"),
    ("thoihan", "due"),
    ("thoigian", "due"),
    ("thoigianhoanthanh", "due"),
    ("ghichu", "note"),
    ("noinhan", "recipients"),
    ("nguoiky", "signer"),
    ("kinhphi", "funding"),
    ("so", "number"),
    ("sokyhieu", "number"),
    ("ngaybanhanh", "issued"),
    ("coquanbanhanh", "issuer"),
    ("trichyeu", "title"),
    ("tieude", "title"),
    ("noidung", "title"),
    ("muc", "ref"),
    ("baocao", "report_to"),
    ("denghi", "requested"),
    ("cancu", "implements"),
    ("chitieu", "target"),
    ("nhiemvu", "task"),
    ("donvitinh", "unit"),
];

/// The field a key written as a Vietnamese label names, if it is one.
fn field_in_words(name: &str) -> Option<&'static str> {
    let folded: String = names::fold(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    FIELDS_IN_WORDS
        .iter()
        .find(|(label, _)| *label == folded)
        .map(|(_, field)| *field)
}

/// A name that is not a field of its table.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub name: &'a str,
    /// The names the table accepts.
    pub known: &'a [&'a str],
    /// "field" or "top-level table".
    pub what: &'a str,
    /// The name is a plan's table, in a file read as a progress file.
    pub of_a_plan: bool,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        if f.of_a_plan {
            return Diagnostic::new(
                Code::UnknownField,
                f.file,
                f.span,
                format!("a plan in a progress folder: it has `{}`", f.name),
            )
            .with_label("a plan's table")
            .with_help(
                "plans are read only from the plans folders (`plans` in gplan.toml): \
                 move this file into one; a progress file holds `[[report]]` and `[[actual]]`",
            );
        }
        let closest = field_in_words(f.name)
            .filter(|field| f.known.contains(field))
            .or_else(|| names::did_you_mean(f.name, f.known.iter().copied()));
        let help = match did_you_mean(closest) {
            Some(fix) => fix,
            None if f.known.is_empty() => "remove it".to_owned(),
            None => format!("remove it; known names here: {}", f.known.join(", ")),
        };
        Diagnostic::new(
            Code::UnknownField,
            f.file,
            f.span,
            format!("unknown {} `{}`", f.what, f.name),
        )
        .with_label("not a gplan field")
        .with_help(help)
    }
}

#[cfg(test)]
mod tests {
    use super::field_in_words;

    #[test]
    fn a_key_written_as_the_documents_label_names_its_field() {
        assert_eq!(field_in_words("chu_tri"), Some("lead"));
        assert_eq!(field_in_words("Chủ trì"), Some("lead"));
        assert_eq!(field_in_words("phoi-hop"), Some("support"));
        assert_eq!(field_in_words("thời hạn"), Some("due"));
        assert_eq!(field_in_words("leed"), None);
    }
}
