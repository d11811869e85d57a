//! `gplan owners` output: per-scope tables for people, JSON and CSV.

use std::io::{self, Write};

use chrono::NaiveDate;
use comfy_table::{presets, ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;

use crate::query::owners::{Assignment, Holder, Summary};
use crate::query::Duty;
use crate::registry::Registry;
use crate::render::terminal::{escape, plain};

/// Long task titles are cut in the table (not in JSON or CSV).
const TITLE_CHARS: usize = 90;

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
                writer.write_record(fields).map_err(super::csv_error)?;
            }
            writer.flush()
        }
        Format::Table => {
            let mut start = 0;
            while start < rows.len() {
                let scope = rows[start].scope;
                let org = rows[start].org;
                let end = rows[start..]
                    .iter()
                    .position(|r| r.scope != scope || r.org != org)
                    .map_or(rows.len(), |n| start + n);
                writeln!(out, "{} — {}", escape(org), escape(&scopes.label(scope)))?;
                let block = &rows[start..end];
                // The Group column only where some duty came through a group.
                let groups = block.iter().any(|r| r.group.is_some());
                let header = ["Role", "Plan", "Task", "Due", "Next", "Via", "Group"];
                let mut table = new_table(width, &header[..header.len() - usize::from(!groups)]);
                let mut group = Vec::new();
                for r in block {
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
                    group.push(cells(width, row));
                }
                keep_words(&mut table, &group, width);
                table.add_rows(group);
                writeln!(out, "{table}\n")?;
                start = end;
            }
            Ok(())
        }
    }
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
                writer.write_record(fields).map_err(super::csv_error)?;
            }
            writer.flush()
        }
        Format::Table => {
            let mut table = new_table(
                width,
                &[
                    "Scope",
                    "Organisation",
                    "Lead",
                    "Support",
                    "Group",
                    "Next deadline",
                ],
            );
            let mut all = Vec::new();
            for r in &rows {
                all.push(cells(
                    width,
                    vec![
                        scopes.label(r.scope),
                        r.org.to_owned(),
                        r.lead.to_string(),
                        r.support.to_string(),
                        r.group.to_string(),
                        r.next.clone().unwrap_or_default(),
                    ],
                ));
            }
            keep_words(&mut table, &all, width);
            table.add_rows(all);
            writeln!(out, "{table}")
        }
    }
}

/// A table fitted to `width` columns (words wrapped, never broken), or,
/// into a pipe or a file (`None`), as wide as its cells, one line a row.
fn new_table(width: Option<usize>, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_header(header.to_vec());
    match width.map(|w| u16::try_from(w).unwrap_or(u16::MAX)) {
        Some(width) => table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width),
        None => table.set_content_arrangement(ContentArrangement::Disabled),
    };
    table
}

/// In a fitted table no word breaks (ids, numbers, dates, scopes): each
/// column is at least as wide as the widest word of its cells (up to 40
/// columns); comfy-table only breaks a word wider than its column.
fn keep_words(table: &mut Table, rows: &[Vec<String>], width: Option<usize>) {
    if width.is_none() {
        return;
    }
    let columns = rows.first().map_or(0, Vec::len);
    for index in 0..columns {
        let widest = rows
            .iter()
            .flat_map(|row| row[index].split_whitespace())
            .map(textwrap::core::display_width)
            .max()
            .unwrap_or(1)
            .min(40);
        let widest = u16::try_from(widest).unwrap_or(40);
        if let Some(column) = table.column_mut(index) {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(widest + 2)));
        }
    }
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
    serde_json::to_writer_pretty(&mut *out, rows).map_err(super::json_error)?;
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
