//! The command line, declared with clap. No logic lives here.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use clap_complete::engine::ArgValueCandidates;

use crate::complete;
use crate::config::parse_cli_date;
use crate::query::Role as QueryRole;
use crate::render;

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

/// The heading of the options every command takes, apart from its own.
const GLOBAL: &str = "Global options";

const GPLAN_EXAMPLES: &str =
    "Exit codes: 0 success (an empty answer too); 1 errors found (check), a name that
names nothing, or plans left out; 2 usage error, an unreadable repository,
configuration or registry, or no plan at all.
More: gplan help COMMAND, gplan man, gplan rules, gplan explain CODE.

Examples:
  # validate every plan (in CI: --format github)
  gplan check
  # everything due up to 5 December 2023
  gplan due --before 5/12/2023
  # everything that body owes, per province
  gplan owners \"Sở Nội vụ\"
  # the plans of another folder, under the plans they implement
  gplan --repo ~/plans tree";

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

const FMT_EXAMPLES: &str =
    "Keys and tables in the documented order, text in Unicode NFC, strings in \"double
quotes\", short lists on one line and long ones one item per line; comments and
blank lines stay. Only files that change are written, each in one step. A file
that is not valid TOML is reported and left as it is (exit 1).

Examples:
  # every plan and the registry
  gplan fmt
  # in CI or a pre-commit hook: list unformatted files, exit 1 if any
  gplan fmt --check
  # what would change, as a diff
  gplan fmt --check -v plans/lai-chau";

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

const NEW_EXAMPLES: &str =
    "PARENT is a plan id or a document number only one plan has. The new plan copies the
parent's targets (refines, unit, direction, the milestones inside the period) and
tasks (implements), with comments saying what to fill in. It never overwrites a
file (exit 2).

Examples:
  # Hưng Yên's plan for 2024 from its provincial plan, on stdout
  gplan new --implements 53/KH-UBND --jurisdiction hung-yen --period 2024
  # written to a new file
  gplan new --implements vn/nq-28-2021 --jurisdiction hung-yen \\
    --issuer \"Ủy ban nhân dân tỉnh\" --out plans/hung-yen/kh-2026.toml";

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

const TREE_EXAMPLES: &str =
    "Each line: id, number, period, title. A plan with two parents is listed under both;
the second time it is marked \"(also above)\" and its children are not repeated.

Examples:
  gplan tree
  gplan --repo ~/plans tree | less";

const MAN_EXAMPLES: &str = "One page for gplan and one per command: gplan(1), gplan-check(1) ...

Examples:
  # read gplan(1), or the page of one command, now
  gplan man | man -l -
  gplan man due | man -l -
  # write every page, then: man gplan-due
  gplan man --out ~/.local/share/man/man1";

const SITE_EXAMPLES: &str =
    "Writes into DIR only: index.html, one page per plan (plans/) and per body and
scope (bodies/, each with its .ics feed), calendar.html, gplan.ics. Open
DIR/index.html from disk, or publish DIR on any static host. DIR must be new,
empty, or a site gplan wrote before (its old pages that are gone are removed).

Examples:
  gplan site --out public
  gplan site --out public --lang en
  # feeds link each event to its page at the published address
  gplan site --out public --base-url https://example.org/plans";

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

const SHOW_EXAMPLES: &str = "PLAN is a plan id or a document number that only one plan has.

Examples:
  gplan show lai-chau/kh-01-2023
  gplan show 01/BVSTBPN-VP
  gplan show 53/KH-UBND --format json";

const SCHEMA_EXAMPLES: &str = "Examples:
  # then, as the first line of a plan file:
  #   #:schema ../../schema/gplan.schema.json
  gplan schema > schema/gplan.schema.json
  gplan schema --registry > schema/registry.schema.json";

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

const RULES_EXAMPLES: &str =
    "A repository sets the level of any rule in gplan.toml (allow drops its findings):
  [check.levels]
  missing-number = \"allow\"     # allow | warning | error
  not-nfc = \"error\"

Examples:
  # code, default level and summary of each rule
  gplan rules
  # every code, for scripts
  gplan rules --format json | jq -r '.[].code'
  # one rule in full
  gplan explain unknown-parent";

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

const EXPLAIN_EXAMPLES: &str = "CODE is a code as `check` prints it, with or without `gplan::`.

Examples:
  gplan explain gplan::not-nfc
  gplan explain ref-skip
  gplan explain unknown-org | less";

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

const COMPLETIONS_EXAMPLES: &str =
    "The script asks gplan for the names, plan ids and jurisdictions of the repository
in the current folder each time TAB is pressed: `gplan owners <TAB>`,
`gplan show <TAB>`, `--plan <TAB>`, `--jurisdiction <TAB>`.

Examples:
  # bash, in ~/.bashrc
  source <(gplan completions bash)
  # zsh, in ~/.zshrc
  source <(gplan completions zsh)
  # fish
  gplan completions fish > ~/.config/fish/completions/gplan.fish
  # elvish, in rc.elv
  eval (gplan completions elvish | slurp)";

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

const OWNERS_EXAMPLES: &str =
    "NAME is matched after normalisation (case, NFC/NFD, \"hoà\"/\"hòa\", dashes), then without \
diacritics, then as part of a name. A generic name such as \"Sở Nội vụ\" is listed per province.
Deadlines after a body was dissolved, or after its province merged, are shown under the successor,
with the original body in the Via column.

Examples:
  # every body with its lead/support counts
  gplan owners
  # everything Sở Nội vụ owes, per province
  gplan owners \"Sở Nội vụ\"
  # only the reports it receives
  gplan owners \"so noi vu\" --role report
  # duties with a deadline up to that day
  gplan owners \"Sở Nội vụ\" --before 5/12/2026";

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

const DUE_EXAMPLES: &str = "Dates: 2023-12-05, 5/12/2023 or 05/12/2023. Both bounds are inclusive: a duty \"trước ngày 5/12\" shows up in --before 5/12/2023.
Without --before and --after, deadlines from today on are listed. Nothing due is
exit 0, with \"no deadlines match\" on stderr.

Examples:
  # everything due up to 5 December 2023
  gplan due --before 5/12/2023
  # one year
  gplan due --after 2023-01-01 --before 2023-12-31
  # one body's deadlines, for a spreadsheet
  gplan due --owner \"Sở Nội vụ\" --format csv
  # a calendar file to subscribe to
  gplan due --format ics > gplan.ics";

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

const STATUS_EXAMPLES: &str =
    "Reads the reports and actuals of the progress files (progress/*.toml) as of --today.
A duty occurrence is delivered, late, overdue (deadline passed, no report) or due-soon (within
30 days, no report); a target is met, on-track, behind or no-data. With --fail-on overdue the
exit code is 1 when anything is overdue.

Examples:
  # where everything stands today
  gplan status
  # one body's duties, as a CI gate
  gplan status --owner \"Sở Nội vụ\" --fail-on overdue
  # for a spreadsheet
  gplan status --plan 53/KH-UBND --format csv";

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

const CHECK_EXAMPLES: &str =
    "Exit code 1 when an error is found (or a warning, with --deny-warnings), 2 on a usage error
or an unreadable repository. What a finding means: gplan explain CODE.

Examples:
  # the whole repository
  gplan check
  # only findings in that folder (the whole repository is still read)
  gplan check plans/lai-chau
  # one line per finding
  gplan check --format short
  # in GitHub Actions
  gplan check --format github --deny-warnings";

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
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Clap's own consistency checks (conflicting names, bad defaults…).
    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command, root first, with its full name (`gplan due`).
    fn commands() -> Vec<(String, clap::Command)> {
        let mut root = Cli::command();
        root.build();
        let mut out = vec![("gplan".to_owned(), root.clone())];
        for sub in root.get_subcommands() {
            if sub.get_name() != "help" {
                out.push((format!("gplan {}", sub.get_name()), sub.clone()));
            }
        }
        out
    }

    #[test]
    fn every_argument_has_a_one_line_help() {
        let mut missing = Vec::new();
        let mut checked = 0;
        for (name, command) in commands() {
            for arg in command.get_arguments() {
                // clap's built-in --help and --version explain themselves.
                if matches!(arg.get_id().as_str(), "help" | "version") {
                    continue;
                }
                checked += 1;
                match arg.get_help().map(ToString::to_string) {
                    Some(help) if !help.trim().is_empty() && !help.contains('\n') => {}
                    other => missing.push(format!("{name} {}: {other:?}", arg.get_id())),
                }
            }
        }
        assert!(checked > 20, "the walk saw only {checked} arguments");
        assert!(
            missing.is_empty(),
            "arguments without a one-line help: {missing:#?}"
        );
    }

    #[test]
    fn long_help_fits_80_columns_and_examples_are_never_wrapped() {
        for (name, command) in commands() {
            let examples = command
                .get_after_long_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            let help = command.term_width(80).render_long_help().to_string();
            for line in help.lines() {
                assert!(
                    line.chars().count() <= 80,
                    "{name} --help at 80 columns has a line of {} characters: {line}",
                    line.chars().count()
                );
            }
            let rendered: Vec<&str> = help.lines().collect();
            for example in examples.lines().filter(|l| l.starts_with("  ")) {
                assert!(
                    rendered.contains(&example),
                    "{name} --help at 80 columns wraps the example line `{example}`"
                );
            }
        }
    }

    #[test]
    fn global_options_have_their_own_section_and_check_options_stay_in_check() {
        for (name, mut command) in commands() {
            let help = command.render_long_help().to_string();
            let global = help
                .split("Global options:")
                .nth(1)
                .unwrap_or_else(|| panic!("{name} --help has no global options section"));
            assert!(global.contains("--repo") && global.contains("--today"));
            let own = help.split("Global options:").next().unwrap_or_default();
            assert!(!own.contains("--repo <DIR>"), "{name}");
            assert_eq!(
                help.contains("--quiet"),
                name == "gplan check",
                "{name}: -q/--quiet applies to check only"
            );
        }
    }

    #[test]
    fn help_points_to_commands_not_to_files_of_the_source() {
        for (name, mut command) in commands() {
            let help = command.render_long_help().to_string();
            assert!(!help.contains("docs/"), "{name} --help points into docs/");
        }
    }

    #[test]
    fn every_command_has_a_one_line_about_and_an_example_in_its_long_help() {
        for (name, mut command) in commands() {
            let about = command.get_about().map(ToString::to_string);
            assert!(
                about
                    .as_deref()
                    .is_some_and(|a| !a.is_empty() && !a.contains('\n')),
                "{name} has no one-line about: {about:?}"
            );
            let long = command.render_long_help().to_string();
            assert!(
                long.contains("Example:") || long.contains("Examples:"),
                "{name} --help shows no example:\n{long}"
            );
            let example = long.lines().any(|l| l.trim_start().starts_with(&name));
            assert!(
                example,
                "{name} --help has no example line starting with `{name}`"
            );
        }
    }
}
