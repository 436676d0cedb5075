//! Ballot-level data: rows of `first,second,count`, from a CSV file or
//! inline in the YAML. A CSV is in one of two forms, told apart by its header
//! (`csv.rs`): a count per pair of preferences (`counted.rs`), or one ballot
//! paper per row (`per_row.rs`), added up into a row per pair as it is read.
//! Rows remember where they came from, so a later check can point at the
//! right file, line and column.

mod counted;
mod csv;
mod per_row;
#[cfg(test)]
mod per_row_tests;
mod seen;
mod stream;
#[cfg(test)]
mod stream_tests;

use std::path::PathBuf;

pub(in crate::load) use csv::{Line, Lines, MAX_ROW_PROBLEMS, field_columns, wrong_length};

use super::encoding::{self, Found, NotUtf8};
use super::files::{DataPath, Files, Refusal};
use super::reader::{self, Fields, Problems};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Kind;
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
        kind: Kind,
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
            Origin::Yaml(path) => problems.value(kind, &path.key(key), message, help),
            Origin::Csv {
                file,
                line,
                columns,
                text,
            } => csv.push(Diagnostic {
                kind,
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

/// Adds the problems later checks found in one CSV's rows (in file order)
/// to `out`, the first hundred of them and then how many more, as reading
/// the file does: a file of a million unknown ids stays a short report.
pub fn list_checked(problems: Vec<Diagnostic>, out: &mut Vec<Diagnostic>) {
    list_counted(problems, 0, out);
}

/// As [`list_checked`], when `more` problems after those were only counted.
pub fn list_counted(problems: Vec<Diagnostic>, more: usize, out: &mut Vec<Diagnostic>) {
    if let Some(file) = problems.first().map(|p| p.file.clone()) {
        csv::listed(&file, problems, more, None, out);
    }
}

/// An id from the data as an error message quotes it: cut short, so that
/// one enormous value cannot flood the terminal.
pub fn quoted_id(id: &str) -> String {
    shorten(id)
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
        Node::Str(name) => match DataPath::parse(name).and_then(|file| open(files, &file, csv)) {
            Ok(Opened::Read(rows)) => Some(rows),
            Ok(Opened::Whole(shown, bytes)) => match encoding::utf8(&bytes) {
                Ok(text) => read_csv(&shown, text, csv),
                Err(bad) => {
                    csv.push(not_utf8(shown, &bytes, &bad));
                    None
                }
            },
            Err(refusal) => {
                let (message, help) = refusal.explain(name);
                problems.value(refusal.kind(), path, message, help);
                None
            }
        },
        Node::Seq(_) => read_inline(node, path, problems),
        other => {
            problems.value(
                Kind::WrongType,
                path,
                format!("expected a CSV file name or a list of rows, found {}", other.kind()),
                "write `ballots: ballots/area.csv` or a list of `- {first: id, second: id, count: N}`",
            );
            None
        }
    }
}

/// A ballot file opened: a large one-per-row CSV read in pieces already, or
/// any other file's bytes.
enum Opened {
    Read(Vec<BallotRow>),
    Whole(PathBuf, Vec<u8>),
}

fn open(files: &dyn Files, file: &DataPath, csv: &mut Vec<Diagnostic>) -> Result<Opened, Refusal> {
    let (shown, opened) = files.open(file)?;
    if opened.len() >= stream::STREAM_BYTES
        && let Some(rows) = stream::read(&shown, &opened, csv)
    {
        return Ok(Opened::Read(rows));
    }
    Ok(Opened::Whole(shown, opened.whole()?))
}

/// A ballot CSV in either form.
fn read_csv(
    file: &std::path::Path,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<BallotRow>> {
    match csv::header(file, text, out)? {
        (csv::Form::Counted, _) => counted::read(file, text, out),
        (csv::Form::PerRow, body) => Some(per_row::read(file, text, body, out)),
    }
}

/// Where a CSV stops being UTF-8. The line is shown with the foreign bytes
/// replaced, so the person can see which word to fix.
pub(in crate::load) fn not_utf8(file: PathBuf, bytes: &[u8], bad: &NotUtf8) -> Diagnostic {
    let source_line = match bad.found {
        Found::Byte(_) => encoding::lossy_line(bytes, bad.line).map(|line| shorten(&line)),
        // UTF-16 or binary text shown as UTF-8 is noise.
        Found::Utf16 | Found::Nul => None,
    };
    Diagnostic {
        kind: Kind::Encoding,
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

/// A line or value from the user's file, cut short so that one enormous line
/// cannot flood the terminal or the browser.
pub(in crate::load) fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 200;
    match text.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}
