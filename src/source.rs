//! Loaded file texts and the byte-offset → line/column mapping every
//! output format shares.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// The text of every file read, by path relative to the repository, kept
/// for rendering diagnostics with snippets.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: BTreeMap<String, Arc<str>>,
}

impl SourceMap {
    /// Remembers a file's text.
    pub fn insert(&mut self, path: &str, text: Arc<str>) {
        self.files.insert(path.to_owned(), text);
    }

    /// The text of a file, or "" for a file that could not be read.
    pub fn text(&self, path: &str) -> Arc<str> {
        self.files
            .get(path)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }
}

/// A 1-based position as people and editors count it: lines, and columns
/// in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where a byte offset falls; offsets past the end map to the end.
pub fn position(text: &str, offset: usize) -> Position {
    let offset = clamp_to_char_boundary(text, offset);
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The start and end positions of a span (end is exclusive in bytes,
/// reported as the column just after the last character).
pub fn span_positions(text: &str, span: &Range<usize>) -> (Position, Position) {
    (
        position(text, span.start),
        position(text, span.end.max(span.start)),
    )
}

fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The span of the text inside a quoted TOML string, when the value was
/// written without escapes, so a span can point at characters inside it.
pub fn string_content_offset(text: &str, span: &Range<usize>, content: &str) -> Option<usize> {
    let written = text.get(span.clone())?;
    let inner = written
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| {
            written
                .strip_prefix('\'')
                .and_then(|s| s.strip_suffix('\''))
        })?;
    (inner == content).then_some(span.start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\r\nc";
        assert_eq!(position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(position(text, 10), Position { line: 2, column: 4 });
        assert_eq!(
            position(text, text.len() - 1),
            Position { line: 3, column: 1 }
        );
        assert_eq!(position(text, 999), Position { line: 3, column: 2 });
        assert_eq!(position(text, 8), Position { line: 2, column: 2 });
    }

    #[test]
    fn string_content_is_located_only_without_escapes() {
        let text = r#"due = "2023-Q5""#;
        assert_eq!(string_content_offset(text, &(6..15), "2023-Q5"), Some(7));
        let text = r#"due = "20\u0032""#;
        assert_eq!(string_content_offset(text, &(6..16), "2022"), None);
    }
}
