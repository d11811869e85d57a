//! Turning results into text: one module per output family.

pub mod calendar;
pub mod diagnostics;
pub mod due;
pub mod fit;
pub mod owners;
pub mod show;
pub mod status;
pub mod terminal;
pub mod tree;

use std::io;

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
