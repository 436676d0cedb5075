//! The `psephos` binary, run as a user runs it.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::Scratch;

const EXAMPLE: &str = "content/elections/2017-cambridgeshire-peterborough-mayor";

fn psephos(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run psephos")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn count_prints_the_declaration() {
    let output = psephos(&["count", EXAMPLE]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "First count",
        "James Palmer       Conservative Party          76,064   38.0%",
        "Valid first preferences                       200,378",
        "more than half of the\n200,378 valid first preferences: 100,190 votes",
        "James Palmer and Rod Cantrill had the most first preferences",
        "Second count",
        "James Palmer            76,064 +      12,762 =      88,826   56.9%",
        "Rod Cantrill            47,026 +      20,179 =      67,205   43.1%",
        "Non-transferable papers                             44,347",
        "James Palmer (Conservative Party) is elected at the second count with 88,826\nvotes (56.9%), a majority of 21,621 over Rod Cantrill.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn count_accepts_the_yaml_file_itself() {
    let file = format!("{EXAMPLE}/election.yaml");
    let output = psephos(&["count", &file]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), stdout(&psephos(&["count", EXAMPLE])));
}

#[test]
fn count_json_has_the_contract_fields() {
    let output = psephos(&["count", EXAMPLE, "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["winner"], "james-palmer");
    assert_eq!(json["elected_at"], "second-count");
    assert_eq!(json["by_lot"], false);
    assert_eq!(json["valid_first_preferences"], 200_378);
    assert_eq!(json["non_transferable"], 44_347);
    let palmer = &json["candidates"][0];
    assert_eq!(palmer["id"], "james-palmer");
    assert_eq!(palmer["first"], 76_064);
    assert_eq!(palmer["second"], 12_762);
    assert_eq!(palmer["total"], 88_826);
    assert_eq!(palmer["status"], "elected");
    let price = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "kevin-price")
        .unwrap();
    assert_eq!(price["status"], "eliminated");
    assert!(price["second"].is_null() && price["total"].is_null());
    let cambridge = &json["areas"][0];
    assert_eq!(cambridge["id"], "cambridge");
    assert_eq!(cambridge["valid_first_preferences"], 36_191);
    assert_eq!(cambridge["candidates"].as_array().unwrap().len(), 7);
}

#[test]
fn json_marks_stages_that_did_not_happen_as_null() {
    let output = psephos(&[
        "count",
        "tests/fixtures/real/2017-greater-manchester-mayor",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["elected_at"], "first-count");
    assert!(json["non_transferable"].is_null());
    assert_eq!(json["candidates"][1]["status"], "defeated");
    let output = psephos(&["count", "tests/fixtures/valid/uncontested", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["elected_at"], "uncontested");
    assert!(json["margin"].is_null());
}

#[test]
fn invalid_data_exits_1_with_every_error_located_on_stderr() {
    let dir = "tests/fixtures/invalid/unknown-fields";
    let output = psephos(&["count", dir]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    let err = stderr(&output);
    let expected = format!(
        "error: areas[1].electorat: unknown field `electorat`\n  --> {dir}/election.yaml:19:5\n   |\n19 |     electorat: 90000\n   |     ^\n   = help: did you mean `electorate`?"
    );
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains(&format!("{dir}/election.yaml:2:1")), "{err}");
    assert!(
        err.ends_with("error: found 4 problems in the election data\n"),
        "{err}"
    );
}

#[test]
fn csv_errors_name_the_csv_file() {
    let output = psephos(&["count", "tests/fixtures/invalid/csv-errors"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("--> tests/fixtures/invalid/csv-errors/ballots/south.csv:3:10"),
        "{err}"
    );
    assert!(err.contains("3 | ann-ash,,-200"), "{err}");
}

#[test]
fn a_missing_path_is_a_clear_error() {
    let output = psephos(&["count", "no/such/election"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("cannot read the election data"), "{err}");
    assert!(err.contains("no/such/election"), "{err}");
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join("no").exists());
}

#[test]
fn usage_errors_exit_2_and_help_has_an_example() {
    assert_eq!(psephos(&["count"]).status.code(), Some(2));
    let help = stdout(&psephos(&["count", "--help"]));
    assert!(help.contains("Example:"), "{help}");
    let version = stdout(&psephos(&["--version"]));
    assert!(version.starts_with("psephos "), "{version}");
}

/// A fresh path for a command to work in, removed when the test ends.
fn scratch(name: &str) -> Scratch {
    Scratch::new(name)
}

/// A fresh copy of the example site `psephos new` writes.
fn new_site(name: &str) -> Scratch {
    let dir = scratch(name);
    assert!(psephos(&["new", dir.to_str().unwrap()]).status.success());
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run psephos")
}

#[test]
fn new_makes_a_site_that_checks_and_builds_as_it_is() {
    let dir = scratch("new");
    let output = psephos(&["new", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Created a new site in"), "{text}");
    for next in ["psephos serve", "psephos check", "psephos build"] {
        assert!(text.contains(next), "{text}");
    }
    let checked = run_in(&dir, &["check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(stdout(&checked).contains("no problems found"));
    assert!(!dir.join("public").exists(), "check writes nothing");
    let built = run_in(&dir, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let election =
        std::fs::read_to_string(dir.join("public/elections/2026-exampleshire-mayor/index.html"))
            .unwrap();
    assert!(
        election.contains(
            "Alex Rivers (Harbour Party) is elected at the second count with 8,880 votes"
        )
    );
    let again = psephos(&["new", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists and is not empty"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn count_reports_a_result_it_could_not_write_and_ends_quietly_when_the_reader_stops() {
    let example = "content/elections/2017-cambridgeshire-peterborough-mayor";
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full, a device that is always full");
    let output = Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(["count", example])
        .stdout(full)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error: cannot write the result: No space left on device"),
        "{}",
        stderr(&output)
    );
    // A reader that stops at once: no panic, no error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_psephos"))
        .args(["count", example, "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn the_new_sites_results_night_guide_works_as_written() {
    let dir = new_site("night-guide");
    let guide = std::fs::read_to_string(dir.join("RESULTS-NIGHT.md")).unwrap();
    assert!(
        stdout(&psephos(&[
            "new",
            scratch("night-guide-2").to_str().unwrap()
        ]))
        .contains("RESULTS-NIGHT.md")
    );
    let yaml = guide
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the guide shows the election part-way through the count");
    std::fs::write(
        dir.join("content/elections/2026-exampleshire-mayor/election.yaml"),
        yaml,
    )
    .unwrap();
    let built = run_in(&dir, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let page =
        std::fs::read_to_string(dir.join("public/elections/2026-exampleshire-mayor/index.html"))
            .unwrap();
    assert!(
        page.contains("Count in progress: 1 of 2 local authorities has reported first preferences. Figures are provisional."),
        "{page}"
    );
    assert!(!page.contains("is elected"));
    assert!(
        !dir.join("public/RESULTS-NIGHT.md").exists(),
        "the guide is not published"
    );
}

#[test]
fn check_reports_a_broken_link_at_its_line_and_column() {
    let dir = new_site("check-link");
    std::fs::write(
        dir.join("content/pages/about.md"),
        "---\ntitle: About\n---\nSee [the news](../newz/index.html) and [home](../index.html).\n",
    )
    .unwrap();
    let output = run_in(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "error: broken link `../newz/index.html`: the site has no file newz/index.html"
        ),
        "{err}"
    );
    assert!(err.contains("content/pages/about.md:4:16"), "{err}");
    assert!(
        err.ends_with("error: found 1 problem in the links between pages\n"),
        "{err}"
    );
}

#[test]
fn check_lists_every_data_problem_and_writes_nothing() {
    let dir = new_site("check-data");
    let election = dir.join("content/elections/2026-exampleshire-mayor/election.yaml");
    let text = std::fs::read_to_string(&election).unwrap();
    std::fs::write(
        &election,
        text.replace("jo-banks: 1950", "jo-banks: 19.5")
            .replace("date: 2026-06-19", "date: 2026-06-31"),
    )
    .unwrap();
    let output = run_in(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("error: date: `2026-06-31` is not a valid date"),
        "{err}"
    );
    assert!(
        err.contains("error: areas[0].first.jo-banks: `19.5` is not a whole number"),
        "{err}"
    );
    assert!(
        err.contains("found 2 problems in the content; nothing was written"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "no colour when NO_COLOR is set or output is not a terminal"
    );
    assert!(!dir.join("public").exists());
}

#[test]
fn quiet_prints_nothing_and_verbose_prints_each_step() {
    let dir = scratch("quiet");
    assert!(
        psephos(&["new", dir.to_str().unwrap(), "--quiet"])
            .stdout
            .is_empty()
    );
    let quiet = run_in(&dir, &["build", "--quiet"]);
    assert!(quiet.status.success());
    assert!(quiet.stdout.is_empty() && quiet.stderr.is_empty());
    let verbose = run_in(&dir, &["build", "--verbose"]);
    let err = stderr(&verbose);
    for stage in ["load and count", "render pages", "write files"] {
        assert!(err.contains(stage), "{err}");
    }
    assert!(
        stdout(&verbose).starts_with("Built 16 pages"),
        "{}",
        stdout(&verbose)
    );
    assert_eq!(
        psephos(&["build", "--quiet", "--verbose"]).status.code(),
        Some(2)
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in ["new", "build", "check", "serve", "count"] {
        let help = stdout(&psephos(&[command, "--help"]));
        assert!(help.contains("Example:"), "{command}: {help}");
    }
    let help = stdout(&psephos(&["--help"]));
    assert!(help.contains("Exit status:"), "{help}");
}

#[test]
fn serve_says_when_its_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = psephos(&["serve", "--port", &port]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
    assert!(err.contains("try --port"), "{err}");
}

#[test]
fn build_errors_leave_the_previous_site_and_say_what_to_do() {
    let dir = new_site("build-errors");
    assert!(run_in(&dir, &["build"]).status.success());
    let page = dir.join("public/index.html");
    let before = std::fs::read(&page).unwrap();
    std::fs::write(
        dir.join("content/site.yaml"),
        "title: T\npublisher: P\nlangauge: en\n",
    )
    .unwrap();
    let output = run_in(&dir, &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("error: langauge: unknown field `langauge`"),
        "{err}"
    );
    assert!(err.contains("--> ./content/site.yaml:3:1"), "{err}");
    assert!(err.contains("= help: did you mean `language`?"), "{err}");
    assert_eq!(
        std::fs::read(&page).unwrap(),
        before,
        "the previous site is untouched"
    );
    let unsafe_out = run_in(&dir, &["build", "--out", "."]);
    assert_eq!(unsafe_out.status.code(), Some(1));
    assert!(
        stderr(&unsafe_out).contains("will not write the site to .: it holds the site folder"),
        "{}",
        stderr(&unsafe_out)
    );
    assert!(dir.join("content").is_dir());
}

#[test]
fn check_shows_warnings_and_still_exits_0() {
    let dir = new_site("check-warning");
    let election = dir.join("content/elections/2026-exampleshire-mayor/election.yaml");
    let text = std::fs::read_to_string(&election).unwrap();
    let without_declared = text.split("declared:").next().unwrap();
    std::fs::write(&election, without_declared).unwrap();
    let output = run_in(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("warning: declared: not given, so a mistyped figure cannot be caught"),
        "{}",
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("no problems found, 1 warning"),
        "{}",
        stdout(&output)
    );
    let quiet = run_in(&dir, &["--quiet", "check"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
}

#[test]
fn a_folder_psephos_did_not_build_is_replaced_only_with_force() {
    let dir = new_site("foreign-out");
    let docs = dir.join("userdocs");
    std::fs::create_dir_all(docs.join("chapters")).unwrap();
    for name in ["thesis.docx", "notes.txt", "a.txt", "b.txt", "c.txt"] {
        std::fs::write(docs.join(name), "mine").unwrap();
    }
    let refused = run_in(&dir, &["build", "--out", "userdocs"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("error: will not replace userdocs: it holds 6 files or folders that psephos did not write, or that changed since it wrote them: a.txt, b.txt, c.txt, chapters, notes.txt and 1 more"),
        "{err}"
    );
    assert!(err.contains("pass --force"), "{err}");
    assert!(docs.join("thesis.docx").is_file(), "nothing was deleted");

    let forced = run_in(&dir, &["build", "--out", "userdocs", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!docs.join("thesis.docx").exists());
    assert!(docs.join("index.html").is_file());
    let again = run_in(&dir, &["build", "--out", "userdocs"]);
    assert!(
        again.status.success(),
        "a folder psephos built is replaced without --force: {}",
        stderr(&again)
    );
}

#[test]
fn the_default_public_folder_follows_the_same_rule() {
    let dir = new_site("foreign-public");
    std::fs::create_dir_all(dir.join("public")).unwrap();
    let empty = run_in(&dir, &["build"]);
    assert!(
        empty.status.success(),
        "an empty folder is fine: {}",
        stderr(&empty)
    );
    std::fs::remove_dir_all(dir.join("public")).unwrap();
    std::fs::create_dir_all(dir.join("public")).unwrap();
    std::fs::write(dir.join("public/upload-me.html"), "mine").unwrap();
    let refused = run_in(&dir, &["build"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("will not replace ./public: it holds 1 file or folder that psephos did not write, or that changed since it wrote them: upload-me.html\n"),
        "{err}"
    );
    assert!(dir.join("public/upload-me.html").is_file());
    assert!(run_in(&dir, &["build", "--force"]).status.success());
    assert!(!dir.join("public/upload-me.html").exists());
    assert!(dir.join("public/.psephos-build").is_file());
}

#[test]
fn a_copied_marker_does_not_let_a_build_delete_other_files() {
    let dir = new_site("copied-marker");
    assert!(run_in(&dir, &["build"]).status.success());
    let webroot = dir.join("webroot");
    std::fs::create_dir_all(&webroot).unwrap();
    std::fs::copy(
        dir.join("public/.psephos-build"),
        webroot.join(".psephos-build"),
    )
    .unwrap();
    std::fs::write(webroot.join("important.html"), "council").unwrap();
    let refused = run_in(&dir, &["build", "--out", "webroot"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused)
            .contains("it holds 1 file or folder that psephos did not write, or that changed since it wrote them: important.html"),
        "{}",
        stderr(&refused)
    );
    assert!(webroot.join("important.html").is_file());
}

#[test]
fn a_file_or_a_link_as_output_is_refused_even_with_force() {
    let dir = new_site("out-not-folder");
    std::fs::write(dir.join("report.docx"), "precious").unwrap();
    for args in [
        &["build", "--out", "report.docx"][..],
        &["build", "--out", "report.docx", "--force"][..],
    ] {
        let refused = run_in(&dir, args);
        assert_eq!(refused.status.code(), Some(1));
        assert!(
            stderr(&refused).contains("it is a file, not a folder"),
            "{}",
            stderr(&refused)
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("report.docx")).unwrap(),
        "precious"
    );
    let www = dir.join("www");
    assert!(run_in(&dir, &["build", "--out", "www"]).status.success());
    std::os::unix::fs::symlink(&www, dir.join("public")).unwrap();
    let refused = run_in(&dir, &["build", "--force"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("is a symbolic link to"),
        "{}",
        stderr(&refused)
    );
    assert!(
        dir.join("public").is_symlink(),
        "the link is left as it was"
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(left.is_empty(), "nothing moved aside: {left:?}");
}

#[test]
fn count_prints_names_longer_than_any_format_width() {
    // Rust's formatter panics on a width over 65,535; names are data, so the
    // declaration must not use them as one.
    let dir = scratch("long-name");
    std::fs::create_dir_all(&dir).unwrap();
    let name = "N".repeat(70_000);
    let party = "P".repeat(70_000);
    let text = std::fs::read_to_string("tests/fixtures/valid/decided-by-lot/election.yaml")
        .unwrap()
        .replace("name: Ann Ash}", &format!("name: {name}, party: long}}"))
        .replace(
            "candidates:",
            &format!("parties:\n  - {{id: long, name: {party}}}\ncandidates:"),
        );
    std::fs::write(dir.join("election.yaml"), text).unwrap();
    let output = psephos(&["count", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains(&format!("  {name}  {party}  ")),
        "the name and party are printed whole"
    );
    assert!(out.contains("Second count"), "{}", &out[..200]);
}

/// `link/..` is where the link leads, then up: checked as the system
/// resolves it, an output that is really the site folder is refused, even
/// with --force.
#[cfg(unix)]
#[test]
fn an_output_that_reaches_the_site_through_a_link_is_refused() {
    let dir = new_site("out-through-link");
    std::fs::create_dir_all(dir.join("v/a")).unwrap();
    std::os::unix::fs::symlink(dir.join("content"), dir.join("v/a/lnk")).unwrap();
    let site_name = dir.file_name().unwrap().to_str().unwrap().to_owned();
    let sneaky = format!("v/a/lnk/../../{site_name}");
    let refused = run_in(&dir, &["build", "--out", &sneaky, "--force"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("it holds the site folder"),
        "{}",
        stderr(&refused)
    );
    assert!(
        dir.join("content/site.yaml").is_file(),
        "the site is intact"
    );
    let into_content = run_in(&dir, &["build", "--out", "v/a/lnk/x"]);
    assert_eq!(into_content.status.code(), Some(1));
    assert!(!dir.join("content/x").exists());
}
