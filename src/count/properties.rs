//! Properties of the count that hold for any ballots at all.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use super::builder;
use super::{CountIssue, ElectedAt, Outcome, count};
use crate::model::{AreaVotes, BallotGroup, CandidateId, Election, System, Votes};

const NAMES: [&str; 6] = ["ann", "bob", "cat", "dan", "eve", "fay"];

fn id(i: usize) -> CandidateId {
    builder::id(NAMES[i])
}

/// Ballot groups for `n` candidates from a flat list of counts, one count per
/// (first, second-or-none) pair.
fn groups(n: usize, counts: &[u64]) -> Vec<BallotGroup> {
    let mut out = Vec::new();
    for first in 0..n {
        for second in 0..=n {
            let count = counts[first * (n + 1) + second];
            if count > 0 {
                out.push(BallotGroup {
                    first: id(first),
                    second: (second < n).then(|| id(second)),
                    count: Votes(count),
                });
            }
        }
    }
    out
}

fn election(n: usize, areas: Vec<AreaVotes>) -> Election {
    builder::election(System::SupplementaryVote, &NAMES[..n], areas)
}

/// Counts, drawing the lot for the first tied candidate when needed.
fn settle(e: &mut Election) -> Outcome {
    match count(e) {
        Ok(outcome) => outcome,
        Err(issues) => match &issues[..] {
            [CountIssue::TieNeedsLot { tied, .. }] => {
                e.lot = Some(tied[0].clone());
                count(e).expect("counts once the lot is drawn")
            }
            other => panic!("unexpected issues: {other:?}"),
        },
    }
}

/// The same election given as published totals, with the transfers worked
/// out here from the ballots, independently of the engine.
fn as_totals(e: &Election, outcome: &Outcome) -> Election {
    let remaining: Vec<&CandidateId> = outcome.remaining();
    let mut totals = e.clone();
    for area in &mut totals.areas {
        let AreaVotes::Ballots(groups) = &area.votes else {
            unreachable!()
        };
        let first = e
            .candidates
            .iter()
            .map(|c| {
                let votes = groups
                    .iter()
                    .filter(|g| g.first == c.id)
                    .map(|g| g.count)
                    .sum();
                (c.id.clone(), votes)
            })
            .collect();
        let second =
            (outcome.elected_at().expect("declared") == ElectedAt::SecondCount).then(|| {
                remaining
                    .iter()
                    .map(|r| {
                        let votes = groups
                            .iter()
                            .filter(|g| {
                                !remaining.contains(&&g.first) && g.second.as_ref() == Some(*r)
                            })
                            .map(|g| g.count)
                            .sum();
                        ((*r).clone(), votes)
                    })
                    .collect()
            });
        area.votes = AreaVotes::Totals { first, second };
    }
    totals
}

fn without_tables(mut outcome: Outcome) -> Outcome {
    outcome.overall.first_by_second = None;
    for area in &mut outcome.areas {
        area.tally.first_by_second = None;
    }
    outcome
}

fn ballots_strategy() -> impl Strategy<Value = (usize, Vec<Vec<u64>>)> {
    (2usize..=6, 1usize..=4)
        .prop_flat_map(|(n, areas)| {
            // Many zeros and small counts make ties, the interesting cases, common.
            let count = prop_oneof![3 => Just(0u64), 5 => 0u64..30, 1 => 0u64..5000];
            let area = proptest::collection::vec(count, n * (n + 1));
            (Just(n), proptest::collection::vec(area, areas))
        })
        // No votes at all is refused, not counted (see the unit tests).
        .prop_filter("some votes", |(_, areas)| {
            areas.iter().flatten().any(|&count| count > 0)
        })
}

/// The seeds of past failures, beside these properties. Named outright:
/// proptest's default place depends on where `lib.rs` is, and a move once
/// left these seeds unread.
const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/count/properties.proptest-regressions"
);

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        ..ProptestConfig::default()
    }
}

#[test]
fn the_saved_seeds_are_where_the_properties_read_them() {
    let seeds = std::fs::read_to_string(REGRESSIONS).expect("the regressions file");
    assert!(seeds.lines().any(|line| line.starts_with("cc ")), "{seeds}");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn ballots_and_the_same_ballots_as_totals_give_the_same_outcome((n, areas) in ballots_strategy()) {
        let mut by_ballots = election(n, areas.iter().map(|c| AreaVotes::Ballots(groups(n, c))).collect());
        let outcome = settle(&mut by_ballots);
        let by_totals = as_totals(&by_ballots, &outcome);
        let from_totals = count(&by_totals).expect("totals count");
        prop_assert_eq!(without_tables(outcome), without_tables(from_totals));
    }

    #[test]
    fn totals_are_first_preferences_plus_transfers((n, areas) in ballots_strategy()) {
        let mut e = election(n, areas.iter().map(|c| AreaVotes::Ballots(groups(n, c))).collect());
        let outcome = settle(&mut e);
        let tallies = std::iter::once(&outcome.overall).chain(outcome.areas.iter().map(|a| &a.tally));
        for tally in tallies {
            for c in &tally.candidates {
                match (c.transfers, c.total) {
                    (Some(t), Some(total)) => prop_assert_eq!(total, c.first + t),
                    (None, None) => {}
                    other => prop_assert!(false, "transfers and total disagree: {:?}", other),
                }
            }
        }
    }

    #[test]
    fn non_transferable_is_eliminated_first_preferences_less_transfers((n, areas) in ballots_strategy()) {
        let mut e = election(n, areas.iter().map(|c| AreaVotes::Ballots(groups(n, c))).collect());
        let outcome = settle(&mut e);
        let tallies = std::iter::once(&outcome.overall).chain(outcome.areas.iter().map(|a| &a.tally));
        for tally in tallies {
            let Some(non_transferable) = tally.non_transferable else { continue };
            let eliminated: Votes = tally.candidates.iter().filter(|c| c.total.is_none()).map(|c| c.first).sum();
            let transfers: Votes = tally.candidates.iter().filter_map(|c| c.transfers).sum();
            prop_assert_eq!(non_transferable.0 + transfers.0, eliminated.0);
            prop_assert_eq!(
                tally.second_count_total().unwrap() + non_transferable,
                tally.valid_first
            );
        }
    }

    #[test]
    fn reordering_candidates_or_areas_never_changes_the_outcome(
        (n, areas) in ballots_strategy(),
        seed in any::<u64>(),
    ) {
        let mut e = election(n, areas.iter().map(|c| AreaVotes::Ballots(groups(n, c))).collect());
        let outcome = settle(&mut e);
        let mut shuffled = e.clone();
        shuffle(&mut shuffled.candidates, seed);
        shuffle(&mut shuffled.areas, seed.rotate_left(17));
        for area in &mut shuffled.areas {
            if let AreaVotes::Ballots(groups) = &mut area.votes {
                shuffle(groups, seed.rotate_left(31));
            }
        }
        let mut reordered = count(&shuffled).expect("the same data counts the same");
        reordered.areas.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(outcome, reordered);
    }

    #[test]
    fn the_winner_always_has_the_most_votes_at_the_deciding_stage((n, areas) in ballots_strategy()) {
        let mut e = election(n, areas.iter().map(|c| AreaVotes::Ballots(groups(n, c))).collect());
        let outcome = settle(&mut e);
        let winner = outcome.overall.candidate(&outcome.winner().cloned().expect("declared")).unwrap();
        for c in &outcome.overall.candidates {
            prop_assert!(c.last() <= winner.last() || c.total.is_none() && winner.total.is_some());
        }
        if outcome.elected_at().expect("declared") == ElectedAt::FirstCount {
            prop_assert!(2 * winner.first.0 > outcome.overall.valid_first.0);
        }
        if outcome.elected_at().expect("declared") == ElectedAt::SecondCount {
            prop_assert!(outcome.remaining().len() >= 2);
            prop_assert!(outcome.overall.candidates.iter().all(|c| 2 * c.first.0 <= outcome.overall.valid_first.0));
        }
    }
}

/// A deterministic Fisher-Yates shuffle (proptest shrinks the seed).
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (seed >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}
