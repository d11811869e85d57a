//! `gplan completions` and `gplan man`: generated from the clap definition,
//! so they always list the commands and options that exist.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::exit;

/// Writes the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<u8> {
    // clap_complete panics when a write fails (a closed pipe): build the
    // script in memory and let the caller see the write error instead.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gplan", &mut script);
    out.write_all(&script)?;
    Ok(exit::SUCCESS)
}

/// Writes the man page, one section per subcommand.
pub fn man(out: &mut dyn Write) -> io::Result<u8> {
    let command = Cli::command();
    clap_mangen::Man::new(command.clone()).render(out)?;
    for sub in command.get_subcommands() {
        writeln!(out, ".SH \"GPLAN {}\"", sub.get_name().to_uppercase())?;
        let page = clap_mangen::Man::new(sub.clone());
        page.render_description_section(out)?;
        page.render_options_section(out)?;
        if let Some(examples) = sub.get_after_long_help() {
            write_verbatim(out, "EXAMPLES", &examples.to_string())?;
        }
    }
    Ok(exit::SUCCESS)
}

/// A section kept line for line (`.nf`), so example commands and their
/// comments are not refilled into a paragraph.
fn write_verbatim(out: &mut dyn Write, title: &str, text: &str) -> io::Result<()> {
    writeln!(out, ".SS {title}\n.nf")?;
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
