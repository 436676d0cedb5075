//! The one-ballot-per-row form: rows added up per pair, placed at the first
//! row of each pair, problems placed and capped, the same on every path.

use std::path::PathBuf;

use super::{BallotRow, Origin, read_csv};
use crate::diagnostic::Diagnostic;

fn read_text(text: &str) -> (Vec<BallotRow>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let rows = read_csv(&PathBuf::from("b.csv"), text, &mut out);
    (rows.expect("the header is read"), out)
}

/// A row as (first, second, count, line, columns, text).
type Shown = (String, Option<String>, u64, usize, [usize; 2], String);

fn shown(rows: &[BallotRow]) -> Vec<Shown> {
    rows.iter()
        .map(|r| {
            let Origin::Csv {
                line,
                columns,
                text,
                ..
            } = &r.origin
            else {
                panic!("not from the CSV");
            };
            let (first, second) = (r.first.clone(), r.second.clone());
            (first, second, r.count.0, *line, *columns, text.clone())
        })
        .collect()
}

fn messages(errors: &[Diagnostic]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn repeated_rows_add_up_and_keep_their_first_place() {
    let (rows, errors) = read_text("first,second\nann,bob\nbob,\n\n ann , bob\r\nann,bob\n");
    assert!(errors.is_empty(), "{errors:?}");
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        shown(&rows),
        [
            ("ann".into(), some("bob"), 3, 2, [1, 5], "ann,bob".into()),
            ("bob".into(), None, 1, 3, [1, 5], "bob,".into()),
        ]
    );
}

#[test]
fn row_problems_are_placed_at_their_line_and_column() {
    let text = "first,second\nann,bob\n  ,bob\nann,bob,cat\nann\n";
    let (rows, errors) = read_text(text);
    assert_eq!(
        messages(&errors),
        [
            "b.csv:3:3: no first preference",
            "b.csv:4:1: this row has 3 fields, but the header has 2",
            "b.csv:5:1: this row has 1 field, but the header has 2",
        ]
    );
    assert_eq!(rows.len(), 1, "the good row is kept for further checks");
    // Quoted fields go through the csv crate, and are placed the same.
    let (_, quoted) = read_text(&text.replace("ann,bob\n", "\"ann\",bob\n"));
    assert_eq!(messages(&quoted), messages(&errors));
    // Windows line ends, read by hand.
    let (_, crlf) = read_text(&text.replace('\n', "\r\n"));
    assert_eq!(messages(&crlf), messages(&errors));
    // Lines ending in a lone `\r` (Excel's "CSV (Macintosh)").
    let (_, mac) = read_text(&text.replace('\n', "\r"));
    assert_eq!(messages(&mac), messages(&errors));
}

/// A file of `rows` rows over a few candidates, every `bad`th row without a
/// first preference, from a fixed seed.
fn many_rows(rows: usize, bad: usize) -> String {
    let ids = ["ann", "bob", "cat", "dee", ""];
    let mut seed: u64 = 2026;
    let mut text = String::from("first,second\n");
    for n in 1..=rows {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let (a, b) = ((seed >> 33) as usize % 4, (seed >> 40) as usize % 5);
        let first = if n % bad == 0 { "" } else { ids[a] };
        // Now and then a line too long to be found again by its bytes.
        let pad = if n % 777 == 0 {
            " ".repeat(60)
        } else {
            String::new()
        };
        text.push_str(&format!("{first}{pad},{}\n", ids[b]));
    }
    text
}

#[test]
fn a_large_file_read_on_two_threads_matches_the_csv_crate() {
    let text = many_rows(200_000, 1_000);
    assert!(text.len() > 1 << 20, "large enough to be split");
    let (rows, errors) = read_text(&text);
    // One quoted row at the end, repeating a pair, sends the whole file
    // through the csv crate on one thread.
    let (slow_rows, slow_errors) = read_text(&format!("{text}\"ann\",bob\n"));
    let mut slow = shown(&slow_rows);
    let ann_bob = slow
        .iter_mut()
        .find(|r| r.0 == "ann" && r.1.as_deref() == Some("bob"));
    ann_bob.expect("ann then bob is there").2 -= 1;
    assert_eq!(shown(&rows), slow);
    assert_eq!(messages(&errors), messages(&slow_errors));
    let total: u64 = rows.iter().map(|r| r.count.0).sum();
    assert_eq!(total, 200_000 - 200);
}

#[test]
fn only_the_first_hundred_row_problems_are_listed() {
    let text = many_rows(15_000, 100);
    let (_, errors) = read_text(&text);
    assert_eq!(errors.len(), 101);
    assert_eq!(errors[99].location.line, 10_001);
    let last = &errors[100];
    assert_eq!(
        last.to_string(),
        "b.csv:10101:1: and 50 more rows with problems like these, from this line on"
    );
    assert_eq!(last.source_line.as_deref(), text.lines().nth(10_100));
}

/// Both readers trim the same spaces (any Unicode space, as the csv crate
/// trims a string record), so a row means the same whichever path reads it.
#[test]
fn both_paths_trim_alike() {
    let text = "first,second\n \u{a0}ann ,\tbob\n";
    let (fast, _) = read_text(text);
    let (slow, _) = read_text(&format!("{text}\"cat\",\n"));
    assert_eq!(fast[0].first, "ann");
    assert_eq!(fast[0].second.as_deref(), Some("bob"));
    assert_eq!(shown(&fast)[0], shown(&slow)[0]);
}

/// With more than a hundred problems in each half of a file read on two
/// threads, the list still stops at the first hundred, and the count of the
/// rest is the whole file's, as one thread would give it.
#[test]
fn the_problem_cap_holds_across_the_two_threads() {
    let text = many_rows(200_000, 50);
    assert!(text.len() > 1 << 20, "large enough to be split");
    let (_, errors) = read_text(&text);
    let (_, slow_errors) = read_text(&format!("{text}\"ann\",bob\n"));
    assert_eq!(errors.len(), 101);
    assert_eq!(messages(&errors), messages(&slow_errors));
    assert!(
        errors[100].message.starts_with("and 3,900 more rows"),
        "{}",
        errors[100]
    );
}
