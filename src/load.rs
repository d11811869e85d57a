//! Reading one file: bytes → text → TOML with spans → validated [`Plan`].
//!
//! Every problem found on the way becomes a [`Diagnostic`]; a file is never
//! silently dropped. Structural problems (syntax, unknown or mistyped fields,
//! malformed dates and `due` rules) are found here; rules that need the
//! whole repository run later in `rules`.

use std::ops::Range;

use chrono::NaiveDate;
use rustc_hash::FxHashSet;
use toml::value::Datetime;
use toml::Spanned;

use crate::deadline::{self, RuleErrorKind};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{
    Direction, Due, Issued, Located, Milestone, Name, Period, Plan, PlanKind, Signer, Target, Task,
    Value,
};
use crate::names::did_you_mean;
use crate::raw::{
    self, DateOrText, Entry, OneOrMany, RawFile, RawFileEntries, RawPlan, RawTarget, RawTask,
};
use crate::source::{string_content_offset, LineIndex};

/// Files above this size are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What a `.toml` file turned out to be.
#[derive(Debug)]
pub enum Outcome {
    Plan(Box<Plan>),
    /// Valid TOML without a `[plan]` table: not gplan's business.
    NotAPlan,
    /// A file that should have been a plan but could not be read as one.
    Broken,
}

/// Text that is not UTF-8: a lossy copy (for snippets) and the finding.
pub type NotUtf8 = Box<(String, Diagnostic)>;

/// Decodes raw bytes as UTF-8 text (a leading BOM is dropped), or says where
/// the first invalid byte is. The text borrows the bytes: nothing is copied.
pub fn decode<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, NotUtf8> {
    // simdutf8 checks valid text several times faster than the standard
    // library; only invalid text needs the standard check, for the offset.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text.strip_prefix('\u{feff}').unwrap_or(text));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(err) => {
            let offset = err.valid_up_to();
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let lossy_offset = String::from_utf8_lossy(&bytes[..offset]).len();
            let diagnostic = Diagnostic::new(
                Code::NotUtf8,
                file,
                lossy_offset..lossy_offset + 1,
                format!("file is not UTF-8: invalid byte at offset {offset}"),
            )
            .with_label("not UTF-8")
            .with_help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)");
            Err(Box::new((lossy, diagnostic)))
        }
    }
}

/// Parses one plan file, as [`decode`] returned it; diagnostics go to `out`.
pub fn load_plan(file: &str, text: &str, out: &mut Vec<Diagnostic>) -> Outcome {
    load_indexed_plan(file, text, &LineIndex::new(text), out)
}

/// Like [`load_plan`], with the text's line index already made (the
/// loader keeps it for rendering diagnostics later).
pub fn load_indexed_plan(
    file: &str,
    text: &str,
    lines: &LineIndex,
    out: &mut Vec<Diagnostic>,
) -> Outcome {
    if text.starts_with('\u{feff}') {
        // `decode` dropped the byte order mark at the start of the file, and
        // the TOML parser would silently skip this second one.
        out.push(
            Diagnostic::new(
                Code::TomlSyntax,
                file,
                0..3,
                "TOML syntax: a second byte order mark (U+FEFF)",
            )
            .with_label("only the first character of a file may be a byte order mark")
            .with_help("delete the invisible character at the start of the file"),
        );
        return Outcome::Broken;
    }
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(err) => {
            out.push(toml_error(file, text, &err));
            match salvage(file, text, &err, out) {
                Some(raw) => raw,
                None => return Outcome::Broken,
            }
        }
    };
    let Some(plan) = raw.plan else {
        if raw.tasks.is_empty() && raw.targets.is_empty() {
            // Blank means what TOML accepts as blank: a form feed alone is a
            // syntax error above, not an empty file.
            if text.trim().is_empty() {
                out.push(
                    Diagnostic::new(Code::EmptyFile, file, 0..0, "file is empty")
                        .with_help("add a `[plan]` table, or delete the file"),
                );
            }
            return Outcome::NotAPlan;
        }
        out.push(
            Diagnostic::new(
                Code::MissingField,
                file,
                0..0,
                "file has tasks or targets but no `[plan]` table",
            )
            .with_help("add a `[plan]` table with `id`, `title`, `issuer` and `period`"),
        );
        return Outcome::Broken;
    };
    for key in &raw.unknown_keys {
        out.push(unknown_field(
            file,
            key.span(),
            key.get_ref(),
            raw::FILE_KEYS,
            "top-level table",
        ));
    }
    let mut converter = Converter {
        file,
        text,
        out,
        // Room for the bodies a plan usually names, without rehashing.
        names: FxHashSet::with_capacity_and_hasher(64, Default::default()),
        lines,
    };
    match converter.plan(plan, raw.targets, raw.tasks) {
        Some(plan) => Outcome::Plan(Box::new(plan)),
        None => Outcome::Broken,
    }
}

/// After a plan file failed whole (its first error already reported), reads
/// it again entry by entry: the plan survives one bad `[[task]]` or
/// `[[target]]`, and every other bad entry is reported at its header. A
/// syntax error or a bad `[plan]` table leaves nothing to salvage.
fn salvage(
    file: &str,
    text: &str,
    first: &toml::de::Error,
    out: &mut Vec<Diagnostic>,
) -> Option<RawFile> {
    let entries: RawFileEntries = toml::from_str(text).ok()?;
    let reported = first.span().unwrap_or(0..0);
    let plan = entries.plan?;
    let plan_span = plan.span();
    let Entry::Ok(plan) = plan.into_inner() else {
        return None;
    };
    Some(RawFile {
        plan: Some(Spanned::new(plan_span, plan)),
        targets: good_entries(file, &reported, entries.targets, out),
        tasks: good_entries(file, &reported, entries.tasks, out),
        unknown_keys: entries.unknown_keys,
    })
}

/// The entries that deserialized; each other one is reported at its table
/// header, except the one holding the error already reported (the last
/// header before that error: an entry's span is its `[[…]]` header).
pub(crate) fn good_entries<T>(
    file: &str,
    reported: &Range<usize>,
    entries: Vec<Spanned<Entry<T>>>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Spanned<T>> {
    let holder = entries
        .iter()
        .filter(|e| matches!(e.get_ref(), Entry::Bad(_)) && e.span().start <= reported.start)
        .map(|e| e.span().start)
        .max();
    let mut good = Vec::new();
    for entry in entries {
        let span = entry.span();
        match entry.into_inner() {
            Entry::Ok(value) => good.push(Spanned::new(span, value)),
            Entry::Bad(_) if Some(span.start) == holder => {}
            Entry::Bad(reason) => out.push(
                Diagnostic::new(
                    Code::MistypedField,
                    file,
                    span,
                    format!("this entry is left out: {reason}"),
                )
                .with_label("left out")
                .with_help("fix the entry; docs/format.md lists every field and its type"),
            ),
        }
    }
    good
}

/// Turns a TOML or serde error into a located diagnostic with the right code.
pub fn toml_error(file: &str, text: &str, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim().to_owned();
    let first_line = message.lines().next().unwrap_or("").to_owned();
    if let Some(field) = backticked_after(&first_line, "unknown field ") {
        let expected = expected_names(&first_line);
        let known: Vec<&str> = expected.iter().map(String::as_str).collect();
        return unknown_field(file, span, &field, &known, "field");
    }
    // serde's own wording ("invalid type: …", "invalid value: …", "invalid
    // length 3, …"); the TOML parser's "invalid value, expected unicode
    // hexadecimal value" is a syntax error and falls through.
    if first_line.starts_with("invalid type:")
        || first_line.starts_with("invalid value:")
        || first_line.starts_with("invalid length ")
    {
        return Diagnostic::new(Code::MistypedField, file, span, first_line)
            .with_label("wrong type")
            .with_help("see docs/format.md for the type of each field");
    }
    // "expected day between 01 and 28" is a day not in the calendar; "expected
    // a two-digit month (MM)" is a date written wrong: a syntax error.
    if first_line.starts_with("invalid date") && first_line.contains(" between ") {
        return Diagnostic::new(
            Code::InvalidDate,
            file,
            span,
            format!("{first_line}: this day is not in the calendar"),
        )
        .with_label("no such date")
        .with_help("check the day and month against the document");
    }
    let label = message.lines().skip(1).collect::<Vec<_>>().join(" ");
    let at_end = span.start >= text.len();
    Diagnostic::new(
        Code::TomlSyntax,
        file,
        span,
        format!("TOML syntax: {first_line}"),
    )
    .with_label(if label.is_empty() {
        "here".to_owned()
    } else {
        label
    })
    .with_help(if at_end {
        "the file ends too early: close every string, array and table".to_owned()
    } else {
        "fix the TOML syntax at the marked place (https://toml.io)".to_owned()
    })
}

fn backticked_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    rest.split('`').next().map(str::to_owned)
}

fn expected_names(message: &str) -> Vec<String> {
    let Some((_, expected)) = message.split_once("expected") else {
        return Vec::new();
    };
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn unknown_field(
    file: &str,
    span: Range<usize>,
    name: &str,
    known: &[&str],
    what: &str,
) -> Diagnostic {
    let help = match did_you_mean(name, known.iter().copied()) {
        Some(fix) => format!("did you mean `{fix}`?"),
        None if known.is_empty() => "remove it".to_owned(),
        None => format!("remove it; known names here: {}", known.join(", ")),
    };
    Diagnostic::new(
        Code::UnknownField,
        file,
        span,
        format!("unknown {what} `{name}`"),
    )
    .with_label("not a gplan field")
    .with_help(help)
}

/// Converts one file's raw tables, reporting into `out`.
struct Converter<'a> {
    file: &'a str,
    text: &'a str,
    out: &'a mut Vec<Diagnostic>,
    /// Every body's name met so far in this file, once.
    names: FxHashSet<Name>,
    lines: &'a LineIndex,
}

impl Converter<'_> {
    fn report(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
    }

    fn plan(
        &mut self,
        plan: Spanned<RawPlan>,
        targets: Vec<Spanned<RawTarget>>,
        tasks: Vec<Spanned<RawTask>>,
    ) -> Option<Plan> {
        let header = plan.span();
        let raw = plan.into_inner();
        let id = self.required(
            raw.id,
            "id",
            &header,
            "plan",
            "id = \"lai-chau/kh-01-2023\"",
        );
        let title = self.required(
            raw.title,
            "title",
            &header,
            "plan",
            "title = \"Kế hoạch …\"",
        );
        let issuer = self.required(
            raw.issuer,
            "issuer",
            &header,
            "plan",
            "issuer = \"Ủy ban nhân dân tỉnh\"",
        );
        let period = match raw.period {
            Some(p) => self.period(p),
            None => {
                self.missing(
                    "period",
                    &header,
                    "plan",
                    "period = [2023-01-01, 2023-12-31] or period = 2023",
                );
                None
            }
        };
        let kind = raw.kind.map_or(PlanKind::Plan, |k| self.kind(k));
        let issued = raw.issued.and_then(|i| self.issued(i));
        // Collected into vectors of their own size: collecting in place
        // would keep the larger raw entries' allocation.
        let mut model_targets = Vec::with_capacity(targets.len());
        model_targets.extend(targets.into_iter().filter_map(|t| self.target(t)));
        let mut model_tasks = Vec::with_capacity(tasks.len());
        model_tasks.extend(tasks.into_iter().filter_map(|t| self.task(t)));
        let id = id?;
        Some(Plan {
            file: self.file.to_owned(),
            line: self.lines.line(header.start),
            header,
            id,
            number: raw.number.map(located),
            kind,
            title: title.map(|t| t.value).unwrap_or_default(),
            issuer,
            jurisdiction: raw.jurisdiction.map(located),
            issued,
            period,
            implements: list(raw.implements),
            cites: list(raw.cites).into_iter().map(|c| c.value).collect(),
            signer: raw.signer.map(|s| {
                let s = s.into_inner();
                Signer {
                    name: s.name,
                    position: s.position,
                    capacity: s.capacity,
                }
            }),
            recipients: list(raw.recipients).into_iter().map(|r| r.value).collect(),
            funding: raw.funding.map(Spanned::into_inner),
            note: raw.note.map(Spanned::into_inner),
            targets: model_targets,
            tasks: model_tasks,
        })
    }

    fn required(
        &mut self,
        value: Option<Spanned<String>>,
        field: &str,
        header: &Range<usize>,
        table: &str,
        example: &str,
    ) -> Option<Located<String>> {
        if value.is_none() {
            self.missing(field, header, table, example);
        }
        value.map(located)
    }

    fn missing(&mut self, field: &str, header: &Range<usize>, table: &str, example: &str) {
        self.report(
            Diagnostic::new(
                Code::MissingField,
                self.file,
                header.clone(),
                format!("{table} has no `{field}`"),
            )
            .with_label(format!("`{field}` is required in this table"))
            .with_help(format!("add it, e.g. `{example}`")),
        );
    }

    fn kind(&mut self, kind: Spanned<String>) -> PlanKind {
        let span = kind.span();
        let written = kind.into_inner();
        if let Some((_, k)) = PlanKind::ALL.iter().find(|(name, _)| *name == written) {
            return *k;
        }
        let names: Vec<&str> = PlanKind::ALL.iter().map(|(n, _)| *n).collect();
        let help = match did_you_mean(&written, names.iter().copied()) {
            Some(fix) => format!("did you mean `{fix}`?"),
            None => format!("use one of: {}", names.join(", ")),
        };
        self.report(
            Diagnostic::new(
                Code::MistypedField,
                self.file,
                span,
                format!("unknown plan kind `{written}`"),
            )
            .with_label("not a kind")
            .with_help(help),
        );
        PlanKind::Other
    }

    fn issued(&mut self, issued: Spanned<DateOrText>) -> Option<Located<Issued>> {
        let span = issued.span();
        let value = match issued.into_inner() {
            DateOrText::Date(dt) => Issued::Day(self.toml_date(&dt, &span)?),
            DateOrText::Text(text) => self.partial_date(&text, &span)?,
        };
        Some(Located::new(value, span))
    }

    fn partial_date(&mut self, text: &str, span: &Range<usize>) -> Option<Issued> {
        match deadline::parse(text) {
            Ok(deadline::Rule::Point(deadline::Point::Day(d))) => Some(Issued::Day(d)),
            Ok(deadline::Rule::Point(deadline::Point::Month { year, month })) => {
                Some(Issued::Month { year, month })
            }
            Ok(deadline::Rule::Point(deadline::Point::Year(year))) => Some(Issued::Year(year)),
            Err(err) if err.kind == RuleErrorKind::InvalidDate => {
                self.report(
                    Diagnostic::new(Code::InvalidDate, self.file, span.clone(), err.message)
                        .with_help("check the day and month against the document"),
                );
                None
            }
            _ => {
                self.report(
                    Diagnostic::new(Code::MistypedField, self.file, span.clone(), format!("`{text}` is not an issue date"))
                        .with_label("expected a date")
                        .with_help("write a TOML date (2023-03-23), or \"2023-03\" / \"2023\" when the document leaves the day or month blank"),
                );
                None
            }
        }
    }

    fn toml_date(&mut self, dt: &Datetime, span: &Range<usize>) -> Option<NaiveDate> {
        let Some(date) = dt.date.filter(|_| dt.time.is_none() && dt.offset.is_none()) else {
            self.report(
                Diagnostic::new(
                    Code::MistypedField,
                    self.file,
                    span.clone(),
                    format!("`{dt}` is not a plain date"),
                )
                .with_label("expected a date without time")
                .with_help("write a local date such as 2023-12-05"),
            );
            return None;
        };
        let day = NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        );
        if day.is_none() {
            self.report(
                Diagnostic::new(
                    Code::InvalidDate,
                    self.file,
                    span.clone(),
                    format!("`{dt}` is not a day in the calendar"),
                )
                .with_help("check the day and month against the document"),
            );
        }
        day
    }

    fn period(&mut self, period: Spanned<toml::Value>) -> Option<Located<Period>> {
        let span = period.span();
        let reported_before = self.out.len();
        let bounds = match period.get_ref() {
            toml::Value::Integer(_) => {
                let year = self.period_end(period.get_ref(), &span)?;
                Some((year.0, year.1))
            }
            toml::Value::Array(items) if items.len() == 2 => {
                let from = self.period_end(&items[0], &span);
                let to = self.period_end(&items[1], &span);
                Some((from?.0, to?.1))
            }
            _ => None,
        };
        match bounds {
            Some((from, to)) if from > to => {
                let period = Period { from, to };
                self.report(
                    Diagnostic::new(
                        Code::PeriodReversed,
                        self.file,
                        span,
                        format!("period `{period}` ends before it starts"),
                    )
                    .with_label("from is after to")
                    .with_help("write `period = [from, to]` with the earlier date first"),
                );
                None
            }
            Some((from, to)) => Some(Located::new(Period { from, to }, span)),
            None => {
                if self.out.len() == reported_before {
                    self.report(
                        Diagnostic::new(Code::MistypedField, self.file, span, "`period` must be a year or a pair [from, to]")
                            .with_label("not a period")
                            .with_help("write `period = [2023-01-01, 2023-12-31]`, `period = [2021, 2030]` or `period = 2023`"),
                    );
                }
                None
            }
        }
    }

    /// One end of a period: a TOML date (both ends that day) or a year
    /// (1 January, 31 December).
    fn period_end(
        &mut self,
        value: &toml::Value,
        span: &Range<usize>,
    ) -> Option<(NaiveDate, NaiveDate)> {
        match value {
            toml::Value::Integer(year) => {
                let year = i32::try_from(*year)
                    .ok()
                    .filter(|y| (1000..=9999).contains(y));
                let bounds = year.and_then(|y| {
                    Some((
                        NaiveDate::from_ymd_opt(y, 1, 1)?,
                        NaiveDate::from_ymd_opt(y, 12, 31)?,
                    ))
                });
                if bounds.is_none() {
                    self.report(
                        Diagnostic::new(
                            Code::MistypedField,
                            self.file,
                            span.clone(),
                            format!("`{value}` is not a year"),
                        )
                        .with_help("write a four-digit year such as 2023"),
                    );
                }
                bounds
            }
            toml::Value::Datetime(dt) => self.toml_date(dt, span).map(|d| (d, d)),
            _ => None,
        }
    }

    fn target(&mut self, target: Spanned<RawTarget>) -> Option<Target> {
        let header = target.span();
        let raw = target.into_inner();
        let id = self.required(raw.id, "id", &header, "target", "id = \"nu-lanh-dao\"");
        let text = self.required(raw.text, "text", &header, "target", "text = \"Tỷ lệ …\"");
        let direction = match raw.direction {
            None => Direction::AtLeast,
            Some(d) => match d.get_ref().as_str() {
                "at-least" => Direction::AtLeast,
                "at-most" => Direction::AtMost,
                other => {
                    let help = match did_you_mean(other, ["at-least", "at-most"]) {
                        Some(fix) => format!("did you mean `{fix}`?"),
                        None => "use `at-least` (a floor) or `at-most` (a ceiling)".to_owned(),
                    };
                    self.report(
                        Diagnostic::new(
                            Code::MistypedField,
                            self.file,
                            d.span(),
                            format!("unknown direction `{other}`"),
                        )
                        .with_help(help),
                    );
                    Direction::AtLeast
                }
            },
        };
        let milestones = raw
            .milestones
            .map(|m| self.milestones(m))
            .unwrap_or_default();
        Some(Target {
            header,
            id: id?,
            text: text.map(|t| t.value).unwrap_or_default(),
            unit: raw.unit.map(located),
            direction,
            milestones,
            refines: raw.refines.map(located),
            note: raw.note.map(Spanned::into_inner),
        })
    }

    fn milestones(
        &mut self,
        milestones: Spanned<std::collections::BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    ) -> Vec<Milestone> {
        let mut out = Vec::new();
        for (year, value) in milestones.into_inner() {
            let year_value = year
                .get_ref()
                .parse::<i32>()
                .ok()
                .filter(|y| (1000..=9999).contains(y));
            let Some(year_value) = year_value else {
                self.report(
                    Diagnostic::new(
                        Code::MistypedField,
                        self.file,
                        year.span(),
                        format!("milestone key `{}` is not a year", year.get_ref()),
                    )
                    .with_help("write `milestones = { 2025 = 60, 2030 = 75 }`"),
                );
                continue;
            };
            let span = value.span();
            let parsed = match value.get_ref() {
                toml::Value::Array(items) if items.len() == 2 => number(&items[0])
                    .zip(number(&items[1]))
                    .map(|(a, b)| Value::Band(a, b)),
                other => number(other).map(Value::Single),
            };
            match parsed {
                Some(value) => out.push(Milestone {
                    year: year_value,
                    value,
                    span,
                }),
                None => self.report(
                    Diagnostic::new(
                        Code::MistypedField,
                        self.file,
                        span,
                        "a milestone is a number or a band [low, high]",
                    )
                    .with_help("write `2025 = 60` or, for \"30-40%\", `2025 = [30, 40]`"),
                ),
            }
        }
        out
    }

    fn task(&mut self, task: Spanned<RawTask>) -> Option<Task> {
        let header = task.span();
        let raw = task.into_inner();
        let id = self.required(raw.id, "id", &header, "task", "id = \"kiem-tra\"");
        let title = self.required(
            raw.title,
            "title",
            &header,
            "task",
            "title = \"Thực hiện …\"",
        );
        let due = raw.due.map(|d| self.due(d)).unwrap_or_default();
        Some(Task {
            line: self.lines.line(header.start),
            header,
            id: id?,
            section: raw.section.map(located),
            title: title.map(|t| t.value).unwrap_or_default().into(),
            lead: self.names(raw.lead),
            support: self.names(raw.support),
            report_to: self.names(raw.report_to),
            due,
            implements: raw.implements.map(located),
            note: raw.note.map(|n| n.into_inner().into()),
        })
    }

    fn due(&mut self, due: Spanned<OneOrMany<DateOrText>>) -> Box<[Due]> {
        let whole = due.span();
        let mut out = Vec::new();
        for (item, span) in due.get_ref().items(whole) {
            match item {
                DateOrText::Date(dt) => {
                    if let Some(day) = self.toml_date(dt, &span) {
                        let rule = deadline::Rule::Point(deadline::Point::Day(day));
                        out.push(Due::usual(rule, span));
                    }
                }
                DateOrText::Text(text) => match deadline::parse(text) {
                    Ok(rule) => out.push(Due::new(text, rule, span)),
                    Err(err) => self.due_error(text, &span, err),
                },
            }
        }
        out.into_boxed_slice()
    }

    fn due_error(&mut self, text: &str, span: &Range<usize>, err: deadline::RuleError) {
        let inner = string_content_offset(self.text, span, text).map_or(span.clone(), |start| {
            start + err.range.start..start + err.range.end.max(err.range.start + 1).min(text.len())
        });
        let (code, help) = match err.kind {
            RuleErrorKind::Malformed => (Code::MalformedDue, deadline::ACCEPTED_FORMS.to_owned()),
            RuleErrorKind::InvalidDate => (
                Code::InvalidDate,
                "check the date against the document".to_owned(),
            ),
            RuleErrorKind::ReversedWindow => (
                Code::WindowReversed,
                "write the earlier end first: `A..B` with A before B".to_owned(),
            ),
        };
        let label = match err.kind {
            RuleErrorKind::Malformed => "not a deadline",
            RuleErrorKind::InvalidDate => "no such date",
            RuleErrorKind::ReversedWindow => "start after end",
        };
        self.report(
            Diagnostic::new(code, self.file, inner, err.message)
                .with_label(label)
                .with_help(help),
        );
    }
}

fn located(value: Spanned<String>) -> Located<String> {
    let span = value.span();
    Located::new(value.into_inner(), span)
}

impl Converter<'_> {
    /// Bodies named by a one-or-many field, each spelling kept once per
    /// file: a plan names the same few bodies in task after task.
    fn names(&mut self, value: Option<Spanned<OneOrMany<String>>>) -> Box<[Located<Name>]> {
        list(value)
            .into_iter()
            .map(|name| Located::new(self.intern(name.value), name.span))
            .collect()
    }

    fn intern(&mut self, name: String) -> Name {
        if let Some(known) = self.names.get(name.as_str()) {
            return known.clone();
        }
        let name = Name::from(name);
        self.names.insert(name.clone());
        name
    }
}

/// The names of a one-or-many field, moved (not copied) into the model; a
/// lone value takes the span of the whole field, as `OneOrMany::items` says.
fn list(value: Option<Spanned<OneOrMany<String>>>) -> Vec<Located<String>> {
    let Some(value) = value else {
        return Vec::new();
    };
    let whole = value.span();
    match value.into_inner() {
        OneOrMany::One(text) => vec![Located::new(text, whole)],
        OneOrMany::Many(items) => items.into_iter().map(located).collect(),
    }
}

fn number(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}
