//! Reading progress files (`progress/*.toml`): what was delivered and what
//! was measured, kept apart from the plans, which stay the signed text.
//! Each file is validated on its own here; [`Progress::check`] then
//! checks every entry against the plans it names.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::{Config, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Found};
use crate::model::{Actual, Plan, Report};
use crate::repo::{self, Repo};
use crate::resolve::split_item_ref;
use crate::source::{self, LineIndex, Source};
use crate::validate::progress::{against_plans, progress_file, Answered, Measurement, PlanFacts};
use crate::validate::ValidationContext;

/// Every report and actual of the repository's progress files, in the
/// sorted order of the files and, within a file, as written.
#[derive(Debug, Default)]
pub struct Progress {
    pub reports: Vec<Report>,
    pub actuals: Vec<Actual>,
}

impl Progress {
    /// Reads every progress file the configuration names; the files'
    /// findings and line indexes go to `repo`, like a plan's.
    pub fn load(config: &Config, repo: &mut Repo) -> Progress {
        Progress::read(config).into_repo(repo)
    }

    /// Reads and validates every progress file the configuration names,
    /// in parallel and apart from any repository, so that `check` can
    /// read them while the plans load.
    pub fn read(config: &Config) -> Read {
        if config.progress_dirs.is_empty() {
            return Read::default();
        }
        let found = discover::discover(&config.root, &config.progress_dirs);
        let unreadable = found
            .unreadable
            .iter()
            .map(|(path, reason)| repo::unreadable(path, &repo::ReadError::Listing(reason.clone())))
            .collect();
        let others = other_gplan_files(config);
        let plans = PlansFolders::of(config);
        let files = found
            .files
            .par_iter()
            .filter(|file| !others.contains(&file.rel))
            .filter_map(|file| read_file(file, plans.hold(&file.rel)))
            .collect();
        Read { files, unreadable }
    }

    /// Checks every entry against the plans; gives back the entries that
    /// name a task occurrence or a target, and reports the others
    /// (`left_out` the plan files that could not be loaded, which may hold
    /// a plan an entry names).
    pub fn check<'s: 'r, 'r>(
        &'s self,
        plans: &'r [PlanFacts<'r>],
        left_out: &'r [String],
        out: &mut Vec<Diagnostic>,
    ) -> (Vec<Answered<'r>>, Vec<Measurement<'s>>) {
        against_plans(plans, left_out, &self.reports, &self.actuals, out)
    }
}

impl Progress {
    /// The reports by the id of the plan they name.
    pub fn reports_by_plan(&self) -> HashMap<&str, Vec<&Report>> {
        let mut by_plan: HashMap<&str, Vec<&Report>> = HashMap::new();
        for report in &self.reports {
            if let Some((plan, _)) = split_item_ref(&report.task.value) {
                by_plan.entry(plan).or_default().push(report);
            }
        }
        by_plan
    }
}

/// The progress files read and validated, waiting to join a repository.
#[derive(Debug, Default)]
pub struct Read {
    /// In the walk's (sorted) order.
    files: Vec<ReadFile>,
    /// Folders the walk could not list.
    unreadable: Vec<Diagnostic>,
}

/// One progress file read: its entries, findings and text.
#[derive(Debug)]
struct ReadFile {
    rel: String,
    diagnostics: Vec<Diagnostic>,
    source: Option<Source>,
    reports: Vec<Report>,
    actuals: Vec<Actual>,
}

impl Read {
    /// The files' findings and line indexes go to `repo`; the entries,
    /// in the files' order, are given back.
    pub fn into_repo(self, repo: &mut Repo) -> Progress {
        let mut progress = Progress::default();
        // At their length: a national repository has hundreds of
        // thousands of reports, and a list grown by doubling keeps up to
        // half of it spare.
        let reports = self.files.iter().map(|f| f.reports.len()).sum();
        progress.reports.reserve_exact(reports);
        let actuals = self.files.iter().map(|f| f.actuals.len()).sum();
        progress.actuals.reserve_exact(actuals);
        repo.diagnostics.extend(self.unreadable);
        for file in self.files {
            repo.diagnostics.extend(file.diagnostics);
            if let Some(source) = file.source {
                repo.sources.add(&file.rel, source);
            }
            progress.reports.extend(file.reports);
            progress.actuals.extend(file.actuals);
        }
        progress
    }
}

/// The files gplan reads as something else, named as the walk names
/// them: `gplan.toml`, the registry and the catalogue. A progress folder
/// may hold them (`progress = ["."]`).
fn other_gplan_files(config: &Config) -> Vec<String> {
    let named = [config.registry.as_deref(), config.documents.as_deref()];
    named
        .into_iter()
        .flatten()
        .chain([Path::new(CONFIG_FILE)])
        .map(|path| discover::relative(Path::new(""), path))
        .collect()
}

/// The plans folders, named as the walk names files (`""` for the root).
struct PlansFolders(Vec<String>);

impl PlansFolders {
    fn of(config: &Config) -> PlansFolders {
        let named = config.plan_dirs.iter();
        PlansFolders(
            named
                .map(|dir| discover::relative(Path::new(""), dir))
                .collect(),
        )
    }

    /// Whether the plans' loader reads the file named `rel`.
    fn hold(&self, rel: &str) -> bool {
        self.0.iter().any(|dir| {
            dir.is_empty()
                || rel
                    .strip_prefix(dir.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        })
    }
}

/// One progress file read and validated. `None` for a file of a plans
/// folder (a progress folder may be one too) that is a plan, or cannot be
/// read, or is not TOML: the plans' loader reads it, and reports what is
/// wrong with it once. A plan anywhere else is reported: no one would read
/// it.
fn read_file(file: &Found, in_plans_folder: bool) -> Option<ReadFile> {
    let mut read = ReadFile {
        rel: file.rel.clone(),
        diagnostics: Vec::new(),
        source: None,
        reports: Vec::new(),
        actuals: Vec::new(),
    };
    let bytes = match repo::read_limited(&file.path) {
        Ok(bytes) => bytes,
        Err(_) if in_plans_folder => return None,
        Err(why) => {
            read.diagnostics.push(repo::unreadable(&file.rel, &why));
            return Some(read);
        }
    };
    let text = match source::decode(&file.rel, &bytes) {
        Ok(text) => text,
        Err(_) if in_plans_folder => return None,
        Err(failure) => {
            let (lossy, diagnostic) = *failure;
            read.diagnostics.push(diagnostic);
            read.source = Some(Source::kept(Arc::from(lossy)));
            return Some(read);
        }
    };
    let lines = LineIndex::new(text);
    let mut cx = ValidationContext::new(&file.rel, text, &lines, &mut read.diagnostics);
    (read.reports, read.actuals) = progress_file(&mut cx, in_plans_folder)?;
    read.source = Some(Source::index(text, lines));
    Some(read)
}

/// The occurrences of `plan` that `reports` (those naming it) answer: task
/// id, deadline, day delivered. Reports that answer nothing are left out
/// here; `check` reports them.
pub fn delivered(plan: &Plan, reports: &[&Report]) -> Vec<(Box<str>, NaiveDate, NaiveDate)> {
    if reports.is_empty() {
        return Vec::new();
    }
    let facts = [PlanFacts::of_plan(plan)];
    let (answered, _) = against_plans(&facts, &[], reports.iter().copied(), [], &mut Vec::new());
    answered
        .into_iter()
        .filter_map(|a| Some((a.task.into(), a.deadline?, a.report.delivered.value)))
        .collect()
}
