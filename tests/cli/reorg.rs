//! The administration of 2026: duties that pass by function, ongoing
//! duties that pass once the change is reached, groups that reach their
//! members, and where a dissolved body's duties went. On a repository of
//! its own (`reorg`) and on the bundled plans.

use std::path::PathBuf;

use assert_cmd::Command;

use crate::common::{bare, Run};

fn run_on(mut cmd: Command, today: &str, args: &[&str]) -> Run {
    let output = cmd
        .arg("--today")
        .arg(today)
        .args(args)
        .output()
        .expect("gplan runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The bundled repository, as `bare` runs a fixture.
fn bundled() -> Command {
    let mut cmd = Command::cargo_bin("gplan").expect("the gplan binary is built");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .arg("--repo")
        .arg(root);
    cmd
}

fn json(cmd: Command, today: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let run = run_on(cmd, today, args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

/// "task scope next via group" per row, `-` for null.
fn rows(rows: &[serde_json::Value]) -> Vec<String> {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_owned();
    rows.iter()
        .map(|r| {
            [&r["task"], &r["scope"], &r["next"], &r["via"], &r["group"]]
                .map(text)
                .join(" | ")
        })
        .collect()
}

const LDTBXH: &str = "Sở Lao động - Thương binh và Xã hội";
const GROUP: &str = "Các sở, ban, ngành, đơn vị sự nghiệp trực thuộc Ủy ban nhân dân tỉnh";

#[test]
fn a_childrens_duty_of_the_dissolved_department_is_owed_by_the_health_department() {
    let owed = json(
        bare("reorg"),
        "2026-06-01",
        &["owners", "Sở Y tế", "--no-groups", "--format", "json"],
    );
    let via = format!("{LDTBXH} (thai-binh)");
    assert_eq!(
        rows(&owed),
        [
            format!("tre-em-bao-cao | hung-yen | 2026-12-05 | {via} | -"),
            format!("tre-em-phoi-hop | hung-yen | - | {via} | -"),
        ],
        "the function's successor, in the province Thái Bình merged into"
    );
    let rest = json(
        bare("reorg"),
        "2026-06-01",
        &["owners", "Sở Nội vụ", "--no-groups", "--format", "json"],
    );
    assert_eq!(
        rows(&rest),
        [format!("binh-dang-gioi | hung-yen | - | {via} | -")],
        "a duty without a function goes to the default successor"
    );
}

#[test]
fn an_ongoing_duty_stays_with_the_original_body_before_the_change() {
    let before = json(
        bare("reorg"),
        "2024-06-01",
        &["owners", "Sở LĐTB&XH", "--no-groups", "--format", "json"],
    );
    let tasks: Vec<&str> = before.iter().filter_map(|r| r["task"].as_str()).collect();
    assert_eq!(
        tasks,
        ["binh-dang-gioi", "tre-em-bao-cao", "tre-em-phoi-hop"]
    );
    let health = json(
        bare("reorg"),
        "2024-06-01",
        &["owners", "Sở Y tế", "--no-groups", "--format", "json"],
    );
    let tasks: Vec<&str> = health.iter().filter_map(|r| r["task"].as_str()).collect();
    assert_eq!(
        tasks,
        ["tre-em-bao-cao"],
        "only the deadlines after 2025-03-01"
    );
    assert_eq!(health[0]["next"], "2025-12-05");
}

#[test]
fn district_duties_pass_to_the_communes() {
    let communes = json(
        bare("reorg"),
        "2026-06-01",
        &[
            "owners",
            "Ủy ban nhân dân các xã, phường, đặc khu",
            "--format",
            "json",
        ],
    );
    let via = "Ủy ban nhân dân các huyện, thành phố (thai-binh)";
    assert_eq!(
        rows(&communes),
        [
            format!("huyen-bao-cao | hung-yen | 2026-11-15 | {via} | -"),
            format!("huyen-tuyen-truyen | hung-yen | - | {via} | -"),
        ]
    );
}

#[test]
fn a_member_gets_its_groups_duties_unless_no_groups() {
    let with = json(
        bare("reorg"),
        "2026-06-01",
        &["owners", "Sở Tư pháp", "--format", "json"],
    );
    assert_eq!(
        rows(&with),
        [
            "so-nganh-ke-hoach | hung-yen | 2026-11-15 | Các sở, ban, ngành (thai-binh) | Các sở, ban, ngành",
            "so-nganh-ke-hoach | thai-binh | - | - | Các sở, ban, ngành",
        ]
    );
    let without = run_on(
        bare("reorg"),
        "2026-06-01",
        &["owners", "Sở Tư pháp", "--no-groups", "--format", "json"],
    );
    assert_eq!(without.stdout.trim(), "[]");
}

#[test]
fn a_dissolved_member_has_no_share_after_its_dissolution() {
    let old = json(
        bare("reorg"),
        "2026-06-01",
        &["owners", "Sở LĐTB&XH", "--format", "json"],
    );
    let shares: Vec<String> = old
        .iter()
        .filter(|r| !r["group"].is_null())
        .map(|r| format!("{} {}", r["scope"], r["next"]))
        .collect();
    assert_eq!(shares, ["\"thai-binh\" null"], "2021 to 2024 only");
}

#[test]
fn the_summary_counts_group_duties_apart() {
    let summary = json(bare("reorg"), "2026-06-01", &["owners", "--format", "json"]);
    let row = |org: &str, scope: &str| {
        let found = summary
            .iter()
            .find(|r| r["org"] == org && r["scope"] == scope)
            .unwrap_or_else(|| panic!("{org} {scope}"));
        format!("{}/{}/{}", found["lead"], found["support"], found["group"])
    };
    assert_eq!(row("Sở Tư pháp", "hung-yen"), "0/0/1");
    assert_eq!(row("Sở Y tế", "hung-yen"), "2/0/1");
    let without = json(
        bare("reorg"),
        "2026-06-01",
        &["owners", "--no-groups", "--format", "json"],
    );
    assert!(!without.iter().any(|r| r["org"] == "Sở Tư pháp"));
}

#[test]
fn a_dissolved_body_asked_by_name_says_where_its_duties_went() {
    let run = run_on(
        bare("reorg"),
        "2026-06-01",
        &[
            "owners",
            "Sở LĐTB&XH",
            "--after",
            "2025-03-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "[]\n");
    assert_eq!(
        run.stderr,
        format!(
            "note: {LDTBXH} was dissolved on 2025-03-01: since 2025-03-01 these duties\n    \
             belong to Sở Nội vụ\n  \
             tasks with function \"trẻ em\" or \"bảo trợ xã hội\" or \"phòng, chống tệ nạn xã hội\": Sở Y tế\n"
        )
    );
    let earlier = run_on(
        bare("reorg"),
        "2026-06-01",
        &[
            "owners",
            "Sở LĐTB&XH",
            "--before",
            "2025-02-28",
            "--format",
            "json",
        ],
    );
    assert!(earlier.stderr.is_empty(), "{}", earlier.stderr);
}

#[test]
fn in_2026_the_home_affairs_department_of_hung_yen_has_what_the_plan_gave_the_labour_department() {
    let owed = json(
        bundled(),
        "2026-06-01",
        &[
            "owners",
            "Sở Nội vụ",
            "--jurisdiction",
            "hung-yen",
            "--no-groups",
            "--format",
            "json",
        ],
    );
    let inherited: Vec<String> = rows(&owed)
        .into_iter()
        .filter(|r| r.contains(LDTBXH))
        .collect();
    assert_eq!(
        inherited,
        [
            format!("sldtbxh-ra-soat-chinh-sach | hung-yen | - | {LDTBXH} | -"),
            format!("sldtbxh-trien-khai-phap-luat | hung-yen | 2026-12-31 | {LDTBXH} | -"),
        ],
        "the ongoing duty and the recurring one"
    );
}

#[test]
fn in_2026_the_justice_department_of_hung_yen_sees_its_groups_duties() {
    let owed = json(
        bundled(),
        "2026-06-01",
        &[
            "owners",
            "Sở Tư pháp",
            "--jurisdiction",
            "hung-yen",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        rows(&owed),
        [
            format!("bao-cao-hang-nam | hung-yen | 2026-11-15 | - | {GROUP}"),
            format!("lap-du-toan-ngan-sach | hung-yen | 2026-12-31 | - | {GROUP}"),
            format!("so-ket-tong-ket-chuong-trinh | hung-yen | - | - | {GROUP}"),
            "stp-chinh-sach-long-ghep-gioi | hung-yen | - | - | -".to_owned(),
            format!("xay-dung-ke-hoach-don-vi | hung-yen | - | - | {GROUP}"),
            "stp-van-ban-qppl | hung-yen | - | - | -".to_owned(),
        ],
        "the 15 November report among them"
    );
}

#[test]
fn the_bundled_registry_loads_without_findings_and_holds_63_provinces() {
    let run = run_on(bundled(), "2026-06-01", &["check", "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("valid JSON");
    let in_registry: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["file"] == "plans/registry.toml")
        .collect();
    assert!(in_registry.is_empty(), "{in_registry:?}");
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("plans/registry.toml"),
    )
    .expect("the registry");
    let registry: toml::Table = text.parse().expect("TOML");
    let provinces: Vec<&toml::Table> = registry["jurisdiction"]
        .as_array()
        .expect("jurisdictions")
        .iter()
        .filter_map(|j| j.as_table())
        .filter(|j| j["level"].as_str() == Some("province"))
        .collect();
    let merged = provinces
        .iter()
        .filter(|j| j.contains_key("merged_into"))
        .count();
    assert_eq!((provinces.len(), merged), (63, 29));
}
