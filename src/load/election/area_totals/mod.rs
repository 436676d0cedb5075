//! `area_totals: areas.csv`: each area's first preferences and transfers
//! from a spreadsheet, one row per area and one column per candidate, as an
//! alternative to typing `first:` and `second:` into `election.yaml`.
//!
//! The areas themselves (names, tiles, electorates) stay in the YAML; the
//! sheet gives only their figures. This file reads the file and hands each
//! area its votes; `header.rs` reads the first line, `rows.rs` the rows and
//! their cells, and `place.rs` puts the count's complaints about an area
//! whose figures came from here on its row and cell of the sheet.

mod header;
mod place;
mod rows;

use std::collections::HashMap;
use std::path::PathBuf;

use super::super::ballots;
use super::super::encoding;
use super::super::files::{DataPath, FileRole, Refusal};
use super::super::reader::{self, Fields, Problems};
use super::Reading;
use super::candidates::Known;
use crate::diagnostic::{Diagnostic, Kind};
use crate::model::AreaVotes;
use crate::time::Moment;
use crate::yaml::{Location, Node, Path};

use header::Header;
use rows::Row;

const AREA_TOTALS_FILE: FileRole = FileRole {
    noun: "file of area totals",
    example: "areas.csv",
    too_large: "one row per counting area is far smaller",
    // Thousands of areas with dozens of columns fit many times over; a
    // wrong file (a ballot CSV, an export of every paper) is refused before
    // it is read into memory.
    max_bytes: 16 << 20,
};

/// The sheet of area totals an election names.
pub struct Sheet {
    /// As messages show it: the election's folder joined with the name.
    file: PathBuf,
    /// As `area_totals` names it, for messages in the YAML.
    name: String,
    /// None when the file could not be read or its first line is wrong
    /// (reported already): the areas relying on it are then not blamed
    /// for having no figures.
    read: Option<Read>,
}

struct Read {
    header: Header,
    /// By area id.
    rows: HashMap<String, Row>,
    /// A line could not be read as a row (reported): an area without a row
    /// may be on it, so it is not blamed for having none.
    unreadable: bool,
}

/// Reads `area_totals`, if given.
pub(super) fn read(
    fields: &mut Fields,
    root: &Node,
    known: &Known,
    reading: &mut Reading,
) -> Option<Sheet> {
    let (node, path) = fields.optional("area_totals")?;
    let problems = &mut reading.problems;
    if known.ids.len() == 1 {
        problems.key(
            Kind::Conflict,
            &path,
            "an uncontested election has no poll, so no area totals",
            "remove `area_totals`: with one candidate the candidate is declared elected without a vote",
        );
        return None;
    }
    let name = reader::text(node, &path, problems)?;
    let unread = |file: PathBuf| Sheet {
        file,
        name: name.clone(),
        read: None,
    };
    let opened = DataPath::parse(&name).and_then(|data| reading.files.open(&data));
    let whole = opened.and_then(|(shown, opened)| match opened.len() {
        len if len > AREA_TOTALS_FILE.max_bytes => Err(Refusal::TooLarge),
        _ => Ok((shown, opened.whole()?)),
    });
    let (shown, bytes) = match whole {
        Ok(found) => found,
        Err(refusal) => {
            let (message, help) = refusal.explain_as(&name, &AREA_TOTALS_FILE);
            problems.value(refusal.kind(), &path, message, help);
            return Some(unread(PathBuf::from(&name)));
        }
    };
    let text = match encoding::utf8(&bytes) {
        Ok(text) => text,
        Err(bad) => {
            let diagnostic = ballots::not_utf8(shown.clone(), &bytes, &bad);
            reading.csv_diagnostics.push(diagnostic);
            return Some(unread(shown));
        }
    };
    let areas = area_ids(root);
    let mut found = Found::default();
    let read = rows::read(&shown, text, known, &areas, &mut found);
    ballots::list_counted(found.list, found.more, &mut reading.csv_diagnostics);
    Some(Sheet {
        file: shown,
        name,
        read,
    })
}

/// The area ids the YAML lists, valid or not, for telling an unknown area
/// in the sheet.
fn area_ids(root: &Node) -> Vec<String> {
    match root.get("areas") {
        Some(Node::Seq(items)) => items
            .iter()
            .filter_map(|item| match item.get("id") {
                Some(Node::Str(id)) => Some(id.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The sheet's problems, in file order: only as many are kept as are
/// listed, and the rest counted, so a file of millions of bad cells stays a
/// short report and small in memory.
#[derive(Default)]
pub(super) struct Found {
    /// The listed ones, and the first beyond them (where the rest start).
    list: Vec<Diagnostic>,
    /// How many more came after those.
    more: usize,
}

impl Found {
    pub fn push(&mut self, problem: Diagnostic) {
        if self.list.len() <= ballots::MAX_ROW_PROBLEMS {
            self.list.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// How many problems were found.
    pub fn count(&self) -> usize {
        self.list.len() + self.more
    }
}

/// An area of the YAML, as the sheet looks it up.
pub(super) struct AreaAsked<'a> {
    pub id: Option<&'a str>,
    pub name: &'a str,
    pub path: &'a Path,
    /// `status: counting`: an area may have no figures yet.
    pub counting: bool,
}

impl Sheet {
    /// The votes of an area whose YAML gives none: its row's, awaited
    /// while counting when it has no row (or an empty one), and otherwise
    /// an error. None when there is a problem (reported).
    pub(super) fn votes(
        &self,
        area: &AreaAsked,
        problems: &mut Problems,
        csv: &mut Vec<Diagnostic>,
    ) -> Option<AreaVotes> {
        let read = self.read.as_ref()?;
        let id = area.id?;
        let Some(row) = read.rows.get(id) else {
            if area.counting {
                return Some(AreaVotes::Awaiting);
            }
            if read.unreadable {
                return None;
            }
            problems.value(
                Kind::MissingVotes,
                area.path,
                format!(
                    "no votes: {} has no row in `{}`, and neither `first` nor `ballots` here",
                    area.name, self.name
                ),
                format!(
                    "add a row for `{id}` to {} with its figures; if its count is not in yet, set `status: counting` at the top of this file to publish the count as it happens",
                    self.name
                ),
            );
            return None;
        };
        match row.votes.as_ref()? {
            AreaVotes::Awaiting if !area.counting => {
                csv.push(self.at(
                    Kind::MissingVotes,
                    row,
                    1,
                    None,
                    format!("no figures for {} on this row", area.name),
                    "fill in every candidate's first preferences for this area; if its count is not in yet, set `status: counting` at the top of election.yaml to publish the count as it happens",
                ));
                None
            }
            votes => Some(votes.clone()),
        }
    }

    /// Figures for area `id` given in the YAML too, at `path` (`first`,
    /// `second` or `ballots`): reported, since one of them would be ignored.
    pub(super) fn given_twice(&self, id: Option<&str>, path: &Path, problems: &mut Problems) {
        let Some(row) = self.row(id) else {
            return;
        };
        problems.key(
            Kind::Conflict,
            path,
            format!(
                "this area's figures are also on line {} of `{}`",
                row.line, self.name
            ),
            format!(
                "give them in one place: remove them here, or the area's row from {}",
                self.name
            ),
        );
    }

    /// When area `id`'s row says its latest figures came in.
    pub(super) fn reported_at(&self, id: Option<&str>) -> Option<Moment> {
        self.row(id)?.reported_at
    }

    /// `reported_at` given in the YAML (at `path`) and on the area's row.
    pub(super) fn time_given_twice(&self, id: Option<&str>, path: &Path, problems: &mut Problems) {
        let Some(row) = self.row(id).filter(|r| r.reported_at.is_some()) else {
            return;
        };
        problems.key(
            Kind::Conflict,
            path,
            format!(
                "this area's `reported_at` is also on line {} of `{}`",
                row.line, self.name
            ),
            format!(
                "give it in one place: remove it here, or from {}",
                self.name
            ),
        );
    }

    fn row(&self, id: Option<&str>) -> Option<&Row> {
        self.read.as_ref()?.rows.get(id?)
    }

    /// A problem at `column` of `row`.
    fn at(
        &self,
        kind: Kind,
        row: &Row,
        column: usize,
        field: Option<String>,
        message: String,
        help: &str,
    ) -> Diagnostic {
        Diagnostic {
            kind,
            file: self.file.clone(),
            location: Location {
                line: row.line,
                column,
            },
            field,
            message,
            help: Some(help.to_owned()),
            source_line: Some(row.text.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_of_a_million_bad_cells_keeps_only_the_problems_listed() {
        let mut found = Found::default();
        for line in 1..=1_000_000 {
            found.push(Diagnostic {
                kind: Kind::CsvRow,
                file: PathBuf::from("areas.csv"),
                location: Location { line, column: 1 },
                field: None,
                message: "bad".to_owned(),
                help: None,
                source_line: None,
            });
        }
        assert_eq!(found.count(), 1_000_000);
        assert_eq!(found.list.len(), ballots::MAX_ROW_PROBLEMS + 1);
        let mut out = Vec::new();
        ballots::list_counted(found.list, found.more, &mut out);
        let last = out.last().unwrap();
        assert_eq!(out.len(), ballots::MAX_ROW_PROBLEMS + 1);
        assert_eq!(last.location.line, ballots::MAX_ROW_PROBLEMS + 1);
        assert!(
            last.message.contains("and 999,900 more"),
            "{}",
            last.message
        );
    }
}
