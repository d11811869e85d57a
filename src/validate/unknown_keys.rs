//! Every field a file's known tables do not have, found in the document
//! itself: deserializing stops at the first, so a task with two typos
//! would take two runs of `check` to mend.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// The tables of a file whose fields are known: the path of table names
/// from the root, and the fields of that table.
pub type Tables = [(&'static [&'static str], fn() -> &'static [&'static str])];

/// A key that is not a field of its table.
pub struct UnknownKey<'d> {
    pub name: &'d str,
    pub span: Range<usize>,
    /// The fields the table has.
    pub known: &'static [&'static str],
}

/// The unknown keys of every table of `tables` in `document`, in the
/// order they are written. Only the listed paths are visited (a few
/// levels), so nesting in the file costs nothing.
pub fn unknown_keys<'d>(document: &'d DeTable<'d>, tables: &Tables) -> Vec<UnknownKey<'d>> {
    let mut found: Vec<UnknownKey> = tables
        .iter()
        .flat_map(|(path, fields)| {
            let known = fields();
            tables_at(document, path)
                .into_iter()
                .flat_map(move |table| {
                    table
                        .iter()
                        .map(|(key, _)| (key.get_ref().as_ref(), key.span()))
                        .filter(|(name, _)| !known.contains(name))
                        .map(move |(name, span)| UnknownKey { name, span, known })
                })
        })
        .collect();
    found.sort_by_key(|key| key.span.start);
    found
}

/// The tables at `path`: each name is a table, or an array of tables
/// (`[[task]]`) whose every table is taken.
fn tables_at<'d>(document: &'d DeTable<'d>, path: &[&str]) -> Vec<&'d DeTable<'d>> {
    let mut tables = vec![document];
    for name in path {
        tables = tables
            .into_iter()
            .filter_map(|table| table.get(*name))
            .flat_map(|value| match value.get_ref() {
                DeValue::Table(table) => vec![table],
                DeValue::Array(items) => items
                    .iter()
                    .filter_map(|item| match item.get_ref() {
                        DeValue::Table(table) => Some(table),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
    }
    tables
}
