//! Hostile input: files people get wrong, files nobody meant to put there,
//! and file-system oddities. gplan must never panic, hang, overflow its
//! stack or lose a file; every bad file becomes a located diagnostic.
//!
//! Each case runs the real binary on a repository that also holds a valid
//! plan with one known warning (the *witness*, `plans/witness.toml`), and
//! asserts the bad file's diagnostic (file, line, column), the exit code,
//! and that the witness's warning is still there: one bad file never stops
//! the others from being checked. Big and odd inputs are made in a temporary
//! folder at test time. Every run is bounded by a timeout, and a panic
//! (exit 101, "panicked" on stderr) or a death by signal fails the test.
//!
//! Regression tests for bugs this suite found are named after the bug.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{copy_tree, fixture};

/// A valid plan whose only finding is a missing document number.
const WITNESS: &str = include_str!("../fixtures/hostile-syntax/plans/witness.toml");
const WITNESS_FILE: &str = "plans/witness.toml";
/// Longest any single run may take, even on the biggest inputs here.
const TIMEOUT: Duration = Duration::from_secs(60);
/// `gplan::repo::MAX_FILE_BYTES`, the documented size limit (16 MiB).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What one run printed and how it exited; only made for runs that did not
/// crash.
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// The binary, colour off, fixed width and fixed "today".
fn gplan() -> Command {
    Command::from_std(gplan_std())
}

/// [`gplan`] as the standard library's command, which can be bounded.
fn gplan_std() -> std::process::Command {
    let mut cmd = <std::process::Command as assert_cmd::cargo::CommandCargoExt>::cargo_bin("gplan")
        .expect("the gplan binary is built");
    cmd.env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .arg("--today")
        .arg("2023-06-01");
    cmd
}

/// Like [`run`], within 1 GiB of address space and 20 s of CPU time (see
/// `common::bound`): for inputs that once made gplan's work grow faster
/// than the input.
fn run_bounded(repo: &Path, args: &[&str]) -> Output {
    let mut cmd = gplan_std();
    cmd.arg("--repo").arg(repo).args(args);
    crate::common::bound(&mut cmd, 1024, 20);
    finish(
        &format!("gplan {} on {}", args.join(" "), repo.display()),
        Command::from_std(cmd),
    )
}

/// Runs a command with the timeout and fails the test on any crash.
fn finish(what: &str, mut cmd: Command) -> Output {
    cmd.timeout(TIMEOUT);
    let output = cmd.output().expect("gplan starts");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let Some(code) = output.status.code() else {
        panic!(
            "{what}: gplan did not exit by itself ({}): killed by a signal (a stack \
             overflow, an abort) or by the {TIMEOUT:?} timeout\n{stderr}",
            output.status
        );
    };
    assert_ne!(code, 101, "{what}: gplan panicked\n{stderr}");
    assert!(
        !stderr.contains("panicked"),
        "{what}: gplan panicked\n{stderr}"
    );
    Output {
        code,
        stdout,
        stderr,
    }
}

/// Runs `gplan --repo <repo> <args>`.
fn run(repo: &Path, args: &[&str]) -> Output {
    let mut cmd = gplan();
    cmd.arg("--repo").arg(repo).args(args);
    finish(
        &format!("gplan {} on {}", args.join(" "), repo.display()),
        cmd,
    )
}

/// One finding of `check --format json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    file: String,
    line: u64,
    column: u64,
    code: String,
    severity: String,
    message: String,
}

impl Finding {
    fn from_json(v: &Value) -> Finding {
        let text = |key: &str| v[key].as_str().unwrap_or_default().to_owned();
        Finding {
            file: text("file"),
            line: v["line"].as_u64().unwrap_or_default(),
            column: v["column"].as_u64().unwrap_or_default(),
            code: text("code").trim_start_matches("gplan::").to_owned(),
            severity: text("severity"),
            message: text("message"),
        }
    }

    /// (file, line, column, code), what most assertions compare.
    fn at(&self) -> (&str, u64, u64, &str) {
        (&self.file, self.line, self.column, &self.code)
    }
}

/// The result of `gplan check --format json`.
struct Checked {
    code: i32,
    findings: Vec<Finding>,
    stderr: String,
}

impl Checked {
    fn of(repo: &Path, extra: &[&str]) -> Checked {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        Checked::from(run(repo, &args))
    }

    /// What `check --format json` found, from its output.
    fn from(out: Output) -> Checked {
        let items: Vec<Value> = serde_json::from_str(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "check --format json printed invalid JSON ({e}):\n{}\n{}",
                out.stdout, out.stderr
            )
        });
        Checked {
            code: out.code,
            findings: items.iter().map(Finding::from_json).collect(),
            stderr: out.stderr,
        }
    }

    /// The findings in one file.
    fn in_file(&self, file: &str) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.file == file).collect()
    }

    /// (file, line, column, code) of every finding outside the witness.
    fn located(&self) -> Vec<(&str, u64, u64, &str)> {
        self.findings
            .iter()
            .filter(|f| f.file != WITNESS_FILE)
            .map(Finding::at)
            .collect()
    }

    /// The witness was checked: its one warning is there, and nothing else
    /// is reported in it.
    fn assert_witness(&self) {
        let witness: Vec<_> = self
            .in_file(WITNESS_FILE)
            .into_iter()
            .map(Finding::at)
            .collect();
        assert_eq!(
            witness,
            [(WITNESS_FILE, 3, 1, "missing-number")],
            "the valid plan next to the bad files was not checked (or not only \
             its own warning was reported)\n{:#?}\n{}",
            self.findings,
            self.stderr
        );
    }
}

/// A repository in a temporary folder: `plans/` with the witness.
struct TempRepo {
    dir: TempDir,
}

impl TempRepo {
    fn new() -> TempRepo {
        let repo = TempRepo {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        repo.write(WITNESS_FILE, WITNESS);
        repo
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (and its folders) under the repository root.
    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(&path, bytes).expect("write a test file");
        path
    }

    fn check(&self) -> Checked {
        Checked::of(self.root(), &[])
    }
}

/// The witness under another id (a plan with the same warning, 3:1).
fn witness_copy(id: &str) -> String {
    WITNESS.replace("lai-chau/kh-doi-chung-2023", id)
}

/// Every regular file under `dir`, relative to `base`, with `/`.
fn files_under(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).expect("read a folder") {
        let entry = entry.expect("a folder entry");
        if entry.file_type().expect("a file type").is_dir() {
            files_under(base, &entry.path(), out);
        } else {
            let rel = entry
                .path()
                .strip_prefix(base)
                .expect("under base")
                .to_owned();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

// --- TOML syntax ----------------------------------------------------------

/// One file per kind of TOML mistake in `tests/fixtures/hostile-syntax`;
/// positions worked out from the texts (columns count characters).
#[test]
fn every_kind_of_toml_syntax_error_is_located() {
    let checked = Checked::of(&fixture("hostile-syntax"), &[]);
    let expected = [
        ("array-double-comma", 4, 33),
        ("array-missing-comma", 4, 33),
        ("bad-date-literal", 4, 10),
        ("bad-escape", 4, 19),
        ("bad-number", 4, 14),
        ("bad-unicode-escape", 4, 21),
        ("bare-word-value", 4, 9),
        ("control-character", 4, 12),
        ("dotted-key-conflict", 5, 1),
        ("duplicate-key", 5, 1),
        ("duplicate-table", 6, 2),
        ("empty-header", 2, 2),
        ("empty-key", 4, 1),
        ("inline-table-duplicate-key", 4, 24),
        ("inline-table-extended", 6, 7),
        ("leading-zero", 4, 10),
        ("missing-equals", 4, 7),
        ("missing-value", 4, 8),
        ("space-in-key", 4, 4),
        ("table-then-array", 6, 3),
        ("task-array-redefined", 10, 2),
        ("trailing-garbage", 4, 20),
        ("unclosed-array", 5, 1),
        ("unclosed-header", 2, 6),
        ("unclosed-inline-table", 5, 1),
        ("unterminated-literal-string", 4, 27),
        ("unterminated-multiline-string", 6, 1),
        ("unterminated-string", 4, 27),
    ];
    let files: Vec<String> = expected
        .iter()
        .map(|(name, _, _)| format!("plans/{name}.toml"))
        .collect();
    let want: Vec<(&str, u64, u64, &str)> = expected
        .iter()
        .zip(&files)
        .map(|((_, line, column), file)| (file.as_str(), *line, *column, "toml-syntax"))
        .collect();
    assert_eq!(checked.located(), want, "{}", checked.stderr);
    for f in checked.findings.iter().filter(|f| f.file != WITNESS_FILE) {
        assert!(f.message.starts_with("TOML syntax: "), "{f:?}");
    }
    checked.assert_witness();
    assert_eq!(checked.code, 1);

    let mut on_disk = Vec::new();
    let root = fixture("hostile-syntax");
    files_under(&root, &root.join("plans"), &mut on_disk);
    assert_eq!(
        on_disk.len(),
        expected.len() + 1,
        "a fixture file has no expectation"
    );
}

/// `issued = 2023-3-23` is written wrong; it was reported as "invalid-date:
/// this day is not in the calendar".
#[test]
fn malformed_date_literal_is_a_syntax_error_not_an_invalid_date() {
    let repo = TempRepo::new();
    repo.write("plans/a.toml", "[plan]\nissued = 2023-3-23\n");
    repo.write("plans/b.toml", "[plan]\nissued = 2023-02-30\n");
    let checked = repo.check();
    let a = checked.in_file("plans/a.toml");
    assert_eq!(
        a.iter().map(|f| f.at()).collect::<Vec<_>>(),
        [("plans/a.toml", 2, 10, "toml-syntax")]
    );
    assert!(!a[0].message.contains("calendar"), "{:?}", a[0]);
    let b: Vec<_> = checked
        .in_file("plans/b.toml")
        .iter()
        .map(|f| f.at())
        .collect();
    assert_eq!(b, [("plans/b.toml", 2, 10, "invalid-date")]);
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

/// `"\uD800"` (half a surrogate pair) was reported as a mistyped field.
#[test]
fn bad_unicode_escape_is_a_syntax_error_not_a_mistyped_field() {
    let repo = TempRepo::new();
    repo.write("plans/a.toml", "[plan]\ntitle = \"\\uD800\"\n");
    repo.write("plans/b.toml", "[plan]\ntitle = \"\\U00110000\"\n");
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        [
            ("plans/a.toml", 2, 12, "toml-syntax"),
            ("plans/b.toml", 2, 12, "toml-syntax")
        ]
    );
    checked.assert_witness();
}

// --- the toml-test corpus -------------------------------------------------

/// Every invalid TOML 1.1 file of toml-test, all in one repository: each
/// gives at least one located error, and the run exits 1.
#[test]
fn every_invalid_toml_test_file_is_an_error_with_a_line() {
    let repo = TempRepo::new();
    let corpus = fixture("toml-test");
    copy_tree(&corpus.join("invalid"), &repo.root().join("plans/invalid"));
    let mut files = Vec::new();
    files_under(repo.root(), &repo.root().join("plans/invalid"), &mut files);
    assert!(
        files.len() > 400,
        "the corpus is vendored ({} files)",
        files.len()
    );

    let checked = repo.check();
    let mut missing = Vec::new();
    for file in &files {
        let errors: Vec<_> = checked
            .in_file(file)
            .into_iter()
            .filter(|f| f.severity == "error")
            .collect();
        if errors.is_empty() {
            missing.push(file.as_str());
        }
        for f in errors {
            assert!(f.line >= 1 && f.column >= 1, "not located: {f:?}");
        }
    }
    assert!(missing.is_empty(), "invalid TOML accepted: {missing:#?}");
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

/// Every valid TOML 1.1 file of toml-test: none is a syntax error (they are
/// not plans, so gplan ignores them; blank ones are empty files).
#[test]
fn no_valid_toml_test_file_is_a_syntax_error() {
    let repo = TempRepo::new();
    copy_tree(
        &fixture("toml-test").join("valid"),
        &repo.root().join("plans/valid"),
    );
    let checked = repo.check();
    let wrong: Vec<_> = checked
        .findings
        .iter()
        .filter(|f| f.code != "empty-file" && f.file != WITNESS_FILE)
        .collect();
    assert!(wrong.is_empty(), "valid TOML reported: {wrong:#?}");
    checked.assert_witness();
    assert_eq!(checked.code, 0);
}

// --- encodings and line ends ----------------------------------------------

#[test]
fn text_that_is_not_utf8_is_located_at_the_first_bad_byte() {
    let repo = TempRepo::new();
    // Windows-1258 / Latin-1 "Kê hoạch": the first bad byte is column 11.
    repo.write(
        "plans/latin1.toml",
        b"[plan]\nid = \"lai-chau/a\"\ntitle = \"K\xea ho\xb9ch\"\n",
    );
    // Notepad's "Unicode": UTF-16 LE with its byte order mark.
    repo.write(
        "plans/utf16.toml",
        b"\xff\xfe[\x00p\x00l\x00a\x00n\x00]\x00\n\x00",
    );
    // A file cut in the middle of a character.
    repo.write(
        "plans/truncated.toml",
        "[plan]\ntitle = \"Kế\"\n# hết".as_bytes().split_at(27).0,
    );
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        [
            ("plans/latin1.toml", 3, 11, "not-utf8"),
            ("plans/truncated.toml", 3, 4, "not-utf8"),
            ("plans/utf16.toml", 1, 1, "not-utf8"),
        ]
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

#[test]
fn a_byte_order_mark_is_skipped_without_shifting_columns() {
    let repo = TempRepo::new();
    repo.write(
        "plans/bom-plan.toml",
        format!("\u{feff}{}", witness_copy("lai-chau/bom")),
    );
    repo.write(
        "plans/bom-syntax.toml",
        "\u{feff}[plan]\ntitle = \"Kế hoạch\" x\n",
    );
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        [
            ("plans/bom-plan.toml", 3, 1, "missing-number"),
            ("plans/bom-syntax.toml", 2, 20, "toml-syntax"),
        ]
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

/// Two byte order marks: the loader dropped one and the TOML parser
/// silently skipped the other, so the file was accepted.
#[test]
fn second_byte_order_mark_is_a_syntax_error() {
    let repo = TempRepo::new();
    repo.write("plans/two-boms.toml", "\u{feff}\u{feff}a = 1\n");
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        [("plans/two-boms.toml", 1, 1, "toml-syntax")]
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

#[test]
fn crlf_line_ends_count_as_one_line_end() {
    let repo = TempRepo::new();
    let crlf = |text: &str| text.replace('\n', "\r\n");
    repo.write("plans/crlf-plan.toml", crlf(&witness_copy("lai-chau/crlf")));
    repo.write(
        "plans/crlf-field.toml",
        crlf(&witness_copy("lai-chau/crlf-field").replace("kind = ", "knd = ")),
    );
    repo.write(
        "plans/crlf-syntax.toml",
        crlf("[plan]\nid = \"lai-chau/x\"\ntitle = \"Kế hoạch\" y\n"),
    );
    // A carriage return alone is no line end in TOML.
    repo.write("plans/lone-cr.toml", "[plan]\rid = \"lai-chau/x\"\n");
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        [
            ("plans/crlf-field.toml", 3, 1, "missing-number"),
            ("plans/crlf-field.toml", 5, 1, "unknown-field"),
            ("plans/crlf-plan.toml", 3, 1, "missing-number"),
            ("plans/crlf-syntax.toml", 3, 20, "toml-syntax"),
            ("plans/lone-cr.toml", 1, 8, "toml-syntax"),
        ]
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

#[test]
fn empty_and_blank_files_are_warnings_and_comments_are_ignored() {
    let repo = TempRepo::new();
    repo.write("plans/empty.toml", "");
    repo.write("plans/blank.toml", "\n  \t\r\n\n");
    repo.write("plans/comment.toml", "# Chưa soạn xong.\n");
    let checked = Checked::of(repo.root(), &["--verbose"]);
    assert_eq!(
        checked.located(),
        [
            ("plans/blank.toml", 1, 1, "empty-file"),
            ("plans/empty.toml", 1, 1, "empty-file"),
        ]
    );
    assert!(
        checked.stderr.contains("ignored plans/comment.toml"),
        "{}",
        checked.stderr
    );
    checked.assert_witness();
    assert_eq!(checked.code, 0, "empty files are warnings");
}

/// A form feed or vertical tab alone is not TOML, but `str::trim` calls it
/// blank: such files were reported as merely empty.
#[test]
fn form_feed_alone_is_a_syntax_error_not_an_empty_file() {
    let repo = TempRepo::new();
    repo.write("plans/ff.toml", "\x0c");
    repo.write("plans/vt.toml", "\n\x0b\n");
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        // The parser reads the stray character as a key without a value
        // and points just after it.
        [
            ("plans/ff.toml", 1, 2, "toml-syntax"),
            ("plans/vt.toml", 2, 2, "toml-syntax"),
        ]
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

// --- size and depth -------------------------------------------------------

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    const DEPTH: usize = 20_000;
    let repo = TempRepo::new();
    let open = "[".repeat(DEPTH);
    let close = "]".repeat(DEPTH);
    repo.write("plans/array.toml", format!("a = {open}{close}\n"));
    repo.write("plans/array-unclosed.toml", format!("a = {open}\n"));
    repo.write(
        "plans/array-in-plan.toml",
        format!("[plan]\nid = \"lai-chau/x\"\ntitle = {open}{close}\n"),
    );
    repo.write(
        "plans/inline-tables.toml",
        format!("a = {}1{}\n", "{b = ".repeat(DEPTH), "}".repeat(DEPTH)),
    );
    repo.write(
        "plans/dotted-key.toml",
        format!("{} = 1\n", vec!["a"; DEPTH].join(".")),
    );
    repo.write(
        "plans/table-header.toml",
        format!("[{}]\n", vec!["a"; DEPTH].join(".")),
    );
    let checked = repo.check();
    for file in [
        "array",
        "array-unclosed",
        "array-in-plan",
        "inline-tables",
        "dotted-key",
        "table-header",
    ] {
        let file = format!("plans/{file}.toml");
        let found: Vec<_> = checked
            .in_file(&file)
            .iter()
            .map(|f| f.code.as_str())
            .collect();
        assert_eq!(found, ["toml-syntax"], "{file}");
    }
    let lines: Vec<_> = checked
        .located()
        .iter()
        .map(|(f, l, _, _)| (*f, *l))
        .collect();
    assert!(
        lines.contains(&("plans/array-in-plan.toml", 3)),
        "{lines:?}"
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

#[test]
fn a_ten_megabyte_string_is_read() {
    const SIZE: usize = 10 * 1024 * 1024;
    let repo = TempRepo::new();
    let long = "x".repeat(SIZE);
    repo.write(
        "plans/long-title.toml",
        witness_copy("lai-chau/dai").replace("Kế hoạch đối chứng năm 2023", &long),
    );
    repo.write(
        "plans/long-unterminated.toml",
        format!("[plan]\nid = \"lai-chau/x\"\ntitle = \"{long}\n"),
    );
    let checked = repo.check();
    let column = u64::try_from("title = \"".len() + SIZE + 1).expect("fits");
    assert_eq!(
        checked.located(),
        [
            ("plans/long-title.toml", 3, 1, "missing-number"),
            ("plans/long-unterminated.toml", 3, column, "toml-syntax"),
        ]
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

/// Files above the documented limit are refused from their size alone;
/// a file of exactly the limit is read. Sparse files: nothing big is
/// written to disk.
#[test]
fn files_over_the_size_limit_are_refused() {
    let repo = TempRepo::new();
    let sized = |rel: &str, first: &[u8], len: u64| {
        let path = repo.write(rel, first);
        fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_len(len))
            .expect("make a sparse file");
    };
    sized("plans/fifty-megabytes.toml", b"", 50 * 1024 * 1024);
    // A first byte that is not UTF-8 shows the file was read, cheaply.
    sized("plans/limit.toml", b"\xff", MAX_FILE_BYTES);
    sized("plans/limit-plus-one.toml", b"", MAX_FILE_BYTES + 1);
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        [
            ("plans/fifty-megabytes.toml", 1, 1, "file-too-large"),
            ("plans/limit-plus-one.toml", 1, 1, "file-too-large"),
            ("plans/limit.toml", 1, 1, "not-utf8"),
        ]
    );
    let big = checked.in_file("plans/fifty-megabytes.toml");
    assert!(
        big[0].message.contains("52428800 bytes") && big[0].message.contains("16777216"),
        "the size and the limit are named: {:?}",
        big[0]
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

/// Many findings in one file: the work per finding must not grow with the
/// size of the file (it did: each finding scanned the text from the start).
#[test]
fn many_findings_in_one_big_file_stay_fast() {
    const KEYS: usize = 20_000;
    let repo = TempRepo::new();
    let mut text: String = (0..KEYS).map(|i| format!("khoa_{i:05} = 1\n")).collect();
    text.push_str(&witness_copy("lai-chau/nhieu"));
    repo.write("plans/many.toml", text);
    let checked = Checked::from(run_bounded(repo.root(), &["check", "--format", "json"]));
    let unknown = checked
        .in_file("plans/many.toml")
        .iter()
        .filter(|f| f.code == "unknown-field")
        .count();
    assert_eq!(unknown, KEYS);
    let last = checked.in_file("plans/many.toml")[KEYS - 1].at();
    assert_eq!(last, ("plans/many.toml", 20_000, 1, "unknown-field"));
    checked.assert_witness();
}

/// The human format gave miette the whole file for every finding, and
/// miette scans from the start to the finding: 2,000 findings at the end of
/// a 1 MB file took minutes.
#[test]
fn human_format_does_not_rescan_the_file_for_each_finding() {
    const COMMENTS: usize = 20_000;
    const KEYS: usize = 2_000;
    let repo = TempRepo::new();
    let mut text =
        "# Ghi chú dài để tệp lớn hơn một mebibyte, mỗi dòng năm mươi ký tự.\n".repeat(COMMENTS);
    text.extend((0..KEYS).map(|i| format!("khoa_{i:05} = 1\n")));
    text.push_str(&witness_copy("lai-chau/nhieu"));
    repo.write("plans/many.toml", text);
    let out = run_bounded(repo.root(), &["check"]);
    assert_eq!(out.stdout.matches("gplan::unknown-field").count(), KEYS);
    let last = format!("[plans/many.toml:{}:1]", COMMENTS + KEYS);
    assert!(out.stdout.contains(&last), "{last} not in the report");
    assert!(out
        .stdout
        .contains(&format!("{} │ khoa_01999 = 1", COMMENTS + KEYS)));
    assert!(out.stdout.contains("witness.toml"));
}

// --- the file system ------------------------------------------------------

#[cfg(unix)]
#[test]
fn symbolic_links_are_listed_not_followed() {
    use std::os::unix::fs::symlink;
    let repo = TempRepo::new();
    let outside = tempfile::tempdir().expect("a temporary folder");
    fs::write(outside.path().join("secret.toml"), "not = [toml\n").expect("write");
    let plans = repo.root().join("plans");
    symlink("loop.toml", plans.join("loop.toml")).expect("symlink");
    symlink("ping.toml", plans.join("pong.toml")).expect("symlink");
    symlink("pong.toml", plans.join("ping.toml")).expect("symlink");
    symlink("..", plans.join("up")).expect("symlink");
    symlink(".", plans.join("here")).expect("symlink");
    symlink(
        outside.path().join("secret.toml"),
        plans.join("outside.toml"),
    )
    .expect("symlink");
    symlink(outside.path(), plans.join("outside-folder")).expect("symlink");
    symlink(
        repo.root().join("nowhere.toml"),
        plans.join("dangling.toml"),
    )
    .expect("symlink");

    let checked = Checked::of(repo.root(), &["--verbose"]);
    assert_eq!(checked.located(), [], "{}", checked.stderr);
    for link in [
        "dangling.toml",
        "here",
        "loop.toml",
        "outside-folder",
        "outside.toml",
        "ping.toml",
        "pong.toml",
        "up",
    ] {
        let line = format!("skipped plans/{link}: symbolic links are not followed");
        assert!(checked.stderr.contains(&line), "{line}\n{}", checked.stderr);
    }
    checked.assert_witness();
    assert_eq!(checked.code, 0);
}

/// `fmt` given a link by name leaves it alone: followed, it would rewrite
/// a file that `check` never reads (here, one outside the plans folder).
#[cfg(unix)]
#[test]
fn fmt_given_a_symbolic_link_leaves_the_file_it_points_to_alone() {
    use std::os::unix::fs::symlink;
    let repo = TempRepo::new();
    let unformatted = "[plan]\nid   =  \"x\"\ntitle=\"t\"\n";
    let target = repo.write("drafts/other.toml", unformatted);
    symlink("../drafts/other.toml", repo.root().join("plans/link.toml")).expect("symlink");
    let out = run(repo.root(), &["fmt", "-v", "plans/link.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "left alone plans/link.toml: a symbolic link (formatting it would replace \
         the link with a copy)\n"
    );
    assert_eq!(fs::read_to_string(&target).expect("read"), unformatted);
}

/// A file and a folder that cannot be read: each is an error, the rest is
/// checked. As root every file is readable, so the test then runs gplan as
/// `nobody` through `setpriv`; without it, it skips itself and says so.
#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_errors() {
    use std::os::unix::fs::PermissionsExt;
    let repo = TempRepo::new();
    let secret = repo.write("plans/secret.toml", witness_copy("lai-chau/mat"));
    let locked = repo.root().join("plans/locked");
    repo.write("plans/locked/inside.toml", witness_copy("lai-chau/khoa"));
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).expect("chmod");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let restore = || {
        let _ = fs::set_permissions(&locked, fs::Permissions::from_mode(0o755));
    };

    let out = if fs::read(&secret).is_err() {
        run(repo.root(), &["check", "--format", "json"])
    } else if let Some(out) = run_as_nobody(repo.root(), &["check", "--format", "json"]) {
        out
    } else {
        restore();
        eprintln!(
            "skipped unreadable_files_and_folders_are_errors: running as root (a chmod 000 \
             file is still readable) and `setpriv` cannot run gplan as nobody"
        );
        return;
    };
    restore();
    let items: Vec<Value> = serde_json::from_str(&out.stdout).expect("JSON findings");
    let checked = Checked {
        code: out.code,
        findings: items.iter().map(Finding::from_json).collect(),
        stderr: out.stderr,
    };
    assert_eq!(
        checked.located(),
        [
            ("plans/locked", 1, 1, "unreadable-file"),
            ("plans/secret.toml", 1, 1, "unreadable-file"),
        ]
    );
    for f in checked.findings.iter().filter(|f| f.file != WITNESS_FILE) {
        assert!(f.message.contains("ermission denied"), "{f:?}");
    }
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

/// Runs gplan as the unprivileged user 65534, or `None` when that cannot
/// be done here.
#[cfg(unix)]
fn run_as_nobody(repo: &Path, args: &[&str]) -> Option<Output> {
    use std::os::unix::fs::PermissionsExt;
    let probe = std::process::Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            "true",
        ])
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        return None;
    }
    // The temporary folder is private to its owner; nobody must enter it.
    fs::set_permissions(repo, fs::Permissions::from_mode(0o755)).ok()?;
    let binary = assert_cmd::cargo::cargo_bin("gplan");
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(binary)
        .env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .args(["--today", "2023-06-01", "--repo"])
        .arg(repo)
        .args(args);
    let out = finish("gplan as nobody", cmd);
    // 126/127: the binary itself could not be reached as nobody.
    (out.code < 126).then_some(out)
}

#[test]
fn a_folder_named_like_a_plan_file_is_walked_not_read() {
    let repo = TempRepo::new();
    repo.write("plans/x.toml/inside.toml", "[plan\n");
    repo.write("plans/x.toml/deeper.toml/plan.toml", "a = \n");
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        [
            ("plans/x.toml/deeper.toml/plan.toml", 1, 5, "toml-syntax"),
            ("plans/x.toml/inside.toml", 1, 6, "toml-syntax"),
        ]
    );
    checked.assert_witness();
    assert_eq!(checked.code, 1);
}

/// A named pipe called `*.toml` would block a reader forever: it is not a
/// regular file, so it is passed over.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_not_read() {
    let repo = TempRepo::new();
    let made = std::process::Command::new("mkfifo")
        .arg(repo.root().join("plans/pipe.toml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped a_named_pipe_is_not_read: mkfifo is not available");
        return;
    }
    let checked = repo.check();
    assert_eq!(checked.located(), []);
    checked.assert_witness();
}

/// Two file names that are not UTF-8 both became "plans/\u{FFFD}.toml", so
/// the second file was dropped as a duplicate and never checked.
#[cfg(target_os = "linux")]
#[test]
fn two_files_whose_names_are_not_utf8_are_both_checked() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let repo = TempRepo::new();
    let plans = repo.root().join("plans");
    fs::write(plans.join(OsStr::from_bytes(b"\xff.toml")), "a = \n").expect("write");
    fs::write(plans.join(OsStr::from_bytes(b"\xfe.toml")), "\nb = [\n").expect("write");
    let checked = repo.check();
    assert_eq!(
        checked.located(),
        [
            ("plans/\\xFE.toml", 2, 6, "toml-syntax"),
            ("plans/\\xFF.toml", 1, 5, "toml-syntax"),
        ]
    );
    checked.assert_witness();
}

#[test]
fn repo_pointing_at_a_file_is_a_usage_error() {
    let repo = TempRepo::new();
    let file = repo.root().join(WITNESS_FILE);
    for command in ["check", "due", "owners", "tree"] {
        let out = run(&file, &[command]);
        assert_eq!(out.code, 2, "{command}: {}", out.stderr);
        assert!(
            out.stderr.contains("is not a folder"),
            "{command}: {}",
            out.stderr
        );
        let out = run(&repo.root().join("missing"), &[command]);
        assert_eq!(out.code, 2, "{command}: {}", out.stderr);
        assert!(
            out.stderr.contains("does not exist"),
            "{command}: {}",
            out.stderr
        );
    }
}

// --- every command on every hostile file ----------------------------------

/// A repository holding one of each kind of bad file next to the witness.
fn kitchen_sink() -> TempRepo {
    let repo = TempRepo::new();
    copy_tree(
        &fixture("hostile-syntax").join("plans"),
        &repo.root().join("plans/syntax"),
    );
    fs::remove_file(repo.root().join("plans/syntax/witness.toml")).expect("rm");
    repo.write("plans/latin1.toml", b"[plan]\ntitle = \"K\xea\"\n");
    repo.write(
        "plans/bom.toml",
        format!("\u{feff}{}", witness_copy("lai-chau/bom")),
    );
    repo.write(
        "plans/crlf.toml",
        witness_copy("lai-chau/crlf").replace('\n', "\r\n"),
    );
    repo.write("plans/empty.toml", "");
    repo.write("plans/ff.toml", "\x0c");
    repo.write("plans/deep.toml", format!("a = {}\n", "[".repeat(20_000)));
    repo.write("plans/x.toml/inside.toml", "[plan\n");
    repo
}

#[test]
fn every_command_survives_every_hostile_file() {
    let repo = kitchen_sink();
    let root = repo.root();
    for format in ["human", "short", "json", "github"] {
        let out = run(root, &["check", "--format", format]);
        assert_eq!(out.code, 1, "check --format {format}: {}", out.stderr);
        assert!(
            out.stdout.contains("witness.toml"),
            "check --format {format}"
        );
    }
    let window = ["--after", "2023-01-01", "--before", "2023-12-31"];
    for format in ["table", "json", "csv", "ics"] {
        let mut args = vec!["due", "--format", format];
        args.extend(window);
        let out = run(root, &args);
        assert_eq!(out.code, 1, "due --format {format}: files were left out");
        assert!(
            out.stderr.contains("left out plans/latin1.toml"),
            "{}",
            out.stderr
        );
        assert!(
            out.stdout.contains("Tổ chức tập huấn"),
            "due --format {format}:\n{}",
            out.stdout
        );
    }
    for args in [
        &["owners"][..],
        &["owners", "--format", "json"],
        &["owners", "so noi vu"],
        &["owners", "Sở Nội vụ", "--format", "csv"],
        &["show", "lai-chau/kh-doi-chung-2023"],
        &["show", "lai-chau/kh-doi-chung-2023", "--format", "json"],
        &["tree"],
    ] {
        let out = run(root, args);
        assert!(out.code <= 1, "{args:?}: {}", out.stderr);
        assert!(
            out.stdout.contains("chung") || out.stdout.contains("Nội vụ"),
            "{args:?}:\n{}",
            out.stdout
        );
    }
}

// --- gplan never writes ---------------------------------------------------

/// Everything about every entry under a folder that a write would change.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    kind: &'static str,
    bytes: Vec<u8>,
    modified: Option<SystemTime>,
    readonly: bool,
}

fn snapshot(root: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        for entry in fs::read_dir(dir).expect("read a folder") {
            let entry = entry.expect("a folder entry");
            let path = entry.path();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            let kind = if meta.is_dir() {
                "folder"
            } else if meta.file_type().is_symlink() {
                "link"
            } else {
                "file"
            };
            let bytes = if meta.is_file() {
                fs::read(&path).expect("read a file")
            } else {
                Vec::new()
            };
            out.insert(
                path.clone(),
                Entry {
                    kind,
                    bytes,
                    modified: meta.modified().ok(),
                    readonly: meta.permissions().readonly(),
                },
            );
            if meta.is_dir() {
                walk(&path, out);
            }
        }
    }
    let mut out = BTreeMap::new();
    let meta = fs::metadata(root).expect("metadata");
    out.insert(
        root.to_owned(),
        Entry {
            kind: "folder",
            bytes: Vec::new(),
            modified: meta.modified().ok(),
            readonly: meta.permissions().readonly(),
        },
    );
    walk(root, &mut out);
    out
}

/// The subcommands `gplan --help` lists.
fn subcommands() -> Vec<String> {
    let out = finish("gplan --help", {
        let mut cmd = gplan();
        cmd.arg("--help");
        cmd
    });
    out.stdout
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

/// Runs every subcommand (in every format it has) on a copy of the seed
/// plans plus a broken file, from inside the repository and with `--repo`,
/// and compares every byte and modification time before and after.
#[test]
fn gplan_never_writes_to_the_plans_folder() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plans"),
        &root.join("plans"),
    );
    fs::write(root.join("plans/witness.toml"), WITNESS).expect("write");
    fs::write(root.join("plans/broken.toml"), "[plan\n").expect("write");
    fs::write(root.join("plans/latin1.toml"), b"title = \"K\xea\"\n").expect("write");
    fs::write(root.join("gplan.toml"), "[gplan]\nplans = [\"plans\"]\n").expect("write");
    let before = snapshot(root);
    // Modification times have a coarse clock on some file systems.
    std::thread::sleep(Duration::from_millis(20));

    let plan = "lai-chau/kh-doi-chung-2023";
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let commands = subcommands();
    for command in &commands {
        let forms: Vec<Vec<&str>> = match command.as_str() {
            "check" => ["human", "short", "json", "github"]
                .iter()
                .map(|f| vec!["check", "--format", f])
                .chain([vec!["check", "plans/broken.toml", "--deny-warnings"]])
                .collect(),
            "due" => ["table", "json", "csv", "ics"]
                .iter()
                .map(|f| vec!["due", "--after", "2015-01-01", "--format", f])
                .chain([vec!["due", "--owner", "Sở Nội vụ"]])
                .collect(),
            "owners" => vec![
                vec!["owners"],
                vec!["owners", "--format", "json"],
                vec!["owners", "Sở Nội vụ"],
                vec!["owners", "so noi vu", "--format", "csv"],
            ],
            "show" => vec![vec!["show", plan], vec!["show", plan, "--format", "json"]],
            "schema" => vec![vec!["schema"], vec!["schema", "--registry"]],
            "completions" => vec![vec!["completions", "bash"]],
            // A command added since this test was written: run it bare.
            other => vec![vec![other]],
        };
        runs.extend(forms);
    }
    assert!(
        commands.iter().any(|c| c == "check") && runs.len() > 10,
        "{commands:?}"
    );
    for args in &runs {
        run(root, args);
        let mut cmd = gplan();
        cmd.current_dir(root).args(args);
        finish(
            &format!("gplan {} inside the repository", args.join(" ")),
            cmd,
        );
    }

    let after = snapshot(root);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files appeared or disappeared"
    );
    for (path, entry) in &before {
        assert_eq!(Some(entry), after.get(path), "{} changed", path.display());
    }
}
