//! `gplan due` output: a table for people, JSON and CSV for scripts, and an
//! iCalendar file for calendar apps.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

use chrono::{Duration, NaiveDate};
use comfy_table::{
    presets, Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width,
};
use serde::{Serialize, Serializer};

use super::ellipsize;
use crate::model::Name;
use crate::query::due::{Item, Standing};

/// How `gplan due` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// A table sized to the terminal.
    #[default]
    Table,
    /// One JSON array.
    Json,
    /// CSV with a header row; lists joined by "; ".
    Csv,
    /// An iCalendar file: one all-day event per deadline.
    Ics,
}

/// What the table needs beyond the items.
#[derive(Clone, Copy, Debug)]
pub struct TableStyle {
    pub color: bool,
    pub width: u16,
    pub today: NaiveDate,
    /// Whether the repository records progress: only then does the table
    /// say where each occurrence stands (JSON and CSV always do).
    pub progress: bool,
}

/// Deadlines this close to today are highlighted.
const SOON_DAYS: i64 = 14;

/// One row in the JSON and CSV shapes, keys and order exactly as the spec.
/// Borrowed from the schedules: a national listing has a million rows.
#[derive(Serialize)]
struct Row<'a> {
    deadline: Day,
    start: Option<Day>,
    jurisdiction: Option<&'a str>,
    plan: &'a str,
    number: Option<&'a str>,
    task: &'a str,
    #[serde(rename = "ref")]
    section: Option<&'a str>,
    title: &'a str,
    lead: Names<'a>,
    support: Names<'a>,
    /// delivered | late | overdue | open, from the progress files.
    status: &'static str,
    file: &'a str,
    line: usize,
}

/// A day, written `YYYY-MM-DD` (chrono's `Display`) in every format.
#[derive(Clone, Copy)]
struct Day(NaiveDate);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Names as a JSON array (or, in CSV and calendars, joined by "; "),
/// straight from the duty.
#[derive(Clone, Copy)]
pub(super) struct Names<'a>(pub(super) &'a [Name]);

impl Names<'_> {
    pub(super) fn joined(self) -> String {
        join(self.0.iter().map(|n| &**n))
    }
}

impl Serialize for Names<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|n| &**n))
    }
}

fn row<'a>(item: &Item<'a>, today: NaiveDate) -> Row<'a> {
    let plan = item.plan;
    let duty = item.duty;
    Row {
        deadline: Day(item.occurrence.deadline),
        start: item.occurrence.start.map(Day),
        jurisdiction: plan.jurisdiction.as_deref(),
        plan: &plan.id,
        number: plan.number.as_deref(),
        task: duty.id(),
        section: duty.section(),
        title: duty.title(),
        lead: Names(duty.lead()),
        support: Names(duty.support()),
        status: item.standing(today).as_str(),
        file: &plan.file,
        line: duty.line(),
    }
}

/// The rows of a listing as one JSON array, serialised row by row as they
/// are written: the output of a national `due` is hundreds of megabytes,
/// never held whole.
struct Rows<'i, 'a>(&'i [Item<'a>], NaiveDate);

impl Serialize for Rows<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|item| row(item, self.1)))
    }
}

/// Writes the items in the chosen format.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    items: &[Item],
    style: TableStyle,
) -> io::Result<()> {
    match format {
        Format::Table => table(out, items, style),
        Format::Json => json(out, items, style.today),
        Format::Csv => csv(out, items, style.today),
        Format::Ics => super::calendar::write(out, items, style.today),
    }
}

/// Bytes written at a time by the streamed formats.
pub(super) const BUFFER: usize = 1 << 16;

/// The bytes `serde_json::to_writer_pretty` writes for the whole array,
/// then a newline.
fn json(out: &mut dyn Write, items: &[Item], today: NaiveDate) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, out);
    serde_json::to_writer_pretty(&mut out, &Rows(items, today)).map_err(super::json_error)?;
    writeln!(out)?;
    out.flush()
}

fn table(out: &mut dyn Write, items: &[Item], style: TableStyle) -> io::Result<()> {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header([
            "Deadline",
            "Jurisdiction",
            "Plan",
            "Task",
            "Lead",
            "Support",
        ]);
    fit_columns(&mut table, items);
    if !style.color {
        table.force_no_tty();
    } else {
        table.enforce_styling();
    }
    for item in items {
        let plan = item.plan;
        let duty = item.duty;
        let plan_cell = match &plan.number {
            Some(n) => format!("{n}\n{}", plan.id),
            None => plan.id.to_string(),
        };
        let title = ellipsize(duty.title(), TITLE_CHARS);
        let task_cell = match duty.section() {
            Some(s) => format!("{s} {title}"),
            None => title,
        };
        let cells = [
            deadline_cell(item, style),
            plan.jurisdiction.as_deref().unwrap_or_default().to_owned(),
            plan_cell,
            task_cell,
            ellipsize(&Names(duty.lead()).joined(), NAMES_CHARS),
            ellipsize(&Names(duty.support()).joined(), NAMES_CHARS),
        ];
        let urgency = urgency(item.occurrence.deadline, style.today);
        table.add_row(
            cells
                .into_iter()
                .map(|text| styled(Cell::new(text), urgency, style.color)),
        );
    }
    writeln!(out, "{table}")
}

/// In the table, long titles and name lists are cut (JSON, CSV and the
/// calendar keep them whole): a row stays a few lines high.
const TITLE_CHARS: usize = 90;
const NAMES_CHARS: usize = 60;

/// The deadline; under it the start of the window when there is one, and,
/// when the repository records progress, where the occurrence stands
/// unless it is still open.
fn deadline_cell(item: &Item, style: TableStyle) -> String {
    let mut cell = match item.occurrence.start {
        Some(start) => format!("{}\nfrom {start}", item.occurrence.deadline),
        None => item.occurrence.deadline.to_string(),
    };
    let standing = item.standing(style.today);
    if style.progress && standing != Standing::Open {
        cell.push('\n');
        cell.push_str(standing.as_str());
    }
    cell
}

/// Dates never wrap; ids wrap only when very long; the free text columns
/// keep a share of the width so none is squeezed to a few letters.
fn fit_columns(table: &mut Table, items: &[Item]) {
    let widest_id = items
        .iter()
        .map(|i| i.plan.id.chars().count())
        .max()
        .unwrap_or(4);
    let plan_width = u16::try_from(widest_id.clamp(4, 22) + 2).unwrap_or(24);
    let constraints = [
        ColumnConstraint::ContentWidth,
        ColumnConstraint::ContentWidth,
        ColumnConstraint::LowerBoundary(Width::Fixed(plan_width)),
        ColumnConstraint::LowerBoundary(Width::Percentage(25)),
        ColumnConstraint::LowerBoundary(Width::Percentage(12)),
        ColumnConstraint::LowerBoundary(Width::Percentage(12)),
    ];
    for (column, constraint) in table.column_iter_mut().zip(constraints) {
        column.set_constraint(constraint);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Urgency {
    Past,
    Soon,
    Later,
}

fn urgency(deadline: NaiveDate, today: NaiveDate) -> Urgency {
    if deadline < today {
        Urgency::Past
    } else if deadline <= today + Duration::days(SOON_DAYS) {
        Urgency::Soon
    } else {
        Urgency::Later
    }
}

fn styled(cell: Cell, urgency: Urgency, color: bool) -> Cell {
    match (color, urgency) {
        (false, _) | (_, Urgency::Later) => cell,
        (true, Urgency::Past) => cell.add_attribute(Attribute::Dim),
        (true, Urgency::Soon) => cell.fg(Color::Yellow).add_attribute(Attribute::Bold),
    }
}

fn join<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join("; ")
}

/// The header, then one record per item, by one csv writer.
fn csv(out: &mut dyn Write, items: &[Item], today: NaiveDate) -> io::Result<()> {
    let mut writer = ::csv::WriterBuilder::new()
        .buffer_capacity(BUFFER)
        .from_writer(out);
    writer.write_record(CSV_HEADER).map_err(super::csv_error)?;
    for item in items {
        writer
            .write_record(
                csv_record(&row(item, today))
                    .iter()
                    .map(|field| field.as_bytes()),
            )
            .map_err(super::csv_error)?;
    }
    writer.flush()
}

const CSV_HEADER: [&str; 13] = [
    "deadline",
    "start",
    "jurisdiction",
    "plan",
    "number",
    "task",
    "ref",
    "title",
    "lead",
    "support",
    "status",
    "file",
    "line",
];

/// One row's fields, in the order of [`CSV_HEADER`].
fn csv_record<'a>(r: &Row<'a>) -> [Cow<'a, str>; 13] {
    [
        r.deadline.0.to_string().into(),
        r.start.map(|d| d.0.to_string()).unwrap_or_default().into(),
        r.jurisdiction.unwrap_or_default().into(),
        r.plan.into(),
        r.number.unwrap_or_default().into(),
        r.task.into(),
        r.section.unwrap_or_default().into(),
        r.title.into(),
        r.lead.joined().into(),
        r.support.joined().into(),
        r.status.into(),
        r.file.into(),
        r.line.to_string().into(),
    ]
}
