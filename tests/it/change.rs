//! The change since the previous election of the same office, on whole
//! sites: the example's figures against the published ones, a `previous`
//! that names no earlier election refused where it is written, and nothing
//! held or gained while a count goes on.

use std::path::Path;

use psephos::load::load_election;
use serde_json::Value;

use crate::common::{ELECTION_YAML, TestSite, words};

const EARLIER: &str = "content/elections/2022-testshire-mayor/election.yaml";
const LATER: &str = "content/elections/2026-testshire-mayor/election.yaml";
const LATER_PAGE: &str = "elections/2026-testshire-mayor/index.html";

/// 2022: Dan Dale (Blue) beats Ann Ash (Red), 600 to 400 in North and 500
/// to 500 in West; turnout 30%.
const EARLIER_YAML: &str = "\
title: 2022 Testshire mayoral election
office: Mayor of Testshire
date: 2022-05-05
system: first-past-the-post
turnout_percent: 30
parties:
  - {id: red, name: Red Party}
  - {id: blue, name: Blue Party}
candidates:
  - {id: ann-ash, name: Ann Ash, party: red, person: ann-ash}
  - {id: dan-dale, name: Dan Dale, party: blue}
areas:
  - {id: north, name: North, first: {ann-ash: 400, dan-dale: 600}}
  - {id: west, name: West, first: {ann-ash: 500, dan-dale: 500}}
";

/// The standard site with the 2022 election beside 2026's.
fn two_elections(name: &str) -> TestSite {
    let site = TestSite::standard(name);
    site.write(EARLIER, EARLIER_YAML);
    site
}

/// A page's text, tags taken out and spaces collapsed.
fn text(html: &str) -> String {
    words(html)
}

fn json(site: &TestSite, path: &str) -> Value {
    serde_json::from_str(&site.page(path)).unwrap()
}

#[test]
fn the_example_shows_the_published_changes_from_2017_to_2021() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = crate::common::temp_dir("change-example");
    let out = temp.path().join("public");
    psephos::build::build(
        root,
        &out,
        psephos::build::Overwrite::OwnOutput,
        &psephos::build::Quiet,
    )
    .unwrap();
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    let page = text(&read(
        "elections/2021-cambridgeshire-peterborough-mayor/index.html",
    ));
    for row in [
        "Conservative Party 40.5% 38.0% +2.5",
        "Labour and Co-operative Party 32.8% 18.6% +14.2",
        "Liberal Democrats 26.7% 23.5% +3.2",
        "Labour and Co-operative Party GAIN from Conservative Party",
        "Stood last time but not this time: UK Independence Party (8.0%), Green Party (6.3%), Peter Dawe (Independent, 4.6%) and English Democrats (1.1%).",
        "32.9% last time, 36.99% this time (+4.09 points)",
    ] {
        assert!(page.contains(row), "{row} is not in {page}");
    }
    let home = text(&read("index.html"));
    assert!(home.contains("Labour and Co-operative Party GAIN from Conservative Party"));
    // The first election of the office has nothing to compare with.
    let first = read("elections/2017-cambridgeshire-peterborough-mayor/index.html");
    assert!(!first.contains("id=\"change\""));
    let data: Value = serde_json::from_str(&read(
        "elections/2021-cambridgeshire-peterborough-mayor/results.json",
    ))
    .unwrap();
    let change = &data["change"];
    assert_eq!(change["verdict"], "gain");
    assert_eq!(change["previous"], "2017-cambridgeshire-peterborough-mayor");
    assert_eq!(change["shares"][1]["party"], "labour");
    assert_eq!(change["shares"][1]["change"], 14.2);
    assert_eq!(change["turnout_change"], 4.09);
    assert_eq!(change["areas"].as_array().map(Vec::len), Some(6));
    // Counting one election alone has no site to compare with, and works.
    let alone =
        load_election(&root.join("content/elections/2021-cambridgeshire-peterborough-mayor"));
    assert!(alone.is_ok());
}

#[test]
fn the_previous_election_is_the_latest_earlier_one_of_the_office() {
    let site = two_elections("change-implicit");
    site.built();
    let page = text(&site.page(LATER_PAGE));
    // Red: 400 + 500 of 2,000 then (45.0%), 700 of 1,700 now (41.2%).
    assert!(page.contains("Red Party GAIN from Blue Party"), "{page}");
    assert!(page.contains("Red Party 41.2% 45.0% \u{2212}3.8"), "{page}");
    assert!(page.contains("Bob Birch (Independent) 38.2% Did not stand New"));
    assert!(page.contains("Stood last time but not this time: Blue Party (55.0%)."));
    // Only North is in both.
    let north = text(&site.page("elections/2026-testshire-mayor/authorities/north/index.html"));
    assert!(north.contains("Red Party 44.4% 40.0% +4.4"), "{north}");
    let south = site.page("elections/2026-testshire-mayor/authorities/south/index.html");
    assert!(!south.contains("id=\"change\""));
    let data = json(&site, "elections/2026-testshire-mayor/results.json");
    assert_eq!(data["change"]["areas"].as_array().map(Vec::len), Some(1));
    // No turnout declared in 2026: no change of turnout.
    assert_eq!(data["change"]["turnout_change"], Value::Null);
}

#[test]
fn an_earlier_election_of_another_office_may_be_named() {
    let site = two_elections("change-renamed");
    site.write(
        EARLIER,
        &EARLIER_YAML.replace(
            "office: Mayor of Testshire",
            "office: Mayor of Old Testshire",
        ),
    );
    site.built();
    assert!(!site.page(LATER_PAGE).contains("id=\"change\""));
    site.write(
        LATER,
        &format!("previous: 2022-testshire-mayor\n{ELECTION_YAML}"),
    );
    site.built();
    assert!(text(&site.page(LATER_PAGE)).contains("Red Party GAIN from Blue Party"));
}

#[test]
fn a_previous_that_names_no_earlier_election_is_refused_where_it_is_written() {
    let site = two_elections("change-invalid");
    let with = |previous: &str| {
        site.write(LATER, &format!("previous: {previous}\n{ELECTION_YAML}"));
        site.errors()
    };
    let at = "content/elections/2026-testshire-mayor/election.yaml:1:11: previous:";
    assert_eq!(
        with("2022-testshire-mayr"),
        [format!(
            "{at} there is no election `2022-testshire-mayr` in content/elections/"
        )]
    );
    assert_eq!(
        with("2026-testshire-mayor"),
        [format!("{at} an election cannot be compared with itself")]
    );
    site.write(EARLIER, &EARLIER_YAML.replace("2022-05-05", "2026-06-19"));
    assert_eq!(
        with("2022-testshire-mayor"),
        [format!(
            "{at} `2022-testshire-mayor` was held on 19 June 2026, not before this election (19 June 2026)"
        )]
    );
    site.write(EARLIER, &EARLIER_YAML.replace("2022-05-05", "2027-05-06"));
    assert_eq!(
        with("2022-testshire-mayor"),
        [format!(
            "{at} `2022-testshire-mayor` was held on 6 May 2027, not before this election (19 June 2026)"
        )]
    );
    // The nearest folder name is suggested.
    site.write(EARLIER, EARLIER_YAML);
    site.write(
        LATER,
        &format!("previous: 2022-testshire-mayr\n{ELECTION_YAML}"),
    );
    let Err(psephos::build::BuildError::Content(found)) = site.build() else {
        panic!("the build succeeded");
    };
    assert_eq!(found[0].kind, psephos::diagnostic::Kind::UnknownReference);
    assert_eq!(
        found[0].help.as_deref(),
        Some("did you mean `2022-testshire-mayor`?")
    );
}

/// 2026 while counting: North in, South awaited.
fn counting() -> String {
    ELECTION_YAML
        .replace("system: supplementary-vote", "system: supplementary-vote\nstatus: counting")
        .replace(
            "    first: {ann-ash: 300, bob-birch: 350, cat-cedar: 150}\n    second: {ann-ash: 40, bob-birch: 60}\n",
            "",
        )
        .replace("    second: {ann-ash: 50, bob-birch: 70}\n", "")
        .split("declared:")
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn while_counting_nothing_is_held_or_gained_and_area_changes_are_provisional() {
    let site = two_elections("change-counting");
    site.write(LATER, &counting());
    site.built();
    let page = text(&site.page(LATER_PAGE));
    assert!(!page.contains("GAIN") && !page.contains("HOLD"), "{page}");
    assert!(
        page.contains("nobody holds or gains the office yet"),
        "{page}"
    );
    let home = text(&site.page("index.html"));
    assert!(!home.contains("GAIN") && !home.contains("HOLD"));
    let north = text(&site.page("elections/2026-testshire-mayor/authorities/north/index.html"));
    assert!(
        north.contains("change since the 2022 Testshire mayoral election (provisional)"),
        "{north}"
    );
    assert!(north.contains("Count in progress"));
    assert!(north.contains("these shares are provisional"));
    let data = json(&site, "elections/2026-testshire-mayor/results.json");
    assert_eq!(data["change"]["provisional"], true);
    assert_eq!(data["change"]["verdict"], Value::Null);
    assert_eq!(data["change"]["shares"], Value::Null);
    assert_eq!(data["change"]["areas"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_previous_election_still_counting_gives_no_comparison() {
    let site = TestSite::standard("change-previous-counting");
    site.write(
        "content/elections/2030-testshire-mayor/election.yaml",
        &ELECTION_YAML.replace("2026-06-19", "2030-05-02"),
    );
    site.write(LATER, &counting());
    site.built();
    let later = site.page("elections/2030-testshire-mayor/index.html");
    assert!(!later.contains("id=\"change\""));
    let data = json(&site, "elections/2030-testshire-mayor/results.json");
    assert_eq!(data.get("change"), None);
}

#[test]
fn names_in_the_comparison_are_escaped() {
    let site = two_elections("change-escaped");
    site.write(
        EARLIER,
        &EARLIER_YAML.replace(
            "name: Blue Party",
            "name: \"<script>alert(1)</script> & Co\"",
        ),
    );
    site.built();
    let page = site.page(LATER_PAGE);
    assert!(!page.contains("<script>alert"));
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; Co"),
        "{page}"
    );
}

#[test]
fn a_right_to_left_name_that_did_not_stand_again_keeps_its_share_outside_it() {
    let site = two_elections("change-rtl");
    site.write(
        EARLIER,
        &EARLIER_YAML.replace("name: Blue Party", "name: מפלגת העבודה"),
    );
    site.built();
    // Unisolated, a browser draws "מפלגת (55.0%) העבודה": the share taken
    // into the right-to-left name it follows.
    let page = site.page(LATER_PAGE);
    assert!(
        page.contains("Stood last time but not this time: <bdi>מפלגת העבודה</bdi> (55.0%)."),
        "{page}"
    );
}

/// 2022 won by Bob Birch, an independent without `person`, who stands
/// again in 2026 (also without) and wins again.
const BIRCH_BEFORE: &str = "\
title: 2022 Testshire mayoral election
office: Mayor of Testshire
date: 2022-05-05
system: first-past-the-post
parties:
  - {id: red, name: Red Party}
candidates:
  - {id: ann-ash, name: Ann Ash, party: red, person: ann-ash}
  - {id: bob-birch, name: Bob Birch}
areas:
  - {id: north, name: North, first: {ann-ash: 400, bob-birch: 600}}
declared: {winner: bob-birch, totals: {ann-ash: 400, bob-birch: 600}}
";

const BIRCH_NOW: &str = "\
title: 2026 Testshire mayoral election
office: Mayor of Testshire
date: 2026-06-19
system: first-past-the-post
parties:
  - {id: red, name: Red Party}
candidates:
  - {id: ann-ash, name: Ann Ash, party: red, person: ann-ash}
  - {id: birch, name: bob birch }
  - {id: cat-cedar, name: Cat Cedar}
areas:
  - {id: north, name: North, first: {ann-ash: 300, birch: 500, cat-cedar: 200}}
declared: {winner: birch, totals: {ann-ash: 300, birch: 500, cat-cedar: 200}}
";

#[test]
fn an_independent_of_the_same_name_not_linked_to_one_person_is_not_compared() {
    let site = TestSite::standard("change-namesake");
    site.write(EARLIER, BIRCH_BEFORE);
    site.write(LATER, BIRCH_NOW);
    let summary = site.built();
    let page = text(&site.page(LATER_PAGE));
    // Neither new, nor stood down, nor a GAIN from himself.
    assert!(
        page.contains("bob birch (Independent) 50.0% Not compared Not compared"),
        "{page}"
    );
    assert!(
        !page
            .to_lowercase()
            .contains("birch (independent) did not stand"),
        "{page}"
    );
    assert!(
        !page.contains("birch (Independent) 50.0% Did not stand"),
        "{page}"
    );
    assert!(
        !page.contains("Stood last time but not this time"),
        "{page}"
    );
    assert!(!page.contains("GAIN") && !page.contains("HOLD"), "{page}");
    assert!(
        page.contains("Not compared with this time: Bob Birch (Independent, 60.0%)."),
        "{page}"
    );
    assert!(
        page.contains("so there is no hold or gain to report"),
        "{page}"
    );
    // Cat Cedar has no namesake: new.
    assert!(
        page.contains("Cat Cedar (Independent) 20.0% Did not stand New"),
        "{page}"
    );
    let home = text(&site.page("index.html"));
    assert!(!home.contains("GAIN from"), "{home}");
    let data = json(&site, "elections/2026-testshire-mayor/results.json");
    let change = &data["change"];
    assert_eq!(change["verdict"], "not-compared");
    assert_eq!(change["verdict_text"], Value::Null);
    assert_eq!(change["shares"][0]["compared"], false);
    assert_eq!(change["shares"][2]["compared"], true);
    assert_eq!(change["did_not_stand"].as_array().map(Vec::len), Some(0));
    assert_eq!(change["not_compared"][0]["name"], "Bob Birch (Independent)");
    assert_eq!(
        change["areas"][0]["not_compared"][0]["previous_first_percent"],
        60.0
    );
    // A warning at the candidate says how to compare them.
    let warnings: Vec<String> = summary
        .warnings
        .iter()
        .map(|d| {
            d.to_string()
                .replace(&format!("{}/", site.root.display()), "")
        })
        .collect();
    assert_eq!(
        warnings,
        [
            "content/elections/2026-testshire-mayor/election.yaml:9:5: candidates[1]: bob birch is not compared with the independent of the same name in `2022-testshire-mayor`: they are not linked to one person"
        ],
    );
    // One person, linked: HOLD, and no warning.
    site.write("content/people/bob-birch.md", "---\nname: Bob Birch\n---\n");
    site.write(
        EARLIER,
        &BIRCH_BEFORE.replace("name: Bob Birch}", "name: Bob Birch, person: bob-birch}"),
    );
    site.write(
        LATER,
        &BIRCH_NOW.replace("name: bob birch }", "name: bob birch, person: bob-birch}"),
    );
    let summary = site.built();
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let page = text(&site.page(LATER_PAGE));
    assert!(page.contains("bob birch (Independent) HOLD"), "{page}");
    assert!(
        page.contains("bob birch (Independent) 50.0% 60.0% \u{2212}10.0"),
        "{page}"
    );
}

#[test]
fn sentences_give_parties_the_and_independents_their_names() {
    let site = two_elections("change-sentences");
    site.built();
    let page = text(&site.page(LATER_PAGE));
    assert!(
        page.contains("The Red Party gains the office from the Blue Party."),
        "{page}"
    );
    assert!(
        page.contains("the share of first preferences for the Red Party fell"),
        "{page}"
    );
    // An independent's share last time sits with "Independent" in one
    // pair of brackets.
    site.write(
        EARLIER,
        &EARLIER_YAML.replace(
            "  - {id: dan-dale, name: Dan Dale, party: blue}",
            "  - {id: dan-dale, name: Dan Dale}",
        ),
    );
    site.built();
    let page = text(&site.page(LATER_PAGE));
    assert!(
        page.contains("The Red Party gains the office from Dan Dale (Independent)."),
        "{page}"
    );
    assert!(
        page.contains("Stood last time but not this time: Dan Dale (Independent, 55.0%)."),
        "{page}"
    );
}
