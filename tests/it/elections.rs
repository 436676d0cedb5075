//! Several elections on one site: the home page shows every election of the
//! latest polling day, and `/elections/` lists them all, newest first, each
//! with its winner or, while it is counting, how far the count has got.

use crate::common::{ELECTION_YAML, PERSON_MD, SITE_YAML, TestSite};

/// `ELECTION_YAML` renamed, for another election on the site.
fn renamed(county: &str, date: &str) -> String {
    ELECTION_YAML
        .replace("Testshire", county)
        .replace("2026-06-19", date)
}

/// `ELECTION_YAML` as a count in progress: North's first count is in, South
/// has not reported, so there is no second count and nothing is declared.
fn counting(county: &str) -> String {
    let mut yaml = format!("status: counting\n{}", renamed(county, "2026-06-19"));
    for (gone, what) in [
        (
            "declared:\n  winner: ann-ash\n  totals: {ann-ash: 790, bob-birch: 780}\n",
            "declared",
        ),
        (
            "    first: {ann-ash: 300, bob-birch: 350, cat-cedar: 150}\n",
            "South's first count",
        ),
        (
            "    second: {ann-ash: 40, bob-birch: 60}\n",
            "South's second",
        ),
        (
            "    second: {ann-ash: 50, bob-birch: 70}\n",
            "North's second",
        ),
    ] {
        assert!(yaml.contains(gone), "ELECTION_YAML has no {what}");
        yaml = yaml.replace(gone, "");
    }
    yaml
}

/// The text from `start` to the end of the list item it is in.
fn item<'a>(html: &'a str, start: &str) -> &'a str {
    let at = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let rest = &html[at..];
    &rest[..rest.find("</li>").expect("the item ends")]
}

/// The text of `<main>`, where a page's own content is.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    &html[start..html.find("</main>").expect("main ends")]
}

fn banners(html: &str) -> Vec<&str> {
    html.match_indices("<div class=\"count-banner\">")
        .map(|(at, _)| &html[at..at + html[at..].find("</div>").unwrap()])
        .collect()
}

/// Two elections on 19 June 2026 (Testshire and Westshire) and an older one,
/// built.
fn three_elections(name: &str) -> TestSite {
    let site = TestSite::standard(name);
    site.write(
        "content/elections/2026-westshire-mayor/election.yaml",
        &renamed("Westshire", "2026-06-19"),
    )
    .write(
        "content/elections/2022-testshire-mayor/election.yaml",
        &renamed("Testshire", "2022-05-05").replace("2026 Testshire", "2022 Testshire"),
    );
    site.built();
    site
}

const PROVISIONAL: &str = "Count in progress: 1 of 2 local authorities has reported first preferences. Figures are provisional.";

#[test]
fn the_home_page_shows_every_election_of_the_latest_day_and_no_older_one() {
    let site = three_elections("latest-day");
    let home = site.page("index.html");
    assert!(home.contains("Latest results: <time datetime=\"2026-06-19\">19 June 2026</time>"));
    // Same day: by folder name.
    let test = item(
        &home,
        "<h3><a href=\"elections/2026-testshire-mayor/index.html\">2026 Testshire mayoral election</a></h3>",
    );
    let west = item(
        &home,
        "<h3><a href=\"elections/2026-westshire-mayor/index.html\">2026 Westshire mayoral election</a></h3>",
    );
    assert!(home.find(test) < home.find(west), "by folder on one day");
    for card in [test, west] {
        assert!(
            card.contains("Ann Ash (Red Party) is elected at the second count with 790 votes (50.3%), a majority of 10 over Bob Birch."),
            "{card}"
        );
        assert!(
            card.contains("<a href=\"people/ann-ash/index.html\">Ann Ash</a>, Mayor of Testshire"),
            "the winner's profile: {card}"
        );
    }
    // Each election of the day is one item of one list, with a heading.
    assert_eq!(home.matches("<ul class=\"result-cards\">").count(), 1);
    assert_eq!(home.matches("<h1>").count(), 1);
    // An older election is not on the home page, but as what the result of
    // the same office is compared with.
    assert!(!home.contains("2022 Testshire mayoral election</a></h"));
    assert_eq!(home.matches("2022").count(), 2, "{home}");
    assert!(test.contains(
        "<p><strong>Red Party HOLD</strong> since the <a href=\"elections/2022-testshire-mayor/index.html\">2022 Testshire mayoral election</a></p>"
    ));
    assert!(!west.contains("2022"));
    assert!(banners(&home).is_empty());
    assert!(home.contains("<a href=\"elections/index.html\">All elections, newest first</a>"));
    assert!(home.contains(
        "<meta name=\"description\" content=\"Results of the 2 elections of 19 June 2026.\">"
    ));
}

#[test]
fn the_elections_list_has_every_election_newest_first_with_its_winner() {
    let site = three_elections("elections-list");
    let list = site.page("elections/index.html");
    let winner = "Ann Ash</a> (<span class=\"party\"><span class=\"swatch\" style=\"background-color: #cc0000\" aria-hidden=\"true\"></span>\u{2060}Red Party</span>), elected at the second count.";
    let mut last = 0;
    for (slug, title, date, datetime) in [
        (
            "2026-testshire-mayor",
            "2026 Testshire mayoral election",
            "19 June 2026",
            "2026-06-19",
        ),
        (
            "2026-westshire-mayor",
            "2026 Westshire mayoral election",
            "19 June 2026",
            "2026-06-19",
        ),
        (
            "2022-testshire-mayor",
            "2022 Testshire mayoral election",
            "5 May 2022",
            "2022-05-05",
        ),
    ] {
        let entry = item(
            &list,
            &format!("<h3><a href=\"../elections/{slug}/index.html\">{title}</a></h3>"),
        );
        let at = list.find(entry).unwrap();
        assert!(at > last, "{title} is out of order");
        last = at;
        assert!(
            entry.contains(&format!(
                "<time datetime=\"{datetime}\">{date}</time> · <a href=\"../elections/office/mayor-of-{}/index.html\">Mayor of {}</a>",
                title[5..title.find(" mayoral").unwrap()].to_lowercase(),
                &title[5..title.find(" mayoral").unwrap()]
            )),
            "{entry}"
        );
        assert!(
            entry.contains(&format!(
                "<a href=\"../elections/{slug}/candidates/ann-ash/index.html\">{winner}"
            )),
            "{entry}"
        );
    }
    // Grouped by year, in one heading level below the page's.
    let y2026 = list.find("<h2 id=\"year-2026\">2026</h2>").unwrap();
    let y2022 = list.find("<h2 id=\"year-2022\">2022</h2>").unwrap();
    assert!(y2026 < list.find("2026 Westshire").unwrap());
    assert!(list.find("2026 Westshire").unwrap() < y2022);
    assert_eq!(list.matches("<ol class=\"election-list\">").count(), 2);
    assert_eq!(list.matches("<h1>Elections</h1>").count(), 1);
    // The navigation leads here from every page.
    assert!(
        list.contains("<a href=\"../elections/index.html\" aria-current=\"page\">Elections</a>")
    );
    let election = site.page("elections/2026-westshire-mayor/index.html");
    assert!(election.contains("<a href=\"../../elections/index.html\">Elections</a>"));
    // Every link on it resolves, as `psephos check` sees it.
    let prepared = psephos::build::prepare(&site.root, &psephos::build::Quiet).unwrap();
    let report = psephos::link_check::check(&site.root, &prepared.outputs, None);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn a_count_in_progress_is_provisional_on_the_home_page_and_the_list() {
    let site = TestSite::standard("counting-day");
    site.write(
        "content/elections/2026-eastshire-mayor/election.yaml",
        &counting("Eastshire"),
    );
    site.built();
    let home = site.page("index.html");
    let card = item(
        &home,
        "<h3><a href=\"elections/2026-eastshire-mayor/index.html\">2026 Eastshire mayoral election</a></h3>",
    );
    assert!(card.contains(PROVISIONAL), "{card}");
    assert!(
        card.contains("On the first preferences counted so far, Ann Ash leads with 400 (44.4%)."),
        "{card}"
    );
    assert!(!card.to_lowercase().contains("elected"), "{card}");
    assert!(!card.contains("badge"), "{card}");
    // The declared election of the same day still names its winner.
    let declared = item(
        &home,
        "<h3><a href=\"elections/2026-testshire-mayor/index.html\">",
    );
    assert!(declared.contains("Ann Ash (Red Party) is elected at the second count"));
    // One banner, naming the election it is about.
    assert_eq!(
        banners(&home),
        [format!(
            "<div class=\"count-banner\">\n<p><a href=\"elections/2026-eastshire-mayor/index.html\">2026 Eastshire mayoral election</a>. <strong>{PROVISIONAL}</strong></p>\n"
        )]
    );

    let list = site.page("elections/index.html");
    let entry = item(
        &list,
        "<h3><a href=\"../elections/2026-eastshire-mayor/index.html\">",
    );
    assert!(entry.contains(PROVISIONAL), "{entry}");
    assert!(!entry.to_lowercase().contains("elected"), "{entry}");
    assert_eq!(banners(&list).len(), 1);
    assert!(
        banners(&list)[0]
            .contains("2026 Eastshire mayoral election</a>. <strong>Count in progress")
    );
    let declared = item(
        &list,
        "<h3><a href=\"../elections/2026-testshire-mayor/index.html\">",
    );
    assert!(declared.contains("elected at the second count"));
}

#[test]
fn a_single_counting_election_heads_the_home_page_and_nobody_is_elected() {
    let site = TestSite::new("counting-alone");
    site.write("content/site.yaml", SITE_YAML)
        .write("content/people/ann-ash.md", PERSON_MD)
        .write(
            "content/elections/2026-eastshire-mayor/election.yaml",
            &counting("Eastshire"),
        );
    site.built();
    for path in ["index.html", "elections/index.html"] {
        let html = site.page(path);
        let main = main_of(&html);
        assert!(!main.to_lowercase().contains("elected"), "{path}:\n{main}");
        assert!(!main.to_lowercase().contains("final"), "{path}:\n{main}");
        assert!(!main.contains("The winner"), "{path}");
        assert!(main.contains("provisional"), "{path}");
        assert_eq!(banners(&html).len(), 1, "{path}");
    }
    let home = site.page("index.html");
    assert!(home.contains(
        "Counting now: <a href=\"elections/2026-eastshire-mayor/index.html\">2026 Eastshire mayoral election</a>"
    ));
    assert!(
        home.contains(
            "<caption>2026 Eastshire mayoral election: provisional votes so far</caption>"
        )
    );
    assert!(home.contains("The count so far, area by area"));
}

#[test]
fn an_election_folder_called_index_keeps_its_own_page_beside_the_list() {
    let site = TestSite::standard("index-folder");
    site.write(
        "content/elections/index/election.yaml",
        &renamed("Indexshire", "2020-05-07"),
    );
    site.built();
    let list = site.page("elections/index.html");
    assert!(list.contains("<h1>Elections</h1>"));
    assert!(list.contains(
        "<a href=\"../elections/index/index.html\">2026 Indexshire mayoral election</a>"
    ));
    let election = site.page("elections/index/index.html");
    assert!(election.contains("<h1>2026 Indexshire mayoral election</h1>"));
}

#[test]
fn the_sitemap_lists_the_elections_list() {
    let site = TestSite::standard("elections-sitemap");
    site.write(
        "content/site.yaml",
        "title: T\npublisher: P\nbase_url: https://r.example\n",
    );
    site.built();
    assert!(
        site.page("sitemap.xml")
            .contains("<loc>https://r.example/elections/</loc>")
    );
    let home = site.page("index.html");
    assert!(home.contains("<a href=\"https://r.example/elections/\">Elections</a>"));
}
