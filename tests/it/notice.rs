//! The notice of result: candidates in ballot-paper order with their
//! descriptions, every count's figures, rejected papers under each statutory
//! head (or "Not published", never a figure made up), the returning officer
//! and the declaration's time; and no notice at all while counting.

use crate::common::{ELECTION_YAML, TestSite, words};

const NOTICE: &str = "elections/2026-testshire-mayor/notice/index.html";

fn built(name: &str, yaml: &str) -> TestSite {
    TestSite::one_election_built(name, yaml)
}

/// The notice's main content, tags and entities taken out, spaces squeezed.
fn text(html: &str) -> String {
    words(&html[html.find("<main").unwrap()..html.find("</main>").unwrap()])
}

/// Where each of `needles` first appears in `haystack`, in order.
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            haystack
                .find(n)
                .unwrap_or_else(|| panic!("«{n}» not in «{haystack}»"))
        })
        .collect()
}

/// Three candidates given in an order that is not the ballot paper's, with
/// ballot names for two (one with a particle), a description for one.
fn notice_election() -> String {
    ELECTION_YAML
        .replace(
            "  - {id: ann-ash, name: Ann Ash, party: red, person: ann-ash}\n",
            "  - {id: ann-ash, name: Ann Ash, party: red, person: ann-ash,\n     surname: van Ash, other_names: Ann Beatrice, description: The Red Party Candidate}\n",
        )
        .replace(
            "  - {id: bob-birch, name: Bob Birch}\n",
            "  - {id: bob-birch, name: Bob Birch, surname: Birch, other_names: Robert}\n",
        )
        .replace(
            "  totals: {ann-ash: 790, bob-birch: 780}\n",
            "  totals: {ann-ash: 790, bob-birch: 780}\n  at: 2026-06-20\nreturning_officer: {name: Dee Dale, title: Combined Authority Returning Officer}\n",
        )
        .replace(
            "    rejected: 10\n",
            "    rejected: {no_official_mark: 1, multiple_first_preferences: 2, identifies_voter: 3, unmarked: 2, uncertain: 2}\n    rejected_second: {multiple_second_preferences: 5, unmarked_or_uncertain: 7}\n",
        )
}

#[test]
fn the_notice_lists_the_ballot_paper_in_order_with_every_count() {
    let site = built("notice-order", &notice_election());
    let notice = text(&site.page(NOTICE));
    // Birch, Cedar (by the last word of her name), van Ash (under V).
    let at = positions(
        &notice,
        &[
            "Birch, Robert Independent 650 130 780",
            "Cat Cedar Independent 350 – –",
            "van Ash, Ann Beatrice Elected The Red Party Candidate 700 90 790",
        ],
    );
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{notice}");
    for expected in [
        "Declaration of result of poll",
        "Election of the Mayor of Testshire",
        "Polling day: 19 June 2026",
        "Total 1,700 220 1,570",
        "Non-transferable papers 130",
        "Ann Beatrice van Ash is duly elected as the Mayor of Testshire.",
        "Returning officer Dee Dale, Combined Authority Returning Officer",
        "Declared 20 June 2026",
    ] {
        assert!(notice.contains(expected), "«{expected}» not in «{notice}»");
    }
    // A candidate without a ballot name or description is explained.
    assert!(notice.contains("in order of its last word"), "{notice}");
}

#[test]
fn rejected_papers_are_summed_by_head_only_where_every_area_gives_heads() {
    // North gives heads; South gives nothing: each head, and the totals, are
    // not published rather than North's figures passed off as the whole.
    let site = built("notice-rejected-partial", &notice_election());
    let notice = text(&site.page(NOTICE));
    assert!(
        notice.contains("Want of an official mark Not published"),
        "{notice}"
    );
    assert!(
        notice.contains(
            "Unmarked or void for uncertainty as to the second preference vote Not published Total Not published"
        ),
        "{notice}"
    );
    assert!(!notice.contains("Ballot papers counted"), "{notice}");

    let whole = notice_election().replace(
        "  - id: south\n    name: South\n",
        "  - id: south\n    name: South\n    electorate: 3000\n    rejected: {unmarked_or_uncertain: 4, identifies_voter: 1}\n    rejected_second: 3\n",
    );
    let site = built("notice-rejected-whole", &whole);
    let notice = text(&site.page(NOTICE));
    for expected in [
        "Want of an official mark 1 ",
        "Voting for more than one candidate as to the first preference vote 2 ",
        "Writing or mark by which the voter could be identified 4 ",
        // North's unmarked 2 + uncertain 2, South's 4.
        "Unmarked or void for uncertainty as to the first preference vote 8 Total 15",
        // South gives a total only: the heads are not published, the total is.
        "Voting for more than one candidate as to the second preference vote Not published",
        "Unmarked or void for uncertainty as to the second preference vote Not published Total 15",
        // North 910 counted; South 800 valid + 5 rejected.
        "Ballot papers counted 1,715",
        "Electorate 7,000",
        "Turnout (ballot papers counted ÷ electorate) 24.5%",
    ] {
        assert!(notice.contains(expected), "«{expected}» not in «{notice}»");
    }
}

#[test]
fn without_the_notice_fields_nothing_is_invented() {
    let site = built("notice-plain", ELECTION_YAML);
    let notice = text(&site.page(NOTICE));
    for expected in [
        // Ash, Birch, Cedar by the last word of each name.
        "Ann Ash Elected Red Party 700 90 790 Bob Birch Independent 650 130 780 Cat Cedar Independent",
        "Returning officer Not published",
        "Declared Not published",
        "Total Not published",
    ] {
        assert!(notice.contains(expected), "«{expected}» not in «{notice}»");
    }
    // The election's page leads to it.
    let election = site.page("elections/2026-testshire-mayor/index.html");
    assert!(
        election.contains("2026-testshire-mayor/notice/index.html\""),
        "no link"
    );
}

#[test]
fn while_counting_the_notice_shows_no_result_and_no_figure() {
    let counting = ELECTION_YAML
        .replace(
            "system: supplementary-vote\n",
            "system: supplementary-vote\nstatus: counting\n",
        )
        .replace("    second: {ann-ash: 40, bob-birch: 60}\n", "")
        .replace("    second: {ann-ash: 50, bob-birch: 70}\n", "")
        .replace(
            "declared:\n  winner: ann-ash\n  totals: {ann-ash: 790, bob-birch: 780}\n",
            "",
        );
    let site = built("notice-counting", &counting);
    let html = site.page(NOTICE);
    let notice = text(&html);
    assert!(notice.contains("No result has been declared"), "{notice}");
    assert!(notice.contains("Figures are provisional"), "{notice}");
    for figure in ["700", "650", "1,700", "400"] {
        assert!(!notice.contains(figure), "{figure} shown: {notice}");
    }
    assert!(!html.contains("duly elected") && !html.contains("<table"));
    let election = site.page("elections/2026-testshire-mayor/index.html");
    assert!(
        !election.contains("notice/index.html"),
        "linked while counting"
    );
}

#[test]
fn an_uncontested_election_names_the_only_candidate() {
    let yaml = "title: 2026 Testshire mayoral election
office: Mayor of Testshire
date: 2026-06-19
system: supplementary-vote
candidates:
  - {id: ann-ash, name: Ann Ash, surname: Ash, other_names: Ann, description: Independent}
returning_officer: {name: Dee Dale}
";
    let site = built("notice-uncontested", yaml);
    let notice = text(&site.page(NOTICE));
    assert!(
        notice.contains("Ann Ash was the only candidate validly nominated"),
        "{notice}"
    );
    assert!(notice.contains("Returning officer Dee Dale"), "{notice}");
    assert!(!notice.contains("Rejected ballot papers"), "{notice}");
}

#[test]
fn ballot_names_descriptions_and_the_officer_are_escaped() {
    let yaml = notice_election()
        .replace("surname: Birch,", "surname: \"<script>alert(1)</script>\",")
        .replace(
            "description: The Red Party Candidate",
            "description: \"<img src=x onerror=alert(2)>\"",
        )
        .replace("name: Dee Dale", "name: \"Dee <b>Dale</b>\"");
    let site = built("notice-escaped", &yaml);
    let html = site.page(NOTICE);
    assert!(!html.contains("<script>alert") && !html.contains("<img src=x"));
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;, Robert"));
    assert!(html.contains("&#60;img src=x onerror=alert(2)&#62;"));
    assert!(html.contains("Dee &#60;b&#62;Dale&#60;/b&#62;"));
}
