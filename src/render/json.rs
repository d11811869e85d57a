//! JSON as serde_json writes it, but for one thing: text from the files
//! never carries a character that acts on a terminal or reorders text
//! (see [`is_unsafe`]). serde_json escapes the C0 controls itself and
//! writes DEL, the C1 controls and the bidirectional controls raw; here
//! they are written as `\uXXXX` escapes, which every JSON reader reads
//! back as the same text.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use serde_json::Serializer;

use super::terminal::{is_unsafe, may_be_unsafe};

/// Writes `value` indented by two spaces, as `serde_json::to_writer_pretty`
/// does.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    let mut serializer = Serializer::with_formatter(writer, SafeText(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(super::json_error)
}

/// `value` on one line, as `serde_json::to_string` writes it.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut bytes = Vec::new();
    let mut serializer = Serializer::with_formatter(&mut bytes, SafeText(CompactFormatter));
    value
        .serialize(&mut serializer)
        .map_err(super::json_error)?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

/// A formatter that lays out as `F` does and escapes what [`is_unsafe`]
/// finds in strings (keys and values).
struct SafeText<F>(F);

impl<F: Formatter> Formatter for SafeText<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !may_be_unsafe(fragment) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn overrides_and_c1_controls_are_escaped_and_read_back_the_same() {
        let text = "Tổ chức\u{202e} tập huấn\u{9b}2J\u{7f}\u{1b}";
        let written = to_string(&[text]).unwrap();
        assert_eq!(written, r#"["Tổ chức\u202e tập huấn\u009b2J\u007f\u001b"]"#);
        let read: Vec<String> = serde_json::from_str(&written).unwrap();
        assert_eq!(read, [text]);
    }

    #[test]
    fn the_layout_is_serde_jsons() {
        let value = serde_json::json!({"plan": "a/b", "lead": ["Sở Nội vụ"], "n": 1});
        let mut mine = Vec::new();
        to_writer_pretty(&mut mine, &value).unwrap();
        assert_eq!(mine, serde_json::to_vec_pretty(&value).unwrap());
        assert_eq!(
            to_string(&value).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
    }

    proptest! {
        #[test]
        fn no_unsafe_character_is_written_and_every_text_reads_back(
            key in "\\PC{0,8}|[\\x00-\\x{a0}\\x{61c}\\x{200e}\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}]{0,8}",
            text in "\\PC*|[\\x00-\\x{a0}\\x{200e}\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}a-zđ]{0,40}",
        ) {
            let value = std::collections::BTreeMap::from([(key, text)]);
            let mut written = Vec::new();
            to_writer_pretty(&mut written, &value).unwrap();
            let written = String::from_utf8(written).unwrap();
            prop_assert!(!written.chars().any(is_unsafe), "{written:?}");
            let read: std::collections::BTreeMap<String, String> =
                serde_json::from_str(&written).unwrap();
            prop_assert_eq!(read, value);
        }
    }
}
