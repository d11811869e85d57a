//! The command line, declared with clap. No logic lives here.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

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
    /// The plans repository to work on
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub repo: PathBuf,

    /// The date taken as today (YYYY-MM-DD or D/M/YYYY); default: the system date
    #[arg(long, global = true, value_name = "DATE", env = "GPLAN_TODAY", value_parser = parse_cli_date)]
    pub today: Option<NaiveDate>,

    #[command(flatten)]
    pub color: colorchoice_clap::Color,

    /// `check`: print only the findings, no summary line
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// `check`: also list the files that were skipped or ignored, and why
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

const GPLAN_EXAMPLES: &str =
    "Exit codes: 0 success; 1 errors found (check), nothing matched, or plans left out;
2 usage error or an unreadable repository, configuration or registry.
Docs: docs/commands.md, docs/format.md, docs/ci.md, docs/editors.md.

Examples:
  gplan check                              # validate every plan (CI: --format github)
  gplan due --before 5/12/2023             # everything due up to 5 December 2023
  gplan owners \"Sở Nội vụ\"                 # everything that body owes, per province
  gplan --repo ~/plans tree                # the plans of another folder, by parent
  gplan help due                           # the options and examples of one command";

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
    /// Show one plan: its ancestry, targets beside the parent targets, tasks
    #[command(after_long_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Show every plan under the plans it implements
    #[command(after_long_help = TREE_EXAMPLES)]
    Tree,
    /// Print the JSON Schema of a plan file (or of the registry), for editors
    #[command(after_long_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// Print a shell completion script
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    #[command(after_long_help = MAN_EXAMPLES)]
    Man,
}

const TREE_EXAMPLES: &str =
    "Each line: id, number, period, title. A plan with two parents is listed under both;
the second time it is marked \"(also above)\" and its children are not repeated.

Examples:
  gplan tree
  gplan --repo ~/plans tree | less";

const MAN_EXAMPLES: &str = "Examples:
  gplan man | man -l -                                # read it now
  gplan man > ~/.local/share/man/man1/gplan.1         # then: man gplan";

const SHOW_EXAMPLES: &str = "PLAN is a plan id or a document number that only one plan has.

Examples:
  gplan show lai-chau/kh-01-2023
  gplan show 01/BVSTBPN-VP
  gplan show 53/KH-UBND --format json";

const SCHEMA_EXAMPLES: &str = "Examples:
  gplan schema > schema/gplan.schema.json              # then, first line of a plan file:
                                                       #   #:schema ../../schema/gplan.schema.json
  gplan schema --registry > schema/registry.schema.json

Associating the schemas with plan files in Taplo and VS Code (Even Better TOML): docs/editors.md.";

/// Arguments of `gplan show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The plan: an id, or a document number only one plan has
    #[arg(value_name = "PLAN")]
    pub plan: String,

    /// How to print
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Arguments of `gplan schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema of `plans/registry.toml` instead of a plan file
    #[arg(long)]
    pub registry: bool,
}

const COMPLETIONS_EXAMPLES: &str =
    "Write the script once, then open a new shell; write it again after upgrading gplan.

Examples:
  gplan completions bash > ~/.local/share/bash-completion/completions/gplan
  gplan completions zsh > ~/.zfunc/_gplan     # with fpath=(~/.zfunc $fpath) before compinit
  gplan completions fish > ~/.config/fish/completions/gplan.fish
  gplan completions powershell >> $PROFILE
  gplan completions elvish >> ~/.config/elvish/rc.elv";

/// Arguments of `gplan completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

const OWNERS_EXAMPLES: &str =
    "NAME is matched after normalisation (case, NFC/NFD, \"hoà\"/\"hòa\", dashes), then without \
diacritics, then as part of a name. A generic name such as \"Sở Nội vụ\" is listed per province.
Deadlines after a body was dissolved, or after its province merged, are shown under the successor,
with the original body in the Via column.

Examples:
  gplan owners                                  # every body with its lead/support counts
  gplan owners \"Sở Nội vụ\"                      # everything Sở Nội vụ owes, per province
  gplan owners \"so noi vu\" --role report        # only reports it receives
  gplan owners \"Sở Nội vụ\" --before 5/12/2026   # duties with a deadline up to that day";

/// Arguments of `gplan owners`.
#[derive(Debug, Args)]
pub struct OwnersArgs {
    /// The body to look up (any spelling); without it, one row per body
    #[arg(value_name = "NAME")]
    pub name: Option<String>,

    /// Only this role
    #[arg(long, value_enum)]
    pub role: Option<Role>,

    /// Only duties in this jurisdiction (a registry id such as `hung-yen`)
    #[arg(long, value_name = "ID")]
    pub jurisdiction: Option<String>,

    /// Only tasks with a deadline on or before this day
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    pub before: Option<NaiveDate>,

    /// Only tasks with a deadline on or after this day
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    pub after: Option<NaiveDate>,

    /// How to print
    #[arg(long, value_enum, default_value_t = OwnersFormat::Table)]
    pub format: OwnersFormat,
}

const DUE_EXAMPLES: &str = "Dates: 2023-12-05, 5/12/2023 or 05/12/2023. Both bounds are inclusive: a duty \"trước ngày 5/12\" shows up in --before 5/12/2023.
Without --before and --after, deadlines from today on are listed.

Examples:
  gplan due --before 5/12/2023                       # everything due up to 5 December 2023
  gplan due --after 2023-01-01 --before 2023-12-31   # one year
  gplan due --owner \"Sở Nội vụ\" --format csv         # one body's deadlines, for a spreadsheet
  gplan due --format ics > gplan.ics                 # subscribe in a calendar app";

/// Arguments of `gplan due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// Deadlines on or before this day
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    pub before: Option<NaiveDate>,

    /// Deadlines on or after this day
    #[arg(long, value_name = "DATE", value_parser = parse_cli_date)]
    pub after: Option<NaiveDate>,

    /// Only tasks this body leads, supports or reports to (any spelling, with or without accents)
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,

    /// Only this plan: an id, or a document number only one plan has
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<String>,

    /// Only plans of this jurisdiction (a registry id such as `lai-chau`)
    #[arg(long, value_name = "ID")]
    pub jurisdiction: Option<String>,

    /// How to print
    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,
}

const CHECK_EXAMPLES: &str =
    "Exit code 1 when an error is found (or a warning, with --deny-warnings), 2 on a usage error
or an unreadable repository. Pre-commit hook and CI recipes: docs/ci.md.

Examples:
  gplan check                                   # the whole repository
  gplan check plans/lai-chau                    # only findings in that folder
  gplan check --format short                    # one line per finding
  gplan check --format github --deny-warnings   # in GitHub Actions";

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
