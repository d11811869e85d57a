//! Turning results into text: one module per output family.

pub mod calendar;
pub mod diagnostics;
pub mod due;
pub mod fit;
pub mod json;
pub mod messages;
pub mod owners;
pub mod rules;
pub mod show;
pub mod status;
pub mod terminal;
pub mod tree;

use std::io::{self, Write};

/// A serde_json error as an I/O error that keeps its kind, so a closed pipe
/// (`gplan due --format json | head`) is still recognised as one.
pub fn json_error(err: serde_json::Error) -> io::Error {
    match err.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(err),
    }
}

/// Writes one CSV record, each field's characters that act on a terminal
/// written as the tables write them (`\u{202e}`, see [`terminal::escape`]):
/// CSV has no escape of its own, and its rows reach a terminal as often
/// as a spreadsheet.
pub fn csv_record<W: Write, S: AsRef<str>>(
    writer: &mut csv::Writer<W>,
    fields: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    for field in fields {
        let field = terminal::escape(field.as_ref());
        writer.write_field(field.as_bytes()).map_err(csv_error)?;
    }
    writer.write_record(None::<&[u8]>).map_err(csv_error)
}

/// A csv error as an I/O error that keeps its kind.
pub fn csv_error(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Cuts text to `max` characters with an ellipsis, for table cells; JSON,
/// CSV and calendars always carry the whole text. The cut is after the
/// last whole word that fits ("Ủy ban nhân dân…", not "Ủy ban nhân
/// dân p…"), unless that would keep less than half of `max`.
pub fn ellipsize(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let room = max.saturating_sub(1);
    let cut: String = text.chars().take(room).collect();
    let at_word_end = text.chars().nth(room).is_some_and(char::is_whitespace);
    let kept = match cut.rfind(char::is_whitespace) {
        Some(at) if !at_word_end && cut[..at].chars().count() >= max / 2 => &cut[..at],
        _ => &cut,
    };
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_title_ends_after_a_whole_word() {
        let title = "Theo dõi, tổng hợp báo cáo từ các sở, ban, ngành, đoàn thể Thành phố và Ủy ban nhân dân phường";
        assert_eq!(
            ellipsize(title, 90),
            "Theo dõi, tổng hợp báo cáo từ các sở, ban, ngành, đoàn thể Thành phố và Ủy ban nhân dân…"
        );
        assert_eq!(ellipsize("một hai ba", 8), "một hai…");
        assert_eq!(ellipsize("một hai ba", 10), "một hai ba");
        assert_eq!(ellipsize("abcdefghijkl mn", 8), "abcdefg…");
    }
}
