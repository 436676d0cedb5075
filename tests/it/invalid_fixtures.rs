//! Every mistake a user can make in election data has a fixture under
//! `tests/fixtures/invalid/<name>/`: the data, and in `expected.snap` (an
//! insta snapshot) every error it must produce, each with file, line,
//! column, field, message and help.

use std::fs;
use std::path::{Path, PathBuf};

use psephos::diagnostic::Kind;
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

/// Each fixture's messages are an insta snapshot beside its data,
/// `expected.snap`. A change of wording fails here; review it, then accept
/// it with `INSTA_UPDATE=always cargo test --test it invalid_fixtures` (or
/// `cargo insta review`).
#[test]
fn every_invalid_fixture_gives_exactly_its_expected_errors() {
    let all = fixtures();
    assert!(all.len() >= 30, "only {} fixtures found", all.len());
    for dir in all {
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(&dir);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(dir.join("election.yaml"));
        settings.set_description(format!(
            "the errors for tests/fixtures/invalid/{}",
            dir.file_name().unwrap().to_string_lossy()
        ));
        settings.bind(|| insta::assert_snapshot!("expected", errors(&dir)));
    }
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

/// What went wrong first in each fixture, by kind: tests and tools can tell
/// problems apart without reading their words.
#[test]
fn every_invalid_fixture_names_the_kind_of_its_first_error() {
    let expected: &[(&str, Kind)] = &[
        ("area-totals-all-zero", Kind::MissingVotes),
        ("area-totals-also-in-yaml", Kind::Conflict),
        ("area-totals-bad-reported-at", Kind::InvalidDate),
        ("area-totals-climbs-out", Kind::FileRefused),
        ("area-totals-duplicate-area", Kind::Duplicate),
        ("area-totals-empty-file", Kind::Empty),
        ("area-totals-empty-first-cell", Kind::MissingVotes),
        ("area-totals-excel-bom-crlf", Kind::InvalidNumber),
        ("area-totals-link-outside", Kind::FileRefused),
        ("area-totals-missing-column", Kind::MissingVotes),
        ("area-totals-missing-file", Kind::Unreadable),
        ("area-totals-negative", Kind::InvalidNumber),
        ("area-totals-no-area-column", Kind::UnknownReference),
        ("area-totals-not-a-number", Kind::InvalidNumber),
        ("area-totals-reported-at-twice", Kind::Conflict),
        ("area-totals-row-empty-when-declared", Kind::MissingVotes),
        ("area-totals-row-missing-when-declared", Kind::MissingVotes),
        ("area-totals-second-before-first-counts", Kind::CountRule),
        ("area-totals-second-for-eliminated", Kind::CountRule),
        ("area-totals-second-leaves-out", Kind::CountRule),
        ("area-totals-second-missing", Kind::CountRule),
        ("area-totals-second-not-needed", Kind::CountRule),
        ("area-totals-second-without-first", Kind::Conflict),
        ("area-totals-semicolons", Kind::CsvRow),
        ("area-totals-thousands", Kind::InvalidNumber),
        ("area-totals-time-without-figures", Kind::Conflict),
        ("area-totals-transfers-exceed", Kind::FiguresDisagree),
        ("area-totals-unclosed-quote", Kind::CsvRow),
        ("area-totals-unknown-area", Kind::UnknownReference),
        ("area-totals-unknown-column", Kind::UnknownReference),
        ("area-totals-windows-1252", Kind::Encoding),
        ("area-without-votes", Kind::MissingVotes),
        ("areas-missing", Kind::MissingField),
        ("awaited-area-with-figures", Kind::Conflict),
        ("bad-colour-and-source", Kind::InvalidAddress),
        ("bad-election-id", Kind::InvalidId),
        ("bad-reported-at", Kind::InvalidDate),
        ("bad-tile-coordinates", Kind::InvalidValue),
        ("bad-tiles", Kind::Conflict),
        ("bad-vote-numbers", Kind::InvalidNumber),
        ("ballot-figures-disagree", Kind::FiguresDisagree),
        ("ballot-name-errors", Kind::MissingField),
        ("ballots-absolute-path", Kind::FileRefused),
        ("ballots-climbs-out", Kind::FileRefused),
        ("ballots-folder", Kind::Unreadable),
        ("ballots-link-outside", Kind::FileRefused),
        ("control-character", Kind::ControlCharacter),
        ("csv-bad-header", Kind::CsvRow),
        ("csv-errors", Kind::InvalidNumber),
        ("csv-excel-crlf", Kind::InvalidNumber),
        ("csv-missing-file", Kind::Unreadable),
        ("csv-per-row-errors", Kind::UnknownReference),
        ("csv-utf16", Kind::Encoding),
        ("csv-windows-1252", Kind::Encoding),
        ("decimal-votes", Kind::InvalidNumber),
        ("declared-disagrees", Kind::DeclaredDisagrees),
        ("declared-while-counting", Kind::Conflict),
        ("deep-nesting", Kind::Syntax),
        ("duplicate-ids", Kind::Duplicate),
        ("duplicate-yaml-key", Kind::Syntax),
        ("first-and-ballots", Kind::Conflict),
        ("fptp-second-preferences", Kind::Conflict),
        ("ids-not-slugs", Kind::InvalidId),
        ("inline-ballot-errors", Kind::UnknownReference),
        ("invalid-date", Kind::InvalidDate),
        ("lot-names-nobody", Kind::UnknownReference),
        ("lot-not-tied", Kind::CountRule),
        ("lot-while-counting", Kind::Conflict),
        ("lot-without-tie", Kind::CountRule),
        ("missing-candidate-in-first", Kind::MissingVotes),
        ("missing-required-fields", Kind::MissingField),
        ("no-candidates", Kind::Empty),
        ("no-votes", Kind::MissingVotes),
        ("not-a-mapping", Kind::WrongType),
        ("not-utf8", Kind::Encoding),
        ("previous-not-a-slug", Kind::InvalidId),
        ("quoting-in-flow", Kind::UnknownField),
        ("rejected-second-bad-heads", Kind::UnknownChoice),
        (
            "rejected-second-exceeds-non-transferable",
            Kind::FiguresDisagree,
        ),
        ("rejected-second-without-second-count", Kind::CountRule),
        ("returning-officer-errors", Kind::MissingField),
        ("second-after-first-count-win", Kind::CountRule),
        ("second-before-all-firsts", Kind::CountRule),
        ("second-for-eliminated", Kind::CountRule),
        ("second-leaves-out-remaining", Kind::CountRule),
        ("second-missing", Kind::CountRule),
        ("second-with-ballots", Kind::Conflict),
        ("stranger-in-first", Kind::UnknownReference),
        ("tab-indentation", Kind::Syntax),
        ("thousands-in-flow", Kind::Misread),
        ("tie-without-lot", Kind::CountRule),
        ("transfers-exceed-eliminated", Kind::FiguresDisagree),
        ("two-candidates-with-second", Kind::CountRule),
        ("uncontested-with-votes", Kind::Conflict),
        ("unknown-fields", Kind::MissingField),
        ("unknown-party", Kind::UnknownReference),
        ("unknown-system", Kind::UnknownChoice),
        ("unquoted-colour", Kind::Misread),
        ("utf16", Kind::Encoding),
        ("verified-disagrees", Kind::FiguresDisagree),
        ("yaml-syntax", Kind::Syntax),
    ];
    let all = fixtures();
    let mut wrong = Vec::new();
    for dir in &all {
        let name = dir.file_name().expect("a name").to_string_lossy();
        let Some((_, kind)) = expected.iter().find(|(fixture, _)| *fixture == name) else {
            wrong.push(format!("{name}: give its first error's kind in this table"));
            continue;
        };
        let Err(diagnostics) = load_election(dir) else {
            panic!("{name} loaded without errors");
        };
        if diagnostics[0].kind != *kind {
            wrong.push(format!("{name}: {:?}, not {kind:?}", diagnostics[0].kind));
        }
    }
    assert_eq!(expected.len(), all.len(), "a fixture in the table is gone");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
