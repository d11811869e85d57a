//! `gplan due` output: a table for people, JSON and CSV for scripts, and an
//! iCalendar file for calendar apps.

mod table;

pub use table::TableStyle;

use std::borrow::Cow;
use std::io::{self, BufWriter, Write};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Serialize, Serializer};

use super::calendar::Reminder;
use crate::model::Name;
use crate::query::due::Item;
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
        Format::Table => table::table(out, &mut items, style),
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

/// The bytes [`super::json::to_writer_pretty`] writes for the whole array,
/// then a newline. Each piece is written by it as an array of its own,
/// `[\n  {…},\n  {…}\n]`: the array's end is left for the last piece,
/// and after the first piece the `[` becomes the comma that follows the
/// row before.
fn json<'a>(out: &mut dyn Write, items: Items<'_, 'a>, output: Output<'a>) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, out);
    let any = in_pieces(&mut out, items, |first, items| {
        let mut buffer = Vec::with_capacity(BUFFER);
        super::json::to_writer_pretty(&mut buffer, &Rows(items, output))?;
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
            super::csv_record(&mut writer, record.iter())?;
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
