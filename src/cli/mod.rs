//! Command-line front end: argument definitions and dispatch.

use clap::{Parser, Subcommand};

mod clean;
mod config;
mod eval;
mod learn;

/// Exit code: everything succeeded.
pub const EXIT_OK: i32 = 0;
/// Exit code: some input failed (the rest was processed).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: bad usage.
pub const EXIT_USAGE: i32 = 2;

/// Strip boilerplate from plain text scraped from the web.
#[derive(Debug, Parser)]
#[command(name = "deboil", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clean files, directories or stdin.
    Clean(clean::CleanArgs),
    /// Learn the templates of a batch's sites, for `clean --templates`.
    Learn(learn::LearnArgs),
    /// Score the cleaner on labelled sets (pair or segment sets).
    Eval(eval::EvalArgs),
}

/// Parse the arguments, run the command, return the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Clean(args) => clean::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Learn(args) => learn::run(args),
    }
}
