//! Real declarations and hand-worked fixtures, loaded from disk and counted.

use std::path::{Path, PathBuf};

use psephos::count::{ElectedAt, Status};
use psephos::load::{Loaded, load_election};
use psephos::model::{CandidateId, Votes};

fn dir(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn load(relative: &str) -> Loaded {
    load_election(&dir(relative)).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors.iter().map(|e| e.render()).collect();
        panic!("{relative}:\n{}", shown.join("\n"))
    })
}

fn id(s: &str) -> CandidateId {
    CandidateId::new(s).unwrap()
}

#[test]
fn cambridgeshire_and_peterborough_2017_counts_as_declared() {
    let loaded = load("content/elections/2017-cambridgeshire-peterborough-mayor");
    let outcome = &loaded.outcome;
    let overall = &outcome.overall;
    assert_eq!(
        outcome.winner().cloned().expect("declared"),
        id("james-palmer")
    );
    assert_eq!(
        outcome.elected_at().expect("declared"),
        ElectedAt::SecondCount
    );
    assert!(!outcome.decision().expect("declared").by_lot);
    assert_eq!(overall.valid_first, Votes(200_378));
    assert_eq!(outcome.threshold, Some(Votes(100_190)));
    let palmer = overall.candidate(&id("james-palmer")).unwrap();
    assert_eq!(
        (palmer.first, palmer.transfers, palmer.total),
        (Votes(76_064), Some(Votes(12_762)), Some(Votes(88_826)))
    );
    let cantrill = overall.candidate(&id("rod-cantrill")).unwrap();
    assert_eq!(
        (
            cantrill.first,
            cantrill.transfers,
            cantrill.total,
            cantrill.status
        ),
        (
            Votes(47_026),
            Some(Votes(20_179)),
            Some(Votes(67_205)),
            Status::Remained
        )
    );
    assert_eq!(overall.non_transferable, Some(Votes(44_347)));
    let eliminated: Votes = overall
        .candidates
        .iter()
        .filter(|c| c.status == Status::Eliminated)
        .map(|c| c.first)
        .sum();
    assert_eq!(eliminated, Votes(77_288));
    assert_eq!(outcome.margin(), Some(Votes(21_621)));
    let cambridge = &outcome.areas[0];
    assert_eq!(cambridge.id.as_str(), "cambridge");
    assert_eq!(cambridge.tally.valid_first, Votes(36_191));
    assert_eq!(cambridge.tally.first_leaders(), [&id("rod-cantrill")]);
    let palmer_there = cambridge.tally.candidate(&id("james-palmer")).unwrap();
    assert_eq!(palmer_there.total, Some(Votes(6_627)));
    let cantrill_there = cambridge.tally.candidate(&id("rod-cantrill")).unwrap();
    assert_eq!(cantrill_there.total, Some(Votes(19_957)));
}

#[test]
fn every_real_declaration_counts_to_its_declared_result() {
    let root = dir("tests/fixtures/real");
    let mut seen = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        let loaded = load_election(&path).unwrap_or_else(|errors| {
            panic!("{}: {}", path.display(), errors[0].render());
        });
        // Loading already checks `declared` against the count; make sure
        // there was a declaration to check.
        let declared = loaded.election.declared.as_ref().expect("declared result");
        assert_eq!(
            declared.winner.as_ref(),
            Some(&loaded.outcome.winner().cloned().expect("declared"))
        );
        assert!(!declared.totals.is_empty(), "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 5, "only {seen} real declarations");
}

#[test]
fn real_declarations_cover_both_kinds_of_sv_win() {
    let manchester = load("tests/fixtures/real/2017-greater-manchester-mayor");
    assert_eq!(
        manchester.outcome.elected_at().expect("declared"),
        ElectedAt::FirstCount
    );
    assert_eq!(
        manchester.outcome.winner().cloned().expect("declared"),
        id("andy-burnham")
    );
    let west_midlands = load("tests/fixtures/real/2017-west-midlands-mayor");
    assert_eq!(
        west_midlands.outcome.elected_at().expect("declared"),
        ElectedAt::SecondCount
    );
    assert_eq!(west_midlands.outcome.margin(), Some(Votes(3_766)));
}

#[test]
fn ballots_from_csv_inline_and_totals_combine() {
    let loaded = load("tests/fixtures/valid/ballots-mixed");
    let outcome = &loaded.outcome;
    assert_eq!(outcome.winner().cloned().expect("declared"), id("bob"));
    assert_eq!(outcome.overall.valid_first, Votes(930));
    assert_eq!(outcome.overall.non_transferable, Some(Votes(55)));
    let north = &outcome.areas[0].tally;
    assert_eq!(north.non_transferable, Some(Votes(40)));
    let table = north
        .first_by_second
        .as_ref()
        .expect("ballot data has a table");
    let cat = table.rows.iter().find(|r| r.first == id("cat")).unwrap();
    assert_eq!(
        cat.seconds,
        // In the area's own order: Ann led in North.
        [
            (Some(id("ann")), Votes(40)),
            (Some(id("bob")), Votes(25)),
            (None, Votes(40))
        ]
    );
    let east = &loaded.election.areas[2];
    assert_eq!(east.rejected.as_ref().unwrap().total(), Votes(5));
    assert!(
        outcome.overall.first_by_second.is_none(),
        "east has totals only"
    );
}

#[test]
fn an_uncontested_election_has_no_votes() {
    let loaded = load("tests/fixtures/valid/uncontested");
    assert_eq!(
        loaded.outcome.elected_at().expect("declared"),
        ElectedAt::Uncontested
    );
    assert_eq!(loaded.outcome.overall.valid_first, Votes::ZERO);
}

#[test]
fn a_final_tie_is_settled_by_the_recorded_lot() {
    let loaded = load("tests/fixtures/valid/decided-by-lot");
    assert!(loaded.outcome.decision().expect("declared").by_lot);
    assert_eq!(
        loaded.outcome.winner().cloned().expect("declared"),
        id("bob")
    );
}
