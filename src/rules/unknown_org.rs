use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Outline, Report};
use crate::registry::Registry;
use crate::resolve::split_item_ref;

use super::{did_you_mean_for, PlanContext};

rule! {
    /// ## What it finds
    ///
    /// An issuer, `lead`, `support` or `report_to` name, or the `by` of a
    /// progress file's `[[report]]`, that is neither a name nor an alias
    /// in the registry (compared after normalising case, spaces and
    /// Unicode form).
    ///
    /// ## Why it matters
    ///
    /// `gplan owners` groups duties by registry body: a misspelt or
    /// unregistered name gets its own line and its duties are missed by a
    /// query for the real body.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[task]]
    /// id = "kiem-tra"
    /// title = "Kiểm tra"
    /// lead = "Sở Nôi vụ"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Use the registry's spelling (the help suggests the closest names),
    /// or add the name to the registry as an `[[org]]` or an alias.
    name: "unknown-org",
    severity: Warning,
    phase: Plan,
    summary: "an organisation name that is not in the registry",
}

/// A name the registry does not know.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub name: &'a str,
    /// The help, worked out once per spelling ([`Helps`]).
    pub help: String,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::UnknownOrg,
            f.file,
            f.span,
            format!("organisation `{}` is not in the registry", f.name),
        )
        .with_label("unknown organisation")
        .with_help(f.help)
    }
}

/// The "did you mean" help for each unknown spelling, shared by the
/// threads that check plans: suggestions rank every registry name, so they
/// are worked out once per spelling, not once per occurrence.
#[derive(Default)]
pub struct Helps(Mutex<HashMap<String, String>>);

impl Helps {
    /// In a city's plans the suggestions include city forms, elsewhere
    /// never; a field that takes a list may be told to use one, a field
    /// of one name never: the cache keeps each apart.
    fn get(
        &self,
        name: &str,
        registry: &Registry,
        jurisdiction: Option<&str>,
        field: Field,
    ) -> String {
        let city = registry.is_city(jurisdiction);
        let key = format!(
            "{}{}{name}",
            if city { "city\u{0}" } else { "" },
            if field == Field::List { "list\u{0}" } else { "" }
        );
        let mut helps = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        helps
            .entry(key)
            .or_insert_with(|| help(name, registry, jurisdiction, field))
            .clone()
    }
}

/// What a name was written in: a field of one name (a plan's `issuer`, a
/// report's `by`) or one that takes a list (a task's `lead`, `support`…).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    One,
    List,
}

fn help(name: &str, registry: &Registry, jurisdiction: Option<&str>, field: Field) -> String {
    let listed = (field == Field::List)
        .then(|| several_names(name, registry, jurisdiction))
        .flatten();
    if let Some(names) = listed {
        return format!("several bodies are a list: did you mean `[{names}]`?");
    }
    let close = registry.suggest_at(name, 3, jurisdiction);
    match did_you_mean_for(name, &close) {
        Some(fix) => format!("{fix} Otherwise add it to `{}`", registry.file),
        None => format!(
            "add it to `{}` (as an `[[org]]` or an alias of one)",
            registry.file
        ),
    }
}

/// The bodies of one text that names several, as a list in quotes
/// (`"Sở Y tế", "Sở Tư pháp"`): when cut at each comma or semicolon, every
/// part is a registry name (a name may hold a comma itself: "Các sở, ban,
/// ngành" is one body, and no guess is made then).
fn several_names(name: &str, registry: &Registry, jurisdiction: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = name
        .split([',', ';'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    let all_known = parts.len() > 1
        && parts
            .iter()
            .all(|part| registry.lookup_at(part, jurisdiction).is_some());
    all_known.then(|| {
        let quoted: Vec<String> = parts
            .iter()
            .map(|part| format!("\"{}\"", part.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect();
        quoted.join(", ")
    })
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let Some(registry) = cx.registry else {
        return;
    };
    let plan = cx.plan;
    let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
    // A plan names the same few bodies in task after task: each spelling
    // is looked up once (the registry's own cache costs a lock).
    let mut known: FxHashMap<&str, bool> = FxHashMap::default();
    let issuer = plan
        .issuer
        .iter()
        .map(|i| (i.value.as_str(), &i.span, Field::One));
    let names = plan
        .tasks
        .iter()
        .flat_map(|t| t.names().map(|n| (&*n.value, &n.span, Field::List)));
    for (name, span, field) in issuer.chain(names) {
        let found = *known
            .entry(name)
            .or_insert_with(|| registry.lookup_at(name, jurisdiction).is_some());
        if !found {
            out.push(
                Finding {
                    file: &plan.file,
                    span: span.clone(),
                    name,
                    help: cx.helps.get(name, registry, jurisdiction, field),
                }
                .into(),
            );
        }
    }
}

/// The `by` of each report that the registry does not know, looked up in
/// the jurisdiction of the plan the report answers (a report for a plan
/// `check` does not find is looked up without one).
pub fn check_reports(
    registry: &Registry,
    reports: &[Report],
    outlines: &[Outline],
    out: &mut Vec<Diagnostic>,
) {
    let jurisdictions: FxHashMap<&str, Option<&str>> = outlines
        .iter()
        .map(|o| (&*o.id.value, o.jurisdiction.as_ref().map(|j| &*j.value)))
        .collect();
    let helps = Helps::default();
    for report in reports {
        let Some(by) = &report.by else {
            continue;
        };
        let plan = split_item_ref(&report.task.value).map(|(plan, _)| plan);
        let jurisdiction = plan.and_then(|p| jurisdictions.get(p).copied().flatten());
        if registry.lookup_at(&by.value, jurisdiction).is_none() {
            out.push(
                Finding {
                    file: &report.file,
                    span: by.span.clone(),
                    name: &by.value,
                    help: helps.get(&by.value, registry, jurisdiction, Field::One),
                }
                .into(),
            );
        }
    }
}
