//! `gplan check`: every rule, run over a loaded repository. Each family of
//! rules lives in its own file; codes and severities are in `diagnostic`.

mod orgs;
mod plan;
mod refs;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::repo::Repo;
use crate::resolve::Index;

/// Every finding for the repository, sorted by file, line and column.
pub fn check(repo: &Repo) -> Vec<Diagnostic> {
    let mut out = repo.diagnostics.clone();
    let index = Index::new(&repo.plans);
    // Rules on one plan alone run in parallel; findings are gathered in
    // plan order, as a single thread would list them.
    let per_plan: Vec<Vec<Diagnostic>> = repo
        .plans
        .par_iter()
        .map(|plan| {
            // Only texts that are not in NFC are kept (the rest are NFC:
            // the text rule has nothing to say about them).
            let text = repo.sources.kept(&plan.file);
            let mut found = Vec::new();
            plan::check(plan, text.as_deref().unwrap_or(""), &mut found);
            found
        })
        .collect();
    out.extend(per_plan.into_iter().flatten());
    refs::check(&index, &mut out);
    if let Some(registry) = &repo.registry {
        orgs::check(&repo.plans, registry, &mut out);
    }
    sort(&mut out, repo);
    out
}

/// By file, line and column (a byte offset orders like a column and needs
/// no text), then code and message, so the order never depends on the
/// order rules ran in.
fn sort(diagnostics: &mut [Diagnostic], repo: &Repo) {
    diagnostics.sort_by_cached_key(|d| {
        let at = repo.sources.order_key(&d.file, d.span.start);
        (d.file.clone(), at, d.code, d.message.clone())
    });
}
