//! The second count: which second preferences transfer, area by area.

use super::papers::Papers;
use super::*;
use crate::model::{AreaVotes, ResultStatus, Votes};

impl Papers<'_> {
    /// Per area, per candidate index: the second preferences counted for the
    /// remaining candidates (zero for everyone else).
    pub(super) fn transfers(
        &self,
        remaining: &[usize],
        issues: &mut Vec<CountIssue>,
    ) -> Vec<Vec<Votes>> {
        (0..self.election.areas.len())
            .map(|area| self.area_transfers(area, remaining, issues))
            .collect()
    }

    fn area_transfers(
        &self,
        area: usize,
        remaining: &[usize],
        issues: &mut Vec<CountIssue>,
    ) -> Vec<Votes> {
        let n = self.candidate_count();
        let mut transfers = vec![Votes::ZERO; n];
        let is_remaining = |c: usize| remaining.contains(&c);
        let eliminated_first: Votes = (0..n)
            .filter(|&c| !is_remaining(c))
            .map(|c| self.area_first[area][c])
            .sum();
        match &self.election.areas[area].votes {
            AreaVotes::None | AreaVotes::Awaiting => {}
            AreaVotes::Ballots(groups) => {
                for group in groups {
                    let first = self.index.get(&group.first).copied();
                    let second = group
                        .second
                        .as_ref()
                        .and_then(|s| self.index.get(s))
                        .copied();
                    if let (Some(first), Some(second)) = (first, second)
                        && !is_remaining(first)
                        && is_remaining(second)
                    {
                        transfers[second] = transfers[second] + group.count;
                    }
                }
            }
            AreaVotes::Totals { second: None, .. } => {
                // With nobody eliminated there is nothing to transfer; while
                // counting, the area's second count is simply not in yet.
                // Anyone eliminated needs a second count here, even with no
                // first preferences in this area to transfer.
                let counting = self.election.status == ResultStatus::Counting;
                if !counting && remaining.len() < n {
                    issues.push(CountIssue::SecondMissing {
                        area,
                        remaining: self.ids(remaining),
                    });
                }
            }
            AreaVotes::Totals {
                second: Some(given),
                ..
            } => {
                for (id, votes) in given {
                    match self.index.get(id) {
                        Some(&c) if is_remaining(c) => transfers[c] = transfers[c] + *votes,
                        _ => issues.push(CountIssue::SecondForEliminated {
                            area,
                            candidate: id.clone(),
                            remaining: self.ids(remaining),
                        }),
                    }
                }
                for &c in remaining {
                    let id = &self.election.candidates[c].id;
                    if !given.iter().any(|(g, _)| g == id) {
                        issues.push(CountIssue::SecondLeavesOut {
                            area,
                            candidate: id.clone(),
                        });
                    }
                }
                let total: Votes = transfers.iter().sum();
                if total > eliminated_first {
                    issues.push(CountIssue::TransfersExceedEliminated {
                        area,
                        transfers: total,
                        eliminated_first,
                    });
                }
            }
        }
        transfers
    }
}

/// Votes by first preference (row) and second preference (column).
pub(super) type Matrix = Vec<Vec<Votes>>;

pub(super) struct SecondCount {
    pub(super) remaining: Vec<usize>,
    /// Per area, per candidate index.
    pub(super) transfers: Vec<Vec<Votes>>,
    /// Per area: whether its second count is in.
    pub(super) counted: Vec<bool>,
}

/// One tally's share of a second count.
pub(super) struct Transfers<'s> {
    pub(super) remaining: &'s [usize],
    /// Per candidate index.
    pub(super) to: &'s [Votes],
    pub(super) non_transferable: Votes,
}

pub(super) fn has_second_totals(votes: &AreaVotes) -> bool {
    matches!(
        votes,
        AreaVotes::Totals {
            second: Some(_),
            ..
        }
    )
}
