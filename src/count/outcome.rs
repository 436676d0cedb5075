//! What a count produces: the outcome, its tallies and the state of the count.

use crate::model::{AreaId, CandidateId, Votes};
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    const OPEN_DATA: &str = include_str!("../../docs/open-data.md");

    /// The names docs/open-data.md gives in the row for `field`.
    fn documented(field: &str) -> BTreeSet<&'static str> {
        let row = OPEN_DATA
            .lines()
            .find(|line| line.starts_with(&format!("| `{field}` |")))
            .unwrap_or_else(|| panic!("docs/open-data.md documents `{field}`"));
        let description = row.split('|').nth(2).expect("a description cell");
        description
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|name| *name != "null")
            .collect()
    }

    /// Other tools read these names: each must be the one documented.
    #[test]
    fn the_names_in_open_data_are_the_documented_ones() {
        use ElectedAt as At;
        let elected_at = [
            At::Uncontested,
            At::SimpleMajority,
            At::FirstCount,
            At::SecondCount,
        ];
        let statuses = [
            Status::Elected,
            Status::Remained,
            Status::Eliminated,
            Status::Defeated,
            Status::Counting,
            Status::InSecondCount,
        ];
        let stages = [
            Stage::NoPoll,
            Stage::Awaiting,
            Stage::FirstCount,
            Stage::SecondCount,
        ];
        assert_eq!(
            BTreeSet::from(elected_at.map(ElectedAt::key)),
            documented("elected_at")
        );
        assert_eq!(
            BTreeSet::from(statuses.map(Status::key)),
            documented("candidates[].status")
        );
        assert_eq!(
            stages
                .iter()
                .filter_map(|s| s.key())
                .collect::<BTreeSet<_>>(),
            documented("areas[].stage")
        );
    }
}
