//! `gplan check`: every rule, run over a loaded repository. Each family of
//! rules lives in its own file; codes and severities are in `diagnostic`.

mod orgs;
mod plan;
mod refs;

use crate::diagnostic::Diagnostic;
use crate::model::{Outline, Plan};
use crate::registry::Registry;
use crate::repo::Repo;
use crate::resolve::Index;

/// The rules on one plan alone. The Unicode rule reads the file's text, so
/// they run where the file was loaded ([`Repo::load_each`]), on whichever
/// thread, while the text is at hand; the "did you mean" helps for unknown
/// names are shared by all threads.
#[derive(Default)]
pub struct PlanRules {
    helps: orgs::Helps,
}

impl PlanRules {
    /// Every finding about `plan` alone, from `text`, the file it was
    /// loaded from; names are checked when there is a registry.
    pub fn check(
        &self,
        plan: &Plan,
        text: &str,
        registry: Option<&Registry>,
        out: &mut Vec<Diagnostic>,
    ) {
        plan::check(plan, text, out);
        if let Some(registry) = registry {
            orgs::check(plan, registry, &self.helps, out);
        }
    }
}

/// Every finding for a repository whose plans went through [`PlanRules`]
/// as they were loaded: those findings, the rules across plans on the
/// plans' outlines (sorted by file, then id), all sorted by file, line and
/// column.
pub fn check(repo: &Repo, outlines: &[Outline]) -> Vec<Diagnostic> {
    let mut out = repo.diagnostics.clone();
    let index = Index::new(outlines);
    refs::check(&index, &mut out);
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
