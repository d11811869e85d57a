//! `gplan tree` output: one line per plan, children indented.

use std::io::{self, Write};

use crate::query::tree::Line;
use crate::resolve::Index;

/// Writes the forest: `id  number  period  title`, marking a plan already
/// shown under an earlier parent.
pub fn write(out: &mut dyn Write, index: &Index, lines: &[Line]) -> io::Result<()> {
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
        writeln!(
            out,
            "{}{}  {number}  {period}  {}{mark}",
            "    ".repeat(line.depth),
            plan.id.value,
            plan.title
        )?;
    }
    Ok(())
}
