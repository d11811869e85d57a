//! Characters that are not text: controls, bidirectional controls and
//! invisible characters, anywhere in a file (`control-character`). Written
//! as they are (in a value or a comment) they are found where they stand;
//! a C0 control or DEL written so is a syntax error instead;
//! written as escapes (`\u001b`, `\e`), in the string values that decode
//! to them.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::ValidationContext;
use crate::rules::control_character::{self, Kind};

/// Reports every such character of the file, in file order. A C0 control
/// or DEL standing in the file is left to `toml-syntax`: TOML has no place
/// for one.
pub fn check(cx: &mut ValidationContext) {
    let text = cx.text;
    let mut found: Vec<(Range<usize>, char, Kind)> = text
        .char_indices()
        .filter(|&(_, c)| !c.is_ascii_control())
        .filter_map(|(at, c)| Kind::of(c).map(|kind| (at..at + c.len_utf8(), c, kind)))
        .collect();
    if has_escape(text) {
        if let Ok(document) = DeTable::parse(text) {
            escaped(text, document.get_ref(), &mut found);
        }
    }
    found.sort_by_key(|(span, ..)| span.start);
    for (span, character, kind) in found {
        cx.report(control_character::Finding {
            file: cx.file,
            span,
            character,
            kind,
        });
    }
}

/// Whether the text has a backslash before `u`, `U`, `x` or `e`: the only
/// way a control character reaches a value without standing in the file.
fn has_escape(text: &str) -> bool {
    memchr::memchr_iter(b'\\', text.as_bytes())
        .any(|at| matches!(text.as_bytes().get(at + 1), Some(b'u' | b'U' | b'x' | b'e')))
}

/// The first such character of each string value that holds one only
/// through an escape, at the value. The document is walked with a stack,
/// whatever its depth.
fn escaped(text: &str, document: &DeTable, found: &mut Vec<(Range<usize>, char, Kind)>) {
    let mut stack: Vec<&Spanned<DeValue>> = document.values().collect();
    while let Some(value) = stack.pop() {
        match value.get_ref() {
            DeValue::String(decoded) => {
                let span = value.span();
                let written = text.get(span.clone()).unwrap_or("");
                let hidden = decoded
                    .chars()
                    .find_map(|c| Kind::of(c).filter(|_| !written.contains(c)).map(|k| (c, k)));
                if let Some((c, kind)) = hidden {
                    found.push((span, c, kind));
                }
            }
            DeValue::Table(table) => stack.extend(table.values()),
            DeValue::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
}
