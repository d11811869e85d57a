//! `gplan completions` and `gplan man`: generated from the clap definition,
//! so they always list the commands and options that exist.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;

use clap_complete::env::{self, EnvCompleter};

use crate::author::write;
use crate::cli::{Cli, ManArgs, Shell};
use crate::commands::RunError;
use crate::config::UsageError;
use crate::exit;
use crate::render::terminal::escape;

/// The variable that makes `gplan` answer a completion request instead of
/// running a command (what the scripts below set).
pub const COMPLETE_VAR: &str = "COMPLETE";

/// Writes the completion script for `shell`: a small function that asks
/// `gplan` itself for the candidates, so options and the repository's
/// names, plan ids and jurisdictions are always current.
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<u8> {
    let adapter: &dyn EnvCompleter = match shell {
        Shell::Bash => &env::Bash,
        Shell::Zsh => &env::Zsh,
        Shell::Fish => &env::Fish,
        Shell::Elvish => &env::Elvish,
        Shell::Powershell => &env::Powershell,
    };
    adapter.write_registration(COMPLETE_VAR, "gplan", "gplan", "gplan", out)?;
    Ok(exit::SUCCESS)
}

/// Prints one manual page, or writes every page into `--out`.
pub fn man(args: &ManArgs, out: &mut dyn Write) -> Result<u8, RunError> {
    let pages = pages();
    if let Some(dir) = &args.out {
        out_folder(dir)?;
        for (name, command) in &pages {
            let mut page = Vec::new();
            render_page(command, &pages, &mut page)?;
            write_atomically(dir, &format!("{name}.1"), &page)?;
        }
        return Ok(exit::SUCCESS);
    }
    let wanted = args
        .command
        .as_deref()
        .map_or_else(|| "gplan".to_owned(), |c| format!("gplan-{c}"));
    let Some((_, command)) = pages.iter().find(|(name, _)| *name == wanted) else {
        let commands: Vec<&str> = pages
            .iter()
            .filter_map(|(name, _)| name.strip_prefix("gplan-"))
            .collect();
        return Err(RunError::Usage(UsageError(format!(
            "no manual page for `{}`; the commands are: {}",
            escape(args.command.as_deref().unwrap_or_default()),
            commands.join(", ")
        ))));
    };
    render_page(command, &pages, out)?;
    Ok(exit::SUCCESS)
}

/// Every page: `gplan` itself, then `gplan-<command>` for each command, in
/// the order of the command line's help.
fn pages() -> Vec<(String, clap::Command)> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut pages = vec![("gplan".to_owned(), root.clone())];
    for sub in root.get_subcommands() {
        let name = format!("gplan-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("gplan {}", sub.get_name()));
        pages.push((name, page));
    }
    pages
}

/// One page: clap's sections, then the examples kept line for line, then
/// the other pages under SEE ALSO.
fn render_page(
    command: &clap::Command,
    pages: &[(String, clap::Command)],
    out: &mut dyn Write,
) -> io::Result<()> {
    let page = clap_mangen::Man::new(command.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    if command.has_subcommands() {
        page.render_subcommands_section(out)?;
    }
    if let Some(examples) = command.get_after_long_help() {
        write_verbatim(out, "EXAMPLES", &examples.to_string())?;
    }
    let this = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name());
    let others: Vec<String> = pages
        .iter()
        .filter(|(name, _)| name != this)
        .map(|(name, _)| format!("{name}(1)"))
        .collect();
    writeln!(out, ".SH \"SEE ALSO\"\n{}", others.join(", "))?;
    if command.get_version().is_some() {
        page.render_version_section(out)?;
    }
    Ok(())
}

/// A section kept line for line (`.nf`), so example commands and their
/// comments are not refilled into a paragraph.
fn write_verbatim(out: &mut dyn Write, title: &str, text: &str) -> io::Result<()> {
    writeln!(out, ".SH {title}\n.nf")?;
    for line in text.lines() {
        let escaped = line.replace('\\', "\\e");
        let guarded = if escaped.starts_with(['.', '\'']) {
            format!("\\&{escaped}")
        } else {
            escaped
        };
        writeln!(out, "{guarded}")?;
    }
    writeln!(out, ".fi")
}

/// Makes `--out` ready for the pages: a folder that does not exist yet is
/// created with its parents (a fresh account has no
/// `~/.local/share/man/man1`), as `gplan site --out` does; a file in its
/// place is refused with the same words as `site`.
fn out_folder(dir: &Path) -> Result<(), RunError> {
    let shown = escape(&dir.to_string_lossy()).into_owned();
    if dir.exists() && !dir.is_dir() {
        return Err(UsageError(format!("--out `{shown}` is a file; name a folder")).into());
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| UsageError(format!("cannot create --out `{shown}`: {e}")).into())
}

/// Writes `name` in `dir` through a temporary file in the same folder and
/// a rename, so a page is never left half written.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), RunError> {
    let path = dir.join(name);
    write::replace(&path, bytes).map_err(|e| {
        RunError::Usage(UsageError(format!(
            "cannot write `{}`: {e}",
            escape(&path.to_string_lossy())
        )))
    })
}
