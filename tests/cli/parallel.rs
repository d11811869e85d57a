//! Files are loaded in parallel: whatever the number of threads, every
//! command prints the same bytes. The repository is written here: many
//! plans across folders, with findings of many kinds, some pointing at a
//! second file (duplicate ids, weaker targets, cycles).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;

const REGISTRY: &str = r#"[[jurisdiction]]
id = "vn"
name = "Việt Nam"
level = "nation"

[[jurisdiction]]
id = "lai-chau"
name = "Lai Châu"
level = "province"
parent = "vn"

[[jurisdiction]]
id = "thai-binh"
name = "Thái Bình"
level = "province"
parent = "vn"
merged_into = "hung-yen"
merged_on = 2025-07-01

[[jurisdiction]]
id = "hung-yen"
name = "Hưng Yên"
level = "province"
parent = "vn"

[[org]]
name = "Ủy ban nhân dân tỉnh"
short = "UBND tỉnh"
level = "province"

[[org]]
name = "Sở Nội vụ"
level = "province"

[[org]]
name = "Sở Lao động - Thương binh và Xã hội"
short = "Sở LĐTBXH"
level = "province"
dissolved = 2025-03-01
successor = "Sở Nội vụ"

[[org]]
name = "Sở Y tế"
level = "province"

[[org]]
name = "Văn phòng Sở"
level = "unit"

[[org]]
name = "Bộ Nội vụ"
level = "nation"
"#;

const LEADS: &[&str] = &[
    "Sở Nội vụ",
    "Sở LĐTBXH",
    "Sở Lao động-Thương binh và Xã hội",
    "Sở Y tế",
    "Văn phòng Sở",
    "Bộ Nội vụ",
    "Sở Không Có",
    "UBND tỉnh",
];

const DUES: &[&str] = &[
    "\"2023-Q2\"",
    "\"yearly 12-05\"",
    "[\"yearly 06-05\", 2024-12-05]",
    "\"Quý II\"",
    "\"2024-03..2024-01\"",
    "\"yearly 11-15..01-15\"",
    "2031-01-01",
    "\"2025-07\"",
];

/// Writes a repository of `plans` plans with findings of many kinds.
fn write_repo(root: &Path, plans: usize) {
    std::fs::create_dir_all(root.join("plans")).expect("plans folder");
    std::fs::write(root.join("plans/registry.toml"), REGISTRY).expect("registry");
    for i in 0..plans {
        let folder = ["lai-chau", "thai-binh", "hung-yen", "vn", "lai-chau/so-nv"][i % 5];
        let jurisdiction = if folder == "vn" {
            "vn"
        } else {
            folder.split('/').next().unwrap_or(folder)
        };
        let id = if i % 37 == 36 {
            format!("p/kh-{}", i - 1) // a duplicate id, first defined in another file
        } else {
            format!("p/kh-{i}")
        };
        let mut s = String::new();
        if i % 19 == 5 {
            s.push('\u{feff}');
        }
        let _ = writeln!(s, "[plan]\nid = \"{id}\"");
        if i % 29 != 3 {
            let _ = writeln!(s, "number = \"{i}/KH-UBND\"");
        }
        let title = if i % 31 == 7 {
            "Ke\u{302}\u{301} hoạch" // NFD: not-nfc
        } else {
            "Kế hoạch thực hiện công tác bình đẳng giới"
        };
        let _ = writeln!(
            s,
            "title = \"{title} {i}\"\nissuer = \"{}\"\njurisdiction = \"{jurisdiction}\"",
            LEADS[i % 3]
        );
        let issued = if i % 11 == 4 {
            "\"2022\""
        } else {
            "2023-02-01"
        };
        let _ = writeln!(s, "issued = {issued}\nperiod = [2023, 2026]");
        let parent = match i {
            0 => None,
            10 => Some("p/kh-11".to_owned()),
            11 => Some("p/kh-10".to_owned()),
            i if i % 41 == 40 => Some("p/khong-co".to_owned()),
            i => Some(format!("p/kh-{}", i / 3)),
        };
        if let Some(parent) = &parent {
            let _ = writeln!(s, "implements = [\"{parent}\"]");
        }
        let value = if i % 13 == 12 { 10 } else { 60 + i % 7 };
        let _ = writeln!(
            s,
            "\n[[target]]\nid = \"nu\"\ntext = \"Tỷ lệ nữ\"\nunit = \"%\"\nmilestones = {{ 2025 = {value} }}"
        );
        if let Some(parent) = parent {
            let _ = writeln!(s, "refines = \"{parent}#nu\"");
        }
        for t in 0..8 {
            let section = if t == 5 && i % 7 == 0 { 9 } else { t + 1 };
            let _ = writeln!(
                s,
                "\n[[task]]\nid = \"t{t}\"\nref = \"II.{section}\"\ntitle = \"Nhiệm vụ {t} của kế hoạch {i}\"\nlead = \"{}\"\nsupport = [\"{}\", \"Các sở, ngành\"]\ndue = {}",
                LEADS[(i + t) % LEADS.len()],
                LEADS[(i * 3 + t) % LEADS.len()],
                DUES[(i * 5 + t) % DUES.len()],
            );
        }
        if i % 23 == 22 {
            s.push_str("\n[[task]]\nid = \"hong\"\ntitle = \"chưa đóng\n");
        }
        let path = root.join("plans").join(folder).join(format!("kh-{i}.toml"));
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(path, s).expect("plan written");
    }
    std::fs::write(
        root.join("plans/lai-chau/latin1.toml"),
        b"[plan]\nid = \"p/latin1\"\ntitle = \"K\xe9\"\n",
    )
    .expect("latin-1 file");
}

/// stdout, stderr and exit code of one run with `threads` rayon threads.
fn run(root: &Path, threads: &str, args: &[&str]) -> (String, String, i32) {
    let output = Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env("RAYON_NUM_THREADS", threads)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("GPLAN_TODAY")
        .arg("--repo")
        .arg(root)
        .args(["--today", "2023-06-01"])
        .args(args)
        .output()
        .expect("gplan runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_repo(dir.path(), 120);
    let commands: &[&[&str]] = &[
        &["check", "-q", "--format", "json"],
        &["check", "-q", "--format", "short"],
        &["check", "-q", "--format", "github"],
        &["check", "-q"],
        &["check", "-q", "plans/thai-binh"],
        &[
            "due",
            "--after",
            "2000-01-01",
            "--before",
            "2100-12-31",
            "--format",
            "json",
        ],
        &["due", "--format", "csv"],
        &["owners", "--format", "json"],
        &["owners", "Sở Nội vụ", "--format", "json"],
    ];
    for args in commands {
        let one = run(dir.path(), "1", args);
        assert!(
            !one.0.is_empty(),
            "gplan {args:?} printed nothing: {}",
            one.1
        );
        let many = run(dir.path(), "4", args);
        assert!(
            one == many,
            "gplan {args:?} differs between 1 and 4 threads:\n--- 1 thread\n{}\n{}\n--- 4 threads\n{}\n{}",
            one.0,
            one.1,
            many.0,
            many.1
        );
    }
    // The repository exercises findings of many kinds, in many files.
    let (json, _, code) = run(dir.path(), "3", &["check", "--format", "json"]);
    assert_eq!(code, 1);
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
    let codes: BTreeSet<&str> = items.iter().filter_map(|d| d["code"].as_str()).collect();
    let files: BTreeSet<&str> = items.iter().filter_map(|d| d["file"].as_str()).collect();
    for code in [
        "gplan::toml-syntax",
        "gplan::not-utf8",
        "gplan::duplicate-plan-id",
        "gplan::unknown-parent",
        "gplan::reference-cycle",
        "gplan::weaker-target",
        "gplan::unknown-org",
        "gplan::malformed-due",
        "gplan::window-reversed",
        "gplan::outside-period",
        "gplan::not-nfc",
        "gplan::ref-skip",
        "gplan::missing-number",
        "gplan::incomplete-issued",
    ] {
        assert!(codes.contains(code), "no {code} in {codes:?}");
    }
    assert!(files.len() > 100, "findings in only {} files", files.len());
}

/// `due` formats its rows in pieces of 4,096 on every thread and writes
/// them in the listing's order: a listing of many pieces, over several
/// rounds of them, is the same bytes on one thread and on four, and the
/// JSON is one array.
#[test]
fn a_listing_of_many_pieces_does_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_repo(dir.path(), 1300);
    let whole_period = ["due", "--after", "2000-01-01", "--before", "2100-12-31"];
    for format in ["json", "csv"] {
        let args = [&whole_period[..], &["--format", format]].concat();
        let one = run(dir.path(), "1", &args);
        let many = run(dir.path(), "4", &args);
        assert!(
            one == many,
            "gplan {args:?} differs between 1 and 4 threads"
        );
        if format == "json" {
            let rows: Vec<serde_json::Value> = serde_json::from_str(&one.0).expect("JSON");
            assert!(
                rows.len() > 4 * 4096,
                "{} rows: fewer than a round of pieces on four threads",
                rows.len()
            );
            let deadlines: Vec<&str> = rows.iter().filter_map(|r| r["deadline"].as_str()).collect();
            assert!(
                deadlines.windows(2).all(|w| w[0] <= w[1]),
                "rows out of order"
            );
        }
    }
}
