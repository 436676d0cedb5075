//! The counting rules, one by one: who is elected at the first count, and
//! who remains for the second.

use super::builder::{ballots, election, id, ok, statuses, sv, totals};
use super::*;
use crate::model::{AreaVotes, System, Votes};

#[test]
fn one_candidate_is_elected_unopposed_without_votes() {
    let outcome = ok(&sv(&["ann"], vec![]));
    assert_eq!(
        outcome.elected_at().expect("declared"),
        ElectedAt::Uncontested
    );
    assert_eq!(outcome.winner().cloned().expect("declared"), id("ann"));
    assert_eq!(outcome.margin(), None);
    assert_eq!(outcome.threshold, None);
    assert_eq!(outcome.overall.valid_first, Votes::ZERO);
    assert!(!outcome.has_second_count());
}

#[test]
fn an_uncontested_election_has_no_poll_in_any_area() {
    let outcome = ok(&sv(&["ann"], vec![AreaVotes::None, AreaVotes::None]));
    let stages: Vec<Stage> = outcome.areas.iter().map(|a| a.stage).collect();
    assert_eq!(stages, [Stage::NoPoll, Stage::NoPoll]);
    assert!(!outcome.contested());
}

#[test]
fn an_uncontested_election_takes_no_second_preferences_and_no_lot() {
    let mut e = sv(&["ann"], vec![totals(&[("ann", 5)], Some(&[("ann", 1)]))]);
    e.lot = Some(id("ann"));
    assert_eq!(
        count(&e).unwrap_err(),
        [
            CountIssue::SecondNotNeeded {
                area: 0,
                why: NoSecondCount::Uncontested
            },
            CountIssue::LotWithoutTie { lot: id("ann") }
        ]
    );
}

#[test]
fn two_candidates_is_a_simple_majority_even_below_half() {
    let e = sv(
        &["ann", "bob"],
        vec![totals(&[("ann", 10), ("bob", 9)], None)],
    );
    let outcome = ok(&e);
    assert_eq!(
        outcome.elected_at().expect("declared"),
        ElectedAt::SimpleMajority
    );
    assert_eq!(outcome.winner().cloned().expect("declared"), id("ann"));
    assert_eq!(outcome.margin(), Some(Votes(1)));
    assert_eq!(outcome.threshold, None);
    assert_eq!(
        statuses(&outcome),
        [("ann", Status::Elected), ("bob", Status::Defeated)]
    );
}

#[test]
fn two_candidates_level_need_the_lot() {
    let mut e = sv(
        &["ann", "bob"],
        vec![totals(&[("ann", 10), ("bob", 10)], None)],
    );
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::TieNeedsLot {
            tied: vec![id("ann"), id("bob")],
            at: Votes(10)
        }]
    );
    e.lot = Some(id("bob"));
    let outcome = ok(&e);
    assert_eq!(outcome.winner().cloned().expect("declared"), id("bob"));
    assert!(outcome.decision().expect("declared").by_lot);
    assert_eq!(outcome.margin(), Some(Votes(0)));
}

#[test]
fn first_past_the_post_elects_the_most_votes_with_many_candidates() {
    let e = election(
        System::FirstPastThePost,
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 30), ("bob", 40), ("cat", 35)], None)],
    );
    let outcome = ok(&e);
    assert_eq!(
        outcome.elected_at().expect("declared"),
        ElectedAt::SimpleMajority
    );
    assert_eq!(outcome.winner().cloned().expect("declared"), id("bob"));
    assert_eq!(outcome.overall.non_transferable, None);
}

#[test]
fn first_past_the_post_has_no_second_count() {
    let e = election(
        System::FirstPastThePost,
        &["ann", "bob", "cat"],
        vec![totals(
            &[("ann", 30), ("bob", 40), ("cat", 35)],
            Some(&[("bob", 1)]),
        )],
    );
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::SecondNotNeeded {
            area: 0,
            why: NoSecondCount::FirstPastThePost
        }]
    );
}

#[test]
fn more_than_half_wins_at_the_first_count() {
    let e = sv(
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 51), ("bob", 30), ("cat", 19)], None)],
    );
    let outcome = ok(&e);
    assert_eq!(
        outcome.elected_at().expect("declared"),
        ElectedAt::FirstCount
    );
    assert_eq!(outcome.threshold, Some(Votes(51)));
    assert_eq!(outcome.margin(), Some(Votes(21)));
    assert_eq!(outcome.overall.non_transferable, None);
    assert!(
        statuses(&outcome)
            .iter()
            .skip(1)
            .all(|(_, s)| *s == Status::Defeated)
    );
}

#[test]
fn exactly_half_is_not_enough() {
    let first = [("ann", 50), ("bob", 30), ("cat", 20)];
    let e = sv(
        &["ann", "bob", "cat"],
        vec![totals(&first, Some(&[("ann", 5), ("bob", 10)]))],
    );
    let outcome = ok(&e);
    assert_eq!(
        outcome.elected_at().expect("declared"),
        ElectedAt::SecondCount
    );
    assert_eq!(outcome.threshold, Some(Votes(51)));
    assert_eq!(outcome.winner().cloned().expect("declared"), id("ann"));
    assert_eq!(
        outcome.overall.candidate(&id("ann")).unwrap().total,
        Some(Votes(55))
    );
    assert_eq!(outcome.overall.non_transferable, Some(Votes(5)));
}

#[test]
fn with_an_odd_total_half_rounds_up_to_the_threshold() {
    // 101 valid: 51 is more than half, 50 is not.
    let e = sv(
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 51), ("bob", 49), ("cat", 1)], None)],
    );
    assert_eq!(
        ok(&e).elected_at().expect("declared"),
        ElectedAt::FirstCount
    );
    let e = sv(
        &["ann", "bob", "cat"],
        vec![totals(
            &[("ann", 50), ("bob", 49), ("cat", 2)],
            Some(&[("ann", 0), ("bob", 2)]),
        )],
    );
    let outcome = ok(&e);
    assert_eq!(
        outcome.elected_at().expect("declared"),
        ElectedAt::SecondCount
    );
    assert_eq!(
        outcome.winner().cloned().expect("declared"),
        id("bob"),
        "51 beats 50 after transfers"
    );
}

#[test]
fn two_leaders_remain_and_the_rest_are_eliminated_at_once() {
    let e = sv(
        &["ann", "bob", "cat", "dan"],
        vec![totals(
            &[("ann", 40), ("bob", 30), ("cat", 20), ("dan", 10)],
            Some(&[("ann", 5), ("bob", 20)]),
        )],
    );
    let outcome = ok(&e);
    assert_eq!(outcome.remaining(), [&id("bob"), &id("ann")]);
    assert_eq!(outcome.winner().cloned().expect("declared"), id("bob"));
    assert_eq!(
        statuses(&outcome),
        [
            ("bob", Status::Elected),
            ("ann", Status::Remained),
            ("cat", Status::Eliminated),
            ("dan", Status::Eliminated)
        ]
    );
    assert_eq!(outcome.overall.non_transferable, Some(Votes(5)));
    assert_eq!(outcome.overall.second_count_total(), Some(Votes(95)));
    assert_eq!(outcome.margin(), Some(Votes(5)));
}

#[test]
fn a_tie_for_second_place_keeps_every_tied_candidate() {
    // A > B = C: all three remain.
    let e = sv(
        &["ann", "bob", "cat", "dan"],
        vec![ballots(&[
            ("ann", None, 40),
            ("bob", None, 25),
            ("cat", None, 25),
            ("dan", Some("cat"), 7),
            ("dan", Some("bob"), 3),
        ])],
    );
    let outcome = ok(&e);
    assert_eq!(outcome.remaining().len(), 3);
    assert_eq!(outcome.winner().cloned().expect("declared"), id("ann"));
    assert_eq!(
        outcome.overall.candidate(&id("cat")).unwrap().total,
        Some(Votes(32))
    );
    assert_eq!(
        outcome.overall.candidate(&id("dan")).unwrap().status,
        Status::Eliminated
    );
}

#[test]
fn a_tie_for_first_place_keeps_just_the_two() {
    // A = B > C: only A and B remain.
    let e = sv(
        &["ann", "bob", "cat"],
        vec![ballots(&[
            ("ann", None, 40),
            ("bob", None, 40),
            ("cat", Some("bob"), 20),
        ])],
    );
    let outcome = ok(&e);
    assert_eq!(outcome.remaining(), [&id("bob"), &id("ann")]);
    assert_eq!(outcome.winner().cloned().expect("declared"), id("bob"));
}

#[test]
fn three_tied_at_the_top_all_remain() {
    let e = sv(
        &["ann", "bob", "cat", "dan"],
        vec![ballots(&[
            ("ann", None, 30),
            ("bob", None, 30),
            ("cat", None, 30),
            ("dan", Some("cat"), 9),
        ])],
    );
    let outcome = ok(&e);
    assert_eq!(outcome.remaining().len(), 3);
    assert_eq!(outcome.winner().cloned().expect("declared"), id("cat"));
}
