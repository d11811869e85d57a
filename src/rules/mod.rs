//! `gplan check`: every rule, run over a loaded repository. Each family of
//! rules lives in its own file; codes and severities are in `diagnostic`.

mod orgs;
mod plan;
mod refs;

use crate::diagnostic::Diagnostic;
use crate::repo::Repo;
use crate::resolve::Index;
use crate::source::position;

/// Every finding for the repository, sorted by file, line and column.
pub fn check(repo: &Repo) -> Vec<Diagnostic> {
    let mut out = repo.diagnostics.clone();
    let index = Index::new(&repo.plans);
    for plan in &repo.plans {
        plan::check(plan, &repo.sources.text(&plan.file), &mut out);
    }
    refs::check(&index, &mut out);
    if let Some(registry) = &repo.registry {
        orgs::check(&repo.plans, registry, &mut out);
    }
    sort(&mut out, repo);
    out
}

fn sort(diagnostics: &mut [Diagnostic], repo: &Repo) {
    diagnostics.sort_by_cached_key(|d| {
        let pos = position(&repo.sources.text(&d.file), d.span.start);
        (d.file.clone(), pos, d.code, d.message.clone())
    });
}
