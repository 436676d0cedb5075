//! The rows of a sheet of area totals: one per area, its figures in the
//! candidates' columns. A row with no figures is an area still awaited.

use std::collections::HashMap;

use super::super::super::ballots::{self, Lines};
use super::super::super::reader::{MAX_VOTES, closest};
use super::super::candidates::Known;
use super::Read;
use super::header;
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
    out: &mut Vec<Diagnostic>,
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
    let area_names: Vec<&str> = areas.iter().map(String::as_str).collect();
    let mut rows: HashMap<String, Row> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let at = lines.at(err.position());
                out.push(cell(file, &at, 1, None, format!("cannot read this row: {err}"), "check the quotes on this line: a cell that holds a comma is written in double quotes".into()));
                continue;
            }
        };
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.is_empty()) {
            // A blank line, or Excel's `,,,` for a row once used.
            continue;
        }
        let line = lines.at(record.position());
        let mut row = Row {
            line: line.number,
            text: ballots::shorten(line.text),
            columns: ballots::field_columns(line.text),
            filled: fields.iter().map(|f| !f.is_empty()).collect(),
            votes: None,
            reported_at: None,
        };
        let mut ok = true;
        let mut complain =
            |at: usize, kind: Kind, field: Option<&str>, message: String, help: String| {
                ok = false;
                let mut found = cell(file, &line, row.column(at), field, message, help);
                found.kind = kind;
                out.push(found);
            };
        if let Some(extra) = (header.len..fields.len()).find(|&i| !fields[i].is_empty()) {
            complain(
                extra,
                Kind::CsvRow,
                None,
                ballots::wrong_length(fields.len() as u64, header.len as u64),
                "a figure written with a thousands separator, like 5,384, makes two cells: write 5384; otherwise give one cell per column of the first line".into(),
            );
        }
        for &i in &header.unnamed {
            if fields.get(i).is_some_and(|f| !f.is_empty()) {
                complain(
                    i,
                    Kind::CsvRow,
                    None,
                    "this cell is in a column with no heading".into(),
                    "remove it, or head its column with a candidate id".into(),
                );
            }
        }
        let id = fields.get(header.area).copied().unwrap_or_default();
        let place = header.area;
        if id.is_empty() {
            complain(
                place,
                Kind::MissingField,
                Some("area"),
                "no area id on this row".into(),
                "write the id of one of the election's `areas` in the `area` column".into(),
            );
        } else if !areas.iter().any(|a| a == id) {
            let shown = ballots::shorten(id);
            let help = match closest(id, &area_names) {
                Some(near) => format!("did you mean `{near}`?"),
                None if areas.len() <= 12 => format!(
                    "use one of the ids in `areas` ({}), or add the area there first",
                    area_names.join(", ")
                ),
                None => "use one of the ids in `areas`, or add the area there first".into(),
            };
            complain(
                place,
                Kind::UnknownReference,
                Some("area"),
                format!("`{shown}` is not an area of this election"),
                help,
            );
        } else if let Some(earlier) = rows.get(id) {
            let earlier = earlier.line;
            complain(
                place,
                Kind::Duplicate,
                Some("area"),
                format!("`{id}` already has a row, on line {earlier}"),
                "give each area one row: remove this one, or correct its id".into(),
            );
        }
        let figures =
            |columns: &[(CandidateId, usize)],
             complain: &mut dyn FnMut(usize, Kind, Option<&str>, String, String)| {
                let mut found = Vec::new();
                for (candidate, i) in columns {
                    let text = fields.get(*i).copied().unwrap_or_default();
                    match figure(text) {
                        Ok(votes) => found.push((candidate.clone(), *i, votes)),
                        Err((message, help)) => complain(
                            *i,
                            Kind::InvalidNumber,
                            Some(names[*i].as_str()),
                            message,
                            help,
                        ),
                    }
                }
                found
            };
        let time = header.reported_at.and_then(|i| Some((i, *fields.get(i)?)));
        let reported_at = match time {
            Some((i, text)) if !text.is_empty() => {
                let moment = Moment::parse(text);
                if moment.is_none() {
                    complain(
                        i,
                        Kind::InvalidDate,
                        Some("reported_at"),
                        format!("`{}` is not a date and time", ballots::shorten(text)),
                        "write it as YYYY-MM-DDTHH:MM, like 2026-06-20T01:42 (UK time); if the spreadsheet turns it into its own date format, format the column as text".into(),
                    );
                }
                moment
            }
            _ => None,
        };
        let first = figures(&header.first, &mut complain);
        let second = figures(&header.second, &mut complain);
        let given_second: Vec<(CandidateId, Votes)> = second
            .iter()
            .filter_map(|(c, _, v)| Some((c.clone(), (*v)?)))
            .collect();
        let votes = if first.iter().all(|(_, _, v)| v.is_none()) {
            if let Some((_, i, _)) = second.iter().find(|(_, _, v)| v.is_some()) {
                complain(
                    *i,
                    Kind::Conflict,
                    Some(names[*i].as_str()),
                    "transfers are given, but this area's first preferences are not".into(),
                    "fill in the first preferences on this row: the second count follows the first"
                        .into(),
                );
            }
            AreaVotes::Awaiting
        } else {
            for (candidate, i, _) in first.iter().filter(|(_, _, v)| v.is_none()) {
                complain(*i, Kind::MissingVotes, Some(names[*i].as_str()), format!("no first preferences for `{candidate}`"), "write 0 if they had no votes in this area: once an area's count is in, every candidate's cell is filled".into());
            }
            AreaVotes::Totals {
                first: first
                    .iter()
                    .filter_map(|(c, _, v)| Some((c.clone(), (*v)?)))
                    .collect(),
                second: (!given_second.is_empty()).then_some(given_second),
            }
        };
        if ok {
            row.votes = Some(votes);
            row.reported_at = reported_at;
        }
        if !id.is_empty() && areas.iter().any(|a| a == id) {
            rows.entry(id.to_owned()).or_insert(row);
        }
    }
    Some(Read { header, rows })
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
