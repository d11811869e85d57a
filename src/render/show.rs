//! `gplan show` output: text for people, JSON for scripts (shape in
//! docs/commands.md).

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::figure::Figure;
use crate::model::{Direction, Plan, Value};
use crate::query::show::{Ancestor, TargetComparison};
use crate::resolve::Index;

/// How `gplan show` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Readable text.
    #[default]
    Text,
    /// One JSON object.
    Json,
}

#[derive(Serialize)]
struct PlanJson<'a> {
    id: &'a str,
    number: Option<&'a str>,
    kind: &'a str,
    title: &'a str,
    issuer: Option<&'a str>,
    jurisdiction: Option<&'a str>,
    issued: Option<String>,
    period: Option<PeriodJson>,
    file: &'a str,
    ancestry: Vec<AncestorJson<'a>>,
    targets: Vec<TargetJson<'a>>,
    tasks: Vec<TaskJson<'a>>,
}

#[derive(Serialize)]
struct PeriodJson {
    from: String,
    to: String,
}

#[derive(Serialize)]
struct AncestorJson<'a> {
    depth: usize,
    id: &'a str,
    number: Option<&'a str>,
    title: &'a str,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    id: &'a str,
    text: &'a str,
    unit: Option<&'a str>,
    direction: &'static str,
    refines: Option<&'a str>,
    milestones: Vec<MilestoneJson>,
}

#[derive(Serialize)]
struct MilestoneJson {
    year: i32,
    value: Option<serde_json::Value>,
    parent: Option<serde_json::Value>,
    at_least_as_strong: Option<bool>,
}

#[derive(Serialize)]
struct TaskJson<'a> {
    id: &'a str,
    #[serde(rename = "ref")]
    section: Option<&'a str>,
    title: &'a str,
    lead: Vec<&'a str>,
    support: Vec<&'a str>,
    report_to: Vec<&'a str>,
    due: Vec<Cow<'a, str>>,
}

fn value_json(value: Value) -> serde_json::Value {
    match value {
        Value::Single(v) => figure_json(v),
        Value::Band(low, high) => serde_json::json!([figure_json(low), figure_json(high)]),
    }
}

/// A whole figure as a JSON integer, every digit kept; a decimal as the
/// nearest double (JSON readers read decimals as doubles anyway).
fn figure_json(figure: Figure) -> serde_json::Value {
    match figure.as_whole() {
        Some(whole) => serde_json::json!(whole),
        None => serde_json::json!(figure.to_f64()),
    }
}

fn direction(direction: Direction) -> &'static str {
    match direction {
        Direction::AtLeast => "at-least",
        Direction::AtMost => "at-most",
    }
}

/// Writes one plan; as text, escaped and wrapped at `width` (see
/// [`super::terminal::write_text`]).
pub fn write(
    out: &mut dyn Write,
    format: Format,
    index: &Index,
    plan: &Plan,
    ancestry: &[Ancestor],
    targets: &[TargetComparison],
    width: Option<usize>,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let json = to_json(index, plan, ancestry, targets);
            serde_json::to_writer_pretty(&mut *out, &json).map_err(super::json_error)?;
            writeln!(out)
        }
        Format::Text => {
            let mut text_out = Vec::new();
            text(&mut text_out, index, plan, ancestry, targets)?;
            super::terminal::write_text(out, &String::from_utf8_lossy(&text_out), width)
        }
    }
}

fn to_json<'a>(
    index: &'a Index,
    plan: &'a Plan,
    ancestry: &[Ancestor],
    targets: &'a [TargetComparison],
) -> PlanJson<'a> {
    PlanJson {
        id: &plan.id.value,
        number: plan.number.as_ref().map(|n| n.value.as_str()),
        kind: plan.kind.as_str(),
        title: &plan.title,
        issuer: plan.issuer.as_ref().map(|i| i.value.as_str()),
        jurisdiction: plan.jurisdiction.as_ref().map(|j| j.value.as_str()),
        issued: plan.issued.as_ref().map(|i| i.value.to_string()),
        period: plan.period.as_ref().map(|p| PeriodJson {
            from: p.value.from.to_string(),
            to: p.value.to.to_string(),
        }),
        file: &plan.file,
        ancestry: ancestry
            .iter()
            .map(|a| {
                let p = &index.plans[a.plan];
                AncestorJson {
                    depth: a.depth,
                    id: &p.id.value,
                    number: p.number.as_ref().map(|n| n.value.as_str()),
                    title: &p.title,
                }
            })
            .collect(),
        targets: targets
            .iter()
            .map(|c| TargetJson {
                id: &c.target.id.value,
                text: &c.target.text,
                unit: c.target.unit.as_ref().map(|u| u.value.as_str()),
                direction: direction(c.target.direction),
                refines: c.target.refines.as_ref().map(|r| r.value.as_str()),
                milestones: c
                    .years
                    .iter()
                    .map(|y| MilestoneJson {
                        year: y.year,
                        value: y.value.map(value_json),
                        parent: y.parent.map(value_json),
                        at_least_as_strong: y.at_least_as_strong,
                    })
                    .collect(),
            })
            .collect(),
        tasks: plan
            .tasks
            .iter()
            .map(|t| TaskJson {
                id: &t.id.value,
                section: t.section.as_ref().map(|s| s.value.as_str()),
                title: &t.title,
                lead: t.lead.iter().map(|n| &*n.value).collect(),
                support: t.support.iter().map(|n| &*n.value).collect(),
                report_to: t.report_to.iter().map(|n| &*n.value).collect(),
                due: t.due.iter().map(|d| d.written()).collect(),
            })
            .collect(),
    }
}

fn text(
    out: &mut dyn Write,
    index: &Index,
    plan: &Plan,
    ancestry: &[Ancestor],
    targets: &[TargetComparison],
) -> io::Result<()> {
    let json = to_json(index, plan, ancestry, targets);
    writeln!(out, "{} {}", json.number.unwrap_or("(no number)"), json.id)?;
    writeln!(out, "{}", json.title)?;
    let field = |name: &str, value: Option<String>| {
        format!("  {name:<13}{}", value.unwrap_or_else(|| "—".to_owned()))
    };
    writeln!(out, "{}", field("kind", Some(json.kind.to_owned())))?;
    writeln!(out, "{}", field("issuer", json.issuer.map(str::to_owned)))?;
    writeln!(
        out,
        "{}",
        field("jurisdiction", json.jurisdiction.map(str::to_owned))
    )?;
    writeln!(out, "{}", field("issued", json.issued.clone()))?;
    writeln!(
        out,
        "{}",
        field(
            "period",
            json.period
                .as_ref()
                .map(|p| format!("{} → {}", p.from, p.to))
        )
    )?;
    writeln!(out, "{}", field("file", Some(json.file.to_owned())))?;
    if !json.ancestry.is_empty() {
        writeln!(out, "\nImplements:")?;
        for a in &json.ancestry {
            writeln!(
                out,
                "{}↑ {} {} — {}",
                "  ".repeat(a.depth),
                a.number.unwrap_or("(no number)"),
                a.id,
                a.title
            )?;
        }
    }
    if !targets.is_empty() {
        writeln!(out, "\nTargets:")?;
        for c in targets {
            let unit = c.target.unit.as_ref().map_or("", |u| u.value.as_str());
            let dir = if c.target.direction == Direction::AtMost {
                " (at most)"
            } else {
                ""
            };
            writeln!(out, "  {}{dir}: {}", c.target.id.value, c.target.text)?;
            if let Some((parent, parent_target)) = c.parent {
                writeln!(
                    out,
                    "    refines {}#{}",
                    parent.id.value, parent_target.id.value
                )?;
            }
            for y in &c.years {
                let shown =
                    |v: Option<Value>| v.map_or_else(|| "—".to_owned(), |v| format!("{v}{unit}"));
                let verdict = match y.at_least_as_strong {
                    Some(true) => "  ok",
                    Some(false) => "  WEAKER than the parent",
                    None => "",
                };
                if c.parent.is_some() {
                    writeln!(
                        out,
                        "    {}: {} (parent {}){verdict}",
                        y.year,
                        shown(y.value),
                        shown(y.parent)
                    )?;
                } else {
                    writeln!(out, "    {}: {}", y.year, shown(y.value))?;
                }
            }
        }
    }
    if !json.tasks.is_empty() {
        writeln!(out, "\nTasks:")?;
        for t in &json.tasks {
            writeln!(out, "  {} {}", t.section.unwrap_or("-"), t.title)?;
            let line =
                |label: &str, names: &[&str]| format!("      {label:<10}{}", names.join("; "));
            if !t.lead.is_empty() {
                writeln!(out, "{}", line("lead", &t.lead))?;
            }
            if !t.support.is_empty() {
                writeln!(out, "{}", line("support", &t.support))?;
            }
            if !t.report_to.is_empty() {
                writeln!(out, "{}", line("report to", &t.report_to))?;
            }
            if !t.due.is_empty() {
                let due: Vec<&str> = t.due.iter().map(|d| d.as_ref()).collect();
                writeln!(out, "{}", line("due", &due))?;
            }
        }
    }
    Ok(())
}
