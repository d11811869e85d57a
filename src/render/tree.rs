//! `gplan tree` output: one line per plan, children indented.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::query::tree::Line;
use crate::resolve::Index;

/// Writes the forest: `id  number  period  title`, marking a plan already
/// shown under an earlier parent; escaped, and wrapped at `width` with a
/// hanging indent (see [`super::terminal::write_text`]).
pub fn write(
    out: &mut dyn Write,
    index: &Index,
    lines: &[Line],
    width: Option<usize>,
) -> io::Result<()> {
    let mut text = String::new();
    for line in lines {
        let plan = &index.plans[line.plan];
        let number = plan
            .number
            .as_ref()
            .map_or("(no number)", |n| n.value.as_str());
        let period = plan.period.as_ref().map_or_else(
            || "(no period)".to_owned(),
            |p| format!("{}..{}", p.value.from.format("%Y"), p.value.to.format("%Y")),
        );
        let mark = if line.repeated { "  (also above)" } else { "" };
        // Line breaks in a title would start lines of their own.
        let title = plan.title.replace(['\n', '\r'], " ");
        let _ = writeln!(
            text,
            "{}{}  {number}  {period}  {title}{mark}",
            "    ".repeat(line.depth),
            plan.id.value,
        );
    }
    super::terminal::write_text(out, &text, width)
}
