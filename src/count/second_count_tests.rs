//! The counting rules, one by one: the second count, issues in the data, and
//! how tallies add up and are ordered.

use super::builder::{ballots, id, ok, sv, totals};
use super::*;
use crate::model::{CandidateId, Votes};

#[test]
fn only_ballots_whose_first_choice_was_eliminated_transfer() {
    let e = sv(
        &["ann", "bob", "cat"],
        vec![ballots(&[
            // Remaining first choices never transfer, whatever the second.
            ("ann", Some("bob"), 40),
            ("bob", Some("ann"), 35),
            ("cat", Some("bob"), 10),
            ("cat", Some("ann"), 4),
            ("cat", None, 6),
            // A second preference for the same candidate never counts.
            ("cat", Some("cat"), 5),
        ])],
    );
    let outcome = ok(&e);
    let overall = &outcome.overall;
    assert_eq!(
        overall.candidate(&id("ann")).unwrap().transfers,
        Some(Votes(4))
    );
    assert_eq!(
        overall.candidate(&id("bob")).unwrap().transfers,
        Some(Votes(10))
    );
    assert_eq!(
        overall.candidate(&id("ann")).unwrap().total,
        Some(Votes(44))
    );
    assert_eq!(
        overall.candidate(&id("bob")).unwrap().total,
        Some(Votes(45))
    );
    assert_eq!(overall.non_transferable, Some(Votes(11)));
    assert_eq!(outcome.winner().cloned().expect("declared"), id("bob"));
    assert!(outcome.has_second_count());
}

#[test]
fn a_second_preference_for_another_eliminated_candidate_is_non_transferable() {
    let e = sv(
        &["ann", "bob", "cat", "dan"],
        vec![ballots(&[
            ("ann", None, 40),
            ("bob", None, 30),
            ("cat", Some("dan"), 20),
            ("dan", Some("cat"), 5),
        ])],
    );
    let outcome = ok(&e);
    assert_eq!(outcome.overall.non_transferable, Some(Votes(25)));
    assert_eq!(outcome.overall.transfers(), Some(Votes(0)));
}

#[test]
fn a_final_tie_is_decided_by_lot() {
    let mut e = sv(
        &["ann", "bob", "cat"],
        vec![ballots(&[
            ("ann", None, 40),
            ("bob", None, 35),
            ("cat", Some("bob"), 5),
        ])],
    );
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::TieNeedsLot {
            tied: vec![id("ann"), id("bob")],
            at: Votes(40)
        }]
    );
    e.lot = Some(id("cat"));
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::LotNotTied {
            lot: id("cat"),
            tied: vec![id("ann"), id("bob")]
        }]
    );
    e.lot = Some(id("bob"));
    let outcome = ok(&e);
    assert_eq!(outcome.winner().cloned().expect("declared"), id("bob"));
    assert!(outcome.decision().expect("declared").by_lot);
    assert_eq!(
        outcome.overall.candidates[0].id,
        id("bob"),
        "the winner is listed first"
    );
}

#[test]
fn a_lot_without_a_tie_is_an_issue() {
    let mut e = sv(
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 60), ("bob", 30), ("cat", 10)], None)],
    );
    e.lot = Some(id("ann"));
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::LotWithoutTie { lot: id("ann") }]
    );
}

#[test]
fn second_preferences_must_match_who_remained() {
    let first = [("ann", 40), ("bob", 35), ("cat", 25)];
    let e = sv(&["ann", "bob", "cat"], vec![totals(&first, None)]);
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::SecondMissing {
            area: 0,
            remaining: vec![id("ann"), id("bob")]
        }]
    );
    let e = sv(
        &["ann", "bob", "cat"],
        vec![totals(&first, Some(&[("ann", 1), ("cat", 2)]))],
    );
    assert_eq!(
        count(&e).unwrap_err(),
        [
            CountIssue::SecondForEliminated {
                area: 0,
                candidate: id("cat"),
                remaining: vec![id("ann"), id("bob")]
            },
            CountIssue::SecondLeavesOut {
                area: 0,
                candidate: id("bob")
            }
        ]
    );
}

#[test]
fn transfers_cannot_exceed_the_eliminated_first_preferences() {
    let e = sv(
        &["ann", "bob", "cat"],
        vec![totals(
            &[("ann", 40), ("bob", 35), ("cat", 25)],
            Some(&[("ann", 20), ("bob", 6)]),
        )],
    );
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::TransfersExceedEliminated {
            area: 0,
            transfers: Votes(26),
            eliminated_first: Votes(25)
        }]
    );
}

#[test]
fn second_given_after_a_first_count_win_is_an_issue() {
    let e = sv(
        &["ann", "bob", "cat"],
        vec![totals(
            &[("ann", 60), ("bob", 30), ("cat", 10)],
            Some(&[("ann", 1), ("bob", 2)]),
        )],
    );
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::SecondNotNeeded {
            area: 0,
            why: NoSecondCount::WonAtFirstCount
        }]
    );
}

#[test]
fn areas_add_up_to_the_whole_and_keep_their_own_figures() {
    let e = sv(
        &["ann", "bob", "cat"],
        vec![
            totals(
                &[("ann", 30), ("bob", 10), ("cat", 15)],
                Some(&[("ann", 5), ("bob", 4)]),
            ),
            ballots(&[
                ("ann", None, 10),
                ("bob", None, 30),
                ("cat", Some("bob"), 3),
                ("cat", None, 2),
            ]),
        ],
    );
    let outcome = ok(&e);
    assert_eq!(outcome.overall.valid_first, Votes(100));
    assert_eq!(
        outcome.winner().cloned().expect("declared"),
        id("bob"),
        "47 against 45"
    );
    let [north, south] = &outcome.areas[..] else {
        panic!()
    };
    assert_eq!(north.tally.non_transferable, Some(Votes(6)));
    // An area lists its own leader first, even if they lost overall.
    let north_order: Vec<&str> = north
        .tally
        .candidates
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(north_order, ["ann", "bob", "cat"]);
    assert_eq!(outcome.overall.candidates[0].id, id("bob"));
    assert_eq!(south.tally.non_transferable, Some(Votes(2)));
    assert_eq!(south.tally.first_leaders(), [&id("bob")]);
    assert_eq!(outcome.overall.non_transferable, Some(Votes(8)));
    // Mixed data: no first-by-second table for the whole election.
    assert!(outcome.overall.first_by_second.is_none());
    assert!(south.tally.first_by_second.is_some());
}

#[test]
fn ballots_give_a_first_by_second_table() {
    let e = sv(
        &["ann", "bob", "cat"],
        vec![ballots(&[
            ("ann", Some("bob"), 40),
            ("bob", None, 35),
            ("cat", Some("bob"), 10),
            ("cat", Some("cat"), 3),
            ("cat", None, 2),
        ])],
    );
    let outcome = ok(&e);
    let table = outcome.overall.first_by_second.unwrap();
    let cat = table.rows.iter().find(|r| r.first == id("cat")).unwrap();
    assert_eq!(
        cat.seconds,
        [
            (Some(id("bob")), Votes(10)),
            (Some(id("ann")), Votes(0)),
            (None, Votes(5))
        ]
    );
    let ann = table.rows.iter().find(|r| r.first == id("ann")).unwrap();
    assert_eq!(ann.seconds[0], (Some(id("bob")), Votes(40)));
}

#[test]
fn results_are_ordered_by_status_then_votes_then_id() {
    let e = sv(
        &["zed", "amy", "bob", "cat"],
        vec![ballots(&[
            ("zed", None, 10),
            ("amy", None, 10),
            ("bob", None, 30),
            ("cat", Some("bob"), 31),
        ])],
    );
    let outcome = ok(&e);
    let order: Vec<&str> = outcome
        .overall
        .candidates
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(order, ["cat", "bob", "amy", "zed"]);
}

#[test]
fn an_election_with_no_candidates_is_an_issue_not_a_panic() {
    assert_eq!(
        count(&sv(&[], vec![])).unwrap_err(),
        [CountIssue::NoCandidates]
    );
}

#[test]
fn no_votes_at_all_is_an_issue_not_a_tie_for_the_lot() {
    let e = sv(&["ann", "bob", "cat"], vec![ballots(&[])]);
    assert_eq!(count(&e).unwrap_err(), [CountIssue::NoVotes]);
    let mut with_lot = e.clone();
    with_lot.lot = Some(CandidateId::new("ann").unwrap());
    assert_eq!(count(&with_lot).unwrap_err(), [CountIssue::NoVotes]);
}

#[test]
fn an_area_with_no_votes_has_no_leader() {
    let e = sv(
        &["ann", "bob", "cat"],
        vec![
            totals(&[("ann", 60), ("bob", 30), ("cat", 10)], None),
            totals(&[("ann", 0), ("bob", 0), ("cat", 0)], None),
        ],
    );
    let outcome = ok(&e);
    assert!(outcome.areas[1].tally.first_leaders().is_empty());
    assert_eq!(outcome.areas[0].tally.first_leaders(), [&id("ann")]);
}

#[test]
fn an_area_where_the_eliminated_had_no_votes_still_gives_its_second_count() {
    // Cat is eliminated overall but had no votes in the second area: its
    // second count is still part of the count, and must be given (as zeros).
    let e = sv(
        &["ann", "bob", "cat"],
        vec![
            totals(
                &[("ann", 40), ("bob", 35), ("cat", 25)],
                Some(&[("ann", 10), ("bob", 5)]),
            ),
            totals(&[("ann", 20), ("bob", 20), ("cat", 0)], None),
        ],
    );
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::SecondMissing {
            area: 1,
            remaining: vec![id("ann"), id("bob")],
        }]
    );
}

#[test]
fn with_everyone_level_for_second_nobody_is_eliminated_and_no_second_is_needed() {
    // Ann 50 of 100 is not more than half; Bob and Cat tie for second, so all
    // three remain, nobody's papers transfer, and no area needs `second`.
    let e = sv(
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 50), ("bob", 25), ("cat", 25)], None)],
    );
    let outcome = ok(&e);
    assert_eq!(outcome.remaining().len(), 3);
    assert_eq!(outcome.elected_at(), Some(ElectedAt::SecondCount));
    assert_eq!(outcome.winner(), Some(&id("ann")));
    assert_eq!(outcome.overall.non_transferable, Some(Votes::ZERO));
}
