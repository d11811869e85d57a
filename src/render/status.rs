//! `gplan status` output: two tables for people (duties, then targets),
//! JSON (`{"duties": [...], "targets": [...]}`) and CSV for scripts.

use std::io::{self, Write};

use comfy_table::{presets, Cell, Color, ContentArrangement, Table};
use serde::{Serialize, Serializer};
use serde_json::{json, Value as Json};

use super::ellipsize;
use super::terminal::escape;
use crate::model::{Actual, Measured, Value};
use crate::query::status::{DutyRow, DutyState, Status, TargetRow, TargetState, SOON_DAYS};

/// How `gplan status` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

/// What the tables need beyond the rows.
#[derive(Clone, Copy, Debug)]
pub struct TableStyle {
    pub color: bool,
    pub width: u16,
}

/// Writes the status in the chosen format.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    status: &Status,
    style: TableStyle,
) -> io::Result<()> {
    match format {
        Format::Table => table(out, status, style),
        Format::Json => json(out, status),
        Format::Csv => csv(out, status),
    }
}

/// A duty in the JSON shape, keys exactly as documented.
#[derive(Serialize)]
struct DutyJson<'a> {
    deadline: String,
    plan: &'a str,
    task: &'a str,
    title: &'a str,
    lead: Vec<&'a str>,
    status: &'static str,
    delivered: Option<String>,
    document: Option<&'a str>,
}

fn duty_json<'a>(row: &DutyRow<'a>) -> DutyJson<'a> {
    DutyJson {
        deadline: row.deadline.to_string(),
        plan: &row.plan.id.value,
        task: &row.task.id.value,
        title: &row.task.title,
        lead: row.task.lead.iter().map(|n| &*n.value).collect(),
        status: row.state.as_str(),
        delivered: row.report.map(|r| r.delivered.value.to_string()),
        document: row.report.and_then(|r| r.document.as_deref()),
    }
}

/// A target in the JSON shape, keys exactly as documented.
#[derive(Serialize)]
struct TargetJson<'a> {
    plan: &'a str,
    target: &'a str,
    text: &'a str,
    unit: Option<&'a str>,
    latest: Option<YearValue>,
    next: Option<YearValue>,
    state: &'static str,
}

/// `{"year", "value"}`: an actual or a milestone.
#[derive(Serialize)]
struct YearValue {
    year: i32,
    value: Json,
}

/// The whole JSON output. Each row is made as it is written, so a
/// quarter of a million duties are never held twice.
#[derive(Serialize)]
struct StatusJson<'s> {
    #[serde(serialize_with = "duty_rows")]
    duties: &'s [DutyRow<'s>],
    #[serde(serialize_with = "target_rows")]
    targets: &'s [TargetRow<'s>],
}

fn duty_rows<S: Serializer>(rows: &&[DutyRow], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(rows.iter().map(duty_json))
}

fn target_rows<S: Serializer>(rows: &&[TargetRow], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(rows.iter().map(target_json))
}

fn target_json<'a>(row: &TargetRow<'a>) -> TargetJson<'a> {
    TargetJson {
        plan: &row.plan.id.value,
        target: &row.target.id.value,
        text: &row.target.text,
        unit: row.target.unit.as_ref().map(|u| u.value.as_str()),
        latest: row.latest.map(|a| YearValue {
            year: a.year.value,
            value: measured_json(&a.value),
        }),
        next: row.next().map(|next| YearValue {
            year: next.year,
            value: next_json(&next.values),
        }),
        state: row.state.as_str(),
    }
}

/// A figure as JSON: an integer when it is whole, as files write it.
fn number(value: f64) -> Json {
    let whole = value.fract() == 0.0 && value.abs() < 1e15;
    if whole {
        json!(value as i64)
    } else {
        json!(value)
    }
}

fn measured_json(value: &Measured) -> Json {
    match value {
        Measured::One(v) => number(v.value),
        Measured::Groups(groups) => Json::Object(
            groups
                .iter()
                .map(|(g, v)| (g.value.clone(), number(v.value)))
                .collect(),
        ),
    }
}

/// The next milestone's value: one figure (or band) for a target without
/// groups, else an object by group, like an actual's.
fn next_json(values: &[(Option<&str>, Value)]) -> Json {
    match values {
        [(None, value)] => milestone_json(*value),
        _ => Json::Object(
            values
                .iter()
                .map(|(g, v)| (g.unwrap_or_default().to_owned(), milestone_json(*v)))
                .collect(),
        ),
    }
}

fn milestone_json(value: Value) -> Json {
    match value {
        Value::Single(v) => number(v.to_f64()),
        Value::Band(low, high) => json!([number(low.to_f64()), number(high.to_f64())]),
    }
}

fn json(out: &mut dyn Write, status: &Status) -> io::Result<()> {
    let whole = StatusJson {
        duties: &status.duties,
        targets: &status.targets,
    };
    serde_json::to_writer_pretty(&mut *out, &whole).map_err(super::json_error)?;
    writeln!(out)
}

/// A figure as the tables and CSV write it, with its unit.
fn figure(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{value}%"),
        Some(unit) if unit.starts_with('/') => format!("{value}{unit}"),
        Some(unit) => format!("{value} {unit}"),
        None => value.to_string(),
    }
}

/// "52% (2024)", or "nam 90%, nữ 95% (2024)" for groups (the first
/// `limit` of them).
fn actual_text(actual: &Actual, unit: Option<&str>, limit: Option<usize>) -> String {
    let value = match &actual.value {
        Measured::One(v) => figure(v.value, unit),
        Measured::Groups(groups) => joined_upto(
            groups
                .iter()
                .map(|(g, v)| format!("{} {}", g.value, figure(v.value, unit)))
                .collect(),
            ", ",
            limit,
        ),
    };
    format!("{value} ({})", actual.year.value)
}

fn value_text(value: Value, unit: Option<&str>) -> String {
    match value {
        Value::Single(v) => figure(v.to_f64(), unit),
        Value::Band(low, high) => format!("{low}–{}", figure(high.to_f64(), unit)),
    }
}

/// "60% (2025)", or "nam 90%, nữ 95% (2025)" for groups (the first
/// `limit` of them).
fn next_text(row: &TargetRow, unit: Option<&str>, limit: Option<usize>) -> String {
    let Some(next) = row.next() else {
        return String::new();
    };
    let values: Vec<String> = next
        .values
        .iter()
        .map(|(group, value)| match group {
            Some(group) => format!("{group} {}", value_text(*value, unit)),
            None => value_text(*value, unit),
        })
        .collect();
    format!("{} ({})", joined_upto(values, ", ", limit), next.year)
}

/// The target's state; for groups, each group's after it ("nữ: behind"),
/// the first [`GROUPS_SHOWN`] of them.
fn state_text(row: &TargetRow) -> String {
    let groups: Vec<String> = row
        .groups
        .iter()
        .filter_map(|g| g.group.map(|name| format!("{name}: {}", g.state.as_str())))
        .collect();
    let state = row.state.as_str();
    if groups.is_empty() {
        state.to_owned()
    } else {
        format!("{state}\n{}", joined_upto(groups, "\n", Some(GROUPS_SHOWN)))
    }
}

/// Each section's title, then its table, or a line saying why it is
/// empty: a table of headers alone reads as a fault.
fn table(out: &mut dyn Write, status: &Status, style: TableStyle) -> io::Result<()> {
    writeln!(out, "Duties")?;
    if status.duties.is_empty() {
        writeln!(
            out,
            "no occurrence delivered, late, overdue or due in the next {SOON_DAYS} days"
        )?;
    } else {
        writeln!(out, "{}", duties_table(status, style))?;
        let hidden = status.duties.len().saturating_sub(TABLE_DUTIES);
        if hidden > 0 {
            writeln!(
                out,
                "… and {hidden} more occurrences: the table shows the first {TABLE_DUTIES}; `--format csv` or `--format json` lists them all, `--plan` or `--owner` narrows the list"
            )?;
        }
    }
    writeln!(out, "Targets")?;
    match (status.targets.is_empty(), status.by_owner) {
        (false, _) => writeln!(out, "{}", targets_table(status, style)),
        (true, true) => writeln!(
            out,
            "no targets: a target belongs to its plan, not to one body (leave out --owner to see them)"
        ),
        (true, false) => writeln!(out, "no targets"),
    }
}

fn duties_table(status: &Status, style: TableStyle) -> Table {
    let mut duties = new_table(style, ["Deadline", "Status", "Plan", "Task", "Delivered"]);
    for row in status.duties.iter().take(TABLE_DUTIES) {
        let delivered = row.report.map(|r| match &r.document {
            Some(document) => format!("{}\n{document}", r.delivered.value),
            None => r.delivered.value.to_string(),
        });
        let task = match &row.task.section {
            Some(section) => format!(
                "{} {}",
                section.value,
                ellipsize(&row.task.title, TITLE_CHARS)
            ),
            None => ellipsize(&row.task.title, TITLE_CHARS),
        };
        let state = Cell::new(row.state.as_str());
        duties.add_row([
            Cell::new(row.deadline),
            if style.color {
                state.fg(duty_color(row.state))
            } else {
                state
            },
            text_cell(&format!("{}\n#{}", row.plan.id.value, row.task.id.value)),
            text_cell(&task),
            text_cell(&delivered.unwrap_or_default()),
        ]);
    }
    duties
}

fn targets_table(status: &Status, style: TableStyle) -> Table {
    let mut targets = new_table(style, ["Plan", "Target", "Latest", "Next", "State"]);
    for row in &status.targets {
        let unit = row.target.unit.as_ref().map(|u| u.value.trim());
        let state = text_cell(&state_text(row));
        let latest = row.latest.map(|a| actual_text(a, unit, Some(GROUPS_SHOWN)));
        targets.add_row([
            text_cell(&format!("{}\n#{}", row.plan.id.value, row.target.id.value)),
            text_cell(&ellipsize(&row.target.text, TITLE_CHARS)),
            text_cell(&latest.unwrap_or_default()),
            text_cell(&next_text(row, unit, Some(GROUPS_SHOWN))),
            if style.color {
                state.fg(target_color(row.state))
            } else {
                state
            },
        ]);
    }
    targets
}

/// In the tables, long titles are cut (JSON and CSV keep them whole).
const TITLE_CHARS: usize = 90;

/// The duties table lists at most this many occurrences: a table is
/// built whole before it is printed (about 1 KB a row), and a plan of a
/// thousand yearly tasks over a millennium owes a million.
const TABLE_DUTIES: usize = 10_000;

/// In the tables, a target's groups are listed up to this many, then
/// "… and N more": a target may have thousands (JSON and CSV keep them all).
const GROUPS_SHOWN: usize = 10;

/// A table cell of text from the files: escaped, so a control character
/// or bidirectional override in a title or a report's number is shown,
/// not obeyed by the terminal.
fn text_cell(text: &str) -> Cell {
    Cell::new(escape(text))
}

/// `items` joined with `separator`, cut after `limit` of them (all of them
/// when `None`) with a count of the rest.
fn joined_upto(items: Vec<String>, separator: &str, limit: Option<usize>) -> String {
    let total = items.len();
    let shown = limit.unwrap_or(total).min(total);
    let mut text = items
        .into_iter()
        .take(shown)
        .collect::<Vec<_>>()
        .join(separator);
    if shown < total {
        text.push_str(&format!("{separator}… and {} more", total - shown));
    }
    text
}

fn new_table(style: TableStyle, header: [&str; 5]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(header);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

fn duty_color(state: DutyState) -> Color {
    match state {
        DutyState::Overdue => Color::Red,
        DutyState::Late => Color::Yellow,
        DutyState::Delivered => Color::Green,
        DutyState::DueSoon => Color::Cyan,
    }
}

fn target_color(state: TargetState) -> Color {
    match state {
        TargetState::Met | TargetState::OnTrack => Color::Green,
        TargetState::Behind => Color::Red,
        TargetState::NoData => Color::Grey,
    }
}

const CSV_HEADER: [&str; 10] = [
    "kind",
    "plan",
    "item",
    "title",
    "lead",
    "deadline",
    "status",
    "delivered",
    "latest",
    "next",
];

/// One CSV for both kinds of row: `kind` is `duty` or `target`; a duty
/// fills `deadline`, `delivered` (the day; the document follows after
/// "; "), a target `latest` and `next` ("value (year)").
fn csv(out: &mut dyn Write, status: &Status) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER).map_err(super::csv_error)?;
    for row in &status.duties {
        let lead: Vec<&str> = row.task.lead.iter().map(|n| &*n.value).collect();
        let delivered = row.report.map(|r| match &r.document {
            Some(document) => format!("{}; {document}", r.delivered.value),
            None => r.delivered.value.to_string(),
        });
        let record = [
            "duty".to_owned(),
            row.plan.id.value.clone(),
            row.task.id.value.clone(),
            row.task.title.to_string(),
            lead.join("; "),
            row.deadline.to_string(),
            row.state.as_str().to_owned(),
            delivered.unwrap_or_default(),
            String::new(),
            String::new(),
        ];
        writer.write_record(&record).map_err(super::csv_error)?;
    }
    for row in &status.targets {
        let unit = row.target.unit.as_ref().map(|u| u.value.trim());
        let record = [
            "target".to_owned(),
            row.plan.id.value.clone(),
            row.target.id.value.clone(),
            row.target.text.clone(),
            String::new(),
            String::new(),
            row.state.as_str().to_owned(),
            String::new(),
            row.latest
                .map(|a| actual_text(a, unit, None))
                .unwrap_or_default(),
            next_text(row, unit, None),
        ];
        writer.write_record(&record).map_err(super::csv_error)?;
    }
    writer.flush()
}
