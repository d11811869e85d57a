//! The page of one plan: its header, the documents above and below it,
//! its targets beside the parent's, its tasks and their bodies.

use super::*;
use crate::deadline::Occurrence;
use crate::model::Measured;

/// One plan's page.
#[derive(Debug)]
pub struct PlanPage {
    pub id: String,
    pub title: String,
    pub number: Option<String>,
    pub kind: String,
    pub issuer: Option<BodyRef>,
    pub jurisdiction: Option<String>,
    pub issued: Option<String>,
    pub period: Option<String>,
    pub signer: Option<String>,
    pub funding: Option<String>,
    pub recipients: Vec<String>,
    pub note: Option<String>,
    pub file: String,
    pub parents: Vec<Parent>,
    pub cites: Vec<Parent>,
    pub children: Vec<Link>,
    pub targets: Vec<TargetView>,
    pub tasks: Vec<TaskView>,
}

/// A document above the plan (or cited by it): a plan of the repository
/// (with a link to its page), or a document outside it: one the catalogue
/// describes, or a number the repository knows nothing about.
#[derive(Debug)]
pub struct Parent {
    pub depth: usize,
    pub link: Option<Link>,
    /// The document's number (or the reference as written).
    pub text: String,
    pub title: Option<String>,
    /// Issuer and date of an outside document, as the catalogue gives them.
    pub detail: Option<String>,
}

/// A target beside the parent target it refines, year by year.
#[derive(Debug)]
pub struct TargetView {
    pub id: String,
    pub text: String,
    pub direction: String,
    pub refines: Option<Link>,
    pub parent_text: Option<String>,
    pub years: Vec<YearRow>,
    /// Some row has an actual (the table then has its column).
    pub has_actuals: bool,
    /// The baseline figure, with its year when the document gives one.
    pub baseline: Option<String>,
    /// Where the target stands (`gplan status`), once actuals exist.
    pub state: Option<String>,
    /// `met`, `on-track`, `behind` or `no-data`: the badge's colour.
    pub state_class: Option<&'static str>,
    /// The milestones drawn, this plan's beside the parent's, the actuals
    /// and the baseline.
    pub chart: Option<crate::site::chart::Chart>,
    pub note: Option<String>,
}

/// One year (and group) of a target: the milestones, and the actual.
#[derive(Debug)]
pub struct YearRow {
    pub year: i32,
    pub group: Option<String>,
    pub value: Option<String>,
    pub parent: Option<String>,
    /// `Some(true)` as strong as the parent, `Some(false)` weaker.
    pub as_strong: Option<bool>,
    pub actual: Option<String>,
}

/// A task with its bodies and deadlines.
#[derive(Debug)]
pub struct TaskView {
    pub id: String,
    pub section: Option<String>,
    pub title: String,
    pub lead: Vec<BodyRef>,
    pub support: Vec<BodyRef>,
    pub report: Vec<BodyRef>,
    pub due: Option<String>,
    pub next: Option<Day>,
    /// Every deadline is in the past.
    pub passed: bool,
    pub note: Option<String>,
}

/// Builds the page of `plan`, read whole, at its place `at` in the site's
/// plans, with the holders of its tasks' roles.
pub fn plan_page(facts: &Facts, at: usize, plan: &Plan, roles: &PlanRoles) -> PlanPage {
    let words = facts.words;
    PlanPage {
        id: plan.id.value.clone(),
        title: plan.title.clone(),
        number: plan.number.as_ref().map(|n| n.value.clone()),
        kind: words.kind(plan.kind).to_owned(),
        issuer: facts
            .holders(Some(roles), "", Role::Issuer, None)
            .into_iter()
            .next(),
        jurisdiction: plan
            .jurisdiction
            .as_ref()
            .map(|j| facts.scope_name(&j.value)),
        issued: plan.issued.as_ref().map(|i| issued_text(facts, i.value)),
        period: plan
            .period
            .as_ref()
            .map(|p| format!("{} – {}", words.date(p.value.from), words.date(p.value.to))),
        signer: plan.signer.as_ref().map(|s| {
            [&s.name, &s.position, &s.capacity]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        }),
        funding: plan.funding.clone(),
        recipients: plan.recipients.clone(),
        note: plan.note.clone(),
        file: plan.file.clone(),
        parents: parents(facts, at),
        cites: plan.cites.iter().map(|c| document(facts, 1, c)).collect(),
        children: children(facts, at),
        targets: adapter::targets(&facts.index, plan)
            .into_iter()
            .map(|c| target_view(facts, plan, c.target, c.parent, &c.years))
            .collect(),
        tasks: plan
            .tasks
            .iter()
            .map(|t| task_view(facts, plan, roles, t))
            .collect(),
    }
}

fn issued_text(facts: &Facts, issued: Issued) -> String {
    match issued {
        Issued::Day(d) => facts.words.date(d),
        Issued::Month { year, month } => match facts.words.lang.as_str() {
            "vi" => format!("{month:02}/{year}"),
            _ => format!("{year}-{month:02}"),
        },
        Issued::Year(year) => year.to_string(),
    }
}

/// The documents above, nearest first, as `gplan show` lists them: the
/// plans of the repository, each line ending at a document outside it; an
/// `implements` entry that resolves to nothing is shown as written.
fn parents(facts: &Facts, at: usize) -> Vec<Parent> {
    let mut out: Vec<Parent> = adapter::parents(&facts.index, at)
        .into_iter()
        .map(|a| match a.node {
            Node::Plan(at) => plan_parent(facts, a.depth, at),
            Node::Outside(d) => outside_parent(facts, a.depth, d, ""),
        })
        .collect();
    for reference in &facts.plans[at].implements {
        if adapter::resolve(&facts.index, &reference.value).is_none() {
            out.push(document(facts, 1, &reference.value));
        }
    }
    out
}

/// A reference (`implements` or `cites`) resolved as references are: a
/// plan, else a catalogue document, else the text as written.
fn document(facts: &Facts, depth: usize, reference: &str) -> Parent {
    match adapter::resolve(&facts.index, reference) {
        Some(Node::Plan(at)) => plan_parent(facts, depth, at),
        Some(Node::Outside(d)) => outside_parent(facts, depth, d, reference),
        None => Parent {
            depth,
            link: None,
            text: reference.to_owned(),
            title: None,
            detail: None,
        },
    }
}

fn plan_parent(facts: &Facts, depth: usize, at: usize) -> Parent {
    let plan = &facts.plans[at];
    Parent {
        depth,
        link: Some(Link {
            text: plan
                .number
                .as_ref()
                .map_or_else(|| plan.id.value.clone(), |n| n.value.clone()),
            href: facts.plan_href(at),
        }),
        text: plan.id.value.clone(),
        title: Some(plan.title.clone()),
        detail: None,
    }
}

/// A catalogue document: its number, title, issuer and date.
fn outside_parent(facts: &Facts, depth: usize, d: usize, written: &str) -> Parent {
    let Some(document) = facts.index.catalogue.and_then(|c| c.documents.get(d)) else {
        return Parent {
            depth,
            link: None,
            text: written.to_owned(),
            title: None,
            detail: None,
        };
    };
    let detail = [
        document.issuer.clone(),
        document.issued.map(|i| issued_text(facts, i)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    Parent {
        depth,
        link: None,
        text: document.number.value.clone(),
        title: document.title.clone(),
        detail: (!detail.is_empty()).then_some(detail),
    }
}

/// The plans that implement this one, by id.
fn children(facts: &Facts, at: usize) -> Vec<Link> {
    facts.children[at]
        .iter()
        .map(|&c| Link {
            text: facts.plans[c].id.value.clone(),
            href: facts.plan_href(c),
        })
        .collect()
}

fn target_view(
    facts: &Facts,
    plan: &Plan,
    target: &Target,
    parent: Option<(&Plan, &Target)>,
    years: &[crate::query::show::YearComparison],
) -> TargetView {
    let unit = target.unit.as_ref().map(|u| u.value.as_str());
    let figure = |v: Option<Value>| v.map(|v| with_unit(v, unit));
    let key = (plan.id.value.clone(), target.id.value.clone());
    let actuals = facts
        .progress
        .actuals
        .get(&key)
        .map_or(&[][..], Vec::as_slice);
    let rows = year_rows(target, years, actuals);
    let measured = |f: f64| measured_with_unit(f, unit);
    let baseline = target.baseline.as_ref().map(|b| match b.year {
        Some(year) => format!("{} ({year})", measured(b.value)),
        None => measured(b.value),
    });
    let state = facts.progress.states.get(&key).copied();
    let labels: Vec<[Option<String>; 3]> = rows
        .iter()
        .map(|r| {
            [
                r.value.map(|v| v.to_string()),
                r.parent.map(|v| v.to_string()),
                r.actual.map(|v| v.to_string()),
            ]
        })
        .collect();
    let base_label = target.baseline.as_ref().map(|b| b.value.to_string());
    let chart = crate::site::chart::milestones(
        &rows
            .iter()
            .zip(&labels)
            .map(|(r, [own, parent, actual])| crate::site::chart::Year {
                label: match &r.group {
                    Some(g) => format!("{} {g}", r.year),
                    None => r.year.to_string(),
                },
                own: r.value.zip(own.as_deref()),
                parent: r.parent.zip(parent.as_deref()),
                actual: r.actual.zip(actual.as_deref()),
            })
            .collect::<Vec<_>>(),
        target
            .baseline
            .as_ref()
            .map(|b| b.value)
            .zip(base_label.as_deref()),
        unit == Some("%"),
    );
    TargetView {
        id: target.id.value.clone(),
        text: target.text.clone(),
        direction: facts.words.direction(target.direction).to_owned(),
        refines: parent.and_then(|(p, t)| {
            let at = facts.index.by_id(&p.id.value)?;
            Some(Link {
                text: p
                    .number
                    .as_ref()
                    .map_or_else(|| p.id.value.clone(), |n| n.value.clone()),
                href: format!("{}#target-{}", facts.plan_href(at), t.id.value),
            })
        }),
        parent_text: parent.map(|(_, t)| t.text.clone()),
        has_actuals: rows.iter().any(|r| r.actual.is_some()),
        baseline,
        state: state.map(|s| facts.words.state(s).to_owned()),
        state_class: state.map(|s| s.as_str()),
        chart,
        years: rows
            .iter()
            .map(|r| YearRow {
                year: r.year,
                group: r.group.clone(),
                value: figure(r.value),
                parent: figure(r.parent),
                as_strong: r.as_strong,
                actual: r.actual.map(measured),
            })
            .collect(),
        note: target.note.clone(),
    }
}

/// One year and group of a target, before its figures are written out.
struct Row {
    year: i32,
    group: Option<String>,
    value: Option<Value>,
    parent: Option<Value>,
    as_strong: Option<bool>,
    actual: Option<f64>,
}

/// The milestone years (and groups) beside the actuals recorded, by year
/// then group. An actual of a year or group without a milestone of its
/// own gets a row, with the milestone that applies to it (a milestone for
/// every group applies to each); the last actual written for a year and
/// group is the one shown, as `gplan status` reads them.
fn year_rows(
    target: &Target,
    years: &[crate::query::show::YearComparison],
    actuals: &[&Actual],
) -> Vec<Row> {
    let mut rows: BTreeMap<(i32, Option<String>), Row> = years
        .iter()
        .map(|y| {
            let row = Row {
                year: y.year,
                group: y.group.clone(),
                value: y.value,
                parent: y.parent,
                as_strong: y.at_least_as_strong,
                actual: None,
            };
            ((y.year, y.group.clone()), row)
        })
        .collect();
    for actual in actuals {
        let year = actual.year.value;
        let figures: Vec<(Option<String>, f64)> = match &actual.value {
            Measured::One(v) => vec![(None, v.value)],
            Measured::Groups(groups) => groups
                .iter()
                .map(|(g, v)| (Some(g.value.clone()), v.value))
                .collect(),
        };
        for (group, value) in figures {
            rows.entry((year, group.clone()))
                .or_insert_with(|| Row {
                    year,
                    value: target.milestone(year, group.as_deref()).map(|m| m.value),
                    group,
                    parent: None,
                    as_strong: None,
                    actual: None,
                })
                .actual = Some(value);
        }
    }
    rows.into_values().collect()
}

/// An actual with the target's unit, written as the progress file has it.
fn measured_with_unit(value: f64, unit: Option<&str>) -> String {
    match unit {
        None => value.to_string(),
        Some(u) if u == "%" || u.starts_with('/') => format!("{value}{u}"),
        Some(u) => format!("{value} {u}"),
    }
}

/// A figure with its unit: `60%`, `1.7 lần`, `4/100.000 trẻ`.
pub fn with_unit(value: Value, unit: Option<&str>) -> String {
    match unit {
        None => value.to_string(),
        Some(u) if u == "%" || u.starts_with('/') => format!("{value}{u}"),
        Some(u) => format!("{value} {u}"),
    }
}

fn task_view(facts: &Facts, plan: &Plan, roles: &PlanRoles, task: &crate::model::Task) -> TaskView {
    let found: Vec<Occurrence> = adapter::task_deadlines(plan, task);
    let next = found.iter().find(|o| o.deadline >= facts.today);
    let holders = |role| facts.holders(Some(roles), &task.id.value, role, None);
    TaskView {
        id: task.id.value.clone(),
        section: task.section.as_ref().map(|s| s.value.clone()),
        title: task.title.to_string(),
        lead: holders(Role::Lead),
        support: holders(Role::Support),
        report: holders(Role::Report),
        due: (!task.due.is_empty()).then(|| facts.words.rules(task.due.iter().map(|d| d.rule))),
        next: next.map(|o| facts.day(o.deadline)),
        passed: !found.is_empty() && next.is_none(),
        note: task.note.as_deref().map(str::to_owned),
    }
}
