//! The few calls authoring makes into the loader and the renderer of
//! findings, kept in one file so that a change of the loader touches only
//! this one.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use chrono::NaiveDate;

use crate::author::new::{Parent, ParentTarget, ParentTask};
use crate::author::quote::basic;
use crate::commands::{plan_id, RunError};
use crate::config::{Config, DEFAULT_DOCUMENTS};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Baseline, Document, Milestone, Plan, Target, Task, Value};
use crate::registry::OrgLevel;
use crate::render::diagnostics::{self, Format, HumanStyle};
use crate::render::terminal::escape;
use crate::repo::Repo;
use crate::resolve::{Index, PlanRef};
use crate::source::SourceMap;

/// The text of a file as the loader reads it, or the loader's finding
/// (`not-utf8`) with the text it locates it in.
pub fn decode<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, Box<(String, Diagnostic)>> {
    crate::source::decode(file, bytes)
}

/// The `toml-syntax` finding `gplan check` reports for a text that is not
/// valid TOML, worded the same.
pub fn syntax_error(file: &str, text: &str) -> Diagnostic {
    match toml::from_str::<toml::Table>(text) {
        Err(err) => crate::validate::syntax_error(file, text, &err),
        Ok(_) => Diagnostic::new(
            Code::TomlSyntax,
            file,
            0..0,
            "TOML syntax: the file cannot be read for formatting",
        ),
    }
}

/// Writes findings one per line (`file:line:col: error[gplan::code]: …`),
/// as `gplan check --format short` does.
pub fn write_short(
    err: &mut dyn Write,
    root: &std::path::Path,
    file: &str,
    text: &str,
    found: &[Diagnostic],
) -> io::Result<()> {
    let mut sources = SourceMap::new(root);
    sources.insert(file, text);
    let style = HumanStyle {
        color: false,
        width: 100,
    };
    diagnostics::write(err, Format::Short, found, &sources, style)
}

/// What `gplan new` needs from the repository about a parent plan and the
/// plans and jurisdictions already there.
#[derive(Debug)]
pub struct NewContext {
    pub parent: Parent,
    /// The parent's period, when it is valid.
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub jurisdiction: Option<String>,
    pub issuer: Option<String>,
    /// How a child names the parent: its number when no other plan has
    /// it, else its id.
    pub reference: String,
    /// Every plan id in the repository.
    pub ids: BTreeSet<String>,
    /// Registry jurisdictions and whether each is a province; `None`
    /// without a registry.
    pub provinces: Option<BTreeMap<String, bool>>,
    /// The parent is a catalogue document, not a plan.
    pub outside: bool,
}

/// Loads the repository and describes the parent `reference` names (an
/// id or a unique number): exit 1 with the closest ids when none matches.
pub fn new_context(config: &Config, reference: &str) -> Result<NewContext, RunError> {
    let repo = Repo::load(config)?;
    let outside = Index::new(&repo.plans).with_catalogue(repo.catalogue.as_ref());
    if let (PlanRef::Outside(d), Some(catalogue)) = (outside.plan(reference), &repo.catalogue) {
        return Ok(outside_context(&repo, &catalogue.documents[d]));
    }
    let id = match outside.plan(reference) {
        PlanRef::Missing => {
            plan_id(&repo, reference).map_err(|e| catalogue_hint(e, config, reference))?
        }
        _ => plan_id(&repo, reference)?,
    };
    let index = Index::new(&repo.plans);
    let found = index
        .by_id(&id)
        .ok_or_else(|| RunError::NoMatch(format!("no plan has the id `{id}`")))?;
    let plan = &index.plans[found];
    let reference = match plan.number.as_ref().map(|n| n.value.as_str()) {
        Some(number) if matches!(index.plan(number), PlanRef::Found(i) if i == found) => {
            number.to_owned()
        }
        _ => id.clone(),
    };
    Ok(NewContext {
        parent: parent_of(plan),
        period: plan.valid_period().map(|p| p.bounds()),
        jurisdiction: plan.jurisdiction.as_ref().map(|j| j.value.clone()),
        issuer: plan.issuer.as_ref().map(|i| i.value.clone()),
        reference,
        ids: repo.plans.iter().map(|p| p.id.value.clone()).collect(),
        provinces: provinces(&repo),
        outside: false,
    })
}

/// A parent that is neither a plan nor a catalogue document is most
/// often a national decision or a letter the repository has not listed
/// yet: the message says how to list it, since `new` takes it from the
/// catalogue once it is there, and nothing else tells the user so.
fn catalogue_hint(error: RunError, config: &Config, reference: &str) -> RunError {
    let RunError::NoMatch(message) = error else {
        return error;
    };
    let catalogue = config
        .documents
        .as_deref()
        .map_or_else(|| DEFAULT_DOCUMENTS.to_owned(), |p| p.display().to_string());
    RunError::NoMatch(format!(
        "{message}; a document the repository does not encode is named by its number once {} lists it: add a `[[document]]` with `number = {}`",
        escape(&catalogue),
        basic(reference)
    ))
}

/// The context of a parent from the catalogue: a document known by its
/// number (and title), with no targets or tasks to carry over, no period,
/// jurisdiction or issuer to offer.
fn outside_context(repo: &Repo, document: &Document) -> NewContext {
    let number = document.number.value.clone();
    NewContext {
        parent: Parent {
            id: number.clone(),
            number: Some(number.clone()),
            title: document.title.clone().unwrap_or_default(),
            targets: Vec::new(),
            tasks: Vec::new(),
        },
        period: None,
        jurisdiction: None,
        issuer: None,
        reference: number,
        ids: repo.plans.iter().map(|p| p.id.value.clone()).collect(),
        provinces: provinces(repo),
        outside: true,
    }
}

fn provinces(repo: &Repo) -> Option<BTreeMap<String, bool>> {
    repo.registry.as_ref().map(|r| {
        r.jurisdictions
            .iter()
            .map(|(id, j)| (id.clone(), j.level == Some(OrgLevel::Province)))
            .collect()
    })
}

fn parent_of(plan: &Plan) -> Parent {
    Parent {
        id: plan.id.value.clone(),
        number: plan.number.as_ref().map(|n| n.value.clone()),
        title: plan.title.clone(),
        targets: plan.targets.iter().map(target_of).collect(),
        tasks: plan.tasks.iter().map(task_of).collect(),
    }
}

fn target_of(target: &Target) -> ParentTarget {
    ParentTarget {
        id: target.id.value.clone(),
        text: target.text.clone(),
        by: target.by,
        unit: target.unit.as_ref().map(|u| u.value.clone()),
        direction: target.direction.as_str(),
        baseline: target.baseline.as_ref().map(baseline_value),
        groups: target.groups.clone(),
        milestones: milestones_by_year(&target.milestones),
        sustained: target.sustained,
    }
}

/// One entry per year, as TOML writes it: the value for every group
/// (`60`), or a table of each group's (`{ "nam" = 90, "nữ" = 95 }`). The
/// loader keeps a year's milestones together and sorted by group, and a
/// year has either one value or one per group, never both.
fn milestones_by_year(milestones: &[Milestone]) -> Vec<(i32, String)> {
    let mut years: Vec<(i32, Vec<&Milestone>)> = Vec::new();
    for milestone in milestones {
        match years.last_mut() {
            Some((year, of_year)) if *year == milestone.year => of_year.push(milestone),
            _ => years.push((milestone.year, vec![milestone])),
        }
    }
    years
        .into_iter()
        .map(|(year, of_year)| (year, year_value(&of_year)))
        .collect()
}

fn year_value(of_year: &[&Milestone]) -> String {
    match of_year {
        [one] if one.group.is_none() => milestone_value(one.value),
        _ => {
            let each: Vec<String> = of_year
                .iter()
                .map(|m| {
                    let group = m.group.as_deref().unwrap_or_default();
                    format!("{} = {}", basic(group), milestone_value(m.value))
                })
                .collect();
            format!("{{ {} }}", each.join(", "))
        }
    }
}

/// `{ year = 2020, value = 23 }`, or `{ value = 23 }` without a year.
fn baseline_value(baseline: &Baseline) -> String {
    let value = number_value(baseline.value);
    match baseline.year {
        Some(year) => format!("{{ year = {year}, value = {value} }}"),
        None => format!("{{ value = {value} }}"),
    }
}

/// A finite number as TOML reads it back to the same value: a whole
/// number as an integer when it is exact in a double, else a float
/// (`0.5`, `1e300`). Plain `{}` would write 1e300 as 301 digits, which no
/// TOML integer holds.
fn number_value(value: f64) -> String {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.fract() == 0.0 && value.abs() >= EXACT {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

fn task_of(task: &Task) -> ParentTask {
    ParentTask {
        id: task.id.value.clone(),
        section: task.section.as_ref().map(|s| s.value.clone()),
        title: task.title.to_string(),
        lead: task.lead.iter().map(|l| l.value.to_string()).collect(),
        due: task.due.iter().map(|d| d.written().into_owned()).collect(),
    }
}

/// A milestone value as TOML: `60`, `12.5`, `[30, 40]`.
fn milestone_value(value: Value) -> String {
    match value {
        Value::Single(v) => v.to_string(),
        Value::Band(low, high) => format!("[{low}, {high}]"),
    }
}

/// What the loader makes of a plan file, for tests comparing two texts:
/// the plan (without byte spans and line numbers, which formatting moves)
/// and the codes of the findings.
#[cfg(test)]
pub fn loaded_meaning(file: &str, text: &str) -> String {
    let mut found = Vec::new();
    let plan = match crate::validate::load_plan(file, text, &mut found) {
        crate::validate::Outcome::Plan(plan) => format!("{plan:?}"),
        crate::validate::Outcome::NotAPlan => "not a plan".to_owned(),
        crate::validate::Outcome::Broken => "broken".to_owned(),
    };
    let codes: Vec<String> = found.iter().map(|d| format!("{:?}", d.code)).collect();
    let spans = regex::Regex::new(r"\d+\.\.\d+|line: \d+").expect("a valid pattern");
    format!("{}\n{codes:?}", spans.replace_all(&plan, "_"))
}

#[cfg(test)]
mod tests {
    use super::number_value;

    #[test]
    fn a_baseline_figure_is_written_so_toml_reads_it_back() {
        assert_eq!(number_value(23.0), "23");
        assert_eq!(number_value(-0.25), "-0.25");
        assert_eq!(number_value(1e300), "1e300");
        assert_eq!(number_value(1e300).parse::<f64>(), Ok(1e300));
    }
}
