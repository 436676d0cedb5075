//! The comparison's rules, on small elections written briefly.

use proptest::prelude::*;

use super::*;
use crate::content::{ElectionEntry, Loaded};
use crate::count::count;
use crate::model::{Area, AreaVotes, Date, Party, ResultStatus, System};

/// A candidate: id, party id, person id.
type Stand<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

/// An area: id, and first preferences in the order of the candidates; no
/// figures means awaited (only while counting).
type Place<'a> = (&'a str, &'a [u64]);

fn elect(date: &str, stands: &[Stand], places: &[Place], status: ResultStatus) -> Loaded {
    let mut parties: Vec<Party> = Vec::new();
    for (_, party, _) in stands {
        if let Some(party) = party
            && !parties.iter().any(|p| p.id.as_str() == *party)
        {
            parties.push(Party {
                id: PartyId::new(party).unwrap(),
                name: format!("{party} party"),
                colour: None,
            });
        }
    }
    let candidates: Vec<Candidate> = stands
        .iter()
        .map(|(id, party, person)| Candidate {
            id: CandidateId::new(id).unwrap(),
            name: id.to_uppercase(),
            party: party.map(|p| PartyId::new(p).unwrap()),
            person: person.map(|p| PersonId::new(p).unwrap()),
            ballot: None,
            description: None,
        })
        .collect();
    let areas = places
        .iter()
        .map(|(id, votes)| Area {
            id: AreaId::new(id).unwrap(),
            name: id.to_uppercase(),
            electorate: None,
            ballots_counted: None,
            rejected: None,
            rejected_second: None,
            votes: if votes.is_empty() {
                AreaVotes::Awaiting
            } else {
                AreaVotes::Totals {
                    first: candidates
                        .iter()
                        .zip(votes.iter())
                        .map(|(c, v)| (c.id.clone(), Votes(*v)))
                        .collect(),
                    second: None,
                }
            },
            tile: None,
            reported_at: None,
            verified: None,
        })
        .collect();
    let election = Election {
        election_id: None,
        title: format!("Election of {date}"),
        office: "Mayor".into(),
        authority: None,
        date: Date::parse(date).unwrap(),
        system: System::FirstPastThePost,
        status,
        source: None,
        turnout_percent: None,
        parties,
        candidates,
        areas,
        declared: None,
        lot: None,
        previous: None,
        returning_officer: None,
    };
    let outcome = count(&election).expect("a countable election");
    Loaded {
        election,
        outcome,
        warnings: Vec::new(),
    }
}

pub(super) fn declared(date: &str, stands: &[Stand], places: &[Place]) -> Loaded {
    elect(date, stands, places, ResultStatus::Declared)
}

pub(super) fn counted(loaded: &Loaded) -> Counted<'_> {
    Counted::new(&loaded.election, &loaded.outcome)
}

pub(super) fn verdict_of(now: &Loaded, before: &Loaded) -> Option<String> {
    let comparison = compare(counted(now), counted(before)).expect("comparable");
    comparison
        .verdict
        .map(|v| v.headline().unwrap_or_else(|| v.key().to_owned()))
}

/// Each line's name, share as shown and change as shown.
pub(super) fn lines(shares: &Shares) -> Vec<(String, String, String)> {
    shares
        .lines
        .iter()
        .map(|l| {
            let change = match l.change() {
                Some(c) => c.to_string(),
                None if l.not_compared => "not compared".to_owned(),
                None => "new".to_owned(),
            };
            (l.name.clone(), l.share.to_string(), change)
        })
        .collect()
}

const CON_LAB: &[Stand] = &[("a", Some("con"), None), ("b", Some("lab"), None)];

#[test]
fn the_same_party_winning_again_is_a_hold() {
    let before = declared("2017-05-04", CON_LAB, &[("x", &[60, 40])]);
    let now = declared("2021-05-06", CON_LAB, &[("x", &[55, 45])]);
    assert_eq!(verdict_of(&now, &before).as_deref(), Some("con party HOLD"));
    let comparison = compare(counted(&now), counted(&before)).unwrap();
    assert_eq!(
        lines(&comparison.overall.unwrap()),
        [
            ("con party".into(), "55.0%".into(), "\u{2212}5.0".into()),
            ("lab party".into(), "45.0%".into(), "+5.0".into()),
        ]
    );
}

#[test]
fn another_party_winning_is_a_gain_from_the_previous_winners() {
    let before = declared("2017-05-04", CON_LAB, &[("x", &[60, 40])]);
    let now = declared("2021-05-06", CON_LAB, &[("x", &[40, 60])]);
    assert_eq!(
        verdict_of(&now, &before).as_deref(),
        Some("lab party GAIN from con party")
    );
}

#[test]
fn independents_compare_only_as_the_same_person() {
    let same = [("a", None, Some("pat")), ("b", Some("lab"), None)];
    let before = declared("2017-05-04", &same, &[("x", &[60, 40])]);
    // Another candidate id, the same profile: the same person.
    let again = [("pat-again", None, Some("pat")), ("b", Some("lab"), None)];
    let now = declared("2021-05-06", &again, &[("x", &[70, 30])]);
    assert_eq!(
        verdict_of(&now, &before).as_deref(),
        Some("PAT-AGAIN (Independent) HOLD")
    );
    let comparison = compare(counted(&now), counted(&before)).unwrap();
    assert_eq!(lines(&comparison.overall.unwrap())[0].2, "+10.0");

    // Another person, even of the same name, is new: two profiles are two
    // people.
    let stands = [("a", None, Some("sam")), ("b", Some("lab"), None)];
    let now = declared("2021-05-06", &stands, &[("x", &[70, 30])]);
    assert_eq!(
        verdict_of(&now, &before).as_deref(),
        Some("A (Independent) GAIN from A (Independent)")
    );
    let overall = compare(counted(&now), counted(&before))
        .unwrap()
        .overall
        .unwrap();
    assert_eq!(lines(&overall)[0].2, "new");
    assert_eq!(overall.gone.len(), 1, "Pat did not stand");
}

#[test]
fn a_party_that_did_not_stand_is_listed_with_its_share_last_time() {
    let three = [
        ("a", Some("con"), None),
        ("b", Some("lab"), None),
        ("c", Some("ukip"), None),
    ];
    let before = declared("2017-05-04", &three, &[("x", &[50, 30, 20])]);
    let now = declared("2021-05-06", CON_LAB, &[("x", &[55, 45])]);
    let overall = compare(counted(&now), counted(&before))
        .unwrap()
        .overall
        .unwrap();
    assert_eq!(overall.gone.len(), 1);
    assert_eq!(overall.gone[0].name, "ukip party");
    assert_eq!(overall.gone[0].share.to_string(), "20.0%");
    assert!(overall.lines.iter().all(|l| l.name != "ukip party"));
}

#[test]
fn a_new_party_has_no_change() {
    let before = declared("2017-05-04", CON_LAB, &[("x", &[60, 40])]);
    let with_green = [
        ("a", Some("con"), None),
        ("b", Some("lab"), None),
        ("c", Some("green"), None),
    ];
    let now = declared("2021-05-06", &with_green, &[("x", &[50, 30, 20])]);
    let overall = compare(counted(&now), counted(&before))
        .unwrap()
        .overall
        .unwrap();
    let green = overall.lines.iter().find(|l| l.name == "green party");
    assert_eq!(green.map(|l| (l.before, l.change())), Some((None, None)));
    assert!(overall.gone.is_empty());
}

#[test]
fn areas_compare_only_where_both_elections_have_the_area() {
    let before = declared("2017-05-04", CON_LAB, &[("x", &[60, 40]), ("y", &[50, 50])]);
    // `y` is gone, `z` is new, and `x` has moved.
    let now = declared("2021-05-06", CON_LAB, &[("z", &[10, 90]), ("x", &[70, 30])]);
    let (now, before) = (counted(&now), counted(&before));
    assert_eq!(area(now, before, 0), None);
    let x = area(now, before, 1).expect("x is in both");
    assert_eq!(
        lines(&x)[0],
        ("con party".into(), "70.0%".into(), "+10.0".into())
    );
    let all = areas(now, before);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].0, all[0].1.as_str()), (1, "x"));
    assert_eq!(all[0].2, x);
}

#[test]
fn while_counting_there_is_no_verdict_and_every_share_is_provisional() {
    let before = declared("2017-05-04", CON_LAB, &[("x", &[60, 40]), ("y", &[50, 50])]);
    let now = elect(
        "2021-05-06",
        CON_LAB,
        &[("x", &[30, 70]), ("y", &[])],
        ResultStatus::Counting,
    );
    let comparison = compare(counted(&now), counted(&before)).unwrap();
    assert_eq!(comparison.verdict, None);
    assert_eq!(comparison.overall, None);
    assert!(comparison.provisional);
    let (now, before) = (counted(&now), counted(&before));
    assert!(area(now, before, 0).is_some(), "x is in");
    assert_eq!(area(now, before, 1), None, "y is awaited");
}

#[test]
fn a_previous_election_still_counting_or_uncontested_gives_no_comparison() {
    let now = declared("2021-05-06", CON_LAB, &[("x", &[60, 40])]);
    let counting = elect(
        "2017-05-04",
        CON_LAB,
        &[("x", &[60, 40]), ("y", &[])],
        ResultStatus::Counting,
    );
    let unopposed = declared("2017-05-04", &[("a", Some("con"), None)], &[]);
    for before in [&counting, &unopposed] {
        assert_eq!(compare(counted(&now), counted(before)), None);
        assert_eq!(area(counted(&now), counted(before), 0), None);
        assert!(areas(counted(&now), counted(before)).is_empty());
    }
}

#[test]
fn turnout_changes_only_when_both_declared_one() {
    let mut before = declared("2017-05-04", CON_LAB, &[("x", &[60, 40])]);
    let mut now = declared("2021-05-06", CON_LAB, &[("x", &[40, 60])]);
    now.election.turnout_percent = Some(36.99);
    let turnout = |now: &Loaded, before: &Loaded| {
        compare(counted(now), counted(before))
            .unwrap()
            .turnout
            .map(|t| t.change().to_string())
    };
    assert_eq!(turnout(&now, &before), None);
    before.election.turnout_percent = Some(32.9);
    assert_eq!(turnout(&now, &before).as_deref(), Some("+4.09"));
}

/// Shown shares as tenths: "40.5%" is 405.
fn tenths(shown: &str) -> i64 {
    shown
        .trim_end_matches('%')
        .replace('.', "")
        .parse()
        .unwrap()
}

/// Shown changes as tenths: "−2.5" is -25.
fn change_tenths(shown: &str) -> i64 {
    shown
        .replace('\u{2212}', "-")
        .replace(['+', '.'], "")
        .parse()
        .unwrap()
}

/// Failures' seeds are kept and replayed beside these tests, named outright
/// rather than where proptest's default would put them.
fn config() -> ProptestConfig {
    let saved = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/change/tests.proptest-regressions"
    );
    ProptestConfig {
        failure_persistence: Some(Box::new(prop::test_runner::FileFailurePersistence::Direct(
            saved,
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]
    /// A reader subtracting the shares shown gets the change shown.
    #[test]
    fn shown_changes_are_the_difference_of_shown_shares(
        before in prop::collection::vec(1u64..100_000, 2..5),
        now in prop::collection::vec(1u64..100_000, 2..5),
    ) {
        let stands: Vec<Stand> = [("a", Some("p1")), ("b", Some("p2")), ("c", Some("p3")), ("d", Some("p4"))]
            .iter()
            .map(|(id, party)| (*id, *party, None))
            .collect();
        // Ties are of no interest here: break them.
        let unique = |votes: &[u64]| -> Vec<u64> {
            votes.iter().enumerate().map(|(i, v)| v * 8 + i as u64).collect()
        };
        let (before, now) = (unique(&before), unique(&now));
        let before = declared("2017-05-04", &stands[..before.len()], &[("x", &before)]);
        let now = declared("2021-05-06", &stands[..now.len()], &[("x", &now)]);
        let comparison = compare(counted(&now), counted(&before)).unwrap();
        let overall = comparison.overall.unwrap();
        for line in &overall.lines {
            if let (Some(was), Some(change)) = (line.before, line.change()) {
                let shown = tenths(&line.share.to_string()) - tenths(&was.to_string());
                prop_assert_eq!(change_tenths(&change.to_string()), shown);
            }
        }
    }
}

fn entry(slug: &str, date: &str, office: &str, previous: Option<&str>) -> ElectionEntry {
    let mut loaded = declared(date, CON_LAB, &[("x", &[60, 40])]);
    loaded.election.office = office.into();
    loaded.election.previous = previous.map(str::to_owned);
    ElectionEntry {
        slug: slug.into(),
        loaded,
    }
}

#[test]
fn the_previous_election_is_the_latest_earlier_one_of_the_office_unless_named() {
    let site = vec![
        entry("d-2025", "2025-05-01", "Mayor", None),
        entry("c-2021", "2021-05-06", "Mayor", Some("a-2013")),
        entry("b-2017", "2017-05-04", "Mayor", None),
        entry("other-2016", "2016-05-05", "Mayor of Elsewhere", None),
        entry("a-2013", "2013-05-02", "Mayor", None),
        entry(
            "renamed-2024",
            "2024-05-02",
            "Mayor of Elsewhere and More",
            Some("other-2016"),
        ),
    ];
    let resolved = resolve(&site);
    let previous = |slug| resolved.of(slug).map(|e| e.slug.as_str());
    assert_eq!(previous("d-2025"), Some("c-2021"));
    assert_eq!(previous("c-2021"), Some("a-2013"), "as named");
    assert_eq!(previous("b-2017"), Some("a-2013"));
    assert_eq!(previous("a-2013"), None);
    assert_eq!(previous("other-2016"), None);
    assert_eq!(
        previous("renamed-2024"),
        Some("other-2016"),
        "another office, named"
    );
    assert!(site.iter().all(|e| problem(&site, e).is_none()));
}

#[test]
fn a_previous_that_is_unknown_itself_or_not_earlier_is_a_problem() {
    let mut site = vec![
        entry("b-2021", "2021-05-06", "Mayor", None),
        entry("a-2017", "2017-05-04", "Mayor", None),
        entry("same-day", "2017-05-04", "Mayor", None),
    ];
    let with = |site: &mut Vec<ElectionEntry>, previous: &str| {
        site[1].loaded.election.previous = Some(previous.to_owned());
        problem(site, &site[1])
    };
    assert_eq!(with(&mut site, "a-2071"), Some(PreviousProblem::Unknown));
    assert_eq!(with(&mut site, "a-2017"), Some(PreviousProblem::Itself));
    let later = Date::parse("2021-05-06").unwrap();
    assert_eq!(
        with(&mut site, "b-2021"),
        Some(PreviousProblem::NotEarlier { date: later })
    );
    let same = Date::parse("2017-05-04").unwrap();
    assert_eq!(
        with(&mut site, "same-day"),
        Some(PreviousProblem::NotEarlier { date: same })
    );
    // None of them is taken: the office's latest earlier election is not
    // looked for either, since loading refuses the site.
    assert!(resolve(&site).of("a-2017").is_none());
}

/// Other tools read the verdict's names: each must be the one documented.
#[test]
fn the_verdicts_in_open_data_are_the_documented_ones() {
    let docs = include_str!("../../docs/open-data.md");
    let row = docs
        .lines()
        .find(|line| line.starts_with("| `change.verdict` |"))
        .expect("docs/open-data.md documents change.verdict");
    let named: Vec<&str> = row
        .split('`')
        .skip(3)
        .step_by(2)
        .filter(|n| *n != "null")
        .collect();
    let side = Side::Party(PartyId::new("red").unwrap());
    let hold = Verdict::Hold {
        side: side.clone(),
        name: "Red".into(),
    };
    let gain = Verdict::Gain {
        side: side.clone(),
        name: "Red".into(),
        from: side.clone(),
        from_name: "Blue".into(),
    };
    let not_compared = Verdict::NotCompared {
        side,
        name: "Bob Birch (Independent)".into(),
    };
    assert_eq!(named, [hold.key(), gain.key(), not_compared.key()]);
}
