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

use textwrap::core::{display_width, Word};
use textwrap::{Options, WordSeparator, WordSplitter};

/// The narrowest width laid out for: below it a table has no room for
/// a date and a word.
const NARROWEST: usize = 40;

/// The width human output is laid out for: `COLUMNS` when it is set (a
/// script or a test forcing a width), else the terminal's own width when
/// stdout is a terminal (bash does not export `COLUMNS`). `None` into a
/// pipe or a file: lines are not wrapped to a guessed width.
pub fn width() -> Option<usize> {
    forced_or(|| {
        io::stdout()
            .is_terminal()
            .then(terminal_size::terminal_size)?
    })
}

/// `COLUMNS` when it is set, else the size `terminal` reports (`None` when
/// the stream is no terminal), never less than [`NARROWEST`].
pub(crate) fn forced_or(
    terminal: impl FnOnce() -> Option<(terminal_size::Width, terminal_size::Height)>,
) -> Option<usize> {
    let forced = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok());
    let width = match forced {
        Some(columns) => columns,
        None => {
            let (terminal_size::Width(columns), _) = terminal()?;
            usize::from(columns)
        }
    };
    Some(width.max(NARROWEST))
}

/// `text` cut into lines of at most `width` columns at spaces (a word
/// longer than the whole line is cut, see [`wrap_line`]), the text
/// escaped.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = escape(text);
    text.split('\n')
        .flat_map(|line| wrap_line(line, width.max(1), ""))
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
        for piece in wrap_line(&line, width, &hanging) {
            writeln!(out, "{piece}")?;
        }
    }
    Ok(())
}

/// Writes prose made of lines (a rule's documentation), each escaped
/// and, with a width, wrapped at it; a continuation line keeps its line's
/// own indentation and takes no hanging indent, so a paragraph reads as
/// one. With a width, the lines of a paragraph are first joined (see
/// [`paragraphs`]), so it is not cut where the text was.
pub fn write_prose(out: &mut dyn Write, text: &str, width: Option<usize>) -> io::Result<()> {
    let lines = match width {
        Some(_) => paragraphs(text),
        None => text.lines().map(str::to_owned).collect(),
    };
    for line in &lines {
        let line = escape(line);
        let Some(width) = width.filter(|&w| display_width(&line) > w) else {
            writeln!(out, "{line}")?;
            continue;
        };
        let indent = &line[..line.len() - line.trim_start().len()];
        let indent = &indent[..indent.len().min(width / 2)];
        for piece in wrap_line(&line, width, indent) {
            writeln!(out, "{piece}")?;
        }
    }
    Ok(())
}

/// The lines of `text` with each paragraph's lines joined by a space: a
/// line of prose continues the line before it when that one is prose or
/// a list item. Blank lines, headings (`#`), table rows (`|`), list items
/// (`- `) and code between fences stay lines of their own.
fn paragraphs(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut in_code = false;
    let mut joinable = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            lines.push(line.to_owned());
            joinable = false;
            continue;
        }
        let own_line = in_code
            || trimmed.is_empty()
            || trimmed.starts_with(['#', '|'])
            || trimmed.starts_with("- ");
        match lines.last_mut() {
            Some(last) if joinable && !own_line => {
                last.push(' ');
                last.push_str(trimmed);
            }
            _ => lines.push(line.to_owned()),
        }
        joinable = !in_code && !trimmed.is_empty() && !trimmed.starts_with(['#', '|']);
    }
    lines
}

/// One line cut at spaces into lines of at most `width` columns, each
/// after the first indented by `hanging`. A word longer than a whole line
/// (an id such as `co-so-y-te-nguoi-dong-tinh-song-tinh-chuyen-gioi`, a
/// file's path) may also be cut after its hyphens and slashes, so that
/// the words it is made of stay whole; a part of it without either is cut
/// inside only when it alone is longer than a line.
fn wrap_line(line: &str, width: usize, hanging: &str) -> Vec<String> {
    let room = width.saturating_sub(display_width(hanging)).max(1);
    let marked = mark_cuts(line, room);
    let mut options = options(width).subsequent_indent(hanging);
    if let Cow::Owned(_) = marked {
        options = options.word_separator(WordSeparator::Custom(words_and_cuts));
    }
    textwrap::wrap(&marked, &options)
        .into_iter()
        .map(|piece| piece.replace(CUT, ""))
        .collect()
}

/// Where a word too long for a line may be cut: a control character,
/// which no escaped text holds, and which takes no column.
const CUT: char = '\u{1}';

/// `line` with a [`CUT`] after the hyphens and slashes of each word wider
/// than `room` where one is needed (an id, a file's path), so that each
/// piece is as long as fits in `room`.
fn mark_cuts(line: &str, room: usize) -> Cow<'_, str> {
    // No character is wider than its UTF-8 bytes are long.
    let too_wide = |word: &str| word.len() > room && display_width(word) > room;
    if !line.split(' ').any(too_wide) {
        return Cow::Borrowed(line);
    }
    let words: Vec<String> = line
        .split(' ')
        .map(|word| {
            if !too_wide(word) {
                return word.to_owned();
            }
            let mut marked = String::with_capacity(word.len() + 8);
            let mut used = 0;
            for part in word.split_inclusive(['-', '/']) {
                let needed = display_width(part);
                if used > 0 && used + needed > room {
                    marked.push(CUT);
                    used = 0;
                }
                marked.push_str(part);
                used += needed;
            }
            marked
        })
        .collect();
    Cow::Owned(words.join(" "))
}

/// The words of [`WordSeparator::AsciiSpace`], each cut at its [`CUT`]s
/// into pieces that join without a space when they share a line.
fn words_and_cuts(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    Box::new(WordSeparator::AsciiSpace.find_words(line).flat_map(|word| {
        let mut pieces = Vec::new();
        let mut rest = word.word;
        while let Some(at) = rest.find(CUT) {
            let (piece, after) = rest.split_at(at);
            pieces.push(Word {
                word: piece,
                whitespace: &after[..CUT.len_utf8()],
                penalty: "",
                width: display_width(piece),
            });
            rest = &after[CUT.len_utf8()..];
        }
        pieces.push(Word {
            word: rest,
            width: display_width(rest),
            ..word
        });
        pieces
    }))
}

/// Lines of `width` columns broken at spaces only: an id, a document
/// number or a date window ("2282/QĐ-TTg", "2025-11-15..2025-12-15") is
/// never cut at a slash or a hyphen, as Unicode's line-breaking rules
/// would allow (another crate turns those rules on in textwrap), unless
/// it is longer than the whole line (see [`wrap_line`]).
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
/// Rust writes it, `\u{1b}`: visible, and plain ASCII. A carriage return
/// before a line feed is a line end (a multi-line string of a file saved
/// with CRLF keeps them) and goes; alone, it would rewrite the line, and is
/// shown. Text with none is returned as it is, without a copy.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !may_be_unsafe(text) || !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
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
    fn a_crlf_line_end_is_a_line_end_and_a_lone_carriage_return_is_shown() {
        assert_eq!(escape("liên ngành\r\nnhằm"), "liên ngành\nnhằm");
        assert_eq!(escape("a\rb\r"), "a\\u{d}b\\u{d}");
    }

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

    #[test]
    fn a_paragraph_is_joined_before_it_is_wrapped_and_code_keeps_its_lines() {
        let text = "## What\n\nOne line\nand the next.\n- an item\n  going on\n| a | b |\n\n```toml\nid = \"a\"\nref = \"b\"\n```\nAfter.";
        assert_eq!(
            paragraphs(text),
            [
                "## What",
                "",
                "One line and the next.",
                "- an item going on",
                "| a | b |",
                "",
                "```toml",
                "id = \"a\"",
                "ref = \"b\"",
                "```",
                "After."
            ]
        );
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_after_its_hyphens() {
        let lines = wrap(
            "co-so-y-te-nguoi-dong-tinh-song-tinh-chuyen-gioi [Mục tiêu 4]",
            30,
        );
        assert_eq!(
            lines,
            [
                "co-so-y-te-nguoi-dong-tinh-",
                "song-tinh-chuyen-gioi [Mục",
                "tiêu 4]"
            ]
        );
        let mut out = Vec::new();
        let card = "  co-so-y-te-nguoi-dong-tinh-song-tinh-chuyen-gioi: Cơ sở y tế";
        write_text(&mut out, card, Some(40)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  co-so-y-te-nguoi-dong-tinh-song-\n      tinh-chuyen-gioi: Cơ sở y tế\n"
        );
    }

    #[test]
    fn prose_wraps_under_its_own_indentation() {
        let mut out = Vec::new();
        let text = "A skipped number usually means a task was left out\n  - a list item that is long enough\n";
        write_prose(&mut out, text, Some(30)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "A skipped number usually means\na task was left out\n  - a list item that is long\n  enough\n"
        );
    }

    #[test]
    fn a_path_longer_than_a_line_is_cut_after_a_slash_or_hyphen() {
        let lines = wrap(
            "plans/khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020.toml",
            40,
        );
        assert_eq!(
            lines,
            [
                "plans/khong-ro-tinh/so-ngoai-vu-thang-",
                "hanh-dong-2020.toml"
            ]
        );
    }

    #[test]
    fn a_part_without_hyphens_longer_than_a_line_is_cut_inside() {
        assert_eq!(
            wrap("ab-cdefghijkl-mn", 5),
            ["ab-", "cdefg", "hijkl", "-mn"]
        );
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_and_keep_every_character(
            text in "[a-zđư -]{0,120}|(\\PC{1,12}[ -]){0,12}",
            width in 40usize..90,
        ) {
            let mut out = Vec::new();
            write_text(&mut out, &text, Some(width)).unwrap();
            let out = String::from_utf8(out).unwrap();
            for line in out.lines() {
                prop_assert!(display_width(line) <= width, "{line:?} over {width}");
            }
            let kept = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(kept(&out), kept(&escape(&text)));
        }

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
