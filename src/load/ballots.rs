//! Ballot-level data: rows of `first,second,count`, from a CSV file or inline
//! in the YAML. Rows remember where they came from, so a later check can
//! point at the right file, line and column.

use std::path::PathBuf;

use super::reader::{self, Fields, MAX_VOTES, Problems};
use crate::diagnostic::{Diagnostic, line_of};
use crate::model::Votes;
use crate::yaml::{Location, Node, Path};

/// Reads files named in the data, relative to the election's folder.
pub trait Files {
    /// The path to show in messages, and the text; or what went wrong.
    fn read(&self, relative: &str) -> Result<(PathBuf, String), String>;
}

/// One row as written, before its ids are checked.
#[derive(Debug, Clone)]
pub struct BallotRow {
    pub first: String,
    pub second: Option<String>,
    pub count: Votes,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy)]
pub enum Field {
    First,
    Second,
}

#[derive(Debug, Clone)]
pub enum Origin {
    Yaml(Path),
    Csv {
        file: PathBuf,
        line: usize,
        /// 1-based columns of the `first` and `second` fields.
        columns: [usize; 2],
        text: String,
    },
}

impl Origin {
    pub fn report(
        &self,
        field: Field,
        message: String,
        help: String,
        problems: &mut Problems,
        csv: &mut Vec<Diagnostic>,
    ) {
        let key = match field {
            Field::First => "first",
            Field::Second => "second",
        };
        match self {
            Origin::Yaml(path) => problems.value(&path.key(key), message, help),
            Origin::Csv {
                file,
                line,
                columns,
                text,
            } => csv.push(Diagnostic {
                file: file.clone(),
                location: Location {
                    line: *line,
                    column: columns[field as usize],
                },
                field: Some(key.to_owned()),
                message,
                help: Some(help),
                source_line: Some(text.clone()),
            }),
        }
    }

    /// Where the row is, for "already given ..." messages.
    pub fn describe(&self) -> String {
        match self {
            Origin::Yaml(path) => format!("at {path}"),
            Origin::Csv { line, .. } => format!("on line {line}"),
        }
    }
}

/// Reads `ballots:`: a CSV file name or a list of rows.
pub fn read(
    node: &Node,
    path: &Path,
    files: &dyn Files,
    problems: &mut Problems,
    csv: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotRow>> {
    match node {
        Node::Str(file) => match files.read(file) {
            Ok((shown, text)) => read_csv(&shown, &text, csv),
            Err(why) => {
                problems.value(
                    path,
                    format!("cannot read ballot file `{file}`: {why}"),
                    "give the CSV's path relative to the folder holding election.yaml",
                );
                None
            }
        },
        Node::Seq(_) => read_inline(node, path, problems),
        other => {
            problems.value(
                path,
                format!("expected a CSV file name or a list of rows, found {}", other.kind()),
                "write `ballots: ballots/area.csv` or a list of `- {first: id, second: id, count: N}`",
            );
            None
        }
    }
}

fn read_inline(node: &Node, path: &Path, problems: &mut Problems) -> Option<Vec<BallotRow>> {
    let items = reader::list(node, path, "ballot rows", problems)?;
    let mut rows = Vec::new();
    for (item, item_path) in items {
        let Some(mut fields) = Fields::of(item, &item_path, "a ballot row", problems) else {
            continue;
        };
        let first = fields
            .required(
                "first",
                "add `first:` with the candidate id of the first preference",
                problems,
            )
            .and_then(|(node, path)| reader::text(node, &path, problems));
        let second = match fields.optional("second") {
            None => Some(None),
            Some((node, path)) => reader::text(node, &path, problems).map(Some),
        };
        let count = fields
            .required(
                "count",
                "add `count:` with the number of such ballot papers",
                problems,
            )
            .and_then(|(node, path)| reader::votes(node, &path, problems));
        fields.finish(&["first", "second", "count"], problems);
        if let (Some(first), Some(second), Some(count)) = (first, second, count) {
            rows.push(BallotRow {
                first,
                second,
                count,
                origin: Origin::Yaml(item_path),
            });
        }
    }
    Some(rows)
}

const HEADER: [&str; 3] = ["first", "second", "count"];

fn read_csv(
    file: &std::path::Path,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotRow>> {
    let problem = |line: usize, column: usize, message: String, help: &str| Diagnostic {
        file: file.to_path_buf(),
        location: Location { line, column },
        field: None,
        message,
        help: Some(help.to_owned()),
        source_line: line_of(text, line),
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(err) => {
            out.push(csv_error(&err, &problem));
            return None;
        }
    };
    if header != HEADER {
        out.push(problem(
            1,
            1,
            format!("the header is `{}`", header.join(",")),
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
                out.push(csv_error(&err, &problem));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let raw = line_of(text, line).unwrap_or_default();
        let columns = field_columns(&raw);
        let column = |i: usize| columns.get(i).copied().unwrap_or(1);
        let first = record[0].to_owned();
        if first.is_empty() {
            out.push(problem(
                line,
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
                    line,
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
                line,
                columns: [column(0), column(1)],
                text: raw,
            },
        });
    }
    Some(rows)
}

fn csv_error(
    err: &csv::Error,
    problem: &impl Fn(usize, usize, String, &str) -> Diagnostic,
) -> Diagnostic {
    let line = err.position().map_or(1, |p| p.line() as usize);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("this row has {len} fields, but the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "this row is not valid UTF-8 text".to_owned(),
        _ => format!("cannot read this row: {err}"),
    };
    problem(
        line,
        1,
        message,
        "each row is `first,second,count`, with `second` empty for no second preference",
    )
}

fn parse_count(text: &str) -> Result<Votes, String> {
    match text.parse::<u64>() {
        Ok(n) if n <= MAX_VOTES => Ok(Votes(n)),
        Ok(n) => Err(format!("{n} is too large to be a number of ballot papers")),
        Err(_) if text.starts_with('-') => Err(format!("{text} is negative")),
        Err(_) if text.is_empty() => Err("the count is empty".to_owned()),
        Err(_) => Err(format!("`{text}` is not a whole number")),
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
    fn columns_skip_quoted_commas_and_spaces() {
        assert_eq!(field_columns("a,b,c"), [1, 3, 5]);
        assert_eq!(field_columns("\"a,x\", b,c"), [1, 8, 10]);
    }
}
