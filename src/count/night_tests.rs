//! A count in progress: running totals, and never a winner.

use super::builder::{ballots, counting, election, id, ok, sv, totals};
use super::*;
use crate::model::{AreaId, AreaVotes, ResultStatus, System, Votes};

fn progress(outcome: &Outcome) -> &Progress {
    outcome.progress().expect("still counting")
}

fn every_status(outcome: &Outcome) -> Vec<Status> {
    outcome
        .overall
        .candidates
        .iter()
        .map(|c| c.status)
        .collect()
}

/// Three candidates, three areas. Ann leads overall; nobody has half.
fn area(n: usize) -> AreaVotes {
    match n {
        0 => totals(&[("ann", 40), ("bob", 30), ("cat", 30)], None),
        1 => totals(&[("ann", 20), ("bob", 35), ("cat", 5)], None),
        _ => totals(&[("ann", 30), ("bob", 20), ("cat", 10)], None),
    }
}

fn with_second(first: AreaVotes, second: &[(&str, u64)]) -> AreaVotes {
    match first {
        AreaVotes::Totals { first, .. } => AreaVotes::Totals {
            first,
            second: Some(second.iter().map(|(c, v)| (id(c), Votes(*v))).collect()),
        },
        other => other,
    }
}

#[test]
fn with_areas_awaited_the_totals_run_over_what_is_in_and_nobody_is_elected() {
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![area(0), AreaVotes::Awaiting, area(2)],
    ));
    let outcome = ok(&e);
    assert_eq!(outcome.winner(), None);
    assert_eq!(outcome.elected_at(), None);
    assert_eq!(outcome.margin(), None);
    assert_eq!(outcome.threshold, None, "half of what is not yet known");
    assert_eq!(progress(&outcome).phase, Phase::FirstCount);
    assert_eq!(progress(&outcome).first_reported, 2);
    assert_eq!(progress(&outcome).areas, 3);
    assert_eq!(outcome.overall.valid_first, Votes(160));
    assert_eq!(
        outcome.overall.candidate(&id("ann")).unwrap().first,
        Votes(70)
    );
    assert!(
        every_status(&outcome)
            .iter()
            .all(|s| *s == Status::Counting)
    );
    let stages: Vec<Stage> = outcome.areas.iter().map(|a| a.stage).collect();
    assert_eq!(
        stages,
        [Stage::FirstCount, Stage::Awaiting, Stage::FirstCount]
    );
}

#[test]
fn nothing_in_yet_is_a_count_at_its_start_not_an_error() {
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![AreaVotes::Awaiting, AreaVotes::Awaiting],
    ));
    let outcome = ok(&e);
    assert_eq!(progress(&outcome).first_reported, 0);
    assert_eq!(outcome.overall.valid_first, Votes::ZERO);
    // Declared, the same data is an error.
    let mut declared = e.clone();
    declared.status = ResultStatus::Declared;
    assert!(count(&declared).is_err());
}

#[test]
fn second_preferences_wait_for_every_first_count() {
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![
            with_second(area(0), &[("ann", 10), ("bob", 10)]),
            AreaVotes::Awaiting,
            area(2),
        ],
    ));
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::SecondBeforeAllFirsts {
            area: 0,
            awaiting: [AreaId::new("area-1").unwrap()].into(),
        }]
    );
}

#[test]
fn a_majority_at_the_first_count_is_not_a_declaration() {
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 60), ("bob", 30), ("cat", 10)], None)],
    ));
    let outcome = ok(&e);
    assert_eq!(outcome.winner(), None);
    assert_eq!(progress(&outcome).phase, Phase::FirstCountComplete);
    assert_eq!(outcome.threshold, Some(Votes(51)));
    assert!(
        every_status(&outcome)
            .iter()
            .all(|s| *s == Status::Counting)
    );
    // And no second count can follow it.
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![with_second(
            totals(&[("ann", 60), ("bob", 30), ("cat", 10)], None),
            &[("ann", 1), ("bob", 1)],
        )],
    ));
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::SecondNotNeeded {
            area: 0,
            why: NoSecondCount::WonAtFirstCount
        }]
    );
}

#[test]
fn the_second_count_runs_area_by_area() {
    // Ann 90, Bob 85, Cat 45: Cat is eliminated. Area 1's second count is in:
    // of Cat's 5 papers there, 1 to Ann and 3 to Bob.
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![
            area(0),
            with_second(area(1), &[("ann", 1), ("bob", 3)]),
            area(2),
        ],
    ));
    let outcome = ok(&e);
    assert_eq!(outcome.winner(), None);
    assert_eq!(progress(&outcome).phase, Phase::SecondCount { reported: 1 });
    assert_eq!(outcome.threshold, Some(Votes(111)));
    let ann = outcome.overall.candidate(&id("ann")).unwrap();
    let bob = outcome.overall.candidate(&id("bob")).unwrap();
    assert_eq!(
        (ann.first, ann.transfers, ann.total),
        (Votes(90), Some(Votes(1)), Some(Votes(91)))
    );
    assert_eq!(
        (bob.first, bob.transfers, bob.total),
        (Votes(85), Some(Votes(3)), Some(Votes(88)))
    );
    assert_eq!(
        outcome.overall.non_transferable,
        Some(Votes(1)),
        "only the reported area's papers are examined so far"
    );
    assert_eq!(ann.status, Status::InSecondCount);
    assert_eq!(
        outcome.overall.candidate(&id("cat")).unwrap().status,
        Status::Eliminated
    );
    let stages: Vec<Stage> = outcome.areas.iter().map(|a| a.stage).collect();
    assert_eq!(
        stages,
        [Stage::FirstCount, Stage::SecondCount, Stage::FirstCount]
    );
    assert_eq!(outcome.areas[0].tally.non_transferable, None);
    assert_eq!(outcome.areas[1].tally.non_transferable, Some(Votes(1)));
}

#[test]
fn every_second_count_in_is_still_not_a_declaration() {
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![
            with_second(area(0), &[("ann", 10), ("bob", 10)]),
            with_second(area(1), &[("ann", 1), ("bob", 3)]),
            with_second(area(2), &[("ann", 2), ("bob", 8)]),
        ],
    ));
    let outcome = ok(&e);
    assert_eq!(outcome.winner(), None);
    assert_eq!(progress(&outcome).phase, Phase::SecondCount { reported: 3 });
    // The same figures declared give the same totals, and a winner.
    let mut declared = e.clone();
    declared.status = ResultStatus::Declared;
    let result = ok(&declared);
    assert_eq!(result.winner(), Some(&id("bob")), "85 + 21 beats 90 + 13");
    for c in &result.overall.candidates {
        let running = outcome.overall.candidate(&c.id).unwrap();
        assert_eq!((running.first, running.total), (c.first, c.total));
    }
    assert_eq!(
        outcome.overall.non_transferable,
        result.overall.non_transferable
    );
}

#[test]
fn with_everyone_level_for_second_nobody_is_eliminated_and_no_second_count_follows() {
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 40), ("bob", 30), ("cat", 30)], None)],
    ));
    let outcome = ok(&e);
    assert_eq!(progress(&outcome).phase, Phase::FirstCountComplete);
    assert!(!outcome.has_second_count());
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![with_second(
            totals(&[("ann", 40), ("bob", 30), ("cat", 30)], None),
            &[("ann", 0), ("bob", 0), ("cat", 0)],
        )],
    ));
    assert_eq!(
        count(&e).unwrap_err(),
        [CountIssue::SecondNotNeeded {
            area: 0,
            why: NoSecondCount::NobodyEliminated
        }]
    );
}

#[test]
fn ballot_level_areas_count_their_second_preferences_once_directed() {
    let area_ballots = ballots(&[
        ("ann", None, 40),
        ("bob", Some("ann"), 30),
        ("cat", Some("bob"), 25),
        ("cat", None, 5),
    ]);
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![area_ballots.clone(), AreaVotes::Awaiting],
    ));
    let outcome = ok(&e);
    assert_eq!(outcome.areas[0].stage, Stage::FirstCount);
    let e = counting(sv(&["ann", "bob", "cat"], vec![area_ballots, area(1)]));
    let outcome = ok(&e);
    assert_eq!(progress(&outcome).phase, Phase::SecondCount { reported: 1 });
    assert_eq!(outcome.areas[0].stage, Stage::SecondCount);
    assert_eq!(outcome.overall.first_by_second, None, "not whole yet");
}

/// Once every first count is in, the running count shows the threshold the
/// declared count will use: half the valid votes for a supplementary vote
/// among three or more, and none where most votes simply wins.
#[test]
fn with_every_first_count_in_the_threshold_is_the_one_the_declaration_uses() {
    let two = sv(
        &["ann", "bob"],
        vec![totals(&[("ann", 60), ("bob", 40)], None)],
    );
    let plurality = election(
        System::FirstPastThePost,
        &["ann", "bob", "cat"],
        vec![totals(&[("ann", 40), ("bob", 35), ("cat", 25)], None)],
    );
    let three = sv(
        &["ann", "bob", "cat"],
        vec![
            with_second(area(0), &[("ann", 10), ("bob", 10)]),
            with_second(area(1), &[("ann", 2), ("bob", 2)]),
            with_second(area(2), &[("ann", 3), ("bob", 3)]),
        ],
    );
    for (declared, expected) in [(two, None), (plurality, None), (three, Some(Votes(111)))] {
        let running = ok(&counting(declared.clone())).threshold;
        assert_eq!(running, expected, "{:?}", declared.candidates);
        assert_eq!(running, ok(&declared).threshold);
    }
}

/// Loading refuses a count in progress with one candidate, but the count
/// alone still says why a second count makes no sense there.
#[test]
fn an_uncontested_count_in_progress_takes_no_second_preferences() {
    let e = counting(sv(
        &["ann"],
        vec![with_second(totals(&[("ann", 10)], None), &[("ann", 0)])],
    ));
    assert_eq!(
        count(&e),
        Err(vec![CountIssue::SecondNotNeeded {
            area: 0,
            why: NoSecondCount::Uncontested,
        }])
    );
}

#[test]
fn every_area_given_too_soon_shares_one_list_of_the_areas_awaited() {
    let e = counting(sv(
        &["ann", "bob", "cat"],
        vec![
            with_second(area(0), &[("ann", 10), ("bob", 10)]),
            AreaVotes::Awaiting,
            with_second(area(2), &[("ann", 10), ("bob", 5)]),
        ],
    ));
    let issues = count(&e).unwrap_err();
    let lists: Vec<_> = issues
        .iter()
        .filter_map(|issue| match issue {
            CountIssue::SecondBeforeAllFirsts { awaiting, .. } => Some(awaiting),
            _ => None,
        })
        .collect();
    assert_eq!(lists.len(), 2);
    assert!(std::sync::Arc::ptr_eq(lists[0], lists[1]));
}
