//! The text of a new plan started from its parent (`gplan new`).
//!
//! The parent is described by [`Parent`], not by the loaded model, so a
//! parent that is only an outside document (a catalogue entry, with no
//! targets or tasks to copy) gives a plan with just its header. The text
//! is in the canonical form of `gplan fmt`, and checks without errors when
//! the header fields are valid (the caller checks them: id, jurisdiction,
//! a reference to the parent that resolves).

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::author::quote::{basic, comment_text};

/// What a new plan copies from its parent.
#[derive(Debug, Clone, Default)]
pub struct Parent {
    pub id: String,
    pub number: Option<String>,
    pub title: String,
    pub targets: Vec<ParentTarget>,
    pub tasks: Vec<ParentTask>,
}

/// A parent target, as the new plan refines it: what a refining target
/// keeps of it. A refining target means the same thing as its parent, so
/// its kind, groups, baseline and `sustained` come back as the parent
/// writes them; only the figures and the wording are the new plan's own.
#[derive(Debug, Clone, Default)]
pub struct ParentTarget {
    pub id: String,
    pub text: String,
    /// `Some(year)` for a qualitative target: it has no unit, direction,
    /// baseline or milestones, only the year it is due by.
    pub by: Option<i32>,
    pub unit: Option<String>,
    /// As the format writes it: `at-least`, `above`, `at-most`, …
    pub direction: &'static str,
    /// The starting figure as TOML writes it (`{ year = 2020, value = 23 }`).
    pub baseline: Option<String>,
    /// The groups each milestone applies to (`["nam", "nữ"]`).
    pub groups: Vec<String>,
    /// Each milestone's year and value as TOML writes it (`60`, `[30, 40]`,
    /// `{ "nam" = 90, "nữ" = 95 }`), one entry per year, in year order.
    pub milestones: Vec<(i32, String)>,
    /// From the first milestone year on, the value holds every year.
    pub sustained: bool,
}

/// A parent task, as the new plan implements it.
#[derive(Debug, Clone, Default)]
pub struct ParentTask {
    pub id: String,
    pub section: Option<String>,
    pub title: String,
    pub lead: Vec<String>,
    /// Each deadline as the parent writes it.
    pub due: Vec<String>,
}

/// The new plan's own header.
#[derive(Debug, Clone)]
pub struct Header {
    pub id: String,
    pub number: Option<String>,
    pub issuer: String,
    /// `None` when the document names no province.
    pub jurisdiction: Option<String>,
    pub period: (NaiveDate, NaiveDate),
    /// How the new plan names its parent: its number when that names it
    /// alone, else its id.
    pub implements: String,
}

/// The text of the new plan.
pub fn plan(parent: &Parent, header: &Header) -> String {
    let mut out = String::new();
    let parent_name = parent.number.as_deref().unwrap_or(&parent.id);
    let title = comment_text(&parent.title);
    let _ = match title.is_empty() {
        true => writeln!(out, "# Implements {}.", comment_text(parent_name)),
        false => writeln!(out, "# Implements {}: {title}", comment_text(parent_name)),
    };
    out.push_str(
        "# Started with `gplan new`: fill in what the comments ask, delete the targets\n\
         # and tasks this plan does not take up, then run `gplan check` and `gplan fmt`.\n\n",
    );
    write_header(&mut out, parent_name, header);
    let (from, to) = header.period;
    if !parent.targets.is_empty() {
        out.push_str(
            "\n# The parent's targets, each refined here: set this plan's own milestones\n\
             # (the parent's inside the period are copied) and its own wording.\n",
        );
    }
    for target in &parent.targets {
        write_target(&mut out, &parent.id, target, from.year()..=to.year());
    }
    if !parent.tasks.is_empty() {
        out.push_str(
            "\n# The parent's tasks, each implemented here: name the body that leads it\n\
             # (chủ trì), those that support it and the deadline, as this plan assigns them.\n",
        );
    }
    for task in &parent.tasks {
        write_task(&mut out, &parent.id, task);
    }
    out
}

fn write_header(out: &mut String, parent_name: &str, header: &Header) {
    out.push_str("[plan]\n");
    let _ = writeln!(out, "id = {}", basic(&header.id));
    match &header.number {
        Some(number) => {
            let _ = writeln!(out, "number = {}", basic(number));
        }
        None => out.push_str("# number = \"\"  # Số, ký hiệu: once the plan is signed\n"),
    }
    out.push_str("kind = \"plan\"\n");
    let title = format!(
        "Kế hoạch thực hiện {parent_name} {}",
        period_words(header.period)
    );
    let _ = writeln!(out, "title = {}  # the title as signed", basic(&title));
    let _ = writeln!(out, "issuer = {}", basic(&header.issuer));
    match &header.jurisdiction {
        Some(jurisdiction) => {
            let _ = writeln!(out, "jurisdiction = {}", basic(jurisdiction));
        }
        None => out.push_str("# jurisdiction = \"\"  # the document names no province\n"),
    }
    out.push_str("# issued = YYYY-MM-DD  # the day it is signed\n");
    let _ = writeln!(out, "period = {}", period_value(header.period));
    let _ = writeln!(out, "implements = [{}]", basic(&header.implements));
}

/// One `[[target]]` refining `target`, its keys in the order `gplan fmt`
/// writes them. A qualitative target stays qualitative: its `by` is the
/// parent's when that year lies inside the period; else the period's last
/// year, with a comment naming the parent's year, because a qualitative
/// target needs one and the new plan's own is the author's to set.
fn write_target(
    out: &mut String,
    parent_id: &str,
    target: &ParentTarget,
    years: std::ops::RangeInclusive<i32>,
) {
    out.push_str("\n[[target]]\n");
    let _ = writeln!(out, "id = {}", basic(&target.id));
    let _ = writeln!(out, "text = {}", basic(&target.text));
    match target.by {
        Some(by) => {
            write_by(out, by, years);
            write_groups_line(out, &target.groups);
        }
        None => write_figures(out, target, years),
    }
    if target.sustained {
        out.push_str("sustained = true\n");
    }
    let _ = writeln!(
        out,
        "refines = {}",
        basic(&format!("{parent_id}#{}", target.id))
    );
}

/// `kind` and `by` of a qualitative target.
fn write_by(out: &mut String, by: i32, years: std::ops::RangeInclusive<i32>) {
    out.push_str("kind = \"qualitative\"\n");
    if years.contains(&by) {
        let _ = writeln!(out, "by = {by}");
    } else {
        let _ = writeln!(
            out,
            "by = {}  # the parent's is {by}, outside the period: the year this plan sets",
            years.end()
        );
    }
}

/// Unit, direction, baseline, groups and the milestones inside the period
/// of a numeric target.
fn write_figures(out: &mut String, target: &ParentTarget, years: std::ops::RangeInclusive<i32>) {
    if let Some(unit) = &target.unit {
        let _ = writeln!(out, "unit = {}", basic(unit));
    }
    let _ = writeln!(out, "direction = {}", basic(target.direction));
    if let Some(baseline) = &target.baseline {
        let _ = writeln!(out, "baseline = {baseline}");
    }
    write_groups_line(out, &target.groups);
    let inside: Vec<String> = target
        .milestones
        .iter()
        .filter(|(year, _)| years.contains(year))
        .map(|(year, value)| format!("{year} = {value}"))
        .collect();
    if !inside.is_empty() {
        let _ = writeln!(out, "milestones = {{ {} }}", inside.join(", "));
        return;
    }
    let held = target
        .milestones
        .iter()
        .rev()
        .find(|(year, _)| target.sustained && year < years.start());
    match held {
        Some((year, value)) => {
            let _ = writeln!(
                out,
                "# milestones = {{ YYYY = value }}  # the parent sets none inside the period; it holds {} every year from {year} on",
                comment_text(value)
            );
        }
        None => out.push_str(
            "# milestones = { YYYY = value }  # the parent sets none inside the period\n",
        ),
    }
}

/// `groups = ["nam", "nữ"]`, when there are groups.
fn write_groups_line(out: &mut String, groups: &[String]) {
    if groups.is_empty() {
        return;
    }
    let quoted: Vec<String> = groups.iter().map(|g| basic(g)).collect();
    let _ = writeln!(out, "groups = [{}]", quoted.join(", "));
}

fn write_task(out: &mut String, parent_id: &str, task: &ParentTask) {
    out.push('\n');
    let section = task
        .section
        .as_deref()
        .map(|s| format!(" {}", comment_text(s)))
        .unwrap_or_default();
    let lead = if task.lead.is_empty() {
        "no lead".to_owned()
    } else {
        format!("lead {}", comment_text(&task.lead.join("; ")))
    };
    let due = if task.due.is_empty() {
        "ongoing".to_owned()
    } else {
        format!("due {}", comment_text(&task.due.join(", ")))
    };
    let _ = writeln!(out, "# Parent task{section}: {lead}; {due}.");
    out.push_str("[[task]]\n");
    let _ = writeln!(out, "id = {}", basic(&task.id));
    let _ = writeln!(out, "title = {}", basic(&task.title));
    out.push_str("# lead = \"\"  # chủ trì in this plan\n");
    out.push_str("# due = \"\"  # e.g. \"2024-Q2\", \"yearly 12-15\"; none: ongoing\n");
    let _ = writeln!(
        out,
        "implements = {}",
        basic(&format!("{parent_id}#{}", task.id))
    );
}

/// `2024`, `[2021, 2025]` or `[2024-03-01, 2024-12-31]`.
fn period_value((from, to): (NaiveDate, NaiveDate)) -> String {
    let whole = from.month() == 1 && from.day() == 1 && to.month() == 12 && to.day() == 31;
    match (whole, from.year() == to.year()) {
        (true, true) => from.year().to_string(),
        (true, false) => format!("[{}, {}]", from.year(), to.year()),
        _ => format!("[{from}, {to}]"),
    }
}

/// "năm 2024" or "giai đoạn 2021-2025", for the placeholder title.
fn period_words((from, to): (NaiveDate, NaiveDate)) -> String {
    if from.year() == to.year() {
        format!("năm {}", from.year())
    } else {
        format!("giai đoạn {}-{}", from.year(), to.year())
    }
}

/// Why a `--period` is not a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// Not a year, years or days.
    Unreadable,
    /// Both ends read, but the period ends before it starts. `swapped` is
    /// the same two ends written the other way round, which always reads
    /// as a period: what the author most likely meant.
    Reversed { swapped: String },
}

/// Reads `--period`: `2024`, `2021..2025`, `2024-03-01..2024-12-31` (or a
/// mix), both ends included.
pub fn parse_period(text: &str) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let (from_text, to_text) = text.trim().split_once("..").unwrap_or((text, text));
    let (from_text, to_text) = (from_text.trim(), to_text.trim());
    let from = bound(from_text, true).ok_or(PeriodError::Unreadable)?;
    let to = bound(to_text, false).ok_or(PeriodError::Unreadable)?;
    if from > to {
        return Err(PeriodError::Reversed {
            swapped: format!("{to_text}..{from_text}"),
        });
    }
    Ok((from, to))
}

fn bound(text: &str, start: bool) -> Option<NaiveDate> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        let year = text.parse().ok()?;
        return if start {
            NaiveDate::from_ymd_opt(year, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, 12, 31)
        };
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `period` clipped to `within`; `None` when they do not overlap.
pub fn clip(
    period: (NaiveDate, NaiveDate),
    within: (NaiveDate, NaiveDate),
) -> Option<(NaiveDate, NaiveDate)> {
    let from = period.0.max(within.0);
    let to = period.1.min(within.1);
    (from <= to).then_some((from, to))
}

/// The default id: `JURISDICTION/kh-2024` or `JURISDICTION/kh-2021-2025`.
pub fn default_id(jurisdiction: &str, (from, to): (NaiveDate, NaiveDate)) -> String {
    if from.year() == to.year() {
        format!("{jurisdiction}/kh-{}", from.year())
    } else {
        format!("{jurisdiction}/kh-{}-{}", from.year(), to.year())
    }
}

/// Whether `id` is a valid plan id: lower-case ASCII letters, digits, `-`,
/// `.` and `/`, not starting or ending with `/`, no `//`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-./".contains(&b))
        && !id.starts_with('/')
        && !id.ends_with('/')
        && !id.contains("//")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::fmt::{format, Formatted};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn parent() -> Parent {
        Parent {
            id: "p/kh-1".into(),
            number: Some("1/KH-UBND".into()),
            title: "Kế hoạch\nthực hiện".into(),
            targets: vec![ParentTarget {
                id: "nu".into(),
                text: "Tỷ lệ \"nữ\"".into(),
                unit: Some("%".into()),
                direction: "at-least",
                milestones: vec![(2023, "50".into()), (2025, "[60, 70]".into())],
                ..ParentTarget::default()
            }],
            tasks: vec![ParentTask {
                id: "kiem-tra".into(),
                section: Some("II.5".into()),
                title: "Kiểm tra".into(),
                lead: vec!["Sở Nội vụ".into()],
                due: vec!["yearly 12-15".into()],
            }],
        }
    }

    fn header() -> Header {
        Header {
            id: "p/kh-2023".into(),
            number: None,
            issuer: "Ủy ban nhân dân tỉnh".into(),
            jurisdiction: Some("p".into()),
            period: (day(2023, 1, 1), day(2023, 12, 31)),
            implements: "1/KH-UBND".into(),
        }
    }

    #[test]
    fn the_new_plan_copies_targets_inside_the_period_and_tasks() {
        let text = plan(&parent(), &header());
        assert!(text.starts_with("# Implements 1/KH-UBND: Kế hoạch thực hiện\n"));
        assert!(text.contains("\nperiod = 2023\nimplements = [\"1/KH-UBND\"]\n"));
        assert!(text.contains("text = \"Tỷ lệ \\\"nữ\\\"\"\n"));
        assert!(text.contains("milestones = { 2023 = 50 }\nrefines = \"p/kh-1#nu\"\n"));
        assert!(text.contains(
            "# Parent task II.5: lead Sở Nội vụ; due yearly 12-15.\n[[task]]\nid = \"kiem-tra\"\n"
        ));
        assert!(text.contains("implements = \"p/kh-1#kiem-tra\"\n"));
    }

    /// A parent with a qualitative target, one with groups and a baseline,
    /// and a sustained one whose only milestone is before the period.
    fn parent_with_every_kind() -> Parent {
        Parent {
            targets: vec![
                ParentTarget {
                    id: "noi-dung".into(),
                    text: "Nội dung về giới".into(),
                    by: Some(2023),
                    ..ParentTarget::default()
                },
                ParentTarget {
                    id: "muon".into(),
                    text: "Nội dung muộn".into(),
                    by: Some(2030),
                    ..ParentTarget::default()
                },
                ParentTarget {
                    id: "dttt".into(),
                    text: "Tỷ lệ hoàn thành".into(),
                    unit: Some("%".into()),
                    direction: "above",
                    baseline: Some("{ year = 2020, value = 80 }".into()),
                    groups: vec!["nam".into(), "nữ".into()],
                    milestones: vec![(2023, "{ \"nam\" = 90, \"nữ\" = 95 }".into())],
                    ..ParentTarget::default()
                },
                ParentTarget {
                    id: "ho-tro".into(),
                    text: "Nạn nhân được hỗ trợ".into(),
                    unit: Some("%".into()),
                    direction: "at-least",
                    milestones: vec![(2022, "100".into())],
                    sustained: true,
                    ..ParentTarget::default()
                },
            ],
            ..parent()
        }
    }

    #[test]
    fn a_refining_target_keeps_the_kind_groups_baseline_and_sustained_of_its_parent() {
        let text = plan(&parent_with_every_kind(), &header());
        assert!(text.contains(
            "id = \"noi-dung\"\ntext = \"Nội dung về giới\"\nkind = \"qualitative\"\nby = 2023\nrefines = \"p/kh-1#noi-dung\"\n"
        ), "{text}");
        assert!(text.contains(
            "kind = \"qualitative\"\nby = 2023  # the parent's is 2030, outside the period: the year this plan sets\nrefines = \"p/kh-1#muon\"\n"
        ), "{text}");
        assert!(text.contains(
            "unit = \"%\"\ndirection = \"above\"\nbaseline = { year = 2020, value = 80 }\ngroups = [\"nam\", \"nữ\"]\nmilestones = { 2023 = { \"nam\" = 90, \"nữ\" = 95 } }\nrefines = \"p/kh-1#dttt\"\n"
        ), "{text}");
        assert!(text.contains(
            "# milestones = { YYYY = value }  # the parent sets none inside the period; it holds 100 every year from 2022 on\nsustained = true\nrefines = \"p/kh-1#ho-tro\"\n"
        ), "{text}");
        let qualitative = text.split("[[target]]").nth(1).unwrap_or_default();
        assert!(!qualitative.contains("direction") && !qualitative.contains("milestones"));
        assert!(matches!(format(&text, false), Formatted::Text(f) if f == text));
    }

    #[test]
    fn the_new_plan_is_already_formatted() {
        let text = plan(&parent(), &header());
        match format(&text, false) {
            Formatted::Text(formatted) => assert_eq!(formatted, text),
            other => panic!("{other:?}"),
        }
        let bare = Parent {
            id: "outside".into(),
            ..Parent::default()
        };
        let text = plan(&bare, &header());
        assert!(matches!(format(&text, false), Formatted::Text(f) if f == text));
    }

    #[test]
    fn periods_are_read_and_clipped() {
        let whole = (day(2021, 1, 1), day(2025, 12, 31));
        assert_eq!(
            parse_period("2024"),
            Ok((day(2024, 1, 1), day(2024, 12, 31)))
        );
        assert_eq!(parse_period("2021..2025"), Ok(whole));
        assert_eq!(
            parse_period("2024-03-01..2030"),
            Ok((day(2024, 3, 1), day(2030, 12, 31)))
        );
        assert_eq!(
            parse_period(" 2025 .. 2021"),
            Err(PeriodError::Reversed {
                swapped: "2021..2025".into()
            })
        );
        let reversed = parse_period("2025..2024-06-01");
        assert_eq!(
            reversed,
            Err(PeriodError::Reversed {
                swapped: "2024-06-01..2025".into()
            })
        );
        assert!(parse_period("2024-06-01..2025").is_ok());
        assert_eq!(parse_period("Q1"), Err(PeriodError::Unreadable));
        assert_eq!(parse_period("2025..Q1"), Err(PeriodError::Unreadable));
        let asked = parse_period("2024-03-01..2030").unwrap();
        assert_eq!(
            clip(asked, whole),
            Some((day(2024, 3, 1), day(2025, 12, 31)))
        );
        assert_eq!(clip(parse_period("2030").unwrap(), whole), None);
        assert_eq!(period_value(whole), "[2021, 2025]");
        assert_eq!(
            period_value((day(2024, 3, 1), day(2025, 12, 31))),
            "[2024-03-01, 2025-12-31]"
        );
    }

    #[test]
    fn ids_are_checked_like_the_loader_does() {
        assert!(valid_id("lai-chau/kh-2024"));
        assert!(!valid_id("Lai-chau/kh"));
        assert!(!valid_id("a//b"));
        assert!(!valid_id("/a"));
    }
}
