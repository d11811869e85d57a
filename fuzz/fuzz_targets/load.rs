//! Arbitrary bytes as a plan file, through everything `gplan check`, `due`
//! and `owners` do with it: decode, load, resolve against two real plans
//! and the real registry, every rule, every diagnostics format, the due
//! and owners queries (the owners parts with every deadline against those
//! with only the first and next, made lazily); the same text as the
//! registry (its validation, cycle search and the owners walk through its
//! successions); each of the first lines as a `due` string and as a
//! milestone figure. The only failure is a panic (or a hang, or a crash).
//!
//! Run from the repository root:
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run load fuzz/corpus/load tests/fixtures plans \
//!       -- -dict=fuzz/toml.dict -max_total_time=600
#![no_main]

mod common;

use std::io;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

use gplan::deadline;
use gplan::diagnostic::Diagnostic;
use gplan::figure::Figure;
use gplan::model::Outline;
use gplan::query;
use gplan::registry::Registry;
use gplan::render::diagnostics::{self, Format, HumanStyle};
use gplan::repo::Repo;
use gplan::rules;
use gplan::source::{self, Source, SourceMap};
use gplan::validate::{self, Outcome};

const REGISTRY: &str = include_str!("../../plans/registry.toml");
const CONTEXT_PLANS: &[(&str, &str)] = &[
    (
        "plans/hung-yen/kh-53-2022.toml",
        include_str!("../../plans/hung-yen/kh-53-2022.toml"),
    ),
    (
        "plans/phu-tho/kh-sct-2021.toml",
        include_str!("../../plans/phu-tho/kh-sct-2021.toml"),
    ),
];
const FILE: &str = "plans/fuzz.toml";

/// The real registry and two real plans, loaded once.
struct Context {
    registry: Registry,
    plans: Vec<gplan::model::Plan>,
    sources: SourceMap,
}

fn context() -> &'static Context {
    static CONTEXT: OnceLock<Context> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let (plans, mut sources) = common::load_plans(CONTEXT_PLANS);
        let registry = Registry::load("plans/registry.toml", REGISTRY, &mut Vec::new());
        sources.insert("plans/registry.toml", REGISTRY);
        Context {
            registry,
            plans,
            sources,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    // The same bytes as `due` strings: each of the first lines.
    if let Ok(text) = std::str::from_utf8(data) {
        for line in text.lines().take(4) {
            due(line);
            figure(line);
        }
    }

    let context = context();
    let mut repo = Repo::default();
    repo.registry = Some(context.registry.clone());
    repo.plans = context.plans.clone();
    repo.sources = context.sources.clone();
    let text = match source::decode(FILE, data) {
        Ok(text) => text,
        Err(failure) => {
            let (lossy, diagnostic) = *failure;
            repo.sources.add(FILE, Source::kept(Arc::from(lossy)));
            repo.diagnostics.push(diagnostic);
            render(&repo);
            return;
        }
    };
    registry(context, text);
    let outcome = validate::load_plan(FILE, text, &mut repo.diagnostics);
    repo.sources.insert(FILE, text);
    if let Outcome::Plan(plan) = outcome {
        rules::PlanRules::default().check(
            &plan,
            text,
            repo.registry.as_ref(),
            &mut repo.diagnostics,
        );
        repo.plans.push(*plan);
    }
    repo.plans
        .sort_by(|a, b| (&a.file, &a.id.value).cmp(&(&b.file, &b.id.value)));
    render(&repo);

    let filter = query::Filter::default();
    let schedules: Vec<_> = repo
        .plans
        .iter()
        .map(|plan| query::due::Schedule::new(plan, plan.tasks.clone(), &filter))
        .collect();
    let items = query::due::occurrences(&schedules, &filter);
    std::hint::black_box(items.count());
    owners(&repo.plans, repo.registry.as_ref(), 2023);
});

/// Every rule, then every diagnostics format for the findings that concern
/// the fuzzed file (the context's own findings are always the same); then
/// the same findings against a text of the same length but other content,
/// as when a file changes on disk between loading and rendering (gplan
/// reads texts again to render them).
fn render(repo: &Repo) {
    let outlines: Vec<Outline> = repo.plans.iter().cloned().map(Outline::from).collect();
    let found: Vec<Diagnostic> = rules::check(repo, &outlines)
        .into_iter()
        .filter(|d| d.file == FILE || d.related.iter().any(|r| r.file == FILE))
        .collect();
    write_all(&found, &repo.sources);
    let text = repo.sources.text(FILE);
    if !text.is_empty() {
        let changed: String = text.chars().rev().collect();
        let mut sources = repo.sources.clone();
        sources.add(FILE, Source::kept(Arc::from(changed)));
        write_all(&found, &sources);
    }
}

fn write_all(found: &[Diagnostic], sources: &SourceMap) {
    let style = HumanStyle {
        color: false,
        width: 100,
    };
    for format in [Format::Human, Format::Short, Format::Json, Format::Github] {
        diagnostics::write(&mut io::sink(), format, found, sources, style)
            .expect("writing to a sink");
    }
}

/// The text as the registry: loading checks names, references and cycles;
/// the owners walk follows its successions and mergers for the real plans.
fn registry(context: &Context, text: &str) {
    let mut found = Vec::new();
    let registry = Registry::load("plans/registry.toml", text, &mut found);
    std::hint::black_box(found.len());
    owners(&context.plans, Some(&registry), 2026);
}

/// The owners listing and summary, as of 1 June of `year`.
fn owners(plans: &[gplan::model::Plan], registry: Option<&Registry>, year: i32) {
    let today = NaiveDate::from_ymd_opt(year, 6, 1).expect("a date");
    let reach = query::owners::Reach {
        today,
        groups: true,
    };
    let filter = query::Filter::default();
    let duties = query::owners::assignments(plans, registry, &filter, reach);
    let next = query::owners::next_assignments(plans, registry, &filter, reach);
    same_next(&duties, &next, today);
    let mut counts = query::owners::Counts::default();
    for plan in plans {
        counts.add(query::owners::Counts::of_plan(
            plan, registry, &filter, reach,
        ));
    }
    std::hint::black_box(counts.rows().len());
}

/// The parts with only their first and next deadlines (made lazily, a
/// piece of the calendar at a time) are the parts with every deadline:
/// the same holders and roles, in the same order, with the same first and
/// next deadline.
fn same_next(
    all: &[query::owners::Assignment],
    next: &[query::owners::Assignment],
    today: NaiveDate,
) {
    let key = |a: &query::owners::Assignment| {
        (
            a.holder.clone(),
            a.role,
            a.plan.id.value.clone(),
            a.duty.as_ref().map(|d| d.id().to_owned()),
            a.occurrences.first().copied(),
            a.next(today),
            a.via.clone(),
            a.group.clone(),
        )
    };
    let wanted: Vec<_> = all.iter().map(key).collect();
    let found: Vec<_> = next.iter().map(key).collect();
    assert_eq!(found, wanted);
}

/// A milestone figure: what is read prints as digits that read back the same.
fn figure(text: &str) {
    if let Some(figure) = Figure::decimal(text) {
        assert_eq!(
            Figure::decimal(&figure.to_string()),
            Some(figure),
            "`{text}`"
        );
    }
}

/// A `due` string through the parser, the round trip and the expansion.
fn due(text: &str) {
    let Ok(rule) = deadline::parse(text) else {
        return;
    };
    let again = deadline::parse(&rule.to_string());
    assert_eq!(again, Ok(rule), "`{text}` renders as `{rule}`");
    for (from, to) in [
        ((2021, 1, 1), (2030, 12, 31)),
        ((2024, 2, 29), (2024, 3, 1)),
        ((0, 1, 1), (9999, 12, 31)),
        ((2023, 12, 31), (2023, 1, 1)),
    ] {
        let day = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        std::hint::black_box(rule.occurrences((day(from), day(to))));
    }
}
