//! Large JSON arrays, written fast: rows are written in parallel, chunk by
//! chunk, by a hand-driven [`Object`] that writes the very bytes
//! `serde_json::to_writer_pretty` writes, without serde's generic
//! machinery. A national `gplan due` writes hundreds of megabytes of it.

use std::io::{self, Write};

/// Writes `items` as one pretty JSON array, then a newline; `write_row`
/// writes one item as an [`Object`]. Chunks of rows are written in
/// parallel and put out in order.
pub fn write_array<I: Sync>(
    out: &mut dyn Write,
    items: &[I],
    write_row: impl Fn(&I, Object) + Sync,
) -> io::Result<()> {
    array_in_chunks(out, items, write_row, super::CHUNK)
}

fn array_in_chunks<I: Sync>(
    out: &mut dyn Write,
    items: &[I],
    write_row: impl Fn(&I, Object) + Sync,
    chunk: usize,
) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(out, "[]");
    }
    out.write_all(b"[\n")?;
    super::write_in_pieces(out, items, chunk, b",\n", |rows, piece| {
        for (i, item) in rows.iter().enumerate() {
            if i > 0 {
                piece.extend_from_slice(b",\n");
            }
            write_row(item, Object::new(piece));
        }
        Ok(())
    })?;
    out.write_all(b"\n]\n")
}

/// One object of an array, as a pretty printer indents it one level in.
/// Keys are written in the order they are given; the object is closed
/// when dropped.
pub struct Object<'b> {
    out: &'b mut Vec<u8>,
    empty: bool,
}

impl<'b> Object<'b> {
    fn new(out: &'b mut Vec<u8>) -> Self {
        out.extend_from_slice(b"  {");
        Object { out, empty: true }
    }

    /// Keys are gplan's own names (`deadline`, `lead`): they need no
    /// escape, and are written without looking for one.
    fn key(&mut self, key: &'static str) {
        debug_assert!(!needs_escape(key.as_bytes()), "{key}");
        self.out.extend_from_slice(if self.empty {
            b"\n    \""
        } else {
            b",\n    \""
        });
        self.empty = false;
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// A string, or `null`.
    pub fn text(&mut self, key: &'static str, value: Option<&str>) {
        self.key(key);
        match value {
            Some(value) => string(self.out, value),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    /// An array of strings.
    pub fn texts<'t>(&mut self, key: &'static str, values: impl IntoIterator<Item = &'t str>) {
        self.key(key);
        let mut values = values.into_iter().peekable();
        if values.peek().is_none() {
            self.out.extend_from_slice(b"[]");
            return;
        }
        self.out.push(b'[');
        for (i, value) in values.enumerate() {
            self.out
                .extend_from_slice(if i == 0 { b"\n      " } else { b",\n      " });
            string(self.out, value);
        }
        self.out.extend_from_slice(b"\n    ]");
    }

    /// A whole number.
    pub fn number(&mut self, key: &'static str, value: usize) {
        self.key(key);
        self.out
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
    }
}

impl Drop for Object<'_> {
    fn drop(&mut self) {
        self.out
            .extend_from_slice(if self.empty { b"}" } else { b"\n  }" });
    }
}

/// A JSON string: text with nothing to escape (nearly all text in plans)
/// is copied as it is; anything else is escaped by serde_json.
fn string(out: &mut Vec<u8>, text: &str) {
    if !needs_escape(text.as_bytes()) {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else if serde_json::to_writer(&mut *out, text).is_err() {
        // Writing to a Vec cannot fail; an escape can only be written.
        out.extend_from_slice(b"\"\"");
    }
}

/// Whether JSON needs an escape for any byte (a control character, `"`
/// or `\\`). Checked a block at a time without branches inside a block,
/// which the compiler turns into vector instructions.
fn needs_escape(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|block| {
        block.iter().fold(false, |found, &b| {
            found | (b < 0x20) | (b == b'"') | (b == b'\\')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Row {
        n: usize,
        text: String,
        names: Vec<String>,
        none: Option<String>,
    }

    fn row(n: usize) -> Row {
        Row {
            n,
            text: match n % 4 {
                0 => format!("dòng {n}\nhai \"dòng\" \\ \u{1} \u{7f} </a> \u{2028}"),
                1 => format!("Sở Nội vụ {n}"),
                2 => String::new(),
                _ => "tab\there".to_owned(),
            },
            names: (0..n % 3).map(|i| format!("Sở {i} \"x\"")).collect(),
            none: None,
        }
    }

    fn write_row(row: &Row, mut object: Object) {
        object.number("n", row.n);
        object.text("text", Some(&row.text));
        object.texts("names", row.names.iter().map(String::as_str));
        object.text("none", row.none.as_deref());
    }

    #[test]
    fn arrays_in_chunks_are_the_bytes_serde_json_writes_for_the_whole_array() {
        for len in 0..40 {
            let rows: Vec<Row> = (0..len).map(row).collect();
            let mut whole = serde_json::to_vec_pretty(&rows).expect("serialised");
            whole.push(b'\n');
            for chunk in 1..5 {
                let mut chunked = Vec::new();
                array_in_chunks(&mut chunked, &rows, write_row, chunk).expect("written");
                assert_eq!(
                    String::from_utf8_lossy(&chunked),
                    String::from_utf8_lossy(&whole),
                    "{len} rows in chunks of {chunk}"
                );
            }
        }
    }

    #[test]
    fn an_object_without_keys_is_written_as_serde_json_writes_it() {
        #[derive(Serialize)]
        struct Nothing {}
        let mut whole = serde_json::to_vec_pretty(&[Nothing {}]).expect("serialised");
        whole.push(b'\n');
        let mut written = Vec::new();
        write_array(&mut written, &[()], |_, _| {}).expect("written");
        assert_eq!(written, whole);
    }

    mod properties {
        use super::*;

        proptest::proptest! {
            #[test]
            fn strings_are_the_bytes_serde_json_writes(text in "\\PC*|[\"\\\\\u{0}-\u{1f}\u{7f}a-zà]{0,20}") {
                let mut written = Vec::new();
                string(&mut written, &text);
                proptest::prop_assert_eq!(written, serde_json::to_vec(&text).expect("serialised"));
            }
        }
    }
}
