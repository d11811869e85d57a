use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// Characters in a file that act on a terminal or hide in the text:
    /// control characters (C0 other than tab and line ends, DEL, C1, such
    /// as ESC from `\u001b` or `\e`), bidirectional controls (U+202A–U+202E,
    /// U+2066–U+2069, and the marks U+200E, U+200F, U+061C), and invisible
    /// characters (U+200B–U+200D, U+2060, U+FEFF, U+00AD), in a value or a
    /// comment, written as they are or as an escape.
    ///
    /// ## Why it matters
    ///
    /// An escape sequence in a title can clear the screen or rewrite what
    /// a terminal shows; a bidirectional control makes the text (or a
    /// comment) read differently from what it is. gplan shows them escaped,
    /// but the file still carries them. An invisible character makes two
    /// names that look identical differ; name matching ignores them, other
    /// tools may not.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch \u001b[2J"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = 2023
    /// ```
    ///
    /// ## How to fix
    ///
    /// Delete the character; it is not part of the document's text (text
    /// pasted from a PDF or a web page often carries them).
    name: "control-character",
    severity: Warning,
    phase: File,
    summary: "text holds a control, bidirectional or invisible character",
}

/// What kind of character was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// C0 (other than tab and line ends), DEL or C1.
    Control,
    /// An embedding, override, isolate or mark that reorders text.
    Bidirectional,
    /// A character that shows nothing.
    Invisible,
}

impl Kind {
    /// The kind of `c`, or `None` for a character that shows as itself.
    pub fn of(c: char) -> Option<Kind> {
        match c {
            '\t' | '\n' | '\r' => None,
            '\0'..='\x1f' | '\x7f'..='\u{9f}' => Some(Kind::Control),
            '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{61c}' => Some(Kind::Bidirectional),
            c if crate::names::is_invisible(c) => Some(Kind::Invisible),
            _ => None,
        }
    }
}

/// A character of one of those kinds.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The character, or the whole value when it was written as an escape.
    pub span: Range<usize>,
    pub character: char,
    pub kind: Kind,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let code = format!("U+{:04X}", u32::from(f.character));
        let (message, help) = match f.kind {
            Kind::Control => (
                format!("control character {code} in the text"),
                "delete it: a terminal would act on it (an escape sequence can clear or rewrite the screen)",
            ),
            Kind::Bidirectional => (
                format!("bidirectional control {code} in the text"),
                "delete it: it makes the text around it show in another order than it is written",
            ),
            Kind::Invisible => (
                format!("invisible character {code} in the text"),
                "delete it: it shows nothing, and names differing only by it look identical",
            ),
        };
        Diagnostic::new(Code::ControlCharacter, f.file, f.span, message)
            .with_label("here")
            .with_help(help)
    }
}
