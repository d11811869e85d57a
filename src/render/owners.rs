//! `gplan owners` output: per-scope tables for people, JSON and CSV.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;
use textwrap::core::display_width;

use crate::query::owners::{Assignment, Holder, Summary};
use crate::query::Duty;
use crate::registry::Registry;
use crate::render::fit::{fits, keep_words, new_table, Room};
use crate::render::terminal::{self, escape, plain};

/// Long task titles are cut in the table (not in JSON or CSV).
const TITLE_CHARS: usize = 90;

/// The column of a duty's table that gets the room to spare: the task.
const DUTY_TASK: Room = Room {
    column: 2,
    least: 20,
};

/// The column of the summary that gets the room to spare: the body.
const SUMMARY_NAME: Room = Room {
    column: 1,
    least: 16,
};

/// How `gplan owners` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// One table per scope.
    #[default]
    Table,
    /// One JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

/// One duty, keys exactly as the spec lists them.
#[derive(Serialize)]
struct DutyRow<'a> {
    org: &'a str,
    scope: &'a str,
    role: &'static str,
    plan: &'a str,
    number: Option<&'a str>,
    task: Option<&'a str>,
    title: &'a str,
    due: Option<&'a str>,
    next: Option<String>,
    via: Option<String>,
    /// The group the duty was given to, when it is the body's share.
    group: Option<&'a str>,
    file: &'a str,
    line: usize,
}

/// One body in one scope, without NAME.
#[derive(Serialize)]
struct SummaryRow<'a> {
    org: &'a str,
    scope: &'a str,
    lead: usize,
    support: usize,
    /// Duties of the groups it belongs to.
    group: usize,
    next: Option<String>,
}

/// Scopes as a person reads them. A scope is kept as an id (`hung-yen`),
/// `<jurisdiction>/<issuer>` for a unit body, or the issuer's name for a
/// plan without a jurisdiction; the tables show instead the place's name
/// ("Hưng Yên"), the issuing body and its place ("Sở Công Thương, Phú
/// Thọ") and "issued by Sở Ngoại vụ, no jurisdiction". JSON and CSV keep
/// the scope itself, for scripts.
pub struct Scopes<'r> {
    registry: Option<&'r Registry>,
}

impl<'r> Scopes<'r> {
    pub fn new(registry: Option<&'r Registry>) -> Self {
        Scopes { registry }
    }

    /// The name of a scope in a table.
    pub fn label(&self, scope: &str) -> String {
        if let Some(place) = self.place(scope) {
            return place;
        }
        if let Some((place, issuer)) = scope.split_once('/') {
            if let Some(place) = self.place(place) {
                return format!("{issuer}, {place}");
            }
        }
        format!("issued by {scope}, no jurisdiction")
    }

    /// The name of a jurisdiction id: the registry's, else the id itself
    /// when it is written as an id. `None` for anything else (an issuer).
    fn place(&self, id: &str) -> Option<String> {
        let known = self.registry.and_then(|r| r.jurisdictions.get(id));
        match known {
            Some(j) => Some(j.name.clone()),
            None => is_id(id).then(|| id.to_owned()),
        }
    }
}

/// Whether a scope is written as a jurisdiction id (lower-case letters,
/// digits, hyphens): an id the registry does not know. A body's name
/// always has a capital or a space.
fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// How the original body of an inherited duty is shown: its name, and its
/// scope when that changed too (a merged province).
fn via(duty: &Assignment) -> Option<String> {
    let original: &Holder = duty.via.as_ref()?;
    Some(if original.scope == duty.holder.scope {
        original.org.to_string()
    } else {
        format!("{} ({})", original.org, original.scope)
    })
}

fn duty_row<'a>(duty: &'a Assignment, today: NaiveDate) -> DutyRow<'a> {
    let task = duty.duty.as_deref();
    DutyRow {
        org: &duty.holder.org,
        scope: &duty.holder.scope,
        role: duty.role.as_str(),
        plan: &duty.plan.id.value,
        number: duty.plan.number.as_ref().map(|n| n.value.as_str()),
        task: task.map(Duty::id),
        title: task.map_or(&duty.plan.title, Duty::title),
        due: duty.rules.as_deref(),
        next: duty.next(today).map(|d| d.to_string()),
        via: via(duty),
        group: duty.group.as_deref(),
        file: &duty.plan.file,
        line: task.map_or(duty.plan.line, Duty::line),
    }
}

fn summary_row(row: &Summary) -> SummaryRow<'_> {
    SummaryRow {
        org: &row.holder.org,
        scope: &row.holder.scope,
        lead: row.lead,
        support: row.support,
        group: row.group,
        next: row.next.map(|d| d.to_string()),
    }
}

/// Writes the duties of the matched bodies.
pub fn write_duties(
    out: &mut dyn Write,
    format: Format,
    duties: &[Assignment],
    today: NaiveDate,
    width: Option<usize>,
    scopes: &Scopes,
) -> io::Result<()> {
    let rows: Vec<DutyRow> = duties.iter().map(|d| duty_row(d, today)).collect();
    match format {
        Format::Json => json(out, &rows),
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer
                .write_record([
                    "org", "scope", "role", "plan", "number", "task", "title", "due", "next",
                    "via", "group", "file", "line",
                ])
                .map_err(super::csv_error)?;
            for r in &rows {
                let line = r.line.to_string();
                let fields = [
                    r.org,
                    r.scope,
                    r.role,
                    r.plan,
                    r.number.unwrap_or_default(),
                    r.task.unwrap_or_default(),
                    r.title,
                    r.due.unwrap_or_default(),
                    r.next.as_deref().unwrap_or_default(),
                    r.via.as_deref().unwrap_or_default(),
                    r.group.unwrap_or_default(),
                    r.file,
                    &line,
                ];
                super::csv_record(&mut writer, fields)?;
            }
            writer.flush()
        }
        Format::Table => duty_blocks(out, &rows, width, scopes),
    }
}

/// One block of duties per body and scope, each under its name: a table,
/// or, on a terminal too narrow for every block's table, cards (see
/// [`fits`]); one layout for the whole answer.
fn duty_blocks(
    out: &mut dyn Write,
    rows: &[DutyRow],
    width: Option<usize>,
    scopes: &Scopes,
) -> io::Result<()> {
    let blocks: Vec<&[DutyRow]> = rows
        .chunk_by(|a, b| a.scope == b.scope && a.org == b.org)
        .collect();
    let tables: Vec<(Vec<&str>, Vec<Vec<String>>)> = blocks
        .iter()
        .map(|block| duty_table(block, width))
        .collect();
    let cards = width.filter(|&w| {
        tables
            .iter()
            .any(|(header, cells)| !fits(header, cells, w, DUTY_TASK))
    });
    for (block, (header, cells)) in blocks.iter().zip(tables) {
        let first = &block[0];
        let heading = format!(
            "{} — {}",
            plain(first.org),
            plain(&scopes.label(first.scope))
        );
        terminal::write_text(out, &heading, width)?;
        match cards {
            Some(width) => duty_cards(out, block, width)?,
            None => {
                let mut table = new_table(width, &header);
                if width.is_some() {
                    keep_words(&mut table, &header, &cells);
                }
                table.add_rows(cells);
                writeln!(out, "{table}\n")?;
            }
        }
    }
    Ok(())
}

/// The header and cells of one block's table; the Group column only where
/// some duty came through a group.
fn duty_table(block: &[DutyRow], width: Option<usize>) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let groups = block.iter().any(|r| r.group.is_some());
    let header = ["Role", "Plan", "Task", "Due", "Next", "Via", "Group"];
    let header = header[..header.len() - usize::from(!groups)].to_vec();
    let cells = block
        .iter()
        .map(|r| {
            let plan = r
                .number
                .map_or_else(|| r.plan.to_owned(), |n| format!("{n}\n{}", r.plan));
            let mut row = vec![
                r.role.to_owned(),
                plan,
                super::ellipsize(r.title, TITLE_CHARS),
                r.due.unwrap_or_default().to_owned(),
                r.next.clone().unwrap_or_default(),
                r.via.clone().unwrap_or_default(),
            ];
            if groups {
                row.push(r.group.unwrap_or_default().to_owned());
            }
            cells(width, row)
        })
        .collect();
    (header, cells)
}

/// Each duty as a paragraph: role, number and plan id, then, indented,
/// the task, its deadlines and where it came from, each wrapped at
/// `width` under its own indentation.
fn duty_cards(out: &mut dyn Write, block: &[DutyRow], width: usize) -> io::Result<()> {
    for r in block {
        // The plan's id on the line of its role and number when it fits
        // there, else on a line of its own: an id is never cut.
        let head = [Some(r.role), r.number].into_iter().flatten().map(plain);
        let head = head.collect::<Vec<_>>().join(" · ");
        let id = plain(r.plan);
        let mut card = if display_width(&head) + 3 + display_width(&id) <= width {
            format!("{head} · {id}")
        } else {
            format!("{head}\n    {id}")
        };
        card.push_str(&format!(
            "\n    {}",
            plain(&super::ellipsize(r.title, TITLE_CHARS))
        ));
        // An undated duty's condition is written "when: …" already.
        let due = r.due.map(|due| match due.strip_prefix("when: ") {
            Some(condition) => format!("When: {}", plain(condition)),
            None => format!("Due: {}", plain(due)),
        });
        let next = r.next.as_deref().map(|next| format!("Next: {next}"));
        let dates: Vec<String> = due.into_iter().chain(next).collect();
        if !dates.is_empty() {
            card.push_str(&format!("\n    {}", dates.join(" · ")));
        }
        for (label, value) in [("Via", r.via.as_deref()), ("Group", r.group)] {
            if let Some(value) = value {
                card.push_str(&format!("\n    {label}: {}", plain(value)));
            }
        }
        terminal::write_text(out, &card, Some(width))?;
        writeln!(out)?;
    }
    Ok(())
}

/// Writes one row per body and scope.
pub fn write_summary(
    out: &mut dyn Write,
    format: Format,
    rows: &[Summary],
    width: Option<usize>,
    scopes: &Scopes,
) -> io::Result<()> {
    let rows: Vec<SummaryRow> = rows.iter().map(summary_row).collect();
    match format {
        Format::Json => json(out, &rows),
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer
                .write_record(["org", "scope", "lead", "support", "group", "next"])
                .map_err(super::csv_error)?;
            for r in &rows {
                let fields = [
                    r.org.to_owned(),
                    r.scope.to_owned(),
                    r.lead.to_string(),
                    r.support.to_string(),
                    r.group.to_string(),
                    r.next.clone().unwrap_or_default(),
                ];
                super::csv_record(&mut writer, fields)?;
            }
            writer.flush()
        }
        Format::Table => summary_table(out, &rows, width, scopes),
    }
}

/// One row per body and scope; on a terminal too narrow for the table
/// (see [`fits`]), a paragraph per body instead.
fn summary_table(
    out: &mut dyn Write,
    rows: &[SummaryRow],
    width: Option<usize>,
    scopes: &Scopes,
) -> io::Result<()> {
    let header = [
        "Scope",
        "Organisation",
        "Lead",
        "Support",
        "Group",
        "Next deadline",
    ];
    let counts = |r: &SummaryRow| {
        [
            r.lead.to_string(),
            r.support.to_string(),
            r.group.to_string(),
        ]
    };
    let all: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let [lead, support, group] = counts(r);
            let next = r.next.clone().unwrap_or_default();
            cells(
                width,
                vec![
                    scopes.label(r.scope),
                    r.org.to_owned(),
                    lead,
                    support,
                    group,
                    next,
                ],
            )
        })
        .collect();
    if let Some(width) = width.filter(|&w| !fits(&header, &all, w, SUMMARY_NAME)) {
        for r in rows {
            let figures = header[2..5].iter().zip(counts(r));
            let figures: Vec<String> = figures.map(|(label, n)| format!("{label}: {n}")).collect();
            let mut card = format!(
                "{} — {}\n    {}",
                plain(r.org),
                plain(&scopes.label(r.scope)),
                figures.join(" · ")
            );
            if let Some(next) = &r.next {
                card.push_str(&format!("\n    {}: {next}", header[5]));
            }
            terminal::write_text(out, &card, Some(width))?;
            writeln!(out)?;
        }
        return Ok(());
    }
    let mut table = new_table(width, &header);
    if width.is_some() {
        keep_words(&mut table, &header, &all);
    }
    table.add_rows(all);
    writeln!(out, "{table}")
}

/// A row's cells, escaped; on one line each in the plain layout.
fn cells(width: Option<usize>, cells: Vec<String>) -> Vec<String> {
    cells
        .into_iter()
        .map(|cell| match width {
            Some(_) => escape(&cell).into_owned(),
            None => plain(&cell),
        })
        .collect()
}

fn json<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> io::Result<()> {
    super::json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_without_a_registry_keeps_its_id_and_names_its_issuer() {
        let scopes = Scopes::new(None);
        assert_eq!(scopes.label("hung-yen"), "hung-yen");
        assert_eq!(scopes.label("phu-tho/Sở Y tế"), "Sở Y tế, phu-tho");
        assert_eq!(
            scopes.label("Sở Ngoại vụ"),
            "issued by Sở Ngoại vụ, no jurisdiction"
        );
        assert_eq!(
            scopes.label("Sở A/B"),
            "issued by Sở A/B, no jurisdiction",
            "a slash in an issuer's name is not a place"
        );
    }
}
