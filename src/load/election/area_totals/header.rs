//! The first line of a sheet of area totals: `area`, a column of first
//! preferences per candidate id, and `second:<id>` columns of transfers.

use super::super::super::ballots::{self, Line};
use super::super::super::reader::closest;
use super::super::candidates::Known;
use super::Found;
use crate::diagnostic::{Diagnostic, Kind};
use crate::model::CandidateId;
use crate::yaml::Location;

/// The prefix of a column of transfers to a candidate.
pub(super) const SECOND: &str = "second:";

/// Which column holds what, by 0-based field index.
pub(super) struct Header {
    pub area: usize,
    /// First preferences, in the order of the columns.
    pub first: Vec<(CandidateId, usize)>,
    pub second: Vec<(CandidateId, usize)>,
    /// Columns without a heading, as Excel leaves after the last one when
    /// cells there were once used: their cells must stay empty.
    pub unnamed: Vec<usize>,
    /// `reported_at`: when each area's latest figures came in.
    pub reported_at: Option<usize>,
    /// How many fields the first line has.
    pub len: usize,
}

const LAYOUT: &str = "the first line names the columns: `area`, then each candidate's id \
    (first preferences), then `second:<id>` for each candidate in the second count, and \
    optionally `reported_at`, as \
    `area,ann-ash,bob-birch,cat-cedar,second:ann-ash,second:bob-birch`";

/// Reads the first line; None when it is wrong (reported in `out`).
pub(super) fn read(
    file: &std::path::Path,
    names: &[String],
    line: &Line,
    known: &Known,
    out: &mut Found,
) -> Option<Header> {
    let columns = ballots::field_columns(line.text);
    let column = |i: usize| columns.get(i).copied().unwrap_or(1);
    let problem = |kind, at: usize, message: String, help: String| Diagnostic {
        kind,
        file: file.to_path_buf(),
        location: Location {
            line: line.number,
            column: at,
        },
        field: None,
        message,
        help: Some(help),
        source_line: Some(ballots::shorten(line.text)),
    };
    if let Some(at) = names
        .iter()
        .position(|n| n.contains(';') || n.contains('\t'))
    {
        let (what, sign) = if names[at].contains(';') {
            ("semicolons", ";")
        } else {
            ("tabs", "\\t")
        };
        out.push(problem(
            Kind::CsvRow,
            column(at),
            format!("the columns are separated by {what} (`{sign}`), not commas"),
            "save it as comma-separated values: in Excel choose Save As, then \"CSV UTF-8 (Comma delimited)\"; in LibreOffice tick \"Edit filter settings\" and choose a comma as the field delimiter".to_owned(),
        ));
        return None;
    }
    let before = out.count();
    let mut area = None;
    let mut reported_at = None;
    let mut first: Vec<(CandidateId, usize)> = Vec::new();
    let mut second: Vec<(CandidateId, usize)> = Vec::new();
    let mut unnamed = Vec::new();
    let ids: Vec<&str> = known.ids.iter().map(CandidateId::as_str).collect();
    let mut misspelt: Vec<&str> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let shown = ballots::shorten(name);
        if name.is_empty() {
            unnamed.push(i);
            continue;
        }
        if name == "area" {
            if area.is_some() {
                out.push(problem(
                    Kind::Duplicate,
                    column(i),
                    "a second `area` column".to_owned(),
                    "keep one column of area ids".to_owned(),
                ));
            }
            area = Some(i);
            continue;
        }
        if name == "reported_at" {
            if reported_at.is_some() {
                out.push(problem(
                    Kind::Duplicate,
                    column(i),
                    "a second `reported_at` column".to_owned(),
                    "keep one column of times".to_owned(),
                ));
            }
            reported_at = Some(i);
            continue;
        }
        let (id, list, what) = match name.strip_prefix(SECOND) {
            Some(id) => (id.trim(), &mut second, "transfers"),
            None => (name.as_str(), &mut first, "first preferences"),
        };
        match known.contains(id) {
            Some(candidate) if list.iter().any(|(c, _)| *c == candidate) => out.push(problem(
                Kind::Duplicate,
                column(i),
                format!("a second column `{shown}`"),
                format!("give each candidate's {what} in one column: remove this one"),
            )),
            Some(candidate) => list.push((candidate, i)),
            None if known.complete => {
                let near = closest(id, &ids);
                out.push(problem(
                    Kind::UnknownReference,
                    column(i),
                    format!("the column `{shown}` is not a candidate in this election"),
                    match near {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!(
                            "head each column `area`, a candidate id ({}), `second:` and a candidate id, or `reported_at`; remove any other column",
                            ids.join(", ")
                        ),
                    },
                ));
                // Reported here: its column is not missing as well.
                misspelt.extend(near);
            }
            None => {}
        }
    }
    let end = line.text.chars().count() + 1;
    if area.is_none() {
        out.push(problem(
            Kind::MissingField,
            1,
            "there is no `area` column".to_owned(),
            LAYOUT.to_owned(),
        ));
    }
    if known.complete {
        for id in &known.ids {
            if !first.iter().any(|(c, _)| c == id) && !misspelt.contains(&id.as_str()) {
                out.push(problem(
                    Kind::MissingVotes,
                    end,
                    format!("there is no column for `{id}`'s first preferences"),
                    format!(
                        "add a column headed `{id}`: every candidate's first preferences are needed, 0 where they had none"
                    ),
                ));
            }
        }
    }
    if out.count() > before {
        return None;
    }
    Some(Header {
        area: area?,
        first,
        second,
        unnamed,
        reported_at,
        len: names.len(),
    })
}
