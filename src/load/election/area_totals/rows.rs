//! The rows of a sheet of area totals: one per area, its figures in the
//! candidates' columns. A row with no figures is an area still awaited.

use std::collections::HashMap;

use super::super::super::ballots::{self, Line, Lines};
use super::super::super::reader::{MAX_VOTES, closest};
use super::super::candidates::Known;
use super::header::{self, Header};
use super::{Found, Read};
use crate::diagnostic::{Diagnostic, Kind};
use crate::model::{AreaVotes, CandidateId, Votes};
use crate::time::Moment;
use crate::yaml::Location;

/// One area's row.
pub(super) struct Row {
    pub line: usize,
    /// The line as written, cut short, to show under a message.
    pub text: String,
    /// The 1-based column where each field starts.
    pub columns: Vec<usize>,
    /// Which fields hold something.
    pub filled: Vec<bool>,
    /// None when the row has a problem (reported).
    pub votes: Option<AreaVotes>,
    /// Its `reported_at` cell, when it has one.
    pub reported_at: Option<Moment>,
}

impl Row {
    /// The column of field `i`, or just past the line's end when the row
    /// stops short of it.
    pub fn column(&self, i: usize) -> usize {
        self.columns
            .get(i)
            .copied()
            .unwrap_or_else(|| self.text.chars().count() + 1)
    }

    pub fn is_filled(&self, i: usize) -> bool {
        self.filled.get(i).copied().unwrap_or(false)
    }
}

/// Reads the whole sheet; None when its first line is wrong. Problems in
/// rows are reported in `out` and leave those rows without votes.
pub(super) fn read(
    file: &std::path::Path,
    text: &str,
    known: &Known,
    areas: &[String],
    out: &mut Found,
) -> Option<Read> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut lines = Lines::new(text);
    let mut records = reader.records();
    let Some(Ok(first)) = records.next() else {
        out.push(Diagnostic {
            kind: Kind::Empty,
            file: file.to_path_buf(),
            location: Location::START,
            field: None,
            message: "the file of area totals is empty".to_owned(),
            help: Some("its first line names the columns: `area`, then each candidate's id, then `second:<id>` for each candidate in the second count".to_owned()),
            source_line: None,
        });
        return None;
    };
    let names: Vec<String> = first.iter().map(str::to_owned).collect();
    let line = lines.at(first.position());
    let header = header::read(file, &names, &line, known, out)?;
    let mut rows: HashMap<String, Row> = HashMap::new();
    let mut unreadable = false;
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let at = lines.at(err.position());
                out.push(cell(file, &at, 1, None, format!("cannot read this row: {err}"), "check the quotes on this line: a cell that holds a comma is written in double quotes".into()));
                unreadable = true;
                continue;
            }
        };
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.is_empty()) {
            // A blank line, or Excel's `,,,` for a row once used.
            continue;
        }
        let line = lines.at(record.position());
        let mut cells = Cells {
            file,
            columns: ballots::field_columns(line.text),
            line,
            fields,
            names: &names,
            out,
            ok: true,
        };
        if cells.unclosed_quote() {
            unreadable = true;
            continue;
        }
        let id = cells.area(&header, areas, &rows);
        let reported_at = cells.reported_at(&header);
        let votes = cells.votes(&header);
        if let (AreaVotes::Awaiting, Some(i)) = (&votes, header.reported_at)
            && reported_at.is_some()
        {
            // Checked here: the YAML's check would blame election.yaml.
            cells.complain(
                i,
                Kind::Conflict,
                Some("reported_at"),
                "a time is given, but no figures on this row: the area's count is not in".into(),
                "fill in the area's first preferences with it, or leave the time empty until they come in".into(),
            );
        }
        let row = Row {
            line: cells.line.number,
            text: ballots::shorten(cells.line.text),
            filled: cells.fields.iter().map(|f| !f.is_empty()).collect(),
            votes: cells.ok.then_some(votes),
            reported_at: reported_at.filter(|_| cells.ok),
            columns: cells.columns,
        };
        if let Some(id) = id {
            rows.entry(id).or_insert(row);
        }
    }
    Some(Read {
        header,
        rows,
        unreadable,
    })
}

/// One row's cells as they are checked.
struct Cells<'t, 'o> {
    file: &'t std::path::Path,
    line: Line<'t>,
    columns: Vec<usize>,
    fields: Vec<&'t str>,
    /// The first line's headings.
    names: &'t [String],
    out: &'o mut Found,
    /// No problem found yet.
    ok: bool,
}

/// A candidate, the field of their column, and its figure if any.
type Figures = Vec<(CandidateId, usize, Option<Votes>)>;

impl Cells<'_, '_> {
    fn text(&self, i: usize) -> &str {
        self.fields.get(i).copied().unwrap_or_default()
    }

    /// A problem in field `i`, under the heading `field` when given.
    fn complain(
        &mut self,
        i: usize,
        kind: Kind,
        field: Option<&str>,
        message: String,
        help: String,
    ) {
        self.ok = false;
        let column = self
            .columns
            .get(i)
            .copied()
            .unwrap_or_else(|| self.line.text.chars().count() + 1);
        let mut found = cell(self.file, &self.line, column, field, message, help);
        found.kind = kind;
        self.out.push(found);
    }

    /// A cell that runs over a line end: a double quote never closed, which
    /// reads every line after it into this one cell. Reported alone, since
    /// the row's other cells are not where they seem.
    fn unclosed_quote(&mut self) -> bool {
        let Some(i) = self.fields.iter().position(|f| f.contains(['\n', '\r'])) else {
            return false;
        };
        self.complain(
            i,
            Kind::CsvRow,
            None,
            "a double quote in this cell is not closed, so the lines after it are read as part of this cell".into(),
            "close the quote at the end of the cell, or remove it: a cell needs quotes only when it holds a comma".into(),
        );
        true
    }

    /// The row's area id, when it is an area of the election; any stray
    /// cells (past the last column, or under no heading) reported too.
    fn area(
        &mut self,
        header: &Header,
        areas: &[String],
        rows: &HashMap<String, Row>,
    ) -> Option<String> {
        if let Some(extra) = (header.len..self.fields.len()).find(|&i| !self.fields[i].is_empty()) {
            let message = ballots::wrong_length(self.fields.len() as u64, header.len as u64);
            self.complain(extra, Kind::CsvRow, None, message, "a figure written with a thousands separator, like 5,384, makes two cells: write 5384; otherwise give one cell per column of the first line".into());
        }
        for &i in &header.unnamed {
            if !self.text(i).is_empty() {
                self.complain(
                    i,
                    Kind::CsvRow,
                    None,
                    "this cell is in a column with no heading".into(),
                    "remove it, or head its column with a candidate id".into(),
                );
            }
        }
        let at = header.area;
        let id = self.text(at).to_owned();
        let field = Some("area");
        if id.is_empty() {
            self.complain(
                at,
                Kind::MissingField,
                field,
                "no area id on this row".into(),
                "write the id of one of the election's `areas` in the `area` column".into(),
            );
            return None;
        }
        if !areas.contains(&id) {
            let names: Vec<&str> = areas.iter().map(String::as_str).collect();
            let help = match closest(&id, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None if areas.len() <= 12 => format!(
                    "use one of the ids in `areas` ({}), or add the area there first",
                    names.join(", ")
                ),
                None => "use one of the ids in `areas`, or add the area there first".into(),
            };
            let message = format!(
                "`{}` is not an area of this election",
                ballots::shorten(&id)
            );
            self.complain(at, Kind::UnknownReference, field, message, help);
            return None;
        }
        if let Some(earlier) = rows.get(&id) {
            let message = format!("`{id}` already has a row, on line {}", earlier.line);
            self.complain(
                at,
                Kind::Duplicate,
                field,
                message,
                "give each area one row: remove this one, or correct its id".into(),
            );
        }
        Some(id)
    }

    fn reported_at(&mut self, header: &Header) -> Option<Moment> {
        let i = header.reported_at?;
        let text = self.text(i).to_owned();
        if text.is_empty() {
            return None;
        }
        let moment = Moment::parse(&text);
        if moment.is_none() {
            self.complain(i, Kind::InvalidDate, Some("reported_at"), format!("`{}` is not a date and time", ballots::shorten(&text)), "write it as YYYY-MM-DDTHH:MM, like 2026-06-20T01:42 (UK time); if the spreadsheet turns it into its own date format, format the column as text".into());
        }
        moment
    }

    fn figures(&mut self, columns: &[(CandidateId, usize)]) -> Figures {
        let mut found = Vec::new();
        for (candidate, i) in columns {
            match figure(self.text(*i)) {
                Ok(votes) => found.push((candidate.clone(), *i, votes)),
                Err((message, help)) => {
                    let heading = self.names[*i].clone();
                    self.complain(*i, Kind::InvalidNumber, Some(&heading), message, help);
                }
            }
        }
        found
    }

    /// The row's figures: awaited when every first-preference cell is
    /// empty.
    fn votes(&mut self, header: &Header) -> AreaVotes {
        let first = self.figures(&header.first);
        let second = self.figures(&header.second);
        let given = |figures: &Figures| -> Vec<(CandidateId, Votes)> {
            figures
                .iter()
                .filter_map(|(c, _, v)| Some((c.clone(), (*v)?)))
                .collect()
        };
        if first.iter().all(|(_, _, v)| v.is_none()) {
            if let Some((_, i, _)) = second.iter().find(|(_, _, v)| v.is_some()) {
                let heading = self.names[*i].clone();
                self.complain(
                    *i,
                    Kind::Conflict,
                    Some(&heading),
                    "transfers are given, but this area's first preferences are not".into(),
                    "fill in the first preferences on this row: the second count follows the first"
                        .into(),
                );
            }
            return AreaVotes::Awaiting;
        }
        for (candidate, i, _) in first.iter().filter(|(_, _, v)| v.is_none()) {
            let heading = self.names[*i].clone();
            self.complain(*i, Kind::MissingVotes, Some(&heading), format!("no first preferences for `{candidate}`"), "write 0 if they had no votes in this area: once an area's count is in, every candidate's cell is filled".into());
        }
        let second = given(&second);
        AreaVotes::Totals {
            first: given(&first),
            second: (!second.is_empty()).then_some(second),
        }
    }
}

/// A problem in one cell.
fn cell(
    file: &std::path::Path,
    line: &ballots::Line,
    column: usize,
    field: Option<&str>,
    message: String,
    help: String,
) -> Diagnostic {
    Diagnostic {
        kind: Kind::CsvRow,
        file: file.to_path_buf(),
        location: Location {
            line: line.number,
            column,
        },
        field: field.map(ballots::shorten),
        message,
        help: Some(help),
        source_line: Some(ballots::shorten(line.text)),
    }
}

/// A cell's figure: None when empty; Err with the message and help when it
/// is not a whole number of votes.
pub(super) fn figure(text: &str) -> Result<Option<Votes>, (String, String)> {
    if text.is_empty() {
        return Ok(None);
    }
    let shown = ballots::shorten(text);
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<u64>() {
            Ok(n) if n <= MAX_VOTES => Ok(Some(Votes(n))),
            _ => Err((
                format!("{shown} is too large to be a number of votes"),
                "check the figure against the declaration".into(),
            )),
        };
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let grouped = !digits.is_empty()
        && text.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ',' | ' ' | '_' | '\'' | '\u{a0}' | '\u{202f}')
        });
    if grouped {
        return Err((
            format!("`{shown}` is written with a thousands separator"),
            format!("remove the separator: {digits}"),
        ));
    }
    if let Some(rest) = text.strip_prefix('-')
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err((
            format!("{shown} is negative"),
            "give the number of votes as declared, 0 or more".into(),
        ));
    }
    if let Some((whole, fraction)) = text.split_once('.')
        && !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b == b'0')
    {
        return Err((
            format!("`{shown}` is not a whole number; votes are counted in whole ballot papers"),
            format!("write it without the decimal point: {whole}"),
        ));
    }
    Err((
        format!("`{shown}` is not a number of votes"),
        "write the figure as a whole number without separators, like 5384; leave every cell of the row empty while the area's count is awaited".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_is_empty_or_a_whole_number_and_anything_else_says_why_not() {
        assert_eq!(figure(""), Ok(None));
        assert_eq!(figure("0"), Ok(Some(Votes(0))));
        assert_eq!(figure("5384"), Ok(Some(Votes(5384))));
        let help = |text| figure(text).unwrap_err().1;
        assert_eq!(help("5,384"), "remove the separator: 5384");
        assert_eq!(help("5 384"), "remove the separator: 5384");
        assert_eq!(help("5384.0"), "write it without the decimal point: 5384");
        assert!(figure("-12").unwrap_err().0.contains("negative"));
        assert!(figure("5.5").unwrap_err().0.contains("not a number"));
        assert!(figure("99999999999").unwrap_err().0.contains("too large"));
    }
}
