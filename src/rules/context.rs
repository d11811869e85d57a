//! What the rules on one plan see, and how `check` runs them as each file
//! is loaded.

use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::registry::Registry;

use super::{unknown_org, Check, Code};

/// One loaded plan, the text it was loaded from, and the registry (when
/// the repository has one).
pub struct PlanContext<'a> {
    pub plan: &'a Plan,
    pub text: &'a str,
    pub registry: Option<&'a Registry>,
    /// "Did you mean" helps for unknown bodies, shared by every thread.
    pub(crate) helps: &'a unknown_org::Helps,
}

/// The rules on one plan alone. The Unicode rule reads the file's text, so
/// they run where the file was loaded ([`crate::repo::Repo::load_each`]),
/// on whichever thread, while the text is at hand; the "did you mean"
/// helps for unknown names are shared by all threads.
#[derive(Default)]
pub struct PlanRules {
    helps: unknown_org::Helps,
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
        let context = PlanContext {
            plan,
            text,
            registry,
            helps: &self.helps,
        };
        for code in Code::ALL {
            if let Check::Plan(check) = code.rule().check {
                check(&context, out);
            }
        }
    }
}
