//! Independents of the same name not linked to one person: neither new nor
//! gone, and never a GAIN from themselves.

use super::tests::{counted, declared, lines, verdict_of};
use super::*;

#[test]
fn namesakes_not_linked_to_one_person_are_not_compared() {
    // Without a profile on either side, or on one side only.
    for (was, is) in [(None, None), (Some("pat"), None), (None, Some("pat"))] {
        let before = declared(
            "2017-05-04",
            &[("a", None, was), ("b", Some("lab"), None)],
            &[("x", &[60, 40])],
        );
        let now = declared(
            "2021-05-06",
            &[("a", None, is), ("b", Some("lab"), None)],
            &[("x", &[70, 30])],
        );
        let comparison = compare(counted(&now), counted(&before)).unwrap();
        assert_eq!(
            comparison.verdict,
            Some(Verdict::NotCompared {
                side: Side::of(&now.election.candidates[0]),
                name: "A (Independent)".into()
            }),
            "{was:?} {is:?}"
        );
        assert_eq!(verdict_of(&now, &before).as_deref(), Some("not-compared"));
        let overall = comparison.overall.unwrap();
        assert_eq!(lines(&overall)[0].2, "not compared");
        assert!(overall.lines[0].before.is_none());
        assert!(overall.gone.is_empty(), "A is not said to have stood down");
        assert_eq!(overall.not_compared.len(), 1);
        assert_eq!(overall.not_compared[0].independent.as_deref(), Some("A"));
        assert_eq!(overall.not_compared[0].share.to_string(), "60.0%");
    }
}

#[test]
fn names_match_trimmed_in_any_case_and_only_between_independents() {
    let mut before = declared(
        "2017-05-04",
        &[("a", None, None), ("b", Some("lab"), None)],
        &[("x", &[60, 40])],
    );
    let mut now = declared(
        "2021-05-06",
        &[("a", None, None), ("b", Some("lab"), None)],
        &[("x", &[70, 30])],
    );
    before.election.candidates[0].name = "Bob Birch".into();
    now.election.candidates[0].name = " bob BIRCH ".into();
    assert_eq!(verdict_of(&now, &before).as_deref(), Some("not-compared"));
    // Another name: another person, a GAIN, and the other stood down.
    now.election.candidates[0].name = "Bob Beech".into();
    assert_eq!(
        verdict_of(&now, &before).as_deref(),
        Some("Bob Beech (Independent) GAIN from Bob Birch (Independent)")
    );
    let overall = compare(counted(&now), counted(&before))
        .unwrap()
        .overall
        .unwrap();
    assert_eq!(lines(&overall)[0].2, "new");
    assert_eq!(overall.gone.len(), 1);
    assert!(overall.not_compared.is_empty());
    // A party's candidate of the same name is a party, not a namesake.
    now.election.candidates[0].name = "Bob Birch".into();
    let lab = &before.election.candidates[1];
    assert!(!unlinked_namesakes(&now.election.candidates[0], lab));
    let mut labour = lab.clone();
    labour.name = "Bob Birch".into();
    assert!(!unlinked_namesakes(&now.election.candidates[0], &labour));
    assert!(unlinked_namesakes(
        &now.election.candidates[0],
        &before.election.candidates[0]
    ));
}
