//! `gplan check`, rule by rule.
//!
//! Every rule code (except `unreadable-file` and `file-too-large`, which
//! belong to the hostile-input suite) has a fixture repository
//! `tests/fixtures/rule-<code>/` that triggers it exactly once and nothing
//! else; each test compares the whole list of findings, so a stray finding
//! fails it. Each family of rules also has a `tests/fixtures/valid-<family>/`
//! repository full of tricky-but-valid forms that must produce no finding.
//!
//! Line and column numbers were worked out from the fixture texts (columns
//! count characters, 1-based), not copied from gplan's output.

use serde_json::Value;

use crate::common::{check_json, run, Finding};

/// The plan file most fixtures put their finding in.
const LAI_CHAU_2023: &str = "plans/lai-chau/kh-01-2023.toml";
/// The provincial 2021–2030 plan of the target and reference fixtures.
const LAI_CHAU_1415: &str = "plans/lai-chau/kh-1415-2021.toml";
/// The organisation registry of every fixture.
const REGISTRY: &str = "plans/registry.toml";

fn finding(severity: &str, code: &str, file: &str, line: u64, column: u64) -> Finding {
    Finding {
        code: format!("gplan::{code}"),
        severity: severity.to_owned(),
        file: file.to_owned(),
        line,
        column,
    }
}

fn error(code: &str, file: &str, line: u64, column: u64) -> Finding {
    finding("error", code, file, line, column)
}

fn warning(code: &str, file: &str, line: u64, column: u64) -> Finding {
    finding("warning", code, file, line, column)
}

/// Runs `check --format json` on a fixture and compares everything.
fn assert_check(case: &str, exit: i32, expected: &[Finding]) {
    let (code, findings) = check_json(case);
    assert_eq!(findings, expected, "findings of `gplan check` on {case}");
    assert_eq!(code, exit, "exit code of `gplan check` on {case}");
}

/// One error: exit 1.
fn assert_error(case: &str, expected: Finding) {
    assert_check(case, 1, &[expected]);
}

/// One warning: exit 0 (warnings fail only with `--deny-warnings`).
fn assert_warning(case: &str, expected: Finding) {
    assert_check(case, 0, &[expected]);
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

// ------------------------------------------------------------ syntax, fields

/// Line 4 opens `title = "…` and never closes it; the error is at the end of
/// that line, where the closing quote is missing.
#[test]
fn toml_syntax_unclosed_string() {
    assert_error(
        "rule-toml-syntax",
        error("toml-syntax", LAI_CHAU_2023, 4, 61),
    );
}

/// A Latin-1 "à" (byte 0xE0) in the title of one file; the other file of the
/// repository is still loaded and checked (its missing number is reported).
#[test]
fn not_utf8_is_located_and_the_other_plans_are_still_checked() {
    assert_check(
        "rule-not-utf8",
        1,
        &[
            error("not-utf8", LAI_CHAU_2023, 5, 63),
            warning("missing-number", "plans/lai-chau/kh-02-2023.toml", 2, 1),
        ],
    );
}

#[test]
fn unknown_field_points_at_the_key() {
    assert_error(
        "rule-unknown-field",
        error("unknown-field", LAI_CHAU_2023, 16, 1),
    );
}

/// `period = "2021-2030"`: a string where a year or a pair is expected.
#[test]
fn mistyped_field_points_at_the_value() {
    assert_error(
        "rule-mistyped-field",
        error("mistyped-field", LAI_CHAU_2023, 9, 10),
    );
}

/// The second `[[task]]` (line 19) has no `title`.
#[test]
fn missing_field_points_at_the_table_header() {
    assert_error(
        "rule-missing-field",
        error("missing-field", LAI_CHAU_2023, 19, 1),
    );
}

#[test]
fn empty_file_is_a_warning() {
    assert_warning(
        "rule-empty-file",
        warning("empty-file", "plans/lai-chau/kh-02-2023.toml", 1, 1),
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

// ------------------------------------------------------------ ids

/// `id = "lai-chau/KH 01-2023"`: capitals and a space.
#[test]
fn bad_id_points_at_the_id() {
    assert_error("rule-bad-id", error("bad-id", LAI_CHAU_2023, 2, 6));
}

/// kh-02-2023.toml was copied from kh-01-2023.toml and kept its id: one
/// finding, in the second file, naming the first; the human report shows both
/// places.
#[test]
fn duplicate_plan_id_is_reported_once_in_the_second_file_with_both_places() {
    let second = "plans/lai-chau/kh-02-2023.toml";
    assert_error(
        "rule-duplicate-plan-id",
        error("duplicate-plan-id", second, 2, 6),
    );
    let item = only("rule-duplicate-plan-id");
    assert!(
        text(&item, "message").contains(LAI_CHAU_2023),
        "the message names the first file: {item:#}"
    );
    let human = run("rule-duplicate-plan-id", &["check"]);
    for place in [format!("{second}:2:6"), format!("{LAI_CHAU_2023}:2:6")] {
        assert!(
            human.stdout.contains(&place),
            "{place} in:\n{}",
            human.stdout
        );
    }
}

#[test]
fn duplicate_item_id_points_at_the_second_use() {
    assert_error(
        "rule-duplicate-item-id",
        error("duplicate-item-id", LAI_CHAU_2023, 20, 6),
    );
}

#[test]
fn valid_ids_with_dots_slashes_and_digits() {
    // `lai-chau/2023/kh-01.v2`, task ids `ii.1-tap-huan` and `2023`, a target
    // id `2023.nu-lanh-dao`, and the task id `tap-huan` in two plans.
    assert_clean("valid-ids", 3);
}

// ------------------------------------------------------------ references, cycles

/// `implements = ["lai-chau/kh-1451-2021"]`, a typo of kh-1415-2021.
#[test]
fn unknown_parent_points_at_the_reference() {
    assert_error(
        "rule-unknown-parent",
        error("unknown-parent", LAI_CHAU_2023, 10, 15),
    );
}

/// A task implements `lai-chau/kh-1415-2021#kiem-tra-giam-sat`; the parent
/// only has `kiem-tra`.
#[test]
fn unknown_parent_item_points_at_the_reference() {
    assert_error(
        "rule-unknown-parent-item",
        error("unknown-parent-item", LAI_CHAU_2023, 19, 14),
    );
}

/// Lai Châu and Hưng Yên both issued a "01/KH-UBND"; a plan implements
/// "01/KH-UBND".
#[test]
fn ambiguous_number_points_at_the_reference() {
    assert_error(
        "rule-ambiguous-number",
        error("ambiguous-number", "plans/lai-chau/kh-02-2023.toml", 10, 15),
    );
}

/// kh-01 → kh-02 → kh-03 → kh-01: one finding, at the smallest id's link.
#[test]
fn reference_cycle_of_three_plans_is_reported_once() {
    assert_error(
        "rule-reference-cycle",
        error("reference-cycle", LAI_CHAU_2023, 10, 15),
    );
}

#[test]
fn reference_cycle_message_names_the_whole_cycle() {
    let item = only("rule-reference-cycle");
    let message = text(&item, "message");
    for id in [
        "lai-chau/kh-01-2023",
        "lai-chau/kh-02-2023",
        "lai-chau/kh-03-2023",
    ] {
        assert!(message.contains(id), "`{id}` in {message:?}");
    }
}

#[test]
fn valid_references_by_id_number_and_item() {
    // A chain vn → province → 2023 plan; a plan implementing its parent by
    // document number ("01/BVSTBPN-VP") and its grandparent by id (a diamond,
    // not a cycle); `plan#task` implements by id and by number
    // ("1415/KH-UBND#kiem-tra"); a target refining the national one.
    assert_clean("valid-references", 4);
}

// ------------------------------------------------------------ dates, periods, due

/// `period = [2023-12-31, 2023-01-01]`.
#[test]
fn period_reversed_points_at_the_period() {
    assert_error(
        "rule-period-reversed",
        error("period-reversed", LAI_CHAU_2023, 9, 10),
    );
}

/// `due = "2023-06..2023-6"`: the column of `2023-6`, inside the string.
#[test]
fn malformed_due_points_inside_the_string_at_the_bad_part() {
    assert_error(
        "rule-malformed-due",
        error("malformed-due", LAI_CHAU_2023, 17, 17),
    );
}

/// `due = "2023-Q4..2023-Q1"`: the column of the first character inside the
/// string (the whole window is at fault).
#[test]
fn window_reversed_points_inside_the_string() {
    assert_error(
        "rule-window-reversed",
        error("window-reversed", LAI_CHAU_2023, 17, 8),
    );
}

/// `due = "2023-Q2..2023-Q7"`: the column of `2023-Q7`.
#[test]
fn invalid_date_in_due_points_at_the_bad_quarter() {
    assert_error(
        "rule-invalid-date",
        error("invalid-date", LAI_CHAU_2023, 17, 17),
    );
}

/// `issued = 2023-02-29` (a TOML date literal; 2023 is not a leap year) is a
/// date that does not exist in the calendar.
#[test]

fn invalid_date_in_a_toml_date_literal() {
    assert_error(
        "rule-invalid-date-literal",
        error("invalid-date", LAI_CHAU_2023, 8, 10),
    );
}

/// `issued = "2023-03"`.
#[test]
fn incomplete_issued_is_a_warning() {
    assert_warning(
        "rule-incomplete-issued",
        warning("incomplete-issued", LAI_CHAU_2023, 8, 10),
    );
}

/// `due = ["2023-Q3", "2024-Q1"]` in a 2023 plan: only the second item, at
/// its opening quote (the whole string is the deadline at fault).
#[test]
fn outside_period_points_at_the_deadline() {
    assert_warning(
        "rule-outside-period",
        warning("outside-period", LAI_CHAU_2023, 17, 19),
    );
}

/// Issued 2021-05-10, implementing a plan issued 2021-06-15.
#[test]
fn issued_before_parent_points_at_the_issue_date() {
    assert_warning(
        "rule-issued-before-parent",
        warning(
            "issued-before-parent",
            "plans/lai-chau/kh-01-2021.toml",
            8,
            10,
        ),
    );
}

/// Period 2023–2026 inside a 2021–2025 parent.
#[test]
fn period_outside_parent_points_at_the_period() {
    assert_warning(
        "rule-period-outside-parent",
        warning("period-outside-parent", LAI_CHAU_2023, 9, 10),
    );
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

// ------------------------------------------------------------ targets

/// `milestones = { 2025 = 55, 2030 = 120 }` with `unit = "%"`.
#[test]
fn percent_out_of_range_points_at_the_value() {
    assert_error(
        "rule-percent-out-of-range",
        error("percent-out-of-range", LAI_CHAU_1415, 15, 34),
    );
}

/// `milestones = { 2025 = [40, 30] }`.
#[test]
fn band_reversed_points_at_the_band() {
    assert_error(
        "rule-band-reversed",
        error("band-reversed", LAI_CHAU_1415, 15, 23),
    );
}

/// Counts bodies ("cơ quan") where the national target is in "%".
#[test]
fn unit_mismatch_points_at_the_unit() {
    assert_error(
        "rule-unit-mismatch",
        error("unit-mismatch", LAI_CHAU_1415, 15, 8),
    );
}

/// 50% in 2025 where the national decision asks for at least 60%.
#[test]
fn weaker_target_points_at_the_milestone() {
    assert_warning(
        "rule-weaker-target",
        warning("weaker-target", LAI_CHAU_1415, 16, 23),
    );
}

#[test]

fn weaker_target_help_shows_the_parent_value_as_written() {
    let item = only("rule-weaker-target");
    let help = text(&item, "help");
    assert!(
        help.contains("60") && !help.contains("Single") && !help.contains("60.0"),
        "{help:?}"
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

// ------------------------------------------------------------ numbers

/// No `number`; the plan header is on line 3, after a comment.
#[test]
fn missing_number_points_at_the_plan_header() {
    assert_warning(
        "rule-missing-number",
        warning("missing-number", LAI_CHAU_2023, 3, 1),
    );
}

#[test]
fn deny_warnings_makes_a_warning_fail_the_run() {
    let expected = [warning("missing-number", LAI_CHAU_2023, 3, 1)];
    let (code, items) = json("rule-missing-number", &["--deny-warnings"]);
    assert_eq!(findings(&items), expected);
    assert_eq!(code, 1, "--deny-warnings fails on a warning");
}

/// `number = "/KH-SCT"`: the number was left blank.
#[test]
fn malformed_number_points_at_the_number() {
    assert_warning(
        "rule-malformed-number",
        warning("malformed-number", LAI_CHAU_2023, 3, 10),
    );
}

#[test]
fn valid_numbers_of_every_form() {
    // 26-NQ/TW, 30/2020/NĐ-CP, 129/LĐTBXH-BĐG, 1696/QĐ-TTg, 202/2025/QH15,
    // "01 /BVSTBPN-VP" (as printed), 53/KH-UBND, 12/CTr-UBND, 07/KH-LĐTB&XH.
    assert_clean("valid-numbers", 9);
}

// ------------------------------------------------------------ organisations, registry

/// "Sở Văn hóa, Thể thao và Du lịch" is not in the registry.
#[test]
fn unknown_org_points_at_the_name() {
    assert_warning(
        "rule-unknown-org",
        warning("unknown-org", LAI_CHAU_2023, 16, 25),
    );
}

/// `jurisdiction = "lai-chou"`.
#[test]
fn unknown_jurisdiction_points_at_the_value() {
    assert_warning(
        "rule-unknown-jurisdiction",
        warning("unknown-jurisdiction", LAI_CHAU_2023, 7, 16),
    );
}

/// A Hưng Yên plan issued 2025-07-10 gives a task to Sở Lao động - Thương
/// binh và Xã hội, dissolved 2025-03-01.
#[test]
fn dissolved_lead_points_at_the_lead() {
    assert_warning(
        "rule-dissolved-lead",
        warning("dissolved-lead", "plans/hung-yen/kh-88-2025.toml", 15, 8),
    );
}

/// `successor = "Sở Nội vu"` (line 49) names no registry body. The finding
/// belongs on the bad value, as unknown-parent points at its reference.
#[test]

fn registry_reference_points_at_the_successor() {
    assert_error(
        "rule-registry-reference",
        error("registry-reference", REGISTRY, 49, 13),
    );
}

/// What holds today of the test above: one error in the registry, nothing else.
#[test]
fn registry_reference_is_one_error_in_the_registry() {
    let (code, findings) = check_json("rule-registry-reference");
    let found: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| (f.code.as_str(), f.severity.as_str(), f.file.as_str()))
        .collect();
    assert_eq!(
        found,
        [("gplan::registry-reference", "error", REGISTRY)],
        "{findings:#?}"
    );
    assert_eq!(code, 1);
}

/// A second `[[org]]` spelled "Sở Lao động-Thương binh và Xã hội" (line 58)
/// is the same body after normalisation.
#[test]
fn duplicate_registry_name_points_at_the_second_spelling() {
    assert_error(
        "rule-duplicate-registry-name",
        error("duplicate-registry-name", REGISTRY, 58, 8),
    );
}

#[test]
fn valid_orgs_resolve_every_spelling() {
    // "Uỷ ban nhân dân tỉnh" (old tone placement), "Sở Văn hoá, …", no spaces
    // round the dash, an en dash, lower and upper case, doubled spaces, short
    // names and aliases, a unit org; a body led before its dissolution and its
    // successor after; a merged jurisdiction; a plan without jurisdiction.
    assert_clean("valid-orgs", 4);
}

// ------------------------------------------------------------ text, section refs

/// Tasks II.3 then II.5.
#[test]
fn ref_skip_points_at_the_second_ref() {
    assert_warning("rule-ref-skip", warning("ref-skip", LAI_CHAU_2023, 20, 7));
}

/// Line 16 writes "Sở Nội vụ" decomposed (NFD): the warning points at the
/// first decomposed character (the "o" of "Sở", column 14). The NFD name
/// still resolves to the registry body: no unknown-org.
#[test]

fn not_nfc_points_at_the_decomposed_character() {
    assert_warning("rule-not-nfc", warning("not-nfc", LAI_CHAU_2023, 16, 14));
}

/// What holds today of the test above: one warning on line 16, nothing else.
#[test]
fn not_nfc_is_one_warning_on_its_line() {
    let (code, findings) = check_json("rule-not-nfc");
    let found: Vec<(&str, &str, &str, u64)> = findings
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.severity.as_str(),
                f.file.as_str(),
                f.line,
            )
        })
        .collect();
    assert_eq!(
        found,
        [("gplan::not-nfc", "warning", LAI_CHAU_2023, 16)],
        "{findings:#?}"
    );
    assert_eq!(code, 0);
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

// ------------------------------------------------------------ help texts

#[test]
fn help_texts_name_the_fix() {
    let cases = [
        ("rule-unknown-field", "did you mean `support`?"),
        (
            "rule-unknown-parent",
            "did you mean `lai-chau/kh-1415-2021`?",
        ),
        (
            "rule-unknown-parent-item",
            "did you mean `lai-chau/kh-1415-2021#kiem-tra`?",
        ),
        ("rule-unknown-jurisdiction", "did you mean `lai-chau`?"),
        ("rule-dissolved-lead", "`Sở Nội vụ`"),
        ("rule-registry-reference", "did you mean `Sở Nội vụ`?"),
        ("rule-malformed-due", "\"yearly 11-15..12-15\""),
        (
            "rule-ambiguous-number",
            "`hung-yen/kh-01-2021`, `lai-chau/kh-01-2021`",
        ),
    ];
    for (case, wanted) in cases {
        let item = only(case);
        let help = text(&item, "help");
        assert!(help.contains(wanted), "{case}: {wanted:?} in {help:?}");
    }
}
