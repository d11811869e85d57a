//! Text from files on a terminal: shown, never obeyed.
//!
//! A title can hold an escape sequence (ESC `]0;…` sets the terminal's
//! title, ESC `[2J` clears the screen) or a bidirectional override that
//! makes a line read otherwise than it is stored. Every human format
//! passes text from files through [`escape`], with colour or without,
//! into a terminal or a pipe (a pipe often ends in `less -R` or a log
//! viewer that obeys them too).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};

use textwrap::core::display_width;
use textwrap::{Options, WordSeparator, WordSplitter};

/// The narrowest width laid out for: below it a table has no room for
/// a date and a word.
const NARROWEST: usize = 40;

/// The width human output is laid out for: `COLUMNS` when it is set (a
/// script or a test forcing a width), else the terminal's own width when
/// stdout is a terminal (bash does not export `COLUMNS`). `None` into a
/// pipe or a file: lines are not wrapped to a guessed width.
pub fn width() -> Option<usize> {
    let forced = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok());
    let width = match forced {
        Some(columns) => columns,
        None if io::stdout().is_terminal() => {
            let (terminal_size::Width(columns), _) = terminal_size::terminal_size()?;
            usize::from(columns)
        }
        None => return None,
    };
    Some(width.max(NARROWEST))
}

/// `text` cut into lines of at most `width` columns at spaces (a word
/// longer than the whole line is cut, nothing else), the text escaped.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = escape(text);
    let options = options(width.max(1));
    text.split('\n')
        .flat_map(|line| textwrap::wrap(line, &options))
        .map(Cow::into_owned)
        .collect()
}

/// Writes text made of lines, each escaped and, with a width, wrapped at
/// it: a continuation line is indented four columns past its line's own
/// indentation (a hanging indent), so a long title stays under its id.
pub fn write_text(out: &mut dyn Write, text: &str, width: Option<usize>) -> io::Result<()> {
    for line in text.lines() {
        let line = escape(line);
        let Some(width) = width.filter(|&w| display_width(&line) > w) else {
            writeln!(out, "{line}")?;
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let hanging = " ".repeat((indent + 4).min(width / 2));
        let options = options(width).subsequent_indent(&hanging);
        for piece in textwrap::wrap(&line, &options) {
            writeln!(out, "{piece}")?;
        }
    }
    Ok(())
}

/// Lines of `width` columns broken at spaces only: an id, a document
/// number or a date window ("2282/QĐ-TTg", "2025-11-15..2025-12-15") is
/// never cut at a slash or a hyphen, as Unicode's line-breaking rules
/// would allow (another crate turns those rules on in textwrap); a word
/// longer than the whole line is cut.
fn options<'a>(width: usize) -> Options<'a> {
    Options::new(width)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
}

/// `text` padded with spaces to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    let room = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(room))
}

/// A cell of a plain (unwrapped) layout: escaped, with tabs and line
/// breaks as spaces, so each row is one line for `grep` and `cut -f`.
pub fn plain(text: &str) -> String {
    escape(text).replace(['\t', '\n'], " ")
}

/// Whether `c` must not be written raw: a C0 control character other
/// than tab and newline, DEL, a C1 control character, or a bidirectional
/// control (the embeddings, overrides and isolates, and the marks).
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{061c}' | '\u{200e}' | '\u{200f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// Whether `text` may hold an unsafe character (see [`is_unsafe`]): each
/// one is a byte below 0x20 or 0x7f, or starts with 0xc2 (C1), 0xd8
/// (U+061C) or 0xe2 (U+200E to U+2069) in UTF-8. Looking at the bytes
/// spares decoding the texts that hold none, nearly all of them (see
/// docs/performance.md, "Text from plans in JSON and CSV"). A fold
/// rather than `any`: without stopping early, the compiler turns the look
/// into vector instructions.
pub fn may_be_unsafe(text: &str) -> bool {
    text.bytes().fold(false, |found, b| {
        found | (b < 0x20) | matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2)
    })
}

/// `text` with every unsafe character (see [`is_unsafe`]) written as
/// Rust writes it, `\u{1b}`: visible, and plain ASCII. Text with none
/// is returned as it is, without a copy.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !may_be_unsafe(text) || !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_shown_not_obeyed() {
        assert_eq!(escape("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(escape("\u{202e}abc\u{2066}"), "\\u{202e}abc\\u{2066}");
        assert_eq!(escape("\u{9b}2J\u{7f}\r"), "\\u{9b}2J\\u{7f}\\u{d}");
        assert!(matches!(
            escape("Sở Nội vụ\tmột\nhai"),
            Cow::Borrowed("Sở Nội vụ\tmột\nhai")
        ));
    }

    #[test]
    fn the_look_at_the_bytes_misses_no_unsafe_character() {
        let missed: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c) && !may_be_unsafe(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(missed, Vec::<char>::new());
    }

    proptest! {
        #[test]
        fn escaped_text_never_holds_an_unsafe_character(text in "\\PC*|[\\x00-\\x{a0}\\x{200e}\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}a-z]{0,40}") {
            let shown = escape(&text);
            prop_assert!(!shown.chars().any(is_unsafe), "{shown:?}");
            let kept: String = text.chars().filter(|c| !is_unsafe(*c)).collect();
            let visible: String = shown.chars().filter(|c| !is_unsafe(*c)).collect();
            prop_assert!(visible.len() >= kept.len());
        }
    }
}
