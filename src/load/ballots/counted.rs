//! The `first,second,count` form of a ballot CSV: each pair of preferences
//! once, with its count, each problem placed at its line and column.

use super::csv::{Lines, NO_FIRST, csv_error, field_columns, listed, parse_count, problem};
use super::{BallotRow, Origin, shorten};
use crate::diagnostic::{Diagnostic, Kind};

const HELP: &str = "each row is `first,second,count`, with `second` empty for no second preference";

/// The rows after the header, as written: repeated pairs are refused later,
/// where every row's ids are checked.
pub(super) fn read(
    file: &std::path::Path,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotRow>> {
    let mut lines = Lines::new(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    // Rows with problems are reported and left out; the good rows go on to be
    // checked, so one run reports every problem in the file.
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                problems.push(csv_error(file, &err, lines.at(err.position()), HELP));
                continue;
            }
        };
        let at = lines.at(record.position());
        let columns = field_columns(at.text);
        let column = |i: usize| columns.get(i).copied().unwrap_or(1);
        let first = record[0].to_owned();
        if first.is_empty() {
            problems.push(problem(
                file,
                Kind::MissingVotes,
                &at,
                column(0),
                NO_FIRST.0.into(),
                NO_FIRST.1,
            ));
            continue;
        }
        let count = match parse_count(&record[2]) {
            Ok(count) => count,
            Err(message) => {
                problems.push(problem(
                    file,
                    Kind::InvalidNumber,
                    &at,
                    column(2),
                    message,
                    "give the number of such ballot papers, 0 or more",
                ));
                continue;
            }
        };
        rows.push(BallotRow {
            first,
            second: Some(record[1].to_owned()).filter(|s| !s.is_empty()),
            count,
            origin: Origin::Csv {
                file: file.to_path_buf(),
                line: at.number,
                columns: [column(0), column(1)],
                text: shorten(at.text),
            },
        });
    }
    listed(file, problems, 0, None, out);
    Some(rows)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::Votes;

    fn read_text(text: &str) -> (Option<Vec<BallotRow>>, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let rows = super::super::read_csv(&PathBuf::from("b.csv"), text, &mut out);
        (rows, out)
    }

    #[test]
    fn reads_rows_with_and_without_second_preferences() {
        let (rows, errors) = read_text("first,second,count\nann,bob,10\nbob,,3\n");
        assert!(errors.is_empty(), "{errors:?}");
        let rows = rows.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].second.as_deref(), Some("bob"));
        assert_eq!(rows[1].second, None);
        assert_eq!(rows[1].count, Votes(3));
    }

    #[test]
    fn errors_give_the_csv_line_and_column() {
        let (rows, errors) = read_text("first,second,count\nann,bob,10\nbob, ann,-3\ncat,,x\n");
        assert_eq!(
            rows.unwrap().len(),
            1,
            "the good row is kept for further checks"
        );
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "b.csv:3:10: -3 is negative",
                "b.csv:4:6: `x` is not a whole number"
            ]
        );
    }

    #[test]
    fn a_wrong_header_or_row_length_is_reported() {
        let (_, errors) = read_text("first,count\nann,3\n");
        assert!(errors[0].message.contains("header"), "{errors:?}");
        let (_, errors) = read_text("first,second,count\nann,3\n");
        assert_eq!(errors[0].location.line, 2);
        assert!(errors[0].message.contains("2 fields"), "{errors:?}");
    }

    #[test]
    fn crlf_rows_are_reported_at_their_own_line() {
        let text = "first,second,count\r\nann,bob,10\r\n\r\nbob,,x\r\nann\r\ncat,,1\r\n";
        let (rows, errors) = read_text(text);
        let shown: Vec<(String, Option<String>)> = errors
            .iter()
            .map(|e| (e.to_string(), e.source_line.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "b.csv:4:6: `x` is not a whole number".into(),
                    Some("bob,,x".into())
                ),
                (
                    "b.csv:5:1: this row has 1 field, but the header has 3".into(),
                    Some("ann".into())
                ),
            ]
        );
        let Origin::Csv { line, text, .. } = &rows.unwrap()[1].origin else {
            panic!("not from the CSV");
        };
        assert_eq!((*line, text.as_str()), (6, "cat,,1"));
    }

    #[test]
    fn a_long_line_is_shown_cut_short() {
        let long = "9".repeat(100_000);
        let (_, errors) = read_text(&format!("first,second,count\nann,,-{long}\n"));
        let shown = errors[0].source_line.as_deref().unwrap();
        assert_eq!(shown.chars().count(), 201, "{shown}");
        assert!(shown.ends_with('…'));
        assert!(errors[0].message.len() < 300, "{}", errors[0].message);
    }
}
