//! Writing text as a TOML basic string ("…"), the one quoting style gplan
//! writes: readable Vietnamese as it is, and every character a terminal or
//! an editor would act on or hide (controls, bidirectional overrides,
//! line separators) as a visible escape.

use std::fmt::Write;

use unicode_normalization::UnicodeNormalization;

/// `text` in NFC as a TOML basic string, quotes included.
pub fn basic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.nfc() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if hidden(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters written as `\uXXXX`: controls, and the format characters
/// that reorder or split lines when shown.
pub fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        )
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text for a one-line comment: line breaks and hidden characters become
/// spaces, so the comment cannot end early or hide anything.
pub fn comment_text(text: &str) -> String {
    text.nfc()
        .map(|c| if hidden(c) { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_strings_escape_only_what_must_be_seen() {
        assert_eq!(basic("Sở \"Nội\" vụ"), r#""Sở \"Nội\" vụ""#);
        assert_eq!(basic("a\\b\n\t"), r#""a\\b\n\t""#);
        assert_eq!(basic("x\u{1b}[31m\u{202E}"), r#""x\u001B[31m\u202E""#);
        assert_eq!(basic("Nội vu\u{323}"), "\"Nội vụ\"");
    }

    #[test]
    fn comment_text_stays_on_one_line() {
        assert_eq!(comment_text("a\nb\u{1b}  c"), "a b c");
    }
}
