//! The page of one plan: its header, the documents above and below it,
//! its targets beside the parent's, its tasks and their bodies.

use super::standing::{standing, Deadlines, DutyStanding};
use super::*;
use crate::model::{with_unit, Measured};
use crate::query::due::Deliveries;
use crate::site::digest::listed_window;
use crate::site::i18n::RulesText;

/// One plan's page.
#[derive(Debug)]
pub struct PlanPage<'a> {
    pub title: &'a str,
    pub number: Option<&'a str>,
    pub kind: &'a str,
    pub issuer: Option<BodyRef<'a>>,
    pub jurisdiction: Option<String>,
    pub issued: Option<String>,
    pub period: Option<String>,
    pub signer: Option<String>,
    pub funding: Option<&'a str>,
    pub recipients: &'a [String],
    pub note: Option<&'a str>,
    pub file: &'a str,
    pub parents: Vec<Parent<'a>>,
    pub cites: Vec<Parent<'a>>,
    pub children: Vec<Parent<'a>>,
    pub targets: Vec<TargetView<'a>>,
    pub tasks: Vec<TaskView<'a>>,
}

/// A document above the plan (or cited by it): a plan of the repository
/// (with a link to its page), or a document outside it: one the catalogue
/// describes, or a number the repository knows nothing about.
#[derive(Debug)]
pub struct Parent<'a> {
    pub depth: usize,
    pub link: Option<Link<'a>>,
    /// The document's number (or the reference as written).
    pub text: &'a str,
    pub title: Option<&'a str>,
    /// Issuer and date of an outside document, as the catalogue gives them.
    pub detail: Option<String>,
}

/// A target beside the parent target it refines, year by year.
#[derive(Debug)]
pub struct TargetView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    /// How the figures bind ("ít nhất"); none for a qualitative target.
    pub direction: Option<&'a str>,
    /// The year a qualitative target is to be reached by (it has no
    /// figures: its row says so).
    pub by: Option<i32>,
    pub refines: Option<Link<'a>>,
    pub parent_text: Option<&'a str>,
    pub years: Vec<YearRow>,
    /// Some row has an actual (the table then has its column).
    pub has_actuals: bool,
    /// The baseline figure, with its year when the document gives one.
    pub baseline: Option<String>,
    /// Where the target stands (`gplan status`), once actuals exist.
    pub state: Option<&'a str>,
    /// `met`, `on-track`, `behind` or `no-data`: the badge's colour.
    pub state_class: Option<&'static str>,
    /// The milestones drawn, this plan's beside the parent's, the actuals
    /// and the baseline.
    pub chart: Option<crate::site::chart::Chart>,
    /// The unit the chart's figures are in, when they do not carry it.
    pub chart_unit: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// One year (and group) of a target: the milestones, and the actual.
#[derive(Debug)]
pub struct YearRow {
    pub year: i32,
    pub group: Option<String>,
    pub value: Option<Shown>,
    pub parent: Option<Shown>,
    /// `Some(true)` as strong as the parent, `Some(false)` weaker.
    pub as_strong: Option<bool>,
    pub actual: Option<Shown>,
}

/// A figure of a target's table, and what follows it ("%", " bé trai/100
/// bé gái"): the page keeps the figure whole (a band is never broken at
/// its dash) and lets a unit of words wrap on a phone.
#[derive(Debug)]
pub struct Shown {
    pub figure: String,
    pub unit: String,
}

impl Shown {
    /// `figure` followed by `unit` as [`with_unit`] writes them.
    fn of(figure: String, unit: Option<&str>) -> Shown {
        let whole = with_unit(&figure, unit);
        let unit = whole.get(figure.len()..).unwrap_or_default().to_owned();
        Shown { figure, unit }
    }
}

/// A task with its bodies and deadlines.
#[derive(Debug)]
pub struct TaskView<'a> {
    pub id: &'a str,
    pub section: Option<&'a str>,
    pub title: &'a str,
    pub lead: Vec<BodyRef<'a>>,
    pub support: Vec<BodyRef<'a>>,
    pub report: Vec<BodyRef<'a>>,
    /// Bodies the plan asks to take part but cannot direct ("Đề nghị …").
    pub requested: Vec<BodyRef<'a>>,
    pub due: Option<RulesText<'a>>,
    /// Its deadlines: the next, those overdue, those delivered late, as
    /// a body's page shows them.
    pub standing: DutyStanding<'a>,
    pub note: Option<&'a str>,
}

/// Builds the page of the plan at `at` in the site's plans, its tasks'
/// deadlines read against the reports of `deliveries`.
pub fn plan_page<'a>(facts: &'a Facts, at: usize, deliveries: &Deliveries) -> PlanPage<'a> {
    let words = facts.words;
    let plan = &facts.plans[at];
    PlanPage {
        title: &plan.title,
        number: plan.number.as_ref().map(|n| n.value.as_str()),
        kind: words.kind(plan.kind),
        issuer: facts
            .holders(at, None, Role::Issuer, None)
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
        funding: plan.funding.as_deref(),
        recipients: &plan.recipients,
        note: plan.note.as_deref(),
        file: &plan.file,
        parents: parents(facts, at),
        cites: plan.cites.iter().map(|c| document(facts, 1, c)).collect(),
        children: children(facts, at),
        targets: adapter::targets(&facts.index, plan)
            .into_iter()
            .map(|c| target_view(facts, plan, c.target, c.parent, &c.years))
            .collect(),
        tasks: (0..)
            .zip(facts.texts[at].iter())
            .map(|(place, t)| task_view(facts, at, place, t, deliveries))
            .collect(),
    }
}

fn issued_text(facts: &Facts, issued: Issued) -> String {
    match issued {
        Issued::Day(d) => facts.words.date(d),
        Issued::Month { year, month } => match facts.words.lang {
            "vi" => format!("{month:02}/{year}"),
            _ => format!("{year}-{month:02}"),
        },
        Issued::Year(year) => year.to_string(),
    }
}

/// The documents above, nearest first, as `gplan show` lists them: the
/// plans of the repository, each line ending at a document outside it; an
/// `implements` entry that resolves to nothing is shown as written.
fn parents<'a>(facts: &'a Facts, at: usize) -> Vec<Parent<'a>> {
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
fn document<'a>(facts: &'a Facts, depth: usize, reference: &'a str) -> Parent<'a> {
    match adapter::resolve(&facts.index, reference) {
        Some(Node::Plan(at)) => plan_parent(facts, depth, at),
        Some(Node::Outside(d)) => outside_parent(facts, depth, d, reference),
        None => Parent {
            depth,
            link: None,
            text: reference,
            title: None,
            detail: None,
        },
    }
}

/// A plan of the repository, linked by its number and followed by its
/// title; a plan without a number is linked by its title (its id is no
/// word a reader knows).
fn plan_parent<'a>(facts: &'a Facts, depth: usize, at: usize) -> Parent<'a> {
    let plan = &facts.plans[at];
    let number = plan.number.as_ref().map(|n| n.value.as_str());
    Parent {
        depth,
        link: Some(Link {
            text: number.unwrap_or(&plan.title),
            href: facts.plan_page_href(at),
        }),
        text: &plan.id.value,
        title: number.map(|_| plan.title.as_str()),
        detail: None,
    }
}

/// A catalogue document: its number, title, issuer and date.
fn outside_parent<'a>(facts: &'a Facts, depth: usize, d: usize, written: &'a str) -> Parent<'a> {
    let Some(document) = facts.index.catalogue.and_then(|c| c.documents.get(d)) else {
        return Parent {
            depth,
            link: None,
            text: written,
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
        text: &document.number.value,
        title: document.title.as_deref(),
        detail: (!detail.is_empty()).then_some(detail),
    }
}

/// The plans that implement this one, by id, each with its number and
/// title.
fn children<'a>(facts: &'a Facts, at: usize) -> Vec<Parent<'a>> {
    facts.children[at]
        .iter()
        .map(|&c| plan_parent(facts, 0, c))
        .collect()
}

fn target_view<'a>(
    facts: &'a Facts,
    plan: &Plan,
    target: &'a Target,
    parent: Option<(&'a Plan, &'a Target)>,
    years: &[crate::query::show::YearComparison],
) -> TargetView<'a> {
    let words = facts.words;
    let unit = target.unit.as_ref().map(|u| u.value.as_str());
    let figure = |v: Option<Value>| v.map(|v| Shown::of(words.value(v), unit));
    let key = (plan.id.value.clone(), target.id.value.clone());
    let actuals = facts
        .progress
        .actuals
        .get(&key)
        .map_or(&[][..], Vec::as_slice);
    let rows = year_rows(target, years, actuals);
    let measured = |f: f64| with_unit(words.number(f), unit);
    let baseline = target.baseline.as_ref().map(|b| match b.year {
        Some(year) => format!("{} ({year})", measured(b.value)),
        None => measured(b.value),
    });
    let state = facts.progress.states.get(&key).copied();
    // A chart's figures carry a `%`; a longer unit would crowd the bars,
    // and is named once under the chart instead.
    let percent = unit == Some("%");
    let label = |figure: String| if percent { figure + "%" } else { figure };
    let labels: Vec<[Option<String>; 3]> = rows
        .iter()
        .map(|r| {
            [
                r.value.map(|v| label(words.value(v))),
                r.parent.map(|v| label(words.value(v))),
                r.actual.map(|v| label(words.number(v))),
            ]
        })
        .collect();
    let base_label = target
        .baseline
        .as_ref()
        .map(|b| label(words.number(b.value)));
    let chart = crate::site::chart::milestones(
        &rows
            .iter()
            .zip(&labels)
            .map(|(r, [own, parent, actual])| crate::site::chart::Year {
                year: r.year,
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
        percent,
    )
    .filter(says_more_than_one_figure);
    TargetView {
        id: &target.id.value,
        text: &target.text,
        direction: target
            .by
            .is_none()
            .then(|| facts.words.direction(target.direction)),
        by: target.by,
        refines: parent.and_then(|(p, t)| {
            let at = facts.index.by_id(&p.id.value)?;
            Some(Link {
                text: p.number.as_ref().map_or(&p.title, |n| &n.value),
                href: Href::Target(&facts.plan_slugs[at], &t.id.value),
            })
        }),
        parent_text: parent.map(|(_, t)| t.text.as_str()),
        has_actuals: rows.iter().any(|r| r.actual.is_some()),
        baseline,
        state: state.map(|s| facts.words.state(s)),
        state_class: state.map(|s| s.as_str()),
        chart,
        chart_unit: unit.filter(|_| !percent),
        years: rows
            .iter()
            .map(|r| YearRow {
                year: r.year,
                group: r.group.clone(),
                value: figure(r.value),
                parent: figure(r.parent),
                as_strong: r.as_strong,
                actual: r.actual.map(|f| Shown::of(words.number(f), unit)),
            })
            .collect(),
        note: target.note.as_deref(),
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

/// Whether a chart draws more than one figure: a lone bar only repeats
/// the table above it.
fn says_more_than_one_figure(chart: &crate::site::chart::Chart) -> bool {
    chart.bars.len() + chart.dots.len() + usize::from(chart.base.is_some()) > 1
}

/// The row of the task at `place` in the plan at `at`. Its deadlines
/// are read as a body's page reads a duty's: the next, and those of the
/// listed window before today (a year at most, a few deadlines: no rule
/// repeats more than once a year).
fn task_view<'a>(
    facts: &'a Facts,
    at: usize,
    place: u32,
    task: TaskText<'a>,
    deliveries: &Deliveries,
) -> TaskView<'a> {
    let plan = &facts.plans[at];
    let next = adapter::task_deadline_from(plan, task.rules, facts.today).map(|o| o.deadline);
    let (from, _) = listed_window(facts.today).bounds();
    let before = facts.today.pred_opt().unwrap_or(facts.today);
    let listed = adapter::task_deadlines_between(plan, task.rules, from, before);
    let dated = next.is_some()
        || !listed.is_empty()
        || adapter::task_deadline_from(plan, task.rules, NaiveDate::MIN).is_some();
    let deadlines = Deadlines {
        next,
        last: listed.last().map(|o| o.deadline).filter(|_| next.is_none()),
        dated,
        listed: &listed,
    };
    let holders = |role| facts.holders(at, Some(place), role, None);
    TaskView {
        id: task.id,
        section: task.section,
        title: task.title,
        lead: holders(Role::Lead),
        support: holders(Role::Support),
        report: holders(Role::Report),
        requested: holders(Role::Requested),
        due: (!task.rules.is_empty()).then(|| facts.words.rules(task.rules)),
        standing: standing(facts, at, Some(task), deadlines, deliveries),
        note: task.note,
    }
}
