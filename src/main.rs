use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use psephos::cli::{Cli, Command};
use psephos::load::load_election;
use psephos::report;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Count { path, json } => count(&path, json),
        Command::Build { site_dir, out } => {
            let out = out.unwrap_or_else(|| site_dir.join("public"));
            build(&site_dir, &out)
        }
    }
}

fn build(site_dir: &std::path::Path, out: &std::path::Path) -> ExitCode {
    match psephos::build::build(site_dir, out) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}

fn count(path: &std::path::Path, json: bool) -> ExitCode {
    match load_election(path) {
        Ok(loaded) => {
            let text = if json {
                report::json::to_string(&loaded.election, &loaded.outcome)
            } else {
                report::text::declaration(&loaded.election, &loaded.outcome)
            };
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let mut stderr = std::io::stderr().lock();
            for diagnostic in &diagnostics {
                let _ = writeln!(stderr, "{}", diagnostic.render());
            }
            let n = diagnostics.len();
            let _ = writeln!(
                stderr,
                "error: found {n} problem{} in the election data",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}
