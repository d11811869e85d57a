//! Messages on standard error (warnings, notes, errors, `check`'s
//! summary) fitted to the terminal they are read on, as tables are.

use std::io::{self, IsTerminal, Write};

use super::terminal::{forced_or, write_text};

/// The width messages are laid out for: `COLUMNS` when it is set, else
/// the terminal's width when standard error is a terminal. `None` into a
/// pipe or a file: a log keeps each message on one line for `grep`.
pub fn width() -> Option<usize> {
    forced_or(|| {
        io::stderr()
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(io::stderr()))?
    })
}

/// A writer that wraps each line written through it at `width` columns,
/// at spaces, a continuation indented past its line's own indentation
/// (see [`write_text`]). A line is held back until its end arrives (one
/// message is often several writes); [`Write::flush`] writes what is
/// held. Without a width, bytes pass through as they come.
pub struct Wrapped<W: Write> {
    inner: W,
    width: Option<usize>,
    held: Vec<u8>,
}

impl<W: Write> Wrapped<W> {
    pub fn new(inner: W, width: Option<usize>) -> Self {
        Wrapped {
            inner,
            width,
            held: Vec::new(),
        }
    }

    /// Writes the held bytes up to and including their last line end.
    fn write_lines(&mut self, width: usize) -> io::Result<()> {
        let Some(end) = self.held.iter().rposition(|&b| b == b'\n') else {
            return Ok(());
        };
        let lines: Vec<u8> = self.held.drain(..=end).collect();
        let mut wrapped = Vec::with_capacity(lines.len() + 16);
        write_text(&mut wrapped, &String::from_utf8_lossy(&lines), Some(width))?;
        self.inner.write_all(&wrapped)
    }
}

impl<W: Write> Write for Wrapped<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(width) = self.width else {
            return self.inner.write(buf);
        };
        self.held.extend_from_slice(buf);
        self.write_lines(width)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.held.is_empty() {
            let rest = std::mem::take(&mut self.held);
            self.inner.write_all(&rest)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(writes: &[&str], width: Option<usize>) -> String {
        let mut out = Wrapped::new(Vec::new(), width);
        for piece in writes {
            out.write_all(piece.as_bytes()).unwrap();
        }
        out.flush().unwrap();
        String::from_utf8(out.inner).unwrap()
    }

    #[test]
    fn a_message_written_in_pieces_is_wrapped_as_one_line_at_spaces() {
        let message = [
            "warning: left out plans/ha-noi/kh-2.toml: ",
            "its plan id `KH-2` is the id of plans/ha-noi/kh-1.toml\n",
        ];
        assert_eq!(
            wrapped(&message, Some(40)),
            "warning: left out\n    plans/ha-noi/kh-2.toml: its plan id\n    `KH-2` is the id of\n    plans/ha-noi/kh-1.toml\n"
        );
    }

    #[test]
    fn each_line_keeps_its_indentation_and_a_short_line_is_untouched() {
        let message = "error: no body matches \"Sở Nội\"\n  did you mean: Sở Nội vụ, Sở Ngoại vụ, Sở Nông nghiệp và Môi trường\n";
        assert_eq!(
            wrapped(&[message], Some(50)),
            "error: no body matches \"Sở Nội\"\n  did you mean: Sở Nội vụ, Sở Ngoại vụ, Sở Nông\n      nghiệp và Môi trường\n"
        );
    }

    #[test]
    fn without_a_width_bytes_pass_as_they_come() {
        let long = format!("note: {}\n", "từ ".repeat(40));
        assert_eq!(wrapped(&[&long, "no end"], None), format!("{long}no end"));
    }

    #[test]
    fn a_line_without_its_end_is_written_on_flush() {
        assert_eq!(wrapped(&["done"], Some(40)), "done");
    }
}
