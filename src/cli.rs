//! Every command-line flag, in one place.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "psephos",
    version,
    about = "Count Supplementary Vote elections and publish the results",
    after_help = "Exit status: 0 success, 1 invalid election data, 2 wrong usage."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the website: every election, authority, candidate, profile,
    /// news item and page, ready for any static host.
    #[command(
        after_help = "Example:\n  psephos build                 # the site in this folder, into ./public\n  psephos build my-site --out /tmp/site"
    )]
    Build {
        /// The site folder (holding content/).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Where to write the site [default: SITE_DIR/public].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Count one election and print the result as a declaration.
    #[command(
        after_help = "Example:\n  psephos count content/elections/2017-cambridgeshire-peterborough-mayor\n  psephos count path/to/election.yaml --json"
    )]
    Count {
        /// An election.yaml file, or the folder holding one.
        path: PathBuf,
        /// Print the outcome as JSON instead.
        #[arg(long)]
        json: bool,
    },
}
