//! An arbitrary `due` string: parse, render, parse again (the same rule),
//! and expand over periods ordinary and extreme.
//!
//! Run from the repository root:
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run due -- -dict=fuzz/due.dict -max_total_time=300
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

use gplan::deadline;

fuzz_target!(|text: &str| {
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
        let occurrences = rule.occurrences((day(from), day(to)));
        for o in &occurrences {
            if let Some(start) = o.start {
                assert!(
                    start <= o.deadline,
                    "`{text}`: {o:?} starts after its deadline"
                );
            }
        }
    }
});
