//! How gplan plugs in where its users work: shell completions, the man
//! page, `--help` examples, GitHub annotations, the pre-commit hook, the CI
//! recipes and the command docs.

use std::collections::BTreeMap;
use std::path::Path;

use clap::CommandFactory;

use crate::common::run;

/// The subcommands a user can type (clap's own `help` aside).
fn subcommands() -> Vec<String> {
    let names: Vec<String> = gplan::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|n| n != "help")
        .collect();
    for known in ["check", "due", "owners", "show", "tree", "schema"] {
        assert!(
            names.iter().any(|n| n == known),
            "no `{known}` in {names:?}"
        );
    }
    names
}

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What bash offers after `words` (the last one being completed), run in
/// `dir` with the script `gplan completions bash` prints.
fn bash_completes(dir: &Path, words: &[&str]) -> Vec<String> {
    let binary = assert_cmd::cargo::cargo_bin("gplan");
    let bin_dir = binary.parent().expect("the binary is in a folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(gplan completions bash)\n\
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_TYPE=9\n\
         _clap_complete_gplan gplan {current} {previous}\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" "),
        cword = words.len() - 1,
        current = quoted[words.len() - 1],
        previous = quoted[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("GPLAN_TODAY")
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_commands_options_and_the_repository_s_names() {
    let dir = crate::common::fixture("due").join("plans/lai-chau");
    let commands = bash_completes(&dir, &["gplan", ""]);
    for name in subcommands() {
        assert!(commands.contains(&name), "no `{name}` in {commands:?}");
    }
    let options = bash_completes(&dir, &["gplan", "due", "--"]);
    for option in ["--before", "--after", "--owner", "--format", "--repo"] {
        assert!(options.iter().any(|o| o == option), "{options:?}");
    }
    assert_eq!(
        bash_completes(&dir, &["gplan", "owners", "Sở N"]),
        ["Sở Nội vụ"]
    );
    assert_eq!(
        bash_completes(&dir, &["gplan", "show", "lai"]),
        ["lai-chau/kh-01-2023"]
    );
    assert_eq!(
        bash_completes(&dir, &["gplan", "show", "53"]),
        ["53/KH-UBND"]
    );
    assert_eq!(
        bash_completes(&dir, &["gplan", "due", "--jurisdiction", ""]),
        ["hung-yen", "lai-chau", "vn"]
    );
    assert_eq!(
        bash_completes(&dir, &["gplan", "due", "--plan", "hung"]),
        ["hung-yen/kh-53-2022"]
    );
}

#[test]
fn completions_outside_a_repository_offer_no_names_and_do_not_fail() {
    let empty = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(empty.path().join(".git")).expect(".git");
    let offered = bash_completes(empty.path(), &["gplan", "owners", ""]);
    assert!(offered.iter().all(|o| o.starts_with('-')), "{offered:?}");
}

#[test]
fn every_shell_gets_a_script_that_asks_gplan() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = run("forest", &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("COMPLETE"), "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("gplan"), "{shell}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let run = run("forest", &["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("possible values"), "{}", run.stderr);
}

#[test]
fn man_page_of_gplan_lists_a_page_per_command() {
    let run = run("forest", &["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = &run.stdout;
    assert!(page.contains(".TH gplan 1"), "no .TH header");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS"] {
        assert!(page.contains(section), "no `{section}`");
    }
    for name in subcommands() {
        assert!(
            page.contains(&format!("gplan\\-{name}(1)")),
            "no reference to gplan-{name}(1)"
        );
    }
}

#[test]
fn man_out_writes_every_page_with_its_examples_line_for_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().to_str().expect("a UTF-8 path");
    let run = run("forest", &["man", "--out", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .expect("the folder is readable")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    let mut expected: Vec<String> = subcommands()
        .iter()
        .map(|n| format!("gplan-{n}.1"))
        .chain(["gplan.1".to_owned()])
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    let due = std::fs::read_to_string(dir.path().join("gplan-due.1")).expect("gplan-due.1");
    assert!(due.contains(".TH gplan-due 1"), "{due}");
    assert!(
        due.contains("gplan due [OPTIONS]") || due.contains(r"\fBgplan due\fR"),
        "{due}"
    );
    let examples = due
        .split(".SH EXAMPLES\n.nf\n")
        .nth(1)
        .expect("an EXAMPLES section");
    assert!(
        examples.contains("\n  gplan due --before 5/12/2023\n"),
        "examples are kept line for line: {examples}"
    );
    // `gplan man due` prints the same page.
    let one = crate::common::run("forest", &["man", "due"]);
    assert_eq!(one.stdout, due);
}

#[test]
fn man_out_creates_a_folder_that_does_not_exist_and_refuses_a_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fresh = dir.path().join(".local/share/man/man1");
    let made = run("forest", &["man", "--out", fresh.to_str().expect("UTF-8")]);
    assert_eq!((made.code, made.stderr.as_str()), (0, ""));
    let page = std::fs::read_to_string(fresh.join("gplan-due.1")).expect("gplan-due.1");
    assert!(page.contains(".TH gplan-due 1"), "{page}");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "mine").expect("write");
    let refused = run("forest", &["man", "--out", file.to_str().expect("UTF-8")]);
    assert_eq!(refused.code, 2);
    assert_eq!(
        refused.stderr,
        format!(
            "error: --out `{}` is a file; name a folder\n",
            file.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
}

#[test]
fn man_for_an_unknown_command_is_a_usage_error() {
    let run = run("forest", &["man", "duee"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the commands are: check, due"),
        "{}",
        run.stderr
    );
}

#[test]
fn due_help_shows_the_vietnamese_date_example() {
    let run = run("forest", &["due", "--help"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("gplan due --before 5/12/2023"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_subcommand_long_help_has_an_example() {
    for name in subcommands() {
        let run = run("forest", &[&name, "--help"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(
            run.stdout.contains("Example:") || run.stdout.contains("Examples:"),
            "`gplan {name} --help` shows no example:\n{}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!("  gplan {name}")),
            "`gplan {name} --help` has no example line running `gplan {name}`"
        );
    }
}

/// Undoes the escaping of a workflow command (one pass, so `%250A` is the
/// literal text `%0A`). Panics on a `%` that is not one of the escapes.
fn unescape(text: &str, property: bool) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 1..at + 3).unwrap_or("");
        out.push(match code {
            "25" => '%',
            "0D" => '\r',
            "0A" => '\n',
            "3A" if property => ':',
            "2C" if property => ',',
            _ => panic!("`%{code}` is not a workflow-command escape in {text:?}"),
        });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

/// `--format github` is what `examples/ci/github-actions.yml` runs: every line
/// must be a workflow command GitHub parses back into the finding that
/// `--format json` reports. The fixture's messages contain `%`, `:`, `,`,
/// CR and LF, a literal `%0A`, a file name with a comma and two-line helps.
#[test]
fn github_format_is_workflow_commands_that_decode_to_the_json_findings() {
    let github = run("github-escapes", &["check", "--format", "github"]);
    let json = run("github-escapes", &["check", "--format", "json"]);
    assert_eq!(github.code, 1, "the fixture has one error");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(findings.len(), 3);

    // `::command key=value,key=value::message`: no raw `:` or `,` in a
    // property value, no raw CR or LF anywhere.
    let syntax = regex::Regex::new(
        r"^::(error|warning) ((?:[a-zA-Z]+=[^:,\r\n]*)(?:,[a-zA-Z]+=[^:,\r\n]*)*)::([^\r\n]*)$",
    )
    .expect("valid regex");
    assert!(!github.stdout.contains('\r'), "a raw carriage return");
    let lines: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{}", github.stdout);

    for (line, finding) in lines.iter().zip(&findings) {
        let parts = syntax
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        assert_eq!(&parts[1], finding["severity"].as_str().expect("severity"));
        let properties: BTreeMap<&str, String> = parts[2]
            .split(',')
            .map(|p| {
                let (key, value) = p.split_once('=').expect("key=value");
                (key, unescape(value, true))
            })
            .collect();
        let number = |key: &str| finding[key].as_u64().expect("number").to_string();
        let want: BTreeMap<&str, String> = [
            ("file", finding["file"].as_str().expect("file").to_owned()),
            ("line", number("line")),
            ("col", number("column")),
            ("endLine", number("end_line")),
            ("endColumn", number("end_column")),
            ("title", finding["code"].as_str().expect("code").to_owned()),
        ]
        .into();
        assert_eq!(properties, want, "{line}");

        let mut message = finding["message"].as_str().expect("message").to_owned();
        if let Some(help) = finding["help"].as_str() {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        assert_eq!(unescape(&parts[3], false), message, "{line}");
    }

    // The fixture really exercises every escape.
    for escape in ["%25", "%0D", "%0A", "%250A"] {
        assert!(github.stdout.contains(escape), "no {escape} in the output");
    }
    assert!(github
        .stdout
        .contains("file=plans/ha-noi/kh-01%2C2024.toml,"));
    assert!(github.stdout.contains("title=gplan%3A%3Amalformed-due::"));
    let helps = findings.iter().filter_map(|f| f["help"].as_str());
    assert!(
        helps.filter(|h| h.contains('\n')).count() >= 1,
        "a two-line help"
    );
}

#[test]
fn pre_commit_hook_runs_gplan_check_once_on_toml_changes() {
    let hooks = read(".pre-commit-hooks.yaml");
    for line in [
        "- id: gplan-check",
        "  language: rust",
        "  entry: gplan check",
        "  pass_filenames: false",
        r"  files: \.toml$",
    ] {
        assert!(
            hooks.lines().any(|l| l.trim_end() == line),
            "no `{line}` in .pre-commit-hooks.yaml"
        );
    }
    // pre-commit builds a Rust hook with `cargo install --path .`: the root
    // manifest must be the package itself, not a virtual workspace.
    let manifest = read("Cargo.toml");
    assert!(manifest.contains("[package]") && manifest.contains("name = \"gplan\""));
}

/// The calendar the CI recipes publish keeps the deadlines already past
/// this year, not only the coming ones.
const CALENDAR_FROM_JANUARY: &str = r#"gplan due --format ics --after "$(date -u +%Y)-01-01""#;

#[test]
fn ci_recipes_install_check_and_publish_the_calendar() {
    let github = read("examples/ci/github-actions.yml");
    for needle in [
        "cargo install",
        "--locked",
        "gplan check --format github",
        "gplan check --format short",
        CALENDAR_FROM_JANUARY,
        "actions/upload-artifact",
    ] {
        assert!(
            github.contains(needle),
            "github-actions.yml lacks `{needle}`"
        );
    }
    let gitlab = read("examples/ci/gitlab-ci.yml");
    for needle in [
        "cargo install",
        "--locked",
        "gplan check --format json",
        CALENDAR_FROM_JANUARY,
        "artifacts:",
    ] {
        assert!(gitlab.contains(needle), "gitlab-ci.yml lacks `{needle}`");
    }
    for (name, text) in [("github-actions.yml", &github), ("gitlab-ci.yml", &gitlab)] {
        assert!(
            !text.contains('\t'),
            "{name}: YAML forbids tabs for indentation"
        );
    }
}

/// The `gplan show --format json` example in docs/commands.md is real output.
#[test]
fn commands_doc_show_json_example_is_current() {
    let doc = read("docs/commands.md");
    let command = "$ gplan --repo tests/fixtures/forest show lai-chau/kh-01-2023 --format json\n";
    let start = doc
        .find(command)
        .expect("the example is in docs/commands.md")
        + command.len();
    let end = start + doc[start..].find("```").expect("closing fence");
    let run = run(
        "forest",
        &["show", "lai-chau/kh-01-2023", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(&doc[start..end], run.stdout);
}

#[test]
fn schema_files_named_in_editors_doc_are_what_gplan_schema_prints() {
    let doc = read("docs/editors.md");
    for needle in [
        "#:schema ../../schema/gplan.schema.json",
        "gplan schema > schema/gplan.schema.json",
        "gplan schema --registry > schema/registry.schema.json",
        "plans/**/*.toml",
    ] {
        assert!(doc.contains(needle), "docs/editors.md lacks `{needle}`");
    }
    let run = run("forest", &["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

/// The words of a command line as a shell reads them: split at spaces,
/// double quotes keeping a name whole, a `#` comment left out.
fn shell_words(line: &str) -> Vec<String> {
    let line = line.split(" #").next().unwrap_or(line);
    let mut words = Vec::new();
    for (at, part) in line.split('"').enumerate() {
        match at % 2 {
            1 => words.push(part.to_owned()),
            _ => words.extend(part.split_whitespace().map(str::to_owned)),
        }
    }
    words
}

/// Each README example, run on the bundled plans at 100 columns, prints
/// the lines it shows, in order (a trimmed example leaves lines out where
/// it has `…`; the time `check` took is not compared).
#[test]
fn the_readme_examples_are_what_gplan_prints() {
    let readme = read("README.md");
    let mut examples = 0;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(command) = line.strip_prefix("$ cargo run --release -- ") else {
            continue;
        };
        examples += 1;
        let shown: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .filter(|l| *l != "…")
            .collect();
        let output = assert_cmd::Command::cargo_bin("gplan")
            .expect("built")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .env_remove("GPLAN_TODAY")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(shell_words(command))
            .output()
            .expect("gplan runs");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let without_time = |l: &str| match l.split_once(" in ") {
            Some((head, tail)) if l.starts_with("checked ") => {
                format!("{head}{}", tail.split_once(':').map_or("", |(_, t)| t))
            }
            _ => l.to_owned(),
        };
        let mut printed_lines = printed.lines().map(without_time);
        for shown in &shown {
            let shown = without_time(shown);
            assert!(
                printed_lines.any(|p| p == shown),
                "README: `{command}` does not print, in this order:\n{shown}\n--- it prints:\n{printed}"
            );
        }
    }
    assert_eq!(examples, 3, "the README's examples");
}
