//! Whatever the input, loading reports problems; it never panics.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use psephos::load::{DataPath, Files, Refusal, check};

const EXAMPLE: &str =
    include_str!("../../content/elections/2017-cambridgeshire-peterborough-mayor/election.yaml");

/// Ballot files that exist, with garbled contents.
struct Garbled(String);

impl Files for Garbled {
    fn read(&self, path: &DataPath) -> Result<(PathBuf, Vec<u8>), Refusal> {
        Ok((PathBuf::from(path.as_str()), self.0.clone().into_bytes()))
    }
}

/// The example with a stretch of it replaced.
fn mutated() -> impl Strategy<Value = String> {
    (
        0..EXAMPLE.len(),
        0usize..40,
        "[-a-z0-9:{}\\[\\], \n#'\"~.]{0,12}",
    )
        .prop_map(|(at, len, with)| {
            let mut text = EXAMPLE.as_bytes().to_vec();
            let end = (at + len).min(text.len());
            text.splice(at..end, with.bytes());
            String::from_utf8_lossy(&text).into_owned()
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        // Beside this file, named outright rather than where proptest's
        // default would put them.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/it/garbled_input.proptest-regressions"
        )))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_damaged_example_is_either_valid_or_reported_with_locations(text in mutated()) {
        let lines = text.lines().count().max(1);
        if let Err(errors) = check(Path::new("election.yaml"), &text, &Garbled(String::new())) {
            prop_assert!(!errors.is_empty());
            for error in errors {
                prop_assert!(error.location.line <= lines + 1, "{}", error);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = check(Path::new("election.yaml"), &text, &Garbled(text.clone()));
    }

    #[test]
    fn arbitrary_ballot_files_never_panic(csv in "[a-z,\"\n -9]{0,120}") {
        let text = "title: t\noffice: o\ndate: 2026-06-19\nsystem: supplementary-vote\n\
            candidates: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]\n\
            areas: [{id: x, name: X, ballots: x.csv}]\n";
        let _ = check(Path::new("election.yaml"), text, &Garbled(csv));
    }
}

#[test]
fn a_file_cut_short_is_reported_on_its_last_line() {
    // The YAML library places the error on a line after the last one when
    // the file has no final newline; the report must show a real line.
    let text = "title: t\nparties:\n  - {";
    let errors = check(Path::new("election.yaml"), text, &Garbled(String::new())).unwrap_err();
    let error = &errors[0];
    assert_eq!(
        (error.location.line, error.location.column),
        (3, 6),
        "{error}"
    );
    assert_eq!(error.source_line.as_deref(), Some("  - {"));
}

#[test]
fn old_mac_line_endings_are_lines_too() {
    // YAML ends a line at a lone CR, so the reported line must count them.
    let text = EXAMPLE
        .replace('\n', "\r")
        .replace("date: 2017-05-04", "date: 2017-05-44");
    let errors = check(Path::new("election.yaml"), &text, &Garbled(String::new())).unwrap_err();
    let line = EXAMPLE
        .lines()
        .position(|l| l.starts_with("date:"))
        .unwrap()
        + 1;
    assert_eq!(errors[0].location.line, line, "{}", errors[0]);
    assert_eq!(errors[0].source_line.as_deref(), Some("date: 2017-05-44"));
}
