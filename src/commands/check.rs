//! `gplan check`: load, run every rule, print findings and a summary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::cli::CheckArgs;
use crate::commands::RunError;
use crate::config::{Config, UsageError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{not_a_file, relative};
use crate::exit;
use crate::model::Outline;
use crate::progress::Progress;
use crate::registry::Registry;
use crate::render::diagnostics::{self, HumanStyle};
use crate::render::terminal::{self, escape};
use crate::repo::Repo;
use crate::rules::{self, unknown_org};
use crate::validate::progress::PlanFacts;

/// A width no line of a report reaches.
const UNWRAPPED: usize = 1 << 16;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let started = Instant::now();
    let filters = path_filters(config, &args.paths)?;
    // The rules on single plans run as each file is loaded; only each
    // plan's outline, all that the rules across plans read, is kept.
    // The progress files are read while the plans load: on their own
    // after the plans they kept one core busy and the other idle.
    let plan_rules = rules::PlanRules::default();
    let (loaded, progress) = rayon::join(
        || {
            Repo::load_each(config, |plan, text, registry, out| {
                plan_rules.check(&plan, text, registry, out);
                (None, Outline::from(plan))
            })
        },
        || Progress::read(config),
    );
    let (mut repo, mut outlines) = loaded?;
    outlines.par_sort_by(|a, b| (&a.file, &a.id.value).cmp(&(&b.file, &b.id.value)));
    let progress = progress.into_repo(&mut repo);
    // The progress files are checked while the rules across plans run.
    let (progress_found, mut found) = rayon::join(
        || check_progress(&progress, &outlines, &repo.broken, repo.registry.as_ref()),
        || rules::check(&repo, &outlines),
    );
    found.extend(progress_found);
    let diagnostics: Vec<Diagnostic> = config
        .levels
        .apply(rules::sorted(found, &repo))
        .into_iter()
        .filter(|d| filters.is_empty() || filters.iter().any(|f| within(&d.file, f)))
        .collect();
    let style = HumanStyle {
        color: config.color,
        // Into a pipe, lines are not wrapped to a guessed width.
        width: terminal::width().unwrap_or(UNWRAPPED),
    };
    diagnostics::write(out, args.format.into(), &diagnostics, &repo.sources, style)?;
    if args.verbose {
        for file in &repo.ignored {
            writeln!(err, "ignored {}: no [plan] table", escape(file))?;
        }
        for link in &repo.skipped_links {
            writeln!(
                err,
                "skipped {}: symbolic links are not followed",
                escape(link)
            )?;
        }
        for special in &repo.skipped_special {
            writeln!(
                err,
                "skipped {}: not a file (a named pipe, a socket or a device)",
                escape(special)
            )?;
        }
        for other in &repo.other_repositories {
            writeln!(err, "{other}")?;
        }
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    if !args.quiet {
        writeln!(
            err,
            "{}",
            summary(
                &repo,
                outlines.len(),
                started.elapsed().as_millis(),
                errors,
                warnings
            )
        )?;
    }
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    super::free_in_background((repo, outlines, progress));
    Ok(if failed { exit::FAILURE } else { exit::SUCCESS })
}

/// What checking the progress files' entries against the plans and the
/// registry found.
fn check_progress(
    progress: &Progress,
    outlines: &[Outline],
    left_out: &[String],
    registry: Option<&Registry>,
) -> Vec<Diagnostic> {
    let facts: Vec<PlanFacts> = outlines.par_iter().map(PlanFacts::of_outline).collect();
    let mut found = Vec::new();
    progress.check(&facts, left_out, &mut found);
    if let Some(registry) = registry {
        unknown_org::check_reports(registry, &progress.reports, outlines, &mut found);
    }
    found
}

fn summary(repo: &Repo, plans: usize, millis: u128, errors: usize, warnings: usize) -> String {
    let registries = usize::from(repo.registry.is_some());
    format!(
        "checked {} in {millis} ms: {}, {}",
        [
            plural(plans, "plan", "plans"),
            plural(registries, "registry", "registries")
        ]
        .join(", "),
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The PATHS arguments as repository-relative prefixes.
fn path_filters(config: &Config, paths: &[PathBuf]) -> Result<Vec<String>, UsageError> {
    let root = config
        .root
        .canonicalize()
        .map_err(|e| UsageError(format!("--repo `{}`: {e}", config.root.display())))?;
    paths
        .iter()
        .map(|path| {
            let canonical = candidates(&config.root, path)
                .into_iter()
                .filter_map(|p| p.canonicalize().ok())
                .find(|p| p.starts_with(&root))
                .or_else(|| path.canonicalize().ok())
                .ok_or_else(|| UsageError(format!("path `{}` does not exist", path.display())))?;
            if !canonical.starts_with(&root) {
                return Err(UsageError(format!(
                    "path `{}` is outside the repository `{}`",
                    path.display(),
                    config.root.display()
                )));
            }
            if let Some(refused) = not_a_file(path, &canonical) {
                return Err(refused);
            }
            Ok(relative(&root, &canonical))
        })
        .collect()
}

/// Where a relative PATH may be: from the current folder (what a shell
/// completes, and what pre-commit passes), or from the repository root.
fn candidates(root: &Path, path: &Path) -> Vec<PathBuf> {
    if path.is_absolute() {
        vec![path.to_path_buf()]
    } else {
        vec![path.to_path_buf(), root.join(path)]
    }
}

fn within(file: &str, filter: &str) -> bool {
    filter.is_empty() || file == filter || Path::new(file).starts_with(filter)
}
