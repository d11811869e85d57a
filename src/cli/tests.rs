//! Tests of the command line: clap's checks, help that teaches and fits.

use clap::CommandFactory;

use super::Cli;

/// Clap's own consistency checks (conflicting names, bad defaults…).
#[test]
fn clap_definition_is_consistent() {
    Cli::command().debug_assert();
}

/// Every command, root first, with its full name (`gplan due`).
fn commands() -> Vec<(String, clap::Command)> {
    let mut root = Cli::command();
    root.build();
    let mut out = vec![("gplan".to_owned(), root.clone())];
    for sub in root.get_subcommands() {
        if sub.get_name() != "help" {
            out.push((format!("gplan {}", sub.get_name()), sub.clone()));
        }
    }
    out
}

#[test]
fn every_argument_has_a_one_line_help() {
    let mut missing = Vec::new();
    let mut checked = 0;
    for (name, command) in commands() {
        for arg in command.get_arguments() {
            // clap's built-in --help and --version explain themselves.
            if matches!(arg.get_id().as_str(), "help" | "version") {
                continue;
            }
            checked += 1;
            match arg.get_help().map(ToString::to_string) {
                Some(help) if !help.trim().is_empty() && !help.contains('\n') => {}
                other => missing.push(format!("{name} {}: {other:?}", arg.get_id())),
            }
        }
    }
    assert!(checked > 20, "the walk saw only {checked} arguments");
    assert!(
        missing.is_empty(),
        "arguments without a one-line help: {missing:#?}"
    );
}

#[test]
fn long_help_fits_80_columns_and_examples_are_never_wrapped() {
    for (name, command) in commands() {
        let examples = command
            .get_after_long_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        let help = command.term_width(80).render_long_help().to_string();
        for line in help.lines() {
            assert!(
                line.chars().count() <= 80,
                "{name} --help at 80 columns has a line of {} characters: {line}",
                line.chars().count()
            );
        }
        let rendered: Vec<&str> = help.lines().collect();
        for example in examples.lines().filter(|l| l.starts_with("  ")) {
            assert!(
                rendered.contains(&example),
                "{name} --help at 80 columns wraps the example line `{example}`"
            );
        }
    }
}

#[test]
fn global_options_have_their_own_section_and_check_options_stay_in_check() {
    for (name, mut command) in commands() {
        let help = command.render_long_help().to_string();
        let global = help
            .split("Global options:")
            .nth(1)
            .unwrap_or_else(|| panic!("{name} --help has no global options section"));
        assert!(global.contains("--repo") && global.contains("--today"));
        let own = help.split("Global options:").next().unwrap_or_default();
        assert!(!own.contains("--repo <DIR>"), "{name}");
        assert_eq!(
            help.contains("--quiet"),
            name == "gplan check",
            "{name}: -q/--quiet applies to check only"
        );
    }
}

#[test]
fn help_points_to_commands_not_to_files_of_the_source() {
    for (name, mut command) in commands() {
        let help = command.render_long_help().to_string();
        assert!(!help.contains("docs/"), "{name} --help points into docs/");
    }
}

#[test]
fn every_command_has_a_one_line_about_and_an_example_in_its_long_help() {
    for (name, mut command) in commands() {
        let about = command.get_about().map(ToString::to_string);
        assert!(
            about
                .as_deref()
                .is_some_and(|a| !a.is_empty() && !a.contains('\n')),
            "{name} has no one-line about: {about:?}"
        );
        let long = command.render_long_help().to_string();
        assert!(
            long.contains("Example:") || long.contains("Examples:"),
            "{name} --help shows no example:\n{long}"
        );
        let example = long.lines().any(|l| l.trim_start().starts_with(&name));
        assert!(
            example,
            "{name} --help has no example line starting with `{name}`"
        );
    }
}
