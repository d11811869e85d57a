//! Arbitrary bytes as a progress file, through everything `gplan status`
//! and `check` do with it: decode, validate the file (its reports and
//! actuals), check every entry against two real plans and their targets
//! (tasks, occurrences, a second report, percentages, groups, dates
//! outside the plan), the deliveries `due` and the site read, the status
//! of every duty and target as of two days in every format and width, and
//! the findings in every diagnostics format. The only failure is a panic
//! (or a hang, or a crash).
//!
//! Run from the repository root:
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run progress fuzz/corpus/progress \
//!       examples/quickstart/progress tests/cmd/progress-values.in/progress \
//!       -- -dict=fuzz/toml.dict -max_total_time=600
#![no_main]

mod common;

use std::io;
use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

use gplan::model::Plan;
use gplan::query::due::Deliveries;
use gplan::query::status::status;
use gplan::query::Filter;
use gplan::render::diagnostics::{self, Format, HumanStyle};
use gplan::render::status::{self as status_out, TableStyle};
use gplan::source::{self, LineIndex, SourceMap};
use gplan::validate::progress::{against_plans, progress_file, PlanFacts};
use gplan::validate::ValidationContext;

/// Two real plans: Hưng Yên's, with a yearly report and targets with
/// milestones, and Lai Châu's, with tasks due twice a year.
const CONTEXT_PLANS: &[(&str, &str)] = &[
    (
        "plans/hung-yen/kh-53-2022.toml",
        include_str!("../../plans/hung-yen/kh-53-2022.toml"),
    ),
    (
        "plans/lai-chau/kh-01-2023.toml",
        include_str!("../../plans/lai-chau/kh-01-2023.toml"),
    ),
];
const FILE: &str = "progress/fuzz.toml";

/// The plans, loaded once, and their texts.
struct Context {
    plans: Vec<Plan>,
    sources: SourceMap,
}

fn context() -> &'static Context {
    static CONTEXT: OnceLock<Context> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let (plans, sources) = common::load_plans(CONTEXT_PLANS);
        Context { plans, sources }
    })
}

fuzz_target!(|data: &[u8]| {
    let context = context();
    // Bytes that are not UTF-8 are the plans' fuzz target's business: a
    // progress file is decoded by the same function.
    let Ok(text) = source::decode(FILE, data) else {
        return;
    };
    let lines = LineIndex::new(text);
    let mut found = Vec::new();
    let mut cx = ValidationContext::new(FILE, text, &lines, &mut found);
    // Outside a plans folder: a plan here is reported, not skipped.
    let Some((reports, actuals)) = progress_file(&mut cx, false) else {
        return;
    };
    let facts: Vec<PlanFacts> = context.plans.iter().map(PlanFacts::of_plan).collect();
    let (answered, measured) = against_plans(&facts, &reports, &actuals, &mut found);
    for plan in &context.plans {
        let named: Vec<_> = reports.iter().collect();
        std::hint::black_box(gplan::progress::delivered(plan, &named));
    }
    for year in [2023, 2026] {
        let today = NaiveDate::from_ymd_opt(year, 6, 1).expect("a date");
        std::hint::black_box(Deliveries::new(&reports, today));
        let standing = status(
            &context.plans,
            &answered,
            &measured,
            &Filter::default(),
            None,
            today,
        );
        for format in [
            status_out::Format::Table,
            status_out::Format::Json,
            status_out::Format::Csv,
        ] {
            for width in [None, Some(40), Some(120)] {
                let style = TableStyle { color: true, width };
                status_out::write(&mut io::sink(), format, &standing, style)
                    .expect("writing to a sink");
            }
        }
    }
    let mut sources = context.sources.clone();
    sources.insert(FILE, text);
    let style = HumanStyle {
        color: false,
        width: 100,
    };
    for format in [Format::Human, Format::Short, Format::Json, Format::Github] {
        diagnostics::write(&mut io::sink(), format, &found, &sources, style)
            .expect("writing to a sink");
    }
});
