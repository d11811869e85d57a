//! `gplan check` beyond one case per rule: the exact output of every
//! rule is pinned by its case under `tests/cmd/` (see `cmd.rs`); here are
//! what those cases do not show (help texts, second locations, the human
//! format, `--deny-warnings`) and the `tests/fixtures/valid-<family>/`
//! repositories full of tricky-but-valid forms that must produce no finding.

use serde_json::Value;

use crate::common::{run, Finding};

/// The plan file most cases put their finding in.
const LAI_CHAU_2023: &str = "plans/lai-chau/kh-01-2023.toml";

fn warning(code: &str, file: &str, line: u64, column: u64) -> Finding {
    Finding {
        code: format!("gplan::{code}"),
        severity: "warning".to_owned(),
        file: file.to_owned(),
        line,
        column,
    }
}

/// The raw JSON objects of `check --format json`, for messages and help.
fn json(case: &str, args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = run(case, &all);
    let items = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json on {case} printed invalid JSON ({e}):\n{}\n{}",
            run.stdout, run.stderr
        )
    });
    (run.code, items)
}

/// The only finding of a fixture, as JSON.
fn only(case: &str) -> Value {
    let (_, mut items) = json(case, &[]);
    assert_eq!(items.len(), 1, "{case}: {items:#?}");
    items.remove(0)
}

/// The JSON objects reduced to what tests compare, as `check_json` does.
fn findings(items: &[Value]) -> Vec<Finding> {
    items
        .iter()
        .map(|v| Finding {
            code: text(v, "code").to_owned(),
            severity: text(v, "severity").to_owned(),
            file: text(v, "file").to_owned(),
            line: v["line"].as_u64().unwrap_or_default(),
            column: v["column"].as_u64().unwrap_or_default(),
        })
        .collect()
}

fn text<'v>(item: &'v Value, key: &str) -> &'v str {
    item[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {item:#}"))
}

/// A valid fixture: no finding, exit 0, and every plan file loaded as a plan
/// (so a file silently ignored cannot make the test pass).
fn assert_clean(case: &str, plans: usize) {
    let run = run(case, &["check", "--format", "json"]);
    let items: Vec<Value> = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{case}: invalid JSON ({e}):\n{}", run.stdout));
    assert_eq!(items, Vec::<Value>::new(), "{case} must check clean");
    assert_eq!(run.code, 0, "exit code on {case}; stderr:\n{}", run.stderr);
    let noun = if plans == 1 { "plan" } else { "plans" };
    let summary = format!("checked {plans} {noun}, 1 registry in ");
    assert!(
        run.stderr.contains(&summary),
        "{case}: expected `{summary}` in stderr:\n{}",
        run.stderr
    );
}

#[test]
fn valid_syntax_bom_crlf_and_every_optional_field_load_cleanly() {
    // kh-01: every optional field, literal and multi-line strings, trailing
    // commas; kh-02: a UTF-8 BOM; hung-yen/kh-53: CRLF line ends;
    // ghi-chu.toml: a TOML file without `[plan]`, ignored.
    assert_clean("valid-syntax", 3);
    let verbose = run("valid-syntax", &["check", "--verbose", "--format", "json"]);
    assert!(
        verbose
            .stderr
            .contains("ignored plans/lai-chau/ghi-chu.toml"),
        "{}",
        verbose.stderr
    );
}

/// kh-02-2023.toml was copied from kh-01-2023.toml and kept its id: one
/// finding, in the second file, naming the first; the human report shows both
/// places.
#[test]
fn duplicate_plan_id_is_reported_once_in_the_second_file_with_both_places() {
    let second = "plans/lai-chau/kh-02-2023.toml";
    let item = only("../cmd/duplicate-plan-id.in");
    assert!(
        text(&item, "message").contains(LAI_CHAU_2023),
        "the message names the first file: {item:#}"
    );
    let human = run("../cmd/duplicate-plan-id.in", &["check"]);
    for place in [format!("{second}:2:6"), format!("{LAI_CHAU_2023}:2:6")] {
        assert!(
            human.stdout.contains(&place),
            "{place} in:\n{}",
            human.stdout
        );
    }
}

#[test]
fn valid_ids_with_dots_slashes_and_digits() {
    // `lai-chau/2023/kh-01.v2`, task ids `ii.1-tap-huan` and `2023`, a target
    // id `2023.nu-lanh-dao`, and the task id `tap-huan` in two plans.
    assert_clean("valid-ids", 3);
}

#[test]
fn valid_references_by_id_number_and_item() {
    // A chain vn → province → 2023 plan; a plan implementing its parent by
    // document number ("01/BVSTBPN-VP") and its grandparent by id (a diamond,
    // not a cycle); `plan#task` implements by id and by number
    // ("1415/KH-UBND#kiem-tra"); a target refining the national one.
    assert_clean("valid-references", 4);
}

#[test]
fn valid_dates_periods_and_due_forms() {
    // `period = [2021, 2030]`, `period = 2023`, `period = [2022-03-25, 2024]`;
    // `issued = 2023-03-23` and `issued = "2022-03-25"`; due arrays mixing
    // TOML dates and strings; `yearly 11-15..12-15`, `yearly 12-15..01-15`
    // (also in a one-year plan), `yearly 02-29` over leap years, windows
    // `2023-06..2023-06` and `2023-01..2023-12-31`, the last day of the period.
    assert_clean("valid-dates", 3);
}

#[test]
fn weaker_target_help_shows_the_parent_value_as_written() {
    let item = only("../cmd/weaker-target.in");
    let help = text(&item, "help");
    assert!(
        help.contains("60") && !help.contains("Single") && !help.contains("60.0"),
        "{help:?}"
    );
}

/// A plan put in a progress folder is read by no one: the help says where
/// plans are read from, not which fields a progress file has.
#[test]
fn a_plan_in_a_progress_folder_is_told_where_plans_belong() {
    let item = only("../cmd/progress-holds-a-plan.in");
    assert_eq!(
        text(&item, "message"),
        "a plan in a progress folder: it has `plan`"
    );
    assert_eq!(
        text(&item, "help"),
        "plans are read only from the plans folders (`plans` in gplan.toml): \
         move this file into one; a progress file holds `[[report]]` and `[[actual]]`"
    );
}

#[test]
fn valid_targets_bands_ceilings_and_boundaries() {
    // A band [60, 70] refining "at least 60"; an `at-most` target refining an
    // `at-most` parent with lower (stronger) values, in a non-% unit above
    // 100; a band [30, 40] refining the same band; 0 and 100 %; a milestone
    // year the parent does not have.
    assert_clean("valid-targets", 2);
}

#[test]
fn deny_warnings_makes_a_warning_fail_the_run() {
    let expected = [warning("missing-number", LAI_CHAU_2023, 3, 1)];
    let (code, items) = json("../cmd/missing-number.in", &["--deny-warnings"]);
    assert_eq!(findings(&items), expected);
    assert_eq!(code, 1, "--deny-warnings fails on a warning");
}

#[test]
fn valid_numbers_of_every_form() {
    // 26-NQ/TW, 30/2020/NĐ-CP, 129/LĐTBXH-BĐG, 1696/QĐ-TTg, 202/2025/QH15,
    // "01 /BVSTBPN-VP" (as printed), 53/KH-UBND, 12/CTr-UBND, 07/KH-LĐTB&XH.
    assert_clean("valid-numbers", 9);
}

#[test]
fn valid_orgs_resolve_every_spelling() {
    // "Uỷ ban nhân dân tỉnh" (old tone placement), "Sở Văn hoá, …", no spaces
    // round the dash, an en dash, lower and upper case, doubled spaces, short
    // names and aliases, a unit org; a body led before its dissolution and its
    // successor after; a merged jurisdiction; a plan without jurisdiction.
    assert_clean("valid-orgs", 4);
}

#[test]
fn valid_text_and_section_refs() {
    // II.3, II.3 (two agencies, one section), II.4; I.1, I.2 then II.x; a task
    // without ref; III.1.a … d, đ, e; "IV." then "V."; NFC text.
    assert_clean("valid-text", 1);
}

/// Points of a clause are lettered in the Vietnamese alphabet, which has no
/// f, j, w or z: a, b, c, d, đ, e, g, h, i, k follow each other without a gap.
#[test]
fn valid_text_points_lettered_in_the_vietnamese_alphabet() {
    assert_clean("valid-text-letters", 1);
}

#[test]
fn help_texts_name_the_fix() {
    let cases = [
        ("../cmd/unknown-field.in", "did you mean `support`?"),
        (
            "../cmd/unknown-parent.in",
            "did you mean `lai-chau/kh-1415-2021`?",
        ),
        (
            "../cmd/unknown-parent-item.in",
            "did you mean `lai-chau/kh-1415-2021#kiem-tra`?",
        ),
        ("../cmd/unknown-jurisdiction.in", "did you mean `lai-chau`?"),
        ("../cmd/dissolved-lead.in", "`Sở Nội vụ`"),
        ("../cmd/registry-reference.in", "did you mean `Sở Nội vụ`?"),
        ("../cmd/malformed-due.in", "\"yearly 11-15..12-15\""),
        (
            "../cmd/ambiguous-number.in",
            "`hung-yen/kh-01-2021`, `lai-chau/kh-01-2021`",
        ),
    ];
    for (case, wanted) in cases {
        let item = only(case);
        let help = text(&item, "help");
        assert!(help.contains(wanted), "{case}: {wanted:?} in {help:?}");
    }
}
