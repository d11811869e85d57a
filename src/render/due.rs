//! `gplan due` output: a table for people, JSON and CSV for scripts, and an
//! iCalendar file for calendar apps.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

use chrono::{Duration, NaiveDate};
use rayon::prelude::*;
use serde::{Serialize, Serializer};

use super::calendar::Reminder;
use super::terminal::{pad, plain, wrap};
use crate::model::Name;
use crate::query::due::{Item, Standing};
use crate::query::Duty;
use crate::registry::Registry;

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
    /// The terminal's width, or `None` for the plain layout.
    pub width: Option<usize>,
    pub today: NaiveDate,
    /// The widest plan id or number of the listing's plans, in columns.
    pub plan_width: usize,
    /// The widest jurisdiction id of the listing's plans.
    pub jurisdiction_width: usize,
}

/// What every format but the table needs beyond the items.
#[derive(Clone, Copy, Debug)]
pub struct Output<'r> {
    /// The day `status` is judged on, and the calendar's DTSTAMP.
    pub today: NaiveDate,
    /// Where `lead_org` and `support_org` find the canonical names.
    pub registry: Option<&'r Registry>,
    /// CSV only: a UTF-8 byte-order mark first, for Excel.
    pub bom: bool,
    /// Calendar only: a reminder before each deadline.
    pub reminder: Option<Reminder>,
}

/// The UTF-8 byte-order mark: Excel on Windows reads a CSV file without
/// it in the system's legacy code page, garbling Vietnamese letters.
const BOM: &[u8] = "\u{feff}".as_bytes();

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
    requested: Names<'a>,
    lead_org: Canonical<'a>,
    support_org: Canonical<'a>,
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

/// The registry names of names as written: each the canonical name of
/// the body it means (as a city's plans write it, "Ủy ban nhân dân Thành
/// phố", where the plan is a city's), or `None` for a name the registry
/// does not know. Resolved as the row is written: a national listing
/// repeats a few hundred names, each resolved once by the registry.
#[derive(Clone, Copy)]
struct Canonical<'a> {
    names: &'a [Name],
    registry: Option<&'a Registry>,
    jurisdiction: Option<&'a str>,
}

impl<'a> Canonical<'a> {
    fn names(self) -> impl Iterator<Item = Option<&'a str>> {
        self.names.iter().map(move |name| {
            let registry = self.registry?;
            let org = registry.lookup_at(name, self.jurisdiction)?;
            Some(registry.name_in(org, self.jurisdiction.unwrap_or_default()))
        })
    }

    /// Joined by "; ", an unknown name as an empty item, so the n-th item
    /// is always the n-th name as written.
    fn joined(self) -> String {
        let names: Vec<&str> = self.names().map(Option::unwrap_or_default).collect();
        names.join("; ")
    }
}

impl Serialize for Canonical<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

fn row<'a>(item: &Item<'a>, output: Output<'a>) -> Row<'a> {
    let plan = item.plan;
    let duty = item.duty;
    let canonical = |names| Canonical {
        names,
        registry: output.registry,
        jurisdiction: plan.jurisdiction.as_deref(),
    };
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
        requested: Names(duty.requested()),
        lead_org: canonical(duty.lead()),
        support_org: canonical(duty.support()),
        status: item.standing(output.today).as_str(),
        file: &plan.file,
        line: duty.line(),
    }
}

/// Rows as one JSON array, serialised as they are made from the items.
struct Rows<'i, 'a>(&'i [Item<'a>], Output<'a>);

impl Serialize for Rows<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|item| row(item, self.1)))
    }
}

/// Writes the items in the chosen format as they come; returns how many
/// there were.
pub fn write<'a>(
    out: &mut dyn Write,
    format: Format,
    items: impl Iterator<Item = Item<'a>>,
    style: TableStyle,
    output: Output<'a>,
) -> io::Result<usize> {
    let mut count = 0;
    let mut items = items.inspect(|_| count += 1);
    match format {
        Format::Table => table(out, &mut items, style),
        Format::Json => json(out, &mut items, output),
        Format::Csv => csv(out, &mut items, output),
        Format::Ics => super::calendar::write(out, &mut items, output),
    }?;
    drop(items);
    Ok(count)
}

/// The items of a listing, read once as they are made.
pub(super) type Items<'i, 'a> = &'i mut dyn Iterator<Item = Item<'a>>;

/// Bytes written at a time by the streamed formats.
pub(super) const BUFFER: usize = 1 << 16;

/// Items formatted at a time by one thread: a piece costs far more than
/// handing it to a thread, and a round of pieces (one per thread) holds a
/// few MB of output.
const PIECE: usize = 4096;

/// Writes the items in pieces of [`PIECE`], each formatted into a buffer
/// of its own by `piece` (told whether it is the listing's first) on
/// rayon's threads, the buffers written in the items' order: the bytes
/// are those of formatting the items one after another, whatever the
/// number of threads. A national listing has 435,000 rows: formatted on
/// one thread, they left the second core idle for half of `due` (see
/// docs/performance.md). Gives whether there was any item.
pub(super) fn in_pieces<'a, F>(
    out: &mut dyn Write,
    items: Items<'_, 'a>,
    piece: F,
) -> io::Result<bool>
where
    F: Fn(bool, &[Item<'a>]) -> io::Result<Vec<u8>> + Sync,
{
    let round = PIECE * rayon::current_num_threads();
    let mut first = true;
    loop {
        let items: Vec<Item<'a>> = (&mut *items).take(round).collect();
        if items.is_empty() {
            return Ok(!first);
        }
        let buffers: Vec<io::Result<Vec<u8>>> = items
            .par_chunks(PIECE)
            .enumerate()
            .map(|(i, items)| piece(first && i == 0, items))
            .collect();
        for buffer in buffers {
            out.write_all(&buffer?)?;
        }
        first = false;
    }
}

/// The bytes `serde_json::to_writer_pretty` writes for the whole array,
/// then a newline. Each piece is written by it as an array of its own,
/// `[\n  {…},\n  {…}\n]`: the array's end is left for the last piece,
/// and after the first piece the `[` becomes the comma that follows the
/// row before.
fn json<'a>(out: &mut dyn Write, items: Items<'_, 'a>, output: Output<'a>) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, out);
    let any = in_pieces(&mut out, items, |first, items| {
        let mut buffer = Vec::with_capacity(BUFFER);
        serde_json::to_writer_pretty(&mut buffer, &Rows(items, output))
            .map_err(super::json_error)?;
        buffer.truncate(buffer.len().saturating_sub(ARRAY_END.len()));
        if let (false, Some(open)) = (first, buffer.first_mut()) {
            *open = b',';
        }
        Ok(buffer)
    })?;
    out.write_all(if any { ARRAY_END } else { b"[]" })?;
    writeln!(out)?;
    out.flush()
}

/// How serde_json's pretty printer ends an array that has items.
const ARRAY_END: &[u8] = b"\n]";

/// The table, one row at a time as the items come: column widths come
/// from the terminal and the widest plan id, number and jurisdiction of
/// the listing's plans, never from the rows, so a national listing is
/// never held. Into a pipe or file, the plain layout (see [`plain_table`]).
fn table(out: &mut dyn Write, items: Items, style: TableStyle) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, out);
    let Some(width) = style.width else {
        return plain_table(&mut out, items, style.today);
    };
    let layout = Layout::new(width, style);
    layout.write_row(&mut out, &layout.header(), None)?;
    writeln!(out, "{}", layout.rule())?;
    for item in items {
        let standing = item.standing(style.today);
        // A delivered occurrence is done, whatever its deadline.
        let urgency = if standing.is_delivered() {
            Urgency::Past
        } else {
            urgency(item.occurrence.deadline, style.today)
        };
        let paint = style.color.then_some(urgency);
        layout.write_row(&mut out, &layout.cells(&item, standing), paint)?;
    }
    out.flush()
}

/// The plain layout, for a pipe or a file: a header line, then one line
/// per deadline, cells separated by a tab (`cut -f`, `column -t -s`),
/// text escaped and on one line. The status is the last cell, so the
/// columns a script cut before there was one keep their numbers.
fn plain_table(out: &mut dyn Write, items: Items, today: NaiveDate) -> io::Result<()> {
    writeln!(
        out,
        "Deadline\tFrom\tJurisdiction\tNumber\tPlan\tTask\tLead\tSupport\tStatus"
    )?;
    for item in items {
        let plan = item.plan;
        let duty = item.duty;
        let cells = [
            item.occurrence.deadline.to_string(),
            item.occurrence
                .start
                .map(|s| s.to_string())
                .unwrap_or_default(),
            plain(plan.jurisdiction.as_deref().unwrap_or_default()),
            plain(plan.number.as_deref().unwrap_or_default()),
            plain(&plan.id),
            plain(&task_text(duty)),
            plain(&Names(duty.lead()).joined()),
            plain(&Names(duty.support()).joined()),
            item.standing(today).as_str().to_owned(),
        ];
        writeln!(out, "{}", cells.join("\t"))?;
    }
    out.flush()
}

/// A duty's section and title, as the table shows them.
fn task_text(duty: &Duty) -> String {
    match duty.section() {
        Some(s) => format!("{s} {}", duty.title()),
        None => duty.title().to_owned(),
    }
}

/// Between two columns.
const GAP: &str = " │ ";
/// `from YYYY-MM-DD`: dates never break.
const DEADLINE_WIDTH: usize = 15;
/// The longest status word, `delivered`: the status column of the wide
/// layout.
const STATUS_WIDTH: usize = 9;
/// From this width on, the status, the jurisdiction, the lead and the
/// support have columns of their own; below it the status goes under the
/// deadline, the jurisdiction under the plan, and the supporters under
/// the leads: at 80 columns a status column would leave the task 14.
const WIDE: usize = 120;

/// Column widths for one terminal width.
struct Layout {
    /// `Some` in the wide layout.
    status: Option<usize>,
    /// `Some` in the wide layout.
    jurisdiction: Option<usize>,
    plan: usize,
    task: usize,
    /// The lead column; in the narrow layout it holds the support too.
    lead: usize,
    /// `Some` in the wide layout.
    support: Option<usize>,
}

impl Layout {
    /// Widths for `width` columns: deadline, plan and jurisdiction as
    /// wide as their widest value (up to a quarter of the line each), the
    /// rest to the task (more than half) and the bodies.
    fn new(width: usize, style: TableStyle) -> Layout {
        let wide = width >= WIDE;
        let cap = width / 4;
        let plan = style.plan_width.clamp(4, cap);
        let jurisdiction = wide.then(|| style.jurisdiction_width.clamp(12, cap));
        let status = wide.then_some(STATUS_WIDTH);
        let columns = if wide { 7 } else { 4 };
        let fixed = DEADLINE_WIDTH
            + status.unwrap_or(0)
            + plan
            + jurisdiction.unwrap_or(0)
            + GAP.len() * (columns - 1);
        let rest = width.saturating_sub(fixed).max(20);
        let (task, lead, support) = if wide {
            let names = rest * 2 / 9;
            (rest - 2 * names, names, Some(names))
        } else {
            let names = rest * 2 / 5;
            (rest - names, names, None)
        };
        Layout {
            status,
            jurisdiction,
            plan,
            task,
            lead,
            support,
        }
    }

    fn widths(&self) -> Vec<usize> {
        let mut widths = vec![DEADLINE_WIDTH];
        widths.extend(self.status);
        widths.extend(self.jurisdiction);
        widths.extend([self.plan, self.task, self.lead]);
        widths.extend(self.support);
        widths
    }

    fn header(&self) -> Vec<String> {
        let mut cells = match self.status {
            Some(_) => vec!["Deadline".to_owned(), "Status".to_owned()],
            None => vec!["Deadline / Status".to_owned()],
        };
        if self.jurisdiction.is_some() {
            cells.push("Jurisdiction".to_owned());
        }
        cells.extend(["Plan".to_owned(), "Task".to_owned()]);
        if self.support.is_some() {
            cells.extend(["Lead".to_owned(), "Support".to_owned()]);
        } else {
            cells.push("Lead / Support".to_owned());
        }
        cells
    }

    /// A line under the header, with a cross under each gap.
    fn rule(&self) -> String {
        let parts: Vec<String> = self.widths().iter().map(|w| "─".repeat(*w)).collect();
        parts.join("─┼─")
    }

    fn cells(&self, item: &Item, standing: Standing) -> Vec<String> {
        let plan = item.plan;
        let duty = item.duty;
        let mut plan_cell = match &plan.number {
            Some(n) => format!("{n}\n{}", plan.id),
            None => plan.id.to_string(),
        };
        let jurisdiction = plan.jurisdiction.as_deref().unwrap_or_default();
        let mut cells = vec![deadline_cell(item)];
        match self.status {
            Some(_) => cells.push(standing.as_str().to_owned()),
            None => cells[0] = format!("{}\n{}", cells[0], standing.as_str()),
        }
        if self.jurisdiction.is_some() {
            cells.push(jurisdiction.to_owned());
        } else if !jurisdiction.is_empty() {
            plan_cell = format!("{plan_cell}\n{jurisdiction}");
        }
        cells.extend([plan_cell, task_text(duty)]);
        let lead = Names(duty.lead()).joined();
        let support = Names(duty.support()).joined();
        if self.support.is_some() {
            cells.extend([lead, support]);
        } else if support.is_empty() {
            cells.push(lead);
        } else {
            cells.push(format!("{lead}\n+ {support}"));
        }
        cells
    }

    /// Writes one row: each cell wrapped to its column (escaped), the
    /// row as high as its highest cell.
    fn write_row(
        &self,
        out: &mut dyn Write,
        cells: &[String],
        paint: Option<Urgency>,
    ) -> io::Result<()> {
        let widths = self.widths();
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| wrap(cell, width))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let (on, off) = match paint {
            Some(Urgency::Past) => ("\x1b[2m", "\x1b[0m"),
            Some(Urgency::Soon) => ("\x1b[1m\x1b[33m", "\x1b[0m"),
            Some(Urgency::Later) | None => ("", ""),
        };
        for line in 0..height {
            let parts: Vec<String> = wrapped
                .iter()
                .zip(&widths)
                .map(|(lines, &width)| pad(lines.get(line).map_or("", String::as_str), width))
                .collect();
            let text = parts.join(GAP);
            writeln!(out, "{on}{}{off}", text.trim_end())?;
        }
        Ok(())
    }
}

/// The deadline, and under it the start of the window when there is one.
fn deadline_cell(item: &Item) -> String {
    match item.occurrence.start {
        Some(start) => format!("{}\nfrom {start}", item.occurrence.deadline),
        None => item.occurrence.deadline.to_string(),
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

fn join<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.collect::<Vec<_>>().join("; ")
}

/// The header, then one record per item, by csv writers: the header's,
/// then one per piece of items (see [`in_pieces`]); with `bom`, the
/// byte-order mark before the header.
fn csv<'a>(out: &mut dyn Write, items: Items<'_, 'a>, output: Output<'a>) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, out);
    if output.bom {
        out.write_all(BOM)?;
    }
    let mut header = ::csv::Writer::from_writer(&mut out);
    header.write_record(CSV_HEADER).map_err(super::csv_error)?;
    header.flush()?;
    drop(header);
    in_pieces(&mut out, items, |_, items| {
        let mut writer = ::csv::Writer::from_writer(Vec::with_capacity(BUFFER));
        for item in items {
            let record = csv_record(&row(item, output));
            writer
                .write_record(record.iter().map(|field| field.as_bytes()))
                .map_err(super::csv_error)?;
        }
        writer.into_inner().map_err(|e| e.into_error())
    })?;
    out.flush()
}

const CSV_HEADER: [&str; 16] = [
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
    "requested",
    "lead_org",
    "support_org",
    "status",
    "file",
    "line",
];

/// One row's fields, in the order of [`CSV_HEADER`].
fn csv_record<'a>(r: &Row<'a>) -> [Cow<'a, str>; 16] {
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
        r.requested.joined().into(),
        r.lead_org.joined().into(),
        r.support_org.joined().into(),
        r.status.into(),
        r.file.into(),
        r.line.to_string().into(),
    ]
}
