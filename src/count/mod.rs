//! The count: a pure function from an [`Election`] to its [`Outcome`].
//!
//! It follows the statutory rules for the Supplementary Vote (see
//! `docs/counting-rules.md`): election at the first count only with strictly
//! more than half of the valid first preferences; otherwise the two leading
//! candidates remain, with everyone tied with the second; only ballots whose
//! first preference was for an eliminated candidate transfer; a final tie is
//! decided by lot. All arithmetic is on whole numbers of votes.
//!
//! Data the count cannot be reconciled with (second preferences for someone
//! who did not remain, a tie with no lot, ...) comes back as [`CountIssue`]s,
//! which loading turns into located error messages.

use std::collections::HashMap;

use crate::model::{AreaId, AreaVotes, CandidateId, Election, ResultStatus, System, Votes};
use crate::time::Moment;

/// At which stage, and how, the winner was elected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElectedAt {
    /// One candidate: no poll.
    Uncontested,
    /// Two candidates, or first past the post: most votes wins.
    SimpleMajority,
    /// More than half of the valid first preferences.
    FirstCount,
    /// The greatest total after second preferences were added.
    SecondCount,
}

impl ElectedAt {
    /// The name used in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            ElectedAt::Uncontested => "uncontested",
            ElectedAt::SimpleMajority => "simple-majority",
            ElectedAt::FirstCount => "first-count",
            ElectedAt::SecondCount => "second-count",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Elected,
    /// In the second count, not elected.
    Remained,
    /// Out after the first count.
    Eliminated,
    /// Not elected where there was no second count.
    Defeated,
    /// While counting: nothing is decided about this candidate yet.
    Counting,
    /// While counting: in the second count, which is under way.
    InSecondCount,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Elected => "elected",
            Status::Remained => "remained",
            Status::Eliminated => "eliminated",
            Status::Defeated => "defeated",
            Status::Counting => "counting",
            Status::InSecondCount => "in-second-count",
        }
    }
}

/// How far an area's count has got: the latest count whose figures are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Uncontested: there is no count.
    NoPoll,
    Awaiting,
    FirstCount,
    SecondCount,
}

impl Stage {
    /// The name in open data; None for no poll.
    pub fn key(self) -> Option<&'static str> {
        match self {
            Stage::NoPoll => None,
            Stage::Awaiting => Some("awaiting"),
            Stage::FirstCount => Some("first-count"),
            Stage::SecondCount => Some("second-count"),
        }
    }
}

/// One candidate's figures, in the whole election or in one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateResult {
    pub id: CandidateId,
    pub first: Votes,
    /// Second preferences counted for this candidate (transfers); None
    /// outside a second count.
    pub transfers: Option<Votes>,
    /// First preferences plus transfers; None outside a second count.
    pub total: Option<Votes>,
    /// The election-wide status, repeated in every area for convenience.
    pub status: Status,
}

impl CandidateResult {
    /// The figure the candidate finished on: second-count total if they were
    /// in it, else first preferences.
    pub fn last(&self) -> Votes {
        self.total.unwrap_or(self.first)
    }
}

/// For ballot-level data: how each candidate's voters marked their second
/// preference. A second preference for the first-choice candidate again is
/// filed under "none", because it can never count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstBySecond {
    pub rows: Vec<SecondPreferences>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondPreferences {
    pub first: CandidateId,
    /// Another candidate, or None for no usable second preference.
    pub seconds: Vec<(Option<CandidateId>, Votes)>,
}

/// The count in one area, or in the whole election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub valid_first: Votes,
    /// For the whole election, in result order: the winner first, then the
    /// others who remained, then by votes. For an area, by votes there (those
    /// in the second count first).
    pub candidates: Vec<CandidateResult>,
    /// Papers for eliminated candidates with no second preference for anyone
    /// remaining; None when there was no second count.
    pub non_transferable: Option<Votes>,
    /// Present when every ballot behind this tally was given individually.
    pub first_by_second: Option<FirstBySecond>,
}

impl Tally {
    pub fn candidate(&self, id: &CandidateId) -> Option<&CandidateResult> {
        self.candidates.iter().find(|c| &c.id == id)
    }

    /// The sum of the remaining candidates' totals (the base for second-count
    /// shares); None without a second count.
    pub fn second_count_total(&self) -> Option<Votes> {
        self.non_transferable?;
        Some(self.candidates.iter().filter_map(|c| c.total).sum())
    }

    /// All papers transferred to remaining candidates.
    pub fn transfers(&self) -> Option<Votes> {
        self.non_transferable?;
        Some(self.candidates.iter().filter_map(|c| c.transfers).sum())
    }

    /// Who had the most first preferences here (several when tied); empty when
    /// no votes were cast.
    pub fn first_leaders(&self) -> Vec<&CandidateId> {
        let top = self.candidates.iter().map(|c| c.first).max();
        match top {
            Some(top) if top > Votes::ZERO => self
                .candidates
                .iter()
                .filter(|c| c.first == top)
                .map(|c| &c.id)
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaTally {
    pub id: AreaId,
    pub stage: Stage,
    pub tally: Tally,
}

/// Who the returning officer declared elected, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub winner: CandidateId,
    pub elected_at: ElectedAt,
    /// The returning officer drew lots between tied candidates.
    pub by_lot: bool,
}

/// Where a count still in progress has got to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    /// Counting areas in the election.
    pub areas: usize,
    /// Areas whose first count is in.
    pub first_reported: usize,
    /// The time of the latest figures, where areas give `reported_at`.
    pub latest: Option<Moment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// First counts are still coming in.
    FirstCount,
    /// Every first count is in and no second count follows: someone has more
    /// than half (or most votes, without a second count). Not yet declared.
    FirstCountComplete,
    /// The second count is under way; `reported` areas have counted it.
    SecondCount { reported: usize },
}

/// Declared, or still counting: a provisional outcome has no winner, so no
/// page can call anyone elected while the count goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Declared(Decision),
    Counting(Progress),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub state: State,
    /// Votes needed to be elected at the first count (more than half the
    /// valid first preferences); only for a Supplementary Vote count, and
    /// only once every first count is in.
    pub threshold: Option<Votes>,
    /// While counting, the running totals over the areas reported so far.
    pub overall: Tally,
    /// In the order the election data lists them.
    pub areas: Vec<AreaTally>,
}

impl Outcome {
    pub fn decision(&self) -> Option<&Decision> {
        match &self.state {
            State::Declared(decision) => Some(decision),
            State::Counting(_) => None,
        }
    }

    pub fn progress(&self) -> Option<&Progress> {
        match &self.state {
            State::Declared(_) => None,
            State::Counting(progress) => Some(progress),
        }
    }

    pub fn is_counting(&self) -> bool {
        self.progress().is_some()
    }

    /// The winner, once declared.
    pub fn winner(&self) -> Option<&CandidateId> {
        self.decision().map(|d| &d.winner)
    }

    /// How the winner was elected, once declared.
    pub fn elected_at(&self) -> Option<ElectedAt> {
        self.decision().map(|d| d.elected_at)
    }

    /// Whether there was a poll at all.
    pub fn contested(&self) -> bool {
        self.elected_at() != Some(ElectedAt::Uncontested)
    }

    /// Whether a second count took place or is under way.
    pub fn has_second_count(&self) -> bool {
        self.overall.non_transferable.is_some()
    }

    /// The winner's lead over the runner-up at the deciding stage; None when
    /// uncontested or not yet declared.
    pub fn margin(&self) -> Option<Votes> {
        let elected_at = self.elected_at()?;
        if elected_at == ElectedAt::Uncontested {
            return None;
        }
        let mut finals = self.overall.candidates.iter().map(|c| match elected_at {
            ElectedAt::SecondCount => c.total,
            _ => Some(c.first),
        });
        let winner = finals.next()??;
        let runner_up = finals.flatten().max().unwrap_or(Votes::ZERO);
        Some(winner - runner_up)
    }

    /// Candidates who went through to the second count.
    pub fn remaining(&self) -> Vec<&CandidateId> {
        self.overall
            .candidates
            .iter()
            .filter(|c| c.total.is_some())
            .map(|c| &c.id)
            .collect()
    }
}

/// Why the data cannot be counted as given. Areas are indexes into
/// `Election::areas`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountIssue {
    /// `second` given where no second count took place.
    SecondNotNeeded { area: usize, why: NoSecondCount },
    /// A second count was needed but this area gives no `second`.
    SecondMissing {
        area: usize,
        remaining: Vec<CandidateId>,
    },
    /// Second preferences for a candidate who did not remain in the count.
    SecondForEliminated {
        area: usize,
        candidate: CandidateId,
        remaining: Vec<CandidateId>,
    },
    /// A remaining candidate left out of `second`.
    SecondLeavesOut { area: usize, candidate: CandidateId },
    /// More transfers than there were papers to transfer.
    TransfersExceedEliminated {
        area: usize,
        transfers: Votes,
        eliminated_first: Votes,
    },
    /// The final totals tie and no `lot` says who won.
    TieNeedsLot { tied: Vec<CandidateId>, at: Votes },
    /// `lot` names someone who was not among those tied.
    LotNotTied {
        lot: CandidateId,
        tied: Vec<CandidateId>,
    },
    /// `lot` given, but nothing was tied.
    LotWithoutTie { lot: CandidateId },
    /// Nobody stood.
    NoCandidates,
    /// A contested election with no valid votes anywhere: figures not yet
    /// entered, never a result (a lot between everyone would "elect" one).
    NoVotes,
    /// While counting, `second` given before every first count is in.
    SecondBeforeAllFirsts { area: usize, awaiting: Vec<AreaId> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSecondCount {
    Uncontested,
    TwoCandidates,
    FirstPastThePost,
    /// Someone had more than half of the first preferences.
    WonAtFirstCount,
    /// Everyone remained in the count, so no papers transfer.
    NobodyEliminated,
}

/// Counts the election.
pub fn count(election: &Election) -> Result<Outcome, Vec<CountIssue>> {
    Counter::new(election).run()
}

/// The first-count decision.
enum FirstStage {
    Uncontested,
    /// Most votes wins; candidate indexes of those with the most.
    SimpleMajority(Vec<usize>),
    FirstCount(usize),
    /// Candidate indexes of those who remain.
    SecondCount(Vec<usize>),
}

/// Works on candidate indexes into `election.candidates`.
struct Counter<'a> {
    election: &'a Election,
    index: HashMap<&'a CandidateId, usize>,
    /// First preferences per area, per candidate index.
    area_first: Vec<Vec<Votes>>,
    /// First preferences in the whole election, per candidate index.
    first: Vec<Votes>,
    issues: Vec<CountIssue>,
}

impl<'a> Counter<'a> {
    fn new(election: &'a Election) -> Self {
        let index: HashMap<_, _> = election
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (&c.id, i))
            .collect();
        let mut counter = Counter {
            election,
            index,
            area_first: Vec::new(),
            first: Vec::new(),
            issues: Vec::new(),
        };
        counter.area_first = (0..election.areas.len())
            .map(|a| counter.first_preferences(a))
            .collect();
        counter.first = sum_rows(&counter.area_first, counter.candidate_count());
        counter
    }

    fn candidate_count(&self) -> usize {
        self.election.candidates.len()
    }

    fn first_preferences(&self, area: usize) -> Vec<Votes> {
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

    fn run(mut self) -> Result<Outcome, Vec<CountIssue>> {
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

    fn run_declared(&mut self, valid: Votes) -> Outcome {
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
    fn run_counting(&mut self, valid: Votes) -> Outcome {
        let areas = &self.election.areas;
        let awaiting: Vec<AreaId> = areas
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

    fn simple_majority_why(&self) -> NoSecondCount {
        if self.election.system == System::FirstPastThePost {
            NoSecondCount::FirstPastThePost
        } else {
            NoSecondCount::TwoCandidates
        }
    }

    fn second_count(&mut self, remaining: Vec<usize>) -> SecondCount {
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
            transfers: self.transfers(&remaining),
            remaining,
            counted,
        }
    }

    fn second_count_winner(&mut self, second: &SecondCount) -> (usize, bool) {
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

    fn first_stage(&self, valid: Votes) -> FirstStage {
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

    fn reject_second(&mut self, why: NoSecondCount) {
        for (area, data) in self.election.areas.iter().enumerate() {
            if let AreaVotes::Totals {
                second: Some(_), ..
            } = data.votes
            {
                self.issues.push(CountIssue::SecondNotNeeded { area, why });
            }
        }
    }

    fn reject_lot(&mut self) {
        if let Some(lot) = &self.election.lot {
            self.issues
                .push(CountIssue::LotWithoutTie { lot: lot.clone() });
        }
    }

    /// Picks the single leader, or the one chosen by lot among tied leaders.
    fn by_lot_if_tied(&mut self, leaders: Vec<usize>, at: Votes) -> (usize, bool) {
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

    /// Per area, per candidate index: the second preferences counted for the
    /// remaining candidates (zero for everyone else).
    fn transfers(&mut self, remaining: &[usize]) -> Vec<Vec<Votes>> {
        (0..self.election.areas.len())
            .map(|area| self.area_transfers(area, remaining))
            .collect()
    }

    fn area_transfers(&mut self, area: usize, remaining: &[usize]) -> Vec<Votes> {
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
                let counting = self.election.status == ResultStatus::Counting;
                if !counting && (eliminated_first > Votes::ZERO || remaining.len() < n) {
                    self.issues.push(CountIssue::SecondMissing {
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
                        _ => self.issues.push(CountIssue::SecondForEliminated {
                            area,
                            candidate: id.clone(),
                            remaining: self.ids(remaining),
                        }),
                    }
                }
                for &c in remaining {
                    let id = &self.election.candidates[c].id;
                    if !given.iter().any(|(g, _)| g == id) {
                        self.issues.push(CountIssue::SecondLeavesOut {
                            area,
                            candidate: id.clone(),
                        });
                    }
                }
                let total: Votes = transfers.iter().sum();
                if total > eliminated_first {
                    self.issues.push(CountIssue::TransfersExceedEliminated {
                        area,
                        transfers: total,
                        eliminated_first,
                    });
                }
            }
        }
        transfers
    }

    fn ids(&self, indexes: &[usize]) -> Vec<CandidateId> {
        indexes
            .iter()
            .map(|&i| self.election.candidates[i].id.clone())
            .collect()
    }

    fn finish(
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
    fn overall_tally(
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
    fn non_transferable(&self, second: &SecondCount, area: usize) -> Votes {
        let first = &self.area_first[area];
        let eliminated: Votes = (0..first.len())
            .filter(|c| !second.remaining.contains(c))
            .map(|c| first[c])
            .sum();
        eliminated - second.transfers[area].iter().sum()
    }

    fn tally(
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
    fn area_first_by_second(&self, area: usize) -> Option<Matrix> {
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
    fn first_by_second(&self, matrix: &Matrix, order: &[CandidateResult]) -> FirstBySecond {
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

/// Votes by first preference (row) and second preference (column).
type Matrix = Vec<Vec<Votes>>;

struct SecondCount {
    remaining: Vec<usize>,
    /// Per area, per candidate index.
    transfers: Vec<Vec<Votes>>,
    /// Per area: whether its second count is in.
    counted: Vec<bool>,
}

/// One tally's share of a second count.
struct Transfers<'s> {
    remaining: &'s [usize],
    /// Per candidate index.
    to: &'s [Votes],
    non_transferable: Votes,
}

fn has_second_totals(votes: &AreaVotes) -> bool {
    matches!(
        votes,
        AreaVotes::Totals {
            second: Some(_),
            ..
        }
    )
}

/// The smallest whole number that is more than half of `valid`.
pub fn threshold(valid: Votes) -> Votes {
    Votes(valid.0 / 2 + 1)
}

fn with_votes_at_least(first: &[Votes], floor: Votes) -> Vec<usize> {
    (0..first.len()).filter(|&c| first[c] >= floor).collect()
}

/// How a tally lists its candidates.
#[derive(Clone, Copy)]
enum Order {
    /// The whole election: the winner first, then the others who remained,
    /// then by votes.
    Result,
    /// One area: those in the second count first, then by votes there, so
    /// that an area's own leader comes first.
    Votes,
}

/// Sorts by `order`; ties by id so that the order never depends on the order
/// of the input file.
fn sort(candidates: &mut [CandidateResult], order: Order) {
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

/// Adds per-area rows of votes by candidate index.
fn sum_rows(rows: &[Vec<Votes>], width: usize) -> Vec<Votes> {
    let mut sum = vec![Votes::ZERO; width];
    for row in rows {
        for (total, votes) in sum.iter_mut().zip(row) {
            *total = *total + *votes;
        }
    }
    sum
}

/// Adds area matrices up; None unless every area has one.
fn sum_matrices<'m>(mut matrices: impl Iterator<Item = Option<&'m Matrix>>) -> Option<Matrix> {
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

#[cfg(test)]
mod builder;
#[cfg(test)]
mod night_tests;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
