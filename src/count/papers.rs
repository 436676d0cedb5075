//! The ballot papers as the count reads them.

use std::collections::HashMap;

use crate::model::{AreaVotes, CandidateId, Election, Votes};

/// The ballot papers as the count reads them: candidates by index into
/// `election.candidates`, and first preferences per area and in all.
pub(super) struct Papers<'a> {
    pub(super) election: &'a Election,
    pub(super) index: HashMap<&'a CandidateId, usize>,
    /// First preferences per area, per candidate index.
    pub(super) area_first: Vec<Vec<Votes>>,
    /// First preferences in the whole election, per candidate index.
    pub(super) first: Vec<Votes>,
}

impl<'a> Papers<'a> {
    pub(super) fn new(election: &'a Election) -> Self {
        let index: HashMap<_, _> = election
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (&c.id, i))
            .collect();
        let mut papers = Papers {
            election,
            index,
            area_first: Vec::new(),
            first: Vec::new(),
        };
        papers.area_first = (0..election.areas.len())
            .map(|a| papers.first_preferences(a))
            .collect();
        papers.first = sum_rows(&papers.area_first, papers.candidate_count());
        papers
    }

    pub(super) fn candidate_count(&self) -> usize {
        self.election.candidates.len()
    }

    pub(super) fn first_preferences(&self, area: usize) -> Vec<Votes> {
        let mut first = vec![Votes::ZERO; self.candidate_count()];
        match &self.election.areas[area].votes {
            AreaVotes::None | AreaVotes::Awaiting => {}
            AreaVotes::Totals { first: given, .. } => {
                for (id, votes) in given {
                    if let Some(&i) = self.index.get(id) {
                        first[i] = first[i] + *votes;
                    }
                }
            }
            AreaVotes::Ballots(groups) => {
                for group in groups {
                    if let Some(&i) = self.index.get(&group.first) {
                        first[i] = first[i] + group.count;
                    }
                }
            }
        }
        first
    }

    pub(super) fn ids(&self, indexes: &[usize]) -> Vec<CandidateId> {
        indexes
            .iter()
            .map(|&i| self.election.candidates[i].id.clone())
            .collect()
    }
}

/// Adds per-area rows of votes by candidate index.
pub(super) fn sum_rows(rows: &[Vec<Votes>], width: usize) -> Vec<Votes> {
    let mut sum = vec![Votes::ZERO; width];
    for row in rows {
        for (total, votes) in sum.iter_mut().zip(row) {
            *total = *total + *votes;
        }
    }
    sum
}
