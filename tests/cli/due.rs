//! `gplan due`: windows, filters and every output format.

use std::collections::BTreeSet;

use crate::common::{bare, on_bundled, run};

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
            "title": "Báo cáo 6 tháng và báo cáo năm", "lead": ["Ban VSTBPN tỉnh"], "support": ["Sở Nội vụ"], "requested": [],
            "lead_org": ["Ban Vì sự tiến bộ của phụ nữ tỉnh"], "support_org": ["Sở Nội vụ"], "status": "open",
            "file": "plans/lai-chau/kh-01-2023.toml", "line": 10
        },
        {
            "deadline": "2023-09-30", "start": "2023-04-01", "jurisdiction": "lai-chau",
            "plan": "lai-chau/kh-01-2023", "number": "01/BVSTBPN-VP", "task": "truyen-thong", "ref": "II.2",
            "title": "Truyền thông về bình đẳng giới", "lead": ["Sở Lao động - Thương binh và Xã hội"],
            "support": ["Ủy ban nhân dân tỉnh", "Sở Nội vụ"], "requested": [],
            "lead_org": ["Sở Lao động - Thương binh và Xã hội"],
            "support_org": ["Ủy ban nhân dân tỉnh", "Sở Nội vụ"], "status": "open",
            "file": "plans/lai-chau/kh-01-2023.toml", "line": 18
        },
        {
            "deadline": "2023-11-15", "start": null, "jurisdiction": "hung-yen",
            "plan": "hung-yen/kh-53-2022", "number": "53/KH-UBND", "task": "bao-cao-nam", "ref": "IV.1",
            "title": "Báo cáo kết quả thực hiện hằng năm", "lead": ["Sở Nội vụ"], "support": [], "requested": [],
            "lead_org": ["Sở Nội vụ"], "support_org": [], "status": "open",
            "file": "plans/hung-yen/kh-53-2022.toml", "line": 10
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
            "requested",
            "lead_org",
            "support_org",
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
    let output = crate::common::gplan("due")
        .env("COLUMNS", "160")
        .args(["due", "--before", "2023-09-30"])
        .output()
        .expect("gplan runs");
    let run = crate::common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
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

#[test]
fn duties_of_one_deadline_follow_the_document_s_section_order() {
    let run = run(
        "duty-forms",
        &["due", "--after", "2025-11-01", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("valid JSON");
    let order: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["deadline"].as_str().unwrap_or(""),
                r["ref"].as_str().unwrap_or(""),
                r["task"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("2025-12-15", "II.2", "le-phat-dong"),
            ("2025-12-31", "II.2", "z-bao-cao"),
            ("2025-12-31", "II.10", "a-tong-ket"),
            ("2025-12-31", "II.10", "b-tap-huan"),
            ("2025-12-31", "III.1", "a-ke-hoach"),
            ("2025-12-31", "V.3", "mttq-phoi-hop"),
        ]
    );
    // Keys in the order written: `requested` right after `support`.
    assert!(
        run.stdout
            .contains("\"support\": [],\n    \"requested\": ["),
        "{}",
        run.stdout
    );
    assert_eq!(
        rows[5]["requested"],
        serde_json::json!([
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "Hội Liên hiệp Phụ nữ tỉnh"
        ])
    );
    assert_eq!(rows[5]["lead"], serde_json::json!([]));
}

#[test]
fn csv_has_requested_after_support_and_a_condition_has_no_row() {
    let run = run(
        "duty-forms",
        &["due", "--after", "2025-11-01", "--format", "csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("deadline,start,jurisdiction,plan,number,task,ref,title,lead,support,requested,lead_org,support_org,status,file,line")
    );
    assert!(
        run.stdout.contains(",mttq-phoi-hop,V.3,Tham gia phối hợp triển khai thực hiện Kế hoạch,,,Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; Hội Liên hiệp Phụ nữ tỉnh,"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("kien-toan-ban"), "{}", run.stdout);
}

/// `gplan --today 2024-12-01 due ARGS` in `tests/cmd/status.in`, where the
/// 2022 yearly report was delivered on time, the 2023 one late and the
/// 2024 one not at all: stdout as bytes, and the exit code.
fn in_status_repo(args: &[&str]) -> (Vec<u8>, i32) {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/status.in");
    let output = assert_cmd::Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env_remove("GPLAN_TODAY")
        .arg("--repo")
        .arg(repo)
        .args(["--today", "2024-12-01", "due"])
        .args(args)
        .output()
        .expect("gplan runs");
    (output.stdout, output.status.code().unwrap_or(-1))
}

#[test]
fn the_calendar_marks_what_was_delivered_and_reminds_of_the_rest() {
    let (ics, code) = in_status_repo(&[
        "--after",
        "2023-01-01",
        "--before",
        "2024-12-31",
        "--format",
        "ics",
        "--alarm",
        "7d",
    ]);
    assert_eq!(code, 0);
    let want = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!("PRODID:-//gplan//gplan {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN",
        "NAME:gplan",
        "X-WR-CALNAME:gplan",
        "BEGIN:VEVENT",
        "DESCRIPTION:53/KH-UBND — Kế hoạch triển khai thực hiện Quyết ",
        " định số 2282/QĐ-TTg\\nChủ trì: Ủy ban nhân dân tỉnh\\nĐã ho",
        " àn thành: 2023-11-20 (trễ hạn)",
        "DTEND;VALUE=DATE:20231116",
        "DTSTAMP:20241201T000000Z",
        "DTSTART;VALUE=DATE:20231115",
        "SUMMARY:✓ Hằng năm đánh giá tình hình\\, kết quả thực hiện",
        "  Kế hoạch\\, báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ ",
        " tổng hợp) trước ngày 15/11",
        "UID:hung-yen/kh-53-2022#bao-cao-hang-nam/2023-11-15",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DESCRIPTION:53/KH-UBND — Kế hoạch triển khai thực hiện Quyết ",
        " định số 2282/QĐ-TTg\\nChủ trì: Ủy ban nhân dân tỉnh",
        "DTEND;VALUE=DATE:20241116",
        "DTSTAMP:20241201T000000Z",
        "DTSTART;VALUE=DATE:20241115",
        "SUMMARY:Hằng năm đánh giá tình hình\\, kết quả thực hiện K",
        " ế hoạch\\, báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ t",
        " ổng hợp) trước ngày 15/11",
        "UID:hung-yen/kh-53-2022#bao-cao-hang-nam/2024-11-15",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Hằng năm đánh giá tình hình\\, kết quả thực hiện",
        "  Kế hoạch\\, báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ ",
        " tổng hợp) trước ngày 15/11",
        "TRIGGER:-P7D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n");
    assert_eq!(String::from_utf8(ics).expect("UTF-8"), want);
}

#[test]
fn the_calendar_of_an_occurrence_delivered_on_time_has_the_mark_and_the_day() {
    let (ics, _) = in_status_repo(&["--before", "2022-12-31", "--format", "ics"]);
    let unfolded = String::from_utf8(ics).expect("UTF-8").replace("\r\n ", "");
    assert!(
        unfolded.contains("\\nĐã hoàn thành: 2022-11-14\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("SUMMARY:✓ Hằng năm đánh giá tình hình"),
        "{unfolded}"
    );
    assert!(!unfolded.contains("VALARM"), "{unfolded}");
}

#[test]
fn csv_bom_puts_the_utf8_byte_order_mark_first_only_when_asked() {
    let args = ["--before", "2022-12-31", "--format", "csv"];
    let (plain, _) = in_status_repo(&args);
    let (marked, code) = in_status_repo(&[&args[..], &["--bom"]].concat());
    assert_eq!(code, 0);
    assert!(plain.starts_with(b"deadline,start,"));
    assert_eq!(marked[..3], [0xEF, 0xBB, 0xBF]);
    assert_eq!(marked[3..], plain[..]);
}

#[test]
fn with_colour_a_delivered_row_is_dimmed_even_when_its_deadline_is_near() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/status.in");
    let output = assert_cmd::Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env_remove("GPLAN_TODAY")
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .arg("--repo")
        .arg(repo)
        .args(["--today", "2022-11-14", "--color", "always", "due"])
        .args(["--before", "2024-11-30"])
        .output()
        .expect("gplan runs");
    let table = String::from_utf8_lossy(&output.stdout);
    let row = |date: &str| {
        table
            .lines()
            .find(|l| l.contains(date))
            .unwrap_or_default()
            .to_owned()
    };
    // Delivered today, the day before its deadline, which is tomorrow.
    assert!(row("2022-11-15").starts_with("\u{1b}[2m"), "{table}");
    // Its report is dated a year from today: not delivered yet, not near.
    assert!(!row("2023-11-15").contains('\u{1b}'), "{table}");
    let status = table
        .lines()
        .skip_while(|l| !l.contains("2023-11-15"))
        .nth(1);
    assert!(status.is_some_and(|l| l.starts_with("open ")), "{table}");
    // Not delivered, and not near.
    assert!(!row("2024-11-15").contains('\u{1b}'), "{table}");
}

/// `gplan <args>` on the bundled plans, its stdout as JSON.
fn bundled_json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&on_bundled(args)).expect("JSON")
}

#[test]
fn status_lists_every_deadline_due_calls_overdue_a_date_outside_the_period_too() {
    let plan = "khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020";
    let today = ["--today", "2025-06-01"];
    let due = bundled_json(
        &[
            &today[..],
            &[
                "due",
                "--plan",
                plan,
                "--after",
                "2020-01-01",
                "--format",
                "json",
            ],
        ]
        .concat(),
    );
    let status =
        bundled_json(&[&today[..], &["status", "--plan", plan, "--format", "json"]].concat());
    let overdue = |rows: &serde_json::Value, key: &str| -> Vec<(String, String)> {
        rows.as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["status"] == "overdue")
            .map(|r| (r["deadline"].to_string(), r[key].to_string()))
            .collect()
    };
    let listed = overdue(&due, "task");
    assert!(
        listed.iter().any(|(d, _)| d == "\"2020-06-10\""),
        "before the plan period, written in the plan: {listed:?}"
    );
    assert_eq!(overdue(&status["duties"], "task"), listed);
}

#[test]
fn as_of_today_a_report_dated_later_has_not_been_delivered_yet() {
    // The quickstart's 6-month report was delivered on 2023-06-02.
    let on = |today: &str, args: &[&str]| {
        let output = assert_cmd::Command::cargo_bin("gplan")
            .expect("built")
            .env("NO_COLOR", "1")
            .env_remove("GPLAN_TODAY")
            .arg("--repo")
            .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quickstart"))
            .args(["--today", today])
            .args(args)
            .output()
            .expect("gplan runs");
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("JSON")
    };
    let report = |today: &str| {
        let status = on(today, &["status", "--format", "json"]);
        let row = status["duties"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["deadline"] == "2023-06-05")
            .cloned()
            .expect("the 6-month report");
        (row["status"].clone(), row["delivered"].clone())
    };
    assert_eq!(
        report("2023-06-01"),
        ("due-soon".into(), serde_json::Value::Null)
    );
    assert_eq!(
        report("2023-06-02"),
        ("delivered".into(), "2023-06-02".into())
    );
    let due = on(
        "2023-06-01",
        &["due", "--before", "2023-06-05", "--format", "json"],
    );
    let statuses: Vec<&serde_json::Value> = due
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| &r["status"])
        .collect();
    assert_eq!(statuses, ["open"]);
}

#[test]
fn due_and_status_list_the_tasks_of_one_deadline_in_the_document_s_order() {
    // Three tasks due on 2016-12-15 and four on 2016-12-31: by `ref`
    // (IV.1 < VII.1 < VII.7; IV.3 < VII < VII.5 < VII.12), not by task id,
    // in both lists, so a reader can hold one against the other.
    let plan = "phu-tho/kh-btg-2016-2020";
    let today = ["--today", "2016-12-20"];
    let due_args = ["due", "--plan", plan, "--after", "2016-12-15"];
    let due_args = [
        &due_args[..],
        &["--before", "2016-12-31", "--format", "json"],
    ]
    .concat();
    let due = bundled_json(&[&today[..], &due_args].concat());
    let status =
        bundled_json(&[&today[..], &["status", "--plan", plan, "--format", "json"]].concat());
    let rows = |rows: &serde_json::Value, key: &str| -> Vec<(String, String)> {
        rows.as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["deadline"].as_str() >= Some("2016-12-15"))
            .map(|r| {
                let text = |k: &str| r[k].as_str().unwrap_or_default().to_owned();
                (text("deadline"), text(key))
            })
            .collect()
    };
    let want: Vec<(String, String)> = [
        ("2016-12-15", "thang-hanh-dong-btg"),
        ("2016-12-15", "ldtbxh-thang-hanh-dong"),
        ("2016-12-15", "vhttdl-thang-hanh-dong"),
        ("2016-12-31", "dien-dan-trao-doi-kinh-nghiem"),
        ("2016-12-31", "ldtbxh-don-doc-tong-hop-bao-cao-nam"),
        ("2016-12-31", "tai-chinh-bo-tri-quyet-toan-kinh-phi"),
        ("2016-12-31", "huyen-ke-hoach-hang-nam"),
    ]
    .iter()
    .map(|(d, t)| ((*d).to_owned(), (*t).to_owned()))
    .collect();
    assert_eq!(rows(&due, "task"), want, "due");
    assert_eq!(rows(&status["duties"], "task"), want, "status");
}
