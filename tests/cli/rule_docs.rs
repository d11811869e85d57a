//! The rule list is the one source of the rule tables in the docs, of
//! `gplan explain`, and of one test case per rule: these tests fail when
//! any of them drifts. `GPLAN_BLESS=1 cargo test` rewrites the tables.

use std::path::{Path, PathBuf};

use gplan::diagnostic::Code;
use gplan::rules::{markdown_table, SECTIONS, TABLE_END, TABLE_START};

/// The files that hold the generated rule table.
const TABLE_FILES: [&str; 2] = ["README.md", "docs/commands.md"];

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// `text` with the part between the table markers replaced by `table`.
fn with_table(text: &str, file: &str, table: &str) -> String {
    let start = text
        .find(TABLE_START)
        .unwrap_or_else(|| panic!("{file} lacks the line {TABLE_START}"))
        + TABLE_START.len()
        + 1;
    let end = text[start..]
        .find(TABLE_END)
        .unwrap_or_else(|| panic!("{file} lacks the line {TABLE_END}"))
        + start;
    format!("{}{table}{}", &text[..start], &text[end..])
}

#[test]
fn the_rule_tables_in_the_docs_are_generated_from_the_rule_list() {
    let table = markdown_table();
    let bless = std::env::var_os("GPLAN_BLESS").is_some_and(|v| v == "1");
    for file in TABLE_FILES {
        let text = std::fs::read_to_string(path(file)).expect("readable");
        let wanted = with_table(&text, file, &table);
        if bless {
            std::fs::write(path(file), &wanted).expect("writable");
        } else {
            assert!(
                text == wanted,
                "the rule table in {file} differs from the rule list: run `GPLAN_BLESS=1 cargo test --test cli rule_docs` and commit the result"
            );
        }
    }
}

#[test]
fn every_rule_has_its_documentation_a_test_case_and_a_row_in_the_docs() {
    let docs: Vec<String> = TABLE_FILES
        .iter()
        .map(|f| std::fs::read_to_string(path(f)).expect("readable"))
        .collect();
    for code in Code::ALL {
        let rule = code.rule();
        let doc = rule.documentation();
        for section in SECTIONS {
            assert!(doc.contains(section), "{} lacks `{section}`", rule.code);
        }
        assert!(doc.contains("```toml"), "{} has no TOML example", rule.code);
        let case = path(&format!("tests/cmd/{}.toml", rule.name()));
        assert!(
            case.is_file(),
            "{} has no case {}",
            rule.code,
            case.display()
        );
        let row = format!("| `{}` | {} |", rule.code, rule.severity.as_str());
        for (file, text) in TABLE_FILES.iter().zip(&docs) {
            assert!(text.contains(&row), "{file} has no row for {}", rule.code);
        }
    }
}

/// Findings in one place: the validation phase reports the `Finding`s of
/// the rules and writes no message, label or help of its own, so a text
/// is never written twice and never drifts.
#[test]
fn findings_in_one_place() {
    let files = walkdir::WalkDir::new(path("src/validate"))
        .into_iter()
        .map(|entry| entry.expect("readable"))
        .filter(|entry| entry.file_type().is_file());
    for entry in files {
        let file = entry.path();
        let text = std::fs::read_to_string(file).expect("readable");
        for written in ["Diagnostic::new(", ".with_help(", ".with_label("] {
            assert!(
                !text.contains(written),
                "{} builds a diagnostic itself (`{written}`): report the rule's `Finding`",
                file.display()
            );
        }
    }
}

/// Source files stay small enough to read whole: one over 600 lines is
/// split by what it does before it lands.
#[test]
fn no_source_file_is_over_600_lines() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("src/ can be listed");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).expect("a source file is text");
            let lines = text.lines().count();
            if lines > 600 {
                long.push(format!("{}: {lines} lines", entry.path().display()));
            }
        }
    }
    assert!(long.is_empty(), "split these files: {long:#?}");
}
