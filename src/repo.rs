//! The loaded repository: every plan file read and parsed, the registry,
//! and a line index of every file for locating findings.
//!
//! Files are read and parsed in parallel (rayon), each on its own; the
//! results are then gathered in the sorted order of the walk, so what a
//! run reports does not depend on the number of threads. File texts are
//! let go once parsed (see [`SourceMap`]): `check` runs the rules that read
//! a text on the thread that loaded it ([`Repo::load_checked`]).

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, UsageError};
use crate::diagnostic::{Code, Diagnostic};
use crate::discover::{self, Found};
use crate::load::{self, Outcome, MAX_FILE_BYTES};
use crate::model::Plan;
use crate::registry::Registry;
use crate::rules::PlanRules;
use crate::source::{Source, SourceMap};

/// Everything read from disk for one run.
#[derive(Debug, Default)]
pub struct Repo {
    pub plans: Vec<Plan>,
    pub registry: Option<Registry>,
    pub sources: SourceMap,
    /// Problems found while reading and parsing files.
    pub diagnostics: Vec<Diagnostic>,
    /// Valid TOML files that are not plans (shown with `--verbose`).
    pub ignored: Vec<String>,
    /// Files that should be plans but could not be loaded.
    pub broken: Vec<String>,
    /// Symbolic links passed over.
    pub skipped_links: Vec<String>,
}

/// Whether dropping a [`Repo`] frees its plans; see [`exit_without_freeing`].
static FREE_ON_DROP: AtomicBool = AtomicBool::new(true);

/// For a process that ends after its one run: dropping a repository then
/// leaves its plans to the operating system instead of freeing millions of
/// small allocations one by one (a few percent of a national `check`).
pub fn exit_without_freeing() {
    FREE_ON_DROP.store(false, Ordering::Relaxed);
}

impl Drop for Repo {
    fn drop(&mut self) {
        if !FREE_ON_DROP.load(Ordering::Relaxed) {
            std::mem::forget(std::mem::take(&mut self.plans));
        }
    }
}

/// One file read and parsed, on whichever thread.
struct Loaded<'f> {
    file: &'f Found,
    outcome: Outcome,
    diagnostics: Vec<Diagnostic>,
    source: Option<Source>,
}

impl Repo {
    /// Reads the registry and every plan file the configuration names.
    pub fn load(config: &Config) -> Result<Repo, UsageError> {
        Repo::read(config, false)
    }

    /// Like [`Repo::load`], for `check`: the rules on single plans run as
    /// each file is loaded (their findings join [`Repo::diagnostics`]), and
    /// each plan is then cut down to its outline ([`Plan::keep_outline`]),
    /// all that the rules across plans read.
    pub fn load_checked(config: &Config) -> Result<Repo, UsageError> {
        Repo::read(config, true)
    }

    fn read(config: &Config, check: bool) -> Result<Repo, UsageError> {
        let mut repo = Repo::default();
        repo.sources = SourceMap::new(&config.root);
        let registry_rel = config
            .registry
            .as_ref()
            .map(|p| discover::relative(Path::new(""), p));
        let registry = match &registry_rel {
            Some(rel) => {
                let text = read_registry(&config.root.join(rel), rel)?;
                let registry = Registry::load(rel, &text, &mut repo.diagnostics);
                repo.sources.insert(rel, &text);
                Some(registry)
            }
            None => None,
        };
        let found = discover::discover(&config.root, &config.plan_dirs);
        repo.skipped_links = found.skipped_links;
        for (path, reason) in found.unreadable {
            repo.diagnostics.push(
                Diagnostic::new(
                    Code::UnreadableFile,
                    &path,
                    0..0,
                    format!("cannot read `{path}`: {reason}"),
                )
                .with_help("check the file's permissions"),
            );
            repo.broken.push(path);
        }
        let rules = check.then(|| PlanRules::new(registry.as_ref()));
        let loaded: Vec<Loaded> = found
            .files
            .par_iter()
            .filter(|f| Some(&f.rel) != registry_rel.as_ref())
            .map(|f| load_file(f, rules.as_ref()))
            .collect();
        drop(rules);
        for file in loaded {
            repo.add(file);
        }
        repo.registry = registry;
        repo.plans
            .sort_by(|a, b| (&a.file, &a.id.value).cmp(&(&b.file, &b.id.value)));
        Ok(repo)
    }

    fn add(&mut self, loaded: Loaded) {
        let rel = &loaded.file.rel;
        self.diagnostics.extend(loaded.diagnostics);
        if let Some(source) = loaded.source {
            self.sources.add(rel, source);
        }
        match loaded.outcome {
            Outcome::Plan(plan) => self.plans.push(*plan),
            Outcome::NotAPlan => self.ignored.push(rel.clone()),
            Outcome::Broken => self.broken.push(rel.clone()),
        }
    }
}

/// Reads, decodes and parses one file, and runs `rules` on its plan;
/// touches nothing shared but the rules' cache.
fn load_file<'f>(file: &'f Found, rules: Option<&PlanRules>) -> Loaded<'f> {
    let failed = |diagnostic: Diagnostic, source: Option<Source>| Loaded {
        file,
        outcome: Outcome::Broken,
        diagnostics: vec![diagnostic],
        source,
    };
    let bytes = match read_limited(&file.path) {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(size)) => {
            let diagnostic = Diagnostic::new(
                Code::FileTooLarge,
                &file.rel,
                0..0,
                format!(
                    "file is {size} bytes; gplan reads plan files up to {MAX_FILE_BYTES} bytes"
                ),
            )
            .with_help("split the plan, or move data that is not a plan out of the plans folder");
            return failed(diagnostic, None);
        }
        Err(ReadError::Io(err)) => {
            let diagnostic = Diagnostic::new(
                Code::UnreadableFile,
                &file.rel,
                0..0,
                format!("cannot read file: {err}"),
            )
            .with_help("check the file's permissions");
            return failed(diagnostic, None);
        }
    };
    let text = match load::decode(&file.rel, &bytes) {
        Ok(text) => text,
        Err(failure) => {
            let (lossy, diagnostic) = *failure;
            return failed(diagnostic, Some(Source::kept(Arc::from(lossy))));
        }
    };
    let mut diagnostics = Vec::new();
    let mut outcome = load::load_plan(&file.rel, text, &mut diagnostics);
    if let Outcome::Plan(plan) = &mut outcome {
        compact(plan);
        if let Some(rules) = rules {
            rules.check(plan, text, &mut diagnostics);
            plan.keep_outline();
        }
    }
    Loaded {
        file,
        outcome,
        diagnostics,
        source: Some(Source::index(text)),
    }
}

/// Gives back the spare capacity of a plan's vectors: a `due` of one rule
/// gets room for four. Over a national repository that was a third of the
/// model.
fn compact(plan: &mut Plan) {
    plan.implements.shrink_to_fit();
    for target in &mut plan.targets {
        target.milestones.shrink_to_fit();
    }
    for task in &mut plan.tasks {
        task.due.shrink_to_fit();
        task.lead.shrink_to_fit();
        task.support.shrink_to_fit();
        task.report_to.shrink_to_fit();
    }
}

enum ReadError {
    TooLarge(u64),
    Io(std::io::Error),
}

fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
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

fn read_registry(path: &Path, rel: &str) -> Result<String, UsageError> {
    let bytes = std::fs::read(path)
        .map_err(|e| UsageError(format!("cannot read registry `{rel}`: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| UsageError(format!("cannot read registry `{rel}`: not UTF-8 text")))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}
