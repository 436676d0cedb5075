//! Ballot-level data: rows of `first,second,count`, from a CSV file or inline
//! in the YAML. Rows remember where they came from, so a later check can
//! point at the right file, line and column.

use std::path::PathBuf;

use super::encoding::{self, Found, NotUtf8};
use super::files::{DataPath, Files};
use super::reader::{self, Fields, MAX_VOTES, Problems};
use crate::diagnostic::Diagnostic;
use crate::model::Votes;
use crate::yaml::{Location, Node, Path};

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
        Node::Str(name) => match DataPath::parse(name).and_then(|file| files.read(&file)) {
            Ok((shown, bytes)) => match encoding::utf8(&bytes) {
                Ok(text) => read_csv(&shown, text, csv),
                Err(bad) => {
                    csv.push(not_utf8(shown, &bytes, &bad));
                    None
                }
            },
            Err(refusal) => {
                let (message, help) = refusal.explain(name);
                problems.value(path, message, help);
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

/// Where a CSV stops being UTF-8. The line is shown with the foreign bytes
/// replaced, so the person can see which word to fix.
fn not_utf8(file: PathBuf, bytes: &[u8], bad: &NotUtf8) -> Diagnostic {
    let source_line = match bad.found {
        Found::Byte(_) => encoding::lossy_line(bytes, bad.line).map(|line| shorten(&line)),
        // UTF-16 or binary text shown as UTF-8 is noise.
        Found::Utf16 | Found::Nul => None,
    };
    Diagnostic {
        file,
        location: Location {
            line: bad.line,
            column: bad.column,
        },
        field: None,
        message: bad.message(),
        help: Some(encoding::SAVE_AS_UTF8.to_owned()),
        source_line,
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
    let problem = |at: &Line, column: usize, message: String, help: &str| Diagnostic {
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
    let mut lines = Lines::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
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
    err: &csv::Error,
    at: Line,
    problem: &impl Fn(&Line, usize, String, &str) -> Diagnostic,
) -> Diagnostic {
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
/// the line before. Records come in order, so counting resumes where the last
/// one stopped and the whole file is scanned once.
struct Lines<'t> {
    text: &'t str,
    offset: usize,
    number: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text,
            offset: 0,
            number: 1,
        }
    }

    fn at(&mut self, position: Option<&csv::Position>) -> Line<'t> {
        let byte = position
            .map_or(0, |p| p.byte() as usize)
            .min(self.text.len());
        let ends = self.text.as_bytes()[byte..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let start = byte + ends;
        if start < self.offset {
            *self = Lines::new(self.text);
        }
        // Lines end at `\n`, `\r\n` or a lone `\r` (Excel's "CSV (Macintosh)").
        let skipped = &self.text[self.offset..start];
        self.number += skipped.matches('\n').count() + skipped.matches('\r').count()
            - skipped.matches("\r\n").count();
        self.offset = start;
        let rest = &self.text[start..];
        let line = rest.split(['\n', '\r']).next().unwrap_or_default();
        Line {
            number: self.number,
            text: line,
        }
    }
}

/// A line or value from the user's file, cut short so that one enormous line
/// cannot flood the terminal or the browser.
fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 200;
    match text.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
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
