//! The bundled plans: the five seed documents, their parents and the
//! registry. These tests pin what was encoded, so an accidental deletion or
//! a broken reference fails CI.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs gplan on the bundled repository; returns (exit code, stdout).
fn bundled(args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("gplan")
        .expect("binary")
        .env("NO_COLOR", "1")
        .env_remove("GPLAN_TODAY")
        .args([
            "--repo",
            root().to_str().expect("utf-8 path"),
            "--today",
            "2023-01-01",
        ])
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let (_, stdout) = bundled(args);
    serde_json::from_str(&stdout).expect("valid JSON")
}

/// Task and target counts taken from the documents: a test that fails when
/// a task is lost. A lettered item that gives two duties different roles or
/// deadlines is two tasks (Hưng Yên II.5, IV.1.b, IV.4, IV.6.b, IV.8;
/// Phú Thọ 2016–2020 VII.1), and a qualitative goal is a target without
/// milestones (Sở Công Thương I.2: the cấp ủy goal and the support for
/// businesses women run; the Ban Thường vụ goal in Sở Ngoại vụ's 1).
const COUNTS: &[(&str, usize, usize)] = &[
    ("ho-chi-minh/kh-174-2025", 27, 26),
    ("hung-yen/kh-53-2022", 30, 3),
    ("khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020", 13, 3),
    ("lai-chau/kh-01-2023", 11, 0),
    ("phu-tho/kh-btg-2016-2020", 50, 5),
    ("phu-tho/kh-sct-2021", 19, 6),
];

/// The outside documents the bundled plans implement or cite, known by
/// number and title only: catalogue entries, not plan files.
const CATALOGUE: &[&str] = &[
    "28/NQ-CP",
    "1696/QĐ-TTg",
    "2282/QĐ-TTg",
    "218/KH-UBND",
    "38/KH-BVSTBPN",
    "1415/KH-UBND",
    "202/2025/QH15",
    "178/QĐ-TTg",
    "2232/QĐ-TTg",
    "101/QĐ-TTg",
    "02-TT/TU",
    "8935/BNV-CTTN&BĐG",
    "1855/QĐ-TTg",
];

#[test]
fn the_catalogue_holds_the_outside_parents() {
    let config =
        gplan::config::Config::new(&root(), chrono::NaiveDate::MIN, false).expect("config");
    let repo = gplan::repo::Repo::load(&config).expect("loads");
    let catalogue = repo.catalogue.expect("plans/documents.toml is loaded");
    let numbers: Vec<&str> = catalogue.numbers().collect();
    assert_eq!(numbers, CATALOGUE);
}

#[test]
fn every_seed_plan_keeps_its_tasks_and_targets() {
    let config =
        gplan::config::Config::new(&root(), chrono::NaiveDate::MIN, false).expect("config");
    let repo = gplan::repo::Repo::load(&config).expect("loads");
    let counts: Vec<(&str, usize, usize)> = repo
        .plans
        .iter()
        .map(|p| (p.id.value.as_str(), p.tasks.len(), p.targets.len()))
        .collect();
    let mut counts = counts;
    counts.sort();
    assert_eq!(counts, COUNTS);
}

#[test]
fn check_finds_no_errors_and_the_documents_own_flaws_as_warnings() {
    let (code, stdout) = bundled(&["check", "--format", "short"]);
    assert_eq!(code, 0, "{stdout}");
    let found: BTreeSet<String> = stdout
        .lines()
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let file = parts.next().unwrap_or("");
            let line = parts.next().unwrap_or("");
            let code = l
                .split('[')
                .nth(1)
                .and_then(|r| r.split(']').next())
                .unwrap_or("");
            format!("{file}:{line} {code}")
        })
        .collect();
    for flaw in [
        "plans/phu-tho/kh-sct-2021.toml:9 gplan::malformed-number",
        "plans/phu-tho/kh-sct-2021.toml:14 gplan::incomplete-issued",
        "plans/phu-tho/kh-sct-2021.toml:119 gplan::ref-skip",
        "plans/phu-tho/kh-btg-2016-2020.toml:242 gplan::unknown-org",
    ] {
        assert!(found.contains(flaw), "{flaw} missing from:\n{stdout}");
    }
    assert!(!stdout.contains("error["), "{stdout}");
}

#[test]
fn the_lai_chau_2023_plan_yields_its_documented_deadlines() {
    let rows = json(&[
        "due",
        "--after",
        "2023-01-01",
        "--before",
        "2023-12-31",
        "--plan",
        "lai-chau/kh-01-2023",
        "--format",
        "json",
    ]);
    let deadlines: BTreeSet<&str> = rows.iter().filter_map(|r| r["deadline"].as_str()).collect();
    assert_eq!(
        deadlines,
        [
            "2023-06-05",
            "2023-06-30",
            "2023-09-30",
            "2023-12-05",
            "2023-12-15",
            "2023-12-31"
        ]
        .into()
    );
    let hung_yen = json(&[
        "due",
        "--after",
        "2024-01-01",
        "--before",
        "2024-12-31",
        "--plan",
        "53/KH-UBND",
        "--format",
        "json",
    ]);
    let deadlines: Vec<(&str, &str)> = hung_yen
        .iter()
        .filter_map(|r| Some((r["deadline"].as_str()?, r["task"].as_str()?)))
        .collect();
    // The report before 15/11; the duties written "hằng năm" with no day
    // take the whole year, in the document's order (II.5, III.2, IV.1.b,
    // IV.2.a, IV.4); the sơ kết and tổng kết have no date at all.
    assert_eq!(
        deadlines,
        [
            ("2024-11-15", "bao-cao-hang-nam"),
            ("2024-12-31", "thanh-tra-kiem-tra"),
            ("2024-12-31", "lap-du-toan-ngan-sach"),
            ("2024-12-31", "snv-bao-cao-bo-noi-vu"),
            ("2024-12-31", "sldtbxh-trien-khai-phap-luat"),
            ("2024-12-31", "stc-bo-tri-kinh-phi"),
        ]
    );
}

/// The (task, role) pairs `owners NAME --jurisdiction ID` gives a body.
fn roles(name: &str, jurisdiction: &str) -> BTreeSet<(String, String)> {
    json(&[
        "owners",
        name,
        "--jurisdiction",
        jurisdiction,
        "--format",
        "json",
    ])
    .iter()
    .map(|r| {
        let field = |k: &str| r[k].as_str().unwrap_or("").to_owned();
        (field("task"), field("role"))
    })
    .collect()
}

#[test]
fn a_body_that_phoi_hop_is_support_and_occasions_are_not_deadlines() {
    let pair = |task: &str, role: &str| (task.to_owned(), role.to_owned());
    // Hưng Yên IV.4: Sở Tài chính "phối hợp" in the budget report, leads
    // the guidance and inspection of the funds.
    let tai_chinh = roles("Sở Tài chính", "hung-yen");
    assert!(tai_chinh.contains(&pair("stc-bo-tri-kinh-phi", "support")));
    assert!(tai_chinh.contains(&pair("stc-quan-ly-kinh-phi", "lead")));
    // Sở Công Thương III.1: Văn phòng Sở "phối hợp với tổ chức Công đoàn
    // cơ quan"; nothing makes the union chủ trì.
    let cong_doan = roles("Công đoàn cơ quan", "phu-tho");
    assert!(
        cong_doan.contains(&pair("vp-quan-triet-tuyen-truyen-can-bo-nu", "support")),
        "{cong_doan:?}"
    );
    assert!(!cong_doan.iter().any(|(_, role)| role == "lead"));
    // "kỷ niệm các ngày lễ 8/3, 20/10,..." are occasions, not deadlines.
    let rows = json(&[
        "due",
        "--after",
        "2021-01-01",
        "--before",
        "2025-12-31",
        "--plan",
        "phu-tho/kh-sct-2021",
        "--format",
        "json",
    ]);
    assert!(rows
        .iter()
        .all(|r| r["task"] != "vp-quan-triet-tuyen-truyen-can-bo-nu"));
    // Sở Ngoại vụ 3: the two dated reports, as written.
    let rows = json(&[
        "due",
        "--after",
        "2020-01-01",
        "--before",
        "2020-12-31",
        "--plan",
        "khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020",
        "--format",
        "json",
    ]);
    let reports: Vec<&str> = rows
        .iter()
        .filter(|r| r["task"] == "bao-cao-dinh-ky")
        .filter_map(|r| r["deadline"].as_str())
        .collect();
    assert_eq!(reports, ["2020-06-10", "2020-12-10"]);
}

#[test]
fn so_noi_vu_owes_duties_in_two_provinces_and_a_city() {
    let rows = json(&["owners", "Sở Nội vụ", "--format", "json"]);
    let mut by_scope: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for row in &rows {
        by_scope
            .entry(row["scope"].as_str().unwrap_or(""))
            .or_default()
            .push((
                row["role"].as_str().unwrap_or(""),
                row["plan"].as_str().unwrap_or(""),
            ));
    }
    assert_eq!(
        by_scope.keys().copied().collect::<Vec<_>>(),
        ["ho-chi-minh", "hung-yen", "phu-tho"]
    );
    let hung_yen = &by_scope["hung-yen"];
    assert!(
        hung_yen
            .iter()
            .filter(|(role, plan)| *role == "lead" && *plan == "hung-yen/kh-53-2022")
            .count()
            >= 3,
        "{hung_yen:?}"
    );
    assert!(
        hung_yen.iter().any(|(role, _)| *role == "report"),
        "{hung_yen:?}"
    );
}

#[test]
fn every_seed_plan_sits_under_its_parent() {
    let (code, tree) = bundled(&["tree"]);
    assert_eq!(code, 0);
    let indented_under = |child: &str, parent: &str| {
        let lines: Vec<&str> = tree.lines().collect();
        let child_at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(child))
            .expect("child listed");
        let depth = |l: &str| l.len() - l.trim_start().len();
        let parent_at = lines[..child_at]
            .iter()
            .rposition(|l| depth(l) < depth(lines[child_at]))
            .expect("has a parent line");
        lines[parent_at].trim_start().starts_with(parent)
    };
    for (child, parent) in [
        ("phu-tho/kh-sct-2021 ", "38/KH-BVSTBPN  (outside)"),
        ("phu-tho/kh-btg-2016-2020 ", "1696/QĐ-TTg  (outside)"),
        ("lai-chau/kh-01-2023 ", "1415/KH-UBND  (outside)"),
        (
            "khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020 ",
            "218/KH-UBND  (outside)",
        ),
        ("hung-yen/kh-53-2022 ", "2282/QĐ-TTg  (outside)"),
        ("ho-chi-minh/kh-174-2025 ", "02-TT/TU  (outside)"),
    ] {
        assert!(
            indented_under(child, parent),
            "{child} under {parent}:\n{tree}"
        );
    }
    let (_, show) = bundled(&["show", "01/BVSTBPN-VP"]);
    assert!(
        show.contains("  ↑ 1415/KH-UBND (outside) — Kế hoạch thực hiện Chiến lược Quốc gia"),
        "{show}"
    );
    assert!(Path::new(&root()).join("plans/registry.toml").exists());
}

#[test]
fn the_quickstart_repository_checks_clean() {
    let output = Command::cargo_bin("gplan")
        .expect("binary")
        .env("NO_COLOR", "1")
        .args([
            "--repo",
            root()
                .join("examples/quickstart")
                .to_str()
                .expect("utf-8 path"),
            "check",
            "--format",
            "short",
        ])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("checked 1 plan, 1 registry"));
    assert_eq!(output.status.code(), Some(0));
}

/// The bundled registry as TOML, read apart from gplan's own loader so the
/// counts below pin the file's content.
fn registry_tables(kind: &str) -> Vec<toml::Table> {
    let text = std::fs::read_to_string(root().join("plans/registry.toml")).expect("registry");
    let registry: toml::Table = toml::from_str(&text).expect("valid TOML");
    registry[kind]
        .as_array()
        .expect("an array of tables")
        .iter()
        .map(|t| t.as_table().expect("a table").clone())
        .collect()
}

fn field(table: &toml::Table, key: &str) -> Option<String> {
    table.get(key).map(|v| match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

#[test]
fn the_registry_loads_with_no_findings() {
    let (code, stdout) = bundled(&["check", "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("valid JSON");
    let in_registry: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["file"] == "plans/registry.toml")
        .collect();
    assert!(in_registry.is_empty(), "{in_registry:#?}");
}

/// Nghị quyết 202/2025/QH15 (in force 12 June 2025): 63 province-level
/// units before, 34 after; each of the 29 others merged into one of the 34,
/// recorded on 1 July 2025, the day the 34 began work.
#[test]
fn the_registry_holds_63_provinces_34_today_and_29_merged() {
    let provinces: Vec<toml::Table> = registry_tables("jurisdiction")
        .into_iter()
        .filter(|j| field(j, "level").as_deref() == Some("province"))
        .collect();
    let today: BTreeSet<String> = provinces
        .iter()
        .filter(|j| !j.contains_key("merged_into"))
        .filter_map(|j| field(j, "id"))
        .collect();
    let merged: Vec<&toml::Table> = provinces
        .iter()
        .filter(|j| j.contains_key("merged_into"))
        .collect();
    assert_eq!(provinces.len(), 63);
    assert_eq!(today.len(), 34);
    assert_eq!(merged.len(), 29);
    for j in &merged {
        let into = field(j, "merged_into").unwrap_or_default();
        assert!(today.contains(&into), "{j:?} merges into {into}");
        assert_eq!(
            field(j, "merged_on").as_deref(),
            Some("2025-07-01"),
            "{j:?}"
        );
        assert_eq!(field(j, "parent").as_deref(), Some("vn"), "{j:?}");
    }
    for kept in ["phu-tho", "hung-yen", "lai-chau", "ho-chi-minh", "hue"] {
        assert!(today.contains(kept), "{kept} is one of the 34");
    }
}

/// Nghị định 45/2025/NĐ-CP: the departments merged on 1 March 2025; Luật
/// 72/2025/QH15: the district level ended on 1 July 2025.
#[test]
fn the_registry_records_the_2025_dissolutions_and_their_successors() {
    let dissolved: BTreeSet<(String, String, String)> = registry_tables("org")
        .iter()
        .filter_map(|o| {
            Some((
                field(o, "dissolved")?,
                field(o, "name")?,
                field(o, "successor")?,
            ))
        })
        .collect();
    let expected: BTreeSet<(String, String, String)> = [
        ("2025-03-01", "Sở Giao thông vận tải", "Sở Xây dựng"),
        ("2025-03-01", "Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
        (
            "2025-03-01",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Nội vụ",
        ),
        (
            "2025-03-01",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Sở Nông nghiệp và Môi trường",
        ),
        (
            "2025-03-01",
            "Sở Thông tin và Truyền thông",
            "Sở Khoa học và Công nghệ",
        ),
        (
            "2025-03-01",
            "Sở Tài nguyên và Môi trường",
            "Sở Nông nghiệp và Môi trường",
        ),
        (
            "2025-07-01",
            "Ủy ban nhân dân các huyện, thành phố",
            "Ủy ban nhân dân các xã, phường, đặc khu",
        ),
    ]
    .iter()
    .map(|(d, n, s)| ((*d).to_owned(), (*n).to_owned(), (*s).to_owned()))
    .collect();
    assert_eq!(dissolved, expected);
}

#[test]
fn the_registry_marks_the_six_cities() {
    let cities: BTreeSet<String> = registry_tables("jurisdiction")
        .into_iter()
        .filter(|j| field(j, "kind").as_deref() == Some("city"))
        .filter_map(|j| field(&j, "id"))
        .collect();
    assert_eq!(
        cities,
        [
            "can-tho",
            "da-nang",
            "ha-noi",
            "hai-phong",
            "ho-chi-minh",
            "hue"
        ]
        .map(String::from)
        .into()
    );
}

/// Kế hoạch 174/KH-UBND of Thành phố Hồ Chí Minh: what its forms give.
#[test]
fn the_ho_chi_minh_plan_keeps_its_forms() {
    let config =
        gplan::config::Config::new(&root(), chrono::NaiveDate::MIN, false).expect("config");
    let repo = gplan::repo::Repo::load(&config).expect("loads");
    let plan = repo
        .plans
        .iter()
        .find(|p| p.id.value == "ho-chi-minh/kh-174-2025")
        .expect("bundled");
    let direction = |d: gplan::model::Direction| {
        plan.targets
            .iter()
            .filter(|t| t.by.is_none() && t.direction == d)
            .count()
    };
    use gplan::model::Direction::*;
    assert_eq!(
        [AtLeast, Above, AtMost, Below, About].map(direction),
        [18, 2, 2, 2, 1]
    );
    assert_eq!(plan.targets.iter().filter(|t| t.by.is_some()).count(), 1);
    assert_eq!(plan.targets.iter().filter(|t| t.sustained).count(), 5);
    assert_eq!(
        plan.targets.iter().filter(|t| !t.groups.is_empty()).count(),
        2
    );
    assert_eq!(
        plan.targets.iter().filter(|t| t.baseline.is_some()).count(),
        1
    );
    let tasks = &plan.tasks;
    assert_eq!(tasks.iter().filter(|t| t.lead.is_empty()).count(), 12);
    assert_eq!(tasks.iter().filter(|t| !t.requested.is_empty()).count(), 2);
    assert_eq!(tasks.iter().filter(|t| t.when.is_some()).count(), 1);
    assert_eq!(tasks.iter().filter(|t| t.due.is_empty()).count(), 11);
    let end = tasks
        .iter()
        .filter(|t| t.due.iter().any(|d| d.written() == "end"))
        .count();
    assert_eq!(end, 7);
}

#[test]
fn owners_names_a_city_body_as_the_city_writes_it() {
    let rows = json(&[
        "owners",
        "Hội Liên hiệp Phụ nữ Thành phố",
        "--format",
        "json",
    ]);
    let orgs: BTreeSet<(&str, &str, &str)> = rows
        .iter()
        .filter_map(|r| {
            Some((
                r["org"].as_str()?,
                r["scope"].as_str()?,
                r["role"].as_str()?,
            ))
        })
        .collect();
    assert!(
        orgs.contains(&("Hội Liên hiệp Phụ nữ Thành phố", "ho-chi-minh", "requested")),
        "{orgs:?}"
    );
    assert!(
        orgs.iter()
            .filter(|(_, scope, _)| *scope != "ho-chi-minh")
            .all(|(org, _, _)| *org == "Hội Liên hiệp Phụ nữ tỉnh"),
        "{orgs:?}"
    );
}
