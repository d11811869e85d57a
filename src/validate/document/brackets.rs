//! A pair of brackets too many or too few around a table's name: what
//! serde and the parser say of it, told as the brackets to write.

use toml::de::DeValue;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::raw::Failure;
use crate::rules::mistyped_field::{self, Mistyped};
use crate::rules::toml_syntax::{self, Syntax};

/// A file whose one table `one` (a plan's `[plan]`) was written `[[plan]]`,
/// or one of whose lists of tables `lists` (`[[task]]`, `[[org]]`) was
/// written `[task]`: a pair of brackets too many or too few, which serde
/// calls a "map" or "sequence" where the other was expected, and the
/// parser a "duplicate key" at the second `[task]` of a file.
pub(super) fn wrong_brackets(
    file: &str,
    text: &str,
    failure: &Failure,
    one: Option<&'static str>,
    lists: &[&'static str],
) -> Option<Diagnostic> {
    let document = match failure {
        Failure::Shape(_, document) => document.get_ref(),
        Failure::Syntax(err) => return list_table_twice(file, text, err, lists),
    };
    let span_of = |name: &str| {
        document
            .get_key_value(name)
            .map(|(key, _)| key.span())
            .unwrap_or(0..0)
    };
    let written = |name: &str| document.get(name).map(Spanned::get_ref);
    let listed = |name: &&str| matches!(written(name), Some(DeValue::Array(_)));
    let (name, span) = match one.filter(listed) {
        Some(name) => (name, span_of(name)),
        None => lists.iter().find_map(|&name| {
            matches!(written(name)?, DeValue::Table(_)).then(|| (name, span_of(name)))
        })?,
    };
    Some(
        mistyped_field::Finding {
            file,
            span,
            mistyped: Mistyped::Brackets(name),
        }
        .into(),
    )
}

/// The parser's "duplicate key" at the header of a table of `lists`
/// after one written with single brackets: a second `[task]`, or a
/// `[[task]]` after a `[task]`.
fn list_table_twice(
    file: &str,
    text: &str,
    err: &toml::de::Error,
    lists: &[&'static str],
) -> Option<Diagnostic> {
    let span = err.span()?;
    if !err.message().starts_with("duplicate key") {
        return None;
    }
    let name = *lists
        .iter()
        .find(|&&name| text.get(span.clone()) == Some(name))?;
    let before = text.get(..span.start)?.trim_end_matches([' ', '\t']);
    let header = before.strip_suffix('[')?;
    let syntax = match header.strip_suffix('[') {
        Some(_) => Syntax::ListAfterTable(name),
        None => Syntax::TableAfterTable(name),
    };
    Some(toml_syntax::Finding { file, span, syntax }.into())
}
