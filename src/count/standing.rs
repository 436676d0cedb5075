//! Where each candidate finished in a declared count: their place, and how
//! far behind the winner (or, for the winner, how far ahead of the
//! runner-up). Derived from the [`Outcome`] alone, so every page that tells a
//! candidate's result tells the same one.
//!
//! The place, defined once (docs/site-format.md repeats it):
//! - the winner is 1st;
//! - then the other candidates in the last count held (the second count's
//!   finalists, or, with no second count, everyone), by their votes at it:
//!   total after transfers in a second count, first preferences otherwise;
//! - then the candidates eliminated after the first count, by their first
//!   preferences.
//!
//! Candidates level within a group share a place ("joint 3rd") and the
//! places after them are skipped (1st, 2nd, joint 3rd, joint 3rd, 5th). A
//! candidate's gap is the winner's votes minus theirs at the last count the
//! candidate took part in: the second count for its finalists, the first
//! count for everyone else. No place is given while counting (figures are
//! provisional, and nobody has won), nor in an uncontested election.

use std::cmp::Reverse;

use super::{CandidateResult, ElectedAt, Outcome};
use crate::model::{CandidateId, Votes};

/// A count: the first, or the second (after transfers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    First,
    Second,
}

/// A candidate's result, as a history of elections tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// The only candidate: elected with no poll, so no place.
    Unopposed,
    /// Elected, `margin` votes ahead of the runner-up at the deciding count
    /// (none ahead after a tie decided by lot).
    Won {
        at: ElectedAt,
        margin: Votes,
        by_lot: bool,
        /// Candidates who stood.
        of: usize,
    },
    /// Not elected.
    Lost {
        /// From 1 (the winner's), shared when `joint`.
        place: usize,
        joint: bool,
        of: usize,
        /// The winner's votes minus the candidate's, at `round`.
        behind: Votes,
        /// The last count the candidate took part in.
        round: Round,
        /// A second count took place in the election: "at the first count"
        /// then tells something.
        second_count: bool,
    },
}

/// How a candidate ranks: the winner first, then by votes at their last
/// count. That places the second count's finalists above those eliminated
/// without a rule of its own: a finalist's total is at least their first
/// preferences, which are more than any eliminated candidate's (all those
/// level with the second-placed remain).
fn key(winner: &CandidateId, c: &CandidateResult) -> (bool, Votes) {
    (&c.id != winner, c.last())
}

fn ahead(a: (bool, Votes), b: (bool, Votes)) -> bool {
    (a.0, Reverse(a.1)) < (b.0, Reverse(b.1))
}

impl Outcome {
    /// Where `id` finished; None while counting and for a name not on the
    /// ballot.
    pub fn standing(&self, id: &CandidateId) -> Option<Standing> {
        let decision = self.decision()?;
        let candidates = &self.overall.candidates;
        let me = self.overall.candidate(id)?;
        if decision.elected_at == ElectedAt::Uncontested {
            return Some(Standing::Unopposed);
        }
        let of = candidates.len();
        let winner = self.overall.candidate(&decision.winner)?;
        if me.id == winner.id {
            return Some(Standing::Won {
                at: decision.elected_at,
                margin: self.margin().unwrap_or(Votes::ZERO),
                by_lot: decision.by_lot,
                of,
            });
        }
        let mine = key(&winner.id, me);
        let place = 1 + candidates
            .iter()
            .filter(|c| ahead(key(&winner.id, c), mine))
            .count();
        let joint = candidates
            .iter()
            .any(|c| c.id != me.id && key(&winner.id, c) == mine);
        let round = match me.total {
            Some(_) => Round::Second,
            None => Round::First,
        };
        let winners = match round {
            Round::Second => winner.last(),
            Round::First => winner.first,
        };
        Some(Standing::Lost {
            place,
            joint,
            of,
            behind: winners - me.last(),
            round,
            second_count: self.has_second_count(),
        })
    }

    /// Who came 2nd (several when level); empty while counting and when
    /// uncontested.
    pub fn runners_up(&self) -> Vec<&CandidateId> {
        self.overall
            .candidates
            .iter()
            .filter(|c| matches!(self.standing(&c.id), Some(Standing::Lost { place: 2, .. })))
            .map(|c| &c.id)
            .collect()
    }
}
