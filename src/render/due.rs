//! `gplan due` output: a table for people, JSON and CSV for scripts, and an
//! iCalendar file for calendar apps.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use comfy_table::{
    presets, Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width,
};
use icalendar::{Calendar, Component, EventLike};

use super::ellipsize;
use super::json::{self, Object};
use crate::model::Name;
use crate::query::due::Item;

/// How `gplan due` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
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
}

/// Deadlines this close to today are highlighted.
const SOON_DAYS: i64 = 14;

/// One row in the JSON and CSV shapes, keys and order exactly as the spec.
/// Borrowed from the model: a national listing has a million rows.
struct Row<'a> {
    deadline: Day,
    start: Option<Day>,
    jurisdiction: Option<&'a str>,
    plan: &'a str,
    number: Option<&'a str>,
    task: &'a str,
    section: Option<&'a str>,
    title: &'a str,
    lead: Names<'a>,
    support: Names<'a>,
    file: &'a str,
    line: usize,
}

/// A day written `YYYY-MM-DD`, as `NaiveDate`'s `Display` writes it,
/// without the formatter or an allocation for the years plans use.
#[derive(Clone, Copy)]
struct Day(NaiveDate);

impl Day {
    fn digits(self) -> Option<[u8; 10]> {
        let date = self.0;
        let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
        let mut text = *b"0000-00-00";
        put_digits(&mut text[0..4], year);
        put_digits(&mut text[5..7], date.month());
        put_digits(&mut text[8..10], date.day());
        Some(text)
    }
}

/// Writes `value` in decimal into `slot`, zero-padded to its width.
fn put_digits(slot: &mut [u8], mut value: u32) {
    for digit in slot.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.digits() {
            Some(text) => f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?),
            None => write!(f, "{}", self.0),
        }
    }
}

impl Day {
    /// Writes the day as a JSON string.
    fn write(self, object: &mut Object, key: &'static str) {
        match self.digits() {
            Some(text) => object.text(key, std::str::from_utf8(&text).ok()),
            None => object.text(key, Some(&self.0.to_string())),
        }
    }
}

/// Names as a JSON array (or, in CSV, joined by "; "), straight from the
/// duty.
#[derive(Clone, Copy)]
struct Names<'a>(&'a [Name]);

impl Names<'_> {
    fn joined(self) -> String {
        join(self.0.iter().map(|n| &**n))
    }
}

impl<'a> Names<'a> {
    fn texts(self) -> impl Iterator<Item = &'a str> {
        self.0.iter().map(|n| &**n)
    }
}

fn row<'a>(item: &Item<'a>) -> Row<'a> {
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
        file: &plan.file,
        line: duty.line(),
    }
}

/// The keys in the order the spec gives them.
fn write_json_row(r: &Row, mut object: Object) {
    r.deadline.write(&mut object, "deadline");
    match r.start {
        Some(start) => start.write(&mut object, "start"),
        None => object.text("start", None),
    }
    object.text("jurisdiction", r.jurisdiction);
    object.text("plan", Some(r.plan));
    object.text("number", r.number);
    object.text("task", Some(r.task));
    object.text("ref", r.section);
    object.text("title", Some(r.title));
    object.texts("lead", r.lead.texts());
    object.texts("support", r.support.texts());
    object.text("file", Some(r.file));
    object.number("line", r.line);
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
        Format::Json => json::write_array(out, items, |item, object| {
            write_json_row(&row(item), object)
        }),
        Format::Csv => csv(out, items),
        Format::Ics => ics(out, items, style.today),
    }
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
            deadline_cell(item),
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

/// The deadline, and under it the start of the window when there is one.
fn deadline_cell(item: &Item) -> String {
    match item.occurrence.start {
        Some(start) => format!("{}\nfrom {start}", item.occurrence.deadline),
        None => item.occurrence.deadline.to_string(),
    }
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

/// The header, then the rows written in parallel pieces, each by its own
/// csv writer: the bytes one writer would write for them all.
fn csv(out: &mut dyn Write, items: &[Item]) -> io::Result<()> {
    let mut header = ::csv::Writer::from_writer(&mut *out);
    header.write_record(CSV_HEADER).map_err(super::csv_error)?;
    header.flush()?;
    drop(header);
    super::write_in_pieces(out, items, super::CHUNK, b"", |items, piece| {
        let mut writer = ::csv::Writer::from_writer(piece);
        for item in items {
            writer
                .write_record(csv_record(&row(item)).iter().map(|field| field.as_bytes()))
                .map_err(super::csv_error)?;
        }
        writer.flush()
    })
}

const CSV_HEADER: [&str; 12] = [
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
    "file",
    "line",
];

/// One row's fields, in the order of [`CSV_HEADER`].
fn csv_record<'a>(r: &Row<'a>) -> [Cow<'a, str>; 12] {
    [
        r.deadline.to_string().into(),
        r.start.map(|d| d.to_string()).unwrap_or_default().into(),
        r.jurisdiction.unwrap_or_default().into(),
        r.plan.into(),
        r.number.unwrap_or_default().into(),
        r.task.into(),
        r.section.unwrap_or_default().into(),
        r.title.into(),
        r.lead.joined().into(),
        r.support.joined().into(),
        r.file.into(),
        r.line.to_string().into(),
    ]
}

/// One all-day event per occurrence, on its deadline (DTEND is the next
/// day: exclusive, as RFC 5545 wants). DTSTAMP is midnight UTC of `today`
/// so the same inputs give the same bytes. The calendar is written as
/// icalendar writes it, event by event in parallel pieces rather than
/// built whole: a national listing is hundreds of thousands of events.
fn ics(out: &mut dyn Write, items: &[Item], today: NaiveDate) -> io::Result<()> {
    let stamp = Utc.from_utc_datetime(&today.and_hms_opt(0, 0, 0).unwrap_or_default());
    let mut calendar = Calendar::new();
    calendar.name("gplan");
    let empty = calendar.done().to_string();
    let head = empty.strip_suffix(CALENDAR_END).ok_or_else(|| {
        io::Error::other("icalendar wrote a calendar that does not end as RFC 5545 says")
    })?;
    out.write_all(head.as_bytes())?;
    super::write_in_pieces(out, items, super::CHUNK, b"", |items, piece| {
        let mut text = String::new();
        for item in items {
            event(item, stamp)
                .fmt_write(&mut text)
                .map_err(io::Error::other)?;
        }
        piece.extend_from_slice(text.as_bytes());
        Ok(())
    })?;
    out.write_all(CALENDAR_END.as_bytes())
}

/// The last line of every calendar.
const CALENDAR_END: &str = "END:VCALENDAR\r\n";

fn event(item: &Item, stamp: chrono::DateTime<Utc>) -> icalendar::Event {
    let plan = item.plan;
    let duty = item.duty;
    let deadline = item.occurrence.deadline;
    let uid = format!("{}#{}/{}", plan.id, duty.id(), deadline.format("%Y-%m-%d"));
    let mut description = vec![match &plan.number {
        Some(n) => format!("{n} — {}", plan.title),
        None => plan.title.to_string(),
    }];
    if let Some(start) = item.occurrence.start {
        description.push(format!("Thời gian: {start} → {deadline}"));
    }
    description.push(format!("Chủ trì: {}", Names(duty.lead()).joined()));
    if !duty.support().is_empty() {
        description.push(format!("Phối hợp: {}", Names(duty.support()).joined()));
    }
    icalendar::Event::new()
        .uid(&uid)
        .timestamp(stamp)
        .summary(duty.title())
        .description(&description.join("\n"))
        .starts(deadline)
        .ends(deadline + Duration::days(1))
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2023, 12, 5),
            (1, 1, 1),
            (999, 10, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-5, 3, 4),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
            assert_eq!(Day(date).to_string(), date.to_string());
        }
    }
}
