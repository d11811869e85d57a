//! `gplan rules` as a table: one line per rule into a pipe (for `grep`
//! and `cut`), and fitted to the terminal's width on a terminal, the
//! summary wrapped under its column, or each rule as a paragraph where
//! the codes leave the summary too little room.

use std::io::{self, Write};

use textwrap::core::display_width;

use crate::render::terminal::{pad, wrap};

/// The fewest columns a summary is wrapped into beside the code and the
/// level; below it a summary reads as a list of words.
const SUMMARY_LEAST: usize = 20;

/// The level column: as wide as `warning`, the longest level, and a space.
const LEVEL: usize = 8;

/// Writes `rows` of (code, level, summary) under a header, each column
/// as wide as its widest cell. With a `width`, no line is wider than it:
/// the summary is wrapped at spaces under its column, or, where less than
/// [`SUMMARY_LEAST`] columns are left for it, each rule is written as its
/// code and level over its summary, indented four columns.
pub fn write(
    out: &mut dyn Write,
    rows: &[(&str, &str, &str)],
    width: Option<usize>,
) -> io::Result<()> {
    let code = rows.iter().map(|r| display_width(r.0)).max().unwrap_or(0);
    let before = code + 2 + LEVEL + 2;
    match width {
        Some(width) if width < before + SUMMARY_LEAST => write_cards(out, rows, width),
        _ => {
            let room = width.map(|w| w - before);
            writeln!(
                out,
                "{}  {}  SUMMARY",
                pad("CODE", code),
                pad("LEVEL", LEVEL)
            )?;
            for (name, level, summary) in rows {
                let lead = format!("{}  {}  ", pad(name, code), pad(level, LEVEL));
                write_wrapped(out, &lead, summary, room)?;
            }
            Ok(())
        }
    }
}

/// `summary` after `lead`, wrapped into `room` columns (not at all
/// without one), each continuation under the summary's first column.
fn write_wrapped(
    out: &mut dyn Write,
    lead: &str,
    summary: &str,
    room: Option<usize>,
) -> io::Result<()> {
    let Some(room) = room else {
        return writeln!(out, "{lead}{summary}");
    };
    let indent = " ".repeat(display_width(lead));
    for (at, line) in wrap(summary, room).iter().enumerate() {
        let before = if at == 0 { lead } else { indent.as_str() };
        writeln!(out, "{before}{line}")?;
    }
    Ok(())
}

/// Each rule as a paragraph: its code and level on a first line, then its
/// summary wrapped into `width` less four columns, indented four.
fn write_cards(out: &mut dyn Write, rows: &[(&str, &str, &str)], width: usize) -> io::Result<()> {
    for (name, level, summary) in rows {
        writeln!(out, "{name} · {level}")?;
        for line in wrap(summary, width - 4) {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: [(&str, &str, &str); 2] = [
        ("gplan::a", "error", "the file is not valid TOML at all"),
        ("gplan::bb", "warning", "short"),
    ];

    fn written(width: Option<usize>) -> String {
        let mut out = Vec::new();
        write(&mut out, &ROWS, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn into_a_pipe_each_rule_is_one_line() {
        assert_eq!(
            written(None),
            "CODE       LEVEL     SUMMARY\n\
             gplan::a   error     the file is not valid TOML at all\n\
             gplan::bb  warning   short\n"
        );
    }

    #[test]
    fn on_a_terminal_the_summary_wraps_under_its_column() {
        assert_eq!(
            written(Some(43)),
            "CODE       LEVEL     SUMMARY\n\
             gplan::a   error     the file is not valid\n\
             \x20                    TOML at all\n\
             gplan::bb  warning   short\n"
        );
    }

    #[test]
    fn too_narrow_for_the_summary_each_rule_is_a_paragraph() {
        assert_eq!(
            written(Some(30)),
            "gplan::a · error\n    the file is not valid TOML\n    at all\n\
             gplan::bb · warning\n    short\n"
        );
    }
}
