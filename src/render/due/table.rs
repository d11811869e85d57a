//! The `due` table for people: columns fitted to the terminal, or, into a
//! pipe or a file, one line per deadline.

use std::io::{self, BufWriter, Write};

use chrono::{Duration, NaiveDate};

use super::{Items, Names, BUFFER};
use crate::query::due::{Item, Standing};
use crate::query::Duty;
use crate::render::terminal::{self, pad, plain, wrap};

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
    /// The widest word of the listing's lead and support names.
    pub name_word_width: usize,
}

/// Deadlines this close to today are highlighted.
const SOON_DAYS: i64 = 14;

/// The table, one row at a time as the items come: column widths come
/// from the terminal and the widest plan id, number, jurisdiction and
/// name of the listing, never from the rows, so a national listing is
/// never held. On a terminal too narrow for the table, cards (see
/// [`cards`]); into a pipe or file, the plain layout (see [`plain_table`]).
pub(super) fn table(out: &mut dyn Write, items: Items, style: TableStyle) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, out);
    let Some(width) = style.width else {
        return plain_table(&mut out, items, style.today);
    };
    let Some(layout) = Layout::new(width, style) else {
        return cards(&mut out, items, style, width);
    };
    layout.write_row(&mut out, &layout.header(), None)?;
    writeln!(out, "{}", layout.rule())?;
    for item in items {
        let standing = item.standing(style.today);
        let paint = style
            .color
            .then(|| item_urgency(&item, standing, style.today));
        layout.write_row(&mut out, &layout.cells(&item, standing), paint)?;
    }
    out.flush()
}

/// How pressing a deadline is; a delivered occurrence is done, whatever
/// its deadline.
fn item_urgency(item: &Item, standing: Standing, today: NaiveDate) -> Urgency {
    if standing.is_delivered() {
        Urgency::Past
    } else {
        urgency(item.occurrence.deadline, today)
    }
}

/// Each deadline as a paragraph, for a terminal too narrow for a table
/// that cuts no id: the deadline (its window's start) and status, then,
/// indented, the plan, the task and its bodies, each wrapped under its
/// indentation and coloured like a table row.
fn cards(out: &mut dyn Write, items: Items, style: TableStyle, width: usize) -> io::Result<()> {
    for item in items {
        let standing = item.standing(style.today);
        let mut head = vec![item.occurrence.deadline.to_string()];
        head.extend(item.occurrence.start.map(|start| format!("from {start}")));
        head.push(standing.as_str().to_owned());
        let plan = item.plan;
        let ids = [
            plan.number.as_deref(),
            Some(&*plan.id),
            plan.jurisdiction.as_deref(),
        ];
        let ids: Vec<String> = ids.into_iter().flatten().map(plain).collect();
        let mut card = format!(
            "{}\n    {}\n    {}",
            head.join(" · "),
            ids.join(" · "),
            plain(&task_text(item.duty))
        );
        for (label, names) in [("Lead", item.duty.lead()), ("Support", item.duty.support())] {
            if !names.is_empty() {
                card.push_str(&format!("\n    {label}: {}", plain(&Names(names).joined())));
            }
        }
        let (on, off) = colors(
            style
                .color
                .then(|| item_urgency(&item, standing, style.today)),
        );
        write!(out, "{on}")?;
        terminal::write_text(out, &card, Some(width))?;
        writeln!(out, "{off}")?;
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
/// The display columns of [`GAP`].
const GAP_COLUMNS: usize = 3;
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
/// The fewest columns a task's title is read in.
const TASK_LEAST: usize = 20;
/// The fewest columns given to the bodies (or their widest word).
const NAMES_LEAST: usize = 12;

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
    /// Widths for `width` columns: deadline, plan and jurisdiction as wide
    /// as their widest value, so that no id is cut; the rest to the task
    /// (more than half) and the bodies. `None` when that leaves the task
    /// fewer than [`TASK_LEAST`] columns or the bodies fewer than their
    /// widest word (or [`NAMES_LEAST`]).
    fn new(width: usize, style: TableStyle) -> Option<Layout> {
        let plan = style.plan_width.max(4);
        let names_least = style.name_word_width.max(NAMES_LEAST);
        let wide = (width >= WIDE).then(|| {
            let jurisdiction = style.jurisdiction_width.max(12);
            let fixed = DEADLINE_WIDTH + STATUS_WIDTH + jurisdiction + plan + GAP_COLUMNS * 6;
            let rest = width.checked_sub(fixed)?;
            let names = rest * 2 / 9;
            let layout = Layout {
                status: Some(STATUS_WIDTH),
                jurisdiction: Some(jurisdiction),
                plan,
                task: rest - 2 * names,
                lead: names,
                support: Some(names),
            };
            layout.readable(names_least).then_some(layout)
        });
        wide.flatten().or_else(|| {
            let rest = width.checked_sub(DEADLINE_WIDTH + plan + GAP_COLUMNS * 3)?;
            let names = rest * 2 / 5;
            let layout = Layout {
                status: None,
                jurisdiction: None,
                plan,
                task: rest - names,
                lead: names,
                support: None,
            };
            layout.readable(names_least).then_some(layout)
        })
    }

    /// Whether the task and the bodies have the room they need.
    fn readable(&self, names_least: usize) -> bool {
        self.task >= TASK_LEAST && self.lead >= names_least
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
        let (on, off) = colors(paint);
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

/// What starts and ends a row (or card) in the colour of its urgency.
fn colors(paint: Option<Urgency>) -> (&'static str, &'static str) {
    match paint {
        Some(Urgency::Past) => ("\x1b[2m", "\x1b[0m"),
        Some(Urgency::Soon) => ("\x1b[1m\x1b[33m", "\x1b[0m"),
        Some(Urgency::Later) | None => ("", ""),
    }
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
