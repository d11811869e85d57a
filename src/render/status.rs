//! `gplan status` output: two tables for people (duties, then targets),
//! JSON (`{"duties": [...], "targets": [...]}`) and CSV for scripts.

use std::io::{self, Write};

use comfy_table::{Cell, Color};
use serde::{Serialize, Serializer};
use serde_json::{json, Value as Json};

use super::ellipsize;
use super::fit::{fits, keep_words, new_table, Room};
use super::terminal::{self, escape, plain};
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
    /// The terminal's width; `None` into a pipe or a file, where the
    /// tables are as wide as their cells.
    pub width: Option<usize>,
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
    super::json::to_writer_pretty(&mut *out, &whole)?;
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

/// Each section's title, then its rows, or a line saying why it is
/// empty: a table of headers alone reads as a fault.
fn table(out: &mut dyn Write, status: &Status, style: TableStyle) -> io::Result<()> {
    writeln!(out, "Duties")?;
    if status.duties.is_empty() {
        writeln!(
            out,
            "no occurrence delivered, late, overdue or due in the next {SOON_DAYS} days"
        )?;
    } else {
        duties(out, status, style)?;
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
        (false, _) => targets(out, status, style),
        (true, true) => writeln!(
            out,
            "no targets: a target belongs to its plan, not to one body (leave out --owner to see them)"
        ),
        (true, false) => writeln!(out, "no targets"),
    }
}

const DUTY_HEADER: [&str; 5] = ["Deadline", "Status", "Plan", "Task", "Delivered"];

/// The column of the duties' table that gets the room to spare.
const DUTY_TASK: Room = Room {
    column: 3,
    least: 20,
};

const TARGET_HEADER: [&str; 5] = ["Plan", "Target", "Latest", "Next", "State"];

/// The column of the targets' table that gets the room to spare.
const TARGET_TEXT: Room = Room {
    column: 1,
    least: 20,
};

/// A duty's task: its section and title, the title cut.
fn task_text(row: &DutyRow) -> String {
    let title = ellipsize(&row.task.title, TITLE_CHARS);
    match &row.task.section {
        Some(section) => format!("{} {title}", section.value),
        None => title,
    }
}

/// The day a report was delivered, and its number.
fn delivered_text(row: &DutyRow) -> Option<String> {
    row.report.map(|r| match &r.document {
        Some(document) => format!("{}\n{document}", r.delivered.value),
        None => r.delivered.value.to_string(),
    })
}

fn duties(out: &mut dyn Write, status: &Status, style: TableStyle) -> io::Result<()> {
    let shown = &status.duties[..status.duties.len().min(TABLE_DUTIES)];
    let cells: Vec<Vec<String>> = shown
        .iter()
        .map(|row| {
            let cells = [
                row.deadline.to_string(),
                row.state.as_str().to_owned(),
                format!("{}\n#{}", row.plan.id.value, row.task.id.value),
                task_text(row),
                delivered_text(row).unwrap_or_default(),
            ];
            cells.iter().map(|c| escape(c).into_owned()).collect()
        })
        .collect();
    let colors: Vec<Color> = shown.iter().map(|r| duty_color(r.state)).collect();
    if let Some(width) = style
        .width
        .filter(|&w| !fits(&DUTY_HEADER, &cells, w, DUTY_TASK))
    {
        for (row, color) in shown.iter().zip(colors) {
            let state = row.state.as_str();
            let mut card = format!(
                "{} · {state}\n    {} #{}\n    {}",
                row.deadline,
                plain(&row.plan.id.value),
                plain(&row.task.id.value),
                plain(&task_text(row))
            );
            if let Some(delivered) = delivered_text(row) {
                card.push_str(&format!("\n    Delivered: {}", plain(&delivered)));
            }
            write_card(out, &card, (state, color), style.color, width)?;
            writeln!(out)?;
        }
        return Ok(());
    }
    write_table(out, &DUTY_HEADER, cells, (1, colors), style)
}

fn targets(out: &mut dyn Write, status: &Status, style: TableStyle) -> io::Result<()> {
    let texts = |row: &TargetRow| {
        let unit = row.target.unit.as_ref().map(|u| u.value.trim());
        let latest = row.latest.map(|a| actual_text(a, unit, Some(GROUPS_SHOWN)));
        (
            latest.unwrap_or_default(),
            next_text(row, unit, Some(GROUPS_SHOWN)),
        )
    };
    let cells: Vec<Vec<String>> = status
        .targets
        .iter()
        .map(|row| {
            let (latest, next) = texts(row);
            let cells = [
                format!("{}\n#{}", row.plan.id.value, row.target.id.value),
                ellipsize(&row.target.text, TITLE_CHARS),
                latest,
                next,
                state_text(row),
            ];
            cells.iter().map(|c| escape(c).into_owned()).collect()
        })
        .collect();
    let colors: Vec<Color> = status
        .targets
        .iter()
        .map(|r| target_color(r.state))
        .collect();
    if let Some(width) = style
        .width
        .filter(|&w| !fits(&TARGET_HEADER, &cells, w, TARGET_TEXT))
    {
        for (row, color) in status.targets.iter().zip(colors) {
            let (latest, next) = texts(row);
            let state = row.state.as_str();
            let figures: Vec<String> = [("Latest", latest), ("Next", next)]
                .into_iter()
                .filter(|(_, text)| !text.is_empty())
                .map(|(label, text)| format!("{label}: {}", plain(&text)))
                .collect();
            let mut card = format!(
                "{} #{} · {state}\n    {}",
                plain(&row.plan.id.value),
                plain(&row.target.id.value),
                plain(&ellipsize(&row.target.text, TITLE_CHARS))
            );
            if !figures.is_empty() {
                card.push_str(&format!("\n    {}", figures.join(" · ")));
            }
            let groups: Vec<String> = row
                .groups
                .iter()
                .filter_map(|g| Some(format!("{}: {}", plain(g.group?), g.state.as_str())))
                .collect();
            if !groups.is_empty() {
                let groups = joined_upto(groups, " · ", Some(GROUPS_SHOWN));
                card.push_str(&format!("\n    {groups}"));
            }
            write_card(out, &card, (state, color), style.color, width)?;
            writeln!(out)?;
        }
        return Ok(());
    }
    write_table(out, &TARGET_HEADER, cells, (4, colors), style)
}

/// Cells (escaped) as a table, the column `painted.0` of each row in its
/// row's colour when colour is on.
fn write_table(
    out: &mut dyn Write,
    header: &[&str],
    cells: Vec<Vec<String>>,
    painted: (usize, Vec<Color>),
    style: TableStyle,
) -> io::Result<()> {
    let mut table = new_table(style.width, header);
    if style.width.is_some() {
        keep_words(&mut table, header, &cells);
    }
    if style.color {
        table.enforce_styling();
    }
    let (column, colors) = painted;
    for (row, color) in cells.into_iter().zip(colors) {
        table.add_row(row.into_iter().enumerate().map(|(at, text)| {
            let cell = Cell::new(text);
            match style.color && at == column {
                true => cell.fg(color),
                false => cell,
            }
        }));
    }
    writeln!(out, "{table}")
}

/// Writes `card` as [`terminal::write_text`] does, its first line ending
/// with the state word `painted.0`, in the colour `painted.1` when `color`
/// is on. The colour is put in after the text is escaped: it is the only
/// escape sequence written, and never shown as text.
fn write_card(
    out: &mut dyn Write,
    card: &str,
    painted: (&str, Color),
    color: bool,
    width: usize,
) -> io::Result<()> {
    let mut text = Vec::new();
    terminal::write_text(&mut text, card, Some(width))?;
    let text = String::from_utf8(text).map_err(io::Error::other)?;
    let (state, hue) = painted;
    let mut to_paint = color;
    for line in text.lines() {
        let head = line
            .strip_suffix(state)
            .filter(|head| head.is_empty() || head.ends_with(' '));
        match head.filter(|_| to_paint) {
            Some(head) => {
                to_paint = false;
                writeln!(out, "{head}{}", paint(state, hue))?;
            }
            None => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

/// A state word in its colour (the ANSI code of the terminal's palette).
fn paint(text: &str, color: Color) -> String {
    let code = match color {
        Color::Red => "31",
        Color::Green => "32",
        Color::Yellow => "33",
        Color::Cyan => "36",
        _ => "37",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// In the tables, long titles are cut (JSON and CSV keep them whole).
const TITLE_CHARS: usize = 90;

/// The duties' table (or cards) lists at most this many occurrences: a
/// table is built whole before it is printed (about 1 KB a row), and a
/// plan of a thousand yearly tasks over a millennium owes a million.
const TABLE_DUTIES: usize = 10_000;

/// In the tables, a target's groups are listed up to this many, then
/// "… and N more": a target may have thousands (JSON and CSV keep them all).
const GROUPS_SHOWN: usize = 10;

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
        super::csv_record(&mut writer, &record)?;
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
        super::csv_record(&mut writer, &record)?;
    }
    writer.flush()
}
