//! The canonical form of a gplan file, made with `toml_edit` so comments
//! and blank lines stay where they were written.
//!
//! What changes, and nothing else:
//! - tables in the order of the file's kind ([`FileOrder`]): for a plan,
//!   `[plan]`, then every `[[target]]`, then every `[[task]]`; each table's
//!   keys in the documented order, unknown ones after, as written. A
//!   comment above a key or a table header moves with it;
//! - the whole text in Unicode NFC, with LF line ends and no byte order
//!   mark; no indentation before keys, `key = value`, no trailing spaces,
//!   at most one blank line in a row, one line break at the end;
//! - one-line strings as basic strings `"…"` (multi-line strings are kept
//!   as written); see [`quote::basic`];
//! - arrays on one line (`[a, b]`) when the line stays within
//!   [`ONE_LINE_WIDTH`] characters and holds no comment, else one item per
//!   line, indented by two spaces, with a trailing comma; inline tables as
//!   `{ a = 1, b = 2 }` unless they hold a comment.
//!
//! Values keep their meaning: dates, numbers and booleans are written as
//! they were, and a string's text changes only to its NFC form.
//! Formatting is idempotent: the output is its own canonical form.

use toml_edit::{Array, DocumentMut, InlineTable, Item, RawString, Table, Value};
use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::author::order::{self, FileOrder};
use crate::author::quote;

/// The longest `key = [a, b]` line kept on one line. Chosen so that the
/// short lists of the bundled plans (names of bodies) stay on one line and
/// the long ones (recipients, aliases) stay one item per line.
pub const ONE_LINE_WIDTH: usize = 130;

/// What a file is to gplan, which decides its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plan,
    Registry,
    Catalogue,
    Progress,
}

impl Kind {
    fn order(self) -> &'static FileOrder {
        match self {
            Kind::Plan => &order::PLAN,
            Kind::Registry => &order::REGISTRY,
            Kind::Catalogue => &order::CATALOGUE,
            Kind::Progress => &order::PROGRESS,
        }
    }

    /// What a file holds, by its tables, as the loader reads them: a plan
    /// (`[plan]`, `[[target]]`, `[[task]]`), the catalogue
    /// (`[[document]]`) or a progress file (`[[report]]`, `[[actual]]`).
    fn of(doc: &DocumentMut) -> Option<Kind> {
        let has = |keys: &[&str]| keys.iter().any(|k| doc.as_table().contains_key(k));
        if has(&["plan", "target", "task"]) {
            Some(Kind::Plan)
        } else if has(&["document"]) {
            Some(Kind::Catalogue)
        } else if has(&["report", "actual"]) {
            Some(Kind::Progress)
        } else {
            None
        }
    }
}

/// The result of formatting one file's text.
#[derive(Debug)]
pub enum Formatted {
    /// The canonical text (maybe the same as the input).
    Text(String),
    /// Valid TOML that is none of gplan's files: not gplan's to change.
    NotOurs,
    /// Not valid TOML: nothing is changed.
    Invalid,
}

/// Formats one file. `registry` says whether the file is the repository's
/// registry; otherwise its tables say what it is (see [`Kind::of`]).
pub fn format(text: &str, registry: bool) -> Formatted {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    let text: String = if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    };
    let Ok(mut doc) = text.parse::<DocumentMut>() else {
        return Formatted::Invalid;
    };
    let kind = if registry {
        Kind::Registry
    } else {
        match Kind::of(&doc) {
            Some(kind) => kind,
            None => return Formatted::NotOurs,
        }
    };
    canonical(&mut doc, kind.order());
    Formatted::Text(finish(&doc.to_string()))
}

/// Puts a parsed document in canonical form, in place.
fn canonical(doc: &mut DocumentMut, order: &FileOrder) {
    let trailing = doc.trailing().as_str().map(lines_between);
    if let Some(trailing) = trailing {
        doc.set_trailing(trailing);
    }
    let root = doc.as_table_mut();
    keep_file_header(root);
    root.sort_values_by(|a, _, b, _| order.table_rank(a).cmp(&order.table_rank(b)));
    tidy_table(root, "", order, true);
    // Every table, without recursion: (path, rank of its top-level table).
    let mut stack: Vec<(String, usize, &mut Table)> = Vec::new();
    for (key, item) in root.iter_mut() {
        let rank = order.table_rank(key.get());
        push_tables(&mut stack, key.get().to_owned(), rank, item);
    }
    while let Some((path, rank, table)) = stack.pop() {
        if let Some(position) = table.position() {
            // Tables sort by rank, then as written: a file holds far fewer
            // than 2^24 tables (16 MiB at most).
            let rank = isize::try_from(rank).unwrap_or(isize::MAX);
            table.set_position(Some(rank.saturating_mul(1 << 24).saturating_add(position)));
        }
        tidy_table(table, &path, order, false);
        for (key, item) in table.iter_mut() {
            let child = format!("{path}.{}", key.get());
            push_tables(&mut stack, child, rank, item);
        }
    }
}

/// The comments at the top of the file, down to the last blank line
/// before the first table, describe the file, not that table: they stay at
/// the top when the table moves.
fn keep_file_header(root: &mut Table) {
    let mut first: Option<&mut Table> = None;
    for (_, item) in root.iter_mut() {
        let tables: Vec<&mut Table> = match item {
            Item::Table(table) => vec![table],
            Item::ArrayOfTables(array) => array.iter_mut().collect(),
            _ => Vec::new(),
        };
        for table in tables {
            let earlier = match (&first, table.position()) {
                (None, Some(_)) => true,
                (Some(best), Some(position)) => best.position().is_some_and(|b| position < b),
                _ => false,
            };
            if earlier {
                first = Some(table);
            }
        }
    }
    let Some(first) = first else { return };
    let Some(prefix) = first.decor().prefix().and_then(RawString::as_str) else {
        return;
    };
    let Some(end) = prefix.rfind("\n\n") else {
        return;
    };
    let (header, rest) = prefix.split_at(end + 1);
    let (header, rest) = (header.to_owned(), rest.to_owned());
    first.decor_mut().set_prefix(rest);
    let before = root
        .decor()
        .prefix()
        .and_then(RawString::as_str)
        .unwrap_or("")
        .to_owned();
    root.decor_mut().set_prefix(format!("{before}{header}"));
}

fn push_tables<'a>(
    stack: &mut Vec<(String, usize, &'a mut Table)>,
    path: String,
    rank: usize,
    item: &'a mut Item,
) {
    match item {
        Item::Table(table) if !table.is_dotted() => stack.push((path, rank, table)),
        Item::ArrayOfTables(array) => {
            for table in array.iter_mut() {
                stack.push((path.clone(), rank, table));
            }
        }
        _ => {}
    }
}

/// Orders one table's keys and lays out its header, keys and values.
fn tidy_table(table: &mut Table, path: &str, order: &FileOrder, root: bool) {
    if !root {
        table.sort_values_by(|a, _, b, _| {
            order
                .key_rank(path, a.get())
                .cmp(&order.key_rank(path, b.get()))
        });
        let decor = table.decor_mut();
        // A blank line before every header, unless comments between the
        // tables have one ([`finish`] drops the one before the first).
        let mut prefix = decor
            .prefix()
            .and_then(RawString::as_str)
            .map(lines_before)
            .unwrap_or_default();
        if !prefix.starts_with('\n') && !prefix.contains("\n\n") {
            prefix.insert(0, '\n');
        }
        decor.set_prefix(prefix);
        let suffix = decor
            .suffix()
            .and_then(RawString::as_str)
            .map(trailing_comment);
        if let Some(suffix) = suffix {
            decor.set_suffix(suffix);
        }
    }
    for (mut key, item) in table.iter_mut() {
        let Item::Value(value) = item else { continue };
        let name = key.get().to_owned();
        let decor = key.leaf_decor_mut();
        let prefix = decor
            .prefix()
            .and_then(RawString::as_str)
            .map(lines_before)
            .unwrap_or_default();
        decor.set_prefix(prefix);
        decor.set_suffix(" ");
        if path == "plan" && name == "signer" {
            if let Some(inline) = value.as_inline_table_mut() {
                inline.sort_values_by(|a, _, b, _| {
                    order
                        .key_rank("plan.signer", a.get())
                        .cmp(&order.key_rank("plan.signer", b.get()))
                });
            }
        }
        tidy_values(value);
        let suffix = value
            .decor()
            .suffix()
            .and_then(RawString::as_str)
            .map(trailing_comment)
            .unwrap_or_default();
        value.decor_mut().set_prefix(" ");
        value.decor_mut().set_suffix(suffix);
        if let Value::Array(array) = value {
            lay_out_array(array, name.chars().count());
        }
    }
}

/// Requotes every string under `value` and lays out the arrays and inline
/// tables inside it on one line (those holding comments are left as they
/// are). The value's own array layout is [`lay_out_array`]'s.
fn tidy_values(value: &mut Value) {
    let mut stack: Vec<&mut Value> = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(_) => requote(value),
            Value::Array(array) => {
                if !array_has_comment(array) {
                    one_line(array);
                }
                stack.extend(array.iter_mut());
            }
            Value::InlineTable(table) => {
                if !inline_has_comment(table) {
                    table.fmt();
                }
                stack.extend(table.iter_mut().map(|(_, v)| v));
            }
            _ => {}
        }
    }
}

/// A one-line string as a basic string; a multi-line one as written.
fn requote(value: &mut Value) {
    let Value::String(string) = &*value else {
        return;
    };
    let raw = string.as_repr().and_then(|r| r.as_raw().as_str());
    if raw.is_some_and(|r| r.starts_with("\"\"\"") || r.starts_with("'''")) {
        return;
    }
    let canonical = quote::basic(string.value());
    if raw == Some(canonical.as_str()) {
        return;
    }
    if let Ok(mut new) = canonical.parse::<Value>() {
        *new.decor_mut() = value.decor().clone();
        *value = new;
    }
}

fn one_line(array: &mut Array) {
    for (i, item) in array.iter_mut().enumerate() {
        let decor = item.decor_mut();
        decor.set_prefix(if i == 0 { "" } else { " " });
        decor.set_suffix("");
    }
    array.set_trailing("");
    array.set_trailing_comma(false);
}

/// A table's array value: one line when it fits and holds no comment, else
/// one item per line.
fn lay_out_array(array: &mut Array, key_width: usize) {
    if !array_has_comment(array) {
        one_line(array);
        let items: Vec<String> = array.iter().map(ToString::to_string).collect();
        let width = key_width + " = [".len() + items.join(",").chars().count() + "]".len();
        if width <= ONE_LINE_WIDTH || array.len() < 2 {
            return;
        }
    }
    for item in array.iter_mut() {
        let decor = item.decor_mut();
        let raw = decor.prefix().and_then(RawString::as_str).unwrap_or("");
        let prefix = item_lines(raw, "  ");
        decor.set_prefix(prefix);
        let suffix = decor
            .suffix()
            .and_then(RawString::as_str)
            .filter(|s| s.contains('#'))
            .map(|s| format!("{}\n ", s.trim_end()));
        decor.set_suffix(suffix.unwrap_or_default());
    }
    let trailing = item_lines(array.trailing().as_str().unwrap_or(""), "");
    array.set_trailing(trailing);
    array.set_trailing_comma(!array.is_empty());
}

/// What goes before an item of an array laid out one item per line (or,
/// with `indent` empty, before its closing bracket): a comment on the line
/// of the previous item (or of the `[`) stays on that line, other comments
/// get lines of their own, and the item its own line.
fn item_lines(raw: &str, indent: &str) -> String {
    let (first, rest) = raw.split_once('\n').unwrap_or((raw, ""));
    let mut lines = String::new();
    if first.contains('#') {
        lines.push_str(first.trim_end());
    }
    lines.push('\n');
    for comment in comment_lines(rest) {
        lines.push_str("  ");
        lines.push_str(&comment);
        lines.push('\n');
    }
    lines.push_str(indent);
    lines
}

fn array_has_comment(array: &Array) -> bool {
    array.trailing().as_str().is_some_and(|t| t.contains('#'))
        || array.iter().any(|v| decor_has_comment(v.decor()))
}

fn inline_has_comment(table: &InlineTable) -> bool {
    table.trailing().as_str().is_some_and(|t| t.contains('#'))
        || table.iter().any(|(k, v)| {
            decor_has_comment(v.decor())
                || table
                    .key(k)
                    .is_some_and(|key| decor_has_comment(key.leaf_decor()))
        })
}

fn decor_has_comment(decor: &toml_edit::Decor) -> bool {
    [decor.prefix(), decor.suffix()]
        .into_iter()
        .flatten()
        .any(|raw| raw.as_str().is_some_and(|s| s.contains('#')))
}

/// What follows a value or a header on its line: its comment, if any,
/// with the spaces before it as written, and no spaces after.
fn trailing_comment(raw: &str) -> String {
    if raw.contains('#') {
        raw.trim_end().to_owned()
    } else {
        String::new()
    }
}

/// The comments of a piece of whitespace, each trimmed.
fn comment_lines(raw: &str) -> Vec<String> {
    raw.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The lines before a key or a header: comments and blank lines, each
/// trimmed, at most one blank line in a row, no indentation of the key.
fn lines_before(raw: &str) -> String {
    let mut lines: Vec<&str> = raw.split('\n').collect();
    lines.pop();
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    out
}

/// The text after the last table: its comments, at most one blank line in
/// a row.
fn lines_between(raw: &str) -> String {
    let mut tidy = lines_before(&format!("{raw}\n"));
    while tidy.ends_with("\n\n") {
        tidy.pop();
    }
    tidy
}

/// No blank lines at the start, one line break at the end, no trailing
/// spaces after values and headers.
fn finish(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    out.push_str(text.trim_start_matches('\n').trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        match format(text, false) {
            Formatted::Text(t) => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keys_and_tables_move_to_the_documented_order_with_their_comments() {
        let text = "\
[[task]]
title = 'T'
# the id
id = \"t\"

[plan]
title = \"P\"
id = \"p\"
extra = 1
";
        assert_eq!(
            fmt(text),
            "\
[plan]
id = \"p\"
title = \"P\"
extra = 1

[[task]]
# the id
id = \"t\"
title = \"T\"
"
        );
    }

    #[test]
    fn text_becomes_nfc_and_arrays_take_one_form() {
        let text = "[plan]\nid   =   'a'\ntitle = \"Nội vu\u{323}\"  # kept\ncites = [\n  \"x\",\n  \"y\"\n]\n";
        assert_eq!(
            fmt(text),
            "[plan]\nid = \"a\"\ntitle = \"Nội vụ\"  # kept\ncites = [\"x\", \"y\"]\n"
        );
    }

    #[test]
    fn long_arrays_and_arrays_with_comments_take_one_item_per_line() {
        let long = "n".repeat(70);
        let text = format!(
            "[plan]\nrecipients = [\"{long}\", \"{long}\"]\ncites = [\"a\", # why\n\"b\"]\n"
        );
        assert_eq!(
            fmt(&text),
            format!("[plan]\ncites = [\n  \"a\", # why\n  \"b\",\n]\nrecipients = [\n  \"{long}\",\n  \"{long}\",\n]\n")
        );
    }

    #[test]
    fn multi_line_strings_dates_and_numbers_are_kept_as_written() {
        let text = "[plan]\nid = \"a\"\nissued = 2023-03-23\nnote = '''\nx 'y'\n'''\n\n[[target]]\nid = \"t\"\nmilestones = {2025=60,  2030 = [1.5, 2]}\n";
        assert_eq!(
            fmt(text),
            "[plan]\nid = \"a\"\nissued = 2023-03-23\nnote = '''\nx 'y'\n'''\n\n[[target]]\nid = \"t\"\nmilestones = { 2025 = 60, 2030 = [1.5, 2] }\n"
        );
    }

    #[test]
    fn files_that_are_not_gplan_files_or_not_toml_are_left_alone() {
        assert!(matches!(format("a = 1\n", false), Formatted::NotOurs));
        assert!(matches!(format("[plan\n", false), Formatted::Invalid));
    }
}
