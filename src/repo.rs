//! The loaded repository: every plan file read and parsed, the registry,
//! and a line index of every file for locating findings.
//!
//! Files are read and parsed in parallel (rayon), each on its own; the
//! results are then gathered in the sorted order of the walk, so what a
//! run reports does not depend on the number of threads. File texts are
//! let go once parsed (see [`SourceMap`]): `check` runs the rules that read
//! a text on the thread that loaded it ([`Repo::load_each`]).

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalogue::Catalogue;
use crate::config::{Config, UsageError};
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Found, OtherRepository};
use crate::model::Plan;
use crate::registry::Registry;
use crate::render::terminal::escape;
use crate::source::{self, LineIndex, Source, SourceMap};
use crate::validate::{self, Outcome};

use crate::rules::file_too_large;
use crate::rules::unreadable_file::{self, Why};

/// Files above this size are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Files are shared between threads in pieces of at most this many: with
/// pieces left to rayon's own splitting, the last piece of a national
/// repository (hundreds of files) kept one core busy for tens of
/// milliseconds after the other had run out of work.
const FILES_PER_PIECE: usize = 32;

/// Everything read from disk for one run.
#[derive(Debug, Default)]
pub struct Repo {
    pub plans: Vec<Plan>,
    pub registry: Option<Registry>,
    /// The catalogue of outside documents, when the repository has one.
    pub catalogue: Option<Catalogue>,
    pub sources: SourceMap,
    /// Problems found while reading and parsing files.
    pub diagnostics: Vec<Diagnostic>,
    /// Valid TOML files that are not plans (shown with `--verbose`).
    pub ignored: Vec<String>,
    /// Files that should be plans but could not be loaded.
    pub broken: Vec<String>,
    /// Symbolic links passed over.
    pub skipped_links: Vec<String>,
    /// `.toml` names that are not files, passed over.
    pub skipped_special: Vec<String>,
    /// Repositories below a folder of loose plans, not entered.
    pub other_repositories: Vec<OtherRepository>,
}

/// One file read and parsed, on whichever thread.
struct Loaded<'f, T> {
    file: &'f Found,
    outcome: Kept<T>,
    diagnostics: Vec<Diagnostic>,
    source: Option<Source>,
}

/// What became of a file: a plan (what of it is kept, and what the visit
/// found in it), or no plan.
enum Kept<T> {
    Plan(Option<Box<Plan>>, T),
    NotAPlan,
    Broken,
}

impl Repo {
    /// Reads the registry and every plan file the configuration names.
    pub fn load(config: &Config) -> Result<Repo, UsageError> {
        Repo::load_each(config, |plan, _, _, _| (Some(plan), ())).map(|(repo, _)| repo)
    }

    /// Like [`Repo::load`], with `visit` run on each plan on the thread
    /// that loaded it, while the file's text is at hand. It gets the plan,
    /// the text, the registry and the findings so far, and gives back the
    /// part of the plan to keep (if any) and what it found, for instance
    /// counts: what is not kept is let go at once, which is how `check`
    /// and the summary of `owners` stay small on a national repository.
    /// What each plan gave comes back in the walk's order.
    pub fn load_each<T, F>(config: &Config, visit: F) -> Result<(Repo, Vec<T>), UsageError>
    where
        T: Send,
        F: Fn(Plan, &str, Option<&Registry>, &mut Vec<Diagnostic>) -> (Option<Plan>, T) + Sync,
    {
        let mut repo = Repo {
            sources: SourceMap::new(&config.root),
            ..Repo::default()
        };
        let registry_rel = config
            .registry
            .as_ref()
            .map(|p| discover::relative(Path::new(""), p));
        if let Some(rel) = &registry_rel {
            let text = read_side_file(&config.root.join(rel), rel, "registry")?;
            repo.registry = Registry::load(rel, &text, &mut repo.diagnostics);
            repo.sources.insert(rel, &text);
        }
        let catalogue_rel = config
            .documents
            .as_ref()
            .map(|p| discover::relative(Path::new(""), p));
        if let Some(rel) = &catalogue_rel {
            let text = read_side_file(&config.root.join(rel), rel, "documents")?;
            let catalogue = Catalogue::load(rel, &text, &mut repo.diagnostics);
            repo.sources.insert(rel, &text);
            repo.catalogue = Some(catalogue);
        }
        let found = config.plan_files();
        repo.skipped_links = found.skipped_links;
        repo.skipped_special = found.skipped_special;
        repo.other_repositories = found.other_repositories;
        for (path, reason) in found.unreadable {
            let diagnostic = unreadable(&path, &ReadError::Listing(reason));
            repo.diagnostics.push(diagnostic);
            repo.broken.push(path);
        }
        let registry = repo.registry.as_ref();
        let loaded: Vec<Loaded<T>> = found
            .files
            .par_iter()
            .with_max_len(FILES_PER_PIECE)
            .filter(|f| Some(&f.rel) != registry_rel.as_ref())
            .filter(|f| Some(&f.rel) != catalogue_rel.as_ref())
            .map(|f| load_file(f, registry, &visit))
            .collect();
        let mut all_found = Vec::new();
        for file in loaded {
            all_found.extend(repo.add(file));
        }
        if all_found.is_empty() && repo.broken.is_empty() {
            return Err(no_plans(config));
        }
        repo.plans
            .sort_by(|a, b| (&a.file, &a.id.value).cmp(&(&b.file, &b.id.value)));
        Ok((repo, all_found))
    }

    fn add<T>(&mut self, loaded: Loaded<T>) -> Option<T> {
        let rel = &loaded.file.rel;
        self.diagnostics.extend(loaded.diagnostics);
        if let Some(source) = loaded.source {
            self.sources.add(rel, source);
        }
        match loaded.outcome {
            Kept::Plan(plan, found) => {
                self.plans.extend(plan.map(|p| *p));
                return Some(found);
            }
            Kept::NotAPlan => self.ignored.push(rel.clone()),
            Kept::Broken => self.broken.push(rel.clone()),
        }
        None
    }
}

/// A repository without a single plan file is a usage error: most often
/// gplan was run in the wrong folder, and a CI job must not pass on it.
fn no_plans(config: &Config) -> UsageError {
    let folders: Vec<String> = config
        .plan_dirs
        .iter()
        .map(|dir| {
            let path = config.root.join(dir);
            let shown = std::path::absolute(&path).unwrap_or(path);
            format!("`{}`", shown.display())
        })
        .collect();
    UsageError(format!(
        "no plans found under {} (a plan is a `.toml` file with a `[plan]` table); run gplan inside a plans repository or pass --repo DIR",
        folders.join(", ")
    ))
}

/// Reads, decodes and parses one file, and visits its plan; touches
/// nothing shared but what `visit` shares.
fn load_file<'f, T>(
    file: &'f Found,
    registry: Option<&Registry>,
    visit: &(impl Fn(Plan, &str, Option<&Registry>, &mut Vec<Diagnostic>) -> (Option<Plan>, T) + Sync),
) -> Loaded<'f, T> {
    let failed = |diagnostic: Diagnostic, source: Option<Source>| Loaded {
        file,
        outcome: Kept::Broken,
        diagnostics: vec![diagnostic],
        source,
    };
    let bytes = match read_limited(&file.path) {
        Ok(bytes) => bytes,
        Err(why) => return failed(unreadable(&file.rel, &why), None),
    };
    let text = match source::decode(&file.rel, &bytes) {
        Ok(text) => text,
        Err(failure) => {
            let (lossy, diagnostic) = *failure;
            return failed(diagnostic, Some(Source::kept(Arc::from(lossy))));
        }
    };
    let mut diagnostics = Vec::new();
    let lines = LineIndex::new(text);
    let outcome = match validate::plan_file(&file.rel, text, &lines, &mut diagnostics) {
        Outcome::Plan(plan) => {
            let (kept, found) = visit(*plan, text, registry, &mut diagnostics);
            // Only what stays needs to give back its spare room.
            let kept = kept.map(|mut plan| {
                compact(&mut plan);
                Box::new(plan)
            });
            Kept::Plan(kept, found)
        }
        Outcome::NotAPlan => Kept::NotAPlan,
        Outcome::Broken => Kept::Broken,
    };
    // A file without findings keeps no line index: one found later reads
    // the file again (see `SourceMap`).
    let source = if diagnostics.is_empty() {
        Source::unindexed(text)
    } else {
        Source::index(text, lines)
    };
    Loaded {
        file,
        outcome,
        diagnostics,
        source: Some(source),
    }
}

/// Gives back the spare capacity of a plan's vectors: what a command let
/// go of, and room a vector was given to grow (a task's own lists are
/// boxed slices, which have none).
fn compact(plan: &mut Plan) {
    plan.tasks.shrink_to_fit();
    plan.implements.shrink_to_fit();
    for target in &mut plan.targets {
        target.milestones.shrink_to_fit();
    }
}

/// Why a file could not be read.
pub(crate) enum ReadError {
    /// The walk could not list it (the walker's reason).
    Listing(String),
    TooLarge(u64),
    Io(std::io::Error),
}

/// The finding for a file that could not be read: `file-too-large` or
/// `unreadable-file`, each written here once.
pub(crate) fn unreadable(path: &str, why: &ReadError) -> Diagnostic {
    match why {
        ReadError::TooLarge(size) => file_too_large::Finding {
            file: path,
            size: *size,
        }
        .into(),
        ReadError::Listing(reason) => unreadable_file::Finding {
            file: path,
            why: Why::Listed(reason),
        }
        .into(),
        ReadError::Io(err) => unreadable_file::Finding {
            file: path,
            why: Why::Read(err),
        }
        .into(),
    }
}

pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

/// The registry or the catalogue (`what`): a file every plan depends on,
/// so one that cannot be read stops the run.
/// Only a regular file is opened: a named pipe would block, a device
/// might never end.
fn read_side_file(path: &Path, rel: &str, what: &str) -> Result<String, UsageError> {
    let cannot = |why: &dyn std::fmt::Display| {
        UsageError(format!("cannot read {what} `{}`: {why}", escape(rel)))
    };
    if !path.metadata().map_err(|e| cannot(&e))?.is_file() {
        return Err(cannot(&"not a file"));
    }
    let bytes = std::fs::read(path).map_err(|e| cannot(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| cannot(&"not UTF-8 text"))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}
