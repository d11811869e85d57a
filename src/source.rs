//! The files read for one run: bytes decoded to text, and the one
//! byte-offset → line/column mapping (the [`LineIndex`]) every output
//! format and the configuration share.
//!
//! A national repository holds more TOML than gplan should keep in memory,
//! so the map keeps, for a file with findings when it was loaded, only a
//! line index (where each line starts), and for any other file only its
//! length. The text itself is kept only where it cannot be read again
//! as it was loaded (a file that is not UTF-8); any other text is read again from disk
//! when a diagnostic is rendered with a snippet or a column, which only
//! files with findings need, and so is the line index a file was loaded
//! without. Diagnostics are rendered file by file, so only the last few
//! texts read again are cached.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic};

/// How many texts read again stay cached: a diagnostic's own file and the
/// files its related locations point to.
const REREAD_CACHE: usize = 4;

/// Text that is not UTF-8: a lossy copy (for snippets) and the finding.
pub type NotUtf8 = Box<(String, Diagnostic)>;

/// Decodes raw bytes as UTF-8 text (a leading BOM is dropped), or says where
/// the first invalid byte is. The text borrows the bytes: nothing is copied.
pub fn decode<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, NotUtf8> {
    // simdutf8 checks valid text several times faster than the standard
    // library; only invalid text needs the standard check, for the offset.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text.strip_prefix('\u{feff}').unwrap_or(text));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(err) => {
            let offset = err.valid_up_to();
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let lossy_offset = String::from_utf8_lossy(&bytes[..offset]).len();
            let diagnostic = Diagnostic::new(
                Code::NotUtf8,
                file,
                lossy_offset..lossy_offset + 1,
                format!("file is not UTF-8: invalid byte at offset {offset}"),
            )
            .with_label("not UTF-8")
            .with_help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)");
            Err(Box::new((lossy, diagnostic)))
        }
    }
}

/// Every file read, by path relative to the repository (with `/`).
#[derive(Debug, Default)]
pub struct SourceMap {
    /// Where paths are relative to, for reading texts again; `None` keeps
    /// every text inserted (used by tests and single-file tools).
    root: Option<PathBuf>,
    files: FxHashMap<String, Source>,
    /// The last few texts read again from disk, most recent first, each
    /// with its line index.
    reread: Mutex<Vec<Reread>>,
}

/// A text read again from disk ("" when it could not be, or had changed),
/// and its line index.
#[derive(Debug, Clone)]
struct Reread {
    path: String,
    text: Arc<str>,
    lines: Arc<LineIndex>,
}

impl Clone for SourceMap {
    fn clone(&self) -> Self {
        SourceMap {
            root: self.root.clone(),
            files: self.files.clone(),
            reread: Mutex::new(Vec::new()),
        }
    }
}

/// What is known of one file: its line index, and its text when kept.
/// Built where the file is read (in parallel), then inserted.
#[derive(Debug, Clone)]
pub struct Source {
    /// Byte length of the text as loaded, to notice a file changed since.
    len: usize,
    /// Where its lines start; `None` for a file that had no finding when
    /// it was loaded: a later finding about it reads it again anyway, for
    /// its column and excerpt (14 MB at 10,000 plans, kept for nothing).
    lines: Option<LineIndex>,
    /// The text, when it is kept.
    text: Option<Arc<str>>,
}

impl Source {
    fn new(text: &str, kept: Option<Arc<str>>) -> Self {
        Source {
            len: text.len(),
            lines: Some(LineIndex::new(text)),
            text: kept,
        }
    }

    /// A file whose text is let go: only its line index is kept.
    pub fn index(text: &str, lines: LineIndex) -> Self {
        Source {
            len: text.len(),
            lines: Some(lines),
            text: None,
        }
    }

    /// A file whose text and line index are let go: only its length is
    /// kept, to notice it changed before it is read again.
    pub fn unindexed(text: &str) -> Self {
        Source {
            len: text.len(),
            lines: None,
            text: None,
        }
    }

    /// A file whose text is kept for the whole run.
    pub fn kept(text: Arc<str>) -> Self {
        Source::new(&text, Some(text.clone()))
    }

    /// 0-based line of a byte offset and the offset where that line
    /// starts, when the file kept its line index.
    fn line_of(&self, offset: usize) -> Option<(usize, usize)> {
        let lines = self.lines.as_ref()?;
        Some(lines.locate(offset.min(self.len)))
    }
}

/// Where the lines of a text start: one pass over the text when it is
/// loaded, then any offset's line by binary search, without the text.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offsets where lines 2, 3, … start.
    starts: Box<[u32]>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex {
            starts: memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX))
                .collect(),
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.locate(offset).0 + 1
    }

    /// Where a byte offset of `text` (the text the index was made from)
    /// falls: columns count characters. Offsets past the end map to the end.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = clamp_to_char_boundary(text, offset);
        let (line, start) = self.locate(offset);
        Position {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }

    /// 0-based line of a byte offset and the offset where that line starts.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let line = self
            .starts
            .partition_point(|&start| start as usize <= offset);
        let start = match line {
            0 => 0,
            _ => self.starts[line - 1] as usize,
        };
        (line, start)
    }
}

impl SourceMap {
    /// A map whose texts can be read again from under `root`.
    pub fn new(root: &Path) -> Self {
        SourceMap {
            root: Some(root.to_owned()),
            ..SourceMap::default()
        }
    }

    /// Records a file: its line index, and its text only when the map has
    /// no root to read it again from.
    pub fn insert(&mut self, path: &str, text: &str) {
        let kept = self.root.is_none().then(|| Arc::from(text));
        self.files.insert(path.to_owned(), Source::new(text, kept));
    }

    /// Records a file as [`Source::index`] or [`Source::kept`] made it.
    pub fn add(&mut self, path: &str, source: Source) {
        self.files.insert(path.to_owned(), source);
    }

    /// The text of a file: kept, or read again. "" for a file never
    /// recorded, no longer readable, or changed since it was loaded.
    pub fn text(&self, path: &str) -> Arc<str> {
        let Some(source) = self.files.get(path) else {
            return Arc::from("");
        };
        match &source.text {
            Some(text) => text.clone(),
            None => self.reread(path, source).text,
        }
    }

    /// The text of a file read again from disk, with its line index (the
    /// last few are cached).
    fn reread(&self, path: &str, source: &Source) -> Reread {
        let mut cache = self.reread.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(i) = cache.iter().position(|cached| cached.path == path) {
            let hit = cache.remove(i);
            cache.insert(0, hit.clone());
            return hit;
        }
        let text: Arc<str> = self
            .read_again(path)
            .filter(|t| t.len() == source.len)
            .map_or_else(|| Arc::from(""), Arc::from);
        let read = Reread {
            path: path.to_owned(),
            lines: Arc::new(LineIndex::new(&text)),
            text,
        };
        cache.truncate(REREAD_CACHE - 1);
        cache.insert(0, read.clone());
        read
    }

    /// The 0-based line of a byte offset and the offset where that line
    /// starts, from the file's line index, or from its text read again
    /// when it was loaded without one (`None` if that text has changed).
    fn line_of(&self, path: &str, source: &Source, offset: usize) -> Option<(usize, usize)> {
        source.line_of(offset).or_else(|| {
            let read = self.reread(path, source);
            (read.text.len() == source.len).then(|| read.lines.locate(offset.min(source.len)))
        })
    }

    fn read_again(&self, path: &str) -> Option<String> {
        let bytes = std::fs::read(self.root.as_ref()?.join(path)).ok()?;
        Some(match decode(path, &bytes) {
            Ok(text) => text.to_owned(),
            Err(failure) => failure.0,
        })
    }

    /// The 1-based line of a byte offset: from the file's line index, or
    /// from its text read again when it was loaded without one.
    pub fn line(&self, path: &str, offset: usize) -> usize {
        self.files
            .get(path)
            .and_then(|source| self.line_of(path, source, offset))
            .map_or(1, |(line, _)| line + 1)
    }

    /// Where a byte offset falls. Columns count characters, which needs the
    /// text; if it cannot be had, they count bytes.
    pub fn position(&self, path: &str, offset: usize) -> Position {
        let Some(source) = self.files.get(path) else {
            return Position { line: 1, column: 1 };
        };
        let offset = offset.min(source.len);
        let text = self.text(path);
        if text.len() == source.len {
            return match &source.lines {
                Some(lines) => lines.position(&text, offset),
                None => self.reread(path, source).lines.position(&text, offset),
            };
        }
        let (line, start) = source.line_of(offset).unwrap_or((0, 0));
        Position {
            line: line + 1,
            column: offset - start + 1,
        }
    }

    /// The start and end positions of a span (end is exclusive in bytes,
    /// reported as the column just after the last character).
    pub fn span_positions(&self, path: &str, span: &Range<usize>) -> (Position, Position) {
        (
            self.position(path, span.start),
            self.position(path, span.end.max(span.start)),
        )
    }

    /// The order diagnostics are listed in within a file: by line, then by
    /// byte offset (the same order as by column), without reading the text
    /// (a file loaded without a line index orders by offset alone, which
    /// is the same order).
    pub fn order_key(&self, path: &str, offset: usize) -> (usize, usize) {
        self.files.get(path).map_or((0, offset), |source| {
            let offset = offset.min(source.len);
            (source.line_of(offset).map_or(0, |(line, _)| line), offset)
        })
    }
}

/// A 1-based position as people and editors count it: lines, and columns
/// in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
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

    /// Where a byte offset falls, counted the slow way.
    fn position(text: &str, offset: usize) -> Position {
        let offset = clamp_to_char_boundary(text, offset);
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\r\nc";
        let index = LineIndex::new(text);
        for offset in 0..text.len() + 3 {
            assert_eq!(index.position(text, offset), position(text, offset));
        }
        assert_eq!(position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(position(text, 10), Position { line: 2, column: 4 });
        assert_eq!(
            position(text, text.len() - 1),
            Position { line: 3, column: 1 }
        );
        assert_eq!(position(text, 999), Position { line: 3, column: 2 });
        assert_eq!(position(text, 8), Position { line: 2, column: 2 });
    }

    const TEXT: &str = "a = 1\nbé = \"Sở Nội vụ\"\r\n\n[[task]]\nid = \"x\"";

    #[test]
    fn the_line_index_agrees_with_the_text_everywhere() {
        let mut kept = SourceMap::default();
        kept.insert("p.toml", TEXT);
        let mut indexed = SourceMap::default();
        indexed.add("p.toml", Source::index(TEXT, LineIndex::new(TEXT)));
        for offset in 0..TEXT.len() + 3 {
            let want = position(TEXT, offset);
            assert_eq!(kept.position("p.toml", offset), want, "offset {offset}");
            assert_eq!(indexed.line("p.toml", offset), want.line, "offset {offset}");
        }
        let a = kept.order_key("p.toml", 8);
        let b = kept.order_key("p.toml", 9);
        assert!(a < b && a.0 == b.0);
        assert_eq!(kept.line("missing.toml", 5), 1);
        assert_eq!(
            kept.position("missing.toml", 5),
            Position { line: 1, column: 1 }
        );
    }

    #[test]
    fn texts_let_go_are_read_again_from_disk() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("plans")).expect("plans folder");
        let bom = format!("\u{feff}{TEXT}");
        std::fs::write(dir.path().join("plans/p.toml"), &bom).expect("written");
        let mut map = SourceMap::new(dir.path());
        map.insert("plans/p.toml", TEXT);
        assert_eq!(&*map.text("plans/p.toml"), TEXT);
        assert_eq!(
            map.position("plans/p.toml", 17),
            position(TEXT, 17),
            "columns count characters of the text read again"
        );
        // Changed since it was loaded: no text, and columns count bytes.
        std::fs::write(dir.path().join("plans/p.toml"), "changed").expect("written");
        let map = map.clone();
        assert_eq!(&*map.text("plans/p.toml"), "");
        assert_eq!(
            map.position("plans/p.toml", 17),
            Position {
                line: 2,
                column: 12
            }
        );
        assert_eq!(map.line("plans/p.toml", 17), 2);
    }

    #[test]
    fn a_file_loaded_without_a_line_index_is_located_from_its_text_read_again() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("plans")).expect("plans folder");
        std::fs::write(dir.path().join("plans/p.toml"), TEXT).expect("written");
        let mut map = SourceMap::new(dir.path());
        map.add("plans/p.toml", Source::unindexed(TEXT));
        for offset in 0..TEXT.len() + 3 {
            let want = position(TEXT, offset);
            assert_eq!(
                map.position("plans/p.toml", offset),
                want,
                "offset {offset}"
            );
            assert_eq!(
                map.line("plans/p.toml", offset),
                want.line,
                "offset {offset}"
            );
        }
        let (a, b) = (
            map.order_key("plans/p.toml", 8),
            map.order_key("plans/p.toml", 30),
        );
        assert!(a < b, "in the order of the text");
        // Changed since it was loaded: no line can be told.
        std::fs::write(dir.path().join("plans/p.toml"), "changed").expect("written");
        let map = map.clone();
        assert_eq!(map.line("plans/p.toml", 17), 1);
        assert_eq!(
            map.position("plans/p.toml", 17),
            Position {
                line: 1,
                column: 18
            }
        );
    }

    #[test]
    fn kept_texts_stay() {
        let mut map = SourceMap::new(Path::new("/nonexistent"));
        map.add("p.toml", Source::kept(Arc::from(TEXT)));
        assert_eq!(&*map.text("p.toml"), TEXT);
    }

    #[test]
    fn string_content_is_located_only_without_escapes() {
        let text = r#"due = "2023-Q5""#;
        assert_eq!(string_content_offset(text, &(6..15), "2023-Q5"), Some(7));
        let text = r#"due = "20\u0032""#;
        assert_eq!(string_content_offset(text, &(6..16), "2022"), None);
    }
}
