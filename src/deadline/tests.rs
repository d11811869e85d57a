//! Tests of the `due` grammar: parsing, display and occurrences.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn occ(rule: &str, from: &str, to: &str) -> Vec<(Option<String>, String)> {
    parse(rule)
        .expect("rule parses")
        .occurrences((d(from), d(to)))
        .into_iter()
        .map(|o| (o.start.map(|s| s.to_string()), o.deadline.to_string()))
        .collect()
}

fn one(start: Option<&str>, deadline: &str) -> (Option<String>, String) {
    (start.map(str::to_owned), deadline.to_owned())
}

#[test]
fn points_cover_their_calendar_span() {
    assert_eq!(
        occ("2023-12-05", "2023-01-01", "2023-12-31"),
        [one(None, "2023-12-05")]
    );
    assert_eq!(
        occ("2023", "2023-01-01", "2023-12-31"),
        [one(Some("2023-01-01"), "2023-12-31")]
    );
    assert_eq!(
        occ("2023-Q2", "2023-01-01", "2023-12-31"),
        [one(Some("2023-04-01"), "2023-06-30")]
    );
    assert_eq!(
        occ("2024-02", "2024-01-01", "2024-12-31"),
        [one(Some("2024-02-01"), "2024-02-29")]
    );
}

#[test]
fn windows_run_from_the_start_of_one_point_to_the_end_of_the_other() {
    assert_eq!(
        occ("2023-Q2..2023-Q3", "2023-01-01", "2023-12-31"),
        [one(Some("2023-04-01"), "2023-09-30")]
    );
    assert_eq!(
        occ("2020-11-15..2020-12-15", "2020-01-01", "2020-12-31"),
        [one(Some("2020-11-15"), "2020-12-15")]
    );
}

#[test]
fn yearly_rules_recur_inside_the_period_only() {
    assert_eq!(
        occ("yearly 11-15", "2022-03-25", "2024-06-30"),
        [one(None, "2022-11-15"), one(None, "2023-11-15")]
    );
    assert_eq!(
        occ("yearly 11-15..12-15", "2023-01-01", "2023-12-31"),
        [one(Some("2023-11-15"), "2023-12-15")]
    );
}

#[test]
fn leap_day_recurs_only_in_leap_years() {
    assert_eq!(
        occ("yearly 02-29", "2023-01-01", "2028-12-31"),
        [one(None, "2024-02-29"), one(None, "2028-02-29")]
    );
}

#[test]
fn wrapping_windows_start_in_the_previous_year_clamped_to_the_period() {
    assert_eq!(
        occ("yearly 12-15..01-15", "2021-01-01", "2022-12-31"),
        [
            one(Some("2021-01-01"), "2021-01-15"),
            one(Some("2021-12-15"), "2022-01-15")
        ]
    );
}

#[test]
fn rules_render_back_to_their_text() {
    for text in [
        "2023",
        "2023-Q2",
        "2023-06",
        "2023-12-05",
        "2023-Q2..2023-Q3",
        "yearly 06-05",
        "yearly 11-15..12-15",
    ] {
        let rule = parse(text).expect("parses");
        assert_eq!(rule.to_string(), text);
        assert!(rule.is_written_as(text), "{text}");
    }
    for (other, text) in [
        ("2023-Q2", "2023-q2"),
        ("2023-06", "2023-06 "),
        ("2023", "2023-"),
        ("2023", "202"),
        ("yearly 06-05", ""),
    ] {
        let rule = parse(other).expect("parses");
        assert!(!rule.is_written_as(text), "{text:?}");
    }
}

#[test]
fn malformed_rules_point_at_the_bad_part() {
    let err = parse("2023-Q2..2023-Q7").unwrap_err();
    assert_eq!((err.kind, err.range), (RuleErrorKind::InvalidDate, 9..16));
    let err = parse("yearly 13-05").unwrap_err();
    assert_eq!((err.kind, err.range), (RuleErrorKind::InvalidDate, 7..12));
    let err = parse("Quý II").unwrap_err();
    assert_eq!(err.kind, RuleErrorKind::Malformed);
    let err = parse("2023-02-30").unwrap_err();
    assert_eq!(err.kind, RuleErrorKind::InvalidDate);
    let err = parse("yearly 12-5").unwrap_err();
    assert_eq!((err.kind, err.range), (RuleErrorKind::Malformed, 7..11));
    assert_eq!(parse("").unwrap_err().kind, RuleErrorKind::Malformed);
}

#[test]
fn reversed_windows_are_rejected() {
    assert_eq!(
        parse("2023-Q4..2023-Q1").unwrap_err().kind,
        RuleErrorKind::ReversedWindow
    );
    assert!(parse("2023-06..2023-06").is_ok());
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;

    fn point() -> impl Strategy<Value = Point> {
        prop_oneof![
            (2000i32..2040).prop_map(Point::Year),
            (2000i32..2040, 1u32..=4).prop_map(|(year, quarter)| Point::Quarter { year, quarter }),
            (2000i32..2040, 1u32..=12).prop_map(|(year, month)| Point::Month { year, month }),
            (2000i32..2040, 0u32..366).prop_map(|(year, day)| Point::Day(
                ymd(year, 1, 1) + chrono::Duration::days(day.into())
            )),
        ]
    }

    fn month_day() -> impl Strategy<Value = MonthDay> {
        (1u32..=12, 1u32..=31)
            .prop_filter("a day of some year", |(month, day)| {
                NaiveDate::from_ymd_opt(2024, *month, *day).is_some()
            })
            .prop_map(|(month, day)| MonthDay { month, day })
    }

    fn rule() -> impl Strategy<Value = Rule> {
        prop_oneof![
            point().prop_map(Rule::Point),
            (point(), point())
                .prop_filter("ordered", |(a, b)| a.first_day() <= b.last_day())
                .prop_map(|(a, b)| Rule::Window(a, b)),
            month_day().prop_map(Rule::Yearly),
            (month_day(), month_day())
                .prop_filter("distinct", |(a, b)| a != b)
                .prop_map(|(a, b)| Rule::YearlyWindow(a, b)),
        ]
    }

    fn period() -> impl Strategy<Value = (NaiveDate, NaiveDate)> {
        (2000i32..2040, 0i64..4000).prop_map(|(year, length)| {
            let from = ymd(year, 1, 1) + chrono::Duration::days(length % 400);
            (from, from + chrono::Duration::days(length))
        })
    }

    proptest! {
        #[test]
        fn occurrences_are_ordered_windows_inside_the_period(rule in rule(), period in period()) {
            let occurrences = rule.occurrences(period);
            for o in &occurrences {
                prop_assert!(o.start.is_none_or(|s| s <= o.deadline), "{rule}: {o:?}");
                if rule.is_recurring() {
                    prop_assert!(period.0 <= o.deadline && o.deadline <= period.1, "{rule}: {o:?}");
                    prop_assert!(o.start.is_none_or(|s| s >= period.0), "{rule}: {o:?}");
                }
            }
            if !rule.is_recurring() {
                prop_assert_eq!(occurrences.len(), 1);
            }
            prop_assert!(occurrences.windows(2).all(|w| w[0].deadline < w[1].deadline), "sorted, no duplicates");
        }

        #[test]
        fn occurrences_made_lazily_in_a_window_are_those_of_the_whole_period_in_it(
            rule in rule(),
            period in period(),
            offset in 0i64..16_000,
            length in 0i64..2_000,
        ) {
            let from = ymd(1995, 1, 1) + chrono::Duration::days(offset);
            let to = from + chrono::Duration::days(length);
            let whole: Vec<Occurrence> = rule
                .occurrences(period)
                .into_iter()
                .filter(|o| (from..=to).contains(&o.deadline))
                .collect();
            let lazy: Vec<Occurrence> = rule.occurrences_between(period, (from, to)).collect();
            prop_assert_eq!(lazy, whole);
        }

        #[test]
        fn any_rendered_rule_parses_back_to_itself(rule in rule()) {
            prop_assert_eq!(parse(&rule.to_string()), Ok(rule));
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,24}") {
            let _ = parse(&text);
        }
    }
}

#[test]
fn merged_rules_give_each_deadline_once_in_order_the_earliest_start_kept() {
    let period = (d("2023-01-01"), d("2025-12-31"));
    let rules = [
        "yearly 12-31",
        "2024-Q4",
        "yearly 06-01",
        "2024-12-31",
        "2023-12",
    ];
    let merged: Vec<Occurrence> = Merged::new(rules.map(|r| {
        parse(r)
            .expect("rule parses")
            .occurrences_between(period, (d("2023-06-02"), d("2024-12-31")))
    }))
    .collect();
    let day = |s: &str| Occurrence {
        start: None,
        deadline: d(s),
    };
    assert_eq!(
        merged,
        // 31 December 2023 is the end of "2023-12" (from 1 December) and
        // of "yearly 12-31" (no start): the one without a start is kept.
        [day("2023-12-31"), day("2024-06-01"), day("2024-12-31"),]
    );
    assert_eq!(Merged::new([]).next(), None);
}
