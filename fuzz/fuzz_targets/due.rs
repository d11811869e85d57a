//! Arbitrary `due` strings, one a line (the first four): each is parsed,
//! rendered and parsed again (the same rule), and expanded lazily over
//! periods ordinary and extreme, through windows (the lazy walk must give
//! what the whole expansion, filtered, gives); then the rules that parse
//! become two tasks of a plan, and the `due` listing (a k-way merge of
//! one lazy iterator per rule) must list each task's deadlines in the
//! window once, in deadline order, with the earliest window start.
//!
//! Run from the repository root:
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run due fuzz/corpus/due -- -dict=fuzz/due.dict -max_total_time=600
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

use gplan::deadline::{self, Occurrence, Rule};
use gplan::query::{self, Filter, Window};
use gplan::validate::{self, Outcome};

type Day = (i32, u32, u32);

const PERIODS: [(Day, Day); 4] = [
    ((2021, 1, 1), (2030, 12, 31)),
    ((2024, 2, 29), (2024, 3, 1)),
    ((0, 1, 1), (9999, 12, 31)),
    ((2023, 12, 31), (2023, 1, 1)),
];

/// Windows open at either end, closed, of one day, and at the calendar's
/// edges.
const WINDOWS: [(Option<Day>, Option<Day>); 6] = [
    (None, None),
    (Some((2023, 6, 15)), Some((2025, 2, 28))),
    (Some((2024, 2, 29)), Some((2024, 2, 29))),
    (Some((9990, 1, 1)), None),
    (None, Some((4, 12, 31))),
    (Some((2026, 1, 1)), Some((2025, 1, 1))),
];

fn day((y, m, d): Day) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn window((after, before): (Option<Day>, Option<Day>)) -> Window {
    Window {
        after: after.map(day),
        before: before.map(day),
    }
}

fuzz_target!(|text: &str| {
    let rules: Vec<(&str, Rule)> = text
        .lines()
        .take(4)
        .filter_map(|line| deadline::parse(line).ok().map(|rule| (line, rule)))
        .collect();
    for (line, rule) in &rules {
        let again = deadline::parse(&rule.to_string());
        assert_eq!(again, Ok(*rule), "`{line}` renders as `{rule}`");
        for (from, to) in PERIODS {
            lazy_is_whole(*rule, (day(from), day(to)));
        }
    }
    if !rules.is_empty() {
        for (from, to) in &PERIODS[..3] {
            listing(&rules, *from, *to);
        }
    }
});

/// The lazy walk through each window gives the whole expansion's
/// occurrences in it, in deadline order, each starting by its deadline.
fn lazy_is_whole(rule: Rule, period: (NaiveDate, NaiveDate)) {
    let whole = rule.occurrences(period);
    for w in WINDOWS.map(window) {
        let lazy: Vec<Occurrence> = rule.occurrences_between(period, w.bounds()).collect();
        let wanted: Vec<Occurrence> = whole
            .iter()
            .filter(|o| w.contains(o.deadline))
            .copied()
            .collect();
        assert_eq!(lazy, wanted, "`{rule}` over {period:?} in {w:?}");
        assert!(lazy.windows(2).all(|p| p[0].deadline < p[1].deadline));
        for o in &lazy {
            assert!(o.start.is_none_or(|s| s <= o.deadline), "`{rule}`: {o:?}");
        }
    }
}

/// The rules as two tasks (alternately) of one plan over `from`–`to`.
fn plan_text(rules: &[(&str, Rule)], from: Day, to: Day) -> String {
    let date = |(y, m, d): Day| format!("{y:04}-{m:02}-{d:02}");
    let mut text = format!(
        "[plan]\nid = \"vn/fuzz\"\ntitle = \"Kế hoạch\"\nissuer = \"Bộ Nội vụ\"\n\
         period = [{}, {}]\n",
        date(from),
        date(to)
    );
    for (id, parity) in [("a", 0), ("b", 1)] {
        let dues: Vec<String> = rules
            .iter()
            .skip(parity)
            .step_by(2)
            .map(|(_, rule)| format!("\"{rule}\""))
            .collect();
        if !dues.is_empty() {
            text.push_str(&format!(
                "\n[[task]]\nid = \"{id}\"\ntitle = \"Việc {id}\"\nlead = \"Bộ Nội vụ\"\ndue = [{}]\n",
                dues.join(", ")
            ));
        }
    }
    text
}

/// The `due` listing of the plan against each task's deadlines worked
/// out whole: one item per task and deadline in the window, in deadline
/// order, the occurrence without a window start (else the earliest) kept.
fn listing(rules: &[(&str, Rule)], from: Day, to: Day) {
    let text = plan_text(rules, from, to);
    let mut found = Vec::new();
    let Outcome::Plan(plan) = validate::load_plan("plans/vn/fuzz.toml", &text, &mut found) else {
        panic!("the plan made of `{rules:?}` does not load: {found:?}");
    };
    let period = plan.valid_period().expect("a period that runs forwards");
    for w in WINDOWS.map(window) {
        let filter = Filter {
            window: w,
            ..Filter::default()
        };
        let schedules = [query::due::Schedule::of(&plan, &filter)];
        let listed: Vec<(NaiveDate, String, Option<NaiveDate>)> =
            query::due::occurrences(&schedules, &filter)
                .map(|item| {
                    let o = item.occurrence;
                    (o.deadline, item.duty.id().to_owned(), o.start)
                })
                .collect();
        assert!(listed.windows(2).all(|p| p[0].0 <= p[1].0), "{listed:?}");
        let mut wanted: Vec<(NaiveDate, String, Option<NaiveDate>)> = plan
            .tasks
            .iter()
            .flat_map(|task| {
                task.due.iter().flat_map(move |due| {
                    due.rule
                        .occurrences(period.bounds())
                        .into_iter()
                        .map(move |o| (o.deadline, task.id.value.clone(), o.start))
                })
            })
            .filter(|o| w.contains(o.0))
            .collect();
        wanted.sort();
        wanted.dedup_by(|later, first| (&later.0, &later.1) == (&first.0, &first.1));
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(sorted, wanted, "`{rules:?}` over {from:?}–{to:?} in {w:?}");
    }
}
