//! `--jurisdiction` typed as people type places, and names of places in
//! `owners`.

use crate::common::run;

/// The plans a `due` answer lists, one per line.
fn due_plans(case: &str, place: &str) -> (i32, String) {
    let run = run(
        case,
        &[
            "due",
            "--jurisdiction",
            place,
            "--after",
            "2020-01-01",
            "--format",
            "csv",
        ],
    );
    let mut plans: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').nth(3))
        .collect();
    plans.dedup();
    (run.code, plans.join("\n"))
}

#[test]
fn a_jurisdiction_is_found_by_its_id_or_its_name_in_any_spelling() {
    for place in [
        "hung-yen",
        "Hưng Yên",
        "hung yen",
        "hungyen",
        "HUNG YEN",
        "Hu\u{31b}ng Ye\u{302}n",
        "Tỉnh Hưng Yên",
    ] {
        assert_eq!(
            due_plans("owners", place),
            (0, "hung-yen/kh-53-2022".to_owned()),
            "{place}"
        );
    }
}

#[test]
fn a_city_is_found_with_or_without_thanh_pho() {
    for place in [
        "ho-chi-minh",
        "Thành phố Hồ Chí Minh",
        "TP. Hồ Chí Minh",
        "Hồ Chí Minh",
        "ho chi minh",
    ] {
        assert_eq!(
            due_plans("cities", place),
            (0, "thanh-pho/kh-1-2025".to_owned()),
            "{place}"
        );
    }
}

#[test]
fn an_unknown_jurisdiction_exits_1_with_the_closest_id_in_every_query() {
    for args in [
        &["due", "--jurisdiction", "hung-yne"][..],
        &["owners", "--jurisdiction", "hung-yne"],
        &["owners", "Sở Nội vụ", "--jurisdiction", "hung-yne"],
        &["status", "--jurisdiction", "hung-yne"],
    ] {
        let run = run("owners", args);
        assert_eq!(run.code, 1, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(
            run.stderr, "error: `hung-yne` matches no jurisdiction; did you mean `hung-yen`?\n",
            "{args:?}"
        );
    }
}

#[test]
fn owners_narrows_by_a_jurisdiction_typed_as_a_name() {
    let by_id = run(
        "owners",
        &["owners", "--jurisdiction", "phu-tho", "--format", "csv"],
    );
    let by_name = run(
        "owners",
        &["owners", "--jurisdiction", "phu tho", "--format", "csv"],
    );
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    assert_eq!(by_name.stdout, by_id.stdout);
    assert!(by_id.stdout.contains(",phu-tho,"), "{}", by_id.stdout);
    assert!(!by_id.stdout.contains(",hung-yen,"), "{}", by_id.stdout);
}

#[test]
fn the_city_form_of_a_name_means_the_body_in_the_cities_only() {
    let run = run(
        "cities",
        &["owners", "Ủy ban nhân dân thành phố", "--format", "csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scopes: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').nth(1))
        .collect();
    assert!(!scopes.is_empty());
    assert!(scopes.iter().all(|s| *s == "ho-chi-minh"), "{scopes:?}");
}
