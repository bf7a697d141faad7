//! The `sluss` binary: parse the command line, run it, map the result to exit code 0/1/2.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("sluss: {error:#}");
            ExitCode::from(2)
        }
    }
}
