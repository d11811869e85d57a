//! The page of one plan: its header, the documents above and below it,
//! its targets beside the parent's, its tasks and their bodies.

use super::*;

/// One plan's page.
#[derive(Debug, Serialize)]
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
    pub cites: Vec<String>,
    pub children: Vec<Link>,
    pub targets: Vec<TargetView>,
    pub tasks: Vec<TaskView>,
}

/// A document above the plan: a plan of the repository, or one outside it.
#[derive(Debug, Serialize)]
pub struct Parent {
    pub depth: usize,
    pub link: Option<Link>,
    pub text: String,
    pub title: Option<String>,
}

/// A target beside the parent target it refines, year by year.
#[derive(Debug, Serialize)]
pub struct TargetView {
    pub id: String,
    pub text: String,
    pub direction: String,
    pub refines: Option<Link>,
    pub parent_text: Option<String>,
    pub years: Vec<YearRow>,
    /// The milestones drawn, this plan's beside the parent's.
    pub chart: Option<crate::site::chart::Chart>,
    pub note: Option<String>,
}

/// One milestone year of a target.
#[derive(Debug, Serialize)]
pub struct YearRow {
    pub year: i32,
    pub value: Option<String>,
    pub parent: Option<String>,
    /// `Some(true)` as strong as the parent, `Some(false)` weaker.
    pub as_strong: Option<bool>,
}

/// A task with its bodies and deadlines.
#[derive(Debug, Serialize)]
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
    pub deadlines: Vec<Day>,
    pub note: Option<String>,
}

/// Builds one plan's page.
pub fn plan_page(facts: &Facts, at: usize) -> PlanPage {
    let plan = &facts.plans[at];
    let words = facts.words;
    let kind = format!("kind_{}", plan.kind.as_str());
    PlanPage {
        id: plan.id.value.clone(),
        title: plan.title.clone(),
        number: plan.number.as_ref().map(|n| n.value.clone()),
        kind: words.word(&kind).to_owned(),
        issuer: facts
            .holders(&plan.file, "", Role::Issuer, None)
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
        cites: plan.cites.clone(),
        children: children(facts, at),
        targets: adapter::targets(&facts.index, plan)
            .into_iter()
            .map(|c| target_view(facts, c.target, c.parent, &c.years))
            .collect(),
        tasks: plan
            .tasks
            .iter()
            .map(|t| task_view(facts, plan, t))
            .collect(),
    }
}

fn issued_text(facts: &Facts, issued: Issued) -> String {
    match issued {
        Issued::Day(d) => facts.words.date(d),
        Issued::Month { year, month } => match facts.words.word("lang") {
            "vi" => format!("{month:02}/{year}"),
            _ => format!("{year}-{month:02}"),
        },
        Issued::Year(year) => year.to_string(),
    }
}

/// The plans above, nearest first; an `implements` entry the repository
/// does not hold is an outside document, shown by its number.
fn parents(facts: &Facts, at: usize) -> Vec<Parent> {
    let mut out: Vec<Parent> = adapter::parents(&facts.index, at)
        .into_iter()
        .filter_map(|a| {
            let Node::Plan(at) = a.node else {
                return None;
            };
            let plan = &facts.plans[at];
            Some(Parent {
                depth: a.depth,
                link: Some(Link {
                    text: plan
                        .number
                        .as_ref()
                        .map_or_else(|| plan.id.value.clone(), |n| n.value.clone()),
                    href: facts.plan_href(at),
                }),
                text: plan.id.value.clone(),
                title: Some(plan.title.clone()),
            })
        })
        .collect();
    for reference in &facts.plans[at].implements {
        if adapter::resolve_plan(&facts.index, &reference.value).is_none() {
            out.push(Parent {
                depth: 1,
                link: None,
                text: reference.value.clone(),
                title: None,
            });
        }
    }
    out
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
    target: &Target,
    parent: Option<(&Plan, &Target)>,
    years: &[crate::query::show::YearComparison],
) -> TargetView {
    let unit = target.unit.as_ref().map(|u| u.value.as_str());
    let figure = |v: Option<Value>| v.map(|v| with_unit(v, unit));
    let direction = match target.direction {
        crate::model::Direction::AtLeast => "direction_at_least",
        crate::model::Direction::AtMost => "direction_at_most",
        crate::model::Direction::Above => "direction_above",
        crate::model::Direction::Below => "direction_below",
        crate::model::Direction::About => "direction_about",
    };
    TargetView {
        id: target.id.value.clone(),
        text: target.text.clone(),
        direction: facts.words.word(direction).to_owned(),
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
        chart: chart(years, unit == Some("%")),
        years: years
            .iter()
            .map(|y| YearRow {
                year: y.year,
                value: figure(y.value),
                parent: figure(y.parent),
                as_strong: y.at_least_as_strong,
            })
            .collect(),
        note: target.note.clone(),
    }
}

/// The milestones as a chart, each bar labelled with its figure.
fn chart(
    years: &[crate::query::show::YearComparison],
    percent: bool,
) -> Option<crate::site::chart::Chart> {
    let labels: Vec<(Option<String>, Option<String>)> = years
        .iter()
        .map(|y| {
            (
                y.value.map(|v| v.to_string()),
                y.parent.map(|v| v.to_string()),
            )
        })
        .collect();
    let rows: Vec<crate::site::chart::Year> = years
        .iter()
        .zip(&labels)
        .map(|(y, (own, parent))| crate::site::chart::Year {
            year: y.year,
            own: y.value.zip(own.as_deref()),
            parent: y.parent.zip(parent.as_deref()),
        })
        .collect();
    crate::site::chart::milestones(&rows, percent)
}

/// A figure with its unit: `60%`, `1.7 lần`, `4/100.000 trẻ`.
pub fn with_unit(value: Value, unit: Option<&str>) -> String {
    match unit {
        None => value.to_string(),
        Some(u) if u == "%" || u.starts_with('/') => format!("{value}{u}"),
        Some(u) => format!("{value} {u}"),
    }
}

fn task_view(facts: &Facts, plan: &Plan, task: &crate::model::Task) -> TaskView {
    let found: Vec<Occurrence> = adapter::task_deadlines(plan, task);
    let next = found.iter().find(|o| o.deadline >= facts.today);
    let holders = |role| facts.holders(&plan.file, &task.id.value, role, None);
    TaskView {
        id: task.id.value.clone(),
        section: task.section.as_ref().map(|s| s.value.clone()),
        title: task.title.to_string(),
        lead: holders(Role::Lead),
        support: holders(Role::Support),
        report: holders(Role::Report),
        due: (!task.due.is_empty()).then(|| {
            task.due
                .iter()
                .map(|d| d.written().into_owned())
                .collect::<Vec<_>>()
                .join("; ")
        }),
        next: next.map(|o| facts.day(o.deadline)),
        passed: !found.is_empty() && next.is_none(),
        deadlines: found.iter().map(|o| facts.day(o.deadline)).collect(),
        note: task.note.as_deref().map(str::to_owned),
    }
}
