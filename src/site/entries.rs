//! What the search box finds: every plan and body, and every task when
//! there are not too many, each with the other names it is found by.

use super::digest::TaskTexts;
use super::pages::Facts;
use super::search::{self, Entry, Kind};
use crate::model::Plan;
use crate::query::owners::Holder;
use crate::registry::Registry;

/// Every plan and body for the search box, and every task when there are
/// not too many (see [`search::MAX_TASKS`]).
pub(super) fn search_entries(facts: &Facts) -> Vec<Entry> {
    let tasks: usize = facts.texts.iter().map(TaskTexts::len).sum();
    let with_tasks = tasks <= search::MAX_TASKS;
    let mut entries = Vec::new();
    let mut order: Vec<usize> = (0..facts.plans.len()).collect();
    order.sort_by(|&a, &b| facts.plan_slugs[a].cmp(&facts.plan_slugs[b]));
    for at in order {
        let plan = &facts.plans[at];
        entries.push(Entry::new(
            Kind::Plan,
            &plan.title,
            &plan_detail(facts, plan),
            facts.plan_href(at),
        ));
        if with_tasks {
            entries.extend(task_entries(facts, at));
        }
    }
    let places = Places::of(facts.registry);
    for (holder, (slug, _)) in &facts.bodies {
        let entry = Entry::new(
            Kind::Body,
            &holder.org,
            &facts.scope_name(&holder.scope),
            format!("bodies/{slug}.html"),
        );
        entries.push(entry.also_found_by(places.other_names(facts.registry, holder)));
    }
    entries
}

/// The jurisdictions' names as the search compares them, each between
/// spaces: what tells an alias of one province's body from another's.
struct Places(Vec<(String, String)>);

impl Places {
    fn of(registry: Option<&Registry>) -> Places {
        let jurisdictions = registry.into_iter().flat_map(|r| r.jurisdictions.values());
        let names =
            jurisdictions.map(|j| (j.id.clone(), format!(" {} ", search::searchable(&j.name))));
        Places(names.collect())
    }

    /// The names a body is also found by: its short name and aliases in
    /// the registry, but not an alias naming another jurisdiction ("Sở
    /// Công Thương tỉnh Phú Thọ" is how Phú Thọ's plans name Phú Thọ's
    /// department, not a name of Hưng Yên's).
    fn other_names<'r>(&self, registry: Option<&'r Registry>, holder: &Holder) -> Vec<&'r str> {
        let Some(org) = registry.and_then(|r| r.lookup(&holder.org)) else {
            return Vec::new();
        };
        let own = holder.scope.split('/').next().unwrap_or_default();
        let names_elsewhere = |alias: &str| {
            let folded = format!(" {} ", search::searchable(alias));
            self.0
                .iter()
                .any(|(id, place)| id != own && folded.contains(place.as_str()))
        };
        org.short
            .iter()
            .chain(&org.aliases)
            .map(String::as_str)
            .filter(|alias| !names_elsewhere(alias))
            .collect()
    }
}

/// The tasks of the plan at `at`, for the search box.
fn task_entries(facts: &Facts, at: usize) -> Vec<Entry> {
    let href = facts.plan_href(at);
    let detail = plan_detail(facts, &facts.plans[at]);
    facts.texts[at]
        .iter()
        .map(|task| {
            let href = format!("{href}#task-{}", task.id);
            Entry::new(Kind::Task, task.title, &detail, href)
        })
        .collect()
}

/// What a search result says of a plan: the number it is known by, else
/// the name of its province (its id is no word a reader knows).
fn plan_detail(facts: &Facts, plan: &Plan) -> String {
    match (&plan.number, &plan.jurisdiction) {
        (Some(number), _) => number.value.clone(),
        (None, Some(jurisdiction)) => facts.scope_name(&jurisdiction.value),
        (None, None) => String::new(),
    }
}
