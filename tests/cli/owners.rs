//! `gplan owners`: spellings, scopes, roles, and duties that pass to a
//! successor body or a merged province.

use unicode_normalization::UnicodeNormalization;

use assert_cmd::Command;

use crate::common::{fixture, run};

fn json(args: &[&str]) -> serde_json::Value {
    let run = run("owners", args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

fn column(rows: &serde_json::Value, key: &str) -> Vec<String> {
    rows.as_array()
        .expect("array")
        .iter()
        .map(|r| r[key].as_str().unwrap_or("null").to_owned())
        .collect()
}

#[test]
fn every_spelling_of_a_name_gives_the_same_answer() {
    let canonical = json(&["owners", "Ủy ban nhân dân tỉnh", "--format", "json"]);
    assert!(!canonical.as_array().expect("array").is_empty());
    let nfd: String = "Ủy ban nhân dân tỉnh".nfd().collect();
    for spelling in [
        nfd.as_str(),
        "ỦY BAN NHÂN DÂN TỈNH",
        "uy ban nhan dan tinh",
        "Uỷ ban nhân dân tỉnh",
        "UBND tỉnh",
    ] {
        assert_eq!(
            json(&["owners", spelling, "--format", "json"]),
            canonical,
            "{spelling}"
        );
    }
}

#[test]
fn aliases_and_dash_variants_resolve_to_the_canonical_body() {
    for spelling in [
        "Sở LĐTB&XH",
        "Sở Lao động-Thương binh và Xã hội",
        "Sở Lao động — Thương binh và Xã hội",
    ] {
        let rows = json(&["owners", spelling, "--format", "json"]);
        assert_eq!(
            column(&rows, "org"),
            ["Sở Lao động - Thương binh và Xã hội"],
            "{spelling}"
        );
    }
}

#[test]
fn generic_names_are_scoped_by_province() {
    let rows = json(&["owners", "Sở Nội vụ", "--format", "json"]);
    assert_eq!(
        column(&rows, "scope"),
        [
            "hung-yen",
            "hung-yen",
            "hung-yen",
            "phu-tho",
            "phu-tho",
            "vinh-phuc"
        ]
    );
    assert_eq!(
        column(&rows, "role"),
        ["lead", "support", "report", "lead", "lead", "lead"]
    );
}

#[test]
fn unit_bodies_are_scoped_by_the_issuing_body() {
    let rows = json(&["owners", "Văn phòng Sở", "--format", "json"]);
    assert_eq!(
        column(&rows, "scope"),
        ["phu-tho/Sở Công Thương", "phu-tho/Sở Y tế"]
    );
}

#[test]
fn role_filter_keeps_only_that_role() {
    let rows = json(&[
        "owners",
        "Sở Nội vụ",
        "--role",
        "report",
        "--format",
        "json",
    ]);
    assert_eq!(column(&rows, "role"), ["report"]);
    assert_eq!(column(&rows, "task"), ["bao-cao-y-te"]);
    let issuers = json(&[
        "owners",
        "UBND tỉnh",
        "--role",
        "issuer",
        "--format",
        "json",
    ]);
    assert_eq!(column(&issuers, "task"), ["null", "null", "null"]);
}

#[test]
fn no_match_exits_1_and_suggests_the_closest_names() {
    let run = run("owners", &["owners", "Sở Nôi vụu"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("did you mean `Sở Nội vụ`"),
        "{}",
        run.stderr
    );
}

#[test]
fn deadlines_after_a_dissolution_pass_to_the_successor() {
    let old = json(&["owners", "Sở LĐTB&XH", "--format", "json"]);
    assert_eq!(
        old,
        serde_json::json!([{
            "org": "Sở Lao động - Thương binh và Xã hội", "scope": "phu-tho", "role": "lead",
            "plan": "phu-tho/kh-2021", "number": "38/KH-UBND", "task": "bao-cao",
            "title": "Báo cáo năm về bình đẳng giới", "due": "yearly 12-05", "next": "2023-12-05",
            "via": null, "group": null, "file": "plans/phu-tho/kh-2021.toml", "line": 10
        }])
    );
    let after = run(
        "owners",
        &[
            "owners",
            "Sở LĐTB&XH",
            "--after",
            "2025-03-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        after.stdout.trim(),
        "[]",
        "nothing after the dissolution stays with the old body"
    );
    let inherited = json(&[
        "owners",
        "Sở Nội vụ",
        "--jurisdiction",
        "phu-tho",
        "--before",
        "2025-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(
        column(&inherited, "plan"),
        ["phu-tho/kh-2021", "vinh-phuc/kh-2024"]
    );
    assert_eq!(
        column(&inherited, "via"),
        [
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Nội vụ (vinh-phuc)"
        ]
    );
    assert_eq!(column(&inherited, "next"), ["2025-12-05", "2025-09-30"]);
}

#[test]
fn deadlines_after_a_merger_pass_to_the_merged_province() {
    let before = json(&[
        "owners",
        "Sở Nội vụ",
        "--jurisdiction",
        "vinh-phuc",
        "--format",
        "json",
    ]);
    assert_eq!(column(&before, "scope"), ["phu-tho", "vinh-phuc"]);
    assert_eq!(column(&before, "next"), ["2025-09-30", "2024-09-30"]);
    assert_eq!(column(&before, "via"), ["Sở Nội vụ (vinh-phuc)", "null"]);
}

#[test]
fn without_a_name_one_row_per_body_and_scope() {
    let rows = json(&["owners", "--format", "json"]);
    let first = &rows[0];
    let keys: std::collections::BTreeSet<&str> = first
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["org", "scope", "lead", "support", "group", "next"].into()
    );
    let hung_yen: Vec<String> = rows
        .as_array()
        .expect("array")
        .iter()
        .filter(|r| r["scope"] == "hung-yen")
        .map(|r| {
            format!(
                "{} {}/{} {}",
                r["org"].as_str().unwrap_or(""),
                r["lead"],
                r["support"],
                r["next"]
            )
        })
        .collect();
    assert_eq!(
        hung_yen,
        [
            "Sở Nội vụ 1/1 \"2023-11-15\"",
            "Sở Y tế 2/0 \"2023-12-31\"",
            "Ủy ban nhân dân tỉnh 0/0 null"
        ],
        "Vietnamese order: Ủ after S"
    );
}

#[test]
fn csv_has_a_header_and_the_json_rows() {
    let run = run("owners", &["owners", "Sở Nội vụ", "--format", "csv"]);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("org,scope,role,plan,number,task,title,due,next,via,group,file,line")
    );
    assert_eq!(lines.count(), 6);
}

#[test]
fn a_body_asked_has_the_requested_role_and_a_condition_shows_as_when() {
    let run = run(
        "duty-forms",
        &["owners", "Hội Liên hiệp Phụ nữ tỉnh", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("valid JSON");
    let roles: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["role"].as_str().unwrap_or(""),
                r["task"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(roles, [("requested", "mttq-phoi-hop")]);
    let nv = crate::common::run("duty-forms", &["owners", "Sở Nội vụ", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&nv.stdout).expect("valid JSON");
    let condition = rows
        .iter()
        .find(|r| r["task"] == "kien-toan-ban")
        .expect("listed");
    assert_eq!(
        condition["due"],
        "when: trong khi chờ hướng dẫn mới của Trung ương"
    );
    assert_eq!(condition["next"], serde_json::Value::Null);
}

#[test]
fn owners_filters_by_the_requested_role() {
    let run = run(
        "duty-forms",
        &[
            "owners",
            "Ủy ban Mặt trận",
            "--role",
            "requested",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(rows.len(), 1, "{}", run.stdout);
}

#[test]
fn a_city_s_plans_read_tinh_as_thanh_pho_and_only_they_do() {
    let check = run("cities", &["check", "--format", "json"]);
    let found: Vec<serde_json::Value> = serde_json::from_str(&check.stdout).expect("valid JSON");
    let found: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or(""),
                d["help"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "plans/thanh-pho/kh-1-2025.toml",
                "organisation `Hội Liên hiệp Phụ nữ Thanh pho` is not in the registry",
                "did you mean `Hội Liên hiệp Phụ nữ Thành phố`, `Ủy ban nhân dân Thành phố`, `Ủy ban nhân dân xã`? Otherwise add it to `plans/registry.toml`"
            ),
            (
                "plans/tinh/kh-2-2025.toml",
                "organisation `Hội Liên hiệp Phụ nữ Thành phố` is not in the registry",
                "did you mean `Hội Liên hiệp Phụ nữ tỉnh`, `Ủy ban nhân dân tỉnh`, `Ủy ban nhân dân xã`? Otherwise add it to `plans/registry.toml`"
            ),
        ]
    );
    let owners = run("cities", &["owners", "UBND Thành phố", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&owners.stdout).expect("valid JSON");
    let rows: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["org"].as_str().unwrap_or(""),
                r["scope"].as_str().unwrap_or(""),
                r["role"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Ủy ban nhân dân Thành phố", "ho-chi-minh", "support"),
            ("Ủy ban nhân dân Thành phố", "ho-chi-minh", "issuer"),
        ],
        "the city form means the body in the cities, not Phú Thọ's Ủy ban nhân dân tỉnh"
    );
    let due = run(
        "cities",
        &[
            "due",
            "--owner",
            "UBND Thành phố",
            "--after",
            "2025-01-01",
            "--format",
            "csv",
        ],
    );
    let plans: Vec<&str> = due
        .stdout
        .lines()
        .skip(1)
        .map(|row| row.split(',').nth(3).unwrap_or(""))
        .collect();
    assert_eq!(
        plans,
        ["thanh-pho/kh-1-2025"],
        "due reads the city form as owners does: {}",
        due.stderr
    );
}

#[test]
fn the_summary_counts_current_plans_and_says_how_many_it_left_out() {
    let current = crate::common::bare("owners")
        .args(["--today", "2026-01-01", "owners", "--format", "csv"])
        .output()
        .expect("gplan runs");
    assert_eq!(current.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&current.stderr),
        "note: left out 2 plans whose period ended before 2026-01-01; --all shows them\n"
    );
    let all = crate::common::bare("owners")
        .args([
            "--today",
            "2026-01-01",
            "owners",
            "--all",
            "--format",
            "csv",
        ])
        .output()
        .expect("gplan runs");
    assert_eq!(all.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&all.stderr), "");
    let scopes = |out: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(out)
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').nth(1).map(str::to_owned))
            .collect()
    };
    // Sở Công Thương's and Sở Y tế's plans of Phú Thọ ended in 2025.
    assert!(!scopes(&current.stdout)
        .iter()
        .any(|s| s.starts_with("phu-tho/")));
    assert!(scopes(&all.stdout)
        .iter()
        .any(|s| s == "phu-tho/Sở Công Thương"));
    let with_name = run("owners", &["owners", "Sở Nội vụ", "--all"]);
    assert_eq!(with_name.code, 2, "--all is for the summary only");
}

#[test]
fn the_summary_table_names_scopes_as_people_read_them() {
    let output = crate::common::gplan("owners")
        .env_remove("COLUMNS")
        .args(["owners", "--jurisdiction", "phu-tho"])
        .output()
        .expect("gplan runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let scopes: Vec<&str> = text
        .lines()
        .skip(3)
        .filter_map(|l| l.split('┆').next())
        .map(|cell| cell.trim_start_matches('│').trim())
        .filter(|cell| !cell.is_empty() && !cell.starts_with('└'))
        .collect();
    let mut unique = scopes.clone();
    unique.dedup();
    assert_eq!(
        unique,
        ["Phú Thọ", "Sở Công Thương, Phú Thọ", "Sở Y tế, Phú Thọ"],
        "{text}"
    );
}

#[test]
fn a_report_s_body_is_looked_up_where_the_plan_it_answers_is() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let from = fixture("cities");
    for file in [
        "plans/registry.toml",
        "plans/tinh/kh-2-2025.toml",
        "plans/thanh-pho/kh-1-2025.toml",
    ] {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("folder");
        std::fs::copy(from.join(file), to).expect("fixture copied");
    }
    std::fs::create_dir_all(dir.path().join("progress")).expect("progress folder");
    std::fs::write(
        dir.path().join("progress/2025.toml"),
        "[[report]]\ntask = \"thanh-pho/kh-1-2025#a\"\ndelivered = 2025-12-01\nby = \"UBND Thành phố\"\n\n\
         [[report]]\ntask = \"tinh/kh-2-2025#a\"\ndelivered = 2025-12-01\nby = \"UBND Thành phố\"\n",
    )
    .expect("progress file");
    let output = Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env("NO_COLOR", "1")
        .arg("--repo")
        .arg(dir.path())
        .args([
            "--today",
            "2025-12-31",
            "check",
            "--format",
            "short",
            "--quiet",
        ])
        .output()
        .expect("gplan runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let in_progress: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("progress/"))
        .collect();
    assert_eq!(
        in_progress,
        ["progress/2025.toml:9:6: warning[gplan::unknown-org]: organisation `UBND Thành phố` is not in the registry"],
        "the city form names a body in the city's plans only:\n{stdout}"
    );
}
