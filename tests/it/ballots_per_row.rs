//! Ballot CSVs with one ballot paper per row (`first,second`), as e-counts
//! export them: they count as the same ballots given with a count per pair,
//! and their problems are placed at the row, as in the counted form.

use std::fs;
use std::path::PathBuf;

use psephos::diagnostic::{Diagnostic, Kind};
use psephos::load::{Loaded, load_election};

/// South's ballots: each pair of preferences with its number of papers.
const PAIRS: [(&str, &str, usize); 8] = [
    ("ann-ash", "bob-birch", 120),
    ("ann-ash", "", 180),
    ("bob-birch", "ann-ash", 90),
    ("bob-birch", "cat-cedar", 60),
    ("bob-birch", "", 200),
    ("cat-cedar", "ann-ash", 70),
    ("cat-cedar", "bob-birch", 40),
    ("cat-cedar", "", 45),
];

fn load(name: &str, csv: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let temp = crate::common::temp_dir(name);
    let election: PathBuf = temp.path().join("election");
    fs::create_dir_all(election.join("ballots")).unwrap();
    fs::write(
        election.join("election.yaml"),
        crate::common::BALLOTS_ELECTION.replace("{BALLOTS}", "ballots/south.csv"),
    )
    .unwrap();
    fs::write(election.join("ballots/south.csv"), csv).unwrap();
    load_election(&election)
}

fn counted() -> String {
    let mut csv = String::from("first,second,count\n");
    for (first, second, count) in PAIRS {
        csv.push_str(&format!("{first},{second},{count}\n"));
    }
    csv
}

/// The same papers one per row, the pairs taking turns so that a pair's
/// rows are far apart.
fn per_row() -> String {
    let mut csv = String::from("first,second\n");
    let most = PAIRS.iter().map(|p| p.2).max().unwrap_or(0);
    for turn in 0..most {
        for (first, second, count) in PAIRS {
            if turn < count {
                csv.push_str(&format!("{first},{second}\n"));
            }
        }
    }
    csv
}

#[test]
fn one_ballot_per_row_counts_as_the_same_ballots_with_counts() {
    let counted = load("counted", &counted()).expect("the counted form loads");
    let one_per_row = load("per-row", &per_row()).expect("the per-row form loads");
    assert_eq!(one_per_row.outcome, counted.outcome);
    // Leaving out one paper changes the count: the rows are really counted.
    let one_less = per_row().replacen("cat-cedar,ann-ash\n", "", 1);
    let fewer = load("one-less", &one_less).expect("loads");
    assert_ne!(fewer.outcome, counted.outcome);
}

#[test]
fn rows_repeat_in_the_per_row_form_but_not_with_counts() {
    load("repeats", "first,second\nann-ash,\nann-ash,\n").expect("repeats are papers");
    let errors = load(
        "repeats-counted",
        "first,second,count\nann-ash,,1\nann-ash,,1\n",
    )
    .expect_err("a pair given twice with counts");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, Kind::Duplicate);
    assert_eq!(errors[0].location.line, 3);
}

#[test]
fn per_row_problems_are_placed_at_their_row() {
    let csv = "first,second\nann-ash,bob-birch\nann-ash,dan-dale\n,cat-cedar\nann-ash,dan-dale\nbob-birch,ann-ash,3\n";
    let errors = load("per-row-errors", csv).expect_err("problems");
    let placed: Vec<(Kind, usize, usize, &str)> = errors
        .iter()
        .map(|e| {
            assert!(e.file.ends_with("ballots/south.csv"), "{e}");
            (
                e.kind,
                e.location.line,
                e.location.column,
                e.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            // Once, at the first row of the pair.
            (
                Kind::UnknownReference,
                3,
                9,
                "`dan-dale` is not a candidate in this election"
            ),
            (Kind::MissingVotes, 4, 1, "no first preference"),
            (
                Kind::CsvRow,
                6,
                1,
                "this row has 3 fields, but the header has 2"
            ),
        ]
    );
}

/// Unknown ids are reported as row problems are: the first hundred, then
/// how many more; and an enormous id is quoted cut short.
#[test]
fn unknown_ids_make_a_short_report() {
    let mut csv = String::from("first,second\n");
    for n in 0..300 {
        csv.push_str(&format!("stranger-{n},\n"));
    }
    csv.push_str(&format!("ann-ash,{}\n", "x".repeat(100_000)));
    let errors = load("per-row-strangers", &csv).expect_err("unknown ids are refused");
    let from_csv: Vec<&Diagnostic> = errors
        .iter()
        .filter(|e| e.file.ends_with("south.csv"))
        .collect();
    assert_eq!(from_csv.len(), 101, "{from_csv:#?}");
    assert!(from_csv[99].message.contains("`stranger-99`"));
    assert_eq!(
        from_csv[100].to_string(),
        format!(
            "{}:102:1: and 201 more rows with problems like these, from this line on",
            from_csv[100].file.display()
        )
    );
    assert!(errors.iter().all(|e| e.message.len() < 1_000), "{errors:?}");
}

#[test]
fn an_enormous_unknown_id_is_quoted_cut_short() {
    let csv = format!("first,second\nann-ash,{}\n", "x".repeat(100_000));
    let errors = load("per-row-long-id", &csv).expect_err("an unknown id is refused");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.len() < 300, "{}", errors[0].message);
    assert!(
        errors[0].message.contains("xxx…` is not a candidate"),
        "{}",
        errors[0].message
    );
}
