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
use crate::rules::conflict_marker;
use crate::rules::control_character::{self, Kind};

/// How a Git LFS pointer file starts.
const LFS_POINTER: &str = "version https://git-lfs.github.com/spec/";
/// The markers Git writes at the start of a line in a conflict (`|||||||`
/// with the diff3 style).
const CONFLICT_MARKERS: [&str; 4] = ["<<<<<<<", "|||||||", "=======", ">>>>>>>"];

/// Whether the text is a Git LFS pointer instead of a file's content.
pub fn is_lfs_pointer(text: &str) -> bool {
    text.starts_with(LFS_POINTER)
}

/// The conflict marker at the start of the line holding `offset`, with its
/// span: seven marker characters, then the end of the line or a space.
pub fn conflict_marker_at(text: &str, offset: usize) -> Option<(Range<usize>, &str)> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let marker = CONFLICT_MARKERS.iter().find(|m| {
        line.strip_prefix(**m)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\r']))
    })?;
    Some((start..start + marker.len(), line.trim_end()))
}

/// Warns about conflict markers inside multi-line strings: in a file that
/// reads as TOML, every marker line is inside one (outside, it would be a
/// syntax error, reported as an unresolved merge conflict).
fn conflict_markers(cx: &mut ValidationContext) {
    let text = cx.text;
    let lines =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    let markers: Vec<_> = lines
        .filter(|&at| matches!(text.as_bytes().get(at), Some(b'<' | b'|' | b'=' | b'>')))
        .filter_map(|at| conflict_marker_at(text, at))
        .collect();
    if markers.is_empty() || DeTable::parse(text).is_err() {
        return;
    }
    for (span, marker) in markers {
        cx.report(conflict_marker::Finding {
            file: cx.file,
            span,
            marker,
        });
    }
}

/// Reports every such character of the file, in file order. A C0 control
/// or DEL standing in the file is left to `toml-syntax`: TOML has no place
/// for one.
pub fn check(cx: &mut ValidationContext) {
    let text = cx.text;
    let mut found = standing(text);
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
    conflict_markers(cx);
}

/// The first bytes of the UTF-8 form of every character beyond ASCII that
/// [`Kind::of`] flags: U+0080–U+00BF (`C2`), U+061C (`D8`), U+2000–U+2FFF
/// (`E2`) and U+FEFF (`EF`). A test checks every character against it.
const LEAD_BYTES: [u8; 4] = [0xC2, 0xD8, 0xE2, 0xEF];

/// The characters of those kinds that stand in the text (not ASCII
/// controls), with their spans, in file order. Only characters starting
/// with one of [`LEAD_BYTES`] are decoded: Vietnamese letters (`C3`–`C6`,
/// `E1`) and ASCII never are, so the scan is a vectorised byte search
/// rather than a decoding of every character.
fn standing(text: &str) -> Vec<(Range<usize>, char, Kind)> {
    let bytes = text.as_bytes();
    let [a, b, c, d] = LEAD_BYTES;
    let mut found: Vec<_> = memchr::memchr3_iter(a, c, d, bytes)
        .chain(memchr::memchr_iter(b, bytes))
        .filter_map(|at| {
            // A byte of 0xC0 or more always starts a character.
            let character = text.get(at..)?.chars().next()?;
            Kind::of(character).map(|kind| (at..at + character.len_utf8(), character, kind))
        })
        .collect();
    found.sort_by_key(|(span, ..)| span.start);
    found
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character the scan skips is one `Kind::of` passes, so
    /// skipping it loses no finding.
    #[test]
    fn every_flagged_character_starts_with_a_lead_byte() {
        let mut utf8 = [0; 4];
        for character in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if character.is_ascii_control() || Kind::of(character).is_none() {
                continue;
            }
            let first = character.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(
                LEAD_BYTES.contains(&first),
                "U+{:04X}",
                u32::from(character)
            );
        }
    }

    #[test]
    fn the_scan_finds_what_a_decoding_of_every_character_finds() {
        let text = "a\u{ad}b\u{2013}“c”\u{200b}ệ\u{61c}đ\u{feff}\u{85}\u{202e}ư\u{2069}\x7f\u{e9}";
        let decoded: Vec<_> = text
            .char_indices()
            .filter(|&(_, c)| !c.is_ascii_control())
            .filter_map(|(at, c)| Kind::of(c).map(|kind| (at..at + c.len_utf8(), c, kind)))
            .collect();
        assert_eq!(decoded.len(), 7);
        assert_eq!(standing(text), decoded);
    }
}
