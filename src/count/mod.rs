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

mod counter;
mod issues;
mod outcome;
mod papers;
mod standing;
mod tally;
mod transfers;

pub use issues::{CountIssue, NoSecondCount};
pub use outcome::*;
pub use standing::{Round, Standing};

use crate::model::{Election, Votes};

/// Counts the election.
pub fn count(election: &Election) -> Result<Outcome, Vec<CountIssue>> {
    counter::Counter::new(election).run()
}

/// The smallest whole number that is more than half of `valid`.
pub fn threshold(valid: Votes) -> Votes {
    Votes(valid.0 / 2 + 1)
}

#[cfg(test)]
mod builder;
#[cfg(test)]
mod first_count_tests;
#[cfg(test)]
mod night_tests;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod second_count_tests;
#[cfg(test)]
mod standing_tests;
