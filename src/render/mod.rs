//! Turning results into text: one module per output family.

pub mod diagnostics;
pub mod due;
pub mod owners;
pub mod show;
pub mod tree;

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// A serde_json error as an I/O error that keeps its kind, so a closed pipe
/// (`gplan due --format json | head`) is still recognised as one.
pub fn json_error(err: serde_json::Error) -> io::Error {
    match err.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(err),
    }
}

/// A csv error as an I/O error that keeps its kind.
pub fn csv_error(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Cuts text to `max` characters with an ellipsis, for table cells; JSON,
/// CSV and calendars always carry the whole text.
pub fn ellipsize(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Rows per piece of work when a JSON array is written in parallel.
const JSON_CHUNK: usize = 1024;

/// Writes `items` as one pretty JSON array of `row(item)`, then a newline:
/// the bytes `serde_json::to_writer_pretty` writes for the whole array,
/// with the rows serialised in parallel, chunk by chunk, and written in
/// order.
pub fn write_json_array<I, R>(
    out: &mut dyn Write,
    items: &[I],
    row: impl Fn(&I) -> R + Sync,
) -> io::Result<()>
where
    I: Sync,
    R: Serialize,
{
    json_array_in_chunks(out, items, row, JSON_CHUNK)
}

fn json_array_in_chunks<I, R>(
    out: &mut dyn Write,
    items: &[I],
    row: impl Fn(&I) -> R + Sync,
    chunk: usize,
) -> io::Result<()>
where
    I: Sync,
    R: Serialize,
{
    if items.is_empty() {
        return writeln!(out, "[]");
    }
    out.write_all(b"[\n")?;
    // A few chunks per thread at a time: the output of a national `due`
    // is hundreds of megabytes, never held whole.
    let batch = chunk * 4 * rayon::current_num_threads();
    for (b, rows) in items.chunks(batch).enumerate() {
        let pieces: Vec<Vec<u8>> = rows
            .par_chunks(chunk)
            .map(|rows| pretty_rows(rows, &row))
            .collect::<io::Result<_>>()?;
        for (i, piece) in pieces.iter().enumerate() {
            if b > 0 || i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(piece)?;
        }
    }
    out.write_all(b"\n]\n")
}

/// Rows as they sit inside a pretty array, separated by `,` and newlines.
fn pretty_rows<I, R: Serialize>(rows: &[I], row: impl Fn(&I) -> R) -> io::Result<Vec<u8>> {
    let mut piece = Vec::new();
    for (i, item) in rows.iter().enumerate() {
        if i > 0 {
            piece.extend_from_slice(b",\n");
        }
        piece.extend_from_slice(b"  ");
        // A row sits one level into the array: the formatter is told it
        // opened one (to nowhere) so that it indents the row's keys so.
        let mut formatter = PrettyFormatter::new();
        formatter.begin_array(&mut io::sink())?;
        let mut serializer = serde_json::Serializer::with_formatter(&mut piece, formatter);
        row(item).serialize(&mut serializer).map_err(json_error)?;
    }
    Ok(piece)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        n: usize,
        text: String,
        names: Vec<String>,
        none: Option<u8>,
    }

    fn row(n: &usize) -> Row {
        Row {
            n: *n,
            text: format!("dòng {n}\nhai \"dòng\""),
            names: (0..n % 3).map(|i| format!("Sở {i}")).collect(),
            none: None,
        }
    }

    #[test]
    fn json_arrays_in_chunks_are_the_bytes_of_the_whole_array() {
        for len in 0..40 {
            let items: Vec<usize> = (0..len).collect();
            let rows: Vec<Row> = items.iter().map(row).collect();
            let mut whole = serde_json::to_vec_pretty(&rows).expect("serialised");
            whole.push(b'\n');
            for chunk in 1..5 {
                let mut chunked = Vec::new();
                json_array_in_chunks(&mut chunked, &items, row, chunk).expect("written");
                assert_eq!(
                    String::from_utf8_lossy(&chunked),
                    String::from_utf8_lossy(&whole),
                    "{len} rows in chunks of {chunk}"
                );
            }
        }
    }
}
