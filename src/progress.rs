//! Reading progress files (`progress/*.toml`): what was delivered and what
//! was measured, kept apart from the plans, which stay the signed text.
//! Each file is validated on its own here; [`Progress::check`] then
//! checks every entry against the plans it names.

use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::model::{Actual, Report};
use crate::repo::{self, Repo};
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
