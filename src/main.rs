//! The `psephos` command: parses the command line and hands each command to
//! its handler in `commands/`, which calls the library and prints what it
//! returns.

mod commands;

use std::process::ExitCode;

use clap::Parser;
use psephos::cli::{Cli, Command};
use psephos::console::Console;
use psephos::terminal::Palette;

use commands::Output;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let console = Console::new(cli.quiet, cli.verbose);
    let out = Output {
        quiet: cli.quiet,
        palette: Palette::for_stderr(),
    };
    match cli.command {
        Command::New { dir } => commands::new::run(&dir, &out),
        Command::Build {
            site_dir,
            out: dest,
            force,
            future,
        } => commands::build::run(&site_dir, dest, force, future, &console, &out),
        Command::Check { site_dir, future } => {
            commands::check::run(&site_dir, future, &console, &out)
        }
        Command::Count { path, json } => commands::count::run(&path, json, &out),
        Command::Serve {
            site_dir,
            port,
            bind,
        } => commands::serve::run(site_dir, port, bind, console, &out),
    }
}
