//! `gplan completions` and `gplan man`: generated from the clap definition,
//! so they always list the commands and options that exist.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::exit;

/// Writes the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<u8> {
    clap_complete::generate(shell, &mut Cli::command(), "gplan", out);
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
        page.render_extra_section(out)?;
    }
    Ok(exit::SUCCESS)
}
