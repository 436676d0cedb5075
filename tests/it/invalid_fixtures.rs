//! Every mistake a user can make in election data has a fixture under
//! `tests/fixtures/invalid/<name>/`: the data, and in `expected.txt` every
//! error it must produce, each with file, line, column, field, message and
//! help. Set `PSEPHOS_BLESS=1` to rewrite the expectations after a deliberate
//! change of wording, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use psephos::load::load_election;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("fixtures folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn errors(dir: &Path) -> String {
    let diagnostics = match load_election(dir) {
        Ok(_) => return "no errors: the fixture loaded".into(),
        Err(diagnostics) => diagnostics,
    };
    let prefix = format!("{}/", dir.display());
    diagnostics
        .iter()
        .map(|d| {
            let line = d.to_string().replacen(&prefix, "", 1);
            match &d.help {
                Some(help) => format!("{line}\n  help: {help}\n"),
                None => format!("{line}\n"),
            }
        })
        .collect()
}

#[test]
fn every_invalid_fixture_gives_exactly_its_expected_errors() {
    let bless = std::env::var_os("PSEPHOS_BLESS").is_some();
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(all.len() >= 30, "only {} fixtures found", all.len());
    for dir in all {
        let actual = errors(&dir);
        let expected_file = dir.join("expected.txt");
        if bless {
            fs::write(&expected_file, &actual).expect("write expected.txt");
            continue;
        }
        let expected = fs::read_to_string(&expected_file).unwrap_or_default();
        assert!(
            !expected.trim().is_empty(),
            "{} has no expected.txt",
            dir.display()
        );
        if actual != expected {
            failures.push(format!(
                "--- {}\nexpected:\n{expected}\nactual:\n{actual}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error_names_a_line_and_column_inside_its_file() {
    for dir in fixtures() {
        let Err(diagnostics) = load_election(&dir) else {
            panic!("{} loaded without errors", dir.display());
        };
        for d in diagnostics {
            // Lossy, so that the fixtures in other encodings are measured too.
            let bytes = fs::read(&d.file).unwrap_or_default();
            let lines = String::from_utf8_lossy(&bytes).lines().count().max(1);
            assert!(
                d.location.line >= 1 && d.location.line <= lines,
                "{d} is outside {} lines",
                lines
            );
            assert!(d.location.column >= 1, "{d}");
        }
    }
}
