//! The election as psephos understands it once loading has checked it:
//! typed ids and vote counts, no YAML, no files.

use std::iter::Sum;
use std::ops::{Add, Sub};

use crate::time::Moment;

mod ids;
mod notice;

pub use crate::time::Date;
pub use ids::{AreaId, CandidateId, PartyId, PersonId, hyphenated_words, is_slug};
pub use notice::{BallotName, Head, ReturningOfficer, SecondRejectionHead, ballot_order};

/// A number of ballot papers or votes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Votes(pub u64);

impl Votes {
    pub const ZERO: Votes = Votes(0);

    /// The difference, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Votes) -> Votes {
        Votes(self.0.saturating_sub(other.0))
    }
}

// Loading caps every figure far below u64::MAX / number of figures, so sums
// cannot overflow; saturating keeps even absurd input from panicking.
impl Add for Votes {
    type Output = Votes;
    fn add(self, other: Votes) -> Votes {
        Votes(self.0.saturating_add(other.0))
    }
}

impl Sub for Votes {
    type Output = Votes;
    fn sub(self, other: Votes) -> Votes {
        self.saturating_sub(other)
    }
}

impl Sum for Votes {
    fn sum<I: Iterator<Item = Votes>>(iter: I) -> Votes {
        iter.fold(Votes::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Votes> for Votes {
    fn sum<I: Iterator<Item = &'a Votes>>(iter: I) -> Votes {
        iter.copied().sum()
    }
}

/// How the winner is chosen when there are three or more candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    SupplementaryVote,
    FirstPastThePost,
}

impl System {
    pub fn name(self) -> &'static str {
        match self {
            System::SupplementaryVote => "Supplementary Vote",
            System::FirstPastThePost => "first past the post",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub id: PartyId,
    pub name: String,
    /// A CSS hex colour, `#rrggbb`.
    pub colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: CandidateId,
    pub name: String,
    /// None for an independent.
    pub party: Option<PartyId>,
    pub person: Option<PersonId>,
    /// The name as the ballot paper prints it, when given.
    pub ballot: Option<BallotName>,
    /// The description on the ballot paper, when given.
    pub description: Option<String>,
}

/// Rejected ballot papers, as a single figure or by statutory head: as to
/// the first preference ([`RejectionHead`]) or the second
/// ([`SecondRejectionHead`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected<H = RejectionHead> {
    Total(Votes),
    ByHead(Vec<(H, Votes)>),
}

impl<H> Rejected<H> {
    pub fn total(&self) -> Votes {
        match self {
            Rejected::Total(v) => *v,
            Rejected::ByHead(heads) => notice::head_total(heads),
        }
    }
}

/// The heads under which a returning officer reports rejected papers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RejectionHead {
    NoOfficialMark,
    MultipleFirstPreferences,
    IdentifiesVoter,
    UnmarkedOrUncertain,
    /// Some statements split "unmarked" from "void for uncertainty".
    Unmarked,
    Uncertain,
}

impl RejectionHead {
    pub const ALL: [RejectionHead; 6] = [
        RejectionHead::NoOfficialMark,
        RejectionHead::MultipleFirstPreferences,
        RejectionHead::IdentifiesVoter,
        RejectionHead::UnmarkedOrUncertain,
        RejectionHead::Unmarked,
        RejectionHead::Uncertain,
    ];

    /// The key used in election.yaml.
    pub fn key(self) -> &'static str {
        match self {
            RejectionHead::NoOfficialMark => "no_official_mark",
            RejectionHead::MultipleFirstPreferences => "multiple_first_preferences",
            RejectionHead::IdentifiesVoter => "identifies_voter",
            RejectionHead::UnmarkedOrUncertain => "unmarked_or_uncertain",
            RejectionHead::Unmarked => "unmarked",
            RejectionHead::Uncertain => "uncertain",
        }
    }

    /// The statutory wording.
    pub fn description(self) -> &'static str {
        match self {
            RejectionHead::NoOfficialMark => "Want of an official mark",
            RejectionHead::MultipleFirstPreferences => {
                "Voting for more than one candidate as to the first preference vote"
            }
            RejectionHead::IdentifiesVoter => {
                "Writing or mark by which the voter could be identified"
            }
            RejectionHead::UnmarkedOrUncertain => {
                "Unmarked or void for uncertainty as to the first preference vote"
            }
            RejectionHead::Unmarked => "Unmarked",
            RejectionHead::Uncertain => "Void for uncertainty as to the first preference vote",
        }
    }

    pub fn from_key(key: &str) -> Option<RejectionHead> {
        Self::ALL.into_iter().find(|head| head.key() == key)
    }
}

impl Head for RejectionHead {
    const HEADS: &'static [Self] = &Self::ALL;
    fn key(self) -> &'static str {
        RejectionHead::key(self)
    }
    fn description(self) -> &'static str {
        RejectionHead::description(self)
    }
}

/// Ballot papers with the same first and second preference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotGroup {
    pub first: CandidateId,
    /// None when no valid second preference was marked.
    pub second: Option<CandidateId>,
    pub count: Votes,
}

/// How an area's votes were supplied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaVotes {
    /// No poll: the election was uncontested.
    None,
    /// While counting: this area's first count is not in yet.
    Awaiting,
    /// Published totals: first preferences for every candidate and, when there
    /// was a second count, the second preferences counted for each candidate
    /// who remained (the transfers).
    Totals {
        first: Vec<(CandidateId, Votes)>,
        second: Option<Vec<(CandidateId, Votes)>>,
    },
    /// Ballot-level data: every combination of first and second preference.
    Ballots(Vec<BallotGroup>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub id: AreaId,
    pub name: String,
    pub electorate: Option<Votes>,
    /// Valid plus rejected ballot papers.
    pub ballots_counted: Option<Votes>,
    pub rejected: Option<Rejected>,
    /// Papers whose second preference was rejected at the second count.
    pub rejected_second: Option<Rejected<SecondRejectionHead>>,
    pub votes: AreaVotes,
    /// Column and row on the tile map of counting areas.
    pub tile: Option<(u32, u32)>,
    /// When the latest of these figures came in.
    pub reported_at: Option<Moment>,
    /// Ballot papers verified before the count.
    pub verified: Option<Votes>,
}

/// What the returning officer declared, kept to check the count against.
#[derive(Debug, Clone, PartialEq)]
pub struct Declared {
    pub winner: Option<CandidateId>,
    pub totals: Vec<(CandidateId, Votes)>,
    /// When the returning officer declared the result.
    pub at: Option<Moment>,
}

/// Whether the returning officer has declared the result, or the count is
/// still going on and every figure is provisional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ResultStatus {
    Counting,
    /// Old data has no `status`, and was always a declared result.
    #[default]
    Declared,
}

impl ResultStatus {
    /// The value in election.yaml and in open data.
    pub fn key(self) -> &'static str {
        match self {
            ResultStatus::Counting => "counting",
            ResultStatus::Declared => "declared",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Election {
    /// Democracy Club's id for the election, as
    /// `mayor.cambridgeshire-and-peterborough.2017-05-04`.
    pub election_id: Option<String>,
    pub title: String,
    pub office: String,
    pub authority: Option<String>,
    pub date: Date,
    pub system: System,
    pub status: ResultStatus,
    pub source: Option<String>,
    /// Turnout as declared, in percent.
    pub turnout_percent: Option<f64>,
    pub parties: Vec<Party>,
    pub candidates: Vec<Candidate>,
    pub areas: Vec<Area>,
    pub declared: Option<Declared>,
    /// Whom the lot chose, when the final totals tie.
    pub lot: Option<CandidateId>,
    /// The folder slug of the election to compare with, as written; the
    /// site checks that it exists and is earlier (`change::previous`).
    pub previous: Option<String>,
    /// Who gave notice of the result.
    pub returning_officer: Option<ReturningOfficer>,
}

impl Election {
    pub fn candidate(&self, id: &CandidateId) -> Option<&Candidate> {
        self.candidates.iter().find(|c| &c.id == id)
    }

    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.parties.iter().find(|p| &p.id == id)
    }

    /// The candidate's party name, or "Independent".
    pub fn party_name(&self, candidate: &Candidate) -> &str {
        candidate
            .party
            .as_ref()
            .and_then(|id| self.party(id))
            .map_or("Independent", |p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vote_arithmetic_never_overflows() {
        assert_eq!(Votes(u64::MAX) + Votes(1), Votes(u64::MAX));
        assert_eq!(Votes(1) - Votes(2), Votes(0));
        assert_eq!([Votes(2), Votes(3)].iter().sum::<Votes>(), Votes(5));
    }
}
