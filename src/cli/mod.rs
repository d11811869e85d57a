//! The command line, declared with clap. No logic lives here.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

mod help;
mod queries;
mod tools;

pub use queries::*;
pub use tools::*;

use crate::config::parse_cli_date;
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
    Tree(TreeArgs),
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

#[cfg(test)]
mod tests;
