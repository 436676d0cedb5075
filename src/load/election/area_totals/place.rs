//! The count's complaints about an area, placed on that area's row of the
//! sheet when its figures came from there: the checks are the ones the YAML
//! figures get, only the place and the advice differ.

use super::super::super::checks::{no_second_count, some_areas};
use super::Sheet;
use super::rows::Row;
use crate::count::CountIssue;
use crate::diagnostic::{Diagnostic, Kind};
use crate::model::{CandidateId, Election};
use crate::narrative::and_list;

impl Sheet {
    /// The row of area `i`, when its figures came from the sheet.
    fn row_of(&self, election: &Election, i: usize) -> Option<&Row> {
        let read = self.read.as_ref()?;
        read.rows.get(election.areas.get(i)?.id.as_str())
    }

    /// The field of the column of `candidate`'s transfers, if there is one.
    fn second_column(&self, candidate: &CandidateId) -> Option<usize> {
        let read = self.read.as_ref()?;
        read.header
            .second
            .iter()
            .find(|(c, _)| c == candidate)
            .map(|(_, i)| *i)
    }

    /// The first `second:` cell of `row` that holds a figure, else its
    /// first `second:` column, else its `area` cell.
    fn transfers_at(&self, row: &Row) -> usize {
        let Some(read) = self.read.as_ref() else {
            return 1;
        };
        let second = &read.header.second;
        let field = second
            .iter()
            .find(|(_, i)| row.is_filled(*i))
            .or(second.first())
            .map_or(read.header.area, |(_, i)| *i);
        row.column(field)
    }

    /// An issue of the count about an area whose figures came from the
    /// sheet, as a problem on its row; None for any other issue.
    pub fn place_issue(&self, issue: &CountIssue, election: &Election) -> Option<Diagnostic> {
        let second_field = |c: &CandidateId| Some(format!("second:{c}"));
        match issue {
            CountIssue::SecondNotNeeded { area, why } => {
                let row = self.row_of(election, *area)?;
                Some(self.at(
                    Kind::CountRule,
                    row,
                    self.transfers_at(row),
                    None,
                    format!("there was no second count: {}", no_second_count(*why)),
                    "leave this area's `second:` cells empty",
                ))
            }
            CountIssue::SecondMissing { area, remaining } => {
                let row = self.row_of(election, *area)?;
                let columns: Vec<String> =
                    remaining.iter().map(|c| format!("`second:{c}`")).collect();
                let help = if remaining.iter().all(|c| self.second_column(c).is_some()) {
                    format!(
                        "fill in this area's {} cells: the second preferences counted for each of them here",
                        and_list(&columns)
                    )
                } else {
                    format!(
                        "add the columns {} and fill them in: the second preferences counted for each of them in each area",
                        and_list(&columns)
                    )
                };
                Some(self.at(
                    Kind::CountRule,
                    row,
                    self.transfers_at(row),
                    None,
                    format!(
                        "no transfers on this row, but nobody had more than half of the first preferences, so {} went to a second count",
                        and_list(remaining)
                    ),
                    &help,
                ))
            }
            CountIssue::SecondForEliminated {
                area,
                candidate,
                remaining,
            } => {
                let row = self.row_of(election, *area)?;
                let column = self.second_column(candidate).map_or(1, |i| row.column(i));
                Some(self.at(
                    Kind::CountRule,
                    row,
                    column,
                    second_field(candidate),
                    format!(
                        "{candidate} did not remain in the count; only {} did",
                        and_list(remaining)
                    ),
                    "leave this cell empty: only the candidates in the second count receive transfers",
                ))
            }
            CountIssue::SecondLeavesOut { area, candidate } => {
                let row = self.row_of(election, *area)?;
                let (column, help) = match self.second_column(candidate) {
                    Some(i) => (
                        row.column(i),
                        "write the second preferences counted for them here (0 if none were)"
                            .to_owned(),
                    ),
                    None => (
                        self.transfers_at(row),
                        format!(
                            "add a column `second:{candidate}` with the second preferences counted for them in each area"
                        ),
                    ),
                };
                Some(self.at(
                    Kind::CountRule,
                    row,
                    column,
                    second_field(candidate),
                    format!("no second preferences for {candidate}, who remained in the count"),
                    &help,
                ))
            }
            CountIssue::TransfersExceedEliminated {
                area,
                transfers,
                eliminated_first,
            } => {
                let row = self.row_of(election, *area)?;
                Some(self.at(
                    Kind::FiguresDisagree,
                    row,
                    self.transfers_at(row),
                    None,
                    format!(
                        "{transfers} votes transferred, but the eliminated candidates had only {eliminated_first} first preferences here"
                    ),
                    "only ballots whose first preference was eliminated transfer; check this row's figures against the declaration",
                ))
            }
            CountIssue::SecondBeforeAllFirsts { area, awaiting } => {
                let row = self.row_of(election, *area)?;
                Some(self.at(
                    Kind::CountRule,
                    row,
                    self.transfers_at(row),
                    None,
                    format!(
                        "transfers are given, but the first count is still awaited in {}",
                        some_areas(awaiting)
                    ),
                    "the returning officer directs a second count only once every first count is in: leave this row's `second:` cells empty until then",
                ))
            }
            _ => None,
        }
    }

    /// Area `i`'s figures are all 0: placed on its row when they came
    /// from the sheet.
    pub fn place_empty_area(
        &self,
        election: &Election,
        i: usize,
        counting: bool,
    ) -> Option<Diagnostic> {
        let row = self.row_of(election, i)?;
        let help = if counting {
            "enter this area's figures as its count gives them, or leave its cells empty to show it as awaited"
        } else {
            "enter this area's figures as its count declares them; if its count is not in yet, set `status: counting` at the top of election.yaml"
        };
        Some(
            self.at(
                Kind::MissingVotes,
                row,
                1,
                None,
                "no votes at all in this area, so the result cannot be published without its count"
                    .to_owned(),
                help,
            ),
        )
    }
}
