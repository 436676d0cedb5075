//! Tallies: the figures of the whole election and of each area, in the order
//! pages list them.

use super::papers::{Papers, sum_rows};
use super::transfers::{Matrix, SecondCount, Transfers};
use super::*;
use crate::model::{AreaVotes, Votes};

impl Papers<'_> {
    pub(super) fn finish(
        &self,
        state: State,
        threshold: Option<Votes>,
        second: Option<SecondCount>,
        statuses: Vec<Status>,
    ) -> Outcome {
        let matrices: Vec<Option<Matrix>> = (0..self.election.areas.len())
            .map(|a| self.area_first_by_second(a))
            .collect();
        let counting = matches!(state, State::Counting(_));
        let areas = self
            .election
            .areas
            .iter()
            .enumerate()
            .map(|(a, area)| {
                let counted = second.as_ref().filter(|s| s.counted[a]);
                AreaTally {
                    id: area.id.clone(),
                    stage: match &area.votes {
                        AreaVotes::None => Stage::NoPoll,
                        AreaVotes::Awaiting => Stage::Awaiting,
                        _ if counted.is_some() => Stage::SecondCount,
                        _ => Stage::FirstCount,
                    },
                    tally: self.tally(
                        &self.area_first[a],
                        counted.map(|s| Transfers {
                            remaining: &s.remaining,
                            to: &s.transfers[a],
                            non_transferable: self.non_transferable(s, a),
                        }),
                        &statuses,
                        matrices[a].as_ref(),
                        Order::Votes,
                    ),
                }
            })
            .collect();
        let overall = self.overall_tally(second.as_ref(), &statuses, &matrices, counting);
        Outcome {
            state,
            threshold,
            overall,
            areas,
        }
    }

    /// The whole election: while counting, transfers and non-transferable
    /// papers only from areas whose second count is in.
    pub(super) fn overall_tally(
        &self,
        second: Option<&SecondCount>,
        statuses: &[Status],
        matrices: &[Option<Matrix>],
        counting: bool,
    ) -> Tally {
        let n = self.candidate_count();
        let counted = |s: &SecondCount| (0..s.counted.len()).filter(|&a| s.counted[a]).collect();
        let sums = second.map(|s| {
            let areas: Vec<usize> = counted(s);
            let rows: Vec<Vec<Votes>> = areas.iter().map(|&a| s.transfers[a].clone()).collect();
            let nt = areas.iter().map(|&a| self.non_transferable(s, a)).sum();
            (sum_rows(&rows, n), nt)
        });
        // Ballot-level tables are only whole once the whole count is.
        let matrix = if counting {
            None
        } else {
            sum_matrices(matrices.iter().map(Option::as_ref))
        };
        self.tally(
            &self.first,
            second.zip(sums.as_ref()).map(|(s, (to, nt))| Transfers {
                remaining: &s.remaining,
                to,
                non_transferable: *nt,
            }),
            statuses,
            matrix.as_ref(),
            Order::Result,
        )
    }

    /// Papers of eliminated candidates in an area with no second preference
    /// for anyone remaining: those not among the transfers counted there.
    pub(super) fn non_transferable(&self, second: &SecondCount, area: usize) -> Votes {
        let first = &self.area_first[area];
        let eliminated: Votes = (0..first.len())
            .filter(|c| !second.remaining.contains(c))
            .map(|c| first[c])
            .sum();
        eliminated - second.transfers[area].iter().sum()
    }

    pub(super) fn tally(
        &self,
        first: &[Votes],
        second: Option<Transfers>,
        statuses: &[Status],
        matrix: Option<&Matrix>,
        order: Order,
    ) -> Tally {
        let mut candidates: Vec<CandidateResult> = self
            .election
            .candidates
            .iter()
            .enumerate()
            .map(|(c, candidate)| {
                let transfers = second
                    .as_ref()
                    .filter(|s| s.remaining.contains(&c))
                    .map(|s| s.to[c]);
                CandidateResult {
                    id: candidate.id.clone(),
                    first: first[c],
                    transfers,
                    total: transfers.map(|t| first[c] + t),
                    status: statuses[c],
                }
            })
            .collect();
        sort(&mut candidates, order);
        Tally {
            valid_first: first.iter().sum(),
            first_by_second: matrix.map(|m| self.first_by_second(m, &candidates)),
            candidates,
            non_transferable: second.map(|s| s.non_transferable),
        }
    }

    /// Rows are first preferences, columns second preferences by candidate
    /// index, with a last column for "no usable second preference".
    pub(super) fn area_first_by_second(&self, area: usize) -> Option<Matrix> {
        let AreaVotes::Ballots(groups) = &self.election.areas[area].votes else {
            return None;
        };
        let n = self.candidate_count();
        let mut table = vec![vec![Votes::ZERO; n + 1]; n];
        for group in groups {
            let Some(&first) = self.index.get(&group.first) else {
                continue;
            };
            let second = group
                .second
                .as_ref()
                .and_then(|s| self.index.get(s).copied())
                .filter(|&s| s != first)
                .unwrap_or(n);
            table[first][second] = table[first][second] + group.count;
        }
        Some(table)
    }

    /// Lays a matrix out in the tally's result order, so tables read alike.
    pub(super) fn first_by_second(
        &self,
        matrix: &Matrix,
        order: &[CandidateResult],
    ) -> FirstBySecond {
        let n = self.candidate_count();
        let position: Vec<usize> = order.iter().map(|c| self.index[&c.id]).collect();
        let rows = position
            .iter()
            .map(|&first| SecondPreferences {
                first: self.election.candidates[first].id.clone(),
                seconds: position
                    .iter()
                    .filter(|&&second| second != first)
                    .map(|&second| {
                        let id = self.election.candidates[second].id.clone();
                        (Some(id), matrix[first][second])
                    })
                    .chain([(None, matrix[first][n])])
                    .collect(),
            })
            .collect();
        FirstBySecond { rows }
    }
}

/// How a tally lists its candidates.
#[derive(Clone, Copy)]
pub(super) enum Order {
    /// The whole election: the winner first, then the others who remained,
    /// then by votes.
    Result,
    /// One area: those in the second count first, then by votes there, so
    /// that an area's own leader comes first.
    Votes,
}

/// Sorts by `order`; ties by id so that the order never depends on the order
/// of the input file.
pub(super) fn sort(candidates: &mut [CandidateResult], order: Order) {
    let rank = |s: Status| match (order, s) {
        (Order::Result, Status::Elected) => 0,
        (_, Status::Elected | Status::Remained | Status::InSecondCount | Status::Counting) => 1,
        (_, Status::Eliminated | Status::Defeated) => 2,
    };
    candidates.sort_by(|a, b| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then(b.total.cmp(&a.total))
            .then(b.first.cmp(&a.first))
            .then(a.id.cmp(&b.id))
    });
}

/// Adds area matrices up; None unless every area has one.
pub(super) fn sum_matrices<'m>(
    mut matrices: impl Iterator<Item = Option<&'m Matrix>>,
) -> Option<Matrix> {
    let mut sum = matrices.next()??.clone();
    for matrix in matrices {
        for (row, other) in sum.iter_mut().zip(matrix?) {
            for (votes, more) in row.iter_mut().zip(other) {
                *votes = *votes + *more;
            }
        }
    }
    Some(sum)
}
