//! The count's steps from first preferences to a decision, on candidate
//! indexes into `election.candidates`.

use super::papers::Papers;
use super::transfers::{SecondCount, has_second_totals};
use super::*;
use crate::model::{AreaId, AreaVotes, Election, ResultStatus, System, Votes};
use std::sync::Arc;

/// The first-count decision.
pub(super) enum FirstStage {
    Uncontested,
    /// Most votes wins; candidate indexes of those with the most.
    SimpleMajority(Vec<usize>),
    FirstCount(usize),
    /// Candidate indexes of those who remain.
    SecondCount(Vec<usize>),
}

/// Works on candidate indexes into `election.candidates`, gathering every
/// issue on the way.
pub(super) struct Counter<'a> {
    papers: Papers<'a>,
    issues: Vec<CountIssue>,
}

// The steps read the papers throughout; reaching them through the counter
// keeps the steps short.
impl<'a> std::ops::Deref for Counter<'a> {
    type Target = Papers<'a>;

    fn deref(&self) -> &Papers<'a> {
        &self.papers
    }
}

impl<'a> Counter<'a> {
    pub(super) fn new(election: &'a Election) -> Self {
        Counter {
            papers: Papers::new(election),
            issues: Vec::new(),
        }
    }

    pub(super) fn run(mut self) -> Result<Outcome, Vec<CountIssue>> {
        if self.candidate_count() == 0 {
            return Err(vec![CountIssue::NoCandidates]);
        }
        let valid: Votes = self.first.iter().sum();
        let outcome = if self.election.status == ResultStatus::Counting {
            self.run_counting(valid)
        } else if valid == Votes::ZERO && self.candidate_count() > 1 {
            return Err(vec![CountIssue::NoVotes]);
        } else {
            self.run_declared(valid)
        };
        if self.issues.is_empty() {
            Ok(outcome)
        } else {
            Err(self.issues)
        }
    }

    pub(super) fn run_declared(&mut self, valid: Votes) -> Outcome {
        let (winner, elected_at, by_lot, threshold, second) = match self.first_stage(valid) {
            FirstStage::Uncontested => {
                self.reject_second(NoSecondCount::Uncontested);
                self.reject_lot();
                (0, ElectedAt::Uncontested, false, None, None)
            }
            FirstStage::FirstCount(winner) => {
                self.reject_second(NoSecondCount::WonAtFirstCount);
                self.reject_lot();
                let threshold = Some(threshold(valid));
                (winner, ElectedAt::FirstCount, false, threshold, None)
            }
            FirstStage::SimpleMajority(leaders) => {
                self.reject_second(self.simple_majority_why());
                let at = self.first[leaders[0]];
                let (winner, by_lot) = self.by_lot_if_tied(leaders, at);
                (winner, ElectedAt::SimpleMajority, by_lot, None, None)
            }
            FirstStage::SecondCount(remaining) => {
                let second = self.second_count(remaining);
                let (winner, by_lot) = self.second_count_winner(&second);
                let threshold = Some(threshold(valid));
                (
                    winner,
                    ElectedAt::SecondCount,
                    by_lot,
                    threshold,
                    Some(second),
                )
            }
        };
        let statuses = (0..self.candidate_count())
            .map(|c| match &second {
                _ if c == winner => Status::Elected,
                Some(s) if s.remaining.contains(&c) => Status::Remained,
                Some(_) => Status::Eliminated,
                None => Status::Defeated,
            })
            .collect();
        let decision = Decision {
            winner: self.election.candidates[winner].id.clone(),
            elected_at,
            by_lot,
        };
        self.finish(State::Declared(decision), threshold, second, statuses)
    }

    /// A count in progress: running totals over what is in, and never a
    /// winner. Second preferences are only accepted once the returning
    /// officer can have directed a second count: every first count is in
    /// and nobody has more than half.
    pub(super) fn run_counting(&mut self, valid: Votes) -> Outcome {
        let areas = &self.election.areas;
        // Shared, not copied, by each area's issue: 5,000 areas awaited and
        // 5,000 giving `second` made 25 million copies.
        let awaiting: Arc<[AreaId]> = areas
            .iter()
            .filter(|a| a.votes == AreaVotes::Awaiting)
            .map(|a| a.id.clone())
            .collect();
        let mut progress = Progress {
            phase: Phase::FirstCount,
            areas: areas.len(),
            first_reported: areas.len() - awaiting.len(),
            latest: areas.iter().filter_map(|a| a.reported_at).max(),
        };
        let n = self.candidate_count();
        let everyone = |status| vec![status; n];
        if !awaiting.is_empty() {
            for (area, data) in areas.iter().enumerate() {
                if has_second_totals(&data.votes) {
                    self.issues.push(CountIssue::SecondBeforeAllFirsts {
                        area,
                        awaiting: awaiting.clone(),
                    });
                }
            }
            let statuses = everyone(Status::Counting);
            return self.finish(State::Counting(progress), None, None, statuses);
        }
        let sv_threshold = (self.election.system == System::SupplementaryVote
            && self.candidate_count() > 2)
            .then(|| threshold(valid));
        match self.first_stage(valid) {
            // With everyone level for second place nobody is eliminated, so
            // there are no papers to transfer and no second count to wait for.
            FirstStage::SecondCount(remaining) if remaining.len() == n => {
                self.reject_second(NoSecondCount::NobodyEliminated);
                progress.phase = Phase::FirstCountComplete;
                let statuses = everyone(Status::Counting);
                self.finish(State::Counting(progress), sv_threshold, None, statuses)
            }
            FirstStage::SecondCount(remaining) => {
                let second = self.second_count(remaining);
                let reported = second.counted.iter().filter(|&&c| c).count();
                progress.phase = Phase::SecondCount { reported };
                let statuses = (0..self.candidate_count())
                    .map(|c| match second.remaining.contains(&c) {
                        true => Status::InSecondCount,
                        false => Status::Eliminated,
                    })
                    .collect();
                let state = State::Counting(progress);
                self.finish(state, sv_threshold, Some(second), statuses)
            }
            stage => {
                self.reject_second(match stage {
                    FirstStage::Uncontested => NoSecondCount::Uncontested,
                    FirstStage::FirstCount(_) => NoSecondCount::WonAtFirstCount,
                    _ => self.simple_majority_why(),
                });
                progress.phase = Phase::FirstCountComplete;
                let statuses = everyone(Status::Counting);
                self.finish(State::Counting(progress), sv_threshold, None, statuses)
            }
        }
    }

    pub(super) fn simple_majority_why(&self) -> NoSecondCount {
        if self.election.system == System::FirstPastThePost {
            NoSecondCount::FirstPastThePost
        } else {
            NoSecondCount::TwoCandidates
        }
    }

    pub(super) fn second_count(&mut self, remaining: Vec<usize>) -> SecondCount {
        let counted = self
            .election
            .areas
            .iter()
            .map(|area| match &area.votes {
                AreaVotes::Ballots(_) => true,
                AreaVotes::Totals { second, .. } => second.is_some(),
                AreaVotes::None | AreaVotes::Awaiting => false,
            })
            .collect();
        SecondCount {
            transfers: self.papers.transfers(&remaining, &mut self.issues),
            remaining,
            counted,
        }
    }

    pub(super) fn second_count_winner(&mut self, second: &SecondCount) -> (usize, bool) {
        let total = |c: usize| self.first[c] + second.transfers.iter().map(|area| area[c]).sum();
        let best = second
            .remaining
            .iter()
            .map(|&c| total(c))
            .max()
            .unwrap_or_default();
        let leaders = second
            .remaining
            .iter()
            .copied()
            .filter(|&c| total(c) == best)
            .collect();
        self.by_lot_if_tied(leaders, best)
    }

    pub(super) fn first_stage(&self, valid: Votes) -> FirstStage {
        let first = &self.first;
        let n = self.candidate_count();
        if n <= 1 {
            return FirstStage::Uncontested;
        }
        if n == 2 || self.election.system == System::FirstPastThePost {
            let best = first.iter().copied().max().unwrap_or(Votes::ZERO);
            return FirstStage::SimpleMajority(with_votes_at_least(first, best));
        }
        if let Some(winner) = (0..n).find(|&c| first[c] >= threshold(valid)) {
            return FirstStage::FirstCount(winner);
        }
        let mut sorted = first.to_vec();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        // Everyone level with the second-placed candidate remains too.
        FirstStage::SecondCount(with_votes_at_least(first, sorted[1]))
    }

    pub(super) fn reject_second(&mut self, why: NoSecondCount) {
        for (area, data) in self.election.areas.iter().enumerate() {
            if let AreaVotes::Totals {
                second: Some(_), ..
            } = data.votes
            {
                self.issues.push(CountIssue::SecondNotNeeded { area, why });
            }
        }
    }

    pub(super) fn reject_lot(&mut self) {
        if let Some(lot) = &self.election.lot {
            self.issues
                .push(CountIssue::LotWithoutTie { lot: lot.clone() });
        }
    }

    /// Picks the single leader, or the one chosen by lot among tied leaders.
    pub(super) fn by_lot_if_tied(&mut self, leaders: Vec<usize>, at: Votes) -> (usize, bool) {
        if leaders.len() == 1 {
            self.reject_lot();
            return (leaders[0], false);
        }
        let ids = |c: &Counter| {
            leaders
                .iter()
                .map(|&i| c.election.candidates[i].id.clone())
                .collect::<Vec<_>>()
        };
        match &self.election.lot {
            Some(lot) => match leaders
                .iter()
                .find(|&&i| &self.election.candidates[i].id == lot)
            {
                Some(&chosen) => (chosen, true),
                None => {
                    let tied = ids(self);
                    self.issues.push(CountIssue::LotNotTied {
                        lot: lot.clone(),
                        tied,
                    });
                    (leaders[0], true)
                }
            },
            None => {
                let tied = ids(self);
                self.issues.push(CountIssue::TieNeedsLot { tied, at });
                (leaders[0], true)
            }
        }
    }
}

pub(super) fn with_votes_at_least(first: &[Votes], floor: Votes) -> Vec<usize> {
    (0..first.len()).filter(|&c| first[c] >= floor).collect()
}
