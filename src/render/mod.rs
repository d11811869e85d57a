//! Turning results into text: one module per output family.

pub mod diagnostics;
pub mod due;
pub mod json;
pub mod owners;
pub mod show;
pub mod tree;

use std::io::{self, Write};

use rayon::prelude::*;

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

/// Items per piece of work when a long listing is written in parallel.
pub const CHUNK: usize = 1024;

/// Writes `items` in order, in pieces made in parallel: `write_piece`
/// writes a chunk of items into an empty buffer (the first error it
/// returns stops the writing), and `between` goes
/// between two pieces. A few chunks per thread are made at a time: the
/// output of a national `due` is hundreds of megabytes, never held whole.
/// The buffers are used again for every batch, so they grow only in the
/// first.
pub fn write_in_pieces<I: Sync>(
    out: &mut dyn Write,
    items: &[I],
    chunk: usize,
    between: &[u8],
    write_piece: impl Fn(&[I], &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let chunk = chunk.max(1);
    let batch = chunk * 4 * rayon::current_num_threads();
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    for (b, rows) in items.chunks(batch).enumerate() {
        let chunks = rows.chunks(chunk).len();
        pieces.resize_with(pieces.len().max(chunks), Vec::new);
        pieces[..chunks]
            .par_iter_mut()
            .zip(rows.par_chunks(chunk))
            .try_for_each(|(piece, rows)| {
                piece.clear();
                write_piece(rows, piece)
            })?;
        for (i, piece) in pieces[..chunks].iter().enumerate() {
            if b > 0 || i > 0 {
                out.write_all(between)?;
            }
            out.write_all(piece)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_come_out_in_order_whatever_the_chunk_size() {
        for len in 0..30 {
            let items: Vec<usize> = (0..len).collect();
            let whole: Vec<String> = items.iter().map(|i| format!("<{i}>")).collect();
            for chunk in 0..6 {
                let mut out = Vec::new();
                write_in_pieces(&mut out, &items, chunk, b"|", |items, piece| {
                    let texts: Vec<String> = items.iter().map(|i| format!("<{i}>")).collect();
                    piece.extend_from_slice(texts.join("|").as_bytes());
                    Ok(())
                })
                .expect("written");
                assert_eq!(
                    String::from_utf8_lossy(&out),
                    whole.join("|"),
                    "{len} in {chunk}"
                );
            }
        }
    }

    #[test]
    fn the_first_error_of_a_piece_stops_the_writing() {
        let items: Vec<usize> = (0..10_000).collect();
        let mut out = Vec::new();
        let result = write_in_pieces(&mut out, &items, 10, b"", |items, piece| {
            if items.contains(&5_000) {
                return Err(io::Error::other("bad item"));
            }
            piece.push(b'.');
            Ok(())
        });
        assert!(result.is_err());
        assert!(
            out.len() <= 500,
            "nothing after the failing batch is written"
        );
    }
}
