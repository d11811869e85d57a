//! The `gplan` binary: parse arguments, decide on colour, run, exit.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;

use gplan::cli::Cli;
use gplan::exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli.color.write_global();
    let color = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match gplan::run(&cli, color, &mut out, &mut err).and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::from(exit::SUCCESS),
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(exit::FAILURE)
        }
    }
}
