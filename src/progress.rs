//! Reading progress files (`progress/*.toml`): what was delivered and what
//! was measured, kept apart from the plans, which stay the signed text.
//! Each file is validated on its own here; [`Progress::check`] then
//! checks every entry against the plans it names.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover;
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
        let mut progress = Progress::default();
        if config.progress_dirs.is_empty() {
            return progress;
        }
        let found = discover::discover(&config.root, &config.progress_dirs);
        for (path, reason) in found.unreadable {
            let diagnostic = repo::unreadable(&path, &repo::ReadError::Listing(reason));
            repo.diagnostics.push(diagnostic);
        }
        for file in &found.files {
            let bytes = match repo::read_limited(&file.path) {
                Ok(bytes) => bytes,
                Err(why) => {
                    repo.diagnostics.push(repo::unreadable(&file.rel, &why));
                    continue;
                }
            };
            let text = match source::decode(&file.rel, &bytes) {
                Ok(text) => text,
                Err(failure) => {
                    let (lossy, diagnostic) = *failure;
                    repo.diagnostics.push(diagnostic);
                    repo.sources.add(&file.rel, Source::kept(Arc::from(lossy)));
                    continue;
                }
            };
            let lines = LineIndex::new(text);
            let mut cx = ValidationContext::new(&file.rel, text, &lines, &mut repo.diagnostics);
            let (reports, actuals) = progress_file(&mut cx);
            progress.reports.extend(reports);
            progress.actuals.extend(actuals);
            repo.sources.add(&file.rel, Source::index(text, lines));
        }
        progress
    }

    /// Checks every entry against the plans; gives back the entries that
    /// name a task occurrence or a target, and reports the others.
    pub fn check(
        &self,
        plans: &[PlanFacts],
        out: &mut Vec<Diagnostic>,
    ) -> (Vec<Answered<'_>>, Vec<Measurement<'_>>) {
        against_plans(plans, &self.reports, &self.actuals, out)
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

/// The occurrences of `plan` that `reports` (those naming it) answer: task
/// id, deadline, day delivered. Reports that answer nothing are left out
/// here; `check` reports them.
pub fn delivered(plan: &Plan, reports: &[&Report]) -> Vec<(Box<str>, NaiveDate, NaiveDate)> {
    if reports.is_empty() {
        return Vec::new();
    }
    let facts = [PlanFacts::of_plan(plan)];
    let (answered, _) = against_plans(&facts, reports.iter().copied(), [], &mut Vec::new());
    answered
        .into_iter()
        .filter_map(|a| Some((a.task.into(), a.deadline?, a.report.delivered.value)))
        .collect()
}
