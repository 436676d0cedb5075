//! Every command-line flag, in one place.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

const EXIT_CODES: &str = "Exit status:
  0  success
  1  problems in the content or data (each is listed), or a file could not be written
  2  wrong usage of the command line";

#[derive(Debug, Parser)]
#[command(
    name = "psephos",
    version,
    about = "Count Supplementary Vote elections exactly and publish the results as a website",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print nothing but errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print how long each step took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site folder with a small working example.
    #[command(after_help = "Example:\n  psephos new my-results\n  cd my-results && psephos serve")]
    New {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
    },
    /// Build the website: every election, authority, candidate, profile,
    /// news item and page, ready for any static host.
    #[command(
        after_help = "Example:\n  psephos build                 # the site in this folder, into ./public\n  psephos build my-site --out /tmp/site\n  psephos build --future        # also news items dated later than now"
    )]
    Build {
        /// The site folder (holding content/).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Where to write the site [default: SITE_DIR/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the output folder even if it holds files psephos did not
        /// write (or that changed since), deleting everything in it. Never
        /// a file or a symbolic link given as the output.
        #[arg(long)]
        force: bool,
        /// Also publish news items dated after now (they are left out until
        /// their moment comes). Drafts are never published.
        #[arg(long)]
        future: bool,
    },
    /// Check everything without writing anything: the data, the counts, the
    /// pages and every link between them.
    #[command(
        after_help = "Example:\n  psephos check                 # the site in this folder\n  psephos check my-site && echo ready to publish"
    )]
    Check {
        /// The site folder (holding content/).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Check the site as `build --future` publishes it, with news items
        /// dated after now. Without it they are still checked, and links to
        /// them are reported, as `build` would leave them out.
        #[arg(long)]
        future: bool,
    },
    /// Build the site, serve it locally and rebuild it whenever anything under
    /// content/ or static/ changes; open pages reload themselves. The preview
    /// links to itself, even when site.yaml sets base_url, and shows news
    /// items dated in the future (never drafts).
    #[command(
        after_help = "Example:\n  psephos serve                 # then open http://127.0.0.1:1111/\n  psephos serve my-site --port 8080"
    )]
    Serve {
        /// The site folder (holding content/).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only this computer can see the default;
        /// 0.0.0.0 shows the preview to your whole network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
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
