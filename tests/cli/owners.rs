//! `gplan owners`: spellings, scopes, roles, and duties that pass to a
//! successor body or a merged province.

use unicode_normalization::UnicodeNormalization;

use crate::common::run;

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
