//! `gplan check`: every rule, run over a loaded repository. Each family of
//! rules lives in its own file; codes and severities are in `diagnostic`.

mod orgs;
mod plan;
mod refs;

use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::registry::Registry;
use crate::repo::Repo;
use crate::resolve::Index;

/// The rules on one plan alone. The Unicode rule reads the file's text, so
/// they run where the file was loaded ([`Repo::load_checked`]), on whichever
/// thread, while the text is at hand; the "did you mean" helps for unknown
/// names are shared by all threads.
pub struct PlanRules<'r> {
    registry: Option<&'r Registry>,
    helps: orgs::Helps,
}

impl<'r> PlanRules<'r> {
    /// Rules against this registry, or without names checks when there is none.
    pub fn new(registry: Option<&'r Registry>) -> Self {
        PlanRules {
            registry,
            helps: orgs::Helps::default(),
        }
    }

    /// Every finding about `plan` alone, from `text`, the file it was loaded from.
    pub fn check(&self, plan: &Plan, text: &str, out: &mut Vec<Diagnostic>) {
        plan::check(plan, text, out);
        if let Some(registry) = self.registry {
            orgs::check(plan, registry, &self.helps, out);
        }
    }
}

/// Every finding for a repository whose plans went through [`PlanRules`]
/// as they were loaded: those findings, the rules across plans, sorted by
/// file, line and column.
pub fn check(repo: &Repo) -> Vec<Diagnostic> {
    let mut out = repo.diagnostics.clone();
    let index = Index::new(&repo.plans);
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
