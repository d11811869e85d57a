//! Arguments of the commands that ask the plans questions: check, due,
//! owners, status; the choices of their `--format` and `--role`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use clap_complete::engine::ArgValueCandidates;

use crate::complete;
use crate::config::parse_cli_date;
use crate::query::Role as QueryRole;
use crate::render;
use crate::render::calendar::Reminder;

/// Arguments of `gplan owners`.
#[derive(Debug, Args)]
pub struct OwnersArgs {
    /// The body to look up (any spelling); without it, one row per body
    #[arg(value_name = "NAME", value_parser = parse_name, add = ArgValueCandidates::new(complete::organisations))]
    pub name: Option<String>,

    /// Only this role
    #[arg(long, value_enum)]
    pub role: Option<Role>,

    /// Only duties in this jurisdiction: an id such as `hung-yen`, or a name ("Hưng Yên", "hung yen")
    #[arg(long, value_name = "ID", value_parser = parse_name, add = ArgValueCandidates::new(complete::jurisdictions))]
    pub jurisdiction: Option<String>,

    /// Without NAME: count every plan, also those whose period ended before --today
    #[arg(long, conflicts_with = "name")]
    pub all: bool,

    /// Only tasks with a deadline on or before this day
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    pub before: Option<NaiveDate>,

    /// Only tasks with a deadline on or after this day
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    pub after: Option<NaiveDate>,

    /// Leave out the duties given to the groups a body belongs to
    #[arg(long)]
    pub no_groups: bool,
    /// Deadlines from --today to N days, weeks, months or years later: 30d, 8w, 3m, 1y
    #[arg(long, value_name = "SPAN", value_parser = parse_within, conflicts_with_all = ["before", "after"])]
    pub within: Option<Within>,

    /// How to print
    #[arg(long, value_enum, default_value_t = OwnersFormat::Table)]
    pub format: OwnersFormat,
}

/// Arguments of `gplan due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// Deadlines on or before this day
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    pub before: Option<NaiveDate>,

    /// Deadlines on or after this day
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    pub after: Option<NaiveDate>,

    /// Deadlines from --today to N days, weeks, months or years later: 30d, 8w, 3m, 1y
    #[arg(long, value_name = "SPAN", value_parser = parse_within, conflicts_with_all = ["before", "after"])]
    pub within: Option<Within>,

    /// Only tasks this body leads, supports or reports to (any spelling, with or without accents)
    #[arg(long, value_name = "NAME", value_parser = parse_name, add = ArgValueCandidates::new(complete::organisations))]
    pub owner: Option<String>,

    /// Only this plan: an id, or a document number only one plan has
    #[arg(long, value_name = "PLAN", value_parser = parse_name, add = ArgValueCandidates::new(complete::plans))]
    pub plan: Option<String>,

    /// Only plans of this jurisdiction: an id such as `lai-chau`, or a name ("Lai Châu", "lai chau")
    #[arg(long, value_name = "ID", value_parser = parse_name, add = ArgValueCandidates::new(complete::jurisdictions))]
    pub jurisdiction: Option<String>,

    /// Only occurrences no report answers yet (open and overdue)
    #[arg(long)]
    pub open: bool,

    /// How to print
    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,

    /// With --format ics: a reminder N days or weeks before each deadline (7d, 2w)
    #[arg(long, value_name = "SPAN", value_parser = parse_alarm)]
    pub alarm: Option<Reminder>,

    /// With --format csv: start with a UTF-8 byte-order mark, so Excel reads Vietnamese right
    #[arg(long)]
    pub bom: bool,
}

/// Arguments of `gplan status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only duties this body holds, inherited ones included (and no targets)
    #[arg(long, value_name = "NAME", value_parser = parse_name, add = ArgValueCandidates::new(complete::organisations))]
    pub owner: Option<String>,

    /// Only this plan: an id, or a document number only one plan has
    #[arg(long, value_name = "PLAN", value_parser = parse_name, add = ArgValueCandidates::new(complete::plans))]
    pub plan: Option<String>,

    /// Only plans of this jurisdiction: an id such as `hung-yen`, or a name ("Hưng Yên", "hung yen")
    #[arg(long, value_name = "ID", value_parser = parse_name, add = ArgValueCandidates::new(complete::jurisdictions))]
    pub jurisdiction: Option<String>,

    /// How to print
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,

    /// Exit 1 when this is found
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,
}

/// What makes `gplan status` fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// An occurrence whose deadline passed without a report
    Overdue,
}

/// Output formats of `gplan status`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// Two tables: duties, then targets.
    #[default]
    Table,
    /// One JSON object: {"duties": [...], "targets": [...]}.
    Json,
    /// CSV with a header row; `kind` tells duties from targets.
    Csv,
}

impl From<StatusFormat> for render::status::Format {
    fn from(format: StatusFormat) -> Self {
        match format {
            StatusFormat::Table => Self::Table,
            StatusFormat::Json => Self::Json,
            StatusFormat::Csv => Self::Csv,
        }
    }
}

/// Arguments of `gplan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Report only findings in these files or folders (the whole repository is still loaded)
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// How to print findings
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,

    /// Print only the findings, no summary line
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also list the files and folders that were skipped or ignored, and why
    #[arg(short, long)]
    pub verbose: bool,
}

// The choices of `--format` and `--role`, as clap reads and documents
// them; the library's own enums know nothing of clap. Each maps one to
// one onto the library's.

/// How `gplan show` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// Readable text.
    #[default]
    Text,
    /// One JSON object.
    Json,
}

impl From<ShowFormat> for render::show::Format {
    fn from(format: ShowFormat) -> Self {
        match format {
            ShowFormat::Text => Self::Text,
            ShowFormat::Json => Self::Json,
        }
    }
}

/// How `gplan tree` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TreeFormat {
    /// One line per plan, children indented.
    #[default]
    Text,
    /// Nested JSON: an array of roots, each with its `children`.
    Json,
}

impl From<TreeFormat> for render::tree::Format {
    fn from(format: TreeFormat) -> Self {
        match format {
            TreeFormat::Text => Self::Text,
            TreeFormat::Json => Self::Json,
        }
    }
}

/// The part a body plays in a task or plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    /// Chủ trì: leads the task.
    Lead,
    /// Phối hợp: supports the task.
    Support,
    /// Đề nghị: asked to take part, not directed.
    Requested,
    /// Receives the task's report (`report_to`).
    Report,
    /// Issued the plan.
    Issuer,
}

impl From<Role> for QueryRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Lead => Self::Lead,
            Role::Support => Self::Support,
            Role::Requested => Self::Requested,
            Role::Report => Self::Report,
            Role::Issuer => Self::Issuer,
        }
    }
}

/// How `gplan owners` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OwnersFormat {
    /// One table per scope.
    #[default]
    Table,
    /// One JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

impl From<OwnersFormat> for render::owners::Format {
    fn from(format: OwnersFormat) -> Self {
        match format {
            OwnersFormat::Table => Self::Table,
            OwnersFormat::Json => Self::Json,
            OwnersFormat::Csv => Self::Csv,
        }
    }
}

/// How `gplan due` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DueFormat {
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

impl From<DueFormat> for render::due::Format {
    fn from(format: DueFormat) -> Self {
        match format {
            DueFormat::Table => Self::Table,
            DueFormat::Json => Self::Json,
            DueFormat::Csv => Self::Csv,
            DueFormat::Ics => Self::Ics,
        }
    }
}

/// How `gplan check` prints what it found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Reports with source snippets, for people.
    #[default]
    Human,
    /// One line each: `path:line:col: severity[code]: message`.
    Short,
    /// A JSON array, for scripts.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
}

impl From<CheckFormat> for render::diagnostics::Format {
    fn from(format: CheckFormat) -> Self {
        match format {
            CheckFormat::Human => Self::Human,
            CheckFormat::Short => Self::Short,
            CheckFormat::Json => Self::Json,
            CheckFormat::Github => Self::Github,
        }
    }
}

/// A name, id or number typed on the command line, refused when it is
/// blank: what matching ignores (spaces, zero-width characters, bidi
/// controls, a combining mark with no letter) would leave an empty key,
/// and an empty key matches every name.
pub(super) fn parse_name(text: &str) -> Result<String, String> {
    if crate::names::fold(text).is_empty() {
        return Err("a blank name matches nothing: type at least one letter or digit".into());
    }
    Ok(text.to_owned())
}

/// A span after today (`--within`): `--after TODAY --before TODAY+N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Within {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

impl Within {
    /// The last day of the span that starts on `today` (the last day
    /// there is, when the span runs past it; a month later than the 31st
    /// is the month's last day).
    pub fn end(self, today: NaiveDate) -> NaiveDate {
        use chrono::{Days, Months};
        let end = match self {
            Within::Days(n) => today.checked_add_days(Days::new(n.into())),
            Within::Weeks(n) => today.checked_add_days(Days::new(u64::from(n) * 7)),
            Within::Months(n) => today.checked_add_months(Months::new(n)),
            Within::Years(n) => n
                .checked_mul(12)
                .and_then(|m| today.checked_add_months(Months::new(m))),
        };
        end.unwrap_or(NaiveDate::MAX)
    }
}

/// Parses `--within`: a whole number and `d`, `w`, `m` or `y`.
fn parse_within(text: &str) -> Result<Within, String> {
    let bad =
        || format!("`{text}` is not a span: write a number and d, w, m or y (30d, 8w, 3m, 1y)");
    let unit = text.chars().last().ok_or_else(bad)?;
    let number: u32 = text[..text.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| bad())?;
    match unit {
        'd' => Ok(Within::Days(number)),
        'w' => Ok(Within::Weeks(number)),
        'm' => Ok(Within::Months(number)),
        'y' => Ok(Within::Years(number)),
        _ => Err(bad()),
    }
}

/// Parses `--alarm`: a whole number of days or weeks (`7d`, `2w`). A
/// calendar reminder is an exact duration, which months and years are not.
fn parse_alarm(text: &str) -> Result<Reminder, String> {
    let bad = || format!("`{text}` is not a reminder span: write a number and d or w (7d, 2w)");
    let days = match parse_within(text).map_err(|_| bad())? {
        Within::Days(n) => n,
        Within::Weeks(n) => n.checked_mul(7).ok_or_else(bad)?,
        Within::Months(_) | Within::Years(_) => return Err(bad()),
    };
    Ok(Reminder { days })
}
