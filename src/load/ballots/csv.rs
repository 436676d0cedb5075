//! A ballot CSV: its header, then one `first,second,count` row per line,
//! each problem placed at its line and column.

use super::{BallotRow, Origin, shorten};
use crate::diagnostic::{Diagnostic, Kind, LineIndex};
use crate::load::reader::MAX_VOTES;
use crate::model::Votes;
use crate::yaml::Location;

const HEADER: [&str; 3] = ["first", "second", "count"];

pub(super) fn read_csv(
    file: &std::path::Path,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotRow>> {
    let problem = |kind: Kind, at: &Line, column: usize, message: String, help: &str| Diagnostic {
        kind,
        file: file.to_path_buf(),
        location: Location {
            line: at.number,
            column,
        },
        field: None,
        message,
        help: Some(help.to_owned()),
        source_line: Some(shorten(at.text)),
    };
    let lines = Lines::new(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(err) => {
            out.push(csv_error(&err, lines.at(err.position()), &problem));
            return None;
        }
    };
    if header != HEADER {
        out.push(problem(
            Kind::CsvRow,
            &lines.at(None),
            1,
            format!("the header is `{}`", shorten(&header.join(","))),
            "the first line must be exactly `first,second,count`",
        ));
        return None;
    }
    // Rows with problems are reported and left out; the good rows go on to be
    // checked, so one run reports every problem in the file.
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                out.push(csv_error(&err, lines.at(err.position()), &problem));
                continue;
            }
        };
        let at = lines.at(record.position());
        let columns = field_columns(at.text);
        let column = |i: usize| columns.get(i).copied().unwrap_or(1);
        let first = record[0].to_owned();
        if first.is_empty() {
            out.push(problem(
                Kind::MissingVotes,
                &at,
                column(0),
                "no first preference".into(),
                "every valid ballot has a first preference: give its candidate id",
            ));
            continue;
        }
        let count = match parse_count(&record[2]) {
            Ok(count) => count,
            Err(message) => {
                out.push(problem(
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
    Some(rows)
}

fn csv_error(
    err: &::csv::Error,
    at: Line,
    problem: &impl Fn(Kind, &Line, usize, String, &str) -> Diagnostic,
) -> Diagnostic {
    let message = match err.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("this row has {len} fields, but the header has {expected_len}")
        }
        ::csv::ErrorKind::Utf8 { .. } => "this row is not valid UTF-8 text".to_owned(),
        _ => format!("cannot read this row: {err}"),
    };
    problem(
        Kind::CsvRow,
        &at,
        1,
        message,
        "each row is `first,second,count`, with `second` empty for no second preference",
    )
}

/// A line of the CSV: its 1-based number and its text without the line end.
struct Line<'t> {
    number: usize,
    text: &'t str,
}

/// Finds the line where each record starts, from the csv crate's byte
/// offsets: its own line numbers fall one short per line after CRLF line
/// ends (BurntSushi/rust-csv#395), and its offset then points at the `\n` of
/// the line before. The file's lines are indexed once, so placing each
/// record is a lookup, never a rescan from the start.
struct Lines<'t> {
    text: &'t str,
    index: LineIndex<'t>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text,
            index: LineIndex::of(text),
        }
    }

    fn at(&self, position: Option<&::csv::Position>) -> Line<'t> {
        let byte = position
            .map_or(0, |p| p.byte() as usize)
            .min(self.text.len());
        let ends = self.text.as_bytes()[byte..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let start = byte + ends;
        // Lines end at `\n`, `\r\n` or a lone `\r` (Excel's "CSV (Macintosh)").
        let line = self.text[start..]
            .split(['\n', '\r'])
            .next()
            .unwrap_or_default();
        Line {
            number: self.index.line_number(start),
            text: line,
        }
    }
}

fn parse_count(text: &str) -> Result<Votes, String> {
    match text.parse::<u64>() {
        Ok(n) if n <= MAX_VOTES => Ok(Votes(n)),
        Ok(n) => Err(format!("{n} is too large to be a number of ballot papers")),
        Err(_) if text.starts_with('-') => Err(format!("{} is negative", shorten(text))),
        Err(_) if text.is_empty() => Err("the count is empty".to_owned()),
        Err(_) => Err(format!("`{}` is not a whole number", shorten(text))),
    }
}

/// The 1-based column where each field of a CSV line starts, honouring quotes.
fn field_columns(line: &str) -> Vec<usize> {
    let mut columns = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => columns.push(i + 2),
            _ => {}
        }
    }
    // Point past leading spaces, at the value itself.
    let chars: Vec<char> = line.chars().collect();
    columns
        .into_iter()
        .map(|mut col| {
            while chars.get(col - 1) == Some(&' ') {
                col += 1;
            }
            col
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn read_text(text: &str) -> (Option<Vec<BallotRow>>, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let rows = read_csv(&PathBuf::from("b.csv"), text, &mut out);
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
                    "b.csv:5:1: this row has 1 fields, but the header has 3".into(),
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

    #[test]
    fn columns_skip_quoted_commas_and_spaces() {
        assert_eq!(field_columns("a,b,c"), [1, 3, 5]);
        assert_eq!(field_columns("\"a,x\", b,c"), [1, 8, 10]);
    }
}
