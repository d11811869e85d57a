//! `gplan show`, `gplan tree`, target cascades and `gplan schema`.

use std::path::Path;

use crate::common::{check_json, run, Finding};

const TREE: &str = "\
vn/nq-28-2021  28/NQ-CP  2021..2030  Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030
    hung-yen/kh-05-2022  05/KH-UBND  2022..2022  Kế hoạch bình đẳng giới năm 2022 của Hưng Yên
    lai-chau/kh-1415-2021  1415/KH-UBND  2021..2025  Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới tỉnh Lai Châu
        lai-chau/kh-01-2023  01/BVSTBPN-VP  2023..2023  Kế hoạch công tác bình đẳng giới năm 2023
        lai-chau/kh-05-2022  05/KH-UBND  2022..2022  Kế hoạch bình đẳng giới năm 2022 của Lai Châu
vn/qd-2282-2020  2282/QĐ-TTg  2021..2030  Chương trình tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo
    lai-chau/kh-1415-2021  1415/KH-UBND  2021..2025  Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới tỉnh Lai Châu  (also above)
";

#[test]
fn tree_lists_children_under_each_parent_and_marks_the_repeat() {
    let run = unwrapped(&["tree"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, TREE);
}

/// A run into a pipe without `COLUMNS`: lines are not wrapped.
fn unwrapped(args: &[&str]) -> crate::common::Run {
    unwrapped_in("forest", args)
}

/// Like [`unwrapped`], on another fixture.
fn unwrapped_in(case: &str, args: &[&str]) -> crate::common::Run {
    let output = crate::common::gplan(case)
        .env_remove("COLUMNS")
        .args(args)
        .output()
        .expect("gplan runs");
    crate::common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn show_by_id_and_by_number_print_the_same_plan() {
    let by_id = unwrapped(&["show", "lai-chau/kh-01-2023"]);
    let by_number = unwrapped(&["show", "01/BVSTBPN-VP"]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    assert_eq!(by_id.stdout, by_number.stdout);
    insta::assert_snapshot!(by_id.stdout);
}

#[test]
fn show_lists_the_ancestry_nearest_first() {
    let run = run(
        "forest",
        &["show", "lai-chau/kh-01-2023", "--format", "json"],
    );
    let plan: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let ancestry: Vec<(u64, &str)> = plan["ancestry"]
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            (
                a["depth"].as_u64().unwrap_or(0),
                a["id"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        ancestry,
        [
            (1, "lai-chau/kh-1415-2021"),
            (2, "vn/nq-28-2021"),
            (2, "vn/qd-2282-2020")
        ]
    );
}

#[test]
fn show_compares_bands_and_ceilings_with_the_parent_targets() {
    let run = run("forest", &["show", "1415/KH-UBND", "--format", "json"]);
    let plan: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(
        plan["targets"],
        serde_json::json!([
            {
                "id": "nu-lanh-dao", "text": "Cơ quan có lãnh đạo chủ chốt là nữ", "unit": "%",
                "direction": "at-least", "ref": null, "kind": "numeric", "by": null, "baseline": null, "groups": [], "sustained": false, "note": null, "refines": "vn/qd-2282-2020#nu-lanh-dao",
                "milestones": [
                    { "year": 2025, "group": null, "value": [55, 65], "parent": 60, "at_least_as_strong": false },
                    { "year": 2030, "group": null, "value": null, "parent": 75, "at_least_as_strong": null }
                ]
            },
            {
                "id": "bao-luc-gia-dinh", "text": "Tỷ lệ phụ nữ bị bạo lực gia đình", "unit": "%",
                "direction": "at-most", "ref": null, "kind": "numeric", "by": null, "baseline": null, "groups": [], "sustained": false, "note": null, "refines": "vn/nq-28-2021#bao-luc-gia-dinh",
                "milestones": [
                    { "year": 2023, "group": null, "value": 18.5, "parent": null, "at_least_as_strong": null },
                    { "year": 2025, "group": null, "value": 18, "parent": 20, "at_least_as_strong": true },
                    { "year": 2030, "group": null, "value": null, "parent": 15, "at_least_as_strong": null }
                ]
            }
        ])
    );
}

#[test]
fn an_ambiguous_number_lists_the_candidates_and_exits_1() {
    let run = run("forest", &["show", "05/KH-UBND"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("matches 2 plans"), "{}", run.stderr);
    assert!(
        run.stderr.contains("hung-yen/kh-05-2022") && run.stderr.contains("lai-chau/kh-05-2022"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_plan_exits_1_with_a_suggestion() {
    let run = run("forest", &["show", "lai-chau/kh-01-2024"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("did you mean `lai-chau/kh-01-2023`"),
        "{}",
        run.stderr
    );
}

#[test]
fn weaker_targets_are_found_for_bands_and_ceilings() {
    let (code, findings) = check_json("forest");
    assert_eq!(code, 0);
    let weaker = |file: &str, line: u64, column: u64| Finding {
        code: "gplan::weaker-target".to_owned(),
        severity: "warning".to_owned(),
        file: file.to_owned(),
        line,
        column,
    };
    assert_eq!(
        findings,
        [
            weaker("plans/lai-chau/kh-01-2023.toml", 16, 23),
            weaker("plans/lai-chau/kh-1415-2021.toml", 15, 23)
        ]
    );
}

/// A TOML document as the JSON an editor's schema validator sees.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(table) => table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect(),
    }
}

fn schema(args: &[&str]) -> jsonschema::Validator {
    let run = run("forest", args);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("schema is JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("readable");
    toml_to_json(toml::from_str(&text).expect("valid TOML"))
}

#[test]
fn every_bundled_plan_validates_against_the_generated_schema() {
    let plans = schema(&["schema"]);
    let registry = schema(&["schema", "--registry"]);
    let documents = schema(&["schema", "--documents"]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.expect("walkable");
        if entry.path().extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let validator = if entry.file_name() == "registry.toml" {
            &registry
        } else if entry.file_name() == "documents.toml" {
            &documents
        } else {
            &plans
        };
        let errors: Vec<String> = validator
            .iter_errors(&as_json(entry.path()))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", entry.path().display());
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} files checked");
}

#[test]
fn the_schema_rejects_unknown_fields_and_missing_required_ones() {
    let plans = schema(&["schema"]);
    let typo = toml_to_json(
        toml::from_str("[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = 2023\n\n[[task]]\nid = \"a\"\ntitle = \"b\"\nsuport = \"Sở Nội vụ\"\n")
            .expect("valid TOML"),
    );
    assert!(!plans.is_valid(&typo), "an unknown field must fail");
    let missing = toml_to_json(
        toml::from_str("[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\n").expect("valid TOML"),
    );
    assert!(!plans.is_valid(&missing), "a missing period must fail");
}

#[test]
fn tree_puts_an_implemented_outside_document_at_the_root() {
    let run = unwrapped_in("outside", &["tree"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
2232/QĐ-TTg  (outside)  Phê duyệt Chương trình phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025
    tinh/kh-10-2025  10/KH-UBND  2025..2025  Kế hoạch phòng ngừa và ứng phó với bạo lực trên cơ sở giới
        tinh/kh-20-2025  20/KH-SNV  2025..2025  Kế hoạch Tháng hành động
8935/BNV-CTTN&BĐG  (outside)  (no title)
    tinh/kh-20-2025  20/KH-SNV  2025..2025  Kế hoạch Tháng hành động  (also above)
"
    );
}

#[test]
fn show_lists_outside_documents_and_stops_the_ancestry_there() {
    let run = unwrapped_in("outside", &["show", "tinh/kh-10-2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let documents = run.stdout.split("\nDocuments:\n").nth(1).expect("listed");
    assert_eq!(
        documents.split("\n\n").next(),
        Some(
            "  implements 2232/QĐ-TTg — Phê duyệt Chương trình phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025 (Thủ tướng Chính phủ, 2020-12-28)\n  \
             cites      8935/BNV-CTTN&BĐG (Bộ Nội vụ, 2025-10)\n  \
             cites      Luật Bình đẳng giới"
        )
    );
    let json = run_json(&["show", "tinh/kh-20-2025", "--format", "json"]);
    let ancestry: Vec<(u64, &str, bool)> = json["ancestry"]
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            (
                a["depth"].as_u64().unwrap_or(0),
                a["number"].as_str().unwrap_or(""),
                a["outside"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        ancestry,
        [
            (1, "10/KH-UBND", false),
            (1, "8935/BNV-CTTN&BĐG", true),
            (2, "2232/QĐ-TTg", true),
        ]
    );
    assert_eq!(json["documents"][1]["issued"], "2025-10");
    assert_eq!(json["documents"][1]["id"], serde_json::Value::Null);
}

#[test]
fn an_outside_document_is_not_a_plan_to_show() {
    let run = run("outside", &["show", "2232/QĐ-TTg"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: `2232/QĐ-TTg` is an outside document (plans/documents.toml:1), not a plan of the repository\n"
    );
}

#[test]
fn a_catalogue_lets_plans_implement_and_cite_outside_documents_cleanly() {
    let run = run("outside", &["check", "--format", "short"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

fn run_json(args: &[&str]) -> serde_json::Value {
    let run = run("outside", args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("valid JSON")
}

#[test]
fn every_target_form_loads_and_shows_as_the_document_writes_it() {
    let run = unwrapped_in("target-forms", &["show", "tinh/kh-174-2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let targets = run
        .stdout
        .split("\nTargets:\n")
        .nth(1)
        .and_then(|t| t.split("\n\n").next())
        .expect("targets listed");
    assert_eq!(
        targets,
        "  lao-dong-nu-nong-nghiep [Mục tiêu 2, chỉ tiêu 2] (below): Tỷ trọng lao động nữ làm việc trong khu vực nông nghiệp
    2025: 30%
  gio-lam-viec-nha [Mục tiêu 3, chỉ tiêu 1] (at most): Số giờ làm công việc nội trợ không được trả công của phụ nữ
    2025: 1.7 lần
    note Văn bản không ghi so với đối tượng nào.
  ty-so-gioi-tinh-khi-sinh (about): Tỷ số giới tính khi sinh
    2025: 107 trẻ sơ sinh trai/100 trẻ sơ sinh gái sinh ra sống
  tu-vong-ba-me (below): Tỷ lệ tử vong bà mẹ liên quan đến thai sản
    2025: 4/100.000 trẻ sinh ra còn sống
  sinh-o-tre-vi-thanh-nien (at most): Tỷ suất sinh ở trẻ vị thành niên
    baseline 23 ca sinh/1.000 phụ nữ
    2025: 18 ca sinh/1.000 phụ nữ
  nu-thac-si: Tỷ lệ nữ thạc sĩ
    2025: 50%
    sustained every year from the first milestone on
  hoan-thanh-tieu-hoc (above): Tỷ lệ trẻ em trai và trẻ em gái dân tộc thiểu số hoàn thành giáo dục tiểu học
    groups nam, nữ
    2025: 90%
    2030 nam: 92%
    2030 nữ: 95%
  noi-dung-gioi-trong-chuong-trinh (qualitative, by 2025): Nội dung về giới được đưa vào chương trình giảng dạy"
    );
}

#[test]
fn every_target_form_round_trips_through_show_json() {
    let run = run(
        "target-forms",
        &["show", "tinh/kh-174-2025", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(plan["note"], "Bản sao văn bản không có Phụ lục.");
    let target = |id: &str| {
        plan["targets"]
            .as_array()
            .expect("array")
            .iter()
            .find(|t| t["id"] == id)
            .cloned()
            .expect("target listed")
    };
    let below = target("lao-dong-nu-nong-nghiep");
    assert_eq!(below["direction"], "below");
    assert_eq!(below["ref"], "Mục tiêu 2, chỉ tiêu 2");
    assert_eq!(target("ty-so-gioi-tinh-khi-sinh")["direction"], "about");
    assert_eq!(
        target("sinh-o-tre-vi-thanh-nien")["baseline"],
        serde_json::json!({"year": null, "value": 23.0})
    );
    assert_eq!(target("nu-thac-si")["sustained"], true);
    let groups = target("hoan-thanh-tieu-hoc");
    assert_eq!(groups["direction"], "above");
    assert_eq!(groups["groups"], serde_json::json!(["nam", "nữ"]));
    let milestones: Vec<(i64, Option<&str>, f64)> = groups["milestones"]
        .as_array()
        .expect("array")
        .iter()
        .map(|m| {
            (
                m["year"].as_i64().unwrap_or(0),
                m["group"].as_str(),
                m["value"].as_f64().unwrap_or(0.0),
            )
        })
        .collect();
    assert_eq!(
        milestones,
        [
            (2025, None, 90.0),
            (2030, Some("nam"), 92.0),
            (2030, Some("nữ"), 95.0)
        ]
    );
    let qualitative = target("noi-dung-gioi-trong-chuong-trinh");
    assert_eq!(
        (
            &qualitative["kind"],
            &qualitative["by"],
            &qualitative["direction"]
        ),
        (
            &serde_json::json!("qualitative"),
            &serde_json::json!(2025),
            &serde_json::Value::Null
        )
    );
}

#[test]
fn target_forms_check_clean() {
    let run = run("target-forms", &["check", "--format", "short"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}

#[test]
fn show_prints_requested_bodies_conditions_and_the_end_of_the_period() {
    let run = run("duty-forms", &["show", "tinh/kh-174-2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "  V.3 Tham gia phối hợp triển khai thực hiện Kế hoạch\n      requested Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; Hội Liên hiệp Phụ nữ tỉnh\n      due       end\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("      when      trong khi chờ hướng dẫn mới của Trung ương\n"),
        "{}",
        run.stdout
    );
    let run = crate::common::run(
        "duty-forms",
        &["show", "tinh/kh-174-2025", "--format", "json"],
    );
    let plan: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let task = |id: &str| {
        plan["tasks"]
            .as_array()
            .expect("array")
            .iter()
            .find(|t| t["id"] == id)
            .cloned()
            .expect("listed")
    };
    assert_eq!(
        task("mttq-phoi-hop")["requested"][1],
        "Hội Liên hiệp Phụ nữ tỉnh"
    );
    assert_eq!(task("z-bao-cao")["due"], serde_json::json!(["end"]));
    assert_eq!(
        task("kien-toan-ban")["when"],
        "trong khi chờ hướng dẫn mới của Trung ương"
    );
}

#[test]
fn a_part_of_a_document_number_suggests_the_plan_that_holds_it() {
    let run = run("forest", &["show", "01/BVSTBPN"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: no plan has the id or number `01/BVSTBPN`; did you mean `01/BVSTBPN-VP`?\n"
    );
}

#[test]
fn show_lists_the_plans_that_implement_it() {
    let text = unwrapped(&["show", "vn/nq-28-2021"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let start = text.stdout.find("Implemented by:").expect("the section");
    let section = text.stdout[start..]
        .split("\n\n")
        .next()
        .unwrap_or_default();
    assert_eq!(
        section,
        "Implemented by:\n  \
         ↓ 05/KH-UBND hung-yen/kh-05-2022 — Kế hoạch bình đẳng giới năm 2022 của Hưng Yên\n  \
         ↓ 1415/KH-UBND lai-chau/kh-1415-2021 — Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới tỉnh Lai Châu"
    );
    let json = run("forest", &["show", "vn/nq-28-2021", "--format", "json"]);
    let plan: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(
        plan["implemented_by"],
        serde_json::json!([
            {"id": "hung-yen/kh-05-2022", "number": "05/KH-UBND",
             "title": "Kế hoạch bình đẳng giới năm 2022 của Hưng Yên"},
            {"id": "lai-chau/kh-1415-2021", "number": "1415/KH-UBND",
             "title": "Kế hoạch thực hiện Chiến lược quốc gia về bình đẳng giới tỉnh Lai Châu"}
        ])
    );
    let leaf = run(
        "forest",
        &["show", "lai-chau/kh-01-2023", "--format", "json"],
    );
    let leaf: serde_json::Value = serde_json::from_str(&leaf.stdout).expect("valid JSON");
    assert_eq!(leaf["implemented_by"], serde_json::json!([]));
    assert!(!unwrapped(&["show", "lai-chau/kh-01-2023"])
        .stdout
        .contains("Implemented by"));
}

#[test]
fn tree_json_nests_each_plan_under_its_parents_as_the_text_does() {
    let run = run("forest", &["tree", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roots: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    /// `id` and `repeated` of each node, children indented, as the text
    /// tree lists them.
    fn outline(nodes: &serde_json::Value, out: &mut Vec<String>) {
        let mut stack: Vec<(&serde_json::Value, usize)> = nodes
            .as_array()
            .map(|a| a.iter().rev().map(|n| (n, 0)).collect())
            .unwrap_or_default();
        while let Some((node, depth)) = stack.pop() {
            let repeated = if node["repeated"] == true {
                " (also above)"
            } else {
                ""
            };
            out.push(format!(
                "{}{}{repeated}",
                "  ".repeat(depth),
                node["id"].as_str().unwrap_or("?")
            ));
            if let Some(children) = node["children"].as_array() {
                stack.extend(children.iter().rev().map(|c| (c, depth + 1)));
            }
        }
    }
    let mut lines = Vec::new();
    outline(&roots, &mut lines);
    assert_eq!(
        lines,
        [
            "vn/nq-28-2021",
            "  hung-yen/kh-05-2022",
            "  lai-chau/kh-1415-2021",
            "    lai-chau/kh-01-2023",
            "    lai-chau/kh-05-2022",
            "vn/qd-2282-2020",
            "  lai-chau/kh-1415-2021 (also above)",
        ]
    );
    let first = &roots[0];
    assert_eq!(first["number"], "28/NQ-CP");
    assert_eq!(
        first["period"],
        serde_json::json!({"from": "2021-01-01", "to": "2030-12-31"})
    );
    assert_eq!(first["file"], "plans/vn/nq-28-2021.toml");
    assert_eq!(first["outside"], false);
}

#[test]
fn tree_json_marks_outside_documents_as_show_does() {
    let run = run("outside", &["tree", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roots: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let root = &roots[0];
    assert_eq!(root["outside"], true);
    assert_eq!(root["id"], serde_json::Value::Null);
    assert_eq!(root["number"], "2232/QĐ-TTg");
    assert_eq!(root["children"][0]["id"], "tinh/kh-10-2025");
    assert_eq!(root["children"][0]["outside"], false);
}
