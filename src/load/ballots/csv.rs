//! What both ballot CSV forms share: the header that tells them apart, how a
//! row's problem is placed at its line and column, and the cap on how many
//! row problems are listed.

use super::shorten;
use crate::diagnostic::{Diagnostic, Kind};
use crate::format::thousands;
use crate::load::reader::MAX_VOTES;
use crate::model::Votes;
use crate::yaml::Location;

/// Which of the two forms a ballot CSV is in, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// `first,second,count`: each pair of preferences once, with its count.
    Counted,
    /// `first,second`: one ballot paper per row, as an e-count exports it.
    PerRow,
}

/// At most this many row problems are listed for one file; the rest are
/// counted in one last line, so a file of millions of bad rows stays readable.
pub(in crate::load) const MAX_ROW_PROBLEMS: usize = 100;

/// A row without a first preference, in either form: the message and help.
pub(super) const NO_FIRST: (&str, &str) = (
    "no first preference",
    "every valid ballot has a first preference: give its candidate id",
);

/// Reads the header line: the form, and the byte where the rows start.
pub(super) fn header(
    file: &std::path::Path,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<(Form, usize)> {
    let mut reader = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(err) => {
            let mut lines = Lines::new(text);
            out.push(csv_error(
                file,
                &err,
                lines.at(err.position()),
                "the first line must be `first,second,count` or `first,second`",
            ));
            return None;
        }
    };
    let form = match header.as_slice() {
        [a, b, c] if a == "first" && b == "second" && c == "count" => Form::Counted,
        [a, b] if a == "first" && b == "second" => Form::PerRow,
        _ => {
            let line = Line {
                number: 1,
                text: text.split(['\n', '\r']).next().unwrap_or_default(),
            };
            out.push(problem(
                file,
                Kind::CsvRow,
                &line,
                1,
                format!("the header is `{}`", shorten(&header.join(","))),
                "the first line must be exactly `first,second,count` (each pair of preferences once, with its count) or `first,second` (one ballot paper per row)",
            ));
            return None;
        }
    };
    // After a `\r\n`, the csv crate's position is the `\n`.
    let mut body = (reader.position().byte() as usize).min(text.len());
    let bytes = text.as_bytes();
    if body > 0 && bytes[body - 1] == b'\r' && bytes.get(body) == Some(&b'\n') {
        body += 1;
    }
    Some((form, body))
}

/// A problem on one line of a CSV.
pub(super) fn problem(
    file: &std::path::Path,
    kind: Kind,
    at: &Line,
    column: usize,
    message: String,
    help: &str,
) -> Diagnostic {
    Diagnostic {
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
    }
}

pub(super) fn csv_error(
    file: &std::path::Path,
    err: &::csv::Error,
    at: Line,
    help: &str,
) -> Diagnostic {
    let message = match err.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => wrong_length(*len, *expected_len),
        ::csv::ErrorKind::Utf8 { .. } => "this row is not valid UTF-8 text".to_owned(),
        _ => format!("cannot read this row: {err}"),
    };
    problem(file, Kind::CsvRow, &at, 1, message, help)
}

/// A row with more or fewer fields than the header.
pub(in crate::load) fn wrong_length(fields: u64, header: u64) -> String {
    let s = if fields == 1 { "" } else { "s" };
    format!("this row has {fields} field{s}, but the header has {header}")
}

/// Lists the first [`MAX_ROW_PROBLEMS`] row problems; `more` rows beyond
/// those had problems too, and the first of them is `next`.
pub(super) fn listed(
    file: &std::path::Path,
    mut problems: Vec<Diagnostic>,
    more: usize,
    next: Option<Line>,
    out: &mut Vec<Diagnostic>,
) {
    let (more, next) = if problems.len() > MAX_ROW_PROBLEMS {
        let rest = problems.split_off(MAX_ROW_PROBLEMS);
        let at = rest[0].location;
        (more + rest.len(), Some((at, rest[0].source_line.clone())))
    } else {
        let at = |l: Line| {
            let location = Location {
                line: l.number,
                column: 1,
            };
            (location, Some(shorten(l.text)))
        };
        (more, next.map(at))
    };
    out.extend(problems);
    if more > 0
        && let Some((location, source_line)) = next
    {
        let rows = if more == 1 { "row" } else { "rows" };
        out.push(Diagnostic {
            kind: Kind::CsvRow,
            file: file.to_path_buf(),
            location,
            field: None,
            message: format!(
                "and {} more {rows} with problems like these, from this line on",
                thousands(more as u64)
            ),
            help: Some(format!(
                "only the first {MAX_ROW_PROBLEMS} are listed: fix those and check again"
            )),
            source_line,
        });
    }
}

/// A line of the CSV: its 1-based number and its text without the line end.
pub(in crate::load) struct Line<'t> {
    pub number: usize,
    pub text: &'t str,
}

/// The line starting at byte `start`, without its ending.
pub(super) fn line_text(text: &str, start: usize) -> &str {
    text[start..].split(['\n', '\r']).next().unwrap_or_default()
}

/// Finds the line where each record starts, from the csv crate's byte
/// offsets: its own line numbers fall one short per line after CRLF line
/// ends (BurntSushi/rust-csv#395), and its offset then points at the `\n` of
/// the line before. Records come in order, so line breaks are counted once
/// from the last record placed: no index of every line is kept.
pub(in crate::load) struct Lines<'t> {
    text: &'t str,
    /// A place already counted: a line start, and its 1-based line number.
    offset: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        Lines {
            text,
            offset: 0,
            line: 1,
        }
    }

    pub fn at(&mut self, position: Option<&::csv::Position>) -> Line<'t> {
        let bytes = self.text.as_bytes();
        let byte = position
            .map_or(0, |p| p.byte() as usize)
            .min(self.text.len());
        let ends = bytes[byte..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let start = byte + ends;
        if start < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        // Lines end at `\n`, `\r\n` or a lone `\r` (Excel's "CSV (Macintosh)").
        self.line += bytes[self.offset..start]
            .iter()
            .enumerate()
            .filter(|&(i, &b)| {
                b == b'\n' || (b == b'\r' && bytes.get(self.offset + i + 1) != Some(&b'\n'))
            })
            .count();
        self.offset = start;
        Line {
            number: self.line,
            text: line_text(self.text, start),
        }
    }
}

pub(super) fn parse_count(text: &str) -> Result<Votes, String> {
    match text.parse::<u64>() {
        Ok(n) if n <= MAX_VOTES => Ok(Votes(n)),
        Ok(n) => Err(format!("{n} is too large to be a number of ballot papers")),
        Err(_) if text.starts_with('-') => Err(format!("{} is negative", shorten(text))),
        Err(_) if text.is_empty() => Err("the count is empty".to_owned()),
        Err(_) => Err(format!("`{}` is not a whole number", shorten(text))),
    }
}

/// The 1-based column where each field of a CSV line starts, honouring quotes.
pub(in crate::load) fn field_columns(line: &str) -> Vec<usize> {
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

    #[test]
    fn columns_skip_quoted_commas_and_spaces() {
        assert_eq!(field_columns("a,b,c"), [1, 3, 5]);
        assert_eq!(field_columns("\"a,x\", b,c"), [1, 8, 10]);
    }
}
