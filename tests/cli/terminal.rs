//! Human output on a terminal: text from files is shown, never obeyed, and
//! every line fits the width (`COLUMNS` forces one; into a pipe without it
//! nothing is wrapped).

use std::collections::HashSet;

use crate::common::gplan;

/// stdout and stderr of `gplan <args>` on a fixture at a forced width
/// (`None`: into a pipe, no `COLUMNS`).
fn at(case: &str, width: Option<usize>, args: &[&str]) -> (String, String) {
    let mut cmd = gplan(case);
    match width {
        Some(w) => cmd.env("COLUMNS", w.to_string()),
        None => cmd.env_remove("COLUMNS"),
    };
    let output = cmd.args(args).output().expect("gplan runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `gplan <args>` on the repository at `root` on `today`, at a forced width
/// (`None`: into a pipe, no `COLUMNS`).
fn on_repo(
    root: &std::path::Path,
    today: &str,
    width: Option<usize>,
    args: &[&str],
) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("gplan").expect("built");
    cmd.env("NO_COLOR", "1").env_remove("GPLAN_TODAY");
    match width {
        Some(w) => cmd.env("COLUMNS", w.to_string()),
        None => cmd.env_remove("COLUMNS"),
    };
    cmd.arg("--repo")
        .arg(root)
        .args(["--today", today])
        .args(args)
        .output()
        .expect("gplan runs")
}

fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn escape_sequences_and_bidi_overrides_in_plans_are_shown_escaped_everywhere() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let plans = repo.path().join("plans");
    std::fs::create_dir_all(&plans).expect("folders");
    std::fs::write(
        plans.join("p.toml"),
        "[plan]\nid = \"p\"\nnumber = \"1/KH-UBND\"\ntitle = \"Kế hoạch \\u001b]0;pwned\\u0007 \\u202eabc\"\n\
         issuer = \"Sở \\u001b[2JNội vụ\"\nperiod = 2023\n[[task]]\nid = \"a\"\n\
         title = \"Báo cáo \\u009b2J \\u2066x\\u2069\"\nlead = [\"Sở \\u001b[31mNội vụ\"]\ndue = \"2023-06-10\"\n\
         [[target]]\nid = \"t\"\ntext = \"Tỷ lệ \\u001b]0;pwned\\u0007\"\nunit = \"%\"\nmilestones = { 2023 = 50 }\n",
    )
    .expect("a plan");
    // A file whose name holds escape sequences: named by `check -v` and
    // `fmt`.
    std::fs::write(plans.join("n\u{1b}]0;t\u{7}.toml"), "x = 1\n").expect("a file");
    let runs: [&[&str]; 18] = [
        &["check", "-v", "--format", "short"],
        &["fmt", "--check", "-v"],
        &["due"],
        &["status"],
        &["status", "--owner", "Sở"],
        &["owners"],
        &["owners", "Sở"],
        &["show", "p"],
        &["tree"],
        &["check", "--format", "short"],
        &["check"],
        &["owners", "\u{1b}]0;x\u{7}"],
        // Names typed on the command line, quoted back in error lines.
        &["explain", "\u{1b}[31mfoo"],
        &["man", "\u{1b}[31mfoo"],
        &["new", "--implements", "p", "--jurisdiction", "\u{1b}[31mx"],
        &[
            "new",
            "--implements",
            "p",
            "--jurisdiction",
            "p",
            "--id",
            "\u{1b}[31mx",
        ],
        &[
            "new",
            "--implements",
            "p",
            "--jurisdiction",
            "p",
            "--period",
            "\u{1b}[31mx",
        ],
        &[
            "new",
            "--implements",
            "p",
            "--jurisdiction",
            "p",
            "--period",
            "2024..\u{1b}[31m",
        ],
    ];
    for width in [None, Some(80)] {
        for args in runs {
            let output = on_repo(repo.path(), "2023-06-01", width, args);
            for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
                let text = String::from_utf8_lossy(bytes);
                assert!(
                    !text.chars().any(unsafe_char),
                    "{args:?} {width:?} {stream}:\n{text}"
                );
            }
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            // Each shows some of the text, escaped (a task's title holds
            // a C1 control, the rest ESC).
            if args[0] != "check" {
                assert!(
                    all.contains("\\u{1b}") || all.contains("\\u{9b}"),
                    "{args:?}:\n{all}"
                );
            }
        }
    }
}

#[test]
fn an_unknown_rule_code_is_quoted_back_escaped() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let output = on_repo(
        repo.path(),
        "2023-06-01",
        None,
        &["explain", "\u{1b}[31mfoo"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: unknown rule code `\\u{1b}[31mfoo` (`gplan rules` lists every code)\n"
    );
}

/// The words a layout adds to what the unwrapped output says: the
/// stacked cells' marks and the labels of the cards a terminal too narrow
/// for a table gets.
const LAYOUT_WORDS: [&str; 16] = [
    "+",
    "/",
    "from",
    "·",
    "—",
    "Due:",
    "When:",
    "Next:",
    "Via:",
    "Group:",
    "Lead:",
    "Support:",
    "Group:",
    "deadline:",
    "Delivered:",
    "Latest:",
];

/// Every word of the output (split at spaces and table rules), but the
/// layout's own.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| c.is_whitespace() || ('\u{2500}'..='\u{257f}').contains(&c))
        .filter(|w| !w.is_empty() && !LAYOUT_WORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

#[test]
fn at_80_and_160_columns_no_line_is_wider_and_no_word_is_broken() {
    let cases: [(&str, &[&str]); 6] = [
        ("due", &["due", "--after", "2020-01-01"]),
        ("owners", &["owners"]),
        ("owners", &["owners", "Sở Nội vụ"]),
        ("forest", &["show", "lai-chau/kh-1415-2021"]),
        ("forest", &["tree"]),
        ("formats", &["check"]),
    ];
    for (case, args) in cases {
        let (plain, _) = at(case, None, args);
        let known = words(&plain);
        for width in [80, 160] {
            let (text, _) = at(case, Some(width), args);
            for line in text.lines() {
                assert!(
                    line.chars().count() <= width,
                    "{args:?} at {width}: {} columns\n{line}",
                    line.chars().count()
                );
            }
            if args[0] != "check" {
                for word in words(&text) {
                    assert!(
                        known.contains(&word),
                        "{args:?} at {width}: `{word}` is broken\n{text}"
                    );
                }
                insta::assert_snapshot!(format!("{case}-{}-{width}", args.join("-")), text);
            }
        }
    }
}

#[test]
fn into_a_pipe_the_due_table_is_one_line_per_deadline() {
    let (text, _) = at(
        "due",
        None,
        &["due", "--after", "2020-01-01", "--format", "csv"],
    );
    let rows = text.lines().count() - 1;
    let (table, _) = at("due", None, &["due", "--after", "2020-01-01"]);
    assert_eq!(table.lines().count() - 1, rows, "{table}");
    assert!(table.lines().all(|l| l.split('\t').count() == 9), "{table}");
}

#[test]
fn a_tmux_pane_of_80_columns_shows_due_without_a_line_wrapping() {
    let tmux = std::process::Command::new("tmux").arg("-V").output();
    if !tmux.is_ok_and(|o| o.status.success()) {
        eprintln!("tmux is not installed: skipped");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("gplan");
    let repo = crate::common::fixture("due");
    let session = format!("gplan-test-{}", std::process::id());
    let command = format!(
        "env -u COLUMNS NO_COLOR=1 {} --today 2023-06-01 --repo {} due --after 2020-01-01; sleep 5",
        bin.display(),
        repo.display()
    );
    let started = std::process::Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "80",
            "-y",
            "50",
            &command,
        ])
        .status()
        .expect("tmux runs");
    assert!(started.success());
    std::thread::sleep(std::time::Duration::from_secs(2));
    let capture = std::process::Command::new("tmux")
        .args(["capture-pane", "-p", "-J", "-t", &session])
        .output()
        .expect("tmux captures");
    let _ = std::process::Command::new("tmux")
        .args(["kill-session", "-t", &session])
        .status();
    let text = String::from_utf8_lossy(&capture.stdout);
    assert!(text.contains("Deadline"), "{text}");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "a joined (wrapped) line:\n{line}"
        );
    }
}

/// stdout of `gplan <args>` on the bundled plans at a forced width.
fn bundled_at(width: Option<usize>, args: &[&str]) -> String {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = on_repo(repo, "2025-06-01", width, args);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_real_plans_fit_every_width_from_40_columns_with_no_word_broken() {
    let runs: [&[&str]; 8] = [
        &["due", "--after", "2020-01-01"],
        &["due", "--after", "2023-06-01", "--before", "2023-12-05"],
        &["owners"],
        &["owners", "Sở Nội vụ"],
        &["owners", "Ủy ban nhân dân tỉnh"],
        &["status"],
        &["show", "ho-chi-minh/kh-174-2025"],
        &["tree"],
    ];
    let mut faults = Vec::new();
    for args in runs {
        let known = words(&bundled_at(None, args));
        for width in [40, 60, 80, 100, 120] {
            let text = bundled_at(Some(width), args);
            assert!(!text.is_empty(), "{args:?} at {width} printed nothing");
            let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            if widest > width {
                faults.push(format!("{args:?} at {width}: {widest} columns"));
            }
            // Only a word longer than a line (an id, a path) may be cut,
            // and only after a hyphen or a slash: each piece is a run of
            // its whole parts.
            let whole_parts = |fragment: &String| {
                known.iter().any(|w| {
                    let parts: Vec<&str> = w.split_inclusive(['-', '/']).collect();
                    (0..parts.len())
                        .any(|i| (i + 1..=parts.len()).any(|j| parts[i..j].concat() == *fragment))
                })
            };
            let broken: Vec<String> = words(&text)
                .into_iter()
                .filter(|w| !known.contains(w) && !whole_parts(w))
                .collect();
            if !broken.is_empty() {
                faults.push(format!("{args:?} at {width}: broken {broken:?}"));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn in_colour_a_narrow_terminal_shows_each_state_painted_not_its_code() {
    let quickstart = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quickstart");
    let output = assert_cmd::Command::cargo_bin("gplan")
        .expect("built")
        .env_remove("NO_COLOR")
        .env_remove("GPLAN_TODAY")
        .env("COLUMNS", "60")
        .arg("--repo")
        .arg(&quickstart)
        .args(["--today", "2023-12-20", "--color", "always", "status"])
        .output()
        .expect("gplan runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("\\u{1b}"), "a colour shown as text:\n{text}");
    let heads: Vec<&str> = text.lines().filter(|l| l.starts_with("2023-")).collect();
    assert_eq!(
        heads,
        [
            "2023-06-05 · \u{1b}[32mdelivered\u{1b}[0m",
            "2023-06-30 · \u{1b}[31moverdue\u{1b}[0m",
            "2023-09-30 · \u{1b}[31moverdue\u{1b}[0m",
            "2023-12-05 · \u{1b}[33mlate\u{1b}[0m",
            "2023-12-15 · \u{1b}[31moverdue\u{1b}[0m",
            "2023-12-31 · \u{1b}[36mdue-soon\u{1b}[0m",
            "2023-12-31 · \u{1b}[36mdue-soon\u{1b}[0m",
        ],
        "{text}"
    );
}

#[test]
fn the_site_shows_controls_and_bidi_overrides_from_plans_escaped() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let plans = repo.path().join("plans");
    std::fs::create_dir_all(&plans).expect("folders");
    std::fs::write(
        plans.join("p.toml"),
        "[plan]\nid = \"p\"\nnumber = \"1/KH-UBND\"\ntitle = \"Kế hoạch \\u001b]0;pwned\\u0007 \\u202eabc\"\n\
         issuer = \"Sở Nội vụ\"\nperiod = 2023\n[[task]]\nid = \"a\"\n\
         title = \"Báo cáo \\u009b2J \\u2066x\\u2069\"\nlead = [\"Sở \\u001b[31mNội vụ\"]\ndue = \"2023-06-10\"\n",
    )
    .expect("a plan");
    let site = repo.path().join("site");
    let output = on_repo(
        repo.path(),
        "2023-06-01",
        None,
        &["site", "--out", site.to_str().expect("a UTF-8 path")],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    for page in ["index.html", "calendar.html", "plans/p.html"] {
        let html = std::fs::read_to_string(site.join(page)).expect("a page");
        assert!(!html.chars().any(unsafe_char), "{page}:\n{html}");
        assert!(
            html.contains("Báo cáo \\u{9b}2J \\u{2066}x\\u{2069}"),
            "{page}:\n{html}"
        );
    }
    let plan = std::fs::read_to_string(site.join("plans/p.html")).expect("a page");
    assert!(
        plan.contains("Kế hoạch \\u{1b}]0;pwned\\u{7} \\u{202e}abc"),
        "{plan}"
    );
}

#[test]
fn a_usage_error_is_wrapped_to_the_terminal_as_other_messages_are() {
    let (stdout, stderr) = at("forest", Some(40), &["due", "--before", "12/5/23"]);
    assert_eq!(stdout, "");
    assert_eq!(stderr, USAGE_ERROR_AT_40);
}

const USAGE_ERROR_AT_40: &str = "\
error: invalid value '12/5/23' for
    '--before <DATE>': `12/5/23` is not
    a date; accepted forms: 2023-12-05
    (ISO), 5/12/2023 or 05/12/2023
    (day/month/year)

For more information, try '--help'.
";
