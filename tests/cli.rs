//! The `psephos` binary, run as a user runs it.

use std::path::Path;
use std::process::{Command, Output};

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
