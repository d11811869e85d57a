//! `gplan show` output: text for people, JSON for scripts (shape in
//! docs/commands.md).

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::figure::Figure;
use crate::model::{with_unit, Direction, Plan, Value};
use crate::query::show::{implementers, Ancestor, TargetComparison};
use crate::resolve::{Index, Node, PlanRef};

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
    note: Option<&'a str>,
    file: &'a str,
    ancestry: Vec<AncestorJson<'a>>,
    implemented_by: Vec<ChildJson<'a>>,
    documents: Vec<DocumentJson<'a>>,
    targets: Vec<TargetJson<'a>>,
    tasks: Vec<TaskJson<'a>>,
}

#[derive(Serialize)]
struct PeriodJson {
    from: String,
    to: String,
}

/// A plan above the shown one, or an outside document (`id` null,
/// `outside` true), where the ancestry stops.
#[derive(Serialize)]
struct AncestorJson<'a> {
    depth: usize,
    id: Option<&'a str>,
    number: Option<&'a str>,
    title: Option<&'a str>,
    outside: bool,
}

/// A plan that implements the shown one.
#[derive(Serialize)]
struct ChildJson<'a> {
    id: &'a str,
    number: Option<&'a str>,
    title: &'a str,
}

/// A document the plan implements or cites, as written, with what the
/// repository knows of it: a plan (`id`), a catalogue entry (`outside`),
/// or nothing (a `cites` entry not in the catalogue).
#[derive(Serialize)]
struct DocumentJson<'a> {
    relation: &'static str,
    reference: &'a str,
    id: Option<&'a str>,
    number: Option<&'a str>,
    title: Option<&'a str>,
    issuer: Option<&'a str>,
    issued: Option<String>,
    outside: bool,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    id: &'a str,
    #[serde(rename = "ref")]
    section: Option<&'a str>,
    text: &'a str,
    kind: &'static str,
    by: Option<i32>,
    unit: Option<&'a str>,
    direction: Option<&'static str>,
    baseline: Option<BaselineJson>,
    groups: &'a [String],
    sustained: bool,
    refines: Option<&'a str>,
    note: Option<&'a str>,
    milestones: Vec<MilestoneJson>,
}

#[derive(Serialize)]
struct BaselineJson {
    year: Option<i32>,
    value: f64,
}

#[derive(Serialize)]
struct MilestoneJson {
    year: i32,
    group: Option<String>,
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
    requested: Vec<&'a str>,
    report_to: Vec<&'a str>,
    due: Vec<Cow<'a, str>>,
    when: Option<&'a str>,
    note: Option<&'a str>,
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
            super::json::to_writer_pretty(&mut *out, &json)?;
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
        note: plan.note.as_deref(),
        file: &plan.file,
        ancestry: ancestry.iter().map(|a| ancestor(index, a)).collect(),
        implemented_by: index
            .by_id(&plan.id.value)
            .map(|i| implementers(index, i))
            .unwrap_or_default()
            .into_iter()
            .map(|i| {
                let child = &index.plans[i];
                ChildJson {
                    id: &child.id.value,
                    number: child.number.as_ref().map(|n| n.value.as_str()),
                    title: &child.title,
                }
            })
            .collect(),
        documents: documents(index, plan),
        targets: targets
            .iter()
            .map(|c| TargetJson {
                id: &c.target.id.value,
                section: c.target.section.as_deref(),
                text: &c.target.text,
                kind: if c.target.by.is_some() {
                    "qualitative"
                } else {
                    "numeric"
                },
                by: c.target.by,
                unit: c.target.unit.as_ref().map(|u| u.value.as_str()),
                direction: c.target.by.is_none().then(|| c.target.direction.as_str()),
                baseline: c.target.baseline.map(|b| BaselineJson {
                    year: b.year,
                    value: b.value,
                }),
                groups: &c.target.groups,
                sustained: c.target.sustained,
                refines: c.target.refines.as_ref().map(|r| r.value.as_str()),
                note: c.target.note.as_deref(),
                milestones: c
                    .years
                    .iter()
                    .map(|y| MilestoneJson {
                        year: y.year,
                        group: y.group.clone(),
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
                requested: t.requested.iter().map(|n| &*n.value).collect(),
                report_to: t.report_to.iter().map(|n| &*n.value).collect(),
                due: t.due.iter().map(|d| d.written()).collect(),
                when: t.when.as_deref(),
                note: t.note.as_deref(),
            })
            .collect(),
    }
}

fn ancestor<'a>(index: &'a Index, a: &Ancestor) -> AncestorJson<'a> {
    match a.node {
        Node::Plan(i) => {
            let p = &index.plans[i];
            AncestorJson {
                depth: a.depth,
                id: Some(&p.id.value),
                number: p.number.as_ref().map(|n| n.value.as_str()),
                title: Some(&p.title),
                outside: false,
            }
        }
        Node::Outside(d) => {
            let document = index.catalogue.map(|c| &c.documents[d]);
            AncestorJson {
                depth: a.depth,
                id: None,
                number: document.map(|d| d.number.value.as_str()),
                title: document.and_then(|d| d.title.as_deref()),
                outside: true,
            }
        }
    }
}

/// Every `implements` then every `cites` entry of the plan, resolved as
/// references are: a plan, else a catalogue document, else as written.
fn documents<'a>(index: &'a Index, plan: &'a Plan) -> Vec<DocumentJson<'a>> {
    let implements = plan
        .implements
        .iter()
        .map(|r| ("implements", r.value.as_str()));
    let cites = plan.cites.iter().map(|c| ("cites", c.as_str()));
    implements
        .chain(cites)
        .map(|(relation, reference)| {
            let mut json = DocumentJson {
                relation,
                reference,
                id: None,
                number: None,
                title: None,
                issuer: None,
                issued: None,
                outside: false,
            };
            match index.plan(reference) {
                PlanRef::Found(i) => {
                    let p = &index.plans[i];
                    json.id = Some(&p.id.value);
                    json.number = p.number.as_ref().map(|n| n.value.as_str());
                    json.title = Some(&p.title);
                    json.issuer = p.issuer.as_ref().map(|n| n.value.as_str());
                    json.issued = p.issued.as_ref().map(|i| i.value.to_string());
                }
                PlanRef::Outside(d) => {
                    if let Some(document) = index.catalogue.map(|c| &c.documents[d]) {
                        json.number = Some(&document.number.value);
                        json.title = document.title.as_deref();
                        json.issuer = document.issuer.as_deref();
                        json.issued = document.issued.map(|i| i.to_string());
                        json.outside = true;
                    }
                }
                PlanRef::Ambiguous(_) | PlanRef::Missing => {}
            }
            json
        })
        .collect()
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
    if let Some(note) = json.note {
        writeln!(out, "{}", field("note", Some(note.to_owned())))?;
    }
    writeln!(out, "{}", field("file", Some(json.file.to_owned())))?;
    if !json.ancestry.is_empty() {
        writeln!(out, "\nImplements:")?;
        for a in &json.ancestry {
            writeln!(
                out,
                "{}↑ {} {} — {}",
                "  ".repeat(a.depth.min(super::tree::MAX_INDENT)),
                a.number.unwrap_or("(no number)"),
                a.id.unwrap_or("(outside)"),
                a.title.unwrap_or("(no title)")
            )?;
        }
    }
    if !json.implemented_by.is_empty() {
        writeln!(out, "\nImplemented by:")?;
        for c in &json.implemented_by {
            writeln!(
                out,
                "  ↓ {} {} — {}",
                c.number.unwrap_or("(no number)"),
                c.id,
                c.title
            )?;
        }
    }
    if !json.documents.is_empty() {
        writeln!(out, "\nDocuments:")?;
        for d in &json.documents {
            let known = [d.issuer, d.issued.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let known = if known.is_empty() {
                String::new()
            } else {
                format!(" ({known})")
            };
            let title = d.title.map_or(String::new(), |t| format!(" — {t}"));
            writeln!(out, "  {:<11}{}{title}{known}", d.relation, d.reference)?;
        }
    }
    if !targets.is_empty() {
        writeln!(out, "\nTargets:")?;
        for c in targets {
            target_text(out, c)?;
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
            if !t.requested.is_empty() {
                writeln!(out, "{}", line("requested", &t.requested))?;
            }
            if !t.report_to.is_empty() {
                writeln!(out, "{}", line("report to", &t.report_to))?;
            }
            if !t.due.is_empty() {
                let due: Vec<&str> = t.due.iter().map(|d| d.as_ref()).collect();
                writeln!(out, "{}", line("due", &due))?;
            }
            if let Some(when) = t.when {
                writeln!(out, "{}", line("when", &[when]))?;
            }
        }
    }
    Ok(())
}

/// The words a target's direction adds after its id: none for the default floor.
fn direction_words(direction: Direction) -> &'static str {
    match direction {
        Direction::AtLeast => "",
        Direction::Above => " (above)",
        Direction::AtMost => " (at most)",
        Direction::Below => " (below)",
        Direction::About => " (about)",
    }
}

fn target_text(out: &mut dyn Write, c: &TargetComparison) -> io::Result<()> {
    let target = c.target;
    let unit = target.unit.as_ref().map(|u| u.value.as_str());
    let section = target
        .section
        .as_deref()
        .map_or(String::new(), |s| format!(" [{s}]"));
    if let Some(by) = target.by {
        writeln!(
            out,
            "  {}{section} (qualitative, by {by}): {}",
            target.id.value, target.text
        )?;
    } else {
        let dir = direction_words(target.direction);
        writeln!(out, "  {}{section}{dir}: {}", target.id.value, target.text)?;
    }
    if !target.groups.is_empty() {
        writeln!(out, "    groups {}", target.groups.join(", "))?;
    }
    if let Some(b) = target.baseline {
        let year = b.year.map_or(String::new(), |y| format!(" ({y})"));
        writeln!(out, "    baseline {}{year}", with_unit(b.value, unit))?;
    }
    if let Some((parent, parent_target)) = c.parent {
        writeln!(
            out,
            "    refines {}#{}",
            parent.id.value, parent_target.id.value
        )?;
    }
    for y in &c.years {
        let shown = |v: Option<Value>| v.map_or_else(|| "—".to_owned(), |v| with_unit(v, unit));
        let verdict = match y.at_least_as_strong {
            Some(true) => "  ok",
            Some(false) => "  WEAKER than the parent",
            None => "",
        };
        let group = y
            .group
            .as_deref()
            .map_or(String::new(), |g| format!(" {g}"));
        if c.parent.is_some() {
            writeln!(
                out,
                "    {}{group}: {} (parent {}){verdict}",
                y.year,
                shown(y.value),
                shown(y.parent)
            )?;
        } else {
            writeln!(out, "    {}{group}: {}", y.year, shown(y.value))?;
        }
    }
    if target.sustained {
        writeln!(out, "    sustained every year from the first milestone on")?;
    }
    if let Some(note) = &target.note {
        writeln!(out, "    note {note}")?;
    }
    Ok(())
}
