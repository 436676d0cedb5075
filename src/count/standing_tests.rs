//! Places and gaps: the winner first, the last count's others by their votes
//! at it, then those eliminated by first preferences; ties share a place.

use super::builder::{counting, election, id, ok, sv, totals};
use super::*;
use crate::model::{System, Votes};

fn standing(outcome: &Outcome, who: &str) -> Standing {
    outcome
        .standing(&id(who))
        .expect("declared and on the ballot")
}

/// Not elected, in an election with a second count.
fn lost(place: usize, joint: bool, of: usize, behind: u64, round: Round) -> Standing {
    Standing::Lost {
        place,
        joint,
        of,
        behind: Votes(behind),
        round,
        second_count: true,
    }
}

/// Ann leads the first count but Bob wins the second; Cat and Dan are level
/// after it; Eve is last.
fn second_count() -> Outcome {
    ok(&sv(
        &["ann", "bob", "cat", "dan", "eve"],
        vec![totals(
            &[
                ("ann", 40),
                ("bob", 35),
                ("cat", 10),
                ("dan", 10),
                ("eve", 5),
            ],
            Some(&[("ann", 5), ("bob", 12)]),
        )],
    ))
}

#[test]
fn the_winner_is_first_and_says_by_how_much() {
    let outcome = second_count();
    assert_eq!(
        standing(&outcome, "bob"),
        Standing::Won {
            at: ElectedAt::SecondCount,
            margin: Votes(2),
            by_lot: false,
            of: 5
        }
    );
}

#[test]
fn a_finalist_is_placed_by_the_second_count_not_the_first() {
    let outcome = second_count();
    // More first preferences than the winner, fewer after transfers.
    assert_eq!(
        standing(&outcome, "ann"),
        lost(2, false, 5, 2, Round::Second)
    );
    assert_eq!(outcome.runners_up(), [&id("ann")]);
}

#[test]
fn eliminated_candidates_follow_by_first_preferences_and_ties_share_a_place() {
    let outcome = second_count();
    // Behind the winner's 35 first preferences: the first count was their last.
    let third = lost(3, true, 5, 25, Round::First);
    assert_eq!(standing(&outcome, "cat"), third);
    assert_eq!(standing(&outcome, "dan"), third);
    // After a shared 3rd comes 5th.
    assert_eq!(
        standing(&outcome, "eve"),
        lost(5, false, 5, 30, Round::First)
    );
}

#[test]
fn with_no_second_count_everyone_is_placed_by_first_preferences() {
    let outcome = ok(&sv(
        &["ann", "bob", "cat", "dan"],
        vec![totals(
            &[("ann", 60), ("bob", 20), ("cat", 20), ("dan", 5)],
            None,
        )],
    ));
    assert_eq!(
        standing(&outcome, "ann"),
        Standing::Won {
            at: ElectedAt::FirstCount,
            margin: Votes(40),
            by_lot: false,
            of: 4
        }
    );
    let second = Standing::Lost {
        place: 2,
        joint: true,
        of: 4,
        behind: Votes(40),
        round: Round::First,
        second_count: false,
    };
    assert_eq!(standing(&outcome, "bob"), second);
    assert_eq!(standing(&outcome, "cat"), second);
    assert_eq!(
        standing(&outcome, "dan"),
        Standing::Lost {
            place: 4,
            joint: false,
            of: 4,
            behind: Votes(55),
            round: Round::First,
            second_count: false,
        }
    );
    assert_eq!(outcome.runners_up(), [&id("bob"), &id("cat")]);
}

#[test]
fn first_past_the_post_places_by_votes() {
    let outcome = ok(&election(
        System::FirstPastThePost,
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 30), ("bob", 40), ("cat", 29)], None)],
    ));
    assert_eq!(
        standing(&outcome, "bob"),
        Standing::Won {
            at: ElectedAt::SimpleMajority,
            margin: Votes(10),
            by_lot: false,
            of: 3
        }
    );
    assert_eq!(
        standing(&outcome, "cat"),
        Standing::Lost {
            place: 3,
            joint: false,
            of: 3,
            behind: Votes(11),
            round: Round::First,
            second_count: false,
        }
    );
}

#[test]
fn a_tie_decided_by_lot_leaves_the_loser_second_and_level() {
    let mut e = sv(
        &["ann", "bob", "cat"],
        vec![totals(
            &[("ann", 40), ("bob", 40), ("cat", 20)],
            Some(&[("ann", 5), ("bob", 5)]),
        )],
    );
    e.lot = Some(id("bob"));
    let outcome = ok(&e);
    assert_eq!(
        standing(&outcome, "bob"),
        Standing::Won {
            at: ElectedAt::SecondCount,
            margin: Votes::ZERO,
            by_lot: true,
            of: 3
        }
    );
    // Level with the winner, yet not joint 1st: the lot placed them.
    assert_eq!(
        standing(&outcome, "ann"),
        lost(2, false, 3, 0, Round::Second)
    );
}

#[test]
fn the_only_candidate_is_elected_unopposed_with_no_place() {
    let outcome = ok(&sv(&["ann"], vec![]));
    assert_eq!(standing(&outcome, "ann"), Standing::Unopposed);
    assert!(outcome.runners_up().is_empty());
}

#[test]
fn nobody_is_placed_while_counting() {
    let outcome = ok(&counting(sv(
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 60), ("bob", 30), ("cat", 10)], None)],
    )));
    for who in ["ann", "bob", "cat"] {
        assert_eq!(outcome.standing(&id(who)), None, "{who}");
    }
    assert!(outcome.runners_up().is_empty());
}

#[test]
fn a_name_not_on_the_ballot_has_no_place() {
    assert_eq!(second_count().standing(&id("zed")), None);
}
