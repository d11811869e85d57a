//! `gplan tree` output: one line per plan, children indented.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use crate::query::tree::Line;
use crate::resolve::{Index, Node};

/// How `gplan tree` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// One line per plan, children indented.
    #[default]
    Text,
    /// Nested JSON: an array of roots, each with its `children`.
    Json,
}

/// Nesting deeper than this is not indented further, in `tree` and in
/// the chain `show` prints: indenting every level of a chain as long as
/// the repository would make the output, and the memory that holds it,
/// grow with the square of its depth (1.8 GB for 30,000 plans).
pub const MAX_INDENT: usize = 32;

/// One document of the tree, without its children. An outside document
/// has `id`, `period` and `file` null and `outside` true, as in `show`.
#[derive(Serialize)]
struct NodeJson<'a> {
    id: Option<&'a str>,
    number: Option<&'a str>,
    title: Option<&'a str>,
    period: Option<PeriodJson>,
    file: Option<&'a str>,
    outside: bool,
    /// Already listed under an earlier parent (or closing a cycle): its
    /// children are given there, not again.
    repeated: bool,
}

#[derive(Serialize)]
struct PeriodJson {
    from: String,
    to: String,
}

fn node_json<'a>(index: &'a Index, line: &Line) -> NodeJson<'a> {
    match line.node {
        Node::Plan(i) => {
            let plan = &index.plans[i];
            NodeJson {
                id: Some(&plan.id.value),
                number: plan.number.as_ref().map(|n| n.value.as_str()),
                title: Some(&plan.title),
                period: plan.period.as_ref().map(|p| PeriodJson {
                    from: p.value.from.to_string(),
                    to: p.value.to.to_string(),
                }),
                file: Some(&plan.file),
                outside: false,
                repeated: line.repeated,
            }
        }
        Node::Outside(d) => {
            let document = index.catalogue.map(|c| &c.documents[d]);
            NodeJson {
                id: None,
                number: document.map(|d| d.number.value.as_str()),
                title: document.and_then(|d| d.title.as_deref()),
                period: None,
                file: None,
                outside: true,
                repeated: line.repeated,
            }
        }
    }
}

/// Writes the forest as nested JSON, one document a line:
/// `{"id": …, …, "children": [` opens a document and `]}` closes it. The
/// lines come depth first, so the documents still open form a stack of
/// their own (no recursion, whatever the depth); each entry says whether
/// its list has an item yet, for the commas.
pub fn write_json(out: &mut dyn Write, index: &Index, lines: &[Line]) -> io::Result<()> {
    let indent = |depth: usize| "  ".repeat(depth.min(MAX_INDENT));
    // The list of roots, then the children of each open document.
    let mut open: Vec<bool> = vec![false];
    write!(out, "[")?;
    for line in lines {
        while open.len() > line.depth + 1 {
            close(out, &mut open, indent)?;
        }
        if let Some(has_items) = open.last_mut() {
            write!(out, "{}", if *has_items { ",\n" } else { "\n" })?;
            *has_items = true;
        }
        let fields = super::json::to_string(&node_json(index, line))?;
        let fields = fields.strip_suffix('}').unwrap_or(&fields);
        write!(out, "{}{fields},\"children\":[", indent(open.len()))?;
        open.push(false);
    }
    while open.len() > 1 {
        close(out, &mut open, indent)?;
    }
    let end = if open[0] { "\n]" } else { "]" };
    writeln!(out, "{end}")
}

/// Closes the innermost open document.
fn close(
    out: &mut dyn Write,
    open: &mut Vec<bool>,
    indent: impl Fn(usize) -> String,
) -> io::Result<()> {
    if open.pop() == Some(true) {
        write!(out, "\n{}", indent(open.len()))?;
    }
    write!(out, "]}}")
}

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
        let indent = "    ".repeat(line.depth.min(MAX_INDENT));
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
