//! `psephos new DIR`: writes the example site and says what to do next.

use std::path::Path;
use std::process::ExitCode;

use psephos::scaffold;

use super::Output;

pub fn run(dir: &Path, out: &Output) -> ExitCode {
    let files = match scaffold::create(dir) {
        Ok(files) => files,
        Err(error) => return out.failed(&error),
    };
    out.say(&format!(
        "Created a new site in {} ({} files).",
        dir.display(),
        files.len()
    ));
    out.say("\nNext:");
    out.say(&format!("  cd {}", dir.display()));
    out.say("  psephos serve     # preview it at http://127.0.0.1:1111/ as you edit");
    out.say("  psephos check     # check the data, counts and links");
    out.say("  psephos build     # write the site to public/, ready to upload");
    out.say("\nOn results night, RESULTS-NIGHT.md shows how to publish the count as it happens.");
    ExitCode::SUCCESS
}
