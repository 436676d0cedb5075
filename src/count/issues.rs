//! Why data cannot be counted as given.

use std::sync::Arc;

use crate::model::{AreaId, CandidateId, Votes};

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
    /// While counting, `second` given before every first count is in. The
    /// areas still awaited are one list shared by every such area's issue.
    SecondBeforeAllFirsts {
        area: usize,
        awaiting: Arc<[AreaId]>,
    },
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
