//! A history of elections: each candidacy's place and gap to the winner on
//! the person's, the candidacy's and the office's pages (ties, eliminated
//! candidates, first past the post, unopposed, and a count in progress
//! placing nobody), and the news naming an election or a person listed on
//! their pages, newest first and capped.

use crate::common::{ELECTION_YAML, PERSON_MD, SITE_YAML, TestSite};

/// An election of the Mayor of Testshire in `year`, with `candidates` (ids,
/// each named for its id) and one area of `first` preferences and `second`
/// transfers.
fn election(year: &str, system: &str, head: &str, rest: &str) -> String {
    format!(
        "{head}title: {year} Testshire mayoral election\noffice: Mayor of Testshire\ndate: {year}-05-04\nsystem: {system}\n{rest}"
    )
}

fn write_election(site: &TestSite, year: &str, text: &str) {
    site.write(
        &format!("content/elections/{year}-testshire-mayor/election.yaml"),
        text,
    );
}

/// Ann Ash stands in seven elections of one office:
/// 2026 wins at the second count (`ELECTION_YAML`), 2022 second at the
/// second count, 2018 joint 3rd (after the finalists) out after the first,
/// 2014 unopposed, 2010 2nd
/// under first past the post, 2006 wins at the first count, and 2030 is
/// still counting.
fn record_site(name: &str) -> TestSite {
    let site = TestSite::new(name);
    site.write("content/site.yaml", SITE_YAML)
        .write("content/people/ann-ash.md", PERSON_MD)
        .write(
            "content/elections/2026-testshire-mayor/election.yaml",
            ELECTION_YAML,
        );
    let ann = "  - {id: ann-ash, name: Ann Ash, person: ann-ash}\n";
    write_election(
        &site,
        "2022",
        &election(
            "2022",
            "supplementary-vote",
            "",
            &format!(
                "candidates:\n{ann}  - {{id: bob, name: Bob Birch}}\n  - {{id: cat, name: Cat Cedar}}\nareas:\n  - id: north\n    name: North\n    first: {{ann-ash: 400, bob: 380, cat: 220}}\n    second: {{ann-ash: 20, bob: 140}}\n"
            ),
        ),
    );
    write_election(
        &site,
        "2018",
        &election(
            "2018",
            "supplementary-vote",
            "",
            &format!(
                "candidates:\n{ann}  - {{id: bob, name: Bob Birch}}\n  - {{id: cat, name: Cat Cedar}}\n  - {{id: dan, name: Dan Dale}}\n  - {{id: eve, name: Eve Elm}}\nareas:\n  - id: north\n    name: North\n    first: {{ann-ash: 100, bob: 400, cat: 300, dan: 100, eve: 50}}\n    second: {{bob: 60, cat: 80}}\n"
            ),
        ),
    );
    write_election(
        &site,
        "2014",
        &election(
            "2014",
            "supplementary-vote",
            "",
            &format!("candidates:\n{ann}areas:\n  - {{id: north, name: North}}\n"),
        ),
    );
    write_election(
        &site,
        "2010",
        &election(
            "2010",
            "first-past-the-post",
            "",
            &format!(
                "candidates:\n{ann}  - {{id: bob, name: Bob Birch}}\n  - {{id: cat, name: Cat Cedar}}\nareas:\n  - id: north\n    name: North\n    first: {{ann-ash: 300, bob: 321, cat: 100}}\n"
            ),
        ),
    );
    write_election(
        &site,
        "2006",
        &election(
            "2006",
            "supplementary-vote",
            "",
            &format!(
                "candidates:\n{ann}  - {{id: bob, name: Bob Birch}}\n  - {{id: cat, name: Cat Cedar}}\nareas:\n  - id: north\n    name: North\n    first: {{ann-ash: 1200, bob: 500, cat: 1}}\n"
            ),
        ),
    );
    write_election(
        &site,
        "2030",
        &election(
            "2030",
            "supplementary-vote",
            "status: counting\n",
            &format!(
                "candidates:\n{ann}  - {{id: bob, name: Bob Birch}}\nareas:\n  - id: north\n    name: North\n    first: {{ann-ash: 900, bob: 100}}\n  - {{id: south, name: South}}\n"
            ),
        ),
    );
    site.built();
    site
}

/// The result a person's page gives for their candidacy in `year`.
fn candidacy(person: &str, year: &str) -> String {
    let start = format!("{year} Testshire mayoral election</a>: ");
    let at = person
        .find(&start)
        .unwrap_or_else(|| panic!("{year} in {person}"));
    let rest = &person[at + start.len()..];
    rest[..rest.find("</li>").unwrap()].to_owned()
}

#[test]
fn a_person_s_record_gives_each_candidacy_s_place_and_gap() {
    let site = record_site("history-record");
    let person = site.page("people/ann-ash/index.html");
    for (year, result) in [
        (
            "2026",
            "<strong>Elected at the second count, by 10 votes</strong>. Red Party: 700 first preferences, 790 after transfers.",
        ),
        // Bob 380 + 140 = 520; Ann 400 + 20 = 420.
        (
            "2022",
            "<strong>2nd of 3, 100 behind at the second count</strong>. Independent: 400 first preferences, 420 after transfers.",
        ),
        // Out after the first count, level with Dan: behind Bob's 400 then.
        (
            "2018",
            "<strong>joint 3rd of 5, 300 behind at the first count</strong>. Independent: 100 first preferences.",
        ),
        ("2014", "<strong>Elected unopposed</strong>. Independent."),
        // One count only: which goes without saying.
        (
            "2010",
            "<strong>2nd of 3, 21 behind</strong>. Independent: 300 first preferences.",
        ),
        (
            "2006",
            "<strong>Elected at the first count, by 700 votes</strong>. Independent: 1,200 first preferences.",
        ),
        // Nobody is placed while counting.
        (
            "2030",
            "<strong>Count in progress</strong>. Independent: 900 first preferences so far (count in progress; figures are provisional).",
        ),
    ] {
        assert_eq!(candidacy(&person, year), result, "{year}");
    }
}

#[test]
fn a_candidacy_s_page_gives_its_place_and_the_gap_to_the_winner() {
    let site = record_site("history-candidacy");
    let page = |year: &str, id: &str| {
        site.page(&format!(
            "elections/{year}-testshire-mayor/candidates/{id}/index.html"
        ))
    };
    let lost = page("2022", "ann-ash");
    assert!(lost.contains(
        "Ann Ash was one of the candidates in the second count, and was not elected: 2nd of 3, 100 votes behind the winner, Bob Birch, at the second count."
    ), "{lost}");
    assert!(lost.contains("<div><dt>Position</dt><dd>2nd of 3</dd></div>"));
    let won = page("2022", "bob");
    assert!(won.contains(
        "Bob Birch was elected at the second count, by 100 votes (10.6 percentage points) over Ann Ash."
    ), "{won}");
    let tied = page("2018", "dan");
    assert!(
        tied.contains(
            ": joint 3rd of 5, 300 votes behind the winner, Bob Birch, at the first count."
        ),
        "{tied}"
    );
    assert!(
        page("2010", "cat").contains(
            "Cat Cedar was not elected: 3rd of 3, 221 votes behind the winner, Bob Birch."
        )
    );
    assert!(page("2014", "ann-ash").contains("Ann Ash was elected unopposed."));
    // Counting: no place, no gap, nobody elected.
    let page = page("2030", "ann-ash");
    let at = page.find("<section class=\"declaration\"").unwrap();
    let counting = &page[at..at + page[at..].find("</section>").unwrap()];
    assert!(!counting.contains("Position"), "{counting}");
    assert!(!counting.contains(" of 2"), "{counting}");
    assert!(!counting.contains("behind"), "{counting}");
    assert!(!counting.contains("elected"), "{counting}");
    assert!(counting.contains("Figures for Ann Ash are provisional."));
}

#[test]
fn an_office_s_history_gives_each_winner_s_stage_and_margin() {
    let site = record_site("history-office");
    let office = site.page("elections/office/mayor-of-testshire/index.html");
    for line in [
        // 520 of 940 is 55.3%, 420 is 44.7%: 10.6 points.
        "Bob Birch</a> (<span class=\"party\">Independent</span>), elected at the second count, by 100 votes (10.6 percentage points) over Ann Ash.",
        "Ann Ash</a> (<span class=\"party\">Independent</span>), elected unopposed.",
        "Bob Birch</a> (<span class=\"party\">Independent</span>), elected with the most votes, by 21 votes (2.9 percentage points) over Ann Ash.",
        // 70.5% less 29.4%, as the pages print the shares (700 of 1,701
        // would be 41.2).
        "Ann Ash</a> (<span class=\"party\">Independent</span>), elected at the first count, by 700 votes (41.1 percentage points) over Bob Birch.",
    ] {
        assert!(office.contains(line), "{line}\n{office}");
    }
    let counting = office
        .split("<li>")
        .find(|item| item.contains("2030 Testshire mayoral election</a></h2>"))
        .unwrap();
    assert!(counting.contains("Count in progress"), "{counting}");
    assert!(!counting.contains("votes ("), "{counting}");
}

fn news(slug: &str, date: &str, elections: &str, people: &str) -> (String, String) {
    (
        format!("content/news/{slug}.md"),
        format!(
            "---\ntitle: Story {slug} <script>alert(1)</script>\ndate: {date}\nsummary: About it.\nelections: [{elections}]\npeople: [{people}]\n---\nText.\n"
        ),
    )
}

/// Titles of the news a page lists under its "News about" heading, in order.
fn listed(page: &str) -> Vec<String> {
    let Some(at) = page.find("<h2 id=\"news\">") else {
        return Vec::new();
    };
    let section = &page[at..page[at..].find("</section>").unwrap() + at];
    section
        .split("<li><a href=\"")
        .skip(1)
        .map(|item| {
            let title = &item[item.find("\">").unwrap() + 2..];
            title[..title.find("</a>").unwrap()].to_owned()
        })
        .collect()
}

fn title(slug: &str) -> String {
    format!("Story {slug} &#60;script&#62;alert(1)&#60;/script&#62;")
}

#[test]
fn elections_people_and_candidacies_list_the_news_naming_them() {
    let site = TestSite::standard("history-news");
    site.write(
        "content/elections/2022-testshire-mayor/election.yaml",
        &ELECTION_YAML
            .replace("2026 Testshire", "2022 Testshire")
            .replace("2026-06-19", "2022-05-05"),
    );
    for (file, text) in [
        news("both", "2026-07-01", "2026-testshire-mayor", "ann-ash"),
        news("election", "2026-07-02", "2026-testshire-mayor", ""),
        news("person", "2026-07-03", "", "ann-ash"),
        news("earlier", "2022-05-06", "2022-testshire-mayor", "ann-ash"),
    ] {
        site.write(&file, &text);
    }
    site.write(
        "content/news/draft.md",
        &news("draft", "2026-07-04", "2026-testshire-mayor", "ann-ash")
            .1
            .replacen("---\n", "---\ndraft: true\n", 1),
    );
    site.built();
    // `ash-elected` is the standard site's item, of 2026-06-20, naming both.
    let election = site.page("elections/2026-testshire-mayor/index.html");
    assert!(election.contains("<h2 id=\"news\">News about this election</h2>"));
    assert_eq!(
        listed(&election),
        [title("election"), title("both"), "Ash elected".into()]
    );
    assert!(election.contains("<a href=\"../../news/election/index.html\">"));
    assert!(election.contains("<time datetime=\"2026-07-02\">2 July 2026</time>"));
    let person = site.page("people/ann-ash/index.html");
    assert!(person.contains("<h2 id=\"news\">News about Ann Ash</h2>"));
    assert_eq!(
        listed(&person),
        [
            title("person"),
            title("both"),
            "Ash elected".into(),
            title("earlier")
        ]
    );
    // A candidacy: the news naming the person in that election, and the
    // way to the rest.
    let ann = site.page("elections/2026-testshire-mayor/candidates/ann-ash/index.html");
    assert!(ann.contains("<h2 id=\"news\">News about Ann Ash in this election</h2>"));
    assert_eq!(listed(&ann), [title("both"), "Ash elected".into()]);
    assert!(
        ann.contains(
            "<a href=\"../../../../people/ann-ash/index.html#news\">All news about Ann Ash</a>"
        ),
        "{ann}"
    );
    let earlier = site.page("elections/2022-testshire-mayor/candidates/ann-ash/index.html");
    assert_eq!(listed(&earlier), [title("earlier")]);
    // A candidate no news names has no list.
    let bob = site.page("elections/2026-testshire-mayor/candidates/bob-birch/index.html");
    assert!(!bob.contains("id=\"news\""), "{bob}");
}

#[test]
fn a_long_list_of_news_is_capped_with_the_way_to_the_rest() {
    let site = TestSite::standard("history-news-cap");
    for n in 0..25 {
        let (file, text) = news(
            &format!("n{n:02}"),
            &format!("2026-07-{:02}", n + 1),
            "2026-testshire-mayor",
            "ann-ash",
        );
        site.write(&file, &text);
    }
    site.built();
    let newest: Vec<String> = (15..25).rev().map(|n| title(&format!("n{n:02}"))).collect();
    for page in [
        "elections/2026-testshire-mayor/index.html",
        "people/ann-ash/index.html",
        "elections/2026-testshire-mayor/candidates/ann-ash/index.html",
    ] {
        let html = site.page(page);
        assert_eq!(listed(&html), newest, "{page}");
        assert!(
            html.contains("<p>The newest 10 of 26 items."),
            "{page}: {html}"
        );
    }
    let election = site.page("elections/2026-testshire-mayor/index.html");
    assert!(election.contains(
        "The newest 10 of 26 items. <a href=\"../../news/index.html\">Every news item, year by year</a></p>"
    ));
}
