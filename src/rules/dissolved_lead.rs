use std::ops::Range;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::registry::Org;

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A task `lead` naming a body the registry marks `dissolved` on or
    /// before the plan was issued (or, without an issue date, before its
    /// period starts). A plan issued before the dissolution is not
    /// warned: its later duties pass to the successor in queries.
    ///
    /// ## Why it matters
    ///
    /// A new plan cannot hand a duty to a body that no longer exists; the
    /// name is usually copied from an older plan.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # registry: [[org]] name = "Sở A", dissolved = 2025-01-01, successor = "Sở B"
    /// [plan]
    /// issued = 2025-06-01
    ///
    /// [[task]]
    /// id = "kiem-tra"
    /// title = "Kiểm tra"
    /// lead = "Sở A"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Name the body that took over the duties (the registry's
    /// `successor`, shown in the help).
    name: "dissolved-lead",
    severity: Warning,
    phase: Plan,
    summary: "a plan issued after a body's dissolution still names it as lead",
}

/// A lead dissolved before the plan was issued.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    /// The body's registry name.
    pub org: &'a str,
    pub dissolved: NaiveDate,
    pub successor: Option<&'a str>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let help = match f.successor {
            Some(successor) => {
                format!("its duties passed to `{successor}`: name that body instead")
            }
            None => "name the body that took over its duties".to_owned(),
        };
        Diagnostic::new(
            Code::DissolvedLead,
            f.file,
            f.span,
            format!(
                "`{}` was dissolved on {}, on or before this plan was issued",
                f.org, f.dissolved
            ),
        )
        .with_label("dissolved body")
        .with_help(help)
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let Some(registry) = cx.registry else {
        return;
    };
    let Some(assigned) = plan
        .issued
        .as_ref()
        .map(|i| i.value.latest())
        .or(plan.period.as_ref().map(|p| p.value.from))
    else {
        return;
    };
    // A plan names the same few leads in task after task: each spelling
    // is looked up once (the registry's own cache costs a lock).
    let mut orgs: FxHashMap<&str, Option<&Org>> = FxHashMap::default();
    for (task, lead) in plan.tasks.iter().flat_map(|t| t.lead.iter().map(move |l| (t, l))) {
        let found = orgs
            .entry(&lead.value)
            .or_insert_with(|| {
                let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
                registry.lookup_at(&lead.value, jurisdiction)
            });
        let Some(org) = *found else {
            continue;
        };
        let Some(dissolved) = org.dissolved.filter(|d| assigned >= *d) else {
            continue;
        };
        out.push(
            Finding {
                file: &plan.file,
                span: lead.span.clone(),
                org: &org.name,
                dissolved,
                successor: org
                    .successor_for(task.function.as_ref().map(|f| &*f.value))
                    .map(|s| s.org.value.as_str()),
            }
            .into(),
        );
    }
}
