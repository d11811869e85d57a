//! The command line, declared with clap. No logic lives here.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use clap_complete::engine::ArgValueCandidates;

mod help;

use crate::complete;
use crate::config::parse_cli_date;
use crate::query::Role as QueryRole;
use crate::render;
use help::{
    CHECK_EXAMPLES, COMPLETIONS_EXAMPLES, DUE_EXAMPLES, EXPLAIN_EXAMPLES, FMT_EXAMPLES, GLOBAL,
    GPLAN_EXAMPLES, MAN_EXAMPLES, NEW_EXAMPLES, OWNERS_EXAMPLES, RULES_EXAMPLES, SCHEMA_EXAMPLES,
    SHOW_EXAMPLES, SITE_EXAMPLES, STATUS_EXAMPLES, TREE_EXAMPLES,
};

/// Keep government action plans as TOML files and ask them questions.
///
/// gplan reads every plan under `plans/` (and the organisation registry
/// `plans/registry.toml`), checks them, and answers what is due and who owes it.
/// Run it in the plans repository, or point it there with `--repo`.
#[derive(Debug, Parser)]
#[command(
    name = "gplan",
    version,
    about,
    max_term_width = 100,
    after_long_help = GPLAN_EXAMPLES
)]
pub struct Cli {
    /// The plans repository (default: the nearest folder upward with gplan.toml or plans/)
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub repo: Option<PathBuf>,

    /// The date taken as today (YYYY-MM-DD or D/M/YYYY); default: the system date
    #[arg(long, global = true, value_name = "DATE", env = "GPLAN_TODAY", value_parser = parse_cli_date, help_heading = GLOBAL)]
    pub today: Option<NaiveDate>,

    #[command(flatten, next_help_heading = GLOBAL)]
    pub color: colorchoice_clap::Color,

    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every plan and the registry; exit 1 on errors
    #[command(after_long_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// List deadlines from every plan, sorted by date
    #[command(after_long_help = DUE_EXAMPLES)]
    Due(DueArgs),
    /// Show what a body leads, supports, receives or issued, across plans
    #[command(after_long_help = OWNERS_EXAMPLES)]
    Owners(OwnersArgs),
    /// Show what was delivered, what is overdue, and whether targets are on track
    #[command(after_long_help = STATUS_EXAMPLES)]
    Status(StatusArgs),
    /// Show one plan: its ancestry, targets beside the parent targets, tasks
    #[command(after_long_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Show every plan under the plans it implements
    #[command(after_long_help = TREE_EXAMPLES)]
    Tree,
    /// List every rule `check` runs: code, default level, summary
    #[command(after_long_help = RULES_EXAMPLES)]
    Rules(RulesArgs),
    /// Print a rule's documentation: what it finds, why, an example, the fix
    #[command(after_long_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Rewrite plan files and the registry in their one canonical form
    #[command(after_long_help = FMT_EXAMPLES)]
    Fmt(FmtArgs),
    /// Start a new plan from the plan it implements
    #[command(after_long_help = NEW_EXAMPLES)]
    New(NewArgs),
    /// Write the plans as a static website: pages, calendar feeds, search
    #[command(after_long_help = SITE_EXAMPLES)]
    Site(SiteArgs),
    /// Print the JSON Schema of a plan file (or of the registry), for editors
    #[command(after_long_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// Print a shell completion script
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print a manual page (roff), or write them all to a folder
    #[command(after_long_help = MAN_EXAMPLES)]
    Man(ManArgs),
}

/// Arguments of `gplan fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders to format (default: every file gplan reads)
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Write nothing; list the files that would change and exit 1 if any
    #[arg(long)]
    pub check: bool,

    /// With --check, show each change as a diff; else name each file written
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `gplan new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The parent plan: an id, or a document number only one plan has
    #[arg(long, value_name = "PARENT", add = ArgValueCandidates::new(complete::plans))]
    pub implements: String,

    /// The new plan's jurisdiction (a registry id such as `lai-chau`)
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(complete::jurisdictions))]
    pub jurisdiction: String,

    /// The issuing body (default: the parent's issuer in its own jurisdiction, else UBND tỉnh)
    #[arg(long, value_name = "NAME")]
    pub issuer: Option<String>,

    /// The period: 2024, 2021..2025 or 2024-03-01..2024-12-31 (clipped to the parent's)
    #[arg(long, value_name = "P")]
    pub period: Option<String>,

    /// The new plan's id (default: JURISDICTION/kh-YEAR or JURISDICTION/kh-FROM-TO)
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The document number, "Số, ký hiệu" (default: left for the author)
    #[arg(long, value_name = "N")]
    pub number: Option<String>,

    /// Where to write the plan; `-` is standard output
    #[arg(long, value_name = "FILE", default_value = "-")]
    pub out: PathBuf,
}

/// Arguments of `gplan site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write the site into (created when missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// The language of every page and feed
    #[arg(long, value_enum, default_value_t = SiteLang::Vi)]
    pub lang: SiteLang,

    /// The address the site is published at, for links in the calendar feeds
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
}

/// The languages of `gplan site`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SiteLang {
    /// Vietnamese (the default): the language of the plans and their readers
    Vi,
    /// English
    En,
}

impl From<SiteLang> for crate::site::i18n::Lang {
    fn from(lang: SiteLang) -> Self {
        match lang {
            SiteLang::Vi => crate::site::i18n::Lang::Vi,
            SiteLang::En => crate::site::i18n::Lang::En,
        }
    }
}

/// An `http(s)://` address without the trailing `/`.
fn parse_base_url(text: &str) -> Result<String, String> {
    let trimmed = text.trim_end_matches('/');
    let scheme_ok = trimmed.starts_with("https://") || trimmed.starts_with("http://");
    let clean = !trimmed
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"');
    if scheme_ok && clean && trimmed.len() > "https://".len() {
        Ok(trimmed.to_owned())
    } else {
        Err("expected an address starting with https:// or http://, such as https://example.org/plans".to_owned())
    }
}

/// Arguments of `gplan man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (default: gplan's own page)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,

    /// Write every page (gplan.1, gplan-check.1 ...) into this folder instead
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub out: Option<PathBuf>,
}

/// Arguments of `gplan show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The plan: an id, or a document number only one plan has
    #[arg(value_name = "PLAN", value_parser = parse_name, add = ArgValueCandidates::new(complete::plans))]
    pub plan: String,

    /// How to print
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// How `gplan rules` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// One aligned line per rule
    #[default]
    Table,
    /// An array of objects with `code`, `severity` and `summary`
    Json,
}

/// Arguments of `gplan rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// How to print
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

/// Arguments of `gplan explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's code, e.g. `unknown-parent` or `gplan::unknown-parent`
    #[arg(value_name = "CODE")]
    pub code: String,
}

/// Arguments of `gplan schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema of `plans/registry.toml` instead of a plan file
    #[arg(long, conflicts_with = "documents")]
    pub registry: bool,
    /// The schema of `plans/documents.toml` (outside documents) instead of a plan file
    #[arg(long)]
    pub documents: bool,
}

/// The shells gplan completes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// Arguments of `gplan completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Arguments of `gplan owners`.
#[derive(Debug, Args)]
pub struct OwnersArgs {
    /// The body to look up (any spelling); without it, one row per body
    #[arg(value_name = "NAME", value_parser = parse_name, add = ArgValueCandidates::new(complete::organisations))]
    pub name: Option<String>,

    /// Only this role
    #[arg(long, value_enum)]
    pub role: Option<Role>,

    /// Only duties in this jurisdiction (a registry id such as `hung-yen`)
    #[arg(long, value_name = "ID", value_parser = parse_name, add = ArgValueCandidates::new(complete::jurisdictions))]
    pub jurisdiction: Option<String>,

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

    /// Only plans of this jurisdiction (a registry id such as `lai-chau`)
    #[arg(long, value_name = "ID", value_parser = parse_name, add = ArgValueCandidates::new(complete::jurisdictions))]
    pub jurisdiction: Option<String>,

    /// How to print
    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,
}

/// Arguments of `gplan status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only duties this body leads, supports or reports to (and no targets)
    #[arg(long, value_name = "NAME", add = ArgValueCandidates::new(complete::organisations))]
    pub owner: Option<String>,

    /// Only this plan: an id, or a document number only one plan has
    #[arg(long, value_name = "PLAN", add = ArgValueCandidates::new(complete::plans))]
    pub plan: Option<String>,

    /// Only plans of this jurisdiction (a registry id such as `hung-yen`)
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(complete::jurisdictions))]
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

    /// Also list the files that were skipped or ignored, and why
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
/// blank: spaces and invisible characters alone (zero-width, soft hyphen,
/// byte-order mark) would match every name, since matching ignores them.
fn parse_name(text: &str) -> Result<String, String> {
    let invisible = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            )
    };
    if text.chars().all(invisible) {
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

#[cfg(test)]
mod tests;
