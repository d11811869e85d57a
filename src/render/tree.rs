//! `gplan tree` output: one line per plan, children indented.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::query::tree::Line;
use crate::resolve::{Index, Node};

/// Writes the forest: `id  number  period  title`, marking a plan already
/// shown under an earlier parent; an outside document is `number  (outside)
/// title`. Escaped, and wrapped at `width` with a hanging indent (see
/// [`super::terminal::write_text`]).
pub fn write(
    out: &mut dyn Write,
    index: &Index,
    lines: &[Line],
    width: Option<usize>,
) -> io::Result<()> {
    let mut text = String::new();
    for line in lines {
        let indent = "    ".repeat(line.depth);
        let Node::Plan(i) = line.node else {
            if let (Node::Outside(d), Some(catalogue)) = (line.node, index.catalogue) {
                let document = &catalogue.documents[d];
                let title = document.title.as_deref().unwrap_or("(no title)");
                let title = title.replace(['\n', '\r'], " ");
                let _ = writeln!(
                    text,
                    "{indent}{}  (outside)  {title}",
                    document.number.value
                );
            }
            continue;
        };
        let plan = &index.plans[i];
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
            "{indent}{}  {number}  {period}  {title}{mark}",
            plan.id.value,
        );
    }
    super::terminal::write_text(out, &text, width)
}
