//! Arguments of the commands that write or describe: fmt, new, site, man,
//! show, rules, explain, schema, completions.

use std::path::PathBuf;

use clap::Args;
use clap_complete::engine::ArgValueCandidates;

use super::queries::{parse_name, ShowFormat, TreeFormat};
use crate::complete;

/// Arguments of `gplan fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders to format (default: every file of the repository; outside one, give PATHS or --repo)
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Write nothing; list the files that would change and exit 1 if any
    #[arg(long)]
    pub check: bool,

    /// Name each file written (with --check, show each change as a diff) and each repository left out
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `gplan new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The parent: a plan id, a document number only one plan has, or an outside document's number
    #[arg(long, value_name = "PARENT", add = ArgValueCandidates::new(complete::plans))]
    pub implements: String,

    /// The new plan's jurisdiction (a registry id such as `lai-chau`); leave it out when the
    /// document names no province, and give --id and --issuer
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(complete::jurisdictions))]
    pub jurisdiction: Option<String>,

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

    /// Write every page (gplan.1, gplan-check.1 ...) into this folder instead (created when missing)
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

/// Arguments of `gplan tree`.
#[derive(Debug, Args)]
pub struct TreeArgs {
    /// How to print
    #[arg(long, value_enum, default_value_t = TreeFormat::Text)]
    pub format: TreeFormat,
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
