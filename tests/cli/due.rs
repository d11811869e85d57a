//! `gplan due`: windows, filters and every output format.

use std::collections::BTreeSet;

use crate::common::{bare, run};

fn deadlines(json: &str) -> Vec<(String, String)> {
    let items: Vec<serde_json::Value> = serde_json::from_str(json).expect("valid JSON");
    items
        .iter()
        .map(|i| {
            (
                i["deadline"].as_str().unwrap_or_default().to_owned(),
                i["task"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(d, t)| ((*d).to_owned(), (*t).to_owned()))
        .collect()
}

#[test]
fn a_window_is_inclusive_at_both_ends_with_every_key() {
    let run = run(
        "due",
        &[
            "due",
            "--after",
            "2023-06-05",
            "--before",
            "2023-11-15",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let want = serde_json::json!([
        {
            "deadline": "2023-06-05", "start": null, "jurisdiction": "lai-chau",
            "plan": "lai-chau/kh-01-2023", "number": "01/BVSTBPN-VP", "task": "bao-cao", "ref": "IV.3",
            "title": "Báo cáo 6 tháng và báo cáo năm", "lead": ["Ban VSTBPN tỉnh"], "support": ["Sở Nội vụ"],
            "status": "open", "file": "plans/lai-chau/kh-01-2023.toml", "line": 10
        },
        {
            "deadline": "2023-09-30", "start": "2023-04-01", "jurisdiction": "lai-chau",
            "plan": "lai-chau/kh-01-2023", "number": "01/BVSTBPN-VP", "task": "truyen-thong", "ref": "II.2",
            "title": "Truyền thông về bình đẳng giới", "lead": ["Sở Lao động - Thương binh và Xã hội"],
            "support": ["Ủy ban nhân dân tỉnh", "Sở Nội vụ"],
            "status": "open", "file": "plans/lai-chau/kh-01-2023.toml", "line": 18
        },
        {
            "deadline": "2023-11-15", "start": null, "jurisdiction": "hung-yen",
            "plan": "hung-yen/kh-53-2022", "number": "53/KH-UBND", "task": "bao-cao-nam", "ref": "IV.1",
            "title": "Báo cáo kết quả thực hiện hằng năm", "lead": ["Sở Nội vụ"], "support": [],
            "status": "open", "file": "plans/hung-yen/kh-53-2022.toml", "line": 10
        }
    ]);
    assert_eq!(got, want);
}

#[test]
fn before_alone_has_no_lower_bound_and_sorts_by_deadline_then_jurisdiction() {
    let run = run(
        "due",
        &["due", "--before", "2023-06-05", "--format", "json"],
    );
    assert_eq!(
        deadlines(&run.stdout),
        pairs(&[("2022-11-15", "bao-cao-nam"), ("2023-06-05", "bao-cao")])
    );
}

#[test]
fn day_first_and_iso_dates_give_the_same_bytes() {
    let iso = run(
        "due",
        &["due", "--before", "2024-12-05", "--format", "json"],
    );
    let day_first = run("due", &["due", "--before", "5/12/2024", "--format", "json"]);
    let padded = run(
        "due",
        &["due", "--before", "05/12/2024", "--format", "json"],
    );
    assert!(!iso.stdout.is_empty());
    assert_eq!(iso.stdout, day_first.stdout);
    assert_eq!(iso.stdout, padded.stdout);
}

#[test]
fn without_bounds_it_lists_from_today_on() {
    let output = bare("due")
        .args(["--today", "2024-06-30", "due", "--format", "json"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        deadlines(&stdout),
        pairs(&[
            ("2024-06-30", "hoi-nghi"),
            ("2024-11-15", "bao-cao-nam"),
            ("2025-11-15", "bao-cao-nam")
        ])
    );
    let env = bare("due")
        .env("GPLAN_TODAY", "30/6/2024")
        .args(["due", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(env.stdout, output.stdout, "GPLAN_TODAY sets today too");
}

#[test]
fn owner_filter_matches_any_role_and_any_spelling() {
    let want = pairs(&[
        ("2022-11-15", "bao-cao-nam"),
        ("2023-06-05", "bao-cao"),
        ("2023-09-30", "truyen-thong"),
        ("2023-11-15", "bao-cao-nam"),
        ("2023-12-05", "bao-cao"),
        ("2024-06-30", "hoi-nghi"),
        ("2024-11-15", "bao-cao-nam"),
        ("2025-11-15", "bao-cao-nam"),
    ]);
    for name in ["Sở Nội vụ", "so noi vu", "SỞ NỘI VỤ"] {
        let run = run(
            "due",
            &[
                "due",
                "--after",
                "2020-01-01",
                "--owner",
                name,
                "--format",
                "json",
            ],
        );
        assert_eq!(deadlines(&run.stdout), want, "{name}");
    }
    let alias = run(
        "due",
        &[
            "due",
            "--after",
            "2020-01-01",
            "--owner",
            "Sở LĐTB&XH",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        deadlines(&alias.stdout),
        pairs(&[
            ("2023-09-30", "truyen-thong"),
            ("2023-12-15", "thang-hanh-dong")
        ])
    );
}

#[test]
fn an_owner_that_matches_nothing_is_exit_1_with_suggestions() {
    let run = run("due", &["due", "--owner", "Sở Ngoại vụ"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("did you mean `Sở Nội vụ`"),
        "{}",
        run.stderr
    );
}

#[test]
fn plan_and_jurisdiction_filters() {
    let by_plan = run(
        "due",
        &[
            "due",
            "--after",
            "2020-01-01",
            "--plan",
            "hung-yen/kh-53-2022",
            "--format",
            "json",
        ],
    );
    let by_jurisdiction = run(
        "due",
        &[
            "due",
            "--after",
            "2020-01-01",
            "--jurisdiction",
            "hung-yen",
            "--format",
            "json",
        ],
    );
    let want = pairs(&[
        ("2022-11-15", "bao-cao-nam"),
        ("2023-11-15", "bao-cao-nam"),
        ("2024-06-30", "hoi-nghi"),
        ("2024-11-15", "bao-cao-nam"),
        ("2025-11-15", "bao-cao-nam"),
    ]);
    assert_eq!(deadlines(&by_plan.stdout), want);
    assert_eq!(deadlines(&by_jurisdiction.stdout), want);
}

#[test]
fn csv_has_the_json_columns_and_one_row_per_occurrence() {
    let csv = run("due", &["due", "--after", "2020-01-01", "--format", "csv"]);
    let json = run("due", &["due", "--after", "2020-01-01", "--format", "json"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "deadline",
            "start",
            "jurisdiction",
            "plan",
            "number",
            "task",
            "ref",
            "title",
            "lead",
            "support",
            "status",
            "file",
            "line"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(rows.len(), deadlines(&json.stdout).len());
    assert_eq!(rows.len(), 10);
    let truyen_thong = rows.iter().find(|r| &r[5] == "truyen-thong").expect("row");
    assert_eq!(&truyen_thong[9], "Ủy ban nhân dân tỉnh; Sở Nội vụ");
}

#[test]
fn ics_parses_with_one_event_per_occurrence_and_unique_uids() {
    let ics = run("due", &["due", "--after", "2020-01-01", "--format", "ics"]);
    assert!(ics.stdout.contains("\r\n"), "lines end with CRLF");
    let json = run("due", &["due", "--after", "2020-01-01", "--format", "json"]);
    let calendars: Vec<_> = ical::IcalParser::new(ics.stdout.as_bytes())
        .collect::<Result<_, _>>()
        .expect("valid iCalendar");
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    assert_eq!(events.len(), deadlines(&json.stdout).len());
    let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let uids: BTreeSet<String> = events.iter().map(|e| property(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    assert!(
        uids.contains("lai-chau/kh-01-2023#bao-cao/2023-12-05"),
        "{uids:?}"
    );
    let report = events
        .iter()
        .find(|e| property(e, "UID") == "lai-chau/kh-01-2023#bao-cao/2023-12-05")
        .expect("event");
    assert_eq!(property(report, "DTSTART"), "20231205");
    assert_eq!(property(report, "DTEND"), "20231206", "DTEND is exclusive");
    assert_eq!(
        property(report, "SUMMARY"),
        "Báo cáo 6 tháng và báo cáo năm"
    );
    let description = property(report, "DESCRIPTION");
    assert!(description.contains("01/BVSTBPN-VP"), "{description}");
    assert!(description.contains("Ban VSTBPN tỉnh"), "{description}");
}

#[test]
fn ics_output_is_reproducible() {
    let first = run("due", &["due", "--after", "2020-01-01", "--format", "ics"]);
    let second = run("due", &["due", "--after", "2020-01-01", "--format", "ics"]);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn broken_files_are_named_and_the_rest_is_still_listed() {
    let run = run(
        "due-broken",
        &["due", "--after", "2023-01-01", "--format", "json"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(deadlines(&run.stdout).len(), 5);
    assert!(
        run.stderr.contains("left out plans/lai-chau/hong.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_table_shows_every_column() {
    let run = run("due", &["due", "--before", "2023-09-30"]);
    for heading in [
        "Deadline",
        "Jurisdiction",
        "Plan",
        "Task",
        "Lead",
        "Support",
    ] {
        assert!(run.stdout.contains(heading), "{heading}\n{}", run.stdout);
    }
    assert!(run.stdout.contains("2023-06-05"));
    assert!(
        run.stdout.contains("from 2023-04-01"),
        "a window shows its start under the deadline"
    );
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no colour when NO_COLOR is set"
    );
}

#[test]
fn with_colour_past_deadlines_are_dimmed_and_near_ones_highlighted() {
    let output = bare("due")
        .args([
            "--today",
            "2023-06-01",
            "--color",
            "always",
            "due",
            "--before",
            "2023-09-30",
        ])
        .output()
        .expect("runs");
    let table = String::from_utf8_lossy(&output.stdout);
    let row = |date: &str| {
        table
            .lines()
            .find(|l| l.contains(date))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        row("2022-11-15").contains("\u{1b}[2m"),
        "past: dim\n{table}"
    );
    assert!(
        row("2023-06-05").contains("\u{1b}[1m"),
        "within 14 days: bold\n{table}"
    );
    let later = row("2023-09-30");
    assert!(
        !later.contains("\u{1b}[2m") && !later.contains("\u{1b}[1m"),
        "later: plain\n{table}"
    );
}
